"""Term heatmap: the most frequent loaded terms per outlet, clustered.

    python examples/plot_term_heatmap.py

Writes ``examples/img/heatmap_seeds.png`` and, with the news sample,
``heatmap_news.png`` (the 30 most frequent terms x 20 outlets; rows and columns
ordered by hierarchical clustering, so outlets with similar vocabularies sit together).
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
    fig, ax = plt.subplots(figsize=(7.5, 8), layout="constrained")
    plot.plot_term_heatmap(matches, seeds, ax=ax, lexicon=lex)
    ax.set_title("Loaded terms of the two seed articles\n(hits per 1,000 words, outlet's own voice)",
                 loc="left", fontsize=13, fontweight="bold", pad=58)
    save(fig, "heatmap_seeds.png")

    arts = news_sample(1500)
    if arts is None:
        return
    lex = framing.load_lexicon("loaded-language")
    matches = framing.find_matches(arts, lex)
    fig, ax = plt.subplots(figsize=(11, 10.5), layout="constrained")
    plot.plot_term_heatmap(matches, arts, ax=ax, lexicon=lex, top=30)
    ax.set_title(f"News sample ({len(arts):,} articles): 30 most frequent loaded terms per outlet",
                 loc="left", fontsize=13, fontweight="bold", pad=80)
    save(fig, "heatmap_news.png")


if __name__ == "__main__":
    main()
