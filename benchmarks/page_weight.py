"""What does a reader's browser load to show each page? Requests and bytes, cold cache.

    .venv/bin/python -m benchmarks.page_weight [--site _build/site]   # make bench-pages

Serves the built site (``make site``; ``_build/html`` works too) on 127.0.0.1, opens
each page a reader lands on (the intro, chapters 01-08, the glossary, the instructor
page, each lecture deck) in headless Chromium in a fresh browser context (cold cache,
every request to another host blocked), waits until the network is idle and prints,
per page, the number of requests and the decoded bytes, then the largest files. The
budget test (tests/test_page_weight.py) measures with :func:`measure` the same way.
"""

from __future__ import annotations

import argparse
import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers import block_external, browser, serve
from tools import book
from tools.book import HTML
from tools.make_site import SITE
from tools.make_slides import decks

#: The pages a reader lands on, relative to the site's root.
BOOK_PAGES = (
    "intro.html",
    *(f"{chapter}.html" for chapter in book.chapters()),
    "glossary.html",
    "instructor.html",
)
DECK_PAGES = tuple(f"slides/{name}.html" for name in decks())


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, relative to it (not the downloads and the assets).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     for name in ("intro.html", "slides/index.html", "_static/x.html"):
    ...         (Path(folder) / name).parent.mkdir(parents=True, exist_ok=True)
    ...         _ = (Path(folder) / name).write_text("")
    ...     site_pages(Path(folder))
    ['intro.html', 'slides/index.html']
    """
    skip = {"_static", "_sources", "_images", "vendor"}
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if not skip & set(path.relative_to(site).parts)
    )


@dataclass
class PageWeight:
    """What one page loaded (each response's decoded size by URL path) and linked to."""

    page: str
    files: dict[str, int] = field(default_factory=dict)
    blocked: list[str] = field(default_factory=list)
    #: responses with an HTTP error status: "404 /path"
    failed: list[str] = field(default_factory=list)
    #: every <a href> of the page, as the browser resolved it
    links: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.files)

    @property
    def total(self) -> int:
        return sum(self.files.values())


def megabytes(size: int) -> str:
    """A size in MB (10**6 bytes), two decimals.

    Examples
    --------
    >>> megabytes(2_504_000)
    '2.50'
    """
    return f"{size / 1e6:.2f}"


def _load(chromium, base: str, page_path: str) -> PageWeight:
    weight = PageWeight(page_path)
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    block_external(context, weight.blocked)
    page = context.new_page()

    def finished(request):
        if request.url.startswith(base):
            response = request.response()
            path = request.url[len(base) :].split("?")[0]
            if response.status >= 400:
                weight.failed.append(f"{response.status} {path}")
            with contextlib.suppress(Exception):  # a response already gone (navigation)
                weight.files[path] = len(response.body())

    page.on("requestfinished", finished)
    page.goto(f"{base}/{page_path}", wait_until="networkidle", timeout=60_000)
    weight.links = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
    context.close()
    return weight


def measure(site: Path, pages=BOOK_PAGES + DECK_PAGES) -> list[PageWeight]:
    """Open each page of ``site`` offline with a cold cache; what each one loaded."""
    with serve(site) as base, browser() as chromium:
        return [_load(chromium, base, page) for page in pages]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=SITE)
    parser.add_argument("--largest", type=int, default=12, help="how many of the largest files")
    args = parser.parse_args(argv)
    site = args.site if args.site.is_dir() else HTML
    print(f"site: {site}")
    weights = measure(site)
    print(f"{'page':34s} {'requests':>8s} {'MB':>6s}  largest file")
    sizes: dict[str, int] = {}
    for w in weights:
        name, size = max(w.files.items(), key=lambda item: item[1])
        print(f"{w.page:34s} {w.requests:8d} {megabytes(w.total):>6s}  {name} {megabytes(size)}")
        sizes.update(w.files)
        if w.blocked:
            print(f"  blocked: {', '.join(w.blocked[:3])}")
    print(f"\nlargest files ({args.largest}):")
    for name, size in sorted(sizes.items(), key=lambda item: -item[1])[: args.largest]:
        users = sum(name in w.files for w in weights)
        print(f"  {megabytes(size):>6s} MB  {name}  (on {users} of {len(weights)} pages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
