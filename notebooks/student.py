"""Write student copies of the lessons: no worked solutions, no answers, nothing that gives them away.

The committed notebooks in ``notebooks/`` are the teacher copies: each exercise is followed by
its worked solution (a code cell) and sometimes a written answer (a Markdown cell), both tagged
``solution`` by ``notebooks/build.py`` (``# %% [solution]`` and ``# %% [answer]`` in the
sources). A student copy is the lesson without those cells, and therefore without their
outputs; every other cell keeps the output of the teacher copy, so the lesson still reads well
before it is run.

Usage (``make student``)::

    python notebooks/student.py                  # every lesson, into work/student/
    python notebooks/student.py 04 05            # lessons whose file name starts with 04 or 05
    python notebooks/student.py --out DIR        # another folder
    python notebooks/student.py --force          # replace copies that were edited (kept as .bak)

``work/`` is ignored by git and by the tests (``--ignore=work`` in pyproject.toml), so a student
can edit and save a copy without changing the kit or breaking ``make test``. A copy that differs
from a fresh one (a student's work) is never overwritten unless ``--force`` is given, and then
the old file is kept next to it as ``NAME.bak.ipynb`` (``NAME.bak-2.ipynb``, ... if that exists).
Relative links and relative paths in the lessons (``../corpus/lexicons/frames.csv``) are
rewritten so that they still resolve from the output folder.
"""
from __future__ import annotations

import argparse
import ast
import importlib.util
import os
import re
import sys
import tempfile
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
KIT = HERE.parent
DEFAULT_OUT = KIT / "work" / "student"
SOLUTION_TAG = "solution"

MD_TARGET = re.compile(r"(!?\[(?:[^\]\\]|\\.)*\]\(\s*<?)([^)\s>]+)")
HTML_TARGET = re.compile(r"(<(?:a|img)\b[^>]*?\b(?:href|src)\s*=\s*[\"'])([^\"']+)", re.I)
CODE_PATH = re.compile(r"(?P<q>[\"'])(?P<path>\.\.?/[^\"'\n]*)(?P=q)")
EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|#)", re.I)


def is_solution(cell) -> bool:
    """True for a cell the teacher copy marks as a solution or an answer."""
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def _moved(target: str, out_dir: Path) -> str:
    """`target`, relative to notebooks/, rewritten relative to `out_dir` (unchanged if it does not exist)."""
    file_part, hash_, anchor = target.partition("#")
    if not file_part or EXTERNAL.match(target):
        return target
    path = (HERE / file_part).resolve()
    if not path.exists():
        return target
    return Path(os.path.relpath(path, out_dir.resolve())).as_posix() + hash_ + anchor


def relocate(cell, out_dir: Path):
    """Rewrite a cell's relative links (Markdown) or relative path literals (code) for `out_dir`."""
    if cell.cell_type == "markdown":
        swap = lambda m: m.group(1) + _moved(m.group(2), out_dir)  # noqa: E731
        cell.source = HTML_TARGET.sub(swap, MD_TARGET.sub(swap, cell.source))
    elif cell.cell_type == "code":
        cell.source = CODE_PATH.sub(lambda m: m["q"] + _moved(m["path"], out_dir) + m["q"], cell.source)
    return cell


def _names(source: str) -> tuple[set[str], set[str]]:
    """(names assigned, names read) by a code cell; IPython magics and shell lines are skipped."""
    code = "\n".join("" if ln.lstrip().startswith(("%", "!")) else ln for ln in source.splitlines())
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set(), set()
    stored, loaded = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (stored if isinstance(node.ctx, (ast.Store, ast.Del)) else loaded).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            stored.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            stored.update((a.asname or a.name).split(".")[0] for a in node.names)
    return stored, loaded


def needs_a_solution(nb) -> list[str]:
    """Names that a non-solution code cell reads but only a solution cell defines.

    A student copy of such a lesson would stop with a NameError for a student who has not solved
    the exercise, so ``make student`` refuses it. Empty for a well-formed lesson.
    """
    defined, from_solutions, problems = set(), set(), []
    for k, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        stored, loaded = _names(cell.source)
        if is_solution(cell):
            from_solutions |= stored - defined
            continue
        for name in sorted((loaded & from_solutions) - defined):
            problems.append(f"cell {k} reads {name!r}, which only a solution cell defines")
        defined |= stored
    return problems


def _builder():
    spec = importlib.util.spec_from_file_location("nb_build", HERE / "build.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def teacher_notebook(source: Path, teacher: Path | None = None):
    """The lesson built from its source, with the outputs of the committed teacher copy.

    Which cells are solutions is read from the source (``# %% [solution]``, ``# %% [answer]``),
    so a student copy never depends on how recently the notebooks were rebuilt. A code cell
    gets the outputs of the teacher copy's cell with the same source; a cell that changed since
    the last ``make notebooks`` has no outputs (the student runs it).
    """
    nb = nbformat.v4.new_notebook()
    nb.cells = _builder().parse(source.read_text(encoding="utf-8"))
    nb.metadata = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}}
    executed: dict[str, list] = {}
    if teacher is not None and teacher.exists():
        old = nbformat.read(teacher, as_version=4)
        nb.metadata = old.metadata
        for cell in old.cells:
            if cell.cell_type == "code":
                executed.setdefault(cell.source, []).append(cell)
    for k, cell in enumerate(nb.cells):
        cell["id"] = f"{source.stem[:2]}-{k:03d}"
        if cell.cell_type == "code" and executed.get(cell.source):
            done = executed[cell.source].pop(0)
            cell.outputs, cell.execution_count = done.outputs, done.execution_count
    return nb


HEADING = re.compile(r"^#{1,6} ", re.M)


def unmarked_answers(nb) -> list[int]:
    """Markdown cells right after a solution that neither are marked ``[answer]`` nor start a
    new section with a heading: most likely a written answer that was not marked."""
    return [k for k in range(1, len(nb.cells))
            if nb.cells[k].cell_type == "markdown" and not is_solution(nb.cells[k])
            and is_solution(nb.cells[k - 1]) and not HEADING.match(nb.cells[k].source)]


def student_copy(nb, *, source_name: str, out_dir: Path):
    """A student copy of a teacher notebook (a new object; `nb` is not changed).

    A safety net for lessons written before ``[answer]`` existed: a Markdown cell right after a
    solution loses its text up to its first heading (the whole cell if it has none), since such
    text comments on the solution. Lessons should mark it ``# %% [answer]`` instead.
    """
    copy = nbformat.from_dict(nb)  # deep copy
    for k in unmarked_answers(copy):
        heading = HEADING.search(copy.cells[k].source)
        if heading:
            copy.cells[k].source = copy.cells[k].source[heading.start():]
        else:
            copy.cells[k].metadata.setdefault("tags", []).append(SOLUTION_TAG)
    cells = [relocate(c, out_dir) for c in copy.cells if not is_solution(c)]
    note = nbformat.v4.new_markdown_cell(
        f"*Student copy of `notebooks/{source_name}`, made by `make student`. Work here and save as "
        "often as you like: this folder is yours, and git and the tests ignore it. The worked "
        "solutions are in the teacher copy.*")
    note["id"] = f"{Path(source_name).stem[:2]}-student"
    copy.cells = cells[:1] + [note] + cells[1:]
    copy.metadata["itar"] = {"copy": "student", "teacher_copy": f"notebooks/{source_name}"}
    return copy


def _text(nb) -> str:
    return nbformat.writes(nb).rstrip("\n") + "\n"


def _free_backup_name(path: Path) -> Path:
    """NAME.bak.ipynb, or NAME.bak-2.ipynb, -3, ... : never an existing file."""
    candidate, k = path.with_suffix(".bak.ipynb"), 1
    while candidate.exists():
        k += 1
        candidate = path.with_suffix(f".bak-{k}.ipynb")
    return candidate


def _write_atomically(nb, path: Path, *, backup: Path | None = None) -> None:
    """Write `nb` to a temporary file, then (after moving any old `path` to `backup`) rename it."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".ipynb.tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(_text(nb))
        if backup is not None:
            os.replace(path, backup)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_student_copies(prefixes=("",), *, out_dir: Path = DEFAULT_OUT, force: bool = False,
                         teacher_dir: Path = HERE) -> dict[str, str]:
    """Write a student copy of each lesson into `out_dir`; return {file name: what happened}."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in (teacher_dir / "src").glob("[0-9][0-9]_*.py") if any(p.name.startswith(x) for x in prefixes))
    if not sources:
        raise SystemExit(f"no lesson sources in {teacher_dir / 'src'} match {list(prefixes)}")
    done = {}
    for source in sources:
        name = f"{source.stem}.ipynb"
        nb = teacher_notebook(source, teacher_dir / name)
        problems = needs_a_solution(nb)
        if problems:
            done[name] = "NOT WRITTEN: a student copy would not run without the solutions: " + "; ".join(problems)
            continue
        fresh = student_copy(nb, source_name=name, out_dir=out_dir)
        target = out_dir / name
        unmarked = unmarked_answers(nb)
        note = (f" (cells {unmarked} follow a solution without `# %% [answer]`: their text before "
                "the next heading was left out)") if unmarked else ""
        if target.exists():
            if _text(fresh) == target.read_text(encoding="utf-8"):
                done[name] = "up to date" + note
                continue
            if not force:
                done[name] = "kept (it has changed since it was made: your work?); --force replaces it"
                continue
            backup = _free_backup_name(target)
            _write_atomically(fresh, target, backup=backup)
            done[name] = f"replaced (the old copy is {backup.name})" + note
            continue
        _write_atomically(fresh, target)
        done[name] = "written" + note
    return done


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefixes", nargs="*", default=[""], help="lesson file name prefixes (default: all)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: work/student)")
    parser.add_argument("--force", action="store_true", help="replace edited copies, keeping a .bak")
    args = parser.parse_args(argv)
    results = write_student_copies(args.prefixes or [""], out_dir=args.out, force=args.force)
    where = os.path.relpath(args.out.resolve(), Path.cwd())
    for name, what in results.items():
        print(f"{where}/{name}: {what}")
    return 1 if any(what.startswith("NOT WRITTEN") for what in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
