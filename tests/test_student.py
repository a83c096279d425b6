"""Student copies (``make student``): no solutions, no answers, hints for every exercise, and
nothing a student saves in ``work/`` can change what the tests collect."""
from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest

KIT = Path(__file__).resolve().parents[1]
NB_DIR = KIT / "notebooks"
SOURCES = sorted((NB_DIR / "src").glob("[0-9][0-9]_*.py"))


def _module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


student = _module("nb_student", NB_DIR / "student.py")
build = _module("nb_build", NB_DIR / "build.py")
links = _module("kit_links", Path(__file__).with_name("test_links.py"))


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    results = student.write_student_copies(out_dir=out)
    assert set(results.values()) == {"written"}
    return out


def _fingerprints(cell, lesson_text: str) -> list[str]:
    """Lines of a solution that no other cell of the lesson has: a copy holding any of them leaks it."""
    lines = [ln.strip().lstrip("#").strip() for ln in cell.source.splitlines()]
    return [ln for ln in lines if len(ln) > 25 and ln not in lesson_text]


def test_every_lesson_has_a_student_copy(copies):
    assert sorted(p.name for p in copies.glob("*.ipynb")) == [f"{s.stem}.ipynb" for s in SOURCES]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_student_copy_has_no_solution_and_no_answer(copies, source):
    nb = nbformat.read(copies / f"{source.stem}.ipynb", as_version=4)
    assert not [c for c in nb.cells if student.is_solution(c)]
    cells = build.parse(source.read_text(encoding="utf-8"))
    solutions = [c for c in cells if student.is_solution(c)]
    assert solutions, f"{source.name}: the lesson has no solution cell"
    rest = "\n".join(c.source for c in cells if not student.is_solution(c))
    text = "\n".join(c.source for c in nb.cells)
    for cell in solutions:
        fingerprints = _fingerprints(cell, rest)
        assert fingerprints, f"{source.name}: a solution cell repeats the lesson word for word"
        for line in fingerprints:
            assert line not in text, f"{source.name}: the student copy still contains {line!r}"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_student_copy_has_no_output_of_a_solution(copies, source):
    """No output of a teacher-copy solution cell appears anywhere in the student copy."""
    teacher = NB_DIR / f"{source.stem}.ipynb"
    if not teacher.exists():
        pytest.fail(f"{teacher.name} is missing: run `make notebooks`")
    solution_outputs = {json.dumps(o, sort_keys=True) for c in nbformat.read(teacher, as_version=4).cells
                        if student.is_solution(c) for o in c.get("outputs", [])}
    nb = nbformat.read(copies / f"{source.stem}.ipynb", as_version=4)
    outputs = [json.dumps(o, sort_keys=True) for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not solution_outputs & set(outputs)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_student_copy_keeps_the_rest_of_the_lesson(copies, source):
    cells = build.parse(source.read_text(encoding="utf-8"))
    nb = nbformat.read(copies / f"{source.stem}.ipynb", as_version=4)
    kept = [c for c in cells if not student.is_solution(c)]
    assert len(nb.cells) == len(kept) + 1  # plus the note saying what the copy is
    assert nb.cells[0].source == kept[0].source and nb.cells[1].source.startswith("*Student copy")
    assert nb.metadata["itar"]["copy"] == "student"
    nbformat.validate(nb)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_student_copy_runs_without_the_solutions(source):
    """No later cell reads a name that only a solution defines (the copy would stop with a NameError)."""
    nb = nbformat.v4.new_notebook(cells=build.parse(source.read_text(encoding="utf-8")))
    assert student.needs_a_solution(nb) == []


def test_the_dependency_check_catches_a_cell_that_needs_a_solution():
    nb = nbformat.v4.new_notebook(cells=build.parse(
        "# %%\nx = 1\n# %% [solution]\nanswer = x + 1\n# %%\nprint(answer, x)\n"))
    assert student.needs_a_solution(nb) == ["cell 2 reads 'answer', which only a solution cell defines"]


def test_relative_links_and_paths_still_resolve_from_the_student_folder(copies):
    for path in sorted(copies.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        markdown = "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        assert not links.broken_links(markdown, copies), path.name
        for cell in nb.cells:
            if cell.cell_type == "code":
                for m in student.CODE_PATH.finditer(cell.source):
                    assert (copies / m["path"]).resolve().exists(), f"{path.name}: {m['path']}"
    lesson4 = nbformat.read(copies / "04_entities.ipynb", as_version=4)
    assert any("corpus/lexicons/entities.csv" in c.source and "../corpus" not in c.source
               for c in lesson4.cells if c.cell_type == "code")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_text_after_a_solution_is_marked_as_an_answer_or_starts_a_new_section(source):
    """A written answer must be a `# %% [answer]` cell, so that student copies leave it out."""
    nb = nbformat.v4.new_notebook(cells=build.parse(source.read_text(encoding="utf-8")))
    assert student.unmarked_answers(nb) == [], (
        f"{source.name}: mark the text after a solution `# %% [answer]`, or start it with a heading")


def test_an_unmarked_answer_is_still_left_out_of_the_student_copy(tmp_path):
    nb = nbformat.v4.new_notebook(cells=build.parse(
        "# %% [markdown]\n# # T\n# %% [markdown]\n# **Exercise.** Why? Hint: look.\n"
        "# %% [solution]\nx = 1\n# %% [markdown]\n# Because x is 1.\n#\n# ## What to read next\n"
        "# %% [solution]\ny = 2\n# %% [markdown]\n# Because y is 2.\n"))
    assert student.unmarked_answers(nb) == [3, 5]
    copy = student.student_copy(nb, source_name="99_demo.ipynb", out_dir=tmp_path)
    text = "\n".join(c.source for c in copy.cells)
    assert "Because" not in text and "## What to read next" in text and "Hint: look." in text


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_exercise_has_a_hint(source):
    """Between an exercise's statement and its solution, the lesson gives a hint."""
    cells = build.parse(source.read_text(encoding="utf-8"))
    starts = [k for k, c in enumerate(cells) if c.cell_type == "markdown" and not student.is_solution(c)
              and re.search(r"^#+ .*Exercise|\*\*Exercise", c.source, re.M)]
    assert starts, f"{source.name} has no exercise"
    for k in starts:
        end = next((j for j in range(k + 1, len(cells)) if student.is_solution(cells[j])), len(cells))
        statement = "\n".join(c.source for c in cells[k:end])
        assert re.search(r"\bHints?\b", statement), f"{source.name}: the exercise in cell {k} has no hint"


def test_an_edited_copy_is_kept_unless_forced(tmp_path):
    student.write_student_copies(["01"], out_dir=tmp_path)
    copy = tmp_path / "01_tour.ipynb"
    nb = nbformat.read(copy, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("my_answer = 42"))
    nbformat.write(nb, copy)
    edited = copy.read_text(encoding="utf-8")
    assert student.write_student_copies(["01"], out_dir=tmp_path)["01_tour.ipynb"].startswith("kept")
    assert copy.read_text(encoding="utf-8") == edited
    assert student.write_student_copies(["01"], out_dir=tmp_path, force=True)["01_tour.ipynb"].startswith("replaced")
    assert (tmp_path / "01_tour.bak.ipynb").read_text(encoding="utf-8") == edited
    assert "my_answer" not in copy.read_text(encoding="utf-8")
    nbformat.write(nb, copy)  # edited again, and replaced again: the first backup is not overwritten
    student.write_student_copies(["01"], out_dir=tmp_path, force=True)
    assert (tmp_path / "01_tour.bak.ipynb").read_text(encoding="utf-8") == edited
    assert (tmp_path / "01_tour.bak-2.ipynb").exists()
    assert student.write_student_copies(["01"], out_dir=tmp_path)["01_tour.ipynb"] == "up to date"


def test_work_folder_is_ignored_by_git_and_by_pytest():
    assert re.search(r"^/?work/?$", (KIT / ".gitignore").read_text(encoding="utf-8"), re.M)
    options = tomllib.loads((KIT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert "work" not in [Path(p).parts[0] for p in options["testpaths"]]
    assert "--ignore=work" in options["addopts"].split()
    assert student.DEFAULT_OUT.relative_to(KIT).parts[0] == "work"


def test_a_saved_student_copy_leaves_the_test_collection_unchanged():
    """Save an edited (and broken) student copy in work/student/, then collect as `make test` does:
    only the committed lessons are collected as notebooks, nothing from work/."""
    out = student.DEFAULT_OUT
    out.mkdir(parents=True, exist_ok=True)
    probe = out / f"zz_probe_{os.getpid()}.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 / 0")])
    nb.cells[0].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)]
    nbformat.write(nb, probe)
    try:
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "--collect-only", "-q", "--nbval", "--nbval-current-env",
             "-p", "no:cacheprovider", "--nbval-sanitize-with", "notebooks/sanitize.cfg"],
            cwd=KIT, capture_output=True, text=True, timeout=600)
    finally:
        probe.unlink()
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    ids = [ln for ln in run.stdout.splitlines() if "::" in ln]
    assert ids and not [i for i in ids if i.startswith("work")]
    collected = {i.split("::")[0] for i in ids if i.split("::")[0].endswith(".ipynb")}
    assert collected == {p.relative_to(KIT).as_posix() for p in NB_DIR.glob("[0-9][0-9]_*.ipynb")}


def test_teacher_copies_collapse_solutions_and_their_outputs():
    cells = build.parse("# %% [markdown]\n# **Exercise.** Hint: x.\n# %% [solution]\nx = 1\nx\n"
                        "# %% [answer]\n# It is 1.\n")
    assert [c.cell_type for c in cells] == ["markdown", "code", "markdown"]
    assert not student.is_solution(cells[0])
    assert cells[1].metadata["jupyter"] == {"source_hidden": True, "outputs_hidden": True}
    assert cells[2].metadata["jupyter"] == {"source_hidden": True}
    assert all(student.is_solution(c) for c in cells[1:])
