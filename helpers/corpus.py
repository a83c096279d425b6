"""Loading article corpora into one frame: readers, the corpus schema, the load report.

This module owns every input format and the shape of the result. It decodes and
splits text; it never normalizes text for analysis (that is :mod:`helpers.arabic`).

The corpus schema (one row per article, in this column order):

=================  ==================================================================
column             meaning
=================  ==================================================================
``doc_id``         unique id (string): the source's own id where it has one
``dataset``        where the row came from: ``seed``, ``saudinewsnet``, ``antcorpus``,
                   or the file/folder name for your own files
``outlet``         the newspaper, site or channel
``date``           publication time as a timezone-aware UTC timestamp (``NaT`` if unknown)
``date_inferred``  True when ``date`` is not the outlet's own publication time (the
                   seed's inferred day; SaudiNewsNet's crawl time)
``title``          headline
``text``           article body only (no headline, no page furniture)
``url``            the article's address
``author``         byline, as given
``category``       the outlet's section
``language``       ``ar``
``furniture``      page furniture split off the end of the text (menus, "leave a comment")
``source_file``    the file the record came from (relative to the dataset root)
``is_empty``       True when ``text`` is empty after stripping spaces
``duplicate_of``   ``doc_id`` of the first article with the same text, else missing
=================  ==================================================================

Sources may add columns (SaudiNewsNet keeps ``date_extracted``; ANT keeps ``abstract``).

Every loader attaches a *load report* (returned as a table by :func:`load_report`; stored in
``corpus.attrs["load_report"]`` as :class:`ReportRows`, a tuple, so that frames still
concatenate): one row per record skipped, flagged or repaired, with the file, the record,
the action and the reason, plus ``noted`` rows about the file as a whole (columns mapped,
the delimiter found, how ambiguous dates were read). Nothing is dropped silently.

**Your own tables** (``.csv``, ``.tsv``, ``.xlsx``, ``.json``, ``.jsonl``, ``.parquet``):

* Column names are matched to the schema by :data:`COLUMN_ALIASES` (case, spaces and
  underscores ignored): ``source``/``publisher``/``site``/``newspaper``/``المصدر`` are the
  ``outlet``; ``published``/``pubdate``/``datetime``/``التاريخ`` the ``date``;
  ``headline``/``heading``/``العنوان`` the ``title``; ``body``/``content``/``النص`` the
  ``text``; ``link``/``href``/``الرابط`` the ``url``; ``id`` the ``doc_id``.
  ``load_corpus(path, columns={"body": "text"})`` maps columns explicitly and wins over the
  aliases. The report names every column mapped by alias and every column left unused
  (unused columns are kept, after the schema columns).
* CSV: the delimiter is found from the header line (``,`` ``;`` tab ``|``; a ``.tsv`` is
  tab-separated). Records are read with the :mod:`csv` module (no field-size limit) and
  counted a second time with pandas' C parser; any difference is a report row. A row with
  the wrong number of fields, an unclosed quote or broken quoting is a report row naming
  the line; a field that starts with a quoted phrase (``"قال المتحدث" إن ...``) is read as
  written and reported.
* Dates: see :func:`parse_dates` (ISO as is; day/month order must be settled; Arabic
  month names and Arabic-Indic digits; unreadable or out-of-range dates are report rows).
* Text cells that are not strings (numbers, bytes, lists) are converted and reported.
* Files mixing UTF-8 and Windows-1256 lines are decoded line by line; each line in the
  minority encoding is a report row.

**Raises** :class:`CorpusError` (naming the file and the problem) when a file cannot be
read at all: no such file, an empty file, no text column, truncated JSON, an ambiguous
day/month date column, a zip member larger than :data:`MAX_INFLATED_BYTES` when inflated.

Example:
    >>> seed = load_corpus("seed")
    >>> seed.loc[0, "text"][:24]
    'اليوم الأحد تمّ تحرير مد'
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import zipfile
from contextlib import contextmanager
from email.utils import parsedate_to_datetime
from pathlib import Path

import numpy as np
import pandas as pd

from . import datasets

__all__ = [
    "CorpusError",
    "SCHEMA",
    "COLUMN_ALIASES",
    "MAX_INFLATED_BYTES",
    "ReportRows",
    "load_corpus",
    "load_report",
    "deduplicate",
    "parse_dates",
    "match_columns",
    "read_saudinewsnet",
    "read_antcorpus",
    "read_kit_folder",
    "read_table",
    "read_html_folder",
    "decode_bytes",
    "decode_text",
    "split_furniture",
    "FURNITURE_LINES",
]

SCHEMA = [
    "doc_id", "dataset", "outlet", "date", "date_inferred", "title", "text", "url", "author",
    "category", "language", "furniture", "source_file", "is_empty", "duplicate_of",
]
#: Schema columns computed by the loader: read from a file, they are recomputed, not used.
COMPUTED = ("is_empty", "duplicate_of")
REPORT_COLUMNS = ["source_file", "record", "doc_id", "action", "reason"]
SEED_DIR = datasets.kit_path("seed")

#: Column names read as schema columns (besides the schema names themselves). Case,
#: spaces, hyphens and underscores are ignored (``Published At`` = ``published_at``).
#: When a file has several names for one column, the schema name wins, then the first
#: alias in this order; the others are reported as unused (for ``text``: they fill the
#: rows where the chosen column is empty, as JSON Lines records may name it differently).
COLUMN_ALIASES = {
    "doc_id": ("id", "article_id", "docid", "doc", "document_id", "identifier", "المعرف", "الرقم", "رقم"),
    "outlet": ("source", "publisher", "site", "newspaper", "source_name", "sitename", "site_name",
               "website", "media", "channel", "المصدر", "الصحيفة", "الجريدة", "الموقع", "الوسيلة"),
    "date": ("published", "pubdate", "pub_date", "published_at", "publish_date", "publication_date",
             "date_published", "datetime", "timestamp", "time", "created_at", "التاريخ", "تاريخ_النشر"),
    "title": ("headline", "heading", "head", "العنوان", "عنوان"),
    "text": ("content", "body", "article", "article_text", "full_text", "النص", "المتن", "المحتوى", "نص"),
    "url": ("link", "href", "address", "permalink", "الرابط", "رابط"),
    "author": ("byline", "writer", "authors", "الكاتب", "المؤلف"),
    "category": ("section", "categories", "topic", "القسم", "التصنيف"),
}
#: Names of the text column, in order of preference (shared with :mod:`helpers.scale`).
TEXT_COLUMNS = ("text", *COLUMN_ALIASES["text"])

#: Largest size a zip member may inflate to (256 MiB; SaudiNewsNet's largest is about 10 MB).
#: A larger member raises :class:`CorpusError` before it is read into memory.
MAX_INFLATED_BYTES = 256 * 2**20

#: Lines of web-page furniture seen at the end of Arabic news pages (WordPress themes and
#: similar). Matched after removing diacritics and spaces at the ends; a teacher can pass
#: more with ``furniture=`` to :func:`split_furniture`.
FURNITURE_LINES = (
    "مقالات ذات صلة",
    "اترك تعليقاً",
    "اترك تعليقا",
    "اترك رداً",
    "اترك ردا",
    "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
    "لن يتم نشر عنوان بريدك الإلكتروني",
    "زر الذهاب إلى الأعلى",
    "شارك هذا المقال",
    "اقرأ أيضاً",
    "اقرأ أيضا",
    "الأكثر قراءة",
)

ANT_OUTLETS = {
    "Alarabia": "Al Arabiya", "BBC": "BBC Arabic", "CNN": "CNN Arabic",
    "France24": "France 24", "SkyNews": "Sky News Arabia",
}


class CorpusError(ValueError):
    """An input file cannot be read; the message names the file, the record and the problem.

    >>> isinstance(CorpusError("x.csv: empty"), ValueError)
    True
    """


class ReportRows(tuple):
    """The load report as kept in ``corpus.attrs``: a tuple of row tuples (so that frames
    with equal reports concatenate) that pandas does not deep-copy on every operation.

    >>> rows = ReportRows([("a.csv", "row 1", "1", "flagged", "empty text")])
    >>> import copy; copy.deepcopy(rows) is rows
    True
    """

    def __deepcopy__(self, memo):
        return self


class _Report:
    """Collects load-report rows, one at a time or many at once (vectorized), as columns."""

    def __init__(self) -> None:
        self.columns: dict[str, list[str]] = {c: [] for c in REPORT_COLUMNS}

    def add(self, source_file, record, doc_id, action, reason) -> None:
        self.add_many([source_file], [record], [doc_id], action, [reason])

    def add_many(self, source_files, records, doc_ids, action, reasons) -> None:
        """Add one row per element of ``records``; a plain string is repeated."""
        n = len(records)
        if n == 0:
            return
        for col, values in zip(REPORT_COLUMNS, (source_files, records, doc_ids, action, reasons)):
            self.columns[col].extend(_strings(values, n))

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.columns, columns=REPORT_COLUMNS, dtype=object)

    def rows(self) -> "ReportRows":
        return ReportRows(zip(*(self.columns[c] for c in REPORT_COLUMNS)))


def _strings(values, n: int) -> list[str]:
    if isinstance(values, str):
        return [values] * n
    if isinstance(values, pd.Series) and not values.hasnans:
        return list(map(str, values.tolist()))
    values = values.tolist() if hasattr(values, "tolist") else list(values)
    return ["" if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v) else str(v)
            for v in values]


# --- decoding -----------------------------------------------------------------------------


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode a file's bytes: UTF-8 (with or without BOM), UTF-16 (with BOM or detected),
    else the encoding found by charset-normalizer among Arabic legacy code pages.

    Returns ``(text, encoding)``. Raises :class:`CorpusError` naming ``name`` when no
    encoding fits. (:func:`decode_text` also handles files that mix encodings.)

    >>> decode_bytes("سوريا".encode("cp1256"))
    ('سوريا', 'cp1256')
    >>> decode_bytes("\\ufeffسوريا".encode("utf-8"))
    ('سوريا', 'utf-8-sig')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise CorpusError(f"{name}: has a UTF-8 byte-order mark but is not valid UTF-8 ({exc})") from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise CorpusError(f"{name}: has a UTF-16 byte-order mark but is not valid UTF-16 ({exc})") from exc
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    try:
        text = data.decode("utf-8")
        if _looks_like_text(text):
            return text, "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1256", "iso8859_6", "cp720", "mac_arabic"]).best()
    if best is not None:
        text = str(best)
        if _looks_like_text(text):
            return text, best.encoding
    raise CorpusError(
        f"{name}: cannot decode the bytes as UTF-8, UTF-16 or an Arabic code page "
        f"(Windows-1256, ISO-8859-6); save the file as UTF-8"
    )


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: most high bytes of Arabic and ASCII text are 0x00 or 0x06."""
    if len(data) < 4 or len(data) % 2:
        return None
    high_le = sum(b in (0, 6) for b in data[1:4000:2]) / len(data[1:4000:2])
    high_be = sum(b in (0, 6) for b in data[0:4000:2]) / len(data[0:4000:2])
    for enc, share in (("utf-16-le", high_le), ("utf-16-be", high_be)):
        if share > 0.9:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text, enc
    return None


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    return len(_CONTROL_RE.findall(text)) / len(text) < 0.01


_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if not (b < 9 or b in (11, 12) or 14 <= b < 32))


def _few_control_bytes(data: bytes) -> bool:
    """:func:`_looks_like_text` for UTF-8 bytes, counted on the bytes (much faster)."""
    return not data or len(data.translate(None, _NOT_CONTROL_BYTES)) / len(data) < 0.01


def decode_text(data: bytes, name: str = "<bytes>") -> tuple[str, str, list[str]]:
    """Decode a text file line by line where it must: returns ``(text, encoding, notes)``.

    As :func:`decode_bytes`, and also: a file that ends inside a UTF-8 character (a
    truncated download) loses those last bytes; a file that mixes UTF-8 lines with
    Windows-1256 lines is decoded line by line (a line that is not valid UTF-8 is read as
    Windows-1256). A Windows-1256 line that happens to be valid UTF-8 cannot be told apart
    (every letter of the line would have to be followed by a sign such as « » ، ؛ ؟: rare). ``notes`` says what was repaired, naming
    each line in the minority encoding (lines count from 1).

    >>> mixed = "سطر أول\\n".encode() + "سطر ثان\\n".encode("cp1256") + "سطر ثالث".encode()
    >>> text, encoding, notes = decode_text(mixed)
    >>> text.splitlines()[1], encoding, notes
    ('سطر ثان', 'utf-8', ['line 2 decoded as cp1256 (the rest of the file is utf-8)'])
    """
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data):
        return (*decode_bytes(data, name), [])
    try:
        text = data.decode("utf-8")
        if _few_control_bytes(data):
            return text, "utf-8", []
        return (*decode_bytes(data, name), [])
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            lost = len(data) - exc.start
            return (data[:exc.start].decode("utf-8"), "utf-8",
                    [f"the file ends inside a character (truncated?): its last {lost} byte(s) dropped"])
    lines = data.split(b"\n")
    utf8_lines: list[int] = []
    other_lines: list[int] = []
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines.append(i)
        except UnicodeDecodeError:
            other_lines.append(i)
    if not utf8_lines:  # one legacy encoding throughout
        return (*decode_bytes(data, name), [])
    encoding = "cp1256"  # the lines that are not UTF-8: too few bytes to detect reliably
    decoded = []
    bad = set(other_lines)
    for i, line in enumerate(lines):
        try:
            decoded.append(line.decode(encoding if i in bad else "utf-8"))
        except UnicodeDecodeError as exc:
            raise CorpusError(f"{name}: line {i + 1} is neither UTF-8 nor {encoding} ({exc}); save the file as UTF-8") from exc
    if len(other_lines) <= len(utf8_lines):
        main, minority, odd = "utf-8", encoding, other_lines
    else:
        main, minority, odd = encoding, "utf-8", utf8_lines
    notes = [f"line {i + 1} decoded as {minority} (the rest of the file is {main})" for i in odd]
    return "\n".join(decoded), main, notes


def _read_text_file(path: Path, report: _Report, rel: str) -> str:
    text, encoding, notes = decode_text(path.read_bytes(), str(path))
    if encoding not in ("utf-8",):
        report.add(rel, "file", "", "repaired", f"decoded as {encoding}")
    for note in notes:
        line = re.match(r"line \d+", note)
        report.add(rel, line.group(0) if line else "file", "", "repaired", note)
    return text


# --- dates ---------------------------------------------------------------------------------

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ـ": None, "،": ",", "\u200f": None, "\u200e": None})
#: Arabic month names (hamza-less spelling): Egyptian/Gulf, Levantine/Iraqi, Maghrebi.
ARABIC_MONTHS = {
    "يناير": 1, "كانون الثاني": 1, "جانفي": 1, "فبراير": 2, "شباط": 2, "فيفري": 2,
    "مارس": 3, "اذار": 3, "ابريل": 4, "نيسان": 4, "افريل": 4, "مايو": 5, "ايار": 5, "ماي": 5,
    "يونيو": 6, "يونيه": 6, "حزيران": 6, "جوان": 6, "يوليو": 7, "يوليه": 7, "تموز": 7, "جويلية": 7,
    "اغسطس": 8, "اب": 8, "اوت": 8, "سبتمبر": 9, "ايلول": 9, "اكتوبر": 10, "تشرين الاول": 10,
    "نوفمبر": 11, "تشرين الثاني": 11, "ديسمبر": 12, "كانون الاول": 12,
}
_MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_AR = "\u0621-\u064a"
_MONTH_RE = re.compile(
    rf"(?<![{_AR}])(?:" + "|".join(k.replace(" ", r"\s+") for k in sorted(ARABIC_MONTHS, key=len, reverse=True))
    + rf")(?![{_AR}])")
_DAY_RE = re.compile(rf"(?<![{_AR}])(?:يوم\s+)?(?:الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعة|السبت)(?![{_AR}]),?")
_TWIN_MONTH_RE = re.compile(r"\b([A-Z][a-z]{2})\s*[/(-]\s*\1\)?")
_HIJRI_RE = re.compile(rf"\d\s*هـ?(?![{_AR}])")
_AMPM_RE = re.compile(rf"(\d{{1,2}}:\d{{2}}(?::\d{{2}})?)\s*([صم])(?![{_AR}])")
_YEAR_MARK_RE = re.compile(rf"(\d{{4}})\s*م(?![{_AR}])")
_ISO_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?=$|[T\s])(.*)$")
_NUMERIC_RE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?=$|[T\s,])(.*)$")
_NS_MIN, _NS_MAX = pd.Timestamp.min.tz_localize("UTC"), pd.Timestamp.max.tz_localize("UTC")


def _clean_date(raw: str) -> tuple[str, str | None]:
    """Arabic digits, month and day names made readable; returns (string, problem)."""
    s = raw.strip().translate(_DIGITS).translate(_ALEF)
    if not re.search(f"[{_AR}]", s):
        return s, None
    if _HIJRI_RE.search(s):
        return s, "a Hijri date; convert it to a Gregorian date"
    s = _AMPM_RE.sub(lambda m: f"{m.group(1)} {'AM' if m.group(2) == 'ص' else 'PM'}", s)
    s = _YEAR_MARK_RE.sub(r"\1", s)
    s = _DAY_RE.sub(" ", s)
    s = re.sub(r"(?<![" + _AR + r"])(?:الساعة|في)(?![" + _AR + r"])", " ", s)
    s = _MONTH_RE.sub(lambda m: " " + _MONTH_ABBR[ARABIC_MONTHS[" ".join(m.group(0).split())] - 1] + " ", s)
    s = _TWIN_MONTH_RE.sub(r"\1", s)
    return " ".join(s.replace(" ,", ",").split()).strip(" ,"), None


def _epoch_unit(numbers: pd.Series) -> str:
    magnitude = numbers.abs().median()
    return "s" if magnitude < 1e11 else "ms" if magnitude < 1e14 else "us" if magnitude < 1e17 else "ns"


def parse_dates(values, *, dayfirst: bool | None = None, where: str = "date"):
    """Read a column of dates as UTC timestamps: returns ``(dates, problems, notes)``.

    ``dates`` is a ``datetime64[ns, UTC]`` Series (``NaT`` where unknown); ``problems`` a
    Series of reasons for the values that could not be read, indexed like ``values``;
    ``notes`` a list of remarks about the column (e.g. how slash dates were read).

    * ISO dates (``2017-11-19``, ``2017-11-19T10:00:00+03:00``) are read as they are; dates
      without a time zone are taken as UTC.
    * ``19/11/2017``-style dates: the column must settle the day/month order. A date with a
      first number above 12 shows the order; when no date shows it (``03/04/2018`` only),
      or the column shows both orders, :class:`CorpusError` asks for ``dayfirst=True``
      (day/month/year) or ``dayfirst=False``. With ``dayfirst`` given, dates that do not
      fit it are problems.
    * Arabic month names (``نوفمبر``, ``تشرين الثاني``, ``جانفي``), day names, the ``م``
      after a year, ``ص``/``م`` after a time and Arabic-Indic digits are understood.
    * Numbers are seconds (or ms, µs, ns, by their size) since 1970-01-01 UTC.
    * Dates outside the years pandas can hold (1677-09-21 to 2262-04-11), Hijri dates
      (``هـ``) and unreadable strings are problems, never a crash.

    >>> dates, problems, notes = parse_dates(["2017-11-19", "الأحد ١٩ تشرين الثاني ٢٠١٧", "9999-12-31"])
    >>> dates.dt.strftime("%Y-%m-%d").tolist()[:2], problems.index.tolist()
    (['2017-11-19', '2017-11-19'], [2])
    """
    values = pd.Series(values) if not isinstance(values, pd.Series) else values
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns, UTC]")
    problems: dict = {}
    notes: list[str] = []
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        parsed = values if isinstance(values.dtype, pd.DatetimeTZDtype) else values.dt.tz_localize("UTC")
        _in_range(parsed.dt.tz_convert("UTC"), values, out, problems)
    elif pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        _dates_from_numbers(values.dropna(), out, problems, notes, where)
    else:
        _dates_from_cells(values[values.notna()], out, problems, notes, dayfirst, where)
    return out, _problems(problems, values), notes


_UNIT_NAMES = {"s": "seconds", "ms": "milliseconds", "us": "microseconds", "ns": "nanoseconds"}


def _dates_from_numbers(numbers: pd.Series, out: pd.Series, problems: dict, notes: list, where: str) -> None:
    """Epoch numbers, in the unit their size suggests."""
    if not len(numbers):
        return
    unit = _epoch_unit(numbers)
    notes.append(f"numbers in {where} read as {_UNIT_NAMES[unit]} since 1970-01-01 UTC")
    parsed = pd.to_datetime(numbers, unit=unit, utc=True, errors="coerce")
    for i in parsed.index[parsed.isna()]:
        problems[i] = f"date {numbers[i]!r} outside the years pandas can hold (1677-2262)"
    _in_range(parsed.dropna(), numbers, out, problems)


def _dates_from_cells(present: pd.Series, out: pd.Series, problems: dict, notes: list, dayfirst, where) -> None:
    """Cells of an object or string column: strings (each distinct one parsed once), and the
    datetimes and numbers a spreadsheet or JSON file may put among them."""
    if pd.api.types.is_string_dtype(present.dtype) and present.dtype != object:
        is_str = pd.Series(True, index=present.index)
    else:
        is_str = pd.Series([isinstance(v, str) for v in present.tolist()], index=present.index, dtype=bool)
    for i, v in present[~is_str].items():
        ts = None
        if isinstance(v, (pd.Timestamp, np.datetime64)) or hasattr(v, "year"):
            ts = pd.Timestamp(v)
            ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            ts = pd.to_datetime(v, unit=_epoch_unit(pd.Series([v])), utc=True, errors="coerce")
        else:
            problems[i] = f"unparseable date {v!r}"
            continue
        if pd.isna(ts) or not _NS_MIN <= ts <= _NS_MAX:
            problems[i] = f"date {str(v)!r} outside the years pandas can hold (1677-2262)"
        else:
            out[i] = ts
    strings = present[is_str]
    strings = strings[strings.str.strip().ne("")]
    if strings.empty:
        return
    parsed_by_raw = _parse_date_strings(pd.unique(strings.to_numpy(dtype=object)), dayfirst, where, notes)
    good = {raw: ts for raw, ts in parsed_by_raw.items() if isinstance(ts, pd.Timestamp)}
    hit = strings.isin(good)
    if good:
        lookup = pd.Series(pd.to_datetime(list(good.values()), utc=True).astype("datetime64[ns, UTC]"),
                           index=pd.Index(list(good), dtype=object))
        mapped = strings[hit].map(lookup)
        out.loc[mapped.index] = mapped
    for i, raw in strings[~hit].items():
        problems[i] = parsed_by_raw[raw]


def _problems(problems: dict, values: pd.Series) -> pd.Series:
    return pd.Series(problems, dtype=object).reindex([i for i in values.index if i in problems])


def _in_range(parsed: pd.Series, values: pd.Series, out: pd.Series, problems: dict) -> pd.Series:
    good = parsed.notna() & (parsed >= _NS_MIN) & (parsed <= _NS_MAX)
    for i in parsed.index[parsed.notna() & ~good]:
        problems[i] = f"date {str(values[i])!r} outside the years pandas can hold (1677-2262)"
    out[good[good].index] = parsed[good].astype("datetime64[ns, UTC]")
    return out


def _parse_date_strings(raws, dayfirst, where, notes) -> dict:
    """Parse unique raw strings: {raw: Timestamp or reason}."""
    result: dict = {}
    iso: dict = {}      # raw -> ISO-ordered string
    numeric: dict = {}  # raw -> (first, second, year, rest)
    text: dict = {}     # raw -> cleaned string for dateutil
    for raw in raws:
        cleaned, problem = _clean_date(raw)
        if problem:
            result[raw] = f"date {raw!r} is {problem} (left empty)"
            continue
        m = _ISO_RE.match(cleaned)
        if m:
            iso[raw] = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}{m.group(4)}"
            continue
        m = _NUMERIC_RE.match(cleaned)
        if m:
            numeric[raw] = (int(m.group(1)), int(m.group(2)), m.group(3), m.group(4))
            continue
        text[raw] = cleaned
    if numeric:
        order = _day_month_order(numeric, dayfirst, where, notes)
        for raw, (a, b, year, rest) in numeric.items():
            day, month = (a, b) if order else (b, a)
            if month > 12 or day > 31 or month == 0 or day == 0:
                how = "day-first" if order else "month-first"
                result[raw] = f"unparseable date {raw!r}: no month {month} when read {how}"
                continue
            y = int(year) if len(year) == 4 else 2000 + int(year) if int(year) < 69 else 1900 + int(year)
            iso[raw] = f"{y:04d}-{month:02d}-{day:02d}{rest}"
    for table, fmt in ((iso, "ISO8601"), (text, "mixed")):
        if not table:
            continue
        keys = list(table)
        parsed = pd.to_datetime(pd.Series([table[k] for k in keys], dtype=object), utc=True,
                                errors="coerce", format=fmt)
        for raw, ts in zip(keys, parsed):
            if pd.isna(ts) and fmt == "ISO8601":
                ts = pd.to_datetime(pd.Series([table[raw]], dtype=object), utc=True, errors="coerce",
                                    format="mixed").iloc[0]
            if pd.isna(ts):
                result[raw] = _why_unparseable(raw, table[raw])
            elif not _NS_MIN <= ts <= _NS_MAX:
                result[raw] = f"date {raw!r} outside the years pandas can hold (1677-2262): a Hijri year typed as Gregorian?"
            else:
                result[raw] = ts
    return result


def _why_unparseable(raw: str, cleaned: str) -> str:
    from dateutil import parser

    try:
        value = parser.parse(cleaned)
    except (ValueError, OverflowError, TypeError):
        return f"unparseable date {raw!r}"
    if value.year < 1678 or value.year > 2261:
        return f"date {raw!r} outside the years pandas can hold (1677-2262): a Hijri year typed as Gregorian?"
    return f"unparseable date {raw!r}"


def _day_month_order(numeric: dict, dayfirst, where: str, notes: list[str]) -> bool:
    """True for day-first. Raises CorpusError when the column does not settle the order."""
    if dayfirst is not None:
        return bool(dayfirst)
    day_first = [raw for raw, (a, b, _, _) in numeric.items() if a > 12 >= b]
    month_first = [raw for raw, (a, b, _, _) in numeric.items() if b > 12 >= a]
    ambiguous = [raw for raw, (a, b, _, _) in numeric.items() if a <= 12 and b <= 12 and a != b]
    if day_first and month_first:
        raise CorpusError(
            f"{where}: the column mixes day-first dates (e.g. {day_first[0]!r}) and month-first dates "
            f"(e.g. {month_first[0]!r}); pass dayfirst=True or dayfirst=False to load_corpus, and the "
            f"dates that do not fit will be listed in the load report")
    if ambiguous and not (day_first or month_first):
        a, b, year, _ = numeric[ambiguous[0]]
        raise CorpusError(
            f"{where}: a date such as {ambiguous[0]!r} reads as {a} {_MONTH_ABBR[b - 1]} {year} (day first) "
            f"or {_MONTH_ABBR[a - 1]} {b}, {year} (month first), and no date in the column settles which: "
            f"pass dayfirst=True (day/month/year) or dayfirst=False (month/day/year) to load_corpus")
    if ambiguous:
        evidence = (day_first or month_first)[0]
        how = "day-first" if day_first else "month-first"
        notes.append(f"{where}: dates such as {ambiguous[0]!r} read {how}, as {evidence!r} in the same column shows")
    return bool(day_first) or not month_first


def _report_dates(df: pd.DataFrame, report: _Report, where: str, dayfirst, file_col: str = "_file") -> None:
    """Parse ``df["date"]`` in place and report what could not be read."""
    if "date" not in df.columns:
        return
    dates, problems, notes = parse_dates(df["date"], dayfirst=dayfirst, where=where)
    for note in notes:
        report.add(df[file_col].iloc[0] if len(df) else where, "column date", "", "noted", note)
    if len(problems):
        idx = problems.index
        report.add_many(df.loc[idx, file_col], df.loc[idx, "_record"], df.loc[idx, "doc_id"], "flagged",
                        problems.tolist())
    df["date"] = dates


# --- furniture --------------------------------------------------------------------------


_MARKS_RE = re.compile("[\u064b-\u065f\u0670\u0640]")


def _furniture_key(line: str) -> str:
    return " ".join(_MARKS_RE.sub("", line).split()).rstrip(" .*:")


def split_furniture(text: str, furniture: tuple[str, ...] = FURNITURE_LINES) -> tuple[str, str]:
    """Split trailing page-furniture lines off an article: returns ``(body, furniture)``.

    Lines are removed from the end while they match a known furniture line (ignoring
    diacritics, spaces and a trailing ``*``) or are empty.

    >>> split_furniture("نص المقال\\nمقالات ذات صلة\\nزر الذهاب إلى الأعلى")
    ('نص المقال', 'مقالات ذات صلة\\nزر الذهاب إلى الأعلى')
    """
    keys = {_furniture_key(f) for f in furniture}
    lines = text.rstrip().split("\n")
    tail: list[str] = []
    while lines and (not lines[-1].strip() or _furniture_key(lines[-1]) in keys):
        line = lines.pop()
        if line.strip():
            tail.append(line.strip())
    return "\n".join(lines).strip(), "\n".join(reversed(tail))


# --- finishing a frame ----------------------------------------------------------------

_TRUE = {"true", "1", "1.0", "yes", "y", "t", "نعم"}
_FALSE = {"false", "0", "0.0", "no", "n", "f", "", "لا", "nan", "none", "<na>"}


def _as_bool(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(booleans, mask of values that are neither true nor false)."""
    if pd.api.types.is_bool_dtype(values.dtype):
        return values.fillna(False).astype(bool), pd.Series(False, index=values.index)
    words = values.astype(object).where(values.notna(), "").astype(str).str.strip().str.lower()
    truth = words.isin(_TRUE)
    return truth, ~truth & ~words.isin(_FALSE)


def _unique_ids(ids: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Repeated ids renamed ``<id>~<k>`` with k chosen so that every id is unique."""
    dup = ids.duplicated(keep="first")
    if not dup.any():
        return ids, dup
    taken = set(ids)
    new = ids.tolist()
    last: dict[str, int] = {}
    for i in np.flatnonzero(dup.to_numpy()):
        base = new[i]
        k = last.get(base, 1)
        while True:
            k += 1
            candidate = f"{base}~{k}"
            if candidate not in taken:
                break
        last[base] = k
        taken.add(candidate)
        new[i] = candidate
    return pd.Series(new, index=ids.index, dtype=object), dup


#: Rows stripped at a time when looking for empty and repeated texts (bounds the extra memory).
_STRIP_CHUNK = 4096


def _text_digests(text: pd.Series) -> tuple[np.ndarray, list]:
    """(is_empty per row, a 256-bit BLAKE2b digest of each stripped text, None when empty),
    computed a chunk of rows at a time: no stripped copy of the whole column is kept."""
    import hashlib

    empty = np.zeros(len(text), dtype=bool)
    digests: list = []
    for start in range(0, len(text), _STRIP_CHUNK):
        stripped = text.iloc[start:start + _STRIP_CHUNK].str.strip().tolist()
        for k, value in enumerate(stripped):
            if value == "":
                empty[start + k] = True
                digests.append(None)
            else:
                digests.append(hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=32).digest())
    return empty, digests


def _empty_and_repeated(text: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Which texts are empty once stripped, and which repeat an earlier non-empty text:
    ``(is_empty, positions of the repeats, position of the first copy of each)``.

    Texts are compared stripped (``str.strip``), by a 256-bit digest of each (equal texts
    have equal digests; two different texts sharing one is not a practical possibility),
    so that memory holds digests rather than a second copy of every text.

    >>> empty, dup, first = _empty_and_repeated(pd.Series(["a ", "", " a", "b", "a"]))
    >>> empty.tolist(), dup.tolist(), first.tolist()
    ([False, True, False, False, False], [2, 4], [0, 0])
    """
    empty, digests = _text_digests(text)
    seen: dict[bytes, int] = {}
    dup_pos: list[int] = []
    first_pos: list[int] = []
    for pos, key in enumerate(digests):
        if key is not None:
            first = seen.setdefault(key, pos)
            if first != pos:
                dup_pos.append(pos)
                first_pos.append(first)
    return empty, np.asarray(dup_pos, dtype=np.intp), np.asarray(first_pos, dtype=np.intp)


def _finish(rows: list[dict] | pd.DataFrame, report: _Report, dataset: str) -> pd.DataFrame:
    df = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
    df = df.reset_index(drop=True)
    # "record" in the load report locates a row inside its source file (item, line, row, file).
    records = (df["_record"].astype(str) if "_record" in df.columns
               else pd.Series([f"row {i + 1}" for i in range(len(df))], index=df.index))
    for col in SCHEMA:
        if col not in df.columns:
            df[col] = pd.NA
    df["source_file"] = df["source_file"].fillna("").astype(str)
    files = df["_file"].astype(str) if "_file" in df.columns else df["source_file"]
    df = df.drop(columns=[c for c in ("_record", "_file") if c in df.columns])
    df["dataset"] = df["dataset"].fillna(dataset).astype(str)
    for col in ("title", "text", "url", "author", "category", "furniture", "outlet"):
        df[col] = df[col].fillna("").astype(str)
    df["language"] = df["language"].fillna("ar").astype(str)
    flags, unreadable = _as_bool(df["date_inferred"])
    if unreadable.any():
        report.add_many(files[unreadable], records[unreadable], df.loc[unreadable, "doc_id"], "flagged",
                        [f"unreadable date_inferred {v!r}: read as False" for v in df.loc[unreadable, "date_inferred"]])
    df["date_inferred"] = flags
    if not isinstance(df["date"].dtype, pd.DatetimeTZDtype):
        df["date"] = pd.to_datetime(df["date"], utc=True, errors="coerce")
    df["date"] = df["date"].astype("datetime64[ns, UTC]")
    # Duplicate ids are repaired (suffix) and reported, so that doc_id stays unique.
    ids, dup_ids = _unique_ids(df["doc_id"].astype(str))
    if dup_ids.any():
        report.add_many(files[dup_ids], records[dup_ids], df.loc[dup_ids, "doc_id"].astype(str), "repaired",
                        "duplicate doc_id: renamed to " + ids[dup_ids].astype(str))
    df["doc_id"] = ids.astype(str)
    empty, dup_pos, first_pos = _empty_and_repeated(df["text"])
    df["is_empty"] = empty
    empty = df["is_empty"]
    report.add_many(files[empty], records[empty], df.loc[empty, "doc_id"], "flagged", "empty text")
    df["duplicate_of"] = pd.Series(pd.NA, index=df.index, dtype="string")
    if len(dup_pos):
        dup_index = df.index[dup_pos]
        df.loc[dup_index, "duplicate_of"] = df["doc_id"].to_numpy()[first_pos]
        report.add_many(files[dup_index], records[dup_index], df.loc[dup_index, "doc_id"], "flagged",
                        "duplicate text of " + df.loc[dup_index, "duplicate_of"].astype(str))
    extra = [c for c in df.columns if c not in SCHEMA]
    df = df[SCHEMA + extra].reset_index(drop=True)
    for col in extra:  # extra columns read as Python objects get the dtype pandas infers (str for text)
        if df[col].dtype == object:
            df[col] = df[col].infer_objects()
    df.attrs["load_report"] = report.rows()
    return df


def load_report(corpus: pd.DataFrame) -> pd.DataFrame:
    """The load report attached to a corpus frame (empty frame if there is none).

    Columns: ``source_file, record, doc_id, action, reason``; ``action`` is one of
    ``skipped`` (not in the frame), ``flagged`` (in the frame, with a problem),
    ``repaired`` (in the frame, changed on the way), ``noted`` (about the file as a whole)
    and ``dropped`` (removed later by :func:`deduplicate`).

    >>> load_report(load_corpus("seed"))["action"].tolist()
    []
    """
    rep = corpus.attrs.get("load_report")
    if rep is None:
        return pd.DataFrame(columns=REPORT_COLUMNS)
    if isinstance(rep, pd.DataFrame):
        return rep
    return pd.DataFrame(list(rep), columns=REPORT_COLUMNS)


def _as_records(report: pd.DataFrame) -> ReportRows:
    columns = [report[c].astype(str).tolist() for c in REPORT_COLUMNS]
    return ReportRows(zip(*columns))


def deduplicate(corpus: pd.DataFrame, *, drop_empty: bool = True, drop_duplicates: bool = True) -> pd.DataFrame:
    """Drop the rows flagged as empty and/or as repeating an earlier article's text.

    The first copy of a repeated text is kept. The dropped rows are added to the
    load report with action ``dropped``.

    >>> snn = load_corpus("saudinewsnet")
    >>> len(deduplicate(snn)) < len(snn)
    True
    """
    mask = pd.Series(False, index=corpus.index)
    if drop_empty:
        mask |= corpus["is_empty"]
    if drop_duplicates:
        mask |= corpus["duplicate_of"].notna()
    out = corpus.loc[~mask].reset_index(drop=True)
    dropped = corpus.loc[mask]
    extra = pd.DataFrame({
        "source_file": dropped["source_file"].values, "record": dropped.index.astype(str),
        "doc_id": dropped["doc_id"].values, "action": "dropped",
        "reason": ["empty text" if e else f"duplicate text of {d}"
                   for e, d in zip(dropped["is_empty"], dropped["duplicate_of"])],
    }, columns=REPORT_COLUMNS)
    out.attrs["load_report"] = _as_records(pd.concat([load_report(corpus), extra], ignore_index=True))
    return out


# --- zip members -------------------------------------------------------------------------


def _read_member(zf: zipfile.ZipFile, member: str, rel: str) -> bytes:
    """A zip member's bytes, refusing (before reading) one that inflates beyond the cap."""
    limit = MAX_INFLATED_BYTES
    info = zf.getinfo(member)
    if info.file_size > limit:
        raise CorpusError(f"{rel}:{member}: inflates to {info.file_size:,} bytes, more than the "
                          f"{limit:,}-byte limit (helpers.corpus.MAX_INFLATED_BYTES)")
    with zf.open(member) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:  # the declared size lied
        raise CorpusError(f"{rel}:{member}: inflates to more than the {limit:,}-byte limit "
                          f"(helpers.corpus.MAX_INFLATED_BYTES)")
    return data


# --- SaudiNewsNet ----------------------------------------------------------------------


#: SaudiNewsNet fields kept as Arrow string columns, built member by member (the bulk of the
#: memory: about 100 MB of text), with the JSON key each comes from. ``_finish`` fills a
#: missing value with "" in each of them, so the loader does it as it goes.
_SNN_TEXT_FIELDS = {"title": "title", "text": "content", "url": "url", "author": "author"}


def _text_cell(value) -> str:
    """A JSON value as the text cell ``_finish`` would make of it (None -> "", else str)."""
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


class _ArrowColumns:
    """String columns collected chunk by chunk as Arrow arrays, so that the Python strings of
    one chunk (one zip member) are freed before the next is parsed."""

    def __init__(self, names) -> None:
        self.chunks: dict[str, list] = {name: [] for name in names}

    def add(self, name: str, values: list[str]) -> None:
        import pyarrow as pa

        self.chunks[name].append(pa.array(values, type=pa.large_string()))

    def series(self, name: str, index: pd.Index) -> pd.Series:
        import pyarrow as pa

        chunked = pa.chunked_array(self.chunks.pop(name), type=pa.large_string())
        return pd.Series(pd.array(chunked, dtype=pd.StringDtype("pyarrow", na_value=np.nan)), index=index)


def _snn_member(zf: zipfile.ZipFile, member: str, rel: str) -> list:
    """One zip member of SaudiNewsNet parsed (a JSON array), or a CorpusError naming it."""
    text, _ = decode_bytes(_read_member(zf, member, rel), f"{rel}:{member}")
    try:
        records = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{rel}:{member}: not valid JSON ({exc})") from exc
    if not isinstance(records, list):
        raise CorpusError(f"{rel}:{member}: expected a JSON array of articles")
    return records


def _snn_records(records: list, day: str, rel: str, small: dict, texts: _ArrowColumns, report: _Report) -> None:
    """Append one member's articles: small fields to Python lists, text fields as one Arrow chunk."""
    kept = [(i, rec) for i, rec in enumerate(records) if isinstance(rec, dict)]
    for i, rec in enumerate(records):
        if not isinstance(rec, dict):
            report.add(rel, f"item {i}", f"snn-{day}-{i:05d}", "skipped", "malformed row: not a JSON object")
    small["doc_id"].extend(f"snn-{day}-{i:05d}" for i, _ in kept)
    small["outlet"].extend(rec.get("source") or "" for _, rec in kept)
    small["date_extracted"].extend(rec.get("date_extracted") for _, rec in kept)
    small["source_file"].extend(rel for _ in kept)
    small["_record"].extend(f"item {i}" for i, _ in kept)
    for column, key in _SNN_TEXT_FIELDS.items():
        texts.add(column, [_text_cell(rec.get(key)) for _, rec in kept])


def read_saudinewsnet(root: Path | str) -> pd.DataFrame:
    """Read SaudiNewsNet's native files: ``dataset/<day>.zip``, each a JSON array.

    ``date`` is the crawl time (``date_extracted``, read as Riyadh time, UTC+3) and is
    flagged ``date_inferred``; the raw string stays in ``date_extracted``. Each zip member
    may inflate to at most :data:`MAX_INFLATED_BYTES`.

    Memory: one zip member is parsed at a time; its title, text, url and author go straight
    into Arrow string columns and its Python objects are freed before the next member
    (loading peaks at about 0.35 GB for the 108 MB frame, against 1.1 GB when all articles
    were kept as Python dicts first).
    """
    root = Path(root)
    report = _Report()
    small: dict[str, list] = {c: [] for c in ("doc_id", "outlet", "date_extracted", "source_file", "_record")}
    texts = _ArrowColumns(_SNN_TEXT_FIELDS)
    zips = sorted((root / "dataset").glob("*.zip"))
    if not zips:
        raise CorpusError(f"{root}: no dataset/*.zip files (is this the SaudiNewsNet layout?)")
    for zpath in zips:
        rel = f"dataset/{zpath.name}"
        try:
            with zipfile.ZipFile(zpath) as zf:
                members = [m for m in zf.namelist() if m.endswith(".json")]
                if not members:
                    raise CorpusError(f"{rel}: the zip holds no .json file")
                for member in members:
                    _snn_records(_snn_member(zf, member, rel), zpath.stem, rel, small, texts, report)
        except zipfile.BadZipFile as exc:
            raise CorpusError(f"{rel}: not a valid zip file ({exc})") from exc
    df = pd.DataFrame(small)
    for column in _SNN_TEXT_FIELDS:
        df[column] = texts.series(column, df.index)
    df = df[["doc_id", "outlet", "date_extracted", "title", "text", "url", "author", "source_file", "_record"]]
    dates = pd.to_datetime(df["date_extracted"], format="%Y-%m-%d %H:%M:%S", errors="coerce")
    bad = dates.isna()
    report.add_many(df.loc[bad, "source_file"], df.loc[bad, "_record"], df.loc[bad, "doc_id"], "flagged",
                    [f"unparseable date_extracted {v!r}" for v in df.loc[bad, "date_extracted"]])
    df["date"] = dates.dt.tz_localize("Asia/Riyadh").dt.tz_convert("UTC")
    df["date_inferred"] = True
    df["dataset"] = "saudinewsnet"
    return _finish(df, report, "saudinewsnet")


# --- ANT --------------------------------------------------------------------------------

_ANT_TAGS = ("DOCNO", "URL", "SRC", "CAT", "TITLE", "TIME", "AUTHOR", "ABSTRACT", "TEXT")
_ANT_TAG_RE = re.compile(r"<(/?)(" + "|".join(_ANT_TAGS) + r"|DOC)\s*>", re.IGNORECASE)
_DOC_OPEN_RE = re.compile(r"<DOC\s*>", re.IGNORECASE)


def parse_trec(text: str) -> tuple[dict[str, str], list[str]]:
    """Parse one TREC-style ``<DOC>`` record defensively, without an XML parser.

    Each field runs from its opening tag to its closing tag, or, when that is missing,
    to the next known tag. Returns the fields and a list of repairs made.

    >>> parse_trec("<DOC><DOCNO>x</DOCNO><TITLE>a & b<TEXT>نص</TEXT></DOC>")[0]["TITLE"]
    'a & b'
    """
    fields: dict[str, str] = {}
    repairs: list[str] = []
    marks = list(_ANT_TAG_RE.finditer(text))
    for k, m in enumerate(marks):
        closing, tag = m.group(1), m.group(2).upper()
        if closing or tag == "DOC":
            continue
        end = marks[k + 1] if k + 1 < len(marks) else None
        value = text[m.end(): end.start() if end else len(text)]
        if end is None or end.group(1) != "/" or end.group(2).upper() != tag:
            repairs.append(f"<{tag}> not closed")
        if tag in fields:
            repairs.append(f"<{tag}> repeated; first kept")
            continue
        fields[tag] = _unescape(value.strip())
    return fields, repairs


def split_trec_docs(text: str) -> list[str]:
    """The ``<DOC>`` records of a TREC file (one string when it holds at most one).

    >>> len(split_trec_docs("<DOC><DOCNO>a</DOCNO></DOC>\\n<DOC><DOCNO>b</DOCNO></DOC>"))
    2
    """
    starts = [m.start() for m in _DOC_OPEN_RE.finditer(text)]
    if len(starts) <= 1:
        return [text]
    return [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]


def _unescape(s: str) -> str:
    if "&" not in s:
        return s
    import html

    return html.unescape(s)


def read_antcorpus(root: Path | str) -> pd.DataFrame:
    """Read ANT's native files: ``<Outlet>/<category>/<DOCNO>.txt`` in TREC-like markup.

    A file that cannot be decoded is skipped and reported (the others load); a file
    holding several ``<DOC>`` records gives one row per record.
    """
    root = Path(root)
    report = _Report()
    rows = []
    files = sorted(p for p in root.glob("*/*/*.txt"))
    if not files:
        raise CorpusError(f"{root}: no <Outlet>/<category>/*.txt files (is this the ANT layout?)")
    for path in files:
        rel = path.relative_to(root).as_posix()
        try:
            raw = _read_text_file(path, report, rel)
        except CorpusError as exc:
            report.add(rel, "file", path.stem, "skipped", f"undecodable bytes: {exc}")
            continue
        docs = split_trec_docs(raw)
        for k, doc in enumerate(docs, start=1):
            record = "file" if len(docs) == 1 else f"doc {k} of {len(docs)}"
            rows.append(_ant_row(doc, path, rel, record, report, k if len(docs) > 1 else 0))
    if not rows:
        raise CorpusError(f"{root}: no ANT file could be read (see the reasons above)")
    return _finish(rows, report, "antcorpus")


def _ant_row(doc: str, path: Path, rel: str, record: str, report: _Report, k: int) -> dict:
    fields, repairs = parse_trec(doc)
    doc_id = fields.get("DOCNO") or (f"{path.stem}#{k}" if k else path.stem)
    for r in repairs:
        report.add(rel, record, doc_id, "repaired", f"malformed markup: {r}")
    if "TEXT" not in fields:
        report.add(rel, record, doc_id, "flagged", "malformed row: no <TEXT> element")
    date = pd.NaT
    if fields.get("TIME"):
        try:
            date = pd.Timestamp(parsedate_to_datetime(fields["TIME"])).tz_convert("UTC")
        except (TypeError, ValueError, IndexError):
            report.add(rel, record, doc_id, "flagged", f"unparseable date {fields['TIME']!r}")
    else:
        report.add(rel, record, doc_id, "flagged", "no date")
    outlet_dir = path.parts[-3]
    return {
        "doc_id": doc_id, "outlet": ANT_OUTLETS.get(outlet_dir, outlet_dir), "date": date,
        "title": fields.get("TITLE", ""), "text": fields.get("TEXT", ""),
        "url": fields.get("URL", ""), "author": fields.get("AUTHOR", ""),
        "category": fields.get("CAT", path.parts[-2]), "source_file": rel, "_record": record,
        "abstract": fields.get("ABSTRACT", ""),
    }


# --- columns -------------------------------------------------------------------------------


def _column_key(name) -> str:
    return re.sub(r"[\s_\-]+", "_", str(name).strip().lstrip("\ufeff").lower().translate(_ALEF)).strip("_")


_ALIAS_INDEX = {_column_key(alias): (target, rank)
                for target, aliases in COLUMN_ALIASES.items() for rank, alias in enumerate(aliases)}


def match_columns(names, columns: dict | None = None, *, where: str = "table") -> tuple[dict, list, list, list]:
    """Match a file's column names to the schema: returns ``(rename, by_alias, fills, unused)``.

    ``rename`` maps file names to schema names; ``by_alias`` lists ``(name, column)`` pairs
    matched through :data:`COLUMN_ALIASES`; ``fills`` the other text columns that fill rows
    without text; ``unused`` the names left as they are. ``columns`` maps names explicitly
    (it wins over the aliases); naming a column the file does not have raises
    :class:`CorpusError`.

    >>> rename, by_alias, fills, unused = match_columns(["id", "source", "published", "headline", "body", "link", "views"])
    >>> rename["source"], rename["body"], unused
    ('outlet', 'text', ['views'])
    """
    names = [str(n) for n in names]
    columns = dict(columns or {})
    missing = [c for c in columns if c not in names]
    if missing:
        raise CorpusError(f"{where}: columns= names {', '.join(map(repr, missing))}, but the file's columns "
                          f"are {', '.join(map(repr, names))}")
    rename = dict(columns)
    taken = set(columns.values())
    candidates: dict[str, list[tuple[int, str]]] = {}
    unused: list[str] = []
    for name in names:
        if name in rename or name.startswith("_"):
            continue
        key = _column_key(name)
        if key in SCHEMA:
            target, rank = key, -1
        elif key in _ALIAS_INDEX:
            target, rank = _ALIAS_INDEX[key]
        else:
            unused.append(name)
            continue
        if target in taken:
            unused.append(name)
            rename[name] = f"original_{name}" if name == target else name
            continue
        candidates.setdefault(target, []).append((rank, name))
    by_alias: list[tuple[str, str]] = []
    fills: list[str] = []
    for target, found in candidates.items():
        found.sort()
        chosen = found[0][1]
        if target in COMPUTED:
            continue
        rename[chosen] = target
        if chosen != target:
            by_alias.append((chosen, target))
        for _, other in found[1:]:
            (fills if target == "text" else unused).append(other)
    rename = {k: v for k, v in rename.items() if k != v}
    return rename, by_alias, fills, unused


def _apply_columns(df: pd.DataFrame, columns, name: str, report: _Report, *, report_unused: bool = True) -> pd.DataFrame:
    rename, by_alias, fills, unused = match_columns(df.columns, columns, where=name)
    if columns:
        report.add(name, "header", "", "noted",
                   "columns mapped as asked: " + ", ".join(f"{k} → {v}" for k, v in columns.items()))
    if by_alias:
        report.add(name, "header", "", "noted",
                   "columns mapped by alias: " + ", ".join(f"{k} → {v}" for k, v in by_alias))
    df = df.rename(columns=rename)
    for other in fills:
        filled = df["text"].isna() & df[other].notna()
        df.loc[filled, "text"] = df.loc[filled, other]
    if fills:
        report.add(name, "header", "", "noted",
                   "columns also read as text where text is missing: " + ", ".join(fills))
    if unused and report_unused:
        report.add(name, "header", "", "noted",
                   "columns not used (kept after the schema columns): " + ", ".join(unused))
    return df


def _coerce_cells(df: pd.DataFrame, name: str, report: _Report) -> None:
    """Text-like schema cells that are not strings are converted, and reported."""
    for col in ("text", "title", "outlet", "author", "url", "category", "doc_id"):
        if col not in df.columns or pd.api.types.is_string_dtype(df[col].dtype) and df[col].dtype != object:
            continue
        values = df[col]
        odd = pd.Series([not (v is None or isinstance(v, str) or isinstance(v, float) and v != v)
                         for v in values.tolist()], index=values.index, dtype=bool)
        if not odd.any():
            continue
        new = values.astype(object).copy()
        for i in odd[odd].index:
            v = values[i]
            record = df.at[i, "_record"]
            doc_id = df.at[i, "doc_id"] if "doc_id" in df.columns and col != "doc_id" else ""
            if isinstance(v, (bytes, bytearray, memoryview)):
                try:
                    new[i], encoding = decode_bytes(bytes(v), f"{name} {record} {col}")
                    report.add(name, record, doc_id, "repaired", f"{col} was binary: decoded as {encoding}")
                except CorpusError:
                    new[i] = ""
                    report.add(name, record, doc_id, "flagged", f"{col} is binary and cannot be decoded: left empty")
            elif isinstance(v, (list, tuple, np.ndarray)):
                parts = [str(p) for p in list(v) if p is not None]
                new[i] = "\n\n".join(parts)
                report.add(name, record, doc_id, "repaired",
                           f"{col} was a list of {len(parts)} items: joined with blank lines")
            elif isinstance(v, float) and np.isnan(v):
                new[i] = None
            elif col == "doc_id" and isinstance(v, (int, np.integer)):
                new[i] = str(v)
            elif isinstance(v, dict):
                new[i] = json.dumps(v, ensure_ascii=False)
                report.add(name, record, doc_id, "flagged", f"{col} is a JSON object, not text: kept as JSON")
            else:
                new[i] = str(v)
                if col in ("text", "title"):
                    report.add(name, record, doc_id, "flagged", f"{col} is {type(v).__name__} {v!r}, not text: read as {str(v)!r}")
        df[col] = new


# --- the kit's own folder format ----------------------------------------------------------

KIT_METADATA = "metadata.csv"
FILE_COLUMN_ALIASES = ("file", "filename", "file_name", "path", "الملف")


def _inside(folder: Path, name: str) -> tuple[Path | None, str]:
    """The path of ``name`` inside ``folder``, or None and why it is refused."""
    posix = name.replace("\\", "/")
    p = Path(posix)
    if p.is_absolute() or re.match(r"^[A-Za-z]:", posix):
        return None, f"refused: {name!r} is an absolute path; only files inside the folder are read"
    if ".." in p.parts:
        return None, f"refused: {name!r} leads outside the folder ('..'); only files inside the folder are read"
    path = folder / p
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError) as exc:
        return None, f"refused: {name!r} cannot be resolved ({exc})"
    if not resolved.is_relative_to(folder.resolve()):
        return None, f"refused: {name!r} is a link to a file outside the folder"
    return path, ""


def read_kit_folder(folder: Path | str, *, dataset: str | None = None, dayfirst: bool | None = None) -> pd.DataFrame:
    """Read a folder in the kit's format: one text file per article plus ``metadata.csv``.

    ``metadata.csv`` (UTF-8, editable in a spreadsheet) has a row per article with at
    least ``file`` (the text file's name, inside the folder); other schema columns are
    optional (``doc_id``, ``outlet``, ``date``, ``date_inferred``, ``title``, ``url``,
    ``author``, ``category``; the aliases of :data:`COLUMN_ALIASES` work too).
    An optional ``layout`` column describes the text file's first lines:
    ``category,title,body`` means line 1 is the section, the next non-empty line the
    headline, the rest the body. Trailing page furniture is always split off.

    A ``file`` that is an absolute path, climbs out with ``..`` or is a link leading out of
    the folder is refused and reported; files of the folder that no row names are reported
    as not read.
    """
    folder = Path(folder)
    meta_path = folder / KIT_METADATA
    report = _Report()
    if not meta_path.is_file():
        # No metadata: every .txt file is an article; its name is its id.
        meta = pd.DataFrame({"file": sorted(p.name for p in folder.glob("*.txt"))}, dtype=object)
        if meta.empty:
            raise CorpusError(f"{folder}: no {KIT_METADATA} and no .txt files")
        meta["_record"] = "file"
    else:
        meta = _read_csv_frame(meta_path, report, KIT_METADATA, record_names="line")
        file_col = next((c for c in meta.columns if _column_key(c) in FILE_COLUMN_ALIASES), None)
        if file_col is None:
            raise CorpusError(f"{meta_path}: needs a 'file' column naming each article's text file "
                              f"(columns found: {', '.join(c for c in meta.columns if not c.startswith('_'))})")
        meta = meta.rename(columns={file_col: "file"})
        meta = _apply_columns(meta, None, KIT_METADATA, report, report_unused=False)
    rows = []
    listed: set[Path] = {meta_path.resolve()}
    for rec in meta.to_dict("records"):
        row = _kit_article(folder, rec, report, listed)
        if row is not None:
            rows.append(row)
    _report_unread(folder, listed, report, "not listed in metadata.csv" if meta_path.is_file() else "not a .txt file")
    if not rows:
        raise CorpusError(f"{folder}: no article could be read ({len(meta)} listed)" + _first_reasons(report))
    df = pd.DataFrame(rows)
    df["_file"] = df["source_file"]
    _report_dates(df, report, f"{KIT_METADATA}, column 'date'", dayfirst)
    return _finish(df, report, dataset or folder.name)


def _kit_article(folder: Path, rec: dict, report: _Report, listed: set[Path]) -> dict | None:
    """One row of a kit folder: its metadata plus the text file it names, or None (reported)."""
    rec = {k: v for k, v in rec.items() if not (v is None or isinstance(v, float) and pd.isna(v))}
    name = str(rec.get("file", "")).strip()
    where = rec.pop("_record")
    if not name:
        report.add(KIT_METADATA, where, rec.get("doc_id"), "skipped", "malformed row: empty 'file'")
        return None
    path, refusal = _inside(folder, name)
    if path is None:
        report.add(KIT_METADATA, where, rec.get("doc_id"), "skipped", refusal)
        return None
    if not path.is_file():
        report.add(KIT_METADATA, where, rec.get("doc_id"), "skipped", f"file {name} not found")
        return None
    listed.add(path.resolve())
    try:
        raw = _read_text_file(path, report, name)
    except CorpusError as exc:
        report.add(name, "file", rec.get("doc_id"), "skipped", f"undecodable bytes: {exc}")
        return None
    body, furniture = split_furniture(raw.replace("\r\n", "\n").replace("\r", "\n"))
    if str(rec.pop("layout", "body")).startswith("category,title"):
        lines = body.split("\n")
        nonempty = [k for k, ln in enumerate(lines) if ln.strip()]
        if len(nonempty) >= 2:
            rec.setdefault("category", lines[nonempty[0]].strip())
            rec.setdefault("title", lines[nonempty[1]].strip())
            body = "\n".join(lines[nonempty[1] + 1:]).strip()
    rec.update({"text": body, "furniture": furniture, "source_file": name,
                "_record": f"metadata {where}" if where != "file" else "file"})
    rec.setdefault("doc_id", Path(name).stem)
    return rec


def _first_reasons(report: _Report) -> str:
    rep = report.frame()
    return "" if rep.empty else ": " + "; ".join(f"{r.record}: {r.reason}" for r in rep.head(3).itertuples())


def _report_unread(folder: Path, read: set[Path], report: _Report, why: str) -> None:
    """Report the files and folders of ``folder`` that were not read (hidden ones aside)."""
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.resolve() in read:
            continue
        if entry.is_dir():
            if not any(p.is_relative_to(entry.resolve()) for p in read):
                report.add(entry.name + "/", "folder", "", "noted", "not read: a folder")
        else:
            report.add(entry.name, "file", "", "noted", f"not read: {why}")


# --- CSV -----------------------------------------------------------------------------------

_DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}


def _sniff_delimiter(text: str, suffix: str) -> str:
    """The delimiter of the header line (quoted names aside); a tie goes to the comma."""
    header = re.sub(r'"[^"]*"', "", text.lstrip("\ufeff").split("\n", 1)[0])
    counts = {d: header.count(d) for d in _DELIMITERS}
    if suffix == ".tsv" and counts["\t"]:
        return "\t"
    best = max(_DELIMITERS, key=lambda d: (counts[d], d == ","))
    if counts[best]:
        return best
    return "\t" if suffix == ".tsv" else ","


@contextmanager
def _no_field_limit():
    """Lift the csv module's 131,072-character field limit for the duration."""
    old = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _lenient_fields(line: str, delimiter: str) -> list[str]:
    """Split a line whose quoting is broken: a field is quoted only when its closing quote
    is followed by the delimiter or the end; any other field is kept as written."""
    quoted = re.compile(r'"([^"]*(?:""[^"]*)*)"(?=' + re.escape(delimiter) + r"|$)")
    fields: list[str] = []
    i, n = 0, len(line)
    while True:
        m = quoted.match(line, i) if line.startswith('"', i) else None
        if m:
            fields.append(m.group(1).replace('""', '"'))
            i = m.end()
        else:
            j = line.find(delimiter, i)
            j = n if j < 0 else j
            fields.append(line[i:j])
            i = j
        if i >= n:
            return fields
        i += len(delimiter)
        if i == n:
            fields.append("")
            return fields


class _Lines:
    """Line starts of a text (computed once, when a malformed record needs them)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    def starts(self) -> list[int]:
        if self._starts is None:
            if self.text.count("\r") != self.text.count("\r\n"):  # lone carriage returns end lines too
                self._starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", self.text)]
            else:
                self._starts = [0, *itertools.accumulate(len(line) + 1 for line in self.text.split("\n"))][:-1]
        return self._starts

    def line(self, number: int) -> str:
        """Line ``number`` (from 1) without its line break."""
        starts = self.starts()
        end = starts[number] if number < len(starts) else len(self.text)
        return self.text[starts[number - 1]:end].rstrip("\r\n")

    def after(self, number: int):
        """The lines after line ``number``, as an iterator the csv module reads."""
        return itertools.islice(io.StringIO(self.text, newline=""), number, None)


def _parse_csv(text: str, delimiter: str, name: str, report: _Report):
    """Records of a CSV text: ``(header, rows, records, n_records)``, ``records`` holding the
    (row number, first line) of each row; every record that is not returned is a report row
    naming its line."""
    lines = _Lines(text)
    parsed: list[list[str] | None] = []  # every record in file order; None: skipped (reported)
    starts: list[int] = []  # the line each record starts on
    notes: dict[int, str] = {}  # index in parsed -> what was repaired
    base, rest, start = 0, io.StringIO(text, newline=""), 1
    while True:
        reader = csv.reader(rest, delimiter=delimiter, strict=True)
        restart = None
        while True:
            try:
                for fields in reader:  # the fast loop: most files never leave it
                    parsed.append(fields)
                    starts.append(start)
                    start = base + reader.line_num + 1
                break
            except csv.Error as exc:
                end = base + reader.line_num
                starts.append(start)
                if "unexpected end of data" in str(exc):
                    parsed.append(None)
                    report.add(name, f"line {start}", "", "skipped",
                               f"malformed row: the quote opened on line {start} is never closed; this record "
                               f"was skipped and the lines after it read again")
                    restart = start
                    break
                if end != start:
                    parsed.append(None)
                    report.add(name, f"lines {start}-{end}", "", "skipped", f"malformed row: {exc}")
                else:
                    parsed.append(_lenient_fields(lines.line(start), delimiter))
                    notes[len(parsed) - 1] = (
                        f"malformed quoting on line {start} ({exc}): a field starts with a quoted phrase "
                        f"followed by more text; read as written, quote marks kept")
                start = end + 1
        if restart is None:
            break
        base, rest, start = restart, lines.after(restart), restart + 1
    return _check_fields(parsed, starts, notes, delimiter, name, report)


def _check_fields(parsed, starts, notes, delimiter, name, report):
    """The header, then every record with the header's number of fields (others reported)."""
    header: list[str] | None = None
    rows: list[list[str]] = []
    records: list[tuple[int, int]] = []
    n = n_records = 0
    for i, (fields, start) in enumerate(zip(parsed, starts)):
        if fields is not None and (not fields or (len(fields) == 1 and not fields[0].strip())):
            continue  # a blank line
        if header is None:
            if fields is not None:
                header, n = fields, len(fields)
            continue
        n_records += 1
        if fields is None:
            continue
        if len(fields) > n and not any(f.strip() for f in fields[n:]):
            fields = fields[:n]  # trailing empty fields (spreadsheets add them)
        if len(fields) != n:
            preview = [f[:30] for f in fields[:3]]
            report.add(name, f"row {n_records}, line {start}", "", "skipped",
                       f"malformed row: {len(fields)} fields, expected {n} (an unquoted "
                       f"{_DELIMITER_NAMES[delimiter][:-1]} inside a field?): {preview}")
            continue
        rows.append(fields)
        records.append((n_records, start))
        if i in notes:
            report.add(name, f"row {n_records}", "", "repaired", notes[i])
    return header, rows, records, n_records


def _count_records(text: str, delimiter: str) -> int | str:
    """Data records counted by pandas' C parser (independent of the csv module), or its error."""
    try:
        first = pd.read_csv(io.BytesIO(text.encode("utf-8", errors="surrogatepass")), sep=delimiter, header=None, usecols=[0], dtype=str,
                            engine="c", skip_blank_lines=True, keep_default_na=False)
    except pd.errors.EmptyDataError:
        return 0
    except (pd.errors.ParserError, ValueError) as exc:
        return str(exc)
    return max(len(first) - 1, 0)


def _read_csv_frame(path: Path, report: _Report, rel: str, *, record_names: str = "row") -> pd.DataFrame:
    """A CSV/TSV file as a frame of strings (empty fields missing), with ``_record``."""
    text = _read_text_file(path, report, rel)
    if not text.strip():
        raise CorpusError(f"{path}: the file is empty; a CSV needs a header line (e.g. "
                          f"id,outlet,date,title,text) and one row per article")
    delimiter = _sniff_delimiter(text, path.suffix.lower())
    if delimiter != ("\t" if path.suffix.lower() == ".tsv" else ","):
        report.add(rel, "header", "", "noted", f"fields separated by {_DELIMITER_NAMES[delimiter]} (found in the header line)")
    with _no_field_limit():
        header, rows, records, n_records = _parse_csv(text, delimiter, rel, report)
    if header is None:
        raise CorpusError(f"{path}: no header line")
    header = _clean_header(header, rel, report)
    counted = _count_records(text, delimiter)
    if isinstance(counted, str):
        if not any("never closed" in r for r in report.columns["reason"]):
            report.add(rel, "file", "", "flagged", f"a second reading of the file (pandas' C parser) fails: {counted}")
    elif counted != n_records:
        report.add(rel, "file", "", "flagged",
                   f"a second reading of the file (pandas' C parser) counts {counted} records, this reader "
                   f"{n_records} ({len(rows)} read, {n_records - len(rows)} skipped): check the quoting")
    if not rows and n_records == 0:
        raise CorpusError(f"{path}: has a header line but no rows")
    columns = list(zip(*rows)) if rows else [()] * len(header)
    df = pd.DataFrame({name: pd.Series(values, dtype="str") for name, values in zip(header, columns)})
    df = df.where(df.ne(""))  # an empty field is a missing value
    df["_record"] = [f"line {line}" if record_names == "line" else f"row {k}" for k, line in records]
    return df


def _clean_header(header: list[str], rel: str, report: _Report) -> list[str]:
    out: list[str] = []
    for j, h in enumerate(header):
        h = h.strip().lstrip("\ufeff").strip() or f"column_{j + 1}"
        if h in out:
            k = 2
            while f"{h}~{k}" in out:
                k += 1
            report.add(rel, "header", "", "noted", f"column name {h!r} repeated: the copy is named {h}~{k}")
            h = f"{h}~{k}"
        out.append(h)
    return out


# --- tables: CSV, Excel, JSON (Lines), Parquet --------------------------------------------


def standard_text_and_ids(df: pd.DataFrame, stem: str, name: str) -> pd.DataFrame:
    """Put a table's text under ``text`` (gaps filled from its other names, missing → ``""``)
    and give rows without a ``doc_id`` the id ``<stem>-<index>``; shared by :func:`read_table`
    and the Parquet batches of :mod:`helpers.scale`. ``name`` names the source in errors.

    >>> standard_text_and_ids(pd.DataFrame({"body": ["نص", None]}), "mine", "mine.csv")[["doc_id", "text"]].values.tolist()
    [['mine-0', 'نص'], ['mine-1', '']]
    """
    text_col = next((c for c in TEXT_COLUMNS if c in df.columns), None)
    if text_col is None:
        found = ", ".join(repr(c) for c in df.columns if not str(c).startswith("_"))
        raise CorpusError(f"{name}: no text column; expected one of {', '.join(TEXT_COLUMNS)} "
                          f"(columns found: {found}); or name it: load_corpus(path, columns={{'yours': 'text'}})")
    for alias in TEXT_COLUMNS:  # rows may name their text differently (JSON Lines)
        if alias != text_col and alias in df.columns:
            df[text_col] = df[text_col].fillna(df[alias])
    df = df.rename(columns={text_col: "text"})  # no "text" column exists when text_col differs
    df["text"] = df["text"].where(df["text"].notna(), "").astype(str)
    if "doc_id" not in df.columns:
        df["doc_id"] = pd.NA
    ids = df["doc_id"].astype(object)
    missing = ids.isna() | ids.where(ids.notna(), "").astype(str).str.strip().eq("")
    if missing.any():
        ids = ids.where(~missing, pd.Series([f"{stem}-{i}" for i in df.index[missing]], index=df.index[missing]))
    df["doc_id"] = ids.astype(str)
    return df


def _read_json(path: Path, report: _Report) -> pd.DataFrame:
    name = path.name
    text = _read_text_file(path, report, name)
    if not text.strip():
        raise CorpusError(f"{path}: the file is empty")
    records: list[dict] = []
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            if text.lstrip().startswith("["):
                raise CorpusError(f"{path}: not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg}); "
                                  f"is the file cut short?") from exc
            data = None  # JSON Lines saved as .json
        if data is not None:
            if not isinstance(data, list):
                raise CorpusError(f"{path}: holds one JSON {type(data).__name__}; expected a list of "
                                  f"articles ([{{...}}, {{...}}]) or one article object per line")
            for k, item in enumerate(data, start=1):
                if not isinstance(item, dict):
                    report.add(name, f"item {k}", "", "skipped",
                               f"malformed row: not a JSON object (a {type(item).__name__})")
                    continue
                records.append({**item, "_record": f"item {k}"})
            return pd.DataFrame(records)
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            report.add(name, f"line {n}", "", "skipped", f"malformed row: invalid JSON ({exc.msg})")
            continue
        if not isinstance(rec, dict):
            report.add(name, f"line {n}", "", "skipped", "malformed row: not a JSON object")
            continue
        rec["_record"] = f"line {n}"
        records.append(rec)
    return pd.DataFrame(records)


#: The most characters an Excel cell holds; a longer text was cut off when the sheet was saved.
EXCEL_CELL_LIMIT = 32_767


def _read_xlsx(path: Path, report: _Report) -> pd.DataFrame:
    import openpyxl

    name = path.name
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises several kinds for a damaged file
        raise CorpusError(f"{path}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from exc
    try:
        sheet = book.worksheets[0]
        if len(book.sheetnames) > 1:
            report.add(name, "workbook", "", "noted",
                       f"only the first sheet ({sheet.title!r}) read; not read: {', '.join(book.sheetnames[1:])}")
        rows = ((cells[0].row, [c.value for c in cells]) for cells in sheet.iter_rows() if cells)
        header = None
        for _, values in rows:
            if any(v is not None for v in values):
                header = values
                break
        if header is None:
            raise CorpusError(f"{path}: the first sheet is empty")
        header = list(header)
        while header and header[-1] is None:
            header.pop()
        header = _clean_header(["" if h is None else str(h) for h in header], name, report)
        n = len(header)
        data, records = [], []
        for k, row in rows:
            if all(v is None or isinstance(v, str) and not v.strip() for v in row):
                continue
            if any(v is not None and str(v).strip() for v in row[n:]):
                report.add(name, f"sheet row {k}", "", "flagged",
                           f"values beyond the last named column ignored: {[v for v in row[n:] if v is not None][:3]}")
            data.append(row[:n] + [None] * (n - len(row)))
            records.append(f"sheet row {k}")
            for column, value in zip(header, row[:n]):
                if isinstance(value, str) and len(value) >= EXCEL_CELL_LIMIT:
                    report.add(name, f"sheet row {k}", "", "flagged",
                               f"{column} has {len(value):,} characters, the most an Excel cell holds: "
                               f"it was probably cut off (use CSV for long texts)")
    finally:
        book.close()
    if not data:
        raise CorpusError(f"{path}: has a header row but no rows")
    df = pd.DataFrame(data, columns=header, dtype=object)
    df = df.where(~df.map(lambda v: isinstance(v, str) and v == ""))
    df["_record"] = records
    return df


def _read_parquet(path: Path) -> pd.DataFrame:
    try:
        return pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several kinds for a damaged file
        raise CorpusError(f"{path}: not a readable Parquet file ({type(exc).__name__}: {exc})") from exc


def read_table(path: Path | str, *, columns: dict | None = None, dayfirst: bool | None = None) -> pd.DataFrame:
    """Read a CSV/TSV, Excel (``.xlsx``), JSON, JSON Lines (``.jsonl``/``.ndjson``) or
    Parquet file, one article per row.

    Columns are matched to the schema by :data:`COLUMN_ALIASES` or by ``columns=``; a text
    column is required. Missing ``doc_id`` values become ``<file stem>-<row>``. Dates are
    read by :func:`parse_dates` (``dayfirst=`` settles ``03/04/2018``). Malformed rows are
    skipped and listed in the load report, with everything else the module docstring lists.
    """
    path = Path(path)
    report = _Report()
    suffix = path.suffix.lower()
    name = path.name
    if suffix == ".parquet":
        df = _read_parquet(path)
    elif suffix in (".jsonl", ".ndjson", ".json"):
        df = _read_json(path, report)
    elif suffix in (".csv", ".tsv"):
        df = _read_csv_frame(path, report, name)
    elif suffix in (".xlsx", ".xlsm"):
        df = _read_xlsx(path, report)
    elif suffix in (".txt", ".html", ".htm"):
        raise CorpusError(f"{path}: one article on its own; put it in a folder (with others) and load the folder")
    elif suffix == ".xls":
        raise CorpusError(f"{path}: the old Excel format (.xls) is not read; save it as .xlsx or as CSV UTF-8")
    else:
        raise CorpusError(f"{path}: unknown table format {suffix!r} (use .csv, .tsv, .xlsx, .jsonl, .json or .parquet)")
    if df.empty and not len(df.columns):
        raise CorpusError(f"{path}: no records")
    if "_record" not in df.columns:
        df["_record"] = [f"row {i + 1}" for i in range(len(df))]
    df = _apply_columns(df, columns, name, report)
    _coerce_cells(df, name, report)
    df = standard_text_and_ids(df, path.stem, str(path))
    df["_file"] = name
    given = df["source_file"].astype(object).where(df["source_file"].notna(), "").astype(str) \
        if "source_file" in df.columns else pd.Series("", index=df.index)
    df["source_file"] = given.where(given.str.strip().ne(""), name)
    _report_dates(df, report, f"{name}, column 'date'", dayfirst)
    return _finish(df, report, path.stem)


# --- saved web pages ---------------------------------------------------------------------


def read_html_folder(folder: Path | str, *, dataset: str | None = None) -> pd.DataFrame:
    """Read a folder of saved web pages (``*.html``/``*.htm``), one article per page.

    The main text and the metadata (title, author, date, URL, site name) are extracted
    with trafilatura, which removes menus, comments and other page furniture. Other files
    in the folder (a README, images) are reported as not read.
    """
    import trafilatura

    folder = Path(folder)
    report = _Report()
    rows = []
    pages = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".html", ".htm"))
    if not pages:
        raise CorpusError(f"{folder}: no .html or .htm files")
    for path in pages:
        try:
            html_text = _read_text_file(path, report, path.name)
        except CorpusError as exc:
            report.add(path.name, "file", path.stem, "skipped", f"undecodable bytes: {exc}")
            continue
        doc = trafilatura.bare_extraction(html_text, with_metadata=True, favor_precision=True)
        meta = doc.as_dict() if doc is not None else {}
        text = meta.get("text") or ""
        title = meta.get("title") or ""
        if title and text.startswith(title):
            text = text[len(title):].lstrip("\n")
        if not text:
            report.add(path.name, "file", path.stem, "flagged", "no main text found in the page")
        rows.append({
            "doc_id": path.stem, "outlet": meta.get("sitename") or meta.get("hostname") or "",
            "date": meta.get("date"), "title": title, "text": text, "url": meta.get("url") or "",
            "author": meta.get("author") or "", "category": ", ".join(meta.get("categories") or []),
            "source_file": path.name, "_record": "file",
        })
    _report_unread(folder, {p.resolve() for p in pages}, report, "not a saved web page (.html/.htm)")
    df = pd.DataFrame(rows)
    if not df.empty:
        df["_file"] = df["source_file"]
        _report_dates(df, report, f"{folder.name}, page dates", None)
    return _finish(df, report, dataset or folder.name)


# --- the one entry point -----------------------------------------------------------------


def load_corpus(source: str | Path, *, columns: dict | None = None, dayfirst: bool | None = None) -> pd.DataFrame:
    """Load a corpus into a frame with the documented schema (see the module docstring).

    ``source`` is one of:

    * a registered dataset name: ``"seed"`` (shipped in ``corpus/seed``),
      ``"saudinewsnet"`` or ``"antcorpus"`` (fetched, or read from ``ITAR_DATA``);
    * a ``.csv``, ``.tsv``, ``.xlsx``, ``.json``, ``.jsonl`` or ``.parquet`` file with one
      article per row (``columns={"body": "text"}`` names columns the aliases miss;
      ``dayfirst=True`` reads ``03/04/2018`` as 3 April);
    * a folder in the kit's format (text files plus ``metadata.csv``), or a folder of
      saved web pages (``.html``): a folder with ``metadata.csv`` is a kit folder; without
      one, a folder holding web pages is read as pages (other files are reported);
    * a folder in SaudiNewsNet's or ANT's native layout.

    The load report is attached to the frame: see :func:`load_report`.

    >>> seed = load_corpus("seed")
    >>> seed.loc[0, "outlet"], bool(seed.loc[0, "date_inferred"])
    ('Maraya International', True)
    """
    if isinstance(source, str) and source in ("seed",):
        return read_kit_folder(SEED_DIR, dataset="seed")
    if isinstance(source, str) and source in datasets.DATASETS:
        root = datasets.fetch(source)
        return read_saudinewsnet(root) if source == "saudinewsnet" else read_antcorpus(root)
    path = Path(source)
    if not path.exists():
        known = ", ".join(["seed", *sorted(datasets.DATASETS)])
        raise CorpusError(f"{source}: no such file or folder, and not a registered dataset ({known})")
    if path.is_file():
        return read_table(path, columns=columns, dayfirst=dayfirst)
    if columns:
        raise CorpusError(f"{path}: columns= applies to a table file (CSV, Excel, JSON, Parquet), not a folder")
    if (path / KIT_METADATA).is_file():
        return read_kit_folder(path, dayfirst=dayfirst)
    if (path / "dataset").is_dir() and any((path / "dataset").glob("*.zip")):
        return read_saudinewsnet(path)
    if any(p.is_file() and p.suffix.lower() in (".html", ".htm") for p in path.iterdir()):
        return read_html_folder(path)
    if any(path.glob("*.txt")):
        return read_kit_folder(path, dayfirst=dayfirst)
    if any(path.glob("*/*/*.txt")):
        return read_antcorpus(path)
    raise CorpusError(f"{path}: not a known corpus layout (kit folder, HTML folder, SaudiNewsNet, ANT)")
