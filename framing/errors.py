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
