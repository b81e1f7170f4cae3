"""Sizes and counts: padding amounts, the output size formula, where the window goes, parameters.

Padding amounts (chapter 03), the windows' positions and how often a pixel is used (02-04),
the feature-map size formula (06), multiply-adds (04), the receptive field (04-05) and the
parameter counts of convolutional and dense layers (07).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from cnn_utils.ops.checks import Padding, check_int, check_padding, pair


def same_padding(n: int, f: int, *, stride: int = 1) -> tuple[int, int]:
    """Zeros before and after one axis for ``padding="same"``, as TensorFlow pads.

    The output has ``ceil(n / stride)`` positions; the padding needed for that
    is split in two, the extra zero (when the total is odd) going after
    (bottom/right). Chapter 03 (stride 1) and 04 (stride > 1).

    Examples
    --------
    >>> same_padding(28, 3)
    (1, 1)
    >>> same_padding(28, 3, stride=2)   # total 1: asymmetric
    (0, 1)
    >>> same_padding(7, 4)
    (1, 2)
    """
    n = check_int("n", n, 1)
    f = check_int("f", f, 1)
    stride = check_int("stride", stride, 1)
    out = -(-n // stride)
    total = max((out - 1) * stride + f - n, 0)
    return total // 2, total - total // 2


def padding_amounts(
    shape: tuple[int, int], f: tuple[int, int], *, stride: int = 1, padding: Padding = 0
) -> tuple[tuple[int, int], tuple[int, int]]:
    """Zeros on each side, ``((top, bottom), (left, right))``, for a padding choice.

    ``padding`` is ``"valid"``, ``"same"`` (TensorFlow's rule, see
    :func:`same_padding`) or an integer. Chapter 03.

    Examples
    --------
    >>> padding_amounts((28, 28), (3, 3), padding="same")
    ((1, 1), (1, 1))
    >>> padding_amounts((28, 28), (3, 3), stride=2, padding="same")
    ((0, 1), (0, 1))
    >>> padding_amounts((5, 5), (3, 3), padding=2)
    ((2, 2), (2, 2))
    """
    padding = check_padding(padding)
    stride = check_int("stride", stride, 1)
    if padding == "valid":
        return (0, 0), (0, 0)
    if padding == "same":
        return (
            same_padding(shape[0], f[0], stride=stride),
            same_padding(shape[1], f[1], stride=stride),
        )
    return (padding, padding), (padding, padding)


def output_size(n: int, f: int, padding: Padding = 0, stride: int = 1) -> int:
    """Feature-map size along one axis: ``floor((n + 2P - f) / S + 1)`` (chapter 06).

    This is the slides' ``OH = (H + 2P - FH) / S + 1`` (and ``OW`` likewise);
    ``padding`` and ``stride`` may be given positionally in that order. When
    the stride does not divide ``n + 2P - f``, the last rows/columns that no
    window reaches are left unused: the division is floored (see
    :func:`size_is_exact`). ``padding`` may also be ``"valid"`` (0) or
    ``"same"`` (output ``ceil(n / stride)``, chapter 04).

    Examples
    --------
    >>> output_size(28, 3, padding=1)
    28
    >>> output_size(7, 3, 0, 2)
    3
    >>> output_size(28, 3, padding=0, stride=2)     # (28 - 3) / 2 + 1 = 13.5, floored
    13
    >>> output_size(28, 3, padding="same", stride=2)
    14
    >>> output_size(3, 5)
    Traceback (most recent call last):
    ...
    ValueError: the filter (f=5) is larger than the padded input (n + 2P = 3); use f <= 3 or more padding
    """  # noqa: E501 (doctest output lines are data)
    n = check_int("n", n, 1)
    f = check_int("f", f, 1)
    stride = check_int("stride", stride, 1)
    padding = check_padding(padding)
    if padding == "same":
        return -(-n // stride)
    padding = 0 if padding == "valid" else padding
    if f > n + 2 * padding:
        raise ValueError(
            f"the filter (f={f}) is larger than the padded input (n + 2P = {n + 2 * padding}); "
            f"use f <= {n + 2 * padding} or more padding"
        )
    return (n + 2 * padding - f) // stride + 1


def integer_padding(padding) -> int:
    """A padding that must be a number of zeros (the size formula's P), checked.

    Examples
    --------
    >>> integer_padding(2)
    2
    >>> integer_padding("same")
    Traceback (most recent call last):
    ...
    ValueError: padding must be an integer >= 0 here, not 'same' or 'valid'
    """
    padding = check_padding(padding)
    if isinstance(padding, str):
        raise ValueError("padding must be an integer >= 0 here, not 'same' or 'valid'")
    return padding


def size_is_exact(n: int, f: int, padding: int = 0, stride: int = 1) -> bool:
    """Whether ``stride`` divides ``n + 2P - f``, i.e. the formula needs no flooring (chapter 06).

    Examples
    --------
    >>> size_is_exact(7, 3, 0, 2)
    True
    >>> size_is_exact(28, 3, padding=0, stride=2)
    False
    """
    output_size(n, f, padding, stride)  # validates the arguments
    return (n + 2 * integer_padding(padding) - f) % stride == 0


def explain_output_size(
    n: int, f: int, padding: int = 0, stride: int = 1, *, name: str = "OH"
) -> str:
    """The size formula worked out with numbers, saying when it is floored (chapter 06).

    The one Korean explanation of the formula: the chapters, the size-formula
    quiz and the padding/stride explorer all print this.

    Examples
    --------
    >>> print(explain_output_size(28, 3, 1, 1))
    OH = (28 + 2×1 - 3) / 1 + 1 = 27 + 1 = 28
    >>> print(explain_output_size(28, 3, 0, 2))
    OH = (28 + 2×0 - 3) / 2 + 1 = 12.5 + 1 → 나누어떨어지지 않아 내림: 12 + 1 = 13
    """
    out = output_size(n, f, padding, stride)
    padding = integer_padding(padding)
    head = f"{name} = ({n} + 2×{padding} - {f}) / {stride} + 1"
    num = n + 2 * padding - f
    if num % stride == 0:
        return f"{head} = {num // stride} + 1 = {out}"
    return f"{head} = {num / stride:g} + 1 → 나누어떨어지지 않아 내림: {num // stride} + 1 = {out}"


def window_positions(n, f, *, stride: int = 1, padding: Padding = 0) -> list[tuple[int, int]]:
    """Top-left corners of the window, in the order it visits the input.

    Left to right along a row, then one row down and back to the left
    (chapter 02). Coordinates are in the padded input. ``n`` and ``f`` are an
    integer (square) or a pair ``(rows, cols)`` (a tuple, list or array).

    Examples
    --------
    >>> window_positions(4, 3)
    [(0, 0), (0, 1), (1, 0), (1, 1)]
    >>> window_positions(7, 3, stride=2)[:4]
    [(0, 0), (0, 2), (0, 4), (2, 0)]
    >>> len(window_positions(4, 3, padding=1))
    16
    """
    nh, nw = pair("n", n)
    fh, fw = pair("f", f)
    stride = check_int("stride", stride, 1)
    padding = check_padding(padding)
    (top, bottom), (left, right) = padding_amounts(
        (nh, nw), (fh, fw), stride=stride, padding=padding
    )
    rows = output_size(nh + top + bottom, fh, stride=stride)
    cols = output_size(nw + left + right, fw, stride=stride)
    return [(i * stride, j * stride) for i in range(rows) for j in range(cols)]


def pixel_usage(n: int, f: int, *, padding: int = 0, stride: int = 1) -> np.ndarray:
    """How many windows each input pixel takes part in (chapter 03).

    Without padding the corners of an image are used far less than the
    centre; padding evens this out. On a 4x4 image with a 3x3 filter the
    centre:corner ratio is 4:1 without padding and 9:4 with 1-pixel padding.

    Examples
    --------
    >>> pixel_usage(4, 3)
    array([[1, 2, 2, 1],
           [2, 4, 4, 2],
           [2, 4, 4, 2],
           [1, 2, 2, 1]])
    >>> pixel_usage(4, 3, padding=1)[[0, 1], [0, 1]]   # corner, centre
    array([4, 9])
    """
    n = check_int("n", n, 1)
    f = check_int("f", f, 1)
    p = check_int("padding", padding, 0)
    counts = np.zeros((n + 2 * p, n + 2 * p), dtype=int)
    for i, j in window_positions(n, f, stride=stride, padding=p):
        counts[i : i + f, j : j + f] += 1
    return counts[p : p + n, p : p + n]


def multiply_adds(
    n: int, f: int, *, padding: Padding = 0, stride: int = 1, in_channels: int = 1, filters: int = 1
) -> int:
    """Number of multiplications a convolution layer performs (chapter 04).

    ``OH * OW * FH * FW * C * K``: one multiply per filter weight per window.

    Examples
    --------
    >>> multiply_adds(28, 3, padding=1, filters=32)
    225792
    >>> multiply_adds(28, 3, padding="same", stride=2, filters=32)
    56448
    """
    out = output_size(n, f, padding, stride)
    in_channels = check_int("in_channels", in_channels, 1)
    filters = check_int("filters", filters, 1)
    return out * out * f * f * in_channels * filters


def receptive_field(layers) -> list[int]:
    """How many input pixels (along one side) one output value sees, layer after layer.

    ``layers`` is a sequence of ``(filter size, stride)``; a 2x2 pooling with
    stride 2 is ``(2, 2)``. Each layer adds ``(f - 1)`` times the distance, in
    input pixels, between neighbouring values of its input. Chapter 04
    (a stride >= 2 widens what the next layer sees) and chapter 05: after
    pooling, the next 3x3 filter covers a larger part of the image.

    Examples
    --------
    >>> receptive_field([(3, 1), (2, 2), (3, 1), (2, 2)])   # the slide model
    [3, 4, 8, 10]
    >>> receptive_field([(3, 1), (3, 1)])
    [3, 5]
    >>> receptive_field([(3,)])
    Traceback (most recent call last):
    ...
    ValueError: layers[0] must be a pair (filter size, stride), got (3,)
    """
    if isinstance(layers, (str, bytes)) or not isinstance(layers, Iterable):
        raise TypeError(
            f"layers must be a sequence of (filter size, stride) pairs, got {type(layers).__name__}"
        )
    size, jump, sizes = 1, 1, []
    for k, layer in enumerate(layers):
        try:
            f, s = layer
        except (TypeError, ValueError):
            raise ValueError(
                f"layers[{k}] must be a pair (filter size, stride), got {layer!r}"
            ) from None
        f = check_int(f"layers[{k}] filter size", f, 1)
        s = check_int(f"layers[{k}] stride", s, 1)
        size += (f - 1) * jump
        jump *= s
        sizes.append(size)
    return sizes


def conv_params(f: int, in_channels: int, filters: int) -> int:
    """Trainable parameters of a Conv2D layer: ``(f*f*C + 1) * K`` (chapter 07).

    Examples
    --------
    >>> conv_params(3, 1, 32), conv_params(3, 32, 64)
    (320, 18496)
    """
    f = check_int("f", f, 1)
    in_channels = check_int("in_channels", in_channels, 1)
    filters = check_int("filters", filters, 1)
    return (f * f * in_channels + 1) * filters


def dense_params(inputs: int, units: int) -> int:
    """Trainable parameters of a Dense layer: ``(inputs + 1) * units`` (chapter 07).

    Examples
    --------
    >>> dense_params(3136, 100), dense_params(100, 10)
    (313700, 1010)
    """
    return (check_int("inputs", inputs, 1) + 1) * check_int("units", units, 1)
