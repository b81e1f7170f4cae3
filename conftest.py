"""Pytest configuration shared by the unit tests, the doctests and nbval."""

from __future__ import annotations

import pytest

#: Doctests that import TensorFlow (seconds on their own) or train: `slow`, like the tests that do.
TENSORFLOW_DOCTESTS = (
    "cnn_utils.models.",
    "cnn_utils.environment.import_tensorflow_quietly",
    "cnn_utils.environment.environment_summary",
    "cnn_utils.environment.setup",
)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark notebook cells (`notebooks`, `slow`) and the TensorFlow doctests (`slow`)."""
    for item in items:
        if str(item.path).endswith(".ipynb"):
            item.add_marker(pytest.mark.notebooks)
            item.add_marker(pytest.mark.slow)
        elif isinstance(item, pytest.DoctestItem) and item.name.startswith(TENSORFLOW_DOCTESTS):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True, scope="session")
def _korean_font():
    """Figures drawn by tests and doctests use NanumGothic, as in the chapters."""
    from cnn_utils.environment import use_korean_font

    use_korean_font()
