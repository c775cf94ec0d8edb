"""Tests for framing.report: HTML rendering, escaping, and the report in a real browser.

Browser tests drive Debian's chromium headless (``--dump-dom``, ``--screenshot``) through
the ``chromium`` fixture of conftest.py, download nothing, and are skipped when chromium is
not installed.  DOM checks run in a small harness script injected into a copy of the page,
which writes its findings as JSON into the DOM that ``--dump-dom`` returns.
"""

import base64
import hashlib
import re
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from conftest import hostile_lexicon
from framing.compare import compare_outlets
from framing.errors import FramingWarning, InputError
from framing.report import (
    render_article,
    render_articles_html,
    render_report,
    render_side_by_side,
    spans_from_matches,
    write_report,
)

ROOT = Path(__file__).parents[1]
SEEDS = ROOT / "seeds"
DATA = Path(__file__).parent / "data" / "report"


# --- fixtures and helpers (lexicon, seeds and chromium are in conftest.py) ------------------

@pytest.fixture(scope="module")
def seed_analysis(seeds, lexicon):
    """The whole pipeline on the seeds, as ``framing report`` runs it."""
    return framing.analyze(seeds, lexicon, compare=None, side_by_side=None)


@pytest.fixture(scope="module")
def seed_matches(seed_analysis):
    return seed_analysis.matches


@pytest.fixture(scope="module")
def seed_report(seeds, lexicon):
    return framing.build_report(seeds, lexicon)


@pytest.fixture
def no_pipeline(monkeypatch):
    """Every step of the pipeline raises: a renderer that runs one fails the test."""
    def fail(*args, **kwargs):
        raise AssertionError("a renderer ran a step of the pipeline")

    for module, name in [("framing.match", "find_matches"), ("framing.match", "iter_matches"),
                         ("framing.score", "score_articles"), ("framing.score", "score_groups"),
                         ("framing.compare", "compare_outlets"), ("framing.align", "align_articles"),
                         ("framing.analysis", "find_matches"), ("framing.analysis", "score_articles"),
                         ("framing", "find_matches"), ("framing", "score_articles"),
                         ("framing", "compare_outlets"), ("framing", "align_articles"),
                         ("framing", "analyze")]:
        monkeypatch.setattr(f"{module}.{name}", fail)


@pytest.fixture(scope="module")
def xss():
    articles = framing.read_articles(DATA / "xss_articles.jsonl")
    lex = hostile_lexicon(DATA / "xss_lexicon.yaml")
    return articles, lex


class _Tags(HTMLParser):
    """Start tags, attributes and text of an HTML string, and whether it is well nested."""

    VOID = {"meta", "br", "col", "img", "input", "link", "hr", "path", "rect"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.stack, self.errors, self.text = [], [], [], []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)
            if tag == "span" and ("class", "tip") in attrs or self._skip:
                self._skip += 1

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()
        if self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(fragment: str) -> _Tags:
    p = _Tags()
    p.feed(fragment)
    p.close()
    return p


HARNESS = """<script id="harness">
window.__errors = [];
window.addEventListener("error", function (e) { window.__errors.push("error: " + (e.message || e.type)); }, true);
document.addEventListener("securitypolicyviolation", function (e) {
  window.__errors.push("csp: " + e.violatedDirective + " " + e.blockedURI); });
var __ce = console.error;
console.error = function () { window.__errors.push("console: " + [].join.call(arguments, " ")); __ce.apply(console, arguments); };
window.addEventListener("load", function () {
  var out;
  try { out = (CHECK)(); } catch (e) { out = {harness_error: String(e) + " " + e.stack}; }
  out.errors = window.__errors;
  out.title = document.title;
  out.pwned = !!window.__pwned || !!document.getElementById("pwned") || document.title === "PWNED";
  out.resources = performance.getEntriesByType("resource").map(function (r) { return r.name; });
  out.scrollWidth = document.documentElement.scrollWidth;
  out.clientWidth = document.documentElement.clientWidth;
  var pre = document.createElement("pre"); pre.id = "harness-out"; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


def run_in_browser(chromium, page: str, check_js: str = "function () { return {}; }", *, window=(1200, 1600),
                   keep_csp=False):
    """Load ``page`` with the harness running ``check_js``; returns (result dict, dumped DOM)."""
    return chromium.harness(page, HARNESS.replace("CHECK", check_js), window=window, keep_csp=keep_csp)


# JS: focus every highlighted term; is its tooltip hidden before, shown after, inside the window?
TOOLTIP_CHECK = """function () {
  var marks = [].slice.call(document.querySelectorAll("mark.hit[tabindex]"));
  var w = document.documentElement.clientWidth, r = {n: marks.length, hidden_before: 0, shown: 0,
      inside: 0, outside: [], with_note: 0, described: 0};
  marks.forEach(function (m) {
    var tip = m.querySelector(".tip");
    if (!tip) return;
    if (getComputedStyle(tip).display === "none") r.hidden_before++;
    m.focus();
    var box = tip.getBoundingClientRect();
    if (document.activeElement === m && getComputedStyle(tip).display !== "none" && box.width > 0) r.shown++;
    if (box.left >= -0.5 && box.right <= w + 0.5) r.inside++;
    else r.outside.push([m.textContent.slice(0, 20), Math.round(box.left), Math.round(box.right), w]);
    if (tip.querySelector(".tip-note")) r.with_note++;
    if (document.getElementById(m.getAttribute("aria-describedby")) === tip) r.described++;
    m.blur();
  });
  r.hover_rule = [].some.call(document.styleSheets, function (s) {
    return [].some.call(s.cssRules, function (rule) {
      return rule.selectorText && rule.selectorText.indexOf(":hover > .tip") >= 0 && rule.style.display === "block";
    });
  });
  r.speech = document.querySelectorAll(".q-speech").length;
  r.scare = document.querySelectorAll(".q-scare").length;
  r.scare_label = document.querySelector(".q-scare") ?
      getComputedStyle(document.querySelector(".q-scare"), "::after").content : "";
  r.speech_style = document.querySelector(".q-speech") ?
      getComputedStyle(document.querySelector(".q-speech")).fontStyle : "";
  r.svg = document.querySelectorAll("figure.chart svg").length;
  r.sbs_rows = document.querySelectorAll("table.sbs tbody tr").length;
  return r;
}"""

# JS: what would have run or loaded if the escaping had failed?
XSS_CHECK = """function () {
  var scripts = [].slice.call(document.scripts).filter(function (s) { return s.id !== "harness"; });
  var handlers = [].slice.call(document.querySelectorAll("*")).filter(function (e) {
    return [].some.call(e.attributes, function (a) { return /^on/i.test(a.name); }); });
  var links = [].slice.call(document.querySelectorAll("a[href]")).filter(function (a) {
    return a.getAttribute("href").charAt(0) !== "#"; });
  var text = document.body.textContent;
  return {scripts: scripts.length, script_text: scripts.map(function (s) { return s.textContent.slice(0, 60); }),
          handlers: handlers.map(function (e) { return e.tagName; }), links: links.length,
          embeds: document.querySelectorAll("img, iframe, object, embed, style:not(:first-of-type), u, textarea").length,
          body_visible: getComputedStyle(document.body).display !== "none",
          has_script_text: text.indexOf("<script>document.title='PWNED'") >= 0,
          has_img_text: text.indexOf("<img src=x onerror=") >= 0,
          has_link_text: text.indexOf("<a href=\\"javascript:") >= 0,
          marks: document.querySelectorAll("mark.hit").length};
}"""


# --- spans and render_article ----------------------------------------------------------------

def test_spans_from_matches_join_lexicon_notes(seed_matches, seeds, lexicon):
    aid = seeds["article_id"].iloc[1]
    spans = spans_from_matches(seed_matches, aid, lexicon=lexicon)
    assert len(spans) == (seed_matches["article_id"] == aid).sum()
    by_term = {s["term"]: s for s in spans}
    figure = by_term["opposition figure"]
    assert figure["label"] == "delegitimizing" and "figure" in figure["note"]
    assert figure["neutral"] and all(isinstance(n, str) for n in figure["neutral"])
    text = seeds["text"].iloc[1]
    assert all(text[s["start"]:s["end"]] == s["matched_text"] for s in spans)


def test_spans_from_matches_missing_columns_named():
    with pytest.raises(InputError, match="lacks column.*start"):
        spans_from_matches(pd.DataFrame({"article_id": ["a"], "end": [1], "category": ["x"]}), "a")


@pytest.mark.parametrize("payload", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "\"'><svg onload=alert(1)>",
    "&lt;already escaped&gt; & &amp;",
    "</textarea></style></title><!--",
])
def test_render_article_escapes_every_slice(payload):
    text = f"The regime {payload} the regime {payload}."
    spans = [{"start": m.start(), "end": m.end(), "label": "x", "note": payload, "neutral": [payload],
              "term": payload, "target": payload} for m in re.finditer("regime", text)]
    out = render_article(text, spans, quotes=[], paragraphs=False)
    p = parse(out)
    assert {t for t, _ in p.tags} <= {"mark", "span", "b"}
    assert not p.errors and not p.stack
    assert "".join(p.text) == text  # the text round-trips, markup shown as text
    assert all(not k.startswith("on") for _, attrs in p.tags for k in attrs)


def test_render_article_marks_quotes_and_voices():
    text = 'Officials hailed the "interim president". "The regime must go," he said.'
    spans = [{"start": text.index("interim"), "end": text.index("interim") + 17, "label": "leg",
              "voice": "scare_quote"},
             {"start": text.index("regime"), "end": text.index("regime") + 6, "label": "del",
              "voice": "quoted", "speaker": "Bolton"}]
    out = render_article(text, spans, colors={"leg": "#0072B2", "del": "#D55E00"})
    assert out.count('<span class="q q-scare">') == 1 and out.count('<span class="q q-speech">') == 1
    assert 'class="hit v-scare_quote"' in out and 'class="hit v-quoted"' in out
    assert "<b>Speaker:</b> Bolton" in out
    assert "--c:#D55E00" in out and out.startswith("<p>")


def test_render_article_span_crossing_a_quote_is_split_and_nested():
    text = 'He said "the self-proclaimed leader" won.'
    start = text.index("self")
    spans = [{"start": start, "end": text.index('" won'), "label": "x"},
             {"start": 0, "end": 2, "label": "y"}]
    quotes = [{"start": text.index('"'), "end": start + 4, "kind": "scare_quote"}]
    out = render_article(text, spans, quotes=quotes, paragraphs=False)
    p = parse(out)
    assert not p.errors and not p.stack and "".join(p.text) == text
    assert out.count("<mark") == 3 and out.count('class="tip"') == 2  # continuation has no tooltip


def test_render_article_unsafe_colour_replaced():
    out = render_article("a regime", [{"start": 2, "end": 8, "label": "x"}],
                         colors={"x": "red;}</style><script>alert(1)</script>"}, quotes=[])
    assert "<script" not in out and "red;" not in out and "--c:#" in out


def test_render_article_span_not_fitting_text_warns():
    with pytest.warns(FramingWarning, match="do not fit the article text"):
        out = render_article("short", [{"start": 2, "end": 50, "label": "x"},
                                       {"start": 0, "end": 5, "label": "x", "matched_text": "other"}])
    assert "<mark" not in out


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab <>&\"'“”\n.é")), max_size=60),
       cuts=st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=6))
def test_render_article_round_trips_any_text(text, cuts):
    spans = [{"start": a, "end": min(a + n, len(text)), "label": f"c{a % 3}"} for a, n in cuts if a < len(text)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        out = render_article(text, spans)
    p = parse(out)
    assert not p.errors and not p.stack
    assert "".join(p.text) == "".join(seg for seg in re.findall(r"[^\n]+|\n", text))


# --- fragments and the report ----------------------------------------------------------------

def test_render_articles_html_fragment(seeds, seed_matches, seed_analysis, lexicon):
    out = render_articles_html(seed_matches, seeds, lexicon=lexicon, scores=seed_analysis.scores)
    assert out.startswith('<div class="fr fr-articles"><style>') and "<script" not in out
    assert out.count('<mark class="hit') >= len(seed_matches)
    assert out.count('<article class="art"') == len(seeds)
    for cat, color in lexicon.colors.items():
        if cat in set(seed_matches["category"]):
            assert f"--c:{color}" in out
    assert out.count('<table class="profile">') == len(seeds)


def test_analysis_repr_html_highlights_terms(lexicon):
    analysis = framing.analyze('Maduro met the self-proclaimed "interim president" in Caracas.', lexicon)
    out = analysis._repr_html_()
    assert '<mark class="hit v-narrative" tabindex="0"' in out
    assert "self-proclaimed<span class=\"tip\"" in out and 'class="q q-scare"' in out
    assert "<b>Neutral:</b>" in out and '<table class="profile">' in out


def test_render_articles_html_accepts_plain_text():
    text = "The self-proclaimed leader."
    out = render_articles_html(framing.find_matches(text, "venezuela-2019"), text, lexicon="venezuela-2019")
    assert "self-proclaimed<span" in out
    assert '<table class="profile">' not in out  # no scores table: no profile


def test_renderers_do_not_run_the_pipeline(no_pipeline, seeds, seed_analysis, seed_report):
    """Given the tables, the renderers draw the very page the orchestrator makes."""
    a = seed_analysis
    page = render_report(a.matches, a.articles, lexicon=a.lexicon, scores=a.scores, comparison=a.comparison,
                         comparison_notes=a.comparison_notes, alignments=a.alignments)
    assert page == seed_report == a.report()
    assert "fewer than 2 articles get no confidence interval" in page  # the notes of compare_outlets
    assert '<mark class="hit' in render_articles_html(a.matches, a.articles, lexicon=a.lexicon, scores=a.scores)
    (ida, idb), alignment = next(iter(a.alignments.items()))
    assert '<table class="sbs">' in render_side_by_side(ida, idb, a.matches, seeds, alignment=alignment)
    assert '<table class="profile">' in a._repr_html_()
    with pytest.raises(AssertionError, match="ran a step of the pipeline"):  # the guard works
        framing.build_report(seeds)


def test_render_report_draws_only_the_tables_it_is_handed(no_pipeline, seeds, seed_matches, lexicon):
    page = render_report(seed_matches, seeds, lexicon=lexicon)
    assert 'id="articles"' in page and page.count('<mark class="hit') >= len(seed_matches)
    assert 'id="outlets"' not in page and 'id="side-by-side"' not in page
    assert '<table class="profile">' not in page


@pytest.mark.parametrize("render", [
    lambda arts: render_report(None, arts, lexicon="venezuela-2019"),
    lambda arts: render_articles_html(None, arts),
    lambda arts: write_report("never.html", None, arts),
])
def test_renderers_refuse_matches_none(no_pipeline, render, seeds):
    with pytest.raises(InputError, match=r"matches is None.*framing\.find_matches.*framing\.build_report"):
        render(seeds)


def test_renderers_name_a_swapped_articles_table(seeds):
    with pytest.raises(InputError, match="articles table where the matches table belongs"):
        render_report(seeds, seeds)


def test_render_side_by_side_needs_the_alignment(no_pipeline, seeds, seed_matches):
    ids = seeds["article_id"].tolist()
    with pytest.raises(InputError, match=r"alignment is None.*framing\.align_articles"):
        render_side_by_side(ids[0], ids[1], seed_matches, seeds, alignment=None)


def test_render_report_alignments_as_list_or_mapping(seeds, seed_analysis, lexicon):
    (ida, idb), table = next(iter(seed_analysis.alignments.items()))
    kw = dict(lexicon=lexicon, scores=seed_analysis.scores)
    as_list = render_report(seed_analysis.matches, seeds, alignments=[table], **kw)
    as_frame = render_report(seed_analysis.matches, seeds, alignments=table, **kw)
    bare = table.copy()
    bare.attrs = {}
    as_dict = render_report(seed_analysis.matches, seeds, alignments={(ida, idb): bare}, **kw)
    assert as_list == as_frame == as_dict and 'id="side-by-side-0"' in as_list
    with pytest.raises(InputError, match=r"must name its two articles in \.attrs"):
        render_report(seed_analysis.matches, seeds, alignments=[bare], **kw)
    with pytest.raises(InputError, match="no article with id 'nope'"):
        render_report(seed_analysis.matches, seeds, alignments={("nope", idb): table}, **kw)


def test_render_report_is_self_contained(seed_report):
    page = seed_report
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert not re.search(r"""(?:src|href)\s*=\s*(?!["']?(?:#|data:))""", page)
    assert not re.search(r"@import|url\(\s*['\"]?(?!data:|#)|@font-face", page)
    assert "<link" not in page and "cdn" not in page.lower()
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 1 and len(scripts[0]) < 1500  # one tiny inline script
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "default-src &#x27;none&#x27;" in csp and f"sha256-{digest}" in csp


def test_render_report_sections(seed_report, seed_matches):
    page = seed_report
    for section in ('id="outlets"', 'id="side-by-side"', 'id="articles"', 'class="legend"'):
        assert section in page
    assert "<svg" in page and "<figcaption>" in page
    assert page.count('<table class="profile">') == 2


def test_render_report_side_by_side_shows_differing_terms(seed_report):
    rows = re.findall(r'<tr class="(\w+)">(.*?)</tr>', seed_report.split('id="side-by-side"')[1].split("</table>")[0], re.S)
    row = next(body for kind, body in rows if "self-proclaimed" in body)
    left, right = re.findall(r'<td class="s[ab]"[^>]*>(.*?)</td>', row, re.S)
    assert re.search(r'<mark class="hit v-narrative diff"[^>]*>self-proclaimed', left)
    assert re.search(r'<mark class="hit v-scare_quote diff"[^>]*>interim president', left)
    assert re.search(r'<mark class="hit v-narrative diff"[^>]*>opposition figure', right)
    assert "hit v-narrative diff\" tabindex=\"0\"" in right


def test_build_report_single_outlet_has_no_comparison(lexicon):
    page = framing.build_report(["The regime fell.", "The puppet spoke."], lexicon)
    assert 'id="outlets"' not in page
    assert 'id="side-by-side"' in page  # two articles: shown side by side by default
    page = framing.build_report(["The regime fell.", "The puppet spoke."], lexicon, side_by_side=False)
    assert 'id="side-by-side"' not in page


def test_build_report_side_by_side_unknown_id(seeds, lexicon):
    with pytest.raises(InputError, match="no article with id 'nope'"):
        framing.build_report(seeds, lexicon, side_by_side=("nope", seeds["article_id"].iloc[0]))


def test_analyze_computes_only_what_is_asked(seeds, lexicon):
    a = framing.analyze(seeds, lexicon)
    assert a.comparison is None and a.comparison_notes == () and a.alignments == {}
    ids = tuple(seeds["article_id"])
    a = framing.analyze(seeds, lexicon, compare=True, side_by_side=[ids, ids[::-1]])
    assert a.comparison is not None and list(a.alignments) == [ids, ids[::-1]]
    assert all(t.attrs["article_a"] == ida for (ida, _), t in a.alignments.items())


def test_render_report_uses_a_given_comparison(seeds, seed_matches, lexicon):
    scores = framing.score_articles(seed_matches, seeds, categories=lexicon)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        comp = compare_outlets(scores, by="outlet", n_boot=50, n_perm=50, random_state=1)
    page = render_report(seed_matches, seeds, lexicon=lexicon, comparison=comp)
    assert '<table class="contrasts">' in page and "<svg" in page and 'id="side-by-side"' not in page
    assert "<br>Note:" not in page  # no comparison_notes given


def test_render_report_escapes_hostile_articles_and_lexicon(xss):
    articles, lex = xss
    page = framing.build_report(articles, lex, title="<script>alert('title')</script>")
    body = page.split("<body>", 1)[1].rsplit("<script>", 1)[0]
    assert "<script" not in body and "<img" not in body and "<iframe" not in body and "<svg onload" not in body
    assert "javascript:" not in re.sub(r"&[^;]+;", "", " ".join(re.findall(r'href="[^"]*"', body)))
    assert "&lt;script&gt;document.title=&#x27;PWNED&#x27;" in body
    assert "red;}" not in page
    p = parse(page)
    assert not p.errors, p.errors[:3]
    assert all(not k.startswith("on") for _, attrs in p.tags for k in attrs)


def test_render_side_by_side_fragment(seeds, seed_matches, lexicon):
    ids = seeds["article_id"].tolist()
    alignment = framing.align_articles(ids[0], ids[1], seed_matches, articles=seeds)
    out = render_side_by_side(ids[0], ids[1], seed_matches, seeds, lexicon=lexicon, alignment=alignment)
    assert out.startswith('<div class="fr fr-sbs">') and '<table class="sbs">' in out


def test_write_report_writes_utf8(tmp_path, seeds, seed_matches, lexicon):
    path = write_report(tmp_path / "r.html", seed_matches, seeds, lexicon=lexicon, title="Zwei Artikel – ü")
    assert path.read_text(encoding="utf-8").count("Zwei Artikel – ü") == 2


def test_cli_report(tmp_path, seeds, capsys):
    from framing.cli import main

    out = tmp_path / "report.html"
    ids = seeds["article_id"].tolist()
    assert main(["report", str(SEEDS), "-o", str(out), "-l", "venezuela-2019",
                 "--side-by-side", ids[1], ids[0]]) == 0
    page = out.read_text(encoding="utf-8")
    assert 'id="side-by-side-0"' in page and "opposition figure" in page
    assert main(["report", str(SEEDS), "-o", str(out), "--side-by-side", "x", "y"]) == 2
    assert "no article with id 'x'" in capsys.readouterr().err


# --- in a real browser ---------------------------------------------------------------------

def test_browser_report_loads_without_console_errors(tmp_path, chromium, seed_report):
    """The page as written (its CSP in place): no JS error, CSP violation or failed load."""
    path = tmp_path / "report.html"
    path.write_text(seed_report, encoding="utf-8")
    proc = chromium(path, "--dump-dom", "--enable-logging=stderr", "--v=0")
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line]
    assert not console, console[:5]
    assert proc.stdout.count('<mark class="hit') > 30 and 'class="tip"' in proc.stdout


@pytest.mark.parametrize("width", [1200, 500])  # headless chromium windows are >= 500 px
def test_browser_tooltips_show_on_focus_inside_window(chromium, seed_report, seed_matches, width):
    res, _ = run_in_browser(chromium, seed_report, TOOLTIP_CHECK, window=(width, 1400), keep_csp=True)
    assert not res.get("harness_error"), res
    assert res["errors"] == [] and res["resources"] == []  # no error, nothing fetched
    assert res["n"] >= len(seed_matches)  # articles + side by side
    assert res["hidden_before"] == res["n"] == res["shown"] == res["described"]
    assert res["inside"] == res["n"], res["outside"]
    assert res["with_note"] == res["n"] and res["hover_rule"]
    assert res["speech"] > 0 and res["speech_style"] == "italic"
    assert res["scare"] > 0 and "scare quote" in res["scare_label"]
    assert res["svg"] == 1 and res["sbs_rows"] > 10
    assert res["scrollWidth"] <= res["clientWidth"]  # no horizontal overflow


def test_browser_xss_fixtures_do_not_execute(chromium, xss):
    articles, lex = xss
    page = framing.build_report(articles, lex)  # two articles: also side by side
    res, dom = run_in_browser(chromium, page, XSS_CHECK)
    assert not res.get("harness_error"), res
    assert not res["pwned"] and res["title"] != "PWNED"
    assert res["scripts"] == 1 and "Keep a term" in res["script_text"][0]  # only the tooltip script
    assert res["handlers"] == [] and res["links"] == 0 and res["embeds"] == 0 and res["body_visible"]
    assert res["has_script_text"] and res["has_img_text"] and res["has_link_text"]
    assert res["marks"] >= 4 and res["errors"] == []


def test_browser_xss_in_notebook_fragment(chromium, xss):
    articles, lex = xss
    fragment = render_articles_html(framing.find_matches(articles, lex), articles, lexicon=lex)
    res, _ = run_in_browser(chromium, fragment, XSS_CHECK)
    assert not res["pwned"] and res["scripts"] == 0 and res["handlers"] == [] and res["links"] == 0
    assert res["has_script_text"] and res["marks"] >= 4


def test_browser_screenshot_of_report(tmp_path, chromium, seed_report):
    path = tmp_path / "report.html"
    path.write_text(seed_report, encoding="utf-8")
    png = tmp_path / "shot.png"
    chromium(path, f"--screenshot={png}", window=(1000, 1400))
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1000, 1400) and len(data) > 20_000


def test_render_article_without_tooltips_for_print():
    out = render_article("The regime fell.", [{"start": 4, "end": 10, "label": "x", "note": "n"}],
                         quotes=[], tooltips=False)
    assert '<mark class="hit v-narrative" style="' in out
    assert "tabindex" not in out and "tip" not in out and "aria-describedby" not in out


def test_render_report_many_outlets_get_a_shaded_table(lexicon):
    outlets = [f"Outlet {i}" for i in range(8)]
    articles = pd.DataFrame({
        "article_id": [f"a{i}{k}" for i in range(8) for k in range(2)],
        "outlet": [o for o in outlets for _ in range(2)],
        "text": ["The regime and its puppet staged a coup." if i % 2 else "The government met." for i in range(16)],
    })
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        page = framing.build_report(articles, lexicon)
    table = page.split('<table class="rates">')[1].split("</table>")[0]
    assert all(f"<th scope=\"row\">{o}</th>" in table for o in outlets)
    assert '<main class="fr fr-report wide">' in page and "<details><summary>16 articles</summary>" in page
