import json
import re
import zipfile

import pandas as pd
import pytest

from helpers import corpus as cp
from helpers import datasets as ds
from helpers import deduplicate, load_corpus, load_report

FURNITURE = ["مقالات ذات صلة", "اترك تعليقاً", "لن يتم نشر عنوان بريدك الإلكتروني", "زر الذهاب إلى الأعلى"]


# --- the seed -----------------------------------------------------------------------------

def test_seed_row_schema_and_metadata(seed):
    assert len(seed) == 1
    assert list(seed.columns[: len(cp.SCHEMA)]) == cp.SCHEMA
    row = seed.iloc[0]
    assert row["outlet"] == "Maraya International"
    assert row["url"] == "https://marayainternational.com/international/syria/2106/"
    assert row["date"] == pd.Timestamp("2017-11-19", tz="UTC")
    assert row["date_inferred"]
    assert row["category"] == "سورية"
    assert row["title"] == "البوكمال آخر معاقل داعش في سوريا بقبضة الجيش وحلفائه بالكامل"


def test_seed_text_is_body_only(seed):
    text = seed.loc[0, "text"]
    assert text.startswith("اليوم الأحد تمّ تحرير مدينة البوكمال")
    assert not text.startswith("سورية")
    for line in FURNITURE:
        assert line not in text
        assert line in seed.loc[0, "furniture"]
    assert seed.loc[0, "furniture"].count("\n") == 3


def test_split_furniture_ignores_marks_and_spaces():
    body, furn = cp.split_furniture("نص\n\n  اترك تعليقا  \nزر الذهاب إلى الأعلى\n")
    assert body == "نص" and furn.splitlines() == ["اترك تعليقا", "زر الذهاب إلى الأعلى"]
    assert cp.split_furniture("نص عادي") == ("نص عادي", "")


# --- registered corpora through the mirror ---------------------------------------------

def test_saudinewsnet_counts(snn):
    assert len(snn) == 31030
    assert snn["outlet"].nunique() == 14
    assert snn["outlet"].value_counts()["alriyadh"] == 4852
    assert snn["doc_id"].is_unique
    assert snn["is_empty"].sum() == 354
    n_dup = snn["duplicate_of"].notna().sum()
    assert 500 <= n_dup <= 1000
    # every flagged row is in the load report, with its reason
    rep = load_report(snn)
    assert (rep["reason"] == "empty text").sum() == 354
    assert rep["reason"].str.startswith("duplicate text of").sum() == n_dup
    # duplicate_of points at an earlier article with the same text
    row = snn[snn["duplicate_of"].notna()].iloc[0]
    first = snn.set_index("doc_id").loc[row["duplicate_of"]]
    assert first["text"].strip() == row["text"].strip()


def test_saudinewsnet_dates_are_crawl_times_flagged(snn):
    assert str(snn["date"].dt.tz) == "UTC"
    assert snn["date_inferred"].all()
    assert snn["date"].notna().all()
    assert snn["date"].min() >= pd.Timestamp("2015-07-20", tz="UTC")


def test_deduplicate_in_one_call(snn):
    clean = deduplicate(snn)
    assert len(clean) == 31030 - 354 - snn["duplicate_of"].notna().sum()
    assert not clean["is_empty"].any() and clean["duplicate_of"].isna().all()
    assert (load_report(clean)["action"] == "dropped").sum() == 31030 - len(clean)
    assert len(snn) == 31030  # the input is untouched


def test_antcorpus_counts(ant):
    assert len(ant) == 2765
    assert ant["outlet"].value_counts().to_dict() == {
        "Sky News Arabia": 1227, "France 24": 631, "CNN Arabic": 455, "BBC Arabic": 318, "Al Arabiya": 134}
    assert ant["doc_id"].is_unique
    assert ant["date"].notna().all() and str(ant["date"].dt.tz) == "UTC"
    assert (ant["text"].str.len() > 0).mean() > 0.95
    assert not ant["text"].str.contains("<TEXT>|</TEXT>", regex=True).any()
    assert ant["date"].dt.year.eq(2018).mean() > 0.9


def test_trec_parser_is_lenient():
    fields, repairs = cp.parse_trec("<DOC>\n<DOCNO>X-1</DOCNO>\n<TITLE>سوريا & العراق\n<TEXT>نص <b>المقال</TEXT>\n")
    assert fields["DOCNO"] == "X-1"
    assert fields["TITLE"] == "سوريا & العراق"
    assert fields["TEXT"] == "نص <b>المقال"
    assert any("TITLE" in r for r in repairs)


# --- the fetcher ----------------------------------------------------------------------------

def test_registry_pins_commits_and_checksums():
    reg = ds.registry()
    assert set(reg.index) == {"saudinewsnet", "antcorpus"}
    assert all(len(c) == 40 for c in reg["commit"])
    assert reg.loc["saudinewsnet", "files"] == 18 and reg.loc["antcorpus", "files"] == 2765
    url = ds.DATASETS["saudinewsnet"].url("dataset/2015-07-21.zip")
    assert url == ("https://github.com/inparallel/SaudiNewsNet/raw/"
                   "4e39239966c2ae8a3faa591201acb9cd1f51199d/dataset/2015-07-21.zip")


def _fake_dataset(tmp_path, monkeypatch, payload: bytes, digest: str):
    reg = tmp_path / "registry"
    reg.mkdir()
    (reg / "fake.sha256").write_text(f"{digest}  data/a.bin\n")
    monkeypatch.setattr(ds, "REGISTRY_DIR", reg)
    fake = ds.Dataset(name="fake", title="t", origin="https://example.invalid", commit="0" * 40,
                      url_pattern=(tmp_path / "origin").as_uri() + "/{path}", mirror_folder="fake",
                      checksums_file="fake.sha256", licence="", citation="")
    monkeypatch.setitem(ds.DATASETS, "fake", fake)
    (tmp_path / "origin" / "data").mkdir(parents=True)
    (tmp_path / "origin" / "data" / "a.bin").write_bytes(payload)
    monkeypatch.delenv("ITAR_DATA", raising=False)
    monkeypatch.setenv("ITAR_CACHE", str(tmp_path / "cache"))
    return fake


def test_fetch_downloads_once_into_cache(tmp_path, monkeypatch):
    import hashlib
    payload = b"hello corpus"
    _fake_dataset(tmp_path, monkeypatch, payload, hashlib.sha256(payload).hexdigest())
    root = ds.fetch("fake")
    assert (root / "data" / "a.bin").read_bytes() == payload
    (tmp_path / "origin" / "data" / "a.bin").unlink()  # second call must not download
    assert ds.fetch("fake") == root


def test_fetch_wrong_checksum_leaves_no_file(tmp_path, monkeypatch):
    _fake_dataset(tmp_path, monkeypatch, b"tampered", "0" * 64)
    with pytest.raises(ds.DatasetError, match="SHA-256"):
        ds.fetch("fake")
    folder = tmp_path / "cache" / "fake" / "data"
    assert not any(folder.iterdir())  # no half-written or wrong file left behind


def test_fetch_no_network_is_one_clear_error(tmp_path, monkeypatch):
    fake = _fake_dataset(tmp_path, monkeypatch, b"x", "0" * 64)
    monkeypatch.setitem(ds.DATASETS, "fake", ds.Dataset(**{**fake.__dict__, "url_pattern": "http://127.0.0.1:9/{path}"}))
    with pytest.raises(ds.DatasetError, match="cannot download .*ITAR_DATA"):
        ds.fetch("fake")


def test_mirror_checksum_mismatch_and_missing(tmp_path, monkeypatch):
    fake = _fake_dataset(tmp_path, monkeypatch, b"x", "0" * 64)
    monkeypatch.setenv("ITAR_DATA", str(tmp_path / "mirror"))
    with pytest.raises(ds.DatasetError, match="has no folder"):
        ds.fetch("fake")
    (tmp_path / "mirror" / "fake" / "data").mkdir(parents=True)
    with pytest.raises(ds.DatasetError, match="missing"):
        ds.fetch("fake")
    (tmp_path / "mirror" / "fake" / "data" / "a.bin").write_bytes(b"x")
    with pytest.raises(ds.DatasetError, match="wrong SHA-256"):
        ds.fetch("fake")
    assert fake.name == "fake"


def test_unknown_source_is_a_clear_error():
    with pytest.raises(cp.CorpusError, match="not a registered dataset"):
        load_corpus("no-such-corpus")
    with pytest.raises(ds.DatasetError, match="unknown dataset"):
        ds.fetch("nope")


# --- your own files -----------------------------------------------------------------------

def test_kit_folder_in_legacy_encodings(tmp_path):
    text = "قالت المعارضة السورية إن الجيش سيطر على حران."
    (tmp_path / "a.txt").write_bytes(text.encode("cp1256"))
    (tmp_path / "b.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "c.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "d.txt").write_bytes(text.encode("utf-16-le"))
    (tmp_path / "metadata.csv").write_text(
        "file,outlet,date\na.txt,X,2018-01-02\nb.txt,Y,not a date\nc.txt,Z,2018-01-03\nd.txt,Z,\nmissing.txt,Z,\n",
        encoding="utf-8")
    df = load_corpus(tmp_path)
    assert df["text"].tolist() == [text] * 4
    rep = load_report(df)
    assert set(rep.loc[rep["action"] == "repaired", "source_file"]) == {"a.txt", "b.txt", "c.txt", "d.txt"}
    repaired = rep[rep["action"] == "repaired"].set_index("source_file")["reason"]
    assert repaired["a.txt"] == "decoded as cp1256"
    assert repaired["d.txt"] == "decoded as utf-16-le"
    assert rep["reason"].str.contains("unparseable date 'not a date'").any()
    assert ((rep["action"] == "skipped") & rep["reason"].str.contains("missing.txt")).sum() == 1
    assert df["duplicate_of"].notna().sum() == 3


def test_undecodable_file_names_the_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02\x03" * 50 + b"\xff\xfe\xfd")
    with pytest.raises(cp.CorpusError, match="bad.txt"):
        cp.decode_bytes(bad.read_bytes(), str(bad))


def test_csv_with_malformed_row_and_duplicate_ids(tmp_path):
    f = tmp_path / "mine.csv"
    f.write_text('doc_id,outlet,text\n1,A,"نص أول"\n1,B,نص ثان\n2,C,نص,زائد,جدا\n3,D,\n', encoding="utf-8")
    df = load_corpus(f)
    assert df["doc_id"].tolist() == ["1", "1~2", "3"]
    rep = load_report(df)
    assert rep["reason"].str.contains("malformed row").sum() == 1
    assert rep["reason"].str.contains("duplicate doc_id").sum() == 1
    assert df.set_index("doc_id").loc["3", "is_empty"]


def test_jsonl_and_parquet(tmp_path):
    f = tmp_path / "mine.jsonl"
    f.write_text('{"text": "نص", "outlet": "A", "date": "2018-05-01T10:00:00+03:00"}\n{oops\n[1]\n'
                 '{"content": "نص آخر"}\n', encoding="utf-8")
    df = load_corpus(f)
    assert len(df) == 2 and df.loc[0, "date"] == pd.Timestamp("2018-05-01 07:00", tz="UTC")
    rep = load_report(df)
    rep = rep[rep["action"] != "noted"]  # "noted": content read as text where text is missing
    assert rep["action"].tolist() == ["skipped", "skipped"]
    assert rep["record"].tolist() == ["line 2", "line 3"]
    p = tmp_path / "mine.parquet"
    pd.DataFrame({"text": ["أ", "ب"], "outlet": ["A", "B"]}).to_parquet(p)
    assert load_corpus(p)["doc_id"].tolist() == ["mine-0", "mine-1"]


def test_table_without_text_column(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(cp.CorpusError, match="x.csv: no text column"):
        load_corpus(f)


def test_html_folder_uses_trafilatura(tmp_path):
    body = "".join(f"<p>قالت وكالة سانا إن الجيش دخل مدينة البوكمال في الفقرة رقم {i} من التقرير.</p>" for i in range(8))
    page = (f"<html><head><title>البوكمال</title><link rel='canonical' href='https://example.org/a'>"
            f"<meta property='article:published_time' content='2017-11-19'></head><body>"
            f"<nav><a href='/'>الرئيسية</a><a href='/x'>اتصل بنا</a></nav><article><h1>البوكمال</h1>{body}</article>"
            f"<footer>زر الذهاب إلى الأعلى</footer></body></html>")
    (tmp_path / "page1.html").write_text(page, encoding="utf-8")
    (tmp_path / "page2.html").write_bytes(page.encode("cp1256"))
    df = load_corpus(tmp_path)
    assert len(df) == 2
    assert "الفقرة رقم 7" in df.loc[0, "text"]
    assert "اتصل بنا" not in df.loc[0, "text"] and "زر الذهاب" not in df.loc[0, "text"]
    assert df.loc[0, "url"] == "https://example.org/a"
    assert df.loc[0, "date"] == pd.Timestamp("2017-11-19", tz="UTC")
    assert df.loc[1, "text"] == df.loc[0, "text"]


def test_saudinewsnet_reader_reports_bad_records(tmp_path):
    (tmp_path / "dataset").mkdir()
    recs = [{"source": "x", "url": "u", "date_extracted": "2015-07-21 02:51:32", "title": "t", "author": "", "content": "نص"},
            "not an object",
            {"source": "x", "url": "u2", "date_extracted": "yesterday", "title": "t", "author": "", "content": ""}]
    with zipfile.ZipFile(tmp_path / "dataset" / "2015-07-21.zip", "w") as zf:
        zf.writestr("2015-07-21.json", json.dumps(recs, ensure_ascii=False))
    df = load_corpus(tmp_path)
    assert len(df) == 2
    reasons = load_report(df)["reason"].tolist()
    assert "malformed row: not a JSON object" in reasons
    assert any("unparseable date_extracted 'yesterday'" in r for r in reasons)
    assert "empty text" in reasons
    with zipfile.ZipFile(tmp_path / "dataset" / "2015-07-22.zip", "w") as zf:
        zf.writestr("2015-07-22.json", "[{broken")
    with pytest.raises(cp.CorpusError, match="2015-07-22.zip.*not valid JSON"):
        load_corpus(tmp_path)


def test_report_records_locate_rows_in_their_files(tmp_path, snn):
    rep = load_report(snn)
    empty = rep[rep["reason"] == "empty text"].iloc[0]
    assert re.fullmatch(r"item \d+", empty["record"])
    item = int(empty["record"].split()[1])
    assert empty["doc_id"].endswith(f"-{item:05d}")
    f = tmp_path / "t.csv"
    f.write_text("text,date\nنص,2018-01-01\n,2018-01-02\nنص آخر,garbage\n", encoding="utf-8")
    rep = load_report(load_corpus(f))
    assert rep.set_index("reason")["record"].to_dict() == {"empty text": "row 2", "unparseable date 'garbage'": "row 3"}


def test_loaded_corpora_concatenate(seed):
    both = pd.concat([seed, seed], ignore_index=True)
    assert len(both) == 2
