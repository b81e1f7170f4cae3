"""Chapter 08 (시각화): receptive fields, ReLU, reading a filter, following the network.

In the order of the chapter's slides: 특성 맵 시각화 (:func:`receptive_field_quiz`,
:func:`relu_value`), 필터 읽기 (:func:`read_filter`, :func:`filter_reading`), 신경망
따라가기 (:func:`channel_sums`, :func:`strongest_channel`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np

from cnn_utils import ops
from cnn_utils.answers import Case, Check, ChoiceField, Group, NumberField, said
from cnn_utils.exercises.ch07_prediction import activation_slips
from cnn_utils.exercises.description import Exercise, Problem
from cnn_utils.exercises.explorers import FILTER_PRESETS, filter_response
from cnn_utils.exercises.making import (
    as_matrix,
    bank,
    check_seed,
    seeded,
    slip_cases,
    written,
    wrong_case,
)
from cnn_utils.exercises.markup import figure_data, matrix_html

#: Layer stacks for the receptive-field question: (filter size, stride) per layer, as named.
STACKS = (
    ("3×3 합성곱 → 3×3 합성곱", ((3, 1), (3, 1))),
    ("3×3 합성곱 → 2×2 최대 풀링", ((3, 1), (2, 2))),
    ("3×3 합성곱 → 2×2 최대 풀링 → 3×3 합성곱", ((3, 1), (2, 2), (3, 1))),
    ("3×3 합성곱 → 2×2 최대 풀링 → 3×3 합성곱 → 2×2 최대 풀링", ((3, 1), (2, 2), (3, 1), (2, 2))),
    ("5×5 합성곱 → 2×2 최대 풀링 → 3×3 합성곱", ((5, 1), (2, 2), (3, 1))),
    ("3×3 합성곱(스트라이드 2) → 3×3 합성곱", ((3, 2), (3, 1))),
    ("3×3 합성곱 → 3×3 합성곱 → 3×3 합성곱", ((3, 1), (3, 1), (3, 1))),
)


def _receptive_problem(seed: int) -> Problem:
    name, layers = STACKS[int(np.random.default_rng(seed).integers(len(STACKS)))]
    sizes = ops.receptive_field(layers)
    work = (
        "층마다 (필터 크기 - 1) × (입력에서 이웃한 두 값 사이의 거리)만큼 넓어집니다: 1 → "
        + " → ".join(map(str, sizes))
        + f". 마지막 값 하나는 입력의 {sizes[-1]}×{sizes[-1]} 영역을 봅니다."
    )
    filters = [f for f, _ in layers]
    slips = (
        (
            ops.receptive_field([(f, 1) for f in filters])[-1],
            "스트라이드를 무시함",
            "층마다 (필터 크기 - 1)만큼만 넓힌 값입니다. 풀링이나 스트라이드 2 뒤의 층에서는 "
            "이웃한 두 값이 입력에서 2칸 떨어져 있으므로 그만큼 더 넓어집니다.",
        ),
        (
            sum(filters),
            "필터 크기를 더함",
            "필터 크기를 모두 더한 값입니다. 1에서 시작해 층마다 (필터 크기 - 1) × (이웃한 두 "
            "값 사이의 거리)만큼 넓어집니다.",
        ),
        (
            int(np.prod(filters)),
            "필터 크기를 곱함",
            "필터 크기를 곱한 값입니다. 이웃한 윈도는 서로 겹치므로 영역은 곱만큼 넓어지지 "
            "않습니다: 층마다 (필터 크기 - 1) × (이웃한 두 값 사이의 거리)만큼 넓어집니다.",
        ),
        (
            filters[-1],
            "마지막 층의 필터만 봄",
            "마지막 층의 필터 크기입니다. 이 필터는 앞 층의 값을 보고, 앞 층의 값 하나는 다시 "
            "입력의 여러 칸을 봅니다.",
        ),
    )
    return Problem(
        html.escape(
            f"{name}. 마지막 층의 값 하나는 입력 이미지의 몇×몇 영역을 볼까요? (한 변을 입력)"
        ),
        {
            "main": Check(
                {"main": sizes[-1]},
                work,
                (*slip_cases(sizes[-1], work, slips), wrong_case(str(sizes[-1]), work)),
            )
        },
    )


def receptive_field_quiz(seed: int = 0) -> Exercise:
    """How much of the input one value of a deeper layer sees (chapter 08, 더 추상적인 특징).

    Examples
    --------
    >>> receptive_field_quiz(seed=0).problems[0].checks["main"].answer["main"] >= 3
    True
    """
    return seeded(
        "receptive-field",
        "뒤쪽 층의 값 하나가 보는 영역",
        "뒤쪽 층의 값 하나는 입력의 더 넓은 영역을 봅니다. 그래서 더 큰, 더 추상적인 특징을 배울 "
        "수 있습니다.",
        [
            Group(
                "main",
                (NumberField("main", "보는 영역의 한 변", "한 변", minimum=1, maximum=1000),),
            )
        ],
        _receptive_problem,
        seed,
    )


def _relu_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    window, kernel, bias = (
        rng.integers(0, 4, (3, 3)),
        rng.integers(-2, 2, (3, 3)),
        int(rng.integers(-2, 3)),
    )
    z = ops.multiply_and_sum(window, kernel) + bias
    answer = max(z, 0)
    sign = "음수라서 ReLU가 0으로 만듭니다" if z < 0 else "0 이상이라 ReLU가 그대로 둡니다"
    total = ops.multiply_and_sum(window, kernel)
    work = f"곱과 합 {total} + 절편 {bias} = {z}: {sign}. 특성 맵의 값은 {answer}입니다."
    slips = activation_slips(
        z,
        bias,
        int(np.abs(window * kernel).sum()) + bias,
        int(window.sum() + kernel.sum()) + bias,
        "윈도와 필터의 숫자",
    )
    return Problem(
        matrix_html(window, caption="윈도") + matrix_html(kernel, caption=f"필터 (절편 {bias})"),
        {
            "main": Check(
                {"main": answer},
                work,
                (*slip_cases(answer, work, slips), wrong_case(str(answer), work)),
            )
        },
    )


def relu_value(seed: int = 0) -> Exercise:
    """A feature-map value after the bias and ReLU: only one sign survives (chapter 08).

    Examples
    --------
    >>> relu_value(seed=0).problems[0].checks["main"].answer["main"] >= 0
    True
    """
    return seeded(
        "relu-value",
        "절편과 ReLU 뒤의 특성 맵 값",
        "합성곱 층(activation='relu')은 곱과 합에 절편을 더한 뒤 ReLU를 적용합니다: 음수는 0이 "
        "됩니다.",
        [Group("main", (NumberField("main", "특성 맵의 값", "값", minimum=-1000, maximum=1000),))],
        _relu_problem,
        seed,
    )


#: The three kinds of filters chapter 08 finds in the trained network.
FILTER_KINDS: dict[str, str] = {
    "bright": "대체적으로 밝은 필터",
    "horizontal": "가로선에 반응하는 필터",
    "vertical": "세로선에 반응하는 필터",
}


@dataclass(frozen=True)
class FilterReading:
    """How a 3x3 filter answers chapter 08's three patterns, by multiply-and-sum.

    A flat bright patch (every pixel 1) gives the sum of all weights; a line
    through row ``i`` of the window (that row 1, the rest 0) gives the sum of
    row ``i``; a line through column ``j`` gives the sum of column ``j``. A
    dark line on a bright patch gives the same numbers with the sign flipped,
    so a line's response is the largest row (column) sum in absolute value.
    """

    total: float
    row_sums: tuple[float, ...]
    column_sums: tuple[float, ...]

    @property
    def horizontal(self) -> float:
        return max(abs(v) for v in self.row_sums)

    @property
    def vertical(self) -> float:
        return max(abs(v) for v in self.column_sums)

    @property
    def kind(self) -> str | None:
        """``'bright'``, ``'horizontal'``, ``'vertical'``, or None for none of them.

        The patch wins when it answers at least as strongly as any line; else
        the stronger of the two lines, unless they tie (a diagonal, a dot).
        """
        if self.total > 1e-6 and self.total >= max(self.horizontal, self.vertical):
            return "bright"
        if abs(self.horizontal - self.vertical) <= 1e-6:
            return None
        return "horizontal" if self.horizontal > self.vertical else "vertical"

    def explain(self) -> str:
        """The three responses, one per line, in Korean."""

        def num(v):
            return ops.format_number(round(v, 3), decimals=4)

        rows, cols = ", ".join(map(num, self.row_sums)), ", ".join(map(num, self.column_sums))
        return (
            f"고르게 밝은 면(가중치 전체의 합): {num(self.total)}\n"
            f"가로선(행마다 가중치 합): {rows} → 가장 큰 크기 {num(self.horizontal)}\n"
            f"세로선(열마다 가중치 합): {cols} → 가장 큰 크기 {num(self.vertical)}"
        )


def read_filter(kernel) -> FilterReading:
    """Measure a 2-D filter's response to a flat patch and to horizontal and vertical lines.

    Introduced in chapter 08 (시각화), where the same three patterns find the
    trained network's bright, horizontal and vertical filters.

    Examples
    --------
    >>> reading = read_filter(FILTER_PRESETS["가로 윤곽선"])
    >>> reading.total, reading.row_sums, reading.column_sums, reading.kind
    (0.0, (3.0, 0.0, -3.0), (0.0, 0.0, 0.0), 'horizontal')
    >>> read_filter(np.ones(3))
    Traceback (most recent call last):
    ...
    ValueError: kernel must be a non-empty 2-D filter (height, width), got shape (3,)
    """
    kernel = ops.as_array(kernel, "kernel").astype(float)
    if kernel.ndim != 2 or not kernel.size:
        raise ValueError(
            f"kernel must be a non-empty 2-D filter (height, width), got shape {kernel.shape}"
        )
    return FilterReading(
        float(kernel.sum()), tuple(kernel.sum(axis=1).tolist()), tuple(kernel.sum(axis=0).tolist())
    )


def reading_kernel(seed: int) -> tuple[np.ndarray, str]:
    """A 3x3 filter with small integer weights that is bright, horizontal or vertical.

    Examples
    --------
    >>> kernel, kind = reading_kernel(0)
    >>> kernel.shape, read_filter(kernel).kind == kind
    ((3, 3), True)
    """
    rng = np.random.default_rng(seed)
    kind = ("bright", "horizontal", "vertical")[rng.integers(3)]
    if kind == "bright":
        return rng.integers(1, 4, (3, 3)), kind
    a = int(rng.integers(1, 3))
    kernel = np.zeros((3, 3), dtype=int)  # an edge: one row positive, the opposite row negative
    kernel[0], kernel[2] = a, -a
    kernel = kernel * rng.choice([-1, 1])  # bright above and dark below, or the reverse
    noise = np.zeros(9, dtype=int)
    noise[rng.choice(9, size=2, replace=False)] = rng.choice([-1, 1], size=2)
    kernel = kernel + noise.reshape(3, 3)
    return (kernel if kind == "horizontal" else kernel.T), kind


def reading_slip(reading: FilterReading, chosen: str) -> tuple[str, str]:
    """The mistake of reading a filter as ``chosen`` (not its kind), and what to look at.

    Examples
    --------
    >>> reading_slip(read_filter(FILTER_PRESETS["가로 윤곽선"]), "vertical")[0]
    '가로선과 세로선을 바꿈'
    """
    total = ops.format_number(round(reading.total, 3), decimals=4)
    if chosen == "bright":
        return (
            "양수와 음수가 상쇄됨을 놓침",
            f"가중치 전체의 합은 {total}뿐입니다. 양수와 음수 가중치가 서로 지워 고르게 밝은 "
            "면에는 약하게 반응합니다.",
        )
    if reading.kind == "bright":
        return (
            "가중치 전체의 합을 보지 않음",
            f"가중치 전체의 합({total})이 어느 행이나 열의 합보다 큽니다. 고르게 밝은 면에 가장 "
            "크게 반응합니다.",
        )
    return (
        "가로선과 세로선을 바꿈",
        "행의 합은 가로선에, 열의 합은 세로선에 대한 반응입니다. 크기가 큰 합이 행에 있는지 "
        "열에 있는지 보세요.",
    )


def filter_reading_figure(kernel, image=None, feature_map=None):
    """The filter as a picture (bright = large weight), beside the image and its feature map."""
    from cnn_utils import viz

    panels, titles = [kernel], ["필터 (밝을수록 큰 가중치)"]
    if image is not None:
        missing = feature_map is None
        panels = [image, kernel, np.full(image.shape, np.nan) if missing else feature_map]
        titles = [
            "원본",
            titles[0],
            "특성 맵: 답을 고르면 나타남" if missing else "이 필터의 특성 맵",
        ]
    return viz.show_images(panels, titles, ncols=3, size=2.2, frame=True)


def filter_reading(seed: int = 0, image=None) -> Exercise:
    """Look at a 3x3 filter's numbers and say what it detects (chapter 08).

    With an ``image``, the answer also shows the filter's feature map of it.

    Examples
    --------
    >>> exercise = filter_reading(seed=0)
    >>> exercise.problems[0].checks["main"].answer
    {'main': 'vertical'}
    """
    seed = check_seed(seed)
    image = None if image is None else as_matrix(image, "image").astype(float)
    shown = "원본 이미지, " if image is not None else ""

    def make(s: int) -> Problem:
        kernel, _ = reading_kernel(s)
        reading = read_filter(kernel)
        answer = reading.kind
        strongest = {"bright": "고르게 밝은 면", "horizontal": "가로선", "vertical": "세로선"}[
            answer
        ]
        why = f"{reading.explain()}\n가장 크게 반응하는 것이 {strongest}입니다."
        cases = tuple(
            Case(
                f"아쉽습니다. {said(FILTER_KINDS[k], '이')} 아니라 "
                f"{FILTER_KINDS[answer]}입니다. {reading_slip(reading, k)[1]}\n{why}",
                equal=(("main", k),),
                mistake=reading_slip(reading, k)[0],
            )
            for k in FILTER_KINDS
            if k != answer
        )
        before = after = None
        if image is not None:
            before = figure_data(
                filter_reading_figure(kernel, image),
                f"{shown}필터를 밝기로 그린 그림(밝을수록 큰 가중치)",
            )
            after = figure_data(
                filter_reading_figure(kernel, image, filter_response(image, kernel)),
                "원본 이미지, 필터를 밝기로 그린 그림, 이 필터가 만든 특성 맵",
            )
        return Problem(
            "필터 " + matrix_html(kernel),
            {"main": Check({"main": answer}, f"{FILTER_KINDS[answer]}입니다.\n{why}", cases)},
            before,
            after,
        )

    examples = []
    for name in ("가로 윤곽선", "흐림 (blur)"):
        reading = read_filter(FILTER_PRESETS[name])
        examples.append(
            f"필터 설계 연습(2장)의 '{name}' 필터 → "
            f"{FILTER_KINDS[reading.kind]}\n{reading.explain()}"
        )
    return Exercise(
        "filter-reading",
        "필터 읽기",
        "이 필터는 무엇을 감지할까요? 면·가로선·세로선에 대한 곱과 합을 생각해 보고 고르세요.",
        (
            Group(
                "main",
                (ChoiceField("main", "필터의 종류", options=tuple(FILTER_KINDS.items())),),
                button=None,
            ),
        ),
        bank(make, seed),
        nav="new",
        make=make,
        first_seed=seed,
        example=html.escape("\n\n".join(examples)).replace("\n", "<br>"),
    )


def channel_sums(maps, kernel, row: int, col: int, filter_index: int) -> np.ndarray:
    """The partial sums of one 'same'-padded convolution value, one per input channel.

    ``maps`` is (H, W, C), ``kernel`` (3, 3, C, K) in Keras's layout: the value at
    (``row``, ``col``) of filter ``filter_index`` is their sum plus the bias
    (chapter 08, 신경망 따라가기).

    Examples
    --------
    >>> maps = np.zeros((4, 4, 2)); maps[1, 1] = [1.0, 2.0]
    >>> channel_sums(maps, np.ones((3, 3, 2, 1)), 0, 0, 0)
    array([1., 2.])
    """
    maps, kernel = np.asarray(maps, dtype=float), np.asarray(kernel, dtype=float)
    fh, fw = kernel.shape[:2]
    padded = np.pad(maps, (((fh - 1) // 2, fh // 2), ((fw - 1) // 2, fw // 2), (0, 0)))
    window = padded[row : row + fh, col : col + fw, :]
    return np.einsum("uvc,uvc->c", window, kernel[:, :, :, filter_index])


def strongest_channel(maps, kernel, bias, *, row: int, col: int, filter_index: int, image: str):
    """Which input channel adds most to one value of the second convolution (chapter 08).

    A question the reader answers by looking in the walk through the trained model
    (:mod:`cnn_utils.walkthrough`): the maps, weights and position come from that model.

    Examples
    --------
    >>> maps = np.zeros((4, 4, 3)); maps[1, 1] = [0.5, 2.0, -1.0]
    >>> ex = strongest_channel(maps, np.ones((3, 3, 3, 1)), np.zeros(1), row=1, col=1,
    ...                        filter_index=0, image="테스트 0번")
    >>> ex.problems[0].checks["main"].answer
    {'main': 1}
    """
    parts = channel_sums(maps, kernel, row, col, filter_index)
    order = np.argsort(-parts, kind="stable")
    best = int(order[0])
    bias_value = float(np.asarray(bias)[filter_index])
    z = float(parts.sum()) + bias_value
    others = ", ".join(f"채널 {int(k)}({written(parts[k])})" for k in order[1:3])
    work = (
        f"가장 큰 부분합은 채널 {best}의 {written(parts[best])}이고, 그다음은 {others}입니다. "
        f"{len(parts)}개 부분합의 합 {written(parts.sum())}에 "
        f"절편 {said(written(bias_value), '을')} 더하면 {written(z)}, "
        f"ReLU 뒤의 값은 {written(max(z, 0.0))}입니다."
    )
    loudest = int(np.argmax(np.abs(parts)))
    slips = [
        (
            loudest,
            "부분합의 크기만 봄",
            f"부분합이 {written(parts[loudest])}인 채널입니다. 크기는 가장 크지만 음수라서 값을 "
            "줄입니다. 가장 크게 더한 채널은 부분합이 가장 큰 양수인 채널입니다.",
        )
    ]
    if best + 1 < len(parts):
        slips.append(
            (
                best + 1,
                "채널 번호를 1부터 셈",
                f"1부터 센 번호입니다. 채널 번호는 0부터 세므로 {best + 1}번째 채널이 채널 "
                f"{best}입니다.",
            )
        )
    statement = html.escape(
        f"{image}, '합성곱 2' 특성 맵 {filter_index}번의 ({row}, {col}) 값. "
        f"입력 채널 {len(parts)}개 가운데 부분합이 가장 큰 채널은 몇 번일까요?"
    )
    return Exercise(
        "strongest-channel",
        "가장 크게 더한 채널 찾기",
        "위 그림에서 이미지를 고르고 '합성곱 2'를 누르면 특성 맵 0번의 가장 밝은 칸이 골라져 "
        "있습니다. 그 값의 계산에서 채널별 부분합을 보세요.",
        (
            Group(
                "main",
                (NumberField("main", "채널 번호", "채널", minimum=0, maximum=len(parts) - 1),),
            ),
        ),
        (
            Problem(
                statement,
                {
                    "main": Check(
                        {"main": best},
                        work,
                        (*slip_cases(best, work, slips), wrong_case(str(best), work)),
                    )
                },
            ),
        ),
    )
