"""Actor profiles: how each actor is labelled, from a matches table."""

from __future__ import annotations

__all__ = ["actor_profile", "PROFILE_COLUMNS"]

#: Columns of :func:`actor_profile` after the grouping columns.
PROFILE_COLUMNS = ["actor", "category", "voice", "count", "weighted", "net"]


def actor_profile(matches, *, by="article_id", include_quoted: bool = False,
                  scare_quotes: str = "reverse"):
    """How each actor is labelled: hits per actor, category and voice.

    Parameters
    ----------
    matches : DataFrame
        A matches table from :func:`framing.find_matches` (columns ``target``,
        ``category``, ``voice``, ``polarity``, ``weight`` and the ``by`` columns).
    by : str or list of str, default="article_id"
        Grouping column(s), e.g. ``"article_id"``, ``"outlet"`` or
        ``["outlet", "speaker"]``; ``"article"`` means ``"article_id"``.
    include_quoted : bool, default=False
        Count hits inside quoted speech too (by default only the outlet's own
        words: narrative and scare quotes), as in :func:`framing.score_articles`.
    scare_quotes : {"reverse", "keep"}, default="reverse"
        How a term in scare quotes counts in ``net``.  Scare quotes distance the
        writer from the label: self-proclaimed "interim president" mocks the
        title rather than granting it, so by default the polarity of a
        scare-quoted hit is reversed; ``"keep"`` counts it as written.

    Returns
    -------
    DataFrame
        One row per ``<by> x actor x category x voice`` with at least one hit
        with a target (hits with an empty ``target`` are left out):

        - ``<by>``: the grouping column(s);
        - ``actor``: the canonical actor name the terms are aimed at;
        - ``category``, ``voice``: from the matches table;
        - ``count``: number of hits;
        - ``weighted``: sum of the hits' weights;
        - ``net``: sum of ``polarity * weight`` (legitimizing minus
          delegitimizing, weighted; reversed for scare quotes, see
          ``scare_quotes``): above 0 the actor is framed favourably.

    Raises
    ------
    InputError
        When a required column is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({
    ...     "article_id": ["a", "a", "a"], "target": ["Nicolás Maduro", "Nicolás Maduro", ""],
    ...     "category": ["delegitimizing"] * 3, "voice": ["narrative"] * 3,
    ...     "polarity": [-1, -1, -1], "weight": [3.0, 2.0, 1.0]})
    >>> actor_profile(m).values.tolist()
    [['a', 'Nicolás Maduro', 'delegitimizing', 'narrative', 2, 5.0, -5.0]]
    """
    import pandas as pd

    from ..errors import InputError

    keys = [by] if isinstance(by, str) else list(by)
    keys = ["article_id" if k == "article" and "article" not in matches.columns else k for k in keys]
    need = keys + ["target", "category", "voice", "polarity", "weight"]
    missing = [c for c in dict.fromkeys(need) if c not in matches.columns]
    if missing:
        raise InputError(
            f"actor_profile: matches table lacks column(s) {', '.join(missing)} "
            f"(has: {', '.join(map(str, matches.columns))}); make it with framing.find_matches"
        )
    df = matches[matches["target"].fillna("").astype(str) != ""]
    if not include_quoted:
        df = df[df["voice"] != "quoted"]
    cols = keys + PROFILE_COLUMNS
    if df.empty:
        out = pd.DataFrame({c: pd.Series(dtype=matches[c].dtype) for c in keys})
        for c, t in zip(PROFILE_COLUMNS, ("object", "object", "object", "int64", "float64", "float64")):
            out[c] = pd.Series(dtype=t)
        return out[cols]
    if scare_quotes not in ("reverse", "keep"):
        raise ValueError(f"scare_quotes must be 'reverse' or 'keep', got {scare_quotes!r}")
    sign = 1.0
    if scare_quotes == "reverse":
        sign = (df["voice"] == "scare_quote").map({True: -1.0, False: 1.0})
    df = df.assign(
        actor=df["target"],
        _w=df["weight"].astype(float),
        _net=df["polarity"].astype(float) * df["weight"].astype(float) * sign,
    )
    out = (
        df.groupby(keys + ["actor", "category", "voice"], sort=True, dropna=False)
        .agg(count=("_w", "size"), weighted=("_w", "sum"), net=("_net", "sum"))
        .reset_index()
    )
    out["count"] = out["count"].astype("int64")
    return out[cols]
