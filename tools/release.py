"""Release an edition of the book: ``make release VERSION=x.y.z``.

An edition is a version of ``cnn_utils`` (``cnn_utils.__version__``) at a commit
on main. Every chapter's setup cell installs that commit in Colab (named in
``edition.json``), so a notebook keeps working with the helpers it was made
with, and nothing depends on a tag being pushed: main is what is published.
This tool:

1. refuses when the working tree has changes, when ``VERSION`` is not newer
   than the current version, when ``changelog.md`` has no ``## <VERSION>판``
   section or the section is empty, or when a generated file is stale (the
   setup cells, instructor.md's exercise table, the Colab edition);
2. commits the edition's code: the version and today's date in
   ``cnn_utils/__init__.py`` and the changelog's heading (the *edition commit*);
3. names that commit in ``edition.json``, rewrites the setup cells to install
   it (``tools.setup_cell``), builds the book, regenerates the Colab edition
   (``tools.colab_edition``) and commits that (the *release commit*, whose
   parent is the edition commit).

Either both commits are made, or the repository is as it was: any failure
(a tool, the build, ``git commit`` itself) resets the branch to where it
started and removes what the release wrote. Publishing is merging: once main
holds the release commit, the edition commit is on main too.

Run ``make test`` before a release: this tool checks staleness, not correctness.
"""

from __future__ import annotations

import argparse
import datetime
import re
import subprocess
import sys
from pathlib import Path

from tools import book
from tools.book import ROOT

VERSION_RE = re.compile(r"\d+\.\d+\.\d+")
#: What the edition commit changes.
EDITION_FILES = ["cnn_utils/__init__.py", "changelog.md"]
#: What the release commit regenerates.
GENERATED = ["edition.json", "chapters", "colab"]


class ReleaseError(Exception):
    """Why the release cannot be made; nothing has been changed when it is raised."""


def _git(*args: str, root: Path = ROOT) -> str:
    done = subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8"
    )
    if done.returncode != 0:
        raise ReleaseError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def run_tool(module: str, *args: str, root: Path = ROOT) -> subprocess.CompletedProcess:
    """Run ``python -m <module> <args>`` in ``root`` (its own tools, on its own files)."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=root,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def current_version(root: Path = ROOT) -> str:
    """The version written in ``cnn_utils/__init__.py`` (read as text: no import)."""
    text = (root / "cnn_utils" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.M).group(1)


def _as_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def changelog_heading(version: str) -> re.Pattern:
    """The changelog's section heading of ``version``, dated or not.

    Examples
    --------
    >>> bool(changelog_heading("1.2.0").search("# 바뀐 점\\n\\n## 1.2.0판\\n- 새 연습"))
    True
    >>> bool(changelog_heading("1.2.0").search("## 1.2.0판 (2027-03-02)"))
    True
    >>> bool(changelog_heading("1.2.0").search("## 1.2.01판"))
    False
    """
    return re.compile(rf"^## {re.escape(version)}판(?: \(\d{{4}}-\d{{2}}-\d{{2}}\))?[ \t]*$", re.M)


def changelog_entries(changelog: str, start: int) -> list[str]:
    """The ``- `` lines of the changelog section that begins at ``start`` (up to the next ``##``).

    Examples
    --------
    >>> text = "## 1.1.0판\\n\\n## 1.0.0판 (2026-01-01)\\n- 첫 판\\n"
    >>> changelog_entries(text, len("## 1.1.0판"))
    []
    >>> changelog_entries(text, text.index("(2026-01-01)") + 12)
    ['- 첫 판']
    """
    section = re.split(r"^## ", changelog[start:], maxsplit=1, flags=re.M)[0]
    return [line.strip() for line in section.splitlines() if line.strip().startswith("- ")]


def check(version: str, root: Path = ROOT) -> None:
    """Raise :class:`ReleaseError` when ``version`` cannot be released from ``root`` now.

    Only the quick checks; the Colab edition's freshness needs a build (:func:`release`).
    """
    if not VERSION_RE.fullmatch(version):
        raise ReleaseError(f"VERSION must look like 1.2.3 (three numbers), got {version!r}")
    dirty = _git("status", "--porcelain", root=root)
    if dirty.strip():
        files = ", ".join(line[3:] for line in dirty.splitlines()[:5])
        raise ReleaseError(
            f"the working tree has changes ({files}): commit or stash them first, "
            "so the release commit holds only what the release writes"
        )
    current = current_version(root)
    if _as_tuple(version) <= _as_tuple(current):
        raise ReleaseError(f"VERSION {version} is not newer than the current version {current}")
    changelog = (root / "changelog.md").read_text(encoding="utf-8")
    heading = changelog_heading(version).search(changelog)
    if not heading:
        raise ReleaseError(
            f"changelog.md has no section '## {version}판': add one line per change students "
            "will notice (the release adds the date)"
        )
    if not changelog_entries(changelog, heading.end()):
        raise ReleaseError(
            f"changelog.md's section '## {version}판' is empty: add one line ('- ...') per "
            "change students will notice"
        )
    for module in ("tools.setup_cell", "tools.exercise_table"):
        done = run_tool(module, "--check", root=root)
        if done.returncode != 0:
            raise ReleaseError(
                f"python -m {module} --check: stale generated files, regenerate and commit "
                "them first:\n" + (done.stdout + done.stderr).strip()
            )


def build_book(root: Path) -> None:
    """Build the HTML book in ``root`` (the Colab edition is made from its numbers)."""
    done = subprocess.run(
        book.build_command(),
        cwd=root,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    if done.returncode != 0:
        raise ReleaseError("the book does not build:\n" + done.stdout[-2000:] + done.stderr[-2000:])


def bump(version: str, date: str, root: Path = ROOT) -> None:
    """Write ``version`` and ``date`` into ``cnn_utils/__init__.py`` and the changelog heading."""
    init = root / "cnn_utils" / "__init__.py"
    text = init.read_text(encoding="utf-8")
    text = re.sub(r'^__version__ = "[^"]+"', f'__version__ = "{version}"', text, flags=re.M)
    text = re.sub(r'^EDITION_DATE = "[^"]+"', f'EDITION_DATE = "{date}"', text, flags=re.M)
    init.write_text(text, encoding="utf-8")
    log = root / "changelog.md"
    log.write_text(
        changelog_heading(version).sub(f"## {version}판 ({date})", log.read_text(encoding="utf-8")),
        encoding="utf-8",
    )


def _commit(message: str, paths: list[str], root: Path) -> str:
    _git("add", "--all", "--", *paths, root=root)
    _git("commit", "--quiet", "-m", message, root=root)
    return _git("rev-parse", "HEAD", root=root).strip()


def release(version: str, date: str, root: Path = ROOT) -> tuple[str, str]:
    """Check, then make the edition commit and the release commit (see the module docstring).

    Returns ``(edition commit, release commit)``.
    """
    check(version, root)
    print("building the book to check the Colab edition...", flush=True)
    build_book(root)
    done = run_tool("tools.colab_edition", "--check", root=root)
    if done.returncode != 0:
        raise ReleaseError(
            "the Colab edition is stale: run `make colab` and commit it first:\n"
            + (done.stdout + done.stderr).strip()
        )
    start = _git("rev-parse", "HEAD", root=root).strip()
    try:
        bump(version, date, root)
        message = f"Edition {version} ({date}): the cnn_utils that Colab installs"
        edition = _commit(message, EDITION_FILES, root)
        done = run_tool("tools.setup_cell", "--pin", edition, root=root)
        if done.returncode != 0:
            raise ReleaseError(f"tools.setup_cell failed:\n{done.stdout}{done.stderr}")
        print(f"building the book of {version}...", flush=True)
        build_book(root)
        done = run_tool("tools.colab_edition", root=root)
        if done.returncode != 0:
            raise ReleaseError(f"tools.colab_edition failed:\n{done.stdout}{done.stderr}")
        message = f"Release {version} ({date}): setup cells install edition commit {edition[:12]}"
        released = _commit(message, GENERATED, root)
    except BaseException as e:
        # put the branch and the tree back as they were: a half-made release is worse than none
        subprocess.run(["git", "reset", "--quiet", "--hard", start], cwd=root, capture_output=True)
        subprocess.run(["git", "clean", "-fdq", "--", *GENERATED], cwd=root, capture_output=True)
        if isinstance(e, ReleaseError):
            back = f"nothing was released: the branch is back at {start[:12]}"
            raise ReleaseError(f"{e}\n{back}") from None
        raise
    return edition, released


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", help="the new version, e.g. 0.3.0")
    parser.add_argument("--date", default=datetime.date.today().isoformat(), help="YYYY-MM-DD")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.date):
        print(f"release: --date must be YYYY-MM-DD, got {args.date!r}", file=sys.stderr)
        return 2
    try:
        edition, released = release(args.version, args.date)
    except ReleaseError as e:
        print(f"release: {e}", file=sys.stderr)
        return 1
    print(
        f"released {args.version}: the setup cells install {edition[:12]}, committed in "
        f"{released[:12]}. Merge main as usual: publishing needs nothing else."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
