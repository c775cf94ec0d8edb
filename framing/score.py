"""Per-article framing profiles from the matches table."""

from __future__ import annotations

import pandas as pd

from .corpus import require_unique_ids
from .errors import require_columns as _require
from .text import normalize, word_count

__all__ = ["SCORE_COLUMNS", "VOICES", "OWN_VOICES", "score_articles", "score_groups", "count_words"]

VOICES = ("narrative", "quoted", "scare_quote")
#: The outlet's own voice: what scores count unless quoted speech is included.
OWN_VOICES = ("narrative", "scare_quote")
#: Leading columns of the scores table (article columns such as ``date`` follow ``outlet``).
SCORE_COLUMNS = [
    "article_id", "outlet", "category", "count", "per_1k", "weighted",
    "n_narrative", "n_quoted", "n_scare_quote", "n_words",
]
_DROP_ARTICLE_COLS = {"text", "title", "url"}


def count_words(articles: pd.DataFrame) -> pd.Series:
    """Word tokens per article (runs of letters/digits), indexed like ``articles``.

    The same notion of a word as the matcher's, so that ``per_1k`` rates are
    consistent; a missing text counts 0 words.
    """
    _require(articles, ["text"], "articles table")
    return articles["text"].map(lambda t: word_count(normalize(t)) if isinstance(t, str) else 0)


def score_articles(
    matches: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    include_quoted: bool = False,
    categories=None,
) -> pd.DataFrame:
    """Framing profile of each article: one row per article x category.

    Parameters
    ----------
    matches : DataFrame
        From :func:`framing.find_matches`.
    articles : DataFrame
        The articles table the matches came from (for word counts and articles
        with no hits).
    include_quoted : bool, default=False
        By default an article's ``count``/``weighted``/``per_1k`` count the
        outlet's own voice: ``narrative`` and ``scare_quote`` hits.  Quoted
        speech is reported in ``n_quoted`` only; set True to count it too.
    categories : list of str or Lexicon, optional
        Categories to report (so that a category with no hit shows as 0).
        Default: the categories present in ``matches``.

    Returns
    -------
    DataFrame
        Columns ``article_id, outlet``, then the other article columns except
        ``text``, ``title``, ``url`` (e.g. ``date``, a leaning column), then
        ``category, count, per_1k, weighted, n_narrative, n_quoted,
        n_scare_quote, n_words``.  ``per_1k`` is ``count`` per 1,000 word tokens
        (NaN for an article with no words).  Every article appears, with zeros
        when it has no hits.

    Examples
    --------
    >>> import framing
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"],
    ...                      "text": ['The regime said "the regime is strong".']})
    >>> lex = framing.Lexicon([framing.Entry("regime", "delegitimizing", -1)])
    >>> s = score_articles(framing.find_matches(arts, lex), arts)
    >>> s[["category", "count", "n_quoted", "n_words"]].values.tolist()
    [['delegitimizing', 1, 1, 7]]
    """
    _require(matches, ["article_id", "category", "voice", "weight"], "matches table")
    _require(articles, ["article_id", "text"], "articles table")
    require_unique_ids(articles)
    if categories is None:
        cats = list(dict.fromkeys(matches["category"]))
    elif hasattr(categories, "categories"):
        cats = list(categories.categories)
    else:
        cats = list(categories)
    if not cats:
        cats = [""]
    arts = articles.drop(columns=[c for c in _DROP_ARTICLE_COLS if c in articles.columns])
    # A missing outlet is "" everywhere (as in find_matches and read_articles).
    arts = arts.assign(outlet=arts["outlet"].fillna("") if "outlet" in arts.columns else "")
    arts = arts.assign(n_words=count_words(articles).to_numpy())
    counted = matches["voice"].isin(VOICES if include_quoted else OWN_VOICES)
    m = matches.assign(
        _c=counted.astype("int64"),
        _w=matches["weight"].where(counted, 0.0),
        **{f"n_{v}": (matches["voice"] == v).astype("int64") for v in VOICES},
    )
    agg = m.groupby(["article_id", "category"], sort=False)[
        ["_c", "_w", "n_narrative", "n_quoted", "n_scare_quote"]
    ].sum()
    grid = pd.MultiIndex.from_product([arts["article_id"].unique(), cats], names=["article_id", "category"])
    agg = agg.reindex(grid, fill_value=0).reset_index().rename(columns={"_c": "count", "_w": "weighted"})
    out = arts.merge(agg, on="article_id", how="left", validate="one_to_many")
    words = out["n_words"].astype("float64")
    out["per_1k"] = (out["count"] * 1000.0 / words).where(words > 0)
    lead = ["article_id", "outlet"]
    extra = [c for c in arts.columns if c not in lead and c != "n_words"]
    cols = lead + extra + SCORE_COLUMNS[2:]
    out = out[cols].astype({"count": "int64", "weighted": "float64"})
    return out.reset_index(drop=True)


def score_groups(scores: pd.DataFrame, by: str | list[str] = "outlet") -> pd.DataFrame:
    """Pool article scores into one profile per group (e.g. outlet) and category.

    Rates are pooled: ``per_1k = sum(count) / sum(n_words) * 1000``, so long
    articles weigh more; use :func:`framing.compare_outlets` for article-level
    means with confidence intervals.

    Returns
    -------
    DataFrame
        Columns ``<by>, category, n_articles, count, per_1k, weighted,
        n_narrative, n_quoted, n_scare_quote, n_words``.
    """
    keys = [by] if isinstance(by, str) else list(by)
    _require(scores, keys + ["category", "count", "n_words"], "scores table")
    g = scores.groupby(keys + ["category"], sort=True, dropna=False)
    out = g[["count", "weighted", "n_narrative", "n_quoted", "n_scare_quote", "n_words"]].sum()
    out.insert(0, "n_articles", g["article_id"].nunique())
    out = out.reset_index()
    words = out["n_words"].astype("float64")
    out.insert(out.columns.get_loc("count") + 1, "per_1k", (out["count"] * 1000.0 / words).where(words > 0))
    return out
