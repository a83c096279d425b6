"""Speed of the hot path on SaudiNewsNet (about 96 MB of UTF-8 text), on one core.

Prints articles/s and MB/s for: loading the corpus, one dict-based ``str.translate`` pass
with normalize's character table (how ``normalize`` worked before its fast path; not a
ceiling: ``str.replace`` and compiled regexes are several times faster), the token regex
alone, ``normalize``, and ``count_terms`` with the shipped lexicons (normalization
included). Not a test:
run it with ``make bench`` (or ``python benchmarks/bench.py``) and read the figures.

    ITAR_DATA=../shared/corpora python benchmarks/bench.py [--repeat 3] [--profile]
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(KIT))

from helpers import Lexicon, count_terms, load_corpus, normalize  # noqa: E402
from helpers import arabic as ar  # noqa: E402
from helpers.lexicon import TOKEN_RE  # noqa: E402


def timed(label: str, func, n_docs: int, n_bytes: int, repeat: int):
    best = float("inf")
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - t0)
    print(f"{label:<44} {best:7.2f} s  {n_docs / best:10,.0f} articles/s  {n_bytes / best / 1e6:7.1f} MB/s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    parser.add_argument("--profile", action="store_true", help="profile count_terms and print the top functions")
    args = parser.parse_args()

    t0 = time.perf_counter()
    corpus = load_corpus("saudinewsnet")
    load_s = time.perf_counter() - t0
    texts = corpus["text"].tolist()
    n_docs = len(texts)
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    n_chars = sum(map(len, texts))
    print(f"SaudiNewsNet: {n_docs:,} articles, {n_bytes / 1e6:.1f} MB UTF-8, {n_chars / 1e6:.1f} M characters")
    print(f"{'load_corpus (first run, cold caches)':<44} {load_s:7.2f} s  {n_docs / load_s:10,.0f} articles/s  {n_bytes / load_s / 1e6:7.1f} MB/s")
    timed("load_corpus('saudinewsnet')", lambda: load_corpus("saudinewsnet"), n_docs, n_bytes, args.repeat)

    table = str.maketrans({c: "" for c in [*ar.INVISIBLE, *ar.DIACRITICS, ar.TATWEEL]} | ar.ALEF_FORMS | ar.PERSIAN_LETTERS
                          | ar.DIGITS | ar.PUNCTUATION | dict.fromkeys(ar.SPACES, " "))
    timed("str.translate, normalize's table (old method)", lambda: [t.translate(table) for t in texts], n_docs, n_bytes,
          args.repeat)
    timed("ceiling: token regex findall alone", lambda: [TOKEN_RE.findall(t) for t in texts], n_docs, n_bytes, args.repeat)
    timed("normalize (all default steps)", lambda: [normalize(t) for t in texts], n_docs, n_bytes, args.repeat)

    lexicons = sorted((KIT / "corpus" / "lexicons").glob("*.csv"))
    frames = [Lexicon.from_csv(p).entries for p in lexicons]
    import pandas as pd

    combined = pd.concat(frames, ignore_index=True).drop_duplicates("pattern")
    for path in lexicons:
        lex = Lexicon.from_csv(path)
        timed(f"count_terms, {path.name} ({len(lex)} patterns), fresh", lambda p=path: count_terms(texts, Lexicon.from_csv(p)),
              n_docs, n_bytes, args.repeat)
    try:
        both = Lexicon.from_frame(combined, "both")
        timed(f"count_terms, both lexicons ({len(both)} patterns), fresh", lambda: count_terms(texts, Lexicon.from_frame(combined)),
              n_docs, n_bytes, args.repeat)
        timed("count_terms, both lexicons, warm token cache", lambda: count_terms(texts, both), n_docs, n_bytes, args.repeat)
    except Exception as exc:  # the two files may share a pattern under different labels
        print("combined lexicon skipped:", exc)
    if args.profile and lexicons:
        lex = Lexicon.from_csv(lexicons[0])
        prof = cProfile.Profile()
        prof.enable()
        count_terms(texts, lex)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(12)


if __name__ == "__main__":
    main()
