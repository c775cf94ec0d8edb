"""Command line: a thin argparse layer over the public functions.

Every sub-command reads its inputs with :func:`framing.read_articles` and
:func:`framing.load_lexicon`, calls one or two library functions and writes a
table.  User errors print one line on stderr and exit with status 2.

This package is the only part of framing that knows argparse; no library module
imports it.  One module per command group, each with ``register(subparsers)``;
they are cheap to import: heavy imports (scikit-learn, matplotlib,
:mod:`framing.plot`) happen inside the command functions.
"""

from __future__ import annotations

import argparse
import sys
import warnings

from .._version import __version__
from ..errors import FramingError
from . import actors, align, chart, classroom, compare, lexicon, matches, report

__all__ = ["main", "build_parser", "EXIT_USAGE"]

EXIT_USAGE = 2

#: Command modules in the order their commands appear in ``framing --help``.
_COMMANDS = (matches, lexicon, compare, align, report, classroom, chart, actors)


def build_parser() -> argparse.ArgumentParser:
    """The ``framing`` argument parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Find and measure loaded language in news articles.",
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module in _COMMANDS:
        module.register(sub)
    return parser


def _show_warning(message, category, filename, lineno, file=None, line=None):
    sys.stderr.write(f"warning: {message}\n")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    old = warnings.showwarning
    warnings.showwarning = _show_warning
    try:
        return args.func(args) or 0
    except (FramingError, FileNotFoundError, PermissionError, IsADirectoryError) as exc:
        sys.stderr.write(f"framing: error: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `framing matches ... | head`
        return 0
    finally:
        warnings.showwarning = old
