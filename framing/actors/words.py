"""Every word list, cue and pattern the actor rules read.

This is the one place to edit a word list: the rules in :mod:`framing.actors.rules`
and :mod:`framing.actors.mentions` read these names and nothing else.  Word
lists are lower case and compared with the lower-cased word of the text.
"""

from __future__ import annotations

import re


def _words(words: str) -> frozenset:
    return frozenset(words.split())


def _alternation(words: str) -> str:
    r"""``(?:words)`` for a ``|``-separated list of words, factored by common prefixes.

    ``_alternation("said|says|told")`` is ``(?:sa(?:id|ys)|told)``: it matches the
    same strings, but the ``re`` engine, which tries the alternatives of a group
    one by one, tries a handful at each word instead of every word of the list.
    A word is letters with ``\s+`` between them (``shot\s+back``).  The factored
    group picks the same match as the plain one when followed by ``\b`` or ``\s`` and no
    word is another one followed by ``\s+`` (``shot`` beside ``shot\s+back``):
    otherwise, or for any other syntax, it is the plain group ``(?:words)``.

    >>> _alternation(r"said|says|told|shot\s+back")
    '(?:s(?:a(?:id|ys)|hot\\s+back)|told)'
    """
    alternatives = words.split("|")
    seqs = []
    for w in alternatives:
        atoms = []
        i = 0
        while i < len(w):
            if w.startswith(r"\s+", i):
                atoms.append(r"\s+")
                i += 3
            elif w[i].isalpha():
                atoms.append(w[i])
                i += 1
            else:
                return "(?:" + words + ")"
        if not atoms or atoms[0] == r"\s+" or atoms[-1] == r"\s+":
            return "(?:" + words + ")"
        seqs.append(atoms)
    whole = {"".join(atoms) for atoms in seqs}
    for atoms in seqs:
        for j, atom in enumerate(atoms):
            if atom == r"\s+" and "".join(atoms[:j]) in whole:
                return "(?:" + words + ")"
    trie: dict = {}
    for atoms in seqs:
        node = trie
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}

    def group(node: dict) -> str:
        alts = [atom + group(child) for atom, child in sorted(node.items()) if atom]
        if "" in node:
            alts.append("")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return "(?:" + "|".join(atom + group(child) for atom, child in sorted(trie.items())) + ")"


# ---------------------------------------------------------------------------
# Pronouns and function words
# ---------------------------------------------------------------------------

PERSON_PRON = _words("he him his himself she her hers herself")
GROUP_PRON = _words("they them their theirs themselves it its itself")
PRONOUNS = PERSON_PRON | GROUP_PRON
OBJECT_PRON = _words("him her them")
POSS_PRON = _words("his her its their")
FIRST_PRON = _words("i me my myself")
#: Pronouns of a collective speaker: a speaker noun phrase starting with one names nobody.
SPEAKER_GROUP_PRON = _words("we you")
DETS = _words("the a an this that these those its his her their our my your one some any no every each")
ARTICLES = _words("the a an")
COPULAS = _words(
    "is was are were be been being am remain remains remained become becomes became seem "
    "seems seemed appear appears appeared stay stays stayed"
)
AUX = _words("is was are were be been being has have had will would could should may might must can")
LINK_ADVERBS = _words(
    "not still now also no longer just only truly really clearly widely already simply merely "
    "never always nothing but effectively increasingly again even"
)
#: Auxiliaries and adverbs skipped between a subject and its copula or labelling verb.
AUX_OR_LINK = AUX | LINK_ADVERBS
#: Words that end the hit's own noun phrase, read leftwards (predicate rule).
HIT_NP_STOP = _words("of as")
#: Words the predicate rule skips between the copula and the hit (``is nothing but a HIT``).
ONLY_WORDS = _words("only just merely but nothing")
#: Relative pronouns before a labelling verb whose object moved out
#: (``the sanctions, which it calls an economic war``).
OBJECT_RELATIVES = _words("which that")
RELATIVES = _words("which who whom whose that")

# ---------------------------------------------------------------------------
# Verbs that label (predicate rule)
# ---------------------------------------------------------------------------

CALL_VERBS = _words(
    "call calls called calling brand brands branded branding label labels labelled labeled "
    "labelling labeling dub dubs dubbed dubbing name names named deem deems deemed consider "
    "considers considered declare declares declared declaring proclaim proclaims proclaimed "
    "proclaiming style styles styled crown crowned nickname nicknamed"
)
AS_VERBS = _words(
    "recognised recognized recognise recognize recognises recognizes described describe describes "
    "describing branded labelled labeled denounced denounce denounces dismissed dismiss dismisses "
    "seen see sees viewed view views regarded regard regards known hailed hail hails treated "
    "treat treats portrayed portray portrays depicted depict depicts painted paint paints cast "
    "casts presented present presents characterised characterized considered sworn installed "
    "elected re-elected appointed confirmed accepted acknowledged designated identified mocked "
    "ridiculed derided condemned condemn condemns"
)
#: Words just before a hit that make the predicate rule worth trying.
PRED_WORDS = COPULAS | CALL_VERBS | {"as", "am"}

# ---------------------------------------------------------------------------
# Nouns
# ---------------------------------------------------------------------------

MEMBER_NOUNS = _words(
    "supporters supporter followers follower allies ally loyalists loyalist backers henchmen "
    "militants partisans sympathizers sympathisers acolytes troops men fighters militias "
    "faction cronies lackeys minions base"
)
PERSON_NOUNS = _words(
    "figure figures leader leaders member members lawmaker lawmakers politician politicians "
    "activist activists official officials deputy deputies spokesman spokeswoman spokesperson "
    "supporter supporters militant militants loyalist loyalists sympathizer sympathizers"
)
#: Words allowed between a pre-modifying hit and the actor it modifies.
TITLE_WORDS = _words(
    "president leader head chief lawmaker politician figure minister official speaker general "
    "commander envoy opposition interim acting former vice foreign defense defence secretary "
    "senator congressman congresswoman deputy governor mayor ambassador strongman leftist "
    "socialist populist authoritarian embattled beleaguered self-styled self-declared de facto "
    "government administration regime leaders figures officials lawmakers generals officers "
    "politicians"
)
#: A person's alias holding one of these names an organization (``Maduro government``).
INSTITUTION_WORDS = _words("government administration regime palace cabinet ministry party camp team office")
#: A run of capitals holding one of these is an organization, not a person's name.
ORG_WORDS = _words(
    "group party assembly council government ministry department office news tv press times "
    "post agency union nations bank company corporation committee court commission "
    "organization organisation institute university association front movement network "
    "channel radio journal review herald tribune guardian watch international forces army "
    "guard navy police house senate congress parliament federation alliance foundation "
    "service services bureau league coalition club airlines oil petroleum reuters afp ap"
)
#: Words after which a title in an alias ends (``Minister of ...`` is no title anaphor).
TITLE_END_STOP = _words("of the and in")

# ---------------------------------------------------------------------------
# Names of people who are not declared actors
# ---------------------------------------------------------------------------

NAME_CONNECTORS = _words("de del la las los da di do dos van von bin al le du y")
#: Capitalised words that do not make a run of capitals a person's name.
NON_NAME_CAPS = _words(
    "the a an in on at but and according speaking after before some several more many "
    "thousands hundreds meanwhile earlier later despite it he she they we i this those these "
    "there when while if as to for of by from with his her their its our my your one two "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december mr mrs ms dr gen sen north south "
    "east west latin american venezuelan colombian cuban russian chinese european united "
    "national federal state states"
)
ARTICLE_CAPS = _words("el la los las le les the")
NAME_TRAILERS = NON_NAME_CAPS | NAME_CONNECTORS

# ---------------------------------------------------------------------------
# Clauses and speakers
# ---------------------------------------------------------------------------

CLAUSE_STOP = _words(
    "and or but nor so yet that which who whom whose as than to for with by from on at in into "
    "onto against after before because while if when where since until unless although though "
    "whereas not said says say told tells added warned claimed"
) | COPULAS | CALL_VERBS | AUX
SPEAKER_NP_STOP = _words("that which who whom because while if when although though as")
AUX_SPEECH = AUX | LINK_ADVERBS | _words(
    "continue continues continued to repeatedly reportedly publicly then later once"
)
#: Actor kinds a person pronoun (he, him, his...) can refer to; a group pronoun
#: (they, them, its...) refers to the others.
PERSON_KINDS = ("person",)
GROUP_KINDS = ("group", "organization", "country")
#: Words of a following sentence that make it no short attribution (``He said that ...``).
NEXT_CUE_STOP = _words("that")
MEDIUM_WORDS = _words("tweet tweets statement message post letter speech words address remarks account")

# Speech verbs, lower case only: "States" in "United States" is no verb.
SPEECH = (
    r"said|says|say|saying|told|tells|tell|telling|tweeted|tweets|tweeting|wrote|writes|writing|"
    r"added|adds|adding|stated|states|asked|asks|replied|replies|explained|explains|insisted|"
    r"insists|insisting|warned|warns|declared|declares|argued|argues|claimed|claims|noted|notes|"
    r"continued|recalled|shouted|shouts|yelled|posted|quipped|stressed|joked|jokes|chanted|chants|"
    r"chant|cried|exclaimed|announced|announces|responded|answered|commented|remarked|urged|urges|"
    r"vowed|vows|promised|pledged|repeated|concluded|conceded|acknowledged|admitted|boasted|"
    r"complained|lamented|predicted|threatened|threatens|charged|alleged|proclaimed|thundered|"
    r"sang|sings|shot\s+back|fired\s+back|hit\s+back"
)
WEAK_SPEECH = r"reported|reports|report|quoted|cited|cites"
# Verbs whose subject, at the head of the sentence, speaks the quotation that follows:
# the speech verbs and these.
ORDER_VERBS = (
    r"ordered|orders|called\s+on|calls\s+on|called\s+for|calls\s+for|called|calls|"
    r"demanded|demands|instructed|commanded|accused|accuses|described|describes|denounced|"
    r"denounces|dismissed|branded|labell?ed|challenged|invited|encouraged|exhorted|implored|begged"
)
DIRECTIVE = SPEECH + "|" + ORDER_VERBS

# ---------------------------------------------------------------------------
# Patterns
# ---------------------------------------------------------------------------

_NP = r"(?:[\w’'.-]+\s+){0,5}?[\w’'.-]+"
_ADV = r"(?:(?:also|then|later|once|again|[a-z]+ly)\s+)?"
#: ``(?:SPEECH)``, factored (see :func:`_alternation`): the patterns below use it.
_SPEECH = _alternation(SPEECH)
SPEECH_RE = re.compile(r"\b" + _SPEECH + r"\b")
# Speaker cues right after a quotation: ," Maduro said / ” said María / , according to X
AFTER_CUE = re.compile(
    r"\s*[,;:—–-]?\s*(?:(?P<np>" + _NP + r")\s+" + _ADV + _SPEECH + r"\b"
    r"|" + _SPEECH + r"\s+(?P<np2>[^,.;:!?\"“”«»\n]{1,60})"
    r"|[Aa]ccording\s+to\s+(?P<np3>[^,.;:!?\"“”«»\n]{1,60}))"
)
WEAK_AFTER = re.compile(r"\s*[,;:—–-]?\s*(?P<np>" + _NP + r")\s+(?:" + WEAK_SPEECH + r")\b")
SUBJECT_CUE = re.compile(
    r"(?P<np>" + _NP + r")\s+" + _ADV + r"(?:" + _SPEECH + "|" + ORDER_VERBS + r")\b"
)
NEXT_CUE = re.compile(
    r"(?P<np>(?:[\w’'.-]+\s+){0,3}?[\w’'.-]+)\s+" + _ADV + _SPEECH + r"\b"
    r"(?P<rest>[^\"“”«»]*)"
)
WORDS_OF = re.compile(
    r"\W*(?:[Tt]hose|[Tt]hese|[Tt]hat|[Tt]his|[Ss]uch)\s+(?:were|are|was|is)\s+(?:the\s+)?"
    r"(?:words|remarks|message|comments)\s+of\s+"
)
BEFORE_ACCORDING = re.compile(r"[Aa]ccording\s+to\s+(?P<np>[^,\"“”«»\n]{1,80}?)\s*,?\s*$")
POSS_MEDIUM = re.compile(
    r"(?P<np>[\w’'.-]+(?:\s+[\w’'.-]+){0,3}?)[’']s\s+(?:latest\s+|new\s+|first\s+)?"
    r"(?:tweet|tweets|statement|message|post|letter|speech|words|address|remarks|account)\b"
)
LEAD_ADVERBIAL = re.compile(r"[^,\"“”«»\n]{0,50},\s*")
#: Quote marks and sentence ends: a speech verb this far before a quotation does not introduce it.
QUOTE_OR_STOP = re.compile(r"[\"“”«».!?]")
#: A double quote mark: a subject noun phrase holding one is no speaker.
DOUBLE_QUOTE = re.compile(r"[\"“”«»]")
WORD_CHAR = re.compile(r"\w")
POSSESSIVE_S_END = re.compile(r"[’']s\Z")

# Tokens: words (with inner apostrophes, hyphens and dots: Maduro’s, self-proclaimed, U.S)
# and single punctuation marks.
TOKEN = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*(?:[-‐‑.][^\W_]+)*|[^\w\s]")
WORD = re.compile(r"[^\W_]+")
QUOTE_MARKS = frozenset("\"'“”„‟‘’‚‛«»‹›")
HYPHENS = "-‐‑"
GAP_BAD = re.compile(r"[,;:!?()\[\]\"“”«»]|(?<!\b[A-Z])\.\s")  # "U.S. Treasury" is fine
SHORT_CAPS_WORD = re.compile(r"\b[A-Z]{2,3}\b")
SHORT_CAPS = re.compile(r"[A-Z]{2,3}")
HYPHEN_ED = re.compile(r"\.?[-‐‑]\w+(?:ed|en|ing)\b")
POSSESSIVE_TAIL = re.compile(r"[’']s?\Z")
POSS_PRON_RE = re.compile(r"\b(?:[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\b")
PRONOUN_RE = re.compile(
    r"\b(?:[Hh]e|him|his|himself|[Ss]he|herself|[Tt]hey|them|their|themselves|its|itself)\b"
)
_CAP = "A-ZÀ-ÖØ-Þ"
CAP_RUN = re.compile(
    rf"(?<![\w’'])[{_CAP}][\w’'.-]*(?:\s+(?:(?:{'|'.join(sorted(NAME_CONNECTORS))})\s+)*"
    rf"[{_CAP}][\w’'.-]*)+"
)
OF_AFTER = re.compile(r"\s+of\b")
AGAINST = re.compile(r"\b(?:against|according\s+to)\s+(?:the\s+)?\Z")
# A hit after a judging verb ("the Lima Group denounced the dictatorship"), or in a
# prepositional phrase: the noun phrases before it are someone else.
JUDGE_BEFORE = re.compile(
    r"\b(?:denounc|condemn|criticis|criticiz|reject|decr[iy]|slamm?|blast|oppos|protest|blam|"
    r"dismiss|rail|deplor|lament)\w*\s+(?:against\s+)?(?:(?:the|a|an|this|that)\s+)?"
    r"(?:[\w-]+\s+)?[“\"‘']?\Z"
)
PREP_BEFORE = re.compile(
    r"\b(?:against|for|to\s+(?:the|a|an|his|her|its|their|our))\s+(?:(?:the|a|an)\s+)?[“\"‘']?\Z"
)
DATELINE = re.compile(
    r"(?:[A-ZÀ-Þ]{3,}[^\n—–]{0,50}?|[^\n—–]{0,40}?\([A-Z][\w .]{1,20}\)\s*)\s[—–-]{1,2}\s"
)
CLAUSE_BREAK = re.compile(
    r"[;:()\[\]—–]|\s-\s"
    r"|,(?=\s+(?:and|but|or|so|yet|as|because|while|whereas|although|though|which|who|whom|"
    r"whose|where|when|after|before|since|until|unless|if|according)\b)"
    r"|,(?=\s+[a-z]+ing\b)"
    r"|\b" + _alternation(
        r"that|because|while|whereas|although|though|after|before|since|until|unless|if|when|"
        r"which|who|whom|whose|" + SPEECH + r"|according\s+to"
    ) + r"\b"
)
#: Characters after which the predicate rule does not look further back.
PREDICATE_STOPS = ";:—–"
GAP_STOP = re.compile(r"[.;:!?()\n]")
SPEECH_NEXT = re.compile(r"\s*,?\s*" + _SPEECH + r"\b")
APPOSITIVE_GAP = re.compile(r"\s*,\s*((?:[\w’'-]+\s+){0,4}?)[\"“‘']?")
COMMA_GAP = re.compile(r"\s*,\s*")
POSSESSED_MEMBERS = re.compile(
    r"[’']s?\s+(?:\w+\s+)?(?:" + "|".join(sorted(MEMBER_NOUNS)) + r")\b"
)
LED_BY = re.compile(
    r"\s*(?:(?!(?:is|was|are|were|be|been|has|have|had|and|or|but|who|which|that|to)\b)"
    r"[^\W\d_][\w’'-]*\s+){0,2}?,?\s*(?:(?:led|headed|commanded|directed|run|organi[sz]ed|"
    r"backed|sponsored|financed|funded|armed|trained|paid|supported|installed|controlled|waged|"
    r"launched|staged|orchestrated|planned|carried\s+out|perpetrated|imposed|instigated|"
    r"promoted|masterminded|engineered)\s+by|loyal\s+to|allied\s+(?:with|to)|aligned\s+with|"
    r"(?:supporters|followers|allies|loyalists|backers)\s+of)\s+"
)
