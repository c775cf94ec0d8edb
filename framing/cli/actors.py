"""``framing actors``: who is labelled how."""

from __future__ import annotations

from ._common import add_input_args, add_output_args, add_profile_args, read_inputs, write_table


def register(subparsers) -> None:
    """Add ``framing actors PATH... [--by article|outlet] [-l LEXICON]`` to the CLI."""
    p = subparsers.add_parser(
        "actors", help="how each actor is labelled: hits per actor, category and voice",
        description="Profile of the actors the loaded terms are aimed at (see framing.actor_profile).",
    )
    add_input_args(p)
    add_profile_args(p)
    add_output_args(p)
    p.set_defaults(func=cmd_actors)


def cmd_actors(args) -> int:
    """Run ``framing actors``."""
    from ..actors import actor_profile
    from ..match import find_matches

    articles, lex = read_inputs(args)
    by = {"article": "article_id"}.get(args.by, args.by)
    prof = actor_profile(find_matches(articles, lex), by=by, include_quoted=args.include_quoted)
    write_table(prof, args)
    return 0
