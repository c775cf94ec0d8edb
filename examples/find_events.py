"""Find articles on the same event across outlets, then compare two of them sentence by sentence.

Run from anywhere:

    .venv/bin/python examples/find_events.py [N_PAIRS]

With the news sample (``shared/data/news-sample/articles.jsonl.gz`` next to
the repository) it groups the 5,000 articles into events (TF-IDF cosine
within a 3-day window), lists the most similar cross-outlet pairs whose
outlets lean differently, and aligns the most similar pair that is not a
reprint of the same wire copy (similarity < 0.8).  Without the sample
it aligns the two seed articles of the repository.
"""

from __future__ import annotations

import sys
import time

import pandas as pd

from _common import news_sample, read_seeds

import framing
from framing.align import align_articles, event_pairs, format_alignment, group_events


def main(n_pairs: int = 10) -> int:
    lex = framing.load_lexicon()
    arts = news_sample()
    if arts is None:
        print("aligning the seed articles instead\n")
        seeds = read_seeds()
        print(format_alignment(align_articles(seeds.iloc[0], seeds.iloc[1], lexicon=lex), only_terms=True))
        return 0
    t = time.perf_counter()
    events = group_events(arts, window_days=3, threshold=0.3)
    pairs = event_pairs(events)
    print(f"group_events on {len(arts)} articles: {time.perf_counter() - t:.1f} s, "
          f"{int((events.drop_duplicates('event_id')['event_size'] > 1).sum())} events with 2+ articles, "
          f"{len(pairs)} cross-outlet pairs")
    lean = arts.set_index("article_id")["bias_text"]
    pairs = pairs.assign(lean_a=pairs["article_a"].map(lean), lean_b=pairs["article_b"].map(lean))
    mixed = pairs[pairs["lean_a"] != pairs["lean_b"]].sort_values("similarity", ascending=False)
    cols = ["similarity", "outlet_a", "lean_a", "outlet_b", "lean_b", "date_a", "title_a", "title_b"]
    with pd.option_context("display.width", 200, "display.max_colwidth", 50):
        print(mixed[cols].head(n_pairs).to_string(index=False))
    rewritten = mixed[mixed["similarity"] < 0.8]  # above: mostly the same wire copy reprinted
    if len(rewritten):
        best = rewritten.iloc[0]
        print(f"\n== {best['outlet_a']} vs {best['outlet_b']}: sentences with loaded terms\n")
        al = align_articles(best["article_a"], best["article_b"], lexicon=lex, articles=arts)
        print(format_alignment(al, only_terms=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10))
