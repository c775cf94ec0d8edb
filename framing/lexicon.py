"""Lexicons of loaded terms: read, validate, edit, save.

One schema, two spellings:

- **CSV/TSV** (a teacher edits it in a spreadsheet): one entry per row, columns
  ``term, category, polarity, weight, variants, note, neutral, exceptions,
  inflect, case, camp``; list cells (``variants``, ``neutral``, ``exceptions``)
  separate items with ``;``.  Optional companion files beside it,
  ``NAME.categories.csv`` (``category, description, color``) and
  ``NAME.actors.csv`` (``name, kind, camp, aliases``), declare categories and
  actors.
- **YAML** (a researcher's file): a header (``name, description, language,
  version, categories`` with ``description`` and ``color``), ``entries`` (the same
  fields) and optionally ``actors``.

Every error names the file, the line, the column and the term.
"""

from __future__ import annotations

import csv
import difflib
import io
import logging
import math
import os
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field, fields, replace
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from .errors import FramingWarning, LexiconError
from .text import normalize_term

logger = logging.getLogger(__name__)

__all__ = [
    "Actor",
    "Category",
    "Entry",
    "Lexicon",
    "available_lexicons",
    "load_lexicon",
    "DEFAULT_COLORS",
    "EXTRA_COLORS",
    "assign_colors",
]

#: Okabe–Ito colour-blind-safe palette, used for categories that declare no colour.
DEFAULT_COLORS = (
    "#D55E00", "#0072B2", "#E69F00", "#CC79A7",
    "#56B4E9", "#009E73", "#F0E442", "#000000",
)
#: Colours for categories no lexicon declares, after the unused Okabe–Ito ones:
#: Paul Tol's colour-blind-safe "muted" scheme.
EXTRA_COLORS = ("#332288", "#117733", "#44AA99", "#88CCEE", "#DDCC77", "#CC6677",
                "#AA4499", "#882255")


def assign_colors(categories, known) -> dict[str, str]:
    """Colour of each category: ``known`` colours, plus a stable one for each other category.

    An unknown category's colour depends on its name only (CRC32 into the
    colours no known category uses), so it is the same in every chart and
    report; only when two unknown categories collide does the later one (in
    sorted order) take the next free colour.

    Examples
    --------
    >>> c = assign_colors(["regime", "x"], {"regime": "#D55E00"})
    >>> c["regime"], c["x"] == assign_colors(["x"], {"regime": "#D55E00"})["x"] != "#D55E00"
    ('#D55E00', True)
    """
    import zlib

    taken = {str(v).lower() for v in known.values()}
    spare = [c for c in (*DEFAULT_COLORS, *EXTRA_COLORS) if c.lower() not in taken] or list(EXTRA_COLORS)
    extra: dict[str, str] = {}
    for c in sorted(c for c in categories if c not in known):
        i = zlib.crc32(str(c).encode("utf-8")) % len(spare)
        for k in range(len(spare)):
            pick = spare[(i + k) % len(spare)]
            if pick not in extra.values():
                break
        extra[c] = pick
    return {c: known[c] if c in known else extra[c] for c in categories}


ENTRY_COLUMNS = (
    "term", "category", "polarity", "weight", "variants", "note", "neutral",
    "exceptions", "inflect", "case", "camp",
)
_LIST_COLUMNS = ("variants", "neutral", "exceptions")
_POLARITY = {
    "negative": -1, "neg": -1, "-1": -1, "-": -1,
    "positive": 1, "pos": 1, "1": 1, "+1": 1, "+": 1,
    "neutral": 0, "0": 0, "": 0, "none": 0,
}
_POLARITY_NAMES = {-1: "negative", 0: "neutral", 1: "positive"}
_BOOL = {"": None, "true": True, "yes": True, "y": True, "1": True, "on": True,
         "false": False, "no": False, "n": False, "0": False, "off": False}
_ACTOR_KINDS = ("person", "group", "organization", "country")


@dataclass(frozen=True)
class Category:
    """A category of loaded language, with the colour it gets in every chart."""

    name: str
    description: str = ""
    color: str = ""


@dataclass(frozen=True)
class Entry:
    """One lexicon entry.

    ``polarity`` is the direction toward the actor the term labels: -1
    (delegitimizing, disparaging), 0 (no direction) or +1 (legitimizing,
    sympathetic).  ``source``/``line`` say where the entry was read.
    """

    term: str
    category: str
    polarity: int = 0
    weight: float = 1.0
    variants: tuple[str, ...] = ()
    note: str = ""
    neutral: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = ()
    inflect: bool = True
    case_sensitive: bool = False
    camp: str = ""
    source: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)

    @property
    def wildcard(self) -> bool:
        return self.term.endswith("*")

    @property
    def key(self) -> str:
        """The normalised form used to detect duplicates."""
        return " ".join(normalize_term(self.term.rstrip("*")))


@dataclass(frozen=True)
class Actor:
    """An actor that loaded terms can be aimed at (issue: actors)."""

    name: str
    kind: str = "person"
    camp: str = ""
    aliases: tuple[str, ...] = ()
    source: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)


_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})|[a-zA-Z]{3,20}")
_CATEGORY_FIELDS = ("name", "category", "description", "color")
_ACTOR_FIELDS = ("name", "kind", "camp", "aliases")


def _check_fields(raw: dict, allowed, where: str, what: str) -> None:
    """Unknown keys of a YAML mapping are errors, with a suggestion (typos are silent otherwise)."""
    for k in raw:
        if k != "__line__" and k not in allowed:
            hint = difflib.get_close_matches(str(k), allowed, n=1)
            raise LexiconError(
                f"{where}: unknown field {k!r} for {what}"
                + (f" (did you mean {hint[0]!r}?)" if hint else f" (known: {', '.join(allowed)})")
            )


def _category(name: str, description: str, color: str, where: str) -> Category:
    color = color.strip()
    if color and not _COLOR.fullmatch(color):
        raise LexiconError(
            f"{where}: color {color!r} of category {name!r} is not a colour "
            "(use #RRGGBB, #RGB or a colour name such as 'orange')"
        )
    return Category(name, description, color)


def _where(source: str, line: int, column: str | None = None) -> str:
    out = f"{source}, line {line}" if line else (source or "<lexicon>")
    return f"{out}, column '{column}'" if column else out


class Lexicon:
    """An immutable set of loaded terms grouped in categories (and optional actors).

    Edits (:meth:`add`, :meth:`remove`, :meth:`merge`) return a new ``Lexicon``.
    The compiled matcher is built once per object, on first use.

    Parameters
    ----------
    entries : iterable of Entry
    categories : iterable of Category, optional
        Declared categories.  When given, every entry's category must be one of
        them; when omitted, categories are taken from the entries.
    name, description, language, version : str
        Header fields.
    actors : iterable of Actor, optional

    Examples
    --------
    >>> lex = Lexicon([Entry("regime", "delegitimizing", -1, 2.0)], name="mini")
    >>> lex = lex.add("democratically elected", "legitimizing", polarity="positive")
    >>> lex
    <Lexicon 'mini': 2 entries, 2 categories (delegitimizing 1, legitimizing 1)>
    >>> len(lex.remove("regime"))
    1
    """

    def __init__(
        self,
        entries: Iterable[Entry] = (),
        categories: Iterable[Category] | None = None,
        *,
        name: str = "",
        description: str = "",
        language: str = "en",
        version: str = "",
        actors: Iterable[Actor] = (),
    ):
        self.entries: tuple[Entry, ...] = tuple(entries)
        self.name = name
        self.description = description
        self.language = language
        self.version = version
        self.actors: tuple[Actor, ...] = tuple(actors)
        declared = {c.name: c for c in categories} if categories is not None else None
        if declared is not None:
            for e in self.entries:
                if e.category not in declared:
                    raise LexiconError(_unknown_category(e, declared))
            cats = dict(declared)
        else:
            cats = {}
        for e in self.entries:
            cats.setdefault(e.category, Category(e.category))
        used = {c.color for c in cats.values() if c.color}
        spare = iter([c for c in DEFAULT_COLORS if c not in used] + list(DEFAULT_COLORS) * 4)
        self.categories: dict[str, Category] = {
            n: c if c.color else replace(c, color=next(spare)) for n, c in cats.items()
        }
        self._declared = declared is not None

    # -- container protocol --------------------------------------------
    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    def __contains__(self, term: str) -> bool:
        return term.lower() in self._by_term

    def __getitem__(self, term: str) -> Entry:
        try:
            return self.entries[self._by_term[term.lower()]]
        except KeyError:
            raise KeyError(f"no term {term!r} in lexicon {self.name!r}") from None

    @cached_property
    def _by_term(self) -> dict[str, int]:
        return {e.term.lower(): i for i, e in enumerate(self.entries)}

    def __repr__(self) -> str:
        counts = Counter(e.category for e in self.entries)
        parts = ", ".join(f"{c} {counts.get(c, 0)}" for c in self.categories)
        actors = f", {len(self.actors)} actors" if self.actors else ""
        return (
            f"<Lexicon {self.name!r}: {len(self)} entries, "
            f"{len(self.categories)} categories ({parts}){actors}>"
        )

    @property
    def colors(self) -> dict[str, str]:
        """Category name -> colour (declared, or from the colour-blind-safe default)."""
        return {n: c.color for n, c in self.categories.items()}

    # -- tables ---------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """One row per entry.

        Columns: ``term, category, polarity, weight, variants, note, neutral,
        exceptions, inflect, case_sensitive, wildcard, camp, source, line``;
        list fields are tuples, ``polarity`` is -1/0/+1.
        """
        cols = [f.name for f in fields(Entry)]
        rows = [[getattr(e, c) for c in cols] for e in self.entries]
        df = pd.DataFrame(rows, columns=cols)
        df.insert(cols.index("case_sensitive") + 1, "wildcard", [e.wildcard for e in self.entries])
        return df

    def near_duplicates(self) -> pd.DataFrame:
        """Pairs of entries whose words share NLTK Snowball stems (``rebel`` / ``rebellion``).

        Not an error (the two may differ in loadedness on purpose), but worth a
        look when editing: ``framing lexicon check`` lists them.  Uses NLTK's
        Snowball stemmer, which needs no downloaded data.

        Returns
        -------
        DataFrame
            Columns ``term_a, line_a, term_b, line_b, stem``.
        """
        from nltk.stem.snowball import SnowballStemmer

        stem = SnowballStemmer("english").stem
        seen: dict[str, Entry] = {}
        rows = []
        for e in self.entries:
            key = " ".join(stem(w) for w in normalize_term(e.term.rstrip("*")))
            first = seen.get(key)
            if first is None:
                seen[key] = e
            else:
                rows.append((first.term, first.line, e.term, e.line, key))
        return pd.DataFrame(rows, columns=["term_a", "line_a", "term_b", "line_b", "stem"])

    def actors_frame(self) -> pd.DataFrame:
        """One row per actor: ``name, kind, camp, aliases``."""
        return pd.DataFrame(
            [(a.name, a.kind, a.camp, a.aliases) for a in self.actors],
            columns=["name", "kind", "camp", "aliases"],
        )

    # -- edits ------------------------------------------------------------
    def _evolve(self, entries=None, categories=None, actors=None, **header) -> "Lexicon":
        cats = categories if categories is not None else (
            self.categories.values() if self._declared else None
        )
        return Lexicon(
            self.entries if entries is None else entries,
            cats,
            name=header.get("name", self.name),
            description=header.get("description", self.description),
            language=header.get("language", self.language),
            version=header.get("version", self.version),
            actors=self.actors if actors is None else actors,
        )

    def add(
        self,
        term: str,
        category: str,
        *,
        polarity: int | str = 0,
        weight: float = 1.0,
        note: str = "",
        neutral: Sequence[str] = (),
        variants: Sequence[str] = (),
        exceptions: Sequence[str] = (),
        inflect: bool = True,
        case_sensitive: bool = False,
        camp: str = "",
    ) -> "Lexicon":
        """Return a new lexicon with one more entry (validated like a file row)."""
        raw = {
            "term": term, "category": category, "polarity": polarity, "weight": weight,
            "note": note, "neutral": list(neutral), "variants": list(variants),
            "exceptions": list(exceptions), "inflect": inflect,
            "case": "sensitive" if case_sensitive else "insensitive", "camp": camp,
        }
        entry = _entry_from_record(raw, "<add>", 0)
        if entry.term.lower() in self._by_term or entry.key in {e.key for e in self.entries}:
            raise LexiconError(f"term {term!r} is already in lexicon {self.name!r}")
        cats = None
        if self._declared and category not in self.categories:
            cats = list(self.categories.values()) + [Category(category)]
        return self._evolve(entries=self.entries + (entry,), categories=cats)

    def remove(self, *terms: str) -> "Lexicon":
        """Return a new lexicon without ``terms`` (a missing term is an error)."""
        missing = [t for t in terms if t.lower() not in self._by_term]
        if missing:
            raise LexiconError(f"cannot remove {missing}: not in lexicon {self.name!r}")
        drop = {t.lower() for t in terms}
        return self._evolve(entries=tuple(e for e in self.entries if e.term.lower() not in drop))

    def merge(self, other: "Lexicon", *, on_conflict: str = "replace") -> "Lexicon":
        """Combine two lexicons; categories, entries and actors are united.

        Parameters
        ----------
        other : Lexicon
        on_conflict : {"replace", "keep", "error"}, default="replace"
            What to do with a term (compared after normalisation) present in
            both: take ``other``'s entry, keep this one, or raise.
        """
        if on_conflict not in ("replace", "keep", "error"):
            raise ValueError(f"on_conflict must be 'replace', 'keep' or 'error', got {on_conflict!r}")
        theirs = {e.key: e for e in other.entries}
        entries = []
        for e in self.entries:
            o = theirs.get(e.key)
            if o is None or on_conflict == "keep":
                entries.append(e)
                continue
            if on_conflict == "error":
                raise LexiconError(
                    f"term {e.term!r} is in both {_where(e.source, e.line)} and {_where(o.source, o.line)}"
                )
            logger.info("term %r from %s replaces %s", o.term, o.source, e.source)
        mine = {e.key for e in entries}
        entries += [e for e in other.entries if e.key not in mine]
        cats = dict(self.categories)
        for n, c in other.categories.items():
            cats.setdefault(n, c)
        names = {a.name for a in self.actors}
        actors = self.actors + tuple(a for a in other.actors if a.name not in names)
        name = "+".join(n for n in (self.name, other.name) if n)
        return Lexicon(entries, cats.values(), name=name, description=self.description,
                       language=self.language, version=self.version, actors=actors)

    # -- compile & save ---------------------------------------------------
    def __getstate__(self) -> dict:
        # The compiled matcher (framing.match.compile_lexicon keeps it here) is rebuilt on use.
        state = self.__dict__.copy()
        state.pop("_compiled", None)
        return state

    def save(self, path: str | os.PathLike) -> Path:
        """Write the lexicon as ``.yaml``/``.yml`` or ``.csv``/``.tsv`` (by extension).

        A CSV gets companion ``NAME.categories.csv`` (and ``NAME.actors.csv`` when
        there are actors) so that loading it back gives an equal lexicon.
        """
        path = Path(path)
        ext = path.suffix.lower()
        if ext in (".yaml", ".yml"):
            _write_yaml(self, path)
        elif ext in (".csv", ".tsv"):
            _write_csv(self, path, "\t" if ext == ".tsv" else ",")
        else:
            raise LexiconError(f"{path}: cannot save a lexicon as '{ext}' (use .csv, .tsv or .yaml)")
        return path


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------

def _builtin_dir():
    """Folder of the built-in lexicons: installed package data, or the source tree."""
    packaged = resources.files("framing").joinpath("lexicons")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[1] / "lexicons"


def available_lexicons() -> list[str]:
    """Names of the built-in lexicons (usable in :func:`load_lexicon`)."""
    root = _builtin_dir()
    return sorted(
        p.name.rsplit(".", 1)[0]
        for p in root.iterdir()
        if p.name.endswith((".yaml", ".yml", ".csv")) and ".categories." not in p.name
        and ".actors." not in p.name
    )


def load_lexicon(*sources, categories: Iterable[Category] | None = None) -> Lexicon:
    """Load and merge lexicons given by built-in name, file path or ``Lexicon``.

    Parameters
    ----------
    *sources : str, os.PathLike or Lexicon
        Built-in names (``"loaded-language"``, ``"venezuela-2019"``; see
        :func:`available_lexicons`), paths to ``.csv``/``.tsv``/``.yaml`` files, or
        lexicon objects.  Later sources win when a term is in several.  With no
        source, all built-in lexicons are loaded.
    categories : iterable of Category, optional
        Declare the allowed categories of a CSV with no ``.categories.csv``.

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        With file, line, column and term for every invalid entry.

    Examples
    --------
    >>> lex = load_lexicon("venezuela-2019")
    >>> "self-proclaimed" in lex
    True
    """
    if not sources:
        sources = tuple(available_lexicons())
    result = None
    for src in sources:
        lex = src if isinstance(src, Lexicon) else _load_one(src, categories)
        result = lex if result is None else result.merge(lex)
    return result


def _load_one(src, categories) -> Lexicon:
    path = Path(src)
    if not path.suffix or (not path.exists() and "/" not in str(src) and os.sep not in str(src)):
        root = _builtin_dir()
        for ext in (".yaml", ".yml", ".csv"):
            cand = root.joinpath(f"{src}{ext}")
            if cand.is_file():
                with resources.as_file(cand) as real:
                    return _load_path(Path(real), categories, display=f"{src}{ext}")
        if not path.exists():
            names = available_lexicons()
            hint = difflib.get_close_matches(str(src), names, n=1)
            raise LexiconError(
                f"no lexicon {str(src)!r}: not a file and not a built-in name"
                + (f" (did you mean {hint[0]!r}?)" if hint else f" (built-ins: {', '.join(names)})")
            )
    return _load_path(path, categories)


def _load_path(path: Path, categories, display: str | None = None) -> Lexicon:
    name = display or str(path)
    if not path.is_file():
        raise LexiconError(f"{name}: no such lexicon file")
    ext = path.suffix.lower()
    if ext in (".yaml", ".yml"):
        return _read_yaml(path, name)
    if ext in (".csv", ".tsv", ".txt"):
        return _read_csv(path, name, categories)
    raise LexiconError(f"{name}: unknown lexicon format '{ext}' (expected .csv, .tsv, .yaml)")


def _read_text(path: Path, name: str) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LexiconError(f"{name}, line {line}: not UTF-8 text (save the file as UTF-8)") from exc


def _read_csv(path: Path, name: str, categories) -> Lexicon:
    text = _read_text(path, name)
    delim = "\t" if path.suffix.lower() == ".tsv" else None
    if delim is None:
        first = text.split("\n", 1)[0]
        delim = max([",", ";", "\t"], key=first.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delim)
    if not reader.fieldnames or "term" not in [h.strip().lower() for h in reader.fieldnames]:
        raise LexiconError(
            f"{name}, line 1: no 'term' column in the header (found: {reader.fieldnames})"
        )
    header = [h.strip().lower() for h in reader.fieldnames]
    reader.fieldnames = header
    unknown = [h for h in header if h and h not in ENTRY_COLUMNS]
    for h in unknown:
        hint = difflib.get_close_matches(h, ENTRY_COLUMNS, n=1)
        warnings.warn(
            f"{name}, line 1: unknown column {h!r} ignored"
            + (f" (did you mean {hint[0]!r}?)" if hint else ""),
            FramingWarning, stacklevel=4,
        )
    records = []
    line = reader.line_num
    for row in reader:
        start = line + 1
        line = reader.line_num
        if None in row:
            raise LexiconError(f"{name}, line {start}: more cells than columns in {row[None]}")
        if not any((v or "").strip() for v in row.values()):
            continue
        records.append((start, {k: v for k, v in row.items() if k in ENTRY_COLUMNS}))
    stem = path.name.rsplit(".", 1)[0]
    cat_path = path.with_name(f"{stem}.categories.csv")
    if cat_path.is_file():
        categories = _read_categories_csv(cat_path)
    actors_path = path.with_name(f"{stem}.actors.csv")
    actors = _read_actors_csv(actors_path) if actors_path.is_file() else ()
    return _build(records, name, categories, actors, name=stem)


def _read_categories_csv(path: Path) -> list[Category]:
    rows = csv.DictReader(io.StringIO(_read_text(path, str(path))))
    out = []
    for i, r in enumerate(rows, start=2):
        r = {k.strip().lower(): (v or "").strip() for k, v in r.items() if k}
        nm = r.get("category") or r.get("name")
        if not nm:
            raise LexiconError(f"{_where(str(path), i, 'category')}: empty category name")
        out.append(_category(nm, r.get("description", ""), r.get("color", ""), _where(str(path), i, "color")))
    return out


def _read_actors_csv(path: Path) -> tuple[Actor, ...]:
    rows = csv.DictReader(io.StringIO(_read_text(path, str(path))))
    recs = [(i, {k.strip().lower(): v for k, v in r.items() if k}) for i, r in enumerate(rows, start=2)]
    return _actors_from_records(recs, str(path))


@lru_cache(maxsize=1)
def _line_loader():
    """A YAML SafeLoader that records the line of every mapping as ``__line__``
    (built on first use, so that ``import framing`` does not import yaml)."""
    import yaml

    class LineLoader(yaml.SafeLoader):
        pass

    def construct_mapping(loader, node, deep=False):
        mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return LineLoader


def _read_yaml(path: Path, name: str) -> Lexicon:
    import yaml

    text = _read_text(path, name)
    try:
        doc = yaml.load(text, Loader=_line_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}, line {mark.line + 1}" if mark else name
        raise LexiconError(f"{where}: invalid YAML ({getattr(exc, 'problem', exc)})") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        raise LexiconError(f"{name}: expected a mapping with an 'entries' list")
    cats = doc.get("categories")
    categories = None
    if cats is not None:
        categories = []
        for c in cats if isinstance(cats, list) else [dict(name=k, **(v or {})) for k, v in cats.items() if k != "__line__"]:
            if not isinstance(c, dict) or not c.get("name"):
                raise LexiconError(f"{_where(name, c.get('__line__', 0) if isinstance(c, dict) else 0)}: category without a name")
            where = _where(name, c.get("__line__", 0))
            _check_fields(c, _CATEGORY_FIELDS, where, f"category {c['name']!r}")
            categories.append(_category(str(c["name"]), str(c.get("description") or "").strip(),
                                        str(c.get("color") or ""), where))
    records = []
    for raw in doc["entries"]:
        if not isinstance(raw, dict):
            raise LexiconError(f"{name}: entry {raw!r} is not a mapping with a 'term'")
        line = raw.pop("__line__", 0)
        for k in raw:
            if k not in ENTRY_COLUMNS:
                hint = difflib.get_close_matches(k, ENTRY_COLUMNS, n=1)
                raise LexiconError(
                    f"{_where(name, line, k)}: unknown field {k!r} for term {raw.get('term')!r}"
                    + (f" (did you mean {hint[0]!r}?)" if hint else "")
                )
        records.append((line, raw))
    actor_recs = [(a.pop("__line__", 0), a) for a in doc.get("actors") or []]
    actors = _actors_from_records(actor_recs, name)
    return _build(
        records, name, categories, actors,
        name=str(doc.get("name") or path.stem),
        description=str(doc.get("description") or "").strip(),
        language=str(doc.get("language") or "en"),
        version=str(doc.get("version") or ""),
    )


def _split_list(value, where: str, column: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        items = value
    elif isinstance(value, str):
        sep = ";" if ";" in value else "|"
        items = value.split(sep)
    else:
        raise LexiconError(f"{where}: column '{column}' must be a list or text separated by ';', got {value!r}")
    return tuple(str(v).strip() for v in items if str(v).strip())


def _entry_from_record(raw: dict, source: str, line: int) -> Entry:
    term = str(raw.get("term") or "").strip()
    if not term:
        raise LexiconError(f"{_where(source, line, 'term')}: empty term")
    if "*" in term[:-1]:
        raise LexiconError(
            f"{_where(source, line, 'term')}: wildcard '*' is only allowed at the end of a term, got {term!r}"
        )
    if not normalize_term(term.rstrip("*")):
        raise LexiconError(
            f"{_where(source, line, 'term')}: term {term!r} has no letters or digits (it normalises to nothing)"
        )
    category = str(raw.get("category") or "").strip()
    if not category:
        raise LexiconError(f"{_where(source, line, 'category')}: empty category for {term!r}")
    pol_raw = raw.get("polarity", "")
    pol_key = str(pol_raw).strip().lower() if pol_raw is not None else ""
    if pol_key not in _POLARITY:
        raise LexiconError(
            f"{_where(source, line, 'polarity')}: polarity {pol_raw!r} for {term!r} is not "
            "one of negative, neutral, positive (or -1, 0, 1)"
        )
    w_raw = raw.get("weight", "")
    if w_raw is None or (isinstance(w_raw, str) and not w_raw.strip()):
        weight = 1.0
    else:
        try:
            weight = float(str(w_raw).strip().replace(",", ".") if isinstance(w_raw, str) else w_raw)
        except (TypeError, ValueError):
            raise LexiconError(
                f"{_where(source, line, 'weight')}: weight {w_raw!r} for {term!r} is not a number"
            ) from None
        if not math.isfinite(weight) or weight <= 0:
            raise LexiconError(
                f"{_where(source, line, 'weight')}: weight {w_raw!r} for {term!r} must be a positive number"
            )
    flags = {}
    for col in ("inflect",):
        v = raw.get(col)
        key = str(v).strip().lower() if v is not None else ""
        if key not in _BOOL:
            raise LexiconError(
                f"{_where(source, line, col)}: {col} {v!r} for {term!r} is not yes/no (true/false)"
            )
        flags[col] = True if _BOOL[key] is None else _BOOL[key]
    case = str(raw.get("case") or "").strip().lower()
    if case not in ("", "insensitive", "sensitive"):
        raise LexiconError(
            f"{_where(source, line, 'case')}: case {raw.get('case')!r} for {term!r} is not 'sensitive' or 'insensitive'"
        )
    lists = {c: _split_list(raw.get(c), _where(source, line, c), c) for c in _LIST_COLUMNS}
    for v in lists["variants"] + lists["exceptions"]:
        if not normalize_term(v.rstrip("*")):
            raise LexiconError(f"{_where(source, line)}: variant or exception {v!r} of {term!r} normalises to nothing")
    return Entry(
        term=term,
        category=category,
        polarity=_POLARITY[pol_key],
        weight=weight,
        variants=lists["variants"],
        note=str(raw.get("note") or "").strip(),
        neutral=lists["neutral"],
        exceptions=lists["exceptions"],
        inflect=flags["inflect"],
        case_sensitive=case == "sensitive",
        camp=str(raw.get("camp") or "").strip(),
        source=source,
        line=line,
    )


def _unknown_category(e: Entry, declared) -> str:
    hint = difflib.get_close_matches(e.category, list(declared), n=1)
    return (
        f"{_where(e.source, e.line, 'category')}: unknown category {e.category!r} for {e.term!r}"
        + (f" (did you mean {hint[0]!r}?)" if hint else f" (declared: {', '.join(declared)})")
    )


def _build(records, source, categories, actors, **header) -> Lexicon:
    entries = [_entry_from_record(raw, source, line) for line, raw in records]
    seen_exact: dict[str, Entry] = {}
    seen_key: dict[str, Entry] = {}
    for e in entries:
        exact = e.term.lower()
        if exact in seen_exact:
            first = seen_exact[exact]
            raise LexiconError(
                f"{source}, lines {first.line} and {e.line}, column 'term': duplicate term {e.term!r}"
            )
        seen_exact[exact] = e
        if e.key in seen_key:
            first = seen_key[e.key]
            warnings.warn(
                f"{source}, lines {first.line} and {e.line}: {first.term!r} and {e.term!r} "
                "are the same term after normalisation; the first wins",
                FramingWarning, stacklevel=4,
            )
        seen_key.setdefault(e.key, e)
    if categories is not None:
        declared = {c.name: c for c in categories}
        for e in entries:
            if e.category not in declared:
                raise LexiconError(_unknown_category(e, declared))
    else:
        counts = Counter(e.category for e in entries)
        for e in entries:
            if counts[e.category] == 1:
                others = [c for c in counts if c != e.category and counts[c] > 1]
                hint = difflib.get_close_matches(e.category, others, n=1, cutoff=0.75)
                if hint:
                    warnings.warn(
                        f"{_where(source, e.line, 'category')}: category {e.category!r} of {e.term!r} "
                        f"is used once and looks like {hint[0]!r}",
                        FramingWarning, stacklevel=4,
                    )
    return Lexicon(entries, categories, actors=actors, **header)


def _actors_from_records(records, source: str) -> tuple[Actor, ...]:
    actors = []
    alias_owner: dict[str, tuple[str, int]] = {}
    for line, raw in records:
        nm = str(raw.get("name") or "").strip()
        if not nm:
            raise LexiconError(f"{_where(source, line, 'name')}: actor without a name")
        _check_fields(raw, _ACTOR_FIELDS, _where(source, line), f"actor {nm!r}")
        kind = str(raw.get("kind") or "person").strip().lower()
        if kind not in _ACTOR_KINDS:
            raise LexiconError(
                f"{_where(source, line, 'kind')}: kind {kind!r} of actor {nm!r} is not one of {', '.join(_ACTOR_KINDS)}"
            )
        aliases = _split_list(raw.get("aliases"), _where(source, line, "aliases"), "aliases")
        for al in (nm,) + aliases:
            k = " ".join(normalize_term(al))
            if not k:
                raise LexiconError(f"{_where(source, line, 'aliases')}: alias {al!r} of {nm!r} normalises to nothing")
            if k in alias_owner and alias_owner[k][0] != nm:
                other, oline = alias_owner[k]
                raise LexiconError(
                    f"{source}, lines {oline} and {line}, column 'aliases': alias {al!r} "
                    f"belongs to both {other!r} and {nm!r}"
                )
            alias_owner[k] = (nm, line)
        actors.append(Actor(nm, kind, str(raw.get("camp") or "").strip(), aliases, source, line))
    return tuple(actors)


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------

def _entry_record(e: Entry) -> dict:
    rec = {
        "term": e.term, "category": e.category, "polarity": _POLARITY_NAMES[e.polarity],
        "weight": int(e.weight) if float(e.weight).is_integer() else e.weight,
        "variants": list(e.variants), "note": e.note, "neutral": list(e.neutral),
        "exceptions": list(e.exceptions), "inflect": e.inflect,
        "case": "sensitive" if e.case_sensitive else "insensitive", "camp": e.camp,
    }
    return rec


def _write_csv(lex: Lexicon, path: Path, delim: str) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=delim)
        w.writerow(ENTRY_COLUMNS)
        for e in lex.entries:
            rec = _entry_record(e)
            rec["inflect"] = "yes" if e.inflect else "no"
            w.writerow(["; ".join(v) if isinstance(v, list) else v for v in (rec[c] for c in ENTRY_COLUMNS)])
    stem = path.name.rsplit(".", 1)[0]
    with open(path.with_name(f"{stem}.categories.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["category", "description", "color"])
        for c in lex.categories.values():
            w.writerow([c.name, c.description, c.color])
    if lex.actors:
        with open(path.with_name(f"{stem}.actors.csv"), "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["name", "kind", "camp", "aliases"])
            for a in lex.actors:
                w.writerow([a.name, a.kind, a.camp, "; ".join(a.aliases)])


def _write_yaml(lex: Lexicon, path: Path) -> None:
    import yaml

    doc = {
        "name": lex.name, "description": lex.description, "language": lex.language,
        "version": lex.version,
        "categories": [
            {"name": c.name, "description": c.description, "color": c.color}
            for c in lex.categories.values()
        ],
        "entries": [],
    }
    for e in lex.entries:
        rec = _entry_record(e)
        for k in ("variants", "exceptions", "camp"):
            if not rec[k]:
                del rec[k]
        if rec["inflect"]:
            del rec["inflect"]
        if rec["case"] == "insensitive":
            del rec["case"]
        doc["entries"].append(rec)
    if lex.actors:
        doc["actors"] = [
            {"name": a.name, "kind": a.kind, "camp": a.camp, "aliases": list(a.aliases)}
            for a in lex.actors
        ]
    with open(path, "w", encoding="utf-8") as fh:
        yaml.safe_dump(doc, fh, sort_keys=False, allow_unicode=True, width=100)
