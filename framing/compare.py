"""Compare outlets (or any grouping of articles): rates with uncertainty, contrasts, terms.

The unit of analysis is the **article**: confidence intervals come from
resampling articles with replacement within each group (bootstrap) and p-values
from permuting the group labels of articles, so that the spread between
articles, not the number of words, sets the uncertainty.  Everything is
vectorised with numpy: the resamples are weight matrices multiplied with the
article x category count matrix, never a Python loop over resamples.

Tables (see ``docs/CONTRACTS.md``):

- :func:`compare_outlets` -> :class:`Comparison` with ``.rates`` and ``.contrasts``;
- :func:`distinctive_terms` -> one row per term (Fightin' Words log-odds, chi-square, G²);
- :func:`outlet_distances` -> square distance matrix between group profiles;
- :func:`outlet_map` -> 2-D coordinates of the groups (PCA or MDS);
- :func:`term_contributions` -> how much each term adds to the difference between two groups.

Heavy imports (scikit-learn, scipy) happen inside the functions.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import FramingWarning, InputError
from .errors import require_columns as _require
from .score import OWN_VOICES, VOICES

logger = logging.getLogger(__name__)

__all__ = [
    "Comparison",
    "compare_outlets",
    "distinctive_terms",
    "outlet_distances",
    "outlet_map",
    "term_contributions",
    "RATE_COLUMNS",
    "CONTRAST_COLUMNS",
    "TERM_COLUMNS",
]

#: Columns of ``Comparison.rates`` (``<by>`` first).
RATE_COLUMNS = ["category", "n_articles", "count", "n_words", "rate", "ci_low", "ci_high"]
#: Columns of ``Comparison.contrasts``; ``n_articles_a, n_articles_b, count_a, count_b`` follow.
CONTRAST_COLUMNS = [
    "group_a", "group_b", "category", "rate_a", "rate_b", "rate_ratio", "ci_low", "ci_high",
    "p_value", "p_adjusted", "significant", "kind",
    "n_articles_a", "n_articles_b", "count_a", "count_b",
]
#: Columns of :func:`distinctive_terms`; ``effect, category`` follow.
TERM_COLUMNS = ["term", "count_a", "count_b", "rate_a", "rate_b", "score", "p_value", "method",
                "effect", "category"]

_CONTRASTS = ("pairwise", "one-vs-rest", "both")
_TERM_METHODS = ("log_odds", "chi2", "g2")
#: Largest number of cells in one resampling weight matrix (bounds memory, ~40 MB).
_CHUNK_CELLS = 5_000_000
REST = "rest"


# ---------------------------------------------------------------------------
# input checks and the article x category design
# ---------------------------------------------------------------------------

def _check_by(df, by, what: str) -> None:
    if not isinstance(by, str) or by not in df.columns:
        raise InputError(
            f"by={by!r} is not a column of the {what} (has: {', '.join(map(str, df.columns))})"
        )


def _ordered_groups(values) -> list:
    uniq = pd.unique(pd.Series(values).dropna())
    try:
        return sorted(uniq.tolist())
    except TypeError:  # mixed types: keep the order of appearance
        return uniq.tolist()


@dataclass(frozen=True, eq=False)
class _Design:
    """Articles x categories: counts (n, K), words (n,), group code per article."""

    groups: list
    categories: list
    counts: np.ndarray
    words: np.ndarray
    codes: np.ndarray

    def members(self, g: int) -> np.ndarray:
        return np.flatnonzero(self.codes == g)


def _design(scores: pd.DataFrame, by: str, categories=None, what: str = "scores table") -> _Design:
    _require(scores, ["article_id", "category", "count", "n_words"], what,
             "; compute it with framing.score_articles")
    _check_by(scores, by, what)
    df = scores
    if df[by].isna().any():
        n_bad = df.loc[df[by].isna(), "article_id"].nunique()
        warnings.warn(f"{n_bad} article(s) have no value in column {by!r} and are left out",
                      FramingWarning, stacklevel=3)
        df = df[df[by].notna()]
    per_article = df.groupby("article_id", sort=False)[by].nunique()
    if (per_article > 1).any():
        bad = per_article.index[per_article > 1].tolist()
        raise InputError(
            f"column {by!r} must hold one value per article; article(s) "
            f"{', '.join(map(str, bad[:5]))} have several"
        )
    groups = _ordered_groups(df[by])
    if len(groups) < 2:
        raise InputError(
            f"comparing needs at least 2 groups in column {by!r}; found {len(groups)}"
            + (f": {groups[0]!r}" if groups else "")
        )
    if categories is None:
        cats = list(dict.fromkeys(df["category"].tolist()))
    elif hasattr(categories, "categories"):
        cats = list(categories.categories)
    else:
        cats = [categories] if isinstance(categories, str) else list(categories)
    missing = [c for c in cats if c not in set(df["category"])]
    if missing and categories is not None:
        logger.info("categories with no rows (counted as 0): %s", ", ".join(map(str, missing)))
    aid_codes, aids = pd.factorize(df["article_id"])
    cat_codes = df["category"].map({c: i for i, c in enumerate(cats)}).fillna(-1).to_numpy(np.int64)
    keep = cat_codes >= 0
    counts = np.zeros((len(aids), len(cats)))
    np.add.at(counts, (aid_codes[keep], cat_codes[keep]),
              pd.to_numeric(df["count"], errors="coerce").fillna(0).to_numpy(float)[keep])
    words = np.zeros(len(aids))
    words[aid_codes] = pd.to_numeric(df["n_words"], errors="coerce").fillna(0).to_numpy(float)
    group_of = {g: i for i, g in enumerate(groups)}
    codes = np.empty(len(aids), dtype=np.int64)
    codes[aid_codes] = df[by].map(group_of).to_numpy()
    return _Design(groups, cats, counts, words, codes)


def _generator(random_state) -> np.random.Generator:
    """A numpy Generator drawn from ``check_random_state(random_state)`` (reproducible)."""
    from sklearn.utils import check_random_state

    rs = check_random_state(random_state)
    return np.random.default_rng(rs.randint(0, 2**32 - 1, size=4, dtype=np.uint64))


def _chunks(total: int, width: int):
    step = max(1, _CHUNK_CELLS // max(width, 1))
    for s in range(0, total, step):
        yield s, min(step, total - s)


# ---------------------------------------------------------------------------
# resampling kernels
# ---------------------------------------------------------------------------

def _bootstrap_sums(rng, X: np.ndarray, n_boot: int) -> np.ndarray:
    """Column sums of ``n_boot`` bootstrap resamples of the rows of ``X`` -> (n_boot, cols).

    Each resample is a row of draw counts (how often each article was drawn),
    built with one ``bincount`` and multiplied with ``X``.
    """
    n = X.shape[0]
    out = np.empty((n_boot, X.shape[1]))
    for s, b in _chunks(n_boot, n):
        idx = rng.integers(0, n, size=(b, n))
        idx += (np.arange(b) * n)[:, None]
        w = np.bincount(idx.ravel(), minlength=b * n).reshape(b, n).astype(np.float64)
        out[s:s + b] = w @ X
    return out


def _rates(sums: np.ndarray) -> np.ndarray:
    """Rates per 1,000 words from sums whose last column holds the words."""
    with np.errstate(divide="ignore", invalid="ignore"):
        words = sums[..., -1:]
        return np.where(words > 0, sums[..., :-1] * 1000.0 / np.where(words > 0, words, 1), np.nan)


def _log_ratio(ca, wa, cb, wb, continuity, log=True):
    """Log rate ratio with the zero-count correction (elementwise, broadcasting)."""
    ca, cb = np.asarray(ca, float), np.asarray(cb, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        both_zero = (ca == 0) & (cb == 0)
        if continuity:
            add = np.where((ca == 0) | (cb == 0), continuity, 0.0)
            ca, cb = ca + add, cb + add
        out = np.log(ca / wa) - np.log(cb / wb) if log else (ca / wa) / (cb / wb)
        return np.where(both_zero | (np.asarray(wa) <= 0) | (np.asarray(wb) <= 0), np.nan, out)


def _interval(reps: np.ndarray, theta: np.ndarray, loo: list | None, ci: float):
    """Bootstrap interval per column of ``reps`` (resamples x K): BCa, or percentile if ``loo`` is None.

    BCa (Efron 1987): the percentiles are shifted by the bias correction z0
    (share of resamples below the estimate ``theta``) and the acceleration from
    the jackknife values ``loo`` (one array of leave-one-article-out estimates
    per independent sample).  Columns where z0 is not finite fall back to the
    percentile interval.
    """
    from scipy.special import ndtr, ndtri

    K = reps.shape[1]
    alphas = np.array([(1 - ci) / 2, (1 + ci) / 2])
    q = np.tile(alphas, (K, 1))                                        # (K, 2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        if loo is not None:
            valid = ~np.isnan(reps)
            n_valid = valid.sum(axis=0)
            below = ((reps < theta) & valid).sum(axis=0) + 0.5 * ((reps == theta) & valid).sum(axis=0)
            z0 = ndtri(below / np.where(n_valid > 0, n_valid, 1))
            num = np.zeros(K)
            den = np.zeros(K)
            for jack in loo:
                dev = np.nanmean(jack, axis=0) - jack
                num += np.nansum(dev ** 3, axis=0)
                den += np.nansum(dev ** 2, axis=0)
            acc = np.where(den > 0, num / (6.0 * den ** 1.5), 0.0)
            z = ndtri(alphas)[None, :]
            adj = ndtr(z0[:, None] + (z0[:, None] + z) / (1 - acc[:, None] * (z0[:, None] + z)))
            ok = np.isfinite(adj).all(axis=1) & np.isfinite(theta)
            q[ok] = adj[ok]
        out = np.full((2, K), np.nan)
        for k in range(K):  # a loop over categories, not over resamples
            col = reps[:, k]
            col = col[~np.isnan(col)]
            if col.size:
                out[:, k] = np.percentile(col, q[k] * 100)
    return out[0], out[1]


def _permutation_pvalues(rng, X: np.ndarray, n_a: int, n_perm: int, cache: dict | None = None) -> np.ndarray:
    """Two-sided permutation p-values of the pooled-rate difference, one per category.

    ``X`` holds the articles of both sides (counts..., words), the first ``n_a``
    rows being side a.  Labels are permuted ``n_perm`` times; the statistic is
    ``|rate_a - rate_b|``; ``p = (1 + #{perm >= observed}) / (n_perm + 1)``.
    The label matrices are kept in ``cache`` (by side sizes) and reused by the
    next contrast of the same sizes, as permutation tests over many features
    share their permutations: each p-value stays exact.
    """
    n, k1 = X.shape
    total = X.sum(axis=0)

    def stat(a_sums):
        b_sums = total - a_sums
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.abs(a_sums[..., :-1] / a_sums[..., -1:] - b_sums[..., :-1] / b_sums[..., -1:])

    observed = stat(X[:n_a].sum(axis=0))
    tol = 1e-9 * np.abs(observed) + 1e-15
    exceed = np.zeros(k1 - 1)
    base = np.zeros(n)
    base[:n_a] = 1.0
    for s, b in _chunks(n_perm, n):
        key = (n, n_a, s)
        labels = cache.get(key) if cache is not None else None
        if labels is None or labels.shape[0] != b:
            labels = rng.permuted(np.tile(base, (b, 1)), axis=1)
            if cache is not None and b * n <= _CHUNK_CELLS:
                if sum(v.size for v in cache.values()) + b * n > _CHUNK_CELLS:
                    cache.clear()  # bounded memory: keep the most recent sizes only
                cache[key] = labels
        exceed += (stat(labels @ X) >= observed - tol).sum(axis=0)
    p = (exceed + 1.0) / (n_perm + 1.0)
    return np.where(np.isnan(observed), np.nan, p)


def _bh(p) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (NaN stays NaN and is not counted)."""
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    m = int(ok.sum())
    if m:
        ps = p[ok]
        order = np.argsort(ps, kind="mergesort")
        ranked = ps[order] * m / np.arange(1, m + 1)
        ranked = np.minimum.accumulate(ranked[::-1])[::-1]
        adj = np.empty(m)
        adj[order] = np.minimum(ranked, 1.0)
        out[ok] = adj
    return out


# ---------------------------------------------------------------------------
# compare_outlets
# ---------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Comparison:
    """Result of :func:`compare_outlets`.

    Attributes
    ----------
    rates : DataFrame
        ``<by>, category, n_articles, count, n_words, rate, ci_low, ci_high``.
    contrasts : DataFrame
        ``group_a, group_b, category, rate_a, rate_b, rate_ratio, ci_low, ci_high,
        p_value, p_adjusted, significant, kind, n_articles_a, n_articles_b,
        count_a, count_b``.
    by : str
        The grouping column.
    ci, alpha : float
        Confidence level of the intervals and the false discovery rate of
        ``significant``.
    n_boot, n_perm : int
        Bootstrap resamples and label permutations used.
    """

    rates: pd.DataFrame
    contrasts: pd.DataFrame
    by: str
    ci: float = 0.95
    alpha: float = 0.05
    n_boot: int = 1000
    n_perm: int = 1000

    def __repr__(self) -> str:
        n_groups = self.rates[self.by].nunique()
        n_cats = self.rates["category"].nunique()
        n_sig = int(self.contrasts["significant"].sum())
        return (
            f"<Comparison by {self.by!r}: {n_groups} groups, {n_cats} categories, "
            f"{n_sig} of {len(self.contrasts)} contrasts significant (BH q < {self.alpha:g})>"
        )

    def significant(self) -> pd.DataFrame:
        """The significant contrasts, smallest adjusted p-value first."""
        c = self.contrasts
        return c[c["significant"]].sort_values(["p_adjusted", "p_value"], kind="mergesort")


def compare_outlets(
    scores: pd.DataFrame,
    by: str = "outlet",
    *,
    n_boot: int = 1000,
    ci: float = 0.95,
    n_perm: int = 1000,
    random_state=None,
    contrasts: str = "pairwise",
    alpha: float = 0.05,
    categories=None,
    continuity: float | None = 0.5,
    min_articles: int = 2,
    ci_method: str = "bca",
) -> Comparison:
    """Rates per group with bootstrap CIs, and contrasts between groups with tests.

    Parameters
    ----------
    scores : DataFrame
        One row per article x category, from :func:`framing.score_articles`
        (columns ``article_id, category, count, n_words`` and ``by``).
    by : str, default="outlet"
        The column that groups articles: ``"outlet"``, a leaning column such as
        ``"bias_text"``, a year... Articles with no value are left out (warning).
    n_boot : int, default=1000
        Bootstrap resamples of articles (within each group) for the intervals.
    ci : float, default=0.95
        Confidence level of the bootstrap intervals.
    n_perm : int, default=1000
        Permutations of the group labels of articles for each contrast.
    random_state : int, RandomState instance or None, default=None
        Seeds the resampling (as scikit-learn's ``check_random_state``).
    contrasts : {"pairwise", "one-vs-rest", "both"}, default="pairwise"
        Every pair of groups, every group against all the others, or both.
    alpha : float, default=0.05
        False discovery rate: ``significant`` is ``p_adjusted < alpha``.
    categories : list of str or Lexicon, optional
        Categories to report, in this order; a category without rows counts 0.
        Default: those in ``scores``, in order of appearance.
    continuity : float or None, default=0.5
        Zero counts: when one side of a contrast has no hit, ``continuity`` is
        added to both counts before taking the ratio (Haldane-Anscombe), in the
        estimate and in every bootstrap resample.  ``None`` gives ``0``/``inf``.
        When neither side has a hit the ratio is NaN (and ``p_value`` 1).
    min_articles : int, default=2
        Groups with fewer articles get NaN intervals (with a warning): resampling
        one article says nothing about the spread between articles.
    ci_method : {"bca", "percentile"}, default="bca"
        Bootstrap interval: bias-corrected and accelerated (Efron 1987; the
        acceleration from leave-one-article-out jackknife values) or plain
        percentile.  BCa covers better when rates are skewed (few hits).

    Returns
    -------
    Comparison
        ``.rates``: ``<by>, category, n_articles, count, n_words, rate, ci_low,
        ci_high`` with ``rate = sum(count) / sum(n_words) * 1000``.
        ``.contrasts``: ``group_a, group_b, category, rate_a, rate_b,
        rate_ratio, ci_low, ci_high, p_value, p_adjusted, significant, kind,
        n_articles_a, n_articles_b, count_a, count_b`` (``group_b`` is
        ``"rest"`` for one-vs-rest; ``kind`` says which).

    See Also
    --------
    distinctive_terms : which terms differ, rather than which categories.
    framing.score_groups : pooled profiles without uncertainty.

    Notes
    -----
    - Interval for a rate: bootstrap (BCa by default), articles resampled with
      replacement within the group.  For a ratio: the two groups are resampled
      independently; for "rest", each other group is resampled within itself
      (a stratified bootstrap) and the sums are pooled.
    - p-value: the labels of the articles of the two sides are permuted
      (``n_perm`` times); the statistic is the absolute difference of pooled
      rates, ``p = (1 + #{permuted >= observed}) / (n_perm + 1)``, so the
      smallest possible p-value is ``1 / (n_perm + 1)``.  Contrasts whose sides
      have the same numbers of articles share their permutations (as
      permutation tests over many features do); each p-value stays exact.
    - ``p_adjusted``: Benjamini-Hochberg over all categories and pairs, within
      each ``kind`` (pairwise and one-vs-rest are separate families).

    Examples
    --------
    >>> import pandas as pd
    >>> scores = pd.DataFrame({
    ...     "article_id": ["a1", "a2", "a3", "b1", "b2", "b3"],
    ...     "outlet": ["A", "A", "A", "B", "B", "B"],
    ...     "category": "loaded", "count": [9, 11, 10, 1, 2, 0],
    ...     "n_words": [1000, 1000, 1000, 1000, 1000, 1000]})
    >>> cmp = compare_outlets(scores, n_boot=200, n_perm=200, random_state=0)
    >>> cmp.rates[["outlet", "rate"]].values.tolist()
    [['A', 10.0], ['B', 1.0]]
    >>> row = cmp.contrasts.iloc[0]
    >>> row["group_a"], row["group_b"], float(row["rate_ratio"])
    ('A', 'B', 10.0)
    >>> bool(row["ci_low"] > 1), float(row["p_value"]) < 0.2
    (True, True)
    """
    if contrasts not in _CONTRASTS:
        raise ValueError(f"contrasts must be one of {', '.join(_CONTRASTS)} (got {contrasts!r})")
    if not 0 < ci < 1:
        raise ValueError(f"ci must be between 0 and 1 (got {ci!r})")
    if ci_method not in ("bca", "percentile"):
        raise ValueError(f"ci_method must be 'bca' or 'percentile' (got {ci_method!r})")
    for name, val in (("n_boot", n_boot), ("n_perm", n_perm)):
        if not isinstance(val, (int, np.integer)) or val < 0:
            raise ValueError(f"{name} must be a non-negative int (got {val!r})")
    d = _design(scores, by, categories)
    rng = _generator(random_state)
    G, K = len(d.groups), len(d.categories)
    X = np.column_stack([d.counts, d.words])
    members = [d.members(g) for g in range(G)]
    sizes = np.array([len(m) for m in members])
    small = [d.groups[g] for g in range(G) if sizes[g] < min_articles]
    if small:
        warnings.warn(
            f"group(s) with fewer than {min_articles} articles get no confidence interval: "
            f"{', '.join(map(repr, small[:5]))}" + (" ..." if len(small) > 5 else ""),
            FramingWarning, stacklevel=2,
        )
    sums = np.stack([X[m].sum(axis=0) for m in members])          # (G, K+1)
    boot = np.stack([_bootstrap_sums(rng, X[m], n_boot) for m in members]) if n_boot else None
    logger.debug("bootstrap: %d groups x %d resamples", G, n_boot)

    # -- rates ------------------------------------------------------------
    point = _rates(sums)                                             # (G, K)
    lo = np.full((G, K), np.nan)
    hi = np.full((G, K), np.nan)
    if boot is not None:
        for g in range(G):
                if sizes[g] < min_articles:
                    continue
                loo = [_rates(sums[g] - X[members[g]])] if ci_method == "bca" else None
                lo[g], hi[g] = _interval(_rates(boot[g]), point[g], loo, ci)
    lo[sizes < min_articles] = np.nan
    hi[sizes < min_articles] = np.nan
    rates = pd.DataFrame({
        by: np.repeat(np.array(d.groups, dtype=object), K),
        "category": np.tile(np.array(d.categories, dtype=object), G),
        "n_articles": np.repeat(sizes, K),
        "count": sums[:, :K].ravel(),
        "n_words": np.repeat(sums[:, K], K),
        "rate": point.ravel(),
        "ci_low": lo.ravel(),
        "ci_high": hi.ravel(),
    })
    rates = rates.astype({"count": _int_if_whole(sums[:, :K]), "n_words": _int_if_whole(sums[:, K])})

    # -- contrasts --------------------------------------------------------
    pairs = []
    if contrasts in ("pairwise", "both"):
        pairs += [(i, j) for i in range(G) for j in range(i + 1, G)]
    if contrasts in ("one-vs-rest", "both"):
        pairs += [(i, None) for i in range(G)]
    boot_total = boot.sum(axis=0) if boot is not None else None
    perm_cache: dict = {}
    blocks = []
    for i, j in pairs:
        if j is None:
            rest = np.flatnonzero(d.codes != i)
            s_b, n_b, label_b, kind = sums.sum(axis=0) - sums[i], len(rest), REST, "one-vs-rest"
            order = np.concatenate([members[i], rest])
            boot_b = boot_total - boot[i] if boot is not None else None
        else:
            s_b, n_b, label_b, kind = sums[j], sizes[j], d.groups[j], "pairwise"
            order = np.concatenate([members[i], members[j]])
            boot_b = boot[j] if boot is not None else None
        s_a = sums[i]
        ratio = _log_ratio(s_a[:K], s_a[K], s_b[:K], s_b[K], continuity, log=False)
        c_lo = np.full(K, np.nan)
        c_hi = np.full(K, np.nan)
        if boot is not None and sizes[i] >= min_articles and n_b >= min_articles:
            reps = _log_ratio(boot[i][:, :K], boot[i][:, K:], boot_b[:, :K], boot_b[:, K:], continuity)
            loo = None
            if ci_method == "bca":
                xa, xb = X[members[i]], X[order[sizes[i]:]]
                loo = [_log_ratio(s_a[:K] - xa[:, :K], s_a[K] - xa[:, K:], s_b[:K], s_b[K], continuity),
                       _log_ratio(s_a[:K], s_a[K], s_b[:K] - xb[:, :K], s_b[K] - xb[:, K:], continuity)]
            theta = _log_ratio(s_a[:K], s_a[K], s_b[:K], s_b[K], continuity)
            c_lo, c_hi = np.exp(_interval(reps, theta, loo, ci))
            c_lo = np.where(np.isnan(ratio), np.nan, c_lo)
            c_hi = np.where(np.isnan(ratio), np.nan, c_hi)
        if n_perm:
            p = _permutation_pvalues(rng, X[order], sizes[i], n_perm, perm_cache)
        else:
            p = np.full(K, np.nan)
        both_zero = (s_a[:K] == 0) & (s_b[:K] == 0)
        p = np.where(both_zero & (s_a[K] > 0) & (s_b[K] > 0), 1.0, p)
        with np.errstate(divide="ignore", invalid="ignore"):
            rate_a = np.where(s_a[K] > 0, s_a[:K] * 1000.0 / s_a[K], np.nan)
            rate_b = np.where(s_b[K] > 0, s_b[:K] * 1000.0 / s_b[K], np.nan)
        blocks.append(pd.DataFrame({
            "group_a": [d.groups[i]] * K,
            "group_b": [label_b] * K,
            "category": d.categories,
            "rate_a": rate_a,
            "rate_b": rate_b,
            "rate_ratio": ratio,
            "ci_low": c_lo,
            "ci_high": c_hi,
            "p_value": p,
            "kind": kind,
            "n_articles_a": sizes[i],
            "n_articles_b": n_b,
            "count_a": s_a[:K],
            "count_b": s_b[:K],
        }))
    if blocks:
        con = pd.concat(blocks, ignore_index=True)
    else:
        con = pd.DataFrame({c: pd.Series(dtype=float) for c in CONTRAST_COLUMNS})
    con["p_adjusted"] = np.nan
    for kind in con["kind"].unique():
        sel = (con["kind"] == kind).to_numpy()
        con.loc[sel, "p_adjusted"] = _bh(con.loc[sel, "p_value"].to_numpy(float))
    con["significant"] = (con["p_adjusted"] < alpha).fillna(False).astype(bool)
    con = con[CONTRAST_COLUMNS].astype({"count_a": _int_if_whole(sums), "count_b": _int_if_whole(sums),
                                        "n_articles_a": "int64", "n_articles_b": "int64"})
    return Comparison(rates, con.reset_index(drop=True), by, ci=ci, alpha=alpha,
                      n_boot=n_boot, n_perm=n_perm)


def _int_if_whole(a) -> str:
    a = np.asarray(a, dtype=float)
    return "int64" if np.all(np.isfinite(a)) and np.all(a == np.round(a)) else "float64"


# ---------------------------------------------------------------------------
# term level
# ---------------------------------------------------------------------------

def _group_labels(df: pd.DataFrame, by: str, articles, what: str) -> pd.Series:
    """The ``by`` value of each row of ``df`` (from ``df`` or via ``articles``)."""
    if by in df.columns:
        return df[by]
    if articles is not None:
        _require(articles, ["article_id"], "articles table")
        _check_by(articles, by, "articles table")
        lookup = articles.drop_duplicates("article_id").set_index("article_id")[by]
        return df["article_id"].map(lookup)
    raise InputError(
        f"by={by!r} is not a column of the {what} (has: {', '.join(map(str, df.columns))}); "
        f"pass articles= holding it"
    )


def _sides(labels: pd.Series, a, b, by: str):
    """Boolean masks for side a and side b (b=None: every other group)."""
    groups = _ordered_groups(labels)
    if a not in groups:
        raise InputError(f"group {a!r} is not in column {by!r} (groups: {', '.join(map(str, groups[:20]))})")
    if b is not None and b not in groups:
        raise InputError(f"group {b!r} is not in column {by!r} (groups: {', '.join(map(str, groups[:20]))})")
    if b is not None and b == a:
        raise InputError(f"compare two different groups (got a == b == {a!r})")
    in_a, in_b = _masks(labels, a, b)
    if b is None and not in_b.any():
        raise InputError(f"column {by!r} has no group besides {a!r} to compare with")
    return in_a, in_b


def _masks(labels: pd.Series, a, b):
    in_a = (labels == a).to_numpy()
    in_b = (labels.notna() & (labels != a)).to_numpy() if b is None else (labels == b).to_numpy()
    return in_a, in_b


def _word_totals(articles: pd.DataFrame, in_a, in_b) -> tuple[float, float]:
    from .score import count_words

    words = count_words(articles).to_numpy(float)
    return float(words[in_a].sum()), float(words[in_b].sum())


def _ngram_counts(articles: pd.DataFrame, ngrams, stop_words, min_df: int = 1):
    from sklearn.feature_extraction.text import CountVectorizer

    from .text import normalize

    vec = CountVectorizer(preprocessor=normalize, token_pattern=r"(?u)\b\w+\b",
                          ngram_range=tuple(ngrams), stop_words=stop_words, min_df=min_df,
                          dtype=np.int64)
    texts = articles["text"].map(lambda t: t if isinstance(t, str) else "")
    X = vec.fit_transform(texts)
    return X, vec.get_feature_names_out()


def _log_odds(y_a, y_b, n_a, n_b, bg, n_bg, prior_scale):
    """Monroe, Colaresi & Quinn (2008) log-odds ratio with informative Dirichlet prior."""
    V = len(y_a)
    alpha0 = float(V if prior_scale is None else prior_scale)
    pi = (bg + 0.01) / (n_bg + 0.01 * V)
    alpha = alpha0 * pi
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log((y_a + alpha) / (n_a + alpha0 - y_a - alpha))
                 - np.log((y_b + alpha) / (n_b + alpha0 - y_b - alpha)))
        var = 1.0 / (y_a + alpha) + 1.0 / (y_b + alpha)
    z = delta / np.sqrt(var)
    return z, delta


def _keyness(y_a, y_b, n_a, n_b, method):
    """Signed Pearson chi-square or log-likelihood G² of the 2x2 table term/other x a/b."""
    obs = np.stack([y_a, n_a - y_a, y_b, n_b - y_b], axis=1).astype(float)
    row = np.stack([y_a + y_b, (n_a - y_a) + (n_b - y_b)], axis=1)
    n = n_a + n_b
    exp = np.stack([row[:, 0] * n_a, row[:, 1] * n_a, row[:, 0] * n_b, row[:, 1] * n_b], axis=1) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "chi2":
            stat = np.nansum(np.where(exp > 0, (obs - exp) ** 2 / exp, 0.0), axis=1)
        else:
            stat = 2.0 * np.nansum(np.where(obs > 0, obs * np.log(obs / exp), 0.0), axis=1)
        sign = np.sign(y_a / n_a - y_b / n_b)
    return sign * stat, stat


def distinctive_terms(
    data: pd.DataFrame,
    by: str,
    a,
    b=None,
    *,
    articles: pd.DataFrame | None = None,
    method: str = "log_odds",
    ngrams: tuple[int, int] | None = None,
    min_count: int = 1,
    prior_scale: float | None = None,
    include_quoted: bool = False,
    stop_words=None,
) -> pd.DataFrame:
    """Terms that distinguish group ``a`` from group ``b`` (or from all other groups).

    Parameters
    ----------
    data : DataFrame
        A matches table (:func:`framing.find_matches`: lexicon terms are
        compared) or an articles table (column ``text``: word n-grams are
        compared).
    by : str
        Grouping column, in ``data`` or in ``articles``.
    a : object
        The group of interest (a value of ``by``).
    b : object, optional
        The group to compare with; default: every other group ("rest").
    articles : DataFrame, optional
        The articles table, to look up ``by`` and word counts (so that rates
        are per 1,000 words) when ``data`` is a matches table, and the texts
        when ``ngrams`` is given.
    method : {"log_odds", "chi2", "g2"}, default="log_odds"
        ``"log_odds"``: Fightin' Words, the log-odds ratio with an informative
        Dirichlet prior (Monroe, Colaresi & Quinn 2008), ``score`` = z.
        ``"chi2"``/``"g2"``: Pearson chi-square / log-likelihood G² keyness of
        the 2x2 table (term vs other tokens, a vs b; no Yates correction), signed:
        ``score`` > 0 when the term is relatively more frequent in ``a``.
    ngrams : tuple of (int, int), optional
        Compare all word n-grams of the articles (``(1, 2)``: words and
        bigrams, counted with scikit-learn's ``CountVectorizer`` on the
        normalised text) instead of lexicon terms: the way to find candidate
        terms missing from a lexicon.  Default ``(1, 1)`` when ``data`` is an
        articles table.
    min_count : int, default=1
        Drop terms seen fewer times in ``a`` and ``b`` together.
    prior_scale : float, optional
        ``log_odds`` only: α0, the total pseudo-count of the prior; term w gets
        ``α_w = α0 * π_w`` with π_w its share of all tokens in the whole data
        (every group).  Default: the number of terms compared (about one
        pseudo-count per term).  Larger values shrink rare terms more.
    include_quoted : bool, default=False
        Matches mode: count quoted hits too (default: narrative and scare
        quotes, as :func:`framing.score_articles`).
    stop_words : {"english"}, list or None, default=None
        N-gram mode: passed to ``CountVectorizer``.

    Returns
    -------
    DataFrame
        ``term, count_a, count_b, rate_a, rate_b, score, p_value, method, effect,
        category`` sorted by ``score`` (descending: most distinctive of ``a``
        first, most distinctive of ``b`` last).  ``rate_*`` are per 1,000 words
        when word counts are known (``articles`` given or n-gram mode), per
        1,000 counted hits otherwise.  ``p_value`` is two-sided (normal for z,
        chi-square with 1 df for the others; not adjusted for the many terms).
        ``effect`` is the log-odds ratio δ for ``log_odds``, and the log2 ratio
        of relative frequencies (0.5 added to counts) for ``chi2``/``g2``.
        ``category`` is the lexicon category ("" for n-grams).

    See Also
    --------
    compare_outlets : category rates with intervals and tests.
    term_contributions : additive decomposition of a category difference.

    Notes
    -----
    For ``log_odds`` the log-odds ratio of term w is
    ``δ = log((y_aw + α_w) / (n_a + α0 - y_aw - α_w)) - log((y_bw + α_w) / (n_b + α0 - y_bw - α_w))``
    with variance ``1/(y_aw + α_w) + 1/(y_bw + α_w)`` and ``z = δ / sd``; ``n_*``
    are total tokens (words in n-gram mode or when ``articles`` is given,
    counted hits otherwise).  Tokens, not articles, are the unit here: a term
    repeated in one long article can rank high; check it with
    :func:`compare_outlets` or by reading the articles.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"article_id": ["1", "1", "2", "3", "3", "4"],
    ...                   "outlet": ["A", "A", "A", "B", "B", "B"],
    ...                   "term": ["regime", "regime", "regime", "government", "regime", "government"],
    ...                   "category": "label", "voice": "narrative"})
    >>> t = distinctive_terms(m, "outlet", "A")
    >>> t[["term", "count_a", "count_b"]].values.tolist()
    [['regime', 3, 1], ['government', 0, 2]]
    >>> bool(t["score"].iloc[0] > 0 > t["score"].iloc[1])
    True
    """
    if method not in _TERM_METHODS:
        raise ValueError(f"method must be one of {', '.join(_TERM_METHODS)} (got {method!r})")
    if not isinstance(data, pd.DataFrame):
        raise InputError(f"data must be a matches or articles DataFrame (got {type(data).__name__})")
    is_matches = "term" in data.columns
    if not is_matches and ngrams is None:
        ngrams = (1, 1)
    if ngrams is not None:
        texts = data if not is_matches else articles
        if texts is None:
            raise InputError("ngrams= counts the words of the articles: pass articles= (a table with 'text')")
        _require(texts, ["article_id", "text"], "articles table")
        if not (len(ngrams) == 2 and 1 <= ngrams[0] <= ngrams[1]):
            raise ValueError(f"ngrams must be (min_n, max_n) with 1 <= min_n <= max_n (got {ngrams!r})")
        labels = _group_labels(texts, by, articles if texts is not articles else None, "articles table")
        in_a, in_b = _sides(labels, a, b, by)
        X, vocab = _ngram_counts(texts, ngrams, stop_words)
        y_a = np.asarray(X[in_a].sum(axis=0), dtype=float).ravel()
        y_b = np.asarray(X[in_b].sum(axis=0), dtype=float).ravel()
        bg = np.asarray(X[labels.notna().to_numpy()].sum(axis=0), dtype=float).ravel()
        n_a, n_b, n_bg = y_a.sum(), y_b.sum(), bg.sum()
        words_a, words_b = _word_totals(texts, in_a, in_b)
        terms = np.asarray(vocab, dtype=object)
        cats = np.full(len(terms), "", dtype=object)
    else:
        _require(data, ["article_id", "term", "category", "voice"], "matches table")
        labels = _group_labels(data, by, articles, "matches table").astype(object)
        if articles is not None:
            _require(articles, ["article_id", "text"], "articles table")
            art_labels = _group_labels(articles, by, None, "articles table").astype(object)
            art_in_a, art_in_b = _sides(art_labels, a, b, by)
        else:
            _sides(labels, a, b, by)
        m_in_a, m_in_b = _masks(labels, a, b)
        voices = VOICES if include_quoted else OWN_VOICES
        counted = data["voice"].isin(voices).to_numpy()
        terms = np.asarray(list(dict.fromkeys(data["term"].tolist())), dtype=object)
        t_codes = pd.Categorical(data["term"], categories=terms).codes
        y_a = np.bincount(t_codes[counted & m_in_a], minlength=len(terms)).astype(float)
        y_b = np.bincount(t_codes[counted & m_in_b], minlength=len(terms)).astype(float)
        bg = np.bincount(t_codes[counted & labels.notna().to_numpy()], minlength=len(terms)).astype(float)
        cats = data.drop_duplicates("term").set_index("term")["category"].reindex(terms).to_numpy(object)
        if articles is not None:
            from .score import count_words

            words = count_words(articles).to_numpy(float)
            words_a, words_b = float(words[art_in_a].sum()), float(words[art_in_b].sum())
            n_a, n_b = words_a, words_b
            n_bg = float(words[art_labels.notna().to_numpy()].sum())
        else:
            n_a, n_b, n_bg = y_a.sum(), y_b.sum(), bg.sum()
            words_a, words_b = n_a, n_b
    keep = (y_a + y_b) >= max(min_count, 1)
    terms, cats, y_a, y_b, bg = terms[keep], cats[keep], y_a[keep], y_b[keep], bg[keep]
    if method == "log_odds":
        score, effect = _log_odds(y_a, y_b, n_a, n_b, bg, n_bg, prior_scale)
        from scipy.special import ndtr

        p = 2.0 * ndtr(-np.abs(score))
    else:
        from scipy.stats import chi2 as chi2_dist

        score, stat = _keyness(y_a, y_b, max(n_a, 1.0), max(n_b, 1.0), method)
        p = chi2_dist.sf(stat, 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            effect = np.log2(((y_a + 0.5) / n_a) / ((y_b + 0.5) / n_b))
    with np.errstate(divide="ignore", invalid="ignore"):
        rate_a = y_a * 1000.0 / words_a if words_a > 0 else np.full(len(y_a), np.nan)
        rate_b = y_b * 1000.0 / words_b if words_b > 0 else np.full(len(y_b), np.nan)
    out = pd.DataFrame({
        "term": terms, "count_a": y_a.astype(np.int64), "count_b": y_b.astype(np.int64),
        "rate_a": rate_a, "rate_b": rate_b, "score": score, "p_value": p,
        "method": method, "effect": effect, "category": cats,
    })
    out = out.sort_values(["score", "term"], ascending=[False, True], kind="mergesort")
    return out.reset_index(drop=True)


def term_contributions(
    matches: pd.DataFrame,
    articles: pd.DataFrame,
    by: str,
    a,
    b=None,
    *,
    include_quoted: bool = False,
    weighted: bool = False,
) -> pd.DataFrame:
    """Each term's share of the difference between two groups' category rates.

    A category's rate (hits per 1,000 words, pooled over the group's articles)
    is the sum of its terms' rates, so the difference between groups ``a`` and
    ``b`` splits exactly into one contribution per term:
    ``contribution = rate_a - rate_b``.

    Parameters
    ----------
    matches : DataFrame
        From :func:`framing.find_matches`.
    articles : DataFrame
        The articles table (word counts; ``by`` when ``matches`` lacks it).
    by : str
        Grouping column.
    a, b : object
        The groups; ``b=None`` compares ``a`` with every other group.
    include_quoted : bool, default=False
        Count quoted hits too (as :func:`framing.score_articles`).
    weighted : bool, default=False
        Sum lexicon weights instead of counting hits (the ``weighted`` score).

    Returns
    -------
    DataFrame
        ``term, category, rate_a, rate_b, contribution, count_a, count_b, share``
        sorted by ``|contribution|`` (largest first); ``share`` is the
        contribution divided by the category's total difference.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["1", "2"], "outlet": ["A", "B"],
    ...                      "text": ["regime regime junta word", "regime word word word"]})
    >>> m = pd.DataFrame({"article_id": ["1", "1", "1", "2"], "outlet": ["A", "A", "A", "B"],
    ...                   "term": ["regime", "regime", "junta", "regime"], "category": "deleg",
    ...                   "voice": "narrative", "weight": 1.0})
    >>> term_contributions(m, arts, "outlet", "A", "B")[["term", "contribution", "share"]].values.tolist()
    [['junta', 250.0, 0.5], ['regime', 250.0, 0.5]]
    """
    _require(matches, ["article_id", "term", "category", "voice"] + (["weight"] if weighted else []),
             "matches table")
    _require(articles, ["article_id", "text"], "articles table")
    from .score import count_words

    art_labels = _group_labels(articles, by, None, "articles table").astype(object)
    art_a, art_b = _sides(art_labels, a, b, by)
    words = count_words(articles).to_numpy(float)
    w_a, w_b = words[art_a].sum(), words[art_b].sum()
    labels = _group_labels(matches, by, articles, "matches table").astype(object)
    in_a, in_b = _masks(labels, a, b)
    voices = VOICES if include_quoted else OWN_VOICES
    counted = matches["voice"].isin(voices).to_numpy()
    val = matches["weight"].to_numpy(float) if weighted else np.ones(len(matches))
    m = pd.DataFrame({"term": matches["term"], "category": matches["category"],
                      "va": np.where(counted & in_a, val, 0.0), "vb": np.where(counted & in_b, val, 0.0),
                      "na": (counted & in_a).astype(np.int64), "nb": (counted & in_b).astype(np.int64)})
    g = m.groupby(["term", "category"], sort=False)[["va", "vb", "na", "nb"]].sum().reset_index()
    g = g[(g["na"] + g["nb"]) > 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        rate_a = g["va"].to_numpy() * 1000.0 / w_a if w_a > 0 else np.nan
        rate_b = g["vb"].to_numpy() * 1000.0 / w_b if w_b > 0 else np.nan
    out = pd.DataFrame({"term": g["term"].to_numpy(), "category": g["category"].to_numpy(),
                        "rate_a": rate_a, "rate_b": rate_b})
    out["contribution"] = out["rate_a"] - out["rate_b"]
    out["count_a"] = g["na"].to_numpy()
    out["count_b"] = g["nb"].to_numpy()
    total = out.groupby("category")["contribution"].transform("sum")
    out["share"] = (out["contribution"] / total).where(total != 0)
    out = out.assign(_abs=out["contribution"].abs()).sort_values(
        ["_abs", "term"], ascending=[False, True], kind="mergesort").drop(columns="_abs")
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------------
# profiles: distances and maps
# ---------------------------------------------------------------------------

_METRICS = ("jensenshannon", "cosine")


def _profiles(scores, by, categories=None):
    d = _design(scores, by, categories)
    G = len(d.groups)
    sums = np.stack([np.column_stack([d.counts, d.words])[d.codes == g].sum(axis=0) for g in range(G)])
    sizes = np.bincount(d.codes, minlength=G)
    return d, _rates(sums), sizes


def outlet_distances(scores: pd.DataFrame, by: str = "outlet", metric: str = "jensenshannon",
                     *, categories=None) -> pd.DataFrame:
    """Distance between the category profiles of every two groups.

    Parameters
    ----------
    scores : DataFrame
        From :func:`framing.score_articles`.
    by : str, default="outlet"
        Grouping column.
    metric : {"jensenshannon", "cosine"}, default="jensenshannon"
        ``"jensenshannon"``: Jensen-Shannon distance (base 2, in [0, 1]) between
        the groups' category *shares* (how their hits split over categories);
        ``"cosine"``: 1 - cosine similarity of the rate vectors.  Both ignore
        how loaded a group is overall, only the mix; compare levels with
        :func:`compare_outlets`.
    categories : list of str, optional
        Categories that make up the profile.

    Returns
    -------
    DataFrame
        Square, index and columns = groups (index named ``by``); NaN for a
        group with no hits.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"article_id": ["1", "1", "2", "2", "3", "3"],
    ...                   "outlet": ["A", "A", "B", "B", "C", "C"],
    ...                   "category": ["x", "y"] * 3, "count": [4, 0, 0, 4, 2, 2],
    ...                   "n_words": 100})
    >>> outlet_distances(s).round(2).values.tolist()
    [[0.0, 1.0, 0.56], [1.0, 0.0, 0.56], [0.56, 0.56, 0.0]]
    """
    _check_metric(metric)
    d, rates, _sizes = _profiles(scores, by, categories)
    return pd.DataFrame(_distances(rates, metric), index=pd.Index(d.groups, name=by),
                        columns=pd.Index(d.groups))


def _check_metric(metric: str) -> None:
    if metric not in _METRICS:
        raise ValueError(f"metric must be one of {', '.join(_METRICS)} (got {metric!r})")


def _distances(rates: np.ndarray, metric: str) -> np.ndarray:
    """Groups x groups distances of the rate profiles (NaN for a group with no hits)."""
    P = np.nan_to_num(rates)
    tot = P.sum(axis=1)
    ok = tot > 0
    G = len(P)
    D = np.full((G, G), np.nan)
    if ok.any():
        from scipy.spatial.distance import cdist

        if metric == "jensenshannon":
            sub = _jensenshannon(P[ok] / tot[ok, None])
        else:
            sub = cdist(P[ok], P[ok], metric="cosine")
        np.fill_diagonal(sub, 0.0)
        D[np.ix_(ok, ok)] = np.clip(sub, 0.0, None)
    return D


def _jensenshannon(Q: np.ndarray) -> np.ndarray:
    """Pairwise Jensen-Shannon distances (base 2) between the rows of ``Q`` (distributions)."""
    a, b = Q[:, None, :], Q[None, :, :]
    m = (a + b) / 2

    def kl(p):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(p > 0, p * np.log(p / m), 0.0).sum(axis=-1)

    return np.sqrt(np.clip((kl(a) + kl(b)) / 2 / np.log(2), 0.0, None))


def outlet_map(scores: pd.DataFrame, by: str = "outlet", method: str = "pca", random_state=None,
               *, metric: str = "jensenshannon", categories=None) -> pd.DataFrame:
    """2-D coordinates of the groups from their category profiles.

    Parameters
    ----------
    scores : DataFrame
        From :func:`framing.score_articles`.
    by : str, default="outlet"
        Grouping column.
    method : {"pca", "mds"}, default="pca"
        ``"pca"``: principal components of the standardised category rates
        (scikit-learn ``PCA``); the share of variance of each axis is in
        ``df.attrs["explained_variance_ratio"]``.  ``"mds"``: metric MDS of
        :func:`outlet_distances` (scikit-learn ``MDS``, precomputed).
    random_state : int, RandomState instance or None, default=None
        For MDS.
    metric : {"jensenshannon", "cosine"}, default="jensenshannon"
        MDS only: the distance to embed.
    categories : list of str, optional
        Categories that make up the profile.

    Returns
    -------
    DataFrame
        ``<by>, x, y, n_articles``, one row per group.  Axes have no fixed
        sign or unit: read distances between points, not positions.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"article_id": ["1", "1", "2", "2", "3", "3"],
    ...                   "outlet": ["A", "A", "B", "B", "C", "C"],
    ...                   "category": ["x", "y"] * 3, "count": [4, 0, 0, 4, 2, 2],
    ...                   "n_words": 100})
    >>> list(outlet_map(s).columns)
    ['outlet', 'x', 'y', 'n_articles']
    """
    if method not in ("pca", "mds"):
        raise ValueError(f"method must be 'pca' or 'mds' (got {method!r})")
    if method == "mds":
        _check_metric(metric)
    d, rates, sizes = _profiles(scores, by, categories)
    if method == "mds":
        dist = _distances(rates, metric)
        ok = ~np.isnan(dist).all(axis=1)
        xy = np.full((len(d.groups), 2), np.nan)
        if ok.sum() >= 2:
            xy[ok] = _mds(np.nan_to_num(dist[np.ix_(ok, ok)]), random_state)
        return pd.DataFrame({by: d.groups, "x": xy[:, 0], "y": xy[:, 1], "n_articles": sizes})
    from sklearn.decomposition import PCA

    Z = np.nan_to_num(rates)
    Z = Z - Z.mean(axis=0)
    sd = Z.std(axis=0)
    Z = np.where(sd > 0, Z / np.where(sd > 0, sd, 1), 0.0)
    n_comp = min(2, Z.shape[0], Z.shape[1])
    xy = np.zeros((Z.shape[0], 2))
    evr = [0.0, 0.0]
    if n_comp and np.any(Z):
        pca = PCA(n_components=n_comp)
        xy[:, :n_comp] = pca.fit_transform(Z)
        evr[:n_comp] = pca.explained_variance_ratio_.tolist()
    out = pd.DataFrame({by: d.groups, "x": xy[:, 0], "y": xy[:, 1], "n_articles": sizes})
    out.attrs["explained_variance_ratio"] = evr
    return out


def _mds(D: np.ndarray, random_state) -> np.ndarray:
    import inspect

    from sklearn.manifold import MDS

    params = inspect.signature(MDS).parameters
    if "metric_mds" in params:  # scikit-learn >= 1.8
        kw = {"metric": "precomputed", "init": "classical_mds", "n_init": 1}
    else:
        kw = {"dissimilarity": "precomputed", "n_init": 4}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return MDS(n_components=2, random_state=random_state, **kw).fit_transform(D)
