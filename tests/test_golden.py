"""Golden tests: articles and every hit expected in them, one file per case.

Each file in ``tests/golden/`` holds directives (``# lexicon: PATH``, optional
``# input: PATH``), the article text (unless ``# input`` names a file), a line
``# output`` and one expected hit per line: ``matched_text | term | voice | sentence``.
The expectations are written by hand, not generated.
"""

from pathlib import Path

import pytest

import framing

HERE = Path(__file__).parent
CASES = sorted((HERE / "golden").glob("*.txt"))


def parse_case(path: Path):
    raw = path.read_text(encoding="utf-8")
    head, _, expected = raw.partition("\n# output\n")
    directives = {}
    lines = head.split("\n")
    while lines and lines[0].startswith("# ") and ":" in lines[0]:
        key, _, value = lines.pop(0)[2:].partition(":")
        directives[key.strip()] = value.strip()
    if "input" in directives:
        text = (HERE / directives["input"]).read_text(encoding="utf-8")
    else:
        text = "\n".join(lines)
    rows = [
        tuple(part.strip() for part in line.split("|"))
        for line in expected.strip().split("\n")
        if line.strip() and not line.startswith("#")
    ]
    return directives, text, rows


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_hits_and_voices(path):
    directives, text, expected = parse_case(path)
    lex = framing.load_lexicon(HERE / directives.get("lexicon", "data/seed-terms.csv"))
    m = framing.find_matches(text, lex)
    got = [
        (r.matched_text.replace("\n", "\\n"), r.term, r.voice, str(r.sentence))
        for r in m.itertuples()
    ]
    assert got == expected
    for r in m.itertuples():
        assert text[r.start:r.end] == r.matched_text


def test_golden_cases_exist():
    assert len(CASES) >= 8
