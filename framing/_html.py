"""HTML helpers shared by the report (:mod:`framing.report`) and the classroom pages (:mod:`framing.classroom`).

Escaping, templates, category colours, lexicon notes, quotations, and
:func:`render_article`, which draws one text with its spans highlighted.  Every
function here draws what it is handed: none finds matches, scores or aligns.
"""

from __future__ import annotations

import html
import math
import re
import warnings
from importlib import resources

import pandas as pd

from .errors import FramingWarning, InputError
from .errors import require_columns as _require
from .lexicon import assign_colors
from .text import normalize, quote_spans

__all__ = [
    "esc", "template", "is_missing", "to_str", "safe_color", "tint", "category_palette",
    "category_order", "entry_info", "quote_dicts", "fmt_date", "require_matches",
    "alignment_pairs", "render_article",
]

_VOICE_LABEL = {
    "narrative": "the outlet's own words",
    "quoted": "inside quoted speech",
    "scare_quote": "in scare quotes",
}
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})\Z")
_NAMED = re.compile(r"[a-zA-Z]{3,20}\Z")


# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------

def esc(value) -> str:
    """HTML-escape ``value`` for text and attribute positions (quotes included)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def template(name: str) -> str:
    """Text of ``framing/templates/<name>`` (read from the installed package)."""
    return resources.files("framing").joinpath("templates").joinpath(name).read_text(encoding="utf-8")


def is_missing(value) -> bool:
    """True for None and pandas' missing values (NaN, NA, NaT); False for list-likes."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # pd.isna of a list-like is an array: not one missing value
        return False


def to_str(value) -> str:
    """``value`` as a string; "" for a missing value (see :func:`is_missing`)."""
    return "" if is_missing(value) else str(value)


def safe_color(color, fallback: str) -> str:
    """A colour safe to put in a style attribute: ``#hex`` or a plain name, else ``fallback``."""
    color = to_str(color).strip()
    if _HEX.match(color) or _NAMED.match(color):
        return color
    return fallback


def tint(color: str, alpha: float = 0.26) -> str:
    """Light background of ``color`` (hex only; a named colour gets a neutral grey)."""
    if not color.startswith("#"):
        return "rgba(0,0,0,.07)"
    h = color[1:]
    if len(h) in (3, 4):
        h = "".join(c * 2 for c in h[:3])
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def category_palette(lexicon, categories) -> dict[str, str]:
    """Category -> safe colour, as in every chart (:func:`framing.lexicon.assign_colors`)."""
    declared = {c: safe_color(v, "") for c, v in (lexicon.colors if lexicon is not None else {}).items()}
    declared = {c: v for c, v in declared.items() if v}  # an unsafe colour is replaced below
    return assign_colors(list(declared) + [c for c in categories if c not in declared], declared)


def category_order(lexicon, matches: pd.DataFrame) -> list[str]:
    """The lexicon's categories, then those of ``matches`` the lexicon lacks, in order of appearance."""
    cats = list(lexicon.categories) if lexicon is not None else []
    if "category" in matches.columns:
        cats += [c for c in dict.fromkeys(matches["category"].map(to_str)) if c not in cats]
    return cats


def entry_info(lexicon, term: str, row: dict) -> tuple[str, list[str]]:
    """Note and neutral alternatives of ``term``: from the lexicon, else from the row."""
    note, neutral = to_str(row.get("note")), row.get("neutral")
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


def quote_dicts(text: str) -> list[dict]:
    """The quotations of ``text`` (:func:`framing.text.quote_spans`) as ``start, end, kind`` dicts."""
    return [{"start": q.start, "end": q.end, "kind": q.kind} for q in quote_spans(text)]


def fmt_date(value) -> str:
    """A date as ``YYYY-MM-DD`` (other values as text, a missing one as "")."""
    if is_missing(value):
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value)


def require_matches(matches, who: str, *, pipeline: str = "framing.build_report(articles, lexicon)") -> None:
    """Raise :class:`~framing.errors.InputError` unless ``matches`` is a matches table.

    The renderers draw the tables they are handed and never search the
    articles themselves; when the table is missing the message says how to get
    it: :func:`framing.find_matches`, or the orchestrator named by ``pipeline``.
    """
    if matches is None:
        raise InputError(
            f"{who}: matches is None; {who} draws the tables it is handed and does not search the "
            "articles. Call framing.find_matches(articles, lexicon) first and pass its result, or use "
            f"{pipeline}, which runs the whole pipeline"
        )
    if not isinstance(matches, pd.DataFrame):
        raise InputError(f"{who}: matches must be the table of framing.find_matches (a DataFrame), "
                         f"got {type(matches).__name__}")
    if "text" in matches.columns and "start" not in matches.columns:
        raise InputError(f"{who}: got an articles table where the matches table belongs; the arguments "
                         "are (matches, articles, ...) with matches = framing.find_matches(articles, lexicon)")
    _require(matches, ["article_id", "start", "end", "category"], "matches table")


def alignment_pairs(alignments, who: str) -> list[tuple]:
    """``[(id_a, id_b, table)]`` from alignment tables given as one table, a list or a mapping.

    A table of :func:`framing.align_articles` names its two articles in
    ``.attrs["article_a"]`` and ``.attrs["article_b"]``; a mapping
    ``{(id_a, id_b): table}`` names them explicitly (for a table that lost its
    attrs).  None gives ``[]``.
    """
    if alignments is None:
        return []
    if isinstance(alignments, pd.DataFrame):
        alignments = [alignments]
    items = []
    if isinstance(alignments, dict):
        for pair, table in alignments.items():
            if not (isinstance(pair, tuple) and len(pair) == 2):
                raise InputError(f"{who}: alignments: expected keys (id_a, id_b), got {pair!r}")
            items.append((pair[0], pair[1], table))
    else:
        for table in alignments:
            attrs = getattr(table, "attrs", {})
            if "article_a" not in attrs or "article_b" not in attrs:
                raise InputError(
                    f"{who}: an alignment table must name its two articles in .attrs['article_a'] and "
                    ".attrs['article_b'] (framing.align_articles sets them); else pass a mapping "
                    "{(id_a, id_b): table}"
                )
            items.append((attrs["article_a"], attrs["article_b"], table))
    for _, _, table in items:
        if not isinstance(table, pd.DataFrame):
            raise InputError(f"{who}: an alignment must be a table of framing.align_articles, "
                             f"got {type(table).__name__}")
        _require(table, ["pair", "sentence_a", "sentence_b", "text_a", "text_b", "similarity"],
                 "alignment table")
    return items


# ---------------------------------------------------------------------------
# rendering one text
# ---------------------------------------------------------------------------

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
        f'<span class="tip-cat">{esc(span.get("label"))}'
        f' <span class="tip-voice">· {esc(_VOICE_LABEL.get(voice, voice))}</span></span>'
    ]
    term = to_str(span.get("term"))
    if term and normalize(term.rstrip("*")).split() != normalize(to_str(span.get("matched_text"))).split():
        parts.append(f'<span class="tip-term">lexicon term: “{esc(term)}”</span>')
    if span.get("note"):
        parts.append(f'<span class="tip-note">{esc(span["note"])}</span>')
    if span.get("neutral"):
        parts.append(f'<span class="tip-neutral"><b>Neutral:</b> {esc("; ".join(span["neutral"]))}</span>')
    if span.get("target"):
        parts.append(f'<span class="tip-target"><b>Aimed at:</b> {esc(span["target"])}</span>')
    if voice == "quoted":
        who = to_str(span.get("speaker")) or "not stated"
        parts.append(f'<span class="tip-speaker"><b>Speaker:</b> {esc(who)}</span>')
    return f'<span class="tip" role="tooltip" id="{esc(tip_id)}">{"".join(parts)}</span>'


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
    text = to_str(text)
    colors = colors or {}
    spans = _clean_spans(text, spans, f"article {id_prefix}")
    qs = quote_dicts(text) if quotes is None else list(quotes)
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
    known = {c: v for c, v in ((c, safe_color(v, "")) for c, v in colors.items()) if v}
    palette = assign_colors(sorted({to_str(s.get("label")) for s in spans} | set(known)), known)

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
        voice = to_str(s.get("voice")) or "narrative"
        c = color_of(to_str(s.get("label")))
        cls = f"hit v-{esc(voice)}" + (" diff" if s.get("diff") else "")
        style = f"--c:{c};--bg:{tint(c)}"
        if not first or not tooltips:
            return f'<mark class="{cls}{"" if first else " cont"}" style="{esc(style)}">'
        return (
            f'<mark class="{cls}" tabindex="0" style="{esc(style)}" data-category="{esc(s.get("label"))}"'
            f' data-term="{esc(s.get("term"))}" aria-describedby="{esc(id_prefix)}-t{i}">'
        )

    def close_tag(level, payload, first):
        if level == p_level:
            return "</p>"
        if level == q_level:
            return "</span>"
        i, s = payload
        return (_tip_html(s, f"{id_prefix}-t{i}") if first and tooltips else "") + "</mark>"

    return _render_layers(text, layers, open_tag, close_tag)
