"""Actor mentions: aliases compiled into an automaton, mentions found in a text, names.

An actor's name and aliases go through :func:`framing.text.normalize_term` into
one automaton (:class:`framing.automaton.Automaton`) over the normalised layer of
:func:`framing.text.normalize`, padded with spaces so that every hit is a
whole-word hit.  :func:`scan_mentions` lists the mentions of a text, the longest
first where they overlap; :func:`name_runs` finds the names of people who are
not declared actors (runs of capitalised words).
"""

from __future__ import annotations

from ..automaton import Automaton
from ..text import normalize_term
from .words import (
    ARTICLE_CAPS,
    CAP_RUN,
    GAP_BAD,
    HYPHENS,
    INSTITUTION_WORDS,
    NAME_TRAILERS,
    NON_NAME_CAPS,
    OF_AFTER,
    ORG_WORDS,
    SHORT_CAPS,
    SHORT_CAPS_WORD,
    TITLE_END_STOP,
    TOKEN,
)

__all__ = ["compile_aliases", "scan_mentions", "longest_first", "add_title_anaphors", "name_runs"]


# ---------------------------------------------------------------------------
# Compilation
# ---------------------------------------------------------------------------


def _is_short_caps(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return 0 < len(letters) <= 3 and all(c.isupper() for c in letters)


def _gap_forms(words: list[str]) -> list[str]:
    """A multi-word alias with one or two spaces between words (``“interim” Guaidó``)."""
    if len(words) == 1:
        return words[:]
    if len(words) <= 4:
        out = [words[0]]
        for w in words[1:]:
            out = [o + g + w for o in out for g in (" ", "  ")]
        return out
    return [" ".join(words), "  ".join(words)]


def compile_aliases(actors):
    """``(automaton, patterns, titles)`` for the actors of a lexicon.

    ``patterns`` holds one tuple ``(actor, length, multiword, caps, kind,
    dotted)`` per padded key of the automaton (the automaton's value is that
    tuple); ``actor`` is -1 for a title anaphor ``the <title>``, whose ``kind``
    is then the title.  ``titles`` maps a title (``"president"``) to the
    indices of the person actors with an alias ``Title Name``.
    """
    keys: dict[str, int] = {}
    patterns: list[tuple] = []
    titles: dict[str, set] = {}
    for idx, actor in enumerate(actors):
        name_words = set(normalize_term(actor.name))
        for form in (actor.name,) + tuple(actor.aliases):
            words = normalize_term(form)
            if not words:
                continue
            caps = _is_short_caps(form)
            dotted = form.rstrip().endswith(".")
            kind = actor.kind
            if kind == "person" and INSTITUTION_WORDS.intersection(words):
                kind = "organization"
            spellings = [words]
            if not caps and SHORT_CAPS_WORD.search(form):
                # "US Treasury" also as "U.S. Treasury"
                split = [w for orig in form.split() for w in (
                    list(orig.lower()) if SHORT_CAPS.fullmatch(orig) else normalize_term(orig)
                )]
                if split != words:
                    spellings.append(split)
            for body in (b for sp in spellings for b in _gap_forms(sp)):
                key = " " + body + " "
                pat = (idx, len(key), " " in body, caps, kind, dotted)
                old = keys.get(key)
                if old is None:
                    keys[key] = len(patterns)
                    patterns.append(pat)
                elif patterns[old][3] and not caps:
                    patterns[old] = pat  # a case-insensitive spelling of the same alias wins
            if actor.kind != "person" or kind != "person":
                continue
            lead = []
            for w in words:
                if w in name_words:
                    break
                lead.append(w)
            if lead and len(lead) < len(words) and lead[-1] not in TITLE_END_STOP:
                titles.setdefault(" ".join(lead), set()).add(idx)
    for title in titles:  # "the president" -> pattern with actor -1 and the title as kind
        key = " the " + title + " "
        if key not in keys:
            keys[key] = len(patterns)
            patterns.append((-1, len(key), True, False, title, False))
    automaton = Automaton(list(keys))  # key id = position = index into patterns
    return automaton, patterns, titles


# ---------------------------------------------------------------------------
# Mentions
# ---------------------------------------------------------------------------


def scan_mentions(automaton, patterns, text: str, norm: str | None = None):
    """``(mentions, titles)``: alias mentions and ``the <title>`` spans of ``text``, in one pass.

    Mentions are ``(start, end, actor, kind)``, sorted and not overlapping
    (:func:`longest_first`); titles are ``(start, end, title)``.  ``norm`` is
    ``normalize(text)`` when the caller has it.
    """
    if not patterns:
        return [], []
    found = []
    titles = []
    for j, k in automaton.ends(text, norm, mapped=False):
        actor, length, multiword, caps, kind, dotted = patterns[k]
        start = j - length + 1
        end = j - 1
        if multiword:
            gap = text[start:end]
            if not gap.replace(" ", "").isalpha() and (gap.count("\n") > 1 or GAP_BAD.search(gap)):
                continue
        if actor < 0:  # "the president": not before "of", not "president-elect"
            if text[end:end + 1] not in HYPHENS and not OF_AFTER.match(text, end):
                titles.append((start, end, kind))
            continue
        if dotted and text[end:end + 1] == ".":
            end += 1  # "U.S." keeps its last full stop
        if caps and not text[start:end].isupper():
            continue
        found.append((start, end, actor, kind))
    if len(found) > 1:
        found.sort()
        if any(found[i][0] < found[i - 1][1] for i in range(1, len(found))):
            found = longest_first(found)
    return found, titles


def longest_first(found):
    """Non-overlapping mentions, the longest first (then the earliest), sorted by start.

    Mentions that overlap no other are kept as they are; each cluster of
    overlapping mentions is settled on its own (a choice in one cluster cannot
    touch another), marking the characters taken, so the cost grows with the
    length of the mentions, not with their number squared.
    """
    found = sorted(found)
    out = []
    i, n = 0, len(found)
    while i < n:
        j, end = i + 1, found[i][1]
        while j < n and found[j][0] < end:  # the cluster: mentions chained by overlaps
            end = max(end, found[j][1])
            j += 1
        if j == i + 1:
            out.append(found[i])
        else:
            base = found[i][0]
            taken = bytearray(end - base)
            keep = []
            for m in sorted(found[i:j], key=lambda m: (m[0] - m[1], m[0])):
                a, b = m[0] - base, m[1] - base
                if taken.find(1, a, b) < 0:
                    taken[a:b] = b"\x01" * (b - a)
                    keep.append(m)
            out.extend(sorted(keep))
        i = j
    return out


def add_title_anaphors(mentions, titles, title_actors, actors):
    """Mentions ``(start, end, actor, kind, anaphor)`` with title anaphors added.

    ``the president`` is a mention (``anaphor`` True) of the most recently
    mentioned actor with an alias ``President Name`` (``title_actors``), unless
    it overlaps a mention.  ``mentions`` are ``(start, end, actor, kind, False)``.
    """
    import bisect

    extra = []
    starts = [x[0] for x in mentions]
    seen: dict[int, list] = {}  # actor -> indices of its mentions
    for i, x in enumerate(mentions):
        seen.setdefault(x[2], []).append(i)
    for s, e, title in titles:
        i = bisect.bisect_left(starts, s)
        if (i < len(mentions) and mentions[i][0] < e) or (i > 0 and mentions[i - 1][1] > s):
            continue
        last = -1  # the latest mention before ``s`` of an actor with that title
        for actor in title_actors.get(title, ()):
            where = seen.get(actor)
            if where:
                j = bisect.bisect_left(where, i) - 1
                if j >= 0 and where[j] > last:
                    last = where[j]
        if last >= 0:
            x = mentions[last]
            extra.append((s, e, x[2], actors[x[2]].kind, True))
    return sorted(mentions + extra) if extra else mentions


# ---------------------------------------------------------------------------
# Names of people who are not declared actors
# ---------------------------------------------------------------------------


def _is_word(tok: str) -> bool:
    return tok[:1].isalnum()


def name_runs(text: str, a: int, b: int, mentions) -> list[tuple[int, int, str]]:
    """Runs of capitalised words in ``text[a:b]`` that look like a person's name.

    Returns ``(start, end, name)`` for every run of at least two capitalised
    words (name connectors such as *de la* allowed inside) that does not start
    with an article, holds no organization word and overlaps none of
    ``mentions`` (the mentions of ``[a, b)``).
    """
    import bisect

    starts = [x[0] for x in mentions]
    reach = []  # reach[i]: the furthest end of mentions[:i + 1]
    for x in mentions:
        reach.append(max(x[1], reach[-1]) if reach else x[1])
    runs = []
    for mt in CAP_RUN.finditer(text, a, b):
        cur = [(t.start(), t.end(), t.group()) for t in TOKEN.finditer(text, *mt.span())]
        while cur and cur[0][2].lower().strip("’'") in NON_NAME_CAPS:
            cur.pop(0)
        # not a trailing connector or lower-case word, nor the sentence's full stop
        while cur and (not _is_word(cur[-1][2]) or cur[-1][2].lower().strip("’'") in NAME_TRAILERS):
            cur.pop()
        if (
            len(cur) >= 2
            and cur[0][2].lower() not in ARTICLE_CAPS
            and not any(x[2].lower().strip("’'") in ORG_WORDS for x in cur)
        ):
            s, e = cur[0][0], cur[-1][1]
            i = bisect.bisect_left(starts, e)  # the mentions starting before the run ends
            if i == 0 or reach[i - 1] <= s:  # none of them reaches into it
                runs.append((s, e, text[s:e]))
    return runs
