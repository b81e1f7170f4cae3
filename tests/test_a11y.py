"""Accessibility of the web book: WCAG 2.1 AA, checked by axe-core in Chromium.

Every built page of the book is opened in the light and the dark theme and
checked with axe-core (vendored by tools/vendor_js.sh; only these tests load
it) for the WCAG 2.0/2.1 A and AA rules; no serious or critical violation may
remain. A second check reads every <img> in the pages' main content: none may
have an empty alt or one that is a file name or path (a screen reader would
read it out as the figure's description).

Run `python -m tests.test_a11y` to print the violations per rule and theme.
"""

from __future__ import annotations

import collections
import concurrent.futures
import hashlib
import re

import nbformat
import pytest

from cnn_utils.static import STATIC_MIME
from tests import helpers
from tests.helpers import CHAPTER_NOTEBOOKS, HTML

THEMES = ["light", "dark"]
# Rules deliberately not checked, with the reason (none so far).
LEFT_RULES: dict[str, str] = {}


def pages() -> list[str]:
    """The book's pages, relative to _build/html: the intro, chapters, glossary, instructor.

    genindex.html and search.html are left out: the theme alone makes them (the
    book has no index entries; the search page is the theme's search form with
    no content of the book), and their header, sidebar and footer are the same
    as on every page checked here.
    """
    found = sorted(p.relative_to(HTML).as_posix() for p in HTML.glob("*.html"))
    found += sorted(p.relative_to(HTML).as_posix() for p in (HTML / "chapters").glob("*.html"))
    return [p for p in found if p not in {"genindex.html", "search.html", "index.html"}]


def test_vendored_axe_is_the_pinned_one():
    version, digest = helpers.axe_pinned()
    path = helpers.axe_path()
    data = path.read_bytes()
    assert data.startswith(f"/*! axe v{version}\n".encode()), f"{path} is not axe-core {version}"
    assert hashlib.sha256(data).hexdigest() == digest, f"{path} differs from the pinned file"
    assert (path.parent / "LICENSE").read_text().startswith("Mozilla Public License, version 2.0")


def test_no_page_loads_axe(build_log):
    """axe-core is copied into the built book with _offline/ (html_extra_path); no page uses it."""
    assert build_log.returncode == 0, "the book did not build"
    for page in HTML.rglob("*.html"):
        assert "axe-core" not in page.read_text(encoding="utf-8"), f"{page} refers to axe-core"


def _images_of(cell) -> int:
    """How many pictures a code cell's outputs show (PNG/SVG images and Matplotlib animations)."""
    count = 0
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if STATIC_MIME in data or "application/vnd.jupyter.widget-view+json" in data:
            continue  # an exercise's view: its static form carries its own alt texts
        count += "image/png" in data or "image/svg+xml" in data
        count += "_anim_img" in "".join(data.get("text/html", ""))
    return count


def undescribed_figures() -> dict[tuple[str, int], int]:
    """(chapter, code-cell index) -> pictures, for cells with neither a caption nor an alt."""
    found = {}
    for path in CHAPTER_NOTEBOOKS:
        cells = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        for index, cell in enumerate(cells):
            mystnb = cell.metadata.get("mystnb", {})
            described = mystnb.get("figure", {}).get("caption") or mystnb.get("image", {}).get(
                "alt"
            )
            if _images_of(cell) and not described:
                found[path.stem, index] = _images_of(cell)
    return found


def stale_widget_chapters() -> set[str]:
    """Chapters whose stored outputs hold ipywidgets views without their static forms.

    The web book shows an exercise's kernel-less static form (Korean
    names, alt texts, aria-live feedback) instead of the ipywidgets view, whose
    slider handles have no name and whose images no alt. A chapter executed
    before the static forms existed would bring those views back.
    """
    stale = set()
    for path in CHAPTER_NOTEBOOKS:
        text = path.read_text(encoding="utf-8")
        if "application/vnd.jupyter.widget-view+json" in text and STATIC_MIME not in text:
            stale.add(f"chapters/{path.stem}.html")
    return stale


_IMAGES_JS = """() => Array.from(document.querySelectorAll('main article img'))
    .map(img => ({src: (img.getAttribute('src') || '').slice(0, 80),
                  alt: img.getAttribute('alt')}))"""

_FILE_LIKE = re.compile(r"^\S*[/\\]\S*$|\.(png|jpe?g|gif|svg|webp)$", re.I)  # a path, no words


def bad_alt(alt: str | None) -> bool:
    """True for a missing or empty alt, or one that looks like a file name or path.

    >>> bad_alt("../_images/0e35.png"), bad_alt("fig.svg"), bad_alt(""), bad_alt(None)
    (True, True, True, True)
    >>> bad_alt("세로 윤곽선 필터의 특성 맵"), bad_alt("단계 1/9: (0, 0) 자리의 윈도")
    (False, False)
    """
    return not (alt or "").strip() or bool(_FILE_LIKE.search(alt.strip()))


# The rules whose result can depend on the theme; the second theme's pass runs only
# these (every other rule reads names, roles and attributes, which no theme changes).
THEME_RULES = ["color-contrast", "link-in-text-block", "scrollable-region-focusable"]
_SET_THEME_JS = """t => { localStorage.setItem('mode', t); localStorage.setItem('theme', t);
    document.documentElement.dataset.mode = t; document.documentElement.dataset.theme = t; }"""


def audit(url: str, chromium, page_path: str) -> dict[str, tuple[list[dict], list[dict]]]:
    """Per theme: axe's serious/critical violations (one entry per rule), badly-described images.

    The page is loaded once, in the light theme, and switched to the dark one
    the way the theme's own toggle does it (data-theme on <html>).
    """
    context = chromium.new_context(viewport={"width": 1280, "height": 1000}, locale="ko-KR")
    helpers.block_external(context, [])
    context.add_init_script(f"({_SET_THEME_JS})('{THEMES[0]}')")
    context.set_default_timeout(60000)
    found = {}
    try:
        page = context.new_page()
        page.goto(f"{url}/{page_path}", wait_until="load")
        for theme in THEMES:
            page.evaluate(_SET_THEME_JS, theme)
            # the theme makes overflowing outputs focusable on load and on resize
            page.evaluate("window.dispatchEvent(new Event('resize'))")
            page.wait_for_timeout(400)
            assert page.evaluate("getComputedStyle(document.documentElement).colorScheme") == theme
            rules = None if theme == THEMES[0] else THEME_RULES
            violations = [
                {
                    "rule": v["id"],
                    "impact": v["impact"],
                    "count": len(v["nodes"]),
                    "example": v["nodes"][0]["html"][:160] if v["nodes"] else "",
                }
                for v in helpers.axe_violations(page, rules=rules)
                if v["impact"] in helpers.SERIOUS and v["id"] not in LEFT_RULES
            ]
            images = [i for i in page.evaluate(_IMAGES_JS) if bad_alt(i["alt"])]
            found[theme] = violations, images
        return found
    finally:
        context.close()


def audit_all(url: str, workers: int = 2) -> dict[tuple[str, str], tuple[list, list]]:
    """:func:`audit` of every page, ``(page, theme) -> result``.

    The pages are split between ``workers`` threads, each with its own
    Playwright and Chromium (Playwright's sync API belongs to one thread):
    axe's checks run in the pages' own renderer processes, so two pages at a
    time keep both of this machine's cores busy (~90 s alone, about half that).
    """

    def check(share: list[str]) -> dict:
        with helpers.browser() as chromium:
            return {(p, t): r for p in share for t, r in audit(url, chromium, p).items()}

    todo = pages()
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        shares = pool.map(check, [todo[k::workers] for k in range(workers)])
        return {key: r for share in shares for key, r in share.items()}


@pytest.fixture(scope="module")
def results(build_log):
    assert build_log.returncode == 0, "the book did not build"
    with helpers.serve(HTML) as url:
        return audit_all(url)


def test_every_page_is_checked(results):
    checked = {p for p, _ in results}
    assert {"intro.html", "glossary.html", "instructor.html"} <= checked
    assert len([p for p in checked if p.startswith("chapters/")]) == 8


@pytest.mark.parametrize("theme", THEMES)
def test_no_serious_axe_violations(results, theme):
    found = {p: v for (p, t), (v, _) in results.items() if t == theme and v}
    assert not found, f"axe-core: serious/critical WCAG 2.1 AA violations ({theme}): {found}"


def test_every_figure_cell_is_described():
    """Each figure has a caption (mystnb: figure: caption) or an alt (mystnb: image: alt)."""
    assert undescribed_figures() == {}, (
        "figures with neither a caption nor `mystnb: image: alt:` in their cell metadata "
        "(chapter, code-cell index from 0): "
        f"{sorted(undescribed_figures())}"
    )


def test_every_exercise_view_has_its_static_form():
    assert stale_widget_chapters() == set(), "re-execute these chapters (make execute)"


def test_images_have_meaningful_alt(results):
    found = {p: imgs for (p, t), (_, imgs) in results.items() if t == THEMES[0] and imgs}
    assert not found, f"images in the main content with an empty or file-name alt: {found}"


def main() -> None:
    """Print the serious/critical violations per rule and theme, and the badly-described images."""
    counts: dict[tuple[str, str], int] = collections.Counter()
    images: dict[str, int] = collections.Counter()
    with helpers.serve(HTML) as url:
        for (p, t), (violations, imgs) in sorted(audit_all(url).items()):
            for v in violations:
                counts[v["rule"], t] += v["count"]
                print(p, t, v)
            if t == THEMES[0]:
                images[p] = len(imgs)
    for (rule, theme), n in sorted(counts.items()):
        print(f"{rule:32} {theme:5} {n}")
    print("images with empty/file-name alt:", dict(images), "total", sum(images.values()))


if __name__ == "__main__":
    main()
