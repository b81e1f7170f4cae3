"""내 진도 in the built web book (headless Chromium, offline): progress that stays.

Answers exercises in two chapters (right; wrong with a named mistake, then right), reloads and
finds the same states on the forms and in each chapter's summary, sees them on 「내 진도」,
exports the results file and validates it against the package's schema (the same format
cnn_utils.results.save writes), clears everything, and finds that a page without storage
still answers and says that progress is not kept.
"""

from __future__ import annotations

import json

import pytest

import cnn_utils
from cnn_utils import answers, results
from tests import helpers
from tests.helpers import HTML

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = HTML.parent / "screenshots" / "progress"
CH01, CH07 = "chapters/01_filter.html", "chapters/07_keras_lab.html"
# localStorage that refuses every use, as a browser with storage disabled does
NO_STORAGE = """Object.defineProperty(window, 'localStorage', {configurable: true,
    get() { throw new DOMException('storage is disabled', 'SecurityError'); }});"""
_DATA = """key => JSON.parse(document.querySelector(
    `[data-cnn-exercise="${key}"] script[data-cnn-data]`).textContent)"""


@pytest.fixture(scope="module")
def site(build_log):
    assert build_log.returncode == 0, "the book did not build"
    with helpers.serve(HTML) as url, helpers.browser() as chromium:
        yield url, chromium


def _answer(page, key: str, group: str, text: str) -> str:
    form = page.locator(f'[data-cnn-exercise="{key}"]')
    form.locator(f'[data-cnn-group="{group}"] input[data-cnn-field]').first.fill(text)
    form.locator(f'[data-cnn-check="{group}"]').click()
    return form.locator(f'[data-cnn-feedback="{group}"]').inner_text()


def _case(data: dict) -> answers.Case:
    equal = tuple(map(tuple, data["equal"]))
    return answers.Case(data["say"], tuple(data["wrong"]), equal, data.get("mistake", ""))


def test_progress_stays_shows_on_my_progress_exports_and_clears(site, tmp_path):
    url, chromium = site
    context = chromium.new_context(viewport={"width": 1280, "height": 1000}, locale="ko-KR")
    blocked, errors = [], []
    helpers.block_external(context, blocked)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))

    page.goto(f"{url}/{CH01}", wait_until="load")
    data = page.evaluate(_DATA, "multiply-sum")
    right = str(data["problems"][0]["checks"]["main"]["answer"]["main"])
    assert "정답입니다" in _answer(page, "multiply-sum", "main", right)

    page.goto(f"{url}/{CH07}", wait_until="load")
    data = page.evaluate(_DATA, "param-quiz")
    group = data["groups"][0]["key"]
    check = data["problems"][0]["checks"][group]
    index, slip = next((k, c) for k, c in enumerate(check["cases"]) if c["equal"])
    typed = str(slip["equal"][0][1])
    told = _answer(page, "param-quiz", group, typed).removeprefix("✗").strip()
    assert told.startswith(answers.fill(slip["say"], {group: typed}).split("\n")[0][:10])
    assert "정답입니다" in _answer(page, "param-quiz", group, str(check["answer"][group]))

    page.reload(wait_until="load")
    form = page.locator('[data-cnn-exercise="param-quiz"] .cnn-progress-form')
    assert form.inner_text() == "내 진도: 문항 1개에 답함, 첫 시도에 0개 맞힘, 맞힌 문항 1개"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / "chapter-07-summary.png"))
    page.locator('[data-cnn-exercise="param-quiz"]').screenshot(path=str(SHOTS / "param-quiz.png"))
    assert page.locator("#cnn-progress-summary").is_visible()
    summary = page.locator("#cnn-progress-summary").inner_text()
    assert "이 장의 내 진도" in summary and "중 1개를 풀었고" in summary
    page.goto(f"{url}/{CH01}", wait_until="load")
    assert page.locator('[data-cnn-exercise="multiply-sum"] .cnn-progress-form').inner_text() == (
        "내 진도: 문항 1개에 답함, 첫 시도에 1개 맞힘, 맞힌 문항 1개"
    )
    keys = page.evaluate("Object.keys(localStorage)")
    assert f"cnn-progress:{cnn_utils.__version__}:multiply-sum" in keys

    page.goto(f"{url}/progress.html", wait_until="load")
    rows = {
        row.get_attribute("data-cnn-progress-key"): row
        for row in page.locator("tr[data-cnn-progress-key]").all()
    }
    assert list(rows) == [e["key"] for e in results.exercise_list()]
    assert rows["multiply-sum"].get_attribute("data-cnn-progress-state") == "done"
    assert rows["param-quiz"].locator("td").nth(3).inner_text() == "0 / 1"
    assert rows["param-quiz"].locator("td").nth(4).inner_text() == "1"
    untouched = [k for k, r in rows.items() if r.get_attribute("data-cnn-progress-state") == "none"]
    assert len(untouched) == len(rows) - 2
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "progress-1280.png"), full_page=True)

    page.fill("[data-cnn-progress-name]", "홍길동")
    with page.expect_download() as download:
        page.click("[data-cnn-progress-export]")
    assert download.value.suggested_filename == "수업결과-홍길동.json"
    path = tmp_path / "exported.json"
    download.value.save_as(path)
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert results.validate(exported) == []
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(exported, results.schema())
    assert exported["name"] == "홍길동" and exported["reader"] == "web"
    assert exported["edition"] == cnn_utils.__version__
    assert exported["exercises"]["multiply-sum"] == {
        "attempts": 1,
        "questions": 1,
        "first_try": 1,
        "correct": 1,
        "mistakes": [],
    }
    slip_id = results.mistake_id(group, _case(slip), index)  # the Python rule names it alike
    assert exported["exercises"]["param-quiz"] == {
        "attempts": 2,
        "questions": 1,
        "first_try": 0,
        "correct": 1,
        "mistakes": [{"id": slip_id, "message": told.split("\n")[0], "count": 1}],
    }

    page.click("[data-cnn-progress-clear]")
    states = page.locator("tr[data-cnn-progress-key]").evaluate_all(
        "rows => rows.map(r => r.getAttribute('data-cnn-progress-state'))"
    )
    assert set(states) == {"none"}
    page.goto(f"{url}/{CH01}", wait_until="load")
    assert page.locator(".cnn-progress-form").count() == 0
    assert not errors and not blocked, (errors, blocked)
    context.close()


def test_without_storage_exercises_answer_and_the_page_says_so(site):
    url, chromium = site
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="ko-KR")
    helpers.block_external(context, [])
    context.add_init_script(NO_STORAGE)
    page = context.new_page()
    page.goto(f"{url}/{CH01}", wait_until="load")
    data = page.evaluate(_DATA, "multiply-sum")
    right = str(data["problems"][0]["checks"]["main"]["answer"]["main"])
    assert "정답입니다" in _answer(page, "multiply-sum", "main", right)
    assert page.locator("#cnn-progress-summary").is_visible()
    assert "저장할 수 없습니다" in page.locator("#cnn-progress-summary").inner_text()
    page.goto(f"{url}/progress.html", wait_until="load")
    assert "저장할 수 없습니다" in page.locator("#cnn-progress").inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "progress-phone-no-storage.png"), full_page=True)
    context.close()
