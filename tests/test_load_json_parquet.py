"""JSON, JSON Lines, Parquet and zipped JSON: odd cells converted and reported, bad files
named, round trips that give back the same frame, and a cap on inflated zip members."""
import json
import zipfile

import pandas as pd
import pytest

from helpers import CorpusError, load_corpus, load_report
from helpers import corpus as cp


def _problems(df):
    rep = load_report(df)
    return rep[rep["action"] != "noted"]


# --- defect 9: Parquet ---------------------------------------------------------------------------

def test_parquet_epoch_seconds_are_not_read_as_nanoseconds(tmp_path):
    f = tmp_path / "epoch.parquet"
    pd.DataFrame({"text": ["أ", "ب"], "date": pd.array([1511049600, 1511053200], dtype="int64")}).to_parquet(f)
    df = load_corpus(f)
    assert df["date"].tolist() == [pd.Timestamp("2017-11-19 00:00", tz="UTC"), pd.Timestamp("2017-11-19 01:00", tz="UTC")]
    assert load_report(df)["reason"].str.contains("read as seconds since 1970-01-01").any()


def test_parquet_binary_and_list_text(tmp_path):
    f = tmp_path / "odd.parquet"
    pd.DataFrame({"text": ["نص".encode(), "نص ثان".encode("cp1256")]}).to_parquet(f)
    df = load_corpus(f)
    assert df["text"].tolist() == ["نص", "نص ثان"]
    rep = load_report(df)
    assert rep["reason"].tolist() == ["text was binary: decoded as utf-8", "text was binary: decoded as cp1256"]
    assert rep["source_file"].tolist() == ["odd.parquet"] * 2
    g = tmp_path / "lists.parquet"
    pd.DataFrame({"text": [["فقرة أولى", "فقرة ثانية"], ["فقرة"]]}).to_parquet(g)
    df = load_corpus(g)
    assert df["text"].tolist() == ["فقرة أولى\n\nفقرة ثانية", "فقرة"]
    assert load_report(df)["reason"].str.contains("was a list of 2 items").any()


def test_damaged_parquet_names_the_file(tmp_path):
    f = tmp_path / "broken.parquet"
    f.write_bytes(b"PAR1 not really")
    with pytest.raises(CorpusError, match="broken.parquet: not a readable Parquet file"):
        load_corpus(f)


# --- defect 9: JSON and JSON Lines ---------------------------------------------------------------

def test_json_array_with_non_objects_reports_each_item(tmp_path):
    f = tmp_path / "a.json"
    f.write_text(json.dumps([{"text": "نص"}, 5, "نص", None, {"body": "نص آخر"}], ensure_ascii=False), encoding="utf-8")
    df = load_corpus(f)
    assert df["text"].tolist() == ["نص", "نص آخر"]
    rep = _problems(df)
    assert rep["record"].tolist() == ["item 2", "item 3", "item 4"]
    assert rep["reason"].str.startswith("malformed row: not a JSON object").all()


def test_truncated_json_names_the_file_and_place(tmp_path):
    f = tmp_path / "cut.json"
    f.write_text('[{"text": "نص"}, {"text": "نص مقطو', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"cut.json: not valid JSON at line 1, column \d+.*cut short"):
        load_corpus(f)
    g = tmp_path / "one.json"
    g.write_text('{"text": "نص"}', encoding="utf-8")
    with pytest.raises(CorpusError, match="one.json: holds one JSON dict; expected a list"):
        load_corpus(g)


def test_jsonl_non_text_values_are_reported(tmp_path):
    f = tmp_path / "odd.jsonl"
    f.write_text('{"text": 123}\n{"text": "نص", "title": ["أ", "ب"]}\n{"text": {"ar": "نص"}}\n{"text": true}\n',
                 encoding="utf-8")
    df = load_corpus(f)
    assert df["text"].tolist() == ["123", "نص", '{"ar": "نص"}', "True"]
    rep = load_report(df).set_index("record")["reason"]
    assert rep["line 1"] == "text is int 123, not text: read as '123'"
    assert rep["line 2"] == "title was a list of 2 items: joined with blank lines"
    assert "JSON object" in rep["line 3"] and "bool" in rep["line 4"]


def test_jsonl_saved_as_json_and_mixed_encodings(tmp_path):
    f = tmp_path / "lines.json"
    f.write_bytes('{"text": "نص أول"}\n'.encode() + '{"text": "نص ثان"}\n'.encode("cp1256"))
    df = load_corpus(f)
    assert df["text"].tolist() == ["نص أول", "نص ثان"]
    assert "line 2 decoded as cp1256" in load_report(df)["reason"].iloc[0]


# --- defect 5: round trips ---------------------------------------------------------------------------

def _corpus():
    df = load_corpus(cp.datasets.KIT_DIR / "corpus" / "examples" / "syria_news.csv")
    df.loc[0, "date_inferred"] = True  # one flag set, so that both values travel
    df.attrs = {}
    return df


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_round_trip_gives_the_same_frame(tmp_path, fmt):
    original = _corpus()
    f = tmp_path / f"syria_news.{fmt}"
    if fmt == "csv":
        original.to_csv(f, index=False)
    elif fmt == "jsonl":
        original.to_json(f, orient="records", lines=True, force_ascii=False, date_format="iso")
    else:
        original.to_parquet(f, index=False)
    back = load_corpus(f)
    pd.testing.assert_frame_equal(back, original)
    assert back["date_inferred"].tolist()[:2] == [True, False]
    assert load_report(back)["reason"].tolist() == ["empty text", "duplicate text of n006"]


def test_kit_to_csv_round_trip_of_date_inferred(tmp_path):
    seed = load_corpus("seed")
    assert seed.loc[0, "date_inferred"]
    seed.assign(date_inferred=False).to_csv(tmp_path / "s.csv", index=False)
    assert not load_corpus(tmp_path / "s.csv")["date_inferred"].any()


# --- defect 11: zip members have an inflated-size cap ------------------------------------------------

def _snn(tmp_path, payload: bytes):
    (tmp_path / "dataset").mkdir()
    with zipfile.ZipFile(tmp_path / "dataset" / "2015-07-21.zip", "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("2015-07-21.json", payload)


def test_zip_member_over_the_cap_is_refused_before_reading(tmp_path, monkeypatch):
    records = [{"source": "x", "url": "u", "date_extracted": "2015-07-21 02:51:32", "title": "t", "author": "",
                "content": "نص " * 50}] * 200
    payload = json.dumps(records, ensure_ascii=False).encode()
    _snn(tmp_path, payload)
    monkeypatch.setattr(cp, "MAX_INFLATED_BYTES", len(payload) - 1)
    with pytest.raises(CorpusError, match=r"2015-07-21.zip:2015-07-21.json: inflates to [\d,]+ bytes, more than"):
        load_corpus(tmp_path)
    monkeypatch.setattr(cp, "MAX_INFLATED_BYTES", len(payload))
    assert len(load_corpus(tmp_path)) == 200


def test_zip_bomb_at_the_real_cap_is_refused(tmp_path):
    (tmp_path / "dataset").mkdir()
    with zipfile.ZipFile(tmp_path / "dataset" / "2015-07-21.zip", "w", compression=zipfile.ZIP_DEFLATED) as zf:
        with zf.open("2015-07-21.json", "w") as fh:
            fh.write(b"[")
            for _ in range(cp.MAX_INFLATED_BYTES // 2**20 + 1):
                fh.write(b" " * 2**20)
            fh.write(b"]")
    assert (tmp_path / "dataset" / "2015-07-21.zip").stat().st_size < 2 * 2**20
    with pytest.raises(CorpusError, match="more than the 268,435,456-byte limit"):
        load_corpus(tmp_path)


def test_the_cap_is_documented():
    assert cp.MAX_INFLATED_BYTES == 256 * 2**20
    assert "MAX_INFLATED_BYTES" in cp.__doc__ and "MAX_INFLATED_BYTES" in cp.read_saudinewsnet.__doc__
