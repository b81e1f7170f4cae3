"""Sphinx configuration of the lecture decks (`make slides`; see _ext/decks.py).

One reveal.js deck per page: index.md (title and agenda) and one per chapter, in the
slides' order. Built into the web book's folder (_build/html/slides/), so that a deck
links to its sections as ../chapters/... and each chapter page links to its deck.
Everything a deck loads comes from the build: reveal.js (sphinx-revealjs), NanumGothic;
its formulas are SVG, typeset when the deck is built (_ext/mathjax_svg.py).
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "_ext"), str(ROOT)]

import yaml  # noqa: E402

_BOOK = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))

project = _BOOK["title"]
author = _BOOK["author"]
language = "ko"
root_doc = "index"
extensions = ["myst_parser", "mathjax_svg", "sphinx_revealjs", "decks"]
html_math_renderer = "mathjax_svg"
myst_enable_extensions = ["dollarmath", "colon_fence"]
exclude_patterns = ["_build"]
html_copy_source = False

# the chapters (their executed outputs) and the built web book the decks link to
deck_chapters_dir = str(ROOT / "chapters")
deck_book_dir = str(ROOT / "_build" / "html")
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
