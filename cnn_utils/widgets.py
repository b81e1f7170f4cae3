"""Classroom exercises as ipywidgets (works with ipywidgets 7.7 in Colab and 8.x).

Each exercise is a thin layer of controls over the pure functions of
:mod:`cnn_utils.exercises`: it reads the boxes, asks ``exercises`` for the
verdict and shows the Korean feedback; its figures come from
:mod:`cnn_utils.viz`. What it shows is kept on the object (the current
``problem``, ``frame``, ``report`` or ``feature_map``, the ``feedback``
widget), so the tests drive the widgets by setting ``.value`` and calling
``.click()``, without a kernel.

A chapter shows an exercise with :meth:`Exercise.show`: the widget, then a
worked example (:meth:`Exercise.show_example`). The widget's output also
carries a static form (:meth:`Exercise.static_bank`, rendered by
:mod:`cnn_utils.static`) that the web book shows instead of the widget,
answering from feedback precomputed by the same checkers.
"""

from __future__ import annotations

import html
import io
from collections.abc import Mapping

import ipywidgets as w
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display

from cnn_utils import exercises as ex
from cnn_utils import ops, static, viz

_BOX = w.Layout(width="90px")


def matrix_html(
    m,
    *,
    highlight: tuple[int, int, int, int] | None = None,
    shade: Mapping[tuple[int, int], str] | None = None,
) -> str:
    """A small matrix as an HTML table (numbers in boxes, a window outlined).

    Examples
    --------
    >>> table = matrix_html([[1, 2], [3, 4]], highlight=(0, 0, 1, 2))
    >>> table.count("<td"), "#d62728" in table
    (4, True)
    """
    m = np.asarray(m)
    rows = []
    for i in range(m.shape[0]):
        cells = []
        for j in range(m.shape[1]):
            style = "border:1px solid #bbb;padding:4px 8px;text-align:center;min-width:24px"
            if highlight is not None:
                r, c, h, wd = highlight
                if r <= i < r + h and c <= j < c + wd:
                    style += ";background:#fde0dd;outline:2px solid #d62728"
            if shade and (i, j) in shade:
                style += f";background:{shade[(i, j)]}"
            value = m[i, j]
            text = (
                "" if (isinstance(value, float) and np.isnan(value)) else ops.format_number(value)
            )
            cells.append(f'<td style="{style}">{html.escape(text)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<table style="border-collapse:collapse;display:inline-table;margin:4px">'
        + "".join(rows)
        + "</table>"
    )


def _matrix(value, name: str, *, shape: tuple[int, int] | None = None) -> np.ndarray:
    """A 2-D array of finite numbers for an exercise, or a ValueError/TypeError naming ``name``."""
    array = ops._as_array(value, name)
    if array.ndim != 2 or (shape is not None and array.shape != shape):
        want = "x".join(map(str, shape)) if shape else "2-D (height, width)"
        raise ValueError(f"{name} must be a {want} array, got shape {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must hold finite numbers (no NaN or infinity)")
    return array


def _in_range(name: str, value, low: int, high: int) -> int:
    """An integer slider's starting value, or a ValueError naming the slider's range."""
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, np.integer))
        or not low <= value <= high
    ):
        raise ValueError(
            f"{name} must be an integer from {low} to {high} (the slider's range), got {value!r}"
        )
    return int(value)


class Exercise(w.VBox):
    """Base of the exercises: a titled box with a feedback line and a static example."""

    title = "연습"

    def __init__(self, children, **kwargs):
        self.feedback = w.HTML(value="")
        header = w.HTML(value=f"<b>연습: {html.escape(self.title)}</b>")
        super().__init__([header, *children, self.feedback], **kwargs)

    def __repr__(self) -> str:  # stable text for nbval across ipywidgets versions
        return f"<연습: {self.title}>"

    # -- callbacks: a bug never turns into a silent button -------------------------------------

    def _guarded(self, handler):
        """``handler`` that answers in Korean instead of failing into the widget log."""

        def run(*args):
            try:
                return handler(*args)
            except Exception as e:  # shown to the student; the tests require none to happen
                self._say(
                    ex.Feedback(
                        None,
                        "예상하지 못한 오류가 났습니다. 이 셀을 다시 실행해 보세요. "
                        f"({type(e).__name__}: {ex.echo(e)})",
                    )
                )
                return None

        return run

    def _on_click(self, button: w.Button, handler) -> None:
        button.on_click(self._guarded(handler))

    def _observe(self, widget, handler, names: str = "value") -> None:
        widget.observe(self._guarded(handler), names=names)

    @staticmethod
    def _start_seed(seed) -> int:
        """The first problem's seed: the one given (0 <= seed < 2**32), or a random one for None."""
        if seed is None:
            return int(np.random.default_rng().integers(2**31))
        if (
            isinstance(seed, bool)
            or not isinstance(seed, (int, np.integer))
            or not 0 <= seed < 2**32
        ):
            raise ValueError(
                f"seed must be None or an integer with 0 <= seed < 2**32, got {seed!r}"
            )
        return int(seed)

    def _say(self, feedback: ex.Feedback) -> ex.Feedback:
        self.last_feedback = feedback
        self.feedback.value = feedback.html()
        return feedback

    def show_example(self) -> None:
        """Show a worked example that needs no kernel (for the static book)."""
        raise NotImplementedError

    def show(self) -> None:
        """Display the exercise, then its worked example: how every chapter shows one."""
        display(self)
        self.show_example()

    # -- the static form for the web book (issue 11) ------------------------------------
    #: How many problems the static form of an exercise with 새 문제 carries.
    static_problems = 12
    #: The first problem's seed, for exercises that have seeds (the static form starts there).
    first_seed: int | None = None

    def static_bank(self) -> dict:
        """The problems, answers and feedback of the static form (see :mod:`cnn_utils.static`)."""
        raise NotImplementedError

    def _static_seeds(self, make, key):
        """Problems from the first seed on, skipping ones already met, as many as
        :attr:`static_problems`."""
        seen, seed = set(), self.first_seed or 0
        while len(seen) < self.static_problems:
            problem = make(seed)
            if key(problem) not in seen:
                seen.add(key(problem))
                yield problem
            seed += 1

    def static_html(self) -> str:
        """The static form: what the web book shows instead of the live widget."""
        return static.render(self.static_bank())

    def _repr_mimebundle_(self, **kwargs):  # ipywidgets 8: the widget's bundle plus the static form
        data = super()._repr_mimebundle_(**kwargs)
        if data:
            data[static.STATIC_MIME] = self.static_html()
        return data

    if hasattr(w.Widget, "_ipython_display_"):  # ipywidgets 7 (Colab) makes the bundle here

        def _ipython_display_(self, **kwargs):
            data = {"text/plain": repr(self)}
            if self._view_name is not None:
                data["application/vnd.jupyter.widget-view+json"] = {
                    "version_major": 2,
                    "version_minor": 0,
                    "model_id": self._model_id,
                }
            data[static.STATIC_MIME] = self.static_html()
            display(data, raw=True)
            if self._view_name is not None:
                self._handle_displayed(**kwargs)

    @staticmethod
    def _show(image: w.Image, fig) -> None:
        """Put a figure into an Image widget as PNG.

        An Image widget (not an Output widget) keeps the picture in the widget
        state, so the static book shows it, and it sends no display messages
        that would mix with the cell's own outputs.
        """
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=80, bbox_inches="tight")
        plt.close(fig)
        image.value = buffer.getvalue()


# --------------------------------------------------------------------------
# 1. 곱과 합
# --------------------------------------------------------------------------


class MultiplySumExercise(Exercise):
    """Type the multiply-and-sum of a 3x3 window and a 3x3 filter (chapter 01).

    Examples
    --------
    >>> exercise = MultiplySumExercise(seed=0)
    >>> exercise.answer.value = str(exercise.problem.answer)
    >>> exercise.check.click()
    >>> exercise.last_feedback.correct
    True
    """

    title = "곱과 합 계산하기"

    def __init__(self, seed: int = 0):
        self.seed = self.first_seed = self._start_seed(seed)
        self.problem_html = w.HTML()
        self.answer = w.Text(placeholder="곱과 합", layout=_BOX)
        self.check = w.Button(description="확인", button_style="primary")
        self.new = w.Button(description="새 문제")
        super().__init__(
            [
                w.HTML(
                    value="윈도(window)와 필터의 같은 자리끼리 곱해서 모두 더한 값을 입력하세요."
                ),
                self.problem_html,
                w.HBox([self.answer, self.check, self.new]),
            ]
        )
        self._on_click(
            self.check, lambda _: self._say(ex.check_multiply_sum(self.problem, self.answer.value))
        )
        self._on_click(self.new, lambda _: self._new_problem())
        self._new_problem(first=True)

    def _new_problem(self, first: bool = False):
        if not first:
            self.seed += 1
        self.problem = ex.multiply_sum_problem(self.seed)
        self.problem_html.value = self._problem_html(self.problem)
        self.answer.value = ""
        self.feedback.value = ""

    @staticmethod
    def _problem_html(problem: ex.MultiplySumProblem) -> str:
        return (
            "윈도 "
            + matrix_html(problem.window)
            + " &nbsp;×&nbsp; 필터 "
            + matrix_html(problem.kernel)
        )

    def static_bank(self) -> dict:
        problems, rule = [], None
        for problem in self._static_seeds(ex.multiply_sum_problem, self._problem_html):
            check = static.text_check(
                lambda t, p=problem: ex.check_multiply_sum(p, t), problem.answer, rule=rule
            )
            rule = check["rule"]
            problems.append({"statement": self._problem_html(problem), "checks": {"main": check}})
        return {
            "title": self.title,
            "intro": self.children[1].value,
            "nav": "new",
            "problems": problems,
            "controls": {"answer": {"placeholder": self.answer.placeholder, "label": "곱과 합"}},
        }

    def show_example(self) -> None:
        example = ex.multiply_sum_problem(seed=1000)
        fig = viz.show_matrices(
            [example.window, example.kernel, example.window * example.kernel],
            ["윈도", "필터", "같은 자리끼리 곱"],
            symbols=["×", "="],
        )
        display(fig)
        plt.close(fig)
        print("풀이 예시 (다른 문제):", ex.worked_sum(example.window, example.kernel))


# --------------------------------------------------------------------------
# 2. 필터 설계
# --------------------------------------------------------------------------


class FilterDesignExercise(Exercise):
    """Edit a 3x3 filter and watch the feature map of a real image change (chapters 01-02).

    Examples
    --------
    >>> exercise = FilterDesignExercise({"계단": np.tril(np.ones((6, 6)))})
    >>> exercise.cells[0].value = "x"
    >>> "숫자가 아닙니다" in exercise.feedback.value
    True
    """

    title = "필터 설계하기"

    def __init__(self, images: Mapping[str, np.ndarray], preset: str = "세로 윤곽선"):
        if not images:
            raise ValueError("images must hold at least one image")
        if preset not in ex.FILTER_PRESETS:
            raise ValueError(f"preset must be one of {list(ex.FILTER_PRESETS)}, got {preset!r}")
        self.images = {
            name: _matrix(im, f"images[{name!r}]").astype(float) for name, im in images.items()
        }
        self.cells = [
            w.Text(layout=w.Layout(width="64px"), continuous_update=False) for _ in range(9)
        ]
        self.preset = w.Dropdown(
            options=list(ex.FILTER_PRESETS), value=preset, description="예시 필터"
        )
        self.image = w.Dropdown(options=list(self.images), description="이미지")
        self.output = w.Image(format="png")
        self.kernel = ex.FILTER_PRESETS[preset]
        grid = w.GridBox(self.cells, layout=w.Layout(grid_template_columns="repeat(3, 70px)"))
        super().__init__(
            [
                w.HTML(value="칸의 숫자를 바꾸거나 예시 필터를 고르면 특성 맵이 바로 바뀝니다."),
                w.HBox([grid, w.VBox([self.preset, self.image])]),
                self.output,
            ]
        )
        self._loading = False
        self._observe(self.preset, lambda change: self._load_preset(change["new"]), names="value")
        self._observe(self.image, lambda _: self._update(), names="value")
        for cell in self.cells:
            self._observe(cell, lambda _: self._update(), names="value")
        self._load_preset(preset)

    def _load_preset(self, name: str):
        self._loading = True
        for cell, value in zip(self.cells, ex.FILTER_PRESETS[name].ravel(), strict=True):
            cell.value = f"{float(value):.3g}"
        self._loading = False
        self._update()

    def _update(self):
        if self._loading:
            return
        kernel, hint = ex.parse_filter([c.value for c in self.cells])
        if hint:
            self._say(ex.Feedback(None, hint))
            return
        self.kernel = kernel
        image = self.images[self.image.value]
        self.feature_map = ex.filter_response(image, kernel)
        self._say(ex.Note(ex.describe_filter_response(self.feature_map)))
        fig = viz.show_images(
            [image, self.feature_map], ["원본", "특성 맵 (밝을수록 큰 값)"], ncols=2, size=2.6
        )
        self._show(self.output, fig)

    def show_example(self) -> None:
        image = next(iter(self.images.values()))
        maps = [ex.filter_response(image, k) for k in ex.FILTER_PRESETS.values()]
        fig = viz.show_images(
            [image, *maps],
            ["원본", *ex.FILTER_PRESETS],
            ncols=5,
            size=2.0,
            suptitle="예시 필터 네 개가 만든 특성 맵",
        )
        display(fig)
        plt.close(fig)

    def static_bank(self) -> dict:
        presets = ", ".join(ex.FILTER_PRESETS)
        images = ", ".join(self.images)
        return {
            "title": self.title,
            "notice": static.colab_notice("필터 설계 연습은"),
            "intro": html.escape(
                f"노트북에서는 3×3 필터의 아홉 칸을 바꾸거나 예시 필터({presets})를 "
                f"고르고 이미지({images})를 고르면 특성 맵이 바로 바뀝니다. "
                "아래 그림은 예시 필터 네 개가 만든 특성 맵입니다."
            ),
        }


# --------------------------------------------------------------------------
# 3. 윈도 슬라이딩
# --------------------------------------------------------------------------


class SlidingExercise(Exercise):
    """Step the window and predict the next feature-map value (chapter 02).

    Examples
    --------
    >>> exercise = SlidingExercise(np.arange(16).reshape(4, 4), np.ones((3, 3), dtype=int))
    >>> exercise.answer.value = "54"
    >>> exercise.check.click()
    >>> exercise.frame.position   # a right answer moves the window on
    (0, 1)
    """

    title = "윈도 슬라이딩 따라가기"

    def __init__(self, x, kernel):
        self.x, self.kernel = _matrix(x, "x"), _matrix(kernel, "kernel")
        if any(k > n for k, n in zip(self.kernel.shape, self.x.shape, strict=True)):
            raise ValueError(f"kernel ({self.kernel.shape}) must fit inside x ({self.x.shape})")
        steps = len(ops.window_positions(self.x.shape, self.kernel.shape))
        self.step = w.IntSlider(value=0, min=0, max=steps - 1, description="단계")
        self.prev = w.Button(description="◀ 이전")
        self.next = w.Button(description="다음 ▶")
        self.answer = w.Text(placeholder="다음 칸의 값", layout=_BOX)
        self.check = w.Button(description="확인", button_style="primary")
        self.output = w.Image(format="png")
        super().__init__(
            [
                w.HBox([self.prev, self.step, self.next]),
                self.output,
                w.HBox(
                    [
                        w.HTML(value="윈도가 다음 자리로 가면 특성 맵에 어떤 값이 들어갈까요?"),
                        self.answer,
                        self.check,
                    ]
                ),
            ]
        )
        self._on_click(self.prev, lambda _: self._move(-1))
        self._on_click(self.next, lambda _: self._move(+1))
        self._observe(self.step, lambda _: self._draw(), names="value")
        self._on_click(self.check, lambda _: self._check())
        self._draw()

    def _move(self, delta: int):
        self.step.value = int(np.clip(self.step.value + delta, self.step.min, self.step.max))

    def _check(self):
        feedback = ex.check_next_value(self.x, self.kernel, self.step.value, self.answer.value)
        if feedback.correct:
            self._move(+1)  # redraws and clears the box; then the feedback is shown
        self._say(feedback)

    def _draw(self):
        self.frame = ex.sliding_frame(self.x, self.kernel, self.step.value)
        self.answer.value = ""
        self.feedback.value = ""
        self._show(self.output, viz.sliding_frame_figure(self.x, self.kernel.shape, self.frame))

    def show_example(self) -> None:
        frame = ex.sliding_frame(self.x, self.kernel, 1)
        fig = viz.sliding_frame_figure(self.x, self.kernel.shape, frame)
        display(fig)
        plt.close(fig)
        print(
            "예시: 2단계에서 윈도는",
            frame.position,
            "자리에 있고 곱과 합은",
            ex.worked_sum(frame.window, self.kernel),
        )

    def static_bank(self) -> dict:
        problems, rule = [], None
        steps = self.step.max + 1
        for step in range(steps):
            frame = ex.sliding_frame(self.x, self.kernel, step)
            if step + 1 < steps:
                check = static.text_check(
                    lambda t, s=step: ex.check_next_value(self.x, self.kernel, s, t),
                    ex.sliding_frame(self.x, self.kernel, step + 1).value,
                    rule=rule,
                )
                rule = check["rule"]
            else:
                check = static.fixed_check(ex.check_next_value(self.x, self.kernel, step, ""))
            alt = (
                f"단계 {step + 1}/{steps}: 입력에서 {frame.position} 자리의 윈도, 윈도와 필터를 "
                f"같은 자리끼리 곱한 값(합 {ops.format_number(frame.value)}), 지금까지 채운 특성 맵"
            )
            figure = viz.sliding_frame_figure(self.x, self.kernel.shape, frame)
            problems.append(
                {
                    "figure": static.figure_data(figure, alt),
                    "advance": True,
                    "checks": {"main": check},
                }
            )
        return {
            "title": self.title,
            "nav": "steps",
            "problems": problems,
            "intro": self.children[3].children[0].value,
            "controls": {
                "answer": {"placeholder": self.answer.placeholder, "label": "다음 칸의 값"}
            },
        }


# --------------------------------------------------------------------------
# 4. 패딩·스트라이드 탐색기
# --------------------------------------------------------------------------


class PaddingStrideExplorer(Exercise):
    """Sliders for input size, filter size, padding and stride (chapters 03-04).

    Examples
    --------
    >>> explorer = PaddingStrideExplorer(n=7, f=3, padding="valid", stride=2)
    >>> explorer.report.output
    3
    >>> explorer.stride.value = 1
    >>> explorer.report.output
    5
    """

    title = "패딩·스트라이드 탐색기"

    def __init__(self, n: int = 7, f: int = 3, padding="valid", stride: int = 2):
        style = {"description_width": "initial"}
        n, f, stride = (
            _in_range("n", n, 3, 12),
            _in_range("f", f, 1, 5),
            _in_range("stride", stride, 1, 3),
        )
        padding = ops._check_padding(padding)
        padding = "valid" if padding == 0 else padding
        if padding not in ("valid", "same", 1, 2, 3):
            raise ValueError(
                f"padding must be 'valid' (or 0), 'same', 1, 2 or 3 (the menu's "
                f"choices), got {padding!r}"
            )
        self.initial = (n, f, padding, stride)
        self.n = w.IntSlider(value=n, min=3, max=12, description="입력 크기 n", style=style)
        self.f = w.IntSlider(value=f, min=1, max=5, description="필터 크기 f", style=style)
        self.padding = w.Dropdown(
            options=[("valid (0)", "valid"), ("same", "same"), ("1", 1), ("2", 2), ("3", 3)],
            value=padding,
            description="패딩",
            style=style,
        )
        self.stride = w.IntSlider(value=stride, min=1, max=3, description="스트라이드", style=style)
        self.report_html = w.HTML()
        self.output = w.Image(format="png")
        super().__init__(
            [
                w.HBox([w.VBox([self.n, self.f]), w.VBox([self.padding, self.stride])]),
                w.HBox([self.output, self.report_html]),
            ]
        )
        for control in (self.n, self.f, self.padding, self.stride):
            self._observe(control, lambda _: self._update(), names="value")
        self._update()

    def _update(self):
        report = ex.explore_sizes(
            self.n.value, self.f.value, padding=self.padding.value, stride=self.stride.value
        )
        self.report = report
        self.report_html.value = "<br>".join(
            html.escape(line) for line in report.message.splitlines()
        )
        if report.output is None:
            self._say(ex.Feedback(None, report.message))
        elif not report.unreached:
            self._say(ex.Note("나누어떨어집니다."))
        else:
            self._say(
                ex.Note(
                    f"나누어떨어지지 않습니다: 마지막 {report.unreached}칸은 윈도가 닿지 않아 "
                    "계산에 쓰이지 않습니다."
                )
            )
        self._show(self.output, viz.explorer_figure(report))

    def show_example(self) -> None:
        n, f, padding, stride = self.initial
        report = ex.explore_sizes(n, f, padding=padding, stride=stride)
        fig = viz.explorer_figure(report)
        display(fig)
        plt.close(fig)
        print(report.message)

    def static_bank(self) -> dict:
        paddings = ", ".join(label for label, _ in self.padding.options)
        return {
            "title": self.title,
            "notice": static.colab_notice("이 탐색기는"),
            "intro": html.escape(
                f"노트북에서는 입력 크기 n({self.n.min}–{self.n.max}), 필터 크기 f({self.f.min}–"
                f"{self.f.max}), 패딩({paddings}), "
                f"스트라이드({self.stride.min}–{self.stride.max})를 "
                "바꾸면 윈도가 지나가는 자리와 출력 크기가 바로 바뀝니다. 아래 그림은 처음 설정의 "
                "결과입니다."
            ),
        }


# --------------------------------------------------------------------------
# 5. 풀링
# --------------------------------------------------------------------------

_REGION_COLORS = {
    "왼쪽 위": "#fde0dd",
    "오른쪽 위": "#deebf7",
    "왼쪽 아래": "#e5f5e0",
    "오른쪽 아래": "#fff7bc",
}


class PoolingExercise(Exercise):
    """Predict the max or average of a 2x2 region (chapter 05).

    Examples
    --------
    >>> exercise = PoolingExercise()
    >>> exercise.kind.value = "average"
    >>> exercise.answer.value = "3.25"
    >>> exercise.check.click()
    >>> exercise.last_feedback.correct
    True
    """

    title = "풀링 값 예측하기"

    def __init__(self, matrix=ex.POOLING_MATRIX):
        self.matrix = _matrix(matrix, "matrix", shape=(4, 4))
        shade = {}
        for name, (r, c) in ex.POOL_REGIONS.items():
            for i in range(2):
                for j in range(2):
                    shade[(r + i, c + j)] = _REGION_COLORS[name]
        self.region = w.Dropdown(options=list(ex.POOL_REGIONS), description="영역")
        self.kind = w.ToggleButtons(options=[("최대 풀링", "max"), ("평균 풀링", "average")])
        self.answer = w.Text(placeholder="풀링 결과", layout=_BOX)
        self.check = w.Button(description="확인", button_style="primary")
        self.matrix_html = "특성 맵 " + matrix_html(self.matrix, shade=shade)
        super().__init__(
            [
                w.HTML(value=self.matrix_html),
                w.HBox([self.region, self.kind]),
                w.HBox([self.answer, self.check]),
            ]
        )
        self._on_click(
            self.check,
            lambda _: self._say(
                ex.check_pooling(self.matrix, self.region.value, self.kind.value, self.answer.value)
            ),
        )

    def show_example(self) -> None:
        fig = viz.show_matrices(
            [self.matrix, ops.max_pool2d(self.matrix), ops.avg_pool2d(self.matrix)],
            ["특성 맵", "최대 풀링", "평균 풀링"],
            fmt=None,
        )
        display(fig)
        plt.close(fig)

    def static_bank(self) -> dict:
        checks, rule = {}, None
        for region in ex.POOL_REGIONS:
            for _, kind in self.kind.options:
                check = static.text_check(
                    lambda t, r=region, k=kind: ex.check_pooling(self.matrix, r, k, t),
                    ex.pooled_value(self.matrix, region, kind),
                    rule=rule,
                )
                rule = check["rule"]
                checks[f"{region}|{kind}"] = check
        return {
            "title": self.title,
            "problems": [{"statement": self.matrix_html, "checks": checks}],
            "controls": {
                "selects": [
                    {
                        "name": "region",
                        "label": self.region.description,
                        "options": [(r, r) for r in ex.POOL_REGIONS],
                    },
                    {
                        "name": "kind",
                        "label": "풀링 종류",
                        "options": [(k, t) for t, k in self.kind.options],
                    },
                ],
                "answer": {"placeholder": self.answer.placeholder, "label": "풀링 결과"},
            },
        }


# --------------------------------------------------------------------------
# 6. 크기 공식 퀴즈
# --------------------------------------------------------------------------


class SizeQuizExercise(Exercise):
    """Random (H, FH, P, S) problems with a running score (chapter 06).

    Examples
    --------
    >>> quiz = SizeQuizExercise(seed=6)
    >>> quiz.answer.value = str(quiz.problem.answer)
    >>> quiz.check.click()
    >>> quiz.score_label.value
    '점수: 1 / 1'
    """

    title = "특성 맵 크기 퀴즈"

    def __init__(self, seed: int = 0):
        self.seed = self.first_seed = self._start_seed(seed)
        self.score = ex.Score()
        self.question = w.HTML()
        self.answer = w.Text(placeholder="OH", layout=_BOX)
        self.check = w.Button(description="확인", button_style="primary")
        self.new = w.Button(description="새 문제")
        self.score_label = w.HTML(value=str(self.score))
        super().__init__(
            [self.question, w.HBox([self.answer, self.check, self.new]), self.score_label]
        )
        self._on_click(self.check, lambda _: self._check())
        self._on_click(self.new, lambda _: self._new_problem())
        self._new_problem(first=True)

    def _new_problem(self, first: bool = False):
        if not first:
            self.seed += 1
        self.problem = ex.size_problem(self.seed)
        self.question.value = html.escape(self.problem.question())
        self.answer.value = ""
        self.feedback.value = ""

    def _check(self):
        feedback = self._say(ex.check_size_answer(self.problem, self.answer.value))
        self.score.record(feedback)
        self.score_label.value = str(self.score)

    def show_example(self) -> None:
        example = ex.SizeProblem(28, 3, 0, 2)
        print("풀이 예시:", example.question())
        print(ops.explain_output_size(example.h, example.fh, example.p, example.s))

    def static_bank(self) -> dict:
        problems, rule = [], None
        for problem in self._static_seeds(ex.size_problem, lambda p: p.question()):
            check = static.text_check(
                lambda t, p=problem: ex.check_size_answer(p, t), problem.answer, rule=rule
            )
            rule = check["rule"]
            problems.append(
                {"statement": html.escape(problem.question()), "checks": {"main": check}}
            )
        return {
            "title": self.title,
            "nav": "new",
            "problems": problems,
            "score": static.score_template(),
            "controls": {
                "answer": {"placeholder": self.answer.placeholder, "label": "출력 크기 OH"}
            },
        }


# --------------------------------------------------------------------------
# 7. 파라미터 개수 퀴즈
# --------------------------------------------------------------------------


class ParamQuizExercise(Exercise):
    """Compute each layer's parameter count of the slide model (chapter 07).

    Examples
    --------
    >>> quiz = ParamQuizExercise()
    >>> quiz.answers["conv1"].value = "288"
    >>> quiz.buttons["conv1"].click()
    >>> "절편" in quiz.results["conv1"].value
    True
    """

    title = "파라미터 개수 퀴즈"

    def __init__(self):
        self.answers: dict[str, w.Text] = {}
        self.buttons: dict[str, w.Button] = {}
        self.results: dict[str, w.HTML] = {}
        rows = []
        for q in ex.PARAM_QUESTIONS:
            self.answers[q.key] = w.Text(placeholder="개수", layout=_BOX)
            self.buttons[q.key] = w.Button(description="확인", button_style="primary")
            self.results[q.key] = w.HTML()
            self._on_click(self.buttons[q.key], lambda _, key=q.key: self._check(key))
            rows.append(
                w.VBox(
                    [
                        w.HTML(value=f"<b>{html.escape(q.layer)}</b>: {html.escape(q.question)}"),
                        w.HBox([self.answers[q.key], self.buttons[q.key]]),
                        self.results[q.key],
                    ]
                )
            )
        super().__init__(rows)

    def _check(self, key: str):
        feedback = ex.check_param_answer(key, self.answers[key].value)
        self.results[key].value = feedback.html()
        self._say(feedback)

    def show_example(self) -> None:
        print("풀이 예시 (다른 층): Conv2D(16, kernel_size=5), 입력 채널 3")
        print(f"  (5×5×3 + 1) × 16 = {ops.conv_params(5, 3, 16)}")
        print("풀이 예시 (다른 층): Dense(50), 입력 200개")
        print(f"  (200 + 1) × 50 = {ops.dense_params(200, 50)}")

    def static_bank(self) -> dict:
        checks, rows, rule = {}, [], None
        for q in ex.PARAM_QUESTIONS:
            checks[q.key] = static.text_check(
                lambda t, k=q.key: ex.check_param_answer(k, t),
                q.answer,
                special=[q.answer - q.biases],
                rule=rule,
            )
            rule = checks[q.key]["rule"]
            rows.append(
                {
                    "key": q.key,
                    "html": f"<b>{html.escape(q.layer)}</b>: {html.escape(q.question)}",
                    "placeholder": self.answers[q.key].placeholder,
                    "label": q.question,
                }
            )
        return {"title": self.title, "problems": [{"checks": checks}], "controls": {"rows": rows}}


# --------------------------------------------------------------------------
# 8. 필터 읽기
# --------------------------------------------------------------------------


class FilterReadingExercise(Exercise):
    """Look at a 3x3 filter's numbers and say what it detects (chapter 08).

    With an ``image``, the answer also draws the filter's feature map of it.

    Examples
    --------
    >>> exercise = FilterReadingExercise(seed=0)
    >>> exercise.choices[exercise.problem.answer].click()
    >>> exercise.last_feedback.correct
    True
    """

    title = "필터 읽기"

    def __init__(self, seed: int = 0, image=None):
        self.seed = self.first_seed = self._start_seed(seed)
        self.image = None if image is None else _matrix(image, "image").astype(float)
        self.filter_html = w.HTML()
        self.choices = {kind: w.Button(description=name) for kind, name in ex.FILTER_KINDS.items()}
        self.new = w.Button(description="새 문제")
        self.output = w.Image(format="png")
        for kind, button in self.choices.items():
            self._on_click(button, lambda _, kind=kind: self._check(kind))
        self._on_click(self.new, lambda _: self._new_problem())
        super().__init__(
            [
                w.HTML(
                    value="이 필터는 무엇을 감지할까요? "
                    "면·가로선·세로선에 대한 곱과 합을 생각해 보고 고르세요."
                ),
                self.filter_html,
                w.HBox([*self.choices.values(), self.new]),
                self.output,
            ]
        )
        self._new_problem(first=True)

    def _new_problem(self, first: bool = False):
        if not first:
            self.seed += 1
        self.problem = ex.filter_reading_problem(self.seed)
        self.filter_html.value = "필터 " + matrix_html(self.problem.kernel)
        self.feedback.value = ""
        self.feature_map = None
        self._draw()

    def _check(self, choice: str):
        self._say(ex.check_filter_reading(self.problem, choice))
        if self.image is not None:
            self.feature_map = ex.filter_response(self.image, self.problem.kernel)
            self._draw()

    def _draw(self):
        """The filter as a picture (bright = large weight), and its feature map once answered."""
        self._show(self.output, self._figure(self.problem.kernel, self.feature_map))

    def _figure(self, kernel, feature_map=None):
        panels, titles = [kernel], ["필터 (밝을수록 큰 가중치)"]
        if self.image is not None:
            panels.insert(0, self.image)
            titles.insert(0, "원본")
            if feature_map is not None:
                panels.append(feature_map)
                titles.append("이 필터의 특성 맵")
            else:
                panels.append(np.full(self.image.shape, np.nan))
                titles.append("특성 맵: 답을 고르면 나타남")
        return viz.show_images(panels, titles, ncols=3, size=2.2, frame=True)

    def show_example(self) -> None:
        for name in ("가로 윤곽선", "흐림 (blur)"):
            reading = ex.read_filter(ex.FILTER_PRESETS[name])
            print(
                f"풀이 예시: 필터 설계 연습(2장)의 '{name}' 필터 → {ex.FILTER_KINDS[reading.kind]}"
            )
            print("  " + reading.explain().replace("\n", "\n  "))

    def static_bank(self) -> dict:
        problems = []
        shown = "원본 이미지, " if self.image is not None else ""
        for problem in self._static_seeds(ex.filter_reading_problem, lambda p: p.kernel.tobytes()):
            before = static.figure_data(
                self._figure(problem.kernel), f"{shown}필터를 밝기로 그린 그림(밝을수록 큰 가중치)"
            )
            after = None
            if self.image is not None:
                after = static.figure_data(
                    self._figure(problem.kernel, ex.filter_response(self.image, problem.kernel)),
                    "원본 이미지, 필터를 밝기로 그린 그림, 이 필터가 만든 특성 맵",
                )
            check = static.choice_check(
                lambda c, p=problem: ex.check_filter_reading(p, c), ex.FILTER_KINDS, figure=after
            )
            problems.append(
                {
                    "statement": "필터 " + matrix_html(problem.kernel),
                    "figure": before,
                    "checks": {"main": check},
                }
            )
        return {
            "title": self.title,
            "intro": self.children[1].value,
            "nav": "new",
            "problems": problems,
            "controls": {"choices": list(ex.FILTER_KINDS.items())},
        }


# --------------------------------------------------------------------------
# 9. 픽셀 사용 횟수
# --------------------------------------------------------------------------


class PixelUsageExercise(Exercise):
    """Count the windows that cover one pixel, without and with padding (chapter 03).

    Examples
    --------
    >>> exercise = PixelUsageExercise(seed=0)
    >>> exercise.answers[1].value = str(exercise.problem.answers[1])
    >>> exercise.buttons[1].click()
    >>> exercise.last_feedback.correct
    True
    """

    title = "픽셀이 쓰이는 횟수 세기"

    def __init__(self, seed: int = 0):
        self.seed = self.first_seed = self._start_seed(seed)
        self.question = w.HTML()
        self.answers = [w.Text(placeholder="윈도 개수", layout=_BOX) for _ in range(2)]
        self.buttons = [w.Button(description="확인", button_style="primary") for _ in range(2)]
        self.labels = [w.HTML() for _ in range(2)]
        self.new = w.Button(description="새 문제")
        rows = [w.HBox([self.labels[k], self.answers[k], self.buttons[k]]) for k in range(2)]
        super().__init__([self.question, *rows, self.new])
        for k in range(2):
            self._on_click(
                self.buttons[k],
                lambda _, k=k: self._say(
                    ex.check_pixel_usage(self.problem, self.answers[k].value, padded=bool(k))
                ),
            )
        self._on_click(self.new, lambda _: self._new_problem())
        self._new_problem(first=True)

    def _new_problem(self, first: bool = False):
        if not first:
            self.seed += 1
        self.problem = ex.pixel_usage_problem(self.seed)
        n = self.problem.n
        shade = {(self.problem.row, self.problem.col): "#fdae6b"}
        self.question.value = (
            html.escape(self.problem.question())
            + "<br>"
            + matrix_html(np.full((n, n), np.nan), shade=shade)
        )
        pad = self.problem.paddings[1]
        self.labels[0].value = "패딩 없이(valid):"
        self.labels[1].value = f"{pad}픽셀 제로 패딩(same):"
        for box in self.answers:
            box.value = ""
        self.feedback.value = ""

    def show_example(self) -> None:
        example = ex.PixelUsageProblem(4, 3, 0, 1)
        print("풀이 예시 (다른 문제):", example.question())
        for padded in (False, True):
            text = str(example.answers[int(padded)])
            message = ex.check_pixel_usage(example, text, padded=padded).message
            print(
                ("  1픽셀 패딩: " if padded else "  패딩 없이: ")
                + message.removeprefix("정답입니다! ").replace("\n", "\n    ")
            )

    def static_bank(self) -> dict:
        problems, rules = [], [None, None]
        for problem in self._static_seeds(ex.pixel_usage_problem, lambda p: p.question()):
            checks = {}
            for k, key in enumerate(("valid", "same")):
                checks[key] = static.text_check(
                    lambda t, p=problem, k=k: ex.check_pixel_usage(p, t, padded=bool(k)),
                    problem.answers[k],
                    rule=rules[k],
                )
                rules[k] = checks[key]["rule"]
            n, shade = problem.n, {(problem.row, problem.col): "#fdae6b"}
            problems.append(
                {
                    "statement": html.escape(problem.question())
                    + "<br>"
                    + matrix_html(np.full((n, n), np.nan), shade=shade),
                    "checks": checks,
                }
            )
        pad = ex.pixel_usage_problem(self.first_seed or 0).paddings[1]
        rows = [
            {
                "key": "valid",
                "html": "패딩 없이(valid):",
                "placeholder": "윈도 개수",
                "label": "패딩 없이 윈도 개수",
            },
            {
                "key": "same",
                "html": f"{pad}픽셀 제로 패딩(same):",
                "placeholder": "윈도 개수",
                "label": f"{pad}픽셀 제로 패딩으로 윈도 개수",
            },
        ]
        return {"title": self.title, "nav": "new", "problems": problems, "controls": {"rows": rows}}


# --------------------------------------------------------------------------
# 10. 스트라이드 2 따라가기
# --------------------------------------------------------------------------


class StrideSlidingExercise(Exercise):
    """Say where a stride-2 window goes next and what it computes there (chapter 04).

    Examples
    --------
    >>> x, k = np.arange(49).reshape(7, 7), np.ones((3, 3), dtype=int)
    >>> exercise = StrideSlidingExercise(x, k)
    >>> exercise.row.value, exercise.col.value, exercise.value.value = "0", "2", "90"
    >>> exercise.check.click()
    >>> exercise.step.position   # a right answer moves the window on
    (0, 2)
    """

    title = "스트라이드 2로 윈도 옮기기"

    def __init__(self, x, kernel, stride: int = 2):
        self.x, self.kernel = _matrix(x, "x"), _matrix(kernel, "kernel")
        self.stride = _in_range("stride", stride, 1, max(1, min(self.x.shape)))
        if any(k > n for k, n in zip(self.kernel.shape, self.x.shape, strict=True)):
            raise ValueError(f"kernel ({self.kernel.shape}) must fit inside x ({self.x.shape})")
        self.index = 0
        self.board = w.HTML()
        self.row = w.Text(placeholder="행", layout=w.Layout(width="60px"))
        self.col = w.Text(placeholder="열", layout=w.Layout(width="60px"))
        self.value = w.Text(placeholder="곱과 합", layout=_BOX)
        self.check = w.Button(description="확인", button_style="primary")
        self.restart = w.Button(description="처음부터")
        super().__init__(
            [
                self.board,
                w.HBox(
                    [
                        w.HTML(value="다음 윈도의 왼쪽 위 (행, 열):"),
                        self.row,
                        self.col,
                        w.HTML(value="그 자리의 곱과 합:"),
                        self.value,
                        self.check,
                        self.restart,
                    ]
                ),
            ]
        )
        self._on_click(self.check, lambda _: self._check())
        self._on_click(self.restart, lambda _: self._go(0))
        self._go(0)

    def _go(self, index: int):
        self.index = index
        self.step = ex.stride_step(self.x, self.kernel, index, stride=self.stride)
        fh, fw = self.kernel.shape
        r, c = self.step.position
        self.board.value = (
            f"스트라이드 {self.stride}. 지금 윈도는 {self.step.position} 자리"
            f"({index + 1}/{self.step.total}번째)입니다.<br>입력 "
            + matrix_html(self.x, highlight=(r, c, fh, fw))
            + " 필터 "
            + matrix_html(self.kernel)
        )
        for box in (self.row, self.col, self.value):
            box.value = ""

    def _check(self):
        feedback = ex.check_stride_step(
            self.x,
            self.kernel,
            self.index,
            self.row.value,
            self.col.value,
            self.value.value,
            stride=self.stride,
        )
        if feedback.correct:
            self._go(self.index + 1)
        self._say(feedback)

    def show_example(self) -> None:
        positions = ops.window_positions(self.x.shape, self.kernel.shape, stride=self.stride)
        per_row = len({c for _, c in positions})
        # the end of the second row (not the first step, which is the exercise's own question)
        step = ex.stride_step(
            self.x, self.kernel, min(2 * per_row, len(positions) - 1) - 1, stride=self.stride
        )
        print(
            f"풀이 예시: 윈도가 줄 끝 {step.position}에 있으면 다음 윈도는 {step.next_position}"
            f"(스트라이드 {self.stride}: {self.stride}줄 아래, 왼쪽 끝)이고 곱과 합은"
        )
        print("  " + ex.worked_sum(step.next_window, self.kernel))

    def static_bank(self) -> dict:
        return {
            "title": self.title,
            "notice": static.colab_notice("이 연습은"),
            "intro": html.escape(
                f"노트북에서는 스트라이드 {self.stride}로 움직이는 윈도의 다음 "
                "자리(행, 열)와 그 자리의 곱과 합을 입력하면 맞는지 알려 주고 "
                "윈도를 옮깁니다. 아래에 풀이 예시가 있습니다."
            ),
        }


# --------------------------------------------------------------------------
# 11. 풀링이 잃는 것
# --------------------------------------------------------------------------


class PoolingLossExercise(Exercise):
    """Pick the feature map a 2x2 max pool cannot tell from the reference (chapter 05).

    Examples
    --------
    >>> exercise = PoolingLossExercise(seed=0)
    >>> exercise.choices[exercise.problem.answer].click()
    >>> exercise.last_feedback.correct
    True
    """

    title = "풀링이 잃는 정보 찾기"

    def __init__(self, seed: int = 0):
        self.seed = self.first_seed = self._start_seed(seed)
        self.maps = w.HTML()
        self.choices = [w.Button(description=f"후보 {k + 1}") for k in range(3)]
        self.new = w.Button(description="새 문제")
        for k, button in enumerate(self.choices):
            self._on_click(button, lambda _, k=k: self._say(ex.check_pooling_loss(self.problem, k)))
        self._on_click(self.new, lambda _: self._new_problem())
        super().__init__(
            [
                w.HTML(
                    value="세 후보 중 하나는 기준 맵과 다르지만 2×2 최대 풀링 결과가 똑같습니다. "
                    "어느 것일까요?"
                ),
                self.maps,
                w.HBox([*self.choices, self.new]),
            ]
        )
        self._new_problem(first=True)

    def _new_problem(self, first: bool = False):
        if not first:
            self.seed += 1
        self.problem = ex.pooling_loss_problem(self.seed)
        self.maps.value = self._maps_html(self.problem)
        self.feedback.value = ""

    @staticmethod
    def _maps_html(problem) -> str:
        boxes = [("기준 맵", problem.reference)]
        boxes += [(f"후보 {k + 1}", m) for k, m in enumerate(problem.candidates)]
        return " ".join(
            f'<div style="display:inline-block;margin-right:12px">{name}<br>{matrix_html(m)}</div>'
            for name, m in boxes
        )

    def show_example(self) -> None:
        example = ex.pooling_loss_problem(seed=1000)
        right = example.candidates[example.answer]
        fig = viz.show_matrices(
            [example.reference, right, ops.max_pool2d(right)],
            ["기준 맵", "다른 맵", "둘 다 최대 풀링하면"],
            cmap="Blues",
        )
        display(fig)
        plt.close(fig)
        print(
            "풀이 예시 (다른 문제): 두 맵은 다르지만 최대 풀링 결과",
            ops.max_pool2d(example.reference).tolist(),
            "가 같습니다.",
        )

    def static_bank(self) -> dict:
        problems = []
        choices = {str(k): f"후보 {k + 1}" for k in range(3)}
        for problem in self._static_seeds(ex.pooling_loss_problem, lambda p: p.reference.tobytes()):
            check = static.choice_check(
                lambda c, p=problem: ex.check_pooling_loss(p, int(c)), choices
            )
            problems.append({"statement": self._maps_html(problem), "checks": {"main": check}})
        return {
            "title": self.title,
            "intro": self.children[1].value,
            "nav": "new",
            "problems": problems,
            "controls": {"choices": list(choices.items())},
        }


# --------------------------------------------------------------------------
# 12. 층별 출력 모양
# --------------------------------------------------------------------------


class ShapeQuizExercise(Exercise):
    """Type each slide-model layer's output shape (chapter 07).

    Examples
    --------
    >>> quiz = ShapeQuizExercise()
    >>> quiz.answers["flatten"].value = "3136"
    >>> quiz.buttons["flatten"].click()
    >>> quiz.last_feedback.correct
    True
    """

    title = "층별 출력 모양 퀴즈"

    def __init__(self):
        from cnn_utils import models

        self.answers: dict[str, w.Text] = {}
        self.buttons: dict[str, w.Button] = {}
        self.results: dict[str, w.HTML] = {}
        rows = [w.HTML(value=f"입력 모양: {models.SLIDE_INPUT} (배치 크기 None은 빼고 씁니다)")]
        for q in ex.SHAPE_QUESTIONS:
            self.answers[q.key] = w.Text(
                placeholder="예: 28, 28, 1", layout=w.Layout(width="140px")
            )
            self.buttons[q.key] = w.Button(description="확인", button_style="primary")
            self.results[q.key] = w.HTML()
            self._on_click(self.buttons[q.key], lambda _, key=q.key: self._check(key))
            rows.append(
                w.VBox(
                    [
                        w.HBox(
                            [
                                w.HTML(value=f"<b>{q.key}</b> {html.escape(q.layer)} →"),
                                self.answers[q.key],
                                self.buttons[q.key],
                            ]
                        ),
                        self.results[q.key],
                    ]
                )
            )
        super().__init__(rows)

    def _check(self, key: str):
        feedback = ex.check_shape_answer(key, self.answers[key].value)
        self.results[key].value = feedback.html()
        self._say(feedback)

    def show_example(self) -> None:
        half = ops.output_size(32, 2, 0, 2)
        print(
            "풀이 예시 (다른 모델): 입력 (32, 32, 3) → Conv2D(16, 3×3, padding='same') → "
            f"(32, 32, 16) → MaxPooling2D(2) → ({half}, {half}, 16) → Flatten() → "
            f"({half * half * 16},)"
        )

    def static_bank(self) -> dict:
        return {
            "title": self.title,
            "notice": static.colab_notice("이 퀴즈는"),
            "intro": html.escape(
                "노트북에서는 층마다 출력 모양(예: 28, 28, 32)을 입력하면 6장의 "
                "공식으로 맞는지 확인해 줍니다. 답은 바로 아래 셀들이 계산하는 "
                "층별 모양 표와 같습니다."
            ),
        }


__all__ = [
    "Exercise",
    "FilterDesignExercise",
    "FilterReadingExercise",
    "MultiplySumExercise",
    "PaddingStrideExplorer",
    "ParamQuizExercise",
    "PixelUsageExercise",
    "PoolingExercise",
    "PoolingLossExercise",
    "ShapeQuizExercise",
    "SizeQuizExercise",
    "SlidingExercise",
    "StrideSlidingExercise",
    "matrix_html",
]
