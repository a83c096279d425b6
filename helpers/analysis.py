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
from bisect import bisect_left
import re
from collections import Counter
from itertools import combinations

import numpy as np
import pandas as pd

from .arabic import normalize, remove_stopwords, stopwords
from .lexicon import _WORD_RE, TOKEN_RE, _as_text, _texts, as_lexicon, count_terms, match_tokens, word_counts

__all__ = [
    "KWIC_COLUMNS", "kwic", "sort_kwic", "cooccurrence", "cooccurrence_graph", "keyness", "frequencies",
    "document_features", "rates_by_group", "sentences",
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
#: The fields of a corpus frame that kwic reads by default (interface C: title + text).
DEFAULT_FIELDS = ("title", "text")


def _kwic_fields(texts, fields) -> list[tuple[str | None, pd.Series]]:
    """The texts kwic reads: (field name, Series) pairs; a field name only for corpus frames."""
    if not isinstance(texts, pd.DataFrame):
        return [(None, _texts(texts))]
    fields = (fields,) if isinstance(fields, str) else tuple(fields)
    if fields == DEFAULT_FIELDS and "title" not in texts.columns:
        fields = ("text",)  # a user's frame without titles: its text only
    missing = [f for f in fields if f not in texts.columns]
    if missing:
        raise ValueError(f"kwic: fields {missing} are not columns of the corpus frame "
                         f"(columns: {list(texts.columns)})")
    return [(f, texts[f]) for f in fields]


def _context_words(text: str) -> list[str]:
    """The words of a context, normalized for sorting (punctuation left out)."""
    return [normalize(w).casefold() for w in TOKEN_RE.findall(text) if _WORD_RE.match(w)]


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
         fields=DEFAULT_FIELDS) -> pd.DataFrame:
    """Keyword in context: every match with ``window`` words of context on each side.

    ``pattern_or_lexicon`` is a pattern (``"تحرير*"``), a list of patterns, a lexicon or
    a lexicon CSV path; matching follows the lexicon rules (clitics, longest match).
    Columns: ``doc_id``, ``before`` (the words that precede the match, in reading order),
    ``match``, ``after`` (the words that follow it), ``label``, ``voice``, ``field`` (for a
    corpus frame: ``"title"`` or ``"text"``), ``start``, ``end`` (offsets in that field).
    Context is the original, un-normalized text; punctuation is kept but does not count as
    a word. A corpus frame is read field by field (``fields``, title then text by default;
    a match never spans the two); a Series, list or string is read as given (``field`` empty).
    ``voice`` is empty (None): the matcher does not yet mark quoted speech.

    ``sort="before"`` orders lines by the word just before the match, then the one before
    that, and so on; ``sort="after"`` by the word just after it, then the next (AntConc's
    KWIC sort; words compared normalized, ties in corpus order). :func:`helpers.show_kwic`
    shows the lines right to left.

    >>> kwic(["قال إن الجيش دخل البوكمال بعد معارك"], "البوكمال", window=2)[["before", "match", "after"]].values.tolist()
    [['الجيش دخل', 'البوكمال', 'بعد معارك']]
    >>> kwic(["ثم بدأ الهجوم", "وقع الهجوم أمس"], "الهجوم", sort="before")["before"].tolist()
    ['ثم بدأ', 'وقع']
    """
    lex = as_lexicon(pattern_or_lexicon)
    ids = _doc_ids(texts).tolist()
    parts = _kwic_fields(texts, fields)
    rows = []
    for k, doc_id in enumerate(ids):
        for field, series in parts:
            text = _as_text(series.iloc[k], series.index[k])
            rows.extend(_kwic_rows(text, lex, window, doc_id, field))
    table = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    table = table.astype({"start": "int64", "end": "int64"})
    return sort_kwic(table, sort)


def _kwic_rows(text: str, lex, window: int, doc_id, field) -> list[tuple]:
    """KWIC rows of one text (one field of one document)."""
    if window < 0:
        raise ValueError("kwic: window must be a number of words >= 0")
    spans = [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
    tokens = [text[a:b] for a, b in spans]
    words = [k for k, t in enumerate(tokens) if _WORD_RE.match(t)]  # the window counts words only
    rows = []
    for i, n, pid in match_tokens(tokens, lex):
        start, end = spans[i][0], spans[i + n - 1][1]
        before = bisect_left(words, i)  # number of words before the match
        after = bisect_left(words, i + n)  # index of the first word after it
        if window == 0:
            left = right = ""
        else:
            left = text[spans[words[before - window]][0]:start] if before >= window else text[:start]
            right = text[end:spans[words[after + window - 1]][1]] if after + window - 1 < len(words) else text[end:]
        rows.append((doc_id, " ".join(left.split()), text[start:end], " ".join(right.split()),
                     lex.labels[lex._compiled.labels[pid]], None, field, start, end))
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
    label_of = lex._compiled.labels
    for idx, value in series.items():
        text = _as_text(value, idx)
        doc_pairs: set = set()
        if window is not None:
            tokens = TOKEN_RE.findall(text)
            # word ordinal of every token, so that punctuation does not count as distance
            ordinal = np.cumsum([bool(_WORD_RE.match(t)) for t in tokens]) if tokens else []
            matches = [(ordinal[i] - 1, ordinal[i + n - 1] - 1, lex.labels[label_of[pid]])
                       for i, n, pid in match_tokens(tokens, lex)]
            for (_, e1, a), (s2, _, b) in combinations(matches, 2):
                if a != b and s2 - e1 <= window:
                    pair = tuple(sorted((a, b)))
                    pair_units[pair] += 1
                    doc_pairs.add(pair)
        else:
            units = [text] if unit == "document" else sentences(text)
            for u in units:
                labels = {lex.labels[label_of[pid]] for _, _, pid in match_tokens(TOKEN_RE.findall(u), lex)}
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
        for t in TOKEN_RE.findall(_as_text(value, idx)):
            n = cache.get(t)
            if n is None:
                n = normalize(t).casefold() if _WORD_RE.match(t) else ""
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


def rates_by_group(texts, lexicon, groups, *, per: int = 1000, n_boot: int = 1000, seed: int = 0,
                   ci: float = 0.95, counts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rate of each label per ``per`` words in each group, with bootstrap intervals.

    The rate is total matches / total words of the group's articles (a ratio of sums).
    Intervals are percentile bootstrap intervals from resampling the group's *articles*
    with replacement ``n_boot`` times (fixed ``seed``: the same numbers every run).
    Columns: ``group``, ``label``, ``gloss``, ``category``, ``count``, ``words``, ``articles``,
    ``rate``, ``low``, ``high``. Pass precomputed ``counts`` (from :func:`count_terms`) to save time.

    >>> r = rates_by_group(["الجيش السوري هنا", "قوات النظام هناك"], "corpus/lexicons/frames.csv", ["A", "B"], n_boot=10)
    >>> r.loc[r.label == "army", ["group", "count"]].values.tolist()
    [['A', 1], ['B', 0]]
    """
    lex = as_lexicon(lexicon)
    series = _texts(texts)
    counts = count_terms(texts, lex) if counts is None else counts
    words = word_counts(series).to_numpy()
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
        for k, label in enumerate(lex.labels):
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
