"""The exercises as ipywidgets: one generic renderer (ipywidgets 7.7 in Colab and 8.x).

:class:`ExerciseWidget` draws any :class:`cnn_utils.exercises.Exercise` (its
statement, its answer rows, 새 문제 or the steps, the score) and judges every
answer with :func:`cnn_utils.answers.judge`, the checker the web book's script
runs too. The two explorers have a small widget of their own. A chapter shows
an exercise with :func:`show`; its output also carries the web book's form
(:mod:`cnn_utils.static`), which Jupyter and Colab ignore.

The tests drive the widgets without a kernel: set ``inputs[key].value``, call
``buttons[key].click()``, read ``feedback[key].value``.
"""

from __future__ import annotations

import base64
import html
import io

import ipywidgets as w
import matplotlib.pyplot as plt
from IPython.display import HTML, display

from cnn_utils import answers, results, static, viz
from cnn_utils import exercises as ex

_BOX = {"number": "110px", "shape": "150px"}


class _Form(w.VBox):
    """What every exercise widget shares: title, Korean error answers, the static form."""

    def __init__(self, description, children):
        self.description = description
        header = w.HTML(f"<style>{ex.STYLE}</style><b>연습: {html.escape(description.title)}</b>")
        super().__init__([header, *children])

    def __repr__(self) -> str:  # stable text for nbval across ipywidgets versions
        return f"<연습: {self.description.title}>"

    def _guarded(self, handler):
        """``handler`` that answers in Korean instead of failing into the widget log."""

        def run(*args):
            try:
                return handler(*args)
            except Exception as e:  # shown to the student; the tests require none to happen
                self._say(
                    self.note,
                    answers.Feedback(
                        None,
                        "예상하지 못한 오류가 났습니다. 이 셀을 다시 실행해 보세요. "
                        f"({type(e).__name__}: {answers.echo(e)})",
                    ),
                )

        return run

    def _say(self, where: w.HTML, feedback: answers.Feedback) -> answers.Feedback:
        self.last_feedback = feedback
        where.value = feedback.html()
        return feedback

    def _repr_mimebundle_(self, **kwargs):
        """The widget's view (ipywidgets 8 makes it, 7 is given it here) and the web form."""
        parent = getattr(super(), "_repr_mimebundle_", None)
        data = parent(**kwargs) if parent is not None else {"text/plain": repr(self)}
        if parent is None and self._view_name is not None:
            data["application/vnd.jupyter.widget-view+json"] = {
                "version_major": 2,
                "version_minor": 0,
                "model_id": self._model_id,
            }
        if data:
            data[static.STATIC_MIME] = static.render(self.description)
        return data

    if hasattr(w.Widget, "_ipython_display_"):  # ipywidgets 7 (Colab) displays itself

        def _ipython_display_(self, **kwargs):
            display(self._repr_mimebundle_(), raw=True)
            if self._view_name is not None:
                self._handle_displayed(**kwargs)


class ExerciseWidget(_Form):
    """Any exercise as ipywidgets, drawn from its :class:`~cnn_utils.exercises.ExerciseState`.

    Examples
    --------
    >>> exercise = ExerciseWidget(ex.multiply_sum(seed=0))
    >>> exercise.inputs["main"].value = "14개"
    >>> exercise.buttons["main"].click()
    >>> exercise.last_feedback.correct, exercise.score_text()
    (True, '점수: 1 / 1')
    """

    def __init__(self, exercise: ex.Exercise):
        self.exercise, self.state = exercise, ex.ExerciseState(exercise)
        self.statement, self.note = w.HTML(), w.HTML()
        self.figure = w.Image(format="png", layout=w.Layout(display="none"))
        self.params = {
            p.name: w.Dropdown(options=[(t, v) for v, t in p.options], description=p.label)
            for p in exercise.params
        }
        self.inputs, self.buttons, self.feedback, self.choices = {}, {}, {}, {}
        self._texts = {}
        rows = [self._row(group) for group in exercise.groups]
        self.submit = w.Button(description="모두 확인", button_style="primary")
        self.nav = {
            name: w.Button(description=text)
            for name, text in {
                "new": (("new", "새 문제"),),
                "steps": (("prev", "◀ 이전"), ("next", "다음 ▶"), ("restart", "처음부터")),
            }.get(exercise.nav, ())
        }
        self.step = w.HTML()
        self.score_label = w.HTML()
        parts = [w.HTML(exercise.intro)] if exercise.intro else []
        if self.params:
            parts.append(w.HBox(list(self.params.values())))
        parts += [self.statement, self.figure]
        if exercise.nav == "steps":
            parts.append(
                w.HBox([self.nav["prev"], self.step, self.nav["next"], self.nav["restart"]])
            )
        parts += rows
        if exercise.submit_all:
            parts.append(self.submit)
        if exercise.nav == "new":
            parts.append(w.HBox([self.nav["new"], self.step]))
        parts += [self.score_label, self.note]
        super().__init__(exercise, parts)
        for name, param in self.params.items():
            param.observe(
                self._guarded(lambda change, n=name: self._set_param(n, change["new"])),
                names="value",
            )
        for name, button in self.nav.items():
            button.on_click(self._guarded(lambda _, m=name: self._go(m)))
        self.submit.on_click(self._guarded(lambda _: [self._check(g.key) for g in exercise.groups]))
        self._show_problem()

    def _row(self, group: answers.Group) -> w.VBox:
        controls = [w.HTML(html.escape(group.prompt))] if group.prompt else []
        for field in group.fields:
            if isinstance(field, answers.ChoiceField) and not field.menu:
                for value, text in field.options:
                    button = self.choices[(group.key, value)] = w.Button(description=text)
                    self._texts[(group.key, value)] = text
                    button.on_click(
                        self._guarded(lambda _, g=group.key, v=value: self._check(g, v))
                    )
                    controls.append(button)
                continue
            if isinstance(field, answers.ChoiceField):
                box = w.Dropdown(
                    options=[(field.placeholder, ""), *((t, v) for v, t in field.options)]
                )
            else:
                box = w.Text(placeholder=field.placeholder, layout=w.Layout(width=_BOX[field.kind]))
            self.inputs[field.key] = box
            controls.append(box)
        if group.button and not self.exercise.submit_all:
            self.buttons[group.key] = w.Button(description=group.button, button_style="primary")
            self.buttons[group.key].on_click(self._guarded(lambda _, g=group.key: self._check(g)))
            controls.append(self.buttons[group.key])
        self.feedback[group.key] = w.HTML()
        return w.VBox([w.HBox(controls), self.feedback[group.key]])

    @property
    def number(self) -> int:
        """The index of the problem (or step) shown."""
        return self.state.index

    @property
    def current(self) -> ex.Problem:
        return self.state.problem

    problem = current

    @property
    def score(self) -> answers.Score:
        return self.state.score

    def _go(self, move: str) -> None:
        """Press a navigation button; one that does nothing keeps the student's answer."""
        if self.state.go(move):
            self._show_problem()

    def _set_param(self, name: str, value: str) -> None:
        self.state.set_param(name, value)
        self.note.value = ""
        self._render()

    def _show_problem(self) -> None:
        for box in self.inputs.values():
            box.value = ""
        self.note.value = ""
        self._render()

    def _render(self) -> None:
        """Show the state: statement, figure, counter, buttons, verdicts, picks, score."""
        state = self.state
        self.statement.value = state.problem.statement
        self._show_figure(state.figure())
        self.step.value = state.counter()
        for move, button in self.nav.items():
            button.disabled = not state.can(move)
        for group in self.exercise.groups:
            shown = state.shown.get(group.key)
            self.feedback[group.key].value = shown.html() if shown else ""
            for control in self._controls(group):
                control.disabled = not state.asked(group.key)
        for (key, value), button in self.choices.items():
            picked = state.picked.get(key)
            text = self._texts[(key, value)]
            if picked and picked[0] == value:
                told = "right" if picked[1] else "wrong"
                button.description = f"{answers.VERDICTS[picked[1]][1]} {text}"
                button.button_style = "success" if picked[1] else "danger"
                button.tooltip = f"{text}, {answers.PICKED[told]}"
            else:
                button.description, button.button_style, button.tooltip = text, "", ""
        if self.exercise.score:
            self.score_label.value = self.score_text()

    def _show_figure(self, figure: ex.Figure | None) -> None:
        self.figure.layout.display = None if figure else "none"
        if figure:
            self.figure.value = base64.b64decode(figure.src.split(",", 1)[1])
            self.figure.width = str(figure.width) if figure.width else ""

    def _controls(self, group: answers.Group):
        for field in group.fields:
            if field.key in self.inputs:
                yield self.inputs[field.key]
            for (g, _), button in self.choices.items():
                if g == group.key:
                    yield button
        if group.key in self.buttons:
            yield self.buttons[group.key]

    def _params(self) -> dict[str, str]:
        return dict(self.state.params)

    def _check(self, key: str, choice: str | None = None) -> answers.Feedback | None:
        state = self.state
        group, check, question = state.group(key), state.check_of(key), state.question(key)
        if check is None:
            return None
        typed = {
            f.key: choice if choice is not None else self.inputs[f.key].value for f in group.fields
        }
        feedback = state.check(key, typed)
        results.judged(self.exercise.key, question, group, check, typed, feedback)
        self.last_feedback = feedback
        if state.index != question[0]:  # a right answer moved on to the next step
            self._show_problem()
        else:
            self._render()
        return feedback

    def score_text(self) -> str:
        return str(self.score)


# --------------------------------------------------------------------------
# the explorers
# --------------------------------------------------------------------------


class SizeExplorerWidget(_Form):
    """Menus for input size, filter size, padding and stride; the grid and the formula follow.

    Examples
    --------
    >>> explorer = SizeExplorerWidget(ex.SizeExplorer(n=7, f=3, padding="valid", stride=2))
    >>> explorer.report.output
    3
    >>> explorer.controls["stride"].value = "1"
    >>> explorer.report.output
    5
    """

    def __init__(self, explorer: ex.SizeExplorer):
        data = explorer.data()
        self.controls = {
            c["name"]: w.Dropdown(
                options=[(t, v) for v, t in c["options"]],
                value=c["value"],
                description=c["label"],
                style={"description_width": "initial"},
            )
            for c in data["controls"]
        }
        self.explorer, self.grid, self.report_html, self.note = (
            explorer,
            w.HTML(),
            w.HTML(),
            w.HTML(),
        )
        super().__init__(
            explorer,
            [
                w.HTML(html.escape(explorer.intro)),
                w.HBox(list(self.controls.values())),
                w.HBox([self.grid, self.report_html]),
                self.note,
            ],
        )
        for control in self.controls.values():
            control.observe(self._guarded(lambda _: self._update()), names="value")
        self._update()

    def _update(self) -> None:
        setting = {name: box.value for name, box in self.controls.items()}
        report = self.explorer.report(
            n=int(setting["n"]),
            f=int(setting["f"]),
            padding=setting["padding"],
            stride=int(setting["stride"]),
        )
        self.report = report
        self.grid.value = ex.size_grid_html(report) + (
            f"<div>{html.escape(ex.GRID_CAPTION.format(out=report.output))}</div>"
            if report.output
            else ""
        )
        self.report_html.value = "<br>".join(map(html.escape, report.message.splitlines()[:2]))
        note = ex.explorer_note(report)
        self._say(
            self.note, answers.Feedback(None, note) if report.output is None else answers.Note(note)
        )


class FilterDesignerWidget(_Form):
    """Nine boxes of a 3x3 filter, a preset menu and an image menu; the feature map follows.

    Examples
    --------
    >>> import numpy as np
    >>> designer = FilterDesignerWidget(ex.FilterDesigner({"계단": np.tril(np.ones((6, 6)))}))
    >>> designer.cells[0].value = "x"
    >>> "숫자가 아닙니다" in designer.note.value
    True
    """

    def __init__(self, designer: ex.FilterDesigner):
        self.designer = designer
        self.cells = [
            w.Text(layout=w.Layout(width="64px"), continuous_update=False) for _ in range(9)
        ]
        self.preset = w.Dropdown(
            options=list(ex.FILTER_PRESETS), value=designer.preset, description="예시 필터"
        )
        self.image = w.Dropdown(options=list(designer.images), description="이미지")
        self.output, self.note = w.Image(format="png"), w.HTML()
        grid = w.GridBox(self.cells, layout=w.Layout(grid_template_columns="repeat(3, 70px)"))
        super().__init__(
            designer,
            [
                w.HTML(html.escape(designer.intro)),
                w.HBox([grid, w.VBox([self.preset, self.image])]),
                self.output,
                self.note,
            ],
        )
        self._loading = False
        self.preset.observe(self._guarded(lambda change: self._load(change["new"])), names="value")
        self.image.observe(self._guarded(lambda _: self._update()), names="value")
        for cell in self.cells:
            cell.observe(self._guarded(lambda _: self._update()), names="value")
        self._load(designer.preset)

    def _load(self, name: str) -> None:
        self._loading = True
        for cell, text in zip(self.cells, ex.preset_texts(name), strict=True):
            cell.value = text
        self._loading = False
        self._update()

    def _update(self) -> None:
        if self._loading:
            return
        kernel, hint = ex.parse_filter([c.value for c in self.cells])
        if hint:
            self._say(self.note, answers.Feedback(None, hint))
            return
        self.kernel = kernel
        image = self.designer.images[self.image.value]
        self.feature_map = ex.filter_response(image, kernel)
        self._say(self.note, answers.Note(ex.describe_filter_response(self.feature_map)))
        fig = viz.show_images(
            [image, self.feature_map], ["원본", "특성 맵 (밝을수록 큰 값)"], ncols=2, size=2.6
        )
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=80, bbox_inches="tight")
        plt.close(fig)
        self.output.value = buffer.getvalue()


def widget(description):
    """The widget of an exercise or explorer description."""
    if isinstance(description, ex.SizeExplorer):
        return SizeExplorerWidget(description)
    if isinstance(description, ex.FilterDesigner):
        return FilterDesignerWidget(description)
    if isinstance(description, ex.Exercise):
        return ExerciseWidget(description)
    raise TypeError(
        "description must be an exercise from cnn_utils.exercises, "
        f"got {type(description).__name__}"
    )


def show(description) -> None:
    """Show an exercise in a chapter: the widget, then a worked example of another problem."""
    display(widget(description))
    example = getattr(description, "example", "")
    if example:
        display(
            HTML(
                f'<style>{ex.STYLE}</style><div class="cnn-example">'
                f"<p><b>풀이 예시 (다른 문제)</b></p>{example}</div>"
            )
        )


__all__ = ["ExerciseWidget", "FilterDesignerWidget", "SizeExplorerWidget", "show", "widget"]
