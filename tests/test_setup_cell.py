"""Every chapter starts with the same setup cell, committed from a clean run;
and in Colab that cell really installs an importable cnn_utils."""

from __future__ import annotations

import subprocess
from pathlib import Path

import nbformat
import pytest

from cnn_utils.environment import setup_cell_source
from tests.colab_env import (INSTALL_SPEC, REPO_REF, REPO_URL, ROOT, copy_checkout, install_colab_stub,
                             local_setup_cell, make_venv, pip_install)

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))


def _code_cells(path: Path):
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def test_there_are_chapters():
    assert CHAPTERS, "no notebooks in chapters/"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_first_code_cell_is_the_setup_cell(path):
    first = _code_cells(path)[0]
    assert first.source == setup_cell_source(REPO_URL, REPO_REF), (
        f"{path.name}: the first code cell differs from the setup cell for {REPO_URL}@{REPO_REF} "
        "(_config.yml); copy it from cnn_utils.environment.setup_cell_source()")
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


@pytest.mark.slow
def test_colab_bootstrap_installs_importable_cnn_utils(tmp_path):
    """A fresh venv with a stand-in google.colab: the setup cell takes its Colab branch,
    %pip-installs the package (here from a copy of the checkout) and cnn_utils imports."""
    checkout = copy_checkout(tmp_path / "checkout")
    python = make_venv(tmp_path / "venv")
    pip_install(python, "ipython")
    install_colab_stub(python)
    cell = local_setup_cell(setup_cell_source(REPO_URL, REPO_REF), checkout)
    script = tmp_path / "setup_cell.ipy"
    script.write_text(cell + "\nprint('cnn_utils from', cnn_utils.__file__)\n", encoding="utf-8")
    before = subprocess.run([str(python), "-c", "import cnn_utils"], capture_output=True)
    assert before.returncode != 0, "cnn_utils must not be importable before the setup cell runs"
    result = subprocess.run([str(tmp_path / "venv" / "bin" / "ipython"), "--no-banner", str(script)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Colab: 예" in result.stdout
    assert f"cnn_utils from {tmp_path / 'venv'}" in result.stdout
