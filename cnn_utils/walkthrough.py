"""The trained slide model followed value by value, for one image at a time (chapter 08).

:func:`walk_data` reads what a browser needs from a trained slide model and a few test
images: their pixels, the weights of both convolution layers and of the output layer,
and, where the browser cannot recompute cheaply, what Keras computed: the 100 values of
the first Dense layer (its 313,600 weights would add 2.4 MB to the page) and the ten
probabilities. :func:`show` displays the walk as one HTML output whose small script
(``walk.js``, shipped with this package) recomputes the convolutions, the pooling, the
output layer and softmax from those numbers and explains any value the reader picks.
The same output works in the web book (no kernel), Colab, JupyterLab and the PDF.

Weights and Dense values travel as base64 float32 (exactly what Keras holds); pixels as
the integers 0-255 of the Fashion-MNIST file (the model reads pixel / 255).
"""

from __future__ import annotations

import base64
import json
from importlib import resources

import numpy as np

from cnn_utils import data as data_mod
from cnn_utils import models, ops
from cnn_utils.environment import import_tensorflow_quietly

#: The slide model's layers as the walk reads them (Keras class names, in order).
SLIDE_KINDS = tuple(layer.kind for layer in models.SLIDE_LAYERS)
#: Pixels are stored as integers and read by the model as pixel / PIXEL_SCALE.
PIXEL_SCALE = 255


def _float32(values) -> dict:
    """An array as ``{"shape", "b64"}``: little-endian float32, base64 (exact, a third of JSON's size)."""  # noqa: E501
    array = np.asarray(values, dtype="<f4")
    return {"shape": list(array.shape), "b64": base64.b64encode(array.tobytes()).decode("ascii")}


def decode(packed: dict) -> np.ndarray:
    """The float32 array that :func:`walk_data` packed (what the page's script reads).

    Examples
    --------
    >>> decode(_float32([[0.5, -1.25], [3.0, 0.1]]))
    array([[ 0.5 , -1.25],
           [ 3.  ,  0.1 ]], dtype=float32)
    """
    raw = base64.b64decode(packed["b64"])
    return np.frombuffer(raw, dtype="<f4").reshape(packed["shape"])


def pick_examples(labels, predictions, *, right: int = 4, wrong: int = 1) -> list[int]:
    """Indices of ``right`` correctly classified images of different classes, then ``wrong``
    misclassified ones, in the order of the test set.

    Examples
    --------
    >>> pick_examples([9, 2, 1, 1, 6, 1], [9, 2, 1, 1, 4, 1], right=3, wrong=1)
    [0, 1, 2, 4]
    """
    labels, predictions = np.asarray(labels), np.asarray(predictions)
    chosen, classes = [], set()
    for k, (y, p) in enumerate(zip(labels, predictions, strict=True)):
        if y == p and y not in classes and len(classes) < right:
            chosen.append(k)
            classes.add(int(y))
    mistakes = np.flatnonzero(labels != predictions)[:wrong]
    return sorted(chosen + [int(k) for k in mistakes])


def _slide_weights(slide: models.SlideLayer, before: tuple[int, ...]) -> list[tuple[int, ...]]:
    """The shapes of a slide-model layer's kernel and bias for an input of shape ``before``."""
    if slide.kind == "Conv2D":
        f = models.SLIDE_FILTER_SIZE
        return [(f, f, before[-1], int(slide.size)), (int(slide.size),)]
    if slide.kind == "Dense":
        return [(before[0], int(slide.size)), (int(slide.size),)]
    return []


def _difference(layer, slide: models.SlideLayer, before, after) -> str | None:
    """What makes a Keras layer differ from the slide model's layer, in words (None: nothing)."""
    try:
        output = tuple(layer.output.shape[1:])
    except (AttributeError, ValueError):  # never called: a model without keras.Input
        return "it has not been built on 28x28x1 inputs (start the model with keras.Input)"
    if output != tuple(after):
        return f"its output is {output}, not {tuple(after)}"
    weights = [tuple(w.shape) for w in layer.get_weights()]
    if weights != _slide_weights(slide, before):
        want = _slide_weights(slide, before)
        return f"its weights are {', '.join(map(str, weights))}, not {', '.join(map(str, want))}"
    activation = getattr(getattr(layer, "activation", None), "__name__", None)
    want = "relu" if slide.kind == "Conv2D" else slide.activation
    if slide.kind in ("Conv2D", "Dense") and activation != want:
        return f"its activation is {activation!r}, not {want!r}"
    if slide.kind == "Conv2D" and (layer.padding != "same" or tuple(layer.strides) != (1, 1)):
        return f"its padding and strides are {layer.padding!r}, {layer.strides}"
    return None


def _check_model(model) -> None:
    """Refuse any model but the slide model: the walk draws the slide model's layers, sizes
    and activations (3×3 filters, 32 and 64 of them, Dense(100), ...), whatever the weights."""
    kinds = tuple(type(layer).__name__ for layer in model.layers)
    if kinds != SLIDE_KINDS:
        raise ValueError(
            f"model must be the slide model ({' → '.join(SLIDE_KINDS)}), got {' → '.join(kinds)}"
        )
    layers = zip(
        model.layers, models.SLIDE_LAYERS, models.layer_inputs(), models.expected_shapes(),
        strict=True,
    )  # fmt: skip
    for k, (layer, slide, before, after) in enumerate(layers):
        difference = _difference(layer, slide, before, after)
        if difference:
            raise ValueError(
                f"model must be the slide model: layer {k} ({layer.name}) is not "
                f"{slide.code()}: {difference}"
            )


def walk_data(model, images, labels, *, indices=None) -> dict:
    """Everything the walk shows, JSON-serialisable (see the module docstring).

    Parameters
    ----------
    model : keras.Model
        The trained slide model (:func:`cnn_utils.models.build_slide_model`'s layers).
    images : array (N, 28, 28, 1) or (N, 28, 28)
        Test images as the model reads them: pixel / 255, so every value is k / 255.
    labels : array (N,)
        Their classes (0-9).
    indices : sequence of int, optional
        Their indices in the test set (shown to the reader); 0, 1, ... by default.

    Raises
    ------
    ValueError
        When the model is not the slide model, or an image is not 28x28 of k / 255 values.
    """
    _check_model(model)
    images = np.asarray(images, dtype=np.float32)
    if images.ndim == 3:
        images = images[..., np.newaxis]
    if images.ndim != 4 or images.shape[1:] != (28, 28, 1) or len(images) == 0:
        raise ValueError(f"images must be (N, 28, 28, 1) with N >= 1, got {images.shape}")
    pixels = np.rint(images * PIXEL_SCALE)
    if not (np.abs(pixels / PIXEL_SCALE - images) < 1e-6).all() or pixels.min() < 0:
        raise ValueError("images must hold pixel / 255 values (as data.load_fashion_mnist gives)")
    labels = np.asarray(labels).astype(int)
    if labels.shape != (len(images),):
        raise ValueError(f"labels must have one class per image: {len(images)} images")
    indices = list(range(len(images))) if indices is None else [int(k) for k in indices]

    import_tensorflow_quietly()
    import keras

    hidden_layer, output_layer = model.layers[5], model.layers[7]
    # called directly (eagerly): predict() would trace a new function for each batch size
    values = np.asarray(keras.Model(model.inputs, hidden_layer.output)([images], training=False))
    probabilities = np.asarray(model(images, training=False))
    conv1, conv2 = model.layers[0].get_weights(), model.layers[2].get_weights()
    out_kernel, out_bias = output_layer.get_weights()
    names = data_mod.CLASS_NAMES
    return {
        "pixel_scale": PIXEL_SCALE,
        "classes": [c.ko for c in names],
        "pool": int(model.layers[1].pool_size[0]),
        "conv": [
            {"kernel": _float32(conv1[0]), "bias": _float32(conv1[1])},
            {"kernel": _float32(conv2[0]), "bias": _float32(conv2[1])},
        ],
        "out": {"kernel": _float32(out_kernel), "bias": _float32(out_bias)},
        "hidden_weights": int(model.layers[5].get_weights()[0].size),
        "dropout": float(model.layers[6].rate),
        "images": [
            {
                "index": indices[n],
                "label": int(labels[n]),
                "predicted": int(np.argmax(probabilities[n])),
                "pixels": pixels[n, :, :, 0].astype(int).ravel().tolist(),
                "hidden": _float32(values[n]),
                "probabilities": [float(p) for p in probabilities[n]],
            }
            for n in range(len(images))
        ],
    }


def recompute(walk: dict, n: int) -> dict[str, np.ndarray]:
    """Image ``n`` of a walk computed again with NumPy from the numbers the walk carries.

    What the page's script computes, done by :mod:`cnn_utils.ops`: the maps of both
    convolutions ('same' padding, bias, ReLU) and poolings, the output layer's logits
    from the carried Dense values, and softmax. Chapter 08 and the tests compare these
    with Keras.

    Examples
    --------
    >>> walk = {"pixel_scale": 255, "pool": 2, "images": [{"pixels": [255] * 784,
    ...         "hidden": _float32(np.ones(4))}],
    ...         "conv": [{"kernel": _float32(np.ones((3, 3, 1, 1))), "bias": _float32([0.0])},
    ...                  {"kernel": _float32(np.ones((3, 3, 1, 1))), "bias": _float32([-1.0])}],
    ...         "out": {"kernel": _float32(np.eye(4)[:, :2]), "bias": _float32([0.0, 0.0])}}
    >>> again = recompute(walk, 0)
    >>> again["conv1"].shape, float(again["conv1"][5, 5, 0]), again["probabilities"].tolist()
    ((28, 28, 1), 9.0, [0.5, 0.5])
    """
    image = walk["images"][n]
    x = np.asarray(image["pixels"], dtype=float).reshape(28, 28, 1) / walk["pixel_scale"]
    maps = {}
    for k, layer in enumerate(walk["conv"], start=1):
        kernel, bias = decode(layer["kernel"]).astype(float), decode(layer["bias"]).astype(float)
        x = np.maximum(ops.conv2d(x, kernel, padding="same") + bias, 0.0)
        maps[f"conv{k}"] = x
        x = ops.max_pool2d(x, walk["pool"])
        maps[f"pool{k}"] = x
    hidden = decode(image["hidden"]).astype(float)
    logits = hidden @ decode(walk["out"]["kernel"]) + decode(walk["out"]["bias"])
    return maps | {"hidden": hidden, "logits": logits, "probabilities": ops.softmax(logits)}


#: The script that draws the walk (the same file in every reader).
SCRIPT = "walk.js"


def walk_html(walk: dict) -> str:
    """The walk as one self-contained HTML fragment: its data, its style and its script.

    Examples
    --------
    >>> page = walk_html({"images": []})
    >>> page.startswith('<div class="cnn-walk"') and page.count("<script") == 2
    True
    """
    script = resources.files("cnn_utils").joinpath(SCRIPT).read_text(encoding="utf-8")
    payload = json.dumps(walk, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return (
        '<div class="cnn-walk" data-cnn-walk>'
        f'<script type="application/json" data-cnn-walk-data>{payload}</script>'
        "<noscript>이 그림은 자바스크립트로 그립니다.</noscript></div>"
        f"<script>{script}</script>"
    )


class Walk:
    """What a notebook cell displays: the HTML walk, with a one-line text fallback."""

    def __init__(self, walk: dict):
        self.walk = walk

    def _repr_html_(self) -> str:
        return walk_html(self.walk)

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{im['index']}번({self.walk['classes'][im['label']]})" for im in self.walk["images"]
        )
        return f"<신경망 따라가기: 테스트 이미지 {shown}>"


def show(model, images, labels, *, indices=None) -> Walk:
    """Display the walk of ``images`` through ``model`` (chapter 08); see :func:`walk_data`."""
    return Walk(walk_data(model, images, labels, indices=indices))


__all__ = [
    "PIXEL_SCALE",
    "SLIDE_KINDS",
    "Walk",
    "decode",
    "pick_examples",
    "recompute",
    "show",
    "walk_data",
]
