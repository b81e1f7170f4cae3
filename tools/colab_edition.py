"""Write the Colab edition: ``colab/chapters/NN_*.ipynb`` from ``chapters/*.ipynb``.

Run ``make colab`` (it builds the book first, then runs this file). The
chapters are the only source; nothing under ``colab/`` is edited by hand, and
``tests/test_colab_edition.py`` fails when ``colab/`` differs from what this
script makes from the current chapters and the current book build.

Why a separate edition
    Colab renders plain Markdown, not MyST. Opened as they are, the chapters
    show ``:::`` fences, ``{term}`` roles, equation labels and open "hidden"
    cells. This script rewrites every MyST construct into something Colab's
    renderer shows properly, and refuses (``ValueError``) a construct it does
    not know, so new markup can never leak through unnoticed.

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
      one Sphinx gave the entry (from the build environment).
    * ``{numref}``, ``{eq}``, ``{ref}`` and ``{doc}`` become exactly the text
      the HTML book shows ("그림 1.1", "식 (6.1)", a chapter's title), read from
      the Sphinx build environment (``_build/.doctrees/environment.pickle``) and
      formatted with the book's ``numfig_format`` / ``math_eqref_format``, not
      retyped. A reference into another chapter links to that chapter's Colab
      notebook; one into a non-chapter page links to the web book.
    * Headings get the section numbers the HTML book shows ("## 1.2. ..."), so
      "그림 1.1" and "식 (6.1)" read as in the book; a heading that does not
      match the build's sections is refused.
    * Labelled display math (``$$ ... $$ (label)`` or ``{math}`` with
      ``:label:``) becomes ``$$ ... \\tag{6.1} $$`` with the book's number;
      ``(label)=`` targets and ``%`` comments are removed.
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

    python tools/colab_edition.py           # write colab/chapters/*.ipynb
    python tools/colab_edition.py --check   # exit 1 if colab/ is stale
"""

from __future__ import annotations

import argparse
import copy
import pickle
import posixpath
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "_ext"))
sys.path.insert(0, str(ROOT))
from book_assets import SOURCE_DIGESTS, source_digest  # noqa: E402 (the build records them)
from colab_button import COLAB_DIR, colab_notebook_url  # noqa: E402

import cnn_utils  # noqa: E402  (the checkout's package: the edition's version)

#: The Sphinx build environment the numbers are read from.
ENVIRONMENT = ROOT / "_build" / ".doctrees" / "environment.pickle"
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

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
_DIRECTIVE = re.compile(r"^\{(?P<name>[a-zA-Z][\w:-]*)\}\s*(?P<arg>.*)$")
_INLINE = re.compile(
    r"\{(?P<name>[a-zA-Z][\w:-]*)\}(?P<ticks>`+)(?P<body>.+?)(?P=ticks)"
    r"|(?P<code>(?P<cticks>`+).+?(?P=cticks))"
)
_TARGET = re.compile(r"^\s*\(([^()\s]+)\)=\s*$")
_EXPLICIT = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$", re.S)
_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


# --------------------------------------------------------------------------- the book's numbers


@dataclass
class Book:
    """What the HTML book shows, read from the Sphinx build environment and ``_config.yml``."""

    base_url: str
    repo_owner: str
    repo_name: str
    #: The git ref the edition's links and images point at: the published branch.
    ref: str
    language: str
    titles: dict[str, str]
    secnumbers: dict[str, dict[str, tuple]]
    fignumbers: dict[str, dict[str, dict[str, tuple]]]
    labels: dict[str, tuple[str, str, str]]
    terms: dict[str, tuple[str, str]]
    equations: dict[str, tuple[str, int]]
    numfig_format: dict[str, str]
    eqref_format: str
    chapters: list[str] = field(default_factory=list)
    #: Per page, its sections in order: (title as plain text, number as the HTML shows it or "").
    sections: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    secnumber_suffix: str = ". "
    admonition_titles: dict[str, str] = field(default_factory=dict)

    # ---- URLs
    def web_url(self, docname: str, anchor: str = "") -> str:
        return f"{self.base_url}{quote(docname)}.html" + (f"#{anchor}" if anchor else "")

    def colab_url(self, docname: str) -> str:
        """A chapter's Colab edition on the published branch of ``_config.yml``'s repository."""
        return colab_notebook_url(self.repo_owner, self.repo_name, self.ref, docname)

    def link_for(self, docname: str, anchor: str = "") -> str:
        """Where a reference into ``docname`` leads from Colab: its Colab notebook or the web."""
        return (
            self.colab_url(docname) if docname in self.chapters else self.web_url(docname, anchor)
        )

    # ---- numbers
    def chapter_number(self, docname: str) -> str:
        number = self.secnumbers.get(docname, {}).get("")
        return ".".join(map(str, number)) if number else ""

    def figure_number(self, docname: str, node_id: str) -> tuple[str, str]:
        """``(figtype, "1.1")`` of a numbered node, as the HTML shows it."""
        for figtype, ids in self.fignumbers.get(docname, {}).items():
            if node_id in ids:
                return figtype, ".".join(map(str, ids[node_id]))
        number = self.secnumbers.get(docname, {}).get(f"#{node_id}")
        if number:
            return "section", ".".join(map(str, number))
        raise KeyError(node_id)


def load_config() -> dict:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def toc_chapters() -> list[str]:
    """The chapter docnames (``chapters/NN_x``) in the order of ``_toc.yml``."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [
        c["file"]
        for part in toc.get("parts", [])
        for c in part.get("chapters", [])
        if c["file"].startswith("chapters/")
    ]


def _admonition_titles(language: str) -> dict[str, str]:
    import sphinx
    from sphinx import locale

    locale.init([Path(sphinx.__file__).parent / "locale"], language, "sphinx")
    titles = {kind: str(label) for kind, label in locale.admonitionlabels.items()}
    titles.update(EXTRA_TITLES)
    return titles


class EditionError(Exception):
    """Why the Colab edition cannot be made or checked now; ``main`` prints it, exit status 1."""


def load_book(environment: Path | None = None, check_fresh: bool = True) -> Book:
    """Read the numbers and titles of the last book build.

    Raises :class:`EditionError` when there is no build, or when a chapter's
    content differs from what the build read (run ``make book`` first). A
    chapter whose file was only touched (``touch``, ``git checkout``) is fresh.
    """
    environment = ENVIRONMENT if environment is None else environment
    if not environment.is_file():
        raise EditionError(
            f"{_relative(environment)} not found: build the book first (`make book`, or "
            "`make colab`, which builds it)"
        )
    with environment.open("rb") as handle:
        env = pickle.load(handle)
    config = load_config()
    base_url = (config.get("html", {}) or {}).get("baseurl", "")
    if not base_url.startswith("https://"):
        raise ValueError(
            "_config.yml: html.baseurl must be the https:// address of the published book"
        )
    owner, name = urlsplit(config["repository"]["url"]).path.strip("/").split("/")[:2]
    std = env.domaindata["std"]
    book = Book(
        base_url=base_url.rstrip("/") + "/",
        repo_owner=owner,
        repo_name=name,
        ref=config["repository"].get("branch") or "main",
        language=env.config.language or "en",
        titles={doc: title.astext() for doc, title in env.titles.items()},
        secnumbers=dict(env.toc_secnumbers),
        fignumbers=dict(env.toc_fignumbers),
        labels=dict(std["labels"]),
        terms={key[1].lower(): value for key, value in std["objects"].items() if key[0] == "term"},
        equations=dict(env.domaindata["math"]["objects"]),
        numfig_format=dict(env.config.numfig_format),
        eqref_format=env.config.math_eqref_format,
        chapters=toc_chapters(),
    )
    book.admonition_titles = _admonition_titles(book.language)
    book.secnumber_suffix = env.config.html_secnumber_suffix
    from docutils import nodes

    for doc, toc in env.tocs.items():
        numbers = env.toc_secnumbers.get(doc, {})
        book.sections[doc] = [
            (ref.astext(), ".".join(map(str, numbers.get(ref["anchorname"], ()))))
            for ref in toc.findall(nodes.reference)
        ]
    if check_fresh:
        digests = getattr(env, SOURCE_DIGESTS, {})
        for doc in book.chapters:
            source = ROOT / f"{doc}.ipynb"
            if digests.get(doc) != source_digest(source):
                raise EditionError(
                    f"{doc}.ipynb differs from what the last book build read: run `make book` "
                    "(or `make colab`, which builds it) first"
                )
    return book


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


# --------------------------------------------------------------------------- Markdown


class MystError(ValueError):
    """A MyST construct the Colab edition does not know how to show."""


@dataclass
class Context:
    book: Book
    docname: str
    where: str

    def fail(self, message: str) -> MystError:
        return MystError(f"{self.docname} ({self.where}): {message}")


def _split_explicit(body: str) -> tuple[str | None, str]:
    match = _EXPLICIT.match(body.strip())
    if match and match.group("title"):
        return match.group("title").strip(), match.group("target").strip()
    return None, body.strip().lstrip("<").rstrip(">")


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


def _role(ctx: Context, name: str, body: str) -> str:
    book = ctx.book
    name = name.removeprefix("std:").removeprefix("math:")
    if name == "term":
        title, target = _split_explicit(body)
        key = target.lower()
        if key not in book.terms:
            raise ctx.fail(f"{{term}}`{body}`: no such glossary term in the book build")
        docname, anchor = book.terms[key]
        return f"**[{title or target}]({book.web_url(docname, anchor)})**"
    if name == "numref":
        title, label = _split_explicit(body)
        if label not in book.labels:
            raise ctx.fail(f"{{numref}}`{body}`: no such label in the book build")
        docname, node_id, caption = book.labels[label]
        try:
            figtype, number = book.figure_number(docname, node_id)
        except KeyError:
            raise ctx.fail(
                f"{{numref}}`{body}`: the target has no number in the book build"
            ) from None
        if title:
            text = (
                title.replace("%s", number).replace("{number}", number).replace("{name}", caption)
            )
        else:
            text = book.numfig_format[figtype] % number
        return _reference(ctx, text, docname, node_id)
    if name == "eq":
        title, label = _split_explicit(body)
        if label not in book.equations:
            raise ctx.fail(f"{{eq}}`{body}`: no such equation label in the book build")
        docname, _ = book.equations[label]
        _, number = book.figure_number(docname, f"equation-{label}")
        return _reference(
            ctx, title or book.eqref_format.format(number=number), docname, f"equation-{label}"
        )
    if name == "ref":
        title, label = _split_explicit(body)
        if label not in book.labels:
            raise ctx.fail(f"{{ref}}`{body}`: no such label in the book build")
        docname, node_id, section = book.labels[label]
        return _reference(ctx, title or section, docname, node_id)
    if name == "doc":
        title, target = _split_explicit(body)
        docname = _resolve_doc(ctx, target)
        if docname not in book.titles:
            raise ctx.fail(f"{{doc}}`{body}`: no such page in the book build")
        return _reference(ctx, title or book.titles[docname], docname)
    if name == "math":
        return f"${body}$"
    if name in ("code", "literal", "samp", "file", "kbd", "command"):
        return f"`{body}`"
    if name in ("sub", "subscript"):
        return f"<sub>{body}</sub>"
    if name in ("sup", "superscript"):
        return f"<sup>{body}</sup>"
    if name in ("abbr", "guilabel", "menuselection", "strong"):
        title, _ = _split_explicit(body) if name == "abbr" else (None, body)
        return f"**{title or body}**" if name != "abbr" else body.split(" (")[0]
    if name == "emphasis":
        return f"*{body}*"
    raise ctx.fail(f"unsupported MyST role {{{name}}}`{body}`")


def convert_inline(ctx: Context, text: str) -> str:
    """Replace every MyST role in a piece of Markdown; inline `code` spans stay as they are."""

    def replace(match: re.Match) -> str:
        if match.group("code"):
            return match.group("code")
        return _role(ctx, match.group("name"), match.group("body"))

    return _bold_before_hangul(_INLINE.sub(replace, text))


#: Bold that ends in a link or a code span: CommonMark does not close ``**`` after punctuation
#: (``)`` or a backtick) when a letter follows, so ``**[ReLU](…)**로`` shows its asterisks.
_BOLD_LINK = re.compile(r"\*\*\[([^\]\n]+)\]\(([^)\s]+)\)\*\*(?=\w)")
_BOLD_CODE = re.compile(r"\*\*(`[^`\n]+`)\*\*(?=\w)")


def _bold_before_hangul(text: str) -> str:
    """Bold that closes before a particle: the link's text in bold, a code span in ``<b>``.

    Examples
    --------
    >>> _bold_before_hangul("**[ReLU](https://x/g.html#r)**로, **`same`**은, **[a](b)** 뒤")
    '[**ReLU**](https://x/g.html#r)로, <b>`same`</b>은, **[a](b)** 뒤'
    """
    return _BOLD_CODE.sub(r"<b>\1</b>", _BOLD_LINK.sub(r"[**\1**](\2)", text))


def _inline_html(text: str) -> str:
    """Inline Markdown (bold, links, code) as HTML, for `<summary>` where Markdown is not read."""
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", r'<a href="\2">\1</a>', text)


def _blockquote(lines: list[str]) -> list[str]:
    return [f"> {line}" if line.strip() else ">" for line in lines]


def _options(ctx: Context, body: list[str]) -> tuple[dict[str, str], list[str]]:
    """Split a directive's ``:key: value`` lines (or a ``---`` YAML block) from its content."""
    options: dict[str, str] = {}
    if body and body[0].strip() == "---":
        end = next((i for i in range(1, len(body)) if body[i].strip() == "---"), None)
        if end is None:
            raise ctx.fail("unclosed --- option block")
        options = {
            str(k): str(v) for k, v in (yaml.safe_load("\n".join(body[1:end])) or {}).items()
        }
        return options, body[end + 1 :]
    index = 0
    while index < len(body) and re.match(r"^:[\w-]+:", body[index].strip()):
        key, _, value = body[index].strip()[1:].partition(":")
        options[key] = value.strip()
        index += 1
    return options, body[index:]


def _math_block(ctx: Context, latex: str, label: str | None) -> list[str]:
    latex = latex.strip("\n")
    if label:
        if label not in ctx.book.equations:
            raise ctx.fail(f"equation label ({label}) is not in the book build")
        docname, _ = ctx.book.equations[label]
        _, number = ctx.book.figure_number(docname, f"equation-{label}")
        latex = f"{latex}\n\\tag{{{number}}}"
    return ["$$", *latex.splitlines(), "$$"]


def _directive(ctx: Context, name: str, arg: str, body: list[str]) -> list[str]:
    options, content = _options(ctx, body)
    classes = set(options.get("class", "").split())
    if name in ("math",):
        return _math_block(ctx, "\n".join(content), options.get("label") or options.get("name"))
    if name in ("code-block", "code", "sourcecode", "code-cell"):
        return [f"```{arg.strip()}", *content, "```"]
    inner = convert_markdown_lines(ctx, content)
    if name in FOLDED or (name in ADMONITIONS and "dropdown" in classes):
        title = (
            convert_inline(ctx, arg.strip())
            or ctx.book.admonition_titles.get(name, "")
            or "펼쳐 보기"
        )
        summary = f"<details><summary><b>{_inline_html(title)}</b></summary>"
        return [summary, "", *inner, "", "</details>"]
    if name in ADMONITIONS:
        kind = name if name != "admonition" else next((c for c in classes if c in MARKERS), "note")
        if name == "solution":  # sphinx-exercise: the argument names the exercise, not a title
            arg = ""
        title = (
            convert_inline(ctx, arg.strip())
            if arg.strip()
            else ctx.book.admonition_titles.get(kind, "")
        )
        marker = MARKERS.get(kind, "📝")
        head = [f"{marker} **{title}**", ""] if title else []
        return _blockquote(head + inner)
    if name in ("figure", "image"):
        src = arg.strip()
        if not urlsplit(src).scheme:
            src = (
                f"https://raw.githubusercontent.com/{ctx.book.repo_owner}/{ctx.book.repo_name}/"
                f"{ctx.book.ref}/"
                + posixpath.normpath(posixpath.join(posixpath.dirname(ctx.docname), src))
            )
        alt = options.get("alt", "")
        caption = [line for line in inner if line.strip()]
        label = options.get("name")
        lines = [f"![{alt}]({src})"]
        if caption:
            prefix = ""
            if label and label in ctx.book.labels:
                docname, node_id, _ = ctx.book.labels[label]
                figtype, number = ctx.book.figure_number(docname, node_id)
                prefix = f"**{ctx.book.numfig_format[figtype] % number}** "
            lines += ["", prefix + " ".join(caption)]
        return lines
    raise ctx.fail(f"unsupported MyST directive {{{name}}}")


def convert_markdown_lines(ctx: Context, lines: list[str]) -> list[str]:
    """Rewrite MyST Markdown lines into plain Markdown lines (recursive for nested directives)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = _FENCE.match(line)
        if fence:
            char, length = fence.group("fence")[0], len(fence.group("fence"))
            info = fence.group("info").strip()
            end = i + 1
            while end < len(lines):
                close = _FENCE.match(lines[end])
                if (
                    close
                    and close.group("fence")[0] == char
                    and len(close.group("fence")) >= length
                    and not close.group("info").strip()
                ):
                    break
                end += 1
            if end == len(lines):
                raise ctx.fail(f"unclosed fence {fence.group('fence')}{info}")
            body = lines[i + 1 : end]
            directive = _DIRECTIVE.match(info)
            if directive:
                indent = fence.group("indent")
                body = [b[len(indent) :] if b.startswith(indent) else b.lstrip() for b in body]
                converted = _directive(ctx, directive.group("name"), directive.group("arg"), body)
                out += [f"{indent}{c}" if c else c for c in converted]
            elif char == ":":
                raise ctx.fail(f"a ::: fence without a directive name: {line!r}")
            else:
                out += [line, *body, lines[end]]  # a plain code block: untouched
            i = end + 1
            continue
        if _TARGET.match(line) or re.match(r"^\s*%", line) or line.strip() == "+++":
            i += 1  # (label)= targets, % comments, block breaks
            continue
        if line.lstrip().startswith("$$"):  # display math, maybe labelled: $$ ... $$ (label)
            end = (
                i
                if "$$" in line.lstrip()[2:]
                else next((k for k in range(i + 1, len(lines)) if "$$" in lines[k]), None)
            )
            if end is None:
                raise ctx.fail("unclosed $$ display math")
            text = "\n".join(lines[i : end + 1]).lstrip()[2:]
            math = re.match(r"^(?P<body>.*?)\$\$\s*(?:\((?P<label>[^()\s]+)\))?\s*$", text, re.S)
            if not math:
                raise ctx.fail(f"text after the closing $$ of display math: {lines[end]!r}")
            out += _math_block(ctx, math.group("body"), math.group("label"))
            i = end + 1
            continue
        if re.match(r"^:\s", line) and out and out[-1].strip():  # deflist ": definition"
            out[-1] = f"**{out[-1].strip()}**  "
            out.append(convert_inline(ctx, line[2:]))
            i += 1
            continue
        if "{{" in line and "}}" in line:
            raise ctx.fail(f"MyST substitution in {line!r}: not supported by the Colab edition")
        out.append(convert_inline(ctx, line))
        i += 1
    return out


def _plain(markdown: str) -> str:
    """A heading's text without Markdown markup, to compare with Sphinx's title."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return " ".join(re.sub(r"[*`_]", "", text).split())


def number_headings(ctx: Context, markdown: str, sections: list[tuple[str, str]]) -> str:
    """Put the HTML book's section numbers ("1.2. ") before the headings of converted Markdown.

    ``sections`` is consumed in order across the cells of a page; a heading that does not
    match the next section of the book build raises :class:`MystError`.
    """
    out, fence = [], None
    for line in markdown.split("\n"):
        marker = re.match(r"^\s*(`{3,}|~{3,})", line)
        if marker and (fence is None or marker.group(1).startswith(fence)):
            fence = None if fence else marker.group(1)
        heading = None if fence or marker else re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if heading:
            if not sections:
                raise ctx.fail(f"heading {line!r} is not a section of the book build")
            title, number = sections.pop(0)
            if _plain(heading.group(2)) != _plain(title):
                raise ctx.fail(f"heading {line!r} does not match the book's section {title!r}")
            if number:
                line = f"{heading.group(1)} {number}{ctx.book.secnumber_suffix}{heading.group(2)}"
        out.append(line)
    return "\n".join(out)


def convert_markdown(ctx: Context, source: str) -> str:
    lines = convert_markdown_lines(ctx, source.splitlines())
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


# --------------------------------------------------------------------------- notebooks


def _cell_id(base: str, suffix: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", f"{base}-{suffix}")[-64:]


def _banner(book: Book, docname: str, source_name: str) -> nbformat.NotebookNode:
    number = book.chapter_number(docname)
    title = book.titles[docname]
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
        docname, node_id, _ = ctx.book.labels[label]
        figtype, number = ctx.book.figure_number(docname, node_id)
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
    sections = list(book.sections.get(docname, []))
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
