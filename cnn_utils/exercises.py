"""The classroom exercises as descriptions: problems, answer fields, feedback templates.

An :class:`Exercise` is data: the problems made from a seed (or the steps of
a walk), the answer :class:`~cnn_utils.answers.Group` rows, and for each
problem the :class:`~cnn_utils.answers.Check` with its right answers and Korean
feedback. Nothing here draws controls: :mod:`cnn_utils.widgets` renders an
exercise as ipywidgets, :mod:`cnn_utils.static` as the web book's form, and
both judge answers with :func:`cnn_utils.answers.judge`. A new exercise is a
new function here (and a chapter cell), nothing else.

Exercises, by chapter: 곱과 합 (01), 윈도 슬라이딩 (02), 픽셀 사용 횟수 (03),
스트라이드 2 따라가기 (04), 풀링 값과 풀링이 잃는 것 (05), 크기 공식 퀴즈 (06),
층별 출력 모양과 파라미터 개수 (07), 필터 읽기 (08). The two explorers (패딩·스트라이드
탐색기, 필터 설계) compute what they show: :func:`explore_sizes`, :func:`filter_response`.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from cnn_utils import models, ops
from cnn_utils.answers import (
    Case,
    Check,
    ChoiceField,
    Group,
    NumberField,
    ShapeField,
    particle,
    said,
)
from cnn_utils.answers import same as answers_same

#: How many problems the web book's form of an exercise with 새 문제 carries.
BANK = 12


# --------------------------------------------------------------------------
# the description
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """A menu that chooses which question of a problem is asked (e.g. a region and a kind)."""

    name: str
    label: str
    options: tuple[tuple[str, str], ...]  # (value, text)


@dataclass(frozen=True)
class Figure:
    """A picture of a problem: a PNG data URI and its Korean description."""

    src: str
    alt: str


@dataclass(frozen=True)
class Problem:
    """One problem (or one step): its statement (HTML), its checks and figures.

    ``checks`` is keyed by group key, followed by ``|`` and the params' values
    when the exercise has params; a group without a check is not asked.
    """

    statement: str = ""
    checks: Mapping[str, Check] = field(default_factory=dict)
    figure: Figure | None = None
    solved_figure: Figure | None = None  # replaces the figure once any answer is checked

    def data(self) -> dict:
        return {
            "statement": self.statement,
            "checks": {k: c.data() for k, c in self.checks.items()},
            "figure": self.figure and vars(self.figure),
            "solved_figure": self.solved_figure and vars(self.solved_figure),
        }


@dataclass(frozen=True)
class Exercise:
    """An exercise: what every reader (widget, web book, PDF, instructor page) renders.

    ``nav`` is ``"new"`` (새 문제: ``make(seed)`` from ``first_seed`` on; the web
    book carries the first :data:`BANK`), ``"steps"`` (◀ 이전, 다음 ▶, 처음부터
    through ``problems``) or None (one problem). ``submit_all``: one button
    checks every group. ``example`` is a worked example of another problem (HTML).
    """

    key: str
    title: str
    intro: str
    groups: tuple[Group, ...]
    problems: tuple[Problem, ...]
    nav: str | None = None
    make: Callable[[int], Problem] | None = None
    first_seed: int = 0
    params: tuple[Param, ...] = ()
    score: bool = False
    submit_all: bool = False
    example: str = ""

    def problem(self, number: int) -> Problem:
        """The ``number``-th problem (0 first): from ``make`` when there is one, beyond the bank."""
        if self.make is not None:
            return self.make(self.first_seed + number)
        return self.problems[number]

    def check(self, problem: Problem, group: str, params: Mapping[str, str] | None = None):
        """The :class:`Check` of ``group`` for the params' values (None: not asked here)."""
        variant = "".join(f"|{(params or {})[p.name]}" for p in self.params)
        return problem.checks.get(group + variant)

    def data(self) -> dict:
        """Everything the web book's form needs, JSON-serialisable."""
        return {
            "key": self.key,
            "title": self.title,
            "intro": self.intro,
            "nav": self.nav,
            "score": self.score,
            "submit_all": self.submit_all,
            "params": [
                {"name": p.name, "label": p.label, "options": p.options} for p in self.params
            ],
            "groups": [g.data() for g in self.groups],
            "problems": [p.data() for p in self.problems],
            "step": STEP,
        }


#: The label of a step (nav "steps").
STEP = "단계 {number}/{total}"


def _bank(make: Callable[[int], Problem], seed: int) -> tuple[Problem, ...]:
    return tuple(make(seed + k) for k in range(BANK))


def _check_seed(seed) -> int:
    """The first problem's seed: the one given (0 <= seed < 2**32), or a random one for None."""
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


def _num(value) -> str:
    return ops.format_number(value, decimals=4)


def _wrong(answer_text: str, explanation: str, key: str = "main") -> Case:
    """The book's one pattern for a wrong answer: what was typed, the answer, the working."""
    return Case(f"아쉽습니다. {typed(key, '이')} 아니라 {answer_text}입니다.\n{explanation}")


def _slips(answer, explanation: str, slips, key: str = "main") -> tuple[Case, ...]:
    """Cases for typical wrong answers: ``slips`` is ``(value, mistake, what it is)``.

    A slip whose value is the answer, or that an earlier slip already names, is left out:
    each typed value gets one message, which names the mistake, then the working.
    """
    cases, seen = [], set()
    for value, mistake, say in slips:
        if answers_same(value, answer) or any(answers_same(value, v) for v in seen):
            continue
        seen.add(value)
        cases.append(
            Case(
                f"아쉽습니다. {typed(key, '은')} {say}\n{explanation}",
                equal=((key, value),),
                mistake=mistake,
            )
        )
    return tuple(cases)


# --------------------------------------------------------------------------
# small matrices as HTML (statements work in a notebook, the web book and the PDF)
# --------------------------------------------------------------------------

#: The style of the exercises' small matrices and grids; every reader's HTML carries it once.
STYLE = (
    ".cnn-matrix{border-collapse:collapse;display:inline-table;margin:4px 10px 4px 0;"
    "vertical-align:top}"
    ".cnn-matrix td{border:1px solid #999;padding:3px 7px;text-align:center;min-width:1.5em;"
    "height:1.6em;color:#1f2328;background:#fff}"
    ".cnn-matrix th{padding:0 4px;color:#57606a;font-weight:normal;font-size:85%}"
    ".cnn-matrix caption{caption-side:top;font-size:90%;text-align:left;white-space:nowrap}"
    ".cnn-matrix td.w{background:#fde0dd;outline:2px solid #d62728;outline-offset:-2px}"
    ".cnn-grid{border-collapse:collapse;margin:4px 0}"
    ".cnn-grid td{width:1.3em;height:1.3em;border:1px solid #999;text-align:center;"
    "font-size:80%;line-height:1;color:#d62728;background:#fff}"
    ".cnn-grid td.cnn-grid-pad{background:#c8c8c8}"
    ".cnn-grid td.cnn-grid-out{background-image:repeating-linear-gradient(45deg,#0000 0 3px,"
    "#9a6700 3px 4px)}"
)


def matrix_html(m, *, highlight=None, shade=None, caption: str = "", indices: bool = False) -> str:
    """A small matrix as an HTML table (class ``cnn-matrix``, see :data:`STYLE`).

    ``highlight`` is a window ``(row, col, height, width)``; ``shade`` maps
    cells to a background colour; ``indices`` numbers the rows and columns
    from 0 (for questions that name a cell).

    Examples
    --------
    >>> matrix_html([[1, 2], [3, 4]], highlight=(0, 0, 1, 2), caption="입력")
    '<table class="cnn-matrix"><caption>입력</caption><tr><td class="w">1</td><td class="w">2</td></tr><tr><td>3</td><td>4</td></tr></table>'
    """  # noqa: E501 (doctest output)
    m = np.asarray(m)
    rows = []
    if indices:
        rows.append("<tr><th></th>" + "".join(f"<th>{j}</th>" for j in range(m.shape[1])) + "</tr>")
    for i in range(m.shape[0]):
        cells = [f"<th>{i}</th>"] if indices else []
        for j in range(m.shape[1]):
            value = m[i, j]
            text = "" if isinstance(value, float) and np.isnan(value) else _num(value)
            window = highlight is not None and (
                highlight[0] <= i < highlight[0] + highlight[2]
                and highlight[1] <= j < highlight[1] + highlight[3]
            )
            attrs = ' class="w"' if window else ""
            if shade and (i, j) in shade:
                attrs += f' style="background:{shade[(i, j)]}"'
            cells.append(f"<td{attrs}>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f'<table class="cnn-matrix">{head}' + "".join(rows) + "</table>"


def _matrix(value, name: str, *, shape=None, at_most: int | None = None) -> np.ndarray:
    """A 2-D array of finite numbers for an exercise, or an error naming ``name``."""
    array = ops._as_array(value, name)
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


# --------------------------------------------------------------------------
# 01. 곱과 합
# --------------------------------------------------------------------------


def worked_sum(window, kernel) -> str:
    """The multiply-and-sum written out term by term (chapter 01).

    Examples
    --------
    >>> worked_sum([[1, 2], [3, 4]], [[1, 0], [-1, 2]])
    '1×1 + 2×0 + 3×(-1) + 4×2 = 6'
    """
    window, kernel = np.asarray(window), np.asarray(kernel)
    pairs = zip(window.ravel(), kernel.ravel(), strict=True)
    terms = " + ".join(
        f"{ops.format_number(a, decimals=4, bracket_negative=True)}×"
        f"{ops.format_number(b, decimals=4, bracket_negative=True)}"
        for a, b in pairs
    )
    return f"{terms} = {_num(ops.multiply_and_sum(window, kernel))}"


def _multiply_sum_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    window, kernel = rng.integers(0, 4, (3, 3)), rng.integers(-1, 3, (3, 3))
    answer, work = ops.multiply_and_sum(window, kernel), worked_sum(window, kernel)
    slips = (
        (
            int(window.sum() + kernel.sum()),
            "곱하지 않고 더함",
            "윈도와 필터의 숫자를 곱하지 않고 모두 더한 값입니다. 같은 자리끼리 먼저 곱합니다.",
        ),
        (
            int(np.abs(window * kernel).sum()),
            "음수의 부호를 놓침",
            "음수 가중치(-1)와의 곱을 빼지 않고 더한 값입니다. 음수와의 곱은 합을 줄입니다.",
        ),
    )
    explanation = f"같은 자리끼리 곱해서 모두 더하세요:\n{work}"
    return Problem(
        "윈도 " + matrix_html(window) + " ×&nbsp;필터 " + matrix_html(kernel),
        {
            "main": Check(
                {"main": answer},
                f"정답입니다! {work}",
                (*_slips(answer, work, slips), _wrong(_num(answer), explanation)),
            )
        },
    )


def multiply_sum(seed: int = 0) -> Exercise:
    """Type the multiply-and-sum of a 3x3 window and a 3x3 filter (chapter 01).

    Examples
    --------
    >>> from cnn_utils.answers import judge
    >>> exercise = multiply_sum(seed=0)
    >>> group, check = exercise.groups[0], exercise.problems[0].checks["main"]
    >>> judge(group, check, {"main": str(check.answer["main"])}).correct
    True
    """
    seed = _check_seed(seed)
    example = _multiply_sum_problem(1000)
    return Exercise(
        "multiply-sum",
        "곱과 합 계산하기",
        "윈도(window)와 필터의 같은 자리끼리 곱해서 모두 더한 값을 입력하세요.",
        (
            Group(
                "main",
                (NumberField("main", "곱과 합", "곱과 합", minimum=-10_000, maximum=10_000),),
            ),
        ),
        _bank(_multiply_sum_problem, seed),
        nav="new",
        make=_multiply_sum_problem,
        first_seed=seed,
        example=example.statement
        + "<br>"
        + html.escape(example.checks["main"].right[len("정답입니다! ") :]),
    )


# --------------------------------------------------------------------------
# 02. 윈도 슬라이딩
# --------------------------------------------------------------------------

#: The largest input the sliding exercises take (a student follows every step).
MAX_STEPS_INPUT = 10


def _moved(here: tuple[int, int], there: tuple[int, int], stride: int = 1) -> str:
    step = "한 " if stride == 1 else str(stride)
    if there[0] == here[0]:
        return f"오른쪽으로 {step}칸 옮겨 간"
    return f"{step}줄 아래로 내려가 다시 왼쪽에서 시작한"


def sliding(x, kernel) -> Exercise:
    """Step the window and predict the next feature-map value (chapter 02).

    Examples
    --------
    >>> exercise = sliding(np.arange(16).reshape(4, 4), np.ones((3, 3), dtype=int))
    >>> len(exercise.problems), exercise.problems[0].checks["main"].answer
    (4, {'main': 54})
    >>> sliding(np.zeros((28, 28)), np.ones((3, 3)))
    Traceback (most recent call last):
    ...
    ValueError: x must be at most 10x10 for this exercise (a student follows every step), got 28x28: take a part, e.g. x[:6, :6]
    """  # noqa: E501 (doctest output)
    x = _matrix(x, "x", at_most=MAX_STEPS_INPUT)
    kernel = _matrix(kernel, "kernel")
    if any(k > n for k, n in zip(kernel.shape, x.shape, strict=True)):
        raise ValueError(f"kernel ({kernel.shape}) must fit inside x ({x.shape})")
    fh, fw = kernel.shape
    positions = ops.window_positions(x.shape, kernel.shape)
    out = ops.conv2d(x, kernel)
    steps = []
    for k, (i, j) in enumerate(positions):
        window = x[i : i + fh, j : j + fw]
        partial = np.full(out.shape, np.nan)
        partial.ravel()[: k + 1] = out.ravel()[: k + 1]
        statement = (
            f"단계 {k + 1}/{len(positions)}: 윈도는 ({i}, {j}) 자리에 있습니다.<br>"
            + matrix_html(x, highlight=(i, j, fh, fw), caption="입력")
            + matrix_html(window * kernel, caption=f"같은 자리끼리 곱 (합 {_num(out.ravel()[k])})")
            + matrix_html(partial, caption="특성 맵")
        )
        checks = {}
        if k + 1 < len(positions):
            there = positions[k + 1]
            nxt = x[there[0] : there[0] + fh, there[1] : there[1] + fw]
            value, work, moved = (
                out.ravel()[k + 1].item(),
                worked_sum(nxt, kernel),
                _moved((i, j), there),
            )
            checks["main"] = Check(
                {"main": value},
                f"정답입니다! 윈도가 {moved} {there} 자리: {work}",
                (_wrong(_num(value), f"윈도가 {moved} {there} 자리의 곱과 합입니다:\n{work}"),),
                advance=True,
            )
        else:
            statement += (
                "<br>마지막 자리입니다. 특성 맵이 다 채워졌습니다. "
                "'처음부터'를 누르면 다시 시작합니다."
            )
        steps.append(Problem(statement, checks))
    ex = np.array([[1, 0, 2, 1], [0, 2, 1, 0], [1, 1, 0, 2], [2, 0, 1, 1]])
    ek = np.array([[1, 0], [0, 1]])
    return Exercise(
        "sliding",
        "윈도 슬라이딩 따라가기",
        "윈도가 왼쪽에서 오른쪽으로, 줄 끝에서는 한 줄 아래 왼쪽 끝으로 옮겨 갑니다.",
        (
            Group(
                "main",
                (
                    NumberField(
                        "main",
                        "다음 칸의 값",
                        "다음 칸의 값",
                        integer=False,
                        minimum=-1e6,
                        maximum=1e6,
                    ),
                ),
                prompt="윈도가 다음 자리로 가면 특성 맵에 어떤 값이 들어갈까요?",
            ),
        ),
        tuple(steps),
        nav="steps",
        example=(
            "입력 "
            + matrix_html(ex, highlight=(0, 1, 2, 2))
            + " 필터 "
            + matrix_html(ek)
            + "<br>"
            + html.escape(f"윈도가 (0, 1) 자리에 있으면 곱과 합은 {worked_sum(ex[:2, 1:3], ek)}")
        ),
    )


# --------------------------------------------------------------------------
# 03. 픽셀 사용 횟수 (and the padding/stride explorer of 03-04)
# --------------------------------------------------------------------------


def _covering(index: int, n: int, f: int, padding: int) -> list[int]:
    """Start rows (columns) of the stride-1 windows that cover row (column) ``index``."""
    return [i for i in range(n + 2 * padding - f + 1) if i <= index + padding < i + f]


def _pixel_usage_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    n, f = int(rng.integers(4, 7)), 3
    row, col = int(rng.choice([0, 1, n - 1])), int(rng.integers(0, n))
    question = (
        f"{n}×{n} 이미지에 {f}×{f} 필터를 스트라이드 1로 윈도 슬라이딩합니다. "
        f"(행 {row}, 열 {col}) 픽셀은 몇 개의 윈도에 들어갑니까?"
    )
    checks = {}
    for key, p in (("valid", 0), ("same", (f - 1) // 2)):
        answer = int(ops.pixel_usage(n, f, padding=p)[row, col])
        rows, cols = _covering(row, n, f, p), _covering(col, n, f, p)
        where = (
            f"{p}픽셀 패딩을 하면 이 픽셀은 패딩한 격자의 ({row + p}, {col + p})에 있습니다.\n"
            if p
            else ""
        )
        work = (
            f"{where}윈도의 윗줄이 {', '.join(map(str, rows))}일 때 이 행을 "
            f"덮고({len(rows)}가지),\n"
            f"윈도의 왼쪽 열이 {', '.join(map(str, cols))}일 때 이 열을 "
            f"덮습니다({len(cols)}가지).\n"
            f"{len(rows)} × {len(cols)} = {answer}개의 윈도에 들어갑니다."
        )
        checks[key] = Check(
            {key: answer}, f"정답입니다! {work}", (_wrong(f"{answer}개", work, key),)
        )
    grid = matrix_html(np.full((n, n), np.nan), shade={(row, col): "#fdae6b"}, indices=True)
    return Problem(html.escape(question) + "<br>" + grid, checks)


def pixel_usage(seed: int = 0) -> Exercise:
    """Count the windows that cover one pixel, without and with padding (chapter 03).

    Examples
    --------
    >>> exercise = pixel_usage(seed=0)
    >>> sorted(exercise.problems[0].checks)
    ['same', 'valid']
    """
    seed = _check_seed(seed)
    count = dict(placeholder="윈도 개수", minimum=0, maximum=10_000)
    return Exercise(
        "pixel-usage",
        "픽셀이 쓰이는 횟수 세기",
        "칸의 자리는 행과 열의 인덱스(0부터)로 씁니다.",
        (
            Group(
                "valid",
                (NumberField("valid", "패딩 없이 윈도 개수", **count),),
                "패딩 없이(valid):",
            ),
            Group(
                "same",
                (NumberField("same", "1픽셀 제로 패딩으로 윈도 개수", **count),),
                "1픽셀 제로 패딩(same):",
            ),
        ),
        _bank(_pixel_usage_problem, seed),
        nav="new",
        make=_pixel_usage_problem,
        first_seed=seed,
        example=html.escape(
            "풀이 예시 (4×4 이미지, 3×3 필터, (행 0, 열 1) 픽셀): 패딩 없이 윈도의 윗줄은 0일 때만 "
            "이 행을 덮고"
            "(1가지), 왼쪽 열은 0, 1일 때 이 열을 덮으므로 1 × 2 = 2개. 1픽셀 패딩을 하면 2 × 3 = "
            "6개입니다."
        ),
    )


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
    formula: str = ""

    @property
    def message(self) -> str:
        """The explorer's text: the setting, the worked formula, a warning when floored."""
        top, bottom = self.pads
        p = str(top) if top == bottom else UNEVEN.format(top=top, bottom=bottom)
        lines = [SETTING.format(n=self.n, f=self.f, p=p, s=self.stride), self.formula]
        if self.unreached:
            lines.append(UNREACHED.format(count=self.unreached))
        return "\n".join(lines)


#: The explorer's warning when the stride does not divide n + 2P - f.
UNREACHED = "⚠ 나누어떨어지지 않습니다: 마지막 {count}칸은 윈도가 닿지 않아 계산에 쓰이지 않습니다."


def explore_sizes(n: int, f: int, *, padding: ops.Padding, stride: int) -> SizeReport:
    """Output size by the formula, with the Korean worked formula (chapters 03-04).

    Never raises for settings a slider can produce: a filter larger than the
    padded input gets a hint instead.

    Examples
    --------
    >>> r = explore_sizes(8, 3, padding=0, stride=2)
    >>> r.output, r.unreached
    (3, 1)
    >>> print(r.message)
    입력 8×8, 필터 3×3, 패딩 0, 스트라이드 2
    OH = (8 + 2×0 - 3) / 2 + 1 = 2.5 + 1 → 나누어떨어지지 않아 내림: 2 + 1 = 3
    ⚠ 나누어떨어지지 않습니다: 마지막 1칸은 윈도가 닿지 않아 계산에 쓰이지 않습니다.
    >>> explore_sizes(3, 5, padding=0, stride=1).formula
    '필터(5×5)가 패딩한 입력(3×3)보다 큽니다. 필터를 줄이거나 패딩을 늘리세요.'
    """
    pads = ops.padding_amounts((n, n), (f, f), stride=stride, padding=padding)[0]
    padded = n + sum(pads)
    if f > padded:
        formula = (
            f"필터({f}×{f})가 패딩한 입력({padded}×{padded})보다 큽니다. "
            "필터를 줄이거나 패딩을 늘리세요."
        )
        return SizeReport(n, f, padding, stride, pads, None, None, formula)
    out = ops.output_size(n, f, padding, stride)
    unreached = (padded - f) % stride
    if pads[0] == pads[1]:
        formula = ops.explain_output_size(n, f, pads[0], stride)
    else:  # TensorFlow's 'same' with an odd total: the formula with the total padding
        head = f"OH = ({n} + {pads[0]}+{pads[1]} - {f}) / {stride} + 1 = "
        floor = (padded - f) // stride
        formula = head + (
            f"{floor} + 1 = {out}"
            if not unreached
            else f"{(padded - f) / stride:g} + 1 → 나누어떨어지지 않아 내림: {floor} + 1 = {out}"
        )
    return SizeReport(n, f, padding, stride, pads, out, unreached, formula)


#: What marks a window's centre in the explorer's grid.
GRID_DOT = "●"


def size_grid_html(report: SizeReport) -> str:
    """The padded input as a grid: zero padding grey, a dot where each window is centred,
    cells no window reaches hatched (the explorer's picture; the web book draws the same).

    Examples
    --------
    >>> grid = size_grid_html(explore_sizes(5, 3, padding=1, stride=2))
    >>> grid.count("<td"), grid.count("●")
    (49, 9)
    """
    top, bottom = report.pads
    size = report.n + top + bottom
    reach = size if not report.output else (report.output - 1) * report.stride + report.f
    centres = set()
    if report.output:
        half = (report.f - 1) // 2
        starts = [k * report.stride + half for k in range(report.output)]
        centres = {(i, j) for i in starts for j in starts}
    rows = []
    for i in range(size):
        cells = []
        for j in range(size):
            pad = not (top <= i < top + report.n and top <= j < top + report.n)
            kind = "pad" if pad else "in"
            if i >= reach or j >= reach:
                kind += " out"
            classes = " ".join(f"cnn-grid-{k}" for k in kind.split())
            cells.append(f'<td class="{classes}">{GRID_DOT if (i, j) in centres else ""}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table class="cnn-grid">' + "".join(rows) + "</table>"


# --------------------------------------------------------------------------
# 04. 스트라이드 2 따라가기
# --------------------------------------------------------------------------


def stride_steps(x, kernel, stride: int = 2) -> Exercise:
    """Say where a strided window goes next and what it computes there (chapter 04).

    Examples
    --------
    >>> exercise = stride_steps(np.arange(49).reshape(7, 7), np.ones((3, 3), dtype=int))
    >>> exercise.problems[0].checks["main"].answer
    {'row': 0, 'col': 2, 'value': 90}
    """
    x, kernel = _matrix(x, "x", at_most=MAX_STEPS_INPUT), _matrix(kernel, "kernel")
    if (
        isinstance(stride, bool)
        or not isinstance(stride, (int, np.integer))
        or not 1 <= stride <= min(x.shape)
    ):
        raise ValueError(f"stride must be an integer from 1 to {min(x.shape)}, got {stride!r}")
    if any(k > n for k, n in zip(kernel.shape, x.shape, strict=True)):
        raise ValueError(f"kernel ({kernel.shape}) must fit inside x ({x.shape})")
    fh, fw = kernel.shape
    positions = ops.window_positions(x.shape, kernel.shape, stride=stride)
    steps = []
    for k, here in enumerate(positions):
        statement = (
            f"스트라이드 {stride}. 지금 윈도는 {here} 자리({k + 1}/{len(positions)}번째)입니다.<br>"
            + matrix_html(x, highlight=(*here, fh, fw), caption="입력")
            + matrix_html(kernel, caption="필터")
        )
        checks = {}
        if k + 1 < len(positions):
            there = positions[k + 1]
            window = x[there[0] : there[0] + fh, there[1] : there[1] + fw]
            value, work = ops.multiply_and_sum(window, kernel), worked_sum(window, kernel)
            why = (
                f"윈도는 같은 줄에서 오른쪽으로 {stride}칸 건너뜁니다."
                if there[0] == here[0]
                else f"오른쪽으로 {stride}칸 가면 윈도가 입력 밖으로 나가므로 "
                f"{stride}줄 아래로 내려가 왼쪽 끝에서 다시 시작합니다."
            )
            checks["main"] = Check(
                {"row": there[0], "col": there[1], "value": value},
                f"정답입니다! 윈도는 {there}{particle(str(there), '으로')} 갑니다: {work}",
                (
                    Case(
                        f"아쉽습니다. 다음 윈도의 자리는 {there}입니다 (입력: 행 {{row}}, 열 "
                        f"{{col}}).\n{why}",
                        wrong=("row", "col"),
                    ),
                    Case(
                        f"위치 {said(str(there), '은')} 맞습니다. 그런데 곱과 합은 "
                        f"{typed('value', '이')} "
                        f"아니라 {_num(value)}입니다.\n{work}"
                    ),
                ),
                advance=True,
            )
        else:
            statement += "<br>마지막 자리입니다. '처음부터'를 누르면 다시 시작합니다."
        steps.append(Problem(statement, checks))
    place = dict(minimum=0, maximum=1e6)
    return Exercise(
        "stride-steps",
        f"스트라이드 {stride}로 윈도 옮기기",
        "다음 윈도의 왼쪽 위 자리(행, 열)와 그 자리의 곱과 합을 입력하세요. 행과 열은 "
        "인덱스(0부터)로 씁니다.",
        (
            Group(
                "main",
                (
                    NumberField("row", "행", "행", **place),
                    NumberField("col", "열", "열", **place),
                    NumberField("value", "곱과 합", "곱과 합", integer=False),
                ),
                "다음 윈도의 (행, 열)과 곱과 합:",
            ),
        ),
        tuple(steps),
        nav="steps",
        example=html.escape(
            f"풀이 예시: 스트라이드 {stride}로 줄 끝에 있는 윈도는 다음에 {stride}줄 아래, 왼쪽 "
            "끝(열 0)으로 갑니다."
        ),
    )


# --------------------------------------------------------------------------
# 05. 풀링
# --------------------------------------------------------------------------

POOLING_MATRIX = np.array([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]])
"""The slide-style 4x4 feature map of the pooling exercise."""
#: Another 4x4 map, for the pooling exercise's worked example (never the asked map's answers).
POOLING_EXAMPLE = np.array([[2, 0, 1, 3], [4, 1, 0, 2], [1, 5, 2, 2], [0, 3, 6, 1]])

POOL_REGIONS = {"왼쪽 위": (0, 0), "오른쪽 위": (0, 2), "왼쪽 아래": (2, 0), "오른쪽 아래": (2, 2)}
_REGION_COLORS = ("#fde0dd", "#deebf7", "#e5f5e0", "#fff7bc")
POOL_KINDS = (("max", "최대 풀링"), ("average", "평균 풀링"))


def pooled_value(matrix, region: str, kind: str) -> float:
    """Max or average of one 2x2 region of ``matrix``.

    Examples
    --------
    >>> [pooled_value(POOLING_MATRIX, "왼쪽 위", kind) for kind in ("max", "average")]
    [6, 3.25]
    """
    if region not in POOL_REGIONS:
        raise ValueError(f"region must be one of {list(POOL_REGIONS)}, got {region!r}")
    if kind not in dict(POOL_KINDS):
        raise ValueError(f"kind must be 'max' or 'average', got {kind!r}")
    r, c = POOL_REGIONS[region]
    block = np.asarray(matrix)[r : r + 2, c : c + 2]
    return block.max().item() if kind == "max" else block.mean().item()


def pooling(matrix=POOLING_MATRIX) -> Exercise:
    """Predict the max or average of a 2x2 region (chapter 05).

    Examples
    --------
    >>> exercise = pooling()
    >>> question = {"region": "왼쪽 위", "kind": "average"}
    >>> exercise.check(exercise.problems[0], "main", question).answer
    {'main': 3.25}
    """
    matrix = _matrix(matrix, "matrix", shape=(4, 4))
    shade = {
        (r + i, c + j): color
        for ((r, c), color) in zip(POOL_REGIONS.values(), _REGION_COLORS, strict=True)
        for i in range(2)
        for j in range(2)
    }
    checks = {}
    for region, (r, c) in POOL_REGIONS.items():
        block = matrix[r : r + 2, c : c + 2].ravel()
        for kind, _ in POOL_KINDS:
            value = pooled_value(matrix, region, kind)
            if kind == "max":
                values = ", ".join(map(_num, block))
                how = f"최대 풀링은 네 값 {values} 중 가장 큰 값 {_num(value)}입니다."
            else:
                total = " + ".join(map(_num, block))
                how = f"평균 풀링은 네 값의 평균입니다: ({total}) / 4 = {_num(value)}"
            slips = (
                (
                    (
                        float(block.sum()),
                        "평균 대신 합",
                        "네 값의 합입니다. 평균은 합을 4로 나눕니다.",
                    )
                    if kind == "average"
                    else (
                        float(block.mean()),
                        "최대 대신 평균",
                        "네 값의 평균입니다. 최대 풀링은 가장 큰 값 하나를 남깁니다.",
                    )
                ),
            )
            checks[f"main|{region}|{kind}"] = Check(
                {"main": value},
                f"정답입니다! {how}",
                (*_slips(value, how, slips), _wrong(_num(value), how)),
            )
    other = POOLING_EXAMPLE if not np.array_equal(POOLING_EXAMPLE, matrix) else POOLING_EXAMPLE.T
    example = (
        matrix_html(other, caption="다른 특성 맵")
        + matrix_html(ops.max_pool2d(other), caption="최대 풀링")
        + matrix_html(ops.avg_pool2d(other), caption="평균 풀링")
    )
    return Exercise(
        "pooling",
        "풀링 값 예측하기",
        "영역과 풀링 종류를 고르고 그 영역의 풀링 결과를 입력하세요.",
        (
            Group(
                "main",
                (
                    NumberField(
                        "main", "풀링 결과", "풀링 결과", integer=False, minimum=-1e6, maximum=1e6
                    ),
                ),
            ),
        ),
        (Problem("특성 맵 " + matrix_html(matrix, shade=shade), checks),),
        params=(
            Param("region", "영역", tuple((r, r) for r in POOL_REGIONS)),
            Param("kind", "풀링 종류", POOL_KINDS),
        ),
        example="풀이 예시 (다른 특성 맵): 2×2 영역마다 가장 큰 값과 평균입니다. " + example,
    )


def _pooling_loss_maps(seed: int) -> tuple[np.ndarray, tuple[np.ndarray, ...], int]:
    """A 4x4 map and three others; exactly one max-pools like it (the answer's index).

    The right candidate keeps every region's maximum, moved and with other
    values around it; each wrong one lowers one region's maximum by one.
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
    order = rng.permutation(3)
    candidates = tuple([same, *wrong][k] for k in order)
    return reference, candidates, int(np.flatnonzero(order == 0)[0])


def _pooling_loss_problem(seed: int) -> Problem:
    reference, candidates, answer = _pooling_loss_maps(seed)
    target = ops.max_pool2d(reference)
    names = list(POOL_REGIONS)
    cases = []
    for k, candidate in enumerate(candidates):
        chosen = ops.max_pool2d(candidate)
        if k == answer:
            continue
        d = int(np.flatnonzero(chosen.ravel() != target.ravel())[0])
        low = str(chosen.ravel()[d])
        because = low + ("이라서" if particle(low, "이") == "이" else "라서")
        cases.append(
            Case(
                f"아쉽습니다. 후보 {k + 1}의 최대 풀링 결과는 {chosen.tolist()}, 기준 맵은 "
                f"{target.tolist()}입니다.\n"
                f"{names[d]} 영역의 가장 큰 값이 {said(int(target.ravel()[d]), '이')} 아니라 "
                f"{because} 다릅니다. 후보 {answer + 1}번을 보세요.",
                equal=(("main", str(k)),),
            )
        )
    boxes = [("기준 맵", reference), *((f"후보 {k + 1}", m) for k, m in enumerate(candidates))]
    return Problem(
        "".join(matrix_html(m, caption=name) for name, m in boxes),
        {
            "main": Check(
                {"main": str(answer)},
                f"정답입니다! 두 맵은 다르지만 최대 풀링 결과는 똑같이 {target.tolist()}입니다.\n"
                "최대 풀링은 영역마다 가장 큰 값만 남기므로 나머지 세 값과 가장 큰 값이 영역 안 "
                "어디에 "
                "있었는지를 잃습니다.",
                tuple(cases),
            )
        },
    )


def pooling_loss(seed: int = 0) -> Exercise:
    """Pick the feature map a 2x2 max pool cannot tell from the reference (chapter 05).

    Examples
    --------
    >>> exercise = pooling_loss(seed=0)
    >>> exercise.problems[0].checks["main"].answer["main"] in ("0", "1", "2")
    True
    """
    seed = _check_seed(seed)
    reference, candidates, answer = _pooling_loss_maps(1000)
    right = candidates[answer]
    return Exercise(
        "pooling-loss",
        "풀링이 잃는 정보 찾기",
        "세 후보 중 하나는 기준 맵과 다르지만 2×2 최대 풀링 결과가 똑같습니다. 어느 것일까요?",
        (
            Group(
                "main",
                (
                    ChoiceField(
                        "main", "후보", options=tuple((str(k), f"후보 {k + 1}") for k in range(3))
                    ),
                ),
                button=None,
            ),
        ),
        _bank(_pooling_loss_problem, seed),
        nav="new",
        make=_pooling_loss_problem,
        first_seed=seed,
        example=(
            matrix_html(reference, caption="기준 맵")
            + matrix_html(right, caption="다른 맵")
            + matrix_html(ops.max_pool2d(right), caption="둘 다 최대 풀링하면")
        ),
    )


# --------------------------------------------------------------------------
# 06. 크기 공식 퀴즈
# --------------------------------------------------------------------------


def _size_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    while True:
        h = int(rng.choice([5, 6, 7, 8, 10, 12, 14, 28, 32]))
        fh, p, s = int(rng.choice([1, 2, 3, 5])), int(rng.integers(0, 3)), int(rng.integers(1, 4))
        if fh <= h + 2 * p:
            break
    answer, work = ops.output_size(h, fh, p, s), ops.explain_output_size(h, fh, p, s)
    slips = (
        (
            (h + p - fh) // s + 1,
            "2P 대신 P를 더함",
            "패딩을 한쪽에만 더한 값입니다(P). 패딩은 양쪽에 들어가므로 2P를 더합니다.",
        ),
        (
            (h + 2 * p - fh) // s,
            "+1을 빠뜨림",
            "마지막에 1을 더하지 않은 값입니다. 처음 자리 "
            "1을 더해야 윈도가 멈추는 곳의 수가 됩니다.",
        ),
    )
    return Problem(
        html.escape(
            f"입력 크기 H = {h}, 필터 크기 FH = {fh}, 패딩 P = {p}, 스트라이드 S = {s}일 때 출력 "
            "크기 OH는?"
        ),
        {
            "main": Check(
                {"main": answer},
                f"정답입니다! {work}",
                (*_slips(answer, work, slips), _wrong(str(answer), work)),
            )
        },
    )


def size_quiz(seed: int = 0) -> Exercise:
    """Random (H, FH, P, S) problems with a running score (chapter 06).

    (The tests check every answer against a real Keras layer, with
    :func:`cnn_utils.models.keras_output_shape`.)

    Examples
    --------
    >>> size_quiz(seed=6).problems[0].checks["main"].answer
    {'main': 5}
    """
    seed = _check_seed(seed)
    return Exercise(
        "size-quiz",
        "특성 맵 크기 퀴즈",
        "공식 OH = (H + 2P - FH) / S + 1로 출력 크기를 구하세요. 나누어떨어지지 않으면 내림합니다.",
        (Group("main", (NumberField("main", "출력 크기 OH", "OH", minimum=0, maximum=10_000),)),),
        _bank(_size_problem, seed),
        nav="new",
        make=_size_problem,
        first_seed=seed,
        score=True,
        example=html.escape(
            "풀이 예시: H = 28, FH = 3, P = 0, S = 2이면 " + ops.explain_output_size(28, 3, 0, 2)
        ),
    )


# --------------------------------------------------------------------------
# 07. 층별 출력 모양, 파라미터 개수
# --------------------------------------------------------------------------


#: The names Keras gives a layer class's first instance in a model (then _1, _2, ...).
KERAS_NAMES = {
    "Conv2D": "conv2d",
    "MaxPooling2D": "max_pooling2d",
    "Flatten": "flatten",
    "Dense": "dense",
    "Dropout": "dropout",
}


def layer_keys() -> list[str]:
    """The names Keras gives the slide model's layers in chapter 07 (conv2d, conv2d_1, ...).

    Examples
    --------
    >>> layer_keys()[:4]
    ['conv2d', 'max_pooling2d', 'conv2d_1', 'max_pooling2d_1']
    """
    seen: dict[str, int] = {}
    keys = []
    for layer in models.SLIDE_LAYERS:
        base = KERAS_NAMES[layer.kind]
        keys.append(base if base not in seen else f"{base}_{seen[base]}")
        seen[base] = seen.get(base, 0) + 1
    return keys


def shape_quiz() -> Exercise:
    """Type each slide-model layer's output shape (chapter 07).

    Examples
    --------
    >>> exercise = shape_quiz()
    >>> exercise.problems[0].checks["flatten"].answer
    {'flatten': (3136,)}
    """
    groups, checks = [], {}
    inputs, shapes = models.layer_inputs(), models.expected_shapes()
    for key, layer, before, after in zip(
        layer_keys(), models.SLIDE_LAYERS, inputs, shapes, strict=True
    ):
        reason = layer.shape_reason(before, after)
        shape = "(" + ", ".join(map(str, after)) + ("," if len(after) == 1 else "") + ")"
        groups.append(
            Group(
                key,
                (ShapeField(key, f"{key}의 출력 모양", "예: 28, 28, 1"),),
                f"{key}  {layer.code()} →",
            )
        )
        checks[key] = Check(
            {key: after}, f"정답입니다! {shape}: {reason}", (_wrong(shape, reason, key),)
        )
    return Exercise(
        "shape-quiz",
        "층별 출력 모양 퀴즈",
        f"입력 모양: {models.SLIDE_INPUT} (배치 크기 None은 빼고 씁니다)",
        tuple(groups),
        (Problem("", checks),),
        example=html.escape(
            "풀이 예시 (다른 모델): 입력 (32, 32, 3) → Conv2D(16, 3×3, padding='same') → (32, 32, "
            "16) → "
            "MaxPooling2D(2) → (16, 16, 16) → Flatten() → (4096,)"
        ),
    )


#: The weights of one 3x3 filter on one channel (the slide model's filter size).
SLIDE_WINDOW = models.SLIDE_FILTER_SIZE**2


def param_quiz() -> Exercise:
    """Compute each slide-model layer's parameter count (chapter 07).

    A typed count that leaves out the biases gets its own hint.

    Examples
    --------
    >>> from cnn_utils.answers import judge
    >>> exercise = param_quiz()
    >>> check = exercise.problems[0].checks["conv1"]
    >>> print(judge(exercise.groups[0], check, {"conv1": "288"}).message)
    아쉽습니다. 288은 가중치만 센 값 아닌가요? 필터마다 절편(bias)이 하나씩 있습니다.
    힌트: (필터 높이 × 필터 너비 × 입력 채널 + 절편 1) × 필터 개수 = (3×3×1 + 1) × 32
    """
    groups, checks, counts = [], {}, {"Conv2D": 0, "Dense": 0}
    inputs = models.layer_inputs()
    weighted = [k for k, layer in enumerate(models.SLIDE_LAYERS) if layer.params(inputs[k])]
    ordinals = ("첫 번째", "두 번째", "세 번째", "네 번째")
    for k in weighted:
        layer, before = models.SLIDE_LAYERS[k], inputs[k]
        counts[layer.kind] += 1
        conv = layer.kind == "Conv2D"
        key = ("conv" if conv else "dense") + str(counts[layer.kind])
        what = (
            "출력층"
            if k == weighted[-1]
            else f"{ordinals[counts[layer.kind] - 1]} {'합성곱 층' if conv else '밀집층'}"
        )
        if conv:
            size = "×".join(map(str, before))
            shown = f"Conv2D({layer.size}, {models.SLIDE_FILTER_SIZE}), 입력 {size}"
        else:
            flat = models.SLIDE_LAYERS[k - 1].kind == "Flatten"
            unflat = f"{'×'.join(map(str, inputs[k - 1]))}를 펼친 " if flat else ""
            shown = f"Dense({layer.size}), 입력 {unflat}{before[0]:,}개"
        answer, formula = layer.params(before), layer.param_formula(before)
        groups.append(
            Group(
                key,
                (NumberField(key, f"{what}의 파라미터 개수", "개수", minimum=0, maximum=1e8),),
                f"{shown}: {what}의 파라미터 개수는?",
            )
        )
        checks[key] = Check(
            {key: answer},
            f"정답입니다! {formula.split(' = ')[-1]} = {answer:,}",
            (
                Case(
                    f"아쉽습니다. {typed(key, '은', commas=True)} 가중치만 센 값 아닌가요? "
                    f"{'필터' if conv else '뉴런'}마다 절편(bias)이 하나씩 있습니다.\n힌트: "
                    f"{formula}",
                    equal=((key, answer - int(layer.size)),),
                    mistake="절편을 빠뜨림",
                ),
                *(
                    [
                        Case(
                            f"아쉽습니다. {typed(key, '은', commas=True)} 입력 채널 "
                            f"{before[-1]}개를 곱하지 않은 값입니다. 필터 하나는 입력의 모든 "
                            f"채널에 3×3 가중치를 둡니다.\n힌트: {formula}",
                            equal=((key, (SLIDE_WINDOW + 1) * int(layer.size)),),
                            mistake="입력 채널을 곱하지 않음",
                        )
                    ]
                    if conv and before[-1] > 1
                    else []
                ),
                Case(f"아쉽습니다. {typed(key, '이', commas=True)} 아닙니다.\n힌트: {formula}"),
            ),
        )
    return Exercise(
        "param-quiz",
        "파라미터 개수 퀴즈",
        "층마다 가중치와 절편(bias)을 모두 센 파라미터 개수를 입력하세요.",
        tuple(groups),
        (Problem("", checks),),
        example=html.escape(
            f"풀이 예시 (다른 층): Conv2D(16, kernel_size=5), 입력 채널 3 → (5×5×3 + 1) × 16 = "
            f"{ops.conv_params(5, 3, 16)}; Dense(50), 입력 200개 → (200 + 1) × 50 = "
            f"{ops.dense_params(200, 50):,}"
        ),
    )


# --------------------------------------------------------------------------
# 08. 필터 읽기 (and the filter designer of 01-02)
# --------------------------------------------------------------------------

#: Ready-made 3x3 filters the students start from.
FILTER_PRESETS: dict[str, np.ndarray] = {
    "가로 윤곽선": np.array([[1, 1, 1], [0, 0, 0], [-1, -1, -1]], dtype=float),
    "세로 윤곽선": np.array([[1, 0, -1], [1, 0, -1], [1, 0, -1]], dtype=float),
    "곡선": np.array([[-1, -1, 2], [-1, 2, -1], [2, -1, -1]], dtype=float),
    "흐림 (blur)": np.full((3, 3), 1 / 9),
}

#: The three kinds of filters chapter 08 finds in the trained network.
FILTER_KINDS: dict[str, str] = {
    "bright": "대체적으로 밝은 필터",
    "horizontal": "가로 윤곽선 필터",
    "vertical": "세로 윤곽선 필터",
}


def filter_response(image, kernel) -> np.ndarray:
    """The feature map a filter makes of an image (``'same'`` padding: same size).

    Examples
    --------
    >>> filter_response(np.ones((5, 5)), FILTER_PRESETS["흐림 (blur)"]).shape
    (5, 5)
    """
    return ops.conv2d(np.asarray(image, dtype=float), kernel, padding="same")


#: The filter designer's reading of a feature map (the web book fills the same slots), and
#: the decimals of its numbers.
DESCRIBE = "가장 큰 값 {high} (행 {row}, 열 {col}), 가장 작은 값 {low}"
DESCRIBE_DECIMALS = 2


def describe_filter_response(feature_map) -> str:
    """One Korean line on where the filter responded most.

    Examples
    --------
    >>> m = np.zeros((4, 4)); m[2, 1] = 3
    >>> describe_filter_response(m)
    '가장 큰 값 3 (행 2, 열 1), 가장 작은 값 0'
    """
    m = np.asarray(feature_map, dtype=float)
    if m.ndim != 2 or not m.size:
        raise ValueError(f"feature_map must be a non-empty 2-D array, got shape {m.shape}")
    row, col = np.unravel_index(np.argmax(m), m.shape)
    high, low = (ops.format_number(v, decimals=DESCRIBE_DECIMALS) for v in (m.max(), m.min()))
    return DESCRIBE.format(high=high, row=row, col=col, low=low)


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
        if self.total > 1e-6 and self.total >= max(self.horizontal, self.vertical):
            return "bright"
        if abs(self.horizontal - self.vertical) <= 1e-6:
            return None
        return "horizontal" if self.horizontal > self.vertical else "vertical"

    def explain(self) -> str:
        """The three responses, one per line, in Korean."""

        def num(v):
            return ops.format_number(round(v, 3), decimals=4)

        rows, cols = ", ".join(map(num, self.row_sums)), ", ".join(map(num, self.column_sums))
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
    >>> reading.total, reading.row_sums, reading.column_sums, reading.kind
    (0.0, (3.0, 0.0, -3.0), (0.0, 0.0, 0.0), 'horizontal')
    >>> read_filter(np.ones(3))
    Traceback (most recent call last):
    ...
    ValueError: kernel must be a non-empty 2-D filter (height, width), got shape (3,)
    """
    kernel = ops._as_array(kernel, "kernel").astype(float)
    if kernel.ndim != 2 or not kernel.size:
        raise ValueError(
            f"kernel must be a non-empty 2-D filter (height, width), got shape {kernel.shape}"
        )
    return FilterReading(
        float(kernel.sum()), tuple(kernel.sum(axis=1).tolist()), tuple(kernel.sum(axis=0).tolist())
    )


def _reading_kernel(seed: int) -> tuple[np.ndarray, str]:
    """A 3x3 filter with small integer weights that is bright, horizontal or vertical."""
    rng = np.random.default_rng(seed)
    kind = ("bright", "horizontal", "vertical")[rng.integers(3)]
    if kind == "bright":
        return rng.integers(1, 4, (3, 3)), kind
    a = int(rng.integers(1, 3))
    kernel = np.zeros((3, 3), dtype=int)  # an edge: one row positive, the opposite row negative
    kernel[0], kernel[2] = a, -a
    kernel = kernel * rng.choice([-1, 1])  # bright above and dark below, or the reverse
    noise = np.zeros(9, dtype=int)
    noise[rng.choice(9, size=2, replace=False)] = rng.choice([-1, 1], size=2)
    kernel = kernel + noise.reshape(3, 3)
    return (kernel if kind == "horizontal" else kernel.T), kind


def figure_data(fig, alt: str) -> Figure:
    """A matplotlib figure as a :class:`Figure` (PNG data URI, 80 dpi); the figure is closed."""
    import base64
    import io

    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=80, bbox_inches="tight")
    plt.close(fig)
    return Figure(
        "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii"), alt
    )


def filter_reading_figure(kernel, image=None, feature_map=None):
    """The filter as a picture (bright = large weight), beside the image and its feature map."""
    from cnn_utils import viz

    panels, titles = [kernel], ["필터 (밝을수록 큰 가중치)"]
    if image is not None:
        missing = feature_map is None
        panels = [image, kernel, np.full(image.shape, np.nan) if missing else feature_map]
        titles = [
            "원본",
            titles[0],
            "특성 맵: 답을 고르면 나타남" if missing else "이 필터의 특성 맵",
        ]
    return viz.show_images(panels, titles, ncols=3, size=2.2, frame=True)


def filter_reading(seed: int = 0, image=None) -> Exercise:
    """Look at a 3x3 filter's numbers and say what it detects (chapter 08).

    With an ``image``, the answer also shows the filter's feature map of it.

    Examples
    --------
    >>> exercise = filter_reading(seed=0)
    >>> exercise.problems[0].checks["main"].answer
    {'main': 'vertical'}
    """
    seed = _check_seed(seed)
    image = None if image is None else _matrix(image, "image").astype(float)
    shown = "원본 이미지, " if image is not None else ""

    def make(s: int) -> Problem:
        kernel, _ = _reading_kernel(s)
        reading = read_filter(kernel)
        answer = reading.kind
        strongest = {"bright": "고르게 밝은 면", "horizontal": "가로선", "vertical": "세로선"}[
            answer
        ]
        why = f"{reading.explain()}\n가장 크게 반응하는 것이 {strongest}입니다."
        cases = tuple(
            Case(
                f"아쉽습니다. {said(FILTER_KINDS[k], '이')} 아니라 "
                f"{FILTER_KINDS[answer]}입니다.\n{why}",
                equal=(("main", k),),
            )
            for k in FILTER_KINDS
            if k != answer
        )
        before = after = None
        if image is not None:
            before = figure_data(
                filter_reading_figure(kernel, image),
                f"{shown}필터를 밝기로 그린 그림(밝을수록 큰 가중치)",
            )
            after = figure_data(
                filter_reading_figure(kernel, image, filter_response(image, kernel)),
                "원본 이미지, 필터를 밝기로 그린 그림, 이 필터가 만든 특성 맵",
            )
        return Problem(
            "필터 " + matrix_html(kernel),
            {
                "main": Check(
                    {"main": answer}, f"정답입니다! {FILTER_KINDS[answer]}입니다.\n{why}", cases
                )
            },
            before,
            after,
        )

    examples = []
    for name in ("가로 윤곽선", "흐림 (blur)"):
        reading = read_filter(FILTER_PRESETS[name])
        examples.append(
            f"필터 설계 연습(2장)의 '{name}' 필터 → "
            f"{FILTER_KINDS[reading.kind]}\n{reading.explain()}"
        )
    return Exercise(
        "filter-reading",
        "필터 읽기",
        "이 필터는 무엇을 감지할까요? 면·가로선·세로선에 대한 곱과 합을 생각해 보고 고르세요.",
        (
            Group(
                "main",
                (ChoiceField("main", "필터의 종류", options=tuple(FILTER_KINDS.items())),),
                button=None,
            ),
        ),
        _bank(make, seed),
        nav="new",
        make=make,
        first_seed=seed,
        example=html.escape("\n\n".join(examples)).replace("\n", "<br>"),
    )


# --------------------------------------------------------------------------
# the two explorers: no right answer, a reading of what the student set
# --------------------------------------------------------------------------

#: The padding/stride explorer's ranges: input size n, filter size f, stride.
SIZE_RANGES = {"n": (3, 12), "f": (1, 5), "stride": (1, 3)}
#: Its padding menu: (value, text).
SIZE_PADDINGS = (("valid", "valid (0)"), ("same", "same"), ("1", "1"), ("2", "2"), ("3", "3"))


def _in_range(name: str, value, low: int, high: int) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, np.integer))
        or not low <= value <= high
    ):
        raise ValueError(
            f"{name} must be an integer from {low} to {high} (the slider's range), got {value!r}"
        )
    return int(value)


@dataclass(frozen=True)
class SizeExplorer:
    """Input size, filter size, padding and stride; the output size worked out (chapters 03-04).

    Examples
    --------
    >>> explorer = SizeExplorer(n=7, f=3, padding="valid", stride=2)
    >>> explorer.report().output, explorer.report(n=8).unreached
    (3, 1)
    """

    n: int = 7
    f: int = 3
    padding: str | int = "valid"
    stride: int = 2

    key = "size-explorer"
    title = "패딩·스트라이드 탐색기"
    intro = "메뉴를 바꾸면 윈도가 멈추는 자리와 출력 크기가 바로 바뀝니다."

    def __post_init__(self):
        for name, (low, high) in SIZE_RANGES.items():
            _in_range(name, getattr(self, name), low, high)
        padding = ops._check_padding(self.padding)
        if str(padding if padding != 0 else "valid") not in dict(SIZE_PADDINGS):
            raise ValueError(
                "padding must be 'valid' (or 0), 'same', 1, 2 or 3 (the menu's choices), "
                f"got {self.padding!r}"
            )
        object.__setattr__(self, "padding", str(padding if padding != 0 else "valid"))

    def report(self, **changes) -> SizeReport:
        """The report for the first setting with ``changes`` (n, f, padding, stride)."""
        setting = {
            "n": self.n,
            "f": self.f,
            "padding": self.padding,
            "stride": self.stride,
            **changes,
        }
        padding = setting["padding"]
        padding = int(padding) if str(padding).isdigit() else padding
        return explore_sizes(setting["n"], setting["f"], padding=padding, stride=setting["stride"])

    def data(self) -> dict:
        """Every setting's numbers and formula, for the web book (it draws the grid itself)."""
        table = {}
        for n in range(SIZE_RANGES["n"][0], SIZE_RANGES["n"][1] + 1):
            for f in range(SIZE_RANGES["f"][0], SIZE_RANGES["f"][1] + 1):
                for padding, _ in SIZE_PADDINGS:
                    for s in range(SIZE_RANGES["stride"][0], SIZE_RANGES["stride"][1] + 1):
                        r = self.report(n=n, f=f, padding=padding, stride=s)
                        table[f"{n}|{f}|{padding}|{s}"] = [
                            r.output or 0,
                            *r.pads,
                            r.unreached or 0,
                            r.formula,
                        ]
        numbers = {
            name: [[str(v), str(v)] for v in range(lo, hi + 1)]
            for name, (lo, hi) in SIZE_RANGES.items()
        }
        return {
            "kind": "sizes",
            "key": self.key,
            "title": self.title,
            "intro": self.intro,
            "controls": [
                {
                    "name": "n",
                    "label": "입력 크기 n",
                    "options": numbers["n"],
                    "value": str(self.n),
                },
                {
                    "name": "f",
                    "label": "필터 크기 f",
                    "options": numbers["f"],
                    "value": str(self.f),
                },
                {
                    "name": "padding",
                    "label": "패딩",
                    "options": SIZE_PADDINGS,
                    "value": self.padding,
                },
                {
                    "name": "stride",
                    "label": "스트라이드",
                    "options": numbers["stride"],
                    "value": str(self.stride),
                },
            ],
            "table": table,
            "setting": SETTING,
            "uneven": UNEVEN,
            "unreached": UNREACHED,
            "exact": EXACT,
            "caption": GRID_CAPTION,
            "dot": GRID_DOT,
        }


#: The explorer's lines, filled in by Python and by the web book alike.
SETTING = "입력 {n}×{n}, 필터 {f}×{f}, 패딩 {p}, 스트라이드 {s}"
UNEVEN = "{top}+{bottom} (위/아래가 다름)"
EXACT = "나누어떨어집니다."
GRID_CAPTION = "회색: 0 패딩, 점: 윈도의 중심, 빗금: 윈도가 닿지 않는 칸. 출력 {out}×{out}"


def explorer_note(report: SizeReport) -> str:
    """The explorer's one-line reading under the numbers."""
    if report.output is None:
        return report.formula
    return UNREACHED.format(count=report.unreached) if report.unreached else EXACT


def parse_filter(texts: Sequence) -> tuple[np.ndarray | None, str | None]:
    """Read nine typed filter values (row by row) into a 3x3 filter, or a Korean hint.

    Examples
    --------
    >>> kernel, hint = parse_filter(["1", "0", "-1"] * 3)
    >>> kernel[0].tolist(), hint
    ([1.0, 0.0, -1.0], None)
    >>> parse_filter(["1"] * 8 + ["x"])[1]
    "3행 3열: 'x': 숫자가 아닙니다. 숫자만 입력하세요 (예: 12)."
    """
    texts = list(texts) if isinstance(texts, (list, tuple)) else []
    if len(texts) != 9:
        return None, "필터 칸 9개를 모두 채우세요."
    values = []
    for k, text in enumerate(texts):
        read = FILTER_CELL.read(text)
        if not read.ok:
            return None, CELL_HINT.format(row=k // 3 + 1, col=k % 3 + 1, hint=read.hint)
        values.append(float(read.value))
    return np.array(values).reshape(3, 3), None


#: A cell of the filter designer, and how its hint names the cell.
FILTER_CELL = NumberField("cell", "필터 칸", integer=False, minimum=-100, maximum=100)
CELL_HINT = "{row}행 {col}열: {hint}"


def preset_texts(name: str) -> list[str]:
    """The nine cells of a preset filter as the designer writes them (3 significant digits)."""
    return [f"{float(v):.3g}" for v in FILTER_PRESETS[name].ravel()]


@dataclass(frozen=True)
class FilterDesigner:
    """Edit a 3x3 filter and watch the feature map of real images (chapters 01-02).

    Examples
    --------
    >>> FilterDesigner({"계단": np.tril(np.ones((6, 6)))}).data()["preset"]
    '세로 윤곽선'
    >>> FilterDesigner([np.eye(4)])
    Traceback (most recent call last):
    ...
    TypeError: images must be a dict {name: 2-D image}, got list
    """

    images: Mapping[str, np.ndarray]
    preset: str = "세로 윤곽선"

    key = "filter-designer"
    title = "필터 설계하기"
    intro = "칸의 숫자를 바꾸거나 예시 필터를 고르면 특성 맵이 바로 바뀝니다."

    def __post_init__(self):
        if not isinstance(self.images, Mapping):
            raise TypeError(
                f"images must be a dict {{name: 2-D image}}, got {type(self.images).__name__}"
            )
        if not self.images:
            raise ValueError("images must hold at least one image")
        if self.preset not in FILTER_PRESETS:
            raise ValueError(f"preset must be one of {list(FILTER_PRESETS)}, got {self.preset!r}")
        checked = {
            str(k): _matrix(v, f"images[{k!r}]", at_most=64).astype(float)
            for k, v in self.images.items()
        }
        object.__setattr__(self, "images", checked)

    def data(self) -> dict:
        return {
            "kind": "filter",
            "key": self.key,
            "title": self.title,
            "intro": self.intro,
            "presets": {name: preset_texts(name) for name in FILTER_PRESETS},
            "preset": self.preset,
            "images": {
                name: {"shape": list(im.shape), "values": im.ravel().tolist()}
                for name, im in self.images.items()
            },
            "cell": FILTER_CELL.data(),
            "cell_hint": CELL_HINT,
            "describe": DESCRIBE,
            "decimals": DESCRIBE_DECIMALS,
            "map_label": "특성 맵: {reading}",
        }


# --------------------------------------------------------------------------
# one checked exercise for every point of the slides (chapters 01-08)
# --------------------------------------------------------------------------

#: The features chapter 01's filters find, as 3x3 masks (1: the feature's pixels).
FEATURES = {
    "왼쪽 위로 볼록한 곡선": ((0, 1, 1), (1, 0, 0), (1, 0, 0)),
    "세로선": ((0, 1, 0), (0, 1, 0), (0, 1, 0)),
    "가로선": ((0, 0, 0), (1, 1, 1), (0, 0, 0)),
    "오른쪽 아래로 내려가는 대각선": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "ㄱ자 모서리": ((1, 1, 1), (0, 0, 1), (0, 0, 1)),
}


def _choice(key: str, name: str, options) -> Group:
    return Group(key, (ChoiceField(key, name, options=tuple(options)),), button=None)


def _seeded(title_key: str, title: str, intro: str, groups, make, seed, **extra) -> Exercise:
    """An exercise whose problems come from ``make(seed)``, with 새 문제."""
    seed = _check_seed(seed)
    return Exercise(
        title_key,
        title,
        intro,
        tuple(groups),
        _bank(make, seed),
        nav="new",
        make=make,
        first_seed=seed,
        **extra,
    )


def _region_match_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    names = list(FEATURES)
    feature, other = rng.choice(len(names), size=2, replace=False)
    mask = np.array(FEATURES[names[feature]])
    kernel = 30 * mask
    while True:  # the region with the filter's feature must win outright (no tie)
        matching = mask * rng.integers(2, 5, (3, 3)) * 10
        elsewhere = np.array(FEATURES[names[other]]) * rng.integers(2, 5, (3, 3)) * 10
        if ops.multiply_and_sum(matching, kernel) > ops.multiply_and_sum(elsewhere, kernel):
            break
    windows = [matching, elsewhere] if rng.integers(2) else [elsewhere, matching]
    sums = [ops.multiply_and_sum(w, kernel) for w in windows]
    answer = "A" if sums[0] > sums[1] else "B"
    work = "\n".join(
        f"영역 {n}: {worked_sum(w, kernel)}" for n, w in zip("AB", windows, strict=True)
    )
    why = "필터의 큰 값(30)이 있는 칸에 밝은 값이 놓인 영역일수록 곱과 합이 큽니다."
    return Problem(
        matrix_html(kernel, caption=f"필터: {names[feature]}")
        + "".join(matrix_html(w, caption=f"영역 {n}") for n, w in zip("AB", windows, strict=True)),
        {
            "main": Check(
                {"main": answer},
                f"정답입니다! {work}\n{why}",
                (Case(f"아쉽습니다. 곱과 합이 큰 쪽은 영역 {answer}입니다.\n{work}\n{why}"),),
            )
        },
    )


def region_match(seed: int = 0) -> Exercise:
    """Which region does the filter score higher, A or B (chapter 01, the slide's regions A and B)?

    Examples
    --------
    >>> region_match(seed=0).problems[0].checks["main"].answer["main"] in ("A", "B")
    True
    """
    return _seeded(
        "region-match",
        "영역 A와 B 비교하기",
        "필터를 두 영역에 각각 겹쳐 곱과 합을 구하면 어느 쪽이 클까요? 필터가 찾는 특징과 닮은 "
        "영역을 고르세요.",
        [_choice("main", "곱과 합이 큰 영역", (("A", "영역 A"), ("B", "영역 B")))],
        _region_match_problem,
        seed,
    )


def _best_filter_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    names = list(FEATURES)
    picked = [names[k] for k in rng.choice(len(names), size=3, replace=False)]
    target = picked[int(rng.integers(3))]
    window = np.array(FEATURES[target]) * 9 + rng.integers(0, 2, (3, 3))
    kernels = [np.array(FEATURES[n]) * 2 - 1 for n in picked]  # +1 on the feature, -1 elsewhere
    sums = [ops.multiply_and_sum(window, k) for k in kernels]
    best = int(np.argmax(sums))
    work = "\n".join(f"필터 {k + 1}: {worked_sum(window, kern)}" for k, kern in enumerate(kernels))
    why = (
        f"가장 큰 값을 내는 필터 {best + 1}{particle(str(best + 1), '이')} 윈도의 특징"
        f"({picked[best]})을 찾는 필터입니다."
    )
    return Problem(
        matrix_html(window, caption="윈도")
        + "".join(matrix_html(k, caption=f"필터 {n + 1}") for n, k in enumerate(kernels)),
        {
            "main": Check(
                {"main": str(best)},
                f"정답입니다! {work}\n{why}",
                (Case(f"아쉽습니다.\n{work}\n{why}"),),
            )
        },
    )


def best_filter(seed: int = 0) -> Exercise:
    """Which of three filters answers most to a window's feature (chapter 01, 윤곽선 추출)?

    Examples
    --------
    >>> best_filter(seed=0).problems[0].checks["main"].answer["main"] in ("0", "1", "2")
    True
    """
    return _seeded(
        "best-filter",
        "특징을 찾는 필터 고르기",
        "세 필터를 윈도에 각각 겹쳐 곱과 합을 구하세요. 가장 큰 값을 내는 필터가 이 윈도의 특징을 "
        "찾는 필터입니다.",
        [_choice("main", "가장 크게 반응하는 필터", ((str(k), f"필터 {k + 1}") for k in range(3)))],
        _best_filter_problem,
        seed,
    )


def _order_slips(positions, k: int):
    """Typical wrong places for the k-th window (1-based): swapped, and one off either way."""
    row, col = positions[k - 1]
    candidates = [
        ((col, row), "행과 열을 바꿈", "행과 열을 바꾼 자리입니다. (행, 열) 순서로 씁니다."),
        (positions[k], "하나 뒤의 윈도", f"{k + 1}번째 윈도의 자리입니다. 첫 윈도가 1번째입니다."),
        (
            positions[k - 2],
            "하나 앞의 윈도",
            f"{k - 1}번째 윈도의 자리입니다. 첫 윈도 (0, 0)이 1번째입니다.",
        ),
    ]
    seen = {(row, col)}
    for place, mistake, say in candidates:
        if place not in seen:
            seen.add(place)
            yield place, mistake, say


def _window_order_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    n, f = int(rng.integers(4, 8)), int(rng.integers(2, 4))
    positions = ops.window_positions(n, f)
    k = int(rng.integers(2, len(positions)))
    row, col = positions[k - 1]
    per_row = n - f + 1
    work = (
        f"한 줄에 윈도가 {per_row}곳({n} - {f} + 1)에 멈추므로 {k}번째 윈도는 "
        f"{(k - 1) // per_row + 1}번째 줄의 {(k - 1) % per_row + 1}번째 자리, 즉 ({row}, "
        f"{col})입니다."
    )
    return Problem(
        html.escape(
            f"{n}×{n} 입력에 {f}×{f} 필터를 스트라이드 1로 윈도 슬라이딩합니다. "
            f"{k}번째로 멈추는 윈도의 왼쪽 위 자리 (행, 열)는? (첫 윈도는 1번째, 자리 (0, 0))"
        ),
        {
            "main": Check(
                {"row": row, "col": col},
                f"정답입니다! {work}",
                (
                    *(
                        Case(
                            f"아쉽습니다. (행 {{row}}, 열 {{col}})은 {say}\n{work}",
                            equal=(("row", r), ("col", c)),
                            mistake=mistake,
                        )
                        for (r, c), mistake, say in _order_slips(positions, k)
                    ),
                    Case(
                        f"아쉽습니다. 답은 ({row}, {col})입니다 (입력: 행 {{row}}, 열 "
                        f"{{col}}).\n{work}"
                    ),
                ),
            )
        },
    )


def window_order(seed: int = 0) -> Exercise:
    """Where the k-th window stops: left to right, then one row down (chapter 02).

    Examples
    --------
    >>> window_order(seed=0).problems[0].checks["main"].answer
    {'row': 2, 'col': 2}
    """
    place = dict(minimum=0, maximum=100)
    return _seeded(
        "window-order",
        "윈도가 멈추는 자리 찾기",
        "윈도는 왼쪽 위에서 시작해 오른쪽으로 한 칸씩, 더 갈 수 없으면 한 줄 아래 왼쪽 끝으로 옮겨 "
        "갑니다.",
        [
            Group(
                "main",
                (NumberField("row", "행", "행", **place), NumberField("col", "열", "열", **place)),
                "k번째 윈도의 (행, 열):",
            )
        ],
        _window_order_problem,
        seed,
    )


def _maps_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    n, f, k = (
        int(rng.choice([5, 6, 7, 8, 28])),
        int(rng.choice([2, 3, 5])),
        int(rng.choice([3, 4, 8, 16, 32])),
    )
    side = n - f + 1
    return Problem(
        html.escape(
            f"{n}×{n} 이미지에 서로 다른 {f}×{f} 필터 {k}개를 스트라이드 1, 패딩 없이 적용합니다."
        ),
        {
            "maps": Check(
                {"maps": k},
                f"정답입니다! 필터마다 윈도 슬라이딩을 따로 하므로 필터 {k}개는 특성 맵 {k}장을 "
                "만듭니다.",
                (
                    _wrong(
                        f"{k}장",
                        f"필터마다 특성 맵이 하나씩 생기므로 필터 {k}개는 특성 맵 {k}장을 "
                        "만듭니다.",
                        "maps",
                    ),
                ),
            ),
            "stops": Check(
                {"stops": side * side},
                f"정답입니다! 한 줄에 {n} - {f} + 1 = {side}곳, {side}줄이므로 {side} × {side} = "
                f"{side * side}번입니다.",
                (
                    _wrong(
                        f"{side * side}번",
                        f"윈도는 한 줄에 {n} - {f} + 1 = {side}곳에 멈추고 그런 줄이 "
                        f"{side}개입니다: "
                        f"{side} × {side} = {side * side}.",
                        "stops",
                    ),
                ),
            ),
        },
    )


def feature_maps(seed: int = 0) -> Exercise:
    """How many feature maps K filters make, and the multiply-and-sums of one map (chapter 02).

    Examples
    --------
    >>> sorted(feature_maps(seed=0).problems[0].checks)
    ['maps', 'stops']
    """
    count = dict(minimum=0, maximum=10_000_000)
    return _seeded(
        "feature-maps",
        "필터 개수와 특성 맵",
        "필터 하나가 특성 맵 하나를 만듭니다. 특성 맵의 수와, 특성 맵 한 장을 채우는 곱과 합의 "
        "횟수를 구하세요.",
        [
            Group(
                "maps", (NumberField("maps", "특성 맵의 수", "장", **count),), "특성 맵은 몇 장?"
            ),
            Group(
                "stops",
                (NumberField("stops", "특성 맵 한 장의 곱과 합 횟수", "번", **count),),
                "특성 맵 한 장을 채우는 곱과 합은 몇 번?",
            ),
        ],
        _maps_problem,
        seed,
    )


def _padded_sum_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    image = rng.integers(1, 6, (4, 4))
    kernel = rng.integers(-1, 3, (3, 3))
    padded = ops.pad(image, 1)
    window = padded[:3, :3]
    answer = ops.multiply_and_sum(window, kernel)
    inside = ops.multiply_and_sum(image[:2, :2], kernel[1:, 1:])
    work = (
        f"{worked_sum(window, kernel)}\n패딩 칸(0)과의 곱은 모두 0이라서, 이미지 안의 네 칸만 "
        f"계산한 {said(worked_sum(image[:2, :2], kernel[1:, 1:]), '과')} 같습니다."
    )
    assert answer == inside
    return Problem(
        matrix_html(padded, highlight=(0, 0, 3, 3), caption="1픽셀 제로 패딩한 이미지")
        + matrix_html(kernel, caption="필터"),
        {"main": Check({"main": answer}, f"정답입니다! {work}", (_wrong(_num(answer), work),))},
    )


def padded_sum(seed: int = 0) -> Exercise:
    """The multiply-and-sum of a window that hangs over the zero padding (chapter 03).

    Examples
    --------
    >>> padded_sum(seed=0).problems[0].statement.count("<table")
    2
    """
    return _seeded(
        "padded-sum",
        "패딩에 걸친 윈도의 곱과 합",
        "빨간 윈도는 왼쪽 위 모서리에서 제로 패딩에 걸쳐 있습니다. 이 윈도와 필터의 곱과 합을 "
        "구하세요.",
        [
            Group(
                "main",
                (NumberField("main", "곱과 합", "곱과 합", minimum=-10_000, maximum=10_000),),
            )
        ],
        _padded_sum_problem,
        seed,
    )


def _padding_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    while True:  # a filter larger than the input has no valid output to ask about
        n, f = int(rng.choice([5, 7, 8, 10, 14, 28, 32])), int(rng.choice([1, 3, 5, 7]))
        if f <= n:
            break
    p, valid = (f - 1) // 2, n - f + 1
    return Problem(
        html.escape(f"입력 {n}×{n}, 필터 {f}×{f}, 스트라이드 1"),
        {
            "same": Check(
                {"same": p},
                f"정답입니다! p = (f - 1) / 2 = ({f} - 1) / 2 = {p}이면 출력도 {n}×{n}입니다.",
                (
                    _wrong(
                        str(p),
                        f"same 패딩은 출력이 입력과 같은 크기가 되도록 p = (f - 1) / 2 = ({f} - 1) "
                        f"/ 2 = {p}픽셀을 두릅니다.",
                        "same",
                    ),
                ),
            ),
            "valid": Check(
                {"valid": valid},
                f"정답입니다! 패딩이 없으면 n - f + 1 = {n} - {f} + 1 = {valid}입니다.",
                (
                    _wrong(
                        str(valid),
                        f"valid 패딩(패딩 없음)의 출력은 n - f + 1 = {n} - {f} + 1 = "
                        f"{valid}입니다.",
                        "valid",
                    ),
                ),
            ),
        },
    )


def padding_sizes(seed: int = 0) -> Exercise:
    """The padding p that same needs, and the size valid gives (chapter 03).

    Examples
    --------
    >>> padding_sizes(seed=0).problems[0].checks["same"].answer
    {'same': 2}
    """
    size = dict(minimum=0, maximum=1000)
    return _seeded(
        "padding-sizes",
        "same 패딩과 valid 패딩",
        "same 패딩에 필요한 패딩 p와, valid 패딩(패딩 없음)일 때 출력의 한 변의 크기를 구하세요.",
        [
            Group("same", (NumberField("same", "same 패딩의 p", "p", **size),), "same 패딩의 p:"),
            Group(
                "valid",
                (NumberField("valid", "valid 패딩의 출력 크기", "출력 크기", **size),),
                "valid 패딩의 출력 크기:",
            ),
        ],
        _padding_problem,
        seed,
    )


def _shrink_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    n, f = int(rng.choice([14, 28, 32])), int(rng.choice([3, 5]))
    layers = int(rng.integers(2, min(5, (n - 2) // (f - 1)) + 1))
    sizes = [n]
    for _ in range(layers):
        sizes.append(sizes[-1] - f + 1)
    answer = sizes[-1]
    work = f"층마다 {f} - 1 = {f - 1}씩 줄어듭니다: " + " → ".join(map(str, sizes))
    return Problem(
        html.escape(
            f"{n}×{n} 이미지에 {f}×{f} 필터의 합성곱 층(valid 패딩, 스트라이드 1)을 {layers}번 "
            "거듭하면 "
            "출력의 한 변은?"
        ),
        {"main": Check({"main": answer}, f"정답입니다! {work}", (_wrong(str(answer), work),))},
    )


def valid_shrink(seed: int = 0) -> Exercise:
    """How fast valid padding shrinks a stack of layers (chapter 03, 패딩이 필요한 이유 1).

    Examples
    --------
    >>> valid_shrink(seed=0).problems[0].checks["main"].answer["main"] > 0
    True
    """
    return _seeded(
        "valid-shrink",
        "valid 패딩으로 거듭하면",
        "패딩 없이 합성곱을 거듭하면 층마다 출력이 줄어듭니다. 마지막 출력의 크기를 구하세요.",
        [
            Group(
                "main",
                (NumberField("main", "마지막 출력의 한 변", "한 변", minimum=-1000, maximum=1000),),
            )
        ],
        _shrink_problem,
        seed,
    )


def _stride_windows_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    n, f = int(rng.choice([7, 8, 9, 11, 28])), int(rng.choice([2, 3]))
    checks = {}
    for key, s in (("s1", 1), ("s2", 2)):
        side = ops.output_size(n, f, 0, s)
        work = (
            f"한 줄에 윈도가 {side}곳에 멈추고({ops.explain_output_size(n, f, 0, s)}), 그런 줄이 "
            f"{side}개라서 {side} × {side} = {side * side}곳입니다."
        )
        checks[key] = Check(
            {key: side * side}, f"정답입니다! {work}", (_wrong(f"{side * side}곳", work, key),)
        )
    return Problem(
        html.escape(
            f"{n}×{n} 입력에 {f}×{f} 필터를 패딩 없이 적용합니다. 윈도가 멈추는 자리(곱과 합의 "
            "횟수)는 "
            "스트라이드 1과 2에서 각각 몇 곳일까요?"
        ),
        checks,
    )


def stride_windows(seed: int = 0) -> Exercise:
    """How many windows (multiply-and-sums) stride 1 and stride 2 need (chapter 04, 계산량 감소).

    Examples
    --------
    >>> checks = stride_windows(seed=0).problems[0].checks
    >>> checks["s1"].answer["s1"] > checks["s2"].answer["s2"]
    True
    """
    count = dict(minimum=0, maximum=100_000)
    return _seeded(
        "stride-windows",
        "스트라이드와 계산량",
        "스트라이드가 2이면 윈도가 두 칸씩 건너뛰어 멈추는 자리가 줄어듭니다. 두 경우의 자리 수를 "
        "세어 보세요.",
        [
            Group(
                "s1",
                (NumberField("s1", "스트라이드 1의 자리 수", "자리 수", **count),),
                "스트라이드 1:",
            ),
            Group(
                "s2",
                (NumberField("s2", "스트라이드 2의 자리 수", "자리 수", **count),),
                "스트라이드 2:",
            ),
        ],
        _stride_windows_problem,
        seed,
    )


def _subsample_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    x, kernel = rng.integers(0, 4, (7, 7)), rng.integers(-1, 2, (3, 3))
    out1, out2 = ops.conv2d(x, kernel, stride=1), ops.conv2d(x, kernel, stride=2)
    i, j = (int(v) for v in rng.integers(0, out2.shape[0], 2))
    answer = int(out2[i, j])
    work = (
        f"스트라이드 2의 ({i}, {j}) 칸은 윈도가 ({2 * i}, {2 * j})에 멈춘 값이므로 스트라이드 1 "
        "결과의 "
        f"({2 * i}, {2 * j}) 칸과 같습니다: {answer}"
    )
    shade = {(2 * r, 2 * c): "#deebf7" for r in range(out2.shape[0]) for c in range(out2.shape[1])}
    return Problem(
        matrix_html(x, caption="입력 7×7")
        + matrix_html(kernel, caption="필터")
        + matrix_html(out1, shade=shade, caption="스트라이드 1 결과 (5×5)", indices=True)
        + "<br>"
        + html.escape(
            f"같은 입력과 필터에 스트라이드 2를 쓰면 결과는 3×3입니다. 그 ({i}, {j}) 칸의 값은?"
        ),
        {"main": Check({"main": answer}, f"정답입니다! {work}", (_wrong(str(answer), work),))},
    )


def stride_results(seed: int = 0) -> Exercise:
    """Read a stride-2 value off the stride-1 result (chapter 04, stride 1과 2를 적용한 결과).

    Examples
    --------
    >>> "스트라이드 1 결과" in stride_results(seed=0).problems[0].statement
    True
    """
    return _seeded(
        "stride-results",
        "스트라이드 1과 2의 결과",
        "스트라이드 1의 결과를 보고 스트라이드 2의 결과를 구하세요. 파란 칸에 힌트가 있습니다.",
        [
            Group(
                "main",
                (NumberField("main", "스트라이드 2 결과의 값", "값", minimum=-1000, maximum=1000),),
            )
        ],
        _subsample_problem,
        seed,
    )


def _pooled_size_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    h, c = int(rng.choice([4, 8, 14, 28, 32])), int(rng.choice([1, 8, 16, 32, 64]))
    shape, before = (h // 2, h // 2, c), h * h * c
    after = (h // 2) * (h // 2) * c
    shape_text = f"({h // 2}, {h // 2}, {c})"
    return Problem(
        html.escape(f"특성 맵 ({h}, {h}, {c})에 2×2 최대 풀링(스트라이드 2)을 합니다."),
        {
            "shape": Check(
                {"shape": shape},
                f"정답입니다! 가로세로는 절반({h} → {h // 2}), 채널 {said(c, '은')} 그대로입니다.",
                (
                    _wrong(
                        shape_text,
                        f"풀링은 가로세로를 절반으로 줄이고({h} → {h // 2}) "
                        f"채널 수 {said(c, '은')} 그대로 둡니다.",
                        "shape",
                    ),
                ),
            ),
            "saved": Check(
                {"saved": before - after},
                f"정답입니다! {before:,}개 → {after:,}개: {before - after:,}개(4분의 3)를 덜 "
                "저장합니다.",
                (
                    _wrong(
                        f"{before - after:,}개",
                        f"풀링 전 {h}×{h}×{c} = {before:,}개, 뒤 {h // 2}×{h // 2}×{c} = "
                        f"{after:,}개이므로 {before - after:,}개가 줄어 메모리가 4분의 1만 듭니다.",
                        "saved",
                    ),
                ),
            ),
        },
    )


def pooled_size(seed: int = 0) -> Exercise:
    """The pooled output's shape and how many values pooling saves (chapter 05, 풀링의 장점).

    Examples
    --------
    >>> pooled_size(seed=0).problems[0].checks["shape"].answer["shape"][2] >= 1
    True
    """
    return _seeded(
        "pooled-size",
        "풀링과 메모리",
        "풀링 뒤의 모양(예: 14, 14, 32)과, 풀링으로 줄어드는 값의 개수를 구하세요.",
        [
            Group(
                "shape",
                (ShapeField("shape", "풀링 뒤의 모양", "예: 14, 14, 32"),),
                "풀링 뒤의 모양:",
            ),
            Group(
                "saved",
                (NumberField("saved", "줄어드는 값의 개수", "개수", minimum=0, maximum=1e9),),
                "줄어드는 값의 개수:",
            ),
        ],
        _pooled_size_problem,
        seed,
    )


#: Chapter 06's picture of a CNN, stage by stage: (value, text, why it is there).
CNN_STAGES = (
    (
        "conv32",
        "합성곱 층 (필터 32개)",
        "이미지는 먼저 합성곱 층을 지나 윤곽선 같은 단순한 특징을 찾습니다.",
    ),
    ("pool", "최대 풀링 층", "합성곱 층 뒤의 풀링 층이 특성 맵의 가로세로를 절반으로 줄입니다."),
    (
        "conv64",
        "합성곱 층 (필터 64개)",
        "뒤쪽 합성곱 층은 더 복잡한 특징을 찾으므로 필터가 더 많습니다(32 → 64).",
    ),
    ("pool", "최대 풀링 층", "다시 풀링으로 가로세로를 절반으로 줄입니다(14 → 7)."),
    ("flatten", "Flatten (한 줄로 펼치기)", "밀집층에 넣으려면 특성 맵을 한 줄로 펼칩니다."),
    (
        "dense",
        "밀집층 (FC layer, 뉴런 100개)",
        "마지막 쪽의 밀집층이 찾은 특징을 조합해 분류에 씁니다.",
    ),
    (
        "output",
        "출력층 (밀집층, 뉴런 10개, 소프트맥스)",
        "마지막 밀집층이 열 클래스의 확률을 냅니다.",
    ),
)


def cnn_structure() -> Exercise:
    """Put the stages of the slides' CNN in order (chapter 06, CNN 전체 구조).

    Examples
    --------
    >>> exercise = cnn_structure()
    >>> [exercise.problems[0].checks[g.key].answer[g.key] for g in exercise.groups][:3]
    ['conv32', 'pool', 'conv64']
    """
    options = tuple(dict.fromkeys((value, text) for value, text, _ in CNN_STAGES))
    texts = dict(options)
    groups, checks = [], {}
    for k, (value, _, why) in enumerate(CNN_STAGES, 1):
        key = f"stage{k}"
        groups.append(
            Group(
                key,
                (ChoiceField(key, f"{k}번째 단계", "고르세요", options, menu=True),),
                f"{k}번째:",
            )
        )
        checks[key] = Check(
            {key: value},
            f"정답입니다! {why}",
            (Case(f"아쉽습니다. {k}번째는 {texts[value]}입니다. {why}"),),
        )
    return Exercise(
        "cnn-structure",
        "CNN의 단계 순서 맞히기",
        "슬라이드의 CNN을 입력부터 출력까지 차례로 고르고 '모두 확인'을 누르세요. 단계마다 맞는지 "
        "알려 줍니다.",
        tuple(groups),
        (Problem("", checks),),
        submit_all=True,
    )


def _depth_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    n, k1 = int(rng.choice([28, 32])), int(rng.choice([8, 16, 32]))
    k2, half = 2 * k1, n // 2
    first, second = n * n * k1, half * half * k2
    return Problem(
        html.escape(
            f"입력 {n}×{n}×1 → 합성곱 층(필터 {k1}개, 3×3, same) → 2×2 최대 풀링 → "
            f"합성곱 층(필터 {k2}개, 3×3, same)"
        ),
        {
            "first": Check(
                {"first": first},
                f"정답입니다! {n}×{n}×{k1} = {first:,}개",
                (
                    _wrong(
                        f"{first:,}개",
                        f"same 패딩이라 크기는 {n}×{n} 그대로, 채널은 필터 수 {k1}: "
                        f"{n}×{n}×{k1} = {first:,}",
                        "first",
                    ),
                ),
            ),
            "second": Check(
                {"second": second},
                f"정답입니다! {half}×{half}×{k2} = {second:,}개: 필터는 두 배지만 값은 절반입니다.",
                (
                    _wrong(
                        f"{second:,}개",
                        f"풀링으로 {n} → {half}, 채널은 필터 수 {k2}: "
                        f"{half}×{half}×{k2} = {second:,}. 필터가 두 배여도 풀링이 가로세로를 "
                        "절반으로 "
                        "줄여 값은 절반입니다.",
                        "second",
                    ),
                ),
            ),
        },
    )


def depth_values(seed: int = 0) -> Exercise:
    """How many values each convolution layer makes as filters grow with depth (chapter 06).

    Examples
    --------
    >>> checks = depth_values(seed=0).problems[0].checks
    >>> checks["first"].answer["first"] == 2 * checks["second"].answer["second"]
    True
    """
    count = dict(minimum=0, maximum=1e9)
    return _seeded(
        "depth-values",
        "뒤쪽 층일수록 필터가 많아지면",
        "두 합성곱 층이 내는 값(특성 맵의 모든 칸)의 개수를 구하세요.",
        [
            Group(
                "first",
                (NumberField("first", "첫 번째 합성곱 층의 값 개수", "개수", **count),),
                "첫 번째 합성곱 층의 출력은 값이 몇 개?",
            ),
            Group(
                "second",
                (NumberField("second", "두 번째 합성곱 층의 값 개수", "개수", **count),),
                "두 번째 합성곱 층의 출력은 값이 몇 개?",
            ),
        ],
        _depth_problem,
        seed,
    )


def _size_effect_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    while True:
        h, fh, p, s = (
            int(rng.choice([7, 8, 10, 14, 28])),
            int(rng.choice([3, 5])),
            int(rng.integers(0, 3)),
            int(rng.integers(1, 3)),
        )
        if fh <= h + 2 * p:
            break
    change = "stride" if rng.integers(2) else "padding"
    p2, s2 = (p, s + 1) if change == "stride" else (p + 1, s)
    before, after = ops.output_size(h, fh, p, s), ops.output_size(h, fh, p2, s2)
    what = (
        f"스트라이드를 {s}에서 {said(s2, '으로')}"
        if change == "stride"
        else f"패딩을 {p}에서 {said(p2, '으로')}"
    )
    rule = (
        "스트라이드가 커지면 윈도가 덜 멈추어 특성 맵이 작아집니다."
        if change == "stride"
        else ("패딩이 늘면 윈도가 더 많은 자리에 멈추어 특성 맵이 커집니다.")
    )
    old = ops.explain_output_size(h, fh, p, s)
    work = f"{ops.explain_output_size(h, fh, p2, s2)}\n(바꾸기 전: {old})\n{rule}"
    return Problem(
        html.escape(
            f"H = {h}, FH = {fh}, P = {p}, S = {s}이면 OH = {before}입니다. {what} 바꾸면 OH는?"
        ),
        {"main": Check({"main": after}, f"정답입니다! {work}", (_wrong(str(after), work),))},
    )


def size_effect(seed: int = 0) -> Exercise:
    """What a larger stride or more padding does to the output size (chapter 06).

    Examples
    --------
    >>> size_effect(seed=0).problems[0].checks["main"].answer["main"] >= 1
    True
    """
    return _seeded(
        "size-effect",
        "스트라이드와 패딩을 바꾸면",
        "한 가지만 바꿨을 때 출력 크기가 어떻게 되는지 식으로 구하세요.",
        [Group("main", (NumberField("main", "바꾼 뒤의 OH", "OH", minimum=0, maximum=10_000),))],
        _size_effect_problem,
        seed,
    )


#: Layers a student may pick instead of the slide model's: the kind of slot each is a slip
#: for, and what is wrong with it there (``{n}``: the slot's input size). Picked at a slot of
#: another kind, the slot's own reason is told instead.
LAYER_SLIPS = {
    "Conv2D(32, kernel_size=3, activation='relu', padding='valid')": (
        "Conv2D",
        "padding='valid'이면 크기가 2씩 줄어듭니다({n} → {n_valid}). 슬라이드 모델은 same 패딩으로 "
        "크기를 지킵니다.",
    ),
    "Conv2D(32, kernel_size=5, activation='relu', padding='same')": (
        "Conv2D",
        "슬라이드 모델의 필터는 3×3입니다(kernel_size=3).",
    ),
    "AveragePooling2D(2)": (
        "MaxPooling2D",
        "슬라이드 모델은 평균이 아니라 가장 큰 값을 남기는 최대 풀링(MaxPooling2D)을 씁니다.",
    ),
    "Dense(10, activation='relu')": (
        "output",
        "출력층은 열 클래스의 확률을 내야 하므로 activation='softmax'입니다.",
    ),
}


#: The slips' names, for instructor.md's list of common mistakes.
LAYER_MISTAKES = {
    "Conv2D(32, kernel_size=3, activation='relu', padding='valid')": "valid 패딩을 고름",
    "Conv2D(32, kernel_size=5, activation='relu', padding='same')": "필터 크기 5×5를 고름",
    "AveragePooling2D(2)": "평균 풀링을 고름",
    "Dense(10, activation='relu')": "출력층에 relu를 고름",
}


def slip_message(code: str, layer, before: tuple[int, ...], last: bool) -> str | None:
    """What is wrong with picking ``code`` where the slide model has ``layer`` (chapter 07).

    None when ``code`` is not a known slip for a slot of that kind: the slot's own
    reason is told then.

    Examples
    --------
    >>> conv2 = models.SLIDE_LAYERS[2]
    >>> slip_message("Conv2D(32, kernel_size=3, activation='relu', padding='valid')", conv2,
    ...              (14, 14, 32), last=False)[:40]
    "padding='valid'이면 크기가 2씩 줄어듭니다(14 → 12)."
    >>> slip_message("Dense(10, activation='relu')", conv2, (14, 14, 32), last=False) is None
    True
    """
    kind, say = LAYER_SLIPS.get(code, (None, None))
    slot = "output" if last else layer.kind
    if kind != slot:
        return None
    return say.format(n=before[0], n_valid=ops.output_size(before[0], models.SLIDE_FILTER_SIZE))


def write_model() -> Exercise:
    """Assemble the slide model layer by layer from menus (chapter 07, 객체 생성, 층 추가).

    Examples
    --------
    >>> exercise = write_model()
    >>> len(exercise.groups), exercise.submit_all
    (8, True)
    """
    codes = list(dict.fromkeys(layer.code() for layer in models.SLIDE_LAYERS))
    options = tuple((c, c) for c in sorted([*codes, *LAYER_SLIPS]))
    last = len(models.SLIDE_LAYERS)
    inputs, shapes = models.layer_inputs(), models.expected_shapes()
    groups, checks = [], {}
    for k, (layer, before, after) in enumerate(
        zip(models.SLIDE_LAYERS, inputs, shapes, strict=True), 1
    ):
        key = f"layer{k}"
        reason = layer.shape_reason(before, after)
        groups.append(
            Group(
                key,
                (ChoiceField(key, f"{k}번째 층", "고르세요", options, menu=True),),
                f"{k}번째 층:",
            )
        )
        slips = {code: slip_message(code, layer, before, k == last) for code, _ in options}
        cases = tuple(
            Case(
                f"아쉽습니다. {k}번째 층은 {layer.code()}입니다. {slips[code] or reason}",
                equal=((key, code),),
                mistake=LAYER_MISTAKES[code] if slips[code] else "",
            )
            for code, _ in options
            if code != layer.code()
        )
        checks[key] = Check({key: layer.code()}, f"정답입니다! {reason}", cases)
    return Exercise(
        "write-model",
        "슬라이드 모델 조립하기",
        "model = keras.Sequential()에 model.add로 넣을 층을 차례로 고르세요(입력 28×28×1). "
        "'모두 확인'을 누르면 층마다 슬라이드 모델과 같은지, 다르면 무엇이 다른지 알려 줍니다.",
        tuple(groups),
        (Problem("", checks),),
        submit_all=True,
    )


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
    return Problem(
        html.escape(
            f"모양이 ({h}, {w}, {c})인 특성 맵을 Flatten으로 펼칩니다. (행 {i}, 열 {j}, 채널 "
            f"{k})의 값은 "
            "펼친 배열의 어느 인덱스(0부터)에 놓일까요?"
        ),
        {
            "main": Check(
                {"main": answer}, f"정답입니다! {work}", (_wrong(f"인덱스 {answer}", work),)
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
    return _seeded(
        "flatten-index",
        "Flatten은 어떤 순서로 펼치나",
        "numpy의 reshape(-1)처럼, Flatten은 마지막 축(채널)부터 빨리 바뀌는 순서로 값을 한 줄에 "
        "늘어놓습니다.",
        [Group("main", (NumberField("main", "펼친 배열의 위치", "위치", minimum=0, maximum=1e7),))],
        _flatten_problem,
        seed,
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
    return Problem(
        html.escape(
            f"밀집층 뉴런 하나: 입력 x = {x.tolist()}, 가중치 w = {weights.tolist()}, 절편 b = "
            f"{bias}, "
            "활성화 함수 ReLU. 이 뉴런의 출력은?"
        ),
        {"main": Check({"main": answer}, f"정답입니다! {work}", (_wrong(str(answer), work),))},
    )


def dense_value(seed: int = 0) -> Exercise:
    """One value of a dense layer by hand: w·x + b, then ReLU (chapter 07).

    Examples
    --------
    >>> dense_value(seed=0).problems[0].checks["main"].answer["main"] >= 0
    True
    """
    return _seeded(
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
    return Problem(
        html.escape(
            f"출력층의 소프트맥스 직전 값(로짓) z = {logits.tolist()}일 때, 클래스 {k}의 확률은? "
            "(소수 둘째 자리까지)"
        ),
        {
            "main": Check(
                {"main": float(answer)},
                f"정답입니다! {work}",
                (_wrong(answer, work),),
                within=0.5 * 10**-ANSWER_DECIMALS,
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
    return _seeded(
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
    return Problem(
        html.escape(
            f"예측 확률 p = {p.tolist()}, 정답 클래스 {label}. 손실을 소수 둘째 자리까지 구하세요."
        ),
        {
            "plain": Check(
                {"plain": float(plain_text)},
                f"정답입니다! -ln p[{label}] = -ln {p[label]:.2f} = {plain_text}",
                (
                    _wrong(
                        plain_text,
                        f"크로스 엔트로피는 정답 클래스 확률의 -ln입니다: -ln {p[label]:.2f} = "
                        f"{plain_text}",
                        "plain",
                    ),
                ),
                within=within,
            ),
            "smooth": Check(
                {"smooth": float(smooth_text)},
                f"정답입니다! -({terms}) = {smooth_text}",
                (
                    _wrong(
                        smooth_text,
                        f"레이블 스무딩 0.1, 클래스 3개면 목표는 정답 1 - 0.1 + 0.1/3 = "
                        f"{target[label]:.{d}f}, 나머지 0.1/3 = "
                        f"{target[(label + 1) % 3]:.{d}f}입니다: -({terms}) = {smooth_text}",
                        "smooth",
                    ),
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
    return _seeded(
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


def _relu_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    window, kernel, bias = (
        rng.integers(0, 4, (3, 3)),
        rng.integers(-2, 2, (3, 3)),
        int(rng.integers(-2, 3)),
    )
    z = ops.multiply_and_sum(window, kernel) + bias
    answer = max(z, 0)
    sign = "음수라서 ReLU가 0으로 만듭니다" if z < 0 else "0 이상이라 ReLU가 그대로 둡니다"
    total = ops.multiply_and_sum(window, kernel)
    work = f"곱과 합 {total} + 절편 {bias} = {z}: {sign}. 특성 맵의 값은 {answer}입니다."
    return Problem(
        matrix_html(window, caption="윈도") + matrix_html(kernel, caption=f"필터 (절편 {bias})"),
        {"main": Check({"main": answer}, f"정답입니다! {work}", (_wrong(str(answer), work),))},
    )


def relu_value(seed: int = 0) -> Exercise:
    """A feature-map value after the bias and ReLU: only one sign survives (chapter 08).

    Examples
    --------
    >>> relu_value(seed=0).problems[0].checks["main"].answer["main"] >= 0
    True
    """
    return _seeded(
        "relu-value",
        "절편과 ReLU 뒤의 특성 맵 값",
        "합성곱 층(activation='relu')은 곱과 합에 절편을 더한 뒤 ReLU를 적용합니다: 음수는 0이 "
        "됩니다.",
        [Group("main", (NumberField("main", "특성 맵의 값", "값", minimum=-1000, maximum=1000),))],
        _relu_problem,
        seed,
    )


#: Layer stacks for the receptive-field question: (filter size, stride) per layer, as named.
STACKS = (
    ("3×3 합성곱 → 3×3 합성곱", ((3, 1), (3, 1))),
    ("3×3 합성곱 → 2×2 최대 풀링", ((3, 1), (2, 2))),
    ("3×3 합성곱 → 2×2 최대 풀링 → 3×3 합성곱", ((3, 1), (2, 2), (3, 1))),
    ("3×3 합성곱 → 2×2 최대 풀링 → 3×3 합성곱 → 2×2 최대 풀링", ((3, 1), (2, 2), (3, 1), (2, 2))),
    ("5×5 합성곱 → 2×2 최대 풀링 → 3×3 합성곱", ((5, 1), (2, 2), (3, 1))),
    ("3×3 합성곱(스트라이드 2) → 3×3 합성곱", ((3, 2), (3, 1))),
    ("3×3 합성곱 → 3×3 합성곱 → 3×3 합성곱", ((3, 1), (3, 1), (3, 1))),
)


def _receptive_problem(seed: int) -> Problem:
    name, layers = STACKS[int(np.random.default_rng(seed).integers(len(STACKS)))]
    sizes = ops.receptive_field(layers)
    work = (
        "층마다 (필터 크기 - 1) × (입력에서 이웃한 두 값 사이의 거리)만큼 넓어집니다: 1 → "
        + " → ".join(map(str, sizes))
        + f". 마지막 값 하나는 입력의 {sizes[-1]}×{sizes[-1]} 영역을 봅니다."
    )
    return Problem(
        html.escape(
            f"{name}. 마지막 층의 값 하나는 입력 이미지의 몇×몇 영역을 볼까요? (한 변을 입력)"
        ),
        {
            "main": Check(
                {"main": sizes[-1]}, f"정답입니다! {work}", (_wrong(str(sizes[-1]), work),)
            )
        },
    )


def receptive_field_quiz(seed: int = 0) -> Exercise:
    """How much of the input one value of a deeper layer sees (chapter 08, 더 추상적인 특징).

    Examples
    --------
    >>> receptive_field_quiz(seed=0).problems[0].checks["main"].answer["main"] >= 3
    True
    """
    return _seeded(
        "receptive-field",
        "뒤쪽 층의 값 하나가 보는 영역",
        "뒤쪽 층의 값 하나는 입력의 더 넓은 영역을 봅니다. 그래서 더 큰, 더 추상적인 특징을 배울 "
        "수 있습니다.",
        [
            Group(
                "main",
                (NumberField("main", "보는 영역의 한 변", "한 변", minimum=1, maximum=1000),),
            )
        ],
        _receptive_problem,
        seed,
    )


# --------------------------------------------------------------------------
# filters are learned (chapter 02) and why a CNN (chapter 07)
# --------------------------------------------------------------------------


def _gradient_step_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    w = float(rng.choice([-1.0, -0.5, 0.5, 1.0]))
    g = float(rng.choice([-2.0, -1.0, -0.5, 0.5, 1.0, 2.0]))
    rate = float(rng.choice([0.1, 0.2, 0.5]))
    step = round(rate * g, 2)
    new = round(w - step, 2)
    g_text, step_text = (ops.format_number(v, decimals=4, bracket_negative=True) for v in (g, step))
    work = (
        f"새 가중치 = w - η × g = {_num(w)} - {_num(rate)} × {g_text} "
        f"= {_num(w)} - {step_text} = {_num(new)}"
    )
    slips = (
        (
            round(w + step, 2),
            "기울기 쪽으로 감",
            "기울기 쪽으로 간 값입니다. 경사 하강법은 오차가 줄어드는 쪽, "
            "즉 기울기의 반대 방향으로 갑니다: w - η × g.",
        ),
        (
            round(w - g, 2),
            "학습률을 곱하지 않음",
            "학습률 η를 곱하지 않은 값입니다. 한 번에 기울기의 η배만큼만 움직입니다.",
        ),
        (
            round(-step, 2),
            "움직인 양만 구함",
            "움직인 양(-η × g)뿐입니다. 원래 가중치 w에 더해야 합니다.",
        ),
    )
    cases = _slips(new, work, slips)
    return Problem(
        html.escape(
            f"필터의 가중치 한 칸이 w = {_num(w)}이고, 이 가중치에 대한 손실의 기울기가 "
            f"g = {_num(g)}, 학습률이 η = {_num(rate)}입니다. 경사 하강법으로 한 번 고친 가중치는?"
        ),
        {
            "main": Check(
                {"main": new},
                f"정답입니다! {work}",
                (*cases, _wrong(_num(new), work)),
                within=0.005,
            )
        },
    )


def gradient_step(seed: int = 0) -> Exercise:
    """One step of gradient descent on one filter weight: w - learning rate x gradient (02).

    Chapter 02 learns the vertical edge filter from (image, feature map) pairs;
    this asks for one update by hand. Going with the gradient, forgetting the
    learning rate and giving only the change each get their own message.

    Examples
    --------
    >>> from cnn_utils.answers import judge
    >>> exercise = gradient_step(seed=0)
    >>> check = exercise.problems[0].checks["main"]
    >>> judge(exercise.groups[0], check, {"main": str(check.answer["main"])}).correct
    True
    """
    return _seeded(
        "gradient-step",
        "경사 하강법으로 가중치 한 칸 고치기",
        "경사 하강법은 가중치 w를 기울기 g의 반대쪽으로 학습률 η만큼 옮깁니다: 새 w = w - η × g.",
        [
            Group(
                "main",
                (
                    NumberField(
                        "main", "고친 가중치", "예: 0.7", integer=False, minimum=-10, maximum=10
                    ),
                ),
            )
        ],
        _gradient_step_problem,
        seed,
    )


def _dense_params_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    side = int(rng.choice([28, 32]))
    units = int(rng.choice([64, 100, 128, 256]))
    inputs = side * side
    hidden, output = (inputs + 1) * units, (units + 1) * 10
    total = hidden + output
    work = (
        f"Flatten: {side}×{side} = {inputs:,}개. 밀집층: ({inputs:,} + 1) × {units} = {hidden:,}, "
        f"출력층: ({units} + 1) × 10 = {output:,}. 모두 {hidden:,} + {output:,} = {total:,}개"
    )
    slips = (
        (
            inputs * units + units * 10,
            "절편을 빠뜨림",
            "절편(bias)을 빼고 가중치만 센 값입니다. 뉴런마다 절편이 하나씩 있습니다.",
        ),
        (
            (side + 1) * units + output,
            "Flatten을 한 변으로 셈",
            f"입력을 {side}개로 센 값입니다. Flatten은 {side}×{side} = {inputs:,}개를 한 줄로 "
            "폅니다.",
        ),
        (
            hidden,
            "출력층을 빠뜨림",
            "첫 밀집층만 센 값입니다. 출력층 Dense(10)의 파라미터도 더해야 합니다.",
        ),
    )
    return Problem(
        html.escape(
            f"{side}×{side} 흑백 이미지를 Flatten → Dense({units}, relu) → Dense(10, softmax)로 "
            "분류하는 밀집층만의 모델입니다. 파라미터는 모두 몇 개일까요?"
        ),
        {
            "main": Check(
                {"main": total},
                f"정답입니다! {work}",
                (*_slips(total, work, slips), _wrong(f"{total:,}", work)),
            )
        },
    )


def dense_params(seed: int = 0) -> Exercise:
    """The parameters of a dense-only model on images: why a CNN needs fewer per layer (07).

    Examples
    --------
    >>> from cnn_utils.answers import judge
    >>> exercise = dense_params(seed=0)
    >>> check = exercise.problems[0].checks["main"]
    >>> judge(exercise.groups[0], check, {"main": str(check.answer["main"])}).correct
    True
    """
    return _seeded(
        "dense-params",
        "밀집층만 쓴 모델의 파라미터 개수",
        "밀집층은 입력 하나하나에 뉴런마다 가중치를 두고, 뉴런마다 절편(bias)이 하나 있습니다.",
        [Group("main", (NumberField("main", "파라미터 개수", "개수", minimum=0, maximum=1e8),))],
        _dense_params_problem,
        seed,
    )


# fmt: off

def channel_sums(maps, kernel, row: int, col: int, filter_index: int) -> np.ndarray:
    """The partial sums of one 'same'-padded convolution value, one per input channel.

    ``maps`` is (H, W, C), ``kernel`` (3, 3, C, K) in Keras's layout: the value at
    (``row``, ``col``) of filter ``filter_index`` is their sum plus the bias
    (chapter 08, 신경망 따라가기).

    Examples
    --------
    >>> maps = np.zeros((4, 4, 2)); maps[1, 1] = [1.0, 2.0]
    >>> channel_sums(maps, np.ones((3, 3, 2, 1)), 0, 0, 0)
    array([1., 2.])
    """
    maps, kernel = np.asarray(maps, dtype=float), np.asarray(kernel, dtype=float)
    fh, fw = kernel.shape[:2]
    padded = np.pad(maps, (((fh - 1) // 2, fh // 2), ((fw - 1) // 2, fw // 2), (0, 0)))
    window = padded[row : row + fh, col : col + fw, :]
    return np.einsum("uvc,uvc->c", window, kernel[:, :, :, filter_index])


def strongest_channel(maps, kernel, bias, *, row: int, col: int, filter_index: int, image: str):
    """Which input channel adds most to one value of the second convolution (chapter 08).

    A question the reader answers by looking in the walk through the trained model
    (:mod:`cnn_utils.walkthrough`): the maps, weights and position come from that model.

    Examples
    --------
    >>> maps = np.zeros((4, 4, 3)); maps[1, 1] = [0.5, 2.0, -1.0]
    >>> ex = strongest_channel(maps, np.ones((3, 3, 3, 1)), np.zeros(1), row=1, col=1,
    ...                        filter_index=0, image="테스트 0번")
    >>> ex.problems[0].checks["main"].answer
    {'main': 1}
    """
    parts = channel_sums(maps, kernel, row, col, filter_index)
    order = np.argsort(-parts, kind="stable")
    best = int(order[0])
    bias_value = float(np.asarray(bias)[filter_index])
    z = float(parts.sum()) + bias_value
    others = ", ".join(f"채널 {int(k)}({_num(parts[k])})" for k in order[1:3])
    work = (
        f"가장 큰 부분합은 채널 {best}의 {_num(parts[best])}이고, 그다음은 {others}입니다. "
        f"{len(parts)}개 부분합의 합 {_num(parts.sum())}에 절편 {_num(bias_value)}을 더하면 "
        f"{_num(z)}, ReLU 뒤의 값은 {_num(max(z, 0.0))}입니다."
    )
    statement = html.escape(
        f"{image}, '합성곱 2' 특성 맵 {filter_index}번의 ({row}, {col}) 값. "
        f"입력 채널 {len(parts)}개 가운데 부분합이 가장 큰 채널은 몇 번일까요?"
    )
    return Exercise(
        "strongest-channel",
        "가장 크게 더한 채널 찾기",
        "위 그림에서 이미지를 고르고 '합성곱 2'를 누르면 특성 맵 0번의 가장 밝은 칸이 골라져 "
        "있습니다. 그 값의 계산에서 채널별 부분합을 보세요.",
        (
            Group(
                "main",
                (
                    NumberField(
                        "main", "채널 번호", "채널", minimum=0, maximum=len(parts) - 1
                    ),
                ),
            ),
        ),
        (
            Problem(
                statement,
                {"main": Check({"main": best}, f"정답입니다! {work}", (_wrong(str(best), work),))},
            ),
        ),
    )

__all__ = [
    "BANK", "CNN_STAGES", "Exercise", "FEATURES", "Figure", "FILTER_KINDS", "FILTER_PRESETS",
    "channel_sums", "strongest_channel",
    "FilterDesigner", "LAYER_SLIPS", "Param", "POOL_REGIONS", "POOLING_EXAMPLE", "POOLING_MATRIX",
    "Problem",
    "SizeExplorer", "SizeReport", "STACKS", "best_filter", "cnn_structure", "cross_entropy_quiz",
    "dense_value", "depth_values", "describe_filter_response", "explore_sizes", "explorer_note",
    "feature_maps", "figure_data", "filter_reading", "filter_response", "flatten_index",
    "layer_keys", "matrix_html", "multiply_sum", "padded_sum", "padding_sizes", "param_quiz",
    "parse_filter", "pixel_usage", "pooled_size", "pooled_value", "pooling", "pooling_loss",
    "read_filter", "receptive_field_quiz", "region_match", "relu_value", "shape_quiz",
    "size_effect", "size_grid_html", "size_quiz", "sliding", "softmax_quiz", "stride_results",
    "stride_steps", "stride_windows", "typed", "valid_shrink", "window_order", "worked_sum",
    "write_model", "dense_params", "gradient_step",
]
# fmt: on
