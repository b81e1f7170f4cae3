"""The trained slide model followed value by value, for one image at a time (chapter 08).

:func:`stages` reads the model description (:data:`cnn_utils.models.SLIDE_LAYERS`): the
walk's stages, their Korean labels and their shapes. :func:`walk_data` adds what a
browser needs from a trained slide model and a few test images: their pixels, the
weights of every layer small enough to carry (both convolutions and the output layer),
and, for a layer too large to carry (the first Dense layer's 313,600 weights would add
1.6 MB to the page), the outputs Keras computed for each image, with Keras's
probabilities. :func:`show` displays the walk as one HTML output whose script
(``walk.js``, shipped with this package) recomputes every other layer from those numbers,
draws the layers side by side and follows the value the reader picks through them. The
same output works in the web book (no kernel), Colab, JupyterLab and the PDF.

Weights and carried outputs travel as base64 float32 (exactly what Keras holds); pixels
as the integers 0-255 of the Fashion-MNIST file (the model reads pixel / 255)."""

from __future__ import annotations

import base64
import json
from importlib import resources

import matplotlib
import numpy as np

from cnn_utils import data as data_mod
from cnn_utils import models, ops
from cnn_utils.environment import import_tensorflow_quietly
from cnn_utils.viz import LAYER_LABELS

#: Pixels are stored as integers and read by the model as pixel / PIXEL_SCALE.
PIXEL_SCALE = 255
#: A layer whose weights hold at most this many numbers carries them, and the page
#: recomputes its outputs; a larger one (the first Dense layer's 313,600 weights, 1.6 MB
#: as base64) carries its outputs for each image instead.
CARRY_WEIGHTS_UP_TO = 50_000
#: The colour map the walk draws images and feature maps with: the one chapter 08's
#: figures use (:func:`cnn_utils.viz.show_images`' default; dark = small, bright = large).
IMAGE_CMAP = "gray"
#: The short key of each kind of layer: the page data and :func:`recompute` name a
#: layer's output by it (``conv1``, ``pool2``, ...).
KEYS = {
    "Conv2D": "conv",
    "MaxPooling2D": "pool",
    "Flatten": "flatten",
    "Dense": "dense",
    "Dropout": "dropout",
}


def colour_ramp(name: str = IMAGE_CMAP, stops: int = 5) -> list[str]:
    """Evenly spaced colours of a Matplotlib colour map, which the page interpolates.

    Examples
    --------
    >>> colour_ramp(stops=3)
    ['#000000', '#808080', '#ffffff']
    """
    cmap = matplotlib.colormaps[name]
    return [matplotlib.colors.to_hex(cmap(t)) for t in np.linspace(0.0, 1.0, stops)]


def slide_kinds() -> tuple[str, ...]:
    """The slide model's layers as the walk reads them: Keras class names, in order.

    Examples
    --------
    >>> slide_kinds()[:3]
    ('Conv2D', 'MaxPooling2D', 'Conv2D')
    """
    return tuple(layer.kind for layer in models.SLIDE_LAYERS)


def stages() -> list[dict]:
    """The walk's stages from the model description :data:`cnn_utils.models.SLIDE_LAYERS`.

    One entry for the input, then one per layer: ``key`` (how the page data and
    :func:`recompute` name its output), ``kind`` (the Keras class), ``label`` (its
    Korean name, numbered when the kind comes more than once), ``shape`` (its output,
    by chapter 06's formula) and ``activation`` for the layers that have one. The page
    draws these stages, labels and shapes; it knows no layer of its own (chapter 08).

    Examples
    --------
    >>> [(s["key"], s["label"], s["shape"]) for s in stages()][:3]
    [('input', '입력', [28, 28, 1]), ('conv1', '합성곱 1', [28, 28, 32]), ('pool1', '최대 풀링 1', [14, 14, 32])]
    >>> [(s["label"], s["shape"], s.get("activation")) for s in stages()][-3:]
    [('밀집 1', [100], 'relu'), ('드롭아웃', [100], None), ('밀집 2', [10], 'softmax')]
    """  # noqa: E501
    kinds = slide_kinds()
    seen: dict[str, int] = {}
    found = [{"key": "input", "kind": "Input", "label": LAYER_LABELS["Input"],
              "shape": list(models.SLIDE_INPUT)}]  # fmt: skip
    for slide, shape in zip(models.SLIDE_LAYERS, models.expected_shapes(), strict=True):
        seen[slide.kind] = seen.get(slide.kind, 0) + 1
        repeated = kinds.count(slide.kind) > 1
        stage = {
            "key": KEYS[slide.kind] + (str(seen[slide.kind]) if repeated else ""),
            "kind": slide.kind,
            "label": LAYER_LABELS[slide.kind] + (f" {seen[slide.kind]}" if repeated else ""),
            "shape": list(shape),
        }
        if slide.kind in ("Conv2D", "Dense"):
            stage["activation"] = "relu" if slide.kind == "Conv2D" else slide.activation
        found.append(stage)
    return found


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
    kinds, want = tuple(type(layer).__name__ for layer in model.layers), slide_kinds()
    if kinds != want:
        raise ValueError(
            f"model must be the slide model ({' → '.join(want)}), got {' → '.join(kinds)}"
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

    # each Keras layer with its stage: _check_model matched them kind by kind
    layers = []
    for layer, stage in zip(model.layers, stages()[1:], strict=True):
        entry = dict(stage, name=layer.name)
        weights = layer.get_weights()
        if stage["kind"] == "MaxPooling2D":
            entry["size"] = int(layer.pool_size[0])
        elif stage["kind"] == "Dropout":
            entry["rate"] = float(layer.rate)
        elif weights:
            entry["weights"] = int(sum(w.size for w in weights))
            if entry["weights"] <= CARRY_WEIGHTS_UP_TO:
                entry["kernel"], entry["bias"] = _float32(weights[0]), _float32(weights[1])
        layers.append((layer, entry))
    carried = [
        (layer, entry) for layer, entry in layers if "weights" in entry and "kernel" not in entry
    ]
    # called directly (eagerly): predict() would trace a new function for each batch size
    outputs = []
    if carried:
        found = keras.Model(model.inputs, [layer.output for layer, _ in carried])(
            [images], training=False
        )
        outputs = [np.asarray(o) for o in (found if isinstance(found, list | tuple) else [found])]
    probabilities = np.asarray(model(images, training=False))
    return {
        "pixel_scale": PIXEL_SCALE,
        "ramp": colour_ramp(),
        "classes": [c.ko for c in data_mod.CLASS_NAMES],
        "input": stages()[0],
        "layers": [entry for _, entry in layers],
        "images": [
            {
                "index": indices[n],
                "label": int(labels[n]),
                "predicted": int(np.argmax(probabilities[n])),
                "pixels": pixels[n, :, :, 0].astype(int).ravel().tolist(),
                "outputs": {
                    entry["key"]: _float32(values[n])
                    for (_, entry), values in zip(carried, outputs, strict=True)
                },
                "probabilities": [float(p) for p in probabilities[n]],
            }
            for n in range(len(images))
        ],
    }


#: What each activation does, as the page's script does it.
ACTIVATIONS = {"relu": lambda z: np.maximum(z, 0.0), "softmax": ops.softmax, "linear": lambda z: z}


def recompute(walk: dict, n: int) -> dict[str, np.ndarray]:
    """Image ``n`` of a walk computed again with NumPy from the numbers the walk carries.

    What the page's script computes, done by :mod:`cnn_utils.ops`, layer by layer as the
    walk's ``layers`` describe them: convolutions ('same' padding, bias, activation),
    poolings, Flatten (row by row, channels fastest, as Keras), the Dense layers whose
    weights the walk carries, and the outputs it carries for the others. The result
    holds every layer's output by its key (``conv1``, ``pool1``, ...), the output
    layer's ``logits`` and the ``probabilities``. Chapter 08 and the tests compare these
    with Keras.

    Examples
    --------
    >>> one = {"shape": [1, 1, 1, 1], "b64": _float32(np.ones((1, 1, 1, 1)))["b64"]}
    >>> walk = {"pixel_scale": 255, "input": {"shape": [2, 2, 1]},
    ...         "images": [{"pixels": [255, 0, 0, 255], "outputs": {"dense1": _float32([1, 3])}}],
    ...         "layers": [{"key": "conv1", "kind": "Conv2D", "activation": "relu",
    ...                     "kernel": one, "bias": _float32([-0.5])},
    ...                    {"key": "pool1", "kind": "MaxPooling2D", "size": 2},
    ...                    {"key": "flatten", "kind": "Flatten"},
    ...                    {"key": "dense1", "kind": "Dense", "activation": "relu"},
    ...                    {"key": "dense2", "kind": "Dense", "activation": "softmax",
    ...                     "kernel": _float32(np.eye(2)), "bias": _float32([0, 0])}]}
    >>> again = recompute(walk, 0)
    >>> again["conv1"][:, :, 0].tolist(), again["pool1"].tolist(), again["logits"].tolist()
    ([[0.5, 0.0], [0.0, 0.5]], [[[0.5]]], [1.0, 3.0])
    >>> again["probabilities"].round(3).tolist()
    [0.119, 0.881]
    """
    image = walk["images"][n]
    shape = walk["input"]["shape"]
    x = np.asarray(image["pixels"], dtype=float).reshape(shape) / walk["pixel_scale"]
    found = {"input": x}
    for layer in walk["layers"]:
        kind = layer["kind"]
        if kind == "Conv2D":
            kernel, bias = decode(layer["kernel"]).astype(float), decode(layer["bias"])
            x = ACTIVATIONS[layer["activation"]](ops.conv2d(x, kernel, padding="same") + bias)
        elif kind == "MaxPooling2D":
            x = ops.max_pool2d(x, layer["size"])
        elif kind == "Flatten":
            x = x.reshape(-1)
        elif kind == "Dense" and "kernel" in layer:
            z = x @ decode(layer["kernel"]).astype(float) + decode(layer["bias"])
            if layer["activation"] == "softmax":
                found["logits"] = z
            x = ACTIVATIONS[layer["activation"]](z)
        elif kind == "Dense":
            x = decode(image["outputs"][layer["key"]]).astype(float)
        found[layer["key"]] = x
    return found | {"probabilities": x}


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
    "CARRY_WEIGHTS_UP_TO",
    "IMAGE_CMAP",
    "colour_ramp",
    "Walk",
    "decode",
    "pick_examples",
    "recompute",
    "show",
    "slide_kinds",
    "stages",
    "walk_data",
]
