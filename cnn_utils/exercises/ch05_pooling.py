"""Chapter 05 (풀링): pooled values, the pooled size, what pooling loses.

In the order of the chapter's slides: 풀링이란 (:func:`pooling`), 풀링의 장점
(:func:`pooled_size`), 풀링의 단점 (:func:`pooling_loss`).
"""

from __future__ import annotations

import html

import numpy as np

from cnn_utils import ops
from cnn_utils.answers import (
    Case,
    Check,
    ChoiceField,
    Group,
    NumberField,
    ShapeField,
    particle,
    said,
)
from cnn_utils.exercises.description import Exercise, Param, Problem
from cnn_utils.exercises.making import (
    as_matrix,
    bank,
    check_seed,
    seeded,
    slip_cases,
    written,
    wrong_case,
)
from cnn_utils.exercises.markup import matrix_html

POOLING_MATRIX = np.array([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]])
"""The slide-style 4x4 feature map of the pooling exercise."""
#: Another 4x4 map, for the pooling exercise's worked example (never the asked map's answers).
POOLING_EXAMPLE = np.array([[2, 0, 1, 3], [4, 1, 0, 2], [1, 5, 2, 2], [0, 3, 6, 1]])

POOL_REGIONS = {"왼쪽 위": (0, 0), "오른쪽 위": (0, 2), "왼쪽 아래": (2, 0), "오른쪽 아래": (2, 2)}
_REGION_COLORS = ("#fde0dd", "#deebf7", "#e5f5e0", "#fff7bc")
POOL_KINDS = (("max", "최대 풀링"), ("average", "평균 풀링"))


def pooled_value(matrix, region: str, kind: str) -> float:
    """Max or average of one 2x2 region of ``matrix``.

    Examples
    --------
    >>> [pooled_value(POOLING_MATRIX, "왼쪽 위", kind) for kind in ("max", "average")]
    [6, 3.25]
    """
    if region not in POOL_REGIONS:
        raise ValueError(f"region must be one of {list(POOL_REGIONS)}, got {region!r}")
    if kind not in dict(POOL_KINDS):
        raise ValueError(f"kind must be 'max' or 'average', got {kind!r}")
    r, c = POOL_REGIONS[region]
    block = np.asarray(matrix)[r : r + 2, c : c + 2]
    return block.max().item() if kind == "max" else block.mean().item()


def pooling(matrix=POOLING_MATRIX) -> Exercise:
    """Predict the max or average of a 2x2 region (chapter 05).

    Examples
    --------
    >>> exercise = pooling()
    >>> question = {"region": "왼쪽 위", "kind": "average"}
    >>> exercise.check(exercise.problems[0], "main", question).answer
    {'main': 3.25}
    """
    matrix = as_matrix(matrix, "matrix", shape=(4, 4))
    shade = {
        (r + i, c + j): color
        for ((r, c), color) in zip(POOL_REGIONS.values(), _REGION_COLORS, strict=True)
        for i in range(2)
        for j in range(2)
    }
    checks = {}
    for region, (r, c) in POOL_REGIONS.items():
        block = matrix[r : r + 2, c : c + 2].ravel()
        for kind, _ in POOL_KINDS:
            value = pooled_value(matrix, region, kind)
            if kind == "max":
                values = ", ".join(map(written, block))
                how = f"최대 풀링은 네 값 {values} 중 가장 큰 값 {written(value)}입니다."
            else:
                total = " + ".join(map(written, block))
                how = f"평균 풀링은 네 값의 평균입니다: ({total}) / 4 = {written(value)}"
            slips = (
                (
                    (
                        float(block.sum()),
                        "평균 대신 합",
                        "네 값의 합입니다. 평균은 합을 4로 나눕니다.",
                    )
                    if kind == "average"
                    else (
                        float(block.mean()),
                        "최대 대신 평균",
                        "네 값의 평균입니다. 최대 풀링은 가장 큰 값 하나를 남깁니다.",
                    )
                ),
            )
            checks[f"main|{region}|{kind}"] = Check(
                {"main": value},
                f"{how}",
                (*slip_cases(value, how, slips), wrong_case(written(value), how)),
            )
    other = POOLING_EXAMPLE if not np.array_equal(POOLING_EXAMPLE, matrix) else POOLING_EXAMPLE.T
    example = (
        matrix_html(other, caption="다른 특성 맵")
        + matrix_html(ops.max_pool2d(other), caption="최대 풀링")
        + matrix_html(ops.avg_pool2d(other), caption="평균 풀링")
    )
    return Exercise(
        "pooling",
        "풀링 값 예측하기",
        "영역과 풀링 종류를 고르고 그 영역의 풀링 결과를 입력하세요.",
        (
            Group(
                "main",
                (
                    NumberField(
                        "main", "풀링 결과", "풀링 결과", integer=False, minimum=-1e6, maximum=1e6
                    ),
                ),
            ),
        ),
        (Problem("특성 맵 " + matrix_html(matrix, shade=shade), checks),),
        params=(
            Param("region", "영역", tuple((r, r) for r in POOL_REGIONS)),
            Param("kind", "풀링 종류", POOL_KINDS),
        ),
        example="다른 특성 맵: 2×2 영역마다 가장 큰 값과 평균입니다. " + example,
    )


def _pooled_size_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    h, c = int(rng.choice([4, 8, 14, 28, 32])), int(rng.choice([1, 8, 16, 32, 64]))
    shape, before = (h // 2, h // 2, c), h * h * c
    after = (h // 2) * (h // 2) * c
    shape_text = f"({h // 2}, {h // 2}, {c})"
    shape_work = (
        f"풀링은 가로세로를 절반으로 줄이고({h} → {h // 2}) 채널 수 {said(c, '은')} 그대로 둡니다."
    )
    shape_slips = (
        (
            (h // 2, h // 2, c // 2) if c > 1 else shape,
            "채널도 절반으로 줄임",
            f"채널까지 절반으로 줄인 모양입니다. 풀링은 채널마다 따로 하므로 채널 수 "
            f"{said(c, '은')} 그대로입니다.",
        ),
        (
            (h // 2, h // 2),
            "채널을 빠뜨림",
            "채널 축이 빠진 모양입니다. 특성 맵의 모양은 (높이, 너비, 채널)이고 채널 "
            f"{said(c, '은')} 그대로 남습니다.",
        ),
    )
    saved_work = (
        f"풀링 전 {h}×{h}×{c} = {before:,}개, 뒤 {h // 2}×{h // 2}×{c} = {after:,}개이므로 "
        f"{before - after:,}개가 줄어 메모리가 4분의 1만 듭니다."
    )
    saved_slips = (
        (
            after,
            "남는 개수를 씀",
            "풀링 뒤에 남는 값의 개수입니다. 줄어드는 개수는 풀링 전 개수에서 남는 개수를 뺍니다.",
        ),
        (
            before // 2,
            "절반만 줄어든다고 봄",
            "값의 절반입니다. 가로와 세로가 모두 절반이 되므로 4분의 1만 남고 4분의 3이 "
            "줄어듭니다.",
        ),
        (
            h * h - (h // 2) ** 2,
            "채널을 곱하지 않음",
            f"채널 하나의 값만 센 것입니다. 채널 {c}개가 모두 풀링되므로 채널 수를 곱합니다.",
        ),
    )
    return Problem(
        html.escape(f"특성 맵 ({h}, {h}, {c})에 2×2 최대 풀링(스트라이드 2)을 합니다."),
        {
            "shape": Check(
                {"shape": shape},
                f"가로세로는 절반({h} → {h // 2}), 채널 {said(c, '은')} 그대로입니다.",
                (
                    *slip_cases(shape, shape_work, shape_slips, "shape"),
                    wrong_case(shape_text, shape_work, "shape"),
                ),
            ),
            "saved": Check(
                {"saved": before - after},
                f"{before:,}개 → {after:,}개: {before - after:,}개(4분의 3)를 덜 저장합니다.",
                (
                    *slip_cases(before - after, saved_work, saved_slips, "saved", commas=True),
                    wrong_case(f"{before - after:,}개", saved_work, "saved"),
                ),
            ),
        },
    )


def pooled_size(seed: int = 0) -> Exercise:
    """The pooled output's shape and how many values pooling saves (chapter 05, 풀링의 장점).

    Examples
    --------
    >>> pooled_size(seed=0).problems[0].checks["shape"].answer["shape"][2] >= 1
    True
    """
    return seeded(
        "pooled-size",
        "풀링과 메모리",
        "풀링 뒤의 모양(예: 14, 14, 32)과, 풀링으로 줄어드는 값의 개수를 구하세요.",
        [
            Group(
                "shape",
                (ShapeField("shape", "풀링 뒤의 모양", "예: 14, 14, 32"),),
                "풀링 뒤의 모양:",
            ),
            Group(
                "saved",
                (NumberField("saved", "줄어드는 값의 개수", "개수", minimum=0, maximum=1e9),),
                "줄어드는 값의 개수:",
            ),
        ],
        _pooled_size_problem,
        seed,
    )


def pooling_loss_maps(seed: int) -> tuple[np.ndarray, tuple[np.ndarray, ...], int]:
    """A 4x4 map and three others; exactly one max-pools like it (the answer's index).

    The right candidate keeps every region's maximum, moved and with other
    values around it; each wrong one lowers one region's maximum by one.

    Examples
    --------
    >>> reference, candidates, answer = pooling_loss_maps(0)
    >>> [ops.max_pool2d(c).tolist() == ops.max_pool2d(reference).tolist() for c in candidates]
    [False, False, True]
    >>> answer
    2
    """
    rng = np.random.default_rng(seed)
    reference = rng.integers(0, 10, (4, 4))
    pooled = ops.max_pool2d(reference)
    while True:
        same = np.zeros((4, 4), dtype=int)
        for r in (0, 2):
            for c in (0, 2):
                top = int(pooled[r // 2, c // 2])
                block = rng.integers(0, top + 1, 4)
                block[rng.integers(4)] = top
                same[r : r + 2, c : c + 2] = block.reshape(2, 2)
        if not np.array_equal(same, reference):
            break
    wrong = []
    for region in rng.choice(4, size=2, replace=False):
        other = same.copy()
        r, c = 2 * (region // 2), 2 * (region % 2)
        block = other[r : r + 2, c : c + 2]
        top = block.max()
        if top > 0:
            block[block == top] = top - 1  # the region's maximum drops by one
        else:
            block[rng.integers(2), rng.integers(2)] = 1
        wrong.append(other)
    order = rng.permutation(3)
    candidates = tuple([same, *wrong][k] for k in order)
    return reference, candidates, int(np.flatnonzero(order == 0)[0])


def _pooling_loss_problem(seed: int) -> Problem:
    reference, candidates, answer = pooling_loss_maps(seed)
    target = ops.max_pool2d(reference)
    names = list(POOL_REGIONS)
    cases = []
    for k, candidate in enumerate(candidates):
        chosen = ops.max_pool2d(candidate)
        if k == answer:
            continue
        d = int(np.flatnonzero(chosen.ravel() != target.ravel())[0])
        low = str(chosen.ravel()[d])
        because = low + ("이라서" if particle(low, "이") == "이" else "라서")
        cases.append(
            Case(
                f"아쉽습니다. 후보 {k + 1}의 최대 풀링 결과는 {chosen.tolist()}, 기준 맵은 "
                f"{target.tolist()}입니다.\n"
                f"{names[d]} 영역의 가장 큰 값이 {said(int(target.ravel()[d]), '이')} 아니라 "
                f"{because} 다릅니다. 영역마다 가장 큰 값이 그대로인지 보고, 자리나 나머지 값은 "
                f"달라도 됩니다. 후보 {answer + 1}번을 보세요.",
                equal=(("main", str(k)),),
                mistake="가장 큰 값이 바뀐 영역을 놓침",
            )
        )
    boxes = [("기준 맵", reference), *((f"후보 {k + 1}", m) for k, m in enumerate(candidates))]
    return Problem(
        "".join(matrix_html(m, caption=name) for name, m in boxes),
        {
            "main": Check(
                {"main": str(answer)},
                f"두 맵은 다르지만 최대 풀링 결과는 똑같이 {target.tolist()}입니다.\n"
                "최대 풀링은 영역마다 가장 큰 값만 남기므로 나머지 세 값과 가장 큰 값이 영역 안 "
                "어디에 "
                "있었는지를 잃습니다.",
                tuple(cases),
            )
        },
    )


def pooling_loss(seed: int = 0) -> Exercise:
    """Pick the feature map a 2x2 max pool cannot tell from the reference (chapter 05).

    Examples
    --------
    >>> exercise = pooling_loss(seed=0)
    >>> exercise.problems[0].checks["main"].answer["main"] in ("0", "1", "2")
    True
    """
    seed = check_seed(seed)
    reference, candidates, answer = pooling_loss_maps(1000)
    right = candidates[answer]
    return Exercise(
        "pooling-loss",
        "풀링이 잃는 정보 찾기",
        "세 후보 중 하나는 기준 맵과 다르지만 2×2 최대 풀링 결과가 똑같습니다. 어느 것일까요?",
        (
            Group(
                "main",
                (
                    ChoiceField(
                        "main", "후보", options=tuple((str(k), f"후보 {k + 1}") for k in range(3))
                    ),
                ),
                button=None,
            ),
        ),
        bank(_pooling_loss_problem, seed),
        nav="new",
        make=_pooling_loss_problem,
        first_seed=seed,
        example=(
            matrix_html(reference, caption="기준 맵")
            + matrix_html(right, caption="다른 맵")
            + matrix_html(ops.max_pool2d(right), caption="둘 다 최대 풀링하면")
        ),
    )
