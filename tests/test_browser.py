"""The built book in a real browser (headless Chromium), offline.

Serves _build/html on localhost, blocks every other host, opens every chapter
and checks what a student would see: title and heading, figures that load,
no error output, no JavaScript error from the book's own scripts, animations
that step, the Colab button, and widgets rendered from the stored state.
Writes one screenshot per page to _build/screenshots/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cnn_utils import viz
from tests import helpers
from tests.helpers import CHAPTERS, HTML, ROOT, chapter_heading, colab_url

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = ROOT / "_build" / "screenshots"
NEXT_FRAME = viz.ANIMATION_BUTTONS["next_frame"][1]  # the animation button's tooltip


@pytest.fixture(scope="module")
def site(build_log):
    assert build_log.returncode == 0, "the book did not build"
    with helpers.serve(HTML) as url, helpers.browser() as chromium:
        yield url, chromium


def _open(site, path: str):
    url, chromium = site
    # the first page also waits for Chromium's start-up work: a longer timeout
    return helpers.open_page(chromium, url, path, height=1600, timeout_ms=60000)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_page_in_the_browser(site, chapter):
    context, page, errors, blocked = _open(site, f"{chapter}.html")
    try:
        heading = chapter_heading(chapter)
        assert heading in page.title() and "합성곱 신경망으로 패션 아이템 분류하기" in page.title()
        assert heading in page.locator("h1").first.inner_text()
        loaded = page.eval_on_selector_all(
            "main img", "els => els.filter(e => e.complete && e.naturalWidth > 0).length"
        )
        assert loaded >= 1, "no figure image loaded"
        broken = page.eval_on_selector_all(
            "main img", "els => els.filter(e => e.complete && e.naturalWidth === 0).map(e => e.src)"
        )
        assert not broken, broken
        outputs = page.locator(".cell_output").all_inner_texts()
        assert not [t for t in outputs if "Traceback" in t], "an output shows a traceback"
        assert page.locator(".output.error, .output.traceback").count() == 0
        stderr = page.locator(".output.stderr").all_inner_texts()
        assert not [t for t in stderr if "Error" in t], stderr
        colab = colab_url(chapter)
        assert page.locator(f'a[href="{colab}"]').count() >= 1, "no Colab launch button"
        if page.locator(".anim-controls").count():
            image = page.locator("img[id^='_anim_img']").first
            before = image.get_attribute("src")
            page.locator(f".anim-controls button[title='{NEXT_FRAME}']").first.click()
            page.wait_for_function(
                "([id, src]) => document.getElementById(id).src !== src",
                arg=[image.get_attribute("id"), before],
                timeout=5000,
            )
        if "application/vnd.jupyter.widget-view+json" in page.content():
            page.wait_for_selector(
                ".jupyter-widgets", state="attached", timeout=20000
            )  # from the stored state
        if page.locator("[data-cnn-exercise] script[data-cnn-data]").count():  # static exercises
            page.wait_for_selector(
                "[data-cnn-exercise][data-cnn-ready]", state="attached", timeout=20000
            )
        # MathJax (vendored) typeset the formulas: SVG output, no raw TeX left
        if page.locator("span.math, div.math").count():
            page.wait_for_selector("mjx-container", state="attached", timeout=20000)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{Path(chapter).name}.png"), full_page=True)
        assert not errors, errors
        assert not [u for u in blocked if "/_static/" in u], blocked
    finally:
        context.close()


def test_intro_and_glossary_in_the_browser(site):
    for path in ("intro.html", "glossary.html", "instructor.html"):
        context, page, errors, _ = _open(site, path)
        try:
            assert "합성곱 신경망으로 패션 아이템 분류하기" in page.title()
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / path.replace(".html", ".png")), full_page=True)
            assert not errors, errors
        finally:
            context.close()


def test_exercises_render_offline(site):
    """Exercises show their static form, with controls, without a kernel or internet.

    (tests/test_browser_exercises.py checks that they answer as the notebook does.)
    """
    context, page, errors, blocked = _open(site, "chapters/01_filter.html")
    try:
        page.wait_for_selector("[data-cnn-exercise][data-cnn-ready]", timeout=20000)
        buttons = page.locator("[data-cnn-exercise] button").all_inner_texts()
        assert "확인" in [t.strip() for t in buttons], buttons
        assert page.locator("[data-cnn-exercise] input[type='text']").count() >= 1
        assert page.locator(".jupyter-widgets").count() == 0  # no live-looking widget, no kernel
        assert not errors, errors
    finally:
        context.close()


def test_search_finds_korean_words(site):
    context, page, errors, _ = _open(site, "search.html?q=" + "패딩")
    try:
        page.wait_for_selector("#search-results li", timeout=20000)
        results = page.locator("#search-results li a").all_inner_texts()
        assert any("패딩" in r for r in results), results
        assert not errors, errors
    finally:
        context.close()


def test_screenshots_cover_every_chapter(site):
    # runs after the page tests (same module, file order)
    names = {p.stem for p in SHOTS.glob("*.png")}
    assert {Path(c).name for c in CHAPTERS} <= names, names
    manifest = {p.name: p.stat().st_size for p in sorted(SHOTS.glob("*.png"))}
    (SHOTS / "index.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    assert all(size > 20_000 for size in manifest.values()), manifest
