"""Cleaning Arabic text: normalization steps, tokens, stop words and clitics.

This module owns everything that turns raw Arabic strings into comparable
forms. Each step is a small function that takes and returns a string;
:func:`normalize` composes them with explicit keyword options.

The steps, in the order :func:`normalize` applies them:

=================  =======  ==========================================================
option             default  what it does
=================  =======  ==========================================================
``presentation``   on       Arabic presentation forms (ﻻ ﺍ ﺑ ..., from PDFs and old reshaped text)
                            → ordinary letters (Unicode NFKC on those characters only)
``invisible``      on       removes bidi controls, zero-width characters, soft hyphen, BOM
``diacritics``     on       removes tashkeel: fatha, damma, kasra, sukun, shadda, tanwin,
                            superscript (dagger) alef, Quranic annotation marks
``tatweel``        on       removes the kashida ``ـ`` used to stretch words
``alef``           on       ``أ إ آ ٱ ٲ ٳ`` → ``ا``
``persian``        on       Persian/Urdu letters → Arabic: ``ک`` → ``ك``, ``ی`` → ``ى`` at the
                            end of a word (where it looks like alef maqsura) and ``ي``
                            elsewhere, ``ە ۀ`` → ``ه ة``, ``ھ`` → ``ه``
``digits``         on       Arabic-Indic ``٠-٩`` and Persian ``۰-۹`` digits → ``0-9``
``punctuation``    on       ``، ؛ ؟ ٪`` → ``, ; ? %``
``spaces``         on       NBSP and other Unicode spaces → space; runs of spaces and tabs
                            → one space; ``\\r\\n`` → ``\\n``
``alef_maqsura``   off      ``ى`` → ``ي`` (merges إلى/إلي; usual in search engines)
``ta_marbuta``     off      ``ة`` → ``ه`` (merges distinct words: سورية/سوريه, مدرسة/مدرسه)
=================  =======  ==========================================================

Design of the hot path: the character-level steps are merged into one mapping built
once per option set (:func:`_normalize_plan`). A dict-based ``str.translate`` looks every
character up in Python objects (about 30 MB/s); instead the few characters that are
frequent in news text (``أ إ آ ، ً``) are replaced with ``str.replace`` (a C scan each), and
one compiled character class finds the rest, which are rare: only a text that holds one of
them (or a presentation form, a Persian yeh, a ``\\r``) goes through a regex substitution.
No replacement produces a character another one replaces, so the order of these passes
gives the same text as the steps applied one after the other (a property test and a test
over every SaudiNewsNet article check it). Measured with ``benchmarks/bench.py``.

Example:
    >>> normalize("إلی الإنتصار خلّفها")
    'الى الانتصار خلفها'
    >>> tokenize("بالبوكمال، و F-16 عام 2017!")
    ['بالبوكمال', 'و', 'F', '16', 'عام', '2017']
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Iterable

import pandas as pd

__all__ = [
    "normalize",
    "unify_presentation_forms",
    "remove_diacritics",
    "remove_tatweel",
    "normalize_alef",
    "normalize_persian",
    "normalize_digits",
    "remove_invisible",
    "normalize_spaces",
    "normalize_punctuation",
    "fold_alef_maqsura",
    "fold_ta_marbuta",
    "tokenize",
    "stopwords",
    "remove_stopwords",
    "split_clitics",
    "light_stem",
    "cleaning_report",
    "NORMALIZE_STEPS",
]

# --- character classes -----------------------------------------------------------

#: Tashkeel and other combining marks written on Arabic letters.
DIACRITICS = (
    [chr(c) for c in range(0x064B, 0x0660)]  # tanwin, harakat, shadda, sukun, maddah, hamza marks
    + ["\u0670"]  # superscript (dagger) alef
    + [chr(c) for c in range(0x0610, 0x061B)]  # honorifics and small high letters
    + [chr(c) for c in range(0x06D6, 0x06DD)]  # Quranic annotation signs
    + [chr(c) for c in range(0x06DF, 0x06E5)]
    + [chr(c) for c in range(0x06E7, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
    + [chr(c) for c in range(0x08D3, 0x0900) if c != 0x08E2]
)
TATWEEL = "\u0640"
ALEF_FORMS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا"}
PERSIAN_LETTERS = {"ک": "ك", "ڪ": "ك", "ی": "ي", "ې": "ي", "ۍ": "ي", "ە": "ه", "ھ": "ه", "ۀ": "ة", "ۂ": "ة", "ۃ": "ة"}
DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
INVISIBLE = [
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\u2060", "\ufeff", "\u00ad",
    *[chr(c) for c in range(0x202A, 0x202F)],  # LRE RLE PDF LRO RLO
    *[chr(c) for c in range(0x2066, 0x206A)],  # LRI RLI FSI PDI
]
SPACES = ["\u00a0", "\u1680", *[chr(c) for c in range(0x2000, 0x200B)], "\u202f", "\u205f", "\u3000", "\u180e"]
PUNCTUATION = {"،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ",", "۔": "."}

_PERSIAN_YEH_FINAL = re.compile("ی(?![\u0620-\u065f\u066e-\u06d3\u06fa-\u06ff\u0670])")
_SPACE_RUNS = re.compile(r"[ \t\f\v]{2,}|\t")


def _table(mapping: dict[str, str] | Iterable[str], to: str = "") -> dict[int, str]:
    if isinstance(mapping, dict):
        return {ord(k): v for k, v in mapping.items()}
    return {ord(k): to for k in mapping}


_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")


def unify_presentation_forms(text: str) -> str:
    """Replace Arabic presentation forms (contextual glyph codes, lam-alef ligatures) by
    ordinary letters, as Unicode NFKC does, touching no other character.

    >>> unify_presentation_forms("ﻻ ﺍﻟﺠﻴﺶ")
    'لا الجيش'
    """
    if not _PRESENTATION_RE.search(text):
        return text
    return _PRESENTATION_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def remove_diacritics(text: str) -> str:
    """Remove tashkeel (harakat, shadda, sukun, tanwin, dagger alef).

    >>> remove_diacritics("خلّفها مسلحاً")
    'خلفها مسلحا'
    """
    return text.translate(_table(DIACRITICS))


def remove_tatweel(text: str) -> str:
    """Remove the tatweel (kashida) ``ـ``: ``لـ`` → ``ل``.

    >>> remove_tatweel("لـ(قسد)")
    'ل(قسد)'
    """
    return text.replace(TATWEEL, "")


def normalize_alef(text: str) -> str:
    """Unify the hamza and madda seats of alef: ``أ إ آ ٱ`` → ``ا``.

    >>> normalize_alef("الإنتصار أبو آخر")
    'الانتصار ابو اخر'
    """
    return text.translate(_table(ALEF_FORMS))


def normalize_persian(text: str) -> str:
    """Map Persian/Urdu letters to their Arabic counterparts.

    ``ی`` (U+06CC, Persian yeh) has no dots at the end of a word, where it looks like
    alef maqsura ``ى``; elsewhere it has dots like ``ي``. It is mapped accordingly,
    so that ``إلی`` becomes ``إلى``.

    >>> normalize_persian("إلی کان")
    'إلى كان'
    """
    if "ی" in text:
        text = _PERSIAN_YEH_FINAL.sub("ى", text)
    return text.translate(_table(PERSIAN_LETTERS))


def normalize_digits(text: str) -> str:
    """Arabic-Indic (٠-٩) and Persian (۰-۹) digits → ASCII digits.

    >>> normalize_digits("عام ٢٠١٧")
    'عام 2017'
    """
    return text.translate(_table(DIGITS))


def remove_invisible(text: str) -> str:
    """Remove bidi controls, zero-width characters, the soft hyphen and stray BOMs.

    >>> remove_invisible("سوريا\\u200f")
    'سوريا'
    """
    return text.translate(_table(INVISIBLE))


def normalize_spaces(text: str) -> str:
    """NBSP and other Unicode spaces → space; runs of spaces/tabs → one space; CRLF → LF.

    >>> normalize_spaces("دير\\u00a0 الزور")
    'دير الزور'
    """
    text = text.translate(_table(SPACES, " "))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SPACE_RUNS.sub(" ", text)


def normalize_punctuation(text: str) -> str:
    """Arabic comma, semicolon, question mark and percent → ASCII ``, ; ? %``.

    >>> normalize_punctuation("لماذا؟")
    'لماذا?'
    """
    return text.translate(_table(PUNCTUATION))


def fold_alef_maqsura(text: str) -> str:
    """Fold alef maqsura into yeh: ``ى`` → ``ي`` (off by default in :func:`normalize`).

    >>> fold_alef_maqsura("إلى")
    'إلي'
    """
    return text.replace("ى", "ي")


def fold_ta_marbuta(text: str) -> str:
    """Fold ta marbuta into heh: ``ة`` → ``ه`` (off by default: it merges distinct words).

    >>> fold_ta_marbuta("سورية")
    'سوريه'
    """
    return text.replace("ة", "ه")


#: The steps of :func:`normalize` in order: (option name, function, on by default).
NORMALIZE_STEPS: list[tuple[str, object, bool]] = [
    ("presentation", unify_presentation_forms, True),
    ("invisible", remove_invisible, True),
    ("diacritics", remove_diacritics, True),
    ("tatweel", remove_tatweel, True),
    ("alef", normalize_alef, True),
    ("persian", normalize_persian, True),
    ("digits", normalize_digits, True),
    ("punctuation", normalize_punctuation, True),
    ("spaces", normalize_spaces, True),
    ("alef_maqsura", fold_alef_maqsura, False),
    ("ta_marbuta", fold_ta_marbuta, False),
]


@lru_cache(maxsize=64)
def _normalize_table(
    invisible: bool, diacritics: bool, tatweel: bool, alef: bool, persian: bool,
    digits: bool, punctuation: bool, spaces: bool, alef_maqsura: bool, ta_marbuta: bool,
) -> dict[int, str]:
    table: dict[int, str] = {}
    if invisible:
        table |= _table(INVISIBLE)
    if diacritics:
        table |= _table(DIACRITICS)
    if tatweel:
        table[ord(TATWEEL)] = ""
    if alef:
        table |= _table(ALEF_FORMS)
    if persian:  # Persian yeh depends on its position: handled after the table
        table |= {k: v for k, v in _table(PERSIAN_LETTERS).items() if k != ord("ی")}
    if digits:
        table |= _table(DIGITS)
    if punctuation:
        table |= _table(PUNCTUATION)
    if spaces:
        table |= _table(SPACES, " ")
    if alef_maqsura:
        table[ord("ى")] = "ي"
    if ta_marbuta:
        table[ord("ة")] = "ه"
        if persian:
            table[ord("ۀ")] = table[ord("ۂ")] = table[ord("ۃ")] = "ه"
    return table


#: Characters common in news text, replaced with one ``str.replace`` each (when their step is on).
FREQUENT = "أإآ،ً"


class _PresentationForm(Exception):
    """Raised inside the rare-character substitution: the text holds presentation forms."""


class _Plan:
    """How :func:`normalize` applies one option set: ``frequent`` ``(char, replacement)``
    pairs for ``str.replace``; ``rare``, a character class of the other characters to map
    (``mapping``: char -> replacement) and of the presentation forms (when that step is
    on), substituted by :meth:`replacement`; ``watch``, ``rare`` plus the Persian yeh and
    ``\\r``: a text without a match needs only the ``str.replace`` passes."""

    def __init__(self, table: dict[int, str], presentation: bool, persian: bool, spaces: bool):
        targets = {c for v in table.values() for c in v}
        if any(ord(c) in table for c in targets):  # sequential passes would differ from one translate
            raise AssertionError("a normalization replacement is itself replaced")
        self.frequent = [(c, table[ord(c)]) for c in FREQUENT if ord(c) in table]
        self.mapping = {chr(k): v for k, v in table.items() if chr(k) not in FREQUENT}
        forms = "\ufb50-\ufdff\ufe70-\ufefe" if presentation else ""
        self.rare = re.compile(_char_class(self.mapping, forms)) if self.mapping or forms else None
        extra = forms + ("ی" if persian else "") + ("\r" if spaces else "")
        self.watch = re.compile(_char_class(self.mapping, extra)) if self.mapping or extra else None

    def replacement(self, match: re.Match) -> str:
        """The replacement of one rare character; a presentation form aborts the substitution."""
        try:
            return self.mapping[match[0]]
        except KeyError:
            raise _PresentationForm from None


def _char_class(chars: Iterable[str], extra: str = "") -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + extra + "]"


@lru_cache(maxsize=64)
def _normalize_plan(presentation: bool, invisible: bool, diacritics: bool, tatweel: bool, alef: bool,
                    persian: bool, digits: bool, punctuation: bool, spaces: bool, alef_maqsura: bool,
                    ta_marbuta: bool) -> _Plan:
    table = _normalize_table(invisible, diacritics, tatweel, alef, persian, digits, punctuation, spaces,
                             alef_maqsura, ta_marbuta)
    return _Plan(table, presentation, persian, spaces)


def normalize(
    text: str,
    *,
    presentation: bool = True,
    invisible: bool = True,
    diacritics: bool = True,
    tatweel: bool = True,
    alef: bool = True,
    persian: bool = True,
    digits: bool = True,
    punctuation: bool = True,
    spaces: bool = True,
    alef_maqsura: bool = False,
    ta_marbuta: bool = False,
) -> str:
    """Normalize Arabic text for counting and comparison.

    Every step is a keyword option (see the module docstring for the table).
    ``normalize`` is idempotent (``normalize(normalize(s)) == normalize(s)``) and never
    raises on a string; ``None`` and pandas' missing values give ``""``.

    >>> normalize("اليوم الأحد تمّ تحرير مدينة البوكمال إلی الأبد")
    'اليوم الاحد تم تحرير مدينة البوكمال الى الابد'
    >>> normalize("سورية", ta_marbuta=True)
    'سوريه'
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    if not isinstance(text, str):
        raise TypeError(f"normalize() expects a string, got {type(text).__name__}")
    plan = _normalize_plan(presentation, invisible, diacritics, tatweel, alef, persian, digits, punctuation,
                           spaces, alef_maqsura, ta_marbuta)
    rare = plan.watch is not None and plan.watch.search(text) is not None
    original = text
    for char, replacement in plan.frequent:
        text = text.replace(char, replacement)
    if rare:
        if plan.rare is not None:
            try:
                text = plan.rare.sub(plan.replacement, text)
            except _PresentationForm:  # unify them first (they become letters the other steps map)
                return normalize(unify_presentation_forms(original), presentation=False, invisible=invisible,
                                 diacritics=diacritics, tatweel=tatweel, alef=alef, persian=persian,
                                 digits=digits, punctuation=punctuation, spaces=spaces,
                                 alef_maqsura=alef_maqsura, ta_marbuta=ta_marbuta)
        if persian and "ی" in text:  # after diacritics are gone, so "word end" is reliable
            text = _PERSIAN_YEH_FINAL.sub("ي" if alef_maqsura else "ى", text).replace("ی", "ي")
        if spaces and "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
    if spaces and ("  " in text or "\t" in text or "\f" in text or "\v" in text):  # _SPACE_RUNS' characters
        text = _SPACE_RUNS.sub(" ", text)
    return text


_OPTION_NAMES = {name for name, _, _ in NORMALIZE_STEPS}

# --- tokens ------------------------------------------------------------------------

#: Word characters plus the marks that live inside Arabic words (diacritics, tatweel, ZWNJ/ZWJ),
#: so that a raw, un-normalized word with a shadda is still one token.
_MARKS = "".join(DIACRITICS) + TATWEEL + "\u200c\u200d"
WORD_PATTERN = rf"[\w{_MARKS}]+"
TOKEN_RE = re.compile(WORD_PATTERN)


def tokenize(text: str, *, normalized: bool = False, **normalize_options) -> list[str]:
    """Split text into word tokens; punctuation and spaces are dropped.

    Arabic words stay whole (with their clitics: use :func:`split_clitics` to separate
    them); Latin words and numbers are tokens of their own. With ``normalized=True`` each
    token goes through :func:`normalize` (with ``normalize_options``).

    >>> tokenize("لـ(قسد) وحلفائه، 19 نوفمبر/November")
    ['لـ', 'قسد', 'وحلفائه', '19', 'نوفمبر', 'November']
    >>> tokenize("خلّفها", normalized=True)
    ['خلفها']
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return []
    tokens = TOKEN_RE.findall(text)
    if normalized:
        tokens = [t for t in (normalize(t, **normalize_options) for t in tokens) if t]
    return tokens


# --- stop words ----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _maintained_stopwords() -> frozenset[str]:
    # arabic-stopwords (Taha Zerrouki's Arabic StopWords project) lists stop words with
    # their inflected and cliticized forms; we normalize them like any text.
    from arabicstopwords import arabicstopwords as asw

    return frozenset(normalize(w) for w in asw.stopwords_list())


def stopwords(extra: Iterable[str] = (), *, remove: Iterable[str] = ()) -> frozenset[str]:
    """The Arabic stop-word list, normalized, from the maintained ``arabic-stopwords`` package.

    Add your own words with ``extra`` and keep words you need with ``remove``
    (both normalized before use).

    >>> "في" in stopwords()
    True
    >>> "البوكمال" in stopwords(extra=["البوكمال"])
    True
    """
    words = set(_maintained_stopwords())
    words |= {normalize(w) for w in extra}
    words -= {normalize(w) for w in remove}
    return frozenset(words)


def remove_stopwords(tokens: Iterable[str], words: frozenset[str] | None = None) -> list[str]:
    """Drop stop words (and one-letter tokens) from normalized tokens.

    >>> remove_stopwords(["في", "مدينة", "البوكمال"])
    ['مدينة', 'البوكمال']
    """
    words = stopwords() if words is None else words
    return [t for t in tokens if len(t) > 1 and t not in words]


# --- clitics and stems -----------------------------------------------------------------

_PROCLITIC_RE = re.compile(r"^(?P<conj>[وف])?(?P<prep>[بكل])?(?P<art>ال)?")
_ENCLITICS = sorted(["ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "كن", "ي", "نا"], key=len, reverse=True)


def split_clitics(token: str) -> tuple[str, str, str]:
    """Split a normalized token into (proclitics, stem, enclitic), conservatively.

    Proclitics follow the order conjunction (و ف), preposition (ب ك ل), article (ال),
    with ``لل`` read as ل + ال. A clitic is split off only if at least three letters
    remain, so short words like ``ولد`` or ``كان`` stay whole. Enclitic pronouns are split
    only from words that have no article. This is a teaching tool, not a morphological
    analyser: compare its output with the raw tokens.

    >>> split_clitics("وحلفائه")
    ('و', 'حلفاء', 'ه')
    >>> split_clitics("بالبوكمال")
    ('بال', 'بوكمال', '')
    >>> split_clitics("للجيش")
    ('لل', 'جيش', '')
    """
    token = normalize(token)
    pre = ""
    rest = token
    if len(rest) > 3 and rest[0] in "وف":
        pre, rest = rest[0], rest[1:]
    if len(rest) > 4 and rest.startswith("لل"):
        return pre + "لل", rest[2:], ""
    if len(rest) > 3 and rest[0] in "بكل":
        pre, rest = pre + rest[0], rest[1:]
    article = False
    if len(rest) > 4 and rest.startswith("ال"):
        pre, rest, article = pre + "ال", rest[2:], True
    suffix = ""
    if not article:
        for enc in _ENCLITICS:
            if rest.endswith(enc) and len(rest) - len(enc) >= 3:
                suffix, rest = enc, rest[: -len(enc)]
                break
    if suffix and rest.endswith("ئ") or suffix and rest.endswith("ؤ"):
        rest = rest[:-1] + "ء"  # hamza seat changes with the case ending: حلفائه/حلفاؤه → حلفاء
    return pre, rest, suffix


def light_stem(token: str) -> str:
    """A light stemmer: strip proclitics, enclitic pronouns and common plural/dual/feminine endings.

    Light stemming (in the manner of Larkey et al.'s light10) conflates more word forms
    than :func:`split_clitics`, and sometimes conflates unrelated words.

    >>> light_stem("والمسلحين")
    'مسلح'
    >>> light_stem("وحلفائه")
    'حلفاء'
    """
    _, stem, _ = split_clitics(token)
    for suffix in ("ات", "ون", "ين", "ان", "ية", "ه", "ة", "ي"):
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            return stem[: -len(suffix)]
    return stem


# --- showing what cleaning changed ------------------------------------------------------


def cleaning_report(text: str, **options) -> pd.DataFrame:
    """What each normalization step changes in ``text``: one row per step.

    Columns: ``step``, ``enabled``, ``chars_changed`` (characters removed or replaced by that
    step, applied in order), ``example_before`` and ``example_after`` (the first word it
    changed). Pass the same keyword options as :func:`normalize`.

    >>> cleaning_report("خلّفها إلی")[["step", "chars_changed"]].head(5).to_dict("list")
    {'step': ['presentation', 'invisible', 'diacritics', 'tatweel', 'alef'], 'chars_changed': [0, 0, 1, 0, 1]}
    """
    rows = []
    current = "" if text is None else str(text)
    for name, func, default in NORMALIZE_STEPS:
        enabled = options.get(name, default)
        before = current
        after = func(before) if enabled else before
        changed, ex_before, ex_after = _diff_words(before, after)
        rows.append(
            {"step": name, "enabled": enabled, "chars_changed": changed,
             "example_before": ex_before, "example_after": ex_after}
        )
        current = after
    return pd.DataFrame(rows)


def _diff_words(before: str, after: str) -> tuple[int, str, str]:
    if before == after:
        return 0, "", ""
    b, a = Counter(before), Counter(after)
    changed = sum((b - a).values())
    changed = max(changed, sum((a - b).values()))
    if changed == 0:  # same characters, different layout (spaces collapsed)
        changed = abs(len(before) - len(after)) or 1
    wb, wa = before.split(" "), after.split(" ")
    if len(wb) == len(wa):
        for x, y in zip(wb, wa):
            if x != y:
                return changed, _visible(x.strip()), _visible(y.strip())
    for k, (x, y) in enumerate(zip(before, after)):  # show the first difference in context
        if x != y:
            lo = max(0, k - 12)
            return changed, _visible(before[lo:k + 12]), _visible(after[lo:k + 12])
    return changed, _visible(before[-24:]), _visible(after[-24:])


_SHOW = {ch: f"<U+{ord(ch):04X}>" for ch in INVISIBLE + SPACES} | {"\t": "<TAB>", "\r": "<CR>", "\n": "<LF>"}


def _visible(s: str) -> str:
    """Make invisible characters visible, for the cleaning report: NBSP → <U+00A0>."""
    return "".join(_SHOW.get(ch, ch) for ch in s)


def is_arabic_letter(ch: str) -> bool:
    """True for a letter of the Arabic script.

    >>> is_arabic_letter("ب"), is_arabic_letter("b")
    (True, False)
    """
    return unicodedata.category(ch).startswith("L") and "ARABIC" in unicodedata.name(ch, "")


# --- transliteration for readers without Arabic ------------------------------------------

_TRANSLIT = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "'",
    "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w",
    "ي": "y", "ى": "a", "ة": "a", "ء": "'", "ئ": "'", "ؤ": "'",
}


def transliterate(text: str) -> str:
    """A rough, readable Latin transliteration, so that readers without Arabic can tell
    words apart in charts and tables (not a scholarly standard: no vowels are restored).

    >>> transliterate("البوكمال داعش")
    "al-bwkmal da'sh"
    """
    out = []
    for word in normalize(text).split(" "):
        prefix = ""
        if word.startswith("ال") and len(word) > 3:
            prefix, word = "al-", word[2:]
        out.append(prefix + "".join(_TRANSLIT.get(ch, ch) for ch in word))
    return " ".join(out)
