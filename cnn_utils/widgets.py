"""Classroom exercises as ipywidgets (works with ipywidgets 7.7 in Colab and 8.x).

Each exercise is a thin layer of controls over the pure functions of
:mod:`cnn_utils.exercises`: it reads the boxes, asks ``exercises`` for the
verdict and shows the Korean feedback. The state a test needs is kept on the
object (``feedback.value``, ``figure_data``), so the tests drive the widgets
by setting ``.value`` and calling ``.click()``, without a kernel.

In a static page (the HTML book) no kernel answers the buttons, so every
exercise also has :meth:`Exercise.show_example`: a worked example or figure
that carries the lesson without one; and its output carries a static form
(:meth:`Exercise.static_bank`, rendered by :mod:`cnn_utils.static`) that the
web book shows instead of the widget, answering from precomputed feedback.
"""

from __future__ import annotations

import html
import io
from typing import Mapping

import ipywidgets as w
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display

from cnn_utils import exercises as ex
from cnn_utils import ops, static, viz

_BOX = w.Layout(width="90px")


def matrix_html(m, *, highlight: tuple[int, int, int, int] | None = None,
                shade: Mapping[tuple[int, int], str] | None = None) -> str:
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
            text = "" if (isinstance(value, float) and np.isnan(value)) else viz.format_number(value, None)
            cells.append(f'<td style="{style}">{html.escape(text)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table style="border-collapse:collapse;display:inline-table;margin:4px">' + "".join(rows) + "</table>"


class Exercise(w.VBox):
    """Base of the exercises: a titled box with a feedback line and a static example."""

    title = "연습"

    def __init__(self, children, **kwargs):
        self.feedback = w.HTML(value="")
        header = w.HTML(value=f"<b>연습: {html.escape(self.title)}</b>")
        super().__init__([header, *children, self.feedback], **kwargs)
        self.figure_data: dict = {}

    def __repr__(self) -> str:  # stable text for nbval across ipywidgets versions
        return f"<연습: {self.title}>"

    def _say(self, feedback: ex.Feedback) -> ex.Feedback:
        self.last_feedback = feedback
        self.feedback.value = feedback.html()
        return feedback

    def show_example(self) -> None:
        """Show a worked example that needs no kernel (for the static book)."""
        raise NotImplementedError

    # -- the static form for the web book (issue 11) ------------------------------------
    #: How many problems the static form of an exercise with 새 문제 carries.
    static_problems = 12

    def static_bank(self) -> dict:
        """The problems, answers and feedback of the static form (see :mod:`cnn_utils.static`)."""
        raise NotImplementedError

    def _static_seeds(self, make, key):
        """Problems from the first seed on, skipping ones already met, as many as
        :attr:`static_problems`."""
        seen, seed = set(), self.first_seed or 0  # seed=None (a random start): the bank starts at 0
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
                    "version_major": 2, "version_minor": 0, "model_id": self._model_id}
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
        self.seed = seed
        self.problem_html = w.HTML()
        self.answer = w.Text(placeholder="곱과 합", layout=_BOX)
        self.check = w.Button(description="확인", button_style="primary")
        self.new = w.Button(description="새 문제")
        super().__init__([
            w.HTML(value="창(window)과 필터의 같은 자리끼리 곱해서 모두 더한 값을 입력하세요."),
            self.problem_html,
            w.HBox([self.answer, self.check, self.new]),
        ])
        self.check.on_click(lambda _: self._say(ex.check_multiply_sum(self.problem, self.answer.value)))
        self.new.on_click(lambda _: self._new_problem())
        self.first_seed = seed
        self._new_problem(first=True)

    @staticmethod
    def _problem_html(problem: ex.MultiplySumProblem) -> str:
        return (
            "창 "
            + matrix_html(problem.window)
            + " &nbsp;×&nbsp; 필터 "
            + matrix_html(problem.kernel)
        )

    def _new_problem(self, first: bool = False):
        if not first:
            self.seed += 1
        self.problem = ex.multiply_sum_problem(self.seed)
        self.problem_html.value = self._problem_html(self.problem)
        self.answer.value = ""
        self.feedback.value = ""
        self.figure_data = {"window": self.problem.window, "kernel": self.problem.kernel}

    def show_example(self) -> None:
        example = ex.multiply_sum_problem(seed=1000)
        fig = viz.show_matrices([example.window, example.kernel, example.window * example.kernel],
                                ["창", "필터", "같은 자리끼리 곱"], symbols=["×", "="])
        display(fig)
        plt.close(fig)
        print("풀이 예시 (다른 문제):", ex.worked_sum(example.window, example.kernel))

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
        self.images = {name: np.asarray(im, dtype=float) for name, im in images.items()}
        self.cells = [w.Text(layout=w.Layout(width="64px"), continuous_update=False) for _ in range(9)]
        self.preset = w.Dropdown(options=list(ex.FILTER_PRESETS), value=preset, description="예시 필터")
        self.image = w.Dropdown(options=list(self.images), description="이미지")
        self.output = w.Image(format="png")
        self.kernel = ex.FILTER_PRESETS[preset]
        grid = w.GridBox(self.cells, layout=w.Layout(grid_template_columns="repeat(3, 70px)"))
        super().__init__([
            w.HTML(value="칸의 숫자를 바꾸거나 예시 필터를 고르면 특성 맵이 바로 바뀝니다."),
            w.HBox([grid, w.VBox([self.preset, self.image])]),
            self.output,
        ])
        self._loading = False
        self.preset.observe(lambda change: self._load_preset(change["new"]), names="value")
        self.image.observe(lambda _: self._update(), names="value")
        for cell in self.cells:
            cell.observe(lambda _: self._update(), names="value")
        self._load_preset(preset)

    def _load_preset(self, name: str):
        self._loading = True
        for cell, value in zip(self.cells, ex.FILTER_PRESETS[name].ravel()):
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
        feature_map = ex.filter_response(image, kernel)
        self.figure_data = {"kernel": kernel, "image": image, "feature_map": feature_map}
        self._say(ex.Feedback(True, ex.describe_filter_response(feature_map)))
        fig = viz.show_images([image, feature_map], ["원본", "특성 맵 (밝을수록 큰 값)"], ncols=2, size=2.6)
        self._show(self.output, fig)

    def show_example(self) -> None:
        image = next(iter(self.images.values()))
        maps = [ex.filter_response(image, k) for k in ex.FILTER_PRESETS.values()]
        fig = viz.show_images([image, *maps], ["원본", *ex.FILTER_PRESETS], ncols=5, size=2.0,
                              suptitle="예시 필터 네 개가 만든 특성 맵")
        display(fig)
        plt.close(fig)

    def static_bank(self) -> dict:
        presets = ", ".join(ex.FILTER_PRESETS)
        images = ", ".join(self.images)
        return {"title": self.title, "notice": static.colab_notice("필터 설계 연습은"),
                "intro": html.escape(f"노트북에서는 3×3 필터의 아홉 칸을 바꾸거나 예시 필터({presets})를 "
                                     f"고르고 이미지({images})를 고르면 특성 맵이 바로 바뀝니다. "
                                     "아래 그림은 예시 필터 네 개가 만든 특성 맵입니다.")}


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
    >>> exercise.figure_data["position"]   # a right answer moves the window on
    (0, 1)
    """

    title = "윈도 슬라이딩 따라가기"

    def __init__(self, x, kernel):
        self.x, self.kernel = np.asarray(x), np.asarray(kernel)
        steps = len(ops.window_positions(self.x.shape, self.kernel.shape))
        self.step = w.IntSlider(value=0, min=0, max=steps - 1, description="단계")
        self.prev = w.Button(description="◀ 이전")
        self.next = w.Button(description="다음 ▶")
        self.answer = w.Text(placeholder="다음 칸의 값", layout=_BOX)
        self.check = w.Button(description="확인", button_style="primary")
        self.output = w.Image(format="png")
        super().__init__([
            w.HBox([self.prev, self.step, self.next]),
            self.output,
            w.HBox([w.HTML(value="창이 다음 자리로 가면 특성 맵에 어떤 값이 들어갈까요?"), self.answer, self.check]),
        ])
        self.prev.on_click(lambda _: self._move(-1))
        self.next.on_click(lambda _: self._move(+1))
        self.step.observe(lambda _: self._draw(), names="value")
        self.check.on_click(lambda _: self._check())
        self._draw()

    def _move(self, delta: int):
        self.step.value = int(np.clip(self.step.value + delta, self.step.min, self.step.max))

    def _check(self):
        feedback = ex.check_next_value(self.x, self.kernel, self.step.value, self.answer.value)
        if feedback.correct:
            self._move(+1)   # redraws and clears the box, then the feedback is shown
        self._say(feedback)

    def _figure(self, frame: ex.SlidingFrame):
        fh, fw = self.kernel.shape
        fig, axes = plt.subplots(1, 3, figsize=(10, 3.2),
                                 gridspec_kw={"width_ratios": [self.x.shape[1], fw, frame.partial_map.shape[1]]})
        viz.show_matrix(self.x, axes[0], title=f"입력 (단계 {frame.step + 1}/{frame.steps})",
                        highlight=[(*frame.position, fh, fw)], cmap="Greys")
        viz.show_matrix(frame.products, axes[1], title=f"곱 (합 = {viz.format_number(frame.value, None)})",
                        cmap="Oranges")
        shown = np.nan_to_num(frame.partial_map, nan=0.0)
        viz.show_matrix(shown, axes[2], title="특성 맵", cmap="Blues", numbers=False)
        for (i, j), value in np.ndenumerate(frame.partial_map):
            if not np.isnan(value):
                axes[2].text(j, i, viz.format_number(value, None), ha="center", va="center", fontsize=9)
        fig.tight_layout()
        return fig

    def _draw(self):
        frame = ex.sliding_frame(self.x, self.kernel, self.step.value)
        self.figure_data = {"position": frame.position, "products": frame.products,
                            "partial_map": frame.partial_map, "value": frame.value}
        self.answer.value = ""
        self.feedback.value = ""
        self._show(self.output, self._figure(frame))

    def show_example(self) -> None:
        frame = ex.sliding_frame(self.x, self.kernel, 1)
        display(self._figure(frame))
        plt.close("all")
        print("예시: 2단계에서 창은", frame.position, "자리에 있고 곱과 합은",
              ex.worked_sum(frame.window, self.kernel))

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
                f"단계 {step + 1}/{steps}: 입력에서 {frame.position} 자리의 창, 창과 필터를 같은 자리끼리 "
                f"곱한 값(합 {viz.format_number(frame.value, None)}), 지금까지 채운 특성 맵"
            )
            problems.append(
                {
                    "figure": static.figure_data(self._figure(frame), alt),
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

def explorer_figure(report: ex.SizeReport):
    """The padded input grid with the windows' visits marked (explorer and its example).

    Examples
    --------
    >>> fig = explorer_figure(ex.explore_sizes(5, 3, 1, 2, with_keras=False))
    >>> len(fig.axes[0].patches) >= 1
    True
    >>> plt.close(fig)
    """
    top, bottom = report.pads
    size = report.n + top + bottom
    grid = np.ones((size, size))
    grid[top:top + report.n, top:top + report.n] = 0  # input white, zero padding grey
    fig, ax = plt.subplots(figsize=(3.6, 3.6))
    ax.imshow(grid, cmap="Greys", vmin=0, vmax=3.5)
    half = (report.f - 1) / 2
    for k, (i, j) in enumerate(report.positions):
        color = viz.WINDOW_COLORS[k % len(viz.WINDOW_COLORS)]
        if k < 3:  # the first windows outlined, as on the slides
            ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), report.f, report.f, fill=False, lw=2.2,
                                       edgecolor=color))
        ax.plot(j + half, i + half, "o", color=viz.WINDOW_COLORS[0] if k >= 3 else color, ms=4)
    ax.set_xticks(np.arange(size + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(size + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="#999999", lw=0.6)
    ax.tick_params(which="both", length=0, labelbottom=False, labelleft=False)
    out = report.output_formula
    ax.set_title(f"입력 {report.n}×{report.n} (회색: 0 패딩, 점: 창의 중심)\n출력 {out}×{out}" if out
                 else "필터가 입력보다 큼", fontsize=10)
    fig.tight_layout()
    return fig


class PaddingStrideExplorer(Exercise):
    """Sliders for input size, filter size, padding and stride (chapters 03-04).

    Examples
    --------
    >>> explorer = PaddingStrideExplorer(n=7, f=3, padding="valid", stride=2, with_keras=False)
    >>> explorer.figure_data["output"]
    3
    >>> explorer.stride.value = 1
    >>> explorer.figure_data["output"]
    5
    """

    title = "패딩·스트라이드 탐색기"

    def __init__(self, n: int = 7, f: int = 3, padding="valid", stride: int = 2, *, with_keras: bool = True):
        style = {"description_width": "initial"}
        self.with_keras = with_keras
        self.initial = (n, f, padding, stride)
        self.n = w.IntSlider(value=n, min=3, max=12, description="입력 크기 n", style=style)
        self.f = w.IntSlider(value=f, min=1, max=5, description="필터 크기 f", style=style)
        self.padding = w.Dropdown(options=[("valid (0)", "valid"), ("same", "same"), ("1", 1), ("2", 2), ("3", 3)],
                                  value=padding, description="패딩", style=style)
        self.stride = w.IntSlider(value=stride, min=1, max=3, description="스트라이드", style=style)
        self.report_html = w.HTML()
        self.output = w.Image(format="png")
        super().__init__([w.HBox([w.VBox([self.n, self.f]), w.VBox([self.padding, self.stride])]),
                          w.HBox([self.output, self.report_html])])
        for control in (self.n, self.f, self.padding, self.stride):
            control.observe(lambda _: self._update(), names="value")
        self._update()

    def _update(self):
        report = ex.explore_sizes(self.n.value, self.f.value, self.padding.value, self.stride.value,
                                  with_keras=self.with_keras)
        self.report = report
        self.figure_data = {"positions": report.positions, "pads": report.pads,
                            "output": report.output_formula}
        self.report_html.value = "<br>".join(html.escape(line) for line in report.message.splitlines())
        if report.output_formula is None:
            self._say(ex.Feedback(None, report.message))
        elif report.exact:
            self._say(ex.Feedback(True, "공식과 케라스가 같은 크기를 냅니다." if self.with_keras
                                  else "나누어떨어집니다."))
        else:
            self._say(ex.Feedback(False, "나누어떨어지지 않아 가장자리 일부가 계산에서 빠집니다."))
        self._show(self.output, explorer_figure(report))

    def show_example(self) -> None:
        report = ex.explore_sizes(*self.initial, with_keras=self.with_keras)
        display(explorer_figure(report))
        plt.close("all")
        print(report.message)

    def static_bank(self) -> dict:
        paddings = ", ".join(label for label, _ in self.padding.options)
        return {
            "title": self.title,
            "notice": static.colab_notice("이 탐색기는"),
            "intro": html.escape(
                f"노트북에서는 입력 크기 n({self.n.min}–{self.n.max}), 필터 크기 f({self.f.min}–{self.f.max}), "
                f"패딩({paddings}), 스트라이드({self.stride.min}–{self.stride.max})를 바꾸면 창이 지나가는 "
                "자리와 출력 크기가 바로 바뀝니다. 아래 그림은 처음 설정의 결과입니다."
            ),
        }


# --------------------------------------------------------------------------
# 5. 풀링
# --------------------------------------------------------------------------

_REGION_COLORS = {"왼쪽 위": "#fde0dd", "오른쪽 위": "#deebf7", "왼쪽 아래": "#e5f5e0", "오른쪽 아래": "#fff7bc"}


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
        self.matrix = np.asarray(matrix)
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
        super().__init__([w.HTML(value=self.matrix_html),
                          w.HBox([self.region, self.kind]),
                          w.HBox([self.answer, self.check])])
        self.check.on_click(lambda _: self._say(
            ex.check_pooling(self.matrix, self.region.value, self.kind.value, self.answer.value)))
        self.figure_data = {"matrix": self.matrix, "shade": shade}

    def show_example(self) -> None:
        fig = viz.show_matrices([self.matrix, ops.max_pool2d(self.matrix), ops.avg_pool2d(self.matrix)],
                                ["특성 맵", "최대 풀링", "평균 풀링"], fmt=None)
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
    >>> quiz = SizeQuizExercise(seed=6, with_keras=False)
    >>> quiz.answer.value = str(quiz.problem.answer)
    >>> quiz.check.click()
    >>> quiz.score_label.value
    '점수: 1 / 1'
    """

    title = "특성 맵 크기 퀴즈"

    def __init__(self, seed: int = 0, *, with_keras: bool = True):
        self.seed = seed
        self.with_keras = with_keras
        self.score = ex.Score()
        self.question = w.HTML()
        self.answer = w.Text(placeholder="OH", layout=_BOX)
        self.check = w.Button(description="확인", button_style="primary")
        self.new = w.Button(description="새 문제")
        self.score_label = w.HTML(value=str(self.score))
        super().__init__([self.question, w.HBox([self.answer, self.check, self.new]), self.score_label])
        self.check.on_click(lambda _: self._check())
        self.new.on_click(lambda _: self._new_problem())
        self.first_seed = seed
        self._new_problem(first=True)

    def _new_problem(self, first: bool = False):
        if not first:
            self.seed += 1
        self.problem = ex.size_problem(self.seed)
        self.question.value = html.escape(self.problem.question())
        self.answer.value = ""
        self.feedback.value = ""
        self.figure_data = {"problem": self.problem}

    def _check(self):
        feedback = self._say(
            ex.check_size_answer(self.problem, self.answer.value, with_keras=self.with_keras)
        )
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
                lambda t, p=problem: ex.check_size_answer(p, t, with_keras=self.with_keras),
                problem.answer,
                rule=rule,
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
            self.buttons[q.key].on_click(lambda _, key=q.key: self._check(key))
            rows.append(w.VBox([w.HTML(value=f"<b>{html.escape(q.layer)}</b>: {html.escape(q.question)}"),
                                w.HBox([self.answers[q.key], self.buttons[q.key]]), self.results[q.key]]))
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
        self.seed = seed
        self.image = None if image is None else np.asarray(image, dtype=float)
        if self.image is not None and self.image.ndim != 2:
            raise ValueError(f"image must be a 2-D grayscale image, got shape {self.image.shape}")
        self.filter_html = w.HTML()
        self.choices = {kind: w.Button(description=name) for kind, name in ex.FILTER_KINDS.items()}
        self.new = w.Button(description="새 문제")
        self.output = w.Image(format="png")
        for kind, button in self.choices.items():
            button.on_click(lambda _, kind=kind: self._check(kind))
        self.new.on_click(lambda _: self._new_problem())
        self.first_seed = seed
        super().__init__([
            w.HTML(value="이 필터는 무엇을 감지할까요? 면·수평선·수직선에 대한 곱과 합을 생각해 보고 고르세요."),
            self.filter_html,
            w.HBox([*self.choices.values(), self.new]),
            self.output,
        ])
        self._new_problem(first=True)

    def _new_problem(self, first: bool = False):
        if not first:
            self.seed += 1
        self.problem = ex.filter_reading_problem(self.seed)
        self.filter_html.value = "필터 " + matrix_html(self.problem.kernel)
        self.feedback.value = ""
        self.figure_data = {"kernel": self.problem.kernel}
        self._draw()

    def _check(self, choice: str):
        self._say(ex.check_filter_reading(self.problem, choice))
        if self.image is not None:
            self.figure_data["feature_map"] = ex.filter_response(self.image, self.problem.kernel)
            self._draw()

    def _draw(self):
        """The filter as a picture (bright = large weight), and its feature map once answered."""
        self._show(
            self.output, self._figure(self.problem.kernel, self.figure_data.get("feature_map"))
        )

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

    def show_example(self) -> None:
        for name in ("가로 윤곽선", "흐림 (blur)"):
            reading = ex.read_filter(ex.FILTER_PRESETS[name])
            print(f"풀이 예시: 필터 설계 연습(2장)의 '{name}' 필터 → {ex.FILTER_KINDS[reading.kind]}")
            print("  " + reading.explain().replace("\n", "\n  "))


__all__ = [
    "Exercise", "FilterDesignExercise", "FilterReadingExercise", "MultiplySumExercise", "PaddingStrideExplorer",
    "ParamQuizExercise", "PoolingExercise", "SizeQuizExercise", "SlidingExercise",
    "explorer_figure", "matrix_html",
]
