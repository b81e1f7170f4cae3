"""The setup cell every chapter starts with, written from ``_config.yml``'s repository.

    .venv/bin/python tools/setup_cell.py           # rewrite the first code cell of every chapter
    .venv/bin/python tools/setup_cell.py --check   # exit 1 and name the chapters that differ

In Colab (``google.colab`` is loaded) the cell installs this package from the
repository named in ``_config.yml`` at the git tag of this edition
(``cnn_utils.EDITION_TAG``, ``v`` and the version), so a notebook keeps the
helpers it was written with; everywhere it then runs ``cnn_utils.setup()``,
whose line starts with the edition. ``tests/test_setup_cell.py`` checks every
chapter against :func:`setup_cell_source`. Run this after moving the repository
or changing the version (``tools/release.py`` does): it also rewrites the
edition in the cell's committed output, the only part of it that a version
changes (the rest, versions of Python and TensorFlow, is not compared).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import cnn_utils  # noqa: E402  (the checkout's package, also when run as a script)
from cnn_utils.environment import edition  # noqa: E402


def setup_cell_source(repository_url: str, ref: str) -> str:
    """The setup cell's source for a repository and git ref.

    Examples
    --------
    >>> print(setup_cell_source("https://github.com/o/r", "main"))  # doctest: +ELLIPSIS
    # 설정 셀: 모든 장이 이 셀로 시작합니다 (Colab이면 cnn_utils를 먼저 설치).
    import sys
    <BLANKLINE>
    if "google.colab" in sys.modules:
        %pip install --quiet "git+https://github.com/o/r@main"
    ...
    """
    return (
        "# 설정 셀: 모든 장이 이 셀로 시작합니다 (Colab이면 cnn_utils를 먼저 설치).\n"
        "import sys\n"
        "\n"
        'if "google.colab" in sys.modules:\n'
        f'    %pip install --quiet "git+{repository_url}@{ref}"\n'
        "\n"
        "import cnn_utils\n"
        "\n"
        "print(cnn_utils.setup())"
    )


def configured_source(root: Path = ROOT) -> str:
    """The setup cell for the repository in ``root/_config.yml`` and this edition's tag."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    return setup_cell_source(config["repository"]["url"], cnn_utils.EDITION_TAG)


#: How the setup cell's printed line names an edition (cnn_utils.environment_summary).
EDITION_PRINTED = re.compile(r"cnn_utils \S+판 \(\d{4}-\d{2}-\d{2}\)")


def printed_edition() -> str:
    """This edition as the setup cell prints it, e.g. ``cnn_utils 0.2.0판 (2026-11-30)``."""
    return f"cnn_utils {edition()}"


def _rewrite_edition(cell) -> bool:
    """Name this edition in the setup cell's committed output; True when something changed."""
    changed = False
    for out in cell.get("outputs", []):
        if "text" in out:
            new = EDITION_PRINTED.sub(printed_edition(), out["text"])
            changed |= new != out["text"]
            out["text"] = new
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report chapters that differ")
    args = parser.parse_args(argv)
    source = configured_source()
    stale = []
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        first = next(c for c in nb.cells if c.cell_type == "code")
        edition_changed = _rewrite_edition(first)
        if first.source != source or edition_changed:
            stale.append(path.relative_to(ROOT))
            if not args.check:
                first.source = source
                nbformat.write(nb, path)
    verb = "differ" if args.check else "rewritten"
    for path in stale:
        print(f"{path}: {verb}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
