"""Fixtures shared by the tests: the built book, its PDFs, the decks' PDFs, the site; figures.

The book group (``BOOK_MODULES`` in tests/groups.py, marked ``book``) runs in one process,
so each build below happens once per session, by the command that `make` runs for it.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tools.book import ROOT


@pytest.fixture(scope="session")
def build_log():
    """Build the book once per session as `make book` does, strictly (tools.build).

    The book (warnings are errors), then the lecture decks' HTML, which the chapter pages
    link to. The result is the book's build, or the decks' when they fail.
    """
    from tools.build import build

    return build(strict=True)


def _run_tool(module: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", module],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
    )


@pytest.fixture(scope="session")
def book_pdfs(build_log):
    """`make pdf` once per session: tools.make_pdf prints the built book."""
    assert build_log.returncode == 0, "the book did not build"
    return _run_tool("tools.make_pdf")


@pytest.fixture(scope="session")
def deck_pdfs(build_log):
    """`make slides` once per session: the decks' HTML again and one PDF per deck."""
    assert build_log.returncode == 0, build_log.stderr[-3000:]
    return _run_tool("tools.make_slides")


@pytest.fixture(scope="session")
def site(book_pdfs, deck_pdfs):
    """`make site` from this session's builds: tools.make_site copies them to _build/site."""
    for result in (book_pdfs, deck_pdfs):
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    from tools.make_site import make_site

    return make_site()


@pytest.fixture(scope="session")
def site_pages(site):
    """Every HTML page of the site, opened once in headless Chromium, served on 127.0.0.1 with
    every other request blocked, cold cache: what each loaded and linked to (PageWeight)."""
    from benchmarks.page_weight import measure, site_pages

    return {weight.page: weight for weight in measure(site, site_pages(site))}


@pytest.fixture
def figures_unencoded(monkeypatch):
    """Exercises build their figures but neither lay them out nor encode them as PNG.

    Layout and encoding are most of an exercise test's time. For tests of what an
    exercise does; the pictures themselves are checked in test_viz.py, by the
    chapters' nbval and in the browser (test_browser_exercises.py).
    """
    from matplotlib.figure import Figure

    from cnn_utils.viz import display

    def figure_png(fig):
        return b"PNG", {"min_text_pt": 10.0, "dpi": 200.0, "px": [2, 2]}

    monkeypatch.setattr(Figure, "tight_layout", lambda self, **kwargs: None)
    monkeypatch.setattr(Figure, "savefig", lambda self, buffer, **kwargs: buffer.write(b"PNG"))
    monkeypatch.setattr(display, "figure_png", figure_png)
