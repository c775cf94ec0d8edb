"""Tests of framing.align: sentence alignment of two articles, events, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.align import ALIGN_COLUMNS, align_articles, event_pairs, format_alignment, group_events
from framing.cli import main
from framing.errors import InputError

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED_A = SEEDS / "000_edbf8da76c908260.txt"
SEED_B = SEEDS / "002_23d72b98b34a2c10.txt"


@pytest.fixture(scope="module")
def seed_alignment(seeds):
    return align_articles(seeds.iloc[0], seeds.iloc[1], lexicon=framing.load_lexicon("venezuela-2019"))


def _row_with(al, side, needle):
    rows = al[al[f"text_{side}"].str.contains(needle, regex=False)]
    assert len(rows) == 1, f"{needle!r} in {len(rows)} rows of side {side}"
    return rows.iloc[0]


def test_align_articles_pairs_the_traitor_quotes(seed_alignment):
    row = _row_with(seed_alignment, "a", "If a traitor emerges")
    assert "If a traitor emerges" in row["text_b"]
    assert row["similarity"] > 0.3


def test_align_articles_pairs_the_coup_sentences(seed_alignment):
    row = _row_with(seed_alignment, "a", "self-proclaimed")
    assert "renegade soldiers led by opposition figure, Juan Guaido, staged an attempted coup" in row["text_b"]
    terms_a = {t["term"] for t in row["terms_a"]}
    terms_b = {t["term"] for t in row["terms_b"]}
    assert "self-proclaimed" in terms_a and "interim president" in terms_a
    assert "opposition figure" in terms_b and "renegade" in terms_b
    voices = {t["term"]: t["voice"] for t in row["terms_a"]}
    assert voices["interim president"] == "scare_quote" and voices["self-proclaimed"] == "narrative"


def test_align_articles_term_offsets_are_within_the_sentence(seed_alignment):
    for side in "ab":
        for text, terms in zip(seed_alignment[f"text_{side}"], seed_alignment[f"terms_{side}"]):
            for t in terms:
                assert text[t["start"]:t["end"]] == t["matched_text"]
                assert set(t) >= {"term", "matched_text", "category", "voice", "target", "start", "end"}


def test_align_articles_lists_every_sentence_once_in_order(seeds, seed_alignment):
    al = seed_alignment
    assert list(al.columns) == ALIGN_COLUMNS
    assert list(al["pair"]) == list(range(len(al)))
    for side, text in zip("ab", seeds["text"]):
        idx = al.loc[al[f"sentence_{side}"] >= 0, f"sentence_{side}"]
        assert sorted(idx) == list(range(len(framing.text.sentence_spans(text))))
        starts, ends = al[f"start_{side}"], al[f"end_{side}"]
        for s, e, t in zip(starts, ends, al[f"text_{side}"]):
            assert (text[s:e] if s >= 0 else "") == t
    along_a = al.loc[al["sentence_a"] >= 0, "sentence_a"]
    assert along_a.is_monotonic_increasing
    unpaired = al[(al["sentence_a"] < 0) | (al["sentence_b"] < 0)]
    assert len(unpaired) and unpaired["similarity"].isna().all()
    assert ((unpaired["text_a"] == "") | (unpaired["text_b"] == "")).all()


def test_align_articles_unpaired_false_keeps_pairs_only(seeds):
    al = align_articles(seeds.iloc[0], seeds.iloc[1], unpaired=False)
    assert (al["sentence_a"] >= 0).all() and (al["sentence_b"] >= 0).all()
    assert (al["similarity"] >= 0.15).all()


def test_align_articles_default_lexicon_loads_builtins(seeds):
    al = align_articles(seeds.iloc[0], seeds.iloc[1])
    row = _row_with(al, "b", "renegade")
    assert "opposition figure" in {t["term"] for t in row["terms_b"]}


@pytest.mark.parametrize("how", ["series", "frame", "text", "id", "path"])
def test_align_articles_accepts_rows_frames_texts_ids_paths(seeds, how):
    lex = framing.load_lexicon("venezuela-2019")
    if how == "series":
        args, kw = (seeds.iloc[0], seeds.iloc[1]), {}
    elif how == "frame":
        args, kw = (seeds.iloc[[0]], seeds.iloc[[1]]), {}
    elif how == "text":
        args, kw = (seeds["text"][0], seeds["text"][1]), {}
    elif how == "id":
        args, kw = (seeds["article_id"][0], seeds["article_id"][1]), {"articles": seeds}
    else:
        args, kw = (SEED_A, SEED_B), {}
    al = align_articles(*args, lexicon=lex, **kw)
    row = _row_with(al, "a", "self-proclaimed")
    assert "opposition figure" in row["text_b"]


def test_align_articles_uses_given_matches(seeds):
    m = framing.find_matches(seeds, framing.load_lexicon("venezuela-2019"))
    only = m[m["term"] == "renegade"]
    al = align_articles(seeds.iloc[0], seeds.iloc[1], matches=only)
    found = [t["term"] for terms in al["terms_a"].tolist() + al["terms_b"].tolist() for t in terms]
    assert found == ["renegade"]


@pytest.mark.parametrize("a, kwargs, match", [
    (pd.DataFrame({"article_id": ["1", "2"], "text": ["x y", "z w"]}), {}, "expected one article.*got 2 rows"),
    ("no-such-id", {"articles": pd.DataFrame({"article_id": ["1"], "text": ["x y"]})}, "no article with id"),
    (42, {}, "a: 42 looks like an article id; pass articles="),
    (4.2, {}, "expected an article row.*got float"),
    (pd.Series({"article_id": "1"}), {}, "has no 'text'"),
])
def test_align_articles_rejects_bad_input(a, kwargs, match):
    with pytest.raises(InputError, match=match):
        align_articles(a, "Some other text here.", **kwargs)


def test_align_articles_handles_empty_and_contentless_texts():
    lex = framing.Lexicon([framing.Entry("regime", "deleg", -1)])
    al = align_articles("", "The regime fell.", lexicon=lex)
    assert list(al["sentence_a"]) == [-1] and list(al["sentence_b"]) == [0]
    al = align_articles("The. A. Of.", "And. Or.", lexicon=lex)
    assert (al["similarity"].isna()).all()


def test_format_alignment_marks_loaded_terms(seed_alignment):
    text = format_alignment(seed_alignment, only_terms=True)
    assert "**self-proclaimed**" in text and "**opposition figure**" in text
    assert "Others have been arrested" not in text  # no loaded term there


# ---------------------------------------------------------------------------
# events
# ---------------------------------------------------------------------------

def _event_corpus():
    rows = [
        ("1", "X", "2019-05-21", "Maduro orders the army to capture traitors at a loyalty rally in Carabobo"),
        ("2", "Y", "2019-05-22", "At a loyalty rally in Carabobo Maduro ordered the army to capture traitors"),
        ("3", "Z", "2019-05-23", "Venezuela army told to capture traitors, Maduro says at Carabobo rally"),
        ("4", "X", "2019-06-20", "Maduro orders the army to capture traitors at a loyalty rally in Carabobo"),
        ("5", "Y", "2019-05-22", "Football club wins national cup final after penalty shootout"),
        ("6", "Z", "2019-05-22", "Cup final won on penalties by the football club"),
    ]
    df = pd.DataFrame(rows, columns=["article_id", "outlet", "date", "text"])
    return df.assign(date=pd.to_datetime(df["date"]))


def test_group_events_groups_same_event_within_window():
    ev = group_events(_event_corpus(), window_days=3, threshold=0.3).set_index("article_id")
    assert ev.loc["1", "event_id"] == ev.loc["2", "event_id"] == ev.loc["3", "event_id"]
    assert ev.loc["4", "event_id"] != ev.loc["1", "event_id"]  # same words, a month later
    assert ev.loc["5", "event_id"] == ev.loc["6", "event_id"] != ev.loc["1", "event_id"]
    assert ev.loc["1", "event_size"] == 3 and ev.loc["4", "event_size"] == 1
    assert list(ev["event_id"]) == [0, 0, 0, 1, 2, 2]


def test_group_events_without_window_joins_the_repeat():
    ev = group_events(_event_corpus(), window_days=None).set_index("article_id")
    assert ev.loc["4", "event_id"] == ev.loc["1", "event_id"]


@pytest.mark.parametrize("linkage", ["single", "average", "complete"])
def test_group_events_linkages_run(linkage):
    ev = group_events(_event_corpus(), linkage=linkage)
    assert ev["event_id"].nunique() == 3


def test_group_events_rejects_bad_input():
    with pytest.raises(InputError, match="lacks column.*text"):
        group_events(pd.DataFrame({"article_id": ["1"]}))
    with pytest.raises(ValueError, match="linkage must be"):
        group_events(_event_corpus(), linkage="ward")
    with pytest.raises(ValueError, match="threshold must be in"):
        group_events(_event_corpus(), threshold=0)


def test_group_events_on_seeds_finds_the_shared_event(seeds):
    ev = group_events(seeds)
    assert ev["event_id"].nunique() == 1


def test_event_pairs_lists_cross_outlet_pairs():
    ev = group_events(_event_corpus())
    pairs = event_pairs(ev)
    assert set(map(tuple, pairs[["article_a", "article_b"]].values)) == {("1", "2"), ("1", "3"), ("2", "3"),
                                                                         ("5", "6")}
    assert (pairs["outlet_a"] != pairs["outlet_b"]).all()
    assert pairs.groupby("event_id")["similarity"].apply(lambda s: s.is_monotonic_decreasing).all()
    with pytest.raises(InputError, match="run framing.group_events first"):
        event_pairs(_event_corpus())


def test_event_pairs_cross_outlet_false_keeps_same_outlet():
    df = _event_corpus().assign(outlet="X")
    assert len(event_pairs(group_events(df))) == 0
    assert len(event_pairs(group_events(df), cross_outlet=False)) == 4


# ---------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------

def test_cli_align_two_files_prints_side_by_side(capsys):
    assert main(["align", str(SEED_A), str(SEED_B), "-l", "venezuela-2019", "--only-terms"]) == 0
    out = capsys.readouterr().out
    assert "**self-proclaimed**" in out and "**opposition figure**" in out


def test_cli_align_ids_jsonl(capsys, seeds):
    ids = list(seeds["article_id"])
    assert main(["align", str(SEEDS), "--ids", *ids, "-l", "venezuela-2019", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert list(rows[0]) == ALIGN_COLUMNS
    assert any(t["term"] == "self-proclaimed" for r in rows for t in r["terms_a"])


def test_cli_align_csv_serialises_terms(tmp_path, seeds):
    out = tmp_path / "al.csv"
    ids = list(seeds["article_id"])
    assert main(["align", str(SEEDS), "--ids", *ids, "-l", "venezuela-2019", "-o", str(out)]) == 0
    df = pd.read_csv(out)
    assert isinstance(json.loads(df["terms_a"].iloc[0]), list)


@pytest.mark.parametrize("argv, message", [
    (["align", str(SEEDS), str(SEED_A)], "holds 2 articles; pick two with --ids"),
    (["align", str(SEED_A)], "give two article files"),
    (["align", str(SEEDS), "--ids", "x", "y"], "--ids: no article 'x'"),
])
def test_cli_align_errors(capsys, argv, message):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_cli_events(capsys):
    assert main(["events", str(SEEDS), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("event_id,article_a,article_b") and "000_edbf8da76c908260" in out


def test_align_articles_integer_ids():
    import framing

    di = pd.DataFrame({"article_id": [1, 2], "outlet": ["A", "B"],
                       "text": ["The regime staged a coup.", "The coup by the regime."]})
    lex = framing.load_lexicon("venezuela-2019")
    al = framing.align_articles(1, 2, articles=di, matches=framing.find_matches(di, lex), lexicon=lex)
    assert al[["sentence_a", "sentence_b"]].values.tolist() == [[0, 0]]
    with pytest.raises(framing.InputError, match=r"a: 1 looks like an article id; pass articles="):
        framing.align_articles(1, 2, lexicon=lex)
