"""Chapter 07's training: the course's original setting vs the book's, side by side.

    .venv/bin/python benchmarks/train_lab.py            # full data, a few minutes
    .venv/bin/python benchmarks/train_lab.py --quick    # a smoke run on a subset

Same data (the seeded 48,000 / 12,000 split), same architecture (the slide
model), same seed; one after the other in this run, each setting in a fresh
Python process (trained in one process, the second setting ran ~1.6x slower
than alone: the first fit's input threads linger). For each setting it prints
the seconds per epoch, the wall time until validation accuracy first reaches
the target (0.91), the epochs trained and the test accuracy; then the ratios.
Times are this machine's; compare the ratios.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import platform
import subprocess
import sys

from cnn_utils import models, setup


def settings(quick: bool) -> dict[str, models.TrainingSetting]:
    original, book = models.ORIGINAL_SETTING, models.BOOK_SETTING
    if quick:  # a smoke run (the tests): one short epoch each on a small subset
        subset = {"train_images": 1000, "validation_images": 500}
        original = dataclasses.replace(original, max_epochs=1, **subset)
        book = dataclasses.replace(book, max_epochs=1, decay_epochs=1, **subset)
    return {"original": original, "book": book}


def train_one(name: str, quick: bool, target: float) -> dict:
    """Train one setting in this process; return what the report needs."""
    setup(42)
    setting = settings(quick)[name]
    lab = models.prepare_data(setting, verbose=False)
    model, history, elapsed = models.train_slide_model(lab, setting, seed=42)
    reached = next(
        (t for t, acc in zip(elapsed, history["val_accuracy"], strict=True) if acc >= target), None
    )
    _, test_acc = model.evaluate(lab.x_test, lab.y_test, verbose=0)
    return {
        "name": name,
        "describe": setting.describe(),
        "epochs": len(elapsed),
        "seconds": elapsed[-1],
        "per_epoch": elapsed[-1] / len(elapsed),
        "to_target": reached,
        "test_acc": float(test_acc),
        "best_val": float(max(history["val_accuracy"])),
    }


def run(name: str, quick: bool, target: float) -> dict:
    """Train one setting in a fresh Python process and print its line."""
    command = [sys.executable, __file__, "--one", name, "--target", str(target)]
    done = subprocess.run(
        command + (["--quick"] if quick else []), capture_output=True, text=True, check=True
    )
    r = json.loads(done.stdout.strip().splitlines()[-1])
    to_target = f"{r['to_target']:7.1f} s" if r["to_target"] is not None else "  never "
    print(
        f"{name:9s} {r['describe']}\n"
        f"          {r['epochs']:2d} epochs, {r['per_epoch']:5.1f} s/epoch, "
        f"total {r['seconds']:6.1f} s, val >= {target}: {to_target}, "
        f"best val {r['best_val']:.4f}, test {r['test_acc']:.4f}",
        flush=True,
    )
    return r


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="subset and few epochs (smoke test)")
    parser.add_argument("--target", type=float, default=0.91, help="validation accuracy to reach")
    parser.add_argument("--one", choices=["original", "book"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    target = 0.0 if args.quick else args.target
    if args.one:
        print(json.dumps(train_one(args.one, args.quick, target)))
        return
    print(setup(42))
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}")
    a = run("original", args.quick, target)
    b = run("book", args.quick, target)
    print()
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
