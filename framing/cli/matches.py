"""``framing matches`` and ``framing score``."""

from __future__ import annotations

from ._common import add_input_args, add_output_args, add_profile_args, read_inputs, write_table


def register(subparsers) -> None:
    """Add ``framing matches`` and ``framing score`` to the command line."""
    p = subparsers.add_parser("matches", help="every lexicon hit, one row each")
    add_input_args(p)
    add_output_args(p)
    p.set_defaults(func=cmd_matches)

    p = subparsers.add_parser("score", help="framing profile per article or per outlet")
    add_input_args(p)
    add_profile_args(p)
    add_output_args(p)
    p.set_defaults(func=cmd_score)


def cmd_matches(args) -> int:
    """Run ``framing matches``."""
    from ..match import find_matches

    articles, lex = read_inputs(args)
    write_table(find_matches(articles, lex), args)
    return 0


def cmd_score(args) -> int:
    """Run ``framing score``."""
    from ..match import find_matches
    from ..score import score_articles, score_groups

    articles, lex = read_inputs(args)
    scores = score_articles(find_matches(articles, lex), articles,
                            include_quoted=args.include_quoted, categories=lex)
    if args.by != "article":
        scores = score_groups(scores, by=args.by)
    write_table(scores, args)
    return 0
