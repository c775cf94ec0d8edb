"""Which rule modules run compiled, and the switch that runs them as Python source.

The rule modules (listed in ``setup.py``) are plain Python files that Cython
compiles at install time when a C compiler is present.  Python then imports the
compiled extension module in place of the ``.py`` file next to it.  With the
environment variable ``FRAMING_PURE_PYTHON=1`` set before ``import framing``,
:class:`SourceFirst` makes every ``framing`` submodule load from its ``.py``
source instead, so the very same rules run interpreted (to step through them in
a debugger, or to test both ways on one install).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from pathlib import Path

#: The rule modules: setup.py compiles these (when it can), the Makefile rebuilds when one
#: changes, and :func:`build_info` reports them.  The one list of them.
RULE_MODULES = ("framing.text", "framing.automaton", "framing.match", "framing.actors.mentions",
                "framing.actors.article", "framing.actors.rules")


def pure_python_requested() -> bool:
    """True when ``FRAMING_PURE_PYTHON`` asks for the Python source."""
    return os.environ.get("FRAMING_PURE_PYTHON", "").strip() not in ("", "0")


class SourceFirst(importlib.abc.MetaPathFinder):
    """Import ``framing.*`` modules from their ``.py`` files even where a compiled one exists."""

    def find_spec(self, fullname, path=None, target=None):
        if not fullname.startswith("framing.") or not path:
            return None
        name = fullname.rpartition(".")[2]
        for entry in path:
            source = Path(entry) / (name + ".py")
            if source.is_file():
                return importlib.util.spec_from_file_location(fullname, source)
        return None


def install_source_finder() -> None:
    """Put :class:`SourceFirst` first on ``sys.meta_path`` (once)."""
    if not any(isinstance(f, SourceFirst) for f in sys.meta_path):
        sys.meta_path.insert(0, SourceFirst())


def build_info() -> dict[str, bool]:
    """For each rule module: True when it runs compiled, False when it runs as Python source.

    Examples
    --------
    >>> import framing
    >>> sorted(framing.build_info())[:3]
    ['framing.actors.article', 'framing.actors.mentions', 'framing.actors.rules']
    """
    out = {}
    for name in RULE_MODULES:
        module = importlib.import_module(name)
        out[name] = not str(getattr(module, "__file__", "")).endswith(".py")
    return out


def stale_modules() -> list[str]:
    """Rule modules whose ``.py`` file is newer than the compiled module Python imports.

    Such a module runs the rules as they were when it was compiled, not as the
    source reads now (rebuild, or run with ``FRAMING_PURE_PYTHON=1``).
    """
    out = []
    for name in RULE_MODULES:
        spec = importlib.util.find_spec(name)
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        if origin is None or origin.suffix == ".py":
            continue
        source = origin.with_name(name.rpartition(".")[2] + ".py")
        if source.is_file() and source.stat().st_mtime > origin.stat().st_mtime:
            out.append(name)
    return out
