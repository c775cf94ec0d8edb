"""Text layers: normalisation, sentences, paragraphs, quotations."""

import pytest

import framing
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.text import (normalize, normalize_term, paragraph_of, paragraph_spans, quote_spans,
                          sentence_spans)


@given(st.text(max_size=500))
@settings(max_examples=300, deadline=None)
def test_normalize_keeps_length_and_spaces_non_words(text):
    out = normalize(text)
    assert len(out) == len(text)
    for a, b in zip(text, out):
        if not a.isalnum():
            assert b == " "


@pytest.mark.parametrize("text, expected", [
    ("Coup d’État", "coup d etat"),
    ("GUAIDÓ", "guaido"),
    ("İstanbul", "istanbul"),
    ("self‑proclaimed", "self proclaimed"),
    ("naïve café", "naive cafe"),
])
def test_normalize_examples(text, expected):
    assert normalize(text) == expected


def test_normalize_term_splits_words():
    assert normalize_term("“Self-Proclaimed”") == ["self", "proclaimed"]


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_sentence_spans_are_sorted_and_inside_text(text):
    spans = sentence_spans(text)
    prev = 0
    for s, e in spans:
        assert prev <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        prev = e


@pytest.mark.parametrize("text, n", [
    ("He met Gen. Padrino and Mr. Bolton in the U.S. on Jan. 5. Then he left.", 2),
    ("“Capture him immediately!” Maduro said. The rally ended.", 2),
    ("Is it over? No! It is not.", 3),
    ("A line without a stop\nwrapped onto the next line.", 1),
    ("HEADLINE IN CAPS\nCaracas - The body.", 2),
    ("First paragraph without stop\n\nsecond paragraph.", 2),
])
def test_sentence_spans_counts(text, n):
    assert len(sentence_spans(text)) == n


def test_paragraphs_split_after_terminal_punctuation_only():
    t = "Running text that is\nhard wrapped here.\nNew paragraph.\n\nAnother"
    assert [t[s:e] for s, e in paragraph_spans(t)] == [
        "Running text that is\nhard wrapped here.", "New paragraph.", "", "Another"]
    assert paragraph_of(t, 3) == (0, len("Running text that is\nhard wrapped here."))


def quotes(text):
    return [(text[q.start:q.end], q.kind) for q in quote_spans(text)]


@pytest.mark.parametrize("text, expected", [
    # scare quotes: short labels with no attribution
    ('the self-proclaimed "interim president" Juan Guaido', [('"interim president"', "scare_quote")]),
    ("comb its ranks in search of “traitors” over the threat", [("“traitors”", "scare_quote")]),
    ("during the “March of Loyalty,” with the personnel", [("“March of Loyalty,”", "scare_quote")]),
    # speech: attributed, long, or with sentence punctuation
    ("“We will win,” he said.", [("“We will win,”", "quoted")]),
    ("Guterres said last Thursday that he was “very much supportive” of the talks",
     [("“very much supportive”", "quoted")]),
    ('"Peace will be our victory!" he tweeted', [('"Peace will be our victory!"', "quoted")]),
    ("He said: «No pasarán»", [("«No pasarán»", "quoted")]),
    # apostrophes are not quotes; single curly quotes are
    ("It’s Maduro’s army and the soldiers’ choice.", []),
    ("They spoke of ‘traitors’ in the ranks.", [("‘traitors’", "scare_quote")]),
    # nested quotation stays inside the outer one
    ("\"They call him a 'traitor' today,\" she said.", [("\"They call him a 'traitor' today,\"", "quoted")]),
])
def test_quote_spans_kinds(text, expected):
    assert quotes(text) == expected


def test_quote_unbalanced_closes_at_sentence_end():
    t = "He said “we will win. Nobody doubted it.\nNext paragraph with a coup."
    (q,) = quote_spans(t)
    assert t[q.start:q.end] == "“we will win." and not q.closed


def test_quote_continues_into_next_paragraph_by_convention():
    t = "“First part of the speech\n\n“Second part,” he said."
    qs = quote_spans(t)
    assert [t[q.start:q.end] for q in qs] == ["“First part of the speech", "“Second part,”"]
    assert all(q.kind == "quoted" for q in qs)


@given(st.text(alphabet=st.sampled_from(list("ab .\n\"“”‘’'«»")), max_size=200))
@settings(max_examples=300, deadline=None)
def test_quote_spans_never_overlap_or_cross_paragraphs(text):
    spans = quote_spans(text)
    prev = 0
    for q in spans:
        assert prev <= q.start < q.end <= len(text)
        assert "\n\n" not in text[q.start:q.end]
        prev = q.end


@pytest.mark.parametrize("text, expected", [
    # an unclosed straight quote ends with its sentence; the next mark opens a new quotation
    ('He said "the regime is bad. Then Pompeo called them "traitors" and "putschists".',
     ['"the regime is bad.', '"traitors"', '"putschists"']),
])
def test_quote_unclosed_straight_quote_does_not_shift_pairs(text, expected):
    assert [text[q.start:q.end] for q in quote_spans(text)] == expected


@pytest.mark.parametrize("text, kind", [
    ('Pompeo called them "traitors" and said the "coup" failed.', "scare_quote"),  # "and said" is no attribution
    ('He told reporters: "the regime"', "quoted"),
    ('He said, "enough"', "quoted"),
])
def test_quote_attribution_cues(text, kind):
    assert quote_spans(text)[-1].kind == kind


_CUE_PIECES = [" ", "said", "Said", "SAID", "says", "according to", "declared:", "declared", "that", "he",
               "reporters", ":", ",", ".", "\n", "x", "unsaid", "said_", "told", "'", "“", "é", "ſaid", "—", "SAİD", "ı", "K", "İ", "’", "ß", "\u0345"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_CUE_PIECES), max_size=40).map("".join))
def test_cue_prefilter_agrees_with_regex(text):
    from framing.text import _CUE_BEFORE, _cue_before

    for end in {len(text), len(text) // 2}:
        assert _cue_before(text, end) == (_CUE_BEFORE.search(text, max(0, end - 80), end) is not None)


def test_doctests_of_compiled_modules():
    """The examples in the docstrings hold in the compiled modules too (see ../conftest.py)."""
    import doctest
    import importlib

    for name, compiled in framing.build_info().items():
        module = importlib.import_module(name)
        result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
        assert result.failed == 0, name
