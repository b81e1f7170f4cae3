"""Every problem the exercises make can be answered, and every working they show adds up.

A thousand seeds of every seeded exercise (and random inputs for the step exercises): each
problem's own answer, typed as a student types it, is read by its field and judged right; and
every equation in its feedback ("3×2 + 1 = 7", "-ln 0.67 = 0.40") computes, from the numbers
it shows, the result it shows (to the decimals shown). Problems are made without figures.
"""

from __future__ import annotations

import functools
import math
import re

import numpy as np
import pytest

from cnn_utils import answers
from cnn_utils import exercises as ex

#: Seeds walked per seeded exercise.
SEEDS = 1000
#: The seeded exercises, by key.
SEEDED = {
    e.key: e
    for e in (
        ex.multiply_sum(0), ex.pixel_usage(0), ex.pooling_loss(0), ex.size_quiz(0),
        ex.filter_reading(0), ex.region_match(0), ex.best_filter(0), ex.window_order(0),
        ex.feature_maps(0), ex.padded_sum(0), ex.padding_sizes(0), ex.valid_shrink(0),
        ex.stride_windows(0), ex.stride_results(0), ex.pooled_size(0), ex.depth_values(0),
        ex.size_effect(0), ex.flatten_index(0), ex.dense_value(0), ex.softmax_quiz(0),
        ex.cross_entropy_quiz(0), ex.relu_value(0), ex.receptive_field_quiz(0),
    )
}  # fmt: skip


def _fixed() -> list[ex.Exercise]:
    """The exercises without seeds, and the step exercises on random small inputs."""
    made = [ex.pooling(), ex.shape_quiz(), ex.param_quiz(), ex.cnn_structure(), ex.write_model()]
    for seed in range(40):
        rng = np.random.default_rng(seed)
        n, f = int(rng.integers(3, 8)), int(rng.integers(1, 4))
        x, kernel = rng.integers(-3, 10, (n, n)), rng.integers(-2, 3, (f, f))
        made.append(ex.sliding(x, kernel))
        made.append(ex.stride_steps(x, kernel, stride=int(rng.integers(1, n - f + 2))))
    return made


@functools.cache
def _problems(key: str) -> list[tuple[ex.Exercise, ex.Problem]]:
    """The problems of an exercise, their matrices left out of the statements (most of the time
    to make them; the statements are checked in test_exercises.py and the browser)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ex, "matrix_html", lambda *args, **kwargs: "")
        if key == "fixed":
            return [(e, p) for e in _fixed() for p in e.problems]
        exercise = SEEDED[key]
        return [(exercise, exercise.make(seed)) for seed in range(SEEDS)]


def _typed(value) -> str:
    """An answer as a student types it: 7, 0.35, 14, 14, 32 or a choice's value."""
    if isinstance(value, (tuple, list)):
        return ", ".join(map(_typed, value))
    if isinstance(value, float):
        return np.format_float_positional(value, trim="-")
    return str(value)


def _checks(exercise: ex.Exercise, problem: ex.Problem):
    for key, check in problem.checks.items():
        yield next(g for g in exercise.groups if g.key == key.split("|")[0]), check


KEYS = [*SEEDED, "fixed"]


@pytest.mark.parametrize("key", KEYS)
def test_every_problem_takes_its_own_answer(key):
    refused = []
    for number, (exercise, problem) in enumerate(_problems(key)):
        for group, check in _checks(exercise, problem):
            typed = {k: _typed(v) for k, v in check.answer.items()}
            feedback = answers.judge(group, check, typed)
            if not feedback.correct:
                refused.append((number, typed, feedback.message))
    assert not refused, f"{len(refused)} problems refuse their answer, e.g. {refused[:3]}"


# ------------------------------------------------------------------------ the workings shown

#: How a working's text becomes Python: thousands separators go, ln 0.67 is log(0.67), × is *.
_AS_PYTHON = (
    (re.compile(r"(?<=\d),(?=\d{3}(?!\d))"), ""),
    (re.compile(r"ln (\d+(?:\.\d+)?)"), r"log(\1)"),
    (re.compile(r"max\(0, "), "relu("),
    (re.compile("×"), "*"),
    #: a Korean word that labels the number after it ("합 20.83", "절편 -2") is not part of it
    (re.compile(r"(?<![^\s(])[가-힣]+ (?=[-(]?\d)"), ""),
)
_ARITHMETIC = r"(?:[\d.+\-*/() ]|log\(|exp\(|relu\()+"
_LEFT, _RIGHT = re.compile(_ARITHMETIC + "$"), re.compile(_ARITHMETIC)
_FUNCTIONS = {"log": math.log, "exp": math.exp, "relu": lambda v: max(0, v)}


@functools.cache
def _value(expression: str) -> float | None:
    if not re.search(r"\d", expression):
        return None
    try:
        return float(eval(expression, _FUNCTIONS))  # only digits, operators and _FUNCTIONS
    except (SyntaxError, ZeroDivisionError, TypeError):
        return None


@functools.cache
def equations(message: str) -> frozenset[tuple[str, str]]:
    """Every ``a = b`` of a message whose two sides are arithmetic, as Python expressions.

    The left side is the longest arithmetic text before the '=' (if it computes as a whole and
    does not start with an operator that needs something on its left); the right side the
    longest arithmetic text after it that computes.

    Examples
    --------
    >>> sorted(equations("합 0.37 + 0.74 = 1.11; 클래스 0: 0.37 / 1.11 = 0.33, n - f + 1 = 26"))
    [('0.37 + 0.74', '1.11'), ('0.37 / 1.11', '0.33')]
    """
    for pattern, replacement in _AS_PYTHON:
        message = pattern.sub(replacement, message)
    found = set()
    for line in message.splitlines():
        parts = line.split("=")
        for before, after in zip(parts, parts[1:], strict=False):
            left, right = _LEFT.search(before), _RIGHT.match(after)
            if not left or not right:
                continue
            a, b = left.group().strip(), right.group().strip()
            while b and _value(b) is None:  # "27), 그런" ends at 27
                b = b[:-1].rstrip()
            if a[:1] not in "+*/)" and _value(a) is not None and b:
                found.add((a, b))
    return frozenset(found)


def _wrong_working(messages) -> list[str]:
    """The equations of messages whose result is not what their left side computes."""
    bad = []
    for a, b in set().union(*map(equations, messages)):
        decimals = max((len(n.partition(".")[2]) for n in re.findall(r"[\d.]+", b)), default=0)
        tolerance = 0.5 * 10**-decimals if decimals else 0.0
        value, result = _value(a), _value(b)
        if abs(value - result) > tolerance + 1e-9:
            bad.append(f"{a} = {b} (computes {value:.6g})")
    return bad


@pytest.mark.parametrize("key", KEYS)
def test_every_working_shown_computes_its_result(key):
    wrong = []
    for number, (exercise, problem) in enumerate(_problems(key)):
        messages = [
            m for _, c in _checks(exercise, problem) for m in (c.right, *(c.say for c in c.cases))
        ]
        wrong += [(number, w) for w in _wrong_working(messages)]
    assert not wrong, f"{len(wrong)} workings do not add up, e.g. {wrong[:3]}"


@pytest.mark.parametrize("key", [k for k, e in SEEDED.items() if e.problems[0].checks and any(
    c.within for c in e.problems[0].checks.values())])  # fmt: skip
def test_an_answer_rounded_from_the_working_is_right(key):
    """Where an answer is rounded, rounding the working's last step gives a right answer."""
    wrong = []
    for number, (exercise, problem) in enumerate(_problems(key)):
        for group, check in _checks(exercise, problem):
            (field,) = group.fields
            answer = check.answer[field.key]
            decimals = len(_typed(answer).partition(".")[2])
            for a, b in equations(check.right):
                if _value(b) == answer:  # the step that gives the answer
                    typed = f"{_value(a):.{decimals}f}"
                    if not answers.judge(group, check, {field.key: typed}).correct:
                        wrong.append((number, f"{a} = {b}", typed))
    assert not wrong, f"{len(wrong)} answers rounded from the working are judged wrong: {wrong[:3]}"


def test_the_working_reader_reads_the_book_s_workings():
    """The reader finds and computes the forms the feedback uses (so a pass means something)."""
    text = (
        "3×(-1) + 0×2 + (-3) = -6, ReLU: max(0, -6) = 0\n"
        "OH = (28 + 2×0 - 3) / 2 + 1 = 12.5 + 1 → 내림: 12 + 1 = 13\n"
        "풀링 전 32×32×1 = 1,024개, 뒤 16×16×1 = 256개\n"
        "곱과 합 -15 + 절편 -2 = -17: 음수\n"
        "-(0.9333×ln 0.67 + 0.0333×ln 0.11 + 0.0333×ln 0.22) = 0.50\n"
        "p = (f - 1) / 2 = (3 - 1) / 2 = 1, 멈추고(OH = 2 + 1 = 3), 그런"
    )
    assert equations(text) == {
        ("3*(-1) + 0*2 + (-3)", "-6"),
        ("relu(-6)", "0"),
        ("(28 + 2*0 - 3) / 2 + 1", "12.5 + 1"),
        ("12 + 1", "13"),
        ("32*32*1", "1024"),
        ("16*16*1", "256"),
        ("-15 + -2", "-17"),
        ("-(0.9333*log(0.67) + 0.0333*log(0.11) + 0.0333*log(0.22))", "0.50"),
        ("(3 - 1) / 2", "1"),
        ("2 + 1", "3"),
    }
    assert not _wrong_working([text])
    assert _wrong_working(["0.37 / 1.10 = 0.33"]) == ["0.37 / 1.10 = 0.33 (computes 0.336364)"]
    assert _wrong_working(["exp(-1) = 0.37; 0.37 + 0.37 + 0.37 = 1.10"])
