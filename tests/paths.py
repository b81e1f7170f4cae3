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
