"""Pytest configuration shared by the unit tests, the doctests and nbval."""

from __future__ import annotations

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark every notebook cell item, so `-m "not notebooks"` skips nbval."""
    for item in items:
        if str(item.path).endswith(".ipynb"):
            item.add_marker(pytest.mark.notebooks)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True, scope="session")
def _korean_font():
    """Figures drawn by tests and doctests use NanumGothic, as in the chapters."""
    from cnn_utils.environment import use_korean_font

    use_korean_font()
