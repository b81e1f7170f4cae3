"""Helpers for tests that imitate Google Colab: Colab's package versions, a stand-in
google.colab module, the edition's commit built into a wheel, and the setup cell pointed
at that wheel."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from tools import book
from tools.book import ROOT
from tools.setup_cell import install_spec, pinned_commit

REPO_URL = book.repository_url()
#: The commit every setup cell installs (edition.json): a commit on main, never a tag.
PINNED_COMMIT = pinned_commit()
INSTALL_SPEC = install_spec(REPO_URL, PINNED_COMMIT)
#: Colab's published package versions (tools/colab_constraints.py wrote the file).
COLAB_CONSTRAINTS = ROOT / "tests" / "colab" / "constraints.txt"

STUB = '''"""Stand-in for Colab's google.colab module (loaded at start-up by a .pth file)."""
import sys
import types

_colab = types.ModuleType("google.colab")
_colab.__file__ = __file__
sys.modules["google.colab"] = _colab
'''

_IGNORE_ANYWHERE = shutil.ignore_patterns(
    ".git",
    ".venv",
    ".venv-*",
    "_build",
    "__pycache__",
    "*.egg-info",
    ".pytest_cache",
    ".hypothesis",
    "build",
)


def _ignore(folder: str, names: list[str]) -> set[str]:
    """What the copy leaves out: builds and caches anywhere, and the checkout's own data/
    (downloads, trained models); cnn_utils/data/ is package data and is copied."""
    skipped = set(_IGNORE_ANYWHERE(folder, names))
    if Path(folder) == ROOT and "data" in names:
        skipped.add("data")
    return skipped


def copy_checkout(dest: Path) -> Path:
    """A copy of the checkout (without environments, builds and data) to pip-install from."""
    shutil.copytree(ROOT, dest, ignore=_ignore)
    return dest


def make_venv(path: Path, python: str | None = None) -> Path:
    """A fresh virtual environment (no system site-packages); returns its python."""
    base = python or getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(path)], check=True)
    return path / "bin" / "python"


def site_packages(python: Path) -> Path:
    out = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    )
    return Path(out.stdout.strip())


def install_colab_stub(python: Path) -> None:
    """Make every interpreter of this venv start with google.colab loaded, as Colab does."""
    site = site_packages(python)
    (site / "_colab_stub.py").write_text(STUB, encoding="utf-8")
    (site / "_colab_stub.pth").write_text("import _colab_stub\n", encoding="utf-8")


def local_setup_cell(source: str, package: Path) -> str:
    """The setup cell with the GitHub install replaced by a local path (checkout copy or wheel)."""
    if INSTALL_SPEC not in source:
        raise AssertionError(f"the setup cell does not install {INSTALL_SPEC}")
    return source.replace(INSTALL_SPEC, str(package))


def export_commit(commit: str, dest: Path) -> Path:
    """The files of ``commit`` (``git archive``) in ``dest``: what pip gets from GitHub."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit], cwd=ROOT, capture_output=True, check=True
    ).stdout
    dest.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def build_wheel(python: Path, source: Path, dest: Path) -> Path:
    """Build ``source`` into a wheel with the venv's pip, as pip does for a git URL."""
    subprocess.run(
        [str(python), "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dest), str(source)],
        check=True,
    )
    (wheel,) = dest.glob("cnn_fashion_book-*.whl")
    return wheel


def freeze(python: Path) -> dict[str, str]:
    """``pip freeze`` of a venv as {normalised name: version}."""
    out = subprocess.run(
        [str(python), "-m", "pip", "freeze", "--all", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pins = {}
    for line in out.splitlines():
        name, sep, version = line.partition("==")
        if sep:
            pins[name.lower().replace("_", "-")] = version
        elif " @ " in line:
            name, _, where = line.partition(" @ ")
            pins[name.lower().replace("_", "-")] = where
    return pins


def pip_install(python: Path, *args: str) -> None:
    """Install into the venv of ``python``: with uv where the book's venv has it (much faster).

    uv is told to write .pyc files, as pip does (see tools/bootstrap.sh: without them each
    kernel compiles TensorFlow's Python again).
    """
    uv = Path(sys.executable).parent / "uv"
    if uv.exists():
        command = [str(uv), "pip", "install", "--quiet", "--compile-bytecode"]
        command += ["--python", str(python), *args]
    else:
        command = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        command += args
    subprocess.run(command, check=True)
