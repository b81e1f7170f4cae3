"""Build the web book and its lecture decks' HTML (`make book`).

    .venv/bin/python -m tools.build            # as `make book`: jupyter-book, then the decks
    .venv/bin/python -m tools.build --strict   # warnings are errors, as the tests build it

The book is built by :func:`tools.book.build_command` into _build/html, then the decks
(`python -m tools.make_slides --no-pdf`) into _build/html/slides, which the chapter pages
link to. The tests' ``build_log`` fixture and ``tools.release`` build the same way.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from tools import book
from tools.book import ROOT
from tools.make_slides import build_html


def build(*, strict: bool = False, capture: bool = True) -> subprocess.CompletedProcess:
    """Build the book, then the decks' HTML; the first step that fails, else the book's run.

    ``capture`` keeps jupyter-book's output in the result (the tests read its warnings);
    without it the output goes to the terminal as the book is built.
    """
    done = subprocess.run(
        book.build_command(strict=strict),
        cwd=ROOT,
        capture_output=capture,
        text=True,
        encoding="utf-8",
    )
    if done.returncode != 0:
        return done
    decks = build_html()
    return done if decks.returncode == 0 else decks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="warnings are errors (-W -n)")
    args = parser.parse_args(argv)
    try:
        done = build(strict=args.strict, capture=False)
    except FileNotFoundError as error:
        print(f"build: {error}", file=sys.stderr)
        return 1
    if done.returncode != 0:
        print((done.stdout or "") + (done.stderr or ""), file=sys.stderr)
        print("build: the book or its decks did not build (see above)", file=sys.stderr)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
