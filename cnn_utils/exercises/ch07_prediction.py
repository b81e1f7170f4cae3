"""Chapter 07 (케라스 실습), from feature maps to a prediction: flatten, dense, softmax, loss.

The chapter's section 특성 맵에서 예측까지, in slide order: Flatten (:func:`flatten_index`),
밀집층 (:func:`dense_value`), 소프트맥스 (:func:`softmax_quiz`), 손실
(:func:`cross_entropy_quiz`).
"""

from __future__ import annotations

import html
from collections.abc import Callable

import numpy as np

from cnn_utils import ops
from cnn_utils.answers import Check, Group, NumberField
from cnn_utils.exercises.description import Exercise, Problem
from cnn_utils.exercises.making import seeded, wrong_case


def _flatten_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    h, w, c = int(rng.integers(2, 8)), int(rng.integers(2, 8)), int(rng.choice([2, 3, 4, 32, 64]))
    i, j, k = int(rng.integers(h)), int(rng.integers(w)), int(rng.integers(c))
    answer = (i * w + j) * c + k
    work = (
        "Flatten은 행, 열, 채널 순서로 펼치고 채널이 가장 빨리 바뀝니다. 한 칸(행, 열)에 값이 "
        f"{c}개, "
        f"한 행에 {w}칸이므로 인덱스는 ({i} × {w} + {j}) × {c} + {k} = {answer}입니다."
    )
    return Problem(
        html.escape(
            f"모양이 ({h}, {w}, {c})인 특성 맵을 Flatten으로 펼칩니다. (행 {i}, 열 {j}, 채널 "
            f"{k})의 값은 "
            "펼친 배열의 어느 인덱스(0부터)에 놓일까요?"
        ),
        {"main": Check({"main": answer}, work, (wrong_case(f"인덱스 {answer}", work),))},
    )


def flatten_index(seed: int = 0) -> Exercise:
    """Where a value of an (H, W, C) map lands after Flatten (chapter 07).

    Examples
    --------
    >>> flatten_index(seed=0).problems[0].checks["main"].answer["main"] >= 0
    True
    """
    return seeded(
        "flatten-index",
        "Flatten은 어떤 순서로 펼치나",
        "numpy의 reshape(-1)처럼, Flatten은 마지막 축(채널)부터 빨리 바뀌는 순서로 값을 한 줄에 "
        "늘어놓습니다.",
        [Group("main", (NumberField("main", "펼친 배열의 위치", "위치", minimum=0, maximum=1e7),))],
        _flatten_problem,
        seed,
    )


def _dense_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    x, weights, bias = rng.integers(0, 4, 4), rng.integers(-2, 3, 4), int(rng.integers(-3, 4))
    z = int(x @ weights) + bias
    answer = max(z, 0)
    terms = " + ".join(
        f"{a}×{ops.format_number(b, bracket_negative=True)}"
        for a, b in zip(x, weights, strict=True)
    )
    work = (
        f"{terms} + ({bias}) = {z}, ReLU는 음수를 0으로 만드므로 max(0, {z}) = {answer}"
        if bias < 0
        else f"{terms} + {bias} = {z}, ReLU: max(0, {z}) = {answer}"
    )
    return Problem(
        html.escape(
            f"밀집층 뉴런 하나: 입력 x = {x.tolist()}, 가중치 w = {weights.tolist()}, 절편 b = "
            f"{bias}, "
            "활성화 함수 ReLU. 이 뉴런의 출력은?"
        ),
        {"main": Check({"main": answer}, work, (wrong_case(str(answer), work),))},
    )


def dense_value(seed: int = 0) -> Exercise:
    """One value of a dense layer by hand: w·x + b, then ReLU (chapter 07).

    Examples
    --------
    >>> dense_value(seed=0).problems[0].checks["main"].answer["main"] >= 0
    True
    """
    return seeded(
        "dense-value",
        "밀집층의 값 하나 계산하기",
        "밀집층의 뉴런은 입력마다 가중치를 곱해 더하고 절편을 더한 뒤 활성화 함수를 적용합니다.",
        [Group("main", (NumberField("main", "뉴런의 출력", "출력", minimum=-1000, maximum=1000),))],
        _dense_problem,
        seed,
    )


#: How many decimals a rounded answer (softmax, cross-entropy) is asked with.
ANSWER_DECIMALS = 2


def _shown(value, decimals: int) -> float:
    """``value`` as written with ``decimals`` decimals, read back (what a student computes with)."""
    return float(f"{float(value):.{decimals}f}")


def _agreeing_decimals(working: Callable[[int], float], exact: float, first: int) -> int:
    """The fewest decimals, from ``first`` on, for the numbers a worked answer shows.

    ``working(d)`` computes the answer from the numbers as shown with ``d``
    decimals (chapter 07's softmax and cross-entropy exercises). At the
    decimals returned it rounds (to :data:`ANSWER_DECIMALS`) as the exact
    value does: an answer rounded from the working shown and one rounded from
    the exact value are the same answer.

    Examples
    --------
    >>> third = 1 / 3   # 0.33 + 0.33 + 0.33 shows 0.99; 0.333 + 0.333 + 0.333 rounds to 1.00
    >>> _agreeing_decimals(lambda d: 3 * round(third, d), 1.0, 2)
    3
    """
    for decimals in range(first, 16):
        if f"{working(decimals):.{ANSWER_DECIMALS}f}" == f"{exact:.{ANSWER_DECIMALS}f}":
            return decimals
    raise ValueError(f"no working of up to 15 decimals rounds as {exact!r} does")


def _softmax_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    logits = rng.integers(-1, 4, 3)
    k = int(rng.integers(3))
    exact = float(ops.softmax(logits)[k])

    def shown(d: int) -> list[float]:
        return [_shown(np.exp(v), d) for v in logits]

    def working(d: int) -> float:
        exps = shown(d)
        return exps[k] / _shown(sum(exps), d)  # the sum of the numbers shown

    d = _agreeing_decimals(working, exact, ANSWER_DECIMALS)
    exps = shown(d)
    total = _shown(sum(exps), d)
    answer = f"{exact:.{ANSWER_DECIMALS}f}"
    work = (
        ", ".join(f"exp({v}) = {e:.{d}f}" for v, e in zip(logits, exps, strict=True))
        + f"; 합 {' + '.join(f'{e:.{d}f}' for e in exps)} = {total:.{d}f}"
        + f"; 클래스 {k}: {exps[k]:.{d}f} / {total:.{d}f} = {answer}"
    )
    return Problem(
        html.escape(
            f"출력층의 소프트맥스 직전 값(로짓) z = {logits.tolist()}일 때, 클래스 {k}의 확률은? "
            "(소수 둘째 자리까지)"
        ),
        {
            "main": Check(
                {"main": float(answer)},
                work,
                (wrong_case(answer, work),),
                within=0.5 * 10**-ANSWER_DECIMALS,
            )
        },
    )


def softmax_quiz(seed: int = 0) -> Exercise:
    """A class's probability from three logits, by softmax (chapter 07).

    Examples
    --------
    >>> 0 <= softmax_quiz(seed=0).problems[0].checks["main"].answer["main"] <= 1
    True
    """
    return seeded(
        "softmax",
        "소프트맥스 계산하기",
        "소프트맥스는 값마다 exp를 계산하고 그 합으로 나눕니다. 그래서 모든 확률의 합이 1입니다.",
        [
            Group(
                "main",
                (NumberField("main", "확률", "예: 0.25", integer=False, minimum=0, maximum=1),),
            )
        ],
        _softmax_problem,
        seed,
    )


def _cross_entropy_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    raw = rng.integers(1, 8, 3)
    p = np.round(raw / raw.sum(), 2)
    p[0] = round(1 - p[1:].sum(), 2)
    label = int(rng.integers(3))
    plain = ops.cross_entropy(p, np.eye(3)[label])
    target = ops.smoothed_target(label, 3, 0.1)
    smooth = ops.cross_entropy(p, target)
    # p has two decimals, so -ln p[label] is worked out exactly; the smoothed target is shown
    # with as many decimals as its working needs to round as the exact loss does
    d = _agreeing_decimals(
        lambda d: ops.cross_entropy(p, [_shown(t, d) for t in target]), smooth, 4
    )
    terms = " + ".join(f"{t:.{d}f}×ln {q:.2f}" for t, q in zip(target, p, strict=True))
    plain_text, smooth_text = (f"{v:.{ANSWER_DECIMALS}f}" for v in (plain, smooth))
    within = 0.5 * 10**-ANSWER_DECIMALS
    return Problem(
        html.escape(
            f"예측 확률 p = {p.tolist()}, 정답 클래스 {label}. 손실을 소수 둘째 자리까지 구하세요."
        ),
        {
            "plain": Check(
                {"plain": float(plain_text)},
                f"-ln p[{label}] = -ln {p[label]:.2f} = {plain_text}",
                (
                    wrong_case(
                        plain_text,
                        f"크로스 엔트로피는 정답 클래스 확률의 -ln입니다: -ln {p[label]:.2f} = "
                        f"{plain_text}",
                        "plain",
                    ),
                ),
                within=within,
            ),
            "smooth": Check(
                {"smooth": float(smooth_text)},
                f"-({terms}) = {smooth_text}",
                (
                    wrong_case(
                        smooth_text,
                        f"레이블 스무딩 0.1, 클래스 3개면 목표는 정답 1 - 0.1 + 0.1/3 = "
                        f"{target[label]:.{d}f}, 나머지 0.1/3 = "
                        f"{target[(label + 1) % 3]:.{d}f}입니다: -({terms}) = {smooth_text}",
                        "smooth",
                    ),
                ),
                within=within,
            ),
        },
    )


def cross_entropy_quiz(seed: int = 0) -> Exercise:
    """The loss of one prediction, without and with label smoothing (chapter 07).

    Examples
    --------
    >>> checks = cross_entropy_quiz(seed=0).problems[0].checks
    >>> checks["smooth"].answer["smooth"] > 0 and checks["plain"].within
    0.005
    """
    loss = dict(integer=False, minimum=0, maximum=100)
    return seeded(
        "cross-entropy",
        "크로스 엔트로피 계산하기",
        "크로스 엔트로피는 -Σ 목표 × ln 확률입니다. ln은 자연로그(계산기의 ln)입니다.",
        [
            Group(
                "plain",
                (NumberField("plain", "크로스 엔트로피", "예: 0.36", **loss),),
                "레이블 스무딩 없이:",
            ),
            Group(
                "smooth",
                (NumberField("smooth", "레이블 스무딩 0.1의 크로스 엔트로피", "예: 0.52", **loss),),
                "레이블 스무딩 0.1로:",
            ),
        ],
        _cross_entropy_problem,
        seed,
    )
