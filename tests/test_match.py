"""Matching: options, offsets, overlaps, inputs; property tests with hypothesis."""

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
from framing import Entry, InputError, Lexicon, find_matches
from framing.match import MATCH_COLUMNS, inflections

LEX = Lexicon([
    Entry("self-proclaimed", "delegitimizing", -1, 3.0),
    Entry("putschist", "delegitimizing", -1, 3.0),
    Entry("coup", "conflict", -1, 2.0, exceptions=("coup de grâce",)),
    Entry("coup d'état", "conflict", -1, 3.0),
    Entry("traitor*", "dehumanizing", -1),
    Entry("so-called", "doubt", -1, inflect=False),
    Entry("US puppet", "delegitimizing", -1, case_sensitive=True),
    Entry("Guaidó", "legitimizing", 1, variants=("Guaido's men",)),
    Entry("crippling sanctions", "hyperbole", 0),
    Entry("sanctions", "conflict", 0),
], name="test")


def terms(text, lex=LEX):
    return [(r.matched_text, r.term) for r in find_matches(text, lex).itertuples()]


@pytest.mark.parametrize("text, expected", [
    ("SELF-PROCLAIMED", [("SELF-PROCLAIMED", "self-proclaimed")]),
    ("self proclaimed", [("self proclaimed", "self-proclaimed")]),
    ("selfproclaimed", [("selfproclaimed", "self-proclaimed")]),
    ("self-\n   proclaimed", [("self-\n   proclaimed", "self-proclaimed")]),  # hyphen, break, indent
    ("self -proclaimed", [("self -proclaimed", "self-proclaimed")]),
    ("self, proclaimed", []),  # punctuation between the words
    ("the putschists fled", [("putschists", "putschist")]),
    ("a coup d’État", [("coup d’État", "coup d'état")]),
    ("a coup d'etat", [("coup d'etat", "coup d'état")]),
    ("the coup de grâce", []),
    ("the coup de grace and a coup", [("coup", "coup")]),
    ("coups and coupons", [("coups", "coup")]),
    ("traitorous traitors betray", [("traitorous", "traitor*"), ("traitors", "traitor*")]),
    ("the so-called leader", [("so-called", "so-called")]),
    ("a US puppet", [("US puppet", "US puppet")]),
    ("ask us puppet makers", []),  # case-sensitive entry
    ("Guaido and Guaidó", [("Guaido", "Guaidó"), ("Guaidó", "Guaidó")]),
    ("Guaido’s men", [("Guaido’s men", "Guaidó")]),
    ("crippling sanctions", [("crippling sanctions", "crippling sanctions")]),  # longest wins
    ("sanctions", [("sanctions", "sanctions")]),
    ("incoup coupon", []),  # whole words only
    ("", []),
])
def test_find_matches_options(text, expected):
    assert terms(text) == expected


def test_find_matches_columns_and_dtypes():
    m = find_matches("The putschists and the coup.", LEX)
    assert list(m.columns) == MATCH_COLUMNS
    assert m["start"].dtype == "int64" and m["polarity"].dtype == "int64"
    empty = find_matches("nothing here", LEX)
    assert list(empty.columns) == MATCH_COLUMNS and len(empty) == 0


def test_find_matches_articles_table_keeps_ids_and_outlets():
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"],
                         "text": ["A coup.", "Putschists!"]})
    m = find_matches(arts, LEX)
    assert m[["article_id", "outlet", "term"]].values.tolist() == [["a", "X", "coup"], ["b", "Y", "putschist"]]


def test_find_matches_missing_columns_named():
    with pytest.raises(InputError, match=r"lacks column\(s\) article_id \(has: id, text\)"):
        find_matches(pd.DataFrame({"id": [1], "text": ["x"]}), LEX)


def test_find_matches_non_text_article_warns_and_is_not_dropped_silently():
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "text": ["A coup.", None]})
    with pytest.warns(framing.FramingWarning, match=r"1 article\(s\) have no text and no matches: b"):
        m = find_matches(arts, LEX)
    assert m["article_id"].tolist() == ["a"]


def test_find_matches_reads_paths(tmp_path):
    (tmp_path / "a.txt").write_text("The putschists.", encoding="utf-8")
    assert find_matches(str(tmp_path), LEX)["term"].tolist() == ["putschist"]


def test_find_matches_seeds_with_builtins_finds_the_specified_terms():
    arts = framing.read_articles(framing.lexicon.Path(__file__).parents[1] / "seeds")
    m = find_matches(arts, framing.load_lexicon("loaded-language", "venezuela-2019"))
    found = {(r.outlet, r.matched_text.lower(), r.voice) for r in m.itertuples()}
    assert ("Alwaght", "self-proclaimed", "narrative") in found
    assert ("Alwaght", "democratically elected", "narrative") in found
    assert ("unnamed outlet (citing Press TV)", "renegade", "narrative") in found
    assert ("unnamed outlet (citing Press TV)", "putschists", "narrative") in found
    assert ("Alwaght", "interim president", "scare_quote") in found


def test_iter_matches_streams_per_chunk():
    chunks = [pd.DataFrame({"article_id": [str(i)], "outlet": ["X"], "text": ["a coup"]}) for i in range(3)]
    out = list(framing.iter_matches(chunks, LEX))
    assert [len(m) for m in out] == [1, 1, 1]


def test_inflections_rules():
    assert {"putschists"} <= set(inflections("putschist"))
    assert {"warring", "warred", "wars"} <= set(inflections("war"))
    assert {"traitor"} <= set(inflections("traitors"))
    assert {"crippled", "crippling"} <= set(inflections("cripple"))
    assert "election" not in inflections("elect")


def test_compile_warns_on_colliding_variants():
    lex = Lexicon([Entry("coup d'état", "a", -1), Entry("coup d etat", "b", -1)], name="c")
    with pytest.warns(framing.FramingWarning, match=r"terms collide after normalisation: \"coup d'état\" \(added\) and 'coup d etat' \(added\) both match 'coup d etat'$"):
        framing.compile_lexicon(lex)


# -- properties --------------------------------------------------------------

BUILTIN = framing.load_lexicon()
PIECES = list("abcdefghijklmnopqrstuvwxyz ABCXYZ  \n\n-'’‘\"“”«».,!?:;éÉİß") + [
    "coup", "regime", "self-proclaimed", "traitor", "Maduro", " so-called ", "coup d’état"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_property_spans_index_the_original_text(text):
    m = find_matches(pd.DataFrame({"article_id": ["a"], "text": [text]}), BUILTIN)
    for r in m.itertuples():
        assert text[r.start:r.end] == r.matched_text
        assert 0 <= r.start < r.end <= len(text)
        assert r.voice in ("narrative", "quoted", "scare_quote")
    assert (m["start"].diff().dropna() > 0).all()  # sorted, no duplicates


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_property_no_string_crashes_the_matcher(text):
    m = find_matches(pd.DataFrame({"article_id": ["a", "b"], "text": [text, text.upper()]}), BUILTIN)
    for r in m.itertuples():
        src = text if r.article_id == "a" else text.upper()
        assert src[r.start:r.end] == r.matched_text


def test_find_matches_attribute_false_skips_actor_columns():
    text = 'The self-proclaimed "interim president" Juan Guaidó spoke.'
    lex = framing.load_lexicon("venezuela-2019")
    with_actors = find_matches(text, lex)
    without = find_matches(text, lex, attribute=False)
    assert "Juan Guaidó" in set(with_actors["target"])
    assert set(without["target"]) == {""}
    assert with_actors.drop(columns=["target", "target_rule", "speaker"]).equals(
        without.drop(columns=["target", "target_rule", "speaker"]))


@pytest.mark.parametrize("text, expected", [
    ("It was a coup d\u2019e\u0301tat by the re\u0301gime.", ["coup d'état"]),  # NFD accents
    ("The self\u00adproclaimed leader", ["self-proclaimed"]),  # soft hyphen
    ("The self\u200bproclaimed leader", ["self-proclaimed"]),  # zero-width space
    ("the Guaido\u0301 putsch\u200bists", ["Guaidó", "putschist"]),
])
def test_find_matches_invisible_characters(text, expected):
    m = find_matches(text, LEX)
    assert m["term"].tolist() == expected
    for r in m.itertuples():
        assert text[r.start:r.end] == r.matched_text


@pytest.mark.parametrize("text, expected", [
    ("The putsch-\nists and the self-pro-\nclaimed leader.", [("putsch-\nists", "putschist"),
                                                           ("self-pro-\nclaimed", "self-proclaimed")]),
    ("The self-\r\n  proclaimed leader", [("self-\r\n  proclaimed", "self-proclaimed")]),
])
def test_find_matches_words_broken_at_line_ends(text, expected):
    assert terms(text) == expected
