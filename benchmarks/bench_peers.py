"""The kit and its peers side by side, on the same texts, in one run: speed ratios and output checks.

Owns the peer comparison quoted in the README ("Speed", between the markers
``<!-- performance:begin -->`` and ``<!-- performance:end -->``). Every tool runs on the
same in-memory texts: SaudiNewsNet after ``helpers.deduplicate``, one string per article
(title, a line break, text). Speed is MB of UTF-8 input per second of the process's CPU
time (``time.process_time``), best of ``--repeat`` runs, one core; other jobs may share the
machine, which CPU time is less sensitive to than wall time. A ratio is the peer's MB/s
divided by the kit's for the same work, and only means something when the outputs agree:
each row says on how many articles (or count cells) the peer's output equals the kit's.

Tasks and tools:

* **normalization**: ``helpers.normalize`` (all default steps); a chain of compiled
  ``re.sub`` calls doing the same steps in the same order; PyArabic's and CAMeL Tools'
  functions, each against ``helpers.normalize`` switched to the same steps.
* **tokenization**: ``helpers.tokenize``; ``re.findall(r"\\w+")``; PyArabic's ``tokenize``;
  CAMeL's ``simple_word_tokenize``.
* **counting**: ``helpers.count_terms`` with every row of the entities and frames lexicons
  in one matcher; pyahocorasick over the patterns' surface forms (each first word with the
  proclitics the kit's rule 2 allows) on normalized text, whole words only, leftmost-longest,
  ranked as rule 4 ranks; unlike the kit it skips no quote mark between a pattern's words and
  reads a ``*`` inside a multi-word pattern as the bare word (an automaton has no inner wildcard).
* **scaling**: the same two tools with 10 to 10,000 single-word patterns (the corpus's most
  frequent words) and 20,000 two-word patterns sharing the first word في.

The peers are optional (``pip install -e '.[bench]'``; CAMeL Tools with
``pip install --no-deps camel-tools``, since its declared dependencies include torch: only
``camel_tools.utils`` and ``camel_tools.tokenizers.word`` are imported, which need ``emoji``,
in the extra). A missing peer prints a "not installed" row.

    ITAR_DATA=../shared/corpora python benchmarks/bench_peers.py [--repeat 3] [--markdown PATH] [--readme README.md]

``make bench-readme`` runs it and rewrites the README block. Not a test: ``tests/test_benchmarks.py``
runs :func:`build_table` on a tiny corpus, without timing anything.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

KIT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(KIT))

from helpers import Lexicon, count_terms, deduplicate, load_corpus, normalize, tokenize  # noqa: E402
from helpers import arabic as ar  # noqa: E402
from helpers.lexicon import CLITICS, TOKEN_RE  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import all_lexicons  # noqa: E402

TASKS = ("normalization", "tokenization", "counting", "scaling")
LEXICON_FILES = (KIT / "corpus/lexicons/entities.csv", KIT / "corpus/lexicons/frames.csv")
BEGIN, END = "<!-- performance:begin -->", "<!-- performance:end -->"
BLOCK = re.compile(re.escape(BEGIN) + r"\n.*?" + re.escape(END), re.S)


@dataclass
class Row:
    """One line of the table: ``mbps`` is None when the tool is not installed."""

    task: str
    tool: str
    mbps: float | None
    ratio: float | None
    note: str


# --- timing -----------------------------------------------------------------------------


def best_cpu(func, repeat: int) -> tuple[float, object]:
    """The smallest CPU time of ``repeat`` calls of ``func`` (seconds), and the last result."""
    best, result = float("inf"), None
    for _ in range(max(1, repeat)):
        c0 = time.process_time()
        result = func()
        best = min(best, time.process_time() - c0)
    return max(best, 1e-9), result


def utf8_mb(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


# --- peers ------------------------------------------------------------------------------


def load_peers() -> dict[str, object]:
    """The optional peers that import: ``pyarabic``, ``camel``, ``ahocorasick`` (None if missing)."""
    peers: dict[str, object] = {}
    try:
        from pyarabic import araby
        peers["pyarabic"] = araby
    except ImportError:
        peers["pyarabic"] = None
    try:
        from camel_tools.tokenizers.word import simple_word_tokenize
        from camel_tools.utils.dediac import dediac_ar
        from camel_tools.utils.normalize import (normalize_alef_ar, normalize_alef_maksura_ar,
                                                 normalize_teh_marbuta_ar)
        peers["camel"] = {"dediac_ar": dediac_ar, "normalize_alef_ar": normalize_alef_ar,
                          "normalize_alef_maksura_ar": normalize_alef_maksura_ar,
                          "normalize_teh_marbuta_ar": normalize_teh_marbuta_ar,
                          "simple_word_tokenize": simple_word_tokenize}
    except ImportError:
        peers["camel"] = None
    try:
        import ahocorasick
        peers["ahocorasick"] = ahocorasick
    except ImportError:
        peers["ahocorasick"] = None
    return peers


def missing(task: str, tool: str, package: str) -> Row:
    return Row(task, tool, None, None, f"not installed (pip install {package})")


# --- normalization --------------------------------------------------------------------


def _class(chars) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def regex_chain():
    """``helpers.normalize``'s default steps as compiled ``re.sub`` calls, one per step, in order
    (a step that maps characters to different targets looks its replacement up in a dict)."""
    def mapper(mapping: dict[str, str]):
        pattern = re.compile(_class(mapping))
        return lambda text: pattern.sub(lambda m: mapping[m.group()], text)

    def remover(chars):
        pattern = re.compile(_class(chars))
        return lambda text: pattern.sub("", text)

    presentation = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")
    yeh_final = re.compile("ی(?![\u0620-\u065f\u066e-\u06d3\u06fa-\u06ff\u0670])")
    newlines = re.compile(r"\r\n?")
    runs = re.compile(r"[ \t\f\v]{2,}|\t")
    steps = [
        lambda text: presentation.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text),
        remover(ar.INVISIBLE),
        remover(ar.DIACRITICS),
        remover(ar.TATWEEL),
        mapper(ar.ALEF_FORMS),
        lambda text: yeh_final.sub("ى", text),
        mapper(ar.PERSIAN_LETTERS),
        mapper(ar.DIGITS),
        mapper(ar.PUNCTUATION),
        mapper(dict.fromkeys(ar.SPACES, " ")),
        lambda text: newlines.sub("\n", text),
        lambda text: runs.sub(" ", text),
    ]

    def run(text: str) -> str:
        for step in steps:
            text = step(text)
        return text

    return run


#: ``helpers.normalize`` options that switch off every default step.
NO_STEPS = {name: False for name, _, _ in ar.NORMALIZE_STEPS}


def kit_with(**steps):
    options = NO_STEPS | steps
    return lambda text: normalize(text, **options)


def pyarabic_chain(araby):
    def run(text: str) -> str:
        return araby.normalize_alef(araby.strip_tatweel(araby.strip_diacritics(text)))
    return run


def camel_chain(camel):
    dediac, alef = camel["dediac_ar"], camel["normalize_alef_ar"]
    maksura, teh = camel["normalize_alef_maksura_ar"], camel["normalize_teh_marbuta_ar"]

    def run(text: str) -> str:
        return teh(maksura(alef(dediac(text))))
    return run


def same_note(reference: list, output: list, what: str = "output") -> str:
    same = sum(a == b for a, b in zip(reference, output))
    return f"same {what} on {same:,} of {len(reference):,} articles"


def compare(task: str, tool: str, func, texts, reference, kit_mbps: float, repeat: int, mb: float,
            steps: str, what: str = "output", extra=None) -> Row:
    """Time ``func`` over the texts and compare its outputs with ``reference``."""
    cpu, out = best_cpu(lambda: [func(t) for t in texts], repeat)
    note = f"{steps}; {same_note(reference, out, what)}"
    if extra:
        note += extra(out)
    return Row(task, tool, mb / cpu, (mb / cpu) / kit_mbps, note)


def normalization_rows(texts: list[str], peers: dict, repeat: int) -> list[Row]:
    task, mb = "normalization", utf8_mb(texts)
    rows = []
    cpu, ref = best_cpu(lambda: [normalize(t) for t in texts], repeat)
    kit = mb / cpu
    default_steps = ", ".join(name for name, _, on in ar.NORMALIZE_STEPS if on)
    rows.append(Row(task, "itar `normalize` (defaults)", kit, 1.0, f"steps: {default_steps}"))
    rows.append(compare(task, "compiled `re.sub` chain", regex_chain(), texts, ref, kit, repeat, mb,
                        "the same steps in the same order"))
    for name, package, steps, options, chain in (
            ("pyarabic", "PyArabic", "strip_diacritics, strip_tatweel, normalize_alef (which also turns ى into ا)",
             {"diacritics": True, "tatweel": True, "alef": True}, pyarabic_chain),
            ("camel", "camel-tools --no-deps", "dediac_ar (9 marks: keeps U+0653 and rarer ones), normalize_alef_ar, "
             "normalize_alef_maksura_ar, "
             "normalize_teh_marbuta_ar", {"diacritics": True, "alef": True, "alef_maqsura": True,
                                          "ta_marbuta": True}, camel_chain)):
        label, owner = ("PyArabic", "PyArabic's") if name == "pyarabic" else ("CAMeL Tools", "CAMeL Tools'")
        own = ", ".join(options)
        kit_func = kit_with(**options)
        cpu, kit_ref = best_cpu(lambda f=kit_func: [f(t) for t in texts], repeat)
        rows.append(Row(task, f"itar `normalize`, {owner} steps only", mb / cpu, (mb / cpu) / kit,
                        f"steps: {own} (reference for {label}); ratio to the defaults"))
        if peers.get(name) is None:
            rows.append(missing(task, label, package))
            continue
        rows.append(compare(task, label, chain(peers[name]), texts, kit_ref, mb / cpu, repeat, mb,
                            f"{steps}; ratio to the row above"))
    return rows


# --- tokenization ---------------------------------------------------------------------


def words_only(tokens: list[str]) -> list[str]:
    return [t for t in tokens if TOKEN_RE.fullmatch(t) and t[0] != "\n" and (t[0].isalnum() or len(t) > 1)]


def tokenization_rows(texts: list[str], peers: dict, repeat: int) -> list[Row]:
    task, mb = "tokenization", utf8_mb(texts)
    cpu, ref = best_cpu(lambda: [tokenize(t) for t in texts], repeat)
    kit = mb / cpu
    rows = [Row(task, "itar `tokenize`", kit, 1.0, "words (with their diacritics and tatweel); punctuation dropped")]
    word = re.compile(r"\w+")
    rows.append(compare(task, '`re.findall(r"\\w+")`', word.findall, texts, ref, kit, repeat, mb,
                        "splits words at diacritics and tatweel", "tokens"))

    def after_dropping(out):
        same = sum(a == words_only(b) for a, b in zip(ref, out))
        return f" ({same:,} once punctuation tokens are dropped)"

    if peers.get("pyarabic") is None:
        rows.append(missing(task, "PyArabic `tokenize`", "PyArabic"))
    else:
        rows.append(compare(task, "PyArabic `tokenize`", peers["pyarabic"].tokenize, texts, ref, kit, repeat, mb,
                            "keeps punctuation runs as tokens", "tokens", after_dropping))
    if peers.get("camel") is None:
        rows.append(missing(task, "CAMeL `simple_word_tokenize`", "camel-tools --no-deps"))
    else:
        rows.append(compare(task, "CAMeL `simple_word_tokenize`", peers["camel"]["simple_word_tokenize"], texts, ref,
                            kit, repeat, mb, "keeps each punctuation mark as a token", "tokens", after_dropping))
    return rows


# --- counting: the Aho-Corasick peer -------------------------------------------------------


def kit_lexicon_rows() -> tuple[pd.DataFrame, int]:
    """Every row of the entities and frames lexicons in one table (``bench.all_lexicons``:
    labels prefixed with the file name; a pattern both files list is one row under a joint
    label), and the number of such shared patterns."""
    return all_lexicons(LEXICON_FILES)


def pattern_words(pattern: str) -> tuple[list[str], bool]:
    """A pattern's normalized words (``_`` read as a space) and whether its last word ends in ``*``."""
    pattern = str(pattern).replace("_", " ").strip()
    star = pattern.endswith("*")
    words = [normalize(t).casefold() for t in TOKEN_RE.findall(pattern.replace("*", " "))]
    return [w for w in words if w], star


def proclitic_readings(surface: str) -> dict[str, tuple[int, int]]:
    """What a written word can be read as under rule 2 of ``helpers.lexicon``: base word ->
    (the least clitic depth needed, letters taken off): depth 0 as written, 1 after و ف
    and/or ب ك ل, 2 also without an article ال, with لل read as ل + ال (one letter taken).
    The length limits keep short words whole: و ف come off words of 3+ letters, ب ك ل off
    remainders of 3+, ال off remainders of 4+."""
    out = {surface: (0, 0)}

    def keep(word: str, depth: int, taken: int) -> None:
        if word not in out or (depth, taken) < out[word]:
            out[word] = (depth, taken)

    if not surface or surface[0] not in "وفبكلا":
        return out
    stems = [(surface, 0)]
    if len(surface) > 2 and surface[0] in "وف":
        stems.append((surface[1:], 1))
    for rest, taken in stems:
        options = [(rest, taken)]
        if rest.startswith("لل") and len(rest) > 3:
            options.append(("ال" + rest[2:], taken + 1))
        if len(rest) > 2 and rest[0] in "بكل":
            options.append((rest[1:], taken + 1))
        for word, taken2 in options:
            keep(word, 1 if taken2 else 0, taken2)
            if word.startswith("ال") and len(word) > 3:
                keep(word[2:], 2, taken2 + 2)
    return out


def first_word_forms(word: str, depth: int) -> dict[str, int]:
    """The written forms of a pattern's first word that rule 2 reads as ``word`` within
    ``depth`` (0 as written, 1 also after و ف and/or ب ك ل, 2 also with an added article),
    each with the number of letters taken off."""
    candidates = {word}
    conj, prep = ("", "و", "ف"), ("", "ب", "ك", "ل")
    if depth >= 1:
        candidates |= {c + p + word for c in conj for p in prep}
        if word.startswith("ال"):
            candidates |= {c + "لل" + word[2:] for c in conj}
    if depth >= 2:
        candidates |= {c + p + "ال" + word for c in conj for p in prep}
        candidates |= {c + "لل" + word for c in conj}
    out = {}
    for form in candidates:
        reading = proclitic_readings(form).get(word)
        if reading is not None and reading[0] <= depth:
            out[form] = reading[1]
    return out


def build_automaton(ahocorasick, entries: pd.DataFrame):
    """An automaton of every surface form: key -> (rank, pattern id, key length, star), where
    a greater rank wins (rule 4: more words, more letters, fewer letters taken off, exact before
    ``*``, earlier in the lexicon); a form two patterns share keeps the better one."""
    automaton = ahocorasick.Automaton()
    clitics = entries["clitics"] if "clitics" in entries.columns else pd.Series("", index=entries.index)
    best: dict[str, tuple] = {}
    for pid, (pattern, clitic) in enumerate(zip(entries["pattern"], clitics.fillna(""))):
        words, star = pattern_words(pattern)
        if not words:
            continue
        rest = "".join(" " + w for w in words[1:])
        letters = sum(map(len, words))
        for form, taken in first_word_forms(words[0], CLITICS.get(str(clitic).strip(), 2)).items():
            key = form + rest
            value = ((len(words), letters, -taken, not star, -pid), pid, len(key), star)
            if key not in best or value[0] > best[key][0]:
                best[key] = value
    for key, value in best.items():
        automaton.add_word(key, value)
    automaton.make_automaton()
    return automaton


def aho_matches(automaton, text: str) -> list[int]:
    """Pattern ids matched in a normalized text: whole words (a ``*`` form may end inside
    a word), the leftmost match first, the best-ranked at a position, non-overlapping."""
    found = []
    n = len(text)
    for end, (rank, pid, length, star) in automaton.iter(text):
        start = end - length + 1
        if start > 0 and text[start - 1].isalnum():
            continue
        if not star and end + 1 < n and text[end + 1].isalnum():
            continue
        found.append((start, rank, end + 1, pid))
    found.sort(key=lambda f: f[1], reverse=True)
    found.sort(key=lambda f: f[0])  # stable: by start, and at one start the best rank first
    out, free = [], 0
    for start, _rank, stop, pid in found:
        if start >= free:
            out.append(pid)
            free = stop
    return out


def aho_count(automaton, texts: list[str], label_of: list[int], n_labels: int) -> np.ndarray:
    """Counts per article and label (label index -1: a blocker, matched but not counted)."""
    table = np.zeros((len(texts), n_labels), dtype=np.int64)
    for r, text in enumerate(texts):
        for pid in aho_matches(automaton, text):
            k = label_of[pid]
            if k >= 0:
                table[r, k] += 1
    return table


def peer_text(text: str) -> str:
    """A text as the Aho-Corasick peer scans it: normalized, case-folded, ``_`` read as a space."""
    return normalize(text).casefold().replace("_", " ")


def cells_note(kit: pd.DataFrame, peer: np.ndarray) -> str:
    """How often the peer's counts equal the kit's: over all cells, and over the cells where either is non-zero."""
    ours = kit.to_numpy()
    same = ours == peer
    active = (ours != 0) | (peer != 0)
    share = 100 * same.mean() if same.size else 100.0
    share_active = 100 * same[active].mean() if active.any() else 100.0
    return (f"same counts on {share:.1f}% of {same.size:,} cells "
            f"({share_active:.1f}% of the {int(active.sum()):,} cells non-zero in either)")


def count_pair(task: str, what: str, texts: list[str], entries: pd.DataFrame, peers: dict, repeat: int,
               alone: bool = False, about: str = "") -> list[Row]:
    """The kit's ``count_terms`` and the Aho-Corasick peer on one lexicon table."""
    mb = utf8_mb(texts)
    lexicon = Lexicon.from_frame(entries)
    cpu, counts = best_cpu(lambda: count_terms(texts, Lexicon.from_frame(entries)), repeat)
    kit = mb / cpu
    rows = [Row(task, f"itar `count_terms`, {what}", kit, 1.0,
                f"{about}{len(lexicon):,} patterns, {len(counts.columns):,} labels; fresh matcher, "
                "normalization included")]
    if peers.get("ahocorasick") is None:
        return rows + [missing(task, "pyahocorasick", "pyahocorasick")]
    index = {label: k for k, label in enumerate(counts.columns)}
    label_of = [index.get(label, -1) for label in lexicon.entries["label"]]
    ac = peers["ahocorasick"]
    normalized = [peer_text(t) for t in texts]

    def run_full():
        automaton = build_automaton(ac, lexicon.entries)
        return aho_count(automaton, [peer_text(t) for t in texts], label_of, len(counts.columns))

    cpu, table = best_cpu(run_full, repeat)
    note = cells_note(counts, table)
    rows.append(Row(task, "pyahocorasick (build + normalize + scan)", mb / cpu, (mb / cpu) / kit,
                    f"{len(build_automaton(ac, lexicon.entries)):,} surface forms; {note}"))
    if alone:
        automaton = build_automaton(ac, lexicon.entries)
        cpu, table = best_cpu(lambda: aho_count(automaton, normalized, label_of, len(counts.columns)), repeat)
        rows.append(Row(task, "pyahocorasick, scan of pre-normalized text", mb / cpu, (mb / cpu) / kit,
                        f"automaton built and texts normalized beforehand (not timed); {cells_note(counts, table)}"))
    return rows


def counting_rows(texts: list[str], peers: dict, repeat: int) -> list[Row]:
    entries, shared = kit_lexicon_rows()
    return count_pair("counting", "entities + frames", texts, entries, peers, repeat, alone=True,
                      about=f"every row of both files ({shared} patterns both list kept once, under a joint label): ")


# --- scaling ------------------------------------------------------------------------------


def frequent_words(texts: list[str], n: int, prefix: str = "") -> list[str]:
    """``n`` distinct patterns ``prefix + word``: the corpus's most frequent words first, then
    made-up letter strings (so a small corpus still gives ``n``)."""
    from collections import Counter
    from itertools import product

    counts = Counter(w for t in texts[:3000] for w in TOKEN_RE.findall(t) if w.isalpha())
    seen, out = set(), []

    def add(word: str) -> None:
        key = tuple(pattern_words(prefix + word)[0])
        if len(key) == len(pattern_words(prefix + "x")[0]) and key not in seen:
            seen.add(key)
            out.append(prefix + word)

    for word, _ in counts.most_common():
        if len(out) == n:
            return out
        add(word)
    letters = "بتثجحخدذرزسشصضطظعغقكمن"
    for size in range(3, 8):
        for combo in product(letters, repeat=size):
            if len(out) == n:
                return out
            add("".join(combo))
    return out


def synthetic(patterns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"label": [f"p{k % 20}" for k in range(len(patterns))], "category": "stress", "gloss": "",
                         "pattern": patterns})


def scaling_rows(texts: list[str], peers: dict, repeat: int, sizes=(10, 100, 1_000, 10_000),
                 shared: int = 20_000) -> list[Row]:
    rows = []
    for n in sizes:
        rows += count_pair("scaling", f"{n:,} single-word patterns", texts, synthetic(frequent_words(texts, n)),
                           peers, repeat)
    rows += count_pair("scaling", f"{shared:,} patterns في ...", texts,
                       synthetic(frequent_words(texts, shared, "في ")), peers, repeat)
    return rows


# --- the table ----------------------------------------------------------------------------


def build_table(texts: list[str], *, repeat: int = 3, peers: dict | None = None, sizes=(10, 100, 1_000, 10_000),
                shared: int = 20_000, tasks=TASKS, progress=None) -> list[Row]:
    """Every row of the comparison for ``texts`` (one string per article)."""
    peers = load_peers() if peers is None else peers
    makers = {"normalization": lambda: normalization_rows(texts, peers, repeat),
              "tokenization": lambda: tokenization_rows(texts, peers, repeat),
              "counting": lambda: counting_rows(texts, peers, repeat),
              "scaling": lambda: scaling_rows(texts, peers, repeat, sizes, shared)}
    rows = []
    for task in tasks:
        new = makers[task]()
        if progress:
            progress(new)
        rows += new
    return rows


def fmt(row: Row) -> tuple[str, str]:
    if row.mbps is None:
        return "—", "—"
    return f"{row.mbps:,.1f}", f"{row.ratio:.2f}×"


def format_text(rows: list[Row]) -> str:
    lines = [f"{'task':<14} {'tool':<58} {'MB/s':>8} {'× itar':>7}  note"]
    for row in rows:
        mbps, ratio = fmt(row)
        lines.append(f"{row.task:<14} {row.tool:<58} {mbps:>8} {ratio:>7}  {row.note}")
    return "\n".join(lines)


def format_markdown(rows: list[Row]) -> str:
    lines = ["| task | tool | MB/s (CPU) | × itar | output |", "|---|---|---:|---:|---|"]
    for row in rows:
        mbps, ratio = fmt(row)
        lines.append(f"| {row.task} | {row.tool} | {mbps} | {ratio} | {row.note.replace('|', '/')} |")
    return "\n".join(lines)


def machine() -> str:
    """CPU model, core count, Python version."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}"


def corpus_texts(frame: pd.DataFrame) -> list[str]:
    """One string per article: title, a line break, text."""
    return (frame["title"].fillna("").astype(str) + "\n" + frame["text"].fillna("").astype(str)).tolist()


def block(rows: list[Row], n_articles: int, mb: float, repeat: int, when: str | None = None) -> str:
    """The README block (without its markers)."""
    when = when or dt.date.today().isoformat()
    return (f"Generated by `make bench-readme` (`benchmarks/bench_peers.py --readme README.md`) on {when}: "
            f"{machine()}. SaudiNewsNet after `deduplicate`, title + text, {n_articles:,} articles, "
            f"{mb:.1f} MB of UTF-8, in memory. MB/s of the process's CPU time, best of {repeat}, one core, "
            f"other jobs sharing the machine; × itar is the tool's MB/s over the kit's for the same work.\n\n"
            + format_markdown(rows))


def render_readme(text: str, content: str) -> str:
    """``text`` with its performance block replaced by ``content``; ValueError without exactly one block."""
    if len(BLOCK.findall(text)) != 1:
        raise ValueError(f"the README needs exactly one block {BEGIN} ... {END}")
    return BLOCK.sub(lambda _m: f"{BEGIN}\n{content}\n{END}", text)


def write_atomic(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    parser.add_argument("--limit", type=int, help="only the first N articles (quick runs)")
    parser.add_argument("--tasks", default=",".join(TASKS), help=f"comma-separated subset of {','.join(TASKS)}")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown to this file")
    parser.add_argument("--readme", type=Path, help="rewrite this README's performance block with the results")
    args = parser.parse_args()
    tasks = [t.strip() for t in args.tasks.split(",") if t.strip()]
    unknown = sorted(set(tasks) - set(TASKS))
    if unknown:
        parser.error(f"unknown task(s) {', '.join(unknown)}; choose from {', '.join(TASKS)}")
    texts = corpus_texts(deduplicate(load_corpus("saudinewsnet")))[: args.limit]
    mb = utf8_mb(texts)
    print(f"SaudiNewsNet, deduplicated, title + text: {len(texts):,} articles, {mb:.1f} MB UTF-8; {machine()}")
    print(f"MB/s of CPU time (time.process_time), best of {args.repeat}, one core\n")
    rows = build_table(texts, repeat=args.repeat, tasks=tasks,
                       progress=lambda new: print(format_text(new).split("\n", 1)[1], flush=True))
    print("\n" + format_text(rows))
    content = block(rows, len(texts), mb, args.repeat)
    if args.markdown:
        write_atomic(args.markdown, content + "\n")
        print(f"\nwrote {args.markdown}")
    if args.readme:
        write_atomic(args.readme, render_readme(args.readme.read_text(encoding="utf-8"), content))
        print(f"rewrote the performance block of {args.readme}")


if __name__ == "__main__":
    main()
