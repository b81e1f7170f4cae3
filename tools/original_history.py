"""Train the course's original setting until early stopping stops it; keep its history.

    .venv/bin/python -m tools.original_history          # ~5 minutes on 2 CPU cores

Chapter 07 trains the book's faster setting, whose 5-epoch schedule never lets early
stopping fire. To show early stopping at work, this trains the slide model with the
original setting of the course (batch 32, Adam 0.001, EarlyStopping(patience=2,
restore_best_weights=True), at most 20 epochs) on the full data, and writes the
per-epoch history, where it stopped and which epoch's weights it kept, to
cnn_utils/data/original_history.json (shipped with the package, so Colab reads it too).
`make execute` runs this when the file is missing; chapter 07 plots it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from cnn_utils import environment, models


def write_record(record: dict, path: Path) -> None:
    """Write a training record as package data, whole or not at all (a temporary file, renamed).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_record({"정확도": 0.9}, Path(folder) / "run.json")
    ...     (Path(folder) / "run.json").read_text(encoding="utf-8")
    '{\\n "정확도": 0.9\\n}\\n'
    """
    temporary = path.with_suffix(".json.writing")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    temporary.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=models.ORIGINAL_HISTORY)
    args = parser.parse_args(argv)
    print(environment.setup(seed=42))
    setting = models.ORIGINAL_SETTING
    lab = models.prepare_data(setting, verbose=True)
    start = time.perf_counter()
    model, history, elapsed = models.train_slide_model(lab, setting, seed=42, verbose=2)
    _, test_accuracy = model.evaluate(lab.x_test, lab.y_test, verbose=0)
    import keras
    import tensorflow as tf

    record = {
        "setting": setting.describe(),
        "patience": setting.patience,
        "max_epochs": setting.max_epochs,
        "history": {k: [round(float(v), 6) for v in vs] for k, vs in history.items()},
        "test_accuracy": round(float(test_accuracy), 6),
        "seconds": round(time.perf_counter() - start, 1),
        "versions": {"tensorflow": tf.__version__, "keras": keras.__version__},
    }
    write_record(record, args.out)
    print(f"{args.out}: {len(history['loss'])} epochs, test accuracy {test_accuracy:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
