"""The attribution rules: the target of every hit, the speaker of every quotation.

Every rule is one function taking the article context (:class:`Article`) and
the hit ``[hs, he)`` with its region ``[a, b)`` (the hit's sentence, clipped to
the speech quotation ``q`` that holds it, if any).  A target rule returns
``(actor, rule)``, ``(-1, "")`` when it found the labelled noun phrase and it is
no declared actor (stop: the target stays ""), or None (try the next rule).
:func:`target` tries :func:`contains`, then :data:`TARGET_RULES_IN_ORDER`, then
:func:`alias_before_person_noun`.  A speaker rule returns ``(speaker, actor)``
or None; :func:`find_speaker` tries :data:`SPEAKER_RULES_IN_ORDER`.

The word lists and patterns the rules read are in :mod:`framing.actors.words`.
"""

from __future__ import annotations

import bisect

from .article import (
    Article,
    antecedent_mentions,
    antecedent_names,
    check_spans,
    clause_bounds,
    clause_start,
    dateline_end,
    in_other_hit,
    first_in,
    is_speech,
    iter_tokens,
    last_in,
    layer,
    mention_ending_at,
    mentions_in,
    outside_quotes,
    quote_at,
    region,
    sentence_of,
    speech_quote_at,
    tokens,
)
from .words import (
    AFTER_CUE,
    AGAINST,
    APPOSITIVE_GAP,
    ARTICLES,
    AS_VERBS,
    AUX_OR_LINK,
    AUX_SPEECH,
    BEFORE_ACCORDING,
    CALL_VERBS,
    CLAUSE_STOP,
    COMMA_GAP,
    COPULAS,
    DETS,
    DOUBLE_QUOTE,
    FIRST_PRON,
    GAP_STOP,
    HIT_NP_STOP,
    HYPHEN_ED,
    HYPHENS,
    JUDGE_BEFORE,
    LEAD_ADVERBIAL,
    LED_BY,
    LINK_ADVERBS,
    MEDIUM_WORDS,
    MEMBER_NOUNS,
    NAME_CONNECTORS,
    NEXT_CUE,
    NEXT_CUE_STOP,
    NON_NAME_CAPS,
    OBJECT_PRON,
    OBJECT_RELATIVES,
    ONLY_WORDS,
    PERSON_NOUNS,
    PERSON_PRON,
    POSS_MEDIUM,
    POSS_PRON,
    POSS_PRON_RE,
    POSSESSED_MEMBERS,
    POSSESSIVE_S_END,
    POSSESSIVE_TAIL,
    PRED_WORDS,
    PREDICATE_STOPS,
    PREP_BEFORE,
    PRONOUN_RE,
    PRONOUNS,
    QUOTE_MARKS,
    QUOTE_OR_STOP,
    SPEAKER_GROUP_PRON,
    SPEAKER_NP_STOP,
    SPEECH_NEXT,
    SPEECH_RE,
    SUBJECT_CUE,
    TITLE_WORDS,
    WEAK_AFTER,
    WORD,
    WORD_CHAR,
    WORDS_OF,
)

#: The clause rule takes a mention at most this many words from the hit.
CLAUSE_WINDOW = 8
#: An object pronoun (*him*, *them*) skips its own clause: the clause start is looked
#: for at most this many characters back (a clause is far shorter).
OBJECT_CLAUSE_LOOKBACK = 1000


def _nwords(text: str, a: int, b: int) -> int:
    """Number of words in ``text[a:b]`` (white-space separated: fast)."""
    return len(text[a:b].split())


def _lower_words(s: str) -> list[str]:
    return [w.lower() for w in WORD.findall(s)]


def _is_word(tok: str) -> bool:
    return tok[:1].isalnum()


def _named(x, rule: str) -> tuple[int, str]:
    """The result for mention ``x`` found by ``rule`` ("pronoun" for a title anaphor)."""
    return x[2], ("pronoun" if x[4] else rule)


# ---------------------------------------------------------------------------
# Noun phrases and pronouns
# ---------------------------------------------------------------------------


def np_before(art: Article, toks: list, i: int) -> tuple[int, int] | None:
    """Span of the noun phrase ending at token ``i`` (read leftwards), or None.

    It stops after a determiner or a possessive pronoun, at punctuation, at
    function words and known verbs, after 7 words; a mention ending the
    phrase is taken whole (``the government in Caracas``).
    """
    j = i
    while j >= 0 and toks[j][2] in QUOTE_MARKS:
        j -= 1
    if j < 0 or not _is_word(toks[j][2]):
        return None
    end = toks[j][1]
    start = None
    n = 0
    while j >= 0 and n < 7:
        w = toks[j][2]
        lw = w.lower()
        if w in QUOTE_MARKS or w in HYPHENS:
            j -= 1
            continue
        if not _is_word(w):
            break
        if lw in PRONOUNS or lw in FIRST_PRON:
            if start is None or lw in POSS_PRON:
                start = toks[j][0]
            break
        if lw in CLAUSE_STOP:
            break
        start = toks[j][0]
        n += 1
        if lw in DETS:
            break
        j -= 1
    if start is None:
        return None
    x = mention_ending_at(art, end, 0)
    if x is not None and x[0] < start:
        start = x[0]
    return start, end


def np_after(art: Article, a: int, b: int) -> tuple[int, int] | None:
    """Span of the noun phrase starting at ``a`` (up to punctuation or 7 words)."""
    start = end = None
    n = 0
    for s, e, w in iter_tokens(art, a, b):
        if w in QUOTE_MARKS:
            continue
        if not _is_word(w) or (start is not None and w.lower() in CLAUSE_STOP):
            break
        start = s if start is None else start
        end = e
        n += 1
        if n >= 7:
            break
    return (start, end) if start is not None else None


def resolve_np(art: Article, a: int, b: int, own_quote, *, prefer_last: bool = True):
    """What the noun phrase ``[a, b)`` refers to.

    Returns ``(actor, via)`` with ``via`` "mention" or "pronoun", or
    ``(-1, "")`` when the phrase is no declared actor.
    """
    toks = [t for t in tokens(art, a, b) if t[2] not in QUOTE_MARKS]
    if not toks:
        return -1, ""
    ms = mentions_in(art, toks[0][0], toks[-1][1])
    if ms:
        x = ms[-1] if prefer_last else ms[0]
        return x[2], ("pronoun" if x[4] else "mention")
    for t in (toks[0], toks[-1]):
        w = t[2].lower()
        if w in PRONOUNS:
            r = resolve_pronoun(art, t[0], w, own_quote)
            return (r[1], "pronoun") if r is not None and r[0] == "actor" else (-1, "")
        if w in FIRST_PRON and own_quote is not None:
            actor = speaker_of_quote(art, own_quote)[1]
            return (actor, "pronoun") if actor is not None else (-1, "")
    return -1, ""


def resolve_pronoun(art: Article, pos: int, word: str, own_quote=None):
    """Antecedent of the pronoun at ``pos``: ``("actor", index)``, ``("name", text)`` or None.

    Inside a speech quotation only the quotation is searched.  Else the
    pronoun's sentence (nearest first; an object pronoun skips its own
    clause), then the previous two sentences (first first: the subject).
    He/she/him... resolve to persons (named people who are not declared
    actors count too); they/them/it/its... to groups, organizations and
    countries.
    """
    w = word.lower()
    person = w in PERSON_PRON
    k = sentence_of(art, pos)
    sa = dateline_end(art, k)
    if own_quote is not None:  # the nearest mention in the quotation
        qa, _ = art.quotes[own_quote].inner
        x = last_in(*antecedent_mentions(art, person, False), qa, pos)
        return None if x is None else ("actor", x[2])
    if w in OBJECT_PRON:
        limit = clause_start(art, max(sa, pos - OBJECT_CLAUSE_LOOKBACK), pos)
    else:
        limit = pos
    # the nearest mention or name before the pronoun in its sentence
    x = last_in(*antecedent_mentions(art, person, True), sa, limit)
    name = last_in(*antecedent_names(art, k), sa, limit) if person else None
    if name is not None and (x is None or name[0] > x[0]):
        return ("name", name[2])
    if x is not None:
        return ("actor", x[2])
    # else the first in one of the two sentences before (the subject)
    for kk in (k - 1, k - 2):
        if kk < 0:
            break
        a, b = dateline_end(art, kk), art.sents[kk][1]
        x = first_in(*antecedent_mentions(art, person, True), a, b)
        name = first_in(*antecedent_names(art, kk), a, b) if person else None
        if name is not None and (x is None or name[0] < x[0]):
            return ("name", name[2])
        if x is not None:
            return ("actor", x[2])
    return None


# ---------------------------------------------------------------------------
# Target rules, in the order they are tried
# ---------------------------------------------------------------------------


def _mentions_over(art: Article, hs: int, he: int) -> list:
    """The mentions overlapping ``[hs, he)``, in text order."""
    mentions = art.mentions
    i = bisect.bisect_left(art.m_starts, hs)
    if i > 0 and mentions[i - 1][1] > hs:
        i -= 1
    j = i
    while j < len(mentions) and mentions[j][0] < he:
        j += 1
    return mentions[i:j]


def contains(art: Article, hs: int, he: int):
    """The hit holds an alias: ``Maduro regime``, ``President Guaidó``.

    Not a title anaphor, nor an alias used as a hyphenated modifier
    (``US-backed``: the backer is not the target), nor one followed by a
    person noun (``opposition figure``: the other rules look for the figure
    first; see :func:`alias_before_person_noun`).  An alias starting inside the
    hit and running on past it is a ``premodifier`` (``self-proclaimed Juan``).
    """
    text = art.text
    for x in _mentions_over(art, hs, he):
        if x[4]:
            continue
        if x[0] >= hs and x[1] > he:  # an alias starting inside the hit and running on
            return x[2], "premodifier"
        rest = text[x[1]:he]
        if HYPHEN_ED.match(rest):
            continue  # US-backed: the backer is not the target
        nxt = _lower_words(rest)[:1]
        if nxt and nxt[0] in PERSON_NOUNS:
            continue
        return x[2], "contains"
    return None


def premodifier(art: Article, hs, he, a, b, q):
    """``self-proclaimed "interim president" Juan Guaido``; ``... president, Maduro`` (apposition).

    The next mention follows the hit with only titles, capitalised words,
    quote marks or other hits between (at most one comma: then it is an
    apposition, unless a speech verb follows the mention).
    """
    i = bisect.bisect_left(art.m_starts, he)
    if i >= len(art.mentions) or art.mentions[i][0] >= b:
        return None
    x = art.mentions[i]
    if not _title_gap(art, he, x[0]):  # read word by word: it stops after a few words
        return None
    gap = art.text[he:x[0]]
    commas = gap.count(",")
    if commas > 1 or GAP_STOP.search(gap):
        return None
    if commas == 0:
        return _named(x, "premodifier")
    if SPEECH_NEXT.match(art.text[x[1]:x[1] + 40]):
        return None  # "... a coup, Maduro said"
    return _named(x, "apposition")


def _title_gap(art: Article, a: int, b: int) -> bool:
    """Only titles, capitalised words, quote marks, a comma or other hits in ``[a, b)``."""
    n = 0
    commas = 0
    for s, e, w in iter_tokens(art, a, b):
        if w == ",":
            commas += 1
            if commas > 1:
                return False
            continue
        if w in QUOTE_MARKS or w in HYPHENS:
            continue
        if not _is_word(w):
            return False
        n += 1
        lw = w.lower()
        if n > 4 or not (
            lw in TITLE_WORDS or lw in ARTICLES
            or (w[:1].isupper() and lw not in CLAUSE_STOP)
            or in_other_hit(art, s, e)
        ):
            return False
    return True


def apposition(art: Article, hs, he, a, b, q):
    """``Maduro, the constitutional president``: a mention, a comma, at most four words, the hit."""
    i = bisect.bisect_left(art.m_starts, hs) - 1
    while i >= 0 and art.mentions[i][1] > hs:
        i -= 1
    if i < 0 or art.mentions[i][0] < a:
        return None
    x = art.mentions[i]
    mt = APPOSITIVE_GAP.fullmatch(art.text, x[1], hs)
    if mt is None:
        return None
    words = _lower_words(mt.group(1))
    if any(w in CLAUSE_STOP or w in PRONOUNS for w in words):
        return None
    return _named(x, "apposition")


def predicate(art: Article, hs, he, a, b, q):
    """``X is a HIT``, ``X was branded a HIT``, ``called X a HIT``, ``X ... as HIT``.

    When the noun phrase X is no declared actor (``the defectors were
    mercenaries``) the search stops.
    """
    text = art.text
    w0 = max(a, hs - 140)
    for c in PREDICATE_STOPS:  # after the last
        w0 = max(w0, text.rfind(c, w0, hs) + 1)
    if PRED_WORDS.isdisjoint(layer(art, max(w0, hs - 90), hs).split()):
        return None  # no copula, "as" or labelling verb just before the hit
    toks = tokens(art, w0, hs)
    k = len(toks) - 1
    while k >= 0 and toks[k][2] in QUOTE_MARKS:
        k -= 1
    k0 = k
    # the hit's own noun phrase: up to two modifiers, then a determiner
    n = 0
    while k >= 0 and n < 2:
        s, e, w = toks[k]
        lw = w.lower()
        if (not _is_word(w) or lw in CLAUSE_STOP or lw in DETS or lw in PRONOUNS
                or lw in HIT_NP_STOP or mentions_in(art, s, e)) and lw not in LINK_ADVERBS:
            break
        n += 1
        k -= 1
    if k >= 0 and toks[k][2].lower() in ARTICLES:
        k -= 1
    while k >= 0 and toks[k][2].lower() in ONLY_WORDS:
        k -= 1
    if k < 0:
        return None
    lw = toks[k][2].lower()
    if lw in COPULAS:
        return _subject(art, toks, _skip_aux(toks, k - 1), q, apposition=True)
    if lw == "as":
        k -= 1
        if k >= 0 and toks[k][2].lower() in AS_VERBS:
            # "X was described as a HIT", "X, recognised as HIT"
            j = _skip_aux(toks, k - 1)
            if j == k - 1:  # no auxiliary: a reduced relative after a comma
                if j >= 0 and toks[j][2] == ",":
                    j -= 1
                return _subject(art, toks, j, q, apposition=False)
            return _subject(art, toks, j, q, apposition=True)
        return _subject(art, toks, k, q, apposition=False)
    if lw in CALL_VERBS:
        j = _skip_aux(toks, k - 1)
        if j < k - 1:  # passive: "X was branded a traitor"
            return _subject(art, toks, j, q, apposition=True)
        # object moved out: "the sanctions, which it calls an economic war"
        rel = [t for t in toks[max(0, k - 4):k] if t[2].lower() in OBJECT_RELATIVES]
        if rel:
            toks2 = tokens(art, max(a, rel[-1][0] - 300), rel[-1][0])
            j = len(toks2) - 1
            if j >= 0 and toks2[j][2] == ",":
                j -= 1
            return _subject(art, toks2, j, q, apposition=False)
        if k0 == k:
            return None
        k = k0  # "called the sanctions illegal sanctions": the words were the object
    return _call_object(art, toks, k, q)


def _call_object(art: Article, toks, k, q):
    """``called X a HIT``: the object ending at token ``k``, after a labelling verb."""
    span = np_before(art, toks, k)
    if span is None or not any(
        w.lower() not in DETS for w in WORD.findall(art.text, span[0], span[1])
    ):
        return None
    j = k
    while j >= 0 and toks[j][0] >= span[0]:
        j -= 1
    while j >= 0 and toks[j][2] in QUOTE_MARKS:
        j -= 1
    if j >= 0 and toks[j][2].lower() in CALL_VERBS:
        return _np_result(art, span, q)
    return None


def _skip_aux(toks, k: int) -> int:
    while k >= 0 and toks[k][2].lower() in AUX_OR_LINK:
        k -= 1
    return k


def _subject(art: Article, toks, k, q, apposition: bool):
    """The noun phrase ending at token ``k``, skipping a ``, ..., `` appositive."""
    if k < 0:
        return None
    if apposition and toks[k][2] == ",":
        # "Cabello, the second most powerful man in Chavismo, is a crony"
        j = k - 1
        while j >= 0 and toks[j][2] != "," and k - j < 15:
            j -= 1
        if j < 0:
            return None
        k = j - 1
    span = np_before(art, toks, k)
    return None if span is None else _np_result(art, span, q)


def _np_result(art: Article, span, q):
    actor, via = resolve_np(art, span[0], span[1], q)
    if actor < 0:
        return -1, ""
    if via == "pronoun":
        return actor, "pronoun"
    if POSSESSED_MEMBERS.search(art.text[span[0]:span[1]]):
        return actor, "led_by"  # "Guaidó's supporters are putschists"
    return actor, "predicate"


def possessive(art: Article, hs, he, a, b, q):
    """``Maduro's regime``, ``his regime``, ``a US invasion``; ``X's supporters`` is ``led_by``.

    A mention (or possessive pronoun) right before the hit, at most two
    modifiers away when possessive.
    """
    text = art.text
    w0 = max(a, hs - 60)
    i = bisect.bisect_left(art.m_starts, hs) - 1
    while i >= 0 and art.mentions[i][1] > hs:
        i -= 1
    if (i < 0 or art.mentions[i][1] < w0) and not POSS_PRON_RE.search(text, w0, hs):
        return None
    toks = tokens(art, w0, hs)
    k = len(toks) - 1
    quoted = False
    while k >= 0 and toks[k][2] in QUOTE_MARKS and toks[k][2] not in "’'":
        k -= 1
        quoted = True
    skipped: list[str] = []
    while k >= 0 and len(skipped) <= 2:
        s, e, w = toks[k]
        lw = w.lower()
        if lw in POSS_PRON:
            r = resolve_pronoun(art, s, lw, q)
            return (r[1], "pronoun") if r is not None and r[0] == "actor" else (-1, "")
        if w in "’'" and k > 0:  # the soldiers’ families
            x = mention_ending_at(art, toks[k - 1][1], a)
            is_possessive = True
        else:
            x = mention_ending_at(art, e, a)
            is_possessive = bool(POSSESSIVE_TAIL.search(w)) and x is not None and x[1] < e
        if x is not None:
            if not is_possessive and (skipped or quoted):
                return None  # "the US economic war", 'the opposition "fascists"': too loose
            after = _lower_words(text[he:he + 30])[:1]
            member = any(t in MEMBER_NOUNS for t in skipped) or (after and after[0] in MEMBER_NOUNS)
            return _named(x, "led_by" if member else "possessive")
        if not w[:1].isalpha() or lw in CLAUSE_STOP or lw in DETS or lw in AS_VERBS:
            return None
        skipped.append(lw)
        k -= 1
    return None


def led_by(art: Article, hs, he, a, b, q):
    """``putschists led by X``, ``a war waged by X``, ``groups loyal to X``."""
    text = art.text
    mt = LED_BY.match(text, he, b)
    if not mt:
        return None
    span = np_after(art, mt.end(), b)
    if span is None:
        return None
    app = COMMA_GAP.match(text, span[1], b)
    if app:  # "led by opposition figure, Juan Guaido"
        i = bisect.bisect_left(art.m_starts, app.end())
        if i < len(art.mentions) and art.mentions[i][0] == app.end():
            return _named(art.mentions[i], "led_by")
    actor, via = resolve_np(art, span[0], span[1], q, prefer_last=False)
    if actor < 0:
        return -1, ""
    return actor, "pronoun" if via == "pronoun" else "led_by"


def clause(art: Article, hs, he, a, b, q):
    """The nearest mention or pronoun in the hit's clause, within CLAUSE_WINDOW words.

    Before the hit wins a tie.  Mentions after *against* or *according to*
    never count, nor do mentions before a hit in a prepositional phrase or
    after a judging verb (``the Lima Group denounced the coup``).
    """
    text = art.text
    wa, wb = max(a, hs - 90), min(b, he + 90)  # CLAUSE_WINDOW words, roughly
    i = bisect.bisect_left(art.m_starts, wa)
    if (i >= len(art.mentions) or art.mentions[i][0] >= wb) and not PRONOUN_RE.search(text, wa, wb):
        i = bisect.bisect_left(art.m_starts, hs) - 1  # maybe a relative's antecedent
        if i < 0 or art.mentions[i][1] < hs - 150:
            return None
    # The pronouns of the window clause_bounds clips the clause to, found once for
    # _clause_reachable and for the clause (a pronoun never straddles a clause break).
    pronouns = [(mt.start(), mt.end(), mt.group())
                for mt in PRONOUN_RE.finditer(text, max(a, hs - 120), min(b, he + 100))]
    if not _clause_reachable(art, hs, he, a, b, pronouns):
        return None
    ca, cb, ante = clause_bounds(art, a, b, hs, he)
    in_pp = (PREP_BEFORE.search(text, max(ca, hs - 24), hs) is not None
             or JUDGE_BEFORE.search(text, max(ca, hs - 40), hs) is not None)
    cands = []
    for x in mentions_in(art, ca, cb):
        if hs <= x[0] < he or not outside_quotes(art, x[0], q):
            continue
        back = text[max(ca, x[0] - 20):x[0]]
        if ("against" in back or "ccording" in back) and AGAINST.search(back):
            continue  # the victim or the source, not the target
        if x[1] <= hs:
            cands.append((_nwords(text, x[1], hs), 0, "m", x))
        else:
            cands.append((_nwords(text, he, x[0]), 1, "m", x))
    if ante is not None:
        cands.append((_nwords(text, ante[1], hs), 0, "m", ante))
    for p in pronouns:
        s, e = p[0], p[1]
        if s < ca or e > cb or hs <= s < he or not outside_quotes(art, s, q):
            continue
        if e <= hs:
            cands.append((_nwords(text, e, hs), 0, "p", p))
        else:
            cands.append((_nwords(text, he, s), 1, "p", p))
    if in_pp:
        cands = [c for c in cands if c[1] == 1]
    if not cands:
        return None
    dist, _, what, obj = min(cands, key=lambda c: c[:2])
    if dist > CLAUSE_WINDOW:
        return None
    if what == "m":
        return _named(obj, "clause")
    r = resolve_pronoun(art, obj[0], obj[2], q)
    return (r[1], "pronoun") if r is not None and r[0] == "actor" else (-1, "")


def _clause_reachable(art: Article, hs, he, a, b, pronouns) -> bool:
    """Whether a mention or pronoun lies within CLAUSE_WINDOW words of the hit.

    A cheap necessary condition for :func:`clause`: it looks at the window
    :func:`clause_bounds` clips the clause to, before the clause is cut and
    before candidates are filtered, so when it fails no candidate of
    :func:`clause` can be near enough (the relative antecedent is one of
    these mentions).  ``pronouns`` are ``(start, end, word)`` of the pronouns
    of that window.
    """
    text = art.text
    wa, wb = max(a, hs - 120), min(b, he + 100)
    for x in mentions_in(art, wa, wb):
        if hs <= x[0] < he:
            continue
        d = _nwords(text, x[1], hs) if x[1] <= hs else _nwords(text, he, x[0])
        if d <= CLAUSE_WINDOW:
            return True
    for s, e, _ in pronouns:
        if hs <= s < he:
            continue
        d = _nwords(text, e, hs) if e <= hs else _nwords(text, he, s)
        if d <= CLAUSE_WINDOW:
            return True
    return False


def alias_before_person_noun(art: Article, hs: int, he: int):
    """The last resort: an alias in the hit followed by a person noun (``opposition figure``).

    The group is the target when no other rule found the figure.
    """
    text = art.text
    for x in _mentions_over(art, hs, he):
        if x[4]:
            continue
        rest = text[x[1]:he]
        if HYPHEN_ED.match(rest):
            continue
        nxt = _lower_words(rest)[:1]
        if nxt and nxt[0] in PERSON_NOUNS:
            return x[2], "contains"
    return None


#: The rules :func:`target` walks after :func:`contains`, in order.  Each takes
#: ``(art, hs, he, a, b, q)``; the first result wins, and ``(-1, "")`` stops the walk.
TARGET_RULES_IN_ORDER = (premodifier, apposition, predicate, possessive, led_by, clause)


def _first_mention_near(art: Article, hs: int):
    """Index of the first mention in the hit's sentence, the two before or the one after;
    None when there is none (then no rule can resolve the target)."""
    k = sentence_of(art, hs)
    lo = art.sents[max(0, k - 2)][0]
    hi = art.sents[min(len(art.sents) - 1, k + 1)][1]
    i = bisect.bisect_left(art.m_starts, lo)
    return i if i < len(art.mentions) and art.mentions[i][0] < hi else None


def target(art: Article, h: int) -> tuple[int | None, str]:
    """``(actor, rule)`` of hit ``h``; ``(None, "")`` or ``(-1, "")`` when unresolved.

    :func:`contains` first; then, unless no mention is near enough for any rule
    to reach, the rules of :data:`TARGET_RULES_IN_ORDER`; when none resolves the
    target, :func:`alias_before_person_noun`.
    """
    hs, he = art.hits[h][0], art.hits[h][1]
    r = contains(art, hs, he)
    if r is not None:
        return r
    i = _first_mention_near(art, hs)
    if i is None:
        return None, ""  # no actor near: nothing can resolve the target
    a, b, q = region(art, hs, he)
    if q is None and art.mentions[i][0] > b:
        # The rules read the region [a, b] and resolve pronouns in it
        # against the two sentences before; outside quotations no rule
        # looks further, so a mention after the region cannot be the target.
        return None, ""
    for rule in TARGET_RULES_IN_ORDER:
        r = rule(art, hs, he, a, b, q)
        if r is not None:
            if r[0] < 0:
                break
            return r
    r = alias_before_person_noun(art, hs, he)
    return r if r is not None else (None, "")


# ---------------------------------------------------------------------------
# Speakers
# ---------------------------------------------------------------------------


def speaker_of_hit(art: Article, h: int) -> str:
    """Who speaks the speech quotation holding hit ``h`` ("" when none)."""
    q = speech_quote_at(art, art.hits[h][0])
    return "" if q is None else speaker_of_quote(art, q)[0]


def speaker_of_quote(art: Article, q: int, depth: int = 0) -> tuple[str, int | None]:
    """``(speaker, actor index or None)`` of quotation ``q`` (cached)."""
    if q not in art.speakers:
        art.speakers[q] = ("", None)  # guards against cycles
        art.speakers[q] = find_speaker(art, q, depth)
    return art.speakers[q]


def np_speaker(art: Article, a: int, b: int, *, prefer_last: bool):
    """The speaker named by the noun phrase ``[a, b)``, or None.

    An actor's canonical name when an alias is there, a pronoun's antecedent,
    else the last run of capitalised words (a name), else a short noun phrase.
    """
    text = art.text
    toks = [t for t in tokens(art, a, b) if t[2] not in QUOTE_MARKS]
    while toks and not _is_word(toks[-1][2]):
        toks.pop()
    while toks and not _is_word(toks[0][2]):
        toks.pop(0)
    if not toks:
        return None
    words = [t[2].lower() for t in toks]
    if any(w in SPEAKER_NP_STOP for w in words):
        return None
    ms = mentions_in(art, toks[0][0], toks[-1][1])
    if ms:
        x = ms[-1] if prefer_last else ms[0]
        return art.names[x[2]], x[2]
    for t in (toks[-1], toks[0]):
        w = t[2].lower()
        if w in PRONOUNS and w not in POSS_PRON:
            r = resolve_pronoun(art, t[0], w, None)
            if r is None:
                return "", None
            return (art.names[r[1]], r[1]) if r[0] == "actor" else (r[1], None)
    if words[0] in FIRST_PRON or words[0] in SPEAKER_GROUP_PRON:
        return None
    # the last run of capitalised words (a name), else the noun phrase itself
    best: list = []
    run: list = []
    for t in toks:
        if t[2][:1].isupper() or (run and t[2].lower() in NAME_CONNECTORS):
            run.append(t)
        else:
            best, run = (run or best), []
    best = run or best
    while best and best[0][2].lower() in NON_NAME_CAPS:
        best = best[1:]
    if best:
        name = text[best[0][0]:best[-1][1]]
        return POSSESSIVE_S_END.sub("", name), None
    if words[0] in ARTICLES:
        toks = toks[1:]
    if not toks or len(toks) > 4:
        return None
    return text[toks[0][0]:toks[-1][1]], None


def cue_before(art: Article, a: int, b: int, relaxed: bool = False):
    """``Maduro said: "``, ``according to X, "``, ``Maduro's tweet`` in ``[a, b)``."""
    text = art.text
    a = max(a, b - 240)
    acc = text.rfind("ccording to", a, b)
    mt = BEFORE_ACCORDING.match(text, acc - 1, b) if acc > a else None
    if mt:
        r = np_speaker(art, mt.start("np"), mt.end("np"), prefer_last=True)
        if r is not None:
            return r
    window = layer(art, a, b)
    mt = None
    if " s " in window and not MEDIUM_WORDS.isdisjoint(window.split()):
        mt = POSS_MEDIUM.search(text, a, b)
    if mt and (relaxed or b - mt.end() < 40):
        r = np_speaker(art, mt.start("np"), mt.end("np"), prefer_last=True)
        if r is not None:
            return r
    last = None
    for last in SPEECH_RE.finditer(text, a, b):
        pass
    if last is None:
        return None
    tail = text[last.end():b]
    if not relaxed and (len(tail) > 60 or QUOTE_OR_STOP.search(tail)):
        return None
    toks = tokens(art, a, last.start())
    k = len(toks) - 1
    skipped = 0
    while k >= 0 and skipped < 3 and toks[k][2].lower() in AUX_SPEECH:
        k -= 1
        skipped += 1
    span = np_before(art, toks, k) if k >= 0 else None
    if span is None:
        return None
    return np_speaker(art, span[0], span[1], prefer_last=True)


class QuoteContext:
    """Where a quotation sits: its sentences and the windows the speaker rules read."""

    __slots__ = ("q", "depth", "k", "sa", "k_end", "eb", "after_end", "before_start")

    def __init__(self, art: Article, q: int, depth: int):
        text = art.text
        quote = art.quotes[q]
        self.q = q
        self.depth = depth
        self.k = sentence_of(art, quote.start)
        self.sa = art.sents[self.k][0]
        self.k_end = sentence_of(art, max(quote.start, quote.end - 1))
        self.eb = art.sents[self.k_end][1]
        next_q = art.quotes[q + 1].start if q + 1 < len(art.quotes) else len(text)
        #: the speaker rules look after the quotation up to here (not past the paragraph)
        end = min(max(self.eb, quote.end), next_q)
        para_end = text.find("\n", quote.end, end)
        self.after_end = end if para_end < 0 else para_end
        #: and before it from here
        self.before_start = max(self.sa, art.quotes[q - 1].end if q > 0 else 0)


def said_after(art: Article, c: QuoteContext):
    """Right after the quotation: ``," Maduro said``, ``” said María``, ``, according to X``."""
    mt = AFTER_CUE.match(art.text, art.quotes[c.q].end, c.after_end)
    if mt:
        g = "np" if mt.group("np") else "np2" if mt.group("np2") else "np3"
        return np_speaker(art, mt.start(g), mt.end(g), prefer_last=(g == "np"))
    return None


def said_before(art: Article, c: QuoteContext):
    """Right before it: ``Maduro said: "``, ``according to X, "``, ``X's tweet``."""
    return cue_before(art, c.before_start, art.quotes[c.q].start)


def sentence_subject(art: Article, c: QuoteContext):
    """The subject of the sentence reports speech or gives an order (``He ordered the army to "..."``)."""
    text = art.text
    qs = art.quotes[c.q].start
    starts = [c.sa]
    lead = LEAD_ADVERBIAL.match(text, c.sa, qs)
    if lead:
        starts.append(lead.end())
    for start in starts:
        mt = SUBJECT_CUE.match(text, start, qs)
        if mt and not DOUBLE_QUOTE.search(mt.group("np")):
            r = np_speaker(art, mt.start("np"), mt.end("np"), prefer_last=True)
            if r is not None and r[0]:
                return r
    return None


def reported_after(art: Article, c: QuoteContext):
    """A weak cue after the quotation: ``, El Nacional reports``."""
    mt = WEAK_AFTER.match(art.text, art.quotes[c.q].end, c.after_end)
    if mt:
        return np_speaker(art, mt.start("np"), mt.end("np"), prefer_last=True)
    return None


def continued_quote(art: Article, c: QuoteContext):
    """A continued quote: the speaker of the previous quotation of the same paragraph."""
    q = c.q
    if q > 0 and c.depth < 5:
        pq = art.quotes[q - 1]
        if "\n" not in art.text[pq.end:art.quotes[q].start] and is_speech(art, q - 1):
            r = speaker_of_quote(art, q - 1, c.depth + 1)
            if r[0]:
                return r
    return None


def unclosed_quote(art: Article, c: QuoteContext):
    """An unclosed quotation continued in the next paragraph: the speaker of the next one."""
    q = c.q
    quote = art.quotes[q]
    if not quote.closed and q + 1 < len(art.quotes) and c.depth < 5:
        if not art.text[quote.end:art.quotes[q + 1].start].strip():
            r = speaker_of_quote(art, q + 1, c.depth + 1)
            if r[0]:
                return r
    return None


def next_sentence(art: Article, c: QuoteContext):
    """The next sentence is a short attribution: ``He tweeted in Spanish.``, ``Those were the words of X``."""
    text = art.text
    if WORD_CHAR.search(text, art.quotes[c.q].end, c.eb) or c.k_end + 1 >= len(art.sents):
        return None
    na, nb = art.sents[c.k_end + 1]
    if quote_at(art, na) is not None:
        return None
    mt = WORDS_OF.match(text, na, nb)
    if mt:
        span = np_after(art, mt.end(), nb)
        if span:
            r = np_speaker(art, span[0], span[1], prefer_last=False)
            if r is not None:
                return r
    mt = NEXT_CUE.match(text, na, nb)
    if mt and len(WORD.findall(mt.group("rest"))) <= 8 \
            and NEXT_CUE_STOP.isdisjoint(_lower_words(mt.group("rest"))):
        return np_speaker(art, mt.start("np"), mt.end("np"), prefer_last=True)
    return None


def colon_before(art: Article, c: QuoteContext):
    """The previous sentence ends with a colon: ``Arreaza wrote on Twitter:``."""
    text = art.text
    if WORD_CHAR.search(text, c.before_start, art.quotes[c.q].start) or c.k <= 0:
        return None
    pa, pb = art.sents[c.k - 1]
    j = pb  # text[pa:pb].rstrip().endswith(":")
    while j > pa and text[j - 1].isspace():
        j -= 1
    if j > pa and text[j - 1] == ":":
        return cue_before(art, pa, pb, relaxed=True)
    return None


#: The speaker rules :func:`find_speaker` tries, in order; the first that returns
#: ``(speaker, actor)`` wins.
SPEAKER_RULES_IN_ORDER = (
    said_after, said_before, sentence_subject, reported_after, continued_quote, unclosed_quote,
    next_sentence, colon_before,
)


def find_speaker(art: Article, q: int, depth: int = 0) -> tuple[str, int | None]:
    """``(speaker, actor index or None)`` of quotation ``q``: the first speaker rule that answers."""
    c = QuoteContext(art, q, depth)
    for rule in SPEAKER_RULES_IN_ORDER:
        r = rule(art, c)
        if r is not None:
            return r
    return "", None


# ---------------------------------------------------------------------------
# One article
# ---------------------------------------------------------------------------


def attribute(matcher, text: str, hits, sentences, quotes, norm=None,
              voices=None) -> list[tuple[str, str, str]]:
    """``(target, target_rule, speaker)`` of every hit (see :meth:`ActorMatcher.attribute`)."""
    if not hits:
        return []
    art = Article(matcher, text, hits, sentences, quotes, norm)
    check_spans(text, hits, art.sents, quotes)
    names = matcher.names
    # All the targets first, then the speakers: a target rule can ask who speaks a
    # quotation ("I am no dictator"), and the speaker cache fills in that order.
    found = [target(art, h) for h in range(len(hits))]
    out = []
    for h, (actor, rule) in enumerate(found):
        name = names[actor] if actor is not None and actor >= 0 else ""
        speaker = speaker_of_hit(art, h) if voices is None or voices[h] == "quoted" else ""
        out.append((name, rule if name else "", speaker))
    return out
