"""Exploring beyond the lexicon: collocates, n-grams, dispersion, attention over time and topics.

A lexicon finds only what its author thought of. This module owns the open questions a
student asks a corpus before (and after) writing one, the way AntConc, quanteda and Media
Cloud ask them, Arabic-aware from the start:

* :func:`collocates`, :func:`compare_collocates`: which words surround a node (a word, a
  pattern with ``*`` or a lexicon label), by outlet or period, with observed and expected
  counts, log-likelihood, MI, t-score and log ratio; two groups side by side with keyness
  within the windows;
* :func:`ngrams`, :func:`ngrams_to_lexicon`: frequent, "sticky" 2-4 word sequences (names
  such as قوات سوريا الديمقراطية surface by themselves), written out as lexicon rows;
* :func:`dispersion`, :func:`occurrences`, :func:`gries_dp`: where a term occurs (outlet,
  date, position in the article) and how evenly (Gries' DP);
* :func:`attention`, :func:`compare_windows`: articles (or articles mentioning a query) per
  period as a share of each outlet's output, outside an outlet's coverage masked; before /
  after an event date with Wilson intervals;
* :func:`topics`: an NMF (or LDA) topic model; its topics are *candidate* frames to
  validate by reading the typical documents, not frames.

The charts live in :mod:`helpers.charts` (``collocates_chart``, ``dispersion_plot``,
``attention_chart``). Tables carry ``doc_id`` (and offsets where there are any) so that a
reader can go from a number to the lines behind it with :func:`helpers.kwic`
(``sort="before"`` / ``"after"``).

**Word forms (the collocate rule).** Collocates, n-grams and topics count *forms*: a token
normalized like the matcher (:func:`helpers.normalize`, Latin case-folded), with its
proclitics split off by the *attested-remainder* rule: a conjunction (و ف), then a
preposition (ب ك ل) may be removed, and ``لل`` becomes ``ال``, but only when the remaining
word occurs in the same corpus at least as often as the whole token. So والنظام, بالنظام and
للنظام count as النظام, while وزير, لبنان and فرنسا, whose remainders (زير, بنان, رنسا) are rare,
stay whole. The article ال is kept (النظام and نظام are different collocates), and enclitic
pronouns are kept. The rule is computed once per corpus (and applies to all its groups),
so the same token always gets the same form. Stop words (:func:`helpers.stopwords`) and
one-letter forms are dropped with ``remove_stop=True``.

Example:
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "title": ["", ""],
    ...     "text": ["قصف النظام حلب ثم قصف النظام ادلب", "قوات النظام في حلب"]})
    >>> collocates(corpus, "النظام", window=2, min_freq=2)["collocate"].tolist()
    ['حلب', 'قصف']
"""
from __future__ import annotations

import math
import os
import tempfile
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from .analysis import wilson_interval
from .arabic import normalize, stopwords, transliterate
from .datasets import KIT_DIR
from .lexicon import (DEFAULT_FIELDS, SKIP_CHARS, TOKEN_RE, Lexicon, as_lexicon, as_text, is_word, match_spans,
                      match_tokens, split_tokens, text_fields, word_counts)

__all__ = [
    "collocates", "compare_collocates", "ngrams", "ngrams_to_lexicon", "dispersion", "occurrences", "gries_dp",
    "attention", "compare_windows", "topics", "TopicModel", "word_forms", "count_tokens",
]

#: The kit lexicons whose glosses label words in tables and charts.
GLOSSARIES = (KIT_DIR / "corpus" / "lexicons" / "entities.csv", KIT_DIR / "corpus" / "lexicons" / "frames.csv")


# --- word forms ---------------------------------------------------------------------------


def _doc_ids(corpus) -> list:
    if isinstance(corpus, pd.DataFrame) and "doc_id" in corpus.columns:
        return corpus["doc_id"].tolist()
    return list(text_fields(corpus)[0][1].index)


def _groups(corpus, by) -> list:
    """The group of each document (``by`` a column name or a sequence), or one group ``"all"``."""
    n = len(text_fields(corpus)[0][1])
    if by is None:
        return ["all"] * n
    if isinstance(by, str):
        if not isinstance(corpus, pd.DataFrame) or by not in corpus.columns:
            raise ValueError(f"by={by!r} is not a column of the corpus frame")
        return corpus[by].astype(str).tolist()
    values = list(by)
    if len(values) != n:
        raise ValueError(f"by has {len(values)} values for {n} documents")
    return [str(v) for v in values]


def _word_tokens(corpus, fields) -> list[list[list[str]]]:
    """Per document, per field, the matcher tokens (words, punctuation and line breaks)."""
    parts = text_fields(corpus, fields)
    index = parts[0][1].index
    return [[split_tokens(as_text(series.iat[k], idx))[0] for _, series in parts] for k, idx in enumerate(index)]


def _strip(t: str) -> list[str]:
    """Candidate forms of a normalized token with proclitics removed, least to most stripped."""
    out = []
    rest = t
    if len(rest) > 3 and rest[0] in "وف":
        rest = rest[1:]
        out.append(rest)
    if len(rest) > 4 and rest.startswith("لل"):
        out.append("ا" + rest[1:])
    elif len(rest) > 3 and rest[0] in "بكل":
        out.append(rest[1:])
    return out


def count_tokens(tokens: list[str]) -> Counter:
    """How often each token occurs (pyarrow's hash count: about twice as fast as Counter on
    millions of tokens).

    >>> count_tokens(["حلب", "دمشق", "حلب"])
    Counter({'حلب': 2, 'دمشق': 1})
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if not tokens:
        return Counter()
    counts = pc.value_counts(pa.array(tokens, type=pa.string()))
    return Counter(dict(zip(counts.field(0).to_pylist(), counts.field(1).to_pylist())))


def word_forms(counts: Counter | dict) -> dict[str, str]:
    """The form of each raw token type under the attested-remainder rule (module docstring).

    ``counts`` maps raw tokens to their frequency in the corpus.

    >>> forms = word_forms({"النظام": 10, "والنظام": 3, "للنظام": 2, "وزير": 5, "زير": 1})
    >>> [forms[t] for t in ("والنظام", "للنظام", "وزير")]
    ['النظام', 'النظام', 'وزير']
    """
    return _normalized_forms(counts)[0]


def _normalize_types(types) -> dict[str, str]:
    """The normalized, case-folded spelling of each token type, in one pass over all of them."""
    plain = [t for t in types if "\n" not in t]
    joined = normalize("\n".join(plain)).casefold().split("\n")
    if len(joined) != len(plain):
        joined = [normalize(t).casefold() for t in plain]
    normed = dict(zip(plain, joined))
    normed.update({t: normalize(t).casefold() for t in types if "\n" in t})
    return normed


def _normalized_forms(counts) -> tuple[dict[str, str], dict[str, str]]:
    """(form of each raw token, normalized spelling of each raw token)."""
    normed = _normalize_types(list(counts))
    return _forms_from(counts, normed), normed


def _forms_from(counts, normed: dict[str, str]) -> dict[str, str]:
    freq: Counter = Counter()
    for tok, n in counts.items():
        freq[normed[tok]] += n
    form: dict[str, str] = {}
    for f in freq:
        if len(f) < 4 or f[0] not in "وفبكل":  # nothing to strip
            continue
        best = f
        for cand in _strip(f):
            if freq.get(cand, 0) >= freq[f]:
                best = cand
        form[f] = best
    return {tok: form.get(f, f) for tok, f in normed.items()}


def _plain(token: str) -> str:
    return normalize(token).casefold()


def _glossary() -> list[Lexicon]:
    return [Lexicon.from_csv(p) for p in GLOSSARIES if Path(p).exists()]


def _gloss(words: Sequence[str], glossary=None) -> list[str]:
    """A gloss for each word from the kit lexicons (clitic-aware: the word must be one
    whole match of a pattern), else its transliteration."""
    lexicons = _glossary() if glossary is None else [as_lexicon(g) for g in glossary]
    words = [str(w) for w in words]
    unique = sorted(set(words))
    tokens = [t for w in unique for t in (w, "\n")]
    gloss: dict[str, str] = {}
    for lex in lexicons:
        for i, n, pid in match_tokens(tokens, lex):
            w = tokens[i]
            if n == 1 and w not in gloss and not lex.pattern_blocked[pid]:
                gloss[w] = lex.glosses[lex.labels[lex.pattern_labels[pid]]]
    return [gloss.get(w) or transliterate(w) for w in words]


def _node_lexicon(node, lexicon) -> Lexicon:
    """A node given as a lexicon label (with ``lexicon``), a pattern or a list of patterns."""
    if lexicon is not None:
        lex = as_lexicon(lexicon)
        labels = [node] if isinstance(node, str) else list(node)
        unknown = [x for x in labels if x not in lex.labels]
        if unknown:
            raise ValueError(f"label(s) {unknown} not in lexicon {lex.source}")
        rows = lex.entries[lex.entries["label"].isin(labels)]
        return Lexicon.from_frame(rows.drop(columns=[c for c in rows.columns if c.startswith("_")], errors="ignore"))
    return as_lexicon(node if isinstance(node, (list, tuple)) else str(node))


# --- collocates -------------------------------------------------------------------------


def _field_tokens(corpus, fields, by):
    """Per group: one list of matcher tokens for all its documents (fields separated by a
    line break, which no match crosses), the token index where each document starts, and
    the doc_ids."""
    parts = text_fields(corpus, fields)
    index = parts[0][1].index
    groups, ids = _groups(corpus, by), _doc_ids(corpus)
    out: dict[str, tuple[list[str], list[int], list]] = {}
    for k, idx in enumerate(index):
        tokens, starts, docs = out.setdefault(groups[k], ([], [], []))
        starts.append(len(tokens))
        docs.append(ids[k])
        for text in [as_text(series.iat[k], idx) for _, series in parts]:
            tokens.extend(TOKEN_RE.findall(text.replace("_", " ") if "_" in text else text))
            tokens.append("\n")
    return out


def _windows(corpus, node, window, by, fields, lexicon):
    """Per group: Counter of raw word tokens inside node windows, Counter of all raw word
    tokens outside node matches, and the first doc_id where each raw token is in a window."""
    if window < 1:
        raise ValueError("window must be a number of words >= 1")
    lex = _node_lexicon(node, lexicon)
    blocked = lex.pattern_blocked
    inside: dict[str, Counter] = {}
    total: dict[str, Counter] = {}
    first_doc: dict[tuple[str, str], object] = {}
    one_word = all(len(p.replace("_", " ").split()) == 1 for p in lex.entries["pattern"])
    cores = set()
    for pattern in lex.entries["pattern"]:
        core = _plain(pattern.replace("_", " ").strip()).rstrip("*")
        cores.add(core[2:] if core.startswith("ال") and len(core) > 4 else core)
    if any(len(c) < 2 for c in cores):
        cores = set()
    for g, (tokens, starts, docs) in _field_tokens(corpus, fields, by).items():
        tot = count_tokens(tokens)
        for t in [t for t in tot if len(t) == 1 and not is_word(t)]:
            del tot[t]
        ins: Counter = Counter()
        if one_word:  # match the token types once, then only the documents holding a matching type
            candidates = list(tot)
            if cores:  # a match's normalized token contains its pattern's first word (clitics are prefixes)
                normed = _normalize_types(candidates)
                candidates = [t for t in candidates if any(c in normed[t] for c in cores)]
            types = [x for t in candidates for x in (t, "\n")]
            hits = {types[i] for i, _, _ in match_tokens(types, lex)}
            ends = starts[1:] + [len(tokens)]
            matches = [(i + a, n, pid) for a, b in zip(starts, ends) if not hits.isdisjoint(tokens[a:b])
                       for i, n, pid in match_tokens(tokens[a:b], lex) if not blocked[pid]]
        else:
            matches = [m for m in match_tokens(tokens, lex) if not blocked[m[2]]]
        node_pos = {j for i, n, _ in matches for j in range(i, i + n)}
        window_pos: set[int] = set()
        for i, n, _ in matches:
            for step, j in ((-1, i - 1), (1, i + n)):
                taken = 0
                while 0 <= j < len(tokens) and taken < window and tokens[j] != "\n":
                    if len(tokens[j]) > 1 or is_word(tokens[j]):
                        taken += 1
                        window_pos.add(j)
                    j += step
        window_pos -= node_pos
        for j in node_pos:
            if tokens[j] in tot:
                tot[tokens[j]] -= 1
        for j in sorted(window_pos):
            w = tokens[j]
            ins[w] += 1
            if (g, w) not in first_doc:
                first_doc[(g, w)] = docs[bisect_right(starts, j) - 1]
        inside[g], total[g] = ins, +tot
    return inside, total, first_doc


def _forms_table(inside, total, first_doc, remove_stop):
    """Per group: (Counter of forms in windows, Counter of forms in the corpus, first doc per form)."""
    all_counts: Counter = Counter()
    for c in total.values():
        all_counts.update(c)
    forms, normed = _normalized_forms(all_counts)
    stop = stopwords() if remove_stop else frozenset()
    dropped = {t for t, f in forms.items() if remove_stop and (len(f) < 2 or f in stop or normed[t] in stop)}

    def keep(tok):
        return tok not in dropped

    out = {}
    for g in total:
        ins, tot, first = Counter(), Counter(), {}
        for tok, n in total[g].items():
            if keep(tok):
                tot[forms[tok]] += n
        for tok, n in inside[g].items():
            if keep(tok):
                ins[forms[tok]] += n
                doc = first_doc[(g, tok)]
                f = forms[tok]
                first[f] = doc if f not in first else min(first[f], doc, key=str)
        out[g] = (ins, tot, first)
    return out


def _g2(o11, o12, o21, o22):
    """Log-likelihood G2 of a 2x2 table (arrays), Dunning 1993: 2 * sum O ln(O/E)."""
    n = o11 + o12 + o21 + o22
    r1, r2, c1, c2 = o11 + o12, o21 + o22, o11 + o21, o12 + o22
    g = np.zeros_like(o11, dtype=float)
    for o, r, c in ((o11, r1, c1), (o12, r1, c2), (o21, r2, c1), (o22, r2, c2)):
        e = r * c / n
        with np.errstate(divide="ignore", invalid="ignore"):
            g += np.where(o > 0, o * np.log(np.where(o > 0, o, 1) / e), 0.0)
    return 2 * g


COLLOCATE_COLUMNS = ["group", "collocate", "gloss", "O", "E", "G2", "MI", "t", "log_ratio", "f_collocate",
                     "window_tokens", "corpus_tokens", "first_doc"]


def _collocate_stats(ins: Counter, tot: Counter, first: dict, group: str, min_freq: int) -> pd.DataFrame:
    words = sorted(w for w, o in ins.items() if o >= min_freq)
    W = sum(ins.values())
    N = sum(tot.values())
    o = np.array([ins[w] for w in words], dtype=float)
    f = np.array([tot[w] for w in words], dtype=float)
    e = W * f / N if N else np.zeros_like(f)
    o12, o21 = W - o, f - o
    o22 = N - W - f + o
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = _g2(o, o12, o21, o22)
        g2 = np.where(o >= e, g2, -g2)
        mi = np.log2(o / e)
        t = (o - e) / np.sqrt(o)
        # Hardie's log ratio: relative frequency inside windows vs outside (0.5 for a zero outside)
        lr = np.log2((o / W) / (np.maximum(o21, 0.5) / max(N - W, 1)))
    table = pd.DataFrame({"group": group, "collocate": words, "O": o.astype("int64"), "E": e, "G2": g2, "MI": mi,
                          "t": t, "log_ratio": lr, "f_collocate": f.astype("int64"), "window_tokens": W,
                          "corpus_tokens": N, "first_doc": [first[w] for w in words]})
    return table


def collocates(corpus, node, *, window: int = 5, by=None, min_freq: int = 3, remove_stop: bool = True,
               fields: Sequence[str] = DEFAULT_FIELDS, lexicon=None, glossary=None) -> pd.DataFrame:
    """The collocates of a node within ``window`` words on each side, per group.

    ``node`` is a word (``"النظام"``), a pattern with ``*`` (``"إرهاب*"``), a list of
    patterns, or a lexicon label when ``lexicon`` is given (``"assad"`` with
    ``"corpus/lexicons/entities.csv"``); it is found by the kit's clitic-aware matcher
    (:func:`helpers.find_terms`), so لداعش is a node ``داعش``. The window counts words
    (punctuation does not count) and stays inside a field (title, text); overlapping
    windows count a word once. Collocates are word forms (module docstring: normalized,
    proclitics split by the attested-remainder rule, stop words dropped).

    Per group (``by``: a column such as ``"outlet"`` or a period column, or a sequence),
    each collocate's 2x2 table splits the group's tokens (node tokens left out) into
    inside / outside the windows and collocate / other:
    ``O`` = collocate inside, ``window_tokens`` (W) = all inside, ``f_collocate`` (f) =
    collocate anywhere, ``corpus_tokens`` (N) = all. Expected ``E = W * f / N``;
    ``G2`` log-likelihood of the table (negative when O < E); ``MI = log2(O / E)``;
    ``t = (O - E) / sqrt(O)``; ``log_ratio`` = log2 of the collocate's relative frequency
    inside vs outside the windows (Hardie 2014). Rows with ``O >= min_freq``, sorted by
    group, then G2 (descending), then collocate. ``gloss`` comes from the kit lexicons
    (else a transliteration); ``first_doc`` is a document to read with
    ``helpers.kwic(corpus, node, sort="after")``.

    >>> corpus = pd.DataFrame({"title": ["", ""], "text": ["قصف النظام حلب", "قوات النظام، حلب"], "outlet": ["X", "X"]})
    >>> collocates(corpus, "النظام", window=1, min_freq=1, by="outlet")[["group", "collocate", "O"]].values.tolist()
    [['X', 'حلب', 2], ['X', 'قصف', 1], ['X', 'قوات', 1]]
    """
    inside, total, first_doc = _windows(corpus, node, window, by, fields, lexicon)
    tables = [_collocate_stats(*parts, g, min_freq) for g, parts in
              sorted(_forms_table(inside, total, first_doc, remove_stop).items())]
    table = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=COLLOCATE_COLUMNS)
    table = table.sort_values(["group", "G2", "collocate"], ascending=[True, False, True], kind="mergesort")
    table["gloss"] = _gloss(table["collocate"].tolist(), glossary)
    return table[COLLOCATE_COLUMNS].reset_index(drop=True)


def _resolve_group(name: str, present: list[str], node) -> str:
    """A group name as given, or the one group whose name starts with it ignoring case and
    spaces (``"skynews"`` -> ``"Sky News Arabia"``, ``"bbc"`` -> ``"BBC Arabic"``)."""
    if name in present:
        return name
    key = name.replace(" ", "").casefold()
    found = [g for g in present if g.replace(" ", "").casefold().startswith(key)]
    if len(found) != 1:
        raise ValueError(f"group {name!r} has no windows of {node!r} or is ambiguous "
                         f"(groups with windows: {present})")
    return found[0]


def compare_collocates(corpus, node, groups: Sequence[str] = ("skynews", "bbc"), by: str = "outlet", *,
                       window: int = 5, min_freq: int = 3, remove_stop: bool = True,
                       fields: Sequence[str] = DEFAULT_FIELDS, lexicon=None, glossary=None) -> pd.DataFrame:
    """Two groups' collocates side by side, with keyness within the windows.

    Like quanteda's ``textstat_keyness`` on the node's windows: for each collocate seen
    ``min_freq`` times in either group's windows, ``keyness`` is the signed log-likelihood
    of its count in group A's windows against group B's (positive: more typical of A);
    ``log_ratio`` = log2 of its relative frequency in A's windows over B's (0.5 for a zero).
    Columns: ``collocate``, ``gloss``, ``O_A``, ``G2_A``, ``O_B``, ``G2_B`` (A and B = the
    group names), ``keyness``, ``log_ratio``; sorted by keyness (descending), then collocate.
    A group may be named by the start of its name, ignoring case and spaces: the default
    ``("skynews", "bbc")`` picks Sky News Arabia and BBC Arabic in ANT.

    >>> corpus = pd.DataFrame({"outlet": ["a", "b"], "title": ["", ""],
    ...     "text": ["قصف النظام حلب قصف النظام حمص", "حكومة النظام حلب"]})
    >>> compare_collocates(corpus, "النظام", groups=("a", "b"), window=1, min_freq=1)["collocate"].tolist()
    ['قصف', 'حمص', 'حلب', 'حكومة']
    """
    table = collocates(corpus, node, window=window, by=by, min_freq=1, remove_stop=remove_stop, fields=fields,
                       lexicon=lexicon, glossary=glossary)
    present = sorted(set(table["group"]))
    a, b = (_resolve_group(str(g), present, node) for g in groups)
    ta = table[table["group"] == a].set_index("collocate")
    tb = table[table["group"] == b].set_index("collocate")
    words = sorted(w for w in set(ta.index) | set(tb.index)
                   if max(ta["O"].get(w, 0), tb["O"].get(w, 0)) >= min_freq)
    oa = np.array([ta["O"].get(w, 0) for w in words], dtype=float)
    ob = np.array([tb["O"].get(w, 0) for w in words], dtype=float)
    wa, wb = float(ta["window_tokens"].iloc[0]), float(tb["window_tokens"].iloc[0])
    g2 = _g2(oa, wa - oa, ob, wb - ob)
    with np.errstate(divide="ignore", invalid="ignore"):
        lr = np.log2((np.maximum(oa, 0.5) / wa) / (np.maximum(ob, 0.5) / wb))
    out = pd.DataFrame({"collocate": words, "gloss": _gloss(words, glossary),
                        f"O_{a}": oa.astype("int64"), f"G2_{a}": [ta["G2"].get(w, np.nan) for w in words],
                        f"O_{b}": ob.astype("int64"), f"G2_{b}": [tb["G2"].get(w, np.nan) for w in words],
                        "keyness": np.where(oa / wa >= ob / wb, g2, -g2), "log_ratio": lr})
    return out.sort_values(["keyness", "collocate"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


# --- n-grams ------------------------------------------------------------------------------

_BREAK = "\n"


def _segments(corpus, fields) -> tuple[list[list[str]], list]:
    """Per document, the raw word tokens with a break marker where punctuation or a line
    break cuts the sequence (quote marks and brackets do not cut, as in the matcher)."""
    seqs = []
    for fields_tokens in _word_tokens(corpus, fields):
        seq: list[str] = []
        for tokens in fields_tokens:
            for t in tokens:
                if len(t) > 1 or is_word(t):
                    seq.append(t)
                elif t not in SKIP_CHARS and (not seq or seq[-1] != _BREAK):
                    seq.append(_BREAK)
            seq.append(_BREAK)
        seqs.append(seq)
    return seqs, _doc_ids(corpus)


def ngrams(corpus, n=(2, 4), *, min_freq: int = 5, remove_stop: bool = True, by=None,
           fields: Sequence[str] = DEFAULT_FIELDS) -> pd.DataFrame:
    """Frequent and sticky sequences of 2-4 words (``n`` a number or a ``(min, max)`` range).

    Sequences never cross punctuation or a line break (quote marks and brackets are
    skipped, as in the matcher). Words are forms (module docstring). With
    ``remove_stop=True`` a sequence may not start or end with a stop word (inside is fine:
    ``وزير خارجية`` , ``مجلس الامن``).

    ``pmi`` is the minimum, over the ways of cutting the sequence in two, of the pointwise
    mutual information ``log2(f(seq) * N / (f(left) * f(right)))`` (N = word count): a
    sequence is only as sticky as its weakest joint. ``stickiness`` = ``freq * pmi`` (local
    MI, Evert 2005), which weighs that association by how often the sequence occurs, so
    frequent fixed names (قوات سوريا الديمقراطية, الغوطة الشرقية) rank first and rare
    one-off phrases (high PMI, low frequency) do not. ``in_longer`` is the largest share of
    the sequence's occurrences that sit inside one longer listed sequence (near 1: a piece
    of a longer name, such as سوريا الديمقراطية). Columns: ``ngram``, ``n``, ``freq``,
    ``docs``, ``pmi``, ``stickiness``, ``in_longer``, ``first_doc`` (a document to read with
    :func:`helpers.kwic`), then with ``by`` one count column per group. Sorted by
    stickiness (descending), then freq, then ngram.

    >>> texts = ["قوات سوريا الديمقراطية تتقدم. قالت قوات سوريا الديمقراطية"] * 3
    >>> ngrams(texts, 3, min_freq=4)[["ngram", "freq"]].values.tolist()
    [['قوات سوريا الديمقراطية', 6]]
    """
    lo, hi = (n, n) if isinstance(n, int) else (int(n[0]), int(n[1]))
    if not 1 <= lo <= hi:
        raise ValueError(f"n must be a number >= 1 or a (min, max) range, not {n!r}")
    seqs, ids = _segments(corpus, fields)
    groups = _groups(corpus, by)
    raw = count_tokens([t for s in seqs for t in s])
    raw.pop(_BREAK, None)
    forms = word_forms(raw)
    forms[_BREAK] = _BREAK
    stop = stopwords() if remove_stop else frozenset()
    # Forms as integer ids (0 = break) in one array; the document of each position.
    vocab = sorted(set(forms.values()) - {_BREAK})
    code = {f: i + 1 for i, f in enumerate(vocab)}
    code[_BREAK] = 0
    tok_code = {t: code[f] for t, f in forms.items()}
    lengths = [len(s) for s in seqs]
    flat = np.fromiter((tok_code[t] for s in seqs for t in s), dtype=np.int64, count=sum(lengths))
    doc_of = np.repeat(np.arange(len(seqs)), lengths)
    N = int((flat > 0).sum())
    V = len(vocab) + 1
    # Apriori counting: a k-gram seen min_freq times starts with a (k-1)-gram seen as often,
    # so each k-gram is coded as (index of its frequent prefix) * V + last word.
    grams: dict[int, list[tuple]] = {}
    freqs: dict[int, dict[tuple, int]] = {}
    where: dict[int, np.ndarray] = {}  # per k: frequent k-gram index at each start position, or -1
    unigram = np.bincount(flat, minlength=V)
    freqs[1] = {(vocab[i - 1],): int(c) for i, c in enumerate(unigram) if i and c}
    grams[1] = [(w,) for w in vocab]
    where[1] = np.where((flat > 0) & (unigram[flat] >= min_freq), flat - 1, -1)
    for k in range(2, hi + 1):
        prev = where[k - 1][: len(flat) - k + 1]
        last = flat[k - 1:]
        ok = (prev >= 0) & (last > 0)
        codes = prev[ok] * V + last[ok]
        uniq, inverse, counts = np.unique(codes, return_inverse=True, return_counts=True)
        keep = counts >= min_freq
        new_index = np.full(len(uniq), -1)
        new_index[keep] = np.arange(int(keep.sum()))
        grams[k] = [grams[k - 1][int(c // V)] + (vocab[int(c % V) - 1],) for c in uniq[keep]]
        freqs[k] = dict(zip(grams[k], counts[keep].tolist()))
        here = np.full(len(flat), -1)
        here[np.flatnonzero(ok)] = new_index[inverse]
        where[k] = here
    rows = []
    docs: dict[tuple, int] = {}
    first: dict[tuple, object] = {}
    per: dict[str, Counter] = {}
    group_arr = np.array(groups, dtype=object)
    for k in range(lo, hi + 1):
        pos = np.flatnonzero(where[k] >= 0)
        idx, dcs = where[k][pos], doc_of[pos]
        pairs = np.unique(idx * len(seqs) + dcs)
        n_docs = np.bincount(pairs // len(seqs), minlength=len(grams[k]))
        first_pos = np.full(len(grams[k]), -1)
        order = np.argsort(idx, kind="stable")
        starts = np.searchsorted(idx[order], np.arange(len(grams[k])))
        has = starts < len(order)
        first_pos[has] = dcs[order][starts[has]]
        if by is not None and len(pos):
            table_k = pd.DataFrame({"g": idx, "grp": group_arr[dcs]}).value_counts()
            for (gi, grp), c in table_k.items():
                per.setdefault(grp, Counter())[grams[k][gi]] = int(c)
        for gi, g in enumerate(grams[k]):
            f = freqs[k][g] if k > 1 else freqs[1].get(g, 0)
            if f < min_freq:
                continue
            if remove_stop and (g[0] in stop or g[-1] in stop or len(g[0]) < 2 or len(g[-1]) < 2):
                continue
            if k == 1:
                score = 0.0
            else:
                score = min(math.log2(f * N / (freqs[j][g[:j]] * freqs[k - j][g[j:]])) for j in range(1, k))
            docs[g] = int(n_docs[gi])
            first[g] = ids[int(first_pos[gi])]
            rows.append((" ".join(g), k, f, score, g))
    rows = [(text, k, f, docs[g], score, first[g], g) for text, k, f, score, g in rows]
    table = pd.DataFrame(rows, columns=["ngram", "n", "freq", "docs", "pmi", "first_doc", "_g"])
    table["stickiness"] = table["freq"] * table["pmi"]
    kept = {r[6]: r[2] for r in rows}
    longer: dict[tuple, float] = {}
    for g, f in kept.items():
        for sub in (g[:-1], g[1:]):
            if sub in kept:
                longer[sub] = max(longer.get(sub, 0.0), f / kept[sub])
    table["in_longer"] = [longer.get(g, 0.0) for g in table["_g"]]
    if by is not None:
        for grp in sorted(set(groups)):
            table[grp] = [per.get(grp, Counter())[g] for g in table["_g"]]
    table = table.drop(columns="_g")
    cols = ["ngram", "n", "freq", "docs", "pmi", "stickiness", "in_longer", "first_doc"]
    table = table[cols + [c for c in table.columns if c not in cols]]
    return table.sort_values(["stickiness", "freq", "ngram"], ascending=[False, False, True],
                             kind="mergesort").reset_index(drop=True)


def ngrams_to_lexicon(rows, *, label, category: str, gloss, path=None, clitics: str = "") -> pd.DataFrame:
    """Lexicon rows (``label,category,gloss,pattern``) for chosen n-grams; with ``path``,
    appended to that lexicon CSV.

    ``rows`` is an :func:`ngrams` table (its ``ngram`` column) or a list of patterns;
    ``label`` and ``gloss`` are one value for all rows or one per row. The new file is
    written to a temporary file beside ``path``, checked with :meth:`Lexicon.from_csv`
    (a label with two categories or glosses is refused) and only then renamed over the
    old one, so a failed append leaves the old file untouched. A row already in the file
    (same label and pattern) raises ``ValueError`` naming the file and line.

    >>> ngrams_to_lexicon(["قوات سوريا الديمقراطية"], label="sdf", category="actor", gloss="SDF").values.tolist()
    [['sdf', 'actor', 'SDF', 'قوات سوريا الديمقراطية']]
    """
    patterns = rows["ngram"].tolist() if isinstance(rows, pd.DataFrame) else [str(r) for r in rows]
    n = len(patterns)

    def each(value, name):
        values = [value] * n if isinstance(value, str) else list(value)
        if len(values) != n:
            raise ValueError(f"{name} has {len(values)} values for {n} patterns")
        return values

    new = pd.DataFrame({"label": each(label, "label"), "category": category, "gloss": each(gloss, "gloss"),
                        "pattern": patterns})
    if clitics:
        new["clitics"] = clitics
    Lexicon.from_frame(new)  # the rows themselves must make a valid lexicon
    if path is None:
        return new
    path = Path(path)
    if path.exists():
        old = pd.read_csv(path, dtype=str, keep_default_na=False, engine="c")
        have = {(r.label, r.pattern): i + 2 for i, r in enumerate(old.itertuples(index=False))}
        for r in new.itertuples(index=False):
            if (r.label, r.pattern) in have:
                raise ValueError(f"{path}, line {have[(r.label, r.pattern)]}: label {r.label!r} already has "
                                 f"pattern {r.pattern!r}")
        combined = pd.concat([old, new.reindex(columns=old.columns.union(new.columns, sort=False), fill_value="")
                              [list(dict.fromkeys([*old.columns, *new.columns]))]], ignore_index=True)
        combined = combined.fillna("")
    else:
        combined = new
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            combined.to_csv(fh, index=False)
        Lexicon.from_csv(tmp)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return new


# --- dispersion ---------------------------------------------------------------------------


def gries_dp(freqs, sizes) -> tuple[float, float]:
    """Gries' deviation of proportions DP (2008) and its normalized form DPnorm
    (Lijffijt & Gries 2012: DP / (1 - smallest part's share)).

    ``freqs`` = occurrences in each corpus part, ``sizes`` = the parts' sizes in words.
    DP = half the sum of |observed share - expected share| over the parts: 0 = spread
    evenly (as the part sizes predict), near 1 = all in one small part.

    >>> gries_dp([1, 2, 3, 4, 5], [9, 10, 10, 10, 11])   # Gries 2008's example word "a"
    (0.18, 0.2195)
    """
    f = np.asarray(freqs, dtype=float)
    s = np.asarray(sizes, dtype=float)
    if len(f) != len(s) or not len(f):
        raise ValueError("gries_dp: freqs and sizes need the same, non-zero number of parts")
    if f.sum() == 0 or s.sum() == 0:
        return float("nan"), float("nan")
    s = s / s.sum()
    dp = 0.5 * float(np.abs(f / f.sum() - s).sum())
    norm = dp / (1 - float(s.min())) if s.min() < 1 else float("nan")
    return round(dp, 4), round(norm, 4)


def occurrences(corpus, term_or_label, *, by: str | None = "outlet", lexicon=None,
                fields: Sequence[str] = DEFAULT_FIELDS) -> pd.DataFrame:
    """Every occurrence of a term (pattern) or lexicon label, with where it is.

    Columns: ``doc_id``, ``group``, ``date`` (when the corpus has one), ``field``,
    ``start``, ``end``, ``surface``, ``position`` (relative position in the article: the
    match's offset over the length of title + text, 0 = first character, so a title match
    is near 0), ``voice``. The offsets go straight to :func:`helpers.kwic` lines.

    >>> corpus = pd.DataFrame({"doc_id": ["d"], "outlet": ["X"], "title": ["داعش"], "text": ["طرد داعش"]})
    >>> occurrences(corpus, "داعش")[["field", "position"]].round(4).values.tolist()
    [['title', 0.0], ['text', 0.6923]]
    """
    lex = _node_lexicon(term_or_label, lexicon)
    parts = text_fields(corpus, fields)
    index = parts[0][1].index
    ids, groups = _doc_ids(corpus), _groups(corpus, by)
    dates = corpus["date"].tolist() if isinstance(corpus, pd.DataFrame) and "date" in corpus.columns else None
    rows = []
    for k, idx in enumerate(index):
        texts = [as_text(series.iat[k], idx) for _, series in parts]
        length = sum(len(t) for t in texts) + len(texts) - 1
        offset = 0
        for (name, _), text in zip(parts, texts):
            for start, end, _, v in match_spans(text, lex):
                rows.append((ids[k], groups[k], dates[k] if dates else pd.NaT, name, start, end, text[start:end],
                             (offset + start) / max(length, 1), v))
            offset += len(text) + 1
    cols = ["doc_id", "group", "date", "field", "start", "end", "surface", "position", "voice"]
    return pd.DataFrame(rows, columns=cols).astype({"start": "int64", "end": "int64", "position": "float64"})


def dispersion(corpus, term_or_label, *, by: str | None = "outlet", lexicon=None,
               fields: Sequence[str] = DEFAULT_FIELDS) -> pd.DataFrame:
    """How often and how evenly a term or label occurs in each group, articles as parts.

    Columns: ``group``, ``hits``, ``words`` (title + text words), ``per_1000``, ``articles``,
    ``articles_with`` (articles with at least one hit), ``DP`` and ``DPnorm``
    (:func:`gries_dp` over the group's articles: 0 = even, near 1 = concentrated in a few
    articles; NaN for a group of one article), ``first``/``last`` (dates of the first and last hit, when the corpus has
    dates), ``mean_position`` (mean relative position in the article). A last row
    ``all`` covers the whole corpus. :func:`occurrences` lists the hits themselves.

    >>> corpus = pd.DataFrame({"outlet": ["X", "X", "Y"], "title": ["", "", ""],
    ...     "text": ["داعش هنا", "لا شيء هنا", "داعش وداعش هنا"]})
    >>> dispersion(corpus, "داعش")[["group", "hits", "articles_with", "DP"]].values.tolist()
    [['X', 1, 1, 0.6], ['Y', 2, 1, nan], ['all', 3, 2, 0.375]]
    """
    hits = occurrences(corpus, term_or_label, by=by, lexicon=lexicon, fields=fields)
    ids, groups = _doc_ids(corpus), _groups(corpus, by)
    sizes = word_counts(corpus, fields=fields).tolist()
    docs = pd.DataFrame({"doc_id": ids, "group": groups, "words": sizes})
    docs["hits"] = docs["doc_id"].map(hits.groupby("doc_id").size()).fillna(0).astype("int64")
    rows = []
    for g, part in [*sorted(docs.groupby("group"), key=lambda x: x[0]), ("all", docs)]:
        h = hits if g == "all" else hits[hits["group"] == g]
        dp, dpn = gries_dp(part["hits"], part["words"]) if len(part) > 1 else (float("nan"), float("nan"))
        words = int(part["words"].sum())
        rows.append((g, int(part["hits"].sum()), words, 1000 * part["hits"].sum() / words if words else np.nan,
                     len(part), int((part["hits"] > 0).sum()), dp, dpn,
                     h["date"].min() if len(h) else pd.NaT, h["date"].max() if len(h) else pd.NaT,
                     h["position"].mean() if len(h) else np.nan))
    return pd.DataFrame(rows, columns=["group", "hits", "words", "per_1000", "articles", "articles_with", "DP",
                                       "DPnorm", "first", "last", "mean_position"])


# --- attention over time --------------------------------------------------------------------


def _mentions(corpus, query, lexicon, fields) -> np.ndarray:
    if query is None:
        return np.ones(len(corpus), dtype="int64")
    lex = _node_lexicon(query, lexicon)
    parts = text_fields(corpus, fields)
    index = parts[0][1].index
    return np.array([sum(len(match_spans(as_text(s.iat[k], idx), lex)) for _, s in parts)
                     for k, idx in enumerate(index)], dtype="int64")


def _dates(corpus: pd.DataFrame) -> pd.Series:
    """The corpus dates as naive UTC timestamps (NaT where missing or unreadable)."""
    if "date" not in corpus.columns:
        raise ValueError("a 'date' column is needed in the corpus frame")
    dates = pd.to_datetime(corpus["date"], errors="coerce", utc=True)
    return dates.dt.tz_localize(None)


def attention(corpus: pd.DataFrame, *, freq: str = "W", by: str = "outlet", query=None, share: bool = True,
              events=None, start=None, end=None, lexicon=None, fields: Sequence[str] = DEFAULT_FIELDS) -> pd.DataFrame:
    """Articles (or articles mentioning ``query``) per period, as a share of each outlet's output.

    ``freq`` is a pandas period alias (``"D"``, ``"W"``, ``"M"``). Without ``query``,
    ``share`` is the period's articles over all the group's articles (so outlets of
    different sizes compare); with ``query`` (a pattern, list of patterns, or a label with
    ``lexicon``), ``share`` is the articles that mention it over the group's articles in
    that period. Each group's coverage runs from its first to its last dated article:
    periods outside it are masked (``share`` NaN, not 0: the outlet was not collected
    then), ``partial`` marks the first and last period when coverage starts or ends inside
    it. Articles without a date are counted in ``undated`` and left out (never silently).
    ``start`` / ``end`` limit the periods shown; coverage and shares still come from the
    whole corpus (pass the whole corpus, not a slice, or a slice's edges look like an
    outlet's coverage edges).
    ``events`` (a dict or list of ``(date, name)``) fills an ``event`` column on the
    periods that contain them. Columns: ``period`` (start date), ``group``, ``articles``,
    ``hits`` (articles mentioning the query, or = articles), ``mentions``, ``share``,
    ``in_coverage``, ``partial``, ``event``; ``share=False`` gives counts in ``share``.

    >>> corpus = pd.DataFrame({"outlet": ["A", "A", "B"], "title": "", "text": ["x", "y", "z"],
    ...     "date": pd.to_datetime(["2018-04-02", "2018-04-16", "2018-04-16"])})
    >>> t = attention(corpus, freq="W")
    >>> t[t.group == "B"]["share"].tolist()
    [nan, nan, 1.0]
    """
    dates = _dates(corpus)
    groups = _groups(corpus, by)
    lo = pd.Timestamp(start) if start is not None else None
    hi = pd.Timestamp(end) if end is not None else None
    inside_range = np.ones(len(corpus), dtype=bool)
    if lo is not None:
        inside_range &= (dates >= lo.to_period(freq).start_time).to_numpy() | dates.isna().to_numpy()
    if hi is not None:
        inside_range &= (dates <= hi.to_period(freq).end_time).to_numpy() | dates.isna().to_numpy()
    mentions = np.zeros(len(corpus), dtype="int64")
    if inside_range.any():
        mentions[inside_range] = _mentions(corpus[inside_range], query, lexicon, fields)
    frame = pd.DataFrame({"date": dates.to_numpy(), "group": groups, "mentions": mentions})
    undated = frame["date"].isna()
    undated_by = frame[undated].groupby("group").size()
    frame = frame[~undated]
    if frame.empty:
        raise ValueError("attention: no article has a date")
    frame["period"] = frame["date"].dt.to_period(freq)
    periods = pd.period_range(lo.to_period(freq) if lo is not None else frame["period"].min(),
                              hi.to_period(freq) if hi is not None else frame["period"].max(), freq=freq)
    rows = []
    for g, part in sorted(frame.groupby("group"), key=lambda x: x[0]):
        first, last = part["date"].min(), part["date"].max()
        total = len(part)
        counts = part.groupby("period").agg(articles=("mentions", "size"),
                                            hits=("mentions", lambda m: int((m > 0).sum())),
                                            mentions=("mentions", "sum"))
        for p in periods:
            inside = p.end_time >= first and p.start_time <= last
            partial = inside and (p.start_time < first.normalize() or p.end_time.normalize() > last.normalize())
            a, h, m = (counts.loc[p].tolist() if p in counts.index else (0, 0, 0))
            if not inside:
                value = np.nan
            elif not share:
                value = float(h)
            elif query is None:
                value = a / total
            else:
                value = h / a if a else np.nan
            rows.append((p.start_time, g, int(a), int(h), int(m), value, inside, partial,
                         int(undated_by.get(g, 0))))
    table = pd.DataFrame(rows, columns=["period", "group", "articles", "hits", "mentions", "share", "in_coverage",
                                        "partial", "undated"])
    table["event"] = ""
    for when, name in (events.items() if isinstance(events, dict) else events or []):
        p = pd.Timestamp(when).to_period(freq).start_time
        table.loc[table["period"] == p, "event"] = table.loc[table["period"] == p, "event"].map(
            lambda e: f"{e}; {name}" if e else str(name))
    return table


def compare_windows(corpus: pd.DataFrame, event_date, *, query, days: int = 7, by: str = "outlet", lexicon=None,
                    fields: Sequence[str] = DEFAULT_FIELDS) -> pd.DataFrame:
    """The share of each group's articles that mention ``query`` in the ``days`` before
    ``event_date`` and in the ``days`` from it (the event day counts as after), with 95%
    Wilson intervals. ``change`` = after - before; ``overlap`` tells whether the two
    intervals overlap (if they do, the difference is not clear-cut).

    >>> corpus = pd.DataFrame({"outlet": ["A"] * 4, "title": "", "text": ["دوما", "حلب", "دوما", "دوما"],
    ...     "date": pd.to_datetime(["2018-04-05", "2018-04-06", "2018-04-07", "2018-04-08"])})
    >>> compare_windows(corpus, "2018-04-07", query="دوما", days=3)[["group", "before", "after"]].values.tolist()
    [['A', 0.5, 1.0]]
    """
    event = pd.Timestamp(event_date)
    dates = _dates(corpus)
    groups = pd.Series(_groups(corpus, by), index=corpus.index)
    hit = pd.Series(_mentions(corpus, query, lexicon, fields) > 0, index=corpus.index)
    before = (dates >= event - pd.Timedelta(days=days)) & (dates < event)
    after = (dates >= event) & (dates < event + pd.Timedelta(days=days))
    rows = []
    for g in sorted(set(groups)):
        mine = groups == g
        nb, kb = int((mine & before).sum()), int((mine & before & hit).sum())
        na, ka = int((mine & after).sum()), int((mine & after & hit).sum())
        lb, hb = (round(x, 4) for x in wilson_interval(kb, nb))
        la, ha = (round(x, 4) for x in wilson_interval(ka, na))
        pb = kb / nb if nb else np.nan
        pa = ka / na if na else np.nan
        rows.append((g, nb, kb, pb, lb, hb, na, ka, pa, la, ha, pa - pb, not (ha < lb or hb < la)))
    return pd.DataFrame(rows, columns=["group", "articles_before", "hits_before", "before", "low_before",
                                       "high_before", "articles_after", "hits_after", "after", "low_after",
                                       "high_after", "change", "overlap"])


# --- topics -----------------------------------------------------------------------------------


@dataclass
class TopicModel:
    """The result of :func:`topics`: plain tables, nothing hidden.

    ``words``: topic, rank, word, gloss, weight; ``shares``: group, topic, share, low,
    high; ``documents``: topic, rank, doc_id, weight, title; ``doc_topics``: one row per
    document (index = doc_id), one column per topic, rows summing to 1 (0 for a document
    with no counted word).
    """

    words: pd.DataFrame
    shares: pd.DataFrame
    documents: pd.DataFrame
    doc_topics: pd.DataFrame

    def summary(self, n: int = 8) -> pd.DataFrame:
        """One row per topic: its top ``n`` words with glosses, as text."""
        top = self.words[self.words["rank"] < n]
        return top.groupby("topic").apply(
            lambda t: " · ".join(f"{w} ({g})" for w, g in zip(t["word"], t["gloss"])), include_groups=False
        ).rename("top_words").reset_index()


def topics(corpus, k: int = 8, *, seed: int = 0, method: str = "nmf", by: str | None = "outlet",
           n_words: int = 12, n_docs: int = 5, min_df: int = 5, max_df: float = 0.5, max_features: int = 5000,
           n_boot: int = 1000, fields: Sequence[str] = DEFAULT_FIELDS, extra_stopwords=(), glossary=None) -> TopicModel:
    """A topic model (scikit-learn NMF on tf-idf, or LDA on counts) over word forms.

    Topics are *candidate frames*: groups of words that often appear together. Whether a
    topic is a frame (a problem definition, a cause, a judgement, a remedy) is decided by
    reading its most typical documents (``documents``) and then, if it holds, writing a
    lexicon and validating it; never by the word list alone. Results are deterministic for
    a given ``seed``. Words are forms (module docstring) without stop words; a word must
    occur in ``min_df`` documents and in at most ``max_df`` of them. Per-group shares are
    the mean of the documents' topic proportions, with percentile bootstrap intervals over
    documents (``n_boot``, seeded). Glosses come from the kit lexicons, else a
    transliteration (:func:`helpers.transliterate`).

    >>> texts = ["قصف الطيران حلب"] * 3 + ["مفاوضات السلام جنيف"] * 3
    >>> m = topics(texts, k=2, min_df=1, max_df=1.0, by=None, n_boot=10)
    >>> top = m.words[m.words["rank"] < 3].groupby("topic")["word"].apply(lambda w: " ".join(sorted(w)))
    >>> sorted(top)
    ['السلام جنيف مفاوضات', 'الطيران حلب قصف']
    """
    from sklearn.decomposition import NMF, LatentDirichletAllocation
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    if method not in ("nmf", "lda"):
        raise ValueError(f"method must be 'nmf' or 'lda', not {method!r}")
    seqs, ids = _segments(corpus, fields)
    raw: Counter = Counter()
    for s in seqs:
        raw.update(s)
    raw.pop(_BREAK, None)
    forms, normed = _normalized_forms(raw)
    stop = stopwords(extra=extra_stopwords)
    keep = {t: f for t, f in forms.items() if len(f) > 1 and f not in stop and normed[t] not in stop
            and not f.isdigit()}
    docs = [" ".join(keep[t] for t in s if t in keep) for s in seqs]
    vec_cls = TfidfVectorizer if method == "nmf" else CountVectorizer
    vec = vec_cls(token_pattern=r"\S+", lowercase=False, min_df=min_df, max_df=max_df, max_features=max_features)
    X = vec.fit_transform(docs)
    vocab = vec.get_feature_names_out()
    if method == "nmf":
        model = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=400)
    else:
        model = LatentDirichletAllocation(n_components=k, random_state=seed, learning_method="batch")
    W = model.fit_transform(X)
    H = model.components_
    totals = W.sum(axis=1, keepdims=True)
    theta = np.divide(W, totals, out=np.zeros_like(W), where=totals > 0)
    order = np.argsort(-H, axis=1, kind="stable")[:, :n_words]
    top_words = sorted({vocab[j] for t, row in enumerate(order) for j in row if H[t, j] > 0})
    glosses = dict(zip(top_words, _gloss(top_words, glossary)))
    words = pd.DataFrame([(t, r, vocab[j], glosses[vocab[j]], float(H[t, j]))
                          for t in range(k) for r, j in enumerate(order[t]) if H[t, j] > 0],
                         columns=["topic", "rank", "word", "gloss", "weight"])
    has_titles = isinstance(corpus, pd.DataFrame) and "title" in corpus.columns
    titles = corpus["title"].tolist() if has_titles else [""] * len(ids)
    doc_rows = []
    for t in range(k):
        best = sorted(range(len(ids)), key=lambda i: (-theta[i, t], str(ids[i])))[:n_docs]
        doc_rows += [(t, r, ids[i], float(theta[i, t]), titles[i]) for r, i in enumerate(best)]
    documents = pd.DataFrame(doc_rows, columns=["topic", "rank", "doc_id", "weight", "title"])
    doc_topics = pd.DataFrame(theta, index=pd.Index(ids, name="doc_id"), columns=list(range(k)))
    groups = np.array(_groups(corpus, by))
    rng = np.random.default_rng(seed)
    share_rows = []
    for g in sorted(set(groups)):
        part = theta[groups == g]
        est = part.mean(axis=0)
        boots = np.array([part[rng.integers(0, len(part), len(part))].mean(axis=0) for _ in range(n_boot)])
        low, high = np.percentile(boots, [2.5, 97.5], axis=0)
        share_rows += [(g, t, float(est[t]), float(low[t]), float(high[t])) for t in range(k)]
    shares = pd.DataFrame(share_rows, columns=["group", "topic", "share", "low", "high"])
    return TopicModel(words=words, shares=shares, documents=documents, doc_topics=doc_topics)
