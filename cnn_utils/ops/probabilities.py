"""From scores to a loss: softmax, cross-entropy and label smoothing (chapter 07)."""

from __future__ import annotations

from numbers import Real

import numpy as np

from cnn_utils.ops.checks import as_array, check_int


def softmax(logits) -> np.ndarray:
    """Softmax: exp of each value divided by the sum of them all (chapter 07).

    The largest value is subtracted first: the result is the same and exp
    cannot overflow. Works on the last axis.

    Examples
    --------
    >>> softmax([2.0, 1.0, 0.0]).round(3).tolist()
    [0.665, 0.245, 0.09]
    >>> float(softmax([1000.0, 1000.0])[0])
    0.5
    >>> softmax([np.inf, 0.0])
    Traceback (most recent call last):
    ...
    ValueError: logits must hold finite numbers (no NaN or infinity), got inf at index 0
    """
    z = as_array(logits, "logits", exact=False).astype(float)
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError(f"logits must hold at least one value per row, got shape {z.shape}")
    if not np.isfinite(z).all():
        where = np.argwhere(~np.isfinite(z))[0]
        index = ", ".join(map(str, where))
        raise ValueError(
            f"logits must hold finite numbers (no NaN or infinity), got {z[tuple(where)]} "
            f"at index {index}"
        )
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def cross_entropy(probabilities, target) -> float:
    """Cross-entropy of predicted probabilities against a target distribution: -sum(t ln p).

    With a one-hot target it is -ln of the probability of the right class
    (chapter 07, the loss ``fit`` prints).

    Examples
    --------
    >>> round(cross_entropy([0.7, 0.2, 0.1], [1, 0, 0]), 4)
    0.3567
    >>> cross_entropy([0.5, 0.5], [1, 0, 0])
    Traceback (most recent call last):
    ...
    ValueError: probabilities and target must have the same shape, got (2,) and (3,)
    """
    p = as_array(probabilities, "probabilities", exact=False).astype(float)
    t = as_array(target, "target", exact=False).astype(float)
    if p.shape != t.shape:
        raise ValueError(
            f"probabilities and target must have the same shape, got {p.shape} and {t.shape}"
        )
    for name, values in (("probabilities", p), ("target", t)):
        if not ((values >= 0) & (values <= 1)).all():
            bad = values[~((values >= 0) & (values <= 1))][0]
            raise ValueError(f"{name} must be in [0, 1], got {bad}")
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(t > 0, t * np.log(p), 0.0)  # a 0 target adds nothing, even where p = 0
    return float(-terms.sum())


def smoothed_target(label: int, classes: int, smoothing: float) -> np.ndarray:
    """The label-smoothed target: 1 - ε + ε/K for the right class, ε/K for the others (chapter 07).

    Examples
    --------
    >>> smoothed_target(3, 10, 0.1).round(2).tolist()[2:5]
    [0.01, 0.91, 0.01]
    """
    classes = check_int("classes", classes, 1)
    label = check_int("label", label, 0)
    if label >= classes:
        raise ValueError(f"label must be below classes ({classes}), got {label}")
    if isinstance(smoothing, bool) or not isinstance(smoothing, Real):
        raise TypeError(
            f"smoothing must be a number in [0, 1), got {smoothing!r} ({type(smoothing).__name__})"
        )
    if not 0 <= smoothing < 1:
        raise ValueError(f"smoothing must be in [0, 1), got {smoothing!r}")
    target = np.full(classes, smoothing / classes)
    target[label] += 1 - smoothing
    return target
