"""Every relative link in the kit's Markdown files and notebooks points at a file that exists
(and, for ``file.md#anchor`` or ``#anchor``, at a heading that exists in a Markdown file).

Checked: ``*.md`` anywhere in the kit, the Markdown cells of the lesson sources
(``notebooks/src/*.py``, whose links are relative to ``notebooks/``, where the built notebook
lives) and of the committed notebooks (``notebooks/*.ipynb``). Web addresses are not fetched.
Nothing under ``.venv``, ``.git`` or the git-ignored ``work/`` folder is read.
"""
from __future__ import annotations

import importlib.util
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest

KIT = Path(__file__).resolve().parents[1]
NB_DIR = KIT / "notebooks"
SKIP_DIRS = {".venv", ".git", "work", "build", "node_modules", ".ipynb_checkpoints", ".pytest_cache",
             ".hypothesis", "itar.egg-info", "bench-out", "cache"}

# [text](target) and ![alt](target), with an optional "title"; <a href=...> and <img src=...>
MD_LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_LINK = re.compile(r"<(?:a|img)\b[^>]*?\b(?:href|src)\s*=\s*[\"']([^\"']+)[\"']", re.I)
FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.M | re.S)
INLINE_CODE = re.compile(r"`[^`\n]*`")
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)  # http:, https:, mailto:, attachment:, data: ...


def _kit_files(pattern: str) -> list[Path]:
    return sorted(p for p in KIT.rglob(pattern)
                  if not any(part in SKIP_DIRS for part in p.relative_to(KIT).parts[:-1]))


def _builder():
    spec = importlib.util.spec_from_file_location("nb_build", NB_DIR / "build.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def links(markdown: str) -> list[str]:
    """Link targets in Markdown text, outside code blocks and code spans.

    >>> links("See [a](docs/a.md#x), ![](f.png), `[no](code.md)` and <a href='b.md'>b</a>.")
    ['docs/a.md#x', 'f.png', 'b.md']
    """
    text = INLINE_CODE.sub("", FENCE.sub("", markdown))
    found = [(m.start(), m.group(1)) for m in MD_LINK.finditer(text)]
    found += [(m.start(), m.group(1)) for m in HTML_LINK.finditer(text)]
    return [target for _, target in sorted(found)]


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens.

    >>> slug("The seed article (Al-Bukamal, 19 November 2017)")
    'the-seed-article-al-bukamal-19-november-2017'
    >>> slug("`helpers.kwic` and <bdi>KWIC</bdi>")
    'helperskwic-and-kwic'
    """
    text = re.sub(r"<[^>]+>", "", heading).strip().lower()
    text = "".join(ch for ch in text if ch in " -_" or unicodedata.category(ch)[0] in "LNM")
    return text.replace(" ", "-")


def anchors(markdown: str) -> set[str]:
    """The anchors of a Markdown text's headings (with GitHub's -1, -2 for repeats) and explicit ids."""
    seen: dict[str, int] = {}
    out = set()
    for m in re.finditer(r"^#{1,6}\s+(.+?)\s*#*\s*$", FENCE.sub("", markdown), re.M):
        base = slug(m.group(1))
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.add(base if n == 0 else f"{base}-{n}")
    out.update(re.findall(r"""\b(?:id|name)=["']([^"']+)["']""", markdown))
    return out


def _markdown_of(path: Path) -> str:
    if path.suffix == ".md":
        return path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        nb = nbformat.read(path, as_version=4)
        return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    cells = _builder().parse(path.read_text(encoding="utf-8"))
    return "\n\n".join(c.source for c in cells if c.cell_type == "markdown")


def broken_links(markdown: str, base: Path) -> list[str]:
    """The relative links in `markdown`, read from folder `base`, that do not resolve."""
    bad = []
    for target in links(markdown):
        if EXTERNAL.match(target):
            continue
        file_part, _, anchor = unquote(target).partition("#")
        path = (base / file_part).resolve() if file_part else None
        if path is not None and not path.exists():
            bad.append(f"{target}: no such file")
            continue
        if anchor and (path is None or path.suffix == ".md"):
            text = markdown if path is None else path.read_text(encoding="utf-8")
            if anchor not in anchors(text):
                bad.append(f"{target}: no heading with the anchor #{anchor}")
    return bad


MARKDOWN_FILES = _kit_files("*.md")
LESSON_SOURCES = sorted((NB_DIR / "src").glob("*.py"))
NOTEBOOKS = sorted(NB_DIR.glob("*.ipynb"))


def test_the_kit_has_files_to_check():
    names = {p.relative_to(KIT).as_posix() for p in MARKDOWN_FILES}
    assert {"README.md", "docs/corpus_notes.md"} <= names
    assert LESSON_SOURCES and NOTEBOOKS


@pytest.mark.parametrize("path", MARKDOWN_FILES + LESSON_SOURCES + NOTEBOOKS,
                         ids=lambda p: p.relative_to(KIT).as_posix())
def test_every_relative_link_resolves(path):
    base = NB_DIR if path.parent == NB_DIR / "src" else path.parent
    bad = broken_links(_markdown_of(path), base)
    assert not bad, f"{path.relative_to(KIT)}: broken links:\n  " + "\n  ".join(bad)


@pytest.mark.parametrize("path", MARKDOWN_FILES + LESSON_SOURCES + NOTEBOOKS,
                         ids=lambda p: p.relative_to(KIT).as_posix())
def test_nothing_links_outside_the_kit(path):
    base = NB_DIR if path.parent == NB_DIR / "src" else path.parent
    for target in links(_markdown_of(path)):
        if EXTERNAL.match(target) or target.startswith("#"):
            continue
        resolved = (base / unquote(target).partition("#")[0]).resolve()
        assert resolved.is_relative_to(KIT), f"{path.relative_to(KIT)} links outside the kit: {target}"


def test_the_checker_catches_a_broken_link_and_a_broken_anchor(tmp_path):
    (tmp_path / "a.md").write_text("# Title\n\n## Second part\n", encoding="utf-8")
    text = "[ok](a.md) [ok](a.md#second-part) [bad](b.md) [bad](a.md#third-part) [web](https://x.org/y)"
    assert broken_links(text, tmp_path) == ["b.md: no such file", "a.md#third-part: no heading with the anchor #third-part"]


def test_no_kit_file_cites_the_shared_corpus_notes():
    # (the committed notebooks are built from the sources: tests/test_notebooks.py checks that)
    files = MARKDOWN_FILES + LESSON_SOURCES + [KIT / "corpus" / "seed" / "metadata.csv"]
    offenders = [p.relative_to(KIT).as_posix() for p in files if "CORPUS_NOTES" in p.read_text(encoding="utf-8")]
    assert not offenders, f"cite docs/corpus_notes.md instead of the shared notes: {offenders}"
