"""The multi-pattern automaton: every place a lexicon form ends in a text.

:class:`Automaton` holds the surface forms of a lexicon (or the aliases of its
actors), each padded with spaces as :mod:`framing.match` builds them, and
answers one question: at which positions of the text's *padded layer*
(``" " + normalize(text) + " "``) does which form end?  Everything that makes a
hit a hit (whole words, gaps, case, exceptions, longest match) is decided by the
rules in :mod:`framing.match` from that answer.

This is the one place with two implementations, on purpose:

- compiled (Cython, :data:`framing.text.COMPILED`): a deterministic automaton
  (Aho–Corasick with every transition precomputed in one table) that folds the
  original text character by character while it scans, so the layer is never
  built;
- interpreted, or for lexicons too large for the table: pyahocorasick over the
  padded layer.

Both implement :meth:`Automaton.ends`; ``tests/test_automaton.py`` checks that
they give the same positions on random and real text.
"""

from __future__ import annotations

from array import array

import ahocorasick
import cython

from .text import fold_char

__all__ = ["Automaton"]

#: Largest transition table (states x letter classes) built; above it pyahocorasick runs.
MAX_TABLE_CELLS = 1 << 24

_SPACE = cython.declare(cython.int, 0)  # letter class of the layer's space (every non-alphanumeric character)
_OTHER = cython.declare(cython.int, 1)  # a letter that occurs in no form
_INVISIBLE = cython.declare(cython.int, -1)  # dropped by the mapped layer: the text needs framing.text.normalize_mapped


def _ascii_classes() -> array:
    out = array("B", bytes(128))
    for c in range(128):
        ch = chr(c).lower()
        out[c] = (ord(ch) - ord("a") + 2) if "a" <= ch <= "z" else (ord(ch) - ord("0") + 28) if ch.isdigit() else _SPACE
    return out


_ASCII = _ascii_classes()  # a-z -> 2..27, 0-9 -> 28..37, the rest -> space
_N_ASCII_CLASSES = 38


class Automaton:
    """Every form of a lexicon, compiled once; see :meth:`ends`.

    Parameters
    ----------
    keys : list of str
        Padded forms on the normalised layer (``" coup "``; a wildcard form has
        no trailing space).  The position of a key in the list is its id.
    dense : bool, optional
        Build the precomputed table (default: when this module runs compiled and
        the table is small enough).  pyahocorasick is used otherwise.
    """

    def __init__(self, keys, dense=None):
        self.n_keys = len(keys)
        self.table = None
        self.py = None
        if dense is None:
            dense = cython.compiled
        if dense:
            self._build_table(list(keys))
        if self.table is None:
            auto = ahocorasick.Automaton()
            for k, key in enumerate(keys):
                auto.add_word(key, k)
            if keys:
                auto.make_automaton()
            self.py = auto

    def __repr__(self) -> str:
        kind = "table" if self.table is not None else "pyahocorasick"
        return f"<Automaton {self.n_keys} keys, {kind}>"

    @property
    def dense(self) -> bool:
        """True when the precomputed table is used."""
        return self.table is not None

    # -- building -----------------------------------------------------------
    @cython.locals(s=cython.int, c=cython.int, t=cython.int, f=cython.int, i=cython.Py_ssize_t,
                   n_states=cython.int, n_cls=cython.int, head=cython.Py_ssize_t)
    def _build_table(self, keys) -> None:
        extra: dict = {}  # non-ASCII letters of the forms -> class
        for key in keys:
            for ch in key:
                if ord(ch) >= 128 and ch not in extra:
                    extra[ch] = _N_ASCII_CLASSES + len(extra)
        n_cls = _N_ASCII_CLASSES + len(extra)
        if (1 + sum(len(key) for key in keys)) * n_cls > MAX_TABLE_CELLS * 4:
            return  # far too large for a table, whatever the trie shares: pyahocorasick runs
        # The trie, as dicts (building cost is linear in the total key length).
        children: list = [{}]
        out = array("i", [-1])
        for k, key in enumerate(keys):
            s = 0
            for ch in key:
                o = ord(ch)
                c = _ASCII[o] if o < 128 else extra[ch]
                nxt = children[s].get(c)
                if nxt is None:
                    nxt = len(children)
                    children[s][c] = nxt
                    children.append({})
                    out.append(-1)
                s = nxt
            out[s] = k
        n_states = len(children)
        if n_states * n_cls > MAX_TABLE_CELLS:
            return
        table = array("i", bytes(4 * n_states * n_cls))
        fail = array("i", bytes(4 * n_states))
        link = array("i", [-1]) * n_states  # nearest proper suffix state that ends a key
        tv = cython.declare(cython.int[:], table)
        fv = cython.declare(cython.int[:], fail)
        lv = cython.declare(cython.int[:], link)
        ov = cython.declare(cython.int[:], out)
        order = [0]
        for c, t in children[0].items():
            tv[c] = t
        head = 0
        while head < len(order):  # breadth first: a state's failure is complete before it
            s = order[head]
            head += 1
            for c, t in children[s].items():
                order.append(t)
                if s != 0:
                    f = tv[fv[s] * n_cls + c]
                    fv[t] = f
                    lv[t] = f if ov[f] >= 0 else lv[f]
            if s != 0:
                f = fv[s]
                for c in range(n_cls):
                    t = children[s].get(c, -1)
                    tv[s * n_cls + c] = t if t >= 0 else tv[f * n_cls + c]
        # Each cell holds the next state's row offset (state x classes), so the scan
        # does no multiplication; -offset - 1 when that state ends a key.
        for i in range(n_states * n_cls):
            t = tv[i]
            tv[i] = -(t * n_cls) - 1 if (ov[t] >= 0 or lv[t] >= 0) else t * n_cls
        self.table, self.out, self.link = table, out, link
        self.extra, self.n_classes = extra, n_cls

    # -- scanning -----------------------------------------------------------
    def ends(self, text: str, layer: str | None = None, mapped: bool = True) -> list | None:
        """``(p, key id)`` for every key ending at position ``p`` of the padded layer.

        ``p`` indexes ``" " + layer + " "``: a key ending at ``p`` covers
        ``padded[p - len(key) + 1 : p + 1]``.  Give ``layer``
        (``framing.text.normalize_mapped(text)[0]``) when you have it; without it
        the table folds ``text`` as it scans and returns None when the text
        holds something the mapped layer drops (a combining accent, a soft
        hyphen, a hyphen at a line end ...), so that the caller scans the
        mapped layer instead.
        pyahocorasick always needs the layer and computes it when not given.
        With ``mapped=False`` the layer is that of :func:`framing.text.normalize`
        instead (invisible characters are spaces, nothing is dropped), and the
        result is never None.
        Order: by ``p``, then unspecified.
        """
        if self.table is not None:
            return self._scan_table(text if layer is None else layer, mapped)
        if layer is None:
            from .text import normalize, normalize_mapped

            if not mapped:
                layer = normalize(text)
            else:
                layer, index = normalize_mapped(text)
                if index is not None:
                    return None
        if not self.n_keys:
            return []
        return list(self.py.iter(" " + layer + " "))

    @cython.boundscheck(False)
    @cython.wraparound(False)
    @cython.locals(text=str, i=cython.Py_ssize_t, s=cython.int, c=cython.int,
                   n_cls=cython.int, ch=cython.Py_UCS4, prev=cython.Py_UCS4, prev2=cython.Py_UCS4,
                   mapped=cython.bint, t=cython.int)
    def _scan_table(self, text, mapped) -> list | None:
        tv = cython.declare(cython.int[::1], self.table)
        ov = cython.declare(cython.int[::1], self.out)
        lv = cython.declare(cython.int[::1], self.link)
        av = cython.declare(cython.uchar[::1], _ASCII)
        n_cls = self.n_classes
        extra = self.extra
        found: list = []
        s = tv[_SPACE]  # the leading pad; s is a row offset, negative when the state ends a key
        i = 0
        prev = prev2 = " "
        for ch in text:
            i += 1  # position of ch on the padded layer
            if ord(ch) < 128:
                c = av[ord(ch)]
                if ch == "\n" and mapped and (prev == "-" or (prev == "\r" and prev2 == "-")):
                    return None  # a hyphen at a line end: the mapped layer may join the word
            else:
                c = _letter_class(ch, extra)
                if c == _INVISIBLE:
                    if mapped:
                        return None
                    c = _SPACE
            prev2 = prev
            prev = ch
            if s < 0:
                s = -s - 1
            s = tv[s + c]
            if s < 0:  # every key that ends in this state: its own, then its suffix links
                t = (-s - 1) // n_cls
                if ov[t] < 0:
                    t = lv[t]
                while t >= 0:
                    found.append((i, ov[t]))
                    t = lv[t]
        if s < 0:
            s = -s - 1
        s = tv[s + _SPACE]  # the trailing pad
        if s < 0:
            t = (-s - 1) // n_cls
            if ov[t] < 0:
                t = lv[t]
            while t >= 0:
                found.append((i + 1, ov[t]))
                t = lv[t]
        return found

@cython.cfunc
@cython.returns(cython.int)
def _letter_class(ch, extra: dict):
    """Class of a non-ASCII character on the layer (:func:`framing.text.fold_char`)."""
    f = fold_char(ch)
    if f == "":
        return _INVISIBLE
    if f == " ":
        return _SPACE
    o = ord(f)
    if o < 128:
        return _ASCII[o]
    return extra.get(f, _OTHER)
