"""The argument checks every operation of :mod:`cnn_utils.ops` shares, and the book's number format.

Each check returns the argument in the form the operations compute with, or raises an
English error that names the argument and says what to pass instead. Introduced with the
operations of chapter 01; :mod:`cnn_utils.viz`, :mod:`cnn_utils.models` and
:mod:`cnn_utils.exercises` check their arguments with the same functions.
"""

from __future__ import annotations

from numbers import Integral

import numpy as np

#: A padding: ``"valid"``, ``"same"`` or a number of zeros on every side.
Padding = str | int


def check_int(name: str, value, minimum: int) -> int:
    """``value`` as an ``int`` when it is an integer (not a bool) of at least ``minimum``.

    Examples
    --------
    >>> check_int("stride", 2, 1)
    2
    >>> check_int("stride", 0, 1)
    Traceback (most recent call last):
    ...
    ValueError: stride must be an integer >= 1, got 0
    """
    if isinstance(value, bool) or not isinstance(value, Integral) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def check_padding(padding) -> Padding:
    """A padding as the operations take it: ``"valid"`` or ``"same"`` (any case), or zeros >= 0.

    Examples
    --------
    >>> check_padding("SAME"), check_padding(1)
    ('same', 1)
    >>> check_padding(True)
    Traceback (most recent call last):
    ...
    ValueError: padding must be 'valid', 'same' or an integer >= 0, got True
    """
    if isinstance(padding, str):
        if padding.lower() in ("valid", "same"):
            return padding.lower()
    elif not isinstance(padding, bool) and isinstance(padding, Integral) and padding >= 0:
        return int(padding)
    raise ValueError(f"padding must be 'valid', 'same' or an integer >= 0, got {padding!r}")


def as_array(x, name: str, *, exact: bool = True) -> np.ndarray:
    """``x`` as a NumPy array of numbers; with ``exact``, integers and booleans as int64.

    Sums of products of ``uint8`` pixels wrap around (and ``bool`` arrays
    give ``True`` for 9), so the arithmetic runs in int64, which does not wrap
    for any image the book uses; floats keep their own precision.

    Examples
    --------
    >>> as_array(np.array([200, 100], dtype=np.uint8), "x").dtype
    dtype('int64')
    >>> as_array([[1, 2], [3]], "x")
    Traceback (most recent call last):
    ...
    ValueError: x must be a rectangular array of numbers (every row the same length), got [[1, 2], [3]]
    """  # noqa: E501 (doctest output)
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


def pair(name: str, value) -> tuple[int, int]:
    """A size given as one integer (square) or as (rows, cols), as ``(rows, cols)``.

    Examples
    --------
    >>> pair("f", 3), pair("f", (2, 3))
    ((3, 3), (2, 3))
    """
    if isinstance(value, (tuple, list, np.ndarray)):
        if len(value) != 2:
            raise ValueError(f"{name} must be an integer or a pair (rows, cols), got {value!r}")
        return check_int(f"{name}[0]", value[0], 1), check_int(f"{name}[1]", value[1], 1)
    size = check_int(name, value, 1)
    return size, size


def as_image(x, name: str = "x", *, exact: bool = True) -> tuple[np.ndarray, bool]:
    """Return ``x`` as (H, W, C) and whether it came in as 2-D.

    The rule is the shape's number of axes, never its sizes: 2 axes are
    (H, W), 3 axes are (H, W, C), 4 axes (a batch, N first) are refused.

    Examples
    --------
    >>> image, was_2d = as_image(np.zeros((4, 5)))
    >>> image.shape, was_2d
    ((4, 5, 1), True)
    """
    x = as_array(x, name, exact=exact)
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


def as_kernels(kernels) -> tuple[np.ndarray, bool]:
    """Return filters as (FH, FW, C, K) and whether there was a single filter.

    Examples
    --------
    >>> kernels, single = as_kernels(np.ones((3, 3, 2)))
    >>> kernels.shape, single
    ((3, 3, 2, 1), True)
    """
    k = as_array(kernels, "kernels")
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
