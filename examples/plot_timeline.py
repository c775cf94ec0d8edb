"""Timeline: the rate of loaded terms over time, per leaning and per category.

    python examples/plot_timeline.py

Needs dated articles: the news sample (2012-2020).  Writes
``examples/img/timeline_news.png``; skipped (with a message) without the news sample,
as both seed articles are from one day.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from _common import news_sample, save  # noqa: E402

import framing  # noqa: E402
from framing import plot  # noqa: E402


def main():
    arts = news_sample(1500)
    if arts is None:
        return
    lex = framing.load_lexicon("loaded-language")
    scores = framing.score_articles(framing.find_matches(arts, lex), arts, categories=lex)
    scores = scores[scores["date"] >= "2012-01-01"]  # a handful of older articles
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(11, 9), layout="constrained", sharex=True)
    plot.plot_timeline(scores, by="bias_text", freq="Y", ax=ax1, groups=["left", "center", "right"],
                       palette={"left": "#0072B2", "center": "#999999", "right": "#D55E00"},
                       min_articles=20)
    ax1.get_legend().set_title("leaning")
    ax1.set_title(f"News sample ({len(arts):,} articles): loaded terms per year, by leaning",
                  loc="left", fontsize=13, fontweight="bold")
    plot.plot_timeline(scores, by=None, freq="Y", ax=ax2, lexicon=lex, min_articles=20)
    ax2.set_title("... and by category (all outlets)", loc="left", fontsize=13, fontweight="bold")
    save(fig, "timeline_news.png")


if __name__ == "__main__":
    main()
