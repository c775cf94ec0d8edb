"""``framing._speedups.targets`` gives exactly the targets of the Python rules.

The C function re-implements ``actors._Article.target`` (and the rules it calls)
with hand-written versions of the tokeniser ``_TOKEN``, the ``_CLAUSE_BREAK``
scanner, the ``_PRONOUN_RE`` / ``_POSS_PRON_RE`` word searches, ``_HYPHEN_ED``,
possessive tails, lower-cased word-list look-ups, the layer-based predicate gate
and ``_nwords``.  These tests compare it with the Python reference,
``[art.target(h) for h in range(len(art.hits))]`` on an article of its own, built
with the pure-Python actor matcher and ``actors._C`` set to None (so mentions and
name runs come from Python too), on:

- random text built from pieces chosen to hit the corners of those parts
  (loaded terms, actor aliases, pronouns in every case, copulas, labelling
  verbs, ``led by``, possessives, relatives, speech verbs, clause breaks,
  quotes of every family, names that are no actors, datelines, hyphenated
  words, odd characters: ``İ``, the Kelvin sign, ``ß``, ``ſ``, combining
  accents, soft hyphens, no-break spaces, very long words), by Hypothesis
  (1200 derandomized examples) and by a seeded generator (4 x 5000 texts);
- hand-written sentences, one or more per target rule, that also check that
  the expected rule fires (so the comparison is not vacuous);
- the seeds and test articles.

When the extension is not built these tests skip, unless
``FRAMING_REQUIRE_SPEEDUPS=1`` makes that a failure.
"""

from __future__ import annotations

import contextlib
import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
from framing import Entry, Lexicon, actors
from framing.text import _C as C
from framing.text import (
    normalize_mapped,
    paragraph_quotes,
    paragraph_spans,
    quote_spans,
    sentence_spans,
)

from corpus_texts import article_texts

HERE = Path(__file__).parent

if C is None and os.environ.get("FRAMING_REQUIRE_SPEEDUPS") == "1" and not os.environ.get("FRAMING_PURE_PYTHON"):
    pytest.fail("framing._speedups was not built but FRAMING_REQUIRE_SPEEDUPS=1", pytrace=False)
pytestmark = pytest.mark.skipif(C is None, reason="framing._speedups not built")


# Terms that put an alias inside a hit in the ways the ``contains`` rule reads:
# hyphenated -ed/-en/-ing modifiers (the backer is not the target), a person noun
# after the alias, an alias running on past the hit, a title anaphor inside a hit.
CORNER_TERMS = [
    "US-written", "US-driven", "US-ing", "US-ed", "U.S.-backed", "opposition-leaning", "Guaidó-chosen",
    "Maduro-ruled", "Maduro official", "opposition lawmaker", "Chavistas figure", "self-proclaimed Juan",
    "so-called Popular", "the president", "puppet Guaidó", "Washington-imposed", "US‐funded",
]


class Pair:
    """A lexicon compiled twice: for C (``comp``, as find_matches uses it) and for pure Python.

    ``py_actors`` is the actor matcher :func:`framing.actors.compile_actors` builds
    when the extension is absent; with it, and ``actors._C`` set to None, every
    step of ``_Article.target`` (mentions, name runs, the rules) runs in Python:
    the reference the C targets must equal.
    """

    def __init__(self, lexicon):
        self.comp = lexicon.compiled
        with _pure_python():
            self.py_actors = actors.compile_actors(lexicon)
        assert self.py_actors.names == self.comp.actors.names


@contextlib.contextmanager
def _pure_python():
    saved = actors._C
    actors._C = None
    try:
        yield
    finally:
        actors._C = saved


@pytest.fixture(scope="module")
def pairs():
    """The built-in lexicons (loaded language + venezuela-2019 actors), alone and with
    :data:`CORNER_TERMS` added."""
    lex = framing.load_lexicon()
    extra = [Entry(t, "delegitimizing", -1) for t in CORNER_TERMS]
    corners = Lexicon(list(lex.entries) + extra, lex.categories.values(), actors=lex.actors, name="corners")
    return [Pair(lex), Pair(corners)]


@pytest.fixture(scope="module")
def pair(pairs):
    return pairs[0]


def _article(matcher, text, hits, *, norm=False, para_quotes=False):
    """A fresh ``_Article`` as find_matches builds it (the article caches what it computes)."""
    if para_quotes:  # what the matcher hands over: unclassified quotations, classified on demand
        quotes = [q for ps, pe in paragraph_spans(text) for q in paragraph_quotes(text, ps, pe, classify=False)]
    else:
        quotes = quote_spans(text)
    layer = None
    if norm:
        layer, index = normalize_mapped(text)
        if index is not None:  # the matcher only passes a layer as long as the text
            layer = None
    return actors._Article(matcher, text, hits, sentence_spans(text), quotes, layer)


def _diff_message(pair, text, hits, c_out, py_out, c_art, py_art) -> str:
    if len(c_out) != len(py_out):
        return f"text={text!r}: C gave {len(c_out)} results, Python {len(py_out)}"
    names = pair.comp.actors.names

    def show(r):
        return r if r[0] is None or r[0] < 0 else (r[0], names[r[0]], r[1])

    for h, (c, p) in enumerate(zip(c_out, py_out)):
        if c != p:
            s, e = hits[h][0], hits[h][1]
            note = "" if c_art.mentions == py_art.mentions else (
                f"\n(the mentions differ too: C {c_art.mentions} != Python {py_art.mentions})")
            return (f"text={text!r}\nfirst differing hit #{h} {text[s:e]!r} at [{s}, {e}): "
                    f"Python {show(p)} != C {show(c)}{note}")
    return ""


def assert_same(pair, text, **kw):
    """``C.targets`` equals the Python rules on ``text``, each side on its own article;
    returns ``(hits, Python targets)``."""
    hits = pair.comp.scan(text)
    c_art = _article(pair.comp.actors, text, hits, **kw)
    c_out = C.targets(c_art)
    with _pure_python():
        py_art = _article(pair.py_actors, text, hits, **kw)
        py_out = [py_art.target(h) for h in range(len(hits))]
    assert c_out == py_out, _diff_message(pair, text, hits, c_out, py_out, c_art, py_art)
    return hits, py_out


# ---------------------------------------------------------------------------
# Pieces of random text
# ---------------------------------------------------------------------------

TERMS = [
    "self-proclaimed", "self-styled", "so-called", "regime", "the regime", "dictator", "dictatorship", "usurper",
    "usurp", "putschists", "putschist", "puppet", "puppet master", "illegitimate", "democratically elected",
    "legitimate", "rightful", "interim president", "\"interim president\"", "“interim president”", "strongman",
    "thugs", "henchmen", "coup", "junta", "tyrant", "lackey", "crony", "stooge", "sham", "rigged", "renegade",
    "mandate", "narco-state", "US-backed", "opposition-led", "US-\u2011backed", "régime", "REGIME", "Regime",
    "self\u00adproclaimed", "loyal", "legitimate president", "democratically elected president",
    *CORNER_TERMS,
]
ACTORS = [
    "Maduro", "Guaidó", "Guaido", "Guaido\u0301", "Juan Guaidó", "the Venezuelan government", "Venezuelan government",
    "the opposition", "opposition", "The opposition", "the US", "US", "U.S.", "USA", "Washington", "the president",
    "The president", "President Maduro", "President Trump", "Trump", "Cabello", "the military", "soldiers",
    "the soldiers", "the Lima Group", "Russia", "the Kremlin", "Moscow", "the defense minister",
    "Defense Minister Padrino", "Padrino", "Chavistas", "colectivos", "National Assembly", "Maduro government",
    "Maduro administration", "opposition figure", "opposition leader", "Pompeo", "the EU", "UN", "the UN", "us",
]
PRONOUNS = [
    "he", "He", "HE", "him", "Him", "his", "His", "HIS", "her", "Her", "she", "She", "its", "Its", "it", "It",
    "their", "Their", "they", "They", "them", "themselves", "himself", "itself", "I", "me", "my", "we",
]
VERBS = [
    "is", "was", "been", "has", "has been", "are", "were", "remains", "became", "be", "had", "will", "is not",
    "was still", "is nothing but", "only", "a", "an", "the", "The", "A", "this",
    "called", "branded", "labelled", "named", "dubbed", "calls", "declared", "considered", "was branded a",
    "was called", "described as", "seen as", "recognised as", "as", "recognized", "regarded as", "hailed as",
    "described", "accused",
    "led by", "backed by", "loyal to", "supporters of", "allies of", "waged by", "staged by", "paid by",
    "allied with", "supporters", "followers", "allies", "loyalists", "troops", "figure", "leader", "officials",
    "members",
]
POSSESSIVES = [
    "Maduro’s", "Maduro's", "the soldiers’", "the soldiers'", "Guaidó’s supporters", "Guaidó's", "Trump’s", "US’s",
    "’s", "’", "'s", "Maduro’s supporters", "his allies", "Their leaders",
]
CLAUSES = [
    "which", "who", "whom", "whose", "that", ", which", ", who", ", whom", ", whose", ", that", "which it calls",
    "which they call", "whom he calls", "said", "says", "told", "tweeted", "shot back", "hit back", "fired back",
    "hit  back", "according to", "According to", "warned", "claimed", "against", "for", "to the", "denounced",
    "condemned", "rejected", "; ", ":", "(", ")", "[", "]", "—", "–", " - ", " -- ", ", and", ", while", ", but",
    ", saying", ", backing", ", Saying", ", sayingX", ", according", "That", "Which", "WHO", "while", "because",
]
QUOTES = ['"', "“", "”", "‘", "’", "«", "»", "'", "‹", "›", "„", "‚", "‛", "‟"]
OTHERS = [
    "Juan Pérez", "Carlos de la Cruz", "María", "El Nacional", "Mr. Pérez", "Gen.", "Mr.",
    "CARACAS (Reuters) - ", "CARACAS — ", "WASHINGTON (AP) -- ", "Headline\n",
    "é", "İ", "\u212a", "ß", "ſ", "7", "2019", "_", "\u00a0", "\u0301", "\u00ad", "\u200b", "ж", "Ǆ", "𝐢𝐬",
    "x" * 40, "Supercalifragilisticexpialidocious", "A" * 33, "\u212anown", "spea\u212aer", "İs", "i\u0301s",
    "IS", "Is", "WAS", "AS", "As", "SPEAKER", "he_", "_he", "his7",
    ".", ". ", "! ", "? ", ",", ", ", "-", "‐", "‑", "…", "\n", "\n\n",
]
SEPARATORS = [" ", " ", " ", " ", "", "  ", "\n", "\n\n", "\u00a0", "\t"]

piece = st.one_of(*(st.sampled_from(p) for p in (TERMS, ACTORS, PRONOUNS, VERBS, POSSESSIVES, CLAUSES, QUOTES,
                                                   OTHERS)))
random_chunk = st.lists(st.tuples(piece, st.sampled_from(SEPARATORS)), min_size=1, max_size=25).map(
    lambda xs: "".join(p + s for p, s in xs))

# Sentences in the order the rules read: subject, auxiliary, verb, determiner, term, tail.
SUBJECTS = [
    "Maduro", "Guaidó", "He", "he", "She", "They", "It", "The opposition", "Washington", "The US", "the president",
    "Juan Pérez", "Carlos de la Cruz", "The soldiers", "Soldiers", "The defectors", "the Venezuelan government",
    "President Maduro", "Trump", "I", "We", "Maduro’s supporters", "Guaidó's followers", "His allies",
    "Cabello, the second most powerful man,", "CARACAS (Reuters) - Maduro", "WASHINGTON — Guaidó", "Mr. Pérez",
]
AUXES = ["", "is", "was", "has been", "remains", "is not", "was also", "were", "is still", "became",
         "is nothing but"]
MAIN_VERBS = [
    "", "called", "branded", "labelled", "named", "dubbed", "calls", "described as", "seen as", "recognised as",
    "denounced", "condemned", "said", "told", "tweeted", "shot back", "backed", "accused", "declared himself",
    "hailed as", "was branded", "is seen as", "rejected",
]
DETERMINERS = ["", "a", "an", "the", "his", "her", "its", "their", "this", "Maduro's", "Guaidó’s", "the soldiers’",
               "US", "a US", "the US"]
TAILS = [
    "", "led by Guaidó", "backed by Washington", "loyal to Maduro", "supporters of Guaidó", "of Maduro",
    "Juan Guaidó", "Maduro", ", Maduro", ", Maduro said", ", which recognised Guaidó,", ", who", "who defected",
    "against Maduro", "according to Washington", "in Caracas", ", saying", ", and Maduro", "; he", ": Maduro",
    "(Maduro)", "— Guaidó", "- the US", "whom he calls", "which it calls", "that", "supporters", "figure Guaidó",
    "’s supporters", "Maduro government", "led by opposition figure, Juan Guaido",
]
ENDS = [".", ". ", "! ", "? ", ",", ";", "", "\n", "\n\n", "…", '," he said. ', "” Maduro said. "]


def _opt(options):
    return st.one_of(st.just(""), st.sampled_from(options))


sentence = st.tuples(
    _opt(QUOTES), _opt(SUBJECTS), _opt(AUXES), _opt(MAIN_VERBS), _opt(DETERMINERS), _opt(QUOTES),
    st.sampled_from(TERMS), _opt(QUOTES), _opt(TAILS), _opt(OTHERS), st.sampled_from(ENDS),
).map(lambda parts: " ".join(p for p in parts[:-1] if p) + parts[-1])

article_text = st.lists(st.one_of(sentence, random_chunk), min_size=1, max_size=6).map(" ".join)


@settings(max_examples=1200, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=article_text, lexicon=st.sampled_from([0, 1]), norm=st.booleans(), para_quotes=st.booleans())
def test_targets_on_random_text(pairs, text, lexicon, norm, para_quotes):
    assert_same(pairs[lexicon], text, norm=norm, para_quotes=para_quotes)


# The same pieces drawn by a seeded generator: many more (and longer) texts than
# the Hypothesis test runs, with characters inserted and deleted at random.
NOISE = list(" \n\t\u00a0,.;:!?()[]—–-‐‑'\"“”‘’«»‹›„_\u0301\u00ad\u200bé İ\u212aßſ7ǄЖabcdehimstxyzHIST") + ["𝐢"]
ALL_PIECES = TERMS + ACTORS + PRONOUNS + VERBS + POSSESSIVES + CLAUSES + QUOTES + OTHERS


def _random_sentence(rng: random.Random) -> str:
    parts = []
    for options, p in ((SUBJECTS, 0.8), (AUXES, 0.6), (MAIN_VERBS, 0.6), (DETERMINERS, 0.6), (TERMS, 1.0),
                       (TAILS, 0.7), (OTHERS, 0.1)):
        if rng.random() < 0.08:
            parts.append(rng.choice(QUOTES))
        if rng.random() < p:
            parts.append(rng.choice(options))
        if rng.random() < 0.08:
            parts.append(rng.choice(ALL_PIECES))
    if rng.random() < 0.3:
        parts.reverse()
    if rng.random() < 0.1:
        parts.insert(rng.randrange(len(parts) + 1), "x" * rng.randint(1, 150))
    return " ".join(parts) + rng.choice(ENDS)


def _random_text(rng: random.Random) -> str:
    chunks = []
    for _ in range(rng.randint(1, 8)):
        if rng.random() < 0.7:
            chunks.append(_random_sentence(rng))
        else:
            chunks.append("".join(rng.choice(ALL_PIECES) + rng.choice(SEPARATORS) for _ in range(rng.randint(1, 30))))
    chars = list(rng.choice(SEPARATORS).join(chunks))
    for _ in range(rng.choice((0, 0, 1, 3, 8))):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(NOISE))
    for _ in range(rng.choice((0, 0, 0, 1, 3))):
        if chars:
            del chars[rng.randrange(len(chars))]
    return "".join(chars)


@pytest.mark.parametrize("seed", range(4))
def test_targets_on_seeded_random_text(pairs, seed):
    rng = random.Random(20191 + seed)
    n_hits = 0
    for i in range(5000):
        hits, _ = assert_same(pairs[i % 2], _random_text(rng), norm=i % 3 == 0, para_quotes=i % 5 == 0)
        n_hits += len(hits)
    assert n_hits > 15000  # the texts are made of hits


# ---------------------------------------------------------------------------
# Hand-written sentences: each names a hit, its expected target and rule
# ---------------------------------------------------------------------------

# (text, matched text of the hit, expected target, expected rule); "" "" when the
# rules find the labelled noun phrase and it is no declared actor.
RULE_CASES = [
    ("The Maduro regime arrested dozens of protesters.", "Maduro regime", "Nicolás Maduro", "contains"),
    ('The self-proclaimed "interim president" Juan Guaidó spoke in Caracas.', "self-proclaimed", "Juan Guaidó",
     "premodifier"),
    ('The self-proclaimed "interim president" Juan Guaidó spoke in Caracas.', "interim president", "Juan Guaidó",
     "premodifier"),
    ("The democratically elected president, Maduro, met the envoys.", "democratically elected",
     "Nicolás Maduro", "apposition"),
    ("They met Maduro, the legitimate president, in Caracas.", "legitimate president", "Nicolás Maduro",
     "apposition"),
    ("Maduro's regime jailed the protesters.", "regime", "Nicolás Maduro", "possessive"),
    ("Maduro’s dictatorship jailed them.", "dictatorship", "Nicolás Maduro", "possessive"),
    ("The soldiers’ coup failed.", "coup", "Bolivarian National Armed Forces", "possessive"),
    ("Guaidó is a puppet.", "puppet", "Juan Guaidó", "predicate"),
    ("Washington is the puppet master, he said.", "puppet master", "United States government", "predicate"),
    ("Maduro was branded a dictator by the envoys.", "dictator", "Nicolás Maduro", "predicate"),
    ("Trump called Maduro a dictator.", "dictator", "Nicolás Maduro", "predicate"),
    ("Maduro described Guaidó as a puppet.", "puppet", "Juan Guaidó", "predicate"),
    ("Guaidó, recognised as the legitimate president by fifty countries, toured Europe.",
     "legitimate president", "Juan Guaidó", "predicate"),
    ("Washington backs Guaidó against the Venezuelan government, which it calls a dictatorship.",
     "dictatorship", "Nicolás Maduro", "predicate"),
    ("Putschists led by Guaidó stormed the base.", "Putschists", "Juan Guaidó", "led_by"),
    ("The putschists loyal to Guaidó were arrested.", "putschists", "Juan Guaidó", "led_by"),
    ("Guaidó's supporters are putschists.", "putschists", "Juan Guaidó", "led_by"),
    ("Guaidó arrived in Caracas. He is a puppet, the envoy said.", "puppet", "Juan Guaidó", "pronoun"),
    ("Maduro addressed the crowd. His regime is collapsing.", "regime", "Nicolás Maduro", "pronoun"),
    ("Guaidó vowed to press on. Maduro called him a puppet.", "puppet", "Juan Guaidó", "pronoun"),
    ("President Maduro spoke on Monday. The president is a dictator, the envoy said.", "dictator",
     "Nicolás Maduro", "pronoun"),
    ("“I am the legitimate president,” Maduro said.", "legitimate president", "Nicolás Maduro", "pronoun"),
    ("In the capital, thugs attacked Guaidó during the rally.", "thugs", "Juan Guaidó", "clause"),
    ("The regime, Maduro said, is strong.", "regime", "Nicolás Maduro", "clause"),
    ("The US-backed coup failed, Maduro said.", "coup", "United States government", "clause"),
    # the labelled noun phrase is no actor: the search stops with no target
    ("The defectors were mercenaries.", "mercenaries", "", ""),
    ("Carlos de la Cruz said he is a dictator.", "dictator", "", ""),
    ("It was a coup staged by Washington.", "coup", "", ""),
]


def _result(pair, hits, out, text, term):
    found = [(r, hits[h]) for h, r in enumerate(out) if text[hits[h][0]:hits[h][1]] == term]
    assert found, f"{term!r} is no hit of {text!r}: {[text[h[0]:h[1]] for h in hits]}"
    (actor, rule), _ = found[0]
    return (pair.comp.actors.names[actor] if actor is not None and actor >= 0 else ""), rule


@pytest.mark.parametrize("text, term, target, rule", RULE_CASES)
def test_rule_cases(pair, text, term, target, rule):
    for norm in (False, True):
        hits, py_out = assert_same(pair, text, norm=norm)
        assert _result(pair, hits, py_out, text, term) == (target, rule)


def test_rule_cases_cover_every_rule():
    assert {rule for _, _, _, rule in RULE_CASES} >= set(actors.TARGET_RULES)


# Corners of the hand-written parts of the C code, compared on fixed text.
CORNER_TEXTS = [
    # the tokeniser: inner apostrophes, hyphens and dots; long words; "_" splits nothing in \w
    "Maduro’s-backed regime. U.S.’s regime. Guaidó's’s puppet. " + "x" * 70 + " is a dictator.",
    "Maduro_is a dictator. Maduro is_a dictator. He_ is a puppet. his_regime and its7 regime.",
    # lower-casing: the Kelvin sign lowers to ASCII "k", "İ" to two characters
    "The SPEA\u212aER, Maduro, is a dictator. \u212anown as a dictator, Maduro left. İs Maduro a dictator?",
    "Maduro İs a dictator. Maduro IS a dictator. Maduro Is a dictator. MADURO WAS BRANDED A DICTATOR.",
    # the layer gate: invisible characters, NFD accents, fullwidth and mathematical letters
    "Maduro i\u0301s a dictator. Maduro i\u00ads a dictator. Maduro 𝐢𝐬 a dictator. Maduro ｉｓ a dictator.",
    # pronoun word search: case, word boundaries, ends of windows
    "HE is a puppet. He is a puppet. THEY are putschists. Them putschists. the regime, she said. ahe regime",
    # clause breaks: dashes, brackets, comma + conjunction or -ing, speech verbs, pairs
    "Maduro - the regime; Guaidó (a puppet) [the regime] — putschists – thugs: the coup, saying the regime.",
    "The regime, Guaidó shot back, is a dictatorship. The regime, Maduro hit  back, is strong.",
    "The regime, sayingX Maduro, is strong. The regime, Saying Maduro, is strong. The coup,and Maduro left.",
    # relatives after a comma, relatives right after a mention
    ("Soldiers who defected are putschists. Soldiers, who defected, are putschists. The US, which backs "
     "Guaidó, is an empire. The opposition, whom Maduro calls putschists, marched."),
    # against / according to / judging verbs
    ("Guaidó denounced the Maduro dictatorship. According to the US, the regime is finished. The coup against "
     "the opposition failed. The Lima Group condemned the dictatorship."),
    # datelines and paragraph breaks
    "CARACAS (Reuters) - He called the regime a dictatorship.\n\nWASHINGTON — They are putschists, he said.",
    # quotes of every kind and speech inside them
    ("«El régimen» said Maduro. ‘He is a puppet,’ Maduro said. \"I am the rightful president,\" Guaidó said. "
     "„They are putschists“, Cabello said. ‹the regime› ‚puppet‘ 'dictator'"),
    # possessives with both apostrophes and names that are no actors
    "Juan Pérez said he is a dictator. Carlos de la Cruz’s regime. The soldiers' coup. The soldiers’ coup.",
    # the clause window: a mention exactly CLAUSE_WINDOW words away, and one word further
    ("Maduro one two three four five six seven the regime. Maduro one two three four five six seven eight the "
     "regime. The regime one two three four five six seven Guaidó. The regime one two three four five six seven "
     "eight Guaidó."),
    "Maduro] the regime [Guaidó. Maduro) the regime (Guaidó. Maduro — the regime – Guaidó.",
    # title anaphors
    ("President Maduro spoke. The president is a dictator. The president-elect is a puppet. "
     "The president of Colombia is a puppet."),
]


@pytest.mark.parametrize("i", range(len(CORNER_TEXTS)))
def test_corner_texts(pair, i):
    for norm in (False, True):
        for para_quotes in (False, True):
            assert_same(pair, CORNER_TEXTS[i], norm=norm, para_quotes=para_quotes)


def test_targets_on_articles(pair):
    texts = article_texts()
    assert texts
    for text in texts:
        assert_same(pair, text)
        assert_same(pair, text, para_quotes=True)


def test_clause_window_matches_python():
    assert C.CLAUSE_WINDOW == actors.CLAUSE_WINDOW
