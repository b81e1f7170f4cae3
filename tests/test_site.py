"""What is published (`make site`, _build/site): complete, and every link in it resolves.

The site is put together from this session's builds (the fixtures ``site`` and
``site_pages`` in tests/conftest.py: the book, the PDFs and the decks are built once for
the whole book group, by the commands `make site` runs). Served on 127.0.0.1 with every
other request blocked, every page is opened once in headless Chromium: nothing it loads
may fail, and every link between the book, the decks and the PDFs must answer, at an
anchor that exists. Links to Colab and to files in the repository must name files that
the repository has.
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import unquote, urlsplit

import pytest

from benchmarks.page_weight import site_pages
from tests.helpers import CHAPTERS, ROOT, Links, serve
from tools import book
from tools.make_site import required

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPOSITORY = urlsplit(book.repository_url()).path.strip("/")  # owner/name
#: Links into the repository: Colab opening a notebook, GitHub showing a file or folder.
REPOSITORY_FILE = re.compile(
    rf"https://(?:colab\.research\.google\.com/github|github\.com)/{re.escape(REPOSITORY)}"
    r"/(?:blob|tree)/[^/]+/(?P<path>[^?#\"'<>\s]+)"
)
#: What browsers ask for on their own (no page links it): a missing one is no broken link.
BROWSER_GUESSES = {"/favicon.ico"}


def test_site_holds_the_book_the_decks_and_every_pdf(site):
    for path in required():
        if path.is_relative_to(ROOT / "_build" / "pdf"):
            published = site / "pdf" / path.name
        else:
            published = site / path.relative_to(ROOT / "_build" / "html")
        assert published.is_file(), published
    assert not list(site.rglob("axe.min.js")), "a test tool is published"
    assert not list(site.rglob(".buildinfo"))


def test_every_page_loads_everything_it_asks_for(site_pages):
    assert len(site_pages) >= 20, sorted(site_pages)
    problems = [
        f"{page}: {failure}"
        for page, weight in site_pages.items()
        for failure in weight.failed
        if failure.split(" ", 1)[1] not in BROWSER_GUESSES
    ]
    problems += [f"{p}: blocked {url}" for p, w in site_pages.items() for url in w.blocked]
    assert not problems, "\n".join(problems[:30])


def _fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except HTTPError as error:
        return error.code, "", b""


def test_every_link_between_the_book_the_decks_and_the_pdfs_resolves(site, site_pages):
    """Each internal <a href> of each page answers 200, at an anchor the target has."""
    by_target: dict[str, set[str]] = {}
    with serve(site) as base:
        for page, weight in site_pages.items():
            for link in weight.links:
                if link.startswith(("http://127.0.0.1:", "http://localhost:")):
                    parts = urlsplit(link)
                    by_target.setdefault(parts.path, set()).add(f"{page} -> {link}")
        # the pages were loaded from another server of the same folder: same paths
        broken, ids = [], {}
        for path, sources in sorted(by_target.items()):
            status, kind, body = _fetch(f"{base}{path}")
            if status != 200:
                broken.append(f"{status} {path} (from {sorted(sources)[0]})")
            elif kind == "text/html":
                parser = Links()
                parser.feed(body.decode("utf-8"))
                ids[path] = parser.ids
        for page, weight in site_pages.items():
            for link in weight.links:
                parts = urlsplit(link)
                # "#/3": reveal.js's route to a deck's slide, not an element's id
                if parts.path in ids and parts.fragment and not parts.fragment.startswith("/"):
                    if unquote(parts.fragment) not in ids[parts.path]:
                        broken.append(f"{page}: {parts.path}#{parts.fragment} (no such anchor)")
        for pdf in sorted(site.rglob("*.pdf")):
            status, kind, _ = _fetch(f"{base}/{pdf.relative_to(site).as_posix()}")
            if (status, kind) != (200, "application/pdf"):
                broken.append(f"{status} {kind} {pdf.relative_to(site)}")
    assert not broken, "\n".join(broken[:30])
    targets = set(by_target)
    for chapter in CHAPTERS:  # book <-> decks, both ways
        deck = f"/slides/{Path(chapter).name}.html"
        assert any(t.endswith(deck) for t in targets), f"no page links {deck}"
        assert any(t.endswith(f"/{chapter}.html") for t in targets), f"no page links {chapter}"


def repository_files(text: str) -> list[str]:
    """The repository paths that Colab and GitHub links in ``text`` name.

    Examples
    --------
    >>> repository_files(f"https://colab.research.google.com/github/{REPOSITORY}"
    ...                  "/blob/main/colab/chapters/01_filter.ipynb")
    ['colab/chapters/01_filter.ipynb']
    """
    return [unquote(m["path"]) for m in REPOSITORY_FILE.finditer(text)]


def test_colab_and_repository_links_name_files_the_repository_has(site):
    named: dict[str, str] = {}
    for page in site_pages(site):
        text = (site / page).read_text(encoding="utf-8")
        for path in repository_files(text):
            named.setdefault(path, page)
    colab = [p for p in named if p.startswith("colab/chapters/")]
    assert len(colab) >= len(CHAPTERS), sorted(named)  # every chapter's Colab button
    missing = [
        f"{path} (linked from {page})" for path, page in named.items() if not (ROOT / path).exists()
    ]
    assert not missing, "\n".join(missing)
