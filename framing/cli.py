"""Command line: a thin argparse layer over the public functions.

Every sub-command reads its inputs with :func:`framing.read_articles` and
:func:`framing.load_lexicon`, calls one or two library functions and writes a
table.  User errors print one line on stderr and exit with status 2.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import pandas as pd

from . import __version__
from .errors import FramingError

EXIT_USAGE = 2


# ---------------------------------------------------------------------------
# shared helpers
# ---------------------------------------------------------------------------

def _add_input_args(p: argparse.ArgumentParser, lexicon: bool = True) -> None:
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


def _add_output_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=["table", "csv", "jsonl"], default=None,
                   help="output format (default: table on a terminal, csv when -o ends in .csv)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")


def read_inputs(args):
    """Articles (and lexicon) named on the command line."""
    from .corpus import read_articles
    from .lexicon import load_lexicon

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


# ---------------------------------------------------------------------------
# commands
# ---------------------------------------------------------------------------

def cmd_matches(args) -> int:
    from .match import find_matches

    articles, lex = read_inputs(args)
    write_table(find_matches(articles, lex), args)
    return 0


def cmd_score(args) -> int:
    from .match import find_matches
    from .score import score_articles, score_groups

    articles, lex = read_inputs(args)
    scores = score_articles(find_matches(articles, lex), articles,
                            include_quoted=args.include_quoted, categories=lex)
    if args.by != "article":
        scores = score_groups(scores, by=args.by)
    write_table(scores, args)
    return 0


def cmd_lexicon(args) -> int:
    from .lexicon import available_lexicons, load_lexicon

    if args.action == "list":
        for name in available_lexicons():
            sys.stdout.write(f"{name}\t{load_lexicon(name)!r}\n")
        return 0
    if not args.sources:
        raise FramingError(f"framing lexicon {args.action}: name a lexicon (built-ins: {', '.join(available_lexicons())})")
    if args.action == "check":
        n_warn = 0
        for src in args.sources:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                lex = load_lexicon(src)
                lex.compiled  # noqa: B018 - compiling reports collisions
            for w in caught:
                sys.stderr.write(f"warning: {w.message}\n")
            n_warn += len(caught)
            sys.stdout.write(f"ok: {src}: {lex!r}\n")
            for r in lex.near_duplicates().itertuples():
                sys.stdout.write(
                    f"note: {r.term_a!r} (line {r.line_a}) and {r.term_b!r} (line {r.line_b}) "
                    f"share the stem {r.stem!r}: keep both only if they differ in loadedness\n"
                )
        return 1 if (n_warn and args.strict) else 0
    lex = load_lexicon(*args.sources)
    if args.action == "export":
        if not args.output:
            raise FramingError("framing lexicon export: give the file to write with -o FILE.csv|.yaml")
        lex.save(args.output)
        sys.stderr.write(f"wrote {args.output}\n")
        return 0
    sys.stdout.write(f"{lex!r}\n")
    if lex.description:
        sys.stdout.write(f"{lex.description}\n")
    df = lex.to_frame()[["term", "category", "polarity", "weight", "note", "neutral"]]
    if args.category:
        df = df[df["category"] == args.category]
    df = df.assign(neutral=df["neutral"].map("; ".join))
    args.format = args.format or "table"
    write_table(df, args)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Find and measure loaded language in news articles.",
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("matches", help="every lexicon hit, one row each")
    _add_input_args(p)
    _add_output_args(p)
    p.set_defaults(func=cmd_matches)

    p = sub.add_parser("score", help="framing profile per article or per outlet")
    _add_input_args(p)
    p.add_argument("--by", default="article", help="article (default), outlet, or any article column")
    p.add_argument("--include-quoted", action="store_true",
                   help="count hits inside quoted speech too (default: narrative + scare quotes)")
    _add_output_args(p)
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("lexicon", help="show, check, list or export lexicons")
    p.add_argument("action", choices=["show", "check", "list", "export"])
    p.add_argument("sources", nargs="*", metavar="NAME|PATH")
    p.add_argument("--category", help="show: only this category")
    p.add_argument("--strict", action="store_true", help="check: exit 1 when there are warnings")
    _add_output_args(p)
    p.set_defaults(func=cmd_lexicon)

    import importlib

    for module in EXTRA_COMMAND_MODULES:
        importlib.import_module(module).register_cli(sub)
    return parser


#: Modules whose ``register_cli(subparsers)`` adds their commands.  These modules
#: must be cheap to import: heavy imports (scikit-learn, matplotlib) go inside functions.
EXTRA_COMMAND_MODULES: list[str] = ["framing.compare", "framing.align", "framing.report", "framing.classroom", "framing.chart", "framing.actors"]


def _show_warning(message, category, filename, lineno, file=None, line=None):
    sys.stderr.write(f"warning: {message}\n")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    old = warnings.showwarning
    warnings.showwarning = _show_warning
    try:
        return args.func(args) or 0
    except (FramingError, FileNotFoundError, PermissionError, IsADirectoryError) as exc:
        sys.stderr.write(f"framing: error: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `framing matches ... | head`
        return 0
    finally:
        warnings.showwarning = old


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
