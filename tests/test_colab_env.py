"""The chapters in an environment like Google Colab's, installed as a student gets them.

The environment is built from scratch: a fresh virtual environment with Python
3.13 where this machine has it, and Colab's own package versions
(``tests/colab/constraints.txt``, written from Colab's published ``pip freeze``
by tools/colab_constraints.py): TensorFlow, Keras, NumPy, matplotlib, IPython,
ipykernel and ipywidgets 7.7.1 as Colab has them, and a stand-in
``google.colab`` module loaded at start-up. cnn_utils is not the working tree:
the setup cells install the commit that ``edition.json`` names, and here that
commit's files (``git archive``) are built into a wheel and installed by the
setup cell's own pip command, exactly as pip would from GitHub. Then the Colab
edition of all eight chapters (colab/chapters, what the book's Colab button
opens) runs through nbval (quick mode, 07 and 08 included), the widget
and exercise tests run under ipywidgets 7.7.1, and the working tree's
checkpoint callback is checked against Colab's Keras.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from tests.colab_env import (
    COLAB_CONSTRAINTS,
    PINNED_COMMIT,
    build_wheel,
    copy_checkout,
    export_commit,
    freeze,
    install_colab_stub,
    local_setup_cell,
    make_venv,
    pip_install,
)
from tests.helpers import ROOT

pytestmark = [pytest.mark.slow]

COLAB_PYTHON = "3.13"
#: What the Colab-like environment has before a chapter runs (Colab has them all, at the
#: versions in the constraints file), plus the test runners.
COLAB_PACKAGES = (
    "ipywidgets",
    "ipython",
    "ipykernel",
    "jupyter-client",
    "tensorflow-cpu",
    "keras",
    "numpy",
    "matplotlib",
    "pyyaml",
    "nbformat",
    "pytest",
    "nbval",
    "hypothesis",
)
#: The versions the issue of Colab's freeze is about: each must equal the constraints file's.
COLAB_PINNED = (
    "ipython",
    "ipykernel",
    "ipywidgets",
    "tensorflow-cpu",
    "keras",
    "numpy",
    "matplotlib",
)


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


def _constraints() -> dict[str, str]:
    pins = {}
    for line in COLAB_CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        name, sep, version = line.partition("==")
        if sep and not line.startswith("#"):
            pins[name] = version
    return pins


@pytest.fixture(scope="module")
def colab(tmp_path_factory):
    root = tmp_path_factory.mktemp("colab")
    checkout = copy_checkout(root / "checkout")
    python_exe, label = _python()
    python = make_venv(root / "venv", python_exe)
    pip_install(python, "-c", str(COLAB_CONSTRAINTS), *COLAB_PACKAGES)
    install_colab_stub(python)
    # What the setup cells install instead of GitHub: the pinned commit's files, built once
    # into a wheel (pip would build the same files anew in each of the 9 setup cells run here).
    wheel = build_wheel(python, export_commit(PINNED_COMMIT, root / "pinned"), root / "wheel")
    for path in (checkout / "colab" / "chapters").glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        first = next(c for c in nb.cells if c.cell_type == "code")
        first.source = local_setup_cell(first.source, wheel)
        nbformat.write(nb, path)
    # The bootstrap: cnn_utils is not there until the setup cell (Colab branch) installs it.
    # Colab has no PYTHONPATH: a caller's (pointing at a checkout) must not reach the venv.
    colab_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    before = subprocess.run(
        [str(python), "-c", "import cnn_utils"], capture_output=True, cwd=root, env=colab_env
    )
    packages_before = freeze(python)
    first_colab = checkout / "colab" / "chapters" / "01_filter.ipynb"
    cell = next(c for c in nbformat.read(first_colab, as_version=4).cells if c.cell_type == "code")
    script = root / "setup_cell.ipy"
    script.write_text(
        cell.source + "\nprint('from', cnn_utils.__file__, cnn_utils.__version__)\n",
        encoding="utf-8",
    )
    bootstrap = subprocess.run(
        [str(python.parent / "ipython"), "--no-banner", str(script)],
        capture_output=True,
        text=True,
        cwd=root,
        env=dict(colab_env, TF_CPP_MIN_LOG_LEVEL="3"),
    )
    packages_after = freeze(python)
    print(f"Colab-like environment ({label}):", {k: packages_after.get(k) for k in COLAB_PINNED})
    return {
        "python": python,
        "checkout": checkout,
        "root": root,
        "setup_source": cell.source,
        "importable_before": before.returncode == 0,
        "bootstrap": bootstrap,
        "before": packages_before,
        "after": packages_after,
        "label": label,
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


def test_setup_cell_bootstraps_the_pinned_commit(colab):
    """The setup cell takes its Colab branch and installs the edition's commit, not the tree."""
    result = colab["bootstrap"]
    assert not colab["importable_before"], "cnn_utils was importable before the setup cell ran"
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Colab: 예" in result.stdout
    assert f"from {colab['python'].parent.parent}" in result.stdout  # installed into the venv
    # IPython 7.34's %pip adds a note that is not true here: the cell must not print it
    assert "restart" not in result.stdout + result.stderr
    pinned = subprocess.run(
        ["git", "show", f"{PINNED_COMMIT}:cnn_utils/__init__.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    version = re.search(r'^__version__ = "([^"]+)"', pinned, re.M).group(1)
    where = re.search(r"^from (\S+) (\S+)$", result.stdout, re.M)
    assert where and where.group(2) == version, result.stdout[-500:]
    installed = Path(where.group(1))
    assert installed.read_text(encoding="utf-8") == pinned, "not the pinned commit's cnn_utils"


def test_environment_has_colabs_versions(colab):
    """Colab's versions from the committed constraints, not the newest releases."""
    if colab["label"] != COLAB_PYTHON:
        pytest.skip(f"no Python {COLAB_PYTHON} on this machine: {colab['label']}")
    wanted = _constraints()
    have = {name: colab["after"].get(name) for name in COLAB_PINNED}
    assert have == {name: wanted[name] for name in COLAB_PINNED}
    assert have["ipywidgets"] == "7.7.1" and have["ipython"].startswith("7.")


def test_installing_the_book_replaces_no_colab_package(colab):
    """The setup cell's install adds cnn_utils (and what Colab lacks) but changes nothing."""
    before, after = colab["before"], colab["after"]
    changed = {k: (v, after.get(k)) for k, v in before.items() if after.get(k) != v}
    assert not changed, f"the setup cell replaced Colab's packages: {changed}"
    assert "cnn-fashion-book" in set(after) - set(before)


def test_a_chapter_calling_code_missing_at_the_pin_fails(colab):
    """A chapter that uses a helper added after the edition's commit fails here until a release.

    The probe calls a public function of the working tree's cnn_utils that the pinned commit
    lacks, when there is one (between releases), or else a name that exists nowhere.
    """
    import ast

    def public_functions(source: str) -> set[str]:
        tree = ast.parse(source)
        return {n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name[0] != "_"}

    missing = []
    for module in sorted((ROOT / "cnn_utils").glob("*.py")):
        shown = subprocess.run(
            ["git", "show", f"{PINNED_COMMIT}:cnn_utils/{module.name}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if shown.returncode != 0:  # a module added since: the pinned cnn_utils cannot import it
            continue
        old = public_functions(shown.stdout)
        new = public_functions(module.read_text(encoding="utf-8"))
        missing += [(module.stem, name) for name in sorted(new - old)]
    module, name = missing[0] if missing else ("ops", "helper_added_after_the_pinned_commit")
    probe = colab["checkout"] / "probe" / "probe.ipynb"  # inside: pyproject.toml turns on nbval
    probe.parent.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            colab["setup_source"], metadata={"tags": ["nbval-ignore-output"]}
        ),
        nbformat.v4.new_code_cell(f"from cnn_utils import {module}\n\n{module}.{name}"),
    ]
    nbformat.write(nb, probe)
    result = _pytest(colab["python"], colab["checkout"], str(probe))
    assert result.returncode != 0, result.stdout[-3000:]
    assert "AttributeError" in result.stdout and name in result.stdout, result.stdout[-3000:]


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
        python,
        checkout,
        "tests/test_widgets.py",
        "tests/test_exercises.py",
        "tests/test_results.py",
        "-k",
        "not keras",
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout


def test_checkpoint_callback_under_colabs_keras(colab):
    """The working tree's ModelCheckpoint against Colab's Keras, not only the book's pin.

    The chapters here run the pinned commit's cnn_utils (installed from the wheel); a
    change to the callback must work on Colab's Keras before it is released. pytest runs
    from the checkout copy, so ``python -m pytest`` puts the copy's cnn_utils ahead of the
    installed one on sys.path: the probe says which cnn_utils and which Keras it imports.
    """
    python, checkout = colab["python"], colab["checkout"]
    command, env = _pytest_command(python)
    probe = subprocess.run(
        [
            str(python),
            "-c",
            "import keras, cnn_utils.models.checkpoint as c; print(keras.__version__, c.__file__)",
        ],
        cwd=checkout,
        capture_output=True,
        text=True,
        env=env,
    )
    assert probe.returncode == 0, probe.stderr[-3000:]
    version, module = probe.stdout.split()[-2:]
    if colab["label"] == COLAB_PYTHON:
        assert version == _constraints()["keras"]
    assert Path(module).is_relative_to(checkout), module
    result = _pytest(python, checkout, "tests/test_models_checkpoint.py")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and " skipped" not in result.stdout
