"""Tests for framing.classroom: worksheet, answer key, grading, and the print layout in a browser."""

import html
import re
from pathlib import Path

import pandas as pd
import pytest

import framing
from conftest import hostile_lexicon
from framing.classroom import (
    FEEDBACK_COLUMNS,
    AnswerKey,
    answer_key,
    compare_pair,
    grade_answers,
    make_answer_key,
    make_worksheet,
    write_answer_key,
    write_worksheet,
)
from framing.errors import InputError
from framing.text import sentence_spans

ROOT = Path(__file__).parents[1]
SEEDS = ROOT / "seeds"
DATA = Path(__file__).parent / "data" / "report"
#: Page sizes in PDF points (1/72 in).
PAPER_POINTS = {"A4": (595.3, 841.9), "Letter": (612.0, 792.0)}
#: Printable width in CSS px (96 per inch) with the worksheet's 16 mm side margins.
PRINTABLE_PX = {"A4": round((210 - 32) / 25.4 * 96), "Letter": round((215.9 - 32) / 25.4 * 96)}


# lexicon, seeds and chromium: fixtures in conftest.py

@pytest.fixture(scope="module")
def seed_matches(seeds, lexicon):
    return framing.find_matches(seeds, lexicon)


@pytest.fixture(scope="module")
def seed_alignment(seeds, seed_matches):
    """The two accounts task 4 compares, aligned."""
    return framing.align_articles(*compare_pair(seeds), seed_matches, articles=seeds)


@pytest.fixture(scope="module")
def key(seeds, seed_matches, lexicon):
    return answer_key(seed_matches, seeds, lexicon=lexicon)


@pytest.fixture(scope="module")
def sheet(seeds, seed_matches, seed_alignment):
    return make_worksheet(seed_matches, seeds, alignment=seed_alignment)


@pytest.fixture
def no_pipeline(monkeypatch):
    """Every step of the pipeline raises: a page that runs one fails the test."""
    def fail(*args, **kwargs):
        raise AssertionError("a page ran a step of the pipeline")

    for module, name in [("framing.match", "find_matches"), ("framing.match", "iter_matches"),
                         ("framing.score", "score_articles"), ("framing.compare", "compare_outlets"),
                         ("framing.align", "align_articles"), ("framing.analysis", "find_matches"),
                         ("framing", "find_matches"), ("framing", "align_articles"), ("framing", "analyze")]:
        monkeypatch.setattr(f"{module}.{name}", fail)
    return monkeypatch  # .undo() lets the pipeline run again


def matched(texts, lexicon):
    """``(matches, texts)``: the first two arguments of the pages."""
    return framing.find_matches(texts, lexicon), texts


def sentence_no(text: str, phrase: str) -> int:
    """The worksheet number (1-based) of the sentence of ``text`` holding ``phrase``."""
    pos = text.index(phrase)
    return next(i + 1 for i, (a, b) in enumerate(sentence_spans(text)) if a <= pos < b)


CHECK = """<script id="harness">window.addEventListener("load", function () {
  var w = document.documentElement.clientWidth, wide = [];
  [].forEach.call(document.querySelectorAll("main *"), function (e) {
    var r = e.getBoundingClientRect(); if (r.right > w + 0.5) wide.push(e.tagName + "." + e.className); });
  var out = {scrollWidth: document.documentElement.scrollWidth, clientWidth: w, wide: wide.slice(0, 5),
             pwned: !!window.__pwned || !!document.getElementById("pwned") || document.title === "PWNED",
             scripts: document.scripts.length, text: document.body.textContent,
             handlers: [].filter.call(document.querySelectorAll("*"), function (e) {
               return [].some.call(e.attributes, function (a) { return /^on/i.test(a.name); }); }).length,
             links: document.querySelectorAll("a[href], img, iframe, svg").length};
  var pre = document.createElement("pre"); pre.id = "harness-out"; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});</script>"""


def in_browser(chromium, page: str, window=(1000, 1400)) -> dict:
    """Load ``page`` (CSP removed: the escaping alone must hold) and return the harness findings."""
    return chromium.harness(page, CHECK, window=window)[0]


def pdf_pages(data: bytes) -> tuple[int, set]:
    """Number of pages and the set of page sizes (width, height in points) of a PDF."""
    n = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    boxes = {tuple(round(float(x), 1) for x in m.split()[2:4])
             for m in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", data)}
    return n, boxes


# --- worksheet -----------------------------------------------------------------------------

def test_make_worksheet_numbers_every_sentence(sheet, seeds):
    n = sum(len(sentence_spans(t)) for t in seeds["text"])
    assert sheet.count('<span class="n">') == n
    text = seeds["text"].iloc[1]
    s6 = sentence_no(text, "renegade")
    assert f'<span class="n">{s6}</span><span class="s">A small number of renegade' in sheet
    assert "Article A: " in sheet and "Article B: " in sheet


def test_make_worksheet_has_instructions_and_four_tasks(sheet):
    assert "What is a loaded word?" in sheet and "How to work:" in sheet
    for task in ("1. Find the loaded terms.", "2. Whom does each label?", "3. Rewrite neutrally.",
                 "4. Compare two outlets."):
        assert task in sheet
    assert sheet.count("<tr><td></td><td></td><td></td><td></td><td></td></tr>") == 10
    assert "Name:" in sheet and "<script" not in sheet


def test_make_worksheet_reveals_no_answer(sheet, lexicon):
    assert "<mark" not in sheet and 'class="hit' not in sheet
    assert lexicon["self-proclaimed"].note[:40] not in sheet


def test_make_worksheet_compare_task_pairs_the_seed_accounts(sheet, seeds):
    task4 = sheet.split("4. Compare two outlets.")[1]
    a, b = seeds["text"]
    assert f"sentence {sentence_no(a, 'self-proclaimed')}</span>Earlier on 30 April" in task4
    assert f"sentence {sentence_no(b, 'opposition figure')}</span>A small number of renegade" in task4
    task3 = sheet.split("3. Rewrite neutrally.")[1].split("4. Compare")[0]
    assert "Earlier on 30 April" not in task3 and task3.count('<blockquote class="given">') == 2


@pytest.mark.parametrize("paper, css", [("A4", "size: A4"), ("Letter", "size: letter"), ("letter", "size: letter")])
def test_make_worksheet_paper(paper, css, lexicon):
    page = make_worksheet(*matched(["The regime fell."], lexicon), paper=paper)
    assert css in page and "@page" in page and "counter(pages)" in page
    assert "4. Compare two outlets." not in page  # one article: nothing to compare


def test_make_worksheet_bad_paper(lexicon):
    with pytest.raises(InputError, match="paper must be 'A4' or 'Letter', got 'A5'"):
        make_worksheet(*matched(["The regime fell."], lexicon), paper="A5")


def test_write_worksheet_and_key(tmp_path, seeds, seed_matches, lexicon):
    path = write_worksheet(tmp_path / "w.html", seed_matches, seeds, title="Wörter")
    assert "<h1>Wörter</h1>" in path.read_text(encoding="utf-8")
    path = write_answer_key(tmp_path / "k.html", seed_matches, seeds, lexicon=lexicon, title="Wörter")
    assert "Answer key: Wörter" in path.read_text(encoding="utf-8")


def test_make_worksheet_without_alignment_asks_for_a_pair(seeds, seed_matches):
    page = make_worksheet(seed_matches, seeds)
    task4 = page.split("4. Compare two outlets.")[1]
    assert "Find a sentence in article A and one in article B" in task4
    assert '<blockquote class="given">' not in task4


def test_pages_do_not_run_the_pipeline(no_pipeline, seeds, seed_matches, seed_alignment, lexicon):
    """Given the tables, the pages are those the orchestrator makes (without running any step)."""
    sheet = make_worksheet(seed_matches, seeds, alignment=seed_alignment, title="T", paper="Letter", rows=3)
    key_page = make_answer_key(seed_matches, seeds, lexicon=lexicon, alignment=seed_alignment, title="T",
                               paper="Letter")
    key = answer_key(seed_matches, seeds, lexicon=lexicon)
    assert len(grade_answers(["renegade"], key)) == len(seed_matches)
    no_pipeline.undo()
    assert framing.build_worksheet(seeds, lexicon, title="T", paper="Letter", rows=3) == (sheet, key_page)


@pytest.mark.parametrize("make", [
    lambda arts: make_worksheet(None, arts),
    lambda arts: make_answer_key(None, arts, lexicon="venezuela-2019"),
    lambda arts: answer_key(None, arts),
])
def test_pages_refuse_matches_none(no_pipeline, make, seeds):
    with pytest.raises(InputError, match=r"matches is None.*framing\.find_matches.*framing\.build_worksheet"):
        make(seeds)


def test_answer_key_names_the_old_argument_order(seeds, lexicon):
    with pytest.raises(InputError, match="articles table where the matches table belongs"):
        answer_key(seeds, lexicon)


def test_worksheet_alignment_must_be_of_its_articles(seeds, seed_matches, lexicon):
    other = framing.align_articles("The regime fell.", "The government fell.", lexicon=lexicon)
    with pytest.raises(InputError, match="alignment is of article 'a'"):
        make_worksheet(seed_matches, seeds, alignment=other)


def test_compare_pair_prefers_another_outlet():
    arts = pd.DataFrame({"article_id": ["1", "2", "3"], "outlet": ["X", "X", "Y"], "text": ["a", "b", "c"]})
    assert compare_pair(arts) == ("1", "3")
    assert compare_pair(arts.assign(outlet="X")) == ("1", "2")
    assert compare_pair(arts.head(1)) is None


# --- answer key ----------------------------------------------------------------------------

def test_answer_key_frame(key, seeds):
    frame = key.to_frame()
    assert len(frame) == len(key.matches) and list(frame["label"].unique()) == ["A", "B"]
    row = frame[frame["term"] == "opposition figure"].iloc[0]
    assert row["sentence"] == sentence_no(seeds["text"].iloc[1], "opposition figure")
    assert row["note"] and "opposition leader" in row["neutral"]
    assert isinstance(key, AnswerKey) and repr(key).startswith("<AnswerKey: 2 articles")


def test_make_answer_key_lists_terms_notes_alternatives(seeds, seed_matches, seed_alignment, lexicon, key):
    page = make_answer_key(seed_matches, seeds, lexicon=lexicon, alignment=seed_alignment)
    assert page.startswith("<!DOCTYPE html>") and "Answer key:" in page
    for r in key.to_frame().to_dict("records"):
        assert f"<b>{html.escape(r['matched_text'], quote=True)}</b>" in page
        assert html.escape(r["note"], quote=True) in page
    assert "Task 3: words to replace" in page and "Task 4: what differs" in page
    assert "opposition figure" in page.split("Task 4: what differs")[1]
    assert "framing grade" in page


# --- grading -------------------------------------------------------------------------------

def test_grade_answers_terms_anywhere(key):
    fb = grade_answers(["self-proclaimed", "renegade", "looming threat"], key)
    assert list(fb.columns) == FEEDBACK_COLUMNS
    assert set(fb.loc[fb["status"] == "found", "term"]) == {"self-proclaimed", "renegade"}
    extra = fb[fb["status"] == "extra"].iloc[0]
    assert extra["marked"] == "looming threat" and "not in the lexicon: may still be loaded" in extra["explanation"]
    missed = fb[(fb["status"] == "missed") & (fb["term"] == "opposition figure")].iloc[0]
    assert missed["note"] and missed["explanation"].startswith("why it is loaded: ")
    assert (fb["status"] != "extra").sum() == len(key.matches)


def test_grade_answers_sentence_pairs_one_article(lexicon):
    text = "The regime spoke. Critics called the self-proclaimed leader a puppet."
    key = answer_key(*matched([text], lexicon), lexicon=lexicon)
    fb = grade_answers([(2, "self-proclaimed"), (1, "puppet"), (2, "leader"), (1, "coup")], key)
    status = {(r["marked"], r["status"]) for r in fb.to_dict("records")}
    assert ("self-proclaimed", "found") in status and ("", "missed") in status
    by_mark = fb.set_index("marked")
    assert "the key has it in article A, sentence 2, not in sentence 1" in by_mark.loc["puppet", "explanation"]
    assert by_mark.loc["leader", "explanation"].startswith("not in the lexicon")
    assert "in the lexicon (delegitimizing: coup) but not found in sentence 1" in by_mark.loc["coup", "explanation"]
    assert fb.loc[fb["term"] == "regime", "status"].tolist() == ["missed"]


def test_grade_answers_dataframe_letters_ids_inflections(key, seeds):
    a, b = seeds["text"]
    marks = pd.DataFrame({
        "article_id": ["A", "b", seeds["article_id"].iloc[1], "A", "C"],
        "sentence": [sentence_no(a, "self-proclaimed"), sentence_no(b, "putschists"),
                     str(sentence_no(b, "opposition figure")), sentence_no(a, "self-proclaimed"), 1],
        "text": ["self-proclaimed 'interim president'", "putschist", "opposition figure", "Caracas", "x"],
    })
    fb = grade_answers(marks, key)
    found = fb[fb["status"] == "found"]
    assert set(found["term"]) == {"self-proclaimed", "interim president", "putschist", "opposition figure"}
    assert found.set_index("term").loc["putschist", "marked"] == "putschist"
    extras = fb[fb["status"] == "extra"].set_index("marked")
    assert extras.loc["Caracas", "explanation"].startswith("not in the lexicon: may still be loaded")
    assert "no article 'C' on the worksheet" in extras.loc["x", "explanation"]
    assert fb["sentence"].dtype == "Int64"


def test_grade_answers_word_not_in_that_sentence(key):
    fb = grade_answers([("A", 1, "Caracas")], key)
    extra = fb[fb["status"] == "extra"].iloc[0]
    assert "not in sentence 1 of article A" in extra["explanation"]


def test_grade_answers_key_as_matches_table(seeds, lexicon):
    matches = framing.find_matches(seeds, lexicon)
    fb = grade_answers(["renegade"], matches, lexicon=lexicon, articles=seeds)
    assert fb.loc[fb["term"] == "renegade", "status"].tolist() == ["found"]
    assert fb.loc[fb["status"] == "missed", "label"].isin(["A", "B"]).all()


def test_grade_answers_own_words_only(key):
    all_terms = grade_answers([], key)
    own = grade_answers([], key, include_quoted=False)
    assert len(own) == (key.matches["voice"] != "quoted").sum() < len(all_terms)
    quoted = all_terms[all_terms["voice"] == "quoted"].iloc[0]
    assert "in quoted speech" in quoted["explanation"]


@pytest.mark.parametrize("marks, message", [
    ([(1, 2, 3, 4)], "item 0: expected a term"),
    (pd.DataFrame({"word2": ["x"]}), "expected a column 'text'"),
    ([("A", "three", "regime")], "sentence 'three' is not a number"),
    ([("A", 0, "regime")], "is not a sentence number"),
])
def test_grade_answers_bad_marks(key, marks, message):
    with pytest.raises(InputError, match=message):
        grade_answers(marks, key)


def test_grade_answers_bad_key():
    with pytest.raises(InputError, match="needs column"):
        grade_answers(["x"], pd.DataFrame({"article_id": ["a"]}))


# --- command line --------------------------------------------------------------------------

def test_cli_worksheet_and_key(tmp_path):
    from framing.cli import main

    sheet, keyfile = tmp_path / "s.html", tmp_path / "k.html"
    assert main(["worksheet", str(SEEDS), "-o", str(sheet), "--key", str(keyfile), "--paper", "Letter",
                 "-l", "venezuela-2019"]) == 0
    assert "size: letter" in sheet.read_text(encoding="utf-8")
    assert "Answer key:" in keyfile.read_text(encoding="utf-8")


def test_cli_grade(tmp_path, capsys):
    from framing.cli import main

    out = tmp_path / "feedback.csv"
    assert main(["grade", str(DATA / "marks.csv"), str(SEEDS), "-l", "venezuela-2019", "-o", str(out)]) == 0
    fb = pd.read_csv(out, keep_default_na=False)
    assert list(fb.columns) == FEEDBACK_COLUMNS
    assert {"renegade", "opposition figure", "putschist", "self-proclaimed"} <= set(fb.loc[fb["status"] == "found", "term"])
    assert "not in the lexicon" in fb.set_index("marked").loc["looming threat", "explanation"]
    assert re.match(r"found \d+ of \d+ terms, \d+ extra", capsys.readouterr().err)


def test_cli_grade_bad_marks_file(tmp_path, capsys):
    from framing.cli import main

    bad = tmp_path / "m.csv"
    bad.write_text("who,what\nA,regime\n", encoding="utf-8")
    assert main(["grade", str(bad), str(SEEDS)]) == 2
    assert "needs columns article_id, sentence, text" in capsys.readouterr().err


# --- in a real browser ---------------------------------------------------------------------

@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_browser_worksheet_print_layout_fits_the_page(tmp_path, chromium, seeds, lexicon, paper):
    page, _ = framing.build_worksheet(seeds, lexicon, paper=paper)
    path = tmp_path / "sheet.html"
    path.write_text(page, encoding="utf-8")
    pdf = tmp_path / "sheet.pdf"
    chromium(path, f"--print-to-pdf={pdf}", window=(1000, 1400))
    n, sizes = pdf_pages(pdf.read_bytes())
    assert 2 <= n <= 6, n  # seeds: two articles and the tasks
    (w, h), = sizes
    assert abs(w - PAPER_POINTS[paper][0]) < 2 and abs(h - PAPER_POINTS[paper][1]) < 2
    # no horizontal overflow at the printable width of the page
    res = in_browser(chromium, page, window=(PRINTABLE_PX[paper], 1200))
    assert res["scrollWidth"] <= res["clientWidth"] and res["wide"] == []


def test_browser_worksheet_and_key_escape_hostile_articles(chromium):
    articles = framing.read_articles(DATA / "xss_articles.jsonl")
    lex = hostile_lexicon(DATA / "xss_lexicon.yaml")
    for page in framing.build_worksheet(articles, lex, title="<script>window.__pwned=1</script>"):
        res = in_browser(chromium, page)
        assert not res["pwned"] and res["scripts"] == 1 and res["handlers"] == 0 and res["links"] == 0
        assert "<script>document.title='PWNED'" in res["text"] and '<img src=x onerror="' in res["text"]
