"""Fixtures shared by the book tests (test_book.py, test_browser.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import HTML, ROOT  # noqa: F401 (re-exported for the test modules)

JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


def pytest_collection_modifyitems(items):
    """Tests that need the built book are `book` and `slow`; the rest of a module stays fast."""
    for item in items:
        if "build_log" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.book)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def build_log():
    """Build the book once per session, strictly: `jupyter-book build . -W -n --keep-going`."""
    return subprocess.run(
        [str(JUPYTER_BOOK), "build", str(ROOT), "-W", "-n", "--keep-going"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
