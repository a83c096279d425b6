"""Speed and memory of the scaling paths on a large Parquet corpus (SaudiNewsNet repeated).

Builds ``snn-<N>.parquet`` in ``--workdir`` (SaudiNewsNet's 31,030 articles repeated, each
copy's doc_ids made unique with ``~r<k>``), then, for each size, measures in a fresh
process (so that peak memory belongs to that run alone):

* **one core, streaming** (:func:`helpers.scale.iter_batches`): per batch, the time to
  load it from Parquet, a bare ``str.translate`` pass (for comparison; not a ceiling:
  ``normalize`` itself is faster), ``normalize`` on every text, and ``count_terms``
  (normalization of each distinct token included);
* **Dask, a LocalCluster of ``--workers`` processes, one thread each**: three jobs over the
  same file, each end to end: load only, load + normalize, load + ``count_terms_dask``.

It prints MB/s (UTF-8 bytes of ``text``) and articles/s, the Dask speed-up over one core,
and peak memory (``VmHWM``, else ``ru_maxrss``: the streaming process; the Dask client and
the largest worker). Not a test: read the figures.

    ITAR_DATA=../shared/corpora .venv/bin/python benchmarks/bench_scale.py --sizes 100000,1000000

Targets on a 2-core machine: normalize + count >= 10 MB/s on one core; two workers >= 1.7x
one; peak memory flat from 100k to 1M articles. Another load on the machine lowers the
Dask speed-up: the run first prints how much two pure-Python processes gain over one.

``--cli`` measures the ``count`` command itself, end to end (start-up, loading, cluster,
counting, writing), wall clock, best of ``--repeat`` runs: one process (no ``--workers``)
against ``--workers`` 2 and 4 (``--worker-counts``), on each of ``--inputs`` (a dataset
name such as ``saudinewsnet``, or a number of articles: a Parquet file of SaudiNewsNet
articles resampled with a fixed seed, built once in ``--workdir``)::

    ITAR_DATA=../shared/corpora .venv/bin/python benchmarks/bench_scale.py --cli --inputs saudinewsnet,1000000

Targets: on inputs over 50 MB two workers never slower than one process; at 1M articles
two workers >= 1.7x one process. Also printed: the CPU seconds of all the command's
processes (the command and its worker processes: ``os.wait4``) and their ratio to one
process's, the CPU other programs used during each run, and the load average before it.
When another load holds a core, wall-clock speed-ups say little (a run is clean when the
others' CPU is near 0), while the CPU a configuration spends beyond one process's is its
parallel overhead (best of ``--repeat`` each; two processes on two cores also slow each
other down by a few %: the ``parallel_ceiling`` line).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(KIT))

import pandas as pd  # noqa: E402

from helpers import Lexicon, count_terms, load_corpus, normalize  # noqa: E402
from helpers.scale import (count_terms_dask, dask_client, iter_batches, read_corpus_dask,  # noqa: E402
                           write_parquet_corpus)

LEXICON = KIT / "corpus" / "lexicons" / "entities.csv"
CLI_LEXICON = KIT / "corpus" / "lexicons" / "frames.csv"
TABLE = {c: "" for c in range(0x064B, 0x0653)} | {ord("أ"): "ا", ord("إ"): "ا", ord("آ"): "ا"}  # as bench.py


def _write_built(frames, path: Path, row_group: int) -> Path:
    """Write generated frames to ``path`` (through a temporary file, renamed when complete)."""
    t0 = time.perf_counter()
    tmp = path.with_suffix(".tmp")
    write_parquet_corpus(frames, tmp, row_group_size=row_group)
    tmp.replace(path)
    print(f"built {path} in {time.perf_counter() - t0:.0f} s ({path.stat().st_size / 1e9:.2f} GB on disk)", flush=True)
    return path


def maxrss_mb() -> float:
    """Peak resident memory of this process, MB. ``VmHWM`` (Linux) belongs to this program
    alone; ``ru_maxrss`` is kept across exec, so a child would inherit its parent's peak."""
    try:
        for row in Path("/proc/self/status").read_text().splitlines():
            if row.startswith("VmHWM:"):
                return int(row.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# --- the corpus ---------------------------------------------------------------------------------


def build(workdir: Path, size: int, row_group: int) -> Path:
    """snn-<size>.parquet: SaudiNewsNet repeated until ``size`` articles (reused if present)."""
    import pyarrow.parquet as pq

    path = workdir / f"snn-{size}.parquet"
    if path.is_file() and pq.ParquetFile(path).metadata.num_rows == size:
        return path
    snn = load_corpus("saudinewsnet")
    snn.attrs = {}

    def copies():
        done, k = 0, 0
        while done < size:
            part = snn.iloc[: size - done].copy()
            part["doc_id"] = part["doc_id"] + f"~r{k}"
            for start in range(0, len(part), row_group):
                yield part.iloc[start:start + row_group]
            done += len(part)
            k += 1

    return _write_built(copies(), path, row_group)


# --- one run (in its own process) ----------------------------------------------------------------


def run_stream(path: Path, batch_size: int) -> dict:
    lex = Lexicon.from_csv(LEXICON)
    t = dict(load=0.0, translate=0.0, normalize=0.0, count=0.0)
    n_docs = n_bytes = 0
    totals = None
    wall = time.perf_counter()
    batches = iter_batches(path, batch_size, columns=["doc_id", "text"])
    while True:
        t0 = time.perf_counter()
        batch = next(batches, None)
        t["load"] += time.perf_counter() - t0
        if batch is None:
            break
        texts = batch["text"].tolist()
        n_docs += len(texts)
        n_bytes += sum(len(s.encode("utf-8")) for s in texts)
        t0 = time.perf_counter()
        [s.translate(TABLE) for s in texts]
        t1 = time.perf_counter()
        [normalize(s) for s in texts]
        t2 = time.perf_counter()
        counts = count_terms(batch["text"], lex)
        t3 = time.perf_counter()
        t["translate"] += t1 - t0
        t["normalize"] += t2 - t1
        t["count"] += t3 - t2
        totals = counts.sum() if totals is None else totals + counts.sum()
        del batch, texts, counts
    return dict(mode="stream", n_docs=n_docs, n_bytes=n_bytes, times=t, wall=time.perf_counter() - wall,
                rss_mb=maxrss_mb(), totals=[int(x) for x in totals])


def _partition_bytes(part: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"n": [len(part)], "bytes": [sum(len(s.encode("utf-8")) for s in part["text"])]})


def _partition_normalize(part: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"n": [len(part)], "chars": [sum(len(normalize(s)) for s in part["text"])]})


def run_dask(path: Path, batch_size: int, workers: int) -> dict:
    lex = Lexicon.from_csv(LEXICON)
    t = {}
    with dask_client(workers=workers) as client:
        client.run(lambda: __import__("helpers.scale"))  # workers import the kit before timing

        def job(name, make):
            t0 = time.perf_counter()
            result = make().compute()
            t[name] = time.perf_counter() - t0
            return result

        meta_b = pd.DataFrame({"n": pd.Series(dtype="int64"), "bytes": pd.Series(dtype="int64")})
        meta_n = pd.DataFrame({"n": pd.Series(dtype="int64"), "chars": pd.Series(dtype="int64")})
        sizes = job("load", lambda: read_corpus_dask(path, batch_size).map_partitions(_partition_bytes, meta=meta_b))
        job("normalize", lambda: read_corpus_dask(path, batch_size).map_partitions(_partition_normalize, meta=meta_n))
        totals = job("count", lambda: count_terms_dask(read_corpus_dask(path, batch_size), lex)
                     .drop(columns="doc_id").sum())
        worker_rss = client.run(maxrss_mb)
        npart = read_corpus_dask(path, batch_size).npartitions
    return dict(mode="dask", workers=workers, partitions=npart, n_docs=int(sizes["n"].sum()),
                n_bytes=int(sizes["bytes"].sum()), times=t, rss_mb=maxrss_mb(),
                worker_rss_mb=max(worker_rss.values()), totals=[int(x) for x in totals])


# --- the report -------------------------------------------------------------------------------------


def line(label: str, seconds: float, n_docs: int, n_bytes: int, extra: str = "") -> None:
    print(f"  {label:<46} {seconds:8.1f} s {n_docs / seconds:10,.0f} articles/s {n_bytes / seconds / 1e6:7.1f} MB/s  {extra}")


def report(size: int, s: dict, d: dict | None) -> None:
    n, b = s["n_docs"], s["n_bytes"]
    t = s["times"]
    print(f"\n{size:,} articles, {b / 1e6:,.0f} MB of text")
    print(" one core, streaming (peak RSS {:.0f} MB):".format(s["rss_mb"]))
    line("load (Parquet batch -> pandas)", t["load"], n, b)
    line("one bare str.translate pass", t["translate"], n, b)
    line("normalize", t["normalize"], n, b)
    line("count_terms (token normalization included)", t["count"], n, b)
    line("normalize + count", t["normalize"] + t["count"], n, b, "target >= 10 MB/s")
    line("load + count (the `count` command's work)", t["load"] + t["count"], n, b)
    if d is None:
        return
    td = d["times"]
    print(f" Dask, {d['workers']} worker processes x 1 thread, {d['partitions']} partitions "
          f"(peak RSS: client {d['rss_mb']:.0f} MB, largest worker {d['worker_rss_mb']:.0f} MB):")
    line("load", td["load"], n, b, f"x{t['load'] / td['load']:.2f} vs one core")
    line("load + normalize", td["normalize"], n, b,
         f"x{(t['load'] + t['normalize']) / td['normalize']:.2f} vs one core")
    line("load + count_terms_dask", td["count"], n, b,
         f"x{(t['load'] + t['count']) / td['count']:.2f} vs one core (target >= 1.7)")
    same = s["totals"] == d["totals"] and s["n_docs"] == d["n_docs"]
    print(f"  label totals identical on both paths: {same}")


def parallel_ceiling() -> str:
    """How much two pure-Python processes gain over one right now (other load included)."""
    code = "import time\nt=time.perf_counter()\ns=0\nfor i in range(15_000_000): s+=i*i\nprint(time.perf_counter()-t)"
    one = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout)
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) for _ in range(2)]
    two = max(float(p.communicate()[0]) for p in procs)
    return f"two pure-Python processes: x{2 * one / two:.2f} over one (load average {os.getloadavg()[0]:.2f})"


def child(args, *extra) -> dict:
    cmd = [sys.executable, __file__, *extra, "--batch-size", str(args.batch_size), "--workers", str(args.workers)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def build_resampled(workdir: Path, size: int, row_group: int, seed: int = 13) -> Path:
    """snn-resampled-<size>.parquet: ``size`` SaudiNewsNet articles drawn with replacement
    (``numpy.random.default_rng(seed)``), doc_ids made unique with ``~s<row>`` (reused if present)."""
    import numpy as np
    import pyarrow.parquet as pq

    path = workdir / f"snn-resampled-{size}-seed{seed}.parquet"
    if path.is_file() and pq.ParquetFile(path).metadata.num_rows == size:
        return path
    snn = load_corpus("saudinewsnet")
    snn.attrs = {}
    picks = np.random.default_rng(seed).integers(0, len(snn), size=size)

    def batches():
        for start in range(0, size, row_group):
            part = snn.iloc[picks[start:start + row_group]].reset_index(drop=True)
            part["doc_id"] = part["doc_id"] + [f"~s{start + k}" for k in range(len(part))]
            yield part

    return _write_built(batches(), path, row_group)


def machine_busy_seconds() -> float:
    """CPU seconds all processes of the machine have used since boot (``/proc/stat``: all but
    idle and iowait), NaN where there is no ``/proc/stat``."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError):
        return float("nan")
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def run_cli(corpus: str, workers: int, out: Path) -> tuple[float, float, float]:
    """(wall-clock seconds, CPU seconds of the command and its worker processes, CPU seconds
    other programs used meanwhile) of one ``python -m helpers count`` run in a fresh process
    (CPU from ``os.wait4``: the child and the processes it waited for; the others' from
    :func:`machine_busy_seconds`)."""
    import tempfile

    cmd = [sys.executable, "-m", "helpers", "count", "--corpus", corpus, "--lexicon", str(CLI_LEXICON),
           "--out", str(out), "--no-progress"] + (["--workers", str(workers)] if workers else [])
    with tempfile.TemporaryFile() as err:
        busy = machine_busy_seconds()
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=KIT, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        busy = machine_busy_seconds() - busy
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{stderr[-3000:]}")
    if "note:" in stderr:
        print("   ", stderr.strip().splitlines()[0])
    used = usage.ru_utime + usage.ru_stime
    return seconds, used, busy - used


def compare_cli(args) -> None:
    """One process against N workers, the whole command, best of --repeat (runs interleaved)."""
    try:
        from helpers.scale import source_bytes
    except ImportError:  # an older kit: no size shown
        def source_bytes(_):
            return float("nan")

    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    configs = [0] + [int(w) for w in args.worker_counts.split(",")]
    print(f"{os.cpu_count()} CPUs; {parallel_ceiling()}")
    for name in args.inputs.split(","):
        corpus = str(build_resampled(workdir, int(name), args.batch_size)) if name.isdigit() else name
        size = source_bytes(corpus)
        print(f"\n{name}: {size / 1e6:,.0f} MB of text; `python -m helpers count`, lexicon {CLI_LEXICON.name}, "
              f"wall clock, best of {args.repeat}", flush=True)
        times: dict[int, list[float]] = {w: [] for w in configs}
        cpu: dict[int, list[float]] = {w: [] for w in configs}
        loads: dict[int, list[float]] = {w: [] for w in configs}
        others: dict[int, list[float]] = {w: [] for w in configs}
        for _ in range(args.repeat):  # interleaved, so that a burst of other load hits every configuration
            for w in configs:
                loads[w].append(os.getloadavg()[0])
                wall, used, other = run_cli(corpus, w, workdir / f"counts-{w}.parquet")
                times[w].append(wall)
                cpu[w].append(used)
                others[w].append(other)
        base, base_cpu = min(times[0]), min(cpu[0])
        same = all(pd.read_parquet(workdir / f"counts-{w}.parquet").equals(pd.read_parquet(workdir / "counts-0.parquet"))
                   for w in configs[1:])
        for w in configs:
            label = "one process (no --workers)" if w == 0 else f"--workers {w}"
            runs = ", ".join(f"{t:.1f}" for t in times[w])
            cpus = ", ".join(f"{t:.1f}" for t in cpu[w])
            print(f"  {label:<28} wall {min(times[w]):6.1f} s  x{base / min(times[w]):.2f}  "
                  f"CPU {min(cpu[w]):6.1f} s  x{min(cpu[w]) / base_cpu:.2f} of one process's  "
                  f"(runs: wall {runs} s; CPU {cpus} s; other programs' CPU meanwhile "
                  f"{', '.join(f'{x:.0f}' for x in others[w])} s; load average before each "
                  f"{', '.join(f'{x:.1f}' for x in loads[w])})", flush=True)
        print(f"  outputs identical: {same}; load average now {os.getloadavg()[0]:.2f}")
    print(f"\nafter the runs: {parallel_ceiling()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", default="/tmp/itar-scale", help="where the Parquet corpora go")
    parser.add_argument("--sizes", default="100000,1000000", help="articles, comma-separated")
    parser.add_argument("--batch-size", type=int, default=10_000, help="articles per batch, row group and partition")
    parser.add_argument("--workers", type=int, default=2, help="Dask worker processes")
    parser.add_argument("--no-dask", action="store_true", help="streaming only")
    parser.add_argument("--cli", action="store_true", help="time the count command: one process vs --worker-counts")
    parser.add_argument("--inputs", default="saudinewsnet",
                        help="with --cli: dataset names and/or article counts (resampled SaudiNewsNet), comma-separated")
    parser.add_argument("--worker-counts", default="2,4", help="with --cli: worker counts to compare with one process")
    parser.add_argument("--repeat", type=int, default=3, help="with --cli: runs per configuration (best is kept)")
    parser.add_argument("--run", choices=["stream", "dask"], help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:  # a child process: one measurement, printed as JSON
        path = Path(args.file)
        result = run_stream(path, args.batch_size) if args.run == "stream" else run_dask(path, args.batch_size, args.workers)
        print(json.dumps(result))
        return
    if args.cli:
        compare_cli(args)
        return
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} CPUs; {parallel_ceiling()}")
    for size in [int(s) for s in args.sizes.split(",")]:
        path = build(workdir, size, args.batch_size)
        s = child(args, "--run", "stream", "--file", str(path))
        d = None if args.no_dask else child(args, "--run", "dask", "--file", str(path))
        report(size, s, d)
        sys.stdout.flush()
    print(f"\nafter the runs: {parallel_ceiling()}")


if __name__ == "__main__":
    main()
