"""Outlet map: outlets placed by the similarity of their framing profiles.

    python examples/plot_outlet_map.py

Uses :func:`framing.compare.outlet_map` (PCA of the standardised category rates)
on the news sample and colours outlets by their AllSides leaning.  Writes
``examples/img/map_news.png``; skipped (with a message) without the news sample: the
two seed articles make a map of two points.
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
    arts = news_sample()
    if arts is None:
        return
    from framing.compare import outlet_map

    lex = lexicon("loaded-language")
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
