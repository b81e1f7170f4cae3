"""Paths and lists every test module shares: one definition each."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
TOC = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))

#: The chapters in book order, as _toc.yml lists them ("chapters/01_filter", ...).
CHAPTERS = [
    c["file"]
    for part in TOC["parts"]
    for c in part["chapters"]
    if c["file"].startswith("chapters/")
]
#: Their notebooks.
CHAPTER_NOTEBOOKS = [ROOT / f"{chapter}.ipynb" for chapter in CHAPTERS]


def code_cells(notebook: Path) -> list[str]:
    """The sources of a notebook's code cells, in order."""
    import nbformat

    return [c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]


def chapter_value(chapter: str, name: str, *, defined_by: str):
    """Run the chapter's code cell that contains ``defined_by`` and return ``name``.

    The cell runs with ``np`` (NumPy) and ``ops`` (:mod:`cnn_utils.ops`) defined.

    Lets a test read a value where the chapter makes it instead of retyping it.
    """
    import numpy as np

    from cnn_utils import ops

    cells = [c for c in code_cells(ROOT / f"chapters/{chapter}.ipynb") if defined_by in c]
    assert len(cells) == 1, f"{chapter}: {len(cells)} cells contain {defined_by!r}"
    namespace = {"np": np, "ops": ops}
    exec(cells[0], namespace)
    return namespace[name]


#: Test modules that use the built book (the session fixture ``build_log``): one group.
BOOK_MODULES = {
    "tests/test_book.py",
    "tests/test_browser.py",
    "tests/test_browser_exercises.py",
    "tests/test_a11y.py",
    "tests/test_pdf.py",
    "tests/test_readability.py",
    "tests/test_walkthrough.py",
    "tests/test_colab_edition.py",
    "tests/test_slides.py",
    "tests/test_site.py",
    "tests/test_page_weight.py",
    "tests/test_progress.py",
}
#: Groups handed out first, longest first (measured with two processes on 2 cores: the
#: Colab-like environment ~340 s; the book, the chapters and test_models minutes each;
#: every other group takes seconds).
FIRST_GROUPS = ("tests/test_colab_env.py", "book", "chapters", "tests/test_models.py")


def work_group(nodeid: str) -> str:
    """The group a test runs in when `make test` runs two processes (pytest-xdist).

    A group runs in one process, in collection order. ``chapters``: every
    chapter's cells (a notebook's cells share one kernel, and chapter 08 loads
    the model chapter 07 saved). ``book``: every module that checks the built
    book (it is built once, into the checkout's _build). Anything else: its
    file, so that a module's fixtures are made once.

    >>> work_group("chapters/07_keras_lab.ipynb::Cell 3")
    'chapters'
    >>> work_group("tests/test_pdf.py::test_no_page_is_blank_and_pages_are_numbered")
    'book'
    >>> work_group("cnn_utils/ops.py::cnn_utils.ops.conv2d")
    'cnn_utils/ops.py'
    """
    path = nodeid.split("::", 1)[0]
    if path.endswith(".ipynb"):
        return "chapters"
    return "book" if path in BOOK_MODULES else path
