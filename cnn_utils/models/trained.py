"""The trained slide model's file: where it is, loading and checking it, or training it anew (08).

Models are saved in Keras's own ``.keras`` format only and loaded with
``safe_mode=True``: no pickle, no code from the file is run. Chapter 08 starts
with :func:`load_or_train_model`, so it runs alone in a fresh kernel.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from cnn_utils import data as data_mod
from cnn_utils.environment import quick_mode, require_keras
from cnn_utils.models.checkpoint import folder_problem, save_model_atomically
from cnn_utils.models.setting import smoothed_loss_class, training_setting
from cnn_utils.models.slide import SLIDE_INPUT, architecture, build_slide_model, expected_params
from cnn_utils.models.training import prepare_data, train_slide_model


class ModelFileError(RuntimeError):
    """A saved model file is missing or unusable (the message says how to fix it).

    ``korean`` says what is wrong in Korean, for the line chapter 08 prints
    when it trains a new model instead.
    """

    def __init__(self, message: str, korean: str):
        super().__init__(message)
        self.korean = korean


def _check_model_path(path) -> Path:
    """``path`` as a Path ending in .keras and not a folder, or a ValueError saying what to use."""
    path = Path(path)
    if path.suffix != ".keras":
        raise ValueError(
            f"path must end in .keras (Keras's own safe format), got {str(path)!r}; "
            f"use {str(path.with_suffix('.keras'))!r}"
        )
    if path.is_dir():
        raise ValueError(
            f"path {str(path)!r} is a folder, not a model file: rename or delete the "
            "folder, or give another file name ending in .keras"
        )
    return path


def model_path(quick: bool | None = None) -> Path:
    """Where chapter 07 saves the trained model and chapter 08 looks for it.

    Quick mode keeps its own file, so a model trained on a subset is never
    taken for the real one.

    Examples
    --------
    >>> model_path(quick=False).name, model_path(quick=True).name
    ('slide_cnn.keras', 'slide_cnn_quick.keras')
    >>> model_path(quick=False).parent.name
    'models'
    """
    quick = quick_mode() if quick is None else quick
    return (
        data_mod.data_root() / "models" / ("slide_cnn_quick.keras" if quick else "slide_cnn.keras")
    )


def load_trained_model(path: Path | str):
    """Load a saved slide model, checking it first; raise :class:`ModelFileError` if unusable.

    Only ``.keras`` files are read, with ``safe_mode=True``; the model must be
    the slide model: the same layers, input shape (28, 28, 1) and number of
    parameters (333,526). The error names the file, says what is wrong and how
    to get a good one.

    Examples
    --------
    >>> load_trained_model("/nonexistent/model.keras")
    Traceback (most recent call last):
    ...
    cnn_utils.models.trained.ModelFileError: /nonexistent/model.keras: no such file. ...
    """
    path = Path(path)
    fix = "Delete it and run chapter 07 to train and save the model again."

    def fail(problem: str, korean: str):
        return ModelFileError(f"{path}: {problem}. {fix}", korean)

    if path.is_dir():
        raise fail("a folder, not a model file", "모델 파일이 아니라 폴더입니다")
    if not path.is_file():
        raise ModelFileError(
            f"{path}: no such file. Run chapter 07 to train and save the model.",
            "7장에서 저장한 모델 파일이 없습니다",
        )
    if path.suffix != ".keras":
        raise fail(
            "only Keras's .keras format is loaded (safe, no pickle)",
            "케라스의 .keras 형식 파일만 불러옵니다",
        )
    if not zipfile.is_zipfile(path):
        raise fail(
            "not a valid .keras file (a .keras file is a zip archive; this one is damaged "
            "or cut short)",
            "파일이 손상되었거나 중간에 잘렸습니다",
        )
    keras = require_keras()
    try:
        smoothed_loss_class()  # registers the loss a saved model may name
        model = keras.models.load_model(path, safe_mode=True)
    except Exception as e:  # Keras raises many types for damaged or foreign files
        raise fail(
            f"Keras could not load it ({type(e).__name__}: {str(e)[:200]}); it may be "
            "damaged or saved by an incompatible Keras version",
            "케라스가 이 파일을 읽지 못했습니다(손상되었거나 다른 케라스 버전으로 저장됨)",
        ) from e
    if architecture(model) != architecture(build_slide_model()):
        raise fail(
            "holds a different network, not the slide model",
            "슬라이드의 모델과 다른 신경망이 들어 있습니다",
        )
    if tuple(model.input_shape[1:]) != SLIDE_INPUT:
        raise fail(
            f"the network takes inputs of shape {tuple(model.input_shape[1:])}, not {SLIDE_INPUT}",
            f"입력 모양이 {SLIDE_INPUT}가 아닙니다",
        )
    expected = sum(params for _, _, params in expected_params())
    if model.count_params() != expected:
        raise fail(
            f"holds {model.count_params():,} parameters, not the slide model's {expected:,}",
            f"파라미터 개수가 {expected:,}개가 아닙니다",
        )
    return model


def load_or_train_model(
    path: Path | str | None = None, *, quick: bool | None = None, verbose: bool = True
):
    """The trained slide model: loaded from ``path``, or trained and saved there.

    Chapter 08 starts with this, so it runs alone in a fresh kernel: when
    chapter 07's file is missing, damaged or incompatible, it says so in Korean
    and trains the model the same way (quick or full mode), printing its
    progress with time estimates, then saves it (the weights of the epoch with
    the lowest validation loss, which early stopping restores). A folder that
    cannot be written is found before training; a save that fails (a full disk)
    is reported in Korean and the chapter goes on with the model in memory. ``path`` must end
    in ``.keras`` and must not be a folder: that is checked before anything
    is trained (a model saved under another name could never be loaded back).

    Returns ``(model, lab)``: the model and the data it was trained on.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "slide_cnn_quick.keras"
    ...     build_slide_model().save(path)
    ...     model, lab = load_or_train_model(path, quick=True, verbose=False)
    >>> model.count_params(), lab.x_train.shape
    (333526, (4000, 28, 28, 1))
    >>> load_or_train_model("best-cnn-model.h5", quick=True)
    Traceback (most recent call last):
    ...
    ValueError: path must end in .keras (Keras's own safe format), got 'best-cnn-model.h5'; use 'best-cnn-model.keras'
    """  # noqa: E501 (doctest output lines are data)
    quick = quick_mode() if quick is None else quick
    path = _check_model_path(path if path is not None else model_path(quick))
    setting = training_setting(quick)
    lab = prepare_data(setting, verbose=verbose)
    try:
        model = load_trained_model(path)
        if verbose:
            print(f"7장에서 저장한 모델을 불러왔습니다: {path}")
    except ModelFileError as e:
        if verbose:
            print(
                f"저장된 모델({path})을 쓸 수 없어 새로 훈련합니다 "
                f"({'빠른 모드' if quick else '전체 모드'})."
            )
            print(f"  이유: {e.korean}.")
        problem = folder_problem(path.parent)  # before minutes of training, not after
        if problem and verbose:
            print(f"  모델을 저장할 수 없습니다: {problem}. 훈련한 모델은 이 런타임에만 있습니다.")
        model, _, _ = train_slide_model(lab, setting, progress=verbose)
        if problem is None:
            try:
                save_model_atomically(model, path)
            except OSError as error:  # the disk filled up while training
                if verbose:
                    print(
                        f"훈련한 모델을 저장하지 못했습니다({error.strerror or error}). 모델은 "
                        "메모리에 있으므로 이 장은 계속됩니다. 다음에 이 장을 열면 다시 훈련합니다."
                    )
            else:
                if verbose:
                    print(f"훈련한 모델을 저장했습니다: {path}")
    return model, lab
