"""The answer fields of an exercise: a number, a shape or a choice, and how each reads text.

Introduced with the exercises of chapter 01 (a number), chapter 06 (a shape) and chapter
07 (choices of layers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cnn_utils.answers.typed_text import (
    HINTS,
    MAX_DIGITS,
    SHAPE_SEPARATORS,
    THOUSANDS,
    Read,
    parse_number,
    plain_number,
    plain_text,
)


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
    if re.fullmatch(THOUSANDS, body) and not body.startswith(("+", "-")):
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
            "min": HINTS["min"].format(minimum=plain_number(self.minimum))
            if self.minimum is not None
            else "",
            "max": HINTS["max"].format(maximum=plain_number(self.maximum))
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
