"""Every page readable at the size a reader sees it: desktop, phones, light and dark.

One load of each page (offline, headless Chromium), then the same page at 1280 px (light
and dark), 390 px and 360 px:

- no page is wider than the screen;
- on the desktop no figure is shown at less than half its drawn width, and no output is cut
  off sideways (text outputs wrap); on a phone only box-drawn tables (Keras's summary) may
  scroll inside their own box, and figures shown small open at full size when tapped
  (an animation steps in place instead; its frames are drawn narrow);
- no request leaves the book (no CDN), no console error.

Screenshots of every page go to _build/screenshots/readability/ (desktop, phone, dark).
"""

from __future__ import annotations

import pytest

from tests import helpers
from tests.helpers import CHAPTERS, HTML, ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = ROOT / "_build" / "screenshots" / "readability"
PAGES = [f"{c}.html" for c in CHAPTERS] + [
    "intro.html",
    "glossary.html",
    "instructor.html",
    "changelog.html",
]

_MEASURE = """() => {
  const visible = el => el.offsetParent !== null && el.clientWidth > 0;
  const images = [...document.querySelectorAll(".bd-article img")]
    .filter(i => visible(i) && i.naturalWidth > 0 && !i.closest(".cnn-zoom"))
    .map(i => ({src: i.src.startsWith("data:") ? i.alt.slice(0, 40) : i.src.split("/").pop(),
                drawn: i.naturalWidth, shown: i.clientWidth,
                zoomable: i.classList.contains("cnn-zoomable") || !!i.closest(".animation")}));
  const outputs = [...document.querySelectorAll(".cell_output pre")]
    .filter(visible)
    .map(p => ({over: p.scrollWidth - p.clientWidth, boxes: /[━─│┃]/.test(p.textContent),
                text: p.textContent.trim().slice(0, 60)}));
  return {wider: document.documentElement.scrollWidth - window.innerWidth, images, outputs};
}"""


@pytest.fixture(scope="module")
def site(build_log):
    assert build_log.returncode == 0, "the book did not build"
    with helpers.serve(HTML) as url, helpers.browser() as chromium:
        yield url, chromium


def _settle(page):
    page.wait_for_timeout(300)  # layout after a resize; figure-zoom.js re-marks on resize
    page.evaluate("() => window.dispatchEvent(new Event('resize'))")
    page.wait_for_timeout(100)


@pytest.mark.parametrize("path", PAGES)
def test_page_is_readable_on_desktop_and_phones_in_both_themes(site, path):
    url, chromium = site
    name = path.removesuffix(".html").replace("/", "-")
    context, page, errors, blocked = helpers.open_page(
        chromium, url, path, width=1280, timeout_ms=60000
    )
    try:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.wait_for_load_state("networkidle")
        _settle(page)
        desktop = page.evaluate(_MEASURE)
        assert desktop["wider"] <= 0, f"{path}: {desktop['wider']} px wider than 1280 px"
        small = [i for i in desktop["images"] if i["shown"] * 2 < i["drawn"]]
        assert not small, f"{path}: figures shown at less than half their width: {small}"
        cut = [o for o in desktop["outputs"] if o["over"] > 1]
        assert not cut, f"{path}: outputs cut off at 1280 px: {cut}"
        page.screenshot(path=str(SHOTS / f"{name}-1280.png"), full_page=True)

        page.evaluate("() => { document.documentElement.dataset.theme = 'dark'; }")
        page.wait_for_timeout(200)
        page.screenshot(path=str(SHOTS / f"{name}-1280-dark.png"), full_page=True)
        page.evaluate("() => { document.documentElement.dataset.theme = 'light'; }")

        for width in (390, 360):
            page.set_viewport_size({"width": width, "height": 800})
            _settle(page)
            phone = page.evaluate(_MEASURE)
            assert phone["wider"] <= 0, f"{path}: {phone['wider']} px wider than {width} px"
            cut = [o for o in phone["outputs"] if o["over"] > 1 and not o["boxes"]]
            assert not cut, f"{path}: outputs cut off at {width} px: {cut}"
            unzoomable = [
                i for i in phone["images"] if i["shown"] * 1.25 < i["drawn"] and not i["zoomable"]
            ]
            assert not unzoomable, f"{path}: small figures that cannot be opened: {unzoomable}"
            if width == 390:
                page.screenshot(path=str(SHOTS / f"{name}-390.png"), full_page=True)
        assert not blocked, f"{path}: requests outside the book: {blocked}"
        assert not errors, errors
    finally:
        context.close()


def test_a_small_figure_opens_at_full_size_on_a_phone(site):
    url, chromium = site
    context, page, errors, _ = helpers.open_page(
        chromium, url, "chapters/02_window_sliding.html", width=390, timeout_ms=60000
    )
    try:
        page.wait_for_load_state("networkidle")
        figure = page.locator("img.cnn-zoomable").first
        figure.scroll_into_view_if_needed()
        figure.click()
        dialog = page.locator("dialog.cnn-zoom[open]")
        dialog.wait_for(timeout=5000)
        width = dialog.locator("img").evaluate("i => i.clientWidth")
        drawn = figure.evaluate("i => i.naturalWidth")
        assert width == drawn, (width, drawn)
        page.keyboard.press("Escape")
        page.wait_for_selector("dialog.cnn-zoom[open]", state="detached", timeout=5000)
        # the keyboard way in: focus the figure, press Enter
        figure.focus()
        page.keyboard.press("Enter")
        dialog.wait_for(timeout=5000)
        page.locator("dialog.cnn-zoom button", has_text="닫기").click()
        assert page.locator("dialog.cnn-zoom[open]").count() == 0
        assert not errors, errors
    finally:
        context.close()
