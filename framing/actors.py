"""Actors: who each loaded term is aimed at, and who is speaking.

"Self-proclaimed" aimed at Guaidó and "democratically elected" aimed at Maduro
are the same framing move in opposite directions.  This module gives every hit
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
    :data:`CLAUSE_WINDOW` words away, before or after the hit (before wins a
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
"""

from __future__ import annotations

import bisect
import functools
import re

from .text import _C, classify_quote, normalize, normalize_term

__all__ = [
    "ActorMatcher",
    "compile_actors",
    "find_mentions",
    "actor_profile",
    "PROFILE_COLUMNS",
    "TARGET_RULES",
    "register_cli",
]

#: Names that ``target_rule`` takes ("" when the target is unresolved).
TARGET_RULES = (
    "contains", "premodifier", "apposition", "possessive", "predicate", "led_by",
    "pronoun", "clause",
)

#: Columns of :func:`actor_profile` after the grouping columns.
PROFILE_COLUMNS = ["actor", "category", "voice", "count", "weighted", "net"]

#: The clause fallback takes a mention at most this many words from the hit.
CLAUSE_WINDOW = 8

# ---------------------------------------------------------------------------
# Word lists (lower case)
# ---------------------------------------------------------------------------


def _set(words: str) -> frozenset:
    return frozenset(words.split())


_PERSON_PRON = _set("he him his himself she her hers herself")
_GROUP_PRON = _set("they them their theirs themselves it its itself")
_PRONOUNS = _PERSON_PRON | _GROUP_PRON
_OBJECT_PRON = _set("him her them")
_POSS_PRON = _set("his her its their")
_FIRST_PRON = _set("i me my myself")
_DETS = _set("the a an this that these those its his her their our my your one some any no every each")
_ARTICLES = _set("the a an")
_COPULAS = _set(
    "is was are were be been being am remain remains remained become becomes became seem "
    "seems seemed appear appears appeared stay stays stayed"
)
_AUX = _set("is was are were be been being has have had will would could should may might must can")
_LINK_ADVERBS = _set(
    "not still now also no longer just only truly really clearly widely already simply merely "
    "never always nothing but effectively increasingly again even"
)
_CALL_VERBS = _set(
    "call calls called calling brand brands branded branding label labels labelled labeled "
    "labelling labeling dub dubs dubbed dubbing name names named deem deems deemed consider "
    "considers considered declare declares declared declaring proclaim proclaims proclaimed "
    "proclaiming style styles styled crown crowned nickname nicknamed"
)
_AS_VERBS = _set(
    "recognised recognized recognise recognize recognises recognizes described describe describes "
    "describing branded labelled labeled denounced denounce denounces dismissed dismiss dismisses "
    "seen see sees viewed view views regarded regard regards known hailed hail hails treated "
    "treat treats portrayed portray portrays depicted depict depicts painted paint paints cast "
    "casts presented present presents characterised characterized considered sworn installed "
    "elected re-elected appointed confirmed accepted acknowledged designated identified mocked "
    "ridiculed derided condemned condemn condemns"
)
_MEMBER_NOUNS = _set(
    "supporters supporter followers follower allies ally loyalists loyalist backers henchmen "
    "militants partisans sympathizers sympathisers acolytes troops men fighters militias "
    "faction cronies lackeys minions base"
)
_PERSON_NOUNS = _set(
    "figure figures leader leaders member members lawmaker lawmakers politician politicians "
    "activist activists official officials deputy deputies spokesman spokeswoman spokesperson "
    "supporter supporters militant militants loyalist loyalists sympathizer sympathizers"
)
# Words allowed between a pre-modifying hit and the actor it modifies.
_TITLE_WORDS = _set(
    "president leader head chief lawmaker politician figure minister official speaker general "
    "commander envoy opposition interim acting former vice foreign defense defence secretary "
    "senator congressman congresswoman deputy governor mayor ambassador strongman leftist "
    "socialist populist authoritarian embattled beleaguered self-styled self-declared de facto "
    "government administration regime leaders figures officials lawmakers generals officers "
    "politicians"
)
_INSTITUTION_WORDS = _set("government administration regime palace cabinet ministry party camp team office")
_ORG_WORDS = _set(
    "group party assembly council government ministry department office news tv press times "
    "post agency union nations bank company corporation committee court commission "
    "organization organisation institute university association front movement network "
    "channel radio journal review herald tribune guardian watch international forces army "
    "guard navy police house senate congress parliament federation alliance foundation "
    "service services bureau league coalition club airlines oil petroleum reuters afp ap"
)
_NAME_CONNECTORS = _set("de del la las los da di do dos van von bin al le du y")
# Capitalised words that do not make a run of capitals a person's name.
_NON_NAME_CAPS = _set(
    "the a an in on at but and according speaking after before some several more many "
    "thousands hundreds meanwhile earlier later despite it he she they we i this those these "
    "there when while if as to for of by from with his her their its our my your one two "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december mr mrs ms dr gen sen north south "
    "east west latin american venezuelan colombian cuban russian chinese european united "
    "national federal state states"
)
_ARTICLE_CAPS = _set("el la los las le les the")
_CLAUSE_STOP = _set(
    "and or but nor so yet that which who whom whose as than to for with by from on at in into "
    "onto against after before because while if when where since until unless although though "
    "whereas not said says say told tells added warned claimed"
) | _COPULAS | _CALL_VERBS | _AUX
_SPEAKER_NP_STOP = _set("that which who whom because while if when although though as")
_AUX_SPEECH = _AUX | _LINK_ADVERBS | _set(
    "continue continues continued to repeatedly reportedly publicly then later once"
)

# Speech verbs, lower case only: "States" in "United States" is no verb.
_SPEECH = (
    r"said|says|say|saying|told|tells|tell|telling|tweeted|tweets|tweeting|wrote|writes|writing|"
    r"added|adds|adding|stated|states|asked|asks|replied|replies|explained|explains|insisted|"
    r"insists|insisting|warned|warns|declared|declares|argued|argues|claimed|claims|noted|notes|"
    r"continued|recalled|shouted|shouts|yelled|posted|quipped|stressed|joked|jokes|chanted|chants|"
    r"chant|cried|exclaimed|announced|announces|responded|answered|commented|remarked|urged|urges|"
    r"vowed|vows|promised|pledged|repeated|concluded|conceded|acknowledged|admitted|boasted|"
    r"complained|lamented|predicted|threatened|threatens|charged|alleged|proclaimed|thundered|"
    r"sang|sings|shot\s+back|fired\s+back|hit\s+back"
)
_WEAK_SPEECH = r"reported|reports|report|quoted|cited|cites"
# Verbs whose subject, at the head of the sentence, speaks the quotation that follows.
_DIRECTIVE = (
    _SPEECH + r"|ordered|orders|called\s+on|calls\s+on|called\s+for|calls\s+for|called|calls|"
    r"demanded|demands|instructed|commanded|accused|accuses|described|describes|denounced|"
    r"denounces|dismissed|branded|labell?ed|challenged|invited|encouraged|exhorted|implored|begged"
)
_NP = r"(?:[\w’'.-]+\s+){0,5}?[\w’'.-]+"
_ADV = r"(?:(?:also|then|later|once|again|[a-z]+ly)\s+)?"
_SPEECH_RE = re.compile(r"\b(?:" + _SPEECH + r")\b")
_AFTER_CUE = re.compile(
    r"\s*[,;:—–-]?\s*(?:(?P<np>" + _NP + r")\s+" + _ADV + r"(?:" + _SPEECH + r")\b"
    r"|(?:" + _SPEECH + r")\s+(?P<np2>[^,.;:!?\"“”«»\n]{1,60})"
    r"|[Aa]ccording\s+to\s+(?P<np3>[^,.;:!?\"“”«»\n]{1,60}))"
)
_WEAK_AFTER = re.compile(r"\s*[,;:—–-]?\s*(?P<np>" + _NP + r")\s+(?:" + _WEAK_SPEECH + r")\b")
_SUBJECT_CUE = re.compile(r"(?P<np>" + _NP + r")\s+" + _ADV + r"(?:" + _DIRECTIVE + r")\b")
_NEXT_CUE = re.compile(
    r"(?P<np>(?:[\w’'.-]+\s+){0,3}?[\w’'.-]+)\s+" + _ADV + r"(?:" + _SPEECH + r")\b"
    r"(?P<rest>[^\"“”«»]*)"
)
_WORDS_OF = re.compile(
    r"\W*(?:[Tt]hose|[Tt]hese|[Tt]hat|[Tt]his|[Ss]uch)\s+(?:were|are|was|is)\s+(?:the\s+)?"
    r"(?:words|remarks|message|comments)\s+of\s+"
)
_BEFORE_ACCORDING = re.compile(r"[Aa]ccording\s+to\s+(?P<np>[^,\"“”«»\n]{1,80}?)\s*,?\s*$")
_POSS_MEDIUM = re.compile(
    r"(?P<np>[\w’'.-]+(?:\s+[\w’'.-]+){0,3}?)[’']s\s+(?:latest\s+|new\s+|first\s+)?"
    r"(?:tweet|tweets|statement|message|post|letter|speech|words|address|remarks|account)\b"
)
_MEDIUM_WORDS = _set("tweet tweets statement message post letter speech words address remarks account")
_LEAD_ADVERBIAL = re.compile(r"[^,\"“”«»\n]{0,50},\s*")

# Tokens: words (with inner apostrophes, hyphens and dots: Maduro’s, self-proclaimed, U.S)
# and single punctuation marks.
_TOKEN = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*(?:[-‐‑.][^\W_]+)*|[^\w\s]")
_WORD = re.compile(r"[^\W_]+")
_QUOTE_MARKS = frozenset("\"'“”„‟‘’‚‛«»‹›")
_GAP_BAD = re.compile(r"[,;:!?()\[\]\"“”«»]|(?<!\b[A-Z])\.\s")  # "U.S. Treasury" is fine
_HYPHEN_ED = re.compile(r"\.?[-‐‑]\w+(?:ed|en|ing)\b")
_POSSESSIVE_TAIL = re.compile(r"[’']s?\Z")
_POSS_PRON_RE = re.compile(r"\b(?:[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\b")
_PRONOUN_RE = re.compile(
    r"\b(?:[Hh]e|him|his|himself|[Ss]he|herself|[Tt]hey|them|their|themselves|its|itself)\b"
)
_CAP = "A-ZÀ-ÖØ-Þ"
_CAP_RUN = re.compile(
    rf"(?<![\w’'])[{_CAP}][\w’'.-]*(?:\s+(?:(?:{'|'.join(sorted(_NAME_CONNECTORS))})\s+)*"
    rf"[{_CAP}][\w’'.-]*)+"
)
_OF_AFTER = re.compile(r"\s+of\b")
_AGAINST = re.compile(r"\b(?:against|according\s+to)\s+(?:the\s+)?\Z")
# A hit after a judging verb ("the Lima Group denounced the dictatorship"), or in a
# prepositional phrase: the noun phrases before it are someone else.
_JUDGE_BEFORE = re.compile(
    r"\b(?:denounc|condemn|criticis|criticiz|reject|decr[iy]|slamm?|blast|oppos|protest|blam|"
    r"dismiss|rail|deplor|lament)\w*\s+(?:against\s+)?(?:(?:the|a|an|this|that)\s+)?"
    r"(?:[\w-]+\s+)?[“\"‘']?\Z"
)
_PREP_BEFORE = re.compile(
    r"\b(?:against|for|to\s+(?:the|a|an|his|her|its|their|our))\s+(?:(?:the|a|an)\s+)?[“\"‘']?\Z"
)
_DATELINE = re.compile(
    r"(?:[A-ZÀ-Þ]{3,}[^\n—–]{0,50}?|[^\n—–]{0,40}?\([A-Z][\w .]{1,20}\)\s*)\s[—–-]{1,2}\s"
)
_CLAUSE_BREAK = re.compile(
    r"[;:()\[\]—–]|\s-\s"
    r"|,(?=\s+(?:and|but|or|so|yet|as|because|while|whereas|although|though|which|who|whom|"
    r"whose|where|when|after|before|since|until|unless|if|according)\b)"
    r"|,(?=\s+[a-z]+ing\b)"
    r"|\b(?:that|because|while|whereas|although|though|after|before|since|until|unless|if|when|"
    r"which|who|whom|whose|" + _SPEECH + r"|according\s+to)\b"
)
_RELATIVES = _set("which who whom whose that")
_GAP_STOP = re.compile(r"[.;:!?()\n]")
_SPEECH_NEXT = re.compile(r"\s*,?\s*(?:" + _SPEECH + r")\b")
_APPOSITIVE_GAP = re.compile(r"\s*,\s*((?:[\w’'-]+\s+){0,4}?)[\"“‘']?")
_COMMA_GAP = re.compile(r"\s*,\s*")
_POSSESSED_MEMBERS = re.compile(
    r"[’']s?\s+(?:\w+\s+)?(?:" + "|".join(sorted(_MEMBER_NOUNS)) + r")\b"
)
_NAME_TRAILERS = _NON_NAME_CAPS | _NAME_CONNECTORS
_PRED_WORDS = _COPULAS | _CALL_VERBS | {"as", "am"}
_LED_BY = re.compile(
    r"\s*(?:(?!(?:is|was|are|were|be|been|has|have|had|and|or|but|who|which|that|to)\b)"
    r"[^\W\d_][\w’'-]*\s+){0,2}?,?\s*(?:(?:led|headed|commanded|directed|run|organi[sz]ed|"
    r"backed|sponsored|financed|funded|armed|trained|paid|supported|installed|controlled|waged|"
    r"launched|staged|orchestrated|planned|carried\s+out|perpetrated|imposed|instigated|"
    r"promoted|masterminded|engineered)\s+by|loyal\s+to|allied\s+(?:with|to)|aligned\s+with|"
    r"(?:supporters|followers|allies|loyalists|backers)\s+of)\s+"
)


def _configure_c() -> None:
    """Give the C rules (``framing._speedups.attribute``, ``targets``, ``name_runs``) the word lists
    and patterns above, in the order the C code numbers them."""
    sets = [_PERSON_PRON, _GROUP_PRON, _OBJECT_PRON, _POSS_PRON, _FIRST_PRON, _DETS, _ARTICLES,
            _COPULAS, _AUX, _LINK_ADVERBS, _CALL_VERBS, _AS_VERBS, _MEMBER_NOUNS, _PERSON_NOUNS,
            _TITLE_WORDS, _CLAUSE_STOP, _RELATIVES, _PRED_WORDS, _set("only just merely but nothing"),
            _set("of as"), _set("as"), _set("which that"), _NON_NAME_CAPS, _NAME_TRAILERS, _ARTICLE_CAPS,
            _ORG_WORDS, _SPEAKER_NP_STOP, _NAME_CONNECTORS, _AUX_SPEECH, _MEDIUM_WORDS, _set("we you"),
            _set("that")]
    verbs = _SPEECH.split("|")
    # The C clause-break scanner knows these multi-word verbs by heart.
    assert sorted(v for v in verbs if "\\s+" in v) == [r"fired\s+back", r"hit\s+back", r"shot\s+back"]
    patterns = (_SPEECH_NEXT, _APPOSITIVE_GAP, _POSSESSED_MEMBERS, _LED_BY, _PREP_BEFORE, _JUDGE_BEFORE,
                _AGAINST, _DATELINE, _AFTER_CUE, _WEAK_AFTER, _SUBJECT_CUE, _NEXT_CUE, _WORDS_OF,
                _BEFORE_ACCORDING, _POSS_MEDIUM, _LEAD_ADVERBIAL)
    # The C speaker rules read these groups by number.
    assert _AFTER_CUE.groupindex == {"np": 1, "np2": 2, "np3": 3}
    assert _NEXT_CUE.groupindex == {"np": 1, "rest": 2}
    for pat in (_WEAK_AFTER, _SUBJECT_CUE, _BEFORE_ACCORDING, _POSS_MEDIUM):
        assert pat.groupindex == {"np": 1}
    _C.set_attr_words(sets, [v for v in verbs if "\\s+" not in v], patterns)


if _C is not None:
    _configure_c()


def _nwords(text: str, a: int, b: int) -> int:
    """Number of words in ``text[a:b]`` (white-space separated: fast)."""
    return len(text[a:b].split())


def _lower_words(s: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(s)]


def _is_word(tok: str) -> bool:
    return tok[:1].isalnum()


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


class ActorMatcher:
    """The actors of a lexicon compiled for mention finding and attribution.

    Build it with :func:`compile_actors` (``Lexicon.compiled.actors`` holds one).
    :meth:`attribute` is what :func:`framing.find_matches` calls for every
    article with hits; :meth:`mentions` lists the alias mentions of a text.
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

    # -- mentions -------------------------------------------------------------
    def mentions(self, text: str, norm: str | None = None) -> list[tuple[int, int, int, str]]:
        """Alias mentions in ``text`` as ``(start, end, actor_index, kind)``, sorted.

        ``kind`` is the actor's kind, except that a person's alias naming an
        institution (``Maduro government``) is an ``"organization"``.  ``norm``
        is ``framing.text.normalize(text)`` when the caller has it already.
        """
        return [m[:4] for m in self._mentions(text, norm)[0]]

    def _mentions(self, text: str, norm: str | None = None):
        """``(mentions, titles)`` with mentions as ``(start, end, actor, kind, False)``: in C
        (``Automaton.mentions``) when the automaton is the C one, else :meth:`_scan`."""
        if _C is not None and isinstance(self.automaton, _C.Automaton):
            return self.automaton.mentions(text, self.patterns)
        found, titles = self._scan(text, norm)
        return [(s, e, a, k, False) for s, e, a, k in found], titles

    def _scan(self, text: str, norm: str | None = None):
        """``(mentions, titles)``: alias mentions and ``the <title>`` spans, in one pass.

        The Python reference of ``Automaton.mentions``, on a pyahocorasick automaton.
        """
        if not self.patterns:
            return [], []
        found = []
        titles = []
        padded = " " + (normalize(text) if norm is None else norm) + " "
        raw = [(j - pat[1] + 1, j - 1, pat) for j, pat in self.automaton.iter(padded)]
        for start, end, (actor, _length, multiword, caps, kind, dotted) in raw:
            if multiword:
                gap = text[start:end]
                if not gap.replace(" ", "").isalpha() and (gap.count("\n") > 1 or _GAP_BAD.search(gap)):
                    continue
            if actor < 0:  # "the president": not before "of", not "president-elect"
                if text[end:end + 1] not in "-‐‑" and not _OF_AFTER.match(text, end):
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
                found = _longest_first(found)
        return found, titles

    # -- attribution ------------------------------------------------------------
    def attribute(self, text: str, hits, sentences, quotes, norm: str | None = None,
                  voices=None, speech=None) -> list[tuple[str, str, str]]:
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
        speech : list of bool or None, optional
            For every quotation, whether it is speech (``classify_quote`` gives
            kind ``"quoted"``), when the caller knows; None where it does not.

        Returns
        -------
        list of (str, str, str)
            One ``(target, target_rule, speaker)`` per hit: the canonical actor
            name or "", the rule (one of :data:`TARGET_RULES`) or "", and, for a
            hit inside a quotation of kind ``"quoted"``, who is speaking ("" for
            other hits and when the text does not say).

        Examples
        --------
        >>> from framing import load_lexicon
        >>> from framing.text import sentence_spans, quote_spans
        >>> comp = load_lexicon("venezuela-2019").compiled
        >>> t = '"He is a puppet," Maduro said of Guaidó. Guaidó called Maduro a usurper.'
        >>> comp.actors.attribute(t, comp.scan(t), sentence_spans(t), quote_spans(t))
        [('', '', 'Nicolás Maduro'), ('Nicolás Maduro', 'predicate', '')]
        """
        if not hits:
            return []
        art = _Article(self, text, hits, sentences, quotes, norm)
        if speech is not None:
            art._speech.update((k, ok) for k, ok in enumerate(speech) if ok is not None)
        names = self.names
        if _C is not None:
            quoted = None if voices is None else [v == "quoted" for v in voices]
            return [(names[actor], rule, speaker) if actor is not None else ("", "", speaker)
                    for actor, rule, speaker in _C.attribute(art, quoted)]
        _check_spans(text, hits, art.sents, quotes)
        # All the targets first, then the speakers, as the C code does: a target rule can
        # ask who speaks a quotation ("I am no dictator"), and the speaker cache must fill
        # in the same order for both to agree.
        found = [art.target(h) for h in range(len(hits))]
        out = []
        for h, (actor, rule) in enumerate(found):
            target = names[actor] if actor is not None and actor >= 0 else ""
            speaker = art.speaker_of_hit(h) if voices is None or voices[h] == "quoted" else ""
            out.append((target, rule if target else "", speaker))
        return out


def _check_spans(text: str, hits, sentences, quotes) -> None:
    """Raise ValueError unless every offset fits ``text`` (the C rules check the same)."""
    n = len(text)
    for what, spans, strict in (("hit", [h[:2] for h in hits], False), ("sentence", sentences, False),
                                ("quotation", [(q.start, q.end) for q in quotes], True)):
        for i, (a, b) in enumerate(spans):
            if a < 0 or b > n or (a >= b if strict else a > b):
                raise ValueError(f"attribution: {what} {i} = ({a}, {b}) does not fit a text of length {n}")


def _longest_first(found):
    """Non-overlapping mentions, the longest first (then the earliest)."""
    order = sorted(found, key=lambda m: (m[0] - m[1], m[0]))
    keep: list = []
    starts: list = []
    for m in order:
        i = bisect.bisect_left(starts, m[0])
        if (i > 0 and keep[i - 1][1] > m[0]) or (i < len(keep) and keep[i][0] < m[1]):
            continue
        keep.insert(i, m)
        starts.insert(i, m[0])
    return keep


def compile_actors(lexicon) -> ActorMatcher:
    """Compile the actors of ``lexicon`` into an :class:`ActorMatcher` (done once).

    Parameters
    ----------
    lexicon : Lexicon
        Its ``actors`` (name, kind, camp, aliases) are compiled; the canonical
        name counts as an alias.

    Returns
    -------
    ActorMatcher

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
    keys: dict[str, int] = {}
    patterns: list[tuple] = []
    titles: dict[str, set] = {}
    for idx, actor in enumerate(lexicon.actors):
        name_words = set(normalize_term(actor.name))
        for form in (actor.name,) + tuple(actor.aliases):
            words = normalize_term(form)
            if not words:
                continue
            caps = _is_short_caps(form)
            dotted = form.rstrip().endswith(".")
            kind = actor.kind
            if kind == "person" and _INSTITUTION_WORDS.intersection(words):
                kind = "organization"
            spellings = [words]
            if not caps and re.search(r"\b[A-Z]{2,3}\b", form):
                # "US Treasury" also as "U.S. Treasury"
                split = [w for orig in form.split() for w in (
                    list(orig.lower()) if re.fullmatch(r"[A-Z]{2,3}", orig) else normalize_term(orig)
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
            if lead and len(lead) < len(words) and lead[-1] not in ("of", "the", "and", "in"):
                titles.setdefault(" ".join(lead), set()).add(idx)
    for title in titles:  # "the president" -> pattern with actor -1 and the title as kind
        key = " the " + title + " "
        if key not in keys:
            keys[key] = len(patterns)
            patterns.append((-1, len(key), True, False, title, False))
    if _C is not None:  # the C automaton reports (start, end, pattern index) on the text itself
        auto = _C.Automaton([(k, (i, False, 0, len(k), False, False)) for k, i in keys.items()],
                            bytes(len(patterns)), None)
    else:
        import ahocorasick

        auto = ahocorasick.Automaton()
        for key, i in keys.items():
            auto.add_word(key, patterns[i])
        if patterns:
            auto.make_automaton()
    return ActorMatcher(lexicon.actors, auto, patterns, titles)


# ---------------------------------------------------------------------------
# One article
# ---------------------------------------------------------------------------


class _Article:
    """Per-article state for attribution: mentions, look-ups, caches.

    Mentions are tuples ``(start, end, actor, kind, anaphor)`` where ``anaphor``
    marks a title anaphor (``the president``) resolved when the article is read.
    Results of the rules are ``(actor, rule)``; ``actor == -1`` means "the rule
    found the labelled noun phrase and it is no declared actor": stop, target "".
    """

    def __init__(self, matcher: ActorMatcher, text: str, hits, sentences, quotes, norm=None):
        self.m = matcher
        self.text = text
        self.hits = hits
        self.sents = list(sentences) or [(0, len(text))]
        self.quotes = quotes
        self._norm = norm
        mentions, titles = matcher._mentions(text, norm)
        if titles:
            mentions = self._add_title_anaphors(mentions, titles)
        self.mentions = mentions
        self._names: dict[int, list] = {}
        self._speakers: dict[int, tuple] = {}
        self._datelines: dict[int, int] = {}
        self._speech: dict[int, bool] = {}

    # Start offsets for bisection, built on first use (the C rules read the lists themselves).
    @functools.cached_property
    def hit_starts(self) -> list[int]:
        return [h[0] for h in self.hits]

    @functools.cached_property
    def s_starts(self) -> list[int]:
        return [s for s, _ in self.sents]

    @functools.cached_property
    def q_starts(self) -> list[int]:
        return [q.start for q in self.quotes]

    @functools.cached_property
    def m_starts(self) -> list[int]:
        return [x[0] for x in self.mentions]

    def layer(self, a: int, b: int) -> str:
        """``normalize(text)[a:b]`` (the layer is computed character by character)."""
        return self._norm[a:b] if self._norm is not None else normalize(self.text[a:b])

    # -- look-ups -------------------------------------------------------------
    def _add_title_anaphors(self, mentions, titles):
        """``the president`` -> the most recent actor with an alias ``President Name``."""
        extra = []
        starts = [x[0] for x in mentions]
        for s, e, title in titles:
            i = bisect.bisect_left(starts, s)
            if (i < len(mentions) and mentions[i][0] < e) or (i > 0 and mentions[i - 1][1] > s):
                continue
            cands = self.m.titles.get(title, ())
            for x in reversed(mentions[:i]):
                if x[2] in cands:
                    extra.append((s, e, x[2], self.m.actors[x[2]].kind, True))
                    break
        return sorted(mentions + extra) if extra else mentions

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.s_starts, pos) - 1)

    def quote_at(self, pos: int):
        k = bisect.bisect_right(self.q_starts, pos) - 1
        if k >= 0 and pos < self.quotes[k].end:
            return k
        return None

    def speech_quote_at(self, pos: int):
        k = self.quote_at(pos)
        if k is not None and self.is_speech(k):
            return k
        return None

    def is_speech(self, k: int) -> bool:
        """Quotation ``k`` is speech (classified on demand: the matcher classifies
        only the quotations that hold hits)."""
        ok = self._speech.get(k)
        if ok is None:
            q = self.quotes[k]
            ok = self._speech[k] = q.kind == "quoted" and classify_quote(self.text, q).kind == "quoted"
        return ok

    def outside_quotes(self, pos: int, own_quote=None) -> bool:
        """True unless ``pos`` is inside a speech quotation other than ``own_quote``."""
        q = self.speech_quote_at(pos)
        return q is None or q == own_quote

    def mentions_in(self, a: int, b: int) -> list:
        """Mentions lying inside ``[a, b)``."""
        i = bisect.bisect_left(self.m_starts, a)
        out = []
        while i < len(self.mentions) and self.mentions[i][0] < b:
            if self.mentions[i][1] <= b:
                out.append(self.mentions[i])
            i += 1
        return out

    def mention_ending_at(self, end: int, lo: int):
        """The mention ending at ``end`` (give or take a possessive ’s), starting at or after ``lo``."""
        i = bisect.bisect_right(self.m_starts, end) - 1
        while i >= 0 and self.mentions[i][0] >= lo:
            x = self.mentions[i]
            if x[1] == end or (x[1] < end and _POSSESSIVE_TAIL.match(self.text, x[1], end)):
                return x
            if x[1] < end - 2:
                return None
            i -= 1
        return None

    def in_other_hit(self, a: int, b: int) -> bool:
        i = bisect.bisect_right(self.hit_starts, a) - 1
        return i >= 0 and self.hits[i][1] >= b

    def tokens(self, a: int, b: int) -> list[tuple[int, int, str]]:
        """Tokens of ``text[a:b]``; a window that starts inside a word skips that word's tail
        (so "t|he" never yields a pronoun "he")."""
        text = self.text
        if 0 < a < len(text) and text[a - 1].isalnum() and text[a].isalnum():
            while a < b and text[a].isalnum():
                a += 1
        return [(t.start(), t.end(), t.group()) for t in _TOKEN.finditer(text, a, b)]

    def region(self, start: int, end: int) -> tuple[int, int, int | None]:
        """The sentence of a span, clipped to the speech quotation that holds it."""
        a, b = self.sents[self.sentence_of(start)]
        b = max(b, end)
        q = self.speech_quote_at(start)
        if q is not None:
            qa, qb = self.quotes[q].inner
            a = max(a, qa)
            if qb >= end:
                b = min(b, qb)
        return a, b, q

    def dateline_end(self, k: int) -> int:
        """End of a dateline (``CARACAS (Reuters) —``) opening sentence ``k``, else its start."""
        if k not in self._datelines:
            a, b = self.sents[k]
            mt = _DATELINE.match(self.text, a, min(b, a + 70))
            self._datelines[k] = mt.end() if mt else a
        return self._datelines[k]

    # -- clauses --------------------------------------------------------------
    def clause_start(self, a: int, pos: int) -> int:
        start = a
        for mt in _CLAUSE_BREAK.finditer(self.text, a, pos):
            start = mt.end()
        return start

    def clause_bounds(self, a: int, b: int, hs: int, he: int):
        """``(start, end, antecedent)`` of the clause holding ``[hs, he)``.

        ``antecedent`` is the mention right before a relative pronoun opening
        the clause (``Soldiers who defected``), else None.
        """
        a, b = max(a, hs - 120), min(b, he + 100)  # the fallback only looks a few words away
        start, end, rel = a, b, None
        for mt in _CLAUSE_BREAK.finditer(self.text, a, b):
            bs, be, word = mt.start(), mt.end(), mt.group()
            if be <= hs:
                start = be
                rel = (bs, be) if word.lower() in _RELATIVES else None
            elif bs >= he:
                end = bs
                break
        ante = None
        if rel is not None:
            comma = self.text.rfind(",", start, hs)
            lead = self.text[max(a, rel[0] - 3):rel[0]].rstrip()
            if comma >= 0 and lead.endswith(","):
                start = comma + 1  # ", which recognised Guaidó in February, has called ..."
            else:
                lead = self.text[:rel[0]].rstrip(" ,")
                ante = self.mention_ending_at(len(lead), a)
        return start, end, ante

    # -- names of people who are not declared actors ----------------------------
    def name_runs(self, k: int) -> list[tuple[int, int, str]]:
        """Runs of capitalised words in sentence ``k`` that look like a person's name."""
        if k in self._names:
            return self._names[k]
        if _C is not None:
            a, b = self.sents[k]
            runs = self._names[k] = _C.name_runs(self.text, a, b, self.mentions_in(a, b))
            return runs
        return self._name_runs_py(k)

    def _name_runs_py(self, k: int) -> list[tuple[int, int, str]]:
        """:meth:`name_runs` in Python (the reference of ``framing._speedups.name_runs``)."""
        a, b = self.sents[k]
        runs = []
        mentions = None
        for mt in _CAP_RUN.finditer(self.text, a, b):
            cur = [(t.start(), t.end(), t.group()) for t in _TOKEN.finditer(self.text, *mt.span())]
            while cur and cur[0][2].lower().strip("’'") in _NON_NAME_CAPS:
                cur.pop(0)
            # not a trailing connector or lower-case word, nor the sentence's full stop
            while cur and (not _is_word(cur[-1][2]) or cur[-1][2].lower().strip("’'") in _NAME_TRAILERS):
                cur.pop()
            if (
                len(cur) >= 2
                and cur[0][2].lower() not in _ARTICLE_CAPS
                and not any(x[2].lower().strip("’'") in _ORG_WORDS for x in cur)
            ):
                s, e = cur[0][0], cur[-1][1]
                if mentions is None:
                    mentions = self.mentions_in(a, b)
                if not any(x[0] < e and s < x[1] for x in mentions):
                    runs.append((s, e, self.text[s:e]))
        self._names[k] = runs
        return runs

    # -- pronouns -------------------------------------------------------------
    def resolve_pronoun(self, pos: int, word: str, own_quote=None):
        """Antecedent of the pronoun at ``pos``: ``("actor", index)``, ``("name", text)`` or None.

        Inside a speech quotation only the quotation is searched.  Else the
        pronoun's sentence (nearest first; an object pronoun skips its own
        clause), then the previous two sentences (first first: the subject).
        """
        w = word.lower()
        person = w in _PERSON_PRON
        ok_kinds = ("person",) if person else ("group", "organization", "country")
        k = self.sentence_of(pos)
        sa = self.dateline_end(k)
        if own_quote is not None:
            qa, _ = self.quotes[own_quote].inner
            for x in reversed(self.mentions_in(qa, pos)):
                if x[3] in ok_kinds:
                    return ("actor", x[2])
            return None
        limit = self.clause_start(sa, pos) if w in _OBJECT_PRON else pos
        cands = [(x[0], ("actor", x[2])) for x in self.mentions_in(sa, limit)
                 if x[3] in ok_kinds and self.outside_quotes(x[0])]
        if person:
            cands += [(s, ("name", t)) for s, e, t in self.name_runs(k)
                      if sa <= s and e <= limit and self.outside_quotes(s)]
        if cands:
            return max(cands, key=lambda c: c[0])[1]
        for kk in (k - 1, k - 2):
            if kk < 0:
                break
            a, b = self.dateline_end(kk), self.sents[kk][1]
            cands = [(x[0], ("actor", x[2])) for x in self.mentions_in(a, b)
                     if x[3] in ok_kinds and self.outside_quotes(x[0])]
            if person:
                cands += [(s, ("name", t)) for s, e, t in self.name_runs(kk)
                          if a <= s and self.outside_quotes(s)]
            if cands:
                return min(cands, key=lambda c: c[0])[1]
        return None

    # -- noun phrases -----------------------------------------------------------
    def np_before(self, toks: list, i: int) -> tuple[int, int] | None:
        """Span of the noun phrase ending at token ``i`` (read leftwards), or None.

        It stops after a determiner or a possessive pronoun, at punctuation, at
        function words and known verbs, after 7 words; a mention ending the
        phrase is taken whole (``the government in Caracas``).
        """
        j = i
        while j >= 0 and toks[j][2] in _QUOTE_MARKS:
            j -= 1
        if j < 0 or not _is_word(toks[j][2]):
            return None
        end = toks[j][1]
        start = None
        n = 0
        while j >= 0 and n < 7:
            w = toks[j][2]
            lw = w.lower()
            if w in _QUOTE_MARKS or w in "-‐‑":
                j -= 1
                continue
            if not _is_word(w):
                break
            if lw in _PRONOUNS or lw in _FIRST_PRON:
                if start is None or lw in _POSS_PRON:
                    start = toks[j][0]
                break
            if lw in _CLAUSE_STOP:
                break
            start = toks[j][0]
            n += 1
            if lw in _DETS:
                break
            j -= 1
        if start is None:
            return None
        x = self.mention_ending_at(end, 0)
        if x is not None and x[0] < start:
            start = x[0]
        return start, end

    def np_after(self, a: int, b: int) -> tuple[int, int] | None:
        """Span of the noun phrase starting at ``a`` (up to punctuation or 7 words)."""
        start = end = None
        n = 0
        for s, e, w in self.tokens(a, b):
            if w in _QUOTE_MARKS:
                continue
            if not _is_word(w) or (start is not None and w.lower() in _CLAUSE_STOP):
                break
            start = s if start is None else start
            end = e
            n += 1
            if n >= 7:
                break
        return (start, end) if start is not None else None

    def resolve_np(self, a: int, b: int, own_quote, *, prefer_last: bool = True):
        """What the noun phrase ``[a, b)`` refers to.

        Returns ``(actor, via)`` with ``via`` "mention" or "pronoun", or
        ``(-1, "")`` when the phrase is no declared actor.
        """
        toks = [t for t in self.tokens(a, b) if t[2] not in _QUOTE_MARKS]
        if not toks:
            return -1, ""
        ms = self.mentions_in(toks[0][0], toks[-1][1])
        if ms:
            x = ms[-1] if prefer_last else ms[0]
            return x[2], ("pronoun" if x[4] else "mention")
        for t in (toks[0], toks[-1]):
            w = t[2].lower()
            if w in _PRONOUNS:
                r = self.resolve_pronoun(t[0], w, own_quote)
                return (r[1], "pronoun") if r is not None and r[0] == "actor" else (-1, "")
            if w in _FIRST_PRON and own_quote is not None:
                actor = self.speaker_of_quote(own_quote)[1]
                return (actor, "pronoun") if actor is not None else (-1, "")
        return -1, ""

    # -- target -----------------------------------------------------------------
    def target(self, h: int) -> tuple[int | None, str]:
        hs, he = self.hits[h][0], self.hits[h][1]
        text = self.text
        deferred = None
        i = bisect.bisect_left(self.m_starts, hs)
        if i > 0 and self.mentions[i - 1][1] > hs:
            i -= 1
        while i < len(self.mentions) and self.mentions[i][0] < he:
            x = self.mentions[i]
            i += 1
            if x[4]:
                continue
            if x[0] >= hs and x[1] > he:  # an alias starting inside the hit and running on
                return x[2], "premodifier"
            rest = text[x[1]:he]
            if _HYPHEN_ED.match(rest):
                continue  # US-backed: the backer is not the target
            nxt = _lower_words(rest)[:1]
            if nxt and nxt[0] in _PERSON_NOUNS:
                deferred = deferred or x  # opposition figure: first look for the figure
                continue
            return x[2], "contains"
        k = self.sentence_of(hs)
        lo = self.sents[max(0, k - 2)][0]
        hi = self.sents[min(len(self.sents) - 1, k + 1)][1]
        i = bisect.bisect_left(self.m_starts, lo)
        if i >= len(self.mentions) or self.mentions[i][0] >= hi:
            return None, ""  # no actor near: nothing can resolve the target
        a, b, q = self.region(hs, he)
        if q is None and self.mentions[i][0] > b:
            # The rules read the region [a, b] and resolve pronouns in it
            # against the two sentences before; outside quotations no rule
            # looks further, so a mention after the region cannot be the target.
            return None, ""
        for rule in (self._premodifier, self._apposition_before, self._predicate,
                     self._possessive, self._led_by, self._clause):
            r = rule(hs, he, a, b, q)
            if r is not None:
                if r[0] < 0:
                    break
                return r
        if deferred is not None:
            return deferred[2], "contains"
        return None, ""

    @staticmethod
    def _named_rule(x, rule: str) -> tuple[int, str]:
        return x[2], ("pronoun" if x[4] else rule)

    def _premodifier(self, hs, he, a, b, q):
        """``self-proclaimed "interim president" Juan Guaido``; ``... president, Maduro``."""
        i = bisect.bisect_left(self.m_starts, he)
        if i >= len(self.mentions) or self.mentions[i][0] >= b:
            return None
        x = self.mentions[i]
        gap = self.text[he:x[0]]
        commas = gap.count(",")
        if commas > 1 or _GAP_STOP.search(gap) or not self._title_gap(he, x[0]):
            return None
        if commas == 0:
            return self._named_rule(x, "premodifier")
        if _SPEECH_NEXT.match(self.text[x[1]:x[1] + 40]):
            return None  # "... a coup, Maduro said"
        return self._named_rule(x, "apposition")

    def _title_gap(self, a: int, b: int) -> bool:
        """Only titles, capitalised words, quote marks, a comma or other hits in ``[a, b)``."""
        n = 0
        for s, e, w in self.tokens(a, b):
            if w in _QUOTE_MARKS or w in ",-‐‑":
                continue
            if not _is_word(w):
                return False
            n += 1
            lw = w.lower()
            if n > 4 or not (
                lw in _TITLE_WORDS or lw in _ARTICLES
                or (w[:1].isupper() and lw not in _CLAUSE_STOP)
                or self.in_other_hit(s, e)
            ):
                return False
        return True

    def _apposition_before(self, hs, he, a, b, q):
        """``Maduro, the constitutional president``."""
        i = bisect.bisect_left(self.m_starts, hs) - 1
        while i >= 0 and self.mentions[i][1] > hs:
            i -= 1
        if i < 0 or self.mentions[i][0] < a:
            return None
        x = self.mentions[i]
        mt = _APPOSITIVE_GAP.fullmatch(self.text[x[1]:hs])
        if mt is None:
            return None
        words = _lower_words(mt.group(1))
        if any(w in _CLAUSE_STOP or w in _PRONOUNS for w in words):
            return None
        return self._named_rule(x, "apposition")

    def _possessive(self, hs, he, a, b, q):
        """``Maduro's regime``, ``his regime``, ``a US invasion``; ``X's supporters`` -> led_by."""
        w0 = max(a, hs - 60)
        i = bisect.bisect_left(self.m_starts, hs) - 1
        while i >= 0 and self.mentions[i][1] > hs:
            i -= 1
        if (i < 0 or self.mentions[i][1] < w0) and not _POSS_PRON_RE.search(self.text, w0, hs):
            return None
        toks = self.tokens(w0, hs)
        k = len(toks) - 1
        quoted = False
        while k >= 0 and toks[k][2] in _QUOTE_MARKS and toks[k][2] not in "’'":
            k -= 1
            quoted = True
        skipped: list[str] = []
        while k >= 0 and len(skipped) <= 2:
            s, e, w = toks[k]
            lw = w.lower()
            if lw in _POSS_PRON:
                r = self.resolve_pronoun(s, lw, q)
                return (r[1], "pronoun") if r is not None and r[0] == "actor" else (-1, "")
            if w in "’'" and k > 0:  # the soldiers’ families
                x = self.mention_ending_at(toks[k - 1][1], a)
                possessive = True
            else:
                x = self.mention_ending_at(e, a)
                possessive = bool(_POSSESSIVE_TAIL.search(w)) and x is not None and x[1] < e
            if x is not None:
                if not possessive and (skipped or quoted):
                    return None  # "the US economic war", 'the opposition "fascists"': too loose
                after = _lower_words(self.text[he:he + 30])[:1]
                member = any(t in _MEMBER_NOUNS for t in skipped) or (after and after[0] in _MEMBER_NOUNS)
                return self._named_rule(x, "led_by" if member else "possessive")
            if not w[:1].isalpha() or lw in _CLAUSE_STOP or lw in _DETS or lw in _AS_VERBS:
                return None
            skipped.append(lw)
            k -= 1
        return None

    def _predicate(self, hs, he, a, b, q):
        """``X is a HIT``, ``X was branded a HIT``, ``called X a HIT``, ``X ... as HIT``."""
        lo = max([a] + [self.text.rfind(c, a, hs) + 1 for c in ";:—–"])  # after the last
        w0 = max(lo, hs - 140)
        if _PRED_WORDS.isdisjoint(self.layer(max(w0, hs - 90), hs).split()):
            return None  # no copula, "as" or labelling verb just before the hit
        toks = self.tokens(w0, hs)
        k = len(toks) - 1
        while k >= 0 and toks[k][2] in _QUOTE_MARKS:
            k -= 1
        k0 = k
        # the hit's own noun phrase: up to two modifiers, then a determiner
        n = 0
        while k >= 0 and n < 2:
            s, e, w = toks[k]
            lw = w.lower()
            if (not _is_word(w) or lw in _CLAUSE_STOP or lw in _DETS or lw in _PRONOUNS
                    or lw in ("of", "as") or self.mentions_in(s, e)) and lw not in _LINK_ADVERBS:
                break
            n += 1
            k -= 1
        if k >= 0 and toks[k][2].lower() in _ARTICLES:
            k -= 1
        while k >= 0 and toks[k][2].lower() in ("only", "just", "merely", "but", "nothing"):
            k -= 1
        if k < 0:
            return None
        lw = toks[k][2].lower()
        if lw in _COPULAS:
            return self._subject(toks, self._skip_aux(toks, k - 1), q, apposition=True)
        if lw == "as":
            k -= 1
            if k >= 0 and toks[k][2].lower() in _AS_VERBS:
                # "X was described as a HIT", "X, recognised as HIT"
                j = self._skip_aux(toks, k - 1)
                if j == k - 1:  # no auxiliary: a reduced relative after a comma
                    if j >= 0 and toks[j][2] == ",":
                        j -= 1
                    return self._subject(toks, j, q, apposition=False)
                return self._subject(toks, j, q, apposition=True)
            return self._subject(toks, k, q, apposition=False)
        if lw in _CALL_VERBS:
            j = self._skip_aux(toks, k - 1)
            if j < k - 1:  # passive: "X was branded a traitor"
                return self._subject(toks, j, q, apposition=True)
            # object moved out: "the sanctions, which it calls an economic war"
            rel = [t for t in toks[max(0, k - 4):k] if t[2].lower() in ("which", "that")]
            if rel:
                toks2 = self.tokens(max(a, rel[-1][0] - 300), rel[-1][0])
                j = len(toks2) - 1
                if j >= 0 and toks2[j][2] == ",":
                    j -= 1
                return self._subject(toks2, j, q, apposition=False)
            if k0 == k:
                return None
            k = k0  # "called the sanctions illegal sanctions": the words were the object
        return self._call_object(toks, k, q)

    def _call_object(self, toks, k, q):
        """``called X a HIT``: the object ending at token ``k``, after a labelling verb."""
        span = self.np_before(toks, k)
        if span is None or not any(
            w.lower() not in _DETS for w in _WORD.findall(self.text, span[0], span[1])
        ):
            return None
        j = k
        while j >= 0 and toks[j][0] >= span[0]:
            j -= 1
        while j >= 0 and toks[j][2] in _QUOTE_MARKS:
            j -= 1
        if j >= 0 and toks[j][2].lower() in _CALL_VERBS:
            return self._np_result(span, q)
        return None

    @staticmethod
    def _skip_aux(toks, k: int) -> int:
        while k >= 0 and toks[k][2].lower() in _LINK_ADVERBS | _AUX:
            k -= 1
        return k

    def _subject(self, toks, k, q, apposition: bool):
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
        span = self.np_before(toks, k)
        return None if span is None else self._np_result(span, q)

    def _np_result(self, span, q):
        actor, via = self.resolve_np(span[0], span[1], q)
        if actor < 0:
            return -1, ""
        if via == "pronoun":
            return actor, "pronoun"
        if _POSSESSED_MEMBERS.search(self.text[span[0]:span[1]]):
            return actor, "led_by"  # "Guaidó's supporters are putschists"
        return actor, "predicate"

    def _led_by(self, hs, he, a, b, q):
        """``putschists led by X``, ``a war waged by X``, ``groups loyal to X``."""
        mt = _LED_BY.match(self.text, he, b)
        if not mt:
            return None
        span = self.np_after(mt.end(), b)
        if span is None:
            return None
        app = _COMMA_GAP.match(self.text[span[1]:b])
        if app:  # "led by opposition figure, Juan Guaido"
            i = bisect.bisect_left(self.m_starts, span[1] + app.end())
            if i < len(self.mentions) and self.mentions[i][0] == span[1] + app.end():
                return self._named_rule(self.mentions[i], "led_by")
        actor, via = self.resolve_np(span[0], span[1], q, prefer_last=False)
        if actor < 0:
            return -1, ""
        return actor, "pronoun" if via == "pronoun" else "led_by"

    def _clause(self, hs, he, a, b, q):
        """The nearest mention or pronoun in the hit's clause, within CLAUSE_WINDOW words."""
        text = self.text
        wa, wb = max(a, hs - 90), min(b, he + 90)  # CLAUSE_WINDOW words, roughly
        i = bisect.bisect_left(self.m_starts, wa)
        if (i >= len(self.mentions) or self.mentions[i][0] >= wb) and not _PRONOUN_RE.search(text, wa, wb):
            i = bisect.bisect_left(self.m_starts, hs) - 1  # maybe a relative's antecedent
            if i < 0 or self.mentions[i][1] < hs - 150:
                return None
        if not self._clause_reachable(hs, he, a, b):
            return None
        ca, cb, ante = self.clause_bounds(a, b, hs, he)
        in_pp = (_PREP_BEFORE.search(text, max(ca, hs - 24), hs) is not None
                 or _JUDGE_BEFORE.search(text, max(ca, hs - 40), hs) is not None)
        cands = []
        for x in self.mentions_in(ca, cb):
            if hs <= x[0] < he or not self.outside_quotes(x[0], q):
                continue
            back = text[max(ca, x[0] - 20):x[0]]
            if ("against" in back or "ccording" in back) and _AGAINST.search(back):
                continue  # the victim or the source, not the target
            if x[1] <= hs:
                cands.append((_nwords(text, x[1], hs), 0, "m", x))
            else:
                cands.append((_nwords(text, he, x[0]), 1, "m", x))
        if ante is not None:
            cands.append((_nwords(text, ante[1], hs), 0, "m", ante))
        for mt in _PRONOUN_RE.finditer(text, ca, cb):
            s = mt.start()
            if hs <= s < he or not self.outside_quotes(s, q):
                continue
            if mt.end() <= hs:
                cands.append((_nwords(text, mt.end(), hs), 0, "p", mt))
            else:
                cands.append((_nwords(text, he, s), 1, "p", mt))
        if in_pp:
            cands = [c for c in cands if c[1] == 1]
        if not cands:
            return None
        dist, _, what, obj = min(cands, key=lambda c: c[:2])
        if dist > CLAUSE_WINDOW:
            return None
        if what == "m":
            return self._named_rule(obj, "clause")
        r = self.resolve_pronoun(obj.start(), obj.group(), q)
        return (r[1], "pronoun") if r is not None and r[0] == "actor" else (-1, "")

    def _clause_reachable(self, hs, he, a, b) -> bool:
        """Whether a mention or pronoun lies within CLAUSE_WINDOW words of the hit.

        A cheap necessary condition for :meth:`_clause`: it looks at the window
        :meth:`clause_bounds` clips the clause to, before the clause is cut and
        before candidates are filtered, so when it fails no candidate of
        :meth:`_clause` can be near enough (the relative antecedent is one of
        these mentions).
        """
        text = self.text
        wa, wb = max(a, hs - 120), min(b, he + 100)
        for x in self.mentions_in(wa, wb):
            if hs <= x[0] < he:
                continue
            d = _nwords(text, x[1], hs) if x[1] <= hs else _nwords(text, he, x[0])
            if d <= CLAUSE_WINDOW:
                return True
        for mt in _PRONOUN_RE.finditer(text, wa, wb):
            s = mt.start()
            if hs <= s < he:
                continue
            d = _nwords(text, mt.end(), hs) if mt.end() <= hs else _nwords(text, he, s)
            if d <= CLAUSE_WINDOW:
                return True
        return False

    # -- speaker ------------------------------------------------------------------
    def speaker_of_hit(self, h: int) -> str:
        q = self.speech_quote_at(self.hits[h][0])
        return "" if q is None else self.speaker_of_quote(q)[0]

    def speaker_of_quote(self, q: int, depth: int = 0) -> tuple[str, int | None]:
        """``(speaker, actor index or None)`` of quotation ``q`` (cached)."""
        if q not in self._speakers:
            self._speakers[q] = ("", None)  # guards against cycles
            self._speakers[q] = self._find_speaker(q, depth)
        return self._speakers[q]

    def _np_speaker(self, a: int, b: int, *, prefer_last: bool):
        """The speaker named by the noun phrase ``[a, b)``, or None."""
        toks = [t for t in self.tokens(a, b) if t[2] not in _QUOTE_MARKS]
        while toks and not _is_word(toks[-1][2]):
            toks.pop()
        while toks and not _is_word(toks[0][2]):
            toks.pop(0)
        if not toks:
            return None
        words = [t[2].lower() for t in toks]
        if any(w in _SPEAKER_NP_STOP for w in words):
            return None
        ms = self.mentions_in(toks[0][0], toks[-1][1])
        if ms:
            x = ms[-1] if prefer_last else ms[0]
            return self.m.names[x[2]], x[2]
        for t in (toks[-1], toks[0]):
            w = t[2].lower()
            if w in _PRONOUNS and w not in _POSS_PRON:
                r = self.resolve_pronoun(t[0], w, None)
                if r is None:
                    return "", None
                return (self.m.names[r[1]], r[1]) if r[0] == "actor" else (r[1], None)
        if words[0] in _FIRST_PRON or words[0] in ("we", "you"):
            return None
        # the last run of capitalised words (a name), else the noun phrase itself
        best: list = []
        run: list = []
        for t in toks:
            if t[2][:1].isupper() or (run and t[2].lower() in _NAME_CONNECTORS):
                run.append(t)
            else:
                best, run = (run or best), []
        best = run or best
        while best and best[0][2].lower() in _NON_NAME_CAPS:
            best = best[1:]
        if best:
            name = self.text[best[0][0]:best[-1][1]]
            return re.sub(r"[’']s\Z", "", name), None
        if words[0] in _ARTICLES:
            toks = toks[1:]
        if not toks or len(toks) > 4:
            return None
        return self.text[toks[0][0]:toks[-1][1]], None

    def _before_cue(self, a: int, b: int, relaxed: bool = False):
        """``Maduro said: "``, ``according to X, "``, ``Maduro's tweet`` in ``[a, b)``."""
        text = self.text
        a = max(a, b - 240)
        acc = text.rfind("ccording to", a, b)
        mt = _BEFORE_ACCORDING.match(text, acc - 1, b) if acc > a else None
        if mt:
            r = self._np_speaker(mt.start("np"), mt.end("np"), prefer_last=True)
            if r is not None:
                return r
        window = self.layer(a, b)
        mt = None
        if " s " in window and not _MEDIUM_WORDS.isdisjoint(window.split()):
            mt = _POSS_MEDIUM.search(text, a, b)
        if mt and (relaxed or b - mt.end() < 40):
            r = self._np_speaker(mt.start("np"), mt.end("np"), prefer_last=True)
            if r is not None:
                return r
        last = None
        for last in _SPEECH_RE.finditer(text, a, b):
            pass
        if last is None:
            return None
        tail = text[last.end():b]
        if not relaxed and (len(tail) > 60 or re.search(r"[\"“”«».!?]", tail)):
            return None
        toks = self.tokens(a, last.start())
        k = len(toks) - 1
        skipped = 0
        while k >= 0 and skipped < 3 and toks[k][2].lower() in _AUX_SPEECH:
            k -= 1
            skipped += 1
        span = self.np_before(toks, k) if k >= 0 else None
        if span is None:
            return None
        return self._np_speaker(span[0], span[1], prefer_last=True)

    def _find_speaker(self, q: int, depth: int) -> tuple[str, int | None]:
        text = self.text
        quote = self.quotes[q]
        k = self.sentence_of(quote.start)
        sa = self.sents[k][0]
        k_end = self.sentence_of(max(quote.start, quote.end - 1))
        eb = self.sents[k_end][1]
        para_end = text.find("\n", quote.end)
        para_end = len(text) if para_end < 0 else para_end
        next_q = self.quotes[q + 1].start if q + 1 < len(self.quotes) else len(text)
        after_end = min(max(eb, quote.end), para_end, next_q)
        # 1. right after: ," Maduro said / ” said María / , according to X
        mt = _AFTER_CUE.match(text, quote.end, after_end)
        if mt:
            g = "np" if mt.group("np") else "np2" if mt.group("np2") else "np3"
            r = self._np_speaker(mt.start(g), mt.end(g), prefer_last=(g == "np"))
            if r is not None:
                return r
        # 2. right before: Maduro said: " / according to X, " / X's tweet
        before_start = max(sa, self.quotes[q - 1].end if q > 0 else 0)
        r = self._before_cue(before_start, quote.start)
        if r is not None:
            return r
        # 3. the subject of the sentence reports speech or gives an order
        starts = [sa]
        lead = _LEAD_ADVERBIAL.match(text, sa, quote.start)
        if lead:
            starts.append(lead.end())
        for start in starts:
            mt = _SUBJECT_CUE.match(text, start, quote.start)
            if mt and not re.search(r"[\"“”«»]", mt.group("np")):
                r = self._np_speaker(mt.start("np"), mt.end("np"), prefer_last=True)
                if r is not None and r[0]:
                    return r
        # 4. a weak cue after: , El Nacional reports
        mt = _WEAK_AFTER.match(text, quote.end, after_end)
        if mt:
            r = self._np_speaker(mt.start("np"), mt.end("np"), prefer_last=True)
            if r is not None:
                return r
        # 5. a continued quote: the previous quotation of the same paragraph
        if q > 0 and depth < 5:
            pq = self.quotes[q - 1]
            if "\n" not in text[pq.end:quote.start] and self.is_speech(q - 1):
                r = self.speaker_of_quote(q - 1, depth + 1)
                if r[0]:
                    return r
        # 6. an unclosed quotation continued in the next paragraph
        if not quote.closed and q + 1 < len(self.quotes) and depth < 5:
            if not text[quote.end:self.quotes[q + 1].start].strip():
                r = self.speaker_of_quote(q + 1, depth + 1)
                if r[0]:
                    return r
        # 7. the next sentence: He tweeted in Spanish. / Those were the words of X
        if not re.search(r"\w", text[quote.end:eb]) and k_end + 1 < len(self.sents):
            na, nb = self.sents[k_end + 1]
            if self.quote_at(na) is None:
                mt = _WORDS_OF.match(text, na, nb)
                if mt:
                    span = self.np_after(mt.end(), nb)
                    if span:
                        r = self._np_speaker(span[0], span[1], prefer_last=False)
                        if r is not None:
                            return r
                mt = _NEXT_CUE.match(text, na, nb)
                if mt and len(_WORD.findall(mt.group("rest"))) <= 8 \
                        and "that" not in _lower_words(mt.group("rest")):
                    r = self._np_speaker(mt.start("np"), mt.end("np"), prefer_last=True)
                    if r is not None:
                        return r
        # 8. the previous sentence ends with a colon: Arreaza wrote on Twitter:
        if not re.search(r"\w", text[before_start:quote.start]) and k > 0:
            pa, pb = self.sents[k - 1]
            if text[pa:pb].rstrip().endswith(":"):
                r = self._before_cue(pa, pb, relaxed=True)
                if r is not None:
                    return r
        return "", None


# ---------------------------------------------------------------------------
# Public helpers and tables
# ---------------------------------------------------------------------------

def _resolve_lexicon(lexicon):
    from .lexicon import Lexicon, load_lexicon

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
    comp = lex.compiled.actors if lex.actors else None
    if comp is None:
        comp = compile_actors(lex)
    rows = [(comp.names[a], s, e, text[s:e]) for s, e, a, _ in comp.mentions(text)]
    return pd.DataFrame(rows, columns=["actor", "start", "end", "matched_text"]).astype(
        {"actor": object, "start": "int64", "end": "int64", "matched_text": object}
    )


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

    from .errors import InputError

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


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------

def _cmd_actors(args) -> int:
    from .cli import read_inputs, write_table
    from .match import find_matches

    articles, lex = read_inputs(args)
    by = {"article": "article_id"}.get(args.by, args.by)
    prof = actor_profile(find_matches(articles, lex), by=by, include_quoted=args.include_quoted)
    write_table(prof, args)
    return 0


def register_cli(subparsers) -> None:
    """Add ``framing actors PATH... [--by article|outlet] [-l LEXICON]`` to the CLI."""
    from .cli import _add_input_args, _add_output_args

    p = subparsers.add_parser(
        "actors", help="how each actor is labelled: hits per actor, category and voice",
        description="Profile of the actors the loaded terms are aimed at (see framing.actor_profile).",
    )
    _add_input_args(p)
    p.add_argument("--by", default="article",
                   help="article (default), outlet, or any article column")
    p.add_argument("--include-quoted", action="store_true",
                   help="count hits inside quoted speech too (default: narrative + scare quotes)")
    _add_output_args(p)
    p.set_defaults(func=_cmd_actors)
