"""The classroom exercises without the widgets: problems, answer checking, feedback.

Every exercise in :mod:`cnn_utils.widgets` is a thin layer of controls over
the pure functions here, so that what a student is told can be tested
without a kernel or a browser. Feedback is in Korean; a bad entry (empty,
text, a negative or absurd number) gets a hint, never an exception.

Exercises, by chapter: 곱과 합 (01), 필터 설계 (01/02), 윈도 슬라이딩 (02),
패딩·스트라이드 탐색기 (03/04), 풀링 (05), 크기 공식 퀴즈 (06),
파라미터 개수 퀴즈 (07), 필터 읽기 (08); and 픽셀 사용 횟수 (03),
스트라이드 2 따라가기 (04), 풀링이 잃는 것 (05), 층별 출력 모양 (07).
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from cnn_utils import models, ops

# --------------------------------------------------------------------------
# reading what the student typed
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Parsed:
    """A number read from a text box, or the Korean hint saying why not."""

    value: float | None
    hint: str | None = None

    @property
    def ok(self) -> bool:
        return self.hint is None


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
#: Digits a float holds exactly; longer whole parts are refused, not rounded.
_MAX_DIGITS = 15
#: How much of a typed answer a message repeats.
ECHO_LIMIT = 20


def echo(text) -> str:
    """What a message repeats of the student's text: stripped, cut to :data:`ECHO_LIMIT` characters.

    Examples
    --------
    >>> echo("  열두  "), echo("1" * 30)
    ('열두', '11111111111111111111…')
    """
    text = "" if text is None else str(text).strip()
    return text if len(text) <= ECHO_LIMIT else text[:ECHO_LIMIT] + "…"


def parse_number(
    text, *, integer: bool = True, minimum: float | None = None, maximum: float | None = None
) -> Parsed:
    """Read a number typed by a student; a Korean hint instead of an error.

    Accepts spaces, thousands separators (``18,496``: a comma before each group
    of three digits) and the Unicode minus. A comma anywhere else (``3,25``) is
    not guessed at: the hint asks for a decimal point. The browser version of
    the exercises (the web book) follows the same rules.

    Examples
    --------
    >>> parse_number(" 18,496 ").value
    18496
    >>> parse_number("").hint
    '답을 입력하세요.'
    >>> parse_number("열두").hint
    "'열두'은(는) 숫자가 아닙니다. 숫자만 입력하세요 (예: 12)."
    >>> parse_number("2.5").hint
    '정수로 입력하세요 (예: 12).'
    >>> parse_number("-3", minimum=0).hint
    '0 이상의 수를 입력하세요.'
    >>> parse_number("1e9", maximum=1000).hint
    "'1e9'은(는) 숫자가 아닙니다. 숫자만 입력하세요 (예: 12)."
    >>> parse_number("5000", maximum=1000).hint
    '값이 너무 큽니다. 1000 이하의 수를 입력하세요.'
    >>> parse_number("3,25", integer=False).hint
    "'3,25': 쉼표(,)는 천 단위를 나눌 때만 씁니다. 소수점은 마침표로 입력하세요 (예: 3.25)."
    """
    raw = "" if text is None else str(text)
    cleaned = raw.strip().replace("\u2212", "-").replace(" ", "")
    if not cleaned:
        return Parsed(None, "답을 입력하세요.")
    if "," in cleaned:
        if not _THOUSANDS.match(cleaned):
            return Parsed(
                None,
                f"'{echo(raw)}': 쉼표(,)는 천 단위를 나눌 때만 씁니다. "
                "소수점은 마침표로 입력하세요 (예: 3.25).",
            )
        cleaned = cleaned.replace(",", "")
    if not _NUMBER.match(cleaned):
        return Parsed(None, f"'{echo(raw)}'은(는) 숫자가 아닙니다. 숫자만 입력하세요 (예: 12).")
    if sum(ch.isdigit() for ch in cleaned.split(".")[0]) > _MAX_DIGITS:
        limit = f"{maximum:g} 이하의 수를" if maximum is not None else f"{_MAX_DIGITS}자리 이하로"
        return Parsed(None, f"값이 너무 큽니다. {limit} 입력하세요.")
    value = float(cleaned)
    if integer:
        if not value.is_integer():
            return Parsed(None, "정수로 입력하세요 (예: 12).")
        value = int(value)
    if minimum is not None and value < minimum:
        return Parsed(None, f"{minimum:g} 이상의 수를 입력하세요.")
    if maximum is not None and value > maximum:
        return Parsed(None, f"값이 너무 큽니다. {maximum:g} 이하의 수를 입력하세요.")
    return Parsed(value)


@dataclass(frozen=True)
class Feedback:
    """What an exercise tells the student: right (True), wrong (False) or a hint (None)."""

    correct: bool | None
    message: str

    def html(self) -> str:
        """The message as HTML for a widget, coloured by the outcome.

        The message is plain text: it is escaped, so a student's ``<x`` shows
        as typed and never becomes markup.

        Examples
        --------
        >>> Feedback(True, "정답").html()
        '<div style="color:#1a7f37"><b>✓</b> 정답</div>'
        >>> Feedback(None, "'<img src=x>' 아님").html()
        '<div style="color:#9a6700"><b>!</b> &#x27;&lt;img src=x&gt;&#x27; 아님</div>'
        """
        if self.correct is None:
            color, mark = "#9a6700", "!"
        elif self.correct:
            color, mark = "#1a7f37", "✓"
        else:
            color, mark = "#cf222e", "✗"
        body = html.escape(self.message).replace("\n", "<br>")
        return f'<div style="color:{color}"><b>{mark}</b> {body}</div>'


class Note(Feedback):
    """Neutral information (an explorer's reading, a designer's measurement): no ✓ or ✗.

    Only a checked answer is coloured right or wrong; a note is grey and does
    not count in a :class:`Score`.

    Examples
    --------
    >>> Note("나누어떨어집니다.").html()
    '<div style="color:#57606a"><b>ℹ</b> 나누어떨어집니다.</div>'
    >>> Note("정보").correct is None
    True
    """

    def __init__(self, message: str):
        super().__init__(None, message)

    def html(self) -> str:
        body = html.escape(self.message).replace("\n", "<br>")
        return f'<div style="color:#57606a"><b>ℹ</b> {body}</div>'


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def _num(value, *, bracket_negative: bool = True) -> str:
    return ops.format_number(value, decimals=4, bracket_negative=bracket_negative)


# --------------------------------------------------------------------------
# 1. 곱과 합 (chapter 01)
# --------------------------------------------------------------------------


def worked_sum(window, kernel) -> str:
    """The multiply-and-sum written out term by term.

    Examples
    --------
    >>> worked_sum([[1, 2], [3, 4]], [[1, 0], [-1, 2]])
    '1×1 + 2×0 + 3×(-1) + 4×2 = 6'
    >>> worked_sum([[1]], [[-2]])
    '1×(-2) = -2'
    """
    window, kernel = np.asarray(window), np.asarray(kernel)
    pairs = zip(window.ravel(), kernel.ravel(), strict=True)
    terms = " + ".join(f"{_num(a)}×{_num(b)}" for a, b in pairs)
    return f"{terms} = {_num(ops.multiply_and_sum(window, kernel), bracket_negative=False)}"


@dataclass(frozen=True)
class MultiplySumProblem:
    window: np.ndarray
    kernel: np.ndarray

    @property
    def answer(self):
        return ops.multiply_and_sum(self.window, self.kernel)


def multiply_sum_problem(seed: int | None = None) -> MultiplySumProblem:
    """A 3x3 window of small pixel values and a 3x3 filter of small weights.

    Examples
    --------
    >>> p = multiply_sum_problem(seed=0)
    >>> p.window.shape, p.kernel.shape
    ((3, 3), (3, 3))
    >>> multiply_sum_problem(seed=0).answer == p.answer
    True
    """
    rng = np.random.default_rng(seed)
    return MultiplySumProblem(rng.integers(0, 4, (3, 3)), rng.integers(-1, 3, (3, 3)))


def check_multiply_sum(problem: MultiplySumProblem, text) -> Feedback:
    """Check a typed multiply-and-sum; the feedback shows the worked sum.

    Examples
    --------
    >>> p = MultiplySumProblem(np.array([[1, 2], [3, 4]]), np.array([[1, 0], [0, 1]]))
    >>> check_multiply_sum(p, "5").correct
    True
    >>> print(check_multiply_sum(p, "10").message)
    아쉽습니다. 10이 아니라 5입니다. 같은 자리끼리 곱해서 모두 더하세요:
    1×1 + 2×0 + 3×0 + 4×1 = 5
    >>> check_multiply_sum(p, "다섯").correct is None
    True
    """
    parsed = parse_number(text, minimum=-10_000, maximum=10_000)
    if not parsed.ok:
        return Feedback(None, parsed.hint)
    work = worked_sum(problem.window, problem.kernel)
    if _close(parsed.value, problem.answer):
        return Feedback(True, f"정답입니다! {work}")
    return Feedback(
        False,
        f"아쉽습니다. {_num(parsed.value)}이 아니라 {_num(problem.answer)}입니다. "
        f"같은 자리끼리 곱해서 모두 더하세요:\n{work}",
    )


# --------------------------------------------------------------------------
# 2. 필터 설계 (chapters 01-02)
# --------------------------------------------------------------------------

#: Ready-made 3x3 filters the students start from.
FILTER_PRESETS: dict[str, np.ndarray] = {
    "가로 윤곽선": np.array([[1, 1, 1], [0, 0, 0], [-1, -1, -1]], dtype=float),
    "세로 윤곽선": np.array([[1, 0, -1], [1, 0, -1], [1, 0, -1]], dtype=float),
    "곡선": np.array([[-1, -1, 2], [-1, 2, -1], [2, -1, -1]], dtype=float),
    "흐림 (blur)": np.full((3, 3), 1 / 9),
}


def parse_filter(texts: Sequence) -> tuple[np.ndarray | None, str | None]:
    """Read nine typed filter values (row by row) into a 3x3 filter, or a Korean hint.

    Examples
    --------
    >>> kernel, hint = parse_filter(["1", "0", "-1"] * 3)
    >>> kernel[0].tolist(), hint
    ([1.0, 0.0, -1.0], None)
    >>> parse_filter(["1"] * 8 + ["x"])[1]
    "3행 3열: 'x'은(는) 숫자가 아닙니다. 숫자만 입력하세요 (예: 12)."
    """
    if len(texts) != 9:
        return None, "필터 칸 9개를 모두 채우세요."
    values = []
    for k, text in enumerate(texts):
        parsed = parse_number(text, integer=False, minimum=-100, maximum=100)
        if not parsed.ok:
            return None, f"{k // 3 + 1}행 {k % 3 + 1}열: {parsed.hint}"
        values.append(parsed.value)
    return np.array(values, dtype=float).reshape(3, 3), None


def filter_response(image, kernel) -> np.ndarray:
    """The feature map a filter makes of an image (``'same'`` padding: same size).

    Examples
    --------
    >>> filter_response(np.ones((5, 5)), FILTER_PRESETS["흐림 (blur)"]).shape
    (5, 5)
    """
    return ops.conv2d(np.asarray(image, dtype=float), kernel, padding="same")


def describe_filter_response(feature_map) -> str:
    """One Korean line on where the filter responded most.

    Examples
    --------
    >>> m = np.zeros((4, 4)); m[2, 1] = 3
    >>> describe_filter_response(m)
    '가장 큰 값 3 (행 2, 열 1), 가장 작은 값 0'
    """
    m = np.asarray(feature_map)
    r, c = np.unravel_index(np.argmax(m), m.shape)
    high, low = _num(round(float(m.max()), 2)), _num(round(float(m.min()), 2))
    return f"가장 큰 값 {high} (행 {r}, 열 {c}), 가장 작은 값 {low}"


# --------------------------------------------------------------------------
# 3. 윈도 슬라이딩 (chapter 02)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class SlidingFrame:
    """Everything the sliding exercise draws at one window position.

    ``index`` is the position's place in the visiting order (0-based) and
    ``total`` the number of positions.
    """

    index: int
    position: tuple[int, int]
    window: np.ndarray
    products: np.ndarray
    value: float
    partial_map: np.ndarray  # NaN where the window has not been yet
    total: int


def sliding_frame(x, kernel, index: int) -> SlidingFrame:
    """The state of window sliding at the window's ``index``-th position (0-based).

    Examples
    --------
    >>> f = sliding_frame(np.arange(16).reshape(4, 4), np.ones((3, 3), dtype=int), 1)
    >>> f.position, f.value, f.total
    ((0, 1), 54, 4)
    >>> int(np.isnan(f.partial_map).sum())
    2
    """
    x, kernel = np.asarray(x), np.asarray(kernel)
    positions = ops.window_positions(x.shape, kernel.shape)
    if not 0 <= index < len(positions):
        raise ValueError(f"index must be between 0 and {len(positions) - 1}, got {index}")
    out = ops.conv2d(x, kernel)
    i, j = positions[index]
    window = x[i : i + kernel.shape[0], j : j + kernel.shape[1]]
    partial = np.full(out.shape, np.nan)
    partial.ravel()[: index + 1] = out.ravel()[: index + 1]
    return SlidingFrame(
        index, (i, j), window, window * kernel, out.ravel()[index].item(), partial, len(positions)
    )


def check_next_value(x, kernel, index: int, text) -> Feedback:
    """Check the student's prediction of the feature-map value at the next step.

    Examples
    --------
    >>> x, k = np.arange(16).reshape(4, 4), np.ones((3, 3), dtype=int)
    >>> check_next_value(x, k, 0, "54").correct
    True
    >>> print(check_next_value(x, k, 0, "45").message)
    아쉽습니다. 윈도가 오른쪽으로 한 칸 옮겨 간 (0, 1) 자리의 곱과 합은 54입니다.
    1×1 + 2×1 + 3×1 + 5×1 + 6×1 + 7×1 + 9×1 + 10×1 + 11×1 = 54
    >>> check_next_value(x, k, 3, "1").message
    '마지막 자리입니다. 처음부터 다시 시작하세요.'
    """
    frame = sliding_frame(x, kernel, index)
    if index + 1 >= frame.total:
        return Feedback(None, "마지막 자리입니다. 처음부터 다시 시작하세요.")
    parsed = parse_number(text, integer=False, minimum=-1e6, maximum=1e6)
    if not parsed.ok:
        return Feedback(None, parsed.hint)
    nxt = sliding_frame(x, kernel, index + 1)
    moved = (
        "오른쪽으로 한 칸 옮겨 간"
        if nxt.position[0] == frame.position[0]
        else "한 줄 아래로 내려가 다시 왼쪽에서 시작한"
    )
    work = worked_sum(nxt.window, np.asarray(kernel))
    if _close(parsed.value, nxt.value):
        return Feedback(True, f"정답입니다! 윈도가 {moved} {nxt.position} 자리: {work}")
    return Feedback(
        False,
        f"아쉽습니다. 윈도가 {moved} {nxt.position} 자리의 곱과 합은 "
        f"{_num(nxt.value)}입니다.\n{work}",
    )


# --------------------------------------------------------------------------
# 4. 패딩·스트라이드 탐색기 (chapters 03-04)
# --------------------------------------------------------------------------


@dataclass
class SizeReport:
    """What the padding/stride explorer shows for one setting.

    ``output`` is None when the filter is larger than the padded input;
    ``unreached`` counts the last rows (and columns) of the padded input that
    no window reaches (0 when the stride divides ``n + 2P - f``).
    """

    n: int
    f: int
    padding: ops.Padding
    stride: int
    pads: tuple[int, int]
    output: int | None
    unreached: int | None
    positions: list = field(default_factory=list)
    message: str = ""


def explore_sizes(n: int, f: int, *, padding: ops.Padding, stride: int) -> SizeReport:
    """Output size by the formula, with the Korean worked formula (chapters 03-04).

    Never raises for settings a slider can produce: a filter larger than the
    padded input gets a hint instead.

    Examples
    --------
    >>> r = explore_sizes(7, 3, padding=0, stride=2)
    >>> r.output, r.unreached, len(r.positions)
    (3, 0, 9)
    >>> r = explore_sizes(8, 3, padding=0, stride=2)
    >>> r.output, r.unreached
    (3, 1)
    >>> print(r.message)
    입력 8×8, 필터 3×3, 패딩 0, 스트라이드 2
    OH = (8 + 2×0 - 3) / 2 + 1 = 2.5 + 1 → 나누어떨어지지 않아 내림: 2 + 1 = 3
    ⚠ 나누어떨어지지 않습니다: 마지막 1칸은 윈도가 닿지 않아 계산에 쓰이지 않습니다.
    >>> print(explore_sizes(3, 5, padding=0, stride=1).message)
    필터(5×5)가 패딩한 입력(3×3)보다 큽니다. 필터를 줄이거나 패딩을 늘리세요.
    """
    pads = ops.padding_amounts((n, n), (f, f), stride=stride, padding=padding)[0]
    padded = n + sum(pads)
    if f > padded:
        return SizeReport(
            n,
            f,
            padding,
            stride,
            pads,
            None,
            None,
            [],
            f"필터({f}×{f})가 패딩한 입력({padded}×{padded})보다 큽니다. "
            "필터를 줄이거나 패딩을 늘리세요.",
        )
    out = ops.output_size(n, f, padding, stride)
    unreached = (padded - f) % stride
    p_text = f"{pads[0]}" if pads[0] == pads[1] else f"{pads[0]}+{pads[1]} (위/아래가 다름)"
    lines = [f"입력 {n}×{n}, 필터 {f}×{f}, 패딩 {p_text}, 스트라이드 {stride}"]
    if pads[0] == pads[1]:
        lines.append(ops.explain_output_size(n, f, pads[0], stride))
    else:  # TensorFlow's 'same' with an odd total: the formula with the total padding
        lines.append(
            f"OH = ({n} + {pads[0]}+{pads[1]} - {f}) / {stride} + 1 = "
            + (
                f"{(padded - f) // stride} + 1 = {out}"
                if not unreached
                else f"{(padded - f) / stride:g} + 1 → 나누어떨어지지 않아 내림: "
                f"{(padded - f) // stride} + 1 = {out}"
            )
        )
    if unreached:
        lines.append(
            f"⚠ 나누어떨어지지 않습니다: 마지막 {unreached}칸은 윈도가 닿지 않아 "
            "계산에 쓰이지 않습니다."
        )
    return SizeReport(
        n,
        f,
        padding,
        stride,
        pads,
        out,
        unreached,
        ops.window_positions(n, f, stride=stride, padding=padding),
        "\n".join(lines),
    )


# --------------------------------------------------------------------------
# 5. 풀링 (chapter 05)
# --------------------------------------------------------------------------

POOLING_MATRIX = np.array([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]])
"""The slide-style 4x4 feature map of the pooling exercise."""

POOL_REGIONS = {"왼쪽 위": (0, 0), "오른쪽 위": (0, 2), "왼쪽 아래": (2, 0), "오른쪽 아래": (2, 2)}


def pooled_value(matrix, region: str, kind: str) -> float:
    """Max or average of one 2x2 region of ``matrix``.

    Examples
    --------
    >>> m = POOLING_MATRIX
    >>> pooled_value(m, "왼쪽 위", "max"), pooled_value(m, "왼쪽 위", "average")
    (6, 3.25)
    """
    if region not in POOL_REGIONS:
        raise ValueError(f"region must be one of {list(POOL_REGIONS)}, got {region!r}")
    if kind not in ("max", "average"):
        raise ValueError(f"kind must be 'max' or 'average', got {kind!r}")
    r, c = POOL_REGIONS[region]
    block = np.asarray(matrix)[r : r + 2, c : c + 2]
    return block.max().item() if kind == "max" else block.mean().item()


def check_pooling(matrix, region: str, kind: str, text) -> Feedback:
    """Check the student's pooled value of a region, saying how it is computed.

    Examples
    --------
    >>> check_pooling(POOLING_MATRIX, "왼쪽 위", "max", "6").correct
    True
    >>> print(check_pooling(POOLING_MATRIX, "왼쪽 위", "average", "6").message)
    아쉽습니다. 평균 풀링은 네 값의 평균입니다: (1 + 1 + 5 + 6) / 4 = 3.25
    """
    parsed = parse_number(text, integer=False, minimum=-1e6, maximum=1e6)
    if not parsed.ok:
        return Feedback(None, parsed.hint)
    r, c = POOL_REGIONS[region]
    block = np.asarray(matrix)[r : r + 2, c : c + 2].ravel()
    value = pooled_value(matrix, region, kind)
    if kind == "max":
        values = ", ".join(_num(v) for v in block)
        how = f"최대 풀링은 네 값 {values} 중 가장 큰 값 {_num(value)}입니다"
    else:
        total = " + ".join(_num(v) for v in block)
        how = f"평균 풀링은 네 값의 평균입니다: ({total}) / 4 = {_num(value)}"
    if _close(parsed.value, value):
        return Feedback(True, f"정답입니다! {how}.")
    return Feedback(False, f"아쉽습니다. {how}")


# --------------------------------------------------------------------------
# 6. 크기 공식 퀴즈 (chapter 06)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class SizeProblem:
    h: int
    fh: int
    p: int
    s: int

    @property
    def answer(self) -> int:
        return ops.output_size(self.h, self.fh, self.p, self.s)

    def question(self) -> str:
        return (
            f"입력 크기 H = {self.h}, 필터 크기 FH = {self.fh}, 패딩 P = {self.p}, "
            f"스트라이드 S = {self.s}일 때 출력 크기 OH는?"
        )


def size_problem(seed: int | None = None) -> SizeProblem:
    """A random but sensible (H, FH, P, S) problem for the size-formula quiz.

    Examples
    --------
    >>> p = size_problem(seed=1)
    >>> p.fh <= p.h + 2 * p.p and p.answer >= 1
    True
    """
    rng = np.random.default_rng(seed)
    while True:
        h = int(rng.choice([5, 6, 7, 8, 10, 12, 14, 28, 32]))
        fh = int(rng.choice([1, 2, 3, 5]))
        p = int(rng.integers(0, 3))
        s = int(rng.integers(1, 4))
        if fh <= h + 2 * p:
            return SizeProblem(h, fh, p, s)


def check_size_answer(problem: SizeProblem, text) -> Feedback:
    """Check OH against the formula; the feedback works the formula out.

    (The tests check every quiz answer against a real Keras layer, with
    :func:`cnn_utils.models.keras_output_shape`.)

    Examples
    --------
    >>> check_size_answer(SizeProblem(28, 3, 1, 1), "28").correct
    True
    >>> print(check_size_answer(SizeProblem(8, 3, 0, 2), "3.5").message)
    정수로 입력하세요 (예: 12).
    >>> print(check_size_answer(SizeProblem(8, 3, 0, 2), "4").message)
    아쉽습니다. OH = (8 + 2×0 - 3) / 2 + 1 = 2.5 + 1 → 나누어떨어지지 않아 내림: 2 + 1 = 3
    """
    parsed = parse_number(text, minimum=0, maximum=10_000)
    if not parsed.ok:
        return Feedback(None, parsed.hint)
    work = ops.explain_output_size(problem.h, problem.fh, problem.p, problem.s)
    if parsed.value == problem.answer:
        return Feedback(True, f"정답입니다! {work}")
    return Feedback(False, f"아쉽습니다. {work}")


@dataclass
class Score:
    """A running score for the quizzes."""

    correct: int = 0
    attempted: int = 0

    def record(self, feedback: Feedback) -> None:
        """Count an answer; hints (invalid input) do not count.

        Examples
        --------
        >>> s = Score()
        >>> for correct in (True, None, False):
        ...     s.record(Feedback(correct, ""))
        >>> str(s)
        '점수: 1 / 2'
        """
        if feedback.correct is None:
            return
        self.attempted += 1
        self.correct += int(feedback.correct)

    def __str__(self) -> str:
        return f"점수: {self.correct} / {self.attempted}"


# --------------------------------------------------------------------------
# 7. 파라미터 개수 퀴즈 (chapter 07)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ParamQuestion:
    key: str
    layer: str
    question: str
    answer: int
    formula: str
    biases: int  # one per filter or unit: the usual thing to forget


def _param_questions() -> tuple[ParamQuestion, ...]:
    """A question per slide-model layer with weights (:data:`cnn_utils.models.SLIDE_LAYERS`)."""
    shapes = [models.SLIDE_INPUT, *models.expected_shapes()]
    layers_with_weights = [
        (k, size)
        for k, (kind, size) in enumerate(models.SLIDE_LAYERS)
        if kind in ("Conv2D", "Dense")
    ]
    names = {"Conv2D": ("conv", "합성곱 층"), "Dense": ("dense", "밀집층")}
    ordinals = ("첫 번째", "두 번째", "세 번째", "네 번째")
    counts = {"Conv2D": 0, "Dense": 0}
    questions = []
    for (k, size), (kind, inputs, params) in zip(
        layers_with_weights, models.expected_params(), strict=True
    ):
        counts[kind] += 1
        key = f"{names[kind][0]}{counts[kind]}"
        before = shapes[k]
        if kind == "Conv2D":
            f = models.SLIDE_FILTER_SIZE
            layer = f"Conv2D({size}, {f}), 입력 {'×'.join(map(str, before))}"
            formula = (
                f"(필터 높이 × 필터 너비 × 입력 채널 + 절편 1) × 필터 개수 = "
                f"({f}×{f}×{inputs} + 1) × {size}"
            )
        else:
            flattened = models.SLIDE_LAYERS[k - 1][0] == "Flatten"
            unflat = f"{'×'.join(map(str, shapes[k - 1]))}를 펼친 " if flattened else ""
            layer = f"Dense({size}), 입력 {unflat}{inputs}개"
            formula = f"(입력 개수 + 절편 1) × 뉴런 개수 = ({inputs} + 1) × {size}"
        last = k == layers_with_weights[-1][0]
        what = "출력층" if last else f"{ordinals[counts[kind] - 1]} {names[kind][1]}"
        questions.append(
            ParamQuestion(key, layer, f"{what}의 파라미터 개수는?", params, formula, int(size))
        )
    return tuple(questions)


#: The slide model's layers with weights, in order (derived from the model's one description).
PARAM_QUESTIONS: tuple[ParamQuestion, ...] = _param_questions()


def check_param_answer(key: str, text) -> Feedback:
    """Check one layer's parameter count; a wrong answer gets the formula as a hint.

    Examples
    --------
    >>> check_param_answer("conv1", "320").correct
    True
    >>> print(check_param_answer("conv1", "288").message)
    아쉽습니다. 288은(는) 가중치만 센 값 아닌가요? 필터마다 절편(bias)이 하나씩 있습니다.
    힌트: (필터 높이 × 필터 너비 × 입력 채널 + 절편 1) × 필터 개수 = (3×3×1 + 1) × 32
    >>> check_param_answer("conv9", "1")
    Traceback (most recent call last):
    ...
    ValueError: key must be one of ['conv1', 'conv2', 'dense1', 'dense2'], got 'conv9'
    """
    questions = {q.key: q for q in PARAM_QUESTIONS}
    if key not in questions:
        raise ValueError(f"key must be one of {list(questions)}, got {key!r}")
    q = questions[key]
    parsed = parse_number(text, minimum=0, maximum=100_000_000)
    if not parsed.ok:
        return Feedback(None, parsed.hint)
    if parsed.value == q.answer:
        return Feedback(True, f"정답입니다! {q.formula.split(' = ')[-1]} = {q.answer:,}")
    if q.answer - parsed.value == q.biases:
        lead = (
            f"아쉽습니다. {parsed.value}은(는) 가중치만 센 값 아닌가요? "
            "필터마다 절편(bias)이 하나씩 있습니다."
        )
    else:
        lead = f"아쉽습니다. {parsed.value:,}이(가) 아닙니다."
    return Feedback(False, f"{lead}\n힌트: {q.formula}")


# --------------------------------------------------------------------------
# 8. 필터 읽기 (chapter 08)
# --------------------------------------------------------------------------

#: The three kinds of filters chapter 08 finds in the trained network.
FILTER_KINDS: dict[str, str] = {
    "bright": "대체적으로 밝은 필터",
    "horizontal": "가로 윤곽선 필터",
    "vertical": "세로 윤곽선 필터",
}


@dataclass(frozen=True)
class FilterReading:
    """How a 3x3 filter answers chapter 08's three patterns, by multiply-and-sum.

    A flat bright patch (every pixel 1) gives the sum of all weights; a line
    through row ``i`` of the window (that row 1, the rest 0) gives the sum of
    row ``i``; a line through column ``j`` gives the sum of column ``j``. A
    dark line on a bright patch gives the same numbers with the sign flipped,
    so a line's response is the largest row (column) sum in absolute value.
    """

    total: float
    row_sums: tuple[float, ...]
    column_sums: tuple[float, ...]

    @property
    def horizontal(self) -> float:
        return max(abs(v) for v in self.row_sums)

    @property
    def vertical(self) -> float:
        return max(abs(v) for v in self.column_sums)

    @property
    def kind(self) -> str | None:
        """``'bright'``, ``'horizontal'``, ``'vertical'``, or None for none of them.

        The patch wins when it answers at least as strongly as any line; else
        the stronger of the two lines, unless they tie (a diagonal, a dot).
        """
        if (
            self.total > 0
            and not _close(self.total, 0)
            and self.total >= max(self.horizontal, self.vertical)
        ):
            return "bright"
        if _close(self.horizontal, self.vertical):
            return None
        return "horizontal" if self.horizontal > self.vertical else "vertical"

    def explain(self) -> str:
        """The three responses, one per line, in Korean."""

        def num(v):
            return _num(round(v, 3), bracket_negative=False)

        rows = ", ".join(num(v) for v in self.row_sums)
        cols = ", ".join(num(v) for v in self.column_sums)
        return (
            f"고르게 밝은 면(가중치 전체의 합): {num(self.total)}\n"
            f"가로선(행마다 가중치 합): {rows} → 가장 큰 크기 {num(self.horizontal)}\n"
            f"세로선(열마다 가중치 합): {cols} → 가장 큰 크기 {num(self.vertical)}"
        )


def read_filter(kernel) -> FilterReading:
    """Measure a 2-D filter's response to a flat patch and to horizontal and vertical lines.

    Introduced in chapter 08 (시각화), where the same three patterns find the
    trained network's bright, horizontal and vertical filters.

    Examples
    --------
    >>> reading = read_filter(FILTER_PRESETS["가로 윤곽선"])
    >>> reading.total, reading.row_sums, reading.column_sums
    (0.0, (3.0, 0.0, -3.0), (0.0, 0.0, 0.0))
    >>> reading.kind
    'horizontal'
    >>> read_filter(np.ones((3, 3))).kind, read_filter(2 * np.eye(3) - 1).kind  # diagonal: none
    ('bright', None)
    >>> read_filter(np.ones(3))
    Traceback (most recent call last):
    ...
    ValueError: kernel must be a 2-D filter (height, width), got shape (3,)
    """
    kernel = np.asarray(kernel, dtype=float)
    if kernel.ndim != 2:
        raise ValueError(f"kernel must be a 2-D filter (height, width), got shape {kernel.shape}")
    return FilterReading(
        float(kernel.sum()), tuple(kernel.sum(axis=1).tolist()), tuple(kernel.sum(axis=0).tolist())
    )


@dataclass(frozen=True)
class FilterReadingProblem:
    kernel: np.ndarray
    made_as: str  # the template the filter was made from (the tests check it reads back)

    @property
    def answer(self) -> str | None:
        return read_filter(self.kernel).kind


def filter_reading_problem(seed: int | None = None) -> FilterReadingProblem:
    """A 3x3 filter with small integer weights that is bright, horizontal or vertical.

    Bright filters have positive weights; line filters are an edge (one row
    positive, another negative) or a line (a positive row between negative
    ones), turned to either direction, with a little noise.

    Examples
    --------
    >>> p = filter_reading_problem(seed=0)
    >>> p.kernel.shape, p.answer == p.made_as
    ((3, 3), True)
    """
    rng = np.random.default_rng(seed)
    kind = ("bright", "horizontal", "vertical")[rng.integers(3)]
    if kind == "bright":
        return FilterReadingProblem(rng.integers(1, 4, (3, 3)), kind)
    a = int(rng.integers(1, 3))
    if rng.integers(2):  # an edge: bright above, dark below (or the reverse)
        kernel = np.zeros((3, 3), dtype=int)
        kernel[0], kernel[2] = a, -a
    else:  # a line: bright middle row between dark rows
        kernel = np.full((3, 3), -a)
        kernel[1] = 2 * a
    kernel = kernel * rng.choice([-1, 1])
    noise = np.zeros(9, dtype=int)
    noise[rng.choice(9, size=2, replace=False)] = rng.choice([-1, 1], size=2)
    kernel = kernel + noise.reshape(3, 3)
    return FilterReadingProblem(kernel if kind == "horizontal" else kernel.T, kind)


def check_filter_reading(problem: FilterReadingProblem, choice: str) -> Feedback:
    """Check the kind the student picked, showing the three multiply-and-sums.

    Examples
    --------
    >>> p = FilterReadingProblem(FILTER_PRESETS["세로 윤곽선"], "vertical")
    >>> check_filter_reading(p, "vertical").correct
    True
    >>> print(check_filter_reading(p, "horizontal").message)
    아쉽습니다. 가로 윤곽선 필터가 아니라 세로 윤곽선 필터입니다.
    고르게 밝은 면(가중치 전체의 합): 0
    가로선(행마다 가중치 합): 0, 0, 0 → 가장 큰 크기 0
    세로선(열마다 가중치 합): 3, 0, -3 → 가장 큰 크기 3
    가장 크게 반응하는 것이 세로선입니다.
    """
    if choice not in FILTER_KINDS:
        raise ValueError(f"choice must be one of {list(FILTER_KINDS)}, got {choice!r}")
    reading = read_filter(problem.kernel)
    answer = reading.kind
    if answer is None:
        return Feedback(
            None,
            "이 필터는 세 가지 중 어느 쪽도 아닙니다(가로선과 세로선에 똑같이 반응).\n"
            + reading.explain(),
        )
    strongest = {"bright": "고르게 밝은 면", "horizontal": "가로선", "vertical": "세로선"}[answer]
    why = f"{reading.explain()}\n가장 크게 반응하는 것이 {strongest}입니다."
    if choice == answer:
        return Feedback(True, f"정답입니다! {FILTER_KINDS[answer]}입니다.\n{why}")
    return Feedback(
        False, f"아쉽습니다. {FILTER_KINDS[choice]}가 아니라 {FILTER_KINDS[answer]}입니다.\n{why}"
    )


# --------------------------------------------------------------------------
# 9. 픽셀 사용 횟수 (chapter 03)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class PixelUsageProblem:
    """How many windows cover pixel (``row``, ``col``) of an n x n image, f x f filter, stride 1.

    Asked twice: without padding and with ``(f - 1) // 2`` pixels of zero
    padding (chapter 03's 4:1 -> 9:4).
    """

    n: int
    f: int
    row: int
    col: int

    @property
    def paddings(self) -> tuple[int, int]:
        return (0, (self.f - 1) // 2)

    @property
    def answers(self) -> tuple[int, int]:
        return tuple(
            int(ops.pixel_usage(self.n, self.f, padding=p)[self.row, self.col])
            for p in self.paddings
        )

    def question(self) -> str:
        return (
            f"{self.n}×{self.n} 이미지에 {self.f}×{self.f} 필터를 스트라이드 1로 "
            "윈도 슬라이딩합니다. "
            f"(행 {self.row}, 열 {self.col}) 픽셀은 몇 개의 윈도에 들어갑니까?"
        )


def pixel_usage_problem(seed: int | None = None) -> PixelUsageProblem:
    """A small image (4-6 pixels a side), a 3x3 filter and one pixel to count for (chapter 03).

    Examples
    --------
    >>> p = pixel_usage_problem(seed=0)
    >>> 4 <= p.n <= 6 and 0 <= p.row < p.n and 0 <= p.col < p.n
    True
    >>> pixel_usage_problem(seed=0) == p
    True
    """
    rng = np.random.default_rng(seed)
    n = int(rng.integers(4, 7))
    return PixelUsageProblem(n, 3, int(rng.choice([0, 1, n - 1])), int(rng.integers(0, n)))


def _covering(index: int, n: int, f: int, padding: int) -> list[int]:
    """Start rows (columns) of the stride-1 windows that cover row (column) ``index``."""
    return [i for i in range(n + 2 * padding - f + 1) if i <= index + padding < i + f]


def check_pixel_usage(problem: PixelUsageProblem, text, *, padded: bool) -> Feedback:
    """Check a typed window count; the feedback counts rows and columns of windows.

    Examples
    --------
    >>> p = PixelUsageProblem(4, 3, 0, 0)
    >>> p.answers
    (1, 4)
    >>> check_pixel_usage(p, "1", padded=False).correct
    True
    >>> print(check_pixel_usage(p, "1", padded=True).message)
    아쉽습니다. 1픽셀 패딩을 하면 이 픽셀은 패딩한 격자의 (1, 1)에 있습니다.
    윈도의 윗줄이 0, 1일 때 이 행을 덮고(2가지),
    윈도의 왼쪽 열이 0, 1일 때 이 열을 덮습니다(2가지).
    2 × 2 = 4개의 윈도에 들어갑니다.
    >>> check_pixel_usage(p, "하나", padded=False).correct is None
    True
    """
    p = problem.paddings[int(padded)]
    answer = problem.answers[int(padded)]
    parsed = parse_number(text, minimum=0, maximum=10_000)
    if not parsed.ok:
        return Feedback(None, parsed.hint)
    rows = _covering(problem.row, problem.n, problem.f, p)
    cols = _covering(problem.col, problem.n, problem.f, p)
    where = (
        f"{p}픽셀 패딩을 하면 이 픽셀은 패딩한 격자의 "
        f"({problem.row + p}, {problem.col + p})에 있습니다.\n"
        if p
        else ""
    )
    work = (
        f"{where}윈도의 윗줄이 {', '.join(map(str, rows))}일 때 이 행을 덮고({len(rows)}가지),\n"
        f"윈도의 왼쪽 열이 {', '.join(map(str, cols))}일 때 "
        f"이 열을 덮습니다({len(cols)}가지).\n"
        f"{len(rows)} × {len(cols)} = {answer}개의 윈도에 들어갑니다."
    )
    if parsed.value == answer:
        return Feedback(True, f"정답입니다! {work}")
    return Feedback(False, f"아쉽습니다. {work}")


# --------------------------------------------------------------------------
# 10. 스트라이드 2 따라가기 (chapter 04)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class StrideStep:
    """The window at step ``index`` of a strided slide, and where it goes next (None at the end)."""

    index: int
    total: int
    position: tuple[int, int]
    next_position: tuple[int, int] | None
    next_window: np.ndarray | None
    next_value: float | None


def stride_step(x, kernel, index: int, *, stride: int = 2) -> StrideStep:
    """Where the window is at step ``index`` (0-based) and its next stop (chapter 04).

    Examples
    --------
    >>> step = stride_step(np.arange(49).reshape(7, 7), np.ones((3, 3), dtype=int), 2)
    >>> step.position, step.next_position, step.next_value, step.total
    ((0, 4), (2, 0), 198, 9)
    >>> stride_step(np.zeros((7, 7)), np.ones((3, 3)), 9)
    Traceback (most recent call last):
    ...
    ValueError: index must be between 0 and 8, got 9
    """
    x, kernel = np.asarray(x), np.asarray(kernel)
    positions = ops.window_positions(x.shape, kernel.shape, stride=stride)
    if not 0 <= index < len(positions):
        raise ValueError(f"index must be between 0 and {len(positions) - 1}, got {index}")
    if index + 1 == len(positions):
        return StrideStep(index, len(positions), positions[index], None, None, None)
    i, j = positions[index + 1]
    window = x[i : i + kernel.shape[0], j : j + kernel.shape[1]]
    return StrideStep(
        index,
        len(positions),
        positions[index],
        (i, j),
        window,
        np.asarray(ops.multiply_and_sum(window, kernel)).item(),
    )


def check_stride_step(
    x, kernel, index: int, row_text, col_text, value_text, *, stride: int = 2
) -> Feedback:
    """Check the next window position (row, column) and its multiply-and-sum.

    Examples
    --------
    >>> x, k = np.arange(49).reshape(7, 7), np.ones((3, 3), dtype=int)
    >>> check_stride_step(x, k, 0, "0", "2", "90").correct
    True
    >>> print(check_stride_step(x, k, 2, "0", "6", "0").message)
    아쉽습니다. 다음 윈도는 (0, 6)이 아니라 (2, 0)입니다.
    오른쪽으로 2칸 가면 윈도가 입력 밖으로 나가므로 2줄 아래로 내려가 왼쪽 끝에서 다시 시작합니다.
    >>> print(check_stride_step(x, k, 0, "0", "2", "1").message)
    위치 (0, 2)는 맞습니다. 그런데 곱과 합은 1이 아니라 90입니다.
    2×1 + 3×1 + 4×1 + 9×1 + 10×1 + 11×1 + 16×1 + 17×1 + 18×1 = 90
    """
    step = stride_step(x, kernel, index, stride=stride)
    if step.next_position is None:
        return Feedback(None, "마지막 자리입니다. 처음부터 다시 시작하세요.")
    entries = []
    for name, text in (("행", row_text), ("열", col_text), ("곱과 합", value_text)):
        is_value = name == "곱과 합"
        parsed = parse_number(
            text, integer=not is_value, minimum=None if is_value else 0, maximum=1e6
        )
        if not parsed.ok:
            return Feedback(None, f"{name}: {parsed.hint}")
        entries.append(parsed.value)
    row, col, value = entries
    here, nxt = step.position, step.next_position
    if (row, col) != nxt:
        if nxt[0] == here[0]:
            why = f"윈도는 같은 줄에서 오른쪽으로 {stride}칸 건너뜁니다."
        else:
            why = (
                f"오른쪽으로 {stride}칸 가면 윈도가 입력 밖으로 나가므로 "
                f"{stride}줄 아래로 내려가 왼쪽 끝에서 다시 시작합니다."
            )
        return Feedback(
            False, f"아쉽습니다. 다음 윈도는 ({row}, {col})이 아니라 {nxt}입니다.\n{why}"
        )
    work = worked_sum(step.next_window, np.asarray(kernel))
    if not _close(value, step.next_value):
        return Feedback(
            False,
            f"위치 {nxt}는 맞습니다. 그런데 곱과 합은 {_num(value)}이 아니라 "
            f"{_num(step.next_value)}입니다.\n{work}",
        )
    return Feedback(True, f"정답입니다! 윈도는 {nxt}로 갑니다: {work}")


# --------------------------------------------------------------------------
# 11. 풀링이 잃는 것 (chapter 05)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class PoolingLossProblem:
    """A 4x4 feature map and three others: exactly one max-pools to the same 2x2 result."""

    reference: np.ndarray
    candidates: tuple[np.ndarray, ...]

    @property
    def answer(self) -> int:
        """The index (0-based) of the candidate a 2x2 max pool cannot tell from ``reference``."""
        target = ops.max_pool2d(self.reference)
        same = [
            k for k, c in enumerate(self.candidates) if np.array_equal(ops.max_pool2d(c), target)
        ]
        if len(same) != 1:
            raise ValueError(f"exactly one candidate must pool like the reference, got {same}")
        return same[0]


def pooling_loss_problem(seed: int | None = None) -> PoolingLossProblem:
    """A pooling-loss problem (chapter 05): the right candidate keeps every region's maximum,
    moved and with other values around it; each wrong one lowers one region's maximum by one.

    Examples
    --------
    >>> p = pooling_loss_problem(seed=0)
    >>> len(p.candidates), p.answer in (0, 1, 2)
    (3, True)
    >>> any(np.array_equal(c, p.reference) for c in p.candidates)
    False
    """
    rng = np.random.default_rng(seed)
    reference = rng.integers(0, 10, (4, 4))
    pooled = ops.max_pool2d(reference)
    while True:
        same = np.zeros((4, 4), dtype=int)
        for r in (0, 2):
            for c in (0, 2):
                top = int(pooled[r // 2, c // 2])
                block = rng.integers(0, top + 1, 4)
                block[rng.integers(4)] = top
                same[r : r + 2, c : c + 2] = block.reshape(2, 2)
        if not np.array_equal(same, reference):
            break
    wrong = []
    for region in rng.choice(4, size=2, replace=False):
        other = same.copy()
        r, c = 2 * (region // 2), 2 * (region % 2)
        block = other[r : r + 2, c : c + 2]
        top = block.max()
        if top > 0:
            block[block == top] = top - 1  # the region's maximum drops by one
        else:
            block[rng.integers(2), rng.integers(2)] = 1
        wrong.append(other)
    candidates = [same, *wrong]
    order = rng.permutation(3)
    return PoolingLossProblem(reference, tuple(candidates[k] for k in order))


def check_pooling_loss(problem: PoolingLossProblem, choice: int) -> Feedback:
    """Check which candidate the student says a 2x2 max pool cannot tell from the reference.

    Examples
    --------
    >>> ref = np.array([[9, 0, 0, 0], [0, 0, 0, 5], [0, 7, 0, 0], [0, 0, 0, 0]])
    >>> same = np.array([[9, 9, 5, 5], [9, 9, 5, 5], [7, 7, 0, 0], [7, 7, 0, 0]])
    >>> other = same.copy(); other[3, 3] = 2
    >>> p = PoolingLossProblem(ref, (other, same))
    >>> check_pooling_loss(p, 1).correct
    True
    >>> print(check_pooling_loss(p, 0).message)
    아쉽습니다. 후보 1의 최대 풀링 결과는 [[9, 5], [7, 2]], 기준 맵은 [[9, 5], [7, 0]]입니다.
    오른쪽 아래 영역의 가장 큰 값이 0이 아니라 2라서 다릅니다. 후보 2번을 보세요.
    """
    if not 0 <= choice < len(problem.candidates):
        raise ValueError(
            f"choice must be between 0 and {len(problem.candidates) - 1}, got {choice}"
        )
    target = ops.max_pool2d(problem.reference)
    chosen = ops.max_pool2d(problem.candidates[choice])
    if choice == problem.answer:
        return Feedback(
            True,
            "정답입니다! 두 맵은 다르지만 최대 풀링 결과는 똑같이 "
            f"{target.tolist()}입니다.\n"
            "최대 풀링은 영역마다 가장 큰 값만 남기므로 나머지 세 값과 "
            "가장 큰 값이 영역 안 어디에 있었는지를 잃습니다.",
        )
    names = list(POOL_REGIONS)
    k = int(np.flatnonzero(chosen.ravel() != target.ravel())[0])
    return Feedback(
        False,
        f"아쉽습니다. 후보 {choice + 1}의 최대 풀링 결과는 {chosen.tolist()}, "
        f"기준 맵은 {target.tolist()}입니다.\n{names[k]} 영역의 가장 큰 값이 "
        f"{target.ravel()[k]}이 아니라 {chosen.ravel()[k]}라서 다릅니다. "
        f"후보 {problem.answer + 1}번을 보세요.",
    )


# --------------------------------------------------------------------------
# 12. 층별 출력 모양 (chapter 07)
# --------------------------------------------------------------------------

_KERAS_NAMES = {
    "Conv2D": "conv2d",
    "MaxPooling2D": "max_pooling2d",
    "Flatten": "flatten",
    "Dense": "dense",
    "Dropout": "dropout",
}


@dataclass(frozen=True)
class ShapeQuestion:
    key: str  # the name Keras gives the layer in chapter 07 (conv2d, max_pooling2d, ...)
    layer: str  # the layer as the slides write it
    answer: tuple[int, ...]
    reason: str


def _shape_questions() -> tuple[ShapeQuestion, ...]:
    """One question per slide-model layer, from :data:`cnn_utils.models.SLIDE_LAYERS`."""
    shapes = [models.SLIDE_INPUT, *models.expected_shapes()]
    seen: dict[str, int] = {}
    questions = []
    for k, (kind, size) in enumerate(models.SLIDE_LAYERS):
        base = _KERAS_NAMES[kind]
        key = base if base not in seen else f"{base}_{seen[base]}"
        seen[base] = seen.get(base, 0) + 1
        before, after = shapes[k], shapes[k + 1]
        f = models.SLIDE_FILTER_SIZE
        if kind == "Conv2D":
            layer = f"Conv2D({size}, {f}×{f}, padding='same')"
            reason = (
                f"same 패딩은 크기를 유지하고({before[0]} → {after[0]}), "
                f"채널 수는 필터 개수 {size}가 됩니다."
            )
        elif kind == "MaxPooling2D":
            layer = f"MaxPooling2D({size})"
            reason = (
                f"{size}×{size} 최대 풀링은 가로세로를 절반으로 줄이고"
                f"({before[0]} → {after[0]}), 채널 수 {before[2]}는 그대로입니다."
            )
        elif kind == "Flatten":
            layer = "Flatten()"
            reason = f"{'×'.join(map(str, before))} = {after[0]}개의 값을 한 줄로 펼칩니다."
        elif kind == "Dense":
            layer = f"Dense({size})"
            reason = f"밀집층은 뉴런 {size}개가 값을 하나씩 내므로 {size}개입니다."
        else:
            layer = f"Dropout({size})"
            reason = "드롭아웃은 값 일부를 0으로 만들 뿐 모양을 바꾸지 않습니다."
        questions.append(ShapeQuestion(key, layer, tuple(int(v) for v in after), reason))
    return tuple(questions)


#: Every layer of the slide model with its output shape (without the batch size).
SHAPE_QUESTIONS: tuple[ShapeQuestion, ...] = _shape_questions()


def _shape_text(shape) -> str:
    return "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"


def parse_shape(text) -> tuple[tuple[int, ...] | None, str | None]:
    """Read a typed shape such as ``(14, 14, 32)``, ``14x14x32`` or ``3136``; or a Korean hint.

    A leading ``None`` (Keras's batch size) is dropped.

    Examples
    --------
    >>> parse_shape("(14, 14, 32)"), parse_shape("14×14×32")[0], parse_shape("3136,")[0]
    (((14, 14, 32), None), (14, 14, 32), (3136,))
    >>> parse_shape("None, 7, 7, 64")[0]
    (7, 7, 64)
    >>> parse_shape("14, 열넷")[1]
    "'열넷'은(는) 숫자가 아닙니다. 숫자만 입력하세요 (예: 12)."
    >>> parse_shape(" ")[1]
    '모양을 입력하세요 (예: 28, 28, 1).'
    """
    raw = "" if text is None else str(text)
    parts = [p for p in re.split(r"[,x×*\s]+", raw.strip().strip("()[]")) if p]
    if parts and parts[0].lower() == "none":
        parts = parts[1:]
    if not parts:
        return None, "모양을 입력하세요 (예: 28, 28, 1)."
    if len(parts) > 4:
        return None, "모양의 숫자가 너무 많습니다. 배치 크기를 빼고 많아야 세 개입니다."
    values = []
    for part in parts:
        parsed = parse_number(part, minimum=1, maximum=10_000_000)
        if not parsed.ok:
            return None, parsed.hint
        values.append(int(parsed.value))
    return tuple(values), None


def check_shape_answer(key: str, text) -> Feedback:
    """Check one layer's output shape; a wrong answer gets the reason.

    Examples
    --------
    >>> check_shape_answer("max_pooling2d", "14, 14, 32").correct
    True
    >>> print(check_shape_answer("conv2d_1", "(14, 14, 32)").message)
    아쉽습니다. (14, 14, 32)이(가) 아니라 (14, 14, 64)입니다.
    same 패딩은 크기를 유지하고(14 → 14), 채널 수는 필터 개수 64가 됩니다.
    >>> check_shape_answer("conv9", "1")
    Traceback (most recent call last):
    ...
    ValueError: key must be one of ['conv2d', 'max_pooling2d', 'conv2d_1', 'max_pooling2d_1', \
'flatten', 'dense', 'dropout', 'dense_1'], got 'conv9'
    """
    questions = {q.key: q for q in SHAPE_QUESTIONS}
    if key not in questions:
        raise ValueError(f"key must be one of {list(questions)}, got {key!r}")
    q = questions[key]
    shape, hint = parse_shape(text)
    if hint:
        return Feedback(None, hint)
    if shape == q.answer:
        return Feedback(True, f"정답입니다! {_shape_text(q.answer)}: {q.reason}")
    return Feedback(
        False,
        f"아쉽습니다. {_shape_text(shape)}이(가) 아니라 {_shape_text(q.answer)}입니다.\n{q.reason}",
    )
