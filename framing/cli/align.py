"""``framing align`` (two accounts, sentence by sentence) and ``framing events``."""

from __future__ import annotations

import os

from ..align import align_articles, event_pairs, format_alignment, group_events
from ..errors import InputError
from ._common import add_input_args, add_output_args, read_inputs, write_table


def register(subparsers) -> None:
    """Add ``framing align`` and ``framing events`` to the command line."""
    p = subparsers.add_parser(
        "align", help="two articles on one event, sentence by sentence, with their loaded terms",
        description="Pair the sentences of two articles A and B (files holding one article each, "
                    "or --ids ID_A ID_B picking two articles from PATH...) and list the loaded "
                    "terms on each side.",
    )
    add_input_args(p)
    p.add_argument("--ids", nargs=2, metavar=("ID_A", "ID_B"), help="pick two articles by id from PATH...")
    p.add_argument("--min-similarity", type=float, default=0.15,
                   help="least TF-IDF cosine for two sentences to pair (default 0.15)")
    p.add_argument("--only-terms", action="store_true", help="show only rows with a loaded term")
    p.add_argument("--no-unpaired", action="store_true", help="leave out sentences without a partner")
    add_output_args(p)
    p.set_defaults(func=cmd_align)

    p = subparsers.add_parser(
        "events", help="find articles on the same event across outlets",
        description="Group articles on the same event (TF-IDF cosine within a date window) and "
                    "list the cross-outlet pairs, most similar first.",
    )
    add_input_args(p, lexicon=False)
    p.add_argument("--window-days", type=float, default=3, help="date window in days (default 3)")
    p.add_argument("--threshold", type=float, default=0.3, help="least cosine similarity (default 0.3)")
    p.add_argument("--linkage", choices=["average", "complete", "single"], default="average")
    p.add_argument("--all-pairs", action="store_true", help="also pairs from the same outlet")
    add_output_args(p)
    p.set_defaults(func=cmd_events)


def cmd_align(args) -> int:
    """Run ``framing align``."""
    articles, lex = read_inputs(args)
    if args.ids:
        ids = articles["article_id"].astype(str)
        for x in args.ids:
            if not (ids == x).any():
                shown = ", ".join(ids.head(10))
                raise InputError(f"--ids: no article {x!r} in {' '.join(args.paths)} (ids: {shown} ...)")
        a = articles[ids == args.ids[0]].iloc[[0]]
        b = articles[ids == args.ids[1]].iloc[[0]]
    else:
        if len(args.paths) != 2:
            raise InputError(f"framing align: give two article files A B, or --ids ID_A ID_B "
                             f"(got {len(args.paths)} path(s))")
        from ..corpus import read_articles

        parts = []
        for path in args.paths:
            one = read_articles(path, text=args.text_col, outlet=args.outlet_col, article_id=args.id_col,
                                date=args.date_col, title=args.title_col, errors=args.errors)
            if len(one) != 1:
                raise InputError(f"{path}: holds {len(one)} articles; pick two with --ids ID_A ID_B")
            parts.append(one)
        a, b = parts
        if str(a["article_id"].iloc[0]) == str(b["article_id"].iloc[0]):
            b = b.assign(article_id=str(b["article_id"].iloc[0]) + "#b")
    al = align_articles(a, b, lexicon=lex, min_similarity=args.min_similarity,
                        unpaired=not args.no_unpaired)
    if args.only_terms:
        keep = [bool(x or y) for x, y in zip(al["terms_a"], al["terms_b"])]
        al = al[keep]
    fmt = args.format
    if fmt is None and args.output:
        fmt = {".csv": "csv", ".jsonl": "jsonl", ".json": "jsonl"}.get(os.path.splitext(args.output)[1].lower())
    if fmt in (None, "table"):
        text = format_alignment(al) + "\n"
        if args.output:
            with open(args.output, "w", encoding="utf-8") as fh:
                fh.write(text)
        else:
            import sys

            sys.stdout.write(text)
        return 0
    if fmt == "csv":
        import json

        al = al.assign(terms_a=al["terms_a"].map(json.dumps), terms_b=al["terms_b"].map(json.dumps))
    write_table(al, args)
    return 0


def cmd_events(args) -> int:
    """Run ``framing events``."""
    articles, _ = read_inputs(args)
    ev = group_events(articles, window_days=args.window_days, threshold=args.threshold,
                      linkage=args.linkage)
    write_table(event_pairs(ev, cross_outlet=not args.all_pairs), args)
    return 0
