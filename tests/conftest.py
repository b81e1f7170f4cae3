"""Fixtures shared by the tests: the built book (test_book, test_browser), unencoded figures."""

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
    """Build the book once per session as `make book` does, strictly.

    `jupyter-book build . -W -n --keep-going`, then the lecture decks' HTML
    (tools/make_slides.py --no-pdf), which the chapter pages link to. The result is
    the book's build, or the decks' when they fail.
    """
    book = subprocess.run(
        [str(JUPYTER_BOOK), "build", str(ROOT), "-W", "-n", "--keep-going"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if book.returncode != 0:
        return book
    decks = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_slides.py"), "--no-pdf"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return book if decks.returncode == 0 else decks


@pytest.fixture
def figures_unencoded(monkeypatch):
    """Exercises build their figures but neither lay them out nor encode them as PNG.

    Layout and encoding are most of an exercise test's time. For tests of what an
    exercise does; the pictures themselves are checked in test_viz.py, by the
    chapters' nbval and in the browser (test_browser_exercises.py).
    """
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    from cnn_utils import exercises

    def figure_data(fig, alt):
        plt.close(fig)
        return exercises.Figure("data:image/png;base64,", alt)

    monkeypatch.setattr(Figure, "tight_layout", lambda self, **kwargs: None)
    monkeypatch.setattr(Figure, "savefig", lambda self, buffer, **kwargs: buffer.write(b"PNG"))
    monkeypatch.setattr(exercises, "figure_data", figure_data)
