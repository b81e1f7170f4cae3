"""Sphinx extension for this book: the Colab launch button opens the Colab edition.

sphinx-book-theme points its Colab button at the page's own notebook
(``.../blob/<branch>/chapters/01_filter.ipynb``), which Colab shows with raw
MyST markup. This rewrites the button of every page that has a Colab edition
(``colab/<page>.ipynb``, written by ``tools/colab_edition.py``) to open that
notebook on the published branch (``.../blob/main/colab/...``, ``repository.branch`` in
``_config.yml``): only that branch is published, and its Colab notebooks install the
edition's commit of cnn_utils (``edition.json``). Pages without one keep the theme's link.

It also gives the pages the MyST substitution ``{{ colab_first_chapter }}``:
the Colab address of the first chapter in this edition, which instructor.md
hands to instructors.
"""

from __future__ import annotations

from pathlib import Path

from tools import book

COLAB_TOOLTIP = "Colab에서 열기"  # the theme's "Launch on Colab", said in Korean


def _buttons(items):
    for item in items or []:
        if isinstance(item, dict):
            yield item
            yield from _buttons(item.get("buttons"))


def _point_colab_at_edition(app, pagename, templatename, context, doctree):
    if not (Path(app.srcdir) / book.COLAB_DIR / f"{pagename}.ipynb").is_file():
        return
    for button in _buttons(context.get("header_buttons")):
        if button.get("text") == "Colab" and button.get("url", "").endswith(f"/{pagename}.ipynb"):
            button["url"] = book.colab_url(pagename)
            button["tooltip"] = COLAB_TOOLTIP


def _substitutions(app, config):
    first = book.chapters()[0]
    if not (Path(app.srcdir) / book.COLAB_DIR / f"{first}.ipynb").is_file():
        return
    url = book.colab_url(first)
    config.myst_substitutions = {
        **(config.myst_substitutions or {}),
        "colab_first_chapter": f"`{url}`",
    }


def setup(app):
    app.connect("config-inited", _substitutions)
    app.connect(
        "html-page-context", _point_colab_at_edition, priority=900
    )  # after the theme's (501)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
