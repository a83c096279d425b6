"""Command line: ``python -m helpers figures|count|validate|doctor`` (see ``--help``)."""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p_fig = sub.add_parser("figures", help="regenerate every paper figure, its numbers and captions into a folder")
    p_fig.add_argument("--config", default=None, help="figure configuration (TOML; default: the kit's corpus/figures.toml)")
    p_fig.add_argument("--corpus", default=None, help="dataset name, folder or file (csv/jsonl/parquet); replaces the configuration's")
    p_fig.add_argument("--lexicon", action="append", default=None,
                       help="lexicon CSV (repeat for several); replaces the configuration's lexicons")
    p_fig.add_argument("--only", action="append", default=None, help="make only this figure (by name; repeatable)")
    p_fig.add_argument("--out", default="figures", help="output folder (default: figures)")

    sub.add_parser("doctor", help="check Arabic shaping, fonts and the data setting")

    p_count = sub.add_parser("count", help="count lexicon labels per document")
    p_count.add_argument("--corpus", required=True, help="dataset name, folder or file (csv/jsonl/parquet)")
    p_count.add_argument("--lexicon", required=True, help="lexicon CSV (label,category,gloss,pattern)")
    p_count.add_argument("--out", required=True, help="output .parquet or .csv")
    p_count.add_argument("--workers", type=int, default=0, help="run on a local Dask cluster of N workers")
    p_count.add_argument("--scheduler", default=None, help="address of an existing Dask scheduler")
    p_count.add_argument("--batch-size", type=int, default=20_000,
                         help="articles per batch when streaming (Dask partitions are sized by bytes: a few per worker)")
    p_count.add_argument("--dask-min-mb", type=float, default=None,
                         help="with --workers: inputs under this many MB are counted in one process (default 50; 0: always Dask)")
    p_count.add_argument("--rates", action="store_true", help="rates per 1,000 words instead of counts")
    p_count.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    from .validation import add_arguments

    add_arguments(sub)

    args = parser.parse_args(argv)
    if args.command == "figures":
        from .figures import make_figures

        written = make_figures(args.out, config=args.config, corpus=args.corpus, lexicons=args.lexicon, only=args.only)
        print(f"wrote {len(written)} files to {args.out}/ (captions: {args.out}/CAPTIONS.md, "
              f"manifest: {args.out}/MANIFEST.sha256)")
        return 0
    if args.command == "doctor":
        from .charts import shaping_status

        status = shaping_status()
        for key, value in status.items():
            print(f"{key:>22}: {value}")
        return 0
    if args.command == "validate":
        from .validation import validate_command

        return validate_command(args)
    if args.command == "count":
        from .scale import count_command

        return count_command(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
