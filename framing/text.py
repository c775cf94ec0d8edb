"""Text layers: the normalised matching layer, sentences and quoted spans.

Everything here works on character offsets into the *original* string, so that a
hit found on the normalised layer can be reported as ``text[start:end]``.

The normalised layer (:func:`normalize`) has the same length as the input:

- letters are lower-cased and stripped of accents (``É`` -> ``e``);
- every character that is not a letter or digit becomes a space, so hyphens,
  apostrophes, quotes and line breaks all separate words the same way
  (``self-proclaimed`` -> ``self proclaimed``, ``d’état`` -> ``d etat``).

Because the layer is length-preserving, offsets found on it index the original
text directly.  Only a text with invisible characters (combining accents, soft
hyphens) or a hyphen at a line end gets a layer with those dropped, and an
offset map back to the text (:func:`normalize_mapped`).

This module is compiled by Cython when framing is installed with a C compiler
(:data:`COMPILED`); the same file runs as plain Python otherwise, or when the
environment variable ``FRAMING_PURE_PYTHON=1`` is set.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple
from functools import lru_cache

import cython

__all__ = [
    "paragraph_spans",
    "paragraph_of",
    "paragraph_quotes",
    "classify_quote",
    "normalize",
    "normalize_mapped",
    "normalize_term",
    "word_count",
    "sentence_spans",
    "quote_spans",
    "QuoteSpan",
    "QUOTE_CHARS",
    "quote_marks_in",
]

# ---------------------------------------------------------------------------
# Normalised layer
# ---------------------------------------------------------------------------

# ASCII: keep [a-z0-9], everything else becomes a space.  Applied with
# bytes.translate, which runs at memory speed.
_ASCII_TABLE = bytes(  # A-Z -> a-z, keep a-z and 0-9, everything else -> space
    c + 32 if 65 <= c <= 90 else c if (48 <= c <= 57 or 97 <= c <= 122) else 32 for c in range(256)
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One character of the normalised layer for a non-ASCII ``ch`` (lower-cased, no accent)."""
    if not ch.isalnum():
        return " "
    ch = ch.lower()[0]
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    if len(base) == 1:
        return base
    if base and base[0].isascii():
        return base[0]  # e.g. the ligature "ﬁ" keeps its first letter
    return ch


def _lower_same_length(text: str) -> str:
    # Character by character: str.lower() of a whole string depends on context (a
    # final sigma), and a few characters (e.g. "İ") lower-case to two; keep one each.
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
    if text.isascii():
        return _normalize_ascii(text)
    return _normalize_chars(text, set(_NON_ASCII.findall(text)))


def _normalize_ascii(text: str) -> str:
    # One bytes.translate lower-cases and blanks punctuation at memory speed.
    return text.encode("ascii").translate(_ASCII_TABLE).decode("ascii")


def _normalize_chars(text: str, non_ascii: set[str]) -> str:
    """:func:`normalize` of a text whose distinct non-ASCII characters are ``non_ascii``."""
    for ch in non_ascii:  # a few distinct characters per text
        text = text.replace(ch, _fold_char(ch))
    if not text.isascii():  # letters of other scripts survive as they are
        lowered = _lower_same_length(text)
        return "".join(c if c.isalnum() else " " for c in lowered)
    return _normalize_ascii(text)


#: Characters that are invisible inside a word: combining accents (text in NFD, as
#: some systems write "Guaido" + U+0301), the soft hyphen, zero-width spaces/joiners.
_INVISIBLE = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
                        "\u00ad\u200b\u200c\u200d\u2060\ufeff]")
#: What the layer drops: invisible characters, and a hyphen that breaks a word at a line
#: end ("putsch-\nists" reads "putschists"; "self-\nproclaimed" reads "selfproclaimed",
#: the joined spelling every multi-word term is compiled with).
_DROPPED = re.compile(_INVISIBLE.pattern + r"|(?<=[^\W\d_])-[ \t]*\r?\n[ \t]*(?=[^\W\d_])")


@lru_cache(maxsize=8192)
def fold_char(ch: str) -> str:
    """The character ``ch`` becomes on the layer of :func:`normalize_mapped`.

    A lower-case letter or digit without accent, a space for every other
    character, or "" for an invisible character the mapped layer drops.

    Examples
    --------
    >>> [fold_char(c) for c in "Éa-\u0301"]
    ['e', 'a', ' ', '']
    """
    if _INVISIBLE.match(ch):
        return ""
    f = _fold_char(ch) if not ch.isascii() else ch
    if f.isascii():  # also a letter that folds to ASCII punctuation or a capital ("⑴", "ℌ")
        return f.lower() if f.isalnum() else " "
    f = f.lower()[0]
    return f if f.isalnum() else " "


#: True when this module runs compiled by Cython (see the module notes).
COMPILED = cython.compiled


def normalize_mapped(text: str) -> tuple[str, list[int] | None]:
    """:func:`normalize` for text that may hold invisible characters, with an offset map.

    Most texts have none: the result is ``(normalize(text), None)`` and offsets
    on the layer are offsets into ``text``.  Otherwise the invisible characters
    (:data:`_INVISIBLE`: combining accents, soft hyphens, zero-width spaces) are
    dropped before normalising, so ``re\u0301gime`` and ``self\u00adproclaimed``
    match like ``régime`` and ``selfproclaimed``, and ``index[i]`` is the offset
    in ``text`` of position ``i`` of the layer (with ``index[len(layer)] == len(text)``).

    Examples
    --------
    >>> layer, index = normalize_mapped("re\u0301gime")
    >>> layer, index
    ('regime', [0, 1, 3, 4, 5, 6, 7])
    """
    line_break_hyphen = "-\n" in text or ("\r" in text and "-\r\n" in text)
    if text.isascii() and not line_break_hyphen:
        return _normalize_ascii(text), None
    non_ascii = set(_NON_ASCII.findall(text))
    if not line_break_hyphen and not any(_INVISIBLE.match(c) for c in non_ascii):
        return _normalize_chars(text, non_ascii), None
    drops = list(_DROPPED.finditer(text))
    if not drops:
        return normalize(text), None
    keep = list(range(len(text) + 1))
    for m in reversed(drops):  # a few per text
        del keep[m.start():m.end()]
    return normalize(_DROPPED.sub("", text)), keep


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
#
# A sentence ends at terminal punctuation (. ! ? …) followed by white space and a
# capital, digit or opening quote -- or by a line break; not after an
# abbreviation, an initial ("F.") or a dotted acronym ("U.S."), and not after a
# closing quote followed by an attribution (`"... immediately!" Maduro said.` is one
# sentence).  A blank line always ends a sentence; so does a line break after a
# line without terminal punctuation when the next line starts with a capital
# (headlines, datelines).  The rules below are written as functions over
# characters; only the terminal punctuation and line breaks are looked at, found
# with str.find, so the cost is linear in the text.

#: A full stop after one of these words does not end a sentence.
ABBREVIATIONS = frozenset((
    "Mr Mrs Ms Dr Prof Gen Sen Rep Gov Lt Col Capt Sgt Maj Adm Cmdr St Jr Sr Rev Hon "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec No Nos vs etc Inc Corp Ltd Co "
    "Dept Fig Univ Pres Ave Blvd Mt Ft Gov Supt Det Insp approx est"
).split())
#: `"No!" Maduro said.` stays one sentence when up to three capitalised words and one
#: of these verbs follow the closing quote.
SPEECH_AFTER_QUOTE = frozenset(
    "said says told tells tweeted wrote writes added adds asked asks replied insisted warned "
    "explained declared stated continued shouted".split()
)


# Character classes of the rules (typed: compiled, each is a C switch).
@cython.cfunc
@cython.locals(c=cython.Py_UCS4)
@cython.returns(cython.bint)
def _is_terminal(c) -> bool:
    return c in ".!?…"


@cython.cfunc
@cython.locals(c=cython.Py_UCS4)
@cython.returns(cython.bint)
def _is_close_quote(c) -> bool:
    return c in "\"'”’»"


@cython.cfunc
@cython.locals(c=cython.Py_UCS4)
@cython.returns(cython.bint)
def _is_open_before_cap(c) -> bool:
    return c in "\"'“‘«(["


@cython.cfunc
@cython.locals(c=cython.Py_UCS4)
@cython.returns(cython.bint)
def _is_line_end_punct(c) -> bool:
    return c in ".!?…:\"'”’»)]"


@cython.cfunc
@cython.locals(c=cython.Py_UCS4)
@cython.returns(cython.bint)
def _is_hspace(c) -> bool:
    """Horizontal white space: the space a sentence's end is trimmed of."""
    return c in " \t\r\f\v"


@cython.cfunc
@cython.locals(c=cython.Py_UCS4)
@cython.returns(cython.bint)
def _is_space(c) -> bool:
    return c.isspace()


@cython.cfunc
@cython.locals(c=cython.Py_UCS4)
@cython.returns(cython.bint)
def _is_bracket_close(c) -> bool:
    return c == ")" or c == "]"


@cython.cfunc
@cython.locals(c=cython.Py_UCS4)
@cython.returns(cython.bint)
def _is_ascii_letter(c) -> bool:
    return "A" <= c <= "Z" or "a" <= c <= "z"


@cython.cfunc
@cython.locals(c=cython.Py_UCS4)
@cython.returns(cython.bint)
def _is_word(c) -> bool:
    """``\\w`` of a regular expression: a letter, digit or underscore."""
    return c == "_" or c.isalnum()


@cython.cfunc
@cython.locals(c=cython.Py_UCS4)
@cython.returns(cython.bint)
def _is_cap_start(c) -> bool:
    return "A" <= c <= "Z" or "0" <= c <= "9"


@cython.cfunc
@cython.locals(text=str, v=cython.Py_ssize_t, hi=cython.Py_ssize_t)
@cython.returns(cython.bint)
@cython.boundscheck(False)
@cython.wraparound(False)
def _cap_ahead(text, v, hi) -> bool:
    """A capital or digit at ``v``, maybe after an opening quote or bracket."""
    if v >= hi:
        return False
    if _is_cap_start(text[v]):
        return True
    return _is_open_before_cap(text[v]) and v + 1 < hi and _is_cap_start(text[v + 1])


@cython.cfunc
@cython.locals(text=str, p=cython.Py_ssize_t, lo=cython.Py_ssize_t, b=cython.Py_ssize_t)
@cython.returns(cython.bint)
@cython.boundscheck(False)
@cython.wraparound(False)
def _abbreviation_before(text, p, lo) -> bool:
    """The full stop at ``p`` ends an abbreviation (``Mr.``), an initial (``F.``) or an acronym (``U.S.``)."""
    b = p
    while b > lo and b > p - 8:  # the run of ASCII letters before the stop
        if _is_ascii_letter(text[b - 1]):
            b -= 1
        else:
            break
    if 2 <= p - b <= 6 and (b == lo or not _is_word(text[b - 1])) and text[b:p] in ABBREVIATIONS:
        return True
    if p - 1 >= lo and "A" <= text[p - 1] <= "Z" and (p - 2 < lo or not _is_word(text[p - 2])):
        return True  # an initial
    if p - 2 >= lo and text[p - 2] == ".":
        return _is_ascii_letter(text[p - 1])  # a dotted acronym
    return False


@cython.cfunc
@cython.locals(text=str, v=cython.Py_ssize_t, hi=cython.Py_ssize_t, x=cython.Py_ssize_t,
               w=cython.Py_ssize_t, y=cython.Py_ssize_t, k=cython.int, c=cython.Py_UCS4)
@cython.returns(cython.bint)
@cython.boundscheck(False)
@cython.wraparound(False)
def _attribution_ahead(text, v, hi) -> bool:
    """White space, one to three capitalised words and a speech verb follow offset ``v``."""
    x = v
    while x < hi and _is_space(text[x]):
        x += 1
    if x == v:
        return False
    for k in range(3):
        if x >= hi or not ("A" <= text[x] <= "Z"):
            return False
        w = x + 1
        while w < hi:
            c = text[w]
            if _is_word(c) or c == "’" or c == "'" or c == "." or c == "-":
                w += 1
            else:
                break
        y = w
        while y < hi and _is_space(text[y]):
            y += 1
        if y == w:
            return False
        x = y
        w = x
        while w < hi and "a" <= text[w] <= "z":
            w += 1
        if text[x:w] in SPEECH_AFTER_QUOTE and (w >= hi or not _is_word(text[w])):
            return True
    return False


@cython.cfunc
@cython.locals(text=str, u=cython.Py_ssize_t, hi=cython.Py_ssize_t, v=cython.Py_ssize_t)
@cython.returns(cython.Py_ssize_t)
@cython.boundscheck(False)
@cython.wraparound(False)
def _space_after(text, u, hi):
    """End of the break's white space at ``u`` (a line break, or space before a capital), or -1."""
    v = u
    while v < hi and _is_hspace(text[v]):
        v += 1
    if v < hi and text[v] == "\n":
        v += 1
        while v < hi and _is_space(text[v]):
            v += 1
        return v
    v = u
    while v < hi and _is_space(text[v]):
        v += 1
    if v > u and _cap_ahead(text, v, hi):
        return v
    return -1


@cython.locals(text=str, p=cython.Py_ssize_t, lo=cython.Py_ssize_t, hi=cython.Py_ssize_t,
               q=cython.Py_ssize_t, a=cython.Py_ssize_t, b=cython.Py_ssize_t, u=cython.Py_ssize_t,
               e=cython.Py_ssize_t)
@cython.ccall
@cython.returns(cython.Py_ssize_t)
@cython.boundscheck(False)
@cython.wraparound(False)
def _punct_break(text, p: int, lo: int, hi: int) -> int:
    """Where the sentence ends at the terminal punctuation ``text[p]`` (-1: it does not).

    The next sentence starts at ``_space_after(text, cut, hi)``.  ``lo`` and
    ``hi`` bound what the rule may look at behind and ahead.
    """
    if text[p] == "." and _abbreviation_before(text, p, lo):
        return -1
    q = p + 1
    while q < hi and _is_terminal(text[q]):
        q += 1
    a = q
    while a < hi and _is_bracket_close(text[a]):
        a += 1
    b = a
    while b < hi and _is_close_quote(text[b]):
        b += 1
    if b > a and not _attribution_ahead(text, b, hi):
        u = b
        while u < hi and _is_bracket_close(text[u]):
            u += 1
        if _space_after(text, u, hi) >= 0:
            return u
    if _space_after(text, a, hi) >= 0:
        return a
    return -1


@cython.locals(text=str, p=cython.Py_ssize_t, lo=cython.Py_ssize_t, hi=cython.Py_ssize_t,
               v=cython.Py_ssize_t)
@cython.ccall
@cython.returns(cython.Py_ssize_t)
@cython.boundscheck(False)
@cython.wraparound(False)
def _line_break(text, p: int, lo: int, hi: int) -> int:
    """End of the sentence break at the line break ``text[p]``, or -1 when it is none."""
    v = p + 1
    while v < hi and _is_hspace(text[v]):
        v += 1
    if v < hi and text[v] == "\n":  # a blank line
        v += 1
        while v < hi and _is_space(text[v]):
            v += 1
        return v
    if p - 1 >= lo and _is_line_end_punct(text[p - 1]):
        return -1
    v = p + 1
    while v < hi and _is_space(text[v]):
        v += 1
    return v if _cap_ahead(text, v, hi) else -1


@cython.locals(text=str, start=cython.Py_ssize_t, hi=cython.Py_ssize_t, p=cython.Py_ssize_t,
               nxt=cython.Py_ssize_t, dot=cython.Py_ssize_t, rare=cython.Py_ssize_t, cut=cython.Py_ssize_t)
@cython.boundscheck(False)
@cython.wraparound(False)
def _punct_breaks(text, start: int, hi: int, first_only: bool = False) -> list:
    """Every break at terminal punctuation in ``text[start:hi]``, in order: ``[cut, next_start, ...]``.

    The rules look behind as far as the start of ``text`` and ahead up to ``hi``.
    """
    out = []
    dot = text.find(".", start, hi)  # two streams over the _is_terminal characters: . and ! ? …
    rare = _next_rare_terminal(text, start, hi)
    nxt = start
    while dot >= 0 or rare >= 0:
        if rare < 0 or 0 <= dot < rare:
            p = dot
            dot = text.find(".", p + 1, hi)
        else:
            p = rare
            rare = _next_rare_terminal(text, p + 1, hi)
        if p < nxt:
            continue
        cut = _punct_break(text, p, 0, hi)
        if cut >= 0:
            nxt = _space_after(text, cut, hi)
            out.append(cut)
            out.append(nxt)
            if first_only:
                return out
    return out


@cython.cfunc
@cython.locals(text=str, start=cython.Py_ssize_t, hi=cython.Py_ssize_t, p=cython.Py_ssize_t,
               best=cython.Py_ssize_t)
@cython.returns(cython.Py_ssize_t)
def _next_rare_terminal(text, start, hi):
    """Offset of the next ``!``, ``?`` or ``…`` in ``text[start:hi]``, or -1."""
    best = -1
    for ch in "!?…":
        p = text.find(ch, start, hi)
        if p >= 0 and (best < 0 or p < best):
            best = p
    return best


@cython.locals(text=str, lo=cython.Py_ssize_t, hi=cython.Py_ssize_t, p=cython.Py_ssize_t,
               nxt=cython.Py_ssize_t, e=cython.Py_ssize_t)
@cython.boundscheck(False)
@cython.wraparound(False)
def _line_breaks(text, lo: int, hi: int) -> list:
    """Every break at a line break in ``text[lo:hi]``: ``[line_break, next_start, ...]``."""
    out = []
    nxt = lo
    p = text.find("\n", lo, hi)
    while p >= 0:
        if p >= nxt:
            e = _line_break(text, p, lo, hi)
            if e >= 0:
                out.append(p)
                out.append(e)
                nxt = e
        p = text.find("\n", p + 1, hi)
    return out


@cython.locals(i=cython.Py_ssize_t, k=cython.Py_ssize_t, nl=cython.Py_ssize_t,
               cut=cython.Py_ssize_t, nxt=cython.Py_ssize_t, line=cython.Py_ssize_t)
def _sentence_breaks(text: str, end: int) -> list:
    """Every sentence boundary before ``end``: ``[cut, next_start, ...]``, in order."""
    breaks = _punct_breaks(text, 0, end)
    if "\n" not in text:
        return breaks
    lines = _line_breaks(text, 0, end)
    if not lines:
        return breaks
    merged = []
    i = 0
    nl = len(lines)
    for k in range(0, len(breaks), 2):
        cut = breaks[k]
        nxt = breaks[k + 1]
        while i < nl:
            line = lines[i]
            if line >= cut:
                break
            merged.append(line)
            merged.append(lines[i + 1])
            i += 2
        while i < nl:
            line = lines[i]
            if line >= nxt:
                break
            i += 2  # a line break the punctuation already took
        merged.append(cut)
        merged.append(nxt)
    merged.extend(lines[i:])
    return merged


@cython.locals(text=str, start=cython.Py_ssize_t, cut=cython.Py_ssize_t, stop=cython.Py_ssize_t,
               n=cython.Py_ssize_t, k=cython.Py_ssize_t)
@cython.boundscheck(False)
@cython.wraparound(False)
def sentence_spans(text: str, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``text`` into sentences, returned as ``(start, end)`` offsets.

    A rule-based splitter that needs no downloaded model: a sentence ends at
    ``. ! ? …`` (plus closing quotes) followed by white space and an upper-case
    letter, digit or opening quote, or by a line break -- unless the full stop
    ends a known abbreviation (:data:`ABBREVIATIONS`: ``Mr.``, ``Jan.``), an
    initial (``F.``) or a dotted acronym (``U.S.``), or a closing quote is
    followed by an attribution (``"No!" Maduro said.``); a blank line always
    ends a sentence; so does a line break after a line with no terminal
    punctuation when the next line starts with a capital (a headline or
    dateline).  Spans exclude surrounding white space.

    Parameters
    ----------
    text : str
    end : int, optional
        Only look for boundaries before this offset (the last span then runs to
        the end of the text).  Used by the matcher, which needs sentence indices
        only up to its last hit.

    Examples
    --------
    >>> t = 'Mr. Smith met U.S. officials. "No!" he said.\\nHeadline\\nBody.'
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Mr. Smith met U.S. officials.', '"No!" he said.', 'Headline', 'Body.']
    """
    n = len(text)
    stop = n if end is None else max(0, min(end, n))
    spans: list[tuple[int, int]] = []
    start = 0
    while start < n and _is_space(text[start]):
        start += 1
    breaks = _sentence_breaks(text, stop)
    for k in range(0, len(breaks), 2):
        cut = breaks[k]
        while cut > start and _is_hspace(text[cut - 1]):
            cut -= 1
        if cut > start:
            spans.append((start, cut))
        start = breaks[k + 1]
    stop = n
    while stop > 0 and _is_space(text[stop - 1]):
        stop -= 1
    if stop > start:
        spans.append((start, stop))
    return spans


# ---------------------------------------------------------------------------
# Paragraphs
# ---------------------------------------------------------------------------

_TERMINAL = ".!?…:\"”»’"


@cython.locals(text=str, nl=cython.Py_ssize_t, j=cython.Py_ssize_t, k=cython.Py_ssize_t,
               n=cython.Py_ssize_t)
@cython.boundscheck(False)
@cython.wraparound(False)
def _is_paragraph_break(text, nl: int) -> bool:
    """Is the line break at ``nl`` a paragraph break?

    Yes after a blank line or before one, and after a line that ends with
    terminal punctuation or a closing quote (one paragraph per line, as in
    most exported articles); no inside hard-wrapped running text.
    """
    j = nl - 1
    while j >= 0 and text[j] in " \t\r":
        j -= 1
    if j < 0 or text[j] == "\n" or text[j] in _TERMINAL:
        return True
    k = nl + 1
    n = len(text)
    while k < n and text[k] in " \t\r":
        k += 1
    return k >= n or text[k] == "\n"


def paragraph_of(text: str, pos: int) -> tuple[int, int]:
    """``(start, end)`` of the paragraph holding offset ``pos`` (see :func:`paragraph_spans`)."""
    start = text.rfind("\n", 0, pos)
    while start >= 0 and not _is_paragraph_break(text, start):
        start = text.rfind("\n", 0, start)
    end = text.find("\n", pos)
    while end >= 0 and not _is_paragraph_break(text, end):
        end = text.find("\n", end + 1)
    return start + 1, (len(text) if end < 0 else end)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs of ``text`` as ``(start, end)``: split at line breaks that end a paragraph.

    A line break ends a paragraph when it is next to a blank line or follows
    terminal punctuation or a closing quote.

    Examples
    --------
    >>> t = "One line\\nwrapped here.\\nSecond.\\n\\nThird"
    >>> [t[s:e] for s, e in paragraph_spans(t)]
    ['One line\\nwrapped here.', 'Second.', '', 'Third']
    """
    spans = []
    start = 0
    nl = text.find("\n")
    while nl >= 0:
        if _is_paragraph_break(text, nl):
            spans.append((start, nl))
            start = nl + 1
        nl = text.find("\n", nl + 1)
    spans.append((start, len(text)))
    return spans


# ---------------------------------------------------------------------------
# Quotes
# ---------------------------------------------------------------------------

#: Characters treated as quotation marks (spaCy's ``is_quote`` set and more).
QUOTE_CHARS = "\"'“”„‟‘’‚‛«»‹›「」『』"
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
    # `said "`, `told reporters: "`, `said, "`, `said last week that he was "`
    r"(?:\b(?i:" + _SPEECH_VERBS + r")\b\s*[:,]?"
    r"|\b(?i:" + _SPEECH_VERBS + r")\b(?:\s+\S+){1,2}?\s*[:,]"
    r"|\b(?i:" + _SPEECH_VERBS + r")\b[^.;!?\"“”«»\n]{0,40}\bthat\b(?:\s+\S+){0,3}?)\s*$"
)
# Attribution right after a quotation: `," Maduro said`, `” he told`, `, according to`.
# The subject is capitalised words or a pronoun (case matters: "and said" is no subject).
_CUE_AFTER = re.compile(
    r"^\s*[,:;—–-]?\s*(?:(?:[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|(?i:he|she|they|it|we|i)"
    r"|(?i:the)\s+\w+)\s+)?"
    r"(?i:" + _SPEECH_VERBS + r")\b"
)


class QuoteSpan(NamedTuple):
    """A quotation: ``start``/``end`` include the quote marks; ``kind`` is the voice."""

    start: int
    end: int
    kind: str  # "quoted" or "scare_quote"
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, (self.end - 1 if self.closed else self.end)


@cython.cfunc
@cython.locals(text=str, i=cython.Py_ssize_t, ch=cython.Py_UCS4, prev=cython.Py_UCS4, nxt=cython.Py_UCS4)
def _role(text, i, ch) -> str:
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


@cython.cfunc
@cython.locals(ch=cython.Py_UCS4)
def _family(ch) -> str:
    if ch in "'‘’‚‛":
        return "single"
    if ch in _GUILLEMET_OPEN or ch in _GUILLEMET_CLOSE:
        return "guillemet"
    return "double"


def quote_spans(text: str, start: int = 0, end: int | None = None) -> list[QuoteSpan]:
    """Find the outermost quotations of ``text`` and classify each as speech or scare quote.

    Rules (documented so that users can predict them):

    - Opening marks ``“ „ « ‘`` and closing marks ``” » ’`` pair with marks of the
      same family (double, single, guillemet); straight ``"`` alternates; a
      straight or curly single mark between two letters (*it’s*, *Maduro’s*) is an
      apostrophe, never a quote.
    - Only the outermost quotation counts; marks of another family inside it are
      nested quotations.
    - A quotation may span sentences but not paragraphs (:func:`paragraph_spans`):
      when a paragraph ends with a quotation still open, it closes there if the
      next paragraph opens a continuing quotation (news convention), otherwise at
      the end of the sentence where it opened.  An unbalanced mark never
      swallows the rest of the article.
    - A quotation is ``"scare_quote"`` when it holds at most
      :data:`SCARE_QUOTE_MAX_WORDS` words, no sentence punctuation, and no
      attribution cue (``said``, ``told``, ``according to`` ...) sits right
      before or after it; otherwise it is ``"quoted"`` (direct speech).

    Parameters
    ----------
    text : str
        The original article text.
    start, end : int, optional
        Only look at the paragraphs between these offsets (the matcher asks
        only for the paragraphs that hold hits).

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
    if end is None and start == 0:
        paragraphs = paragraph_spans(text)
    else:
        paragraphs = [(s, e) for s, e in paragraph_spans(text) if e >= start and s <= (end or len(text))]
    out: list[QuoteSpan] = []
    for s, e in paragraphs:
        out.extend(paragraph_quotes(text, s, e))
    return out


def paragraph_quotes(text: str, p_start: int, p_end: int, classify: bool = True,
                     marks: str | None = None) -> list[QuoteSpan]:
    """The quotations of the paragraph ``text[p_start:p_end]`` (rules in :func:`quote_spans`).

    With ``classify=False`` every span has kind ``"quoted"``; call
    :func:`classify_quote` on the spans that matter (the matcher classifies only
    quotations that hold hits).  ``marks`` (:func:`quote_marks_in` of ``text``)
    saves looking for marks the text does not hold, when a caller asks for
    several paragraphs of one text.
    """
    spans = _paragraph_quotes(text, p_start, p_end, QUOTE_CHARS if marks is None else marks)
    return [classify_quote(text, q) for q in spans] if classify else spans


def quote_marks_in(text: str) -> str:
    """The quotation marks of :data:`QUOTE_CHARS` that occur in ``text``.

    Examples
    --------
    >>> quote_marks_in('He said: “We won’t.”')
    '“”’'
    """
    return "".join(q for q in QUOTE_CHARS if q in text)


@cython.locals(text=str, lo=cython.Py_ssize_t, hi=cython.Py_ssize_t, i=cython.Py_ssize_t)
def _quote_positions(text, lo: int, hi: int, marks: str) -> list[int]:
    """Sorted offsets of the quotation marks ``marks`` (of :data:`QUOTE_CHARS`) in ``text[lo:hi]``.

    One ``str.find`` pass per mark: fast compiled or not.
    """
    out = []
    lo = max(lo, 0)
    for q in marks:
        i = text.find(q, lo, hi)
        while i >= 0:
            out.append(i)
            i = text.find(q, i + 1, hi)
    out.sort()
    return out


@cython.locals(text=str, p_start=cython.Py_ssize_t, p_end=cython.Py_ssize_t, i=cython.Py_ssize_t,
               open_pos=cython.Py_ssize_t, ch=cython.Py_UCS4)
def _paragraph_quotes(text, p_start: int, p_end: int, marks: str) -> list[QuoteSpan]:
    """Unclassified :func:`paragraph_quotes`."""
    spans: list[QuoteSpan] = []
    open_pos = -1
    open_family = ""
    for i in _quote_positions(text, p_start, p_end, marks):
        ch = text[i]
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
        if role == "open" and ch == '"' and text[open_pos] == '"' and _ends_sentence_between(text, open_pos, i):
            # `said "the regime is bad. Then ... "traitors"`: the first mark was never
            # closed; it ends with its sentence and this mark opens a new quotation.
            spans.append(_close_unbalanced(text, open_pos, i, continues=False))
            open_pos = i
            continue
        if role in ("close", "either", "close?") or (role == "open" and ch == '"'):
            spans.append(QuoteSpan(open_pos, i + 1, "quoted"))
            open_pos = -1
    if open_pos >= 0:
        spans.append(_close_unbalanced(text, open_pos, p_end))
    return spans


def _ends_sentence_between(text: str, a: int, b: int) -> bool:
    """Is there a sentence break between offsets ``a`` and ``b``?"""
    return bool(_punct_breaks(text, a, b, first_only=True))


def _close_unbalanced(text: str, open_pos: int, para_end: int, continues: bool = True) -> QuoteSpan:
    """Close the quotation opened at ``open_pos`` that has no closing mark before ``para_end``.

    At a paragraph end (``continues=True``) a next paragraph opening with a quote
    mark continues the quotation (news convention); otherwise the quotation ends
    with the sentence where it opened.
    """
    rest = text[para_end : para_end + 200].lstrip()
    if continues and rest[:1] in ("“", '"', "«") and para_end > open_pos:
        return QuoteSpan(open_pos, para_end, "quoted", closed=False)
    for _s, e in sentence_spans(text[open_pos:para_end]):
        return QuoteSpan(open_pos, open_pos + e, "quoted", closed=False)  # first sentence
    return QuoteSpan(open_pos, min(para_end, open_pos + 1), "quoted", closed=False)


#: The first word of every speech verb: _CUE_BEFORE can only match where one occurs.
_CUE_WORDS = frozenset(re.match(r"[a-z]+", v).group() for v in _SPEECH_VERBS.split("|"))
_WORD_RUN = re.compile(r"\w+")
_CUE_FOLD = str.maketrans({"\u0131": "i", "\u017f": "s", "\u212a": "k", "\u0130": "i"})
_SENTENCE_INSIDE = re.compile(r"[.!?;]\s*\S|[.!?]$")


def _cue_before(text: str, start: int) -> bool:
    """An attribution cue (``_CUE_BEFORE``) ends right before offset ``start``."""
    lo = max(0, start - 80)
    window = text[lo:start]
    # Cheap, exact pre-check: the regex needs a speech verb as a whole word.  The
    # regex matches case-insensitively, where "ı ſ K İ" also match "i s k i" (sre's
    # case-folding equivalences); fold those, then lower-case.
    folded = (window if window.isascii() else window.translate(_CUE_FOLD)).lower()
    if _CUE_WORDS.isdisjoint(_WORD_RUN.findall(folded)):
        return False
    return _CUE_BEFORE.search(text, lo, start) is not None


def classify_quote(text: str, q: QuoteSpan) -> QuoteSpan:
    """Return ``q`` as ``quoted`` (speech) or ``scare_quote`` (rules in :func:`quote_spans`)."""
    a, b = q.inner
    inner = text[a:b].strip()
    words = inner.split()
    if not q.closed or len(words) > SCARE_QUOTE_MAX_WORDS or _SENTENCE_INSIDE.search(inner):
        return q
    if _cue_before(text, q.start):
        return q
    if _CUE_AFTER.match(text[q.end : q.end + 60]):
        return q
    return QuoteSpan(q.start, q.end, "scare_quote", q.closed)
