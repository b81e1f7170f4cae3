"""Build the lecture decks (`make slides`): reveal.js HTML, then one PDF per deck.

    .venv/bin/python -m tools.make_slides            # after `make book`
    .venv/bin/python -m tools.make_slides --no-pdf   # the HTML decks only (`make book`)

The decks' sources are slides/*.md (see slides/conf.py and _ext/decks.py). They are
built with sphinx-revealjs into the web book's folder, _build/html/slides/, because
they link to the book's sections and the book's chapter pages link to them. The PDFs
(_build/html/slides/pdf/<deck>.pdf) are printed by headless Chromium (Debian's,
through Playwright) from reveal.js's print view (``?print-pdf``): one page per slide,
1280x720, NanumGothic embedded, nothing loaded from outside the build.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from tools import book
from tools.book import HTML, ROOT
from tools.make_pdf import only_local_files

SOURCE = ROOT / "slides"
OUT = HTML / "slides"
PDF = OUT / "pdf"
DOCTREES = ROOT / "_build" / ".slides-doctrees"
#: The deck's page size: reveal.js's slide size (slides/conf.py), in CSS pixels.
WIDTH, HEIGHT = 1280, 720

#: True once reveal.js is ready and the fonts are loaded (formulas are SVG from the build).
READY = """() => !!(window.Reveal && Reveal.isReady() && document.fonts.status === "loaded")"""


def decks() -> list[str]:
    """The decks in order: the title deck, then one per chapter (slides/<chapter>.md).

    Examples
    --------
    >>> decks()[:2]
    ['index', '01_filter']
    >>> len(decks())
    9
    """
    return ["index", *(Path(chapter).name for chapter in book.chapters())]


def normalize(line: str) -> str:
    """A slide line as the decks quote it: trimmed, runs of whitespace (tabs) as one space."""
    return " ".join(line.split())


def slide_topics(text: str) -> list[str]:
    r"""The points of the original slide deck's text, in order: every line that says something.

    Left out: blank lines, code (the slide's code blocks are the chapter 07 code slide),
    and lines of numbers only (the cells of the slides' matrices and page numbers).

    Examples
    --------
    >>> text = "padding\n\n0\t0\t30\n- image 주위를  0으로\n```\nmodel.add(x)\n```\n4:1 → 9:4"
    >>> slide_topics(text)
    ['padding', '- image 주위를 0으로', '4:1 → 9:4']
    """
    topics, code = [], False
    for line in text.splitlines():
        if line.strip().startswith("```"):
            code = not code
            continue
        if code or not line.strip() or re.fullmatch(r"[\d\s]+", line):
            continue
        topics.append(normalize(line))
    return topics


_SOURCE_BLOCK = re.compile(r"^:::\{slide-source\}\n(.*?)^:::$", re.S | re.M)


def deck_topics() -> list[tuple[str, str]]:
    """What the decks say they present: (deck, original line) from their {slide-source} blocks.

    Examples
    --------
    >>> deck_topics()[0]
    ('index', '23 하계 학부연구생 프로그램')
    """
    found = []
    for name in decks():
        text = (SOURCE / f"{name}.md").read_text(encoding="utf-8")
        for block in _SOURCE_BLOCK.findall(text):
            found += [(name, normalize(line)) for line in block.splitlines() if line.strip()]
    return found


def build_html(*, quiet: bool = True) -> subprocess.CompletedProcess:
    """sphinx-build -b revealjs slides/ _build/html/slides/, warnings as errors.

    Run as ``python -m sphinx`` from the repository's root, which puts the root on the
    import path: slides/conf.py imports :mod:`tools.book` and the ``_ext`` extensions.
    """
    if not (HTML / "chapters").is_dir():
        raise FileNotFoundError(f"{HTML} has no built book: build it first (make book)")
    command = [sys.executable, "-m", "sphinx", "-b", "revealjs", "-W", "--keep-going"]
    command += ["-d", str(DOCTREES), str(SOURCE), str(OUT)]
    if quiet:
        command.append("-q")
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def _wait_until_ready(page) -> None:
    page.wait_for_function(READY, timeout=60_000)
    page.evaluate("() => window.MathJax?.startup?.promise")


def print_pdfs(chromium: str, names: list[str] | None = None) -> list[Path]:
    """Print each deck's ``?print-pdf`` view to _build/html/slides/pdf/<deck>.pdf."""
    from playwright.sync_api import sync_playwright

    PDF.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = book.launch_chromium(playwright, chromium)
        context = browser.new_context(locale="ko-KR", viewport={"width": WIDTH, "height": HEIGHT})
        only_local_files(context)
        page = context.new_page()
        for name in names or decks():
            page.goto((OUT / f"{name}.html").as_uri() + "?print-pdf")
            _wait_until_ready(page)
            page.wait_for_selector(".pdf-page", state="attached")
            target = PDF / f"{name}.pdf"
            partial = target.with_suffix(".pdf.part")
            page.pdf(
                path=str(partial),
                width=f"{WIDTH}px",
                height=f"{HEIGHT}px",
                print_background=True,
                prefer_css_page_size=True,
            )
            partial.replace(target)  # a deck's PDF is whole or absent, never half-written
            written.append(target)
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-pdf", action="store_true", help="build the HTML decks only")
    args = parser.parse_args(argv)
    try:
        result = build_html()
    except FileNotFoundError as error:
        print(f"make_slides: {error}", file=sys.stderr)
        return 1
    if result.returncode != 0:
        print(result.stdout + result.stderr, file=sys.stderr)
        print("make_slides: the decks did not build (the messages above say why)", file=sys.stderr)
        return result.returncode
    print(f"{OUT.relative_to(ROOT)}/: {', '.join(f'{d}.html' for d in decks())}")
    if args.no_pdf:
        return 0
    chromium = book.chromium_path()
    if not chromium:
        print("headless Chromium is missing: sudo apt-get install chromium", file=sys.stderr)
        return 1
    for path in print_pdfs(chromium):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
