"""``analyze``: articles -> matches -> scores in one call, with a notebook view."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .lexicon import Lexicon
from .match import _as_articles, _resolve_lexicon, find_matches
from .score import score_articles

__all__ = ["Analysis", "analyze"]


@dataclass(frozen=True)
class Analysis:
    """The tables of one analysis: ``articles``, ``matches``, ``scores`` and the ``lexicon``.

    In Jupyter the object shows the articles with their loaded terms highlighted.
    """

    articles: pd.DataFrame
    matches: pd.DataFrame
    scores: pd.DataFrame
    lexicon: Lexicon

    def __repr__(self) -> str:
        return (
            f"<Analysis: {len(self.articles)} articles, {len(self.matches)} matches, "
            f"lexicon {self.lexicon.name!r}>"
        )

    def _repr_html_(self) -> str:
        from .report import render_articles_html

        return render_articles_html(self.matches, self.articles, lexicon=self.lexicon)


def analyze(articles, lexicon=None, *, include_quoted: bool = False) -> Analysis:
    """Match and score in one call.

    Parameters
    ----------
    articles : DataFrame, str, list of str or path(s)
        As in :func:`framing.find_matches`.
    lexicon : Lexicon, str or list of str, optional
        Default: all built-in lexicons.
    include_quoted : bool, default=False
        Passed to :func:`framing.score_articles`.

    Returns
    -------
    Analysis
    """
    lex = _resolve_lexicon(lexicon)
    arts = _as_articles(articles)
    matches = find_matches(arts, lex)
    scores = score_articles(matches, arts, include_quoted=include_quoted, categories=lex)
    return Analysis(arts, matches, scores, lex)
