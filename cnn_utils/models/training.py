"""Training the slide model: its data, the run, its progress and what its history says (07, 08).

Chapter 07 trains the model cell by cell as the slides write it; these are the
same steps as functions, so that chapter 08 (and the benchmark) can train the
model without chapter 07. The settings are in :mod:`cnn_utils.models.setting`.
"""

from __future__ import annotations

import functools
import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cnn_utils import data as data_mod
from cnn_utils.environment import import_tensorflow_quietly, require_keras
from cnn_utils.models.checkpoint import ModelCheckpoint
from cnn_utils.models.setting import BOOK_SETTING, TrainingSetting, training_setting
from cnn_utils.models.slide import build_slide_model


@dataclass
class LabData:
    """Model-ready Fashion-MNIST: scaled to [0, 1], shape (N, 28, 28, 1)."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def prepare_data(setting: TrainingSetting | None = None, *, verbose: bool = True) -> LabData:
    """Load Fashion-MNIST, scale it and split off the course's validation set.

    The training and validation sets are cut as ``setting`` says
    (:meth:`TrainingSetting.select`; default :func:`training_setting`); the
    test set stays whole. These are chapter 07's first steps.

    Examples
    --------
    >>> from cnn_utils.models import QUICK_SETTING
    >>> lab = prepare_data(QUICK_SETTING, verbose=False)
    >>> lab.x_train.shape, lab.x_test.shape
    ((4000, 28, 28, 1), (10000, 28, 28, 1))
    """
    setting = training_setting() if setting is None else setting
    (x, y), (x_test, y_test) = data_mod.load_fashion_mnist(verbose=verbose)
    (x_train, y_train), (x_val, y_val) = data_mod.train_validation_split(x, y)
    x_train, y_train, x_val, y_val = setting.select(x_train, y_train, x_val, y_val)
    scale = data_mod.scale_images
    return LabData(scale(x_train), y_train, scale(x_val), y_val, scale(x_test), y_test)


def compile_model(model, setting: TrainingSetting, train_size: int):
    """Compile as the course does: Adam, sparse categorical cross-entropy, accuracy.

    Examples
    --------
    >>> from cnn_utils.models import ORIGINAL_SETTING
    >>> model = compile_model(build_slide_model(), ORIGINAL_SETTING, 48000)
    >>> round(float(model.optimizer.learning_rate), 6)
    0.001
    """
    model.compile(
        optimizer=setting.optimizer(train_size),
        loss=setting.loss(),
        metrics=["accuracy"],
    )
    return model


def make_datasets(x_train, y_train, x_val, y_val, batch_size: int, seed: int = 42):
    """Training and validation sets as tf.data pipelines (chapter 07).

    The training set is shuffled anew each epoch (with ``seed``, so runs
    repeat), cut into batches and prefetched while the model computes; the
    validation set is batched large, as it is only predicted. Built once,
    these feed Keras faster than NumPy arrays, which Keras re-slices every
    epoch.

    Examples
    --------
    >>> x, y = np.zeros((10, 28, 28, 1), np.float32), np.arange(10)
    >>> train, val = make_datasets(x, y, x, y, batch_size=4)
    >>> [tuple(images.shape) for images, labels in train]
    [(4, 28, 28, 1), (4, 28, 28, 1), (2, 28, 28, 1)]
    """
    tf = import_tensorflow_quietly()
    autotune = tf.data.AUTOTUNE
    train = (
        tf.data.Dataset.from_tensor_slices((x_train, y_train))
        .shuffle(len(x_train), seed=seed, reshuffle_each_iteration=True)
        .batch(batch_size)
        .prefetch(autotune)
    )
    val = tf.data.Dataset.from_tensor_slices((x_val, y_val)).batch(1024).prefetch(autotune)
    return train, val


@functools.cache
def callback_classes() -> dict[str, type]:
    """The training callbacks below, made once Keras is imported.

    Made on first use, so that importing :mod:`cnn_utils.models` does not
    import TensorFlow.

    Examples
    --------
    >>> sorted(callback_classes())
    ['EpochClock', 'TrainingProgress']
    """
    keras = require_keras()

    class EpochClock(keras.callbacks.Callback):
        """Records ``elapsed``: seconds since training began, at the end of each epoch."""

        def on_train_begin(self, logs=None):
            self.start = time.perf_counter()
            self.elapsed = []

        def on_epoch_end(self, epoch, logs=None):
            self.elapsed.append(time.perf_counter() - self.start)

    class TrainingProgress(keras.callbacks.Callback):
        """Korean progress lines while a model trains in front of a student (chapter 08).

        After the first ``measure`` batches it prints the measured time per batch and
        what that makes per epoch and for the whole run; after every epoch, the time
        it took, the validation accuracy and an estimate of what is left.
        """

        def __init__(self, epochs: int, steps: int, measure: int = 20):
            super().__init__()
            self.epochs, self.steps, self.measure = epochs, steps, min(measure, steps)

        def on_train_begin(self, logs=None):
            self.start = time.perf_counter()
            self.measured = False
            print(
                f"훈련을 시작합니다: 최대 {self.epochs} 에포크, 에포크마다 배치 {self.steps}개.",
                flush=True,
            )

        def on_epoch_begin(self, epoch, logs=None):
            self.epoch_start = time.perf_counter()

        def on_train_batch_end(self, batch, logs=None):
            if self.measured or batch + 1 < self.measure:
                return
            self.measured = True
            per_batch = (time.perf_counter() - self.epoch_start) / self.measure
            per_epoch = per_batch * self.steps
            print(
                f"처음 배치 {self.measure}개로 잰 속도: 배치마다 {per_batch:.2f}초 → "
                f"에포크마다 약 {duration_ko(per_epoch)}, {self.epochs} 에포크면 약 "
                f"{duration_ko(per_epoch * self.epochs)} (검증 시간 제외).",
                flush=True,
            )

        def on_epoch_end(self, epoch, logs=None):
            now = time.perf_counter()
            took = now - self.epoch_start
            left = (now - self.start) / (epoch + 1) * (self.epochs - epoch - 1)
            accuracy = (logs or {}).get("val_accuracy")
            shown = f", 검증 정확도 {accuracy:.4f}" if accuracy is not None else ""
            rest = f" · 남은 시간 약 {duration_ko(left)}" if epoch + 1 < self.epochs else ""
            print(f"에포크 {epoch + 1}/{self.epochs}: {duration_ko(took)}{shown}{rest}", flush=True)

    return {"EpochClock": EpochClock, "TrainingProgress": TrainingProgress}


def duration_ko(seconds: float) -> str:
    """A duration as Korean words, rounded for a progress line (chapter 08).

    Examples
    --------
    >>> duration_ko(4.2), duration_ko(59.6), duration_ko(61), duration_ko(3725)
    ('4초', '60초', '1분 1초', '62분 5초')
    """
    seconds = max(0, round(seconds))
    if seconds <= 60:
        return f"{seconds}초"
    return f"{seconds // 60}분 {seconds % 60}초"


def train_slide_model(
    lab: LabData,
    setting: TrainingSetting = BOOK_SETTING,
    *,
    checkpoint_path: Path | str | None = None,
    seed: int = 42,
    verbose: int = 0,
    progress: bool = False,
):
    """Train a fresh slide model; return ``(model, history, elapsed)``.

    The steps of chapter 07 in one function, for chapter 08 and the
    benchmark. Seeds Keras with ``seed`` first, so the same data and setting
    give the same history on the same machine (:func:`cnn_utils.setup` turns
    on op determinism). Uses ``EarlyStopping(patience, restore_best_weights=True)``
    and, with ``checkpoint_path``, :func:`ModelCheckpoint` of the best model.
    ``progress`` prints Korean progress lines with time estimates (chapter 08,
    which may train in front of a student).

    ``history`` is the dict of ``History.history``; ``elapsed`` the seconds
    since training began, at the end of each epoch (a running total).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x, y = rng.random((64, 28, 28, 1), dtype=np.float32), rng.integers(0, 10, 64)
    >>> tiny = LabData(x, y, x[:16], y[:16], x[:16], y[:16])
    >>> model, history, elapsed = train_slide_model(tiny, TrainingSetting(32, 1e-3, max_epochs=1))
    >>> sorted(history), len(elapsed)
    (['accuracy', 'loss', 'val_accuracy', 'val_loss'], 1)
    """
    keras = require_keras()
    keras.utils.set_random_seed(seed)
    model = compile_model(build_slide_model(), setting, len(lab.x_train))
    clock = callback_classes()["EpochClock"]()
    callbacks = [
        clock,
        keras.callbacks.EarlyStopping(patience=setting.patience, restore_best_weights=True),
    ]
    if checkpoint_path is not None:
        callbacks.append(ModelCheckpoint(checkpoint_path, save_best_only=True))
    if progress:
        steps = -(-len(lab.x_train) // setting.batch_size)
        callbacks.append(callback_classes()["TrainingProgress"](setting.max_epochs, steps))
    if setting.tf_data:
        train, val = make_datasets(
            lab.x_train, lab.y_train, lab.x_val, lab.y_val, setting.batch_size, seed
        )
        history = model.fit(
            train,
            epochs=setting.max_epochs,
            validation_data=val,
            shuffle=False,
            callbacks=callbacks,
            verbose=verbose,
        )  # tf.data shuffles
    else:
        history = model.fit(
            lab.x_train,
            lab.y_train,
            batch_size=setting.batch_size,
            epochs=setting.max_epochs,
            validation_data=(lab.x_val, lab.y_val),
            callbacks=callbacks,
            verbose=verbose,
        )
    return model, history.history, clock.elapsed


#: The history of the original setting trained until early stopping stopped it (chapter 07),
#: written by tools/original_history.py and shipped with the package.
ORIGINAL_HISTORY = Path(__file__).resolve().parents[1] / "data" / "original_history.json"


def original_history(path: Path | str | None = None) -> dict:
    """The original setting's committed run: its history, where it stopped, its best epoch.

    Returns the file's record with ``best_epoch`` (1-based: the epoch whose
    weights ``restore_best_weights`` kept) and ``stopped`` (whether early stopping
    ended it before ``max_epochs``) added. Chapter 07 plots it.

    Examples
    --------
    >>> run = original_history()
    >>> run["stopped"], run["best_epoch"] + run["patience"] == len(run["history"]["val_loss"])
    (True, True)
    """
    path = Path(path) if path is not None else ORIGINAL_HISTORY
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        losses = record["history"]["val_loss"]
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{path}: missing; make it with `.venv/bin/python -m tools.original_history`"
        ) from None
    except (ValueError, KeyError, TypeError) as e:
        raise ValueError(
            f"{path}: not a training history ({e}); make it again with "
            "`.venv/bin/python -m tools.original_history`"
        ) from None
    record["best_epoch"] = min(range(len(losses)), key=lambda k: (losses[k], k)) + 1
    record["stopped"] = len(losses) < record["max_epochs"]
    return record


#: The book's setting trained with several seeds (``python -m tools.seed_runs``), package data.
SEED_RUNS = Path(__file__).resolve().parents[1] / "data" / "seed_runs.json"


def seed_runs(path: Path | str | None = None) -> dict:
    """How much one run's accuracy moves when only the seed changes (chapter 07).

    The file holds the book's setting trained once per seed (the initial weights and the
    order of the batches; the data split stays the chapter's). Returns its record with
    ``spread``: for ``val_accuracy`` and ``test_accuracy``, the lowest and highest value
    over the runs.

    Examples
    --------
    >>> runs = seed_runs()
    >>> len(runs["runs"]) >= 3, runs["runs"][0]["seed"]
    (True, 42)
    >>> low, high = runs["spread"]["test_accuracy"]
    >>> 0 < low <= high < 1
    True
    """
    path = Path(path) if path is not None else SEED_RUNS
    remake = "make it again with `.venv/bin/python -m tools.seed_runs` (~3 minutes per seed)"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        runs = record["runs"]
        spread = {
            key: (min(run[key] for run in runs), max(run[key] for run in runs))
            for key in ("val_accuracy", "test_accuracy")
        }
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: missing; {remake}") from None
    except (ValueError, KeyError, TypeError) as e:
        raise ValueError(f"{path}: not a record of seed runs ({e}); {remake}") from None
    return {**record, "spread": spread}


def describe_training(val_losses, *, patience: int, max_epochs: int) -> str:
    """What one run's validation losses say about early stopping, in Korean (chapter 07).

    Chapter 07 prints this under its learning curves, so the sentence about a
    run is made from that run's history and stays true for any run. Keras's
    ``EarlyStopping(patience=..., restore_best_weights=True)`` stops once the
    validation loss has not fallen below its best for ``patience`` epochs, and
    at the end of training restores the weights of the best epoch.

    Examples
    --------
    >>> print(describe_training([0.34, 0.30, 0.25], patience=2, max_epochs=3))
    검증 손실: 에포크 1의 0.3400 → 에포크 3의 0.2500. 가장 낮은 값은 에포크 3의 0.2500입니다.
    검증 손실이 에포크마다 줄었으므로 조기 종료는 멈추지 않았고, 최대 3 에포크를 모두 훈련했습니다.
    검증 손실이 다시 오르는 과대적합의 신호는 이 실행에서 보이지 않습니다.
    훈련이 끝나면 모델은 가장 낮았던 에포크 3의 가중치를 가지고, 체크포인트 파일에도 그 모델이 있습니다.
    >>> print(describe_training([0.34, 0.30, 0.31, 0.32], patience=2, max_epochs=10).splitlines()[1])
    검증 손실이 에포크 2 뒤로 2 에포크 연속 나아지지 않아, 조기 종료가 에포크 4에서 훈련을 멈췄습니다.
    >>> print(describe_training([0.34, 0.35, 0.30], patience=2, max_epochs=3).splitlines()[1])
    검증 손실이 줄지 않은 에포크가 있었지만 2 에포크 연속은 아니어서, 조기 종료는 멈추지 않았고 최대 3 에포크를 모두 훈련했습니다.
    """  # noqa: E501 (doctest output lines are data)
    losses = [float(v) for v in val_losses]
    if not losses:
        raise ValueError("val_losses must hold at least one epoch")
    n = len(losses)
    best = min(range(n), key=lambda k: (losses[k], k)) + 1  # the first epoch with the lowest loss
    lines = [
        f"검증 손실: 에포크 1의 {losses[0]:.4f} → 에포크 {n}의 {losses[-1]:.4f}. "
        f"가장 낮은 값은 에포크 {best}의 {losses[best - 1]:.4f}입니다."
    ]
    if n < max_epochs:
        lines.append(
            f"검증 손실이 에포크 {best} 뒤로 {n - best} 에포크 연속 나아지지 않아, "
            f"조기 종료가 에포크 {n}에서 훈련을 멈췄습니다."
        )
        lines.append(
            "훈련 손실이 줄어도 검증 손실이 더 줄지 않는 것은 과대적합이 시작된다는 신호입니다."
        )
    elif all(b < a for a, b in zip(losses, losses[1:], strict=False)):
        lines.append(
            f"검증 손실이 에포크마다 줄었으므로 조기 종료는 멈추지 않았고, "
            f"최대 {max_epochs} 에포크를 모두 훈련했습니다."
        )
        lines.append("검증 손실이 다시 오르는 과대적합의 신호는 이 실행에서 보이지 않습니다.")
    else:
        lines.append(
            f"검증 손실이 줄지 않은 에포크가 있었지만 {patience} 에포크 연속은 아니어서, "
            f"조기 종료는 멈추지 않았고 최대 {max_epochs} 에포크를 모두 훈련했습니다."
        )
    lines.append(
        f"훈련이 끝나면 모델은 가장 낮았던 에포크 {best}의 가중치를 가지고, "
        "체크포인트 파일에도 그 모델이 있습니다."
    )
    return "\n".join(lines)
