"""Korean particles after what a student typed: 14가, 7이, 3.5는, 1로 (chapter 01 on).

A number is read aloud by its last digit, a Hangul word by its last syllable's final
consonant; the tables are data the web book's script reads too.
"""

from __future__ import annotations

from cnn_utils.answers.typed_text import TO_ASCII, plain_number

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
        digit = char.translate(TO_ASCII)
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
    text = plain_number(value) if isinstance(value, (int, float)) else str(value)
    return text + particle(text, kind)
