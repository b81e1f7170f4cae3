"""The exercises of the built web book answer without a kernel (headless Chromium, offline).

For every checked exercise: the right answer gets the right feedback, a wrong
answer gets exactly the HTML that cnn_utils.exercises makes for that problem
and answer, a non-number gets the hint, 새 문제 (or 다음) changes the problem,
and the page logs no error. The browser's number reading is compared with
parse_number on the shared table tests/number_inputs.json. The explorers say
they need a running notebook and link to Colab. Pages are served on 127.0.0.1;
every other host is blocked.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from cnn_utils import exercises as ex
from cnn_utils import static
from tests import browser as b
from tests.conftest import HTML
from tests.test_book import _colab_url

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TABLE = json.loads(Path(__file__).with_name("number_inputs.json").read_text(encoding="utf-8"))
SHOTS = HTML.parent / "screenshots"

# chapter 02's input and filter (tests/test_book.py checks the instructor page against them)
SLIDE_X = np.array(
    [[1, 2, 0, 1, 3], [0, 1, 3, 1, 0], [2, 1, 0, 2, 1], [1, 0, 2, 3, 1], [3, 1, 1, 0, 2]]
)
SLIDE_K = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]])


@pytest.fixture(scope="module")
def site(build_log):
    assert build_log.returncode == 0, "the book did not build"
    with b.serve(HTML) as url, b.browser() as chromium:
        yield url, chromium


@pytest.fixture
def open_page(site):
    url, chromium = site
    opened = []

    def open_(path: str, width: int = 1280):
        context, page, errors, _ = b.open_page(chromium, url, path, width=width)
        opened.append(context)
        return page, errors

    yield open_
    for context in opened:
        context.close()


def _py(feedback) -> str:
    """Feedback.html() as the browser serializes it (innerHTML writes ' and " in text bare)."""
    return feedback.html().replace("&#x27;", "'").replace("&quot;", '"')


def _form(page, title: str):
    form = page.locator(f'[data-cnn-exercise][aria-label="연습: {title}"]')
    form.wait_for(state="attached")
    page.wait_for_function("el => el.hasAttribute('data-cnn-ready')", arg=form.element_handle())
    form.scroll_into_view_if_needed()
    return form


def _answer(form, text: str, key: str = "main") -> str:
    form.locator(f'[data-cnn-answer="{key}"]').fill(text)
    form.locator(f'button[data-cnn-check="{key}"]').click()
    return form.locator('[data-cnn-slot="feedback"]').inner_html()


def _statement(form) -> str:
    return form.locator('[data-cnn-slot="statement"]').inner_html()


def _new_problems_differ(form, count: int = 10) -> None:
    seen = {_statement(form)}
    for _ in range(count - 1):
        form.locator('button[data-cnn-nav="new"]').click()
        assert (
            form.locator('[data-cnn-slot="feedback"]').inner_html() == ""
        )  # cleared, as in the widget
        seen.add(_statement(form))
    assert len(seen) == count, f"새 문제 moved through {len(seen)} different problems, not {count}"


def test_number_reading_agrees_with_parse_number(open_page):
    page, errors = open_page("chapters/01_filter.html")
    page.wait_for_function("() => window.cnnExercises !== undefined")
    rules = {name: static.number_rule(**rule) for name, rule in TABLE["rules"].items()}
    got = page.evaluate(
        """([cases, rules]) => cases.map(([text, rule]) =>
        window.cnnExercises.parseNumber(text, rules[rule], false))""",
        [TABLE["cases"], rules],
    )
    for (text, rule, _), js in zip(TABLE["cases"], got, strict=True):
        parsed = ex.parse_number(text, **TABLE["rules"][rule])
        assert (js.get("value"), js.get("hint")) == (parsed.value, parsed.hint), (text, rule)
    assert not errors, errors


def test_multiply_sum_answers(open_page):
    page, errors = open_page("chapters/01_filter.html")
    form = _form(page, "곱과 합 계산하기")
    for seed in (0, 1):
        problem = ex.multiply_sum_problem(seed)
        for text in (
            "열두",
            "",
            str(problem.answer + 3),
            "-17",
            "1,234",
            "2.5",
            str(problem.answer),
        ):
            assert _answer(form, text) == _py(ex.check_multiply_sum(problem, text)), (seed, text)
        form.locator('button[data-cnn-nav="new"]').click()
    _new_problems_differ(form)
    assert not form.locator("img").count() and not errors, errors


def test_sliding_answers_and_moves_on(open_page):
    page, errors = open_page("chapters/02_window_sliding.html")
    form = _form(page, "윈도 슬라이딩 따라가기")
    step = form.locator('[data-cnn-slot="step"]')
    figure = form.locator('img[data-cnn-slot="figure"]')
    first = figure.get_attribute("src")
    for text in ("abc", "-5", "0.5"):
        assert _answer(form, text) == _py(ex.check_next_value(SLIDE_X, SLIDE_K, 0, text)), text
    right = str(ex.sliding_frame(SLIDE_X, SLIDE_K, 1).value)
    assert _answer(form, right) == _py(ex.check_next_value(SLIDE_X, SLIDE_K, 0, right))
    assert step.inner_text() == "단계 2/9" and figure.get_attribute("src") != first  # moved on
    assert "단계 2" in figure.get_attribute("alt")
    for _ in range(10):
        if form.locator('button[data-cnn-nav="1"]').is_disabled():
            break
        form.locator('button[data-cnn-nav="1"]').click()
    assert step.inner_text() == "단계 9/9"
    assert _answer(form, "3") == _py(ex.check_next_value(SLIDE_X, SLIDE_K, 8, "3"))
    assert not errors, errors


def test_pooling_answers(open_page):
    page, errors = open_page("chapters/05_pooling.html")
    form = _form(page, "풀링 값 예측하기")
    for region, kind, text in (
        ("왼쪽 위", "max", "6"),
        ("오른쪽 아래", "average", "6"),
        ("오른쪽 위", "average", "5.25"),
        ("왼쪽 아래", "max", "셋"),
    ):
        form.locator('[data-cnn-param="region"]').select_option(region)
        form.locator('[data-cnn-param="kind"]').select_option(kind)
        assert _answer(form, text) == _py(ex.check_pooling(ex.POOLING_MATRIX, region, kind, text))
    assert not errors, errors


def test_size_quiz_answers_and_keeps_score(open_page):
    page, errors = open_page("chapters/06_cnn_structure.html")
    form = _form(page, "특성 맵 크기 퀴즈")
    problem = ex.size_problem(6)

    def check(text):
        return _py(ex.check_size_answer(problem, text))

    for text in ("3.5", "-1", "", str(problem.answer + 1), str(problem.answer)):
        assert _answer(form, text) == check(text), text
    score = ex.Score()
    for text in ("3.5", "-1", "", str(problem.answer + 1), str(problem.answer)):
        score.record(ex.check_size_answer(problem, text))
    assert form.locator('[data-cnn-slot="score"]').inner_text() == str(score)
    _new_problems_differ(form)
    assert not errors, errors


def test_param_quiz_answers(open_page):
    page, errors = open_page("chapters/07_keras_lab.html")
    form = _form(page, "파라미터 개수 퀴즈")
    for q in ex.PARAM_QUESTIONS:
        for text in (str(q.answer - q.biases), "12,345", "개수", f"{q.answer:,}"):
            html = _py(ex.check_param_answer(q.key, text))
            assert _answer(form, text, q.key) == html, (q.key, text)
            assert form.locator(f'[data-cnn-result="{q.key}"]').inner_html() == html
    assert not errors, errors


def test_filter_reading_answers(open_page):
    page, errors = open_page("chapters/08_visualization.html")
    form = _form(page, "필터 읽기")
    figure = form.locator('img[data-cnn-slot="figure"]')
    for seed in (0, 1):
        problem = ex.filter_reading_problem(seed)
        before = figure.get_attribute("src")
        for kind in ex.FILTER_KINDS:
            form.locator(f'button[data-cnn-choice="{kind}"]').click()
            feedback = form.locator('[data-cnn-slot="feedback"]').inner_html()
            assert feedback == _py(ex.check_filter_reading(problem, kind)), (seed, kind)
        assert figure.get_attribute("src") != before, "the feature map appears once answered"
        form.locator('button[data-cnn-nav="new"]').click()
    _new_problems_differ(form)
    assert not errors, errors


@pytest.mark.parametrize(
    "chapter, title",
    [
        ("chapters/02_window_sliding", "필터 설계하기"),
        ("chapters/03_padding", "패딩·스트라이드 탐색기"),
        ("chapters/04_stride", "패딩·스트라이드 탐색기"),
    ],
)
def test_explorers_point_to_colab(open_page, chapter, title):
    page, errors = open_page(f"{chapter}.html")
    form = page.locator(f'[data-cnn-exercise][aria-label="연습: {title}"]')
    assert "노트북을 실행해야 움직입니다" in form.inner_text()
    assert form.locator("a.cnn-ex-colab").get_attribute("href") == _colab_url(chapter)
    assert form.locator("input, button, select").count() == 0
    assert page.locator(".jupyter-widgets").count() == 0, "a live-looking widget without a kernel"
    assert not errors, errors


def test_exercises_fit_a_phone(open_page):
    """At 390 px the exercise forms do not widen the page; screenshots for a look."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for chapter, title in (("08_visualization", "필터 읽기"),):
        for width in (1280, 390):
            page, errors = open_page(f"chapters/{chapter}.html", width=width)
            form = _form(page, title)
            form.locator("button[data-cnn-check]").first.click()
            form.screenshot(path=str(SHOTS / f"exercise-{chapter}-{width}.png"))
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, f"{chapter} at {width}px is {overflow}px too wide"
            assert not errors, errors


# --------------------------------------------------------------------------- Korean theme strings

#: English a Korean reader still meets in the theme, and why it stays.
ENGLISH_THAT_STAYS = {
    "Ctrl": "the key's name as printed on the keyboard (search shortcut Ctrl+K)",
    "K": "the key's name as printed on the keyboard (search shortcut Ctrl+K)",
    "Colab": "the product's name (the launch button)",
    ".ipynb": "a file type in the download menu",
    ".md": "a file type in the download menu",
    ".pdf": "a file type in the download menu (the browser's print dialog)",
    "Copy": "sphinx-copybutton 0.5.2's tooltip on code cells: it has no Korean messages and no "
    "setting "
    "for them (only a fork of its script could change it)",
    "Copy to clipboard": "the same sphinx-copybutton icon title",
}

# Text of the book itself (titles, the table of contents, the footer the book writes) is not
# theme text.
_CHROME_TEXT = """() => {
  const skip = "article.bd-article, .bd-toc-nav, .bd-toc, .page-toc, .bd-sidenav, .navbar-brand, "
    + ".prev-next-title, "
    + ".component-author, .extra_footer, .bd-links__title, .caption-text, #searchbox + *";
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    const text = n.textContent.trim();
    if (!text || !el || el.closest("script, style, noscript") || el.closest(skip)) continue;
    if (el.checkVisibility && !el.checkVisibility()) continue;
    out.push(text);
  }
  document.querySelectorAll(
      "article.bd-article summary, article.bd-article .toggle-details__summary")
    .forEach(s => out.push(s.innerText.trim()));
  document.querySelectorAll("[placeholder], [title], [data-tooltip]").forEach(el => {
    if (el.closest("article.bd-article") && !el.closest(".cell_input, .copybtn, summary")) return;
    if (el.matches("a, link")) return;   // a link's title is the title of the page it leads to
    ["placeholder", "title", "data-tooltip"].forEach(
      a => el.getAttribute(a) && out.push(el.getAttribute(a)));
  });
  document.querySelectorAll("button.copybtn title, svg title")
    .forEach(t => out.push(t.textContent.trim()));
  return out;
}"""


def test_theme_speaks_korean(open_page):
    """Every page's visible theme text (tooltips, placeholders too) is Korean, or listed above."""
    import re

    pages = sorted(
        p.relative_to(HTML).as_posix()
        for p in HTML.rglob("*.html")
        if not {"_sources", "_static", "vendor"} & set(p.relative_to(HTML).parts)
        and p.name != "index.html"
    )  # index.html only redirects to intro.html
    assert len(pages) >= 11, pages
    found: dict[str, set[str]] = {}
    page, _ = open_page(pages[0])
    for path in pages:
        page.goto(
            page.url.rsplit("/", 1)[0].rsplit("/chapters", 1)[0] + "/" + path, wait_until="load"
        )
        for text in page.evaluate(_CHROME_TEXT):
            for chunk in re.split(r"[\s·:|()]+", text):
                if re.search(r"[A-Za-z]{2,}", chunk) or chunk == "K":
                    if chunk not in ENGLISH_THAT_STAYS and text not in ENGLISH_THAT_STAYS:
                        found.setdefault(text, set()).add(path)
    assert not found, "\n".join(f"{text!r} on {sorted(paths)[:3]}" for text, paths in found.items())
    assert "코드 셀 보기" in (HTML / "chapters" / "01_filter.html").read_text(encoding="utf-8")
