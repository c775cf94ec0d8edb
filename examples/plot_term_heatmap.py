"""Term heatmap: the most frequent loaded terms per outlet, clustered.

    python examples/plot_term_heatmap.py

Writes ``examples/img/heatmap_seeds.png`` and, with the news sample,
``heatmap_news.png`` (the 30 most frequent terms x 20 outlets; rows and columns
ordered by hierarchical clustering, so outlets with similar vocabularies sit together).
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
    fig, ax = plt.subplots(figsize=(7.5, 8), layout="constrained")
    plot.plot_term_heatmap(matches, seeds, ax=ax, lexicon=lex)
    ax.set_title("Loaded terms of the two seed articles\n(hits per 1,000 words, outlet's own voice)",
                 loc="left", fontsize=13, fontweight="bold", pad=58)
    save(fig, "heatmap_seeds.png")

    arts = news_sample()
    if arts is None:
        return
    lex = lexicon("loaded-language")
    matches = framing.find_matches(arts, lex)
    fig, ax = plt.subplots(figsize=(11, 10.5), layout="constrained")
    plot.plot_term_heatmap(matches, arts, ax=ax, lexicon=lex, top=30)
    ax.set_title(f"News sample ({len(arts):,} articles): 30 most frequent loaded terms per outlet",
                 loc="left", fontsize=13, fontweight="bold", pad=80)
    save(fig, "heatmap_news.png")


if __name__ == "__main__":
    main()
