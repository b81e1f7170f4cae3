"""The exercises' descriptions (cnn_utils.exercises): problems, answers and Korean feedback.

Each exercise is judged as every reader judges it, with cnn_utils.answers.judge; the answers are
recomputed here from cnn_utils.ops (and, for the sizes, from Keras).
"""

from __future__ import annotations

import html
import json
import re

import numpy as np
import pytest

from cnn_utils import answers, ops
from cnn_utils import exercises as ex


def _judge(exercise: ex.Exercise, typed, *, problem: int = 0, group: str = "main", params=None):
    """The feedback to ``typed`` (a text, or {field: text}) in ``group`` of a problem, as a
    second wrong answer is told it: the worked answer these tests read (the first wrong
    answer's retry is tested in test_answers.py)."""
    row = next(g for g in exercise.groups if g.key == group)
    check = exercise.check(exercise.problem(problem), group, params)
    entries = typed if isinstance(typed, dict) else {row.fields[0].key: typed}
    return answers.judge(row, check, entries, wrong_before=1)


def _answer(exercise: ex.Exercise, *, problem: int = 0, group: str = "main", params=None):
    return exercise.check(exercise.problem(problem), group, params).answer


@pytest.mark.parametrize(
    "make",
    [
        lambda: ex.multiply_sum(0),
        lambda: ex.sliding(np.arange(16).reshape(4, 4), np.ones((3, 3))),
        lambda: ex.pixel_usage(0),
        lambda: ex.stride_steps(np.arange(49).reshape(7, 7), np.ones((3, 3))),
        lambda: ex.pooling(),
        lambda: ex.pooling_loss(0),
        lambda: ex.size_quiz(6),
        lambda: ex.shape_quiz(),
        lambda: ex.param_quiz(),
        lambda: ex.filter_reading(0),
    ],
)
def test_every_exercise_is_json_data_with_a_check_per_group(make):
    exercise = make()
    data = json.loads(json.dumps(exercise.data(), ensure_ascii=False))
    assert data["title"] and data["groups"] and data["problems"]
    variants = [""]
    for param in exercise.params:
        variants = [f"{v}|{o}" for v in variants for o, _ in param.options]
    for group in exercise.groups:
        keys = {group.key + v for v in variants}
        assert any(keys <= set(p.checks) for p in exercise.problems), group.key
    if exercise.nav == "new":
        statements = {p.statement for p in exercise.problems}
        assert len(exercise.problems) == ex.BANK and len(statements) >= 10
        assert (
            exercise.problem(ex.BANK + 3).statement
            == exercise.make(exercise.first_seed + ex.BANK + 3).statement
        )


def test_multiply_sum_right_wrong_and_worked():
    exercise = ex.multiply_sum(seed=3)
    answer = _answer(exercise)["main"]
    assert _judge(exercise, str(answer)).correct
    wrong = _judge(exercise, str(answer + 1))
    assert (
        wrong.correct is False
        and f"{answers.said(answer + 1, '이')} 아니라 {answer}입니다" in wrong.message
    )
    for seed in range(20):  # the worked sum is the multiply-and-sum
        check = ex.multiply_sum(seed).problems[0].checks["main"]
        assert check.right.endswith(f"= {check.answer['main']}")


def test_sliding_steps_walk_the_whole_map_and_explain_the_row_change():
    x, k = np.arange(25).reshape(5, 5), np.eye(3, dtype=int)
    exercise = ex.sliding(x, k)
    out = ops.conv2d(x, k).ravel()
    assert len(exercise.problems) == 9 and not exercise.problems[-1].checks
    for step in range(8):
        check = exercise.problems[step].checks["main"]
        assert check.answer["main"] == out[step + 1] and check.advance
    assert "한 줄 아래로" in _judge(exercise, "0", problem=2).message  # the end of the first row
    assert "(0, 1) 자리에 있습니다" in exercise.problems[1].statement


def test_sliding_refuses_a_size_no_student_can_follow():
    with pytest.raises(ValueError, match=r"x must be at most 10x10 .* got 28x28"):
        ex.sliding(np.zeros((28, 28)), np.ones((3, 3)))
    with pytest.raises(ValueError, match="kernel"):
        ex.sliding(np.zeros((4, 4)), np.ones((5, 5)))


def test_pixel_usage_answers_are_ops_pixel_usage_and_explained():
    for seed in range(30):
        exercise = ex.pixel_usage(seed)
        statement = exercise.problems[0].statement
        n = int(statement.split("×")[0])
        row, col = (int(v) for v in statement.split("(행 ")[1].split(")")[0].split(", 열 "))
        for key, p in (("valid", 0), ("same", 1)):
            answer = int(ops.pixel_usage(n, 3, padding=p)[row, col])
            assert _answer(exercise, group=key)[key] == answer
            right = _judge(exercise, str(answer), group=key)
            assert right.correct and f"= {answer}개의 윈도" in right.message
            assert _judge(exercise, str(answer + 1), group=key).correct is False


def test_pixel_usage_asks_with_row_and_column_numbers():
    assert "<th>0</th>" in ex.pixel_usage(0).problems[0].statement


def test_stride_steps_follow_ops_conv2d_with_stride_2():
    x = np.random.default_rng(0).integers(0, 4, (7, 7))
    k = np.random.default_rng(1).integers(-1, 3, (3, 3))
    exercise = ex.stride_steps(x, k)
    out = ops.conv2d(x, k, stride=2).ravel()
    positions = ops.window_positions(7, 3, stride=2)
    for step in range(len(positions) - 1):
        (row, col), value = positions[step + 1], out[step + 1]
        typed = {"row": str(row), "col": str(col), "value": str(value)}
        assert _judge(exercise, typed, problem=step).correct
        moved = _judge(exercise, {**typed, "col": str(col + 1)}, problem=step)
        assert (
            moved.correct is False and f"다음 윈도의 자리는 {positions[step + 1]}" in moved.message
        )
        sum_wrong = _judge(exercise, {**typed, "value": str(value + 1)}, problem=step)
        assert sum_wrong.message.startswith("위치") and "맞습니다" in sum_wrong.message
        hint = _judge(exercise, {**typed, "row": "둘"}, problem=step)
        assert hint.correct is None and hint.message.startswith("행: ")
    assert not exercise.problems[-1].checks


def test_explore_sizes_flags_unreached_rows():
    report = ex.explore_sizes(8, 3, padding=0, stride=2)
    assert report.output == 3 and report.unreached == 1
    assert "나누어떨어지지 않습니다: 마지막 1칸" in report.message
    assert ops.explain_output_size(8, 3, 0, 2) in report.message
    same = ex.explore_sizes(8, 3, padding="same", stride=2)
    assert same.output == 4 and same.pads == (0, 1) and same.unreached == 0
    assert "0+1 (위/아래가 다름)" in same.message
    too_big = ex.explore_sizes(3, 5, padding=0, stride=1)
    assert too_big.output is None and ex.explorer_note(too_big) == too_big.formula


@pytest.mark.slow
def test_explorer_sizes_agree_with_keras_for_every_setting():
    from cnn_utils import models

    explorer = ex.SizeExplorer()
    for key, (out, *_) in explorer.data()["table"].items():
        n, f, padding, stride = key.split("|")
        padding = int(padding) if padding.isdigit() else padding
        if out:
            real = models.keras_output_shape(
                int(n), int(n), int(f), int(f), padding=padding, stride=int(stride)
            )
            assert real == (out, out), key


def test_size_explorer_refuses_what_its_menus_cannot_show():
    with pytest.raises(ValueError, match=r"n must be an integer from 3 to 12"):
        ex.SizeExplorer(n=40)
    with pytest.raises(ValueError, match="padding must be 'valid'"):
        ex.SizeExplorer(padding=7)
    assert ex.SizeExplorer(padding=0).padding == "valid"


def test_pooling_checks_each_region_and_kind():
    exercise = ex.pooling()
    right = _judge(exercise, "2", params={"region": "오른쪽 아래", "kind": "average"})
    wrong = _judge(exercise, "2", params={"region": "오른쪽 아래", "kind": "max"})
    assert right.correct and wrong.correct is False
    assert wrong.message == (  # 2 is the region's mean: the slip is named
        "아쉽습니다. 2는 네 값의 평균입니다. 최대 풀링은 가장 큰 값 하나를 남깁니다.\n"
        "최대 풀링은 네 값 1, 0, 3, 4 중 가장 큰 값 4입니다."
    )
    other = _judge(exercise, "3", params={"region": "오른쪽 아래", "kind": "max"})
    assert other.message.startswith("아쉽습니다. 3이 아니라 4입니다.")
    assert _judge(exercise, "3,25", params={"region": "왼쪽 위", "kind": "average"}).correct is None
    with pytest.raises(ValueError, match="region must be one of"):
        ex.pooled_value(ex.POOLING_MATRIX, "위", "max")
    with pytest.raises(ValueError, match=r"matrix must be a 4x4 array"):
        ex.pooling(np.ones((3, 3)))


def test_size_quiz_works_the_formula_out():
    exercise = ex.size_quiz(6)
    answer = _answer(exercise)["main"]
    assert exercise.score and _judge(exercise, str(answer)).correct
    assert ops.explain_output_size(10, 3, 1, 2) in _judge(exercise, "4").message


@pytest.mark.slow
def test_size_quiz_answers_agree_with_keras():
    from cnn_utils import models

    exercise = ex.size_quiz(0)
    for number in range(30):
        text = exercise.problem(number).statement
        h, fh, p, s = (
            int(part.split("= ")[1].split(",")[0].split("일")[0]) for part in text.split(", ")
        )
        answer = _answer(exercise, problem=number)["main"]
        assert models.keras_output_shape(h, h, fh, fh, padding=p, stride=s) == (answer, answer)


def test_param_quiz_answers_and_hints():
    exercise = ex.param_quiz()
    got = {g.key: _answer(exercise, group=g.key)[g.key] for g in exercise.groups}
    assert got == {"conv1": 320, "conv2": 18496, "dense1": 313700, "dense2": 1010}
    assert [g.prompt.split(":")[0] for g in exercise.groups] == [
        "Conv2D(32, 3), 입력 28×28×1",
        "Conv2D(64, 3), 입력 14×14×32",
        "Dense(100), 입력 7×7×64를 펼친 3,136개",
        "Dense(10), 입력 100개",
    ]
    assert _judge(exercise, "18,496", group="conv2").correct
    wrong = _judge(exercise, "313600", group="dense1")  # forgot the biases
    assert "뉴런마다 절편" in wrong.message and "3,136 + 1" in wrong.message
    assert "필터마다 절편" in _judge(exercise, "288", group="conv1").message


def test_read_filter_sorts_the_presets_and_slide_filters():
    presets = {name: ex.read_filter(k).kind for name, k in ex.FILTER_PRESETS.items()}
    assert presets == {
        "가로 윤곽선": "horizontal",
        "세로 윤곽선": "vertical",
        "곡선": None,
        "흐림 (blur)": "bright",
    }
    assert ex.read_filter([[-1, -1, -1], [2, 2, 2], [-1, -1, -1]]).kind == "horizontal"
    assert ex.read_filter(np.zeros((3, 3))).kind is None
    for bad in (np.ones((3, 3, 1)), np.zeros((0, 3)), [["a"]]):
        with pytest.raises((ValueError, TypeError), match="kernel must"):
            ex.read_filter(bad)


def test_read_filter_is_the_multiply_and_sum_with_each_pattern():
    kernel = np.random.default_rng(1).normal(size=(3, 3))
    reading = ex.read_filter(kernel)
    assert np.isclose(reading.total, ops.multiply_and_sum(np.ones((3, 3)), kernel))
    for i in range(3):
        line = np.zeros((3, 3))
        line[i] = 1
        assert np.isclose(reading.row_sums[i], ops.multiply_and_sum(line, kernel))
        assert np.isclose(reading.column_sums[i], ops.multiply_and_sum(line.T, kernel))


def test_generated_filters_read_back_as_made():
    kinds = []
    for seed in range(300):
        kernel, made_as = ex.reading_kernel(seed)
        assert ex.read_filter(kernel).kind == made_as, (seed, kernel)
        kinds.append(made_as)
    assert set(kinds) == set(ex.FILTER_KINDS)


def test_filter_reading_right_wrong_and_figures(figures_unencoded):
    exercise = ex.filter_reading(0, image=np.tril(np.ones((8, 8))))
    answer = _answer(exercise)["main"]
    assert _judge(exercise, answer).correct
    wrong = next(k for k in ex.FILTER_KINDS if k != answer)
    feedback = _judge(exercise, wrong)
    assert (
        f"{answers.said(ex.FILTER_KINDS[wrong], '이')} 아니라 {ex.FILTER_KINDS[answer]}입니다"
        in feedback.message
    )
    problem = exercise.problems[0]
    assert (
        problem.figure.src.startswith("data:image/png") and "특성 맵" in problem.solved_figure.alt
    )


def test_describe_and_parse_filter_refuse_empty_input_clearly():
    with pytest.raises(ValueError, match="feature_map must be a non-empty 2-D array"):
        ex.describe_filter_response(np.zeros((0, 0)))
    assert ex.parse_filter(None)[1] == "필터 칸 9개를 모두 채우세요."
    assert "2행 1열" in ex.parse_filter(["1", "1", "1", "", "1", "1", "1", "1", "1"])[1]
    kernel, _ = ex.parse_filter(["0", "0", "0", "0", "1", "0", "0", "0", "0"])
    image = np.arange(25.0).reshape(5, 5)
    np.testing.assert_allclose(ex.filter_response(image, kernel), image)


def test_filter_designer_refuses_what_it_cannot_show():
    with pytest.raises(TypeError, match="images must be a dict"):
        ex.FilterDesigner([np.eye(4)])
    with pytest.raises(ValueError, match="preset must be one of"):
        ex.FilterDesigner({"a": np.eye(4)}, preset="없음")
    with pytest.raises(ValueError, match=r"images\['a'\] must be at most 64x64"):
        ex.FilterDesigner({"a": np.zeros((100, 100))})


def test_pooling_loss_problems_have_exactly_one_look_alike():
    for seed in range(40):
        reference, candidates, answer = ex.pooling_loss_maps(seed)
        target = ops.max_pool2d(reference)
        same = [np.array_equal(ops.max_pool2d(c), target) for c in candidates]
        assert same.count(True) == 1 and same.index(True) == answer
        exercise = ex.pooling_loss(seed)
        assert _judge(exercise, str(answer)).correct
        assert all(_judge(exercise, str(k)).correct is False for k in range(3) if k != answer)


def test_shape_quiz_is_the_slide_model_and_reads_what_students_type():
    from cnn_utils import models

    exercise = ex.shape_quiz()
    keys = [g.key for g in exercise.groups]
    assert keys == [
        "conv2d",
        "max_pooling2d",
        "conv2d_1",
        "max_pooling2d_1",
        "flatten",
        "dense",
        "dropout",
        "dense_1",
    ]
    assert [_answer(exercise, group=k)[k] for k in keys] == models.expected_shapes()
    assert _judge(exercise, "3,136", group="flatten").correct  # as chapter 06 writes it
    assert _judge(exercise, "28 X 28 X 32", group="conv2d").correct
    wrong = _judge(exercise, "(14, 14, 16)", group="conv2d_1")
    assert wrong.message.startswith("아쉽습니다. (14, 14, 16)이 아니라 (14, 14, 64)입니다.")
    slip = _judge(exercise, "(14, 14, 32)", group="conv2d_1")  # the input's channels kept
    assert slip.message.startswith("아쉽습니다. (14, 14, 32)는 입력의 모양 그대로입니다.")


@pytest.mark.parametrize(
    "typed", ["<x", "<img src=x onerror=alert(1)>", "<script>alert(1)</script>"]
)
def test_feedback_html_shows_what_was_typed_and_makes_no_markup(typed):
    page = _judge(ex.multiply_sum(0), typed).html()
    assert "<img" not in page and "<script" not in page and "<x" not in page
    assert "숫자가 아닙니다" in page


def test_seeds_are_checked():
    for bad in (-1, 2**32, "1", 1.5, True):
        with pytest.raises(ValueError, match="seed must be None or an integer"):
            ex.multiply_sum(bad)


# ------------------------------------------------------------------ one exercise per slide point

NEW = {
    "region_match": ex.region_match, "best_filter": ex.best_filter, "window_order": ex.window_order,
    "feature_maps": ex.feature_maps, "padded_sum": ex.padded_sum, "padding_sizes": ex.padding_sizes,
    "valid_shrink": ex.valid_shrink, "stride_windows": ex.stride_windows,
    "stride_results": ex.stride_results, "pooled_size": ex.pooled_size,
    "depth_values": ex.depth_values, "size_effect": ex.size_effect,
    "flatten_index": ex.flatten_index, "dense_value": ex.dense_value,
    "softmax_quiz": ex.softmax_quiz, "cross_entropy_quiz": ex.cross_entropy_quiz,
    "relu_value": ex.relu_value, "receptive_field_quiz": ex.receptive_field_quiz,
}  # fmt: skip


def _numbers(text: str) -> list[int]:
    return [int(v) for v in re.findall(r"-?\d+", text)]


@pytest.mark.parametrize("name", NEW)
def test_every_new_exercise_is_right_for_its_answer_and_explains_a_wrong_one(name):
    for seed in range(12):
        exercise = NEW[name](seed=seed)
        problem = exercise.problems[0]
        for group in exercise.groups:
            check = problem.checks[group.key]
            right = {k: _text(v) for k, v in check.answer.items()}
            assert answers.judge(group, check, right).correct, (name, seed, right)
            field = group.fields[0]
            if isinstance(field, answers.ChoiceField):
                wrong = next(v for v, _ in field.options if v != check.answer[field.key])
            elif isinstance(field, answers.ShapeField):
                wrong = "1, 2, 3"
            else:
                answer = check.answer[field.key]
                step = 1 if field.integer else 0.1
                wrong = str(answer + step if answer + step <= field.maximum else answer - step)
            feedback = answers.judge(group, check, {**right, field.key: wrong})
            assert feedback.correct is False and len(feedback.message) > 20, (name, feedback)
    assert len({NEW[name](seed=s).problems[0].statement for s in range(12)}) >= 6


def _text(value) -> str:
    return ", ".join(map(str, value)) if isinstance(value, tuple) else str(value)


def test_region_and_filter_answers_are_the_larger_multiply_and_sum():
    for seed in range(20):
        tables = [np.array(t) for t in _tables(ex.region_match(seed).problems[0].statement)]
        kernel, a, b = tables
        answer = _answer(ex.region_match(seed))["main"]
        assert answer == (
            "A" if ops.multiply_and_sum(a, kernel) > ops.multiply_and_sum(b, kernel) else "B"
        )
        window, *kernels = (
            np.array(t) for t in _tables(ex.best_filter(seed).problems[0].statement)
        )
        sums = [ops.multiply_and_sum(window, k) for k in kernels]
        assert _answer(ex.best_filter(seed))["main"] == str(int(np.argmax(sums)))


def _tables(statement: str) -> list[list[list[int]]]:
    """The matrices of a statement's HTML tables."""
    found = []
    for table in re.findall(r"<table.*?</table>", statement):
        rows = [
            re.findall(r"<td[^>]*>(-?\d*)</td>", row)
            for row in re.findall(r"<tr>(.*?)</tr>", table)
        ]
        found.append([[int(v) if v else 0 for v in row] for row in rows if row])
    return found


def test_sizes_counts_and_positions_are_what_ops_computes():
    for seed in range(20):
        n, f, k = (
            int(v)
            for v in re.search(
                r"(\d+)×\d+ 입력에 (\d+)×\d+ .*? (\d+)번째로",
                ex.window_order(seed).problems[0].statement,
            ).groups()
        )
        assert tuple(_answer(ex.window_order(seed)).values()) == ops.window_positions(n, f)[k - 1]
        n, _, f, _, count = _numbers(ex.feature_maps(seed).problems[0].statement)[:5]
        checks = ex.feature_maps(seed).problems[0].checks
        assert checks["maps"].answer["maps"] == count
        assert checks["stops"].answer["stops"] == len(ops.window_positions(n, f))
        n, _, f, _ = _numbers(ex.stride_windows(seed).problems[0].statement)[:4]
        checks = ex.stride_windows(seed).problems[0].checks
        assert [checks[k].answer[k] for k in ("s1", "s2")] == [
            len(ops.window_positions(n, f, stride=s)) for s in (1, 2)
        ]
        n, _, f, _ = _numbers(ex.padding_sizes(seed).problems[0].statement)[:4]
        checks = ex.padding_sizes(seed).problems[0].checks
        assert ops.output_size(n, f, checks["same"].answer["same"], 1) == n
        assert checks["valid"].answer["valid"] == ops.output_size(n, f, 0, 1)
        n, _, f, _, _, layers = _numbers(ex.valid_shrink(seed).problems[0].statement)[:6]
        size = n
        for _ in range(layers):
            size = ops.output_size(size, f)
        assert _answer(ex.valid_shrink(seed))["main"] == size >= 1


def test_stride_results_and_pooling_shapes():
    for seed in range(20):
        x, kernel, _ = _tables(ex.stride_results(seed).problems[0].statement)
        i, j = _numbers(ex.stride_results(seed).problems[0].statement.split("그 (")[1])[:2]
        assert (
            _answer(ex.stride_results(seed))["main"]
            == ops.conv2d(np.array(x), np.array(kernel), stride=2)[i, j]
        )
        h, _, c = _numbers(ex.pooled_size(seed).problems[0].statement)[:3]
        shape = ops.max_pool2d(np.zeros((h, h, c)), 2).shape
        checks = ex.pooled_size(seed).problems[0].checks
        assert checks["shape"].answer["shape"] == shape
        assert checks["saved"].answer["saved"] == h * h * c - int(np.prod(shape))


def test_structure_and_model_menus_are_the_slide_model():
    from cnn_utils import models

    structure = ex.cnn_structure()
    kinds = [structure.problems[0].checks[g.key].answer[g.key] for g in structure.groups]
    assert kinds == ["conv32", "pool", "conv64", "pool", "flatten", "dense", "output"]
    model = ex.write_model()
    chosen = [model.problems[0].checks[g.key].answer[g.key] for g in model.groups]
    assert chosen == [layer.code() for layer in models.SLIDE_LAYERS]
    valid = "Conv2D(32, kernel_size=3, activation='relu', padding='valid')"
    slip = answers.judge(model.groups[0], model.problems[0].checks["layer1"], {"layer1": valid}, 1)
    assert "28 → 26" in slip.message
    unchosen = answers.judge(model.groups[0], model.problems[0].checks["layer1"], {"layer1": ""})
    assert unchosen.correct is None


def test_flatten_dense_softmax_and_loss_are_computed():
    for seed in range(20):
        statement = ex.flatten_index(seed).problems[0].statement
        h, w, c, i, j, k = _numbers(statement)[:6]
        assert _answer(ex.flatten_index(seed))["main"] == int(
            np.arange(h * w * c).reshape(h, w, c)[i, j, k]
        )
    exercise = ex.softmax_quiz(0)
    check = exercise.problems[0].checks["main"]
    p = check.answer["main"]
    group = exercise.groups[0]
    assert answers.judge(group, check, {"main": f"{p + 0.004:.3f}"}).correct
    assert answers.judge(group, check, {"main": f"{p + 0.02:.2f}"}).correct is False
    assert round(ops.cross_entropy([0.7, 0.2, 0.1], [1, 0, 0]), 4) == round(-np.log(0.7), 4)
    floor = ops.cross_entropy(ops.smoothed_target(0, 10, 0.1), ops.smoothed_target(0, 10, 0.1))
    assert round(floor, 4) == 0.5003
    relu = [_answer(ex.relu_value(s))["main"] for s in range(20)]
    assert 0 in relu and max(relu) > 0  # both signs come up


def test_receptive_field_answers_are_ops_receptive_field():
    for seed in range(20):
        text = ex.receptive_field_quiz(seed).problems[0].statement
        name = html.unescape(text).split(". ")[0]
        layers = dict(ex.STACKS)[name]
        assert _answer(ex.receptive_field_quiz(seed))["main"] == ops.receptive_field(layers)[-1]


def test_each_named_mistake_typed_gets_its_own_message(figures_unencoded):
    """Every case that names a mistake (Case.mistake), typed into its problem, is the message the
    judge gives: no other case and not the generic one answers it."""
    from cnn_utils import answers

    named, unnamed = 0, set()
    for exercise in _every_exercise():
        if not any(
            c.mistake for p in exercise.problems for k in p.checks.values() for c in k.cases
        ):
            unnamed.add(exercise.key)
        for problem in exercise.problems:
            for key, check in problem.checks.items():
                group = next(g for g in exercise.groups if g.key == key.split("|")[0])
                base = {k: str(v) for k, v in check.answer.items()}
                for case in check.cases:
                    if not case.mistake:
                        continue
                    named += 1
                    entry = base | {k: str(v) for k, v in case.equal}
                    got = answers.judge(group, check, entry, wrong_before=1)
                    fields = {f.key: f for f in group.fields}
                    typed = {k: fields[k].read(v).text for k, v in entry.items() if k in fields}
                    where = (exercise.key, case.mistake)
                    assert got.correct is False, where
                    assert got.message == answers.fill(case.say, typed), where
    assert named >= 1000, named
    # which filter answers most is worked out in the message; no one slip leads to another
    assert unnamed == {"best-filter"}, unnamed


def _every_exercise():
    """Every checked exercise: those made from a seed as the chapters make them, and those
    made from data (the walks of chapters 02 and 04, chapter 08's channel question) on
    small arrays with negative weights, so that every slip can come up."""
    for name in ex.__all__:
        if not name[0].islower() or name in ("sliding", "stride_steps", "strongest_channel"):
            continue
        try:
            exercise = getattr(ex, name)()
        except TypeError:  # a helper, not an exercise
            continue
        if isinstance(exercise, ex.Exercise):
            yield exercise
    kernel = np.array([[1, 0, -1], [0, 1, 0], [1, 0, 1]])
    yield ex.sliding(np.arange(25).reshape(5, 5) % 4, kernel)
    yield ex.stride_steps(np.arange(49).reshape(7, 7) % 5, kernel)
    maps = np.zeros((4, 4, 3))
    maps[1, 1] = [0.5, 2.0, -3.0]
    yield ex.strongest_channel(
        maps, np.ones((3, 3, 3, 1)), np.zeros(1), row=1, col=1, filter_index=0, image="테스트 0번"
    )
