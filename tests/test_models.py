"""Tests of cnn_utils.models: the slide model, training, saving and loading."""

from __future__ import annotations

import dataclasses
import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

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


def test_slide_model_shapes_and_parameters():
    model = models.build_slide_model()
    rows = models.layer_table(model)
    assert [r["class"] for r in rows] == [
        "Conv2D",
        "MaxPooling2D",
        "Conv2D",
        "MaxPooling2D",
        "Flatten",
        "Dense",
        "Dropout",
        "Dense",
    ]
    outputs = [r["output"] for r in rows]
    assert outputs == [
        (None, 28, 28, 32),
        (None, 14, 14, 32),
        (None, 14, 14, 64),
        (None, 7, 7, 64),
        (None, 3136),
        (None, 100),
        (None, 100),
        (None, 10),
    ]
    assert outputs == [(None, *shape) for shape in models.expected_shapes()]
    assert [r["params"] for r in rows] == [320, 0, 18496, 0, 0, 313700, 0, 1010]
    assert [p for _, _, p in models.expected_params()] == [r["params"] for r in rows if r["params"]]
    assert model.count_params() == 333526


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


def _bad_files(tmp_path: Path, good: Path) -> dict[str, Path]:
    truncated = tmp_path / "truncated.keras"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    text = tmp_path / "text.keras"
    text.write_text("not a model", encoding="utf-8")
    pickle_like = tmp_path / "model.pkl"
    pickle_like.write_bytes(b"\x80\x04N.")
    empty_zip = tmp_path / "empty.keras"
    with zipfile.ZipFile(empty_zip, "w") as z:
        z.writestr("readme.txt", "no model in here")
    return {
        "truncated": truncated,
        "text": text,
        "pickle": pickle_like,
        "empty zip": empty_zip,
        "missing": tmp_path / "missing.keras",
    }


@pytest.fixture(scope="module")
def saved_model(tmp_path_factory):
    path = tmp_path_factory.mktemp("good") / "slide.keras"
    models.build_slide_model().save(path)
    return path


@pytest.mark.parametrize(
    "kind,message",
    [
        ("truncated", "not a valid .keras file"),
        ("text", "not a valid .keras file"),
        ("pickle", "only Keras's .keras format is loaded"),
        ("empty zip", "Keras could not load it"),
        ("missing", "no such file"),
    ],
)
def test_bad_model_files_say_which_file_and_how_to_fix(tmp_path, saved_model, kind, message):
    path = _bad_files(tmp_path, saved_model)[kind]
    with pytest.raises(models.ModelFileError, match=message) as err:
        models.load_trained_model(path)
    assert str(path) in str(err.value)
    assert "chapter 07" in str(err.value)


def test_a_different_network_is_refused(tmp_path):
    import keras

    other = keras.Sequential(
        [keras.Input((28, 28, 1)), keras.layers.Flatten(), keras.layers.Dense(10)]
    )
    path = tmp_path / "other.keras"
    other.save(path)
    with pytest.raises(models.ModelFileError, match="different network"):
        models.load_trained_model(path)


def test_load_or_train_retrains_over_a_corrupt_file(tmp_path, capsys, monkeypatch):
    path = tmp_path / "slide_cnn_quick.keras"
    path.write_bytes(b"PK\x03\x04 broken")
    monkeypatch.setattr(
        models,
        "QUICK_SETTING",
        dataclasses.replace(models.QUICK_SETTING, train_images=256, validation_images=128),
    )
    model, lab = models.load_or_train_model(path, quick=True)
    out = capsys.readouterr().out
    reason = next(line for line in out.splitlines() if "이유:" in line)
    assert "새로 훈련합니다" in out and "파일이 손상되었거나 중간에 잘렸습니다" in reason
    # a student watching sees progress and an estimate, not a silent cell
    assert "훈련을 시작합니다" in out and "처음 배치" in out and "에포크 1/2:" in out
    assert "남은 시간 약" in out and "훈련한 모델을 저장했습니다" in out
    # in Korean, and no advice to call the function that is already running
    assert "load_or_train_model" not in out and "Delete" not in reason
    assert zipfile.is_zipfile(path)
    model2, _ = models.load_or_train_model(path, quick=True)
    assert "불러왔습니다" in capsys.readouterr().out
    np.testing.assert_allclose(
        model2.predict(lab.x_test[:8], verbose=0),
        model.predict(lab.x_test[:8], verbose=0),
        atol=1e-6,
    )


@pytest.fixture
def instant_training(monkeypatch):
    """load_or_train_model with training replaced by an untrained slide model (these tests are
    about where the model goes, not about training)."""
    trained = []

    def train(lab, setting, **kwargs):
        trained.append(kwargs)
        print("<training>")
        return models.build_slide_model(), {}, []

    monkeypatch.setattr(models, "train_slide_model", train)
    monkeypatch.setattr(models, "prepare_data", lambda setting, verbose=True: None)
    return trained


def test_a_folder_that_cannot_be_written_is_found_before_training(
    tmp_path, capsys, monkeypatch, instant_training
):
    """Read-only: said in Korean before training, the model is kept in memory, nothing raised."""
    folder = tmp_path / "models"
    real_mkdir = Path.mkdir

    def read_only(self, *args, **kwargs):
        if self == folder or folder in self.parents:
            raise PermissionError(30, "Read-only file system")
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", read_only)
    assert "Read-only file system" in models.folder_problem(folder)
    model, _ = models.load_or_train_model(folder / "slide_cnn_quick.keras", quick=True)
    out = capsys.readouterr().out
    assert model.count_params() == 333526 and len(instant_training) == 1
    assert "모델을 저장할 수 없습니다" in out and "이 런타임에만 있습니다" in out
    assert out.index("저장할 수 없습니다") < out.index("<training>")  # said before, not after
    assert "저장했습니다" not in out and not folder.exists()


def test_a_save_that_fails_keeps_the_model_and_says_so(
    tmp_path, capsys, monkeypatch, instant_training
):
    """The disk fills up while training: the trained model is not lost, the chapter goes on."""

    def disk_full(model, path, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(models, "save_model_atomically", disk_full)
    path = tmp_path / "models" / "slide_cnn_quick.keras"
    model, _ = models.load_or_train_model(path, quick=True)
    out = capsys.readouterr().out
    assert model.count_params() == 333526
    assert "훈련한 모델을 저장하지 못했습니다(No space left on device)" in out
    assert "이 장은 계속됩니다" in out and not path.exists()
    assert not list(path.parent.iterdir())  # no temporary file left


def test_model_path_separates_quick_and_full():
    assert models.model_path(True) != models.model_path(False)
    assert models.model_path(False).parent == ROOT / "data" / "models"


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


# ------------------------------------------------------------------ careless input


@pytest.mark.parametrize(
    "name,use",
    [("best-cnn-model.h5", "best-cnn-model.keras"), ("best-cnn-model", "best-cnn-model.keras")],
)
def test_a_path_that_is_not_keras_is_refused_before_training(tmp_path, name, use, monkeypatch):
    monkeypatch.setattr(models, "train_slide_model", lambda *a, **k: pytest.fail("trained"))
    with pytest.raises(ValueError, match=f"path must end in .keras .*use '.*{use}'"):
        models.load_or_train_model(tmp_path / name, quick=True, verbose=False)


def test_a_folder_named_like_a_model_is_reported_as_a_folder(tmp_path, monkeypatch):
    folder = tmp_path / "x.keras"
    folder.mkdir()
    monkeypatch.setattr(models, "train_slide_model", lambda *a, **k: pytest.fail("trained"))
    with pytest.raises(ValueError, match="is a folder, not a model file"):
        models.load_or_train_model(folder, quick=True, verbose=False)
    with pytest.raises(models.ModelFileError, match="a folder, not a model file"):
        models.load_trained_model(folder)


@pytest.mark.parametrize(
    "change,message",
    [
        ({"input_shape": (32, 32, 3)}, r"inputs of shape \(32, 32, 3\)"),
        ({"use_bias": False}, "different network"),
    ],
)
def test_a_slide_like_model_with_another_input_or_no_bias_is_refused(tmp_path, change, message):
    import keras

    shape = change.get("input_shape", (28, 28, 1))
    bias = change.get("use_bias", True)
    model = keras.Sequential([keras.Input(shape)])
    for layer in models.build_slide_model().layers:
        config = layer.get_config()
        if "use_bias" in config:
            config["use_bias"] = bias
        model.add(type(layer).from_config(config))
    path = tmp_path / "look-alike.keras"
    model.save(path)
    with pytest.raises(models.ModelFileError, match=message):
        models.load_trained_model(path)


def test_a_checkpoint_interrupted_while_saving_leaves_no_file(tmp_path, monkeypatch):
    import keras

    target = tmp_path / "best.keras"
    checkpoint = models.ModelCheckpoint(target, save_best_only=False)
    model = models.build_slide_model()
    checkpoint.set_model(model)

    def save_half_then_interrupt(filepath, *args, **kwargs):
        Path(filepath).write_bytes(b"PK\x03\x04 half a zip")
        raise KeyboardInterrupt

    monkeypatch.setattr(model, "save", save_half_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        checkpoint.on_epoch_end(0, {"val_loss": 1.0})
    assert list(tmp_path.iterdir()) == []  # neither the target nor a temporary file
    assert isinstance(checkpoint, keras.callbacks.ModelCheckpoint)


def _tiny_fit(model_checkpoint, epochs: int = 3):
    """Fit a tiny model for a few epochs with ``model_checkpoint`` as its only callback."""
    import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    x = np.random.default_rng(0).random((32, 4), dtype=np.float32)
    y = (x[:, 0] > 0.5).astype(int)
    model.fit(x, y, epochs=epochs, validation_data=(x, y), callbacks=[model_checkpoint], verbose=0)
    return model


@pytest.mark.parametrize(
    "name, expected",
    [
        ("ckpt-{epoch:02d}.keras", ["ckpt-01.keras", "ckpt-02.keras", "ckpt-03.keras"]),
        ("w-{epoch}.weights.h5", ["w-1.weights.h5", "w-2.weights.h5", "w-3.weights.h5"]),
        ("best.weights.h5", ["best.weights.h5"]),
    ],
)
def test_checkpoint_writes_what_keras_writes(tmp_path, name, expected):
    """File-name templates and .weights.h5 work as in Keras's own callback; no file is left over."""
    import keras

    ours, theirs = tmp_path / "ours", tmp_path / "keras"
    weights_only = name.endswith(".weights.h5")
    _tiny_fit(models.ModelCheckpoint(str(ours / name), save_weights_only=weights_only))
    _tiny_fit(keras.callbacks.ModelCheckpoint(str(theirs / name), save_weights_only=weights_only))
    assert sorted(p.name for p in theirs.iterdir()) == expected
    assert sorted(p.name for p in ours.iterdir()) == expected  # no temporary file left


def test_checkpoint_template_with_metrics_keeps_every_best_file(tmp_path):
    checkpoint = models.ModelCheckpoint(
        str(tmp_path / "best-{epoch:02d}-{val_loss:.2f}.keras"), save_best_only=True
    )
    _tiny_fit(checkpoint, epochs=3)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) >= 2 and all(n.startswith("best-0") for n in names), names
    assert checkpoint.filepath.endswith("best-{epoch:02d}-{val_loss:.2f}.keras")


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


def test_concurrent_checkpoints_of_one_path_leave_a_valid_file(tmp_path):
    """Two processes saving the same path (chapter 07 open twice) leave a loadable model."""
    target, ready = tmp_path / "models" / "shared.keras", tmp_path / "ready"
    ready.mkdir()
    command = [sys.executable, "-c", _SAVE_TOGETHER, str(target), str(ready)]
    runs = [subprocess.Popen(command, cwd=ROOT) for _ in range(2)]
    assert [run.wait(timeout=300) for run in runs] == [0, 0]
    assert [p.name for p in target.parent.iterdir()] == ["shared.keras"]
    assert models.load_trained_model(target).count_params() == 333_526
