"""What the commands share: the input and output options, reading inputs, writing a table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd


def add_input_args(p: argparse.ArgumentParser, lexicon: bool = True) -> None:
    """Add ``PATH...``, ``-l/--lexicon``, the column options and ``--errors`` to ``p``."""
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="article files or folders (.txt, .csv, .jsonl, .json, .gz)")
    if lexicon:
        p.add_argument("-l", "--lexicon", action="append", metavar="NAME|PATH",
                       help="built-in lexicon name or file; repeat to merge (default: all built-ins)")
    p.add_argument("--text-col", default="text", help="column holding the article text (default: text)")
    p.add_argument("--outlet-col", default="outlet", help="column holding the outlet (default: outlet)")
    p.add_argument("--id-col", default="article_id", help="column holding the article id")
    p.add_argument("--date-col", default="date", help="column holding the date")
    p.add_argument("--title-col", default="title", help="column holding the title")
    p.add_argument("--errors", choices=["raise", "warn", "keep"], default="raise",
                   help="an article with no text: stop (raise, default), or keep it with its "
                        "error and go on (warn prints a warning)")


def add_profile_args(p: argparse.ArgumentParser) -> None:
    """Add ``--by`` (article, outlet or a column) and ``--include-quoted`` to ``p``."""
    p.add_argument("--by", default="article", help="article (default), outlet, or any article column")
    p.add_argument("--include-quoted", action="store_true",
                   help="count hits inside quoted speech too (default: narrative + scare quotes)")


def add_output_args(p: argparse.ArgumentParser) -> None:
    """Add ``--format`` and ``-o/--output`` to ``p``."""
    p.add_argument("--format", choices=["table", "csv", "jsonl"], default=None,
                   help="output format (default: table on a terminal, csv when -o ends in .csv)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")


def read_inputs(args):
    """Articles (and lexicon) named on the command line."""
    from ..corpus import read_articles
    from ..lexicon import load_lexicon

    articles = read_articles(
        args.paths if len(args.paths) > 1 else args.paths[0],
        text=args.text_col, outlet=args.outlet_col, article_id=args.id_col,
        date=args.date_col, title=args.title_col, errors=args.errors,
    )
    lex = load_lexicon(*(getattr(args, "lexicon", None) or ()))
    return articles, lex


def write_table(df: pd.DataFrame, args) -> None:
    """Write ``df`` as table/csv/jsonl to ``args.output`` or stdout."""
    fmt = args.format
    out = getattr(args, "output", None)
    if fmt is None:
        fmt = {".csv": "csv", ".jsonl": "jsonl", ".json": "jsonl"}.get(Path(out).suffix.lower(), "table") if out else "table"
    if fmt == "csv":
        text = df.to_csv(index=False)
    elif fmt == "jsonl":
        text = df.to_json(orient="records", lines=True, date_format="iso", force_ascii=False)
        text = text if text.endswith("\n") or not text else text + "\n"
    else:
        with pd.option_context("display.max_colwidth", 40, "display.width", 200):
            text = (df.to_string(index=False) if len(df) else "(no rows)") + "\n"
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
