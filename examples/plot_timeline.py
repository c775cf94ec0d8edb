"""Timeline: the rate of loaded terms over time, per leaning and per category.

    python examples/plot_timeline.py

Needs dated articles: the news sample (2012-2020).  Writes
``examples/img/timeline_news.png``; skipped (with a message) without the news sample,
as both seed articles are from one day.
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
    lex = lexicon("loaded-language")
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
