"""``framing report``: a self-contained HTML report."""

from __future__ import annotations

import sys
from pathlib import Path

from ._common import add_input_args, read_inputs


def register(subparsers) -> None:
    """Add ``framing report`` to the command line."""
    p = subparsers.add_parser("report", help="self-contained HTML report with the loaded words highlighted")
    add_input_args(p)
    p.add_argument("-o", "--output", metavar="FILE.html", help="write here instead of stdout")
    p.add_argument("--title", default="Loaded language report", help="page title")
    p.add_argument("--side-by-side", nargs=2, metavar=("ID_A", "ID_B"),
                   help="show these two articles in aligned columns (default: when there are exactly two)")
    p.set_defaults(func=cmd_report)


def cmd_report(args) -> int:
    """Run ``framing report``."""
    from ..analysis import build_report

    articles, lex = read_inputs(args)
    pair = tuple(args.side_by_side) if args.side_by_side else None
    page = build_report(articles, lex, title=args.title, side_by_side=pair)
    if args.output:
        Path(args.output).write_text(page, encoding="utf-8")
        sys.stderr.write(f"wrote {args.output}\n")
    else:
        sys.stdout.write(page)
    return 0
