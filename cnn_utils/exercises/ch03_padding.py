"""Chapter 03 (패딩): a padded sum, same and valid padding, how valid shrinks, pixel usage.

In the order of the chapter's slides: 제로 패딩 (:func:`padded_sum`), same 패딩과 valid
패딩 (:func:`padding_sizes`), 이미지가 줄어드는 것 (:func:`valid_shrink`), 가장자리 픽셀
(:func:`pixel_usage`). The padding/stride explorer is in :mod:`cnn_utils.exercises.explorers`.
"""

from __future__ import annotations

import html

import numpy as np

from cnn_utils import ops
from cnn_utils.answers import Check, Group, NumberField, said
from cnn_utils.exercises.ch01_filter import worked_sum
from cnn_utils.exercises.description import Exercise, Problem
from cnn_utils.exercises.making import (
    bank,
    check_seed,
    multiply_sum_slips,
    seeded,
    slip_cases,
    written,
    wrong_case,
)
from cnn_utils.exercises.markup import matrix_html


def _padded_sum_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    image = rng.integers(1, 6, (4, 4))
    kernel = rng.integers(-1, 3, (3, 3))
    padded = ops.pad(image, 1)
    window = padded[:3, :3]
    answer = ops.multiply_and_sum(window, kernel)
    inside = ops.multiply_and_sum(image[:2, :2], kernel[1:, 1:])
    work = (
        f"{worked_sum(window, kernel)}\n패딩 칸(0)과의 곱은 모두 0이라서, 이미지 안의 네 칸만 "
        f"계산한 {said(worked_sum(image[:2, :2], kernel[1:, 1:]), '과')} 같습니다."
    )
    assert answer == inside
    slips = (
        (
            ops.multiply_and_sum(image[:3, :3], kernel),
            "패딩을 빼고 겹침",
            "패딩 없이 이미지의 왼쪽 위 3×3에 필터를 겹친 값입니다. 빨간 윈도는 패딩 칸(0)을 "
            "포함하므로 이미지 안의 네 칸만 필터의 오른쪽 아래 네 칸과 곱해집니다.",
        ),
        *multiply_sum_slips(window, kernel, negative="음수 가중치(-1)"),
    )
    return Problem(
        matrix_html(padded, highlight=(0, 0, 3, 3), caption="1픽셀 제로 패딩한 이미지")
        + matrix_html(kernel, caption="필터"),
        {
            "main": Check(
                {"main": answer},
                work,
                (*slip_cases(answer, work, slips), wrong_case(written(answer), work)),
            )
        },
    )


def padded_sum(seed: int = 0) -> Exercise:
    """The multiply-and-sum of a window that hangs over the zero padding (chapter 03).

    Examples
    --------
    >>> padded_sum(seed=0).problems[0].statement.count("<table")
    2
    """
    return seeded(
        "padded-sum",
        "패딩에 걸친 윈도의 곱과 합",
        "빨간 윈도는 왼쪽 위 모서리에서 제로 패딩에 걸쳐 있습니다. 이 윈도와 필터의 곱과 합을 "
        "구하세요.",
        [
            Group(
                "main",
                (NumberField("main", "곱과 합", "곱과 합", minimum=-10_000, maximum=10_000),),
            )
        ],
        _padded_sum_problem,
        seed,
    )


def _padding_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    while True:  # a filter larger than the input has no valid output to ask about
        n, f = int(rng.choice([5, 7, 8, 10, 14, 28, 32])), int(rng.choice([1, 3, 5, 7]))
        if f <= n:
            break
    p, valid = (f - 1) // 2, n - f + 1
    same_work = (
        f"same 패딩은 출력이 입력과 같은 크기가 되도록 p = (f - 1) / 2 = ({f} - 1) / 2 = "
        f"{p}픽셀을 두릅니다."
    )
    valid_work = f"valid 패딩(패딩 없음)의 출력은 n - f + 1 = {n} - {f} + 1 = {valid}입니다."
    same_slips = (
        (
            f - 1,
            "양쪽 패딩을 합함",
            f"양쪽 패딩을 합한 값({f} - 1 = {f - 1})입니다. p는 한쪽에 두르는 픽셀 수라서 "
            "2로 나눕니다.",
        ),
    )
    valid_slips = (
        (
            n - f,
            "+1을 빠뜨림",
            "n - f만 계산한 값입니다. 윈도의 첫 자리도 세야 하므로 1을 더합니다.",
        ),
        (
            n,
            "same과 valid를 바꿈",
            "입력 크기 그대로입니다. 크기를 지키는 것은 same 패딩이고, 패딩이 없는 valid "
            "패딩은 출력이 줄어듭니다.",
        ),
    )
    return Problem(
        html.escape(f"입력 {n}×{n}, 필터 {f}×{f}, 스트라이드 1"),
        {
            "same": Check(
                {"same": p},
                f"p = (f - 1) / 2 = ({f} - 1) / 2 = {p}이면 출력도 {n}×{n}입니다.",
                (
                    *slip_cases(p, same_work, same_slips, "same"),
                    wrong_case(str(p), same_work, "same"),
                ),
            ),
            "valid": Check(
                {"valid": valid},
                f"패딩이 없으면 n - f + 1 = {n} - {f} + 1 = {valid}입니다.",
                (
                    *slip_cases(valid, valid_work, valid_slips, "valid"),
                    wrong_case(str(valid), valid_work, "valid"),
                ),
            ),
        },
    )


def padding_sizes(seed: int = 0) -> Exercise:
    """The padding p that same needs, and the size valid gives (chapter 03).

    Examples
    --------
    >>> padding_sizes(seed=0).problems[0].checks["same"].answer
    {'same': 2}
    """
    size = dict(minimum=0, maximum=1000)
    return seeded(
        "padding-sizes",
        "same 패딩과 valid 패딩",
        "same 패딩에 필요한 패딩 p와, valid 패딩(패딩 없음)일 때 출력의 한 변의 크기를 구하세요.",
        [
            Group("same", (NumberField("same", "same 패딩의 p", "p", **size),), "same 패딩의 p:"),
            Group(
                "valid",
                (NumberField("valid", "valid 패딩의 출력 크기", "출력 크기", **size),),
                "valid 패딩의 출력 크기:",
            ),
        ],
        _padding_problem,
        seed,
    )


def _shrink_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    n, f = int(rng.choice([14, 28, 32])), int(rng.choice([3, 5]))
    layers = int(rng.integers(2, min(5, (n - 2) // (f - 1)) + 1))
    sizes = [n]
    for _ in range(layers):
        sizes.append(sizes[-1] - f + 1)
    answer = sizes[-1]
    work = f"층마다 {f} - 1 = {f - 1}씩 줄어듭니다: " + " → ".join(map(str, sizes))
    slips = (
        (
            n - f + 1,
            "한 층만 줄임",
            f"한 층을 지난 크기입니다. 층마다 다시 {f - 1}씩 줄어드므로 {layers}번 줄입니다.",
        ),
        (
            n - layers * f,
            "층마다 f만큼 줄임",
            f"층마다 {said(f, '을')} 뺀 값입니다. 한 층의 출력은 n - f + 1이므로 층마다 "
            f"{f} - 1 = {f - 1}씩 줄어듭니다.",
        ),
    )
    return Problem(
        html.escape(
            f"{n}×{n} 이미지에 {f}×{f} 필터의 합성곱 층(valid 패딩, 스트라이드 1)을 {layers}번 "
            "거듭하면 "
            "출력의 한 변은?"
        ),
        {
            "main": Check(
                {"main": answer},
                work,
                (*slip_cases(answer, work, slips), wrong_case(str(answer), work)),
            )
        },
    )


def valid_shrink(seed: int = 0) -> Exercise:
    """How fast valid padding shrinks a stack of layers (chapter 03, 패딩이 필요한 이유 1).

    Examples
    --------
    >>> valid_shrink(seed=0).problems[0].checks["main"].answer["main"] > 0
    True
    """
    return seeded(
        "valid-shrink",
        "valid 패딩으로 거듭하면",
        "패딩 없이 합성곱을 거듭하면 층마다 출력이 줄어듭니다. 마지막 출력의 크기를 구하세요.",
        [
            Group(
                "main",
                (NumberField("main", "마지막 출력의 한 변", "한 변", minimum=-1000, maximum=1000),),
            )
        ],
        _shrink_problem,
        seed,
    )


def _covering(index: int, n: int, f: int, padding: int) -> list[int]:
    """Start rows (columns) of the stride-1 windows that cover row (column) ``index``."""
    return [i for i in range(n + 2 * padding - f + 1) if i <= index + padding < i + f]


def _pixel_usage_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    n, f = int(rng.integers(4, 7)), 3
    row, col = int(rng.choice([0, 1, n - 1])), int(rng.integers(0, n))
    question = (
        f"{n}×{n} 이미지에 {f}×{f} 필터를 스트라이드 1로 윈도 슬라이딩합니다. "
        f"(행 {row}, 열 {col}) 픽셀은 몇 개의 윈도에 들어갑니까?"
    )
    checks, counts = {}, {}
    for key, p in (("valid", 0), ("same", (f - 1) // 2)):
        answer = counts[key] = int(ops.pixel_usage(n, f, padding=p)[row, col])
        rows, cols = _covering(row, n, f, p), _covering(col, n, f, p)
        where = (
            f"{p}픽셀 패딩을 하면 이 픽셀은 패딩한 격자의 ({row + p}, {col + p})에 있습니다.\n"
            if p
            else ""
        )
        work = (
            f"{where}윈도의 윗줄이 {', '.join(map(str, rows))}일 때 이 행을 "
            f"덮고({len(rows)}가지),\n"
            f"윈도의 왼쪽 열이 {', '.join(map(str, cols))}일 때 이 열을 "
            f"덮습니다({len(cols)}가지).\n"
            f"{len(rows)} × {len(cols)} = {answer}개의 윈도에 들어갑니다."
        )
        slips = [
            (
                f * f,
                "가장자리를 생각하지 않음",
                f"필터의 칸 수({f}×{f})입니다. 가운데 픽셀만 {f * f}개의 윈도에 들어가고, "
                "가장자리에 가까운 픽셀은 덮는 윈도가 적습니다. 행과 열을 덮는 윈도를 따로 세어 "
                "곱하세요.",
            ),
            (
                len(rows) + len(cols),
                "곱하지 않고 더함",
                f"행을 덮는 가짓수({len(rows)})와 열을 덮는 가짓수({len(cols)})를 더한 값입니다. "
                "윈도는 행과 열의 가짓수를 하나씩 고른 조합이므로 곱합니다.",
            ),
        ]
        if p:
            slips.append(
                (
                    counts["valid"],
                    "패딩을 넣지 않고 셈",
                    "패딩이 없을 때의 개수입니다. 패딩을 두르면 윈도가 패딩 칸에도 멈추므로 "
                    "가장자리 픽셀을 덮는 윈도가 늘어납니다.",
                )
            )
        checks[key] = Check(
            {key: answer},
            work,
            (*slip_cases(answer, work, slips, key), wrong_case(f"{answer}개", work, key)),
        )
    grid = matrix_html(np.full((n, n), np.nan), shade={(row, col): "#fdae6b"}, indices=True)
    return Problem(html.escape(question) + "<br>" + grid, checks)


def pixel_usage(seed: int = 0) -> Exercise:
    """Count the windows that cover one pixel, without and with padding (chapter 03).

    Examples
    --------
    >>> exercise = pixel_usage(seed=0)
    >>> sorted(exercise.problems[0].checks)
    ['same', 'valid']
    """
    seed = check_seed(seed)
    count = dict(placeholder="윈도 개수", minimum=0, maximum=10_000)
    return Exercise(
        "pixel-usage",
        "픽셀이 쓰이는 횟수 세기",
        "칸의 자리는 행과 열의 인덱스(0부터)로 씁니다.",
        (
            Group(
                "valid",
                (NumberField("valid", "패딩 없이 윈도 개수", **count),),
                "패딩 없이(valid):",
            ),
            Group(
                "same",
                (NumberField("same", "1픽셀 제로 패딩으로 윈도 개수", **count),),
                "1픽셀 제로 패딩(same):",
            ),
        ),
        bank(_pixel_usage_problem, seed),
        nav="new",
        make=_pixel_usage_problem,
        first_seed=seed,
        example=html.escape(
            "4×4 이미지, 3×3 필터, (행 0, 열 1) 픽셀: 패딩 없이 윈도의 윗줄은 0일 때만 "
            "이 행을 덮고"
            "(1가지), 왼쪽 열은 0, 1일 때 이 열을 덮으므로 1 × 2 = 2개. 1픽셀 패딩을 하면 2 × 3 = "
            "6개입니다."
        ),
    )
