"""A frozen copy of the voice rules (:mod:`helpers.voice`) as they were before the lazy
``quoted_at`` and the speed work on rule 2 (commit bf9c09f): ``quoted_spans`` reads every
quotation and every colon of a text. The differential tests compare the live
``quoted_spans`` and ``quoted_at`` (and the voice split of ``count_terms``, through
``reference_matcher``) with it. The rules' tables (attribution verbs, naming words, limits)
are read from the live module: they are data, not the code under test.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from helpers.arabic import WORD_PATTERN, normalize
from helpers.voice import ATTRIBUTION_VERBS, ATTRIBUTION_WINDOW, NAME_MAX_WORDS, NAME_WORDS, SCARE_QUOTE_MAX_WORDS

_OPENERS = {"«": "»", "»": "«", "“": "”“", "”": "“”", "„": "“”", '"': '"'}
_MARK_RE = re.compile('[«»“”„"\n:]')
_QUOTE_OR_COLON = re.compile('[«»“”„":]')
_WORDS = re.compile(WORD_PATTERN)
_SENTENCE_END = re.compile(r"[.!?؟؛\n]")
_THAT = frozenset({"ان"})


def _forms(words: Iterable[str], prefixes: str) -> frozenset[str]:
    out = set()
    for w in words:
        n = normalize(w)
        out.add(n)
        out.update(p + n for p in prefixes)
    return frozenset(out)


_ATTRIBUTION = _forms((f for forms in ATTRIBUTION_VERBS.values() for f in forms), "وف")
_NAMING = frozenset(normalize(w) for w in NAME_WORDS)


@lru_cache(maxsize=65536)
def _is_naming(word: str) -> bool:
    """Is this word (with up to two proclitics and an article) one of NAME_WORDS?"""
    cands = {normalize(word)}
    for _ in range(2):
        cands |= {c[1:] for c in cands if len(c) > 2 and c[0] in "وفبلك"}
    cands |= {c[2:] for c in cands if c.startswith("ال") and len(c) > 4}
    return not cands.isdisjoint(_NAMING)


def _skip_spaces(text: str, at: int) -> int:
    """The offset of the first character at or after ``at`` that is not a space or tab."""
    while at < len(text) and text[at] in " \t":
        at += 1
    return at


_LAST_WORD = re.compile(rf"({WORD_PATTERN})[ \t]*$")


def _quote_is_speech(text: str, open_at: int, close_at: int, line_start: int) -> bool:
    """Rule 2: is the quotation text[open_at:close_at] speech, or a name / scare quote?"""
    k = open_at - 1
    while k >= line_start and text[k] in " \t":
        k -= 1
    if k >= line_start and text[k] == ":":
        return True
    n_words = len(_WORDS.findall(text, open_at, close_at))
    first = _WORDS.search(text, open_at, close_at)
    if first and n_words <= NAME_MAX_WORDS and _is_naming(first.group()):
        return False  # "غرفة العمليات المركزية في الجنوب", "جيش خالد بن الوليد"
    last = _LAST_WORD.search(text, max(line_start, open_at - 60), open_at)
    if last:
        word = last.group(1)
        if n_words <= NAME_MAX_WORDS and _is_naming(word):
            return False
        after = _skip_spaces(text, close_at)
        if normalize(word) in _THAT and text[after:after + 1] in ("", *".!?؟\n"):
            return True  # إن "كل شيء ممكن". : a reported fragment that ends the sentence
    return n_words > SCARE_QUOTE_MAX_WORDS


def _attributed_colon(text: str, colon: int, line_start: int) -> bool:
    """Rule 3: is there an attribution verb at most ATTRIBUTION_WINDOW words before this colon,
    in the same sentence?"""
    if 0 < colon < len(text) - 1 and text[colon - 1].isdigit() and text[colon + 1].isdigit():
        return False
    lo = max(line_start, colon - 40 * ATTRIBUTION_WINDOW)
    window = text[lo:colon]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if ends:
        window = window[ends[-1]:]
    words = _WORDS.findall(window)[-ATTRIBUTION_WINDOW:]
    return any(_is_attribution(w) for w in words)


@lru_cache(maxsize=65536)
def _is_attribution(word: str) -> bool:
    return normalize(word) in _ATTRIBUTION


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of quoted speech in a text, sorted and disjoint.

    The rules (quote marks, names and scare quotes, speech after an attribution verb and
    a colon) are in the module docstring. A span starts at a quote mark or right after a
    colon and ends right after a quote mark or at a line break, so it never cuts a word.

    >>> t = 'أكد الوزير، في بيان: سنواصل القتال\\nوقالت «هيئة تحرير الشام» إن "كل شيء ممكن"'
    >>> [t[a:b] for a, b in quoted_spans(t)]
    [' سنواصل القتال', '"كل شيء ممكن"']
    >>> quoted_spans("")
    []
    """
    if not text or not _QUOTE_OR_COLON.search(text):
        return []
    spans: list[tuple[int, int]] = []
    quotes: dict[int, int] = {}  # opening offset -> end offset, for every quotation
    speech_from: list[int] = []  # offsets right after an attributed colon
    line_start = 0
    open_at = -1
    closers = ""
    for m in _MARK_RE.finditer(text):
        ch, at = m.group(), m.start()
        if ch == "\n":
            if open_at >= 0:
                quotes[open_at] = at
                open_at = -1
            line_start = at + 1
        elif ch == ":":
            if open_at < 0 and _attributed_colon(text, at, line_start):
                speech_from.append(at + 1)
        elif open_at >= 0:
            if ch in closers:
                quotes[open_at] = at + 1
                open_at = -1
        else:
            open_at, closers = at, _OPENERS[ch]
    if open_at >= 0:
        quotes[open_at] = len(text)
    forced = set()
    for start in speech_from:
        stripped = _skip_spaces(text, start)
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if stripped in quotes:
            forced.add(stripped)
        else:
            spans.append((start, end))
    for open_at, end in quotes.items():
        ls = text.rfind("\n", 0, open_at) + 1
        if open_at in forced or _quote_is_speech(text, open_at, end, ls):
            spans.append((open_at, end))
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if b <= a:
            continue
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out



def voice_segments(text: str) -> list[str]:
    """The text cut at the edges of its quoted spans: own, quoted, own, ..., own (an odd
    number of pieces; the first and last may be empty). ``"".join`` gives the text back,
    and no cut falls inside a word, so tokenizing the pieces one by one gives the tokens
    of the whole text.

    >>> voice_segments('قال: نعم')
    ['قال:', ' نعم', '']
    """
    pieces, at = [], 0
    for a, b in quoted_spans(text):
        pieces += [text[at:a], text[a:b]]
        at = b
    pieces.append(text[at:])
    return pieces
