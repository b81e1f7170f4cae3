"""Accessibility of the web book (issue 16): WCAG 2.1 AA, checked by axe-core in Chromium.

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
import hashlib
import re
import sys

import pytest

from tests import browser as b
from tests.colab_env import ROOT
from tests.conftest import HTML

VENDOR_SCRIPT = ROOT / "tools" / "vendor_js.sh"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Also run an axe rule that its authors still tag "experimental": a control's
# accessible name must contain its visible text (WCAG 2.5.3, level A).
EXTRA_RULES = ["label-content-name-mismatch"]
SERIOUS = {"serious", "critical"}
THEMES = ["light", "dark"]
# Rules deliberately not checked, with the reason (none so far).
LEFT_RULES: dict[str, str] = {}


def _pinned() -> tuple[str, str]:
    """The axe-core version and the sha256 of axe.min.js that tools/vendor_js.sh pins."""
    text = VENDOR_SCRIPT.read_text()
    version = re.search(r"^AXE=(\S+)$", text, re.M).group(1)
    digest = re.search(r"^AXE_SHA256=([0-9a-f]{64})$", text, re.M).group(1)
    return version, digest


def axe_path():
    version, _ = _pinned()
    return ROOT / "_offline" / "vendor" / f"axe-core-{version}" / "axe.min.js"


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
    version, digest = _pinned()
    path = axe_path()
    data = path.read_bytes()
    assert data.startswith(f"/*! axe v{version}\n".encode()), f"{path} is not axe-core {version}"
    assert hashlib.sha256(data).hexdigest() == digest, f"{path} differs from the pinned file"
    assert (path.parent / "LICENSE").read_text().startswith("Mozilla Public License, version 2.0")


def test_no_page_loads_axe(build_log):
    """axe-core is copied into the built book with _offline/ (html_extra_path); no page uses it."""
    assert build_log.returncode == 0, "the book did not build"
    for page in HTML.rglob("*.html"):
        assert "axe-core" not in page.read_text(encoding="utf-8"), f"{page} refers to axe-core"


_IMAGES_JS = """() => Array.from(document.querySelectorAll('main article img')).map(
    img => ({src: img.getAttribute('src'), alt: img.getAttribute('alt')}))"""

_FILE_LIKE = re.compile(r"(^|[/\\\\])[^\\s/\\\\]+\\.(png|jpe?g|gif|svg|webp)$|^\\.\\.?/|/", re.I)


def bad_alt(alt: str | None) -> bool:
    """True for a missing or empty alt, or one that looks like a file name or path.

    >>> bad_alt("../_images/0e35.png"), bad_alt("fig.svg"), bad_alt(""), bad_alt(None)
    (True, True, True, True)
    >>> bad_alt("세로 윤곽선 필터를 적용한 특성 맵")
    False
    """
    return not (alt or "").strip() or bool(_FILE_LIKE.search(alt.strip()))


def audit(url: str, chromium, page_path: str, theme: str) -> tuple[list[dict], list[dict]]:
    """axe's serious/critical violations (one entry per rule) and the badly-described images."""
    context = chromium.new_context(
        viewport={"width": 1280, "height": 1000}, locale="ko-KR", color_scheme=theme
    )
    b.block_external(context, [])
    context.add_init_script(
        f"localStorage.setItem('mode', '{theme}');localStorage.setItem('theme', '{theme}');"
    )
    context.set_default_timeout(60000)
    try:
        page = context.new_page()
        page.goto(f"{url}/{page_path}", wait_until="load")
        assert page.evaluate("document.documentElement.dataset.theme") == theme
        page.add_script_tag(path=str(axe_path()))
        result = page.evaluate(
            """([tags, extra]) => axe.run(document, {
                   runOnly: {type: 'tag', values: tags},
                   rules: Object.fromEntries(extra.map(r => [r, {enabled: true}])),
                   resultTypes: ['violations']})""",
            [TAGS, EXTRA_RULES],
        )
        violations = [
            {
                "rule": v["id"],
                "impact": v["impact"],
                "count": len(v["nodes"]),
                "example": v["nodes"][0]["html"][:160] if v["nodes"] else "",
            }
            for v in result["violations"]
            if v["impact"] in SERIOUS and v["id"] not in LEFT_RULES
        ]
        images = [i for i in page.evaluate(_IMAGES_JS) if bad_alt(i["alt"])]
        return violations, images
    finally:
        context.close()


@pytest.fixture(scope="module")
def results(build_log):
    assert build_log.returncode == 0, "the book did not build"
    with b.serve(HTML) as url, b.browser() as chromium:
        return {(p, t): audit(url, chromium, p, t) for p in pages() for t in THEMES}


def test_every_page_is_checked(results):
    checked = {p for p, _ in results}
    assert {"intro.html", "glossary.html", "instructor.html"} <= checked
    assert len([p for p in checked if p.startswith("chapters/")]) == 8


@pytest.mark.parametrize("theme", THEMES)
def test_no_serious_axe_violations(results, theme):
    found = {p: v for (p, t), (v, _) in results.items() if t == theme and v}
    assert not found, f"axe-core: serious/critical WCAG 2.1 AA violations ({theme}): {found}"


def test_images_have_meaningful_alt(results):
    found = {p: imgs for (p, t), (_, imgs) in results.items() if t == "light" and imgs}
    assert not found, f"images in the main content with an empty or file-name alt: {found}"


def main() -> None:
    """Print the serious/critical violations per rule and theme, and the badly-described images."""
    counts: dict[tuple[str, str], int] = collections.Counter()
    images: dict[str, int] = collections.Counter()
    with b.serve(HTML) as url, b.browser() as chromium:
        for p in pages():
            for t in THEMES:
                violations, imgs = audit(url, chromium, p, t)
                for v in violations:
                    counts[v["rule"], t] += v["count"]
                    print(p, t, v, file=sys.stderr)
                if t == "light":
                    images[p] = len(imgs)
    for (rule, theme), n in sorted(counts.items()):
        print(f"{rule:32} {theme:5} {n}")
    print("images with empty/file-name alt:", dict(images), "total", sum(images.values()))


if __name__ == "__main__":
    main()
