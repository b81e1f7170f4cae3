"""Chapter 06 (CNN 구조): the stages, the depths, what size and stride do, the size formula.

In the order of the chapter's slides: CNN 전체 구조 (:func:`cnn_structure`,
:func:`depth_values`), 스트라이드와 패딩이 크기를 바꾸는 방법 (:func:`size_effect`,
:func:`size_quiz`).
"""

from __future__ import annotations

import html

import numpy as np

from cnn_utils import ops
from cnn_utils.answers import Case, Check, ChoiceField, Group, NumberField, said
from cnn_utils.exercises.description import Exercise, Problem
from cnn_utils.exercises.making import bank, check_seed, seeded, slip_cases, wrong_case

#: Chapter 06's picture of a CNN, stage by stage: (value, text, why it is there).
CNN_STAGES = (
    (
        "conv32",
        "합성곱 층 (필터 32개)",
        "이미지는 먼저 합성곱 층을 지나 윤곽선 같은 단순한 특징을 찾습니다.",
    ),
    ("pool", "최대 풀링 층", "합성곱 층 뒤의 풀링 층이 특성 맵의 가로세로를 절반으로 줄입니다."),
    (
        "conv64",
        "합성곱 층 (필터 64개)",
        "뒤쪽 합성곱 층은 더 복잡한 특징을 찾으므로 필터가 더 많습니다(32 → 64).",
    ),
    ("pool", "최대 풀링 층", "다시 풀링으로 가로세로를 절반으로 줄입니다(14 → 7)."),
    ("flatten", "Flatten (한 줄로 펼치기)", "밀집층에 넣으려면 특성 맵을 한 줄로 펼칩니다."),
    (
        "dense",
        "밀집층 (FC layer, 뉴런 100개)",
        "마지막 쪽의 밀집층이 찾은 특징을 조합해 분류에 씁니다.",
    ),
    (
        "output",
        "출력층 (밀집층, 뉴런 10개, 소프트맥스)",
        "마지막 밀집층이 열 클래스의 확률을 냅니다.",
    ),
)


#: Typical wrong stages, by (stage number, chosen value): (mistake, what the chosen one is).
STAGE_SLIPS = {
    (1, "pool"): (
        "풀링을 합성곱보다 먼저 둠",
        "합성곱 층이 만든 특성 맵을 줄이는 층입니다. 이미지는 먼저 합성곱 층을 지나 특징을 "
        "찾고, 그 뒤에 풀링합니다.",
    ),
    (1, "conv64"): (
        "필터 수의 순서를 바꿈",
        "뒤쪽의 합성곱 층입니다. 뒤쪽 층일수록 더 복잡한 특징을 찾으므로 필터가 많습니다(32 → 64).",
    ),
    (3, "conv32"): (
        "필터 수의 순서를 바꿈",
        "앞쪽의 합성곱 층입니다. 뒤쪽 층일수록 더 복잡한 특징을 찾으므로 필터가 많습니다(32 → 64).",
    ),
    (2, "conv64"): (
        "합성곱 뒤의 풀링을 빠뜨림",
        "풀링 자리에 온 층입니다. 합성곱 층 뒤에는 풀링 층이 특성 맵의 가로세로를 절반으로 "
        "줄입니다.",
    ),
    (4, "flatten"): (
        "합성곱 뒤의 풀링을 빠뜨림",
        "풀링 자리에 온 층입니다. 합성곱 층 뒤에는 풀링 층이 특성 맵의 가로세로를 절반으로 "
        "줄입니다.",
    ),
    (5, "dense"): (
        "Flatten 전에 밀집층을 둠",
        "한 줄의 값을 받는 층입니다. 특성 맵은 먼저 Flatten으로 한 줄로 펼쳐야 밀집층에 넣을 "
        "수 있습니다.",
    ),
    (6, "output"): (
        "출력층을 밀집층보다 먼저 둠",
        "마지막 층입니다. 특징을 조합하는 밀집층(뉴런 100개)이 먼저이고, 열 클래스의 확률을 "
        "내는 출력층이 마지막입니다.",
    ),
    (7, "dense"): (
        "출력층을 밀집층보다 먼저 둠",
        "출력층 앞의 밀집층입니다. 마지막 층은 열 클래스의 확률을 내는 출력층(뉴런 10개, "
        "소프트맥스)입니다.",
    ),
}


def cnn_structure() -> Exercise:
    """Put the stages of the slides' CNN in order (chapter 06, CNN 전체 구조).

    Examples
    --------
    >>> exercise = cnn_structure()
    >>> [exercise.problems[0].checks[g.key].answer[g.key] for g in exercise.groups][:3]
    ['conv32', 'pool', 'conv64']
    """
    options = tuple(dict.fromkeys((value, text) for value, text, _ in CNN_STAGES))
    texts = dict(options)
    groups, checks = [], {}
    for k, (value, _, why) in enumerate(CNN_STAGES, 1):
        key = f"stage{k}"
        groups.append(
            Group(
                key,
                (ChoiceField(key, f"{k}번째 단계", "고르세요", options, menu=True),),
                f"{k}번째:",
            )
        )
        slips = [
            (chosen, mistake, say)
            for (stage, chosen), (mistake, say) in STAGE_SLIPS.items()
            if stage == k
        ]
        work = f"{k}번째는 {texts[value]}입니다. {why}"
        checks[key] = Check(
            {key: value},
            f"{why}",
            (*slip_cases(value, work, slips, key), Case(f"아쉽습니다. {work}")),
        )
    return Exercise(
        "cnn-structure",
        "CNN의 단계 순서 맞히기",
        "슬라이드의 CNN을 입력부터 출력까지 차례로 고르고 '모두 확인'을 누르세요. 단계마다 맞는지 "
        "알려 줍니다.",
        tuple(groups),
        (Problem("", checks),),
        submit_all=True,
    )


def _depth_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    n, k1 = int(rng.choice([28, 32])), int(rng.choice([8, 16, 32]))
    k2, half = 2 * k1, n // 2
    first, second = n * n * k1, half * half * k2
    first_work = (
        f"same 패딩이라 크기는 {n}×{n} 그대로, 채널은 필터 수 {k1}: {n}×{n}×{k1} = {first:,}"
    )
    second_work = (
        f"풀링으로 {n} → {half}, 채널은 필터 수 {k2}: {half}×{half}×{k2} = {second:,}. "
        "필터가 두 배여도 풀링이 가로세로를 절반으로 줄여 값은 절반입니다."
    )
    first_slips = (
        (
            (n - 2) * (n - 2) * k1,
            "same인데 크기를 줄임",
            f"크기를 {n} → {said(n - 2, '으로')} 줄인 값입니다. same 패딩은 크기를 그대로 둡니다.",
        ),
        (
            n * n,
            "필터 수를 곱하지 않음",
            f"특성 맵 한 장의 값입니다. 필터 {k1}개가 특성 맵을 한 장씩 만드므로 필터 수를 "
            "곱합니다.",
        ),
        (
            ops.conv_params(3, 1, k1),
            "파라미터 개수를 셈",
            "층의 파라미터(가중치와 절편) 개수입니다. 묻는 것은 층이 내는 값, 즉 특성 맵의 모든 "
            "칸의 개수입니다.",
        ),
    )
    second_slips = (
        (
            n * n * k2,
            "풀링을 빠뜨림",
            f"풀링 전의 크기 {n}×{said(n, '으로')} 센 값입니다. 2×2 최대 풀링이 가로세로를 "
            f"절반({half})으로 줄입니다.",
        ),
        (
            half * half * k1,
            "앞 층의 필터 수를 씀",
            f"채널을 앞 층의 필터 수 {said(k1, '으로')} 센 값입니다. 출력의 채널 수는 이 층의 "
            f"필터 수 {k2}입니다.",
        ),
        (
            (half - 2) * (half - 2) * k2,
            "same인데 크기를 줄임",
            f"크기를 {half} → {said(half - 2, '으로')} 줄인 값입니다. same 패딩은 크기를 그대로 "
            "둡니다.",
        ),
        (
            half * half,
            "필터 수를 곱하지 않음",
            f"특성 맵 한 장의 값입니다. 필터 {k2}개가 특성 맵을 한 장씩 만드므로 필터 수를 "
            "곱합니다.",
        ),
        (
            ops.conv_params(3, k1, k2),
            "파라미터 개수를 셈",
            "층의 파라미터(가중치와 절편) 개수입니다. 묻는 것은 층이 내는 값, 즉 특성 맵의 모든 "
            "칸의 개수입니다.",
        ),
    )
    return Problem(
        html.escape(
            f"입력 {n}×{n}×1 → 합성곱 층(필터 {k1}개, 3×3, same) → 2×2 최대 풀링 → "
            f"합성곱 층(필터 {k2}개, 3×3, same)"
        ),
        {
            "first": Check(
                {"first": first},
                f"{n}×{n}×{k1} = {first:,}개",
                (
                    *slip_cases(first, first_work, first_slips, "first", commas=True),
                    wrong_case(f"{first:,}개", first_work, "first"),
                ),
            ),
            "second": Check(
                {"second": second},
                f"{half}×{half}×{k2} = {second:,}개: 필터는 두 배지만 값은 절반입니다.",
                (
                    *slip_cases(second, second_work, second_slips, "second", commas=True),
                    wrong_case(f"{second:,}개", second_work, "second"),
                ),
            ),
        },
    )


def depth_values(seed: int = 0) -> Exercise:
    """How many values each convolution layer makes as filters grow with depth (chapter 06).

    Examples
    --------
    >>> checks = depth_values(seed=0).problems[0].checks
    >>> checks["first"].answer["first"] == 2 * checks["second"].answer["second"]
    True
    """
    count = dict(minimum=0, maximum=1e9)
    return seeded(
        "depth-values",
        "뒤쪽 층일수록 필터가 많아지면",
        "두 합성곱 층이 내는 값(특성 맵의 모든 칸)의 개수를 구하세요.",
        [
            Group(
                "first",
                (NumberField("first", "첫 번째 합성곱 층의 값 개수", "개수", **count),),
                "첫 번째 합성곱 층의 출력은 값이 몇 개?",
            ),
            Group(
                "second",
                (NumberField("second", "두 번째 합성곱 층의 값 개수", "개수", **count),),
                "두 번째 합성곱 층의 출력은 값이 몇 개?",
            ),
        ],
        _depth_problem,
        seed,
    )


def _size_effect_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    while True:
        h, fh, p, s = (
            int(rng.choice([7, 8, 10, 14, 28])),
            int(rng.choice([3, 5])),
            int(rng.integers(0, 3)),
            int(rng.integers(1, 3)),
        )
        if fh <= h + 2 * p:
            break
    change = "stride" if rng.integers(2) else "padding"
    p2, s2 = (p, s + 1) if change == "stride" else (p + 1, s)
    before, after = ops.output_size(h, fh, p, s), ops.output_size(h, fh, p2, s2)
    what = (
        f"스트라이드를 {s}에서 {said(s2, '으로')}"
        if change == "stride"
        else f"패딩을 {p}에서 {said(p2, '으로')}"
    )
    rule = (
        "스트라이드가 커지면 윈도가 덜 멈추어 특성 맵이 작아집니다."
        if change == "stride"
        else ("패딩이 늘면 윈도가 더 많은 자리에 멈추어 특성 맵이 커집니다.")
    )
    old = ops.explain_output_size(h, fh, p, s)
    work = f"{ops.explain_output_size(h, fh, p2, s2)}\n(바꾸기 전: {old})\n{rule}"
    kept, old_value = (
        ("스트라이드를 바꾸지 않음", f"스트라이드 {said(s, '으로')}")
        if change == "stride"
        else ("패딩을 바꾸지 않음", f"패딩 {said(p, '으로')}")
    )
    effect_slips = (
        *size_slips(h, fh, p2, s2),
        (
            before,
            kept,
            f"바꾸기 전의 크기입니다({old_value} 계산한 값). 바뀐 값을 공식에 넣어 다시 "
            "계산합니다.",
        ),
    )
    return Problem(
        html.escape(
            f"H = {h}, FH = {fh}, P = {p}, S = {s}이면 OH = {before}입니다. {what} 바꾸면 OH는?"
        ),
        {
            "main": Check(
                {"main": after},
                work,
                (*slip_cases(after, work, effect_slips), wrong_case(str(after), work)),
            )
        },
    )


def size_effect(seed: int = 0) -> Exercise:
    """What a larger stride or more padding does to the output size (chapter 06).

    Examples
    --------
    >>> size_effect(seed=0).problems[0].checks["main"].answer["main"] >= 1
    True
    """
    return seeded(
        "size-effect",
        "스트라이드와 패딩을 바꾸면",
        "한 가지만 바꿨을 때 출력 크기가 어떻게 되는지 식으로 구하세요.",
        [Group("main", (NumberField("main", "바꾼 뒤의 OH", "OH", minimum=0, maximum=10_000),))],
        _size_effect_problem,
        seed,
    )


def size_slips(h: int, fh: int, p: int, s: int) -> tuple:
    """Typical wrong output sizes by the formula OH = (H + 2P - FH) / S + 1 (chapter 06):
    ``(value, mistake, what it is)``, for :func:`~.making.slip_cases`.

    Examples
    --------
    >>> [(v, m) for v, m, _ in size_slips(28, 3, 1, 2)]
    [(14, '2P 대신 P를 더함'), (13, '+1을 빠뜨림'), (15, '내림 대신 올림'), (28, '스트라이드로 나누지 않음')]
    """  # noqa: E501 (doctest output)
    slips = [
        (
            (h + p - fh) // s + 1,
            "2P 대신 P를 더함",
            "패딩을 한쪽에만 더한 값입니다(P). 패딩은 양쪽에 들어가므로 2P를 더합니다.",
        ),
        (
            (h + 2 * p - fh) // s,
            "+1을 빠뜨림",
            "마지막에 1을 더하지 않은 값입니다. 처음 자리 1을 더해야 윈도가 멈추는 곳의 수가 "
            "됩니다.",
        ),
    ]
    if s > 1 and (h + 2 * p - fh) % s:
        slips.append(
            (
                -(-(h + 2 * p - fh) // s) + 1,
                "내림 대신 올림",
                "나눗셈을 올림한 값입니다. 나누어떨어지지 않으면 내림합니다. 마지막 윈도가 "
                "입력 밖으로 나가는 자리에는 멈추지 않기 때문입니다.",
            )
        )
    if s > 1:
        slips.append(
            (
                h + 2 * p - fh + 1,
                "스트라이드로 나누지 않음",
                f"스트라이드 1일 때의 크기입니다. 윈도가 {s}칸씩 건너뛰므로 (H + 2P - FH)를 "
                "S로 나눕니다.",
            )
        )
    return tuple(slips)


def _size_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    while True:
        h = int(rng.choice([5, 6, 7, 8, 10, 12, 14, 28, 32]))
        fh, p, s = int(rng.choice([1, 2, 3, 5])), int(rng.integers(0, 3)), int(rng.integers(1, 4))
        if fh <= h + 2 * p:
            break
    answer, work = ops.output_size(h, fh, p, s), ops.explain_output_size(h, fh, p, s)
    slips = size_slips(h, fh, p, s)
    return Problem(
        html.escape(
            f"입력 크기 H = {h}, 필터 크기 FH = {fh}, 패딩 P = {p}, 스트라이드 S = {s}일 때 출력 "
            "크기 OH는?"
        ),
        {
            "main": Check(
                {"main": answer},
                work,
                (*slip_cases(answer, work, slips), wrong_case(str(answer), work)),
            )
        },
    )


def size_quiz(seed: int = 0) -> Exercise:
    """Random (H, FH, P, S) problems with a running score (chapter 06).

    (The tests check every answer against a real Keras layer, with
    :func:`cnn_utils.models.keras_output_shape`.)

    Examples
    --------
    >>> size_quiz(seed=6).problems[0].checks["main"].answer
    {'main': 5}
    """
    seed = check_seed(seed)
    return Exercise(
        "size-quiz",
        "특성 맵 크기 퀴즈",
        "공식 OH = (H + 2P - FH) / S + 1로 출력 크기를 구하세요. 나누어떨어지지 않으면 내림합니다.",
        (Group("main", (NumberField("main", "출력 크기 OH", "OH", minimum=0, maximum=10_000),)),),
        bank(_size_problem, seed),
        nav="new",
        make=_size_problem,
        first_seed=seed,
        score=True,
        example=html.escape(
            "H = 28, FH = 3, P = 0, S = 2이면 " + ops.explain_output_size(28, 3, 0, 2)
        ),
    )
