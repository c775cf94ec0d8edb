"""The automaton: the one rule-free piece with two implementations, held equal here.

:class:`framing.automaton.Automaton` answers "which padded form ends where" with a
precomputed table (compiled builds) or with pyahocorasick (interpreted, or huge
lexicons).  Both must give the same key ends on real and random text, and
``CompiledLexicon.scan`` must give the same hits whichever runs.  Also: the build
was compiled when CI expects it, and compiled lexicons pickle.
"""

from __future__ import annotations

import os
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
import framing.match as fmatch
from framing import Entry, Lexicon
from framing.automaton import Automaton
from framing.match import compile_lexicon
from framing.text import normalize_mapped

from corpus_texts import article_texts

ARTICLES = article_texts()

# Random text that exercises folding and the key ends: accents, NFD marks, soft hyphens,
# hyphens at line ends, other scripts, letters that fold to ASCII punctuation.
PIECES = [
    " ", " ", "\n", "\n\n", "\t", "\u00a0", ".", ", ", "-", "-\n", "-\r\n", "- \n", '"', "'", "“", "”", "’",
    "Maduro", "Guaidó", "Guaido\u0301", "self-proclaimed", "self\u00adproclaimed", "selfproclaimed",
    "putschists", "putsch-\nists", "regime change", "regime", "régime", "RÉGIME", "coup", "coups",
    "coup d’état", "coup de grâce", "COUP", "traitors", "traitorous", "NO", "No", "no", "ж", "北京",
    "Ünïcödé", "ﬁ", "İ", "ß", "λογο𝚺", "Σ", "⑴", "ℌ", "x", "7", "_", "\u200b", "\ufeff",
]
random_text = st.lists(st.sampled_from(PIECES), max_size=50).map("".join)


@pytest.fixture(scope="module")
def lexicons():
    builtin = framing.load_lexicon()
    corners = Lexicon([
        Entry("coup*", "conflict", -1), Entry("NO", "hyperbole", 0, case_sensitive=True),
        Entry("coup", "conflict", -1, exceptions=("coup d'état", "coup de grâce")),
        Entry("北京", "conflict", 0), Entry("ж", "conflict", 0), Entry("the regime", "delegitimizing", -1),
        Entry("putschist", "conflict", -1), Entry("putsch*", "conflict", -1),
        Entry("regime change", "conflict", -1, variants=("regime-change",)),
        Entry("λογος", "conflict", 0), Entry("self-proclaimed", "delegitimizing", -1),
    ], name="corners")
    return [builtin, corners]


_PAIRS: dict = {}


def _both(comp):
    """The lexicon's keys as a table and as pyahocorasick (built once per lexicon)."""
    if id(comp) not in _PAIRS:
        _PAIRS[id(comp)] = (comp, Automaton(comp.keys, dense=True), Automaton(comp.keys, dense=False))
    return _PAIRS[id(comp)][1:]


def _ends_equal(comp, text):
    table, py = _both(comp)
    layer, index = normalize_mapped(text)
    expected = sorted(py.ends(text, layer))
    assert sorted(table.ends(text, layer)) == expected
    folded = table.ends(text)  # folds while scanning; None when the mapped layer is needed
    if folded is None:
        assert index is not None or "-\n" in text or "-\r\n" in text
    else:
        assert index is None and sorted(folded) == expected


def test_table_and_pyahocorasick_agree_on_articles(lexicons):
    for lex in lexicons:
        comp = compile_lexicon(lex)
        for text in ARTICLES:
            _ends_equal(comp, text)


@settings(max_examples=300, deadline=None)
@given(random_text)
def test_table_and_pyahocorasick_agree_on_random_text(text):
    for lex in (_VENEZUELA, _CORNERS):
        _ends_equal(compile_lexicon(lex), text)


_VENEZUELA = framing.load_lexicon("venezuela-2019")
_CORNERS = Lexicon([Entry("coup*", "conflict", -1), Entry("λογος", "conflict", 0),
                    Entry("北京", "conflict", 0), Entry("self-proclaimed", "delegitimizing", -1),
                    Entry("régime", "delegitimizing", -1)], name="corners")


def test_scan_is_the_same_with_either_automaton(lexicons, monkeypatch):
    """Hits (after every rule) do not depend on which automaton found the key ends."""
    text = "\n\n".join(ARTICLES)
    for lex in lexicons:
        comp = compile_lexicon(lex)
        expected = comp.scan(text)
        for dense in (True, False):
            other = fmatch.CompiledLexicon(lex, Automaton(comp.keys, dense=dense), comp.patterns)
            assert other.scan(text) == expected
            assert [other.scan(a) for a in ARTICLES] == [comp.scan(a) for a in ARTICLES]


def test_folding_corner_cases():
    """Characters that fold to punctuation or capitals, final sigma, invisible marks."""
    lex = Lexicon([Entry("coup*", "conflict", -1)])
    assert compile_lexicon(lex).scan("coups⑴plotted") == [(0, 5, 0, 3)]
    greek = compile_lexicon(Lexicon([Entry("λογος", "conflict", 0)]))
    text = "λογος λογο𝚺 Σ"  # a final sigma is its own letter; 𝚺 folds to σ
    assert greek.scan(text) == [(0, 5, 0, 3)]
    lex = Lexicon([Entry("self-proclaimed", "delegitimizing", -1), Entry("putschist", "conflict", -1),
                   Entry("régime", "delegitimizing", -1)])
    text = "The putsch-\nists and the self\u00adproclaimed re\u0301gime"
    m = framing.find_matches(text, lex)
    assert m["matched_text"].tolist() == ["putsch-\nists", "self\u00adproclaimed", "re\u0301gime"]


def test_long_text_with_terms_at_every_offset():
    lex = Lexicon([Entry("self-proclaimed interim president", "delegitimizing", -1)])
    for pad in range(7):
        text = "x" * pad + " " + "the self-proclaimed interim president " * 400
        assert len(compile_lexicon(lex).scan(text)) == 400


def test_compiled_lexicon_pickles_and_gives_the_same_matches(lexicons):
    text = "\n\n".join(ARTICLES)
    for lex in lexicons:
        comp = compile_lexicon(lex)
        again = pickle.loads(pickle.dumps(comp))
        assert again.scan(text) == comp.scan(text)
        assert type(again.automaton.dense) is bool and again.automaton.dense == comp.automaton.dense
    lex = framing.load_lexicon()
    again = pickle.loads(pickle.dumps(lex))
    a = framing.find_matches(ARTICLES[:3], lex)
    b = framing.find_matches(ARTICLES[:3], again)
    assert a.equals(b) and len(a)


def test_rule_modules_are_compiled_when_ci_expects_it():
    """``FRAMING_REQUIRE_COMPILED=1`` (set by .ci/run where a C compiler exists): the build happened."""
    info = framing.build_info()
    assert set(info) >= {"framing.text", "framing.match", "framing.automaton"}
    if os.environ.get("FRAMING_PURE_PYTHON", "") not in ("", "0"):
        assert not any(info.values())  # the same .py files, interpreted
    elif os.environ.get("FRAMING_REQUIRE_COMPILED") == "1":
        assert all(info.values()), f"expected every rule module compiled: {info}"
