"""Corpus counts quoted in the lexicon codebooks (``corpus/lexicons/entities.md``, ``frames.md``).

Not a test: a script that re-measures, with the kit's own matcher, every count the two
codebooks quote, so that each of their numbers can be reproduced.

Corpora (through ``helpers.load_corpus``, then ``helpers.deduplicate``, which drops empty
texts and repeated texts; ``--keep-duplicates`` skips that step):

* ``ANT``: the ANT Corpus Syria subset, split by outlet (Sky, F24, CNN, BBC, Arabiya);
* ``SNN-Syria``: SaudiNewsNet articles whose normalized title or normalized first 600
  characters of content contain ``سوري``; ``SNN-other``: the rest of SaudiNewsNet.

The text matched is the title and the body (``title + "\\n" + text``). Each hit is credited
to the pattern the matcher chose (``helpers.lexicon.match_tokens``, the engine under
``find_terms`` and ``count_terms``), so per-pattern figures add up exactly to the label's.
A row with pattern ``(all)`` is the label total. A last table counts *probes*: patterns
that are not in the lexicons (rejected alternatives, words that explain a rejection). Each
probe group is matched as a small lexicon of its own, with the same rules, so within a group
the longest match wins (in ``السورية + سورية``, ``السورية`` takes the tokens with the article, ``سورية`` the rest).

    cd /work/main && ITAR_DATA=../shared/corpora .venv/bin/python benchmarks/lexicon_counts.py [--markdown]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

KIT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(KIT))

from helpers import Lexicon, deduplicate, load_corpus, normalize
from helpers.lexicon import match_tokens, split_tokens

LEXICONS = {
    "entities": KIT / "corpus/lexicons/entities.csv",
    "frames": KIT / "corpus/lexicons/frames.csv",
}
OUTLETS = {
    "Sky News Arabia": "Sky",
    "France 24": "F24",
    "CNN Arabic": "CNN",
    "BBC Arabic": "BBC",
    "Al Arabiya": "Arabiya",
}
COLUMNS = [*OUTLETS.values(), "ANT", "SNN-Syria", "SNN-other"]
#: Patterns quoted in the codebooks' prose that are not lexicon rows, in groups matched together.
PROBES = [
    ["السورية", "سورية"],
    ["عراقجي"],
    ["عراقيل"],
    ["عراقة"],
    ["الميادين"],
    ["حماة الوطن"],
    ["أبو كمال"],
    ["السليماني"],
    ["طهران", "طهر*"],
    ["المسلحة"],
    ["المعارض"],
]


def is_syria(title: str, text: str) -> bool:
    """The codebooks' SNN-Syria test: ``سوري`` in the normalized title or first 600 characters."""
    return "سوري" in normalize(title) or "سوري" in normalize(text[:600])


def documents(keep_duplicates: bool) -> tuple[list[tuple[str, str]], dict[str, int]]:
    """(group, title + body) for every article, and the number of articles per group."""
    docs = []
    for name in ("antcorpus", "saudinewsnet"):
        corpus = load_corpus(name)
        if not keep_duplicates:
            corpus = deduplicate(corpus)
        for outlet, title, text in zip(
            corpus["outlet"], corpus["title"].fillna(""), corpus["text"].fillna("")
        ):
            if name == "antcorpus":
                group = OUTLETS[outlet]
            else:
                group = "SNN-Syria" if is_syria(title, text) else "SNN-other"
            docs.append((group, f"{title}\n{text}"))
    sizes = (
        pd.Series([g for g, _ in docs]).value_counts().reindex(COLUMNS, fill_value=0)
    )
    sizes["ANT"] = sizes[list(OUTLETS.values())].sum()
    return docs, sizes.to_dict()


def count(docs, lexicons: dict[str, Lexicon]) -> dict[str, pd.DataFrame]:
    """Per lexicon: one row per pattern id, one column per group, hits credited to the chosen pattern."""
    totals = {name: {} for name in lexicons}
    for group, text in docs:
        tokens = split_tokens(text)[0]
        for name, lex in lexicons.items():
            cell = totals[name]
            for _, _, pid in match_tokens(tokens, lex):
                cell[pid, group] = cell.get((pid, group), 0) + 1
    out = {}
    for name, lex in lexicons.items():
        table = (
            pd.Series(totals[name], dtype="int64").unstack(fill_value=0)
            if totals[name]
            else pd.DataFrame()
        )
        table = (
            table.reindex(index=range(len(lex)), columns=COLUMNS, fill_value=0)
            .fillna(0)
            .astype("int64")
        )
        table["ANT"] = table[list(OUTLETS.values())].sum(axis=1)
        out[name] = table
    return out


def tidy(lex: Lexicon, table: pd.DataFrame) -> pd.DataFrame:
    """Rows (category, label, pattern), sorted, with a label total row ``(all)`` first."""
    per_pattern = pd.concat(
        [lex.entries[["category", "label", "pattern"]], table], axis=1
    )
    per_label = per_pattern.groupby(["category", "label"], as_index=False)[
        COLUMNS
    ].sum()
    per_label.insert(2, "pattern", "(all)")
    rows = pd.concat([per_label, per_pattern], ignore_index=True)
    rows["order"] = rows["pattern"].ne("(all)")
    return (
        rows.sort_values(["category", "label", "order", "pattern"])
        .drop(columns="order")
        .reset_index(drop=True)
    )


def show(title: str, rows: pd.DataFrame, markdown: bool) -> None:
    print(f"\n## {title}\n" if markdown else f"\n=== {title} ===")
    if markdown:
        print("| " + " | ".join(rows.columns) + " |")
        print("|" + "---|" * 3 + "---:|" * len(COLUMNS))
        for row in rows.itertuples(index=False):
            cells = [
                f"`{v}`"
                if k == "pattern" and v != "(all)"
                else f"{v:,}"
                if isinstance(v, int)
                else str(v)
                for k, v in zip(rows.columns, row)
            ]
            print("| " + " | ".join(cells) + " |")
    else:
        print(rows.to_string(index=False))


def main(args: argparse.Namespace) -> None:
    docs, sizes = documents(args.keep_duplicates)
    lexicons = {name: Lexicon.from_csv(path) for name, path in LEXICONS.items()}
    probes = {" + ".join(group): Lexicon.from_patterns(group) for group in PROBES}
    tables = count(
        docs, {**lexicons, **{f"probe {name}": lex for name, lex in probes.items()}}
    )
    dedup = "kept" if args.keep_duplicates else "dropped (helpers.deduplicate)"
    print(f"Articles per group (duplicates and empty texts {dedup}):")
    print("  " + ", ".join(f"{k} {v:,}" for k, v in sizes.items()))
    for name, lex in lexicons.items():
        print(
            f"{name}.csv: {len(lex)} rows, {len(lex.labels)} labels, "
            f"{len(set(lex.categories.values()))} categories"
        )
    for name, lex in lexicons.items():
        show(f"{name}.csv", tidy(lex, tables[name]), args.markdown)
    probe_rows = pd.concat(
        [
            tables[f"probe {name}"].assign(
                category="probe", label=name, pattern=lex.entries["pattern"]
            )
            for name, lex in probes.items()
        ],
        ignore_index=True,
    )
    probe_rows = probe_rows[["category", "label", "pattern", *COLUMNS]].sort_values(
        ["label", "pattern"]
    )
    show(
        "probes (not in a lexicon; each group matched on its own)",
        probe_rows.reset_index(drop=True),
        args.markdown,
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--markdown", action="store_true", help="print Markdown tables ready to paste"
    )
    parser.add_argument(
        "--keep-duplicates",
        action="store_true",
        help="do not drop repeated or empty texts",
    )
    main(parser.parse_args())
