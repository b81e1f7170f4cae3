"""The exercises' pure functions: parsing, checking and the Korean feedback."""

from __future__ import annotations

import html

import numpy as np
import pytest

from cnn_utils import exercises as ex
from cnn_utils import ops

BAD_ENTRIES = [
    ("", "답을 입력하세요."),
    ("   ", "답을 입력하세요."),
    ("abc", "숫자가 아닙니다"),
    ("3 4", None),  # spaces inside are dropped: "34" is a number
    ("1e5", "숫자가 아닙니다"),
    ("12..5", "숫자가 아닙니다"),
    (None, "답을 입력하세요."),
]


@pytest.mark.parametrize("text,hint", BAD_ENTRIES)
def test_parse_number_hints(text, hint):
    parsed = ex.parse_number(text)
    if hint is None:
        assert parsed.ok
    else:
        assert not parsed.ok and hint in parsed.hint


@pytest.mark.parametrize(
    "text,value", [("7", 7), ("−3", -3), ("18,496", 18496), (" 42 ", 42), ("+5", 5)]
)
def test_parse_number_values(text, value):
    assert ex.parse_number(text).value == value


def test_parse_number_ranges():
    assert ex.parse_number("-1", minimum=0).hint == "0 이상의 수를 입력하세요."
    assert "너무 큽니다" in ex.parse_number("99999", maximum=100).hint
    assert ex.parse_number("0.5", integer=False).value == 0.5


@pytest.mark.parametrize(
    "checker",
    [
        lambda t: ex.check_multiply_sum(ex.multiply_sum_problem(0), t),
        lambda t: ex.check_next_value(np.arange(16).reshape(4, 4), np.ones((3, 3)), 0, t),
        lambda t: ex.check_pooling(ex.POOLING_MATRIX, "왼쪽 위", "max", t),
        lambda t: ex.check_size_answer(ex.SizeProblem(28, 3, 1, 1), t),
        lambda t: ex.check_param_answer("dense1", t),
        lambda t: ex.check_pixel_usage(ex.pixel_usage_problem(0), t, padded=True),
        lambda t: ex.check_stride_step(np.arange(49).reshape(7, 7), np.ones((3, 3)), 0, t, t, t),
        lambda t: ex.check_shape_answer("flatten", t),
    ],
)
@pytest.mark.parametrize("entry", ["", "모름", "-5", "1" * 20, "3.7.1"])
def test_every_checker_answers_bad_entries_with_a_korean_hint(checker, entry):
    feedback = checker(entry)
    if feedback.correct is None:
        assert any("\uac00" <= ch <= "\ud7a3" for ch in feedback.message), feedback.message
    else:  # e.g. "-5" is a possible (wrong) multiply-and-sum
        assert feedback.correct is False


def test_multiply_sum_right_and_wrong():
    problem = ex.multiply_sum_problem(seed=3)
    right = ex.check_multiply_sum(problem, str(problem.answer))
    wrong = ex.check_multiply_sum(problem, str(problem.answer + 1))
    assert right.correct and "정답" in right.message
    assert wrong.correct is False and ex.worked_sum(problem.window, problem.kernel) in wrong.message


def test_worked_sum_equals_the_multiply_and_sum():
    for seed in range(20):
        p = ex.multiply_sum_problem(seed)
        assert ex.worked_sum(p.window, p.kernel).endswith(f"= {p.answer}")


def test_parse_filter_and_response():
    kernel, hint = ex.parse_filter(["0", "0", "0", "0", "1", "0", "0", "0", "0"])
    assert hint is None
    image = np.arange(25.0).reshape(5, 5)
    np.testing.assert_allclose(ex.filter_response(image, kernel), image)  # identity filter
    assert ex.parse_filter(["1"] * 8)[1] == "필터 칸 9개를 모두 채우세요."
    assert "2행 1열" in ex.parse_filter(["1", "1", "1", "", "1", "1", "1", "1", "1"])[1]


def test_filter_presets_respond_to_their_edges():
    image = np.zeros((9, 9))
    image[:, :4] = 1.0  # bright left half: a vertical edge
    vertical = np.abs(ex.filter_response(image, ex.FILTER_PRESETS["세로 윤곽선"])).max()
    horizontal = np.abs(
        ex.filter_response(image, ex.FILTER_PRESETS["가로 윤곽선"])[1:-1, 1:-1]
    ).max()
    assert vertical == 3 and horizontal == 0


def test_sliding_frames_walk_the_whole_map():
    x, k = np.arange(25).reshape(5, 5), np.eye(3, dtype=int)
    out = ops.conv2d(x, k)
    frames = [ex.sliding_frame(x, k, s) for s in range(9)]
    assert [f.position for f in frames] == ops.window_positions(5, 3)
    np.testing.assert_array_equal(frames[-1].partial_map, out)
    assert [f.index for f in frames] == list(range(9)) and frames[0].total == 9
    with pytest.raises(ValueError, match="index must be between 0 and 8"):
        ex.sliding_frame(x, k, 9)


def test_check_next_value_explains_the_row_change():
    x, k = np.arange(25).reshape(5, 5), np.ones((3, 3), dtype=int)
    feedback = ex.check_next_value(x, k, 2, "0")  # step 2 is the end of the first row
    assert feedback.correct is False and "한 줄 아래로" in feedback.message


def test_explore_sizes_flags_unreached_rows():
    report = ex.explore_sizes(8, 3, padding=0, stride=2)
    assert report.output == 3 and report.unreached == 1
    assert "나누어떨어지지 않습니다: 마지막 1칸" in report.message
    assert ops.explain_output_size(8, 3, 0, 2) in report.message  # one wording of the formula
    same = ex.explore_sizes(8, 3, padding="same", stride=2)
    assert same.output == 4 and same.pads == (0, 1) and same.unreached == 0
    too_big = ex.explore_sizes(3, 5, padding=0, stride=1)
    assert too_big.output is None and too_big.unreached is None and not too_big.positions


@pytest.mark.slow
def test_explorer_sizes_agree_with_keras_for_every_slider_setting():
    from cnn_utils import models

    for n in range(3, 13):
        for f in range(1, 6):
            for padding in ("valid", "same", 1, 2, 3):
                for stride in (1, 2, 3):
                    report = ex.explore_sizes(n, f, padding=padding, stride=stride)
                    if report.output is not None:
                        real = models.keras_output_shape(n, n, f, f, padding=padding, stride=stride)
                        assert real == (report.output, report.output), (n, f, padding, stride)


def test_pooling_check():
    assert ex.check_pooling(ex.POOLING_MATRIX, "오른쪽 아래", "average", "2").correct
    assert ex.check_pooling(ex.POOLING_MATRIX, "오른쪽 아래", "max", "2").correct is False
    with pytest.raises(ValueError, match="region must be one of"):
        ex.pooled_value(ex.POOLING_MATRIX, "가운데", "max")


def test_size_quiz_works_the_formula_out():
    feedback = ex.check_size_answer(ex.SizeProblem(8, 3, 0, 2), "3")
    assert feedback.correct and ops.explain_output_size(8, 3, 0, 2) in feedback.message


@pytest.mark.slow
def test_size_quiz_answers_agree_with_keras():
    from cnn_utils import models

    for seed in range(30):  # every generated problem is valid and consistent
        p = ex.size_problem(seed)
        assert models.keras_output_shape(p.h, p.h, p.fh, p.fh, padding=p.p, stride=p.s) == (
            p.answer,
            p.answer,
        )


def test_param_quiz_answers_and_hints():
    answers = {q.key: q.answer for q in ex.PARAM_QUESTIONS}
    assert answers == {"conv1": 320, "conv2": 18496, "dense1": 313700, "dense2": 1010}
    assert [q.layer for q in ex.PARAM_QUESTIONS] == [
        "Conv2D(32, 3), 입력 28×28×1",
        "Conv2D(64, 3), 입력 14×14×32",
        "Dense(100), 입력 7×7×64를 펼친 3136개",
        "Dense(10), 입력 100개",
    ]
    assert ex.check_param_answer("conv2", "18,496").correct
    wrong = ex.check_param_answer("dense1", "313600")  # forgot the biases
    assert wrong.correct is False and "절편" in wrong.message and "3136 + 1" in wrong.message


def test_score_counts_answers_not_hints():
    score = ex.Score()
    for fb in (
        ex.Feedback(True, ""),
        ex.Feedback(None, ""),
        ex.Feedback(False, ""),
        ex.Feedback(True, ""),
    ):
        score.record(fb)
    assert str(score) == "점수: 2 / 3"


def test_read_filter_sorts_the_presets_and_slide_filters():
    presets = {name: ex.read_filter(k).kind for name, k in ex.FILTER_PRESETS.items()}
    assert presets == {
        "가로 윤곽선": "horizontal",
        "세로 윤곽선": "vertical",
        "곡선": None,
        "흐림 (blur)": "bright",
    }
    # a line filter: bright middle row between dark rows
    assert ex.read_filter([[-1, -1, -1], [2, 2, 2], [-1, -1, -1]]).kind == "horizontal"
    assert ex.read_filter(np.zeros((3, 3))).kind is None
    with pytest.raises(ValueError, match="kernel must be a 2-D filter"):
        ex.read_filter(np.ones((3, 3, 1)))


def test_read_filter_is_the_multiply_and_sum_with_each_pattern():
    rng = np.random.default_rng(1)
    kernel = rng.normal(size=(3, 3))
    reading = ex.read_filter(kernel)
    assert np.isclose(reading.total, ops.multiply_and_sum(np.ones((3, 3)), kernel))
    for i in range(3):
        line = np.zeros((3, 3))
        line[i] = 1
        assert np.isclose(reading.row_sums[i], ops.multiply_and_sum(line, kernel))
        assert np.isclose(reading.column_sums[i], ops.multiply_and_sum(line.T, kernel))
        # a dark line on a bright patch answers with the opposite sign
        assert np.isclose(
            ops.multiply_and_sum(1 - line, kernel) - reading.total, -reading.row_sums[i]
        )


def test_generated_filters_read_back_as_made():
    kinds = []
    for seed in range(500):
        problem = ex.filter_reading_problem(seed)
        assert problem.answer == problem.made_as, (seed, problem.kernel)
        assert problem.kernel.dtype.kind == "i" and np.abs(problem.kernel).max() <= 5
        kinds.append(problem.made_as)
    assert set(kinds) == set(ex.FILTER_KINDS)
    assert np.array_equal(ex.filter_reading_problem(7).kernel, ex.filter_reading_problem(7).kernel)


def test_check_filter_reading_right_wrong_and_neither():
    problem = ex.FilterReadingProblem(np.full((3, 3), 2), "bright")
    right = ex.check_filter_reading(problem, "bright")
    assert right.correct and "가중치 전체의 합): 18" in right.message
    wrong = ex.check_filter_reading(problem, "vertical")
    assert wrong.correct is False
    assert "세로 윤곽선 필터가 아니라 대체적으로 밝은 필터입니다" in wrong.message
    assert "가장 크게 반응하는 것이 고르게 밝은 면입니다" in wrong.message
    diagonal = ex.FilterReadingProblem(2 * np.eye(3, dtype=int) - 1, "none")
    neither = ex.check_filter_reading(diagonal, "horizontal")
    assert neither.correct is None and "어느 쪽도 아닙니다" in neither.message
    with pytest.raises(ValueError, match="choice must be one of"):
        ex.check_filter_reading(problem, "가로선")


def test_pixel_usage_answers_are_ops_pixel_usage_and_explained():
    for seed in range(30):
        problem = ex.pixel_usage_problem(seed)
        for padded, p in zip((False, True), problem.paddings, strict=True):
            answer = ops.pixel_usage(problem.n, problem.f, padding=p)[problem.row, problem.col]
            assert problem.answers[int(padded)] == answer
            right = ex.check_pixel_usage(problem, str(answer), padded=padded)
            assert right.correct and f"= {answer}개의 윈도" in right.message
            assert ex.check_pixel_usage(problem, str(answer + 1), padded=padded).correct is False
    corner = ex.PixelUsageProblem(4, 3, 0, 0)
    centre = ex.PixelUsageProblem(4, 3, 1, 1)
    assert (centre.answers[0], corner.answers[0]) == (4, 1)  # the slides' 4:1
    assert (centre.answers[1], corner.answers[1]) == (9, 4)  # and 9:4


def test_stride_steps_follow_ops_conv2d_with_stride_2():
    x = np.random.default_rng(0).integers(0, 4, (7, 7))
    k = np.random.default_rng(1).integers(-1, 3, (3, 3))
    out = ops.conv2d(x, k, stride=2).ravel()
    positions = ops.window_positions(7, 3, stride=2)
    for index in range(len(positions) - 1):
        step = ex.stride_step(x, k, index)
        assert step.next_position == positions[index + 1] and step.next_value == out[index + 1]
        row, col = positions[index + 1]
        assert ex.check_stride_step(x, k, index, str(row), str(col), str(out[index + 1])).correct
        wrong = ex.check_stride_step(x, k, index, str(row), str(col + 1), str(out[index + 1]))
        assert wrong.correct is False and str(positions[index + 1]) in wrong.message
    assert ex.stride_step(x, k, len(positions) - 1).next_position is None
    assert ex.check_stride_step(x, k, len(positions) - 1, "0", "0", "0").correct is None


def test_pooling_loss_problems_have_exactly_one_look_alike():
    for seed in range(40):
        problem = ex.pooling_loss_problem(seed)
        target = ops.max_pool2d(problem.reference)
        same = [np.array_equal(ops.max_pool2d(c), target) for c in problem.candidates]
        assert same.count(True) == 1 and same.index(True) == problem.answer
        assert not any(np.array_equal(c, problem.reference) for c in problem.candidates)
        assert ex.check_pooling_loss(problem, problem.answer).correct
        for k in range(3):
            if k != problem.answer:
                assert ex.check_pooling_loss(problem, k).correct is False
    with pytest.raises(ValueError, match="choice must be between 0 and 2"):
        ex.check_pooling_loss(ex.pooling_loss_problem(0), 3)


def test_shape_questions_are_the_slide_model_shapes():
    from cnn_utils import models

    assert [q.answer for q in ex.SHAPE_QUESTIONS] == models.expected_shapes()
    assert [q.key for q in ex.SHAPE_QUESTIONS] == [
        "conv2d",
        "max_pooling2d",
        "conv2d_1",
        "max_pooling2d_1",
        "flatten",
        "dense",
        "dropout",
        "dense_1",
    ]
    for q in ex.SHAPE_QUESTIONS:
        assert ex.check_shape_answer(q.key, ", ".join(map(str, q.answer))).correct
        assert ex.check_shape_answer(q.key, "1, 2, 3").correct is False


@pytest.mark.parametrize(
    "text,shape",
    [
        ("(14, 14, 32)", (14, 14, 32)),
        ("14x14x32", (14, 14, 32)),
        ("[3136]", (3136,)),
        ("None, 10", (10,)),
        ("7 × 7 × 64", (7, 7, 64)),
    ],
)
def test_parse_shape(text, shape):
    assert ex.parse_shape(text) == (shape, None)


@pytest.mark.parametrize("text", ["", "a, b", "1, 2, 3, 4, 5", "0, 3", "2.5"])
def test_parse_shape_hints(text):
    shape, hint = ex.parse_shape(text)
    assert shape is None and any("\uac00" <= ch <= "\ud7a3" for ch in hint)


def test_note_is_neutral():
    note = ex.Note("정보")
    assert note.correct is None and "✓" not in note.html() and "✗" not in note.html()
    score = ex.Score()
    score.record(note)
    assert score.attempted == 0


# ------------------------------------------------------------------ careless input (issue 13)


@pytest.mark.parametrize(
    "typed", ["<x", "<img src=x onerror=alert(1)>", "<script>alert(1)</script>"]
)
def test_feedback_html_shows_what_was_typed_and_makes_no_markup(typed):
    feedback = ex.check_multiply_sum(ex.multiply_sum_problem(0), typed)
    page = feedback.html()
    assert "<img" not in page and "<script" not in page and "<x" not in page
    assert "숫자가 아닙니다" in page and html.escape(typed[: ex.ECHO_LIMIT]) in page


def test_a_huge_answer_is_not_echoed_in_full():
    feedback = ex.check_multiply_sum(ex.multiply_sum_problem(0), "가" * 100_000)
    assert len(feedback.message) < 100 and "…" in feedback.message


@pytest.mark.parametrize(
    "text,hint",
    [
        ("3,25", "소수점은 마침표로 입력하세요"),
        ("1,2,3", "소수점은 마침표로 입력하세요"),
        ("18,49", "소수점은 마침표로 입력하세요"),
        ("9" * 400, "값이 너무 큽니다"),
        ("1" + "0" * 16, "값이 너무 큽니다"),
    ],
)
def test_decimal_commas_and_huge_numbers_get_the_right_hint(text, hint):
    parsed = ex.parse_number(text, integer=False)
    assert not parsed.ok and hint in parsed.hint


def test_a_decimal_comma_is_not_read_as_a_thousands_separator():
    assert ex.check_pooling(ex.POOLING_MATRIX, "왼쪽 위", "average", "3,25").correct is None
    assert ex.check_pooling(ex.POOLING_MATRIX, "왼쪽 위", "average", "3.25").correct
    assert ex.parse_number("1,234,567").value == 1234567
    assert ex.parse_number("-18,496.5", integer=False).value == -18496.5
