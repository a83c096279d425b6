"""The kit's own validation: draw the official samples, strip coded sheets, publish the tables.

Run from the kit's folder with the corpora available (``ITAR_DATA`` or the download cache)::

    python corpus/validation/make_validation.py draw      # working sheets WITH context -> work/validation/
    python corpus/validation/make_validation.py third     # rows two coders disagree on -> work/validation/third/
    python corpus/validation/make_validation.py strip     # coded working sheets -> corpus/validation/coded/
    python corpus/validation/make_validation.py tables    # coded/ -> precision, recall, voice, summary .csv
                                                          # and the tables in the codebooks' validation blocks

``draw`` is deterministic: the same lexicon files, corpora and seed give the same sheets (it
records the lexicons' SHA-256 in ``corpus/validation/samples.json``). It must be run only
after the lexicons are frozen, so that the sample was never seen while revising them.
The working sheets hold corpus text and stay in the git-ignored ``work/`` folder; only
the stripped files (identifiers and codes) are committed. See ``corpus/validation/README.md``.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

import pandas as pd

KIT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(KIT))

import helpers  # noqa: E402
from helpers.validation import PRECISION_COLUMNS, RECALL_COLUMNS, write_table  # noqa: E402

HERE = KIT / "corpus" / "validation"
CODED = HERE / "coded"
WORK = KIT / "work" / "validation"
LEXICONS = {"frames": KIT / "corpus" / "lexicons" / "frames.csv",
            "entities": KIT / "corpus" / "lexicons" / "entities.csv"}
TOPIC = KIT / "corpus" / "lexicons" / "syria_topic.csv"
TOPIC_LEAD = 600  # the documented call (frames.md): title, or the first 600 characters of the text
TOPIC_UNIT = "sentence"  # round 3: only the sentences that name Syria are counted (frames.md)
ANT_MIN_HITS = 3  # round 5: ANT articles that name Syria at least three times (frames.md, "Syria coverage")
#: The seed of the fresh post-freeze sample. Chosen before drawing and never used while revising.
SEED = 20261204  # round 5; rounds 1-4 used 20261130, 20261201, 20261202, 20261203 (roundN/samples.json)
PER_LABEL = 20
WINDOW = 12
RECALL_ARTICLES = 30
#: Labels a codebook scopes out of charts for one corpus (their false senses are referents, not words).
SCOPE = pd.read_csv(HERE / "scope.csv", dtype=str) if (HERE / "scope.csv").is_file() else \
    pd.DataFrame(columns=["lexicon", "corpus", "label", "source"])
MENTION_TEMPLATE = ["doc_id", "field", "start", "end", "label", "lexicon", "surface", "occurrence", "note"]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def corpora(filtered: bool = True, whole: dict[str, pd.DataFrame] | None = None) -> dict[str, pd.DataFrame]:
    """ANT and SaudiNewsNet, deduplicated and restricted to Syria coverage as the kit counts them
    (frames.md), or deduplicated only with ``filtered=False``. ``whole`` is what
    ``corpora(filtered=False)`` returned, when the caller has it already (nothing is loaded twice)."""
    if whole is None:
        whole = {"antcorpus": helpers.deduplicate(helpers.load_corpus("antcorpus")),
                 "saudinewsnet": helpers.deduplicate(helpers.load_corpus("saudinewsnet"))}
    if not filtered:
        return whole
    if not TOPIC.is_file():
        raise SystemExit(f"{TOPIC.relative_to(KIT)} is missing: the samples are drawn from Syria coverage "
                         "(frames.md), which it defines")
    syria = helpers.topic_filter(whole["saudinewsnet"], str(TOPIC), lead=TOPIC_LEAD)
    return {"antcorpus": helpers.topic_filter(whole["antcorpus"], str(TOPIC), min_hits=ANT_MIN_HITS),
            "saudinewsnet": helpers.topic_scope(syria, str(TOPIC), unit=TOPIC_UNIT)}


def earlier(name: str) -> pd.DataFrame | None:
    """What earlier rounds coded (``round*/coded/NAME``), left out of a new round's draw."""
    parts = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in sorted(HERE.glob(f"round*/coded/{name}"))]
    return pd.concat(parts, ignore_index=True) if parts else None


def draw(args) -> int:
    WORK.mkdir(parents=True, exist_ok=True)
    manifest = {"seed": args.seed, "per_label": args.per_label, "window": WINDOW, "fields": ["title", "text"],
                "strata": "outlet", "deduplicated": True,
                "lexicons": {name: sha256(path) for name, path in LEXICONS.items()},
                "topic_filter": {"file": sha256(TOPIC), "lead": TOPIC_LEAD, "scope": TOPIC_UNIT,
                                 "antcorpus_min_hits": ANT_MIN_HITS} if TOPIC.is_file() else None,
                "sheets": {}}
    whole = corpora(filtered=False)
    found = corpora(whole=whole)
    unscoped = {"saudinewsnet": whole["saudinewsnet"]}
    for name, corpus in found.items():
        for lex_name, lex_path in LEXICONS.items():
            sample = helpers.sample_matches(corpus, lex_path, per_label=args.per_label, seed=args.seed,
                                            window=WINDOW, name=name, exclude=earlier(f"{name}_{lex_name}.csv"))
            if name in unscoped:  # the coders read the words around a match as printed, not masked
                sample = helpers.attach_context(sample, unscoped[name], window=WINDOW)
            path = helpers.write_coding_sheet(sample, WORK / f"{name}_{lex_name}.csv")
            manifest["sheets"][path.name] = {"articles": len(corpus), "matches": len(sample),
                                             "labels": int(sample["label"].nunique())}
            print(f"{path.relative_to(KIT)}: {len(sample)} matches, {sample['label'].nunique()} labels, "
                  f"from {len(corpus)} articles")
    read_before = earlier("recall_articles.csv")
    unread = found["antcorpus"]
    if read_before is not None:
        unread = unread[~unread["doc_id"].isin(read_before["doc_id"])]
    articles = helpers.sample_articles(unread, RECALL_ARTICLES, seed=args.seed, strata="outlet")
    reading = articles[["doc_id", "outlet", "date", "title", "text"]]
    helpers.write_coding_sheet(reading, WORK / "recall_articles.csv")
    helpers.write_coding_sheet(pd.DataFrame(columns=MENTION_TEMPLATE), WORK / "recall_mentions.csv")
    manifest["recall_articles"] = articles["doc_id"].tolist()
    print(f"work/validation/recall_articles.csv: {len(articles)} ANT articles "
          f"({', '.join(f'{o} {k}' for o, k in articles['outlet'].value_counts().sort_index().items())})")
    (HERE / "samples.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print("wrote corpus/validation/samples.json")
    return 0


def third(args) -> int:
    """The rows two coders coded differently (work/validation/ against work/validation/second/),
    with context and blank codes, for a third coder: work/validation/third/."""
    (WORK / "third").mkdir(parents=True, exist_ok=True)
    for path in sorted((WORK / "second").glob("*_*.csv")):
        first, second = helpers.read_coding_sheet(WORK / path.name), helpers.read_coding_sheet(path)
        both = first.merge(second[["sample_id", "code", "voice_code"]], on="sample_id", suffixes=("", "_2"))
        differ = both[(both["code"] != both["code_2"]) | (both["voice_code"] != both["voice_code_2"])]
        sheet = first[first["sample_id"].isin(differ["sample_id"])].assign(code="", voice_code="", note="")
        helpers.write_coding_sheet(sheet, WORK / "third" / path.name)
        print(f"work/validation/third/{path.name}: {len(sheet)} rows the two coders coded differently")
    return 0


def strip(args) -> int:
    """Coded working sheets -> identifiers and codes only, in coded/ (what is committed); the second
    and third coders' sheets -> coded/second/ and coded/third/."""
    CODED.mkdir(parents=True, exist_ok=True)
    found = corpora(filtered=False)
    for folder in ("second", "third"):
        for path in sorted((WORK / folder).glob("*_*.csv")):
            (CODED / folder).mkdir(parents=True, exist_ok=True)
            sheet = helpers.read_coding_sheet(path)
            write_table(helpers.strip_context(sheet), CODED / folder / path.name)
            print(f"{folder}/{path.name}: {len(sheet)} rows, {int((sheet['code'] == '').sum())} not coded yet")
    for path in sorted(WORK.glob("*_*.csv")):
        if path.name.startswith("recall_"):
            continue
        sheet = helpers.read_coding_sheet(path)
        blank = int((sheet["code"] == "").sum())
        write_table(helpers.strip_context(sheet), CODED / path.name)
        print(f"{path.name}: {len(sheet)} rows, {blank} not coded yet -> coded/{path.name}")
    mentions = WORK / "recall_mentions.csv"
    if mentions.is_file():
        table = pd.read_csv(mentions, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        located = helpers.locate_mentions(table, found["antcorpus"], source=str(mentions.relative_to(KIT)))
        keep = ["doc_id", "field", "start", "end", "label", "lexicon", "note"]
        located["note"] = helpers.strip_context(located[["note"]])["note"]  # notes never quote the article
        write_table(located[keep].sort_values(["lexicon", "doc_id", "field", "start"]), CODED / "recall_mentions.csv")
        print(f"recall_mentions.csv: {len(located)} mentions -> coded/recall_mentions.csv")
    articles = WORK / "recall_articles.csv"
    if articles.is_file():
        ids = pd.read_csv(articles, dtype=str, encoding="utf-8-sig")[["doc_id", "outlet"]]
        write_table(ids, CODED / "recall_articles.csv")
    return 0


def tables(args) -> int:
    """coded/ -> precision.csv, recall.csv, voice.csv; every span is checked against the corpus first."""
    found = corpora(filtered=False)  # offsets are checked against the whole (deduplicated) corpus
    precision, voices, summary, agreement = [], [], [], []
    for path in sorted(CODED.glob("*_*.csv")):
        if path.name.startswith("recall_"):
            continue
        sheet = helpers.read_coding_sheet(path)
        name = sheet["corpus"].iloc[0]
        helpers.attach_context(sheet, found[name], source=str(path.relative_to(KIT)))  # the spans still hold
        second = CODED / "second" / path.name
        if second.is_file():  # two independent coders; a third decides where they differ
            second = helpers.read_coding_sheet(second)
            agreement.append(helpers.coder_agreement(sheet, second))
            deciding = CODED / "third" / path.name
            sheet = helpers.adjudicate(sheet, second, helpers.read_coding_sheet(deciding) if deciding.is_file() else None)
        precision.append(helpers.precision_table(sheet, min_precision=0.90))
        voices.append(helpers.voice_accuracy(sheet)[0])
        for row in helpers.lexicon_precision(sheet).itertuples():
            summary.append({"corpus": row.corpus, "lexicon": row.lexicon, "measure": "precision (weighted by matches)",
                            "labels": row.labels, "n": row.coded, "estimate": row.precision, "low": row.low,
                            "high": row.high})
        # Labels the codebook scopes out of charts for this corpus (scope.csv, written from round-1
        # evidence before round 2 was coded): the precision of what the kit does chart.
        out = SCOPE[(SCOPE["corpus"] == name) & (SCOPE["lexicon"] == sheet["lexicon"].iloc[0])]["label"]
        if len(out):
            for row in helpers.lexicon_precision(sheet[~sheet["label"].isin(out)]).itertuples():
                summary.append({"corpus": row.corpus, "lexicon": row.lexicon,
                                "measure": "precision (weighted; labels scoped out of charts excluded)",
                                "labels": row.labels, "n": row.coded, "estimate": row.precision, "low": row.low,
                                "high": row.high})
    recall = []
    mentions = CODED / "recall_mentions.csv"
    if mentions.is_file():
        coded_ids = set(pd.read_csv(CODED / "recall_articles.csv", dtype=str)["doc_id"])
        table = helpers.read_mentions(mentions)
        stray = sorted(set(table["doc_id"]) - coded_ids)
        if stray:
            raise SystemExit(f"{mentions}: mentions in articles not drawn for recall: {', '.join(stray)}")
        for lex_name, lex_path in LEXICONS.items():
            part = helpers.recall_table(mentions, found["antcorpus"], lex_path)
            recall.append(part)
            n, k = int(part["n"].sum()), int(part["found"].sum())
            low, high = helpers.wilson_interval(k, n)
            summary.append({"corpus": "antcorpus", "lexicon": lex_name, "measure": "recall (all mentions)",
                            "labels": len(part), "n": n, "estimate": k / n if n else float("nan"), "low": low,
                            "high": high})
            # The coders marked generic words (bare: "the regime", "the opposition") and judgement calls
            # (borderline:) in their notes; recall over the other mentions is the lexicon's recall on
            # the namings its codebook defines.
            plain = table[~table["note"].fillna("").str.match(r"(bare|borderline):")]
            part = helpers.recall_table(plain, found["antcorpus"], lex_path)
            n, k = int(part["n"].sum()), int(part["found"].sum())
            low, high = helpers.wilson_interval(k, n)
            summary.append({"corpus": "antcorpus", "lexicon": lex_name,
                            "measure": "recall (bare and borderline mentions excluded)",
                            "labels": len(part), "n": n, "estimate": k / n if n else float("nan"), "low": low,
                            "high": high})
    write_table(pd.concat(precision, ignore_index=True) if precision else
                pd.DataFrame(columns=PRECISION_COLUMNS), HERE / "precision.csv")
    write_table(pd.concat(recall, ignore_index=True) if recall else
                pd.DataFrame(columns=RECALL_COLUMNS), HERE / "recall.csv")
    if voices:
        write_table(pd.concat(voices, ignore_index=True), HERE / "voice.csv")
    if agreement:
        write_table(pd.concat(agreement, ignore_index=True), HERE / "agreement.csv")
    if summary:
        summary = pd.DataFrame(summary).sort_values(["corpus", "lexicon", "measure"], kind="stable")
        write_table(summary, HERE / "summary.csv")
        print(summary.round(3).to_string(index=False))
    p, r = helpers.load_validation(HERE)
    write_codebooks(p, r)
    write_readme()
    print(p.round(3).to_string(index=False))
    print(r.round(3).to_string(index=False))
    print("below 0.90:", ", ".join(helpers.flag_labels(p, 0.90)) or "none")
    return 0


BLOCK = re.compile(r"<!-- validation:begin -->\n.*?<!-- validation:end -->", re.S)


def codebook_block(lex_name: str, precision: pd.DataFrame, recall: pd.DataFrame) -> str:
    """The validation table of one lexicon, as Markdown for its codebook."""
    lines = ["| label | corpus | coded | strict precision (95% interval) | passes ≥ 0.90 | recall (mentions, 95% interval) |",
             "|---|---|---|---|---|---|"]
    rec = recall[recall["lexicon"] == lex_name].set_index(["corpus", "label"])
    rows = precision[precision["lexicon"] == lex_name].sort_values(["label", "corpus"], kind="stable")
    for row in rows.itertuples():
        r = rec.loc[(row.corpus, row.label)] if (row.corpus, row.label) in rec.index else None
        recall_cell = f"{r['recall']:.2f} ({int(r['n'])}; {r['low']:.2f}–{r['high']:.2f})" if r is not None else "–"
        lines.append(f"| `{row.label}` | {row.corpus} | {row.n} | {row.precision:.2f} ({row.low:.2f}–{row.high:.2f}) "
                     f"| {'yes' if row.passes else '**no**'} | {recall_cell} |")
    summary = HERE / "summary.csv"
    if summary.is_file():
        whole = pd.read_csv(summary)
        lines.append("")
        for row in whole[whole["lexicon"] == lex_name].itertuples():
            lines.append(f"* {row.corpus}, {row.measure}: {row.estimate:.2f} ({row.low:.2f}–{row.high:.2f}; "
                         f"{row.n} coded, {row.labels} labels)")
    return "\n".join(lines)


def summary_block() -> str:
    """The whole-lexicon figures (summary.csv) as a Markdown table, for the README."""
    whole = pd.read_csv(HERE / "summary.csv")
    lines = ["| corpus | lexicon | measure | estimate (95% interval) | coded | labels |", "|---|---|---|---|---|---|"]
    for row in whole.itertuples():
        lines.append(f"| {row.corpus} | {row.lexicon} | {row.measure} | {row.estimate:.3f} ({row.low:.3f}–{row.high:.3f}) "
                     f"| {row.n} | {row.labels} |")
    if (HERE / "voice.csv").is_file():
        for row in pd.read_csv(HERE / "voice.csv").itertuples():
            lines.append(f"| {row.corpus} | {row.lexicon} | voice: the kit's own/quoted agrees with the coders "
                         f"| {row.accuracy:.3f} ({row.low:.3f}–{row.high:.3f}) | {row.n} | |")
    if (HERE / "agreement.csv").is_file():
        for row in pd.read_csv(HERE / "agreement.csv").itertuples():
            lines.append(f"| {row.corpus} | {row.lexicon} | two coders agree on the {row.what} (Cohen's kappa "
                         f"{row.kappa:.2f}) | {row.agreement:.3f} ({row.low:.3f}–{row.high:.3f}) | {row.n} | |")
    return "\n".join(lines)


SUMMARY_BLOCK = re.compile(r"<!-- validation-summary:begin -->\n.*?<!-- validation-summary:end -->", re.S)


def write_readme() -> None:
    """Replace the validation summary between its markers in the kit's README."""
    readme = KIT / "README.md"
    text = readme.read_text(encoding="utf-8")
    if not SUMMARY_BLOCK.search(text):
        return
    block = f"<!-- validation-summary:begin -->\n{summary_block()}\n<!-- validation-summary:end -->"
    tmp = readme.with_name(readme.name + ".tmp")
    tmp.write_text(SUMMARY_BLOCK.sub(lambda _: block, text), encoding="utf-8")
    tmp.replace(readme)
    print("updated the validation summary in README.md")


def write_codebooks(precision: pd.DataFrame, recall: pd.DataFrame) -> None:
    """Replace the block between ``<!-- validation:begin -->`` and ``<!-- validation:end -->`` in each codebook."""
    for lex_name, lex_path in LEXICONS.items():
        md = lex_path.with_suffix(".md")
        text = md.read_text(encoding="utf-8") if md.is_file() else ""
        if not BLOCK.search(text):
            continue
        block = f"<!-- validation:begin -->\n{codebook_block(lex_name, precision, recall)}\n<!-- validation:end -->"
        new = BLOCK.sub(lambda _: block, text)
        tmp = md.with_name(md.name + ".tmp")
        tmp.write_text(new, encoding="utf-8")
        tmp.replace(md)
        print(f"updated the validation table in {md.relative_to(KIT)}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="step", required=True)
    d = sub.add_parser("draw", help="draw the official samples (after the lexicon freeze)")
    d.add_argument("--seed", type=int, default=SEED)
    d.add_argument("--per-label", type=int, default=PER_LABEL)
    sub.add_parser("third", help="the rows two coders coded differently -> work/validation/third/")
    sub.add_parser("strip", help="coded working sheets -> committed identifiers and codes")
    sub.add_parser("tables", help="coded files -> precision.csv, recall.csv, voice.csv, summary.csv")
    args = parser.parse_args(argv)
    return {"draw": draw, "third": third, "strip": strip, "tables": tables}[args.step](args)


if __name__ == "__main__":
    sys.exit(main())
