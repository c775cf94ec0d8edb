"""Benchmark: end-to-end find_matches against a bare regex word pass, in one process.

Usage::

    python benchmarks/bench_match.py [--articles N] [--repeat R] [--json out.json]

Corpus: ``../shared/data/news-sample/articles.jsonl.gz`` when present, else a
generated corpus of the same size built from the seed articles' vocabulary.

Reported (all times are the best of ``--repeat`` runs):

- baseline: ``for m in re.finditer(r"\\w+", text.lower())`` over every text;
- find_matches with the built-in lexicons (voice, sentence index and actor
  attribution included), and without actor attribution;
- find_matches with a 10,000-entry lexicon (words and bigrams of the corpus);
- compile time of a 100,000-entry lexicon;
- peak traced memory while streaming 1/5 of the articles and all of them
  through ``iter_articles`` + ``iter_matches`` (should not grow);
- seconds per MB, with attribution, for one huge sentence (0.5 and 2 MB) and one
  huge article (10 and 50 MB): the cost must stay linear;
- the core runs again with the rule modules interpreted (``FRAMING_PURE_PYTHON=1``,
  in a subprocess with its own baseline).

Ratios are baseline time / framing time: >= 1.0 means framing is at least as
fast as the bare word pass.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import re
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import framing  # noqa: E402
from framing import Entry, Lexicon  # noqa: E402

NEWS = ROOT.parent / "shared" / "data" / "news-sample" / "articles.jsonl.gz"
WORD = re.compile(r"\w+")


def load_corpus(n: int | None) -> tuple[pd.DataFrame, str]:
    if NEWS.exists():
        arts = framing.read_articles(NEWS, text="content", outlet="source", article_id="ID")
        if n:
            arts = arts.head(n)
        return arts.reset_index(drop=True), f"news-sample ({NEWS.name})"
    seeds = framing.read_articles(ROOT / "seeds")
    words = " ".join(seeds["text"]).split()
    rng = random.Random(0)
    n = n or 5000
    texts = [" ".join(rng.choice(words) for _ in range(1000)) for _ in range(n)]
    arts = pd.DataFrame({"article_id": [f"g{i}" for i in range(n)],
                         "outlet": [f"outlet{i % 20}" for i in range(n)], "text": texts})
    return arts, "generated from seed vocabulary"


def best_of(fn, repeat: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def baseline(texts) -> int:
    n = 0
    for t in texts:
        for _m in WORD.finditer(t.lower()):
            n += 1
    return n


def synthetic_lexicon(texts, n_entries: int, reference: Lexicon, seed: int = 0) -> Lexicon:
    """``n_entries`` corpus words and bigrams with the frequency profile of ``reference``.

    The ranks (by corpus frequency) of the reference lexicon's single-word terms
    are resampled, and the corpus word at each sampled rank (or the nearest
    unused one) becomes a term; 30% of the entries are bigrams picked the same
    way from the corpus bigrams.  So the synthetic lexicon is as dense in hits,
    per entry, as the curated one.
    """
    counts = Counter()
    bigrams = Counter()
    for t in texts[:2000]:
        toks = WORD.findall(t.lower())
        counts.update(toks)
        bigrams.update(zip(toks, toks[1:]))
    words = [w for w, _ in counts.most_common()]
    rank = {w: i for i, w in enumerate(words)}
    ref_ranks = sorted(rank[e.term.lower()] for e in reference.entries if e.term.lower() in rank)
    pairs = [f"{a} {b}" for (a, b), _ in bigrams.most_common() if a.isalpha() and b.isalpha()]
    rng = random.Random(seed)

    def pick(pool, n):
        used, out = set(), []
        scale = len(pool) / max(1, len(words))
        while len(out) < n and len(used) < len(pool):
            i = min(len(pool) - 1, int(rng.choice(ref_ranks) * scale))
            while i in used:
                i = (i + 1) % len(pool)
            used.add(i)
            out.append(pool[i])
        return out

    terms = pick(words, int(n_entries * 0.7)) + pick(pairs, n_entries - int(n_entries * 0.7))
    while len(terms) < n_entries:  # pad with made-up words if the corpus is small
        terms.append("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(9)))
    cats = ["delegitimizing", "legitimizing", "conflict", "hyperbole"]
    entries = [Entry(t, cats[i % 4], (-1, 0, 1)[i % 3], 1.0, source="synthetic", line=i + 1)
               for i, t in enumerate(dict.fromkeys(terms))]
    return Lexicon(entries[:n_entries], name=f"synthetic-{n_entries}")


def random_lexicon(n_entries: int, seed: int = 1) -> Lexicon:
    rng = random.Random(seed)
    alpha = "abcdefghijklmnopqrstuvwxyz"
    seen, entries = set(), []
    while len(entries) < n_entries:
        k = rng.choice((1, 1, 1, 2, 2, 3))
        term = " ".join("".join(rng.choice(alpha) for _ in range(rng.randint(4, 10))) for _ in range(k))
        if term in seen:
            continue
        seen.add(term)
        entries.append(Entry(term, "c" + str(len(entries) % 7), -1, 1.0))
    return Lexicon(entries, name=f"random-{n_entries}")


def stream_peak(path_or_df, lex, n: int | None) -> float:
    """Peak traced memory (MB) streaming ``n`` articles in chunks of 250."""
    tracemalloc.start()
    total = 0
    if isinstance(path_or_df, Path):
        chunks = framing.iter_articles(path_or_df, chunksize=250, text="content",
                                       outlet="source", article_id="ID")
    else:
        chunks = (path_or_df.iloc[i:i + 250] for i in range(0, len(path_or_df), 250))
    seen = 0
    for chunk in chunks:
        if n is not None and seen >= n:
            break
        chunk = chunk.head(n - seen) if n is not None else chunk
        seen += len(chunk)
        for m in framing.iter_matches([chunk], lex):
            total += len(m)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return peak


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=None, help="use only the first N articles")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="also write the results here")
    ap.add_argument("--skip-big", action="store_true", help="skip the huge sentence and article")
    ap.add_argument("--no-interpreted", dest="interpreted", action="store_false",
                    help="skip the interpreted-mode run")
    ap.add_argument("--core-only", action="store_true", help="only the three core runs")
    args = ap.parse_args(argv)

    arts, corpus = load_corpus(args.articles)
    texts = arts["text"].tolist()
    mb = sum(len(t) for t in texts) / 1e6
    info = framing.build_info()
    res = {"corpus": corpus, "articles": len(arts), "mb": round(mb, 2), "compiled": info}
    print(f"corpus: {corpus}: {len(arts)} articles, {mb:.1f} MB of text")
    mode = "compiled (Cython)" if all(info.values()) else \
        "interpreted" if not any(info.values()) else f"partly compiled: {info}"
    print(f"rule modules: {mode}")

    t_base, n_words = best_of(lambda: baseline(texts), args.repeat)
    res["baseline_s"] = t_base
    label = r'bare re.finditer(r"\w+", text.lower())'
    print(f"{label:48s} {t_base:6.2f} s {mb / t_base:7.1f} MB/s  ratio 1.00")

    def run(label, lex, key):
        t_compile0 = time.perf_counter()
        framing.compile_lexicon(lex)  # compile once, outside the timed runs
        t_compile = time.perf_counter() - t_compile0
        t, m = best_of(lambda: framing.find_matches(arts, lex), args.repeat)
        res[key] = {"seconds": t, "mb_s": mb / t, "ratio": t_base / t, "hits": len(m),
                    "entries": len(lex), "compile_s": t_compile}
        print(f"{label:48s} {t:6.2f} s {mb / t:7.1f} MB/s  ratio {t_base / t:4.2f}  "
              f"({len(m):,} hits, {len(lex):,} entries, compiled in {t_compile:.2f} s)")
        return m

    builtin = framing.load_lexicon()
    run("find_matches, built-in lexicons (+ actors)", builtin, "builtin")
    no_actors = Lexicon(builtin.entries, builtin.categories.values(), name="builtin-no-actors")
    run("find_matches, built-in lexicons, no actors", no_actors, "builtin_no_actors")
    res["attribution_cost_ratio"] = res["builtin"]["seconds"] / res["builtin_no_actors"]["seconds"]
    print(f"{'  cost of actor attribution (time ratio)':48s} {res['attribution_cost_ratio']:.2f}x")

    big = synthetic_lexicon(texts, 10_000, builtin)
    run("find_matches, 10,000 entries (curated profile)", big, "lex10k")
    if args.core_only:
        if args.json:
            Path(args.json).write_text(json.dumps(res, indent=2))
        return res
    sparse = random_lexicon(10_000, seed=2)
    run("find_matches, 10,000 entries (rare terms)", sparse, "lex10k_rare")

    t0 = time.perf_counter()
    huge = random_lexicon(100_000)
    t_build = time.perf_counter() - t0
    t0 = time.perf_counter()
    comp = framing.compile_lexicon(huge)
    t_comp = time.perf_counter() - t0
    res["compile_100k_s"] = t_comp
    res["build_100k_s"] = t_build
    print(f"{'compile a 100,000-entry lexicon':48s} {t_comp:6.2f} s  ({comp.n_patterns:,} patterns; "
          f"building the Lexicon object {t_build:.2f} s)")
    with tempfile.TemporaryDirectory() as tmp:
        path = huge.save(Path(tmp) / "huge.csv")
        t0 = time.perf_counter()
        framing.load_lexicon(path)
        res["load_100k_csv_s"] = time.perf_counter() - t0
    print(f"{'read + validate a 100,000-row lexicon CSV':48s} {res['load_100k_csv_s']:6.2f} s")

    src = NEWS if NEWS.exists() else arts
    n_small = max(1, len(arts) // 5)
    peak_small = stream_peak(src, builtin, n_small)
    peak_all = stream_peak(src, builtin, len(arts))
    res["stream_peak_mb"] = {str(n_small): peak_small, str(len(arts)): peak_all}
    print(f"{'peak memory streaming (tracemalloc)':48s} {n_small} articles {peak_small:.1f} MB, "
          f"{len(arts)} articles {peak_all:.1f} MB")
    if not args.skip_big:
        res["big"] = big_inputs(builtin)
    if args.interpreted and any(info.values()):
        res["interpreted"] = interpreted(args)
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=2))
    return res


def big_inputs(lex) -> dict:
    """Seconds per MB with attribution for one huge sentence and one huge article (linear cost)."""
    sentence = ("Maduro's regime said that the self-proclaimed president Guaidó, his putschists and "
                "the US-backed opposition, who called him a dictator, ")
    paragraph = ('The regime of Nicolás Maduro called the protesters "terrorists". Guaidó, the '
                 "self-proclaimed interim president, said the dictator must go. \"We will not surrender,\" "
                 "he told reporters. Washington recognized him as the legitimate president.\n")
    out = {}
    print("huge inputs, built-in lexicons with attribution (cost must stay linear):")
    for label, unit, size in (("one sentence", sentence, 500_000), ("one sentence", sentence, 2_000_000),
                              ("one article", paragraph, 10_000_000), ("one article", paragraph, 50_000_000)):
        text = (unit * (size // len(unit) + 1))[:size]
        t0 = time.perf_counter()
        m = framing.find_matches(text, lex)
        t = time.perf_counter() - t0
        key = f"{label}, {size / 1e6:g} MB"
        out[key] = {"seconds": t, "s_per_mb": t / (size / 1e6), "hits": len(m)}
        print(f"  {key:46s} {t:6.2f} s  {t / (size / 1e6):5.2f} s/MB  ({len(m):,} hits)")
    return out


def interpreted(args) -> dict:
    """The same corpus and lexicons with the rule modules interpreted (a subprocess)."""
    import os
    import subprocess

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "interpreted.json"
        cmd = [sys.executable, __file__, "--repeat", "1", "--skip-big", "--no-interpreted",
               "--core-only", "--json", str(path)]
        if args.articles:
            cmd += ["--articles", str(args.articles)]
        print("interpreted mode (FRAMING_PURE_PYTHON=1, its own baseline in its own process):")
        proc = subprocess.run(cmd, env={**os.environ, "FRAMING_PURE_PYTHON": "1"},
                              capture_output=True, text=True, check=True)
        print("  " + proc.stdout.strip().replace("\n", "\n  "))
        return json.loads(path.read_text())


if __name__ == "__main__":
    main()
