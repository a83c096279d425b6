"""Speed of ``count_terms``, ``find_terms`` and ``kwic`` with the kit's lexicons on deduplicated SaudiNewsNet, cold.

The target of issue 13: each kit lexicon (``frames.csv``, ``entities.csv``; their blockers
matched and hidden) counted over ``deduplicate(load_corpus("saudinewsnet"))``, title + text,
with ``voice="all"`` and the voice split (``"own"``, ``"quoted"``), at 40 MB/s of UTF-8
text per CPU second or more. ``both`` is the two files in one matcher (every row of both,
a pattern both list kept once under a joint label, as in ``bench_peers.py``). Then
``find_terms`` and ``kwic`` (window 8) over the same corpus, for the frames lexicon and for
the single word ``النظام``. Every run builds a fresh :class:`Lexicon`,
so no cache is carried from one run to the next (cold: normalization and tokenization
included). MB/s is UTF-8 bytes of title + text over the process's CPU time
(``time.process_time``, best of ``--repeat`` runs; a busy machine disturbs it less than wall
time, which is printed too). ``--profile`` prints the top functions of one run (frames,
voice="all") on the first 3,000 articles. Not a test: read the figures.

    ITAR_DATA=../shared/corpora PYTHONHASHSEED=0 python benchmarks/bench_count.py [--repeat 3] [--profile]
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(KIT))

from bench import all_lexicons  # noqa: E402
from helpers import Lexicon, count_terms, deduplicate, find_terms, kwic, load_corpus  # noqa: E402

LEXICONS = [KIT / "corpus" / "lexicons" / name for name in ("frames.csv", "entities.csv")]
WORD = "النظام"  # the single-word query of find_terms and kwic


def best_of(repeat: int, func) -> tuple[float, float]:
    """(best wall seconds, best CPU seconds) over ``repeat`` runs."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        func()
        wall = min(wall, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    parser.add_argument("--profile", action="store_true", help="profile one run on 3,000 articles")
    args = parser.parse_args()
    corpus = deduplicate(load_corpus("saudinewsnet"))
    n_bytes = sum(len(str(t).encode("utf-8")) for col in ("title", "text") for t in corpus[col].fillna(""))
    print(f"SaudiNewsNet deduplicated: {len(corpus):,} articles, {n_bytes / 1e6:.1f} MB UTF-8 (title + text); "
          f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    if args.profile:
        sample = corpus.head(3000)
        prof = cProfile.Profile()
        prof.enable()
        count_terms(sample, Lexicon.from_csv(LEXICONS[0]))
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(15)
        return
    both = all_lexicons(LEXICONS)[0]
    matchers = [(path.name, lambda p=path: Lexicon.from_csv(p)) for path in LEXICONS]
    for name, make in [*matchers, ("both", lambda: Lexicon.from_frame(both, "both"))]:
        for voice in ("all", "own", "quoted"):
            wall, cpu = best_of(args.repeat, lambda m=make, v=voice: count_terms(corpus, m(), voice=v))
            print(f"count_terms, {name:<13} voice={voice!r:<9} {wall:6.2f} s wall {cpu:6.2f} s CPU"
                  f"  {n_bytes / cpu / 1e6:6.1f} MB/s of CPU time")
    queries = [(LEXICONS[0].name, matchers[0][1]), (WORD, lambda: Lexicon.from_patterns(WORD))]
    for func in (find_terms, kwic):
        for name, make in queries:
            rows = len(func(corpus, make()))
            wall, cpu = best_of(args.repeat, lambda f=func, m=make: f(corpus, m()))
            print(f"{func.__name__ + ',':<12} {name:<13} {rows:>7,} rows   {wall:6.2f} s wall {cpu:6.2f} s CPU"
                  f"  {n_bytes / cpu / 1e6:6.1f} MB/s of CPU time")


if __name__ == "__main__":
    main()
