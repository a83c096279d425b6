"""Corpus counts quoted in the lexicon codebooks (``corpus/lexicons/entities.md``, ``frames.md``).

Not a test: the script that computes, with the kit's own matcher, every corpus count the two
codebooks quote. The codebooks hold those counts only between marker comments::

    <!-- counts:begin NAME -->
    ... generated Markdown ...
    <!-- counts:end -->

``--write`` regenerates every block in place; ``tests/test_codebooks.py`` checks that each
codebook equals a fresh generation, so a codebook number can never drift from the kit.

Corpora and counting unit (the same in every table):

* ``ANT``: ``topic_filter(deduplicate(load_corpus("antcorpus")), "corpus/lexicons/syria_topic.csv",
  min_hits=3)``, the articles that name Syria at least three times (frames.md, round 5), split by
  outlet (Sky, F24, CNN, BBC, Arabiya);
* ``SNN-Syria``: ``topic_filter(deduplicate(load_corpus("saudinewsnet")),
  "corpus/lexicons/syria_topic.csv", lead=600)``, the kit's Syria filter, then
  ``topic_scope(..., unit="sentence")``: only the sentences that name Syria are counted
  (both documented in ``frames.md``); ``SNN-other`` is the rest of deduplicated SaudiNewsNet,
  unscoped;
* title + text, matched field by field (a match never spans the title/text boundary), as
  ``count_terms`` does by default.

Each hit is credited to the pattern the matcher chose (``helpers.lexicon.match_tokens``, the
engine under ``find_terms`` and ``count_terms``), so the per-pattern figures of a label add up
exactly to the label's. Blocker rows (category ``blocker``) are matched like any pattern, which
is how they take their words away from the other labels, and are reported in their own rows,
never added to a counted label. *Probes* are patterns that are not in a lexicon (rejected
alternatives, words that explain a rejection); each probe group is matched as a small lexicon
of its own, with the same rules.

    ITAR_DATA=../shared/corpora .venv/bin/python benchmarks/lexicon_counts.py [--write]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

KIT = Path(__file__).resolve().parents[1]
if str(KIT) not in sys.path:
    sys.path.insert(0, str(KIT))

from helpers import Lexicon, deduplicate, load_corpus, normalize, topic_filter, topic_scope  # noqa: E402
from helpers.lexicon import match_tokens, split_tokens  # noqa: E402

LEXICONS = {
    "entities": KIT / "corpus/lexicons/entities.csv",
    "frames": KIT / "corpus/lexicons/frames.csv",
}
CODEBOOKS = {
    "entities": KIT / "corpus/lexicons/entities.md",
    "frames": KIT / "corpus/lexicons/frames.md",
}
SYRIA_TOPIC = KIT / "corpus/lexicons/syria_topic.csv"
SYRIA_LEAD = 600
#: The documented call that scopes SaudiNewsNet to Syria coverage (frames.md).
SYRIA_CALL = f'helpers.topic_filter(snn, "corpus/lexicons/syria_topic.csv", lead={SYRIA_LEAD})'
#: The second step: only the sentences that name Syria are counted (frames.md, "Sentence scope").
SCOPE_CALL = 'helpers.topic_scope(snn_syria, "corpus/lexicons/syria_topic.csv", unit="sentence")'
SCOPE_UNIT = "sentence"
ANT_MIN_HITS = 3
#: The documented call that restricts ANT to Syria coverage (frames.md, round 5).
ANT_CALL = f'helpers.topic_filter(ant, "corpus/lexicons/syria_topic.csv", min_hits={ANT_MIN_HITS})'
#: The recall articles read before the ANT filter existed (drawn from all of ANT): the filter's cost.
RECALL_BEFORE_FILTER = sorted((KIT / "corpus/validation").glob("round[1-4]/coded/recall_mentions.csv"))
OUTLETS = {
    "Sky News Arabia": "Sky",
    "France 24": "F24",
    "CNN Arabic": "CNN",
    "BBC Arabic": "BBC",
    "Al Arabiya": "Arabiya",
}
ANT_GROUPS = list(OUTLETS.values())
COLUMNS = [*ANT_GROUPS, "ANT", "SNN-Syria", "SNN-other"]
FIELDS = ("title", "text")
#: Probe groups per codebook: words the codebook's prose discusses that are not patterns.
PROBES = {
    "entities": [
        ["السورية", "سورية"],
        ["عراقجي"],
        ["عراقيل"],
        ["عراقة"],
        ["الميادين"],
        ["السليماني"],
        ["البغدادي"],
        ["الجيش"],
    ],
    "frames": [
        ["طهران", "طهر*"],
        ["سيطرح"],
        ["المسلحة"],
        ["المعارض"],
        ["زعم*"],
        ["زعماء"],
        ["توفي*"],
        ["توفير"],
        ["مقاتل*"],
        ["مقاتلات", "مقاتلة"],
        ["تزعم"],
        ["الصهيونية"],
        ["النزاع", "الصراع"],
        ["الأزمة"],
        ["الحرب"],
        ["الثورة"],
        ["عصابة", "عصابات"],
        ["الجيش", "النظام"],
        ["العدو"],
    ],
}
BEGIN = re.compile(r"<!-- counts:begin (\S+) -->\n.*?<!-- counts:end -->", re.S)


# --- corpora ---------------------------------------------------------------------------


def corpora(ant: pd.DataFrame | None = None, snn: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """The counting groups: one frame per ANT outlet (Syria coverage), then SNN-Syria and SNN-other;
    and, under ``"ANT-all"`` (not a table column), deduplicated ANT before its filter.

    ``ant`` and ``snn`` are the corpora as loaded (``load_corpus``); they are deduplicated here.
    """
    ant_all = deduplicate(load_corpus("antcorpus") if ant is None else ant)
    snn = deduplicate(load_corpus("saudinewsnet") if snn is None else snn)
    ant = topic_filter(ant_all, SYRIA_TOPIC, min_hits=ANT_MIN_HITS)
    groups = {short: ant[ant["outlet"] == outlet] for outlet, short in OUTLETS.items()}
    groups["ANT-all"] = ant_all
    syria = topic_filter(snn, SYRIA_TOPIC, lead=SYRIA_LEAD)
    groups["SNN-Syria"] = topic_scope(syria, SYRIA_TOPIC, unit=SCOPE_UNIT)
    groups["SNN-other"] = snn[~snn["doc_id"].isin(syria["doc_id"])]
    return groups


def sizes(groups: dict[str, pd.DataFrame]) -> dict[str, int]:
    """Articles per group, with the ANT total."""
    out = {g: len(df) for g, df in groups.items()}
    out["ANT"] = sum(out[g] for g in ANT_GROUPS)
    return {c: out[c] for c in COLUMNS}


def field_tokens(groups: dict[str, pd.DataFrame]) -> dict[str, list[list[str]]]:
    """Per group, the token list of every field (title and text separately) of every article."""
    out = {}
    for group, df in groups.items():
        if group not in COLUMNS:
            continue
        lists = []
        for field in FIELDS:
            lists.extend(split_tokens(v)[0] for v in df[field].fillna("").astype(str))
        out[group] = lists
    return out


def pattern_counts(lexicon: Lexicon, tokens: dict[str, list[list[str]]]) -> pd.DataFrame:
    """One row per lexicon row (pattern id), one column per group: hits credited to that pattern."""
    table = pd.DataFrame(0, index=range(len(lexicon)), columns=COLUMNS, dtype="int64")
    for group, lists in tokens.items():
        counts: dict[int, int] = {}
        for toks in lists:
            for _, _, pid in match_tokens(toks, lexicon):
                counts[pid] = counts.get(pid, 0) + 1
        for pid, n in counts.items():
            table.loc[pid, group] = n
    table["ANT"] = table[ANT_GROUPS].sum(axis=1)
    return table


# --- Markdown ---------------------------------------------------------------------------


def markdown(rows: pd.DataFrame, numeric: list[str]) -> str:
    """A Markdown table; numbers with thousands separators, right-aligned."""
    head = "| " + " | ".join(rows.columns) + " |"
    rule = "|" + "".join("---:|" if c in numeric else "---|" for c in rows.columns)
    body = [
        "| " + " | ".join(f"{int(v):,}" if c in numeric else str(v) for c, v in zip(rows.columns, row)) + " |"
        for row in rows.itertuples(index=False)
    ]
    return "\n".join([head, rule, *body])


def corpus_block(n: dict[str, int], groups: dict[str, pd.DataFrame]) -> str:
    """Article counts per group (the denominators of every table)."""
    snn_total = n["SNN-Syria"] + n["SNN-other"]
    rows = pd.DataFrame([{"group": c, "articles": n[c]} for c in COLUMNS])
    return (
        markdown(rows, ["articles"])
        + f"\n\nSaudiNewsNet after deduplication: {snn_total:,} articles; the Syria filter keeps "
        f"{n['SNN-Syria']:,} of them ({100 * n['SNN-Syria'] / snn_total:.1f}%)."
    )


def label_block(lexicon: Lexicon, table: pd.DataFrame, n: dict[str, int]) -> str:
    """Per counted label: hits by ANT outlet, ANT total, hits per 100 ANT articles, SNN-Syria, SNN-other."""
    entries = lexicon.entries[["category", "label"]].copy()
    per = pd.concat([entries, table], axis=1)
    per = per[per["category"] != "blocker"]
    rows = per.groupby(["category", "label"], sort=False, as_index=False)[COLUMNS].sum()
    rows.insert(2, "patterns", per.groupby(["category", "label"], sort=False).size().values)
    rows["ANT per 100"] = (100 * rows["ANT"] / n["ANT"]).map(lambda v: f"{v:.1f}")
    rows["SNN-Syria per 100"] = (100 * rows["SNN-Syria"] / n["SNN-Syria"]).map(lambda v: f"{v:.1f}")
    rows["label"] = "`" + rows["label"] + "`"
    cols = ["category", "label", "patterns", *ANT_GROUPS, "ANT", "ANT per 100", "SNN-Syria", "SNN-Syria per 100", "SNN-other"]
    cats = lexicon.categories
    blockers = [label for label in lexicon.labels if cats[label] == "blocker"]
    n_blocker_rows = int((lexicon.entries["category"] == "blocker").sum())
    groups = sorted({c for c in cats.values() if c != "blocker"})
    header = (
        f"{len(lexicon):,} rows ({len(lexicon) - n_blocker_rows:,} counted, {n_blocker_rows:,} blocker rows); "
        f"{len(lexicon.labels)} labels ({len(lexicon.labels) - len(blockers)} counted, {len(blockers)} blockers); "
        f"{len(groups)} groups besides `blocker`.\n\n"
    )
    return header + markdown(rows[cols], ["patterns", *COLUMNS])


def pattern_block(lexicon: Lexicon, table: pd.DataFrame, *, blockers: bool) -> str:
    """Per pattern (lexicon order): the hits credited to it. ``blockers`` selects the blocker rows."""
    entries = lexicon.entries
    per = pd.concat([entries[["category", "label", "pattern"]], table], axis=1)
    if "clitics" in entries.columns:
        clitics = entries["clitics"].fillna("").astype(str)
        per["pattern"] = per["pattern"].where(clitics == "", per["pattern"] + " (" + clitics + ")")
    keep = per["category"] == "blocker"
    per = per[keep if blockers else ~keep]
    per = per.assign(label="`" + per["label"] + "`", pattern="`" + per["pattern"] + "`")
    cols = ["label", "pattern", "ANT", "SNN-Syria", "SNN-other"]
    return markdown(per[cols], ["ANT", "SNN-Syria", "SNN-other"])


def type_frequencies(tokens: dict[str, list[list[str]]]) -> dict[str, Counter]:
    """Per group, how often each raw token occurs (every field of every article)."""
    return {group: Counter(t for toks in lists for t in toks) for group, lists in tokens.items()}


def probe_block(name: str, tokens: dict[str, list[list[str]]]) -> str:
    """Probe groups of one codebook: hits per probe pattern, each group matched on its own.

    Probes are single words, so a token's match does not depend on its neighbours: each
    distinct token is matched once (tokens separated by line breaks, which no pattern spans)
    and its hits are weighted by its frequency, which equals matching every article. Only
    tokens whose normalized form contains a probe's stem (without ``*`` and the article) are
    passed to the matcher, since no other token can match.
    """
    freqs = type_frequencies(tokens)
    types = sorted(t for t in set().union(*freqs.values()) if not t.isspace())  # line breaks are tokens too
    folded = normalize("\n".join(types)).split("\n")
    if len(folded) != len(types):
        raise ValueError("a token changed its number of lines under normalize")
    normalized = dict(zip(types, folded))
    rows = []
    for group in PROBES[name]:
        if any(" " in p.strip() for p in group):
            raise ValueError(f"probe {group}: probes must be single words")
        lex = Lexicon.from_patterns(group)
        stems = [normalize(p.rstrip("*")).removeprefix("ال") for p in group]
        candidates = [t for t in types if any(stem in normalized[t] for stem in stems)]
        sequence = [piece for t in candidates for piece in (t, "\n")]
        matched = Counter()
        for i, _, pid in match_tokens(sequence, lex):
            matched[pid, candidates[i // 2]] += 1
        for pid, pattern in enumerate(group):
            hits = {g: sum(counter[t] for (q, t) in matched if q == pid) for g, counter in freqs.items()}
            hits["ANT"] = sum(hits[g] for g in ANT_GROUPS)
            rows.append({"probe group": " + ".join(f"`{p}`" for p in group), "pattern": f"`{pattern}`",
                         **{c: int(hits[c]) for c in ("ANT", "SNN-Syria", "SNN-other")}})
    return markdown(pd.DataFrame(rows), ["ANT", "SNN-Syria", "SNN-other"])


def filter_block(n: dict[str, int]) -> str:
    """The Syria filter: the call and its size."""
    total = n["SNN-Syria"] + n["SNN-other"]
    return (
        f"```python\nsnn = helpers.deduplicate(helpers.load_corpus(\"saudinewsnet\"))\n"
        f"snn_syria = {SYRIA_CALL}\n"
        f"snn_syria = {SCOPE_CALL}\n```\n\n"
        f"keeps **{n['SNN-Syria']:,} of {total:,}** deduplicated SaudiNewsNet articles, and counts in them "
        f"only the sentences that name Syria."
    )


def ant_filter_block(groups: dict[str, pd.DataFrame]) -> str:
    """The ANT filter: the call, its size, and what it drops of the mentions read in rounds 1-4."""
    kept = pd.concat([groups[g] for g in ANT_GROUPS])
    ids = set(kept["doc_id"])
    mentions = pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False) for p in RECALL_BEFORE_FILTER])
    articles = pd.concat([pd.read_csv(p.with_name("recall_articles.csv"), dtype=str) for p in RECALL_BEFORE_FILTER])
    lines = []
    for lexicon in ("frames", "entities"):
        part = mentions[mentions["lexicon"] == lexicon]
        inside = int(part["doc_id"].isin(ids).sum())
        lines.append(f"{inside:,} of {len(part):,} {lexicon} mentions")
    dropped = int((~articles["doc_id"].isin(ids)).sum())
    return (
        f"```python\nant = helpers.deduplicate(helpers.load_corpus(\"antcorpus\"))\n"
        f"ant_syria = {ANT_CALL}\n```\n\n"
        f"keeps **{len(kept):,} of {len(groups['ANT-all']):,}** deduplicated ANT articles. Its cost, measured on "
        f"the {len(articles):,} recall articles of rounds 1 to 4 (drawn from all of ANT and read whole): "
        f"{dropped:,} of them name Syria fewer than three times, and the filter keeps the articles of "
        f"{' and '.join(lines)} that the readers found."
    )


def blocks(name: str, groups: dict[str, pd.DataFrame], tokens=None) -> dict[str, str]:
    """Every generated block of one codebook, by marker name."""
    tokens = field_tokens(groups) if tokens is None else tokens
    n = sizes(groups)
    lex = Lexicon.from_csv(LEXICONS[name])
    table = pattern_counts(lex, tokens)
    out = {
        "corpora": corpus_block(n, groups),
        "labels": label_block(lex, table, n),
        "patterns": pattern_block(lex, table, blockers=False),
        "blockers": pattern_block(lex, table, blockers=True),
        "probes": probe_block(name, tokens),
    }
    if name == "frames":
        out["syria_filter"] = filter_block(n)
        out["ant_filter"] = ant_filter_block(groups)
    return out


def render(text: str, generated: dict[str, str], source: str = "<codebook>") -> str:
    """``text`` with every ``counts`` block replaced by its generated content.

    Raises ValueError naming the block when a marker has no generated content.
    """
    def fill(m: re.Match) -> str:
        key = m.group(1)
        if key not in generated:
            raise ValueError(f"{source}: unknown counts block {key!r}; known: {', '.join(sorted(generated))}")
        return f"<!-- counts:begin {key} -->\n{generated[key]}\n<!-- counts:end -->"

    return BEGIN.sub(fill, text)


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` only once its new text is fully written."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def main(args: argparse.Namespace) -> int:
    groups = corpora()
    tokens = field_tokens(groups)
    stale = []
    for name, path in CODEBOOKS.items():
        generated = blocks(name, groups, tokens)
        text = path.read_text(encoding="utf-8")
        new = render(text, generated, path.name)
        if args.write and new != text:
            write_atomic(path, new)
            print(f"{path.relative_to(KIT)}: counts regenerated")
        elif new != text:
            stale.append(path.name)
        if not args.write:
            for key, block in generated.items():
                print(f"\n## {name}: {key}\n\n{block}")
    if stale:
        print(f"\nstale counts in {', '.join(stale)} (run with --write)")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="regenerate the count blocks inside the codebooks")
    raise SystemExit(main(parser.parse_args()))
