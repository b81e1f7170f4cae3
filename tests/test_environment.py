"""Tests of cnn_utils.setup(): seeds, determinism, Hangul in figures, the summary line."""

from __future__ import annotations

import random
import warnings

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib import font_manager

import cnn_utils
from cnn_utils import environment


def test_setup_seeds_everything():
    cnn_utils.setup(3)
    first = (random.random(), np.random.rand())
    cnn_utils.setup(3)
    assert (random.random(), np.random.rand()) == first


def test_setup_turns_on_tensorflow_determinism():
    pytest.importorskip("tensorflow")
    cnn_utils.setup()
    from tensorflow.python.framework import config as tf_config  # no public getter

    assert tf_config.is_op_determinism_enabled()


def test_setup_summary_line():
    line = cnn_utils.setup()
    assert line.startswith("Python ") and "TensorFlow" in line and "Keras" in line
    assert "Colab: 아니오" in line and "GPU:" in line


@pytest.mark.parametrize("bad", [-1, 1.5, "42", True])
def test_setup_rejects_bad_seed(bad):
    with pytest.raises(ValueError, match="seed must be an integer >= 0"):
        cnn_utils.setup(bad)


def test_hangul_renders_with_nanum_gothic():
    """A figure full of Hangul draws with NanumGothic, no fallback, no missing-glyph warning."""
    cnn_utils.setup()
    fig, ax = plt.subplots()
    ax.set_title("합성곱 신경망 특성 맵")
    ax.set_xlabel("패딩 · 스트라이드 · 풀링")
    ax.text(0.5, 0.5, "앵클 부츠 -1")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font" would raise here
        fig.canvas.draw()
    used = {font_manager.findfont(t.get_fontproperties(), fallback_to_default=False)
            for t in (ax.title, ax.xaxis.label, ax.texts[0])}
    assert all(path.endswith("NanumGothic.ttf") for path in used), used
    plt.close(fig)


def test_quick_mode_env(monkeypatch):
    monkeypatch.setenv("CNN_BOOK_QUICK", "1")
    assert environment.quick_mode()
    assert "빠른 모드(quick): 켜짐" in environment.environment_summary()
    monkeypatch.setenv("CNN_BOOK_QUICK", "")
    assert not environment.quick_mode()


def test_korean_font_missing_gives_the_fix(monkeypatch):
    monkeypatch.setattr(environment, "korean_font_files", lambda: [])
    before = list(matplotlib.rcParams["font.family"])
    with pytest.raises(RuntimeError, match="pip install koreanize-matplotlib"):
        environment.use_korean_font()
    assert matplotlib.rcParams["font.family"] == before   # nothing half-set


def test_doctests_leave_quick_mode_alone():
    """`make test` sets CNN_BOOK_QUICK=1 for the whole run; a doctest that deleted it once made
    every later notebook kernel train in full mode (two extra minutes)."""
    import doctest
    import os

    before = os.environ.get("CNN_BOOK_QUICK")
    doctest.run_docstring_examples(environment.quick_mode, {"os": os, "quick_mode": environment.quick_mode})
    from cnn_utils import data
    doctest.run_docstring_examples(data.user_data_dir, {"os": os, "user_data_dir": data.user_data_dir})
    assert os.environ.get("CNN_BOOK_QUICK") == before
