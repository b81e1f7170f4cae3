"""The HTML an exercise's statement is written in: small matrices, the size grid, figures."""

from __future__ import annotations

import html
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from cnn_utils.exercises.description import Figure
from cnn_utils.exercises.making import written

if TYPE_CHECKING:
    from cnn_utils.exercises.explorers import SizeReport


#: The style sheet of the exercises' small matrices and grids (package data, one rule a line).
STYLE_SHEET = "exercises.css"
#: The style as every reader's HTML carries it once: the sheet's rules on one line.
STYLE = "".join(
    resources.files(__package__).joinpath(STYLE_SHEET).read_text(encoding="utf-8").splitlines()
)


def matrix_html(m, *, highlight=None, shade=None, caption: str = "", indices: bool = False) -> str:
    """A small matrix as an HTML table (class ``cnn-matrix``, see :data:`STYLE`).

    ``highlight`` is a window ``(row, col, height, width)``; ``shade`` maps
    cells to a background colour; ``indices`` numbers the rows and columns
    from 0 (for questions that name a cell).

    Examples
    --------
    >>> matrix_html([[1, 2], [3, 4]], highlight=(0, 0, 1, 2), caption="입력")
    '<table class="cnn-matrix"><caption>입력</caption><tr><td class="w">1</td><td class="w">2</td></tr><tr><td>3</td><td>4</td></tr></table>'
    """  # noqa: E501 (doctest output)
    m = np.asarray(m)
    rows = []
    if indices:
        rows.append("<tr><th></th>" + "".join(f"<th>{j}</th>" for j in range(m.shape[1])) + "</tr>")
    for i in range(m.shape[0]):
        cells = [f"<th>{i}</th>"] if indices else []
        for j in range(m.shape[1]):
            value = m[i, j]
            text = "" if isinstance(value, float) and np.isnan(value) else written(value)
            window = highlight is not None and (
                highlight[0] <= i < highlight[0] + highlight[2]
                and highlight[1] <= j < highlight[1] + highlight[3]
            )
            attrs = ' class="w"' if window else ""
            if shade and (i, j) in shade:
                attrs += f' style="background:{shade[(i, j)]}"'
            cells.append(f"<td{attrs}>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f'<table class="cnn-matrix">{head}' + "".join(rows) + "</table>"


#: What marks a window's centre in the explorer's grid.
GRID_DOT = "●"


def size_grid_html(report: SizeReport) -> str:
    """The padded input as a grid: zero padding grey, a dot where each window is centred,
    cells no window reaches hatched (the explorer's picture; the web book draws the same).

    Examples
    --------
    >>> from cnn_utils.exercises.explorers import explore_sizes
    >>> grid = size_grid_html(explore_sizes(5, 3, padding=1, stride=2))
    >>> grid.count("<td"), grid.count("●")
    (49, 9)
    """
    top, bottom = report.pads
    size = report.n + top + bottom
    reach = size if not report.output else (report.output - 1) * report.stride + report.f
    centres = set()
    if report.output:
        half = (report.f - 1) // 2
        starts = [k * report.stride + half for k in range(report.output)]
        centres = {(i, j) for i in starts for j in starts}
    rows = []
    for i in range(size):
        cells = []
        for j in range(size):
            pad = not (top <= i < top + report.n and top <= j < top + report.n)
            kind = "pad" if pad else "in"
            if i >= reach or j >= reach:
                kind += " out"
            classes = " ".join(f"cnn-grid-{k}" for k in kind.split())
            cells.append(f'<td class="{classes}">{GRID_DOT if (i, j) in centres else ""}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table class="cnn-grid">' + "".join(rows) + "</table>"


def figure_data(fig, alt: str) -> Figure:
    """A matplotlib figure as a :class:`Figure`: a PNG data URI drawn at twice its shown size,
    with its measurement, as the book's figures are (chapter 08's filter reading); the figure
    is closed.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(3, 2), dpi=80)
    >>> _ = ax.set_title("필터", fontsize=12)
    >>> picture = figure_data(fig, "필터 그림")
    >>> picture.record["px"][0] >= 2 * picture.width, picture.record["min_text_pt"]
    (True, 10.0)
    """
    import base64

    import matplotlib.pyplot as plt

    from cnn_utils.viz import display

    png, record = display.figure_png(fig)
    plt.close(fig)
    return Figure(
        "data:image/png;base64," + base64.b64encode(png).decode("ascii"),
        alt,
        record["px"][0] // display.DENSITY,
        record,
    )
