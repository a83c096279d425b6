"""Validation: Wilson intervals by hand, precision/recall on tiny coded tables, coding-sheet round trips,
stripping and re-attaching context, and errors that name the file and row."""
import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers.validation import ID_COLUMNS, SHEET_COLUMNS, ValidationError, _allocate

KIT = Path(__file__).resolve().parents[1]

LEX = pd.DataFrame({
    "label": ["allies", "allies", "aggression", "tahrir_in_names"],
    "category": ["allies", "allies", "israel", "blocker"],
    "gloss": ["allies", "allies", "aggression", "names with tahrir"],
    "pattern": ["حلفا*", "حليف*", "العدوان", "رئيس التحرير"],
})


@pytest.fixture
def corpus():
    """A small synthetic corpus written for these tests (three outlets)."""
    texts = [
        ("d1", "A", "حلفاء دمشق", "قال المتحدث إن حلفاء دمشق تقدموا نحو المدينة بعد العدوان على القرية"),
        ("d2", "A", "", "وأكد رئيس التحرير أن حليف موسكو انسحب"),
        ("d3", "B", "العدوان الثلاثي", "وصف الإعلام الرسمي الضربات بالعدوان الثلاثي وقال إن حلفاءه سيردون"),
        ("d4", "B", "", "لا شيء هنا"),
        ("d5", "C", "", "حلفاء واشنطن وحلفاؤها الغربيون في اجتماع"),
    ]
    return pd.DataFrame({"doc_id": [t[0] for t in texts], "dataset": "demo", "outlet": [t[1] for t in texts],
                         "title": [t[2] for t in texts], "text": [t[3] for t in texts]})


# -- Wilson -----------------------------------------------------------------------------------

def test_wilson_interval_by_hand():
    # 18/20, z = 1.96: p = 0.9, z²/n = 0.19208; centre = (0.9 + 0.09604) / 1.19208 = 0.835548;
    # half = 1.96 * sqrt(0.0045 + 0.002401) / 1.19208 = 0.136587
    low, high = helpers.wilson_interval(18, 20)
    assert low == pytest.approx(0.698961, abs=1e-5)
    assert high == pytest.approx(0.972135, abs=1e-5)
    # 0/10: centre = (0 + 0.19208) / 1.38416 = 0.138770 = half, so (0, 0.277541)
    low, high = helpers.wilson_interval(0, 10)
    assert low == 0.0 and high == pytest.approx(0.277541, abs=1e-5)
    # symmetric: k/n and (n-k)/n mirror each other
    a, b = helpers.wilson_interval(3, 17)
    c, d = helpers.wilson_interval(14, 17)
    assert a == pytest.approx(1 - d) and b == pytest.approx(1 - c)
    assert all(math.isnan(x) for x in helpers.wilson_interval(0, 0))
    with pytest.raises(ValueError, match="k must be between 0 and n"):
        helpers.wilson_interval(5, 4)


def test_allocation_is_proportional_with_one_per_stratum():
    assert _allocate({"A": 90, "B": 9, "C": 1}, 10) == {"A": 8, "B": 1, "C": 1}
    assert _allocate({"A": 50, "B": 50}, 20) == {"A": 10, "B": 10}
    assert _allocate({"A": 3, "B": 2}, 20) == {"A": 3, "B": 2}  # fewer matches than asked: all of them
    many = _allocate({f"s{i}": 10 for i in range(5)}, 3)  # more strata than draws: no minimum possible
    assert sum(many.values()) == 3 and max(many.values()) == 1


# -- sampling ---------------------------------------------------------------------------------

def test_sample_matches_columns_context_and_blockers(corpus):
    s = helpers.sample_matches(corpus, LEX, per_label=20, window=3)
    assert list(s.columns) == SHEET_COLUMNS
    assert "tahrir_in_names" not in set(s["label"])  # blockers are not sampled
    # every match: title and text searched separately, surface equals the span, context is the corpus's
    by_id = corpus.set_index("doc_id")
    for row in s.itertuples():
        assert by_id.at[row.doc_id, row.field][row.start:row.end] == row.surface == row.match
    assert sorted(s.loc[s["label"] == "aggression", "field"]) == ["text", "text", "title"]
    first = s[(s["doc_id"] == "d1") & (s["field"] == "text") & (s["label"] == "allies")].iloc[0]
    assert (first["before"], first["after"]) == ("قال المتحدث إن", "دمشق تقدموا نحو")
    assert set(s["code"]) == {""} and set(s["voice"]) <= {"", "own", "quoted"}
    assert s["sample_id"].is_unique
    assert s.equals(s.sort_values(["label", "doc_id", "field", "start"]).reset_index(drop=True))


def test_sample_is_seeded_stratified_and_per_label_independent(corpus):
    a = helpers.sample_matches(corpus, LEX, per_label=3, seed=7)
    b = helpers.sample_matches(corpus, LEX, per_label=3, seed=7)
    pd.testing.assert_frame_equal(a, b)
    allies = a[a["label"] == "allies"]
    assert len(allies) == 3 and set(allies["outlet"]) == {"A", "B", "C"}  # one per outlet
    only = helpers.sample_matches(corpus, LEX, per_label=3, seed=7, labels=["allies"])
    pd.testing.assert_frame_equal(only.reset_index(drop=True), allies.reset_index(drop=True))
    seeds = {tuple(helpers.sample_matches(corpus, LEX, per_label=3, seed=k)["start"]) for k in range(10)}
    assert len(seeds) > 1  # the seed matters


def test_sample_rejects_unknown_labels_and_strata(corpus):
    with pytest.raises(ValidationError, match="not in the lexicon.*nope"):
        helpers.sample_matches(corpus, LEX, labels=["nope"])
    with pytest.raises(ValidationError, match="no 'region' column"):
        helpers.sample_matches(corpus, LEX, strata="region")


# -- coding sheets ----------------------------------------------------------------------------

def test_coding_sheet_round_trip_with_bom(corpus, tmp_path):
    s = helpers.sample_matches(corpus, LEX, per_label=20)
    s["code"] = (["1", "0", "?", ""] * len(s))[:len(s)]
    s["voice_code"] = ["own", "quoted"] * (len(s) // 2) + ["own"] * (len(s) % 2)
    path = helpers.write_coding_sheet(s, tmp_path / "sheet.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "حلفاء".encode("utf-8") in raw
    back = helpers.read_coding_sheet(path)
    assert list(back.columns) == SHEET_COLUMNS
    pd.testing.assert_frame_equal(back[ID_COLUMNS].astype(str), s[ID_COLUMNS].astype(str))
    assert back["start"].dtype == "int64"


def test_excel_style_numbers_and_notebook_route(tmp_path):
    coded = pd.DataFrame({"corpus": "c", "lexicon": "l", "doc_id": ["a", "b", "c"], "field": "text",
                          "start": [0, 0, 0], "end": [3, 3, 3], "label": "x", "code": [1.0, 0, "1 "]})
    table = helpers.precision_table(coded)  # coding in a DataFrame is the same table
    assert table[["n", "correct"]].values.tolist() == [[3, 2]]


@pytest.mark.parametrize("column,value,message", [
    ("code", "yes", "line 3: code 'yes' is not 1, 0 or ?"),
    ("voice_code", "both", "line 3: voice_code 'both' is not own, quoted or ?"),
    ("start", "x", "line 3: start/end 'x'/'9' are not whole numbers"),
])
def test_read_coding_sheet_names_file_line_and_value(tmp_path, column, value, message):
    rows = [{"corpus": "c", "lexicon": "l", "doc_id": "a", "field": "text", "start": "0", "end": "5",
             "label": "x", "code": "1", "voice_code": "own", "note": ""},
            {"corpus": "c", "lexicon": "l", "doc_id": "b", "field": "text", "start": "4", "end": "9",
             "label": "x", "code": "1", "voice_code": "own", "note": ""}]
    rows[1][column] = value
    path = tmp_path / "bad.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    with pytest.raises(ValidationError) as err:
        helpers.read_coding_sheet(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_dataframe_errors_name_the_sample_id():
    coded = pd.DataFrame({"sample_id": ["x-001", "x-002"], "doc_id": ["a", "b"], "start": 0, "end": 3,
                          "label": "x", "code": [1, 2]})
    with pytest.raises(ValidationError, match=r"row 1 \(x-002\): code 2 is not 1, 0 or \?"):
        helpers.precision_table(coded)
    coded["code"] = [1, 1]
    coded["doc_id"] = ["a", "a"]
    with pytest.raises(ValidationError, match="listed twice"):
        helpers.precision_table(coded)


# -- no corpus text in committed files ------------------------------------------------------------

def test_strip_and_attach_context_round_trip(corpus):
    s = helpers.sample_matches(corpus, LEX, per_label=20, window=4)
    s["code"] = "1"
    stripped = helpers.strip_context(s)
    assert list(stripped.columns) == ID_COLUMNS
    texts = set(corpus["title"]) | set(corpus["text"])
    words = {w for t in texts for w in t.split()}
    for col in stripped.columns:  # no corpus text is left (the pattern is the lexicon's, not the corpus's)
        if col not in ("pattern", "label"):
            assert not set(stripped[col].astype(str)) & words, col
    back = helpers.attach_context(stripped, corpus, window=4)
    pd.testing.assert_frame_equal(back[SHEET_COLUMNS[:9] + ["pattern", "surface", "voice", "before", "match", "after",
                                                            "code", "voice_code", "note"]],
                                  s[SHEET_COLUMNS[:9] + ["pattern", "surface", "voice", "before", "match", "after",
                                                         "code", "voice_code", "note"]])


def test_attach_context_names_the_row_when_the_corpus_changed(corpus):
    s = helpers.strip_context(helpers.sample_matches(corpus, LEX, per_label=20))
    changed = corpus.copy()
    row = s.index[(s["doc_id"] == "d5") & (s["start"] > 0)][0]
    changed.loc[changed["doc_id"] == "d5", "text"] = "حلفاء واشنطن وأصدقاؤها الغربيون في اجتماع"
    with pytest.raises(ValidationError, match=rf"row {row} \(allies-\d+\): doc_id 'd5' text \d+-\d+ now holds"):
        helpers.attach_context(s, changed)
    gone = corpus[corpus["doc_id"] != "d1"]
    with pytest.raises(ValidationError, match="doc_id 'd1' is not in the corpus"):
        helpers.attach_context(s, gone)


# -- precision, recall, voice -----------------------------------------------------------------

def test_precision_table_by_hand():
    coded = pd.DataFrame({
        "corpus": ["ant"] * 9 + ["snn"] * 2, "lexicon": "frames", "doc_id": [f"d{i}" for i in range(11)],
        "field": "text", "start": 0, "end": 4,
        "label": ["allies"] * 5 + ["army"] * 4 + ["allies"] * 2,
        "code": ["1", "0", "0", "?", "", "1", "1", "1", "1", "1", "1"],
    })
    t = helpers.precision_table(coded, min_precision=0.9)
    assert t[["corpus", "label", "n", "correct", "unsure", "uncoded", "passes"]].values.tolist() == [
        ["ant", "allies", 3, 1, 1, 1, False], ["ant", "army", 4, 4, 0, 0, True], ["snn", "allies", 2, 2, 0, 0, True]]
    assert t.loc[0, "precision"] == pytest.approx(1 / 3)
    assert (t.loc[0, "low"], t.loc[0, "high"]) == pytest.approx(helpers.wilson_interval(1, 3))
    assert helpers.flag_labels(t, 0.9) == ["allies"]
    assert helpers.flag_labels(t, 0.3) == []


def test_recall_table_by_hand(corpus):
    text = corpus.set_index("doc_id").at["d1", "text"]
    a = text.index("حلفاء")
    b = text.index("العدوان")
    c = text.index("المدينة")  # a mention the lexicon misses ("the city" coded as allies, say)
    d3 = corpus.set_index("doc_id").at["d3", "title"]
    mentions = pd.DataFrame({"doc_id": ["d1", "d1", "d1", "d3"], "field": ["text", "text", "text", "title"],
                             "start": [a, b + 2, c, 0], "end": [a + 5, b + 7, c + 7, 7],
                             "label": ["allies", "aggression", "allies", "aggression"]})
    t = helpers.recall_table(mentions, corpus, LEX)
    assert t[["label", "n", "found"]].values.tolist() == [["aggression", 2, 2], ["allies", 2, 1]]
    assert t.loc[1, "recall"] == 0.5 and t.loc[1, "low"] == pytest.approx(helpers.wilson_interval(1, 2)[0])
    # a kit match of another label does not count as finding the mention
    wrong = mentions.assign(label=["aggression", "allies", "allies", "allies"])
    assert helpers.recall_table(wrong, corpus, LEX)["found"].sum() == 0


def test_recall_errors_name_file_and_line(corpus, tmp_path):
    path = tmp_path / "mentions.csv"
    path.write_text("doc_id,field,start,end,label\nd1,text,0,5,allies\nd9,text,0,5,allies\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"mentions.csv, line 3: doc_id 'd9' is not in the corpus"):
        helpers.recall_table(path, corpus, LEX)
    path.write_text("doc_id,field,start,end,label\nd1,text,0,5,friends\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"line 2: label 'friends' is not in the lexicon"):
        helpers.recall_table(path, corpus, LEX)
    path.write_text("doc_id,field,start,end,label\nd4,text,0,500,allies\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"line 2: span 0-500 is beyond the end"):
        helpers.recall_table(path, corpus, LEX)


def test_voice_accuracy_by_hand():
    coded = pd.DataFrame({"doc_id": list("abcdef"), "start": 0, "end": 3, "label": "x",
                          "code": ["1", "1", "0", "1", "?", "1"],
                          "voice": ["own", "quoted", "quoted", "own", "own", ""],
                          "voice_code": ["own", "quoted", "own", "own", "own", "own"]})
    summary, confusion = helpers.voice_accuracy(coded)  # '?' and a missing kit voice are left out
    assert summary[["n", "agree"]].values.tolist() == [[4, 3]]
    assert confusion.values.tolist() == [[2, 0], [1, 1]]  # rows: kit own, quoted; columns: coded own, quoted
    assert summary.loc[0, "low"] == pytest.approx(helpers.wilson_interval(3, 4)[0])


# -- published tables and the command line ----------------------------------------------------

def test_load_validation_reads_the_published_tables():
    precision, recall = helpers.load_validation()
    assert list(precision.columns[:9]) == ["corpus", "lexicon", "label", "n", "correct", "precision", "low", "high",
                                           "passes"]
    assert list(recall.columns) == ["corpus", "lexicon", "label", "n", "found", "recall", "low", "high"]
    assert (precision["n"] >= 0).all() and precision["passes"].dtype == bool
    # each published row agrees with its own counts
    for row in precision.itertuples():
        assert row.precision == pytest.approx(row.correct / row.n, abs=1e-4)
        assert row.passes == (row.precision >= 0.90)


def test_load_validation_error_names_the_missing_file(tmp_path):
    with pytest.raises(ValidationError, match=r"precision.csv: no such file"):
        helpers.load_validation(tmp_path)


def test_command_line_sample_and_score(tmp_path, corpus):
    src = tmp_path / "demo.csv"
    corpus.to_csv(src, index=False)
    lex = tmp_path / "lex.csv"
    LEX.to_csv(lex, index=False)
    sheet = tmp_path / "sheet.csv"
    run = [sys.executable, "-m", "helpers", "validate"]
    out = subprocess.run(run + ["sample", "--corpus", str(src), "--lexicon", str(lex), "--per-label", "2",
                                "--seed", "3", "--out", str(sheet)], capture_output=True, text=True, cwd=KIT)
    assert out.returncode == 0, out.stderr
    s = helpers.read_coding_sheet(sheet)
    assert s.groupby("label").size().to_dict() == {"aggression": 2, "allies": 2}
    s["code"] = ["1", "1", "1", "0"]
    helpers.write_coding_sheet(s, sheet)
    table = tmp_path / "precision.csv"
    out = subprocess.run(run + ["score", "--sheet", str(sheet), "--out", str(table)], capture_output=True, text=True,
                         cwd=KIT)
    assert out.returncode == 0, out.stderr
    assert "below 0.90: allies" in out.stdout
    first = table.read_bytes()
    assert pd.read_csv(table)[["label", "n", "correct"]].values.tolist() == [["aggression", 2, 2], ["allies", 2, 1]]
    subprocess.run(run + ["score", "--sheet", str(sheet), "--out", str(table)], capture_output=True, cwd=KIT)
    assert table.read_bytes() == first  # deterministic bytes
    bad = subprocess.run(run + ["score", "--sheet", str(tmp_path / "nope.csv"), "--out", str(table)],
                         capture_output=True, text=True, cwd=KIT)
    assert bad.returncode == 2 and "nope.csv: no such coding sheet file" in bad.stderr


def test_lexicon_precision_weights_labels_by_their_matches(corpus):
    s = helpers.sample_matches(corpus, LEX, per_label=20)
    counts = s.groupby("label")["label_matches"].first().to_dict()
    assert counts == {"aggression": 3, "allies": 6}  # every match of the tiny corpus was drawn
    s["code"] = [1 if label == "allies" else 0 for label in s["label"]]
    overall = helpers.lexicon_precision(s)
    assert overall.loc[0, "precision"] == pytest.approx(6 / 9)  # (6 * 1 + 3 * 0) / 9
    # by hand: weights 0.9 / 0.1, p = 18/20 and 10/20, n = 20: se = sqrt(.81*.09/20 + .01*.25/20)
    coded = pd.DataFrame({"corpus": "c", "lexicon": "l", "doc_id": [f"d{i}" for i in range(40)], "start": 0,
                          "end": 3, "label": ["a"] * 20 + ["b"] * 20, "label_matches": [900] * 20 + [100] * 20,
                          "code": [1] * 18 + [0] * 2 + [1] * 10 + [0] * 10})
    row = helpers.lexicon_precision(coded).iloc[0]
    se = math.sqrt(0.81 * 0.09 / 20 + 0.01 * 0.25 / 20)
    assert row["precision"] == pytest.approx(0.86)
    assert (row["low"], row["high"]) == pytest.approx((0.86 - 1.96 * se, 0.86 + 1.96 * se))


def test_sample_on_ant_is_seeded_stratified_and_holds_its_spans(ant):
    corpus = helpers.deduplicate(ant).groupby("outlet").head(80)  # 80 articles per outlet keep it quick
    lex = pd.DataFrame({"label": ["liberation"], "category": ["outcome"], "gloss": ["liberation"],
                        "pattern": ["تحرير"]})
    a = helpers.sample_matches(corpus, lex, per_label=20, seed=11)
    b = helpers.sample_matches(corpus, lex, per_label=20, seed=11)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 20 and a["corpus"].eq("antcorpus").all()
    assert set(a["outlet"]) == set(corpus["outlet"])  # every outlet with a match is represented
    by_id = corpus.set_index("doc_id")
    assert all(by_id.at[r.doc_id, r.field][r.start:r.end] == r.match for r in a.itertuples())
    found = helpers.find_terms(pd.Series(corpus["text"].values, index=corpus["doc_id"].values), lex)
    shares = found["doc_id"].map(by_id["outlet"]).value_counts(normalize=True)
    drawn = a.loc[a["field"] == "text", "outlet"].value_counts()
    biggest = shares.idxmax()
    assert drawn[biggest] == a["outlet"].value_counts().max()  # the outlet with most matches gets most draws


ALLOWED = {  # what a committed file under corpus/validation/ may hold: identifiers, codes and numbers
    "coded": set(ID_COLUMNS) | {"lexicon", "note"},
    "recall_mentions.csv": {"doc_id", "field", "start", "end", "label", "lexicon", "note"},
    "recall_articles.csv": {"doc_id", "outlet"},
    "precision.csv": set(helpers.validation.PRECISION_COLUMNS),
    "recall.csv": set(helpers.validation.RECALL_COLUMNS),
    "voice.csv": {"corpus", "lexicon", "n", "agree", "accuracy", "low", "high"},
    "summary.csv": {"corpus", "lexicon", "measure", "labels", "n", "estimate", "low", "high"},
    "scope.csv": {"lexicon", "corpus", "label", "source"},
    "agreement.csv": set(helpers.validation.AGREEMENT_COLUMNS),
}


def test_committed_validation_files_hold_no_corpus_text():
    folder = KIT / "corpus" / "validation"
    files = sorted(folder.rglob("*.csv"))
    assert {"precision.csv", "recall.csv"} <= {p.name for p in files}
    arabic_run = r"[\u0600-\u06FF]+(?:\W+[\u0600-\u06FF]+){4,}"  # five Arabic words in a row
    for path in files:
        key = path.name if path.name in ALLOWED else "coded"
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        assert set(table.columns) <= ALLOWED[key], f"{path}: unexpected columns {set(table.columns) - ALLOWED[key]}"
        if "note" in table.columns:
            long = table["note"].str.contains(arabic_run, regex=True)
            assert not long.any(), f"{path}, line {int(long.to_numpy().argmax()) + 2}: the note quotes Arabic text"


def test_codebook_block_from_the_tables():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_validation", KIT / "corpus" / "validation" / "make_validation.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    precision = pd.DataFrame({"corpus": ["antcorpus", "antcorpus"], "lexicon": "frames", "label": ["b", "a"],
                              "n": [20, 20], "correct": [18, 20], "precision": [0.9, 1.0], "low": [0.699, 0.839],
                              "high": [0.972, 1.0], "passes": [True, True]})
    recall = pd.DataFrame({"corpus": ["antcorpus"], "lexicon": ["frames"], "label": ["a"], "n": [4], "found": [3],
                           "recall": [0.75], "low": [0.301], "high": [0.954]})
    block = script.codebook_block("frames", precision, recall).splitlines()
    assert block[2] == "| `a` | antcorpus | 20 | 1.00 (0.84–1.00) | yes | 0.75 (4; 0.30–0.95) |"
    assert block[3] == "| `b` | antcorpus | 20 | 0.90 (0.70–0.97) | yes | – |"
    text = "intro\n<!-- validation:begin -->\nold\n<!-- validation:end -->\nrest"
    assert script.BLOCK.sub("NEW", text) == "intro\nNEW\nrest"


def test_a_second_round_draws_only_unread_matches():
    corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(6)], "outlet": ["X"] * 6, "title": "",
                           "text": ["قال حلفاء دمشق"] * 6})
    lex = pd.DataFrame({"label": ["allies"], "category": [""], "gloss": ["allies"], "pattern": ["حلفا*"]})
    first = helpers.sample_matches(corpus, lex, per_label=4, seed=3)
    second = helpers.sample_matches(corpus, lex, per_label=4, seed=4, exclude=first)
    assert len(first) == 4 and len(second) == 2  # only two matches were never read
    assert not set(first["doc_id"]) & set(second["doc_id"])
    assert set(second["label_matches"]) == {6}  # the population still counts every match


def test_the_readme_quotes_the_published_validation_summary():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_validation", KIT / "corpus" / "validation" / "make_validation.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    readme = (KIT / "README.md").read_text(encoding="utf-8")
    block = script.SUMMARY_BLOCK.search(readme)
    assert block, "README.md lost its validation-summary markers"
    assert script.summary_block() in block.group(0), "rerun `python corpus/validation/make_validation.py tables`"


def test_the_codebooks_quote_the_published_validation_tables():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_validation", KIT / "corpus" / "validation" / "make_validation.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    precision, recall = helpers.load_validation()
    for name, path in script.LEXICONS.items():
        text = path.with_suffix(".md").read_text(encoding="utf-8")
        block = script.BLOCK.search(text)
        assert block, f"{path.with_suffix('.md').name} lost its validation markers"
        assert script.codebook_block(name, precision, recall) in block.group(0), \
            "rerun `python corpus/validation/make_validation.py tables`"


# --- two coders: agreement and adjudication (round 4) ----------------------------------------------

def test_coder_agreement_and_kappa_by_hand():
    from helpers import adjudicate, coder_agreement
    ids = [f"s{i}" for i in range(10)]
    one = pd.DataFrame({"sample_id": ids, "corpus": "c", "lexicon": "frames",
                        "code": [1, 1, 1, 1, 1, 1, 0, 0, "?", 1],
                        "voice_code": ["own"] * 8 + ["", "quoted"], "note": ""})
    two = one.assign(code=["1", "1", "1", "1", "1", "0", "0", "1", "1", "1"],
                     voice_code=["own"] * 7 + ["quoted", "own", "quoted"])
    table = coder_agreement(one, two).set_index("what")
    # code: 9 rows (the ? left out), 7 agree; coder 1 has 7 ones of 9, coder 2 has 7 ones of 9
    po, pe = 7 / 9, (7 / 9) * (7 / 9) + (2 / 9) * (2 / 9)
    assert table.loc["code", "n"] == 9 and table.loc["code", "agree"] == 7
    assert table.loc["code", "kappa"] == pytest.approx((po - pe) / (1 - pe))
    assert table.loc["voice", "n"] == 9 and table.loc["voice", "agree"] == 8
    third = pd.DataFrame({"sample_id": ["s5"], "code": ["0"], "voice_code": ["own"], "note": ["another war"]})
    out = adjudicate(one, two, third).set_index("sample_id")
    assert out.loc["s5", "code"] == "0" and out.loc["s5", "coders"] == "third" and out.loc["s5", "note"] == "another war"
    assert out.loc["s7", "code"] == "?" and out.loc["s7", "coders"] == "unresolved"   # no third code
    assert out.loc["s0", "coders"] == "agreed" and len(out) == 10
    with pytest.raises(ValidationError, match="different rows"):
        coder_agreement(one, two.iloc[:5])
    with pytest.raises(ValidationError, match="not in the second sheet"):
        adjudicate(one, two.iloc[:5])


def test_published_tables_follow_from_the_committed_codes():
    """precision.csv and agreement.csv are what the committed first, second and third codes give."""
    folder = KIT / "corpus" / "validation"
    coded = folder / "coded"
    published = pd.read_csv(folder / "precision.csv")
    agreement = pd.read_csv(folder / "agreement.csv")
    sheets = sorted(p for p in coded.glob("*_*.csv") if not p.name.startswith("recall_"))
    assert len(sheets) == 4
    for path in sheets:
        first = helpers.read_coding_sheet(path)
        second = helpers.read_coding_sheet(coded / "second" / path.name)
        third = helpers.read_coding_sheet(coded / "third" / path.name)
        assert set(third["sample_id"]) <= set(first["sample_id"])
        differ = first.merge(second[["sample_id", "code", "voice_code"]], on="sample_id", suffixes=("", "_2"))
        differ = differ[(differ["code"] != differ["code_2"]) | (differ["voice_code"] != differ["voice_code_2"])]
        assert set(differ["sample_id"]) == set(third["sample_id"])        # the third coder saw exactly those rows
        final = helpers.adjudicate(first, second, third)
        assert (final["coders"] != "unresolved").all()
        table = helpers.precision_table(final)
        name = (first["corpus"].iloc[0], first["lexicon"].iloc[0])
        mine = published[(published["corpus"] == name[0]) & (published["lexicon"] == name[1])]
        assert table.set_index("label")[["n", "correct"]].sort_index().to_dict() == \
            mine.set_index("label")[["n", "correct"]].sort_index().to_dict()
        agree = helpers.coder_agreement(first, second)
        got = agreement[(agreement["corpus"] == name[0]) & (agreement["lexicon"] == name[1])]
        assert agree["agree"].tolist() == got["agree"].tolist() and agree["n"].tolist() == got["n"].tolist()
