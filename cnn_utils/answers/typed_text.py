"""Reading what a student typed: the characters read as digits and signs, numbers, hints.

The rules are data (regular expressions and tables) that :func:`cnn_utils.answers.reading`
hands to the web book's script, so both read typed text the same way. Introduced with the
exercises of chapter 01.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cnn_utils.ops import format_number

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
#: The Korean counters a student adds to a number by habit ("14개", "676 곳", "3번", "2칸",
#: "5장"): a number with one of them is read as the number alone.
COUNTERS = "개곳번칸장"
#: A counter at the end of a number (after a digit or a point, spaces between allowed): dropped.
COUNTER = "(?<=[0-9.])[" + SPACES + "]*[" + COUNTERS + "]$"
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
_SIGN_SPACES, _COUNTER = re.compile(SIGN_SPACES), re.compile(COUNTER)
#: The translation table of :func:`plain_text`: every digit of :data:`DIGIT_ZEROS` and every
#: character of :data:`EQUIVALENTS` to its ASCII form.
TO_ASCII = str.maketrans(
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
    return _INVISIBLE.sub("", "" if text is None else str(text)).translate(TO_ASCII)


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


def plain_number(value: float) -> str:
    """A number as a hint or a particle's word writes it: 10,000 or 0.5.

    Examples
    --------
    >>> plain_number(10000), plain_number(0.5), plain_number(-3.0)
    ('10,000', '0.5', '-3')
    """
    return f"{int(value):,}" if float(value).is_integer() else format_number(value, decimals=4)


def parse_number(text, *, integer=True, minimum=None, maximum=None) -> Read:
    """Read a number typed by a student; a Korean hint instead of an error.

    Accepts spaces around it (and after a sign), the minus sign, the digits of
    :data:`DIGIT_ZEROS` (full-width ３２ too), a Korean counter after it (:data:`COUNTERS`:
    ``14개``, ``676 곳``) and thousands separators
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
    >>> parse_number("14개").value, parse_number("676 곳").text, parse_number("개").ok
    (14, '676', False)
    >>> parse_number("0,245", integer=False).hint.startswith("'0,245': 쉼표(,)는")
    True
    >>> parse_number("1 2").hint.startswith("'1 2': 숫자 사이에 빈칸")
    True
    """
    raw = echo(text)
    cleaned = _SIGN_SPACES.sub(r"\1", _COUNTER.sub("", plain_text(text).strip()))
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
            return Read(hint=HINTS["min"].format(minimum=plain_number(minimum)))
        if not negative and maximum is not None:
            return Read(hint=HINTS["max"].format(maximum=plain_number(maximum)))
        return Read(hint=HINTS["long"].format(digits=MAX_DIGITS))
    value = float(cleaned)
    if integer and not value.is_integer():
        return Read(hint=HINTS["int"])
    if minimum is not None and value < minimum:
        return Read(hint=HINTS["min"].format(minimum=plain_number(minimum)))
    if maximum is not None and value > maximum:
        return Read(hint=HINTS["max"].format(maximum=plain_number(maximum)))
    return Read(int(value) if value.is_integer() else value, _number_text(cleaned))
