"""Self-contained HTML: articles with their loaded words made visible.

Modelled on spaCy's displaCy: every ``render_*`` function returns a string,
spans arrive as plain dicts with character offsets (see
:func:`spans_from_matches`), every slice of article text between two offsets is
HTML-escaped, the page skeleton and CSS live in ``framing/templates/``, and
writing a file is a separate function (:func:`write_report`).

The renderers draw the tables they are handed (matches, scores, comparison,
alignments) and run no step of the pipeline; :func:`framing.build_report`
runs it and calls :func:`render_report`.

A report is one HTML file with no network requests: CSS inline, charts as
inline SVG, one tiny inline script (kept inside the window: the tooltips are
shown by CSS on ``:hover`` and ``:focus``) allowed by its hash in a
Content-Security-Policy that blocks everything else.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
from pathlib import Path
from string import Template

import pandas as pd

from ._html import (
    alignment_pairs, category_order, category_palette, entry_info, esc, fmt_date, quote_dicts,
    render_article, require_matches, template, tint, to_str,
)
from .corpus import article_row
from .errors import InputError
from .errors import require_columns as _require
from .text import sentence_spans

logger = logging.getLogger(__name__)

__all__ = [
    "render_report",
    "write_report",
    "render_articles_html",
    "render_side_by_side",
    "render_article",
    "spans_from_matches",
]

#: With more groups than this the comparison is a shaded table instead of a bar chart.
_MAX_CHART_GROUPS = 6


# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------

def _prefix(articles: pd.DataFrame) -> str:
    """Deterministic id prefix, distinct between two different sets of articles."""
    h = hashlib.sha1()
    for aid, text in zip(articles["article_id"], articles["text"]):
        h.update(to_str(aid).encode("utf-8", "replace") + b"\0" + str(len(to_str(text))).encode())
    return "fr" + h.hexdigest()[:6]


def _prepare(matches, articles, lexicon, who: str):
    """Check the matches table, resolve the articles and the lexicon (a name is loaded).

    Nothing is computed: ``matches=None`` raises :class:`InputError` (see
    :func:`framing._html.require_matches`).
    """
    from .corpus import as_articles
    from .match import _resolve_lexicon

    require_matches(matches, who)
    arts = as_articles(articles)
    if "outlet" not in arts.columns:
        arts = arts.assign(outlet="")
    lex = lexicon
    if lex is not None and not hasattr(lex, "colors"):
        lex = _resolve_lexicon(lex)
    return matches, arts, lex


def _prepare_page(matches, articles, lexicon, who: str):
    """:func:`_prepare`, plus what a legend and article cards need.

    Returns ``(matches, articles, lexicon, palette, present, counts, prefix)``:
    ``present`` are the categories with hits, in lexicon order; ``counts`` the
    hits per category; ``prefix`` the id prefix of :func:`_prefix`.
    """
    matches, arts, lex = _prepare(matches, articles, lexicon, who)
    cats = category_order(lex, matches)
    labels = matches["category"].map(to_str)
    present = [c for c in cats if (labels == c).any()]
    return matches, arts, lex, category_palette(lex, cats), present, labels.value_counts().to_dict(), _prefix(arts)


# ---------------------------------------------------------------------------
# spans
# ---------------------------------------------------------------------------


def spans_from_matches(matches: pd.DataFrame, article_id, *, lexicon=None) -> list[dict]:
    """The hits of one article as plain span dicts, ready for :func:`render_article`.

    Parameters
    ----------
    matches : DataFrame
        The matches table (:func:`framing.find_matches`); needs ``article_id``,
        ``start``, ``end`` and ``category``.
    article_id : object
        The article whose hits are wanted.
    lexicon : Lexicon, optional
        Adds each term's ``note`` and ``neutral`` alternatives.

    Returns
    -------
    list of dict
        Sorted by ``start``; keys ``start, end, label`` (the category), ``term,
        matched_text, voice, note, neutral`` (list of str), ``target, speaker``.

    Examples
    --------
    >>> import framing
    >>> lex = framing.Lexicon([framing.Entry("regime", "delegitimizing", -1, note="Implies illegitimacy.")])
    >>> m = framing.find_matches("The regime spoke.", lex)
    >>> [(s["start"], s["end"], s["label"], s["note"]) for s in spans_from_matches(m, "text", lexicon=lex)]
    [(4, 10, 'delegitimizing', 'Implies illegitimacy.')]
    """
    _require(matches, ["article_id", "start", "end", "category"], "matches table")
    rows = matches[matches["article_id"].map(to_str) == to_str(article_id)]
    spans = []
    for row in rows.to_dict("records"):
        term = to_str(row.get("term")) or to_str(row.get("matched_text"))
        note, neutral = entry_info(lexicon, term, row)
        spans.append({
            "start": int(row["start"]), "end": int(row["end"]), "label": to_str(row["category"]),
            "term": term, "matched_text": to_str(row.get("matched_text")),
            "voice": to_str(row.get("voice")) or "narrative", "note": note, "neutral": neutral,
            "target": to_str(row.get("target")), "speaker": to_str(row.get("speaker")),
        })
    spans.sort(key=lambda s: (s["start"], -s["end"]))
    return spans


# ---------------------------------------------------------------------------
# legend, profiles, article cards
# ---------------------------------------------------------------------------

def _legend_html(lexicon, cats_present, counts, palette) -> str:
    items = []
    for cat in cats_present:
        desc = ""
        if lexicon is not None and cat in lexicon.categories:
            desc = lexicon.categories[cat].description
        c = palette.get(cat, "#777")
        title = f' title="{esc(desc)}"' if desc else ""
        items.append(
            f'<li{title}><span class="swatch" style="--c:{esc(c)}"></span>'
            f'<span><dfn>{esc(cat)}</dfn> <span class="fr-muted">({counts.get(cat, 0)})</span>'
            + (f' <span class="fr-muted">— {esc(desc)}</span>' if desc else "")
            + "</span></li>"
        )
    sample = "--c:#555;--bg:rgba(0,0,0,.09)"
    voices = (
        f'<p class="voices"><mark class="hit v-narrative" style="{sample}">solid</mark> the outlet\'s own words · '
        f'<mark class="hit v-quoted" style="{sample}">dashed</mark> inside quoted speech (someone else\'s words) · '
        '<span class="q q-speech">grey italic</span> quoted speech · '
        '<span class="q q-scare">dotted</span> a label set in scare quotes, which distances the writer from it.</p>'
        '<p class="voices">Hover over, tap or tab to a highlighted word to see its category, why it is loaded, '
        'neutral alternatives, whom it is aimed at and, in quotations, who is speaking.</p>'
    )
    cats = f"<ul>{''.join(items)}</ul>" if items else '<p class="nohits">No loaded terms found.</p>'
    return f'<div class="legend"><h3>Categories</h3>{cats}{voices}</div>'


def _profile_counts(scores) -> dict[str, dict[str, tuple[int, int]]]:
    """``article_id -> category -> (own words, in quotes)`` from a scores table.

    Own words are the ``narrative`` and ``scare_quote`` hits, as in
    :func:`framing.score_articles`; None (no scores table) gives ``{}``.
    """
    if scores is None:
        return {}
    _require(scores, ["article_id", "category", "n_narrative", "n_quoted", "n_scare_quote"], "scores table")
    out: dict[str, dict[str, tuple[int, int]]] = {}
    for aid, cat, narrative, quoted, scare in zip(
        scores["article_id"].map(to_str), scores["category"].map(to_str),
        scores["n_narrative"], scores["n_quoted"], scores["n_scare_quote"],
    ):
        own, q = out.setdefault(aid, {}).get(cat, (0, 0))
        out[aid][cat] = (own + int(narrative) + int(scare), q + int(quoted))
    return out


def _profile_html(art_matches: pd.DataFrame, tally, n_words: int, cats, palette, scale: float) -> str:
    """The profile table of one article from its row of :func:`_profile_counts` ("" when None)."""
    if art_matches.empty:
        return '<p class="nohits">No loaded terms from the lexicon were found in this article.</p>'
    if tally is None:
        return ""
    rows = []
    for cat in cats:
        own, q = tally.get(cat, (0, 0))
        if own + q == 0:
            continue
        c = palette.get(cat, "#777")
        rate = f"{own * 1000 / n_words:.1f}" if n_words else "–"
        w_own, w_q = own * scale, q * scale
        bars = (f'<span class="bar" style="--c:{esc(c)};width:{w_own:.1f}px"></span>' if own else "") + (
            f'<span class="bar quoted" style="--c:{esc(c)};width:{w_q:.1f}px"></span>' if q else "")
        rows.append(
            f'<tr><td><span class="swatch" style="--c:{esc(c)}"></span> {esc(cat)}</td>'
            f'<td class="num">{own}</td><td class="num">{q}</td><td class="num">{rate}</td>'
            f'<td aria-hidden="true">{bars}</td></tr>'
        )
    return (
        '<div class="scroll-x"><table class="profile"><thead><tr><th>Category</th><th>Own words</th><th>In quotes</th>'
        '<th>Own per 1,000 words</th><th></th></tr></thead><tbody>' + "".join(rows) + "</tbody></table></div>"
    )


def _article_label(row: dict) -> str:
    return to_str(row.get("title")) or to_str(row.get("article_id"))


def _articles_html(matches, arts, lexicon, palette, cats, prefix, *, scores=None, heading="h3",
                   max_articles=None) -> str:
    from .score import count_words

    profiles = _profile_counts(scores)
    by_id = {k: g for k, g in matches.groupby(matches["article_id"].map(to_str), sort=False)}
    shown = arts if max_articles is None else arts.head(max_articles)
    words = count_words(shown)
    per_article = [len(g) for g in by_id.values()]
    biggest = max(per_article + [1])
    scale = 160.0 / biggest
    out = []
    for i, (row, n_words) in enumerate(zip(shown.to_dict("records"), words)):
        aid = to_str(row.get("article_id"))
        text = to_str(row.get("text"))
        am = by_id.get(aid, matches.iloc[0:0])
        spans = spans_from_matches(am, aid, lexicon=lexicon) if len(am) else []
        meta = [x for x in (to_str(row.get("outlet")), fmt_date(row.get("date"))) if x]
        meta.append(f"id {aid}")
        meta.append(f"{int(n_words):,} words")
        meta.append(f"{len(am)} loaded term{'s' if len(am) != 1 else ''}")
        body = render_article(text, spans, colors=palette, id_prefix=f"{prefix}-a{i}")
        out.append(
            f'<article class="art" id="{esc(prefix)}-art{i}" data-article-id="{esc(aid)}">'
            f"<{heading}>{esc(_article_label(row))}</{heading}>"
            f'<p class="art-meta">{" · ".join(esc(m) for m in meta)}</p>'
            f"{_profile_html(am, profiles.get(aid), int(n_words), cats, palette, scale)}"
            f'<div class="art-text">{body}</div></article>'
        )
    if max_articles is not None and len(arts) > max_articles:
        out.append(f'<p class="fr-muted">… and {len(arts) - max_articles} more articles not shown.</p>')
    return "".join(out)


def render_articles_html(matches, articles, *, lexicon=None, scores=None, max_articles: int = 50) -> str:
    """The highlighted articles as an HTML fragment (used by ``Analysis._repr_html_``).

    Draws the tables it is handed; it does not search the articles.

    Parameters
    ----------
    matches : DataFrame
        The matches table (:func:`framing.find_matches`).  None raises
        :class:`~framing.errors.InputError`.
    articles : DataFrame, str or list of str
        The articles the matches came from (or anything ``find_matches`` takes).
    lexicon : Lexicon, str or list of str, optional
        Adds notes, neutral alternatives and category colours.
    scores : DataFrame, optional
        From :func:`framing.score_articles`; gives each article its profile
        table (hits in the outlet's own words and in quotes per category).
        Without it the profiles are left out.
    max_articles : int, default=50
        Show at most this many articles.

    Returns
    -------
    str
        A ``<div class="fr">`` with its own scoped ``<style>``, a legend, and
        per article a profile table (with ``scores``) and the text with hits
        highlighted.  No script: the tooltips are CSS-only.

    See Also
    --------
    render_report : the same articles in a complete, stand-alone page.

    Examples
    --------
    >>> import framing
    >>> a = framing.analyze("The self-proclaimed leader spoke.", "venezuela-2019")
    >>> '<mark class="hit' in render_articles_html(a.matches, a.articles, lexicon=a.lexicon, scores=a.scores)
    True
    """
    matches, arts, lex, palette, present, counts, prefix = _prepare_page(
        matches, articles, lexicon, "render_articles_html")
    return (
        f'<div class="fr fr-articles"><style>{template("report.css")}</style>'
        f"{_legend_html(lex, present, counts, palette)}"
        + _articles_html(matches, arts, lex, palette, present, prefix, scores=scores, max_articles=max_articles)
        + "</div>"
    )


# ---------------------------------------------------------------------------
# side by side
# ---------------------------------------------------------------------------

def _article_row(articles: pd.DataFrame, which) -> dict:
    if isinstance(which, pd.Series):
        return which.to_dict()
    if isinstance(which, dict):
        return dict(which)
    return article_row(articles, which).to_dict()


def _sentence_quotes(full_text: str, sentence_idx: int, sentence_text: str, sents, full_quotes) -> list[dict]:
    """Quotations of one sentence, classified in the context of the whole article."""
    if 0 <= sentence_idx < len(sents):
        a, b = sents[sentence_idx]
        if full_text[a:b] == sentence_text:
            return [{"start": max(q["start"], a) - a, "end": min(q["end"], b) - a, "kind": q["kind"]}
                    for q in full_quotes if q["start"] < b and q["end"] > a]
    return quote_dicts(sentence_text)


def _term_spans(terms, lexicon, by_pos: dict, offset: int, other_terms: set | None) -> list[dict]:
    spans = []
    for t in terms or []:
        t = dict(t)
        full = by_pos.get(offset + int(t["start"]), {})
        term = to_str(t.get("term")) or to_str(full.get("term"))
        note, neutral = entry_info(lexicon, term, full)
        spans.append({
            "start": int(t["start"]), "end": int(t["end"]),
            "label": to_str(t.get("category")) or to_str(full.get("category")),
            "term": term, "matched_text": to_str(t.get("matched_text")),
            "voice": to_str(t.get("voice")) or to_str(full.get("voice")) or "narrative",
            "note": note, "neutral": neutral,
            "target": to_str(t.get("target")) or to_str(full.get("target")),
            "speaker": to_str(full.get("speaker")),
            "diff": other_terms is not None and term not in other_terms,
        })
    return spans


def _side_by_side_html(row_a, row_b, alignment, matches, lexicon, palette, prefix) -> str:
    texts = (to_str(row_a.get("text")), to_str(row_b.get("text")))
    sents = tuple(sentence_spans(t) for t in texts)
    quotes = tuple(quote_dicts(t) for t in texts)
    by_pos = []
    for row in (row_a, row_b):
        aid = to_str(row.get("article_id"))
        sub = matches[matches["article_id"].map(to_str) == aid]
        by_pos.append({int(r["start"]): r for r in sub.to_dict("records")})
    head = []
    for row in (row_a, row_b):
        sub = " · ".join(x for x in (to_str(row.get("outlet")), fmt_date(row.get("date"))) if x)
        head.append(f'<th scope="col">{esc(_article_label(row))}<br><span class="fr-muted">{esc(sub)}</span></th>')
    body = []
    n_diff = 0
    for r in alignment.to_dict("records"):
        ia, ib = int(r["sentence_a"]), int(r["sentence_b"])
        terms_a, terms_b = list(r.get("terms_a") or []), list(r.get("terms_b") or [])
        paired = ia >= 0 and ib >= 0
        set_a = {to_str(t.get("term")) for t in terms_a}
        set_b = {to_str(t.get("term")) for t in terms_b}
        cells = []
        for side, (idx, txt, terms, other) in enumerate(
            ((ia, r["text_a"], terms_a, set_b), (ib, r["text_b"], terms_b, set_a))
        ):
            cls = "sa" if side == 0 else "sb"
            if idx < 0:
                cells.append(f'<td class="{cls} empty"></td>')
                continue
            txt = to_str(txt)
            off = sents[side][idx][0] if idx < len(sents[side]) else 0
            spans = _term_spans(terms, lexicon, by_pos[side], off, other if paired else None)
            qs = _sentence_quotes(texts[side], idx, txt, sents[side], quotes[side])
            inner = render_article(txt, spans, quotes=qs, colors=palette, paragraphs=False,
                                   id_prefix=f"{prefix}-p{r['pair']}{'ab'[side]}")
            cells.append(f'<td class="{cls}" data-sentence="{idx}">{inner}</td>')
        differs = paired and set_a != set_b
        n_diff += differs
        kind = "differs" if differs else ("plain" if not (terms_a or terms_b) else "same")
        sim = f"{float(r['similarity']):.2f}" if paired else "–"
        body.append(f'<tr class="{kind}">{cells[0]}<td class="sim">{sim}</td>{cells[1]}</tr>')
    note = (
        "Sentences of the two articles are paired by the words they share; a sentence with no "
        "counterpart faces a hatched cell. <b>Bold, boxed</b> terms appear on one side of a pair but not "
        f"the other ({n_diff} pair{'s' if n_diff != 1 else ''} differ). The middle column is the similarity "
        "of the two sentences (0-1)."
    )
    return (
        f'<p class="sbs-note">{note}</p>'
        '<table class="sbs"><colgroup><col><col class="sim"><col></colgroup>'
        f'<thead><tr>{head[0]}<th class="sim fr-muted" scope="col">sim.</th>{head[1]}</tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table>'
    )


def render_side_by_side(a, b, matches, articles=None, *, lexicon=None, alignment) -> str:
    """Two articles on one event in two columns of aligned sentences (an HTML fragment).

    Draws the tables it is handed; it neither searches nor aligns the articles.

    Parameters
    ----------
    a, b : object, dict or Series
        Article ids (looked up in ``articles``) or article rows.
    matches : DataFrame
        The matches table (:func:`framing.find_matches`) of the two articles.
    articles : DataFrame, optional
        Needed when ``a``/``b`` are ids.
    lexicon : Lexicon, str or list of str, optional
        Adds notes, neutral alternatives and category colours.
    alignment : DataFrame
        ``framing.align_articles(a, b, matches)``.

    Returns
    -------
    str
        A ``<div class="fr">`` with its own ``<style>``: a table with one row per
        aligned pair; a term present on one side of a pair and not the other is
        a ``<mark class="hit diff">``.
    """
    if alignment is None:
        raise InputError("render_side_by_side: alignment is None; compute it with "
                         "framing.align_articles(a, b, matches, articles=articles)")
    alignment_pairs({("a", "b"): alignment}, "render_side_by_side")  # checks the columns
    if articles is None:
        articles = pd.DataFrame([r if isinstance(r, dict) else r.to_dict() for r in (a, b)])
    matches, arts, lex = _prepare(matches, articles, lexicon, "render_side_by_side")
    row_a, row_b = _article_row(arts, a), _article_row(arts, b)
    palette = category_palette(lex, category_order(lex, matches))
    return (
        f'<div class="fr fr-sbs"><style>{template("report.css")}</style>'
        f"{_side_by_side_html(row_a, row_b, alignment, matches, lex, palette, _prefix(arts))}</div>"
    )


# ---------------------------------------------------------------------------
# outlet comparison
# ---------------------------------------------------------------------------

def _figure_svg(fig) -> str:
    """A matplotlib figure as an inline ``<svg>`` string (the figure is closed)."""
    import matplotlib
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    try:
        with matplotlib.rc_context({"svg.hashsalt": "framing", "svg.fonttype": "path"}):
            fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    finally:
        plt.close(fig)
    svg = buf.getvalue()
    return svg[svg.find("<svg"):]


def _plot_chart(source, by, cats, palette) -> str:
    """The profile chart of :func:`framing.plot.plot_profile` as inline SVG."""
    from matplotlib.figure import Figure

    from .plot import plot_profile

    rates = source.rates if hasattr(source, "rates") else source
    n_groups = rates[by].nunique()
    fig = Figure(figsize=(7.4, 1.1 + 0.3 * max(1, n_groups * len(cats))), layout="constrained")
    plot_profile(source, ax=fig.subplots(), by=by, categories=cats, colors=palette, orient="h")
    return _figure_svg(fig)


def _rates_table_html(rates: pd.DataFrame, by: str, cats, palette) -> str:
    """Groups x categories as an HTML table, each cell shaded by its rate (for many groups)."""
    rate_of = {(to_str(r[by]), to_str(r["category"])): r for r in rates.to_dict("records")}
    groups = list(dict.fromkeys(rates[by].map(to_str)))
    top = {c: max([float(rate_of.get((g, c), {}).get("rate", 0) or 0) for g in groups] + [1e-9]) for c in cats}
    n_art = rates.groupby(rates[by].map(to_str))["n_articles"].max().to_dict() if "n_articles" in rates.columns else {}
    head = "".join(
        f'<th scope="col"><span class="swatch" style="--c:{esc(palette.get(c, "#777"))}"></span> {esc(c)}</th>'
        for c in cats
    )
    body = []
    for g in groups:
        cells = []
        for c in cats:
            r = rate_of.get((g, c), {})
            v = float(r.get("rate", 0) or 0)
            lo, hi = r.get("ci_low"), r.get("ci_high")
            title = f"{g}, {c}: {v:.2f} per 1,000 words"
            if lo is not None and hi is not None and not (pd.isna(lo) or pd.isna(hi)):
                title += f" (CI {float(lo):.2f}–{float(hi):.2f})"
            col = palette.get(c, "#777")
            alpha = 0.08 + 0.62 * v / top[c]
            cells.append(f'<td class="num" style="background:{esc(tint(col, round(alpha, 2)))}" '
                         f'title="{esc(title)}">{v:.1f}</td>')
        n = f'<td class="num">{int(n_art[g])}</td>' if g in n_art else "<td></td>"
        body.append(f'<tr><th scope="row">{esc(g)}</th>{n}{"".join(cells)}</tr>')
    return (
        '<div class="scroll-x"><table class="rates"><thead><tr>'
        f'<th scope="col">{esc(by)}</th><th scope="col">articles</th>{head}</tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table></div>'
    )


def _contrasts_html(contrasts) -> str:
    if contrasts is None or not len(contrasts):
        return ""
    c = contrasts.copy()
    if "p_adjusted" in c.columns:
        c = c.sort_values("p_adjusted", kind="stable")
    rows = []
    for r in c.head(12).to_dict("records"):
        def num(k, fmt="{:.2f}"):
            v = r.get(k)
            return "–" if v is None or pd.isna(v) else fmt.format(float(v))

        ci = f"{num('ci_low')}–{num('ci_high')}" if not pd.isna(r.get("ci_low")) else "–"
        rows.append(
            f"<tr><td>{esc(r.get('group_a'))}</td><td>{esc(r.get('group_b'))}</td><td>{esc(r.get('category'))}</td>"
            f'<td class="num">{num("rate_a", "{:.1f}")}</td><td class="num">{num("rate_b", "{:.1f}")}</td>'
            f'<td class="num">{num("rate_ratio")}</td><td class="num">{ci}</td><td class="num">{num("p_adjusted", "{:.3f}")}</td></tr>'
        )
    return (
        '<div class="scroll-x"><table class="contrasts"><thead><tr><th>A</th><th>B</th><th>Category</th><th>Rate A</th><th>Rate B</th>'
        '<th>Ratio</th><th>95% CI</th><th>p (adj.)</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table></div>"
    )


def _comparison_html(comparison, notes, palette, cats) -> str:
    """The comparison section of a :class:`~framing.compare.Comparison` ("" when None).

    Its ``.rates`` are charted (a shaded table for many groups) and its
    ``.contrasts`` listed; ``notes`` are shown under the chart.
    """
    if comparison is None:
        return ""
    source, rates, by, contrasts = (comparison, comparison.rates, getattr(comparison, "by", "outlet"),
                                    getattr(comparison, "contrasts", None))
    _require(rates, ["category", "rate", by], "comparison rates")
    top = rates.groupby(rates["category"].map(to_str))["rate"].max()
    shown = [c for c in cats if top.get(c, 0) > 0] + [
        c for c in dict.fromkeys(rates["category"].map(to_str)) if c not in cats and top.get(c, 0) > 0]
    if not shown:
        return ""
    has_ci = "ci_low" in rates.columns and rates["ci_low"].notna().any()
    if rates[by].nunique() > _MAX_CHART_GROUPS:
        chart = _rates_table_html(rates, by, shown, palette)
        counts = ""
        how = "; darker cells: higher rates within a category" + (
            "; hover over a cell for its confidence interval" if has_ci else "")
    else:
        chart = _plot_chart(source, by, shown, palette)
        n = rates.groupby(rates[by].map(to_str))["n_articles"].max().to_dict() if "n_articles" in rates.columns else {}
        counts = "; ".join(f"{esc(g)}: {int(v)} article{'s' if int(v) != 1 else ''}" for g, v in n.items())
        how = "; whiskers: bootstrap confidence intervals" if has_ci else ""
    cap = (f"Loaded terms in each {esc(by)}'s own words (narrative and scare quotes) per 1,000 words"
           + how + (f". {counts}" if counts else "")
           + ". With few articles per group a difference is an anecdote, not evidence.")
    if notes:
        cap += "".join(f"<br>Note: {esc(m)}" for m in notes)
    if contrasts is not None and len(contrasts) and {"rate_a", "rate_b"} <= set(contrasts.columns):
        contrasts = contrasts[(contrasts["rate_a"].fillna(0) > 0) | (contrasts["rate_b"].fillna(0) > 0)]
    return (f'<figure class="chart">{chart}<figcaption>{cap}</figcaption></figure>'
            + _contrasts_html(contrasts))


# ---------------------------------------------------------------------------
# the report
# ---------------------------------------------------------------------------

def render_report(
    matches,
    articles,
    *,
    lexicon=None,
    scores=None,
    comparison=None,
    comparison_notes=(),
    alignments=None,
    title: str = "Loaded language report",
) -> str:
    """One self-contained HTML page: highlighted articles, profiles, comparison, side by side.

    Draws the tables it is handed and runs no step of the pipeline: a section
    whose table is not given is left out.  :func:`framing.build_report` runs
    the whole pipeline (matches, scores, comparison, alignment) and calls this.

    Parameters
    ----------
    matches : DataFrame
        The matches table (:func:`framing.find_matches`).  None raises
        :class:`~framing.errors.InputError`.
    articles : DataFrame, str, list of str or path(s)
        The articles table the matches came from.
    lexicon : Lexicon, str or list of str, optional
        Gives the tooltips their notes and neutral alternatives, the category
        colours (``lexicon.colors``) and descriptions.
    scores : DataFrame, optional
        From :func:`framing.score_articles`; gives each article its profile
        table (hits in the outlet's own words and in quotes per category).
    comparison : Comparison, optional
        From :func:`framing.compare_outlets`; its ``.rates`` are charted and its
        ``.contrasts`` listed in the section "Outlets compared".
    comparison_notes : sequence of str, default=()
        Shown under the comparison chart (the orchestrator passes the warnings
        :func:`framing.compare_outlets` raised).
    alignments : DataFrame, list of DataFrames or dict, optional
        Articles to show in two aligned columns ("Side by side"): tables of
        :func:`framing.align_articles` (each names its two articles in
        ``.attrs``), or a mapping ``{(id_a, id_b): table}``.
    title : str, default="Loaded language report"

    Returns
    -------
    str
        A complete HTML document with inline CSS, inline SVG charts and one tiny
        inline script allowed by its hash in a Content-Security-Policy that
        blocks any other script and every network request.

    See Also
    --------
    write_report : write it to a file.
    render_articles_html : the highlighted articles only (a fragment).

    Notes
    -----
    Every slice of article and lexicon text is HTML-escaped, attributes too,
    so an article holding ``<script>`` shows it as text.

    Examples
    --------
    >>> import framing
    >>> texts = ["The self-proclaimed leader spoke."]
    >>> matches = framing.find_matches(texts, "venezuela-2019")
    >>> page = render_report(matches, texts, lexicon="venezuela-2019")
    >>> page.startswith("<!DOCTYPE html>"), 'data-term="self-proclaimed"' in page
    (True, True)
    """
    from ._version import __version__

    matches, arts, lex, palette, present, counts, prefix = _prepare_page(matches, articles, lexicon, "render_report")
    pairs = alignment_pairs(alignments, "render_report")
    toc, sections = [], []

    comp = _comparison_html(comparison, comparison_notes, palette, present)
    if comp:
        toc.append('<li><a href="#outlets">Outlets compared</a></li>')
        table = '<table class="rates">' in comp  # many groups: the shaded table needs the width
        cls = "" if table else ' class="narrow"'
        sections.append(f'<section id="outlets"{cls}><h2>Outlets compared</h2>{comp}</section>')

    sbs_parts = []
    for n, (ida, idb, alignment) in enumerate(pairs):
        row_a, row_b = _article_row(arts, ida), _article_row(arts, idb)
        sbs_parts.append(
            f'<div class="sbs-pair" id="side-by-side-{n}">'
            f"{_side_by_side_html(row_a, row_b, alignment, matches, lex, palette, f'{prefix}-s{n}')}</div>"
        )
    if sbs_parts:
        toc.append('<li><a href="#side-by-side">Side by side</a></li>')
        sections.append(f'<section id="side-by-side"><h2>Side by side</h2>{"".join(sbs_parts)}</section>')

    arts_toc = "".join(
        f'<li><a href="#{esc(prefix)}-art{i}">{esc(_article_label(r))}</a>'
        f'{" — " + esc(to_str(r.get("outlet"))) if to_str(r.get("outlet")) else ""}</li>'
        for i, r in enumerate(arts.to_dict("records"))
    )
    if len(arts) > 12:  # a long list folds away (no script needed)
        arts_toc = f"<details><summary>{len(arts)} articles</summary><ol>{arts_toc}</ol></details>"
    else:
        arts_toc = f"<ol>{arts_toc}</ol>"
    toc.append(f'<li><a href="#articles">Articles</a>{arts_toc}</li>')
    sections.append(
        f'<section id="articles" class="narrow"><h2>Articles</h2>'
        f"{_articles_html(matches, arts, lex, palette, present, prefix, scores=scores)}</section>"
    )

    n_out = arts["outlet"].map(to_str).replace("", pd.NA).dropna().nunique()
    lex_name = f"lexicon “{lex.name}”" if lex is not None and lex.name else "lexicon"
    meta = (f"{len(arts)} article{'s' if len(arts) != 1 else ''}"
            + (f" from {n_out} outlet{'s' if n_out != 1 else ''}" if n_out else "")
            + f" · {len(matches)} loaded term{'s' if len(matches) != 1 else ''} found · {lex_name}")
    body = (
        f'<div class="narrow">{_legend_html(lex, present, counts, palette)}'
        f'<nav class="toc" aria-label="Contents"><ol>{"".join(toc)}</ol></nav></div>'
        + "".join(sections)
    )
    script = template("tooltip.js").strip()
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
           f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'")
    footer = ("A highlighted word is a prompt to look at the word choice and its context, "
              "not a verdict on the article. Made with framing " + __version__ + ".")
    page = Template(template("report.html")).substitute(
        lang=esc(getattr(lex, "language", "en") or "en"),
        csp=esc(csp),
        generator=esc(f"framing {__version__}"),
        title=esc(title),
        page_css=template("page.css"),
        css=template("report.css"),
        meta=esc(meta),
        body=body,
        footer=esc(footer),
        script=script,
    )
    if sbs_parts or '<table class="rates">' in comp:
        page = page.replace('<main class="fr fr-report">', '<main class="fr fr-report wide">', 1)
    return page


def write_report(path, matches, articles, **kwargs) -> Path:
    """Write :func:`render_report` to ``path`` (UTF-8) and return the path.

    Parameters
    ----------
    path : str or os.PathLike
    matches, articles, **kwargs
        As in :func:`render_report`.

    Returns
    -------
    pathlib.Path
    """
    path = Path(path)
    path.write_text(render_report(matches, articles, **kwargs), encoding="utf-8")
    logger.info("wrote %s", path)
    return path
