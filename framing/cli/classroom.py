"""``framing worksheet`` (a printable worksheet and its answer key) and ``framing grade``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from ..classroom import _paper, answer_key, grade_answers
from ..errors import InputError
from ._common import add_input_args, add_output_args, read_inputs, write_table


def register(subparsers) -> None:
    """Add ``framing worksheet`` and ``framing grade`` to the command line."""
    p = subparsers.add_parser("worksheet", help="printable classroom worksheet (and answer key)")
    add_input_args(p)
    p.add_argument("-o", "--output", metavar="SHEET.html", help="write the worksheet here instead of stdout")
    p.add_argument("--key", metavar="KEY.html", help="also write the answer key here")
    p.add_argument("--paper", default="A4", type=_paper_arg, help="A4 (default) or Letter")
    p.add_argument("--title", default="Loaded language: a close reading", help="worksheet title")
    p.add_argument("--rows", type=int, default=10, help="empty rows in the answer table (default: 10)")
    p.set_defaults(func=cmd_worksheet)

    p = subparsers.add_parser("grade", help="feedback on a student's marked terms")
    p.add_argument("marks", metavar="MARKS.csv", help="CSV with columns article_id, sentence, text")
    add_input_args(p)
    p.add_argument("--own-words-only", action="store_true",
                   help="do not count terms inside quoted speech as terms to find")
    add_output_args(p)
    p.set_defaults(func=cmd_grade)


def _paper_arg(value: str) -> str:
    try:
        return _paper(value)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def cmd_worksheet(args) -> int:
    """Run ``framing worksheet``."""
    from ..analysis import build_worksheet

    articles, lex = read_inputs(args)
    page, key_page = build_worksheet(articles, lex, title=args.title, paper=args.paper, rows=args.rows)
    if args.output:
        Path(args.output).write_text(page, encoding="utf-8")
        sys.stderr.write(f"wrote {args.output}\n")
    else:
        sys.stdout.write(page)
    if args.key:
        Path(args.key).write_text(key_page, encoding="utf-8")
        sys.stderr.write(f"wrote {args.key}\n")
    return 0


def cmd_grade(args) -> int:
    """Run ``framing grade``."""
    try:
        marks = pd.read_csv(args.marks, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(f"{args.marks}: cannot read the marks CSV ({exc})") from exc
    missing = [c for c in ("sentence", "text") if c not in marks.columns]
    if missing:
        raise InputError(f"{args.marks}: the marks CSV needs columns article_id, sentence, text "
                         f"(missing: {', '.join(missing)}; has: {', '.join(marks.columns)})")
    from ..match import find_matches

    articles, lex = read_inputs(args)
    key = answer_key(find_matches(articles, lex), articles, lexicon=lex)
    feedback = grade_answers(marks, key, include_quoted=not args.own_words_only)
    n = feedback["status"].value_counts()
    total = int(n.get("found", 0) + n.get("missed", 0))
    sys.stderr.write(f"found {int(n.get('found', 0))} of {total} terms, {int(n.get('extra', 0))} extra\n")
    write_table(feedback, args)
    return 0
