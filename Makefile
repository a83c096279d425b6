# Itar: every command creates or refreshes the virtual environment in .venv first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Where the mirrored corpora live (see README, "Data"). Empty means: download into the cache.
ITAR_DATA ?= $(shell [ -d ../shared/corpora ] && echo ../shared/corpora)
export ITAR_DATA
export PYTHONHASHSEED := 0

.PHONY: test figures lab bench clean-venv notebooks

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m helpers doctor
	touch $(STAMP)

test: $(STAMP)
	$(PY) -m pytest --nbval --nbval-current-env -p no:cacheprovider --nbval-sanitize-with notebooks/sanitize.cfg

figures: $(STAMP)
	$(PY) -m helpers figures --config corpus/figures.toml --out figures

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

notebooks: $(STAMP)
	$(PY) notebooks/build.py

bench: $(STAMP)
	$(PY) benchmarks/bench.py

clean-venv:
	rm -rf $(VENV)
