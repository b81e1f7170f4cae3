"""The two explorers: no right answer, a reading of what the student set."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from cnn_utils import ops
from cnn_utils.answers import NumberField
from cnn_utils.exercises.making import as_matrix
from cnn_utils.exercises.markup import GRID_DOT


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


#: Ready-made 3x3 filters the students start from.
FILTER_PRESETS: dict[str, np.ndarray] = {
    "가로 윤곽선": np.array([[1, 1, 1], [0, 0, 0], [-1, -1, -1]], dtype=float),
    "세로 윤곽선": np.array([[1, 0, -1], [1, 0, -1], [1, 0, -1]], dtype=float),
    "곡선": np.array([[-1, -1, 2], [-1, 2, -1], [2, -1, -1]], dtype=float),
    "흐림 (blur)": np.full((3, 3), 1 / 9),
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
        padding = ops.check_padding(self.padding)
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
            str(k): as_matrix(v, f"images[{k!r}]", at_most=64).astype(float)
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
