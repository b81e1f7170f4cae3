"""Sphinx extension for this book: the Colab launch button opens the Colab edition.

sphinx-book-theme points its Colab button at the page's own notebook
(``.../blob/<branch>/chapters/01_filter.ipynb``), which Colab shows with raw
MyST markup. This rewrites the button of every page that has a Colab edition
(``colab/<page>.ipynb``, written by ``tools/colab_edition.py``) to open that
notebook instead; pages without one keep the theme's link.
"""

from __future__ import annotations

from pathlib import Path

COLAB_DIR = "colab"  # the folder tools/colab_edition.py writes (its COLAB_DIR)


def _buttons(items):
    for item in items or []:
        if isinstance(item, dict):
            yield item
            yield from _buttons(item.get("buttons"))


def _point_colab_at_edition(app, pagename, templatename, context, doctree):
    if not (Path(app.srcdir) / COLAB_DIR / f"{pagename}.ipynb").is_file():
        return
    suffix = f"/{pagename}.ipynb"
    for button in _buttons(context.get("header_buttons")):
        url = button.get("url", "")
        if button.get("text") == "Colab" and url.endswith(suffix):
            button["url"] = url[: -len(suffix)] + f"/{COLAB_DIR}{suffix}"


def setup(app):
    app.connect(
        "html-page-context", _point_colab_at_edition, priority=900
    )  # after the theme's (501)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
