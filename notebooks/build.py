"""Build the lesson notebooks from their sources and execute them, so they are committed with outputs.

Each lesson is written as a plain Python file in ``notebooks/src/`` ("percent" format, readable
in any editor and in diffs):

* ``# %% [markdown]`` starts a Markdown cell; its lines are comments (``# text``);
* ``# %%`` starts a code cell;
* ``# %% [solution]`` starts a code cell holding an exercise's worked solution: it is
  collapsed in JupyterLab with its output (``source_hidden``, ``outputs_hidden``) and tagged
  ``solution``; nbval runs it too;
* ``# %% [answer]`` starts a Markdown cell that gives an exercise's answer away (a written
  interpretation, the answer to a question): collapsed and tagged ``solution`` like a solution.

The committed notebooks are the teacher copies. ``notebooks/student.py`` (``make student``)
writes student copies without the cells tagged ``solution``.

Usage (``make notebooks``)::

    python notebooks/build.py            # all lessons
    python notebooks/build.py 03         # lessons whose file name starts with 03

Execution runs in ``notebooks/`` with the kit's environment (``ITAR_DATA`` as set), so the
committed outputs are what ``pytest --nbval`` reproduces.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
CELL_RE = re.compile(r"^# %%(?: \[(markdown|solution|answer)\])?\s*$")
SOLUTION_TAG = "solution"


def parse(source: str) -> list:
    cells = []
    kind, lines = None, []

    def flush():
        if kind is None:
            return
        text = "\n".join(lines).strip("\n")
        if kind in ("markdown", "answer"):
            text = "\n".join(re.sub(r"^# ?", "", ln) for ln in text.splitlines())
            cell = nbformat.v4.new_markdown_cell(text)
        else:
            cell = nbformat.v4.new_code_cell(text)
        if kind == "solution":  # collapsed, and so is its output, until the teacher opens it
            cell.metadata["tags"] = [SOLUTION_TAG]
            cell.metadata["jupyter"] = {"source_hidden": True, "outputs_hidden": True}
        elif kind == "answer":
            cell.metadata["tags"] = [SOLUTION_TAG]
            cell.metadata["jupyter"] = {"source_hidden": True}
        cells.append(cell)

    for line in source.splitlines():
        m = CELL_RE.match(line)
        if m:
            flush()
            kind, lines = (m.group(1) or "code"), []
        else:
            lines.append(line)
    flush()
    return cells


def build(path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = parse(path.read_text(encoding="utf-8"))
    for k, cell in enumerate(nb.cells):
        cell["id"] = f"{path.stem[:2]}-{k:03d}"  # stable ids: no random noise in diffs
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    client = NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(HERE)}})
    client.execute()
    for cell in nb.cells:  # keep committed notebooks free of volatile metadata
        cell.metadata.pop("execution", None)
    out = HERE / f"{path.stem}.ipynb"
    nbformat.write(nb, out)
    return out


def main(argv: list[str]) -> int:
    prefixes = argv or [""]
    sources = sorted(p for p in SRC.glob("*.py") if any(p.name.startswith(x) for x in prefixes))
    if not sources:
        print("no lesson sources match", argv, file=sys.stderr)
        return 1
    for src in sources:
        print("building", src.name, flush=True)
        print("  wrote", build(src).relative_to(HERE.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
