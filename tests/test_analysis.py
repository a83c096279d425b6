"""Tests for helpers.analysis: kwic, sentences, co-occurrence, frequencies, keyness, rates.

Sentences are copied from the seed article; each test asserts that they occur in it.
"""
import math
import re
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest

from helpers.analysis import (cooccurrence, cooccurrence_graph, document_features, frequencies, keyness,
                              kwic, rates_by_group, sentences)
from helpers.arabic import stopwords
from helpers.lexicon import Lexicon, count_terms, word_counts
from tests.conftest import KIT

ENTITIES = KIT / "corpus" / "lexicons" / "entities.csv"
FRAMES = KIT / "corpus" / "lexicons" / "frames.csv"

S_FIRST = "اليوم الأحد تمّ تحرير مدينة البوكمال (آخر معاقل داعش على الحدود السورية العراقية)"
S_HEZBOLLAH = ("كما شاركت قوات مساندة للجيش السوري في تحرير المدينة من إرهاب داعش كان قوامها الحرس الثوري "
               "وحزب الله (المقاومة اللبنانية).")
S_SATURDAY = ("وفي وقت سابق من يوم السبت أعلنت غرفة عمليات حلفاء سوريا أن الجيش وحلفاءه يعملون على طرد داعش "
              "من آخر معقل له على الأراضي السورية، كذلك يفككون الألغام التي خلفها داعش في البوكمال.")
S_SDF_SURIA = "وتأمين وصولهم الى مناطق قوات سوريا الديمقراطية."
S_SDF_SORIA = "أكدت مصادر إعلامية فرار عناصر داعش من البوكمال باتجاه مناطق قوات سورية الديمقراطية المدعومة من واشنطن."
S_RUSSIAN = "كما نشر الإعلام الحربي فيديوهات تظهر قيام طائرات روسية بشنّ غارات على مواقع تابعة لداعش في البوكمال."
S_LAST_TWO = ("حيث يواصل الجيش السوري عملية تعقبهم. كما تمّت استعادة قريتي قصر علي وعرفة، "
              "بعد القضاء على آخر تجمعات الإرهابيين وتحصيناتهم فيهما.")
S_80 = "ويوم أمس السبت استعاد الجيش السوري وحلفاؤه أكثر من 80% من مساحة مدينة البوكمال الى أن تمّ تحرير المدينة بالكامل."
S_HARRAN = "وفي غربي سوريا حرّر الجيش السوري وحلفاؤه قريتَيْ حرّان وحردانة في ريف حماة بعد مواجهات مع جبهة النصرة"
S_TANZIM = "واعتمد داعش الارهابي في معركته ضد الجيش السوري في البوكمال على شبكة أوكار معقدة داخل المدينة."


def real(seed_text, sentence):
    assert sentence in seed_text, f"not in the seed: {sentence!r}"
    return sentence


def n_words(text):
    """Words counted by hand: whitespace pieces (brackets split off) that contain a letter or digit."""
    return sum(1 for w in re.sub(r"[()]", " ", text).split() if any(c.isalnum() for c in w))


def squash(s):
    return " ".join(s.split())


# --- kwic -----------------------------------------------------------------------------------

def test_kwic_columns_and_first_line(seed):
    k = kwic(seed, "تحرير", window=3)
    assert list(k.columns) == ["doc_id", "before", "match", "after", "label", "voice", "field", "start", "end"]
    first = k.iloc[0]
    # by hand: the three words before and after the first تحرير of the article
    assert real(seed.loc[0, "text"], S_FIRST).startswith("اليوم الأحد تمّ تحرير مدينة البوكمال (آخر")
    assert (first["before"], first["match"], first["after"]) == ("اليوم الأحد تمّ", "تحرير", "مدينة البوكمال (آخر")
    assert set(k["doc_id"]) == {"seed-albukamal-2017-11-19"}
    assert len(k) == seed.loc[0, "text"].count("تحرير") + seed.loc[0, "title"].count("تحرير")
    assert set(k["field"]) == {"text"}  # the title has no تحرير


@pytest.mark.parametrize("window", [1, 3, 8])
def test_kwic_window_counts_words(seed, window):
    k = kwic(seed, FRAMES, window=window)
    by_field = k["field"].value_counts()
    assert by_field["text"] == int(count_terms(seed["text"], FRAMES).to_numpy().sum())
    assert by_field.get("title", 0) == int(count_terms(seed["title"], FRAMES).to_numpy().sum())
    for row in k.itertuples():
        text = seed.loc[0, row.field]  # offsets are within the row's field
        assert text[row.start:row.end] == row.match
        before, after = text[:row.start], text[row.end:]
        assert n_words(row.before) == min(window, n_words(before))
        assert n_words(row.after) == min(window, n_words(after))
        assert squash(before).endswith(row.before)
        assert squash(after).startswith(row.after)


def test_kwic_punctuation_is_not_a_word(seed_text):
    s = real(seed_text, S_SATURDAY)
    k = kwic([s], "داعش", window=2)
    assert k["after"].tolist()[0] == "من آخر"
    assert k["before"].tolist() == ["على طرد", "التي خلفها"]
    # comma glued after a word stays, but does not use up the window
    k = kwic([s], "كذلك", window=2)
    assert k.loc[0, "before"] == "الأراضي السورية،"


def test_kwic_multiword_match_and_document_edges(seed_text):
    s = real(seed_text, S_SDF_SURIA)
    k = kwic([s], ENTITIES, window=2)
    assert k[["before", "match", "after", "label"]].values.tolist() == [
        ["الى مناطق", "قوات سوريا الديمقراطية", ".", "sdf"]]
    s = real(seed_text, S_FIRST)
    k = kwic([s], "اليوم", window=5)
    assert k.loc[0, "before"] == ""
    assert k.loc[0, "after"] == "الأحد تمّ تحرير مدينة البوكمال"


def test_kwic_window_zero(seed):
    k0 = kwic(seed, ENTITIES, window=0)
    k3 = kwic(seed, ENTITIES, window=3)
    assert len(k0) == len(k3) > 0
    assert (k0["before"] == "").all() and (k0["after"] == "").all()
    assert k0["match"].tolist() == k3["match"].tolist()


def test_kwic_doc_ids(seed, seed_text):
    texts = [real(seed_text, S_SDF_SORIA), "لا شيء هنا", real(seed_text, S_RUSSIAN)]
    k = kwic(pd.Series(texts, index=["a", "b", "c"]), "داعش", window=1)
    assert k["doc_id"].tolist() == ["a", "c"]
    assert k["match"].tolist() == ["داعش", "لداعش"]
    assert kwic(texts, "داعش")["doc_id"].tolist() == [0, 2]
    frame = pd.DataFrame({"doc_id": ["first", "second", "third"], "text": texts}, index=[7, 8, 9])
    assert kwic(frame, "داعش")["doc_id"].tolist() == ["first", "third"]


def test_kwic_doc_id_with_a_repeated_index(seed):
    """Two corpora concatenated without ignore_index: the index repeats, doc_id does not."""
    one = pd.DataFrame({"doc_id": seed["doc_id"], "text": seed["text"]})
    other = one.assign(doc_id="other-doc")
    frame = pd.concat([one, other])  # index [0, 0]
    assert frame.index.tolist() == [0, 0]
    k = kwic(frame, "قسد", window=2)
    assert len(k) == 2
    ids = k["doc_id"].tolist()
    assert all(isinstance(i, str) for i in ids), [type(i).__name__ for i in ids]
    assert ids == ["seed-albukamal-2017-11-19", "other-doc"]


def test_kwic_reads_title_and_text_separately():
    frame = pd.DataFrame({"doc_id": ["d"], "title": ["هجوم على داعش"], "text": ["داعش ينسحب من البلدة"]})
    k = kwic(frame, "داعش", window=2)
    assert k[["field", "before", "match", "after", "start"]].values.tolist() == [
        ["title", "هجوم على", "داعش", "", 9], ["text", "", "داعش", "ينسحب من", 0]]
    # the title's last words are not the text's context: a match never spans the two fields
    assert kwic(frame, "داعش", fields=("text",))["field"].tolist() == ["text"]
    assert kwic(frame, "داعش", fields="title")["field"].tolist() == ["title"]
    # a user's frame without a title column: its text only; an unknown field is an error
    assert kwic(frame.drop(columns="title"), "داعش")["field"].tolist() == ["text"]
    with pytest.raises(ValueError, match="fields \\['lead'\\] are not columns"):
        kwic(frame, "داعش", fields=("lead", "text"))
    # plain texts have no field
    assert kwic(["داعش"], "داعش")["field"].tolist() == [None]
    assert kwic(["داعش"], "داعش")["voice"].tolist() == [None]


def test_kwic_sort_by_the_word_before_then_the_next_one():
    texts = ["ثم قال الهجوم", "بدأ الهجوم", "وقع بدأ الهجوم", "الهجوم وحده", "هنا بدأ الهجوم"]
    k = kwic(texts, "الهجوم", window=3, sort="before")
    # 1st key: the word just before (none < بدأ < قال); 2nd key: the word before that (none < هنا < وقع)
    assert k["before"].tolist() == ["", "بدأ", "هنا بدأ", "وقع بدأ", "ثم قال"]
    assert k["doc_id"].tolist() == [3, 1, 4, 2, 0]


def test_kwic_sort_by_the_word_after_normalized_with_ties_in_corpus_order():
    texts = ["الهجوم أمس على المدينة", "الهجوم إلى الشرق", "الهجوم امس في", "الهجوم أمس على القرية", "الهجوم",
             "الهجوم أمس على المدينة"]
    k = kwic(texts, "الهجوم", window=3, sort="after")
    # by hand: no word < الي (إلى) < امس (أمس and امس alike); then على < في; then القرية < المدينة;
    # documents 0 and 5 tie on every word and keep corpus order
    assert k["doc_id"].tolist() == [4, 1, 3, 0, 5, 2]
    assert kwic(texts, "الهجوم", sort=None)["doc_id"].tolist() == [0, 1, 2, 3, 4, 5]
    with pytest.raises(ValueError, match="sort must be None, 'before' or 'after'"):
        kwic(texts, "الهجوم", sort="left")


def test_kwic_sort_skips_punctuation(seed_text):
    k = kwic(["قال، الجيش", "ذهب الجيش"], "الجيش", sort="before")
    assert k["before"].tolist() == ["ذهب", "قال،"]


# --- sentences ------------------------------------------------------------------------------

def test_sentences_of_the_seed(seed_text):
    sents = sentences(seed_text)
    # by hand: 20 paragraphs, the last of which holds two sentences
    assert len(sents) == 21
    assert all(s in seed_text for s in sents)
    assert all("\n" not in s and s == s.strip() and s for s in sents)
    # no word is lost or duplicated
    assert sum(n_words(s) for s in sents) == n_words(seed_text)
    pieces = real(seed_text, S_LAST_TWO).split(". ")
    i = next(k for k, s in enumerate(sents) if s.endswith(pieces[0] + "."))
    assert sents[i + 1] == pieces[1]
    assert any("80% من مساحة" in s for s in sents)  # % is not a sentence end


def test_sentences_edges():
    assert sentences("") == [] and sentences(None) == [] and sentences(" \n\n ") == []
    assert sentences("هل دخل؟ نعم! دخل. why? yes") == ["هل دخل؟", "نعم!", "دخل.", "why?", "yes"]
    assert sentences("بلغ 3.5 مليون") == ["بلغ 3.5 مليون"]  # no space after the dot
    assert sentences("سطر\nسطر آخر") == ["سطر", "سطر آخر"]


# --- cooccurrence ---------------------------------------------------------------------------

def test_cooccurrence_sentence_unit(seed_text):
    s = real(seed_text, S_HEZBOLLAH)
    t = cooccurrence([s], ENTITIES)
    labels = {"syrian_army", "isis", "irgc", "hezbollah"}
    expected = {tuple(sorted(p)) for p in [(a, b) for a in labels for b in labels if a < b]}
    assert set(zip(t.label_a, t.label_b)) == expected
    assert len(t) == 6
    assert (t["units"] == 1).all() and (t["documents"] == 1).all()
    assert list(t.columns) == ["label_a", "label_b", "units", "documents"]


def test_cooccurrence_each_unit_counts_a_pair_once(seed_text):
    s = real(seed_text, S_SATURDAY)
    assert s.count("داعش") == 2
    t = cooccurrence([s], ENTITIES).set_index(["label_a", "label_b"])
    assert t.loc[("albukamal", "isis"), "units"] == 1
    assert t.loc[("isis", "syria"), "units"] == 1
    # the same sentence three times in one document: 3 units, 1 document
    t = cooccurrence([" ".join([s] * 3)], ENTITIES).set_index(["label_a", "label_b"])
    assert t.loc[("albukamal", "isis"), "units"] == 3
    assert t.loc[("albukamal", "isis"), "documents"] == 1
    # and in two documents
    t = cooccurrence([s, s], ENTITIES).set_index(["label_a", "label_b"])
    assert t.loc[("albukamal", "isis")].tolist() == [2, 2]


def test_cooccurrence_sentence_versus_document(seed_text):
    doc = real(seed_text, S_SDF_SURIA) + " " + real(seed_text, S_RUSSIAN)
    by_sentence = cooccurrence([doc], ENTITIES)
    assert ("russian_forces", "sdf") not in set(zip(by_sentence.label_a, by_sentence.label_b))
    by_doc = cooccurrence([doc], ENTITIES, unit="document").set_index(["label_a", "label_b"])
    assert by_doc.loc[("russian_forces", "sdf"), "units"] == 1
    assert by_doc.loc[("isis", "sdf"), "units"] == 1
    # a document counts a pair once even if it occurs in many sentences
    t = cooccurrence([doc + " " + doc], ENTITIES, unit="document").set_index(["label_a", "label_b"])
    assert t.loc[("isis", "sdf")].tolist() == [1, 1]


def test_cooccurrence_unknown_unit_is_rejected(seed_text):
    doc = real(seed_text, S_SDF_SURIA) + " " + real(seed_text, S_RUSSIAN)
    with pytest.raises(ValueError):
        cooccurrence([doc], ENTITIES, unit="paragraph")


def test_cooccurrence_window(seed_text):
    s = real(seed_text, S_RUSSIAN)  # ... طائرات روسية بشنّ غارات على مواقع تابعة لداعش في البوكمال.
    lex = Lexicon.from_csv(ENTITIES)

    def pairs(window):
        t = cooccurrence([s], lex, window=window)
        return dict(zip(zip(t.label_a, t.label_b), t.units))

    # لداعش and البوكمال are 2 tokens apart
    assert ("albukamal", "isis") not in pairs(1)
    assert pairs(2).get(("albukamal", "isis")) == 1
    # الإعلام الحربي (words 2-3) ends 11 words before لداعش (word 14): distance is counted from its end
    assert ("isis", "war_media") not in pairs(10)
    assert pairs(11).get(("isis", "war_media")) == 1
    # a window covering the whole sentence gives the sentence pairs
    wide = cooccurrence([s], lex, window=100)
    assert set(zip(wide.label_a, wide.label_b)) == set(zip(*[cooccurrence([s], lex)[c] for c in ("label_a", "label_b")]))


def test_cooccurrence_window_adjacent_multiword_match(seed_text):
    """Adjacent matches co-occur with window=1 whatever the length of the first match."""
    s = real(seed_text, S_SDF_SORIA)
    assert "قوات سورية الديمقراطية المدعومة من واشنطن" in s
    # قوات سورية الديمقراطية | المدعومة من | واشنطن: two words between the two matches
    # the other order: واشنطن right before the 3-word match co-occurs with window=1 ...
    reversed_order = s.replace("قوات سورية الديمقراطية المدعومة من واشنطن", "واشنطن قوات سورية الديمقراطية")
    t = cooccurrence([reversed_order], ENTITIES, window=1)
    assert ("sdf", "usa") in set(zip(t.label_a, t.label_b))
    # ... so it must also when واشنطن comes right after it
    edited = s.replace("المدعومة من واشنطن", "واشنطن")
    assert "قوات سورية الديمقراطية واشنطن" in edited
    t = cooccurrence([edited], ENTITIES, window=1)
    assert ("sdf", "usa") in set(zip(t.label_a, t.label_b))


def test_cooccurrence_sorted_and_deterministic(seed):
    t = cooccurrence(seed, ENTITIES)
    assert len(t) > 20
    assert (t["label_a"] < t["label_b"]).all()
    assert not t.duplicated(["label_a", "label_b"]).any()
    resorted = t.sort_values(["units", "label_a", "label_b"], ascending=[False, True, True]).reset_index(drop=True)
    pd.testing.assert_frame_equal(t, resorted)
    pd.testing.assert_frame_equal(t, cooccurrence(seed, ENTITIES))
    assert (t["documents"] == 1).all()
    # syrian_army and isis meet in many sentences of the seed
    top = t.set_index(["label_a", "label_b"])
    n_both = sum(1 for s in sentences(seed.loc[0, "text"])
                 if ("الجيش السوري" in s or "للجيش السوري" in s) and "داعش" in s)
    assert top.loc[("isis", "syrian_army"), "units"] == n_both


def test_cooccurrence_graph(seed):
    lex = Lexicon.from_csv(ENTITIES)
    t = cooccurrence(seed, lex)
    g = cooccurrence_graph(t, lex)
    assert g.number_of_edges() == len(t)
    assert set(g.nodes) == set(t.label_a) | set(t.label_b)
    for node, data in g.nodes(data=True):
        assert data["category"] == lex.categories[node]
        assert data["gloss"] == lex.glosses[node]
    for row in t.itertuples():
        assert g[row.label_a][row.label_b]["weight"] == row.units
        assert g[row.label_b][row.label_a]["documents"] == row.documents
    strong = cooccurrence_graph(t, lex, min_units=2)
    assert strong.number_of_edges() == int((t["units"] >= 2).sum()) > 0
    plain = cooccurrence_graph(t)
    assert all(data == {} for _, data in plain.nodes(data=True))


# --- frequencies, document_features ---------------------------------------------------------

def test_frequencies_on_seed(seed, seed_text):
    f = frequencies(seed)
    assert list(f.columns) == ["feature", "count", "docfreq", "rank"]
    feats = set(f["feature"])
    sw = stopwords()
    assert not feats & sw
    for w in ("في", "من", "على", "الى"):
        assert w not in feats
    assert not any(x.isdigit() for x in feats)  # 150, 80
    words = re.findall(r"\w+", seed_text)
    assert f.set_index("feature").loc["البوكمال", "count"] == words.count("البوكمال") == 12
    assert f["rank"].tolist() == list(range(1, len(f) + 1))
    assert (f["docfreq"] == 1).all()
    key = list(zip(-f["count"], f["feature"]))
    assert key == sorted(key)
    # normalized: the hamza-less and hamza forms are one feature
    assert "الإرهابيين" not in feats and "الارهابيين" in feats
    f2 = frequencies(seed, extra_stopwords=["البوكمال"])
    assert "البوكمال" not in set(f2["feature"])
    assert len(frequencies(seed, top=5)) == 5


def test_frequencies_by_group_and_docfreq(seed_text):
    texts = pd.DataFrame({"text": [real(seed_text, S_80), real(seed_text, S_HARRAN), real(seed_text, S_TANZIM)],
                          "outlet": ["A", "A", "B"]}, index=[10, 11, 12])
    for by in ("outlet", texts["outlet"], ["A", "A", "B"]):
        f = frequencies(texts, by=by)
        assert list(f.columns) == ["group", "feature", "count", "docfreq", "rank"]
        assert sorted(set(f["group"])) == ["A", "B"]
        a = f[f.group == "A"].set_index("feature")
        b = f[f.group == "B"].set_index("feature")
        assert a.loc["الجيش", "count"] == 2 and a.loc["الجيش", "docfreq"] == 2
        assert a.loc["البوكمال", "docfreq"] == 1
        assert b.loc["الجيش", "count"] == 1
        assert "حرّان" not in a.index and "حران" in a.index
        assert "حران" not in b.index
        assert a["rank"].tolist() == list(range(1, len(a) + 1))


def test_frequencies_of_nothing():
    f = frequencies([])
    assert len(f) == 0
    assert {"feature", "count", "docfreq"} <= set(f.columns)


def test_document_features(seed_text):
    texts = pd.Series([real(seed_text, S_80), real(seed_text, S_HARRAN), ""], index=["x", "y", "z"])
    dfm = document_features(texts)
    assert dfm.index.tolist() == ["x", "y", "z"]
    assert dfm.loc["z"].sum() == 0
    f = frequencies(texts).set_index("feature")
    assert set(dfm.columns) == set(f.index)
    assert (dfm.sum().reindex(f.index) == f["count"]).all()
    assert ((dfm > 0).sum().reindex(f.index) == f["docfreq"]).all()
    assert dfm.loc["x", "الجيش"] == 1 and dfm.loc["y", "الجيش"] == 1 and dfm.loc["y", "حران"] == 1
    top = document_features(texts, max_features=3)
    assert top.shape == (3, 3)
    # the most frequent features, ties broken alphabetically
    counts = f["count"]
    expected = sorted(counts.index, key=lambda w: (-counts[w], w))[:3]
    assert list(top.columns) == expected


# --- keyness --------------------------------------------------------------------------------

def rayson_g2(a, b, n1, n2):
    e1 = n1 * (a + b) / (n1 + n2)
    e2 = n2 * (a + b) / (n1 + n2)
    return 2 * ((a * math.log(a / e1) if a else 0.0) + (b * math.log(b / e2) if b else 0.0))


def test_keyness_matches_hand_computation():
    target = ["نظام نظام جيش مليشيات", "نظام مليشيات"]  # 6 tokens: نظام 3, جيش 1, مليشيات 2
    reference = ["جيش جيش جيش جيش", "جيش جيش جيش نظام"]  # 8 tokens: جيش 7, نظام 1
    for w in ("نظام", "جيش", "مليشيات"):
        assert w not in stopwords()
    t = keyness(target + reference, [True, True, False, False], min_count=1).set_index("feature")
    n1, n2 = 6, 8
    cells = {"نظام": (3, 1), "جيش": (1, 7), "مليشيات": (2, 0)}
    for w, (a, b) in cells.items():
        assert (t.loc[w, "n_target"], t.loc[w, "n_reference"]) == (a, b)
        g2 = rayson_g2(a, b, n1, n2)
        sign = 1 if a / n1 > b / n2 else -1
        assert t.loc[w, "g2"] == pytest.approx(sign * g2, abs=1e-6)
        p = 2 * (1 - NormalDist().cdf(math.sqrt(g2)))  # chi-squared, 1 d.f.
        assert t.loc[w, "p_value"] == pytest.approx(p, rel=1e-6)
        lr = math.log2(((a or 0.5) / n1) / ((b or 0.5) / n2))
        assert t.loc[w, "log_ratio"] == pytest.approx(lr, abs=1e-6)
    # concrete numbers for نظام: E1 = 24/14, E2 = 32/14
    assert t.loc["نظام", "g2"] == pytest.approx(2 * (3 * math.log(3 * 14 / 24) + math.log(14 / 32)), abs=1e-6)
    assert t.loc["جيش", "g2"] < 0 < t.loc["نظام", "g2"]
    assert t.loc["مليشيات", "log_ratio"] == pytest.approx(math.log2((2 / 6) / (0.5 / 8)), abs=1e-6)
    assert t["g2"].is_monotonic_decreasing


def test_keyness_min_count_and_alignment():
    texts = pd.DataFrame({"text": ["قوات النظام"] * 5 + ["الجيش السوري"] * 5 + ["حلب"],
                          "outlet": ["A"] * 5 + ["B"] * 6}, index=range(100, 111))
    t = keyness(texts, texts.outlet == "A", min_count=5)
    assert set(t["feature"]) == {"قوات", "النظام", "الجيش", "السوري"}  # حلب (1) is left out
    assert (t.loc[t.feature.isin(["قوات", "النظام"]), "g2"] > 0).all()
    assert (t.loc[t.feature.isin(["الجيش", "السوري"]), "g2"] < 0).all()
    # same result from a plain list mask
    t2 = keyness(texts, list(texts.outlet == "A"), min_count=5)
    pd.testing.assert_frame_equal(t, t2)


def test_keyness_empty_group_is_an_error():
    texts = ["قوات النظام", "الجيش السوري"]
    with pytest.raises(ValueError):
        keyness(texts, [False, False], min_count=1)
    with pytest.raises(ValueError):
        keyness(texts, [True, True], min_count=1)
    with pytest.raises(ValueError):  # the target has only stop words
        keyness(["في من على", "الجيش السوري"], [True, False], min_count=1)


# --- rates_by_group -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_sentences(seed):
    sents = sentences(seed.loc[0, "text"])
    return pd.Series(sents, index=[f"s{i}" for i in range(len(sents))])


def test_rates_ratio_of_sums(seed_text):
    texts = [real(seed_text, S_80), real(seed_text, S_HARRAN), real(seed_text, S_TANZIM), real(seed_text, S_SDF_SURIA)]
    groups = ["A", "A", "B", "B"]
    r = rates_by_group(texts, FRAMES, groups, n_boot=50)
    assert list(r.columns) == ["group", "label", "gloss", "category", "count", "words", "articles",
                               "rate", "low", "high"]
    lex = Lexicon.from_csv(FRAMES)
    assert len(r) == 2 * len(lex.labels)
    army = r[r.label == "army"].set_index("group")
    words_a = n_words(S_80) + n_words(S_HARRAN)
    assert army.loc["A", "words"] == words_a
    assert army.loc["A", "count"] == 2 and army.loc["A", "articles"] == 2
    assert army.loc["A", "rate"] == pytest.approx(1000 * 2 / words_a)
    # not the mean of the per-article rates (the articles differ in length)
    assert n_words(S_80) != n_words(S_HARRAN)
    mean_rate = np.mean([1000 / n_words(S_80), 1000 / n_words(S_HARRAN)])
    assert army.loc["A", "rate"] != pytest.approx(mean_rate)
    words_b = n_words(S_TANZIM) + n_words(S_SDF_SURIA)
    assert army.loc["B", "rate"] == pytest.approx(1000 * 1 / words_b)
    assert army.loc["A", "gloss"] == lex.glosses["army"] and army.loc["A", "category"] == "government_side"
    zero = r[r.label == "martyrs"]
    assert (zero["rate"] == 0).all() and (zero["low"] == 0).all() and (zero["high"] == 0).all()


def test_rates_bootstrap_interval(seed_sentences):
    groups = ["A" if i % 2 else "B" for i in range(len(seed_sentences))]
    r = rates_by_group(seed_sentences, FRAMES, groups, n_boot=500, seed=3)
    hit = r[r["count"] > 0]
    assert len(hit) >= 8
    assert (hit["low"] <= hit["rate"]).all() and (hit["rate"] <= hit["high"]).all()
    assert (hit["low"] < hit["high"]).any()
    # rates per 100 words are a tenth of rates per 1,000
    r100 = rates_by_group(seed_sentences, FRAMES, groups, per=100, n_boot=0)
    assert np.allclose(r100["rate"], r["rate"] / 10)
    assert r100["low"].isna().all()


def test_rates_seed_reproducible(seed_sentences):
    groups = pd.Series(["A" if i % 2 else "B" for i in range(len(seed_sentences))], index=seed_sentences.index)
    one = rates_by_group(seed_sentences, FRAMES, groups, n_boot=200, seed=7)
    two = rates_by_group(seed_sentences, FRAMES, groups, n_boot=200, seed=7)
    pd.testing.assert_frame_equal(one, two)
    other = rates_by_group(seed_sentences, FRAMES, groups, n_boot=200, seed=8)
    pd.testing.assert_frame_equal(one.drop(columns=["low", "high"]), other.drop(columns=["low", "high"]))
    assert not (np.allclose(one["low"], other["low"]) and np.allclose(one["high"], other["high"]))
    # precomputed counts give the same table
    counts = count_terms(seed_sentences, FRAMES)
    pd.testing.assert_frame_equal(one, rates_by_group(seed_sentences, FRAMES, groups, n_boot=200, seed=7,
                                                      counts=counts))


def test_rates_totals_match_count_terms(seed_sentences):
    groups = ["A" if i < 10 else "B" for i in range(len(seed_sentences))]
    r = rates_by_group(seed_sentences, ENTITIES, groups, n_boot=10)
    totals = r.groupby("label")["count"].sum()
    expected = count_terms(seed_sentences, ENTITIES).sum()
    assert (totals.reindex(expected.index) == expected).all()
    words = r.drop_duplicates("group").set_index("group")["words"]
    assert words.sum() == word_counts(seed_sentences).sum()
    assert r.drop_duplicates("group").set_index("group")["articles"].to_dict() == {"A": 10, "B": len(seed_sentences) - 10}


def test_rates_empty_group_texts():
    r = rates_by_group(["", None, "الجيش السوري"], FRAMES, ["A", "A", "B"], n_boot=20)
    a = r[r.group == "A"]
    assert (a["words"] == 0).all() and (a["count"] == 0).all()
    assert a["rate"].isna().all()
    b = r[(r.group == "B") & (r.label == "army")].iloc[0]
    assert b["rate"] == pytest.approx(500.0)
