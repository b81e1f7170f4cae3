"""Tests of cnn_utils.models.setting and .training: the settings, a training run, the benchmarks."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile

import numpy as np
import pytest

if importlib.util.find_spec("tensorflow") is None:  # found, not imported: collection stays fast
    pytest.skip("TensorFlow is not installed", allow_module_level=True)

from cnn_utils import models  # noqa: E402
from tests.helpers import ROOT  # noqa: E402

# Every test here imports TensorFlow or trains: `make test-fast` leaves them to `make test`.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def tiny_lab():
    """A few hundred images: enough to train for real, fast enough for a unit test."""
    lab = models.prepare_data(models.QUICK_SETTING, verbose=False)
    return models.LabData(
        lab.x_train[:512],
        lab.y_train[:512],
        lab.x_val[:256],
        lab.y_val[:256],
        lab.x_test[:256],
        lab.y_test[:256],
    )


def test_settings_describe_and_schedule():
    assert models.BOOK_SETTING.batch_size > models.ORIGINAL_SETTING.batch_size
    book = models.BOOK_SETTING
    schedule = book.learning_rate_for(48000)
    steps = -(-48000 // book.batch_size)
    warmup = round(book.warmup_epochs * steps)
    start = book.learning_rate / 10 if warmup else book.learning_rate
    assert float(schedule(0)) == pytest.approx(start)
    assert float(schedule(warmup)) == pytest.approx(book.learning_rate)  # the peak
    assert float(schedule(book.decay_epochs * steps)) == pytest.approx(
        book.learning_rate * book.final_fraction, rel=1e-4, abs=1e-9
    )
    assert (
        "코사인" in models.BOOK_SETTING.describe() and "tf.data" in models.BOOK_SETTING.describe()
    )
    assert (
        models.BOOK_SETTING.tf_data and not models.ORIGINAL_SETTING.tf_data
    )  # the course's setting feeds NumPy arrays


@pytest.mark.parametrize("tf_data", [False, True])
def test_training_saves_the_best_model_whole(tiny_lab, tmp_path, tf_data):
    path = tmp_path / "models" / "slide.keras"
    setting = models.TrainingSetting(
        batch_size=128, learning_rate=1e-3, max_epochs=2, tf_data=tf_data
    )
    model, history, elapsed = models.train_slide_model(tiny_lab, setting, checkpoint_path=path)
    assert set(history) >= {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert len(elapsed) == len(history["loss"]) == 2
    assert path.is_file() and zipfile.is_zipfile(path)
    assert [p.name for p in path.parent.iterdir()] == ["slide.keras"]  # no temporary file left
    loaded = models.load_trained_model(path)
    np.testing.assert_allclose(
        loaded.predict(tiny_lab.x_test[:16], verbose=0),
        model.predict(tiny_lab.x_test[:16], verbose=0),
        atol=1e-6,
    )


def test_same_seed_same_history_across_processes(tmp_path):
    """Two separate runs (after cnn_utils.setup(), on a quick subset) train identically.

    The two processes run side by side (one per core): with op determinism the
    histories are equal however the machine schedules them.
    """
    code = (
        "import dataclasses, cnn_utils\n"
        "from cnn_utils import models\n"
        "cnn_utils.setup()\n"
        "setting = dataclasses.replace(models.QUICK_SETTING, train_images=1500,\n"
        "                              validation_images=500)\n"
        "lab = models.prepare_data(setting, verbose=False)\n"
        "_, history, _ = models.train_slide_model(lab, setting)\n"
        "print({k: [float(v) for v in vs] for k, vs in history.items()})\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for _ in range(2)
    ]
    runs = []
    for proc in procs:
        out, err = proc.communicate()
        assert proc.returncode == 0, err[-3000:]
        runs.append(out.strip().splitlines()[-1])
    assert runs[0] == runs[1]
    assert runs[0].count(",") >= 4 * models.QUICK_SETTING.max_epochs - 1  # every epoch printed


@pytest.mark.slow
def test_train_benchmark_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "train_lab.py"), "--quick"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "seconds per epoch: original / book =" in result.stdout
    assert "test accuracy: original" in result.stdout
    assert "TensorFlow float32 matmul:" in result.stdout and "GFLOPS reached:" in result.stdout
    assert "레이블 스무딩" in result.stdout  # the book's line describes its own setting


@pytest.mark.slow
def test_conv_benchmark_runs():
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "conv_numpy.py"), "--repeats", "3"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "14x14x32 -> 64" in result.stdout and "naive/vec" in result.stdout
