"""Self-contained HTML: articles with their loaded words made visible.

Modelled on spaCy's displaCy: every ``render_*`` function returns a string,
spans arrive as plain dicts with character offsets (see
:func:`spans_from_matches`), every slice of article text between two offsets is
HTML-escaped, the page skeleton and CSS live in ``framing/templates/``, and
writing a file is a separate function (:func:`write_report`).

A report is one HTML file with no network requests: CSS inline, charts as
inline SVG, one tiny inline script (kept inside the window: the tooltips are
shown by CSS on ``:hover`` and ``:focus``) allowed by its hash in a
Content-Security-Policy that blocks everything else.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import logging
import math
import re
import warnings
from importlib import resources
from pathlib import Path
from string import Template

import pandas as pd

from .errors import FramingWarning, InputError
from .errors import require_columns as _require
from .lexicon import assign_colors
from .text import normalize, quote_spans, sentence_spans

logger = logging.getLogger(__name__)

__all__ = [
    "render_report",
    "write_report",
    "render_articles_html",
    "render_side_by_side",
    "render_article",
    "spans_from_matches",
    "register_cli",
]

_VOICE_LABEL = {
    "narrative": "the outlet's own words",
    "quoted": "inside quoted speech",
    "scare_quote": "in scare quotes",
}
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})\Z")
_NAMED = re.compile(r"[a-zA-Z]{3,20}\Z")
#: With more groups than this the comparison is a shaded table instead of a bar chart.
_MAX_CHART_GROUPS = 6


# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------

def _esc(value) -> str:
    """HTML-escape ``value`` for text and attribute positions (quotes included)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def _template(name: str) -> str:
    """Text of ``framing/templates/<name>`` (read from the installed package)."""
    return resources.files("framing").joinpath("templates").joinpath(name).read_text(encoding="utf-8")


def _is_missing(value) -> bool:
    """True for None and pandas' missing values (NaN, NA, NaT); False for list-likes."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # pd.isna of a list-like is an array: not one missing value
        return False


def _str(value) -> str:
    return "" if _is_missing(value) else str(value)


def _safe_color(color, fallback: str) -> str:
    """A colour safe to put in a style attribute: ``#hex`` or a plain name, else ``fallback``."""
    color = _str(color).strip()
    if _HEX.match(color) or _NAMED.match(color):
        return color
    return fallback


def _tint(color: str, alpha: float = 0.26) -> str:
    """Light background of ``color`` (hex only; a named colour gets a neutral grey)."""
    if not color.startswith("#"):
        return "rgba(0,0,0,.07)"
    h = color[1:]
    if len(h) in (3, 4):
        h = "".join(c * 2 for c in h[:3])
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _palette(lexicon, categories) -> dict[str, str]:
    """Category -> safe colour, as in every chart (:func:`framing.lexicon.assign_colors`)."""
    declared = {c: _safe_color(v, "") for c, v in (lexicon.colors if lexicon is not None else {}).items()}
    declared = {c: v for c, v in declared.items() if v}  # an unsafe colour is replaced below
    return assign_colors(list(declared) + [c for c in categories if c not in declared], declared)


def _category_order(lexicon, matches: pd.DataFrame) -> list[str]:
    cats = list(lexicon.categories) if lexicon is not None else []
    if "category" in matches.columns:
        cats += [c for c in dict.fromkeys(matches["category"].map(_str)) if c not in cats]
    return cats


def _prefix(articles: pd.DataFrame) -> str:
    """Deterministic id prefix, distinct between two different sets of articles."""
    h = hashlib.sha1()
    for aid, text in zip(articles["article_id"], articles["text"]):
        h.update(_str(aid).encode("utf-8", "replace") + b"\0" + str(len(_str(text))).encode())
    return "fr" + h.hexdigest()[:6]


def _prepare(matches, articles, lexicon):
    """Resolve articles, lexicon and matches (computed when ``matches`` is None)."""
    from .match import _as_articles, _resolve_lexicon, find_matches

    arts = _as_articles(articles)
    if "outlet" not in arts.columns:
        arts = arts.assign(outlet="")
    lex = lexicon
    if lex is not None and not hasattr(lex, "colors"):
        lex = _resolve_lexicon(lex)
    if matches is None:
        lex = lex if lex is not None else _resolve_lexicon(None)
        matches = find_matches(arts, lex)
    _require(matches, ["article_id", "start", "end", "category"], "matches table")
    return matches, arts, lex


def _prepare_page(matches, articles, lexicon):
    """:func:`_prepare`, plus what a legend and article cards need.

    Returns ``(matches, articles, lexicon, palette, present, counts, prefix)``:
    ``present`` are the categories with hits, in lexicon order; ``counts`` the
    hits per category; ``prefix`` the id prefix of :func:`_prefix`.
    """
    matches, arts, lex = _prepare(matches, articles, lexicon)
    cats = _category_order(lex, matches)
    labels = matches["category"].map(_str)
    present = [c for c in cats if (labels == c).any()]
    return matches, arts, lex, _palette(lex, cats), present, labels.value_counts().to_dict(), _prefix(arts)


# ---------------------------------------------------------------------------
# spans
# ---------------------------------------------------------------------------

def _entry_info(lexicon, term: str, row: dict) -> tuple[str, list[str]]:
    """Note and neutral alternatives of ``term``: from the lexicon, else from the row."""
    note, neutral = _str(row.get("note")), row.get("neutral")
    if lexicon is not None and term:
        try:
            entry = lexicon[term]
        except KeyError:
            entry = None
        if entry is not None:
            note, neutral = entry.note or note, entry.neutral or neutral
    if isinstance(neutral, str):
        neutral = [s.strip() for s in neutral.split(";") if s.strip()]
    elif neutral is None or (isinstance(neutral, float) and math.isnan(neutral)):
        neutral = []
    return note, [str(n) for n in neutral]


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
    rows = matches[matches["article_id"].map(_str) == _str(article_id)]
    spans = []
    for row in rows.to_dict("records"):
        term = _str(row.get("term")) or _str(row.get("matched_text"))
        note, neutral = _entry_info(lexicon, term, row)
        spans.append({
            "start": int(row["start"]), "end": int(row["end"]), "label": _str(row["category"]),
            "term": term, "matched_text": _str(row.get("matched_text")),
            "voice": _str(row.get("voice")) or "narrative", "note": note, "neutral": neutral,
            "target": _str(row.get("target")), "speaker": _str(row.get("speaker")),
        })
    spans.sort(key=lambda s: (s["start"], -s["end"]))
    return spans


def _quote_dicts(text: str) -> list[dict]:
    return [{"start": q.start, "end": q.end, "kind": q.kind} for q in quote_spans(text)]


def _clean_spans(text: str, spans, what: str) -> list[dict]:
    """Drop spans outside the text, that do not fit it, or that overlap an earlier longer one."""
    n = len(text)
    good, bad = [], []
    for s in spans:
        a, b = int(s["start"]), int(s["end"])
        mt = s.get("matched_text")
        if not (0 <= a < b <= n) or (mt and text[a:b] != mt):
            bad.append(f"{a}-{b}")
            continue
        good.append(s)
    if bad:
        warnings.warn(
            f"{what}: {len(bad)} span(s) do not fit the article text and are not shown "
            f"({', '.join(bad[:5])}); were the matches made from another version of the text?",
            FramingWarning, stacklevel=4,
        )
    good.sort(key=lambda s: (int(s["start"]) - int(s["end"]), int(s["start"])))  # longest first
    taken: list[tuple[int, int]] = []
    keep = []
    for s in good:
        a, b = int(s["start"]), int(s["end"])
        if all(b <= x or a >= y for x, y in taken):
            taken.append((a, b))
            keep.append(s)
    keep.sort(key=lambda s: int(s["start"]))
    return keep


# ---------------------------------------------------------------------------
# rendering one text
# ---------------------------------------------------------------------------

def _render_layers(text: str, layers, open_tag, close_tag) -> str:
    """Well-nested HTML for several layers of non-overlapping spans over ``text``.

    ``layers`` is outermost first; each is a sorted list of ``(start, end,
    payload)``.  Where a span of an inner layer crosses the border of an outer
    one it is closed and reopened (``first=False`` for the continuation), as
    displaCy splits spans per token.  Every slice of ``text`` is escaped.
    """
    n = len(text)
    points = {0, n}
    for spans in layers:
        for a, b, _ in spans:
            points.update((a, b))
    points = sorted(p for p in points if 0 <= p <= n)
    ptr = [0] * len(layers)
    stack: list[tuple[int, int, bool]] = []
    started: set[tuple[int, int]] = set()
    out: list[str] = []
    for a, b in zip(points, points[1:]):
        want = []
        for li, spans in enumerate(layers):
            j = ptr[li]
            while j < len(spans) and spans[j][1] <= a:
                j += 1
            ptr[li] = j
            want.append(j if j < len(spans) and spans[j][0] <= a else None)
        have = [None] * len(layers)
        for lvl, idx, _ in stack:
            have[lvl] = idx
        k = next((i for i in range(len(layers)) if want[i] != have[i]), len(layers))
        while stack and stack[-1][0] >= k:
            lvl, idx, first = stack.pop()
            out.append(close_tag(lvl, layers[lvl][idx][2], first))
        for lvl in range(k, len(layers)):
            idx = want[lvl]
            if idx is None:
                continue
            first = (lvl, idx) not in started
            started.add((lvl, idx))
            out.append(open_tag(lvl, layers[lvl][idx][2], first))
            stack.append((lvl, idx, first))
        out.append(html.escape(text[a:b], quote=True))
    while stack:
        lvl, idx, first = stack.pop()
        out.append(close_tag(lvl, layers[lvl][idx][2], first))
    return "".join(out)


def _tip_html(span: dict, tip_id: str) -> str:
    voice = span.get("voice") or "narrative"
    parts = [
        f'<span class="tip-cat">{_esc(span.get("label"))}'
        f' <span class="tip-voice">· {_esc(_VOICE_LABEL.get(voice, voice))}</span></span>'
    ]
    term = _str(span.get("term"))
    if term and normalize(term.rstrip("*")).split() != normalize(_str(span.get("matched_text"))).split():
        parts.append(f'<span class="tip-term">lexicon term: “{_esc(term)}”</span>')
    if span.get("note"):
        parts.append(f'<span class="tip-note">{_esc(span["note"])}</span>')
    if span.get("neutral"):
        parts.append(f'<span class="tip-neutral"><b>Neutral:</b> {_esc("; ".join(span["neutral"]))}</span>')
    if span.get("target"):
        parts.append(f'<span class="tip-target"><b>Aimed at:</b> {_esc(span["target"])}</span>')
    if voice == "quoted":
        who = _str(span.get("speaker")) or "not stated"
        parts.append(f'<span class="tip-speaker"><b>Speaker:</b> {_esc(who)}</span>')
    return f'<span class="tip" role="tooltip" id="{_esc(tip_id)}">{"".join(parts)}</span>'


def render_article(
    text: str,
    spans,
    *,
    quotes=None,
    colors: dict | None = None,
    paragraphs: bool = True,
    id_prefix: str = "fr",
    tooltips: bool = True,
) -> str:
    """HTML of one text with its spans highlighted (the body of an article card).

    Parameters
    ----------
    text : str
        The original article text; offsets index it.
    spans : list of dict
        Plain dicts with ``start``, ``end`` (character offsets) and ``label``
        (the category); optional ``term, matched_text, voice, note, neutral,
        target, speaker`` fill the tooltip, and ``diff=True`` gives a stronger
        emphasis (used in the side-by-side view).  See :func:`spans_from_matches`.
        Overlapping spans: the longest wins.
    quotes : list of dict, optional
        ``start``, ``end``, ``kind`` (``"quoted"`` or ``"scare_quote"``);
        default: :func:`framing.text.quote_spans` of ``text``.  ``[]`` marks none.
    colors : dict, optional
        Category -> colour (``#hex`` or a colour name; anything else is replaced
        by a default colour).
    paragraphs : bool, default=True
        Wrap each line of the text in ``<p>``; False renders one inline run.
    id_prefix : str, default="fr"
        Prefix of the tooltip element ids (unique within a page).
    tooltips : bool, default=True
        False: plain marks, not focusable and without tooltip (for print).

    Returns
    -------
    str
        HTML: ``<mark class="hit ..." tabindex="0">`` per span with a
        ``<span class="tip" role="tooltip">`` inside, ``<span class="q q-speech">``
        and ``<span class="q q-scare">`` for quotations.  All text is escaped.

    Examples
    --------
    >>> html = render_article("A <b>regime</b>.", [{"start": 5, "end": 11, "label": "x"}],
    ...                       quotes=[], paragraphs=False)
    >>> html[:40]
    'A &lt;b&gt;<mark class="hit v-narrative"'
    >>> html[html.index("</mark>"):]
    '</mark>&lt;/b&gt;.'
    """
    text = _str(text)
    colors = colors or {}
    spans = _clean_spans(text, spans, f"article {id_prefix}")
    qs = _quote_dicts(text) if quotes is None else list(quotes)
    qs = sorted((q for q in qs if 0 <= int(q["start"]) < int(q["end"]) <= len(text)),
                key=lambda q: int(q["start"]))
    q_layer, last = [], -1
    for q in qs:
        if int(q["start"]) >= last:
            q_layer.append((int(q["start"]), int(q["end"]), q))
            last = int(q["end"])
    layers = []
    if paragraphs:
        layers.append([(m.start(), m.end(), None) for m in re.finditer(r"[^\n]*\S[^\n]*", text)])
    layers.append(q_layer)
    layers.append([(int(s["start"]), int(s["end"]), (i, s)) for i, s in enumerate(spans)])
    known = {c: v for c, v in ((c, _safe_color(v, "")) for c, v in colors.items()) if v}
    palette = assign_colors(sorted({_str(s.get("label")) for s in spans} | set(known)), known)

    def color_of(label: str) -> str:
        return palette[label]

    p_level = 0 if paragraphs else -1
    q_level = p_level + 1

    def open_tag(level, payload, first):
        if level == p_level:
            return "<p>"
        if level == q_level:
            kind = "q-scare" if payload.get("kind") == "scare_quote" else "q-speech"
            return f'<span class="q {kind}">'
        i, s = payload
        voice = _str(s.get("voice")) or "narrative"
        c = color_of(_str(s.get("label")))
        cls = f"hit v-{_esc(voice)}" + (" diff" if s.get("diff") else "")
        style = f"--c:{c};--bg:{_tint(c)}"
        if not first or not tooltips:
            return f'<mark class="{cls}{"" if first else " cont"}" style="{_esc(style)}">'
        return (
            f'<mark class="{cls}" tabindex="0" style="{_esc(style)}" data-category="{_esc(s.get("label"))}"'
            f' data-term="{_esc(s.get("term"))}" aria-describedby="{_esc(id_prefix)}-t{i}">'
        )

    def close_tag(level, payload, first):
        if level == p_level:
            return "</p>"
        if level == q_level:
            return "</span>"
        i, s = payload
        return (_tip_html(s, f"{id_prefix}-t{i}") if first and tooltips else "") + "</mark>"

    return _render_layers(text, layers, open_tag, close_tag)


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
        title = f' title="{_esc(desc)}"' if desc else ""
        items.append(
            f'<li{title}><span class="swatch" style="--c:{_esc(c)}"></span>'
            f'<span><dfn>{_esc(cat)}</dfn> <span class="fr-muted">({counts.get(cat, 0)})</span>'
            + (f' <span class="fr-muted">— {_esc(desc)}</span>' if desc else "")
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


def _profile_html(art_matches: pd.DataFrame, n_words: int, cats, palette, scale: float) -> str:
    if art_matches.empty:
        return '<p class="nohits">No loaded terms from the lexicon were found in this article.</p>'
    from collections import Counter

    voices = art_matches["voice"] if "voice" in art_matches.columns else ["narrative"] * len(art_matches)
    tally = Counter((_str(c), v == "quoted") for c, v in zip(art_matches["category"], voices))
    rows = []
    for cat in cats:
        own, q = tally.get((cat, False), 0), tally.get((cat, True), 0)
        if own + q == 0:
            continue
        c = palette.get(cat, "#777")
        rate = f"{own * 1000 / n_words:.1f}" if n_words else "–"
        w_own, w_q = own * scale, q * scale
        bars = (f'<span class="bar" style="--c:{_esc(c)};width:{w_own:.1f}px"></span>' if own else "") + (
            f'<span class="bar quoted" style="--c:{_esc(c)};width:{w_q:.1f}px"></span>' if q else "")
        rows.append(
            f'<tr><td><span class="swatch" style="--c:{_esc(c)}"></span> {_esc(cat)}</td>'
            f'<td class="num">{own}</td><td class="num">{q}</td><td class="num">{rate}</td>'
            f'<td aria-hidden="true">{bars}</td></tr>'
        )
    return (
        '<div class="scroll-x"><table class="profile"><thead><tr><th>Category</th><th>Own words</th><th>In quotes</th>'
        '<th>Own per 1,000 words</th><th></th></tr></thead><tbody>' + "".join(rows) + "</tbody></table></div>"
    )


def _fmt_date(value) -> str:
    if _is_missing(value):
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _article_label(row: dict) -> str:
    return _str(row.get("title")) or _str(row.get("article_id"))


def _articles_html(matches, arts, lexicon, palette, cats, prefix, *, heading="h3", max_articles=None) -> str:
    from .score import count_words

    by_id = {k: g for k, g in matches.groupby(matches["article_id"].map(_str), sort=False)}
    shown = arts if max_articles is None else arts.head(max_articles)
    words = count_words(shown)
    per_article = [len(g) for g in by_id.values()]
    biggest = max(per_article + [1])
    scale = 160.0 / biggest
    out = []
    for i, (row, n_words) in enumerate(zip(shown.to_dict("records"), words)):
        aid = _str(row.get("article_id"))
        text = _str(row.get("text"))
        am = by_id.get(aid, matches.iloc[0:0])
        spans = spans_from_matches(am, aid, lexicon=lexicon) if len(am) else []
        meta = [x for x in (_str(row.get("outlet")), _fmt_date(row.get("date"))) if x]
        meta.append(f"id {aid}")
        meta.append(f"{int(n_words):,} words")
        meta.append(f"{len(am)} loaded term{'s' if len(am) != 1 else ''}")
        body = render_article(text, spans, colors=palette, id_prefix=f"{prefix}-a{i}")
        out.append(
            f'<article class="art" id="{_esc(prefix)}-art{i}" data-article-id="{_esc(aid)}">'
            f"<{heading}>{_esc(_article_label(row))}</{heading}>"
            f'<p class="art-meta">{" · ".join(_esc(m) for m in meta)}</p>'
            f"{_profile_html(am, int(n_words), cats, palette, scale)}"
            f'<div class="art-text">{body}</div></article>'
        )
    if max_articles is not None and len(arts) > max_articles:
        out.append(f'<p class="fr-muted">… and {len(arts) - max_articles} more articles not shown.</p>')
    return "".join(out)


def render_articles_html(matches, articles, *, lexicon=None, max_articles: int = 50) -> str:
    """The highlighted articles as an HTML fragment (used by ``Analysis._repr_html_``).

    Parameters
    ----------
    matches : DataFrame or None
        The matches table; None computes it with :func:`framing.find_matches`.
    articles : DataFrame, str or list of str
        The articles the matches came from (or anything ``find_matches`` takes).
    lexicon : Lexicon, str or list of str, optional
        Adds notes, neutral alternatives and category colours.
    max_articles : int, default=50
        Show at most this many articles.

    Returns
    -------
    str
        A ``<div class="fr">`` with its own scoped ``<style>``, a legend, and
        per article a profile table and the text with hits highlighted.  No
        script: the tooltips are CSS-only.

    See Also
    --------
    render_report : the same articles in a complete, stand-alone page.

    Examples
    --------
    >>> import framing
    >>> a = framing.analyze("The self-proclaimed leader spoke.", "venezuela-2019")
    >>> '<mark class="hit' in render_articles_html(a.matches, a.articles, lexicon=a.lexicon)
    True
    """
    matches, arts, lex, palette, present, counts, prefix = _prepare_page(matches, articles, lexicon)
    return (
        f'<div class="fr fr-articles"><style>{_template("report.css")}</style>'
        f"{_legend_html(lex, present, counts, palette)}"
        f"{_articles_html(matches, arts, lex, palette, present, prefix, max_articles=max_articles)}</div>"
    )


# ---------------------------------------------------------------------------
# side by side
# ---------------------------------------------------------------------------

def _article_row(articles: pd.DataFrame, which) -> dict:
    if isinstance(which, pd.Series):
        return which.to_dict()
    if isinstance(which, dict):
        return dict(which)
    ids = articles["article_id"].map(_str)
    hit = articles[ids == _str(which)]
    if hit.empty:
        raise InputError(
            f"side by side: no article with id {which!r} (ids: {', '.join(ids.head(10))}"
            + (" ..." if len(ids) > 10 else "") + ")"
        )
    return hit.iloc[0].to_dict()


def _alignment(row_a: dict, row_b: dict, matches, lexicon) -> pd.DataFrame:
    """:func:`framing.align.align_articles` of two article rows."""
    from .align import align_articles

    return align_articles(pd.Series(row_a), pd.Series(row_b), matches=matches, lexicon=lexicon)


def _sentence_quotes(full_text: str, sentence_idx: int, sentence_text: str, sents, full_quotes) -> list[dict]:
    """Quotations of one sentence, classified in the context of the whole article."""
    if 0 <= sentence_idx < len(sents):
        a, b = sents[sentence_idx]
        if full_text[a:b] == sentence_text:
            return [{"start": max(q["start"], a) - a, "end": min(q["end"], b) - a, "kind": q["kind"]}
                    for q in full_quotes if q["start"] < b and q["end"] > a]
    return _quote_dicts(sentence_text)


def _term_spans(terms, lexicon, by_pos: dict, offset: int, other_terms: set | None) -> list[dict]:
    spans = []
    for t in terms or []:
        t = dict(t)
        full = by_pos.get(offset + int(t["start"]), {})
        term = _str(t.get("term")) or _str(full.get("term"))
        note, neutral = _entry_info(lexicon, term, full)
        spans.append({
            "start": int(t["start"]), "end": int(t["end"]),
            "label": _str(t.get("category")) or _str(full.get("category")),
            "term": term, "matched_text": _str(t.get("matched_text")),
            "voice": _str(t.get("voice")) or _str(full.get("voice")) or "narrative",
            "note": note, "neutral": neutral,
            "target": _str(t.get("target")) or _str(full.get("target")),
            "speaker": _str(full.get("speaker")),
            "diff": other_terms is not None and term not in other_terms,
        })
    return spans


def _side_by_side_html(row_a, row_b, alignment, matches, lexicon, palette, prefix) -> str:
    texts = (_str(row_a.get("text")), _str(row_b.get("text")))
    sents = tuple(sentence_spans(t) for t in texts)
    quotes = tuple(_quote_dicts(t) for t in texts)
    by_pos = []
    for row in (row_a, row_b):
        aid = _str(row.get("article_id"))
        sub = matches[matches["article_id"].map(_str) == aid]
        by_pos.append({int(r["start"]): r for r in sub.to_dict("records")})
    head = []
    for row in (row_a, row_b):
        sub = " · ".join(x for x in (_str(row.get("outlet")), _fmt_date(row.get("date"))) if x)
        head.append(f'<th scope="col">{_esc(_article_label(row))}<br><span class="fr-muted">{_esc(sub)}</span></th>')
    body = []
    n_diff = 0
    for r in alignment.to_dict("records"):
        ia, ib = int(r["sentence_a"]), int(r["sentence_b"])
        terms_a, terms_b = list(r.get("terms_a") or []), list(r.get("terms_b") or [])
        paired = ia >= 0 and ib >= 0
        set_a = {_str(t.get("term")) for t in terms_a}
        set_b = {_str(t.get("term")) for t in terms_b}
        cells = []
        for side, (idx, txt, terms, other) in enumerate(
            ((ia, r["text_a"], terms_a, set_b), (ib, r["text_b"], terms_b, set_a))
        ):
            cls = "sa" if side == 0 else "sb"
            if idx < 0:
                cells.append(f'<td class="{cls} empty"></td>')
                continue
            txt = _str(txt)
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


def render_side_by_side(a, b, matches=None, articles=None, *, lexicon=None, alignment=None) -> str:
    """Two articles on one event in two columns of aligned sentences (an HTML fragment).

    Parameters
    ----------
    a, b : object, dict or Series
        Article ids (looked up in ``articles``) or article rows.
    matches : DataFrame, optional
        The matches table; computed with ``lexicon`` when None.
    articles : DataFrame, optional
        Needed when ``a``/``b`` are ids.
    lexicon : Lexicon, str or list of str, optional
    alignment : DataFrame, optional
        From :func:`framing.align_articles`; computed with it when None.

    Returns
    -------
    str
        A ``<div class="fr">`` with its own ``<style>``: a table with one row per
        aligned pair; a term present on one side of a pair and not the other is
        a ``<mark class="hit diff">``.
    """
    if articles is None:
        articles = pd.DataFrame([r if isinstance(r, dict) else r.to_dict() for r in (a, b)])
    matches, arts, lex = _prepare(matches, articles, lexicon)
    row_a, row_b = _article_row(arts, a), _article_row(arts, b)
    if alignment is None:
        alignment = _alignment(row_a, row_b, matches, lex)
    palette = _palette(lex, _category_order(lex, matches))
    return (
        f'<div class="fr fr-sbs"><style>{_template("report.css")}</style>'
        f"{_side_by_side_html(row_a, row_b, alignment, matches, lex, palette, _prefix(arts))}</div>"
    )


# ---------------------------------------------------------------------------
# outlet comparison
# ---------------------------------------------------------------------------

def _rates(matches, arts, lexicon, comparison):
    """``(source, rates, by, contrasts, notes)`` for the comparison section, or None.

    ``source`` is the Comparison that is charted; ``notes`` are the warnings
    raised while comparing, shown under the chart.
    """
    if comparison is not None:
        return (comparison, comparison.rates, getattr(comparison, "by", "outlet"),
                getattr(comparison, "contrasts", None), [])
    if arts["outlet"].map(_str).nunique() < 2:
        return None
    from .compare import compare_outlets
    from .score import score_articles

    scores = score_articles(matches, arts, categories=lexicon)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        comp = compare_outlets(scores, by="outlet", random_state=0)
    notes = list(dict.fromkeys(str(w.message) for w in caught))
    return comp, comp.rates, comp.by, comp.contrasts, notes


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
    rate_of = {(_str(r[by]), _str(r["category"])): r for r in rates.to_dict("records")}
    groups = list(dict.fromkeys(rates[by].map(_str)))
    top = {c: max([float(rate_of.get((g, c), {}).get("rate", 0) or 0) for g in groups] + [1e-9]) for c in cats}
    n_art = rates.groupby(rates[by].map(_str))["n_articles"].max().to_dict() if "n_articles" in rates.columns else {}
    head = "".join(
        f'<th scope="col"><span class="swatch" style="--c:{_esc(palette.get(c, "#777"))}"></span> {_esc(c)}</th>'
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
            cells.append(f'<td class="num" style="background:{_esc(_tint(col, round(alpha, 2)))}" '
                         f'title="{_esc(title)}">{v:.1f}</td>')
        n = f'<td class="num">{int(n_art[g])}</td>' if g in n_art else "<td></td>"
        body.append(f'<tr><th scope="row">{_esc(g)}</th>{n}{"".join(cells)}</tr>')
    return (
        '<div class="scroll-x"><table class="rates"><thead><tr>'
        f'<th scope="col">{_esc(by)}</th><th scope="col">articles</th>{head}</tr></thead>'
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
            f"<tr><td>{_esc(r.get('group_a'))}</td><td>{_esc(r.get('group_b'))}</td><td>{_esc(r.get('category'))}</td>"
            f'<td class="num">{num("rate_a", "{:.1f}")}</td><td class="num">{num("rate_b", "{:.1f}")}</td>'
            f'<td class="num">{num("rate_ratio")}</td><td class="num">{ci}</td><td class="num">{num("p_adjusted", "{:.3f}")}</td></tr>'
        )
    return (
        '<div class="scroll-x"><table class="contrasts"><thead><tr><th>A</th><th>B</th><th>Category</th><th>Rate A</th><th>Rate B</th>'
        '<th>Ratio</th><th>95% CI</th><th>p (adj.)</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table></div>"
    )


def _comparison_html(matches, arts, lexicon, comparison, palette, cats) -> str:
    got = _rates(matches, arts, lexicon, comparison)
    if got is None:
        return ""
    source, rates, by, contrasts, notes = got
    _require(rates, ["category", "rate", by], "comparison rates")
    top = rates.groupby(rates["category"].map(_str))["rate"].max()
    shown = [c for c in cats if top.get(c, 0) > 0] + [
        c for c in dict.fromkeys(rates["category"].map(_str)) if c not in cats and top.get(c, 0) > 0]
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
        n = rates.groupby(rates[by].map(_str))["n_articles"].max().to_dict() if "n_articles" in rates.columns else {}
        counts = "; ".join(f"{_esc(g)}: {int(v)} article{'s' if int(v) != 1 else ''}" for g, v in n.items())
        how = "; whiskers: bootstrap confidence intervals" if has_ci else ""
    cap = (f"Loaded terms in each {_esc(by)}'s own words (narrative and scare quotes) per 1,000 words"
           + how + (f". {counts}" if counts else "")
           + ". With few articles per group a difference is an anecdote, not evidence.")
    if notes:
        cap += "".join(f"<br>Note: {_esc(m)}" for m in notes)
    if contrasts is not None and len(contrasts) and {"rate_a", "rate_b"} <= set(contrasts.columns):
        contrasts = contrasts[(contrasts["rate_a"].fillna(0) > 0) | (contrasts["rate_b"].fillna(0) > 0)]
    return (f'<figure class="chart">{chart}<figcaption>{cap}</figcaption></figure>'
            + _contrasts_html(contrasts))


# ---------------------------------------------------------------------------
# the report
# ---------------------------------------------------------------------------

def _pairs(side_by_side, arts: pd.DataFrame) -> list[tuple]:
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


def render_report(
    matches,
    articles,
    *,
    lexicon=None,
    comparison=None,
    title: str = "Loaded language report",
    side_by_side=None,
) -> str:
    """One self-contained HTML page: highlighted articles, profiles, comparison, side by side.

    Parameters
    ----------
    matches : DataFrame or None
        The matches table (:func:`framing.find_matches`); None computes it.
    articles : DataFrame, str, list of str or path(s)
        The articles table the matches came from.
    lexicon : Lexicon, str or list of str, optional
        Gives the tooltips their notes and neutral alternatives, the category
        colours (``lexicon.colors``) and descriptions.
    comparison : Comparison, optional
        From :func:`framing.compare_outlets`; its ``.rates`` are charted and its
        ``.contrasts`` listed.  When None and the articles come from two or more
        outlets, it is computed.
    title : str, default="Loaded language report"
    side_by_side : None, False, pair or list of pairs of article ids
        Articles to show in two aligned columns.  None: the two articles when
        there are exactly two; False: none.

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
    >>> page = render_report(None, ["The self-proclaimed leader spoke."], lexicon="venezuela-2019")
    >>> page.startswith("<!DOCTYPE html>"), 'data-term="self-proclaimed"' in page
    (True, True)
    """
    from . import __version__

    matches, arts, lex, palette, present, counts, prefix = _prepare_page(matches, articles, lexicon)
    toc, sections = [], []

    comp = _comparison_html(matches, arts, lex, comparison, palette, present)
    if comp:
        toc.append('<li><a href="#outlets">Outlets compared</a></li>')
        table = '<table class="rates">' in comp  # many groups: the shaded table needs the width
        cls = "" if table else ' class="narrow"'
        sections.append(f'<section id="outlets"{cls}><h2>Outlets compared</h2>{comp}</section>')

    sbs_parts = []
    for n, (ida, idb) in enumerate(_pairs(side_by_side, arts)):
        row_a, row_b = _article_row(arts, ida), _article_row(arts, idb)
        alignment = _alignment(row_a, row_b, matches, lex)
        sbs_parts.append(
            f'<div class="sbs-pair" id="side-by-side-{n}">'
            f"{_side_by_side_html(row_a, row_b, alignment, matches, lex, palette, f'{prefix}-s{n}')}</div>"
        )
    if sbs_parts:
        toc.append('<li><a href="#side-by-side">Side by side</a></li>')
        sections.append(f'<section id="side-by-side"><h2>Side by side</h2>{"".join(sbs_parts)}</section>')

    arts_toc = "".join(
        f'<li><a href="#{_esc(prefix)}-art{i}">{_esc(_article_label(r))}</a>'
        f'{" — " + _esc(_str(r.get("outlet"))) if _str(r.get("outlet")) else ""}</li>'
        for i, r in enumerate(arts.to_dict("records"))
    )
    if len(arts) > 12:  # a long list folds away (no script needed)
        arts_toc = f"<details><summary>{len(arts)} articles</summary><ol>{arts_toc}</ol></details>"
    else:
        arts_toc = f"<ol>{arts_toc}</ol>"
    toc.append(f'<li><a href="#articles">Articles</a>{arts_toc}</li>')
    sections.append(
        f'<section id="articles" class="narrow"><h2>Articles</h2>'
        f"{_articles_html(matches, arts, lex, palette, present, prefix)}</section>"
    )

    n_out = arts["outlet"].map(_str).replace("", pd.NA).dropna().nunique()
    lex_name = f"lexicon “{lex.name}”" if lex is not None and lex.name else "lexicon"
    meta = (f"{len(arts)} article{'s' if len(arts) != 1 else ''}"
            + (f" from {n_out} outlet{'s' if n_out != 1 else ''}" if n_out else "")
            + f" · {len(matches)} loaded term{'s' if len(matches) != 1 else ''} found · {lex_name}")
    body = (
        f'<div class="narrow">{_legend_html(lex, present, counts, palette)}'
        f'<nav class="toc" aria-label="Contents"><ol>{"".join(toc)}</ol></nav></div>'
        + "".join(sections)
    )
    script = _template("tooltip.js").strip()
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
           f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'")
    footer = ("A highlighted word is a prompt to look at the word choice and its context, "
              "not a verdict on the article. Made with framing " + __version__ + ".")
    page = Template(_template("report.html")).substitute(
        lang=_esc(getattr(lex, "language", "en") or "en"),
        csp=_esc(csp),
        generator=_esc(f"framing {__version__}"),
        title=_esc(title),
        page_css=_template("page.css"),
        css=_template("report.css"),
        meta=_esc(meta),
        body=body,
        footer=_esc(footer),
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


# ---------------------------------------------------------------------------
# command line
# ---------------------------------------------------------------------------

def _cmd_report(args) -> int:
    import sys

    from .cli import read_inputs
    from .match import find_matches

    articles, lex = read_inputs(args)
    pair = tuple(args.side_by_side) if args.side_by_side else None
    page = render_report(find_matches(articles, lex), articles, lexicon=lex, title=args.title,
                         side_by_side=pair)
    if args.output:
        Path(args.output).write_text(page, encoding="utf-8")
        sys.stderr.write(f"wrote {args.output}\n")
    else:
        sys.stdout.write(page)
    return 0


def register_cli(subparsers) -> None:
    """Add ``framing report`` to the command line."""
    from .cli import _add_input_args

    p = subparsers.add_parser("report", help="self-contained HTML report with the loaded words highlighted")
    _add_input_args(p)
    p.add_argument("-o", "--output", metavar="FILE.html", help="write here instead of stdout")
    p.add_argument("--title", default="Loaded language report", help="page title")
    p.add_argument("--side-by-side", nargs=2, metavar=("ID_A", "ID_B"),
                   help="show these two articles in aligned columns (default: when there are exactly two)")
    p.set_defaults(func=_cmd_report)
