"""The kit installed as a wheel (``pip install .``, not editable) loads its own data from anywhere.

The wheel is built from the tracked files into ``tmp_path`` and installed without its
dependencies into a fresh virtual environment, which borrows the dependencies of the test
environment through a ``.pth`` line (installing pandas, Dask, Jupyter... afresh takes
minutes: ``.ci/wheel`` does that in CI). ``.ci/check_installed.py`` then runs from another
folder. Kit paths and lexicon names are also checked in-process from another folder.
"""
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from helpers import Lexicon, load_corpus
from helpers.datasets import kit_file, kit_lexicons, kit_path
from helpers.lexicon import as_lexicon

KIT = Path(__file__).resolve().parents[1]


def _tracked_files() -> list[str]:
    done = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=KIT,
                          capture_output=True, text=True, check=True)
    return [f for f in done.stdout.splitlines() if (KIT / f).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    for rel in _tracked_files():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_bytes((KIT / rel).read_bytes())
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp / "dist"),
                    str(src)], check=True, capture_output=True, timeout=300)
    (found,) = (tmp / "dist").glob("itar-*.whl")
    return found


def test_the_wheel_ships_the_registry_and_every_file_under_corpus(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = [f for f in _tracked_files() if f.startswith("corpus/")]
    assert any(f.startswith("corpus/lexicons/") for f in shipped) and any(f.startswith("corpus/seed/") for f in shipped)
    missing = [f for f in shipped if "helpers/kit/" + f.removeprefix("corpus/") not in names]
    assert missing == [], f"add their folders to [tool.setuptools] in pyproject.toml: {missing}"
    registry = sorted(p.name for p in (KIT / "helpers" / "registry").glob("*.sha256"))
    assert registry and all(f"helpers/registry/{name}" in names for name in registry)
    assert not any(n.startswith(("corpus/", "tests/", "notebooks/")) for n in names)


def test_the_installed_wheel_loads_seed_lexicons_and_a_registered_corpus(wheel, tmp_path, mirror):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    str(wheel)], check=True, capture_output=True, timeout=120)
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # The test environment's dependencies, without its editable install of the checkout (a plain
    # path line: the .pth files in that folder, among them the editable finder, are not run).
    (site / "borrowed-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ITAR_CACHE")}
    env["ITAR_DATA"] = str(Path(mirror).resolve())
    done = subprocess.run([str(python), str(KIT / ".ci" / "check_installed.py"), str(KIT)], cwd=elsewhere, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"installed kit OK: {site / 'helpers'}" in done.stdout and "antcorpus 2,765 articles" in done.stdout


# --- in-process, from another working directory -------------------------------------------------


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_kit_lexicons_by_name_from_any_folder(elsewhere):
    assert {"entities", "frames"} <= set(kit_lexicons())
    for name, path in kit_lexicons().items():
        by_name = as_lexicon(name)
        assert by_name.source == f"{name}.csv" and len(by_name) > 0
        assert Lexicon.from_csv(f"corpus/lexicons/{name}.csv").labels == by_name.labels
        assert Lexicon.from_csv(name).labels == by_name.labels == Lexicon.from_csv(path).labels


def test_seed_from_any_folder(elsewhere, seed):
    assert load_corpus("seed")["doc_id"].tolist() == seed["doc_id"].tolist()


def test_a_users_own_file_wins_over_the_kit(elsewhere):
    own = elsewhere / "corpus" / "lexicons"
    own.mkdir(parents=True)
    (own / "entities.csv").write_text("label,category,gloss,pattern\nmine,actor,mine,كلمة\n", encoding="utf-8")
    assert Lexicon.from_csv("corpus/lexicons/entities.csv").labels == ["mine"]
    assert as_lexicon("entities").labels != ["mine"]  # a name is always the kit's lexicon


def test_other_strings_are_not_taken_for_kit_files(elsewhere):
    assert as_lexicon("entity").labels == ["entity"]  # not a kit name: a pattern, as before
    assert kit_file("corpus/../corpus/lexicons/entities.csv") == Path("corpus/../corpus/lexicons/entities.csv")
    assert kit_file("../entities") == Path("../entities")
    with pytest.raises(ValueError, match="no such lexicon file"):
        Lexicon.from_csv("corpus/lexicons/no_such.csv")


def test_kit_path_is_the_checkout_corpus_folder_here():
    assert kit_path("seed") == KIT / "corpus" / "seed"
