"""Chapter 02 (윈도 슬라이딩): the window's order, the feature map, filters, learning.

In the order of the chapter's slides: 윈도가 움직이는 순서 (:func:`window_order`), 특성 맵
만들기 (:func:`sliding`), 필터 3개 → 특성 맵 3개 (:func:`feature_maps`), 필터는 훈련으로
찾는다 (:func:`gradient_step`). The filter designer of the same chapter is in
:mod:`cnn_utils.exercises.explorers`.
"""

from __future__ import annotations

import html

import numpy as np

from cnn_utils import ops
from cnn_utils.answers import Case, Check, Group, NumberField
from cnn_utils.exercises.ch01_filter import worked_sum
from cnn_utils.exercises.description import Exercise, Problem
from cnn_utils.exercises.making import (
    as_matrix,
    multiply_sum_slips,
    seeded,
    slip_cases,
    written,
    wrong_case,
)
from cnn_utils.exercises.markup import matrix_html


def _order_slips(positions, k: int):
    """Typical wrong places for the k-th window (1-based): swapped, and one off either way."""
    row, col = positions[k - 1]
    candidates = [
        ((col, row), "행과 열을 바꿈", "행과 열을 바꾼 자리입니다. (행, 열) 순서로 씁니다."),
        (positions[k], "하나 뒤의 윈도", f"{k + 1}번째 윈도의 자리입니다. 첫 윈도가 1번째입니다."),
        (
            positions[k - 2],
            "하나 앞의 윈도",
            f"{k - 1}번째 윈도의 자리입니다. 첫 윈도 (0, 0)이 1번째입니다.",
        ),
    ]
    seen = {(row, col)}
    for place, mistake, say in candidates:
        if place not in seen:
            seen.add(place)
            yield place, mistake, say


def _window_order_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    n, f = int(rng.integers(4, 8)), int(rng.integers(2, 4))
    positions = ops.window_positions(n, f)
    k = int(rng.integers(2, len(positions)))
    row, col = positions[k - 1]
    per_row = n - f + 1
    work = (
        f"한 줄에 윈도가 {per_row}곳({n} - {f} + 1)에 멈추므로 {k}번째 윈도는 "
        f"{(k - 1) // per_row + 1}번째 줄의 {(k - 1) % per_row + 1}번째 자리, 즉 ({row}, "
        f"{col})입니다."
    )
    return Problem(
        html.escape(
            f"{n}×{n} 입력에 {f}×{f} 필터를 스트라이드 1로 윈도 슬라이딩합니다. "
            f"{k}번째로 멈추는 윈도의 왼쪽 위 자리 (행, 열)는? (첫 윈도는 1번째, 자리 (0, 0))"
        ),
        {
            "main": Check(
                {"row": row, "col": col},
                work,
                (
                    *(
                        Case(
                            f"아쉽습니다. 행 {{row}}, 열 {{col|은}} {say}\n{work}",
                            equal=(("row", r), ("col", c)),
                            mistake=mistake,
                        )
                        for (r, c), mistake, say in _order_slips(positions, k)
                    ),
                    Case(
                        f"아쉽습니다. 답은 ({row}, {col})입니다 (입력: 행 {{row}}, 열 "
                        f"{{col}}).\n{work}"
                    ),
                ),
            )
        },
    )


def window_order(seed: int = 0) -> Exercise:
    """Where the k-th window stops: left to right, then one row down (chapter 02).

    Examples
    --------
    >>> window_order(seed=0).problems[0].checks["main"].answer
    {'row': 2, 'col': 2}
    """
    place = dict(minimum=0, maximum=100)
    return seeded(
        "window-order",
        "윈도가 멈추는 자리 찾기",
        "윈도는 왼쪽 위에서 시작해 오른쪽으로 한 칸씩, 더 갈 수 없으면 한 줄 아래 왼쪽 끝으로 옮겨 "
        "갑니다.",
        [
            Group(
                "main",
                (NumberField("row", "행", "행", **place), NumberField("col", "열", "열", **place)),
                "k번째 윈도의 (행, 열):",
            )
        ],
        _window_order_problem,
        seed,
    )


#: The largest input the sliding exercises take (a student follows every step).
MAX_STEPS_INPUT = 10


def _moved(here: tuple[int, int], there: tuple[int, int], stride: int = 1) -> str:
    step = "한 " if stride == 1 else str(stride)
    if there[0] == here[0]:
        return f"오른쪽으로 {step}칸 옮겨 간"
    return f"{step}줄 아래로 내려가 다시 왼쪽에서 시작한"


def _sliding_slips(x, kernel, out, here: tuple[int, int], there: tuple[int, int]):
    """Typical wrong values for the next window: the multiply-and-sum's slips, and at the end
    of a row, the window moved one row down without going back to the left end."""
    fh, fw = kernel.shape
    window = x[there[0] : there[0] + fh, there[1] : there[1] + fw]
    slips = multiply_sum_slips(window, kernel)
    if there[0] != here[0]:
        below = (here[0] + 1, here[1])
        slips.append(
            (
                out[below].item(),
                "왼쪽 끝으로 돌아가지 않음",
                f"한 줄 아래, 같은 열 {below} 자리의 곱과 합입니다. 줄 끝의 윈도는 한 줄 아래로 "
                "내려가 왼쪽 끝(열 0)에서 다시 시작합니다.",
            )
        )
    return slips


def sliding(x, kernel) -> Exercise:
    """Step the window and predict the next feature-map value (chapter 02).

    Examples
    --------
    >>> exercise = sliding(np.arange(16).reshape(4, 4), np.ones((3, 3), dtype=int))
    >>> len(exercise.problems), exercise.problems[0].checks["main"].answer
    (4, {'main': 54})
    >>> sliding(np.zeros((28, 28)), np.ones((3, 3)))
    Traceback (most recent call last):
    ...
    ValueError: x must be at most 10x10 for this exercise (a student follows every step), got 28x28: take a part, e.g. x[:6, :6]
    """  # noqa: E501 (doctest output)
    x = as_matrix(x, "x", at_most=MAX_STEPS_INPUT)
    kernel = as_matrix(kernel, "kernel")
    if any(k > n for k, n in zip(kernel.shape, x.shape, strict=True)):
        raise ValueError(f"kernel ({kernel.shape}) must fit inside x ({x.shape})")
    fh, fw = kernel.shape
    positions = ops.window_positions(x.shape, kernel.shape)
    out = ops.conv2d(x, kernel)
    steps = []
    for k, (i, j) in enumerate(positions):
        window = x[i : i + fh, j : j + fw]
        partial = np.full(out.shape, np.nan)
        partial.ravel()[: k + 1] = out.ravel()[: k + 1]
        statement = (
            f"단계 {k + 1}/{len(positions)}: 윈도는 ({i}, {j}) 자리에 있습니다.<br>"
            + matrix_html(x, highlight=(i, j, fh, fw), caption="입력")
            + matrix_html(
                window * kernel, caption=f"같은 자리끼리 곱 (합 {written(out.ravel()[k])})"
            )
            + matrix_html(partial, caption="특성 맵")
        )
        checks = {}
        if k + 1 < len(positions):
            there = positions[k + 1]
            nxt = x[there[0] : there[0] + fh, there[1] : there[1] + fw]
            value, work, moved = (
                out.ravel()[k + 1].item(),
                worked_sum(nxt, kernel),
                _moved((i, j), there),
            )
            explanation = f"윈도가 {moved} {there} 자리의 곱과 합입니다:\n{work}"
            checks["main"] = Check(
                {"main": value},
                f"윈도가 {moved} {there} 자리: {work}",
                (
                    *slip_cases(value, explanation, _sliding_slips(x, kernel, out, (i, j), there)),
                    wrong_case(written(value), explanation),
                ),
                advance=True,
            )
        else:
            statement += (
                "<br>마지막 자리입니다. 특성 맵이 다 채워졌습니다. "
                "'처음부터'를 누르면 다시 시작합니다."
            )
        steps.append(Problem(statement, checks))
    ex = np.array([[1, 0, 2, 1], [0, 2, 1, 0], [1, 1, 0, 2], [2, 0, 1, 1]])
    ek = np.array([[1, 0], [0, 1]])
    return Exercise(
        "sliding",
        "윈도 슬라이딩 따라가기",
        "윈도가 왼쪽에서 오른쪽으로, 줄 끝에서는 한 줄 아래 왼쪽 끝으로 옮겨 갑니다.",
        (
            Group(
                "main",
                (
                    NumberField(
                        "main",
                        "다음 칸의 값",
                        "다음 칸의 값",
                        integer=False,
                        minimum=-1e6,
                        maximum=1e6,
                    ),
                ),
                prompt="윈도가 다음 자리로 가면 특성 맵에 어떤 값이 들어갈까요?",
            ),
        ),
        tuple(steps),
        nav="steps",
        example=(
            "입력 "
            + matrix_html(ex, highlight=(0, 1, 2, 2))
            + " 필터 "
            + matrix_html(ek)
            + "<br>"
            + html.escape(f"윈도가 (0, 1) 자리에 있으면 곱과 합은 {worked_sum(ex[:2, 1:3], ek)}")
        ),
    )


def _maps_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    n, f, k = (
        int(rng.choice([5, 6, 7, 8, 28])),
        int(rng.choice([2, 3, 5])),
        int(rng.choice([3, 4, 8, 16, 32])),
    )
    side = n - f + 1
    maps_work = f"필터마다 특성 맵이 하나씩 생기므로 필터 {k}개는 특성 맵 {k}장을 만듭니다."
    maps_slips = (
        (
            1,
            "필터를 합쳐 한 장으로 셈",
            f"필터 {k}개가 특성 맵 한 장을 함께 만든다고 본 값입니다. 필터마다 윈도 슬라이딩을 "
            "따로 해서 특성 맵을 한 장씩 만듭니다.",
        ),
    )
    stops_work = (
        f"윈도는 한 줄에 {n} - {f} + 1 = {side}곳에 멈추고 그런 줄이 {side}개입니다: "
        f"{side} × {side} = {side * side}."
    )
    stops_slips = (
        (
            n * n,
            "입력의 칸 수로 셈",
            f"입력의 칸 수({n}×{n})입니다. 패딩이 없으면 윈도가 입력 밖으로 나갈 수 없어 한 줄에 "
            "n - f + 1곳에만 멈춥니다.",
        ),
        (
            (n - f) ** 2,
            "+1을 빠뜨림",
            "한 줄의 자리를 n - f로 센 값입니다. 첫 자리도 세야 하므로 한 줄에 n - f + 1곳입니다.",
        ),
        (
            side,
            "한 줄만 셈",
            f"한 줄에 멈추는 자리 수입니다. 그런 줄이 {side}개이므로 줄 수를 곱합니다.",
        ),
        (
            k * side * side,
            "필터 수를 곱함",
            f"필터 {k}개의 특성 맵을 모두 채우는 횟수입니다. 특성 맵 한 장만 묻습니다.",
        ),
    )
    return Problem(
        html.escape(
            f"{n}×{n} 이미지에 서로 다른 {f}×{f} 필터 {k}개를 스트라이드 1, 패딩 없이 적용합니다."
        ),
        {
            "maps": Check(
                {"maps": k},
                f"필터마다 윈도 슬라이딩을 따로 하므로 필터 {k}개는 특성 맵 {k}장을 만듭니다.",
                (
                    *slip_cases(k, maps_work, maps_slips, "maps"),
                    wrong_case(f"{k}장", maps_work, "maps"),
                ),
            ),
            "stops": Check(
                {"stops": side * side},
                f"한 줄에 {n} - {f} + 1 = {side}곳, {side}줄이므로 {side} × {side} = "
                f"{side * side}번입니다.",
                (
                    *slip_cases(side * side, stops_work, stops_slips, "stops", commas=True),
                    wrong_case(f"{side * side}번", stops_work, "stops"),
                ),
            ),
        },
    )


def feature_maps(seed: int = 0) -> Exercise:
    """How many feature maps K filters make, and the multiply-and-sums of one map (chapter 02).

    Examples
    --------
    >>> sorted(feature_maps(seed=0).problems[0].checks)
    ['maps', 'stops']
    """
    count = dict(minimum=0, maximum=10_000_000)
    return seeded(
        "feature-maps",
        "필터 개수와 특성 맵",
        "필터 하나가 특성 맵 하나를 만듭니다. 특성 맵의 수와, 특성 맵 한 장을 채우는 곱과 합의 "
        "횟수를 구하세요.",
        [
            Group(
                "maps", (NumberField("maps", "특성 맵의 수", "장", **count),), "특성 맵은 몇 장?"
            ),
            Group(
                "stops",
                (NumberField("stops", "특성 맵 한 장의 곱과 합 횟수", "번", **count),),
                "특성 맵 한 장을 채우는 곱과 합은 몇 번?",
            ),
        ],
        _maps_problem,
        seed,
    )


def _gradient_step_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    w = float(rng.choice([-1.0, -0.5, 0.5, 1.0]))
    g = float(rng.choice([-2.0, -1.0, -0.5, 0.5, 1.0, 2.0]))
    rate = float(rng.choice([0.1, 0.2, 0.5]))
    step = round(rate * g, 2)
    new = round(w - step, 2)
    g_text, step_text = (ops.format_number(v, decimals=4, bracket_negative=True) for v in (g, step))
    work = (
        f"새 가중치 = w - η × g = {written(w)} - {written(rate)} × {g_text} "
        f"= {written(w)} - {step_text} = {written(new)}"
    )
    slips = (
        (
            round(w + step, 2),
            "기울기 쪽으로 감",
            "기울기 쪽으로 간 값입니다. 경사 하강법은 오차가 줄어드는 쪽, "
            "즉 기울기의 반대 방향으로 갑니다: w - η × g.",
        ),
        (
            round(w - g, 2),
            "학습률을 곱하지 않음",
            "학습률 η를 곱하지 않은 값입니다. 한 번에 기울기의 η배만큼만 움직입니다.",
        ),
        (
            round(-step, 2),
            "움직인 양만 구함",
            "움직인 양(-η × g)뿐입니다. 원래 가중치 w에 더해야 합니다.",
        ),
    )
    cases = slip_cases(new, work, slips)
    return Problem(
        html.escape(
            f"필터의 가중치 한 칸이 w = {written(w)}이고, 이 가중치에 대한 손실의 기울기가 "
            f"g = {written(g)}, 학습률이 η = {written(rate)}입니다. "
            "경사 하강법으로 한 번 고친 가중치는?"
        ),
        {
            "main": Check(
                {"main": new},
                work,
                (*cases, wrong_case(written(new), work)),
                within=0.005,
            )
        },
    )


def gradient_step(seed: int = 0) -> Exercise:
    """One step of gradient descent on one filter weight: w - learning rate x gradient (02).

    Chapter 02 learns the vertical edge filter from (image, feature map) pairs;
    this asks for one update by hand. Going with the gradient, forgetting the
    learning rate and giving only the change each get their own message.

    Examples
    --------
    >>> from cnn_utils.answers import judge
    >>> exercise = gradient_step(seed=0)
    >>> check = exercise.problems[0].checks["main"]
    >>> judge(exercise.groups[0], check, {"main": str(check.answer["main"])}).correct
    True
    """
    return seeded(
        "gradient-step",
        "경사 하강법으로 가중치 한 칸 고치기",
        "경사 하강법은 가중치 w를 기울기 g의 반대쪽으로 학습률 η만큼 옮깁니다: 새 w = w - η × g.",
        [
            Group(
                "main",
                (
                    NumberField(
                        "main", "고친 가중치", "예: 0.7", integer=False, minimum=-10, maximum=10
                    ),
                ),
            )
        ],
        _gradient_step_problem,
        seed,
    )
