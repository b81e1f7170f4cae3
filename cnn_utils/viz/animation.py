"""The window sliding over an input, as an animation that plays without a kernel (02-04).

Matplotlib's JavaScript player is used with Korean controls and nothing loaded
from the internet, so the animation plays in the web book, the PDF's source
and Colab alike.
"""

from __future__ import annotations

import base64
import re

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import animation

from cnn_utils import ops
from cnn_utils.deck import smallest_font_pt
from cnn_utils.viz import display
from cnn_utils.viz.matrices import show_matrix
from cnn_utils.viz.style import text_color, window_patch, with_korean_font

#: The largest animation of window sliding: the padded input's side and the frames (window
#: positions). Each frame draws every value; beyond these the page grows past matplotlib's
#: embedding limit (which drops frames) and drawing takes minutes.
MAX_ANIMATION_SIDE = 12
MAX_ANIMATION_FRAMES = 64


@with_korean_font
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
        ax_out.add_patch(window_patch(r, c, 1, 1))
        ax_out.set_xlim(-0.5, out.shape[1] - 0.5)
        ax_out.set_ylim(out.shape[0] - 0.5, -0.5)
        ax_out.set_xticks([])
        ax_out.set_yticks([])
        ax_out.set_title("특성 맵 (feature map)", fontsize=11)

    anim = animation.FuncAnimation(fig, draw, frames=len(positions), interval=interval)
    # every frame drawn at twice its shown size (sharp on high-density screens), shown at
    # the figure's own size, and measured as the book's other figures (viz.display)
    smallest = smallest_font_pt(fig)
    fig.set_dpi(fig.dpi * display.DENSITY)
    page, pixels = _packed_frames(anim.to_jshtml(default_mode="once"))
    record = {"min_text_pt": smallest, "dpi": float(fig.dpi), "px": list(pixels)}
    shown_width = pixels[0] // display.DENSITY
    page = re.sub(
        r'(<img id="_anim_img\w+")', rf'\1 style="width:{shown_width}px;max-width:100%"', page
    )
    html = HTML(
        korean_animation_controls(page),
        metadata={"width": shown_width, display.METADATA_KEY: record},
    )
    plt.close(fig)
    return html


def _packed_frames(jshtml: str) -> tuple[str, tuple[int, int]]:
    """The animation page with each frame packed (:func:`cnn_utils.viz.display.pack_png`),
    and the frames' size in pixels."""
    sizes = set()

    def pack(match: re.Match) -> str:
        png = display.pack_png(base64.b64decode(match.group(1)))
        sizes.add(display.png_size(png))
        return "data:image/png;base64," + base64.b64encode(png).decode("ascii")

    page = re.sub(r"data:image/png;base64,([A-Za-z0-9+/=\\\s]+)", pack, jshtml)
    (size,) = sizes  # every frame is drawn on the same canvas
    return page, size


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
