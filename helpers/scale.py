"""Counting at scale: Parquet corpora, streaming batches, Dask partitions, ``python -m helpers count``.

This module owns the paths for corpora larger than memory and for more than one core.
It never re-implements an analysis: every path runs the pandas functions of
:mod:`helpers.lexicon` (:func:`~helpers.lexicon.count_terms`) and
:mod:`helpers.analysis` (:func:`~helpers.analysis.frequencies`) on one batch or one
partition at a time, so the results are the same as on the whole corpus in memory.

* **Parquet.** :func:`write_parquet_corpus` writes a corpus (a frame, or batches of one)
  as Parquet with the schema columns that matter for analysis (:data:`PARQUET_COLUMNS`);
  :func:`iter_batches` reads it back in batches of rows (or slices any other source).
* **Streaming, one core, bounded memory.** :func:`iter_counts` yields one frame of
  counts per batch; :func:`count_terms_stream` concatenates them. Memory holds one batch
  of texts at a time (plus the result, which the ``count`` command writes batch by batch).
* **Dask.** :func:`read_corpus_dask` gives a Dask DataFrame (``doc_id``, ``text``; one
  partition per group of Parquet row groups, of N rows or, with ``partition_bytes=``, of
  about N bytes of text); :func:`count_terms_dask` and
  :func:`frequencies_dask` map the pandas functions over its partitions;
  :func:`dask_client` opens a ``LocalCluster`` of N single-threaded processes listening
  on 127.0.0.1 only (profiler and work stealing off: :data:`LOCAL_CLUSTER_CONFIG`), or
  connects to an existing scheduler (5 s timeout).
* **Command line.** :func:`count_command` implements ``python -m helpers count``: it
  writes beside ``--out`` and renames on success only, and refuses an ``--out`` that is
  an input. With ``--workers N`` the cluster starts while the corpus loads; partitions
  are sized by bytes, a few per worker (:func:`partition_bytes`, :func:`byte_slices`);
  Parquet is read by the workers, any other source scattered to them; the lexicon is
  sent once; each partition's counts come back as their nonzero cells
  (:func:`counts_to_cells`). Inputs under 200 MB (:data:`DASK_MIN_BYTES`,
  :func:`source_bytes`) are counted in one process, with a note on stderr: the cluster would cost more than it saves.

Counts are indexed by ``doc_id``: a ``doc_id`` column, then one ``int64`` column per
label in lexicon order (``float64`` rates per ``rate_per`` words with ``--rates``).

The lexicon travels to the Dask workers as its ``entries`` table (plain data) and is
rebuilt there once per worker process (:func:`_worker_lexicon`), so each worker's token
cache warms up across partitions instead of being rebuilt or pickled for every task.

Example:
    >>> seed = load_corpus("seed")
    >>> counts = count_terms_stream("seed", "corpus/lexicons/entities.csv", batch_size=1)
    >>> counts.set_index("doc_id").equals(
    ...     count_terms(seed, "corpus/lexicons/entities.csv").set_axis(seed["doc_id"]).rename_axis("doc_id"))
    True

Limits: reading a source other than Parquet loads it whole first (convert it once with
:func:`write_parquet_corpus`). Parquet ``doc_id`` values are used as stored (missing ones
become ``<file stem>-<row>`` as in :func:`~helpers.corpus.read_table`); duplicates are not
renamed while streaming. On a remote cluster (``scheduler=``) the workers must be able
to import ``helpers`` and to read the Parquet path.
"""

from __future__ import annotations

import hashlib
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
import pandas as pd

from .corpus import TEXT_COLUMNS, CorpusError, load_corpus, standard_text_and_ids
from .lexicon import Lexicon, LexiconError, as_lexicon, count_terms

__all__ = [
    "PARQUET_COLUMNS", "write_parquet_corpus", "iter_batches", "iter_counts", "count_terms_stream",
    "read_corpus_dask", "count_terms_dask", "frequencies_dask", "dask_client", "check_scheduler_address",
    "count_command", "source_bytes", "partition_bytes", "byte_slices", "counts_to_cells", "cells_to_counts",
]

#: Columns kept by :func:`write_parquet_corpus` (when present), with their Arrow types.
#: ``is_empty`` and ``duplicate_of`` are left out: loading recomputes them.
PARQUET_COLUMNS = {
    "doc_id": "string", "dataset": "string", "outlet": "string", "date": "timestamp[ns, tz=UTC]",
    "date_inferred": "bool", "title": "string", "text": "string", "url": "string",
    "author": "string", "category": "string", "language": "string", "source_file": "string",
}
DEFAULT_BATCH = 20_000
#: ``LocalCluster`` options: the scheduler, the workers and their HTTP routes (``/info``,
#: ``/metrics``...) listen on 127.0.0.1 only (no authentication: nothing else on the network
#: may reach them); no dashboard; the HTTP routes on a free port (not 8787, which another
#: cluster on the machine may hold).
LOCAL_CLUSTER_QUIET = {"host": "127.0.0.1", "dashboard_address": None, "worker_dashboard_address": None,
                       "scheduler_kwargs": {"dashboard": False, "dashboard_address": "127.0.0.1:0"}}
#: Dask settings for the local cluster (:func:`dask_client`, ``--workers``), set while it starts: the
#: housekeeping a laptop-sized cluster does not need. By default each worker samples its own stack every
#: 10 ms (the dashboard's profiler), every server checks its event loop every 20 ms, the scheduler looks
#: for tasks to steal every 100 ms and the nannies poll the workers' memory every 100 ms: 1.0 s of the
#: client's CPU and 0.8 s of each worker's per 30 s idle (0.2 and 0.1 s with these), taken from the
#: counting on a machine with as many cores as workers.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing": False,
}
#: Inputs smaller than this many bytes (:func:`source_bytes`) are counted in one process even
#: with ``--workers N``: starting N worker processes costs about 3 s of wall clock and 4 s of CPU
#: (each imports pandas, distributed and the kit); on 2 cores SaudiNewsNet (108 MB) took 4.5 s in
#: one process and 5.3 s with 2 workers (benchmarks/bench_scale.py --cli), so the break-even is
#: about 150 MB.
#: The command says so on stderr; ``--dask-min-mb 0`` forces the cluster.
DASK_MIN_BYTES = 200 * 10**6
#: Dask partitions per worker: a few, so that work is balanced without hundreds of tasks.
PARTITIONS_PER_WORKER = 3
#: Bounds on the bytes of text in one Dask partition: the upper one caps a worker's memory
#: (counting holds a few copies of its partition's text), the lower one the per-task overhead.
MAX_PARTITION_BYTES = 64 * 10**6
MIN_PARTITION_BYTES = 2 * 10**6
#: Seconds to wait for an existing scheduler (``scheduler=``) before giving up.
CONNECT_TIMEOUT = 5
SCHEDULER_PROTOCOLS = ("tcp", "tls", "ws", "wss")


# --- Parquet ------------------------------------------------------------------------------


def _arrow_schema(columns: Iterable[str]):
    import pyarrow as pa

    types = {"string": pa.string(), "bool": pa.bool_(), "timestamp[ns, tz=UTC]": pa.timestamp("ns", tz="UTC")}
    return pa.schema([(c, types[PARQUET_COLUMNS[c]]) for c in columns])


def _frames(corpus) -> Iterator[pd.DataFrame]:
    if isinstance(corpus, pd.DataFrame):
        yield corpus
    else:
        yield from corpus


def _to_arrow(frame: pd.DataFrame, schema):
    import pyarrow as pa

    frame = _plain(frame, schema.names).copy()
    if "date" in frame.columns and not isinstance(frame["date"].dtype, pd.DatetimeTZDtype):
        frame["date"] = pd.to_datetime(frame["date"], utc=True, errors="coerce")
    return pa.Table.from_pandas(frame, schema=schema, preserve_index=False)


def write_parquet_corpus(corpus, path: str | Path, row_group_size: int = DEFAULT_BATCH) -> Path:
    """Write a corpus frame, or an iterable of corpus frames (batches), as one Parquet file.

    Keeps the :data:`PARQUET_COLUMNS` the first frame has (``doc_id`` and ``text`` are
    required); row groups hold at most ``row_group_size`` rows, so that readers can
    stream the file. Batches are written as they come: memory holds one batch.
    :func:`~helpers.corpus.load_corpus` reads the file back.

    >>> import tempfile
    >>> out = write_parquet_corpus(load_corpus("seed"), Path(tempfile.mkdtemp()) / "seed.parquet", 2)
    >>> load_corpus(out)["doc_id"].tolist() == load_corpus("seed")["doc_id"].tolist()
    True
    """
    import pyarrow.parquet as pq

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = None
    try:
        for frame in _frames(corpus):
            if writer is None:
                missing = [c for c in ("doc_id", "text") if c not in frame.columns]
                if missing:
                    raise CorpusError(f"{path}: the corpus has no {' or '.join(missing)} column")
                schema = _arrow_schema(c for c in PARQUET_COLUMNS if c in frame.columns)
                writer = pq.ParquetWriter(path, schema)
            writer.write_table(_to_arrow(frame, schema), row_group_size=row_group_size)
        if writer is None:  # no batches at all: an empty file with the two required columns
            schema = _arrow_schema(["doc_id", "text"])
            writer = pq.ParquetWriter(path, schema)
            writer.write_table(schema.empty_table())
    finally:
        if writer is not None:
            writer.close()
    return path


def _plain(frame: pd.DataFrame, columns=None) -> pd.DataFrame:
    """The frame (or some of its columns) without ``attrs`` (the load report would be
    copied into, and compared between, every batch)."""
    out = frame[[c for c in columns if c in frame.columns]] if columns is not None else frame.copy(deep=False)
    out.attrs = {}
    return out


def _parquet_files(source) -> list[Path] | None:
    """The Parquet file(s) a source names (a .parquet file or a folder of them), else None."""
    if isinstance(source, pd.DataFrame):
        return None
    path = Path(source)
    if path.is_file() and path.suffix.lower() in (".parquet", ".pq", ".parq"):
        return [path]
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".parquet", ".pq", ".parq"))
        return files or None
    return None


def _read_columns(names: list[str], columns) -> list[str]:
    """Which stored columns to read: the wanted ones, with the text under any alias."""
    if columns is None:
        return list(names)
    wanted = list(columns)
    if "text" in wanted:
        wanted += [a for a in TEXT_COLUMNS if a != "text"]
    return [c for c in names if c in wanted]


def _standardize(frame: pd.DataFrame, stem: str, offset: int, columns) -> pd.DataFrame:
    """A batch read from Parquet, made as :func:`~helpers.corpus.read_table` makes it:
    the text under ``text`` (aliases filled in), missing doc_ids ``<stem>-<row>``, the
    index numbering the rows of the file from ``offset``."""
    frame.index = pd.RangeIndex(offset, offset + len(frame))
    frame = standard_text_and_ids(frame, stem, f"{stem}.parquet")
    frame = frame.drop(columns=[a for a in TEXT_COLUMNS if a != "text" and a in frame.columns])
    if columns is not None:
        frame = frame[[c for c in columns if c in frame.columns]]
    return frame


def iter_batches(source, batch_size: int = DEFAULT_BATCH, columns=None) -> Iterator[pd.DataFrame]:
    """Yield a corpus in frames of at most ``batch_size`` rows, index numbering the rows.

    ``source`` is a ``.parquet`` file or a folder of them (read with pyarrow, one record
    batch at a time: memory holds one batch; the index numbers the rows of each file), a corpus frame (sliced), or anything
    :func:`~helpers.corpus.load_corpus` accepts (loaded whole, then sliced). ``columns``
    limits the columns (e.g. ``["doc_id", "text"]``); Parquet reads only those.

    >>> corpus = pd.DataFrame({"doc_id": list("abcde"), "text": ["داعش في البوكمال"] * 5})
    >>> [len(b) for b in iter_batches(corpus, batch_size=2)]
    [2, 2, 1]
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    files = _parquet_files(source)
    if files is None:
        frame = _plain(source if isinstance(source, pd.DataFrame) else load_corpus(source), columns)
        for start in range(0, len(frame), batch_size):
            yield frame.iloc[start:start + batch_size]
        return
    import pyarrow.parquet as pq

    for path in files:
        pf = pq.ParquetFile(path)
        read = _read_columns(pf.schema_arrow.names, columns)
        start = 0
        # One row group at a time: iter_batches over the whole file keeps growing
        # (measured: 1.9 GB after 1M articles, against 0.45 GB flat this way).
        for group in range(pf.metadata.num_row_groups):
            for batch in pf.iter_batches(batch_size=batch_size, row_groups=[group], columns=read):
                frame = batch.to_pandas()
                yield _standardize(frame, path.stem, start, columns)
                start += len(frame)


def _n_rows(source) -> int | None:
    files = _parquet_files(source)
    if files is not None:
        import pyarrow.parquet as pq

        return sum(pq.ParquetFile(p).metadata.num_rows for p in files)
    return len(source) if isinstance(source, pd.DataFrame) else None


# --- streaming counts ---------------------------------------------------------------------


def _with_doc_id(counts: pd.DataFrame, doc_ids: pd.Series) -> pd.DataFrame:
    if "doc_id" in counts.columns:
        raise LexiconError("a lexicon label may not be called 'doc_id' (it names the id column of the counts)")
    out = counts.copy()
    out.insert(0, "doc_id", doc_ids.astype(str).values)
    return out


def _count_frame(batch: pd.DataFrame, lex: Lexicon, rate_per) -> pd.DataFrame:
    """count_terms on one batch (title + text when the batch has a title, as count_terms
    counts a corpus frame), with its doc_id column first (the one per-batch step)."""
    ids = batch["doc_id"] if "doc_id" in batch.columns else batch.index.to_series()
    return _with_doc_id(count_terms(batch[[c for c in ("title", "text") if c in batch.columns]], lex,
                                    rate_per=rate_per), ids)


def iter_counts(source, lexicon, *, batch_size: int = DEFAULT_BATCH, rate_per: int | None = None
                ) -> Iterator[pd.DataFrame]:
    """Yield the counts (``doc_id`` + one column per label) batch by batch.

    >>> corpus = pd.DataFrame({"doc_id": list("abcde"), "text": ["داعش في البوكمال"] * 5})
    >>> [len(c) for c in iter_counts(corpus, "corpus/lexicons/entities.csv", batch_size=3)]
    [3, 2]
    """
    lex = as_lexicon(lexicon)
    for batch in iter_batches(source, batch_size, columns=["doc_id", "title", "text"]):
        yield _count_frame(batch, lex, rate_per)


def count_terms_stream(source, lexicon, *, batch_size: int = DEFAULT_BATCH, rate_per: int | None = None
                       ) -> pd.DataFrame:
    """``count_terms(load_corpus(source), lexicon)`` in bounded memory, indexed by doc_id.

    Returns a ``doc_id`` column and one ``int64`` column per label (rates with
    ``rate_per``), one row per document in corpus order. Only one batch of texts is in
    memory at a time; the counts themselves are kept (write them batch by batch with
    :func:`iter_counts` when even they do not fit).

    >>> count_terms_stream("seed", "corpus/lexicons/entities.csv")[["doc_id", "albukamal"]]
                          doc_id  albukamal
    0  seed-albukamal-2017-11-19         13
    """
    lex = as_lexicon(lexicon)
    parts = list(iter_counts(source, lex, batch_size=batch_size, rate_per=rate_per))
    if not parts:  # no documents: the columns, no rows
        return _count_frame(pd.DataFrame({"doc_id": pd.Series(dtype=str), "text": pd.Series(dtype=str)}),
                            lex, rate_per)
    return pd.concat(parts, ignore_index=True)


# --- Dask -----------------------------------------------------------------------------------

_WORKER_LEXICONS: dict[str, Lexicon] = {}


def _lexicon_payload(lex: Lexicon) -> tuple[str, pd.DataFrame, str]:
    """What a task carries: a fingerprint of the entries, the entries, the source name."""
    key = hashlib.sha1(lex.entries.to_csv(index=False).encode("utf-8")).hexdigest()
    return key, lex.entries, lex.source


def _worker_lexicon(key: str, entries: pd.DataFrame, source: str) -> Lexicon:
    """The lexicon rebuilt from its entries, once per process (its token cache then warms
    up across the partitions this worker runs)."""
    lex = _WORKER_LEXICONS.get(key)
    if lex is None:
        if len(_WORKER_LEXICONS) >= 8:
            _WORKER_LEXICONS.clear()
        lex = _WORKER_LEXICONS[key] = Lexicon(entries, source)
    return lex


def _count_partition(part: pd.DataFrame, key: str, entries: pd.DataFrame, source: str, rate_per) -> pd.DataFrame:
    return _count_frame(part, _worker_lexicon(key, entries, source), rate_per)


def _read_piece(piece: tuple[str, tuple[int, ...], int], wanted: tuple[str, ...]) -> pd.DataFrame:
    """One Dask partition: some row groups of one Parquet file, standardized. (Not named
    ``columns``: ``from_map`` would then pass its own column projection.)"""
    import pyarrow.parquet as pq

    path, groups, offset = piece
    pf = pq.ParquetFile(path)
    table = pf.read_row_groups(list(groups), columns=_read_columns(pf.schema_arrow.names, wanted))
    return _standardize(table.to_pandas(), Path(path).stem, offset, list(wanted))


def _text_column_bytes(meta, names: list[str]) -> list[int]:
    """Uncompressed bytes of the title and text columns (any alias) in each row group."""
    wanted = {"title", *TEXT_COLUMNS}
    cols = [i for i, name in enumerate(names) if name in wanted]
    return [sum(meta.row_group(g).column(i).total_uncompressed_size for i in cols) for g in range(meta.num_row_groups)]


def _pieces(files: list[Path], batch_size: int | None = None, partition_bytes: int | None = None
            ) -> list[tuple[str, tuple[int, ...], int]]:
    """Consecutive row groups gathered into pieces of at most ``batch_size`` rows, or of at most
    ``partition_bytes`` bytes of title and text; at least one row group each (a larger row
    group is a piece of its own). Returns ``(path, row groups, first row)`` per piece."""
    import pyarrow.parquet as pq

    pieces = []
    for path in files:
        pf = pq.ParquetFile(path)
        meta = pf.metadata
        sizes = (_text_column_bytes(meta, pf.schema_arrow.names) if partition_bytes
                 else [meta.row_group(g).num_rows for g in range(meta.num_row_groups)])
        limit = partition_bytes or batch_size or DEFAULT_BATCH
        offset = start = size = 0
        groups: list[int] = []
        for g in range(meta.num_row_groups):
            if groups and size + sizes[g] > limit:
                pieces.append((str(path), tuple(groups), start))
                groups, size, start = [], 0, offset
            groups.append(g)
            size += sizes[g]
            offset += meta.row_group(g).num_rows
        if groups:
            pieces.append((str(path), tuple(groups), start))
    return pieces


def text_bytes(frame: pd.DataFrame) -> np.ndarray:
    """UTF-8 bytes of each row's title and text (missing ones count 0), as an int64 array.

    >>> text_bytes(pd.DataFrame({"title": ["ab", None], "text": ["داعش", ""]})).tolist()
    [10, 0]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    total = np.zeros(len(frame), dtype=np.int64)
    for column in ("title", "text"):
        if column in frame.columns:
            values = frame[column]
            if values.dtype == object:
                values = values.map(lambda v: v if isinstance(v, str) else None)
            lengths = pc.binary_length(pa.array(values, from_pandas=True))
            total += pc.fill_null(lengths, 0).to_numpy(zero_copy_only=False).astype(np.int64)
    return total


def byte_slices(sizes, target: int) -> list[tuple[int, int]]:
    """Consecutive row ranges ``(start, stop)`` covering all rows, each closing as soon as its
    rows reach ``target`` bytes (so each holds at least one row, and about ``target`` bytes).

    >>> byte_slices([5, 5, 5, 5, 30, 1], 10)
    [(0, 2), (2, 4), (4, 5), (5, 6)]
    >>> byte_slices([], 10)
    []
    """
    if target < 1:
        raise ValueError(f"target must be at least 1 byte, got {target}")
    slices = []
    start = size = 0
    for i, n in enumerate(np.asarray(sizes, dtype=np.int64).tolist()):
        size += n
        if size >= target:
            slices.append((start, i + 1))
            start, size = i + 1, 0
    if start < len(sizes):
        slices.append((start, len(sizes)))
    return slices


def partition_bytes(total_bytes: int, workers: int) -> int:
    """Bytes of text per Dask partition: :data:`PARTITIONS_PER_WORKER` partitions per worker,
    within [:data:`MIN_PARTITION_BYTES`, :data:`MAX_PARTITION_BYTES`].

    >>> partition_bytes(96_000_000, 2), partition_bytes(3_100_000_000, 2), partition_bytes(100, 4)
    (16000000, 64000000, 2000000)
    """
    per = -(-int(total_bytes) // max(1, workers * PARTITIONS_PER_WORKER))
    return int(min(MAX_PARTITION_BYTES, max(MIN_PARTITION_BYTES, per)))


def source_bytes(source) -> int | None:
    """About how many bytes of text a corpus source holds, without loading it: for Parquet the
    uncompressed title and text columns, for a frame their UTF-8 bytes, for a file or folder
    (a registered dataset: its local folder) the size of its files, zip members counted
    inflated. None when unknown (a dataset not fetched yet).

    >>> source_bytes(pd.DataFrame({"text": ["داعش", "x"]}))
    9
    """
    import zipfile

    if isinstance(source, pd.DataFrame):
        return int(text_bytes(source).sum())
    files = _parquet_files(source)
    if files is not None:
        import pyarrow.parquet as pq

        return sum(sum(_text_column_bytes(pf.metadata, pf.schema_arrow.names))
                   for pf in map(pq.ParquetFile, files))
    path = _source_folder(str(source))
    if path is None or not path.exists():
        return None
    total = 0
    for f in ([path] if path.is_file() else sorted(q for q in path.rglob("*") if q.is_file())):
        if f.suffix.lower() == ".zip":
            try:
                with zipfile.ZipFile(f) as zf:
                    total += sum(i.file_size for i in zf.infolist())
                continue
            except zipfile.BadZipFile:
                pass
        total += f.stat().st_size
    return total


def _source_folder(source: str) -> Path | None:
    """The file or folder a corpus source is read from (a registered dataset: its local copy)."""
    from . import datasets
    from .corpus import SEED_DIR

    if source == "seed":
        return Path(SEED_DIR)
    if source in datasets.DATASETS:
        mirror = datasets.data_dir()
        root = mirror if mirror is not None else datasets.cache_dir()
        return root / datasets.DATASETS[source].mirror_folder
    return Path(source)


def _parquet_meta(path: Path, columns) -> pd.DataFrame:
    """The empty frame a partition looks like (dtypes from a real row: pyarrow gives an
    empty table other string dtypes than a full one)."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    read = _read_columns(pf.schema_arrow.names, columns)
    batch = next(pf.iter_batches(batch_size=1, columns=read), None)
    frame = batch.to_pandas() if batch is not None else pf.schema_arrow.empty_table().select(read).to_pandas()
    return _standardize(frame, path.stem, 0, list(columns)).iloc[:0]


def read_corpus_dask(source, batch_size: int = DEFAULT_BATCH, columns=("doc_id", "title", "text"), *,
                     partition_bytes: int | None = None):
    """A corpus as a Dask DataFrame with the given columns (``doc_id``, ``title`` and ``text``
    by default: the counting unit of :func:`~helpers.lexicon.count_terms`).

    A ``.parquet`` file (or a folder of them) is read by the workers, a few row groups
    (at most ``batch_size`` rows) per partition, exactly as :func:`iter_batches` reads
    it. Any other source (a frame, a dataset name, a folder...) is loaded here and split
    into partitions of ``batch_size`` rows with ``dask.dataframe.from_pandas``.
    With ``partition_bytes`` the partitions are sized by bytes of title and text instead
    (row groups, or rows of a loaded frame, gathered until they reach that size: see
    :func:`byte_slices`); :func:`partition_bytes` suggests a size for N workers.

    >>> corpus = pd.DataFrame({"doc_id": list("abcde"), "text": ["داعش في البوكمال"] * 5})
    >>> read_corpus_dask(corpus, batch_size=2).npartitions, read_corpus_dask(corpus, partition_bytes=60).npartitions
    (3, 3)
    """
    import dask.dataframe as dd

    columns = tuple(columns)
    files = _parquet_files(source)
    if files is None:
        frame = _plain(source if isinstance(source, pd.DataFrame) else load_corpus(source), columns)
        if partition_bytes is None:
            return dd.from_pandas(frame, chunksize=batch_size, sort=True)
        from dask import delayed

        slices = byte_slices(text_bytes(frame), partition_bytes) or [(0, 0)]
        return dd.from_delayed([delayed(frame.iloc[a:b]) for a, b in slices], meta=frame.iloc[:0],
                               verify_meta=False)
    pieces = _pieces(files, batch_size, partition_bytes)

    meta = _parquet_meta(files[0], columns)
    if not pieces:
        return dd.from_pandas(meta, npartitions=1)
    return dd.from_map(_read_piece, pieces, args=(columns,), meta=meta, enforce_metadata=False,
                       label="read-corpus")


def count_terms_dask(ddf, lexicon, *, rate_per: int | None = None):
    """:func:`~helpers.lexicon.count_terms` on every partition of a Dask DataFrame.

    ``ddf`` needs a ``text`` column (and ``doc_id``; else the index is the id). Returns a
    lazy Dask DataFrame with the partitions' index, a ``doc_id`` column and one column per
    label: computed, it equals the pandas result on the same rows.

    >>> counts = count_terms_dask(read_corpus_dask("seed"), "corpus/lexicons/entities.csv")
    >>> counts.compute(scheduler="sync")[["doc_id", "albukamal"]]   # or inside `with dask_client():`
                          doc_id  albukamal
    0  seed-albukamal-2017-11-19         13
    """
    lex = as_lexicon(lexicon)
    if "text" not in ddf.columns:
        raise ValueError("a corpus frame needs a 'text' column")
    key, entries, source = _lexicon_payload(lex)
    meta = _count_partition(ddf._meta, key, entries, source, rate_per)
    return ddf.map_partitions(_count_partition, key, entries, source, rate_per, meta=meta,
                              enforce_metadata=False)


def _freq_partition(part: pd.DataFrame, by, remove_stop: bool, extra_stopwords: tuple) -> pd.DataFrame:
    """frequencies() on one partition, without the rank (ranks are set after summing)."""
    from .analysis import frequencies

    keys = ["feature"] if by is None else ["group", "feature"]
    cols = keys + ["count", "docfreq"]
    if len(part) == 0:
        return _freq_meta(by)
    f = frequencies(part, by=by, remove_stop=remove_stop, extra_stopwords=extra_stopwords)
    return f[cols].astype({"count": "int64", "docfreq": "int64"})


def _freq_meta(by) -> pd.DataFrame:
    keys = ["feature"] if by is None else ["group", "feature"]
    return pd.DataFrame({**{k: pd.Series(dtype=str) for k in keys},
                         "count": pd.Series(dtype="int64"), "docfreq": pd.Series(dtype="int64")})


def _rank(table: pd.DataFrame, by, top: int | None) -> pd.DataFrame:
    """Sort and rank a summed frequency table as :func:`~helpers.analysis.frequencies` does."""
    from .analysis import _ranked

    frames = []
    groups = [None] if by is None else sorted(table["group"].astype(str).unique())
    for group in groups:
        f = table if group is None else table[table["group"] == group]
        f = _ranked(f[["feature", "count", "docfreq"]], top)
        if group is not None:
            f.insert(0, "group", group)
        frames.append(f)
    out = pd.concat(frames, ignore_index=True)
    return out.astype({c: str for c in ("group", "feature") if c in out.columns})


def frequencies_dask(ddf, *, by: str | None = None, remove_stop: bool = True, extra_stopwords=(),
                     top: int | None = None) -> pd.DataFrame:
    """:func:`~helpers.analysis.frequencies` over a Dask DataFrame: the per-partition tables
    are summed (counts and document frequencies: each document is in one partition), then
    sorted and ranked. Returns a pandas frame equal to ``frequencies(ddf.compute(), ...)``.
    ``by`` is a column name.

    >>> import dask
    >>> with dask.config.set(scheduler="sync"):                      # or inside `with dask_client():`
    ...     frequencies_dask(read_corpus_dask("seed"), top=2)[["feature", "count", "rank"]].values.tolist()
    [['داعش', 18, 1], ['السوري', 15, 2]]
    """
    if by is not None and not isinstance(by, str):
        raise TypeError("frequencies_dask: 'by' must be a column name")
    parts = ddf.map_partitions(_freq_partition, by, remove_stop, tuple(extra_stopwords), meta=_freq_meta(by),
                               enforce_metadata=False)
    keys = ["feature"] if by is None else ["group", "feature"]
    summed = parts.groupby(keys).agg({"count": "sum", "docfreq": "sum"}).compute().reset_index()
    return _rank(summed.astype({"count": "int64", "docfreq": "int64"}), by, top)


def check_scheduler_address(address: str) -> str:
    """The scheduler address as Dask wants it (``tcp://host:port``), or a ValueError saying
    what is wrong with it.

    >>> check_scheduler_address("127.0.0.1:8786")
    'tcp://127.0.0.1:8786'
    >>> check_scheduler_address("localhost")
    Traceback (most recent call last):
    ...
    ValueError: scheduler address 'localhost': no port; give host:port, e.g. tcp://127.0.0.1:8786
    """
    from distributed.comm.addressing import parse_address, parse_host_port, unparse_address

    example = "e.g. tcp://127.0.0.1:8786"
    text = str(address).strip()
    protocol, location = parse_address(text if "://" in text else f"tcp://{text}")
    if protocol not in SCHEDULER_PROTOCOLS:
        raise ValueError(f"scheduler address {address!r}: unknown protocol {protocol!r} "
                         f"(use {', '.join(SCHEDULER_PROTOCOLS)}; {example})")
    try:
        host, port = parse_host_port(location)
    except ValueError as exc:
        if "missing port" in str(exc):
            raise ValueError(f"scheduler address {address!r}: no port; give host:port, {example}") from None
        raise ValueError(f"scheduler address {address!r}: not host:port ({exc}); {example}") from None
    if not host:
        raise ValueError(f"scheduler address {address!r}: no host; give host:port, {example}")
    if not 0 < port < 65536:
        raise ValueError(f"scheduler address {address!r}: port {port} is out of range (1-65535)")
    return unparse_address(protocol, location)


@contextmanager
def dask_client(workers: int = 2, scheduler: str | None = None):
    """A ``distributed.Client``: on a new ``LocalCluster`` of ``workers`` processes with one
    thread each, or connected to ``scheduler`` (an address such as ``tcp://10.0.0.5:8786``).
    The local cluster is closed on leaving the ``with`` block.

    The local cluster listens on 127.0.0.1 only (scheduler, workers and the scheduler's
    HTTP routes; no dashboard: :data:`LOCAL_CLUSTER_QUIET`), and runs without the workers'
    profiler, work stealing and the frequent housekeeping (:data:`LOCAL_CLUSTER_CONFIG`).
    A ``scheduler`` that does not answer within :data:`CONNECT_TIMEOUT` seconds raises :class:`ConnectionError`; a
    malformed address raises ValueError (:func:`check_scheduler_address`).

    Example (starting processes takes a few seconds)::

        with dask_client(workers=2) as client:
            counts = count_terms_dask(read_corpus_dask("big.parquet"), "corpus/lexicons/frames.csv")
            counts.compute().to_parquet("counts.parquet")
    """
    client, cluster = _open_client(workers, scheduler)
    try:
        yield client
    finally:
        _close_client(client, cluster)


def _open_client(workers: int, scheduler: str | None):
    """``(client, local cluster or None)``, as :func:`dask_client` describes."""
    from distributed import Client, LocalCluster

    if scheduler:
        address = check_scheduler_address(scheduler)
        try:
            return Client(address, timeout=f"{CONNECT_TIMEOUT}s"), None
        except OSError as exc:
            raise ConnectionError(
                f"cannot reach a Dask scheduler at {scheduler} within {CONNECT_TIMEOUT} s: is it running, "
                f"and is the port right? (use --workers N for a local cluster instead)") from exc
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    import dask

    with dask.config.set(LOCAL_CLUSTER_CONFIG):  # read as the scheduler, nannies and workers start
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, silence_logs=40,
                               **LOCAL_CLUSTER_QUIET)
    try:
        return Client(cluster), cluster
    except BaseException:
        cluster.close()
        raise


def _close_client(client, cluster) -> None:
    client.close()
    if cluster is not None:
        cluster.close()


def _import_kit() -> None:
    """Run on each worker as soon as it is up: import the counting code before the first task."""
    import helpers.scale  # noqa: F401


@contextmanager
def _client_in_background(workers: int, scheduler: str | None):
    """Start :func:`_open_client` in a thread (the worker processes start and import the kit
    while this process loads the corpus); yields a function that waits for the client.
    The cluster is closed on leaving, whether or not it was used."""
    from concurrent.futures import ThreadPoolExecutor

    def start():
        client, cluster = _open_client(workers, scheduler)
        try:
            client.run(_import_kit)
        except Exception:  # noqa: BLE001 - the first task imports it anyway
            pass
        return client, cluster

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="dask-start") as pool:
        pending = pool.submit(start)
        try:
            yield lambda: pending.result()[0]
        finally:
            try:
                client, cluster = pending.result()
            except Exception:  # noqa: BLE001 - the start-up error, if any, was raised by the caller's wait
                pass
            else:
                _close_client(client, cluster)


# --- the `count` command ----------------------------------------------------------------------


class _CountsWriter:
    """Writes count frames to .parquet (one row group per batch) or .csv, in order."""

    def __init__(self, path: Path, labels: list[str], rates: bool, kind: str | None = None):
        import pyarrow as pa

        self.path = path
        value = pa.float64() if rates else pa.int64()
        self.schema = pa.schema([("doc_id", pa.string())] + [(lab, value) for lab in labels])
        self.kind = kind or path.suffix.lower()
        self._writer = None
        self._wrote_csv = False
        self.rows = 0

    def write(self, frame: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        frame = frame.reset_index(drop=True)
        self.rows += len(frame)
        if self.kind == ".parquet":
            if self._writer is None:
                self._writer = pq.ParquetWriter(self.path, self.schema)
            self._writer.write_table(pa.Table.from_pandas(frame, schema=self.schema, preserve_index=False))
        else:
            frame.to_csv(self.path, mode="a" if self._wrote_csv else "w", header=not self._wrote_csv,
                         index=False, lineterminator="\n")
            self._wrote_csv = True

    def close(self) -> None:
        if self.kind == ".parquet":
            if self._writer is None:
                import pyarrow.parquet as pq

                self._writer = pq.ParquetWriter(self.path, self.schema)
                self._writer.write_table(self.schema.empty_table())
            self._writer.close()
        elif not self._wrote_csv:
            pd.DataFrame(columns=self.schema.names).to_csv(self.path, index=False)

    def abandon(self) -> None:
        """Close without completing the file (it is about to be deleted)."""
        if self._writer is not None:
            try:
                self._writer.close()
            except Exception:  # noqa: BLE001 - the partial file is removed anyway
                pass
            self._writer = None


def _check_corpus(source: str) -> None:
    from . import datasets

    if source in ("seed", *datasets.DATASETS):
        return
    if not Path(source).exists():
        known = ", ".join(["seed", *sorted(datasets.DATASETS)])
        raise CorpusError(f"corpus {source}: no such file or folder, and not a registered dataset ({known})")


def _progress(total: int | None, hide: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="doc", unit_scale=True, desc="count", file=sys.stderr,
                disable=hide, mininterval=0.5, dynamic_ncols=True)


def _run_stream(source, lex: Lexicon, writer: _CountsWriter, batch_size: int, rate_per, hide: bool) -> None:
    if _parquet_files(source) is None:  # load once, so the bar knows the total
        source = load_corpus(source)
    with _progress(_n_rows(source), hide) as bar:
        for counts in iter_counts(source, lex, batch_size=batch_size, rate_per=rate_per):
            writer.write(counts)
            bar.update(len(counts))


def counts_to_cells(counts: pd.DataFrame) -> tuple:
    """A count frame (``doc_id``, then one ``int64`` or ``float64`` column per label) as its
    nonzero cells: ``(index, doc_ids, labels, rows, columns, values)``, ``rows`` and
    ``columns`` as ``int32`` positions, ``values`` in the frame's dtype. What a Dask task of
    the ``count`` command sends back, and :func:`cells_to_counts` reads back: with the kit's
    lexicons about 2% of the cells are nonzero (16 bytes each against 8 for every cell of
    the frame), so 10,000 SaudiNewsNet articles counted with the frames lexicon (47 labels)
    travel as 0.5 MB instead of 4.1 MB, most of it the doc_ids. Values are compared by
    their bits: ``-0.0`` and NaN are kept as they are.

    >>> counts = pd.DataFrame({"doc_id": ["a", "b"], "isis": [0, 3], "army": [2, 0]})
    >>> cells = counts_to_cells(counts)
    >>> cells[3].tolist(), cells[4].tolist(), cells[5].tolist()
    ([0, 1], [1, 0], [2, 3])
    >>> cells_to_counts(cells).equals(counts)
    True
    """
    if list(counts.columns[:1]) != ["doc_id"]:
        raise ValueError("a count frame starts with its doc_id column")
    dtypes = {str(d) for d in counts.dtypes.iloc[1:]}
    if not dtypes <= {"int64"} and dtypes != {"float64"}:
        raise ValueError(f"count columns must all be int64 or all float64, not {', '.join(sorted(dtypes))}")
    table = counts.iloc[:, 1:].to_numpy()
    nonzero = table.view(np.uint64) != 0  # by their bits: -0.0 and NaN are nonzero
    rows, columns = np.nonzero(nonzero)
    return (counts.index, counts["doc_id"].array, counts.columns[1:], rows.astype(np.int32),
            columns.astype(np.int32), table[rows, columns])


def cells_to_counts(cells: tuple) -> pd.DataFrame:
    """The count frame :func:`counts_to_cells` took apart, equal to it (index, columns, dtypes)."""
    index, doc_ids, labels, rows, columns, values = cells
    table = np.zeros((len(index), len(labels)), dtype=values.dtype)
    table[rows, columns] = values
    counts = pd.DataFrame(table, index=index, columns=labels)
    counts.insert(0, "doc_id", doc_ids)
    return counts


def _count_payload(part: pd.DataFrame, payload: tuple, rate_per) -> tuple:
    """A Dask task: the counts of one partition (the lexicon payload was sent once), as cells."""
    return counts_to_cells(_count_partition(part, *payload, rate_per))


def _count_piece(piece, wanted: tuple[str, ...], payload: tuple, rate_per) -> tuple:
    """A Dask task: read some row groups of a Parquet file on the worker, and count them (cells)."""
    return counts_to_cells(_count_partition(_read_piece(piece, wanted), *payload, rate_per))


def _run_dask(source, lex: Lexicon, writer: _CountsWriter, rate_per, hide: bool, workers: int,
              scheduler: str | None, part_bytes: int | None = None) -> None:
    """Count on a Dask cluster, as :func:`count_command` describes.

    The cluster starts in the background while this process reads the corpus. A Parquet
    source is read by the workers themselves (groups of row groups); any other source is
    loaded here, and its partitions are scattered to the workers directly. Partitions are
    sized by bytes of text (:func:`partition_bytes`: a few per worker); the lexicon goes to
    each worker once. Each task sends back its nonzero cells (:func:`counts_to_cells`), not
    its count frame; results are written in corpus order as they arrive."""
    wanted = ("doc_id", "title", "text")
    files = _parquet_files(source)
    with _client_in_background(workers, scheduler) as wait_for_client:
        if files is None:
            frame = _plain(load_corpus(source), wanted)
            sizes = text_bytes(frame)
        client = wait_for_client()
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        total = source_bytes(source) if files is not None else int(sizes.sum())
        target = part_bytes or partition_bytes(total or 0, n_workers)
        payload = client.scatter([_lexicon_payload(lex)], broadcast=True, hash=False)[0]
        if files is None:
            parts = client.scatter([frame.iloc[a:b] for a, b in byte_slices(sizes, target)], hash=False)
            futures = [client.submit(_count_payload, part, payload, rate_per, pure=False) for part in parts]
            n_rows = len(frame)
            del frame, parts
        else:
            futures = [client.submit(_count_piece, piece, wanted, payload, rate_per, pure=False)
                       for piece in _pieces(files, partition_bytes=target)]
            n_rows = _n_rows(source)
        with _progress(n_rows, hide) as bar:
            for future in futures:  # in partition order, so the output is in corpus order
                part = cells_to_counts(future.result())
                writer.write(part)
                bar.update(len(part))
                future.release()


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name the same file (through symlinks, ``..`` or hard links)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def _check_out_is_not_an_input(out: Path, corpus: str, lexicon: str) -> None:
    """Refuse an ``--out`` that is the lexicon, the corpus file, or inside the corpus folder
    (the kit's seed and a mirrored dataset included): writing it would destroy an input."""
    from . import datasets

    if _same_file(out, datasets.kit_file(lexicon)):
        raise ValueError(f"--out {out} is the lexicon file {lexicon}: choose another output name")
    if corpus == "seed" or corpus in datasets.DATASETS:
        folders = [_source_folder(corpus)]
    else:
        source = Path(corpus)
        if source.is_file():
            if _same_file(out, source):
                raise ValueError(f"--out {out} is the corpus file {corpus}: choose another output name")
            return
        folders = [source]
    target = out.resolve()
    for folder in folders:
        folder = folder.resolve()
        if target == folder or folder in target.parents:
            raise ValueError(f"--out {out} is inside the corpus folder {folder}: "
                             f"write the counts somewhere else")


def _temporary_beside(out: Path) -> Path:
    """A new empty file in the output's folder, named ``.<name>.part-<random>``: renamed to
    ``out`` once complete (a rename within one folder is atomic). Created with the usual
    permissions (``0o666`` less the umask), as ``out`` itself would be."""
    import secrets

    out.parent.mkdir(parents=True, exist_ok=True)
    while True:
        tmp = out.parent / f".{out.name}.part-{secrets.token_hex(6)}"
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            return tmp
        except FileExistsError:
            continue


def _small_input_note(args) -> str | None:
    """With ``--workers N``: the note saying the input is counted in one process because it is
    smaller than ``--dask-min-mb`` (:data:`DASK_MIN_BYTES`), else None. Never for ``--scheduler``."""
    if not args.workers or args.scheduler:
        return None
    limit = getattr(args, "dask_min_mb", None)
    limit = DASK_MIN_BYTES if limit is None else int(limit * 10**6)
    size = source_bytes(args.corpus)
    if size is None or size >= limit:
        return None
    return (f"note: {args.corpus} is {size / 1e6:.1f} MB, under {limit / 1e6:g} MB: counting in one process "
            f"(starting {args.workers} Dask workers would take longer than it saves; --dask-min-mb 0 forces them)")


def count_command(args) -> int:
    """``python -m helpers count``: one row per document, ``doc_id`` + one column per label.

    Streams on one core by default; ``--workers N`` runs on a local Dask cluster of N
    processes, ``--scheduler ADDRESS`` on an existing one: the output is the same. An input
    under ``--dask-min-mb`` (default :data:`DASK_MIN_BYTES`, 200 MB: :func:`source_bytes`) is
    counted in one process even with ``--workers``, and a note on stderr says so. Returns
    the exit status (2 with a one-line message on stderr for a missing corpus or lexicon,
    an ``--out`` that is an input, or a failed run; 130 after Ctrl-C).

    The counts are written to a temporary file beside ``--out`` and renamed to ``--out``
    only when complete: a failed or interrupted run leaves ``--out`` as it was (a previous
    good output stays) and removes its temporary file.
    """
    out = Path(args.out)
    try:
        if out.suffix.lower() not in (".parquet", ".csv"):
            raise ValueError(f"--out {out}: use a .parquet or .csv file name")
        if out.is_dir():
            raise ValueError(f"--out {out} is a folder: give a .parquet or .csv file name")
        if args.workers and args.scheduler:
            raise ValueError("give --workers N (a local cluster) or --scheduler ADDRESS, not both")
        if args.workers < 0 or args.batch_size < 1:
            raise ValueError("--workers must be 0 or more and --batch-size at least 1")
        if getattr(args, "dask_min_mb", None) is not None and args.dask_min_mb < 0:
            raise ValueError("--dask-min-mb must be 0 or more")
        lex = Lexicon.from_csv(args.lexicon)
        _check_corpus(args.corpus)
        _check_out_is_not_an_input(out, args.corpus, args.lexicon)
        if "doc_id" in lex.labels:
            raise LexiconError(f"{args.lexicon}: a label may not be called 'doc_id'")
        if args.scheduler:
            check_scheduler_address(args.scheduler)
        tmp = _temporary_beside(out)
    except (ValueError, OSError) as exc:  # LexiconError and CorpusError are ValueErrors
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from pyarrow import ArrowException

    from .datasets import DatasetError

    rate_per = 1000 if args.rates else None
    writer = _CountsWriter(tmp, lex.shown_labels(), bool(rate_per), kind=out.suffix.lower())  # blockers are not counted
    hide = bool(args.no_progress)
    try:
        try:
            small = _small_input_note(args)
            if small:
                print(small, file=sys.stderr)
            if (args.workers or args.scheduler) and not small:
                _run_dask(args.corpus, lex, writer, rate_per, hide, args.workers, args.scheduler)
            else:
                _run_stream(args.corpus, lex, writer, args.batch_size, rate_per, hide)
            writer.close()
            os.replace(tmp, out)
        except BaseException:
            writer.abandon()
            tmp.unlink(missing_ok=True)
            raise
    except (CorpusError, LexiconError, DatasetError, OSError, ArrowException) as exc:
        kept = " (the previous file is unchanged)" if out.exists() else ""
        print(f"error: {exc}; {out} was not written{kept}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        kept = " (the previous file is unchanged)" if out.exists() else ""
        print(f"interrupted: {out} was not written{kept}", file=sys.stderr)
        return 130
    mode = f"scheduler {args.scheduler}" if args.scheduler else (
        f"{args.workers} local workers" if args.workers and not small else "streaming, one core")
    print(f"wrote {writer.rows:,} documents x {len(lex.shown_labels())} labels to {out} ({mode})", file=sys.stderr)
    return 0
