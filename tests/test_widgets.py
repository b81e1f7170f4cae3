"""The exercise widgets, driven without a kernel: set .value, press buttons,
read the feedback and what the exercise shows. Runs under ipywidgets 8 here and
under 7.7.1 in the Colab-like environment (tests/test_colab_env.py)."""

from __future__ import annotations

import ipywidgets
import matplotlib
import numpy as np
import pytest

from cnn_utils import exercises as ex
from cnn_utils import ops, widgets

matplotlib.use("Agg")


def _text(widget) -> str:
    return widget.feedback.value


def test_ipywidgets_version_is_supported():
    major = int(ipywidgets.__version__.split(".")[0])
    assert major in (7, 8), ipywidgets.__version__


def test_multiply_sum_widget_right_wrong_and_bad():
    exercise = widgets.MultiplySumExercise(seed=5)
    answer = ex.multiply_sum_problem(5).answer
    exercise.answer.value = str(answer)
    exercise.check.click()
    assert "정답입니다" in _text(exercise)
    exercise.answer.value = str(answer + 3)
    exercise.check.click()
    assert "아쉽습니다" in _text(exercise) and ex.worked_sum(
        exercise.problem.window, exercise.problem.kernel
    ) in _text(exercise)
    exercise.answer.value = "몰라요"
    exercise.check.click()
    assert "숫자가 아닙니다" in _text(exercise)
    exercise.new.click()
    assert exercise.seed == 6 and _text(exercise) == "" and exercise.answer.value == ""
    np.testing.assert_array_equal(exercise.problem.window, ex.multiply_sum_problem(6).window)
    assert repr(exercise) == "<연습: 곱과 합 계산하기>"


def test_filter_design_widget_updates_the_map(figures_unencoded):
    image = np.zeros((8, 8))
    image[:, :4] = 1.0
    exercise = widgets.FilterDesignExercise({"왼쪽이 밝은 그림": image})
    np.testing.assert_allclose(
        exercise.feature_map, ops.conv2d(image, ex.FILTER_PRESETS["세로 윤곽선"], padding="same")
    )
    exercise.preset.value = "흐림 (blur)"
    np.testing.assert_allclose(exercise.kernel, ex.FILTER_PRESETS["흐림 (blur)"], atol=1e-3)
    for cell in exercise.cells:
        cell.value = "0"
    exercise.cells[4].value = "2"  # 2 x identity
    np.testing.assert_allclose(exercise.feature_map, 2 * image)
    exercise.cells[0].value = "a"
    assert "1행 1열" in _text(exercise) and "숫자가 아닙니다" in _text(exercise)
    np.testing.assert_allclose(exercise.feature_map, 2 * image)  # kept the last good map


def test_sliding_widget_steps_and_checks(figures_unencoded):
    x, k = np.arange(25).reshape(5, 5), np.ones((3, 3), dtype=int)
    exercise = widgets.SlidingExercise(x, k)
    assert exercise.frame.position == (0, 0)
    exercise.next.click()
    assert exercise.frame.position == (0, 1)
    exercise.answer.value = "bad"
    exercise.check.click()
    assert "숫자가 아닙니다" in _text(exercise)
    nxt = ops.conv2d(x, k).ravel()[2]
    exercise.answer.value = str(nxt)
    exercise.check.click()
    assert "정답입니다" in exercise.last_feedback.message
    assert exercise.frame.position == (0, 2)  # a right answer moves on
    exercise.step.value = 8
    exercise.next.click()
    assert exercise.step.value == 8


def test_explorers_and_designer_show_neutral_information(figures_unencoded):
    """Only checked answers are coloured right or wrong (✓/✗)."""
    explorer = widgets.PaddingStrideExplorer(n=8, f=3, padding="valid", stride=2)
    designer = widgets.FilterDesignExercise({"a": np.eye(6)})
    for exercise in (explorer, designer):
        assert isinstance(exercise.last_feedback, ex.Note)
        assert "✓" not in _text(exercise) and "✗" not in _text(exercise)
    assert "마지막 1칸은 윈도가 닿지 않아 계산에 쓰이지 않습니다" in _text(explorer)
    explorer.n.value = 7
    assert "✓" not in _text(explorer) and "나누어떨어집니다" in _text(explorer)


def test_padding_stride_explorer(figures_unencoded):
    exercise = widgets.PaddingStrideExplorer(n=7, f=3, padding="valid", stride=2)
    assert exercise.report.output == 3 and len(exercise.report.positions) == 9
    assert "OH = (7 + 2×0 - 3) / 2 + 1 = 2 + 1 = 3" in exercise.report_html.value
    exercise.n.value = 8
    assert "나누어떨어지지 않습니다" in exercise.report_html.value
    exercise.padding.value = "same"
    assert exercise.report.pads == (0, 1) and exercise.report.output == 4
    exercise.padding.value = "valid"
    exercise.n.value = 3
    exercise.f.value = 5
    assert exercise.report.output is None and "필터(5×5)가" in _text(exercise)


def test_pooling_widget():
    exercise = widgets.PoolingExercise()
    exercise.region.value = "오른쪽 위"
    exercise.kind.value = "max"
    exercise.answer.value = "8"
    exercise.check.click()
    assert "정답입니다" in _text(exercise)
    exercise.kind.value = "average"
    exercise.check.click()
    assert "아쉽습니다" in _text(exercise) and "5.25" in _text(exercise)
    exercise.answer.value = ""
    exercise.check.click()
    assert "답을 입력하세요" in _text(exercise)


def test_size_quiz_widget_keeps_score():
    exercise = widgets.SizeQuizExercise(seed=2)
    exercise.answer.value = str(exercise.problem.answer)
    exercise.check.click()
    exercise.answer.value = "-1"
    exercise.check.click()  # a hint: not counted
    exercise.answer.value = str(exercise.problem.answer + 1)
    exercise.check.click()
    assert exercise.score_label.value == "점수: 1 / 2"
    first = exercise.problem
    exercise.new.click()
    assert exercise.problem == ex.size_problem(3) and exercise.problem != first


def test_param_quiz_widget():
    exercise = widgets.ParamQuizExercise()
    exercise.answers["conv1"].value = "320"
    exercise.buttons["conv1"].click()
    exercise.answers["dense2"].value = "1000"
    exercise.buttons["dense2"].click()
    assert "정답입니다" in exercise.results["conv1"].value
    assert (
        "절편" in exercise.results["dense2"].value
        and "(100 + 1) × 10" in exercise.results["dense2"].value
    )


def test_pixel_usage_widget():
    exercise = widgets.PixelUsageExercise(seed=4)
    problem = ex.pixel_usage_problem(4)
    assert exercise.problem == problem and "#fdae6b" in exercise.question.value
    for k, answer in enumerate(problem.answers):
        exercise.answers[k].value = str(answer)
        exercise.buttons[k].click()
        assert exercise.last_feedback.correct is True
        exercise.answers[k].value = str(answer + 1)
        exercise.buttons[k].click()
        assert exercise.last_feedback.correct is False and "아쉽습니다" in _text(exercise)
    exercise.answers[0].value = "많이"
    exercise.buttons[0].click()
    assert exercise.last_feedback.correct is None and "숫자가 아닙니다" in _text(exercise)
    exercise.new.click()
    assert exercise.problem == ex.pixel_usage_problem(5) and exercise.answers[0].value == ""


def test_stride_sliding_widget_walks_the_windows():
    x, k = np.arange(49).reshape(7, 7) % 4, np.array([[2, 0, 1], [0, 1, 2], [1, 0, 2]])
    exercise = widgets.StrideSlidingExercise(x, k)
    out = ops.conv2d(x, k, stride=2)
    positions = ops.window_positions(7, 3, stride=2)
    for index in range(1, len(positions)):
        exercise.row.value, exercise.col.value = map(str, positions[index])
        exercise.value.value = "-1"
        exercise.check.click()
        assert exercise.last_feedback.correct is False and exercise.index == index - 1
        exercise.value.value = str(out.ravel()[index])
        exercise.row.value, exercise.col.value = map(str, positions[index])
        exercise.check.click()
        assert exercise.last_feedback.correct is True and exercise.step.position == positions[index]
    exercise.check.click()
    assert "마지막 자리" in _text(exercise)
    exercise.restart.click()
    assert exercise.step.position == (0, 0)
    exercise.row.value, exercise.col.value, exercise.value.value = "0", "1", "0"
    exercise.check.click()
    assert "오른쪽으로 2칸" in _text(exercise)


def test_pooling_loss_widget():
    exercise = widgets.PoolingLossExercise(seed=3)
    problem = ex.pooling_loss_problem(3)
    wrong = (problem.answer + 1) % 3
    exercise.choices[wrong].click()
    assert exercise.last_feedback.correct is False
    assert f"후보 {problem.answer + 1}번" in _text(exercise)
    exercise.choices[problem.answer].click()
    assert exercise.last_feedback.correct is True
    exercise.new.click()
    assert exercise.seed == 4 and _text(exercise) == ""
    assert exercise.maps.value.count("<table") == 4


def test_shape_quiz_widget():
    exercise = widgets.ShapeQuizExercise()
    assert list(exercise.answers) == [q.key for q in ex.SHAPE_QUESTIONS]
    exercise.answers["conv2d"].value = "(None, 28, 28, 32)"
    exercise.buttons["conv2d"].click()
    exercise.answers["max_pooling2d_1"].value = "7, 7, 32"
    exercise.buttons["max_pooling2d_1"].click()
    assert "정답입니다" in exercise.results["conv2d"].value
    assert "(7, 7, 64)" in exercise.results["max_pooling2d_1"].value
    exercise.answers["dense"].value = "백"
    exercise.buttons["dense"].click()
    assert exercise.last_feedback.correct is None


def test_filter_reading_widget_checks_and_draws_the_map():
    image = np.zeros((8, 8))
    image[4:, :] = 1.0  # dark above, bright below: a horizontal edge
    exercise = widgets.FilterReadingExercise(seed=1, image=image)
    problem = ex.filter_reading_problem(1)
    assert np.array_equal(exercise.problem.kernel, problem.kernel)
    assert exercise.output.value[:4] == b"\x89PNG" and exercise.feature_map is None
    wrong = next(kind for kind in ex.FILTER_KINDS if kind != problem.answer)
    exercise.choices[wrong].click()
    assert exercise.last_feedback.correct is False and "아쉽습니다" in _text(exercise)
    assert exercise.output.value[:4] == b"\x89PNG"
    assert np.allclose(exercise.feature_map, ops.conv2d(image, problem.kernel, padding="same"))
    exercise.choices[problem.answer].click()
    assert "정답입니다" in _text(exercise)
    exercise.new.click()
    assert exercise.seed == 2 and _text(exercise) == "" and exercise.feature_map is None
    assert np.array_equal(exercise.problem.kernel, ex.filter_reading_problem(2).kernel)
    with pytest.raises(ValueError, match="image must be a 2-D"):
        widgets.FilterReadingExercise(image=np.zeros((8, 8, 1)))


# What each exercise's worked example must show without a kernel: (figures, a text in stdout).
STATIC_EXAMPLES = [
    (
        lambda: widgets.MultiplySumExercise(),
        1,
        "풀이 예시 (다른 문제): "
        + ex.worked_sum(ex.multiply_sum_problem(1000).window, ex.multiply_sum_problem(1000).kernel),
    ),
    (lambda: widgets.FilterDesignExercise({"a": np.eye(6)}), 1, ""),
    (
        lambda: widgets.SlidingExercise(np.eye(4), np.ones((3, 3))),
        1,
        "(0, 1) 자리에 있고 곱과 합은 "
        + ex.worked_sum(ex.sliding_frame(np.eye(4), np.ones((3, 3)), 1).window, np.ones((3, 3))),
    ),
    (lambda: widgets.PaddingStrideExplorer(), 1, "OH = (7 + 2×0 - 3) / 2 + 1 = 2 + 1 = 3"),
    (lambda: widgets.PoolingExercise(), 1, ""),
    (lambda: widgets.SizeQuizExercise(), 0, ops.explain_output_size(28, 3, 0, 2)),
    (lambda: widgets.ParamQuizExercise(), 0, f"(5×5×3 + 1) × 16 = {ops.conv_params(5, 3, 16)}"),
    (lambda: widgets.FilterReadingExercise(), 0, "'가로 윤곽선' 필터 → 가로 윤곽선 필터"),
    (lambda: widgets.PixelUsageExercise(), 0, "2 × 3 = 6개의 윈도에 들어갑니다."),
    (
        lambda: widgets.StrideSlidingExercise(np.arange(49).reshape(7, 7), np.ones((3, 3))),
        0,
        "다음 윈도는 (4, 0)",
    ),
    (lambda: widgets.PoolingLossExercise(), 1, "풀이 예시 (다른 문제): 두 맵은 다르지만"),
    (lambda: widgets.ShapeQuizExercise(), 0, "→ Flatten() → (4096,)"),
]


@pytest.mark.parametrize("make,figures,text", STATIC_EXAMPLES)
def test_every_exercise_shows_its_widget_and_a_static_example(
    make, figures, text, capsys, monkeypatch, figures_unencoded
):
    shown = []
    monkeypatch.setattr(widgets, "display", shown.append)
    exercise = make()
    exercise.show()
    assert shown[0] is exercise
    assert [type(x).__name__ for x in shown[1:]] == ["Figure"] * figures
    assert text in capsys.readouterr().out


def test_matrix_html_marks_the_window():
    table = widgets.matrix_html(np.arange(9).reshape(3, 3), highlight=(1, 1, 2, 2))
    assert table.count("outline:2px solid #d62728") == 4


# ------------------------------------------------------------------ every control, every form
# (issue 13: 새 문제 did nothing with seed=None; callbacks failed silently into the widget log)


def _controls(widget):
    """Every control inside an exercise, depth first."""
    for child in getattr(widget, "children", ()):
        yield child
        yield from _controls(child)


CONSTRUCTORS = {
    "MultiplySumExercise": [{}, {"seed": 3}, {"seed": None}],
    "SizeQuizExercise": [{}, {"seed": 6}, {"seed": None}],
    "FilterReadingExercise": [{}, {"seed": None}, {"seed": 2, "image": np.eye(8)}],
    "PixelUsageExercise": [{}, {"seed": None}],
    "PoolingLossExercise": [{}, {"seed": None}],
    "PoolingExercise": [{}, {"matrix": np.arange(16).reshape(4, 4)}],
    "ParamQuizExercise": [{}],
    "ShapeQuizExercise": [{}],
    "PaddingStrideExplorer": [
        {},
        {"padding": 0},
        {"padding": "VALID"},
        {"n": 12, "f": 5, "stride": 3},
    ],
    "FilterDesignExercise": [
        {"images": {"a": np.eye(6)}},
        {"images": {"b": np.ones((5, 5))}, "preset": "곡선"},
    ],
    "SlidingExercise": [{"x": np.eye(4), "kernel": np.ones((3, 3))}],
    "StrideSlidingExercise": [{"x": np.arange(49).reshape(7, 7), "kernel": np.ones((3, 3))}],
}


def test_every_exercise_is_covered():
    exercises = {
        n for n in widgets.__all__ if n.endswith(("Exercise", "Explorer")) and n != "Exercise"
    }
    assert exercises == set(CONSTRUCTORS)


@pytest.mark.slow  # redraws every figure for every control: ~25 s
@pytest.mark.parametrize(
    "name,kwargs",
    [(n, k) for n, forms in CONSTRUCTORS.items() for k in forms],
    ids=lambda v: v if isinstance(v, str) else "-".join(map(str, v)),
)
def test_every_control_works_for_every_constructor_form(name, kwargs, caplog):
    exercise = getattr(widgets, name)(**kwargs)
    for control in list(_controls(exercise)):
        if isinstance(control, ipywidgets.Text):
            for typed in ("", "12", "3,25", "<b>x</b>", "9" * 40):
                control.value = typed
        elif isinstance(control, (ipywidgets.IntSlider,)):
            control.value = control.max
            control.value = control.min
        elif isinstance(control, (ipywidgets.Dropdown, ipywidgets.ToggleButtons)):
            for option in control.options:
                control.value = option[1] if isinstance(option, tuple) else option
    for _ in range(2):
        for control in list(_controls(exercise)):
            if isinstance(control, ipywidgets.Button):
                control.click()
    shown = " ".join(c.value for c in _controls(exercise) if isinstance(c, ipywidgets.HTML))
    assert "예상하지 못한 오류" not in shown + exercise.feedback.value
    assert not [r for r in caplog.records if "Exception in callback" in r.getMessage()]


def test_new_problem_moves_on_with_a_random_start():
    exercise = widgets.MultiplySumExercise(seed=None)
    first = exercise.seed
    exercise.new.click()
    assert exercise.seed == first + 1
    assert np.array_equal(exercise.problem.window, ex.multiply_sum_problem(first + 1).window)


def test_a_failing_callback_answers_in_korean():
    exercise = widgets.MultiplySumExercise(seed=0)
    exercise.problem = None  # break it on purpose
    exercise.answer.value = "5"
    exercise.check.click()
    assert "예상하지 못한 오류가 났습니다" in exercise.feedback.value


@pytest.mark.parametrize(
    "make,error,message",
    [
        (
            lambda: widgets.PaddingStrideExplorer(padding=4),
            ValueError,
            r"padding must be 'valid' \(or 0\), 'same', 1, 2 or 3",
        ),
        (
            lambda: widgets.PaddingStrideExplorer(n=20),
            ValueError,
            "n must be an integer from 3 to 12",
        ),
        (
            lambda: widgets.PaddingStrideExplorer(stride=0),
            ValueError,
            "stride must be an integer from 1",
        ),
        (
            lambda: widgets.FilterDesignExercise({"a": np.eye(5)}, preset="sobel"),
            ValueError,
            "preset must be one of",
        ),
        (
            lambda: widgets.SlidingExercise(np.zeros((4, 4, 3)), np.ones((3, 3))),
            ValueError,
            r"x must be a 2-D \(height, width\) array, got shape \(4, 4, 3\)",
        ),
        (
            lambda: widgets.SlidingExercise(np.full((4, 4), np.nan), np.ones((3, 3))),
            ValueError,
            "x must hold finite numbers",
        ),
        (
            lambda: widgets.SlidingExercise(np.eye(2), np.ones((3, 3))),
            ValueError,
            "must fit inside x",
        ),
        (
            lambda: widgets.MultiplySumExercise(seed=-1),
            ValueError,
            "seed must be None or an integer",
        ),
        (lambda: widgets.PoolingExercise(np.eye(3)), ValueError, "matrix must be a 4x4 array"),
    ],
)
def test_constructor_mistakes_name_the_parameter_and_the_choices(make, error, message):
    with pytest.raises(error, match=message):
        make()
