"""The fast matcher against the slow reference copy of the old one (tests/reference_matcher.py).

``count_terms`` (voice all / own / quoted, blockers hidden or shown) and ``find_terms`` rows
must equal the reference's on generated Arabic texts (clitics, diacritics, tatweel, quote
marks, colons, underscores, punctuation, line breaks, Persian letters, presentation forms) and on a seeded sample of 2,000 real articles of each corpus, for
the kit's frames and entities lexicons and a small lexicon of multi-word and ``*`` patterns.

The one intended difference: an invisible character that ``normalize`` removes (soft hyphen,
LRM/RLM, ZWSP, ...) no longer splits a word and is no token of its own. So on a text that
holds one, the expected result is the reference's on the text without them, with offsets
mapped back to the raw text (``text[start:end]`` is the raw surface, invisible characters
included); the voice split is not compared there (the voice rules count words themselves).

The voice rules are checked the same way: ``quoted_spans`` and the lazy ``quoted_at`` (the
voice split's engine) against a frozen copy of the rules (tests/reference_voice.py), at every
offset of generated texts rich in quote marks, colons and attribution verbs and of real articles.
"""
import pickle
import random
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import deduplicate, load_corpus
from helpers.lexicon import Lexicon, _scan_plan, count_terms, find_terms
from helpers.voice import quoted_at, quoted_spans, voice_at
from tests.conftest import KIT
from tests.reference_matcher import SPLITTERS, Reference, has_invisibles, without_invisibles
from tests import reference_voice

LEXICONS = {name: KIT / "corpus" / "lexicons" / f"{name}.csv" for name in ("frames", "entities")}
SMALL = pd.DataFrame([
    ("isis", "actor", "داعش", ""), ("sdf", "actor", "قوات سوريا الديمقراطية", ""), ("syria", "place", "سوري*", ""),
    ("army", "actor", "الجيش", ""), ("army", "actor", "جيش*", ""), ("liberation", "frame", "تحرير", ""),
    ("editor", "blocker", "رئيس التحرير", ""), ("terror", "frame", "إرهاب*", ""), ("hama", "place", "حماة", "no_article"),
    ("hama", "place", "في حماة", ""), ("allies", "actor", "حلفا*", ""), ("alleged", "frame", "ما يسمى", ""),
    ("said_army", "frame", "قال الجيش", "none"), ("is", "actor", "الدولة الإسلامية", ""),
    ("is", "actor", "تنظيم الدولة*", ""), ("is", "actor", "تنظيم \"الدولة\"", ""), ("the", "x", "ال سعود", ""),
], columns=["label", "category", "pattern", "clitics"]).assign(gloss="g")
VOICES = ("all", "own", "quoted")


@pytest.fixture(scope="module")
def pristine():
    out = {name: Lexicon.from_csv(path) for name, path in LEXICONS.items()}
    out["small"] = Lexicon.from_frame(SMALL)
    return pickle.dumps(out)


@pytest.fixture
def lexicons(pristine):
    """Unused lexicons for every test and example: a matcher that met many texts dense with
    anchors stops scanning for them, and each example should try the scan afresh."""
    return pickle.loads(pristine)


def fresh(pristine):
    return pickle.loads(pristine)


def expected_rows(ref, text, blockers):
    """The reference's find rows for a raw text (see the module docstring for invisible characters)."""
    if not has_invisibles(text):
        return ref.find(text, blockers)
    stripped, where = without_invisibles(text)
    rows = []
    for a, b, _, label, pattern, _ in ref.find(stripped, blockers):
        start, end = where[a], where[b - 1] + 1
        rows.append((start, end, text[start:end], label, pattern, None))
    return rows


def expected_counts(ref, text, voice, blockers):
    if not has_invisibles(text):
        return ref.counts(text, voice, blockers)
    return ref.counts(without_invisibles(text)[0], voice, blockers) if voice == "all" else None


def check(texts, lex, ref):
    """count_terms and find_terms on ``texts`` equal the reference's, in every configuration."""
    for blockers in (False, True):
        found = find_terms(texts, lex, blockers=blockers)
        got = {k: [] for k in range(len(texts))}
        for row in found[["doc_id", "start", "end", "surface", "label", "pattern", "voice"]].itertuples(index=False):
            got[row[0]].append(tuple(row[1:]))
        for k, text in enumerate(texts):
            want = expected_rows(ref, text, blockers)
            if want and want[0][-1] is None:  # invisible characters: no voice compared
                got[k] = [(*r[:-1], None) for r in got[k]]
            assert got[k] == want, (k, text)
            assert all(text[r[0]:r[1]] == r[2] for r in got[k])
        for voice in VOICES:
            counts = count_terms(texts, lex, voice=voice, blockers=blockers).to_dict("records")
            for k, text in enumerate(texts):
                want = expected_counts(ref, text, voice, blockers)
                if want is not None:
                    assert {label: n for label, n in counts[k].items() if n} == want, (voice, blockers, k, text)


WORDS = ["داعش", "لداعش", "وداعش", "قوات", "سوريا", "السورية", "وسوريا", "الديمقراطية", "الجيش", "للجيش", "والجيش",
         "بالجيش", "جيشا", "الجيـش", "تحرير", "التحرير", "رئيس", "الإرهابيين", "والإرهاب", "إرهابيّ", "حماة", "لحماة",
         "الحماة", "في", "وفي", "حلفاء", "والحلفاء", "ما", "يسمى", "قال", "وقال", "أكد", "إن", "تنظيم", "الدولة",
         "الإسلامية", "ال", "سعود", "آل", "ب", "ل", "و", "حرّان", "سوری", "قسد", "المعارضة", "مسلحي", "النظام", "تحريرا",
         "الاحتلال", "شهداء", "10", "a",
         # presentation forms: ligatures and contextual letters (written as letters in the light text), a
         # Persian yeh form and ﷺ (whose letters depend on the context or are words: the text is tokenized whole)
         "ﺍﻟﺠﻴﺶ", "ﺩﺍﻋﺶ", "ﻭﺩﺍﻋﺶ", "ﻻ", "ﻷ", "ﺳﻮﺭﻳﺎ", "ﯾ", "ﷺ", "ﹰ"]
MARKS = ["،", ":", ".", "«", "»", '"', "“", "”", "(", ")", "\n", "_", "-", "؟"]
PIECES = st.lists(st.tuples(st.sampled_from(WORDS + MARKS), st.sampled_from(["", " ", " ", "  "])), max_size=40)


@settings(max_examples=150, deadline=None)
@given(PIECES)
def test_generated_texts_match_the_reference(pristine, parts):
    texts = ["".join(p + sep for p, sep in parts)]
    for lex in fresh(pristine).values():
        check(texts, lex, Reference(lex))


@settings(max_examples=150, deadline=None)
@given(PIECES, st.lists(st.tuples(st.integers(0, 400), st.sampled_from(SPLITTERS)), min_size=1, max_size=6))
def test_invisible_characters_are_read_as_absent(pristine, parts, inserts):
    text = "".join(p + sep for p, sep in parts)
    for at, ch in sorted(inserts, reverse=True):
        at = min(at, len(text))
        text = text[:at] + ch + text[at:]
    for lex in fresh(pristine).values():
        check([text], lex, Reference(lex))


@pytest.mark.parametrize("text", [
    'تنظيم "الدولة', 'قوات «سوريا» (الديمقراطية)', 'قوات "سوريا\nالديمقراطية', 'رئيس “ التحرير', 'الجيش العربي [ السوري',
    'وقال الجيش: "ما يسمى" في «حماة', 'حزب " الله', 'مسلحي «حزب الله»'])
def test_quote_marks_between_words(lexicons, text):
    for lex in lexicons.values():
        check([text, f"نص {text} نص"], lex, Reference(lex))



@pytest.mark.parametrize("text, scanned", [
    ("ﻭﺩﺍﻋﺶ وقوات ﺳﻮﺭﻳﺎ الديمقراطية", True), ("ﻷﻥ ﺩﺍﻋﺶ\u064b «ﺍﻟﺠﻴﺶ» للجيش", True),
    ("قال ﷺ إن ﺍﻟﺠﻴﺶ ﻭﺩﺍﻋﺶ", False), ("ﯾ ﺍﻟﺠﻴﺶ وداعش", False)])
def test_presentation_forms(lexicons, text, scanned):
    """Presentation forms are read as the letters normalize gives (offsets stay on the raw
    text); a text with ﷺ (written as words) or a Persian yeh form is tokenized whole."""
    for name, lex in lexicons.items():
        plan = _scan_plan(lex)  # (the small lexicon has a pattern with quote marks: no anchors, no scan)
        before = plan.texts if plan else 0
        check([text, f"نص {text} نص"], lex, Reference(lex))
        assert name == "small" or (plan.texts > before) == scanned
    rows = find_terms(text, lexicons["small"])
    assert "isis" in set(rows["label"]) and all(text[a:b] == w for a, b, w in rows[["start", "end", "surface"]].values)


@pytest.mark.parametrize("sep", [" ", "  ", "\t", "\u00a0", "\u2009", " «", "«", "( ", " [", "\u200f ", " \u00ad", "\r", "_"])
def test_separators_after_an_anchor(lexicons, sep):
    """An anchor followed by its pattern's next word is one key of the automaton, with one space
    between them; any other run of spaces, quote marks and brackets (tabs, no-break and thin
    spaces, invisible marks) must still be found, as the reference finds it."""
    text = (f"منذ بداية{sep}الحرب في سوريا، وقال إن عصابات{sep}مسلحة وقوات{sep}سوريا{sep}الديمقراطية "
            f"ودخلت منطقة{sep}الجزيرة")
    for lex in lexicons.values():
        check([text, f"«{text}»", text.replace("بداية", "لبداية")], lex, Reference(lex))
    assert len(find_terms(text, lexicons["frames"])) >= 2 and len(find_terms(text, lexicons["entities"])) >= 2

def test_soft_hyphen_inside_a_word_does_not_split_it():
    text = "أدان الإرها\xadبيين و«داعش\u200f» وقوات\u200b سوريا الديمقراطية، والإرهاب\u200e"
    lex = Lexicon.from_frame(SMALL)
    rows = find_terms(text, lex)
    assert rows[["surface", "label"]].values.tolist() == [
        ["الإرها\xadبيين", "terror"], ["داعش", "isis"], ["وقوات\u200b سوريا الديمقراطية", "sdf"], ["والإرهاب", "terror"]]
    assert all(text[a:b] == s for a, b, s in rows[["start", "end", "surface"]].values.tolist())
    assert rows["start"].tolist() == [5, 19, 26, 52] == [text.index(w) for w in ("الإرها", "داعش", "وقوات", "والإرهاب")]
    assert rows["end"].tolist()[:2] == [16, 23]  # after the last letter: the RLM after داعش is not in it
    counts = count_terms([text, text.replace("\xad", " ")], lex)
    assert counts[["terror", "isis", "sdf"]].values.tolist() == [[2, 1, 1], [1, 1, 1]]


def _sample(name, n=2000):
    corpus = deduplicate(load_corpus(name))
    rows = sorted(random.Random(13).sample(range(len(corpus)), min(n, len(corpus))))
    sample = corpus.iloc[rows]
    return [t for col in ("title", "text") for t in sample[col].fillna("").astype(str) if t]


@pytest.mark.parametrize("corpus", ["saudinewsnet", "antcorpus"])
def test_real_articles_match_the_reference(mirror, lexicons, corpus):
    texts = _sample(corpus)
    assert len(texts) >= 2000
    for lex in lexicons.values():
        check(texts, lex, Reference(lex))



@pytest.mark.parametrize("corpus", ["saudinewsnet", "antcorpus"])
def test_corpus_frame_rows_equal_each_field_alone(mirror, pristine, corpus):
    """find_terms on a corpus frame reads each article's fields as one text joined by line
    breaks; its rows must be those of each field matched alone (offsets within the field)."""
    frame = deduplicate(load_corpus(corpus))
    frame = frame.iloc[sorted(random.Random(14).sample(range(len(frame)), 1500))]
    frame = frame.assign(title=frame["title"].where(frame.index % 7 != 0, ""))  # some empty titles
    columns = ["doc_id", "field", "start", "end", "surface", "label", "pattern", "voice"]
    for voice in VOICES:
        for lex in fresh(pristine).values():
            whole = find_terms(frame, lex, voice=voice)
            assert not whole.empty
            alone = []
            for field in ("title", "text"):
                rows = find_terms(frame[field].set_axis(frame["doc_id"]), fresh_lex(lex), voice=voice)
                alone.append(rows.assign(field=field, _order=0 if field == "title" else 1))
            alone = pd.concat(alone).assign(_doc=lambda d: d["doc_id"].map({k: i for i, k in enumerate(frame["doc_id"])}))
            alone = alone.sort_values(["_doc", "_order", "start"], kind="stable")[columns].reset_index(drop=True)
            assert whole[columns].values.tolist() == alone.values.tolist()


def fresh_lex(lex):
    return pickle.loads(pickle.dumps(lex))

# --- the voice rules ---------------------------------------------------------------------------

def check_voice(text, rng=None):
    """quoted_spans equals the frozen rules' spans, and quoted_at their answer at every offset
    (and, with ``rng``, at a random ascending subset and in a shuffled order)."""
    spans = reference_voice.quoted_spans(text)
    assert quoted_spans(text) == spans, text
    offsets = list(range(-1, len(text) + 2))
    want = [v == "quoted" for v in voice_at(spans, offsets)]
    assert quoted_at(text, offsets) == want, text
    if rng is not None and text:
        some = sorted(rng.sample(range(len(text)), min(len(text), rng.randint(1, 8))))
        assert quoted_at(text, some) == [want[x + 1] for x in some], (text, some)
        rng.shuffle(some)
        assert quoted_at(text, some) == [want[x + 1] for x in some], (text, some)


VOICE_WORDS = ["قال", "وقال", "قالت", "أكد", "مضيفا", "قوله", "إن", "أن", "تنظيم", "جيش", "حركة", "بـ", "الدولة",
               "الإسلامية", "لن", "ننسحب", "من", "المدينة", "كل", "شيء", "ممكن", "في", "بيان", "10", "30", "داعش"]
VOICE_MARKS = ["«", "»", "“", "”", "„", '"', ":", ":", ".", "،", "؟", "\n", "\t", "(", ")"]
VOICE_PIECES = st.lists(st.tuples(st.sampled_from(VOICE_WORDS + VOICE_MARKS), st.sampled_from(["", " ", " ", "\t"])),
                        max_size=60)


@settings(max_examples=400, deadline=None)
@given(VOICE_PIECES, st.randoms(use_true_random=False))
def test_generated_texts_have_the_reference_voice(parts, rng):
    check_voice("".join(p + sep for p, sep in parts), rng)


@pytest.mark.parametrize("text", [
    "", ":", '"', 'قال: "', 'قال: «لن ننسحب»\nقال', 'جاء في البيان: 10:30 "لن ننسحب من المدينة أبدا" ثم',
    'وقالت «هيئة تحرير الشام» إن "كل شيء ممكن".', "أكد الوزير، في بيان: سنواصل القتال\nوقال: «نعم",
    '«' + " ".join(["كلمة"] * 40) + '» ثم', 'قوله إن "' + "كلمة" * 60 + ' أخرى".',
    'تنظيم "' + "ك" * 200 + " " + " ".join(["كلمة"] * 9) + '"', 'تنظيم "' + " ".join(["كلمة"] * 7) + '" و'])
def test_voice_edge_cases(text):
    check_voice(text, random.Random(0))


@pytest.mark.parametrize("corpus", ["saudinewsnet", "antcorpus"])
def test_real_articles_have_the_reference_voice(mirror, corpus):
    rng = random.Random(13)
    texts = _sample(corpus, 1000)
    assert len(texts) >= 1000
    for text in texts:
        check_voice(text, rng)


# --- downstream: co-occurrence windows, occurrences, scope_text on the anchor scan --------------

def test_downstream_uses_of_the_scan_equal_the_token_reading(mirror, pristine):
    """cooccurrence (with a word window), occurrences / dispersion and scope_text read matches
    from the anchor scan (match_spans) and word starts; on real articles they must give what
    reading every token (split_tokens + match_tokens) gives."""
    import numpy as np
    from itertools import combinations
    from helpers import cooccurrence, dispersion, occurrences
    from helpers.lexicon import SENTENCE_END_RE, is_word, match_tokens, scope_text, split_tokens
    frame = deduplicate(load_corpus("antcorpus"))
    frame = frame.iloc[sorted(random.Random(15).sample(range(len(frame)), 400))]
    lex = fresh(pristine)["entities"]
    label_of, blocked = lex.pattern_labels, lex.pattern_blocked
    # co-occurrence within 5 words, counted from every token
    want = {}
    for text in frame["text"]:
        tokens = split_tokens(text)[0]
        ordinal = np.cumsum([is_word(t) for t in tokens]) if tokens else []
        found = [(ordinal[i] - 1, ordinal[i + n - 1] - 1, lex.labels[label_of[pid]])
                 for i, n, pid in match_tokens(tokens, lex) if not blocked[pid]]
        for (_, e1, a), (s2, _, b) in combinations(found, 2):
            if a != b and s2 - e1 <= 5:
                want[tuple(sorted((a, b)))] = want.get(tuple(sorted((a, b))), 0) + 1
    got = cooccurrence(frame["text"].tolist(), lex, window=5)
    assert len(want) > 20 and dict(zip(zip(got["label_a"], got["label_b"]), got["units"])) == want
    # occurrences: the spans of every field's matches, in order; dispersion's word counts
    rows = occurrences(frame, "isis", lexicon=lex)
    spans = [(d, f, a, b) for d, f, a, b in rows[["doc_id", "field", "start", "end"]].values.tolist()]
    want_spans = []
    for d, title, text in frame[["doc_id", "title", "text"]].values.tolist():
        for field, t in (("title", title or ""), ("text", text or "")):
            tokens, offsets = split_tokens(t)
            want_spans += [(d, field, offsets[i][0], offsets[i + n - 1][1]) for i, n, pid in match_tokens(tokens, lex)
                           if not blocked[pid] and lex.labels[label_of[pid]] == "isis"]
    assert len(want_spans) > 100 and spans == want_spans
    words = sum(sum(map(is_word, split_tokens(t or "")[0])) for col in ("title", "text") for t in frame[col])
    assert dispersion(frame, "isis", lexicon=lex).iloc[-1]["words"] == words
    # scope_text: sentences with a match of the topic kept, the others masked
    seen = masked = 0
    for text in frame["text"].head(100):
        kept = scope_text(text, lex, "syria")
        tokens, offsets = split_tokens(text)
        starts = [offsets[i][0] for i, n, pid in match_tokens(tokens, lex) if not blocked[pid]
                  and lex.labels[label_of[pid]] == "syria"]
        want, at = [], 0  # the sentences (as scope_text cuts them) with a start kept, the others masked
        for m in [*SENTENCE_END_RE.finditer(text), None]:
            end = m.end() if m else len(text)
            unit = text[at:end]
            want.append(unit if any(at <= a < end for a in starts) else re.sub(r"\w", "x", unit))
            at = end
        assert kept == "".join(want)
        seen += len(starts)
        masked += kept != text
    assert seen > 50 and masked > 10
