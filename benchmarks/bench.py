"""Speed of the hot path on SaudiNewsNet (about 96 MB of UTF-8 text), on one core.

Prints articles/s and MB/s for: loading the corpus, one dict-based ``str.translate``
pass with normalize's character table (how ``normalize`` worked before its fast path; not a
ceiling), the token regex alone, ``normalize``,
and ``count_terms`` with the shipped lexicons (normalization included): each lexicon file,
all of them in one matcher (every row of every file), the same with the voice split
(``voice="own"`` and ``"quoted"``), a corpus frame (title + text), and a stress case of
20,000 two-word patterns that share the first word في (the words after the first are
looked up in a trie, so this costs about as much as the kit lexicons alone, plus the extra
matches: before the trie every في tried all 20,000 patterns, 180 times slower).
MB/s is computed from wall time and, in brackets, from the process's CPU time (which a
busy machine disturbs less). Not a test: run it with ``make bench`` (or
``python benchmarks/bench.py``) and read the figures.

    ITAR_DATA=../shared/corpora python benchmarks/bench.py [--repeat 3] [--profile]
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

import pandas as pd

KIT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(KIT))

from helpers import Lexicon, count_terms, load_corpus, normalize  # noqa: E402
from helpers import arabic as ar  # noqa: E402
from helpers.lexicon import TOKEN_RE, split_tokens  # noqa: E402


def timed(label: str, func, n_docs: int, n_bytes: int, repeat: int):
    best = best_cpu = float("inf")
    result = None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = func()
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    print(f"{label:<58} {best:7.2f} s  {n_docs / best:10,.0f} articles/s  {n_bytes / best / 1e6:7.1f} MB/s"
          f"  ({n_bytes / best_cpu / 1e6:5.1f} MB/s of CPU time)")
    return result


def pattern_key(pattern: str) -> tuple[str, ...]:
    """A pattern as the matcher compares it: normalized tokens, ``_`` read as a space."""
    return tuple(normalize(t).casefold() for t in split_tokens(str(pattern).replace("*", " * "))[0])


def all_lexicons(paths) -> tuple[pd.DataFrame, int]:
    """Every row of every lexicon file in one table, labels prefixed with the file name
    (``entities:syria``). A pattern that two files share (same words after normalization)
    can only be matched once in one matcher: it is kept once, under a joint label
    (``entities:syrian_army+frames:army``). Returns the table and the number of shared patterns."""
    rows, where = [], {}
    for path in paths:
        for row in Lexicon.from_csv(path).entries.to_dict("records"):
            row["label"] = f"{path.stem}:{row['label']}"
            key = pattern_key(row["pattern"])
            if key in where:
                first = rows[where[key]]
                if row["label"] not in first["label"].split("+"):
                    first["label"] = f"{first['label']}+{row['label']}"
                continue
            where[key] = len(rows)
            rows.append(row)
    table = pd.DataFrame(rows)
    joint = table["label"].str.contains("+", regex=False)
    # a joint label takes the category and gloss of its first part
    return table, int(joint.sum())


def is_lexicon_file(path: Path) -> bool:
    """True if the CSV's header has the lexicon columns (label, category, gloss, pattern)."""
    header = path.read_text(encoding="utf-8-sig").split("\n", 1)[0]
    return {"label", "category", "gloss", "pattern"} <= {h.strip() for h in header.split(",")}


def corpus_words(texts, n: int) -> list[str]:
    """The ``n`` most frequent alphabetic words of the first 3,000 texts, distinct after normalization."""
    from collections import Counter

    counts = Counter(w for t in texts[:3000] for w in TOKEN_RE.findall(t) if w.isalpha())
    seen, words = set(), []
    for w, _ in counts.most_common():
        key = pattern_key(w)
        if key and all(key) and key not in seen:  # a word normalize empties (a tatweel) is no pattern
            seen.add(key)
            words.append(w)
        if len(words) == n:
            break
    return words


def synthetic(words: list[str], prefix: str = "") -> pd.DataFrame:
    """One pattern per word (``prefix`` + word), under 20 labels."""
    return pd.DataFrame({"label": [f"w_{k % 20}" for k in range(len(words))], "category": "stress", "gloss": "",
                         "pattern": [f"{prefix}{w}" for w in words]})


def shared_first_word(texts, taken: set, n: int = 20_000) -> pd.DataFrame:
    """``n`` two-word patterns في + a word of the corpus (the most frequent words first),
    leaving out any that equals a pattern in ``taken`` (pattern keys) after normalization,
    under 20 labels (20,000 columns of counts for 31,030 articles would be 5 GB)."""
    from collections import Counter

    counts = Counter(w for t in texts[:3000] for w in TOKEN_RE.findall(t) if w.isalpha())
    seen, words = set(taken), []
    for w, _ in counts.most_common():
        key = pattern_key(f"في {w}")
        if key not in seen:  # words equal after normalization would be duplicate patterns
            seen.add(key)
            words.append(w)
        if len(words) == n:
            break
    return pd.DataFrame({"label": [f"fi_{k % 20}" for k in range(len(words))], "category": "stress", "gloss": "",
                         "pattern": [f"في {w}" for w in words]})


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
    timed("the token regex findall alone", lambda: [TOKEN_RE.findall(t) for t in texts], n_docs, n_bytes, args.repeat)
    timed("normalize (all default steps)", lambda: [normalize(t) for t in texts], n_docs, n_bytes, args.repeat)
    from helpers.voice import quoted_spans

    timed("quoted_spans alone (the voice rules)", lambda: [quoted_spans(t) for t in texts], n_docs, n_bytes, args.repeat)

    # only the lexicon files (corpus/lexicons also holds word lists such as boilerplate.csv)
    lexicons = [p for p in sorted((KIT / "corpus" / "lexicons").glob("*.csv")) if is_lexicon_file(p)]
    for path in lexicons:
        lex = Lexicon.from_csv(path)
        timed(f"count_terms, {path.name} ({len(lex)} patterns), fresh", lambda p=path: count_terms(texts, Lexicon.from_csv(p)),
              n_docs, n_bytes, args.repeat)
    combined, n_shared = all_lexicons(lexicons)
    n_rows = sum(len(Lexicon.from_csv(p)) for p in lexicons)
    both = Lexicon.from_frame(combined, "all lexicons")
    print(f"all lexicons in one matcher: {n_rows} rows of {len(lexicons)} files, {len(both)} patterns "
          f"({n_shared} shared by two files, kept once under a joint label), {len(both.labels)} labels")
    timed(f"count_terms, all lexicons ({len(both)} patterns), fresh", lambda: count_terms(texts, Lexicon.from_frame(combined)),
          n_docs, n_bytes, args.repeat)
    timed("count_terms, all lexicons, warm token cache", lambda: count_terms(texts, both), n_docs, n_bytes, args.repeat)
    for voice in ("own", "quoted"):
        timed(f"count_terms, all lexicons, voice={voice!r}, fresh",
              lambda v=voice: count_terms(texts, Lexicon.from_frame(combined), voice=v), n_docs, n_bytes, args.repeat)
    frame_bytes = n_bytes + sum(len(t.encode("utf-8")) for t in corpus["title"].fillna(""))
    timed("count_terms, all lexicons, corpus frame (title + text)", lambda: count_terms(corpus, Lexicon.from_frame(combined)),
          n_docs, frame_bytes, args.repeat)
    stress = pd.concat([combined, shared_first_word(texts, set(map(pattern_key, combined["pattern"])))],
                       ignore_index=True)
    n_fi = len(stress) - len(combined)
    timed(f"count_terms, all lexicons + {n_fi:,} patterns 'في ...', fresh",
          lambda: count_terms(texts, Lexicon.from_frame(stress)), n_docs, n_bytes, args.repeat)
    # cost against the number of patterns: single-word patterns taken from the corpus's own
    # words (the most frequent first, so bigger lexicons also match more), and 20,000 two-word
    # patterns that share the first word في against 20,000 single-word ones
    words = corpus_words(texts, 20_000)
    for n in (10, 1_000, 10_000, 20_000):
        timed(f"count_terms, {n:,} single-word patterns, fresh",
              lambda n=n: count_terms(texts, Lexicon.from_frame(synthetic(words[:n]))), n_docs, n_bytes, args.repeat)
    fi = [w for w in words if pattern_key(f"في {w}") != ("في",)][:20_000]
    timed(f"count_terms, {len(fi):,} patterns 'في ...' only, fresh",
          lambda: count_terms(texts, Lexicon.from_frame(synthetic(fi, "في "))), n_docs, n_bytes, args.repeat)
    if args.profile and lexicons:
        lex = Lexicon.from_csv(lexicons[0])
        prof = cProfile.Profile()
        prof.enable()
        count_terms(texts, lex)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(12)


if __name__ == "__main__":
    main()
