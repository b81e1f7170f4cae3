"""The exercises' static forms (cnn_utils.static), without a browser.

tests/test_browser_exercises.py checks the same forms in Chromium; here: the
shared table of typed inputs against parse_number, the templates against the
checkers, and every widget's static form.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from cnn_utils import exercises as ex
from cnn_utils import static, widgets

TABLE = json.loads((Path(__file__).with_name("number_inputs.json")).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "text, rule, value", TABLE["cases"], ids=[repr(c[0])[:24] for c in TABLE["cases"]]
)
def test_parse_number_reads_the_shared_table(text, rule, value):
    parsed = ex.parse_number(text, **TABLE["rules"][rule])
    assert parsed.value == value and (parsed.hint is None) == (value is not None), parsed


def test_number_rule_hints_are_parse_numbers():
    rule = static.number_rule(integer=True, minimum=0, maximum=100)
    assert rule["hints"]["max"] == ex.parse_number("101", maximum=100).hint
    assert rule["hints"]["nan"].replace(static.RAW, "x") == ex.parse_number("x").hint
    assert "int" not in static.number_rule(integer=False)["hints"]


def _render(check: dict, text: str) -> str:
    """The browser script's logic (cnn-exercises.js), in Python, for the template checks."""
    parsed = ex.parse_number(
        text, **{k: check["rule"][k] for k in ("integer", "minimum", "maximum")}
    )
    if not parsed.ok:
        kind = next(
            k
            for k, h in check["rule"]["hints"].items()
            if re.fullmatch(
                re.escape(h).replace(re.escape(static.RAW), ".*"),
                ex.Feedback(None, parsed.hint).html(),
            )
        )
        return check["rule"]["hints"][kind].replace(static.RAW, text.strip())
    if abs(parsed.value - check["answer"]) < 1e-6:
        return check["right"]
    for value, message in check["special"]:
        if parsed.value == value:
            return message
    return static.render_value(check["wrong"]["-" if parsed.value < 0 else "+"], parsed.value)


@pytest.mark.parametrize("seed", [0, 5])
def test_multiply_sum_form_reproduces_the_checker(seed):
    problem = ex.multiply_sum_problem(seed)
    check = static.text_check(lambda t: ex.check_multiply_sum(problem, t), problem.answer)
    for text in ("", "열두", "2.5", str(problem.answer), "-17", "9999", "0", "99999", " 1,234 "):
        assert _render(check, text) == ex.check_multiply_sum(problem, text).html(), text


def test_param_form_keeps_the_forgotten_bias_hint():
    check = static.text_check(lambda t: ex.check_param_answer("conv2", t), 18496, special=[18432])
    for text in ("18432", "18,496", "640", "-1", "abc"):
        assert _render(check, text) == ex.check_param_answer("conv2", text).html(), text


def test_a_feedback_no_template_can_reproduce_is_refused():
    def check(text):
        parsed = ex.parse_number(text)
        if not parsed.ok:
            return ex.Feedback(None, parsed.hint)
        return ex.Feedback(parsed.value == 5, f"{parsed.value * 2}")  # the answer changes the text

    with pytest.raises(ValueError, match="cannot make a static form"):
        static.text_check(check, 5)


SLIDE_X = np.array(
    [[1, 2, 0, 1, 3], [0, 1, 3, 1, 0], [2, 1, 0, 2, 1], [1, 0, 2, 3, 1], [3, 1, 1, 0, 2]]
)
SLIDE_K = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]])


@pytest.mark.parametrize(
    "make",
    [
        lambda: widgets.MultiplySumExercise(seed=0),
        lambda: widgets.SlidingExercise(SLIDE_X, SLIDE_K),
        lambda: widgets.PoolingExercise(),
        lambda: widgets.SizeQuizExercise(seed=6),
        lambda: widgets.ParamQuizExercise(),
        lambda: widgets.FilterReadingExercise(seed=0, image=np.eye(8)),
        lambda: widgets.PixelUsageExercise(seed=0),
        lambda: widgets.PoolingLossExercise(seed=0),
    ],
    ids=[
        "multiply_sum",
        "sliding",
        "pooling",
        "size_quiz",
        "param_quiz",
        "filter_reading",
        "pixel_usage",
        "pooling_loss",
    ],
)
def test_every_checked_exercise_has_a_static_form(make, figures_unencoded):
    exercise = make()
    bundle = exercise._repr_mimebundle_()
    form = bundle[static.STATIC_MIME]
    assert "application/vnd.jupyter.widget-view+json" in bundle  # Jupyter still shows the widget
    bank = json.loads(
        re.search(r"<script type=\"application/json\" data-cnn-bank>(.*?)</script>", form, re.S)
        .group(1)
        .replace("<\\/", "</")
    )
    if bank.get("nav") == "new":
        statements = [p["statement"] for p in bank["problems"]]
        assert len(set(statements)) >= 10, "새 문제 must move through at least 10 problems"
    assert 'aria-live="polite"' in form
    for tag in re.findall(r"<(?:input|select)[^>]*>", form):
        assert re.search(r'aria-label="[^"]*[가-힣]', tag) or "<select" in tag, tag
    for img in re.findall(r"<img[^>]*>", form):
        assert re.search(r'alt="[^"]*[가-힣][^"]*"', img), img[:80]


@pytest.mark.parametrize(
    "make",
    [
        lambda: widgets.PaddingStrideExplorer(n=8, f=3, padding="valid", stride=2),
        lambda: widgets.FilterDesignExercise({"계단": np.tril(np.ones((6, 6)))}),
        lambda: widgets.StrideSlidingExercise(np.arange(49).reshape(7, 7), np.ones((3, 3))),
        lambda: widgets.ShapeQuizExercise(),
    ],
    ids=["padding_stride", "filter_design", "stride_sliding", "shape_quiz"],
)
def test_explorers_say_they_need_a_notebook(make):
    form = make().static_html()
    assert "노트북을 실행해야 움직입니다" in form and static.COLAB_HREF in form
    assert not re.search(r"<(input|button|select)", form), "a control that does nothing"
