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

import pytest

from cnn_utils import data
from tests.helpers import CHAPTERS, ROOT
from tools import exercise_table


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
    command = [sys.executable, "-m", "tools.make_pdf", "--html", str(tmp_path / "html")]
    result = _run([*command, "--out", str(out)])
    assert result.returncode == 1
    assert "build the book first" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_the_instructor_page_lists_every_exercise_of_the_chapters():
    """tools.exercise_table --check: the list on instructor.md is what the chapters hold."""
    result = _run([sys.executable, "-m", "tools.exercise_table", "--check"])
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
    forms = {chapter: exercise_table.forms(chapter) for chapter in CHAPTERS}
    checked = {c: sum(1 for f in found if not f.get("kind")) for c, found in forms.items()}
    assert min(checked.values()) >= 3, checked
    assert sum(len(found) for found in forms.values()) >= 30


# ---- tools/release.py: an edition is a version at a commit on main; a release refuses an
# unclean state, and a release that fails halfway leaves the repository as it was


def _scratch_clone(tmp_path):
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--local", str(ROOT), str(clone)], check=True)
    for key, value in (("user.name", "test"), ("user.email", "test@example.org")):
        subprocess.run(["git", "config", key, value], cwd=clone, check=True)
    return clone


def test_release_refuses_a_dirty_tree_an_old_version_and_a_missing_changelog_entry(tmp_path):
    from tools import release

    clone = _scratch_clone(tmp_path)
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=clone, capture_output=True, text=True
    ).stdout
    (clone / "chapters" / "scratch.txt").write_text("not committed", encoding="utf-8")
    with pytest.raises(release.ReleaseError, match=r"working tree has changes \(chapters/"):
        release.release("99.0.0", "2030-01-01", clone)
    (clone / "chapters" / "scratch.txt").unlink()
    current = release.current_version(clone)
    with pytest.raises(release.ReleaseError, match=f"not newer than the current version {current}"):
        release.release(current, "2030-01-01", clone)
    with pytest.raises(release.ReleaseError, match=r"changelog.md has no section '## 99.0.0판'"):
        release.release("99.0.0", "2030-01-01", clone)
    with pytest.raises(release.ReleaseError, match="three numbers"):
        release.release("1.0", "2030-01-01", clone)

    # nothing was written, committed or tagged
    def git(*args):
        return subprocess.run(["git", *args], cwd=clone, capture_output=True, text=True).stdout

    assert git("status", "--porcelain") == ""
    assert git("rev-parse", "HEAD") == head


def _git_in(clone):
    def git(*args):
        return subprocess.run(["git", *args], cwd=clone, capture_output=True, text=True).stdout

    return git


@pytest.fixture
def release_without_build(monkeypatch):
    """tools.release with the book build and the Colab edition replaced by nothing: what is
    tested here is the release's git steps (the build and the edition have their own tests)."""
    from tools import release

    real_tool = release.run_tool

    def tool(module, *args, root):
        if module == "tools.colab_edition":
            return subprocess.CompletedProcess([module, *args], 0, "", "")
        return real_tool(module, *args, root=root)

    monkeypatch.setattr(release, "build_book", lambda root: None)
    monkeypatch.setattr(release, "run_tool", tool)
    return release


def _next_version(release, clone):
    major, minor, _ = map(int, release.current_version(clone).split("."))
    version = f"{major}.{minor + 1}.0"
    log = clone / "changelog.md"
    text = log.read_text(encoding="utf-8")
    if not release.changelog_heading(version).search(text):
        text = text.replace("\n## ", f"\n## {version}판\n\n- 시험 판\n\n## ", 1)
        log.write_text(text, encoding="utf-8")
        subprocess.run(["git", "commit", "-qam", "changelog"], cwd=clone, check=True)
    return version


@pytest.mark.slow
def test_release_makes_the_edition_commit_and_pins_it(tmp_path, release_without_build):
    release = release_without_build
    clone = _scratch_clone(tmp_path)
    git = _git_in(clone)
    version = _next_version(release, clone)
    start = git("rev-parse", "HEAD").strip()
    edition, released = release.release(version, "2030-01-02", clone)
    assert git("rev-parse", "HEAD").strip() == released
    assert git("rev-parse", f"{released}^").strip() == edition
    assert git("rev-parse", f"{edition}^").strip() == start
    assert git("status", "--porcelain") == ""
    assert f'"commit": "{edition}"' in (clone / "edition.json").read_text(encoding="utf-8")
    cell = (clone / "chapters" / "01_filter.ipynb").read_text(encoding="utf-8")
    assert f"@{edition}" in cell and f"{version}판 (2030-01-02)" in cell
    # the edition commit holds the version; the release commit only what it regenerates
    assert f'__version__ = \\"{version}\\"' not in git("show", released)
    assert set(git("show", "--name-only", "--format=", edition).split()) == {
        "changelog.md",
        "cnn_utils/__init__.py",
    }


@pytest.mark.slow
@pytest.mark.parametrize("failing", ["edition commit", "release commit"])
def test_a_release_that_fails_halfway_leaves_nothing(tmp_path, release_without_build, failing):
    """git commit fails (no e-mail; a hook refuses the second commit): no bumped file, no
    staged file and no commit remain, so a rerun starts from where the first one did."""
    release = release_without_build
    clone = _scratch_clone(tmp_path)
    git = _git_in(clone)
    version = _next_version(release, clone)
    start = git("rev-parse", "HEAD").strip()
    if failing == "edition commit":
        subprocess.run(["git", "config", "--unset", "user.email"], cwd=clone, check=True)
        subprocess.run(["git", "config", "user.useConfigOnly", "true"], cwd=clone, check=True)
        env = {"GIT_CONFIG_GLOBAL": "/dev/null", "EMAIL": ""}
    else:
        hook = clone / ".git" / "hooks" / "commit-msg"
        hook.write_text('#!/bin/sh\ngrep -q "^Release" "$1" && exit 1\nexit 0\n')
        hook.chmod(0o755)
        env = {}
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        with pytest.raises(release.ReleaseError, match="nothing was released"):
            release.release(version, "2030-01-02", clone)
    assert git("rev-parse", "HEAD").strip() == start
    assert git("status", "--porcelain") == ""
    assert release.current_version(clone) != version


def test_release_refuses_an_empty_changelog_section(tmp_path):
    from tools import release

    clone = _scratch_clone(tmp_path)
    major, minor, _ = map(int, release.current_version(clone).split("."))
    version = f"{major}.{minor + 1}.0"
    log = clone / "changelog.md"
    text = release.changelog_heading(version).sub("", log.read_text(encoding="utf-8"))
    log.write_text(text.replace("\n## ", f"\n## {version}판\n\n## ", 1), encoding="utf-8")
    subprocess.run(["git", "commit", "-qam", "empty section"], cwd=clone, check=True)
    with pytest.raises(release.ReleaseError, match="is empty"):
        release.release(version, "2030-01-02", clone)


def test_release_bump_writes_the_version_and_dates_the_changelog(tmp_path):
    from tools import release

    (tmp_path / "cnn_utils").mkdir()
    (tmp_path / "cnn_utils" / "__init__.py").write_text(
        '__version__ = "0.1.0"\nEDITION_DATE = "2026-01-01"\n',
        encoding="utf-8",
    )
    (tmp_path / "changelog.md").write_text(
        "# 바뀐 점\n\n## 0.2.0판\n\n- 새 연습\n\n## 0.1.0판 (2026-01-01)\n", encoding="utf-8"
    )
    release.bump("0.2.0", "2026-03-02", tmp_path)
    assert release.current_version(tmp_path) == "0.2.0"
    assert 'EDITION_DATE = "2026-03-02"' in (tmp_path / "cnn_utils" / "__init__.py").read_text()
    log = (tmp_path / "changelog.md").read_text(encoding="utf-8")
    assert "## 0.2.0판 (2026-03-02)\n" in log and "## 0.1.0판 (2026-01-01)" in log


def test_the_changelog_dates_this_edition():
    import cnn_utils

    log = (ROOT / "changelog.md").read_text(encoding="utf-8")
    assert f"## {cnn_utils.__version__}판 ({cnn_utils.EDITION_DATE})" in log


def test_a_failed_seed_run_leaves_the_kept_runs_unchanged(tmp_path, monkeypatch):
    """tools.seed_runs writes its file once, after every run: a failure in the middle keeps
    the old file (or none)."""
    from tools import seed_runs

    out = tmp_path / "seed_runs.json"
    out.write_text("old", encoding="utf-8")
    answers = iter(
        [
            subprocess.CompletedProcess([], 0, '{"seed": 42, "val_accuracy": 0.9, '
                                        '"test_accuracy": 0.9, "seconds": 1}\n', ""),
            subprocess.CompletedProcess([], 1, "", "MemoryError"),
        ]
    )  # fmt: skip
    monkeypatch.setattr(seed_runs.subprocess, "run", lambda *a, **k: next(answers))
    assert seed_runs.main(["--seeds", "42", "1", "--out", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["seed_runs.json"]


def test_the_recorded_seed_42_run_is_chapter_07s_run():
    """Chapter 07's committed (full-mode) accuracies are the seed runs' seed 42, so the chapter's
    sentence comparing them and the range it prints belong to the same training."""
    from cnn_utils import models
    from tests.helpers import chapter_outputs

    printed = chapter_outputs("07_keras_lab", "테스트 세트 정확도:")
    recorded = next(r for r in models.seed_runs()["runs"] if r["seed"] == 42)
    assert f"검증 세트 정확도: {recorded['val_accuracy']:.4f}" in printed
    assert f"테스트 세트 정확도: {recorded['test_accuracy']:.4f}" in printed
    assert "이 장의 실행(시드 42)은 기록의 시드 42와 정확도가 같습니다." in chapter_outputs(
        "07_keras_lab", "mine, recorded ="
    )
