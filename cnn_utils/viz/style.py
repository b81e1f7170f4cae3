"""How every figure of the book looks: the Korean font, the window colours, text on cells.

The rules the figure modules share, so that a matrix, an animation and a
confusion matrix write their numbers and outline their windows alike.
"""

from __future__ import annotations

import functools

import matplotlib.pyplot as plt

from cnn_utils.environment import KOREAN_FONT, use_korean_font
from cnn_utils.viz.display import BOOK_COLUMN_PX

#: The widest a figure of the book is drawn, in inches: the web book's column at 1280 px
#: (:data:`cnn_utils.viz.display.BOOK_COLUMN_PX`) at matplotlib's 100 dots per inch. A
#: wider figure is shrunk to the column, and its text with it below a legible size.
COLUMN_WIDTH_IN = BOOK_COLUMN_PX / 100


def with_korean_font(draw):
    """Decorator of every figure function: use the Korean font (NanumGothic) before drawing.

    The font is set once, when a figure first needs it, so Hangul renders even
    when a chapter's setup cell was skipped.
    """

    @functools.wraps(draw)
    def wrapper(*args, **kwargs):
        if KOREAN_FONT not in plt.rcParams["font.family"]:
            use_korean_font()
        return draw(*args, **kwargs)

    return wrapper


#: Colours of the highlighted windows, in the order they are drawn: each differs from the
#: next in hue and, for readers who cannot tell the hues apart, in line style.
WINDOW_COLORS = (
    "#d62728",
    "#1f77b4",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
)
#: Line styles of the highlighted windows, in the same order (solid, dashed, dotted).
WINDOW_LINESTYLES = ("-", (0, (3, 1.5)), (0, (1, 0.9)))
#: A window's outline: its width in points, the white edge either side that parts it
#: from dark cells, and how far (in cells) each later window is drawn inside its cells,
#: so that windows sharing a row or a column still show every outline.
WINDOW_LINE = {"lw": 3.2, "halo": 1.6, "inset": 0.1}


def window_patch(row: int, col: int, height: int, width: int, order: int = 0):
    """The outline of a window over matrix cells, as every figure of the book draws it.

    The ``order``-th window of a figure gets the ``order``-th colour of
    :data:`WINDOW_COLORS` and line style of :data:`WINDOW_LINESTYLES`, a white edge
    (readable on black cells too) and an inset of ``order`` times
    ``WINDOW_LINE["inset"]`` cells (in a cycle of three). It is drawn above the cell
    grid and not clipped at the matrix's border. Introduced in chapter 02.

    Examples
    --------
    >>> first, second = window_patch(0, 0, 3, 3), window_patch(0, 2, 3, 3, order=1)
    >>> first.get_xy(), second.get_xy(), second.get_linestyle() != first.get_linestyle()
    ((-0.5, -0.5), (1.6, -0.4), True)
    """
    from matplotlib import patches, patheffects

    inset = WINDOW_LINE["inset"] * (order % 3)
    halo = WINDOW_LINE["lw"] + 2 * WINDOW_LINE["halo"]
    return patches.Rectangle(
        (col - 0.5 + inset, row - 0.5 + inset),
        width - 2 * inset,
        height - 2 * inset,
        fill=False,
        lw=WINDOW_LINE["lw"],
        edgecolor=WINDOW_COLORS[order % len(WINDOW_COLORS)],
        linestyle=WINDOW_LINESTYLES[order % len(WINDOW_LINESTYLES)],
        capstyle="butt",
        joinstyle="miter",
        zorder=4,
        clip_on=False,
        path_effects=[
            # a solid white line under the coloured one, whatever its line style
            patheffects.Stroke(
                linewidth=halo, foreground="white", dashes={"dash_offset": 0, "dash_list": None}
            ),
            patheffects.Normal(),
        ],
    )


def text_color(background) -> str:
    """Black or white, whichever reads better on a cell of colour ``background``.

    The one rule for numbers written on coloured cells in every figure of the
    book: the text colour with the larger WCAG contrast ratio against the
    cell, judged by the cell's relative luminance (white below 0.179, where
    both ratios are equal, about 4.6:1). Introduced in chapter 01.

    Parameters
    ----------
    background : colour
        Anything matplotlib reads as a colour: an RGB(A) tuple of floats in
        [0, 1] (what a colour map returns), a name or a ``"#rrggbb"`` string.

    Examples
    --------
    >>> text_color("#08306b"), text_color("#f7fbff"), text_color((0.5, 0.5, 0.5, 1.0))
    ('white', 'black', 'black')
    """
    from matplotlib.colors import to_rgb

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in to_rgb(background))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "white" if luminance < 0.179 else "black"
