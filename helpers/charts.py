"""Charts in one house style, word clouds, HTML highlighting, and Arabic rendering checks.

This module owns pictures. It never computes a count: every chart takes a table made by
:mod:`helpers.analysis` or :mod:`helpers.lexicon`. Chart functions take ``ax=None`` and
return the ``Axes`` (matplotlib's convention).

Arabic rendering: matplotlib ≥ 3.11 shapes Arabic itself (libraqm), so labels are passed
as plain logical strings in a font that covers Arabic (DejaVu Sans; Amiri for word clouds).
The old recipe ``get_display(arabic_reshaper.reshape(s))`` would now draw Arabic reversed.
Word clouds are drawn by Pillow, which shapes only when raqm *and* the system's libfribidi
are available; otherwise the kit pre-shapes words (arabic-reshaper + python-bidi) and draws
them with Pillow's basic layout. :func:`shaping_status` says which path this machine uses,
and :func:`check_arabic_rendering` compares rendered pixels with a reference.

Example:
    >>> import pandas as pd
    >>> ax = bar_chart(pd.Series({"داعش": 19, "تنظيم الدولة": 2}), title="ISIS naming")
    >>> ax.get_title(loc="left")
    'ISIS naming'
"""
from __future__ import annotations

import html
from contextlib import contextmanager
from functools import lru_cache

import numpy as np
import pandas as pd

__all__ = [
    "PALETTE", "house_style", "use_house_style", "arabic_font_path", "shaping_status",
    "label_with_gloss", "bar_chart", "rates_chart", "heatmap", "timeline", "keyness_chart",
    "network_chart", "repel_labels", "word_cloud", "fit_for_print", "highlight", "check_arabic_rendering", "render_text",
]

#: Okabe & Ito's colour-blind-safe palette (Okabe & Ito 2008, "Color Universal Design").
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
CATEGORY_COLOURS = {"actor": "#0072B2", "person": "#D55E00", "place": "#009E73", "media": "#CC79A7"}

HOUSE_STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],  # covers Arabic; its serif and italic faces do not
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "axes.prop_cycle": None,  # set in house_style()
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "svg.fonttype": "path",
    "svg.hashsalt": "itar",  # stable ids in SVG files
    "pdf.fonttype": 42,
    "image.cmap": "cividis",  # colour-blind-safe sequential map
}


def house_style() -> dict:
    """The kit's matplotlib rcParams (a dict to pass to ``plt.rcParams.update`` or ``rc_context``)."""
    from cycler import cycler

    style = dict(HOUSE_STYLE)
    style["axes.prop_cycle"] = cycler(color=PALETTE)
    return style


def use_house_style() -> None:
    """Apply the house style globally (the notebooks call this once at the top).

    >>> use_house_style()
    >>> import matplotlib.pyplot as plt; plt.rcParams["font.sans-serif"][0]
    'DejaVu Sans'
    """
    import matplotlib.pyplot as plt

    register_fonts()
    plt.rcParams.update(house_style())


@contextmanager
def _styled():
    """The house style for the duration of one chart, leaving the user's rcParams alone.

    The first figure of a session may load the backend inside this context, and Jupyter's
    inline backend then switches on interactive mode; ``rc_context`` would switch it off
    again on exit (and later figures would not show), so that one setting is kept.
    """
    import matplotlib
    import matplotlib.pyplot as plt

    register_fonts()
    with plt.rc_context(house_style()):
        yield
        interactive = matplotlib.is_interactive()
    matplotlib.interactive(interactive)


@lru_cache(maxsize=1)
def arabic_font_path() -> str:
    """Path of the Amiri Regular font shipped by the ``fontpkg-amiri`` package."""
    import fontpkg_amiri

    return str(fontpkg_amiri.ROOT / "files" / "Amiri-Regular.ttf")


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Register the Amiri font files with matplotlib (``font.family: Amiri`` then works)."""
    from pathlib import Path

    from matplotlib import font_manager

    for path in sorted(Path(arabic_font_path()).parent.glob("Amiri-*.ttf")):
        font_manager.fontManager.addfont(str(path))


def shaping_status() -> dict[str, str]:
    """How Arabic will be rendered on this machine, as a small dict of facts.

    >>> sorted(shaping_status())[:2]
    ['amiri', 'dejavu_sans']
    """
    import matplotlib
    import PIL
    from matplotlib import font_manager

    mpl_version = tuple(int(x) for x in matplotlib.__version__.split(".")[:2])
    dejavu = str(font_manager.findfont("DejaVu Sans", fallback_to_default=False))
    shaped = pillow_shapes()
    return {
        "matplotlib": matplotlib.__version__,
        "matplotlib_shapes": "yes" if mpl_version >= (3, 11) else "no: upgrade to matplotlib>=3.11.2",
        "pillow": PIL.__version__,
        "raqm": _feature("raqm"),
        "fribidi": _feature("fribidi") if _feature("raqm").startswith("yes") else "not used (no raqm)",
        "wordcloud_path": "Pillow shapes (plain strings)" if shaped
        else "pre-shaped with arabic-reshaper + python-bidi (install libfribidi0 for native shaping)",
        "dejavu_sans": dejavu,
        "amiri": arabic_font_path(),
    }


def _feature(name: str) -> str:
    from PIL import features

    try:
        ok = features.check(name)
    except Exception:  # noqa: BLE001 - an unknown feature on an old Pillow
        ok = False
    return f"yes ({features.version(name)})" if ok else "no"


def pillow_shapes() -> bool:
    """True when Pillow can shape Arabic itself (raqm with fribidi)."""
    return _feature("raqm").startswith("yes") and _feature("fribidi").startswith("yes")


def label_with_gloss(arabic: str, gloss: str | None) -> str:
    """A chart label that a reader without Arabic can follow: ``"gloss · Arabic"``.

    >>> label_with_gloss("داعش", "ISIS")
    'ISIS · داعش'
    """
    if not gloss:
        return arabic
    if not arabic:
        return gloss
    return f"{gloss} · {arabic}"


# --- charts -------------------------------------------------------------------------------


def _axes(ax, figsize=(7, 4)):
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def bar_chart(values: pd.Series, *, ax=None, title: str = "", xlabel: str = "count", color: str | None = None,
              colors: list[str] | None = None):
    """Horizontal bars of a Series (index = labels, values = numbers), largest on top.

    >>> bar_chart(pd.Series({"a": 1, "b": 3})).get_yticklabels()[-1].get_text()
    'b'
    """
    with _styled():
        ax = _axes(ax, figsize=(7, max(2.0, 0.32 * len(values) + 1)))
        order = values.sort_values(kind="stable")
        bar_colors = colors if colors is not None else (color or PALETTE[0])
        if colors is not None:
            bar_colors = [dict(zip(values.index, colors))[k] for k in order.index]
        ax.barh(range(len(order)), order.to_numpy(), color=bar_colors)
        ax.set_yticks(range(len(order)), [str(k) for k in order.index])
        ax.set_xlabel(xlabel)
        ax.grid(axis="y", visible=False)
        if title:
            ax.set_title(title, loc="left")
    return ax


def rates_chart(rates: pd.DataFrame, *, ax=None, title: str = "", label_col: str = "gloss",
                value_col: str = "rate", xlabel: str | None = None, legend: str = "right", percent: bool = False):
    """Values with their intervals (``low``, ``high``), one row per label, one colour per group.

    ``rates`` is the table from :func:`helpers.analysis.rates_by_group` (``value_col="rate"``)
    or any table with ``group``, a label column, a value column, ``low`` and ``high``.
    ``legend`` is ``"right"``, ``"top"`` (one row above the plot: no width lost) or ``"none"``;
    ``percent=True`` shows shares (0-1) as percentages. The axis starts at a visible 0 tick, with
    a little room to its left so that dots at zero do not hide in the axis line.

    >>> t = pd.DataFrame({"group": ["A", "B"], "label": ["x", "x"], "share": [0.0, 0.5],
    ...                   "low": [0.0, 0.4], "high": [0.1, 0.6]})
    >>> ax = rates_chart(t, label_col="label", value_col="share", percent=True, legend="top")
    >>> ax.get_xlim()[0] < 0 and 0.0 in list(ax.get_xticks())
    True
    """
    from matplotlib.ticker import PercentFormatter

    with _styled():
        labels = list(dict.fromkeys(rates[label_col]))
        groups = sorted(rates["group"].unique())
        ax = _axes(ax, figsize=(7.5, max(2.5, 0.45 * len(labels) * max(1, len(groups)) ** 0.5 + 1)))
        step = 0.8 / max(1, len(groups))
        top = 0.0
        for g, group in enumerate(groups):
            part = rates[rates["group"] == group].set_index(label_col).reindex(labels)
            y = np.arange(len(labels)) + (g - (len(groups) - 1) / 2) * step
            err = np.vstack([part[value_col] - part["low"], part["high"] - part[value_col]]).clip(min=0)
            colour = PALETTE[g % len(PALETTE)]
            ax.errorbar(part[value_col], y, xerr=np.nan_to_num(err), fmt="o", ms=3.5, capsize=1.5, lw=0.9,
                        color=colour, label=str(group))
            top = max(top, float(np.nanmax(part[["high", value_col]].to_numpy(dtype=float), initial=0.0)))
        ax.set_yticks(range(len(labels)), labels)
        ax.invert_yaxis()
        ax.grid(axis="y", visible=False)
        top = top or 1.0
        ax.set_xlim(-0.04 * top, top * 1.05)
        ax.axvline(0, color="#999999", lw=0.6, zorder=0)
        if percent:
            ax.xaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
        ticks = [t for t in ax.get_xticks() if -1e-12 <= t <= top * 1.05]
        ax.set_xticks(sorted(set([0.0] + ticks)))
        ax.set_xlabel(xlabel if xlabel is not None else "rate per 1,000 words (95% bootstrap interval over articles)")
        if legend == "right":
            ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
        elif legend == "top":
            ax.legend(frameon=False, fontsize=8, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=len(groups),
                      borderaxespad=0.2, handletextpad=0.2, columnspacing=0.9)
        if title:
            ax.set_title(title, loc="left")
    return ax


def heatmap(table: pd.DataFrame, *, ax=None, title: str = "", fmt: str = "{:.2f}", cbar_label: str = ""):
    """A heatmap of a table (rows × columns), each cell annotated with its value.

    >>> ax = heatmap(pd.DataFrame([[1.0, 2.0]], index=["BBC"], columns=["army", "regime"]))
    >>> [t.get_text() for t in ax.texts]
    ['1.00', '2.00']
    """
    import matplotlib.pyplot as plt

    with _styled():
        ax = _axes(ax, figsize=(1.1 * table.shape[1] + 3, 0.5 * table.shape[0] + 2))
        values = table.to_numpy(dtype=float)
        im = ax.imshow(values, aspect="auto", cmap="cividis")
        ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns], rotation=35, ha="right")
        ax.set_yticks(range(table.shape[0]), [str(i) for i in table.index])
        ax.grid(False)
        finite = values[np.isfinite(values)]
        mid = (finite.min() + finite.max()) / 2 if finite.size else 0
        for r in range(values.shape[0]):
            for c in range(values.shape[1]):
                v = values[r, c]
                ax.text(c, r, fmt.format(v) if np.isfinite(v) else "–", ha="center", va="center", fontsize=8,
                        color="white" if np.isfinite(v) and v < mid else "black")
        cbar = plt.colorbar(im, ax=ax, shrink=0.8)
        if cbar_label:
            cbar.set_label(cbar_label)
        if title:
            ax.set_title(title, loc="left")
    return ax


def timeline(series: pd.DataFrame | pd.Series, *, ax=None, title: str = "", ylabel: str = "articles",
             events: dict | None = None, legend: str = "auto"):
    """Attention over time: one line per column of a date-indexed table (or one Series).

    Missing values (NaN: weeks outside an outlet's coverage) break the line instead of
    dropping it to zero. ``events`` maps a date to a short label, drawn as a dashed line
    with the label at the top. ``legend="top"`` puts the legend in one row above the plot.

    >>> t = pd.DataFrame({"A": [1.0, None, 3.0]}, index=pd.to_datetime(["2018-04-02", "2018-04-09", "2018-04-16"]))
    >>> ax = timeline(t, events={"2018-04-07": "Douma"})
    >>> [x.get_text() for x in ax.texts]
    ['Douma']
    """
    import matplotlib.dates as mdates

    with _styled():
        ax = _axes(ax, figsize=(8, 3.5))
        frame = series.to_frame() if isinstance(series, pd.Series) else series
        for k, col in enumerate(frame.columns):
            ax.plot(frame.index, frame[col].to_numpy(dtype=float), marker="o", ms=2.5, lw=1.2,
                    color=PALETTE[k % len(PALETTE)], label=str(col))
        ax.set_ylabel(ylabel)
        ax.set_ylim(bottom=0)
        for day, text in sorted((events or {}).items()):
            when = pd.Timestamp(day)
            ax.axvline(when, color="#555555", lw=0.8, ls="--", zorder=0)
            ax.annotate(text, (mdates.date2num(when), 1.0), xycoords=ax.get_xaxis_transform(), xytext=(2, -1),
                        textcoords="offset points", ha="left", va="top", fontsize=8, color="#333333")
        if frame.shape[1] > 1 and legend != "none":
            if legend == "top":
                ax.legend(frameon=False, fontsize=8, loc="lower left", bbox_to_anchor=(0, 1.0),
                          ncols=min(5, frame.shape[1]), borderaxespad=0.2, columnspacing=0.9, handlelength=1.5)
            else:
                ax.legend(frameon=False, fontsize=8, ncols=min(3, frame.shape[1]))
        locator = mdates.AutoDateLocator(maxticks=10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        if title:
            ax.set_title(title, loc="left")
    return ax


def keyness_chart(table: pd.DataFrame, *, n: int = 12, ax=None, title: str = "", target: str = "target",
                  reference: str = "reference"):
    """The ``n`` most distinctive features on each side of a :func:`helpers.analysis.keyness` table."""
    with _styled():
        top = table.head(n)
        bottom = table.tail(n).iloc[::-1]
        both = pd.concat([top, bottom[~bottom["feature"].isin(top["feature"])]])
        both = both.sort_values("g2", kind="stable")
        ax = _axes(ax, figsize=(7, 0.28 * len(both) + 1.5))
        colors = [PALETTE[0] if v > 0 else PALETTE[1] for v in both["g2"]]
        ax.barh(range(len(both)), both["g2"].to_numpy(), color=colors)
        ax.set_yticks(range(len(both)), both["feature"].tolist())
        ax.axvline(0, color="black", lw=0.8)
        ax.set_xlabel(f"signed log-likelihood (G²): → more in {target}, ← more in {reference}")
        ax.grid(axis="y", visible=False)
        if title:
            ax.set_title(title, loc="left")
    return ax


def network_chart(graph, *, ax=None, title: str = "", seed: int = 0, label: str = "gloss", key: bool = True,
                  fontsize: float = 8):
    """A co-occurrence network: node size by weighted degree, edge width by weight, colour by category.

    The layout is networkx's spring layout with a fixed ``seed`` (same picture every run).
    Labels sit beside their nodes and are pushed apart until they overlap neither each other
    nor other nodes (:func:`repel_labels`). ``key=True`` adds a key for edge width and node
    size under the colour legend.
    """
    import networkx as nx

    with _styled():
        ax = _axes(ax, figsize=(7, 6))
        nodes = sorted(graph.nodes)
        sub = graph.subgraph(nodes)
        pos = nx.spring_layout(sub, seed=seed, weight=None, k=3.0 / max(1, len(nodes)) ** 0.5, iterations=300)
        edges = sorted(sub.edges)
        weights = np.array([sub[u][v]["weight"] for u, v in edges], dtype=float)
        wmax = weights.max() if weights.size else 1.0
        widths = 0.4 + 3.6 * weights / wmax if weights.size else []
        nx.draw_networkx_edges(sub, pos, edgelist=edges, width=widths, alpha=0.35, ax=ax, edge_color="#777777")
        degree = dict(sub.degree(weight="weight"))
        dmax = max(1, max(degree.values(), default=1))
        sizes = [30 + 370 * degree[n] / dmax for n in nodes]
        colors = [CATEGORY_COLOURS.get(sub.nodes[n].get("category", ""), PALETTE[5]) for n in nodes]
        nx.draw_networkx_nodes(sub, pos, nodelist=nodes, node_size=sizes, node_color=colors, ax=ax, alpha=0.9,
                               linewidths=0)
        ax.set_axis_off()
        ax.margins(0.14)
        handles = [_legend_dot(c, k) for k, c in CATEGORY_COLOURS.items()
                   if any(sub.nodes[n].get("category") == k for n in nodes)]
        if key and weights.size:
            from matplotlib.lines import Line2D

            for w in sorted({int(weights.min()), int(np.median(weights)), int(wmax)}):
                handles.append(Line2D([], [], color="#777777", alpha=0.6, lw=0.4 + 3.6 * w / wmax,
                                      label=f"{w:,} sentences together"))
            for d in sorted({int(min(degree.values())), int(dmax)}):
                handles.append(Line2D([], [], marker="o", ls="", color="#999999",
                                      markersize=(30 + 370 * d / dmax) ** 0.5, label=f"weighted degree {d:,}"))
        if handles:
            ax.legend(handles=handles, frameon=False, fontsize=fontsize, loc="upper left", bbox_to_anchor=(1.0, 1.0),
                      borderaxespad=0, labelspacing=0.9)
        if title:
            ax.set_title(title, loc="left")
        labels = [(sub.nodes[n].get(label) or n).split(" (")[0] for n in nodes]
        xy = np.array([pos[n] for n in nodes]) if nodes else np.zeros((0, 2))
        repel_labels(ax, xy, labels, sizes=sizes, fontsize=fontsize, segments=[(pos[u], pos[v]) for u, v in edges])
    return ax


def repel_labels(ax, xy, labels, *, sizes=None, fontsize: float = 8, segments=None):
    """Place text labels beside points so that no label overlaps another label or a point.

    ``xy`` are data coordinates, ``sizes`` the marker areas (points²), ``segments`` optional
    line segments (pairs of points, e.g. network edges) that labels should avoid crossing.
    Labels are placed largest point first; each takes the first free position among
    candidates around its point (right, left, above, below, diagonals, then further out,
    joined to its point by a thin line), preferring positions that cross fewer segments.
    Deterministic (no randomness). The figure's layout is frozen afterwards, because the
    positions are worked out in pixels. Returns the Text objects.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.scatter([0, 0.01], [0, 0.01])
    >>> a, b = repel_labels(ax, np.array([[0, 0], [0.01, 0.01]]), ["one", "two"])
    >>> fig.canvas.draw(); bool(a.get_window_extent().overlaps(b.get_window_extent()))
    False
    """
    fig = ax.figure
    n = len(labels)
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    sizes = np.full(n, 30.0) if sizes is None else np.asarray(sizes, dtype=float)
    texts = [ax.text(x, y, str(t), fontsize=fontsize, ha="left", va="bottom", zorder=5) for (x, y), t in zip(xy, labels)]
    if n == 0:
        return texts
    ax.autoscale_view()
    ax.set_xlim(ax.get_xlim())  # freeze the limits: leader lines must not rescale the axes
    ax.set_ylim(ax.get_ylim())
    fig.draw_without_rendering()  # runs the layout engine on any canvas
    fig.set_layout_engine("none")
    to_px = ax.transData.transform
    pts = to_px(xy)
    radius = np.sqrt(sizes) / 2 * fig.dpi / 72 + 1.5
    wh = np.array([[b.width, b.height] for b in (t.get_window_extent() for t in texts)])
    segs = [(to_px(np.asarray(p, dtype=float)), to_px(np.asarray(q, dtype=float))) for p, q in (segments or [])]
    frame = ax.get_window_extent()
    placed: list[tuple[float, float, float, float]] = []

    def free(box) -> bool:
        x0, y0, x1, y1 = box
        if x0 < frame.x0 or x1 > frame.x1 or y0 < frame.y0 or y1 > frame.y1:
            return False
        for a0, b0, a1, b1 in placed:
            if x0 < a1 and a0 < x1 and y0 < b1 and b0 < y1:
                return False
        cx = np.clip(pts[:, 0], x0, x1)
        cy = np.clip(pts[:, 1], y0, y1)
        return not bool(np.any((cx - pts[:, 0]) ** 2 + (cy - pts[:, 1]) ** 2 < radius ** 2))

    def crossings(box) -> int:
        x0, y0, x1, y1 = box
        count = 0
        for p, q in segs:
            for t in np.linspace(0, 1, 12):
                x, y = p + (q - p) * t
                if x0 <= x <= x1 and y0 <= y <= y1:
                    count += 1
                    break
        return count

    order = sorted(range(n), key=lambda i: (-sizes[i], str(labels[i])))
    for i in order:
        w, h = wh[i]
        px, py = pts[i]
        best = None
        for ring in range(8):
            gap = radius[i] + 1 + ring * 0.6 * h
            candidates = [(px + gap, py - h / 2), (px - gap - w, py - h / 2), (px - w / 2, py + gap),
                          (px - w / 2, py - gap - h), (px + gap * 0.7, py + gap * 0.7), (px - gap * 0.7 - w, py + gap * 0.7),
                          (px + gap * 0.7, py - gap * 0.7 - h), (px - gap * 0.7 - w, py - gap * 0.7 - h)]
            for k, (x0, y0) in enumerate(candidates):
                box = (x0, y0, x0 + w, y0 + h)
                if free(box):
                    score = (crossings(box), ring, k)
                    if best is None or score < best[0]:
                        best = (score, box, ring)
            if best is not None and best[0][0] == 0:
                break
        if best is None:  # nowhere free: keep the first position
            box, ring = (px + radius[i] + 1, py - h / 2, px + radius[i] + 1 + w, py + h / 2), 0
        else:
            _, box, ring = best
        placed.append(box)
        inv = ax.transData.inverted().transform
        texts[i].set_position(inv((box[0], box[1])))
        if ring > 1:
            cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            tx, ty = np.clip(px, box[0], box[2]), np.clip(py, box[1], box[3])
            (x0, y0), (x1, y1) = inv((px, py)), inv((tx if abs(tx - cx) < w / 2 else cx, ty))
            ax.plot([x0, x1], [y0, y1], color="#888888", lw=0.4, zorder=4)
    return texts


def fit_for_print(fig, *, scale: float = 0.8, minimum: float = 7.0):
    """Scale every text of a finished figure for print (``size * scale``, at least ``minimum`` pt).

    The house style is sized for screens; a paper figure drawn at journal width (3.5 or 7 in)
    uses this so that every label is at least 7 pt at print size.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(); _ = ax.set_title("t", fontsize=12); _ = ax.text(0, 0, "x", fontsize=6)
    >>> fit_for_print(fig); [t.get_fontsize() for t in (ax.title, ax.texts[0])]
    [9.6, 7.0]
    """
    from matplotlib.text import Text

    for text in fig.findobj(Text):
        text.set_fontsize(round(max(minimum, text.get_fontsize() * scale), 2))


def _legend_dot(color, text):
    from matplotlib.lines import Line2D

    return Line2D([], [], marker="o", ls="", color=color, label=text)


#: Word-cloud colours: the darker Okabe-Ito colours only (each has contrast >= 3:1 on white).
CLOUD_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000"]


def word_cloud(frequencies: pd.Series | dict, *, ax=None, title: str = "", max_words: int = 80,
               width: int = 900, height: int = 500, seed: int = 0, scale: float = 1):
    """A word cloud from the kit's own token frequencies (never WordCloud's English tokenizer).

    Uses the Amiri font. When Pillow cannot shape Arabic on this machine, words are
    pre-shaped with arabic-reshaper and python-bidi and drawn with Pillow's basic layout
    (see :func:`shaping_status`). The layout is seeded: the same picture every run.
    Words are coloured with :data:`CLOUD_COLOURS` (no pale colours). ``scale`` draws the
    same layout at ``scale`` times the pixel size (e.g. 3 for a 300-ppi print figure).
    """
    from wordcloud import WordCloud

    freqs = dict(frequencies.items() if isinstance(frequencies, pd.Series) else frequencies)
    freqs = dict(sorted(freqs.items(), key=lambda kv: (-kv[1], kv[0]))[:max_words])
    if not pillow_shapes():
        freqs = {_preshape(w): f for w, f in freqs.items()}
    cloud = WordCloud(font_path=arabic_font_path(), width=width, height=height, background_color="white",
                      random_state=seed, max_words=max_words, prefer_horizontal=1.0, scale=scale,
                      color_func=_cloud_colour, collocations=False, include_numbers=True)
    with _basic_layout_if_needed():
        cloud.generate_from_frequencies(freqs)
        image = cloud.to_array()
    with _styled():
        ax = _axes(ax, figsize=(width / 110, height / 110))
        ax.imshow(image, interpolation="none")
        ax.set_axis_off()
        if title:
            ax.set_title(title, loc="left")
    return ax


def _cloud_colour(word, font_size, position, orientation, random_state=None, **kwargs) -> str:
    """One of :data:`CLOUD_COLOURS`, chosen by the word's layout position (the same every run)."""
    return CLOUD_COLOURS[(position[0] // 7 + position[1] // 5) % len(CLOUD_COLOURS)]


def _preshape(word: str) -> str:
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(word))


@contextmanager
def _basic_layout_if_needed():
    """Without shaping support, make Pillow's truetype() use the basic layout engine."""
    if pillow_shapes():
        yield
        return
    from PIL import ImageFont

    original = ImageFont.truetype

    def basic(*args, **kwargs):
        kwargs.setdefault("layout_engine", ImageFont.Layout.BASIC)
        return original(*args, **kwargs)

    ImageFont.truetype = basic
    try:
        yield
    finally:
        ImageFont.truetype = original


# --- HTML highlighting ------------------------------------------------------------------


class HTMLText(str):
    """An HTML string that Jupyter displays as HTML (and, as plain text, only a short summary)."""

    def _repr_html_(self) -> str:
        return str(self)

    def _repr_pretty_(self, p, cycle) -> None:
        p.text(f"<highlighted text: {self.count('<mark')} matches; displayed as HTML>")


def highlight(text: str, lexicon, *, title: str | None = None) -> HTMLText:
    """Render a text as right-to-left HTML with its lexicon matches coloured by category
    and their English glosses shown on hover (and in a legend).

    >>> h = highlight("دخل الجيش السوري البوكمال", "corpus/lexicons/entities.csv")
    >>> 'dir="rtl"' in h and 'title="Al-Bukamal' in h
    True
    """
    from .lexicon import find_terms

    text = "" if text is None else str(text)
    matches = find_terms(text, lexicon)
    colours = dict(CATEGORY_COLOURS)
    extra = [c for c in sorted(matches["category"].unique()) if c not in colours]
    for k, cat in enumerate(extra):
        colours[cat] = PALETTE[(k + 5) % len(PALETTE)]
    parts = []
    pos = 0
    for m in matches.itertuples(index=False):
        parts.append(html.escape(text[pos:m.start]))
        col = colours.get(m.category, PALETTE[0])
        tip = html.escape(f"{m.gloss} [{m.label}, {m.category}]", quote=True)
        parts.append(f'<mark title="{tip}" style="background:{col}33;border-bottom:2px solid {col};'
                     f'padding:0 2px;border-radius:3px">{html.escape(text[m.start:m.end])}</mark>')
        pos = m.end
    parts.append(html.escape(text[pos:]))
    body = "".join(parts).replace("\n", "<br>\n")
    legend = " ".join(f'<span style="border-bottom:2px solid {colours[c]};margin-right:1em">{html.escape(c)}</span>'
                      for c in sorted(matches["category"].unique()))
    head = f'<div dir="ltr" style="font-size:90%;margin-bottom:.5em">{legend}</div>' if legend else ""
    heading = f"<h4 dir=\"rtl\">{html.escape(title)}</h4>" if title else ""
    return HTMLText(f'<div style="max-width:48em">{head}{heading}<div dir="rtl" lang="ar" '
                    f'style="text-align:right;line-height:2;font-size:110%">{body}</div></div>')


# --- rendering checks ----------------------------------------------------------------------


def render_text(text: str, *, engine: str = "matplotlib", size: int = 48, reverse: bool = False) -> np.ndarray:
    """Render one line of text to a grey image cropped to its ink, as a float array in [0, 1].

    ``engine="matplotlib"`` draws with matplotlib (DejaVu Sans, Agg); ``engine="pillow"``
    draws with Pillow (the same font file), shaped by raqm when available; ``"pillow-basic"``
    uses Pillow's basic layout (no shaping, no reordering). ``reverse=True`` reverses the
    string first (what a broken pipeline shows).
    """
    s = text[::-1] if reverse else text
    if engine == "matplotlib":  # drawn off-screen: the notebook's backend is left alone
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        fig = Figure(figsize=(12, 1.6), dpi=100)
        FigureCanvasAgg(fig)
        fig.text(0.02, 0.35, s, fontsize=size * 72 / 100, family="DejaVu Sans")
        fig.canvas.draw()
        img = np.asarray(fig.canvas.buffer_rgba())[..., :3].mean(axis=2) / 255.0
    else:
        from matplotlib import font_manager
        from PIL import Image, ImageDraw, ImageFont

        path = font_manager.findfont("DejaVu Sans", fallback_to_default=False)
        layout = ImageFont.Layout.BASIC if engine == "pillow-basic" or not pillow_shapes() else ImageFont.Layout.RAQM
        font = ImageFont.truetype(path, size, layout_engine=layout)
        canvas = Image.new("L", (1200, 160), 255)
        ImageDraw.Draw(canvas).text((20, 40), s, font=font, fill=0)
        img = np.asarray(canvas, dtype=float) / 255.0
    ink = 1.0 - img
    rows = np.where(ink.max(axis=1) > 0.2)[0]
    cols = np.where(ink.max(axis=0) > 0.2)[0]
    if rows.size == 0:
        return np.zeros((1, 1))
    return ink[rows[0]: rows[-1] + 1, cols[0]: cols[-1] + 1]


def _similarity(a: np.ndarray, b: np.ndarray, shape=(40, 400)) -> float:
    from PIL import Image

    def fit(x):
        im = Image.fromarray((x * 255).astype(np.uint8)).resize(shape[::-1], Image.Resampling.BILINEAR)
        v = np.asarray(im, dtype=float).ravel()
        return (v - v.mean()) / (v.std() or 1.0)

    return float(np.mean(fit(a) * fit(b)))


def check_arabic_rendering(samples=("البوكمال", "قوات سوريا الديمقراطية", "لا إله", "F-16 في سوريا 2017")) -> pd.DataFrame:
    """Render Arabic labels with matplotlib and compare them, as pixels, with Pillow's
    independently shaped rendering of the same string.

    For each sample: ``similarity`` to the shaped reference, ``similarity_reversed`` to the
    reference of the reversed string, ``similarity_unshaped`` to an unshaped rendering
    (isolated letters), and ``ok`` when the shaped reference is clearly the closest. A chart
    that draws Arabic reversed or with disconnected letters fails.

    >>> bool(check_arabic_rendering(["البوكمال"])["ok"].all())
    True
    """
    rows = []
    for s in samples:
        mpl = render_text(s, engine="matplotlib")
        ref = render_text(s, engine="pillow")
        rev = render_text(s, engine="pillow", reverse=True)
        flat = render_text(s, engine="pillow-basic")
        sim, sim_rev, sim_flat = _similarity(mpl, ref), _similarity(mpl, rev), _similarity(mpl, flat)
        rows.append({"sample": s, "similarity": round(sim, 3), "similarity_reversed": round(sim_rev, 3),
                     "similarity_unshaped": round(sim_flat, 3),
                     "ok": bool(sim > 0.75 and sim > sim_rev + 0.1 and sim > sim_flat + 0.05)})
    return pd.DataFrame(rows)


# --- exploration charts ---
# Charts for the tables of :mod:`helpers.explore` (collocates, occurrences, attention).


def collocates_chart(table: pd.DataFrame, *, n: int = 15, measure: str = "G2", ax=None, title: str = ""):
    """The ``n`` strongest collocates of a :func:`helpers.collocates` table (one group), as bars.

    Bars show ``measure`` (``"G2"``, ``"MI"``, ``"t"`` or ``"log_ratio"``), labelled
    ``gloss · collocate`` (plain logical Arabic strings: matplotlib shapes them), with the
    observed count ``O`` at the end of each bar. Pass one group's rows
    (``table[table.group == "BBC Arabic"]``); a table with several groups raises.

    >>> t = pd.DataFrame({"group": "all", "collocate": ["السوري", "قوات"], "gloss": ["Syrian", ""],
    ...     "O": [5, 3], "G2": [12.0, 4.5]})
    >>> [x.get_text() for x in collocates_chart(t).get_yticklabels()]
    ['قوات', 'Syrian · السوري']
    """
    if "group" in table.columns and table["group"].nunique() > 1:
        raise ValueError(f"collocates_chart: pick one group of {sorted(table['group'].unique())}")
    if measure not in table.columns:
        raise ValueError(f"collocates_chart: no column {measure!r} in the table")
    with _styled():
        top = table.sort_values([measure, "collocate"], ascending=[False, True], kind="mergesort").head(n).iloc[::-1]
        ax = _axes(ax, figsize=(7, 0.3 * len(top) + 1.5))
        glosses = top["gloss"] if "gloss" in top.columns else [""] * len(top)
        labels = [label_with_gloss(w, g if g and g != w else None) for w, g in zip(top["collocate"], glosses)]
        ax.barh(range(len(top)), top[measure].to_numpy(), color=PALETTE[0])
        ax.set_yticks(range(len(top)), labels)
        for k, o in enumerate(top["O"] if "O" in top.columns else []):
            ax.annotate(f" {o}", (top[measure].iloc[k], k), va="center", fontsize=8)
        ax.set_xlabel({"G2": "log-likelihood (G²)", "MI": "mutual information (log2 O/E)", "t": "t-score",
                       "log_ratio": "log ratio (log2, inside / outside the windows)"}.get(measure, measure))
        ax.grid(axis="y", visible=False)
        if title:
            ax.set_title(title, loc="left")
    return ax


def dispersion_plot(hits: pd.DataFrame, *, x: str = "position", groups=None, ax=None, title: str = ""):
    """A dispersion plot (AntConc's concordance plot, quanteda's ``textplot_xray``): one row
    per group, a tick at each occurrence of a :func:`helpers.occurrences` table.

    ``x="position"`` places each hit at its relative position in its article (0 = start,
    1 = end); ``x="date"`` on the calendar. ``groups`` fixes the rows (and shows groups
    without hits as empty rows); the count of hits is written after each group name.

    >>> hits = pd.DataFrame({"group": ["A", "A", "B"], "position": [0.1, 0.5, 0.9]})
    >>> [t.get_text() for t in dispersion_plot(hits, groups=["A", "B", "C"]).get_yticklabels()]
    ['A (2)', 'B (1)', 'C (0)']
    """
    if x not in hits.columns:
        raise ValueError(f"dispersion_plot: no column {x!r} in the occurrences table")
    names = list(groups) if groups is not None else sorted(hits["group"].astype(str).unique())
    with _styled():
        ax = _axes(ax, figsize=(8, 0.45 * len(names) + 1.2))
        for k, g in enumerate(names):
            values = hits.loc[hits["group"].astype(str) == str(g), x]
            ax.vlines(values.to_numpy(), k - 0.35, k + 0.35, color=PALETTE[k % len(PALETTE)], lw=0.8)
        ax.set_yticks(range(len(names)), [f"{g} ({int((hits['group'].astype(str) == str(g)).sum())})" for g in names])
        ax.set_ylim(len(names) - 0.5, -0.5)
        if x == "position":
            ax.set_xlim(0, 1)
            ax.set_xlabel("relative position in the article (0 = start, 1 = end)")
        else:
            ax.set_xlabel(x)
        ax.grid(axis="y", visible=False)
        if title:
            ax.set_title(title, loc="left")
    return ax


def attention_chart(table: pd.DataFrame, *, events=None, ax=None, title: str = "", ylabel: str | None = None):
    """Attention over time from a :func:`helpers.attention` table: one line per group.

    Masked periods (outside a group's coverage) are gaps, not zeros; partial first/last
    periods are drawn as hollow markers; ``events`` (a dict or list of ``(date, name)``)
    are dashed vertical lines with their names.

    >>> t = pd.DataFrame({"period": pd.to_datetime(["2018-04-02", "2018-04-09"] * 2), "group": ["A", "A", "B", "B"],
    ...     "share": [0.1, 0.2, float("nan"), 0.3], "partial": [False, False, False, True]})
    >>> len(attention_chart(t, events={"2018-04-07": "Douma"}).lines)
    3
    """
    with _styled():
        ax = _axes(ax, figsize=(8, 3.5))
        for k, (g, part) in enumerate(sorted(table.groupby("group"), key=lambda x: str(x[0]))):
            part = part.sort_values("period")
            colour = PALETTE[k % len(PALETTE)]
            ax.plot(part["period"].to_numpy(), part["share"].to_numpy(), marker="o", ms=3, lw=1.5, color=colour,
                    label=str(g))
            if "partial" in part.columns and part["partial"].any():
                p = part[part["partial"].astype(bool)]
                ax.scatter(p["period"].to_numpy(), p["share"].to_numpy(), s=30, facecolors="white",
                           edgecolors=colour, zorder=3)
        for when, name in (events.items() if isinstance(events, dict) else events or []):
            ax.axvline(pd.Timestamp(when), color="black", lw=0.8, ls="--")
            ax.annotate(str(name), (pd.Timestamp(when), 1), xycoords=("data", "axes fraction"), fontsize=8,
                        va="top", ha="left", xytext=(3, -2), textcoords="offset points")
        ax.set_ylabel(ylabel or "share of the outlet's articles")
        if table["group"].nunique() > 1:
            ax.legend(frameon=False, fontsize=8, ncols=min(3, table["group"].nunique()))
        for tick in ax.get_xticklabels():
            tick.set_rotation(30)
            tick.set_ha("right")
        if title:
            ax.set_title(title, loc="left")
    return ax
