"""Scores: one row per article x category; voices; pooling by outlet."""

from pathlib import Path

import pandas as pd
import pytest

import framing
from framing import Entry, InputError, Lexicon, score_articles, score_groups

LEX = Lexicon([Entry("regime", "delegitimizing", -1, 2.0), Entry("hero", "sympathy", 1, 1.0)])
ARTS = pd.DataFrame({
    "article_id": ["a", "b", "c"],
    "outlet": ["X", "X", "Y"],
    "date": pd.to_datetime(["2019-05-01", "2019-05-02", "2019-05-03"]),
    "text": ['The regime. "The regime lies," he said. A "regime" indeed.', "A hero.", "Nothing loaded here."],
})


def test_score_articles_counts_own_voice_by_default():
    s = score_articles(framing.find_matches(ARTS, LEX), ARTS, categories=LEX)
    row = s[(s.article_id == "a") & (s.category == "delegitimizing")].iloc[0]
    assert (row["count"], row["n_narrative"], row["n_quoted"], row["n_scare_quote"]) == (2, 1, 1, 1)
    assert row["weighted"] == 4.0
    assert row["per_1k"] == pytest.approx(2 / row["n_words"] * 1000)


def test_score_articles_include_quoted():
    s = score_articles(framing.find_matches(ARTS, LEX), ARTS, include_quoted=True)
    assert s.loc[(s.article_id == "a") & (s.category == "delegitimizing"), "count"].item() == 3


def test_score_articles_every_article_appears_with_zeros():
    s = score_articles(framing.find_matches(ARTS, LEX), ARTS, categories=LEX)
    assert len(s) == 3 * 2
    c = s[s.article_id == "c"]
    assert c["count"].tolist() == [0, 0] and c["n_words"].tolist() == [3, 3]
    assert list(s.columns) == ["article_id", "outlet", "date"] + framing.SCORE_COLUMNS[2:]


def test_score_articles_empty_text_gives_nan_rate():
    arts = pd.DataFrame({"article_id": ["e"], "outlet": ["Z"], "text": [""]})
    s = score_articles(framing.find_matches(arts, LEX), arts, categories=LEX)
    assert s["per_1k"].isna().all() and (s["n_words"] == 0).all()


def test_score_articles_missing_columns_named():
    with pytest.raises(InputError, match=r"matches table lacks column\(s\) voice"):
        score_articles(pd.DataFrame({"article_id": [], "category": [], "weight": []}), ARTS)


def test_score_groups_pools_by_outlet():
    s = score_articles(framing.find_matches(ARTS, LEX), ARTS, categories=LEX)
    g = score_groups(s, by="outlet")
    x = g[(g.outlet == "X") & (g.category == "delegitimizing")].iloc[0]
    assert x["n_articles"] == 2 and x["count"] == 2
    words = s[(s.outlet == "X") & (s.category == "delegitimizing")]["n_words"].sum()
    assert x["per_1k"] == pytest.approx(2 / words * 1000)


def test_score_on_seeds_profiles_both_outlets():
    arts = framing.read_articles(Path(__file__).parents[1] / "seeds")
    lex = framing.load_lexicon(Path(__file__).parent / "data" / "seed-terms.csv")
    s = score_articles(framing.find_matches(arts, lex), arts, categories=lex)
    g = score_groups(s, by="outlet").set_index(["outlet", "category"])
    # democratically elected, interim leader, legitimate president + scare-quoted "interim president"
    assert g.loc[("Alwaght", "legitimizing"), "count"] == 4
    assert g.loc[("Alwaght", "legitimizing"), "n_narrative"] == 3
    assert g.loc[("Alwaght", "legitimizing"), "n_scare_quote"] == 1  # "interim president"
    assert g.loc[("unnamed outlet (citing Press TV)", "delegitimizing"), "n_narrative"] == 3


def test_duplicate_article_ids_are_named():
    df = pd.DataFrame({"article_id": ["x", "x", "y"], "outlet": ["A", "B", "B"],
                       "text": ["The regime.", "A hero.", "The regime."]})
    with pytest.raises(InputError, match=r"duplicate article_id values: 'x'"):
        framing.find_matches(df, LEX)
    with pytest.raises(InputError, match=r"duplicate article_id values: 'x'"):
        score_articles(framing.find_matches(df.iloc[1:], LEX), df)


def test_missing_outlet_is_empty_string():
    df = ARTS.assign(outlet=[None, "X", float("nan")])
    s = score_articles(framing.find_matches(df, LEX), df, categories=LEX)
    assert set(s["outlet"]) == {"", "X"}
    assert set(framing.find_matches(df, LEX)["outlet"]) <= {"", "X"}
