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

#: A chapter page's first load (decoded bytes): the page with its figures and formulas
#: (SVG, typeset at build time), the theme. Measured: 1.2-1.9 MB.
CHAPTER_BUDGET = 2_500_000
#: A deck's first load: reveal.js, the subsetted fonts, the slides. Measured: 0.4-0.7 MB.
DECK_BUDGET = 1_500_000
#: Files no page needs: the widget manager and its loader (the exercises have static
#: forms), Font Awesome's SVG script (the theme's web fonts draw the icons), whole TrueType
#: fonts (the decks serve WOFF2 subsets), MathJax (the formulas are SVG already).
NEVER = re.compile(
    r"embed-amd\.js$|/require-[\d.]+\.js$|/fontawesome\.js$|\.ttf$|/tex-(svg|chtml)[\w-]*\.js$"
)


@pytest.mark.parametrize("page", BOOK_PAGES + DECK_PAGES)
def test_first_load_fits_the_budget(site_pages, page):
    weight = site_pages[page]
    deck = page.startswith("slides/")
    budget = DECK_BUDGET if deck else CHAPTER_BUDGET
    largest = sorted(weight.files.items(), key=lambda item: -item[1])[:4]
    said = ", ".join(f"{path} {megabytes(size)}" for path, size in largest)
    assert weight.total <= budget, f"{page}: {megabytes(weight.total)} MB ({said})"


@pytest.mark.parametrize("page", BOOK_PAGES + DECK_PAGES)
def test_no_page_loads_what_it_does_not_use(site, site_pages, page):
    weight = site_pages[page]
    assert not [path for path in weight.files if NEVER.search(path)], sorted(weight.files)
    text = (site / page).read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget-state+json" not in text  # no embedded widget state
    formulas = len(re.findall(r'class="math[ "]', text))
    assert text.count('<mjx-container class="MathJax" jax="SVG"') == formulas, page  # all SVG
