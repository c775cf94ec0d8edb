"""``framing lexicon list | show NAME | check FILE | export NAME -o FILE``."""

from __future__ import annotations

import sys
import warnings

from ..errors import FramingError
from ..match import compile_lexicon
from ._common import add_output_args, write_table


def register(subparsers) -> None:
    """Add ``framing lexicon`` to the command line."""
    p = subparsers.add_parser("lexicon", help="show, check, list or export lexicons")
    p.add_argument("action", choices=["show", "check", "list", "export"])
    p.add_argument("sources", nargs="*", metavar="NAME|PATH")
    p.add_argument("--category", help="show: only this category")
    p.add_argument("--strict", action="store_true", help="check: exit 1 when there are warnings")
    add_output_args(p)
    p.set_defaults(func=cmd_lexicon)


def cmd_lexicon(args) -> int:
    """Run ``framing lexicon``."""
    from ..lexicon import available_lexicons, load_lexicon

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
                compile_lexicon(lex)  # compiling reports collisions
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
