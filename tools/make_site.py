"""Put together what is published (`make site`): one folder, _build/site, served as it is.

    .venv/bin/python -m tools.make_site     # after make book, make pdf and make slides

`make site` builds the book, its PDFs and the decks with their own targets, then runs
this, which only copies:

- the HTML book with the decks inside it (``_build/html``, decks in ``slides/``, their
  PDFs in ``slides/pdf/``), less what no page of the site uses (the build's
  bookkeeping, and axe-core, which only the tests inject);
- the book's PDFs (``_build/pdf/*.pdf``: the whole book and one per page) into ``pdf/``.

The folder is replaced as a whole: a file removed from the book leaves no copy behind.
Whatever is missing (a page, a deck, a PDF) stops it with a message saying which
command makes it. The GitHub Pages workflow (.github/workflows/publish.yml) publishes
this folder.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from tools import book
from tools.book import HTML, ROOT
from tools.make_pdf import OUT as PDF
from tools.make_slides import decks

SITE = ROOT / "_build" / "site"
#: What _build/html holds that the published site does not: Sphinx's and Jupyter Book's
#: bookkeeping, and the accessibility checker that only the tests load.
LEFT_OUT = (".buildinfo", ".buildinfo.bak", "axe-core-*", "reports", ".doctrees")


def required(html: Path = HTML, pdf: Path = PDF) -> dict[Path, str]:
    """The files the site cannot go without, each with the command that makes it."""
    pages = book.pages()
    need = {html / "index.html": "make book"}
    need |= {html / f"{page}.html": "make book" for page in pages}
    need |= {html / "slides" / f"{deck}.html": "make book" for deck in decks()}
    need |= {html / "slides" / "pdf" / f"{deck}.pdf": "make slides" for deck in decks()}
    need |= {pdf / "book.pdf": "make pdf"}
    need |= {pdf / f"{Path(page).name}.pdf": "make pdf" for page in pages}
    return need


def make_site(html: Path = HTML, pdf: Path = PDF, site: Path = SITE) -> Path:
    """Copy the built book, decks and PDFs into a fresh ``site`` folder; return it."""
    missing = [
        (path, command) for path, command in required(html, pdf).items() if not path.is_file()
    ]
    if missing:
        path, command = missing[0]
        raise FileNotFoundError(
            f"{path} is missing ({len(missing)} file(s) in all): run `{command}` "
            "(`make site` runs make book, make pdf and make slides first)"
        )
    partial = site.with_name(f".{site.name}.part")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(html, partial, ignore=shutil.ignore_patterns(*LEFT_OUT))
    (partial / "pdf").mkdir()
    for path in sorted(pdf.glob("*.pdf")):
        shutil.copy2(path, partial / "pdf" / path.name)
    shutil.rmtree(site, ignore_errors=True)
    partial.replace(site)
    return site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    try:
        site = make_site()
    except FileNotFoundError as error:
        print(f"make_site: {error}", file=sys.stderr)
        return 1
    files = [p for p in site.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    print(f"{site.relative_to(ROOT)}/: {len(files)} files, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
