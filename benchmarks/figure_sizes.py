"""How sharp and how legible is each chapter's figure in the web book? Read from the chapters.

    .venv/bin/python -m benchmarks.figure_sizes [chapters/0N_x.ipynb ...]

For each figure the web book shows (cells the book removes are the decks' figures), from
the measurement its output carries (cnn_utils.viz.display, written when the chapter
runs): its shown width, image pixels per CSS pixel, PNG bytes and its smallest text as
shown in the book's column at 1280 px; then per chapter the figures' bytes and smallest
text side by side. tests/test_figures.py checks the same figures against the limits.
"""

from __future__ import annotations

import argparse
import base64
import json
from pathlib import Path

from cnn_utils.viz import display
from tools import book

#: The outputs that are figures: images, and the sliding-window animations (HTML).
FIGURE_TYPES = ("image/png", "image/svg+xml", "image/jpeg")


def book_figures(notebook: Path) -> list[tuple[str, str, dict, int]]:
    """(where, MIME type, output metadata, bytes) of each figure the web book shows of a
    chapter: every image output, and every animation, of the cells it does not remove.

    Examples
    --------
    >>> figures = book_figures(book.chapter_notebooks()[0])
    >>> figures[0][0].startswith("01_filter cell "), figures[0][1]
    (True, 'image/png')
    """
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    found = []
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "code" or "remove-cell" in cell["metadata"].get("tags", []):
            continue
        for k, output in enumerate(cell.get("outputs", [])):
            data = output.get("data", {})
            kinds = [m for m in FIGURE_TYPES if m in data]
            if "text/html" in data and "_anim_img" in "".join(data["text/html"]):
                kinds.append("text/html")  # a sliding-window animation (cnn_utils.viz)
            for kind in kinds:
                content = "".join(data[kind])
                size = len(base64.b64decode(content)) if kind == "image/png" else len(content)
                where = f"{notebook.stem} cell {index} output {k}"
                found.append((where, kind, output.get("metadata", {}), size))
    return found


def shown_text(metadata: dict, kind: str) -> float | None:
    """The smallest text as shown at 1280 px (CSS px), None for a figure not measured."""
    shown = metadata.get(kind, {})
    record = shown.get(display.METADATA_KEY)
    if record is None:
        return None
    return display.shown_text_px(record, shown["width"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, default=book.chapter_notebooks())
    args = parser.parse_args(argv)
    head = ("figure", "kind", "shown px", "density", "KB", "text px")
    print("{:40s} {:10s} {:>8s} {:>7s} {:>6s} {:>7s}".format(*head))
    totals = []
    for notebook in args.notebooks:
        figures = book_figures(notebook)
        texts = []
        for where, kind, metadata, size in figures:
            shown = metadata.get(kind, {})
            record = shown.get(display.METADATA_KEY)
            text = shown_text(metadata, kind)
            texts.append(text)
            width = shown.get("width", "-")
            density = f"{record['px'][0] / width:.2f}" if record and "px" in record else "-"
            said = f"{text:7.1f}" if text is not None else "      -"
            print(f"{where:40s} {kind:10s} {width!s:>8s} {density:>7s} {size / 1e3:6.1f} {said}")
        measured = [t for t in texts if t is not None]
        smallest = f"{min(measured):.1f}" if measured else "-"
        totals.append((notebook.stem, len(figures), sum(f[3] for f in figures), smallest))
    print(f"\n{'chapter':24s} {'figures':>7s} {'KB':>7s} {'smallest text px':>16s}")
    for stem, count, size, smallest in totals:
        print(f"{stem:24s} {count:7d} {size / 1e3:7.1f} {smallest:>16s}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
