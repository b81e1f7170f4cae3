"""What pages load is made at build time: the widget manager only where a widget needs it
(_ext/book_assets.py), formulas as SVG (_ext/mathjax_svg.py).

A small book is built with the book's extension: one notebook whose widgets all have a
static form (as every exercise does), one with a widget view that has none. Only the
second page may load the widget manager and require.js and embed the widget state; the
first page shows the static form. The source notebooks keep their widget state.
"""

from __future__ import annotations

import io
import json

import nbformat
import pytest

from cnn_utils.static import STATIC_MIME

pytestmark = pytest.mark.slow

STATE = "application/vnd.jupyter.widget-state+json"
VIEW = "application/vnd.jupyter.widget-view+json"
MANAGER = {"../vendor/require.js": {}, "../vendor/embed-amd.js": {}}


def _notebook(*outputs) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(
        "show()", outputs=[nbformat.v4.new_output("display_data", data=d) for d in outputs]
    )
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 제목"), cell])
    notebook.metadata["widgets"] = {
        STATE: {"version_major": 2, "version_minor": 0, "state": {"m1": {"model_name": "x"}}}
    }
    return notebook


def _build(tmp_path, notebooks: dict) -> dict[str, str]:
    from sphinx.application import Sphinx

    source = tmp_path / "src"
    source.mkdir()
    for name, notebook in notebooks.items():
        nbformat.write(notebook, source / f"{name}.ipynb")
    (source / "index.md").write_text(
        "# 책\n\n```{toctree}\n" + "\n".join(notebooks) + "\n```\n", encoding="utf-8"
    )
    overrides = {
        "extensions": ["myst_nb", "_ext.book_assets"],
        "nb_execution_mode": "off",
        "nb_ipywidgets_js": MANAGER,
        "language": "en",
    }
    warnings = io.StringIO()
    app = Sphinx(
        str(source),
        None,
        str(tmp_path / "html"),
        str(tmp_path / "doctrees"),
        "html",
        confoverrides=overrides,
        status=None,
        warning=warnings,
        freshenv=True,
    )
    app.build()
    assert app.statuscode == 0, warnings.getvalue()
    pages = {
        name: (tmp_path / "html" / f"{name}.html").read_text(encoding="utf-8") for name in notebooks
    }
    for name in notebooks:  # the sources keep their widget state
        assert (
            STATE
            in json.loads((source / f"{name}.ipynb").read_text(encoding="utf-8"))["metadata"][
                "widgets"
            ]
        )
    return pages


def test_widget_manager_only_where_a_widget_has_no_static_form(tmp_path):
    view = {VIEW: {"version_major": 2, "version_minor": 0, "model_id": "m1"}, "text/plain": "W"}
    exercise = {**view, STATIC_MIME: '<div class="static-form">정적</div>'}
    pages = _build(
        tmp_path,
        {"all_static": _notebook(exercise), "live_widget": _notebook(exercise, view)},
    )
    static, live = pages["all_static"], pages["live_widget"]
    assert '<div class="static-form">정적</div>' in static
    for marker in ("embed-amd.js", "require.js", STATE):
        assert marker not in static, marker
        assert marker in live, marker


def test_formulas_are_typeset_when_the_book_is_built_and_tex_errors_are_reported():
    """_ext/mathjax_svg.py: MathJax in Node.js makes the SVG and the MathML screen readers read."""
    import shutil

    if not (shutil.which("node") or shutil.which("nodejs")):
        pytest.skip("Node.js is not installed: sudo apt-get install nodejs")
    from _ext.mathjax_svg import Typesetter

    typesetter = Typesetter()
    try:
        good = typesetter.ask({"tex": r"OH = \frac{H + 2P - FH}{S} + 1", "display": True})
        bad = typesetter.ask({"tex": r"\frac{H", "display": False})
        css = typesetter.ask({"css": True})
    finally:
        typesetter.close()
    assert good["html"].startswith('<mjx-container class="MathJax" jax="SVG" display="true"')
    assert "<svg" in good["html"] and "<mjx-assistive-mml" in good["html"]
    assert "<mi>H</mi>" in good["html"]  # the MathML
    assert bad == {"error": "Missing close brace"}
    assert "mjx-assistive-mml" in css["css"]  # hides the MathML from sight, not from readers
