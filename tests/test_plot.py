"""Tests for framing.plot (Agg backend, figures closed by the autouse fixture in conftest)."""

import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.container import BarContainer  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import framing  # noqa: E402
from framing import plot  # noqa: E402
from framing.cli import main  # noqa: E402
from framing.errors import FramingWarning, InputError  # noqa: E402

ROOT = Path(__file__).parents[1]
SEEDS = ROOT / "seeds"


# --- fixtures ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def lex():
    return framing.load_lexicon("venezuela-2019")


@pytest.fixture(scope="module")
def seeds():
    return framing.read_articles(SEEDS)


@pytest.fixture(scope="module")
def matches(seeds, lex):
    return framing.find_matches(seeds, lex)


@pytest.fixture(scope="module")
def scores(matches, seeds, lex):
    return framing.score_articles(matches, seeds, categories=lex)


@pytest.fixture(scope="module")
def corpus(lex):
    """Twelve small articles from three outlets over four months (synthetic)."""
    texts = {
        "Red": "The regime ordered a crackdown. The dictator spoke of a coup and an invasion.",
        "Blue": "The democratically elected president spoke. The interim president and the "
                "legitimate president met loyal officers.",
        "Green": "The self-proclaimed leader and the puppet of imperialism spoke of a coup.",
    }
    rows = []
    for i in range(12):
        outlet = list(texts)[i % 3]
        rows.append({"article_id": f"a{i:02d}", "outlet": outlet, "title": f"Story {i}",
                     "date": pd.Timestamp("2019-01-10") + pd.DateOffset(months=i // 3),
                     "text": texts[outlet] + " Filler words here." * (i % 4)})
    arts = framing.read_articles(pd.DataFrame(rows))
    m = framing.find_matches(arts, lex)
    s = framing.score_articles(m, arts, categories=lex)
    return arts, m, s


def hexes(colors):
    return [to_hex(c).lower() for c in colors]


def bars(ax):
    return [c for c in ax.containers if isinstance(c, BarContainer)]


def text_boxes(texts):
    """Window extents of the text alone (an Annotation's extent includes its arrow)."""
    return [Text.get_window_extent(t) for t in texts]


def overlapping(boxes):
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
            if boxes[i].overlaps(boxes[j])]


# --- import discipline ----------------------------------------------------------------------

def test_import_framing_does_not_import_matplotlib_or_plot():
    code = ("import sys, framing, framing.cli, framing.cli.chart; "
            "bad = [m for m in ('matplotlib', 'framing.plot') if m in sys.modules]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_chart_cli_registered_without_importing_matplotlib():
    code = ("import sys; from framing.cli import build_parser; build_parser(); "
            "assert 'matplotlib' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# --- colours --------------------------------------------------------------------------------

def test_category_colors_come_from_the_lexicon(lex):
    assert plot.category_colors(["legitimizing", "delegitimizing"], lexicon=lex) == {
        "legitimizing": lex.colors["legitimizing"], "delegitimizing": lex.colors["delegitimizing"]}


def test_category_colors_unknown_categories_are_deterministic_okabe_ito(lex):
    a = plot.category_colors(["zeta", "alpha", "delegitimizing"], lexicon=lex)
    b = plot.category_colors(["alpha", "zeta"], lexicon=lex)
    assert a["alpha"] == b["alpha"] and a["zeta"] == b["zeta"] and a["alpha"] != a["zeta"]
    assert {a["alpha"], a["zeta"]}.isdisjoint(set(lex.colors.values()))


def test_category_colors_override_and_default_to_builtins(lex):
    assert plot.category_colors(["legitimizing"], lexicon=lex, colors={"legitimizing": "#000000"}) == {
        "legitimizing": "#000000"}
    assert plot.category_colors(["legitimizing"])["legitimizing"] == lex.colors["legitimizing"]


# --- profile --------------------------------------------------------------------------------

def test_plot_profile_scores_bars_colours_and_labels(scores, lex):
    ax = plot.plot_profile(scores, lexicon=lex)
    present = scores.groupby("category")["count"].sum()
    cats = [c for c in lex.categories if present.get(c, 0) > 0]  # empty categories are left out
    assert len(ax.patches) == 2 * len(cats)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == cats
    for container, cat in zip(bars(ax), cats):
        assert set(hexes(p.get_facecolor() for p in container.patches)) == {lex.colors[cat].lower()}
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Alwaght", "unnamed outlet\n(citing Press TV)"]
    assert all(t.get_fontsize() >= 11 for t in ax.get_xticklabels())
    # pooled rate of Alwaght, delegitimizing
    row = scores[(scores["outlet"] == "Alwaght") & (scores["category"] == "delegitimizing")]
    assert bars(ax)[0].patches[0].get_height() == pytest.approx(
        row["count"].sum() / row["n_words"].sum() * 1000)


@pytest.fixture
def rates():
    return pd.DataFrame({
        "outlet": ["A", "A", "B", "B", "C", "C"],
        "category": ["delegitimizing", "legitimizing"] * 3,
        "n_articles": 10, "count": 5, "n_words": 1000,
        "rate": [2.0, 1.0, 3.0, 0.5, 1.5, 1.5],
        "ci_low": [1.5, 0.5, 2.0, 0.1, 1.0, np.nan],
        "ci_high": [2.5, 1.5, 4.0, 0.9, 2.0, np.nan],
    })


def test_plot_profile_rates_have_ci_whiskers(rates, lex):
    ax = plot.plot_profile(rates, lexicon=lex)
    assert len(ax.patches) == 6
    for container in bars(ax):
        assert container.errorbar is not None
        segments = container.errorbar.lines[2][0].get_segments()
        assert len(segments) == 3
    segs = bars(ax)[0].errorbar.lines[2][0].get_segments()  # delegitimizing: A, B, C
    assert [s[:, 1].tolist() for s in segs] == [[1.5, 2.5], [2.0, 4.0], [1.0, 2.0]]
    assert all(lc.get_linewidth()[0] >= 1.5 for lc in bars(ax)[0].errorbar.lines[2])


def test_plot_profile_accepts_a_comparison(corpus, lex):
    compare = pytest.importorskip("framing.compare")
    _, _, s = corpus
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        comp = compare.compare_outlets(s, n_boot=50, n_perm=20, random_state=0)
    ax = plot.plot_profile(comp, lexicon=lex)
    assert {t.get_text() for t in ax.get_xticklabels()} == {"Red", "Blue", "Green"}
    assert all(c.errorbar is not None for c in bars(ax))


def test_plot_profile_horizontal_stacked_and_order(rates, lex):
    ax = plot.plot_profile(rates, lexicon=lex, orient="h", stacked=True, order=["C", "A"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["C", "A"]
    first, second = bars(ax)
    assert [p.get_x() for p in second.patches] == [p.get_width() for p in first.patches]
    assert all(c.errorbar is None for c in bars(ax))


def test_plot_profile_names_missing_columns():
    with pytest.raises(InputError, match="expected Comparison.rates"):
        plot.plot_profile(pd.DataFrame({"outlet": ["A"], "category": ["x"], "value": [1]}))
    with pytest.raises(InputError, match="lacks column.*category"):
        plot.plot_profile(pd.DataFrame({"outlet": ["A"]}))


# --- heatmap --------------------------------------------------------------------------------

def test_plot_term_heatmap_rates_order_and_colours(matches, seeds, lex):
    ax = plot.plot_term_heatmap(matches, seeds, lexicon=lex, top=10)
    img = ax.images[0].get_array()
    assert img.shape == (10, 2)
    terms = [t.get_text() for t in ax.get_yticklabels()]
    counted = matches[matches["voice"] != "quoted"]
    assert set(terms) <= set(counted["term"])
    cat_of = dict(zip(matches["term"], matches["category"]))
    for lab in ax.get_yticklabels():  # each term label on its category colour
        assert to_hex(lab.get_bbox_patch().get_facecolor()) == lex.colors[cat_of[lab.get_text()]].lower()
    # a cell is hits per 1,000 words of the outlet
    words = framing.count_words(seeds).groupby(seeds["outlet"]).sum()
    col = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()].index("Alwaght")
    row = terms.index("coup")
    n = ((counted["term"] == "coup") & (counted["outlet"] == "Alwaght")).sum()
    assert img[row, col] == pytest.approx(n / words["Alwaght"] * 1000)
    assert any(t.get_text() == f"{img[row, col]:.1f}" for t in ax.texts)


def test_plot_term_heatmap_rows_follow_leaves_list(corpus, lex):
    from scipy.cluster.hierarchy import leaves_list, linkage

    arts, m, _ = corpus
    ax = plot.plot_term_heatmap(m, arts, lexicon=lex, cluster=True, top=6)
    shown = [t.get_text() for t in ax.get_yticklabels()]
    counted = m[m["voice"] != "quoted"]
    totals = counted["term"].value_counts()
    top = sorted(totals.index, key=lambda t: (-totals[t], t))[:6]
    words = framing.count_words(arts).groupby(arts["outlet"]).sum()
    rates = counted.groupby(["term", "outlet"]).size().unstack(fill_value=0).reindex(
        columns=words.index, fill_value=0).div(words, axis=1) * 1000
    order = leaves_list(linkage(np.log1p(rates.loc[top].to_numpy()), method="average",
                                optimal_ordering=True))
    assert shown == [top[i] for i in order]
    cols = [t.get_text() for t in ax.get_xticklabels()]
    corder = leaves_list(linkage(np.log1p(rates.loc[shown].to_numpy().T), method="average",
                                 optimal_ordering=True))
    assert cols == [list(words.index)[i] for i in corder]


def test_plot_term_heatmap_without_articles_counts_hits(matches):
    ax = plot.plot_term_heatmap(matches, top=5, colorbar=False, legend=False)
    assert ax.images[0].get_array().max() == float(
        matches[matches["voice"] != "quoted"].groupby(["term", "outlet"]).size().max())


# --- keyness --------------------------------------------------------------------------------

@pytest.fixture
def terms_table():
    return pd.DataFrame({"term": ["regime", "dictator", "coup", "loyal", "puppet", "invasion"],
                         "score": [3.2, 2.1, 0.4, -0.5, -1.9, -2.8], "method": "log_odds"})


def test_plot_keyness_diverging_bars_and_labels(terms_table):
    ax = plot.plot_keyness(terms_table, top=2, labels=("Fox", "CNN"))
    widths = [p.get_width() for p in ax.patches]
    assert widths == [3.2, 2.1, -1.9, -2.8]
    assert [t.get_text() for t in ax.texts if hasattr(t, "xyann")] == ["regime", "dictator", "puppet",
                                                                      "invasion"]
    notes = {t.get_text() for t in ax.texts}
    assert {"more in Fox →", "← more in CNN"} <= notes
    assert ax.get_xlabel() == "z-score of the log-odds ratio"
    # grey by side when no category is known
    assert hexes(p.get_facecolor() for p in ax.patches) == ["#3b3b3b", "#3b3b3b", "#a0a0a0", "#a0a0a0"]


def test_plot_keyness_colours_by_category_from_lexicon(terms_table, lex):
    ax = plot.plot_keyness(terms_table, lexicon=lex)
    cat_of = dict(zip(lex.to_frame()["term"], lex.to_frame()["category"]))
    assert len(ax.patches) == 6
    for patch, term in zip(ax.patches, ["regime", "dictator", "coup", "loyal", "puppet", "invasion"]):
        assert to_hex(patch.get_facecolor()) == lex.colors[cat_of[term]].lower()


def test_plot_keyness_labels_fit_inside_the_axes(terms_table):
    fig, ax = plt.subplots(figsize=(6, 4))
    plot.plot_keyness(terms_table.assign(term=terms_table["term"] + " with a long tail"), ax=ax)
    fig.canvas.draw()
    box = ax.get_window_extent()
    for t in ax.texts:
        if hasattr(t, "xyann"):
            bb = t.get_window_extent()
            assert box.x0 - 1 <= bb.x0 and bb.x1 <= box.x1 + 1


def test_plot_keyness_from_distinctive_terms(matches, seeds, lex):
    compare = pytest.importorskip("framing.compare")
    if not hasattr(compare, "distinctive_terms"):
        pytest.skip("framing.compare.distinctive_terms not written yet")
    a, b = seeds["outlet"].tolist()
    terms = compare.distinctive_terms(matches, "outlet", a, b, articles=seeds)
    ax = plot.plot_keyness(terms, labels=(a, b), top=5)
    assert 0 < len(ax.patches) <= 10


# --- actor stance ----------------------------------------------------------------------------

@pytest.fixture
def stance():
    return pd.DataFrame({
        "outlet": ["A", "A", "B", "B", "A", "B"],
        "actor": ["Guaidó", "Guaidó", "Guaidó", "Maduro", "Maduro", "Guaidó"],
        "category": ["delegitimizing", "legitimizing", "legitimizing", "delegitimizing",
                     "legitimizing", "delegitimizing"],
        "voice": ["narrative", "narrative", "narrative", "quoted", "narrative", "quoted"],
        "count": [2, 1, 3, 1, 1, 1], "weighted": [6.0, 2.0, 6.0, 3.0, 2.0, 1.0],
        "net": [-6.0, 2.0, 6.0, -3.0, 2.0, -1.0],
    })


def test_plot_actor_stance_positive_and_negative_parts(stance, lex):
    ax = plot.plot_actor_stance(stance, lexicon=lex)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Guaidó", "A", "B", "Maduro", "A", "B"]
    bold = [t.get_fontweight() for t in ax.get_yticklabels()]
    assert bold[0] == "bold" and bold[1] != "bold"
    legit, delegit = bars(ax)
    assert [p.get_width() for p in legit.patches] == [2.0, 6.0, 2.0, 0.0]
    assert [p.get_width() for p in delegit.patches] == [-6.0, -1.0, 0.0, -3.0]
    assert to_hex(legit.patches[0].get_facecolor()) == lex.colors["legitimizing"].lower()
    assert to_hex(delegit.patches[0].get_facecolor()) == lex.colors["delegitimizing"].lower()


def test_plot_actor_stance_voice_filter_and_top(stance):
    ax = plot.plot_actor_stance(stance, voices=["narrative"], top=1)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Guaidó", "A", "B"]
    assert [p.get_width() for p in bars(ax)[1].patches] == [-6.0, 0.0]


def test_plot_actor_stance_needs_a_group_column():
    with pytest.raises(InputError, match="no grouping column"):
        plot.plot_actor_stance(pd.DataFrame({"actor": ["x"], "net": [1.0]}))


# --- outlet map -----------------------------------------------------------------------------

def test_plot_outlet_map_labels_do_not_overlap():
    rng = np.random.default_rng(0)
    names = [f"Outlet number {i}" for i in range(14)]
    m = pd.DataFrame({"outlet": names, "x": rng.normal(0, 0.2, 14), "y": rng.normal(0, 0.2, 14),
                      "n_articles": rng.integers(5, 50, 14),
                      "leaning": ["left", "right"] * 7})
    fig, ax = plt.subplots(figsize=(7, 6))
    plot.plot_outlet_map(m, ax=ax, hue="leaning", palette={"left": "#0072B2"})
    fig.canvas.draw()
    labels = [t for t in ax.texts if t.get_text() in names]
    assert sorted(t.get_text() for t in labels) == sorted(names)
    assert overlapping(text_boxes(labels)) == []
    box = ax.get_window_extent()
    assert all(box.x0 - 1 <= b.x0 and b.x1 <= box.x1 + 1 for b in text_boxes(labels))
    fc = hexes(ax.collections[0].get_facecolors())
    assert fc[0] == "#0072b2" and fc[1] != "#0072b2"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["left", "right"]


def test_plot_outlet_map_is_deterministic():
    m = pd.DataFrame({"outlet": list("ABCDEF"), "x": [0, 0.01, 0.02, 1, 1.01, 0.5],
                      "y": [0, 0.01, 0, 1, 1, 0.5], "n_articles": 10})
    pos = []
    for _ in range(2):
        ax = plot.plot_outlet_map(m)
        pos.append([t.xyann for t in ax.texts])
    assert pos[0] == pos[1]


def test_plot_outlet_map_from_outlet_map(corpus):
    compare = pytest.importorskip("framing.compare")
    if not hasattr(compare, "outlet_map"):
        pytest.skip("framing.compare.outlet_map not written yet")
    _, _, s = corpus
    ax = plot.plot_outlet_map(compare.outlet_map(s, random_state=0))
    assert sorted(t.get_text() for t in ax.texts) == ["Blue", "Green", "Red"]


# --- dispersion -----------------------------------------------------------------------------

def test_plot_dispersion_one_row_per_article(matches, seeds, lex):
    ax = plot.plot_dispersion(matches, seeds, lexicon=lex)
    assert len(ax.get_yticklabels()) == 2
    assert ax.get_yticklabels()[0].get_text().startswith("Alwaght")
    ticks = sum(len(c.get_segments()) for c in ax.collections)
    assert ticks == len(matches)
    xs = [s[0, 0] for c in ax.collections for s in c.get_segments()]
    assert 0 <= min(xs) and max(xs) <= 1
    colours = {to_hex(c.get_color()[0]) for c in ax.collections}
    assert colours == {lex.colors[c].lower() for c in matches["category"].unique()}
    quoted = [c for c in ax.collections if c.get_label() in ("", None) or c.get_label().startswith("_")]
    assert quoted and all(abs(s[1, 1] - s[0, 1]) < 0.5 for c in quoted for s in c.get_segments())


def test_plot_dispersion_terms_rows(matches, seeds, lex):
    ax = plot.plot_dispersion(matches, seeds, terms=["traitor", "coup"], lexicon=lex)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels.count("traitor") == 2 and labels.count("coup") == 2 and len(labels) == 6
    n = matches["term"].isin(["traitor", "coup"]).sum()
    assert sum(len(c.get_segments()) for c in ax.collections) == n


# --- term scatter ---------------------------------------------------------------------------

def test_plot_term_scatter_log_axes_points_and_labels(corpus, lex):
    arts, m, _ = corpus
    fig, ax = plt.subplots(figsize=(7, 7))
    plot.plot_term_scatter(m, arts, a="Red", b="Blue", ax=ax, lexicon=lex, label_top=5)
    assert ax.get_xscale() == ax.get_yscale() == "log"
    counted = m[(m["voice"] != "quoted") & m["outlet"].isin(["Red", "Blue"])]
    assert len(ax.collections[0].get_offsets()) == counted["term"].nunique()
    fig.canvas.draw()
    labels = [t for t in ax.texts if hasattr(t, "xyann")]
    assert 0 < len(labels) <= 5
    assert overlapping(text_boxes(labels)) == []
    assert "Red" in ax.get_xlabel() and "Blue" in ax.get_ylabel()
    diag = ax.get_lines()[0].get_xydata()
    assert np.allclose(diag[:, 0], diag[:, 1])


def test_plot_term_scatter_defaults_to_two_largest_groups(matches, seeds):
    ax = plot.plot_term_scatter(matches, seeds, label_top=0)
    assert {ax.get_xlabel().split(":")[0], ax.get_ylabel().split(":")[0].replace("\n", " ")} == {
        "Alwaght", "unnamed outlet (citing Press TV)"}


def test_plot_term_scatter_unknown_group(matches, seeds):
    with pytest.raises(InputError, match="group 'Nope' not in column 'outlet'"):
        plot.plot_term_scatter(matches, seeds, a="Nope", b="Alwaght")


# --- timeline -------------------------------------------------------------------------------

def test_plot_timeline_one_line_per_group_with_gaps(corpus):
    _, _, s = corpus
    s = s[~((s["outlet"] == "Red") & (s["date"].dt.month == 2))]  # Red has no article in February
    ax = plot.plot_timeline(s, freq="M")
    lines = {ln.get_label(): ln for ln in ax.get_lines()}
    assert set(lines) == {"Red", "Blue", "Green"}
    red = lines["Red"].get_ydata()
    assert len(red) == 4 and np.isnan(red[1]) and not np.isnan(red[0])
    assert all(ln.get_linewidth() >= 2 for ln in lines.values())


def test_plot_timeline_by_category_uses_category_colours(corpus, lex):
    _, _, s = corpus
    ax = plot.plot_timeline(s, by=None, freq="Q", lexicon=lex)
    for ln in ax.get_lines():
        assert to_hex(ln.get_color()) == lex.colors[ln.get_label()].lower()


@pytest.mark.parametrize("freq", ["M", "ME", "Q", "QE", "Y", "YE", "W"])
def test_plot_timeline_accepts_period_and_offset_spellings(corpus, freq):
    _, _, s = corpus
    ax = plot.plot_timeline(s, freq=freq, category="delegitimizing")
    assert ax.get_lines()


def test_plot_timeline_needs_dates(scores):
    with pytest.raises(InputError, match="lacks column.*date"):
        plot.plot_timeline(scores.drop(columns="date"))


# --- side by side ---------------------------------------------------------------------------

def chips(ax):
    return [t for t in ax.texts if (t.get_gid() or "").startswith("chip:")]


def test_plot_side_by_side_from_matches(matches, seeds, lex):
    fig, ax = plt.subplots(figsize=(10, 12))
    a, b = seeds["article_id"]
    plot.plot_side_by_side(matches, seeds, a=a, b=b, ax=ax, lexicon=lex)
    cs = chips(ax)
    assert len(cs) == len(matches)
    left = [t for t in cs if t.get_ha() == "right"]
    assert len(left) == (matches["article_id"] == a).sum()
    for t in cs:
        voice = t.get_gid().split(":")[1]
        box = t.get_bbox_patch()
        if voice == "quoted":
            assert to_hex(box.get_facecolor()) == "#ffffff" and t.get_text().startswith("“")
        elif voice == "scare_quote":
            assert t.get_text().startswith("‘")
    cat_of = {(r.article_id, r.start): r.category for r in matches.itertuples()}
    first = matches[matches["article_id"] == a].sort_values("start").iloc[0]
    top_left = min(left, key=lambda t: t.get_position()[1])
    assert to_hex(top_left.get_bbox_patch().get_edgecolor()) == lex.colors[
        cat_of[(a, first["start"])]].lower()
    fig.canvas.draw()
    assert overlapping([t.get_window_extent() for t in left]) == []


def test_plot_side_by_side_from_alignment(seeds, matches, lex):
    align = pytest.importorskip("framing.align")
    al = align.align_articles(seeds.iloc[0], seeds.iloc[1], matches=matches, lexicon=lex)
    fig, ax = plt.subplots(figsize=(10, 14))
    plot.plot_side_by_side(al, ax=ax, lexicon=lex, labels=("A", "B"))
    n_terms = sum(len(x) for x in al["terms_a"]) + sum(len(x) for x in al["terms_b"])
    assert len(chips(ax)) == n_terms
    centre = [t.get_text() for t in ax.texts if "↔" in t.get_text()]
    assert len(centre) == sum(1 for x, y in zip(al["terms_a"], al["terms_b"]) if x or y)


def test_plot_side_by_side_warns_when_the_axes_is_too_short(matches, seeds):
    fig, ax = plt.subplots(figsize=(6, 2))
    with pytest.warns(FramingWarning, match="labels will overlap"):
        plot.plot_side_by_side(matches, seeds, ax=ax)


# --- ax honoured, fonts ---------------------------------------------------------------------

def _calls(matches, seeds, scores, corpus, terms_table, stance):
    arts, m, s = corpus
    mp = pd.DataFrame({"outlet": ["A", "B"], "x": [0.0, 1.0], "y": [0.0, 1.0], "n_articles": [1, 2]})
    return {
        "profile": lambda ax: plot.plot_profile(scores, ax=ax),
        "heatmap": lambda ax: plot.plot_term_heatmap(matches, seeds, ax=ax),
        "keyness": lambda ax: plot.plot_keyness(terms_table, ax=ax),
        "stance": lambda ax: plot.plot_actor_stance(stance, ax=ax),
        "map": lambda ax: plot.plot_outlet_map(mp, ax=ax),
        "dispersion": lambda ax: plot.plot_dispersion(matches, seeds, ax=ax),
        "scatter": lambda ax: plot.plot_term_scatter(matches, seeds, ax=ax),
        "timeline": lambda ax: plot.plot_timeline(s, ax=ax),
        "side_by_side": lambda ax: plot.plot_side_by_side(matches, seeds, ax=ax),
    }


@pytest.mark.parametrize("kind", ["profile", "heatmap", "keyness", "stance", "map", "dispersion",
                                  "scatter", "timeline", "side_by_side"])
def test_plot_functions_honour_ax_and_use_readable_fonts(kind, matches, seeds, scores, corpus,
                                                         terms_table, stance):
    fig, ax = plt.subplots(figsize=(10, 12))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        out = _calls(matches, seeds, scores, corpus, terms_table, stance)[kind](ax)
    assert out is ax
    texts = list(ax.texts)
    if ax.axison:
        texts += ax.get_xticklabels() + ax.get_yticklabels() + [ax.xaxis.label, ax.yaxis.label]
    if ax.get_legend():
        texts += ax.get_legend().get_texts()
    assert all(t.get_fontsize() >= 11 for t in texts if t.get_text())


def test_plot_functions_make_their_own_axes(scores):
    ax = plot.plot_profile(scores)
    assert ax.figure is plt.gcf()


# --- dashboard ------------------------------------------------------------------------------

def test_dashboard_on_seeds(matches, seeds, lex):
    fig = plot.dashboard(matches, seeds, lexicon=lex)
    axes = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    assert len(axes) == 4
    assert fig.get_suptitle().startswith("2 articles")
    assert any(ax.images for ax in axes)  # heatmap
    assert any(chips(ax) for ax in axes)  # side by side (two articles)


def test_dashboard_many_groups_uses_given_figure(corpus, lex):
    arts, m, s = corpus
    fig = plt.figure(figsize=(16, 9), layout="constrained")
    out = plot.dashboard(m, arts, s, lexicon=lex, fig=fig)
    assert out is fig
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert "Red vs Blue" in " ".join(titles) or any(" vs " in t for t in titles)
    assert any(t.startswith("Over time") for t in titles)


# --- command line ---------------------------------------------------------------------------

@pytest.mark.parametrize("kind,suffix,magic", [
    ("profile", ".png", b"\x89PNG"),
    ("side-by-side", ".svg", b"<?xml"),
    ("heatmap", ".pdf", b"%PDF"),
    ("keyness", ".png", b"\x89PNG"),
    ("map", ".png", b"\x89PNG"),
    ("stance", ".png", b"\x89PNG"),
])
def test_cli_chart_writes_files(tmp_path, capsys, kind, suffix, magic):
    out = tmp_path / f"chart{suffix}"
    assert main(["chart", kind, str(SEEDS), "-l", "venezuela-2019", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(magic)
    assert f"wrote {out}" in capsys.readouterr().err


def test_cli_chart_rejects_unknown_suffix_and_group(tmp_path, capsys):
    assert main(["chart", "profile", str(SEEDS), "-o", str(tmp_path / "x.jpg")]) == 2
    assert "must end in .png, .svg, .pdf" in capsys.readouterr().err
    code = main(["chart", "scatter", str(SEEDS), "-l", "venezuela-2019", "--a", "Nope",
                 "-o", str(tmp_path / "x.png")])
    assert code == 2 and "--a Nope: no such outlet" in capsys.readouterr().err
