"""Interactive exploration in JupyterLab: a KWIC browser and a rates explorer (ipywidgets).

This module owns the two widgets a student uses instead of retyping a cell with another
term or outlet. It computes nothing of its own: the KWIC lines come from
:func:`helpers.analysis.kwic`, the rates from :func:`helpers.analysis.rates_by_group`, the
chart from :func:`helpers.charts.rates_chart`, and the tables are drawn by
:mod:`helpers.display` (right to left).

* :func:`kwic_browser`: a lexicon label or a pattern, an outlet, a sort order (by the word
  before or after the match); the lines read right to left;
* :func:`rates_explorer`: a group of labels (a lexicon category) by outlet: rates per 1,000
  words with bootstrap intervals, as a chart and a table.

Each widget also works without a browser: set its controls' ``value`` in Python and read
``.table`` (the lines or rates shown) and ``.view`` (the HTML shown). Saved in a notebook,
a widget's output also carries a static HTML copy of its first view (``text/html``), so a
notebook viewer without a running kernel still shows a table.

Example:
    >>> from helpers import load_corpus
    >>> browser = kwic_browser(load_corpus("seed"), "corpus/lexicons/entities.csv")
    >>> browser.label.value = "isis"
    >>> sorted(set(browser.table["label"]))
    ['isis']
"""
from __future__ import annotations

import base64
import html
import io

import ipywidgets as widgets
import pandas as pd

from .analysis import DEFAULT_FIELDS, kwic, rates_by_group, sort_kwic
from .charts import rates_chart
from .display import kwic_view, table_view
from .lexicon import as_lexicon

__all__ = ["kwic_browser", "rates_explorer", "KwicBrowser", "RatesExplorer"]

ALL = "(all)"
#: The KWIC browser's sort buttons and the ``sort`` value each stands for.
SORTS = {"corpus order": None, "word before": "before", "word after": "after"}


def _groups_by_doc(corpus, groups) -> pd.Series | None:
    """The group (e.g. the outlet) of each document, indexed by doc_id; None without groups."""
    if groups is None or not isinstance(corpus, pd.DataFrame):
        return None
    if groups not in corpus.columns:
        raise ValueError(f"groups={groups!r} is not a column of the corpus (columns: {list(corpus.columns)})")
    ids = corpus["doc_id"] if "doc_id" in corpus.columns else corpus.index.to_series()
    by_doc = pd.Series(corpus[groups].astype(str).to_numpy(), index=ids.to_numpy())
    return by_doc[~by_doc.index.duplicated()]


class _StaticCopy:
    """Adds a static HTML copy of the widget's current view to its display (for saved notebooks)."""

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/html"] = (f'<div class="itar-widget-static"><p style="font-size:85%;color:#555">'
                               f'{html.escape(self.caption())} (a static copy: run the notebook to use '
                               f'the controls)</p>{self.view}</div>')
        return bundle


class KwicBrowser(_StaticCopy, widgets.VBox):
    """The widget made by :func:`kwic_browser`. Controls: ``label``, ``pattern``, ``group``,
    ``sort``; results: ``table`` (the KWIC lines selected) and ``view`` (the HTML shown)."""

    def __init__(self, corpus, lexicon, *, groups: str | None = "outlet", window: int = 8,
                 max_rows: int = 25, fields=DEFAULT_FIELDS):
        self.corpus, self.window, self.max_rows, self.fields = corpus, window, max_rows, fields
        self.lexicon = as_lexicon(lexicon)
        has_groups = isinstance(corpus, pd.DataFrame) and groups in getattr(corpus, "columns", [])
        self.group_name = groups if has_groups else "group"
        self._by_doc = _groups_by_doc(corpus, groups) if has_groups else None
        self._lines = {"": self._find(self.lexicon)}  # every label of the lexicon, found once
        labels = self.lexicon.labels
        self.label = widgets.Dropdown(options=[(_label_name(self.lexicon, lab), lab) for lab in labels],
                                      value=labels[0], description="label")
        self.pattern = widgets.Text(value="", placeholder="or a pattern: تحرير*", description="pattern",
                                    continuous_update=False)
        outlets = sorted(self._by_doc.unique()) if self._by_doc is not None else []
        self.group = widgets.Dropdown(options=[ALL, *outlets], value=ALL, description=self.group_name,
                                      disabled=self._by_doc is None)
        self.sort = widgets.ToggleButtons(options=list(SORTS), value="corpus order", description="sort by")
        self.summary = widgets.HTML()
        self.output = widgets.HTML()
        for control in (self.label, self.pattern, self.group, self.sort):
            control.observe(self._refresh, names="value")
        super().__init__([widgets.HBox([self.label, self.pattern]), widgets.HBox([self.group, self.sort]),
                          self.summary, self.output])
        self._refresh()

    def _find(self, lexicon) -> pd.DataFrame:
        lines = kwic(self.corpus, lexicon, window=self.window, fields=self.fields)
        if self._by_doc is not None:
            lines.insert(1, self.group_name, lines["doc_id"].map(self._by_doc))
        return lines

    def caption(self) -> str:
        pattern = self.pattern.value.strip()
        what = f"pattern {pattern}" if pattern else f"label {self.label.value}"
        return (f"KWIC of {what}; {self.group_name}: {self.group.value}; sorted by {self.sort.value}; "
                f"{len(self.table):,} lines")

    def _refresh(self, change=None) -> None:
        pattern = self.pattern.value.strip()
        if pattern and pattern not in self._lines:
            self._lines[pattern] = self._find(pattern)
        lines = self._lines[pattern]
        if not pattern:
            lines = lines[lines["label"] == self.label.value]
        self.label.disabled = bool(pattern)  # a pattern, when given, replaces the label
        if self.group.value != ALL:
            lines = lines[lines[self.group_name] == self.group.value]
        self.table = sort_kwic(lines.reset_index(drop=True), SORTS[self.sort.value])
        self.view = kwic_view(self.table.drop(columns=["start", "end"]), max_rows=self.max_rows).html
        self.summary.value = f'<p style="margin:.2em 0">{html.escape(self.caption())}</p>'
        self.output.value = self.view


def _label_name(lexicon, label: str) -> str:
    gloss = lexicon.glosses.get(label, "")
    return f"{label} · {gloss}" if gloss else label


def kwic_browser(corpus, lexicon, *, groups: str | None = "outlet", window: int = 8, max_rows: int = 25,
                 fields=DEFAULT_FIELDS) -> KwicBrowser:
    """A KWIC browser: pick a lexicon label (or type a pattern), an outlet and a sort order.

    The lines read right to left (:func:`helpers.show_kwic`): the words before the match on
    the right. ``sort by`` orders them by the word just before or just after the match
    (AntConc's sort), which groups the ways a word is used. ``groups`` names the corpus column
    to filter by (the outlet); at most ``max_rows`` lines are shown. All matches of the lexicon
    are found once, when the browser is made; a typed pattern is searched when entered.

    >>> from helpers import load_corpus
    >>> b = kwic_browser(load_corpus("seed"), "corpus/lexicons/frames.csv", window=3)
    >>> b.pattern.value = "تحرير"
    >>> b.sort.value = "word after"
    >>> b.table[["before", "match", "after"]].iloc[0].tolist()
    ['السوري حيث تم', 'تحرير', 'البوكمال نتّجه نحو']
    """
    return KwicBrowser(corpus, lexicon, groups=groups, window=window, max_rows=max_rows, fields=fields)


# --- rates ----------------------------------------------------------------------------------


class RatesExplorer(_StaticCopy, widgets.VBox):
    """The widget made by :func:`rates_explorer`. Controls: ``category`` (a group of labels)
    and ``groups`` (the outlets shown); results: ``table`` (rows of :func:`rates_by_group`),
    ``view`` (the HTML table) and ``chart`` (an image widget with :func:`rates_chart`)."""

    def __init__(self, corpus, lexicon, groups="outlet", *, per: int = 1000, n_boot: int = 1000, seed: int = 0):
        self.lexicon = as_lexicon(lexicon)
        self.per = per
        self.rates = rates_by_group(corpus, self.lexicon, groups, per=per, n_boot=n_boot, seed=seed)
        self.group_name = groups if isinstance(groups, str) else "group"
        categories = list(dict.fromkeys(self.lexicon.categories[lab] for lab in self.lexicon.labels))
        self.category = widgets.Dropdown(options=[*categories, ALL], value=categories[0], description="labels")
        names = sorted(self.rates["group"].unique())
        self.groups = widgets.SelectMultiple(options=names, value=tuple(names), description=self.group_name,
                                             rows=min(6, max(2, len(names))))
        self.summary = widgets.HTML()
        self.chart = widgets.Image(format="png")
        self.output = widgets.HTML()
        for control in (self.category, self.groups):
            control.observe(self._refresh, names="value")
        super().__init__([widgets.HBox([self.category, self.groups]), self.summary, self.chart, self.output])
        self._refresh()

    def caption(self) -> str:
        return (f"Rates per {self.per:,} words of the labels in {self.category.value}, by {self.group_name}: "
                f"{', '.join(self.groups.value) or 'none chosen'}")

    def _refresh(self, change=None) -> None:
        rates = self.rates[self.rates["group"].isin(self.groups.value)]
        if self.category.value != ALL:
            rates = rates[rates["category"] == self.category.value]
        self.table = rates.reset_index(drop=True)
        wide = self.table.assign(
            cell=[f"{r:.2f} [{lo:.2f}, {hi:.2f}]" for r, lo, hi in self.table[["rate", "low", "high"]].to_numpy()])
        wide = wide.pivot(index=["label", "gloss"], columns="group", values="cell").reset_index()
        wide.columns.name = None
        self.view = table_view(wide, max_rows=None).html
        self.summary.value = f'<p style="margin:.2em 0">{html.escape(self.caption())}</p>'
        self.output.value = self.view
        self.chart.value = _png(self.table) if len(self.table) else b""


def _png(rates: pd.DataFrame) -> bytes:
    """The rates chart as PNG bytes, drawn off-screen (the notebook shows it in the widget only)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    n = rates["label"].nunique()
    fig = Figure(figsize=(7.5, max(2.5, 0.45 * n * max(1, rates["group"].nunique()) ** 0.5 + 1)))
    FigureCanvasAgg(fig)
    rates_chart(rates, ax=fig.add_subplot())
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


def rates_explorer(corpus, lexicon, groups="outlet", *, per: int = 1000, n_boot: int = 1000,
                   seed: int = 0) -> RatesExplorer:
    """A rates explorer: choose a group of labels (a lexicon category, or all) and the outlets
    to compare; see their rates per ``per`` words with bootstrap intervals, as a chart and a
    table (``rate [low, high]``). Rates are computed once, by :func:`rates_by_group` (same
    ``n_boot`` and ``seed``: the same numbers as in the lessons).

    >>> from helpers import load_corpus
    >>> seed = load_corpus("seed").assign(outlet=["Seed"])
    >>> r = rates_explorer(seed, "corpus/lexicons/frames.csv", n_boot=10)
    >>> r.category.value = "outcome"
    >>> sorted(set(r.table["category"]))
    ['outcome']
    """
    return RatesExplorer(corpus, lexicon, groups, per=per, n_boot=n_boot, seed=seed)
