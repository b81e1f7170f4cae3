"""The exercise widgets, driven without a kernel: set .value, press buttons, read the feedback.

Runs under ipywidgets 8 here and under 7.7.1 in the Colab-like environment
(tests/test_colab_env.py). One generic widget renders every exercise, so these tests
are about the renderer's behaviour (rows, steps, score, params, choices), with a real
exercise for each.
"""

from __future__ import annotations

import ipywidgets
import matplotlib
import numpy as np
import pytest

from cnn_utils import exercises as ex
from cnn_utils import ops, static, widgets
from tests.helpers import EVERY_EXERCISE as EVERY

matplotlib.use("Agg")

X = np.arange(25).reshape(5, 5)
K = np.ones((3, 3), dtype=int)


def _answer(widget, key: str = "main"):
    return widget.exercise.check(widget.current, key, widget._params()).answer


def test_ipywidgets_version_is_supported():
    assert int(ipywidgets.__version__.split(".")[0]) in (7, 8), ipywidgets.__version__


def test_right_wrong_and_bad_answers_and_new_problems():
    widget = widgets.widget(ex.multiply_sum(seed=5))
    answer = _answer(widget)["main"]
    widget.inputs["main"].value = str(answer)
    widget.buttons["main"].click()
    assert "정답입니다" in widget.feedback["main"].value
    widget.inputs["main"].value = str(answer + 3)
    widget.buttons["main"].click()  # the first wrong answer: a retry, not the answer
    told = widget.feedback["main"].value
    assert f"{answer + 3}" in told and "아쉽습니다" in told and "다시 풀어" in told
    assert 'data-cnn-told="retry"' in told
    widget.buttons["main"].click()  # the second: the worked answer
    assert 'data-cnn-told="worked"' in widget.feedback["main"].value
    widget.inputs["main"].value = "몰라요"
    widget.buttons["main"].click()
    assert "숫자가 아닙니다" in widget.feedback["main"].value
    widget.nav["new"].click()
    assert widget.feedback["main"].value == "" and widget.inputs["main"].value == ""
    assert widget.current.statement == ex.multiply_sum(seed=6).problems[0].statement
    assert widget.step.value == f"문제 2/{ex.BANK}"
    for _ in range(ex.BANK - 1):  # 새 문제 walks the web book's bank, then starts it again
        widget.nav["new"].click()
    assert widget.number == 0 and widget.step.value == f"문제 1/{ex.BANK}"
    assert widget.current.statement == ex.multiply_sum(seed=5).problems[0].statement
    assert repr(widget) == "<연습: 곱과 합 계산하기>"


def test_the_score_counts_each_question_once():
    widget = widgets.widget(ex.size_quiz(seed=6))
    widget.inputs["main"].value = str(_answer(widget)["main"])
    for _ in range(50):
        widget.buttons["main"].click()
    assert widget.score_label.value == "점수: 1 / 1"
    widget.nav["new"].click()
    widget.inputs["main"].value = "9999"
    widget.buttons["main"].click()
    widget.buttons["main"].click()
    widget.inputs["main"].value = "x"  # a hint does not count
    widget.buttons["main"].click()
    assert widget.score_label.value == "점수: 1 / 2"


def test_changing_the_question_clears_the_verdict():
    widget = widgets.widget(ex.pooling())
    widget.params["region"].value, widget.params["kind"].value = "왼쪽 위", "max"
    widget.inputs["main"].value = "6"
    widget.buttons["main"].click()
    assert "정답입니다" in widget.feedback["main"].value
    widget.params["kind"].value = "average"
    assert widget.feedback["main"].value == ""
    widget.buttons["main"].click()
    assert "3.25" not in widget.feedback["main"].value  # a first wrong answer: no answer
    widget.buttons["main"].click()
    assert "3.25" in widget.feedback["main"].value and "아쉽습니다" in widget.feedback["main"].value
    widget.params["kind"].value = "max"  # a menu change forgets the wrong answers too
    widget.inputs["main"].value = "5"
    widget.buttons["main"].click()
    assert 'data-cnn-told="retry"' in widget.feedback["main"].value


def test_feedback_belongs_to_its_own_row():
    widget = widgets.widget(ex.param_quiz())
    widget.inputs["conv1"].value = "288"
    widget.buttons["conv1"].click()
    widget.inputs["dense2"].value = "1010"
    widget.buttons["dense2"].click()
    conv1 = widget.feedback["conv1"].value
    assert "절편" in conv1 and "정답" not in conv1 and 'data-cnn-told="retry"' in conv1
    assert "정답입니다" in widget.feedback["dense2"].value
    assert widget.feedback["conv2"].value == "" and widget.note.value == ""


def test_steps_move_on_a_right_answer_and_stop_at_the_ends():
    widget = widgets.widget(ex.sliding(X, K))
    widget.nav["prev"].click()
    assert widget.number == 0 and widget.step.value == "단계 1/9"
    widget.inputs["main"].value = str(ops.conv2d(X, K).ravel()[1])
    widget.buttons["main"].click()
    assert widget.number == 1 and "정답입니다" in widget.feedback["main"].value
    for _ in range(12):
        widget.nav["next"].click()
    assert widget.number == 8 and widget.inputs["main"].disabled and widget.buttons["main"].disabled
    assert "처음부터" in widget.statement.value
    widget.nav["restart"].click()
    assert widget.number == 0 and not widget.inputs["main"].disabled


def test_no_step_button_leads_off_the_ends_or_wipes_an_answer():
    widget = widgets.widget(ex.sliding(X, K))
    assert widget.nav["prev"].disabled and not widget.nav["next"].disabled
    widget.inputs["main"].value = "12"
    widget.nav["prev"].click()  # a click that reaches a disabled button does nothing
    assert widget.number == 0 and widget.inputs["main"].value == "12"
    for _ in range(8):
        widget.nav["next"].click()
    assert widget.number == 8 and widget.nav["next"].disabled and not widget.nav["prev"].disabled
    widget.nav["next"].click()
    assert widget.number == 8 and widget.step.value == "단계 9/9"
    widget.nav["restart"].click()
    assert widget.number == 0 and widget.nav["prev"].disabled and not widget.nav["next"].disabled


def test_several_fields_are_checked_together():
    widget = widgets.widget(ex.stride_steps(np.arange(49).reshape(7, 7), K))
    for key, text in (("row", "0"), ("col", "2"), ("value", "둘")):
        widget.inputs[key].value = text
    widget.buttons["main"].click()
    assert "곱과 합: " in widget.feedback["main"].value and widget.number == 0
    widget.inputs["value"].value = "90"
    widget.buttons["main"].click()
    assert widget.number == 1 and "정답입니다" in widget.feedback["main"].value


def test_choices_are_buttons_and_show_the_solved_figure(figures_unencoded):
    widget = widgets.widget(ex.filter_reading(seed=0, image=np.eye(8)))
    answer = _answer(widget)["main"]
    before = widget.figure.value
    widget.choices[("main", answer)].click()
    assert "정답입니다" in widget.feedback["main"].value
    assert widget.figure.layout.display is None and widget.last_feedback.correct
    wrong = next(k for k in ex.FILTER_KINDS if k != answer)
    widget.choices[("main", wrong)].click()
    assert "아쉽습니다" in widget.feedback["main"].value and before is not None


def test_size_explorer_widget_follows_its_menus():
    widget = widgets.widget(ex.SizeExplorer(n=8, f=3, padding="valid", stride=2))
    assert widget.report.output == 3 and "마지막 1칸" in widget.note.value
    assert "OH = (8 + 2×0 - 3) / 2 + 1" in widget.report_html.value and "●" in widget.grid.value
    widget.controls["padding"].value = "same"
    assert widget.report.pads == (0, 1) and widget.report.output == 4
    widget.controls["padding"].value = "valid"
    widget.controls["n"].value, widget.controls["f"].value = "3", "5"
    assert widget.report.output is None and "필터(5×5)가" in widget.note.value
    assert "✓" not in widget.note.value and "✗" not in widget.note.value


def test_filter_designer_widget_updates_the_map(figures_unencoded):
    image = np.zeros((8, 8))
    image[:, :4] = 1.0
    widget = widgets.widget(ex.FilterDesigner({"왼쪽이 밝은 그림": image}))
    np.testing.assert_allclose(
        widget.feature_map, ops.conv2d(image, ex.FILTER_PRESETS["세로 윤곽선"], padding="same")
    )
    widget.preset.value = "흐림 (blur)"
    np.testing.assert_allclose(widget.kernel, ex.FILTER_PRESETS["흐림 (blur)"], atol=1e-3)
    for cell in widget.cells:
        cell.value = "0"
    widget.cells[4].value = "2"
    np.testing.assert_allclose(widget.feature_map, 2 * image)
    widget.cells[0].value = "a"
    assert "1행 1열" in widget.note.value and "숫자가 아닙니다" in widget.note.value
    np.testing.assert_allclose(widget.feature_map, 2 * image)  # kept the last good map


def _controls(widget):
    for child in getattr(widget, "children", ()):
        yield child
        yield from _controls(child)


def test_every_exercise_function_is_covered():
    functions = {n for n in ex.__all__ if callable(getattr(ex, n)) and n.islower()}
    made = set(EVERY) - {"size_explorer", "filter_designer"}
    assert made <= functions and {"FilterDesigner", "SizeExplorer"} <= set(ex.__all__)


@pytest.mark.parametrize("name", EVERY)
def test_every_control_works_and_the_form_rides_along(name, caplog, figures_unencoded):
    widget = widgets.widget(EVERY[name]())
    for control in list(_controls(widget)):
        if isinstance(control, ipywidgets.Text):
            for typed in ("", "12", "3,25", "<b>x</b>", "9" * 40):
                control.value = typed
        elif isinstance(control, ipywidgets.Dropdown):
            for option in control.options:
                control.value = option[1] if isinstance(option, tuple) else option
    for _ in range(2):
        for control in list(_controls(widget)):
            if isinstance(control, ipywidgets.Button):
                control.click()
    shown = " ".join(c.value for c in _controls(widget) if isinstance(c, ipywidgets.HTML))
    assert "예상하지 못한 오류" not in shown
    assert not [r for r in caplog.records if "Exception in callback" in r.getMessage()]
    bundle = widget._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle and static.STATIC_MIME in bundle


def test_show_displays_the_widget_then_the_example(monkeypatch):
    shown = []
    monkeypatch.setattr(widgets, "display", shown.append)
    widgets.show(ex.size_quiz(seed=6))
    assert isinstance(shown[0], widgets.ExerciseWidget)
    assert "풀이 예시 (다른 문제)" in shown[1].data and "H = 28" in shown[1].data


def test_a_failing_callback_answers_in_korean():
    widget = widgets.widget(ex.multiply_sum(seed=0))
    widget.state = None  # break it on purpose
    widget.inputs["main"].value = "5"
    widget.buttons["main"].click()
    assert "예상하지 못한 오류가 났습니다" in widget.note.value


def test_only_exercise_descriptions_are_rendered():
    with pytest.raises(TypeError, match="description must be an exercise from cnn_utils.exercises"):
        widgets.widget("multiply_sum")
