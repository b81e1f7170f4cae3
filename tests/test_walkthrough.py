"""cnn_utils.walkthrough: the walk through the trained model shows Keras's numbers.

- the data :func:`walk_data` writes, recomputed with NumPy, equals every intermediate
  output Keras computes (any slide model, real images);
- the walk committed in chapter 08 is consistent with the Keras probabilities it carries,
  holds a misclassified image and stays small;
- in the built web book (Chromium, offline) the values the page explains are those numbers,
  the keyboard moves through a map, and the exercise's answer is what the page shows.
"""

from __future__ import annotations

import json
import re

import nbformat
import numpy as np
import pytest

from cnn_utils import exercises, walkthrough
from tests.helpers import ROOT

CHAPTER = ROOT / "chapters" / "08_visualization.ipynb"
DATA = re.compile(r"<script type=\"application/json\" data-cnn-walk-data>(.*?)</script>", re.S)


def _committed_walk() -> tuple[dict, int]:
    """The walk chapter 08 carries, and the size of its HTML output in bytes."""
    for cell in nbformat.read(CHAPTER, as_version=4).cells:
        for out in cell.get("outputs", []):
            page = out.get("data", {}).get("text/html", "")
            if "data-cnn-walk" in page:
                return json.loads(DATA.search(page).group(1).replace("<\\/", "</")), len(page)
    raise AssertionError("chapter 08 shows no walk")


def test_the_committed_walk_agrees_with_the_probabilities_keras_gave():
    walk, size = _committed_walk()
    assert size < 1_500_000, f"the walk adds {size:,} bytes to the page"
    assert any(im["label"] != im["predicted"] for im in walk["images"]), "no misclassified image"
    assert len({im["label"] for im in walk["images"] if im["label"] == im["predicted"]}) >= 3
    for n, image in enumerate(walk["images"]):
        again = walkthrough.recompute(walk, n)
        assert again["conv1"].shape == (28, 28, 32) and again["pool2"].shape == (7, 7, 64)
        assert np.abs(again["probabilities"] - image["probabilities"]).max() < 1e-5
        assert int(np.argmax(again["probabilities"])) == image["predicted"]
        assert abs(again["probabilities"].sum() - 1) < 1e-9


@pytest.mark.slow
def test_walk_data_recomputed_equals_every_keras_layer():
    import keras

    from cnn_utils import data, models

    keras.utils.set_random_seed(3)
    model = models.build_slide_model()  # any weights: the walk must carry them faithfully
    (_, _), (x_test, y_test) = data.load_fashion_mnist(verbose=False)
    images = (x_test[:3] / 255.0).astype("float32")[..., np.newaxis]
    walk = walkthrough.walk_data(model, images, y_test[:3], indices=[0, 1, 2])
    json.dumps(walk)  # the page carries it as JSON
    layers = keras.Model(model.inputs, [layer.output for layer in model.layers])([images])
    names = ["conv1", "pool1", "conv2", "pool2", None, "hidden"]
    for n in range(3):
        again = walkthrough.recompute(walk, n)
        for name, value in zip(names, layers, strict=False):
            if name:
                assert np.abs(again[name] - np.asarray(value)[n]).max() < 1e-5, name
        logits = np.asarray(layers[6])[n] @ model.layers[7].get_weights()[0]
        logits += model.layers[7].get_weights()[1]
        assert np.abs(again["logits"] - logits).max() < 1e-5
        assert np.abs(again["probabilities"] - np.asarray(layers[7])[n]).max() < 1e-6
    # careless input is named
    with pytest.raises(ValueError, match="model must be the slide model"):
        walkthrough.walk_data(keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)]), [], [])
    with pytest.raises(ValueError, match=r"images must be \(N, 28, 28, 1\)"):
        walkthrough.walk_data(model, np.zeros((2, 14, 14)), [0, 1])
    with pytest.raises(ValueError, match="pixel / 255"):
        walkthrough.walk_data(model, np.full((1, 28, 28, 1), 0.3337), [0])
    with pytest.raises(ValueError, match="one class per image"):
        walkthrough.walk_data(model, images, [0])


@pytest.mark.slow
def test_the_walk_refuses_a_model_of_other_sizes():
    """Same layer types, other sizes or activations: the walk would draw the slide model's."""
    import keras

    from cnn_utils import models

    def model(changes):
        built = keras.Sequential([keras.Input(models.SLIDE_INPUT)])
        for k, layer in enumerate(models.SLIDE_LAYERS):
            built.add(changes.get(k, layer.keras_layer()))
        return built

    layers = keras.layers
    images = np.zeros((1, 28, 28, 1))
    for changes, message in (
        ({5: layers.Dense(64, activation="relu")}, r"layer 5 \(dense.*\) is not Dense\(100.*(64,)"),
        ({0: layers.Conv2D(32, 5, activation="relu", padding="same")}, r"\(5, 5, 1, 32\)"),
        (
            {2: layers.Conv2D(64, 3, activation="sigmoid", padding="same")},
            "activation is 'sigmoid'",
        ),
        ({1: layers.MaxPooling2D(2, strides=1)}, r"output is \(27, 27, 32\), not \(14, 14, 32\)"),
        ({7: layers.Dense(10, activation="relu")}, "activation is 'relu', not 'softmax'"),
    ):
        with pytest.raises(ValueError, match="model must be the slide model: .*" + message):
            walkthrough.walk_data(model(changes), images, [0])
    unbuilt = keras.Sequential([layer.keras_layer() for layer in models.SLIDE_LAYERS])
    with pytest.raises(ValueError, match="has not been built on 28x28x1 inputs"):
        walkthrough.walk_data(unbuilt, images, [0])


def test_the_exercise_asks_what_the_walk_shows():
    """The checked question's answer is the channel the walk names for that value."""
    walk, _ = _committed_walk()
    again = walkthrough.recompute(walk, 0)
    row, col = np.unravel_index(np.argmax(again["conv2"][:, :, 0]), (14, 14))
    kernel = walkthrough.decode(walk["conv"][1]["kernel"])
    parts = exercises.channel_sums(again["pool1"], kernel, row, col, 0)
    bias = walkthrough.decode(walk["conv"][1]["bias"])[0]
    assert abs(parts.sum() + bias - again["conv2"][row, col, 0]) < 1e-5
    nb = nbformat.read(CHAPTER, as_version=4)
    shown = [
        out["data"]["text/vnd.cnn-book.exercise+html"]
        for cell in nb.cells
        for out in cell.get("outputs", [])
        if "strongest-channel" in out.get("data", {}).get("text/vnd.cnn-book.exercise+html", "")
    ]
    assert shown, "chapter 08 has no strongest-channel exercise"
    data = json.loads(re.search(r"data-cnn-data>(.*?)</script>", shown[0], re.S).group(1))
    assert data["problems"][0]["checks"]["main"]["answer"]["main"] == int(np.argmax(parts))


# --------------------------------------------------------------------------- in the web book


@pytest.mark.browser
@pytest.mark.slow
def test_the_walk_in_the_web_book(build_log):
    from tests import helpers
    from tests.helpers import HTML

    assert build_log.returncode == 0
    walk, _ = _committed_walk()
    with helpers.serve(HTML) as url, helpers.browser() as chromium:
        context, page, errors, blocked = helpers.open_page(
            chromium, url, "chapters/08_visualization.html", timeout_ms=60000
        )
        try:
            root = page.locator("[data-cnn-walk-ready]")
            root.wait_for()
            root.scroll_into_view_if_needed()
            wrong = next(n for n, im in enumerate(walk["images"]) if im["label"] != im["predicted"])
            root.locator("[data-w-images] button").nth(wrong).click()
            again = walkthrough.recompute(walk, wrong)

            def shown() -> float:
                return float(
                    root.locator("[data-w-explain] output").last.get_attribute("data-value")
                )

            def selected() -> tuple[int, int]:
                cell = root.locator("[role=gridcell][aria-selected=true]")
                return int(cell.get_attribute("data-r")), int(cell.get_attribute("data-c"))

            # conv1: the brightest cell of map 0 is picked; the arrow keys move the choice
            root.locator('[data-w-stage="conv1"]').click()
            r, c = selected()
            assert abs(shown() - again["conv1"][r, c, 0]) < 1e-5
            root.locator("[role=gridcell][aria-selected=true]").focus()
            page.keyboard.press("ArrowDown")
            page.keyboard.press("ArrowLeft")
            r2, c2 = selected()
            assert (r2, c2) == (min(r + 1, 27), max(c - 1, 0))
            assert (
                page.evaluate("() => document.activeElement.getAttribute('aria-selected')")
                == "true"
            )
            assert abs(shown() - again["conv1"][r2, c2, 0]) < 1e-5
            assert "ReLU" in root.locator("[data-w-explain]").inner_text()

            # conv2 on another map: every channel's partial sum, and their total
            root.locator('[data-w-stage="conv2"]').click()
            root.locator("[data-w-controls] select").select_option("5")
            r, c = selected()
            kernel = walkthrough.decode(walk["conv"][1]["kernel"])
            parts = exercises.channel_sums(again["pool1"], kernel, r, c, 5)
            cells = root.locator("[data-w-explain] td[data-channel]")
            assert cells.count() == 32
            for ch in (0, 17, 31):
                value = float(cells.nth(ch).get_attribute("data-value"))
                assert abs(value - parts[ch]) < 1e-5
            assert abs(shown() - again["conv2"][r, c, 5]) < 1e-5

            # a pooled value is the largest of its 2x2 window
            root.locator('[data-w-stage="pool2"]').click()
            r, c = selected()
            assert abs(shown() - again["pool2"][r, c, 0]) < 1e-5
            assert (
                abs(
                    again["pool2"][r, c, 0]
                    - again["conv2"][2 * r : 2 * r + 2, 2 * c : 2 * c + 2, 0].max()
                )
                < 1e-9
            )  # noqa: E501

            # softmax: every probability, summing to 1, and the predicted class in Korean
            root.locator('[data-w-stage="softmax"]').click()
            probs = root.locator("[data-w-explain] td[data-class]")
            assert probs.count() == 10
            for k in range(10):
                j = int(probs.nth(k).get_attribute("data-class"))
                assert (
                    abs(float(probs.nth(k).get_attribute("data-value")) - again["probabilities"][j])
                    < 1e-6
                )  # noqa: E501
            text = root.locator("[data-w-explain]").inner_text()
            assert (
                walk["classes"][walk["images"][wrong]["predicted"]] in text and "틀렸습니다" in text
            )
            assert not errors, errors
            assert not blocked, blocked
        finally:
            context.close()
