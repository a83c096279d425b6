"""Write syria_news.xlsx from syria_news.csv (same header, same cells, fixed document dates).

    .venv/bin/python corpus/examples/make_xlsx.py
"""
import csv
import datetime as dt
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent


def main() -> None:
    with (HERE / "syria_news.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "articles"
    for row in rows:
        sheet.append(row)
    book.properties.created = book.properties.modified = dt.datetime(2026, 11, 30)
    book.properties.creator = "Itar"
    book.save(HERE / "syria_news.xlsx")


if __name__ == "__main__":
    main()
