"""How a figure reaches the page: a PNG twice its shown size, palette-packed, measured.

A chapter's figure is shown by IPython's PNG formatter. :func:`cnn_utils.setup`
(:func:`use_sharp_figures`) replaces the inline backend's one with
:func:`figure_output`: the PNG is drawn at :data:`DENSITY` image pixels per
CSS pixel, sharp on high-density screens (phones, most laptops), and its output
metadata says its shown ``width`` (Jupyter, Colab and the web book show it at
that size). The metadata also carries the figure's measurement under
:data:`METADATA_KEY`: the smallest text it draws (points, measured as
:mod:`cnn_utils.deck` measures a slide figure), the dots per inch and the pixel
size. tests/test_figures.py computes from it the smallest text as shown in the
web book's column (:func:`shown_text_px`).

Introduced in every chapter's setup cell.
"""

from __future__ import annotations

import base64
import io

import numpy as np

from cnn_utils.deck import smallest_font_pt

#: Image pixels per CSS pixel of every book figure.
DENSITY = 2
#: The output metadata key of a book figure's measurement.
METADATA_KEY = "cnn_figure"
#: How wide a figure can be shown in the web book's column at a 1280 px wide window, in
#: CSS pixels: the output area is 688 px, a numbered figure inside it 672 px (measured in
#: Chromium on the built book). Wider figures are shrunk to it, their text with them.
BOOK_COLUMN_PX = 672
#: The smallest text a book figure may show at that window, in CSS pixels.
MIN_TEXT_PX = 11.0
#: The largest change of any colour channel (0-255) a 256-colour palette may make to a
#: figure's pixels; beyond it the PNG keeps its full colours. The figures' anti-aliased
#: edges and smooth colour maps stay within 7.
PALETTE_TOLERANCE = 8


def png_size(png: bytes) -> tuple[int, int]:
    """A PNG's width and height in pixels, read from its header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def pack_png(png: bytes) -> bytes:
    """``png`` made smaller: opaque images lose their alpha channel, and an image a
    256-colour palette reproduces within :data:`PALETTE_TOLERANCE` is stored with it.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(2, 2))
    >>> _ = ax.imshow(np.arange(16).reshape(4, 4), cmap="Blues")
    >>> buffer = io.BytesIO(); fig.savefig(buffer, format="png"); plt.close(fig)
    >>> packed = pack_png(buffer.getvalue())
    >>> len(packed) < len(buffer.getvalue()), png_size(packed) == png_size(buffer.getvalue())
    (True, True)
    """
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    image.load()
    if image.mode == "RGBA" and image.getchannel("A").getextrema() == (255, 255):
        image = image.convert("RGB")
    candidates = []
    if image.mode == "RGB":
        palette = image.quantize(256, method=Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE)
        error = np.abs(
            np.asarray(palette.convert("RGB"), dtype=np.int16) - np.asarray(image, dtype=np.int16)
        )
        if error.max() <= PALETTE_TOLERANCE:
            candidates.append(palette)
    candidates.append(image)
    encoded = []
    for candidate in candidates:
        buffer = io.BytesIO()
        candidate.save(buffer, format="PNG", optimize=True)
        encoded.append(buffer.getvalue())
    return min([*encoded, png], key=len)


def figure_png(fig) -> tuple[bytes, dict]:
    """``fig`` as the book shows it: a packed PNG at :data:`DENSITY` times its shown size,
    and its measurement (``min_text_pt``, ``dpi``, ``px``: the image's width and height).

    Drawn as the inline backend draws a figure (its face colour, cropped to what it
    draws), at ``DENSITY`` times the figure's own dots per inch.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(3, 2), dpi=100)
    >>> _ = ax.set_title("제목", fontsize=12); _ = ax.set_xlabel("x", fontsize=9)
    >>> png, record = figure_png(fig)
    >>> record["min_text_pt"], record["dpi"], record["px"] == list(png_size(png))
    (9.0, 200.0, True)
    >>> plt.close(fig)
    """
    smallest = smallest_font_pt(fig)
    dpi = float(fig.dpi) * DENSITY
    buffer = io.BytesIO()
    fig.savefig(
        buffer,
        format="png",
        dpi=dpi,
        bbox_inches="tight",
        facecolor=fig.get_facecolor(),
        edgecolor=fig.get_edgecolor(),
    )
    png = pack_png(buffer.getvalue())
    return png, {"min_text_pt": smallest, "dpi": dpi, "px": list(png_size(png))}


def figure_output(fig):
    """IPython's PNG formatter for figures: the base64 PNG of :func:`figure_png` and its
    metadata (shown ``width`` in CSS pixels, the measurement under :data:`METADATA_KEY`).

    A figure that draws nothing (no axes) shows nothing, as with the inline backend.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(3, 2))
    >>> data, metadata = figure_output(fig)
    >>> metadata["width"] == metadata[METADATA_KEY]["px"][0] // DENSITY
    True
    >>> plt.close(fig)
    """
    if not fig.axes and not fig.lines:
        return None
    png, record = figure_png(fig)
    return (
        base64.b64encode(png).decode("ascii"),
        {"width": record["px"][0] // DENSITY, METADATA_KEY: record},
    )


def shown_text_px(record: dict, shown_width: float, column: float = BOOK_COLUMN_PX) -> float:
    """The smallest text of a figure with measurement ``record``, in CSS pixels, when the
    page gives it ``shown_width`` and shrinks it to ``column`` when wider.

    Examples
    --------
    A 9 pt label in a figure drawn at 200 dpi, shown 500 px wide (its own size), then
    shrunk from 1000 px to the column:

    >>> record = {"min_text_pt": 9.0, "dpi": 200.0, "px": [1000, 400]}
    >>> shown_text_px(record, 500), shown_text_px({**record, "px": [2000, 400]}, 1000)
    (12.5, 8.4)
    """
    shown = min(shown_width, column)
    return round(record["min_text_pt"] * record["dpi"] / 72 * shown / record["px"][0], 4)


def use_sharp_figures() -> bool:
    """Show this kernel's figures with :func:`figure_output`; False outside IPython.

    The inline backend registers its own PNG formatter when matplotlib first loads it,
    so the backend is loaded here first, then replaced. Called by :func:`cnn_utils.setup`.

    Examples
    --------
    >>> use_sharp_figures()   # a doctest runs outside IPython
    False
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None:
        return False
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    # a first figure loads the backend (the inline backend sets its own PNG formatter as it
    # loads), so that the formatter below is the one that stays
    plt.close(plt.figure())
    shell.display_formatter.formatters["image/png"].for_type(Figure, figure_output)
    return True
