"""Lexicons and the clitic-aware matcher: ``Lexicon``, ``find_terms``, ``count_terms``, ``topic_filter``, ``topic_scope``.

A lexicon is a CSV file with the columns ``label,category,gloss,pattern``: one row per
surface pattern, several rows per label (its spelling variants). ``gloss`` is English.
Two optional columns: ``clitics`` (blank, ``no_article`` or ``none``; see rule 2) and
``note`` (free text for the codebook, never matched). A pattern is one or more
space-separated words; a word may end in ``*`` to match any ending (the quanteda/LIWC
convention: ``إرهاب*``). Any other character in a pattern is literal: a lexicon is data,
never code. A label has one category and one gloss: a label given two different
categories or glosses is an error (:class:`LexiconError` names the file and both lines).

Matching rules:

1. **Same normalization.** Text and patterns go through the same
   :func:`helpers.arabic.normalize` (diacritics, tatweel, alef forms, Persian letters,
   digits...) and Latin letters are case-folded, so ``حران`` matches ``حرّان`` and
   ``الإرهابيين`` matches ``الارهابيين``. Alef maqsura and ta marbuta are *not* folded:
   list ``سوريا`` and ``سورية`` both if you want both. An underscore reads as a space in
   texts and patterns (hashtags): ``#قوات_سوريا_الديمقراطية`` contains the three words
   ``قوات سوريا الديمقراطية``.
2. **Proclitics before the first word.** An Arabic conjunction (و ف), then a preposition
   (ب ك ل), then the article (ال) may precede the first word of a pattern, with ل + ال
   written لل: ``داعش`` matches ``لداعش``, ``البوكمال`` matches ``بالبوكمال`` and
   ``والبوكمال``, ``الفرات`` matches ``للفرات``, ``حلفا*`` matches ``والحلفاء``,
   ``إسرائيل*`` matches ``الإسرائيلي``. Later words of a pattern match as written.
   The ``clitics`` column narrows this per pattern: ``no_article`` allows و ف ب ك ل but
   not an added ال / لل (``حماة`` then matches ``لحماة`` but not ``الحماة``), ``none``
   matches the word exactly as written (after normalization).
3. **Whole words.** Patterns match whole tokens (or, with ``*``, token beginnings):
   ``داعش`` does not match inside another word. A multi-word pattern matches
   consecutive words with only spaces, quote marks and brackets (``« » “ ” ‘ ’ " ' ( ) [ ]``)
   between them, never across other punctuation or a line break: ``قوات "سوريا الديمقراطية"``
   is one mention of the SDF, from ``قوات`` to ``الديمقراطية`` (the quote marks around a
   whole match are not part of it). A quote mark or bracket written in the pattern itself
   must be in the text.
4. **Longest match wins, and a stretch of text is counted once.** Scanning left to right,
   at each word the longest candidate (most words, then most letters, then fewest
   stripped proclitics, then exact before ``*``, then lexicon order) is taken, and the
   words it covers cannot start or be part of another match: in ``أبو حسن العراقي`` a
   person pattern beats a place pattern ``عراق*``, and ``قوات سوريا الديمقراطية`` is one
   mention of the SDF, not also one of Syria.
5. **Blockers.** A label whose category is ``blocker`` is matched like any other (so,
   by rule 4, it consumes its words: a blocker ``رئيس التحرير`` stops ``التحرير`` from
   counting as liberation) but is left out of every result: :func:`find_terms` rows,
   :func:`count_terms` columns, KWIC lines and rates. ``blockers=True`` shows them, to
   check what they catch.
6. **Counting unit.** A corpus frame is read as title + text (``fields=("title",
   "text")``; ``fields=("text",)`` for the text alone); each field is matched on its
   own, so no match spans the title and the text. A Series, a list or a string is used
   as given.

Invisible characters: a soft hyphen, LRM/RLM, a zero-width space or another character
that :func:`~helpers.arabic.normalize` removes does not split a word (``الإرها\xadبي``
is one word) and is no token between words; offsets still point into the raw text.

Speed: :func:`count_terms`, :func:`find_terms` and ``kwic`` (through :func:`match_spans`
and :func:`word_window`) do not tokenize whole texts, nor do the co-occurrence windows,
``occurrences``, ``dispersion`` and :func:`scope_text` that build on :func:`match_spans`. Each
pattern has an *anchor* (one of its words) that the text must contain where it matches;
an Aho-Corasick automaton finds the anchors (with the word after them where it can), a
regex checks the next word, and only the
tokens where a match can begin are read, with the same trie and rules as
:func:`match_tokens` (the differential tests compare the two). Each distinct token is
normalized and looked up once (cached per matcher). A match's voice is read by
:func:`helpers.voice.quoted_at`, which reads only the quotations and colons that decide it.
See ``benchmarks/bench_count.py`` and ``benchmarks/bench.py``.

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
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, chain, compress, repeat
from operator import is_
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

import ahocorasick

from .arabic import (ALEF_FORMS, DIACRITICS, INVISIBLE, PERSIAN_LETTERS, TATWEEL, WORD_PATTERN, normalize,
                     unify_presentation_forms)
from .voice import VOICES, quoted_at, quoted_spans, voice_at, voice_segments

__all__ = [
    "Lexicon", "LexiconError", "as_lexicon", "find_terms", "find_matches", "match_spans", "word_window", "word_starts", "count_terms",
    "word_counts", "topic_filter",
    "topic_scope", "scope_text", "SENTENCE_END_RE", "SCOPE_UNITS",
    "match_tokens", "split_tokens", "text_fields", "as_text", "is_word", "TOKEN_RE", "SKIP_CHARS",
    "CLITICS", "DEFAULT_FIELDS", "BLOCKER",
]

_WORD_CHAR = WORD_PATTERN.removesuffix("+")  # one word character: a letter, digit or mark
#: Invisible characters that ``normalize`` removes and that are no word characters of their own
#: (soft hyphen, LRM/RLM, ZWSP, ...): inside a word they do not split it, elsewhere they are no token.
_GAPS = "".join(c for c in INVISIBLE if not re.fullmatch(_WORD_CHAR, c))
_MATCHER_WORD = rf"{_WORD_CHAR}+(?:[{_GAPS}]+{_WORD_CHAR}+)*"
#: Words, or any single other non-space character, or a line break (punctuation and line
#: breaks are tokens of their own, so that multi-word patterns never match across them).
#: An invisible character (``_GAPS``) joins the two parts of a word and is skipped elsewhere.
TOKEN_RE = re.compile(rf"{_MATCHER_WORD}|[^\s{_GAPS}]|\n")
_WORD_RE = re.compile(rf"^{_MATCHER_WORD}$")
# (a plain group, no lookaround: findall's count of matches is the number of words, in one scan)
_WORDS_RE = re.compile(rf"{_WORD_CHAR}+([{_GAPS}]+{_WORD_CHAR}+)*")

#: Quote marks and brackets skipped between the words of a multi-word pattern (rule 3).
SKIP_CHARS = frozenset("«»“”‘’\"'()[]")

#: The ``clitics`` column: which proclitics may precede a pattern's first word (rule 2).
#: The value is the deepest reading allowed: 0 the word as written, 1 with و ف ب ك ل,
#: 2 also with an added article ال / لل.
CLITICS = {"": 2, "no_article": 1, "none": 0}

#: The category of labels that are matched but left out of results (rule 5).
BLOCKER = "blocker"

#: The fields of a corpus frame that are counted by default (rule 6).
DEFAULT_FIELDS = ("title", "text")

COLUMNS = ["label", "category", "gloss", "pattern"]


class LexiconError(ValueError):
    """A lexicon file or frame is malformed; the message names the file and line."""


def _norm_token(token: str) -> str:
    return normalize(token).casefold()


def is_word(token: str) -> bool:
    """True for a word token, False for punctuation, a quote mark or a line break.

    >>> is_word("داعش"), is_word("«")
    (True, False)
    """
    return bool(_WORD_RE.match(token))


def split_tokens(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """The tokens of a text as the matcher sees them, and their ``(start, end)`` offsets.

    An underscore reads as a space (rule 1); every token is ``text[start:end]``.

    >>> split_tokens("#قوات_سوريا، نعم")
    (['#', 'قوات', 'سوريا', '،', 'نعم'], [(0, 1), (1, 5), (6, 11), (11, 12), (13, 16)])
    """
    scan = text.replace("_", " ") if "_" in text else text
    spans = [m.span() for m in TOKEN_RE.finditer(scan)]
    return [text[a:b] for a, b in spans], spans


def _parse_pattern(pattern: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """Split a pattern into normalized tokens and their star flags."""
    words: list[str] = []
    stars: list[bool] = []
    for piece in str(pattern).replace("_", " ").split():
        star = piece.endswith("*") and len(piece.rstrip("*")) > 0
        body = piece.rstrip("*") if star else piece
        toks = [_norm_token(t) for t in TOKEN_RE.findall(body)]
        toks = [t for t in toks if t]
        if not toks:
            continue
        words.extend(toks)
        stars.extend([False] * (len(toks) - 1) + [star])
    return tuple(words), tuple(stars)


# A trie node is a list [end, exact, star, star_lengths]:
#   end: None, or (pid, n_words, letters, exact_last) of the best pattern ending here;
#   exact: next word -> node; star: next word prefix -> node; star_lengths: sorted prefix lengths.
def _node() -> list:
    return [None, {}, {}, []]


def _end_rank(end, stripped: int) -> tuple:
    """How a candidate ranks under rule 4 (greater is better)."""
    pid, n, letters, exact_last = end
    return (n, letters, -stripped, exact_last, -pid)


class _TokenInfo(dict):
    """raw token → what it can start: ``(pid, rank, walks)`` where ``pid``/``rank`` is the
    best one-word pattern it is (or None), and ``walks`` the trie nodes (with the number of
    stripped proclitic letters) whose longer patterns it can begin; ``()`` if nothing."""

    def __init__(self, first_exact: dict, first_star: dict, norm: dict):
        super().__init__()
        self.first_exact = first_exact  # first word -> ((clitics depth, node), ...)
        self.first_star = first_star  # first word's prefix -> ((clitics depth, node), ...)
        self.star_lengths = sorted({len(p) for p in first_star})
        self.norm = norm

    def __missing__(self, raw: str):
        t = self.norm[raw]
        best = rank = None
        walks: dict[int, tuple[list, int]] = {}
        if t:
            exact, star, lengths = self.first_exact, self.first_star, self.star_lengths
            for base, stripped, kind in _bases(t):
                found = exact.get(base, ())
                for n in lengths:
                    if n > len(base):
                        break
                    more = star.get(base[:n])
                    if more:
                        found = found + more
                for depth, node in found:
                    if kind > depth:
                        continue
                    end = node[0]
                    if end is not None:
                        r = (end[1], end[2], -stripped, end[3], -end[0])
                        if rank is None or r > rank:
                            best, rank = end[0], r
                    if (node[1] or node[2]) and (id(node) not in walks or stripped < walks[id(node)][1]):
                        walks[id(node)] = (node, stripped)
        value = (best, rank, tuple(walks.values())) if best is not None or walks else ()
        self[raw] = value
        return value


class _NormCache(dict):
    def __missing__(self, raw: str) -> str:
        value = _norm_token(raw)
        self[raw] = value
        return value


def _bases(t: str) -> list[tuple[str, int, int]]:
    """The token and every reading with proclitics removed: (base, chars stripped, kind),
    kind 0 = nothing stripped, 1 = only و ف ب ك ل stripped, 2 = an article ال stripped too."""
    out = {t: (0, 0)}
    if t[0] in "وفبكلا":
        firsts = [(t, 0)]
        if len(t) > 2 and t[0] in "وف":
            firsts.append((t[1:], 1))
        for rest, k in firsts:
            cands = [(rest, k)]
            if rest.startswith("لل") and len(rest) > 3:
                cands.append(("ال" + rest[2:], k + 1))
            if len(rest) > 2 and rest[0] in "بكل":
                cands.append((rest[1:], k + 1))
            for x, j in cands:
                readings = [(x, j, 1 if j else 0)]
                if x.startswith("ال") and len(x) > 3:
                    readings.append((x[2:], j + 2, 2))
                for y, jj, kind in readings:
                    if y not in out or (kind, jj) < out[y][::-1]:
                        out[y] = (jj, kind)
    return [(base, jj, kind) for base, (jj, kind) in out.items()]


def _insert(node: list, words: Sequence[str], stars: Sequence[bool], end: tuple) -> None:
    for word, star in zip(words, stars):
        children = node[2] if star else node[1]
        child = children.get(word)
        if child is None:
            child = children[word] = _node()
            if star:
                node[3] = sorted({*node[3], len(word)})
        node = child
    if node[0] is None or _end_rank(end, 0) > _end_rank(node[0], 0):
        node[0] = end


class Lexicon:
    """A set of labelled patterns (see the module docstring for the rules).

    Build one with :meth:`from_csv` or :meth:`from_frame`. ``lexicon.entries`` is the
    table; ``lexicon.labels`` the labels in file order (blockers included);
    ``lexicon.glosses`` and ``lexicon.categories`` map each label to its gloss and
    category; ``lexicon.blockers`` lists the blocker labels.

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
        if "clitics" not in entries.columns:
            entries["clitics"] = ""
        for col in (*COLUMNS, "clitics"):
            entries[col] = entries[col].map(lambda v: "" if v is None or (not isinstance(v, str) and pd.isna(v))
                                            else str(v).strip())
        seen: dict[tuple[str, ...], tuple[str, int, str]] = {}
        label_first: dict[str, tuple[int, str, str]] = {}
        parsed = []
        self.notes: list[str] = []
        keep = []
        for i, row in enumerate(entries[[*COLUMNS, "clitics"]].itertuples(index=False)):
            line = lines[i]
            label, category, gloss, pattern, clitics = row
            if not label:
                raise LexiconError(f"{source}, line {line}: empty label (pattern {pattern!r})")
            if not pattern:
                raise LexiconError(f"{source}, line {line}: empty pattern for label {label!r}")
            if pattern.startswith("*") or "**" in pattern or re.search(r"\*\S|(^|\s)\*", pattern):
                raise LexiconError(f"{source}, line {line}: '*' may only end a word, in {pattern!r}")
            if clitics not in CLITICS:
                raise LexiconError(f"{source}, line {line}: clitics {clitics!r} for {pattern!r}; "
                                   f"use blank, 'no_article' or 'none'")
            if label in label_first:
                first_line, first_category, first_gloss = label_first[label]
                for what, mine, theirs in (("category", category, first_category), ("gloss", gloss, first_gloss)):
                    if mine != theirs:
                        plural = "categories" if what == "category" else "glosses"
                        raise LexiconError(
                            f"{source}, lines {first_line} and {line}: label {label!r} has two {plural}, "
                            f"{theirs!r} and {mine!r}; a label has one {what} (rename one of the labels or "
                            f"make them agree)")
            else:
                label_first[label] = (line, category, gloss)
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
            parsed.append((words, stars, CLITICS[clitics]))
            keep.append(i)
        order = COLUMNS + [c for c in entries.columns if c not in COLUMNS]
        self.entries = entries.loc[keep, order].reset_index(drop=True)
        self.labels: list[str] = list(dict.fromkeys(self.entries["label"]))
        self.glosses: dict[str, str] = {lab: label_first[lab][2] for lab in self.labels}
        self.categories: dict[str, str] = {lab: label_first[lab][1] for lab in self.labels}
        self.blockers: list[str] = [lab for lab in self.labels if self.categories[lab] == BLOCKER]
        label_index = {lab: k for k, lab in enumerate(self.labels)}
        #: label index of every pattern id, and whether that label is a blocker
        self.pattern_labels: tuple[int, ...] = tuple(label_index[lab] for lab in self.entries["label"])
        self.pattern_blocked: tuple[bool, ...] = tuple(self.categories[lab] == BLOCKER for lab in self.entries["label"])
        self._words = [(words, stars) for words, stars, _ in parsed]  # each pattern's normalized words, for the scan
        roots: dict[tuple[bool, str, int], list] = {}
        for pid, (words, stars, depth) in enumerate(parsed):
            root = roots.setdefault((stars[0], words[0], depth), _node())
            _insert(root, words[1:], stars[1:], (pid, len(words), sum(map(len, words)), not stars[-1]))
        first_exact: dict[str, tuple] = {}
        first_star: dict[str, tuple] = {}
        for (star, word, depth), root in roots.items():
            table = first_star if star else first_exact
            table[word] = table.get(word, ()) + ((depth, root),)
        self._norm = _NormCache()
        self._info = _TokenInfo(first_exact, first_star, self._norm)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"Lexicon({self.source!r}: {len(self.labels)} labels, {len(self)} patterns)"

    def shown_labels(self, blockers: bool = False) -> list[str]:
        """The labels results show, in file order: blockers only with ``blockers=True``.

        >>> lex = Lexicon.from_frame(pd.DataFrame({"label": ["liberation", "editor"],
        ...     "category": ["outcome", "blocker"], "gloss": ["liberation", "editor-in-chief"],
        ...     "pattern": ["التحرير", "رئيس التحرير"]}))
        >>> lex.shown_labels(), lex.shown_labels(blockers=True)
        (['liberation'], ['liberation', 'editor'])
        """
        return list(self.labels) if blockers else [lab for lab in self.labels if lab not in self.blockers]

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, source: str = "<frame>") -> "Lexicon":
        """Build a lexicon from a DataFrame with the columns ``label, category, gloss, pattern``
        (and optionally ``clitics`` and ``note``).

        >>> Lexicon.from_frame(pd.DataFrame({"label": ["hama"], "category": ["place"],
        ...     "gloss": ["Hama"], "pattern": ["حماة"], "clitics": ["no_article"]}))
        Lexicon('<frame>': 1 labels, 1 patterns)
        """
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

    >>> as_lexicon("داعش").labels
    ['داعش']
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
    """Match raw tokens (from :func:`split_tokens`) against a lexicon.

    Returns ``(first token index, number of tokens, pattern id)`` for each match,
    leftmost-longest, non-overlapping, blockers included (``lexicon.pattern_blocked``
    tells them apart). The tokens of a match run from its first word to its last,
    including skipped quote marks and brackets between them.

    >>> lex = Lexicon.from_patterns(["قوات سوريا الديمقراطية", "سوريا"])
    >>> match_tokens(split_tokens('قوات "سوريا الديمقراطية" و سوريا')[0], lex)
    [(0, 4, 0), (6, 1, 1)]
    """
    info = lexicon._info
    norm = lexicon._norm
    out: list[tuple[int, int, int]] = []
    n_tok = len(tokens)
    free = 0
    # The per-token work runs in C: a dict lookup per token (map), and the positions of
    # the tokens that can start a pattern (compress). New token types are resolved once.
    values = list(map(info.get, tokens))
    if None in values:
        new = set(compress(tokens, map(is_, values, repeat(None))))
        # Normalize all new token types in one pass (tokens other than "\n" hold no newline).
        words = [t for t in new if t != "\n"]
        normed = normalize("\n".join(words)).casefold().split("\n")
        if len(normed) == len(words):
            norm.update(zip(words, normed))
        for t in new:
            info[t]  # __missing__ resolves and caches it
        values = list(map(info.get, tokens))
    for i in compress(range(n_tok), values):
        if i < free:
            continue
        best, rank, walks = values[i]
        length = 1
        for node, stripped in walks:
            # most multi-word candidates fail on the next token: check it before walking
            if not node[3] and i + 1 < n_tok:
                raw = tokens[i + 1]
                if raw not in SKIP_CHARS and norm[raw] not in node[1]:
                    continue
            for end, j in _walk(node, tokens, i + 1, norm):
                r = (end[1], end[2], -stripped, end[3], -end[0])
                if rank is None or r > rank:
                    best, rank, length = end[0], r, j - i
        if best is not None:
            out.append((i, length, best))
            free = i + length
    return out


def _walk(node: list, tokens: list[str], j: int, norm: dict, more=None) -> list[tuple[tuple, int]]:
    """Follow the trie from ``node`` over the tokens from ``j``: (end, index after it) for
    every pattern end reached (rule 3: quote marks and brackets between words are skipped).
    ``more``, if given, appends the next token of the text to ``tokens`` (False at its end)."""
    found = []
    stack = [(node, j)]
    while stack:
        node, p = stack.pop()
        exact, star, lengths = node[1], node[2], node[3]
        while p < len(tokens) or (more is not None and more()):
            raw = tokens[p]
            t = norm[raw]
            child = exact.get(t)
            if child is not None:
                if child[0] is not None:
                    found.append((child[0], p + 1))
                if child[1] or child[2]:
                    stack.append((child, p + 1))
            for n in lengths:
                if n > len(t):
                    break
                child = star.get(t[:n])
                if child is not None:
                    if child[0] is not None:
                        found.append((child[0], p + 1))
                    if child[1] or child[2]:
                        stack.append((child, p + 1))
            if raw not in SKIP_CHARS:
                break
            # a quote mark or bracket: also try the first word after the run of them
            p += 1
            while (p < len(tokens) or (more is not None and more())) and tokens[p] in SKIP_CHARS:
                p += 1
    return found


# --- the scan: only the tokens that can begin a match are looked at ----------------------------
#
# A text is not tokenized as a whole. Each pattern has an *anchor*: one of its words (one
# followed by another if it has one, else the longest), which the normalized text must contain
# wherever the pattern matches. An Aho-Corasick automaton finds the anchors (with the next word
# where it can: see _Scan) in a light normalization of the text (the characters ``normalize``
# removes are removed, presentation forms written as letters, alef forms and Persian letters
# mapped as ``normalize`` maps them; a text with a form that is not letters alone, such as ﷺ,
# is tokenized whole); each hit names the token
# it falls in and, for an anchor that is the m-th word of a pattern, the m word tokens before
# it. Those tokens (a superset of the tokens where a match begins) are resolved exactly as
# ``match_tokens`` resolves every token, left to right, so the result is the same.

_ARABIC_LETTERS = re.compile("[\u0621-\u064a]+")
_HAMZA_ALEFS = "أإآ"  # frequent: folded with str.replace
#: Letters the light normalization maps only when a text has them (alef forms other than the
#: hamza alefs, Persian letters, presentation forms).
_ODD_RE = re.compile("[" + "".join(c for c in (*ALEF_FORMS, *PERSIAN_LETTERS) if c not in _HAMZA_ALEFS)
                     + "\ufb50-\ufdff\ufe70-\ufefe]")
_DELETED_RE = re.compile("[" + re.escape("".join([*INVISIBLE, *DIACRITICS, TATWEEL])) + "]")
_WORD_CHUNK = re.compile(_MATCHER_WORD)
#: What may stand between two words of a pattern in the light text: spaces, quote marks, brackets.
_SEPARATOR_CHARS = sorted({*SKIP_CHARS, *(c for c in map(chr, range(0x3001)) if c != "\n" and re.match(r"\s", c))})
_SEPARATORS = "(?:[^\\S\\n]|[" + re.escape("".join(sorted(SKIP_CHARS))) + "])"
_SPECIAL_RE = re.compile(_DELETED_RE.pattern[:-1] + _ODD_RE.pattern[1:])  # either kind
#: Presentation forms: ``normalize`` rewrites them as letters, not one for one, so the light
#: text of a text with one keeps a map of its offsets (:func:`_light_text`); the other odd
#: letters are mapped one for one.
_FORMS_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
_MARK_SET = frozenset(c for c in (*DIACRITICS, TATWEEL, *INVISIBLE) if re.fullmatch(_WORD_CHAR, c))


def _anchor(words: Sequence[str], stars: Sequence[bool]) -> tuple[str, int] | None:
    """The anchor of a pattern: (a string every match's normalized token contains, its word
    index), or None if the pattern has none (a word that is not Arabic letters)."""
    options = []
    for m, word in enumerate(words):
        if not _ARABIC_LETTERS.fullmatch(word):
            return None
        # A word followed by another (and without a star) is best: the automaton can find it
        # together with the next word (see _Scan), a pair far rarer than either word. Then the
        # rarest: the longest word, not counting an article (common).
        pair = m < len(words) - 1 and not stars[m]
        weight = len(word) - 2 * word.startswith("ال")
        if m == 0 and word.startswith("ال"):
            word = word[1:]  # للجيش reads الجيش: the anchor of الجيش is لجيش
        elif m == 0 and word == "ا":
            continue  # للجيش also starts with ا after reading لل as ال
        options.append((pair, weight, len(word), -m, word))
    if not options:
        return None
    *_, m, word = max(options)
    return word, -m


#: A lexicon with more distinct anchors than this (thousands of frequent words) is matched by
#: tokenizing whole texts: its anchors would be found in about every word.
_MAX_ANCHORS = 5000


class _Scan:
    """The automaton of a lexicon's anchors. Its keys are the anchors, or, for an anchor that
    ends its word and is followed by a word in each of its patterns, the anchor followed by a
    space and one of those next words, or by any other start of a run of separators
    (:data:`_SEPARATOR_CHARS`): frequent anchors (منطقة, مدينة) seldom are. A key's value:
    its length, the anchor's length, the most words before the anchor in a pattern, the set
    of those numbers, and two regexes (or None): what the light text after the anchor must
    match (the rest of the anchor's word, then quote marks, brackets or spaces, then the
    next word of one of its patterns) and what it must match before it, read backwards
    (cheap tests that most hits fail)."""

    def __init__(self, patterns: Sequence[tuple[Sequence[str], Sequence[bool]]]):
        back: dict[str, set[int]] = {}
        after: dict[str, set[str] | None] = {}
        nexts: dict[str, set[str] | None] = {}  # the words after the anchor, or None: the anchor alone is the key
        before: dict[str, set[str] | None] = {}
        for words, stars in patterns:
            anchor = _anchor(words, stars)
            if anchor is None:
                raise ValueError("no anchor")
            word, m = anchor
            back.setdefault(word, set()).add(m)
            if m == 0:
                before[word] = None
            elif before.get(word, set()) is not None:
                # read backwards: the anchor begins its token, then separators, then the word before
                prev = words[m - 1]
                if m == 1:  # a first word may carry proclitics: its token ends with it (or with لجيش for الجيش)
                    prev = prev[1:] if prev.startswith("ال") else prev
                    tail = r"\w*" if stars[0] else ""
                    edge = ""
                else:
                    tail = r"\w*" if stars[m - 1] else ""
                    edge = r"(?!\w)"
                before.setdefault(word, set()).add(rf"(?!\w){_SEPARATORS}*{tail}{re.escape(prev[::-1])}{edge}")
            if m == len(words) - 1 or stars[m]:
                nexts[word] = None
            elif nexts.get(word, set()) is not None:
                nexts.setdefault(word, set()).add(words[m + 1])
            if m == len(words) - 1:
                after[word] = None
            elif after.get(word, set()) is not None:
                rest = r"\w*" if stars[m] else r"(?!\w)"
                nxt = re.escape(words[m + 1]) + ("" if stars[m + 1] else r"(?!\w)")
                after.setdefault(word, set()).add(rf"{rest}{_SEPARATORS}*{nxt}")
        self.automaton = ahocorasick.Automaton()
        if len(back) > _MAX_ANCHORS:
            raise ValueError("too many anchors")
        self.texts = self.dense = 0  # texts scanned, and those with anchors too dense to scan
        self.skip = False  # True once most texts were too dense: the matcher then tokenizes them all
        for word, ms in back.items():
            follow, precede = after.get(word), before.get(word)
            # the regexes are compiled on the anchor's first hit (most anchors of a big lexicon never hit)
            checks = ["|".join(sorted(follow)) if follow else None, "|".join(sorted(precede)) if precede else None]
            value = (len(word), max(ms), frozenset(ms), checks)
            keys = [word]
            if nexts.get(word):  # the anchor, then one space and a next word, or any other separators
                # (keys that begin with a separator, to skip the words before an anchor, were tried:
                # the automaton then branches at every space and scans slower than it saves)
                keys = [*(f"{word} {nxt}" for nxt in sorted(nexts[word])), *(word + c for c in _SEPARATOR_CHARS if c != " "),
                        *(f"{word} {c}" for c in _SEPARATOR_CHARS)]
            for key in keys:
                self.automaton.add_word(key, (len(key), *value))
        self.automaton.make_automaton()


def _scan_plan(lex: "Lexicon") -> _Scan | None:
    plan = lex.__dict__.get("_scan_cache", False)
    if plan is False:
        try:
            plan = _Scan(lex._words)
        except ValueError:
            plan = None
        lex._scan_cache = plan
    return plan


def _is_word_at(scan: str, a: int) -> bool:
    ch = scan[a]
    return ch.isalnum() or ch in _MARK_SET


def _starts_back(scan: str, r: int, back: frozenset, starts: set) -> None:
    """Add to ``starts`` the start of the m-th word token before the token at offset ``r``, for
    each m in ``back`` (0: that token; quote marks and brackets between words are passed
    over, any other token stops)."""
    end = r + 1
    need = max(back)
    words = 0  # word tokens passed, the token at r being the 0th
    first = True
    while end > 0:
        # the common case: a chunk of word characters after a space
        p = scan.rfind(" ", max(0, end - 64), end) + 1
        if p and _WORD_CHUNK.fullmatch(scan, p, end):
            if first:
                first = False
            else:
                words += 1
            if words in back:
                starts.add(p)
            if words >= need:
                return
            end = p - 1
            continue
        # otherwise tokenize back to the last space or line break, or 256 characters
        base = max(0, end - 256)
        p = max(scan.rfind(" ", base, end), scan.rfind("\n", base, end)) + 1
        whole = p > 0 or base == 0
        spans = [m.span() for m in TOKEN_RE.finditer(scan, p or base, end)]
        if not whole:  # the chunk's first token may begin before it: read it in the next round
            if not spans:
                end = base
                continue
            end = spans.pop(0)[1]
        for k in range(len(spans) - 1, -1, -1):
            a, b = spans[k]
            if first:
                first = False
            elif b - a == 1 and scan[a] in SKIP_CHARS:
                continue
            elif not _is_word_at(scan, a):
                return
            else:
                words += 1
            if words in back:
                starts.add(a)
            if words >= need:
                return
        if not whole:
            continue
        if p and scan[p - 1] == "\n":
            return
        end = p - 1


def _match_spans(text: str, lex: "Lexicon", offsets: bool = True) -> list[tuple[int, int, int]]:
    """``(start, end, pattern id)`` of every match in one text (blockers included), with
    offsets into the text: the same matches as :func:`match_tokens` over all its tokens.
    With ``offsets=False`` the offsets may be None (when the whole text is tokenized)."""
    scan = text.replace("_", " ") if "_" in text else text
    plan = _scan_plan(lex)
    if plan is not None and plan.skip:
        plan = None
    special = _SPECIAL_RE.search(scan) if plan is not None else None
    odd = _ODD_RE.search(scan, special.start()) if special is not None else None
    if plan is None:
        return _match_all(scan, lex, offsets)
    light, pieces, edits = _light_text(scan, special, odd)
    if light is None:  # a presentation form that is not letters only
        return _match_all(scan, lex, offsets)
    shift = None  # where light lost or gained characters: made on the first hit that needs it
    hits = list(plan.automaton.iter(light))
    plan.texts += 1
    if len(hits) * _DENSE_HITS > len(light):  # an anchor every word or two: tokenizing it all is cheaper
        return _dense(plan, scan, lex, offsets)
    kept = []  # (offset in light, anchor's pattern words before it) of the hits that pass the checks
    backwards = None
    for last, (size, anchor, most, back, checks) in hits:
        r = last - size + 1
        follow, precede = checks
        if follow is not None:
            if type(follow) is str:
                follow = checks[0] = re.compile(follow).match
            if follow(light, r + anchor) is None:
                continue
        if precede is not None:
            if type(precede) is str:
                precede = checks[1] = re.compile(precede).match
            if backwards is None:
                backwards = light[::-1]
            if precede(backwards, len(light) - r) is None:
                continue
        kept.append((r, most, back))
    if len(kept) * _DENSE_KEPT > len(light):  # a candidate every few words: likewise
        return _dense(plan, scan, lex, offsets)
    starts: set[int] = set()
    rfind, plain = scan.rfind, _WORD_CHUNK.fullmatch
    for r, most, back in kept:
        if pieces is not None:
            if shift is None:
                shift = list(accumulate(map(len, pieces[:-1]))) if edits is None else _edit_map(pieces, edits)
            if edits is None:  # characters deleted: one more for each deletion up to r
                r += bisect_right(shift, r)
            else:
                r = _light_to_scan(shift, r)
        if not most:  # the anchor is in the first word: find where its token begins
            p = rfind(" ", r - 64 if r > 64 else 0, r) + 1
            if p and plain(scan, p, r + 1):
                starts.add(p)
                continue
        _starts_back(scan, r, back, starts)
    if not starts:
        return []
    return _resolve(scan, sorted(starts), lex)


def _light_text(scan: str, special, odd) -> tuple[str | None, list[str] | None, list[str] | None]:
    """The light normalization of ``scan`` (``special``, ``odd``: the first match of
    :data:`_SPECIAL_RE` and of :data:`_ODD_RE`, or None): hamza alefs folded, the characters
    ``normalize`` removes removed, presentation forms written as the letters ``normalize``
    gives, other alef forms and Persian letters mapped as ``normalize`` maps them. Returns
    ``(light, pieces, edits)``: ``pieces`` are the stretches of ``scan`` kept as they are
    (None if no character was removed or rewritten) and ``edits`` what stands for each
    character between them in ``light`` (None when all were removed); ``light`` is None if a
    presentation form is not letters (ﷺ, which ``normalize`` writes as words)."""
    light = scan
    for alef in _HAMZA_ALEFS:
        if alef in light:
            light = light.replace(alef, "ا")
    pieces = edits = None
    if special is not None:
        if odd is not None and _FORMS_RE.search(scan, odd.start()):
            parts = _EDITED_RE.split(light)
            pieces, edits = parts[::2], [_form_letters(c) for c in parts[1::2]]
            if None in edits:
                return None, None, None
            light = "".join(chain.from_iterable(zip(pieces, [*edits, ""])))
        else:
            parts = _DELETED_RE.split(light)  # (split and join: faster than sub here)
            if len(parts) > 1:
                pieces, light = parts, "".join(parts)
        if odd is not None:  # other alef forms, Persian letters: as normalize maps them (one for one)
            light = normalize(light, presentation=False, invisible=False, diacritics=False, tatweel=False,
                              digits=False, punctuation=False, spaces=False)
    return light, pieces, edits


#: A character ``normalize`` removes, or a presentation form (which it rewrites), as one group.
_EDITED_RE = re.compile("(" + _DELETED_RE.pattern[:-1] + _FORMS_RE.pattern[1:] + ")")


@lru_cache(maxsize=None)
def _form_letters(char: str) -> str | None:
    """What ``normalize`` makes of one removed character or presentation form in the light
    text: "" or Arabic letters, or None if that is not letters alone or depends on the
    context (a Persian yeh form)."""
    if _DELETED_RE.fullmatch(char):
        return ""
    letters = unify_presentation_forms(char)
    if "ی" in letters:
        return None
    letters = normalize(letters)
    return letters if _ARABIC_LETTERS.fullmatch(letters) else None


def _edit_map(pieces: list[str], edits: list[str]) -> tuple[list[int], list[int]]:
    """Where each kept piece and each edit begins, in the light text and in the text:
    pieces and edits alternate (a piece first), and an edit stands for one character."""
    light_sizes = list(chain.from_iterable(zip(map(len, pieces), [*map(len, edits), 0])))[:-1]
    scan_sizes = list(chain.from_iterable(zip(map(len, pieces), repeat(1))))[:len(light_sizes)]
    return list(accumulate(light_sizes[:-1], initial=0)), list(accumulate(scan_sizes[:-1], initial=0))


def _light_to_scan(where: tuple[list[int], list[int]], r: int) -> int:
    """The offset in the text of offset ``r`` of the light text (an edit's letters all map to
    the character they stand for)."""
    light_at, scan_at = where
    k = bisect_right(light_at, r) - 1
    return scan_at[k] + (r - light_at[k] if k % 2 == 0 else 0)


#: A text is tokenized whole when the automaton finds an anchor every this many characters or
#: fewer, or a hit that passes the checks every :data:`_DENSE_KEPT` characters or fewer.
_DENSE_HITS = 6
_DENSE_KEPT = 24


def _dense(plan: _Scan, scan: str, lex: "Lexicon", offsets: bool) -> list[tuple[int, int, int]]:
    """:func:`_match_all` for a text dense with anchors; once most texts are, the scan is off."""
    plan.dense += 1
    if plan.texts >= 32 and plan.dense * 2 > plan.texts:
        plan.skip = True  # most texts so far: stop looking for anchors
    return _match_all(scan, lex, offsets)


def _match_all(scan: str, lex: "Lexicon", offsets: bool = True) -> list[tuple[int, int, int]]:
    """:func:`_match_spans` by tokenizing the whole text (offsets None unless ``offsets``)."""
    tokens = TOKEN_RE.findall(scan)
    found = match_tokens(tokens, lex)
    if not offsets or not found:
        return [(None, None, pid) for _, _, pid in found]
    starts = list(map(re.Match.start, TOKEN_RE.finditer(scan)))  # (each token is scan[start:start + len])
    return [(starts[i], starts[i + n - 1] + len(tokens[i + n - 1]), pid) for i, n, pid in found]


def _resolve(scan: str, starts: list[int], lex: "Lexicon") -> list[tuple[int, int, int]]:
    """Leftmost-longest matches beginning at some of ``starts`` (token offsets, ascending), as
    :func:`match_tokens` takes them."""
    info, norm = lex._info, lex._norm
    token_at, next_token = TOKEN_RE.match, TOKEN_RE.search
    found = [token_at(scan, a) for a in starts]
    raws = list(map(re.Match.group, found))
    new = {t for t in raws if t not in info}
    if len(new) > 1:  # normalize the new token types in one call (no token holds a line break)
        words = list(new)
        normed = normalize("\n".join(words)).casefold().split("\n")
        if len(normed) == len(words):
            norm.update(zip(words, normed))
    out = []
    free = 0
    for a, m, raw in zip(starts, found, raws):
        if a < free:
            continue
        value = info[raw]
        if not value:
            continue
        best, rank, walks = value
        end = m.end()
        if walks:
            nxt = next_token(scan, end)
            if nxt is not None:  # (with no token after it, no longer pattern can begin here)
                after = nxt.group()
                tokens = ends = more = None
                for node, stripped in walks:
                    # most candidates fail on the next token: check it before walking
                    if not node[3] and after not in SKIP_CHARS and norm[after] not in node[1]:
                        continue
                    if tokens is None:
                        tokens, ends = [raw, after], [end, nxt.end()]
                        more = _token_feed(scan, nxt.end(), tokens, ends)
                    for e, j in _walk(node, tokens, 1, norm, more):
                        r = (e[1], e[2], -stripped, e[3], -e[0])
                        if rank is None or r > rank:
                            best, rank, end = e[0], r, ends[j - 1]
        if best is not None:
            out.append((a, end, best))
            free = end
    return out


def _token_feed(scan: str, at: int, tokens: list[str], ends: list[int]):
    """A function that appends the next token of ``scan`` from ``at`` on to ``tokens`` (and
    its end to ``ends``) and returns True, or returns False at the end of the text."""
    following = TOKEN_RE.finditer(scan, at)

    def more() -> bool:
        nxt = next(following, None)
        if nxt is None:
            return False
        tokens.append(nxt.group())
        ends.append(nxt.end())
        return True

    return more


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


def text_fields(texts, fields: Sequence[str] = DEFAULT_FIELDS) -> list[tuple[str, pd.Series]]:
    """The fields that make up each document (rule 6), as ``(name, Series)`` pairs.

    A corpus frame gives one Series per field in ``fields`` (default title and text; a
    frame without a ``title`` column is read as text alone); a Series, list or string is
    one field named ``text``. Every Series has the documents' index.

    >>> corpus = pd.DataFrame({"title": ["عنوان"], "text": ["نص"]})
    >>> [name for name, _ in text_fields(corpus)], [name for name, _ in text_fields(corpus, ("text",))]
    (['title', 'text'], ['text'])
    """
    if isinstance(fields, str):
        fields = (fields,)
    if isinstance(texts, pd.DataFrame):
        if "text" not in texts.columns and "text" in fields:
            raise ValueError("a corpus frame needs a 'text' column")
        fields = [f for f in fields if f in texts.columns or f != "title" or tuple(fields) != DEFAULT_FIELDS]
        missing = [f for f in fields if f not in texts.columns]
        if missing:
            raise ValueError(f"fields {missing} are not columns of the corpus frame ({', '.join(map(str, texts.columns))})")
        if not fields:
            raise ValueError("fields is empty: name at least one text column, e.g. fields=('text',)")
        return [(f, texts[f]) for f in fields]
    return [("text", _texts(texts))]


def as_text(value, where="text") -> str:
    """A document's text as a string: missing values (None, NaN) are empty, numbers are
    written out, anything else raises ``TypeError`` naming ``where``.

    >>> as_text(None), as_text(12)
    ('', '12')
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    raise TypeError(f"text at {where!r} is a {type(value).__name__}, not a string")


_as_text = as_text  # the old private name, kept for callers outside the package


def _as_texts(series: pd.Series) -> list[str]:
    """:func:`as_text` of every value (the common case, all strings, in one pass)."""
    values = series.tolist()
    if all(type(v) is str for v in values):
        return values
    return [as_text(v, i) for i, v in zip(series.index, values)]


#: Documents read at a time by :func:`_joined`: the whole corpus is never copied at once.
JOIN_CHUNK = 4096


def _joined(parts: list[tuple[str, pd.Series]]):
    """One string per document, in order: its fields joined by a line break (which no match
    crosses). Read :data:`JOIN_CHUNK` documents at a time, so that counting a corpus never
    holds a second copy of all its text (for Arrow-backed columns, the Python strings)."""
    n = len(parts[0][1])
    for start in range(0, n, JOIN_CHUNK):
        columns = [_as_texts(series.iloc[start:start + JOIN_CHUNK]) for _, series in parts]
        if len(columns) == 1:
            yield from columns[0]
        else:
            for row in zip(*columns):
                yield "\n".join(p for p in row if p)


_FIND_COLUMNS = ["start", "end", "surface", "label", "category", "gloss", "pattern", "voice"]


def _check_voice(voice: str) -> None:
    if voice not in ("all", *VOICES):
        raise ValueError(f"voice must be 'all', 'own' or 'quoted', not {voice!r}")


def find_matches(text: str, lexicon, *, blockers: bool = False, voice: str = "all") -> list[tuple[int, int, int, int, int, str]]:
    """The matches in one text as tuples ``(start, end, first token, number of tokens,
    pattern id, voice)``, with the tokens of :func:`split_tokens` (every token of the text
    is read: :func:`match_spans` gives the same matches faster, without token indices). Blockers only with ``blockers=True``; ``voice``
    keeps ``"own"`` or ``"quoted"`` matches only (see :mod:`helpers.voice`).

    >>> find_matches('قال: "داعش انسحب" وداعش', "داعش")
    [(6, 10, 3, 1, 0, 'quoted'), (18, 23, 6, 1, 0, 'own')]
    """
    lex = as_lexicon(lexicon)
    _check_voice(voice)
    tokens, spans = split_tokens(text)
    blocked = lex.pattern_blocked
    found = [(spans[i][0], spans[i + n - 1][1], i, n, pid) for i, n, pid in match_tokens(tokens, lex)
             if blockers or not blocked[pid]]
    voices = voice_at(quoted_spans(text), [m[0] for m in found]) if found else []
    return [(*m, v) for m, v in zip(found, voices) if voice == "all" or v == voice]


def match_spans(text: str, lexicon, *, blockers: bool = False, voice: str = "all") -> list[tuple[int, int, int, str]]:
    """The matches in one text as ``(start, end, pattern id, voice)``, found by the anchor
    scan (the engine under :func:`find_terms`, :func:`count_terms` and ``kwic``): the same
    matches, in the same order, as :func:`find_matches`, without reading every token.
    Blockers only with ``blockers=True``; ``voice`` keeps ``"own"`` or ``"quoted"`` matches only.

    >>> match_spans('قال: "داعش انسحب" وداعش', "داعش")
    [(6, 10, 0, 'quoted'), (18, 23, 0, 'own')]
    """
    lex = as_lexicon(lexicon)
    _check_voice(voice)
    blocked = lex.pattern_blocked
    found = [m for m in _match_spans(text, lex) if blockers or not blocked[m[2]]]
    out = []
    for (start, end, pid), quoted in zip(found, quoted_at(text, [m[0] for m in found])):
        v = "quoted" if quoted else "own"
        if voice == "all" or v == voice:
            out.append((start, end, pid, v))
    return out


def word_starts(text: str) -> list[int]:
    """Where each word token of a text begins, in order: the word tokens of
    :func:`split_tokens` (punctuation and quote marks are not words; an underscore
    separates words). A match begins at a word: ``bisect_left(word_starts(text), start)``
    is its first word's number.

    >>> word_starts("قال: «الجيش» دخل_حلب")
    [0, 6, 13, 17]
    """
    scan = text.replace("_", " ") if "_" in text else text
    return [m.start() for m in _WORD_CHUNK.finditer(scan)]


def word_window(text: str, start: int, end: int, window: int) -> tuple[int, int]:
    """Where the context of ``text[start:end]`` begins and ends: the start of the
    ``window``-th word token before ``start`` (0 if there are fewer) and the end of the
    ``window``-th word token after ``end`` (``len(text)`` if fewer), as :func:`split_tokens`
    cuts words (punctuation does not count). ``start`` and ``end`` are token edges, as a
    match's are. Only the text near the match is read.

    >>> text = "قال إن الجيش، دخل البوكمال بعد معارك"
    >>> a, b = word_window(text, text.index("البوكمال"), text.index(" بعد"), 2)
    >>> text[a:b]
    'الجيش، دخل البوكمال بعد معارك'
    """
    if window <= 0:
        return start, end
    scan = text.replace("_", " ") if "_" in text else text
    right = len(text)
    for k, m in enumerate(_WORD_CHUNK.finditer(scan, end), 1):
        if k == window:
            right = m.end()
            break
    # Backwards, a chunk at a time: tokenizing from a space or line break (never inside a
    # token) gives the same tokens as tokenizing from the start of the text.
    lo = start
    step = 16 * window
    while True:
        lo = max(0, lo - step)
        if lo:
            lo = max(scan.rfind(" ", 0, lo + 1), scan.rfind("\n", 0, lo + 1), 0)
        starts = [m.start() for m in _WORD_CHUNK.finditer(scan, lo, start)]
        if len(starts) >= window:
            return starts[-window], right
        if not lo:
            return 0, right
        step *= 2


def _document_matches(fields: Sequence[str], lex: Lexicon, blockers: bool, voice: str):
    """:func:`match_spans` of one document whose fields are ``fields``: ``(field number,
    start, end, surface, pattern id, voice)`` with offsets within the field. The fields are
    matched as one text joined by line breaks, as :func:`count_terms` reads them (no match
    and no quotation crosses a line break, so this is what matching each field alone gives)."""
    text = fields[0] if len(fields) == 1 else "\n".join(fields)
    out = []
    k, base, limit = 0, 0, len(fields[0])
    for start, end, pid, v in match_spans(text, lex, blockers=blockers, voice=voice):
        while start > limit:  # the match is in a later field
            k += 1
            base = limit + 1
            limit = base + len(fields[k])
        out.append((k, start - base, end - base, text[start:end], pid, v))
    return out


def find_terms(text, lexicon, *, fields: Sequence[str] = DEFAULT_FIELDS, blockers: bool = False,
               voice: str = "all") -> pd.DataFrame:
    """All lexicon matches in a text, with offsets into the original (un-normalized) text.

    Columns: ``start``, ``end`` (``text[start:end] == surface``), ``surface``, ``label``,
    ``category``, ``gloss``, ``pattern``, ``voice`` (``"own"`` or ``"quoted"``: inside a
    quotation, see :mod:`helpers.voice`; ``voice="own"`` or ``"quoted"`` keeps only
    those rows). Given a Series or list, adds ``doc_id`` (the
    index value); given a corpus frame, ``doc_id`` (its ``doc_id`` column, else the
    index) and ``field`` (which of ``fields`` the match is in; offsets are within that
    field). Blocker matches are left out unless ``blockers=True``.

    >>> find_terms("قالت قسد إن قوات سوريا الديمقراطية", "corpus/lexicons/entities.csv")["label"].tolist()
    ['sdf', 'sdf']
    >>> corpus = pd.DataFrame({"doc_id": ["d1"], "title": ["داعش"], "text": ["طرد داعش"]})
    >>> find_terms(corpus, "داعش")[["doc_id", "field", "start"]].values.tolist()
    [['d1', 'title', 0], ['d1', 'text', 4]]
    """
    lex = as_lexicon(lexicon)
    _check_voice(voice)
    many = isinstance(text, (pd.Series, pd.DataFrame, list, tuple))
    parts = text_fields(text, fields) if many else [("text", pd.Series([as_text(text, "text")]))]
    is_frame = isinstance(text, pd.DataFrame)
    index = parts[0][1].index
    found = []  # (document number, field number, start, end, surface, pattern id, voice)
    for first in range(0, len(index), JOIN_CHUNK):  # texts read a chunk at a time, as count_terms does
        columns = [_as_texts(series.iloc[first:first + JOIN_CHUNK]) for _, series in parts]
        for k, row in enumerate(zip(*columns)):
            for match in _document_matches(row, lex, blockers, voice):
                found.append((first + k, *match))
    docs, field, start, end, surface, pid, voices = (list(c) for c in zip(*found)) if found else [[]] * 7
    label = [lex.labels[i] for i in lex.pattern_labels]
    pattern = lex.entries["pattern"].tolist()
    columns = {"start": start, "end": end, "surface": surface,
               "label": [label[p] for p in pid],
               "category": [lex.categories[label[p]] for p in pid],
               "gloss": [lex.glosses[label[p]] for p in pid],
               "pattern": [pattern[p] for p in pid],
               "voice": voices}
    if many:
        ids = text["doc_id"].tolist() if is_frame and "doc_id" in text.columns else list(index)
        names = [name for name, _ in parts]
        head = {"doc_id": [ids[d] for d in docs], **({"field": [names[f] for f in field]} if is_frame else {})}
        columns = {**head, **columns}
    out = pd.DataFrame(columns if found else [], columns=list(columns))
    return out.astype({"start": "int64", "end": "int64"})


def _n_words(text: str) -> int:
    if "_" in text:
        text = text.replace("_", " ")
    return len(_WORDS_RE.findall(text))


def _voice_words(text: str, voice: str) -> int:
    if voice == "all":
        return _n_words(text)
    pieces = voice_segments(text)
    return sum(_n_words(p) for p in pieces[(0 if voice == "own" else 1)::2])


def word_counts(texts, *, fields: Sequence[str] = DEFAULT_FIELDS, voice: str = "all") -> pd.Series:
    """Number of word tokens per document (punctuation excluded), same index as the input.

    A corpus frame counts the words of ``fields`` (title + text by default). Linear in
    the length of the text. An underscore separates words, as in matching. With
    ``voice="own"`` or ``"quoted"``, only the words in the outlet's own voice or in
    quotations (:mod:`helpers.voice`).

    >>> word_counts(["قال الجيش، إن 3 قتلى", None]).tolist()
    [5, 0]
    >>> word_counts(['قال: "لن ننسحب من هنا"'], voice="quoted").tolist()
    [4]
    """
    _check_voice(voice)
    parts = text_fields(texts, fields)
    index = parts[0][1].index
    total = [0] * len(index)
    for _, series in parts:
        for k, (i, v) in enumerate(series.items()):
            total[k] += _voice_words(as_text(v, i), voice)
    return pd.Series(total, index=index, dtype="int64", name="words")


def count_terms(texts, lexicon, *, rate_per: int | None = None, fields: Sequence[str] = DEFAULT_FIELDS,
                blockers: bool = False, voice: str = "all") -> pd.DataFrame:
    """Count lexicon labels per document.

    ``texts`` is a Series (its index is kept), a corpus frame (its index is kept; the
    ``fields`` columns are used, title + text by default), a list (index 0..n-1) or one
    string. Returns one row per document and one ``int64`` column per label, in lexicon
    order, zeros included; blocker labels only with ``blockers=True``.
    ``voice="own"`` counts only matches in the outlet's own voice, ``voice="quoted"``
    only those inside quotations (:mod:`helpers.voice`); the two add up to ``"all"``.
    With ``rate_per=1000`` the values are rates per 1,000 words (float; 0 for empty
    texts), words of that voice only when ``voice`` is given.
    Missing texts (None/NaN) count as empty.

    >>> count_terms(pd.Series(["الجيش وحلفاؤه في البوكمال"], index=["d1"]),
    ...             "corpus/lexicons/entities.csv")[["albukamal"]]
        albukamal
    d1          1
    >>> text = 'قال المتحدث: "داعش انسحب من البوكمال". ودخل الجيش البوكمال'
    >>> [count_terms([text], "البوكمال", voice=v).iloc[0, 0] for v in ("all", "own", "quoted")]
    [np.int64(2), np.int64(1), np.int64(1)]
    """
    lex = as_lexicon(lexicon)
    _check_voice(voice)
    parts = text_fields(texts, fields)
    index = parts[0][1].index
    label_of = lex.pattern_labels
    want_quoted = voice == "quoted"
    # one (document, label) pair per match: the table is filled at the end, so the cost
    # per document does not grow with the number of labels
    hit_rows: list[int] = []
    hit_labels: list[int] = []
    for r, text in enumerate(_joined(parts)):
        if not text:
            continue
        found = _match_spans(text, lex, offsets=voice != "all")
        if not found:
            continue
        if voice == "all":
            hit_rows.extend(repeat(r, len(found)))
            hit_labels.extend(label_of[pid] for _, _, pid in found)
        else:
            kept = [label_of[pid] for (_, _, pid), quoted in zip(found, quoted_at(text, [m[0] for m in found]))
                    if quoted == want_quoted]
            hit_rows.extend(repeat(r, len(kept)))
            hit_labels.extend(kept)
    table = np.zeros((len(index), len(lex.labels)), dtype=np.int64)
    np.add.at(table, (np.asarray(hit_rows, dtype=np.intp), np.asarray(hit_labels, dtype=np.intp)), 1)
    counts = pd.DataFrame(table, index=index, columns=lex.labels)
    if lex.blockers and not blockers:
        counts = counts[lex.shown_labels()]
    if rate_per:
        words = word_counts(texts, fields=fields, voice=voice)
        rates = counts.div(words.where(words > 0), axis=0).fillna(0.0) * rate_per
        return rates
    return counts


def _topic_labels(lex: Lexicon, labels) -> list[str]:
    """The labels that name a topic: ``labels`` (one name or a list), else all but blockers;
    a name the lexicon lacks is an error that lists its labels."""
    if isinstance(labels, str):
        labels = [labels]
    wanted = lex.shown_labels() if labels is None else list(labels)
    unknown = [lab for lab in wanted if lab not in lex.labels]
    if unknown:
        raise ValueError(f"labels {unknown} are not in the lexicon {lex.source!r} (its labels: {', '.join(lex.labels)})")
    return wanted


def topic_filter(corpus, lexicon, labels=None, *, min_hits: int = 1, fields: Sequence[str] = DEFAULT_FIELDS,
                 lead: int | None = None) -> pd.DataFrame:
    """The rows of a corpus about a topic: those with at least ``min_hits`` matches of
    ``labels`` (all the lexicon's labels but its blockers when None; a blocker counts only
    when named) in ``fields``
    (title + text by default). With ``lead=N`` only the first N characters of the
    ``text`` field are searched (the title still is, in full): a story *about* Syria
    names it early, a story that mentions it in passing may not. Returns the matching
    rows of ``corpus`` (index and columns kept), in corpus order.

    >>> corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "title": ["", "", ""],
    ...     "text": ["قصف في إدلب ودمشق", "أمطار في جدة", "مباراة في الرياض ثم حديث عن دمشق"]})
    >>> topic = Lexicon.from_patterns(["إدلب", "دمشق"], label="syria")
    >>> topic_filter(corpus, topic)["doc_id"].tolist()
    ['a', 'c']
    >>> topic_filter(corpus, topic, min_hits=2)["doc_id"].tolist(), topic_filter(corpus, topic, lead=12)["doc_id"].tolist()
    (['a'], ['a'])
    """
    lex = as_lexicon(lexicon)
    wanted = _topic_labels(lex, labels)
    if min_hits < 1:
        raise ValueError("min_hits must be at least 1")
    if lead is not None and lead < 0:
        raise ValueError("lead must be a number of characters >= 0")
    if isinstance(corpus, pd.DataFrame):
        frame = corpus
        if lead is not None and "text" in frame.columns:
            frame = frame.assign(text=[as_text(v, i)[:lead] for i, v in frame["text"].items()])
    else:
        series = _texts(corpus)
        frame = series if lead is None else pd.Series([as_text(v, i)[:lead] for i, v in series.items()],
                                                      index=series.index, dtype=object)
    counts = count_terms(frame, lex, fields=fields, blockers=True)
    hits = counts[wanted].sum(axis=1).to_numpy() >= min_hits
    if isinstance(corpus, pd.DataFrame):
        return corpus[hits]
    return _texts(corpus)[hits]


#: Where :func:`topic_scope` cuts sentences: . ! ? ؟ ؛ (not a point between digits) and line breaks.
SENTENCE_END_RE = re.compile(r"[!?؟؛\n]|\.(?!\d)")
_PARAGRAPH_END_RE = re.compile(r"\n")
_MASKED_RE = re.compile(r"\w")
SCOPE_UNITS = ("sentence", "paragraph")


def _units(text: str, unit: str) -> list[tuple[int, int]]:
    """The sentences (or paragraphs) of a text as ``(start, end)`` spans that tile it."""
    cut = SENTENCE_END_RE if unit == "sentence" else _PARAGRAPH_END_RE
    spans, start = [], 0
    for m in cut.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def scope_text(text: str, lexicon, labels=None, *, unit: str = "sentence") -> str:
    """A text with every sentence (or paragraph) that does not name the topic masked.

    The topic is the matches of ``labels`` of ``lexicon`` (all its labels but blockers
    when None). Masking replaces each letter and digit of an out-of-scope unit by ``x``:
    offsets, word counts, punctuation, quote marks and line breaks stay as they were, so
    a match found in the scoped text has the same offsets as in the original and, almost
    always, the same voice (99.7% of the frame matches in Syria-filtered SaudiNewsNet: a
    masked attribution verb or naming word can change how a quotation is read), and
    nothing in a masked unit can match. Sentences end at ``. ! ? ؟ ؛``
    (not a point between digits) or a line break; paragraphs at a line break.

    >>> topic = Lexicon.from_patterns(["دمشق"], label="syria")
    >>> scope_text("قصف في دمشق. قصف في صنعاء.", topic)
    'قصف في دمشق. xxx xx xxxxx.'
    >>> scope_text("قصف في دمشق. قصف في صنعاء.", topic, unit="paragraph")
    'قصف في دمشق. قصف في صنعاء.'
    """
    if unit not in SCOPE_UNITS:
        raise ValueError(f"unit must be 'sentence' or 'paragraph', not {unit!r}")
    lex = as_lexicon(lexicon)
    wanted = set(_topic_labels(lex, labels))
    label_of = lex.pattern_labels
    hits = sorted(start for start, _, pid, _ in match_spans(text, lex) if lex.labels[label_of[pid]] in wanted)
    if not text:
        return text
    pieces = []
    for start, end in _units(text, unit):
        k = bisect_right(hits, end - 1) - bisect_right(hits, start - 1)
        pieces.append(text[start:end] if k else _MASKED_RE.sub("x", text[start:end]))
    return "".join(pieces)


def topic_scope(corpus, lexicon, labels=None, *, unit: str = "sentence",
                fields: Sequence[str] = DEFAULT_FIELDS) -> pd.DataFrame:
    """A corpus in which only the sentences (or paragraphs) that name a topic can match.

    :func:`topic_filter` keeps the *articles* about a topic; a news article about Syria
    still has sentences about Yemen or Turkey, where "rebels", "martyrs" or "liberation"
    have other referents. ``topic_scope`` masks, in each field of ``fields``, every
    sentence (``unit="sentence"``) or paragraph (``unit="paragraph"``) without a match
    of ``labels`` of ``lexicon``, with :func:`scope_text`. Counting, KWIC and sampling
    then see only the sentences that name the topic, with unchanged offsets and word counts
    (a rate stays per 1,000 words of the whole article). The cost: a sentence
    about the topic that does not name it ("the regime shelled the town") is masked too.
    Returns a copy of the corpus (same index and columns).

    >>> corpus = pd.DataFrame({"doc_id": ["a"], "title": ["أخبار"],
    ...                        "text": ["قتل 3 في دمشق. وقتل 2 في صنعاء."]})
    >>> topic = Lexicon.from_patterns(["دمشق"], label="syria")
    >>> count_terms(topic_scope(corpus, topic), "قتل")["قتل"].tolist()
    [1]
    """
    lex = as_lexicon(lexicon)
    wanted = _topic_labels(lex, labels)
    if unit not in SCOPE_UNITS:
        raise ValueError(f"unit must be 'sentence' or 'paragraph', not {unit!r}")
    if not isinstance(corpus, pd.DataFrame):
        series = _texts(corpus)
        return pd.Series([scope_text(as_text(v, i), lex, wanted, unit=unit) for i, v in series.items()],
                         index=series.index, dtype=object)
    out = corpus.copy()
    for name, series in text_fields(corpus, fields):
        out[name] = [scope_text(as_text(v, i), lex, wanted, unit=unit) if not (v is None or (not isinstance(v, str) and pd.isna(v))) else v
                     for i, v in series.items()]
    return out
