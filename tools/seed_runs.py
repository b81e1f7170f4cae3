"""Train the book's setting with several seeds: how much one run's accuracy moves.

    .venv/bin/python -m tools.seed_runs                 # seeds 42 1 2 3 4, ~3 minutes each here
    .venv/bin/python -m tools.seed_runs --seeds 42 7    # other seeds

Every accuracy chapter 07 prints comes from one training run (seed 42). The seed
sets the initial weights and the order of the batches; the data split stays the
chapter's (its own seed). This trains the slide model with the book's setting
once per seed, each in a fresh process (so one run's leftovers cannot slow or
change the next), and writes every run's last-epoch validation accuracy and test
accuracy to cnn_utils/data/seed_runs.json (shipped with the package, so chapter 07
reads it in Colab too). The file is written once, when every run is done.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

#: Where the runs are kept (package data).
OUT = Path(__file__).resolve().parents[1] / "cnn_utils" / "data" / "seed_runs.json"
SEEDS = (42, 1, 2, 3, 4)


def one_run(seed: int) -> dict:
    """Train once with ``seed`` in this process; the numbers chapter 07 prints for a run."""
    import keras
    import tensorflow as tf

    from cnn_utils import environment, models

    environment.setup(seed=seed)
    setting = models.BOOK_SETTING
    lab = models.prepare_data(setting, verbose=False)
    start = time.perf_counter()
    model, history, _ = models.train_slide_model(lab, setting, seed=seed)
    _, test_accuracy = model.evaluate(lab.x_test, lab.y_test, verbose=0)
    return {
        "seed": seed,
        "epochs": len(history["loss"]),
        "val_accuracy": round(float(history["val_accuracy"][-1]), 6),
        "test_accuracy": round(float(test_accuracy), 6),
        "seconds": round(time.perf_counter() - start, 1),
        "versions": {"tensorflow": tf.__version__, "keras": keras.__version__},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=list(SEEDS))
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child run
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(one_run(args.one)))
        return 0
    from cnn_utils import models
    from tools.original_history import write_record

    runs = []
    for seed in args.seeds:
        done = subprocess.run(
            [sys.executable, "-m", "tools.seed_runs", "--one", str(seed)],
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parents[1],
        )
        if done.returncode != 0:
            print(done.stderr[-3000:], file=sys.stderr)
            print(f"seed {seed}: the run failed; {args.out} is unchanged", file=sys.stderr)
            return 1
        run = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"seed {seed}: val {run['val_accuracy']:.4f} test {run['test_accuracy']:.4f} "
            f"({run['seconds']:.0f} s)",
            flush=True,
        )
        runs.append(run)
    record = {"setting": models.BOOK_SETTING.describe(), "runs": runs}
    write_record(record, args.out)
    print(f"{args.out}: {len(runs)} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
