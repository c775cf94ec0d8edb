"""Framing profile: loaded terms per 1,000 words, by outlet and by leaning.

    python examples/plot_profile.py

Writes ``examples/img/profile_seeds.png`` and, when the news sample is next to the
repository (``../shared/data/news-sample``), ``profile_news_leaning.png`` (rates with
bootstrap 95% CIs from :func:`framing.compare.compare_outlets`) and
``profile_news_outlets.png`` (all 20 outlets, stacked bars).
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from _common import news_sample, read_seeds, save  # noqa: E402

import framing  # noqa: E402
from framing import plot  # noqa: E402
from framing.compare import compare_outlets  # noqa: E402


def main():
    # the two seed articles: one article per outlet, so no confidence intervals
    lex = framing.load_lexicon("loaded-language", "venezuela-2019")
    seeds = read_seeds()
    scores = framing.score_articles(framing.find_matches(seeds, lex), seeds, categories=lex)
    fig, ax = plt.subplots(figsize=(9, 4.8), layout="constrained")
    plot.plot_profile(scores, ax=ax, lexicon=lex)
    ax.set_title("Two reports of the same rally: loaded terms in the outlet's own voice",
                 loc="left", fontsize=13, fontweight="bold")
    save(fig, "profile_seeds.png")

    arts = news_sample(1500)
    if arts is None:
        return
    lex = framing.load_lexicon("loaded-language")
    scores = framing.score_articles(framing.find_matches(arts, lex), arts, categories=lex)
    comp = compare_outlets(scores, by="bias_text", n_boot=1000, n_perm=200, random_state=0)
    fig, ax = plt.subplots(figsize=(10, 5), layout="constrained")
    plot.plot_profile(comp, ax=ax, lexicon=lex, order=["left", "center", "right"])
    ax.set_xlabel("AllSides leaning of the outlet", fontsize=12)
    ax.set_title(f"News sample ({len(arts):,} articles): rate per leaning, 95% bootstrap CI",
                 loc="left", fontsize=13, fontweight="bold")
    save(fig, "profile_news_leaning.png")

    leaning = arts.drop_duplicates("outlet").set_index("outlet")["bias_text"]
    order = sorted(leaning.index, key=lambda o: (["left", "center", "right"].index(leaning[o]), o))
    fig, ax = plt.subplots(figsize=(9, 8.5), layout="constrained")
    plot.plot_profile(scores, ax=ax, lexicon=lex, orient="h", stacked=True, order=order)
    ax.set_yticks(ax.get_yticks(), [f"{o} ({leaning[o]})" for o in order])
    ax.set_title("Mix of loaded language per outlet, by leaning",
                 loc="left", fontsize=13, fontweight="bold")
    save(fig, "profile_news_outlets.png")


if __name__ == "__main__":
    main()
