"""One article as the attribution rules read it: text, sentences, quotes, mentions, caches.

:class:`Article` holds the data; the functions below are the look-ups every
rule shares (what sentence, quotation or mention is at an offset, the tokens of
a window, the clause of a hit).  They hold no rule of their own.
"""

from __future__ import annotations

import bisect

from ..text import classify_quote, normalize
from .mentions import add_title_anaphors, name_runs, scan_mentions
from .words import CLAUSE_BREAK, DATELINE, GROUP_KINDS, PERSON_KINDS, POSSESSIVE_TAIL, RELATIVES, TOKEN


class Article:
    """The text, sentences, quotations and actor mentions of one article, and caches.

    Mentions are tuples ``(start, end, actor, kind, anaphor)`` where ``anaphor``
    marks a title anaphor (``the president``) resolved when the article is read.

    Parameters
    ----------
    matcher : ActorMatcher
        The compiled actors.
    text : str
        The article text.
    hits : list of tuple
        ``(start, end, entry_index, priority)``, sorted.
    sentences : list of (int, int)
        Sentence spans of ``text``.
    quotes : list of QuoteSpan
        Quotations of ``text`` (or of its paragraphs with hits).
    norm : str, optional
        ``normalize(text)``, when the caller has it.
    """

    def __init__(self, matcher, text: str, hits, sentences, quotes, norm=None):
        self.names = matcher.names
        self.actors = matcher.actors
        self.text = text
        self.hits = hits
        self.sents = list(sentences) or [(0, len(text))]
        self.quotes = quotes
        self.norm = norm
        found, titles = scan_mentions(matcher.automaton, matcher.patterns, text, norm)
        mentions = [(s, e, a, k, False) for s, e, a, k in found]
        if titles:
            mentions = add_title_anaphors(mentions, titles, matcher.titles, matcher.actors)
        self.mentions = mentions
        # Start offsets, for bisection.
        self.hit_starts = [h[0] for h in hits]
        self.s_starts = [s for s, _ in self.sents]
        self.q_starts = [q.start for q in quotes]
        self.m_starts = [x[0] for x in mentions]
        # Caches, filled on demand.
        self.names_in_sentence: dict[int, list] = {}
        self.antecedents: dict[tuple, tuple] = {}
        self.names_outside: dict[int, tuple] = {}
        self.speakers: dict[int, tuple] = {}
        self.datelines: dict[int, int] = {}
        self.speech: dict[int, bool] = {}


def check_spans(text: str, hits, sentences, quotes) -> None:
    """Raise ValueError unless every offset fits ``text``."""
    n = len(text)
    for what, spans, strict in (("hit", [h[:2] for h in hits], False), ("sentence", sentences, False),
                                ("quotation", [(q.start, q.end) for q in quotes], True)):
        for i, (a, b) in enumerate(spans):
            if a < 0 or b > n or (a >= b if strict else a > b):
                raise ValueError(f"attribution: {what} {i} = ({a}, {b}) does not fit a text of length {n}")


# ---------------------------------------------------------------------------
# Offsets -> sentence, quotation, mention, hit
# ---------------------------------------------------------------------------


def layer(art: Article, a: int, b: int) -> str:
    """``normalize(text)[a:b]`` (the layer is computed character by character)."""
    return art.norm[a:b] if art.norm is not None else normalize(art.text[a:b])


def sentence_of(art: Article, pos: int) -> int:
    return max(0, bisect.bisect_right(art.s_starts, pos) - 1)


def quote_at(art: Article, pos: int):
    """Index of the quotation holding ``pos``, or None."""
    k = bisect.bisect_right(art.q_starts, pos) - 1
    if k >= 0 and pos < art.quotes[k].end:
        return k
    return None


def is_speech(art: Article, k: int) -> bool:
    """Quotation ``k`` is speech (classified on demand: the matcher classifies
    only the quotations that hold hits)."""
    ok = art.speech.get(k)
    if ok is None:
        q = art.quotes[k]
        ok = art.speech[k] = q.kind == "quoted" and classify_quote(art.text, q).kind == "quoted"
    return ok


def speech_quote_at(art: Article, pos: int):
    """Index of the speech quotation holding ``pos``, or None."""
    k = quote_at(art, pos)
    if k is not None and is_speech(art, k):
        return k
    return None


def outside_quotes(art: Article, pos: int, own_quote=None) -> bool:
    """True unless ``pos`` is inside a speech quotation other than ``own_quote``."""
    q = speech_quote_at(art, pos)
    return q is None or q == own_quote


def mentions_in(art: Article, a: int, b: int) -> list:
    """Mentions lying inside ``[a, b)``."""
    mentions = art.mentions
    i = bisect.bisect_left(art.m_starts, a)
    out = []
    while i < len(mentions) and mentions[i][0] < b:
        if mentions[i][1] <= b:
            out.append(mentions[i])
        i += 1
    return out


def mention_ending_at(art: Article, end: int, lo: int):
    """The mention ending at ``end`` (give or take a possessive ’s), starting at or after ``lo``."""
    mentions = art.mentions
    i = bisect.bisect_right(art.m_starts, end) - 1
    while i >= 0 and mentions[i][0] >= lo:
        x = mentions[i]
        if x[1] == end or (x[1] < end and POSSESSIVE_TAIL.match(art.text, x[1], end)):
            return x
        if x[1] < end - 2:
            return None
        i -= 1
    return None


def in_other_hit(art: Article, a: int, b: int) -> bool:
    """``[a, b)`` lies in a hit starting at or before ``a``."""
    i = bisect.bisect_right(art.hit_starts, a) - 1
    return i >= 0 and art.hits[i][1] >= b


def sentence_names(art: Article, k: int) -> list[tuple[int, int, str]]:
    """Names of people who are not declared actors in sentence ``k`` (cached)."""
    runs = art.names_in_sentence.get(k)
    if runs is None:
        a, b = art.sents[k]
        runs = art.names_in_sentence[k] = name_runs(art.text, a, b, mentions_in(art, a, b))
    return runs


# ---------------------------------------------------------------------------
# Windows: tokens, regions, clauses
# ---------------------------------------------------------------------------


def iter_tokens(art: Article, a: int, b: int):
    """Tokens ``(start, end, text)`` of ``text[a:b]``, one at a time; a window that starts
    inside a word skips that word's tail (so "t|he" never yields a pronoun "he")."""
    text = art.text
    if 0 < a < len(text) and text[a - 1].isalnum() and text[a].isalnum():
        while a < b and text[a].isalnum():
            a += 1
    for t in TOKEN.finditer(text, a, b):
        yield t.start(), t.end(), t.group()


def tokens(art: Article, a: int, b: int) -> list[tuple[int, int, str]]:
    """:func:`iter_tokens` as a list (for windows of a bounded size)."""
    text = art.text
    if 0 < a < len(text) and text[a - 1].isalnum() and text[a].isalnum():
        while a < b and text[a].isalnum():
            a += 1
    return [(t.start(), t.end(), t.group()) for t in TOKEN.finditer(text, a, b)]


def region(art: Article, start: int, end: int) -> tuple[int, int, int | None]:
    """The sentence of a span, clipped to the speech quotation that holds it."""
    a, b = art.sents[sentence_of(art, start)]
    b = max(b, end)
    q = speech_quote_at(art, start)
    if q is not None:
        qa, qb = art.quotes[q].inner
        a = max(a, qa)
        if qb >= end:
            b = min(b, qb)
    return a, b, q


def dateline_end(art: Article, k: int) -> int:
    """End of a dateline (``CARACAS (Reuters) —``) opening sentence ``k``, else its start."""
    end = art.datelines.get(k)
    if end is None:
        a, b = art.sents[k]
        mt = DATELINE.match(art.text, a, min(b, a + 70))
        end = art.datelines[k] = mt.end() if mt else a
    return end


def clause_start(art: Article, a: int, pos: int) -> int:
    """Where the clause holding ``pos`` starts (after the last clause break in ``[a, pos)``)."""
    start = a
    for mt in CLAUSE_BREAK.finditer(art.text, a, pos):
        start = mt.end()
    return start


def clause_bounds(art: Article, a: int, b: int, hs: int, he: int):
    """``(start, end, antecedent)`` of the clause holding ``[hs, he)``.

    ``antecedent`` is the mention right before a relative pronoun opening
    the clause (``Soldiers who defected``), else None.
    """
    text = art.text
    a, b = max(a, hs - 120), min(b, he + 100)  # the fallback only looks a few words away
    start, end, rel = a, b, None
    for mt in CLAUSE_BREAK.finditer(text, a, b):
        bs, be, word = mt.start(), mt.end(), mt.group()
        if be <= hs:
            start = be
            rel = (bs, be) if word.lower() in RELATIVES else None
        elif bs >= he:
            end = bs
            break
    ante = None
    if rel is not None:
        comma = text.rfind(",", start, hs)
        lead = text[max(a, rel[0] - 3):rel[0]].rstrip()
        if comma >= 0 and lead.endswith(","):
            start = comma + 1  # ", which recognised Guaidó in February, has called ..."
        else:
            j = rel[0]  # len(text[:rel[0]].rstrip(" ,")), looked for no further back than a:
            while j > a and text[j - 1] in " ,":  # a mention ending before a starts before it
                j -= 1
            ante = mention_ending_at(art, j, a)
    return start, end, ante


# ---------------------------------------------------------------------------
# Antecedents of pronouns
# ---------------------------------------------------------------------------


def antecedent_mentions(art: Article, person: bool, outside: bool):
    """``(mentions, starts)``: the mentions a pronoun can refer to (cached).

    Person pronouns refer to :data:`~framing.actors.words.PERSON_KINDS`, the
    others to :data:`~framing.actors.words.GROUP_KINDS`; with ``outside``, only
    mentions outside speech quotations.
    """
    key = (person, outside)
    got = art.antecedents.get(key)
    if got is None:
        kinds = PERSON_KINDS if person else GROUP_KINDS
        found = [x for x in art.mentions if x[3] in kinds and (not outside or outside_quotes(art, x[0]))]
        got = art.antecedents[key] = (found, [x[0] for x in found])
    return got


def antecedent_names(art: Article, k: int):
    """``(names, starts)``: names of people in sentence ``k`` outside speech quotations (cached)."""
    got = art.names_outside.get(k)
    if got is None:
        found = [r for r in sentence_names(art, k) if outside_quotes(art, r[0])]
        got = art.names_outside[k] = (found, [r[0] for r in found])
    return got


def last_in(spans, starts, a: int, b: int):
    """The span of ``spans`` (sorted, with their ``starts``) lying in ``[a, b)`` that starts last."""
    j = bisect.bisect_left(starts, b) - 1
    while j >= 0 and spans[j][0] >= a and spans[j][1] > b:
        j -= 1
    return spans[j] if j >= 0 and spans[j][0] >= a else None


def first_in(spans, starts, a: int, b: int):
    """The span of ``spans`` (sorted, with their ``starts``) lying in ``[a, b)`` that starts first."""
    j = bisect.bisect_left(starts, a)
    while j < len(spans) and spans[j][0] < b:
        if spans[j][1] <= b:
            return spans[j]
        j += 1
    return None
