"""Doctest collection for the rule modules that run compiled.

``pytest --doctest-modules`` imports ``framing/text.py`` by path; when the compiled
extension of that module is what Python imports, pytest refuses the mismatch.  Those
modules' doctests run instead through ``doctest.testmod`` on the compiled module
(``tests/test_text.py::test_doctests_of_compiled_modules``); under
``FRAMING_PURE_PYTHON=1`` they are collected from the ``.py`` files as usual.
"""

import importlib
from pathlib import Path


def pytest_ignore_collect(collection_path: Path, config):
    if collection_path.suffix != ".py" or "framing" not in collection_path.parts:
        return None
    parts = collection_path.with_suffix("").parts
    name = ".".join(parts[len(parts) - 1 - parts[::-1].index("framing"):])
    from framing._build import RULE_MODULES

    if name not in RULE_MODULES:
        return None
    module = importlib.import_module(name)
    return True if not str(module.__file__).endswith(".py") else None


def pytest_configure(config):
    """Refuse to test a compiled rule module older than its source (an edit not yet rebuilt)."""
    from framing._build import pure_python_requested, stale_modules

    if pure_python_requested():
        return
    stale = stale_modules()
    if stale:
        import pytest

        raise pytest.UsageError(
            f"{', '.join(stale)} changed after it was compiled: run `make test` (or "
            "`pip install -e .`) to rebuild, or set FRAMING_PURE_PYTHON=1 to run the .py files"
        )
