"""Tests of cnn_utils.models.checkpoint: atomic saves and the checkpoint callback.

The callback is checked against Keras's own ``keras.callbacks.ModelCheckpoint``
on the same training run: the same files, holding the same weights. The
Colab-like environment (tests/test_colab_env.py) runs this module again with
Colab's Keras.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

if importlib.util.find_spec("tensorflow") is None:  # found, not imported: collection stays fast
    pytest.skip("TensorFlow is not installed", allow_module_level=True)

from cnn_utils import models  # noqa: E402
from cnn_utils.models import checkpoint  # noqa: E402
from tests.helpers import ROOT  # noqa: E402

# ------------------------------------------------------------------ the rules (no Keras)


@pytest.mark.parametrize(
    "path, weights_only, message",
    [
        ("best.h5", True, "use 'best.weights.h5'"),
        ("best.keras", True, "use 'best.weights.h5'"),
        ("best-{epoch:02d}.weights.h5", False, "pass save_weights_only=True"),
        ("best-cnn-model", False, "use 'best-cnn-model.keras'"),
        ("best.pkl", False, "use 'best.keras'"),
        ("best-{epoch:02d.keras", False, "not a valid name template"),
        ("best-{epoch:02d}}.keras", False, "not a valid name template"),
    ],
)
def test_a_bad_checkpoint_path_says_what_to_use(path, weights_only, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace("{", r"\{")):
        checkpoint.check_checkpoint_path(path, save_weights_only=weights_only)


def test_a_folder_is_not_a_checkpoint_file(tmp_path):
    folder = tmp_path / "best.keras"
    folder.mkdir()
    with pytest.raises(ValueError, match="is a folder, not a file"):
        checkpoint.check_checkpoint_path(folder)
    with pytest.raises(TypeError, match="str or Path"):
        checkpoint.check_checkpoint_path(None)


def test_templates_fill_in_the_epoch_from_one_and_the_logs():
    logs = {"loss": 0.5, "val_loss": 0.25, "val_accuracy": 0.875}
    name = "m-{epoch:03d}-{val_loss:.3f}-{val_accuracy:.2f}-{{x}}.keras"
    assert checkpoint.checkpoint_file(name, 4, logs).name == "m-005-0.250-0.88-{x}.keras"
    with pytest.raises(ValueError, match="cannot be filled in"):
        checkpoint.checkpoint_file("m-{val_loss:d}.keras", 0, logs)


@pytest.mark.parametrize(
    "monitor, mode, direction",
    [
        ("val_loss", "auto", "min"),
        ("loss", "auto", "min"),
        ("val_mean_squared_error", "auto", "min"),
        ("val_accuracy", "auto", "max"),
        ("val_sparse_categorical_accuracy", "auto", "max"),
        ("val_auc", "auto", "max"),
        ("val_loss", "max", "max"),
    ],
)
def test_monitor_direction_reads_the_name_or_the_mode(monitor, mode, direction):
    assert checkpoint.monitor_direction(monitor, mode) == direction


def test_an_unknown_mode_is_an_error_not_a_fallback():
    with pytest.raises(ValueError, match="mode must be 'auto', 'min' or 'max', got 'maximum'"):
        checkpoint.monitor_direction("val_accuracy", "maximum")


# ------------------------------------------------------------------ the callback in Keras


@pytest.mark.slow
def test_the_callback_is_a_public_keras_callback_without_private_overrides():
    """It subclasses Callback and defines none of ModelCheckpoint's private methods."""
    import keras

    made = models.ModelCheckpoint("best.keras")
    assert isinstance(made, keras.callbacks.Callback)
    assert not isinstance(made, keras.callbacks.ModelCheckpoint)
    private = {
        name
        for klass in (keras.callbacks.Callback, keras.callbacks.ModelCheckpoint)
        for name in dir(klass)
        if name.startswith("_") and not name.startswith("__")
    }
    assert not private & set(vars(type(made)))
    with pytest.raises(ValueError, match="mode must be"):
        models.ModelCheckpoint("best.keras", mode="maximum")


@pytest.mark.slow
def test_a_checkpoint_interrupted_while_saving_leaves_no_file(tmp_path, monkeypatch):
    target = tmp_path / "best.keras"
    made = models.ModelCheckpoint(target, save_best_only=False)
    model = models.build_slide_model()
    made.set_model(model)

    def save_half_then_interrupt(filepath, *args, **kwargs):
        Path(filepath).write_bytes(b"PK\x03\x04 half a zip")
        raise KeyboardInterrupt

    monkeypatch.setattr(model, "save", save_half_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        made.on_epoch_end(0, {"val_loss": 1.0})
    assert list(tmp_path.iterdir()) == []  # neither the target nor a temporary file


def _tiny_fit(callback, epochs: int = 3, *, validation: bool = True, learning_rate=3.0):
    """Fit a tiny model for a few epochs with ``callback`` as its only callback.

    The high learning rate makes the validation values go up and down, so that
    ``save_best_only`` saves some epochs and skips others.
    """
    import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")])
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    x = np.random.default_rng(0).random((32, 4), dtype=np.float32)
    y = (x[:, 0] > 0.5).astype(int)
    model.fit(
        x,
        y,
        epochs=epochs,
        batch_size=8,
        validation_data=(x[:12], y[:12]) if validation else None,
        callbacks=[callback],
        verbose=0,
    )
    return model


def _saved_weights(path: Path, weights_only: bool) -> list[np.ndarray]:
    import keras

    if weights_only:
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")])
        model.load_weights(path)
        return model.get_weights()
    return keras.models.load_model(path).get_weights()


CASES = {
    "every epoch": ("ckpt-{epoch:02d}.keras", {}),
    "weights, every epoch": ("w-{epoch}.weights.h5", {"save_weights_only": True}),
    "weights, one file": ("best.weights.h5", {"save_weights_only": True}),
    "best loss": ("best-{epoch:02d}.keras", {"save_best_only": True}),
    "best loss, one file": ("best.keras", {"save_best_only": True}),
    "best accuracy": (
        "acc-{epoch:02d}-{val_accuracy:.2f}.keras",
        {"save_best_only": True, "monitor": "val_accuracy"},
    ),
    "largest loss": ("worst-{epoch:02d}.keras", {"save_best_only": True, "mode": "max"}),
    "a threshold": (
        "t-{epoch:02d}.keras",
        {"save_best_only": True, "initial_value_threshold": 1.5},
    ),
    "no validation values": ("nv-{epoch:02d}.keras", {"save_best_only": True}),
}


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:Can save best model only:UserWarning")
@pytest.mark.filterwarnings("ignore:save_best_only needs:UserWarning")
@pytest.mark.parametrize("case", list(CASES))
def test_checkpoint_writes_what_keras_writes(tmp_path, case):
    """The same files as Keras's own callback, holding the same weights; no file left over."""
    import keras

    name, kwargs = CASES[case]
    validation = case != "no validation values"
    ours, theirs = tmp_path / "ours", tmp_path / "keras"
    for folder, make in ((ours, models.ModelCheckpoint), (theirs, keras.callbacks.ModelCheckpoint)):
        _tiny_fit(make(str(folder / name), **kwargs), 4, validation=validation)
    expected = sorted(p.name for p in theirs.iterdir())
    assert sorted(p.name for p in ours.iterdir()) == expected  # no temporary file left
    weights_only = kwargs.get("save_weights_only", False)
    for file in expected:
        for a, b in zip(
            _saved_weights(ours / file, weights_only),
            _saved_weights(theirs / file, weights_only),
            strict=True,
        ):
            np.testing.assert_allclose(a, b, rtol=1e-6)


@pytest.mark.slow
def test_the_cases_save_different_epochs(tmp_path):
    """The run above makes the cases differ: not every epoch is the best, nor only the first."""
    counts = {}
    for case in ("every epoch", "best loss", "best accuracy", "largest loss", "a threshold"):
        name, kwargs = CASES[case]
        _tiny_fit(models.ModelCheckpoint(str(tmp_path / case / name), **kwargs), 4)
        counts[case] = len(list((tmp_path / case).iterdir()))
    assert counts["every epoch"] == 4
    assert 1 < counts["best loss"] < 4, counts
    assert counts["largest loss"] != counts["best loss"], counts
    assert counts["a threshold"] < counts["best loss"], counts


@pytest.mark.slow
def test_verbose_says_what_was_saved_in_korean(tmp_path, capsys):
    made = models.ModelCheckpoint(str(tmp_path / "best.keras"), save_best_only=True, verbose=1)
    _tiny_fit(made, 4)
    out = capsys.readouterr().out
    assert "에포크 1: val_loss 값이 나아져(" in out and "모델을 저장했습니다: " in out
    assert "값이 나아지지 않아 저장하지 않았습니다" in out
    assert made.best == pytest.approx(min(float(v) for v in made.model.history.history["val_loss"]))


@pytest.mark.slow
def test_a_template_naming_a_missing_value_says_which_values_there_are(tmp_path):
    made = models.ModelCheckpoint(str(tmp_path / "m-{val_acc:.2f}.keras"))
    with pytest.raises(KeyError, match="names {val_acc}.*: epoch, accuracy, loss, val_accuracy"):
        _tiny_fit(made, 1)


_SAVE_TOGETHER = """
import os, sys, time
from pathlib import Path
from cnn_utils import models
model = models.build_slide_model()
checkpoint = models.ModelCheckpoint(sys.argv[1])
checkpoint.set_model(model)
ready = Path(sys.argv[2])
(ready / str(os.getpid())).touch()
while len(list(ready.iterdir())) < 2:  # both processes start saving at the same moment
    time.sleep(0.01)
for epoch in range(20):
    for weights in model.weights:  # every save writes other bytes than the other process's
        weights.assign(weights + (os.getpid() % 97 + epoch) / 1000)
    checkpoint.on_epoch_end(epoch, {"val_loss": 1.0})
"""


@pytest.mark.slow
def test_concurrent_checkpoints_of_one_path_leave_a_valid_file(tmp_path):
    """Two processes saving the same path (chapter 07 open twice) leave a loadable model."""
    target, ready = tmp_path / "models" / "shared.keras", tmp_path / "ready"
    ready.mkdir()
    command = [sys.executable, "-c", _SAVE_TOGETHER, str(target), str(ready)]
    runs = [subprocess.Popen(command, cwd=ROOT) for _ in range(2)]
    assert [run.wait(timeout=300) for run in runs] == [0, 0]
    assert [p.name for p in target.parent.iterdir()] == ["shared.keras"]
    assert models.load_trained_model(target).count_params() == 333_526
