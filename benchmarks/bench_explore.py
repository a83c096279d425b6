"""Speed of the exploratory layer (helpers.explore) on the mirrored corpora.

Prints wall-clock seconds (best of ``--repeat`` runs, corpus loading excluded) for:

* collocates of a frequent node (النظام, window 5, stop words removed) over all of
  SaudiNewsNet (31,030 articles, title + text): target < 10 s on one core;
* n-grams (2-4 words, min_freq 5) over ANT's Syria subset (2,765 articles): target < 5 s;
* the NMF topic model (k = 8, seed 0) over ANT: target < 60 s.

It also prints the machine's load average: other processes on a shared machine slow every
figure down. Not a test: read the figures.

    ITAR_DATA=../shared/corpora .venv/bin/python benchmarks/bench_explore.py
"""
from __future__ import annotations

import argparse
import os
import time

from helpers import collocates, load_corpus, ngrams, topics


def best_of(repeat: int, fn) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    snn = load_corpus("saudinewsnet")
    ant = load_corpus("antcorpus")
    sec, table = best_of(args.repeat, lambda: collocates(snn, "النظام"))
    print(f"collocates of النظام over SaudiNewsNet ({len(snn):,} articles): {sec:.1f} s (target < 10 s), "
          f"{len(table):,} collocates, {int(table['window_tokens'].iloc[0]):,} window tokens")
    sec, table = best_of(args.repeat, lambda: ngrams(ant))
    print(f"n-grams 2-4 over ANT ({len(ant):,} articles): {sec:.1f} s (target < 5 s), {len(table):,} sequences")
    sec, model = best_of(args.repeat, lambda: topics(ant, k=8, seed=0))
    print(f"NMF topics (k=8) over ANT: {sec:.1f} s (target < 60 s), vocabulary rows {len(model.words):,}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
