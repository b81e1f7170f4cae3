"""Every page readable at the size a reader sees it: desktop, phones, light and dark.

One load of each page (offline, headless Chromium), then the same page at 1280 px (light
and dark), 390 px and 360 px:

- no page is wider than the screen;
- on the desktop no figure is shown at less than half its drawn width, and no output is cut
  off sideways (text outputs wrap); only tables may scroll inside their own box: box-drawn
  ones (Keras's summary) and text outputs in columns (cnn-outputs.js marks them; they keep
  their rows on one line); on a phone figures shown small open at full size when tapped
  (an animation steps in place instead; its frames are drawn narrow);
- on a phone nothing is cut at the right edge: no control (button, menu, box, slider),
  no equation and no table reaches past the screen or past a box that clips it (a table may
  scroll inside its box); Korean words in outputs are not split across lines; the header
  shows at most five icons, the book's contents and search among them;
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

#: The width a figure is drawn for, as _static/figure-zoom.js reads it: the book's figures are
#: PNGs with twice the pixels and their width in their style or width attribute.
DRAWN_WIDTH = "parseFloat(i.style.width) || parseFloat(i.getAttribute('width')) || i.naturalWidth"

_MEASURE = (
    """() => {
  const visible = el => el.offsetParent !== null && el.clientWidth > 0;
  const images = [...document.querySelectorAll(".bd-article img")]
    .filter(i => visible(i) && i.naturalWidth > 0 && !i.closest(".cnn-zoom"))
    .map(i => ({src: i.src.startsWith("data:") ? i.alt.slice(0, 40) : i.src.split("/").pop(),
                drawn: """
    + DRAWN_WIDTH
    + """, shown: i.clientWidth,
                zoomable: i.classList.contains("cnn-zoomable") || !!i.closest(".animation")}));
  const outputs = [...document.querySelectorAll(".cell_output pre")]
    .filter(visible)
    .map(p => ({over: p.scrollWidth - p.clientWidth, boxes: /[━─│┃]/.test(p.textContent),
                table: p.classList.contains("cnn-table-output"),
                wraps: getComputedStyle(p).whiteSpace !== "pre",
                text: p.textContent.trim().slice(0, 60)}));
  // How far an element reaches past what shows of it: the screen's right edge, or the right
  // edge of a box around it that clips. A scrolling box clips too, unless the element may
  // scroll (a table): then the box shows all of it, and the box itself must fit the page.
  const shown = el => el.getClientRects().length > 0 &&
    getComputedStyle(el).visibility !== "hidden";
  const past = (el, scrolls) => {
    let right = document.documentElement.clientWidth;
    for (let box = el.parentElement; box; box = box.parentElement) {
      const overflow = getComputedStyle(box).overflowX;
      if (scrolls && (overflow === "auto" || overflow === "scroll")) {
        return 0;
      }
      if (overflow !== "visible") {
        right = Math.min(right, box.getBoundingClientRect().right);
      }
    }
    return Math.round(el.getBoundingClientRect().right - right);
  };
  const name = el => (el.getAttribute("aria-label") || el.getAttribute("title") ||
    el.textContent || el.tagName).trim().slice(0, 40);
  const article = ".bd-article :is(button, select, input, textarea, [role=slider])";
  const controls = [...document.querySelectorAll(article)]
    .filter(el => shown(el) && !el.closest(".cnn-walk"))
    .map(el => ({name: name(el), past: past(el, false)})).filter(c => c.past > 1);
  const equations = [...document.querySelectorAll(".bd-article mjx-container")].filter(shown)
    .map(m => ({name: (m.querySelector("mjx-assistive-mml") || m).textContent.slice(0, 40),
                past: Math.max(past(m, false), m.getAttribute("display") === "true" ?
                               m.scrollWidth - m.clientWidth : 0)}))
    .filter(e => e.past > 1);
  const tables = [...document.querySelectorAll(".bd-article table")]
    .filter(t => shown(t) && !t.closest(".cnn-walk"))
    .map(t => ({name: (t.className || "table") + ": " + t.textContent.trim().slice(0, 30),
                past: past(t, true)}))
    .filter(t => t.past > 1);
  // Korean words split between lines in outputs: two syllables in a row on different lines
  const split = [];
  const hangul = /[\uac00-\ud7a3]/;
  for (const pre of document.querySelectorAll(".cell_output pre")) {
    if (!shown(pre) || split.length > 5) { continue; }
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let previous = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent;
      for (let k = 0; k < text.length; k += 1) {
        if (!hangul.test(text[k])) { previous = null; continue; }
        range.setStart(node, k);
        range.setEnd(node, k + 1);
        const box = range.getBoundingClientRect();
        if (previous && box.top >= previous.bottom - 1) {
          split.push(text.slice(Math.max(0, k - 4), k) + "/" + text.slice(k, k + 4));
        }
        previous = box;
      }
    }
  }
  const icons = [...document.querySelectorAll(
      ".bd-header-article :is(button.pst-navbar-icon, button.dropdown-toggle, .sidebar-toggle)")]
    .filter(shown).map(name);
  return {wider: document.documentElement.scrollWidth - window.innerWidth, images, outputs,
          controls, equations, tables, split, icons};
}"""
)


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
        cut = [o for o in desktop["outputs"] if o["over"] > 1 and not (o["boxes"] or o["table"])]
        assert not cut, f"{path}: outputs cut off at 1280 px: {cut}"
        wrapped = [o for o in desktop["outputs"] if o["table"] and o["wraps"]]
        assert not wrapped, f"{path}: tables in outputs that wrap their rows: {wrapped}"
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
            cut = [o for o in phone["outputs"] if o["over"] > 1 and not (o["boxes"] or o["table"])]
            assert not cut, f"{path}: outputs cut off at {width} px: {cut}"
            for kind in ("controls", "equations", "tables"):
                assert not phone[kind], f"{path}: {kind} cut off at {width} px: {phone[kind]}"
            assert not phone["split"], f"{path}: Korean words split at {width} px: {phone['split']}"
            icons = phone["icons"]
            assert len(icons) <= 5, f"{path}: {len(icons)} header icons at {width} px: {icons}"
            assert "검색" in icons and "책 목차 열기·닫기" in icons, icons
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
        drawn = figure.evaluate(f"i => {DRAWN_WIDTH}")
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
