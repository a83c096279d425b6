"""``kwic`` on the anchor scan against the kwic that read every token (its code before the
change, kept here as ``old_kwic``: ``split_tokens`` and ``find_matches`` over the whole text).

The same rows in the same order (doc_id, context, match, label, voice, field, offsets) on a
seeded sample of real articles of both corpora, for the kit's frames and entities lexicons
and a single-word query, several windows, both voices and blockers shown or hidden; and on
generated texts (clitics, punctuation, quote marks, underscores, invisible characters, line
breaks) for small windows.
"""
import pickle
import random
from bisect import bisect_left

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import deduplicate, load_corpus
from helpers.analysis import KWIC_COLUMNS, kwic
from helpers.lexicon import Lexicon, as_lexicon, find_matches, is_word, split_tokens, word_window
from tests.conftest import KIT

LEXICONS = {name: KIT / "corpus" / "lexicons" / f"{name}.csv" for name in ("frames", "entities")}


def old_rows(text, lex, window, doc_id, field, blockers, voice):
    """The KWIC rows of one text as kwic computed them before the anchor scan."""
    tokens, spans = split_tokens(text)
    words = [j for j, t in enumerate(tokens) if is_word(t)]
    rows = []
    for start, end, i, n, pid, where in find_matches(text, lex, blockers=blockers, voice=voice):
        before = bisect_left(words, i)
        after = bisect_left(words, i + n)
        if window == 0:
            left = right = ""
        else:
            left = text[spans[words[before - window]][0]:start] if before >= window else text[:start]
            right = text[end:spans[words[after + window - 1]][1]] if after + window - 1 < len(words) else text[end:]
        rows.append((doc_id, " ".join(left.split()), text[start:end], " ".join(right.split()),
                     lex.labels[lex.pattern_labels[pid]], where, field, start, end))
    return rows


def old_kwic(corpus, lex, window, blockers, voice):
    rows = [row for doc_id, title, text in zip(corpus["doc_id"], corpus["title"], corpus["text"])
            for field, value in (("title", title), ("text", text))
            for row in old_rows(value if isinstance(value, str) else "", lex, window, doc_id, field, blockers, voice)]
    return pd.DataFrame(rows, columns=KWIC_COLUMNS).astype({"start": "int64", "end": "int64"})


@pytest.fixture(scope="module")
def pristine():
    out = {name: Lexicon.from_csv(path) for name, path in LEXICONS.items()}
    out["word"] = Lexicon.from_patterns("النظام")
    return pickle.dumps(out)


def _sample(name, n=600):
    corpus = deduplicate(load_corpus(name))
    rows = sorted(random.Random(13).sample(range(len(corpus)), min(n, len(corpus))))
    return corpus.iloc[rows].reset_index(drop=True)[["doc_id", "title", "text"]]


@pytest.mark.parametrize("corpus", ["saudinewsnet", "antcorpus"])
def test_kwic_rows_equal_the_old_kwic_on_real_articles(mirror, pristine, corpus):
    sample = _sample(corpus)
    total = 0
    for name, lex in pickle.loads(pristine).items():
        for window, voice, blockers in [(8, "all", False), (3, "own", True), (1, "quoted", False), (0, "all", True),
                                        (40, "all", False)]:
            new = kwic(sample, lex, window=window, voice=voice, blockers=blockers)
            old = old_kwic(sample, lex, window, blockers, voice)
            pd.testing.assert_frame_equal(new, old)
            total += len(new)
    assert total > 1000  # the comparison saw many lines


WORDS = ["داعش", "لداعش", "النظام", "والنظام", "قوات", "سوريا", "الديمقراطية", "تحرير", "رئيس", "التحرير", "قال",
         "الإرهابيين", "في", "10", "a", "مُسلّحاً", "الجيـش"]
MARKS = ["،", ":", ".", "«", "»", '"', "(", ")", "\n", "_", "-", "\xad", "\u200f", "\u200b", "؟"]
PIECES = st.lists(st.tuples(st.sampled_from(WORDS + MARKS), st.sampled_from(["", " ", "  ", "\t"])), max_size=50)


@settings(max_examples=200, deadline=None)
@given(PIECES, st.integers(0, 4))
def test_kwic_rows_equal_the_old_kwic_on_generated_texts(pristine, parts, window):
    text = "".join(p + sep for p, sep in parts)
    corpus = pd.DataFrame({"doc_id": ["d"], "title": [text[:20]], "text": [text]})
    for lex in pickle.loads(pristine).values():
        pd.testing.assert_frame_equal(kwic(corpus, lex, window=window, blockers=True),
                                      old_kwic(corpus, lex, window, True, "all"))


def test_word_window_reads_words_only():
    text = "أ، ب (ج) د_هـ و\nز"
    at = text.index("د")
    assert text[slice(*word_window(text, at, at + 1, 2))] == "ب (ج) د_هـ و"
    assert word_window(text, at, at + 1, 0) == (at, at + 1)
    assert word_window(text, at, at + 1, 9) == (0, len(text))
