"""Compare the 20 outlets of the news sample, by outlet and by leaning (left / center / right).

Run from anywhere:

    .venv/bin/python examples/compare_news_sample.py [--save]

It reads ``shared/data/news-sample/articles.jsonl.gz`` next to the repository
(skipped with a message when the file is absent), matches all built-in
lexicons, and prints:

1. loaded-language rates per leaning, with bootstrap CIs, and the significant
   contrasts between leanings;
2. the significant one-vs-rest contrasts per outlet;
3. a 2-D map of the outlets (PCA and MDS of their category profiles);
4. the lexicon terms and the word n-grams most distinctive of left vs right.

``--save`` also writes the tables as CSV to ``examples/output/``.
"""

from __future__ import annotations

import sys
import time

import pandas as pd

from _common import ROOT, news_sample

import framing
from framing.compare import (
    compare_outlets,
    distinctive_terms,
    outlet_distances,
    outlet_map,
    term_contributions,
)

OUT = ROOT / "examples" / "output"


def show(title: str, df: pd.DataFrame, n: int | None = None) -> None:
    print(f"\n== {title}")
    with pd.option_context("display.width", 160, "display.max_columns", 20, "display.precision", 3):
        print((df.head(n) if n else df).to_string(index=False))


def main(save: bool = False) -> int:
    t0 = time.perf_counter()
    arts = news_sample()
    if arts is None:
        return 0
    lex = framing.load_lexicon()
    matches = framing.find_matches(arts, lex)
    scores = framing.score_articles(matches, arts, categories=lex)
    leaning = arts.drop_duplicates("outlet").set_index("outlet")["bias_text"]
    print(f"{len(arts)} articles, {arts['outlet'].nunique()} outlets, {len(matches)} hits of {lex!r} "
          f"({time.perf_counter() - t0:.1f} s to read, match and score)")

    # 1. by leaning
    t = time.perf_counter()
    by_lean = compare_outlets(scores, by="bias_text", contrasts="both", random_state=0)
    print(f"\ncompare_outlets by leaning: {time.perf_counter() - t:.2f} s  {by_lean!r}")
    r = by_lean.rates
    rates = r.assign(ci=r["rate"].round(2).astype(str) + " [" + r["ci_low"].round(2).astype(str)
                     + ", " + r["ci_high"].round(2).astype(str) + "]")
    show("rate per 1,000 words by leaning [95% bootstrap CI]",
         rates.pivot(index="category", columns="bias_text", values="ci").reset_index())
    show("significant contrasts between leanings (BH q < 0.05)",
         by_lean.significant()[["group_a", "group_b", "category", "rate_a", "rate_b", "rate_ratio",
                                "ci_low", "ci_high", "p_adjusted"]])

    # 2. by outlet
    t = time.perf_counter()
    by_outlet = compare_outlets(scores, by="outlet", contrasts="both", random_state=0)
    print(f"\ncompare_outlets by outlet (20 outlets x 5,000 articles, 1,000 resamples, 1,000 permutations, "
          f"pairwise + one-vs-rest): {time.perf_counter() - t:.2f} s  {by_outlet!r}")
    ovr = by_outlet.significant()
    ovr = ovr[ovr["kind"] == "one-vs-rest"].assign(leaning=lambda d: d["group_a"].map(leaning))
    show("outlets that differ from all the others (one-vs-rest, BH q < 0.05)",
         ovr[["group_a", "leaning", "category", "rate_a", "rate_b", "rate_ratio", "ci_low", "ci_high",
              "p_adjusted"]].sort_values(["category", "rate_ratio"], ascending=[True, False]))
    overall = by_outlet.rates.groupby("outlet")["rate"].sum().rename("all_categories_per_1k")
    show("all loaded language per 1,000 words, by outlet",
         overall.sort_values(ascending=False).reset_index().assign(leaning=lambda d: d["outlet"].map(leaning)))

    # 3. map
    pca = outlet_map(scores, method="pca").assign(leaning=lambda d: d["outlet"].map(leaning))
    mds = outlet_map(scores, method="mds", random_state=0).assign(leaning=lambda d: d["outlet"].map(leaning))
    show(f"outlet map, PCA of standardised category rates "
         f"(explained variance {[round(v, 2) for v in pca.attrs['explained_variance_ratio']]})",
         pca.sort_values("x"))
    show("outlet map, MDS of Jensen-Shannon distances", mds.sort_values("x"))
    dist = outlet_distances(scores)
    lean_of = dist.index.map(leaning)
    within = {g: dist.loc[lean_of == g, lean_of == g].to_numpy() for g in ("left", "center", "right")}
    print("\nmean Jensen-Shannon distance within leaning: "
          + ", ".join(f"{g} {v[v > 0].mean():.3f}" for g, v in within.items())
          + f"; between left and right: {dist.loc[lean_of == 'left', lean_of == 'right'].to_numpy().mean():.3f}")

    # 4. terms
    show("lexicon terms most distinctive of LEFT vs right (Fightin' Words z)",
         distinctive_terms(matches, "bias_text", "left", "right", articles=arts), 12)
    show("lexicon terms most distinctive of RIGHT vs left",
         distinctive_terms(matches, "bias_text", "right", "left", articles=arts), 12)
    t = time.perf_counter()
    grams = distinctive_terms(arts, "bias_text", "left", "right", ngrams=(1, 2), min_count=20,
                              stop_words="english")
    print(f"\nn-gram Fightin' Words over {len(grams)} n-grams: {time.perf_counter() - t:.1f} s")
    show("n-grams most distinctive of LEFT (candidate terms)", grams, 20)
    show("n-grams most distinctive of RIGHT (candidate terms)", grams.iloc[::-1], 20)
    contrib = term_contributions(matches, arts, "bias_text", "right", "left")
    show("terms behind the right-left difference (per 1,000 words)", contrib, 15)

    if save:
        OUT.mkdir(exist_ok=True)
        by_lean.rates.to_csv(OUT / "rates_by_leaning.csv", index=False)
        by_lean.contrasts.to_csv(OUT / "contrasts_by_leaning.csv", index=False)
        by_outlet.rates.to_csv(OUT / "rates_by_outlet.csv", index=False)
        by_outlet.contrasts.to_csv(OUT / "contrasts_by_outlet.csv", index=False)
        pca.to_csv(OUT / "outlet_map_pca.csv", index=False)
        grams.to_csv(OUT / "ngrams_left_vs_right.csv", index=False)
        print(f"\nwrote CSV tables to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(save="--save" in sys.argv[1:]))
