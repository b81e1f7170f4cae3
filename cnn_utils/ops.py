"""Array operations of a convolutional layer, in NumPy: the book's reference.

Chapters 01-06 derive each function here in the text and then use it:
multiply-and-sum (01), window sliding and the feature map (02), padding (03),
stride (04), pooling (05) and the feature-map size formula (06). The results
match Keras: ``conv2d`` is the cross-correlation that ``keras.layers.Conv2D``
computes, and ``padding="same"`` pads as TensorFlow does.

Shapes are channels-last, as in Keras: an image is ``(H, W)`` or ``(H, W, C)``;
filters are ``(FH, FW)``, ``(FH, FW, C)`` (one filter) or ``(FH, FW, C, K)``
(K filters, the layout of ``Conv2D.kernel``). The number of axes decides, never
the sizes: a 3-D array is always one image ``(H, W, C)``, and these functions take
one image at a time (for a batch ``x`` of shape ``(N, H, W)``, pass ``x[k]``).

One signature convention: sizes (or arrays) come first, then ``padding`` and
``stride`` as keyword-only arguments, spelled out. The size formula
(:func:`output_size`, :func:`size_is_exact`, :func:`explain_output_size`)
also takes them positionally, in the order of ``OH = (H + 2P - FH) / S + 1``.
"""

from __future__ import annotations

from collections.abc import Iterable
from numbers import Integral, Real

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

Padding = str | int


# --------------------------------------------------------------------------
# argument checks, shared by every function below
# --------------------------------------------------------------------------


def _check_int(name: str, value, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def _check_padding(padding) -> Padding:
    if isinstance(padding, str):
        if padding.lower() in ("valid", "same"):
            return padding.lower()
    elif not isinstance(padding, bool) and isinstance(padding, Integral) and padding >= 0:
        return int(padding)
    raise ValueError(f"padding must be 'valid', 'same' or an integer >= 0, got {padding!r}")


def _as_array(x, name: str, *, exact: bool = True) -> np.ndarray:
    """``x`` as a NumPy array of numbers; with ``exact``, integers and booleans as int64.

    Sums of products of ``uint8`` pixels wrap around (and ``bool`` arrays
    give ``True`` for 9), so the arithmetic runs in int64, which does not wrap
    for any image the book uses; floats keep their own precision.
    """
    try:
        array = np.asarray(x)
    except ValueError:  # NumPy 2: "inhomogeneous shape"
        array = np.asarray(x, dtype=object)
    if array.dtype == object:
        raise ValueError(
            f"{name} must be a rectangular array of numbers (every row the same "
            f"length), got {str(x)[:60]}"
        )
    if array.dtype.kind not in "biuf":
        raise TypeError(
            f"{name} must hold numbers (integers or floats), got an array of {array.dtype}"
        )
    if exact and array.dtype.kind in "biu":
        if array.dtype == np.uint64 and array.size and array.max() > np.iinfo(np.int64).max:
            raise ValueError(
                f"{name} must hold integers below 2**63 (computed in int64), got "
                f"{array.max()}: pass {name} as floats, e.g. {name}.astype(float)"
            )
        array = array.astype(np.int64)
    return array


def _pair(name: str, value) -> tuple[int, int]:
    """A size given as one integer (square) or as (rows, cols)."""
    if isinstance(value, (tuple, list, np.ndarray)):
        if len(value) != 2:
            raise ValueError(f"{name} must be an integer or a pair (rows, cols), got {value!r}")
        return _check_int(f"{name}[0]", value[0], 1), _check_int(f"{name}[1]", value[1], 1)
    size = _check_int(name, value, 1)
    return size, size


def _as_image(x, name: str = "x", *, exact: bool = True) -> tuple[np.ndarray, bool]:
    """Return ``x`` as (H, W, C) and whether it came in as 2-D.

    The rule is the shape's number of axes, never its sizes: 2 axes are
    (H, W), 3 axes are (H, W, C), 4 axes (a batch, N first) are refused.
    """
    x = _as_array(x, name, exact=exact)
    if x.ndim == 2:
        return x[:, :, np.newaxis], True
    if x.ndim == 3:
        return x, False
    if x.ndim == 4:
        raise ValueError(
            f"{name} has shape {x.shape}, a batch of images (N, H, W, C); these "
            f"functions take one image (H, W) or (H, W, C): pass {name}[k]"
        )
    raise ValueError(f"{name} must be a 2-D (H, W) or 3-D (H, W, C) array, got shape {x.shape}")


def _as_kernels(kernels) -> tuple[np.ndarray, bool]:
    """Return filters as (FH, FW, C, K) and whether there was a single filter."""
    k = _as_array(kernels, "kernels")
    if k.ndim == 2:
        return k[:, :, np.newaxis, np.newaxis], True
    if k.ndim == 3:
        return k[:, :, :, np.newaxis], True
    if k.ndim == 4:
        return k, False
    raise ValueError(
        f"kernels must be 2-D (FH, FW), 3-D (FH, FW, C) or 4-D (FH, FW, C, K), got shape {k.shape}"
    )


def format_number(
    value, fmt: str | None = None, *, decimals: int = 2, bracket_negative: bool = False
) -> str:
    """A number as the book writes it: integers bare, others with at most ``decimals`` decimals.

    The one number formatter of the book: figures (:mod:`cnn_utils.viz`) and
    exercise feedback (:mod:`cnn_utils.exercises`) both use it. ``fmt`` (a
    ``str.format`` pattern) overrides the rule; ``bracket_negative`` writes
    ``(-3)``, as in a worked sum ``2×(-3)``. Introduced in chapter 01.

    Examples
    --------
    >>> format_number(30.0), format_number(0.125), format_number(3, "{:.1f}")
    ('30', '0.12', '3.0')
    >>> format_number(-3, bracket_negative=True), format_number(3.25, decimals=4)
    ('(-3)', '3.25')
    """
    if fmt is not None:
        return fmt.format(value)
    if isinstance(decimals, bool) or not isinstance(decimals, Integral) or decimals < 0:
        raise ValueError(f"decimals must be an integer >= 0, got {decimals!r}")
    value = float(value)
    if value.is_integer():
        text = str(int(value))
    else:
        text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
        text = "0" if text in ("-0", "") else text
    return f"({text})" if bracket_negative and value < 0 and text != "0" else text


# --------------------------------------------------------------------------
# chapter 01: the multiply-and-sum
# --------------------------------------------------------------------------


def multiply_and_sum(window, kernel):
    """Multiply a window and a filter element by element and add everything up.

    The one operation a convolutional filter performs (chapter 01, 곱과 합).
    Integers and booleans are computed in int64 (no wrap-around), floats in
    their own precision.

    Examples
    --------
    >>> multiply_and_sum([[1, 2], [3, 4]], [[1, 0], [0, 1]])
    5
    >>> multiply_and_sum(np.full((3, 3), 200, np.uint8), np.full((3, 3), 200, np.uint8))
    360000
    >>> multiply_and_sum([[1, 2]], [[1, 2, 3]])
    Traceback (most recent call last):
    ...
    ValueError: window and kernel must have the same shape, got (1, 2) and (1, 3)
    """
    window, kernel = _as_array(window, "window"), _as_array(kernel, "kernel")
    if window.shape != kernel.shape:
        raise ValueError(
            f"window and kernel must have the same shape, got {window.shape} and {kernel.shape}"
        )
    return (window * kernel).sum().item()


# --------------------------------------------------------------------------
# chapter 03 and 06: padding and sizes
# --------------------------------------------------------------------------


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
    n = _check_int("n", n, 1)
    f = _check_int("f", f, 1)
    stride = _check_int("stride", stride, 1)
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
    padding = _check_padding(padding)
    stride = _check_int("stride", stride, 1)
    if padding == "valid":
        return (0, 0), (0, 0)
    if padding == "same":
        return (
            same_padding(shape[0], f[0], stride=stride),
            same_padding(shape[1], f[1], stride=stride),
        )
    return (padding, padding), (padding, padding)


def pad(x, padding):
    """Surround an image with ``padding`` rows/columns of zeros (zero padding, chapter 03).

    ``padding`` is one integer (the same on every side) or
    ``((top, bottom), (left, right))``. Channels, if any, are not padded.

    Examples
    --------
    >>> pad([[1, 2], [3, 4]], 1)
    array([[0, 0, 0, 0],
           [0, 1, 2, 0],
           [0, 3, 4, 0],
           [0, 0, 0, 0]])
    >>> pad(np.ones((2, 2, 3)), 2).shape
    (6, 6, 3)
    >>> pad([[1]], -1)
    Traceback (most recent call last):
    ...
    ValueError: padding must be an integer >= 0, got -1
    """
    x3, was_2d = _as_image(x, exact=False)  # zeros around: no arithmetic, keep the dtype
    if isinstance(padding, (tuple, list)):
        try:
            (top, bottom), (left, right) = padding
        except (TypeError, ValueError):
            raise ValueError(
                "padding must be an integer >= 0 or ((top, bottom), (left, right)), "
                f"got {padding!r}"
            ) from None
        for name, value in (("top", top), ("bottom", bottom), ("left", left), ("right", right)):
            _check_int(f"padding ({name})", value, 0)
    else:
        top = bottom = left = right = _check_int("padding", padding, 0)
    out = np.pad(x3, ((top, bottom), (left, right), (0, 0)))
    return out[:, :, 0] if was_2d else out


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
    n = _check_int("n", n, 1)
    f = _check_int("f", f, 1)
    stride = _check_int("stride", stride, 1)
    padding = _check_padding(padding)
    if padding == "same":
        return -(-n // stride)
    padding = 0 if padding == "valid" else padding
    if f > n + 2 * padding:
        raise ValueError(
            f"the filter (f={f}) is larger than the padded input (n + 2P = {n + 2 * padding}); "
            f"use f <= {n + 2 * padding} or more padding"
        )
    return (n + 2 * padding - f) // stride + 1


def _integer_padding(padding) -> int:
    padding = _check_padding(padding)
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
    return (n + 2 * _integer_padding(padding) - f) % stride == 0


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
    padding = _integer_padding(padding)
    head = f"{name} = ({n} + 2×{padding} - {f}) / {stride} + 1"
    num = n + 2 * padding - f
    if num % stride == 0:
        return f"{head} = {num // stride} + 1 = {out}"
    return f"{head} = {num / stride:g} + 1 → 나누어떨어지지 않아 내림: {num // stride} + 1 = {out}"


# --------------------------------------------------------------------------
# chapter 02 and 04: where the window goes
# --------------------------------------------------------------------------


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
    nh, nw = _pair("n", n)
    fh, fw = _pair("f", f)
    stride = _check_int("stride", stride, 1)
    padding = _check_padding(padding)
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
    n = _check_int("n", n, 1)
    f = _check_int("f", f, 1)
    p = _check_int("padding", padding, 0)
    counts = np.zeros((n + 2 * p, n + 2 * p), dtype=int)
    for i, j in window_positions(n, f, stride=stride, padding=p):
        counts[i : i + f, j : j + f] += 1
    return counts[p : p + n, p : p + n]


# --------------------------------------------------------------------------
# chapter 02: convolution, first as the slides describe it, then vectorized
# --------------------------------------------------------------------------


#: The most memory (bytes) a reference convolution may use: the ops are for the book's small
#: images; a larger job is refused with a message instead of exhausting the machine.
MAX_BYTES = 2 * 2**30


def _prepare(x, kernels, stride, padding):
    """Checked, padded input (H', W', C) and filters (FH, FW, C, K) of a convolution.

    Integers and booleans are padded in their own type and only then made
    int64, so the input is copied once at 8 bytes a value.
    """
    x3, _ = _as_image(x, exact=False)
    k4, single = _as_kernels(kernels)
    stride = _check_int("stride", stride, 1)
    padding = _check_padding(padding)
    if k4.shape[2] != x3.shape[2]:
        raise ValueError(
            f"kernels have {k4.shape[2]} input channel(s) but x has {x3.shape[2]}: x is read as "
            f"one image (H, W, C) = {x3.shape}, and a filter needs one channel for each channel "
            "of the input. For a batch of gray images (N, H, W), pass one image: x[k]"
        )
    if k4.shape[0] < 1 or k4.shape[1] < 1 or k4.shape[3] < 1:
        raise ValueError(f"kernels must not be empty, got shape {k4.shape}")
    (top, bottom), (left, right) = padding_amounts(
        x3.shape[:2], k4.shape[:2], stride=stride, padding=padding
    )
    fh, fw = k4.shape[:2]
    padded = (x3.shape[0] + top + bottom, x3.shape[1] + left + right)
    if fh > padded[0] or fw > padded[1]:
        raise ValueError(
            f"the filter ({fh}x{fw}) is larger than the padded input "
            f"({padded[0]}x{padded[1]}); use a smaller filter or more padding"
        )
    rows, cols = (padded[0] - fh) // stride + 1, (padded[1] - fw) // stride + 1
    _check_memory(padded[0] * padded[1] * x3.shape[2], rows * cols * k4.shape[3], rows, cols, k4)
    xp = _as_array(np.pad(x3, ((top, bottom), (left, right), (0, 0))), "x")  # integers: int64
    return xp, _as_array(k4, "kernels"), stride, single


def _check_memory(inputs: int, outputs: int, rows: int, cols: int, k4) -> None:
    """Refuse, before allocating, a convolution that would need more than :data:`MAX_BYTES`."""
    # the padded input, one input slice, the output and one product of it: 8 bytes a value
    need = 8 * (inputs + rows * cols * k4.shape[2] + 2 * outputs)
    if need > MAX_BYTES:
        raise MemoryError(
            f"conv2d would need about {need / 2**30:.1f} GiB for a ({rows}, {cols}, "
            f"{k4.shape[3]}) output; this NumPy reference is for small images (at most "
            f"{MAX_BYTES / 2**30:.0f} GiB): use a smaller image or fewer filters, or "
            "keras.layers.Conv2D for large inputs"
        )


def conv2d_naive(x, kernels, *, stride: int = 1, padding: Padding = "valid"):
    """Convolution with explicit loops, exactly as the slides describe it.

    The window starts at the top left, moves right one stride at a time; when
    it cannot move further it goes one stride down and starts again from the
    left (window sliding, chapter 02). At each position: multiply and sum.
    Slow on purpose: it is the readable definition. :func:`conv2d` computes
    the same numbers quickly. Integers and booleans are computed in int64.

    Examples
    --------
    >>> image = np.arange(16).reshape(4, 4)
    >>> conv2d_naive(image, np.ones((3, 3), dtype=int))
    array([[45, 54],
           [81, 90]])
    """
    xp, k4, stride, single = _prepare(x, kernels, stride, padding)
    fh, fw, _, n_filters = k4.shape
    rows = (xp.shape[0] - fh) // stride + 1
    cols = (xp.shape[1] - fw) // stride + 1
    out = np.zeros((rows, cols, n_filters), dtype=np.result_type(xp, k4))
    for i in range(rows):  # 한 칸 아래로 (next row)
        for j in range(cols):  # 왼쪽에서 오른쪽으로 (left to right)
            window = xp[i * stride : i * stride + fh, j * stride : j * stride + fw, :]
            for k in range(n_filters):  # 필터마다 곱과 합 (each filter)
                out[i, j, k] = np.sum(window * k4[:, :, :, k])
    return out[:, :, 0] if single else out


def conv2d(x, kernels, *, stride: int = 1, padding: Padding = "valid"):
    """Convolution (cross-correlation, as ``keras.layers.Conv2D``), vectorized.

    Parameters
    ----------
    x : array (H, W) or (H, W, C)
        The input image or feature maps.
    kernels : array (FH, FW), (FH, FW, C) or (FH, FW, C, K)
        One filter, or K filters in ``Conv2D.kernel`` layout.
    stride : int, >= 1
        How far the window moves each step (chapter 04).
    padding : 'valid', 'same' or int >= 0
        No padding, TensorFlow's ``"same"`` padding, or that many zeros on
        every side (chapter 03).

    Returns
    -------
    array (OH, OW) for one filter, (OH, OW, K) for a 4-D ``kernels``.
    Integer and boolean inputs are computed in int64 (``uint8`` pixels never
    wrap around); floats in their own precision. It equals
    :func:`conv2d_naive` (exactly, for integer inputs).

    Examples
    --------
    >>> image = np.arange(16).reshape(4, 4)
    >>> conv2d(image, np.ones((3, 3), dtype=int))
    array([[45, 54],
           [81, 90]])
    >>> conv2d(image, np.ones((3, 3)), padding="same").shape
    (4, 4)
    >>> conv2d(np.ones((28, 28, 1)), np.ones((3, 3, 1, 32)), stride=2, padding="same").shape
    (14, 14, 32)
    >>> conv2d(image, np.ones((3, 3)), stride=0)
    Traceback (most recent call last):
    ...
    ValueError: stride must be an integer >= 1, got 0
    """
    xp, k4, stride, single = _prepare(x, kernels, stride, padding)
    fh, fw = k4.shape[:2]
    rows, cols = (xp.shape[0] - fh) // stride + 1, (xp.shape[1] - fw) // stride + 1
    out = np.zeros((rows, cols, k4.shape[3]), dtype=np.result_type(xp, k4))
    # One filter position (u, v) at a time: the input values that weight meets in every
    # window form a strided view of the input, and one matrix product multiplies them by the
    # weights of every filter. Summed over the FH x FW positions, that is each window's
    # multiply-and-sum, without ever holding all windows (FH*FW copies of the input) at once.
    for u in range(fh):
        for v in range(fw):
            under = xp[
                u : u + stride * (rows - 1) + 1 : stride, v : v + stride * (cols - 1) + 1 : stride
            ]
            out += under @ k4[u, v]
    return out[:, :, 0] if single else out


# --------------------------------------------------------------------------
# chapter 05: pooling
# --------------------------------------------------------------------------


def _pool_windows(x, size, stride, name):
    x3, was_2d = _as_image(x, exact=False)  # max and mean do not wrap: keep the dtype
    size = _check_int("size", size, 1)
    stride = size if stride is None else _check_int("stride", stride, 1)
    if size > min(x3.shape[:2]):
        raise ValueError(
            f"size must be at most the input's height and width ({min(x3.shape[:2])}), "
            f"got {size} for {name}"
        )
    windows = sliding_window_view(x3, (size, size), axis=(0, 1))[::stride, ::stride]
    return windows, was_2d


def max_pool2d(x, size: int = 2, *, stride: int | None = None):
    """Max pooling: the largest value of each ``size`` x ``size`` window (chapter 05).

    ``stride`` defaults to ``size`` (windows do not overlap), as in
    ``keras.layers.MaxPooling2D``; incomplete windows at the edge are dropped.

    Examples
    --------
    >>> max_pool2d(np.arange(16).reshape(4, 4))
    array([[ 5,  7],
           [13, 15]])
    """
    windows, was_2d = _pool_windows(x, size, stride, "max_pool2d")
    out = windows.max(axis=(3, 4))
    return out[:, :, 0] if was_2d else out


def avg_pool2d(x, size: int = 2, *, stride: int | None = None):
    """Average pooling: the mean of each ``size`` x ``size`` window (chapter 05).

    Examples
    --------
    >>> avg_pool2d(np.arange(16).reshape(4, 4))
    array([[ 2.5,  4.5],
           [10.5, 12.5]])
    """
    windows, was_2d = _pool_windows(x, size, stride, "avg_pool2d")
    out = windows.mean(axis=(3, 4))
    return out[:, :, 0] if was_2d else out


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
    in_channels = _check_int("in_channels", in_channels, 1)
    filters = _check_int("filters", filters, 1)
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
        f = _check_int(f"layers[{k}] filter size", f, 1)
        s = _check_int(f"layers[{k}] stride", s, 1)
        size += (f - 1) * jump
        jump *= s
        sizes.append(size)
    return sizes


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
    z = _as_array(logits, "logits", exact=False).astype(float)
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
    p = _as_array(probabilities, "probabilities", exact=False).astype(float)
    t = _as_array(target, "target", exact=False).astype(float)
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
    classes = _check_int("classes", classes, 1)
    label = _check_int("label", label, 0)
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


def conv_params(f: int, in_channels: int, filters: int) -> int:
    """Trainable parameters of a Conv2D layer: ``(f*f*C + 1) * K`` (chapter 07).

    Examples
    --------
    >>> conv_params(3, 1, 32), conv_params(3, 32, 64)
    (320, 18496)
    """
    f = _check_int("f", f, 1)
    in_channels = _check_int("in_channels", in_channels, 1)
    filters = _check_int("filters", filters, 1)
    return (f * f * in_channels + 1) * filters


def dense_params(inputs: int, units: int) -> int:
    """Trainable parameters of a Dense layer: ``(inputs + 1) * units`` (chapter 07).

    Examples
    --------
    >>> dense_params(3136, 100), dense_params(100, 10)
    (313700, 1010)
    """
    return (_check_int("inputs", inputs, 1) + 1) * _check_int("units", units, 1)


__all__ = [
    "avg_pool2d",
    "conv2d",
    "conv2d_naive",
    "conv_params",
    "cross_entropy",
    "dense_params",
    "explain_output_size",
    "format_number",
    "max_pool2d",
    "multiply_adds",
    "multiply_and_sum",
    "output_size",
    "pad",
    "padding_amounts",
    "pixel_usage",
    "receptive_field",
    "same_padding",
    "size_is_exact",
    "smoothed_target",
    "softmax",
    "window_positions",
]
