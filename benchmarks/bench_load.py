"""Speed of loading: SaudiNewsNet, and a 200,000-row CSV with many repeated texts and ids.

Prints seconds (best of ``--repeat`` runs, one process) for:

* ``load_corpus("saudinewsnet")`` (18 zips, checksums, decode, parse, flags, report); target < 10 s;
* ``load_corpus("big.csv")``: a CSV written into a temporary folder, 200,000 rows from 500
  distinct texts (so about 199,500 duplicate-text report rows), a quarter of the ids repeated,
  dates in ISO form; once clean (read in one pass) and once with an unclosed quote at the end
  (read record by record); target < 5 s (the report used to be built row by row: 16-25 s).

Wall-clock and CPU seconds are both printed: on a busy machine the CPU time of the process is
the steadier figure. Not a test: read the figures.

It also prints the peak memory (``ru_maxrss`` of a fresh child process, read with ``os.wait4``)
of: importing the kit; ``load_corpus("saudinewsnet")``; load + ``count_terms`` with
``corpus/lexicons/frames.csv`` over title + text on the whole frame; and load + the same
count in batches of 5,000 articles. Target: load + count under 500 MB (``--memory-only``
prints just these).

    ITAR_DATA=../shared/corpora .venv/bin/python benchmarks/bench_load.py [--rows 200000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(KIT))

from helpers import load_corpus, load_report  # noqa: E402


def best_of(func, repeat: int):
    """(best wall-clock seconds, best CPU seconds of this process, result)."""
    best, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = func()
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return best, best_cpu, result


def write_big_csv(path: Path, rows: int, broken: bool = True) -> None:
    """Scraper-style columns; texts repeat (500 distinct), ids repeat (every 4th row)."""
    outlets = ["وكالة الشام", "الفرات اليوم", "شبكة الحدث"]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "source", "published", "headline", "body", "link"])
        for i in range(rows):
            k = i % 500
            body = f"قالت مصادر ميدانية إن الاشتباكات تجددت في ريف دير الزور، \"وفق المرصد\"، في التقرير رقم {k}.\n" * 3
            doc_id = f"a{i - 1 if i % 4 == 3 else i}"
            writer.writerow([doc_id, outlets[i % 3], f"2018-0{1 + k % 9}-{1 + k % 28:02d}T10:{k % 60:02d}:00+03:00",
                             f"عنوان {k}", body, f"https://example.org/{i}"])
        if broken:  # an unclosed quote at the very end: the reader takes its careful path
            fh.write('broken,"row,with,an,extra\n')


MEMORY_STEPS = {
    "import the kit": "import helpers",
    "load_corpus('saudinewsnet')": "import helpers; c = helpers.load_corpus('saudinewsnet')",
    "load + count_terms (frames.csv, title + text, whole frame)":
        "import helpers; c = helpers.load_corpus('saudinewsnet'); "
        "n = helpers.count_terms(c[['title', 'text']], 'corpus/lexicons/frames.csv')",
    "load + count_terms in batches of 5,000 articles":
        "import helpers, pandas as pd; c = helpers.load_corpus('saudinewsnet'); "
        "n = pd.concat([helpers.count_terms(c.iloc[i:i + 5000][['title', 'text']], 'corpus/lexicons/frames.csv') "
        "for i in range(0, len(c), 5000)])",
}


def child_peak_mb(code: str) -> float:
    """Peak resident memory (``ru_maxrss``, MB) of a fresh Python process running ``code``."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-c", code], cwd=KIT, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            sys.exit(f"{code} failed:\n{err.read().decode()[-2000:]}")
    return usage.ru_maxrss / 1024  # KiB on Linux


def memory() -> None:
    print("peak RSS of a fresh process (ru_maxrss of the child):")
    for label, code in MEMORY_STEPS.items():
        print(f"  {label:<60} {child_peak_mb(code):6.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory-only", action="store_true", help="only the peak-memory figures")
    args = parser.parse_args()
    memory()
    if args.memory_only:
        return

    seconds, cpu, snn = best_of(lambda: load_corpus("saudinewsnet"), args.repeat)
    print(f"load_corpus('saudinewsnet'): {len(snn):,} rows, {len(load_report(snn)):,} report rows, "
          f"best of {args.repeat}: {seconds:.2f} s wall, {cpu:.2f} s CPU (target < 10 s)")

    for broken in (False, True):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "big.csv"
            write_big_csv(path, args.rows, broken)
            size = path.stat().st_size / 1e6
            seconds, cpu, big = best_of(lambda: load_corpus(path), args.repeat)
            rep = load_report(big)
            label = "big.csv, one unclosed quote" if broken else "big.csv, clean"
            print(f"load_corpus({label}): {args.rows:,} rows ({size:.0f} MB), {len(big):,} loaded, "
                  f"{len(rep):,} report rows, best of {args.repeat}: {seconds:.2f} s wall, {cpu:.2f} s CPU "
                  f"(target < 5 s)")
            print("   ", ", ".join(f"{a}: {n:,}" for a, n in rep.groupby("action").size().items()))


if __name__ == "__main__":
    main()
