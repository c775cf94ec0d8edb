"""Charts of framing tables: matplotlib helpers, imported on use.

``import framing`` does not import this module (nor matplotlib); import it
explicitly::

    from framing import plot
    ax = plot.plot_profile(scores)

Every ``plot_*`` function draws on one :class:`~matplotlib.axes.Axes` (a new
one when ``ax`` is None) and returns it, as seaborn's axes-level functions do;
:func:`dashboard` lays several of them on one figure.  Nothing here calls
``plt.show()`` or ``savefig``.

Inputs are the library's own tables (see ``docs/CONTRACTS.md``): matches,
articles, scores, ``Comparison.rates``, ``distinctive_terms``, ``outlet_map``,
``actor_profile`` and ``align_articles`` output.

Colours: a lexicon category has the same colour in every chart.  It comes from
``colors=`` when given, else from the lexicon (``Lexicon.colors``), else from the
built-in lexicons, else from the colour-blind-safe Okabe–Ito palette
(:func:`category_colors`).  Text is set at 11 pt or more and lines are at
least 1.5 pt wide, so that a chart stays readable on a projector.

Legends are placed outside the axes, to the right or above, so that they never
cover data; save with ``bbox_inches="tight"`` or create the figure with
``layout="constrained"`` so that they are not cut off.
"""

from __future__ import annotations

import math
import textwrap
import warnings
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain, cycle

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .errors import FramingError, FramingWarning, InputError
from .errors import require_columns as _require
from .score import OWN_VOICES
from .lexicon import DEFAULT_COLORS, Lexicon, assign_colors

__all__ = [
    "category_colors",
    "plot_profile",
    "plot_term_heatmap",
    "plot_keyness",
    "plot_actor_stance",
    "plot_outlet_map",
    "plot_dispersion",
    "plot_term_scatter",
    "plot_timeline",
    "plot_side_by_side",
    "dashboard",
]

#: Font size (points) of tick labels, annotations and legends.
FONT_SIZE = 11
#: Font size (points) of axis labels.
LABEL_SIZE = 12
#: Width (points) of data lines, whiskers and leader lines.
LINE_WIDTH = 2.0
_INK = "#222222"
_GRID = "#DDDDDD"
_MUTED = "#666666"
#: Colours of the two sides of a two-group chart when terms have no category.
_SIDE_COLORS = ("#3B3B3B", "#A0A0A0")
_LEGIT = ("legitimizing", "#0072B2")
_DELEGIT = ("delegitimizing", "#D55E00")


# ---------------------------------------------------------------------------
# shared helpers
# ---------------------------------------------------------------------------

def _get_ax(ax):
    if ax is None:
        _, ax = plt.subplots()
    return ax


def _wrap(label, width: int = 18) -> str:
    """``label`` as a string broken into lines of at most ``width`` characters."""
    return textwrap.fill(str(label), width, break_long_words=False, break_on_hyphens=False) or str(label)


def _wrap_lines(label, width: int = 18) -> str:
    """Like :func:`_wrap`, keeping the line breaks already in ``label``."""
    return "\n".join(_wrap(line, width) for line in str(label).split("\n"))


def _shorten(label, width: int = 40) -> str:
    return textwrap.shorten(str(label), width, placeholder="…") or str(label)[:width]


def _ink_on(color) -> str:
    """Black or white, whichever reads better on ``color`` (WCAG relative luminance)."""
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(color))
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "black" if lum > 0.179 else "white"


def _style(ax, *, grid: str | None = None) -> None:
    """House style: readable ticks, no top/right spines, light grid behind data."""
    ax.tick_params(labelsize=FONT_SIZE, width=1.2, length=4)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_linewidth(1.2)
    if grid:
        ax.grid(axis=grid, color=_GRID, linewidth=1.0)
        ax.set_axisbelow(True)


def _legend(ax, handles=None, labels=None, *, title=None, where="right", ncols=1):
    """A frameless legend outside the axes (right of it or above it)."""
    if where == "right":
        kw = dict(loc="upper left", bbox_to_anchor=(1.02, 1.0))
    elif where == "top":
        kw = dict(loc="lower left", bbox_to_anchor=(0.0, 1.02))
    else:  # below
        kw = dict(loc="upper left", bbox_to_anchor=(0.0, -0.06))
    args = () if handles is None else (handles, labels)
    leg = ax.legend(*args, frameon=False, fontsize=FONT_SIZE, title=title,
                    title_fontsize=FONT_SIZE, borderaxespad=0.0, ncols=ncols,
                    handlelength=1.4, columnspacing=1.2, alignment="left", **kw)
    return leg


def _is_lexicon(obj) -> bool:
    return isinstance(obj, Lexicon) or (hasattr(obj, "colors") and hasattr(obj, "categories"))


def _builtin_colors() -> dict[str, str]:
    from .lexicon import load_lexicon

    try:
        return dict(load_lexicon().colors)
    except (FramingError, OSError, ValueError) as exc:  # a broken built-in must not break a chart
        warnings.warn(f"built-in lexicons could not be read for colours ({exc}); "
                      "using the Okabe-Ito palette", FramingWarning, stacklevel=3)
        return {}


def _base_colors(lexicon, colors) -> dict[str, str]:
    """Known ``category -> colour`` in lexicon order: ``colors`` over the lexicon (or built-ins)."""
    base: dict[str, str] = {}
    if lexicon is not None:
        base.update(_as_lexicon(lexicon).colors)
    elif colors is None:
        base.update(_builtin_colors())
    if colors:
        base.update(colors)
    return base


def _as_lexicon(lexicon):
    if _is_lexicon(lexicon):
        return lexicon
    from .lexicon import load_lexicon

    return load_lexicon(*([lexicon] if isinstance(lexicon, str) else lexicon))


def category_colors(categories: Iterable[str] | None = None, lexicon=None,
                    colors: Mapping[str, str] | None = None) -> dict[str, str]:
    """Colour of each category: the same category gets the same colour in every chart.

    Parameters
    ----------
    categories : iterable of str, optional
        Categories to colour, in the order wanted.  Default: every category of
        the lexicon (or of ``colors``).
    lexicon : Lexicon or str, optional
        Lexicon (or built-in name/path for :func:`framing.load_lexicon`) whose
        declared colours to use.  When neither ``lexicon`` nor ``colors`` is
        given, the built-in lexicons' colours are used.
    colors : dict, optional
        ``category -> colour``; overrides the lexicon.

    Returns
    -------
    dict
        ``category -> colour`` for every category.  A category that neither the
        lexicon nor ``colors`` knows gets a colour picked from its name among
        the Okabe–Ito (then Paul Tol "muted") colours the known categories do
        not use, so that it too keeps its colour from chart to chart.

    Examples
    --------
    >>> import framing
    >>> from framing.plot import category_colors
    >>> lex = framing.Lexicon([framing.Entry("regime", "delegitimizing", -1)])
    >>> category_colors(["delegitimizing"], lexicon=lex)
    {'delegitimizing': '#D55E00'}
    >>> c = category_colors(["delegitimizing", "other"], lexicon=lex)
    >>> c["other"] == category_colors(["other"], lexicon=lex)["other"] != c["delegitimizing"]
    True
    >>> category_colors(["x"], colors={"x": "#000000"})
    {'x': '#000000'}
    """
    base = _base_colors(lexicon, colors)
    cats = list(dict.fromkeys(categories)) if categories is not None else list(base)
    return assign_colors(cats, base)


def _colors_for(categories, lexicon, colors) -> dict[str, str]:
    """Colours of ``categories``, ordered as in the lexicon (unknown ones last, as given)."""
    base = _base_colors(lexicon, colors)
    rank = {c: i for i, c in enumerate(base)}
    cats = [c for c in dict.fromkeys(categories) if isinstance(c, str)]
    cats = sorted(cats, key=lambda c: rank.get(c, len(rank)))
    return assign_colors(cats, base)


def _counted(matches: pd.DataFrame, include_quoted: bool) -> pd.DataFrame:
    if include_quoted or "voice" not in matches.columns:
        return matches
    return matches[matches["voice"].isin(OWN_VOICES)]


def _with_by(matches: pd.DataFrame, articles: pd.DataFrame | None, by: str) -> pd.DataFrame:
    """``matches`` with the grouping column ``by`` (joined from ``articles`` when needed)."""
    if by in matches.columns:
        return matches
    if articles is None or by not in articles.columns:
        raise InputError(f"matches table lacks the grouping column {by!r}; pass the articles table "
                         f"that has it (matches has: {', '.join(map(str, matches.columns))})")
    _require(matches, ["article_id"], "matches table")
    key = articles[["article_id", by]].drop_duplicates("article_id")
    return matches.merge(key, on="article_id", how="left")


def _article_words(articles: pd.DataFrame) -> pd.Series:
    from .score import count_words

    if "n_words" in articles.columns:
        return articles["n_words"]
    return count_words(articles)


def _group_words(articles: pd.DataFrame, by: str) -> pd.Series:
    _require(articles, [by, "text"] if "n_words" not in articles.columns else [by], "articles table")
    words = articles.assign(_w=_article_words(articles).to_numpy())
    return words.groupby(by, sort=True)["_w"].sum()


def _term_categories(matches: pd.DataFrame) -> pd.Series:
    """term -> its (first seen) category."""
    if "category" not in matches.columns:
        return pd.Series(dtype=object)
    first = matches.drop_duplicates("term")
    return pd.Series(first["category"].to_numpy(), index=first["term"].to_numpy())


def _top_groups(articles_or_matches: pd.DataFrame, by: str, n: int = 2) -> list:
    """The ``n`` largest groups by number of articles (ties: sorted by name)."""
    df = articles_or_matches
    if "article_id" in df.columns:
        sizes = df.drop_duplicates("article_id").groupby(by, sort=True).size()
    else:
        sizes = df.groupby(by, sort=True).size()
    sizes = sizes.sort_index(key=lambda s: s.astype(str))
    order = sorted(range(len(sizes)), key=lambda i: -sizes.iloc[i])
    return [sizes.index[i] for i in order[:n]]


def _period_freq(freq: str) -> str:
    """A pandas *period* alias for ``freq`` ("ME" -> "M", "YE"/"A" -> "Y", "QE" -> "Q")."""
    f = str(freq)
    upper = f.upper()
    if upper.endswith("E") and upper[:-1].lstrip("0123456789B") in ("M", "Q", "Y", "SM"):
        f = f[:-1]
    if f.upper().lstrip("0123456789") in ("A", "AS", "YS"):
        f = f.rstrip("SsAaYy") + "Y"
    try:
        pd.Period("2020-01-01", freq=f)
    except (ValueError, TypeError) as exc:
        raise InputError(f"freq must be a pandas period frequency such as 'W', 'M', 'Q' or 'Y'; "
                         f"got {freq!r}") from exc
    return f


def _light(color) -> bool:
    """True for colours too light to read as thin marks on white (e.g. Okabe-Ito yellow)."""
    r, g, b = to_rgb(color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.75


def _outline(color):
    """Path effects giving a light colour a thin dark outline (none for other colours)."""
    from matplotlib import patheffects

    if not _light(color):
        return None
    return [patheffects.Stroke(linewidth=LINE_WIDTH * 2.2, foreground="#555555"), patheffects.Normal()]


def _category_handles(colors: Mapping[str, str], categories) -> list:
    return [Patch(facecolor=colors[c], edgecolor=_INK, linewidth=0.6, label=c) for c in categories]


def _category_legend(ax, colors: Mapping[str, str], *, title="category", where="right", max_cols=1):
    """Legend of the categories of ``colors`` (in its order, the empty name left out)."""
    present = [c for c in colors if c]
    return _legend(ax, _category_handles(colors, present), present, title=title, where=where,
                   ncols=min(len(present), max_cols))


def _term_colors(matches: pd.DataFrame, terms, lexicon, colors) -> tuple[list, dict[str, str]]:
    """``(category of each term, category -> colour)``; "" for a term the matches do not know."""
    term_cat = _term_categories(matches)
    cats = [term_cat.get(t, "") for t in terms]
    return cats, _colors_for(list(dict.fromkeys(cats)), lexicon, colors)


def _palette(keys, palette: Mapping | None) -> dict:
    """``key -> colour``: ``palette``'s colours, then the Okabe-Ito ones it does not use, in turn."""
    pal = dict(palette or {})
    spare = chain([c for c in DEFAULT_COLORS if c not in pal.values()], cycle(DEFAULT_COLORS))
    return {k: pal[k] if k in pal else next(spare) for k in keys}


def _slant(labels, rotation: float, **align) -> None:
    """Rotate tick ``labels`` so that each ends at its tick (right-aligned, anchored)."""
    for t in labels:
        t.set_rotation(rotation)
        t.set_ha("right")
        if align:
            t.set(**align)
        t.set_rotation_mode("anchor")


def _other_column(df: pd.DataFrame, exclude, what: str, role: str):
    """The first column of ``df`` not in ``exclude`` (the default ``by``), or InputError."""
    rest = [c for c in df.columns if c not in exclude]
    if not rest:
        raise InputError(f"{what} has no {role} column (e.g. outlet); "
                         f"columns: {', '.join(map(str, df.columns))}")
    return rest[0]


# ---------------------------------------------------------------------------
# label placement (deterministic repulsion, no dependency)
# ---------------------------------------------------------------------------

def _overlap(c1, s1, c2, s2):
    """Overlap along x and y of boxes with centres ``c`` and full sizes ``s`` (broadcasting)."""
    ox = (s1[..., 0] + s2[..., 0]) / 2 - np.abs(c1[..., 0] - c2[..., 0])
    oy = (s1[..., 1] + s2[..., 1]) / 2 - np.abs(c1[..., 1] - c2[..., 1])
    return ox, oy


def _overlap_area(c, s, centers, sizes) -> float:
    """Total area by which box ``(c, s)`` overlaps the boxes ``(centers, sizes)``."""
    ox, oy = _overlap(c, s, centers, sizes)
    return float(np.sum(np.clip(ox, 0, None) * np.clip(oy, 0, None) * ((ox > 0) & (oy > 0))))


def _push_off(centers, sizes, fixed_c, fixed_s):
    """How far each label box must move to clear the fixed boxes; None when none overlaps.

    A box moves along the axis of least overlap, away from the fixed box's centre.
    """
    ox, oy = _overlap(centers[:, None, :], sizes[:, None, :], fixed_c[None, :, :], fixed_s[None, :, :])
    hit = (ox > 0.5) & (oy > 0.5)
    if not hit.any():
        return None
    diff = centers[:, None, :] - fixed_c[None, :, :]
    sx = np.where(diff[..., 0] != 0, np.sign(diff[..., 0]), 1.0)
    sy = np.where(diff[..., 1] != 0, np.sign(diff[..., 1]), 1.0)
    along_x = ox < oy
    push = np.zeros((len(centers), 2))
    push[:, 0] = np.sum(np.where(hit & along_x, sx * (ox + 0.5), 0.0), axis=1)
    push[:, 1] = np.sum(np.where(hit & ~along_x, sy * (oy + 0.5), 0.0), axis=1)
    return push


def _place_labels(ax, x, y, labels, *, point_size: float = 36.0, priority=None,
                  fontsize: float = FONT_SIZE, max_iter: int = 300, obstacles=None, avoid=(),
                  **text_kw):
    """Label points without overlaps and return the annotations.

    A small deterministic routine in display space: each label (in priority
    order) takes the first of eight positions around its point that overlaps
    nothing placed so far (else the least-overlapping one); then overlapping
    boxes push each other apart along the axis of least overlap, and away from
    the points, until nothing overlaps or ``max_iter`` rounds have passed.
    Labels are kept inside the axes and off the ``avoid`` artists (e.g. corner
    notes).  ``obstacles`` are the data points to keep clear (default: the
    labelled points).  Offsets are stored in points
    (``textcoords="offset points"``), so a label stays beside its point when
    the figure is saved at another dpi; a label moved away from its point gets
    a thin leader line.
    """
    labels = [str(s) for s in labels]
    n = len(labels)
    if n == 0:
        return []
    fig = ax.figure
    engine = fig.get_layout_engine()
    if engine is not None:  # put the axes where they will be drawn before measuring
        engine.execute(fig)
    ax.apply_aspect()
    xy = np.column_stack([np.asarray(x, float), np.asarray(y, float)])
    pts = ax.transData.transform(xy)
    obs = pts if obstacles is None else ax.transData.transform(np.asarray(obstacles, float))
    px_per_pt = fig.dpi / 72.0
    sizes = np.zeros((n, 2))
    for i, lab in enumerate(labels):
        t = ax.text(0, 0, lab, fontsize=fontsize, **text_kw)
        bb = t.get_window_extent()
        sizes[i] = bb.width, bb.height
        t.remove()
    pad = 3 * px_per_pt
    sizes = sizes + 2 * pad
    r = math.sqrt(point_size) / 2 * px_per_pt + 1  # marker radius in pixels
    psize = np.full((len(obs), 2), 2 * r)
    fixed = [a.get_window_extent() for a in avoid]
    hard_c = np.array([[(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2] for b in fixed]).reshape(-1, 2)
    hard_s = np.array([[b.width + 2 * pad, b.height + 2 * pad] for b in fixed]).reshape(-1, 2)
    if fixed:
        obs = np.vstack([obs, hard_c])
        psize = np.vstack([psize, hard_s])
    box = ax.bbox
    lo = np.array([box.x0, box.y0])
    hi = np.array([box.x1, box.y1])

    def clamp(c, s):
        return np.clip(c, lo + s / 2, np.maximum(hi - s / 2, lo + s / 2))

    order = list(range(n)) if priority is None else list(np.argsort(-np.asarray(priority, float), kind="stable"))
    centers = pts.copy()
    placed: list[int] = []
    for i in order:
        w, h = sizes[i]
        gap = r + 1
        cands = [(gap + w / 2, 0), (-gap - w / 2, 0), (0, gap + h / 2), (0, -gap - h / 2),
                 (gap + w / 2, gap + h / 2), (-gap - w / 2, gap + h / 2),
                 (gap + w / 2, -gap - h / 2), (-gap - w / 2, -gap - h / 2)]
        best, best_cost = None, np.inf
        for dx, dy in cands:
            c = clamp(pts[i] + (dx, dy), sizes[i])
            cost = 0.0
            if placed:
                cost += _overlap_area(c, sizes[i], centers[placed], sizes[placed])
            cost += _overlap_area(c, sizes[i], obs, psize)
            cost += np.hypot(*(c - pts[i] - (dx, dy))) * 0.01  # prefer positions not moved by clamping
            if cost < best_cost - 1e-9:
                best, best_cost = c, cost
        centers[i] = best
        placed.append(i)

    idx = np.arange(n)
    for it in range(max_iter):
        # first half: labels push each other and are pushed off points (weakly);
        # second half: labels only, so that no two labels are left overlapping
        with_points = it < max_iter // 2
        delta = np.zeros((n, 2))
        ox, oy = _overlap(centers[:, None, :], sizes[:, None, :], centers[None, :, :], sizes[None, :, :])
        hit = (ox > 0.5) & (oy > 0.5) & (idx[:, None] != idx[None, :])
        moved = bool(hit.any())
        if moved:
            diff = centers[:, None, :] - centers[None, :, :]
            tie = np.where(idx[:, None] < idx[None, :], 1.0, -1.0)
            sx = np.where(diff[..., 0] != 0, np.sign(diff[..., 0]), tie)
            sy = np.where(diff[..., 1] != 0, np.sign(diff[..., 1]), tie)
            # labels are wide and short: late on, separate them vertically only, which
            # also frees labels pinned against the left or right edge of the axes
            along_x = (ox < oy) & (it < (3 * max_iter) // 4)
            delta[:, 0] += np.sum(np.where(hit & along_x, sx * (ox / 2 + 0.5), 0.0), axis=1)
            delta[:, 1] += np.sum(np.where(hit & ~along_x, sy * (oy / 2 + 0.5), 0.0), axis=1)
        push = _push_off(centers, sizes, hard_c, hard_s) if len(hard_c) else None
        if push is not None:  # notes to keep clear: a label moves off them entirely
            moved = True
            delta += push
        push = _push_off(centers, sizes, obs, psize) if with_points else None
        if push is not None:
            moved = True
            limit = sizes / 4  # a crowd of points must not fling a label across the axes
            delta += np.clip(push * 0.25, -limit, limit)
        if not moved:
            if with_points:
                continue
            break
        centers = clamp(centers + delta, sizes)

    out = []
    for i, lab in enumerate(labels):
        off = (centers[i] - pts[i]) / px_per_pt
        # distance from the point to the label box, in pixels
        gx = max(abs(centers[i, 0] - pts[i, 0]) - sizes[i, 0] / 2, 0)
        gy = max(abs(centers[i, 1] - pts[i, 1]) - sizes[i, 1] / 2, 0)
        far = math.hypot(gx, gy) > r + 4 * px_per_pt
        arrow = dict(arrowstyle="-", color=_MUTED, linewidth=1.2, shrinkA=2, shrinkB=r / px_per_pt + 1) if far else None
        ann = ax.annotate(lab, xy=tuple(xy[i]), xytext=tuple(off), textcoords="offset points",
                          ha="center", va="center", fontsize=fontsize, arrowprops=arrow,
                          annotation_clip=False, **text_kw)
        ann.set_in_layout(False)
        out.append(ann)
    return out


# ---------------------------------------------------------------------------
# grouped rows with bold headers (actor stance, dispersion)
# ---------------------------------------------------------------------------

def _grouped_rows(groups: Sequence[tuple[str, Sequence[str]]], headers: bool = True):
    """y positions of ``(group, item)`` rows and the tick list ``(y, label, is_header)``."""
    pos, ticks, y = {}, [], 0.0
    for g, items in groups:
        if headers:
            ticks.append((y, str(g), True))
            y += 1
        for it in items:
            pos[(g, it)] = y
            ticks.append((y, str(it), False))
            y += 1
        y += 0.4 if headers else 0
    return pos, ticks


def _apply_row_ticks(ax, ticks, width: int = 28) -> None:
    ax.set_yticks([t[0] for t in ticks])
    ax.set_yticklabels(["\n".join(_shorten(line, width) for line in t[1].split("\n")) for t in ticks])
    for lab, t in zip(ax.get_yticklabels(), ticks):
        if t[2]:
            lab.set_fontweight("bold")
    ax.tick_params(axis="y", length=0)
    if ticks:
        ax.set_ylim(max(t[0] for t in ticks) + 0.7, min(t[0] for t in ticks) - 0.7)


# ---------------------------------------------------------------------------
# profile
# ---------------------------------------------------------------------------

def _profile_rates(data, by):
    """``(table with <by>, category, rate, ci_low, ci_high, by, has_ci)`` from any accepted input."""
    if hasattr(data, "rates") and isinstance(getattr(data, "rates"), pd.DataFrame):
        by = by or getattr(data, "by", None) or data.rates.columns[0]
        data = data.rates
    _require(data, ["category"], "profile table")
    cols = set(data.columns)
    if {"rate", "ci_low", "ci_high"} <= cols:
        by = by or data.columns[0]
        _require(data, [by], "rates table")
        return data[[by, "category", "rate", "ci_low", "ci_high"]], by, True
    if "article_id" in cols:  # scores: pool per group
        from .score import score_groups

        by = by or "outlet"
        _require(data, [by, "count", "n_words"], "scores table")
        pooled = score_groups(data, by=by)
        return pooled.assign(rate=pooled["per_1k"], ci_low=np.nan, ci_high=np.nan)[
            [by, "category", "rate", "ci_low", "ci_high"]], by, False
    if "per_1k" in cols:  # score_groups output
        by = by or data.columns[0]
        _require(data, [by], "grouped scores table")
        return data.assign(rate=data["per_1k"], ci_low=np.nan, ci_high=np.nan)[
            [by, "category", "rate", "ci_low", "ci_high"]], by, False
    raise InputError("profile table: expected Comparison.rates (rate, ci_low, ci_high), a scores "
                     "table (article_id, count, n_words) or score_groups output (per_1k); "
                     f"got columns {', '.join(map(str, data.columns))}")


def plot_profile(comparison_or_rates, *, ax=None, categories=None, colors=None, lexicon=None,
                 by=None, order=None, orient="v", stacked=False, legend=True):
    """Framing profile: rate of each category per group, as grouped bars with CIs.

    Groups (outlets) sit along the axis; within a group, one bar per category
    in the category's colour.  Whiskers show the confidence interval when the
    input has one.

    Parameters
    ----------
    comparison_or_rates : Comparison or DataFrame
        One of: a :class:`framing.compare.Comparison` or its ``.rates`` table
        (``<by>, category, ..., rate, ci_low, ci_high``: bars with CI
        whiskers); a scores table from :func:`framing.score_articles` (pooled
        rate per group, ``sum(count) / sum(n_words) * 1000``, no CIs); or
        :func:`framing.score_groups` output (``per_1k``, no CIs).
    ax : matplotlib Axes, optional
        Axes to draw on; default a new figure.
    categories : list of str, optional
        Categories to show, in this order.  Default: every category with a
        non-zero rate somewhere, in lexicon order.
    colors : dict, optional
        ``category -> colour``; see :func:`category_colors`.
    lexicon : Lexicon or str, optional
        Lexicon whose category colours to use.
    by : str, optional
        Grouping column.  Default: ``Comparison.by``, ``"outlet"`` for a scores
        table, else the first column.
    order : list, optional
        Groups to show, in this order.  Default: all, in table order.
    orient : {"v", "h"}, default="v"
        ``"h"`` draws horizontal bars (groups top to bottom), better for many
        groups or long names.
    stacked : bool, default=False
        One bar per group with a segment per category (its total is the rate
        of all the categories shown); for many groups.  No CI whiskers.
    legend : bool, default=True
        Draw the category legend (outside the axes, right).

    Returns
    -------
    matplotlib Axes

    See Also
    --------
    framing.compare_outlets : rates with bootstrap CIs.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing import plot
    >>> rates = pd.DataFrame({"outlet": ["A", "A", "B", "B"],
    ...                       "category": ["x", "y", "x", "y"],
    ...                       "rate": [2.0, 1.0, 3.0, 0.5],
    ...                       "ci_low": [1.5, 0.5, 2.0, 0.1],
    ...                       "ci_high": [2.5, 1.5, 4.0, 0.9]})
    >>> ax = plot.plot_profile(rates, colors={"x": "#D55E00", "y": "#0072B2"})
    >>> len(ax.patches), [t.get_text() for t in ax.get_xticklabels()]
    (4, ['A', 'B'])
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    if orient not in ("v", "h"):
        raise ValueError(f"orient must be 'v' or 'h', got {orient!r}")
    table, by, has_ci = _profile_rates(comparison_or_rates, by)
    groups = list(dict.fromkeys(table[by])) if order is None else list(order)
    if categories is None:
        nonzero = table.groupby("category", sort=False)["rate"].max()
        present = [c for c in dict.fromkeys(table["category"]) if nonzero.get(c, 0) > 0]
        col = _colors_for(present or list(dict.fromkeys(table["category"])), lexicon, colors)
        cats = list(col)
    else:
        cats = list(categories)
        col = _colors_for(cats, lexicon, colors)
    table = table[table["category"].isin(cats) & table[by].isin(groups)]
    if table.empty:
        raise InputError(f"profile table has no rows for categories {cats} and groups {groups}")
    ax = _get_ax(ax)
    grid = table.set_index([by, "category"])
    width = 0.7 if stacked else 0.8 / max(len(cats), 1)
    base = np.arange(len(groups), dtype=float)
    extent = ax.bbox.width if orient == "v" else ax.bbox.height
    bar_pt = extent * 72.0 / ax.figure.dpi / max(len(groups), 1) * width
    cap = float(np.clip(bar_pt * 0.3, 0.0, 3.0))  # whisker caps no wider than thin bars
    below = np.zeros(len(groups))
    for j, cat in enumerate(cats):
        idx = pd.MultiIndex.from_arrays([groups, [cat] * len(groups)])
        rows = grid.reindex(idx)
        rate = rows["rate"].to_numpy(float)
        pos = base if stacked else base - 0.4 + (j + 0.5) * width
        err = None
        if stacked:
            style_extra = {"bottom" if orient == "v" else "left": below.copy()}
            below += np.nan_to_num(rate)
        else:
            style_extra = {}
        if has_ci and not stacked:
            lo = np.clip(rate - rows["ci_low"].to_numpy(float), 0, None)
            hi = np.clip(rows["ci_high"].to_numpy(float) - rate, 0, None)
            err = np.vstack([lo, hi])
        ekw = dict(ecolor=_INK, elinewidth=LINE_WIDTH * 0.9, capsize=cap, capthick=LINE_WIDTH * 0.9)
        style = dict(color=col[cat], edgecolor=_INK, linewidth=0.6, label=cat, error_kw=ekw,
                     **style_extra)
        if orient == "v":
            ax.bar(pos, np.nan_to_num(rate), width, yerr=err, **style)
        else:
            ax.barh(pos, np.nan_to_num(rate), width, xerr=err, **style)
    labels = [_wrap(g, 18) for g in groups]
    level = getattr(comparison_or_rates, "ci", None)
    ci_name = f"{100 * level:g}% CI" if isinstance(level, float) and 0 < level < 1 else "with CI"
    what = "rate per 1,000 words" + (f" ({ci_name})" if has_ci and not stacked else "")
    if orient == "v":
        ax.set_xticks(base, labels)
        ax.set_ylabel(what, fontsize=LABEL_SIZE)
        ax.set_xlim(-0.6, len(groups) - 0.4)
        _style(ax, grid="y")
        ax.tick_params(axis="x", length=0)
        if max(len(s) for s in map(str, groups)) > 12 and len(groups) > 4:
            _slant(ax.get_xticklabels(), 30)
    else:
        ax.set_yticks(base, [_wrap(g, 26) for g in groups])
        ax.set_xlabel(what, fontsize=LABEL_SIZE)
        ax.set_ylim(len(groups) - 0.4, -0.6)
        _style(ax, grid="x")
        ax.tick_params(axis="y", length=0)
    if legend:
        _legend(ax, title="category")
    return ax


# ---------------------------------------------------------------------------
# term heatmap
# ---------------------------------------------------------------------------

def _leaf_order(values: np.ndarray) -> np.ndarray:
    """Order of the rows of ``values`` by average-linkage clustering (identity for < 3 rows)."""
    from scipy.cluster.hierarchy import leaves_list, linkage

    if values.shape[0] < 3:
        return np.arange(values.shape[0])
    return leaves_list(linkage(np.log1p(values), method="average", metric="euclidean",
                               optimal_ordering=True))


def _term_rates(matches, articles, by, include_quoted):
    """``(counts, rates)``: term x group tables; rates per 1,000 words of the group."""
    _require(matches, ["term"], "matches table")
    m = _with_by(_counted(matches, include_quoted), articles, by)
    counts = m.groupby(["term", by], sort=True).size().unstack(fill_value=0)
    if articles is None:
        return counts, None
    words = _group_words(articles, by)
    counts = counts.reindex(columns=words.index, fill_value=0)
    rates = counts.div(words.where(words > 0), axis=1) * 1000.0
    return counts, rates


def plot_term_heatmap(matches, articles=None, *, by="outlet", top=30, ax=None, colors=None,
                      lexicon=None, cluster=True, include_quoted=False, annotate=None,
                      cmap="Blues", colorbar=True, legend=True):
    """Heatmap of the most frequent terms (rows) by group (columns).

    Cells are hits per 1,000 words of the group (raw hit counts when no
    ``articles`` are given).  Rows and columns are ordered by hierarchical
    clustering (average linkage on ``log1p`` rates,
    :func:`scipy.cluster.hierarchy.leaves_list`), so that groups with similar
    vocabularies sit together.  Each term label sits on its category's
    colour.

    Parameters
    ----------
    matches : DataFrame
        From :func:`framing.find_matches`.
    articles : DataFrame, optional
        The articles table (for word counts, and for ``by`` when the matches
        lack that column).
    by : str, default="outlet"
        Grouping column (e.g. ``"outlet"`` or a leaning column).
    top : int, default=30
        Number of terms: the most frequent overall.
    ax : matplotlib Axes, optional
    colors, lexicon : optional
        Category colours, see :func:`category_colors`.
    cluster : bool, default=True
        Order rows and columns by clustering; False: rows by frequency,
        columns by name.
    include_quoted : bool, default=False
        Count hits inside quoted speech too (default: the outlet's own voice,
        as :func:`framing.score_articles`).
    annotate : bool, optional
        Write the value in each cell; default when there are at most 150 cells.
    cmap : str, default="Blues"
        Sequential colormap (light = rare).
    colorbar, legend : bool, default=True
        Draw the colour bar and the category legend (above the axes).

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> from framing import plot
    >>> m = pd.DataFrame({"article_id": ["1", "1", "2"], "outlet": ["A", "A", "B"],
    ...                   "term": ["coup", "regime", "coup"],
    ...                   "category": ["delegitimizing"] * 3, "voice": ["narrative"] * 3})
    >>> ax = plot.plot_term_heatmap(m)
    >>> ax.images[0].get_array().shape
    (2, 2)
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    _require(matches, ["term", "category"], "matches table")
    counts, rates = _term_rates(matches, articles, by, include_quoted)
    if counts.empty:
        raise InputError("plot_term_heatmap: no matches to plot"
                         + ("" if include_quoted else " (quoted hits are left out; include_quoted=True counts them)"))
    values = counts if rates is None else rates.fillna(0.0)
    totals = counts.sum(axis=1)
    keep = sorted(totals.index, key=lambda t: (-totals[t], str(t)))[:top]
    values = values.loc[keep]
    if cluster:
        values = values.iloc[_leaf_order(values.to_numpy(float))]
        values = values.iloc[:, _leaf_order(values.to_numpy(float).T)]
    cats, col = _term_colors(matches, values.index, lexicon, colors)
    ax = _get_ax(ax)
    arr = values.to_numpy(float)
    nr, nc = arr.shape
    vmax = float(np.nanmax(arr)) if arr.size and np.nanmax(arr) > 0 else 1.0
    im = ax.imshow(arr, aspect="auto", cmap=cmap, vmin=0, vmax=vmax, interpolation="nearest",
                   extent=(-0.5, nc - 0.5, nr - 0.5, -0.5))
    ax.set_xlim(-0.5, nc - 0.5)
    ax.set_ylim(nr - 0.5, -0.5)
    ax.set_yticks(np.arange(nr), [_shorten(t, 28) for t in values.index])
    if nc <= 3:
        ax.set_xticks(np.arange(nc), [_wrap(g, 16) for g in values.columns])
    else:
        ax.set_xticks(np.arange(nc), [_shorten(g, 24) for g in values.columns])
    ax.tick_params(labelsize=FONT_SIZE, length=0)
    ax.tick_params(axis="y", pad=6)
    for lab, c in zip(ax.get_yticklabels(), cats):  # each term on its category colour
        if c in col:
            lab.set_bbox(dict(boxstyle="round,pad=0.2", facecolor=col[c], edgecolor="none"))
            lab.set_color(_ink_on(col[c]))
    if nc > 8:  # many columns: vertical labels, one per column width
        _slant(ax.get_xticklabels(), 90, va="center")
    elif nc > 3:
        _slant(ax.get_xticklabels(), 40)
    for side in ax.spines.values():
        side.set_visible(False)
    if annotate is None:
        annotate = nr * nc <= 150
    if annotate:
        norm = im.norm
        cm = im.cmap
        digits = 0 if rates is None or vmax >= 10 else 1 if vmax >= 1 else 2
        for i in range(nr):
            for j in range(nc):
                v = arr[i, j]
                if v > 0:
                    ax.text(j, i, f"{v:.{digits}f}", ha="center", va="center", fontsize=FONT_SIZE,
                            color=_ink_on(cm(norm(v))))
    if colorbar:
        cb = ax.figure.colorbar(im, ax=ax, fraction=0.05, pad=0.02)
        cb.set_label("hits per 1,000 words" if rates is not None else "hits", fontsize=LABEL_SIZE)
        cb.ax.tick_params(labelsize=FONT_SIZE)
        cb.outline.set_visible(False)
    if legend:
        _category_legend(ax, col, title=None, where="top", max_cols=3)
    return ax


# ---------------------------------------------------------------------------
# keyness
# ---------------------------------------------------------------------------

def plot_keyness(terms_table, *, top=15, ax=None, labels=("A", "B"), colors=None, lexicon=None,
                 score="score"):
    """Diverging bars of the terms most distinctive of group A (right) and B (left).

    Parameters
    ----------
    terms_table : DataFrame
        :func:`framing.distinctive_terms` output: ``term, score`` (z-score,
        positive = distinctive of A), optionally ``method``, ``count_a``,
        ``count_b``, ``category``.
    top : int, default=15
        Terms per side: the ``top`` highest and the ``top`` lowest scores.
    ax : matplotlib Axes, optional
    labels : (str, str), default=("A", "B")
        Names of the two groups, written over each side.
    colors, lexicon : optional
        Bars take their term's category colour when the table has a
        ``category`` column or a lexicon is given (see
        :func:`category_colors`); otherwise dark grey for A and light grey
        for B.
    score : str, default="score"
        Column holding the signed score.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> from framing import plot
    >>> t = pd.DataFrame({"term": ["regime", "coup", "loyal", "oust"],
    ...                   "score": [3.1, 1.2, -0.8, -2.5]})
    >>> ax = plot.plot_keyness(t, labels=("Fox", "CNN"), top=1)
    >>> len(ax.patches)
    2
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    _require(terms_table, ["term", score], "terms table")
    t = terms_table[terms_table[score].notna()]
    pos = t[t[score] > 0].sort_values(score, ascending=False, kind="stable").head(top)
    neg = t[t[score] < 0].sort_values(score, ascending=True, kind="stable").head(top)
    rows = pd.concat([pos, neg.iloc[::-1]])
    if rows.empty:
        raise InputError("plot_keyness: no term has a non-zero score")
    cats = None
    if "category" in rows.columns:
        cats = rows["category"].tolist()
    elif lexicon is not None:
        entries = _as_lexicon(lexicon).to_frame()
        tc = dict(zip(entries["term"], entries["category"]))
        cats = [tc.get(term, "") for term in rows["term"]]
    ax = _get_ax(ax)
    vals = rows[score].to_numpy(float)
    y = np.arange(len(rows))
    if cats is not None:
        col = _colors_for([c for c in dict.fromkeys(cats) if c], lexicon, colors)
        bar_colors = [col.get(c, _SIDE_COLORS[1]) for c in cats]
    else:
        col = {}
        bar_colors = [_SIDE_COLORS[0] if v > 0 else _SIDE_COLORS[1] for v in vals]
    ax.barh(y, vals, 0.75, color=bar_colors, edgecolor=_INK, linewidth=0.6)
    span = float(np.max(np.abs(vals)))
    texts = []
    for yi, v, term in zip(y, vals, rows["term"]):  # labels sit across the zero line from the bar
        texts.append(ax.annotate(_shorten(term, 30), xy=(0, yi), xytext=(-4 if v > 0 else 4, 0),
                                 textcoords="offset points", ha="right" if v > 0 else "left",
                                 va="center", fontsize=FONT_SIZE, color=_INK))
    widths = np.array([t.get_window_extent().width for t in texts]) + 4 * ax.figure.dpi / 72
    lo = -span * 1.05 if len(neg) else 0.0
    hi = span * 1.05 if len(pos) else 0.0
    for _ in range(4):  # widen the x range until the labels fit (their width is fixed in pixels)
        ax.set_xlim(lo, hi)
        px = abs(ax.transData.transform((1, 0))[0] - ax.transData.transform((0, 0))[0])
        need_left = max(widths[vals > 0], default=0) / px
        need_right = max(widths[vals < 0], default=0) / px
        lo = min(-span * 1.05 if len(neg) else 0.0, -need_left * 1.05)
        hi = max(span * 1.05 if len(pos) else 0.0, need_right * 1.05)
    ax.set_xlim(lo, hi)
    ax.axvline(0, color=_INK, linewidth=1.2)
    ax.set_yticks([])
    ax.set_ylim(len(rows) - 0.4, -1.6)
    method = str(terms_table["method"].iloc[0]) if "method" in terms_table.columns and len(terms_table) else ""
    name = {"log_odds": "z-score of the log-odds ratio", "chi2": "signed chi-squared",
            "g2": "signed log-likelihood (G²)"}.get(method, "score")
    ax.set_xlabel(name, fontsize=LABEL_SIZE)
    a, b = labels
    ax.text(0.99, 1.0, f"more in {a} →", transform=ax.transAxes, ha="right", va="bottom",
            fontsize=FONT_SIZE, fontweight="bold", color=_INK)
    ax.text(0.01, 1.0, f"← more in {b}", transform=ax.transAxes, ha="left", va="bottom",
            fontsize=FONT_SIZE, fontweight="bold", color=_INK)
    _style(ax, grid="x")
    ax.spines["left"].set_visible(False)
    if cats is not None and col:
        _category_legend(ax, col)
    return ax


# ---------------------------------------------------------------------------
# actor stance
# ---------------------------------------------------------------------------

def plot_actor_stance(actor_profile_table, *, ax=None, by=None, top=10, voices=None, colors=None,
                      lexicon=None, value="net"):
    """How each outlet labels each actor: legitimizing (right) vs delegitimizing (left).

    For every actor x group the positive parts of ``net`` are summed into a
    bar to the right and the negative parts into a bar to the left, so an
    outlet that both praises and attacks an actor shows both.

    Parameters
    ----------
    actor_profile_table : DataFrame
        ``framing.actors.actor_profile`` output: ``<by>, actor, category,
        voice, count, weighted, net`` (``net > 0`` legitimizing).
    ax : matplotlib Axes, optional
    by : str, optional
        Grouping column; default the first column that is not one of the
        columns above.
    top : int, default=10
        Actors to show: those with the largest total ``|net|``.
    voices : list of str, optional
        Keep only rows with these voices (e.g. ``["narrative", "scare_quote"]``
        for the outlet's own voice).  Default: all rows.
    colors, lexicon : optional
        The bars use the ``legitimizing`` and ``delegitimizing`` category
        colours (default blue and vermillion, Okabe–Ito).
    value : str, default="net"
        Signed column to sum.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> from framing import plot
    >>> t = pd.DataFrame({"outlet": ["A", "A", "B"], "actor": ["Guaidó"] * 3,
    ...                   "category": ["delegitimizing", "legitimizing", "legitimizing"],
    ...                   "voice": ["narrative"] * 3, "count": [2, 1, 3],
    ...                   "weighted": [6.0, 2.0, 6.0], "net": [-6.0, 2.0, 6.0]})
    >>> ax = plot.plot_actor_stance(t)
    >>> len(ax.patches)
    4
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    known = {"actor", "category", "voice", "count", "weighted", "net", value}
    _require(actor_profile_table, ["actor", value], "actor profile table")
    df = actor_profile_table
    if by is None:
        by = _other_column(df, known, "actor profile table", "grouping")
    _require(df, [by], "actor profile table")
    if voices is not None:
        _require(df, ["voice"], "actor profile table")
        df = df[df["voice"].isin(list(voices))]
    if df.empty:
        raise InputError("plot_actor_stance: no rows to plot")
    v = df[value].astype(float)
    agg = df.assign(_pos=v.clip(lower=0), _neg=v.clip(upper=0)).groupby(["actor", by], sort=True)[
        ["_pos", "_neg"]].sum()
    size = (agg["_pos"] - agg["_neg"]).groupby(level=0).sum()
    actors = sorted(size.index, key=lambda a: (-size[a], str(a)))[:top]
    groups = [(a, [g for g in agg.loc[a].index]) for a in actors]
    pos, ticks = _grouped_rows(groups)
    col = _colors_for([_LEGIT[0], _DELEGIT[0]], lexicon, colors if colors is not None else
                      ({} if lexicon is not None else None))
    legit = col.get(_LEGIT[0]) or _LEGIT[1]
    delegit = col.get(_DELEGIT[0]) or _DELEGIT[1]
    ax = _get_ax(ax)
    ys = [pos[(a, g)] for a, items in groups for g in items]
    p = [agg.loc[(a, g), "_pos"] for a, items in groups for g in items]
    n = [agg.loc[(a, g), "_neg"] for a, items in groups for g in items]
    ax.barh(ys, p, 0.7, color=legit, edgecolor=_INK, linewidth=0.6, label="legitimizing (net > 0)")
    ax.barh(ys, n, 0.7, color=delegit, edgecolor=_INK, linewidth=0.6,
            label="delegitimizing (net < 0)")
    _style(ax, grid="x")
    _apply_row_ticks(ax, ticks, width=34)
    ax.axvline(0, color=_INK, linewidth=1.2)
    span = max(max(p, default=0), -min(n, default=0), 1e-9)
    ax.set_xlim(-span * 1.1, span * 1.1)
    ax.set_xlabel(f"weighted {'polarity' if value == 'net' else value}: "
                  "← delegitimizing · legitimizing →", fontsize=LABEL_SIZE)
    ax.spines["left"].set_visible(False)
    _legend(ax)
    return ax


# ---------------------------------------------------------------------------
# outlet map
# ---------------------------------------------------------------------------

def plot_outlet_map(map_table, *, ax=None, by=None, hue=None, palette=None, size="n_articles",
                    label=True):
    """Outlets as points on a 2-D map, labelled without overlaps.

    Parameters
    ----------
    map_table : DataFrame
        :func:`framing.outlet_map` output: ``<by>, x, y, n_articles`` (extra
        columns, e.g. a leaning to colour by, are fine).
    ax : matplotlib Axes, optional
    by : str, optional
        Label column; default the first column that is not ``x``, ``y``,
        ``n_articles`` or ``hue``.
    hue : str, optional
        Column to colour points by (e.g. ``"bias_text"``).
    palette : dict, optional
        ``hue value -> colour`` (its order is the legend's); default Okabe–Ito
        in sorted order of values.
    size : str or None, default="n_articles"
        Column scaling point areas; None for equal points.
    label : bool, default=True
        Label every point.  Labels are placed by a small deterministic
        repulsion routine (no extra dependency) and get a leader line when
        they had to move away from their point.

    Returns
    -------
    matplotlib Axes

    Notes
    -----
    The two axes of a PCA/MDS map have no units; distances between points are
    what to read, so the aspect ratio is equal.  When the table carries
    ``attrs["explained_variance_ratio"]`` (PCA), the axis labels show it.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing import plot
    >>> m = pd.DataFrame({"outlet": ["A", "B", "C"], "x": [0.0, 1.0, 0.5],
    ...                   "y": [0.0, 0.1, 1.0], "n_articles": [10, 20, 5]})
    >>> ax = plot.plot_outlet_map(m)
    >>> sorted(t.get_text() for t in ax.texts)
    ['A', 'B', 'C']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    _require(map_table, ["x", "y"], "map table")
    df = map_table.reset_index(drop=True)
    if by is None:
        by = _other_column(df, {"x", "y", "n_articles", hue}, "map table", "label")
    _require(df, [by], "map table")
    ax = _get_ax(ax)
    if size and size in df.columns and df[size].max() > 0:
        s = 60 + 340 * np.sqrt(df[size].astype(float) / float(df[size].max()))
    else:
        s = np.full(len(df), 120.0)
    if hue is not None:
        _require(df, [hue], "map table")
        present = set(df[hue].dropna())
        levels = [v for v in (palette or {}) if v in present]  # palette order first
        levels += sorted(present - set(levels), key=str)
        pal = _palette(levels, palette)
        pcol = [pal.get(v, "#999999") for v in df[hue]]
    else:
        pcol = ["#4D4D4D"] * len(df)
    ax.scatter(df["x"], df["y"], s=s, c=pcol, edgecolors="white", linewidths=1.2, zorder=3)
    _style(ax)
    share = map_table.attrs.get("explained_variance_ratio") if hasattr(map_table, "attrs") else None
    for k, setter in enumerate((ax.set_xlabel, ax.set_ylabel)):
        extra = ""
        if share is not None and len(share) > k and np.isfinite(share[k]):
            extra = f" ({100 * share[k]:.0f}% of variance)"
        setter(f"dimension {k + 1}{extra}", fontsize=LABEL_SIZE)
    ax.set_aspect("equal", adjustable="datalim")
    ax.margins(0.15)
    if hue is not None:
        handles = [Line2D([], [], marker="o", linestyle="", markersize=10, markerfacecolor=pal[lv],
                          markeredgecolor="white", label=str(lv)) for lv in levels]
        _legend(ax, handles, [str(lv) for lv in levels], title=hue)
    if label:
        _place_labels(ax, df["x"], df["y"], df[by].map(lambda v: _shorten(v, 30)),
                      point_size=float(np.max(s)), priority=s, color=_INK)
    return ax


# ---------------------------------------------------------------------------
# dispersion ("x-ray")
# ---------------------------------------------------------------------------

def _article_label(row, width=34, two_lines=False) -> str:
    """``outlet: title`` (or the article id when there is no title), fitted to ``width``."""
    outlet = row.get("outlet", "")
    outlet = "" if not isinstance(outlet, str) else outlet
    title = row.get("title", "")
    title = title if isinstance(title, str) and title.strip() else str(row["article_id"])
    if not outlet:
        return _shorten(title, width)
    if two_lines:
        return f"{_shorten(outlet, width)}\n{_shorten(title, 2 * width)}"
    outlet = _shorten(outlet, max(width // 2, 12))
    return f"{outlet}: {_shorten(title, max(width - len(outlet) - 2, 12))}"


def plot_dispersion(matches, articles, *, terms=None, ax=None, colors=None, lexicon=None,
                    max_articles=20, legend=True):
    """Where the loaded terms fall along each article (a lexical dispersion "x-ray").

    x is the relative position of a hit (``start / len(text)``: 0 = first
    character, 1 = last).  Without ``terms``: one row per article, one tick
    per hit in its category colour.  With ``terms``: one row per article x
    term, grouped under a bold article heading.  Hits inside quoted speech
    are half-height ticks; narrative and scare-quote hits full ticks.

    Parameters
    ----------
    matches : DataFrame
        From :func:`framing.find_matches` (``article_id, term, category,
        start``; ``voice`` optional).
    articles : DataFrame
        The articles table (``article_id, text``; ``outlet``, ``title`` label
        the rows).
    terms : list of str, optional
        Terms to show, one row each per article.
    ax : matplotlib Axes, optional
    colors, lexicon : optional
        Category colours, see :func:`category_colors`.
    max_articles : int, default=20
        At most this many articles: those with the most hits (ties: table
        order).
    legend : bool, default=True
        Draw the category legend (outside the axes, right).

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> from framing import plot
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["the regime fell"]})
    >>> m = pd.DataFrame({"article_id": ["a"], "term": ["regime"], "category": ["delegitimizing"],
    ...                   "start": [4], "voice": ["narrative"]})
    >>> ax = plot.plot_dispersion(m, arts)
    >>> [t.get_text().splitlines() for t in ax.get_yticklabels()]  # outlet, title (or id)
    [['X', 'a']]
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    _require(matches, ["article_id", "term", "category", "start"], "matches table")
    _require(articles, ["article_id", "text"], "articles table")
    m = matches
    if terms is not None:
        terms = list(terms)
        m = m[m["term"].isin(terms)]
    arts = articles.drop_duplicates("article_id").set_index("article_id", drop=False)
    lengths = arts["text"].map(lambda t: len(t) if isinstance(t, str) else 0)
    m = m[m["article_id"].isin(arts.index)]
    hits = m.groupby("article_id", sort=False).size()
    order = [a for a in arts.index if a in hits.index]
    order = sorted(order, key=lambda a: -hits[a])[:max_articles]
    if terms is None and not order:
        order = list(arts.index[:max_articles])
    m = m[m["article_id"].isin(order)]
    col = _colors_for(list(dict.fromkeys(m["category"])), lexicon, colors)
    cats = list(col)  # lexicon order
    ax = _get_ax(ax)
    if terms is None:
        y_of = {a: i for i, a in enumerate(order)}
        row_pt = ax.bbox.height * 72.0 / ax.figure.dpi / max(len(order), 1)
        two = row_pt >= 2.8 * FONT_SIZE  # room for "outlet / title" on two lines
        ticks = [(i, _article_label(arts.loc[a], 17 if two else 34, two_lines=two), False)
                 for i, a in enumerate(order)]
        ys = m["article_id"].map(y_of)
    else:
        groups = [(_article_label(arts.loc[a]), terms) for a in order]
        pos, ticks = _grouped_rows(groups)
        label_of = {a: _article_label(arts.loc[a]) for a in order}
        ys = pd.Series([pos[(label_of[a], t)] for a, t in zip(m["article_id"], m["term"])],
                       index=m.index, dtype=float)
    xs = m["start"].astype(float) / m["article_id"].map(lengths).replace(0, np.nan).astype(float)
    quoted = m["voice"].eq("quoted") if "voice" in m.columns else pd.Series(False, index=m.index)
    height = 0.7
    for cat in cats:
        for q, (top, bottom) in ((False, (-height / 2, height / 2)), (True, (0.0, height / 2))):
            sel = (m["category"] == cat) & (quoted == q)
            if not sel.any():
                continue
            # y grows downwards: quoted hits are the lower half of a tick
            ax.vlines(xs[sel], ys[sel] + top, ys[sel] + bottom, colors=col[cat],
                      linewidth=3.0, label=cat if not q else None, path_effects=_outline(col[cat]))
    _style(ax, grid="x")
    _apply_row_ticks(ax, ticks, width=34)
    ax.set_xlim(-0.01, 1.01)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["start", "¼", "½", "¾", "end"])
    ax.set_xlabel("position in the article", fontsize=LABEL_SIZE)
    ax.spines["left"].set_visible(False)
    if legend and cats:
        handles = [Line2D([], [], color=col[c], linewidth=4, label=c) for c in cats]
        labels = list(cats)
        if quoted.any():
            handles.append(Line2D([], [], color=_MUTED, marker="|", markersize=7,
                                  markeredgewidth=3, linestyle=""))
            labels.append("(half tick: quoted speech)")
        _legend(ax, handles, labels, title="category")
    return ax


# ---------------------------------------------------------------------------
# term scatter
# ---------------------------------------------------------------------------

def _unstack(x: pd.Series, y: pd.Series, spread: float = 0.011):
    """Spread points sharing coordinates over a small sunflower disc (log space), deterministically."""
    lx, ly = np.log10(x.to_numpy(float)), np.log10(y.to_numpy(float))
    span = max(np.ptp(np.r_[lx, ly]), 0.5)
    key = pd.Series(list(zip(np.round(lx, 9), np.round(ly, 9))))
    golden = np.pi * (3 - np.sqrt(5))
    for idx in key.groupby(key, sort=False).indices.values():
        if len(idx) < 2:
            continue
        j = np.arange(len(idx))
        r = spread * span * np.sqrt(j + 0.5) * 1.6
        lx[idx] += r * np.cos(j * golden)
        ly[idx] += r * np.sin(j * golden)
    return (pd.Series(10 ** lx, index=x.index), pd.Series(10 ** ly, index=y.index))


def plot_term_scatter(matches, articles, *, by="outlet", a=None, b=None, ax=None, label_top=15,
                      colors=None, lexicon=None, pseudocount=0.5, include_quoted=False,
                      legend=True):
    """Frequency of each term in group A against group B (static, scattertext-style).

    Both axes are hits per 1,000 words of the group on a log scale; a
    pseudo-count of ``pseudocount`` hits is added so that a term absent from
    one group still shows (at that group's floor).  Terms above the diagonal
    are used more by B, below it more by A.  Terms with exactly the same
    counts are spread over a small disc around their common point (a
    deterministic sunflower pattern) so that each stays visible.  The ``label_top`` terms that are frequent and
    lopsided (``(|log ratio| + 0.5) * sqrt(total count)``) are labelled.

    Parameters
    ----------
    matches : DataFrame
        From :func:`framing.find_matches`.
    articles : DataFrame
        The articles table (word counts per group).
    by : str, default="outlet"
        Grouping column (in ``articles``; joined onto the matches if needed).
    a, b : optional
        The two groups (x = A, y = B).  Default: the two groups with the most
        articles.
    ax : matplotlib Axes, optional
    label_top : int, default=15
        Terms to label: the most frequent and lopsided ones; 0 for none.
    colors, lexicon : optional
        Category colours, see :func:`category_colors`.
    pseudocount : float, default=0.5
        Hits added to every count, so that a term absent from one group still shows.
    include_quoted : bool, default=False
        Count quoted-speech hits too.
    legend : bool, default=True
        Draw the category legend (outside the axes, right).

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> from framing import plot
    >>> arts = pd.DataFrame({"article_id": ["1", "2"], "outlet": ["A", "B"],
    ...                      "text": ["the regime and the coup", "the coup"]})
    >>> m = pd.DataFrame({"article_id": ["1", "1", "2"], "outlet": ["A", "A", "B"],
    ...                   "term": ["regime", "coup", "coup"], "category": ["x"] * 3,
    ...                   "voice": ["narrative"] * 3})
    >>> ax = plot.plot_term_scatter(m, arts, a="A", b="B")
    >>> ax.get_xscale(), len(ax.collections[0].get_offsets())
    ('log', 2)
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    _require(matches, ["term", "category"], "matches table")
    _require(articles, ["article_id", by], "articles table")
    if a is None or b is None:
        top2 = _top_groups(articles, by, 2)
        if len(top2) < 2:
            raise InputError(f"plot_term_scatter needs two groups in column {by!r}; found {top2}")
        a = top2[0] if a is None else a
        b = ([g for g in top2 if g != a] or top2)[0] if b is None else b
    groups = set(articles[by].dropna())
    for g in (a, b):
        if g not in groups:
            raise InputError(f"plot_term_scatter: group {g!r} not in column {by!r} "
                             f"(groups: {', '.join(map(str, sorted(groups, key=str)))})")
    counts, _ = _term_rates(matches, articles, by, include_quoted)
    words = _group_words(articles, by)
    counts = counts.reindex(columns=[a, b], fill_value=0)
    counts = counts[(counts[a] + counts[b]) > 0]
    if counts.empty:
        raise InputError(f"plot_term_scatter: no hits in {a!r} or {b!r}")
    wa, wb = float(words.get(a, 0)), float(words.get(b, 0))
    if wa <= 0 or wb <= 0:
        raise InputError(f"plot_term_scatter: group {a if wa <= 0 else b!r} has no words")
    ra = (counts[a] + pseudocount) / wa * 1000
    rb = (counts[b] + pseudocount) / wb * 1000
    ra, rb = _unstack(ra, rb)
    cats, col = _term_colors(matches, counts.index, lexicon, colors)
    ax = _get_ax(ax)
    total = counts[a] + counts[b]
    s = 30 + 120 * np.sqrt(total / total.max())
    ax.scatter(ra, rb, s=s, c=[col.get(c, "#999999") for c in cats], edgecolors=_INK,
               linewidths=0.6, alpha=0.9, zorder=3)
    ax.set_xscale("log")
    ax.set_yscale("log")
    lo = min(ra.min(), rb.min()) / 1.6
    hi = max(ra.max(), rb.max()) * 1.6
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    side_pt = min(ax.bbox.width, ax.bbox.height) * 72.0 / ax.figure.dpi
    per_decade = side_pt / max(math.log10(hi / lo), 1e-9)
    subs = (1.0, 2.0, 5.0) if per_decade >= 170 else (1.0,)  # 1-2-5 ticks only when they fit
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(LogLocator(base=10, subs=subs))
        axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        axis.set_minor_formatter(NullFormatter())
    ax.plot([lo, hi], [lo, hi], color=_MUTED, linestyle="--", linewidth=1.5, zorder=1)
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel(_wrap(f"{a}: hits per 1,000 words", 40), fontsize=LABEL_SIZE)
    ax.set_ylabel(_wrap(f"{b}: hits per 1,000 words", 40), fontsize=LABEL_SIZE)
    _style(ax)
    notes = [ax.text(0.97, 0.03, f"more in {_shorten(a, 24)}", transform=ax.transAxes, ha="right",
                     va="bottom", fontsize=FONT_SIZE, color=_MUTED, fontstyle="italic"),
             ax.text(0.03, 0.97, f"more in {_shorten(b, 24)}", transform=ax.transAxes, ha="left",
                     va="top", fontsize=FONT_SIZE, color=_MUTED, fontstyle="italic")]
    if legend:
        _category_legend(ax, col)
    if label_top:
        key = (np.abs(np.log((counts[a] + pseudocount) / wa / ((counts[b] + pseudocount) / wb)))
               + 0.5) * np.sqrt(total)
        chosen = sorted(range(len(counts)), key=lambda i: (-key.iloc[i], str(counts.index[i])))[:label_top]
        _place_labels(ax, ra.iloc[chosen], rb.iloc[chosen], [counts.index[i] for i in chosen],
                      point_size=float(np.max(s)), priority=key.iloc[chosen].to_numpy(),
                      obstacles=np.column_stack([ra, rb]), avoid=notes, color=_INK)
    return ax


# ---------------------------------------------------------------------------
# timeline
# ---------------------------------------------------------------------------

def plot_timeline(scores, *, by="outlet", freq="M", category=None, ax=None, groups=None, top=6,
                  colors=None, lexicon=None, palette=None, min_articles=1, legend=True):
    """Rate of loaded terms over time, one line per group (or per category).

    Each point pools the articles of one period (drawn at the period's start):
    ``sum(count) / sum(n_words) * 1000``.  Periods without articles are gaps,
    not zeros.

    Parameters
    ----------
    scores : DataFrame
        From :func:`framing.score_articles`; needs a ``date`` column (articles
        without a date are left out).
    by : str or None, default="outlet"
        One line per value of this column.  None: one line per category, in
        the category colours.
    freq : str, default="M"
        pandas period frequency: ``"W"``, ``"M"``, ``"Q"``, ``"Y"`` (the
        offset spellings ``"ME"``, ``"QE"``, ``"YE"`` are accepted too).
    category : str or list of str, optional
        Categories to count (default: all, summed).
    ax : matplotlib Axes, optional
    groups : list, optional
        Groups to draw; default the ``top`` groups with the most articles.
    top : int, default=6
        Number of groups drawn when ``groups`` is not given.
    colors, lexicon : optional
        Category colours when ``by`` is None.
    palette : dict, optional
        ``group -> colour`` when ``by`` is set (default Okabe–Ito in order).
    min_articles : int, default=1
        Periods with fewer articles in a group are left out (gaps): raise it
        so that a period with two articles does not draw a spike.
    legend : bool, default=True
        Draw the legend of the lines (outside the axes, right).

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> from framing import plot
    >>> s = pd.DataFrame({"article_id": ["1", "2", "3"], "outlet": ["A", "A", "B"],
    ...                   "date": pd.to_datetime(["2019-01-05", "2019-02-05", "2019-01-07"]),
    ...                   "category": ["x"] * 3, "count": [1, 2, 3], "n_words": [100] * 3})
    >>> ax = plot.plot_timeline(s)
    >>> [line.get_label() for line in ax.get_lines()]
    ['A', 'B']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    _require(scores, ["article_id", "date", "category", "count", "n_words"], "scores table")
    df = scores[scores["date"].notna()]
    if not pd.api.types.is_datetime64_any_dtype(df["date"]):
        df = df.assign(date=pd.to_datetime(df["date"], errors="coerce"))
        df = df[df["date"].notna()]
    if category is not None:
        cats = [category] if isinstance(category, str) else list(category)
        df = df[df["category"].isin(cats)]
    if df.empty:
        raise InputError("plot_timeline: no dated rows to plot"
                         + (f" for category {category!r}" if category is not None else ""))
    f = _period_freq(freq)
    df = df.assign(_period=df["date"].dt.tz_localize(None).dt.to_period(f)
                   if getattr(df["date"].dt, "tz", None) is not None else df["date"].dt.to_period(f))
    ax = _get_ax(ax)
    if by is None:
        col = _colors_for(list(dict.fromkeys(df["category"])), lexicon, colors)
        keys = list(col)
        key_col = "category"
        counts = df.groupby(["category", "_period"])["count"].sum()
        arts = df.drop_duplicates(["article_id", "category"]).groupby(["category", "_period"]).agg(
            words=("n_words", "sum"), n=("article_id", "nunique"))
    else:
        _require(df, [by], "scores table")
        key_col = by
        keys = _top_groups(df, by, top) if groups is None else list(groups)
        df = df[df[by].isin(keys)]
        col = _palette(keys, palette)
        counts = df.groupby([by, "_period"])["count"].sum()
        arts = df.drop_duplicates("article_id").groupby([by, "_period"]).agg(
            words=("n_words", "sum"), n=("article_id", "nunique"))
    table = arts.join(counts.rename("count"), how="left")
    table["rate"] = (table["count"] * 1000.0 / table["words"].where(table["words"] > 0))
    table.loc[table["n"] < min_articles, "rate"] = np.nan
    span = pd.period_range(df["_period"].min(), df["_period"].max(), freq=df["_period"].min().freq)
    markers = ["o", "s", "^", "D", "v", "P", "X", "*"]
    for i, k in enumerate(keys):
        if k not in table.index.get_level_values(0):
            continue
        full = table.loc[k]["rate"].reindex(span)  # missing periods become gaps
        ax.plot(full.index.start_time, full.to_numpy(), color=col[k], linewidth=LINE_WIDTH + 0.5,
                marker=markers[i % len(markers)], markersize=7, label=_shorten(k, 30),
                path_effects=_outline(col[k]))
    what = ("all categories" if category is None else
            (category if isinstance(category, str) else ", ".join(category)))
    ax.set_ylabel(f"rate per 1,000 words\n({_shorten(what, 40)})" if by is not None
                  else "rate per 1,000 words", fontsize=LABEL_SIZE)
    ax.set_ylim(bottom=0)
    _style(ax, grid="y")
    for t in ax.get_xticklabels():
        t.set_fontsize(FONT_SIZE)
    if legend:
        _legend(ax, title=key_col)
    return ax


# ---------------------------------------------------------------------------
# side by side
# ---------------------------------------------------------------------------

def _chip(ax, x, y, text, color, voice, ha):
    """A term label coloured by category: filled (narrative), ‘filled’ (scare quote),
    “outlined” (quoted speech)."""
    lw = 2.0
    if voice == "quoted":
        t = ax.text(x, y, f"“{text}”", ha=ha, va="center", fontsize=FONT_SIZE, color=_INK,
                    fontstyle="italic",
                    bbox=dict(boxstyle="round,pad=0.3", facecolor="white", edgecolor=color, linewidth=lw))
    else:
        label = f"‘{text}’" if voice == "scare_quote" else text
        t = ax.text(x, y, label, ha=ha, va="center", fontsize=FONT_SIZE, color=_ink_on(color),
                    bbox=dict(boxstyle="round,pad=0.3", facecolor=color, edgecolor=color, linewidth=lw))
    t.set_gid(f"chip:{voice}")
    return t


def _spread(ys: list[float], gap: float = 1.0, lo: float = 0.0) -> list[float]:
    """Move sorted positions apart to at least ``gap``, keeping them as near as possible."""
    out = []
    for y in ys:
        out.append(max(y, (out[-1] + gap) if out else lo))
    return out


def plot_side_by_side(alignment_or_matches, articles=None, *, a=None, b=None, ax=None,
                      labels=None, colors=None, lexicon=None, all_pairs=False, max_rows=60,
                      legend=True):
    """The loaded terms of two articles side by side, coloured by category.

    Two columns of term labels, article A left and B right.  Each label is
    coloured by its category and marked by voice: filled = the outlet's
    narrative voice, filled with ‘single quotes’ = scare quotes, white with a
    coloured border and “double quotes” = quoted speech.

    The column headings sit just above the axes (use ``ax.set_title(...,
    pad=40)`` or a figure title to add one).

    - Given an :func:`framing.align_articles` table, rows are aligned sentence
      pairs (``sentence_a ↔ sentence_b`` in the middle, 1-based); only pairs
      with a term on either side are shown unless ``all_pairs``.
    - Given a matches table, ``a`` and ``b`` name two article ids and terms
      are placed by their relative position in the article (top = start),
      moved apart just enough not to overlap.

    Parameters
    ----------
    alignment_or_matches : DataFrame
        ``pair, sentence_a, sentence_b, terms_a, terms_b, ...`` or a matches
        table (``article_id, term, matched_text, category, start, voice``).
    articles : DataFrame, optional
        With a matches table: the articles table, for text lengths and column
        headings (outlet, date).
    a, b : str, optional
        With a matches table: the two article ids (default: the first two
        articles).
    ax : matplotlib Axes, optional
    labels : (str, str), optional
        Column headings.  Default: outlet and date from ``articles``, else
        ``("A", "B")``.
    colors, lexicon : optional
        Category colours, see :func:`category_colors`.
    all_pairs : bool, default=False
        Alignment: also show sentence pairs without loaded terms.
    max_rows : int, default=60
        At most this many rows (alignment) or labels per side (matches).
    legend : bool, default=True
        Draw the category and voice legend (below the axes).

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> from framing import plot
    >>> al = pd.DataFrame({"pair": [0], "sentence_a": [0], "sentence_b": [1],
    ...     "text_a": ["x"], "text_b": ["y"], "similarity": [0.8],
    ...     "terms_a": [[{"term": "regime", "matched_text": "regime",
    ...                   "category": "delegitimizing", "voice": "narrative"}]],
    ...     "terms_b": [[]]})
    >>> ax = plot.plot_side_by_side(al, labels=("Fox", "CNN"))
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "chip:narrative"]
    ['regime']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    data = alignment_or_matches
    if not isinstance(data, pd.DataFrame):
        raise InputError(f"plot_side_by_side: expected an alignment or matches DataFrame, "
                         f"got {type(data).__name__}")
    xl, xr = 0.44, 0.56
    chips = []  # (side, y, text, category, voice)
    centre = []  # (y, text)
    separators = []
    if {"terms_a", "terms_b"} <= set(data.columns):
        _require(data, ["sentence_a", "sentence_b", "terms_a", "terms_b"], "alignment table")
        y = 0.0
        nrows = 0
        for row in data.itertuples(index=False):
            ta = list(row.terms_a) if isinstance(row.terms_a, (list, tuple)) else []
            tb = list(row.terms_b) if isinstance(row.terms_b, (list, tuple)) else []
            if not (ta or tb or all_pairs):
                continue
            if nrows >= max_rows:
                break
            k = max(len(ta), len(tb), 1)
            for side, terms in (("a", ta), ("b", tb)):
                for i, d in enumerate(terms):
                    chips.append((side, y + i, d.get("matched_text") or d.get("term", ""),
                                  d.get("category", ""), d.get("voice", "narrative")))
            sa = int(row.sentence_a)
            sb = int(row.sentence_b)
            centre.append((y + (k - 1) / 2, f"{sa + 1 if sa >= 0 else '–'} ↔ {sb + 1 if sb >= 0 else '–'}"))
            y += k
            separators.append(y - 0.5)
            nrows += 1
        separators = separators[:-1]
        height = max(y, 1.0)
        mid_title = "sentence"
        if labels is None:
            labels = ("A", "B")
    else:
        _require(data, ["article_id", "term", "category", "start"], "matches table")
        ids = list(dict.fromkeys(articles["article_id"] if articles is not None else data["article_id"]))
        if a is None or b is None:
            rest = [i for i in ids if i not in (a, b)]
            a = a if a is not None else rest.pop(0) if rest else None
            b = b if b is not None else rest.pop(0) if rest else None
        if a is None or b is None:
            raise InputError("plot_side_by_side needs two articles; name them with a= and b=")
        lengths = {}
        if articles is not None:
            _require(articles, ["article_id", "text"], "articles table")
            arts = articles.drop_duplicates("article_id").set_index("article_id", drop=False)
            for i in (a, b):
                if i not in arts.index:
                    raise InputError(f"plot_side_by_side: article {i!r} not in the articles table")
                lengths[i] = len(arts.loc[i, "text"] or "")
            if labels is None:
                labels = tuple(_article_label(arts.loc[i], 30, two_lines=True) for i in (a, b))
        elif labels is None:
            labels = (str(a), str(b))
        per_side = {}
        for side, aid in (("a", a), ("b", b)):
            sub = data[data["article_id"] == aid].sort_values("start", kind="stable").head(max_rows)
            per_side[side] = sub
            if aid not in lengths:
                lengths[aid] = int(data.loc[data["article_id"] == aid, "end"].max()) if "end" in data.columns and len(sub) else 1
        n = max(max(len(s) for s in per_side.values()), 1)
        height = float(n)
        for side, aid in (("a", a), ("b", b)):
            sub = per_side[side]
            rel = (sub["start"].astype(float) / max(lengths[aid], 1)).tolist()
            ys = _spread([r * (n - 1) for r in rel], 1.0)
            text_col = "matched_text" if "matched_text" in sub.columns else "term"
            voices = sub["voice"] if "voice" in sub.columns else pd.Series("narrative", index=sub.index)
            for yy, t, c, v in zip(ys, sub[text_col], sub["category"], voices):
                chips.append((side, yy, t, c, v))
            height = max(height, (ys[-1] + 1) if ys else 0)
        mid_title = None
    cats = list(dict.fromkeys(c[3] for c in chips))
    col = _colors_for(cats, lexicon, colors)
    ax = _get_ax(ax)
    for side, y, text, cat, voice in chips:
        _chip(ax, xl if side == "a" else xr, y, _shorten(text, 32), col.get(cat, "#999999"),
              voice, "right" if side == "a" else "left")
    for y, text in centre:
        ax.text(0.5, y, text, ha="center", va="center", fontsize=FONT_SIZE, color=_MUTED)
    for y in separators:
        ax.plot([0.02, 0.98], [y, y], color=_GRID, linewidth=1.0, zorder=0)
    top = ax.get_xaxis_transform()  # x in data, y in axes fraction: headings above the axes
    if mid_title is None:  # a start -> end arrow down the middle
        ax.annotate("", xy=(0.5, height - 0.5), xytext=(0.5, -0.4),
                    arrowprops=dict(arrowstyle="-|>", color=_MUTED, linewidth=1.5))
        ax.text(0.5, -0.6, "start", ha="center", va="center", fontsize=FONT_SIZE, color=_MUTED)
        ax.text(0.5, height - 0.3, "end", ha="center", va="top", fontsize=FONT_SIZE, color=_MUTED)
    else:
        ax.text(0.5, -0.8, mid_title, ha="center", va="center", fontsize=FONT_SIZE, color=_MUTED)
    la, lb = labels
    ax.text(xl, 1.0, _wrap_lines(la, 30), transform=top, ha="right", va="bottom",
            fontsize=LABEL_SIZE, fontweight="bold")
    ax.text(xr, 1.0, _wrap_lines(lb, 30), transform=top, ha="left", va="bottom",
            fontsize=LABEL_SIZE, fontweight="bold")
    ax.set_xlim(0, 1)
    ax.set_ylim(height if mid_title is None else height - 0.4, -1.2)
    ax.set_axis_off()
    need = (height + 1.2) * FONT_SIZE * 1.9  # points: one label row is about 1.9 font sizes tall
    have = ax.bbox.height * 72.0 / ax.figure.dpi
    if need > have * 1.05:
        warnings.warn(f"plot_side_by_side: {height:.0f} rows of labels need about "
                      f"{need / 72:.1f} inches of axes height, the axes has {have / 72:.1f}; "
                      "labels will overlap (use a taller figure)", FramingWarning, stacklevel=2)
    if legend and cats:
        handles = _category_handles(col, cats)
        handles += [Patch(facecolor="#BBBBBB", edgecolor="#BBBBBB", label="narrative"),
                    Patch(facecolor="#BBBBBB", edgecolor="#BBBBBB", label="‘scare quotes’"),
                    Patch(facecolor="white", edgecolor="#777777", linewidth=2, label="“quoted speech”")]
        _legend(ax, handles, [h.get_label() for h in handles], where="below", ncols=3)
    return ax


# ---------------------------------------------------------------------------
# dashboard
# ---------------------------------------------------------------------------

def dashboard(matches, articles, scores=None, comparison=None, *, lexicon=None, fig=None,
              by="outlet", top_terms=20, max_articles=12):
    """Several charts on one figure, for a report or a slide.

    Three columns: the framing profile (with CIs when ``comparison`` is
    given) over the dispersion "x-ray" of the articles with the most hits;
    the term heatmap; and either the two articles side by side (when there
    are exactly two articles) or the term scatter of the two largest groups
    over the timeline (when the articles have dates in more than one month).

    Parameters
    ----------
    matches : DataFrame
        From :func:`framing.find_matches`.
    articles : DataFrame
        The articles table.
    scores : DataFrame, optional
        From :func:`framing.score_articles`; computed when not given.
    comparison : Comparison, optional
        From :func:`framing.compare_outlets`; gives the profile its CIs.
    lexicon : Lexicon or str, optional
        For category colours (default: the built-in lexicons' colours).
    fig : matplotlib Figure, optional
        Figure to draw on (cleared first); give it ``layout="constrained"``.
        Default: a new 20 x 10 inch figure with constrained layout.
    by : str, default="outlet"
        Grouping column.
    top_terms : int, default=20
        Rows of the heatmap.
    max_articles : int, default=12
        Rows of the dispersion plot.

    Returns
    -------
    matplotlib Figure

    Examples
    --------
    >>> import framing
    >>> from framing import plot
    >>> arts = framing.read_articles("seeds/")                      # doctest: +SKIP
    >>> m = framing.find_matches(arts, "venezuela-2019")            # doctest: +SKIP
    >>> fig = plot.dashboard(m, arts, lexicon="venezuela-2019")     # doctest: +SKIP
    >>> fig.savefig("dashboard.png", dpi=80)                        # doctest: +SKIP
    """
    from .score import score_articles

    _require(matches, ["article_id", "term", "category"], "matches table")
    _require(articles, ["article_id", "text", by], "articles table")
    if lexicon is not None:
        lexicon = _as_lexicon(lexicon)
    if scores is None:
        scores = score_articles(matches, articles, categories=lexicon)
    cats = list(dict.fromkeys(list(scores["category"]) + list(matches["category"])))
    col = _colors_for(cats, lexicon, None)
    if fig is None:
        fig = plt.figure(figsize=(20, 10), layout="constrained")
    else:
        fig.clear()
    n_groups = articles[by].nunique()
    n_articles = articles["article_id"].nunique()
    many = n_groups > 4
    title_kw = dict(fontsize=LABEL_SIZE + 1, loc="left", fontweight="bold")
    name = getattr(lexicon, "name", "") if lexicon is not None else "built-in lexicons"
    fig.suptitle(f"{n_articles} articles · {n_groups} {by} groups · {len(matches)} hits · "
                 f"lexicon: {name}", fontsize=LABEL_SIZE + 3)  # first: labels are placed last
    grid = fig.add_gridspec(2, 3, width_ratios=[1.0, 1.25, 1.0] if many else [1.2, 0.9, 1.0])
    dates = pd.to_datetime(articles["date"], errors="coerce").dropna() if "date" in articles.columns \
        else pd.Series(dtype="datetime64[ns]")
    months = dates.dt.to_period("M").nunique() if len(dates) else 0

    # column 1: profile (stacked bars when there are many groups) over the dispersion plot
    ax = fig.add_subplot(grid[:, 0] if many else grid[0, 0])
    src = comparison if comparison is not None else scores
    plot_profile(src, ax=ax, colors=col, by=by, orient="h" if many else "v", stacked=many,
                 legend=not many)
    if many:
        _legend(ax, where="below", ncols=2)
    ax.set_title("Loaded terms per 1,000 words"
                 + (" (95% CI)" if comparison is not None and not many else ""), **title_kw)
    if len(matches) and not many:
        ax = fig.add_subplot(grid[1, 0])
        plot_dispersion(matches, articles, ax=ax, colors=col, max_articles=max_articles,
                        legend=False)
        ax.set_title("Where the terms fall in each article", **title_kw)
    # column 2: term heatmap
    if len(matches):
        ax = fig.add_subplot(grid[:, 1])
        plot_term_heatmap(matches, articles, by=by, top=top_terms, ax=ax, colors=col, legend=False)
        ax.set_title("Most frequent terms", **title_kw)
    # column 3: the two articles side by side, or scatter of the two largest groups + timeline
    if len(matches) and n_articles == 2:
        ax = fig.add_subplot(grid[:, 2])
        plot_side_by_side(matches, articles, ax=ax, colors=col, legend=False)
    elif len(matches) and n_groups >= 2:
        ga, gb = _top_groups(articles, by, 2)
        bottom = None
        if months > 1:
            bottom = fig.add_subplot(grid[1, 2])
            freq = "M" if months <= 24 else "Q" if months <= 72 else "Y"
            plot_timeline(scores, by=by, freq=freq, ax=bottom, top=4, min_articles=5)
            bottom.set_title("Over time, 4 largest groups", **title_kw)
        elif many:
            bottom = fig.add_subplot(grid[1, 2])
            plot_dispersion(matches, articles, ax=bottom, colors=col, max_articles=6, legend=False)
            bottom.set_title("Where the terms fall in each article", **title_kw)
        ax = fig.add_subplot(grid[0, 2] if bottom is not None else grid[:, 2])
        ax.set_title(f"{_shorten(ga, 24)} vs {_shorten(gb, 24)}", **title_kw)  # before labels
        plot_term_scatter(matches, articles, by=by, a=ga, b=gb, ax=ax, colors=col, legend=False,
                          label_top=6)
    return fig
