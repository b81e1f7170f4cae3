"""Re-execute chapters in place: a clean top-to-bottom run, outputs committed.

    .venv/bin/python -m tools.execute_chapters chapters/*.ipynb          # full mode
    CNN_BOOK_QUICK=1 .venv/bin/python -m tools.execute_chapters ...      # quick mode

This is what `make execute` runs for maintainers. Each notebook gets a fresh
kernel (working directory: chapters/), widget state is stored in the
notebook so the HTML book can show the controls, and per-cell timing
metadata is dropped so that diffs show only real changes. A notebook is
written back only when its run succeeds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

VOLATILE_CELL_METADATA = ("execution",)


def execute(path: Path, timeout: int) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=True,
        record_timing=False,
    )
    client.execute()
    for cell in nb.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--timeout", type=int, default=1800, help="seconds per cell")
    args = parser.parse_args(argv)
    for path in args.notebooks:
        print(f"{path} ...", end=" ", flush=True)
        seconds = execute(path, args.timeout)
        print(f"{seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
