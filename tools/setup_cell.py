"""The setup cell every chapter starts with: it installs this edition's commit in Colab.

    .venv/bin/python -m tools.setup_cell           # rewrite the first code cell of every chapter
    .venv/bin/python -m tools.setup_cell --check   # exit 1 and name the chapters that differ
    .venv/bin/python -m tools.setup_cell --pin SHA # name the commit in edition.json, rewrite

An edition is a commit on main: ``edition.json`` names it (``make release``
writes it), and in Colab (``google.colab`` is loaded) the setup cell
pip-installs ``git+<repository>@<that commit>``, with the repository from
``_config.yml``. Only main is published, so a commit on main is something every
reader's pip can fetch, and a notebook keeps the helpers it was made with.
Everywhere the cell then runs ``cnn_utils.setup()``, whose line starts with
the edition. ``tests/test_setup_cell.py`` checks every chapter against
:func:`configured_source` and that the commit is on main; the Colab-like test
installs exactly that commit. Run this after moving the repository (it also
rewrites the edition in the cell's committed output, the only part of it a
release changes; the rest, versions of Python and TensorFlow, is not compared).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat

from tools import book
from tools.book import EDITION_FILE, ROOT

_COMMIT = re.compile(r"[0-9a-f]{40}")


class EditionFileError(ValueError):
    """``edition.json`` is missing or does not name a full commit hash."""


def pinned_commit(root: Path = ROOT) -> str:
    """The commit whose ``cnn_utils`` every setup cell installs, from ``edition.json``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = (Path(folder) / "edition.json").write_text('{"commit": "' + "a" * 40 + '"}')
    ...     pinned_commit(Path(folder)) == "a" * 40
    True
    """
    path = root / EDITION_FILE
    try:
        commit = book.edition_commit(root)
    except FileNotFoundError:
        raise EditionFileError(f"{path} is missing: make an edition with `make release`") from None
    except (ValueError, KeyError, TypeError) as e:
        raise EditionFileError(f"{path}: no commit in it ({e}); restore it from git") from None
    if not isinstance(commit, str) or not _COMMIT.fullmatch(commit):
        raise EditionFileError(f"{path}: commit must be 40 hex digits, got {commit!r}")
    return commit


def write_pinned_commit(commit: str, root: Path = ROOT) -> None:
    """Name ``commit`` in ``edition.json`` (the release does this once the code is committed)."""
    if not _COMMIT.fullmatch(commit):
        raise EditionFileError(f"commit must be 40 hex digits, got {commit!r}")
    text = json.dumps({"commit": commit}, indent=2) + "\n"
    (root / EDITION_FILE).write_text(text, encoding="utf-8")


def setup_cell_source(repository_url: str, commit: str, edition: str) -> str:
    """The setup cell's source for a repository, the edition's commit and its name.

    Examples
    --------
    >>> print(setup_cell_source("https://github.com/o/r", "c" * 40, "1.0.0판 (2027-03-02)"))
    ... # doctest: +ELLIPSIS
    # 설정 셀, 1.0.0판 (2027-03-02): 모든 장이 이 셀로 시작합니다.
    # Colab이면 이 판의 cnn_utils를 먼저 설치합니다.
    import sys
    <BLANKLINE>
    if "google.colab" in sys.modules:
        !{sys.executable} -m pip install --quiet "git+https://github.com/o/r@ccc...ccc"
    ...
    """  # noqa: E501 (doctest output lines are data)
    return (
        f"# 설정 셀, {edition}: 모든 장이 이 셀로 시작합니다.\n"
        "# Colab이면 이 판의 cnn_utils를 먼저 설치합니다.\n"
        "import sys\n"
        "\n"
        'if "google.colab" in sys.modules:\n'
        f'    !{{sys.executable}} -m pip install --quiet "{install_spec(repository_url, commit)}"\n'
        "\n"
        "import cnn_utils\n"
        "\n"
        "print(cnn_utils.setup())"
    )


def install_spec(repository_url: str, commit: str) -> str:
    """What pip installs in Colab: the repository at the edition's commit.

    Examples
    --------
    >>> install_spec("https://github.com/o/r", "0" * 40)
    'git+https://github.com/o/r@0000000000000000000000000000000000000000'
    """
    return f"git+{repository_url}@{commit}"


def edition_at(commit: str, root: Path = ROOT) -> str:
    """The edition ``commit`` holds, as the setup cell prints it: ``0.2.0판 (2026-11-30)``.

    Read from that commit's ``cnn_utils/__init__.py`` with git, so it names what
    Colab installs, not the working tree.
    """
    done = subprocess.run(
        ["git", "show", f"{commit}:cnn_utils/__init__.py"],
        cwd=root,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    if done.returncode != 0:
        raise EditionFileError(
            f"{commit[:12]} is not a commit of this repository "
            f"({done.stderr.strip()}); fetch main, or make an edition with `make release`"
        )
    version = re.search(r'^__version__ = "([^"]+)"', done.stdout, re.M)
    date = re.search(r'^EDITION_DATE = "([^"]+)"', done.stdout, re.M)
    if not (version and date):
        raise EditionFileError(f"{commit[:12]}: cnn_utils/__init__.py names no version and date")
    return f"{version.group(1)}판 ({date.group(1)})"


def configured_source(root: Path = ROOT) -> str:
    """The setup cell for ``_config.yml``'s repository and ``edition.json``'s commit."""
    commit = pinned_commit(root)
    return setup_cell_source(book.repository_url(root), commit, edition_at(commit, root))


#: How the setup cell's printed line names an edition (cnn_utils.environment_summary).
EDITION_PRINTED = re.compile(r"cnn_utils \S+판 \(\d{4}-\d{2}-\d{2}\)")


def printed_edition(root: Path = ROOT) -> str:
    """The pinned edition as the setup cell prints it, e.g. ``cnn_utils 0.2.0판 (2026-11-30)``."""
    return f"cnn_utils {edition_at(pinned_commit(root), root)}"


def _rewrite_edition(cell, printed: str) -> bool:
    """Name this edition in the setup cell's committed output; True when something changed."""
    changed = False
    for out in cell.get("outputs", []):
        if "text" in out:
            new = EDITION_PRINTED.sub(printed, out["text"])
            changed |= new != out["text"]
            out["text"] = new
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report chapters that differ")
    parser.add_argument("--pin", metavar="COMMIT", help="name this full commit in edition.json")
    args = parser.parse_args(argv)
    try:
        if args.pin:
            edition_at(args.pin)  # refuses a commit this repository does not have
            write_pinned_commit(args.pin)
        source, printed = configured_source(), printed_edition()
    except EditionFileError as e:
        print(f"setup_cell: {e}", file=sys.stderr)
        return 1
    stale = []
    for path in book.chapter_notebooks():
        nb = nbformat.read(path, as_version=4)
        first = next(c for c in nb.cells if c.cell_type == "code")
        edition_changed = _rewrite_edition(first, printed)
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
