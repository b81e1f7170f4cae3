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

The modules: :mod:`~cnn_utils.answers.typed_text` (reading typed text),
:mod:`~cnn_utils.answers.particles` (Korean particles),
:mod:`~cnn_utils.answers.fields` (the answer fields) and
:mod:`~cnn_utils.answers.judging` (feedback, checks, :func:`judge`).

Introduced with the exercises of chapter 01; every chapter's exercises use it.
"""

from cnn_utils.answers.fields import (
    SHAPE_NUMBER,
    ChoiceField,
    Field,
    NumberField,
    ShapeField,
    parse_shape,
)
from cnn_utils.answers.judging import (
    CORRECT,
    INFO_MARK,
    PICKED,
    RETRY,
    SCORE,
    SLOT,
    TOLERANCE,
    VERDICTS,
    Case,
    Check,
    Feedback,
    Group,
    Note,
    Score,
    fill,
    judge,
    reading,
    retry_message,
    right_message,
    same,
)
from cnn_utils.answers.particles import (
    DIGITS_WITH_FINAL,
    DIGITS_WITH_RIEUL,
    HANGUL,
    PARTICLES,
    particle,
    said,
)
from cnn_utils.answers.typed_text import (
    CONTROL,
    COUNTER,
    COUNTERS,
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
    Read,
    echo,
    parse_number,
    plain_text,
)

# fmt: off
__all__ = [
    "Case", "Check", "ChoiceField", "Feedback", "Field", "Group", "Note", "NumberField", "Read",
    "Score", "ShapeField", "echo", "fill", "judge", "parse_number", "parse_shape", "particle",
    "plain_text", "reading", "retry_message", "right_message", "said", "same",
    # the rules as data (what reading() hands to the web book's script)
    "CONTROL", "CORRECT", "COUNTER", "COUNTERS", "DIGIT_ZEROS", "DIGITS_WITH_FINAL",
    "DIGITS_WITH_RIEUL", "ECHO_LIMIT", "ELLIPSIS", "EQUIVALENTS", "HANGUL", "HINTS", "INFO_MARK",
    "INVISIBLE", "MAX_DIGITS", "NUMBER", "PARTICLES", "PICKED", "REPLACEMENT", "RETRY", "SCORE",
    "SHAPE_NUMBER", "SHAPE_SEPARATORS", "SIGN_SPACES", "SLOT", "SPACES", "SPLIT_DIGITS",
    "THOUSANDS", "TOLERANCE", "VERDICTS",
]
# fmt: on
