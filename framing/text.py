"""Text layers: the normalised matching layer, sentences and quoted spans.

Everything here works on character offsets into the *original* string, so that a
hit found on the normalised layer can be reported as ``text[start:end]``.

The normalised layer (:func:`normalize`) has the same length as the input:

- letters are lower-cased and stripped of accents (``É`` -> ``e``);
- every character that is not a letter or digit becomes a space, so hyphens,
  apostrophes, quotes and line breaks all separate words the same way
  (``self-proclaimed`` -> ``self proclaimed``, ``d’état`` -> ``d etat``).

Because the layer is length-preserving, offsets found on it index the original
text directly; no offset map is needed.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "normalize",
    "normalize_term",
    "word_count",
    "sentence_spans",
    "quote_spans",
    "QuoteSpan",
    "QUOTE_CHARS",
]

# ---------------------------------------------------------------------------
# Normalised layer
# ---------------------------------------------------------------------------

# ASCII: keep [a-z0-9], everything else becomes a space.  Applied with
# bytes.translate, which runs at memory speed.
_ASCII_TABLE = bytes(
    c if (48 <= c <= 57 or 97 <= c <= 122) else 32 for c in range(256)
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One character of the normalised layer for a non-ASCII, lower-cased ``ch``."""
    if not ch.isalnum():
        return " "
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    if len(base) == 1:
        return base
    if base and base[0].isascii():
        return base[0]  # e.g. the ligature "ﬁ" keeps its first letter
    return ch


def _fold_match(m: re.Match) -> str:
    return _fold_char(m.group())


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters (e.g. "İ") lower-case to two; keep one per input char.
    return "".join(c.lower()[0] for c in text)


def normalize(text: str) -> str:
    """Return the matching layer of ``text``: same length, lower-case, accent-free.

    Letters and digits are lower-cased and lose their accents; every other
    character (space, punctuation, hyphen, apostrophe, quote, line break)
    becomes a single space.  ``len(normalize(t)) == len(t)`` always holds, so
    an offset found on the result indexes ``t``.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The normalised layer, as long as ``text``.

    Examples
    --------
    >>> normalize("Self-proclaimed “interim president” Guaidó")
    'self proclaimed  interim president  guaido'
    >>> normalize("coup d’État") == normalize("coup d'etat")
    True
    """
    lowered = _lower_same_length(text)
    if not lowered.isascii():
        lowered = _NON_ASCII.sub(_fold_match, lowered)
        if not lowered.isascii():  # letters of other scripts survive as they are
            return "".join(c if c.isalnum() else " " for c in lowered)
    return lowered.encode("ascii").translate(_ASCII_TABLE).decode("ascii")


def normalize_term(term: str) -> list[str]:
    """Split a lexicon term into the words of the normalised layer.

    Examples
    --------
    >>> normalize_term("Coup d’État")
    ['coup', 'd', 'etat']
    >>> normalize_term("  ")
    []
    """
    return normalize(term).split()


def word_count(normalized: str) -> int:
    """Number of word tokens (runs of letters/digits) in a normalised layer."""
    return len(normalized.split())


# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen sen rep gov lt col capt sgt maj adm cmdr st jr sr
    jan feb mar apr jun jul aug sep sept oct nov dec no vs etc inc corp ltd co
    dept est fig approx univ pres rev hon ave blvd mt ft""".split()
)
# A candidate boundary: terminal punctuation, optional closing quotes/brackets,
# whitespace; or a blank line.
_BOUNDARY = re.compile(
    r"""(?P<end>[.!?…]+["'”’»)\]]*)(?P<space>\s+)"""
    r"""|(?P<para>\n[ \t\r\f\v]*\n\s*)"""
    r"""|(?P<line>\n\s*)"""
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _is_abbreviation(text: str, dot_pos: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, dot_pos - 20), dot_pos)
    if not m:
        return False
    word = m.group(1)
    if "." in word:  # U.S, e.g, a.m
        return True
    if len(word) == 1 and word.isupper():  # initials: John F. Kennedy
        return True
    return word.lower() in _ABBREVIATIONS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences, returned as ``(start, end)`` offsets.

    A rule-based splitter that needs no downloaded model: a sentence ends at
    ``. ! ? …`` (plus closing quotes) followed by white space and an upper-case
    letter, digit or opening quote, unless the word before the full stop is a
    known abbreviation, an initial or a dotted acronym (``U.S.``); a blank line
    always ends a sentence; a single line break ends one after terminal
    punctuation, or after a short line without it (a headline, a dateline).
    Leading and trailing white space is not part of a sentence.

    Examples
    --------
    >>> t = 'Mr. Smith met U.S. officials. "No!" he said.\\nHeadline\\nBody.'
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Mr. Smith met U.S. officials.', '"No!" he said.', 'Headline', 'Body.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        if m.group("end") is not None:
            nxt = text[m.end() : m.end() + 1]
            if not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘«(["):
                if "\n" not in m.group("space"):
                    continue
            if m.group("end")[0] == "." and _is_abbreviation(text, m.start()):
                if "\n" not in m.group("space"):
                    continue
            cut = m.start("space")
        elif m.group("para") is not None:
            cut = m.start()
        else:  # a single line break
            line_start = text.rfind("\n", 0, m.start()) + 1
            prev_line = text[line_start : m.start()].rstrip()
            nxt = text[m.end() : m.end() + 1]
            if not prev_line:
                continue
            ends_sentence = prev_line[-1] in ".!?…:\"'”’»)"
            short_heading = len(prev_line) < 80 and nxt[:1].isupper()
            if not (ends_sentence or short_heading):
                continue
            cut = m.start()
        _append_span(spans, text, start, cut)
        start = m.end()
    _append_span(spans, text, start, n)
    return spans


def _append_span(spans: list, text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sentence_index(starts: list[int], pos: int) -> int:
    """Index of the sentence (given the sorted sentence ``starts``) holding ``pos``."""
    return max(0, bisect.bisect_right(starts, pos) - 1)


# ---------------------------------------------------------------------------
# Quotes
# ---------------------------------------------------------------------------

#: Characters treated as quotation marks (spaCy's ``is_quote`` set and more).
QUOTE_CHARS = "\"'“”„‟‘’‚‛«»‹›「」『』"
_QUOTE_RE = re.compile("[" + re.escape(QUOTE_CHARS) + "]")
_DOUBLE_OPEN = "“„‟"
_DOUBLE_CLOSE = "”"
_GUILLEMET_OPEN = "«‹「『"
_GUILLEMET_CLOSE = "»›」』"
_SINGLE_OPEN = "‘‚‛"
_OPENERS_BEFORE = " \t\n\r([{—–-/" + "\"“«‘"

#: A quotation of at most this many words, not attributed as speech, is a scare quote.
SCARE_QUOTE_MAX_WORDS = 5

_SPEECH_VERBS = (
    r"said|says|say|saying|told|tells|tell|tweeted|tweets|wrote|writes|added|adds|"
    r"stated|states|asked|asks|replied|replies|explained|explains|insisted|insists|"
    r"warned|warns|declared\s*:|argued|argues|claimed|claims|noted|notes|continued|"
    r"recalled|shouted|yelled|posted|quipped|stressed|added|according\s+to|quoted|"
    r"quoting|reads|read"
)
# Attribution right before a quotation: `X said: "`, `said that he was "`.
_CUE_BEFORE = re.compile(
    r"(?:\b(?:" + _SPEECH_VERBS + r")\b(?:\s+\S+){0,3}?\s*[:,]?"
    r"|\b(?:" + _SPEECH_VERBS + r")\b[^.;!?\"“”«»\n]{0,40}\bthat\b(?:\s+\S+){0,3}?)\s*$",
    re.IGNORECASE,
)
# Attribution right after a quotation: `," Maduro said`, `” he told`, `, according to`.
_CUE_AFTER = re.compile(
    r"^\s*[,:;—–-]?\s*(?:(?:[A-Z][\w’'.-]*|he|she|they|it|we|i|the\s+\w+)(?:\s+[A-Z][\w’'.-]*){0,3}\s+)?"
    r"(?:" + _SPEECH_VERBS + r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation: ``start``/``end`` include the quote marks; ``kind`` is the voice."""

    start: int
    end: int
    kind: str  # "quoted" or "scare_quote"
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, (self.end - 1 if self.closed else self.end)


def _role(text: str, i: int, ch: str) -> str:
    """'open', 'close', 'either' or 'none' (an apostrophe) for the quote at ``i``."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in _DOUBLE_OPEN or ch in _GUILLEMET_OPEN:
        return "open"
    if ch in _DOUBLE_CLOSE or ch in _GUILLEMET_CLOSE:
        return "close"
    if ch in _SINGLE_OPEN:
        return "none" if prev.isalnum() else "open"
    if ch == "’" or ch == "'":
        if prev.isalnum() and nxt.isalnum():
            return "none"  # it’s, Maduro’s
        if ch == "'" and (prev in _OPENERS_BEFORE or i == 0) and nxt.isalpha():
            return "open"
        if not prev.isspace() and (not nxt.isalnum()):
            if prev in "sS" and nxt.isspace():
                return "close?"  # "the soldiers’ ranks" or a closing quote
            return "close"
        return "none"
    if ch == '"':
        if prev in _OPENERS_BEFORE or i == 0:
            return "open" if not nxt.isspace() else "either"
        if nxt.isspace() or not nxt.isalnum():
            return "close"
        return "either"
    return "none"


def _family(ch: str) -> str:
    if ch in "'‘’‚‛":
        return "single"
    if ch in _GUILLEMET_OPEN or ch in _GUILLEMET_CLOSE:
        return "guillemet"
    return "double"


def quote_spans(text: str) -> list[QuoteSpan]:
    """Find the outermost quotations of ``text`` and classify each as speech or scare quote.

    Rules (documented so that users can predict them):

    - Opening marks ``“ „ « ‘`` and closing marks ``” » ’`` pair with marks of the
      same family (double, single, guillemet); straight ``"`` alternates; a
      straight or curly single mark between two letters (*it’s*, *Maduro’s*) is an
      apostrophe, never a quote.
    - Only the outermost quotation counts; marks of another family inside it are
      nested quotations.
    - A quotation may span sentences but not paragraphs: when a paragraph ends
      with a quotation still open, it closes there if the next paragraph opens a
      continuing quotation (news convention), otherwise at the end of the
      sentence where it opened.  An unbalanced mark never swallows the rest of
      the article.
    - A quotation is ``"scare_quote"`` when it holds at most
      :data:`SCARE_QUOTE_MAX_WORDS` words, no sentence punctuation, and no
      attribution cue (``said``, ``told``, ``according to`` ...) sits right
      before or after it; otherwise it is ``"quoted"`` (direct speech).

    Parameters
    ----------
    text : str
        The original article text.

    Returns
    -------
    list of QuoteSpan
        Sorted by ``start``, non-overlapping.

    Examples
    --------
    >>> t = 'He called Guaido self-proclaimed "interim president". "We will win," he said.'
    >>> [(t[q.start:q.end], q.kind) for q in quote_spans(t)]
    [('"interim president"', 'scare_quote'), ('"We will win,"', 'quoted')]
    """
    marks = [(m.start(), m.group()) for m in _QUOTE_RE.finditer(text)]
    if not marks:
        return []
    spans: list[QuoteSpan] = []
    open_pos = -1
    open_family = ""
    for i, ch in marks:
        if open_pos >= 0 and "\n\n" in text[open_pos:i] or (
            open_pos >= 0 and "\n" in text[open_pos:i] and _paragraph_break(text, open_pos, i)
        ):
            spans.append(_close_unbalanced(text, open_pos))
            open_pos = -1
        role = _role(text, i, ch)
        if role == "none":
            continue
        fam = _family(ch)
        if open_pos < 0:
            if role in ("open", "either"):
                open_pos, open_family = i, fam
            continue
        if fam != open_family:
            continue  # nested quotation of another family
        if role in ("close", "either", "close?"):
            spans.append(QuoteSpan(open_pos, i + 1, "quoted"))
            open_pos = -1
        elif role == "open" and fam == "double" and ch == '"':
            spans.append(QuoteSpan(open_pos, i + 1, "quoted"))
            open_pos = -1
    if open_pos >= 0:
        spans.append(_close_unbalanced(text, open_pos))
    return [_classify(text, q) for q in spans]


def _paragraph_break(text: str, a: int, b: int) -> bool:
    """True when a line break between ``a`` and ``b`` starts a new paragraph."""
    j = text.find("\n", a, b)
    while j >= 0:
        before = text[a:j].rstrip()
        if before and before[-1] in ".!?…\"”»:":
            return True
        j = text.find("\n", j + 1, b)
    return False


def _close_unbalanced(text: str, open_pos: int) -> QuoteSpan:
    para_end = text.find("\n", open_pos)
    para_end = len(text) if para_end < 0 else para_end
    rest = text[para_end:].lstrip()
    if rest[:1] in ("“", '"', "«") and para_end > open_pos:
        return QuoteSpan(open_pos, para_end, "quoted", closed=False)
    for s, e in sentence_spans(text[open_pos:para_end]):
        # first sentence after the mark
        return QuoteSpan(open_pos, open_pos + e, "quoted", closed=False)
    return QuoteSpan(open_pos, min(para_end, open_pos + 1), "quoted", closed=False)


def _classify(text: str, q: QuoteSpan) -> QuoteSpan:
    a, b = q.inner
    inner = text[a:b].strip()
    words = inner.split()
    if not q.closed or len(words) > SCARE_QUOTE_MAX_WORDS or re.search(r"[.!?;]\s*\S|[.!?]$", inner):
        return q
    if inner.endswith(",") or _CUE_BEFORE.search(text, max(0, q.start - 80), q.start):
        return q
    if _CUE_AFTER.match(text[q.end : q.end + 60]):
        return q
    return QuoteSpan(q.start, q.end, "scare_quote", q.closed)
