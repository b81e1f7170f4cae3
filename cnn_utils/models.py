"""The slide model: building, training, saving and loading it (chapters 07, 08).

Chapter 07 builds the model cell by cell exactly as the slides write it and
trains it; this module holds the same steps as functions so that chapter 08
(and the benchmark) can get a trained model without chapter 07: it loads the
file chapter 07 saved, or trains the model itself.

Models are saved in Keras's own ``.keras`` format only and loaded with
``safe_mode=True``: no pickle, no code from the file is run.
"""

from __future__ import annotations

import json
import os
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from cnn_utils import data as data_mod
from cnn_utils import ops
from cnn_utils.environment import import_tensorflow_quietly, quick_mode


def _keras():
    import_tensorflow_quietly()
    import keras

    return keras


# --------------------------------------------------------------------------
# the model
# --------------------------------------------------------------------------

def build_slide_model():
    """Build the slides' CNN (uncompiled), the way chapter 07 builds it (introduced there).

    Conv2D(32, 3, relu, same) -> MaxPooling2D(2) -> Conv2D(64, 3, relu, same)
    -> MaxPooling2D(2) -> Flatten -> Dense(100, relu) -> Dropout(0.4)
    -> Dense(10, softmax), on 28x28x1 inputs; 333,526 parameters.

    Examples
    --------
    >>> model = build_slide_model()
    >>> model.count_params()
    333526
    >>> model.output_shape
    (None, 10)
    """
    keras = _keras()
    model = keras.Sequential(name="slide_cnn")
    model.add(keras.Input(shape=(28, 28, 1)))
    model.add(keras.layers.Conv2D(32, kernel_size=3, activation="relu", padding="same"))
    model.add(keras.layers.MaxPooling2D(2))
    model.add(keras.layers.Conv2D(64, kernel_size=3, activation="relu", padding="same"))
    model.add(keras.layers.MaxPooling2D(2))
    model.add(keras.layers.Flatten())
    model.add(keras.layers.Dense(100, activation="relu"))
    model.add(keras.layers.Dropout(0.4))
    model.add(keras.layers.Dense(10, activation="softmax"))
    return model


def architecture(model) -> list[tuple[str, dict[str, Any]]]:
    """The layers' classes and the settings that define the architecture.

    Two models with the same ``architecture`` are the same network (weights
    aside); chapter 07 checks its hand-built model against
    :func:`build_slide_model` with it.

    Examples
    --------
    >>> architecture(build_slide_model())[0]
    ('Conv2D', {'filters': 32, 'kernel_size': (3, 3), 'strides': (1, 1), 'padding': 'same', 'activation': 'relu'})
    """
    keys = ("filters", "kernel_size", "strides", "padding", "activation", "pool_size",
            "units", "rate")
    rows = []
    for layer in model.layers:
        config = layer.get_config()
        rows.append((type(layer).__name__,
                     {k: (tuple(v) if isinstance(v, list) else v) for k, v in config.items() if k in keys}))
    return rows


def _shape(shape) -> str:
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ")"


def layer_table(model) -> list[dict[str, Any]]:
    """One row per layer: name, class, input and output shape, parameters.

    The slides' shape table (chapter 07).

    Examples
    --------
    >>> rows = layer_table(build_slide_model())
    >>> [(r["class"], r["output"]) for r in rows[:2]]
    [('Conv2D', '(None, 28, 28, 32)'), ('MaxPooling2D', '(None, 14, 14, 32)')]
    >>> [r["params"] for r in rows if r["params"]]
    [320, 18496, 313700, 1010]
    """
    rows = []
    for layer in model.layers:
        rows.append({
            "name": layer.name,
            "class": type(layer).__name__,
            "input": _shape(layer.input.shape),
            "output": _shape(layer.output.shape),
            "params": layer.count_params(),
        })
    return rows


_KOREAN_LAYER_NAMES = {
    "Conv2D": "합성곱", "MaxPooling2D": "최대 풀링", "AveragePooling2D": "평균 풀링",
    "Flatten": "펼치기", "Dense": "밀집", "Dropout": "드롭아웃",
}


def architecture_stages(model) -> list[tuple[str, tuple[int, ...]]]:
    """The model as (Korean layer name, output shape) stages for :func:`cnn_utils.viz.plot_architecture`.

    Dropout keeps the shape and is left out of the drawing.

    Examples
    --------
    >>> [s[1] for s in architecture_stages(build_slide_model())]
    [(28, 28, 1), (28, 28, 32), (14, 14, 32), (14, 14, 64), (7, 7, 64), (3136,), (100,), (10,)]
    """
    stages = [("입력", tuple(model.input_shape[1:]))]
    for layer in model.layers:
        name = type(layer).__name__
        if name == "Dropout":
            continue
        stages.append((_KOREAN_LAYER_NAMES.get(name, name), tuple(layer.output.shape[1:])))
    return stages


def expected_shapes(input_size: int = 28) -> list[tuple[int, ...]]:
    """Output shapes of the slide model's layers from chapter 06's formula alone.

    Examples
    --------
    >>> expected_shapes()
    [(28, 28, 32), (14, 14, 32), (14, 14, 64), (7, 7, 64), (3136,), (100,), (100,), (10,)]
    """
    n1 = ops.output_size(input_size, 3, p=1, s=1)    # Conv2D(32, 3, same): P = (3-1)/2 = 1
    n2 = ops.output_size(n1, 2, p=0, s=2)             # MaxPooling2D(2): window 2, stride 2
    n3 = ops.output_size(n2, 3, p=1, s=1)             # Conv2D(64, 3, same)
    n4 = ops.output_size(n3, 2, p=0, s=2)             # MaxPooling2D(2)
    return [(n1, n1, 32), (n2, n2, 32), (n3, n3, 64), (n4, n4, 64), (n4 * n4 * 64,),
            (100,), (100,), (10,)]


# --------------------------------------------------------------------------
# training
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class TrainingSetting:
    """How the slide model is trained: everything but the architecture.

    ``learning_rate`` is Adam's rate; with ``decay_epochs`` it is the peak of
    a cosine decay that falls to ``final_fraction`` of it over that many
    epochs, then stays there.
    """

    batch_size: int
    learning_rate: float
    max_epochs: int = 20
    patience: int = 2
    decay_epochs: int | None = None
    final_fraction: float = 0.02
    tf_data: bool = False  # feed a tf.data pipeline built once instead of NumPy arrays

    def describe(self) -> str:
        """One line for the chapters' outputs.

        Examples
        --------
        >>> ORIGINAL.describe()
        '배치 크기 32, 학습률 0.001 (고정), 최대 20 에포크, 조기 종료 patience 2'
        """
        rate = (f"학습률 {self.learning_rate:g} (고정)" if self.decay_epochs is None else
                f"학습률 {self.learning_rate:g}에서 {self.decay_epochs} 에포크 동안 코사인 감소")
        feed = ", tf.data 입력" if self.tf_data else ""
        return (f"배치 크기 {self.batch_size}, {rate}, 최대 {self.max_epochs} 에포크, "
                f"조기 종료 patience {self.patience}{feed}")

    def learning_rate_for(self, train_size: int):
        """Adam's ``learning_rate`` argument: a number or a Keras schedule.

        Examples
        --------
        >>> ORIGINAL.learning_rate_for(48000)
        0.001
        >>> type(BOOK.learning_rate_for(48000)).__name__
        'CosineDecay'
        """
        if self.decay_epochs is None:
            return self.learning_rate
        keras = _keras()
        steps_per_epoch = -(-train_size // self.batch_size)
        return keras.optimizers.schedules.CosineDecay(
            initial_learning_rate=self.learning_rate,
            decay_steps=self.decay_epochs * steps_per_epoch,
            alpha=self.final_fraction,
        )


#: The course's original setting (hg-mldl 8-2): batch 32, Adam's default rate.
ORIGINAL = TrainingSetting(batch_size=32, learning_rate=1e-3)

#: The book's setting: the same model, 8x larger batches (fewer, fuller
#: steps on a CPU), a higher peak rate that decays along a cosine, and a
#: tf.data pipeline built once; see chapter 07 and benchmarks/train_lab.py.
BOOK = TrainingSetting(batch_size=256, learning_rate=5e-3, max_epochs=10, decay_epochs=8, tf_data=True)

#: Quick mode (``CNN_BOOK_QUICK=1``): a subset and two epochs, every cell still runs.
QUICK = TrainingSetting(batch_size=256, learning_rate=5e-3, max_epochs=2, decay_epochs=2, tf_data=True)
QUICK_TRAIN_SIZE = 4000
QUICK_VALIDATION_SIZE = 1000


@dataclass
class LabData:
    """Model-ready Fashion-MNIST: scaled to [0, 1], shape (N, 28, 28, 1)."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def prepare_data(quick: bool | None = None, *, verbose: bool = True) -> LabData:
    """Load Fashion-MNIST, scale it and split off the course's validation set.

    In quick mode the training and validation sets are cut to
    :data:`QUICK_TRAIN_SIZE` and :data:`QUICK_VALIDATION_SIZE` images; the test
    set stays whole.

    Examples
    --------
    >>> lab = prepare_data(quick=True, verbose=False)
    >>> lab.x_train.shape, lab.x_test.shape
    ((4000, 28, 28, 1), (10000, 28, 28, 1))
    """
    quick = quick_mode() if quick is None else quick
    (x, y), (x_test, y_test) = data_mod.load_fashion_mnist(verbose=verbose)
    (x_train, y_train), (x_val, y_val) = data_mod.train_validation_split(x, y)
    if quick:
        x_train, y_train = x_train[:QUICK_TRAIN_SIZE], y_train[:QUICK_TRAIN_SIZE]
        x_val, y_val = x_val[:QUICK_VALIDATION_SIZE], y_val[:QUICK_VALIDATION_SIZE]
    scale = data_mod.scale_images
    return LabData(scale(x_train), y_train, scale(x_val), y_val, scale(x_test), y_test)


def compile_model(model, learning_rate=1e-3):
    """Compile as the course does: Adam, sparse categorical cross-entropy, accuracy.

    ``learning_rate`` is a number or a Keras schedule
    (:meth:`TrainingSetting.learning_rate_for`).

    Examples
    --------
    >>> model = compile_model(build_slide_model(), 1e-3)
    >>> round(float(model.optimizer.learning_rate), 6)
    0.001
    """
    keras = _keras()
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
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
    train = (tf.data.Dataset.from_tensor_slices((x_train, y_train))
             .shuffle(len(x_train), seed=seed, reshuffle_each_iteration=True)
             .batch(batch_size)
             .prefetch(autotune))
    val = tf.data.Dataset.from_tensor_slices((x_val, y_val)).batch(1024).prefetch(autotune)
    return train, val


def _epoch_clock():
    """A Keras callback that records the wall time at the end of each epoch."""
    keras = _keras()

    class EpochClock(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            self.start = time.perf_counter()
            self.times = []

        def on_epoch_end(self, epoch, logs=None):
            self.times.append(time.perf_counter() - self.start)

    return EpochClock()


def train_slide_model(
    lab: LabData,
    setting: TrainingSetting = BOOK,
    *,
    checkpoint_path: Path | str | None = None,
    seed: int = 42,
    verbose: int = 0,
):
    """Train a fresh slide model; return ``(model, history, epoch_times)``.

    Seeds Keras with ``seed`` first, so the same data and setting give the same
    history on the same machine (:func:`cnn_utils.setup` turns on op
    determinism). Uses ``EarlyStopping(patience, restore_best_weights=True)``
    and, with ``checkpoint_path``, ``ModelCheckpoint`` of the best model in
    ``.keras`` format, written next to the target and renamed into place
    only when training ends (never a half-written model file).

    ``history`` is the dict of ``History.history``; ``epoch_times`` the wall
    time in seconds since the start at the end of each epoch. Introduced in
    chapter 07 (the chapter writes the same steps out cell by cell).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x, y = rng.random((64, 28, 28, 1), dtype=np.float32), rng.integers(0, 10, 64)
    >>> tiny = LabData(x, y, x[:16], y[:16], x[:16], y[:16])
    >>> model, history, times = train_slide_model(tiny, TrainingSetting(32, 1e-3, max_epochs=1))
    >>> sorted(history), len(times)
    (['accuracy', 'loss', 'val_accuracy', 'val_loss'], 1)
    """
    keras = _keras()
    keras.utils.set_random_seed(seed)
    model = compile_model(build_slide_model(), setting.learning_rate_for(len(lab.x_train)))
    clock = _epoch_clock()
    callbacks = [clock, keras.callbacks.EarlyStopping(patience=setting.patience,
                                                      restore_best_weights=True)]
    partial = None
    if checkpoint_path is not None:
        target = Path(checkpoint_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.stem + ".partial.keras")
        callbacks.append(keras.callbacks.ModelCheckpoint(partial, save_best_only=True))
    try:
        if setting.tf_data:
            train, val = make_datasets(lab.x_train, lab.y_train, lab.x_val, lab.y_val, setting.batch_size, seed)
            history = model.fit(train, epochs=setting.max_epochs, validation_data=val, shuffle=False,
                                callbacks=callbacks, verbose=verbose)  # the pipeline shuffles
        else:
            history = model.fit(lab.x_train, lab.y_train, batch_size=setting.batch_size,
                                epochs=setting.max_epochs, validation_data=(lab.x_val, lab.y_val),
                                callbacks=callbacks, verbose=verbose)
        if partial is not None:
            os.replace(partial, target)
    finally:
        if partial is not None and partial.exists():
            partial.unlink()
    return model, history.history, clock.times


# --------------------------------------------------------------------------
# saving and loading
# --------------------------------------------------------------------------

class ModelFileError(RuntimeError):
    """A saved model file is missing or unusable (the message says how to fix it)."""


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
    return data_mod.data_root() / "models" / ("slide_cnn_quick.keras" if quick else "slide_cnn.keras")


def load_trained_model(path: Path | str):
    """Load a saved slide model, checking it first; raise :class:`ModelFileError` if unusable.

    Only ``.keras`` files are read, with ``safe_mode=True``. The message of
    the error names the file, says what is wrong and how to get a good one.

    Examples
    --------
    >>> load_trained_model("/nonexistent/model.keras")
    Traceback (most recent call last):
    ...
    cnn_utils.models.ModelFileError: /nonexistent/model.keras: no such file. ...
    """
    path = Path(path)
    fix = ("Delete it and run chapter 07 (or cnn_utils.models.load_or_train_model()) "
           "to train and save the model again.")
    if not path.is_file():
        raise ModelFileError(f"{path}: no such file. Run chapter 07 to train and save the "
                             "model, or call cnn_utils.models.load_or_train_model().")
    if path.suffix != ".keras":
        raise ModelFileError(f"{path}: only Keras's .keras format is loaded (safe, no pickle). {fix}")
    if not zipfile.is_zipfile(path):
        raise ModelFileError(f"{path}: not a valid .keras file (a .keras file is a zip "
                             f"archive; this one is damaged or cut short). {fix}")
    keras = _keras()
    try:
        model = keras.models.load_model(path, safe_mode=True)
    except Exception as e:  # Keras raises many types for damaged or foreign files
        raise ModelFileError(f"{path}: Keras could not load it ({type(e).__name__}: "
                             f"{str(e)[:200]}); it may be damaged or saved by an "
                             f"incompatible Keras version. {fix}") from e
    if architecture(model) != architecture(build_slide_model()):
        raise ModelFileError(f"{path}: holds a different network, not the slide model. {fix}")
    return model


def load_or_train_model(path: Path | str | None = None, *, quick: bool | None = None,
                        verbose: bool = True):
    """The trained slide model: loaded from ``path``, or trained and saved there.

    Chapter 08 starts with this, so it runs alone in a fresh kernel: when
    chapter 07's file is missing, damaged or incompatible, it says so in Korean
    and trains the model the same way (quick or full mode).

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
    """
    quick = quick_mode() if quick is None else quick
    path = Path(path) if path is not None else model_path(quick)
    lab = prepare_data(quick, verbose=verbose)
    try:
        model = load_trained_model(path)
        if verbose:
            print(f"7장에서 저장한 모델을 불러왔습니다: {path}")
    except ModelFileError as e:
        if verbose:
            print(f"저장된 모델을 쓸 수 없어 새로 훈련합니다 ({'빠른 모드' if quick else '전체 모드'}).")
            print(f"  이유: {e}")
        model, _, _ = train_slide_model(lab, QUICK if quick else BOOK, checkpoint_path=path)
        if verbose:
            print(f"훈련한 모델을 저장했습니다: {path}")
    return model, lab


def history_json(history: dict) -> str:
    """A training history as JSON with plain floats (for comparing two runs).

    Examples
    --------
    >>> history_json({"loss": [np.float32(0.5)]})
    '{"loss": [0.5]}'
    """
    return json.dumps({k: [float(v) for v in values] for k, values in history.items()},
                      sort_keys=True)


__all__ = [
    "BOOK", "LabData", "ModelFileError", "ORIGINAL", "QUICK", "TrainingSetting",
    "architecture", "architecture_stages", "build_slide_model", "compile_model",
    "expected_shapes", "history_json", "layer_table", "load_or_train_model", "make_datasets",
    "load_trained_model", "model_path", "prepare_data", "train_slide_model",
]

