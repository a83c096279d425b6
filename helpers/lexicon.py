"""Lexicons and the clitic-aware matcher: ``Lexicon``, ``find_terms``, ``count_terms``.

A lexicon is a CSV file with the columns ``label,category,gloss,pattern``: one row per
surface pattern, several rows per label (its spelling variants). ``gloss`` is English.
A pattern is one or more space-separated words; a word may end in ``*`` to match any
ending (the quanteda/LIWC convention: ``إرهاب*``). Any other character in a pattern is
literal: a lexicon is data, never code.

Matching rules:

1. **Same normalization.** Text and patterns go through the same
   :func:`helpers.arabic.normalize` (diacritics, tatweel, alef forms, Persian letters,
   digits...) and Latin letters are case-folded, so ``حران`` matches ``حرّان`` and
   ``الإرهابيين`` matches ``الارهابيين``. Alef maqsura and ta marbuta are *not* folded:
   list ``سوريا`` and ``سورية`` both if you want both.
2. **Proclitics before the first word.** An Arabic conjunction (و ف), then a preposition
   (ب ك ل), then the article (ال) may precede the first word of a pattern, with ل + ال
   written لل: ``داعش`` matches ``لداعش``, ``البوكمال`` matches ``بالبوكمال`` and
   ``والبوكمال``, ``الفرات`` matches ``للفرات``, ``حلفا*`` matches ``والحلفاء``,
   ``إسرائيل*`` matches ``الإسرائيلي``. Later words of a pattern match as written.
3. **Whole words.** Patterns match whole tokens (or, with ``*``, token beginnings):
   ``داعش`` does not match inside another word. A multi-word pattern matches
   consecutive words with only spaces between them (not across punctuation).
4. **Longest match wins, and a stretch of text is counted once.** Scanning left to right,
   at each word the longest candidate (most words, then most letters, then fewest
   stripped proclitics, then exact before ``*``, then lexicon order) is taken, and the
   words it covers cannot start or be part of another match: in ``أبو حسن العراقي`` a
   person pattern beats a place pattern ``عراق*``, and ``قوات سوريا الديمقراطية`` is one
   mention of the SDF, not also one of Syria.

Speed: texts are tokenized once with a compiled regex; each distinct token is normalized
and looked up once (cached per matcher), so the per-token cost is a dictionary lookup.
See ``benchmarks/bench.py``.

Example:
    >>> lex = Lexicon.from_frame(pd.DataFrame({
    ...     "label": ["isis", "albukamal"], "category": ["actor", "place"],
    ...     "gloss": ["ISIS", "Al-Bukamal"], "pattern": ["داعش", "البوكمال"]}))
    >>> find_terms("هزيمة لداعش بالبوكمال", lex)[["surface", "label"]].values.tolist()
    [['لداعش', 'isis'], ['بالبوكمال', 'albukamal']]
    >>> count_terms(["هزيمة لداعش بالبوكمال", "داعشي"], lex).values.tolist()
    [[1, 1], [0, 0]]
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from itertools import compress
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from .arabic import WORD_PATTERN, normalize

__all__ = ["Lexicon", "LexiconError", "find_terms", "count_terms", "match_tokens", "TOKEN_RE", "word_counts"]

#: Words, or any single other non-space character, or a line break (punctuation and line
#: breaks are tokens of their own, so that multi-word patterns never match across them).
TOKEN_RE = re.compile(rf"{WORD_PATTERN}|\S|\n")
_WORD_RE = re.compile(rf"^{WORD_PATTERN}$")
_ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوىيءآأؤإئةپچژگ"

COLUMNS = ["label", "category", "gloss", "pattern"]


class LexiconError(ValueError):
    """A lexicon file or frame is malformed; the message names the file and line."""


def _norm_token(token: str) -> str:
    return normalize(token).casefold()


def _parse_pattern(pattern: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """Split a pattern into normalized tokens and their star flags."""
    words: list[str] = []
    stars: list[bool] = []
    for piece in str(pattern).split():
        star = piece.endswith("*") and len(piece.rstrip("*")) > 0
        body = piece.rstrip("*") if star else piece
        toks = [_norm_token(t) for t in TOKEN_RE.findall(body)]
        toks = [t for t in toks if t]
        if not toks:
            continue
        words.extend(toks)
        stars.extend([False] * (len(toks) - 1) + [star])
    return tuple(words), tuple(stars)


@dataclass(frozen=True)
class _Compiled:
    words: tuple[tuple[str, ...], ...]
    stars: tuple[tuple[bool, ...], ...]
    labels: tuple[int, ...]  # label index per pattern


class _TokenInfo(dict):
    """raw token → tuple of (pattern id, stripped chars) whose first word it can start."""

    def __init__(self, first_exact: dict, first_star: dict, star_lengths: list[int], norm: dict):
        super().__init__()
        self.first_exact = first_exact
        self.first_star = first_star
        self.star_lengths = star_lengths
        self.norm = norm

    def __missing__(self, raw: str):
        t = self.norm[raw]
        found: dict[int, int] = {}
        if t:
            for base, stripped in _bases(t):
                for pid in self.first_exact.get(base, ()):
                    if pid not in found or stripped < found[pid]:
                        found[pid] = stripped
                for n in self.star_lengths:
                    if n > len(base):
                        break
                    for pid in self.first_star.get(base[:n], ()):
                        if pid not in found or stripped < found[pid]:
                            found[pid] = stripped
        value = tuple(sorted(found.items()))
        self[raw] = value
        return value


class _NormCache(dict):
    def __missing__(self, raw: str) -> str:
        value = _norm_token(raw)
        self[raw] = value
        return value


def _bases(t: str) -> list[tuple[str, int]]:
    """The token itself and every reading with proclitics removed: (base, chars stripped)."""
    out = [(t, 0)]
    if t[0] not in "وفبكلا":
        return out
    firsts = [(t, 0)]
    if len(t) > 2 and t[0] in "وف":
        firsts.append((t[1:], 1))
    seen = {t}
    for rest, k in firsts:
        cands = [(rest, k)]
        if rest.startswith("لل") and len(rest) > 3:
            cands.append(("ال" + rest[2:], k + 1))
        if len(rest) > 2 and rest[0] in "بكل":
            cands.append((rest[1:], k + 1))
        for x, j in cands:
            for y, jj in ((x, j), (x[2:], j + 2) if x.startswith("ال") and len(x) > 3 else (None, 0)):
                if y and y not in seen:
                    seen.add(y)
                    out.append((y, jj))
    return out


class Lexicon:
    """A set of labelled patterns (see the module docstring for the rules).

    Build one with :meth:`from_csv` or :meth:`from_frame`. ``lexicon.entries`` is the
    table; ``lexicon.labels`` the labels in file order; ``lexicon.glosses`` and
    ``lexicon.categories`` map each label to its gloss and category.

    >>> lex = Lexicon.from_frame(pd.DataFrame({"label": ["a", "a"], "category": ["actor"] * 2,
    ...     "gloss": ["ISIS"] * 2, "pattern": ["داعش", "تنظيم الدولة"]}))
    >>> lex.labels, len(lex)
    (['a'], 2)
    """

    def __init__(self, entries: pd.DataFrame, source: str = "<frame>", lines: Sequence[int] | None = None):
        self.source = source
        entries = entries.reset_index(drop=True).copy()
        lines = list(lines) if lines is not None else [i + 2 for i in range(len(entries))]
        missing = [c for c in COLUMNS if c not in entries.columns]
        if missing:
            raise LexiconError(f"{source}: missing column(s) {', '.join(missing)}; a lexicon needs {','.join(COLUMNS)}")
        seen: dict[tuple[str, ...], tuple[str, int, str]] = {}
        words_l, stars_l = [], []
        self.notes: list[str] = []
        keep = []
        for i, row in entries.iterrows():
            line = lines[i]
            label = "" if pd.isna(row["label"]) else str(row["label"]).strip()
            pattern = "" if pd.isna(row["pattern"]) else str(row["pattern"]).strip()
            if not label:
                raise LexiconError(f"{source}, line {line}: empty label (pattern {pattern!r})")
            if not pattern:
                raise LexiconError(f"{source}, line {line}: empty pattern for label {label!r}")
            if pattern.startswith("*") or "**" in pattern or re.search(r"\*\S|(^|\s)\*", pattern):
                raise LexiconError(f"{source}, line {line}: '*' may only end a word, in {pattern!r}")
            words, stars = _parse_pattern(pattern)
            if not words:
                raise LexiconError(f"{source}, line {line}: pattern {pattern!r} has no word characters")
            key = tuple(w + ("*" if s else "") for w, s in zip(words, stars))
            if key in seen:
                other_label, other_line, other_pattern = seen[key]
                if other_label != label:
                    raise LexiconError(
                        f"{source}, line {line}: pattern {pattern!r} (label {label!r}) duplicates "
                        f"{other_pattern!r} on line {other_line} (label {other_label!r}) after normalization"
                    )
                self.notes.append(f"line {line}: {pattern!r} repeats line {other_line} after normalization; kept once")
                continue
            seen[key] = (label, line, pattern)
            words_l.append(words)
            stars_l.append(stars)
            keep.append(i)
        self.entries = entries.loc[keep, COLUMNS + [c for c in entries.columns if c not in COLUMNS]].reset_index(drop=True)
        for col in ("label", "category", "gloss", "pattern"):
            self.entries[col] = self.entries[col].fillna("").astype(str).str.strip()
        self.labels: list[str] = list(dict.fromkeys(self.entries["label"]))
        first = self.entries.drop_duplicates("label").set_index("label")
        self.glosses: dict[str, str] = first["gloss"].to_dict()
        self.categories: dict[str, str] = first["category"].to_dict()
        label_index = {lab: k for k, lab in enumerate(self.labels)}
        self._compiled = _Compiled(tuple(words_l), tuple(stars_l),
                                   tuple(label_index[lab] for lab in self.entries["label"]))
        first_exact: dict[str, list[int]] = {}
        first_star: dict[str, list[int]] = {}
        for pid, (words, stars) in enumerate(zip(words_l, stars_l)):
            (first_star if stars[0] else first_exact).setdefault(words[0], []).append(pid)
        self._norm = _NormCache()
        self._info = _TokenInfo(first_exact, first_star, sorted({len(s) for s in first_star}), self._norm)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"Lexicon({self.source!r}: {len(self.labels)} labels, {len(self)} patterns)"

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, source: str = "<frame>") -> "Lexicon":
        """Build a lexicon from a DataFrame with the columns ``label, category, gloss, pattern``."""
        return cls(frame, source)

    @classmethod
    def from_csv(cls, path: str | Path) -> "Lexicon":
        """Read a lexicon CSV (UTF-8). A bad row raises :class:`LexiconError` with file and line.

        >>> Lexicon.from_csv("corpus/lexicons/entities.csv")  # doctest: +ELLIPSIS
        Lexicon('entities.csv': ... labels, ... patterns)
        """
        from .datasets import kit_file

        path = kit_file(path)  # corpus/lexicons/... and kit lexicon names work from any folder
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            raise LexiconError(f"{path}: no such lexicon file") from None
        except IsADirectoryError:
            raise LexiconError(f"{path}: is a folder, not a lexicon CSV file") from None
        except UnicodeDecodeError as exc:
            raise LexiconError(f"{path}: not UTF-8 ({exc}); save the lexicon as UTF-8") from None
        reader = csv.reader(io.StringIO(text))
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            raise LexiconError(f"{path}: empty file; a lexicon needs the header {','.join(COLUMNS)}") from None
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise LexiconError(f"{path}, line 1: missing column(s) {', '.join(missing)}; the header must have {','.join(COLUMNS)}")
        rows, lines = [], []
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise LexiconError(f"{path}, line {line}: expected {len(header)} fields ({','.join(header)}), got {len(row)}: {row}")
            rows.append(row)
            lines.append(line)
        return cls(pd.DataFrame(rows, columns=header), path.name, lines)

    @classmethod
    def from_patterns(cls, patterns: str | Iterable[str], label: str | None = None) -> "Lexicon":
        """A quick lexicon from one or more patterns (each its own label unless ``label`` is given).

        >>> Lexicon.from_patterns("إرهاب*").labels
        ['إرهاب*']
        """
        patterns = [patterns] if isinstance(patterns, str) else list(patterns)
        return cls(pd.DataFrame({"label": [label or p for p in patterns], "category": "",
                                 "gloss": "", "pattern": patterns}), "<patterns>")

    def display_terms(self) -> dict[str, str]:
        """One readable Arabic term per label, for charts: its first pattern without ``*``
        (or, if all its patterns are starred, the first one with ``*`` shown as ``…``).

        >>> Lexicon.from_patterns(["حلفا*"], label="allies").display_terms()
        {'allies': 'حلفا…'}
        """
        out: dict[str, str] = {}
        for label, pattern in zip(self.entries["label"], self.entries["pattern"]):
            if label not in out or (out[label].endswith("…") and "*" not in pattern):
                out[label] = pattern.replace("*", "…")
        return {label: out[label] for label in self.labels}

    def table(self) -> pd.DataFrame:
        """One row per label: category, gloss, number of patterns and the patterns themselves."""
        g = self.entries.groupby("label", sort=False)
        return pd.DataFrame({
            "category": g["category"].first(), "gloss": g["gloss"].first(),
            "n_patterns": g.size(), "patterns": g["pattern"].agg(" | ".join),
        }).reindex(self.labels)


def as_lexicon(lexicon) -> Lexicon:
    """Accept a Lexicon, a path to a lexicon CSV, a kit lexicon's name (``"entities"``,
    ``"frames"``: see :func:`~helpers.datasets.kit_lexicons`), a DataFrame, or a pattern string.

    >>> as_lexicon("entities")  # doctest: +ELLIPSIS
    Lexicon('entities.csv': ... labels, ... patterns)
    """
    from .datasets import kit_lexicons

    if isinstance(lexicon, Lexicon):
        return lexicon
    if isinstance(lexicon, str) and lexicon in kit_lexicons():
        return Lexicon.from_csv(kit_lexicons()[lexicon])
    if isinstance(lexicon, pd.DataFrame):
        return Lexicon.from_frame(lexicon)
    if isinstance(lexicon, Path) or (isinstance(lexicon, str) and lexicon.lower().endswith(".csv")):
        return Lexicon.from_csv(lexicon)
    if isinstance(lexicon, (str, list, tuple)):
        return Lexicon.from_patterns(lexicon)
    raise TypeError(f"expected a Lexicon, a lexicon CSV path or a DataFrame, got {type(lexicon).__name__}")


def match_tokens(tokens: Sequence[str], lexicon: Lexicon) -> list[tuple[int, int, int]]:
    """Match raw tokens (from :data:`TOKEN_RE`) against a lexicon.

    Returns ``(first token index, number of tokens, pattern id)`` for each match,
    leftmost-longest, non-overlapping.
    """
    info = lexicon._info
    norm = lexicon._norm
    comp = lexicon._compiled
    out: list[tuple[int, int, int]] = []
    n_tok = len(tokens)
    free = 0
    # The per-token work runs in C: a dict lookup per token (map), and the positions of
    # the tokens that can start a pattern (compress). New token types are resolved once.
    values = list(map(info.get, tokens))
    if None in values:
        new = [t for t in set(tokens) if t not in info]
        # Normalize all new token types in one pass (tokens hold no newline).
        normed = normalize("\n".join(new)).casefold().split("\n")
        if len(normed) == len(new):
            norm.update(zip(new, normed))
        for t in new:
            info[t]  # __missing__ resolves and caches it
        values = list(map(info.get, tokens))
    for i in compress(range(n_tok), values):
        if i < free:
            continue
        best = None
        best_rank = None
        for pid, stripped in values[i]:
            words = comp.words[pid]
            n = len(words)
            if n > 1:
                if i + n > n_tok:
                    continue
                stars = comp.stars[pid]
                ok = True
                for k in range(1, n):
                    t = norm[tokens[i + k]]
                    if not (t.startswith(words[k]) if stars[k] else t == words[k]):
                        ok = False
                        break
                if not ok:
                    continue
            rank = (n, sum(map(len, words)), -stripped, not comp.stars[pid][-1], -pid)
            if best_rank is None or rank > best_rank:
                best, best_rank = pid, rank
        if best is not None:
            n = len(comp.words[best])
            out.append((i, n, best))
            free = i + n
    return out


def _texts(texts) -> pd.Series:
    if isinstance(texts, pd.DataFrame):
        if "text" not in texts.columns:
            raise ValueError("a corpus frame needs a 'text' column")
        return texts["text"]
    if isinstance(texts, pd.Series):
        return texts
    if isinstance(texts, str):
        return pd.Series([texts])
    return pd.Series(list(texts), dtype=object)


def _as_text(value, where) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    raise TypeError(f"text at {where!r} is a {type(value).__name__}, not a string")


def find_terms(text, lexicon) -> pd.DataFrame:
    """All lexicon matches in a text, with offsets into the original (un-normalized) text.

    Columns: ``start``, ``end`` (``text[start:end] == surface``), ``surface``, ``label``,
    ``category``, ``gloss``, ``pattern``. Given a Series or corpus frame, adds ``doc_id``
    (the index value, or the corpus's ``doc_id`` column).

    >>> find_terms("قالت قسد إن قوات سوريا الديمقراطية", "corpus/lexicons/entities.csv")["label"].tolist()
    ['sdf', 'sdf']
    """
    lex = as_lexicon(lexicon)
    cols = ["start", "end", "surface", "label", "category", "gloss", "pattern"]
    if isinstance(text, (pd.Series, pd.DataFrame, list, tuple)):
        series = _texts(text)
        ids = text["doc_id"] if isinstance(text, pd.DataFrame) and "doc_id" in text.columns else series.index.to_series()
        frames = []
        for (idx, value), doc_id in zip(series.items(), ids):
            f = find_terms(_as_text(value, idx), lex)
            f.insert(0, "doc_id", doc_id)
            frames.append(f)
        if not frames:
            return pd.DataFrame(columns=["doc_id", *cols])
        return pd.concat(frames, ignore_index=True)
    text = _as_text(text, "text")
    spans = [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
    tokens = [text[a:b] for a, b in spans]
    rows = []
    comp = lex._compiled
    entries = lex.entries
    for i, n, pid in match_tokens(tokens, lex):
        start, end = spans[i][0], spans[i + n - 1][1]
        label = lex.labels[comp.labels[pid]]
        rows.append((start, end, text[start:end], label, lex.categories[label], lex.glosses[label],
                     entries.at[pid, "pattern"]))
    out = pd.DataFrame(rows, columns=cols)
    return out.astype({"start": "int64", "end": "int64"})


def word_counts(texts) -> pd.Series:
    """Number of word tokens per document (punctuation excluded), same index as the input.

    >>> word_counts(["قال الجيش، إن 3 قتلى", None]).tolist()
    [5, 0]
    """
    series = _texts(texts)
    values = [len(TOKEN_RE.findall(_as_text(v, i))) - _n_punct(_as_text(v, i)) for i, v in series.items()]
    return pd.Series(values, index=series.index, dtype="int64", name="words")


_PUNCT_RE = re.compile(rf"(?!{WORD_PATTERN})\S|\n")


def _n_punct(text: str) -> int:
    return len(_PUNCT_RE.findall(text))


def count_terms(texts, lexicon, *, rate_per: int | None = None) -> pd.DataFrame:
    """Count lexicon labels per document.

    ``texts`` is a Series (its index is kept), a corpus frame (its index is kept; the
    ``text`` column is used), a list (index 0..n-1) or one string. Returns one row per
    document and one ``int64`` column per label, in lexicon order, zeros included.
    With ``rate_per=1000`` the values are rates per 1,000 words (float; 0 for empty texts).
    Missing texts (None/NaN) count as empty.

    >>> count_terms(pd.Series(["الجيش وحلفاؤه في البوكمال"], index=["d1"]),
    ...             "corpus/lexicons/entities.csv")[["albukamal"]]
        albukamal
    d1          1
    """
    lex = as_lexicon(lexicon)
    series = _texts(texts)
    n_labels = len(lex.labels)
    label_of = lex._compiled.labels
    findall = TOKEN_RE.findall
    rows = []
    for idx, value in series.items():
        row = [0] * n_labels
        text = _as_text(value, idx)
        if text:
            for _, _, pid in match_tokens(findall(text), lex):
                row[label_of[pid]] += 1
        rows.append(row)
    counts = pd.DataFrame(rows, index=series.index, columns=lex.labels, dtype="int64")
    if len(rows) == 0:
        counts = pd.DataFrame(index=series.index, columns=lex.labels, dtype="int64")
    if rate_per:
        words = word_counts(series)
        rates = counts.div(words.where(words > 0), axis=0).fillna(0.0) * rate_per
        return rates
    return counts
