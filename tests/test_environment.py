"""Tests of cnn_utils.setup(): seeds, determinism, Hangul in figures, the summary line."""

from __future__ import annotations

import inspect
import random
import subprocess
import sys
import warnings

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib import font_manager

import cnn_utils
from cnn_utils import environment
from tests.helpers import ROOT

#: setup() imports TensorFlow (seconds): these tests are left to `make test`.
TENSORFLOW = pytest.mark.slow


@TENSORFLOW
def test_setup_seeds_everything():
    cnn_utils.setup(3)
    first = (random.random(), np.random.rand())
    cnn_utils.setup(3)
    assert (random.random(), np.random.rand()) == first


def _determinism_on() -> bool:
    """Whether TensorFlow's op determinism is on, read through its public API.

    TensorFlow has no public getter; a generator seeded from the clock is refused
    (RuntimeError) exactly while determinism is on.
    """
    import tensorflow as tf

    try:
        tf.random.Generator.from_non_deterministic_state()
    except RuntimeError:
        return True
    return False


@TENSORFLOW
def test_setup_turns_on_tensorflow_determinism():
    pytest.importorskip("tensorflow")
    cnn_utils.setup()
    assert _determinism_on()


@TENSORFLOW
def test_setup_summary_line():
    line = cnn_utils.setup()
    assert line.startswith("cnn_utils ") and "TensorFlow" in line and "Keras" in line
    assert "Colab: 아니오" in line and "GPU:" in line


@pytest.mark.parametrize("bad", [-1, 1.5, "42", True, 2**32, np.int64(-3)])
def test_setup_rejects_bad_seed_before_seeding_anything(bad):
    random.seed(5)
    expected = random.random()
    random.seed(5)
    with pytest.raises(ValueError, match=r"seed must be an integer with 0 <= seed < 2\*\*32"):
        cnn_utils.setup(bad)
    assert random.random() == expected  # Python's generator was not reseeded


@pytest.mark.parametrize(
    "value,quick",
    [
        ("1", True),
        ("TRUE", True),
        (" yes ", True),
        ("on", True),
        ("0", False),
        ("False", False),
        ("no", False),
        ("off", False),
        ("", False),
    ],
)
def test_quick_mode_accepts_the_documented_values(monkeypatch, value, quick):
    monkeypatch.setenv("CNN_BOOK_QUICK", value)
    assert environment.quick_mode() is quick


@pytest.mark.parametrize("value", ["none", "n", "0.0", "disable", "2", "켜기"])
def test_quick_mode_refuses_anything_else(monkeypatch, value):
    monkeypatch.setenv("CNN_BOOK_QUICK", value)
    with pytest.raises(ValueError, match=f"CNN_BOOK_QUICK must be one of .* got '{value}'"):
        environment.quick_mode()


@TENSORFLOW
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
    used = {
        font_manager.findfont(t.get_fontproperties(), fallback_to_default=False)
        for t in (ax.title, ax.xaxis.label, ax.texts[0])
    }
    assert all(path.endswith("NanumGothic.ttf") for path in used), used
    plt.close(fig)


@TENSORFLOW  # environment_summary() reports TensorFlow's version
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
    assert matplotlib.rcParams["font.family"] == before  # nothing half-set


def test_doctests_leave_quick_mode_alone():
    """`make test` sets CNN_BOOK_QUICK=1 for the whole run; a doctest that deleted it once made
    every later notebook kernel train in full mode (two extra minutes)."""
    import doctest
    import os

    before = os.environ.get("CNN_BOOK_QUICK")
    doctest.run_docstring_examples(
        environment.quick_mode, {"os": os, "quick_mode": environment.quick_mode}
    )
    from cnn_utils import data

    doctest.run_docstring_examples(
        data.user_data_dir, {"os": os, "user_data_dir": data.user_data_dir}
    )
    assert os.environ.get("CNN_BOOK_QUICK") == before


# --------------------------------------------------------------------------- CPU and GPU runtimes


class _DeterminismSpy:
    """Records which of TensorFlow's determinism switches setup() pulls."""

    def __init__(self, monkeypatch):
        import tensorflow as tf

        self.calls: list[str] = []
        monkeypatch.setattr(
            tf.config.experimental, "enable_op_determinism", lambda: self.calls.append("enable")
        )


@TENSORFLOW
def test_setup_is_deterministic_when_no_gpu_is_visible(monkeypatch):
    pytest.importorskip("tensorflow")
    spy = _DeterminismSpy(monkeypatch)
    monkeypatch.setattr(environment, "visible_gpus", lambda: [])
    line = cnn_utils.setup()
    assert spy.calls == ["enable"]
    assert "GPU: 없음" in line and environment.DETERMINISM_NOTE[False] in line


@TENSORFLOW
def test_setup_leaves_determinism_off_on_a_gpu(monkeypatch):
    """Colab GPU runtime: no op determinism (UnimplementedError, slow kernels); the line says so."""
    pytest.importorskip("tensorflow")
    import tensorflow as tf

    spy = _DeterminismSpy(monkeypatch)
    fake = [tf.config.PhysicalDevice(name="/physical_device:GPU:0", device_type="GPU")]
    monkeypatch.setattr(environment, "visible_gpus", lambda: fake)
    line = cnn_utils.setup()
    assert spy.calls == []
    assert "GPU: 있음" in line and environment.DETERMINISM_NOTE[True] in line
    assert "GPU 실행은 빠르지만 실행마다 결과가 조금씩 다를 수 있음" in line


@TENSORFLOW
def test_gpu_branch_leaves_determinism_off_in_a_fresh_runtime():
    """Not only the call: in a fresh process on a (faked) GPU, TensorFlow runs without
    determinism after setup(); the same process on the CPU branch then has it on."""
    pytest.importorskip("tensorflow")
    code = inspect.getsource(_determinism_on) + (
        "import tensorflow as tf, cnn_utils\n"
        "from cnn_utils import environment\n"
        "fake = [tf.config.PhysicalDevice(name='/physical_device:GPU:0', device_type='GPU')]\n"
        "environment.visible_gpus = lambda: fake\n"
        "cnn_utils.setup()\n"
        "gpu = _determinism_on()\n"
        "environment.visible_gpus = lambda: []\n"
        "cnn_utils.setup()\n"
        "print(gpu, _determinism_on())\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.split()[-2:] == ["False", "True"]


@TENSORFLOW
def test_visible_gpus_lists_what_tensorflow_lists(monkeypatch):
    tf = pytest.importorskip("tensorflow")
    monkeypatch.setattr(
        tf.config, "list_physical_devices", lambda kind: ["GPU:0"] if kind == "GPU" else []
    )
    assert environment.visible_gpus() == ["GPU:0"]


@pytest.mark.slow  # imports TensorFlow
def test_keras_2_is_named_at_setup_and_refused_by_the_training_helpers(monkeypatch):
    """TensorFlow 2.15 brings Keras 2 (no keras.ops): the setup line says in Korean that Keras 3
    is needed, and the helpers of chapters 07-08 refuse at once with what to install."""
    import types

    from cnn_utils import models

    old = types.ModuleType("keras")
    old.__version__ = "2.15.0"
    old.utils = types.SimpleNamespace(set_random_seed=lambda seed: None)
    environment.import_tensorflow_quietly()
    monkeypatch.setitem(sys.modules, "keras", old)
    line = environment.setup(seed=1)
    assert "Keras 2.15.0" in line and "Keras 3(TensorFlow 2.16 이상)이 필요합니다" in line
    with pytest.raises(environment.KerasVersionError, match=r"Keras 2\.15\.0 .* needs Keras 3"):
        models.build_slide_model()
