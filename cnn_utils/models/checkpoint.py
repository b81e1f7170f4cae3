"""Saving a model so that its file is never half-written, and the checkpoint callback (07, 08).

A model is written under a temporary name beside its file, then renamed over
the file in one step (:func:`save_model_atomically`): stopped at any moment,
the file holds the last complete model or nothing, so chapter 08 never finds
a damaged model. :func:`ModelCheckpoint` is Keras's ``ModelCheckpoint`` on
that save, written on Keras's public callback API only (``Callback``,
``on_epoch_end``, ``self.model``), so that it works the same on the book's
Keras and on Colab's. The rules it follows (file-name templates, which
direction of the monitored value is better, when to save) are the small pure
functions below it.
"""

from __future__ import annotations

import functools
import os
import string
import uuid
import warnings
from pathlib import Path

from cnn_utils.environment import require_keras

#: The endings of a whole-model file Keras writes (``.h5`` is Keras's older format).
MODEL_ENDINGS = (".keras", ".h5")
#: The ending of a weights-only file.
WEIGHTS_ENDING = ".weights.h5"
#: Words in a monitored name whose smaller values are better (mode 'auto').
SMALLER_IS_BETTER = (
    "loss",
    "error",
    "crossentropy",
    "hinge",
    "divergence",
    "logcosh",
    "poisson",
    "mse",
    "mae",
    "mape",
    "msle",
)
#: Words in a monitored name whose larger values are better (mode 'auto').
LARGER_IS_BETTER = ("acc", "auc", "precision", "recall", "iou", "f1", "fbeta", "r2", "similarity")


def checkpoint_suffix(name: str) -> str:
    """The ending Keras requires of a checkpoint file: ``.weights.h5``, ``.keras`` or ``.h5``.

    Examples
    --------
    >>> checkpoint_suffix("best.weights.h5"), checkpoint_suffix("ckpt-{epoch:02d}.keras")
    ('.weights.h5', '.keras')
    """
    return ".weights.h5" if name.endswith(".weights.h5") else Path(name).suffix


def _temporary_sibling(target: Path) -> Path:
    """A hidden name beside ``target`` that no other save uses, with the same ending.

    Examples
    --------
    >>> a, b = _temporary_sibling(Path("m/best.weights.h5")), _temporary_sibling(Path("m/best.weights.h5"))
    >>> a != b, a.parent.name, a.name.startswith(".best.weights.h5."), a.name.endswith(".weights.h5")
    (True, 'm', True, True)
    """  # noqa: E501 (doctest line)
    tag = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
    return target.with_name(f".{target.name}.{tag}.saving{checkpoint_suffix(target.name)}")


def save_model_atomically(model, path: Path | str, *, weights_only: bool = False) -> Path:
    """Save ``model`` to ``path`` so that ``path`` never holds a half-written file (07, 08).

    The model is written under a temporary name beside ``path`` that no other
    save uses (two kernels may save the same path at once), then renamed over
    ``path`` in one step: stopped at any moment, ``path`` holds the last complete
    model or nothing. The temporary file is removed on any failure (a full disk,
    KeyboardInterrupt), and the failure is raised.

    Examples
    --------
    >>> import tempfile
    >>> from cnn_utils.models import build_slide_model
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     saved = save_model_atomically(build_slide_model(), Path(folder) / "m.keras")
    ...     sorted(p.name for p in saved.parent.iterdir())
    ['m.keras']
    """
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(
            f"{target} is a folder; give a file path ending in {checkpoint_suffix(target.name)}"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_sibling(target)
    try:
        if weights_only:
            model.save_weights(str(temporary), overwrite=True)
        else:
            model.save(str(temporary), overwrite=True)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target


def folder_problem(folder: Path | str) -> str | None:
    """Why a model cannot be saved in ``folder``, in Korean, or None when it can (chapter 08).

    The folder is made if it is missing, and a small file is written and removed:
    a read-only folder or a full disk shows up here, before minutes of training.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     folder_problem(Path(folder) / "models") is None
    True
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = _temporary_sibling(folder / "write-check.keras")
        probe.write_bytes(b"\0" * 4096)
        probe.unlink()
    except OSError as e:
        return f"{folder}에 쓸 수 없습니다({e.strerror or type(e).__name__})"
    return None


def _with_ending(path: str, ending: str) -> str:
    """``path`` with its checkpoint ending (or last suffix) replaced by ``ending``."""
    old = checkpoint_suffix(Path(path).name)
    return (path[: -len(old)] if old else path) + ending


def check_checkpoint_path(filepath, *, save_weights_only: bool = False) -> str:
    """``filepath`` as a string a checkpoint can save to, or a ValueError saying what to use.

    A whole model goes to a name ending in ``.keras`` (or Keras's older ``.h5``),
    weights alone (``save_weights_only=True``) to one ending in ``.weights.h5``.
    Values are written into the name as :meth:`str.format` fields:
    ``{epoch:02d}`` (the epoch, counted from 1) and any value of the epoch's
    logs, e.g. ``{val_loss:.2f}``; ``{{`` and ``}}`` are literal braces.

    Examples
    --------
    >>> check_checkpoint_path(Path("models/best-{epoch:02d}.keras"))
    'models/best-{epoch:02d}.keras'
    >>> check_checkpoint_path("best.h5", save_weights_only=True)
    Traceback (most recent call last):
    ...
    ValueError: save_weights_only=True saves weights alone, to a name ending in .weights.h5; got 'best.h5', use 'best.weights.h5'
    >>> check_checkpoint_path("best.weights.h5")
    Traceback (most recent call last):
    ...
    ValueError: 'best.weights.h5' ends in .weights.h5, a file of weights alone: pass save_weights_only=True, or use 'best.keras' to save the whole model
    >>> check_checkpoint_path("best-{epoch:02d.keras")
    Traceback (most recent call last):
    ...
    ValueError: filepath 'best-{epoch:02d.keras' is not a valid name template (unmatched '{' in format spec); write values as {epoch:02d} or {val_loss:.2f}, and a brace itself as {{ or }}
    """  # noqa: E501 (doctest output lines are data)
    if not isinstance(filepath, (str, os.PathLike)):
        raise TypeError(
            f"filepath must be a file name (str or Path), got {type(filepath).__name__}"
        )
    path = os.fspath(filepath)
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(path) if field is not None]
    except ValueError as e:
        raise ValueError(
            f"filepath {path!r} is not a valid name template ({e}); write values as "
            "{epoch:02d} or {val_loss:.2f}, and a brace itself as {{ or }}"
        ) from None
    if save_weights_only and not path.endswith(WEIGHTS_ENDING):
        raise ValueError(
            f"save_weights_only=True saves weights alone, to a name ending in {WEIGHTS_ENDING}; "
            f"got {path!r}, use {_with_ending(path, WEIGHTS_ENDING)!r}"
        )
    if not save_weights_only and path.endswith(WEIGHTS_ENDING):
        raise ValueError(
            f"{path!r} ends in {WEIGHTS_ENDING}, a file of weights alone: pass "
            f"save_weights_only=True, or use {_with_ending(path, '.keras')!r} to save the "
            "whole model"
        )
    if not save_weights_only and not path.endswith(MODEL_ENDINGS):
        raise ValueError(
            f"a checkpoint of the whole model is a .keras file; got {path!r}, use "
            f"{_with_ending(path, '.keras')!r}"
        )
    if not fields and Path(path).is_dir():
        raise ValueError(
            f"filepath {path!r} is a folder, not a file: give a file name inside it, e.g. "
            f"{os.path.join(path, 'best' + checkpoint_suffix(path))!r}"
        )
    return path


def checkpoint_file(template: str, epoch: int, logs: dict) -> Path:
    """The file a checkpoint writes at the end of ``epoch`` (counted from 0, as Keras passes it).

    ``{epoch}`` in ``template`` is the epoch counted from 1, as Keras prints it;
    the other fields are values of ``logs``.

    Examples
    --------
    >>> checkpoint_file("ckpt-{epoch:02d}-{val_loss:.2f}.keras", 0, {"val_loss": 0.3141})
    PosixPath('ckpt-01-0.31.keras')
    >>> checkpoint_file("ckpt-{val_acc:.2f}.keras", 0, {"loss": 0.5, "val_loss": 0.3})
    Traceback (most recent call last):
    ...
    KeyError: "filepath 'ckpt-{val_acc:.2f}.keras' names {val_acc}, which is not among this epoch's values: epoch, loss, val_loss"
    """  # noqa: E501 (doctest output lines are data)
    try:
        return Path(template.format(**{**logs, "epoch": epoch + 1}))
    except KeyError as e:
        values = ", ".join(["epoch", *sorted(logs)])
        raise KeyError(
            f"filepath {template!r} names {{{e.args[0]}}}, which is not among this epoch's "
            f"values: {values}"
        ) from None
    except (ValueError, IndexError) as e:
        raise ValueError(f"filepath {template!r} cannot be filled in ({e})") from None


def monitor_direction(monitor: str, mode: str = "auto") -> str:
    """``'min'`` when a smaller ``monitor`` is better, ``'max'`` when a larger one is.

    ``mode`` 'min' or 'max' is taken as given. 'auto' reads the name (without
    ``val_``): losses and errors are better smaller, accuracy and the like
    larger; for any other name it asks for 'min' or 'max'.

    Examples
    --------
    >>> monitor_direction("val_loss"), monitor_direction("val_accuracy")
    ('min', 'max')
    >>> monitor_direction("val_accuracy", "min")
    'min'
    >>> monitor_direction("val_score")
    Traceback (most recent call last):
    ...
    ValueError: cannot tell whether a larger or a smaller val_score is better: pass mode='max' or mode='min'
    """  # noqa: E501 (doctest output lines are data)
    if mode not in ("auto", "min", "max"):
        raise ValueError(f"mode must be 'auto', 'min' or 'max', got {mode!r}")
    if mode != "auto":
        return mode
    name = monitor.removeprefix("val_")
    if any(word in name for word in SMALLER_IS_BETTER):
        return "min"
    if any(word in name for word in LARGER_IS_BETTER):
        return "max"
    raise ValueError(
        f"cannot tell whether a larger or a smaller {monitor} is better: pass mode='max' or "
        "mode='min'"
    )


def improves(current: float, best: float | None, direction: str) -> bool:
    """Whether ``current`` is better than ``best`` (None: nothing yet, so it is).

    NaN never improves (Keras saves a first epoch whose value is NaN).

    Examples
    --------
    >>> improves(0.3, None, "min"), improves(0.3, 0.4, "min"), improves(0.3, 0.4, "max")
    (True, True, False)
    >>> improves(float("nan"), 0.4, "min")
    False
    """
    if best is None:
        return current == current  # False for NaN
    return current < best if direction == "min" else current > best


def ModelCheckpoint(  # noqa: N802 (reads like the Keras class whose arguments it takes)
    filepath,
    monitor: str = "val_loss",
    verbose: int = 0,
    save_best_only: bool = False,
    save_weights_only: bool = False,
    mode: str = "auto",
    save_freq: str = "epoch",
    initial_value_threshold: float | None = None,
):
    """Keras's ``ModelCheckpoint`` that never leaves a half-written file (chapter 07).

    Chapter 07 uses it exactly as the slides use ``keras.callbacks.ModelCheckpoint``
    and it takes the same arguments: at the end of every epoch it saves the
    model to ``filepath`` (:func:`check_checkpoint_path`: a ``.keras`` file, or
    ``.weights.h5`` with ``save_weights_only``; ``{epoch:02d}`` and
    ``{val_loss:.2f}`` fill in the epoch and its values), with ``save_best_only``
    only when ``monitor`` is better than its best so far (``mode``:
    :func:`monitor_direction`; ``initial_value_threshold``: the best to beat at
    first). Each save is :func:`save_model_atomically`: a temporary name, then
    a rename, so a run stopped while saving never leaves a damaged model for
    chapter 08. With ``verbose=1`` it says what it did after each epoch, in Korean.

    It differs from Keras's only where Keras would go on with a mistake: an
    unknown ``mode`` is an error (Keras falls back to 'auto'), and so is
    ``save_freq`` other than "epoch" (use Keras's own callback to save every so
    many batches). Without ``monitor`` in an epoch's values, ``save_best_only``
    warns and saves, as Keras does.

    Examples
    --------
    >>> checkpoint = ModelCheckpoint("best.keras", save_best_only=True)
    >>> type(checkpoint).__name__, checkpoint.monitor, checkpoint.direction
    ('ModelCheckpoint', 'val_loss', 'min')
    >>> ModelCheckpoint("best.keras", save_freq=100)
    Traceback (most recent call last):
    ...
    ValueError: save_freq must be "epoch" (a save after every epoch), got 100; keras.callbacks.ModelCheckpoint saves every so many batches
    """  # noqa: E501 (doctest output lines are data)
    return checkpoint_class()(
        filepath,
        monitor=monitor,
        verbose=verbose,
        save_best_only=save_best_only,
        save_weights_only=save_weights_only,
        mode=mode,
        save_freq=save_freq,
        initial_value_threshold=initial_value_threshold,
    )


@functools.cache
def checkpoint_class() -> type:
    """The Keras callback class :func:`ModelCheckpoint` makes, made once Keras is imported.

    Made on first use, so that importing :mod:`cnn_utils.models` does not
    import TensorFlow. It subclasses ``keras.callbacks.Callback`` and uses only
    its public hooks.

    Examples
    --------
    >>> import keras
    >>> issubclass(checkpoint_class(), keras.callbacks.Callback)
    True
    """
    keras = require_keras()

    class ModelCheckpoint(keras.callbacks.Callback):  # noqa: N801 (Keras's name)
        """See :func:`cnn_utils.models.ModelCheckpoint`: its arguments, its behaviour."""

        def __init__(
            self,
            filepath,
            monitor="val_loss",
            verbose=0,
            save_best_only=False,
            save_weights_only=False,
            mode="auto",
            save_freq="epoch",
            initial_value_threshold=None,
        ):
            super().__init__()
            if save_freq != "epoch":
                raise ValueError(
                    f'save_freq must be "epoch" (a save after every epoch), got {save_freq!r}; '
                    "keras.callbacks.ModelCheckpoint saves every so many batches"
                )
            self.filepath = check_checkpoint_path(filepath, save_weights_only=save_weights_only)
            self.monitor = monitor
            self.verbose = verbose
            self.save_best_only = save_best_only
            self.save_weights_only = save_weights_only
            self.mode = mode
            self.save_freq = save_freq
            monitor_direction("loss", mode)  # an unknown mode is an error even when unused
            self.direction = monitor_direction(monitor, mode) if save_best_only else None
            self.best = None if initial_value_threshold is None else float(initial_value_threshold)

        def on_epoch_end(self, epoch, logs=None):
            logs = dict(logs or {})
            target = checkpoint_file(self.filepath, epoch, logs)
            line = self.decide(epoch, logs)
            if line is None:
                return
            save_model_atomically(self.model, target, weights_only=self.save_weights_only)
            if self.verbose > 0:
                print(f"\n에포크 {epoch + 1}: {line} 저장했습니다: {target}")

        def decide(self, epoch, logs) -> str | None:
            """Why this epoch is saved (words for the verbose line), or None when it is not."""
            if not self.save_best_only:
                return "모델을"
            current = logs.get(self.monitor)
            try:
                current = float(current)
            except (TypeError, ValueError):
                warnings.warn(
                    f"save_best_only needs {self.monitor} as one number in the epoch's values "
                    f"({', '.join(sorted(logs)) or 'none'}); the model is saved every epoch",
                    stacklevel=2,
                )
                return "모델을"
            before = self.best
            if not improves(current, before, self.direction):
                if self.verbose > 0:
                    best = "없음" if before is None else f"{before:.5f}"
                    print(
                        f"\n에포크 {epoch + 1}: {self.monitor} 값이 나아지지 않아 저장하지 "
                        f"않았습니다(이번 값 {current:.5f}, 가장 좋은 값 {best})."
                    )
                return None
            self.best = current
            change = f"{current:.5f}" if before is None else f"{before:.5f} → {current:.5f}"
            return f"{self.monitor} 값이 나아져({change}) 모델을"

    return ModelCheckpoint
