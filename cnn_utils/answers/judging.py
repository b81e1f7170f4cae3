"""Judging an answer: feedback, the templates' slots, the checks and the one checker.

Also what the web book's script needs to judge as :func:`judge` does (:func:`reading`).
Introduced with the exercises of chapter 01.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cnn_utils.answers.fields import Field
from cnn_utils.answers.particles import (
    DIGITS_WITH_FINAL,
    DIGITS_WITH_RIEUL,
    HANGUL,
    PARTICLES,
    particle,
)
from cnn_utils.answers.typed_text import (
    CONTROL,
    COUNTER,
    DIGIT_ZEROS,
    ECHO_LIMIT,
    ELLIPSIS,
    EQUIVALENTS,
    HINTS,
    INVISIBLE,
    MAX_DIGITS,
    NUMBER,
    REPLACEMENT,
    SHAPE_SEPARATORS,
    SIGN_SPACES,
    SPACES,
    SPLIT_DIGITS,
    THOUSANDS,
)


@dataclass(frozen=True)
class Feedback:
    """What an exercise tells the student: right (True), wrong (False) or a hint (None).

    A wrong answer is told either a retry (``retry``: what went wrong, not the answer; the
    first wrong answer on a problem) or the worked answer. ``case`` is the index of the
    check's :class:`Case` that told it (None when right or a hint).
    """

    correct: bool | None
    message: str
    retry: bool = False
    case: int | None = None

    @property
    def told(self) -> str:
        """What kind of feedback this is: right, retry, worked or hint (both readers mark it)."""
        if self.correct is None:
            return "hint"
        return "right" if self.correct else "retry" if self.retry else "worked"

    def html(self) -> str:
        """The message as HTML for a widget: only the verdict's line is coloured; escaped.

        Examples
        --------
        >>> Feedback(True, "정답\\n3×2 + 8 = 14").html()
        '<div data-cnn-told="right"><span style="color:#1a7f37"><b>✓</b> 정답</span><br>3×2 + 8 = 14</div>'
        >>> Feedback(None, "'<img src=x>' 아님").html()
        '<div data-cnn-told="hint"><span style="color:#9a6700"><b>!</b> &#x27;&lt;img src=x&gt;&#x27; 아님</span></div>'
        """  # noqa: E501 (doctest output)
        color, mark = VERDICTS[self.correct]
        return _verdict_html(self.told, color, mark, self.message)


def _verdict_html(told: str, color: str, mark: str, message: str) -> str:
    line, _, rest = html.escape(message).partition("\n")
    body = f'<span style="color:{color}"><b>{mark}</b> {line}</span>'
    if rest:
        body += "<br>" + rest.replace("\n", "<br>")
    return f'<div data-cnn-told="{told}">{body}</div>'


class Note(Feedback):
    """Neutral information (an explorer's reading): grey, no ✓ or ✗, not scored."""

    def __init__(self, message: str):
        super().__init__(None, message)

    @property
    def told(self) -> str:
        return "info"

    def html(self) -> str:
        return _verdict_html(self.told, "#57606a", INFO_MARK, self.message)


#: The mark of a :class:`Note`.
INFO_MARK = "ℹ"
#: Colour and mark of a verdict in a notebook (the web book uses its own CSS classes).
VERDICTS = {True: ("#1a7f37", "✓"), False: ("#cf222e", "✗"), None: ("#9a6700", "!")}

#: A slot of a template: ``{key}``, ``{key:,}`` (thousands separators), ``{key|이}`` (particle).
SLOT = r"\{([A-Za-z0-9_]+)(:,)?(?:\|([가-힣]+))?\}"


def fill(template: str, typed: Mapping[str, str]) -> str:
    """Put what was typed into a template's slots; other braces stay as they are.

    Examples
    --------
    >>> fill("{main|이} 아니라 {main:,}", {"main": "18496"})
    '18496이 아니라 18,496'
    """

    def put(match: re.Match) -> str:
        key, commas, kind = match.groups()
        if key not in typed:
            return match.group(0)
        text = typed[key]
        if commas:
            whole, dot, rest = text.partition(".")
            text = f"{int(whole):,}{dot}{rest}" if whole.lstrip("-").isdigit() else text
        return text + (particle(text, kind) if kind else "")

    return re.sub(SLOT, put, template)


@dataclass(frozen=True)
class Case:
    """A wrong answer's message: for answers ``equal`` to given values (a typical slip), or
    when any field in ``wrong`` is wrong; with neither, for every wrong answer.

    ``mistake`` names a slip in a few Korean words (e.g. "절편을 빠뜨림"): instructor.md's
    list of common mistakes and the class report are made from these names.

    ``say`` is the worked answer a second wrong answer is told; ``hint``, what the first
    wrong answer on a problem is told instead (a template too, never the answer). Without
    a hint the first wrong answer gets :func:`retry_message`'s general one.
    """

    say: str
    wrong: tuple[str, ...] = ()
    equal: tuple[tuple[str, Any], ...] = ()
    mistake: str = ""
    hint: str = ""

    def applies(self, values: Mapping[str, Any], wrong: set[str]) -> bool:
        if self.equal:
            return all(same(values[k], v) for k, v in self.equal)
        return not self.wrong or bool(wrong & set(self.wrong))

    def data(self) -> dict:
        data = {
            "say": self.say,
            "wrong": list(self.wrong),
            "equal": [[k, _json(v)] for k, v in self.equal],
        }
        data |= {"mistake": self.mistake} if self.mistake else {}
        return data | ({"hint": self.hint} if self.hint else {})


@dataclass(frozen=True)
class Group:
    """A row of an exercise: its answer fields, its button and its own feedback."""

    key: str
    fields: tuple[Field, ...]
    prompt: str = ""  # plain text before the boxes
    button: str | None = "확인"  # None: the options of a choice field are the buttons

    def data(self) -> dict:
        return {
            "key": self.key,
            "fields": [f.data() for f in self.fields],
            "prompt": self.prompt,
            "button": self.button,
        }


@dataclass(frozen=True)
class Check:
    """The right answers of a group for one problem, and what each answer is told.

    ``right`` is what a right answer is told after :data:`CORRECT` (:func:`right_message`):
    the worked answer, a template like a :class:`Case`'s. ``hint`` is a hint for the
    problem that a first wrong answer is told after its case's (:func:`retry_message`).
    """

    answer: Mapping[str, Any]
    right: str
    cases: tuple[Case, ...] = (Case("아쉽습니다."),)
    advance: bool = False  # a right answer moves on to the next step
    within: float | None = None  # how far a typed number may be from the answer (rounding)
    hint: str = ""

    def data(self) -> dict:
        return {
            "answer": {k: _json(v) for k, v in self.answer.items()},
            "right": self.right,
            "cases": [c.data() for c in self.cases],
            "advance": self.advance,
            "within": self.within,
            "hint": self.hint,
        }


#: What every right answer is told first; :func:`judge` writes it, the checks never do.
CORRECT = "정답입니다!"


def right_message(worked: str) -> str:
    """What a right answer is told: :data:`CORRECT`, then the worked answer when there is one.

    Examples
    --------
    >>> right_message("3×2 + 8 = 14"), right_message("")
    ('정답입니다! 3×2 + 8 = 14', '정답입니다!')
    """
    return f"{CORRECT} {worked}" if worked else CORRECT


#: How close a typed number must be to the answer: relative, absolute (``math.isclose``).
TOLERANCE = (1e-9, 1e-6)


def same(typed, answer, within: float | None = None) -> bool:
    """Whether a typed value is the answer: numbers within :data:`TOLERANCE` (or ``within``,
    for an answer rounded to a few decimals), anything else equal."""
    if isinstance(answer, (int, float)) and isinstance(typed, (int, float)):
        if within is not None:
            return abs(typed - answer) <= within + TOLERANCE[1]
        return math.isclose(typed, answer, rel_tol=TOLERANCE[0], abs_tol=TOLERANCE[1])
    return tuple(typed) == tuple(answer) if isinstance(answer, (tuple, list)) else typed == answer


#: What a first wrong answer is told when its case has no hint of its own: which answer is
#: wrong ("one": the typed answer of a one-field group; "some": the names of the wrong fields),
#: the case's named mistake, then "again". Never the right answer.
RETRY = {
    "one": "아쉽습니다. {answer|은} 답이 아닙니다.",
    "some": "아쉽습니다. 맞지 않는 칸: {names}.",
    "mistake": "'{mistake}' 실수가 아닌지 확인해 보세요.",
    "again": "다시 풀어 보세요. 한 번 더 틀리면 풀이를 보여 드립니다.",
}


def retry_message(
    group: Group, check: Check, case: Case, typed: Mapping[str, str], wrong: set[str]
) -> str:
    """What the first wrong answer on a problem is told: a hint, not the answer.

    The case's own hint; else which answer is wrong and, for a named case, its mistake
    (:data:`RETRY`). Then the check's hint for the problem, and that a second wrong answer
    gets the worked answer.

    Examples
    --------
    >>> from cnn_utils.answers.fields import NumberField
    >>> group = Group("main", (NumberField("main", "곱과 합"),))
    >>> check = Check({"main": 14}, "", hint="같은 자리끼리 곱하세요.")
    >>> print(retry_message(group, check, Case("", mistake="곱하지 않고 더함"), {"main": "20"}, {"main"}))
    아쉽습니다. 20은 답이 아닙니다. '곱하지 않고 더함' 실수가 아닌지 확인해 보세요.
    같은 자리끼리 곱하세요.
    다시 풀어 보세요. 한 번 더 틀리면 풀이를 보여 드립니다.
    """  # noqa: E501 (doctest)
    if case.hint:
        head = fill(case.hint, typed)
    else:
        if len(group.fields) == 1:
            head = fill(RETRY["one"], {"answer": typed[group.fields[0].key]})
        else:
            names = ", ".join(f.name for f in group.fields if f.key in wrong)
            head = RETRY["some"].replace("{names}", names)
        if case.mistake:
            head += " " + RETRY["mistake"].replace("{mistake}", case.mistake)
    lines = [head, fill(check.hint, typed)] if check.hint else [head]
    return "\n".join([*lines, RETRY["again"]])


def judge(
    group: Group, check: Check, answers: Mapping[str, Any], wrong_before: int = 0
) -> Feedback:
    """The feedback for what a student entered in a group: the one checker of the book.

    ``answers`` maps each field's key to the typed text (or the chosen option);
    ``wrong_before`` is how many wrong answers this problem's group was told since it was
    shown. A field that cannot be read gets its hint (named, when the group has several
    fields); else right, or the first :class:`Case` that applies: a first wrong answer
    is told its :func:`retry_message`, a later one the case's worked answer.

    Examples
    --------
    >>> from cnn_utils.answers.fields import NumberField
    >>> group = Group("main", (NumberField("main", "곱과 합"),))
    >>> wrong = Case("아쉽습니다. {main|이} 아니라 14입니다.")
    >>> check = Check({"main": 14}, "{main}입니다.", (wrong,))
    >>> judge(group, check, {"main": " 14 "}).message
    '정답입니다! 14입니다.'
    >>> judge(group, check, {"main": "2"}).message.splitlines()[0]
    '아쉽습니다. 2는 답이 아닙니다.'
    >>> judge(group, check, {"main": "2"}, wrong_before=1).message
    '아쉽습니다. 2가 아니라 14입니다.'
    >>> judge(group, check, {"main": "열넷"}).correct is None
    True
    """
    values, typed = {}, {}
    for f in group.fields:
        read = f.read(answers.get(f.key))
        if not read.ok:
            many = len(group.fields) > 1
            return Feedback(
                None, HINTS["field"].format(name=f.name, hint=read.hint) if many else read.hint
            )
        values[f.key], typed[f.key] = read.value, read.text
    wrong = {k for k, v in values.items() if not same(v, check.answer[k], check.within)}
    if not wrong:
        return Feedback(True, right_message(fill(check.right, typed)))
    index = next(k for k, c in enumerate(check.cases) if c.applies(values, wrong))
    case = check.cases[index]
    if wrong_before:
        return Feedback(False, fill(case.say, typed), case=index)
    return Feedback(False, retry_message(group, check, case, typed, wrong), True, index)


@dataclass
class Score:
    """맞힌 수 / 푼 수: each question counts once, with its first checked answer.

    Examples
    --------
    >>> s = Score()
    >>> for question, correct in ((0, None), (0, True), (0, False), (1, False), (1, True)):
    ...     s.record(question, Feedback(correct, ""))
    >>> str(s)
    '점수: 1 / 2'
    """

    counted: dict = field(default_factory=dict)

    def record(self, question, feedback: Feedback) -> None:
        """Count a verdict, unless the question already has one; hints do not count."""
        if feedback.correct is not None and question not in self.counted:
            self.counted[question] = bool(feedback.correct)

    def __str__(self) -> str:
        return SCORE.format(right=sum(self.counted.values()), tried=len(self.counted))


#: How the score is written.
SCORE = "점수: {right} / {tried}"
#: What a screen reader hears on the option a student picked, after the option's text.
PICKED = {"right": "고른 답, 맞음", "wrong": "고른 답, 틀림"}


def _json(value):
    return list(value) if isinstance(value, tuple) else value


def reading() -> dict:
    """What the web book's script needs to read answers as :func:`judge` does."""
    return {
        "digit_zeros": DIGIT_ZEROS,
        "equivalents": EQUIVALENTS,
        "invisible": INVISIBLE,
        "control": CONTROL,
        "replacement": REPLACEMENT,
        "split_digits": SPLIT_DIGITS,
        "sign_spaces": SIGN_SPACES,
        "number": NUMBER,
        "thousands": THOUSANDS,
        "shape_separators": SHAPE_SEPARATORS,
        "spaces": SPACES,
        "max_digits": MAX_DIGITS,
        "echo_limit": ECHO_LIMIT,
        "ellipsis": ELLIPSIS,
        "hints": HINTS,
        "counter": COUNTER,
        "retry": RETRY,
        "picked": PICKED,
        "slot": SLOT,
        "tolerance": TOLERANCE,
        "particles": PARTICLES,
        "digits_with_final": DIGITS_WITH_FINAL,
        "digits_with_rieul": DIGITS_WITH_RIEUL,
        "hangul": HANGUL,
        "score": SCORE,
        "correct": CORRECT,
        "verdicts": {
            "right": VERDICTS[True][1],
            "wrong": VERDICTS[False][1],
            "hint": VERDICTS[None][1],
            "info": INFO_MARK,
        },
    }
