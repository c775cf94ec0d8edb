"""Exception and warning classes raised by framing.

Every error names the place it comes from (file, line, column, term) so that a
user who edits a lexicon or a corpus by hand can find the cell to fix.
"""


class FramingError(Exception):
    """Base class of every error framing raises on purpose."""


class LexiconError(FramingError, ValueError):
    """A lexicon file or entry is invalid (the message names file, line, column, term)."""


class InputError(FramingError, ValueError):
    """An article source cannot be read (the message names the file and, where known, the line)."""


class FramingWarning(UserWarning):
    """Something the user can fix, e.g. two lexicon terms that collide after normalisation."""


def require_columns(df, cols, what: str, hint: str = "") -> None:
    """Raise :class:`InputError` unless ``df`` is a DataFrame with all of ``cols``.

    The message names the table (``what``), the missing columns and the columns
    it has, e.g. ``matches table lacks column(s) voice (has: article_id, term)``.
    """
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        raise InputError(f"{what} must be a pandas DataFrame (got {type(df).__name__})")
    missing = [str(c) for c in cols if c not in df.columns]
    if missing:
        raise InputError(
            f"{what} lacks column(s) {', '.join(missing)} "
            f"(has: {', '.join(map(str, df.columns))}){hint}"
        )
