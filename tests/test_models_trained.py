"""Tests of cnn_utils.models.trained: the trained file, checked when loaded or trained anew."""

from __future__ import annotations

import dataclasses
import importlib.util
import zipfile
from pathlib import Path

import numpy as np
import pytest

if importlib.util.find_spec("tensorflow") is None:  # found, not imported: collection stays fast
    pytest.skip("TensorFlow is not installed", allow_module_level=True)

from cnn_utils import models  # noqa: E402
from cnn_utils.models import setting, trained  # noqa: E402
from tests.helpers import ROOT  # noqa: E402

# Every test here imports TensorFlow or trains: `make test-fast` leaves them to `make test`.
pytestmark = pytest.mark.slow


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
        setting,
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
    runs = []

    def train(lab, setting, **kwargs):
        runs.append(kwargs)
        print("<training>")
        return models.build_slide_model(), {}, []

    monkeypatch.setattr(trained, "train_slide_model", train)
    monkeypatch.setattr(trained, "prepare_data", lambda setting, verbose=True: None)
    return runs


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

    monkeypatch.setattr(trained, "save_model_atomically", disk_full)
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


# ------------------------------------------------------------------ careless input


@pytest.mark.parametrize(
    "name,use",
    [("best-cnn-model.h5", "best-cnn-model.keras"), ("best-cnn-model", "best-cnn-model.keras")],
)
def test_a_path_that_is_not_keras_is_refused_before_training(tmp_path, name, use, monkeypatch):
    monkeypatch.setattr(trained, "train_slide_model", lambda *a, **k: pytest.fail("trained"))
    with pytest.raises(ValueError, match=f"path must end in .keras .*use '.*{use}'"):
        models.load_or_train_model(tmp_path / name, quick=True, verbose=False)


def test_a_folder_named_like_a_model_is_reported_as_a_folder(tmp_path, monkeypatch):
    folder = tmp_path / "x.keras"
    folder.mkdir()
    monkeypatch.setattr(trained, "train_slide_model", lambda *a, **k: pytest.fail("trained"))
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
