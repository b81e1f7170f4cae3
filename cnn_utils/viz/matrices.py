"""Matrices, window steps and images, drawn like the slides (chapters 01-06).

A matrix is drawn with every value written in its cell and the windows a
filter reads outlined, as the slides draw them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import patches
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

from cnn_utils import ops
from cnn_utils.viz.style import COLUMN_WIDTH_IN, text_color, window_patch, with_korean_font


def _finite(m: np.ndarray, name: str) -> np.ndarray:
    """``m`` as floats, refusing NaN and infinity (a matrix figure prints every value)."""
    values = m.astype(float)
    if not np.isfinite(values).all():
        i, j = np.argwhere(~np.isfinite(values))[0]
        raise ValueError(
            f"{name} must hold finite numbers, got {values[i, j]} at row {i}, column {j}"
        )
    return values


@with_korean_font
def show_matrix(
    m,
    ax=None,
    *,
    title: str | None = None,
    highlight: Iterable[tuple[int, int, int, int]] = (),
    border: int = 0,
    cmap: str = "Blues",
    fmt: str | None = None,
    vmin: float | None = None,
    vmax: float | None = None,
    fontsize: float | None = None,
    numbers: bool = True,
):
    """Draw a small matrix with its numbers in the cells, as on the slides.

    Introduced in chapter 01.

    Parameters
    ----------
    m : 2-D array
        The matrix (an image patch, a filter, a feature map).
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made when omitted.
    title : str, optional
        Title above the matrix.
    highlight : iterable of (row, col, height, width)
        Windows to outline, each in the next colour and line style
        (:func:`cnn_utils.viz.style.window_patch`).
    border : int
        Width of a padding border to shade grey (chapter 03).
    cmap, vmin, vmax : colour map and its limits.
    fmt : str, optional
        Format of the numbers, e.g. ``"{:.1f}"``; integers print bare by default.
    numbers : bool
        Write the values in the cells.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = show_matrix([[0, 30], [30, 0]], title="필터", highlight=[(0, 0, 1, 2)])
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['0', '30', '30', '0']
    >>> len(fig.axes[0].patches)
    1
    >>> plt.close(fig)
    """
    m = ops.as_array(m, "m", exact=False)
    if m.ndim != 2:
        raise ValueError(f"m must be a 2-D matrix, got shape {m.shape}")
    values = _finite(m, "m")
    if ax is None:
        rows, cols = m.shape
        _, ax = plt.subplots(figsize=(max(1.2, 0.5 * cols + 0.4), max(1.2, 0.5 * rows + 0.5)))
    ax.imshow(values, cmap=cmap, vmin=vmin, vmax=vmax)
    if border:
        shade = np.zeros((*m.shape, 4))
        shade[:border, :] = shade[-border:, :] = shade[:, :border] = shade[:, -border:] = (
            0.6,
            0.6,
            0.6,
            0.55,
        )
        ax.imshow(shade)
    if numbers:
        lo = vmin if vmin is not None else values.min()
        hi = vmax if vmax is not None else values.max()
        colormap = plt.get_cmap(cmap)
        size = fontsize or (10 if max(m.shape) <= 12 else 8)
        for (i, j), value in np.ndenumerate(m):
            level = (values[i, j] - lo) / (hi - lo) if hi > lo else 0.0
            ax.text(
                j,
                i,
                ops.format_number(value, fmt),
                ha="center",
                va="center",
                fontsize=size,
                color=text_color(colormap(float(np.clip(level, 0, 1)))),
            )
    for n, (r, c, h, w) in enumerate(highlight):
        ax.add_patch(window_patch(r, c, h, w, n))
    ax.set_xticks(np.arange(m.shape[1] + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(m.shape[0] + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", lw=1)
    ax.tick_params(which="both", length=0, labelbottom=False, labelleft=False)
    if title:
        ax.set_title(title, fontsize=11)
    return ax.figure


@with_korean_font
def show_matrices(
    matrices: Sequence,
    titles: Sequence[str] | None = None,
    *,
    symbols: Sequence[str] | None = None,
    highlights: Sequence | None = None,
    cmap: str = "Blues",
    fmt: str | None = None,
    borders: Sequence[int] | None = None,
    vmin: float | None = None,
    vmax: float | None = None,
):
    """Draw matrices side by side, optionally with symbols (``*``, ``=``) between.

    ``vmin``/``vmax`` fix one colour scale for all of them (e.g. symmetric
    around 0 for filter weights, chapter 08).

    Introduced in chapter 01 (window * filter = number).

    Examples
    --------
    >>> fig = show_matrices([[[1]], [[2]]], ["A", "B"], symbols=["*"])
    >>> [ax.get_title() for ax in fig.axes]
    ['A', 'B']
    >>> plt.close(fig)
    """
    n = len(matrices)
    titles = list(titles) if titles is not None else [None] * n
    highlights = list(highlights) if highlights is not None else [()] * n
    borders = list(borders) if borders is not None else [0] * n
    if not len(titles) == len(highlights) == len(borders) == n:
        raise ValueError("titles, highlights and borders must have one entry per matrix")
    shapes = [np.asarray(m).shape for m in matrices]
    widths = [s[1] for s in shapes]
    height = max(s[0] for s in shapes)
    # half an inch a cell, less when the matrices would be wider than the book's column
    cell = max(0.3, min(0.5, (COLUMN_WIDTH_IN - 0.6 * n) / sum(widths)))
    fig, axes = plt.subplots(
        1,
        n,
        figsize=(cell * sum(widths) + 0.6 * n, cell * height + 0.9),
        gridspec_kw={"width_ratios": widths},
        squeeze=False,
    )
    for ax, m, title, hl, b in zip(axes[0], matrices, titles, highlights, borders, strict=True):
        show_matrix(
            m, ax, title=title, highlight=hl, cmap=cmap, fmt=fmt, border=b, vmin=vmin, vmax=vmax
        )
    if symbols:
        for k, symbol in enumerate(symbols[: n - 1]):
            # placed in the gap between the two matrices as drawn, so that the symbol follows
            # them when the figure is laid out again at another size (cnn_utils.deck)
            fig.add_artist(
                Annotation(
                    symbol,
                    (0.5, 0.5),
                    xycoords=functools.partial(_gap, axes[0][k], axes[0][k + 1]),
                    ha="center",
                    va="center",
                    fontsize=18,
                )
            )
    return fig


def _gap(left, right, renderer) -> Bbox:
    """The space between two axes as drawn (display coordinates), from ``left``'s right
    edge to ``right``'s left edge, as tall as ``left``."""
    a, b = left.get_window_extent(renderer), right.get_window_extent(renderer)
    return Bbox.from_extents(a.x1, a.y0, b.x0, a.y1)


@with_korean_font
def show_window_steps(
    x,
    f,
    *,
    stride: int = 1,
    padding: ops.Padding = 0,
    ncols: int = 3,
    limit: int | None = None,
    cmap: str = "Greys",
):
    """Small multiples: the input with the window at each of its positions, in order.

    Three panels a row by default, so that the numbers stay readable where the
    book shows the figure (about 7 inches wide).

    Introduced in chapter 02 (the sliding order) and used in chapter 04
    (stride 2 on the slides' 7x7 matrix).

    Examples
    --------
    >>> fig = show_window_steps(np.arange(16).reshape(4, 4), 3)
    >>> [ax.get_title() for ax in fig.axes if ax.get_title()]
    ['1', '2', '3', '4']
    >>> plt.close(fig)
    """
    x = np.asarray(x)
    fh, fw = ops.pair("f", f)
    pads = ops.padding_amounts(x.shape[:2], (fh, fw), stride=stride, padding=padding)
    xp = ops.pad(x, pads)
    positions = ops.window_positions(x.shape[:2], (fh, fw), stride=stride, padding=padding)
    if limit is not None:
        positions = positions[:limit]
    ncols = max(1, min(ncols, len(positions)))
    nrows = -(-len(positions) // ncols)
    cell = 0.32 if max(xp.shape) > 5 else 0.42
    fig, axes = plt.subplots(
        nrows,
        ncols,
        squeeze=False,
        figsize=(ncols * (cell * xp.shape[1] + 0.3), nrows * (cell * xp.shape[0] + 0.5)),
    )
    border = pads[0][0] if isinstance(padding, int) else 0
    for k, ax in enumerate(axes.ravel()):
        if k >= len(positions):
            ax.axis("off")
            continue
        i, j = positions[k]
        show_matrix(
            xp,
            ax,
            title=str(k + 1),
            highlight=[(i, j, fh, fw)],
            cmap=cmap,
            border=border,
            fontsize=10,
        )
    fig.tight_layout()
    return fig


@with_korean_font
def show_images(
    images: Sequence,
    titles: Sequence[str] | None = None,
    *,
    ncols: int = 8,
    cmap: str = "gray",
    suptitle: str | None = None,
    size: float = 1.3,
    shared_scale: bool = False,
    frame: bool = False,
    vmin: float | None = None,
    vmax: float | None = None,
):
    """Show images (pictures, filters, feature maps) in a grid without axes.

    Introduced in chapter 01; chapter 08 shows 32 filters and 64 feature
    maps with it.

    Parameters
    ----------
    images : sequence of 2-D arrays
    titles : one per image, optional
    ncols : images per row
    cmap : colour map (``"gray"``: dark = small, bright = large)
    suptitle : title of the whole figure
    size : inches per image, at most the book's column (:data:`COLUMN_WIDTH_IN`) divided
        by ``ncols``
    shared_scale : one colour scale for all images (compare their brightness)
    frame : draw a thin border around each image (for all-white or all-black ones)
    vmin, vmax : a fixed colour scale (e.g. ``-s, s`` with ``cmap="RdBu_r"``: 0 is white), so
        two figures can share it (chapter 08 draws untrained and trained filters on one scale)

    Examples
    --------
    >>> fig = show_images([np.eye(3)] * 5, ncols=4)
    >>> len(fig.axes)   # two rows of four, the empty cells hidden
    8
    >>> plt.close(fig)
    """
    images = [np.asarray(im, dtype=float) for im in images]
    if not images:
        raise ValueError("images must not be empty")
    if any(im.ndim != 2 for im in images):
        raise ValueError(
            f"every image must be a 2-D array, got shapes {sorted({im.shape for im in images})}"
        )
    if titles is not None and len(titles) != len(images):
        raise ValueError(
            f"titles must have one title per image: {len(images)} images, {len(titles)} titles"
        )
    ncols = max(1, min(ncols, len(images)))
    nrows = -(-len(images) // ncols)
    size = min(size, COLUMN_WIDTH_IN / ncols)  # no wider than the book's column
    # room above each image for its title's lines (two-line titles overlapped the row above)
    lines = max((str(t).count("\n") + 1 for t in titles), default=0) if titles is not None else 0
    fig, axes = plt.subplots(
        nrows,
        ncols,
        figsize=(size * ncols, (size + 0.2 * lines) * nrows + (0.4 if suptitle else 0)),
        squeeze=False,
    )
    lo = min(im.min() for im in images) if shared_scale else vmin
    hi = max(im.max() for im in images) if shared_scale else vmax
    for k, ax in enumerate(axes.ravel()):
        ax.axis("off")
        if k < len(images):
            ax.imshow(images[k], cmap=cmap, vmin=lo, vmax=hi)
            if frame:
                h, w = images[k].shape
                ax.add_patch(
                    patches.Rectangle((-0.5, -0.5), w, h, fill=False, lw=1, edgecolor="#888888")
                )
            if titles is not None:
                ax.set_title(titles[k], fontsize=10)
    if suptitle:
        fig.suptitle(suptitle)
    fig.tight_layout()
    return fig
