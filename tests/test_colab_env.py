"""The chapters in an environment like Google Colab's.

Colab brings Python 3.13, the newest TensorFlow (Keras 3) and ipywidgets 7.7.1,
and the package is installed on top by each chapter's setup cell. This test
builds such an environment from scratch: a fresh virtual environment (Python
3.13 where this machine has it), `ipywidgets==7.7.1` and TensorFlow with no
version pin, cnn_utils installed from a copy of this checkout, and a stand-in
`google.colab` module loaded at start-up. Then it runs the Colab edition of all
eight chapters (colab/chapters, what the book's Colab button opens) through
nbval there (quick mode, 07 and 08 included), their setup cells taking the
Colab branch and %pip-installing the checkout copy, and the widget and
exercise tests under ipywidgets 7.7.1.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from tests.colab_env import (
    copy_checkout,
    install_colab_stub,
    local_setup_cell,
    make_venv,
    pip_install,
)

pytestmark = [pytest.mark.slow]

COLAB_PYTHON = "3.13"
NOTEBOOKS = ("chapters", "colab/chapters")  # the chapters and their Colab edition


def _python() -> tuple[str | None, str]:
    """A Python 3.13 interpreter if this machine has one (Colab's version), else the current one."""
    override = os.environ.get("CNN_BOOK_COLAB_PYTHON")
    candidates = [override] if override else []
    candidates += [shutil.which(f"python{COLAB_PYTHON}") or ""]
    candidates += sorted(
        glob.glob(os.path.expanduser(f"~/.pyenv/versions/{COLAB_PYTHON}*/bin/python{COLAB_PYTHON}"))
    )
    for candidate in candidates:
        if (
            candidate
            and subprocess.run(
                [candidate, "-c", "import venv, ensurepip"], capture_output=True
            ).returncode
            == 0
        ):
            return candidate, COLAB_PYTHON
    return None, "the current Python (no Python 3.13 found)"


@pytest.fixture(scope="module")
def colab(tmp_path_factory):
    root = tmp_path_factory.mktemp("colab")
    checkout = copy_checkout(root / "checkout")
    python_exe, label = _python()
    python = make_venv(root / "venv", python_exe)
    pip_install(
        python,
        "ipywidgets==7.7.1",
        "tensorflow-cpu",
        "ipykernel",
        "nbval",
        "pytest",
        "pyyaml",
        "hypothesis",
    )
    install_colab_stub(python)
    # What the setup cells %pip-install instead of GitHub: a wheel of the checkout copy,
    # built once (pip would build the checkout anew in each of the 9 setup cells run here).
    wheels = root / "wheel"
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(wheels),
            str(checkout),
        ],
        check=True,
    )
    (wheel,) = wheels.glob("cnn_fashion_book-*.whl")
    for path in [p for folder in NOTEBOOKS for p in (checkout / folder).glob("*.ipynb")]:
        nb = nbformat.read(path, as_version=4)  # the Colab install points at the local wheel
        first = next(c for c in nb.cells if c.cell_type == "code")
        first.source = local_setup_cell(first.source, wheel)
        nbformat.write(nb, path)
    # The bootstrap: cnn_utils is not there until the setup cell (Colab branch) installs it.
    before = subprocess.run([str(python), "-c", "import cnn_utils"], capture_output=True, cwd=root)
    first_colab = checkout / "colab" / "chapters" / "01_filter.ipynb"
    cell = next(c for c in nbformat.read(first_colab, as_version=4).cells if c.cell_type == "code")
    script = root / "setup_cell.ipy"
    script.write_text(cell.source + "\nprint('from', cnn_utils.__file__)\n", encoding="utf-8")
    bootstrap = subprocess.run(
        [str(python.parent / "ipython"), "--no-banner", str(script)],
        capture_output=True,
        text=True,
        cwd=root,
        env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"),
    )
    versions = subprocess.run(
        [
            str(python),
            "-c",
            "import sys, ipywidgets, tensorflow, keras, google.colab; "
            "print(sys.version.split()[0], ipywidgets.__version__, tensorflow.__version__,"
            " keras.__version__)",
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"),
    )
    assert versions.returncode == 0, versions.stderr[-2000:]
    print(f"Colab-like environment ({label}):", versions.stdout.strip())
    return {
        "python": python,
        "checkout": checkout,
        "versions": versions.stdout.split(),
        "importable_before": before.returncode == 0,
        "bootstrap": bootstrap,
    }


def _pytest_command(python: Path, *args: str) -> tuple[list[str], dict]:
    env = dict(os.environ, CNN_BOOK_QUICK="1", TF_CPP_MIN_LOG_LEVEL="3")
    env.pop("PYTHONPATH", None)
    return [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], env


def _pytest(python: Path, checkout: Path, *args: str) -> subprocess.CompletedProcess:
    command, env = _pytest_command(python, *args)
    return subprocess.run(command, cwd=checkout, capture_output=True, text=True, env=env)


def _pytest_in_two(python: Path, checkout: Path, items: list[str]) -> list[tuple[int, str]]:
    """Run pytest on two halves of ``items`` side by side (one per core); (returncode, output)."""
    halves = [items[0::2], items[1::2]]
    runs = []
    for half in halves:
        command, env = _pytest_command(python, *half)
        runs.append(
            subprocess.Popen(
                command,
                cwd=checkout,
                env=env,
                text=True,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
        )
    return [(run.wait(), run.stdout.read()) for run in runs]


def test_setup_cell_bootstraps_cnn_utils_in_colab(colab):
    """The setup cell takes its Colab branch and %pip-installs an importable cnn_utils."""
    result = colab["bootstrap"]
    assert not colab["importable_before"], "cnn_utils was importable before the setup cell ran"
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Colab: 예" in result.stdout
    assert f"from {colab['python'].parent.parent}" in result.stdout  # installed into the venv


def test_environment_is_colab_like(colab):
    python_version, ipywidgets_version, tf_version, keras_version = colab["versions"]
    assert ipywidgets_version == "7.7.1"
    assert keras_version.startswith("3.")
    assert tuple(int(x) for x in tf_version.split(".")[:2]) >= (2, 16)


def test_colab_edition_runs_with_nbval_in_colab_mode(colab):
    """Every chapter as Colab opens it (colab/chapters), 07 and 08 included, in quick mode."""
    python, checkout = colab["python"], colab["checkout"]
    notebooks = sorted(str(p) for p in (checkout / "colab" / "chapters").glob("*.ipynb"))
    assert len(notebooks) == 8
    for returncode, output in _pytest_in_two(python, checkout, notebooks):  # 2 cores: halves
        assert returncode == 0, output[-6000:]
        assert " passed" in output and " failed" not in output


def test_widgets_and_exercises_under_ipywidgets_7(colab):
    python, checkout = colab["python"], colab["checkout"]
    # the Keras cross-checks of the size formula are not about widgets (they run in make test)
    result = _pytest(
        python, checkout, "tests/test_widgets.py", "tests/test_exercises.py", "-k", "not keras"
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
