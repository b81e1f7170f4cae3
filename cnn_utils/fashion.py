"""What the chapters do with Fashion-MNIST once it is loaded (01, 07).

Its ten classes with their Korean names, the course's validation split and the
images scaled for the model. Chapters reach these through :mod:`cnn_utils.data`
(``data.CLASS_NAMES``), next to the loader.
"""

from __future__ import annotations

from numbers import Real
from typing import NamedTuple

import numpy as np


class ClassName(NamedTuple):
    """A Fashion-MNIST class: Korean name and the original English name."""

    ko: str
    en: str

    def __str__(self) -> str:
        return f"{self.ko} ({self.en})"


#: The ten classes, index = label.
CLASS_NAMES: tuple[ClassName, ...] = (
    ClassName("티셔츠", "T-shirt/top"),
    ClassName("바지", "Trouser"),
    ClassName("스웨터", "Pullover"),
    ClassName("드레스", "Dress"),
    ClassName("코트", "Coat"),
    ClassName("샌들", "Sandal"),
    ClassName("셔츠", "Shirt"),
    ClassName("스니커즈", "Sneaker"),
    ClassName("가방", "Bag"),
    ClassName("앵클 부츠", "Ankle boot"),
)


def train_validation_split(
    x: np.ndarray, y: np.ndarray, validation_size: float = 0.2, seed: int = 42
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Split off a validation set exactly as the course does.

    Reproduces ``sklearn.model_selection.train_test_split(x, y, test_size=0.2,
    random_state=42)`` without scikit-learn: on the 60,000 training images it
    gives the course's 48,000 / 12,000 split. Introduced in chapter 07.

    Returns ``((x_train, y_train), (x_val, y_val))``.

    Examples
    --------
    >>> x = np.arange(10)
    >>> (xt, yt), (xv, yv) = train_validation_split(x, x * 10)
    >>> len(xt), len(xv)
    (8, 2)
    >>> sorted(np.concatenate([xt, xv]).tolist()) == list(range(10))
    True
    >>> train_validation_split(x, x, validation_size=1.5)
    Traceback (most recent call last):
    ...
    ValueError: validation_size must be between 0 and 1 (exclusive), got 1.5
    """
    if isinstance(validation_size, bool) or not isinstance(validation_size, Real):
        raise TypeError(
            f"validation_size must be a number between 0 and 1, got "
            f"{validation_size!r} ({type(validation_size).__name__})"
        )
    if not 0 < validation_size < 1:
        raise ValueError(
            f"validation_size must be between 0 and 1 (exclusive), got {validation_size}"
        )
    if len(x) != len(y):
        raise ValueError(f"x and y must have the same length, got {len(x)} and {len(y)}")
    n = len(x)
    n_val = int(np.ceil(validation_size * n))
    order = np.random.RandomState(seed).permutation(n)
    val, train = order[:n_val], order[n_val:]
    return (x[train], y[train]), (x[val], y[val])


def scale_images(x: np.ndarray) -> np.ndarray:
    """Turn uint8 images (N, 28, 28) into model input: float32 in [0, 1], (N, 28, 28, 1).

    Introduced in chapter 07.

    Examples
    --------
    >>> scale_images(np.full((2, 28, 28), 255, dtype=np.uint8)).shape
    (2, 28, 28, 1)
    >>> scale_images(np.full((1, 28, 28), 255, dtype=np.uint8)).max()
    np.float32(1.0)
    """
    x = np.asarray(x)
    if x.ndim != 3:
        raise ValueError(f"x must be a 3-D array of images (N, H, W), got shape {x.shape}")
    return (x.astype("float32") / 255.0)[..., np.newaxis]
