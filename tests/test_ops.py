"""Tests of cnn_utils.ops against TensorFlow/Keras, property-based where it counts."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cnn_utils import ops


def _tf_keras():
    """TensorFlow and Keras, for the comparisons (marked slow: the import alone takes seconds)."""
    return pytest.importorskip("tensorflow"), pytest.importorskip("keras")


PADDINGS = st.one_of(st.sampled_from(["valid", "same"]), st.integers(0, 2))


@st.composite
def conv_case(draw):
    """A random input, filters, stride and padding for which the filter fits."""
    h, w = draw(st.integers(1, 11)), draw(st.integers(1, 11))
    c, k = draw(st.integers(1, 3)), draw(st.integers(1, 4))
    fh, fw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    stride = draw(st.integers(1, 3))
    padding = draw(PADDINGS)
    if padding != "same":  # 'same' always fits
        extra = 0 if padding == "valid" else 2 * padding
        assume(fh <= h + extra and fw <= w + extra)
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((h, w, c)).astype(np.float32)
    kernels = rng.standard_normal((fh, fw, c, k)).astype(np.float32)
    return x, kernels, stride, padding


def tf_conv(x, kernels, stride, padding):
    tf, _ = _tf_keras()
    if isinstance(padding, int):
        tf_padding = [[0, 0], [padding, padding], [padding, padding], [0, 0]]
    else:
        tf_padding = padding.upper()
    return tf.nn.conv2d(x[np.newaxis], kernels, strides=stride, padding=tf_padding)[0].numpy()


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(conv_case())
def test_conv2d_equals_tf_nn_conv2d(case):
    x, kernels, stride, padding = case
    ours = ops.conv2d(x, kernels, stride=stride, padding=padding)
    np.testing.assert_allclose(ours, tf_conv(x, kernels, stride, padding), atol=1e-5, rtol=1e-5)


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(conv_case())
def test_conv2d_equals_keras_conv2d_layer(case):
    _, keras = _tf_keras()
    x, kernels, stride, padding = case
    assume(padding in ("valid", "same"))
    layer = keras.layers.Conv2D(
        kernels.shape[3], kernels.shape[:2], strides=stride, padding=padding
    )
    layer.build((1, *x.shape))
    layer.set_weights([kernels, np.zeros(kernels.shape[3], np.float32)])
    expected = keras.ops.convert_to_numpy(layer(x[np.newaxis]))[0]
    np.testing.assert_allclose(
        ops.conv2d(x, kernels, stride=stride, padding=padding), expected, atol=1e-5, rtol=1e-5
    )


@settings(max_examples=60, deadline=None)
@given(conv_case())
def test_naive_and_vectorized_agree(case):
    x, kernels, stride, padding = case
    exact_x = np.round(x * 4).astype(np.int64)  # integers: the sums are exact
    exact_k = np.round(kernels * 4).astype(np.int64)
    np.testing.assert_array_equal(
        ops.conv2d_naive(exact_x, exact_k, stride=stride, padding=padding),
        ops.conv2d(exact_x, exact_k, stride=stride, padding=padding),
    )
    np.testing.assert_allclose(
        ops.conv2d_naive(x, kernels, stride=stride, padding=padding),
        ops.conv2d(x, kernels, stride=stride, padding=padding),
        atol=1e-5,
    )


@pytest.mark.slow
@settings(max_examples=80, deadline=None)
@given(
    st.integers(1, 12),
    st.integers(1, 12),
    st.integers(1, 3),
    st.integers(1, 4),
    st.integers(1, 4),
    st.sampled_from(["max", "avg"]),
    st.integers(0, 2**16),
)
def test_pools_equal_keras(h, w, c, size, stride, kind, seed):
    _, keras = _tf_keras()
    assume(size <= min(h, w))
    x = np.random.default_rng(seed).standard_normal((h, w, c)).astype(np.float32)
    layer_cls = keras.layers.MaxPooling2D if kind == "max" else keras.layers.AveragePooling2D
    expected = keras.ops.convert_to_numpy(layer_cls(size, strides=stride)(x[np.newaxis]))[0]
    ours = (ops.max_pool2d if kind == "max" else ops.avg_pool2d)(x, size, stride=stride)
    np.testing.assert_allclose(ours, expected, atol=1e-6, rtol=1e-6)


@pytest.mark.slow
def test_output_size_equals_keras_for_every_combination():
    """Every n, f, stride and padding up to small sizes, 'same' with stride > 1 included."""
    from cnn_utils.models import keras_output_shape

    checked = 0
    for n, f, s in itertools.product(range(1, 16), range(1, 6), range(1, 4)):
        for padding in ("valid", "same", 0, 1, 2):
            pad_n = n + 2 * padding if isinstance(padding, int) else n
            if padding != "same" and f > pad_n:
                with pytest.raises(ValueError, match="larger than the padded input"):
                    ops.output_size(n, f, padding, s)
                continue
            out = keras_output_shape(n, n, f, f, padding=padding, stride=s)
            assert (ops.output_size(n, f, padding, s),) * 2 == out, (n, f, padding, s)
            checked += 1
    assert checked > 1000


@pytest.mark.slow
@pytest.mark.parametrize("n,f,s", [(28, 3, 2), (7, 4, 1), (5, 2, 2), (6, 3, 3)])
def test_same_padding_matches_tensorflow(n, f, s):
    """Explicit pads from same_padding give TensorFlow's 'SAME' result exactly."""
    tf, _ = _tf_keras()
    rng = np.random.default_rng(0)
    x = rng.standard_normal((n, n, 1)).astype(np.float32)
    k = rng.standard_normal((f, f, 1, 1)).astype(np.float32)
    top, bottom = ops.same_padding(n, f, stride=s)
    explicit = tf.nn.conv2d(x[np.newaxis], k, s, [[0, 0], [top, bottom], [top, bottom], [0, 0]])
    same = tf.nn.conv2d(x[np.newaxis], k, s, "SAME")
    np.testing.assert_allclose(explicit.numpy(), same.numpy(), atol=1e-6)


def test_window_positions_follow_the_slides_order():
    positions = ops.window_positions(5, 3)
    assert positions == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (2, 0), (2, 1), (2, 2)]
    assert ops.window_positions(7, 3, stride=2) == [(i, j) for i in (0, 2, 4) for j in (0, 2, 4)]
    assert len(ops.window_positions(28, 3, stride=2, padding="same")) == 14 * 14


def test_window_positions_agree_with_conv2d():
    x = np.arange(49).reshape(7, 7)
    k = np.ones((3, 3), dtype=int)
    out = ops.conv2d(x, k, stride=2)
    for (i, j), value in zip(ops.window_positions(7, 3, stride=2), out.ravel(), strict=True):
        assert x[i : i + 3, j : j + 3].sum() == value


def test_pixel_usage_slide_ratios():
    without = ops.pixel_usage(4, 3)
    with_pad = ops.pixel_usage(4, 3, padding=1)
    assert (without[1, 1], without[0, 0]) == (4, 1)  # 4:1
    assert (with_pad[1, 1], with_pad[0, 0]) == (9, 4)  # 9:4
    assert without.sum() == 2 * 2 * 9  # windows x filter cells


def test_multi_channel_single_filter_sums_channels():
    x = np.stack([np.ones((3, 3)), 2 * np.ones((3, 3))], axis=-1)
    assert ops.conv2d(x, np.ones((3, 3, 2))).tolist() == [[27.0]]


@pytest.mark.parametrize(
    "call,message",
    [
        (
            lambda: ops.conv2d(np.ones((3, 3)), np.ones((4, 4))),
            r"filter \(4x4\) is larger than the padded input \(3x3\)",
        ),
        (
            lambda: ops.conv2d(np.ones((3, 3)), np.ones((2, 2)), stride=0),
            "stride must be an integer >= 1, got 0",
        ),
        (
            lambda: ops.conv2d(np.ones((3, 3)), np.ones((2, 2)), padding=-1),
            "padding must be 'valid', 'same' or an integer >= 0, got -1",
        ),
        (
            lambda: ops.conv2d(np.ones((3, 3)), np.ones((2, 2)), padding="full"),
            "padding must be 'valid', 'same'",
        ),
        (
            lambda: ops.conv2d(np.ones(3), np.ones((2, 2))),
            r"x must be a 2-D \(H, W\) or 3-D \(H, W, C\) array, got shape \(3,\)",
        ),
        (lambda: ops.conv2d(np.ones((3, 3)), np.ones((2, 2, 1, 1, 1))), "kernels must be 2-D"),
        (
            lambda: ops.conv2d(np.ones((3, 3, 2)), np.ones((2, 2, 3, 4))),
            r"kernels have 3 input channel\(s\) but x has 2",
        ),
        (
            lambda: ops.conv2d_naive(np.ones((3, 3, 2)), np.ones((2, 2))),
            r"kernels have 1 input channel\(s\) but x has 2",
        ),
        (
            lambda: ops.max_pool2d(np.ones((3, 3)), size=4),
            "size must be at most the input's height and width",
        ),
        (lambda: ops.avg_pool2d(np.ones((3, 3)), stride=0), "stride must be an integer >= 1"),
        (lambda: ops.output_size(5, 3, -1), "padding must be"),
        (lambda: ops.output_size(5, 0), "f must be an integer >= 1, got 0"),
        (lambda: ops.output_size(5, 3, 0, 1.5), "stride must be an integer >= 1, got 1.5"),
        (
            lambda: ops.pad(np.ones((2, 2)), ((1, -1), (0, 0))),
            r"padding \(bottom\) must be an integer >= 0",
        ),
        (lambda: ops.pixel_usage(2, 3), "larger than the padded input"),
    ],
)
def test_bad_input_names_parameter_and_range(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_explain_output_size_floors_like_keras():
    text = ops.explain_output_size(28, 3, 0, 2)
    assert text.endswith("= 13") and "내림" in text
    assert ops.size_is_exact(28, 3, 1, 1) and not ops.size_is_exact(28, 3, 0, 2)


def test_parameter_counts_of_the_slide_model():
    counts = [
        ops.conv_params(3, 1, 32),
        ops.conv_params(3, 32, 64),
        ops.dense_params(7 * 7 * 64, 100),
        ops.dense_params(100, 10),
    ]
    assert counts == [320, 18496, 313700, 1010] and sum(counts) == 333526


# --------------------------------------------------------------------------- careless input
# (the book's own uint8 data, batches, hand-typed matrices, strings)


def test_uint8_and_bool_inputs_do_not_wrap():
    from cnn_utils import data

    (_, _), (x_test, _) = data.load_fashion_mnist(verbose=False)
    sums = ops.conv2d(x_test[0].astype(float), np.ones((3, 3)))
    i, j = np.unravel_index(np.argmax(sums), sums.shape)  # the brightest 3x3 patch
    patch = x_test[0][i : i + 3, j : j + 3]
    exact = int((patch.astype(np.int64) ** 2).sum())
    assert exact > 65535 and ops.multiply_and_sum(patch, patch) == exact
    ones = np.ones((3, 3), np.uint8)
    out = ops.conv2d(x_test[0], ones)
    assert out.dtype == np.int64
    assert out.max() == max(
        int(x_test[0][i : i + 3, j : j + 3].astype(int).sum()) for i in range(26) for j in range(26)
    )
    flags = np.ones((3, 3), bool)
    assert ops.multiply_and_sum(flags, flags) == 9
    assert ops.conv2d(flags, flags).tolist() == [[9]]
    assert ops.conv2d_naive(flags, flags).tolist() == [[9]]


def test_three_axes_are_always_one_image_height_width_channels():
    """The rule is explicit, not guessed: (H, W) or (H, W, C), whatever the sizes."""
    assert ops.max_pool2d(np.ones((28, 28, 28))).shape == (14, 14, 28)
    assert ops.avg_pool2d(np.ones((14, 32, 32))).shape == (7, 16, 32)
    assert ops.pad(np.ones((14, 32, 32)), 1).shape == (16, 34, 32)
    assert ops.conv2d(np.ones((14, 32, 32)), np.ones((3, 3, 32, 4))).shape == (12, 30, 4)


@pytest.mark.parametrize(
    "call",
    [
        lambda x: ops.conv2d(x[:5], np.ones((3, 3))),
        lambda x: ops.conv2d_naive(x[:5], np.ones((3, 3))),
    ],
)
def test_a_batch_of_gray_images_gets_a_message_that_says_what_to_pass(call):
    batch = np.zeros((10, 28, 28), np.uint8)
    with pytest.raises(ValueError, match=r"one image \(H, W, C\) = \(5, 28, 28\).*: x\[k\]"):
        call(batch)


@pytest.mark.parametrize(
    "call",
    [
        lambda x: ops.max_pool2d(x),
        lambda x: ops.avg_pool2d(x),
        lambda x: ops.pad(x, 1),
        lambda x: ops.conv2d(x, np.ones((3, 3))),
    ],
)
def test_a_four_axis_batch_is_refused_with_a_message_that_says_so(call):
    batch = np.zeros((2, 28, 28, 1), np.uint8)
    with pytest.raises(ValueError, match=r"batch of images \(N, H, W, C\).*pass x\[k\]"):
        call(batch)


@pytest.mark.parametrize("kernel_dtype", [np.int64, np.float32])
def test_conv2d_memory_stays_within_32_times_the_input(kernel_dtype):
    """A uint8 photo: the reference convolution does not build every window at once."""
    import tracemalloc

    x = np.random.default_rng(0).integers(0, 256, (500, 500, 3), dtype=np.uint8)
    kernel = np.ones((3, 3, 3), dtype=kernel_dtype)
    tracemalloc.start()
    try:
        out = ops.conv2d(x, kernel)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert out.shape == (498, 498)
    assert peak <= 32 * x.nbytes, f"peak {peak / x.nbytes:.1f}x the input"
    assert out[0, 0] == x[:3, :3].astype(int).sum()


def test_an_impossible_convolution_is_refused_before_allocating():
    x = np.zeros((4000, 4000, 3), np.uint8)
    with pytest.raises(MemoryError, match=r"conv2d.*GiB.*keras\.layers\.Conv2D"):
        ops.conv2d(x, np.ones((3, 3, 3, 512)))


@pytest.mark.parametrize(
    "call,error,message",
    [
        (
            lambda: ops.conv2d([[1, 2], [3]], np.ones((1, 1))),
            ValueError,
            "x must be a rectangular array of numbers",
        ),
        (
            lambda: ops.multiply_and_sum([[1, 2], [3]], [[1, 2], [3, 4]]),
            ValueError,
            "window must be a rectangular array",
        ),
        (lambda: ops.max_pool2d([[1, 2, 3], [4]]), ValueError, "x must be a rectangular array"),
        (
            lambda: ops.conv2d(np.array([["a", "b"], ["c", "d"]]), np.ones((1, 1))),
            TypeError,
            "x must hold numbers",
        ),
        (
            lambda: ops.max_pool2d(np.array([["a", "b"], ["c", "d"]])),
            TypeError,
            "x must hold numbers",
        ),
        (lambda: ops.multiply_and_sum([[1]], [["x"]]), TypeError, "kernel must hold numbers"),
        (
            lambda: ops.pad(np.ones((2, 2)), (1, 1)),
            ValueError,
            r"padding must be an integer >= 0 or \(\(top, bottom\), \(left, right\)\)",
        ),
        (lambda: ops.window_positions([4, 4, 4], 3), ValueError, "n must be an integer or a pair"),
        (lambda: ops.window_positions(4, "3"), ValueError, "f must be an integer >= 1"),
        (lambda: ops.softmax([]), ValueError, r"logits must hold at least one value .* \(0,\)"),
        (
            lambda: ops.softmax([np.inf, 0]),
            ValueError,
            r"logits must hold finite numbers \(no NaN or infinity\), got inf at index 0",
        ),
        (lambda: ops.softmax([[0, 1], [2, np.nan]]), ValueError, "got nan at index 1, 1"),
        (
            lambda: ops.smoothed_target(0, 10, "0.1"),
            TypeError,
            r"smoothing must be a number in \[0, 1\), got '0.1' \(str\)",
        ),
        (lambda: ops.smoothed_target(0, 10, np.nan), ValueError, r"smoothing must be in \[0, 1\)"),
        (
            lambda: ops.receptive_field([(3,)]),
            ValueError,
            r"layers\[0\] must be a pair \(filter size, stride\), got \(3,\)",
        ),
        (lambda: ops.receptive_field([(3, 1), 2]), ValueError, r"layers\[1\] must be a pair"),
        (lambda: ops.receptive_field(3), TypeError, "layers must be a sequence of"),
        (lambda: ops.receptive_field("33"), TypeError, "layers must be a sequence of"),
        (
            lambda: ops.conv2d(np.full((2, 2), 2**63, np.uint64), np.ones((1, 1))),
            ValueError,
            r"x must hold integers below 2\*\*63 \(computed in int64\), got 9223372036854775808",
        ),
        (
            lambda: ops.conv2d(np.ones((2, 2)), np.full((1, 1), 2**64 - 1, np.uint64)),
            ValueError,
            "kernels must hold integers below 2",
        ),
        (
            lambda: ops.multiply_and_sum(np.full(2, 2**63, np.uint64), [1, 1]),
            ValueError,
            "window must hold integers below 2",
        ),
        (
            lambda: ops.cross_entropy([1.5, -0.5], [1, 0]),
            ValueError,
            r"probabilities must be in \[0, 1\], got 1.5",
        ),
    ],
)
def test_careless_input_names_the_parameter(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_the_largest_uint64_that_int64_holds_is_computed_exactly():
    x = np.full((2, 2), 2**63 - 1, np.uint64)
    assert ops.conv2d(x, np.ones((1, 1), np.uint8)).tolist() == [[2**63 - 1] * 2] * 2


def test_sizes_as_lists_and_numpy_integers_are_accepted():
    assert ops.window_positions([4, 4], 3) == ops.window_positions(4, 3)
    assert ops.window_positions(np.array([4, 5]), np.int64(3)) == ops.window_positions((4, 5), 3)
    assert ops.output_size(np.int64(28), np.int32(3), np.int8(1), np.uint8(1)) == 28
    assert ops.conv2d(np.ones((5, 5)), np.ones((3, 3)), stride=np.int64(2)).shape == (2, 2)


@pytest.mark.parametrize("decimals", [-1, 1.5, "2", True])
def test_format_number_refuses_a_bad_number_of_decimals(decimals):
    with pytest.raises(ValueError, match="decimals must be an integer >= 0"):
        ops.format_number(0.5, decimals=decimals)
