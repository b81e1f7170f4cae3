"""Sphinx extension: what the web book's progress script (_static/cnn-progress.js) reads.

Every page gets the edition (``<meta name="cnn-edition">``): the script keeps each
exercise's progress in the browser under the exercise's key and the edition. The
「내 진도」 page (progress.md) also gets the list of checked exercises by chapter and slide
point and the results file's format, as JSON: Python writes them
(:func:`cnn_utils.results.exercise_list`, the schema), the script only reads.
"""

from __future__ import annotations

import html
import json

#: The page that lists the student's progress.
PROGRESS_PAGE = "progress"


def page_data() -> dict:
    """What the 「내 진도」 page's script needs: the format and every exercise, in book order."""
    from cnn_utils import __version__, results

    return {
        "format": results.FORMAT,
        "version": results.VERSION,
        "edition": __version__,
        "name_limit": results.schema()["properties"]["name"]["maxLength"],
        "message_limit": results.MESSAGE_LIMIT,
        "file_stem": results.file_name()[: -len(".json")],
        "exercises": results.exercise_list(),
    }


def _add_data(app, pagename, templatename, context, doctree):
    from cnn_utils import __version__

    tags = f'<meta name="cnn-edition" content="{html.escape(__version__)}">\n'
    if pagename == PROGRESS_PAGE:
        text = json.dumps(page_data(), ensure_ascii=False).replace("</", "<\\/")
        tags += f'<script type="application/json" id="cnn-progress-data">{text}</script>\n'
    context["metatags"] = context.get("metatags", "") + tags


def setup(app):
    app.connect("html-page-context", _add_data)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
