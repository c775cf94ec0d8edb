"""Outlet map: outlets placed by the similarity of their framing profiles.

    python examples/plot_outlet_map.py

Uses :func:`framing.compare.outlet_map` (PCA of the standardised category rates)
on the news sample and colours outlets by their AllSides leaning.  Writes
``examples/img/map_news.png``; skipped (with a message) without the news sample: the
two seed articles make a map of two points.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from _common import news_sample, save  # noqa: E402

import framing  # noqa: E402
from framing import plot  # noqa: E402
from framing.compare import outlet_map  # noqa: E402


def main():
    arts = news_sample(1500)
    if arts is None:
        return
    lex = framing.load_lexicon("loaded-language")
    scores = framing.score_articles(framing.find_matches(arts, lex), arts, categories=lex)
    coords = outlet_map(scores, by="outlet", method="pca")
    leaning = arts.drop_duplicates("outlet").set_index("outlet")["bias_text"]
    coords = coords.assign(leaning=coords["outlet"].map(leaning))
    fig, ax = plt.subplots(figsize=(10, 8), layout="constrained")
    plot.plot_outlet_map(coords, ax=ax, hue="leaning",
                         palette={"left": "#0072B2", "center": "#999999", "right": "#D55E00"})
    ax.set_title(f"News sample ({len(arts):,} articles): outlets by framing profile (PCA)",
                 loc="left", fontsize=13, fontweight="bold")
    save(fig, "map_news.png")


if __name__ == "__main__":
    main()
