"""Sphinx extension for the lecture decks (`make slides`, the sources in slides/).

The decks are reveal.js presentations built by sphinx-revealjs from short MyST
pages, one per chapter. Nothing on a slide is retyped from a chapter: the
directives here fetch it from the chapters and from the built web book.

``{chapter-output} label``
    The outputs (or, with ``:show: source``, the code) of the chapter's code cell
    whose metadata says ``"slide": "label"``, as the executed notebook holds them:
    printed text, PNG figures (inlined), and the book's HTML tables. When a chapter is
    re-executed, the next deck build shows its new numbers and figures. Where the
    chapter also has a cell with ``"slide-figure": "label"`` (hidden in the book), its
    figures, the same figures redrawn for a slide by ``cnn_utils.deck.for_slide``,
    are shown in place of the book's, at their own size, with their measurement.
``{book-link} heading``
    A link to the section of the web book with that heading, with its number
    ("교재 3.2절 …"), found in the built book's index (``book-index.json``, written by
    _ext/book_index.py). A heading that no longer exists stops the build.
``{next-deck}``
    On a deck's last slide: 「다음 덱 →」 and the next deck's title, linked (the last
    deck links back to the list of decks, index.html).
``{slide-source}``
    The lines of the original slide deck this slide presents, as the first part of
    the speaker notes (and, as data, for the test that every slide point has a slide).
``{exercise-question} name``
    A question for the class: the first problem of the chapter's exercise
    ``cnn_utils.exercises.name()`` (the same description the chapter shows), its
    statement and prompts on the slide and its worked answer in the speaker notes.
    ``:groups: a b`` asks only those answer groups. The exercise must be one the
    deck's chapter shows.

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
#: The metadata key of a (hidden) cell that redraws a labelled cell's figures for a slide.
SLIDE_FIGURE_KEY = "slide-figure"
#: Its outputs' measurement (cnn_utils.deck.METADATA_KEY).
DECK_RECORD = "cnn_deck"
#: The fonts a deck serves from its build: NanumGothic (needed) and, where the system
#: has it (Debian's fonts-nanum), NanumGothicCoding for printed outputs, whose Hangul is
#: exactly two columns wide so that the chapters' printed tables stay aligned.
FONTS = ("NanumGothic.ttf", "NanumGothicBold.ttf")
OPTIONAL_FONTS = ("NanumGothicCoding.ttf",)

#: The built book's index of its sections and numbers (``INDEX_NAME`` in _ext/book_index.py).
BOOK_INDEX = "book-index.json"


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


def check_clean(cell) -> None:
    """Refuse a cell whose outputs hold an error or stderr (a warning, a traceback).

    A slide shows what a chapter computed; a warning copied onto it as text, or an
    error left out of it, would show a broken chapter as if it had run cleanly.

    Examples
    --------
    >>> warned = nbformat.v4.new_output("stream", name="stderr", text="UserWarning: x\\n")
    >>> check_clean(nbformat.v4.new_code_cell("1", outputs=[warned]))
    Traceback (most recent call last):
    ...
    ValueError: output 0 is stderr ('UserWarning: x'): a slide shows a chapter's results, not its warnings; fix or silence what prints it and re-execute the chapter
    """  # noqa: E501 (doctest output)
    for index, output in enumerate(cell.get("outputs", [])):
        if output.output_type == "error":
            raise ValueError(
                f"output {index} is an error ({output.get('ename')}: "
                f"{str(output.get('evalue'))[:80]}): re-execute the chapter once the cell runs"
            )
        if output.output_type == "stream" and output.get("name") == "stderr":
            first = (output.text.strip().splitlines() or [""])[0][:80]
            raise ValueError(
                f"output {index} is stderr ({first!r}): a slide shows a chapter's results, not "
                "its warnings; fix or silence what prints it and re-execute the chapter"
            )


def slide_figures(notebook: nbformat.NotebookNode, label: str) -> list | None:
    """The PNG outputs of the cell that redraws ``label``'s figures for a slide, or None."""
    cells = [
        c
        for c in notebook.cells
        if c.cell_type == "code" and c.metadata.get(SLIDE_FIGURE_KEY) == label
    ]
    if not cells:
        return None
    if len(cells) > 1:
        raise ValueError(f'{len(cells)} cells have "{SLIDE_FIGURE_KEY}": "{label}"')
    check_clean(cells[0])
    return [o for o in cells[0].get("outputs", []) if "image/png" in o.get("data", {})]


def merged_streams(outputs: list) -> list:
    """The outputs as Jupyter shows them: consecutive printed text to the same stream is one
    output. The kernel splits a cell's printing into several outputs wherever it flushed,
    which differs from run to run, even inside one ``print`` (「로짓:」 and its values);
    each output would be a box of its own on the slide.

    Examples
    --------
    >>> parts = [nbformat.v4.new_output("stream", text=t) for t in ("로짓:", " [1 2]\\n")]
    >>> [o.text for o in merged_streams(parts)]
    ['로짓: [1 2]\\n']
    """
    merged = []
    for output in outputs:
        last = merged[-1] if merged else None
        if (
            last is not None
            and output.output_type == last.output_type == "stream"
            and output.get("name") == last.get("name")
        ):
            merged[-1] = nbformat.v4.new_output(
                "stream", name=last.get("name"), text=last.text + output.text
            )
        else:
            merged.append(output)
    return merged


def with_slide_figures(cell, figures: list | None) -> list:
    """The cell's outputs (printed text merged, :func:`merged_streams`), its PNG figures
    replaced in order by ``figures`` (when given)."""
    outputs = merged_streams(cell.get("outputs", []))
    if figures is None:
        return outputs
    at = [k for k, o in enumerate(outputs) if "image/png" in o.get("data", {})]
    if len(at) != len(figures):
        raise ValueError(
            f"the cell shows {len(at)} figures, its {SLIDE_FIGURE_KEY} cell {len(figures)}"
        )
    for k, figure in zip(at, figures, strict=True):
        outputs[k] = figure
    return outputs


def figure_html(output, alt: str, height: int) -> str:
    """An <img> of a PNG output. A figure redrawn for the slide keeps its own size and
    carries ``data-min-text-px``: its smallest text in image pixels, for the deck test."""
    png = "".join(output["data"]["image/png"].split())
    record = output.get("metadata", {}).get(DECK_RECORD)
    if record is None:
        size = f'style="max-height:{height}px"'
    else:
        density = record["density"]
        width, tall = (p / density for p in record["pixels"])
        smallest = record["min_font_pt"] * record["dpi"] / 72
        size = (
            f'width="{width:.0f}" height="{tall:.0f}" style="width:{width:.0f}px" '
            f'data-min-text-px="{smallest:.2f}" '
            'data-slide-figure=""'
        )
    return (
        f'<img class="chapter-figure" src="data:image/png;base64,{png}" '
        f'alt="{html.escape(alt)}" {size}>'
    )


def output_html(
    cell,
    *,
    picks: list[int] | None,
    lines: str | None,
    alt: str,
    height: int,
    figures: list | None = None,
) -> str:
    """The HTML of a code cell's outputs on a slide (``picks``: which outputs, 0-based;
    ``figures``: the cell's figures redrawn for the slide, see :func:`slide_figures`)."""
    check_clean(cell)
    outputs = with_slide_figures(cell, figures)
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
            parts.append(figure_html(output, alt, height))
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


def chapter_output(path: Path, label: str, options: dict) -> str:
    """The HTML of ``{chapter-output} label`` with ``options``, from the notebook at ``path``;
    a ValueError that names the chapter and the cell's label when it cannot be shown."""
    try:
        notebook = nbformat.read(path, as_version=4)
        cell = find_cell(notebook, label, path.name)
        if options.get("show") == "source":
            check_clean(cell)
            return f'<pre class="chapter-source"><code>{html.escape(cell.source)}</code></pre>'
        picks = options.get("outputs")
        return output_html(
            cell,
            picks=None if picks is None else [int(p) for p in picks.split(",")],
            lines=options.get("lines"),
            alt=options.get("alt", "").strip(),
            height=options.get("height", 430),
            figures=slide_figures(notebook, label),
        )
    except ValueError as error:
        raise ValueError(f"{{chapter-output}} {label} ({path.name}): {error}") from None


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
            body = chapter_output(path, label, self.options)
        except ValueError as error:
            raise self.error(str(error)) from None
        classes = " ".join(["chapter-output", *self.options.get("class", [])])
        attrs = f'class="{classes}" data-chapter="{chapter}" data-label="{html.escape(label)}"'
        return [nodes.raw("", f"<div {attrs}>{body}</div>", format="html")]


def book_headings(index: dict, page: str) -> dict[str, tuple[str, str]]:
    """A page's section headings in the book's index: title -> (anchor, number such as "3.2").

    Examples
    --------
    >>> sections = [{"anchor": "", "title": "패딩", "number": "3"},
    ...             {"anchor": "id2", "title": "제로 패딩", "number": "3.1"}]
    >>> book_headings({"pages": {"chapters/03_padding": {"sections": sections}}},
    ...               "chapters/03_padding")
    {'패딩': ('', '3'), '제로 패딩': ('id2', '3.1')}
    """
    found: dict[str, tuple[str, str]] = {}
    for section in index["pages"].get(page, {}).get("sections", []):
        found.setdefault(section["title"], (section["anchor"], section["number"]))
    return found


class BookLink(SphinxDirective):
    """``{book-link} heading``: a link to that section of the chapter in the web book."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {"chapter": directives.unchanged_required}

    def run(self):
        chapter = self.options.get("chapter", Path(self.env.docname).name)
        index = Path(self.config.deck_book_dir) / BOOK_INDEX
        if not index.is_file():
            raise self.error(f"{index} is missing: build the web book first (make book)")
        self.env.note_dependency(str(index))
        heading = self.arguments[0].strip()
        headings = book_headings(
            json.loads(index.read_text(encoding="utf-8")), f"chapters/{chapter}"
        )
        if heading not in headings:
            raise self.error(
                f"{{book-link}}: chapter {chapter} has no section {heading!r}; "
                f"its sections: {', '.join(headings)}"
            )
        anchor, number = headings[heading]
        label = f"교재 {number}절 {heading}" if number else f"교재: {heading}"
        href = f"{self.config.deck_book_url}/chapters/{chapter}.html" + (
            f"#{anchor}" if anchor else ""
        )
        return [
            nodes.raw(
                "",
                f'<p class="book-link"><a href="{html.escape(href)}">{html.escape(label)}</a></p>',
                format="html",
            )
        ]


def next_deck(source_dir: Path, name: str) -> tuple[str, str]:
    r"""The deck after ``name`` (the decks in file order, then the list of decks): its
    page and title, the first ``# `` heading of its source.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     for deck, title in (("index", "목차"), ("01_a", "1장"), ("02_b", "2장")):
    ...         _ = (Path(folder) / f"{deck}.md").write_text(f"# {title}\n", encoding="utf-8")
    ...     next_deck(Path(folder), "01_a"), next_deck(Path(folder), "02_b")
    (('02_b.html', '2장'), ('index.html', '목차'))
    """
    names = sorted(p.stem for p in source_dir.glob("[0-9][0-9]_*.md"))
    after = names[names.index(name) + 1] if name in names[:-1] else "index"
    text = (source_dir / f"{after}.md").read_text(encoding="utf-8")
    title = re.search(r"^# (.+)$", text, re.M)
    if title is None:
        raise ValueError(f"{after}.md has no '# ' title")
    return f"{after}.html", title.group(1).strip()


class NextDeck(SphinxDirective):
    """``{next-deck}``: a link to the next deck, for a deck's last slide."""

    def run(self):
        source_dir = Path(self.env.srcdir)
        try:
            page, title = next_deck(source_dir, Path(self.env.docname).name)
        except ValueError as error:
            raise self.error(str(error)) from None
        self.env.note_dependency(str(source_dir / page.replace(".html", ".md")))
        return [
            nodes.raw(
                "",
                f'<p class="next-deck"><a href="{page}">다음 덱 → {html.escape(title)}</a></p>',
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


def exercise_question(name: str, groups: list[str] | None = None) -> tuple[str, list[str]]:
    """The slide HTML and the worked answers of the first problem of exercise ``name``.

    Examples
    --------
    >>> body, answers = exercise_question("param_quiz", ["conv2"])
    >>> "Conv2D(64, 3)" in body, answers
    (True, ['(3×3×32 + 1) × 64 = 18,496'])
    """
    from cnn_utils import exercises

    make = getattr(exercises, name, None)
    if not callable(make) or name.startswith("_"):
        raise ValueError(f"cnn_utils.exercises has no exercise {name!r}")
    data = make().data()
    problem = data["problems"][0]
    asked = [g for g in data["groups"] if groups is None or g["key"] in groups]
    if groups is not None and len(asked) != len(groups):
        known = ", ".join(g["key"] for g in data["groups"])
        raise ValueError(f"{name}: :groups: must name some of its groups ({known}), got {groups}")
    items, answers = [], []
    for group in asked:
        prompt = group["prompt"] or " · ".join(field["name"] for field in group["fields"])
        items.append(f"<li>{html.escape(prompt)}</li>")
        check = next(
            (c for key, c in problem["checks"].items() if key.split("|")[0] == group["key"]), None
        )
        if check is not None:
            answers.append(check["right"])  # the worked answer (the judge adds the verdict)
    body = (
        f'<div class="deck-question"><p>{html.escape(data["intro"])}</p>'
        f"{problem['statement']}<ol>{''.join(items)}</ol></div>"
    )
    return body, answers


class ExerciseQuestion(SphinxDirective):
    """``{exercise-question} name``: a chapter's exercise asked in class, answer in the notes."""

    required_arguments = 1
    option_spec = {"groups": directives.unchanged}

    def run(self):
        name = self.arguments[0]
        chapter = _chapters_dir(self.env) / f"{Path(self.env.docname).name}.ipynb"
        self.env.note_dependency(str(chapter))
        if f"exercises.{name}(" not in chapter.read_text(encoding="utf-8"):
            raise self.error(f"{chapter.name} does not show the exercise {name}")
        groups = self.options.get("groups")
        try:
            body, answers = exercise_question(name, groups.split() if groups else None)
        except ValueError as e:
            raise self.error(str(e)) from None
        notes = " / ".join(html.escape(a).replace("\n", " ") for a in answers)
        return [
            nodes.raw(
                "",
                body + f'<aside class="notes exercise-answer">정답: {notes}</aside>',
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
    app.add_directive("next-deck", NextDeck)
    app.add_directive("exercise-question", ExerciseQuestion)
    app.connect("build-finished", copy_fonts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
