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

The modules: :mod:`~cnn_utils.ops.checks` (argument checks, the number format),
:mod:`~cnn_utils.ops.arrays` (multiply-and-sum, padding, convolution, pooling),
:mod:`~cnn_utils.ops.sizes` (sizes, positions, parameter counts) and
:mod:`~cnn_utils.ops.probabilities` (softmax, cross-entropy). Chapters import
``ops`` and call ``ops.conv2d(...)``: every name is here.
"""

from cnn_utils.ops.arrays import (
    MAX_BYTES,
    avg_pool2d,
    conv2d,
    conv2d_naive,
    max_pool2d,
    multiply_and_sum,
    pad,
)
from cnn_utils.ops.checks import Padding, as_array, check_padding, format_number, pair
from cnn_utils.ops.probabilities import cross_entropy, smoothed_target, softmax
from cnn_utils.ops.sizes import (
    conv_params,
    dense_params,
    explain_output_size,
    multiply_adds,
    output_size,
    padding_amounts,
    pixel_usage,
    receptive_field,
    same_padding,
    size_is_exact,
    window_positions,
)

__all__ = [
    "MAX_BYTES",
    "Padding",
    "as_array",
    "avg_pool2d",
    "check_padding",
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
    "pair",
    "pixel_usage",
    "receptive_field",
    "same_padding",
    "size_is_exact",
    "smoothed_target",
    "softmax",
    "window_positions",
]
