"""The paper figures: recipes that call the other stages, driven by a figure configuration.

``python -m helpers figures --config CONFIG.toml [--corpus SOURCE] [--lexicon CSV ...] --out DIR``
(``make figures`` uses the kit's own configuration, ``corpus/figures.toml``) writes, for every
figure of the configuration, a PDF, an SVG and a PNG at journal width (3.5 in for one column,
7.0 in for two; every text at least 7 pt at that size), a CSV with the numbers behind it, one
``CAPTIONS.md`` with each figure's caption, data (corpus, version, filter, deduplication,
counting unit) and lexicon (file and SHA-256), ``tables/corpus_summary.csv`` and
``MANIFEST.sha256``. Files carry no dates, random ids or machine paths, every layout and
bootstrap is seeded, so two runs give identical bytes.

A configuration (TOML) has a ``[data]`` table (corpus, lexicons, outlets, date window,
deduplication, counting unit, an optional topic ``[data.filter]``), optional ``[glosses]``
(display glosses that replace a lexicon's), ``[[events]]`` (dates marked on timelines) and one
``[[figure]]`` table per figure with its ``kind`` (:data:`KINDS`), file ``name``, ``title``,
``caption``, ``width`` (``"single"`` or ``"double"``) and the kind's own settings. Paths are read
relative to the configuration file. A figure that cannot be drawn for the corpus and lexicons
given (a category the lexicon lacks, the seed article for a user's corpus) is skipped with a
message, never drawn empty.

Each kind is a pair of recipes ``table_KIND(data, spec) -> DataFrame`` and
``fig_KIND(data, spec) -> Figure``; the lessons call the same recipes.
"""
from __future__ import annotations

import hashlib
import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import charts
from .analysis import cooccurrence, cooccurrence_graph, frequencies, keyness, rates_by_group
from .arabic import normalize, tokenize, transliterate
from .corpus import deduplicate, load_corpus
from .datasets import KIT_DIR, kit_path, registry
from .lexicon import Lexicon, count_terms, find_terms, topic_filter

__all__ = [
    "make_figures", "load_config", "load_inputs", "Inputs", "FigureSkipped", "corpus_summary",
    "save_figure", "render", "KINDS", "KIT_CONFIG", "collection_gaps", "SAID_VERBS", "merge_spellings", "surface_forms",
]

KIT_CONFIG = kit_path("figures.toml")
WIDTHS = {"single": 3.5, "double": 7.0}
MIN_POINTS = 7.0
DPI = 300

#: "Said" verbs and their clitic forms: reporting verbs that dominate news word clouds and
#: say nothing about a story. Added to the stop-word list of word clouds and keyness.
SAID_VERBS = (
    "قال", "وقال", "قالت", "وقالت", "يقول", "ويقول", "تقول", "وتقول", "قالوا", "وقالوا",
    "أضاف", "وأضاف", "أضافت", "وأضافت", "تابع", "وتابع", "تابعت", "وتابعت",
    "أكد", "وأكد", "أكدت", "وأكدت", "ذكر", "وذكر", "ذكرت", "وذكرت", "أوضح", "وأوضح", "أوضحت", "وأوضحت",
    "أعلن", "وأعلن", "أعلنت", "وأعلنت", "أشار", "وأشار", "أشارت", "وأشارت", "صرح", "وصرح", "مضيفا", "مشيرا",
)


class FigureSkipped(Exception):
    """A figure that cannot be drawn for this corpus or lexicon (the message says why)."""


# --- configuration ----------------------------------------------------------------------


def _resolve(base: Path, value: str) -> Path | str:
    """A path relative to the configuration's folder if such a file exists, else the value as given."""
    p = Path(value)
    if not p.is_absolute() and (base / p).exists():
        return (base / p).resolve()
    if p.exists():
        return p.resolve()
    return value


def load_config(path: str | Path | None = None, *, corpus: str | None = None,
                lexicons: list[str] | None = None) -> dict:
    """Read a figure configuration (TOML); ``corpus`` and ``lexicons`` replace its own.

    >>> cfg = load_config()
    >>> cfg["data"]["corpus"], [f["kind"] for f in cfg["figure"]][:2]
    ('antcorpus', ['attention', 'naming'])
    """
    path = Path(path) if path is not None else KIT_CONFIG
    try:
        cfg = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: no such figure configuration") from None
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML ({exc})") from None
    base = path.resolve().parent
    data = cfg.setdefault("data", {})
    if corpus is not None:
        data["corpus"] = corpus
        cfg["user_corpus"] = True
    if lexicons:
        data["lexicons"] = list(lexicons)
    if "corpus" not in data:
        raise ValueError(f"{path}: [data] needs a corpus (a dataset name, folder or file), or pass --corpus")
    if not data.get("lexicons"):
        raise ValueError(f"{path}: [data] needs lexicons = [...], or pass --lexicon")
    data["corpus_source"] = _resolve(base, str(data["corpus"]))
    data["lexicon_paths"] = [_resolve(base, str(p)) for p in data["lexicons"]]
    for key in ("glossary", "boilerplate", "spellings"):
        if key in data:
            data[key] = _resolve(base, str(data[key]))
    if "validation" in data:  # read when it exists (it may appear later)
        data["validation"] = base / data["validation"]
    if "filter" in data:
        data["filter"]["lexicon"] = _resolve(base, str(data["filter"]["lexicon"]))
    names = set()
    for k, spec in enumerate(cfg.setdefault("figure", []), start=1):
        for key in ("kind", "name"):
            if key not in spec:
                raise ValueError(f"{path}: [[figure]] number {k} has no {key!r}")
        if spec["kind"] not in KINDS:
            raise ValueError(f"{path}: figure {spec['name']!r}: unknown kind {spec['kind']!r} (one of {', '.join(KINDS)})")
        if spec.get("width", "double") not in WIDTHS:
            raise ValueError(f"{path}: figure {spec['name']!r}: width must be 'single' or 'double'")
        if spec["name"] in names:
            raise ValueError(f"{path}: figure name {spec['name']!r} is used twice")
        names.add(spec["name"])
    cfg["path"] = path
    return cfg


# --- inputs ---------------------------------------------------------------------------------


def _kit_relative(path) -> str:
    """A path for captions: relative to the kit when inside it, else the file name (never a machine path)."""
    p = Path(path)
    try:
        return p.resolve().relative_to(KIT_DIR.resolve()).as_posix()
    except ValueError:
        return p.name


def _sha256(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@dataclass
class Inputs:
    """Everything the recipes read, loaded once: the configuration, the corpus after its
    filters (``corpus``), the same rows before the topic filter (``unfiltered``), the lexicons
    by file stem, and a log of what was done to the rows (``steps``)."""

    config: dict
    corpus: pd.DataFrame
    unfiltered: pd.DataFrame
    lexicons: dict[str, Lexicon]
    corpus_name: str
    steps: list[str] = field(default_factory=list)
    cache: dict = field(default_factory=dict)
    lexicon_paths: dict[str, Path] = field(default_factory=dict)

    def lexicon_path(self, lex: Lexicon) -> Path:
        """The file a lexicon was read from."""
        for stem, known in self.lexicons.items():
            if known is lex:
                return self.lexicon_paths.get(stem, Path(lex.source))
        return Path(lex.source)

    def cached(self, key, func):
        if key not in self.cache:
            self.cache[key] = func()
        return self.cache[key]

    @property
    def fields(self) -> tuple[str, ...]:
        """The counting unit: the corpus columns searched (title + text by default)."""
        return tuple(self.config["data"].get("fields", ["title", "text"]))

    def lexicon(self, name: str | None) -> Lexicon:
        """The lexicon named by its file stem; the only one when there is just one."""
        if name in self.lexicons:
            return self.lexicons[name]
        if len(self.lexicons) == 1:
            return next(iter(self.lexicons.values()))
        raise FigureSkipped(f"no lexicon named {name!r} (given: {', '.join(self.lexicons)})")

    @property
    def entities(self) -> Lexicon:
        """The kit's entity lexicon (for the lessons)."""
        return self.lexicon("entities")

    @property
    def frames(self) -> Lexicon:
        """The kit's frame lexicon (for the lessons)."""
        return self.lexicon("frames")

    def glosses(self, lex: Lexicon) -> dict[str, str]:
        """The lexicon's glosses with the configuration's ``[glosses]`` replacements."""
        out = dict(lex.glosses)
        out.update({k: v for k, v in self.config.get("glosses", {}).items() if k in out})
        return out

    def counts(self, name: str | None, corpus: pd.DataFrame | None = None) -> pd.DataFrame:
        """Label counts per article, summed over the counting unit's fields (a match never
        spans two fields); labels of category ``blocker`` are left out."""
        lex = self.lexicon(name)
        rows = self.corpus if corpus is None else corpus
        key = ("counts", lex.source, id(rows))
        return self.cached(key, lambda: label_counts(rows, lex, self.fields))

    def joined(self, corpus: pd.DataFrame | None = None) -> pd.Series:
        """The counting unit as one string per article (fields joined by a blank line)."""
        rows = self.corpus if corpus is None else corpus
        return join_fields(rows, self.fields)


def join_fields(corpus: pd.DataFrame, fields) -> pd.Series:
    """The given fields of each article joined by a blank line (for word counts and tokens)."""
    parts = [corpus[f].fillna("").astype(str) for f in fields if f in corpus.columns]
    if not parts:
        raise ValueError(f"the corpus has none of the fields {list(fields)}")
    out = parts[0]
    for p in parts[1:]:
        out = out + "\n\n" + p
    return out.str.strip()


def label_counts(corpus: pd.DataFrame, lex: Lexicon, fields) -> pd.DataFrame:
    """count_terms over each field separately, summed; ``blocker`` labels dropped."""
    total = None
    for f in fields:
        if f not in corpus.columns:
            continue
        c = count_terms(corpus[f].fillna("").astype(str), lex)
        total = c if total is None else total + c
    keep = [lab for lab in lex.labels if lex.categories.get(lab) != "blocker"]
    return total[keep]


def load_inputs(config: str | Path | dict | None = None, *, corpus: str | None = None,
                lexicons: list[str] | None = None) -> Inputs:
    """Load the corpus and lexicons of a figure configuration (the kit's own by default) and
    apply its deduplication, outlets, date window and topic filter, logging each step.

    >>> load_inputs().steps[:2]
    ['2,765 articles loaded', '241 empty or repeated texts dropped (first copy kept)']
    """
    cfg = config if isinstance(config, dict) else load_config(config, corpus=corpus, lexicons=lexicons)
    d = cfg["data"]
    source = d["corpus_source"]
    rows = load_corpus(source)
    summary = corpus_summary(rows)  # before any row is dropped
    name = str(source) if isinstance(source, str) else Path(source).stem
    steps = [f"{len(rows):,} articles loaded"]
    if d.get("deduplicate", True):
        before = len(rows)
        rows = deduplicate(rows)
        steps.append(f"{before - len(rows):,} empty or repeated texts dropped (first copy kept)")
    if d.get("outlets"):
        before = len(rows)
        rows = rows[rows["outlet"].isin(d["outlets"])]
        steps.append(f"outlets {', '.join(d['outlets'])}: {before - len(rows):,} articles of other outlets left out")
    if d.get("start") or d.get("end"):
        before = len(rows)
        if rows["date"].isna().any():
            steps.append(f"{int(rows['date'].isna().sum()):,} articles without a date left out")
        dates = rows["date"]
        keep = dates.notna()
        if d.get("start"):
            keep &= dates >= pd.Timestamp(d["start"], tz="UTC")
        if d.get("end"):
            keep &= dates < pd.Timestamp(d["end"], tz="UTC")
        rows = rows[keep]
        steps.append(f"date window {d.get('start', '…')} to {d.get('end', '…')} (end excluded): "
                     f"{before - len(rows):,} articles outside it left out")
    rows = rows.reset_index(drop=True)
    fields = tuple(d.get("fields", ["title", "text"]))
    unfiltered = rows
    if d.get("filter"):
        f = d["filter"]
        rows = topic_filter(rows, f["lexicon"], f.get("labels") or None, min_hits=int(f.get("min_hits", 1)),
                            fields=[x for x in fields if x in rows.columns], lead=f.get("lead")).reset_index(drop=True)
        steps.append(f"topic filter ({_kit_relative(f['lexicon'])}, at least {f.get('min_hits', 1)} match(es)): "
                     f"{len(rows):,} of {len(unfiltered):,} articles kept")
    if rows.empty:
        raise ValueError(f"{_kit_relative(cfg['path'])}: no articles of corpus {name!r} are left after: "
                         + "; ".join(steps[1:]) + " (check [data] outlets, start, end and filter)")
    steps.append(f"{len(rows):,} articles analysed")
    lexs, paths = {}, {}
    for p in d["lexicon_paths"]:
        lex = Lexicon.from_csv(p)
        stem = Path(str(p)).stem
        if stem in lexs:
            raise ValueError(f"two lexicons are named {stem!r}; rename one file")
        lexs[stem] = lex
        paths[stem] = Path(str(p))
    data = Inputs(cfg, rows, unfiltered, lexs, name, steps, lexicon_paths=paths)
    data.cache["corpus_summary"] = summary
    return data


# --- helpers shared by the recipes --------------------------------------------------------------


def _read_table(path, columns: list[str], what: str) -> pd.DataFrame:
    if not path:
        return pd.DataFrame(columns=columns)
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{path}: no such {what} file")
    t = pd.read_csv(p, dtype=str, keep_default_na=False, comment=None)
    missing = [c for c in columns if c not in t.columns]
    if missing:
        raise ValueError(f"{p.name}: missing column(s) {', '.join(missing)} (a {what} file needs {','.join(columns)})")
    return t


def spelling_rules(data: Inputs) -> list[tuple[str, str]]:
    t = _read_table(data.config["data"].get("spellings"), ["variant", "canonical"], "spelling variants")
    return sorted(((normalize(v), normalize(c)) for v, c in zip(t["variant"], t["canonical"])),
                  key=lambda vc: (-len(vc[0]), vc[0]))


def merge_spellings(word: str, rules) -> str:
    """Replace spelling variants inside a normalized word (house styles: اميركية / امريكية).

    >>> merge_spellings("الاميركية", [("اميرك", "امريك")])
    'الامريكية'
    """
    for variant, canonical in rules:
        if variant in word:
            word = word.replace(variant, canonical)
    return word


def _merge_text(text: str, rules) -> str:
    text = normalize(text)
    for variant, canonical in rules:
        text = text.replace(variant, canonical)
    return text


def _boilerplate(data: Inputs) -> pd.DataFrame:
    return _read_table(data.config["data"].get("boilerplate"), ["outlet", "phrase"], "boilerplate")


def clean_texts(data: Inputs, corpus: pd.DataFrame | None = None) -> pd.Series:
    """The counting unit, normalized, with spelling variants merged and each outlet's
    boilerplate phrases removed (for keyness and word clouds)."""
    rows = data.corpus if corpus is None else corpus
    rules = spelling_rules(data)
    bp = _boilerplate(data)
    phrases: dict[str, list[str]] = {}
    for outlet, phrase in zip(bp["outlet"], bp["phrase"]):
        phrases.setdefault(outlet, []).append(_merge_text(phrase, rules))
    out = []
    for outlet, text in zip(rows["outlet"], join_fields(rows, data.fields)):
        t = _merge_text(text, rules)
        for p in phrases.get(outlet, []) + phrases.get("*", []):
            t = t.replace(p, " ")
        out.append(t)
    return pd.Series(out, index=rows.index)


def surface_forms(texts, key) -> dict[str, str]:
    """The most frequent surface spelling (as written) of each token key, e.g. the hamza
    kept: ``{"الاسد": "الأسد"}``; ``key`` maps a raw token to its key (ties: alphabetical).

    >>> surface_forms(["الأسد والأسد الاسد"], normalize)["الاسد"]
    'الأسد'
    """
    counts: Counter = Counter()
    for text in texts:
        counts.update(tokenize(text or ""))
    best: dict[str, tuple[int, str]] = {}
    for tok, n in counts.items():
        k = key(tok)
        if k not in best or (-n, tok) < (-best[k][0], best[k][1]):
            best[k] = (n, tok)
    return {k: v[1] for k, v in best.items()}


def _surface_map(data: Inputs) -> dict[str, str]:
    rules = spelling_rules(data)
    return data.cached("surfaces", lambda: surface_forms(
        data.joined(), lambda t: merge_spellings(normalize(t).casefold(), rules)))


def _glossary(data: Inputs) -> dict[str, str]:
    t = _read_table(data.config["data"].get("glossary"), ["word", "gloss"], "glossary")
    rules = spelling_rules(data)
    return {merge_spellings(normalize(w), rules): g for w, g in zip(t["word"], t["gloss"])}


def gloss_word(word: str, glossary: dict[str, str]) -> tuple[str, str]:
    """An English gloss for a normalized word: the glossary's, else its transliteration in
    brackets. Returns ``(gloss, source)``."""
    if word in glossary:
        return glossary[word], "glossary"
    return f"[{transliterate(word)}]", "transliteration"


def _validation(data: Inputs, lex: Lexicon, omits: bool = True) -> tuple[dict[str, str], str]:
    """Marks for labels from the validation table (interface F): ``†`` precision below 0.90,
    ``°`` not validated; and the caption sentence that explains them. With ``failing =
    "omit"`` in ``[data]``, the labels marked ``†`` are left out of the figures
    (:func:`_failing`) and the caption names them instead."""
    path = data.config["data"].get("validation")
    stem = data.lexicon_path(lex).stem
    rows = pd.DataFrame(columns=["corpus", "lexicon", "label", "passes"])
    if path and Path(path).is_file():
        rows = pd.read_csv(path)
        rows = rows[(rows["corpus"].astype(str) == data.corpus_name)
                    & (rows["lexicon"].astype(str).map(lambda s: Path(s).stem) == stem)]
    passes = {lab: str(p).strip().lower() in ("true", "1") for lab, p in zip(rows["label"], rows["passes"])}
    marks = {lab: ("" if passes[lab] else "†") if lab in passes else "°" for lab in lex.labels}
    if path and Path(path).is_file():
        note = (f"Validation ({_kit_relative(path)}, corpus {data.corpus_name}): † marks a label whose precision in "
                "the hand-checked sample is below 0.90; ° marks a label not validated on this corpus.")
        failing = _failing(data, lex, marks) if omits else []
        below = [lab for lab in failing if marks[lab] == "†"]
        unchecked = [lab for lab in failing if marks[lab] == "°"]
        if below:
            note += (" Left out because their precision is below 0.90 (`failing = \"omit\"`): "
                     + ", ".join(below) + ".")
        if unchecked:
            note += " Left out because they are not in the validation table: " + ", ".join(unchecked) + "."
    else:
        note = ("° marks a label not validated on this corpus (no validation table"
                + (f" {_kit_relative(path)}" if path else "") + " yet).")
    return marks, note


def _display(data: Inputs, lex: Lexicon, label: str, marks: dict[str, str]) -> str:
    """A tick label on two lines: the lexicon's Arabic term, then the English gloss (and mark)."""
    arabic = lex.display_terms()[label]
    return f"{arabic}\n{data.glosses(lex)[label]}{marks.get(label, '')}"


def _top_legend(fig, ax, ncols: int | None = None) -> None:
    """The axes' legend as one row above the whole figure (no plot width lost)."""
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        fig.legend(handles, labels, loc="outside upper center", ncols=ncols or len(handles), frameon=False,
                   fontsize=8, handletextpad=0.3, columnspacing=1.0, handlelength=1.5)


def _categories(lex: Lexicon) -> list[str]:
    return [c for c in dict.fromkeys(lex.categories.values()) if c != "blocker"]


def _labels_of(lex: Lexicon, category: str, exclude=()) -> list[str]:
    return [lab for lab in lex.labels if lex.categories[lab] == category and lab not in exclude]


def _failing(data: Inputs, lex: Lexicon, marks: dict[str, str] | None = None) -> list[str]:
    """The labels a figure leaves out when the configuration says ``failing = "omit"``: those
    below 0.90 in the validation table and those it does not hold (not validated on this
    corpus). ``"mark"``, the default, keeps them, marked † and °. A corpus without any row in
    the table (nobody coded it) keeps all its labels, marked °."""
    policy = str(data.config["data"].get("failing", "mark"))
    if policy not in ("mark", "omit"):
        raise ValueError(f"[data] failing must be \"mark\" or \"omit\", not {policy!r}")
    if policy == "mark":
        return []
    marks = _validation(data, lex)[0] if marks is None else marks
    if all(m == "°" for m in marks.values()):
        return []
    return [lab for lab in lex.shown_labels() if marks.get(lab) in ("†", "°")]


def _left_out(data: Inputs, lex: Lexicon, spec: dict) -> list[str]:
    """What a figure leaves out: the configuration's ``exclude`` and the failing labels."""
    return [*spec.get("exclude", []), *_failing(data, lex)]


def _round(df: pd.DataFrame, cols, digits=4) -> pd.DataFrame:
    df = df.copy()
    for c in cols:
        df[c] = df[c].astype(float).round(digits)
    return df


# --- tables -----------------------------------------------------------------------------


def corpus_summary(corpus: pd.DataFrame) -> pd.DataFrame:
    """Articles, empty texts, repeated texts and date range per outlet.

    >>> corpus_summary(load_corpus("seed"))["articles"].tolist()
    [1]
    """
    g = corpus.groupby(["dataset", "outlet"], sort=True)
    out = pd.DataFrame({
        "articles": g.size(),
        "empty": g["is_empty"].sum(),
        "repeated_text": g["duplicate_of"].agg(lambda s: int(s.notna().sum())),
        "first_date": g["date"].min().dt.strftime("%Y-%m-%d"),
        "last_date": g["date"].max().dt.strftime("%Y-%m-%d"),
    })
    return out.reset_index()


def recipe(func):
    """Run a figure recipe in the house style (axes made by the recipe get its spines and grid)."""
    from functools import wraps

    @wraps(func)
    def run(*args, **kwargs):
        import matplotlib.pyplot as plt

        charts.register_fonts()
        with plt.rc_context(charts.house_style()):
            return func(*args, **kwargs)

    return run


# --- fig: attention over time ------------------------------------------------------------


def collection_gaps(dates: pd.Series, start, end, *, min_days: int = 3) -> list[pd.Timestamp]:
    """Days in runs of at least ``min_days`` consecutive days without any article (from any
    outlet) between ``start`` and ``end``: gaps in the collection, not silence.

    >>> d = pd.Series(pd.to_datetime(["2018-01-01", "2018-01-06"]))
    >>> [x.day for x in collection_gaps(d, "2018-01-01", "2018-01-06")]
    [2, 3, 4, 5]
    """
    days = pd.date_range(pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize(), freq="D")
    have = set(pd.to_datetime(dates).dt.normalize())
    out, run = [], []
    for day in list(days) + [None]:
        if day is not None and day not in have:
            run.append(day)
            continue
        if len(run) >= min_days:
            out.extend(run)
        run = []
    return out


def table_attention(data: Inputs, spec: dict) -> pd.DataFrame:
    """Articles per week (weeks start on Monday) by outlet, masked where there is no data.

    An outlet's coverage runs from its first to its last article in the (unfiltered) corpus,
    within the date window, less the collection's gaps (:func:`collection_gaps`: runs of
    ``gap_days`` days without any article). A week with fewer than ``min_days`` covered days
    is NaN (no data, not zero); a week covered on fewer than 7 days is scaled to 7
    (``covered_days``). ``measure="share"`` gives each outlet's topic articles as a share of
    all its articles that week (normalized attention; needs a topic filter).
    """
    measure = spec.get("measure", "count")
    if measure not in ("count", "share"):
        raise ValueError(f"figure {spec['name']!r}: measure must be 'count' or 'share'")
    if measure == "share" and not data.config["data"].get("filter"):
        raise FigureSkipped("measure = 'share' needs a topic filter ([data.filter]); without one every share is 1")
    allrows, rows = data.unfiltered, data.corpus
    if rows.empty or rows["date"].isna().all():
        raise FigureSkipped("no dated articles")
    allrows = allrows[allrows["date"].notna()]
    day = lambda s: s.dt.tz_convert("UTC").dt.tz_localize(None).dt.normalize()  # noqa: E731
    start_of = lambda s: s - pd.to_timedelta(s.dt.day_of_week, unit="D")  # noqa: E731
    all_days = day(allrows["date"])
    d = data.config["data"]
    lo = pd.Timestamp(d["start"]) if d.get("start") else all_days.min()
    hi = pd.Timestamp(d["end"]) - pd.Timedelta(days=1) if d.get("end") else all_days.max()
    # gaps inside the collection's span only: before its first and after its last article is not covered anyway
    gaps = set(collection_gaps(all_days, max(lo, all_days.min()), min(hi, all_days.max()),
                               min_days=int(spec.get("gap_days", 3))))
    min_days = int(spec.get("min_days", 4))
    weeks = pd.date_range(lo - pd.Timedelta(days=lo.weekday()), hi, freq="W-MON")
    topic_days = day(rows.loc[rows["date"].notna(), "date"])
    topic_outlets = rows.loc[rows["date"].notna(), "outlet"]
    out = []
    for outlet in sorted(allrows["outlet"].unique()):
        mine_all = all_days[allrows["outlet"] == outlet]
        first, last = max(mine_all.min(), lo), min(mine_all.max(), hi)
        n_topic = start_of(topic_days[topic_outlets == outlet]).value_counts()
        n_all = start_of(mine_all).value_counts()
        for w in weeks:
            days = [x for x in pd.date_range(w, w + pd.Timedelta(days=6)) if first <= x <= last and x not in gaps]
            covered = len(days)
            topic, total = int(n_topic.get(w, 0)), int(n_all.get(w, 0))
            if covered < min_days:
                value = float("nan")
            elif measure == "share":
                value = topic / total if total else float("nan")
            else:
                value = topic * 7 / covered
            out.append({"week_start": w.strftime("%Y-%m-%d"), "outlet": outlet, "articles": topic,
                        "all_articles": total, "covered_days": covered, "value": round(value, 4)})
    t = pd.DataFrame(out)
    t.attrs["gaps"] = sorted(gaps)
    return t


@recipe
def fig_attention(data: Inputs, spec: dict | None = None):
    """Attention over time: one line per outlet, gaps left blank, events marked."""
    spec = spec or _kit_spec("attention")
    t = data.cached(("table", spec["name"]), lambda: table_attention(data, spec))
    wide = t.pivot(index="week_start", columns="outlet", values="value")
    wide.index = pd.to_datetime(wide.index)
    events = {e["date"]: e["label"] for e in data.config.get("events", [])}
    fig = _figure(spec, height=2.6)
    ylabel = "share of the outlet's articles" if spec.get("measure") == "share" else "articles per week"
    ax = charts.timeline(wide, ax=fig.add_subplot(), ylabel=ylabel, events=events, legend="none")
    _top_legend(fig, ax)
    if spec.get("measure") == "share":
        from matplotlib.ticker import PercentFormatter

        ax.yaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    return fig


def _attention_caption(data: Inputs, spec: dict, table: pd.DataFrame) -> str:
    gaps = table.attrs.get("gaps", [])
    runs = []
    for x in gaps:
        if runs and (x - runs[-1][1]).days == 1:
            runs[-1][1] = x
        else:
            runs.append([x, x])
    partial = table[(table["covered_days"] >= int(spec.get("min_days", 4))) & (table["covered_days"] < 7)]
    s = ("Weeks start on Monday. A line is drawn only inside its outlet's coverage (first to last article in the "
         "corpus), so a missing stretch means no data, not silence.")
    if runs:
        s += (f" Runs of {spec.get('gap_days', 3)} or more days without an article from any outlet are gaps in the "
              "collection and count as not covered: " + ", ".join(
                  f"{a:%d %b}–{b:%d %b %Y}" if a != b else f"{a:%d %b %Y}" for a, b in runs) + ".")
    s += (f" Weeks covered on fewer than {spec.get('min_days', 4)} days are left blank; weeks covered on {spec.get('min_days', 4)}-6 days "
          f"({len(partial)} outlet-weeks) are scaled to seven days.")
    if spec.get("measure") == "share":
        s += " Values are each outlet's topic articles as a share of all its articles that week (normalized attention)."
    if data.config.get("events"):
        s += " Dashed lines: " + "; ".join(f"{e['label']} ({e['date']})" for e in data.config["events"]) + "."
    return s


# --- fig: naming choices of one referent as rates ------------------------------------------


def table_naming(data: Inputs, spec: dict) -> pd.DataFrame:
    """Rates per 1,000 words of one category's labels by outlet, with bootstrap intervals."""
    lex = data.lexicon(spec.get("lexicon"))
    cat = spec["category"]
    labels = _labels_of(lex, cat, _left_out(data, lex, spec))
    if not labels:
        raise FigureSkipped(f"lexicon {lex.source} has no labels of category {cat!r}")
    counts = data.counts(spec.get("lexicon"))
    rates = rates_by_group(data.joined(), lex, data.corpus["outlet"].astype(str).tolist(), n_boot=int(spec.get("n_boot", 1000)),
                           seed=int(spec.get("seed", 0)), counts=counts.reindex(columns=lex.labels, fill_value=0))
    rates = rates[rates["label"].isin(labels)].copy()
    rates["gloss"] = rates["label"].map(data.glosses(lex))
    return _round(rates, ["rate", "low", "high"]).reset_index(drop=True)


@recipe
def fig_naming(data: Inputs, spec: dict | None = None):
    """How each outlet names one referent (e.g. ISIS): rates per 1,000 words with intervals."""
    spec = spec or _kit_spec("naming")
    t = data.cached(("table", spec["name"]), lambda: table_naming(data, spec))
    lex = data.lexicon(spec.get("lexicon"))
    marks, _ = _validation(data, lex)
    t = t.assign(name=[_display(data, lex, lab, marks) for lab in t["label"]])
    n = t["label"].nunique() * max(1, t["group"].nunique())
    fig = _figure(spec, height=1.0 + 0.12 * n)
    ax = charts.rates_chart(t, ax=fig.add_subplot(), label_col="name", legend="none",
                            xlabel="mentions per 1,000 words (95% bootstrap interval over articles)")
    _top_legend(fig, ax)
    return fig


fig_isis_naming = fig_naming


# --- fig: naming choices as shares of all references, per group ------------------------------


def table_frames(data: Inputs, spec: dict) -> pd.DataFrame:
    """Per group (a lexicon category) and outlet: each label's share of all the group's
    matches, with percentile bootstrap intervals from resampling the outlet's articles."""
    lex = data.lexicon(spec.get("lexicon"))
    groups = spec.get("groups") or _categories(lex)
    missing = [g for g in groups if g not in set(lex.categories.values())]
    if missing:
        print(f"{spec['name']}: lexicon {lex.source} has no category {', '.join(missing)}; left out", file=sys.stderr)
    groups = [g for g in groups if g not in missing]
    if not groups:
        raise FigureSkipped(f"lexicon {lex.source} has none of the categories {spec.get('groups')}")
    counts = data.counts(spec.get("lexicon"))
    outlets = data.corpus["outlet"].astype(str).to_numpy()
    rng = np.random.default_rng(int(spec.get("seed", 0)))
    n_boot = int(spec.get("n_boot", 1000))
    glosses = data.glosses(lex)
    rows = []
    for g in groups:
        labels = _labels_of(lex, g, _left_out(data, lex, spec))
        c = counts[labels].to_numpy()
        for outlet in sorted(set(outlets)):
            sel = c[outlets == outlet]
            total = sel.sum()
            n = len(sel)
            boot = rng.integers(0, n, size=(n_boot, n))
            bc = sel[boot].sum(axis=1)  # (n_boot, labels)
            bt = bc.sum(axis=1, keepdims=True)
            with np.errstate(divide="ignore", invalid="ignore"):
                shares = np.where(bt > 0, bc / bt, np.nan)
            for k, lab in enumerate(labels):
                col = shares[:, k]
                low, high = (np.nanquantile(col, [0.025, 0.975]) if np.isfinite(col).any() else (np.nan, np.nan))
                rows.append({"group": g, "outlet": outlet, "label": lab, "gloss": glosses[lab],
                             "count": int(sel[:, k].sum()), "group_total": int(total), "articles": n,
                             "share": sel[:, k].sum() / total if total else np.nan, "low": low, "high": high})
    return _round(pd.DataFrame(rows), ["share", "low", "high"])


@recipe
def fig_frames(data: Inputs, spec: dict | None = None):
    """Naming choices as shares of all references to the referent, one panel per group."""
    spec = spec or _kit_spec("frames")
    t = data.cached(("table", spec["name"]), lambda: table_frames(data, spec))
    lex = data.lexicon(spec.get("lexicon"))
    marks, _ = _validation(data, lex)
    titles = spec.get("group_titles", {})
    groups = list(dict.fromkeys(t["group"]))
    sizes = [t.loc[t["group"] == g, "label"].nunique() for g in groups]
    n_outlets = t["outlet"].nunique()
    per_label = 0.1 + 0.045 * n_outlets
    fig = _figure(spec, height=0.55 + sum(0.32 + per_label * s for s in sizes))
    axes = fig.subplots(len(groups), 1, sharex=True, height_ratios=[0.32 + per_label * s for s in sizes], squeeze=False)[:, 0]
    for k, (g, ax) in enumerate(zip(groups, axes)):
        part = t[t["group"] == g].rename(columns={"outlet": "group", "group": "category"})
        part = part.assign(name=[_display(data, lex, lab, marks) for lab in part["label"]])
        charts.rates_chart(part, ax=ax, label_col="name", value_col="share", percent=True,
                           legend="none", xlabel="" if k < len(groups) - 1 else
                           "share of all references to the referent, by outlet\n(95% bootstrap interval over articles)")
        ax.set_xlim(-0.03, 1.0)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
        ax.set_title(titles.get(g, g.replace("_", " ")), loc="left", fontsize=8, fontweight="bold")
    _top_legend(fig, axes[0])
    return fig


fig_frame_heatmap = fig_frames


# --- fig: keyness -------------------------------------------------------------------------------


def table_keyness(data: Inputs, spec: dict) -> pd.DataFrame:
    """Keyness (signed G²) of one outlet against the others, over spelling-merged words with
    outlet boilerplate removed and "said" verbs as stop words, each word glossed."""
    target = spec.get("target")
    outlets = data.corpus["outlet"].astype(str)
    if target not in set(outlets):
        raise FigureSkipped(f"target outlet {target!r} is not in the corpus (outlets: {', '.join(sorted(set(outlets)))})")
    if outlets.nunique() < 2:
        raise FigureSkipped("keyness needs at least two outlets")
    texts = data.cached("clean_texts", lambda: clean_texts(data))
    k = keyness(texts, (outlets == target).to_numpy(), min_count=int(spec.get("min_count", 20)),
                extra_stopwords=SAID_VERBS + tuple(spec.get("extra_stopwords", [])))
    n = int(spec.get("n", 12))
    k = pd.concat([k.head(n), k.tail(n)]).drop_duplicates("feature")
    surf = _surface_map(data)
    glossary = _glossary(data)
    gl = [gloss_word(w, glossary) for w in k["feature"]]
    k.insert(1, "surface", [surf.get(w, w) for w in k["feature"]])
    k.insert(2, "gloss", [g for g, _ in gl])
    k.insert(3, "gloss_source", [s for _, s in gl])
    k = _round(k, ["g2", "log_ratio"], 3)
    k["p_value"] = k["p_value"].map(lambda p: float(f"{p:.3g}"))
    return k.reset_index(drop=True)


@recipe
def fig_keyness(data: Inputs, spec: dict | None = None):
    """Keyness: the words that most distinguish one outlet from the others, glossed."""
    spec = spec or _kit_spec("keyness")
    t = data.cached(("table", spec["name"]), lambda: table_keyness(data, spec))
    t = t.assign(feature=[charts.label_with_gloss(s, g) for s, g in zip(t["surface"], t["gloss"])])
    fig = _figure(spec, height=0.7 + 0.14 * len(t))
    charts.keyness_chart(t, n=len(t), ax=fig.add_subplot(), target=spec["target"], reference="the other outlets")
    return fig


# --- fig: co-occurrence network -------------------------------------------------------------------


def table_network(data: Inputs, spec: dict) -> pd.DataFrame:
    """The strongest same-sentence pairs among labels of the chosen categories (actors by default)."""
    lex = data.lexicon(spec.get("lexicon"))
    cats = spec.get("categories", ["actor"])
    keep = {lab for lab in lex.labels if lex.categories[lab] in cats} - set(_left_out(data, lex, spec))
    if not keep:
        raise FigureSkipped(f"lexicon {lex.source} has no labels of categories {cats}")
    table = data.cached(("cooc", lex.source), lambda: cooccurrence(data.joined(), lex))
    table = table[table["label_a"].isin(keep) & table["label_b"].isin(keep)]
    if table.empty:
        raise FigureSkipped("no two labels of those categories share a sentence")
    top = table.head(int(spec.get("top", 40))).copy()
    g = data.glosses(lex)
    top.insert(2, "gloss_a", top["label_a"].map(g))
    top.insert(3, "gloss_b", top["label_b"].map(g))
    return top.reset_index(drop=True)


@recipe
def fig_network(data: Inputs, spec: dict | None = None):
    """Who is mentioned with whom in one sentence: the strongest pairs, labels without overlap."""
    spec = spec or _kit_spec("network")
    t = data.cached(("table", spec["name"]), lambda: table_network(data, spec))
    lex = data.lexicon(spec.get("lexicon"))
    graph = cooccurrence_graph(t, lex)
    marks, _ = _validation(data, lex)
    glosses = data.glosses(lex)
    for node in graph.nodes:
        graph.nodes[node]["short"] = glosses[node].split(" (")[0].split(" / ")[0] + marks.get(node, "")
    fig = _figure(spec, height=float(spec.get("height", 5.0)))
    charts.network_chart(graph, ax=fig.add_subplot(), seed=int(spec.get("seed", 0)), label="short", fontsize=7)
    return fig


# --- fig: entities of one article, as written -----------------------------------------------------


def _document(data: Inputs, spec: dict) -> pd.DataFrame:
    src = spec.get("corpus")
    if src:
        if data.config.get("user_corpus"):
            raise FigureSkipped(f"it shows an article of corpus {src!r}, and --corpus replaced the configuration's corpus")
        rows = data.cached(("corpus", src), lambda: load_corpus(src))
    else:
        rows = data.corpus
    doc = spec.get("doc_id")
    if doc is not None:
        rows = rows[rows["doc_id"].astype(str) == str(doc)]
    if rows.empty:
        raise FigureSkipped(f"document {doc!r} not found")
    return rows.iloc[[0]]


def table_document(data: Inputs, spec: dict) -> pd.DataFrame:
    """Entity mentions in one article (title and text) with the surface forms it uses."""
    lex = data.lexicon(spec.get("lexicon"))
    doc = _document(data, spec)
    found = pd.concat([find_terms(str(doc.iloc[0][f] or ""), lex) for f in data.fields if f in doc.columns],
                      ignore_index=True)
    found = found[found["category"] != "blocker"]
    if found.empty:
        raise FigureSkipped("no lexicon matches in the article")
    glosses = data.glosses(lex)
    rows = []
    for lab, part in found.groupby("label", sort=True):
        forms = part["surface"].value_counts()
        forms = forms.sort_index().sort_values(ascending=False, kind="stable")
        rows.append({"label": lab, "gloss": glosses[lab], "category": lex.categories[lab], "mentions": len(part),
                     "surface_forms": "; ".join(f"{f} ({n})" for f, n in forms.items())})
    out = pd.DataFrame(rows)
    return out.sort_values(["mentions", "label"], ascending=[False, True], kind="stable").reset_index(drop=True)


@recipe
def fig_document(data: Inputs, spec: dict | None = None):
    """Entity mentions in one article, labelled with the words the article uses."""
    spec = spec or _kit_spec("document")
    t = data.cached(("table", spec["name"]), lambda: table_document(data, spec))
    t = t.head(int(spec.get("top", 25)))
    lex = data.lexicon(spec.get("lexicon"))
    marks, _ = _validation(data, lex)

    def name(row):
        forms = [f.rsplit(" (", 1)[0] for f in row.surface_forms.split("; ")]
        shown = "، ".join(forms[:2])  # the two most frequent; the CSV lists them all
        return charts.label_with_gloss(shown, row.gloss.split(" (")[0] + marks.get(row.label, ""))

    values = pd.Series(t["mentions"].values, index=[name(r) for r in t.itertuples()])
    colours = [charts.CATEGORY_COLOURS.get(c, charts.PALETTE[0]) for c in t["category"]]
    fig = _figure(spec, height=0.6 + 0.16 * len(t))
    ax = charts.bar_chart(values, ax=fig.add_subplot(), colors=colours, xlabel="mentions (title and text)")
    ax.legend(handles=[charts._legend_dot(c, k) for k, c in charts.CATEGORY_COLOURS.items() if k in set(t["category"])],
              frameon=False, loc="lower right", fontsize=8)
    return fig


fig_seed_entities = fig_document


# --- fig: word cloud ----------------------------------------------------------------------------------


def table_wordcloud(data: Inputs, spec: dict) -> pd.DataFrame:
    """The most frequent words (stop words and "said" verbs removed, spellings merged,
    boilerplate removed), each with its most frequent surface spelling and a gloss."""
    texts = data.cached("clean_texts", lambda: clean_texts(data))
    f = frequencies(texts, top=int(spec.get("max_words", 80)),
                    extra_stopwords=SAID_VERBS + tuple(spec.get("extra_stopwords", [])))
    surf = _surface_map(data)
    glossary = _glossary(data)
    f.insert(1, "surface", [surf.get(w, w) for w in f["feature"]])
    f.insert(2, "gloss", [gloss_word(w, glossary)[0] for w in f["feature"]])
    return f.reset_index(drop=True)


@recipe
def fig_wordcloud(data: Inputs, spec: dict | None = None):
    """Word cloud of the most frequent words, in their usual spelling, drawn at 300 ppi."""
    spec = spec or _kit_spec("wordcloud")
    t = data.cached(("table", spec["name"]), lambda: table_wordcloud(data, spec))
    width = WIDTHS[spec.get("width", "double")]
    height = float(spec.get("height", width * 0.5))
    fig = _figure(spec, height=height)
    fig.set_layout_engine("none")  # the picture fills the figure
    ax = fig.add_axes((0, 0, 1, 1))
    charts.word_cloud(t.set_index("surface")["count"], ax=ax, seed=int(spec.get("seed", 0)),
                      width=int(width * 100), height=int(height * 100), scale=DPI / 100)
    return fig


KINDS = {
    "attention": (table_attention, fig_attention),
    "naming": (table_naming, fig_naming),
    "frames": (table_frames, fig_frames),
    "keyness": (table_keyness, fig_keyness),
    "network": (table_network, fig_network),
    "document": (table_document, fig_document),
    "wordcloud": (table_wordcloud, fig_wordcloud),
}


def _kit_spec(kind: str) -> dict:
    for spec in load_config()["figure"]:
        if spec["kind"] == kind:
            return spec
    raise KeyError(kind)


def _figure(spec: dict, height: float):
    """A figure at journal width (3.5 or 7.0 in) in the house style."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    charts.register_fonts()
    width = WIDTHS[spec.get("width", "double")]
    fig = Figure(figsize=(width, round(height, 2)), layout="constrained")
    FigureCanvasAgg(fig)
    fig.get_layout_engine().set(w_pad=0.02, h_pad=0.02)
    return fig


# --- writing ---------------------------------------------------------------------------------------


def save_figure(fig, base: Path, *, title: str = "", formats=("pdf", "svg", "png")) -> list[Path]:
    """Save a figure at its exact size, 300 ppi, without timestamps or random ids, with a Title."""
    import matplotlib.pyplot as plt

    metadata = {
        "svg": {"Date": None, "Creator": "Itar", "Title": title},
        "pdf": {"CreationDate": None, "ModDate": None, "Creator": "Itar", "Producer": "Itar", "Title": title},
        "png": {"Software": "Itar", "Title": title},
    }
    paths = []
    with plt.rc_context(charts.house_style() | {"svg.hashsalt": "itar", "savefig.bbox": "standard"}):
        for fmt in formats:
            path = base.with_suffix(f".{fmt}")
            fig.savefig(path, format=fmt, metadata=metadata[fmt], dpi=DPI)
            if fmt == "svg":
                path.write_text(stable_svg_ids(path.read_text(encoding="utf-8")), encoding="utf-8")
            paths.append(path)
    return paths


_SVG_CLIP_ID = re.compile(r"\bp[0-9a-f]{10}\b")


def stable_svg_ids(svg: str) -> str:
    """Renumber matplotlib's clip-path ids (``p`` + 10 hex digits, hashed from object addresses
    for path clips, so a second figure in the same process can get other ids) in order of first
    appearance: the same drawing gives the same bytes.

    >>> stable_svg_ids('<clipPath id="p6d7d0540c9"/><g clip-path="url(#p6d7d0540c9)"/><g clip-path="url(#p0123456789)"/>')
    '<clipPath id="clip1"/><g clip-path="url(#clip1)"/><g clip-path="url(#clip2)"/>'
    """
    names: dict[str, str] = {}
    return _SVG_CLIP_ID.sub(lambda m: names.setdefault(m[0], f"clip{len(names) + 1}"), svg)


def _write_csv(df: pd.DataFrame, path: Path) -> None:
    path.write_bytes(df.to_csv(index=False, lineterminator="\n", float_format="%.6g").encode("utf-8"))


def _data_lines(data: Inputs, spec: dict) -> list[str]:
    d = data.config["data"]
    reg = registry()
    name = data.corpus_name
    if name in reg.index:
        version = f"{reg.loc[name, 'origin'].rsplit('/', 2)[-2:][0]}/{reg.loc[name, 'origin'].rsplit('/', 1)[-1]} @ {reg.loc[name, 'commit']}"
    elif name == "seed":
        version = "shipped with the kit (corpus/seed/)"
    else:
        src = Path(str(d["corpus_source"]))
        version = f"file {src.name}, SHA-256 {_sha256(src)}" if src.is_file() else f"folder {src.name}"
    lines = [f"- Data: corpus `{name}` ({version}); " + "; ".join(data.steps) + "."]
    if spec["kind"] == "document" and spec.get("corpus"):
        doc = _document(data, spec).iloc[0]
        origin = "shipped with the kit (corpus/seed/)" if spec["corpus"] == "seed" else str(spec["corpus"])
        lines = [f"- Data: corpus `{spec['corpus']}` ({origin}); one article, doc_id {doc['doc_id']}."]
    lines.append(f"- Deduplication: {'empty and repeated texts dropped (first copy kept)' if d.get('deduplicate', True) else 'none'}.")
    lines.append(f"- Counting unit: {' + '.join(data.fields)} (a match never spans two fields).")
    if d.get("filter") and spec["kind"] != "document":
        f = d["filter"]
        lines.append(f"- Filter: articles with at least {f.get('min_hits', 1)} match(es) of "
                     f"{', '.join(f.get('labels', [])) or 'any label'} in `{_kit_relative(f['lexicon'])}` "
                     f"(SHA-256 {_sha256(f['lexicon'])}).")
    return lines


def _caption(data: Inputs, spec: dict, table: pd.DataFrame, number: int) -> str:
    kind = spec["kind"]
    text = spec.get("caption", "").strip()
    extra = ""
    lex_line = ""
    if kind == "attention":
        extra = _attention_caption(data, spec, table)
    elif kind == "naming":
        extra = ("Dots: mentions per 1,000 words (all the outlet's matches over all its words); bars: 95% percentile "
                 "bootstrap intervals, resampling articles (seeded). Labels give the English gloss and the lexicon's Arabic term.")
    elif kind == "frames":
        extra = ("Each panel is one referent (a lexicon category); a dot is the share of one naming choice among all the "
                 "outlet's references to that referent, with a 95% percentile bootstrap interval over articles (seeded). "
                 "Shares are comparable within a panel, not across panels.")
        if spec.get("exclude"):
            extra += f" Left out by the figure configuration: {', '.join(spec['exclude'])}."
    elif kind == "keyness":
        bp = _boilerplate(data)
        extra = (f"Signed log-likelihood G² (Rayson & Garside 2000) of {spec['target']} against the other outlets; words "
                 f"with at least {spec.get('min_count', 20)} occurrences. Spelling variants are merged "
                 f"({_kit_relative(data.config['data'].get('spellings', '')) or 'none'}), {len(bp)} outlet boilerplate phrases "
                 f"({_kit_relative(data.config['data'].get('boilerplate', '')) or 'none'}) removed, and stop words plus "
                 "\"said\" verbs left out. Each word is shown in its most frequent spelling with an English gloss; "
                 "glosses in [brackets] are transliterations of words the glossary lacks.")
    elif kind == "network":
        extra = (f"Nodes: labels of categories {', '.join(spec.get('categories', ['actor']))}; an edge joins two labels "
                 f"mentioned in the same sentence (width: number of sentences; the {len(table)} strongest pairs); node size: "
                 "weighted degree. Layout: spring layout, fixed seed.")
    elif kind == "document":
        extra = ("Bars count the lexicon's matches in the title and text; each label shows the words the article actually "
                 "uses (the two most frequent; the CSV lists all).")
    elif kind == "wordcloud":
        extra = ("Size is frequency; position and colour carry no meaning. Stop words, \"said\" verbs and outlet boilerplate are "
                 "removed, spelling variants merged, and each word is drawn in its most frequent spelling. Drawn at 300 ppi.")
    if kind in ("naming", "frames", "network", "document"):
        lex = data.lexicon(spec.get("lexicon"))
        path = data.lexicon_path(lex)
        lex_line = f"- Lexicon: `{_kit_relative(path)}` (SHA-256 {_sha256(path)})."
        _, note = _validation(data, lex, omits=kind != "document")   # the document figure shows every match
        extra += " " + note
        over = {k: v for k, v in data.config.get("glosses", {}).items() if k in lex.labels}
        if over:
            extra += " Glosses replaced by the figure configuration: " + "; ".join(f"{k} → {v}" for k, v in sorted(over.items())) + "."
    if kind in ("keyness", "wordcloud") and data.config["data"].get("glossary"):
        g = data.config["data"]["glossary"]
        lex_line = f"- Glossary: `{_kit_relative(g)}` (SHA-256 {_sha256(g)})."
    title = spec.get("title", spec["name"])
    out = [f"## Figure {number}. {title}", "", f"**{title}.** {text} {extra}".replace("  ", " ").strip(), "",
           f"- Files: `{spec['name']}.pdf`, `{spec['name']}.svg`, `{spec['name']}.png` "
           f"({WIDTHS[spec.get('width', 'double')]} in wide); numbers: `{spec['name']}.csv`.",
           *_data_lines(data, spec)]
    if lex_line:
        out.append(lex_line)
    return "\n".join(out) + "\n"


def render(data: Inputs, spec: dict):
    """One figure of a configuration, finished for print: ``(table, Figure)``; raises
    :class:`FigureSkipped` when it cannot be drawn for this corpus or lexicon."""
    table_recipe, fig_recipe = KINDS[spec["kind"]]
    table = data.cached(("table", spec["name"]), lambda: table_recipe(data, spec))
    fig = fig_recipe(data, spec)
    charts.fit_for_print(fig, minimum=MIN_POINTS)
    return table, fig


def make_figures(out: str | Path = "figures", *, config: str | Path | None = None, corpus: str | None = None,
                 lexicons: list[str] | None = None, only: list[str] | None = None) -> list[Path]:
    """Regenerate every figure of a configuration (the kit's by default) into ``out``, with
    its CSV, ``CAPTIONS.md``, ``tables/corpus_summary.csv`` and ``MANIFEST.sha256``; return the
    files written. Figures that cannot be drawn are skipped with a message on stderr. Everything
    is written to a temporary folder first and moved into ``out`` only when complete."""
    import os
    import shutil
    import tempfile

    import matplotlib

    matplotlib.use("Agg")
    final = Path(out)
    cfg = load_config(config, corpus=corpus, lexicons=lexicons)
    data = load_inputs(cfg)
    final.mkdir(parents=True, exist_ok=True)
    out = Path(tempfile.mkdtemp(prefix=".figures-", dir=final))
    try:
        written = _write_all(cfg, data, out, only)
        moved = []
        for f in written:
            target = final / f.relative_to(out)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(f, target)
            moved.append(target)
        return moved
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _write_all(cfg: dict, data: Inputs, out: Path, only) -> list[Path]:
    (out / "tables").mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    path = out / "tables" / "corpus_summary.csv"
    _write_csv(data.cache["corpus_summary"], path)
    written.append(path)
    captions = [f"# {cfg.get('title', 'Figures')}: captions and data", "",
                "Regenerate with `python -m helpers figures --config "
                f"{_kit_relative(cfg['path'])} --out DIR` (Itar). Every figure's numbers are in the CSV of the same name.", ""]
    skipped = []
    number = 0
    for spec in cfg["figure"]:
        if only and spec["name"] not in only:
            continue
        try:
            table, fig = render(data, spec)
        except FigureSkipped as exc:
            print(f"skipped {spec['name']}: {exc}", file=sys.stderr)
            skipped.append(f"- `{spec['name']}` ({spec['kind']}): {exc}")
            continue
        number += 1
        written.extend(save_figure(fig, out / spec["name"], title=spec.get("title", spec["name"])))
        csv = out / f"{spec['name']}.csv"
        _write_csv(table, csv)
        written.append(csv)
        captions.append(_caption(data, spec, table, number))
    if skipped:
        captions += ["## Skipped", "", *skipped, ""]
    cap = out / "CAPTIONS.md"
    cap.write_text("\n".join(captions), encoding="utf-8")
    written.append(cap)
    written.append(write_manifest(out, written))
    return written


def write_manifest(out: Path, files: list[Path]) -> Path:
    """Write ``MANIFEST.sha256``: ``<sha256>  <path>`` per file, sorted by path."""
    lines = []
    for f in sorted(files, key=lambda p: p.relative_to(out).as_posix()):
        digest = hashlib.sha256(f.read_bytes()).hexdigest()
        lines.append(f"{digest}  {f.relative_to(out).as_posix()}\n")
    manifest = out / "MANIFEST.sha256"
    manifest.write_text("".join(lines), encoding="utf-8")
    return manifest
