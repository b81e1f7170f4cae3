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
from cnn_utils.answers import Check, Group, NumberField, particle, said
from cnn_utils.exercises.description import Exercise, Problem
from cnn_utils.exercises.making import seeded, slip_cases, wrong_case


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
    slips = [
        (
            k * h * w + i * w + j,
            "채널을 먼저 펼침",
            "채널마다 한 장씩 펼친 순서(채널이 가장 느리게 바뀜)의 인덱스입니다. Flatten은 행, "
            "열, 채널 순서로 펼치고 채널이 가장 빨리 바뀝니다.",
        ),
        (
            (j * h + i) * c + k,
            "행과 열을 바꿈",
            "열을 먼저 따라간 인덱스입니다. 한 행의 칸을 모두 늘어놓은 뒤 다음 행으로 갑니다: "
            "(행 × 너비 + 열) × 채널 수 + 채널.",
        ),
        (
            (i * h + j) * c + k,
            "높이와 너비를 바꿈",
            f"한 행의 칸 수를 높이 {said(h, '으로')} 센 인덱스입니다. 한 행에는 너비 {w}만큼 "
            "칸이 있습니다.",
        ),
        (
            i * w + j + k,
            "채널 수를 곱하지 않음",
            f"칸마다 값이 {c}개씩 있다는 것을 빼고 센 인덱스입니다. (행 × 너비 + 열)에 채널 수 "
            f"{said(c, '을')} 곱한 뒤 채널을 더합니다.",
        ),
        (
            answer + 1,
            "1부터 셈",
            "1부터 센 위치입니다. 인덱스는 0부터 세므로 첫 값의 인덱스가 0입니다.",
        ),
    ]
    return Problem(
        html.escape(
            f"모양이 ({h}, {w}, {c})인 특성 맵을 Flatten으로 펼칩니다. (행 {i}, 열 {j}, 채널 "
            f"{k})의 값은 "
            "펼친 배열의 어느 인덱스(0부터)에 놓일까요?"
        ),
        {
            "main": Check(
                {"main": answer},
                work,
                (*slip_cases(answer, work, slips), wrong_case(f"인덱스 {answer}", work)),
            )
        },
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


def activation_slips(z, bias, unsigned, added, what: str) -> tuple:
    """Typical wrong values of w·x + b = ``z`` through ReLU: ``(value, mistake, what it is)``.

    ``unsigned`` is z with every product taken as positive, ``added`` z with the numbers
    added instead of multiplied (``what`` names them); chapter 07's dense neuron and
    chapter 08's feature-map value.

    Examples
    --------
    >>> [(v, m) for v, m, _ in activation_slips(-3, 2, 9, 12, "입력과 가중치")]
    [(-3, 'ReLU를 빠뜨림'), (0, '절편을 빠뜨림'), (9, '음수의 부호를 놓침'), (12, '곱하지 않고 더함')]
    """  # noqa: E501 (doctest output)
    return (
        (
            z,
            "ReLU를 빠뜨림",
            "ReLU를 적용하기 전의 값입니다. ReLU는 음수를 0으로 만듭니다: max(0, z).",
        ),
        (
            max(z - bias, 0),
            "절편을 빠뜨림",
            f"절편 {said(bias, '을')} 더하지 않은 값입니다. 곱과 합에 절편을 더한 뒤 ReLU를 "
            "적용합니다.",
        ),
        (
            max(unsigned, 0),
            "음수의 부호를 놓침",
            "음수 가중치와의 곱을 빼지 않고 더한 값입니다. 음수와의 곱은 합을 줄입니다.",
        ),
        (
            max(added, 0),
            "곱하지 않고 더함",
            f"{what}{particle(what, '을')} 곱하지 않고 모두 더한 값입니다. 같은 자리끼리 먼저 "
            "곱합니다.",
        ),
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
    slips = activation_slips(
        z,
        bias,
        int(np.abs(x * weights).sum()) + bias,
        int(x.sum() + weights.sum()) + bias,
        "입력과 가중치",
    )
    return Problem(
        html.escape(
            f"밀집층 뉴런 하나: 입력 x = {x.tolist()}, 가중치 w = {weights.tolist()}, 절편 b = "
            f"{bias}, "
            "활성화 함수 ReLU. 이 뉴런의 출력은?"
        ),
        {
            "main": Check(
                {"main": answer},
                work,
                (*slip_cases(answer, work, slips), wrong_case(str(answer), work)),
            )
        },
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


def rounded(value) -> float:
    """``value`` rounded as the answers are (:data:`ANSWER_DECIMALS`): what a slip types.

    Examples
    --------
    >>> rounded(1 / 3)
    0.33
    """
    return float(f"{float(value):.{ANSWER_DECIMALS}f}")


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
    slips = []
    if logits.sum() and 0 <= logits[k] / logits.sum() <= 1:
        slips.append(
            (
                rounded(logits[k] / logits.sum()),
                "exp를 빠뜨림",
                "로짓을 그대로 합으로 나눈 값입니다. 소프트맥스는 로짓마다 exp를 먼저 "
                "계산하고 그 합으로 나눕니다.",
            )
        )
    if np.exp(logits[k]) <= 1:
        slips.append(
            (
                rounded(np.exp(logits[k])),
                "합으로 나누지 않음",
                f"exp({logits[k]})뿐입니다. 확률이 되려면 세 값의 exp의 합으로 나눕니다.",
            )
        )
    if k:
        slips.append(
            (
                rounded(ops.softmax(logits)[k - 1]),
                "클래스 번호를 1부터 셈",
                f"클래스 {k - 1}의 확률입니다. 클래스 번호는 0부터 세므로 클래스 {k}의 로짓은 "
                f"z의 인덱스 {k}, 즉 {logits[k]}입니다.",
            )
        )
    within = 0.5 * 10**-ANSWER_DECIMALS
    return Problem(
        html.escape(
            f"출력층의 소프트맥스 직전 값(로짓) z = {logits.tolist()}일 때, 클래스 {k}의 확률은? "
            "(소수 둘째 자리까지)"
        ),
        {
            "main": Check(
                {"main": float(answer)},
                work,
                (*slip_cases(float(answer), work, slips, within=within), wrong_case(answer, work)),
                within=within,
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
    plain_work = (
        f"크로스 엔트로피는 정답 클래스 확률의 -ln입니다: -ln {p[label]:.2f} = {plain_text}"
    )
    smooth_work = (
        f"레이블 스무딩 0.1, 클래스 3개면 목표는 정답 1 - 0.1 + 0.1/3 = {target[label]:.{d}f}, "
        f"나머지 0.1/3 = {target[(label + 1) % 3]:.{d}f}입니다: -({terms}) = {smooth_text}"
    )
    logs = (
        (
            np.log10,
            "ln 대신 log를 씀",
            "상용로그(log, 밑 10)로 계산한 값입니다. 크로스 엔트로피는 자연로그를 씁니다"
            "(계산기의 ln).",
        ),
        (
            np.log2,
            "ln 대신 log2를 씀",
            "밑이 2인 로그로 계산한 값입니다. 크로스 엔트로피는 자연로그를 씁니다(계산기의 ln).",
        ),
    )
    plain_slips = [(rounded(-log(p[label])), m, say) for log, m, say in logs]
    plain_slips.append(
        (
            rounded(-np.log(p).sum()),
            "목표를 곱하지 않음",
            "모든 클래스의 -ln을 더한 값입니다. 목표가 0인 클래스는 곱하면 0이 되므로 정답 "
            "클래스의 -ln p만 남습니다.",
        )
    )
    if label:
        plain_slips.append(
            (
                rounded(-np.log(p[label - 1])),
                "클래스 번호를 1부터 셈",
                f"p[{label - 1}]로 계산한 값입니다. 클래스 번호는 0부터 세므로 클래스 {label}의 "
                f"확률은 p[{label}] = {p[label]:.2f}입니다.",
            )
        )
    others = np.full(3, 0.05)
    others[label] = 0.9
    unshared = np.full(3, 0.1 / 3)
    unshared[label] = 0.9
    smooth_slips = [
        (
            float(plain_text),
            "레이블 스무딩을 빠뜨림",
            "레이블 스무딩 없이 구한 값입니다. 목표를 정답 1, 나머지 0 대신 스무딩한 값으로 "
            "바꿔 모든 클래스의 목표 × ln p를 더합니다.",
        ),
        (
            rounded(ops.cross_entropy(p, others)),
            "스무딩을 나머지 클래스에만 나눔",
            "목표를 정답 0.9, 나머지 0.05씩으로 둔 값입니다. 레이블 스무딩은 0.1을 정답을 포함한 "
            "클래스 3개에 0.1/3씩 나누므로 정답의 목표는 0.9 + 0.1/3입니다.",
        ),
        (
            rounded(ops.cross_entropy(p, unshared)),
            "정답 클래스에 0.1/3을 더하지 않음",
            "목표를 정답 0.9, 나머지를 0.1/3씩으로 둔 값입니다. 정답 클래스도 0.1/3을 받으므로 "
            "목표는 0.9 + 0.1/3입니다(목표의 합이 1).",
        ),
        *((rounded(-(target * log(p)).sum()), m, say) for log, m, say in logs),
    ]
    return Problem(
        html.escape(
            f"예측 확률 p = {p.tolist()}, 정답 클래스 {label}. 손실을 소수 둘째 자리까지 구하세요."
        ),
        {
            "plain": Check(
                {"plain": float(plain_text)},
                f"-ln p[{label}] = -ln {p[label]:.2f} = {plain_text}",
                (
                    *slip_cases(float(plain_text), plain_work, plain_slips, "plain", within),
                    wrong_case(plain_text, plain_work, "plain"),
                ),
                within=within,
            ),
            "smooth": Check(
                {"smooth": float(smooth_text)},
                f"-({terms}) = {smooth_text}",
                (
                    *slip_cases(float(smooth_text), smooth_work, smooth_slips, "smooth", within),
                    wrong_case(smooth_text, smooth_work, "smooth"),
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
