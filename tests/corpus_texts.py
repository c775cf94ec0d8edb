"""Real text the C-versus-Python tests run on: the seeds, the golden edge-case articles and
the actor-annotated articles (bodies only)."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent


def article_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((HERE.parent / "seeds").glob("*.txt"))]
    for p in sorted((HERE / "golden").glob("*.txt")):
        body = p.read_text(encoding="utf-8").split("# output")[0]
        texts.append(body.split("\n", 1)[1] if body.startswith("# lexicon") else body)
    texts += [p.read_text(encoding="utf-8") for p in sorted((HERE / "data" / "actors").glob("*.txt"))]
    return texts
