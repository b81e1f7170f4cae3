"""Chapter 07's training: the course's original setting vs the book's, side by side.

    .venv/bin/python -m benchmarks.train_lab            # full data, ~10 minutes here
    .venv/bin/python -m benchmarks.train_lab --quick    # a smoke run on a subset
    .venv/bin/python -m benchmarks.train_lab --try batch_size=128 max_epochs=6 decay_epochs=6
                                                        # the book's setting with changes

Same data (the seeded 48,000 / 12,000 split), same architecture (the slide
model), same seed; one after the other in this run, each setting in a fresh
Python process (trained in one process, the second setting ran ~1.6x slower
than alone: the first fit's input threads linger). For each setting it prints
the seconds per epoch, the wall time until validation accuracy first reaches
the target (0.91), the epochs trained, the test accuracy and the arithmetic
rate it reached (GFLOPS, from the layer shapes) next to TensorFlow's own
float32 matrix product timed in the same process just before training, the
practical ceiling of this machine. The last lines give the ratios and both
test accuracies. Times are this machine's; compare the ratios.

Everything tried on the way to the book's setting (issue 15: test accuracy
>= 0.915 in at most half the original's training time), with epochs, seconds
per epoch, totals and test accuracies, is in README.md, section 훈련 속도.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import platform
import subprocess
import sys
import time

from cnn_utils import models, setup


def settings(quick: bool, changes: dict | None = None) -> dict[str, models.TrainingSetting]:
    """The two settings compared; ``changes`` are applied to the book's (``--try``)."""
    original, book = models.ORIGINAL_SETTING, models.BOOK_SETTING
    book = dataclasses.replace(book, **(changes or {}))
    if quick:  # a smoke run (the tests): one short epoch each on a small subset
        subset = {"train_images": 1000, "validation_images": 500}
        original = dataclasses.replace(original, max_epochs=1, **subset)
        book = dataclasses.replace(book, max_epochs=1, decay_epochs=1, **subset)
    return {"original": original, "book": book}


def parse_changes(pairs: list[str]) -> dict:
    """``["batch_size=128", "tf_data=false"]`` -> field values of :class:`TrainingSetting`.

    >>> parse_changes(["batch_size=128", "learning_rate=3e-3", "tf_data=false"])
    {'batch_size': 128, 'learning_rate': 0.003, 'tf_data': False}
    >>> parse_changes(["speed=11"])
    Traceback (most recent call last):
    ...
    SystemExit: --try: TrainingSetting has no field 'speed'; fields: batch_size, ...
    """
    fields = {f.name: f for f in dataclasses.fields(models.TrainingSetting)}
    changes = {}
    for pair in pairs:
        name, _, text = pair.partition("=")
        if name not in fields:
            raise SystemExit(
                f"--try: TrainingSetting has no field {name!r}; fields: {', '.join(fields)}"
            )
        default = fields[name].default
        if isinstance(default, bool):
            value = text.lower() in ("1", "true", "yes")
        elif text.lower() == "none":
            value = None
        elif isinstance(default, float) or "." in text or "e" in text.lower():
            value = float(text)
        else:
            value = int(text)
        changes[name] = value
    return changes


def training_flops_per_image() -> tuple[float, float]:
    """``(forward, training)`` floating-point operations for one image of the slide model.

    From chapter 06's shapes and chapter 07's parameter counts: a convolution
    does 2 x (kernel weights) operations at each output position, a dense layer
    2 x (weights) once. Training does the forward pass, the weight gradients
    (as many again) and the input gradients (as many again, except for the
    first layer, whose input needs none); pooling, ReLU and the optimizer are
    left out (a few percent).

    >>> forward, training = training_flops_per_image()
    >>> round(forward / 1e6, 2), round(training / 1e6, 1)
    (8.31, 24.5)
    """
    layers = zip(models.SLIDE_LAYERS, models.expected_shapes(), strict=True)
    outputs = [shape for layer, shape in layers if layer.kind in ("Conv2D", "Dense")]
    per_layer = [
        # one bias per output channel or value; the rest are weights, used at every position
        2 * (shape[0] * shape[1] if kind == "Conv2D" else 1) * (params - shape[-1])
        for (kind, _, params), shape in zip(models.expected_params(), outputs, strict=True)
    ]
    forward = float(sum(per_layer))
    return forward, 3 * forward - per_layer[0]


def matmul_gflops(size: int = 2048, repeats: int = 8) -> float:
    """TensorFlow's float32 matrix product on this machine, in GFLOPS (its practical ceiling)."""
    from cnn_utils.environment import import_tensorflow_quietly

    tf = import_tensorflow_quietly()
    a = tf.random.normal((size, size), seed=1)
    b = tf.random.normal((size, size), seed=2)
    tf.matmul(a, b).numpy()  # warm up
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        tf.matmul(a, b).numpy()
        best = min(best, time.perf_counter() - start)
    return 2 * size**3 / best / 1e9


def train_one(name: str, quick: bool, target: float, changes: dict) -> dict:
    """Train one setting in this process; return what the report needs."""
    setup(42)
    ceiling = matmul_gflops(512 if quick else 2048)  # in this process: TensorFlow is loaded anyway
    setting = settings(quick, changes)[name]
    lab = models.prepare_data(setting, verbose=False)
    model, history, elapsed = models.train_slide_model(lab, setting, seed=42)
    reached = next(
        (t for t, acc in zip(elapsed, history["val_accuracy"], strict=True) if acc >= target), None
    )
    _, test_acc = model.evaluate(lab.x_test, lab.y_test, verbose=0)
    epochs = len(elapsed)
    forward, per_image = training_flops_per_image()
    flops = epochs * (per_image * len(lab.x_train) + forward * len(lab.x_val))
    return {
        "name": name,
        "describe": setting.describe(),
        "epochs": epochs,
        "seconds": elapsed[-1],
        "per_epoch": elapsed[-1] / epochs,
        "gflops": flops / elapsed[-1] / 1e9,
        "matmul": ceiling,
        "to_target": reached,
        "test_acc": float(test_acc),
        "best_val": float(max(history["val_accuracy"])),
    }


def run(name: str, quick: bool, target: float, pairs: list[str]) -> dict:
    """Train one setting in a fresh Python process and print its line."""
    command = [sys.executable, __file__, "--one", name, "--target", str(target)]
    command += ["--quick"] if quick else []
    command += ["--try", *pairs] if pairs else []
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    r = json.loads(done.stdout.strip().splitlines()[-1])
    to_target = f"{r['to_target']:7.1f} s" if r["to_target"] is not None else "  never "
    print(
        f"{name:9s} {r['describe']}\n"
        f"          TensorFlow float32 matmul: {r['matmul']:.0f} GFLOPS (before training)\n"
        f"          {r['epochs']:2d} epochs, {r['per_epoch']:5.1f} s/epoch "
        f"({r['gflops']:.0f} GFLOPS), total {r['seconds']:6.1f} s, val >= {target}: "
        f"{to_target}, best val {r['best_val']:.4f}, test {r['test_acc']:.4f}",
        flush=True,
    )
    return r


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="subset and few epochs (smoke test)")
    parser.add_argument("--target", type=float, default=0.91, help="validation accuracy to reach")
    parser.add_argument(
        "--try",
        dest="pairs",
        nargs="*",
        default=[],
        metavar="FIELD=VALUE",
        help="change the book's setting (TrainingSetting fields)",
    )
    parser.add_argument("--one", choices=["original", "book"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    changes = parse_changes(args.pairs)
    target = 0.0 if args.quick else args.target
    if args.one:
        print(json.dumps(train_one(args.one, args.quick, target, changes)))
        return
    print(setup(42))
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}")
    forward, training = training_flops_per_image()
    print(
        f"slide model: {forward / 1e6:.2f} MFLOP forward, {training / 1e6:.1f} MFLOP to train, "
        "per image"
    )
    a = run("original", args.quick, target, [])
    b = run("book", args.quick, target, args.pairs)
    print()
    print(
        f"GFLOPS reached: original {a['gflops']:.0f}, book {b['gflops']:.0f}, "
        f"of a matmul ceiling {max(a['matmul'], b['matmul']):.0f}"
    )
    print(f"seconds per epoch: original / book = {a['per_epoch'] / b['per_epoch']:.2f}x")
    if a["to_target"] is not None and b["to_target"] is not None:
        print(f"time to val >= {target}: original / book = {a['to_target'] / b['to_target']:.2f}x")
    else:
        print(
            f"time to val >= {target}: not reached by "
            + " and ".join(r["name"] for r in (a, b) if r["to_target"] is None)
        )
    print(f"total training time: original / book = {a['seconds'] / b['seconds']:.2f}x")
    print(
        f"test accuracy: original {a['test_acc']:.4f}, book {b['test_acc']:.4f} "
        f"({'no lower' if b['test_acc'] >= a['test_acc'] else 'LOWER'})"
    )


if __name__ == "__main__":
    main()
