"""cnn_utils.viz: careless input gets a message naming the parameter; Hangul without setup()."""

from __future__ import annotations

import subprocess
import sys

import matplotlib
import numpy as np
import pytest

from cnn_utils import viz
from tests.helpers import ROOT

matplotlib.use("Agg")


@pytest.mark.parametrize(
    "call,message",
    [
        (
            lambda: viz.show_matrix([[1.0, np.nan], [0, 1]]),
            "m must hold finite numbers, got nan at row 0, column 1",
        ),
        (lambda: viz.show_matrix([[1.0, np.inf], [0, 1]]), "m must hold finite numbers, got inf"),
        (lambda: viz.show_matrix([[1, 2], [3]]), "m must be a rectangular array of numbers"),
        (
            lambda: viz.show_images([np.eye(3)] * 3, ["a", "b"]),
            "titles must have one title per image: 3 images, 2 titles",
        ),
        (lambda: viz.plot_history({"accuracy": [0.5]}), "history must hold a 'loss' list"),
        (lambda: viz.plot_history([0.5, 0.4]), "history must hold a 'loss' list"),
        (
            lambda: viz.plot_probabilities(np.full(10, 0.1), list("abcdefghij"), true_label=10),
            r"true_label must be None or a class index from 0 to 9, got 10",
        ),
        (
            lambda: viz.plot_probabilities(np.full(2, 0.5), ["a", "b"], true_label=-1),
            "true_label must be None or a class index from 0 to 1, got -1",
        ),
        (
            lambda: viz.plot_probabilities(np.full(2, 0.5), ["a", "b"], true_label=1.0),
            "true_label must be None or a class index",
        ),
        (
            lambda: viz.plot_probabilities([0.5, 0.5], ["a"]),
            "probabilities must have one value per class: got 2 probabilities for 1 classes",
        ),
        (
            lambda: viz.sliding_window_animation(np.zeros((28, 28)), np.ones((3, 3))),
            r"x must be at most 12x12 \(padded\) for an animation.*got 28x28",
        ),
        (
            lambda: viz.sliding_window_animation(np.zeros((10, 10)), np.ones((1, 1))),
            "the animation would have 100 frames .*, more than 64: take a part of x",
        ),
        (
            lambda: viz.sliding_window_animation(np.zeros((4, 4, 1)), np.ones((3, 3))),
            r"x and kernel must be non-empty 2-D arrays .* \(4, 4, 1\)",
        ),
    ],
)
def test_careless_input_names_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_plot_history_takes_the_history_object_and_loss_only():
    class History:  # what model.fit returns: the dict is its .history
        history = {"loss": [0.5, 0.3], "val_loss": [0.4, 0.35]}

    fig = viz.plot_history(History())
    assert [ax.get_ylabel() for ax in fig.axes] == ["손실 (loss)"]
    matplotlib.pyplot.close(fig)


def test_numpy_integers_are_sizes_too():
    fig = viz.show_window_steps(np.arange(49).reshape(7, 7), np.int64(3), stride=np.int64(2))
    assert [ax.get_title() for ax in fig.axes if ax.get_title()] == [str(k) for k in range(1, 10)]
    matplotlib.pyplot.close(fig)


def test_figures_use_the_korean_font_without_the_setup_cell():
    """A fresh process that skips cnn_utils.setup() draws Hangul with no missing-glyph warning."""
    code = (
        "import warnings, matplotlib\n"
        "matplotlib.use('Agg')\n"
        "warnings.simplefilter('error')\n"
        "from cnn_utils import viz\n"
        "fig = viz.show_images([[[0, 1], [1, 0]]], ['앵클 부츠 특성 맵'])\n"
        "fig.canvas.draw()\n"
        "print(matplotlib.rcParams['font.family'])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "NanumGothic" in result.stdout


# ---- readable at the size they are shown (numbers on coloured cells, controls in Korean)


def _contrast(color_a, color_b) -> float:
    from matplotlib.colors import to_rgb

    def luminance(color):
        channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in color]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    la, lb = sorted((luminance(to_rgb(color_a)), luminance(to_rgb(color_b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("cmap", ["Blues", "Greys", "RdBu_r", "gray", "viridis"])
def test_numbers_on_cells_reach_4_5_to_1_on_every_shade(cmap):
    colormap = matplotlib.colormaps[cmap]
    for level in np.linspace(0, 1, 101):
        cell = colormap(level)
        assert _contrast(viz.text_color(cell), cell) >= 4.5, (cmap, level)


def _text_on(fig, text: str) -> str:
    return next(t.get_color() for t in fig.axes[0].texts if t.get_text() == text)


def test_every_matrix_figure_writes_white_on_its_dark_cells():
    import matplotlib.pyplot as plt

    fig = viz.show_matrix([[0, 9]], cmap="Blues")
    assert (_text_on(fig, "0"), _text_on(fig, "9")) == ("black", "white")
    plt.close(fig)
    fig = viz.plot_confusion_matrix([[50, 1], [0, 3]], ["a", "b"])
    assert (_text_on(fig, "50"), _text_on(fig, "1")) == ("white", "black")
    plt.close(fig)


def test_the_animation_speaks_korean_and_asks_nothing_of_the_internet():
    import re

    page = viz.sliding_window_animation(np.eye(4, dtype=int), np.ones((3, 3), dtype=int)).data
    assert "http" not in page and 'class="fa' not in page
    labels = re.findall(r"<button[^>]*>([^<]*)</button>", page)
    assert labels == [label for label, _ in viz.ANIMATION_BUTTONS.values()]
    assert not re.search(r'(title|aria-label)="[A-Za-z ]+"', page), "an English tooltip is left"
    assert re.findall(r"<label[^>]*>([^<]*)</label>", page) == list(viz.ANIMATION_MODES.values())
    assert f'aria-label="{viz.ANIMATION_SLIDER}"' in page


def test_an_unknown_animation_control_is_refused_not_shown_broken():
    with pytest.raises(ValueError, match="does not know"):
        viz.korean_animation_controls('<button onclick="anim1.rewind()"><i class="fa fa-x"></i>')


def test_two_line_titles_get_their_own_room():
    import matplotlib.pyplot as plt

    one = viz.show_images([np.eye(3)] * 4, ["a"] * 4, ncols=2)
    two = viz.show_images([np.eye(3)] * 4, ["a\nb"] * 4, ncols=2)
    assert two.get_size_inches()[1] > one.get_size_inches()[1]
    plt.close("all")


def test_symbols_between_matrices_stay_in_the_gap_when_the_figure_is_laid_out_again():
    """cnn_utils.deck redraws a figure at another size and lays it out again: the ``*``
    and ``+`` must still sit between their two matrices, not on one of them."""
    import matplotlib.pyplot as plt

    from cnn_utils import deck

    fig = viz.show_matrices(
        [np.eye(4), np.eye(3), np.eye(4), np.eye(3)], ["a", "b", "c", "d"], symbols=["*", "+", "*"]
    )
    for size in (None, (4.0, 1.2)):
        if size:
            fig.set_size_inches(*size)
            deck.relayout(fig)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        symbols = [t for t in deck.drawn_texts(fig) if t.get_text() in {"*", "+"}]
        assert len(symbols) == 3
        for k, symbol in enumerate(symbols):
            box = symbol.get_window_extent(renderer)
            left = fig.axes[k].get_window_extent(renderer)
            right = fig.axes[k + 1].get_window_extent(renderer)
            assert left.x1 <= (box.x0 + box.x1) / 2 <= right.x0, (size, symbol.get_text())
            assert box.x0 >= left.x1 - 1 and box.x1 <= right.x0 + 1, (size, symbol.get_text())
    plt.close(fig)
