"""Shared pytest fixtures."""

import os
import sys

import pytest

# plotting tests: matplotlib's non-interactive backend, chosen without importing matplotlib here
os.environ["MPLBACKEND"] = "Agg"


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every matplotlib figure a test opened (only if pyplot was imported)."""
    yield
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
