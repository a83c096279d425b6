"""environment.yml (conda/Binder) must list the same packages as pyproject.toml."""
import re
import tomllib
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
# conda-forge names that differ from PyPI names
CONDA_NAMES = {"dask[dataframe]": "dask"}


def _name_and_spec(req: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-\[\]]+)\s*(.*)$", req)
    name, spec = m.group(1).lower(), m.group(2).replace(" ", "")
    return CONDA_NAMES.get(name, name), spec


def _pyproject() -> dict[str, str]:
    data = tomllib.loads((KIT / "pyproject.toml").read_text(encoding="utf-8"))
    reqs = data["project"]["dependencies"] + data["project"]["optional-dependencies"]["test"]
    return dict(_name_and_spec(r) for r in reqs)


def _environment() -> dict[str, str]:
    out = {}
    text = (KIT / "environment.yml").read_text(encoding="utf-8")
    for line in text.split("\ndependencies:", 1)[1].splitlines():
        m = re.match(r"^\s*-\s+([^\s#:]+)\s*$", line)
        if not m or m.group(1) in ("pip", "-e", "."):
            continue
        name, spec = _name_and_spec(m.group(1))
        if name == "python":
            continue
        out[name] = spec
    return out


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    py, env = _pyproject(), _environment()
    assert set(py) == set(env), f"only in pyproject: {set(py) - set(env)}; only in environment.yml: {set(env) - set(py)}"
    for name, spec in py.items():
        assert env[name] == spec, f"{name}: pyproject says {spec!r}, environment.yml says {env[name]!r}"


def test_environment_yml_installs_the_kit_itself():
    text = (KIT / "environment.yml").read_text(encoding="utf-8")
    assert re.search(r"^\s*-\s+-e \.\s*$", text, re.M)
    assert "python>=3.11" in text
