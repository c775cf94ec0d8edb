"""Classroom exercises: a printable worksheet, its answer key, and feedback on students' answers.

A worksheet prints the articles with numbered sentences and asks students to
find the loaded terms, say whom each labels, rewrite a sentence neutrally and
compare two outlets' accounts of one event.  The answer key lists, per
sentence, the terms the lexicon finds with their category, why they are
loaded, neutral alternatives and whom they are aimed at.
:func:`grade_answers` compares what a student marked with the key.

The pages draw the tables they are handed (matches, and the alignment of the
two accounts task 4 compares); :func:`framing.build_worksheet` runs the
pipeline for them.

Sentence numbers are the ones printed on the worksheet: 1-based and counted per
article (the matches table's ``sentence`` column is 0-based).  Articles are
labelled ``A``, ``B``, ... in the order of the articles table; students may give
either the letter or the article id.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

import pandas as pd

from .errors import InputError
from .errors import require_columns as _require
from ._html import (
    alignment_pairs, category_order, category_palette, entry_info, esc, fmt_date, quote_dicts,
    render_article, require_matches, template, to_str,
)
from .text import normalize, sentence_spans

logger = logging.getLogger(__name__)

__all__ = [
    "AnswerKey",
    "answer_key",
    "compare_pair",
    "make_worksheet",
    "make_answer_key",
    "write_worksheet",
    "write_answer_key",
    "grade_answers",
    "FEEDBACK_COLUMNS",
]

#: Columns of the table :func:`grade_answers` returns.
FEEDBACK_COLUMNS = [
    "status", "article_id", "label", "sentence", "marked", "term", "matched_text",
    "category", "voice", "target", "note", "neutral", "explanation",
]
KEY_COLUMNS = [
    "article_id", "label", "sentence", "term", "matched_text", "category", "voice",
    "note", "neutral", "target", "speaker", "start", "end",
]
_PAPERS = {"a4": "A4", "letter": "letter"}
_NOT_IN_LEXICON = "not in the lexicon: may still be loaded — discuss"


def _letters(n: int) -> list[str]:
    """``A, B, ..., Z, AA, AB, ...``"""
    out = []
    for i in range(n):
        s, k = "", i + 1
        while k:
            k, r = divmod(k - 1, 26)
            s = chr(65 + r) + s
        out.append(s)
    return out


def _paper(paper: str) -> str:
    key = str(paper).strip().lower()
    if key not in _PAPERS:
        raise InputError(f"paper must be 'A4' or 'Letter', got {paper!r}")
    return _PAPERS[key]


# ---------------------------------------------------------------------------
# answer key
# ---------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class AnswerKey:
    """The loaded terms of a worksheet's articles: what students should find.

    Build it with :func:`answer_key`.

    Attributes
    ----------
    articles : DataFrame
        The articles table, in worksheet order.
    matches : DataFrame
        The matches table (:func:`framing.find_matches`) of these articles.
    lexicon : Lexicon or None
    labels : dict
        ``article_id -> letter`` as printed on the worksheet.
    """

    articles: pd.DataFrame
    matches: pd.DataFrame
    lexicon: object = None
    labels: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"<AnswerKey: {len(self.articles)} articles, {len(self.matches)} terms>"

    def to_frame(self) -> pd.DataFrame:
        """One row per term to find.

        Returns
        -------
        DataFrame
            Columns ``article_id, label, sentence`` (1-based, as printed),
            ``term, matched_text, category, voice, note, neutral`` (list of str),
            ``target, speaker, start, end``.
        """
        rows = []
        for r in self.matches.to_dict("records"):
            aid = to_str(r["article_id"])
            note, neutral = entry_info(self.lexicon, to_str(r.get("term")), r)
            rows.append({
                "article_id": aid, "label": self.labels.get(aid, ""),
                "sentence": int(r["sentence"]) + 1, "term": to_str(r.get("term")),
                "matched_text": to_str(r.get("matched_text")), "category": to_str(r.get("category")),
                "voice": to_str(r.get("voice")) or "narrative", "note": note, "neutral": neutral,
                "target": to_str(r.get("target")), "speaker": to_str(r.get("speaker")),
                "start": int(r["start"]), "end": int(r["end"]),
            })
        return pd.DataFrame(rows, columns=KEY_COLUMNS)


def answer_key(matches, articles, *, lexicon=None) -> AnswerKey:
    """The answer key of a worksheet on ``articles``: the terms of ``matches``.

    Built from the tables it is handed; it does not search the articles.

    Parameters
    ----------
    matches : DataFrame
        The matches table of these articles (:func:`framing.find_matches`).
        None raises :class:`~framing.errors.InputError`.
    articles : DataFrame, str, list of str or path(s)
        The articles the matches came from, labelled A, B, ... in this order.
    lexicon : Lexicon, str or list of str, optional
        Gives each term its note and neutral alternatives; :func:`grade_answers`
        uses it to explain marks that match no term.

    Returns
    -------
    AnswerKey

    See Also
    --------
    framing.build_worksheet : matches the articles and makes the worksheet and its key.

    Examples
    --------
    >>> import framing
    >>> texts = ["He met the self-proclaimed leader."]
    >>> key = answer_key(framing.find_matches(texts, "venezuela-2019"), texts, lexicon="venezuela-2019")
    >>> key.to_frame()[["label", "sentence", "term", "category"]].values.tolist()
    [['A', 1, 'self-proclaimed', 'delegitimizing']]
    """
    return _key(matches, articles, lexicon, "answer_key")


def _key(matches, articles, lexicon, who: str) -> AnswerKey:
    """:func:`answer_key`, with ``who`` naming the caller in error messages."""
    from .corpus import as_articles
    from .match import _resolve_lexicon

    require_matches(matches, who, pipeline="framing.build_worksheet(articles, lexicon)")
    _require(matches, ["sentence"], "matches table")
    arts = as_articles(articles).reset_index(drop=True)
    if "outlet" not in arts.columns:
        arts = arts.assign(outlet="")
    lex = _resolve_lexicon(lexicon) if lexicon is not None else None
    labels = dict(zip(arts["article_id"].map(to_str), _letters(len(arts))))
    return AnswerKey(arts, matches, lex, labels)


def compare_pair(articles) -> tuple | None:
    """Ids ``(a, b)`` of the two articles task 4 of the worksheet compares, or None.

    The first article and the first one after it from another outlet (else
    the second article); None with fewer than two articles.  Their
    :func:`framing.align_articles` table is the ``alignment`` of
    :func:`make_worksheet` and :func:`make_answer_key`
    (:func:`framing.build_worksheet` computes it).

    Examples
    --------
    >>> import pandas as pd
    >>> compare_pair(pd.DataFrame({"article_id": ["1", "2", "3"], "outlet": ["X", "X", "Y"], "text": ""}))
    ('1', '3')
    """
    from .corpus import as_articles

    rows = as_articles(articles).to_dict("records")
    if len(rows) < 2:
        return None
    first = rows[0]
    second = next((r for r in rows[1:] if to_str(r.get("outlet")) != to_str(first.get("outlet"))), rows[1])
    return first["article_id"], second["article_id"]


def _as_key(key, lexicon=None, articles=None) -> AnswerKey:
    if isinstance(key, AnswerKey):
        if lexicon is not None and key.lexicon is None:
            from .match import _resolve_lexicon

            return AnswerKey(key.articles, key.matches, _resolve_lexicon(lexicon), key.labels)
        return key
    if isinstance(key, pd.DataFrame):
        missing = [c for c in ("article_id", "term", "matched_text", "sentence") if c not in key.columns]
        if missing:
            raise InputError(
                f"key: a matches table needs column(s) {', '.join(missing)} "
                f"(has: {', '.join(map(str, key.columns))}); build one with framing.find_matches or answer_key"
            )
        lex = None
        if lexicon is not None:
            from .match import _resolve_lexicon

            lex = _resolve_lexicon(lexicon)
        if articles is not None:
            from .corpus import as_articles

            arts = as_articles(articles).reset_index(drop=True)
        else:
            ids = list(dict.fromkeys(key["article_id"].map(to_str)))
            arts = pd.DataFrame({"article_id": ids, "outlet": "", "text": [None] * len(ids)})
        labels = dict(zip(arts["article_id"].map(to_str), _letters(len(arts))))
        return AnswerKey(arts, key, lex, labels)
    raise InputError(f"key: expected an AnswerKey or a matches table, got {type(key).__name__}")


# ---------------------------------------------------------------------------
# worksheet helpers
# ---------------------------------------------------------------------------

def _sentences(text: str):
    """``[(number, sentence_text, starts_paragraph, (start, end))]`` with 1-based numbers."""
    out = []
    prev_end = 0
    for i, (a, b) in enumerate(sentence_spans(text)):
        out.append((i + 1, text[a:b], i > 0 and "\n" in text[prev_end:a], (a, b)))
        prev_end = b
    return out


def _own(m: pd.DataFrame) -> pd.DataFrame:
    """Hits in the outlet's own voice (narrative and scare quotes)."""
    if "voice" not in m.columns:
        return m
    return m[m["voice"] != "quoted"]


def _rewrite_choices(key: AnswerKey, n: int = 2, exclude=()) -> list[tuple[str, int, str]]:
    """``(article_id, sentence (1-based), text)`` of the sentences most worth rewriting.

    ``exclude``: ``(article_id, sentence (0-based))`` pairs already used by another task.
    """
    own = _own(key.matches)
    if own.empty:
        return []
    w = own.assign(_w=own["weight"] if "weight" in own.columns else 1.0, _aid=own["article_id"].map(to_str))
    score = w.groupby(["_aid", "sentence"], sort=False)["_w"].agg(["size", "sum"]).reset_index()
    score = score.sort_values(["size", "sum"], ascending=False, kind="stable")
    texts = dict(zip(key.articles["article_id"].map(to_str), key.articles["text"]))
    picked, used = [], set()
    for prefer_new_article in (True, False):
        for r in score.to_dict("records"):
            if len(picked) >= n:
                break
            if (r["_aid"], r["sentence"]) in {(p[0], p[1] - 1) for p in picked} | set(exclude):
                continue
            if prefer_new_article and r["_aid"] in used:
                continue
            text = to_str(texts.get(r["_aid"]))
            sents = sentence_spans(text)
            if not 0 <= int(r["sentence"]) < len(sents):
                continue
            a, b = sents[int(r["sentence"])]
            if len(text[a:b].split()) > 70:
                continue
            picked.append((r["_aid"], int(r["sentence"]) + 1, text[a:b]))
            used.add(r["_aid"])
    return picked


def _used_by_compare(choice) -> set:
    if choice is None:
        return set()
    a, b, r, _, _ = choice
    return {(to_str(a["article_id"]), int(r["sentence_a"])), (to_str(b["article_id"]), int(r["sentence_b"]))}


def _compare_choice(key: AnswerKey, alignment, who: str):
    """The aligned sentence pair whose loaded terms differ most, or None.

    ``alignment`` is one table of :func:`framing.align_articles` (or
    ``{(id_a, id_b): table}``) of two of the key's articles; None gives None.
    Returns ``(row_a, row_b, pair_row, own_terms_a, own_terms_b)``.
    """
    pairs = alignment_pairs(alignment, who)
    if not pairs:
        return None
    if len(pairs) > 1:
        raise InputError(f"{who}: alignment: the worksheet compares one pair of articles, got {len(pairs)}")
    id_a, id_b, alignment = pairs[0]
    rows = {to_str(r.get("article_id")): r for r in key.articles.to_dict("records")}
    missing = [i for i in (id_a, id_b) if to_str(i) not in rows]
    if missing:
        raise InputError(f"{who}: the alignment is of article {missing[0]!r}, which is not among the articles")
    first, second = rows[to_str(id_a)], rows[to_str(id_b)]
    best, best_key = None, (0, 0.0)
    for r in alignment.to_dict("records"):
        if int(r["sentence_a"]) < 0 or int(r["sentence_b"]) < 0:
            continue
        ta = {to_str(t.get("term")) for t in r.get("terms_a") or [] if to_str(t.get("voice")) != "quoted"}
        tb = {to_str(t.get("term")) for t in r.get("terms_b") or [] if to_str(t.get("voice")) != "quoted"}
        k = (len(ta ^ tb), float(r["similarity"]))
        if k > best_key:
            best, best_key = (first, second, r, ta, tb), k
    return best


def _outlet(row: dict) -> str:
    outlet = to_str(row.get("outlet"))
    return f" — {esc(outlet)}" if outlet else ""


def _page(title: str, paper: str, body: str, body_class: str) -> str:
    from ._version import __version__

    paper = _paper(paper)
    return Template(template("print.html")).substitute(
        lang="en", generator=esc(f"framing {__version__}"), title=esc(title), paper=paper,
        page_label="page", css=template("worksheet.css"), body=body,
        body_class=f"{body_class} paper-{paper.lower()}",
    )


def _article_head(label: str, row: dict, level: str = "h3") -> str:
    bits = [x for x in (to_str(row.get("outlet")), fmt_date(row.get("date"))) if x]
    title = to_str(row.get("title"))
    head = f"Article {label}" + (f": {title}" if title else "")
    meta = " · ".join(bits + [f"id {to_str(row.get('article_id'))}"])
    return f'<{level}>{esc(head)}</{level}><p class="article-meta">{esc(meta)}</p>'


# ---------------------------------------------------------------------------
# worksheet
# ---------------------------------------------------------------------------

def make_worksheet(
    matches,
    articles,
    *,
    alignment=None,
    title: str = "Loaded language: a close reading",
    paper: str = "A4",
    rows: int = 10,
) -> str:
    """A printable worksheet: the articles with numbered sentences, and four tasks.

    Draws the tables it is handed; it neither searches nor aligns the articles.
    :func:`framing.build_worksheet` does both and calls this.

    Parameters
    ----------
    matches : DataFrame
        The matches table of the articles (:func:`framing.find_matches`); it
        chooses the sentences of the rewrite task (the worksheet itself shows
        no answer).  None raises :class:`~framing.errors.InputError`.
    articles : DataFrame, str, list of str or path(s)
        The articles, labelled A, B, ... in this order.
    alignment : DataFrame or dict, optional
        :func:`framing.align_articles` of two of the articles (usually those
        of :func:`compare_pair`), or ``{(id_a, id_b): table}``: task 4 quotes
        its pair of sentences whose loaded terms differ most.  Without it task 4
        asks the students to find such a pair.
    title : str, default="Loaded language: a close reading"
    paper : {"A4", "Letter"}, default="A4"
        Page size of the print layout (``@page size``).
    rows : int, default=10
        Empty rows in the answer table of tasks 1 and 2.

    Returns
    -------
    str
        A complete HTML document with print CSS (``@page`` size and margins,
        page numbers) and no script.

    See Also
    --------
    make_answer_key : the answers to this worksheet.
    grade_answers : feedback on what a student marked.

    Examples
    --------
    >>> import framing
    >>> texts = ["The regime fell. Its leader fled."]
    >>> html = make_worksheet(framing.find_matches(texts, "venezuela-2019"), texts, paper="Letter")
    >>> "size: letter" in html and '<span class="n">2</span>' in html
    True
    """
    key = _key(matches, articles, None, "make_worksheet")
    labels = _letters(len(key.articles))
    parts = [
        f"<h1>{esc(title)}</h1>",
        '<div class="who"><span class="wide">Name:</span><span>Class:</span><span>Date:</span></div>',
        '<div class="box"><p><b>What is a loaded word?</b> A word that carries a judgement as well as a '
        "meaning: it nudges the reader to feel for or against a person, a group or an event "
        "(<i>regime</i> instead of <i>government</i>, <i>freedom fighters</i> instead of <i>armed "
        "group</i>).</p><p><b>How to work:</b> read each article slowly. Underline every word or phrase "
        "that you think is loaded, then write it in the table of task 1 with the article letter and the "
        "sentence number printed in the margin. Words inside quotation marks may be someone else’s "
        "words: note who says them. Some quotation marks are not speech at all but “scare quotes” that "
        "put a distance between the writer and a label.</p></div>",
    ]
    for label, row in zip(labels, key.articles.to_dict("records")):
        items = []
        for n, sent, para, _ in _sentences(to_str(row.get("text"))):
            cls = ' class="para"' if para else ""
            items.append(f'<li{cls}><span class="n">{n}</span><span class="s">{esc(sent)}</span></li>')
        parts.append(f'<section class="article">{_article_head(label, row)}'
                     f'<ol class="sentences">{"".join(items)}</ol></section>')
    parts.append("<h2>Tasks</h2>")
    empty = "".join("<tr><td></td><td></td><td></td><td></td><td></td></tr>" for _ in range(max(rows, 1)))
    parts.append(
        '<div class="task"><p><span class="label">1. Find the loaded terms.</span> Write each word or phrase '
        "you underlined, with its article and sentence number.</p>"
        '<p><span class="label">2. Whom does each label?</span> For each term, say whom or what it '
        "describes (a person, a group, a country, an event) and what it makes the reader think of them.</p>"
        '<table class="answers"><colgroup><col class="c-art"><col class="c-sent"><col class="c-words">'
        '<col class="c-who"><col></colgroup><thead><tr><th>Article</th><th>Sentence</th>'
        "<th>Word or phrase</th><th>Whom or what does it label?</th><th>What does it suggest?</th></tr>"
        f"</thead><tbody>{empty}</tbody></table></div>"
    )
    lines = '<div class="lines">' + '<div class="line"></div>' * 3 + "</div>"
    choice = _compare_choice(key, alignment, "make_worksheet")
    rewrite = _rewrite_choices(key, exclude=_used_by_compare(choice))
    if rewrite:
        given = "".join(
            f'<blockquote class="given"><span class="label">Article {esc(key.labels.get(aid, "?"))}, '
            f"sentence {n}</span>{esc(text)}</blockquote>{lines}"
            for aid, n, text in rewrite
        )
        parts.append(
            '<div class="task"><p><span class="label">3. Rewrite neutrally.</span> Rewrite '
            + ("each sentence" if len(rewrite) > 1 else "the sentence")
            + " below so that it reports the same facts without taking sides. Keep every fact; change only "
            f"the words that judge.</p>{given}</div>"
        )
    else:
        parts.append(
            '<div class="task"><p><span class="label">3. Rewrite neutrally.</span> Choose the sentence with '
            f"the most loaded words and rewrite it so that it reports the same facts without taking sides.</p>{lines}</div>"
        )
    if choice is not None:
        a, b, r, _, _ = choice
        la, lb = key.labels[to_str(a["article_id"])], key.labels[to_str(b["article_id"])]
        qa = (f'<blockquote class="given"><span class="label">Article {esc(la)}{_outlet(a)}, '
              f'sentence {int(r["sentence_a"]) + 1}</span>{esc(r["text_a"])}</blockquote>')
        qb = (f'<blockquote class="given"><span class="label">Article {esc(lb)}{_outlet(b)}, '
              f'sentence {int(r["sentence_b"]) + 1}</span>{esc(r["text_b"])}</blockquote>')
        parts.append(
            '<div class="task"><p><span class="label">4. Compare two outlets.</span> These two sentences '
            f'report the same event.</p><div class="pair">{qa}{qb}</div>'
            "<p>a) Which words differ in how they describe the people involved?</p>" + lines
            + "<p>b) What would a reader of each outlet think of these people? Which words create that impression?</p>"
            + lines + "</div>"
        )
    elif len(key.articles) >= 2:
        parts.append(
            '<div class="task"><p><span class="label">4. Compare two outlets.</span> Find a sentence in '
            "article A and one in article B that report the same event. Which words differ, and what would a "
            f"reader of each think?</p>{lines}{lines}</div>"
        )
    return _page(title, paper, "".join(parts), "worksheet")


def _key_table(key: AnswerKey, aid: str, text: str, palette: dict) -> str:
    sub = key.to_frame()
    sub = sub[sub["article_id"] == aid]
    if sub.empty:
        return '<p class="muted">The lexicon finds no loaded terms in this article.</p>'
    sents = sentence_spans(text)
    quotes = quote_dicts(text)
    rows = []
    for n, g in sub.groupby("sentence", sort=True):
        a, b = sents[n - 1] if 0 < n <= len(sents) else (0, 0)
        spans = [{"start": r["start"] - a, "end": r["end"] - a, "label": r["category"], "voice": r["voice"]}
                 for r in g.to_dict("records")]
        qs = [{"start": max(q["start"], a) - a, "end": min(q["end"], b) - a, "kind": q["kind"]}
              for q in quotes if q["start"] < b and q["end"] > a]
        sent_html = _key_sentence(text[a:b], spans, qs, palette)
        rows.append(f'<tr class="sent"><td>{n}</td><td colspan="3">{sent_html}</td></tr>')
        for r in g.to_dict("records"):
            c = palette.get(r["category"], "#777")
            voice = {"quoted": "in quoted speech", "scare_quote": "in scare quotes"}.get(r["voice"], "own words")
            if r["voice"] == "quoted" and r["speaker"]:
                voice += f" ({r['speaker']})"
            words = (f"<b>{esc(r['matched_text'])}</b><br><span class=\"swatch\" style=\"--c:{esc(c)}\"></span>"
                     f"{esc(r['category'])}<br><span class=\"voice\">{esc(voice)}</span>")
            if r["term"] and normalize(r["term"]).split() != normalize(r["matched_text"]).split():
                words += f'<br><span class="voice">lexicon term: {esc(r["term"])}</span>'
            alt = esc("; ".join(r["neutral"])) or '<span class="muted">–</span>'
            who = f'<br><span class="voice">aimed at: {esc(r["target"])}</span>' if r["target"] else ""
            rows.append(f"<tr><td></td><td>{words}</td><td>{esc(r['note'])}</td><td>{alt}{who}</td></tr>")
    return (
        '<table class="key"><colgroup><col class="k-n"><col class="k-words"><col class="k-why"><col></colgroup>'
        "<thead><tr><th>No.</th><th>Words in the text</th><th>Why it is loaded</th>"
        f"<th>Neutral alternatives</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _key_sentence(text: str, spans, quotes, palette) -> str:
    """A sentence with its terms marked for print (no tooltip)."""
    html = render_article(text, spans, quotes=quotes, colors=palette, paragraphs=False, tooltips=False)
    return html.replace('<mark class="hit ', '<mark class="k ')


def make_answer_key(
    matches,
    articles,
    *,
    lexicon=None,
    alignment=None,
    title: str = "Loaded language: a close reading",
    paper: str = "A4",
) -> str:
    """The answer key of :func:`make_worksheet`, as a separate printable HTML page.

    Draws the tables it is handed; it neither searches nor aligns the articles.

    Parameters
    ----------
    matches : DataFrame
        The matches table of the articles (:func:`framing.find_matches`).
        None raises :class:`~framing.errors.InputError`.
    articles : DataFrame, str, list of str or path(s)
    lexicon : Lexicon, str or list of str, optional
        Gives the terms their notes and neutral alternatives, the colours and
        the lexicon's name.
    alignment : DataFrame or dict, optional
        The alignment given to :func:`make_worksheet` (task 4).
    title : str, default="Loaded language: a close reading"
        The worksheet's title (the key is titled "Answer key: <title>").
    paper : {"A4", "Letter"}, default="A4"

    Returns
    -------
    str
        A complete HTML document: per article and sentence the terms with
        category, voice, why they are loaded, neutral alternatives and target;
        suggestions for tasks 3 and 4.
    """
    key = _key(matches, articles, lexicon, "make_answer_key")
    palette = category_palette(key.lexicon, category_order(key.lexicon, key.matches))
    parts = [
        f"<h1>Answer key: {esc(title)}</h1>",
        '<div class="box small"><p>The terms below are those of the lexicon '
        f"“{esc(getattr(key.lexicon, 'name', '') or 'lexicon')}”. It is a starting point, not the last word: "
        "students may find other loaded words, and a listed word may be used neutrally in context. Discuss "
        "both. Terms <i>in quoted speech</i> are the speaker’s words, not the outlet’s.</p>"
        "<p>To check typed answers, save them as a CSV file with the columns <code>article_id, sentence, "
        "text</code> (article_id may be the letter A, B, …; sentence is the number printed on the worksheet) "
        "and run <code>framing grade answers.csv ARTICLES…</code>.</p></div>",
    ]
    for row in key.articles.to_dict("records"):
        aid = to_str(row.get("article_id"))
        parts.append(f'<section class="article">{_article_head(key.labels[aid], row, "h2")}'
                     f"{_key_table(key, aid, to_str(row.get('text')), palette)}</section>")
    choice = _compare_choice(key, alignment, "make_answer_key")
    rewrite = _rewrite_choices(key, exclude=_used_by_compare(choice))
    if rewrite:
        frame = key.to_frame()
        items = []
        for aid, n, text in rewrite:
            sub = frame[(frame["article_id"] == aid) & (frame["sentence"] == n) & (frame["voice"] != "quoted")]
            sug = "; ".join(
                f"“{r['matched_text']}” → " + (" / ".join(f"“{x}”" for x in r["neutral"]) or "leave out")
                for r in sub.to_dict("records")
            )
            items.append(f"<li>Article {esc(key.labels.get(aid, '?'))}, sentence {n}: {esc(sug)}</li>")
        parts.append("<h2>Task 3: words to replace</h2><ul>" + "".join(items) + "</ul>")
    if choice is not None:
        a, b, r, ta, tb = choice
        la, lb = key.labels[to_str(a["article_id"])], key.labels[to_str(b["article_id"])]
        only_a = ", ".join(sorted(ta - tb)) or "none"
        only_b = ", ".join(sorted(tb - ta)) or "none"
        parts.append(
            "<h2>Task 4: what differs</h2>"
            f"<p>Only in article {esc(la)} (sentence {int(r['sentence_a']) + 1}): <b>{esc(only_a)}</b>.<br>"
            f"Only in article {esc(lb)} (sentence {int(r['sentence_b']) + 1}): <b>{esc(only_b)}</b>.</p>"
        )
    return _page(f"Answer key: {title}", paper, "".join(parts), "answer-key")


def write_worksheet(path, matches, articles, **kwargs) -> Path:
    """Write :func:`make_worksheet` to ``path`` (UTF-8) and return the path."""
    path = Path(path)
    path.write_text(make_worksheet(matches, articles, **kwargs), encoding="utf-8")
    return path


def write_answer_key(path, matches, articles, **kwargs) -> Path:
    """Write :func:`make_answer_key` to ``path`` (UTF-8) and return the path."""
    path = Path(path)
    path.write_text(make_answer_key(matches, articles, **kwargs), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------
# grading
# ---------------------------------------------------------------------------

def _words(s: str) -> list[str]:
    return normalize(to_str(s)).split()


def _contains(big: list[str], small: list[str]) -> bool:
    n = len(small)
    return n > 0 and any(big[i:i + n] == small for i in range(len(big) - n + 1))


def _marks_frame(student_marks) -> pd.DataFrame:
    """Students' marks as ``article_id, sentence, text`` (article and sentence may be missing)."""
    if isinstance(student_marks, str):
        student_marks = [student_marks]
    if isinstance(student_marks, pd.DataFrame):
        df = student_marks.copy()
        if "text" not in df.columns:
            alt = next((c for c in ("term", "marked", "words", "word") if c in df.columns), None)
            if alt is None:
                raise InputError(
                    "student marks: expected a column 'text' (with optional 'article_id', 'sentence'); "
                    f"got {', '.join(map(str, df.columns))}"
                )
            df = df.rename(columns={alt: "text"})
    else:
        recs = []
        for i, m in enumerate(student_marks):
            if isinstance(m, str):
                recs.append((None, None, m))
            elif isinstance(m, (tuple, list)) and len(m) == 2:
                recs.append((None, m[0], m[1]))
            elif isinstance(m, (tuple, list)) and len(m) == 3:
                recs.append(tuple(m))
            else:
                raise InputError(
                    f"student marks, item {i}: expected a term, (sentence, term) or "
                    f"(article_id, sentence, term); got {m!r}"
                )
        df = pd.DataFrame(recs, columns=["article_id", "sentence", "text"])
    for col in ("article_id", "sentence"):
        if col not in df.columns:
            df[col] = None
    df = df[["article_id", "sentence", "text"]].copy()
    df["text"] = df["text"].map(to_str)
    return df[df["text"].str.strip() != ""].reset_index(drop=True)


def _sentence_number(value):
    """A printed sentence number (int) or None; raises InputError when it is not a number."""
    s = to_str(value).strip()
    if not s:
        return None
    try:
        f = float(s)
    except ValueError:
        raise InputError(f"student marks: sentence {value!r} is not a number") from None
    if f != int(f) or f < 1:
        raise InputError(f"student marks: sentence {value!r} is not a sentence number (1, 2, ...)")
    return int(f)


def grade_answers(student_marks, key, *, lexicon=None, articles=None, include_quoted: bool = True) -> pd.DataFrame:
    """Compare the terms a student marked with the answer key.

    Parameters
    ----------
    student_marks : str, list or DataFrame
        What the student marked, as any of: a list of terms (matched in any
        sentence); a list of ``(sentence, term)`` pairs (one article) or
        ``(article_id, sentence, term)`` triples; a DataFrame with columns
        ``article_id, sentence, text`` (as in the CSV of ``framing grade``).
        ``sentence`` is the number printed on the worksheet (1-based);
        ``article_id`` may be the worksheet letter (A, B, ...); either may be
        empty, meaning "anywhere".
    key : AnswerKey or DataFrame
        From :func:`answer_key`, or a matches table (:func:`framing.find_matches`).
    lexicon : Lexicon, str or list of str, optional
        Explains extra marks (a word in the lexicon but not found in that
        sentence); default: the key's lexicon.
    articles : DataFrame, optional
        With a matches table as ``key``: the articles, to check that a marked
        word is in its sentence.
    include_quoted : bool, default=True
        Count terms inside quoted speech as terms to find.

    Returns
    -------
    DataFrame
        One row per key term (``status`` ``"found"`` or ``"missed"``) and per
        mark that matches no term (``"extra"``), columns ``status, article_id,
        label, sentence`` (1-based), ``marked`` (the student's words), ``term,
        matched_text, category, voice, target`` (whom the term is aimed at,
        for task 2), ``note, neutral, explanation``.  A mark
        counts a term as found when one contains the other (after
        normalisation) or when the lexicon finds that term in the mark (so
        *putschist* finds *putschists*).

    Examples
    --------
    >>> import framing
    >>> texts = ["He met the self-proclaimed leader of the regime."]
    >>> key = answer_key(framing.find_matches(texts, "venezuela-2019"), texts, lexicon="venezuela-2019")
    >>> fb = grade_answers([(1, "self-proclaimed"), (1, "leader")], key)
    >>> fb[["status", "term", "marked"]].values.tolist()
    [['found', 'self-proclaimed', 'self-proclaimed'], ['missed', 'regime', ''], ['extra', '', 'leader']]
    """
    key = _as_key(key, lexicon, articles)
    lex = key.lexicon
    if lexicon is not None and lex is None:
        from .match import _resolve_lexicon

        lex = _resolve_lexicon(lexicon)
    frame = key.to_frame()
    if not include_quoted:
        frame = frame[frame["voice"] != "quoted"].reset_index(drop=True)
    marks = _marks_frame(student_marks)
    by_label = {v.upper(): k for k, v in key.labels.items()}
    ids = set(key.labels)
    texts = dict(zip(key.articles["article_id"].map(to_str), key.articles["text"]))
    single = next(iter(ids)) if len(ids) == 1 else None
    hit_words = [_words(t) for t in frame["matched_text"]]
    term_words = [_words(t) for t in frame["term"].str.rstrip("*")]
    found_by: dict[int, list[str]] = {}
    extras = []

    for m in marks.to_dict("records"):
        raw_aid = to_str(m["article_id"]).strip()
        aid = raw_aid if raw_aid in ids else by_label.get(raw_aid.upper()) if raw_aid else single
        sent = _sentence_number(m["sentence"])
        words = _words(m["text"])
        label = key.labels.get(aid, raw_aid) if aid else ""
        if raw_aid and aid is None:
            extras.append(_extra(aid or raw_aid, label, sent, m["text"],
                                 f"no article {raw_aid!r} on the worksheet (articles: "
                                 f"{', '.join(key.labels.values())})"))
            continue
        lex_terms = _lexicon_terms(lex, m["text"])
        in_scope = [
            i for i in range(len(frame))
            if (aid is None or frame.at[i, "article_id"] == aid) and (sent is None or frame.at[i, "sentence"] == sent)
        ]
        hit = [i for i in in_scope if _covers(words, hit_words[i], term_words[i], frame.at[i, "term"], lex_terms)]
        if hit:
            for i in hit:
                found_by.setdefault(i, []).append(m["text"])
            continue
        elsewhere = [
            i for i in range(len(frame))
            if i not in in_scope and (aid is None or frame.at[i, "article_id"] == aid)
            and _covers(words, hit_words[i], term_words[i], frame.at[i, "term"], lex_terms)
        ]
        if elsewhere:
            where = sorted({int(frame.at[i, "sentence"]) for i in elsewhere})
            art = f"article {label}, " if label else ""
            expl = (f"a loaded term, but the key has it in {art}sentence{'s' if len(where) > 1 else ''} "
                    f"{', '.join(map(str, where))}, not in sentence {sent}: check the sentence number")
            extras.append(_extra(aid, label, sent, m["text"], expl, frame.loc[elsewhere[0]]))
            continue
        sentence_text = _sentence_text(texts.get(aid), sent) if aid else None
        if lex_terms:
            entry = lex[lex_terms[0]]
            expl = (f"in the lexicon ({entry.category}: {entry.term}) but not found "
                    + (f"in sentence {sent}" if sent else "in the articles")
                    + ": check the sentence number and the exact words")
            extras.append(_extra(aid, label, sent, m["text"], expl, None, entry))
        elif sentence_text is not None and not _contains(_words(sentence_text), words):
            extras.append(_extra(aid, label, sent, m["text"],
                                 f"these words are not in sentence {sent} of article {label}: "
                                 "check the sentence number and the spelling"))
        else:
            extras.append(_extra(aid, label, sent, m["text"], _NOT_IN_LEXICON))

    rows = []
    for i, r in enumerate(frame.to_dict("records")):
        ok = i in found_by
        if ok:
            expl = ""
        else:
            expl = "why it is loaded: " + r["note"] if r["note"] else "a loaded term from the lexicon"
        if r["voice"] == "quoted":
            expl += f" (in quoted speech: {r['speaker'] or 'the speaker'}'s words, not the outlet's)"
            expl = expl.strip()
        rows.append({
            "status": "found" if ok else "missed", "article_id": r["article_id"], "label": r["label"],
            "sentence": r["sentence"], "marked": "; ".join(found_by.get(i, [])), "term": r["term"],
            "matched_text": r["matched_text"], "category": r["category"], "voice": r["voice"],
            "target": r["target"], "note": r["note"], "neutral": "; ".join(r["neutral"]), "explanation": expl,
            "_order": (list(key.labels).index(r["article_id"]) if r["article_id"] in key.labels else 1e9,
                       r["sentence"], r["start"]),
        })
    for e in extras:
        e["_order"] = (list(key.labels).index(e["article_id"]) if e["article_id"] in key.labels else 1e9,
                       e["sentence"] if e["sentence"] is not None else 1e9, 1e12)
        rows.append(e)
    rows.sort(key=lambda r: r["_order"])
    out = pd.DataFrame(rows, columns=FEEDBACK_COLUMNS + ["_order"]).drop(columns="_order")
    out["sentence"] = out["sentence"].astype("Int64")
    return out.reset_index(drop=True)


def _lexicon_terms(lex, text: str) -> list[str]:
    """Terms of ``lex`` found in ``text`` (a student's mark)."""
    from .match import compile_lexicon

    if lex is None or not to_str(text).strip():
        return []
    comp = compile_lexicon(lex)
    return [comp.entries[idx].term for _, _, idx, _ in comp.scan(to_str(text))]


def _covers(mark: list[str], hit: list[str], term: list[str], term_name: str, lex_terms: list[str]) -> bool:
    if not mark:
        return False
    if term_name in lex_terms:
        return True
    for target in (hit, term):
        if _contains(mark, target):
            return True
        if _contains(target, mark) and 2 * len(mark) >= len(target):
            return True
    return False


def _sentence_text(text, sent):
    text = to_str(text)
    if not text or sent is None:
        return None
    sents = sentence_spans(text)
    if not 0 < sent <= len(sents):
        return ""
    a, b = sents[sent - 1]
    return text[a:b]


def _extra(aid, label, sent, marked, explanation, hit=None, entry=None) -> dict:
    return {
        "status": "extra", "article_id": aid or "", "label": label, "sentence": sent, "marked": marked,
        "term": to_str(hit["term"]) if hit is not None else (entry.term if entry is not None else ""),
        "matched_text": to_str(hit["matched_text"]) if hit is not None else "",
        "category": to_str(hit["category"]) if hit is not None else (entry.category if entry is not None else ""),
        "voice": "", "target": to_str(hit["target"]) if hit is not None else "",
        "note": to_str(hit["note"]) if hit is not None else (entry.note if entry is not None else ""),
        "neutral": "; ".join(hit["neutral"]) if hit is not None else (
            "; ".join(entry.neutral) if entry is not None else ""),
        "explanation": explanation,
    }
