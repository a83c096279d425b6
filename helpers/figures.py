"""The paper figures and tables: recipes that call the other stages and write ``figures/``.

``python -m helpers figures`` (``make figures``) regenerates every file and writes
``MANIFEST.sha256`` with one checksum per file. Files carry no dates or random ids, so two
runs give identical bytes.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from .corpus import load_corpus

__all__ = ["make_figures", "corpus_summary"]


def corpus_summary(corpus: pd.DataFrame) -> pd.DataFrame:
    """Articles, empty texts, repeated texts and date range per outlet.

    >>> corpus_summary(load_corpus("seed"))["articles"].tolist()
    [1]
    """
    g = corpus.groupby(["dataset", "outlet"], sort=True)
    out = pd.DataFrame({
        "articles": g.size(),
        "empty": g["is_empty"].sum(),
        "repeated_text": g["duplicate_of"].agg(lambda s: int(s.notna().sum())),
        "first_date": g["date"].min().dt.strftime("%Y-%m-%d"),
        "last_date": g["date"].max().dt.strftime("%Y-%m-%d"),
    })
    return out.reset_index()


def _write_csv(df: pd.DataFrame, path: Path) -> None:
    path.write_bytes(df.to_csv(index=False, lineterminator="\n").encode("utf-8"))


def make_figures(out: str | Path = "figures") -> list[Path]:
    """Regenerate every figure and table into ``out``; return the files written."""
    out = Path(out)
    (out / "tables").mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    corpora = {name: load_corpus(name) for name in ("seed", "saudinewsnet", "antcorpus")}
    summary = pd.concat([corpus_summary(c) for c in corpora.values()], ignore_index=True)
    path = out / "tables" / "corpus_summary.csv"
    _write_csv(summary, path)
    written.append(path)
    write_manifest(out, written)
    return written


def write_manifest(out: Path, files: list[Path]) -> Path:
    lines = []
    for f in sorted(files, key=lambda p: p.relative_to(out).as_posix()):
        digest = hashlib.sha256(f.read_bytes()).hexdigest()
        lines.append(f"{digest}  {f.relative_to(out).as_posix()}\n")
    manifest = out / "MANIFEST.sha256"
    manifest.write_text("".join(lines), encoding="utf-8")
    return manifest
