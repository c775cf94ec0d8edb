"""Dispersion ("x-ray"): where the loaded terms fall along each article.

    python examples/plot_dispersion.py

Writes ``examples/img/dispersion_seeds.png`` (both seed articles, ticks coloured by
category, quoted speech as half ticks) and, with the news sample,
``dispersion_news.png`` (the ten articles with the most hits).
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from _common import news_sample, read_seeds, save  # noqa: E402

import framing  # noqa: E402
from framing import plot  # noqa: E402


def main():
    lex = framing.load_lexicon("loaded-language", "venezuela-2019")
    seeds = read_seeds()
    matches = framing.find_matches(seeds, lex)
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(11, 7.5), layout="constrained",
                                   height_ratios=[1, 2.2])
    plot.plot_dispersion(matches, seeds, ax=ax1, lexicon=lex)
    ax1.set_title("Every loaded term in the two seed articles", loc="left", fontsize=13,
                  fontweight="bold")
    ax1.set_xlabel("")
    plot.plot_dispersion(matches, seeds, ax=ax2, lexicon=lex, legend=False,
                         terms=["traitor", "loyal", "coup", "interim president"])
    ax2.set_title("Four terms, one row each", loc="left", fontsize=13, fontweight="bold")
    save(fig, "dispersion_seeds.png")

    arts = news_sample(1500)
    if arts is None:
        return
    lex = framing.load_lexicon("loaded-language")
    matches = framing.find_matches(arts, lex)
    fig, ax = plt.subplots(figsize=(12, 7.5), layout="constrained")
    plot.plot_dispersion(matches, arts, ax=ax, lexicon=lex, max_articles=10)
    ax.set_title(f"News sample: the 10 of {len(arts):,} articles with the most hits",
                 loc="left", fontsize=13, fontweight="bold")
    save(fig, "dispersion_news.png")


if __name__ == "__main__":
    main()
