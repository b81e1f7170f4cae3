"""What the chapters' exercises are made with: seeds, banks, answer slots, wrong-answer cases.

Every chapter module builds its exercises with these, from chapter 01 on: an exercise with
새 문제 is :func:`seeded` (its web-book bank from :func:`bank`), a wrong answer is told with
:func:`wrong_case` or, for a typical slip, :func:`slip_cases`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from cnn_utils import ops
from cnn_utils.answers import Case, ChoiceField, Group
from cnn_utils.answers import same as answers_same
from cnn_utils.exercises.description import BANK, Exercise, Problem


def bank(make: Callable[[int], Problem], seed: int) -> tuple[Problem, ...]:
    """The problems the web book carries (:data:`~.description.BANK`), from ``seed`` on.

    Examples
    --------
    >>> [p.statement for p in bank(lambda s: Problem(str(s)), 5)][:3]
    ['5', '6', '7']
    """
    return tuple(make(seed + k) for k in range(BANK))


def check_seed(seed) -> int:
    """The first problem's seed: the one given (0 <= seed < 2**32), or a random one for None.

    Examples
    --------
    >>> check_seed(7), 0 <= check_seed(None) < 2**31
    (7, True)
    """
    if seed is None:
        return int(np.random.default_rng().integers(2**31))
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= seed < 2**32:
        raise ValueError(f"seed must be None or an integer with 0 <= seed < 2**32, got {seed!r}")
    return int(seed)


def typed(key: str = "main", kind: str = "", commas: bool = False) -> str:
    """The template slot for what was typed in field ``key`` (with its particle ``kind``).

    Examples
    --------
    >>> typed(), typed("conv1", "이", commas=True)
    ('{main}', '{conv1:,|이}')
    """
    return "{" + key + (":," if commas else "") + (f"|{kind}" if kind else "") + "}"


def written(value) -> str:
    """A number as feedback and statements write it: at most 4 decimals.

    Examples
    --------
    >>> written(2.0), written(1 / 3)
    ('2', '0.3333')
    """
    return ops.format_number(value, decimals=4)


def wrong_case(answer_text: str, explanation: str, key: str = "main") -> Case:
    """The book's one pattern for a wrong answer: what was typed, the answer, the working.

    Examples
    --------
    >>> wrong_case("14", "3×2 + 8 = 14").say
    '아쉽습니다. {main|이} 아니라 14입니다.\\n3×2 + 8 = 14'
    """
    return Case(f"아쉽습니다. {typed(key, '이')} 아니라 {answer_text}입니다.\n{explanation}")


def slip_cases(
    answer,
    explanation: str,
    slips,
    key: str = "main",
    within: float | None = None,
    *,
    given: tuple = (),
    opening: str = "아쉽습니다.",
    commas: bool = False,
) -> tuple[Case, ...]:
    """Cases for typical wrong answers: ``slips`` is ``(value, mistake, what it is)``.

    A slip whose value is the answer (or, for an answer rounded to a few decimals, within
    ``within`` of it: judged right), or that an earlier slip already names, is left out:
    each typed value gets one message, which names the mistake (its hint, for a first wrong
    answer), then the working. ``given`` is ``(key, value)`` pairs of the group's other
    fields that the case also requires (their right answers, so that ``opening`` may say
    they are right); ``commas`` writes what was typed with thousands separators.

    Examples
    --------
    >>> slips = ((12, "절편을 빠뜨림", "절편을 빼먹은 값입니다."), (14, "", "정답"))
    >>> [(c.equal, c.mistake) for c in slip_cases(14, "", slips)]
    [((('main', 12),), '절편을 빠뜨림')]
    >>> rounded = ((0.524, "", "반올림한 정답"), (0.7, "", "다른 값"))
    >>> [c.equal for c in slip_cases(0.52, "", rounded, within=0.005)]
    [(('main', 0.7),)]
    """
    cases, seen = [], []
    for value, mistake, say in slips:
        if answers_same(value, answer, within) or any(answers_same(value, v) for v in seen):
            continue
        seen.append(value)
        told = f"{opening} {typed(key, '은', commas)} {say}"
        cases.append(
            Case(
                f"{told}\n{explanation}",
                equal=(*given, (key, value)),
                mistake=mistake,
                hint=told,
            )
        )
    return tuple(cases)


def multiply_sum_slips(window, kernel, negative: str = "음수 가중치") -> list[tuple]:
    """The multiply-and-sum's typical slips (chapter 01), as ``slip_cases`` takes them: the
    numbers added without multiplying, and, when the filter has negative weights, the
    products added without their sign. ``negative`` names those weights in the message.

    Examples
    --------
    >>> [(value, mistake) for value, mistake, _ in multiply_sum_slips(np.eye(2), -np.ones((2, 2)))]
    [(-2.0, '곱하지 않고 더함'), (2.0, '음수의 부호를 놓침')]
    """
    window, kernel = np.asarray(window), np.asarray(kernel)
    slips = [
        (
            (window.sum() + kernel.sum()).item(),
            "곱하지 않고 더함",
            "윈도와 필터의 숫자를 곱하지 않고 모두 더한 값입니다. 같은 자리끼리 먼저 곱합니다.",
        )
    ]
    if (kernel < 0).any():
        slips.append(
            (
                np.abs(window * kernel).sum().item(),
                "음수의 부호를 놓침",
                f"{negative}와의 곱을 빼지 않고 더한 값입니다. 음수와의 곱은 합을 줄입니다.",
            )
        )
    return slips


def as_matrix(value, name: str, *, shape=None, at_most: int | None = None) -> np.ndarray:
    """A 2-D array of finite numbers for an exercise, or an error naming ``name``.

    Examples
    --------
    >>> as_matrix([[1, 2], [3, 4]], "x").shape
    (2, 2)
    >>> as_matrix(np.ones((8, 8)), "x", at_most=6)
    Traceback (most recent call last):
    ...
    ValueError: x must be at most 6x6 for this exercise (a student follows every step), got 8x8: take a part, e.g. x[:6, :6]
    """  # noqa: E501 (doctest output)
    array = ops.as_array(value, name)
    if array.ndim != 2 or (shape is not None and array.shape != shape):
        want = "x".join(map(str, shape)) if shape else "2-D (height, width)"
        raise ValueError(f"{name} must be a {want} array, got shape {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must hold finite numbers (no NaN or infinity)")
    if at_most is not None and max(array.shape) > at_most:
        raise ValueError(
            f"{name} must be at most {at_most}x{at_most} for this exercise (a student follows "
            f"every step), got {array.shape[0]}x{array.shape[1]}: take a part, e.g. {name}[:6, :6]"
        )
    return array


def choice(key: str, name: str, options) -> Group:
    """A row of choices whose buttons are the options, ``(value, text)`` (no 확인 button).

    Examples
    --------
    >>> choice("main", "영역", [("A", "영역 A"), ("B", "영역 B")]).button is None
    True
    """
    return Group(key, (ChoiceField(key, name, options=tuple(options)),), button=None)


def seeded(title_key: str, title: str, intro: str, groups, make, seed, **extra) -> Exercise:
    """An exercise whose problems come from ``make(seed)``, with 새 문제.

    Examples
    --------
    >>> ex = seeded("demo", "예", "", [], lambda s: Problem(str(s)), 3)
    >>> ex.nav, ex.problems[0].statement, ex.problem(20).statement
    ('new', '3', '23')
    """
    seed = check_seed(seed)
    return Exercise(
        title_key,
        title,
        intro,
        tuple(groups),
        bank(make, seed),
        nav="new",
        make=make,
        first_seed=seed,
        **extra,
    )
