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
from urllib.parse import urlsplit

from tools import book

COLAB_DIR = "colab"  # the folder tools/colab_edition.py writes
COLAB_SITE = "https://colab.research.google.com"
COLAB_TOOLTIP = "Colab에서 열기"  # the theme's "Launch on Colab", said in Korean


def colab_notebook_url(owner: str, name: str, ref: str, docname: str) -> str:
    """The address that opens the Colab edition of ``docname`` in GitHub ``owner/name`` at ``ref``.

    Examples
    --------
    >>> colab_notebook_url("o", "r", "main", "chapters/01_a")
    'https://colab.research.google.com/github/o/r/blob/main/colab/chapters/01_a.ipynb'
    """
    return f"{COLAB_SITE}/github/{owner}/{name}/blob/{ref}/{COLAB_DIR}/{docname}.ipynb"


def edition_url(docname: str) -> str:
    """The Colab address of ``docname``'s Colab edition on the book's published branch.

    The repository and the branch are ``_config.yml``'s (read by :mod:`tools.book`).

    Examples
    --------
    >>> edition_url("chapters/01_filter").endswith("/blob/main/colab/chapters/01_filter.ipynb")
    True
    """
    url = book.repository_url()
    parts = urlsplit(url).path.strip("/").split("/")
    if len(parts) < 2:
        raise ValueError(
            f"_config.yml: repository.url must be https://github.com/<owner>/<name>, got {url!r}"
        )
    return colab_notebook_url(parts[0], parts[1], book.branch(), docname)


def _buttons(items):
    for item in items or []:
        if isinstance(item, dict):
            yield item
            yield from _buttons(item.get("buttons"))


def _point_colab_at_edition(app, pagename, templatename, context, doctree):
    if not (Path(app.srcdir) / COLAB_DIR / f"{pagename}.ipynb").is_file():
        return
    for button in _buttons(context.get("header_buttons")):
        if button.get("text") == "Colab" and button.get("url", "").endswith(f"/{pagename}.ipynb"):
            button["url"] = edition_url(pagename)
            button["tooltip"] = COLAB_TOOLTIP


def _substitutions(app, config):
    first = book.chapters()[0]
    if not (Path(app.srcdir) / COLAB_DIR / f"{first}.ipynb").is_file():
        return
    url = edition_url(first)
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
