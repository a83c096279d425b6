# Itar: every command creates or refreshes the virtual environment in .venv first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Where the mirrored corpora live (see README, "Data"). Empty means: download into the cache.
ITAR_DATA ?= $(shell [ -d ../shared/corpora ] && echo ../shared/corpora)
export ITAR_DATA
export PYTHONHASHSEED := 0

.PHONY: test figures lab bench bench-readme clean-venv notebooks student
# JupyterLab's "news" (announcements) plugin polls the internet and pops up notifications in class.
LAB_NEWS := @jupyterlab/apputils-extension:announcements

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m jupyterlab.labextensions disable --level=sys_prefix "$(LAB_NEWS)" >/dev/null
	$(PY) -m helpers doctor
	touch $(STAMP)

test: $(STAMP)
	$(PY) -m pytest --nbval --nbval-current-env -p no:cacheprovider --nbval-sanitize-with notebooks/sanitize.cfg

figures: $(STAMP)
	$(PY) -m helpers figures --config corpus/figures.toml --out figures

# Opens at the kit's root, so the README, codebooks, docs and figures are one click away.
lab: $(STAMP)
	$(PY) -m jupyterlab --ServerApp.root_dir="$(CURDIR)" --ServerApp.ip=127.0.0.1 $(if $(filter 0,$(shell id -u)),--allow-root,)

# Student copies of every lesson, without solutions, into the git-ignored work/student/
# (FORCE=1 replaces copies a student has changed, keeping each as NAME.bak.ipynb).
student: $(STAMP)
	$(PY) notebooks/student.py $(if $(FORCE),--force,)

notebooks: $(STAMP)
	$(PY) notebooks/build.py

bench: $(STAMP)
	$(PY) benchmarks/bench.py

# The kit and its peers side by side (PyArabic, CAMeL Tools, pyahocorasick, plain regexes); rewrites
# the README's performance block. The peers are the optional `bench` extra (missing ones print
# "not installed"); CAMeL Tools goes in without its dependencies (its list includes torch).
bench-readme: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) -m pip install --quiet --no-deps camel-tools
	$(PY) benchmarks/bench_peers.py --readme README.md

clean-venv:
	rm -rf $(VENV)
