"""Validation: do the counts measure what they claim? Samples to read, coding sheets, precision and recall.

This module owns the checking step that sits beside :mod:`helpers.analysis`: it reads
matches (:func:`helpers.lexicon.find_terms`) and writes tables a person codes and the
tables computed from their codes. It draws nothing.

The workflow (``corpus/validation/README.md`` has the coding instructions):

1. :func:`sample_matches` draws a seeded sample of matches per label, stratified by outlet,
   with the words before and after each match (:func:`sample_articles` draws whole articles);
2. a coder fills ``code`` (``1`` right sense *and* intended referent, ``0`` wrong, ``?``
   unsure) and ``voice_code`` (``own`` or ``quoted``) in a spreadsheet
   (:func:`write_coding_sheet`, :func:`read_coding_sheet`) or in the DataFrame itself;
3. :func:`precision_table` gives per-label precision with Wilson 95% intervals
   (:func:`wilson_interval`), :func:`lexicon_precision` the whole lexicon's,
   :func:`flag_labels` the labels below a chosen precision,
   :func:`voice_accuracy` how often the kit's own/quoted split agrees with the coder;
   with two coders, :func:`coder_agreement` (agreement and Cohen's kappa) and
   :func:`adjudicate` (a third coder decides where they differ);
4. :func:`recall_table` compares the kit's matches with the mentions a coder found by
   reading whole articles (:func:`read_mentions`, :func:`locate_mentions`).

Corpus text must not be redistributed: :func:`strip_context` keeps identifiers and codes
only (what the kit commits), and :func:`attach_context` re-creates the context from the
fetched corpus, checking that every span still holds its match. The kit's published
tables are read by :func:`load_validation`.

Example:
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "dataset": "demo", "outlet": ["X", "Y"],
    ...     "title": ["", ""], "text": ["حلفاء دمشق في حلب", "حلفاء واشنطن"]})
    >>> lex = pd.DataFrame({"label": ["allies"], "category": ["allies"], "gloss": ["allies"], "pattern": ["حلفا*"]})
    >>> sample = sample_matches(corpus, lex, per_label=5)
    >>> sample[["doc_id", "match", "after"]].values.tolist()
    [['a', 'حلفاء', 'دمشق في حلب'], ['b', 'حلفاء', 'واشنطن']]
    >>> sample["code"] = [1, 0]
    >>> precision_table(sample)[["label", "n", "correct", "precision"]].values.tolist()
    [['allies', 2, 1, 0.5]]
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

from .arabic import WORD_PATTERN
from .analysis import wilson_interval
from .lexicon import Lexicon, as_lexicon, find_terms

__all__ = [
    "sample_matches", "write_coding_sheet", "read_coding_sheet", "strip_context", "attach_context",
    "wilson_interval", "precision_table", "recall_table", "voice_accuracy", "flag_labels",
    "load_validation", "read_mentions", "locate_mentions", "sample_articles", "lexicon_precision", "ValidationError",
    "coder_agreement", "adjudicate",
]

#: The columns of a coding sheet, in order (the last three are filled by the coder).
SHEET_COLUMNS = ["sample_id", "corpus", "lexicon", "doc_id", "outlet", "field", "start", "end", "label",
                 "category", "gloss", "pattern", "label_matches", "surface", "voice", "before", "match", "after",
                 "code", "voice_code", "note"]
#: What :func:`strip_context` keeps: identifiers, the kit's own outputs and the codes; no corpus text.
ID_COLUMNS = ["sample_id", "corpus", "lexicon", "doc_id", "outlet", "field", "start", "end", "label",
              "pattern", "label_matches", "voice", "code", "voice_code", "note"]
#: A coded sheet must have these (the others are optional).
REQUIRED = ["corpus", "lexicon", "doc_id", "field", "start", "end", "label", "code"]
MENTION_COLUMNS = ["doc_id", "field", "start", "end", "label"]
PRECISION_COLUMNS = ["corpus", "lexicon", "label", "n", "correct", "precision", "low", "high", "passes",
                     "unsure", "uncoded"]
RECALL_COLUMNS = ["corpus", "lexicon", "label", "n", "found", "recall", "low", "high"]
CODES = {"1", "0", "?"}
VOICES = {"own", "quoted"}
_WORDS = re.compile(WORD_PATTERN)
_KIT_DIR = Path(__file__).resolve().parent.parent


class ValidationError(ValueError):
    """A coding sheet, mentions file or corpus does not fit; the message names the file and row."""


# -- names and corpora ----------------------------------------------------------------------

def _lexicon_name(lexicon) -> str:
    """A short name for the ``lexicon`` column: ``frames`` for ``corpus/lexicons/frames.csv``."""
    if isinstance(lexicon, (str, Path)) and (isinstance(lexicon, Path) or str(lexicon).lower().endswith(".csv")
                                             or _kit_lexicon(str(lexicon))):
        return Path(lexicon).stem
    if isinstance(lexicon, Lexicon) and lexicon.source.lower().endswith(".csv"):
        return Path(lexicon.source).stem
    return "custom"


def _kit_folder(name: str) -> Path:
    """A folder the kit ships under ``corpus/`` (through ``datasets.kit_path`` where the package has it)."""
    try:
        from .datasets import kit_path  # the installed wheel keeps corpus/ as package data
    except ImportError:
        return _KIT_DIR / "corpus" / name
    return kit_path(name)


def _kit_lexicon(name: str) -> Path | None:
    path = _kit_folder("lexicons") / f"{name}.csv"
    return path if re.fullmatch(r"[A-Za-z0-9_]+", name) and path.is_file() else None


def _as_lexicon(lexicon) -> Lexicon:
    """A Lexicon from a Lexicon, a CSV path, a kit lexicon name (``"frames"``) or a DataFrame."""
    if isinstance(lexicon, str) and not lexicon.lower().endswith(".csv") and _kit_lexicon(lexicon):
        return Lexicon.from_csv(_kit_lexicon(lexicon))
    return as_lexicon(lexicon)


def _corpus_name(corpus: pd.DataFrame) -> str:
    names = corpus["dataset"].dropna().astype(str).unique() if "dataset" in corpus.columns else []
    return names[0] if len(names) == 1 else "custom"


def _as_corpus(corpus) -> pd.DataFrame:
    if isinstance(corpus, pd.DataFrame):
        if "doc_id" not in corpus.columns:
            raise ValidationError("the corpus frame needs a 'doc_id' column")
        return corpus
    from .corpus import load_corpus

    return load_corpus(corpus)


def _field_matches(corpus: pd.DataFrame, lex: Lexicon, fields) -> pd.DataFrame:
    """find_terms per field (each field a Series indexed by doc_id), with a ``field`` column."""
    frames = []
    for field in fields:
        if field not in corpus.columns:
            raise ValidationError(f"the corpus has no {field!r} column (fields={tuple(fields)})")
        texts = pd.Series(corpus[field].fillna("").astype(str).values, index=corpus["doc_id"].values)
        found = find_terms(texts, lex)
        if "field" in found.columns:
            found = found.drop(columns="field")
        found.insert(1, "field", field)
        frames.append(found)
    out = pd.concat(frames, ignore_index=True)
    out = out[~out["label"].isin(lex.blockers)]  # blockers are checks, not counts
    return out.reset_index(drop=True)


def _context(text: str, start: int, end: int, window: int) -> tuple[str, str]:
    """``window`` words before and after ``text[start:end]``, whitespace collapsed, in the original spelling."""
    if window <= 0:
        return "", ""
    left = list(_WORDS.finditer(text, 0, start))
    before = text[left[-window].start() if len(left) >= window else 0:start]
    right = []
    for m in _WORDS.finditer(text, end):
        right.append(m)
        if len(right) == window:
            break
    after = text[end:right[-1].end() if len(right) == window else len(text)]
    return " ".join(before.split()), " ".join(after.split())


# -- sampling -------------------------------------------------------------------------------

def _allocate(sizes: dict[str, int], n: int) -> dict[str, int]:
    """Split ``n`` draws over strata in proportion to their sizes, at least one each where possible.

    >>> _allocate({"A": 90, "B": 9, "C": 1}, 10)
    {'A': 8, 'B': 1, 'C': 1}
    """
    total = sum(sizes.values())
    if total <= n:
        return dict(sizes)
    quota = {s: n * k / total for s, k in sizes.items()}
    floor = 1 if len(sizes) <= n else 0
    alloc = {s: min(sizes[s], max(floor, math.floor(q))) for s, q in quota.items()}
    while sum(alloc.values()) > n:  # the minimum of one pushed us over: take from the most over-served
        s = max((s for s in alloc if alloc[s] > floor), key=lambda s: (alloc[s] - quota[s], s))
        alloc[s] -= 1
    while sum(alloc.values()) < n:  # largest remainder first; ties by name (deterministic)
        s = max((s for s in alloc if alloc[s] < sizes[s]), key=lambda s: (quota[s] - alloc[s], s))
        alloc[s] += 1
    return alloc


def sample_matches(corpus, lexicon, *, per_label: int = 20, seed: int = 0, labels=None, strata: str | None = "outlet",
                   window: int = 10, voice: str | None = None, fields=("title", "text"), name: str | None = None,
                   exclude: pd.DataFrame | None = None) -> pd.DataFrame:
    """A seeded sample of each label's matches, stratified, with context: a coding sheet.

    ``corpus`` is a corpus frame (or a name for :func:`helpers.load_corpus`); matches are
    searched in each of ``fields`` separately (a match never spans the title/text boundary)
    and blocker labels are left out. For each label, ``per_label`` matches are drawn (all of
    them if there are fewer), split over the values of the ``strata`` column in proportion
    to their number of matches, with at least one per stratum where ``per_label`` allows
    (``strata=None``: one simple random sample). Each label's draw depends only on ``seed``
    and the label, so adding a label does not change the others' samples.
    ``voice="own"|"quoted"`` samples only matches in that voice (``None``: all). ``name`` is
    the value of the ``corpus`` column (default: the corpus's ``dataset``), e.g. to mark a
    filtered subset. ``exclude`` (a frame with ``doc_id, field, start, end``, e.g. an earlier
    round's coded sheet) leaves those matches out of the draw, so that a second round codes
    only matches nobody has read; a label with fewer unread matches than ``per_label`` gets
    all of them (``label_matches`` still counts every match).

    Columns: :data:`SHEET_COLUMNS`. ``label_matches`` is the label's number of matches in the
    corpus (the population sampled; :func:`lexicon_precision` weights by it).
    ``before``/``after`` are ``window`` words of context;
    ``code``, ``voice_code`` and ``note`` are empty, for the coder. Sorted by label, then
    document, field and offset; ``sample_id`` is ``label-NNN`` in that order.

    >>> corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"], "title": "",
    ...     "text": ["قال إن حلفاء دمشق تقدموا", "أكد حلفاء واشنطن ذلك", "حلفاء روسيا"]})
    >>> lex = pd.DataFrame({"label": ["allies"], "category": [""], "gloss": ["allies"], "pattern": ["حلفا*"]})
    >>> s = sample_matches(corpus, lex, per_label=2, window=2)
    >>> s[["sample_id", "doc_id", "outlet", "before", "match", "after"]].values.tolist()
    [['allies-001', 'b', 'X', 'أكد', 'حلفاء', 'واشنطن ذلك'], ['allies-002', 'c', 'Y', '', 'حلفاء', 'روسيا']]
    """
    corpus = _as_corpus(corpus)
    lex = _as_lexicon(lexicon)
    if per_label < 1:
        raise ValueError(f"per_label must be at least 1, not {per_label}")
    if voice not in (None, "all", "own", "quoted"):
        raise ValueError(f"voice must be None, 'all', 'own' or 'quoted', not {voice!r}")
    if strata is not None and strata not in corpus.columns:
        raise ValidationError(f"strata: the corpus has no {strata!r} column")
    wanted = lex.shown_labels() if labels is None else list(labels)
    unknown = [x for x in wanted if x not in lex.labels]
    if unknown:
        raise ValidationError(f"labels not in the lexicon {lex.source}: {', '.join(map(str, unknown))}")
    if corpus["doc_id"].duplicated().any():
        raise ValidationError(f"doc_id repeats in the corpus (e.g. {corpus['doc_id'][corpus['doc_id'].duplicated()].iloc[0]!r})")
    found = _field_matches(corpus, lex, fields)
    if voice in ("own", "quoted"):
        found = found[found["voice"] == voice]
    found = found[found["label"].isin(wanted)]
    by_id = corpus.set_index("doc_id")
    found = found.assign(stratum=found["doc_id"].map(by_id[strata]).fillna("").astype(str) if strata else "")
    seen = set()
    if exclude is not None and len(exclude):
        seen = set(zip(exclude["doc_id"].astype(str), exclude["field"].astype(str),
                       exclude["start"].astype("int64"), exclude["end"].astype("int64")))
    picked = []
    for label in sorted(wanted):
        rows = found[found["label"] == label].sort_values(["doc_id", "field", "start"], kind="stable")
        if seen:
            unread = [(str(d), str(f), int(s), int(e)) not in seen
                      for d, f, s, e in zip(rows["doc_id"], rows["field"], rows["start"], rows["end"])]
            rows = rows[np.array(unread, dtype=bool)]
        rng = np.random.default_rng([seed, zlib.crc32(label.encode("utf-8"))])
        alloc = _allocate(rows.groupby("stratum").size().to_dict(), per_label)
        for stratum in sorted(alloc):
            part = rows[rows["stratum"] == stratum]
            picked.append(part.iloc[np.sort(rng.choice(len(part), size=alloc[stratum], replace=False))])
    sample = pd.concat(picked, ignore_index=True) if picked else found.iloc[:0]
    sample = sample.sort_values(["label", "doc_id", "field", "start"], kind="stable").reset_index(drop=True)
    before, after = [], []
    for doc_id, field, start, end in zip(sample["doc_id"], sample["field"], sample["start"], sample["end"]):
        text = by_id.at[doc_id, field]
        b, a = _context(text if isinstance(text, str) else "", int(start), int(end), window)
        before.append(b)
        after.append(a)
    number = sample.groupby("label").cumcount() + 1
    out = pd.DataFrame({
        "sample_id": [f"{lab}-{k:03d}" for lab, k in zip(sample["label"], number)],
        "corpus": name or _corpus_name(corpus), "lexicon": _lexicon_name(lexicon),
        "doc_id": sample["doc_id"].values,
        "outlet": sample["doc_id"].map(by_id["outlet"]).values if "outlet" in by_id.columns else "",
        "field": sample["field"].values, "start": sample["start"].astype("int64").values,
        "end": sample["end"].astype("int64").values, "label": sample["label"].values,
        "category": sample["category"].values, "gloss": sample["gloss"].values, "pattern": sample["pattern"].values,
        "label_matches": sample["label"].map(found["label"].value_counts()).astype("int64").values,
        "surface": sample["surface"].values, "voice": sample["voice"].values,
        "before": before, "match": sample["surface"].values, "after": after, "code": "", "voice_code": "", "note": "",
    }, columns=SHEET_COLUMNS)
    return out


def sample_articles(corpus, n: int, *, seed: int = 0, strata: str | None = "outlet") -> pd.DataFrame:
    """``n`` articles drawn with a fixed seed, stratified like :func:`sample_matches` (for recall coding).

    Each stratum gets a share of ``n`` in proportion to its number of articles, at least one
    where ``n`` allows. Returns the rows sorted by ``doc_id``.

    >>> corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(10)], "outlet": ["A"] * 8 + ["B"] * 2})
    >>> sample_articles(corpus, 3, seed=1)["outlet"].tolist()
    ['A', 'A', 'B']
    """
    corpus = _as_corpus(corpus).sort_values("doc_id", kind="stable")
    if strata is not None and strata not in corpus.columns:
        raise ValidationError(f"strata: the corpus has no {strata!r} column")
    groups = corpus[strata].fillna("").astype(str) if strata else pd.Series("", index=corpus.index)
    alloc = _allocate(groups.value_counts().to_dict(), n)
    rng = np.random.default_rng([seed, zlib.crc32(b"articles")])
    parts = []
    for stratum in sorted(alloc):
        part = corpus[(groups == stratum).to_numpy()]
        parts.append(part.iloc[np.sort(rng.choice(len(part), size=alloc[stratum], replace=False))])
    return pd.concat(parts).sort_values("doc_id", kind="stable").reset_index(drop=True) if parts else corpus.iloc[:0]


# -- coding sheets --------------------------------------------------------------------------

def _write_csv(table: pd.DataFrame, path: str | Path, *, bom: bool) -> Path:
    """Write a table as CSV (all fields quoted where needed), replacing ``path`` only when complete."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        table.to_csv(fh, index=False, lineterminator="\n")
    os.replace(tmp, path)
    return path


def write_coding_sheet(sample: pd.DataFrame, path: str | Path) -> Path:
    """Write a sample as a coding sheet: CSV in UTF-8 with a byte-order mark (Excel then shows Arabic).

    The coder fills ``code`` (1 / 0 / ?), ``voice_code`` (own / quoted) and ``note``, and
    saves as CSV UTF-8. Returns the path. The file is replaced only once fully written.

    >>> import tempfile
    >>> sheet = pd.DataFrame({"corpus": ["demo"], "lexicon": ["frames"], "doc_id": ["a"], "field": ["text"],
    ...     "start": [0], "end": [5], "label": ["allies"], "code": [""], "voice_code": [""], "note": [""]})
    >>> path = write_coding_sheet(sheet, Path(tempfile.mkdtemp()) / "sheet.csv")
    >>> path.read_bytes()[:3] == "\\ufeff".encode("utf-8")
    True
    """
    return _write_csv(sample, path, bom=True)


def _norm_code(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "1" if value else "0"
    if isinstance(value, (int, float, np.integer, np.floating)):
        return str(int(value)) if float(value).is_integer() else str(value)
    text = str(value).strip()
    return {"1.0": "1", "0.0": "0"}.get(text, text)


def _check_sheet(sheet: pd.DataFrame, source: str = "<sheet>", rows: list[str] | None = None) -> pd.DataFrame:
    """Validate a coding sheet (a DataFrame) and return it with tidy types.

    ``code`` becomes one of ``"1" "0" "?"`` or ``""`` (not coded yet), ``voice_code`` one of
    ``"own" "quoted" "?"`` or ``""``; ``start``/``end`` integers. Errors name ``source``
    and the row (``rows[i]``, default ``row i`` of the frame) and show the bad value.
    """
    missing = [c for c in REQUIRED if c not in sheet.columns]
    if missing:
        raise ValidationError(f"{source}: missing column(s) {', '.join(missing)}; a coding sheet needs {','.join(REQUIRED)}")
    where = rows or _row_names(sheet)
    out = sheet.copy()
    for col in ("voice_code", "note"):
        if col not in out.columns:
            out[col] = ""
    codes, voices, starts, ends = [], [], [], []
    for i, (code, voice, start, end, doc_id) in enumerate(zip(out["code"], out["voice_code"], out["start"],
                                                              out["end"], out["doc_id"])):
        c = _norm_code(code)
        if c not in CODES | {""}:
            raise ValidationError(f"{source}, {where[i]}: code {code!r} is not 1, 0 or ? (doc_id {doc_id})")
        v = _norm_code(voice).lower()
        if v not in VOICES | {"?", ""}:
            raise ValidationError(f"{source}, {where[i]}: voice_code {voice!r} is not own, quoted or ? (doc_id {doc_id})")
        a, b = _span(start, end, source, where[i])
        codes.append(c)
        voices.append(v)
        starts.append(a)
        ends.append(b)
    out["code"], out["voice_code"] = codes, voices
    out["start"] = pd.Series(starts, index=out.index, dtype="int64")
    out["end"] = pd.Series(ends, index=out.index, dtype="int64")
    out["note"] = out["note"].fillna("").astype(str)
    ids = ["corpus", "lexicon", "doc_id", "field", "start", "end", "label"]
    dup = out.duplicated(ids, keep="first")
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        raise ValidationError(f"{source}, {where[i]}: the same match ({out['doc_id'].iloc[i]}, {out['field'].iloc[i]} "
                              f"{out['start'].iloc[i]}-{out['end'].iloc[i]}) is listed twice")
    return out


def _row_names(table: pd.DataFrame) -> list[str]:
    """How errors name the rows of a DataFrame: ``row 3 (allies-004)``."""
    ids = table["sample_id"].astype(str).tolist() if "sample_id" in table.columns else None
    return [f"row {i}" + (f" ({ids[i]})" if ids else "") for i in range(len(table))]


def _read_table(path: str | Path, what: str) -> tuple[pd.DataFrame, list[str]]:
    """Read a CSV (UTF-8, with or without BOM) as strings, with the line number of each row."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ValidationError(f"{path}: no such {what} file") from None
    except UnicodeDecodeError as exc:
        raise ValidationError(f"{path}: not UTF-8 ({exc}); save the {what} as 'CSV UTF-8'") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise ValidationError(f"{path}: empty file; a {what} needs a header row") from None
    rows, lines = [], []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise ValidationError(f"{path}, line {reader.line_num}: expected {len(header)} fields, got {len(row)}")
        rows.append(row)
        lines.append(f"line {reader.line_num}")
    return pd.DataFrame(rows, columns=header, dtype=object), lines


def _span(start, end, source: str, where: str) -> tuple[int, int]:
    """A coded row's ``start``/``end`` as a span of whole numbers, or an error naming the row."""
    try:
        a, b = int(_norm_code(start)), int(_norm_code(end))
    except ValueError:
        raise ValidationError(f"{source}, {where}: start/end {start!r}/{end!r} are not whole numbers") from None
    if not 0 <= a < b:
        raise ValidationError(f"{source}, {where}: start {a} and end {b} do not make a span")
    return a, b


def read_coding_sheet(path: str | Path) -> pd.DataFrame:
    """Read and validate a coding sheet written by :func:`write_coding_sheet` (or a stripped one).

    Errors name the file, the line and the bad value. ``code`` is returned as a string
    (``"1" "0" "?"`` or ``""``), ``start``/``end`` as integers.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "coded.csv"
    >>> _ = path.write_text("corpus,lexicon,doc_id,field,start,end,label,code\\nant,frames,a,text,0,5,allies,yes\\n")
    >>> read_coding_sheet(path)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    helpers.validation.ValidationError: ...coded.csv, line 2: code 'yes' is not 1, 0 or ? (doc_id a)
    """
    table, lines = _read_table(path, "coding sheet")
    return _check_sheet(table, str(path), lines)


def strip_context(sheet: pd.DataFrame) -> pd.DataFrame:
    """Keep identifiers and codes only (:data:`ID_COLUMNS` that are present): no corpus text.

    This is what the kit commits: the corpora may not be redistributed, and the offsets are
    enough to re-create the context with :func:`attach_context`. A note that quotes the
    article (a run of :data:`QUOTE_WORDS` or more Arabic words) has the quotation replaced
    by ``[…]``.

    >>> sheet = pd.DataFrame({"corpus": ["ant"], "doc_id": ["a"], "before": ["..."], "match": ["حلفاء"], "code": ["1"]})
    >>> list(strip_context(sheet).columns)
    ['corpus', 'doc_id', 'code']
    >>> strip_context(pd.DataFrame({"note": ["US allies: قال إن حلفاء واشنطن في المنطقة"]}))["note"].tolist()
    ['US allies: […]']
    """
    out = sheet[[c for c in ID_COLUMNS if c in sheet.columns]].copy()
    if "note" in out.columns:
        out["note"] = out["note"].fillna("").astype(str).str.replace(_QUOTED_RUN, "[…]", regex=True)
    return out


#: A note with this many Arabic words in a row quotes the article (:func:`strip_context`).
QUOTE_WORDS = 5
_QUOTED_RUN = re.compile(r"[\u0600-\u06FF]+(?:[^\w\u0600-\u06FF]+[\u0600-\u06FF]+){%d,}" % (QUOTE_WORDS - 1))


def _joins(ch: str) -> bool:
    """Whether a character next to a span would make it part of a longer word (``_`` reads as a space)."""
    return ch != "_" and _WORDS.match(ch) is not None


def _field_text(by_id: pd.DataFrame, doc_id, field, source: str, where: str) -> str:
    if doc_id not in by_id.index:
        raise ValidationError(f"{source}, {where}: doc_id {doc_id!r} is not in the corpus")
    if field not in by_id.columns:
        raise ValidationError(f"{source}, {where}: the corpus has no field {field!r}")
    text = by_id.at[doc_id, field]
    return text if isinstance(text, str) else ""


def attach_context(sheet: pd.DataFrame, corpus, *, window: int = 10, source: str = "<sheet>") -> pd.DataFrame:
    """Re-create ``surface``, ``before``, ``match``, ``after`` (and ``outlet``) from the corpus.

    Every row's span must still hold a match of its ``pattern`` (the corpus may have changed
    since the coding): otherwise an error names the row, the document and what the span now
    holds. Returns the sheet with the :data:`SHEET_COLUMNS` it can fill, in that order.

    >>> corpus = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "title": [""], "text": ["قال حلفاء دمشق"]})
    >>> coded = pd.DataFrame({"doc_id": ["a"], "field": ["text"], "start": [4], "end": [9], "label": ["allies"],
    ...                       "pattern": ["حلفا*"], "code": ["1"]})
    >>> attach_context(coded, corpus)[["before", "match", "after", "code"]].values.tolist()
    [['قال', 'حلفاء', 'دمشق', '1']]
    """
    corpus = _as_corpus(corpus)
    by_id = corpus.drop_duplicates("doc_id").set_index("doc_id")
    out = sheet.copy().reset_index(drop=True)
    surfaces, befores, afters = [], [], []
    checkers: dict[str, Lexicon] = {}
    names = _row_names(out)
    for i, row in out.iterrows():
        where = names[i]
        text = _field_text(by_id, row["doc_id"], row["field"], source, where)
        start, end = int(row["start"]), int(row["end"])
        span = text[start:end] if 0 <= start < end <= len(text) else None
        ok = span is not None and (start == 0 or not _joins(text[start - 1])) and \
            (end == len(text) or not _joins(text[end]))
        if ok and "pattern" in out.columns and str(row["pattern"]).strip():
            pattern = str(row["pattern"])
            lex = checkers.setdefault(pattern, Lexicon.from_patterns(pattern))
            hits = find_terms(span, lex)
            ok = len(hits) == 1 and hits["start"].iloc[0] == 0 and hits["end"].iloc[0] == len(span)
        if not ok:
            shown = "beyond the end of the text" if span is None else repr(span)
            raise ValidationError(f"{source}, {where}: doc_id {row['doc_id']!r} {row['field']} {start}-{end} now holds "
                                  f"{shown}, not a match of {row.get('pattern', row['label'])!r}; the corpus has changed")
        b, a = _context(text, start, end, window)
        surfaces.append(span)
        befores.append(b)
        afters.append(a)
    out["surface"], out["before"], out["match"], out["after"] = surfaces, befores, surfaces, afters
    if "outlet" not in out.columns and "outlet" in by_id.columns:
        out["outlet"] = out["doc_id"].map(by_id["outlet"])
    order = [c for c in SHEET_COLUMNS if c in out.columns] + [c for c in out.columns if c not in SHEET_COLUMNS]
    return out[order]


# -- precision, recall, voice ---------------------------------------------------------------

def _as_sheet(coded) -> pd.DataFrame:
    if isinstance(coded, (str, Path)):
        return read_coding_sheet(coded)
    if isinstance(coded, pd.DataFrame):
        table = coded.copy()
        for col, value in (("corpus", ""), ("lexicon", ""), ("field", "text")):
            if col not in table.columns:
                table[col] = value
        return _check_sheet(table.reset_index(drop=True), "<coded sheet>")
    raise TypeError(f"expected a coding sheet (DataFrame) or its path, got {type(coded).__name__}")


def precision_table(coded, *, min_precision: float = 0.90) -> pd.DataFrame:
    """Per-label strict precision from a coded sample, with Wilson 95% intervals.

    ``coded`` is a coding sheet (DataFrame, or the path of a CSV). ``n`` counts the matches
    coded 1 or 0; ``correct`` those coded 1; ``unsure`` (coded ``?``) and ``uncoded`` (blank)
    are counted and left out of the precision. ``passes`` is ``precision >= min_precision``.
    One row per corpus, lexicon and label, sorted.

    >>> coded = pd.DataFrame({"corpus": "ant", "lexicon": "frames", "doc_id": list("abcdef"), "field": "text",
    ...     "start": 0, "end": 3, "label": ["x"] * 4 + ["y"] * 2, "code": [1, 1, 1, "?", 1, 0]})
    >>> precision_table(coded)[["label", "n", "correct", "precision", "passes", "unsure"]].values.tolist()
    [['x', 3, 3, 1.0, True, 1], ['y', 2, 1, 0.5, False, 0]]
    """
    sheet = _as_sheet(coded)
    rows = []
    for (corpus, lexicon, label), part in sheet.groupby(["corpus", "lexicon", "label"], sort=True):
        codes = part["code"]
        n, k = int(codes.isin(["1", "0"]).sum()), int((codes == "1").sum())
        low, high = wilson_interval(k, n)
        precision = k / n if n else float("nan")
        rows.append({"corpus": corpus, "lexicon": lexicon, "label": label, "n": n, "correct": k,
                     "precision": precision, "low": low, "high": high,
                     "passes": bool(n and precision >= min_precision),
                     "unsure": int((codes == "?").sum()), "uncoded": int((codes == "").sum())})
    return pd.DataFrame(rows, columns=PRECISION_COLUMNS)


def lexicon_precision(coded, z: float = 1.96) -> pd.DataFrame:
    """Precision of a whole lexicon: its labels' precisions weighted by their numbers of matches.

    A sample of ``per_label`` matches per label over-represents rare labels; the precision of
    everything the lexicon counts is ``sum(matches_l * precision_l) / sum(matches_l)`` (a
    stratified estimate), with a normal-approximation interval from the per-label variances
    ``p(1-p)/n``, clipped to [0, 1]. ``coded`` is a coding sheet with the column
    ``label_matches`` (each label's number of matches in the sampled corpus, written by
    :func:`sample_matches`). One row per corpus and lexicon.

    >>> coded = pd.DataFrame({"corpus": "c", "lexicon": "l", "doc_id": [f"d{i}" for i in range(4)], "start": 0,
    ...     "end": 3, "label": ["a", "a", "b", "b"], "label_matches": [900, 900, 100, 100], "code": [1, 1, 1, 0]})
    >>> overall = lexicon_precision(coded)
    >>> overall[["labels", "coded", "matches"]].values.tolist(), overall["precision"].round(4).tolist()
    ([[2, 4, 1000]], [0.95])
    """
    sheet = _as_sheet(coded)
    if "label_matches" not in sheet.columns:
        raise ValidationError("the coded sheet has no 'label_matches' column (draw it with sample_matches)")
    table = precision_table(sheet)
    sizes = sheet.groupby(["corpus", "lexicon", "label"])["label_matches"].first().astype("int64").rename("matches")
    table = table.merge(sizes.reset_index(), on=["corpus", "lexicon", "label"], how="left")
    rows = []
    for (corpus, lexicon), part in table.groupby(["corpus", "lexicon"], sort=True):
        tested = part[part["n"] > 0]
        w = tested["matches"] / tested["matches"].sum()
        p = tested["correct"] / tested["n"]
        precision = float((w * p).sum()) if len(tested) else float("nan")
        se = math.sqrt(float((w * w * p * (1 - p) / tested["n"]).sum())) if len(tested) else float("nan")
        rows.append({"corpus": corpus, "lexicon": lexicon, "labels": len(tested), "coded": int(tested["n"].sum()),
                     "matches": int(tested["matches"].sum()), "precision": precision,
                     "low": max(0.0, precision - z * se), "high": min(1.0, precision + z * se)})
    return pd.DataFrame(rows, columns=["corpus", "lexicon", "labels", "coded", "matches", "precision", "low", "high"])


def flag_labels(table: pd.DataFrame, min_precision: float = 0.90) -> list[str]:
    """The labels whose precision is below ``min_precision`` (or untested: ``n == 0``), sorted.

    With several corpora in the table, a label is flagged if it fails in any of them.

    >>> table = pd.DataFrame({"label": ["allies", "army", "control"], "n": [20, 20, 0],
    ...                       "precision": [0.2, 0.95, float("nan")]})
    >>> flag_labels(table)
    ['allies', 'control']
    """
    ok = (table["n"] > 0) & (table["precision"] >= min_precision)
    return sorted(set(table.loc[~ok, "label"].astype(str)))


def read_mentions(path: str | Path) -> pd.DataFrame:
    """Read a hand-coded mentions file (``doc_id, field, start, end, label``; optional ``lexicon``, ``note``).

    Each row is one mention a coder found by reading a whole article; offsets are
    character offsets into the field as :func:`helpers.load_corpus` returns it. Errors
    name the file and line.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "mentions.csv"
    >>> _ = path.write_text("doc_id,field,start,end,label\\na,text,4,9,allies\\n")
    >>> read_mentions(path)[["doc_id", "start", "end"]].values.tolist()
    [['a', 4, 9]]
    """
    table, lines = _read_table(path, "mentions")
    return _check_mentions(table, str(path), lines)


def _check_mentions(table: pd.DataFrame, source: str, where: list[str] | None = None) -> pd.DataFrame:
    missing = [c for c in MENTION_COLUMNS if c not in table.columns]
    if missing:
        raise ValidationError(f"{source}: missing column(s) {', '.join(missing)}; mentions need {','.join(MENTION_COLUMNS)}")
    out = table.copy().reset_index(drop=True)
    where = where or _row_names(out)
    spans = []
    for i, (start, end, label) in enumerate(zip(out["start"], out["end"], out["label"])):
        a, b = _span(start, end, source, where[i])
        if not str(label).strip():
            raise ValidationError(f"{source}, {where[i]}: empty label")
        spans.append((a, b))
    out["start"] = pd.Series([a for a, _ in spans], dtype="int64")
    out["end"] = pd.Series([b for _, b in spans], dtype="int64")
    return out


def locate_mentions(mentions: pd.DataFrame, corpus, *, source: str = "<mentions>") -> pd.DataFrame:
    """Fill blank ``start``/``end`` of hand-coded mentions from ``surface`` (and ``occurrence``).

    A coder reading an article may write the words as they appear (``surface``) and, when
    they occur more than once in the field, which occurrence (1 = first; default 1)
    instead of counting characters. Rows that already have offsets are checked against
    ``surface`` when one is given. Errors name the row. Returns the table with integer offsets.

    >>> corpus = pd.DataFrame({"doc_id": ["a"], "title": [""], "text": ["حلفاء دمشق وحلفاء موسكو"]})
    >>> m = pd.DataFrame({"doc_id": ["a", "a"], "field": "text", "start": "", "end": "", "label": "allies",
    ...                   "surface": ["حلفاء", "حلفاء"], "occurrence": ["", "2"]})
    >>> locate_mentions(m, corpus)[["start", "end"]].values.tolist()
    [[0, 5], [12, 17]]
    """
    corpus = _as_corpus(corpus)
    by_id = corpus.drop_duplicates("doc_id").set_index("doc_id")
    out = mentions.copy().reset_index(drop=True)
    names = _row_names(out)
    starts, ends = [], []
    for i, row in out.iterrows():
        text = _field_text(by_id, row["doc_id"], row["field"], source, names[i])
        surface = str(row.get("surface", "") if pd.notna(row.get("surface", "")) else "")
        start, end = _norm_code(row.get("start", "")), _norm_code(row.get("end", ""))
        if start and end:
            a, b = int(start), int(end)
            if surface and text[a:b] != surface:
                raise ValidationError(f"{source}, {names[i]}: {row['doc_id']!r} {row['field']} {a}-{b} holds "
                                      f"{text[a:b]!r}, not the surface {surface!r}")
        else:
            if not surface:
                raise ValidationError(f"{source}, {names[i]}: give start and end, or the surface words")
            nth = int(_norm_code(row.get("occurrence", "")) or 1)
            a = -1
            for _ in range(nth):
                a = text.find(surface, a + 1)
                if a < 0:
                    raise ValidationError(f"{source}, {names[i]}: {surface!r} does not occur {nth} time(s) in "
                                          f"{row['doc_id']!r} {row['field']}")
            b = a + len(surface)
        starts.append(a)
        ends.append(b)
    out["start"] = pd.Series(starts, dtype="int64")
    out["end"] = pd.Series(ends, dtype="int64")
    return out


def recall_table(mentions, corpus, lexicon, *, fields=("title", "text"), name: str | None = None) -> pd.DataFrame:
    """Per-label recall: the share of hand-coded mentions that the kit finds, with Wilson intervals.

    ``mentions`` (a DataFrame or the path of a mentions file, see :func:`read_mentions`)
    lists every mention of a lexicon label a coder found by reading whole articles. A mention
    is *found* when a kit match of the same label overlaps its span. If ``mentions`` has a
    ``lexicon`` column, only the rows for this lexicon are used. A label or document that
    the lexicon or corpus does not have raises an error naming the row.
    Columns: :data:`RECALL_COLUMNS`, sorted by label.

    >>> corpus = pd.DataFrame({"doc_id": ["a"], "title": [""], "text": ["حلفاء دمشق وأنصارها"]})
    >>> lex = pd.DataFrame({"label": ["allies"], "category": [""], "gloss": [""], "pattern": ["حلفا*"]})
    >>> mentions = pd.DataFrame({"doc_id": ["a", "a"], "field": "text", "start": [0, 11], "end": [5, 19],
    ...                          "label": "allies"})
    >>> recall_table(mentions, corpus, lex)[["label", "n", "found", "recall"]].values.tolist()
    [['allies', 2, 1, 0.5]]
    """
    lex = _as_lexicon(lexicon)
    lex_name = _lexicon_name(lexicon)
    corpus = _as_corpus(corpus)
    if isinstance(mentions, (str, Path)):
        source = str(mentions)
        table, lines = _read_table(mentions, "mentions")
        mentions = _check_mentions(table, source, lines)
    else:
        source = "<mentions>"
        mentions = _check_mentions(mentions, source)
        lines = _row_names(mentions)
    mentions = mentions.assign(where=lines)
    if "lexicon" in mentions.columns:
        mentions = mentions[mentions["lexicon"].astype(str) == lex_name]
    by_id = corpus.drop_duplicates("doc_id").set_index("doc_id")
    for row in mentions.itertuples(index=False):
        text = _field_text(by_id, row.doc_id, row.field, source, row.where)
        if row.label not in lex.labels:
            raise ValidationError(f"{source}, {row.where}: label {row.label!r} is not in the lexicon {lex.source}")
        if row.end > len(text):
            raise ValidationError(f"{source}, {row.where}: span {row.start}-{row.end} is beyond the end of "
                                  f"{row.doc_id!r} {row.field} ({len(text)} characters)")
    docs = corpus[corpus["doc_id"].isin(set(mentions["doc_id"]))]
    fields = sorted(set(fields) | set(mentions["field"]))
    kit = _field_matches(docs, lex, fields) if len(docs) else pd.DataFrame(columns=["doc_id", "field", "start", "end", "label"])
    spans: dict[tuple, list[tuple[int, int]]] = {}
    for doc_id, field, label, start, end in zip(kit["doc_id"], kit["field"], kit["label"], kit["start"], kit["end"]):
        spans.setdefault((doc_id, field, label), []).append((int(start), int(end)))
    found = [any(a < e and s < b for a, b in spans.get((d, f, lab), ()))
             for d, f, lab, s, e in zip(mentions["doc_id"], mentions["field"], mentions["label"],
                                       mentions["start"], mentions["end"])]
    mentions = mentions.assign(found=found)
    rows = []
    for label, part in mentions.groupby("label", sort=True):
        n, k = len(part), int(part["found"].sum())
        low, high = wilson_interval(k, n)
        rows.append({"corpus": name or _corpus_name(corpus), "lexicon": lex_name, "label": label, "n": n,
                     "found": k, "recall": k / n, "low": low, "high": high})
    return pd.DataFrame(rows, columns=RECALL_COLUMNS)


def voice_accuracy(coded) -> tuple[pd.DataFrame, pd.DataFrame]:
    """How often the kit's ``voice`` agrees with the coder's ``voice_code``.

    Uses the rows where both are ``own`` or ``quoted`` (and the match was coded 1 or 0).
    Returns ``(summary, confusion)``: one summary row per corpus and lexicon (``n``,
    ``agree``, ``accuracy``, ``low``, ``high``, Wilson 95%), and the counts of kit voice
    (rows) against coded voice (columns), all corpora together.

    >>> coded = pd.DataFrame({"doc_id": list("abcd"), "start": 0, "end": 3, "label": "x", "code": 1,
    ...     "voice": ["own", "own", "quoted", "quoted"], "voice_code": ["own", "quoted", "quoted", "quoted"]})
    >>> summary, confusion = voice_accuracy(coded)
    >>> summary[["n", "agree"]].values.tolist(), summary["accuracy"].tolist()
    ([[4, 3]], [0.75])
    >>> confusion.loc["own", "quoted"]
    np.int64(1)
    """
    sheet = _as_sheet(coded)
    if "voice" not in sheet.columns:
        raise ValidationError("the coded sheet has no 'voice' column (the kit's voice of each match)")
    both = sheet[sheet["voice"].isin(VOICES) & sheet["voice_code"].isin(VOICES) & sheet["code"].isin(["1", "0"])]
    rows = []
    for (corpus, lexicon), part in both.groupby(["corpus", "lexicon"], sort=True):
        n, k = len(part), int((part["voice"] == part["voice_code"]).sum())
        low, high = wilson_interval(k, n)
        rows.append({"corpus": corpus, "lexicon": lexicon, "n": n, "agree": k, "accuracy": k / n,
                     "low": low, "high": high})
    summary = pd.DataFrame(rows, columns=["corpus", "lexicon", "n", "agree", "accuracy", "low", "high"])
    confusion = pd.crosstab(both["voice"].rename("kit voice"), both["voice_code"].rename("coded voice"))
    confusion = confusion.reindex(index=sorted(VOICES), columns=sorted(VOICES), fill_value=0)
    return summary, confusion



AGREEMENT_COLUMNS = ["corpus", "lexicon", "what", "n", "agree", "agreement", "kappa", "low", "high"]


def _codes(table, what: str) -> pd.DataFrame:
    """A coder's sheet with ``code`` and ``voice_code`` normalized (``1``/``0``/``?``, ``own``/``quoted``)."""
    if isinstance(table, (str, Path)):
        return read_coding_sheet(table)
    out = pd.DataFrame(table).reset_index(drop=True).copy()
    for col in ("sample_id", "code"):
        if col not in out.columns:
            raise ValidationError(f"the {what} sheet has no {col!r} column")
    out["sample_id"] = out["sample_id"].astype(str)
    out["code"] = [_norm_code(v) for v in out["code"]]
    if "voice_code" in out.columns:
        out["voice_code"] = ["" if pd.isna(v) else str(v).strip().lower() for v in out["voice_code"]]
    if "note" in out.columns:
        out["note"] = ["" if pd.isna(v) else str(v) for v in out["note"]]
    return out


def _kappa(a: pd.Series, b: pd.Series) -> float:
    """Cohen's kappa of two codings of the same items (nan when chance agreement is 1)."""
    observed = float((a.to_numpy() == b.to_numpy()).mean())
    cats = sorted(set(a) | set(b))
    expected = sum(float((a == c).mean()) * float((b == c).mean()) for c in cats)
    return (observed - expected) / (1 - expected) if expected < 1 else float("nan")


def coder_agreement(first, second) -> pd.DataFrame:
    """How far two coders of the same sheet agree: on ``code`` and on ``voice_code``.

    The sheets are joined on ``sample_id``. For ``code`` the rows both coded ``1`` or ``0``
    count (a ``?`` is left out), for ``voice_code`` the rows both coded ``own`` or
    ``quoted``. One row per corpus, lexicon and ``what`` (``"code"``, ``"voice"``):
    ``n``, ``agree``, ``agreement`` (share of rows with the same code, Wilson 95% ``low``
    and ``high``) and Cohen's ``kappa`` (agreement corrected for chance; low when one code
    is very rare, even if the coders rarely disagree).

    >>> one = pd.DataFrame({"sample_id": list("abcd"), "corpus": "c", "lexicon": "l", "code": [1, 1, 0, 1],
    ...                     "voice_code": ["own", "own", "quoted", "own"]})
    >>> two = one.assign(code=[1, 0, 0, 1])
    >>> coder_agreement(one, two)[["what", "n", "agree", "kappa"]].values.tolist()
    [['code', 4, 3, 0.5], ['voice', 4, 4, 1.0]]
    """
    a, b = _codes(first, "first"), _codes(second, "second")
    for sheet in (a, b):
        if "voice_code" not in sheet.columns:
            sheet["voice_code"] = ""
    both = a.merge(b[["sample_id", "code", "voice_code"]], on="sample_id", suffixes=("", "_2"))
    if len(both) < len(a) or len(both) < len(b):
        raise ValidationError(f"the sheets hold different rows: {len(a)} and {len(b)} rows, {len(both)} in both")
    rows = []
    for what, col, values in (("code", "code", {"1", "0"}), ("voice", "voice_code", VOICES)):
        part = both[both[col].isin(values) & both[f"{col}_2"].isin(values)]
        for (corpus, lexicon), g in part.groupby(["corpus", "lexicon"], sort=True):
            n, k = len(g), int((g[col] == g[f"{col}_2"]).sum())
            low, high = wilson_interval(k, n)
            rows.append({"corpus": corpus, "lexicon": lexicon, "what": what, "n": n, "agree": k,
                         "agreement": k / n, "kappa": _kappa(g[col], g[f"{col}_2"]), "low": low, "high": high})
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


def adjudicate(first, second, third=None) -> pd.DataFrame:
    """The codes of two independent coders combined into one sheet.

    Where the two agree, their ``code`` stands; where they differ, the ``code`` of a third
    coder who coded those rows (``third``, joined on ``sample_id``) decides, a majority of
    three; without it the row becomes ``?`` (unsure, left out of precision). ``voice_code``
    is combined the same way. Returns the first sheet with the combined codes and a column
    ``coders`` (``"agreed"``, ``"third"`` or ``"unresolved"``); a note from the deciding
    coder replaces the first's.

    >>> one = pd.DataFrame({"sample_id": list("abc"), "code": [1, 1, 0], "voice_code": "own", "note": ""})
    >>> two = one.assign(code=[1, 0, 1])
    >>> three = pd.DataFrame({"sample_id": ["b"], "code": [0], "voice_code": ["own"], "note": ["PKK"]})
    >>> adjudicate(one, two, three)[["code", "coders", "note"]].values.tolist()
    [['1', 'agreed', ''], ['0', 'third', 'PKK'], ['?', 'unresolved', '']]
    """
    a, b = _codes(first, "first"), _codes(second, "second").set_index("sample_id")
    c = _codes(third, "third").set_index("sample_id") if third is not None else None
    codes, voices, coders, notes = [], [], [], []
    for row in a.itertuples(index=False):
        sid = row.sample_id
        if sid not in b.index:
            raise ValidationError(f"sample_id {sid!r} is not in the second sheet")
        code2 = b.at[sid, "code"]
        voice2 = b.at[sid, "voice_code"] if "voice_code" in b.columns else ""
        note = getattr(row, "note", "")
        if row.code == code2:
            code, how = row.code, "agreed"
        elif c is not None and sid in c.index and c.at[sid, "code"] in CODES:
            code, how = c.at[sid, "code"], "third"
            note = c.at[sid, "note"] if "note" in c.columns else note
        else:
            code, how = "?", "unresolved"
        voice = getattr(row, "voice_code", "")
        if voice != voice2:
            third_voice = c.at[sid, "voice_code"] if c is not None and sid in c.index and "voice_code" in c.columns else ""
            voice = third_voice if third_voice in VOICES else voice
        codes.append(code), voices.append(voice), coders.append(how), notes.append(note)
    out = a.copy()
    out["code"], out["coders"] = codes, coders
    if "voice_code" in out.columns:
        out["voice_code"] = voices
    if "note" in out.columns:
        out["note"] = notes
    return out

# -- the kit's published tables -------------------------------------------------------------

def load_validation(folder: str | Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The kit's published validation tables: ``(precision, recall)``.

    Read from ``corpus/validation/precision.csv`` and ``recall.csv`` (or ``folder``); see
    ``corpus/validation/README.md`` for how they were coded and computed.

    >>> precision, recall = load_validation()
    >>> list(precision.columns[:9]) == PRECISION_COLUMNS[:9], list(recall.columns) == RECALL_COLUMNS
    (True, True)
    """
    folder = Path(folder) if folder is not None else _kit_folder("validation")
    out = []
    for name, columns in (("precision.csv", PRECISION_COLUMNS), ("recall.csv", RECALL_COLUMNS)):
        path = folder / name
        if not path.is_file():
            raise ValidationError(f"{path}: no such file; the validation tables are made by "
                                  "corpus/validation/make_validation.py (see corpus/validation/README.md)")
        table = pd.read_csv(path, encoding="utf-8-sig", dtype={"corpus": str, "lexicon": str, "label": str})
        missing = [c for c in columns[:9] if c not in table.columns]
        if missing:
            raise ValidationError(f"{path}: missing column(s) {', '.join(missing)}")
        if "passes" in table.columns:
            table["passes"] = table["passes"].astype(str).str.lower().eq("true")
        out.append(table)
    return out[0], out[1]


def write_table(table: pd.DataFrame, path: str | Path) -> Path:
    """Write a precision/recall table sorted and rounded (4 decimals), so reruns give the same bytes."""
    keys = [c for c in ("corpus", "lexicon", "label") if c in table.columns]
    table = table.sort_values(keys, kind="stable").reset_index(drop=True) if keys else table
    return _write_csv(table.round(4), path, bom=False)


# -- command line ---------------------------------------------------------------------------

def add_arguments(sub) -> None:
    """The ``python -m helpers validate sample|score|recall`` sub-commands (for ``__main__``)."""
    p = sub.add_parser("validate", help="draw match samples for coding; score coded sheets")
    vsub = p.add_subparsers(dest="step", required=True)
    s = vsub.add_parser("sample", help="a seeded, stratified sample of matches per label, as a coding sheet")
    s.add_argument("--corpus", required=True, help="dataset name, folder or file")
    s.add_argument("--lexicon", required=True, help="kit lexicon name (entities, frames) or a lexicon CSV")
    s.add_argument("--per-label", type=int, default=20)
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--labels", default=None, help="comma-separated labels (default: all but blockers)")
    s.add_argument("--window", type=int, default=10, help="words of context on each side")
    s.add_argument("--voice", choices=["own", "quoted"], default=None)
    s.add_argument("--keep-duplicates", action="store_true", help="do not drop empty and repeated texts")
    s.add_argument("--out", required=True, help="the coding sheet to write (.csv)")
    c = vsub.add_parser("score", help="precision per label from one or more coded sheets")
    c.add_argument("--sheet", required=True, nargs="+", help="coded sheet(s) (.csv)")
    c.add_argument("--min-precision", type=float, default=0.90)
    c.add_argument("--out", required=True, help="the precision table to write (.csv)")
    r = vsub.add_parser("recall", help="recall per label from hand-coded mentions")
    r.add_argument("--mentions", required=True)
    r.add_argument("--corpus", required=True)
    r.add_argument("--lexicon", required=True)
    r.add_argument("--out", required=True)


def validate_command(args) -> int:
    """Run ``python -m helpers validate ...``; returns the exit status (2 with a message on bad input)."""
    import sys

    from .corpus import deduplicate, load_corpus

    try:
        if args.step == "sample":
            corpus = load_corpus(args.corpus)
            corpus = corpus if args.keep_duplicates else deduplicate(corpus)
            labels = args.labels.split(",") if args.labels else None
            sample = sample_matches(corpus, args.lexicon, per_label=args.per_label, seed=args.seed, labels=labels,
                                    window=args.window, voice=args.voice)
            write_coding_sheet(sample, args.out)
            print(f"wrote {len(sample)} matches of {sample['label'].nunique()} labels to {args.out}")
        elif args.step == "score":
            sheet = pd.concat([read_coding_sheet(p) for p in args.sheet], ignore_index=True)
            table = precision_table(sheet, min_precision=args.min_precision)
            write_table(table, args.out)
            print(table.round(3).to_string(index=False))
            flagged = flag_labels(table, args.min_precision)
            print(f"below {args.min_precision:.2f}: {', '.join(flagged) if flagged else 'none'}")
        else:
            table = recall_table(args.mentions, load_corpus(args.corpus), args.lexicon)
            write_table(table, args.out)
            print(table.round(3).to_string(index=False))
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0
