"""Sphinx extension for this book.

1. Drop duplicated <script> tags from every page: Jupyter Book 1 with
   sphinx-thebe 0.3 and sphinx-togglebutton emits their inline configuration
   scripts twice; the second `const THEBE_JS_URL = ...` is a JavaScript
   SyntaxError ("Identifier has already been declared") on every page. This
   keeps the first of any scripts with the same file and the same inline body.
2. Show the exercises' static forms instead of their widgets: an
   exercise's output carries, beside the widget view, a kernel-less form
   (mime type cnn_utils.static.STATIC_MIME) that Jupyter and Colab ignore. Here,
   before myst-nb reads a chapter, that form becomes the output's only content;
   _static/cnn-exercises.js makes it answer. When no widget view is left, the
   notebook's saved widget state is dropped from what myst-nb reads (the file keeps
   it, for Jupyter and Colab): myst-nb then embeds no state and loads neither the
   widget manager nor require.js (nb_ipywidgets_js) on that page. A page that keeps
   a widget view without a static form keeps its state and the manager.
3. Korean theme strings and the edition in the footer (cnn_utils' version and date): the
   search box's placeholder, and the
   sphinx-book-theme strings its Korean catalog lacks (locales/ko/LC_MESSAGES/
   booktheme.po, compiled here; Sphinx compiles locales/.../sphinx.po itself).
4. A change to _static/ alone (the exercise script, the CSS) reaches the built book: Sphinx
   copies static files only when some page is written, so then the root page is.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sphinx.util.i18n import CatalogInfo

from cnn_utils.static import STATIC_MIME


def _static_digest(app) -> str:
    digest = hashlib.sha256()
    for path in sorted((Path(app.srcdir) / "_static").rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def _static_changed(app, env, added, changed, removed):
    digest = _static_digest(app)
    if getattr(env, "cnn_static_digest", None) == digest:
        return []
    env.cnn_static_digest = digest
    return [env.config.root_doc]


def _dedupe_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen = set()
    unique = []
    for script in scripts:
        attributes = getattr(script, "attributes", {}) or {}
        filename = getattr(script, "filename", script) or ""  # None and "" both mean "inline"
        key = (str(filename), attributes.get("body"))
        if key in seen:
            continue
        seen.add(key)
        unique.append(script)
    context["script_files"] = unique


#: The mime type of a widget's view in a notebook output, which the widget manager draws.
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"


def static_exercises(notebook: dict) -> dict:
    """``notebook`` (nbformat JSON) as the web book shows it: static forms instead of widgets.

    Each output that carries a static form (:data:`cnn_utils.static.STATIC_MIME`) shows
    only that form. When no output is left with a widget view, the saved widget state
    (``metadata.widgets``) goes too: nothing on the page needs the widget manager.

    Examples
    --------
    >>> def book(*outputs):
    ...     cells = [{"outputs": [{"data": dict(data)} for data in outputs]}]
    ...     return {"metadata": {"widgets": {}}, "cells": cells}
    >>> view = {WIDGET_VIEW_MIME: {"model_id": "a"}}
    >>> exercise = {**view, STATIC_MIME: "<form>"}
    >>> shown = static_exercises(book(exercise))
    >>> shown["cells"][0]["outputs"][0]["data"], "widgets" in shown["metadata"]
    ({'text/html': '<form>'}, False)
    >>> "widgets" in static_exercises(book(exercise, view))["metadata"]  # one without a form
    True
    """
    views = 0
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            form = data.get(STATIC_MIME)
            if form is not None:
                output["data"] = {"text/html": "".join(form) if isinstance(form, list) else form}
            elif WIDGET_VIEW_MIME in data:
                views += 1
    if not views:
        notebook.get("metadata", {}).pop("widgets", None)
    return notebook


def _static_exercises(app, docname, source):
    if STATIC_MIME not in source[0] or not str(app.env.doc2path(docname)).endswith(".ipynb"):
        return
    source[0] = json.dumps(static_exercises(json.loads(source[0])), ensure_ascii=False)


SEARCH_PLACEHOLDER = "이 책에서 검색..."


def _korean_theme(app, config):
    from cnn_utils.environment import edition

    options = config.html_theme_options or {}
    footer = options.get("extra_footer", "")
    config.html_theme_options = {
        **options,
        "search_bar_text": SEARCH_PLACEHOLDER,
        "extra_footer": f"{footer} · 이 책: {edition()}" if footer else f"이 책: {edition()}",
    }
    # instructor.md and changelog.md name the edition with {{ edition }}
    config.myst_substitutions = {**(config.myst_substitutions or {}), "edition": edition()}
    if config.language != "ko":
        return
    locales = Path(app.srcdir) / "locales"
    catalog = CatalogInfo(str(locales / "ko" / "LC_MESSAGES"), "booktheme", "utf-8")
    if Path(catalog.po_path).is_file():
        if catalog.is_outdated():
            catalog.write_mo("ko")
        app.add_message_catalog("booktheme", str(locales))


#: Interface words that the themes write into their templates in English (not through
#: gettext, so locales/ cannot translate them): the attribute as written, and in Korean.
INTERFACE_KO = {
    'title="Toggle primary sidebar"': 'title="책 목차 열기·닫기"',
    'title="Toggle secondary sidebar"': 'title="이 페이지 목차 열기·닫기"',
    'aria-label="Main"': 'aria-label="책 목차"',
    'aria-label="Page"': 'aria-label="페이지 도구"',
}


def korean_interface(page: str) -> str:
    """A written page with the themes' hard-coded English interface words in Korean.

    Examples
    --------
    >>> korean_interface('<nav aria-label="Main"><button title="Toggle primary sidebar">')
    '<nav aria-label="책 목차"><button title="책 목차 열기·닫기">'
    """
    for english, korean in INTERFACE_KO.items():
        page = page.replace(english, korean)
    return page


def _korean_pages(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for path in Path(app.outdir).rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        fixed = korean_interface(text)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")


def setup(app):
    app.connect("config-inited", _korean_theme)
    app.connect("build-finished", _korean_pages)
    app.connect("source-read", _static_exercises)
    app.connect("env-get-outdated", _static_changed)
    app.connect("html-page-context", _dedupe_scripts, priority=10000)  # after every other handler
    return {"parallel_read_safe": True, "parallel_write_safe": True}
