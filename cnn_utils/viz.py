"""Figures and animations of the book, drawn like the slides.

Every function returns a matplotlib ``Figure`` (or, for animations, an HTML
object that plays without a kernel), so chapters can show it, test it or
save it. Each one makes sure the Korean font is in use first, so Hangul
renders even when the setup cell was skipped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import animation, patches

from cnn_utils import ops
from cnn_utils.environment import KOREAN_FONT, use_korean_font


def _korean(draw):
    """Decorator: use the Korean font (NanumGothic) before drawing, once it is needed."""

    @functools.wraps(draw)
    def wrapper(*args, **kwargs):
        if KOREAN_FONT not in plt.rcParams["font.family"]:
            use_korean_font()
        return draw(*args, **kwargs)

    return wrapper


def _finite(m: np.ndarray, name: str) -> np.ndarray:
    """``m`` as floats, refusing NaN and infinity (a matrix figure prints every value)."""
    values = m.astype(float)
    if not np.isfinite(values).all():
        i, j = np.argwhere(~np.isfinite(values))[0]
        raise ValueError(
            f"{name} must hold finite numbers, got {values[i, j]} at row {i}, column {j}"
        )
    return values


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


@_korean
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
        Windows to outline, each in the next colour of :data:`WINDOW_COLORS`.
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
        size = fontsize or (10 if max(m.shape) <= 8 else 7)
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
        ax.add_patch(
            patches.Rectangle(
                (c - 0.5, r - 0.5),
                w,
                h,
                fill=False,
                lw=2.5,
                edgecolor=WINDOW_COLORS[n % len(WINDOW_COLORS)],
            )
        )
    ax.set_xticks(np.arange(m.shape[1] + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(m.shape[0] + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", lw=1)
    ax.tick_params(which="both", length=0, labelbottom=False, labelleft=False)
    if title:
        ax.set_title(title, fontsize=11)
    return ax.figure


@_korean
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
    fig, axes = plt.subplots(
        1,
        n,
        figsize=(0.5 * sum(widths) + 1.1 * n, 0.5 * height + 0.9),
        gridspec_kw={"width_ratios": widths},
        squeeze=False,
    )
    for ax, m, title, hl, b in zip(axes[0], matrices, titles, highlights, borders, strict=True):
        show_matrix(
            m, ax, title=title, highlight=hl, cmap=cmap, fmt=fmt, border=b, vmin=vmin, vmax=vmax
        )
    if symbols:
        for k, symbol in enumerate(symbols[: n - 1]):
            left, right = axes[0][k].get_position(), axes[0][k + 1].get_position()
            fig.text(
                (left.x1 + right.x0) / 2,
                (left.y0 + left.y1) / 2,
                symbol,
                ha="center",
                va="center",
                fontsize=18,
            )
    return fig


@_korean
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


@_korean
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
    size : inches per image
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


#: The largest animation of window sliding: the padded input's side and the frames (window
#: positions). Each frame draws every value; beyond these the page grows past matplotlib's
#: embedding limit (which drops frames) and drawing takes minutes.
MAX_ANIMATION_SIDE = 12
MAX_ANIMATION_FRAMES = 64


@_korean
def sliding_window_animation(
    x, kernel, *, stride: int = 1, padding: ops.Padding = 0, interval: int = 700
):
    """Animate window sliding: the window moves, the feature map fills in.

    Left to right, then one row down (chapter 02); with ``stride`` and
    ``padding`` it also shows chapters 03-04. Returned as an HTML object from
    ``FuncAnimation.to_jshtml()``: the frames are embedded, so it plays in
    the static HTML book without a kernel and without internet.

    Examples
    --------
    >>> html = sliding_window_animation(np.eye(4, dtype=int), np.ones((3, 3), dtype=int))
    >>> html.data.count("frames[") >= 4
    True
    >>> sliding_window_animation(np.zeros((28, 28)), np.ones((3, 3)))
    Traceback (most recent call last):
    ...
    ValueError: x must be at most 12x12 (padded) for an animation, which draws every value in every frame; got 28x28: take a part, e.g. x[:6, :6]
    """  # noqa: E501 (doctest output)
    from IPython.display import HTML

    x = ops.as_array(x, "x", exact=False)
    kernel = ops.as_array(kernel, "kernel", exact=False)
    if x.ndim != 2 or kernel.ndim != 2 or not x.size or not kernel.size:
        raise ValueError(
            "x and kernel must be non-empty 2-D arrays (one channel), got shapes "
            f"{x.shape} and {kernel.shape}"
        )
    fh, fw = kernel.shape
    padded_pads = ops.padding_amounts(x.shape, (fh, fw), stride=stride, padding=padding)
    xp = ops.pad(x, padded_pads)
    if max(xp.shape) > MAX_ANIMATION_SIDE:
        raise ValueError(
            f"x must be at most {MAX_ANIMATION_SIDE}x{MAX_ANIMATION_SIDE} (padded) for an "
            f"animation, which draws every value in every frame; got {xp.shape[0]}x"
            f"{xp.shape[1]}: take a part, e.g. x[:6, :6]"
        )
    positions = ops.window_positions(x.shape, (fh, fw), stride=stride, padding=padding)
    if len(positions) > MAX_ANIMATION_FRAMES:
        raise ValueError(
            f"the animation would have {len(positions)} frames (one per window position), more "
            f"than {MAX_ANIMATION_FRAMES}: take a part of x (e.g. x[:6, :6]) or a larger stride"
        )
    out = ops.conv2d(x, kernel, stride=stride, padding=padding)
    border = padded_pads[0][0] if isinstance(padding, int) and padding else 0
    fig, (ax_in, ax_out) = plt.subplots(
        1,
        2,
        figsize=(0.45 * (xp.shape[1] + out.shape[1]) + 1.5, 0.45 * xp.shape[0] + 1.2),
        gridspec_kw={"width_ratios": [xp.shape[1], max(out.shape[1], 2)]},
    )
    lo, hi = out.min(), out.max()

    def draw(step: int):
        ax_in.clear()
        ax_out.clear()
        i, j = positions[step]
        show_matrix(
            xp,
            ax_in,
            title=f"입력 (단계 {step + 1}/{len(positions)})",
            highlight=[(i, j, fh, fw)],
            border=border,
            cmap="Greys",
        )
        partial = np.full(out.shape, np.nan)
        partial.ravel()[: step + 1] = out.ravel()[: step + 1]
        top = hi if hi > lo else lo + 1
        ax_out.imshow(partial, cmap="Blues", vmin=lo, vmax=top)
        for k in range(step + 1):
            r, c = divmod(k, out.shape[1])
            cell = plt.get_cmap("Blues")((out[r, c] - lo) / (top - lo))
            ax_out.text(
                c,
                r,
                ops.format_number(out[r, c], None),
                ha="center",
                va="center",
                fontsize=9,
                color=text_color(cell),
            )
        r, c = divmod(step, out.shape[1])
        ax_out.add_patch(
            patches.Rectangle(
                (c - 0.5, r - 0.5), 1, 1, fill=False, lw=2.5, edgecolor=WINDOW_COLORS[0]
            )
        )
        ax_out.set_xlim(-0.5, out.shape[1] - 0.5)
        ax_out.set_ylim(out.shape[0] - 0.5, -0.5)
        ax_out.set_xticks([])
        ax_out.set_yticks([])
        ax_out.set_title("특성 맵 (feature map)", fontsize=11)

    anim = animation.FuncAnimation(fig, draw, frames=len(positions), interval=interval)
    html = HTML(korean_animation_controls(anim.to_jshtml(default_mode="once")))
    plt.close(fig)
    return html


#: The animation's buttons by the method they call: (visible label, tooltip), in Korean.
ANIMATION_BUTTONS = {
    "slower": ("느리게", "재생 속도 낮추기"),
    "first_frame": ("처음", "첫 단계로"),
    "previous_frame": ("이전", "이전 단계로"),
    "reverse_animation": ("거꾸로", "거꾸로 재생"),
    "pause_animation": ("멈춤", "멈추기"),
    "play_animation": ("재생", "재생하기"),
    "next_frame": ("다음", "다음 단계로"),
    "last_frame": ("끝", "마지막 단계로"),
    "faster": ("빠르게", "재생 속도 높이기"),
}
#: The repetition modes of the animation (radio buttons), in Korean.
ANIMATION_MODES = {"once": "한 번", "loop": "반복", "reflect": "왕복"}
#: The accessible name of the animation's frame slider.
ANIMATION_SLIDER = "애니메이션 단계"
_ANIMATION_STYLE = (
    # more specific than matplotlib's own rules (36 px wide buttons), which come later
    "<style>.animation .anim-buttons button{width:auto;min-width:2.6em;padding:2px 6px;"
    "margin:2px;word-break:keep-all}"
    ".animation input[type=range].anim-slider{max-width:100%}</style>"
)


def korean_animation_controls(jshtml: str) -> str:
    """Matplotlib's ``to_jshtml()`` page with Korean controls and no request to the internet.

    Matplotlib draws its buttons with Font Awesome icons loaded from a CDN (an
    error offline, empty buttons without it) and names them in English. Here
    each button shows a short Korean word (its accessible name too, with a
    Korean tooltip), the repetition modes and the slider are named in Korean,
    and the stylesheet link is removed. Introduced in chapter 02.

    Raises ``ValueError`` when the page has an icon or a link this function
    does not know (a new matplotlib template), rather than show a broken control.

    Examples
    --------
    >>> page = (
    ...     '<link rel="stylesheet" href="https://cdn.example/font-awesome.css">'
    ...     '<input id="_anim_slider1" type="range">'
    ...     '<button title="Play" aria-label="Play" onclick="anim1.play_animation()">'
    ...     '<i class="fa fa-play"></i></button>'
    ...     '<form title="Repetition mode" aria-label="Repetition mode">'
    ...     '<label for="_anim_radio1_1">Once</label></form>'
    ... )
    >>> print(korean_animation_controls(page))  # doctest: +ELLIPSIS
    <style>...</style><input id="_anim_slider1" type="range" aria-label="애니메이션 단계"><button type="button" title="재생하기" onclick="anim1.play_animation()">재생</button><form title="반복 방식" aria-label="반복 방식"><label for="_anim_radio1_1">한 번</label></form>
    """  # noqa: E501 (doctest output)

    def button(match: re.Match) -> str:
        call = f"{match.group(1)}.{match.group(2)}()"
        label, tip = ANIMATION_BUTTONS[match.group(2)]
        return f'<button type="button" title="{tip}" onclick="{call}">{label}</button>'

    page = re.sub(r'<link rel="stylesheet"\s+href="[^"]*font-awesome[^"]*">\n?', "", jshtml)
    page = re.sub(
        r'<button[^>]*onclick="(anim\w+)\.(' + "|".join(ANIMATION_BUTTONS) + r')\(\)"[^>]*>'
        r'\s*<i class="fa[^"]*"></i>\s*</button>',
        button,
        page,
    )
    page = re.sub(
        r'(<input id="_anim_slider\w+" type="range")', rf'\1 aria-label="{ANIMATION_SLIDER}"', page
    )
    page = page.replace('"Repetition mode"', '"반복 방식"')
    for mode, korean in ANIMATION_MODES.items():  # the labels say the mode capitalized
        page = re.sub(
            rf'(<label for="_anim_radio\d_\w*">){mode.capitalize()}</label>',
            rf"\g<1>{korean}</label>",
            page,
        )
    if re.search(r'class="fa[ "]|https?://', page):
        raise ValueError(
            "matplotlib's animation page has a control or link this book does not know"
        )
    return _ANIMATION_STYLE + page


#: Korean labels for Keras layer classes in :func:`plot_architecture`.
LAYER_LABELS = {
    "Input": "입력",
    "Conv2D": "합성곱",
    "MaxPooling2D": "최대 풀링",
    "AveragePooling2D": "평균 풀링",
    "Flatten": "펼치기",
    "Dense": "밀집",
    "Dropout": "드롭아웃",
}


@_korean
def plot_architecture(stages: Sequence[tuple[str, tuple[int, ...]]], *, title: str | None = None):
    """Draw a CNN as a row of blocks, one per stage, with its output shape.

    A feature map (H, W, C) is a box whose height follows H and whose depth
    follows C (log scale); a vector (N,) is a thin bar. Stage names that are
    Keras classes (``"Conv2D"``) get their Korean label (:data:`LAYER_LABELS`).
    Introduced in chapter 06 (the overall structure) and reused in chapter 07
    for the trained model (:func:`cnn_utils.models.architecture_stages`).

    Examples
    --------
    >>> fig = plot_architecture([("입력", (28, 28, 1)), ("합성곱", (28, 28, 32)), ("출력", (10,))])
    >>> [t.get_text() for t in fig.axes[0].texts if "\\n" in t.get_text()][:1]
    ['입력\\n28×28×1']
    >>> plt.close(fig)
    """
    if not stages:
        raise ValueError("stages must not be empty")
    # under an inch a stage: nine stages fit the book's column (~7 in) at about 4/5 size
    fig, ax = plt.subplots(figsize=(0.95 * len(stages) + 0.3, 3.0))
    max_hw = (
        max(s[1][0] for s in stages if len(s[1]) == 3) if any(len(s[1]) == 3 for s in stages) else 1
    )
    x = 0.0
    for k, (name, shape) in enumerate(stages):
        name = LAYER_LABELS.get(name, name)
        if len(shape) == 3:
            h, _, c = shape
            height = 0.6 + 1.6 * h / max_hw
            layers = 1 if c == 1 else min(4, 1 + int(np.log2(c)) // 2)
            depth = 0.12 * (layers - 1)
            face = "#9ecae1" if c > 1 else "#d9d9d9"
            for sheet in range(layers):
                shift = depth - 0.12 * sheet
                ax.add_patch(
                    patches.Rectangle(
                        (x + shift, 1.5 - height / 2 + shift),
                        0.55,
                        height,
                        facecolor=face,
                        edgecolor="#3182bd",
                        lw=1,
                        alpha=0.55 + 0.15 * sheet,
                    )
                )
            label = f"{name}\n{h}×{shape[1]}×{c}"
            width = 0.55 + depth
        else:
            (n,) = shape
            height = 0.6 + 1.8 * min(1.0, np.log10(n + 1) / 3.6)
            ax.add_patch(
                patches.Rectangle(
                    (x, 1.5 - height / 2),
                    0.25,
                    height,
                    facecolor="#fdae6b",
                    edgecolor="#e6550d",
                    lw=1,
                )
            )
            label = f"{name}\n{n}"
            width = 0.25
        ax.text(x + width / 2, 0.15, label, ha="center", va="top", fontsize=11)
        x += width + 0.75
        if k < len(stages) - 1:
            ax.annotate(
                "",
                xy=(x - 0.12, 1.5),
                xytext=(x - 0.62, 1.5),
                arrowprops={"arrowstyle": "->", "color": "#555555"},
            )
    ax.set_xlim(-0.3, x - 0.3)
    ax.set_ylim(-0.75, 3.1)
    ax.axis("off")
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


@_korean
def plot_history(history, *, title: str | None = None, best_epoch: int | None = None):
    """Learning curves: loss and accuracy per epoch, training vs validation (chapter 07).

    ``history`` is ``model.fit(...).history`` (a dict of lists) or the
    ``History`` object ``fit`` returns. Accuracy is drawn when it was measured.
    ``best_epoch`` (1-based) draws a dashed line at the epoch whose weights
    early stopping restored.

    Examples
    --------
    >>> fig = plot_history({"loss": [0.5, 0.3], "val_loss": [0.4, 0.35],
    ...                     "accuracy": [0.8, 0.9], "val_accuracy": [0.85, 0.88]})
    >>> [ax.get_ylabel() for ax in fig.axes]
    ['손실 (loss)', '정확도 (accuracy)']
    >>> plt.close(fig)
    >>> plot_history({"accuracy": [0.8]})
    Traceback (most recent call last):
    ...
    ValueError: history must hold a 'loss' list per epoch (model.fit(...).history), got keys ['accuracy']
    """  # noqa: E501 (doctest output lines are data)
    history = getattr(history, "history", history)  # a keras History object
    if not isinstance(history, dict) or not history.get("loss"):
        keys = sorted(history) if isinstance(history, dict) else type(history).__name__
        raise ValueError(
            f"history must hold a 'loss' list per epoch (model.fit(...).history), got keys {keys}"
        )
    panels = [("loss", "손실 (loss)")]
    if history.get("accuracy"):
        panels.append(("accuracy", "정확도 (accuracy)"))
    fig, axes = plt.subplots(1, len(panels), figsize=(4.5 * len(panels), 3.2), squeeze=False)
    for ax, (key, label) in zip(axes.ravel(), panels, strict=True):
        epochs = np.arange(1, len(history[key]) + 1)
        ax.plot(epochs, history[key], "o-", label="훈련 세트")
        if f"val_{key}" in history:
            ax.plot(epochs, history[f"val_{key}"], "s-", label="검증 세트")
        if best_epoch is not None:
            ax.axvline(
                best_epoch, color="#555555", ls="--", lw=1, label=f"가장 좋은 에포크 {best_epoch}"
            )
        ax.set_xlabel("에포크 (epoch)")
        ax.set_ylabel(label)
        ax.set_xticks(epochs)
        ax.grid(alpha=0.3)
        ax.legend()
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


@_korean
def plot_probabilities(
    probabilities, class_names: Sequence, *, true_label: int | None = None, image=None
):
    """A predicted probability for each class as a bar chart, the image beside it (chapter 07).

    Examples
    --------
    >>> p = np.full(10, 0.01); p[9] = 0.91
    >>> fig = plot_probabilities(p, [str(i) for i in range(10)], true_label=9)
    >>> len(fig.axes[-1].patches)
    10
    >>> plt.close(fig)
    """
    p = np.asarray(probabilities, dtype=float).ravel()
    if len(p) != len(class_names) or not len(p):
        raise ValueError(
            f"probabilities must have one value per class: got {len(p)} probabilities for "
            f"{len(class_names)} classes"
        )
    if true_label is not None and (
        isinstance(true_label, bool)
        or not isinstance(true_label, (int, np.integer))
        or not 0 <= true_label < len(p)
    ):
        raise ValueError(
            f"true_label must be None or a class index from 0 to {len(p) - 1}, got {true_label!r}"
        )
    if image is not None:
        fig, (ax_im, ax) = plt.subplots(
            1, 2, figsize=(8, 3), gridspec_kw={"width_ratios": [1, 2.6]}
        )
        ax_im.imshow(np.asarray(image).squeeze(), cmap="gray_r")
        ax_im.axis("off")
    else:
        fig, ax = plt.subplots(figsize=(6, 3))
    names = [getattr(c, "ko", str(c)) for c in class_names]
    colors = ["#9ecae1"] * len(p)
    colors[int(np.argmax(p))] = "#3182bd"
    if true_label is not None and true_label != int(np.argmax(p)):
        colors[true_label] = "#e6550d"
    ax.barh(np.arange(len(p)), p, color=colors)
    ax.set_yticks(np.arange(len(p)), names)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("예측 확률")
    for k, value in enumerate(p):
        if value >= 0.005:
            ax.text(min(value + 0.01, 0.9), k, f"{value:.2f}", va="center", fontsize=8)
    fig.tight_layout()
    return fig


@_korean
def plot_confusion_matrix(matrix, class_names: Sequence, *, title: str | None = None):
    """Confusion matrix with counts, rows = true class, columns = prediction (chapter 07).

    Examples
    --------
    >>> fig = plot_confusion_matrix([[5, 1], [0, 6]], ["a", "b"])
    >>> fig.axes[0].get_xlabel()
    '예측한 클래스'
    >>> plt.close(fig)
    """
    m = np.asarray(matrix)
    names = [getattr(c, "ko", str(c)) for c in class_names]
    fig, ax = plt.subplots(figsize=(0.62 * len(names) + 2.2, 0.55 * len(names) + 1.6))
    ax.imshow(m, cmap="Blues")
    for (i, j), value in np.ndenumerate(m):
        ax.text(
            j,
            i,
            str(value),
            ha="center",
            va="center",
            fontsize=8,
            color=text_color(plt.get_cmap("Blues")((value - m.min()) / max(m.max() - m.min(), 1))),
        )
    ax.set_xticks(range(len(names)), names, rotation=45, ha="right")
    ax.set_yticks(range(len(names)), names)
    ax.set_xlabel("예측한 클래스")
    ax.set_ylabel("실제 클래스")
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


@_korean
def plot_histograms(groups: dict[str, np.ndarray], *, bins: int = 40, xlabel: str = "가중치 값"):
    """Histograms side by side, one per named array (chapter 08: trained vs untrained weights).

    Examples
    --------
    >>> fig = plot_histograms({"A": np.zeros(5), "B": np.ones(5)})
    >>> [ax.get_title() for ax in fig.axes]
    ['A', 'B']
    >>> plt.close(fig)
    """
    fig, axes = plt.subplots(1, len(groups), figsize=(4.2 * len(groups), 3), squeeze=False)
    for ax, (name, values) in zip(axes[0], groups.items(), strict=True):
        ax.hist(np.asarray(values).ravel(), bins=bins, color="#3182bd")
        ax.set_title(name)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("개수")
    fig.tight_layout()
    return fig
