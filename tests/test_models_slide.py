"""Tests of cnn_utils.models.slide: the slide model built from its description."""

from __future__ import annotations

import importlib.util

import pytest

if importlib.util.find_spec("tensorflow") is None:  # found, not imported: collection stays fast
    pytest.skip("TensorFlow is not installed", allow_module_level=True)

from cnn_utils import models  # noqa: E402

# Every test here imports TensorFlow: `make test-fast` leaves them to `make test`.
pytestmark = pytest.mark.slow


def test_slide_model_shapes_and_parameters():
    model = models.build_slide_model()
    rows = models.layer_table(model)
    assert [r["class"] for r in rows] == [
        "Conv2D",
        "MaxPooling2D",
        "Conv2D",
        "MaxPooling2D",
        "Flatten",
        "Dense",
        "Dropout",
        "Dense",
    ]
    outputs = [r["output"] for r in rows]
    assert outputs == [
        (None, 28, 28, 32),
        (None, 14, 14, 32),
        (None, 14, 14, 64),
        (None, 7, 7, 64),
        (None, 3136),
        (None, 100),
        (None, 100),
        (None, 10),
    ]
    assert outputs == [(None, *shape) for shape in models.expected_shapes()]
    assert [r["params"] for r in rows] == [320, 0, 18496, 0, 0, 313700, 0, 1010]
    assert [p for _, _, p in models.expected_params()] == [r["params"] for r in rows if r["params"]]
    assert model.count_params() == 333526
