"""How the slide model is trained: the settings and the loss (chapter 07).

A :class:`TrainingSetting` holds everything but the architecture: batch size,
learning rate and its schedule, epochs, early stopping, the loss and which
images are used. :data:`ORIGINAL_SETTING` is the course's, :data:`BOOK_SETTING`
the book's, :data:`QUICK_SETTING` the book's on a subset (quick mode).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from cnn_utils.environment import quick_mode, require_keras


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
        >>> import numpy as np
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
        keras = require_keras()
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
        return require_keras().optimizers.Adam(learning_rate=self.learning_rate_for(train_size))

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


def smoothed_sparse_crossentropy(label_smoothing: float = 0.1):
    """Sparse categorical cross-entropy with label smoothing (chapter 07's loss).

    The target of an image is no longer 1 for its class and 0 for the other
    nine, but ``1 - label_smoothing + label_smoothing / 10`` and
    ``label_smoothing / 10``: the model is not pushed to be ever more sure,
    which on Fashion-MNIST gives a better test accuracy in fewer epochs.

    Examples
    --------
    >>> import numpy as np
    >>> loss = smoothed_sparse_crossentropy(0.1)
    >>> certain = np.eye(10, dtype="float32")[[3]]        # 100% on class 3
    >>> careful = np.full((1, 10), 0.01, "float32"); careful[0, 3] = 0.91
    >>> bool(loss(np.array([3]), careful) < loss(np.array([3]), certain))
    True
    """
    if not 0 <= label_smoothing < 1:
        raise ValueError(f"label_smoothing must be in [0, 1), got {label_smoothing!r}")
    return smoothed_loss_class()(label_smoothing)


@functools.cache
def smoothed_loss_class() -> type:
    """The Keras loss class of :func:`smoothed_sparse_crossentropy`, made once Keras is imported.

    Made on first use, so that importing :mod:`cnn_utils.models` does not import
    TensorFlow; making it registers it with Keras, so a saved model that names
    it loads with ``safe_mode=True`` (:func:`cnn_utils.models.load_trained_model`
    calls this first).

    Examples
    --------
    >>> smoothed_loss_class().__name__, smoothed_loss_class() is smoothed_loss_class()
    ('SmoothedSparseCrossentropy', True)
    """
    keras = require_keras()

    @keras.saving.register_keras_serializable(package="cnn_utils")
    class SmoothedSparseCrossentropy(keras.losses.Loss):
        """Categorical cross-entropy with label smoothing, on integer labels.

        Keras's ``SparseCategoricalCrossentropy`` has no ``label_smoothing``
        and its ``CategoricalCrossentropy`` wants one-hot labels; this takes
        the labels as the chapters keep them (0-9) and one-hot encodes them
        inside.
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

    return SmoothedSparseCrossentropy
