"""Every chapter starts with the same setup cell, committed from a clean run."""

from __future__ import annotations

import subprocess
from pathlib import Path

import nbformat
import pytest

import cnn_utils
from tests.colab_env import INSTALL_SPEC, PINNED_COMMIT
from tests.helpers import CHAPTER_NOTEBOOKS as CHAPTERS
from tests.helpers import ROOT
from tools.setup_cell import configured_source, edition_at, printed_edition


def _code_cells(path: Path):
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def test_there_are_chapters():
    assert CHAPTERS, "no notebooks in chapters/"


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)


def test_the_edition_is_a_commit_on_main():
    """What every setup cell installs is a commit that is in this history (only main is
    published: a tag or a local branch would not reach a reader's pip)."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    assert _git("cat-file", "-e", f"{PINNED_COMMIT}^{{commit}}").returncode == 0, (
        f"edition.json names {PINNED_COMMIT}, which is not a commit of this repository"
    )
    ancestor = _git("merge-base", "--is-ancestor", PINNED_COMMIT, "HEAD")
    assert ancestor.returncode == 0, f"{PINNED_COMMIT[:12]} is not an ancestor of HEAD"
    # the footer and the setup cell name the same edition as the commit Colab installs
    edition = f"{cnn_utils.__version__}판 ({cnn_utils.EDITION_DATE})"
    assert edition_at(PINNED_COMMIT) == edition, "edition.json names another edition's commit"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_first_code_cell_is_the_setup_cell(path):
    first = _code_cells(path)[0]
    assert first.source == configured_source(), (
        f"{path.name}: the first code cell differs from the setup cell for {INSTALL_SPEC} "
        "(_config.yml and edition.json); run python -m tools.setup_cell"
    )
    assert INSTALL_SPEC in first.source
    assert "%pip" not in first.source, "IPython 7's %pip prints a false note about restarting"
    assert "nbval-ignore-output" in first.metadata.get("tags", []), (
        "versions vary: tag the setup cell"
    )


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_setup_cell_prints_this_edition(path):
    """nbval does not compare its output (versions vary), but the edition in it must be current."""
    text = "".join(out.get("text", "") for out in _code_cells(path)[0].outputs)
    assert text.startswith(printed_edition() + " | Python "), (
        f"{path.name}: the setup cell printed {text[:60]!r}; run python -m tools.setup_cell"
    )


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


#: Absolute paths of the machine that ran a chapter (a home, a checkout, a temporary folder):
#: a committed output must not show them; chapters print paths relative to the book.
MACHINE_PATH = r"(?<![\w.])(/work/|/tmp/|/home/|/root/|/Users/|/content/|[A-Z]:\\Users\\)"


def _output_texts(cell):
    for out in cell.get("outputs", []):
        yield "".join(out.get("text", ""))
        for kind in ("text/plain", "text/html", "text/markdown"):
            yield "".join(out.get("data", {}).get(kind, ""))


@pytest.mark.parametrize(
    "text,machine",
    [
        ("7장에서 저장한 모델을 불러왔습니다: /work/main/data/models/slide_cnn.keras", True),
        ("저장할 곳: data/models/slide_cnn.keras", False),
        ("모델: ../data/models/slide_cnn.keras", False),
        ("Debian 패키지 (/usr/share/datasets/fashion-mnist)", False),
        ("/home/student/cnn/chapters", True),
        ("C:\\Users\\kim\\book", True),
    ],
)
def test_machine_path_pattern(text, machine):
    import re

    assert bool(re.search(MACHINE_PATH, text)) is machine


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_committed_outputs_show_no_machine_paths(path):
    import re

    for k, cell in enumerate(_code_cells(path)):
        for text in _output_texts(cell):
            match = re.search(MACHINE_PATH, text)
            if match:
                context = text[max(0, match.start() - 60) : match.end() + 40]
                pytest.fail(
                    f"{path.name} code cell {k} prints a path of the machine that ran it "
                    f"({context!r}); print it relative to the book"
                )
