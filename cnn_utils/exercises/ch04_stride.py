"""Chapter 04 (스트라이드): following a strided window, how many windows, the strided result.

In the order of the chapter's slides: 스트라이드 2 따라가기 (:func:`stride_steps`), 윈도
개수 (:func:`stride_windows`), 스트라이드 1과 2의 결과 (:func:`stride_results`).
"""

from __future__ import annotations

import html

import numpy as np

from cnn_utils import ops
from cnn_utils.answers import Case, Check, Group, NumberField, particle, said
from cnn_utils.exercises.ch01_filter import worked_sum
from cnn_utils.exercises.ch02_window_sliding import MAX_STEPS_INPUT
from cnn_utils.exercises.description import Exercise, Problem
from cnn_utils.exercises.making import (
    as_matrix,
    multiply_sum_slips,
    seeded,
    slip_cases,
    typed,
    written,
    wrong_case,
)
from cnn_utils.exercises.markup import matrix_html


def _place_slips(here, there, stride: int, why: str) -> tuple[Case, ...]:
    """Cases for typical wrong places of the next strided window (rows and columns typed)."""
    if there[0] == here[0]:
        candidates = [
            (
                (here[0], here[1] + 1),
                "스트라이드를 무시함",
                f"한 칸만 옮긴 자리입니다. 스트라이드 {stride}이면 {stride}칸씩 건너뜁니다.",
            )
        ]
    else:
        candidates = [
            (
                (here[0] + 1, 0),
                "한 줄만 내려감",
                f"한 줄만 내려간 자리입니다. 줄을 바꿀 때도 스트라이드 {stride}만큼 내려갑니다.",
            ),
            (
                (here[0] + stride, here[1]),
                "왼쪽 끝으로 돌아가지 않음",
                "아래로만 내려간 자리입니다. 줄을 바꾸면 왼쪽 끝(열 0)에서 다시 시작합니다.",
            ),
        ]
    swapped = "행과 열을 바꾼 자리입니다. (행, 열) 순서로 씁니다."
    candidates.append(((there[1], there[0]), "행과 열을 바꿈", swapped))
    cases, seen = [], {tuple(there)}
    for place, mistake, say in candidates:
        if place in seen:
            continue
        seen.add(place)
        cases.append(
            Case(
                f"아쉽습니다. 행 {{row}}, 열 {{col|은}} {say}\n다음 윈도의 자리는 {there}입니다. "
                f"{why}",
                equal=(("row", place[0]), ("col", place[1])),
                mistake=mistake,
            )
        )
    return tuple(cases)


def _value_slips(window, kernel, value, work: str, there) -> tuple[Case, ...]:
    """Cases for the multiply-and-sum's typical slips at the right place (the value typed)."""
    slips = multiply_sum_slips(window, kernel)
    return slip_cases(
        value,
        work,
        slips,
        "value",
        given=(("row", there[0]), ("col", there[1])),
        opening="위치는 맞습니다. 그런데 곱과 합",
    )


def stride_steps(x, kernel, stride: int = 2) -> Exercise:
    """Say where a strided window goes next and what it computes there (chapter 04).

    Examples
    --------
    >>> exercise = stride_steps(np.arange(49).reshape(7, 7), np.ones((3, 3), dtype=int))
    >>> exercise.problems[0].checks["main"].answer
    {'row': 0, 'col': 2, 'value': 90}
    """
    x, kernel = as_matrix(x, "x", at_most=MAX_STEPS_INPUT), as_matrix(kernel, "kernel")
    if (
        isinstance(stride, bool)
        or not isinstance(stride, (int, np.integer))
        or not 1 <= stride <= min(x.shape)
    ):
        raise ValueError(f"stride must be an integer from 1 to {min(x.shape)}, got {stride!r}")
    if any(k > n for k, n in zip(kernel.shape, x.shape, strict=True)):
        raise ValueError(f"kernel ({kernel.shape}) must fit inside x ({x.shape})")
    fh, fw = kernel.shape
    positions = ops.window_positions(x.shape, kernel.shape, stride=stride)
    steps = []
    for k, here in enumerate(positions):
        statement = (
            f"스트라이드 {stride}. 지금 윈도는 {here} 자리({k + 1}/{len(positions)}번째)입니다.<br>"
            + matrix_html(x, highlight=(*here, fh, fw), caption="입력")
            + matrix_html(kernel, caption="필터")
        )
        checks = {}
        if k + 1 < len(positions):
            there = positions[k + 1]
            window = x[there[0] : there[0] + fh, there[1] : there[1] + fw]
            value, work = ops.multiply_and_sum(window, kernel), worked_sum(window, kernel)
            why = (
                f"윈도는 같은 줄에서 오른쪽으로 {stride}칸 건너뜁니다."
                if there[0] == here[0]
                else f"오른쪽으로 {stride}칸 가면 윈도가 입력 밖으로 나가므로 "
                f"{stride}줄 아래로 내려가 왼쪽 끝에서 다시 시작합니다."
            )
            checks["main"] = Check(
                {"row": there[0], "col": there[1], "value": value},
                f"윈도는 {there}{particle(str(there), '으로')} 갑니다: {work}",
                (
                    *_place_slips(here, there, stride, why),
                    *_value_slips(window, kernel, value, work, there),
                    Case(
                        f"아쉽습니다. 다음 윈도의 자리는 {there}입니다 (입력: 행 {{row}}, 열 "
                        f"{{col}}).\n{why}",
                        wrong=("row", "col"),
                    ),
                    Case(
                        f"위치 {said(str(there), '은')} 맞습니다. 그런데 곱과 합은 "
                        f"{typed('value', '이')} "
                        f"아니라 {written(value)}입니다.\n{work}"
                    ),
                ),
                advance=True,
            )
        else:
            statement += "<br>마지막 자리입니다. '처음부터'를 누르면 다시 시작합니다."
        steps.append(Problem(statement, checks))
    place = dict(minimum=0, maximum=1e6)
    return Exercise(
        "stride-steps",
        f"스트라이드 {said(stride, '으로')} 윈도 옮기기",
        "다음 윈도의 왼쪽 위 자리(행, 열)와 그 자리의 곱과 합을 입력하세요. 행과 열은 "
        "인덱스(0부터)로 씁니다.",
        (
            Group(
                "main",
                (
                    NumberField("row", "행", "행", **place),
                    NumberField("col", "열", "열", **place),
                    NumberField("value", "곱과 합", "곱과 합", integer=False),
                ),
                "다음 윈도의 (행, 열)과 곱과 합:",
            ),
        ),
        tuple(steps),
        nav="steps",
        example=html.escape(
            "다른 행렬: 9×9 행렬에 3×3 필터를 스트라이드 3으로 옮기면 줄 끝의 윈도 (0, 6) 다음은 "
            "3줄 아래 왼쪽 끝 (3, 0)입니다."
            if stride != 3
            else "다른 행렬: 9×9 행렬에 3×3 필터를 스트라이드 2로 옮기면 줄 끝의 윈도 (0, 6) "
            "다음은 2줄 아래 왼쪽 끝 (2, 0)입니다."
        ),
    )


def _stride_windows_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    n, f = int(rng.choice([7, 8, 9, 11, 28])), int(rng.choice([2, 3]))
    checks = {}
    side1 = ops.output_size(n, f, 0, 1)
    for key, s in (("s1", 1), ("s2", 2)):
        side = ops.output_size(n, f, 0, s)
        work = (
            f"한 줄에 윈도가 {side}곳에 멈추고({ops.explain_output_size(n, f, 0, s)}), 그런 줄이 "
            f"{side}개라서 {side} × {side} = {side * side}곳입니다."
        )
        slips = [
            (
                side,
                "한 줄만 셈",
                f"한 줄에 멈추는 자리 수입니다. 그런 줄이 {side}개이므로 줄 수를 곱합니다.",
            ),
            (
                ((n - f) // s) ** 2,
                "+1을 빠뜨림",
                f"한 줄의 자리를 (n - f) / S로 센 값입니다. 첫 자리도 세야 하므로 1을 더합니다: "
                f"{ops.explain_output_size(n, f, 0, s)}.",
            ),
        ]
        if s > 1:
            up = -(-(n - f) // s) + 1
            slips += [
                (
                    side1 * side,
                    "한 방향만 건너뜀",
                    f"가로로만 {s}칸씩 건너뛴 값({side1} × {side})입니다. 줄을 바꿀 때도 {s}줄씩 "
                    f"내려가므로 줄 수도 {side}개입니다.",
                ),
                (
                    up * up,
                    "내림 대신 올림",
                    f"(n - f) / S = ({n} - {f}) / {said(s, '을')} 올림한 값입니다. "
                    "나누어떨어지지 않으면 내림합니다. 마지막 윈도가 입력 밖으로 나가면 멈출 수 "
                    "없기 때문입니다.",
                ),
                (
                    side1 * side1,
                    "스트라이드를 무시함",
                    "스트라이드 1의 자리 수입니다. 스트라이드 2이면 윈도가 두 칸씩 건너뛰어 멈추는 "
                    "자리가 줄어듭니다.",
                ),
            ]
        checks[key] = Check(
            {key: side * side},
            work,
            (*slip_cases(side * side, work, slips, key), wrong_case(f"{side * side}곳", work, key)),
        )
    return Problem(
        html.escape(
            f"{n}×{n} 입력에 {f}×{f} 필터를 패딩 없이 적용합니다. 윈도가 멈추는 자리(곱과 합의 "
            "횟수)는 "
            "스트라이드 1과 2에서 각각 몇 곳일까요?"
        ),
        checks,
    )


def stride_windows(seed: int = 0) -> Exercise:
    """How many windows (multiply-and-sums) stride 1 and stride 2 need (chapter 04, 계산량 감소).

    Examples
    --------
    >>> checks = stride_windows(seed=0).problems[0].checks
    >>> checks["s1"].answer["s1"] > checks["s2"].answer["s2"]
    True
    """
    count = dict(minimum=0, maximum=100_000)
    return seeded(
        "stride-windows",
        "스트라이드와 계산량",
        "스트라이드가 2이면 윈도가 두 칸씩 건너뛰어 멈추는 자리가 줄어듭니다. 두 경우의 자리 수를 "
        "세어 보세요.",
        [
            Group(
                "s1",
                (NumberField("s1", "스트라이드 1의 자리 수", "자리 수", **count),),
                "스트라이드 1:",
            ),
            Group(
                "s2",
                (NumberField("s2", "스트라이드 2의 자리 수", "자리 수", **count),),
                "스트라이드 2:",
            ),
        ],
        _stride_windows_problem,
        seed,
    )


def _subsample_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    x, kernel = rng.integers(0, 4, (7, 7)), rng.integers(-1, 2, (3, 3))
    out1, out2 = ops.conv2d(x, kernel, stride=1), ops.conv2d(x, kernel, stride=2)
    i, j = (int(v) for v in rng.integers(0, out2.shape[0], 2))
    answer = int(out2[i, j])
    work = (
        f"스트라이드 2의 ({i}, {j}) 칸은 윈도가 ({2 * i}, {2 * j})에 멈춘 값이므로 스트라이드 1 "
        "결과의 "
        f"({2 * i}, {2 * j}) 칸과 같습니다: {answer}"
    )
    shade = {(2 * r, 2 * c): "#deebf7" for r in range(out2.shape[0]) for c in range(out2.shape[1])}
    slips = (
        (
            int(out1[i, j]),
            "스트라이드 1의 같은 칸을 읽음",
            f"스트라이드 1 결과의 ({i}, {j}) 칸입니다. 스트라이드 2에서는 윈도가 두 칸씩 "
            f"건너뛰므로 ({i}, {j}) 칸은 윈도가 ({2 * i}, {2 * j})에 멈춘 값입니다.",
        ),
        (
            int(out1[2 * j, 2 * i]),
            "행과 열을 바꿈",
            f"스트라이드 1 결과의 ({2 * j}, {2 * i}) 칸, 즉 행과 열을 바꾼 칸입니다. "
            "(행, 열) 순서로 읽습니다.",
        ),
    )
    return Problem(
        matrix_html(x, caption="입력 7×7")
        + matrix_html(kernel, caption="필터")
        + matrix_html(out1, shade=shade, caption="스트라이드 1 결과 (5×5)", indices=True)
        + "<br>"
        + html.escape(
            f"같은 입력과 필터에 스트라이드 2를 쓰면 결과는 3×3입니다. 그 ({i}, {j}) 칸의 값은?"
        ),
        {
            "main": Check(
                {"main": answer},
                work,
                (*slip_cases(answer, work, slips), wrong_case(str(answer), work)),
            )
        },
    )


def stride_results(seed: int = 0) -> Exercise:
    """Read a stride-2 value off the stride-1 result (chapter 04, stride 1과 2를 적용한 결과).

    Examples
    --------
    >>> "스트라이드 1 결과" in stride_results(seed=0).problems[0].statement
    True
    """
    return seeded(
        "stride-results",
        "스트라이드 1과 2의 결과",
        "스트라이드 1의 결과를 보고 스트라이드 2의 결과를 구하세요. 파란 칸에 힌트가 있습니다.",
        [
            Group(
                "main",
                (NumberField("main", "스트라이드 2 결과의 값", "값", minimum=-1000, maximum=1000),),
            )
        ],
        _subsample_problem,
        seed,
    )
