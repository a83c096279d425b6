"""The registry of known corpora and the dataset fetcher.

This module owns where a registered corpus comes from (origin URLs pinned to a
commit, SHA-256 checksums, licence and citation) and how its files reach the disk:

* if the environment variable ``ITAR_DATA`` names a folder (a local mirror in the
  original layout, e.g. ``ITAR_DATA=../shared/corpora``), files are read from there
  and verified against the registry's checksums; nothing is downloaded;
* otherwise files are downloaded once into a cache folder (``ITAR_CACHE``, default
  ``~/.cache/itar``), written under a temporary name, verified, then renamed, so that
  an interrupted or corrupted download never leaves a half-written file in the cache.

The data themselves are never part of the kit: their licences do not allow it.

Example:
    >>> registry().loc["saudinewsnet", "commit"]
    '4e39239966c2ae8a3faa591201acb9cd1f51199d'
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

__all__ = ["DatasetError", "Dataset", "DATASETS", "registry", "fetch", "data_dir", "cache_dir"]

PACKAGE_DIR = Path(__file__).resolve().parent
KIT_DIR = PACKAGE_DIR.parent
REGISTRY_DIR = PACKAGE_DIR / "registry"


class DatasetError(RuntimeError):
    """A registered dataset is missing, corrupted or cannot be downloaded."""


@dataclass(frozen=True)
class Dataset:
    """One registered corpus: where its files come from and how to check them."""

    name: str
    title: str
    origin: str  # repository page
    commit: str
    url_pattern: str  # '{commit}' and '{path}' are filled in
    mirror_folder: str  # folder name under ITAR_DATA
    checksums_file: str  # in helpers/registry/, "<sha256>  <path>" per line
    licence: str
    citation: str
    notes: str = ""
    extra: dict = field(default_factory=dict)

    def files(self) -> dict[str, str]:
        """Relative path → SHA-256, as registered."""
        return _read_checksums(REGISTRY_DIR / self.checksums_file)

    def url(self, path: str) -> str:
        return self.url_pattern.format(commit=self.commit, path=urllib.parse.quote(path))


DATASETS: dict[str, Dataset] = {
    "saudinewsnet": Dataset(
        name="saudinewsnet",
        title="SaudiNewsNet: 31,030 articles from 14 Saudi online newspapers (Jul-Aug 2015)",
        origin="https://github.com/inparallel/SaudiNewsNet",
        commit="4e39239966c2ae8a3faa591201acb9cd1f51199d",
        url_pattern="https://github.com/inparallel/SaudiNewsNet/raw/{commit}/{path}",
        mirror_folder="saudinewsnet",
        checksums_file="saudinewsnet.sha256",
        licence="CC BY-NC-SA 4.0 (non-commercial research); each article belongs to its newspaper",
        citation='Mazen Abdulaziz Alhagri (2015), "Saudi Newspapers Arabic Corpus (SaudiNewsNet)"',
        notes="date_extracted is the crawl time, not the publication time",
    ),
    "antcorpus": Dataset(
        name="antcorpus",
        title="ANT Corpus v2.1, Syria subset: 2,765 articles from 5 outlets (2018)",
        origin="https://github.com/antcorpus/antcorpus.multisource.data",
        commit="f117ce44a9cfad0dcbd341b7d744e4c3cdb4fed8",
        url_pattern="https://raw.githubusercontent.com/antcorpus/antcorpus.multisource.data/{commit}/{path}",
        mirror_folder="antcorpus-syria",
        checksums_file="antcorpus.sha256",
        licence="citation licence (cite the authors); redistribution not allowed; texts belong to the outlets",
        citation=(
            'Chouigui, Ben Khiroun, Elayeb, "ANT Corpus: An Arabic News Text Collection for '
            'Textual Classification", AICCSA 2017'
        ),
        notes="subset: internationalNews and middleEast articles mentioning سوري in title or lead",
    ),
}


def registry() -> pd.DataFrame:
    """The registered datasets as a table (one row per dataset, indexed by name).

    >>> sorted(registry().index)
    ['antcorpus', 'saudinewsnet']
    """
    rows = []
    for d in DATASETS.values():
        rows.append({
            "name": d.name, "title": d.title, "origin": d.origin, "commit": d.commit,
            "files": len(d.files()), "licence": d.licence, "citation": d.citation, "notes": d.notes,
        })
    return pd.DataFrame(rows).set_index("name")


@lru_cache(maxsize=None)
def _read_checksums(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, rel = line.split(None, 1)
            out[rel.strip()] = digest
    return out


def data_dir() -> Path | None:
    """The local mirror named by ``ITAR_DATA``, or ``None`` when it is not set."""
    value = os.environ.get("ITAR_DATA", "").strip()
    if not value:
        return None
    path = Path(value).expanduser()
    if not path.is_absolute():
        path = (Path.cwd() / path).resolve()
        if not path.exists():  # relative to the kit, as the Makefile sets it
            path = (KIT_DIR / value).resolve()
    return path


def cache_dir() -> Path:
    """The download cache: ``ITAR_CACHE`` or ``~/.cache/itar``."""
    return Path(os.environ.get("ITAR_CACHE", "~/.cache/itar")).expanduser()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch(name: str, *, verify: bool = True, progress: bool = False) -> Path:
    """Make the files of a registered dataset available locally; return their root folder.

    The folder keeps the original layout (e.g. ``dataset/2015-07-21.zip`` for SaudiNewsNet).
    With ``ITAR_DATA`` set, the mirror is used and verified; otherwise missing files are
    downloaded into the cache and verified. Raises :class:`DatasetError` with what to do
    when a file is missing, has the wrong checksum, or cannot be downloaded.

    >>> fetch("saudinewsnet").joinpath("dataset").is_dir()
    True
    """
    if name not in DATASETS:
        raise DatasetError(f"unknown dataset {name!r}; registered: {', '.join(sorted(DATASETS))}")
    ds = DATASETS[name]
    files = ds.files()
    mirror = data_dir()
    if mirror is not None:
        root = mirror / ds.mirror_folder
        if not root.is_dir():
            raise DatasetError(
                f"dataset {name!r}: ITAR_DATA={mirror} has no folder {ds.mirror_folder!r}. "
                f"Point ITAR_DATA at a mirror in the original layout, or unset it to download "
                f"from {ds.origin} (commit {ds.commit[:10]})."
            )
        missing = [p for p in files if not (root / p).is_file()]
        if missing:
            raise DatasetError(
                f"dataset {name!r}: {len(missing)} of {len(files)} files are missing from the mirror "
                f"{root} (first: {missing[0]}). Re-copy the mirror, or unset ITAR_DATA to download."
            )
        if verify:
            _verify(name, root, files, where="mirror")
        return root
    root = cache_dir() / ds.mirror_folder
    todo = [p for p in files if not (root / p).is_file()]
    iterator = todo
    if progress and todo:
        from tqdm.auto import tqdm

        iterator = tqdm(todo, desc=f"downloading {name}", unit="file")
    for rel in iterator:
        _download(ds, rel, root / rel, files[rel])
    if verify:
        _verify(name, root, {p: files[p] for p in files if p not in todo}, where="cache")
    return root


def _verify(name: str, root: Path, files: dict[str, str], where: str) -> None:
    bad = [rel for rel, digest in files.items() if sha256_file(root / rel) != digest]
    if bad:
        advice = (
            "delete these files from the cache and run again to download them afresh"
            if where == "cache"
            else "the mirror differs from the registered release: re-copy it from the origin"
        )
        raise DatasetError(
            f"dataset {name!r}: {len(bad)} file(s) in the {where} {root} have the wrong SHA-256 "
            f"(first: {bad[0]}); {advice}."
        )


def _download(ds: Dataset, rel: str, target: Path, digest: str) -> None:
    url = ds.url(rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".part-", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        h = hashlib.sha256()
        with os.fdopen(fd, "wb") as out:
            try:
                with urllib.request.urlopen(url, timeout=60) as resp:
                    for chunk in iter(lambda: resp.read(1 << 20), b""):
                        h.update(chunk)
                        out.write(chunk)
            except (urllib.error.URLError, OSError) as exc:
                raise DatasetError(
                    f"dataset {ds.name!r}: cannot download {url} ({exc}). Check the network, or "
                    f"set ITAR_DATA to a local mirror of {ds.origin} in its original layout."
                ) from exc
        if h.hexdigest() != digest:
            raise DatasetError(
                f"dataset {ds.name!r}: {url} has SHA-256 {h.hexdigest()[:16]}..., expected "
                f"{digest[:16]}...; the file was not saved. The origin may have changed: report it."
            )
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
