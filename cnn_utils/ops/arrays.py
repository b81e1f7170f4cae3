"""The array operations of a convolutional layer: multiply-and-sum, padding, convolution, pooling.

Chapters 01, 02, 03 and 05 derive each function here in the text and then use it:
multiply-and-sum (01), convolution first as the slides describe it and then vectorized
(02), padding (03) and pooling (05).
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from cnn_utils.ops.checks import Padding, as_array, as_image, as_kernels, check_int, check_padding
from cnn_utils.ops.sizes import padding_amounts


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
    window, kernel = as_array(window, "window"), as_array(kernel, "kernel")
    if window.shape != kernel.shape:
        raise ValueError(
            f"window and kernel must have the same shape, got {window.shape} and {kernel.shape}"
        )
    return (window * kernel).sum().item()


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
    x3, was_2d = as_image(x, exact=False)  # zeros around: no arithmetic, keep the dtype
    if isinstance(padding, (tuple, list)):
        try:
            (top, bottom), (left, right) = padding
        except (TypeError, ValueError):
            raise ValueError(
                "padding must be an integer >= 0 or ((top, bottom), (left, right)), "
                f"got {padding!r}"
            ) from None
        for name, value in (("top", top), ("bottom", bottom), ("left", left), ("right", right)):
            check_int(f"padding ({name})", value, 0)
    else:
        top = bottom = left = right = check_int("padding", padding, 0)
    out = np.pad(x3, ((top, bottom), (left, right), (0, 0)))
    return out[:, :, 0] if was_2d else out


#: The most memory (bytes) a reference convolution may use: the ops are for the book's small
#: images; a larger job is refused with a message instead of exhausting the machine.
MAX_BYTES = 2 * 2**30


def _prepare(x, kernels, stride, padding):
    """Checked, padded input (H', W', C) and filters (FH, FW, C, K) of a convolution.

    Integers and booleans are padded in their own type and only then made
    int64, so the input is copied once at 8 bytes a value.
    """
    x3, _ = as_image(x, exact=False)
    k4, single = as_kernels(kernels)
    stride = check_int("stride", stride, 1)
    padding = check_padding(padding)
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
    xp = as_array(np.pad(x3, ((top, bottom), (left, right), (0, 0))), "x")  # integers: int64
    return xp, as_array(k4, "kernels"), stride, single


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


def _pool_windows(x, size, stride, name):
    x3, was_2d = as_image(x, exact=False)  # max and mean do not wrap: keep the dtype
    size = check_int("size", size, 1)
    stride = size if stride is None else check_int("stride", stride, 1)
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
