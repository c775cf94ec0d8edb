"""The orchestrator: articles -> matches -> scores -> comparison -> alignments, and pages from them.

:func:`analyze` runs the pipeline and returns its tables (an :class:`Analysis`,
shown with its loaded terms highlighted in Jupyter).  :func:`build_report` and
:func:`build_worksheet` run it for one page each, as ``framing report`` and
``framing worksheet`` do.  The renderers (:func:`framing.render_report`,
:func:`framing.make_worksheet`, ...) only draw the tables they are handed.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import pandas as pd

from .corpus import article_row, as_articles
from .errors import InputError
from .lexicon import Lexicon
from .match import _resolve_lexicon, find_matches
from .score import score_articles

__all__ = ["Analysis", "analyze", "build_report", "build_worksheet"]


@dataclass(frozen=True)
class Analysis:
    """The tables of one analysis.

    In Jupyter the object shows the articles with their loaded terms highlighted.

    Attributes
    ----------
    articles, matches, scores : DataFrame
        The articles table, :func:`framing.find_matches` and
        :func:`framing.score_articles` of it.
    lexicon : Lexicon
    comparison : Comparison or None
        :func:`framing.compare_outlets` of the scores (``analyze(compare=...)``).
    comparison_notes : tuple of str
        The warnings ``compare_outlets`` raised, kept here (not re-raised) to
        be shown under the comparison chart of the report.
    alignments : dict
        ``(id_a, id_b) -> ``:func:`framing.align_articles` table, one per pair
        of ``analyze(side_by_side=...)``.
    """

    articles: pd.DataFrame
    matches: pd.DataFrame
    scores: pd.DataFrame
    lexicon: Lexicon
    comparison: object = None
    comparison_notes: tuple = ()
    alignments: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        return (
            f"<Analysis: {len(self.articles)} articles, {len(self.matches)} matches, "
            f"lexicon {self.lexicon.name!r}>"
        )

    def _repr_html_(self) -> str:
        from .report import render_articles_html

        return render_articles_html(self.matches, self.articles, lexicon=self.lexicon, scores=self.scores)

    def report(self, *, title: str = "Loaded language report") -> str:
        """:func:`framing.render_report` of these tables (a complete HTML page).

        The outlet comparison and the side-by-side columns appear when
        :func:`analyze` computed them (``compare=``, ``side_by_side=``).
        """
        from .report import render_report

        return render_report(
            self.matches, self.articles, lexicon=self.lexicon, scores=self.scores,
            comparison=self.comparison, comparison_notes=self.comparison_notes,
            alignments=self.alignments, title=title,
        )


def _pairs(side_by_side, arts: pd.DataFrame) -> list[tuple]:
    """The pairs of article ids ``side_by_side`` asks for (see :func:`analyze`)."""
    if side_by_side is False:
        return []
    if side_by_side is None:
        return [tuple(arts["article_id"].iloc[:2])] if len(arts) == 2 else []
    if isinstance(side_by_side, (list, tuple)) and len(side_by_side) == 2 and not all(
        isinstance(p, (list, tuple)) for p in side_by_side
    ):
        return [tuple(side_by_side)]
    pairs = [tuple(p) for p in side_by_side]
    bad = [p for p in pairs if len(p) != 2]
    if bad:
        raise InputError(f"side_by_side: expected pairs of two article ids, got {bad[0]!r}")
    return pairs


def _n_outlets(arts: pd.DataFrame) -> int:
    """Distinct outlets; a missing outlet counts as the outlet "" (as in the report)."""
    if "outlet" not in arts.columns:
        return 1
    return arts["outlet"].fillna("").astype(str).nunique()


def analyze(
    articles,
    lexicon=None,
    *,
    include_quoted: bool = False,
    compare: bool | None = False,
    side_by_side=False,
    random_state=0,
) -> Analysis:
    """Run the pipeline: match, score and, on request, compare outlets and align articles.

    Parameters
    ----------
    articles : DataFrame, str, list of str or path(s)
        As in :func:`framing.find_matches`.
    lexicon : Lexicon, str or list of str, optional
        Default: all built-in lexicons.
    include_quoted : bool, default=False
        Passed to :func:`framing.score_articles`.
    compare : bool or None, default=False
        Compare the outlets with :func:`framing.compare_outlets` (its warnings
        go to ``Analysis.comparison_notes``).  None: when the articles come
        from two or more outlets.
    side_by_side : False, None, pair or list of pairs of article ids, default=False
        Align these articles with :func:`framing.align_articles`.  None: the
        two articles when there are exactly two.
    random_state : int, default=0
        Seed of the bootstrap and permutations of ``compare_outlets``.

    Returns
    -------
    Analysis

    See Also
    --------
    build_report : the report of an analysis, in one call.

    Examples
    --------
    >>> import framing
    >>> a = framing.analyze(["The regime fell.", "The government fell."], "venezuela-2019",
    ...                     side_by_side=None)
    >>> len(a.matches), list(a.alignments)
    (1, [('text0', 'text1')])
    """
    lex = _resolve_lexicon(lexicon)
    arts = as_articles(articles)
    rows = [(a, b, article_row(arts, a), article_row(arts, b)) for a, b in _pairs(side_by_side, arts)]
    matches = find_matches(arts, lex)
    scores = score_articles(matches, arts, include_quoted=include_quoted, categories=lex)
    comparison, notes = None, ()
    if compare or (compare is None and _n_outlets(arts) >= 2):
        from .compare import compare_outlets

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            comparison = compare_outlets(scores, by="outlet", random_state=random_state)
        notes = tuple(dict.fromkeys(str(w.message) for w in caught))
    alignments = {}
    if rows:
        from .align import align_articles

        for a, b, row_a, row_b in rows:
            alignments[(a, b)] = align_articles(row_a, row_b, matches=matches)
    return Analysis(arts, matches, scores, lex, comparison, notes, alignments)


def build_report(
    articles,
    lexicon=None,
    *,
    title: str = "Loaded language report",
    compare: bool | None = None,
    side_by_side=None,
    random_state=0,
) -> str:
    """Run the whole pipeline and render the report (what ``framing report`` writes).

    :func:`analyze` with the report's defaults, then
    :func:`framing.render_report`: the outlets are compared when there are
    two or more, and two articles are shown side by side when there are
    exactly two.

    Parameters
    ----------
    articles : DataFrame, str, list of str or path(s)
    lexicon : Lexicon, str or list of str, optional
        Default: all built-in lexicons.
    title : str, default="Loaded language report"
    compare, side_by_side, random_state
        As in :func:`analyze` (``side_by_side=False``: no side-by-side section).

    Returns
    -------
    str
        A complete HTML document (see :func:`framing.render_report`).

    Examples
    --------
    >>> import framing
    >>> page = framing.build_report(["The self-proclaimed leader spoke."], "venezuela-2019")
    >>> page.startswith("<!DOCTYPE html>"), 'data-term="self-proclaimed"' in page
    (True, True)
    """
    analysis = analyze(articles, lexicon, compare=compare, side_by_side=side_by_side,
                       random_state=random_state)
    return analysis.report(title=title)


def build_worksheet(
    articles,
    lexicon=None,
    *,
    title: str = "Loaded language: a close reading",
    paper: str = "A4",
    rows: int = 10,
) -> tuple[str, str]:
    """Run the pipeline and make the worksheet and its answer key (what ``framing worksheet`` writes).

    Matches the articles, aligns the two of :func:`framing.classroom.compare_pair`
    (for task 4), and calls :func:`framing.make_worksheet` and
    :func:`framing.make_answer_key`.

    Parameters
    ----------
    articles : DataFrame, str, list of str or path(s)
        The articles, labelled A, B, ... in this order.
    lexicon : Lexicon, str or list of str, optional
        Default: all built-in lexicons.
    title, paper, rows
        As in :func:`framing.make_worksheet`.

    Returns
    -------
    (str, str)
        The worksheet and the answer key, two complete HTML documents.

    Examples
    --------
    >>> import framing
    >>> sheet, key = framing.build_worksheet(["The regime fell. Its leader fled."], "venezuela-2019")
    >>> "regime" in sheet and "Answer key" in key
    True
    """
    from .classroom import compare_pair, make_answer_key, make_worksheet

    arts = as_articles(articles)
    pair = compare_pair(arts)
    analysis = analyze(arts, lexicon, side_by_side=pair if pair is not None else False)
    alignment = analysis.alignments or None
    sheet = make_worksheet(analysis.matches, analysis.articles, alignment=alignment, title=title,
                           paper=paper, rows=rows)
    key = make_answer_key(analysis.matches, analysis.articles, lexicon=analysis.lexicon,
                          alignment=alignment, title=title, paper=paper)
    return sheet, key
