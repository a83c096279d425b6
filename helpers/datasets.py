"""The registry of known corpora and the dataset fetcher.

This module owns where a registered corpus comes from (origin URLs pinned to a
commit, SHA-256 checksums, licence and citation) and how its files reach the disk:

* if the environment variable ``ITAR_DATA`` names a folder (a local mirror in the
  original layout, e.g. ``ITAR_DATA=../shared/corpora``), files are read from there
  and verified against the registry's checksums; nothing is downloaded;
* otherwise files are downloaded once into a cache folder (``ITAR_CACHE``, default
  ``~/.cache/itar``), written under a temporary name, verified, then renamed, so that
  an interrupted or corrupted download never leaves a half-written file in the cache
  (leftover ``.part-*`` files of a killed process are removed on the next fetch; a cut
  connection is reported as an incomplete download; a cache folder that cannot be
  written is a :class:`DatasetError` saying what to set).

It also owns where the kit's own files are (:func:`kit_path`, :func:`kit_lexicons`,
:func:`kit_file`): the repository's ``corpus/`` folder in a checkout, the package data
``helpers/kit`` in an installed wheel.

The data themselves are never part of the kit: their licences do not allow it.

Example:
    >>> registry().loc["saudinewsnet", "commit"]
    '4e39239966c2ae8a3faa591201acb9cd1f51199d'
"""

from __future__ import annotations

import hashlib
import importlib.resources
import os
import re
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

__all__ = ["DatasetError", "Dataset", "DATASETS", "registry", "fetch", "data_dir", "cache_dir", "kit_path",
           "kit_lexicons", "kit_file"]

PACKAGE_DIR = Path(__file__).resolve().parent
KIT_DIR = PACKAGE_DIR.parent
#: The registry's checksum files, shipped as package data (``helpers/registry/*.sha256``).
REGISTRY_DIR = Path(str(importlib.resources.files(__package__).joinpath("registry")))
#: Where a kit file's ``corpus/...`` path goes: the repository's ``corpus/`` in a checkout
#: (or an editable install), the package data ``helpers/kit/`` in an installed wheel.
KIT_PREFIX = "corpus"


class DatasetError(RuntimeError):
    """A registered dataset is missing, corrupted or cannot be downloaded."""


# --- the kit's own files: seed corpus, lexicons, validation tables -----------------------------


def kit_path(*parts: str) -> Path:
    """A file or folder the kit ships (``corpus/<parts>`` in the repository), from any
    working directory: the repository's ``corpus/`` folder in a checkout, else the package
    data of the installed wheel (``helpers/kit``, found with :mod:`importlib.resources`).

    >>> kit_path("lexicons", "entities.csv").is_file()
    True
    """
    checkout = KIT_DIR / KIT_PREFIX
    if (checkout / "lexicons").is_dir():
        return checkout.joinpath(*parts)
    shipped = importlib.resources.files(__package__).joinpath("kit")
    if not isinstance(shipped, Path):  # e.g. imported from a zip file
        raise DatasetError(f"the kit's data files ({shipped}) must be installed as files: "
                           f"install the wheel with pip (not zipped)")
    return shipped.joinpath(*parts)


def kit_lexicons() -> dict[str, Path]:
    """The kit's own lexicons by name (``entities``, ``frames``...) -> their CSV file.

    >>> sorted(kit_lexicons())[:2]
    ['entities', 'frames']
    """
    folder = kit_path("lexicons")
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.csv")) if _is_lexicon_file(p)}


def _is_lexicon_file(path: Path) -> bool:
    """A lexicon CSV starts with the header ``label,category,gloss,pattern`` (other kit word
    lists in that folder, such as the figures' glossary, do not)."""
    with open(path, encoding="utf-8-sig") as fh:
        header = {h.strip() for h in fh.readline().split(",")}
    return {"label", "category", "gloss", "pattern"} <= header


def kit_file(path: str | Path) -> Path:
    """Where a path to a kit file points, from any working directory: a path that exists
    as given is kept; a relative ``corpus/...`` path (as in the documentation's examples)
    goes to :func:`kit_path`; in a checkout, another path relative to its root to that file;
    a kit lexicon's name (``"entities"``, ``"frames.csv"``) to its file. Anything else comes
    back unchanged (the caller reports it missing).

    >>> kit_file("frames") == kit_path("lexicons", "frames.csv")
    True
    >>> kit_file("corpus/lexicons/frames.csv").resolve() == kit_path("lexicons", "frames.csv").resolve()
    True
    """
    path = Path(path)
    if path.exists() or path.is_absolute():
        return path
    parts = path.parts
    if len(parts) > 1 and parts[0] == KIT_PREFIX and ".." not in parts:
        return kit_path(*parts[1:])
    if ".." not in parts and (KIT_DIR / KIT_PREFIX).is_dir() and (KIT_DIR / path).is_file():
        return KIT_DIR / path  # another file of the checkout, relative to its root
    name = str(path)
    if re.fullmatch(r"[A-Za-z0-9_]+(\.csv)?", name):
        found = kit_lexicons().get(name.removesuffix(".csv"))
        if found is not None:
            return found
    return path


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
    return Path(os.environ.get("ITAR_CACHE", "").strip() or "~/.cache/itar").expanduser()


def _writable_folder(folder: Path) -> Path:
    """Create the cache folder if needed and check that files can be written in it; a
    :class:`DatasetError` saying what to do otherwise (not a raw PermissionError)."""
    advice = ("Set ITAR_CACHE to a folder you can write to, or ITAR_DATA to a local mirror "
              "of the corpora in their original layout.")
    setting = f"ITAR_CACHE={os.environ['ITAR_CACHE']}" if os.environ.get("ITAR_CACHE", "").strip() else "the default cache"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise DatasetError(f"download cache {folder} ({setting}): a file is in the way of this folder. {advice}") from None
    except NotADirectoryError:
        raise DatasetError(f"download cache {folder} ({setting}): part of this path is a file, not a folder. {advice}") from None
    except OSError as exc:
        raise DatasetError(f"download cache {folder} ({setting}): cannot create it ({exc.strerror}). {advice}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DatasetError(f"download cache {folder} ({setting}): the folder is read-only. {advice}")
    return folder


#: Temporary names of downloads in progress: ``.part-<process id>-<random>`` beside the target.
PART_PREFIX = ".part-"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def remove_orphan_parts(root: Path) -> list[Path]:
    """Delete the ``.part-*`` files under ``root`` left by interrupted downloads (those
    whose process is gone, named the old way without a process id, or older than a day);
    return them. A download running in this or another live process keeps its file.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / ".part-999999999-abc").write_bytes(b"half")
    >>> [p.name for p in remove_orphan_parts(root)]
    ['.part-999999999-abc']
    """
    import time

    removed: list[Path] = []
    if not root.is_dir():
        return removed
    for part in sorted(root.rglob(f"{PART_PREFIX}*")):
        pid = part.name[len(PART_PREFIX):].split("-", 1)[0]
        try:
            fresh = time.time() - part.stat().st_mtime < 24 * 3600
        except OSError:
            continue
        if fresh and pid.isdigit() and (int(pid) == os.getpid() or _pid_alive(int(pid))):
            continue  # a download in progress, here or in another process
        try:
            part.unlink()
            removed.append(part)
        except OSError:
            pass  # a read-only cache: nothing to clean, the error comes later if it matters
    return removed


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
    remove_orphan_parts(root)
    todo = [p for p in files if not (root / p).is_file()]
    if todo:
        _writable_folder(root)
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
    """Download one file to a temporary name beside ``target``, check its size and SHA-256,
    then rename it. A cut connection is reported as a truncated download."""
    import http.client

    url = ds.url(rel)
    try:
        _writable_folder(target.parent)
        fd, tmp_name = tempfile.mkstemp(prefix=f"{PART_PREFIX}{os.getpid()}-", dir=target.parent)
    except OSError as exc:
        raise DatasetError(f"dataset {ds.name!r}: cannot write into the download cache {target.parent} "
                           f"({exc.strerror or exc}). Set ITAR_CACHE to a writable folder.") from None
    tmp = Path(tmp_name)
    try:
        h = hashlib.sha256()
        received = 0
        expected = None
        with os.fdopen(fd, "wb") as out:
            try:
                with urllib.request.urlopen(url, timeout=60) as resp:
                    length = resp.headers.get("Content-Length")
                    expected = int(length) if length and length.strip().isdigit() else None
                    for chunk in iter(lambda: resp.read(1 << 20), b""):
                        h.update(chunk)
                        out.write(chunk)
                        received += len(chunk)
            except http.client.IncompleteRead as exc:
                received += len(exc.partial)
                raise DatasetError(_truncated(ds, url, received, expected)) from None
            except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
                if isinstance(exc, urllib.error.HTTPError) or received == 0:
                    raise DatasetError(
                        f"dataset {ds.name!r}: cannot download {url} ({exc}). Check the network, or "
                        f"set ITAR_DATA to a local mirror of {ds.origin} in its original layout."
                    ) from exc
                raise DatasetError(_truncated(ds, url, received, expected, exc)) from exc
        if expected is not None and received != expected:
            raise DatasetError(_truncated(ds, url, received, expected))
        if h.hexdigest() != digest:
            if expected is None:  # no length to compare with: a cut or a change, cannot tell
                raise DatasetError(
                    f"dataset {ds.name!r}: {url} ({received:,} bytes; the server sent no length) has "
                    f"SHA-256 {h.hexdigest()[:16]}..., expected {digest[:16]}...; the file was not saved. "
                    f"The download may have been cut short: run again; if this repeats, the origin may "
                    f"have changed: report it."
                )
            raise DatasetError(
                f"dataset {ds.name!r}: {url} ({received:,} bytes, complete) has SHA-256 "
                f"{h.hexdigest()[:16]}..., expected {digest[:16]}...; the file was not saved. "
                f"The origin may have changed: report it."
            )
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def _truncated(ds: Dataset, url: str, received: int, expected: int | None, exc=None) -> str:
    of = f" of {expected:,}" if expected is not None else ""
    why = f" ({exc})" if exc is not None else ""
    return (f"dataset {ds.name!r}: the download of {url} is incomplete: received {received:,}{of} bytes "
            f"before the connection ended{why}; nothing was saved. Run again to download it afresh.")
