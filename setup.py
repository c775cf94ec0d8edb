"""Build script.  All metadata lives in setup.cfg; this file only compiles the rule
modules that ``framing/_build.py`` lists (``RULE_MODULES``) with Cython.

Those modules are ordinary Python files (Cython's *pure-Python mode*): the rules are
written once, in Python, and typed with ``cython.*`` declarations where speed needs
it.  When Cython and a C compiler are available (Cython is a build requirement in
pyproject.toml), ``pip install`` compiles each of them into an extension module
that Python imports instead of the ``.py`` file.  ``optional=True``: when the C
compiler is missing or fails, the install still succeeds and the very same ``.py``
files run as plain Python.  ``FRAMING_NO_COMPILE=1`` at install time skips the
compilation on purpose; ``FRAMING_PURE_PYTHON=1`` at run time makes an installed
build import the ``.py`` files instead (see ``framing/__init__.py``).
"""
import ast
import os
from pathlib import Path

from setuptools import Extension, setup


def rule_modules() -> list[str]:
    """``framing._build.RULE_MODULES`` (the one list), read without importing framing."""
    tree = ast.parse(Path(__file__).with_name("framing").joinpath("_build.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "RULE_MODULES":
            return list(ast.literal_eval(node.value))
    raise RuntimeError("framing/_build.py defines no RULE_MODULES")


def ext_modules():
    if os.environ.get("FRAMING_NO_COMPILE", "").strip() not in ("", "0"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:  # only when built without build isolation and without Cython
        return []
    extensions = [Extension(name, [name.replace(".", "/") + ".py"], optional=True) for name in rule_modules()]
    return cythonize(
        extensions,
        compiler_directives={
            "language_level": 3,
            # Type hints document; only explicit cython.* declarations type C variables.
            "annotation_typing": False,
            "binding": True,           # functions keep signatures and docstrings (doctests, help())
            "embedsignature": True,
        },
        quiet=True,
    )


setup(ext_modules=ext_modules())
