"""Actor stance: how each outlet labels each actor, legitimizing vs delegitimizing.

    python examples/plot_actor_stance.py

Uses :func:`framing.actors.actor_profile` (who each loaded term is aimed at) on the
seed articles with the venezuela-2019 lexicon, which lists the actors of the 2019
crisis.  Writes ``examples/img/stance_seeds.png``.  (The news sample is US news, with
hardly any of these actors, so it is not drawn here.)
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
    try:
        from framing.actors import actor_profile
    except ImportError:
        print("skipped: framing.actors.actor_profile is not available")
        return
    lex = lexicon("loaded-language", "venezuela-2019")
    seeds = framing.read_articles(ROOT / "seeds")
    matches = framing.find_matches(seeds, lex)
    profile = actor_profile(matches, by="outlet")  # the outlet's own voice (no quoted speech)
    fig, ax = plt.subplots(figsize=(10, 6.5), layout="constrained")
    plot.plot_actor_stance(profile, ax=ax, lexicon=lex)
    ax.set_title("Who is labelled how? Loaded terms aimed at each actor, outlet's own voice",
                 loc="left", fontsize=13, fontweight="bold")
    save(fig, "stance_seeds.png")


if __name__ == "__main__":
    main()
