"""``framing chart``: draw one of the :mod:`framing.plot` charts to a PNG, SVG or PDF file.

Cheap to import: matplotlib (with its non-interactive Agg backend) and
:mod:`framing.plot` are imported only when the command runs.

Examples
--------
::

    framing chart profile seeds/ -o profile.png
    framing chart scatter news.jsonl.gz --text-col content --outlet-col source \\
        --by bias_text --a left --b right -o scatter.svg
    framing chart side-by-side seeds/ -l venezuela-2019 -o seeds.pdf
    framing chart stance seeds/ -l venezuela-2019 -o actors.png
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import InputError
from ._common import add_input_args, read_inputs

#: Chart kinds and their default figure size (inches).
KINDS = {
    "profile": (10, 5.5),
    "heatmap": (10, 9),
    "keyness": (9, 8),
    "map": (9, 8),
    "dispersion": (12, 6),
    "scatter": (9, 8),
    "timeline": (11, 5),
    "side-by-side": (10, 11),
    "stance": (10, 7),
    "dashboard": (20, 10),
}
_FORMATS = (".png", ".svg", ".pdf")


def register(subparsers) -> None:
    """Add ``framing chart KIND PATH... -o FILE`` to the command line."""
    p = subparsers.add_parser(
        "chart", help="draw a chart (profile, heatmap, keyness, map, ...) to PNG/SVG/PDF",
        description="Read articles, match the lexicon and draw one chart of framing.plot. "
                    "KIND is one of: " + ", ".join(KINDS) + ".",
    )
    p.add_argument("kind", choices=list(KINDS), metavar="KIND", help=" | ".join(KINDS))
    add_input_args(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="file to write: .png, .svg or .pdf")
    p.add_argument("--by", default="outlet", help="grouping column (default: outlet)")
    p.add_argument("--a", dest="group_a", metavar="A",
                   help="keyness/scatter: first group (default: the largest); "
                        "side-by-side: first article id")
    p.add_argument("--b", dest="group_b", metavar="B",
                   help="keyness/scatter: second group (default: the next largest); "
                        "side-by-side: second article id")
    p.add_argument("--top", type=int, default=None,
                   help="terms to show (heatmap 30, keyness 15 per side, scatter labels 15)")
    p.add_argument("--category", help="timeline: only this category (default: all summed)")
    p.add_argument("--freq", default="M", help="timeline: period, W/M/Q/Y (default: M)")
    p.add_argument("--min-articles", type=int, default=5,
                   help="timeline: leave out periods with fewer articles in a group (default: 5)")
    p.add_argument("--include-quoted", action="store_true",
                   help="count hits inside quoted speech too (default: the outlet's own voice)")
    p.add_argument("--size", nargs=2, type=float, metavar=("W", "H"),
                   help="figure size in inches (default depends on KIND)")
    p.add_argument("--dpi", type=int, default=100, help="resolution of a PNG (default: 100)")
    p.add_argument("--title", help="figure title")
    p.set_defaults(func=cmd_chart)


def _two_groups(articles, by, a, b):
    """The groups named by ``--a``/``--b`` (default: the largest), checked against column ``by``."""
    from ..plot import _top_groups

    groups = {str(g): g for g in articles[by].dropna().unique()}
    picked = []
    for name, flag in ((a, "--a"), (b, "--b")):
        if name is not None:
            if name not in groups:
                shown = ", ".join(sorted(groups)[:20])
                raise InputError(f"{flag} {name}: no such {by} (values: {shown})")
            picked.append(groups[name])
        else:
            picked.append(None)
    largest = [g for g in _top_groups(articles, by, len(groups)) if g not in picked]
    out = [p if p is not None else largest.pop(0) if largest else None for p in picked]
    if None in out or out[0] == out[1]:
        raise InputError(f"this chart compares two {by} groups; the articles have "
                         f"{len(groups)} ({', '.join(sorted(groups)[:5])})")
    return out


def cmd_chart(args) -> int:
    """Run ``framing chart``."""
    out = Path(args.output)
    if out.suffix.lower() not in _FORMATS:
        raise InputError(f"-o {args.output}: the file must end in {', '.join(_FORMATS)}")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .. import plot
    from ..actors import actor_profile
    from ..compare import compare_outlets, distinctive_terms, outlet_map
    from ..match import find_matches
    from ..score import score_articles

    articles, lex = read_inputs(args)
    if args.by not in articles.columns:
        raise InputError(f"--by {args.by}: no such column (columns: {', '.join(map(str, articles.columns))})")
    matches = find_matches(articles, lex)
    kind = args.kind
    size = tuple(args.size) if args.size else KINDS[kind]
    top = args.top
    if kind == "dashboard":
        fig = plt.figure(figsize=size, layout="constrained")
        plot.dashboard(matches, articles, lexicon=lex, fig=fig, by=args.by)
    else:
        fig, ax = plt.subplots(figsize=size, layout="constrained")
        if args.title:
            ax.set_title(args.title, fontsize=14, loc="left", fontweight="bold")
        if kind in ("profile", "timeline"):
            scores = score_articles(matches, articles, include_quoted=args.include_quoted,
                                    categories=lex)
            if kind == "profile":
                n_groups = scores[args.by].nunique()
                if n_groups > 6:  # many groups: one stacked bar each (CIs would not be readable)
                    if not args.size:
                        fig.set_size_inches(10, max(5.5, 0.42 * n_groups + 1.5))
                    plot.plot_profile(scores, ax=ax, lexicon=lex, by=args.by, orient="h",
                                      stacked=True)
                else:
                    source = scores
                    sizes = scores.groupby(args.by)["article_id"].nunique()
                    if len(sizes) and sizes.min() >= 2:  # bootstrap CIs when every group has them
                        source = compare_outlets(scores, args.by, n_boot=1000, n_perm=0,
                                                 random_state=0)
                    plot.plot_profile(source, ax=ax, lexicon=lex, by=args.by)
            else:
                plot.plot_timeline(scores, by=args.by, freq=args.freq, category=args.category,
                                   ax=ax, lexicon=lex, min_articles=args.min_articles)
        elif kind == "heatmap":
            plot.plot_term_heatmap(matches, articles, by=args.by, top=top or 30, ax=ax, lexicon=lex,
                                   include_quoted=args.include_quoted)
        elif kind == "dispersion":
            plot.plot_dispersion(matches, articles, ax=ax, lexicon=lex)
        elif kind == "scatter":
            a, b = _two_groups(articles, args.by, args.group_a, args.group_b)
            plot.plot_term_scatter(matches, articles, by=args.by, a=a, b=b, ax=ax, lexicon=lex,
                                   label_top=15 if top is None else top,
                                   include_quoted=args.include_quoted)
        elif kind == "keyness":
            a, b = _two_groups(articles, args.by, args.group_a, args.group_b)
            terms = distinctive_terms(matches, args.by, a, b, articles=articles,
                                      include_quoted=args.include_quoted)
            plot.plot_keyness(terms, top=top or 15, ax=ax, labels=(str(a), str(b)), lexicon=lex)
        elif kind == "map":
            scores = score_articles(matches, articles, include_quoted=args.include_quoted,
                                    categories=lex)
            plot.plot_outlet_map(outlet_map(scores, by=args.by, random_state=0), ax=ax)
        elif kind == "stance":
            profile = actor_profile(matches, by=args.by, include_quoted=args.include_quoted)
            if profile.empty:
                raise InputError("stance: no loaded term is aimed at a known actor "
                                 "(the lexicon's actors list; e.g. -l venezuela-2019)")
            plot.plot_actor_stance(profile, ax=ax, lexicon=lex, top=top or 10)
        elif kind == "side-by-side":
            ids = list(dict.fromkeys(articles["article_id"].astype(str)))
            for flag, x in (("--a", args.group_a), ("--b", args.group_b)):
                if x is not None and x not in ids:
                    raise InputError(f"{flag} {x}: no such article id (ids: {', '.join(ids[:10])} ...)")
            rest = [i for i in ids if i not in (args.group_a, args.group_b)]
            a = args.group_a or (rest.pop(0) if rest else None)
            b = args.group_b or (rest.pop(0) if rest else None)
            if a is None or b is None:
                raise InputError("side-by-side needs two articles (give --a ID --b ID)")
            arts = articles.assign(article_id=articles["article_id"].astype(str))
            m = matches.assign(article_id=matches["article_id"].astype(str))
            plot.plot_side_by_side(m, arts, a=a, b=b, ax=ax, lexicon=lex)
    if args.title and kind == "dashboard":
        fig.suptitle(args.title, fontsize=16)
    try:
        fig.savefig(out, dpi=args.dpi, bbox_inches="tight")
    finally:
        plt.close(fig)
    sys.stderr.write(f"wrote {out}\n")
    return 0
