"""What the test modules share, each defined once; no test module imports another.

- the book's facts, from :mod:`tools.book`: ``ROOT``, ``HTML``, ``CHAPTERS``...;
- the chapters' sources: :func:`code_cells`, :func:`chapter_value`, :func:`chapter_heading`;
- the built pages: :func:`colab_url`, :class:`Links`;
- one maker of every exercise (:data:`EVERY_EXERCISE`) for the widget and form tests;
- headless Chromium: Debian's /usr/bin/chromium driven by Playwright (:func:`browser`,
  :func:`serve`, :func:`open_page`), and axe-core's accessibility check (:func:`axe_violations`).

How `make test` splits the tests between processes is tests/groups.py.

Downloading a browser is not possible here (and not wanted in CI), so the browser tests
use the system Chromium; where it cannot be installed they skip with a message that says
how to get it.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import re
import socket
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import numpy as np
import pytest

from cnn_utils import exercises, ops
from tools import book
from tools.book import HTML, ROOT  # noqa: F401 (shared with the test modules)

# ------------------------------------------------------------------------ the book's sources

#: The chapters in book order, as _toc.yml lists them ("chapters/01_filter", ...).
CHAPTERS = book.chapters()
#: Their notebooks.
CHAPTER_NOTEBOOKS = book.chapter_notebooks()


def code_cells(notebook: Path) -> list[str]:
    """The sources of a notebook's code cells, in order."""
    return [c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]


def chapter_outputs(chapter: str, defined_by: str) -> str:
    """The committed text output of the chapter's one code cell whose source contains
    ``defined_by`` (what the web book prints under it)."""
    cells = [
        c
        for c in nbformat.read(ROOT / f"chapters/{chapter}.ipynb", as_version=4).cells
        if c.cell_type == "code" and defined_by in c.source
    ]
    assert len(cells) == 1, f"{chapter}: {len(cells)} code cells contain {defined_by!r}"
    return "".join(
        "".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", ""))
        for out in cells[0].get("outputs", [])
    )


def chapter_value(chapter: str, name: str, *, defined_by: str):
    """Run the chapter's code cell that contains ``defined_by`` and return ``name``.

    The cell runs with ``np`` (NumPy) and ``ops`` (:mod:`cnn_utils.ops`) defined.

    Lets a test read a value where the chapter makes it instead of retyping it.
    """
    from cnn_utils import ops

    cells = [c for c in code_cells(ROOT / f"chapters/{chapter}.ipynb") if defined_by in c]
    assert len(cells) == 1, f"{chapter}: {len(cells)} cells contain {defined_by!r}"
    namespace = {"np": np, "ops": ops}
    exec(cells[0], namespace)
    return namespace[name]


def chapter_heading(chapter: str) -> str:
    """The chapter's title: its first markdown cell's first line, without the ``#``.

    >>> chapter_heading("chapters/01_filter")
    '필터 (filter)'
    """
    nb = nbformat.read(ROOT / f"{chapter}.ipynb", as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "markdown")
    return first.source.splitlines()[0].lstrip("# ").strip()


# ------------------------------------------------------------------------ the built pages


def colab_url(chapter: str) -> str:
    """Where the Colab button opens a chapter: its Colab edition (colab/) on the published
    branch, not chapters/ (raw MyST) and not a tag (tags are not published).

    >>> colab_url("chapters/01_filter").split("/blob/")[1]
    'main/colab/chapters/01_filter.ipynb'
    """
    owner_repo = urlsplit(book.repository_url()).path.strip("/")
    return (
        f"https://colab.research.google.com/github/{owner_repo}/blob/{book.branch()}"
        f"/colab/{chapter}.ipynb"
    )


class Links(HTMLParser):
    """A page's links (``href``/``src`` of a, link, script, img) and its element ids.

    >>> page = Links()
    >>> page.feed('<a id="x" href="#y">y</a><img src="f.png">')
    >>> page.links, page.ids
    (['#y', 'f.png'], {'x'})
    """

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            if attrs.get(key) and tag in ("a", "link", "script", "img"):
                self.links.append(attrs[key])

    @classmethod
    def of(cls, path: Path) -> Links:
        """The links and ids of the HTML file at ``path``."""
        parser = cls()
        parser.feed(path.read_text(encoding="utf-8"))
        return parser


# ------------------------------------------------------------------------ the exercises

_K = np.ones((3, 3), dtype=int)

#: Every exercise the chapters offer, made once each: name -> a call that makes it.
EVERY_EXERCISE = {
    "multiply_sum": lambda: exercises.multiply_sum(seed=None),
    "sliding": lambda: exercises.sliding(np.eye(4), np.ones((3, 3))),
    "pixel_usage": lambda: exercises.pixel_usage(seed=None),
    "stride_steps": lambda: exercises.stride_steps(np.arange(49).reshape(7, 7), _K),
    "pooling": lambda: exercises.pooling(np.arange(16).reshape(4, 4)),
    "pooling_loss": lambda: exercises.pooling_loss(),
    "size_quiz": lambda: exercises.size_quiz(seed=None),
    "shape_quiz": lambda: exercises.shape_quiz(),
    "param_quiz": lambda: exercises.param_quiz(),
    "filter_reading": lambda: exercises.filter_reading(seed=2, image=np.eye(8)),
    "cnn_structure": lambda: exercises.cnn_structure(),
    "write_model": lambda: exercises.write_model(),
    "cross_entropy_quiz": lambda: exercises.cross_entropy_quiz(seed=3),
    "stride_results": lambda: exercises.stride_results(seed=1),
    "pooled_size": lambda: exercises.pooled_size(seed=2),
    "size_explorer": lambda: exercises.SizeExplorer(n=12, f=5, padding=0, stride=3),
    "filter_designer": lambda: exercises.FilterDesigner({"b": np.ones((5, 5))}, preset="곡선"),
}

# ------------------------------------------------------------------------ headless Chromium

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def chromium_path() -> str:
    """The system Chromium; the test is skipped, saying how to install it, when there is none."""
    path = book.chromium_path()
    if not path:
        pytest.skip(
            "headless Chromium is not installed: `sudo apt-get install chromium` "
            "(make test installs it when run as root with apt-get)"
        )
    return path


@contextlib.contextmanager
def browser():
    """A Playwright Chromium browser (the system one, launched as every tool launches it)."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="pip install playwright (requirements.txt)"
    )
    executable = chromium_path()
    with sync_api.sync_playwright() as playwright:
        instance = book.launch_chromium(playwright, executable)
        try:
            yield instance
        finally:
            instance.close()


def block_external(context, blocked: list[str]) -> None:
    """Let only localhost through: the page must work with no internet."""

    def route(r):
        host = urlsplit(r.request.url).hostname
        if r.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(directory: Path):
    """Serve a folder on 127.0.0.1 (a free port) in a background thread; yield the base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep pytest's output clean
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            # a browser that closed the connection first (a page left, a 404 favicon it
            # stopped waiting for) is no error of the site; anything else is printed
            if not isinstance(sys.exc_info()[1], ConnectionError):
                super().handle_error(request, client_address)

    server = Server(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def open_page(
    chromium,
    base_url: str,
    path: str,
    *,
    width: int = 1280,
    height: int = 1400,
    timeout_ms: int = 30000,
):
    """A new offline page of the served book; returns (context, page, errors, blocked).

    ``errors`` collects uncaught exceptions and the book's own console errors;
    ``blocked`` every request to a host other than localhost.
    """
    blocked: list[str] = []
    errors: list[str] = []
    context = chromium.new_context(viewport={"width": width, "height": height}, locale="ko-KR")
    block_external(context, blocked)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))

    def console(msg):
        if msg.type == "error" and base_url in (msg.location.get("url") or ""):
            errors.append(f"console: {msg.text} @ {msg.location.get('url')}")

    page.on("console", console)
    context.set_default_timeout(timeout_ms)
    page.goto(f"{base_url}/{path}", wait_until="load")
    return context, page, errors, blocked


# ------------------------------------------------------------------------ axe-core (WCAG 2.1 AA)

#: The script that vendors axe-core and pins its version and digest.
AXE_VENDOR_SCRIPT = ROOT / "tools" / "vendor_js.sh"
#: The WCAG 2.0/2.1 A and AA rules.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Also run an axe rule that its authors still tag "experimental": a control's accessible
#: name must contain its visible text (WCAG 2.5.3, level A).
AXE_EXTRA_RULES = ["label-content-name-mismatch"]
#: The impacts no page may have.
SERIOUS = {"serious", "critical"}
_AXE_JS = """([run, extra, exclude]) => axe.run({include: [['html']], exclude: exclude}, {
    runOnly: run, rules: Object.fromEntries(extra.map(r => [r, {enabled: true}])),
    resultTypes: ['violations']})"""


def axe_pinned() -> tuple[str, str]:
    """The axe-core version and the sha256 of axe.min.js that tools/vendor_js.sh pins."""
    text = AXE_VENDOR_SCRIPT.read_text()
    version = re.search(r"^AXE=(\S+)$", text, re.M).group(1)
    digest = re.search(r"^AXE_SHA256=([0-9a-f]{64})$", text, re.M).group(1)
    return version, digest


def axe_path() -> Path:
    """Where tools/vendor_js.sh puts the pinned axe-core."""
    version, _ = axe_pinned()
    return ROOT / "_offline" / "vendor" / f"axe-core-{version}" / "axe.min.js"


def axe_violations(page, *, rules: list[str] | None = None, exclude=()) -> list[dict]:
    """axe-core's violations on ``page`` (injected first when it is not there yet).

    By default the WCAG 2.1 A/AA rules and :data:`AXE_EXTRA_RULES`; with ``rules``, only those.
    """
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_path()))
    if rules is None:
        run, extra = {"type": "tag", "values": AXE_TAGS}, AXE_EXTRA_RULES
    else:
        run, extra = {"type": "rule", "values": rules}, []
    return page.evaluate(_AXE_JS, [run, extra, list(exclude)])["violations"]


# ---------------------------------------------------------------- 확인 문제 answers

ANSWER_LABEL = re.compile(r"^\s*(\d+)번\s*:\s*")
NUMBER_TEXT = re.compile(r"-?\d+(?:\.\d+)?")


def numbers_in(text: str) -> list[str]:
    """The numbers of ``text`` as written without thousands separators (4.0 is 4).

    >>> numbers_in("최대 8, 평균 4.0; $12{,}544$ 개, 12,544개, (7, 7, 64)")
    ['8', '4', '12544', '12544', '7', '7', '64']
    """
    plain = text.replace("{,}", ",")
    plain = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", plain)
    return [n[:-2] if n.endswith(".0") else n for n in NUMBER_TEXT.findall(plain)]


def dropdowns(source: str) -> list[tuple[set[int], str]]:
    """The answer dropdowns of a markdown text: (question numbers, body).

    >>> text = ":::{dropdown} 1, 2번 정답\\n1번: 3\\n:::\\n\\n"
    >>> dropdowns(text + ":::{dropdown} 3번 정답\\n왜냐하면\\n:::")
    [({1, 2}, '1번: 3'), ({3}, '왜냐하면')]
    """
    found = re.findall(r"^:::\{dropdown\}([^\n]*)정답\n(.*?)\n:::", source, re.M | re.S)
    return [({int(n) for n in re.findall(r"\d+", title)}, body.strip()) for title, body in found]


def answer_for(body: str, question: int) -> str:
    """The part of an answer's ``body`` about ``question``: its 「N번:」 paragraph if it has
    such paragraphs, else the whole body.

    >>> answer_for("1번: 3픽셀입니다.\\n\\n2번: 20×20입니다.", 2)
    '2번: 20×20입니다.'
    >>> answer_for("답은 7입니다.", 1)
    '답은 7입니다.'
    """
    parts = {int(m.group(1)): p for p in re.split(r"\n\s*\n", body) if (m := ANSWER_LABEL.match(p))}
    return parts.get(question, body) if parts else body


def computed(line: str, index: int) -> tuple[int, list[str]]:
    """The question a line of the hidden cell's output answers, and the numbers of its result.

    A line labelled 「N번:」 answers question N, an unlabelled line the question of its
    position (the first line question 1). The result is what follows the last 「=」 or
    「→」 (a worked line ends with its result), else the whole line.

    >>> computed("OH = (15 + 2×0 - 3) / 2 + 1 = 6 + 1 = 7", 1)
    (2, ['7'])
    >>> computed("1번: (7, 7, 64)", 0)
    (1, ['7', '7', '64'])
    >>> computed("윈도가 멈추는 열: [0, 3, 6] → 특성 맵 3 × 3", 0)
    (1, ['3', '3'])
    """
    label = ANSWER_LABEL.match(line)
    question = int(label.group(1)) if label else index + 1
    rest = line[label.end() :] if label else line
    result = re.split(r"=|→", rest)[-1]
    return question, numbers_in(result)


def missing_answers(markdown: str, output: str) -> list[str]:
    """The computed answers that the answer dropdowns of ``markdown`` do not state.

    >>> missing_answers(":::{dropdown} 1번 정답\\n맨 아래의 숨긴 코드 셀이 계산합니다.\\n:::", "7")
    ['1번: 7']
    >>> missing_answers(":::{dropdown} 1번 정답\\n답은 7입니다.\\n:::", "7")
    []
    >>> missing_answers(":::{dropdown} 1번 정답\\n$3 + 4 = 7$ 입니다.\\n:::", "7")
    ['1번: 7']
    """
    answers = dropdowns(markdown)
    missing = []
    lines = [line for line in output.splitlines() if line.strip()]
    for index, line in enumerate(lines):
        question, numbers = computed(line, index)
        bodies = [answer_for(body, question) for asked, body in answers if question in asked]
        assert len(bodies) == 1, f"{len(bodies)} answers for question {question}"
        # in words, not only inside $math$: the PDF's text and screen readers find it there
        words = re.sub(r"\$[^$]*\$", " ", re.sub(r"^\s*\d+번\s*:", "", bodies[0]))
        stated = numbers_in(words)
        missing += [f"{question}번: {n}" for n in numbers if n not in stated]
    return missing


def review_cells(notebook):
    """The markdown from 확인 문제 on, and the hidden code cell that computes the answers."""
    cells = nbformat.read(notebook, as_version=4).cells
    start = next(
        k for k, c in enumerate(cells) if c.cell_type == "markdown" and "## 확인 문제" in c.source
    )
    markdown = "\n\n".join(c.source for c in cells[start:] if c.cell_type == "markdown")
    code = [c for c in cells[start:] if c.cell_type == "code"]
    assert len(code) == 1 and "hide-cell" in code[0].metadata.get("tags", []), notebook.name
    return markdown, code[0]


def answer_cell_output(cell) -> str:
    """What the cell prints: run here, or its committed output if it needs the chapter's model."""
    committed = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    if re.search(r"\bmodel\b", cell.source):
        assert committed.strip(), "the answer cell has no committed output"
        return committed
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(cell.source, {"np": np, "ops": ops})
    assert printed.getvalue() == committed, "the committed output is stale"
    return printed.getvalue()
