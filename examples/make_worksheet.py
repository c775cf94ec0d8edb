"""Write a classroom worksheet on the seed articles, its answer key, and grade a student.

    python examples/make_worksheet.py                # -> out/worksheet.html, out/answer-key.html
    python examples/make_worksheet.py --paper Letter

Print the worksheet from the browser (the page size and margins are set in its CSS).
The same from the command line::

    framing worksheet seeds/ -o worksheet.html --key answer-key.html --paper A4
    framing grade tests/data/report/marks.csv seeds/
"""

import argparse
from pathlib import Path

import pandas as pd

from _common import ROOT, read_seeds

import framing
from framing.classroom import answer_key, compare_pair, grade_answers, make_answer_key, make_worksheet


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "out"), help="folder to write to (default: out/)")
    parser.add_argument("--paper", default="A4", choices=["A4", "Letter"])
    args = parser.parse_args()

    lexicon = framing.load_lexicon("loaded-language", "venezuela-2019")
    articles = read_seeds()
    # The pages draw the tables they are handed: the matches, and for task 4 the two accounts
    # aligned sentence by sentence.  (framing.build_worksheet(articles, lexicon) does all of this.)
    matches = framing.find_matches(articles, lexicon)
    alignment = framing.align_articles(*compare_pair(articles), matches, articles=articles)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    title = "Two accounts of one rally: a close reading"
    (out / "worksheet.html").write_text(
        make_worksheet(matches, articles, alignment=alignment, title=title, paper=args.paper), encoding="utf-8")
    (out / "answer-key.html").write_text(
        make_answer_key(matches, articles, lexicon=lexicon, alignment=alignment, title=title, paper=args.paper),
        encoding="utf-8")
    print(f"wrote {out / 'worksheet.html'} and {out / 'answer-key.html'}")

    # A student's answers (as typed into a spreadsheet) and the feedback on them.
    marks = pd.read_csv(ROOT / "tests" / "data" / "report" / "marks.csv", dtype=str, keep_default_na=False)
    feedback = grade_answers(marks, answer_key(matches, articles, lexicon=lexicon))
    counts = feedback["status"].value_counts()
    print(f"found {counts.get('found', 0)}, missed {counts.get('missed', 0)}, extra {counts.get('extra', 0)}")
    with pd.option_context("display.max_colwidth", 60, "display.width", 160):
        print(feedback[feedback["status"] != "missed"][["status", "label", "sentence", "marked", "term",
                                                         "explanation"]].to_string(index=False))


if __name__ == "__main__":
    main()
