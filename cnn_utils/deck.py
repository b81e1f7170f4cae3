"""Chapter figures redrawn for the lecture decks (slides/, built by tools/make_slides.py).

A book figure is drawn for a page column: its labels are 7-11 pt, far too small
for a lecture hall. :func:`for_slide` takes the chapter's own Figure, after the
chapter has drawn it, and draws it again to fill the free area of a 1280x720
slide with its smallest text at least :data:`MIN_TEXT_PX` slide pixels. The
chapters call it in cells the book hides (tag ``remove-cell``), with the metadata
``"slide-figure": "<label>"``: the deck shows that PNG in place of the figures
of the cell labelled ``"slide": "<label>"`` (_ext/decks.py).

Each PNG carries its own measurement in the output's metadata under
:data:`METADATA_KEY`: the smallest font size drawn (points), the dots per inch
and the image's pixel size. The deck test (tests/test_deck_legibility.py)
computes from it the size of that text as shown on the slide.
"""

from __future__ import annotations

import base64
import io
import warnings

import matplotlib.pyplot as plt
from matplotlib.text import Text

#: The output metadata key of a slide figure's measurement.
METADATA_KEY = "cnn_deck"
#: A slide's logical size (reveal.js scales it to the screen: 0.97 at 1280x720).
SLIDE_SIZE = (1280, 720)
#: The free area under a slide's heading and above its link to the book.
FREE_AREA = (1180, 470)
#: The smallest text a slide figure may draw, in slide pixels: 20 px on the screen at
#: 1280x720 once reveal.js has scaled the slide, with room to spare.
MIN_TEXT_PX = 23.0
#: Image pixels per slide pixel: sharp on high-density screens and projectors.
DENSITY = 2


def drawn_texts(fig) -> list[Text]:
    """The figure's visible texts that show something (titles, labels, ticks, cell numbers).

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_title("제목", fontsize=12); _ = ax.text(0, 0, "7", fontsize=9)
    >>> sorted(t.get_fontsize() for t in drawn_texts(fig) if t.get_text() in {"제목", "7"})
    [9.0, 12.0]
    >>> plt.close(fig)
    """
    fig.canvas.draw()
    return [
        t
        for t in fig.findobj(Text)
        if t.get_visible()
        and t.get_text().strip()
        and (t.axes is None or t.axes.get_visible())
        and t.get_window_extent().width > 0
    ]


def smallest_font_pt(fig) -> float:
    """The smallest font size (points) of any text the figure draws; 0 when it draws none."""
    return min((t.get_fontsize() for t in drawn_texts(fig)), default=0.0)


def relayout(fig) -> None:
    """Lay the figure out again at its new size, as the chapter's figure code laid it out.

    :func:`for_slide` resizes a chapter's figure (for the lecture decks) and calls this.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(3, 2))
    >>> fig.set_size_inches(6, 2); relayout(fig); fig.get_size_inches().tolist()
    [6.0, 2.0]
    >>> plt.close(fig)
    """
    if fig.get_layout_engine() is not None:
        return  # constrained/tight layout engines run again at every draw
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # axes placed by hand are left where they are
        fig.tight_layout()


def _render(fig, dpi: float) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", pad_inches=0.08)
    return buffer.getvalue()


def _png_size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def slide_png(fig, *, area: tuple[int, int] = FREE_AREA, min_px: float = MIN_TEXT_PX):
    """``fig`` drawn to fill ``area`` (slide pixels) with no text below ``min_px``.

    Returns the PNG and its measurement: ``min_font_pt``, ``dpi``, ``pixels`` (the
    image's width and height) and ``density`` (image pixels per slide pixel). When the
    figure's smallest text would be below ``min_px`` at the size that fills the area,
    the figure is made smaller in inches, so that its text is larger against it, and
    laid out again.

    Examples
    --------
    >>> fig, ax = plt.subplots(figsize=(8, 3))
    >>> _ = ax.plot([0, 1]); _ = ax.set_title("작은 글자", fontsize=7)
    >>> png, record = slide_png(fig)
    >>> shown = record["min_font_pt"] * record["dpi"] / 72 / record["density"]
    >>> bool(shown >= MIN_TEXT_PX), [p // DENSITY <= a for p, a in zip(record["pixels"], FREE_AREA)]
    (True, [True, True])
    >>> plt.close(fig)
    """
    width, height = area
    smallest = smallest_font_pt(fig)
    ppi = None  # slide pixels per inch of the figure
    for _ in range(8):
        w_in, h_in = fig.get_size_inches()
        if ppi is None:
            ppi = min(width / w_in, height / h_in)  # the figure's size fills the area
        if smallest and smallest * ppi / 72 < min_px * 0.999:
            factor = min_px / (smallest * ppi / 72)
            fig.set_size_inches(w_in / factor, h_in / factor)
            relayout(fig)
            ppi = None
            continue
        png = _render(fig, ppi * DENSITY)
        shown_w, shown_h = (p / DENSITY for p in _png_size(png))
        # the tight crop differs from the figure's size: fit what was drawn to the area
        fit = min(width / shown_w, height / shown_h)
        if 0.985 <= fit <= 1.0:
            break
        ppi *= fit * 0.995
    else:
        png = _render(fig, ppi * DENSITY)
    record = {
        "min_font_pt": smallest,
        "dpi": round(ppi * DENSITY, 4),
        "pixels": list(_png_size(png)),
        "density": DENSITY,
    }
    return png, record


def for_slide(fig, *, area: tuple[int, int] = FREE_AREA, min_px: float = MIN_TEXT_PX) -> None:
    """Show ``fig`` redrawn for a slide (see :func:`slide_png`), its measurement in the
    output's metadata; the figure is closed afterwards, the book has shown it already."""
    from IPython.display import publish_display_data

    png, record = slide_png(fig, area=area, min_px=min_px)
    width, height = (p // DENSITY for p in record["pixels"])
    publish_display_data(
        {"image/png": base64.b64encode(png).decode("ascii")},
        metadata={"image/png": {"width": width, "height": height}, METADATA_KEY: record},
    )
    plt.close(fig)
