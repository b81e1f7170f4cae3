"""How fast is cnn_utils.ops.conv2d? Naive loops vs vectorized vs TensorFlow.

    .venv/bin/python -m benchmarks.conv_numpy [--repeats N]

Measures, side by side in one run and on the same inputs, the two layer
shapes of the slide model: 28x28x1 -> 32 filters and 14x14x32 -> 64 filters
(3x3, 'same'). Prints median times and the ratios naive / vectorized and
vectorized / tf.nn.conv2d. Times depend on the machine; the ratios are what
to compare. The book's aim: vectorized >= 100x faster than naive and within
5x of TensorFlow.
"""

from __future__ import annotations

import argparse
import statistics
import time
from functools import partial

import numpy as np

from cnn_utils import ops
from cnn_utils.environment import import_tensorflow_quietly

CASES = [("28x28x1 -> 32", (28, 28, 1), 32), ("14x14x32 -> 64", (14, 14, 32), 64)]


def median_time(fn, repeats: int) -> float:
    fn()  # warm-up (and TensorFlow's first-call set-up)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _tf_same_conv(tf, x, k):
    return tf.nn.conv2d(x, k, 1, "SAME").numpy()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    tf = import_tensorflow_quietly()
    rng = np.random.default_rng(0)
    print(
        f"{'layer':16s} {'naive':>10s} {'vectorized':>11s} {'tf.nn':>9s} "
        f"{'naive/vec':>10s} {'vec/tf':>7s}"
    )
    for name, shape, filters in CASES:
        x = rng.standard_normal(shape).astype(np.float32)
        k = rng.standard_normal((3, 3, shape[2], filters)).astype(np.float32)
        xt, kt = tf.constant(x[np.newaxis]), tf.constant(k)
        np.testing.assert_allclose(
            ops.conv2d(x, k, padding="same"),
            ops.conv2d_naive(x, k, padding="same"),
            rtol=1e-4,
            atol=1e-4,
        )
        # bind this case's arrays now (a bare lambda would read the loop variables late)
        naive = median_time(
            partial(ops.conv2d_naive, x, k, padding="same"), max(3, args.repeats // 10)
        )
        vec = median_time(partial(ops.conv2d, x, k, padding="same"), args.repeats)
        tfc = median_time(partial(_tf_same_conv, tf, xt, kt), args.repeats)
        print(
            f"{name:16s} {naive * 1e3:8.1f}ms {vec * 1e3:9.3f}ms {tfc * 1e3:7.3f}ms "
            f"{naive / vec:9.0f}x {vec / tfc:6.2f}x"
        )


if __name__ == "__main__":
    main()
