"""Tests of framing.compare: rates, contrasts, distinctive terms, profiles, CLI."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import framing
from framing.cli import main
from framing.compare import (
    CONTRAST_COLUMNS,
    RATE_COLUMNS,
    TERM_COLUMNS,
    Comparison,
    _bh,
    compare_outlets,
    distinctive_terms,
    outlet_distances,
    outlet_map,
    term_contributions,
)
from framing.errors import FramingWarning, InputError

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


# ---------------------------------------------------------------------------
# synthetic data
# ---------------------------------------------------------------------------

def synthetic_scores(rng, rates, n_articles=30, words=(300, 1200), dispersion=2.0, extra=None):
    """Scores table: ``rates`` = {outlet: {category: hits per 1,000 words}}.

    Counts are negative-binomial (gamma-Poisson, overdispersed between articles,
    as real articles are), so an analysis that treated words as the unit would
    be over-confident.
    """
    rows = []
    for outlet, cat_rates in rates.items():
        for i in range(n_articles):
            n_words = int(rng.integers(*words))
            for cat, r in cat_rates.items():
                mu = r * n_words / 1000
                lam = rng.gamma(dispersion, mu / dispersion) if mu > 0 else 0.0
                rows.append({"article_id": f"{outlet}{i}", "outlet": outlet, "category": cat,
                             "count": int(rng.poisson(lam)), "n_words": n_words,
                             **(extra(outlet) if extra else {})})
    return pd.DataFrame(rows)


VOCAB = ("the a of in to and said on for with was by as at officials people city week report "
         "country leaders state plan vote new talks".split())


def synthetic_articles(rng, outlets, n_articles=20, n_words=200, planted=None):
    """Texts drawn from a small vocabulary; ``planted[outlet]`` = (term, per 1,000 words)."""
    rows = []
    for outlet in outlets:
        for i in range(n_articles):
            words = list(rng.choice(VOCAB, size=n_words))
            for term, rate in (planted or {}).get(outlet, []):
                for _ in range(rng.poisson(rate * n_words / 1000)):
                    words.insert(int(rng.integers(len(words))), term)
            rows.append({"article_id": f"{outlet}{i}", "outlet": outlet, "text": " ".join(words) + "."})
    return pd.DataFrame(rows)


@pytest.fixture
def planted():
    rng = np.random.default_rng(7)
    return synthetic_scores(rng, {"A": {"x": 6.0, "y": 3.0}, "B": {"x": 3.0, "y": 3.0},
                                  "C": {"x": 3.0, "y": 3.0}}, n_articles=60, dispersion=5)


# ---------------------------------------------------------------------------
# compare_outlets
# ---------------------------------------------------------------------------

def test_compare_outlets_finds_planted_difference(planted):
    cmp = compare_outlets(planted, n_boot=300, n_perm=500, random_state=0)
    c = cmp.contrasts.set_index(["group_a", "group_b", "category"])
    for other in ("B", "C"):
        row = c.loc[("A", other, "x")]
        assert row["significant"]
        assert row["ci_low"] > 1
        assert 1.4 < row["rate_ratio"] < 3
    assert not c.loc[("B", "C", "x"), "significant"]
    assert not c.loc[("A", "B", "y"), "significant"]


def test_compare_outlets_null_false_positive_rate():
    """No difference planted: a BH-significant result in at most ~5-10 % of datasets."""
    rng = np.random.default_rng(2024)
    hits = 0
    n_sims = 100
    for sim in range(n_sims):
        s = synthetic_scores(rng, {g: {"x": 4.0, "y": 1.0} for g in "ABC"}, n_articles=15)
        cmp = compare_outlets(s, n_boot=0, n_perm=199, random_state=sim)
        hits += bool(cmp.contrasts["p_adjusted"].lt(0.05).any())
    assert hits / n_sims <= 0.10


def test_compare_outlets_rate_ci_coverage():
    """Percentile bootstrap intervals of a rate cover the true rate most of the time."""
    rng = np.random.default_rng(11)
    covered = []
    for sim in range(60):
        s = synthetic_scores(rng, {"A": {"x": 5.0}, "B": {"x": 5.0}}, n_articles=40)
        r = compare_outlets(s, n_boot=200, n_perm=0, random_state=sim).rates
        covered += list((r["ci_low"] <= 5.0) & (5.0 <= r["ci_high"]))
    assert 0.85 <= np.mean(covered) <= 1.0


def test_compare_outlets_columns_follow_contract(planted):
    cmp = compare_outlets(planted, n_boot=50, n_perm=50, random_state=0, contrasts="both")
    assert isinstance(cmp, Comparison)
    assert list(cmp.rates.columns) == ["outlet"] + RATE_COLUMNS
    assert list(cmp.contrasts.columns) == CONTRAST_COLUMNS
    assert cmp.by == "outlet"
    assert set(cmp.contrasts["kind"]) == {"pairwise", "one-vs-rest"}
    assert (cmp.contrasts.loc[cmp.contrasts["kind"] == "one-vs-rest", "group_b"] == "rest").all()
    assert "contrasts significant" in repr(cmp)


@pytest.mark.parametrize("contrasts, n_rows", [("pairwise", 3 * 2), ("one-vs-rest", 3 * 2), ("both", 12)])
def test_compare_outlets_contrast_kinds(planted, contrasts, n_rows):
    cmp = compare_outlets(planted, n_boot=10, n_perm=10, random_state=0, contrasts=contrasts)
    assert len(cmp.contrasts) == n_rows


def test_compare_outlets_random_state_reproducible(planted):
    one = compare_outlets(planted, n_boot=100, n_perm=100, random_state=3)
    two = compare_outlets(planted, n_boot=100, n_perm=100, random_state=3)
    other = compare_outlets(planted, n_boot=100, n_perm=100, random_state=4)
    pd.testing.assert_frame_equal(one.rates, two.rates)
    pd.testing.assert_frame_equal(one.contrasts, two.contrasts)
    assert not np.allclose(one.rates["ci_low"], other.rates["ci_low"])
    rs = np.random.RandomState(5)
    compare_outlets(planted, n_boot=10, n_perm=10, random_state=rs)  # a RandomState is accepted


def test_compare_outlets_rates_match_score_groups(planted):
    cmp = compare_outlets(planted, n_boot=20, n_perm=0, random_state=0)
    full = planted.assign(weighted=planted["count"], n_narrative=planted["count"], n_quoted=0, n_scare_quote=0)
    pooled = framing.score_groups(full, by="outlet")
    merged = cmp.rates.merge(pooled, on=["outlet", "category"])
    np.testing.assert_allclose(merged["rate"], merged["per_1k"])
    assert (merged["n_articles_x"] == merged["n_articles_y"]).all()
    assert ((merged["ci_low"] <= merged["rate"]) & (merged["rate"] <= merged["ci_high"])).all()


def test_compare_outlets_by_any_column(planted):
    s = planted.assign(bias_text=planted["outlet"].map({"A": "left", "B": "right", "C": "right"}))
    cmp = compare_outlets(s, by="bias_text", n_boot=20, n_perm=20, random_state=0)
    assert list(cmp.rates["bias_text"].unique()) == ["left", "right"]
    assert set(cmp.rates["n_articles"]) == {60, 120}


def _two_outlets(counts_a, counts_b, cat="x", words=1000):
    rows = [{"article_id": f"a{i}", "outlet": "A", "category": cat, "count": c, "n_words": words}
            for i, c in enumerate(counts_a)]
    rows += [{"article_id": f"b{i}", "outlet": "B", "category": cat, "count": c, "n_words": words}
             for i, c in enumerate(counts_b)]
    return pd.DataFrame(rows)


def test_compare_outlets_zero_count_uses_continuity_correction():
    s = _two_outlets([2, 1, 1], [0, 0, 0])
    row = compare_outlets(s, n_boot=50, n_perm=50, random_state=0).contrasts.iloc[0]
    assert row["rate_ratio"] == pytest.approx((4 + 0.5) / 0.5)
    assert np.isfinite(row["ci_low"]) and np.isfinite(row["ci_high"])
    raw = compare_outlets(s, n_boot=50, n_perm=50, random_state=0, continuity=None).contrasts.iloc[0]
    assert raw["rate_ratio"] == np.inf


def test_compare_outlets_both_zero_gives_nan_ratio_and_p_one():
    s = _two_outlets([0, 0], [0, 0])
    row = compare_outlets(s, n_boot=20, n_perm=20, random_state=0).contrasts.iloc[0]
    assert np.isnan(row["rate_ratio"]) and np.isnan(row["ci_low"])
    assert row["p_value"] == 1.0 and not row["significant"]


def test_compare_outlets_single_article_group_warns_and_has_no_ci():
    s = _two_outlets([3], [1, 2, 1, 0])
    with pytest.warns(FramingWarning, match="fewer than 2 articles.*'A'"):
        cmp = compare_outlets(s, n_boot=50, n_perm=50, random_state=0)
    a = cmp.rates.set_index("outlet").loc["A"]
    assert np.isnan(a["ci_low"]) and a["rate"] == 3.0
    row = cmp.contrasts.iloc[0]
    assert np.isnan(row["ci_low"]) and 0 < row["p_value"] <= 1


def test_compare_outlets_missing_category_counts_zero(planted):
    cmp = compare_outlets(planted, n_boot=10, n_perm=10, random_state=0, categories=["x", "absent"])
    absent = cmp.rates[cmp.rates["category"] == "absent"]
    assert len(absent) == 3 and (absent["count"] == 0).all() and (absent["rate"] == 0).all()
    assert list(cmp.rates["category"].unique()) == ["x", "absent"]


def test_compare_outlets_articles_without_group_are_left_out(planted):
    s = planted.copy()
    s.loc[s["article_id"] == "A0", "outlet"] = None
    with pytest.warns(FramingWarning, match="1 article.*no value in column 'outlet'"):
        cmp = compare_outlets(s, n_boot=10, n_perm=10, random_state=0)
    assert cmp.rates.set_index("outlet").loc["A", "n_articles"].iloc[0] == 59


@pytest.mark.parametrize("kwargs, exc, match", [
    ({"by": "bias_text"}, InputError, "by='bias_text' is not a column"),
    ({"contrasts": "all"}, ValueError, "contrasts must be one of"),
    ({"ci": 95}, ValueError, "ci must be between 0 and 1"),
    ({"n_boot": -1}, ValueError, "n_boot must be a non-negative int"),
])
def test_compare_outlets_rejects_bad_arguments(planted, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        compare_outlets(planted, **kwargs)


def test_compare_outlets_needs_two_groups(planted):
    with pytest.raises(InputError, match="at least 2 groups in column 'outlet'; found 1: 'A'"):
        compare_outlets(planted[planted["outlet"] == "A"])


def test_compare_outlets_names_missing_columns(planted):
    with pytest.raises(InputError, match="lacks column.*n_words"):
        compare_outlets(planted.drop(columns="n_words"))


def test_compare_outlets_rejects_two_groups_for_one_article(planted):
    s = planted.copy()
    s.loc[(s["article_id"] == "A0") & (s["category"] == "y"), "outlet"] = "B"
    with pytest.raises(InputError, match="one value per article.*A0"):
        compare_outlets(s)


def test_bh_matches_reference():
    p = np.array([0.01, 0.04, 0.03, 0.2, np.nan])
    np.testing.assert_allclose(_bh(p)[:4], [0.04, 0.16 / 3, 0.16 / 3, 0.2])
    assert np.isnan(_bh(p)[4])


def test_compare_outlets_on_real_matches_runs_end_to_end():
    arts = framing.read_articles(SEEDS)
    lex = framing.load_lexicon("venezuela-2019")
    scores = framing.score_articles(framing.find_matches(arts, lex), arts, categories=lex)
    with pytest.warns(FramingWarning, match="fewer than 2 articles"):
        cmp = compare_outlets(scores, n_boot=20, n_perm=20, random_state=0)
    assert set(cmp.rates["category"]) == set(lex.categories)


# ---------------------------------------------------------------------------
# distinctive_terms
# ---------------------------------------------------------------------------

@pytest.fixture
def term_corpus():
    rng = np.random.default_rng(3)
    planted = {"A": [("regime", 8.0), ("government", 2.0)], "B": [("regime", 1.0), ("government", 8.0)],
               "C": [("regime", 1.0), ("government", 8.0)]}
    arts = synthetic_articles(rng, "ABC", planted=planted)
    lex = framing.Lexicon([framing.Entry("regime", "delegitimizing", -1),
                           framing.Entry("government", "neutral", 0),
                           framing.Entry("junta", "delegitimizing", -1)])
    return arts, framing.find_matches(arts, lex)


@pytest.mark.parametrize("method", ["log_odds", "chi2", "g2"])
def test_distinctive_terms_finds_planted_term(term_corpus, method):
    arts, matches = term_corpus
    t = distinctive_terms(matches, "outlet", "A", method=method, articles=arts)
    assert list(t.columns) == TERM_COLUMNS
    assert t["term"].iloc[0] == "regime" and t["term"].iloc[-1] == "government"
    assert t["score"].iloc[0] > 3 and t["p_value"].iloc[0] < 0.001
    assert (t["method"] == method).all()
    assert t["category"].iloc[0] == "delegitimizing"
    assert "junta" not in set(t["term"])  # never seen: dropped


def test_distinctive_terms_is_antisymmetric(term_corpus):
    _, m = term_corpus
    ab = distinctive_terms(m, "outlet", "A", "B").set_index("term")
    ba = distinctive_terms(m, "outlet", "B", "A").set_index("term")
    np.testing.assert_allclose(ab["score"], -ba.loc[ab.index, "score"])


def test_distinctive_terms_rest_pools_other_groups(term_corpus):
    arts, m = term_corpus
    t = distinctive_terms(m, "outlet", "A", articles=arts).set_index("term")
    counted = m[m["voice"] != "quoted"]
    assert t.loc["regime", "count_b"] == (counted["term"].eq("regime") & counted["outlet"].ne("A")).sum()
    words_a = framing.count_words(arts[arts["outlet"] == "A"]).sum()
    assert t.loc["regime", "rate_a"] == pytest.approx(t.loc["regime", "count_a"] * 1000 / words_a)


@pytest.mark.parametrize("method, lam", [("chi2", "pearson"), ("g2", "log-likelihood")])
def test_distinctive_terms_keyness_matches_scipy(method, lam):
    from scipy.stats import chi2_contingency

    m = pd.DataFrame({"article_id": ["1"] * 30 + ["2"] * 30, "outlet": ["A"] * 30 + ["B"] * 30,
                      "term": ["x"] * 12 + ["y"] * 18 + ["x"] * 4 + ["y"] * 26,
                      "category": "c", "voice": "narrative"})
    t = distinctive_terms(m, "outlet", "A", "B", method=method).set_index("term")
    stat, p, _, _ = chi2_contingency([[12, 18], [4, 26]], correction=False, lambda_=lam)
    assert t.loc["x", "score"] == pytest.approx(stat)
    assert t.loc["x", "p_value"] == pytest.approx(p)


def test_distinctive_terms_log_odds_matches_formula():
    m = pd.DataFrame({"article_id": ["1"] * 30 + ["2"] * 30, "outlet": ["A"] * 30 + ["B"] * 30,
                      "term": ["x"] * 12 + ["y"] * 18 + ["x"] * 4 + ["y"] * 26,
                      "category": "c", "voice": "narrative"})
    t = distinctive_terms(m, "outlet", "A", "B", prior_scale=10).set_index("term")
    a0, pi = 10.0, (16 + 0.01) / (60 + 0.02)
    al = a0 * pi
    delta = np.log((12 + al) / (30 + a0 - 12 - al)) - np.log((4 + al) / (30 + a0 - 4 - al))
    z = delta / np.sqrt(1 / (12 + al) + 1 / (4 + al))
    assert t.loc["x", "effect"] == pytest.approx(delta)
    assert t.loc["x", "score"] == pytest.approx(z)


def test_distinctive_terms_ngrams_find_candidate_terms(term_corpus):
    arts, _ = term_corpus
    t = distinctive_terms(arts, "outlet", "A", ngrams=(1, 2), min_count=5)
    assert t["term"].iloc[0] == "regime"
    assert (t["category"] == "").all()
    assert t["term"].str.contains(" ").any()  # bigrams are there


def test_distinctive_terms_matches_with_ngrams_needs_articles(term_corpus):
    _, m = term_corpus
    with pytest.raises(InputError, match="pass articles="):
        distinctive_terms(m, "outlet", "A", ngrams=(1, 1))


def test_distinctive_terms_by_column_from_articles(term_corpus):
    arts, m = term_corpus
    arts = arts.assign(bias_text=arts["outlet"].map({"A": "left", "B": "right", "C": "right"}))
    t = distinctive_terms(m, "bias_text", "left", "right", articles=arts)
    assert t["term"].iloc[0] == "regime"
    with pytest.raises(InputError, match="by='bias_text' is not a column of the matches table.*articles="):
        distinctive_terms(m, "bias_text", "left")


@pytest.mark.parametrize("a, b, kwargs, exc, match", [
    ("A", None, {"method": "tfidf"}, ValueError, "method must be one of log_odds, chi2, g2"),
    ("Z", None, {}, InputError, "group 'Z' is not in column 'outlet'"),
    ("A", "Z", {}, InputError, "group 'Z' is not in column 'outlet'"),
    ("A", "A", {}, InputError, "two different groups"),
])
def test_distinctive_terms_rejects_bad_arguments(term_corpus, a, b, kwargs, exc, match):
    _, m = term_corpus
    with pytest.raises(exc, match=match):
        distinctive_terms(m, "outlet", a, b, **kwargs)


# ---------------------------------------------------------------------------
# term_contributions, distances, map
# ---------------------------------------------------------------------------

def test_term_contributions_sum_to_rate_difference(term_corpus):
    arts, m = term_corpus
    lex_cats = ["delegitimizing", "neutral"]
    scores = framing.score_articles(m, arts, categories=lex_cats)
    rates = compare_outlets(scores, n_boot=0, n_perm=0).rates.set_index(["outlet", "category"])["rate"]
    tc = term_contributions(m, arts, "outlet", "A", "B")
    assert list(tc.columns[:5]) == ["term", "category", "rate_a", "rate_b", "contribution"]
    by_cat = tc.groupby("category")["contribution"].sum()
    for cat in lex_cats:
        assert by_cat[cat] == pytest.approx(rates[("A", cat)] - rates[("B", cat)])
    assert tc["contribution"].abs().is_monotonic_decreasing


def test_outlet_distances_properties(planted):
    for metric in ("jensenshannon", "cosine"):
        d = outlet_distances(planted, metric=metric)
        assert list(d.index) == list(d.columns) == ["A", "B", "C"]
        np.testing.assert_allclose(d.to_numpy(), d.to_numpy().T)
        np.testing.assert_allclose(np.diag(d.to_numpy()), 0)
        assert d.loc["A", "B"] > d.loc["B", "C"]
    with pytest.raises(ValueError, match="metric must be one of"):
        outlet_distances(planted, metric="euclid")


def test_outlet_distances_group_without_hits_is_nan():
    s = pd.DataFrame({"article_id": ["1", "2", "3"], "outlet": ["A", "B", "C"], "category": "x",
                      "count": [1, 2, 0], "n_words": 100})
    d = outlet_distances(s)
    assert d.loc["A", "B"] == 0 and np.isnan(d.loc["C", "A"])


@pytest.mark.parametrize("method", ["pca", "mds"])
def test_outlet_map_places_similar_outlets_together(method):
    rng = np.random.default_rng(0)
    rates = {"L1": {"x": 6, "y": 1, "z": 2}, "L2": {"x": 6, "y": 1.2, "z": 2},
             "R1": {"x": 1, "y": 6, "z": 2}, "R2": {"x": 1.2, "y": 6, "z": 2}}
    s = synthetic_scores(rng, rates, n_articles=40)
    xy = outlet_map(s, method=method, random_state=0).set_index("outlet")
    assert list(xy.columns) == ["x", "y", "n_articles"]
    dist = lambda p, q: np.hypot(*(xy.loc[p, ["x", "y"]] - xy.loc[q, ["x", "y"]]))  # noqa: E731
    assert dist("L1", "L2") < dist("L1", "R1") and dist("R1", "R2") < dist("L2", "R2")
    with pytest.raises(ValueError, match="method must be 'pca' or 'mds'"):
        outlet_map(s, method="tsne")


# ---------------------------------------------------------------------------
# speed and CLI
# ---------------------------------------------------------------------------

def test_compare_outlets_is_vectorised_fast():
    import time

    rng = np.random.default_rng(1)
    n, K = 2000, 5
    s = pd.DataFrame({"article_id": np.repeat(np.arange(n), K), "outlet": np.repeat(rng.integers(0, 10, n), K),
                      "category": np.tile(list("abcde"), n), "count": rng.poisson(1, n * K),
                      "n_words": np.repeat(rng.integers(200, 1000, n), K)})
    compare_outlets(s.head(1000), n_boot=5, n_perm=5, random_state=0)  # imports
    t = time.perf_counter()
    compare_outlets(s, n_boot=1000, n_perm=200, random_state=0, contrasts="both")
    assert time.perf_counter() - t < 10


def test_cli_compare_prints_contrasts(capsys):
    assert main(["compare", str(SEEDS), "-l", "venezuela-2019", "--n-boot", "20", "--n-perm", "20",
                 "--seed", "1", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith(",".join(CONTRAST_COLUMNS[:5]))


@pytest.mark.parametrize("table, first", [("rates", "outlet,category,n_articles"),
                                          ("terms", "term,count_a,count_b"),
                                          ("distances", "outlet,"), ("map", "outlet,x,y")])
def test_cli_compare_tables(capsys, table, first):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["compare", str(SEEDS), "-l", "venezuela-2019", "--n-boot", "10", "--n-perm", "10",
                     "--table", table, "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith(first)


def test_cli_compare_unknown_by_column(capsys):
    assert main(["compare", str(SEEDS), "--by", "leaning"]) == 2
    assert "--by leaning: no such column" in capsys.readouterr().err
