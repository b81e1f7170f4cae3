"""Pages carry only what they show: a budget for each page's first load, and what may not load.

Measured on the site as published (the session fixture ``site_pages``: every page opened
once, cold cache, offline; the same measurement as benchmarks/page_weight.py, which
prints the numbers). The budgets are set from that measurement (README, '페이지 무게').
"""

from __future__ import annotations

import re

import pytest

from benchmarks.page_weight import BOOK_PAGES, DECK_PAGES, megabytes

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: A chapter page's first load (decoded bytes): the page, its figures, the theme, and
#: MathJax (2.1 MB of it) where the chapter has math. Measured: 1.36-4.02 MB.
CHAPTER_BUDGET = 4_300_000
#: A deck's first load: reveal.js, the subsetted fonts, MathJax where the deck has math.
#: Measured: 0.50-0.61 MB without math, 2.55-2.71 MB with it.
DECK_BUDGET = 2_900_000
#: The same pages without MathJax (what the book itself adds): the aim of 2.5 MB per
#: chapter and 1.5 MB per deck holds for them.
CHAPTER_BUDGET_WITHOUT_MATHJAX = 2_500_000
DECK_BUDGET_WITHOUT_MATHJAX = 1_500_000
MATHJAX = re.compile(r"/tex-svg\.js$")
#: Files no page needs: the widget manager and its loader (the exercises have static
#: forms), Font Awesome's SVG script (the theme's web fonts draw the icons), whole TrueType
#: fonts (the decks serve WOFF2 subsets).
NEVER = re.compile(r"embed-amd\.js$|/require-[\d.]+\.js$|/fontawesome\.js$|\.ttf$")


def _without_mathjax(weight) -> int:
    return sum(size for path, size in weight.files.items() if not MATHJAX.search(path))


@pytest.mark.parametrize("page", BOOK_PAGES + DECK_PAGES)
def test_first_load_fits_the_budget(site_pages, page):
    weight = site_pages[page]
    deck = page.startswith("slides/")
    budget = DECK_BUDGET if deck else CHAPTER_BUDGET
    rest = DECK_BUDGET_WITHOUT_MATHJAX if deck else CHAPTER_BUDGET_WITHOUT_MATHJAX
    largest = sorted(weight.files.items(), key=lambda item: -item[1])[:4]
    said = ", ".join(f"{path} {megabytes(size)}" for path, size in largest)
    assert weight.total <= budget, f"{page}: {megabytes(weight.total)} MB ({said})"
    assert _without_mathjax(weight) <= rest, f"{page}: {megabytes(weight.total)} MB ({said})"


@pytest.mark.parametrize("page", BOOK_PAGES + DECK_PAGES)
def test_no_page_loads_what_it_does_not_use(site, site_pages, page):
    weight = site_pages[page]
    assert not [path for path in weight.files if NEVER.search(path)], sorted(weight.files)
    text = (site / page).read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget-state+json" not in text  # no embedded widget state
    has_math = 'class="math' in text or "mjx-container" in text
    loads_mathjax = any(MATHJAX.search(path) for path in weight.files)
    assert loads_mathjax == has_math, f"{page}: math {has_math}, MathJax loaded {loads_mathjax}"
