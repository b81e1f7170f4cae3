"""The exercises of the built web book answer without a kernel (headless Chromium, offline).

Every form of every chapter, as a new user would try it: the right answer, a wrong one and a
non-number give the feedback cnn_utils.answers.judge gives for the data the form carries; 새 문제
and the steps change the problem; the score counts a question once; changing a menu clears the
verdict; the explorers follow their menus with Python's numbers. Pages are served on 127.0.0.1;
every other host is blocked, and no page logs an error. (tests/test_answers.py runs the script's
logic on the whole conformance table under Node; this is the end-to-end pass.)
"""

from __future__ import annotations

import numpy as np
import pytest

from cnn_utils import answers
from cnn_utils import exercises as ex
from tests import helpers
from tests.helpers import CHAPTERS, HTML

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = HTML.parent / "screenshots"


@pytest.fixture(scope="module")
def site(build_log):
    assert build_log.returncode == 0, "the book did not build"
    with helpers.serve(HTML) as url, helpers.browser() as chromium:
        yield url, chromium


@pytest.fixture
def open_page(site):
    url, chromium = site
    opened = []

    def open_(path: str, width: int = 1280):
        context, page, errors, _ = helpers.open_page(chromium, url, path, width=width)
        opened.append(context)
        return page, errors

    yield open_
    for context in opened:
        context.close()


def _group(data: dict) -> answers.Group:
    fields = []
    for f in data["fields"]:
        if f["kind"] == "number":
            fields.append(
                answers.NumberField(
                    f["key"], f["name"], f["placeholder"], f["integer"], f["minimum"], f["maximum"]
                )
            )
        elif f["kind"] == "shape":
            fields.append(
                answers.ShapeField(f["key"], f["name"], f["placeholder"], f["max_length"])
            )
        else:
            options = tuple(map(tuple, f["options"]))
            fields.append(
                answers.ChoiceField(f["key"], f["name"], f["placeholder"], options, f["menu"])
            )
    return answers.Group(data["key"], tuple(fields), data["prompt"], data["button"])


def _value(v):
    return tuple(v) if isinstance(v, list) else v


def _check(data: dict) -> answers.Check:
    cases = tuple(
        answers.Case(
            c["say"],
            tuple(c["wrong"]),
            tuple((k, _value(v)) for k, v in c["equal"]),
            c.get("mistake", ""),
            c.get("hint", ""),
        )
        for c in data["cases"]
    )
    return answers.Check(
        {k: _value(v) for k, v in data["answer"].items()},
        data["right"],
        cases,
        data["advance"],
        data["within"],
        data["hint"],
    )


def _text(value) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _forms(page):
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-cnn-exercise]')]"
        ".every(f => f.hasAttribute('data-cnn-ready'))"
    )
    return page.locator("[data-cnn-exercise]")


def _data(form) -> dict:
    return form.evaluate("f => JSON.parse(f.querySelector('script[data-cnn-data]').textContent)")


def _say(form, group: str) -> tuple[bool | None, str]:
    """The verdict and message the form shows under a group."""
    box = form.locator(f'[data-cnn-feedback="{group}"] .cnn-ex-verdict')
    kind = box.get_attribute("class").split("cnn-ex-")[-1]
    message = box.evaluate(
        "e => e.innerHTML.replace(/^<span[^>]*><b[^>]*>.*?<\\/b> /, '')"
        ".replace('</span>', '').replace(/<br>/g, '\\n')"
    )
    message = message.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return {"right": True, "wrong": False, "hint": None}[kind], message


def _enter(form, group: answers.Group, typed: dict) -> None:
    """Type (or click) an answer into a group and check it, as a student does."""
    row = form.locator(f'[data-cnn-group="{group.key}"]')
    for field in group.fields:
        if isinstance(field, answers.ChoiceField) and not field.menu:
            row.locator(f'button[data-cnn-choice="{typed[field.key]}"]').click()
            return
        box = row.locator(f'[data-cnn-field="{field.key}"]')
        if isinstance(field, answers.ChoiceField):  # a menu
            box.select_option(typed[field.key])
        else:
            box.fill(typed[field.key])
    button = row.locator("button[data-cnn-check]")
    if button.count():
        button.click()
    else:
        form.locator('button[data-cnn-check="*"]').click()


def _tries(group: answers.Group, check: answers.Check):
    right = {k: _text(v) for k, v in check.answer.items()}
    yield right
    first = group.fields[0]
    if isinstance(first, answers.ChoiceField):  # every button; a menu: two wrong picks and none
        values = [v for v, _ in first.options]
        if first.menu:
            values = [v for v in values if v != right[first.key]][:2] + [""]
        for value in values:
            yield {**right, first.key: value}
        return
    wrong = "1, 2, 3" if isinstance(first, answers.ShapeField) else str(check.answer[first.key] + 7)
    for text in (wrong, "열두", "<b>1</b>"):
        yield {**right, first.key: text}


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_form_answers_like_the_notebook(open_page, chapter):
    page, errors = open_page(f"{chapter}.html")
    forms = _forms(page)
    assert forms.count() >= 1
    for n in range(forms.count()):
        form = forms.nth(n)
        data = _data(form)
        if data.get("kind"):
            continue  # the explorers: tests below
        form.scroll_into_view_if_needed()
        assert "노트북을 실행해야" not in form.inner_text()
        params = {p["name"]: p["options"][0][0] for p in data["params"]}
        variant = "".join(f"|{v}" for v in params.values())
        for g in data["groups"]:
            group = _group(g)
            key = g["key"] + variant
            if key not in data["problems"][0]["checks"]:
                continue
            check = _check(data["problems"][0]["checks"][key])
            wrong = 0  # wrong answers told since the problem was shown: a retry, then worked
            for typed in _tries(group, check):
                if check.advance and form.locator('[data-cnn-slot="step"]').count():
                    form.locator('button[data-cnn-nav="restart"]').click()
                    wrong = 0
                _enter(form, group, typed)
                expected = answers.judge(group, check, typed, wrong)
                wrong += expected.correct is False
                assert _say(form, g["key"]) == (expected.correct, expected.message), (
                    data["title"],
                    typed,
                )
    assert not errors, errors


def test_new_problems_and_the_score(open_page):
    page, errors = open_page("chapters/06_cnn_structure.html")
    form = page.locator('[data-cnn-exercise="size-quiz"]')
    _forms(page)
    data = _data(form)
    statements = set()
    for _ in range(ex.BANK):
        statements.add(form.locator('[data-cnn-slot="statement"]').inner_html())
        form.locator('button[data-cnn-nav="new"]').click()
        assert form.locator('[data-cnn-feedback="main"]').inner_html() == ""
    assert len(statements) >= 10
    answer = _text(data["problems"][0]["checks"]["main"]["answer"]["main"])
    for _ in range(5):  # cycled back to the first problem: a right answer, checked five times
        form.locator('[data-cnn-field="main"]').fill(answer)
        form.locator('button[data-cnn-check="main"]').click()
    form.locator('button[data-cnn-nav="new"]').click()
    form.locator('[data-cnn-field="main"]').fill("9999")
    form.locator('button[data-cnn-check="main"]').click()
    form.locator('button[data-cnn-check="main"]').click()
    assert form.locator('[data-cnn-slot="score"]').inner_text() == "점수: 1 / 2"
    assert not errors, errors


def test_a_menu_change_clears_the_verdict(open_page):
    page, errors = open_page("chapters/05_pooling.html")
    _forms(page)
    form = page.locator('[data-cnn-exercise="pooling"]')
    form.locator('[data-cnn-param="region"]').select_option("왼쪽 위")
    form.locator('[data-cnn-param="kind"]').select_option("max")
    form.locator('[data-cnn-field="main"]').fill("6")
    form.locator('button[data-cnn-check="main"]').click()
    assert _say(form, "main")[0] is True
    form.locator('[data-cnn-param="kind"]').select_option("average")
    assert form.locator('[data-cnn-feedback="main"]').inner_html() == ""
    assert not errors, errors


def test_steps_keep_the_keyboard_and_start_again(open_page):
    page, errors = open_page("chapters/02_window_sliding.html")
    _forms(page)
    form = page.locator('[data-cnn-exercise="sliding"]')
    step = form.locator('[data-cnn-slot="step"]')
    total = int(step.inner_text().split("/")[1])
    form.locator('button[data-cnn-nav="next"]').focus()
    for _ in range(total - 1):
        page.keyboard.press("Enter")
    assert step.inner_text() == f"단계 {total}/{total}"
    assert form.locator('[data-cnn-field="main"]').is_disabled()
    focused = page.evaluate("() => document.activeElement.getAttribute('data-cnn-nav')")
    assert focused == "restart", focused  # not lost to the page body: the next thing to do
    page.keyboard.press("Enter")
    assert step.inner_text() == f"단계 1/{total}"
    assert not form.locator('[data-cnn-field="main"]').is_disabled()
    form.locator('button[data-cnn-nav="next"]').click()
    form.locator('button[data-cnn-nav="prev"]').focus()
    page.keyboard.press("Enter")  # back at the first step: 이전 turns itself off
    assert page.evaluate("() => document.activeElement.getAttribute('data-cnn-nav')") == "next"
    assert not errors, errors


@pytest.mark.parametrize(
    "chapter, key", [("02_window_sliding", "sliding"), ("04_stride", "stride-steps")]
)
def test_a_step_exercise_can_be_done_with_the_keyboard_alone(open_page, chapter, key):
    """Type each step's answer (Tab between boxes) and press Enter: every step moves on, and the
    last Enter does not press 처음부터, where the focus goes once the boxes are done."""
    page, errors = open_page(f"chapters/{chapter}.html")
    _forms(page)
    form = page.locator(f'[data-cnn-exercise="{key}"]')
    data = _data(form)
    fields = [f["key"] for f in data["groups"][0]["fields"]]
    step, total = form.locator('[data-cnn-slot="step"]'), len(data["problems"])
    for k in range(total - 1):
        answer = data["problems"][k]["checks"]["main"]["answer"]
        form.locator(f'[data-cnn-field="{fields[0]}"]').focus()
        for n, field in enumerate(fields):
            if n:
                page.keyboard.press("Tab")
            page.keyboard.type(_text(answer[field]))
        page.keyboard.press("Enter")
        assert step.inner_text() == f"단계 {k + 2}/{total}", (key, k, step.inner_text())
    assert _say(form, "main")[0] is True  # the last answer's verdict stays on screen
    focused = page.evaluate("() => document.activeElement.getAttribute('data-cnn-nav')")
    assert focused == "restart", focused
    assert not errors, errors


def test_the_size_explorer_follows_its_menus(open_page):
    page, errors = open_page("chapters/04_stride.html")
    _forms(page)
    form = page.locator('[data-cnn-exercise="size-explorer"]')
    explorer = ex.SizeExplorer(n=8, f=3, padding="valid", stride=2)
    for n, f, padding, stride in (
        ("8", "3", "valid", "2"),
        ("7", "3", "valid", "2"),
        ("8", "3", "same", "2"),
        ("3", "5", "valid", "1"),
    ):
        for name, value in (("n", n), ("f", f), ("padding", padding), ("stride", stride)):
            form.locator(f'[data-cnn-param="{name}"]').select_option(value)
        report = explorer.report(n=int(n), f=int(f), padding=padding, stride=int(stride))
        shown = form.locator('[data-cnn-slot="report"]').inner_text()
        assert shown == "\n".join(report.message.splitlines()[:2])
        assert ex.explorer_note(report) in form.locator('[data-cnn-slot="note"]').inner_text()
        grid = form.locator('[data-cnn-slot="grid"] table').evaluate("t => t.outerHTML")
        assert grid.replace("<tbody>", "").replace("</tbody>", "") == ex.size_grid_html(report)
    assert not errors, errors


def test_the_filter_designer_computes_in_the_page(open_page):
    page, errors = open_page("chapters/02_window_sliding.html")
    _forms(page)
    form = page.locator('[data-cnn-exercise="filter-designer"]')
    data = _data(form)
    image_name = form.locator('[data-cnn-param="image"]').input_value()
    image = np.array(data["images"][image_name]["values"]).reshape(
        data["images"][image_name]["shape"]
    )
    form.locator('[data-cnn-param="preset"]').select_option("흐림 (blur)")
    kernel = ex.parse_filter(ex.preset_texts("흐림 (blur)"))[0]
    note = form.locator('[data-cnn-slot="note"]')
    assert ex.describe_filter_response(ex.filter_response(image, kernel)) in note.inner_text()
    form.locator('[data-cnn-cell="4"]').fill("x")
    assert "2행 2열" in note.inner_text() and "숫자가 아닙니다" in note.inner_text()
    assert form.locator('canvas[data-cnn-slot="map"]').is_visible()
    assert not errors, errors


def test_exercises_fit_a_phone(open_page):
    """At 390 px the forms do not widen the page; screenshots for a look."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for chapter, key in (("02_window_sliding", "sliding"), ("08_visualization", "filter-reading")):
        for width in (1280, 390):
            page, errors = open_page(f"chapters/{chapter}.html", width=width)
            _forms(page)
            form = page.locator(f'[data-cnn-exercise="{key}"]')
            form.scroll_into_view_if_needed()
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
  const skip = ".reveal .slides, .reveal .aria-status, "
    + "article.bd-article, .bd-toc-nav, .bd-toc, .page-toc, .bd-sidenav, .navbar-brand, "
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
  // the interface inside a chapter: animation controls, permalinks, buttons, zoomable figures
  const control = ".cell_input, .copybtn, summary, .anim-controls, a.headerlink, button, "
    + "img.cnn-zoomable, dialog";
  document.querySelectorAll(
      "[placeholder], [title], [data-tooltip], [aria-label], [data-bs-original-title]")
    .forEach(el => {
      if (el.closest("article.bd-article") && !el.closest(control)) return;
      // a link's title is the title of the page it leads to (a permalink's is interface)
      if (el.matches("a, link") && !el.matches("a.headerlink")) return;
      ["placeholder", "title", "data-tooltip", "aria-label", "data-bs-original-title"].forEach(
        a => el.getAttribute(a) && out.push(el.getAttribute(a)));
    });
  document.querySelectorAll("article.bd-article .anim-controls button, "
      + "article.bd-article .anim-controls label")
    .forEach(el => out.push(el.innerText.trim()));
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
    base = page.url.rsplit("/", 1)[0]  # pages[0] (changelog.html) is at the top of the book
    for path in pages:
        page.goto(f"{base}/{path}", wait_until="load")
        for text in page.evaluate(_CHROME_TEXT):
            if re.search(r"[가-힣]", text):  # Korean, perhaps naming code ("conv2d의 출력 모양")
                continue
            for chunk in re.split(r"[\s·:|()]+", text):
                if re.search(r"[A-Za-z]{2,}", chunk) or chunk == "K":
                    if chunk not in ENGLISH_THAT_STAYS and text not in ENGLISH_THAT_STAYS:
                        found.setdefault(text, set()).add(path)
    assert not found, "\n".join(f"{text!r} on {sorted(paths)[:3]}" for text, paths in found.items())
    assert "코드 셀 보기" in (HTML / "chapters" / "01_filter.html").read_text(encoding="utf-8")


def test_the_sliding_exercise_can_be_solved_on_a_phone(open_page):
    """At 390 px a student reads the matrices, types the next value, and moves on."""
    page, errors = open_page("chapters/02_window_sliding.html", width=390)
    _forms(page)
    form = page.locator('[data-cnn-exercise="sliding"]')
    form.scroll_into_view_if_needed()
    for table in form.locator("table.cnn-matrix").all():
        box = table.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, "a matrix is cut off"
        size = table.evaluate("t => parseFloat(getComputedStyle(t.querySelector('td')).fontSize)")
        assert size >= 12, f"matrix digits of {size} px"
    first = _data(form)["problems"][0]["checks"]["main"]["answer"]["main"]
    form.locator('[data-cnn-field="main"]').fill(str(first))
    form.locator("button[data-cnn-check]").first.click()
    assert _say(form, "main")[0] is True
    assert "단계 2/" in form.inner_text()  # a right answer moves the window on
    form.screenshot(path=str(SHOTS / "exercise-sliding-390-solved.png"))
    assert not errors, errors
