"""Shared pytest fixtures."""

import html
import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

import framing

# plotting tests: matplotlib's non-interactive backend, chosen without importing matplotlib here
os.environ["MPLBACKEND"] = "Agg"

SEEDS = Path(__file__).parents[1] / "seeds"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio",
    "--hide-scrollbars", "--no-pdf-header-footer",
]


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every matplotlib figure a test opened (only if pyplot was imported)."""
    yield
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")


@pytest.fixture(scope="module")
def lexicon():
    """The built-in lexicons."""
    return framing.load_lexicon("loaded-language", "venezuela-2019")


@pytest.fixture(scope="module")
def seeds():
    """The seed articles (``seeds/``) as an articles table."""
    return framing.read_articles(SEEDS)


class Chromium:
    """Debian's headless chromium on local files; downloads nothing, one fresh profile per run."""

    def __init__(self, tmp_path: Path):
        self.tmp_path = tmp_path

    def __call__(self, page: Path, *args, window=(1200, 1600), timeout=120) -> subprocess.CompletedProcess:
        """Run chromium on the file ``page`` with extra ``args`` (stdout: the DOM with ``--dump-dom``)."""
        profile = self.tmp_path / f"chromium-{uuid.uuid4().hex[:8]}"
        cmd = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
               f"--window-size={window[0]},{window[1]}", *args, page.resolve().as_uri()]
        env = dict(os.environ, HOME=str(self.tmp_path))
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)

    def harness(self, page: str, script: str, *, window=(1200, 1600), keep_csp=False) -> tuple[dict, str]:
        """Load ``page`` with ``script`` first in its ``<head>``; returns (findings, dumped DOM).

        ``script`` writes its findings as JSON into ``<pre id="harness-out">``.  The page's
        Content-Security-Policy is removed (unless ``keep_csp``) so that checks for injected
        markup test the escaping alone, not the CSP that would also block a payload.  A
        fragment without ``<head>`` is wrapped in a minimal document.
        """
        if not keep_csp:
            page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
        if "<head>" not in page:
            page = f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{page}</body></html>"
        path = self.tmp_path / f"page-{uuid.uuid4().hex[:8]}.html"
        path.write_text(page.replace("<head>", "<head>" + script, 1), encoding="utf-8")
        proc = self(path, "--dump-dom", window=window)
        m = re.search(r'<pre id="harness-out">(.*?)</pre>', proc.stdout, re.S)
        assert m, f"no harness output; chromium said: {proc.stderr[-2000:]}"
        return json.loads(html.unescape(m.group(1))), proc.stdout


@pytest.fixture
def chromium(tmp_path):
    """A :class:`Chromium` working in ``tmp_path``; skips the test when chromium is not installed."""
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium); browser tests skipped")
    return Chromium(tmp_path)


HOSTILE_COLOR = "red;}</style><script>window.__pwned=1</script><style>"


def hostile_lexicon(path):
    """The hostile fixture lexicon, with a colour the loader would refuse injected afterwards
    (a Lexicon built in code is not validated like a file, so reports must escape colours too)."""
    import dataclasses

    import framing

    lex = framing.load_lexicon("venezuela-2019", path)
    cats = [dataclasses.replace(c, color=HOSTILE_COLOR) if c.name.startswith("bad") else c
            for c in lex.categories.values()]
    return framing.Lexicon(lex.entries, cats, name=lex.name, description=lex.description,
                           language=lex.language, version=lex.version, actors=lex.actors)
