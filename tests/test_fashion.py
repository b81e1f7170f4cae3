"""Tests of cnn_utils.fashion: the class names, the course's split, the scaling."""

from __future__ import annotations

import numpy as np
import pytest

from cnn_utils import data, fashion


def test_chapters_reach_them_through_data():
    assert data.CLASS_NAMES is fashion.CLASS_NAMES
    assert data.train_validation_split is fashion.train_validation_split
    assert data.scale_images is fashion.scale_images


def test_class_names():
    assert len(fashion.CLASS_NAMES) == 10
    assert fashion.CLASS_NAMES[0] == ("티셔츠", "T-shirt/top")
    assert str(fashion.CLASS_NAMES[9]) == "앵클 부츠 (Ankle boot)"
    assert [c.en for c in fashion.CLASS_NAMES] == [
        "T-shirt/top",
        "Trouser",
        "Pullover",
        "Dress",
        "Coat",
        "Sandal",
        "Shirt",
        "Sneaker",
        "Bag",
        "Ankle boot",
    ]


def test_split_sizes_and_disjoint():
    x = np.arange(60000)
    (xt, yt), (xv, yv) = fashion.train_validation_split(x, x)
    assert len(xt) == 48000 and len(xv) == 12000
    assert not set(xt.tolist()) & set(xv.tolist())
    np.testing.assert_array_equal(xt, yt)


@pytest.mark.slow  # imports scikit-learn
def test_split_matches_scikit_learn():
    sklearn = pytest.importorskip("sklearn.model_selection")
    x = np.arange(60000)
    y = x % 10
    ours = fashion.train_validation_split(x, y)
    xt, xv, yt, yv = sklearn.train_test_split(x, y, test_size=0.2, random_state=42)
    ours_flat = (ours[0][0], ours[1][0], ours[0][1], ours[1][1])
    for a, b in zip(ours_flat, (xt, xv, yt, yv), strict=True):
        np.testing.assert_array_equal(a, b)


def test_split_rejects_bad_input():
    with pytest.raises(ValueError, match="same length"):
        fashion.train_validation_split(np.arange(3), np.arange(4))


def test_scale_images_rejects_wrong_shape():
    with pytest.raises(ValueError, match=r"3-D array of images \(N, H, W\)"):
        fashion.scale_images(np.zeros((28, 28)))


@pytest.mark.parametrize(
    "bad,error",
    [("0.2", TypeError), (None, TypeError), (True, TypeError), (0, ValueError), (1, ValueError)],
)
def test_split_rejects_a_validation_size_that_is_not_a_fraction(bad, error):
    with pytest.raises(error, match="validation_size must be"):
        fashion.train_validation_split(np.arange(10), np.arange(10), validation_size=bad)
