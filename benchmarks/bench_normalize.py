"""Speed of ``normalize`` on SaudiNewsNet, one core, against the methods it replaced.

Prints, for the texts of all 31,030 articles (96 MB of UTF-8), best of ``--repeat`` runs,
both wall-clock and CPU time (``time.process_time``: on a shared machine the CPU figure is
the one-core speed; the wall figure includes waiting for the CPU):

* one dict-based ``str.translate`` pass with normalize's character table (how ``normalize``
  worked before its fast path; the Persian-yeh and space rules came on top);
* the step functions applied one after the other (the reference of the tests);
* ``normalize`` with all default steps (``str.replace`` for frequent characters, one regex
  for rare ones), after checking that it gives the reference's text on every article.

    ITAR_DATA=../shared/corpora python benchmarks/bench_normalize.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(KIT))

from helpers import arabic as ar  # noqa: E402
from helpers import load_corpus, normalize  # noqa: E402


def stepwise(text: str) -> str:
    for _name, func, default in ar.NORMALIZE_STEPS:
        if default:
            text = func(text)
    return text


def timed(label: str, func, texts: list[str], n_bytes: int, repeat: int) -> float:
    wall = cpu = float("inf")
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        for text in texts:
            func(text)
        wall, cpu = min(wall, time.perf_counter() - w0), min(cpu, time.process_time() - c0)
    print(f"{label:<48} wall {wall:6.2f} s {n_bytes / wall / 1e6:7.1f} MB/s   "
          f"cpu {cpu:6.2f} s {n_bytes / cpu / 1e6:7.1f} MB/s")
    return cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    args = parser.parse_args()
    texts = load_corpus("saudinewsnet")["text"].tolist()
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    print(f"SaudiNewsNet: {len(texts):,} articles, {n_bytes / 1e6:.1f} MB UTF-8")
    differ = sum(normalize(t) != stepwise(t) for t in texts)
    print(f"normalize differs from the steps in order on {differ} article(s)")
    table = str.maketrans({c: "" for c in [*ar.INVISIBLE, *ar.DIACRITICS, ar.TATWEEL]} | ar.ALEF_FORMS
                          | ar.PERSIAN_LETTERS | ar.DIGITS | ar.PUNCTUATION | dict.fromkeys(ar.SPACES, " "))
    old = timed("str.translate, normalize's table (old method)", lambda t: t.translate(table), texts, n_bytes,
                args.repeat)
    timed("the steps one after the other (reference)", stepwise, texts, n_bytes, args.repeat)
    new = timed("normalize (all default steps)", normalize, texts, n_bytes, args.repeat)
    print(f"normalize / old method, CPU: x{old / new:.1f}")


if __name__ == "__main__":
    main()
