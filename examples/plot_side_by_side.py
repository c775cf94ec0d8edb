"""Side by side: the loaded terms of the two seed articles, coloured by category.

    python examples/plot_side_by_side.py

Writes ``examples/img/side_by_side_seeds.png`` (terms placed by their position in
each article) and ``side_by_side_aligned.png`` (terms in the sentence pairs found by
:func:`framing.align.align_articles`).  Filled labels are the outlet's own voice,
‘single quotes’ mark scare quotes and outlined “double quotes” quoted speech.
"""

import io
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import framing  # noqa: E402
from framing import plot  # noqa: E402
from framing.errors import FramingError, FramingWarning  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
IMG = ROOT / "examples" / "img"
NEWS = ROOT.parent / "shared/data/news-sample/articles.jsonl.gz"
# the two built-in packs share a few terms ("self-styled"...): not news for this example
warnings.filterwarnings("ignore", message=".*collide after normalisation", category=FramingWarning)


def lexicon(*names):
    """The named built-in lexicons; venezuela-2019 when loaded-language is not there."""
    try:
        return framing.load_lexicon(*names)
    except FramingError:
        return framing.load_lexicon("venezuela-2019")


def news_sample(n=1500):
    """``n`` articles of the news sample, or None (with a message) when it is absent."""
    if not NEWS.exists():
        print(f"skipped the news sample: not found at {NEWS}")
        return None
    arts = framing.read_articles(NEWS, text="content", outlet="source", article_id="ID")
    return arts.sample(n, random_state=0).reset_index(drop=True)


def save(fig, name, dpi=100):
    """Write ``examples/img/<name>`` as a 256-colour PNG (a third of the size, same look)."""
    from PIL import Image  # installed with matplotlib

    IMG.mkdir(parents=True, exist_ok=True)
    path = IMG / name
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    Image.open(buf).convert("RGB").quantize(colors=256).save(path, optimize=True)
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")


def main():
    lex = lexicon("loaded-language", "venezuela-2019")
    seeds = framing.read_articles(ROOT / "seeds")
    matches = framing.find_matches(seeds, lex)
    fig, ax = plt.subplots(figsize=(10, 10.5), layout="constrained")
    plot.plot_side_by_side(matches, seeds, ax=ax, lexicon=lex)
    fig.suptitle("The same rally, two reports: loaded terms from top to bottom of each article",
                 fontsize=13, fontweight="bold", x=0.02, ha="left")
    save(fig, "side_by_side_seeds.png")

    try:
        from framing.align import align_articles
    except ImportError:
        print("skipped the aligned view: framing.align is not available")
        return
    al = align_articles(seeds.iloc[0], seeds.iloc[1], matches=matches, lexicon=lex)
    fig, ax = plt.subplots(figsize=(10, 12), layout="constrained")
    plot.plot_side_by_side(al, ax=ax, lexicon=lex, labels=tuple(seeds["outlet"]))
    fig.suptitle("Sentence by sentence: the loaded terms of aligned sentences",
                 fontsize=13, fontweight="bold", x=0.02, ha="left")
    save(fig, "side_by_side_aligned.png")


if __name__ == "__main__":
    main()
