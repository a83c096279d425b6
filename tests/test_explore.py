"""Tests for helpers.explore (collocates, n-grams, dispersion, attention, topics) against
values computed by hand on small made-up texts, and on a small user CSV."""
import math

import numpy as np
import pandas as pd
import pytest

from helpers import (Lexicon, attention, collocates, compare_collocates, compare_windows, dispersion, gries_dp,
                     load_corpus, ngrams, ngrams_to_lexicon, occurrences, topics, wilson_interval, word_forms)


def frame(texts, outlets=None, dates=None):
    n = len(texts)
    out = pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)], "outlet": outlets or ["X"] * n,
                        "title": [""] * n, "text": texts})
    if dates is not None:
        out["date"] = pd.to_datetime(dates)
    return out


# --- collocates: a worked 2x2 table -------------------------------------------------------
#
# Texts (node النظام, window 1, stop words kept):
#   d0 قصف النظام حلب      d1 قصف المدينة      d2 النظام حلب      d3 حلب مدينة كبيرة
# Tokens other than the node: d0 قصف حلب, d1 قصف المدينة, d2 حلب, d3 حلب مدينة كبيرة -> N = 8.
# Windows: d0 {قصف, حلب}, d2 {حلب} -> W = 3. Collocate حلب: O = 2, f = 3.
#                     in windows   outside
#   حلب                 O11 = 2     O21 = 1     (f = 3)
#   other words         O12 = 1     O22 = 4
#                       W = 3       N - W = 5   (N = 8)
# E11 = W f / N = 9/8 = 1.125; E12 = 3*5/8 = 1.875; E21 = 5*3/8 = 1.875; E22 = 5*5/8 = 3.125
# G2 = 2 (2 ln(2/1.125) + 1 ln(1/1.875) + 1 ln(1/1.875) + 4 ln(4/3.125))
#    = 2 (1.150728 - 0.628609 - 0.628609 + 0.987440) = 1.761902
# MI = log2(2/1.125) = 0.830075; t = (2 - 1.125)/sqrt(2) = 0.618718
# log ratio = log2((2/3) / (1/5)) = log2(10/3) = 1.736966
WORKED = ["قصف النظام حلب", "قصف المدينة", "النظام حلب", "حلب مدينة كبيرة"]


def test_collocates_worked_table():
    t = collocates(frame(WORKED), "النظام", window=1, min_freq=1, remove_stop=False)
    row = t.set_index("collocate").loc["حلب"]
    assert (row["O"], row["f_collocate"], row["window_tokens"], row["corpus_tokens"]) == (2, 3, 3, 8)
    assert row["E"] == pytest.approx(1.125)
    assert row["G2"] == pytest.approx(1.761902, abs=1e-5)
    assert row["MI"] == pytest.approx(0.830075, abs=1e-5)
    assert row["t"] == pytest.approx(0.618718, abs=1e-5)
    assert row["log_ratio"] == pytest.approx(1.736966, abs=1e-5)
    # قصف: O = 1, f = 2, E = 3*2/8 = 0.75 -> MI = log2(1/0.75) = 0.415037
    assert t.set_index("collocate").loc["قصف", "MI"] == pytest.approx(0.415037, abs=1e-5)
    assert t["collocate"].tolist() == ["حلب", "قصف"]  # sorted by G2


def test_collocates_clitics_labels_and_groups():
    texts = ["قصف والنظام حلب", "وحلب بالنظام", "النظام في حلب", "وزير النظام"]
    t = collocates(frame(texts, ["A", "A", "B", "B"]), "النظام", window=2, min_freq=1, by="outlet")
    # والنظام and بالنظام are nodes (clitic-aware matcher); وحلب counts as حلب (حلب is attested),
    # وزير stays whole (زير never occurs); في is a stop word.
    a = t[t.group == "A"].set_index("collocate")
    assert a.loc["حلب", "O"] == 2 and "في" not in set(t["collocate"])
    assert "وزير" in set(t[t.group == "B"]["collocate"])
    lex = Lexicon.from_frame(pd.DataFrame({"label": ["regime", "regime"], "category": ["actor"] * 2,
                                           "gloss": ["regime"] * 2, "pattern": ["النظام", "نظام الاسد"]}))
    by_label = collocates(frame(texts), "regime", lexicon=lex, window=2, min_freq=1)
    assert by_label.set_index("collocate").loc["حلب", "O"] == 3
    with pytest.raises(ValueError, match="not in lexicon"):
        collocates(frame(texts), "nope", lexicon=lex)


def test_word_forms_attested_remainder():
    forms = word_forms({"النظام": 5, "للنظام": 1, "وللنظام": 1, "لبنان": 4, "ولبنان": 2, "قال": 9, "وقال": 3})
    assert forms["للنظام"] == forms["وللنظام"] == "النظام"
    assert forms["ولبنان"] == "لبنان" and forms["لبنان"] == "لبنان"
    assert forms["وقال"] == "قال"


def test_compare_collocates_keyness():
    # A windows: قصف x2, حلب, حمص (W_A = 4); B windows: حكومة, حلب (W_B = 2).
    corpus = frame(["قصف النظام حلب قصف النظام حمص", "حكومة النظام حلب"], ["a", "b"])
    t = compare_collocates(corpus, "النظام", groups=("a", "b"), window=1, min_freq=1, remove_stop=False)
    row = t.set_index("collocate").loc["قصف"]
    # 2x2: قصف 2 in A, 0 in B; others 2 in A, 2 in B. E = 4*2/6 = 1.333 (A), 0.667 (B); 2.667, 1.333
    g2 = 2 * (2 * math.log(2 / (4 * 2 / 6)) + 2 * math.log(2 / (4 * 4 / 6)) + 2 * math.log(2 / (2 * 4 / 6)))
    assert row["keyness"] == pytest.approx(g2) and row["O_a"] == 2 and row["O_b"] == 0
    assert t.set_index("collocate").loc["حكومة", "keyness"] < 0
    with pytest.raises(ValueError, match="no windows"):
        compare_collocates(corpus, "النظام", groups=("a", "zz"))
    named = frame(["قصف النظام حلب", "حكومة النظام حلب"], ["Sky News Arabia", "BBC Arabic"])
    both = compare_collocates(named, "النظام", window=1, min_freq=1, remove_stop=False)  # default ("skynews", "bbc")
    assert {"O_Sky News Arabia", "O_BBC Arabic"} <= set(both.columns)


# --- n-grams ------------------------------------------------------------------------------
#
# d0 قوات سوريا الديمقراطية تقدمت; d1 قوات سوريا الديمقراطية انسحبت; d2 سوريا بلد -> N = 10
# f(قوات) = 2, f(سوريا) = 3, f(الديمقراطية) = 2, f(قوات سوريا) = f(سوريا الديمقراطية) = f(trigram) = 2
# PMI(قوات | سوريا) = log2(2*10 / (2*3)) = 1.736966 = PMI(سوريا | الديمقراطية)
# trigram: min(log2(2*10/(2*2)), log2(2*10/(2*2))) = log2(5) = 2.321928; stickiness = 2 * 2.321928
NAMES = ["قوات سوريا الديمقراطية تقدمت", "قوات سوريا الديمقراطية انسحبت", "سوريا بلد"]


def test_ngrams_stickiness_by_hand():
    t = ngrams(NAMES, (2, 3), min_freq=2, remove_stop=False).set_index("ngram")
    assert set(t.index) == {"قوات سوريا", "سوريا الديمقراطية", "قوات سوريا الديمقراطية"}
    assert t.loc["قوات سوريا", "pmi"] == pytest.approx(1.736966, abs=1e-5)
    assert t.loc["قوات سوريا الديمقراطية", "pmi"] == pytest.approx(2.321928, abs=1e-5)
    assert t.loc["قوات سوريا الديمقراطية", "stickiness"] == pytest.approx(4.643856, abs=1e-5)
    assert t.loc["سوريا الديمقراطية", "in_longer"] == 1.0 and t.loc["قوات سوريا الديمقراطية", "docs"] == 2
    assert t.index[0] == "قوات سوريا الديمقراطية"


def test_ngrams_do_not_cross_punctuation_but_skip_quotes():
    t = ngrams(["قوات. سوريا", "قوات. سوريا"], 2, min_freq=1, remove_stop=False)
    assert t.empty
    t = ngrams(['قوات "سوريا الديمقراطية"'] * 2, 3, min_freq=2, remove_stop=False)
    assert t["ngram"].tolist() == ["قوات سوريا الديمقراطية"]
    by = ngrams(frame(NAMES, ["A", "B", "B"]), 3, min_freq=2, remove_stop=False, by="outlet")
    assert by[["A", "B"]].values.tolist() == [[1, 1]]


def test_ngrams_to_lexicon_appends_safely(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("label,category,gloss,pattern\nsdf,actor,SDF,قسد\n", encoding="utf-8")
    rows = ngrams(NAMES, 3, min_freq=2, remove_stop=False)
    ngrams_to_lexicon(rows, label="sdf", category="actor", gloss="SDF", path=path)
    lex = Lexicon.from_csv(path)
    assert lex.entries["pattern"].tolist() == ["قسد", "قوات سوريا الديمقراطية"]
    assert path.read_text(encoding="utf-8").splitlines()[0] == "label,category,gloss,pattern"  # header kept
    before = path.read_bytes()
    with pytest.raises(Exception, match="gloss"):  # same label, another gloss: refused
        ngrams_to_lexicon(["سوريا"], label="sdf", category="actor", gloss="Syria", path=path)
    with pytest.raises(ValueError, match="line 3"):
        ngrams_to_lexicon(rows, label="sdf", category="actor", gloss="SDF", path=path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.tmp"))


# --- dispersion -----------------------------------------------------------------------------
#
# Gries (2008): five parts of 9, 10, 10, 10 and 11 words; the word occurs 1, 2, 3, 4, 5 times.
# expected shares s = .18 .20 .20 .20 .22; observed v = 1/15 2/15 3/15 4/15 5/15
# |v - s| = .1133 .0667 0 .0667 .1133 -> DP = 0.5 * 0.36 = 0.18; DPnorm = 0.18 / (1 - 0.18) = 0.2195


def test_gries_dp_worked_example():
    assert gries_dp([1, 2, 3, 4, 5], [9, 10, 10, 10, 11]) == (0.18, 0.2195)
    assert gries_dp([2, 2], [5, 5]) == (0.0, 0.0)
    with pytest.raises(ValueError):
        gries_dp([1], [1, 2])


def test_dispersion_on_articles():
    sizes, freqs = [9, 10, 10, 10, 11], [1, 2, 3, 4, 5]
    texts = [" ".join(["داعش"] * f + ["كلمة"] * (s - f)) for f, s in zip(freqs, sizes)]
    d = dispersion(frame(texts), "داعش").set_index("group")
    assert d.loc["X", "DP"] == 0.18 and d.loc["X", "DPnorm"] == 0.2195
    assert d.loc["X", "hits"] == 15 and d.loc["X", "words"] == 50 and d.loc["X", "per_1000"] == 300
    hits = occurrences(frame(texts), "داعش")
    assert len(hits) == 15 and hits["position"].between(0, 1).all()
    assert hits.iloc[0][["doc_id", "field", "start", "end"]].tolist() == ["d0", "text", 0, 4]


# --- attention ------------------------------------------------------------------------------


def test_attention_masks_outside_coverage():
    # Weeks (Mon-Sun): 2-8, 9-15, 16-22 April 2018. A covers 3-18 April (no article in week 2),
    # B covers 16-17 April only.
    corpus = frame(["دوما", "حلب", "دوما", "حلب"], ["A", "A", "B", "B"],
                   ["2018-04-03", "2018-04-18", "2018-04-16", "2018-04-17"])
    t = attention(corpus, freq="W")
    a, b = t[t.group == "A"], t[t.group == "B"]
    assert a["share"].tolist() == [0.5, 0.0, 0.5]  # week 2: in coverage, zero articles -> 0, not NaN
    assert b["share"].isna().tolist() == [True, True, False] and b["share"].iloc[2] == 1.0
    assert a["partial"].tolist() == [True, False, True] and b["in_coverage"].tolist() == [False, False, True]
    q = attention(corpus, freq="W", query="دوما", events={"2018-04-07": "Douma"})
    assert q[q.group == "B"]["share"].iloc[2] == 0.5
    assert math.isnan(q[q.group == "A"]["share"].iloc[1])  # with a query, no articles -> no share (not 0)
    assert q["event"].tolist().count("Douma") == 2


def test_compare_windows_wilson():
    assert tuple(round(x, 4) for x in wilson_interval(5, 10)) == (0.2366, 0.7634)  # p = .5, z = 1.96: .5 -/+ 0.2634
    corpus = frame(["دوما", "حلب", "دوما", "دوما"], dates=["2018-04-05", "2018-04-06", "2018-04-07", "2018-04-08"])
    w = compare_windows(corpus, "2018-04-07", query="دوما", days=3).iloc[0]
    assert (w["hits_before"], w["articles_before"], w["hits_after"], w["articles_after"]) == (1, 2, 2, 2)
    assert (w["low_before"], w["high_before"]) == tuple(round(x, 4) for x in wilson_interval(1, 2)) and w["change"] == 0.5


# --- topics ---------------------------------------------------------------------------------


def topic_texts():
    war = ["قصف الطيران حلب ودمر الطيران مستشفى حلب", "غارات الطيران على حلب وقصف مستشفى"]
    talks = ["مفاوضات السلام في جنيف والامم المتحدة", "جولة مفاوضات جنيف برعاية الامم المتحدة"]
    return frame((war + talks) * 4, ["A", "B"] * 8)


def test_topics_deterministic_and_shares():
    m1 = topics(topic_texts(), k=2, seed=0, min_df=2, max_df=0.9, n_boot=50)
    m2 = topics(topic_texts(), k=2, seed=0, min_df=2, max_df=0.9, n_boot=50)
    pd.testing.assert_frame_equal(m1.words, m2.words)
    pd.testing.assert_frame_equal(m1.shares, m2.shares)
    tops = {frozenset(m1.words[(m1.words.topic == t) & (m1.words["rank"] < 4)]["word"]) for t in range(2)}
    assert any(w & {"الطيران", "حلب"} for w in tops) and any(w & {"جنيف", "مفاوضات"} for w in tops)
    sums = m1.shares.groupby("group")["share"].sum()
    assert np.allclose(sums, 1.0)
    assert (m1.shares["low"] <= m1.shares["share"]).all() and (m1.shares["share"] <= m1.shares["high"]).all()
    assert m1.documents.groupby("topic").size().tolist() == [5, 5]
    assert (m1.words["weight"] > 0).all()  # a topic lists only words that carry weight in it
    lda = topics(topic_texts(), k=2, method="lda", min_df=2, max_df=0.9, n_boot=10)
    assert np.allclose(lda.doc_topics.sum(axis=1), 1.0)


# --- a user's CSV ----------------------------------------------------------------------------


def test_everything_runs_on_a_user_csv(tmp_path):
    path = tmp_path / "my_articles.csv"
    base = topic_texts()
    base["date"] = pd.date_range("2018-04-01", periods=len(base), freq="D").strftime("%Y-%m-%d")
    base["title"] = ["خبر"] * len(base)
    base.to_csv(path, index=False)
    corpus = load_corpus(path)
    assert len(corpus) == 16
    c = collocates(corpus, "حلب", window=3, min_freq=2, by="outlet")
    assert "الطيران" in set(c["collocate"])
    assert "الامم المتحدة" in set(ngrams(corpus, 2, min_freq=3)["ngram"])
    assert dispersion(corpus, "جنيف").set_index("group").loc["all", "hits"] == 8
    att = attention(corpus, freq="W", query="جنيف")
    assert att["share"].notna().any()
    m = topics(corpus, k=2, min_df=2, max_df=0.9, n_boot=10)
    assert len(m.doc_topics) == 16
