"""cnn_utils.viz: careless input gets a message naming the parameter; Hangul without setup()."""

from __future__ import annotations

import subprocess
import sys

import matplotlib
import numpy as np
import pytest

from cnn_utils import viz
from tests.paths import ROOT

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
