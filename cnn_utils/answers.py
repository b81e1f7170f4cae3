"""Reading and judging a student's answers: the rules as data, one checker.

An exercise (:mod:`cnn_utils.exercises`) is a description. Its answer fields
declare how typed text is read (:class:`NumberField`, :class:`ShapeField`,
:class:`ChoiceField`); a :class:`Check` holds the right answers and Korean
feedback templates whose slots take what the student typed (``{main}``, or
``{main|이}`` with the particle that fits how the number is read aloud).
:func:`judge` is the one checker. The web book's script
(``_static/cnn-exercises.js``) runs the same steps on the same data, which
:meth:`Field.data` and :func:`reading` write for it: no rule is copied into
the script. ``tests/answer_cases.json`` is the table both sides are tested on.

Introduced with the exercises of chapter 01; every chapter's exercises use it.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cnn_utils.ops import format_number

# --------------------------------------------------------------------------
# reading typed text
# --------------------------------------------------------------------------

#: Digits a float holds exactly: a longer whole part is refused, not rounded.
MAX_DIGITS = 15
#: How much of a typed answer a message repeats, and what marks the cut.
ECHO_LIMIT = 20
ELLIPSIS = "…"
#: The digits read as numbers, each script's 0 (the nine after it are 1-9): ASCII, Arabic-Indic,
#: Extended Arabic-Indic, full-width (Korean input in full-width mode) and the five mathematical
#: digit styles (pasted from formulas). One fixed set, read by Python and the web book alike,
#: whatever Unicode version either knows; other digits are not numbers.
DIGIT_ZEROS = "0\u0660\u06f0\uff10\U0001d7ce\U0001d7d8\U0001d7e2\U0001d7ec\U0001d7f6"
#: Other characters read as their ASCII forms: the minus sign and the full-width sign, point, comma.
EQUIVALENTS = {"\u2212": "-", "\uff0d": "-", "\uff0b": "+", "\uff0e": ".", "\uff0c": ","}
#: Characters that show nothing (zero-width spaces and joiners, the byte-order mark, soft hyphen)
#: or reorder the text around them (bidirectional controls): removed before text is read or
#: repeated in a message.
INVISIBLE = r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
#: Control characters (a pasted tab or NUL): a message repeats them as REPLACEMENT.
CONTROL = r"[\x00-\x1f\x7f-\x9f]"
REPLACEMENT = "\ufffd"
#: A number (after :func:`plain_text`): optional sign, digits with an optional decimal point.
NUMBER = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$"
#: A number with thousands separators: a comma before each group of three digits, the first
#: group without a leading zero (0,245 is a decimal comma, not a thousand).
THOUSANDS = r"^[+-]?[1-9][0-9]{0,2}(,[0-9]{3})+(\.[0-9]*)?$"
#: Every character ``str.strip()`` removes (``str.isspace``); the web book strips the same.
SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
#: Spaces between two digits: one number typed apart ("1 2"), never read as 12.
SPLIT_DIGITS = "[0-9][" + SPACES + "]+[0-9]"
#: Spaces after a leading sign ("- 5"): dropped.
SIGN_SPACES = "^([+-])[" + SPACES + "]+"
#: What separates the numbers of a shape: commas, x, ×, * and spaces.
SHAPE_SEPARATORS = "[,xX×*" + SPACES + "]+"

#: The hints for text that is not an answer, with the slots the reader fills in.
HINTS = {
    "empty": "답을 입력하세요.",
    "nan": "'{raw}': 숫자가 아닙니다. 숫자만 입력하세요 (예: 12).",
    "comma": (
        "'{raw}': 쉼표(,)는 천 단위를 나눌 때만 씁니다. 소수점은 마침표로 입력하세요 (예: 3.25)."
    ),
    "space": (
        "'{raw}': 숫자 사이에 빈칸이 있습니다. 수 하나를 빈칸 없이 입력하세요 "
        "(예: 1000 또는 1,000)."
    ),
    "int": "정수로 입력하세요 (예: 12).",
    "min": "값이 너무 작습니다. {minimum} 이상의 수를 입력하세요.",
    "max": "값이 너무 큽니다. {maximum} 이하의 수를 입력하세요.",
    "long": "자리가 너무 깁니다. {digits}자리 이하의 수를 입력하세요.",
    "shape_empty": "모양을 입력하세요 (예: 28, 28, 1).",
    "shape_long": "모양의 숫자가 너무 많습니다. 배치 크기를 빼고 많아야 {count}개입니다.",
    "choice": "보기 중 하나를 고르세요.",
    "field": "{name}: {hint}",
}

_NUMBER, _THOUSANDS = re.compile(NUMBER), re.compile(THOUSANDS)
_INVISIBLE, _CONTROL, _SPLIT_DIGITS = (
    re.compile(INVISIBLE),
    re.compile(CONTROL),
    re.compile(SPLIT_DIGITS),
)
_SIGN_SPACES = re.compile(SIGN_SPACES)
_ASCII = str.maketrans(
    {chr(ord(zero) + k): str(k) for zero in DIGIT_ZEROS for k in range(10)} | EQUIVALENTS
)


def plain_text(text) -> str:
    """Typed text as it is read: invisible characters removed, the digits of
    :data:`DIGIT_ZEROS` and the characters of :data:`EQUIVALENTS` in their ASCII forms.

    The first step of reading any answer, from chapter 01's exercises on.

    Examples
    --------
    >>> plain_text("－３２"), plain_text("1\\u200b2"), plain_text("٣")
    ('-32', '12', '3')
    """
    return _INVISIBLE.sub("", "" if text is None else str(text)).translate(_ASCII)


def echo(text) -> str:
    """What a message repeats of the student's text: without invisible characters, control
    characters as :data:`REPLACEMENT`, stripped, cut to :data:`ECHO_LIMIT` characters.

    Examples
    --------
    >>> echo("  열두  "), echo("1" * 30), echo("\\u202e12\\u200b"), echo("1\\x002")
    ('열두', '11111111111111111111…', '12', '1�2')
    """
    text = _INVISIBLE.sub("", "" if text is None else str(text)).strip()
    text = _CONTROL.sub(REPLACEMENT, text)
    return text if len(text) <= ECHO_LIMIT else text[:ECHO_LIMIT] + ELLIPSIS


def _number_text(ascii_number: str) -> str:
    """How messages write a typed number: no '+', no leading or trailing zeros ('007.50': '7.5')."""
    negative = ascii_number.startswith("-")
    whole, _, fraction = ascii_number.lstrip("+-").partition(".")
    fraction = fraction.rstrip("0")
    text = (whole.lstrip("0") or "0") + ("." + fraction if fraction else "")
    return "-" + text if negative and text != "0" else text


@dataclass(frozen=True)
class Read:
    """What was read from one answer field: the value and how messages write it, or a hint."""

    value: Any = None
    text: str = ""
    hint: str | None = None

    @property
    def ok(self) -> bool:
        return self.hint is None


def _plain(value: float) -> str:
    """A bound as a hint writes it: 10,000 or 0.5."""
    return f"{int(value):,}" if float(value).is_integer() else format_number(value, decimals=4)


def parse_number(text, *, integer=True, minimum=None, maximum=None) -> Read:
    """Read a number typed by a student; a Korean hint instead of an error.

    Accepts spaces around it (and after a sign), the minus sign, the digits of
    :data:`DIGIT_ZEROS` (full-width ３２ too) and thousands separators
    (``18,496``: a comma before each group of three digits). A comma anywhere
    else (``3,25``, ``0,245``) is not guessed at: the hint asks for a decimal
    point; nor are spaces between digits (``1 2``).

    Examples
    --------
    >>> parse_number(" 18,496 ")
    Read(value=18496, text='18496', hint=None)
    >>> parse_number("").hint, parse_number("열두").hint
    ('답을 입력하세요.', "'열두': 숫자가 아닙니다. 숫자만 입력하세요 (예: 12).")
    >>> parse_number("2.5").hint, parse_number("-3", minimum=0).hint
    ('정수로 입력하세요 (예: 12).', '값이 너무 작습니다. 0 이상의 수를 입력하세요.')
    >>> parse_number("-9999999999999999", minimum=-10000, maximum=10000).hint
    '값이 너무 작습니다. -10,000 이상의 수를 입력하세요.'
    >>> parse_number("007.50", integer=False).text
    '7.5'
    >>> parse_number("0,245", integer=False).hint.startswith("'0,245': 쉼표(,)는")
    True
    >>> parse_number("1 2").hint.startswith("'1 2': 숫자 사이에 빈칸")
    True
    """
    raw = echo(text)
    cleaned = _SIGN_SPACES.sub(r"\1", plain_text(text).strip())
    if not cleaned:
        return Read(hint=HINTS["empty"])
    if _SPLIT_DIGITS.search(cleaned):
        return Read(hint=HINTS["space"].format(raw=raw))
    if "," in cleaned:
        if not _THOUSANDS.fullmatch(cleaned):
            return Read(hint=HINTS["comma"].format(raw=raw))
        cleaned = cleaned.replace(",", "")
    if not _NUMBER.fullmatch(cleaned):
        return Read(hint=HINTS["nan"].format(raw=raw))
    negative = cleaned.startswith("-")
    if len(cleaned.lstrip("+-").split(".")[0]) > MAX_DIGITS:
        if negative and minimum is not None:
            return Read(hint=HINTS["min"].format(minimum=_plain(minimum)))
        if not negative and maximum is not None:
            return Read(hint=HINTS["max"].format(maximum=_plain(maximum)))
        return Read(hint=HINTS["long"].format(digits=MAX_DIGITS))
    value = float(cleaned)
    if integer and not value.is_integer():
        return Read(hint=HINTS["int"])
    if minimum is not None and value < minimum:
        return Read(hint=HINTS["min"].format(minimum=_plain(minimum)))
    if maximum is not None and value > maximum:
        return Read(hint=HINTS["max"].format(maximum=_plain(maximum)))
    return Read(int(value) if value.is_integer() else value, _number_text(cleaned))


def parse_shape(text, *, max_length: int = 3) -> Read:
    """Read a typed shape: ``(14, 14, 32)``, ``14x14x32``, ``28 X 28 X 32`` or ``3,136``.

    A leading ``None`` (Keras's batch size) is dropped. A comma followed by
    three digits with nothing between (``3,136``) separates thousands, as
    chapter 06 writes 3,136; numbers of a shape are separated by ``, `` or x.

    Examples
    --------
    >>> parse_shape("None, 7, 7, 64").value, parse_shape("3,136").value
    ((7, 7, 64), (3136,))
    >>> parse_shape("28 X 28 X 32").text, parse_shape("(3136,)").text
    ('(28, 28, 32)', '(3136,)')
    >>> parse_shape("14, 열넷").hint
    "'열넷': 숫자가 아닙니다. 숫자만 입력하세요 (예: 12)."
    >>> parse_shape("１４，１４").value
    (14, 14)
    """
    body = plain_text(text).strip().strip("()[]").strip()
    if _THOUSANDS.fullmatch(body) and not body.startswith(("+", "-")):
        parts = [body]
    else:
        parts = [p for p in re.split(SHAPE_SEPARATORS, body) if p]
    if parts and parts[0].lower() == "none":
        parts = parts[1:]
    if not parts:
        return Read(hint=HINTS["shape_empty"])
    if len(parts) > max_length:
        return Read(hint=HINTS["shape_long"].format(count=max_length))
    values = []
    for part in parts:
        read = SHAPE_NUMBER.read(part)
        if not read.ok:
            return read
        values.append(read.value)
    shape = tuple(values)
    return Read(shape, "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")")


# --------------------------------------------------------------------------
# Korean particles
# --------------------------------------------------------------------------

#: Particles by kind: (after a final consonant, after a vowel, after ㄹ, when the word cannot
#: be read). Only '으로' differs after ㄹ: 길로, 1로 (일로).
PARTICLES = {
    "이": ("이", "가", "이", "이(가)"),
    "은": ("은", "는", "은", "은(는)"),
    "을": ("을", "를", "을", "을(를)"),
    "과": ("과", "와", "과", "과(와)"),
    "으로": ("으로", "로", "로", "(으)로"),
    "이다": ("이다", "다", "이다", "(이)다"),
}
#: Digits whose Korean reading ends in a consonant (영 일 삼 육 칠 팔); a number is read by its
#: last digit, and 10, 100, 1,000, ... (십 백 천 만) end in one too: their last digit is 0.
DIGITS_WITH_FINAL = "013678"
#: Digits whose reading ends in ㄹ (일 칠 팔).
DIGITS_WITH_RIEUL = "178"
#: Hangul syllables: the first and last, how many final consonants a syllable can take
#: (counted from 0, none), and the number of ㄹ among them.
HANGUL = {"first": "가", "last": "힣", "finals": 28, "rieul": 8}


def particle(word: str, kind: str) -> str:
    """The particle ``kind`` (``'이'``, ``'은'``, ``'을'``, ``'으로'``, ...) after ``word``.

    Reads the last Hangul syllable or digit of ``word`` (brackets, quotes and
    commas after it are skipped): 2가 (이), 7이 (칠), 10이 (십), 3.5가 (오).

    Examples
    --------
    >>> [n + particle(n, "이") for n in ("2", "7", "10", "3.5", "(14, 14, 64)", "필터")]
    ['2가', '7이', '10이', '3.5가', '(14, 14, 64)가', '필터가']
    >>> particle("1", "으로"), particle("3", "으로"), particle("가로선", "을"), particle("x", "은")
    ('로', '으로', '을', '은(는)')
    """
    with_final, without, after_rieul, unknown = PARTICLES[kind]
    for char in reversed(str(word)):
        digit = char.translate(_ASCII)
        if digit in "0123456789" and len(digit) == 1:
            final, rieul = digit in DIGITS_WITH_FINAL, digit in DIGITS_WITH_RIEUL
            break
        if HANGUL["first"] <= char <= HANGUL["last"]:
            tail = (ord(char) - ord(HANGUL["first"])) % HANGUL["finals"]
            final, rieul = tail != 0, tail == HANGUL["rieul"]
            break
        if char.isalpha():
            return unknown
    else:
        return unknown
    return after_rieul if rieul else with_final if final else without


def said(value, kind: str) -> str:
    """``value`` written as the book writes numbers, followed by its particle.

    Examples
    --------
    >>> said(14, "이"), said(-5, "이"), said(3.25, "은"), said(18496, "을")
    ('14가', '-5가', '3.25는', '18,496을')
    """
    text = _plain(value) if isinstance(value, (int, float)) else str(value)
    return text + particle(text, kind)


# --------------------------------------------------------------------------
# answer fields
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One answer box (or set of choices) of an exercise.

    ``name`` is what a hint and a screen reader call it (Korean, e.g. "행");
    ``placeholder`` the grey text in an empty box.
    """

    key: str
    name: str
    placeholder: str = ""

    kind = "field"

    def read(self, text) -> Read:
        raise NotImplementedError

    def data(self) -> dict:
        """The field as the web book's script reads it."""
        return {
            "kind": self.kind,
            "key": self.key,
            "name": self.name,
            "placeholder": self.placeholder,
        }


@dataclass(frozen=True)
class NumberField(Field):
    """A typed number: an integer or a decimal, with its range (None: unbounded)."""

    integer: bool = True
    minimum: float | None = None
    maximum: float | None = None

    kind = "number"

    def read(self, text) -> Read:
        return parse_number(text, integer=self.integer, minimum=self.minimum, maximum=self.maximum)

    def hints(self) -> dict[str, str]:
        """The hints of this field, its bounds written in; ``{raw}`` stays for the typed text."""
        return {
            "min": HINTS["min"].format(minimum=_plain(self.minimum))
            if self.minimum is not None
            else "",
            "max": HINTS["max"].format(maximum=_plain(self.maximum))
            if self.maximum is not None
            else "",
            "long": HINTS["long"].format(digits=MAX_DIGITS),
        }

    def data(self) -> dict:
        return {
            **super().data(),
            "integer": self.integer,
            "minimum": self.minimum,
            "maximum": self.maximum,
            "hints": self.hints(),
        }


@dataclass(frozen=True)
class ShapeField(Field):
    """A typed shape such as (14, 14, 32), at most ``max_length`` numbers."""

    max_length: int = 3

    kind = "shape"

    def read(self, text) -> Read:
        return parse_shape(text, max_length=self.max_length)

    def data(self) -> dict:
        return {**super().data(), "max_length": self.max_length, "number": SHAPE_NUMBER.data()}


@dataclass(frozen=True)
class ChoiceField(Field):
    """One of several options, ``(value, text)``: buttons, or a list to pick from (``menu``)."""

    options: tuple[tuple[str, str], ...] = ()
    menu: bool = False

    kind = "choice"

    def read(self, text) -> Read:
        texts = dict(self.options)
        value = "" if text is None else str(text)
        return Read(value, texts[value]) if value in texts else Read(hint=HINTS["choice"])

    def data(self) -> dict:
        return {**super().data(), "options": [list(o) for o in self.options], "menu": self.menu}


#: How each number of a typed shape is read.
SHAPE_NUMBER = NumberField("number", "모양의 수", minimum=1, maximum=10_000_000)


# --------------------------------------------------------------------------
# feedback and the checker
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Feedback:
    """What an exercise tells the student: right (True), wrong (False) or a hint (None)."""

    correct: bool | None
    message: str

    def html(self) -> str:
        """The message as HTML for a widget, coloured by the outcome; the text is escaped.

        Examples
        --------
        >>> Feedback(True, "정답").html()
        '<div style="color:#1a7f37"><b>✓</b> 정답</div>'
        >>> Feedback(None, "'<img src=x>' 아님").html()
        '<div style="color:#9a6700"><b>!</b> &#x27;&lt;img src=x&gt;&#x27; 아님</div>'
        """
        color, mark = VERDICTS[self.correct]
        body = html.escape(self.message).replace("\n", "<br>")
        return f'<div style="color:{color}"><b>{mark}</b> {body}</div>'


class Note(Feedback):
    """Neutral information (an explorer's reading): grey, no ✓ or ✗, not scored."""

    def __init__(self, message: str):
        super().__init__(None, message)

    def html(self) -> str:
        body = html.escape(self.message).replace("\n", "<br>")
        return f'<div style="color:#57606a"><b>{INFO_MARK}</b> {body}</div>'


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
    """

    say: str
    wrong: tuple[str, ...] = ()
    equal: tuple[tuple[str, Any], ...] = ()
    mistake: str = ""

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
        return data | ({"mistake": self.mistake} if self.mistake else {})


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
    """The right answers of a group for one problem, and what each answer is told."""

    answer: Mapping[str, Any]
    right: str
    cases: tuple[Case, ...] = (Case("아쉽습니다."),)
    advance: bool = False  # a right answer moves on to the next step
    within: float | None = None  # how far a typed number may be from the answer (rounding)

    def data(self) -> dict:
        return {
            "answer": {k: _json(v) for k, v in self.answer.items()},
            "right": self.right,
            "cases": [c.data() for c in self.cases],
            "advance": self.advance,
            "within": self.within,
        }


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


def judge(group: Group, check: Check, answers: Mapping[str, Any]) -> Feedback:
    """The feedback for what a student entered in a group: the one checker of the book.

    ``answers`` maps each field's key to the typed text (or the chosen option).
    A field that cannot be read gets its hint (named, when the group has
    several fields); else right, or the first :class:`Case` that applies.

    Examples
    --------
    >>> group = Group("main", (NumberField("main", "곱과 합"),))
    >>> wrong = Case("아쉽습니다. {main|이} 아니라 14입니다.")
    >>> check = Check({"main": 14}, "정답입니다!", (wrong,))
    >>> judge(group, check, {"main": " 14 "}).correct
    True
    >>> judge(group, check, {"main": "2"}).message
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
        return Feedback(True, fill(check.right, typed))
    case = next(c for c in check.cases if c.applies(values, wrong))
    return Feedback(False, fill(case.say, typed))


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
        "slot": SLOT,
        "tolerance": TOLERANCE,
        "particles": PARTICLES,
        "digits_with_final": DIGITS_WITH_FINAL,
        "digits_with_rieul": DIGITS_WITH_RIEUL,
        "hangul": HANGUL,
        "score": SCORE,
        "verdicts": {
            "right": VERDICTS[True][1],
            "wrong": VERDICTS[False][1],
            "hint": VERDICTS[None][1],
            "info": INFO_MARK,
        },
    }


# fmt: off
__all__ = [
    "Case", "Check", "ChoiceField", "Feedback", "Field", "Group", "Note", "NumberField", "Read",
    "Score", "ShapeField", "echo", "fill", "judge", "parse_number", "parse_shape", "particle",
    "plain_text", "reading", "said", "same",
]
# fmt: on
