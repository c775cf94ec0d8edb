"""Term scatter: how often each loaded term appears in group A vs group B.

    python examples/plot_term_scatter.py

A static, scattertext-style chart: log axes (hits per 1,000 words, with a pseudo-count
so that terms absent from one side still show), the diagonal of equal use, and labels on
the frequent, lopsided terms.  Writes ``examples/img/scatter_seeds.png`` and, with the
news sample, ``scatter_news.png`` (left- vs right-rated outlets).
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
    fig, ax = plt.subplots(figsize=(9, 8), layout="constrained")
    ax.set_title("Seed articles: every hit, quoted speech included", loc="left", fontsize=13,
                 fontweight="bold")
    plot.plot_term_scatter(matches, seeds, ax=ax, lexicon=lex, include_quoted=True, label_top=20)
    save(fig, "scatter_seeds.png")

    arts = news_sample()
    if arts is None:
        return
    lex = lexicon("loaded-language")
    matches = framing.find_matches(arts, lex)
    fig, ax = plt.subplots(figsize=(10, 9), layout="constrained")
    ax.set_title(f"News sample ({len(arts):,} articles): left- vs right-rated outlets",
                 loc="left", fontsize=13, fontweight="bold")
    plot.plot_term_scatter(matches, arts, by="bias_text", a="left", b="right", ax=ax, lexicon=lex,
                           label_top=20)
    save(fig, "scatter_news.png")


if __name__ == "__main__":
    main()
