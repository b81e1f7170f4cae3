"""Sphinx extension: formulas typeset as SVG when the book is built, not in the reader's browser.

MathJax's browser bundle (tex-svg.js, 2.1 MB, half of it SVG font data) was the largest
file of every page with a formula. Here the same MathJax (3.2.2, its Node components
vendored in _ext/vendor/mathjax-3.2.2/) runs once per build in Node.js
(_ext/mathjax_svg.js) and each formula goes into the page as the markup MathJax makes in a
browser: ``<mjx-container class="MathJax" jax="SVG">`` holding the SVG (aria-hidden) and the
formula's MathML for screen readers (MathJax's assistive MathML), inside Sphinx's usual
``<span class="math">`` / ``<div class="math">`` with the equation number and its link.
MathJax's stylesheet for this markup is served as _static/mathjax-svg.css. Pages load
no MathJax; a TeX error stops the build (a warning, and the book builds with -W).

Use it with ``html_math_renderer = "mathjax_svg"`` (the book's _config.yml, slides/conf.py).
Needs Node.js (Debian's nodejs; `make` installs it: tools/ensure_system.sh node).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx.errors import ExtensionError
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

logger = logging.getLogger(__name__)

SCRIPT = Path(__file__).with_suffix(".js")
STYLESHEET = "mathjax-svg.css"


class Typesetter:
    """One Node.js process running MathJax, asked one formula at a time."""

    def __init__(self) -> None:
        node = shutil.which("node") or shutil.which("nodejs")
        if not node:
            raise ExtensionError(
                "the book typesets its formulas with MathJax in Node.js, which is missing: "
                "sudo apt-get install nodejs (make book installs it as root)"
            )
        self.process = subprocess.Popen(
            [node, str(SCRIPT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def ask(self, request: dict) -> dict:
        self.process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise ExtensionError(
                f"MathJax in Node.js stopped ({SCRIPT.name}; see the messages above)"
            )
        return json.loads(line)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def _typesetter(builder) -> Typesetter:
    typesetter = getattr(builder, "_mathjax_svg", None)
    if typesetter is None:
        typesetter = builder._mathjax_svg = Typesetter()
    return typesetter


def typeset(translator, node, tex: str, display: bool) -> str:
    """The HTML of one formula; a TeX error is reported at the formula's place in the source."""
    answer = _typesetter(translator.builder).ask({"tex": tex, "display": display})
    if "error" in answer:
        logger.warning("TeX error in %r: %s", tex, answer["error"], location=node)
        return translator.encode(tex)
    return answer["html"]


def visit_math(self, node: nodes.math) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(typeset(self, node, node.astext(), display=False))
    self.body.append("</span>")
    raise nodes.SkipNode


def display_tex(latex: str) -> str:
    r"""A display formula's TeX as sphinx.ext.mathjax hands it to MathJax.

    Several equations (blank lines between them) are aligned one under the other; an
    equation with line breaks is split.

    Examples
    --------
    >>> display_tex("a = b")
    'a = b'
    >>> display_tex("a = b \\\\ c = d")
    '\\begin{split}a = b \\\\ c = d\\end{split}'
    >>> display_tex("a\n\nb")
    '\\begin{align}\\begin{aligned}a\\\\b\\end{aligned}\\end{align}'
    """
    parts = [part for part in latex.split("\n\n") if part.strip()]
    parts = [rf"\begin{{split}}{p}\end{{split}}" if r"\\" in p else p for p in parts]
    if len(parts) > 1:
        return r"\begin{align}\begin{aligned}" + r"\\".join(parts) + r"\end{aligned}\end{align}"
    return parts[0] if parts else ""


def visit_displaymath(self, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node["number"]:
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    tex = node.astext() if node["nowrap"] else display_tex(node.astext())
    self.body.append(typeset(self, node, tex, display=True))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def _write_stylesheet(app, exception) -> None:
    builder = app.builder
    if exception is None and builder.format == "html":
        css = _typesetter(builder).ask({"css": True})["css"]
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        (static / STYLESHEET).write_text(css, encoding="utf-8")
    typesetter = getattr(builder, "_mathjax_svg", None)
    if typesetter is not None:
        typesetter.close()
        builder._mathjax_svg = None


def setup(app):
    app.add_html_math_renderer("mathjax_svg", (visit_math, None), (visit_displaymath, None))
    app.add_css_file(STYLESHEET)
    app.connect("build-finished", _write_stylesheet)
    return {"parallel_read_safe": True, "parallel_write_safe": False}
