"""Save, or compare against, the matches tables of the news sample.

Usage::

    python benchmarks/check_tables.py save DIR      # write today's tables to DIR
    python benchmarks/check_tables.py compare DIR   # compare the current code with DIR

Three tables are produced from ``../shared/data/news-sample`` (or the generated
corpus of ``bench_match.py`` when it is absent): the built-in lexicons with actor
attribution, the same without, and the 10,000-entry lexicon of the benchmark.
Before a refactor of the rules, save them; after it, compare: every row and
column must be identical.  DIR should lie outside the repository (the matched
text is the outlets' copyright).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def tables(n: int | None = None) -> dict[str, pd.DataFrame]:
    warnings.simplefilter("ignore")
    import bench_match as bench

    import framing
    from framing import Lexicon

    arts, _ = bench.load_corpus(n)
    texts = arts["text"].tolist()
    builtin = framing.load_lexicon()
    no_actors = Lexicon(builtin.entries, builtin.categories.values(), name="builtin-no-actors")
    big = bench.synthetic_lexicon(texts, 10_000, builtin)
    out = {}
    for name, lex, attribute in [("builtin_actors", builtin, True), ("builtin", no_actors, False),
                                 ("lex10k", big, False)]:
        t0 = time.perf_counter()
        out[name] = framing.find_matches(arts, lex, attribute=attribute)
        print(f"{name:16s} {len(out[name]):9,d} hits  {time.perf_counter() - t0:6.2f} s  "
              f"sha256 {digest(out[name])[:16]}")
    return out


def digest(df: pd.DataFrame) -> str:
    h = hashlib.sha256()
    h.update(",".join(df.columns).encode())
    for c in df.columns:
        h.update(pd.util.hash_pandas_object(df[c], index=False).values.tobytes())
    return h.hexdigest()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("action", choices=["save", "compare"])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--articles", type=int, default=None)
    args = ap.parse_args(argv)
    now = tables(args.articles)
    if args.action == "save":
        args.dir.mkdir(parents=True, exist_ok=True)
        for name, df in now.items():
            df.to_pickle(args.dir / f"{name}.pkl")
        return 0
    ok = True
    for name, df in now.items():
        saved = pd.read_pickle(args.dir / f"{name}.pkl")
        try:
            pd.testing.assert_frame_equal(df, saved)
            print(f"{name:16s} identical ({len(df):,} rows)")
        except AssertionError as e:
            ok = False
            print(f"{name:16s} DIFFERENT: {str(e)[:400]}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
