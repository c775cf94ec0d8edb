"""Term scatter: how often each loaded term appears in group A vs group B.

    python examples/plot_term_scatter.py

A static, scattertext-style chart: log axes (hits per 1,000 words, with a pseudo-count
so that terms absent from one side still show), the diagonal of equal use, and labels on
the frequent, lopsided terms.  Writes ``examples/img/scatter_seeds.png`` and, with the
news sample, ``scatter_news.png`` (left- vs right-rated outlets).
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
    fig, ax = plt.subplots(figsize=(9, 8), layout="constrained")
    ax.set_title("Seed articles: every hit, quoted speech included", loc="left", fontsize=13,
                 fontweight="bold")
    plot.plot_term_scatter(matches, seeds, ax=ax, lexicon=lex, include_quoted=True, label_top=20)
    save(fig, "scatter_seeds.png")

    arts = news_sample(1500)
    if arts is None:
        return
    lex = framing.load_lexicon("loaded-language")
    matches = framing.find_matches(arts, lex)
    fig, ax = plt.subplots(figsize=(10, 9), layout="constrained")
    ax.set_title(f"News sample ({len(arts):,} articles): left- vs right-rated outlets",
                 loc="left", fontsize=13, fontweight="bold")
    plot.plot_term_scatter(matches, arts, by="bias_text", a="left", b="right", ax=ax, lexicon=lex,
                           label_top=20)
    save(fig, "scatter_news.png")


if __name__ == "__main__":
    main()
