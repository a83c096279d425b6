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
``corpus.attrs["load_report"]`` as a tuple of records, so that frames still concatenate): one row per record skipped, flagged or repaired, with the file,
the record, the action and the reason. Nothing is dropped silently.

Example:
    >>> seed = load_corpus("seed")
    >>> seed.loc[0, "text"][:24]
    'اليوم الأحد تمّ تحرير مد'
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from email.utils import parsedate_to_datetime
from pathlib import Path

import pandas as pd

from . import datasets

__all__ = [
    "CorpusError",
    "SCHEMA",
    "load_corpus",
    "load_report",
    "deduplicate",
    "read_saudinewsnet",
    "read_antcorpus",
    "read_kit_folder",
    "read_table",
    "read_html_folder",
    "decode_bytes",
    "split_furniture",
    "FURNITURE_LINES",
]

SCHEMA = [
    "doc_id", "dataset", "outlet", "date", "date_inferred", "title", "text", "url", "author",
    "category", "language", "furniture", "source_file", "is_empty", "duplicate_of",
]
REPORT_COLUMNS = ["source_file", "record", "doc_id", "action", "reason"]
SEED_DIR = datasets.kit_path("seed")

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
    """An input file cannot be read; the message names the file, the record and the problem."""


class _Report:
    """Collects load-report rows."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, source_file, record, doc_id, action, reason) -> None:
        self.rows.append({"source_file": str(source_file), "record": str(record),
                          "doc_id": "" if doc_id is None else str(doc_id),
                          "action": action, "reason": reason})

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=REPORT_COLUMNS)


# --- decoding -----------------------------------------------------------------------------


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode a file's bytes: UTF-8 (with or without BOM), UTF-16 (with BOM or detected),
    else the encoding found by charset-normalizer among Arabic legacy code pages.

    Returns ``(text, encoding)``. Raises :class:`CorpusError` naming ``name`` when no
    encoding fits.

    >>> decode_bytes("سوريا".encode("cp1256"))
    ('سوريا', 'cp1256')
    >>> decode_bytes("\\ufeffسوريا".encode("utf-8"))
    ('سوريا', 'utf-8-sig')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise CorpusError(f"{name}: has a UTF-16 byte-order mark but is not valid UTF-16 ({exc})") from exc
    if len(data) >= 4 and len(data) % 2 == 0:  # UTF-16 without a BOM: high bytes 0x00 or 0x06
        high_le = sum(b in (0, 6) for b in data[1:4000:2]) / len(data[1:4000:2])
        high_be = sum(b in (0, 6) for b in data[0:4000:2]) / len(data[0:4000:2])
        encodings = [e for e, share in (("utf-16-le", high_le), ("utf-16-be", high_be)) if share > 0.9]
        for enc in encodings:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text, enc
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


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    return len(_CONTROL_RE.findall(text)) / len(text) < 0.01


_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def _read_text_file(path: Path, report: _Report, rel: str) -> str:
    text, encoding = decode_bytes(path.read_bytes(), str(path))
    if encoding not in ("utf-8",):
        report.add(rel, "file", "", "repaired", f"decoded as {encoding}")
    return text


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


def _finish(rows: list[dict] | pd.DataFrame, report: _Report, dataset: str) -> pd.DataFrame:
    df = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
    df = df.reset_index(drop=True)
    # "record" in the load report locates a row inside its source file (item, line, row, file).
    records = (df["_record"].astype(str) if "_record" in df.columns
               else pd.Series([f"row {i + 1}" for i in range(len(df))], index=df.index))
    df = df.drop(columns=[c for c in ("_record",) if c in df.columns])
    for col in SCHEMA:
        if col not in df.columns:
            df[col] = pd.NA
    df["dataset"] = df["dataset"].fillna(dataset)
    for col in ("title", "text", "url", "author", "category", "furniture", "outlet", "source_file"):
        df[col] = df[col].fillna("").astype(str)
    df["language"] = df["language"].fillna("ar").astype(str)
    df["date_inferred"] = df["date_inferred"].fillna(False).astype(bool)
    if not isinstance(df["date"].dtype, pd.DatetimeTZDtype):
        df["date"] = pd.to_datetime(df["date"], utc=True, errors="coerce")
    df["date"] = df["date"].astype("datetime64[ns, UTC]")
    df["doc_id"] = df["doc_id"].astype(str)
    # Duplicate ids are repaired (suffix) and reported, so that doc_id stays unique.
    dup_ids = df["doc_id"].duplicated(keep="first")
    if dup_ids.any():
        counts: dict[str, int] = {}
        new_ids = df["doc_id"].tolist()
        for i in dup_ids[dup_ids].index:
            base = df.at[i, "doc_id"]
            counts[base] = counts.get(base, 1) + 1
            new_ids[i] = f"{base}~{counts[base]}"
            report.add(df.at[i, "source_file"], records[i], base, "repaired",
                       f"duplicate doc_id: renamed to {new_ids[i]}")
        df["doc_id"] = new_ids
    stripped = df["text"].str.strip()
    df["is_empty"] = stripped.eq("")
    for i in df.index[df["is_empty"]]:
        report.add(df.at[i, "source_file"], records[i], df.at[i, "doc_id"], "flagged", "empty text")
    first = stripped.where(~df["is_empty"]).dropna()
    dup = first.duplicated(keep="first")
    first_id = pd.Series(df.loc[first.index, "doc_id"].values, index=first.values)
    first_id = first_id[~first_id.index.duplicated(keep="first")]
    df["duplicate_of"] = pd.Series(pd.NA, index=df.index, dtype="string")
    dup_index = dup[dup].index
    if len(dup_index):
        df.loc[dup_index, "duplicate_of"] = first_id.reindex(stripped[dup_index].values).values
        for i in dup_index:
            report.add(df.at[i, "source_file"], records[i], df.at[i, "doc_id"], "flagged",
                       f"duplicate text of {df.at[i, 'duplicate_of']}")
    extra = [c for c in df.columns if c not in SCHEMA]
    df = df[SCHEMA + extra].reset_index(drop=True)
    rep = report.frame()
    df.attrs["load_report"] = _as_records(rep)
    return df


def load_report(corpus: pd.DataFrame) -> pd.DataFrame:
    """The load report attached to a corpus frame (empty frame if there is none).

    >>> load_report(load_corpus("seed"))["action"].tolist()
    []
    """
    rep = corpus.attrs.get("load_report")
    if rep is None:
        return pd.DataFrame(columns=REPORT_COLUMNS)
    if isinstance(rep, pd.DataFrame):
        return rep
    return pd.DataFrame(list(rep), columns=REPORT_COLUMNS)


def _as_records(report: pd.DataFrame) -> tuple:
    return tuple(tuple(str(v) for v in row) for row in report[REPORT_COLUMNS].itertuples(index=False))


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


# --- SaudiNewsNet ----------------------------------------------------------------------


def read_saudinewsnet(root: Path | str) -> pd.DataFrame:
    """Read SaudiNewsNet's native files: ``dataset/<day>.zip``, each a JSON array.

    ``date`` is the crawl time (``date_extracted``, read as Riyadh time, UTC+3) and is
    flagged ``date_inferred``; the raw string stays in ``date_extracted``.
    """
    root = Path(root)
    report = _Report()
    rows: list[dict] = []
    zips = sorted((root / "dataset").glob("*.zip"))
    if not zips:
        raise CorpusError(f"{root}: no dataset/*.zip files (is this the SaudiNewsNet layout?)")
    for zpath in zips:
        rel = f"dataset/{zpath.name}"
        day = zpath.stem
        try:
            with zipfile.ZipFile(zpath) as zf:
                members = [m for m in zf.namelist() if m.endswith(".json")]
                if not members:
                    raise CorpusError(f"{rel}: the zip holds no .json file")
                for member in members:
                    text, _ = decode_bytes(zf.read(member), f"{rel}:{member}")
                    try:
                        records = json.loads(text)
                    except json.JSONDecodeError as exc:
                        raise CorpusError(f"{rel}:{member}: not valid JSON ({exc})") from exc
                    if not isinstance(records, list):
                        raise CorpusError(f"{rel}:{member}: expected a JSON array of articles")
                    for i, rec in enumerate(records):
                        doc_id = f"snn-{day}-{i:05d}"
                        if not isinstance(rec, dict):
                            report.add(rel, f"item {i}", doc_id, "skipped", "malformed row: not a JSON object")
                            continue
                        rows.append({
                            "doc_id": doc_id, "outlet": rec.get("source") or "",
                            "date_extracted": rec.get("date_extracted"), "title": rec.get("title"),
                            "text": rec.get("content"), "url": rec.get("url"),
                            "author": rec.get("author"), "source_file": rel, "_record": f"item {i}",
                        })
        except zipfile.BadZipFile as exc:
            raise CorpusError(f"{rel}: not a valid zip file ({exc})") from exc
    df = pd.DataFrame(rows)
    dates = pd.to_datetime(df["date_extracted"], format="%Y-%m-%d %H:%M:%S", errors="coerce")
    bad = dates.isna()
    for i in df.index[bad]:
        report.add(df.at[i, "source_file"], df.at[i, "_record"], df.at[i, "doc_id"], "flagged",
                   f"unparseable date_extracted {df.at[i, 'date_extracted']!r}")
    df["date"] = dates.dt.tz_localize("Asia/Riyadh").dt.tz_convert("UTC")
    df["date_inferred"] = True
    df["dataset"] = "saudinewsnet"
    return _finish(df, report, "saudinewsnet")


# --- ANT --------------------------------------------------------------------------------

_ANT_TAGS = ("DOCNO", "URL", "SRC", "CAT", "TITLE", "TIME", "AUTHOR", "ABSTRACT", "TEXT")
_ANT_TAG_RE = re.compile(r"<(/?)(" + "|".join(_ANT_TAGS) + r"|DOC)\s*>", re.IGNORECASE)


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


def _unescape(s: str) -> str:
    if "&" not in s:
        return s
    import html

    return html.unescape(s)


def read_antcorpus(root: Path | str) -> pd.DataFrame:
    """Read ANT's native files: ``<Outlet>/<category>/<DOCNO>.txt`` in TREC-like markup."""
    root = Path(root)
    report = _Report()
    rows = []
    files = sorted(p for p in root.glob("*/*/*.txt"))
    if not files:
        raise CorpusError(f"{root}: no <Outlet>/<category>/*.txt files (is this the ANT layout?)")
    for path in files:
        rel = path.relative_to(root).as_posix()
        raw = _read_text_file(path, report, rel)
        fields, repairs = parse_trec(raw)
        doc_id = fields.get("DOCNO") or path.stem
        for r in repairs:
            report.add(rel, "file", doc_id, "repaired", f"malformed markup: {r}")
        if "TEXT" not in fields:
            report.add(rel, "file", doc_id, "flagged", "malformed row: no <TEXT> element")
        date = pd.NaT
        if fields.get("TIME"):
            try:
                date = pd.Timestamp(parsedate_to_datetime(fields["TIME"])).tz_convert("UTC")
            except (TypeError, ValueError, IndexError):
                report.add(rel, "file", doc_id, "flagged", f"unparseable date {fields['TIME']!r}")
        else:
            report.add(rel, "file", doc_id, "flagged", "no date")
        outlet_dir = path.parts[-3]
        rows.append({
            "doc_id": doc_id, "outlet": ANT_OUTLETS.get(outlet_dir, outlet_dir), "date": date,
            "title": fields.get("TITLE", ""), "text": fields.get("TEXT", ""),
            "url": fields.get("URL", ""), "author": fields.get("AUTHOR", ""),
            "category": fields.get("CAT", path.parts[-2]), "source_file": rel, "_record": "file",
            "abstract": fields.get("ABSTRACT", ""),
        })
    return _finish(rows, report, "antcorpus")


# --- the kit's own folder format ----------------------------------------------------------

KIT_METADATA = "metadata.csv"


def read_kit_folder(folder: Path | str, *, dataset: str | None = None) -> pd.DataFrame:
    """Read a folder in the kit's format: one text file per article plus ``metadata.csv``.

    ``metadata.csv`` (UTF-8, editable in a spreadsheet) has a row per article with at
    least ``file`` (the text file's name); other schema columns are optional (``doc_id``,
    ``outlet``, ``date``, ``date_inferred``, ``title``, ``url``, ``author``, ``category``).
    An optional ``layout`` column describes the text file's first lines:
    ``category,title,body`` means line 1 is the section, the next non-empty line the
    headline, the rest the body. Trailing page furniture is always split off.
    """
    folder = Path(folder)
    meta_path = folder / KIT_METADATA
    report = _Report()
    if not meta_path.is_file():
        # No metadata: every .txt file is an article; its name is its id.
        meta = pd.DataFrame({"file": sorted(p.name for p in folder.glob("*.txt"))})
        if meta.empty:
            raise CorpusError(f"{folder}: no {KIT_METADATA} and no .txt files")
    else:
        meta = _read_csv_text(meta_path, report, KIT_METADATA)
        if "file" not in meta.columns:
            raise CorpusError(f"{meta_path}: needs a 'file' column naming each article's text file")
    rows = []
    for i, rec in meta.iterrows():
        rec = {k: v for k, v in rec.items() if not (isinstance(v, float) and pd.isna(v))}
        name = str(rec.get("file", "")).strip()
        line = i + 2  # header is line 1
        if not name:
            report.add(KIT_METADATA, f"line {line}", rec.get("doc_id"), "skipped", "malformed row: empty 'file'")
            continue
        path = folder / name
        if not path.is_file():
            report.add(KIT_METADATA, f"line {line}", rec.get("doc_id"), "skipped", f"file {name} not found")
            continue
        try:
            raw = _read_text_file(path, report, name)
        except CorpusError as exc:
            report.add(name, "file", rec.get("doc_id"), "skipped", f"undecodable bytes: {exc}")
            continue
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
        body, furniture = split_furniture(raw)
        layout = str(rec.pop("layout", "body"))
        if layout.startswith("category,title"):
            lines = body.split("\n")
            nonempty = [k for k, ln in enumerate(lines) if ln.strip()]
            if len(nonempty) >= 2:
                rec.setdefault("category", lines[nonempty[0]].strip())
                rec.setdefault("title", lines[nonempty[1]].strip())
                body = "\n".join(lines[nonempty[1] + 1:]).strip()
        rec.update({"text": body, "furniture": furniture, "source_file": name, "_record": f"metadata line {line}"})
        rec.setdefault("doc_id", Path(name).stem)
        if "date_inferred" in rec:
            rec["date_inferred"] = str(rec["date_inferred"]).strip().lower() in ("true", "1", "yes")
        rows.append(rec)
    df = pd.DataFrame(rows)
    if "date" in df.columns:
        parsed = pd.to_datetime(df["date"], utc=True, errors="coerce", format="mixed")
        for i in df.index[parsed.isna() & df["date"].notna()]:
            report.add(df.at[i, "source_file"], df.at[i, "_record"], df.at[i, "doc_id"], "flagged",
                       f"unparseable date {df.at[i, 'date']!r}")
        df["date"] = parsed
    return _finish(df, report, dataset or folder.name)


def _read_csv_text(path: Path, report: _Report, rel: str) -> pd.DataFrame:
    text = _read_text_file(path, report, rel)
    bad: list[list[str]] = []

    def on_bad(line: list[str]) -> None:
        bad.append(line)
        return None

    df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""],
                     engine="python", on_bad_lines=on_bad)
    for b in bad:
        report.add(rel, "row", "", "skipped", f"malformed row ({len(b)} fields, expected {len(df.columns)}): {b[:3]}")
    return df


# --- tables: CSV, JSON Lines, Parquet -----------------------------------------------------

_TEXT_ALIASES = ("text", "content", "body", "article")


def standard_text_and_ids(df: pd.DataFrame, stem: str, name: str) -> pd.DataFrame:
    """Put a table's text under ``text`` (gaps filled from its other names, missing → ``""``)
    and give rows without a ``doc_id`` the id ``<stem>-<index>``; shared by :func:`read_table`
    and the Parquet batches of :mod:`helpers.scale`. ``name`` names the source in errors."""
    text_col = next((c for c in _TEXT_ALIASES if c in df.columns), None)
    if text_col is None:
        raise CorpusError(f"{name}: no text column; expected one of {', '.join(_TEXT_ALIASES)}")
    for alias in _TEXT_ALIASES:  # rows may name their text differently (JSON Lines)
        if alias != text_col and alias in df.columns:
            df[text_col] = df[text_col].fillna(df[alias])
    df = df.rename(columns={text_col: "text"})  # no "text" column exists when text_col differs
    df["text"] = df["text"].where(df["text"].notna(), "").astype(str)
    if "doc_id" not in df.columns:
        df["doc_id"] = pd.NA
    missing = df["doc_id"].isna() | df["doc_id"].astype(str).str.strip().eq("")
    generated = pd.Series([f"{stem}-{i}" for i in df.index], index=df.index)
    df["doc_id"] = df["doc_id"].where(~missing, generated).astype(str)
    return df


def read_table(path: Path | str) -> pd.DataFrame:
    """Read a CSV, JSON Lines (``.jsonl``/``.ndjson``) or Parquet file, one article per row.

    A ``text`` column (or ``content``/``body``/``article``) is required; other schema
    columns are used when present. Missing ``doc_id`` values become ``<file stem>-<row>``.
    Malformed CSV rows and JSON lines are skipped and listed in the load report.
    """
    path = Path(path)
    report = _Report()
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        df = pd.read_parquet(path)
    elif suffix in (".jsonl", ".ndjson", ".json"):
        text = _read_text_file(path, report, path.name)
        if suffix == ".json" and text.lstrip().startswith("["):
            records = json.loads(text)
        else:
            records = []
            for n, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    report.add(path.name, f"line {n}", "", "skipped", f"malformed row: invalid JSON ({exc.msg})")
                    continue
                if not isinstance(rec, dict):
                    report.add(path.name, f"line {n}", "", "skipped", "malformed row: not a JSON object")
                    continue
                rec["_record"] = f"line {n}"
                records.append(rec)
        df = pd.DataFrame(records)
    elif suffix in (".csv", ".tsv"):
        df = _read_csv_text(path, report, path.name)
    else:
        raise CorpusError(f"{path}: unknown table format {suffix!r} (use .csv, .jsonl or .parquet)")
    df = standard_text_and_ids(df, path.stem, str(path))
    df["source_file"] = path.name
    row_names = pd.Series([f"row {i + 1}" for i in range(len(df))], index=df.index)
    df["_record"] = df["_record"].fillna(row_names) if "_record" in df.columns else row_names
    if "date" in df.columns and not isinstance(df["date"].dtype, pd.DatetimeTZDtype):
        raw_dates = df["date"]
        df["date"] = pd.to_datetime(raw_dates, utc=True, errors="coerce", format="mixed")
        for i in df.index[df["date"].isna() & raw_dates.notna() & raw_dates.astype(str).str.strip().ne("")]:
            report.add(path.name, df.at[i, "_record"], df.at[i, "doc_id"], "flagged", f"unparseable date {raw_dates[i]!r}")
    return _finish(df, report, path.stem)


# --- saved web pages ---------------------------------------------------------------------


def read_html_folder(folder: Path | str, *, dataset: str | None = None) -> pd.DataFrame:
    """Read a folder of saved web pages (``*.html``/``*.htm``), one article per page.

    The main text and the metadata (title, author, date, URL, site name) are extracted
    with trafilatura, which removes menus, comments and other page furniture.
    """
    import trafilatura

    folder = Path(folder)
    report = _Report()
    rows = []
    pages = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".html", ".htm"))
    if not pages:
        raise CorpusError(f"{folder}: no .html or .htm files")
    for path in pages:
        try:
            html_text, _ = decode_bytes(path.read_bytes(), str(path))
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
    return _finish(rows, report, dataset or folder.name)


# --- the one entry point -----------------------------------------------------------------


def load_corpus(source: str | Path) -> pd.DataFrame:
    """Load a corpus into a frame with the documented schema (see the module docstring).

    ``source`` is one of:

    * a registered dataset name: ``"seed"`` (shipped in ``corpus/seed``),
      ``"saudinewsnet"`` or ``"antcorpus"`` (fetched, or read from ``ITAR_DATA``);
    * a folder in the kit's format (text files plus ``metadata.csv``), or a folder of
      saved web pages (``.html``);
    * a ``.csv``, ``.jsonl`` or ``.parquet`` file with one article per row;
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
        return read_table(path)
    if (path / "dataset").is_dir() and any((path / "dataset").glob("*.zip")):
        return read_saudinewsnet(path)
    if (path / KIT_METADATA).is_file() or any(path.glob("*.txt")):
        return read_kit_folder(path)
    if any(p.suffix.lower() in (".html", ".htm") for p in path.iterdir()):
        return read_html_folder(path)
    if any(path.glob("*/*/*.txt")):
        return read_antcorpus(path)
    raise CorpusError(f"{path}: not a known corpus layout (kit folder, HTML folder, SaudiNewsNet, ANT)")
