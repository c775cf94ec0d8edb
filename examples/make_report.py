"""Write the HTML report of the seed articles (and optionally a screenshot of it).

    python examples/make_report.py                       # -> out/report.html
    python examples/make_report.py -o r.html --screenshot r.png

The report is one self-contained file: open it in any browser, offline.  ``framing.analyze``
runs the pipeline; ``Analysis.report`` draws the page from its tables.  Hover over,
tap or tab to a highlighted word to see why it is loaded.  The same page from the
command line: ``framing report seeds/ -o report.html``.
"""

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from _common import ROOT, read_seeds

import framing


def screenshot(html_path: Path, png: Path, width: int = 1200, height: int = 1600) -> None:
    """Screenshot ``html_path`` with a local headless chromium (nothing is downloaded)."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("chromium is not installed: apt-get install chromium")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--hide-scrollbars", f"--user-data-dir={profile}", f"--window-size={width},{height}",
             f"--screenshot={png.resolve()}", html_path.resolve().as_uri()],
            check=True, capture_output=True, timeout=120,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", default=str(ROOT / "out" / "report.html"))
    parser.add_argument("--screenshot", metavar="PNG", help="also save a screenshot of the page")
    args = parser.parse_args()

    lexicon = framing.load_lexicon("loaded-language", "venezuela-2019")
    articles = read_seeds()
    # matches -> scores -> outlet comparison -> the two accounts aligned; then the page drawn from them
    analysis = framing.analyze(articles, lexicon, compare=None, side_by_side=None)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(analysis.report(title="Two accounts of Maduro's “capture traitors” order"), encoding="utf-8")
    print(f"wrote {out} ({len(analysis.matches)} loaded terms in {len(articles)} articles)")
    if args.screenshot:
        screenshot(out, Path(args.screenshot))
        print(f"wrote {args.screenshot}")


if __name__ == "__main__":
    main()
