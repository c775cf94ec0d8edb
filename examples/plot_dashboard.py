"""Dashboard: several charts on one figure, for a report or a slide.

    python examples/plot_dashboard.py

Writes ``examples/img/dashboard_seeds.png`` and, with the news sample,
``dashboard_news.png``.
"""

import matplotlib

matplotlib.use("Agg")

from _common import news_sample, read_seeds, save  # noqa: E402

import framing  # noqa: E402
from framing import plot  # noqa: E402


def main():
    lex = framing.load_lexicon("loaded-language", "venezuela-2019")
    seeds = read_seeds()
    matches = framing.find_matches(seeds, lex)
    fig = plot.dashboard(matches, seeds, lexicon=lex)
    save(fig, "dashboard_seeds.png", dpi=80)

    arts = news_sample(1500)
    if arts is None:
        return
    lex = framing.load_lexicon("loaded-language")
    matches = framing.find_matches(arts, lex)
    fig = plot.dashboard(matches, arts, lexicon=lex, top_terms=25)
    save(fig, "dashboard_news.png", dpi=80)


if __name__ == "__main__":
    main()
