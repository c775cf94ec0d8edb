"""Command line: thin layer, exit code 2 and one line on stderr for user errors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from framing.cli import main

ROOT = Path(__file__).parents[1]
SEEDS = str(ROOT / "seeds")


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_matches_csv_has_documented_columns(capsys):
    code, out, err = run(capsys, "matches", SEEDS, "--format", "csv")
    assert code == 0
    header = out.splitlines()[0].split(",")
    assert header[:11] == ["article_id", "outlet", "term", "matched_text", "category", "polarity",
                           "weight", "start", "end", "sentence", "voice"]
    assert header[11:14] == ["target", "target_rule", "speaker"]
    assert "self-proclaimed" in out


def test_cli_matches_jsonl_to_file(capsys, tmp_path):
    out_file = tmp_path / "m.jsonl"
    code, _, _ = run(capsys, "matches", SEEDS, "-l", "venezuela-2019", "-o", str(out_file))
    assert code == 0
    rows = [json.loads(line) for line in out_file.read_text().splitlines()]
    assert rows and {"term", "voice", "start"} <= set(rows[0])


def test_cli_score_by_outlet(capsys):
    code, out, _ = run(capsys, "score", SEEDS, "--by", "outlet", "--format", "csv")
    assert code == 0
    assert out.splitlines()[0].startswith("outlet,category,n_articles,count,per_1k")
    assert "Alwaght" in out


def test_cli_lexicon_show_and_check(capsys, tmp_path):
    code, out, _ = run(capsys, "lexicon", "show", "venezuela-2019", "--category", "legitimizing")
    assert code == 0 and "democratically elected" in out
    bad = tmp_path / "bad.csv"
    bad.write_text("term,category,weight\nregime,delegitimizing,high\n", encoding="utf-8")
    code, out, err = run(capsys, "lexicon", "check", str(bad))
    assert code == 2
    assert err.strip().splitlines() == [
        f"framing: error: {bad}, line 2, column 'weight': weight 'high' for 'regime' is not a number"]
    good = tmp_path / "good.csv"
    good.write_text("term,category\nregime,delegitimizing\n", encoding="utf-8")
    code, out, _ = run(capsys, "lexicon", "check", str(good))
    assert code == 0 and out.startswith("ok:")


def test_cli_lexicon_export_round_trip(capsys, tmp_path):
    target = tmp_path / "mine.csv"
    assert run(capsys, "lexicon", "export", "venezuela-2019", "-o", str(target))[0] == 0
    assert (tmp_path / "mine.categories.csv").exists()
    assert run(capsys, "matches", SEEDS, "-l", str(target), "--format", "csv")[0] == 0


@pytest.mark.parametrize("args, message", [
    (["matches", "no/such/folder"], "no/such/folder: no such file or folder"),
    (["matches", SEEDS, "-l", "nope"], "no lexicon 'nope'"),
])
def test_cli_user_errors_exit_2_with_one_line(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err


@pytest.mark.parametrize("module", ["framing", "framing.cli"])
def test_python_dash_m_framing_runs(module):
    res = subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True, text=True)
    assert res.returncode == 0 and res.stdout.startswith("framing ")


def test_cli_help_lists_every_command_in_order(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    commands = ["matches", "score", "lexicon", "compare", "align", "events", "report", "worksheet",
                "grade", "chart", "actors"]
    positions = [out.index(f"    {c}") for c in commands]
    assert positions == sorted(positions)


def test_cli_help_imports_no_heavy_module():
    code = ("import sys; from framing.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "bad = [m for m in ('matplotlib', 'sklearn', 'framing.plot') if m in sys.modules]\n"
            "assert not bad, bad")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr


def test_import_framing_is_light():
    code = ("import sys, framing; bad = [m for m in ('matplotlib', 'sklearn', 'scipy') if m in sys.modules];"
            "assert not bad, bad")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
