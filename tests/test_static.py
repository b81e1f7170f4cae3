"""The web book's forms (cnn_utils.static), without a browser.

Every exercise's form shows its first problem without JavaScript (the PDF), names every control
in Korean, announces feedback (aria-live) and carries its description and the reading rules as
data; tests/test_browser_exercises.py answers the same forms in Chromium.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from cnn_utils import answers, static
from cnn_utils import exercises as ex
from tests.helpers import EVERY_EXERCISE as EVERY


def _data(form: str) -> dict:
    found = re.search(r'<script type="application/json" data-cnn-data>(.*?)</script>', form, re.S)
    return json.loads(found.group(1).replace("<\\/", "</"))


@pytest.mark.parametrize("name", EVERY)
def test_every_form_is_whole_without_javascript(name, figures_unencoded):
    description = EVERY[name]()
    form = static.render(description)
    data = _data(form)
    assert data["reading"] == json.loads(json.dumps(answers.reading()))
    assert f'aria-label="연습: {description.title}"' in form and 'aria-live="polite"' in form
    for tag in re.findall(r"<(?:input|select)[^>]*>", form):
        assert re.search(r'aria-label="[^"]*[가-힣]', tag) or "<select" in tag, tag
    for select in re.findall(r"<label[^>]*>[^<]*<select", form):
        assert re.search(r"[가-힣]", select), select
    for img in re.findall(r"<img[^>]*>", form):
        assert re.search(r'alt="[^"]*[가-힣][^"]*"', img), img[:80]
    for button in re.findall(r"<button[^>]*>(.*?)</button>", form):
        assert button.strip(), "a button without visible text"
    if isinstance(description, ex.Exercise):
        first = description.problems[0].statement
        assert first in form  # shown as it is, before any script runs
        assert data["problems"][0]["statement"] == first
        assert "노트북을 실행해야" not in form  # every form answers in the web book


def test_a_form_cannot_be_broken_by_what_it_carries():
    exercise = ex.multiply_sum(0)
    form = static.render(exercise)
    assert form.count("</script>") == 1  # the data's own "</" are escaped


def test_the_first_step_of_a_walk_is_labelled():
    form = static.render(ex.sliding(np.eye(4), np.ones((3, 3))))
    assert ">단계 1/4<" in form and 'data-cnn-nav="restart"' in form


def test_several_fields_have_one_button_and_one_feedback():
    form = static.render(ex.stride_steps(np.arange(49).reshape(7, 7), np.ones((3, 3))))
    assert form.count("data-cnn-check=") == 1 and form.count("data-cnn-feedback=") == 1
    assert len(re.findall(r"<input[^>]*data-cnn-field", form)) == 3


def test_explorer_forms_show_their_first_state():
    sizes = static.render(ex.SizeExplorer(n=8, f=3, padding="valid", stride=2))
    assert "OH = (8 + 2×0 - 3) / 2 + 1" in sizes and "마지막 1칸" in sizes and "cnn-grid" in sizes
    designer = static.render(ex.FilterDesigner({"계단": np.tril(np.ones((6, 6)))}))
    assert designer.count("data-cnn-cell=") == 9 and 'data-cnn-slot="picture"' in designer
    assert "가장 큰 값" in designer


def test_the_largest_walk_stays_small():
    """A 10x10 input (the most the sliding exercise takes): 64 steps as tables, no pictures."""
    form = static.render(ex.sliding(np.arange(100).reshape(10, 10), np.ones((3, 3))))
    assert len(form) < 300_000 and "<img" not in form and len(_data(form)["problems"]) == 64
