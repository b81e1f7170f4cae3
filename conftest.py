"""Pytest configuration shared by the unit tests, the doctests and nbval."""

from __future__ import annotations

import sys

import pytest

from tests.groups import GroupScheduling, work_group

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
    """``-n N --dist loadgroup``: hand out this book's groups whole, the longest first.

    The groups are tests/groups.py's (no ``xdist_group`` marks): see GroupScheduling there.
    """
    if config.getoption("dist") != "loadgroup":
        return None
    from xdist.workermanage import parse_tx_spec_config

    return GroupScheduling(len(parse_tx_spec_config(config)), log)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark notebook cells (`notebooks`, `slow`), the TensorFlow doctests (`slow`), the modules
    that check the built book (`book`), and the tests that build it (`slow`)."""
    for item in items:
        if str(item.path).endswith(".ipynb"):
            item.add_marker(pytest.mark.notebooks)
            item.add_marker(pytest.mark.slow)
        elif isinstance(item, pytest.DoctestItem) and item.name.startswith(TENSORFLOW_DOCTESTS):
            item.add_marker(pytest.mark.slow)
        in_book_group = work_group(item.nodeid) == "book"
        if in_book_group:
            item.add_marker(pytest.mark.book)
        if "build_log" in getattr(item, "fixturenames", ()):
            if not in_book_group:
                raise pytest.UsageError(
                    f"{item.nodeid} uses the built book: list its module in BOOK_MODULES "
                    "(tests/groups.py)"
                )
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True, scope="session")
def _korean_font():
    """Figures drawn by tests and doctests use NanumGothic, as in the chapters."""
    from cnn_utils.environment import use_korean_font

    use_korean_font()
