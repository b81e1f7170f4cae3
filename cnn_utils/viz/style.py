"""How every figure of the book looks: the Korean font, the window colours, text on cells.

The rules the figure modules share, so that a matrix, an animation and a
confusion matrix write their numbers and outline their windows alike.
"""

from __future__ import annotations

import functools

import matplotlib.pyplot as plt

from cnn_utils.environment import KOREAN_FONT, use_korean_font


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


#: Colours of the highlighted windows, in the order they are drawn.
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
