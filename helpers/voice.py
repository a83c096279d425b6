"""Own voice and quoted speech: which stretches of a news text quote someone.

A frame word in an article is either the outlet's own wording or a quotation of what
someone said. This module owns the rules that tell them apart; :mod:`helpers.lexicon`
uses them to give every match a ``voice`` (``"own"`` or ``"quoted"``) and to count by
voice. Everything works on the raw text, one paragraph (one line) at a time.
:func:`quoted_spans` lists every quoted span of a text; :func:`quoted_at` answers for given
offsets only, reading only the paragraphs, quotations and colons that decide them (the
engine of the voice split in counting; the tests compare the two at every offset).

Rules (applied to each paragraph; a span never crosses a line break):

1. **Quote marks.** A pair of quote marks encloses a quotation: ``« »``, ``“ ”`` (also
   written ``” “``, ``“ “`` or ``„ “``), ``» «`` and straight ``" "``. The first mark of a
   paragraph opens a quotation and the next mark of the same kind closes it; other
   marks inside are part of the quotation. A quotation that is not closed ends at the
   end of the paragraph. The span includes the quote marks.
2. **Names and scare quotes are not speech.** Quote marks around a name or a single
   word are not a quotation: a quoted stretch of at most :data:`SCARE_QUOTE_MAX_WORDS`
   (3) words is a name or scare quote (``قوات "سوريا الديمقراطية"``, ``"داعش"``),
   unless it comes right after a colon, or right after إن / أن ("that") and ends the
   sentence (``قوله إن "كل شيء ممكن".``; but ``إن "داعش" انسحب`` is a scare quote).
   A quoted stretch of at
   most :data:`NAME_MAX_WORDS` (8) words right after a naming word, or beginning with
   one (:data:`NAME_WORDS`: تنظيم, حركة, جبهة, جيش, عملية, صحيفة ...), is a name too:
   ``تنظيم «الدولة الإسلامية في العراق والشام»``, ``"جيش خالد بن الوليد"``.
3. **Speech after an attribution verb and a colon.** When a word of
   :data:`ATTRIBUTION_VERBS` (قال, أضاف, أكد, صرح, أوضح, أشار ... in their past,
   present and participle forms, with و or ف before them) is followed, within
   :data:`ATTRIBUTION_WINDOW` (12) words and before any sentence end (``. ! ? ؟ ؛``), by a
   colon, what follows the colon is speech: up to the closing quote if the speech
   opens with a quote mark, else to the end of the paragraph. Commas may stand between
   the verb and the colon (``وقال، في بيان:``); a colon between two digits (a time,
   ``10:30``) is not one.

Limits, plainly: indirect speech (``قال إن الجيش ...``, "he said that the army ...") is
counted as the outlet's own voice, because the outlet chooses its words; speech after
a colon is taken to run to the end of the paragraph, even if the outlet resumes its
own voice there; single quotes (``'``) are not read as quotation marks (they double as
apostrophes); a long quoted title without a naming word before it (a book, a slogan)
counts as a quotation. The rules are heuristics: read a sample (``kwic`` has a
``voice`` column) before relying on a split.

Example:
    >>> text = 'وقال المتحدث: "لن ننسحب من المدينة". وتسيطر قوات "سوريا الديمقراطية" على الرقة'
    >>> [text[a:b] for a, b in quoted_spans(text)]
    ['"لن ننسحب من المدينة"']
    >>> voice_at(quoted_spans(text), [text.index("المدينة"), text.index("الرقة")])
    ['quoted', 'own']
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Iterable, Sequence

from .arabic import WORD_PATTERN, normalize

__all__ = [
    "quoted_spans", "quoted_at", "voice_at", "voice_segments", "ATTRIBUTION_VERBS", "NAME_WORDS", "SCARE_QUOTE_MAX_WORDS",
    "NAME_MAX_WORDS", "ATTRIBUTION_WINDOW", "VOICES",
]

#: The values of the ``voice`` column, and of the ``voice=`` filters besides ``"all"``.
VOICES = ("own", "quoted")

#: Quoted stretches of at most this many words are names or scare quotes (rule 2).
SCARE_QUOTE_MAX_WORDS = 3
#: Quoted stretches of at most this many words after a naming word are names (rule 2).
NAME_MAX_WORDS = 8
#: A colon at most this many words after an attribution verb introduces speech (rule 3).
ATTRIBUTION_WINDOW = 12

#: Attribution words (rule 3), by verb: past (he, she, they, the two), present, the
#: participle used as an adverb ("adding: ..."), and for قال the noun قول ("his saying").
#: Each form may also be written with و or ف before it (وقال, فأضاف) and is matched after
#: :func:`helpers.arabic.normalize` (hamza on alef and tanwin do not matter).
ATTRIBUTION_VERBS: dict[str, tuple[str, ...]] = {
    "said (qala)": ("قال", "قالت", "قالوا", "قالا", "قالتا", "يقول", "تقول", "يقولون", "نقول", "أقول",
                    "قائلا", "قائلة", "قائلين", "قوله", "قولها", "قولهم", "قولهما"),
    "added (adafa)": ("أضاف", "أضافت", "أضافوا", "أضافا", "يضيف", "تضيف", "يضيفون", "مضيفا", "مضيفة", "مضيفين"),
    "went on (tabaa)": ("تابع", "تابعت", "تابعوا", "يتابع", "تتابع", "متابعا", "متابعة"),
    "stressed (akkada)": ("أكد", "أكدت", "أكدوا", "أكدا", "يؤكد", "تؤكد", "يؤكدون", "مؤكدا", "مؤكدة", "مؤكدين"),
    "declared (sarraha)": ("صرح", "صرحت", "صرحوا", "يصرح", "تصرح", "مصرحا", "مصرحة"),
    "explained (awdaha)": ("أوضح", "أوضحت", "أوضحوا", "يوضح", "توضح", "موضحا", "موضحة", "موضحين"),
    "pointed out (ashara)": ("أشار", "أشارت", "أشاروا", "يشير", "تشير", "مشيرا", "مشيرة", "مشيرين"),
    "considered (itabara)": ("اعتبر", "اعتبرت", "اعتبروا", "يعتبر", "تعتبر", "معتبرا", "معتبرة"),
    "mentioned (dhakara)": ("ذكر", "ذكرت", "ذكروا", "يذكر", "تذكر", "ذاكرا"),
    "announced (alana)": ("أعلن", "أعلنت", "أعلنوا", "يعلن", "تعلن", "معلنا", "معلنة"),
    "reported (afada)": ("أفاد", "أفادت", "أفادوا", "يفيد", "تفيد", "مفيدا"),
    "wrote (kataba)": ("كتب", "كتبت", "كتبوا", "يكتب", "تكتب"),
    "it reads (jaa fi)": ("جاء", "وجاء", "ورد"),
}

#: Naming words: a quotation right after one of them is a name (rule 2). Matched after
#: normalization, also with و ف ب ل ك or ال before them.
NAME_WORDS = (
    "تنظيم", "حركة", "جبهة", "هيئة", "جيش", "قوات", "كتائب", "كتيبة", "لواء", "ألوية", "فصيل", "فصائل",
    "جماعة", "وحدات", "ميليشيا", "ميليشيات", "مليشيا", "مليشيات", "حزب", "تحالف", "مجلس", "منظمة", "غرفة", "عمليات",
    "عملية", "معركة", "حملة", "اتفاق", "اتفاقية", "مؤتمر", "مبادرة", "خطة", "صحيفة", "جريدة", "مجلة", "وكالة",
    "قناة", "موقع", "شبكة", "برنامج", "مركز", "مرصد", "فيلم", "كتاب", "مسلسل", "شعار", "وسم", "هاشتاغ",
    "يسمى", "تسمى", "المسمى", "المسماة", "المعروف", "المعروفة", "يعرف", "تعرف", "بـ",
)

_OPENERS = {"«": "»", "»": "«", "“": "”“", "”": "“”", "„": "“”", '"': '"'}
_MARK_RE = re.compile('[«»“”„"\n:]')
_QUOTE_OR_COLON = re.compile('[«»“”„":]')
#: A whole quotation (rule 1: from a mark to the next mark that closes it, or to the end of the
#: paragraph) or a colon outside one: the pairs quoted_spans makes, one regex match each.
_QUOTATION_OR_COLON = re.compile("|".join(f"{re.escape(o)}[^{c}\\n]*[{c}]?" for o, c in _OPENERS.items()) + "|:")
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


def _last_word(text: str, lo: int, at: int) -> str | None:
    """The word that ends right before ``at`` (spaces and tabs between them allowed), not
    reaching before ``lo`` (cut there); None if a space is all there is or another character ends it."""
    while at > lo and text[at - 1] in " \t":
        at -= 1
    m = _WORDS.match(text[lo:at][::-1]) if at > lo else None
    return text[at - m.end():at] if m else None


#: Characters of a quotation read to count its words: rule 2 only asks whether it has more
#: than NAME_MAX_WORDS (which a window this long settles for all but very long words).
_COUNT_WINDOW = 160


def _quote_is_speech(text: str, open_at: int, close_at: int, line_start: int) -> bool:
    """Rule 2: is the quotation text[open_at:close_at] speech, or a name / scare quote?"""
    k = open_at - 1
    while k >= line_start and text[k] in " \t":
        k -= 1
    if k >= line_start and text[k] == ":":
        return True
    # the words of the quotation, or the first NAME_MAX_WORDS + 1 of them and more
    whole = close_at - open_at <= _COUNT_WINDOW
    words = _WORDS.findall(text, open_at, close_at if whole else open_at + _COUNT_WINDOW)
    if not whole and len(words) <= NAME_MAX_WORDS:
        words = _WORDS.findall(text, open_at, close_at)
    short = len(words) <= NAME_MAX_WORDS  # (a word cut by the window is never the first of two)
    if words and short and _is_naming(words[0]):
        return False  # "غرفة العمليات المركزية في الجنوب", "جيش خالد بن الوليد"
    word = _last_word(text, max(line_start, open_at - 60), open_at)
    if word:
        if short and _is_naming(word):
            return False
        after = _skip_spaces(text, close_at)
        if _is_that(word) and text[after:after + 1] in ("", *".!?؟\n"):
            return True  # إن "كل شيء ممكن". : a reported fragment that ends the sentence
    return len(words) > SCARE_QUOTE_MAX_WORDS


@lru_cache(maxsize=4096)
def _is_that(word: str) -> bool:
    return normalize(word) in _THAT


def _attributed_colon(text: str, colon: int, line_start: int) -> bool:
    """Rule 3: is there an attribution verb at most ATTRIBUTION_WINDOW words before this colon,
    in the same sentence?"""
    if 0 < colon < len(text) - 1 and text[colon - 1].isdigit() and text[colon + 1].isdigit():
        return False
    lo = max(line_start, colon - 40 * ATTRIBUTION_WINDOW)
    window = text[lo:colon]
    end = _SENTENCE_END.search(window[::-1])  # the last sentence end (one character)
    if end:
        window = window[len(window) - end.start():]
    words = _WORDS.findall(window)[-ATTRIBUTION_WINDOW:]
    return any(map(_is_attribution, words))


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


def voice_at(spans: Sequence[tuple[int, int]], offsets: Iterable[int]) -> list[str]:
    """The voice (``"own"`` or ``"quoted"``) at each character offset, given
    :func:`quoted_spans`: quoted when the offset falls inside a span.

    >>> voice_at([(5, 10)], [0, 5, 9, 10])
    ['own', 'quoted', 'quoted', 'own']
    """
    starts = [a for a, _ in spans]
    out = []
    for x in offsets:
        k = bisect_right(starts, x) - 1
        out.append("quoted" if k >= 0 and x < spans[k][1] else "own")
    return out


def quoted_at(text: str, offsets: Sequence[int]) -> list[bool]:
    """Is each character offset inside quoted speech? The answer of
    ``voice_at(quoted_spans(text), offsets)`` (True for ``"quoted"``), read lazily: only the
    paragraphs that hold an offset, in them only the quotations that hold one, and the
    colons up to the first attributed one before it. The engine of the voice split in
    :func:`helpers.count_terms`; fast when offsets are ascending (any order works).

    >>> text = 'وقال المتحدث: "لن ننسحب من المدينة". وتسيطر قوات "سوريا الديمقراطية" على الرقة'
    >>> quoted_at(text, [text.index("المدينة"), text.index("الرقة")])
    [True, False]
    """
    offsets = list(offsets)
    n = len(offsets)
    if offsets != sorted(offsets):
        order = sorted(range(n), key=offsets.__getitem__)
        out = [False] * n
        for k, flag in zip(order, quoted_at(text, [offsets[k] for k in order])):
            out[k] = flag
        return out
    k = bisect_left(offsets, 0)
    out = [False] * k  # offsets outside the text (negative, or len(text) and after) are own voice
    inside = bisect_left(offsets, len(text), k)
    search = _QUOTE_OR_COLON.search
    while k < inside:
        at = offsets[k]
        line_start = text.rfind("\n", 0, at) + 1
        mark = search(text, line_start)  # speech begins at a quote mark or after a colon
        if mark is None:
            break
        first = mark.start()
        if first > at:  # no mark before this offset in its paragraph, nor before the next ones up to that mark
            j = bisect_left(offsets, first, k, inside)
            out.extend([False] * (j - k))
            k = j
            continue
        line_end = text.find("\n", at)
        if line_end < 0:
            line_end = len(text)
        j = bisect_right(offsets, line_end, k, inside)
        out.extend(_paragraph_quoted(text, line_start, line_end, offsets[k:j]))
        k = j
    out.extend([False] * (n - k))
    return out


def _paragraph_quoted(text: str, line_start: int, line_end: int, offsets: Sequence[int]) -> list[bool]:
    """:func:`quoted_at` for ascending offsets in one paragraph, ``text[line_start:line_end]``
    (the last may be ``line_end`` itself, a line break or the text's end, never quoted);
    the paragraph holds a quote mark or a colon."""
    last = offsets[-1]
    opens: list[int] = []  # rule 1: the quotations that begin up to the last offset, and their ends
    ends: list[int] = []
    colons: list[int] = []  # colons outside quotations, up to the last offset
    for m in _QUOTATION_OR_COLON.finditer(text, line_start, line_end):
        at = m.start()
        if at > last:
            break
        if text[at] == ":":
            colons.append(at)
        else:
            opens.append(at)
            ends.append(m.end())
    speech: dict[int, bool] = {}  # quotation index -> rule 2's answer, read on demand
    speech_from = None  # rule 3: speech runs from here to the paragraph's end
    c = 0
    out = []
    for x in offsets:
        while speech_from is None and c < len(colons) and colons[c] < x:
            colon = colons[c]
            c += 1
            # a colon before a quote mark makes that quotation speech (rule 2 reads the colon itself)
            after = _skip_spaces(text, colon + 1)
            if text[after:after + 1] not in _OPENERS and _attributed_colon(text, colon, line_start):
                speech_from = colon + 1
        if x >= line_end:
            out.append(False)
        elif speech_from is not None:
            out.append(True)
        else:
            q = bisect_right(opens, x) - 1
            if q >= 0 and x < ends[q]:
                if q not in speech:
                    speech[q] = _quote_is_speech(text, opens[q], ends[q], line_start)
                out.append(speech[q])
            else:
                out.append(False)
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
