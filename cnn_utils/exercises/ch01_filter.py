"""Chapter 01 (필터): the multiply-and-sum, which region a filter finds, which filter fits.

In the order of the chapter's slides: 곱과 합 (:func:`multiply_sum`), 필터가 찾는 영역
(:func:`region_match`), 이미지에 맞는 필터 (:func:`best_filter`). :func:`worked_sum`, the
worked multiply-and-sum, is written the same way by the later chapters.
"""

from __future__ import annotations

import html

import numpy as np

from cnn_utils import ops
from cnn_utils.answers import Case, Check, Group, NumberField, particle, said
from cnn_utils.exercises.description import Exercise, Problem
from cnn_utils.exercises.making import (
    bank,
    check_seed,
    choice,
    multiply_sum_slips,
    seeded,
    slip_cases,
    written,
    wrong_case,
)
from cnn_utils.exercises.markup import matrix_html

#: The features chapter 01's filters find, as 3x3 masks (1: the feature's pixels).
FEATURES = {
    "왼쪽 위로 볼록한 곡선": ((0, 1, 1), (1, 0, 0), (1, 0, 0)),
    "세로선": ((0, 1, 0), (0, 1, 0), (0, 1, 0)),
    "가로선": ((0, 0, 0), (1, 1, 1), (0, 0, 0)),
    "오른쪽 아래로 내려가는 대각선": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "ㄱ자 모서리": ((1, 1, 1), (0, 0, 1), (0, 0, 1)),
}


def worked_sum(window, kernel) -> str:
    """The multiply-and-sum written out term by term (chapter 01).

    Examples
    --------
    >>> worked_sum([[1, 2], [3, 4]], [[1, 0], [-1, 2]])
    '1×1 + 2×0 + 3×(-1) + 4×2 = 6'
    """
    window, kernel = np.asarray(window), np.asarray(kernel)
    pairs = zip(window.ravel(), kernel.ravel(), strict=True)
    terms = " + ".join(
        f"{ops.format_number(a, decimals=4, bracket_negative=True)}×"
        f"{ops.format_number(b, decimals=4, bracket_negative=True)}"
        for a, b in pairs
    )
    return f"{terms} = {written(ops.multiply_and_sum(window, kernel))}"


def _multiply_sum_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    window, kernel = rng.integers(0, 4, (3, 3)), rng.integers(-1, 3, (3, 3))
    answer, work = ops.multiply_and_sum(window, kernel), worked_sum(window, kernel)
    slips = (*multiply_sum_slips(window, kernel, negative="음수 가중치(-1)"),)
    explanation = f"같은 자리끼리 곱해서 모두 더하세요:\n{work}"
    return Problem(
        "윈도 " + matrix_html(window) + " ×&nbsp;필터 " + matrix_html(kernel),
        {
            "main": Check(
                {"main": answer},
                work,
                (*slip_cases(answer, work, slips), wrong_case(written(answer), explanation)),
            )
        },
    )


def multiply_sum(seed: int = 0) -> Exercise:
    """Type the multiply-and-sum of a 3x3 window and a 3x3 filter (chapter 01).

    Examples
    --------
    >>> from cnn_utils.answers import judge
    >>> exercise = multiply_sum(seed=0)
    >>> group, check = exercise.groups[0], exercise.problems[0].checks["main"]
    >>> judge(group, check, {"main": str(check.answer["main"])}).correct
    True
    """
    seed = check_seed(seed)
    example = _multiply_sum_problem(1000)
    return Exercise(
        "multiply-sum",
        "곱과 합 계산하기",
        "윈도(window)와 필터의 같은 자리끼리 곱해서 모두 더한 값을 입력하세요.",
        (
            Group(
                "main",
                (NumberField("main", "곱과 합", "곱과 합", minimum=-10_000, maximum=10_000),),
            ),
        ),
        bank(_multiply_sum_problem, seed),
        nav="new",
        make=_multiply_sum_problem,
        first_seed=seed,
        example=example.statement + "<br>" + html.escape(example.checks["main"].right),
    )


def _region_match_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    names = list(FEATURES)
    feature, other = rng.choice(len(names), size=2, replace=False)
    mask = np.array(FEATURES[names[feature]])
    kernel = 30 * mask
    while True:  # the region with the filter's feature must win outright (no tie)
        matching = mask * rng.integers(2, 5, (3, 3)) * 10
        elsewhere = np.array(FEATURES[names[other]]) * rng.integers(2, 5, (3, 3)) * 10
        if ops.multiply_and_sum(matching, kernel) > ops.multiply_and_sum(elsewhere, kernel):
            break
    windows = [matching, elsewhere] if rng.integers(2) else [elsewhere, matching]
    sums = [ops.multiply_and_sum(w, kernel) for w in windows]
    answer = "A" if sums[0] > sums[1] else "B"
    work = "\n".join(
        f"영역 {n}: {worked_sum(w, kernel)}" for n, w in zip("AB", windows, strict=True)
    )
    why = "필터의 큰 값(30)이 있는 칸에 밝은 값이 놓인 영역일수록 곱과 합이 큽니다."
    wrong = "B" if answer == "A" else "A"
    bright = {n: int(w.sum()) for n, w in zip("AB", windows, strict=True)}
    named = (
        Case(
            # 영역 A, 영역 B: read 에이, 비, so 는
            f"아쉽습니다. 영역 {wrong}는 픽셀 값의 합이 {said(bright[wrong], '으로')} 영역 "
            f"{answer}({bright[answer]})보다 크지만, 곱과 합은 필터의 큰 값(30)과 겹친 칸의 "
            "값만 셉니다. 영역 전체의 밝기가 아니라 밝은 칸이 필터의 특징과 같은 모양인지 "
            f"보세요.\n{work}\n{why}",
            equal=(("main", wrong),),
            mistake="밝기의 합으로 고름",
        ),
    )
    named = named if bright[wrong] >= bright[answer] else ()
    return Problem(
        matrix_html(kernel, caption=f"필터: {names[feature]}")
        + "".join(matrix_html(w, caption=f"영역 {n}") for n, w in zip("AB", windows, strict=True)),
        {
            "main": Check(
                {"main": answer},
                f"{work}\n{why}",
                (
                    *named,
                    Case(f"아쉽습니다. 곱과 합이 큰 쪽은 영역 {answer}입니다.\n{work}\n{why}"),
                ),
            )
        },
    )


def region_match(seed: int = 0) -> Exercise:
    """Which region does the filter score higher, A or B (chapter 01, the slide's regions A and B)?

    Examples
    --------
    >>> region_match(seed=0).problems[0].checks["main"].answer["main"] in ("A", "B")
    True
    """
    return seeded(
        "region-match",
        "영역 A와 B 비교하기",
        "필터를 두 영역에 각각 겹쳐 곱과 합을 구하면 어느 쪽이 클까요? 필터가 찾는 특징과 닮은 "
        "영역을 고르세요.",
        [choice("main", "곱과 합이 큰 영역", (("A", "영역 A"), ("B", "영역 B")))],
        _region_match_problem,
        seed,
    )


def _best_filter_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    names = list(FEATURES)
    picked = [names[k] for k in rng.choice(len(names), size=3, replace=False)]
    target = picked[int(rng.integers(3))]
    window = np.array(FEATURES[target]) * 9 + rng.integers(0, 2, (3, 3))
    kernels = [np.array(FEATURES[n]) * 2 - 1 for n in picked]  # +1 on the feature, -1 elsewhere
    sums = [ops.multiply_and_sum(window, k) for k in kernels]
    best = int(np.argmax(sums))
    work = "\n".join(f"필터 {k + 1}: {worked_sum(window, kern)}" for k, kern in enumerate(kernels))
    why = (
        f"가장 큰 값을 내는 필터 {best + 1}{particle(str(best + 1), '이')} 윈도의 특징"
        f"({picked[best]})을 찾는 필터입니다."
    )
    return Problem(
        matrix_html(window, caption="윈도")
        + "".join(matrix_html(k, caption=f"필터 {n + 1}") for n, k in enumerate(kernels)),
        {
            "main": Check(
                {"main": str(best)},
                f"{work}\n{why}",
                (Case(f"아쉽습니다.\n{work}\n{why}"),),
            )
        },
    )


def best_filter(seed: int = 0) -> Exercise:
    """Which of three filters answers most to a window's feature (chapter 01, 윤곽선 추출)?

    Examples
    --------
    >>> best_filter(seed=0).problems[0].checks["main"].answer["main"] in ("0", "1", "2")
    True
    """
    return seeded(
        "best-filter",
        "특징을 찾는 필터 고르기",
        "세 필터를 윈도에 각각 겹쳐 곱과 합을 구하세요. 가장 큰 값을 내는 필터가 이 윈도의 특징을 "
        "찾는 필터입니다.",
        [choice("main", "가장 크게 반응하는 필터", ((str(k), f"필터 {k + 1}") for k in range(3)))],
        _best_filter_problem,
        seed,
    )
