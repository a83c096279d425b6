"""Differential tests: the matcher (helpers.lexicon) gives exactly what the reference
matcher gives (tests/reference_matcher.py, the token matcher as it stood when issue 13
was taken up), on generated texts and on real articles, for both kit lexicons: the same
rows of find_terms (doc, field, start, end, label, voice), blockers included, and the
same count_terms tables. A faster matcher (issue 13) must keep these green; a change of
the semantics changes the reference too, on purpose and in the same commit."""
import os
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import Lexicon, count_terms, find_terms

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reference_matcher as reference  # noqa: E402

KIT = Path(__file__).resolve().parents[1]
LEXICONS = ("frames", "entities")
COLUMNS = ["start", "end", "label", "voice"]
#: generated texts per lexicon (DIFF_EXAMPLES=3000 for a longer run)
EXAMPLES = int(os.environ.get("DIFF_EXAMPLES", "300"))


def lexicon_pair(name):
    path = KIT / "corpus" / "lexicons" / f"{name}.csv"
    return Lexicon.from_csv(path), reference.Lexicon.from_csv(path)


PAIRS = {name: lexicon_pair(name) for name in LEXICONS}


def pattern_words(lex):
    """The words of a lexicon's patterns, ``*`` dropped or given an ending."""
    words = []
    for pattern in lex.entries["pattern"]:
        words += [w.replace("*", "ات") if w.endswith("*") else w for w in pattern.split()]
    return sorted(set(words))


WORDS = sorted({w for name in LEXICONS for w in pattern_words(PAIRS[name][0])} | {"قال", "في", "عن", "آل", "ما"})
PROCLITICS = ["", "", "", "و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "لل", "ولل", "فب"]
GLUE = [" ", " ", " ", " ", "  ", "\n", "، ", ". ", ": ", " «", "» ", ' "', '" ', " (", ") ", "_", " - ", "\t",
        "\u00a0", " \u200f", "\u00ad", "\u200b", "؟ ", " ' "]
MARKS = ["", "", "", "", "\u064b", "\u064e", "\u0651", "\u0640", "\u0652\u0650"]


@st.composite
def texts(draw):
    """Texts built from the lexicons' words with proclitics, endings, diacritics or tatweel
    inside and after words, punctuation, quote marks, underscores, spaces of several kinds,
    soft hyphens, bidi marks and line breaks between them."""
    n = draw(st.integers(1, 14))
    out = []
    for _ in range(n):
        word = draw(st.sampled_from(WORDS))
        if draw(st.booleans()) and len(word) > 2:
            k = draw(st.integers(1, len(word) - 1))
            word = word[:k] + draw(st.sampled_from(MARKS)) + word[k:]
        out.append(draw(st.sampled_from(PROCLITICS)) + word + draw(st.sampled_from(MARKS))
                   + draw(st.sampled_from(["", "", "", "ي", "ون", "ها", "ة"])))
        out.append(draw(st.sampled_from(GLUE)))
    return draw(st.sampled_from(["", " ", "«", "\u064e"])) + "".join(out)


def rows(frame):
    return frame[[c for c in ["doc_id", "field", *COLUMNS] if c in frame.columns]].reset_index(drop=True)


@pytest.mark.parametrize("name", LEXICONS)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts())
def test_find_terms_equals_reference_on_generated_texts(name, text):
    fast, slow = PAIRS[name]
    got = find_terms(text, fast, blockers=True)
    want = reference.find_terms(text, slow, blockers=True)
    assert rows(got).equals(rows(want)), (text, got, want)
    for voice in ("own", "quoted"):
        assert count_terms([text], fast, voice=voice, blockers=True).equals(
            reference.count_terms([text], slow, voice=voice, blockers=True))


def test_edge_cases_equal_reference():
    cases = ["ً داعش", "داعش ً", "قوات «سوريا الديمقراطية»", 'قوات "سوريا الديمقراطية"', "ﷺ داعش",
             "الإرها\u00adبي", "للفرات", "ولل", "آل سعود", "قال: «داعش انسحب»\r\nداعش", "داعشی", "ΣΑΣ داعش",
             "Straße داعش", "داعش\u180eداعش", "  داعش  ", "_داعش_", "داعش_", "#قوات_سوريا_الديمقراطية"]
    for name in LEXICONS:
        fast, slow = PAIRS[name]
        for text in cases:
            assert rows(find_terms(text, fast, blockers=True)).equals(
                rows(reference.find_terms(text, slow, blockers=True))), (name, text)


@pytest.fixture(scope="module")
def articles(snn, ant):
    """Every ANT article (duplicates of text dropped) and a seeded 3,000-article SaudiNewsNet sample."""
    return {"antcorpus": ant.drop_duplicates("text"), "saudinewsnet": snn.sample(3000, random_state=13)}


@pytest.mark.parametrize("corpus", ["antcorpus", "saudinewsnet"])
@pytest.mark.parametrize("name", LEXICONS)
def test_find_terms_equals_reference_on_articles(articles, corpus, name):
    fast, slow = PAIRS[name]
    frame = articles[corpus]
    got = find_terms(frame, fast, blockers=True)
    want = reference.find_terms(frame, slow, blockers=True)
    assert len(want) > 1000
    assert rows(got).equals(rows(want))


@pytest.mark.parametrize("name", LEXICONS)
def test_count_terms_equals_reference_on_articles(articles, name):
    fast, slow = PAIRS[name]
    frame = articles["antcorpus"]
    for voice in ("all", "quoted"):
        got = count_terms(frame, fast, voice=voice)
        want = reference.count_terms(frame, slow, voice=voice)
        assert int(want.to_numpy().sum()) > 100
        pd.testing.assert_frame_equal(got, want)
