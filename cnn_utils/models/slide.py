"""The slide model: one description of its layers, and the model built from it (06, 07).

:data:`SLIDE_LAYERS` says what each layer is; its shapes, parameter counts,
Keras code and Korean explanations are derived from it, and
:func:`build_slide_model` builds the Keras model from it. Chapters 06 and 07,
their quizzes and the walk-through read this one description. The functions
at the end read a built Keras model back (its architecture and shape table).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from cnn_utils import ops
from cnn_utils.environment import require_keras

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
        layers = require_keras().layers
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
    keras = require_keras()
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
    keras = require_keras()
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
