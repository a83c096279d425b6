"""Property test of the loader's promise: write a random small corpus in each format (quotes,
delimiters, newlines, long fields, mixed encodings), load it, and check that every record is
either loaded unchanged or named in the load report.

The examples are derandomized (the same on every run); ``ITAR_FUZZ_EXAMPLES=2000`` searches longer."""
import csv
import io
import os
import json
import re

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import load_corpus, load_report

ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
# Characters a text may hold. The legacy-encoded records use letters only: a Windows-1256 line
# with signs such as « right after a letter can be valid UTF-8 by chance (a documented limit).
SIGNS = " \"',;|.«»؟،-"
FIELD = st.text(alphabet=ARABIC + "abc 123" + SIGNS + "\t\n\r", max_size=40)
LEGACY_FIELD = st.text(alphabet=ARABIC + "abc 123\"',;.", max_size=40)
LONG = "نص طويل جدا، " * 11_000  # 143,000 characters: over the csv module's default limit

FORMATS = ["csv", "csv;", "tsv", "jsonl", "json", "parquet", "xlsx", "kit"]
LINE_FORMATS = ("csv", "csv;", "tsv", "jsonl")


@st.composite
def corpora(draw):
    fmt = draw(st.sampled_from(FORMATS))
    n = draw(st.integers(min_value=1, max_value=6))
    records = []
    for i in range(n):
        legacy = fmt in LINE_FORMATS + ("kit",) and i > 0 and draw(st.booleans())
        field = LEGACY_FIELD if legacy else FIELD
        text = draw(field)
        if draw(st.integers(0, 9)) == 0:
            text = LONG + text
        if fmt == "xlsx":  # a spreadsheet cell holds no carriage return and no formula
            text = text.replace("\r", "")
        records.append({"doc_id": f"d{i + 1}", "outlet": draw(field).replace("\r", ""),
                        "title": draw(field).replace("\r", ""), "text": text, "legacy": legacy})
    records[0]["text"] = "سطر بالعربية " + records[0]["text"]  # one UTF-8 record with Arabic
    return fmt, records


def _write(folder, fmt, records):
    """Write the corpus; returns the path and each record's (first line, last line) when the
    format is line-based."""
    columns = ["doc_id", "outlet", "title", "text"]
    if fmt in ("csv", "csv;", "tsv"):
        delimiter = {"csv": ",", "csv;": ";", "tsv": "\t"}[fmt]
        path = folder / ("corpus.tsv" if fmt == "tsv" else "corpus.csv")
        chunks, spans, line = [], [], 2
        head = io.StringIO()
        csv.writer(head, delimiter=delimiter).writerow(columns)
        chunks.append(head.getvalue().encode())
        for rec in records:
            buf = io.StringIO()
            # the default line end "\r\n" makes the writer quote a field holding "\r" or "\n"
            csv.writer(buf, delimiter=delimiter).writerow([rec[c] for c in columns])
            row = buf.getvalue()
            n_lines = len(re.findall(r"\r\n|\r|\n", row))
            spans.append((line, line + n_lines - 1))
            line += n_lines
            chunks.append(row.encode("cp1256" if rec["legacy"] else "utf-8"))
        path.write_bytes(b"".join(chunks))
        return path, spans
    if fmt in ("jsonl", "json"):
        path = folder / f"corpus.{fmt}"
        lines = [json.dumps({c: rec[c] for c in columns}, ensure_ascii=False) for rec in records]
        if fmt == "json":
            path.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")
            return path, [(k + 2, k + 2) for k in range(len(records))]
        path.write_bytes(b"\n".join(ln.encode("cp1256" if rec["legacy"] else "utf-8")
                                    for ln, rec in zip(lines, records)) + b"\n")
        return path, [(k + 1, k + 1) for k in range(len(records))]
    if fmt == "parquet":
        path = folder / "corpus.parquet"
        pd.DataFrame([{c: r[c] for c in columns} for r in records]).to_parquet(path)
        return path, None
    if fmt == "xlsx":
        import openpyxl

        path = folder / "corpus.xlsx"
        book = openpyxl.Workbook()
        book.active.append(columns)
        for rec in records:
            book.active.append([rec[c] for c in columns])
        book.save(path)
        return path, None
    path = folder / "kit"
    path.mkdir()
    meta = io.StringIO()
    writer = csv.writer(meta)
    writer.writerow(["file", "doc_id", "outlet", "title"])
    for rec in records:
        name = f"{rec['doc_id']}.txt"
        (path / name).write_bytes(rec["text"].encode("cp1256" if rec["legacy"] else "utf-8"))
        writer.writerow([name, rec["doc_id"], rec["outlet"], rec["title"]])
    (path / "metadata.csv").write_text(meta.getvalue(), encoding="utf-8")
    return path, None


def _expected(fmt, rec, column):
    value = rec[column]
    if fmt == "kit" and column == "text":  # a text file's body: line ends unified, ends stripped
        value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    return value


def _named(rep, k, rec, spans, fmt):
    """Is record k (from 1) named by a report row that is not a note?"""
    rows = rep[rep["action"] != "noted"]
    if (rows["doc_id"] == rec["doc_id"]).any():
        return True
    row = f"sheet row {k + 1}" if fmt == "xlsx" else f"row {k}"  # a sheet's row 1 is its header
    if rows["record"].str.contains(rf"^{row}\b").any():
        return True
    if fmt == "kit" and (rows["source_file"] == f"{rec['doc_id']}.txt").any():
        return True
    if spans:
        first, last = spans[k - 1]
        for where in rows["record"]:
            m = re.match(r"lines? (\d+)(?:-(\d+))?", where)
            if m and int(m.group(1)) <= last and int(m.group(2) or m.group(1)) >= first:
                return True
    return False


@settings(max_examples=int(os.environ.get("ITAR_FUZZ_EXAMPLES", 150)), deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(corpus=corpora())
def test_every_record_is_loaded_unchanged_or_reported(tmp_path_factory, corpus):
    fmt, records = corpus
    folder = tmp_path_factory.mktemp(fmt.replace(";", "_semicolon"))
    path, spans = _write(folder, fmt, records)
    df = load_corpus(path)
    rep = load_report(df)
    by_id = df.set_index("doc_id")
    assert len(df) <= len(records)
    for k, rec in enumerate(records, start=1):
        loaded = rec["doc_id"] in by_id.index
        unchanged = loaded and all(by_id.loc[rec["doc_id"], c] == _expected(fmt, rec, c)
                                   for c in ("outlet", "title", "text"))
        got = None if not loaded else by_id.loc[rec["doc_id"], ["outlet", "title", "text"]].tolist()
        assert unchanged or _named(rep, k, rec, spans, fmt), repr((fmt, k, rec, got, rep.values.tolist()))[:3000]
