"""`make figures`: every figure and table, identical bytes on every run, with a manifest."""
import hashlib
import re
from pathlib import Path

import pytest

from helpers import figures

KIT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory, mirror):
    a = tmp_path_factory.mktemp("figures-a")
    b = tmp_path_factory.mktemp("figures-b")
    return figures.make_figures(a), a, figures.make_figures(b), b


def test_every_figure_in_three_formats_and_every_table(two_runs):
    written, out, _, _ = two_runs
    names = {p.relative_to(out).as_posix() for p in written}
    for fig in figures.FIGURES:
        assert {f"{fig}.svg", f"{fig}.pdf", f"{fig}.png"} <= names
    for table in figures.TABLES:
        assert f"tables/{table}.csv" in names
    assert "MANIFEST.sha256" in names


def test_two_runs_give_identical_bytes(two_runs):
    _, a, _, b = two_runs
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), f"{rel} differs between runs"


def test_manifest_checksums_match_files(two_runs):
    _, out, _, _ = two_runs
    lines = (out / "MANIFEST.sha256").read_text().splitlines()
    assert len(lines) == len(figures.FIGURES) * 3 + len(figures.TABLES)
    for line in lines:
        digest, rel = line.split("  ")
        assert hashlib.sha256((out / rel).read_bytes()).hexdigest() == digest


def test_no_timestamps_or_paths_in_files(two_runs):
    _, out, _, _ = two_runs
    for p in out.rglob("*"):
        if p.suffix in (".svg", ".pdf", ".csv"):
            data = p.read_bytes()
            assert b"CreationDate" not in data and b"<dc:date>" not in data, p.name
            assert str(out).encode() not in data and b"/work/" not in data, p.name


def test_committed_figures_are_the_current_set():
    manifest = (KIT / "figures" / "MANIFEST.sha256").read_text().splitlines()
    listed = {line.split("  ")[1] for line in manifest}
    expected = {f"{f}.{ext}" for f in figures.FIGURES for ext in ("svg", "pdf", "png")}
    expected |= {f"tables/{t}.csv" for t in figures.TABLES}
    assert listed == expected
    for rel in listed:
        assert (KIT / "figures" / rel).is_file()


def test_readme_gallery_shows_every_figure():
    readme = (KIT / "README.md").read_text(encoding="utf-8")
    for fig in figures.FIGURES:
        assert re.search(rf"figures/{fig}\.png", readme), f"{fig} missing from the README gallery"


def test_seed_entity_table_has_glosses(two_runs):
    import pandas as pd

    _, out, _, _ = two_runs
    t = pd.read_csv(out / "tables" / "seed_entities.csv")
    assert t["gloss"].notna().all() and (t["mentions"] > 0).all()
    assert t.set_index("label").loc["albukamal", "mentions"] == 13
