"""Fixtures shared by the book tests (test_book.py, test_browser.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


@pytest.fixture(scope="session")
def build_log():
    """Build the book once per session, strictly: `jupyter-book build . -W -n --keep-going`."""
    return subprocess.run([str(JUPYTER_BOOK), "build", str(ROOT), "-W", "-n", "--keep-going"],
                          capture_output=True, text=True, cwd=ROOT)
