"""Reading and comparing: KWIC, co-occurrence, keyness, frequencies, rates with intervals.

This module owns the tables a researcher reads. It builds on :mod:`helpers.lexicon`
(matches) and :mod:`helpers.arabic` (tokens, stop words); it draws nothing.

Example:
    >>> from helpers import load_corpus
    >>> seed = load_corpus("seed")
    >>> kwic(seed, "تحرير", window=3).iloc[0][["before", "match", "after"]].tolist()
    ['اليوم الأحد تمّ', 'تحرير', 'مدينة البوكمال (آخر']
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from itertools import combinations
from typing import Sequence

import numpy as np
import pandas as pd

from .arabic import normalize, remove_stopwords, stopwords
from .lexicon import (DEFAULT_FIELDS, TOKEN_RE, _texts, as_lexicon, as_text, count_terms, is_word, match_spans,
                      split_tokens, text_fields, word_counts, word_starts, word_window)

__all__ = [
    "KWIC_COLUMNS", "kwic", "sort_kwic", "cooccurrence", "cooccurrence_graph", "keyness", "frequencies",
    "document_features", "rates_by_group", "sentences", "wilson_interval",
]



def _doc_ids(texts) -> pd.Series:
    series = _texts(texts)
    if isinstance(texts, pd.DataFrame) and "doc_id" in texts.columns:
        return pd.Series(texts["doc_id"].values, index=series.index)
    return series.index.to_series()


def _aligned(values, series: pd.Series, name: str) -> pd.Series:
    """A Series of per-document values aligned with the texts; an error if it does not fit."""
    if isinstance(values, pd.Series):
        if not values.index.equals(series.index):
            if not series.index.isin(values.index).all():
                raise ValueError(f"{name}: its index does not cover the texts' index")
            values = values.reindex(series.index)
        return values
    values = list(values) if not isinstance(values, str) else [values] * len(series)
    if len(values) != len(series):
        raise ValueError(f"{name}: {len(values)} values for {len(series)} documents")
    return pd.Series(values, index=series.index)


KWIC_COLUMNS = ["doc_id", "before", "match", "after", "label", "voice", "field", "start", "end"]


def _context_words(text: str) -> list[str]:
    """The words of a context, normalized for sorting (punctuation left out)."""
    return [normalize(w).casefold() for w in split_tokens(text)[0] if is_word(w)]


def sort_kwic(table: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """Sort KWIC lines as AntConc does: ``by="before"`` by the word just before the match, then
    the word before that, and so on; ``by="after"`` by the word just after it, then the next.
    Words are compared normalized (punctuation skipped); ties keep their order; ``None``
    keeps the table as it is. :func:`kwic` calls it for ``sort=``.

    >>> t = pd.DataFrame({"before": ["ثم بدأ", "وقع"], "match": ["الهجوم"] * 2, "after": ["", ""]})
    >>> sort_kwic(t, "before")["before"].tolist()
    ['ثم بدأ', 'وقع']
    """
    if by is None:
        return table
    if by not in ("before", "after"):
        raise ValueError(f"kwic: sort must be None, 'before' or 'after', not {by!r}")
    if by == "before":  # the word just before the match first: read the context backwards
        keys = [_context_words(t)[::-1] for t in table["before"]]
    else:
        keys = [_context_words(t) for t in table["after"]]
    order = sorted(range(len(table)), key=lambda k: (keys[k], k))
    return table.iloc[order].reset_index(drop=True)


def kwic(texts, pattern_or_lexicon, *, window: int = 8, sort: str | None = None,
         fields: Sequence[str] = DEFAULT_FIELDS, blockers: bool = False, voice: str = "all") -> pd.DataFrame:
    """Keyword in context: every match with ``window`` words of context on each side.

    ``pattern_or_lexicon`` is a pattern (``"تحرير*"``), a list of patterns, a lexicon or
    a lexicon CSV path; matching follows the lexicon rules (clitics, longest match;
    blocker matches are left out unless ``blockers=True``).
    Columns: ``doc_id``, ``before`` (the words that precede the match, in reading order),
    ``match``, ``after`` (the words that follow it), ``label``, ``voice`` (``"own"`` or
    ``"quoted"``, see :mod:`helpers.voice`; ``voice=`` keeps one of them), ``field``
    (``"title"`` or ``"text"``), ``start``, ``end`` (offsets in that field).
    Context is the original, un-normalized text; punctuation is kept but does not count as
    a word. A corpus frame is read field by field (``fields``, title then text by default;
    context never crosses fields); a Series, list or string is one field, ``text``.

    ``sort="before"`` orders lines by the word just before the match, then the one before
    that, and so on; ``sort="after"`` by the word just after it, then the next (AntConc's
    KWIC sort, :func:`sort_kwic`). :func:`helpers.show_kwic` shows the lines right to left.

    >>> kwic(["قال إن الجيش دخل البوكمال بعد معارك"], "البوكمال", window=2)[["before", "match", "after"]].values.tolist()
    [['الجيش دخل', 'البوكمال', 'بعد معارك']]
    >>> kwic(["ثم بدأ الهجوم", "وقع الهجوم أمس"], "الهجوم", sort="before")["before"].tolist()
    ['ثم بدأ', 'وقع']
    """
    if window < 0:
        raise ValueError("kwic: window must be a number of words >= 0")
    lex = as_lexicon(pattern_or_lexicon)
    parts = text_fields(texts, fields)
    index = parts[0][1].index
    ids = _doc_ids(texts).tolist()
    rows = []
    for k, idx in enumerate(index):
        for field, series in parts:
            rows.extend(_kwic_rows(as_text(series.iat[k], idx), lex, window, ids[k], field, blockers, voice))
    table = pd.DataFrame(rows, columns=KWIC_COLUMNS).astype({"start": "int64", "end": "int64"})
    return sort_kwic(table, sort)


def _kwic_rows(text: str, lex, window: int, doc_id, field: str, blockers: bool, voice: str) -> list[tuple]:
    """KWIC rows of one text (one field of one document): the matches of the anchor scan, and
    for each only the words around it are read."""
    rows = []
    for start, end, pid, where in match_spans(text, lex, blockers=blockers, voice=voice):
        left, right = word_window(text, start, end, window)
        rows.append((doc_id, " ".join(text[left:start].split()), text[start:end], " ".join(text[end:right].split()),
                     lex.labels[lex.pattern_labels[pid]], where, field, start, end))
    return rows


_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n+")


def sentences(text: str) -> list[str]:
    """Split a text into sentences at ``. ! ? ؟`` followed by a space, and at line breaks.

    >>> sentences("دخل الجيش. انسحب داعش؟ نعم\\nسطر")
    ['دخل الجيش.', 'انسحب داعش؟', 'نعم', 'سطر']
    """
    return [s.strip() for s in _SENTENCE_END.split(text or "") if s and s.strip()]


def cooccurrence(texts, lexicon, *, unit: str = "sentence", window: int | None = None) -> pd.DataFrame:
    """How often two labels are mentioned together, as a tidy table.

    ``unit`` is ``"sentence"`` (default) or ``"document"``; each unit counts a pair once.
    With ``window=k`` two mentions co-occur when the second starts at most ``k`` words after
    the first ends (adjacent mentions: distance 1; punctuation does not count), and ``units``
    counts pairs of mentions. Columns:
    ``label_a``, ``label_b`` (sorted, a < b), ``units`` (number of units with both),
    ``documents`` (number of documents with both in one unit). Sorted by ``units`` then labels.

    >>> cooccurrence(["داعش في البوكمال. الجيش السوري في حلب."], "corpus/lexicons/entities.csv")[["label_a", "label_b", "units"]].values.tolist()
    [['albukamal', 'isis', 1], ['aleppo', 'syrian_army', 1]]
    """
    if unit not in ("sentence", "document"):
        raise ValueError(f"unit must be 'sentence' or 'document', not {unit!r}")
    if window is not None and window < 0:
        raise ValueError("window must be a number of words >= 0")
    lex = as_lexicon(lexicon)
    series = _texts(texts)
    pair_units: Counter = Counter()
    pair_docs: Counter = Counter()
    label_of = lex.pattern_labels
    for idx, value in series.items():
        text = as_text(value, idx)
        doc_pairs: set = set()
        if window is not None:
            found = match_spans(text, lex)
            # the word ordinals of a match's first and last words, so that punctuation does not count as distance
            starts = word_starts(text) if len(found) > 1 else []
            matches = [(bisect_left(starts, a), bisect_left(starts, b) - 1, lex.labels[label_of[pid]])
                       for a, b, pid, _ in found]
            for (_, e1, a), (s2, _, b) in combinations(matches, 2):
                if a != b and s2 - e1 <= window:
                    pair = tuple(sorted((a, b)))
                    pair_units[pair] += 1
                    doc_pairs.add(pair)
        else:
            units = [text] if unit == "document" else sentences(text)
            for u in units:
                labels = {lex.labels[label_of[pid]] for _, _, pid, _ in match_spans(u, lex)}
                for pair in combinations(sorted(labels), 2):
                    pair_units[pair] += 1
                    doc_pairs.add(pair)
        for pair in doc_pairs:
            pair_docs[pair] += 1
    rows = [{"label_a": a, "label_b": b, "units": n, "documents": pair_docs[(a, b)]}
            for (a, b), n in pair_units.items()]
    out = pd.DataFrame(rows, columns=["label_a", "label_b", "units", "documents"])
    return out.sort_values(["units", "label_a", "label_b"], ascending=[False, True, True], kind="stable").reset_index(drop=True)


def cooccurrence_graph(table: pd.DataFrame, lexicon=None, *, min_units: int = 1):
    """A networkx graph from :func:`cooccurrence`: nodes are labels (with ``category`` and
    ``gloss`` when a lexicon is given), edges carry ``weight`` = number of units.

    >>> g = cooccurrence_graph(pd.DataFrame({"label_a": ["a"], "label_b": ["b"], "units": [3], "documents": [1]}))
    >>> g["a"]["b"]["weight"]
    3
    """
    import networkx as nx

    graph = nx.Graph()
    lex = as_lexicon(lexicon) if lexicon is not None else None
    for row in table.itertuples(index=False):
        if row.units < min_units:
            continue
        for node in (row.label_a, row.label_b):
            if node not in graph:
                attrs = {}
                if lex is not None:
                    attrs = {"category": lex.categories.get(node, ""), "gloss": lex.glosses.get(node, "")}
                graph.add_node(node, **attrs)
        graph.add_edge(row.label_a, row.label_b, weight=int(row.units), documents=int(row.documents))
    return graph


def _token_lists(texts, *, remove_stop: bool = True, extra_stopwords=()) -> list[list[str]]:
    series = _texts(texts)
    sw = stopwords(extra_stopwords) if remove_stop else frozenset()
    cache: dict[str, str] = {}
    out = []
    for idx, value in series.items():
        toks = []
        for t in TOKEN_RE.findall(as_text(value, idx)):
            n = cache.get(t)
            if n is None:
                n = normalize(t).casefold() if is_word(t) else ""
                cache[t] = n
            if n and not n.isdigit():
                toks.append(n)
        out.append(remove_stopwords(toks, sw) if remove_stop else toks)
    return out


def frequencies(texts, *, by=None, remove_stop: bool = True, extra_stopwords=(), top: int | None = None) -> pd.DataFrame:
    """Token frequencies (normalized tokens, stop words and numbers removed).

    Columns: ``feature``, ``count``, ``docfreq`` (documents containing it), ``rank``;
    with ``by`` (a Series or column name of group labels), one block per group with a
    ``group`` column. Sorted by count (descending), then feature.

    >>> frequencies(["الجيش دخل الجيش", "الجيش"]).head(1)[["feature", "count", "docfreq"]].values.tolist()
    [['الجيش', 3, 2]]
    """
    series = _texts(texts)
    toks = _token_lists(texts, remove_stop=remove_stop, extra_stopwords=extra_stopwords)
    if by is None:
        groups = pd.Series("all", index=series.index)
    elif isinstance(by, str):
        groups = texts[by]
    else:
        groups = pd.Series(by, index=series.index)
    columns = (["group"] if by is not None else []) + ["feature", "count", "docfreq", "rank"]
    frames = [pd.DataFrame(columns=columns)]
    for group in sorted(pd.unique(groups.astype(str))):
        mask = (groups.astype(str) == group).to_numpy()
        count: Counter = Counter()
        docfreq: Counter = Counter()
        for keep, tl in zip(mask, toks):
            if keep:
                count.update(tl)
                docfreq.update(set(tl))
        f = _ranked(pd.DataFrame({"feature": list(count), "count": list(count.values()),
                                  "docfreq": [docfreq[w] for w in count]}), top)
        if by is not None:
            f.insert(0, "group", group)
        frames.append(f)
    if len(frames) == 1:
        return frames[0]
    return pd.concat(frames[1:], ignore_index=True)


def _ranked(table: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """Sort a frequency table (count descending, then feature), add ``rank``, keep ``top`` rows."""
    f = table.sort_values(["count", "feature"], ascending=[False, True], kind="stable").reset_index(drop=True)
    f["rank"] = np.arange(1, len(f) + 1)
    return f.head(top) if top else f


def document_features(texts, *, max_features: int = 1000, remove_stop: bool = True) -> pd.DataFrame:
    """A document-feature matrix: one row per document (input index), one column per
    token among the ``max_features`` most frequent (ties broken alphabetically).

    >>> document_features(["الجيش دخل", "الجيش"]).loc[:, ["الجيش", "دخل"]].values.tolist()
    [[1, 1], [1, 0]]
    """
    series = _texts(texts)
    toks = _token_lists(texts, remove_stop=remove_stop)
    total: Counter = Counter()
    for tl in toks:
        total.update(tl)
    vocab = [w for w, _ in sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:max_features]]
    index = {w: k for k, w in enumerate(vocab)}
    mat = np.zeros((len(toks), len(vocab)), dtype=np.int64)
    for r, tl in enumerate(toks):
        for w in tl:
            k = index.get(w)
            if k is not None:
                mat[r, k] += 1
    return pd.DataFrame(mat, index=series.index, columns=pd.Index(vocab, name="feature"))


def keyness(texts, target, *, min_count: int = 5, remove_stop: bool = True, extra_stopwords=()) -> pd.DataFrame:
    """Keyness of each token in a target group of documents against the rest.

    ``target`` is a boolean mask aligned with ``texts`` (e.g. ``corpus.outlet == "BBC Arabic"``).
    For each token: ``n_target``, ``n_reference``, the log-likelihood statistic ``g2``
    (Dunning 1993; Rayson & Garside 2000), signed positive when the token is relatively
    more frequent in the target (the two-term form of Rayson & Garside 2000, as in Wmatrix and
    AntConc), its ``p_value`` (chi-squared, 1 d.f.), and the effect size
    ``log_ratio`` (Hardie 2014: log2 of the ratio of relative frequencies, with 0.5 added to
    zero counts). Tokens with fewer than ``min_count`` occurrences overall are left out.
    Sorted by signed ``g2`` (descending), then feature.

    >>> t = keyness(["قوات النظام"] * 5 + ["الجيش السوري"] * 5, [True] * 5 + [False] * 5, min_count=1)
    >>> t.head(1)[["feature", "n_target", "n_reference"]].values.tolist()
    [['النظام', 5, 0]]
    """
    series = _texts(texts)
    mask = _aligned(target, series, "target").astype(bool).to_numpy()
    toks = _token_lists(texts, remove_stop=remove_stop, extra_stopwords=extra_stopwords)
    a: Counter = Counter()
    b: Counter = Counter()
    for keep, tl in zip(mask, toks):
        (a if keep else b).update(tl)
    n1, n2 = sum(a.values()), sum(b.values())
    if n1 == 0 or n2 == 0:
        raise ValueError("keyness needs tokens in both the target and the reference group")
    feats = sorted(w for w in set(a) | set(b) if a[w] + b[w] >= min_count)
    o1 = np.array([a[w] for w in feats], dtype=float)
    o2 = np.array([b[w] for w in feats], dtype=float)
    total = o1 + o2
    e1 = n1 * total / (n1 + n2)
    e2 = n2 * total / (n1 + n2)
    with np.errstate(divide="ignore", invalid="ignore"):
        term1 = np.where(o1 > 0, o1 * np.log(o1 / e1), 0.0)
        term2 = np.where(o2 > 0, o2 * np.log(o2 / e2), 0.0)
    g2 = 2 * (term1 + term2)
    sign = np.where(o1 / n1 >= o2 / n2, 1.0, -1.0)
    p = np.array([math.erfc(math.sqrt(max(x, 0.0) / 2)) for x in g2])
    log_ratio = np.log2((np.where(o1 == 0, 0.5, o1) / n1) / (np.where(o2 == 0, 0.5, o2) / n2))
    out = pd.DataFrame({"feature": feats, "n_target": o1.astype(np.int64), "n_reference": o2.astype(np.int64),
                        "g2": np.round(sign * g2, 6), "p_value": p, "log_ratio": np.round(log_ratio, 6)})
    return out.sort_values(["g2", "feature"], ascending=[False, True], kind="stable").reset_index(drop=True)


def wilson_interval(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval for a proportion ``k / n`` (95% with ``z=1.96``); ``(nan, nan)`` if ``n == 0``.

    Unlike the normal approximation it stays inside [0, 1] and is sensible for small
    samples and for proportions near 0 or 1 (Wilson 1927; Brown, Cai & DasGupta 2001).

    >>> [round(x, 4) for x in wilson_interval(18, 20)]
    [0.699, 0.9721]
    >>> [round(x, 4) for x in wilson_interval(20, 20)]
    [0.8389, 1.0]
    """
    if n <= 0:
        return float("nan"), float("nan")
    if not 0 <= k <= n:
        raise ValueError(f"k must be between 0 and n, got k={k}, n={n}")
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def rates_by_group(texts, lexicon, groups, *, per: int = 1000, n_boot: int = 1000, seed: int = 0,
                   ci: float = 0.95, counts: pd.DataFrame | None = None,
                   fields: Sequence[str] = DEFAULT_FIELDS, blockers: bool = False, voice: str = "all"
                   ) -> pd.DataFrame:
    """Rate of each label per ``per`` words in each group, with bootstrap intervals.

    The rate is total matches / total words of the group's articles (a ratio of sums),
    both counted in ``fields`` of a corpus frame (title + text by default). With
    ``voice="own"`` (or ``"quoted"``) both count only the outlet's own voice (or only
    quotations, :mod:`helpers.voice`): own-voice matches per 1,000 own-voice words.
    Intervals are percentile bootstrap intervals from resampling the group's *articles*
    with replacement ``n_boot`` times (fixed ``seed``: the same numbers every run).
    Columns: ``group``, ``label``, ``gloss``, ``category``, ``count``, ``words``, ``articles``,
    ``rate``, ``low``, ``high``. Pass precomputed ``counts`` (from :func:`count_terms` with the
    same ``fields`` and ``voice``) to save time. Blocker labels are left out unless ``blockers=True``.

    >>> r = rates_by_group(["الجيش السوري هنا", "قوات النظام هناك"], "corpus/lexicons/frames.csv", ["A", "B"], n_boot=10)
    >>> r.loc[r.label == "army", ["group", "count"]].values.tolist()
    [['A', 1], ['B', 0]]
    """
    lex = as_lexicon(lexicon)
    series = _texts(texts)
    if counts is None:
        counts = count_terms(texts, lex, fields=fields, blockers=blockers, voice=voice)
    labels = [lab for lab in lex.shown_labels(blockers) if lab in counts.columns]
    counts = counts[labels]
    words = word_counts(texts, fields=fields, voice=voice).to_numpy()
    if isinstance(groups, str) and isinstance(texts, pd.DataFrame) and groups in texts.columns:
        groups = texts[groups]
    groups = _aligned(groups, series, "groups")
    rng = np.random.default_rng(seed)
    alpha = (1 - ci) / 2
    rows = []
    for group in sorted(pd.unique(groups.astype(str))):
        sel = (groups.astype(str) == group).to_numpy()
        c = counts.to_numpy()[sel]
        w = words[sel]
        n = len(w)
        boot = rng.integers(0, n, size=(n_boot, n)) if n else np.zeros((0, 0), dtype=int)
        wb = w[boot].sum(axis=1) if n else np.array([])
        for k, label in enumerate(labels):
            total_c, total_w = int(c[:, k].sum()), int(w.sum())
            rate = per * total_c / total_w if total_w else float("nan")
            if n and n_boot:
                cb = c[:, k][boot].sum(axis=1)
                with np.errstate(divide="ignore", invalid="ignore"):
                    rb = np.where(wb > 0, per * cb / wb, np.nan)
                if np.isnan(rb).all():
                    low = high = float("nan")
                else:
                    low, high = np.nanquantile(rb, [alpha, 1 - alpha])
            else:
                low = high = float("nan")
            rows.append({"group": group, "label": label, "gloss": lex.glosses[label],
                         "category": lex.categories[label], "count": total_c, "words": total_w,
                         "articles": n, "rate": rate, "low": float(low), "high": float(high)})
    return pd.DataFrame(rows)
