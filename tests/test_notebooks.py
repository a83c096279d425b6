"""The committed notebooks: built from their sources, executed (nbval strict skips cleared
outputs silently, so we check that outputs are there), and shaped like a lesson."""
import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

NB_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NB_DIR.glob("[0-9][0-9]_*.ipynb"))
LESSONS = ["01_tour", "02_loading", "03_cleaning", "04_entities", "05_frames", "06_charts", "07_validity",
           "08_douma"]


def _builder():
    spec = importlib.util.spec_from_file_location("nb_build", NB_DIR / "build.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_all_lessons_are_there():
    assert [p.stem for p in NOTEBOOKS] == LESSONS
    assert sorted(p.stem for p in (NB_DIR / "src").glob("*.py")) == LESSONS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_code_cell_was_executed_and_has_output(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert code
    counts = [c.execution_count for c in code]
    assert None not in counts, f"{path.name}: some cells were never executed"
    assert counts == sorted(counts)
    with_output = [c for c in code if c.outputs]
    assert len(with_output) >= 0.6 * len(code), f"{path.name}: outputs look cleared"
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors
    stderr = [o for c in code for o in c.outputs if o.output_type == "stream" and o.name == "stderr"]
    assert not stderr, f"{path.name}: warnings in committed outputs: {stderr[0].text[:200]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_built_from_its_source(path):
    nb = nbformat.read(path, as_version=4)
    cells = _builder().parse((NB_DIR / "src" / f"{path.stem}.py").read_text(encoding="utf-8"))
    assert [c.source for c in nb.cells] == [c.source for c in cells], "rebuild with `make notebooks`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_reads_like_a_lesson(path):
    nb = nbformat.read(path, as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    assert re.search(r"\*\*Goal", nb.cells[0].source)
    assert re.search(r"Exercise", markdown)
    assert any("solution" in c.metadata.get("tags", []) for c in nb.cells)
    assert re.search(r"What to read next", markdown)
    assert "dir=\"rtl\"" in markdown or "dir='rtl'" in markdown  # Arabic prose shown right-to-left


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_uses_the_package_instead_of_copying_it(path):
    nb = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "import helpers" in code or "from helpers" in code
    import helpers

    for name in helpers.__dict__:
        if not name.startswith("_") and callable(getattr(helpers, name)):
            assert not re.search(rf"^\s*def {name}\(", code, re.M), f"{path.name} redefines helpers.{name}"
    assert "get_display(arabic_reshaper.reshape" not in code.replace(" ", "") or path.stem == "01_tour"


CHART_CALL = re.compile(r"helpers\.(bar_chart|rates_chart|heatmap|timeline|keyness_chart|network_chart|word_cloud)\(|"
                        r"helpers\.figures\.fig_\w+\(|plt\.subplots\(")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_chart_cell_shows_its_picture(path):
    nb = nbformat.read(path, as_version=4)
    for k, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not CHART_CALL.search(cell.source) or "save_figure" in cell.source:
            continue
        images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
        assert images, f"{path.name}, cell {k}: draws a chart but its picture is missing"
