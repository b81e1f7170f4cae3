"""Sphinx extension for the web book: each chapter page links to its lecture deck.

The decks (`make slides`, sources in slides/) are built into the book's folder as
slides/<chapter>.html. A chapter page with a deck gets the link "슬라이드로 보기"
under its title; the printed book leaves it out (tools/make_pdf.py).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes

DECKS = "slides"  # the decks' source folder, and their folder in the built book
LABEL = "슬라이드로 보기"


def deck_href(docname: str) -> str:
    """The deck of a chapter page, relative to that page.

    Examples
    --------
    >>> deck_href("chapters/03_padding")
    '../slides/03_padding.html'
    """
    depth = docname.count("/")
    return "../" * depth + f"{DECKS}/{Path(docname).name}.html"


def _add_link(app, doctree, docname) -> None:
    if app.builder.format != "html" or not docname.startswith("chapters/"):
        return
    if not (Path(app.srcdir) / DECKS / f"{Path(docname).name}.md").is_file():
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        return
    link = (
        f'<p class="deck-link"><a href="{deck_href(docname)}">{LABEL}</a> '
        "<span>(강의용 덱: 장의 계산 결과로 만든 슬라이드)</span></p>"
    )
    section.insert(1, nodes.raw("", link, format="html"))


def setup(app):
    app.connect("doctree-resolved", _add_link)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
