"""The paper figures and tables: recipes that call the other stages and write ``figures/``.

``python -m helpers figures`` (``make figures``) regenerates every file listed in
:data:`FIGURES` and :data:`TABLES` as SVG, PDF and PNG (figures) or CSV (tables), and writes
``MANIFEST.sha256`` with one checksum per file. Files carry no dates, random ids or machine
paths, and every layout is seeded, so two runs give identical bytes.

Each recipe is a small function ``(data) -> Figure`` or ``(data) -> DataFrame``; the notebooks
call the same recipes, so a figure in a paper and in a lesson are the same code.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import charts
from .analysis import cooccurrence, cooccurrence_graph, frequencies, keyness, rates_by_group
from .arabic import transliterate
from .corpus import load_corpus
from .datasets import kit_path
from .lexicon import Lexicon, count_terms

__all__ = ["make_figures", "corpus_summary", "load_inputs", "FIGURES", "TABLES", "save_figure", "Inputs"]

LEXICON_DIR = kit_path("lexicons")


@dataclass
class Inputs:
    """Everything the recipes read: corpora and lexicons, loaded once."""

    seed: pd.DataFrame
    snn: pd.DataFrame
    ant: pd.DataFrame
    entities: Lexicon
    frames: Lexicon
    _cache: dict | None = None

    def cached(self, key, func):
        if self._cache is None:
            self._cache = {}
        if key not in self._cache:
            self._cache[key] = func()
        return self._cache[key]

    def ant_counts(self, lexicon: str) -> pd.DataFrame:
        lex = self.entities if lexicon == "entities" else self.frames
        return self.cached(("ant", lexicon), lambda: count_terms(self.ant_clean, lex))

    @property
    def ant_clean(self) -> pd.DataFrame:
        """ANT without empty and repeated texts (France 24 republished many articles)."""
        from .corpus import deduplicate

        return self.cached("ant_clean", lambda: deduplicate(self.ant))


def load_inputs() -> Inputs:
    """Load the three corpora and the two shipped lexicons."""
    return Inputs(
        seed=load_corpus("seed"), snn=load_corpus("saudinewsnet"), ant=load_corpus("antcorpus"),
        entities=Lexicon.from_csv(LEXICON_DIR / "entities.csv"), frames=Lexicon.from_csv(LEXICON_DIR / "frames.csv"),
    )


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


def table_corpus_summary(data: Inputs) -> pd.DataFrame:
    return pd.concat([corpus_summary(c) for c in (data.seed, data.snn, data.ant)], ignore_index=True)


def table_seed_entities(data: Inputs) -> pd.DataFrame:
    """Entity mentions in the seed article (headline and body), with glosses."""
    text = data.seed.loc[0, "title"] + "\n" + data.seed.loc[0, "text"]
    counts = count_terms([text], data.entities).iloc[0]
    counts = counts[counts > 0]
    t = data.entities.table()
    out = pd.DataFrame({"label": counts.index, "gloss": t.loc[counts.index, "gloss"].values,
                        "category": t.loc[counts.index, "category"].values, "mentions": counts.values})
    return out.sort_values(["mentions", "label"], ascending=[False, True], kind="stable").reset_index(drop=True)


FRAME_GROUPS = ["isis_naming", "government_side", "armed_groups", "outcome", "allies", "the_dead"]


def table_frame_rates(data: Inputs) -> pd.DataFrame:
    """Rates per 1,000 words of every frame label by outlet (ANT, deduplicated), 95% bootstrap intervals."""
    ant = data.ant_clean
    rates = data.cached("frame_rates", lambda: rates_by_group(ant, data.frames, ant["outlet"], n_boot=1000, seed=0,
                                                              counts=data.ant_counts("frames")))
    out = rates[rates["label"] != "tahrir_in_names"].copy()
    for col in ("rate", "low", "high"):
        out[col] = out[col].round(4)
    return out.reset_index(drop=True)


def table_keyness(data: Inputs) -> pd.DataFrame:
    """Tokens that distinguish Sky News Arabia from the other ANT outlets (top 40 each side)."""
    ant = data.ant_clean
    k = data.cached("keyness", lambda: keyness(ant, ant["outlet"] == "Sky News Arabia", min_count=20))
    out = pd.concat([k.head(40), k.tail(40)]).copy()
    out.insert(1, "transliteration", out["feature"].map(transliterate))
    for col in ("g2", "log_ratio"):
        out[col] = out[col].round(3)
    out["p_value"] = out["p_value"].map(lambda p: float(f"{p:.3g}"))
    return out.reset_index(drop=True)


TABLES = {
    "corpus_summary": table_corpus_summary,
    "seed_entities": table_seed_entities,
    "frame_rates_by_outlet": table_frame_rates,
    "keyness_skynews": table_keyness,
}


# --- figures ----------------------------------------------------------------------------


def _figure(figsize):
    import matplotlib.pyplot as plt

    charts.use_house_style()
    return plt.figure(figsize=figsize, layout="constrained")


def fig_attention(data: Inputs):
    """Articles per week in the ANT Syria subset, by outlet (Feb-Oct 2018)."""
    ant = data.ant_clean
    ant = ant[(ant["date"] >= "2018-02-01") & (ant["date"] < "2018-11-01")]
    weekly = (ant.set_index("date").groupby("outlet").resample("W-MON")["doc_id"].count()
              .unstack(0).fillna(0).astype(int).sort_index(axis=1))
    weekly.index = weekly.index.tz_localize(None)
    fig = _figure((8, 3.8))
    charts.timeline(weekly, ax=fig.add_subplot(), ylabel="articles per week",
                    title="Attention: Syria articles per week by outlet (ANT, 2018)")
    return fig


def fig_isis_naming(data: Inputs):
    """How each outlet names ISIS: rates per 1,000 words with bootstrap intervals."""
    rates = table_frame_rates(data)
    part = rates[rates["category"] == "isis_naming"].copy()
    arabic = data.frames.display_terms()
    part["name"] = [charts.label_with_gloss(arabic[lab], g) for lab, g in zip(part["label"], part["gloss"])]
    fig = _figure((8, 4.2))
    charts.rates_chart(part, ax=fig.add_subplot(), label_col="name",
                       title="Naming ISIS, by outlet (ANT 2018, per 1,000 words)")
    return fig


def fig_frame_heatmap(data: Inputs):
    """Outlet × frame heatmap: government side and armed groups naming, rates per 1,000 words."""
    rates = table_frame_rates(data)
    part = rates[rates["category"].isin(["government_side", "armed_groups", "outcome"])]
    table = part.pivot(index="group", columns="label", values="rate")
    order = [lab for lab in data.frames.labels if lab in table.columns]
    table = table[order]
    table.columns = [data.frames.glosses[c] for c in order]
    fig = _figure((11, 4.2))
    charts.heatmap(table, ax=fig.add_subplot(), cbar_label="per 1,000 words",
                   title="Naming choices by outlet (ANT 2018, per 1,000 words)")
    return fig


def fig_keyness(data: Inputs):
    """Keyness: words that distinguish Sky News Arabia from the other outlets."""
    k = table_keyness(data)
    k = k.assign(feature=[f"{t} · {f}" for f, t in zip(k["feature"], k["transliteration"])])
    fig = _figure((8, 7))
    charts.keyness_chart(k, n=12, ax=fig.add_subplot(), target="Sky News Arabia", reference="other outlets",
                         title="Keyness: Sky News Arabia vs. the other ANT outlets")
    return fig


def fig_network(data: Inputs):
    """Entity co-occurrence network (same sentence) in the ANT Syria subset: the 40 strongest links."""
    table = data.cached("cooc", lambda: cooccurrence(data.ant_clean, data.entities))
    top = table.head(40)
    graph = cooccurrence_graph(top, data.entities)
    fig = _figure((8, 7))
    charts.network_chart(graph, ax=fig.add_subplot(), seed=0,
                         title="Who is mentioned with whom (ANT 2018, same sentence, top 40 pairs)")
    return fig


def fig_seed_entities(data: Inputs):
    """Entity mentions in the seed article, with English glosses."""
    t = table_seed_entities(data)
    first_pattern = data.entities.display_terms()
    values = pd.Series(t["mentions"].values,
                       index=[charts.label_with_gloss(first_pattern[lab], g) for lab, g in zip(t["label"], t["gloss"])])
    colors = [charts.CATEGORY_COLOURS.get(c, charts.PALETTE[0]) for c in t["category"]]
    fig = _figure((9, 6.5))
    ax = charts.bar_chart(values, ax=fig.add_subplot(), colors=colors, xlabel="mentions",
                          title="Who and where: entities in the Al-Bukamal report (19 Nov 2017)")
    ax.legend(handles=[charts._legend_dot(c, k) for k, c in charts.CATEGORY_COLOURS.items()
                       if k in set(t["category"])], frameon=False, loc="center right")
    return fig


def fig_wordcloud(data: Inputs):
    """Word cloud of the most frequent words (stop words removed) in the ANT Syria subset."""
    freq = data.cached("freq", lambda: frequencies(data.ant_clean, top=80))
    fig = _figure((9, 5))
    charts.word_cloud(freq.set_index("feature")["count"], ax=fig.add_subplot(), seed=0,
                      title="Most frequent words, ANT Syria subset (stop words removed)")
    return fig


FIGURES = {
    "fig1_attention_over_time": fig_attention,
    "fig2_isis_naming_by_outlet": fig_isis_naming,
    "fig3_frames_heatmap": fig_frame_heatmap,
    "fig4_keyness_skynews": fig_keyness,
    "fig5_entity_network": fig_network,
    "fig6_seed_entities": fig_seed_entities,
    "fig7_wordcloud": fig_wordcloud,
}


# --- writing --------------------------------------------------------------------------


def save_figure(fig, base: Path, formats=("svg", "pdf", "png")) -> list[Path]:
    """Save a figure without timestamps or random ids (the same bytes every run)."""
    import matplotlib.pyplot as plt

    metadata = {
        "svg": {"Date": None, "Creator": "Itar"},
        "pdf": {"CreationDate": None, "ModDate": None, "Creator": "Itar", "Producer": "Itar"},
        "png": {"Software": "Itar"},
    }
    paths = []
    with plt.rc_context({"svg.hashsalt": "itar"}):
        for fmt in formats:
            path = base.with_suffix(f".{fmt}")
            fig.savefig(path, format=fmt, metadata=metadata[fmt], dpi=150 if fmt == "png" else None)
            paths.append(path)
    plt.close(fig)
    return paths


def _write_csv(df: pd.DataFrame, path: Path) -> None:
    path.write_bytes(df.to_csv(index=False, lineterminator="\n", float_format="%.6g").encode("utf-8"))


def make_figures(out: str | Path = "figures", *, only: list[str] | None = None) -> list[Path]:
    """Regenerate every figure and table into ``out``; return the files written (then the manifest)."""
    import matplotlib

    matplotlib.use("Agg")
    out = Path(out)
    (out / "tables").mkdir(parents=True, exist_ok=True)
    data = load_inputs()
    written: list[Path] = []
    for name, recipe in TABLES.items():
        if only and name not in only:
            continue
        path = out / "tables" / f"{name}.csv"
        _write_csv(recipe(data), path)
        written.append(path)
    for name, recipe in FIGURES.items():
        if only and name not in only:
            continue
        written.extend(save_figure(recipe(data), out / name))
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
