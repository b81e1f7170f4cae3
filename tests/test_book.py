"""The HTML book: a strict Jupyter Book 1 build and checks of what it produced."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.colab_env import ROOT

pytestmark = [pytest.mark.book, pytest.mark.slow]

HTML = ROOT / "_build" / "html"
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


@pytest.fixture(scope="session")
def build_log():
    """Build the book once per session with warnings as errors: `-W -n --keep-going`."""
    result = subprocess.run([str(JUPYTER_BOOK), "build", str(ROOT), "-W", "-n", "--keep-going"],
                            capture_output=True, text=True, cwd=ROOT)
    return result


def test_strict_build_has_no_warnings(build_log):
    log = build_log.stdout + build_log.stderr
    warnings = [line for line in log.splitlines() if re.search(r"\bWARNING\b|\bERROR\b", line)]
    assert build_log.returncode == 0, log[-4000:]
    assert not warnings, "\n".join(warnings[:20])
    assert (HTML / "index.html").is_file()


def test_intro_and_chapters_are_rendered_with_outputs(build_log):
    assert build_log.returncode == 0
    intro = (HTML / "intro.html").read_text(encoding="utf-8")
    assert "합성곱 신경망으로 패션 아이템 분류하기" in intro
    chapter = (HTML / "chapters" / "01_filter.html").read_text(encoding="utf-8")
    assert "곡선 필터" in chapter
    assert "영역 A의 곱과 합: 3600" in chapter          # a committed output, shown as such
    assert len(re.findall(r'<img[^>]+src="[^"]*\.png"', chapter)) >= 5  # the figures


def test_intro_class_table_matches_the_package():
    from cnn_utils.data import CLASS_NAMES

    intro = (ROOT / "intro.md").read_text(encoding="utf-8")
    for label, name in enumerate(CLASS_NAMES):
        assert f"| {label} | {name.ko} | {name.en} |" in intro
