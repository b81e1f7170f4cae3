"""Helpers for tests that imitate Google Colab: a stand-in google.colab module,
a copy of the checkout to install from, and the setup cell pointed at it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import cnn_utils
from tests.paths import CONFIG, ROOT

REPO_URL = CONFIG["repository"]["url"]
#: The setup cell installs this edition's tag, never a branch.
REPO_REF = cnn_utils.EDITION_TAG
INSTALL_SPEC = f"git+{REPO_URL}@{REPO_REF}"

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
