"""The C extension (framing._speedups) gives exactly the results of the Python reference.

Every C function is compared with its Python twin on real text (the seeds, the
edge-case articles, the actor-annotated articles) and on random text built to
hit the rules' corners (quotes of every family, abbreviations, line breaks,
invisible characters, accents).  When the extension is not built these tests
skip, unless ``FRAMING_REQUIRE_SPEEDUPS=1`` (set by ``.ci/run``) makes that a
failure.
"""

from __future__ import annotations

import functools
import os
import re
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
import framing.actors as factors
import framing.match as fmatch
import framing.text as ftext
from framing import Entry, Lexicon

from corpus_texts import article_texts

HERE = Path(__file__).parent
C = ftext._C

if C is None and os.environ.get("FRAMING_REQUIRE_SPEEDUPS") == "1" and not os.environ.get("FRAMING_PURE_PYTHON"):
    pytest.fail("framing._speedups was not built but FRAMING_REQUIRE_SPEEDUPS=1", pytrace=False)
pytestmark = pytest.mark.skipif(C is None, reason="framing._speedups not built")


ARTICLES = article_texts()

# Random text that exercises the rules: quote marks of every family next to letters,
# spaces and punctuation; abbreviations and initials; line breaks and blank lines;
# hyphens at line ends; accents, NFD marks, soft hyphens; speech verbs after quotes.
PIECES = [
    " ", " ", " ", "\n", "\n\n", "  \n", "\t", "\u00a0", ".", ". ", "! ", "? ", "…", ",", ":", ";", "-", "-\n",
    '"', "'", "“", "”", "‘", "’", "«", "»", "‹", "›", "「", "」", "„", "(", ")", "[", "]",
    "Mr.", "U.S.", "J.", "etc.", "No.", "Gen.", "a.m.", "the", "The", "He", "Maduro", "Guaidó", "Guaido\u0301",
    "self-proclaimed", "self\u00adproclaimed", "putschists", "putsches", "regime change", "regime",
    "régime", "coup", "coup d’état", "COUP", "putsch-\nists",
    "traitors", "said", "told", "Maduro said", "he said", "according to", "interim president", "it’s",
    "soldiers’", "SOLDIERS’ ", "Headline", "x", "7", "Ünïcödé", "ﬁ", "İ", "ß", "_", "ж", "北京",
    "\u00a0\n", " \r\n", "\u2028", "\x0c", "A", "Z", "Ms.", "St.", "Sept.", "etc.)", '." ', '?"', '!’ ',
    "… ", "\n“", ".\n", '," he said', "” Maduro said.", "‘", "’s", "'t", "8.5", "(AP) ",
    # quotations around the scare-quote word limit (5), holding a term
    ' "the regime" ', " “a brutal regime here” ", ' "a regime of thugs now" ', " “a regime of thugs and liars” ",
    ' "regime of six words here now" ', " «the putschist regime» ",
]
random_text = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


def _python_compiled(lexicon: Lexicon) -> fmatch.CompiledLexicon:
    """The same lexicon compiled for the pure-Python matcher (pyahocorasick)."""
    saved = fmatch._C
    fmatch._C = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fmatch.compile_lexicon(lexicon)
    finally:
        fmatch._C = saved


def test_rule_lists_match_python():
    assert set(C.ABBREVIATIONS) == set(ftext._ABBREVIATIONS)
    assert C.SCARE_QUOTE_MAX_WORDS == ftext.SCARE_QUOTE_MAX_WORDS
    ahead = re.search(r"\(\?:(said\|.*?)\)", ftext._ATTRIBUTION_AHEAD).group(1).split("|")
    assert list(C.SPEECH_AHEAD) == ahead


def _check_text(text: str) -> None:
    layer = C.layer(text)
    norm, index = ftext.normalize_mapped(text)
    if layer is None:
        assert index is not None or ftext._INVISIBLE.search(text)
    elif index is None:
        assert layer == norm
    for end in (None, len(text) // 2, len(text)):
        assert C.sentence_spans(text, end) == ftext._sentence_spans_py(text, end), end
    for pos in {0, len(text) // 3, len(text) // 2, max(0, len(text) - 1)}:
        if pos < len(text) or pos == 0:
            assert C.paragraph_of(text, pos) == ftext._paragraph_of_py(text, pos)
    for ps, pe in ftext.paragraph_spans(text):
        got = [ftext.QuoteSpan(a, b, "quoted", closed) for a, b, closed in C.paragraph_quotes(text, ps, pe)]
        assert got == ftext._paragraph_quotes_py(text, ps, pe), (ps, pe)


@pytest.mark.parametrize("i", range(len(ARTICLES)))
def test_text_functions_on_articles(i):
    _check_text(ARTICLES[i])


@settings(max_examples=1500, deadline=None)
@given(random_text)
def test_text_functions_on_random_text(text):
    _check_text(text)


@pytest.fixture(scope="module")
def lexicons():
    builtin = framing.load_lexicon()
    extra = Lexicon([
        Entry("coup*", "conflict", -1), Entry("NO", "hyperbole", 0, case_sensitive=True),
        Entry("coup", "conflict", -1, exceptions=("coup d'état", "coup de grâce")),
        Entry("北京", "conflict", 0), Entry("ж", "conflict", 0), Entry("the regime", "delegitimizing", -1),
        # same span, different entries: the wildcard term (priority 3) beats the inflection (1)
        Entry("putschist", "conflict", -1), Entry("putsch*", "conflict", -1),
        Entry("regime change", "conflict", -1, variants=("regime-change",)),
    ], name="corners")
    return [builtin, extra]


def _scan_both(lex, text):
    py = _python_compiled(lex)
    return lex.compiled.scan(text), py.scan(text)


def test_scan_on_articles(lexicons):
    for lex in lexicons:
        py = _python_compiled(lex)
        for text in ARTICLES:
            assert lex.compiled.scan(text) == py.scan(text)


@settings(max_examples=300, deadline=None)
@given(random_text)
def test_scan_on_random_text(lexicons, text):
    for lex in lexicons:
        c_hits, py_hits = _scan_both(lex, text)
        assert c_hits == py_hits


def test_find_matches_identical(lexicons, monkeypatch):
    arts = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(ARTICLES))], "outlet": "x",
                         "text": ARTICLES})
    for lex in lexicons:
        for attribute in (False, True):
            c_out = framing.find_matches(arts, lex, attribute=attribute)
            with monkeypatch.context() as m:
                m.setattr(fmatch, "_C", None)
                m.setattr(ftext, "_C", None)
                m.setattr(factors, "_C", None)
                py_lex = Lexicon(lex.entries, lex.categories.values(), actors=lex.actors, name=lex.name)
                assert not py_lex.compiled.native
                py_out = framing.find_matches(arts, py_lex, attribute=attribute)
            pd.testing.assert_frame_equal(c_out, py_out)


def test_ties_resolved_as_in_python(lexicons):
    text = "Putschists and putsches: regime change, the regime."
    c_hits, py_hits = _scan_both(lexicons[1], text)
    assert c_hits == py_hits
    entries = lexicons[1].entries
    assert [entries[h[2]].term for h in c_hits][:2] == ["putsch*", "putsch*"]


@settings(max_examples=200, deadline=None)
@given(st.lists(random_text, min_size=1, max_size=4))
def test_batch_on_random_text(lexicons, texts):
    """The C batch driver (voices, sentence indices, quote pre-checks) against Python, on random text."""
    arts = pd.DataFrame({"article_id": [f"r{i}" for i in range(len(texts))], "outlet": "x", "text": texts})
    lex = lexicons[0]
    c_out = framing.find_matches(arts, lex, attribute=False)
    saved = fmatch._C, ftext._C
    fmatch._C = ftext._C = None
    try:
        py_out = framing.find_matches(arts, Lexicon(lex.entries, lex.categories.values(), name="py"),
                                      attribute=False)
    finally:
        fmatch._C, ftext._C = saved
    pd.testing.assert_frame_equal(c_out, py_out)


def test_mapped_path_and_bad_input():
    lex = Lexicon([Entry("putschist", "conflict", -1), Entry("self-proclaimed", "delegitimizing", -1)])
    text = "The putsch-\nists and the self\u00adproclaimed re\u0301gime"
    m = framing.find_matches(text, lex)
    assert m["matched_text"].tolist() == ["putsch-\nists", "self\u00adproclaimed"]
    assert lex.compiled.scan(text) == _python_compiled(lex).scan(text)
    with pytest.raises(TypeError):
        C.sentence_spans(b"bytes")
    with pytest.raises(TypeError):
        C.Automaton([("x", (0,))], b"\0", None)


def test_long_text_streams(lexicons):
    """A long text is scanned as interleaved chunks: hits at the seams are found once."""
    text = "\n\n".join(ARTICLES) * 3
    for lex in lexicons:
        c_hits, py_hits = _scan_both(lex, text)
        assert c_hits == py_hits and len(c_hits) > 40
    # a term straddling every possible seam position
    lex = Lexicon([Entry("self-proclaimed interim president", "delegitimizing", -1)])
    text = "x " * 5000 + "the self-proclaimed interim president " * 400
    c_hits, py_hits = _scan_both(lex, text)
    assert c_hits == py_hits and len(c_hits) == 400


def test_sparse_automaton(lexicons, monkeypatch):
    """Very large lexicons scan with failure links instead of a full table: same hits."""
    class Sparse(C.Automaton):
        def __new__(cls, *args):
            return super().__new__(cls, *args, False)

    monkeypatch.setattr(C, "Automaton", Sparse)
    text = "\n\n".join(ARTICLES) * 2
    for lex in lexicons:
        sparse = fmatch.compile_lexicon(lex)
        assert not sparse.automaton.dense and sparse.native
        assert sparse.scan(text) == _python_compiled(lex).scan(text)
        for article in ARTICLES:
            assert sparse.scan(article) == lex.compiled.scan(article)


def test_review_regressions():
    """Inputs from the code review of _speedups.c, each once a difference or a crash."""
    import numpy as np

    # folds to ASCII punctuation or capitals ("⑴" -> "(", "ℌ" -> "H") read as the layer has them
    lex = Lexicon([Entry("coup*", "conflict", -1)])
    assert lex.compiled.scan("coups⑴plotted") == _python_compiled(lex).scan("coups⑴plotted") == [(0, 5, 0, 3)]
    assert C.layer("ℌ⑴x") == ftext.normalize("ℌ⑴x") == "h x"
    # a final sigma folds the same everywhere
    greek = Lexicon([Entry("λογος", "conflict", 0)])
    assert greek.compiled.scan("λογο𝚺 Σ") == _python_compiled(greek).scan("λογο𝚺 Σ")
    # positions out of range are read as str.find reads them
    for text, pos in (("abc", 10), ("a.\nb.\nc", -1), ("a.\nb.\nc", -100), ("", 0)):
        assert C.paragraph_of(text, pos) == ftext._paragraph_of_py(text, pos)
    assert C.sentence_spans("Hi. There", np.int64(5)) == ftext._sentence_spans_py("Hi. There", 5)
    # inconsistent sizes are errors, not reads outside the text
    auto = Lexicon([Entry("coup", "conflict", -1), Entry("coup x", "conflict", -1)]).compiled.automaton
    with pytest.raises(ValueError):
        auto.scan("a coup", "a coup", [0])
    with pytest.raises(ValueError):
        auto.scan("abc" * 3, "abc" * 3 + " coup x", None)
    with pytest.raises(ValueError):
        C.Automaton([(" coup ", (0, False, 3, 60, False, False))], b"\0", None)
    assert not C.Automaton([(" coup ", (0, False, 3, 6, False, False))], b"\0", None, dense=False).dense


# -- actor attribution -------------------------------------------------------------
# Pieces for the attribution rules: aliases, titles, names of people who are not
# actors, pronouns in every case, copulas and labelling verbs, possessives, relative
# clauses, clause breaks, speech verbs, quotes.
ACTOR_PIECES = PIECES + [
    "President Nicolás Maduro", "Nicolas Maduro", "Maduro’s", "Maduro's", "Guaidó’s supporters", "the president",
    "the president of", "president-elect", "the Venezuelan government", "the government", "the opposition",
    "the US", "the U.S.", "US", "us", "Washington", "Russia", "China", "the military", "the Lima Group",
    "Juan Pérez", "Carlos de la Cruz", "Ana y María", "Mr. Smith", "The New York Times", "Monday", "El Nacional",
    "He ", "he ", "HE ", "him", "his ", "His ", "her ", "Her ", "its ", "their ", "They ", "them", "it ", "I ",
    "me", "my ", "we ", "is", "was", "has been", "is a", "was branded a", "called", "calls him a", "as",
    "described as", "seen as", "which it calls", "who", "whom", "whose", "which", "that", ", which", ", who",
    ", and", ", while", ", saying", " - ", "—", "–", ";", ":", "(", ")", "led by", "backed by", "loyal to",
    "supporters of", "against", "according to", "denounced the", "for the", "to the", "dictator", "dictatorship",
    "usurper", "illegitimate", "puppet", "democratically elected", "self-proclaimed", "interim president",
    "US-backed", "opposition-led", "shot back", "hit back", "tweeted", "wrote", "CARACAS (Reuters) - ",
    "CARACAS, Venezuela — ", "\u212a", "İ", "ſ", "_", "é", "ﬁ",
]
actor_text = st.lists(st.sampled_from(ACTOR_PIECES), min_size=20, max_size=80).map(lambda p: " ".join(p))


@pytest.fixture(scope="module")
def actor_matchers():
    lex = framing.load_lexicon()
    saved = factors._C
    factors._C = None
    try:
        py = factors.compile_actors(lex)   # pyahocorasick automaton, Python _scan
    finally:
        factors._C = saved
    return lex.compiled.actors, py


@settings(max_examples=400, deadline=None)
@given(actor_text)
def test_mentions_and_name_runs_on_random_text(actor_matchers, text):
    c_matcher, py_matcher = actor_matchers
    mentions, titles = c_matcher.automaton.mentions(text, c_matcher.patterns)
    found, py_titles = py_matcher._scan(text)
    assert [m[:4] for m in mentions] == found and titles == py_titles
    assert all(m[4] is False for m in mentions)
    sents = ftext.sentence_spans(text)
    art = factors._Article(c_matcher, text, [(0, 1, 0, 0)], sents, [])
    for k in range(len(sents)):
        assert art.name_runs(k) == art._name_runs_py(k), (k, text)


def test_name_runs_examples(actor_matchers):
    text = "Carlos de la Cruz met Juan Pérez and The New York Times in Caracas. Maduro met Ana y María."
    art = factors._Article(actor_matchers[0], text, [(0, 1, 0, 0)], ftext.sentence_spans(text), [])
    assert [r[2] for r in art.name_runs(0)] == ["Carlos de la Cruz", "Juan Pérez"]
    assert [r[2] for r in art.name_runs(1)] == ["Ana y María"]  # without the full stop
    assert art.name_runs(1) == art._name_runs_py(1)


class _PurePython:
    """Inside the block every module runs its Python reference."""

    def __enter__(self):
        self.saved = fmatch._C, ftext._C, factors._C
        fmatch._C = ftext._C = factors._C = None

    def __exit__(self, *exc):
        fmatch._C, ftext._C, factors._C = self.saved


@pytest.fixture(scope="module")
def pure_lexicon():
    lex = framing.load_lexicon()
    with _PurePython():
        py_lex = Lexicon(lex.entries, lex.categories.values(), actors=lex.actors, name="py")
        assert not py_lex.compiled.native and not isinstance(py_lex.compiled.actors.automaton, C.Automaton)
    return lex, py_lex


@settings(max_examples=200, deadline=None)
@given(st.lists(actor_text, min_size=1, max_size=3))
def test_attribution_on_random_text(pure_lexicon, texts):
    """Targets, rules and speakers of the C path (batch, C rules) against pure Python."""
    lex, py_lex = pure_lexicon
    arts = pd.DataFrame({"article_id": [f"r{i}" for i in range(len(texts))], "outlet": "x", "text": texts})
    c_out = framing.find_matches(arts, lex)
    with _PurePython():
        py_out = framing.find_matches(arts, py_lex)
    pd.testing.assert_frame_equal(c_out, py_out)


def test_batch_keeps_sentences_and_quotes():
    """match_batch(keep=True): every sentence, and the quotations of the paragraphs with hits."""
    lex = framing.load_lexicon()
    texts = ARTICLES[:6] + [b"not text", "no hit here", '“Regime,” he said.\n\nThe "regime" fell. Later.']
    out = C.match_batch(lex.compiled.automaton, texts, ftext.normalize_mapped, fmatch._is_scare_quote, True)
    assert len(out) == 11
    import numpy as np
    rows = np.frombuffer(out[0], dtype="int64")
    sents, quotes = np.frombuffer(out[7], dtype="int64"), np.frombuffer(out[8], dtype="int64")
    sent_ends, quote_ends = np.frombuffer(out[9], dtype="int64"), np.frombuffer(out[10], dtype="int64")
    with_hits = sorted(set(rows.tolist()))
    assert len(sent_ends) == len(quote_ends) == len(with_hits)
    s0 = q0 = 0
    for g, row in enumerate(with_hits):
        text = texts[row]
        spans = list(zip(sents[s0:sent_ends[g]:2].tolist(), sents[s0 + 1:sent_ends[g]:2].tolist()))
        assert spans == ftext._sentence_spans_py(text)
        starts = np.frombuffer(out[1], dtype="int64")[rows == row].tolist()
        expect, para_end = [], -1
        for s in starts:
            if s >= para_end:
                ps, para_end = ftext._paragraph_of_py(text, s)
                expect += ftext._paragraph_quotes_py(text, ps, para_end)
        got = quotes[q0:quote_ends[g]].tolist()
        assert [(q.start, q.end, q.closed) for q in expect] == [tuple(got[i:i + 3]) for i in range(0, len(got), 4)]
        kinds = got[3::4]
        for q, kind in zip(expect, kinds):   # classified: those holding hits
            if kind >= 0:
                assert (kind == 1) == (ftext.classify_quote(text, q).kind == "quoted")
        s0, q0 = sent_ends[g], quote_ends[g]


@functools.lru_cache(maxsize=1)
def _builtin_compiled():
    return framing.load_lexicon().compiled


def _attribution_both(matchers, text, quote_list):
    """C attribute() and the Python rules in the same order (all targets, then the speakers)."""
    c_matcher, _ = matchers
    hits = _builtin_compiled().scan(text)
    if not hits:
        return [], []
    sents = ftext.sentence_spans(text)
    c = C.attribute(factors._Article(c_matcher, text, hits, sents, list(quote_list)), None)
    art = factors._Article(c_matcher, text, hits, sents, list(quote_list))
    targets = [art.target(h) for h in range(len(hits))]
    py = [(a, r, art.speaker_of_hit(h)) for h, (a, r) in enumerate(targets)]
    return c, py


SPEECH_PIECES = ACTOR_PIECES + [
    '“The regime is a dictatorship,”', '"They are putschists,"', "said Maduro.", "Guaidó told reporters.",
    ': "', 'tweeted: "', "wrote on Twitter:", "Those were the words of Guaidó.", ", according to Reuters.",
    "Maduro’s tweet", "the minister’s statement", ", El Nacional reported.", "He added:", "Guaidó said that",
    "“We will not surrender to the dictatorship", "”\n\n“And the regime will fall,”", "I", "we", "you",
    "Asked about it, Maduro said", "Maduro ordered:", "Maduro called on", "he shot back.",
]
speech_text = st.lists(st.sampled_from(SPEECH_PIECES), min_size=20, max_size=80).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(speech_text)
def test_speakers_on_random_text(actor_matchers, text):
    for quotes in (ftext.quote_spans(text), [q for q in ftext.quote_spans(text) if q.closed]):
        c, py = _attribution_both(actor_matchers, text, quotes)
        assert c == py, text


def test_speakers_on_articles(actor_matchers):
    said = 0
    for text in ARTICLES:
        c, py = _attribution_both(actor_matchers, text, ftext.quote_spans(text))
        assert c == py
        said += sum(1 for x in c if x[2])
    assert said > 20   # the articles have attributed quotations: the comparison is not vacuous


# Texts that pin limits of the speaker and name rules (each found missing by a mutation of
# the C code): the tail after a speech verb before a quotation (<= 60 characters), a
# possessive name as speaker, a chain of continued quotations, a capital after an apostrophe.
PINNED = [
    ("Late on Monday night after long talks with ministers and generals at the palace Maduro said in a "
     "televised address from the palace on Monday night “The regime will fall and the people will be free "
     "at last,” and left.", [("regime", "", "Nicolás Maduro")]),
    ("“The regime is finished and everybody in the region knows it,” Lopez Obrador's spokesman said.",
     [("regime", "", "Lopez Obrador")]),
    ("“The regime lies and steals from the people,” Maduro said. “We will win this fight, and we will win "
     "it soon.” “The dictatorship will fall, all of it, very soon indeed.”",
     [("regime", "", "Nicolás Maduro"), ("dictatorship", "", "Nicolás Maduro")]),
    ("Yesterday d’Artagnan Silva met Maduro. He is a dictator.", [("dictator", "Nicolás Maduro", "")]),
]


@pytest.mark.parametrize("text,expect", PINNED)
def test_pinned_speakers_and_names(pure_lexicon, text, expect):
    lex, py_lex = pure_lexicon
    arts = pd.DataFrame({"article_id": ["p"], "outlet": "x", "text": [text]})
    c_out = framing.find_matches(arts, lex)
    assert list(zip(c_out["matched_text"], c_out["target"], c_out["speaker"])) == expect
    with _PurePython():
        py_out = framing.find_matches(arts, py_lex)
    pd.testing.assert_frame_equal(c_out, py_out)


# -- the second review (the C attribution code) ----------------------------------------------
def test_review2_order_of_targets_and_speakers(pure_lexicon):
    """A target rule asks who speaks a quotation ("I am no dictator"): both modes fill the speaker
    cache in the same order (all targets, then the speakers), so they agree on chains of quotes."""
    lex, py_lex = pure_lexicon
    text = ('Maduro said: "We go." "The dictator lies." "We go." "We go." "We go." "We go." '
            '"I am no dictator." Guaidó left.')
    arts = pd.DataFrame({"article_id": ["o"], "outlet": "x", "text": [text]})
    c_out = framing.find_matches(arts, lex)
    with _PurePython():
        py_out = framing.find_matches(arts, py_lex)
    pd.testing.assert_frame_equal(c_out, py_out)


def test_review2_offsets_outside_the_text(pure_lexicon):
    lex, py_lex = pure_lexicon
    text = 'Maduro: "he is a dictator,"'
    hits = lex.compiled.scan(text)
    quotes = ftext.quote_spans(text)
    for matcher, pure in ((lex.compiled.actors, False), (None, True)):
        for sents, q in (([(0, 10**6)], quotes), ([(0, len(text))], [ftext.QuoteSpan(8, 99, "quoted", True)]),
                         ([(5, 2)], quotes)):
            if pure:
                with _PurePython(), pytest.raises(ValueError, match="does not fit a text of length 27"):
                    py_lex.compiled.actors.attribute(text, hits, sents, q)
            else:
                with pytest.raises(ValueError, match="does not fit a text of length 27"):
                    matcher.attribute(text, hits, sents, q)
        with pytest.raises(ValueError, match="hit 0"):
            lex.compiled.actors.attribute(text, [(3, 99, 0, 0)], [(0, len(text))], quotes)


def test_review2_python_errors_propagate(actor_matchers):
    """An exception raised in Python while the C rules run comes out as it was raised."""
    class Failing(factors._Article):
        def is_speech(self, k):
            if k == 1:
                raise KeyError("boom")
            return super().is_speech(k)

    text = 'The dictator against "Maduro" and "Guaidó" and "Cabello" met, they said.'
    hits = _builtin_compiled().scan(text)
    art = Failing(actor_matchers[0], text, hits, ftext.sentence_spans(text), ftext.quote_spans(text))
    with pytest.raises(KeyError, match="boom"):
        C.attribute(art, None)
