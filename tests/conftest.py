"""Shared fixtures. The mirrored corpora are read through ITAR_DATA (set by the Makefile)."""
import os
from pathlib import Path

import pytest

KIT = Path(__file__).resolve().parents[1]
SEED_FILE = KIT / "corpus" / "seed" / "000_5a5eed3a99ae86a8.txt"


def _mirror():
    value = os.environ.get("ITAR_DATA")
    if not value:
        default = KIT.parent / "shared" / "corpora"
        if default.is_dir():
            os.environ["ITAR_DATA"] = str(default)
            return default
        return None
    return Path(value)


@pytest.fixture(scope="session")
def mirror():
    path = _mirror()
    if path is None or not path.is_dir():
        # Not a skip: the README's test command always runs with the mirror.
        pytest.fail("ITAR_DATA is not set to the corpus mirror (run the tests with `make test`)")
    return path


@pytest.fixture(scope="session")
def seed():
    from helpers import load_corpus

    return load_corpus("seed")


@pytest.fixture(scope="session")
def seed_text(seed):
    return seed.loc[0, "text"]


@pytest.fixture(scope="session")
def snn(mirror):
    from helpers import load_corpus

    return load_corpus("saudinewsnet")


@pytest.fixture(scope="session")
def ant(mirror):
    from helpers import load_corpus

    return load_corpus("antcorpus")
