"""CSV, TSV and Excel files: column aliases, delimiters, and no record lost or shifted
without a load-report row naming it."""
import csv

import pandas as pd
import pytest

from helpers import CorpusError, load_corpus, load_report
from helpers.corpus import COLUMN_ALIASES, match_columns

SCRAPER = ("id,source,published,headline,body,link\n"
           "1,وكالة الشام,2017-11-19,الجيش يدخل البوكمال,دخل الجيش المدينة.,https://example.org/1\n"
           "2,الفرات اليوم,2017-11-20,معارك في الريف,تجددت المعارك.,https://example.org/2\n")


def _problems(df):
    rep = load_report(df)
    return rep[rep["action"] != "noted"]


def _notes(df):
    rep = load_report(df)
    return rep.loc[rep["action"] == "noted", "reason"].tolist()


# --- columns ----------------------------------------------------------------------------------

def test_scraper_columns_are_mapped_by_alias_and_reported(tmp_path):
    f = tmp_path / "scraped.csv"
    f.write_text(SCRAPER.replace("link\n", "link,views\n").replace("/1\n", "/1,10\n").replace("/2\n", "/2,20\n"),
                 encoding="utf-8")
    df = load_corpus(f)
    assert df["doc_id"].tolist() == ["1", "2"]
    assert df["outlet"].tolist() == ["وكالة الشام", "الفرات اليوم"]
    assert df["title"].tolist() == ["الجيش يدخل البوكمال", "معارك في الريف"]
    assert df["url"].tolist() == ["https://example.org/1", "https://example.org/2"]
    assert df["date"].tolist() == [pd.Timestamp("2017-11-19", tz="UTC"), pd.Timestamp("2017-11-20", tz="UTC")]
    assert df["views"].tolist() == ["10", "20"]  # unused, kept after the schema columns
    notes = _notes(df)
    assert ("columns mapped by alias: id → doc_id, source → outlet, published → date, headline → title, "
            "body → text, link → url") in notes
    assert "columns not used (kept after the schema columns): views" in notes


def test_arabic_column_names(tmp_path):
    f = tmp_path / "عربي.csv"
    f.write_text("المصدر,التاريخ,العنوان,النص,الرابط\nوكالة,2018-01-02,عنوان,نص المقال,https://example.org/a\n",
                 encoding="utf-8")
    row = load_corpus(f).iloc[0]
    assert (row["outlet"], row["title"], row["text"], row["url"]) == ("وكالة", "عنوان", "نص المقال", "https://example.org/a")
    assert row["date"] == pd.Timestamp("2018-01-02", tz="UTC")


def test_explicit_columns_win_and_unknown_names_raise(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("ref,paper,story,text\nA1,وكالة,القصة,عمود آخر\n", encoding="utf-8")
    df = load_corpus(f, columns={"story": "text", "paper": "outlet", "ref": "doc_id"})
    assert (df.loc[0, "text"], df.loc[0, "outlet"], df.loc[0, "doc_id"]) == ("القصة", "وكالة", "A1")
    assert df.loc[0, "original_text"] == "عمود آخر"
    assert any(n.startswith("columns mapped as asked: story → text") for n in _notes(df))
    assert any("original_text" in n or "text" in n for n in _notes(df) if n.startswith("columns not used"))
    with pytest.raises(CorpusError, match="columns= names 'bdy'.*'story'"):
        load_corpus(f, columns={"bdy": "text"})


def test_alias_table_and_matching_rules():
    assert {"source", "publisher", "site", "newspaper", "المصدر"} <= set(COLUMN_ALIASES["outlet"])
    assert {"published", "pubdate", "datetime", "التاريخ"} <= set(COLUMN_ALIASES["date"])
    assert {"headline", "heading", "العنوان"} <= set(COLUMN_ALIASES["title"])
    assert {"link", "href", "الرابط"} <= set(COLUMN_ALIASES["url"])
    assert {"النص", "body"} <= set(COLUMN_ALIASES["text"]) and "id" in COLUMN_ALIASES["doc_id"]
    rename, by_alias, fills, unused = match_columns(["Published At", "Source", "outlet", "Body", "content"])
    assert rename["Published At"] == "date"
    assert "Source" in unused and "outlet" not in rename  # the schema name wins over an alias
    assert rename["content"] == "text" and fills == ["Body"]  # alias order: content before body


def test_no_text_column_names_the_columns_found(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"x.csv: no text column.*'a', 'b'.*columns="):
        load_corpus(f)


# --- delimiters and formats --------------------------------------------------------------------

def test_semicolon_csv_from_excel(tmp_path):
    f = tmp_path / "excel.csv"
    f.write_bytes(("\ufeffid;source;body\n1;وكالة;نص، مع فاصلة, وفاصلة لاتينية\n2;شبكة;نص ثان\n").encode("utf-8"))
    df = load_corpus(f)
    assert df["text"].tolist() == ["نص، مع فاصلة, وفاصلة لاتينية", "نص ثان"]
    assert df["outlet"].tolist() == ["وكالة", "شبكة"]
    assert "fields separated by semicolons (found in the header line)" in _notes(df)


def test_tsv_is_read_with_tabs(tmp_path):
    f = tmp_path / "x.tsv"
    f.write_text("id\ttext\toutlet\n1\tنص, مع فاصلة\tوكالة\n", encoding="utf-8")
    df = load_corpus(f)
    assert df.loc[0, "text"] == "نص, مع فاصلة" and df.loc[0, "outlet"] == "وكالة"


def test_xlsx_spreadsheet(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    import datetime as dt

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "مقالات"
    sheet.append(["id", "source", "published", "headline", "body"])
    sheet.append([1, "وكالة", dt.datetime(2017, 11, 19, 10, 0), "عنوان", "نص أول"])
    sheet.append([None, None, None, None, None])
    sheet.append([2, "شبكة", "19/11/2017", "عنوان ٢", 12345])
    book.create_sheet("ملاحظات").append(["لا تقرأ"])
    f = tmp_path / "sheet.xlsx"
    book.save(f)
    df = load_corpus(f)
    assert df["doc_id"].tolist() == ["1", "2"]
    assert df["date"].tolist() == [pd.Timestamp("2017-11-19 10:00", tz="UTC"), pd.Timestamp("2017-11-19", tz="UTC")]
    rep = load_report(df)
    assert rep["reason"].str.contains("only the first sheet ('مقالات') read; not read: ملاحظات", regex=False).any()
    row = rep[rep["reason"].str.startswith("text is int")].iloc[0]
    assert row["record"] == "sheet row 4" and df.loc[1, "text"] == "12345"


def test_old_xls_and_unknown_formats_say_what_to_do(tmp_path):
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(CorpusError, match="old.xls.*save it as .xlsx or as CSV UTF-8"):
        load_corpus(tmp_path / "old.xls")
    (tmp_path / "one.txt").write_text("نص", encoding="utf-8")
    with pytest.raises(CorpusError, match="one.txt: one article on its own; put it in a folder"):
        load_corpus(tmp_path / "one.txt")
    (tmp_path / "x.docx").write_bytes(b"PK")
    with pytest.raises(CorpusError, match="unknown table format"):
        load_corpus(tmp_path / "x.docx")


def test_empty_csv_and_header_only_raise(tmp_path):
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    with pytest.raises(CorpusError, match="empty.csv: the file is empty"):
        load_corpus(tmp_path / "empty.csv")
    (tmp_path / "head.csv").write_text("id,text\n\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="head.csv: has a header line but no rows"):
        load_corpus(tmp_path / "head.csv")


# --- defect 1: no record dropped or shifted silently --------------------------------------------

def test_field_longer_than_131072_characters_is_kept(tmp_path):
    long_text = "سطر طويل " * 20_000  # 180,000 characters
    f = tmp_path / "long.csv"
    with f.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["id", "text"], ["1", long_text], ["2", "قصير"]])
    df = load_corpus(f)
    assert df["text"].tolist() == [long_text.strip(), "قصير"] or df["text"].tolist() == [long_text, "قصير"]
    assert _problems(df).empty
    assert csv.field_size_limit() == 131072  # the module-wide limit is restored


def test_row_starting_with_a_quoted_phrase_is_kept_and_reported(tmp_path):
    f = tmp_path / "quoted.csv"
    f.write_text('id,text\n1,نص\n2,"قال المتحدث" إن القوات تقدمت\n3,نص ثالث\n', encoding="utf-8")
    df = load_corpus(f)
    assert df["text"].tolist() == ["نص", '"قال المتحدث" إن القوات تقدمت', "نص ثالث"]
    rep = load_report(df)
    row = rep[rep["action"] == "repaired"].iloc[0]
    assert row["record"] == "row 2" and "quoted phrase" in row["reason"] and "line 3" in row["reason"]


def test_unclosed_quote_skips_one_record_and_reads_the_rest(tmp_path):
    lines = [f'{i},نص رقم {i}' for i in range(1, 1001)]
    lines[10] = '11,"نص رقم 11 بلا علامة إغلاق'
    f = tmp_path / "unclosed.csv"
    f.write_text("id,text\n" + "\n".join(lines) + "\n", encoding="utf-8")
    df = load_corpus(f)
    assert len(df) == 999
    assert "11" not in df["doc_id"].tolist() and df["doc_id"].iloc[-1] == "1000"
    rep = load_report(df)
    skipped = rep[rep["action"] == "skipped"]
    assert skipped["record"].tolist() == ["line 12"]
    assert "never closed" in skipped["reason"].iloc[0]


def test_extra_field_in_first_data_row_does_not_shift_columns(tmp_path):
    f = tmp_path / "extra.csv"
    f.write_text("id,outlet,text\n1,وكالة,نص,زائد\n2,شبكة,نص ثان\n3,قناة,نص ثالث\n", encoding="utf-8")
    df = load_corpus(f)
    assert df["doc_id"].tolist() == ["2", "3"]
    assert df["outlet"].tolist() == ["شبكة", "قناة"] and df["text"].tolist() == ["نص ثان", "نص ثالث"]
    rep = load_report(df)
    row = rep[rep["action"] == "skipped"].iloc[0]
    assert row["record"] == "row 1, line 2" and "4 fields, expected 3" in row["reason"]


def test_short_rows_and_trailing_empty_fields(tmp_path):
    f = tmp_path / "short.csv"
    f.write_text("id,outlet,text\n1,وكالة\n2,شبكة,نص,,\n", encoding="utf-8")
    df = load_corpus(f)
    assert df["doc_id"].tolist() == ["2"] and df.loc[0, "text"] == "نص"
    assert load_report(df).query("action == 'skipped'")["reason"].str.contains("2 fields, expected 3").all()


def test_records_are_counted_a_second_time(tmp_path, monkeypatch):
    from helpers import corpus as cp

    f = tmp_path / "x.csv"
    f.write_text("id,text\n1,أ\n2,ب\n", encoding="utf-8")
    assert _problems(load_corpus(f)).empty
    monkeypatch.setattr(cp, "_count_records", lambda text, delimiter: 3)
    rep = load_report(load_corpus(f))
    assert rep["reason"].str.contains("pandas' C parser\\) counts 3 records, this reader 2").any()


def test_multiline_quoted_fields_and_crlf(tmp_path):
    f = tmp_path / "multi.csv"
    f.write_bytes('id,text\r\n1,"سطر أول\r\nسطر ثان، ""مقتبس"""\r\n2,نص\r\n'.encode("utf-8"))
    df = load_corpus(f)
    assert df["text"].tolist() == ['سطر أول\r\nسطر ثان، "مقتبس"', "نص"]
    assert _problems(df).empty


def test_mixed_encodings_are_decoded_per_line_and_named(tmp_path):
    f = tmp_path / "mixed.csv"
    f.write_bytes("id,text\n1,نص أول\n".encode() + "2,نص ثان بترميز قديم\n".encode("cp1256") + "3,نص ثالث\n".encode())
    df = load_corpus(f)
    assert df["text"].tolist() == ["نص أول", "نص ثان بترميز قديم", "نص ثالث"]
    rep = load_report(df)
    assert rep.loc[rep["action"] == "repaired", ["record", "reason"]].values.tolist() == [
        ["line 3", "line 3 decoded as cp1256 (the rest of the file is utf-8)"]]
    g = tmp_path / "legacy.csv"
    g.write_bytes("id,text\n1,نص أول\n".encode("cp1256") + "2,نص ثان\n".encode() + "3,نص ثالث\n".encode("cp1256"))
    df = load_corpus(g)
    assert df["text"].tolist() == ["نص أول", "نص ثان", "نص ثالث"]
    assert "line 3 decoded as utf-8 (the rest of the file is cp1256)" in load_report(df)["reason"].tolist()


def test_duplicate_ids_are_unique_after_repair(tmp_path):
    f = tmp_path / "ids.csv"
    f.write_text("id,text\n1,أ\n1,ب\n1~2,ج\n1,د\n", encoding="utf-8")
    df = load_corpus(f)
    assert df["doc_id"].is_unique
    assert df["doc_id"].tolist() == ["1", "1~3", "1~2", "1~4"]
    assert load_report(df)["reason"].str.startswith("duplicate doc_id: renamed to").sum() == 2


def test_duplicate_header_names_are_kept_apart(tmp_path):
    f = tmp_path / "h.csv"
    f.write_text("text,tag,tag,\nنص,أ,ب,ج\n", encoding="utf-8")
    df = load_corpus(f)
    assert (df.loc[0, "tag"], df.loc[0, "tag~2"], df.loc[0, "column_4"]) == ("أ", "ب", "ج")


# --- the shipped example ------------------------------------------------------------------------

def test_example_corpus_loads_as_lesson_2_says():
    from helpers.datasets import KIT_DIR

    folder = KIT_DIR / "corpus" / "examples"
    mine = load_corpus(folder / "syria_news.csv")
    assert len(mine) == 12 and mine["outlet"].nunique() == 4
    assert mine.set_index("doc_id").loc["n004", "date"] == pd.Timestamp("2017-11-20", tz="UTC")
    assert mine["date"].notna().all()
    assert _problems(mine)[["doc_id", "reason"]].values.tolist() == [
        ["n008", "empty text"], ["n007", "duplicate text of n006"]]
    columns = ["doc_id", "outlet", "date", "title", "text", "url"]
    assert load_corpus(folder / "syria_news.xlsx")[columns].equals(mine[columns])
