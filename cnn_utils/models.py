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
import uuid
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from cnn_utils import data as data_mod
from cnn_utils import ops
from cnn_utils.environment import import_tensorflow_quietly, quick_mode, require_keras


def _keras():
    return require_keras()


# --------------------------------------------------------------------------
# the model: one description, everything else derived from it
# --------------------------------------------------------------------------

#: The input the slide model takes: 28x28 grayscale images.
SLIDE_INPUT = (28, 28, 1)
#: Filter size of every Conv2D of the slide model.
SLIDE_FILTER_SIZE = 3


@dataclass(frozen=True)
class SlideLayer:
    """One layer of the slide model: what it is, its output shape, its parameters, its Keras
    layer and the Korean sentence that explains its shape. Chapters 06 and 07, their
    quizzes and :func:`build_slide_model` all read :data:`SLIDE_LAYERS`.

    ``kind`` is the Keras class; ``size`` the number of filters (Conv2D: 3x3, ReLU,
    'same'), the pool size, the number of units (Dense) or the dropout rate.
    """

    kind: str
    size: float | None = None
    activation: str = "relu"

    def output_shape(self, shape: tuple[int, ...]) -> tuple[int, ...]:
        """The output shape (no batch axis) for an input of ``shape``, by chapter 06's formula."""
        if self.kind == "Conv2D":  # 'same' padding: P = (3 - 1) / 2 = 1
            n = ops.output_size(shape[0], SLIDE_FILTER_SIZE, (SLIDE_FILTER_SIZE - 1) // 2, 1)
            return (n, n, int(self.size))
        if self.kind == "MaxPooling2D":
            n = ops.output_size(shape[0], int(self.size), 0, int(self.size))
            return (n, n, shape[2])
        if self.kind == "Flatten":
            return (int(np.prod(shape)),)
        return (int(self.size),) if self.kind == "Dense" else shape

    def params(self, shape: tuple[int, ...]) -> int:
        """Trainable parameters for an input of ``shape`` (chapter 07)."""
        if self.kind == "Conv2D":
            return ops.conv_params(SLIDE_FILTER_SIZE, shape[-1], int(self.size))
        return ops.dense_params(shape[0], int(self.size)) if self.kind == "Dense" else 0

    def code(self) -> str:
        """The layer as chapter 07 writes it, e.g. ``Conv2D(32, 3, activation='relu', ...)``."""
        f = SLIDE_FILTER_SIZE
        return {
            "Conv2D": f"Conv2D({self.size}, kernel_size={f}, activation='relu', padding='same')",
            "MaxPooling2D": f"MaxPooling2D({self.size})",
            "Flatten": "Flatten()",
            "Dense": f"Dense({self.size}, activation='{self.activation}')",
            "Dropout": f"Dropout({self.size})",
        }[self.kind]

    def keras_layer(self):
        """A fresh Keras layer of this kind."""
        layers = _keras().layers
        if self.kind == "Conv2D":
            return layers.Conv2D(
                self.size, kernel_size=SLIDE_FILTER_SIZE, activation="relu", padding="same"
            )
        if self.kind == "Dense":
            return layers.Dense(self.size, activation=self.activation)
        return getattr(layers, self.kind)(*(() if self.size is None else (self.size,)))

    def shape_reason(self, before: tuple[int, ...], after: tuple[int, ...]) -> str:
        """Why the output has its shape, in Korean (the shape quiz's feedback)."""
        if self.kind == "Conv2D":
            return (
                f"same 패딩은 크기를 유지하고({before[0]} → {after[0]}), "
                f"채널 수는 필터 개수 {self.size}가 됩니다."
            )
        if self.kind == "MaxPooling2D":
            return (
                f"{self.size}×{self.size} 최대 풀링은 가로세로를 절반으로 줄이고"
                f"({before[0]} → {after[0]}), 채널 수 {before[2]}는 그대로입니다."
            )
        if self.kind == "Flatten":
            return f"{'×'.join(map(str, before))} = {after[0]:,}개의 값을 한 줄로 펼칩니다."
        if self.kind == "Dense":
            return f"밀집층은 뉴런 {self.size}개가 값을 하나씩 내므로 {self.size}개입니다."
        return "드롭아웃은 값 일부를 0으로 만들 뿐 모양을 바꾸지 않습니다."

    def param_formula(self, before: tuple[int, ...]) -> str:
        """How the parameters are counted, in Korean, with the numbers (chapter 07)."""
        if self.kind == "Conv2D":
            f = SLIDE_FILTER_SIZE
            return (
                "(필터 높이 × 필터 너비 × 입력 채널 + 절편 1) × 필터 개수 = "
                f"({f}×{f}×{before[-1]} + 1) × {self.size}"
            )
        return f"(입력 개수 + 절편 1) × 뉴런 개수 = ({before[0]:,} + 1) × {self.size}"


#: The slides' CNN, layer by layer.
SLIDE_LAYERS: tuple[SlideLayer, ...] = (
    SlideLayer("Conv2D", 32),
    SlideLayer("MaxPooling2D", 2),
    SlideLayer("Conv2D", 64),
    SlideLayer("MaxPooling2D", 2),
    SlideLayer("Flatten"),
    SlideLayer("Dense", 100),
    SlideLayer("Dropout", 0.4),
    SlideLayer("Dense", 10, activation="softmax"),
)


def layer_inputs() -> list[tuple[int, ...]]:
    """The input shape of each slide-model layer (the first is :data:`SLIDE_INPUT`).

    Examples
    --------
    >>> layer_inputs()[:3]
    [(28, 28, 1), (28, 28, 32), (14, 14, 32)]
    """
    shapes = [SLIDE_INPUT]
    for layer in SLIDE_LAYERS[:-1]:
        shapes.append(layer.output_shape(shapes[-1]))
    return shapes


def build_slide_model():
    """Build the slides' CNN (uncompiled), the way chapter 07 builds it (introduced there).

    Conv2D(32, 3, relu, same) -> MaxPooling2D(2) -> Conv2D(64, 3, relu, same)
    -> MaxPooling2D(2) -> Flatten -> Dense(100, relu) -> Dropout(0.4)
    -> Dense(10, softmax), on 28x28x1 inputs (:data:`SLIDE_LAYERS`).

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
    model.add(keras.Input(shape=SLIDE_INPUT))
    for layer in SLIDE_LAYERS:
        model.add(layer.keras_layer())
    return model


def expected_shapes() -> list[tuple[int, ...]]:
    """Output shapes of the slide model's layers from chapter 06's formula alone.

    A 3x3 'same' convolution pads P = (3 - 1) / 2 = 1; a 2x2 pooling has
    stride 2 (chapter 05).

    Examples
    --------
    >>> expected_shapes()
    [(28, 28, 32), (14, 14, 32), (14, 14, 64), (7, 7, 64), (3136,), (100,), (100,), (10,)]
    """
    return [
        layer.output_shape(shape) for layer, shape in zip(SLIDE_LAYERS, layer_inputs(), strict=True)
    ]


def expected_params() -> list[tuple[str, int, int]]:
    """``(Keras class, inputs, parameters)`` of each slide-model layer with weights.

    ``inputs`` is the number of input channels (Conv2D) or input values
    (Dense); the count comes from :func:`cnn_utils.ops.conv_params` and
    :func:`cnn_utils.ops.dense_params` (chapter 07).

    Examples
    --------
    >>> expected_params()
    [('Conv2D', 1, 320), ('Conv2D', 32, 18496), ('Dense', 3136, 313700), ('Dense', 100, 1010)]
    """
    return [
        (layer.kind, shape[-1] if layer.kind == "Conv2D" else shape[0], layer.params(shape))
        for layer, shape in zip(SLIDE_LAYERS, layer_inputs(), strict=True)
        if layer.params(shape)
    ]


def keras_output_shape(
    h: int, w: int, fh: int, fw: int, *, padding=0, stride: int = 1
) -> tuple[int, int]:
    """(OH, OW) of a real Keras layer: zero padding, then Conv2D (chapter 06's check).

    ``padding`` is an integer (``ZeroPadding2D`` then a 'valid' Conv2D) or
    ``'valid'``/``'same'`` (Conv2D's own padding). The book's one cross-check
    of the size formula against Keras: chapter 06 and the tests use it.

    Examples
    --------
    >>> keras_output_shape(28, 28, 5, 5, padding=2, stride=2)
    (14, 14)
    >>> keras_output_shape(28, 28, 3, 3, padding="same", stride=2)
    (14, 14)
    """
    keras = _keras()
    padding = ops.check_padding(padding)
    shape = (1, h, w, 1)
    if not isinstance(padding, str):
        shape = keras.layers.ZeroPadding2D(padding).compute_output_shape(shape)
        padding = "valid"
    out = keras.layers.Conv2D(1, (fh, fw), strides=stride, padding=padding).compute_output_shape(
        shape
    )
    return int(out[1]), int(out[2])


def architecture(model) -> list[tuple[str, dict[str, Any]]]:
    """The layers' classes and the settings that define the architecture.

    Two models with the same ``architecture`` are the same network (weights
    aside); chapter 07 checks its hand-built model against
    :func:`build_slide_model` with it.

    Examples
    --------
    >>> architecture(build_slide_model())[0][0]
    'Conv2D'
    >>> architecture(build_slide_model())[0][1]["filters"]
    32
    """
    keys = (
        "filters",
        "kernel_size",
        "strides",
        "padding",
        "activation",
        "pool_size",
        "units",
        "rate",
        "use_bias",
    )
    rows = []
    for layer in model.layers:
        config = layer.get_config()
        rows.append(
            (
                type(layer).__name__,
                {
                    k: (tuple(v) if isinstance(v, list) else v)
                    for k, v in config.items()
                    if k in keys
                },
            )
        )
    return rows


def layer_table(model) -> list[dict[str, Any]]:
    """One row per layer: name, class, input and output shape (tuples), parameters.

    The slides' shape table (chapter 07); the batch dimension is ``None``.

    Examples
    --------
    >>> rows = layer_table(build_slide_model())
    >>> [(r["class"], r["output"]) for r in rows[:2]]
    [('Conv2D', (None, 28, 28, 32)), ('MaxPooling2D', (None, 14, 14, 32))]
    >>> [r["params"] for r in rows if r["params"]]
    [320, 18496, 313700, 1010]
    """
    return [
        {
            "name": layer.name,
            "class": type(layer).__name__,
            "input": tuple(layer.input.shape),
            "output": tuple(layer.output.shape),
            "params": layer.count_params(),
        }
        for layer in model.layers
    ]


def architecture_stages(model) -> list[tuple[str, tuple[int, ...]]]:
    """The model as (Keras class, output shape) stages for :func:`cnn_utils.viz.plot_architecture`.

    The input comes first as ``("Input", shape)``; Dropout keeps the shape and
    is left out of the drawing.

    Examples
    --------
    >>> [s[1] for s in architecture_stages(build_slide_model())]
    [(28, 28, 1), (28, 28, 32), (14, 14, 32), (14, 14, 64), (7, 7, 64), (3136,), (100,), (10,)]
    """
    stages = [("Input", tuple(model.input_shape[1:]))]
    for layer in model.layers:
        if type(layer).__name__ != "Dropout":
            stages.append((type(layer).__name__, tuple(layer.output.shape[1:])))
    return stages


# --------------------------------------------------------------------------
# training
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingSetting:
    """How the slide model is trained: everything but the architecture.

    ``learning_rate`` is Adam's rate; with ``decay_epochs`` it is the peak of
    a cosine decay that falls to ``final_fraction`` of it by the end of epoch
    ``decay_epochs``, then stays there; with ``warmup_epochs`` the rate first
    climbs to the peak from a tenth of it over that many epochs.
    ``label_smoothing`` softens the targets of the loss (:meth:`loss`).
    ``train_images`` / ``validation_images`` cut the sets to their first so
    many images (quick mode); None keeps them whole.
    """

    batch_size: int
    learning_rate: float
    max_epochs: int = 20
    patience: int = 2
    decay_epochs: int | None = None
    final_fraction: float = 0.02
    warmup_epochs: float = 0.0  # first rise linearly from a tenth of the peak (with decay_epochs)
    tf_data: bool = False  # feed a tf.data pipeline built once instead of NumPy arrays
    label_smoothing: float = 0.0  # 0.1: aim at 0.91 for the right class, 0.01 for the others
    train_images: int | None = None
    validation_images: int | None = None

    def describe(self) -> str:
        """One line for the chapters' outputs.

        Examples
        --------
        >>> ORIGINAL_SETTING.describe()
        '배치 크기 32, 학습률 0.001 (고정), 최대 20 에포크, 조기 종료 patience 2'
        """
        if self.decay_epochs is None:
            rate = f"학습률 {self.learning_rate:g} (고정)"
        elif self.warmup_epochs:
            rate = (
                f"학습률 {self.warmup_epochs:g} 에포크 동안 {self.learning_rate:g}까지 올린 뒤 "
                f"{self.decay_epochs} 에포크째까지 코사인 감소"
            )
        else:
            rate = f"학습률 {self.learning_rate:g}에서 {self.decay_epochs} 에포크 동안 코사인 감소"
        feed = ", tf.data 입력" if self.tf_data else ""
        if self.label_smoothing:
            feed += f", 레이블 스무딩 {self.label_smoothing:g}"
        subset = ""
        if self.train_images is not None:
            subset = (
                f", 훈련 {self.train_images:,}장·검증 {self.validation_images:,}장만 사용 "
                "(빠른 모드)"
            )
        return (
            f"배치 크기 {self.batch_size}, {rate}, 최대 {self.max_epochs} 에포크, "
            f"조기 종료 patience {self.patience}{feed}{subset}"
        )

    def select(self, x_train, y_train, x_val, y_val):
        """The training and validation sets this setting uses: ``(x_train, y_train, x_val, y_val)``.

        Examples
        --------
        >>> x = np.zeros((10, 2))
        >>> [len(a) for a in QUICK_SETTING.select(x, x, x, x)]
        [10, 10, 10, 10]
        >>> len(BOOK_SETTING.select(x, x, x, x)[0])
        10
        """
        return (
            x_train[: self.train_images],
            y_train[: self.train_images],
            x_val[: self.validation_images],
            y_val[: self.validation_images],
        )

    def learning_rate_for(self, train_size: int):
        """Adam's ``learning_rate`` argument: a number or a Keras schedule.

        Examples
        --------
        >>> ORIGINAL_SETTING.learning_rate_for(48000)
        0.001
        >>> type(BOOK_SETTING.learning_rate_for(48000)).__name__
        'CosineDecay'
        """
        if self.decay_epochs is None:
            return self.learning_rate
        keras = _keras()
        steps_per_epoch = -(-train_size // self.batch_size)
        warmup = round(self.warmup_epochs * steps_per_epoch)
        if not warmup:
            return keras.optimizers.schedules.CosineDecay(
                initial_learning_rate=self.learning_rate,
                decay_steps=self.decay_epochs * steps_per_epoch,
                alpha=self.final_fraction,
            )
        return keras.optimizers.schedules.CosineDecay(
            initial_learning_rate=self.learning_rate / 10,
            decay_steps=self.decay_epochs * steps_per_epoch - warmup,
            alpha=self.final_fraction,
            warmup_target=self.learning_rate,
            warmup_steps=warmup,
        )

    def optimizer(self, train_size: int):
        """A fresh Adam optimizer with this setting's learning rate (chapter 07).

        Examples
        --------
        >>> type(BOOK_SETTING.optimizer(48000)).__name__
        'Adam'
        """
        return _keras().optimizers.Adam(learning_rate=self.learning_rate_for(train_size))

    def loss(self):
        """The loss for ``model.compile`` (chapter 07): sparse categorical cross-entropy.

        With ``label_smoothing`` it is :func:`smoothed_sparse_crossentropy`:
        the same loss on integer labels, against targets that keep a little
        probability for every class.

        Examples
        --------
        >>> ORIGINAL_SETTING.loss()
        'sparse_categorical_crossentropy'
        >>> BOOK_SETTING.loss().label_smoothing
        0.1
        """
        if not self.label_smoothing:
            return "sparse_categorical_crossentropy"
        return smoothed_sparse_crossentropy(self.label_smoothing)


#: The course's original setting (hg-mldl 8-2): batch 32, Adam's default rate.
ORIGINAL_SETTING = TrainingSetting(batch_size=32, learning_rate=1e-3)

#: The book's setting: the same model in 5 epochs instead of the original's 8
#: (measured in benchmarks/train_lab.py): 4x larger batches, a higher peak rate
#: that falls along a cosine to zero at the last epoch, label smoothing 0.1,
#: and a tf.data pipeline built once; see chapter 07.
BOOK_SETTING = TrainingSetting(
    batch_size=128,
    learning_rate=3e-3,
    max_epochs=5,
    decay_epochs=5,
    final_fraction=0.0,
    tf_data=True,
    label_smoothing=0.1,
)

#: Quick mode (``CNN_BOOK_QUICK=1``): the book's setting on a subset, in two epochs.
QUICK_SETTING = replace(
    BOOK_SETTING, max_epochs=2, decay_epochs=2, train_images=4000, validation_images=1000
)


def training_setting(quick: bool | None = None) -> TrainingSetting:
    """Chapter 07's setting: :data:`QUICK_SETTING` in quick mode, else :data:`BOOK_SETTING`.

    Examples
    --------
    >>> training_setting(quick=True) is QUICK_SETTING, training_setting(quick=False) is BOOK_SETTING
    (True, True)
    """
    quick = quick_mode() if quick is None else quick
    return QUICK_SETTING if quick else BOOK_SETTING


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


_KERAS_CLASSES: dict[str, type] = {}


def _keras_classes() -> dict[str, type]:
    """The Keras classes below (callbacks, a loss), made once Keras is imported (lazily)."""
    if _KERAS_CLASSES:
        return _KERAS_CLASSES
    keras = _keras()

    class SafeModelCheckpoint(keras.callbacks.ModelCheckpoint):
        """``keras.callbacks.ModelCheckpoint`` that never leaves a half-written file.

        Everything else is Keras's: ``filepath`` keeps its templates
        (``ckpt-{epoch:02d}.keras`` writes one file per epoch), ``.weights.h5``
        with ``save_weights_only``, ``save_best_only`` and the messages. Each save
        goes to a temporary file beside the target, under a name no other save
        uses (two kernels may save the same path at once), which is then renamed
        over the target (an atomic step): stopped at any moment, the target
        holds the last complete model or nothing. The temporary file is removed
        on any failure, KeyboardInterrupt included.
        """

        def _save_model(self, epoch, batch, logs):
            target = Path(self._get_file_path(epoch, batch, logs))
            if not self._should_save_model(epoch, batch, logs, str(target)):
                return
            save_model_atomically(self.model, target, weights_only=self.save_weights_only)
            if self.verbose > 0:
                print(f"\nEpoch {epoch + 1}: finished saving model to {target}")

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

    @keras.saving.register_keras_serializable(package="cnn_utils")
    class SmoothedSparseCrossentropy(keras.losses.Loss):
        """Categorical cross-entropy with label smoothing, on integer labels.

        Keras's ``SparseCategoricalCrossentropy`` has no ``label_smoothing``
        and its ``CategoricalCrossentropy`` wants one-hot labels; this takes
        the labels as the chapters keep them (0-9) and one-hot encodes them
        inside. Registered, so a saved model loads with ``safe_mode=True``.
        """

        def __init__(self, label_smoothing=0.1, name="smoothed_sparse_crossentropy", **kwargs):
            super().__init__(name=name, **kwargs)
            self.label_smoothing = float(label_smoothing)

        def call(self, y_true, y_pred):
            ops = keras.ops
            labels = ops.cast(ops.reshape(y_true, (-1,)), "int32")
            one_hot = ops.one_hot(labels, ops.shape(y_pred)[-1], dtype=y_pred.dtype)
            return keras.losses.categorical_crossentropy(
                one_hot, y_pred, label_smoothing=self.label_smoothing
            )

        def get_config(self):
            return {**super().get_config(), "label_smoothing": self.label_smoothing}

    _KERAS_CLASSES.update(
        TrainingProgress=TrainingProgress,
        SafeModelCheckpoint=SafeModelCheckpoint,
        EpochClock=EpochClock,
        SmoothedSparseCrossentropy=SmoothedSparseCrossentropy,
    )
    return _KERAS_CLASSES


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


def ModelCheckpoint(filepath, **kwargs):  # noqa: N802 (reads like the Keras class it makes)
    """``keras.callbacks.ModelCheckpoint(filepath, **kwargs)`` that saves atomically (chapter 07).

    Chapter 07 uses it exactly as the slides use Keras's own
    ``ModelCheckpoint``; the difference is only how the file is written (a
    temporary name, then a rename), so a run stopped while saving never leaves
    a damaged model for chapter 08.

    Examples
    --------
    >>> type(ModelCheckpoint("best.keras", save_best_only=True)).__name__
    'SafeModelCheckpoint'
    """
    return _keras_classes()["SafeModelCheckpoint"](str(filepath), **kwargs)


def smoothed_sparse_crossentropy(label_smoothing: float = 0.1):
    """Sparse categorical cross-entropy with label smoothing (chapter 07's loss).

    The target of an image is no longer 1 for its class and 0 for the other
    nine, but ``1 - label_smoothing + label_smoothing / 10`` and
    ``label_smoothing / 10``: the model is not pushed to be ever more sure,
    which on Fashion-MNIST gives a better test accuracy in fewer epochs.

    Examples
    --------
    >>> loss = smoothed_sparse_crossentropy(0.1)
    >>> certain = np.eye(10, dtype="float32")[[3]]        # 100% on class 3
    >>> careful = np.full((1, 10), 0.01, "float32"); careful[0, 3] = 0.91
    >>> bool(loss(np.array([3]), careful) < loss(np.array([3]), certain))
    True
    """
    if not 0 <= label_smoothing < 1:
        raise ValueError(f"label_smoothing must be in [0, 1), got {label_smoothing!r}")
    return _keras_classes()["SmoothedSparseCrossentropy"](label_smoothing)


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
    keras = _keras()
    keras.utils.set_random_seed(seed)
    model = compile_model(build_slide_model(), setting, len(lab.x_train))
    clock = _keras_classes()["EpochClock"]()
    callbacks = [
        clock,
        keras.callbacks.EarlyStopping(patience=setting.patience, restore_best_weights=True),
    ]
    if checkpoint_path is not None:
        callbacks.append(ModelCheckpoint(checkpoint_path, save_best_only=True))
    if progress:
        steps = -(-len(lab.x_train) // setting.batch_size)
        callbacks.append(_keras_classes()["TrainingProgress"](setting.max_epochs, steps))
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


# --------------------------------------------------------------------------
# saving and loading
# --------------------------------------------------------------------------


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
    cnn_utils.models.ModelFileError: /nonexistent/model.keras: no such file. ...
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
    keras = _keras()
    try:
        _keras_classes()  # registers the loss a saved model may name
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


#: The history of the original setting trained until early stopping stopped it (chapter 07),
#: written by tools/original_history.py and shipped with the package.
ORIGINAL_HISTORY = Path(__file__).resolve().parent / "data" / "original_history.json"


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
            f"{path}: missing; make it with `.venv/bin/python tools/original_history.py`"
        ) from None
    except (ValueError, KeyError, TypeError) as e:
        raise ValueError(
            f"{path}: not a training history ({e}); make it again with "
            "`.venv/bin/python tools/original_history.py`"
        ) from None
    record["best_epoch"] = min(range(len(losses)), key=lambda k: (losses[k], k)) + 1
    record["stopped"] = len(losses) < record["max_epochs"]
    return record


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


__all__ = [
    "BOOK_SETTING",
    "LabData",
    "ModelCheckpoint",
    "ModelFileError",
    "ORIGINAL_SETTING",
    "QUICK_SETTING",
    "SLIDE_INPUT",
    "SLIDE_LAYERS",
    "SlideLayer",
    "TrainingSetting",
    "architecture",
    "architecture_stages",
    "build_slide_model",
    "compile_model",
    "describe_training",
    "expected_params",
    "expected_shapes",
    "keras_output_shape",
    "layer_inputs",
    "layer_table",
    "load_or_train_model",
    "load_trained_model",
    "make_datasets",
    "model_path",
    "original_history",
    "prepare_data",
    "train_slide_model",
    "training_setting",
]
