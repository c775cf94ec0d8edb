"""``framing compare``: rates with CIs, contrasts, distinctive terms, distances, maps."""

from __future__ import annotations

import pandas as pd

from ..compare import (
    _CONTRASTS, _METRICS, _TERM_METHODS, REST, TERM_COLUMNS, _ordered_groups, compare_outlets,
    distinctive_terms, outlet_distances, outlet_map,
)
from ..errors import InputError
from ._common import add_input_args, add_output_args, read_inputs, write_table


def register(subparsers) -> None:
    """Add ``framing compare`` to the command line."""
    p = subparsers.add_parser(
        "compare", help="compare outlets (or any grouping): rates with CIs, contrasts, distinctive terms",
        description="Compare groups of articles: rates per 1,000 words with bootstrap CIs, "
                    "rate ratios with permutation p-values (Benjamini-Hochberg), distinctive terms.",
    )
    add_input_args(p)
    p.add_argument("--by", default="outlet", help="grouping column (default: outlet; e.g. bias_text)")
    p.add_argument("--table", choices=["contrasts", "rates", "terms", "distances", "map"],
                   default="contrasts", help="which table to print (default: contrasts)")
    p.add_argument("--contrasts", choices=list(_CONTRASTS), default="pairwise",
                   help="pairs of groups, each group against the rest, or both")
    p.add_argument("--n-boot", type=int, default=1000, metavar="N", help="bootstrap resamples (default 1000)")
    p.add_argument("--n-perm", type=int, default=1000, metavar="N", help="label permutations (default 1000)")
    p.add_argument("--seed", type=int, default=None, metavar="N", help="random seed")
    p.add_argument("--alpha", type=float, default=0.05, help="false discovery rate (default 0.05)")
    p.add_argument("--significant", action="store_true", help="contrasts: only the significant ones")
    p.add_argument("--include-quoted", action="store_true", help="count hits inside quoted speech too")
    p.add_argument("--group-a", metavar="GROUP", help="terms: the group of interest (default: each group)")
    p.add_argument("--group-b", metavar="GROUP", help="terms: the group to compare with (default: the rest)")
    p.add_argument("--method", choices=list(_TERM_METHODS), default="log_odds", help="terms: scoring method")
    p.add_argument("--ngrams", type=int, nargs=2, metavar=("MIN", "MAX"),
                   help="terms: compare word n-grams of the texts instead of lexicon terms")
    p.add_argument("--top", type=int, default=20, metavar="N", help="terms: rows per group (default 20)")
    p.add_argument("--metric", choices=list(_METRICS), default="jensenshannon", help="distances/map metric")
    add_output_args(p)
    p.set_defaults(func=cmd_compare)


def cmd_compare(args) -> int:
    """Run ``framing compare``."""
    from ..match import find_matches
    from ..score import score_articles

    articles, lex = read_inputs(args)
    if args.by not in articles.columns:
        raise InputError(f"--by {args.by}: no such column (has: {', '.join(map(str, articles.columns))})")
    need_matches = args.table != "terms" or args.ngrams is None
    matches = find_matches(articles, lex) if need_matches else None
    if args.table == "terms":
        out = _terms(args, articles, matches)
    else:
        scores = score_articles(matches, articles, include_quoted=args.include_quoted, categories=lex)
        if args.table == "distances":
            out = outlet_distances(scores, args.by, args.metric).reset_index()
        elif args.table == "map":
            out = outlet_map(scores, args.by, "pca")
        else:
            cmp = compare_outlets(scores, args.by, n_boot=args.n_boot, n_perm=args.n_perm,
                                  random_state=args.seed, contrasts=args.contrasts, alpha=args.alpha,
                                  categories=lex)
            if args.table == "rates":
                out = cmp.rates
            else:
                out = cmp.significant() if args.significant else cmp.contrasts
    write_table(out, args)
    return 0


def _terms(args, articles, matches) -> pd.DataFrame:
    data = articles if args.ngrams else matches
    groups = [args.group_a] if args.group_a is not None else _ordered_groups(articles[args.by])
    if args.group_a is None and args.group_b is None and len(groups) == 2:
        groups = groups[:1]
    frames = []
    for g in groups:
        t = distinctive_terms(
            data, args.by, _cast_like(g, articles[args.by]), _cast_like(args.group_b, articles[args.by]),
            articles=articles, method=args.method, ngrams=tuple(args.ngrams) if args.ngrams else None,
            include_quoted=args.include_quoted,
        )
        t = t.head(args.top).assign(group_a=g, group_b=args.group_b if args.group_b is not None else REST)
        frames.append(t)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=TERM_COLUMNS)


def _cast_like(value, column: pd.Series):
    """A group named on the command line (a string) as the column's type."""
    if value is None or column.dtype == object or isinstance(column.dtype, pd.StringDtype):
        return value
    try:
        return pd.Series([value]).astype(column.dtype).iloc[0]
    except (TypeError, ValueError):
        return value
