"""Tests for helpers.lexicon: the matching rules, counting, lexicon validation, odd input.

Every Arabic sentence below is copied from the seed article (corpus/seed/...txt) and each test
asserts that it really occurs there. Where a rule needs a form the seed does not contain
(e.g. ``بالبوكمال``), the test starts from a real sentence and makes one visible edit to it.
"""
import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.arabic import normalize
from helpers.lexicon import (Lexicon, LexiconError, count_terms, find_terms, match_tokens, split_tokens, topic_filter,
                            word_counts)
from tests.conftest import KIT, SEED_FILE

ENTITIES = KIT / "corpus" / "lexicons" / "entities.csv"
FRAMES = KIT / "corpus" / "lexicons" / "frames.csv"

# --- real sentences from the seed article -----------------------------------------------------
TITLE = "البوكمال آخر معاقل داعش في سوريا بقبضة الجيش وحلفائه بالكامل"
S_HARRAN = "وفي غربي سوريا حرّر الجيش السوري وحلفاؤه قريتَيْ حرّان وحردانة في ريف حماة بعد مواجهات مع جبهة النصرة"
S_TERRORISTS = "واستعاد الجيش السوري السيطرة على القريتين المذكورتين وتمكّن من القضاء على العديد من الإرهابيين"
S_TANZIM = "وبهذا يكون قد تمكّن الجيش السوري وحلفاؤه من تطهير كامل أراضي البلاد من التنظيم الارهابي."
S_QASAD = "مشيراً إلى أن مسلحون من داعش سلّموا أنفسهم لـ(قسد) المدعومة أمريكياً"
S_PERSIAN = "فرار نحو 150 مسلحاً من فلول داعش في مدينة البوكمال بريف دير الزور إلی شرق نهر الفرات"
S_JUYUB = "وأكدت مصادر أنه يجري حاليا تطهير جيوب لداعش في الأحياء الغربية"
S_RADAR = "يشار الى أن هذه المعركة كان لها أهميتها الخاصة لأنها تعدّ آخر معقل لداعش في سوريا"
S_EUPHRATES = "هروب ( والي البوكمال) في داعش المعروف بـ( أبو حسن العراقي) من المدينة إلى الضفة الشرقية للفرات"
S_KHALAFAHA = "كذلك يفككون الألغام التي خلفها داعش في البوكمال."
S_ALLIES_SAT = "أعلنت غرفة عمليات حلفاء سوريا أن الجيش وحلفاءه يعملون على طرد داعش"
S_WAL_HULAFA = "وفي الوقت الراهن تعمل قوات الجيش السوري والحلفاء على تفكيك عشرات العبوات والألغام"
S_80 = "ويوم أمس السبت استعاد الجيش السوري وحلفاؤه أكثر من 80% من مساحة مدينة البوكمال"
S_HADAR = "حيث اعتدت قوّة اسرائيلية على موقع للجيش السوري في قرية حضر، وقال بيان للجيش الإسرائيلي:"
S_HEZBOLLAH = "كما شاركت قوات مساندة للجيش السوري في تحرير المدينة من إرهاب داعش كان قوامها الحرس الثوري وحزب الله (المقاومة اللبنانية)."
S_SDF_SORIA = "أكدت مصادر إعلامية فرار عناصر داعش من البوكمال باتجاه مناطق قوات سورية الديمقراطية المدعومة من واشنطن."
S_SDF_SURIA = "وتأمين وصولهم الى مناطق قوات سوريا الديمقراطية."
S_USA_HIDE = "انتشال الأمريكيين قياديين أجانب للتنظيم وتسهيل وصول بعض عناصره إلى مناطق تخضع لسيطرة قوات سوريا الديمقراطية"


def real(seed_text, sentence):
    """Assert that ``sentence`` is copied verbatim from the seed (title or body); return it."""
    assert sentence in seed_text or sentence in TITLE, f"not in the seed: {sentence!r}"
    return sentence


def lex_of(*rows):
    """A small lexicon from (label, pattern[, category]) rows, in this order."""
    return Lexicon.from_frame(pd.DataFrame({
        "label": [r[0] for r in rows], "category": [r[2] if len(r) > 2 else "x" for r in rows],
        "gloss": [r[0].upper() for r in rows], "pattern": [r[1] for r in rows]}))


def surfaces(text, lexicon):
    return find_terms(text, lexicon)[["surface", "label"]].values.tolist()


def full_seed(seed):
    """Headline + body: what the codebooks counted."""
    return seed.loc[0, "title"] + "\n\n" + seed.loc[0, "text"]


def test_title_constant_is_the_seed_headline(seed):
    assert seed.loc[0, "title"] == TITLE


# --- rule 1: the same normalization for text and patterns -----------------------------------

def test_shadda_in_text_is_ignored(seed_text):
    s = real(seed_text, S_HARRAN)
    assert "حرّان" in s and "حران" not in s  # the seed writes it with a shadda
    found = surfaces(s, lex_of(("harran", "حران"), ("hardana", "حردانة")))
    assert found == [["حرّان", "harran"], ["وحردانة", "hardana"]]


def test_diacritics_in_pattern_are_ignored(seed_text):
    s = real(seed_text, S_HARRAN)
    # fully vowelled pattern, and a shadda on a different letter than the text has
    assert surfaces(s, lex_of(("harran", "حَرَّانَ"))) == [["حرّان", "harran"]]
    assert surfaces(s, lex_of(("villages", "قَرِيتَيْ"))) == [["قريتَيْ", "villages"]]
    # but a different consonant skeleton is not the same word
    assert surfaces(s, lex_of(("x", "حرمان"))) == []


def test_alef_hamza_folded_both_ways(seed_text):
    s = real(seed_text, S_TERRORISTS)
    assert "الإرهابيين" in s
    # pattern without hamza, text with hamza
    assert surfaces(s, lex_of(("t", "الارهابيين"))) == [["الإرهابيين", "t"]]
    # pattern with hamza, text without (the seed writes التنظيم الارهابي without hamza)
    s2 = real(seed_text, S_TANZIM)
    assert "الارهابي" in s2 and "الإرهابي" not in s2
    assert surfaces(s2, lex_of(("t", "التنظيم الإرهابي"))) == [["التنظيم الارهابي", "t"]]
    # and the literal word from the codebook example, text without hamza
    assert surfaces("قتل الارهابيين", lex_of(("t", "الإرهابيين"))) == [["الارهابيين", "t"]]


def test_tatweel_before_parenthesis_does_not_hide_qasad(seed_text):
    s = real(seed_text, S_QASAD)
    assert "لـ(قسد)" in s
    found = find_terms(s, ENTITIES)
    assert found.loc[found.label == "sdf", "surface"].tolist() == ["قسد"]
    # tatweel inside the word is removed before matching
    assert surfaces("سلّموا أنفسهم لـقســد", lex_of(("sdf", "قسد"))) == [["لـقســد", "sdf"]]


def test_persian_yeh_matches_alef_maqsura(seed_text):
    s = real(seed_text, S_PERSIAN)
    assert "\u06cc" in s  # the seed really has a Persian yeh in إلی
    assert surfaces(s, lex_of(("ila_sharq", "إلى شرق"))) == [["إلی شرق", "ila_sharq"]]
    # ى and ي are not folded: a pattern with ي does not match
    assert surfaces(s, lex_of(("ila_sharq", "إلي شرق"))) == []


def test_ta_marbuta_is_not_folded(seed_text):
    s = real(seed_text, S_SDF_SORIA)
    assert "قوات سورية الديمقراطية" in s
    assert surfaces(s, lex_of(("x", "قوات سوريا الديمقراطية"))) == []
    assert surfaces(s, lex_of(("x", "قوات سوريه الديمقراطية"))) == []
    assert surfaces(s, lex_of(("x", "قوات سورية الديمقراطية"))) == [["قوات سورية الديمقراطية", "x"]]


def test_latin_is_case_folded():
    lex = lex_of(("isis", "ISIS"))
    assert surfaces("Isis and isis and ISIS", lex) == [["Isis", "isis"], ["isis", "isis"], ["ISIS", "isis"]]


# --- rule 2: proclitics before the first word --------------------------------------------------

def test_li_before_daesh(seed_text):
    lex = lex_of(("isis", "داعش"))
    for s in (S_JUYUB, S_RADAR):
        assert surfaces(real(seed_text, s), lex) == [["لداعش", "isis"]]


def test_bi_and_wa_before_article(seed_text):
    base = real(seed_text, S_KHALAFAHA)
    lex = lex_of(("albukamal", "البوكمال"))
    assert surfaces(base, lex) == [["البوكمال", "albukamal"]]
    # the seed has no بالبوكمال / والبوكمال: edit the real sentence by one clitic
    for edited, surface in ((base.replace("في البوكمال", "بالبوكمال"), "بالبوكمال"),
                            (base.replace("في البوكمال", "والبوكمال"), "والبوكمال"),
                            (base.replace("في البوكمال", "فبالبوكمال"), "فبالبوكمال"),
                            (base.replace("في البوكمال", "كالبوكمال"), "كالبوكمال")):
        assert surface in edited
        assert surfaces(edited, lex) == [[surface, "albukamal"]]


def test_lil_for_li_plus_article(seed_text):
    s = real(seed_text, S_EUPHRATES)
    assert "للفرات" in s
    assert surfaces(s, lex_of(("euphrates", "الفرات"))) == [["للفرات", "euphrates"]]


def test_starred_allies_with_every_hamza_seat(seed_text):
    lex = lex_of(("allies", "حلفا*"))
    cases = [(S_WAL_HULAFA, ["والحلفاء"]), (TITLE, ["وحلفائه"]), (S_80, ["وحلفاؤه"]),
             (S_ALLIES_SAT, ["حلفاء", "وحلفاءه"])]
    for sentence, expected in cases:
        found = surfaces(real(seed_text, sentence), lex)
        assert [f[0] for f in found] == expected, sentence
        assert {f[1] for f in found} == {"allies"}
    # التحالف does not begin with حلف (after proclitics): no match
    assert surfaces("دور التحالف الامريكي", lex) == []


def test_starred_pattern_after_article(seed_text):
    s = real(seed_text, S_HADAR)
    found = surfaces(s, lex_of(("israel", "إسرائيل*")))
    assert found == [["اسرائيلية", "israel"], ["الإسرائيلي", "israel"]]


def test_lil_before_aljaysh(seed_text):
    s = real(seed_text, S_HADAR)
    found = surfaces(s, lex_of(("army", "الجيش")))
    assert found == [["للجيش", "army"], ["للجيش", "army"]]
    # multiword: للجيش السوري matches الجيش السوري
    found = surfaces(s, lex_of(("army", "الجيش السوري")))
    assert found == [["للجيش السوري", "army"]]


def test_no_proclitics_before_later_words(seed_text):
    s = real(seed_text, S_HEZBOLLAH)
    assert "الثوري وحزب الله" in s
    # first word: و allowed
    assert surfaces(s, lex_of(("hezbollah", "حزب الله"))) == [["وحزب الله", "hezbollah"]]
    # second word: و not allowed
    assert surfaces(s, lex_of(("x", "الثوري حزب الله"))) == []
    s2 = real(seed_text, S_80)
    assert surfaces(s2, lex_of(("x", "الجيش السوري حلفا*"))) == []
    assert surfaces(s2, lex_of(("x", "السوري وحلفا*"))) == [["السوري وحلفاؤه", "x"]]


def test_proclitic_stripping_is_not_a_substring_search(seed_text):
    # س is not a proclitic: سداعش is another word
    assert surfaces("عناصر سداعش", lex_of(("isis", "داعش"))) == []
    # ال is only an article when a word is left after it
    assert surfaces(real(seed_text, S_HARRAN), lex_of(("x", "ريف"))) == [["ريف", "x"]]


# --- rule 3/4: longest match, counted once ---------------------------------------------------

def test_person_beats_place_star(seed_text):
    s = real(seed_text, S_EUPHRATES)
    for rows in ([("iraq", "عراق*", "place"), ("abu_hassan", "أبو حسن العراقي", "person")],
                 [("abu_hassan", "أبو حسن العراقي", "person"), ("iraq", "عراق*", "place")]):
        found = find_terms(s, lex_of(*rows))
        assert found["label"].tolist() == ["abu_hassan"]
        assert found["surface"].tolist() == ["أبو حسن العراقي"]
    # without the person pattern the place pattern does match here
    assert surfaces(s, lex_of(("iraq", "عراق*"))) == [["العراقي", "iraq"]]


def test_person_beats_place_in_the_shipped_lexicon_plus_iraq_star(seed_text):
    ent = Lexicon.from_csv(ENTITIES).entries
    extra = pd.DataFrame([{"label": "iraq", "category": "place", "gloss": "Iraq", "pattern": "عراق*"}])
    lex = Lexicon.from_frame(pd.concat([extra, ent], ignore_index=True))
    found = find_terms(real(seed_text, S_EUPHRATES), lex)
    assert "abu_hassan_iraqi" in found["label"].tolist()
    assert "iraq" not in found["label"].tolist()


def test_sdf_is_not_also_syria(seed_text):
    for s, surface in ((S_SDF_SURIA, "قوات سوريا الديمقراطية"),
                       (S_SDF_SORIA, "قوات سورية الديمقراطية"),
                       (S_USA_HIDE, "قوات سوريا الديمقراطية")):
        counts = count_terms([real(seed_text, s)], ENTITIES).iloc[0]
        assert counts["sdf"] == 1
        assert counts["syria"] == 0
        found = find_terms(s, ENTITIES)
        assert found.loc[found.label == "sdf", "surface"].tolist() == [surface]
    # order in the lexicon does not matter
    lex = lex_of(("syria", "سوريا"), ("sdf", "قوات سوريا الديمقراطية"))
    assert surfaces(S_SDF_SURIA, lex) == [["قوات سوريا الديمقراطية", "sdf"]]


def test_multiword_does_not_cross_punctuation(seed_text):
    s = real(seed_text, S_SDF_SURIA)
    broken = s.replace("قوات سوريا الديمقراطية", "قوات سوريا. الديمقراطية")
    assert broken != s
    counts = count_terms([broken], ENTITIES).iloc[0]
    assert counts["sdf"] == 0
    assert counts["syria"] == 1  # سوريا alone is then a mention of Syria
    for sep in ("، ", " - ", "/", ": ", " | "):
        assert count_terms([s.replace("سوريا الديمقراطية", f"سوريا{sep}الديمقراطية")], ENTITIES).iloc[0]["sdf"] == 0
    # quote marks and brackets are skipped between words (rule 3)
    for sep in (" (", ' "', " «", " [", "» «"):
        assert count_terms([s.replace("سوريا الديمقراطية", f"سوريا{sep}الديمقراطية")], ENTITIES).iloc[0]["sdf"] == 1


def test_longer_exact_pattern_beats_star_and_exact_beats_star():
    lex = lex_of(("star", "حلفا*"), ("exact", "حلفاؤه"))
    assert surfaces("الجيش السوري وحلفاؤه", lex) == [["وحلفاؤه", "exact"]]
    lex = lex_of(("star", "داعش*"), ("exact", "داعش"))
    assert surfaces("طرد داعش", lex) == [["داعش", "exact"]]
    assert surfaces("طرد داعشي", lex) == [["داعشي", "star"]]


def test_same_stretch_counted_once():
    lex = lex_of(("assad", "الأسد"), ("assad", "الرئيس السوري بشار الأسد"), ("pres", "الرئيس السوري"))
    assert surfaces("قال الرئيس السوري بشار الأسد", lex) == [["الرئيس السوري بشار الأسد", "assad"]]


# --- rule 3: whole words ----------------------------------------------------------------------

def test_whole_words_only(seed_text):
    s = real(seed_text, S_KHALAFAHA)
    glued = s.replace("داعش", "داعشي")
    assert surfaces(glued, lex_of(("isis", "داعش"))) == []
    assert surfaces(glued, lex_of(("isis", "داعش*"))) == [["داعشي", "isis"]]
    for token in ("داعشISIS", "ISISداعش", "داعش2017", "داعشـه"):
        assert surfaces(s.replace("داعش", token), lex_of(("isis", "داعش"))) == [], token
    # punctuation around a word is not part of it
    assert surfaces("«داعش»", lex_of(("isis", "داعش"))) == [["داعش", "isis"]]


# --- find_terms -------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [ENTITIES, FRAMES])
def test_find_terms_offsets_on_seed(seed_text, path):
    found = find_terms(seed_text, path)
    assert len(found) > 50
    cols = list(found.columns)
    assert cols[:5] == ["start", "end", "surface", "label", "category"]
    assert set(cols[5:]) <= {"gloss", "pattern", "voice"}
    assert set(found["voice"]) <= {"own", "quoted"}
    for row in found.itertuples():
        assert seed_text[row.start:row.end] == row.surface
    assert found["start"].is_monotonic_increasing
    assert (found["start"].iloc[1:].to_numpy() >= found["end"].iloc[:-1].to_numpy()).all()  # no overlap
    assert found["start"].dtype == np.int64 and found["end"].dtype == np.int64
    # as many matches as count_terms counts
    assert len(found) == int(count_terms([seed_text], path).to_numpy().sum())
    lex = Lexicon.from_csv(path)
    assert (found["category"] == found["label"].map(lex.categories)).all()
    if "gloss" in cols:
        assert (found["gloss"] == found["label"].map(lex.glosses)).all()


def test_find_terms_isis_surfaces_really_contain_daesh(seed_text):
    found = find_terms(seed_text, ENTITIES)
    isis = found[found.label == "isis"]
    assert len(isis) == seed_text.count("داعش")
    assert all("داعش" in normalize(s) for s in isis["surface"])


def test_find_terms_on_series_and_corpus(seed):
    s = pd.Series([S_JUYUB, "لا شيء"], index=["a", "b"])
    found = find_terms(s, ENTITIES)
    assert found.columns[0] == "doc_id"
    assert set(found["doc_id"]) == {"a"}
    found = find_terms(seed, ENTITIES)
    assert set(found["doc_id"]) == {"seed-albukamal-2017-11-19"}
    assert list(found.columns[:2]) == ["doc_id", "field"]
    assert found["field"].tolist() == sorted(found["field"], key=["title", "text"].index)  # title first
    assert set(found["field"]) == {"title", "text"}
    for row in found.itertuples():
        assert seed.loc[0, row.field][row.start:row.end] == row.surface
    # title + text by default, text alone on request; a Series is used as given
    assert len(found) == len(find_terms(seed["title"], ENTITIES)) + len(find_terms(seed["text"], ENTITIES))
    text_only = find_terms(seed, ENTITIES, fields=("text",))
    assert set(text_only["field"]) == {"text"} and len(text_only) == len(find_terms(seed["text"], ENTITIES))
    empty = find_terms([], ENTITIES)
    assert len(empty) == 0 and list(empty.columns[:3]) == ["doc_id", "start", "end"]


# --- count_terms ------------------------------------------------------------------------------

def test_count_terms_index_and_columns(seed, seed_text):
    lex = Lexicon.from_csv(ENTITIES)
    texts = [real(seed_text, S_JUYUB), real(seed_text, S_SDF_SORIA), ""]
    by_series = count_terms(pd.Series(texts, index=["x1", "x2", "x3"]), lex)
    assert by_series.index.tolist() == ["x1", "x2", "x3"]
    assert list(by_series.columns) == lex.shown_labels()
    assert (by_series.dtypes == np.int64).all()
    by_list = count_terms(texts, lex)
    assert by_list.index.tolist() == [0, 1, 2]
    assert (by_list.to_numpy() == by_series.to_numpy()).all()
    # zeros for labels absent
    assert by_series.loc["x3"].sum() == 0
    assert by_series.loc["x1", "isis"] == 1 and by_series.loc["x1"].sum() == 1
    row2 = by_series.loc["x2"]
    assert row2[row2 > 0].to_dict() == {"isis": 1, "albukamal": 1, "sdf": 1, "usa": 1}
    # corpus frame input: index kept, text column used
    frame = pd.concat([seed, seed], ignore_index=True)
    frame.index = [10, 20]
    by_frame = count_terms(frame, lex)
    assert by_frame.index.tolist() == [10, 20]
    assert by_frame.loc[10].equals(by_frame.loc[20].rename(10))
    assert by_frame.loc[10, "isis"] == seed_text.count("داعش") + TITLE.count("داعش")  # title + text
    text_only = count_terms(frame, lex, fields=("text",))
    assert text_only.loc[10, "isis"] == seed_text.count("داعش")


def test_count_terms_rates(seed_text):
    texts = pd.Series([real(seed_text, S_SDF_SORIA), real(seed_text, S_HEZBOLLAH), "", None], index=list("abcd"))
    counts = count_terms(texts, ENTITIES)
    rates = count_terms(texts, ENTITIES, rate_per=1000)
    words = word_counts(texts)
    # word counts by hand: words are whitespace pieces that contain a letter or digit
    for key in "ab":
        assert words[key] == sum(1 for w in texts[key].replace("(", " ").replace(")", " ").split()
                                 if any(ch.isalnum() for ch in w))
    assert words["c"] == 0 and words["d"] == 0
    assert rates.index.equals(counts.index) and list(rates.columns) == list(counts.columns)
    assert (rates.dtypes == np.float64).all()
    for key in "ab":
        for label in counts.columns:
            assert math.isclose(rates.loc[key, label], counts.loc[key, label] * 1000 / words[key])
    assert rates.loc["a", "sdf"] > 0
    assert (rates.loc[["c", "d"]] == 0.0).all().all()


# --- seed oracle (codebook hand counts, headline + body) ------------------------------------

ENTITY_ORACLE = {
    "isis": 22, "syrian_army": 14, "albukamal": 13, "syria": 7, "sdf": 4, "deir_ezzor": 3, "irgc": 3,
    "euphrates": 2, "israeli_army": 2, "nusra_hts": 2, "war_media": 2, "soleimani": 1, "alalam_tv": 1,
    "hezbollah": 1, "iraqi_forces": 1, "coalition": 1, "us_forces": 1, "usa": 1, "russian_forces": 1,
    "mayadeen": 1, "hadar": 1, "hama": 1, "harran": 1, "hardana": 1, "qasr_ali": 1,
    "abu_hassan_iraqi": 1, "saddam_jamal": 1, "abu_sumayya_ansari": 1,
}
FRAME_ORACLE = {
    "daesh": 19, "army": 14, "liberation": 10, "allies": 8, "government_allies": 6, "isis_terrorist": 4,
    "recapture": 3, "terrorists": 3, "militants": 2, "israeli_army": 2, "nusra_hts": 2, "killed": 1,
    "held_by": 1, "assault": 1, "resistance": 1, "war": 1,
}


def test_oracles_agree_with_codebook_totals():
    assert sum(ENTITY_ORACLE.values()) == 91  # "Total: 91 hits" in entities.md
    assert sum(FRAME_ORACLE.values()) == 78  # "Total: 78 hits" in frames.md


def test_oracle_raw_string_evidence(seed):
    """Plain substring counts in the seed that back the codebook's hand counts."""
    full = full_seed(seed)
    assert full.count("داعش") == 22
    assert full.count("البوكمال") == 13
    assert full.count("الجيش السوري") == 12 and full.count("للجيش السوري") == 2
    assert full.count("دير الزور") == 3
    assert full.count("سوريا") == 9 and full.count("قوات سوريا الديمقراطية") == 2
    assert full.count("تحرير") == 6 and full.count("تطهير") == 3
    assert full.count("حلف") == 13  # التحالف does not contain حلف
    assert full.count("حلفاء") + full.count("حلفائه") + full.count("حلفاؤه") == 13
    assert full.count("الحرس الثوري") == 2 and full.count("فيلق القدس") == 1


@pytest.mark.parametrize("path, oracle", [(ENTITIES, ENTITY_ORACLE), (FRAMES, FRAME_ORACLE)])
def test_seed_counts_equal_codebook(seed, path, oracle):
    lex = Lexicon.from_csv(path)
    counted = [label for label in lex.labels if lex.categories[label] != "blocker"]
    assert set(oracle) <= set(counted)
    got = count_terms([full_seed(seed)], lex).iloc[0].to_dict()
    assert set(counted) <= set(got)  # every counted label has a column (blockers may have none)
    expected = {label: oracle.get(label, 0) for label in got}
    assert got == expected
    # the whole file: the furniture lines have no matches; the category line is the bare word
    # سورية, which entities.csv counts as Syria (pattern سورية with clitics=no_article)
    whole = SEED_FILE.read_text(encoding="utf-8")
    assert whole.splitlines()[0].strip() == "سورية"
    whole_expected = dict(expected)
    if path == ENTITIES:
        whole_expected["syria"] += 1
    assert count_terms([whole], lex).iloc[0].to_dict() == whole_expected


def test_seed_zero_labels_named_in_codebooks(seed):
    ent = count_terms([full_seed(seed)], ENTITIES).iloc[0]
    for label in ("bashar_assad", "iraq", "iran", "russia", "israel", "quneitra", "sana"):
        assert ent[label] == 0, label
    fr = count_terms([full_seed(seed)], FRAMES).iloc[0]
    for label in ("regime_forces", "government_forces", "militias", "rebels", "revolutionaries", "opposition",
                  "fsa", "islamic_state", "dawaesh", "martyrs", "victims", "israeli_aggression", "israeli_enemy",
                  "israel_name", "occupation", "jihadists", "extremists", "fighters", "alleged", "died",
                  "revolution", "crisis", "civil_war", "conflict"):
        assert fr[label] == 0, label


def test_codebook_header_facts():
    ent, fr = Lexicon.from_csv(ENTITIES), Lexicon.from_csv(FRAMES)
    assert (len(ent), len(ent.labels)) == (360, 80)
    assert (len(fr), len(fr.labels)) == (1269, 66)
    assert set(ent.categories.values()) == {"actor", "person", "place", "media", "blocker"}
    assert set(fr.categories.values()) == {"outcome", "territory", "government_side", "allies", "armed_groups",
                                           "isis_naming", "the_dead", "displacement", "attribution",
                                           "conflict_name", "aggression", "israel", "blocker"}
    # every blocker label is named for what it blocks, and no counted label starts with not_
    for lex in (ent, fr):
        for label, category in lex.categories.items():
            assert (category == "blocker") == (label.startswith("not_") or label in {"tahrir_in_names", "other_assads"}), label


# --- bad lexicon files ------------------------------------------------------------------------

HEADER = "label,category,gloss,pattern\n"


def write(tmp_path, body, name="bad.csv", header=HEADER):
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("body, line, words", [
    ("isis,actor,ISIS,داعش\nsdf,actor,SDF\n", 3, ["fields"]),
    ("isis,actor,ISIS,داعش\nsdf,actor,SDF,قسد,extra\n", 3, ["fields"]),
    ("isis,actor,ISIS,داعش\nsdf,actor,SDF,\n", 3, ["empty pattern"]),
    ("isis,actor,ISIS,داعش\nsdf,actor,SDF,   \n", 3, ["empty pattern"]),
    ("isis,actor,ISIS,داعش\n,actor,SDF,قسد\n", 3, ["empty label"]),
    ("israel,place,Israel,إسرائيل\nisrael_name,place,Israel,إسرائيل\n", 3, ["duplicates", "line 2"]),
    ("israel,place,Israel,إسرائيل\nisrael_name,place,Israel,اسرائيل\n", 3, ["duplicates", "line 2"]),
    ("harran,place,Harran,حران\nx,place,X,حرّان\n", 3, ["duplicates", "line 2"]),
    ("isis,actor,ISIS,داعش\nx,actor,X,داع*ش\n", 3, ["*"]),
    ("isis,actor,ISIS,داعش\nx,actor,X,*داعش\n", 3, ["*"]),
    ("isis,actor,ISIS,داعش\nx,actor,X,تنظيم* الدولة\n", None, None),  # valid: * ends a word
    ("isis,actor,ISIS,داعش\n\nx,actor,X,داع*ش\n", 4, ["*"]),  # blank line still counted
])
def test_bad_rows_name_file_and_line(tmp_path, body, line, words):
    path = write(tmp_path, body)
    if line is None:
        assert len(Lexicon.from_csv(path)) == 2
        return
    with pytest.raises(LexiconError) as err:
        Lexicon.from_csv(path)
    msg = str(err.value)
    assert "bad.csv" in msg
    assert f"line {line}" in msg
    for w in words:
        assert w in msg


def test_missing_column(tmp_path):
    path = write(tmp_path, "isis,actor,ISIS\n", header="label,category,gloss\n")
    with pytest.raises(LexiconError, match=r"bad\.csv.*line 1.*pattern"):
        Lexicon.from_csv(path)
    with pytest.raises(LexiconError, match="gloss"):
        Lexicon.from_frame(pd.DataFrame({"label": ["a"], "category": ["x"], "pattern": ["داعش"]}))


def test_frame_errors_name_line():
    frame = pd.DataFrame({"label": ["a", "b"], "category": ["x", "x"], "gloss": ["", ""],
                          "pattern": ["إسرائيل", "اسرائيل"]})
    with pytest.raises(LexiconError, match="line 3"):
        Lexicon.from_frame(frame)


def test_same_pattern_same_label_is_kept_once(tmp_path):
    lex = Lexicon.from_csv(write(tmp_path, "israel,place,Israel,إسرائيل\nisrael,place,Israel,اسرائيل\n"))
    assert len(lex) == 1 and lex.labels == ["israel"]
    assert count_terms(["إسرائيل واسرائيل"], lex).iloc[0]["israel"] == 2


def test_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(LexiconError, match="empty.csv"):
        Lexicon.from_csv(path)


def test_missing_and_non_utf8_files(tmp_path):
    missing = tmp_path / "nope.csv"
    with pytest.raises(LexiconError, match="nope.csv"):
        Lexicon.from_csv(missing)
    path = tmp_path / "cp1256.csv"
    path.write_bytes((HEADER + "isis,actor,ISIS,داعش\n").encode("cp1256"))
    with pytest.raises(LexiconError, match=r"cp1256\.csv.*UTF-8"):
        Lexicon.from_csv(path)
    # a UTF-8 BOM is fine
    bom = tmp_path / "bom.csv"
    bom.write_bytes((HEADER + "isis,actor,ISIS,داعش\n").encode("utf-8-sig"))
    assert Lexicon.from_csv(bom).labels == ["isis"]


def test_regex_characters_are_literal(tmp_path):
    path = write(tmp_path, 'us,actor,US,U.S.\nsdf,actor,SDF,(قسد)\ndot,x,X,a.c\nplus,x,X,a+\n', name="re.csv")
    lex = Lexicon.from_csv(path)
    assert surfaces("abc a.c", lex) == [["a.c", "dot"]]
    assert surfaces("US USA U.S. UxSx", lex) == [["U.S.", "us"]]
    assert surfaces("aa a+", lex) == [["a+", "plus"]]
    assert surfaces("سلّموا أنفسهم لـ(قسد) المدعومة", lex) == [["(قسد)", "sdf"]]
    assert surfaces("سلّموا أنفسهم لقسد المدعومة", lex) == []  # no parentheses, no match


# --- odd text ---------------------------------------------------------------------------------

def test_odd_texts_give_zeros():
    texts = ["", None, np.nan, pd.NA, "ISIS fighters fled to the east bank", "   \n\t ", "!!! ... ؟"]
    counts = count_terms(texts, ENTITIES)
    assert counts.shape == (len(texts), 70)
    assert counts.to_numpy().sum() == 0
    rates = count_terms(texts, ENTITIES, rate_per=1000)
    assert not rates.isna().any().any() and rates.to_numpy().sum() == 0
    assert word_counts(texts).tolist() == [0, 0, 0, 0, 7, 0, 0]
    for t in ("", None, np.nan):
        f = find_terms(t, ENTITIES)
        assert len(f) == 0 and list(f.columns[:3]) == ["start", "end", "surface"]
    assert count_terms([], ENTITIES).shape == (0, 70)
    assert count_terms("داعش", ENTITIES).loc[0, "isis"] == 1  # a single string


def test_long_document_scales_exactly(seed_text):
    one = count_terms([seed_text], ENTITIES).iloc[0]
    many = count_terms(["\n".join([seed_text] * 500)], ENTITIES).iloc[0]
    assert (many == one * 500).all()
    assert many["isis"] == 500 * seed_text.count("داعش")
    assert word_counts(["\n".join([seed_text] * 500)])[0] == 500 * word_counts([seed_text])[0]


# --- real corpora through the mirror ------------------------------------------------------------

def test_ant_counts(ant):
    counts = count_terms(ant, ENTITIES)
    assert len(counts) == 2765
    assert counts.index.equals(ant.index)
    per_outlet = counts["isis"].groupby(ant["outlet"]).sum()
    assert len(per_outlet) == 5
    assert (per_outlet > 0).all()


def test_ant_kwic_lines_contain_a_match(ant):
    from helpers.analysis import kwic

    sample = ant.iloc[:400]
    lines = kwic(sample, ENTITIES, window=4)
    isis = lines[lines.label == "isis"]
    assert len(isis) > 20
    fields = sample.set_index("doc_id")[["title", "text"]]
    lex = Lexicon.from_csv(ENTITIES)
    isis_patterns = [normalize(p).rstrip("*") for p in lex.entries.loc[lex.entries.label == "isis", "pattern"]]
    assert set(isis["field"]) == {"title", "text"}
    for row in isis.itertuples():
        text = fields.loc[row.doc_id, row.field]
        assert text[row.start:row.end] == row.match
        assert find_terms(row.match, ENTITIES)["label"].tolist() == ["isis"]
        unquoted = " ".join(re.sub(r'[«»“”"()\[\]]', " ", normalize(row.match)).split())  # rule 3 skips quotes
        readings = (unquoted, re.sub(r"^([وف]?)لل", r"\1ال", unquoted))  # لل = ل + ال (rule 2)
        assert any(p in r for p in isis_patterns for r in readings), row.match
        # the context is the text around the match
        assert " ".join(text[:row.start].split()).endswith(row.before)
        assert " ".join(text[row.end:].split()).startswith(row.after)


def test_snn_has_no_sdf(snn):
    # entities.md: "0 in SNN 2015: the SDF was founded in Oct 2015"
    counts = count_terms(snn["title"].fillna("") + "\n" + snn["text"].fillna(""), ENTITIES)
    assert len(counts) == len(snn)
    assert counts["sdf"].sum() == 0
    assert counts["isis"].sum() > 1000


def test_lone_star_and_folder_are_clear_errors(tmp_path):
    bad = tmp_path / "lex.csv"
    bad.write_text("label,category,gloss,pattern\nisis,actor,ISIS,داعش *\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="lex.csv, line 2"):
        Lexicon.from_csv(bad)
    with pytest.raises(LexiconError, match="is a folder"):
        Lexicon.from_csv(tmp_path)


def test_multiword_patterns_do_not_cross_line_breaks():
    lex = Lexicon.from_patterns("قوات سوريا الديمقراطية")
    assert count_terms(["قوات سوريا\nالديمقراطية", "قوات سوريا  الديمقراطية"], lex).iloc[:, 0].tolist() == [0, 1]


# --- lexicon format: clitics, note, blockers, underscores, quotes inside names ------------------

def lex_rows(*rows, **extra):
    """A lexicon from dicts with label, pattern and optional category/gloss/clitics/note."""
    frame = pd.DataFrame([{"category": "x", "gloss": r["label"].upper(), **r} for r in rows])
    return Lexicon.from_frame(frame)


def test_clitics_column_no_article_and_none(seed_text):
    s = real(seed_text, S_HARRAN)
    assert "ريف حماة" in s
    every = lex_rows({"label": "hama", "pattern": "حماة"})
    no_article = lex_rows({"label": "hama", "pattern": "حماة", "clitics": "no_article"})
    exact = lex_rows({"label": "hama", "pattern": "حماة", "clitics": "none"})
    for lex in (every, no_article, exact):
        assert surfaces(s, lex) == [["حماة", "hama"]]
    # conjunction / preposition before the word: all but `none`
    for edited in ("لحماة", "وحماة", "فبحماة"):
        text = s.replace("حماة", edited)
        assert surfaces(text, every) == [[edited, "hama"]]
        assert surfaces(text, no_article) == [[edited, "hama"]]
        assert surfaces(text, exact) == []
    # an added article: only the default (the adjective reading الحماة "the protectors")
    for edited in ("الحماة", "والحماة", "للحماة", "بالحماة"):
        text = s.replace("حماة", edited)
        assert surfaces(text, every) == [[edited, "hama"]]
        assert surfaces(text, no_article) == [], edited
        assert surfaces(text, exact) == []
    # a pattern that begins with the article keeps it under no_article: للفرات = ل + الفرات
    s2 = real(seed_text, S_EUPHRATES)
    assert surfaces(s2, lex_rows({"label": "e", "pattern": "الفرات", "clitics": "no_article"})) == [["للفرات", "e"]]
    assert surfaces(s2, lex_rows({"label": "e", "pattern": "الفرات", "clitics": "none"})) == []


def test_clitics_and_note_columns_from_csv(tmp_path):
    path = write(tmp_path, 'hama,place,Hama,حماة,no_article,"not الحماة, the protectors"\n'
                           'hama,place,Hama,حماه,,\n', name="clitics.csv",
                 header="label,category,gloss,pattern,clitics,note\n")
    lex = Lexicon.from_csv(path)
    assert lex.entries["clitics"].tolist() == ["no_article", ""]
    assert lex.entries["note"].tolist() == ["not الحماة, the protectors", ""]
    assert count_terms(["الحماة وحماة والحماه"], lex).iloc[0]["hama"] == 2
    # the note is never matched
    assert count_terms(["the protectors"], lex).iloc[0]["hama"] == 0
    bad = write(tmp_path, "hama,place,Hama,حماة,no-article\n", name="badclitics.csv",
                header="label,category,gloss,pattern,clitics\n")
    with pytest.raises(LexiconError, match=r"badclitics\.csv, line 2: clitics 'no-article'"):
        Lexicon.from_csv(bad)


@pytest.mark.parametrize("body, what", [
    ("isis,actor,ISIS,داعش\nsdf,actor,SDF,قسد\nisis,group,ISIS,تنظيم الدولة\n", "categories"),
    ("isis,actor,ISIS,داعش\nsdf,actor,SDF,قسد\nisis,actor,Islamic State,تنظيم الدولة\n", "glosses"),
])
def test_label_with_two_categories_or_glosses(tmp_path, body, what):
    with pytest.raises(LexiconError) as err:
        Lexicon.from_csv(write(tmp_path, body, name="twice.csv"))
    msg = str(err.value)
    assert "twice.csv" in msg and "lines 2 and 4" in msg and "'isis'" in msg and f"two {what}" in msg


def test_blockers_consume_words_and_are_hidden(seed_text):
    lex = lex_rows({"label": "liberation", "pattern": "التحرير", "category": "outcome"},
                   {"label": "liberation", "pattern": "تحرير", "category": "outcome"},
                   {"label": "editor", "pattern": "رئيس تحرير", "category": "blocker"},
                   {"label": "editor", "pattern": "رئيس التحرير", "category": "blocker"})
    text = "قال رئيس التحرير إن تحرير المدينة تم وقال رئيس تحرير مجلة أخرى"
    assert lex.blockers == ["editor"] and lex.shown_labels() == ["liberation"]
    assert surfaces(text, lex) == [["تحرير", "liberation"]]
    shown = find_terms(text, lex, blockers=True)
    assert shown["label"].tolist() == ["editor", "liberation", "editor"]
    assert shown["category"].tolist() == ["blocker", "outcome", "blocker"]
    counts = count_terms([text], lex)
    assert list(counts.columns) == ["liberation"] and counts.iloc[0, 0] == 1
    with_blockers = count_terms([text], lex, blockers=True)
    assert with_blockers.iloc[0].to_dict() == {"liberation": 1, "editor": 2}
    # without the blocker the two editors count as liberation
    assert count_terms([text], lex_rows({"label": "liberation", "pattern": "التحرير"},
                                        {"label": "liberation", "pattern": "تحرير"})).iloc[0, 0] == 3
    from helpers.analysis import kwic, rates_by_group

    assert kwic([text], lex)["label"].tolist() == ["liberation"]
    assert kwic([text], lex, blockers=True)["label"].tolist() == ["editor", "liberation", "editor"]
    rates = rates_by_group([text, "تحرير"], lex, ["a", "b"], n_boot=5)
    assert set(rates["label"]) == {"liberation"}
    assert set(rates_by_group([text], lex, ["a"], n_boot=5, blockers=True)["label"]) == {"liberation", "editor"}


def test_underscore_reads_as_space(seed_text):
    lex = Lexicon.from_csv(ENTITIES)
    tag = "#قوات_سوريا_الديمقراطية"
    found = find_terms(f"وسم {tag} اليوم", lex)
    assert found[["surface", "label", "start", "end"]].values.tolist() == [["قوات_سوريا_الديمقراطية", "sdf", 5, 27]]
    assert count_terms([tag], lex).iloc[0]["syria"] == 0
    # in a pattern too: the pattern قوات_سوريا_الديمقراطية is the three words
    assert surfaces(real(seed_text, S_SDF_SURIA), lex_of(("sdf", "قوات_سوريا_الديمقراطية"))) == [
        ["قوات سوريا الديمقراطية", "sdf"]]
    assert surfaces("داعش_", lex_of(("isis", "داعش"))) == [["داعش", "isis"]]
    assert word_counts(["#قوات_سوريا_الديمقراطية", "__"]).tolist() == [3, 0]


@pytest.mark.parametrize("quoted", ['قوات "سوريا الديمقراطية"', "قوات «سوريا الديمقراطية»", "قوات (سوريا الديمقراطية)",
                                    "قوات “سوريا الديمقراطية”", '"قوات سوريا الديمقراطية"', "قوات سوريا «الديمقراطية»",
                                    "قوات [ سوريا ] الديمقراطية", "قوات ' سوريا الديمقراطية '"])
def test_quote_marks_inside_a_name(seed_text, quoted):
    s = real(seed_text, S_SDF_SURIA).replace("قوات سوريا الديمقراطية", quoted)
    found = find_terms(s, ENTITIES)
    assert found["label"].tolist() == ["sdf"]
    row = found.iloc[0]
    assert s[row.start:row.end] == row.surface
    assert row.surface.startswith("قوات") and row.surface.endswith("الديمقراطية")  # no quote outside the name
    assert count_terms([s], ENTITIES).iloc[0][["sdf", "syria"]].tolist() == [1, 0]


def test_quote_marks_exact_offsets():
    text = 'وقالت قوات "سوريا الديمقراطية" إنها'
    found = find_terms(text, ENTITIES)
    assert found[["start", "end", "surface", "label"]].values.tolist() == [
        [6, 29, 'قوات "سوريا الديمقراطية', "sdf"]]
    assert text[6:29] == 'قوات "سوريا الديمقراطية' and text[29] == '"'


def test_other_punctuation_still_breaks_a_name():
    for text in ("قوات سوريا، الديمقراطية", "قوات سوريا: الديمقراطية", "قوات سوريا\n«الديمقراطية»"):
        assert count_terms([text], ENTITIES).iloc[0][["sdf", "syria"]].tolist() == [0, 1], text


def test_many_patterns_sharing_a_first_word_give_the_same_matches():
    """The trie finds the same leftmost-longest matches as trying every pattern in turn."""
    words = ["في", "الجيش", "السوري", "حلب", "ريف", "دير", "الزور", "مدينة"]
    rng = np.random.default_rng(1)
    patterns = sorted({" ".join(rng.choice(words, size=rng.integers(1, 4))) for _ in range(120)})
    patterns += ["في ريف*", "في* حلب", "السوري*"]
    lex = Lexicon.from_patterns(patterns)
    text = " ".join(rng.choice(words + ["و", "،", "«", "والسورية"], size=400))

    def brute(text):
        tokens = split_tokens(text)[0]
        norm = [normalize(t) for t in tokens]
        out, i = [], 0
        while i < len(tokens):
            best = None
            for pid, p in enumerate(lex.entries["pattern"]):
                pw = [w for w in p.split()]
                ok = True
                k = i
                for n, w in enumerate(pw):
                    if n > 0:
                        while k < len(tokens) and tokens[k] in "«" and w != "«":
                            k += 1
                    if k >= len(tokens):
                        ok = False
                        break
                    t = norm[k]
                    cands = [t]
                    if n == 0 and t[:1] in "وف" and len(t) > 2:
                        cands.append(t[1:])
                    cands += [c[2:] for c in list(cands) if c.startswith("ال") and len(c) > 3]
                    hit = [c for c in cands if (c.startswith(w[:-1]) if w.endswith("*") else c == w)]
                    if not hit:
                        ok = False
                        break
                    stripped = len(t) - max(len(c) for c in hit) if n == 0 else 0
                    if n == 0:
                        first_stripped = stripped
                    k += 1
                if ok:
                    rank = (len(pw), sum(len(w.rstrip("*")) for w in pw), -first_stripped,
                            not pw[-1].endswith("*"), -pid)
                    if best is None or rank > best[0]:
                        best = (rank, pid, k - i)
            if best:
                out.append((i, best[2], best[1]))
                i += best[2]
            else:
                i += 1
        return out

    assert match_tokens(split_tokens(text)[0], lex) == brute(text)


# --- counting unit: title + text (interface C) ----------------------------------------------------

def test_fields_title_and_text(seed):
    lex = Lexicon.from_csv(ENTITIES)
    title_counts = count_terms(seed["title"], lex)
    text_counts = count_terms(seed["text"], lex)
    both = count_terms(seed, lex)
    assert both.equals(title_counts + text_counts)
    assert count_terms(seed, lex, fields=("text",)).equals(text_counts)
    assert count_terms(seed, lex, fields="title").equals(title_counts)
    assert word_counts(seed).iloc[0] == word_counts(seed["title"]).iloc[0] + word_counts(seed["text"]).iloc[0]
    assert word_counts(seed, fields=("text",)).iloc[0] == word_counts(seed["text"]).iloc[0]
    rates = count_terms(seed, lex, rate_per=1000)
    assert math.isclose(rates.iloc[0]["isis"], both.iloc[0]["isis"] * 1000 / word_counts(seed).iloc[0])


def test_no_match_spans_title_and_text():
    corpus = pd.DataFrame({"doc_id": ["a"], "title": ["هجوم على قوات سوريا"], "text": ["الديمقراطية في الرقة"]})
    counts = count_terms(corpus, ENTITIES).iloc[0]
    assert counts["sdf"] == 0 and counts["syria"] == 1
    found = find_terms(corpus, ENTITIES)
    assert found[["field", "surface", "start", "end"]].values.tolist() == [["title", "سوريا", 14, 19],
                                                                          ["text", "الرقة", 15, 20]]


def test_fields_odd_frames():
    # a frame without a title column is read as text alone; missing titles are empty
    assert count_terms(pd.DataFrame({"text": ["داعش"]}), "داعش").iloc[0, 0] == 1
    frame = pd.DataFrame({"title": [None, "داعش"], "text": ["داعش", None]}, index=["x", "y"])
    assert count_terms(frame, "داعش").iloc[:, 0].tolist() == [1, 1]
    assert word_counts(frame).tolist() == [1, 1]
    assert find_terms(frame, "داعش")[["doc_id", "field"]].values.tolist() == [["x", "text"], ["y", "title"]]
    with pytest.raises(ValueError, match="headline"):
        count_terms(frame, "داعش", fields=("headline", "text"))
    with pytest.raises(ValueError, match="empty"):
        count_terms(frame, "داعش", fields=())
    # lists, Series and strings are used as given, with no field column
    assert "field" not in find_terms(["داعش"], "داعش").columns


# --- topic_filter (interface D) ---------------------------------------------------------------------

def test_topic_filter(seed_text):
    corpus = pd.DataFrame({
        "doc_id": ["a", "b", "c", "d"],
        "title": ["معارك في البوكمال", "", "", None],
        "text": ["نص بلا ذكر", real(seed_text, S_JUYUB), "أمطار غزيرة في جدة ثم " + "كلام " * 30 + "عن داعش",
                 "لا شيء"]}, index=[10, 11, 12, 13])
    lex = Lexicon.from_csv(ENTITIES)
    assert topic_filter(corpus, lex)["doc_id"].tolist() == ["a", "b", "c"]
    assert topic_filter(corpus, lex, ["isis"])["doc_id"].tolist() == ["b", "c"]
    assert topic_filter(corpus, lex, "albukamal")["doc_id"].tolist() == ["a"]
    assert S_JUYUB.index("لداعش") < 60
    assert topic_filter(corpus, lex, ["isis"], lead=60)["doc_id"].tolist() == ["b"]  # داعش far into c
    assert topic_filter(corpus, lex, lead=0)["doc_id"].tolist() == ["a"]  # titles are searched in full
    assert topic_filter(corpus, lex, fields=("text",))["doc_id"].tolist() == ["b", "c"]
    out = topic_filter(corpus, lex, min_hits=1)
    assert out.index.tolist() == [10, 11, 12] and list(out.columns) == list(corpus.columns)
    assert topic_filter(corpus["text"], lex).index.tolist() == [11, 12]
    with pytest.raises(ValueError, match="syria_topic"):
        topic_filter(corpus, lex, ["syria_topic"])
    with pytest.raises(ValueError, match="min_hits"):
        topic_filter(corpus, lex, min_hits=0)


def test_topic_filter_counts_hits_not_labels_and_ignores_blockers():
    lex = lex_rows({"label": "syria", "pattern": "دمشق"}, {"label": "syria", "pattern": "حلب"},
                   {"label": "cooking", "pattern": "صابون حلب", "category": "blocker"})
    texts = ["دمشق وحلب", "صابون حلب ودمشق", "صابون حلب"]
    assert topic_filter(texts, lex, min_hits=2).tolist() == ["دمشق وحلب"]
    assert topic_filter(texts, lex).tolist() == ["دمشق وحلب", "صابون حلب ودمشق"]
    assert topic_filter(texts, lex, ["cooking"]).tolist() == ["صابون حلب ودمشق", "صابون حلب"]  # when named


# --- topic_scope: only the sentences that name the topic are counted (issue 8, round 3) ---------

def test_topic_scope_masks_sentences_without_the_topic():
    from helpers.lexicon import find_matches, scope_text, topic_scope
    topic = Lexicon.from_patterns(["دمشق", "إدلب"], label="syria")
    text = "قتل 3 في دمشق. قتل 2 في صنعاء!\nقال: «قتل 4 في إدلب» 1.5"
    scoped = scope_text(text, topic)
    assert len(scoped) == len(text)
    assert scoped.split("\n")[0] == "قتل 3 في دمشق. xxx x xx xxxxx!"
    assert scoped.split("\n")[1] == text.split("\n")[1]          # the quotation names Idlib
    assert [text[a:b] for a, b, *_ in find_matches(scoped, "قتل")] == ["قتل", "قتل"]
    # the point in 1.5 does not end a sentence; paragraphs keep a paragraph with one topic word
    assert scope_text("قتل في صنعاء 1.5 دمشق", topic) == "قتل في صنعاء 1.5 دمشق"
    assert scope_text(text, topic, unit="paragraph").split("\n")[0] == text.split("\n")[0]
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "title": ["قصف في صنعاء", None],
                           "text": [text, float("nan")], "outlet": ["X", "Y"]})
    out = topic_scope(corpus, topic)
    assert out.columns.tolist() == corpus.columns.tolist() and out.index.tolist() == corpus.index.tolist()
    assert out["title"].iat[0] == "xxx xx xxxxx" and pd.isna(out["title"].iat[1]) and pd.isna(out["text"].iat[1])
    assert corpus["title"].iat[0] == "قصف في صنعاء"                   # a copy: the input is unchanged
    assert count_terms(out, "قتل")["قتل"].tolist() == [2, 0]
    assert word_counts(out).tolist() == word_counts(corpus).tolist()  # rates keep their denominator
    assert topic_scope(corpus, topic, fields=("text",))["title"].iat[0] == "قصف في صنعاء"
    assert topic_scope(corpus["text"], topic).index.tolist() == [0, 1]
    with pytest.raises(ValueError, match="unit must be"):
        topic_scope(corpus, topic, unit="word")
    with pytest.raises(ValueError, match="not in the lexicon"):
        topic_scope(corpus, topic, ["yemen"])


def test_topic_scope_keeps_offsets_and_voices_on_the_seed(seed_text):
    from helpers.lexicon import scope_text
    topic = Lexicon.from_csv(KIT / "corpus/lexicons/syria_topic.csv")
    scoped = scope_text(seed_text, topic)
    before = find_terms(seed_text, FRAMES)
    after = find_terms(scoped, FRAMES)
    assert 0 < len(after) <= len(before)
    merged = after.merge(before, on=["start", "end"], suffixes=("", "_whole"))
    assert len(merged) == len(after)                                     # every scoped match is a match of the whole text
    assert (merged["label"] == merged["label_whole"]).all() and (merged["voice"] == merged["voice_whole"]).all()


# --- word_counts is linear (issue 9) ---------------------------------------------------------------

MARKS = "\u064b\u064e\u0651\u0652\u0640\u200c"  # fathatan, fatha, shadda, sukun, tatweel, ZWNJ


def reference_word_count(text):
    """Words by hand: maximal runs of alphanumeric characters and in-word marks (``_`` splits)."""
    n, inside = 0, False
    for ch in text:
        is_word_char = (ch.isalnum() or ch in MARKS) and ch != "_"
        if is_word_char and not inside:
            n += 1
        inside = is_word_char
    return n


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["س", "ل", "ا", "م", "a", "7", *MARKS, "_", " ", "،", "\n", "«", ".", "-"]),
                          st.integers(1, 4000)), min_size=1, max_size=12))
def test_word_counts_equals_a_reference_on_long_runs(runs):
    text = "".join(ch * k for ch, k in runs)
    assert word_counts([text]).iloc[0] == reference_word_count(text)


def test_word_counts_has_no_backtracking_and_handles_huge_runs():
    # the old count subtracted punctuation found with a negative lookahead, which rescanned a
    # run of letters from every position (quadratic); the count is now one scan of word runs
    from helpers import lexicon

    assert "(?" not in lexicon._WORDS_RE.pattern
    for text in ("س" * 400_000, ("ب" + "\u0651") * 200_000, "داعش" + "\u0640" * 300_000 + "، نعم"):
        assert word_counts([text]).iloc[0] == reference_word_count(text)
