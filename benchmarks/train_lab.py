"""Chapter 07's training: the course's original setting vs the book's, side by side.

    .venv/bin/python benchmarks/train_lab.py            # full data, a few minutes
    .venv/bin/python benchmarks/train_lab.py --quick    # a smoke run on a subset

Same data (the seeded 48,000 / 12,000 split), same architecture (the slide
model), same seed, in one process one after the other. For each setting it
prints the seconds per epoch, the wall time until validation accuracy first
reaches the target (0.91), the epochs trained and the test accuracy; then
the ratio of the two times. Times are this machine's; compare the ratio.
"""

from __future__ import annotations

import argparse
import platform

from cnn_utils import models, setup


def run(name: str, setting: models.TrainingSetting, lab: models.LabData, target: float) -> dict:
    model, history, times = models.train_slide_model(lab, setting, seed=42)
    reached = next((t for t, acc in zip(times, history["val_accuracy"]) if acc >= target), None)
    _, test_acc = model.evaluate(lab.x_test, lab.y_test, verbose=0)
    epochs = len(times)
    result = {"name": name, "epochs": epochs, "seconds": times[-1], "per_epoch": times[-1] / epochs,
              "to_target": reached, "test_acc": test_acc, "best_val": max(history["val_accuracy"])}
    to_target = f"{reached:7.1f} s" if reached is not None else "  never "
    print(f"{name:9s} {setting.describe()}\n"
          f"          {epochs:2d} epochs, {result['per_epoch']:5.1f} s/epoch, total {times[-1]:6.1f} s, "
          f"val >= {target}: {to_target}, best val {result['best_val']:.4f}, test {test_acc:.4f}",
          flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="subset and few epochs (smoke test)")
    parser.add_argument("--target", type=float, default=0.91, help="validation accuracy to reach")
    args = parser.parse_args()
    print(setup(42))
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}")
    lab = models.prepare_data(quick=args.quick, verbose=False)
    original, book = models.ORIGINAL, models.BOOK
    if args.quick:
        original = models.TrainingSetting(32, original.learning_rate, max_epochs=1)
        book = models.TrainingSetting(book.batch_size, book.learning_rate, max_epochs=1, decay_epochs=1)
        args.target = 0.0
    a = run("original", original, lab, args.target)
    b = run("book", book, lab, args.target)
    print()
    print(f"seconds per epoch: original / book = {a['per_epoch'] / b['per_epoch']:.2f}x")
    if a["to_target"] is not None and b["to_target"] is not None:
        print(f"time to val >= {args.target}: original / book = {a['to_target'] / b['to_target']:.2f}x")
    else:
        print(f"time to val >= {args.target}: not reached by "
              + " and ".join(r["name"] for r in (a, b) if r["to_target"] is None))
    print(f"test accuracy: original {a['test_acc']:.4f}, book {b['test_acc']:.4f} "
          f"({'no lower' if b['test_acc'] >= a['test_acc'] else 'LOWER'})")


if __name__ == "__main__":
    main()
