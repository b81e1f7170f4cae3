"""Sphinx configuration of the lecture decks (`make slides`; see _ext/decks.py).

One reveal.js deck per page: index.md (title and agenda) and one per chapter, in the
slides' order. Built into the web book's folder (_build/html/slides/), so that a deck
links to its sections as ../chapters/... and each chapter page links to its deck.
Everything a deck loads comes from the build: reveal.js (sphinx-revealjs), NanumGothic;
its formulas are SVG, typeset when the deck is built (_ext/mathjax_svg.py).

`python -m tools.make_slides` runs Sphinx from the repository's root (``python -m sphinx``),
so :mod:`tools.book` and the ``_ext`` package are importable here as they are everywhere.
"""

from tools import book
from tools.book import HTML, ROOT

project = book.title()
author = book.author()
language = "ko"
root_doc = "index"
extensions = ["myst_parser", "_ext.mathjax_svg", "sphinx_revealjs", "_ext.decks"]
html_math_renderer = "mathjax_svg"
myst_enable_extensions = ["dollarmath", "colon_fence"]
exclude_patterns = ["_build"]
html_copy_source = False

# the chapters (their executed outputs) and the built web book the decks link to
deck_chapters_dir = str(ROOT / "chapters")
deck_book_dir = str(HTML)
deck_book_url = ".."

revealjs_style_theme = "white"
revealjs_static_path = ["_static"]
revealjs_css_files = ["deck.css"]
revealjs_js_files = ["deck-ko.js"]  # Korean names for reveal.js's controls
revealjs_script_conf = {
    "width": 1280,
    "height": 720,
    "margin": 0.03,
    "center": False,
    "hash": True,
    "slideNumber": "c/t",
    "transition": "none",
    "backgroundTransition": "none",
    "navigationMode": "linear",
    # the PDF (?print-pdf): one page per slide, notes not printed
    "pdfSeparateFragments": False,
    "pdfMaxPagesPerSlide": 1,
}
revealjs_script_plugins = [{"name": "RevealNotes", "src": "revealjs/plugin/notes/notes.js"}]
