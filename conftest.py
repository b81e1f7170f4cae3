"""Pytest configuration shared by the unit tests, the doctests and nbval."""

from __future__ import annotations

import sys

import pytest

from tests.paths import FIRST_GROUPS, work_group

# jsonschema, when rfc3987-syntax is installed (jupyter-events pulls it in), compiles
# an IRI grammar on import: about 4.5 s of every run that reads a notebook with
# nbformat, for a string format no notebook schema uses. Tests go without it.
# (With nbval on, nbval has imported nbformat before this file: make test pays once.)
sys.modules.setdefault("rfc3987_syntax", None)

#: nbval's options, set in pyproject.toml's addopts. `make test-fast` runs with
#: ``-p no:nbval`` (it has no notebooks to run, and nbval's import of nbformat
#: and jsonschema alone costs about 5 s); the options are then accepted and unused.
NBVAL_OPTIONS = ("--nbval", "--nbval-current-env")
NBVAL_VALUED_OPTIONS = ("--nbval-sanitize-with", "--nbval-cell-timeout")


def pytest_addoption(parser, pluginmanager):
    """Accept nbval's addopts when the nbval plugin is switched off."""
    if pluginmanager.is_blocked("nbval"):
        group = parser.getgroup("nbval (switched off by -p no:nbval)")
        for option in NBVAL_OPTIONS:
            group.addoption(option, action="store_true", help="ignored: nbval is off")
        for option in NBVAL_VALUED_OPTIONS:
            group.addoption(option, action="store", help="ignored: nbval is off")


#: Doctests that import TensorFlow (seconds on their own) or train: `slow`, like the tests that do.
TENSORFLOW_DOCTESTS = (
    "cnn_utils.models.",
    "cnn_utils.environment.import_tensorflow_quietly",
    "cnn_utils.environment.require_keras",
    "cnn_utils.environment.environment_summary",
    "cnn_utils.environment.setup",
    "cnn_utils.environment.visible_gpus",
)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Hand out whole groups (:func:`work_group`), the longest first.

    xdist's own ``--dist loadgroup`` cannot be used: it puts the group into a
    test's id through ``item._nodeid``, which pytest 9 no longer reads, so every
    test (every notebook cell too) was handed out on its own.
    """
    from xdist.scheduler import LoadScopeScheduling

    class GroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_group(nodeid)

    config.option.loadscopereorder = False  # keep the order pytest_collection_modifyitems made
    return GroupScheduling(config, log)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark notebook cells (`notebooks`, `slow`) and the TensorFlow doctests (`slow`).

    In an xdist worker, also put the longest groups first (see ``FIRST_GROUPS``).
    """
    for item in items:
        if str(item.path).endswith(".ipynb"):
            item.add_marker(pytest.mark.notebooks)
            item.add_marker(pytest.mark.slow)
        elif isinstance(item, pytest.DoctestItem) and item.name.startswith(TENSORFLOW_DOCTESTS):
            item.add_marker(pytest.mark.slow)
        uses_book = "build_log" in getattr(item, "fixturenames", ())
        if uses_book and work_group(item.nodeid) != "book":
            raise pytest.UsageError(
                f"{item.nodeid} uses the built book: list its module in BOOK_MODULES "
                "(tests/paths.py)"
            )
    if hasattr(config, "workerinput"):
        first = {group: rank for rank, group in enumerate(FIRST_GROUPS)}
        items.sort(key=lambda item: first.get(work_group(item.nodeid), len(first)))


@pytest.fixture(autouse=True, scope="session")
def _korean_font():
    """Figures drawn by tests and doctests use NanumGothic, as in the chapters."""
    from cnn_utils.environment import use_korean_font

    use_korean_font()
