"""Two articles on one event, sentence by sentence: which words did each choose?

- :func:`align_articles` pairs the sentences of two articles (TF-IDF cosine on
  stemmed words, then a one-to-one assignment) and lists the loaded terms on
  each side, with voice and target;
- :func:`group_events` finds articles about the same event across outlets
  (TF-IDF cosine within a date window, then clustering);
- :func:`event_pairs` lists the cross-outlet pairs of those events, ready for
  :func:`align_articles`;
- :func:`format_alignment` prints an alignment side by side.

Heavy imports (scikit-learn, scipy) happen inside the functions.
"""

from __future__ import annotations

import logging
import os
import warnings
from functools import lru_cache

import numpy as np
import pandas as pd

from .errors import FramingWarning, InputError
from .text import normalize, sentence_spans

logger = logging.getLogger(__name__)

__all__ = ["ALIGN_COLUMNS", "align_articles", "format_alignment", "group_events", "event_pairs"]

#: Columns of :func:`align_articles`.
ALIGN_COLUMNS = [
    "pair", "sentence_a", "sentence_b", "text_a", "text_b", "similarity", "terms_a", "terms_b",
    "start_a", "end_a", "start_b", "end_b",
]
#: Columns of :func:`event_pairs`.
EVENT_PAIR_COLUMNS = [
    "event_id", "article_a", "article_b", "outlet_a", "outlet_b", "date_a", "date_b",
    "similarity", "title_a", "title_b",
]
_TERM_KEYS = ("term", "matched_text", "category", "voice", "target", "start", "end", "polarity")


# ---------------------------------------------------------------------------
# text features
# ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _stem():
    from nltk.stem.snowball import SnowballStemmer

    return lru_cache(maxsize=65536)(SnowballStemmer("english").stem)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def _analyzer(text: str) -> list[str]:
    """Stemmed content words of ``text`` (normalised layer, English stop words out)."""
    stem, stop = _stem(), _stop_words()
    return [stem(w) for w in normalize(text).split() if w not in stop and not w.isdigit()]


def _tfidf(texts, **kwargs):
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True, **kwargs)
    return vec.fit_transform(texts)


# ---------------------------------------------------------------------------
# align_articles
# ---------------------------------------------------------------------------

def _as_article(x, side: str, articles) -> tuple[str, str, str]:
    """``(article_id, outlet, text)`` of one article given as row, 1-row frame, id, path or text."""
    if isinstance(x, pd.DataFrame):
        if len(x) != 1:
            raise InputError(f"{side}: expected one article (a row or a 1-row DataFrame), got {len(x)} rows")
        x = x.iloc[0]
    if isinstance(x, pd.Series):
        if "text" not in x.index or not isinstance(x["text"], str):
            raise InputError(f"{side}: the article row has no 'text' (has: {', '.join(map(str, x.index))})")
        aid = x.get("article_id", side)
        outlet = x.get("outlet", "")
        return str(aid), "" if outlet is None or outlet != outlet else str(outlet), x["text"]
    if isinstance(x, os.PathLike):
        from .corpus import read_articles

        return _as_article(read_articles(x), side, None)
    if isinstance(x, (int, np.integer)) and not isinstance(x, bool):  # an id such as 17
        if articles is None:
            raise InputError(f"{side}: {x!r} looks like an article id; pass articles= to look it up")
        x = str(x)
    if isinstance(x, str):
        if articles is not None:
            if "article_id" not in articles.columns:
                raise InputError("articles= lacks column 'article_id'")
            hit = articles[articles["article_id"].astype(str) == x]
            if len(hit):
                return _as_article(hit.iloc[[0]], side, None)
            if "\n" not in x and " " not in x.strip():
                raise InputError(f"{side}: no article with id {x!r} in articles=")
        return side, "", x
    raise InputError(f"{side}: expected an article row, a 1-row DataFrame, an id or a text "
                     f"(got {type(x).__name__})")


def _terms_by_sentence(m: pd.DataFrame, spans) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    starts = [s for s, _ in spans]
    import bisect

    for row in m.sort_values("start").itertuples(index=False):
        start = int(row.start)
        k = max(0, bisect.bisect_right(starts, start) - 1)
        s0 = starts[k] if starts else 0
        d = {key: getattr(row, key, "") for key in _TERM_KEYS}
        d["start"], d["end"] = start - s0, int(row.end) - s0
        d["polarity"] = int(d["polarity"]) if d["polarity"] != "" else 0
        for key in ("target", "voice", "category", "term", "matched_text"):
            d[key] = "" if d[key] is None or d[key] != d[key] else str(d[key])
        out.setdefault(k, []).append(d)
    return out


def align_articles(
    a,
    b,
    matches: pd.DataFrame | None = None,
    lexicon=None,
    *,
    articles: pd.DataFrame | None = None,
    min_similarity: float = 0.15,
    unpaired: bool = True,
) -> pd.DataFrame:
    """Pair the sentences of two articles on the same event and show the loaded terms of each.

    Parameters
    ----------
    a, b : Series, DataFrame, str or path
        The two articles: a row of an articles table, a 1-row DataFrame, an
        article id (looked up in ``articles``), a plain text, or a path to a
        file holding one article.
    matches : DataFrame, optional
        Matches of the two articles (rows are picked by ``article_id``).
        Default: :func:`framing.find_matches` on the two texts with ``lexicon``.
    lexicon : Lexicon, str or list of str, optional
        Used when ``matches`` is None; default: all built-in lexicons.
    articles : DataFrame, optional
        Where to look up ``a``/``b`` given as ids.
    min_similarity : float, default=0.15
        Two sentences pair only when their TF-IDF cosine is at least this.
    unpaired : bool, default=True
        Also list the sentences left without a partner.

    Returns
    -------
    DataFrame
        ``pair, sentence_a, sentence_b, text_a, text_b, similarity, terms_a,
        terms_b, start_a, end_a, start_b, end_b``, one row per sentence pair,
        ordered by position (along ``a``; an unpaired ``b`` sentence follows the
        pair of the ``b`` sentence before it).  ``sentence_*`` index
        :func:`framing.text.sentence_spans` of each text, -1 on the missing side
        of an unpaired sentence (whose text is "" and similarity NaN).
        ``terms_*`` are lists of dicts ``term, matched_text, category, voice,
        target, start, end, polarity`` with offsets *within the sentence*.
        ``start_*``/``end_*`` are the sentence's offsets in its article.

    See Also
    --------
    group_events : find articles on the same event.
    format_alignment : print the result side by side.

    Notes
    -----
    Sentences are compared as TF-IDF vectors of their stemmed content words
    (NLTK Snowball, English stop words removed, IDF over the sentences of both
    articles); ``scipy.optimize.linear_sum_assignment`` then picks the
    one-to-one pairing of greatest total similarity.  Word order and
    paraphrase beyond shared stems are not seen: "coup" and "putsch" don't match.

    Examples
    --------
    >>> from framing import Entry, Lexicon
    >>> lex = Lexicon([Entry("regime", "delegitimizing", -1), Entry("government", "neutral", 0)])
    >>> al = align_articles("The regime closed the border. Talks begin Monday.",
    ...                     "Talks start on Monday. The government closed the border.", lexicon=lex)
    >>> al[["sentence_a", "sentence_b"]].values.tolist()
    [[0, 1], [1, 0]]
    >>> [t["term"] for t in al["terms_a"][0]], [t["term"] for t in al["terms_b"][0]]
    (['regime'], ['government'])
    """
    from scipy.optimize import linear_sum_assignment

    id_a, out_a, text_a = _as_article(a, "a", articles)
    id_b, out_b, text_b = _as_article(b, "b", articles)
    if id_a == id_b:
        if matches is not None and text_a != text_b:
            raise InputError(f"a and b have the same article_id {id_a!r}: matches cannot tell them apart")
        id_a, id_b = id_a + "#a" if id_a != "a" else "a", id_b + "#b" if id_b != "b" else "b"
    if matches is None:
        from .match import _resolve_lexicon, find_matches

        two = pd.DataFrame({"article_id": [id_a, id_b], "outlet": [out_a, out_b], "text": [text_a, text_b]})
        matches = find_matches(two, _resolve_lexicon(lexicon))
    else:
        need = [c for c in ("article_id", "term", "start", "end") if c not in matches.columns]
        if need:
            raise InputError(f"matches table lacks column(s) {', '.join(need)}")
    spans_a, spans_b = sentence_spans(text_a), sentence_spans(text_b)
    ids = matches["article_id"].astype(str)
    terms_a = _terms_by_sentence(matches[ids == id_a], spans_a)
    terms_b = _terms_by_sentence(matches[ids == id_b], spans_b)

    na, nb = len(spans_a), len(spans_b)
    pairs: list[tuple[int, int, float]] = []
    if na and nb:
        sents = [text_a[s:e] for s, e in spans_a] + [text_b[s:e] for s, e in spans_b]
        try:
            X = _tfidf(sents)
            S = (X[:na] @ X[na:].T).toarray()
        except ValueError:  # no content word at all
            S = np.zeros((na, nb))
        W = np.where(S >= min_similarity, S, 0.0)
        rows, cols = linear_sum_assignment(W, maximize=True)
        pairs = [(int(i), int(j), float(S[i, j])) for i, j in zip(rows, cols)
                 if W[i, j] > 0]
    paired_a = {i for i, _, _ in pairs}
    paired_b = {j: i for i, j, _ in pairs}
    keyed = [((i, 0, j), i, j, sim) for i, j, sim in pairs]
    if unpaired:
        keyed += [((i, 0, -1), i, -1, np.nan) for i in range(na) if i not in paired_a]
        for j in range(nb):
            if j in paired_b:
                continue
            prev = [paired_b[k] for k in paired_b if k < j]
            anchor = paired_b[max(k for k in paired_b if k < j)] if prev else -1
            keyed.append(((anchor, 1, j), -1, j, np.nan))
    keyed.sort(key=lambda r: r[0])
    rows_out = []
    for n, (_key, i, j, sim) in enumerate(keyed):
        sa, ea = spans_a[i] if i >= 0 else (-1, -1)
        sb, eb = spans_b[j] if j >= 0 else (-1, -1)
        rows_out.append((n, i, j, text_a[sa:ea] if i >= 0 else "", text_b[sb:eb] if j >= 0 else "",
                         sim, terms_a.get(i, []) if i >= 0 else [], terms_b.get(j, []) if j >= 0 else [],
                         sa, ea, sb, eb))
    out = pd.DataFrame(rows_out, columns=ALIGN_COLUMNS)
    out = out.astype({c: "int64" for c in ("pair", "sentence_a", "sentence_b",
                                            "start_a", "end_a", "start_b", "end_b")})
    out["similarity"] = out["similarity"].astype(float)
    out.attrs.update(article_a=id_a, article_b=id_b, outlet_a=out_a, outlet_b=out_b)
    return out


def _fmt_terms(terms: list[dict]) -> str:
    parts = []
    for t in terms:
        extra = ", ".join(x for x in (t.get("category", ""), t.get("voice", ""),
                                      f"-> {t['target']}" if t.get("target") else "") if x)
        parts.append(f"{t.get('matched_text') or t.get('term')} ({extra})")
    return "; ".join(parts)


def format_alignment(alignment: pd.DataFrame, *, width: int = 100, only_terms: bool = False) -> str:
    """A side-by-side text view of :func:`align_articles`, loaded terms in ``**bold**``.

    Parameters
    ----------
    alignment : DataFrame
        From :func:`align_articles`.
    width : int, default=100
        Wrap sentences at this many characters.
    only_terms : bool, default=False
        Show only the rows where either side has a loaded term.

    Returns
    -------
    str

    Examples
    --------
    >>> from framing import Entry, Lexicon
    >>> al = align_articles("The regime fell.", "The government fell.",
    ...                     lexicon=Lexicon([Entry("regime", "deleg", -1)]))
    >>> print(format_alignment(al))
    [0] a#0 <-> b#0  similarity 0.34
      A: The **regime** fell.
         regime (deleg, narrative)
      B: The government fell.
    """
    import textwrap

    lines = []
    name_a = alignment.attrs.get("outlet_a") or alignment.attrs.get("article_a") or "A"
    name_b = alignment.attrs.get("outlet_b") or alignment.attrs.get("article_b") or "B"
    if alignment.attrs and (name_a != "a" or name_b != "b"):
        lines.append(f"A = {name_a}    B = {name_b}\n")
    for row in alignment.itertuples(index=False):
        if only_terms and not (row.terms_a or row.terms_b):
            continue
        sim = "unpaired" if row.similarity != row.similarity else f"similarity {row.similarity:.2f}"
        sa = f"a#{row.sentence_a}" if row.sentence_a >= 0 else "a#-"
        sb = f"b#{row.sentence_b}" if row.sentence_b >= 0 else "b#-"
        lines.append(f"[{row.pair}] {sa} <-> {sb}  {sim}")
        for side, text, terms in (("A", row.text_a, row.terms_a), ("B", row.text_b, row.terms_b)):
            if not text:
                continue
            marked = _bracket(text, terms)
            wrapped = textwrap.wrap(marked, width=width) or [""]
            lines.append(f"  {side}: " + wrapped[0])
            lines.extend("     " + w for w in wrapped[1:])
            if terms:
                lines.append("     " + _fmt_terms(terms))
    return "\n".join(lines)


def _bracket(text: str, terms: list[dict]) -> str:
    out, pos = [], 0
    for t in sorted(terms, key=lambda t: t["start"]):
        s, e = t["start"], t["end"]
        if s < pos or e > len(text):
            continue
        out += [text[pos:s], "**", text[s:e], "**"]
        pos = e
    out.append(text[pos:])
    return "".join(out)


# ---------------------------------------------------------------------------
# events
# ---------------------------------------------------------------------------

def _event_texts(articles: pd.DataFrame) -> pd.Series:
    text = articles["text"].map(lambda t: t if isinstance(t, str) else "")
    if "title" in articles.columns:
        title = articles["title"].map(lambda t: t if isinstance(t, str) else "")
        text = title + "\n" + text
    return text


def group_events(
    articles: pd.DataFrame,
    *,
    window_days: float | None = 3,
    threshold: float = 0.3,
    linkage: str = "average",
) -> pd.DataFrame:
    """Give articles about the same event a shared ``event_id``.

    Parameters
    ----------
    articles : DataFrame
        An articles table (``article_id``, ``text``, ``date``; ``title`` is
        used too when present).
    window_days : float or None, default=3
        Two articles can share an event only when their dates are at most this
        many days apart.  Articles without a date are compared with all.
        ``None``: ignore dates.
    threshold : float, default=0.3
        Minimum TF-IDF cosine similarity (stemmed content words of title and
        text) for two articles to be linked.
    linkage : {"average", "complete", "single"}, default="average"
        ``"single"``: an event is a connected component of the links (fast,
        but chains A~B~C put A and C together).  ``"average"``/``"complete"``:
        each component is split again by agglomerative clustering (scikit-learn)
        so that the average / smallest similarity within an event is at least
        ``threshold``.

    Returns
    -------
    DataFrame
        ``articles`` plus ``event_id`` (int; every article gets one, numbered
        in order of first appearance) and ``event_size``.

    See Also
    --------
    event_pairs : the cross-outlet pairs within each event.
    align_articles : compare two of them sentence by sentence.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({
    ...     "article_id": ["1", "2", "3"], "outlet": ["X", "Y", "X"],
    ...     "date": pd.to_datetime(["2019-05-21", "2019-05-22", "2019-05-22"]),
    ...     "text": ["Maduro orders army to capture traitors at rally",
    ...              "At a rally Maduro ordered the army to capture traitors",
    ...              "Football club wins the national cup final"]})
    >>> group_events(arts)[["article_id", "event_id", "event_size"]].values.tolist()
    [['1', 0, 2], ['2', 0, 2], ['3', 1, 1]]
    """
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    if not isinstance(articles, pd.DataFrame):
        raise InputError(f"articles must be a DataFrame (got {type(articles).__name__})")
    missing = [c for c in ("article_id", "text") if c not in articles.columns]
    if missing:
        raise InputError(f"articles table lacks column(s) {', '.join(missing)}")
    if linkage not in ("average", "complete", "single"):
        raise ValueError(f"linkage must be 'average', 'complete' or 'single' (got {linkage!r})")
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1] (got {threshold!r})")
    n = len(articles)
    out = articles.copy()
    if n == 0:
        return out.assign(event_id=pd.Series(dtype="int64"), event_size=pd.Series(dtype="int64"))
    if window_days is not None and "date" not in articles.columns:
        warnings.warn("articles have no 'date' column: window_days is ignored", FramingWarning, stacklevel=2)
        window_days = None
    try:
        X = _tfidf(_event_texts(articles)).astype(np.float32).tocsr()
    except ValueError:  # empty vocabulary
        X = sparse.csr_matrix((n, 1), dtype=np.float32)
    if window_days is not None:
        days = pd.to_datetime(articles["date"], errors="coerce").to_numpy("datetime64[s]")
        t = np.where(np.isnat(days), np.nan, days.astype("int64") / 86400.0)
    else:
        t = np.full(n, np.nan)
    order = np.argsort(np.where(np.isnan(t), np.inf, t), kind="mergesort")
    ts = t[order]
    undated = order[np.isnan(ts)]
    dated_n = int((~np.isnan(ts)).sum())
    rows, cols, vals = [], [], []
    block = max(1, 2_000_000 // max(n, 1))
    for s in range(0, n, block):
        idx = order[s:s + block]
        tb = ts[s:s + block]
        if window_days is not None and not np.isnan(tb).all():
            lo = np.searchsorted(ts[:dated_n], np.nanmin(tb) - window_days, "left")
            hi = np.searchsorted(ts[:dated_n], np.nanmax(tb) + window_days, "right")
            cand = np.concatenate([order[lo:hi], undated]) if not np.isnan(tb).any() else order
        else:
            cand = order
        S = (X[idx] @ X[cand].T).toarray()
        ok = S >= threshold
        if window_days is not None:
            ti, tc = t[idx][:, None], t[cand][None, :]
            near = np.abs(ti - tc) <= window_days
            ok &= near | np.isnan(ti) | np.isnan(tc)
        ok &= idx[:, None] < cand[None, :]
        r, c = np.nonzero(ok)
        rows.append(idx[r])
        cols.append(cand[c])
        vals.append(S[r, c])
    r = np.concatenate(rows) if rows else np.array([], dtype=int)
    c = np.concatenate(cols) if cols else np.array([], dtype=int)
    v = np.concatenate(vals) if vals else np.array([])
    graph = sparse.coo_matrix((v, (r, c)), shape=(n, n)).tocsr()
    n_comp, comp = connected_components(graph, directed=False)
    labels = comp.astype(np.int64)
    if linkage != "single":
        labels = _split_components(X, t, comp, n_comp, threshold, window_days, linkage)
    # renumber in order of first appearance
    _, first = np.unique(labels, return_index=True)
    rank = {lab: k for k, lab in enumerate(labels[np.sort(first)])}
    event = np.array([rank[x] for x in labels], dtype=np.int64)
    out["event_id"] = event
    out["event_size"] = np.bincount(event)[event]
    logger.info("group_events: %d articles -> %d events (%d with 2+ articles)",
                n, event.max() + 1, int((np.bincount(event) > 1).sum()))
    return out


def _split_components(X, t, comp, n_comp, threshold, window_days, linkage):
    from sklearn.cluster import AgglomerativeClustering

    labels = comp.astype(np.int64).copy()
    next_label = n_comp
    sizes = np.bincount(comp, minlength=n_comp)
    for k in np.flatnonzero(sizes > 2):
        members = np.flatnonzero(comp == k)
        S = (X[members] @ X[members].T).toarray().astype(float)
        D = np.clip(1.0 - S, 0.0, 1.0)
        if window_days is not None:
            tm = t[members]
            far = np.abs(tm[:, None] - tm[None, :]) > window_days
            D[far] = 1.0
        np.fill_diagonal(D, 0.0)
        model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage=linkage,
                                        distance_threshold=1.0 - threshold + 1e-9)
        sub = model.fit_predict(D)
        labels[members] = np.where(sub == 0, k, next_label + sub - 1)
        next_label += sub.max()
    return labels


def event_pairs(articles: pd.DataFrame, *, cross_outlet: bool = True) -> pd.DataFrame:
    """The pairs of articles that share an event, most similar first within each event.

    Parameters
    ----------
    articles : DataFrame
        From :func:`group_events` (``article_id``, ``text``, ``event_id``;
        ``outlet``, ``date``, ``title`` when present).
    cross_outlet : bool, default=True
        Only pairs from different outlets.

    Returns
    -------
    DataFrame
        ``event_id, article_a, article_b, outlet_a, outlet_b, date_a, date_b,
        similarity, title_a, title_b``, sorted by event then similarity
        (descending).  Feed a pair to :func:`align_articles` with
        ``articles=``.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["1", "2", "3"], "outlet": ["X", "Y", "X"],
    ...                      "text": ["Maduro orders army to capture traitors",
    ...                               "Maduro ordered the army to capture traitors",
    ...                               "Maduro tells soldiers to capture traitors"],
    ...                      "event_id": [0, 0, 0]})
    >>> event_pairs(arts)[["article_a", "article_b", "similarity"]].round(2).values.tolist()
    [['1', '2', 1.0], ['2', '3', 0.4]]
    """
    missing = [c for c in ("article_id", "text", "event_id") if c not in articles.columns]
    if missing:
        raise InputError(
            f"articles table lacks column(s) {', '.join(missing)}"
            + ("; run framing.group_events first" if "event_id" in missing else "")
        )
    arts = articles.reset_index(drop=True)
    get = {c: (arts[c] if c in arts.columns else pd.Series([""] * len(arts)))
           for c in ("outlet", "title")}
    dates = arts["date"] if "date" in arts.columns else pd.Series([pd.NaT] * len(arts))
    sizes = arts.groupby("event_id")["event_id"].transform("size")
    multi = np.flatnonzero((sizes > 1).to_numpy() & arts["event_id"].notna().to_numpy())
    if len(multi) == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in EVENT_PAIR_COLUMNS})
    X = _tfidf(_event_texts(arts.iloc[multi])).tocsr()
    pos = {int(k): i for i, k in enumerate(multi)}
    rows = []
    for ev, grp in arts.iloc[multi].groupby("event_id", sort=True):
        idx = grp.index.to_numpy()
        loc = [pos[i] for i in idx]
        S = (X[loc] @ X[loc].T).toarray()
        for p in range(len(idx)):
            for q in range(p + 1, len(idx)):
                i, j = idx[p], idx[q]
                if cross_outlet and get["outlet"][i] == get["outlet"][j]:
                    continue
                rows.append((ev, arts["article_id"][i], arts["article_id"][j], get["outlet"][i],
                             get["outlet"][j], dates[i], dates[j], float(S[p, q]),
                             get["title"][i], get["title"][j]))
    out = pd.DataFrame(rows, columns=EVENT_PAIR_COLUMNS)
    if len(out):
        out = out.sort_values(["event_id", "similarity"], ascending=[True, False], kind="mergesort")
    return out.reset_index(drop=True)
