"""Sphinx extension for the lecture decks (`make slides`, the sources in slides/).

The decks are reveal.js presentations built by sphinx-revealjs from short MyST
pages, one per chapter. Nothing on a slide is retyped from a chapter: the
directives here fetch it from the chapters and from the built web book.

``{chapter-output} label``
    The outputs (or, with ``:show: source``, the code) of the chapter's code cell
    whose metadata says ``"slide": "label"``, as the executed notebook holds them:
    printed text, PNG figures (inlined), and the book's HTML tables. When a chapter is
    re-executed, the next deck build shows its new numbers and figures.
``{book-link} heading``
    A link to the section of the web book with that heading, with its number
    ("교재 3.2절 …"), found in the built book. A heading that no longer exists
    stops the build.
``{slide-source}``
    The lines of the original slide deck this slide presents, as the first part of
    the speaker notes (and, as data, for the test that every slide point has a slide).

The deck's chapter is the page's name (``slides/03_padding.md`` presents
``chapters/03_padding.ipynb``); ``:chapter:`` names another.

The fonts: NanumGothic (regular and bold), made for the build from the fonts the
book already uses for its figures, so that a deck shows the same Korean everywhere,
also offline and in its PDF. Each is subsetted to the characters the built decks
contain and served as WOFF2 (fontTools' subsetter; WOFF2 needs the brotli package):
a few hundred KB instead of two whole 4.3 MB TrueType files.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import nbformat
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

#: The cell metadata key that names a cell's output for the decks.
SLIDE_KEY = "slide"
#: The fonts a deck serves from its build: NanumGothic (needed) and, where the system
#: has it (Debian's fonts-nanum), NanumGothicCoding for printed outputs, whose Hangul is
#: exactly two columns wide so that the chapters' printed tables stay aligned.
FONTS = ("NanumGothic.ttf", "NanumGothicBold.ttf")
OPTIONAL_FONTS = ("NanumGothicCoding.ttf",)

_HEADING = re.compile(
    r'<section id="(?P<id>[^"]+)">\s*<h(?P<level>[1-6])>'
    r'(?:<span class="section-number">(?P<number>[^<]*)</span>)?(?P<text>.*?)<a class="headerlink"',
    re.S,
)


def _line_range(spec: str) -> tuple[int, int]:
    """``"2-4"`` -> (1, 4): the Python slice of 1-based, inclusive line numbers."""
    first, _, last = spec.partition("-")
    try:
        start, stop = int(first), int(last or first)
    except ValueError:
        raise ValueError(f":lines: must be N or N-M (1-based), got {spec!r}") from None
    if not 1 <= start <= stop:
        raise ValueError(f":lines: must be N or N-M with 1 <= N <= M, got {spec!r}")
    return start - 1, stop


def find_cell(notebook: nbformat.NotebookNode, label: str, where: str):
    """The one code cell of ``notebook`` labelled ``label`` for the decks.

    Examples
    --------
    >>> cell = nbformat.v4.new_code_cell("1", metadata={"slide": "a"})
    >>> nb = nbformat.v4.new_notebook(cells=[cell])
    >>> find_cell(nb, "a", "x.ipynb").source
    '1'
    >>> find_cell(nb, "b", "x.ipynb")
    Traceback (most recent call last):
    ...
    ValueError: x.ipynb has no code cell with "slide": "b" in its metadata (labels: a)
    """
    cells = [
        c for c in notebook.cells if c.cell_type == "code" and c.metadata.get(SLIDE_KEY) == label
    ]
    if len(cells) != 1:
        labels = sorted(
            str(c.metadata[SLIDE_KEY]) for c in notebook.cells if SLIDE_KEY in c.metadata
        )
        what = "no code cell" if not cells else f"{len(cells)} code cells"
        raise ValueError(
            f'{where} has {what} with "{SLIDE_KEY}": "{label}" in its metadata '
            f"(labels: {', '.join(labels) or 'none'})"
        )
    return cells[0]


def _text(output) -> str | None:
    if output.output_type == "stream":
        return output.text
    data = output.get("data", {})
    if "text/plain" in data and not ({"image/png", "text/html"} & set(data)):
        return data["text/plain"]
    return None


def output_html(cell, *, picks: list[int] | None, lines: str | None, alt: str, height: int) -> str:
    """The HTML of a code cell's outputs on a slide (``picks``: which outputs, 0-based)."""
    outputs = cell.get("outputs", [])
    chosen = range(len(outputs)) if picks is None else picks
    parts = []
    for index in chosen:
        if not 0 <= index < len(outputs):
            raise ValueError(f":outputs: {index} does not exist (the cell has {len(outputs)})")
        output = outputs[index]
        data = output.get("data", {})
        text = _text(output)
        if "image/png" in data:
            if not alt:
                raise ValueError(
                    "a figure on a slide needs :alt: (what it shows, for screen readers)"
                )
            png = "".join(data["image/png"].split())
            parts.append(
                f'<img class="chapter-figure" src="data:image/png;base64,{png}" '
                f'alt="{html.escape(alt)}" style="max-height:{height}px">'
            )
        elif "text/html" in data and "application/vnd.jupyter.widget-view+json" not in data:
            parts.append(f'<div class="chapter-html">{data["text/html"]}</div>')
        elif text is not None:
            if lines:
                start, stop = _line_range(lines)
                text = "\n".join(text.rstrip("\n").split("\n")[start:stop])
            parts.append(f'<pre class="chapter-text">{html.escape(text.rstrip())}</pre>')
    if not parts:
        raise ValueError("the chosen outputs hold nothing a slide can show (text, PNG or HTML)")
    return "".join(parts)


def _chapters_dir(env) -> Path:
    return Path(env.config.deck_chapters_dir)


class ChapterOutput(SphinxDirective):
    """``{chapter-output} label``: a chapter cell's outputs or code, from the notebook."""

    required_arguments = 1
    option_spec = {
        "chapter": directives.unchanged_required,
        "outputs": directives.unchanged_required,
        "lines": directives.unchanged_required,
        "show": lambda v: directives.choice(v, ("outputs", "source")),
        "alt": directives.unchanged,
        "height": directives.positive_int,
        "class": directives.class_option,
    }

    def run(self):
        chapter = self.options.get("chapter", Path(self.env.docname).name)
        path = _chapters_dir(self.env) / f"{chapter}.ipynb"
        if not path.is_file():
            raise self.error(f"{path} is missing (:chapter: {chapter!r})")
        self.env.note_dependency(str(path))
        label = self.arguments[0]
        try:
            cell = find_cell(nbformat.read(path, as_version=4), label, path.name)
            if self.options.get("show") == "source":
                body = f'<pre class="chapter-source"><code>{html.escape(cell.source)}</code></pre>'
            else:
                picks = self.options.get("outputs")
                body = output_html(
                    cell,
                    picks=None if picks is None else [int(p) for p in picks.split(",")],
                    lines=self.options.get("lines"),
                    alt=self.options.get("alt", "").strip(),
                    height=self.options.get("height", 430),
                )
        except ValueError as error:
            raise self.error(f"{{chapter-output}} {label}: {error}") from None
        classes = " ".join(["chapter-output", *self.options.get("class", [])])
        attrs = f'class="{classes}" data-chapter="{chapter}" data-label="{html.escape(label)}"'
        return [nodes.raw("", f"<div {attrs}>{body}</div>", format="html")]


def book_headings(page: Path) -> dict[str, tuple[str, str]]:
    """A built book page's section headings: text -> (section id, number such as "3.2")."""
    found = {}
    for match in _HEADING.finditer(page.read_text(encoding="utf-8")):
        text = html.unescape(re.sub(r"<[^>]+>", "", match["text"])).strip()
        found.setdefault(text, (match["id"], (match["number"] or "").strip().rstrip(".")))
    return found


class BookLink(SphinxDirective):
    """``{book-link} heading``: a link to that section of the chapter in the web book."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {"chapter": directives.unchanged_required}

    def run(self):
        chapter = self.options.get("chapter", Path(self.env.docname).name)
        page = Path(self.config.deck_book_dir) / "chapters" / f"{chapter}.html"
        if not page.is_file():
            raise self.error(f"{page} is missing: build the web book first (make book)")
        self.env.note_dependency(str(page))
        heading = self.arguments[0].strip()
        headings = book_headings(page)
        if heading not in headings:
            raise self.error(
                f"{{book-link}}: chapter {chapter} has no section {heading!r}; "
                f"its sections: {', '.join(headings)}"
            )
        anchor, number = headings[heading]
        label = f"교재 {number}절 {heading}" if number else f"교재: {heading}"
        href = f"{self.config.deck_book_url}/chapters/{chapter}.html#{anchor}"
        return [
            nodes.raw(
                "",
                f'<p class="book-link"><a href="{html.escape(href)}">{html.escape(label)}</a></p>',
                format="html",
            )
        ]


class SlideSource(SphinxDirective):
    """``{slide-source}``: the original slide's lines (one per line), into the speaker notes."""

    has_content = True

    def run(self):
        lines = [line.strip() for line in self.content if line.strip()]
        if not lines:
            raise self.error("{slide-source} needs the original slide's lines as its content")
        data = html.escape(json.dumps(lines, ensure_ascii=False))
        text = html.escape(" / ".join(lines))
        return [
            nodes.raw(
                "",
                f'<aside class="notes slide-source" data-source="{data}">'
                f"원 슬라이드: {text}</aside>",
                format="html",
            )
        ]


#: Characters every subset keeps, whatever the decks say today: printable ASCII (slide
#: numbers, code, formulas typed by a presenter in the notes view).
ALWAYS = "".join(chr(c) for c in range(0x20, 0x7F))


def deck_characters(outdir: Path) -> str:
    """Every character the built decks can show: their HTML and CSS, plus :data:`ALWAYS`.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = (Path(folder) / "a.html").write_text("<p>필터 &amp; 패딩</p>", encoding="utf-8")
    ...     chars = deck_characters(Path(folder))
    >>> sorted(set("필터패딩") - set(chars)), "&" in chars
    ([], True)
    """
    text = [ALWAYS]
    for pattern in ("*.html", "_static/*.css"):
        for path in sorted(outdir.glob(pattern)):
            text.append(html.unescape(path.read_text(encoding="utf-8")))
    return "".join(sorted(set("".join(text)) - {"\n", "\r", "\t"}))


def web_font_name(font: str) -> str:
    """The file a deck serves for a system font file.

    Examples
    --------
    >>> web_font_name("NanumGothicBold.ttf")
    'NanumGothicBold.woff2'
    """
    return f"{Path(font).stem}.woff2"


def copy_fonts(app, exception) -> None:
    """Write NanumGothic (regular, bold), subsetted to the decks' text, into _static/fonts/."""
    if exception is not None or app.builder.format != "html":
        return
    from cnn_utils.environment import korean_font_files

    available = {path.name: path for path in reversed(korean_font_files())}
    target = Path(app.outdir) / "_static" / "fonts"
    target.mkdir(parents=True, exist_ok=True)
    characters = deck_characters(Path(app.outdir))
    for name in FONTS + OPTIONAL_FONTS:
        if name not in available and name in OPTIONAL_FONTS:
            continue
        if name not in available:
            raise ExtensionError(
                f"{name} not found: the decks serve NanumGothic from their build; install "
                "the book's requirements (koreanize-matplotlib) or `apt-get install fonts-nanum`"
            )
        record = Path(app.doctreedir) / "fonts" / f"{Path(name).stem}.chars"
        _web_font(available[name], target / web_font_name(name), characters, record)


def _web_font(source: Path, target: Path, characters: str, record: Path) -> None:
    """Write ``source`` as a WOFF2 font holding only the glyphs for ``characters``.

    Kept as it is when it was made from the same font and the same characters (the
    characters are remembered in ``record``, outside the published build). The subset
    drops NanumGothic's VTT hinting sources (the TSI* tables) with the other tables
    browsers never read: Chromium's font sanitizer rejects the font's empty TSI3 table
    ("OTS parsing error").
    """
    if (
        target.is_file()
        and target.stat().st_mtime >= source.stat().st_mtime
        and record.is_file()
        and record.read_text(encoding="utf-8") == characters
    ):
        return
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.drop_tables += ["TSI0", "TSI1", "TSI2", "TSI3", "TSI5"]
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    partial = target.with_suffix(".part")
    subset.save_font(font, str(partial), options)
    partial.replace(target)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(characters, encoding="utf-8")


def setup(app):
    app.add_config_value("deck_chapters_dir", "", "env")
    app.add_config_value("deck_book_dir", "", "env")
    app.add_config_value("deck_book_url", "..", "env")
    app.add_directive("chapter-output", ChapterOutput)
    app.add_directive("book-link", BookLink)
    app.add_directive("slide-source", SlideSource)
    app.connect("build-finished", copy_fonts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
