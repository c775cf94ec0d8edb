"""Build script.  All metadata lives in setup.cfg; this file only declares the
optional C extension ``framing._speedups`` (the matcher's loops in C).

``optional=True``: when no C compiler is available the install still succeeds and
framing runs the same rules in pure Python (``framing.text.SPEEDUPS`` is False).
"""
from setuptools import Extension, setup

setup(ext_modules=[Extension("framing._speedups", ["framing/_speedups.c"], optional=True)])
