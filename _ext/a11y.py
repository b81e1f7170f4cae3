"""Sphinx extension: accessibility fixes of the web book (WCAG 2.1 AA).

1. Figure alt text. myst-nb writes a code cell's image output with no alt, and
   Sphinx then uses the image's file name ("../_images/0e35….png") as its alt,
   which a screen reader reads out. Here a figure's image takes its caption (the
   `mystnb: figure: caption:` cell metadata) as alt text. A figure without a
   caption gets its description from the cell metadata that myst-nb already
   supports, `mystnb: image: alt: "…"` (it wins over the caption too); this
   also names a Matplotlib animation (an HTML output) in the same cell.
2. Matplotlib animations (`to_jshtml`) get their alt text the same way (their
   Korean controls and slider name come from cnn_utils.viz.korean_animation_controls).
3. The "코드 셀 보기" toggle of hidden code cells: myst-nb names it "Toggle
   hidden content" (English, and not its visible text, WCAG 2.5.3); here its
   name is its visible text.

The theme's header buttons are fixed in _templates/ (search-button-field.html,
theme-switcher.html) and the colours of code outputs in _static/a11y.css.
"""

from __future__ import annotations

import html
import re

from docutils import nodes
from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput

ALT_KEY = ("mystnb", "image", "alt")  # the cell metadata that gives a figure's alt text
_ANIM_IMG = re.compile(r'<img id="_anim_img\w+"')


def cell_alt(container) -> str | None:
    """The explicit alt text of a code cell (`mystnb: image: alt:`), if any."""
    value = container.get("cell_metadata") or {}
    for key in ALT_KEY:
        value = value.get(key) if isinstance(value, dict) else None
    return str(value).strip() or None if value else None


def _code_cell(node):
    while node is not None and node.get("nb_element") != "cell_code":
        node = node.parent
    return node


def _set_alts(app, doctree) -> None:
    for figure in doctree.findall(nodes.figure):
        captions = [c for c in figure.children if isinstance(c, nodes.caption)]
        caption = captions[0].astext().strip() if captions else ""
        for image in figure.findall(nodes.image):
            if not image.get("alt") and caption:
                image["alt"] = caption
    for raw in doctree.findall(nodes.raw):
        if "_anim_img" not in raw.astext():
            continue
        text = raw.astext()
        cell = _code_cell(raw)
        alt = cell_alt(cell) if cell is not None else None
        if alt:
            text = _ANIM_IMG.sub(lambda m, a=alt: f'{m.group(0)} alt="{html.escape(a)}"', text)
        raw.children = [nodes.Text(text)]


def visit_hide_cell_input(self, node) -> None:
    """myst-nb's visit_HideCellInput without the English aria-label on <summary>."""
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n')
    self.body.append("<summary>\n")
    show, hide = html.escape(node["prompt_show"]), html.escape(node["prompt_hide"])
    self.body.append(f'<p class="collapsed admonition-title">{show}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{hide}</p>\n')
    self.body.append("</summary>\n")


def setup(app):
    app.connect("doctree-read", _set_alts)
    app.add_node(
        HideCodeCellNode, override=True, html=(visit_hide_cell_input, depart_HideCellInput)
    )
    return {"parallel_read_safe": True, "parallel_write_safe": True}
