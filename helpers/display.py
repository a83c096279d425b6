"""Showing Arabic in notebooks: right-to-left paragraphs, tables and KWIC lines.

This module owns how text and finished tables look in Jupyter. It sits beside
:mod:`helpers.charts` and, like it, never computes anything: it shows tables made by
:mod:`helpers.analysis` and :mod:`helpers.lexicon`.

Why not ``print()``? A notebook prints in a left-to-right monospace block: Arabic letters
are stretched, and sentence-final punctuation lands on the wrong side. Why not a plain
DataFrame? Its cells are left-to-right, so a KWIC row reads backwards for an Arabic reader
and a wildcard pattern such as ``حرر*`` shows its star at the start of the word.

* :func:`show` displays text as right-to-left HTML paragraphs (it replaces ``print()``);
* :func:`show_table` displays a DataFrame with its Arabic columns right to left, each cell
  isolated with ``<bdi>`` so that punctuation and wildcards stay with their words;
* :func:`show_kwic` displays KWIC lines that read right to left: the words before the match
  on the right, the match, the words after it on the left;
* :func:`show_figure` shows a figure made without pyplot (the paper figures) as a picture;
* :func:`isolate` keeps a trailing ``*`` at the end of an Arabic pattern, as HTML (for
  Markdown and HTML) or as plain text with Unicode isolates (for DataFrames and CSV files).

The ``show_*`` functions display at once (several per cell, like ``print``) and return
nothing. :func:`text_view`, :func:`table_view` and :func:`kwic_view` return the same
display as an :class:`HTMLView` instead (for widgets, files and tests). Outside Jupyter,
a view is plain text, so ``show`` prints readable text in a terminal or a doctest.

Example:
    >>> show("دخل الجيش البوكمال.", title="Al-Bukamal")
    Al-Bukamal
    دخل الجيش البوكمال.
    >>> text_view("دخل الجيش.").html.count('dir="rtl"')
    1
"""
from __future__ import annotations

import html
import unicodedata

import pandas as pd

__all__ = [
    "ARABIC_FONTS", "HTMLView", "show", "show_table", "show_kwic", "isolate",
    "text_view", "table_view", "kwic_view", "text_direction",
]

#: Fonts for Arabic prose, best first: Naskh faces made for reading, then common system fonts
#: (single-quoted: the stack goes inside double-quoted HTML attributes).
ARABIC_FONTS = ("'Noto Naskh Arabic', 'Amiri', 'Scheherazade New', 'Noto Sans Arabic', 'Geeza Pro', "
                "'Traditional Arabic', 'Segoe UI', Arial, 'DejaVu Sans', sans-serif")

# Unicode directional isolates (Unicode Bidirectional Algorithm, UAX #9, section 2.7).
LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"

#: KWIC column headings, in Arabic and English: what each column holds.
KWIC_HEADINGS = {
    "before": "ما قبل الكلمة · before",
    "match": "الكلمة · match",
    "after": "ما بعدها · after",
}

_TEXT_STYLE = f"font-family:{ARABIC_FONTS};font-size:115%;line-height:1.9"
_PAD = "padding:.2em .6em"  # table cells: notebook and widget styles differ, so each cell says it


class HTMLView:
    """A display for Jupyter: ``html`` for the notebook, ``text`` for everywhere else.

    >>> v = HTMLView("<b>داعش</b>", "داعش")
    >>> v._repr_html_(), str(v)
    ('<b>داعش</b>', 'داعش')
    """

    def __init__(self, html: str, text: str):
        self.html = html
        self.text = text

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def _repr_pretty_(self, p, cycle) -> None:
        p.text(self.text)


def _display(view: HTMLView) -> None:
    """Display a view in Jupyter; outside IPython, print its plain text."""
    try:
        from IPython.display import display
    except ImportError:  # IPython is not installed: a plain terminal
        print(view.text)
        return
    display(view)  # without a running IPython shell this prints str(view), the plain text


def show_figure(fig, *, dpi: int = 100) -> None:
    """Show a matplotlib Figure as a picture in Jupyter, also one made without pyplot.

    The paper-figure recipes (:mod:`helpers.figures`) build ``Figure`` objects directly, and
    Jupyter shows those only as ``<Figure size ...>``: this draws the figure to PNG and
    displays it. Outside Jupyter it prints the figure's size.

    >>> from matplotlib.figure import Figure
    >>> show_figure(Figure(figsize=(2, 1)))
    <Figure 2.0 x 1.0 in>
    """
    import io

    width, height = fig.get_size_inches()
    text = f"<Figure {width:.1f} x {height:.1f} in>"
    try:
        from IPython import get_ipython
        from IPython.display import Image, display
    except ImportError:  # IPython is not installed: a plain terminal
        print(text)
        return
    if get_ipython() is None:
        print(text)
        return
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    display(Image(data=buffer.getvalue(), format="png"))


def text_direction(text: str, default: str = "rtl") -> str:
    """``"rtl"`` or ``"ltr"``: the direction of the first letter with a strong direction
    (Arabic or Hebrew: rtl; Latin and others: ltr), as a browser's ``dir="auto"`` decides.

    >>> text_direction("حرر*"), text_direction("F-16 في سوريا"), text_direction("2018")
    ('rtl', 'ltr', 'rtl')
    """
    for ch in str(text):
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return default


def _has_rtl(text) -> bool:
    return isinstance(text, str) and any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def isolate(pattern, *, form: str = "html"):
    """Keep a pattern's trailing ``*`` (and any punctuation) at the end of its word.

    ``form="html"`` gives ``<bdi dir="rtl">…</bdi>`` (escaped), for HTML and Markdown.
    ``form="text"`` wraps the pattern in Unicode isolates (RLI … PDI, or LRI … PDI for a
    Latin pattern), for DataFrames, CSV files and plain text: the star then shows at the
    left end of an Arabic word, where the word ends. A list or Series gives one value per
    pattern (a Series keeps its index); missing values stay missing.

    >>> isolate("حرر*")
    '<bdi dir="rtl">حرر*</bdi>'
    >>> isolate("حرر*", form="text") == "\\u2067حرر*\\u2069"
    True
    >>> isolate(["F-16*"], form="text") == ["\\u2066F-16*\\u2069"]
    True
    """
    if form not in ("html", "text"):
        raise ValueError(f"isolate: form must be 'html' or 'text', not {form!r}")
    if isinstance(pattern, pd.Series):
        return pattern.map(lambda p: isolate(p, form=form), na_action="ignore")
    if isinstance(pattern, (list, tuple)):
        return [isolate(p, form=form) for p in pattern]
    if pattern is None or (not isinstance(pattern, str) and pd.isna(pattern)):
        return pattern
    pattern = str(pattern)
    direction = text_direction(pattern)
    if form == "text":
        return (RLI if direction == "rtl" else LRI) + pattern + PDI
    return f'<bdi dir="{direction}">{html.escape(pattern)}</bdi>'


# --- text -----------------------------------------------------------------------------------


def _paragraphs(text) -> list[str]:
    if text is None:
        return []
    if isinstance(text, str):
        parts = text.replace("\r\n", "\n").split("\n\n")
    else:  # a list or Series of texts: one paragraph each
        parts = ["" if t is None or (not isinstance(t, str) and pd.isna(t)) else str(t) for t in text]
    return [p.strip("\n") for p in parts if p.strip()]


def text_view(text, *, title: str | None = None) -> HTMLView:
    """The display :func:`show` shows, as an :class:`HTMLView`.

    Each paragraph (separated by a blank line; or each item of a list) is a ``<p>`` whose
    direction is that of its first letter (Arabic: ``dir="rtl"``), escaped, with single
    line breaks kept.

    >>> v = text_view("الجيش <هنا>\\n\\nEnglish")
    >>> '<p dir="rtl" lang="ar"' in v.html, "&lt;هنا&gt;" in v.html, '<p dir="ltr"' in v.html
    (True, True, True)
    """
    paragraphs = _paragraphs(text)
    out = []
    if title:
        d = text_direction(title, default="ltr")
        out.append(f'<h4 dir="{d}" style="margin:.2em 0">{html.escape(str(title))}</h4>')
    for p in paragraphs:
        d = text_direction(p)
        lang = ' lang="ar"' if d == "rtl" else ""
        align = "right" if d == "rtl" else "left"
        body = html.escape(p).replace("\n", "<br>\n")
        out.append(f'<p dir="{d}"{lang} style="text-align:{align};margin:.3em 0">{body}</p>')
    page = f'<div class="itar-text" style="{_TEXT_STYLE};max-width:48em">{"".join(out)}</div>'
    plain = "\n\n".join(paragraphs)
    return HTMLView(page, f"{title}\n{plain}" if title else plain)


def show(text, *, title: str | None = None) -> None:
    """Show Arabic text as right-to-left HTML paragraphs (use it instead of ``print``).

    ``text`` is a string (paragraphs separated by blank lines) or a list of strings (one
    paragraph each). Outside Jupyter it prints the plain text.

    >>> show(["الفقرة الأولى.", "الفقرة الثانية."])
    الفقرة الأولى.
    <BLANKLINE>
    الفقرة الثانية.
    """
    _display(text_view(text, title=title))


# --- tables ---------------------------------------------------------------------------------


def _rtl_columns(df: pd.DataFrame, rtl_columns) -> list:
    if rtl_columns is not None:
        missing = [c for c in rtl_columns if c not in df.columns]
        if missing:
            raise KeyError(f"rtl_columns not in the table: {missing}; columns are {list(df.columns)}")
        return list(rtl_columns)
    return [c for c in df.columns if df[c].map(_has_rtl).any()]


def _cell(value, rtl: bool) -> str:
    if value is None or (not isinstance(value, (str, list, tuple, dict)) and pd.isna(value)):
        return f'<td style="color:#999;{_PAD}">–</td>'
    if isinstance(value, float):
        text = f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.0f}"
        return f'<td style="text-align:right;{_PAD}">{html.escape(text)}</td>'
    if isinstance(value, (int,)) or hasattr(value, "dtype"):
        return f'<td style="text-align:right;{_PAD}">{html.escape(str(value))}</td>'
    text = str(value)
    if rtl:
        d = text_direction(text)
        align = "right" if d == "rtl" else "left"
        return f'<td dir="{d}" style="text-align:{align};{_PAD}"><bdi>{html.escape(text)}</bdi></td>'
    return f'<td style="text-align:left;{_PAD}">{html.escape(text)}</td>'


def _heading(name) -> str:
    text = str(name)
    d = text_direction(text, default="ltr")
    return f'<th dir="{d}" style="text-align:center;{_PAD}">{html.escape(text)}</th>'


def table_view(df: pd.DataFrame, *, rtl_columns=None, index: bool = False, max_rows: int = 50) -> HTMLView:
    """The display :func:`show_table` shows, as an :class:`HTMLView`.

    >>> v = table_view(pd.DataFrame({"pattern": ["حرر*"], "n": [3]}))
    >>> '<td dir="rtl" style="text-align:right;padding:.2em .6em"><bdi>حرر*</bdi></td>' in v.html
    True
    """
    if not isinstance(df, pd.DataFrame):
        df = pd.DataFrame(df)
    shown = df.head(max_rows) if max_rows is not None else df
    if index:
        shown = shown.reset_index()
    rtl = set(_rtl_columns(shown, rtl_columns))
    head = "".join(_heading(c) for c in shown.columns)
    rows = []
    for values in shown.itertuples(index=False, name=None):
        cells = "".join(_cell(v, c in rtl) for c, v in zip(shown.columns, values))
        rows.append(f"<tr>{cells}</tr>")
    note = ""
    if len(shown) < len(df):
        note = f'<p style="font-size:85%;color:#555">first {len(shown):,} of {len(df):,} rows</p>'
    page = (f'<div class="itar-table" style="font-family:{ARABIC_FONTS};overflow-x:auto">'
            f'<table style="border-collapse:collapse"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>{note}</div>')
    plain_df = shown.copy()
    for c in rtl:
        plain_df[c] = isolate(plain_df[c].astype("string"), form="text")
    plain = plain_df.to_string(index=False)
    if len(shown) < len(df):
        plain += f"\n(first {len(shown):,} of {len(df):,} rows)"
    return HTMLView(page, plain)


def show_table(df: pd.DataFrame, *, rtl_columns=None, index: bool = False, max_rows: int = 50) -> None:
    """Show a DataFrame as an HTML table whose Arabic columns read right to left.

    Columns with Arabic text (or those named in ``rtl_columns``) are right-aligned, and each
    cell is isolated with ``<bdi>`` so that punctuation, numbers and a wildcard ``*`` stay
    with their words. Numbers are right-aligned. ``index=True`` shows the index as a column;
    at most ``max_rows`` rows are shown (a note says how many there are).

    >>> show_table(pd.DataFrame({"pattern": ["حرر*"], "n": [3]}))  # doctest: +NORMALIZE_WHITESPACE
    pattern  n
    \u2067حرر*\u2069  3
    """
    _display(table_view(df, rtl_columns=rtl_columns, index=index, max_rows=max_rows))


# --- KWIC -----------------------------------------------------------------------------------


def kwic_view(table: pd.DataFrame, *, max_rows: int = 50) -> HTMLView:
    """The display :func:`show_kwic` shows, as an :class:`HTMLView`.

    >>> t = pd.DataFrame({"doc_id": ["d1"], "before": ["دخل الجيش"], "match": ["البوكمال"],
    ...                   "after": ["بعد معارك"], "label": ["albukamal"]})
    >>> v = kwic_view(t)
    >>> v.html.index('class="kwic-before"') < v.html.index('class="kwic-match"') < v.html.index('class="kwic-after"')
    True
    """
    missing = [c for c in ("before", "match", "after") if c not in table.columns]
    if missing:
        raise KeyError(f"show_kwic needs a table from helpers.kwic (columns before, match, after); "
                       f"missing {missing}")
    extra = [c for c in table.columns
             if c not in ("before", "match", "after", "start", "end")
             and not table[c].isna().all()]
    shown = table.head(max_rows) if max_rows is not None else table
    # The table is dir="rtl": its first column is drawn on the right. A row reads, right to
    # left: the words before the match, the match, the words after it. The contexts hug the
    # match (before: aligned left, after: aligned right) and do not wrap, so matches line up.
    def heading(cls, align, text):
        return f'<th class="{cls}" style="text-align:{align};white-space:nowrap;{_PAD}">{html.escape(text)}</th>'

    head = (heading("kwic-before", "left", KWIC_HEADINGS["before"])
            + heading("kwic-match", "center", KWIC_HEADINGS["match"])
            + heading("kwic-after", "right", KWIC_HEADINGS["after"])
            + "".join(f'<th dir="ltr" style="text-align:center;font-size:85%;white-space:nowrap;{_PAD}">'
                      f'{html.escape(str(c))}</th>'
                      for c in extra))
    rows = []
    for row in shown.itertuples(index=False):
        r = {k: ("" if v is None or (not isinstance(v, str) and pd.isna(v)) else html.escape(str(v)))
             for k, v in zip(shown.columns, row)}
        cells = (f'<td class="kwic-before" style="text-align:left;white-space:nowrap;{_PAD}">'
                 f'<bdi>{r["before"]}</bdi></td>'
                 f'<td class="kwic-match" style="text-align:center;font-weight:bold;white-space:nowrap;'
                 f'background:#0072B222;{_PAD}"><bdi>{r["match"]}</bdi></td>'
                 f'<td class="kwic-after" style="text-align:right;white-space:nowrap;{_PAD}">'
                 f'<bdi>{r["after"]}</bdi></td>'
                 + "".join(f'<td dir="ltr" style="text-align:left;font-size:85%;color:#444;white-space:nowrap;'
                           f'{_PAD}"><bdi>{r[c]}</bdi></td>' for c in extra))
        rows.append(f"<tr>{cells}</tr>")
    note = ""
    if len(shown) < len(table):
        note = f'<p dir="ltr" style="font-size:85%;color:#555">first {len(shown):,} of {len(table):,} lines</p>'
    # dir="rtl" on the box too: a table wider than the page is pinned to the right, so what
    # scrolls out of view is the far left (the extra columns), not the words before the match.
    page = (f'<div class="itar-kwic" dir="rtl" style="font-family:{ARABIC_FONTS};overflow-x:auto">'
            f'<table dir="rtl" style="border-collapse:collapse;font-size:110%;line-height:1.8">'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>{note}</div>')
    lines = []
    for row in shown.itertuples(index=False):
        r = {k: ("" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v))
             for k, v in zip(shown.columns, row)}
        line = " ".join(p for p in (r["before"], f"[{r['match']}]", r["after"]) if p)
        tail = "  ".join(r[c] for c in extra if r[c])
        lines.append(f"{RLI}{line}{PDI}  {tail}".rstrip())
    if len(shown) < len(table):
        lines.append(f"(first {len(shown):,} of {len(table):,} lines)")
    return HTMLView(page, "\n".join(lines))


def show_kwic(table: pd.DataFrame, *, max_rows: int = 50) -> None:
    """Show KWIC lines (from :func:`helpers.kwic`) so that each reads right to left.

    The words before the match are on the right, then the match (bold, centred), then the
    words after it on the left; other columns (label, voice, field, doc_id, ...) follow.
    Column headings name what each holds, in Arabic and English.

    Outside Jupyter each line prints inside Unicode isolates (RLI … PDI), with the match in
    brackets, so that a terminal that supports bidi text also shows it right to left.

    >>> t = pd.DataFrame({"before": ["دخل الجيش"], "match": ["البوكمال"], "after": ["أمس"], "label": ["albukamal"]})
    >>> show_kwic(t)
    ⁧دخل الجيش [البوكمال] أمس⁩  albukamal
    """
    _display(kwic_view(table, max_rows=max_rows))
