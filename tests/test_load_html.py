"""Folders of saved web pages: chosen by what the folder holds, every file accounted for."""
import pandas as pd

from helpers import load_corpus, load_report


def _page(title: str, paragraphs: int = 6, date: str = "2017-11-19") -> str:
    body = "".join(f"<p>{title}: قالت مصادر محلية إن الاشتباكات تجددت في ريف دير الزور الشرقي، وهذه الفقرة رقم {i} "
                   f"من تقرير طويل بما يكفي ليعد مقالاً.</p>" for i in range(paragraphs))
    return (f"<html lang='ar' dir='rtl'><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta property='article:published_time' content='{date}'></head><body>"
            f"<nav><a href='/'>الرئيسية</a></nav><article><h1>{title}</h1>{body}</article></body></html>")


def test_pages_with_a_readme_are_read_as_pages(tmp_path):
    # defect 7: a README.txt used to make the folder a kit folder, and every page was ignored
    (tmp_path / "a.html").write_text(_page("الخبر الأول"), encoding="utf-8")
    (tmp_path / "b.htm").write_text(_page("الخبر الثاني"), encoding="utf-8")
    (tmp_path / "README.txt").write_text("صفحات حفظتها من المتصفح", encoding="utf-8")
    (tmp_path / "a_files").mkdir()  # what "Save Page As" adds
    (tmp_path / "a_files" / "style.css").write_text("p {}")
    df = load_corpus(tmp_path)
    assert df["doc_id"].tolist() == ["a", "b"]
    assert df["title"].tolist() == ["الخبر الأول", "الخبر الثاني"]
    assert "الفقرة رقم 5" in df.loc[0, "text"] and "الرئيسية" not in df.loc[0, "text"]
    assert df["date"].tolist() == [pd.Timestamp("2017-11-19", tz="UTC")] * 2
    rep = load_report(df)
    assert rep[["source_file", "action", "reason"]].values.tolist() == [
        ["README.txt", "noted", "not read: not a saved web page (.html/.htm)"],
        ["a_files/", "noted", "not read: a folder"],
    ]


def test_a_folder_with_metadata_is_a_kit_folder_even_with_pages(tmp_path):
    (tmp_path / "a.txt").write_text("نص المقال", encoding="utf-8")
    (tmp_path / "page.html").write_text(_page("صفحة"), encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file\na.txt\n", encoding="utf-8")
    df = load_corpus(tmp_path)
    assert df["text"].tolist() == ["نص المقال"]
    assert load_report(df)["source_file"].tolist() == ["page.html"]  # reported as not read


def test_page_without_main_text_and_undecodable_page_are_reported(tmp_path):
    (tmp_path / "good.html").write_text(_page("خبر"), encoding="utf-8")
    (tmp_path / "empty.html").write_text("<html><head><title></title></head><body></body></html>", encoding="utf-8")
    (tmp_path / "binary.html").write_bytes(b"\x00\x01\x02\x03" * 50 + b"\xff\xfe\xfd")
    df = load_corpus(tmp_path)
    assert df["doc_id"].tolist() == ["empty", "good"]
    rep = load_report(df).set_index("source_file")
    assert rep.loc["binary.html", "action"] == "skipped" and "cannot decode" in rep.loc["binary.html", "reason"]
    assert "no main text found" in rep.loc["empty.html", "reason"].tolist()[0]


def test_page_dates_outside_the_range_are_flagged_not_a_crash(tmp_path):
    (tmp_path / "a.html").write_text(_page("خبر", date="2017-11-19"), encoding="utf-8")
    (tmp_path / "b.html").write_text(_page("خبر آخر", date="1439-03-01"), encoding="utf-8")
    df = load_corpus(tmp_path)
    assert len(df) == 2 and df.loc[0, "date"] == pd.Timestamp("2017-11-19", tz="UTC")
    assert pd.isna(df.loc[1, "date"]) or df.loc[1, "date"].year > 1677
