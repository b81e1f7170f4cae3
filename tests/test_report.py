"""The instructor's report: a class of 30 generated results files and one bad file of each kind.

The report must count the 30, name every bad file with its reason, and its numbers must
equal a count made here directly from the generated data. A browser test opens the page
offline (no console error, no outside request, axe clean) and takes screenshots at
1280 px and on a phone (_build/screenshots/report/).
"""

from __future__ import annotations

import html
import json
import os
import random
import re
import subprocess
import sys
import zipfile
from collections import Counter

import pytest

import cnn_utils
from cnn_utils import class_files, report, results
from tests import helpers
from tests.helpers import ROOT

SHOTS = ROOT / "_build" / "screenshots" / "report"
HOSTILE_NAME = "<img src=x onerror=alert(1)>김"
STUDENTS = 30


def _student(k: int, rng: random.Random) -> dict:
    """One generated results file: some exercises done, some first tries wrong, mistakes."""
    exercises = {}
    for exercise in results.exercise_list():
        if rng.random() < 0.3:
            continue
        questions = rng.randint(1, 4)
        first = rng.randint(0, questions)
        correct = rng.randint(first, questions)
        misses = rng.randint(0, questions - first)
        attempts = questions + misses + rng.randint(0, 2)
        mistakes = []
        if misses:
            slip = rng.choice(["main#0", "main:main=horizontal"])
            mistakes.append(
                {"id": slip, "message": f"{exercise['title']}: {slip}", "count": misses}
            )
        exercises[exercise["key"]] = {
            "attempts": attempts,
            "questions": questions,
            "first_try": first,
            "correct": correct,
            "mistakes": mistakes,
        }
    data = {
        "format": results.FORMAT,
        "version": results.VERSION,
        "edition": cnn_utils.__version__,
        "reader": rng.choice(["notebook", "web"]),
        "saved": f"2026-12-03T10:{k:02d}:00Z",
        "exercises": exercises,
    }
    if k == 0:
        data["name"] = HOSTILE_NAME
    elif k % 10 != 9:  # three students give no name
        data["name"] = f"학생이름{k:02d}"
    assert results.validate(data) == []
    return data


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    """The files an instructor collected, and what the report must say about them.

    15 students in a folder, 5 matched by a glob, 10 in an LMS zip; next to them one bad
    file of each kind. A valid file outside the given paths must never be read.
    """
    root = tmp_path_factory.mktemp("class")
    rng = random.Random(37)
    students = [_student(k, rng) for k in range(STUDENTS)]
    folder, more = root / "folder", root / "more"
    folder.mkdir()
    more.mkdir()
    for k, data in enumerate(students[:15]):
        (folder / f"s{k:02d}.json").write_text(_dump(data), encoding="utf-8")
    for k, data in enumerate(students[15:20], 15):
        (more / f"s{k:02d}.json").write_text(_dump(data), encoding="utf-8")
    outside = root / "outside.json"  # a valid student, never given
    outside.write_text(_dump({**students[1], "name": "밖에 있는 학생"}), encoding="utf-8")

    bad = {}  # label -> the reason's kind (class_files.REASONS)
    text = _dump(students[2])
    files = {
        "malformed.json": ('{"format": "cnn-fashion-book-results", 학생}', "malformed"),
        "truncated.json": (text[: len(text) // 2], "truncated"),
        "other-edition.json": (_dump({**students[3], "edition": "0.0.1"}), "edition"),
        "not-this-book.json": ('{"answers": [1, 2, 3]}', "foreign"),
        # the same student again, saved earlier: the later file is counted
        "s01-again.json": (_dump({**students[1], "saved": "2026-12-01T00:00:00Z"}), "duplicate"),
        f"{HOSTILE_NAME}.json": ("<script>alert(1)</script>", "malformed"),
        "edited.json": (
            _dump(
                {
                    **students[4],
                    "exercises": {
                        "multiply-sum": {
                            "attempts": 1,
                            "questions": 5,
                            "first_try": 5,
                            "correct": 5,
                            "mistakes": [],
                        }
                    },
                }
            ),
            "counts",
        ),
        "notes.txt": ("채점 메모", "not_json"),
    }
    for name, (content, kind) in files.items():
        (folder / name).write_text(content, encoding="utf-8")
        bad[str(folder / name)] = kind
    huge = folder / "huge.json"  # 1 GB, sparse: refused by its size before any byte is read
    with huge.open("wb") as f:
        f.truncate(1 << 30)
    bad[str(huge)] = "large"
    (folder / "passwd.json").symlink_to(outside)  # a link leading out of the folder
    bad[str(folder / "passwd.json")] = "link"

    lms = root / "lms.zip"
    with zipfile.ZipFile(lms, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for k, data in enumerate(students[20:], 20):
            z.writestr(f"submissions/s{k:02d}/결과.json", _dump(data))
        z.writestr("../escape.json", _dump({**students[5], "name": "zip 밖"}))
        z.writestr("bomb.json", b"0" * (20 << 20))  # 20 MB of zeros, about 20 KB packed
    bad[f"{lms}: ../escape.json"] = "zip_path"
    bad[f"{lms}: bomb.json"] = "zip_member"

    given = [str(folder), str(more / "*.json"), str(lms)]
    return {"root": root, "given": given, "students": students, "bad": bad}


def _direct(students: list[dict]) -> dict:
    """The report's numbers, counted here from the generated data."""
    first, asked, who = Counter(), Counter(), Counter()
    slips, slip_students = Counter(), Counter()
    for data in students:
        for key, e in data["exercises"].items():
            first[key] += e["first_try"]
            asked[key] += e["questions"]
            who[key] += 1
            for m in e["mistakes"]:
                slips[key, m["id"]] += m["count"]
                slip_students[key, m["id"]] += 1
    return {
        "first": first,
        "asked": asked,
        "who": who,
        "slips": slips,
        "slip_students": slip_students,
    }


def _rows(page: str, table: str) -> list[list[str]]:
    body = re.search(rf'<table id="{table}">.*?<tbody>(.*?)</tbody>', page, re.S).group(1)
    return [
        [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


@pytest.fixture(scope="module")
def made(classroom):
    out = classroom["root"] / "report.html"
    group = report.report(classroom["given"], out)
    return group, out.read_text(encoding="utf-8")


def test_the_report_counts_the_30_and_names_every_bad_file_with_its_reason(classroom, made):
    group, page = made
    assert len(group.students) == STUDENTS
    unread = dict(group.unread)
    for label, kind in classroom["bad"].items():
        assert label in unread, (label, sorted(unread))
        template = class_files.REASONS[kind]
        assert unread[label].startswith(template.split("{")[0]), (label, unread[label])
    assert len(unread) == len(classroom["bad"]), sorted(set(unread) - set(classroom["bad"]))
    assert "밖에 있는 학생" not in page and "zip 밖" not in page
    listed = {label: reason for label, reason in _rows(page, "unread")}
    assert listed == unread
    assert f"학생 <strong>{STUDENTS}</strong>명" in page
    assert "채점용이 아닙니다" in page and "고칠 수 있습니다" in page


def test_the_reports_numbers_are_a_direct_count(classroom, made):
    _, page = made
    direct = _direct(classroom["students"])
    titles = {e["key"]: e["title"] for e in results.exercise_list()}
    rows = _rows(page, "exercises")
    assert [r[0] for r in rows] == [e["title"] for e in results.exercise_list()]
    for exercise, (title, who, first, asked, share) in zip(
        results.exercise_list(), rows, strict=True
    ):
        key = exercise["key"]
        assert (int(who), int(first), int(asked)) == (
            direct["who"][key],
            direct["first"][key],
            direct["asked"][key],
        ), title
        assert share == (f"{direct['first'][key] / direct['asked'][key]:.0%}" if asked else "—")
    points = _rows(page, "points")
    assert sum(int(r[2]) for r in points) == sum(direct["first"].values())
    assert sum(int(r[3]) for r in points) == sum(direct["asked"].values())
    top = _rows(page, "mistakes")
    ranked = sorted(
        direct["slips"], key=lambda k: (-direct["slip_students"][k], -direct["slips"][k], k)
    )
    for (key, slip), (message, title, students, count) in zip(ranked, top, strict=False):
        assert title == titles[key] and message == f"{title}: {slip}"
        assert (int(students), int(count)) == (
            direct["slip_students"][key, slip],
            direct["slips"][key, slip],
        )
    done = sorted(len(d["exercises"]) for d in classroom["students"])
    assert sorted(int(r[1].split(" / ")[0]) for r in _rows(page, "students")) == done


def test_names_are_escaped_and_anonymous_hides_them(classroom, made):
    _, page = made
    assert "<img src=x" not in page and "<script" not in page
    assert html.escape(HOSTILE_NAME) in page and "학생이름05" in page
    hidden = report.page(report.read_class(classroom["given"]), anonymous=True)
    assert "학생이름" not in hidden and "onerror" not in hidden.split('id="unread"')[0]
    assert [r[0] for r in _rows(hidden, "students")] == [f"학생 {k}" for k in range(1, 31)]


@pytest.mark.slow  # a fresh Python process
def test_the_command_line_writes_the_report(classroom, tmp_path):
    out = tmp_path / "r.html"
    result = subprocess.run(
        [sys.executable, "-m", "cnn_utils.results", "report", *classroom["given"], "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, MPLBACKEND="Agg"),
    )
    assert result.returncode == 0, result.stderr
    assert f"학생 {STUDENTS}명" in result.stdout and out.exists()


@pytest.mark.browser
@pytest.mark.slow  # starts Chromium: make test, not make test-fast
def test_the_report_page_offline_in_chromium(made, classroom):
    """No console error, no request beyond the page, axe clean; screenshots at 1280 px and on
    a phone."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    with helpers.browser() as chromium, helpers.serve(classroom["root"]) as url:
        for width, height, name in ((1280, 900, "report-1280.png"), (390, 844, "report-phone.png")):
            context, page, errors, blocked = helpers.open_page(
                chromium, url, "report.html", width=width, height=height
            )
            requests = []
            page.on("request", lambda r, found=requests: found.append(r.url))
            page.reload(wait_until="load")
            assert page.evaluate("document.images.length") == 2
            assert page.evaluate("Array.from(document.images).every(i => i.naturalWidth > 0)")
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= width, f"the page scrolls sideways at {width} px ({wide})"
            page.screenshot(path=str(SHOTS / name), full_page=True)
            if width == 1280:
                found = helpers.axe_violations(page)
                serious = [v["id"] for v in found if v["impact"] in helpers.SERIOUS]
                assert not serious, serious
            assert not errors and not blocked, (errors, blocked)
            assert all(r.startswith((url, "data:")) for r in requests), requests
            context.close()
