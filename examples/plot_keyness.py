"""Keyness: the loaded terms most distinctive of one group against another.

    python examples/plot_keyness.py

Bars are z-scores of the log-odds ratio with an informative Dirichlet prior
(:func:`framing.compare.distinctive_terms`, Monroe et al. 2008), coloured by category.
Writes ``examples/img/keyness_seeds.png`` (Alwaght vs the unnamed outlet) and, with the
news sample, ``keyness_news.png`` (outlets rated left vs right by AllSides).
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from _common import news_sample, read_seeds, save  # noqa: E402

import framing  # noqa: E402
from framing import plot  # noqa: E402
from framing.compare import distinctive_terms  # noqa: E402


def main():
    lex = framing.load_lexicon("loaded-language", "venezuela-2019")
    seeds = read_seeds()
    matches = framing.find_matches(seeds, lex)
    a, b = seeds["outlet"]
    terms = distinctive_terms(matches, "outlet", a, b, articles=seeds)
    fig, ax = plt.subplots(figsize=(9, 7.5), layout="constrained")
    plot.plot_keyness(terms, ax=ax, labels=(a, "the unnamed outlet"), lexicon=lex, top=10)
    ax.set_title("Which loaded terms set the two seed articles apart?", loc="left",
                 fontsize=13, fontweight="bold", pad=24)
    save(fig, "keyness_seeds.png")

    arts = news_sample(1500)
    if arts is None:
        return
    lex = framing.load_lexicon("loaded-language")
    matches = framing.find_matches(arts, lex)
    terms = distinctive_terms(matches, "bias_text", "left", "right", articles=arts)
    fig, ax = plt.subplots(figsize=(9, 9), layout="constrained")
    plot.plot_keyness(terms, ax=ax, labels=("left", "right"), top=15)
    ax.set_title(f"News sample ({len(arts):,} articles): left- vs right-rated outlets",
                 loc="left", fontsize=13, fontweight="bold", pad=24)
    save(fig, "keyness_news.png")


if __name__ == "__main__":
    main()
