"""What the example scripts share: where the repository and the data are, and saving a chart.

The scripts import it as ``from _common import ...``, which works when they are run
as ``python examples/<script>.py`` from anywhere (Python puts the script's folder
first on ``sys.path``).  Nothing here imports matplotlib until :func:`save` runs,
so the scripts that write HTML only do not load it.
"""

from __future__ import annotations

import io
from pathlib import Path

import framing

#: The repository (the folder holding ``seeds/`` and ``examples/``).
ROOT = Path(__file__).resolve().parents[1]
#: Where the charts go.
IMG = ROOT / "examples" / "img"
#: The news sample (20 US outlets, 5,000 articles), next to the repository; optional.
NEWS = ROOT.parent / "shared" / "data" / "news-sample" / "articles.jsonl.gz"


def read_seeds():
    """The two seed articles of the repository (``seeds/``)."""
    return framing.read_articles(ROOT / "seeds")


def news_sample(n: int | None = None):
    """The news sample, or ``n`` articles of it; None (with a message) when it is absent.

    ``n`` articles are drawn with ``random_state=0``, so a chart is the same from
    run to run.
    """
    if not NEWS.exists():
        print(f"skipped the news sample: not found at {NEWS}")
        return None
    arts = framing.read_articles(NEWS, text="content", outlet="source", article_id="ID")
    if n is None:
        return arts
    return arts.sample(n, random_state=0).reset_index(drop=True)


def save(fig, name: str, dpi: int = 100) -> None:
    """Write ``examples/img/<name>`` as a 256-colour PNG (a third of the size, same look)."""
    import matplotlib.pyplot as plt
    from PIL import Image  # installed with matplotlib

    IMG.mkdir(parents=True, exist_ok=True)
    path = IMG / name
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    Image.open(buf).convert("RGB").quantize(colors=256).save(path, optimize=True)
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")
