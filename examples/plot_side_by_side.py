"""Side by side: the loaded terms of the two seed articles, coloured by category.

    python examples/plot_side_by_side.py

Writes ``examples/img/side_by_side_seeds.png`` (terms placed by their position in
each article) and ``side_by_side_aligned.png`` (terms in the sentence pairs found by
:func:`framing.align.align_articles`).  Filled labels are the outlet's own voice,
‘single quotes’ mark scare quotes and outlined “double quotes” quoted speech.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from _common import read_seeds, save  # noqa: E402

import framing  # noqa: E402
from framing import plot  # noqa: E402
from framing.align import align_articles  # noqa: E402


def main():
    lex = framing.load_lexicon("loaded-language", "venezuela-2019")
    seeds = read_seeds()
    matches = framing.find_matches(seeds, lex)
    fig, ax = plt.subplots(figsize=(10, 10.5), layout="constrained")
    plot.plot_side_by_side(matches, seeds, ax=ax, lexicon=lex)
    fig.suptitle("The same rally, two reports: loaded terms from top to bottom of each article",
                 fontsize=13, fontweight="bold", x=0.02, ha="left")
    save(fig, "side_by_side_seeds.png")

    al = align_articles(seeds.iloc[0], seeds.iloc[1], matches=matches, lexicon=lex)
    fig, ax = plt.subplots(figsize=(10, 12), layout="constrained")
    plot.plot_side_by_side(al, ax=ax, lexicon=lex, labels=tuple(seeds["outlet"]))
    fig.suptitle("Sentence by sentence: the loaded terms of aligned sentences",
                 fontsize=13, fontweight="bold", x=0.02, ha="left")
    save(fig, "side_by_side_aligned.png")


if __name__ == "__main__":
    main()
