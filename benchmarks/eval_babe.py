"""Evaluate lexicons against BABE's expert word-level bias annotations.

Usage::

    python benchmarks/eval_babe.py [--lexicon [LABEL=]NAME_OR_PATH ...] [--out FILE | --no-write]

Data: ``../shared/data/babe/babe.jsonl`` (BABE, Spinde et al., Findings of EMNLP
2021; 3,674 news sentences, each labelled Biased / Non-biased by five trained
annotators, with the words they marked as biased).  The data is not part of the
repository; when it is absent the script says so and exits with status 0.

Each ``--lexicon`` (default: the built-in ``loaded-language``) is a built-in
name or a path, optionally prefixed with a label for the table
(``--lexicon "1.0=/tmp/loaded-language-1.0.yaml" --lexicon loaded-language``).
Every lexicon is a row of the results table; the error lists are computed for
the last one.

What is measured
----------------
*Words.*  A word is a run of letters/digits, with parts joined by an internal
hyphen or apostrophe kept together (``self-proclaimed``, ``left-wing``,
``Trump's`` are one word each), because BABE marks hyphenated compounds as one
word and lexicon terms such as ``far-left`` are one word to a reader; counting
them as two would double-count both hits and gold marks.  A word is *gold
biased* when it overlaps a BABE span (BABE's ``spans`` mark every word-bounded
occurrence of a marked word in the sentence) and *predicted* when it overlaps a
``framing.find_matches`` hit.  Precision, recall and F1 are over all words.
"P in Biased" is the precision of the predicted words that lie in sentences
labelled Biased: 92% of the marked words are in such sentences (a Non-biased
sentence rarely has marks), so this separates the word choice from the
sentence label.

*Sentences.*  A sentence is predicted biased when it has at least one hit; gold
is ``label == "Biased"`` (the one "No agreement" sentence counts as not biased).

*Baselines*, for scale: "every word" (precision = prevalence of gold words,
recall 1) and a suffix heuristic that predicts every word of five or more
letters ending like an adjective or adverb (``-ly -ous -ive -ful -less -ic -al
-able -ible -ist -ism``).  For sentences, "every sentence" has precision = the
share of Biased sentences.

*Split.*  A sentence belongs to the held-out half ("test") when the SHA-256 of
its id, read as an integer, is odd, and to "dev" when it is even.  Error
analysis for lexicon edits is done on dev only (the lists written below are
dev-only); test figures are for reporting.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import framing  # noqa: E402

BABE = ROOT.parent / "shared" / "data" / "babe" / "babe.jsonl"
OUT = ROOT / "benchmarks" / "babe_results.md"
WORD = re.compile(r"\w+(?:[-‐‑'’]\w+)*")
SUFFIXES = ("ly", "ous", "ive", "ful", "less", "ic", "al", "able", "ible", "ist", "ism")
SPLITS = ("dev", "test", "all")
#: Left out of the false-negative list (not of the scores): BABE marks them as parts of phrases
#: ("the radical left"), and its spans then mark every occurrence in the sentence.
FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for from with as and or but out up down off over into that this "
    "these those it its is are was were be been his her their they he she we you i".split()
)


def split_of(sentence_id: str) -> str:
    """``"test"`` when the SHA-256 of the id is odd, else ``"dev"``."""
    return "test" if int(hashlib.sha256(sentence_id.encode("utf-8")).hexdigest(), 16) % 2 else "dev"


def load_babe(path: Path) -> pd.DataFrame:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    df = pd.DataFrame(rows)[["id", "outlet", "leaning", "topic", "text", "label", "biased_words", "spans"]]
    df["split"] = df["id"].map(split_of)
    return df


@dataclass
class Word:
    """One word of one sentence, with its gold mark."""

    row: int
    start: int
    end: int
    text: str
    gold: bool


def tokenize(df: pd.DataFrame) -> list[list[Word]]:
    out = []
    for i, (text, spans) in enumerate(zip(df["text"], df["spans"])):
        words = []
        for m in WORD.finditer(text):
            s, e = m.span()
            gold = any(a < e and s < b for a, b, *_ in spans)
            words.append(Word(i, s, e, m.group(), gold))
        out.append(words)
    return out


def predicted_words(words: list[Word], hits: list[tuple[int, int, int]]) -> dict[int, int]:
    """Index of each word that overlaps a hit -> index of the (first) hit."""
    out = {}
    if not hits:
        return out
    starts = [w.start for w in words]
    for h, (s, e, _) in enumerate(hits):
        k = max(bisect.bisect_right(starts, s) - 1, 0)
        while k < len(words) and words[k].start < e:
            if words[k].end > s:
                out.setdefault(k, h)
            k += 1
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    f = 2 * p * r / (p + r) if tp else 0.0
    return p, r, f


def evaluate(df: pd.DataFrame, words: list[list[Word]], lex) -> dict:
    """Counts per split for one lexicon, plus the per-hit records needed for error lists."""
    arts = pd.DataFrame({"article_id": range(len(df)), "outlet": df["outlet"], "text": df["text"]})
    m = framing.find_matches(arts, lex)
    hits_by_row = defaultdict(list)
    for aid, s, e, term, cat in zip(m["article_id"], m["start"], m["end"], m["term"], m["category"]):
        hits_by_row[aid].append((s, e, term, cat))
    counts = {sp: Counter() for sp in SPLITS}
    hit_records = []   # (split, term, category, marked, biased sentence)
    missed = []        # (split, word text) of gold words not predicted
    for i, (ws, label, sp) in enumerate(zip(words, df["label"], df["split"])):
        hits = sorted(hits_by_row.get(i, []))
        pred = predicted_words(ws, [(s, e, h) for h, (s, e, _t, _c) in enumerate(hits)])
        biased = label == "Biased"
        c = Counter()
        for k, w in enumerate(ws):
            p = k in pred
            c["tp"] += p and w.gold
            c["fp"] += p and not w.gold
            c["fn"] += w.gold and not p
            if p and biased:
                c["tp_b"] += w.gold
                c["pred_b"] += 1
            if w.gold and not p:
                missed.append((sp, w.text.lower()))
        for h, (s, e, term, cat) in enumerate(hits):
            marked = any(ws[k].gold for k, hh in pred.items() if hh == h)
            hit_records.append((sp, term, cat, marked, biased))
        c["s_tp"] += bool(hits) and biased
        c["s_fp"] += bool(hits) and not biased
        c["s_fn"] += (not hits) and biased
        c["hits"] += len(hits)
        for key in (sp, "all"):
            counts[key].update(c)
    return {"counts": counts, "hits": hit_records, "missed": missed}


def baselines(df: pd.DataFrame, words: list[list[Word]]) -> dict:
    out = {}
    for sp in SPLITS:
        keep = [i for i, s in enumerate(df["split"]) if sp == "all" or s == sp]
        n_words = sum(len(words[i]) for i in keep)
        n_gold = sum(w.gold for i in keep for w in words[i])
        sfx = [w for i in keep for w in words[i]
               if len(w.text) >= 5 and w.text.isalpha() and w.text.lower().endswith(SUFFIXES)]
        tp = sum(w.gold for w in sfx)
        n_biased = sum(df["label"].iloc[i] == "Biased" for i in keep)
        n_func = sum(w.gold and w.text.lower() in FUNCTION_WORDS for i in keep for w in words[i])
        out[sp] = {
            "sentences": len(keep), "biased": n_biased, "words": n_words, "gold": n_gold, "gold_func": n_func,
            "suffix": prf(tp, len(sfx) - tp, n_gold - tp),
        }
    return out


def fmt(x: float) -> str:
    return "–" if x != x else f"{x:.3f}"


def results_table(results: list[tuple[str, dict]], base: dict) -> str:
    head = ("| lexicon | split | words P | words R | words F1 | P in Biased | sent. P | sent. R | sent. F1 "
            "| hits |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    lines = [head]
    for label, res in results:
        for sp in SPLITS:
            c = res["counts"][sp]
            p, r, f = prf(c["tp"], c["fp"], c["fn"])
            pb = c["tp_b"] / c["pred_b"] if c["pred_b"] else float("nan")
            sp_, sr, sf = prf(c["s_tp"], c["s_fp"], c["s_fn"])
            lines.append(f"| {label} | {sp} | {fmt(p)} | {fmt(r)} | {fmt(f)} | {fmt(pb)} | {fmt(sp_)} | "
                         f"{fmt(sr)} | {fmt(sf)} | {c['hits']} |")
    for sp in SPLITS:
        b = base[sp]
        prev = b["gold"] / b["words"]
        lines.append(f"| *baseline: every word / every sentence* | {sp} | {fmt(prev)} | 1.000 | "
                     f"{fmt(2 * prev / (1 + prev))} | – | {fmt(b['biased'] / b['sentences'])} | 1.000 | "
                     f"{fmt(2 * b['biased'] / (b['sentences'] + b['biased']))} | – |")
    for sp in SPLITS:
        p, r, f = base[sp]["suffix"]
        lines.append(f"| *baseline: adjective/adverb suffix* | {sp} | {fmt(p)} | {fmt(r)} | {fmt(f)} "
                     "| – | – | – | – | – |")
    return "\n".join(lines)


def error_lists(res: dict, top: int) -> tuple[str, str, str]:
    missed = Counter(w for sp, w in res["missed"] if sp == "dev" and w not in FUNCTION_WORDS)
    fn_lines = ["| word | missed (dev) |", "|---|---:|"]
    fn_lines += [f"| {w} | {n} |" for w, n in sorted(missed.items(), key=lambda x: (-x[1], x[0]))[:top]]

    per_term = defaultdict(Counter)
    per_cat = defaultdict(Counter)
    for sp, term, cat, marked, biased in res["hits"]:
        if sp != "dev":
            continue
        flags = {"hits": 1, "marked": int(marked), "in_biased": int(biased),
                 "unmarked_b": int(biased and not marked)}
        per_term[term].update(flags)
        per_cat[cat].update(flags)
    fp_lines = ["| term | hits | marked by BABE | unmarked | unmarked in Biased sentences |",
                "|---|---:|---:|---:|---:|"]
    ranked = sorted(per_term.items(), key=lambda x: (-(x[1]["hits"] - x[1]["marked"]), x[1]["marked"], x[0]))
    for term, c in ranked[:top]:
        un = c["hits"] - c["marked"]
        if un == 0:
            break
        fp_lines.append(f"| {term} | {c['hits']} | {c['marked']} | {un} | {c['unmarked_b']} |")
    cat_lines = ["| category | hits | marked by BABE | hit precision | share in Biased sentences |",
                 "|---|---:|---:|---:|---:|"]
    for cat, c in sorted(per_cat.items()):
        cat_lines.append(f"| {cat} | {c['hits']} | {c['marked']} | {fmt(c['marked'] / c['hits'])} | "
                         f"{fmt(c['in_biased'] / c['hits'])} |")
    return "\n".join(fn_lines), "\n".join(fp_lines), "\n".join(cat_lines)


def parse_lexicon_arg(arg: str) -> tuple[str, str]:
    label, sep, src = arg.partition("=")
    return (label, src) if sep and label and not Path(arg).exists() else (Path(arg).stem, arg)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lexicon", "-l", action="append", metavar="[LABEL=]NAME_OR_PATH",
                    help="built-in name or path, repeatable (default: loaded-language)")
    ap.add_argument("--data", type=Path, default=BABE, help=f"BABE jsonl (default: {BABE})")
    ap.add_argument("--out", type=Path, default=OUT, help=f"Markdown file to write (default: {OUT})")
    ap.add_argument("--no-write", action="store_true", help="print only")
    ap.add_argument("--top", type=int, default=30, help="length of the error lists (default: 30)")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"BABE data not found at {args.data}; nothing to evaluate (see ../shared/data/README.md).")
        return 0
    t0 = time.perf_counter()
    df = load_babe(args.data)
    words = tokenize(df)
    base = baselines(df, words)
    results = []
    for arg in args.lexicon or ["loaded-language"]:
        label, src = parse_lexicon_arg(arg)
        lex = framing.load_lexicon(src)
        results.append((f"{label} ({len(lex)} terms)", evaluate(df, words, lex)))
    table = results_table(results, base)
    fn, fp, cats = error_lists(results[-1][1], args.top)
    elapsed = time.perf_counter() - t0

    d, t = base["dev"], base["test"]
    cmd = "python benchmarks/eval_babe.py " + " ".join(f"--lexicon {a!r}" if " " in a else f"--lexicon {a}"
                                                     for a in (args.lexicon or ["loaded-language"]))
    doc = f"""# loaded-language against BABE

Generated by `{cmd.strip()}` ({elapsed:.1f} s); method in the script's docstring.
One row per `--lexicon`; for a before/after comparison pass the older YAML (from git history)
with a label, e.g. `--lexicon "1.0=old.yaml" --lexicon loaded-language`.

BABE (Spinde et al., Findings of EMNLP 2021): {len(df):,} news sentences, {base['all']['biased']:,} labelled
Biased, {base['all']['words']:,} words of which {base['all']['gold']:,} ({base['all']['gold'] / base['all']['words']:.1%})
overlap a word the annotators marked as biased ({base['all']['gold_func']:,} of them function words such as
*the*, *of*, *to*, marked as parts of phrases). Annotator agreement is moderate (Krippendorff's
alpha about 0.40), so this is a noisy yardstick. Split by the parity of SHA-256(id):
dev {d['sentences']:,} sentences ({d['words']:,} words), held-out test {t['sentences']:,} sentences ({t['words']:,} words).
Lexicon edits were made looking at dev only.

Words are `\\w+` runs joined by internal hyphens/apostrophes (`left-wing` is one word).
"P in Biased": precision of predicted words inside sentences labelled Biased (where 92% of
the marked words are). Sentence level: predicted biased = at least one hit.

## Results

{table}

## Hits by category ({results[-1][0]}, dev)

{cats}

## Top {args.top} false negatives ({results[-1][0]}, dev): marked words we miss

Function words (*the*, *of*, *to*...) are left out of this list, not out of the scores. Many of
the rest are loaded only in context, or are topic words marked as part of a phrase.

{fn}

## Top {args.top} false positives ({results[-1][0]}, dev): our terms' unmarked hits

Terms ranked by hits on words BABE did not mark; "marked by BABE" 0 means the annotators never
marked that term in dev.

{fp}

## Reading these figures

- BABE asks whether a *sentence* reads as biased and which words make it so; annotators mark
  overtly evaluative words (*bizarre*, *slammed*, *radical*) far more than the issue frames
  a framing lexicon also tracks (*pro-life*, *regime*, *far-right*, *unarmed*), which they
  rarely mark. Low precision on such terms is a difference of purpose, not only an error.
- A hit is a prompt to look at a word choice, so the lexicon favours precision; most marked
  words are missed because they are loaded only in context (*dangerous*, *destroy*, *white*).
- Agreement between annotators is moderate (alpha about 0.40): figures within a few points
  of each other, or between dev and test, are not meaningfully different.
"""
    print(doc)
    if not args.no_write:
        args.out.write_text(doc, encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
