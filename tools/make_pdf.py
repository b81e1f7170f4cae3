"""Print the built web book to PDF with headless Chromium (`make pdf`).

    .venv/bin/python -m tools.make_pdf            # after `make book`

Writes _build/pdf/book.pdf (the whole book: title page, every page of the
table of contents in order) and one PDF per page (_build/pdf/01_filter.pdf,
...) for handouts. Chromium is Debian's (`/usr/bin/chromium`, driven by
Playwright; no browser download). It reads the HTML from disk and may load
nothing from any other place. What is printed is the page's article only:
no navigation, Hangul in the system's Korean font (fonts-nanum, embedded by
Chromium), code that wraps, page numbers, the headings as the PDF outline,
and the exercises in their static form (first problem shown).
"""

from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

from tools import book
from tools.book import HTML, ROOT

#: Where the PDFs are written (the site copies them from here).
OUT = ROOT / "_build" / "pdf"

PRINT_CSS = """
@page { size: A4; margin: 14mm 13mm 16mm 13mm; }
html { font-size: 10.5pt; }
body { font-family: "NanumGothic", "Nanum Gothic", "Noto Sans KR", sans-serif !important; }
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-footer, .bd-footer-article,
.bd-header-article, .prev-next-area, #pst-back-to-top, .skip-link, .copybtn, .headerlink,
.bd-footer-content, .search-button, .article-header-buttons, .pst-scrollable-table-container::after,
.deck-link,
.toggle-details, details.hide > summary ~ *:not(*) { display: none !important; }
.bd-container, .bd-container__inner, .bd-main, .bd-content, .bd-article-container, .bd-article {
  max-width: 100% !important; width: 100% !important; padding: 0 !important; margin: 0 !important;
  overflow: visible !important; display: block !important;
}
pre, .highlight pre, .output pre, .cell_output pre {
  white-space: pre-wrap !important; overflow-wrap: anywhere !important; word-break: break-all;
  overflow: visible !important; max-height: none !important;
}
.cell_output, .output, div.highlight { overflow: visible !important; max-height: none !important; }
img { max-width: 100% !important; height: auto !important; break-inside: avoid; }
figure, .cell_output img, .cnn-exercise, table, mjx-container { break-inside: avoid; }
h1, h2, h3, h4 { break-after: avoid; word-break: keep-all; }
* { box-shadow: none !important; }
.headerlink { display: none !important; }
.anim-controls, .anim-state { display: none !important; }
.book-part { break-before: page; }
.book-part:first-of-type { break-before: auto; }
.book-cover { height: 240mm; display: flex; flex-direction: column; justify-content: center;
  text-align: center; break-after: page; }
.book-cover h1 { font-size: 26pt; }
"""

FOOTER = (
    '<div style="font-size:8pt;width:100%;text-align:center;color:#555;'
    'font-family:NanumGothic,sans-serif"><span class="pageNumber"></span> / '
    '<span class="totalPages"></span></div>'
)

# Everything the article needs, made absolute; MathJax's SVG glyph cache travels with it.
_EXTRACT = """() => {
  const article = document.querySelector("article.bd-article");
  article.querySelectorAll("[src]").forEach(e => e.setAttribute("src", e.src));
  article.querySelectorAll("a[href]").forEach(e => e.setAttribute("href", e.href));
  article.querySelectorAll("script").forEach(e => e.remove());
  const cache = document.getElementById("MJX-SVG-global-cache");
  const styles = document.getElementById("MJX-SVG-styles");   // hides MathJax's assistive MathML
  return article.innerHTML + (cache ? cache.outerHTML : "") + (styles ? styles.outerHTML : "");
}"""


def _wait_until_ready(page) -> None:
    page.wait_for_load_state("load")
    page.evaluate("""() => new Promise(done => {
        const m = window.MathJax;
        if (m && m.startup && m.startup.promise) { m.startup.promise.then(() => done()); }
        else { done(); }
    })""")
    page.evaluate(
        "() => Promise.all(Array.from(document.images).map(i => i.complete ? null : "
        "new Promise(r => { i.onload = i.onerror = r; })))"
    )


def _print(page, path: Path, title: str) -> None:
    """Print ``page`` to ``path``: under a temporary name, then renamed (never half a PDF)."""
    page.emulate_media(media="print")
    page.add_style_tag(content=PRINT_CSS)
    header = (
        '<div style="font-size:7pt;width:100%;text-align:center;color:#777;'
        f'font-family:NanumGothic,sans-serif">{html.escape(title)}</div>'
    )
    temporary = path.with_name(f".{path.name}.printing")
    try:
        _print_to(page, temporary, header)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def _print_to(page, path: Path, header: str) -> None:
    page.pdf(
        path=str(path),
        format="A4",
        print_background=True,
        display_header_footer=True,
        header_template=header,
        footer_template=FOOTER,
        outline=True,
        tagged=True,
        margin={"top": "14mm", "bottom": "16mm", "left": "13mm", "right": "13mm"},
    )


def only_local_files(context) -> None:
    """Let a Playwright browser context load files from disk and data: URLs, nothing else."""
    context.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort(),
    )


def make_pdfs(html_dir: Path, out_dir: Path, chromium: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    title = book.title()
    out_dir.mkdir(parents=True, exist_ok=True)
    written, parts, stylesheets = [], [], []
    with sync_playwright() as playwright:
        browser = book.launch_chromium(playwright, chromium)
        context = browser.new_context(locale="ko-KR", viewport={"width": 1000, "height": 1400})
        only_local_files(context)
        page = context.new_page()
        for name in book.pages():
            source = html_dir / f"{name}.html"
            if not source.is_file():
                raise FileNotFoundError(f"{source} is missing: build the book first")
            page.goto(source.as_uri())
            _wait_until_ready(page)
            if not stylesheets:
                stylesheets = page.eval_on_selector_all(
                    "link[rel=stylesheet]", "ls => ls.map(l => l.href)"
                )
            parts.append(page.evaluate(_EXTRACT))
            target = out_dir / f"{Path(name).name}.pdf"
            _print(page, target, title)
            written.append(target)
        links = "".join(f'<link rel="stylesheet" href="{html.escape(h)}">' for h in stylesheets)
        body = "".join(f'<section class="book-part">{p}</section>' for p in parts)
        book_html = out_dir / "book.html"
        book_html.write_text(
            '<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}"
            f'</title>{links}</head><body><main class="bd-main"><article class="bd-article">'
            f'<div class="book-cover"><h1>{html.escape(title)}</h1>'
            f"<p>{html.escape(book.author())}</p>"
            f"</div>{body}</article></main></body></html>",
            encoding="utf-8",
        )
        page.goto(book_html.as_uri())
        _wait_until_ready(page)
        _print(page, out_dir / "book.pdf", title)
        written.insert(0, out_dir / "book.pdf")
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=HTML)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    missing = [name for name in book.pages() if not (args.html / f"{name}.html").is_file()]
    if missing:
        print(
            f"make_pdf: {args.html / missing[0]}.html is missing ({len(missing)} page(s) in "
            "all): build the book first (`make book`; `make pdf` builds it too)",
            file=sys.stderr,
        )
        return 1
    chromium = book.chromium_path()
    if not chromium:
        print("headless Chromium is missing: sudo apt-get install chromium", file=sys.stderr)
        return 1
    for path in make_pdfs(args.html, args.out, chromium):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
