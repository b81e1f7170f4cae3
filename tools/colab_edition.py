"""Write the Colab edition: ``colab/chapters/NN_*.ipynb`` from ``chapters/*.ipynb``.

Run ``make colab`` (it builds the book first, then runs ``python -m tools.colab_edition``).
The chapters are the only source; nothing under ``colab/`` is edited by hand, and
``tests/test_colab_edition.py`` fails when ``colab/`` differs from what this
module makes from the current chapters and the current book build.

Why a separate edition
    Colab renders plain Markdown, not MyST. Opened as they are, the chapters
    show ``:::`` fences, ``{term}`` roles, equation labels and open "hidden"
    cells. This module rewrites every MyST construct into something Colab's
    renderer shows properly, and refuses (``ValueError``) a construct it does
    not know, so new markup can never leak through unnoticed.

How the MyST is read
    With the parser the book is built with: myst-parser's markdown-it token stream, with
    the extensions of ``parse.myst_enable_extensions`` in ``_config.yml``, and its
    directive parser (``parse_directive_text``) with the directive classes Sphinx uses,
    so arguments, options and content split as in the web book. Only the lines of a
    MyST construct change: every other line is copied as the chapter has it, and inside
    a paragraph, heading or table cell only the roles are replaced, at the places the
    parser found them.

What each construct becomes (the evidence for each choice)
    * Admonitions (``note``, ``tip``, ``important``, ``warning``, ...,
      ``admonition`` with a title, ``exercise``/``solution``) become a
      Markdown blockquote whose first line is a marker and the bold title:
      plain CommonMark, rendered alike by Colab, GitHub, JupyterLab and
      ``marked``. Nested admonitions become nested blockquotes. Titles of
      the named kinds are Sphinx's own translations (``참고`` for ``note``),
      so the Colab box says what the web book's box says.
    * ``dropdown`` (and an admonition with ``:class: dropdown``) becomes
      ``<details><summary>...</summary>`` with a blank line after
      ``</summary>`` and before ``</details>``, so the Markdown inside is
      still rendered. Colab keeps these HTML tags in text cells and renders
      Markdown after an HTML tag only after a blank line (googlecolab/colabtools
      issue #5923); Neuromatch Academy's Colab-first tutorials fold their
      recaps this way (github.com/NeuromatchAcademy/course-content,
      ``tutorials/W2D2_LinearSystems/W2D2_Tutorial1.ipynb``). It stays folded
      until the student clicks it, as in the book.
    * ``{term}`X``` becomes ``**[X](<book>/glossary.html#term-N)**``: the
      term in bold, linked to its entry in the published glossary. The base
      URL is ``html.baseurl`` in ``_config.yml`` (one place); the anchor is the
      one Sphinx gave the entry.
    * ``{numref}``, ``{eq}``, ``{ref}`` and ``{doc}`` become exactly the text
      the HTML book shows ("그림 1.1", "식 (6.1)", a chapter's title), formatted with
      the book's ``numfig_format`` / ``math_eqref_format``, not retyped. A reference
      into another chapter links to that chapter's Colab notebook; one into a
      non-chapter page links to the web book.
    * Headings get the section numbers the HTML book shows ("## 1.2. ..."), so
      "그림 1.1" and "식 (6.1)" read as in the book; a heading that does not
      match the build's sections is refused.
    * Labelled display math (``$$ ... $$ (label)`` or ``{math}`` with
      ``:label:``) becomes ``$$ ... \\tag{6.1} $$`` with the book's number;
      ``(label)=`` targets, ``%`` comments and ``+++`` block breaks are removed.
    * A definition list's term becomes a bold line, its definition the lines after it.
    * A code cell with a captioned figure (``mystnb.figure``) is followed by a
      Markdown cell with the caption and its number ("**그림 1.1** ..."), so a
      "그림 1.1" in the text points at something visible in Colab too.
    * Cells the book hides: ``hide-input`` and ``remove-input`` become Colab
      form cells (``#@title`` line + ``cellView: "form"``: the code is folded,
      the output shows); ``hide-cell`` and ``remove-cell`` become form cells
      whose output is removed (the book shows neither code nor output until
      the reader asks; in Colab the answer appears when the cell is run);
      ``hide-output``/``remove-output`` lose their output. The code itself
      always stays, because later cells may need what it defines.

The book's numbers
    All numbers, anchors and titles come from the index the book build writes,
    ``_build/html/book-index.json`` (``_ext/book_index.py``), which also holds the SHA-256
    of every chapter as the build read it: a chapter edited since the build is refused
    (run ``make book``), a chapter only touched (``touch``, ``git checkout``) is not.

Outputs are kept
    The chapters are committed with the outputs of a clean run so that
    "readers on GitHub and Colab see them" (BOOK-DESIGN.md): a student who
    opens a chapter from the book's Colab button can read every figure and
    number the text talks about before running anything, and the Colab-like
    environment test (``tests/test_colab_env.py``) compares those outputs with
    nbval. Removed are only the outputs the book itself hides (above) and the
    setup cell's output, which describes the machine that ran the chapter, not
    the student's Colab runtime. Every cell whose output is removed is tagged
    ``nbval-ignore-output``.

Widget state is never half-present
    Kept widget outputs reference models in ``metadata.widgets``; the
    chapter's full widget state (every model with its ``state``) is copied
    when any kept output refers to a widget, and dropped otherwise. The
    generator checks that every referenced model is in the state.

Usage::

    python -m tools.colab_edition           # write colab/chapters/*.ipynb
    python -m tools.colab_edition --check   # exit 1 if colab/ is stale
"""

from __future__ import annotations

import argparse
import copy
import functools
import hashlib
import json
import posixpath
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import nbformat
from docutils.parsers.rst import Directive
from docutils.parsers.rst.directives import admonitions, body, images, unchanged
from docutils.parsers.rst.states import MarkupError
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.directives import parse_directive_text
from myst_parser.parsers.mdit import create_md_parser
from sphinx.directives.code import CodeBlock
from sphinx.directives.other import SeeAlso
from sphinx.directives.patches import MathDirective
from sphinx_book_theme.directives import Margin
from sphinx_design.dropdown import DropdownDirective
from sphinx_togglebutton import Toggle

import cnn_utils  # the checkout's package: the edition's version
from tools import book as book_config

ROOT = book_config.ROOT
COLAB_DIR = book_config.COLAB_DIR
#: The index of the book build the numbers are read from (written by _ext/book_index.py).
INDEX = book_config.HTML / "book-index.json"
#: The index layout this module reads (``FORMAT`` in _ext/book_index.py).
INDEX_FORMAT = 1
#: The mark in a generated notebook's metadata (``cnn_book.generator``).
GENERATOR = "tools/colab_edition.py"

ADMONITIONS = {
    "admonition",
    "note",
    "tip",
    "important",
    "warning",
    "caution",
    "attention",
    "danger",
    "error",
    "hint",
    "seealso",
    "exercise",
    "solution",
    "margin",
    "sidebar",
    "topic",
}
FOLDED = {"dropdown", "toggle"}
#: Marker shown before a box's title, by kind (the book's colours become symbols).
MARKERS = {
    "note": "📝",
    "tip": "💡",
    "hint": "💡",
    "important": "📌",
    "seealso": "🔗",
    "warning": "⚠️",
    "caution": "⚠️",
    "attention": "⚠️",
    "danger": "⛔",
    "error": "⛔",
    "exercise": "✏️",
    "solution": "✅",
    "margin": "📝",
    "sidebar": "📝",
    "topic": "📝",
}
#: Titles for boxes Sphinx does not translate.
EXTRA_TITLES = {"exercise": "연습", "solution": "풀이", "margin": "", "sidebar": "", "topic": ""}
#: Title of a Colab form cell that holds a cell the book folds or removes.
FORM_TITLES = {
    "hide-input": "코드 (펼쳐 보기)",
    "remove-input": "코드 (웹 책에서는 숨김)",
    "hide-cell": "펼쳐 보기: 실행하면 결과가 나옵니다",
    "remove-cell": "준비 코드 (웹 책에서는 숨김)",
}
DROP_OUTPUT_TAGS = {"hide-cell", "remove-cell", "hide-output", "remove-output"}
IGNORE_OUTPUT = "nbval-ignore-output"
_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


# --------------------------------------------------------------------------- the book's numbers


class EditionError(Exception):
    """Why the Colab edition cannot be made or checked now; ``main`` prints it, exit status 1."""


@dataclass
class Book:
    """What the HTML book shows: the index of its build, and its chapters."""

    #: ``book-index.json`` as _ext/book_index.py writes it.
    index: dict
    #: The chapter docnames (``chapters/NN_x``) in the order of ``_toc.yml``.
    chapters: list[str]

    # ---- URLs
    def web_url(self, docname: str, anchor: str = "") -> str:
        url = f"{book_config.baseurl()}{quote(docname)}.html"
        return url + (f"#{anchor}" if anchor else "")

    def colab_url(self, docname: str) -> str:
        """A chapter's Colab edition on the published branch of ``_config.yml``'s repository."""
        return book_config.colab_url(docname)

    def raw_url(self, path: str) -> str:
        """A file of the repository on the published branch, as GitHub serves it."""
        repository = urlsplit(book_config.repository_url()).path.strip("/")
        return f"https://raw.githubusercontent.com/{repository}/{book_config.branch()}/{path}"

    def link_for(self, docname: str, anchor: str = "") -> str:
        """Where a reference into ``docname`` leads from Colab: its Colab notebook or the web."""
        return (
            self.colab_url(docname) if docname in self.chapters else self.web_url(docname, anchor)
        )

    # ---- what the build named and numbered
    def title(self, docname: str) -> str | None:
        page = self.index["pages"].get(docname)
        return page["title"] if page else None

    def sections(self, docname: str) -> list[tuple[str, str]]:
        """A page's sections in order: (title as plain text, number as the HTML shows it)."""
        page = self.index["pages"].get(docname, {})
        return [(s["title"], s["number"]) for s in page.get("sections", [])]

    def chapter_number(self, docname: str) -> str:
        page = self.index["pages"].get(docname, {})
        return next((s["number"] for s in page.get("sections", []) if not s["anchor"]), "")

    def figure_number(self, docname: str, anchor: str) -> tuple[str, str]:
        """``(figtype, "1.1")`` of a numbered target, as the HTML shows it."""
        page = self.index["pages"].get(docname, {})
        for figtype, numbers in page.get("numbers", {}).items():
            if anchor in numbers:
                return figtype, numbers[anchor]
        for section in page.get("sections", []):
            if section["anchor"] == anchor and section["number"]:
                return "section", section["number"]
        raise KeyError(anchor)

    def label(self, name: str) -> dict | None:
        return self.index["labels"].get(name)

    def equation(self, name: str) -> dict | None:
        return self.index["equations"].get(name)

    def term(self, name: str) -> dict | None:
        """A glossary entry by its term, in any case (as Sphinx's ``{term}`` finds it)."""
        return self._terms.get(name.lower())

    @functools.cached_property
    def _terms(self) -> dict[str, dict]:
        return {name.lower(): entry for name, entry in self.index["terms"].items()}

    # ---- how the book writes them
    @property
    def numfig_format(self) -> dict[str, str]:
        return self.index["config"]["numfig_format"]

    @property
    def eqref_format(self) -> str:
        return self.index["config"]["math_eqref_format"]

    @property
    def secnumber_suffix(self) -> str:
        return self.index["config"]["secnumber_suffix"]

    @functools.cached_property
    def admonition_titles(self) -> dict[str, str]:
        return {**self.index["admonition_titles"], **EXTRA_TITLES}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_book(index: Path | None = None, check_fresh: bool = True) -> Book:
    """The numbers and titles of the last book build, from its index.

    Raises :class:`EditionError` when there is no build, or when a chapter's
    content differs from what the build read (run ``make book`` first). A
    chapter whose file was only touched (``touch``, ``git checkout``) is fresh.
    """
    index = INDEX if index is None else index
    if not index.is_file():
        raise EditionError(
            f"{_relative(index)} not found: build the book first (`make book`, or "
            "`make colab`, which builds it)"
        )
    data = json.loads(index.read_text(encoding="utf-8"))
    if data.get("format") != INDEX_FORMAT:
        raise EditionError(
            f"{_relative(index)} has format {data.get('format')!r}, this module reads "
            f"{INDEX_FORMAT}: build the book again (`make book`)"
        )
    book = Book(index=data, chapters=book_config.chapters(ROOT))
    if check_fresh:
        for doc in book.chapters:
            page = data["pages"].get(doc, {})
            if page.get("source_sha256") != _digest(ROOT / f"{doc}.ipynb"):
                raise EditionError(
                    f"{doc}.ipynb differs from what the last book build read: run `make book` "
                    "(or `make colab`, which builds it) first"
                )
    return book


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


# --------------------------------------------------------------------------- the MyST parser


class MystError(ValueError):
    """A MyST construct the Colab edition does not know how to show."""


@dataclass
class Context:
    book: Book
    docname: str
    where: str

    def fail(self, message: str) -> MystError:
        return MystError(f"{self.docname} ({self.where}): {message}")


def _with_span(rule):
    """An inline rule that also records, in its token's ``meta["span"]``, where the markup it
    read starts and ends in the inline source: the place a role is replaced."""

    def spanning(state, silent: bool) -> bool:
        start = state.pos
        if not rule(state, silent):
            return False
        if not silent:
            state.tokens[-1].meta["span"] = (start, state.pos)
        return True

    return spanning


@functools.cache
def myst_parser() -> MarkdownIt:
    """myst-parser's markdown-it parser with the book's extensions (``_config.yml``)."""
    config = book_config.config()
    sphinx = config.get("sphinx", {}).get("config", {})
    md = create_md_parser(
        MdParserConfig(
            enable_extensions=set(config["parse"]["myst_enable_extensions"]),
            dmath_double_inline=sphinx.get("myst_dmath_double_inline", False),
        ),
        RendererHTML,
    )
    rules = dict(zip(md.get_active_rules()["inline"], md.inline.ruler.getRules(""), strict=True))
    md.inline.ruler.at("myst_role", _with_span(rules["myst_role"]))
    return md


@functools.cache
def _plain_parser() -> MarkdownIt:
    """CommonMark with tables: the plain Markdown the edition writes, as Colab reads it."""
    md = MarkdownIt("commonmark").enable("table")
    md.add_render_rule("strong_open", lambda *args: "<b>")
    md.add_render_rule("strong_close", lambda *args: "</b>")
    return md


class _Exercise(Directive):
    """sphinx-exercise's ``exercise`` (an optional title), which the book does not install."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {"label": unchanged, "class": unchanged, "nonumber": unchanged}


class _Solution(_Exercise):
    """sphinx-exercise's ``solution``: its argument names the exercise it solves."""

    required_arguments = 1
    optional_arguments = 0


#: The directive classes Sphinx uses for the directives the edition shows: they say how
#: a directive's first line and its options split (myst-parser's ``parse_directive_text``).
DIRECTIVES: dict[str, type[Directive]] = {
    "admonition": admonitions.Admonition,
    "note": admonitions.Note,
    "tip": admonitions.Tip,
    "important": admonitions.Important,
    "warning": admonitions.Warning,
    "caution": admonitions.Caution,
    "attention": admonitions.Attention,
    "danger": admonitions.Danger,
    "error": admonitions.Error,
    "hint": admonitions.Hint,
    "seealso": SeeAlso,
    "exercise": _Exercise,
    "solution": _Solution,
    "margin": Margin,
    "sidebar": body.Sidebar,
    "topic": body.Topic,
    "dropdown": DropdownDirective,
    "toggle": Toggle,
    "figure": images.Figure,
    "image": images.Image,
    "math": MathDirective,
    "code-block": CodeBlock,
    "code": CodeBlock,
    "sourcecode": CodeBlock,
}


# --------------------------------------------------------------------------- roles


def _split_explicit(body: str) -> tuple[str | None, str]:
    """``"title <target>"`` -> ``("title", "target")``; ``"target"`` -> ``(None, "target")``.

    >>> _split_explicit("필터들 <필터>"), _split_explicit("fig-a")
    (('필터들', '필터'), (None, 'fig-a'))
    """
    text = body.strip()
    if text.endswith(">") and "<" in text:
        title, _, target = text[:-1].rpartition("<")
        if title.strip():
            return title.strip(), target.strip()
    return None, text.lstrip("<").rstrip(">")


def _resolve_doc(ctx: Context, target: str) -> str:
    target = target.removesuffix(".md").removesuffix(".ipynb")
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(ctx.docname), target))


def _reference(ctx: Context, text: str, docname: str, anchor: str = "") -> str:
    """Reference text, linked when it points into another page."""
    if docname == ctx.docname:
        return text
    return f"[{text}]({ctx.book.link_for(docname, anchor)})"


def _role(ctx: Context, name: str, body: str, before_word: bool = False) -> str:
    """A role as plain Markdown. ``before_word``: a letter follows it in the text, where
    CommonMark would not close a ``**`` that ends in punctuation (a link's ``)``), so a
    glossary link puts its bold inside the link."""
    book = ctx.book
    name = name.removeprefix("std:").removeprefix("math:")
    if name == "term":
        title, target = _split_explicit(body)
        entry = book.term(target)
        if entry is None:
            raise ctx.fail(f"{{term}}`{body}`: no such glossary term in the book build")
        url = book.web_url(entry["page"], entry["anchor"])
        return (
            f"[**{title or target}**]({url})" if before_word else f"**[{title or target}]({url})**"
        )
    if name == "numref":
        title, label = _split_explicit(body)
        target = book.label(label)
        if target is None:
            raise ctx.fail(f"{{numref}}`{body}`: no such label in the book build")
        try:
            figtype, number = book.figure_number(target["page"], target["anchor"])
        except KeyError:
            raise ctx.fail(
                f"{{numref}}`{body}`: the target has no number in the book build"
            ) from None
        if title:
            text = (
                title.replace("%s", number)
                .replace("{number}", number)
                .replace("{name}", target["title"])
            )
        else:
            text = book.numfig_format[figtype] % number
        return _reference(ctx, text, target["page"], target["anchor"])
    if name == "eq":
        title, label = _split_explicit(body)
        equation = book.equation(label)
        if equation is None:
            raise ctx.fail(f"{{eq}}`{body}`: no such equation label in the book build")
        text = title or book.eqref_format.format(number=equation["number"])
        return _reference(ctx, text, equation["page"], equation["anchor"])
    if name == "ref":
        title, label = _split_explicit(body)
        target = book.label(label)
        if target is None:
            raise ctx.fail(f"{{ref}}`{body}`: no such label in the book build")
        return _reference(ctx, title or target["title"], target["page"], target["anchor"])
    if name == "doc":
        title, target = _split_explicit(body)
        docname = _resolve_doc(ctx, target)
        if book.title(docname) is None:
            raise ctx.fail(f"{{doc}}`{body}`: no such page in the book build")
        return _reference(ctx, title or book.title(docname), docname)
    if name == "math":
        return f"${body}$"
    if name in ("code", "literal", "samp", "file", "kbd", "command"):
        return f"`{body}`"
    if name in ("sub", "subscript"):
        return f"<sub>{body}</sub>"
    if name in ("sup", "superscript"):
        return f"<sup>{body}</sup>"
    if name == "abbr":
        return body.split(" (")[0]
    if name in ("guilabel", "menuselection", "strong"):
        return f"**{body}**"
    if name == "emphasis":
        return f"*{body}*"
    raise ctx.fail(f"unsupported MyST role {{{name}}}`{body}`")


def _rewrite_inline(ctx: Context, inline: Token) -> str:
    """An inline token's source with its roles replaced by plain Markdown; the rest as written."""
    text = inline.content
    for child in reversed(inline.children or []):  # from the end: earlier spans stay valid
        if child.type == "substitution_inline":
            raise ctx.fail(
                f"MyST substitution {{{{ {child.content.strip()} }}}}: not supported by the "
                "Colab edition"
            )
        if child.type != "myst_role":
            continue
        start, end = child.meta["span"]
        before_word = end < len(text) and (text[end].isalnum() or text[end] == "_")
        text = (
            text[:start] + _role(ctx, child.meta["name"], child.content, before_word) + text[end:]
        )
    return text


def convert_inline(ctx: Context, text: str) -> str:
    """MyST inline markup (a title, a caption line) as plain Markdown.

    Inline code stays as written, whatever it holds: the parser says what is a role.
    """
    return _rewrite_inline(ctx, myst_parser().parseInline(text)[0])


def _inline_html(text: str) -> str:
    """Plain inline Markdown (bold, links, code) as HTML, for ``<summary>`` where Markdown
    is not read."""
    return _plain_parser().renderInline(text)


def _has_roles(inline: Token) -> bool:
    return any(c.type in ("myst_role", "substitution_inline") for c in inline.children or [])


# --------------------------------------------------------------------------- blocks


def _blockquote(lines: list[str]) -> list[str]:
    return [f"> {line}" if line.strip() else ">" for line in lines]


def _math_block(ctx: Context, latex: str, label: str | None) -> list[str]:
    latex = latex.strip("\n")
    if label:
        equation = ctx.book.equation(label)
        if equation is None:
            raise ctx.fail(f"equation label ({label}) is not in the book build")
        latex = f"{latex}\n\\tag{{{equation['number']}}}"
    return ["$$", *latex.splitlines(), "$$"]


def _option(value) -> str:
    """A parsed option's value as text (``:class:`` gives a list, a flag gives None)."""
    if value is None:
        return ""
    return " ".join(value) if isinstance(value, list) else str(value)


def _directive(ctx: Context, name: str, arg: str, content: str) -> list[str]:
    """A directive (its name, the rest of its first line, its content) as plain Markdown."""
    if name not in DIRECTIVES:
        raise ctx.fail(f"unsupported MyST directive {{{name}}}")
    try:
        parsed = parse_directive_text(DIRECTIVES[name], arg, content)
    except MarkupError as error:
        raise ctx.fail(f"{{{name}}}: {error}") from None
    if parsed.warnings:
        raise ctx.fail(f"{{{name}}}: {parsed.warnings[0].msg}")
    options = {key: _option(value) for key, value in parsed.options.items()}
    title = parsed.arguments[0] if parsed.arguments else ""
    classes = set(options.get("class", "").split())
    if name == "math":
        latex = "\n".join([title, *parsed.body] if title else parsed.body)
        return _math_block(ctx, latex, options.get("label") or options.get("name"))
    if name in ("code-block", "code", "sourcecode"):
        return [f"```{title}", *parsed.body, "```"]
    inner = convert_markdown_lines(ctx, parsed.body)
    if name in FOLDED or (name in ADMONITIONS and "dropdown" in classes):
        summary = (
            convert_inline(ctx, title) or ctx.book.admonition_titles.get(name, "") or "펼쳐 보기"
        )
        return [
            f"<details><summary><b>{_inline_html(summary)}</b></summary>",
            "",
            *inner,
            "",
            "</details>",
        ]
    if name in ADMONITIONS:
        kind = name if name != "admonition" else next((c for c in classes if c in MARKERS), "note")
        if name == "solution":  # sphinx-exercise: the argument names the exercise, not a title
            title = ""
        title = convert_inline(ctx, title) if title else ctx.book.admonition_titles.get(kind, "")
        head = [f"{MARKERS.get(kind, '📝')} **{title}**", ""] if title else []
        return _blockquote(head + inner)
    # a figure or an image
    src = title
    if not urlsplit(src).scheme:
        src = ctx.book.raw_url(
            posixpath.normpath(posixpath.join(posixpath.dirname(ctx.docname), src))
        )
    lines = [f"![{options.get('alt', '')}]({src})"]
    caption = [line for line in parsed.body if line.strip()]
    if caption:
        prefix = ""
        target = ctx.book.label(options.get("name", ""))
        if target is not None:
            figtype, number = ctx.book.figure_number(target["page"], target["anchor"])
            prefix = f"**{ctx.book.numfig_format[figtype] % number}** "
        lines += ["", prefix + " ".join(convert_inline(ctx, line) for line in caption)]
    return lines


def _directive_head(info: str) -> tuple[str | None, str]:
    """A fence's info string as myst-parser reads it: ``("note", "제목")`` for ``{note} 제목``,
    ``(None, ...)`` for a code block's language.

    >>> _directive_head("{dropdown} 1번 정답"), _directive_head("python")
    (('dropdown', '1번 정답'), (None, 'python'))
    """
    parts = info.strip().split(maxsplit=1)
    name = parts[0] if parts else ""
    arguments = parts[1] if len(parts) > 1 else ""
    if name.startswith("{") and name.endswith("}"):
        return name[1:-1], arguments
    return None, info.strip()


def _closed(token: Token, lines: list[str]) -> bool:
    """Whether a fence ends with its closing marker (markdown-it closes it at the end of the
    text otherwise)."""
    start, end = token.map
    closing = lines[end - 1].strip(" \t>")
    return (
        end - start >= 2
        and closing == token.markup[0] * len(closing)
        and (len(closing) >= len(token.markup))
    )


def _prefixed(first: str, lines: list[str]) -> list[str]:
    """Generated lines in a container: the first after ``first`` (the source's indent or
    ``> `` before the construct), the others after the same width of continuation."""
    rest = "".join(c if c == ">" else " " for c in first)
    out = []
    for index, line in enumerate(lines):
        prefix = first if index == 0 else rest
        out.append(prefix + line if line else prefix.rstrip())
    return out


def convert_markdown_lines(ctx: Context, lines: list[str]) -> list[str]:
    """Rewrite MyST Markdown lines into plain Markdown lines (recursive for nested directives).

    The parser's tokens say which lines hold which construct (``token.map``); a line outside
    every MyST construct is kept, with its roles replaced.
    """
    tokens = myst_parser().parse("\n".join(lines))
    out = list(lines)
    blocks: dict[int, tuple[int, list[str]]] = {}  # first line -> (end line, new lines)
    row_cursor: dict[int, int] = {}  # a table row's line -> where its next cell is looked for
    definitions: list[int] = []  # the first lines of a definition list's definitions
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "inline":
            container = tokens[index - 1].type if index else ""
            if container == "dt_open":  # a definition's term: a bold line
                out[token.map[0]] = f"**{_rewrite_inline(ctx, token).strip()}**  "
            elif _has_roles(token):
                _splice(
                    ctx, token, out, row_cursor if container in ("th_open", "td_open") else None
                )
        elif kind == "dd_open":
            definitions.append(token.map[0])
        elif kind in ("fence", "colon_fence"):
            name, arg = _directive_head(token.info)
            if name is None:
                if kind == "colon_fence":
                    raise ctx.fail(f"a ::: fence without a directive name: {lines[token.map[0]]!r}")
                continue  # a code block: as written
            if not _closed(token, lines):
                raise ctx.fail(f"unclosed fence {token.markup}{token.info}")
            content = token.content
            if kind == "colon_fence" and content.startswith(":::"):
                content = "\n" + content  # a nested fence first, not options (as myst-parser)
            first = lines[token.map[0]]
            prefix = first[: first.index(token.markup)]
            new = _prefixed(prefix, _directive(ctx, name, arg, content))
            blocks[token.map[0]] = (token.map[1], new)
        elif kind in ("math_block", "math_block_label"):
            first = lines[token.map[0]]
            prefix = first[: first.index(token.markup)]
            new = _math_block(ctx, token.content, token.info or None)
            blocks[token.map[0]] = (token.map[1], _prefixed(prefix, new))
        elif kind in ("myst_target", "myst_line_comment", "myst_block_break"):
            blocks[token.map[0]] = (token.map[1], [])
        elif kind == "substitution_block":
            raise ctx.fail(
                f"MyST substitution {{{{ {token.content.strip()} }}}}: not supported by the "
                "Colab edition"
            )
    for line in definitions:  # a definition's first line, without its ": " marker
        out[line] = out[line].lstrip()[1:].lstrip()
    result: list[str] = []
    number = 0
    while number < len(out):
        if number in blocks:
            end, new = blocks[number]
            result += new
            number = end
            continue
        result.append(out[number])
        number += 1
    return result


def _splice(ctx: Context, inline: Token, out: list[str], row_cursor: dict[int, int] | None) -> None:
    """Put an inline token's rewritten source back into its lines of ``out``.

    The inline's source is its lines without the container's markers (indent, ``> ``, a list
    item's marker); each rewritten line replaces the original where it sits in its line. A
    table cell (``row_cursor`` given) is found left to right along its row, with ``|`` in its
    text written ``\\|`` as in the row.
    """
    old_lines = inline.content.split("\n")
    new_lines = _rewrite_inline(ctx, inline).split("\n")
    if len(new_lines) != len(old_lines):
        raise ctx.fail(f"a role spans lines: {inline.content!r}")
    first = inline.map[0]
    for offset, (old, new) in enumerate(zip(old_lines, new_lines, strict=True)):
        if old == new:
            continue
        line = out[first + offset]
        if row_cursor is None:  # the inline's line ends the source line (but for spaces)
            at = line.rstrip().rfind(old.rstrip())
        else:
            old, new = old.replace("|", "\\|"), new.replace("|", "\\|")
            at = line.find(old, row_cursor.get(first, 0))
        if at < 0:
            raise ctx.fail(f"cannot find {old!r} in its line {line!r}")
        out[first + offset] = line[:at] + new + line[at + len(old) :]
        if row_cursor is not None:
            row_cursor[first] = at + len(new)


def _plain_text(inline: Token) -> str:
    """The text of plain inline Markdown, without its markup (to compare with a title)."""
    parts = [c.content for c in inline.children or [] if c.type in ("text", "code_inline")]
    parts += [" " for c in inline.children or [] if c.type == "softbreak"]
    return " ".join("".join(parts).split())


def number_headings(ctx: Context, markdown: str, sections: list[tuple[str, str]]) -> str:
    """Put the HTML book's section numbers ("1.2. ") before the headings of converted Markdown.

    ``sections`` is consumed in order across the cells of a page; a heading that does not
    match the next section of the book build raises :class:`MystError`.
    """
    lines = markdown.split("\n")
    tokens = _plain_parser().parse(markdown)
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.level != 0:
            continue
        line = lines[token.map[0]]
        if not sections:
            raise ctx.fail(f"heading {line!r} is not a section of the book build")
        title, number = sections.pop(0)
        inline = tokens[index + 1]
        if _plain_text(inline) != " ".join(title.split()):
            raise ctx.fail(f"heading {line!r} does not match the book's section {title!r}")
        if number and token.markup.startswith("#"):
            lines[token.map[0]] = (
                f"{token.markup} {number}{ctx.book.secnumber_suffix}{inline.content}"
            )
        elif number:  # a setext heading: the number before its text
            lines[token.map[0]] = f"{number}{ctx.book.secnumber_suffix}{line}"
    return "\n".join(lines)


def convert_markdown(ctx: Context, source: str) -> str:
    lines = convert_markdown_lines(ctx, source.replace("\r\n", "\n").split("\n"))
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


# --------------------------------------------------------------------------- notebooks


def _cell_id(base: str, suffix: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", f"{base}-{suffix}")[-64:]


def _banner(book: Book, docname: str, source_name: str) -> nbformat.NotebookNode:
    number = book.chapter_number(docname)
    title = book.title(docname)
    chapter = f"{number}장 {title}" if number else title
    text = (
        f"<!-- Generated by tools/colab_edition.py from {source_name}: edit that file, then run "
        "`make colab`. -->\n"
        f"> 📖 **웹 책에서 보기:** [{chapter}]({book.web_url(docname)}) · "
        f"이 노트북은 웹 책의 같은 장을 Colab에서 실행하도록 만든 판입니다.\n>\n"
        "> 먼저 아래의 설정 셀을 실행하세요(패키지 설치, 약 30초). "
        "**런타임 → 모두 실행** 으로 처음부터 끝까지 실행할 수 있습니다."
    )
    return nbformat.v4.new_markdown_cell(text, id=_cell_id(docname.split("/")[-1], "colab-banner"))


def _hidden_tag(tags: list[str]) -> str | None:
    for tag in ("remove-cell", "hide-cell", "remove-input", "hide-input"):
        if tag in tags:
            return tag
    return None


def _is_setup_cell(cell) -> bool:
    return (
        cell.cell_type == "code"
        and "cnn_utils.setup()" in cell.source
        and "google.colab" in cell.source
    )


def convert_code_cell(cell, first_code: bool) -> nbformat.NotebookNode:
    new = copy.deepcopy(cell)
    tags = list(new.metadata.get("tags", []))
    new.metadata.pop("mystnb", None)
    new.metadata.pop("slide", None)  # the lecture decks' label for this cell's output
    hidden = _hidden_tag(tags)
    drop_output = first_code or bool(DROP_OUTPUT_TAGS & set(tags))
    if hidden:
        title = f"#@title {FORM_TITLES[hidden]}"
        if new.source.startswith("%%"):  # a cell magic must stay the first line
            first, _, rest = new.source.partition("\n")
            new.source = f"{first}\n{title}\n{rest}"
        else:
            new.source = f"{title}\n{new.source}"
        new.metadata["cellView"] = "form"
        tags = [t for t in tags if t != hidden]
    tags = [t for t in tags if t not in DROP_OUTPUT_TAGS]
    if drop_output:
        new.outputs = []
        new.execution_count = None
        if IGNORE_OUTPUT not in tags:
            tags.append(IGNORE_OUTPUT)
    if tags:
        new.metadata["tags"] = tags
    else:
        new.metadata.pop("tags", None)
    return new


def _caption_cell(ctx: Context, cell) -> nbformat.NotebookNode | None:
    figure = (cell.metadata.get("mystnb") or {}).get("figure")
    if not figure or not figure.get("caption"):
        return None
    caption = convert_markdown(ctx, str(figure["caption"]))
    label = figure.get("name")
    if label:
        target = ctx.book.label(label)
        if target is None:
            raise ctx.fail(f"figure label {label!r} is not in the book build")
        figtype, number = ctx.book.figure_number(target["page"], target["anchor"])
        caption = f"**{ctx.book.numfig_format[figtype] % number}** {caption}"
    return nbformat.v4.new_markdown_cell(caption, id=_cell_id(cell.get("id", "cell"), "caption"))


def _widget_models(nb) -> set[str]:
    models = set()
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            view = out.get("data", {}).get(_WIDGET_VIEW)
            if view:
                models.add(view["model_id"])
    return models


def convert_notebook(book: Book, docname: str) -> nbformat.NotebookNode:
    """The Colab edition of one chapter (``docname`` like ``chapters/01_filter``)."""
    source_name = f"{docname}.ipynb"
    nb = nbformat.read(ROOT / source_name, as_version=4)
    cells = [_banner(book, docname, source_name)]
    sections = book.sections(docname)
    first_code = True
    for index, cell in enumerate(nb.cells):
        ctx = Context(book, docname, f"cell {index}")
        if cell.cell_type == "markdown":
            new = copy.deepcopy(cell)
            new.source = number_headings(ctx, convert_markdown(ctx, cell.source), sections)
            if new.source.strip():
                cells.append(new)
        elif cell.cell_type == "code":
            cells.append(convert_code_cell(cell, first_code and _is_setup_cell(cell)))
            first_code = False
            caption = _caption_cell(ctx, cell)
            if caption is not None:
                cells.append(caption)
        else:
            cells.append(copy.deepcopy(cell))
    if sections:
        raise MystError(f"{docname}: sections of the book build not found: {sections[:3]}")
    out = nbformat.v4.new_notebook(cells=cells, metadata=copy.deepcopy(nb.metadata))
    out.nbformat, out.nbformat_minor = nb.nbformat, nb.nbformat_minor
    colab = dict(out.metadata.get("colab", {}))
    colab.update({"name": Path(source_name).name, "provenance": [], "toc_visible": True})
    out.metadata["colab"] = colab
    out.metadata["cnn_book"] = {
        "generated_from": source_name,
        "generator": GENERATOR,
        "edition": cnn_utils.__version__,
    }
    models = _widget_models(out)
    state = (nb.metadata.get("widgets") or {}).get(_WIDGET_STATE, {})
    if models:
        missing = models - set(state.get("state", {}))
        if missing:
            raise ValueError(
                f"{source_name}: widget outputs refer to models without state: "
                f"{sorted(missing)[:3]}"
            )
        out.metadata["widgets"] = {_WIDGET_STATE: copy.deepcopy(state)}
    else:
        out.metadata.pop("widgets", None)
    nbformat.validate(out)
    return out


def colab_path(docname: str) -> Path:
    return ROOT / COLAB_DIR / f"{docname}.ipynb"


def render(nb) -> str:
    return nbformat.writes(nb) + "\n"


def generate(book: Book | None = None) -> dict[Path, str]:
    """Every Colab notebook's text, by path; nothing is written."""
    book = book or load_book()
    return {colab_path(doc): render(convert_notebook(book, doc)) for doc in book.chapters}


def _generated_notebooks(folder: Path) -> list[Path]:
    """The notebooks under ``folder`` that this script wrote (its mark in their metadata).

    A student's own notebook there, and JupyterLab's ``.ipynb_checkpoints``
    copies, are not the edition's: they are never reported or removed.
    """
    found = []
    for path in sorted(folder.rglob("*.ipynb")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        try:
            metadata = nbformat.read(path, as_version=4).metadata
        except Exception:  # not a notebook this script wrote
            continue
        if (metadata.get("cnn_book") or {}).get("generator") == GENERATOR:
            found.append(path)
    return found


def write(files: dict[Path, str], folder: Path | None = None) -> list[Path]:
    """Write the edition; remove the generated notebooks whose chapter is gone.

    Returns the changed paths. Only files this script generates are touched.
    """
    folder = ROOT / COLAB_DIR if folder is None else folder
    changed = []
    for path, text in files.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.writing")
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(path)  # a stopped run leaves the old notebook or the new one
            changed.append(path)
    for stale in _generated_notebooks(folder):
        if stale not in files:
            stale.unlink()
            changed.append(stale)
    return changed


def stale_files(files: dict[Path, str], folder: Path | None = None) -> list[str]:
    """Paths (relative) whose committed text differs from ``files``, plus generated notebooks
    whose chapter is gone."""
    folder = ROOT / COLAB_DIR if folder is None else folder
    stale = [
        _relative(p)
        for p, text in files.items()
        if not p.is_file() or p.read_text(encoding="utf-8") != text
    ]
    stale += [_relative(p) for p in _generated_notebooks(folder) if p not in files]
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if colab/ is not up to date")
    args = parser.parse_args(argv)
    try:
        files = generate()
    except (EditionError, MystError) as e:
        print(f"colab_edition: {e}", file=sys.stderr)
        return 1
    if args.check:
        stale = stale_files(files)
        for path in stale:
            print(f"stale: {path}")
        return 1 if stale else 0
    changed = write(files)
    print(f"Colab edition: {len(files)} notebooks in {COLAB_DIR}/, {len(changed)} changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
