"""Sphinx extension for this book: drop duplicated <script> tags from every page.

Jupyter Book 1 with sphinx-thebe 0.3 and sphinx-togglebutton emits their inline
configuration scripts twice; the second `const THEBE_JS_URL = ...` is a
JavaScript SyntaxError ("Identifier has already been declared") on every page.
This keeps the first of any scripts with the same file and the same inline body.
"""

from __future__ import annotations


def _dedupe_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen = set()
    unique = []
    for script in scripts:
        attributes = getattr(script, "attributes", {}) or {}
        filename = getattr(script, "filename", script) or ""   # None and "" both mean "inline"
        key = (str(filename), attributes.get("body"))
        if key in seen:
            continue
        seen.add(key)
        unique.append(script)
    context["script_files"] = unique


def setup(app):
    app.connect("html-page-context", _dedupe_scripts, priority=10000)  # after every other handler
    return {"parallel_read_safe": True, "parallel_write_safe": True}
