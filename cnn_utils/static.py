"""The web book's form of an exercise: HTML plus the exercise's data, no kernel needed.

When a chapter runs, every exercise widget also puts this form into its
output (mime type :data:`STATIC_MIME`, which Jupyter, JupyterLab and Colab
ignore). The book build (``_ext/book_assets.py``) shows it instead of the
widget; ``_static/cnn-exercises.js`` reads the data the form carries (the
description of :mod:`cnn_utils.exercises` and the reading rules of
:func:`cnn_utils.answers.reading`) and judges answers as
:func:`cnn_utils.answers.judge` does. Without JavaScript (the PDF) the form
shows its first problem.
"""

from __future__ import annotations

import html
import json

from cnn_utils import answers, viz
from cnn_utils import exercises as ex

#: Mime type of an exercise's static form (an HTML string).
STATIC_MIME = "text/vnd.cnn-book.exercise+html"


def _button(text: str, attrs: str, label: str | None = None, primary: bool = False) -> str:
    """A button; ``label`` (its accessible name) contains the visible ``text``."""
    aria = f' aria-label="{html.escape(label)}"' if label else ""
    kind = " cnn-ex-primary" if primary else ""
    return (
        f'<button type="button" class="cnn-ex-button{kind}" {attrs}{aria}>'
        f"{html.escape(text)}</button>"
    )


def _select(name: str, label: str, options, value=None, attr: str = "data-cnn-param") -> str:
    items = "".join(
        f'<option value="{html.escape(str(v))}"{" selected" if str(v) == str(value) else ""}>'
        f"{html.escape(str(t))}</option>"
        for v, t in options
    )
    return (
        f'<label class="cnn-ex-label">{html.escape(label)} '
        f'<select {attr}="{html.escape(name)}">{items}</select></label>'
    )


def _group(group: answers.Group, submit_all: bool) -> str:
    """A group's row. Each control is labelled once: a lone menu by the group's prompt when
    there is one (else by its name), a box by its name for screen readers."""
    lone_menu = (
        len(group.fields) == 1
        and isinstance(group.fields[0], answers.ChoiceField)
        and group.fields[0].menu
        and group.prompt
    )
    parts = (
        [f'<span class="cnn-ex-prompt">{html.escape(group.prompt)}</span>']
        if group.prompt and not lone_menu
        else []
    )
    for field in group.fields:
        name = html.escape(field.name)
        if isinstance(field, answers.ChoiceField) and not field.menu:
            parts += [
                _button(t, f'data-cnn-choice="{html.escape(v)}" data-cnn-field="{field.key}"')
                for v, t in field.options
            ]
        elif isinstance(field, answers.ChoiceField):
            options = (("", field.placeholder), *field.options)
            label = group.prompt if lone_menu else field.name
            parts.append(_select(field.key, label, options, "", attr="data-cnn-field"))
        else:
            parts.append(
                f'<input type="text" inputmode="{"decimal" if field.kind == "number" else "text"}" '
                f'autocomplete="off" class="cnn-ex-input cnn-ex-{field.kind}" '
                f'data-cnn-field="{field.key}" '
                f'placeholder="{html.escape(field.placeholder)}" aria-label="{name}">'
            )
    if group.button and not submit_all:
        label = group.fields[0].name if len(group.fields) == 1 else group.prompt or group.key
        parts.append(
            _button(group.button, f'data-cnn-check="{group.key}"', f"{label} 확인", primary=True)
        )
    return (
        f'<div class="cnn-ex-group" data-cnn-group="{group.key}"><div '
        f'class="cnn-ex-row">{"".join(parts)}</div>'
        f'<div class="cnn-ex-feedback" data-cnn-feedback="{group.key}" '
        'aria-live="polite"></div></div>'
    )


def _note(message: str, kind: str) -> str:
    """A reading as the script writes it (``kind``: info or hint), for the first state."""
    mark = answers.reading()["verdicts"][kind]
    line, _, rest = html.escape(message).partition("\n")
    more = "<br>" + rest.replace("\n", "<br>") if rest else ""
    return (
        f'<div class="cnn-ex-verdict cnn-ex-{kind}" data-cnn-told="{kind}">'
        f'<span class="cnn-ex-verdict-line"><b aria-hidden="true">{mark}</b> {line}</span>'
        f"{more}</div>"
    )


def _data(payload: dict) -> str:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" data-cnn-data>{text}</script>'


def _frame(description, body: list[str], payload: dict) -> str:
    title = html.escape(description.title)
    return "\n".join(
        [
            f'<div class="cnn-exercise" data-cnn-exercise="{description.key}" role="group" '
            f'aria-label="연습: {title}">',
            f"<style>{ex.STYLE}</style>",
            f'<p class="cnn-ex-title"><b>연습: {title}</b></p>',
            *body,
            _data({**payload, "reading": answers.reading()}),
            "</div>",
        ]
    )


def render(description) -> str:
    """The form of an exercise or explorer (the first problem shown, as without JavaScript)."""
    if isinstance(description, ex.SizeExplorer):
        return _sizes(description)
    if isinstance(description, ex.FilterDesigner):
        return _filter(description)
    exercise = description
    first = exercise.problems[0]
    body = [f'<div class="cnn-ex-intro">{exercise.intro}</div>'] if exercise.intro else []
    if exercise.params:
        body.append(
            '<div class="cnn-ex-row">'
            + "".join(_select(p.name, p.label, p.options) for p in exercise.params)
            + "</div>"
        )
    body.append(f'<div class="cnn-ex-statement" data-cnn-slot="statement">{first.statement}</div>')
    if any(p.figure for p in exercise.problems):
        figure = first.figure
        body.append(
            f'<img class="cnn-ex-figure" data-cnn-slot="figure" src="{figure.src}" '
            f'{_width(figure)}alt="{html.escape(figure.alt)}">'
        )
    if exercise.nav == "steps":
        body.append(
            '<div class="cnn-ex-row">'
            + _button("◀ 이전", 'data-cnn-nav="prev"', "이전 단계")
            + '<span class="cnn-ex-step" '
            f'data-cnn-slot="step">{ex.STEP.format(number=1, total=len(exercise.problems))}</span>'
            + _button("다음 ▶", 'data-cnn-nav="next"', "다음 단계")
            + _button("처음부터", 'data-cnn-nav="restart"')
            + "</div>"
        )
    body += [_group(g, exercise.submit_all) for g in exercise.groups]
    if exercise.submit_all:
        body.append(
            '<div class="cnn-ex-row">'
            + _button("모두 확인", 'data-cnn-check="*"', primary=True)
            + "</div>"
        )
    if exercise.nav == "new":
        label = f"새 문제 (문제 {len(exercise.problems)}개)"
        counter = ex.NUMBERED.format(number=1, total=len(exercise.problems))
        body.append(
            '<div class="cnn-ex-row">'
            + _button("새 문제", 'data-cnn-nav="new"', label)
            + f'<span class="cnn-ex-step" data-cnn-slot="step">{counter}</span></div>'
        )
    if exercise.score:
        body.append(
            '<div class="cnn-ex-score" '
            f'data-cnn-slot="score">{answers.SCORE.format(right=0, tried=0)}</div>'
        )
    return _frame(exercise, body, exercise.data())


def _sizes(explorer: ex.SizeExplorer) -> str:
    data = explorer.data()
    report = explorer.report()
    controls = "".join(
        _select(c["name"], c["label"], c["options"], c["value"]) for c in data["controls"]
    )
    caption = ex.GRID_CAPTION.format(out=report.output) if report.output else ""
    lines = "<br>".join(map(html.escape, report.message.splitlines()[:2]))
    body = [
        f'<div class="cnn-ex-intro">{html.escape(explorer.intro)}</div>',
        f'<div class="cnn-ex-row">{controls}</div>',
        f'<div class="cnn-ex-row"><div data-cnn-slot="grid">{ex.size_grid_html(report)}'
        f'<div data-cnn-slot="caption">{html.escape(caption)}</div></div>'
        f'<div data-cnn-slot="report">{lines}</div></div>',
        '<div class="cnn-ex-feedback" data-cnn-slot="note" aria-live="polite">'
        + _note(ex.explorer_note(report), "info" if report.output else "hint")
        + "</div>",
    ]
    return _frame(explorer, body, data)


def _width(figure: ex.Figure) -> str:
    """The ``width`` attribute that shows a figure at its own size (its PNG has twice the
    pixels), or nothing for a figure without one.

    >>> _width(ex.Figure("data:", "그림", 240)), _width(ex.Figure("data:", "그림"))
    ('width="240" ', '')
    """
    return f'width="{figure.width}" ' if figure.width else ""


def _filter(designer: ex.FilterDesigner) -> str:
    texts = ex.preset_texts(designer.preset)
    cells = "".join(
        '<input type="text" inputmode="decimal" class="cnn-ex-input cnn-ex-cell" '
        f'data-cnn-cell="{k}" '
        f'value="{text}" aria-label="필터 {k // 3 + 1}행 {k % 3 + 1}열">'
        for k, text in enumerate(texts)
    )
    first = next(iter(designer.images))
    image = designer.images[first]
    feature_map = ex.filter_response(image, ex.parse_filter(texts)[0])
    picture = ex.figure_data(
        viz.show_images(
            [image, feature_map], ["원본", "특성 맵 (밝을수록 큰 값)"], ncols=2, size=2.6
        ),
        f"원본 이미지({first})와 '{designer.preset}' 필터가 만든 특성 맵",
    )
    body = [
        f'<div class="cnn-ex-intro">{html.escape(designer.intro)}</div>',
        f'<div class="cnn-ex-row"><div class="cnn-ex-cells">{cells}</div>'
        + _select("preset", "예시 필터", [(n, n) for n in ex.FILTER_PRESETS], designer.preset)
        + _select("image", "이미지", [(n, n) for n in designer.images], first)
        + "</div>",
        f'<img class="cnn-ex-figure" data-cnn-slot="picture" src="{picture.src}" '
        f'{_width(picture)}alt="{html.escape(picture.alt)}">'
        '<div class="cnn-ex-row" data-cnn-slot="maps" hidden>'
        '<figure><canvas data-cnn-slot="image" role="img" '
        'aria-label="원본"></canvas><figcaption>원본</figcaption></figure>'
        '<figure><canvas data-cnn-slot="map" role="img" aria-label="특성 맵"></canvas>'
        "<figcaption>특성 맵 (밝을수록 큰 값)</figcaption></figure></div>",
        '<div class="cnn-ex-feedback" data-cnn-slot="note" aria-live="polite">'
        + _note(ex.describe_filter_response(feature_map), "info")
        + "</div>",
    ]
    return _frame(designer, body, designer.data())


__all__ = ["STATIC_MIME", "render"]
