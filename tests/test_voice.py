"""Tests for helpers.voice (own voice vs quoted speech) and the voice split in counting.

The sentences are written for the tests in the style of the kit's news corpora (no
corpus text is copied here).
"""
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.analysis import kwic, rates_by_group
from helpers.lexicon import Lexicon, count_terms, find_terms, split_tokens, word_counts
from helpers.voice import ATTRIBUTION_VERBS, quoted_spans, voice_at, voice_segments
from tests.conftest import KIT

ENTITIES = KIT / "corpus" / "lexicons" / "entities.csv"
FRAMES = KIT / "corpus" / "lexicons" / "frames.csv"


def quoted(text):
    return [text[a:b] for a, b in quoted_spans(text)]


# --- rule 1: quote marks --------------------------------------------------------------------------

@pytest.mark.parametrize("open_, close", [("«", "»"), ("“", "”"), ("”", "“"), ("“", "“"), ('"', '"'), ("»", "«"),
                                           ("„", "“")])
def test_paired_quote_marks(open_, close):
    speech = f"{open_}لن ننسحب من المدينة مهما حصل{close}"
    text = f"وقال القائد الميداني {speech} ثم غادر المكان"
    assert quoted(text) == [speech]


def test_unclosed_quote_ends_at_the_paragraph():
    text = 'وقال القائد "لن ننسحب من المدينة مهما حصل\nودخل الجيش المدينة'
    assert quoted(text) == ['"لن ننسحب من المدينة مهما حصل']
    assert quoted('وقال القائد "لن ننسحب من المدينة مهما حصل') == ['"لن ننسحب من المدينة مهما حصل']


def test_spans_never_cross_a_line_break():
    text = 'أولا "هذا كلام طويل جدا هنا\nثانيا" بقية الفقرة الثانية هنا والآن'
    for a, b in quoted_spans(text):
        assert "\n" not in text[a:b]
    # the second paragraph's lone mark opens a new (unclosed) quotation
    assert quoted(text) == ['"هذا كلام طويل جدا هنا', '" بقية الفقرة الثانية هنا والآن']


def test_other_marks_inside_a_quotation_belong_to_it():
    text = 'وقال «إن "جيش الإسلام" لن يخرج من الغوطة» ثم صمت'
    assert quoted(text) == ['«إن "جيش الإسلام" لن يخرج من الغوطة»']


# --- rule 2: names and scare quotes ----------------------------------------------------------------

@pytest.mark.parametrize("text", ['وتسيطر قوات "سوريا الديمقراطية" على الرقة',
                                  'انسحب "داعش" من البوكمال',
                                  "وصل وفد «الائتلاف الوطني» إلى جنيف",
                                  'وتبنى تنظيم «الدولة الإسلامية في العراق والشام» الهجوم',
                                  'وقصفت الطائرات مواقع "جيش خالد بن الوليد" في حوض اليرموك',
                                  "ونقلت صحيفة “نيويورك تايمز” عن مسؤولين",
                                  'وقال إن "داعش" انسحب من البوكمال'])
def test_names_and_scare_quotes_are_own_voice(text):
    assert quoted_spans(text) == []


def test_short_quotes_that_are_speech():
    # after a colon
    assert quoted('وقال المتحدث: "لا تعليق"') == ['"لا تعليق"']
    # after إن / أن when the quotation ends the sentence
    assert quoted('ونقلت الوكالة عن الوزير قوله إن "كل شيء ممكن".') == ['"كل شيء ممكن"']
    # four words or more is speech even without a verb
    assert quoted('الضربات "عمل مشكوك فيه قانونا" بحسب الحملة') == ['"عمل مشكوك فيه قانونا"']


# --- rule 3: attribution verb and colon ----------------------------------------------------------

def test_speech_after_attribution_verb_and_colon_runs_to_the_paragraph_end():
    text = "وقال وزير الخارجية في مؤتمر صحفي: سنواصل دعم الحل السياسي. ولن نقبل بغيره\nوفي سياق آخر دخل الجيش"
    assert quoted(text) == [" سنواصل دعم الحل السياسي. ولن نقبل بغيره"]


def test_speech_after_colon_that_opens_with_a_quote_ends_at_the_closing_quote():
    text = "وأضاف المصدر: «القوات تقدمت باتجاه المدينة» وسط معارك عنيفة"
    assert quoted(text) == ["«القوات تقدمت باتجاه المدينة»"]


@pytest.mark.parametrize("verb", ["قال", "وقال", "فقال", "قالت", "وقالت", "يقول", "تقول", "وأضاف", "وأضافت",
                                  "وتابع", "وأكد", "مؤكدا", "مؤكداً", "وصرح", "وأوضح", "أوضحت", "وأشار", "مشيرا",
                                  "واعتبر", "وذكرت", "قائلا", "مضيفاً"])
def test_attribution_forms(verb):
    text = f"{verb} المتحدث باسم الجيش، في بيان: القوات تتقدم"
    assert quoted(text) == [" القوات تتقدم"], verb


def test_attribution_table_forms_all_work():
    for forms in ATTRIBUTION_VERBS.values():
        for form in forms:
            assert quoted(f"و{form} المصدر: نعم") == [" نعم"], form


@pytest.mark.parametrize("text", [
    "وقال الوزير إن الجيش سيتقدم نحو المدينة",  # indirect speech: own voice (a documented limit)
    "وقال الوزير إن الجيش تقدم. والنتيجة: سيطرة كاملة",  # a sentence end between the verb and the colon
    "وقال المتحدث إن الاجتماع سيعقد غدا في تمام الساعة العاشرة صباحا في مقر الوزارة بالعاصمة والجدول: بنود",
    "وصل الوفد في الساعة 10:30 وقال إن الاجتماع بدأ",  # a time is not a colon of speech
    "النتائج كالتالي: فوز الفريق الأول",  # a colon without a verb
])
def test_not_speech(text):
    assert quoted_spans(text) == []


# --- helpers ---------------------------------------------------------------------------------------

def test_voice_at_and_segments():
    text = 'وقال المتحدث: "لن ننسحب" ودخل الجيش'
    spans = quoted_spans(text)
    assert voice_at(spans, [text.index("ننسحب"), text.index("الجيش"), 0]) == ["quoted", "own", "own"]
    pieces = voice_segments(text)
    assert "".join(pieces) == text and len(pieces) % 2 == 1
    assert pieces[1::2] == quoted(text)


PIECES = st.sampled_from(["قال", "وأضاف", "مؤكدا", "المتحدث", "الجيش", "داعش", "سوريا", "قوات", "الديمقراطية",
                          "إن", "تنظيم", "،", ":", ".", "«", "»", '"', "“", "”", "\n", "10", "_", "ب", "(", ")"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(PIECES, st.sampled_from(["", " ", "  "])), max_size=60))
def test_segments_rebuild_the_text_and_never_cut_a_token(parts):
    text = "".join(p + sep for p, sep in parts)
    spans = quoted_spans(text)
    assert spans == sorted(spans)
    assert all(a < b for a, b in spans) and all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))
    assert all("\n" not in text[a:b] for a, b in spans)
    pieces = voice_segments(text)
    assert "".join(pieces) == text
    assert [t for p in pieces for t in split_tokens(p)[0]] == split_tokens(text)[0]


# --- the voice split in counting ------------------------------------------------------------------

SENTENCES = ["وقال المتحدث باسم قوات سوريا الديمقراطية: «داعش انسحب من البوكمال»",
             'وتسيطر قوات "سوريا الديمقراطية" على الرقة بعد طرد داعش',
             "وأضاف: الجيش السوري وحلفاؤه دخلوا البوكمال"]


def test_find_terms_voice_column():
    found = find_terms(" ".join(SENTENCES[:2]), ENTITIES)
    assert found[["surface", "label", "voice"]].values.tolist() == [
        ["قوات سوريا الديمقراطية", "sdf", "own"], ["داعش", "isis", "quoted"], ["البوكمال", "albukamal", "quoted"],
        ['قوات "سوريا الديمقراطية', "sdf", "own"], ["الرقة", "raqqa", "own"], ["داعش", "isis", "own"]]
    assert find_terms(" ".join(SENTENCES[:2]), ENTITIES, voice="quoted")["label"].tolist() == ["isis", "albukamal"]
    with pytest.raises(ValueError, match="voice"):
        find_terms("داعش", ENTITIES, voice="mine")


def test_count_terms_by_voice_adds_up():
    texts = pd.Series(SENTENCES, index=["a", "b", "c"])
    every = count_terms(texts, ENTITIES)
    own = count_terms(texts, ENTITIES, voice="own")
    said = count_terms(texts, ENTITIES, voice="quoted")
    assert (own + said).equals(every)
    assert said.loc["a", ["isis", "albukamal", "sdf"]].tolist() == [1, 1, 0]
    assert said.loc["c", ["syrian_army", "albukamal"]].tolist() == [1, 1]
    assert own.loc["b", ["sdf", "isis", "syria"]].tolist() == [1, 1, 0]
    words = word_counts(texts)
    assert (word_counts(texts, voice="own") + word_counts(texts, voice="quoted")).equals(words)
    assert word_counts(texts, voice="quoted").tolist() == [4, 0, 5]
    rates = count_terms(texts, ENTITIES, voice="quoted", rate_per=100)
    assert rates.loc["a", "isis"] == pytest.approx(100 / 4)
    assert rates.loc["b"].sum() == 0  # no quoted words: rate 0, not NaN


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(PIECES, st.sampled_from(["", " "])), max_size=80))
def test_own_plus_quoted_is_all_on_generated_texts(parts):
    text = "".join(p + sep for p, sep in parts)
    lex = Lexicon.from_patterns(["قوات سوريا الديمقراطية", "سوريا", "داعش", "الجيش"])
    every = count_terms([text], lex)
    own = count_terms([text], lex, voice="own")
    said = count_terms([text], lex, voice="quoted")
    assert (own + said).equals(every)
    found = find_terms(text, lex)
    assert (found["voice"] == "quoted").sum() == said.to_numpy().sum()


def test_kwic_and_rates_by_voice():
    k = kwic(SENTENCES, ENTITIES, window=2)
    assert list(k.columns) == ["doc_id", "before", "match", "after", "label", "voice", "field", "start", "end"]
    assert k.loc[k["match"] == "«داعش"].empty  # the quote mark is context, not part of the match
    assert k.groupby("voice").size().to_dict() == {"own": 4, "quoted": 4}
    assert set(kwic(SENTENCES, ENTITIES, voice="own")["voice"]) == {"own"}
    own = rates_by_group(SENTENCES, ENTITIES, ["x", "x", "y"], voice="own", n_boot=10).set_index(["group", "label"])
    said = rates_by_group(SENTENCES, ENTITIES, ["x", "x", "y"], voice="quoted", n_boot=10).set_index(["group", "label"])
    every = rates_by_group(SENTENCES, ENTITIES, ["x", "x", "y"], n_boot=10).set_index(["group", "label"])
    assert (own["count"] + said["count"]).equals(every["count"])
    assert (own["words"] + said["words"]).equals(every["words"])
    assert said.loc[("y", "albukamal"), "count"] == 1 and own.loc[("y", "albukamal"), "count"] == 0


def test_voice_on_a_corpus_frame_and_the_real_corpus(ant):
    sample = ant.iloc[:300]
    every = count_terms(sample, FRAMES)
    own = count_terms(sample, FRAMES, voice="own")
    said = count_terms(sample, FRAMES, voice="quoted")
    assert (own + said).equals(every)
    assert 0 < said.to_numpy().sum() < every.to_numpy().sum()
    found = find_terms(sample, FRAMES)
    assert set(found["voice"]) == {"own", "quoted"}
    assert (found["voice"] == "quoted").sum() == said.to_numpy().sum()
    for row in found[found.voice == "quoted"].head(50).itertuples():
        text = sample.set_index("doc_id").loc[row.doc_id, row.field]
        assert any(a <= row.start < b for a, b in quoted_spans(text))
