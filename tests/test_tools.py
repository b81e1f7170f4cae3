"""The maintainer tools (tools/): each ends with a message and a non-zero status, not a traceback.

bootstrap.sh with a Python that does not exist; ensure_system.sh with data that is
there but damaged (its message, and no package installed for it); make_pdf.py
without a built book (nothing written).
"""

from __future__ import annotations

import gzip
import os
import stat
import subprocess
import sys

from cnn_utils import data
from tests.paths import ROOT


def _run(command, **kwargs):
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, **kwargs)


def test_bootstrap_names_a_python_that_does_not_exist(tmp_path):
    result = _run(
        ["sh", "tools/bootstrap.sh"],
        env=dict(os.environ, PYTHON="/nonexistent/python3.12", VENV=str(tmp_path / "venv")),
    )
    assert result.returncode == 1
    assert "/nonexistent/python3.12 was not found" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "venv").exists()


def test_damaged_data_is_reported_as_damaged_and_installs_nothing(tmp_path):
    """A damaged folder is not "Missing: dataset-fashion-mnist"; apt-get is not called for it."""
    folder = tmp_path / "fashion-mnist"
    folder.mkdir()
    for spec in data.FILES.values():
        (folder / spec.filename).write_bytes(gzip.compress(b"damaged"))
    calls = tmp_path / "apt-calls"
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    fake_apt = fake_bin / "apt-get"
    fake_apt.write_text(f'#!/bin/sh\necho "$@" >> {calls}\n')
    fake_apt.chmod(fake_apt.stat().st_mode | stat.S_IXUSR)
    env = dict(os.environ, CNN_BOOK_DATA=str(folder), PATH=f"{fake_bin}:{os.environ['PATH']}")
    env["VENV"] = str(ROOT / ".venv") if (ROOT / ".venv").is_dir() else sys.prefix
    result = _run(["sh", "tools/ensure_system.sh", "data"], env=env)
    assert result.returncode == 0
    assert "Missing: dataset-fashion-mnist" not in result.stderr
    assert str(folder / data.FILES["x_train"].filename) in result.stderr
    assert "cannot be used as it is" in result.stderr
    assert not calls.exists(), calls.read_text()


def test_make_pdf_without_a_build_says_so_and_writes_nothing(tmp_path):
    out = tmp_path / "pdf"
    result = _run(
        [sys.executable, "tools/make_pdf.py", "--html", str(tmp_path / "html"), "--out", str(out)]
    )
    assert result.returncode == 1
    assert "build the book first" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_the_instructor_page_lists_every_exercise_of_the_chapters():
    """tools/exercise_table.py --check: the list on instructor.md is what the chapters hold."""
    result = _run([sys.executable, "tools/exercise_table.py", "--check"])
    assert result.returncode == 0, result.stderr
    page = (ROOT / "instructor.md").read_text(encoding="utf-8")
    for title in (
        "곱과 합 계산하기",
        "층별 출력 모양 퀴즈",
        "필터 설계하기",
        "패딩·스트라이드 탐색기",
    ):
        assert f"| {title} |" in page


def test_every_chapter_checks_the_learner_at_least_three_times():
    """Every chapter has at least 3 checked exercises, the book at least 30 answering forms."""
    sys.path.insert(0, str(ROOT / "tools"))
    import exercise_table

    from tests.paths import CHAPTERS

    forms = {chapter: exercise_table.forms(chapter) for chapter in CHAPTERS}
    checked = {c: sum(1 for f in found if not f.get("kind")) for c, found in forms.items()}
    assert min(checked.values()) >= 3, checked
    assert sum(len(found) for found in forms.values()) >= 30
