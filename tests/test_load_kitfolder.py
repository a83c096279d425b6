"""Folders of text files: the kit's format (metadata.csv), and ANT's native layout."""
import os

import pandas as pd
import pytest

from helpers import CorpusError, load_corpus, load_report
from helpers import corpus as cp


def _folder(tmp_path, metadata: str, files: dict[str, str]):
    folder = tmp_path / "kit"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "metadata.csv").write_text(metadata, encoding="utf-8")
    return folder


# --- defect 3: nothing outside the folder is read ----------------------------------------------

def test_paths_leading_outside_the_folder_are_refused_and_reported(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("كلمة السر", encoding="utf-8")
    folder = _folder(tmp_path, "", {"a.txt": "نص أول"})
    os.symlink(secret, folder / "link.txt")
    (folder / "sub").mkdir()
    os.symlink(tmp_path, folder / "sub" / "up")
    (folder / "metadata.csv").write_text(
        "file,doc_id\na.txt,a\n../secret.txt,b\n../../../../etc/passwd,c\n"
        f"{secret},d\nlink.txt,e\nsub/up/secret.txt,f\n..\\\\secret.txt,g\n", encoding="utf-8")
    df = load_corpus(folder)
    assert df["doc_id"].tolist() == ["a"]
    assert not df["text"].str.contains("كلمة السر").any()
    rep = load_report(df).set_index("doc_id")
    assert "leads outside the folder" in rep.loc["b", "reason"]
    assert "leads outside the folder" in rep.loc["c", "reason"]
    assert "absolute path" in rep.loc["d", "reason"]
    assert "link to a file outside the folder" in rep.loc["e", "reason"]
    assert "link to a file outside the folder" in rep.loc["f", "reason"]
    assert "leads outside the folder" in rep.loc["g", "reason"]
    assert (rep.loc[list("bcdefg"), "action"] == "skipped").all()
    assert rep.loc["b", "record"] == "line 3"


def test_a_link_inside_the_folder_is_read(tmp_path):
    folder = _folder(tmp_path, "file\nalias.txt\n", {"a.txt": "نص أول"})
    os.symlink(folder / "a.txt", folder / "alias.txt")
    assert load_corpus(folder)["text"].tolist() == ["نص أول"]


# --- what the folder holds ------------------------------------------------------------------------

def test_files_not_listed_in_metadata_are_reported(tmp_path):
    folder = _folder(tmp_path, "file\na.txt\n", {"a.txt": "نص أول", "b.txt": "نص ثان", "notes.docx": "x"})
    (folder / "images").mkdir()
    (folder / ".hidden").write_text("x")
    df = load_corpus(folder)
    assert len(df) == 1
    rep = load_report(df)
    assert rep[["source_file", "action", "reason"]].values.tolist() == [
        ["b.txt", "noted", "not read: not listed in metadata.csv"],
        ["images/", "noted", "not read: a folder"],
        ["notes.docx", "noted", "not read: not listed in metadata.csv"],
    ]


def test_folder_without_metadata_reads_every_txt_and_reports_the_rest(tmp_path):
    (tmp_path / "a.txt").write_text("نص أول", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    df = load_corpus(tmp_path)
    assert df["doc_id"].tolist() == ["a"]
    assert load_report(df)[["source_file", "reason"]].values.tolist() == [["photo.jpg", "not read: not a .txt file"]]


def test_empty_metadata_is_a_clear_error(tmp_path):
    folder = _folder(tmp_path, "", {"a.txt": "نص"})
    with pytest.raises(CorpusError, match="metadata.csv: the file is empty"):
        load_corpus(folder)
    (folder / "metadata.csv").write_text("outlet,date\nX,2018-01-01\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="needs a 'file' column.*outlet, date"):
        load_corpus(folder)


def test_metadata_column_aliases(tmp_path):
    folder = _folder(tmp_path, "filename,source,published,headline\na.txt,وكالة,2018-01-02,عنوان\n",
                     {"a.txt": "نص"})
    row = load_corpus(folder).iloc[0]
    assert (row["outlet"], row["title"], row["date"]) == ("وكالة", "عنوان", pd.Timestamp("2018-01-02", tz="UTC"))


def test_nothing_readable_raises_with_the_reasons(tmp_path):
    folder = _folder(tmp_path, "file\nmissing.txt\n../x.txt\n", {})
    with pytest.raises(CorpusError, match="no article could be read.*missing.txt not found"):
        load_corpus(folder)


# --- defect 5: date_inferred survives a round trip ------------------------------------------------

@pytest.mark.parametrize("written, read", [
    ("False", False), ("false", False), ("0", False), ("no", False), ("", False), ("لا", False),
    ("True", True), ("1", True), ("yes", True), ("نعم", True),
])
def test_date_inferred_words(tmp_path, written, read):
    folder = _folder(tmp_path, f"file,date_inferred\na.txt,{written}\n", {"a.txt": "نص"})
    df = load_corpus(folder)
    assert df.loc[0, "date_inferred"] is read or bool(df.loc[0, "date_inferred"]) is read
    assert load_report(df).empty


def test_unreadable_date_inferred_is_reported(tmp_path):
    folder = _folder(tmp_path, "file,date_inferred\na.txt,maybe\n", {"a.txt": "نص"})
    df = load_corpus(folder)
    assert not df.loc[0, "date_inferred"]
    assert load_report(df)["reason"].tolist() == ["unreadable date_inferred 'maybe': read as False"]


# --- ANT's native layout (defect 12) -----------------------------------------------------------

def _ant(root, outlet, name, body: bytes):
    folder = root / outlet / "internationalNews"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(body)


def _doc(docno, text, time="Mon, 19 Feb 2018 10:12:22 +0400"):
    return (f"<DOC>\n<DOCNO>{docno}</DOCNO>\n<TITLE>عنوان {docno}</TITLE>\n<TIME>{time}</TIME>\n"
            f"<TEXT>\n{text}\n</TEXT>\n</DOC>\n")


def test_one_bad_ant_file_does_not_abort_the_load(tmp_path):
    _ant(tmp_path, "BBC", "a.txt", _doc("A", "نص أول").encode())
    full = _doc("B", "نص ثان مقطوع في الوسط").encode()
    _ant(tmp_path, "BBC", "b.txt", full[: full.index("مقطوع".encode()) + 3])  # cut inside a character
    _ant(tmp_path, "CNN", "c.txt", b"\x00\x01\x02\x03" * 50 + b"\xff\xfe\xfd")  # not text at all
    df = load_corpus(tmp_path)
    assert df["doc_id"].tolist() == ["A", "B"]
    assert df.loc[1, "text"].startswith("نص ثان")
    rep = load_report(df)
    b = rep[rep["source_file"] == "BBC/internationalNews/b.txt"]["reason"].tolist()
    assert any("truncated" in r for r in b) and any("<TEXT> not closed" in r for r in b)
    c = rep[rep["source_file"] == "CNN/internationalNews/c.txt"]
    assert c["action"].tolist() == ["skipped"] and "cannot decode" in c["reason"].iloc[0]


def test_ant_file_with_two_docs_keeps_both(tmp_path):
    _ant(tmp_path, "SkyNews", "two.txt", (_doc("S-1", "نص أول") + _doc("S-2", "نص ثان")).encode())
    df = load_corpus(tmp_path)
    assert df["doc_id"].tolist() == ["S-1", "S-2"]
    assert df["text"].tolist() == ["نص أول", "نص ثان"]
    assert set(df["outlet"]) == {"Sky News Arabia"}
    assert load_report(df).empty


def test_ant_without_a_readable_file_raises(tmp_path):
    _ant(tmp_path, "BBC", "a.txt", b"\x00\x01\x02\x03" * 50 + b"\xff\xfe\xfd")
    with pytest.raises(CorpusError, match="no ANT file could be read"):
        cp.read_antcorpus(tmp_path)
