"""Read news articles from files, folders and DataFrames into one articles table.

Sources: a ``.txt`` file (optional front matter), a folder of ``.txt`` files (optional
``metadata.csv`` sidecar), ``.csv``, ``.tsv``, ``.jsonl``/``.ndjson``, ``.json``, any of them
gzipped (``.csv.gz``...), a list of such paths, or a pandas DataFrame. Every source becomes
the same table, one row per article (see :func:`read_articles`).
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import itertools
import json
import logging
import os
import re
import warnings
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from framing.errors import FramingWarning, InputError

__all__ = ["read_articles", "iter_articles", "COLUMNS"]

logger = logging.getLogger(__name__)

#: The columns every articles table starts with, in this order.
COLUMNS = ("article_id", "outlet", "title", "date", "url", "text")
_FORMATS = {".txt": "txt", ".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl",
            ".ndjson": "jsonl", ".json": "json"}
_SUPPORTED = "a folder of .txt files, .txt, .csv, .tsv, .jsonl, .ndjson, .json, each also as .gz"
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_SNIFF_BYTES = 8192
_LONE_CR = re.compile(r"(?<=\r)(?!\n)")
_TEXT_HINTS = ("text", "body", "content", "article", "full_text", "fulltext", "story")
_DATE_DTYPE = "datetime64[us]"
_READ_CHUNK = 10_000
_SHOW = 5  # how many items a warning lists before "and N more"


@dataclass(frozen=True)
class _Options:
    fields: dict  # our column name -> the user's column name
    encoding: str | None
    errors: str
    keep_extra: bool
    recursive: bool
    chunksize: int


@dataclass
class _Row:
    """One article as read, before its columns are mapped."""

    data: dict
    where: str  # "data.csv, line 4"
    default_id: str
    problem: str = ""  # set when the row itself could not be parsed


@dataclass
class _UniqueIds:
    """Make article ids unique across chunks by appending '#2', '#3', ..."""

    seen: set = field(default_factory=set)
    next_suffix: dict = field(default_factory=dict)

    def __call__(self, frame: pd.DataFrame) -> pd.DataFrame:
        ids, renamed = frame["article_id"].tolist(), []
        for i, article_id in enumerate(ids):
            if article_id in self.seen:
                k = self.next_suffix.get(article_id, 2)
                while f"{article_id}#{k}" in self.seen:
                    k += 1
                self.next_suffix[article_id] = k + 1
                ids[i] = f"{article_id}#{k}"
                renamed.append(f"{article_id!r} -> {ids[i]!r}")
            self.seen.add(ids[i])
        if renamed:
            warnings.warn(f"{len(renamed)} duplicate article ids made unique: {_listing(renamed)}",
                          FramingWarning, stacklevel=3)
            frame = frame.assign(article_id=pd.Series(ids, index=frame.index, dtype="str"))
        return frame


def read_articles(source, *, text="text", outlet="outlet", title="title", date="date", url="url",
                  article_id="article_id", encoding=None, errors="raise", keep_extra=True,
                  recursive=False) -> pd.DataFrame:
    """Read articles from files, a folder or a DataFrame into one table.

    Parameters
    ----------
    source : str, os.PathLike, list or tuple of them, or pandas.DataFrame
        A ``.txt`` file, a folder of ``.txt`` files, a ``.csv``, ``.tsv``, ``.jsonl``
        (``.ndjson``) or ``.json`` file, any of them gzipped (``.csv.gz``...), a list of
        these (read in order), or a DataFrame.
    text, outlet, title, date, url, article_id : str, default=the column's own name
        The name of the column (CSV header, JSON key, front-matter key, DataFrame column)
        that holds each field, e.g. ``text="content", outlet="source"``. Only ``text`` is
        required; other absent fields are filled with ``""`` (dates with ``NaT``).
    encoding : str, default=None
        Decode text files with this codec. By default: UTF-8 with BOM, UTF-16/32 with BOM,
        UTF-8, then cp1252 with a :class:`~framing.errors.FramingWarning`.
    errors : {"raise", "keep", "warn"}, default="raise"
        What to do with an article whose text is missing, blank or not a string, or a
        line that cannot be parsed: raise :class:`~framing.errors.InputError`, keep it
        with ``text=""`` and the message in an ``error`` column, or keep it and warn.
        A missing text *column* always raises.
    keep_extra : bool, default=True
        Keep columns not mapped to one of ours (e.g. ``topic``) after ours.
    recursive : bool, default=False
        Also read ``.txt`` files in the sub-folders of a folder.

    Returns
    -------
    pandas.DataFrame
        One row per article, in source order, with the columns

        - ``article_id`` (str): the id column; if absent, the file stem for ``.txt``
          files (``sub/stem`` when recursive), ``<stem>:<n>`` for the n-th record
          (from 1) of other files, the index for DataFrames. Duplicates get ``#2``,
          ``#3``... with a warning.
        - ``outlet``, ``title``, ``url``, ``text`` (str): never missing; ``""`` instead.
        - ``date`` (datetime64[us], timezone-naive): parsed with ``pd.to_datetime``;
          UTC offsets are converted to UTC; ambiguous dates read month first; an
          unparsable date becomes ``NaT`` with a warning naming file, line and value.
        - ``error`` (str, only with errors="keep"/"warn"): ``""`` or what went wrong.
        - then the extra columns as read; one named like ours gets a ``_orig`` suffix.

        String columns use pandas' default string dtype (``str`` in pandas 3).

    See Also
    --------
    iter_articles : The same table in chunks, with bounded memory.

    Notes
    -----
    A ``.txt`` file may start with a front-matter block of ``key: value`` lines between two
    ``---`` lines (keys case-insensitive; quotes around a value are removed); the text is
    everything after the closing ``---`` line, unchanged. In a folder only ``*.txt`` files
    are read (hidden files skipped, sorted by name); a ``metadata.csv`` with a ``file``
    column adds fields to the file it names, and a value in the file's own front matter
    wins over the sidecar. A ``.json`` file holds a list of objects, an object with one
    such list (``{"articles": [...]}``) or one article; it is read whole, ``.csv`` and
    ``.jsonl`` line by line (blank lines skipped).
    Line numbers in messages are physical lines (1-based), so a quoted CSV field spanning
    several lines is counted as such. Reading a CSV raises ``csv.field_size_limit`` so
    that long articles fit.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"source": ["Alwaght", "AFP"],
    ...                    "content": ["Maduro orders ...", "Maduro told ..."],
    ...                    "date": ["2019-05-22", "2019-05-21"]})
    >>> articles = read_articles(df, text="content", outlet="source")
    >>> list(articles.columns)
    ['article_id', 'outlet', 'title', 'date', 'url', 'text']
    >>> articles[["article_id", "outlet", "date", "text"]]
      article_id   outlet       date               text
    0          0  Alwaght 2019-05-22  Maduro orders ...
    1          1      AFP 2019-05-21    Maduro told ...
    """
    opts = _options(text, outlet, title, date, url, article_id, encoding, errors, keep_extra,
                    recursive, _READ_CHUNK)
    frames = [_to_frame(batch, opts) for batch in _batches(source, opts)]
    if not frames:
        return _to_frame([], opts)
    articles = _UniqueIds()(pd.concat(frames, ignore_index=True))
    logger.info("read %d articles", len(articles))
    return articles


def iter_articles(source, *, chunksize=1000, text="text", outlet="outlet", title="title",
                  date="date", url="url", article_id="article_id", encoding=None,
                  errors="raise", keep_extra=True, recursive=False) -> Iterator[pd.DataFrame]:
    """Read articles like :func:`read_articles`, as DataFrames of ``chunksize`` rows.

    Parameters
    ----------
    source, text, outlet, title, date, url, article_id, encoding, errors, keep_extra, recursive
        As in :func:`read_articles`.
    chunksize : int, default=1000
        Rows per chunk; the last chunk may be shorter.

    Yields
    ------
    pandas.DataFrame
        Chunks with the columns of :func:`read_articles` and a running index, so that
        ``pd.concat(chunks)`` equals ``read_articles(source)``.

    Notes
    -----
    CSV, TSV, JSONL and folders are read a line (a file) at a time; a ``.json`` file is
    read whole. The article ids seen so far are kept to make duplicates unique.
    """
    opts = _options(text, outlet, title, date, url, article_id, encoding, errors, keep_extra,
                    recursive, chunksize)
    return _rechunk(source, opts)


# ---------------------------------------------------------------------------
# articles in any form: used by the other modules (not part of framing's top level)
# ---------------------------------------------------------------------------

def as_articles(articles) -> pd.DataFrame:
    """An articles table from a table, one text, a list of texts, or paths.

    Parameters
    ----------
    articles : pandas.DataFrame, str, list of str or path
        A table with ``article_id`` and ``text`` columns (returned as it is, after
        checking), a text or a list of texts (ids ``text``, ``text0``, ``text1``, ...),
        or anything :func:`read_articles` reads.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> as_articles(["One text.", "Another."])[["article_id", "text"]].values.tolist()
    [['text0', 'One text.'], ['text1', 'Another.']]
    """
    if isinstance(articles, pd.DataFrame):
        missing = [c for c in ("article_id", "text") if c not in articles.columns]
        if missing:
            raise InputError(
                f"articles table lacks column(s) {', '.join(missing)} "
                f"(has: {', '.join(map(str, articles.columns))}); read it with framing.read_articles"
            )
        require_unique_ids(articles)
        return articles
    if isinstance(articles, str) and not looks_like_path(articles):
        return pd.DataFrame({"article_id": ["text"], "outlet": [""], "text": [articles]})
    if isinstance(articles, (list, tuple)) and articles and all(isinstance(a, str) for a in articles) \
            and not any(looks_like_path(a) for a in articles):
        return pd.DataFrame({
            "article_id": [f"text{i}" for i in range(len(articles))],
            "outlet": [""] * len(articles),
            "text": list(articles),
        })
    return read_articles(articles)


def require_unique_ids(articles: pd.DataFrame) -> None:
    """Raise :class:`~framing.errors.InputError` when ``article_id`` has duplicates.

    Examples
    --------
    >>> require_unique_ids(pd.DataFrame({"article_id": ["a", "a"], "text": ["x", "y"]}))
    Traceback (most recent call last):
    ...
    framing.errors.InputError: articles table has duplicate article_id values: 'a' ...
    """
    dup = articles["article_id"][articles["article_id"].duplicated()]
    if len(dup):
        shown = ", ".join(map(repr, list(dict.fromkeys(dup))[:5]))
        raise InputError(
            f"articles table has duplicate article_id values: {shown}"
            + (" ..." if dup.nunique() > 5 else "")
            + " (every table joins on article_id; framing.read_articles makes ids unique)"
        )


_PATH_SUFFIXES = (".txt", ".csv", ".tsv", ".json", ".jsonl", ".ndjson", ".gz")


def looks_like_path(s: str) -> bool:
    """A string is a path if it exists, or has no white space and looks like one.

    Examples
    --------
    >>> looks_like_path("news/2019.jsonl"), looks_like_path("He is the self-proclaimed leader.")
    (True, False)
    """
    if not s or len(s) > 4096 or "\n" in s:
        return False
    if os.path.exists(s):
        return True
    return not any(c.isspace() for c in s) and ("/" in s or os.sep in s or s.lower().endswith(_PATH_SUFFIXES))


def _rechunk(source, opts: _Options) -> Iterator[pd.DataFrame]:
    """Yield tables of exactly ``opts.chunksize`` rows (the last may be shorter)."""
    chunksize, unique, buffer, start = opts.chunksize, _UniqueIds(), [], 0
    for batch in _batches(source, opts):
        buffer.append(_to_frame(batch, opts))
        while sum(map(len, buffer)) >= chunksize:
            whole = pd.concat(buffer, ignore_index=True)
            buffer = [whole.iloc[chunksize:]]
            yield unique(whole.iloc[:chunksize].set_axis(pd.RangeIndex(start, start + chunksize)))
            start += chunksize
    rest = [f for f in buffer if len(f)]
    if rest:
        whole = pd.concat(rest, ignore_index=True)
        yield unique(whole.set_axis(pd.RangeIndex(start, start + len(whole))))


def _options(text, outlet, title, date, url, article_id, encoding, errors, keep_extra,
             recursive, chunksize) -> _Options:
    fields = {"article_id": article_id, "outlet": outlet, "title": title, "date": date,
              "url": url, "text": text}
    for ours, theirs in fields.items():
        if not isinstance(theirs, str) or not theirs:
            raise TypeError(f"{ours} must be a column name (a non-empty str), got {theirs!r}")
    if errors not in ("raise", "keep", "warn"):
        raise ValueError(f"errors must be 'raise', 'keep' or 'warn', got {errors!r}")
    if isinstance(chunksize, bool) or not isinstance(chunksize, int) or chunksize < 1:
        raise ValueError(f"chunksize must be a positive int, got {chunksize!r}")
    return _Options(fields, encoding, errors, keep_extra, recursive, chunksize)


def _batches(source, opts: _Options) -> Iterator[list[_Row]]:
    if isinstance(source, pd.DataFrame):
        yield from _dataframe_rows(source, opts)
    elif isinstance(source, (list, tuple)):
        for item in source:
            if isinstance(item, (list, tuple)):
                raise TypeError("source list items must be paths or DataFrames, not lists")
            yield from _batches(item, opts)
    elif isinstance(source, (str, os.PathLike)):
        yield from _path_rows(Path(source), str(source), opts)
    else:
        raise TypeError("source must be a path, a folder, a list of paths or a pandas "
                        f"DataFrame, not {type(source).__name__}")


def _path_rows(path: Path, name: str, opts: _Options) -> Iterator[list[_Row]]:
    if name and os.path.isdir(path):
        yield from _folder_rows(path, name, opts)
        return
    if not name or not os.path.exists(path):  # os.path: False on "name too long" too
        raise InputError(f"{name[:200]}{'...' if len(name) > 200 else ''}: no such file or folder")
    suffix = Path(_strip_gz(path.name)).suffix
    kind = _FORMATS.get(suffix.lower())
    if kind is None:
        with open(path, "rb") as fh:
            looks = "looks like a binary file, not text" if b"\0" in fh.read(_SNIFF_BYTES) \
                else f"unsupported file type {suffix or '(no extension)'!r}"
        raise InputError(f"{name}: {looks}; supported: {_SUPPORTED}")
    logger.info("reading %s as %s", name, kind)
    if kind == "txt":
        yield [_txt_row(path, name, _stem(path), {}, opts)]
    elif kind == "json":
        yield from _json_rows(path, name, opts)
    else:
        rows = _jsonl_rows(path, name, opts) if kind == "jsonl" else \
            _csv_rows(path, name, "\t" if kind == "tsv" else ",", opts)
        yield from _chunked(rows, opts.chunksize)


def _chunked(rows, size: int) -> Iterator[list]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _strip_gz(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


def _stem(path: Path) -> str:
    return Path(_strip_gz(path.name)).stem


def _text_lines(path: Path, name: str, encoding: str | None) -> Iterator[str]:
    """Yield the decoded lines of a (gzipped) text file, line endings kept, BOM removed."""
    try:
        with (open(path, "rb") if _strip_gz(path.name) == path.name else gzip.open(path)) as fh:
            head = fh.read(_SNIFF_BYTES)
            fh.seek(0)
            codec = encoding or next((enc for bom, enc in _BOMS if head.startswith(bom)), None)
            if codec is None and b"\0" in head:
                raise InputError(f"{name}: looks like a binary file, not text")
            if codec is None:
                yield from _utf8_or_cp1252(fh, name)
                return
            try:
                with io.TextIOWrapper(fh, encoding=codec, newline="") as text:
                    for n, line in enumerate(text):
                        yield line[1:] if n == 0 and line.startswith("\ufeff") else line
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: cannot be decoded as {codec} ({exc.reason})") from exc
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"{name}: cannot be read ({exc})") from exc


def _utf8_or_cp1252(fh, name: str) -> Iterator[str]:
    codec = "utf-8"
    for n, raw in enumerate(fh, 1):
        if n == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        if codec == "utf-8":
            try:
                yield raw.decode("utf-8")
                continue
            except UnicodeDecodeError:
                warnings.warn(f"{name}: not UTF-8 (line {n}); decoded as cp1252", FramingWarning,
                              stacklevel=2)
                codec = "cp1252"
        try:
            yield raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: looks like a binary file, not text (line {n} is "
                             "neither UTF-8 nor cp1252)") from exc


def _require_text(name: str, columns, opts: _Options) -> None:
    wanted = opts.fields["text"]
    if wanted in columns:
        return
    found = [str(c) for c in columns]
    hint = next((c for c in found if c.lower() in _TEXT_HINTS), "<column>")
    raise InputError(f"{name}: no text column {wanted!r} (columns: {', '.join(found) or 'none'}); "
                     f"pass text={hint!r}")


def _txt_row(path: Path, name: str, default_id: str, sidecar: dict, opts: _Options) -> _Row:
    front, body = _front_matter("".join(_text_lines(path, name, opts.encoding)), name)
    lookup = {theirs.lower(): theirs for theirs in opts.fields.values()}
    data = {lookup.get(k.lower(), k.lower()): v for k, v in {**sidecar, **front}.items()}
    data[opts.fields["text"]] = body
    return _Row(data, name, default_id)


def _front_matter(text: str, name: str) -> tuple[dict, str]:
    """Split ``---``-delimited ``key: value`` lines off the top of ``text``."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return {}, text
    values, seen = {}, {}
    for n, line in enumerate(lines[1:], 2):
        line = line.rstrip()
        if line == "---":
            return values, "\n".join(lines[n:])
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, colon, value = line.partition(":")
        key, value = key.strip().lower(), value.strip()
        if not colon or not key:
            raise InputError(f"{name}, line {n}: front matter line {line!r} is not 'key: value'")
        if key in seen:
            raise InputError(f"{name}, line {n}: front matter key {key!r} repeats line {seen[key]}")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[key], seen[key] = value, n
    raise InputError(f"{name}: front matter opened on line 1 is not closed by a '---' line")


def _folder_rows(folder: Path, name: str, opts: _Options) -> Iterator[list[_Row]]:
    pattern = "**/*.txt" if opts.recursive else "*.txt"
    files = sorted((p for p in folder.glob(pattern) if p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(folder).parts)),
                   key=lambda p: p.relative_to(folder).as_posix())
    if not files:
        others = sorted(p.name for p in folder.iterdir())
        raise InputError(f"{name}: no .txt files in this folder (only .txt files are read from "
                         f"a folder; found: {_listing(others) if others else 'nothing'})")
    sidecar = _sidecar(folder, {p.relative_to(folder).as_posix() for p in files}, opts)
    rows = (_txt_row(p, str(p), p.relative_to(folder).with_suffix("").as_posix(),
                     sidecar.get(p.relative_to(folder).as_posix(), {}), opts) for p in files)
    yield from _chunked(rows, opts.chunksize)


def _sidecar(folder: Path, names: set, opts: _Options) -> dict:
    """Read ``metadata.csv`` into {file name: {column: value}}; warn about unknown files."""
    path = folder / "metadata.csv"
    if not path.is_file():
        return {}
    lines = _text_lines(path, str(path), opts.encoding)
    header, records = _csv_records(lines, str(path), ",")
    file_col = next((h for h in header if h.lower() == "file"), None)
    if file_col is None:
        raise InputError(f"{path}: no 'file' column (columns: {', '.join(header)})")
    by_file, first_line = {}, {}
    for line, fields in records:
        if len(fields) > len(header):
            raise InputError(f"{path}, line {line}: {len(fields)} fields but the header has "
                             f"{len(header)}")
        values = dict(zip(header, fields + [""] * (len(header) - len(fields))))
        file_name = values.pop(file_col).strip()
        if file_name in first_line:
            raise InputError(f"{path}, line {line}: file {file_name!r} is already listed on "
                             f"line {first_line[file_name]}")
        first_line[file_name] = line
        if file_name not in names:
            warnings.warn(f"{path}, line {line}: no file {file_name!r} among the .txt files of "
                          f"{folder}", FramingWarning, stacklevel=2)
        by_file[file_name] = {k.lower(): v for k, v in values.items() if v != ""}
    return by_file


def _csv_records(lines, name: str, delimiter: str) -> tuple[list[str], Iterator]:
    """Return the header and an iterator of (first line number, fields); blank lines skipped."""
    if csv.field_size_limit() < 2**31 - 1:
        csv.field_size_limit(2**31 - 1)  # articles can be longer than the 128 KB default
    lines = (part for line in lines for part in  # split lines like a newline="" file
             (_LONE_CR.split(line) if "\r" in line.rstrip("\r\n") else (line,)) if part)
    reader = csv.reader(lines, delimiter=delimiter)

    def read():
        while True:
            start = reader.line_num + 1
            try:
                fields = next(reader, None)
            except csv.Error as exc:
                raise InputError(f"{name}, line {start}: cannot parse CSV ({exc})") from exc
            if fields is None:
                return
            if fields:
                yield start, fields

    records = read()
    line, first = next(records, (1, None))
    if first is None:
        raise InputError(f"{name}: empty file, expected a header line with column names")
    header = [h.strip() or f"column_{i}" for i, h in enumerate(first, 1)]
    duplicates = sorted({h for h in header if header.count(h) > 1})
    if duplicates:
        raise InputError(f"{name}, line {line}: duplicate column names: {', '.join(duplicates)}")
    return header, records


def _csv_rows(path: Path, name: str, delimiter: str, opts: _Options) -> Iterator[_Row]:
    lines = iter(_text_lines(path, name, opts.encoding))
    first = next(lines, "")
    if delimiter == "," and "," not in first and (";" in first or "\t" in first):
        # a spreadsheet saved with the locale's list separator (";" in much of Europe)
        delimiter = ";" if first.count(";") >= first.count("\t") else "\t"
    header, records = _csv_records(itertools.chain([first], lines), name, delimiter)
    _require_text(name, header, opts)
    stem = _stem(path)
    for n, (line, fields) in enumerate(records, 1):
        problem = ""
        if len(fields) > len(header):
            problem = f"{name}, line {line}: {len(fields)} fields but the header has {len(header)}"
        fields = fields + [""] * (len(header) - len(fields))
        yield _Row(dict(zip(header, fields)), f"{name}, line {line}", f"{stem}:{n}", problem)


def _jsonl_rows(path: Path, name: str, opts: _Options) -> Iterator[_Row]:
    stem, n, keys, found = _stem(path), 0, {}, False
    for line_no, line in enumerate(_text_lines(path, name, opts.encoding), 1):
        if not line.strip():
            continue
        n += 1
        where = f"{name}, line {line_no}"
        data, problem = _json_object(line, where)
        if not found:  # the text key must show up within the first chunk
            keys.update(dict.fromkeys(data))
            found = opts.fields["text"] in data
            if not found and n >= opts.chunksize and keys:
                _require_text(name, list(keys), opts)
        yield _Row(data, where, f"{stem}:{n}", problem)
    if not found and keys:
        _require_text(name, list(keys), opts)


def _json_object(line: str, where: str) -> tuple[dict, str]:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return {}, f"{where}: malformed JSON ({exc.msg} at column {exc.colno})"
    except (ValueError, RecursionError) as exc:
        return {}, f"{where}: malformed JSON ({exc})"
    if not isinstance(value, dict):
        return {}, f"{where}: expected a JSON object, got {type(value).__name__}"
    return value, ""


def _json_rows(path: Path, name: str, opts: _Options) -> Iterator[list[_Row]]:
    try:
        value = json.loads("".join(_text_lines(path, name, opts.encoding)))
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}, line {exc.lineno}: malformed JSON ({exc.msg} at column "
                         f"{exc.colno})") from exc
    except (ValueError, RecursionError) as exc:
        raise InputError(f"{name}: malformed JSON ({exc})") from exc
    if isinstance(value, dict) and opts.fields["text"] not in value:
        lists = [k for k, v in value.items() if isinstance(v, list)
                 and all(isinstance(item, dict) for item in v)]
        if len(lists) > 1:
            raise InputError(f"{name}: expected one list of article objects, found several "
                             f"({', '.join(lists)})")
        value = value[lists[0]] if lists else value
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise InputError(f"{name}: expected a list of article objects or an object holding "
                         f"one, got {type(value).__name__}")
    stem, rows, keys = _stem(path), [], {}
    for n, item in enumerate(value, 1):
        where = f"{name}, record {n}"
        ok = isinstance(item, dict)
        keys.update(dict.fromkeys(item) if ok else {})
        problem = "" if ok else f"{where}: expected a JSON object, got {type(item).__name__}"
        rows.append(_Row(item if ok else {}, where, f"{stem}:{n}", problem))
    if keys:
        _require_text(name, list(keys), opts)
    yield from _chunked(rows, opts.chunksize)


def _dataframe_rows(df: pd.DataFrame, opts: _Options) -> Iterator[list[_Row]]:
    duplicates = sorted({str(c) for c in df.columns[df.columns.duplicated()]})
    if duplicates:
        raise InputError(f"DataFrame: duplicate column names: {', '.join(duplicates)}")
    _require_text("DataFrame", list(df.columns), opts)
    for start in range(0, len(df), opts.chunksize):
        part = df.iloc[start:start + opts.chunksize]
        yield [_Row(data, f"DataFrame, row {label}", str(label))
               for label, data in zip(part.index, part.to_dict("records"))]


def _is_missing(value) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (
        isinstance(value, float) and value != value)


def _as_str(value) -> str:
    return "" if _is_missing(value) else value if isinstance(value, str) else str(value)


def _text_problem(value) -> str:
    if _is_missing(value):
        return "text is missing"
    if not isinstance(value, str):
        return f"text is a {type(value).__name__}, not a string"
    return "" if value.strip() else "text is empty"


def _listing(items: list) -> str:
    shown = ", ".join(map(str, items[:_SHOW]))
    return shown + (f" and {len(items) - _SHOW} more" if len(items) > _SHOW else "")


def _to_frame(rows: list[_Row], opts: _Options) -> pd.DataFrame:
    """Map one batch of rows to our columns, check texts and parse dates."""
    raw = pd.DataFrame.from_records([row.data for row in rows], index=pd.RangeIndex(len(rows)))
    mapped = set(opts.fields.values())

    def column(ours):
        theirs = opts.fields[ours]
        return raw[theirs] if theirs in raw.columns else pd.Series([None] * len(rows), dtype=object)

    ids = [_as_str(v) or row.default_id for v, row in zip(column("article_id"), rows)]
    texts, messages = [], []
    for article_id, value, row in zip(ids, column("text"), rows):
        problem = _text_problem(value)
        message = row.problem or (problem and f"{row.where}, article {article_id!r}: {problem}")
        if message and opts.errors == "raise":
            raise InputError(message)
        texts.append("" if message else value)
        messages.append(message)
    out = pd.DataFrame({
        "article_id": pd.Series(ids, dtype="str"),
        **{c: pd.Series([_as_str(v) for v in column(c)], dtype="str") for c in ("outlet", "title")},
        "date": _parse_dates(column("date"), rows),
        "url": pd.Series([_as_str(v) for v in column("url")], dtype="str"),
        "text": pd.Series(texts, dtype="str"),
    })
    if opts.errors != "raise":
        out["error"] = pd.Series(messages, dtype="str")
        bad = [m for m in messages if m]
        if bad and opts.errors == "warn":
            warnings.warn(f"{len(bad)} articles kept with empty text (see the 'error' column): "
                          f"{_listing(bad)}", FramingWarning, stacklevel=4)
    extra = raw[[c for c in raw.columns if c not in mapped]] if opts.keep_extra else raw.iloc[:, :0]
    extra.columns = [f"{c}_orig" if c in out.columns else c for c in extra.columns]
    return pd.concat([out, extra], axis=1)


def _parse_dates(values: pd.Series, rows: list[_Row]) -> pd.Series:
    """Parse dates to timezone-naive datetime64; warn about unparsable non-empty values."""
    if pd.api.types.is_datetime64_any_dtype(values):
        parsed = pd.to_datetime(values, utc=True)
    else:
        strings = pd.Series([_as_str(v).strip() for v in values], dtype=object)
        parsed = pd.to_datetime(strings, errors="coerce", format="ISO8601", utc=True)
        epoch = strings.str.fullmatch(r"\d{9,13}(?:\.0+)?").fillna(False).astype(bool)
        if epoch.any():  # Unix time, in milliseconds as pandas' to_json writes it, or seconds
            num = pd.to_numeric(strings[epoch])
            in_ms = num >= 1e11
            parsed[num.index[in_ms]] = pd.to_datetime(num[in_ms], unit="ms", utc=True)
            parsed[num.index[~in_ms]] = pd.to_datetime(num[~in_ms], unit="s", utc=True)
        retry = parsed.isna() & (strings != "")
        if retry.any():
            parsed[retry] = pd.to_datetime(strings[retry], errors="coerce", format="mixed",
                                           utc=True)
            bad = [f"{rows[i].where}: {strings[i]!r}" for i in strings.index[parsed.isna() & retry]]
            if bad:
                warnings.warn(f"{len(bad)} unparsable dates set to NaT: {_listing(bad)}",
                              FramingWarning, stacklevel=4)
    return parsed.dt.tz_convert(None).astype(_DATE_DTYPE).reset_index(drop=True)


def article_row(articles: pd.DataFrame, which) -> pd.Series:
    """The row of ``articles`` whose ``article_id`` is ``which`` (compared as text).

    Raises
    ------
    InputError
        When no article has that id; the message lists the first ids.
    """
    ids = articles["article_id"].map(str)
    hit = articles[ids == str(which)]
    if hit.empty:
        raise InputError(
            f"side by side: no article with id {which!r} (ids: {', '.join(ids.head(10))}"
            + (" ..." if len(ids) > 10 else "") + ")"
        )
    return hit.iloc[0]
