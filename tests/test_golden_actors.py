"""Golden tests for actor attribution: who each hit labels, by which rule, and who speaks.

Each file in ``tests/golden/actors/`` is one short article written for these tests, in
the format of ``tests/golden/``: directives (``# lexicon: PATH`` relative to ``tests/``,
or ``# lexicon: builtin`` for :func:`framing.load_lexicon` with no argument), the text,
a line ``# output`` and one expected line per hit, in the order of the matches table::

    matched_text | target | target_rule | speaker

Empty fields stay empty (``coup |  |  |``).  A ``# ...`` tail on a line is a note and
is ignored: ``# KNOWN WRONG: should be <target>/<speaker> because ...`` marks a line
that pins today's output although a careful reader disagrees (kept so that a refactor
cannot change it silently; the note records the truth for the next fix), and
``# code right ...`` marks a line where the hand annotation, written before the code
was run, was corrected.  The files use ``golden/actors/terms.yaml``, a frozen copy of
the ``venezuela-2019`` entries they need with its actors (plus Tarek William Saab), so
edits to the built-in lexicons do not move them.
"""

import re
from pathlib import Path

import pytest

import framing

HERE = Path(__file__).parent
FOLDER = HERE / "golden" / "actors"
CASES = sorted(FOLDER.glob("*.txt"))
COLUMNS = ["matched_text", "target", "target_rule", "speaker"]


def parse_case(path: Path):
    """Return (directives, text, expected rows) of one golden file."""
    raw = path.read_text(encoding="utf-8")
    head, sep, expected = raw.partition("\n# output\n")
    assert sep, f"{path.name}: no '# output' line"
    directives = {}
    lines = head.split("\n")
    while lines and lines[0].startswith("# ") and ":" in lines[0]:
        key, _, value = lines.pop(0)[2:].partition(":")
        directives[key.strip()] = value.strip()
    text = "\n".join(lines)
    rows = []
    for line in expected.split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        fields = tuple(part.strip() for part in re.sub(r"\s+#.*$", "", line).split("|"))
        assert len(fields) == len(COLUMNS), f"{path.name}: bad line {line!r}"
        rows.append(fields)
    return directives, text, rows


_LEXICONS = {}


def lexicon_for(directives):
    name = directives.get("lexicon", "golden/actors/terms.yaml")
    if name not in _LEXICONS:
        _LEXICONS[name] = (
            framing.load_lexicon() if name == "builtin" else framing.load_lexicon(HERE / name)
        )
    return _LEXICONS[name]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_attribution_matches_golden_file(path):
    directives, text, expected = parse_case(path)
    m = framing.find_matches(text, lexicon_for(directives))
    got = [tuple(str(v) for v in row) for row in m[COLUMNS].itertuples(index=False)]
    assert got == expected


def test_golden_actor_folder_is_large_enough():
    assert len(CASES) >= 12
    total = sum(len(parse_case(p)[2]) for p in CASES)
    assert total >= 80


def test_every_target_rule_and_unresolved_hits_are_pinned():
    rows = [row for p in CASES for row in parse_case(p)[2]]
    rules = {row[2] for row in rows}
    assert set(framing.actors.TARGET_RULES) <= rules
    assert any(row[1] == "" and row[2] == "" for row in rows)
    assert sum(1 for row in rows if row[3]) >= 25
