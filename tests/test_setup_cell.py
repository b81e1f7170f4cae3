"""Every chapter starts with the same setup cell, committed from a clean run."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from tools.setup_cell import setup_cell_source
from tests.colab_env import INSTALL_SPEC, REPO_REF, REPO_URL
from tests.paths import CHAPTER_NOTEBOOKS as CHAPTERS


def _code_cells(path: Path):
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def test_there_are_chapters():
    assert CHAPTERS, "no notebooks in chapters/"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_first_code_cell_is_the_setup_cell(path):
    first = _code_cells(path)[0]
    assert first.source == setup_cell_source(REPO_URL, REPO_REF), (
        f"{path.name}: the first code cell differs from the setup cell for {REPO_URL}@{REPO_REF} "
        "(_config.yml); run tools/setup_cell.py")
    assert INSTALL_SPEC in first.source
    assert "nbval-ignore-output" in first.metadata.get("tags", []), "versions vary: tag the setup cell"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_committed_outputs_come_from_one_clean_run(path):
    cells = [c for c in _code_cells(path) if c.source.strip()]
    counts = [c.execution_count for c in cells]
    assert counts == list(range(1, len(cells) + 1)), f"{path.name}: execution counts {counts}"
    for cell in cells:
        for out in cell.outputs:
            assert out.output_type != "error", f"{path.name}: an error output is committed"
            text = out.get("text", "")
            assert "Traceback" not in text and "Glyph" not in text, f"{path.name}: {text[:200]}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_explicit_imports_only(path):
    for cell in _code_cells(path):
        assert "import *" not in cell.source, f"{path.name}: star import"


# The Colab bootstrap itself (stand-in google.colab, %pip install of this package into a
# fresh environment) is tested in tests/test_colab_env.py, together with the chapters there.
