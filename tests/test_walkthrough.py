"""cnn_utils.walkthrough: the walk through the trained model shows Keras's numbers.

- the stages, labels and shapes the page draws come from the model description
  (:data:`cnn_utils.models.SLIDE_LAYERS`): a changed description changes the page data;
- the data :func:`walk_data` writes, recomputed with NumPy, equals every intermediate
  output Keras computes (any slide model, real images);
- the walk committed in chapter 08 is consistent with the Keras probabilities it carries,
  holds a misclassified image and stays small;
- in Chromium (offline, no kernel), the committed walk is followed as a reader follows it:
  pick an image, click a value of the first convolution, see its window on the input, and
  follow it through pooling, the second convolution, Flatten and softmax to bars whose
  values are Keras's; the keyboard moves the pick, and axe-core finds nothing serious in
  the light and dark theme.
"""

from __future__ import annotations

import json
import re

import nbformat
import numpy as np
import pytest

from cnn_utils import models, walkthrough
from tests.helpers import ROOT

CHAPTER = ROOT / "chapters" / "08_visualization.ipynb"
DATA = re.compile(r"<script type=\"application/json\" data-cnn-walk-data>(.*?)</script>", re.S)
#: A slide model of other sizes: every layer with a size or a rate differs from the slides'.
CHANGED = (
    models.SlideLayer("Conv2D", 8),
    models.SlideLayer("MaxPooling2D", 2),
    models.SlideLayer("Conv2D", 16),
    models.SlideLayer("MaxPooling2D", 2),
    models.SlideLayer("Flatten"),
    models.SlideLayer("Dense", 20),
    models.SlideLayer("Dropout", 0.25),
    models.SlideLayer("Dense", 10, activation="softmax"),
)


def _committed_page() -> str:
    """The walk's HTML output as chapter 08 carries it."""
    for cell in nbformat.read(CHAPTER, as_version=4).cells:
        for out in cell.get("outputs", []):
            page = out.get("data", {}).get("text/html", "")
            if "data-cnn-walk" in page:
                return "".join(page)
    raise AssertionError("chapter 08 shows no walk")


def _walk_of(page: str) -> dict:
    return json.loads(DATA.search(page).group(1).replace("<\\/", "</"))


def _layer(walk: dict, key: str) -> dict:
    return next(layer for layer in walk["layers"] if layer["key"] == key)


def _describe(monkeypatch, layers) -> None:
    """Let the model description be ``layers``: where it is written (models.slide) and where
    the package re-exports it."""
    monkeypatch.setattr(models.slide, "SLIDE_LAYERS", layers)
    monkeypatch.setattr(models, "SLIDE_LAYERS", layers)


def test_the_stages_come_from_the_model_description(monkeypatch):
    """No label, size or count of the page is its own: change the description, the data changes."""
    shown = walkthrough.stages()
    assert [s["label"] for s in shown] == [
        "입력", "합성곱 1", "최대 풀링 1", "합성곱 2", "최대 풀링 2", "펼치기", "밀집 1",
        "드롭아웃", "밀집 2",
    ]  # fmt: skip
    assert [s["shape"] for s in shown[1:]] == [list(s) for s in models.expected_shapes()]
    _describe(monkeypatch, CHANGED[:4] + CHANGED[6:])  # no Flatten, Dense
    changed = walkthrough.stages()
    assert [s["key"] for s in changed] == ["input", "conv1", "pool1", "conv2", "pool2", "dropout",
                                           "dense"]  # fmt: skip
    assert changed[1]["shape"] == [28, 28, 8] and changed[-1]["label"] == "밀집"
    assert changed[-1]["activation"] == "softmax" and "activation" not in changed[-2]


def _committed_walk() -> tuple[dict, int]:
    """The walk chapter 08 carries, and the size of its HTML output in bytes."""
    page = _committed_page()
    return _walk_of(page), len(page.encode("utf-8"))


def test_the_committed_walk_agrees_with_the_probabilities_keras_gave():
    walk, size = _committed_walk()
    assert size < 400_000, f"the walk adds {size:,} bytes to the page"
    assert [layer["label"] for layer in walk["layers"]] == [
        s["label"] for s in walkthrough.stages()[1:]
    ]
    assert any(im["label"] != im["predicted"] for im in walk["images"]), "no misclassified image"
    assert len({im["label"] for im in walk["images"] if im["label"] == im["predicted"]}) >= 3
    for n, image in enumerate(walk["images"]):
        again = walkthrough.recompute(walk, n)
        for layer in walk["layers"]:
            assert list(again[layer["key"]].shape) == layer["shape"], layer["key"]
        assert np.abs(again["probabilities"] - image["probabilities"]).max() < 1e-5
        assert int(np.argmax(again["probabilities"])) == image["predicted"]
        assert abs(again["probabilities"].sum() - 1) < 1e-9


def _keras_equals_recomputed(model, walk, images) -> None:
    import keras

    layers = keras.Model(model.inputs, [layer.output for layer in model.layers])([images])
    for n in range(len(images)):
        again = walkthrough.recompute(walk, n)
        for entry, value in zip(walk["layers"], layers, strict=True):
            assert np.abs(again[entry["key"]] - np.asarray(value)[n]).max() < 1e-5, entry["key"]
        output = walk["layers"][-1]
        logits = np.asarray(layers[-2])[n] @ walkthrough.decode(output["kernel"])
        assert np.abs(again["logits"] - logits - walkthrough.decode(output["bias"])).max() < 1e-5
        assert np.abs(again["probabilities"] - np.asarray(layers[-1])[n]).max() < 1e-6


@pytest.mark.slow
def test_walk_data_recomputed_equals_every_keras_layer():
    import keras

    from cnn_utils import data

    keras.utils.set_random_seed(3)
    model = models.build_slide_model()  # any weights: the walk must carry them faithfully
    (_, _), (x_test, y_test) = data.load_fashion_mnist(verbose=False)
    images = (x_test[:3] / 255.0).astype("float32")[..., np.newaxis]
    walk = walkthrough.walk_data(model, images, y_test[:3], indices=[0, 1, 2])
    json.dumps(walk)  # the page carries it as JSON
    assert set(walk["images"][0]["outputs"]) == {"dense1"}  # 313,600 weights: its outputs
    assert "kernel" not in _layer(walk, "dense1") and "kernel" in _layer(walk, "dense2")
    _keras_equals_recomputed(model, walk, images)
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
def test_a_changed_description_changes_the_page_data(monkeypatch):
    """A slide model of other sizes is walked with its own sizes and labels, numbers exact."""
    import keras

    _describe(monkeypatch, CHANGED)
    keras.utils.set_random_seed(4)
    model = models.build_slide_model()
    images = np.random.default_rng(0).integers(0, 256, (2, 28, 28, 1)) / 255.0
    walk = walkthrough.walk_data(model, images.astype("float32"), [3, 7])
    assert [layer["shape"] for layer in walk["layers"]] == [
        [28, 28, 8], [14, 14, 8], [14, 14, 16], [7, 7, 16], [784], [20], [20], [10],
    ]  # fmt: skip
    assert _layer(walk, "dropout")["rate"] == 0.25
    assert "kernel" in _layer(walk, "dense1")  # 15,700 weights travel; no outputs do
    assert walk["images"][0]["outputs"] == {}
    _keras_equals_recomputed(model, walk, images.astype("float32"))


@pytest.mark.slow
def test_the_walk_refuses_a_model_of_other_sizes():
    """Same layer types, other sizes or activations: the walk would draw the slide model's."""
    import keras

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


def _partial_sums(maps: np.ndarray, kernel: np.ndarray, r: int, c: int, k: int) -> np.ndarray:
    """Each input map's share of a 'same' convolution's value at (r, c) of filter k."""
    f = kernel.shape[0]
    padded = np.pad(maps, ((f // 2, f // 2), (f // 2, f // 2), (0, 0)))
    return (padded[r : r + f, c : c + f, :] * kernel[:, :, :, k]).sum(axis=(0, 1))


def test_the_exercise_asks_what_the_walk_shows():
    """The checked question's answer is the map the walk shows adding most to that value."""
    walk, _ = _committed_walk()
    again = walkthrough.recompute(walk, 0)
    row, col = np.unravel_index(np.argmax(again["conv2"][:, :, 0]), again["conv2"].shape[:2])
    kernel = walkthrough.decode(_layer(walk, "conv2")["kernel"])
    parts = _partial_sums(again["pool1"], kernel, row, col, 0)
    bias = walkthrough.decode(_layer(walk, "conv2")["bias"])[0]
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


# --------------------------------------------------------------------------- in Chromium

_PAGE = (
    '<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>신경망 따라가기</title>'
    '<meta name="viewport" content="width=device-width, initial-scale=1"><style>'
    "body{font-family:sans-serif;max-width:820px;margin:0 auto;padding:8px}"
    "html[data-theme=dark] body{background:#121212;color:#e6edf3}</style></head>"
    "<body><main>{walk}</main></body></html>"
)


def _box(page, selector: str) -> tuple[float, float, float, float]:
    box = page.locator(selector).first.bounding_box()
    return box["x"], box["y"], box["width"], box["height"]


@pytest.mark.browser
@pytest.mark.slow
def test_a_reader_follows_a_value_through_the_walk(tmp_path):
    from tests import helpers as b

    page_html = _committed_page()
    walk = _walk_of(page_html)
    (tmp_path / "index.html").write_text(_PAGE.replace("{walk}", page_html), encoding="utf-8")
    with b.serve(tmp_path) as url, b.browser() as chromium:
        context, page, errors, blocked = b.open_page(chromium, url, "index.html")
        try:
            root = page.locator("[data-cnn-walk-ready]")
            root.wait_for()
            wrong = next(n for n, im in enumerate(walk["images"]) if im["label"] != im["predicted"])
            root.locator("[data-w-images] button").nth(wrong).click()
            again = walkthrough.recompute(walk, wrong)

            def card(key):
                return root.locator(f'[data-w-stage="{key}"]')

            def value(key) -> float:
                return float(card(key).locator(f'output[data-w-value="{key}"]').get_attribute(
                    "data-value"))  # fmt: skip

            def channel(key) -> int:
                return int(card(key).locator("button[aria-pressed=true]").get_attribute("data-k"))

            # the first convolution's maps side by side; pick map 3, then a value on it
            card("conv1").locator('button[data-k="3"]').click()
            assert channel("conv1") == 3
            k1 = 3
            r, c = np.unravel_index(np.argmax(again["conv1"][6:22, 6:22, k1]), (16, 16))
            r, c = int(r) + 6, int(c) + 6
            card("conv1").locator(f'[role=gridcell][data-r="{r}"][data-c="{c}"]').click()
            assert abs(value("conv1") - again["conv1"][r, c, k1]) < 1e-5
            # its 3x3 window is outlined on the input, which stays on screen
            image = card("input").locator("canvas")
            x0, y0, width, _ = _box(page, '[data-w-stage="input"] canvas')
            cell = width / walk["input"]["shape"][1]
            bx, by, bw, _ = _box(page, '[data-w-stage="input"] .w-box')
            assert (
                abs(bx + 2 - (x0 + (c - 1) * cell)) < 2 and abs(by + 2 - (y0 + (r - 1) * cell)) < 2
            )
            assert abs(bw - 4 - 3 * cell) < 2 and image.is_visible()
            # pooling: the 2x2 window of conv1 that holds the value, and its largest value
            s = _layer(walk, "pool1")["size"]
            assert abs(value("pool1") - again["pool1"][r // s, c // s, k1]) < 1e-5
            window = again["conv1"][r // s * s : r // s * s + s, c // s * s : c // s * s + s, k1]
            assert abs(value("pool1") - window.max()) < 1e-9
            # conv2: every pool1 map feeds it; the followed map's share is marked
            k2 = channel("conv2")
            r2, c2 = r // s, c // s
            assert abs(value("conv2") - again["conv2"][r2, c2, k2]) < 1e-5
            kernel = walkthrough.decode(_layer(walk, "conv2")["kernel"])
            parts = _partial_sums(again["pool1"], kernel, r2, c2, k2)
            bars = card("conv2").locator("[data-channel]")
            assert bars.count() == len(parts)
            assert np.allclose([float(bars.nth(n).get_attribute("data-value"))
                                for n in range(len(parts))], parts, atol=1e-5)  # fmt: skip
            assert card("conv2").locator("[data-channel].w-on").get_attribute(
                "data-channel"
            ) == str(k1)
            card("conv2").locator('button[data-k="5"]').click()  # another conv2 map, same place
            k2 = 5
            assert channel("conv2") == 5 and abs(value("conv2") - again["conv2"][r2, c2, 5]) < 1e-5
            # pool2 and Flatten: where the value lands among the 3,136
            r3, c3 = r2 // s, c2 // s
            assert abs(value("pool2") - again["pool2"][r3, c3, k2]) < 1e-5
            h, w, depth = again["pool2"].shape
            index = (r3 * w + c3) * depth + k2
            assert int(card("flatten").locator('output[data-w-value="flatten-index"]')
                       .get_attribute("data-value")) == index  # fmt: skip
            assert abs(value("flatten") - again["flatten"][index]) < 1e-9
            # softmax ends in bars with the Korean class names; their values are Keras's
            keras_probabilities = walk["images"][wrong]["probabilities"]
            bars = card("dense2").locator(".w-probs output[data-class]")
            assert bars.count() == len(walk["classes"])
            for n in range(bars.count()):
                j = int(bars.nth(n).get_attribute("data-class"))
                assert abs(float(bars.nth(n).get_attribute("data-value"))
                           - keras_probabilities[j]) < 1e-6  # fmt: skip
            text = card("dense2").inner_text()
            predicted = walk["classes"][walk["images"][wrong]["predicted"]]
            assert predicted in text and "틀렸습니다" in text and walk["classes"][0] in text
            # the keyboard moves the pick; the live summary says where the value went
            card("conv1").locator("[role=gridcell][aria-selected=true]").focus()
            page.keyboard.press("ArrowDown")
            page.keyboard.press("ArrowLeft")
            chosen = card("conv1").locator("[role=gridcell][aria-selected=true]")
            assert (int(chosen.get_attribute("data-r")), int(chosen.get_attribute("data-c"))) == (
                r + 1, c - 1)  # fmt: skip
            assert page.evaluate("document.activeElement.getAttribute('aria-selected')") == "true"
            assert abs(value("conv1") - again["conv1"][r + 1, c - 1, k1]) < 1e-5
            summary = root.locator("[data-w-summary]")
            assert summary.get_attribute("aria-live") == "polite"
            assert (
                f"({r + 1}, {c - 1})" in summary.inner_text() and predicted in summary.inner_text()
            )
            # axe-core on the walk, light and dark
            for theme in ("light", "dark"):
                page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
                serious = [
                    f"{v['id']}: {v['nodes'][0]['html'][:120]}"
                    for v in b.axe_violations(page)
                    if v["impact"] in b.SERIOUS
                ]
                assert serious == [], theme
            # a phone: the layers scroll sideways inside the walk, never the page
            page.set_viewport_size({"width": 390, "height": 900})
            strip = root.locator("[data-w-strip]")
            assert strip.evaluate("e => e.scrollWidth > e.clientWidth + 100")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            assert not errors, errors
            assert not blocked, blocked
        finally:
            context.close()
