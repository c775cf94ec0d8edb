"""Actors: who each loaded term is aimed at, and who is speaking.

"Self-proclaimed" aimed at Guaidó and "democratically elected" aimed at Maduro
are the same framing move in opposite directions.  This package gives every hit
of the matches table a ``target`` (the declared actor the term labels) and
every quotation a ``speaker``, with rules over tokens, capitalisation and the
actors a lexicon declares.  No model is downloaded.

Actor mentions
--------------
Every actor's name and aliases are compiled once (:func:`compile_actors`) into
an Aho–Corasick automaton over the normalised layer of
:func:`framing.text.normalize`, padded with spaces as in :mod:`framing.match`.
So alias matching shares the term matcher's rules: case- and accent-insensitive
(``Guaido`` = ``Guaidó``), possessives (``Maduro’s``), hyphen or space
(``Padrino-López``).  An alias written in capitals with at most three letters
(``US``, ``U.S.``, ``UN``, ``EU``) only matches capitals in the text, so the
pronoun *us* is not the United States; ``US Treasury`` also matches
``U.S. Treasury``.  A multi-word alias does not run across a comma or a full
stop.  Overlapping mentions: the longest wins.

Target rules (``target_rule``), tried in this order
---------------------------------------------------
``contains``
    The hit holds an alias itself (``Maduro regime``, ``President Guaidó``).
    Not when the alias is a hyphenated modifier (``US-backed``: the backer is
    not the target) or is followed by a person noun (``opposition figure``:
    the other rules look for the figure first; the group is the last resort).
``premodifier``
    The hit modifies a noun phrase headed by a mention, with only titles,
    capitalised words, quote marks or other hits between:
    ``self-proclaimed "interim president" Juan Guaido``, ``renegade soldiers``.
``apposition``
    ``the democratically elected president, Maduro`` and
    ``Maduro, the constitutional president``.
``possessive``
    ``Maduro's regime``, and a mention right before the hit (``a US invasion``).
``predicate``
    The hit is predicated of a noun phrase: ``X is/was/remains (a) HIT``,
    ``X was branded/called/described as (a) HIT``, ``called X (a) HIT``,
    ``recognised X as HIT``, ``X, recognised as HIT``.  When that noun phrase is
    not an actor (``the defectors were mercenaries``) the target stays "".
``led_by``
    ``putschists led by X`` (also backed/waged/staged/paid... by X, loyal to
    X) and ``X's supporters`` (followers, allies, loyalists...): the target is X.
``pronoun``
    Any of the above reached an actor through a pronoun (``he unilaterally
    declared himself``) or a title anaphor (``the president``, when an alias of
    the actor begins with that title, e.g. ``President Maduro``).  He/she/him/
    himself... resolve to persons; they/them/it/its... to groups, organizations
    and countries (a person actor's alias naming an institution, such as
    ``Maduro government``, counts as an organization).  The search looks back
    in the pronoun's sentence (nearest first; an object pronoun skips its own
    clause), then in the previous two sentences (first mention first, i.e. the
    likely subject).  Named people who are not declared actors also count as
    antecedents, so that *he* does not jump to the wrong actor; a pronoun
    inside a quotation only looks inside it, and *I* there is the speaker.
``clause``
    The nearest mention (or pronoun) in the hit's clause, at most
    :data:`~framing.actors.rules.CLAUSE_WINDOW` words away, before or after the hit (before wins a
    tie).  A clause ends at ``; : — ( )``, at subordinators, relative pronouns
    and ``that``, at speech verbs and at a comma before a conjunction or an
    *-ing* word; a comma-enclosed relative clause (``, which recognised Guaidó,``)
    is skipped, and a mention right before a relative pronoun counts
    (``Soldiers who defected``).  Mentions after *against* (the victim) or
    *according to* (the source) never count, nor do mentions before a hit that
    follows *against*, *for*, *to the* or a judging verb (``the Lima Group
    denounced the coup``: the judge is not the target).

Otherwise the target is "" and so is the rule: no guess is dressed as fact.
A rule that finds the labelled noun phrase and sees that it is no declared
actor stops the search (``the defectors were mercenaries`` stays "").  A hit
with no mention in its sentence, the two before or the one after is settled at
once (no rule can resolve it).

Speaker
-------
For a hit inside a quotation of kind ``"quoted"``, the speaker is found, in
order: right after the quotation (``," Maduro said``, ``” said María``,
``, according to X``); right before it (``Maduro said: "``, ``according to X,
"``, ``US officials continue to say that "``, ``X's tweet``); the subject of the
sentence when its verb reports speech or an order (``He also ordered the
military to "activate"...``); a weak ``, El Nacional reports`` after it; the
previous quotation of the same paragraph (a continued quote, or an unclosed
one continued in the next paragraph); the next sentence when it is a short
attribution (``he tweeted in Spanish.``, ``Those were the words of X``); the
previous sentence when it ends with a colon.  The speaker is the canonical
actor name when an alias matches, else the name or noun phrase given in the
text (``El Nacional``, ``Maria Zakharova``, ``one man``); pronouns resolve as
above (a named person who is not an actor is returned by name).  Else "".

Accuracy
--------
On the hand-annotated gold set in ``tests/data/actors/`` (the two seeds and six
written articles, 102 hits): 66% of targets right overall, 98% of the targets
that the text names near the hit (by alias, pronoun or title); every one of
the 23 quoted hits has the right speaker.  Most misses are targets a reader
infers from world knowledge (*imperialism* is the US; *the empire* too), left ""
on purpose.

Layout
------
:mod:`~framing.actors.words`
    Every word list, cue and pattern the rules read: the one place to edit one.
:mod:`~framing.actors.mentions`
    Aliases compiled into an automaton; mentions and names found in a text.
:mod:`~framing.actors.article`
    One article as the rules read it (text, sentences, quotes, mentions,
    caches) and the look-ups they share.
:mod:`~framing.actors.rules`
    One function per target and speaker rule, in the order they are tried.
:mod:`~framing.actors.profile`
    :func:`actor_profile`, the table of who is labelled how.

Cost
----
Attribution takes time in proportion to the length of the text, however long
its sentences: every rule reads a bounded window around its hit or quotation
(the clause rule about 120 characters either side, the predicate rule 140
back, the possessive rule 60, a speaker cue 240 before the quotation, an
object pronoun's own clause at most 1,000 back), and the nearest mention, name
or quotation is found by bisection in lists built once per article.
"""

from __future__ import annotations

from . import rules
from .mentions import compile_aliases, scan_mentions
from .profile import PROFILE_COLUMNS, actor_profile
from .rules import CLAUSE_WINDOW, TARGET_RULES_IN_ORDER  # noqa: F401  (documented names)

__all__ = [
    "ActorMatcher",
    "compile_actors",
    "find_mentions",
    "actor_profile",
    "PROFILE_COLUMNS",
    "TARGET_RULES",
]

#: Names that ``target_rule`` takes ("" when the target is unresolved).
TARGET_RULES = (
    "contains", "premodifier", "apposition", "possessive", "predicate", "led_by",
    "pronoun", "clause",
)


class ActorMatcher:
    """The actors of a lexicon compiled for mention finding and attribution.

    Build it with :func:`compile_actors` (``framing.compile_lexicon(lexicon).actors`` is one).
    :meth:`attribute` is what :func:`framing.find_matches` calls for every
    article with hits; :meth:`mentions` lists the alias mentions of a text.
    It pickles (the automaton is a pyahocorasick one).
    """

    def __init__(self, actors, automaton, patterns, titles):
        self.actors = tuple(actors)
        self.names = tuple(a.name for a in self.actors)
        self.automaton = automaton
        self.patterns = patterns
        #: title (lower case, e.g. "president") -> indices of actors with an alias "Title Name"
        self.titles = titles

    def __repr__(self) -> str:
        return f"<ActorMatcher: {len(self.actors)} actors, {len(self.patterns)} alias patterns>"

    def mentions(self, text: str, norm: str | None = None) -> list[tuple[int, int, int, str]]:
        """Alias mentions in ``text`` as ``(start, end, actor_index, kind)``, sorted.

        ``kind`` is the actor's kind, except that a person's alias naming an
        institution (``Maduro government``) is an ``"organization"``.  ``norm``
        is ``framing.text.normalize(text)`` when the caller has it already.
        """
        return scan_mentions(self.automaton, self.patterns, text, norm)[0]

    def attribute(self, text: str, hits, sentences, quotes, norm: str | None = None,
                  voices=None) -> list[tuple[str, str, str]]:
        """Target, target rule and speaker of every hit.

        Parameters
        ----------
        text : str
            The article text.
        hits : list of tuple
            ``(start, end, entry_index, priority)`` sorted, as from
            :meth:`framing.match.CompiledLexicon.scan`.
        sentences : list of (int, int)
            :func:`framing.text.sentence_spans` of ``text``.
        quotes : list of QuoteSpan
            :func:`framing.text.quote_spans` of ``text`` (or only those of the
            paragraphs with hits).
        norm : str, optional
            ``framing.text.normalize(text)``, when the caller has it (saves
            normalising the text twice).
        voices : list of str, optional
            The voice of every hit, when the caller has classified them: the
            speaker is then looked for only for ``"quoted"`` hits (any other
            hit has no speaker).

        Returns
        -------
        list of (str, str, str)
            One ``(target, target_rule, speaker)`` per hit: the canonical actor
            name or "", the rule (one of :data:`TARGET_RULES`) or "", and, for a
            hit inside a quotation of kind ``"quoted"``, who is speaking ("" for
            other hits and when the text does not say).

        Examples
        --------
        >>> from framing import compile_lexicon, load_lexicon
        >>> from framing.text import sentence_spans, quote_spans
        >>> comp = compile_lexicon(load_lexicon("venezuela-2019"))
        >>> t = '"He is a puppet," Maduro said of Guaidó. Guaidó called Maduro a usurper.'
        >>> comp.actors.attribute(t, comp.scan(t), sentence_spans(t), quote_spans(t))
        [('', '', 'Nicolás Maduro'), ('Nicolás Maduro', 'predicate', '')]
        """
        return rules.attribute(self, text, hits, sentences, quotes, norm, voices)


def compile_actors(lexicon) -> ActorMatcher:
    """Compile the actors of ``lexicon`` into an :class:`ActorMatcher`, once per lexicon object.

    Parameters
    ----------
    lexicon : Lexicon
        Its ``actors`` (name, kind, camp, aliases) are compiled; the canonical
        name counts as an alias.

    Returns
    -------
    ActorMatcher
        Kept on the lexicon (which is immutable: edits return a new one), so
        later calls return the same object.

    Notes
    -----
    Aliases go through :func:`framing.text.normalize_term` and into one
    Aho–Corasick automaton, padded with spaces so that every hit is a whole-word
    hit.  All-caps aliases of at most three letters (``US``, ``UN``) must be in
    capitals in the text.  A title in front of an actor's name in an alias
    (``President Maduro``, ``Defense Minister Padrino``) makes ``the president``
    or ``the defense minister`` an anaphor of the most recently mentioned such
    actor.

    Examples
    --------
    >>> from framing import load_lexicon
    >>> am = compile_actors(load_lexicon("venezuela-2019"))
    >>> text = "Guaido met US envoys; Maduro’s allies told us nothing."
    >>> [(am.names[a], text[s:e]) for s, e, a, _ in am.mentions(text)]
    [('Juan Guaidó', 'Guaido'), ('United States government', 'US'), ('Nicolás Maduro', 'Maduro')]
    """
    cache = getattr(lexicon, "__dict__", {})
    matcher = cache.get("_actor_matcher")
    if matcher is None:
        matcher = ActorMatcher(lexicon.actors, *compile_aliases(lexicon.actors))
        cache["_actor_matcher"] = matcher
    return matcher


# ---------------------------------------------------------------------------
# Mentions as a table
# ---------------------------------------------------------------------------


def _resolve_lexicon(lexicon):
    from ..lexicon import Lexicon, load_lexicon

    if isinstance(lexicon, Lexicon):
        return lexicon
    if lexicon is None:
        return load_lexicon()
    if isinstance(lexicon, (list, tuple)):
        return load_lexicon(*lexicon)
    return load_lexicon(lexicon)


def find_mentions(text: str, lexicon="venezuela-2019"):
    """Every mention of a declared actor in ``text``.

    Parameters
    ----------
    text : str
        Any text.
    lexicon : Lexicon, str or list, default="venezuela-2019"
        A lexicon with actors, or built-in names/paths for :func:`framing.load_lexicon`.

    Returns
    -------
    DataFrame
        One row per mention, in text order:

        - ``actor``: the canonical actor name;
        - ``start``, ``end``: character offsets, ``text[start:end] == matched_text``;
        - ``matched_text``: the alias as written in the text.

    See Also
    --------
    compile_actors : the compiled matcher behind this function.

    Examples
    --------
    >>> find_mentions("Guaido’s envoy met the U.S. Southern Command.").values.tolist()
    [['Juan Guaidó', 0, 6, 'Guaido'], ['United States government', 23, 44, 'U.S. Southern Command']]
    """
    import pandas as pd

    lex = _resolve_lexicon(lexicon)
    comp = compile_actors(lex)
    rows = [(comp.names[a], s, e, text[s:e]) for s, e, a, _ in comp.mentions(text)]
    return pd.DataFrame(rows, columns=["actor", "start", "end", "matched_text"]).astype(
        {"actor": object, "start": "int64", "end": "int64", "matched_text": object}
    )
