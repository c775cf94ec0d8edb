"""Check that the C extension and the pure-Python matcher give identical tables.

Usage::

    python benchmarks/check_speedups.py [--articles N]

Runs ``find_matches`` on the news sample (or the generated corpus, see
bench_match.py) three ways -- built-in lexicons without and with actor
attribution, and the 10,000-entry lexicon -- once with ``framing._speedups``
and once with ``FRAMING_PURE_PYTHON=1`` (in a subprocess), plus
``sentence_spans`` of every article, and compares everything.
"""

from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def run(out: Path, n: int | None) -> None:
    warnings.simplefilter("ignore")
    import bench_match as bench

    import framing
    import framing.text as ftext
    from framing import Lexicon

    arts, _ = bench.load_corpus(n)
    texts = arts["text"].tolist()
    builtin = framing.load_lexicon()
    no_actors = Lexicon(builtin.entries, builtin.categories.values(), name="builtin-no-actors")
    big = bench.synthetic_lexicon(texts, 10_000, builtin)
    res = {"speedups": ftext.SPEEDUPS, "times": {}}
    for name, lex, attribute in [("built-ins", no_actors, False), ("built-ins + actors", builtin, True),
                                 ("10,000 entries", big, False)]:
        lex.compiled  # noqa: B018
        t0 = time.perf_counter()
        res[name] = framing.find_matches(arts, lex, attribute=attribute)
        res["times"][name] = time.perf_counter() - t0
    res["sentences"] = [ftext.sentence_spans(t) for t in texts]
    out.write_bytes(pickle.dumps(res))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=None)
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        run(Path(args.worker), args.articles)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for mode, env in (("C", {}), ("Python", {"FRAMING_PURE_PYTHON": "1"})):
            path = Path(tmp) / f"{mode}.pkl"
            cmd = [sys.executable, __file__, "--worker", str(path)]
            if args.articles:
                cmd += ["--articles", str(args.articles)]
            subprocess.run(cmd, check=True, env={**os.environ, **env})
            results[mode] = pickle.loads(path.read_bytes())
    c, py = results["C"], results["Python"]
    if not c["speedups"]:
        print("framing._speedups is not built: nothing to compare")
        return 1
    ok = True
    for name in ("built-ins", "built-ins + actors", "10,000 entries"):
        try:
            pd.testing.assert_frame_equal(c[name], py[name])
            verdict = "identical"
        except AssertionError as e:
            ok, verdict = False, f"DIFFERENT: {str(e)[:300]}"
        print(f"{name:20s} {len(c[name]):9,d} hits  C {c['times'][name]:6.2f} s  "
              f"Python {py['times'][name]:6.2f} s  {verdict}")
    same = c["sentences"] == py["sentences"]
    ok &= same
    print(f"{'sentence_spans':20s} {len(c['sentences']):9,d} articles  {'identical' if same else 'DIFFERENT'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
