"""One table of moves, two readers: the notebook widget and the web book's form behave alike.

tests/exercise_states.json lists what a student does with an exercise (check an answer, pick
an option, 새 문제, ◀ 이전, 다음 ▶, 처음부터, a menu) and what they must then see. The same
exercise is driven as the widget (cnn_utils.widgets, drawn from ExerciseState) and as its web
form (cnn_utils.static's HTML with _static/cnn-exercises.js, in headless Chromium); what each
shows is read from its controls after every move and compared with the table.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from cnn_utils import answers, static, widgets
from cnn_utils import exercises as ex
from cnn_utils.exercises.description import NUMBERED, STEP

ROOT = Path(__file__).resolve().parents[1]
TABLE = json.loads(Path(__file__).with_name("exercise_states.json").read_text(encoding="utf-8"))
SCENARIOS = TABLE["scenarios"]
K = np.ones((3, 3), dtype=int)
EXERCISES = {
    "multiply_sum": lambda: ex.multiply_sum(seed=5),
    "size_quiz": lambda: ex.size_quiz(seed=6),
    "pooling": lambda: ex.pooling(),
    "sliding": lambda: ex.sliding(np.arange(25).reshape(5, 5), K),
    "stride_steps": lambda: ex.stride_steps(np.arange(49).reshape(7, 7), K),
    "region_match": lambda: ex.region_match(seed=0),
    "param_quiz": lambda: ex.param_quiz(),
}
NAV = ("new", "prev", "next", "restart")


def _text(value) -> str:
    return ", ".join(map(str, value)) if isinstance(value, (tuple, list)) else str(value)


def _typed(exercise: ex.Exercise, index: int, params: dict, move: dict) -> dict:
    """The texts a move types into its group: the table's, or made from the problem's check."""
    typed = move["typed"]
    if isinstance(typed, dict):
        return typed
    check = exercise.check(exercise.problems[index], move["group"], params)
    group = next(g for g in exercise.groups if g.key == move["group"])
    texts = {k: _text(v) for k, v in check.answer.items()}
    first, answer = group.fields[0], check.answer[group.fields[0].key]
    if typed == "unreadable":
        return {**texts, first.key: "열두"}
    if typed == "wrong":
        if isinstance(first, answers.ChoiceField):
            other = next(v for v, _ in first.options if v != answer)
            return {**texts, first.key: other}
        return {**texts, first.key: str(answer + 7)}
    assert typed == "right", typed
    return texts


def _expected_counter(exercise: ex.Exercise, index: int) -> str:
    label = {"new": NUMBERED, "steps": STEP}.get(exercise.nav, "")
    return label.format(number=index + 1, total=len(exercise.problems)) if label else ""


def _compare(exercise, seen: dict, want: dict, where: str) -> None:
    for key, value in want.items():
        if key == "problem":
            assert seen["problem"] == value, (where, seen)
            assert seen["counter"] == _expected_counter(exercise, value), (where, seen)
        elif isinstance(value, dict):
            for part, expected in value.items():
                assert seen[key][part] == expected, (where, key, part, seen[key])
        else:
            assert seen[key] == value, (where, key, seen)


def _run(exercise, reader) -> None:
    """Make every move of the scenario with ``reader``; compare what it shows after each."""
    for scenario in SCENARIOS:
        if scenario["exercise"] != exercise:
            continue
        description = reader.description
        for n, (move, want) in enumerate(scenario["moves"]):
            do = move.get("do")
            for _ in range(move.get("times", 1)):
                if do in NAV:
                    reader.nav(do)
                elif do == "param":
                    reader.param(move["name"], move["value"])
                elif do in ("check", "type", "pick"):
                    typed = _typed(description, reader.index(), reader.params(), move)
                    reader.answer(move["group"], typed, press=do != "type")
            _compare(description, reader.seen(), want, f"{scenario['name']}: move {n} {move}")


# --------------------------------------------------------------------------- the widget


class WidgetReader:
    """The notebook widget, driven and read through its controls."""

    def __init__(self, description: ex.Exercise):
        self.description = description
        self.widget = widgets.widget(description)

    def index(self) -> int:
        return self.widget.state.index

    def params(self) -> dict:
        return {name: box.value for name, box in self.widget.params.items()}

    def nav(self, move: str) -> None:
        self.widget.nav[move].click()

    def param(self, name: str, value: str) -> None:
        self.widget.params[name].value = value

    def answer(self, key: str, typed: dict, press: bool) -> None:
        group = next(g for g in self.description.groups if g.key == key)
        field = group.fields[0]
        if isinstance(field, answers.ChoiceField) and not field.menu:
            self.widget.choices[(key, typed[field.key])].click()
            return
        for f in group.fields:
            self.widget.inputs[f.key].value = typed[f.key]
        if press:
            (self.widget.buttons.get(key) or self.widget.submit).click()

    def seen(self) -> dict:
        w, groups = self.widget, self.description.groups
        statements = [p.statement for p in self.description.problems]
        told = {}
        for g in groups:
            found = re.search(r'data-cnn-told="(\w+)"', w.feedback[g.key].value)
            told[g.key] = found.group(1) if found else ""
        enabled = {m: not b.disabled for m, b in w.nav.items()}
        for g in groups:
            enabled[g.key] = any(not c.disabled for c in w._controls(g))
        picked = {}
        for g in groups:
            marks = [
                (b.button_style, b.description, b.tooltip)
                for (k, _), b in w.choices.items()
                if k == g.key and b.button_style
            ]
            picked[g.key] = ""
            for style, text, tooltip in marks:
                kind = {"success": "right", "danger": "wrong"}[style]
                assert text.startswith(answers.VERDICTS[kind == "right"][1])
                assert tooltip.endswith(answers.PICKED[kind])
                picked[g.key] = kind
        return {
            "problem": statements.index(w.statement.value),
            "counter": w.step.value,
            "feedback": told,
            "score": w.score_label.value,
            "enabled": enabled,
            "boxes": {k: box.value for k, box in w.inputs.items()},
            "picked": picked,
        }


@pytest.mark.parametrize("exercise", sorted({s["exercise"] for s in SCENARIOS}))
def test_the_widget_follows_the_table(exercise, figures_unencoded):
    _run(exercise, WidgetReader(EXERCISES[exercise]()))


def test_every_scenario_names_a_known_exercise_and_move():
    moves = {"check", "pick", "type", "param", *NAV}
    for scenario in SCENARIOS:
        assert scenario["exercise"] in EXERCISES, scenario["name"]
        for move, _ in scenario["moves"]:
            assert not move or move["do"] in moves, (scenario["name"], move)


# --------------------------------------------------------------------------- the web form

#: What the web form shows, read from the page as WidgetReader.seen reads the widget.
_SEEN = """form => {
  const data = JSON.parse(form.querySelector('script[data-cnn-data]').textContent);
  const html = s => {
    const t = document.createElement('template');
    t.innerHTML = s;
    return t.innerHTML;
  };
  const slot = name => form.querySelector(`[data-cnn-slot="${name}"]`);
  const statement = slot('statement').innerHTML;
  const told = {}, enabled = {}, picked = {}, boxes = {};
  form.querySelectorAll('[data-cnn-nav]')
    .forEach(b => { enabled[b.dataset.cnnNav] = !b.disabled; });
  data.groups.forEach(g => {
    const row = form.querySelector(`[data-cnn-group="${g.key}"]`);
    const verdict = row.querySelector('[data-cnn-feedback] [data-cnn-told]');
    told[g.key] = verdict ? verdict.getAttribute('data-cnn-told') : '';
    enabled[g.key] = [...row.querySelectorAll('input, select, button')].some(c => !c.disabled);
    const marked = [...row.querySelectorAll('button[data-cnn-picked]')];
    picked[g.key] = marked.length ? marked[0].getAttribute('data-cnn-picked') : '';
    picked[g.key + ' label'] = marked.length ? marked[0].getAttribute('aria-label') : '';
    row.querySelectorAll('input[data-cnn-field], select[data-cnn-field]')
      .forEach(b => { boxes[b.dataset.cnnField] = b.value; });
  });
  return {
    problem: data.problems.findIndex(p => html(p.statement) === statement),
    counter: slot('step') ? slot('step').textContent : '',
    feedback: told, enabled, picked, boxes,
    score: slot('score') ? slot('score').textContent : '',
  };
}"""


class FormReader:
    """The web form of the same exercise in Chromium, driven by clicks and typing."""

    def __init__(self, description: ex.Exercise, page):
        self.description, self.page = description, page
        self.form = page.locator("[data-cnn-exercise]")

    def index(self) -> int:
        return self.form.evaluate(_SEEN)["problem"]

    def params(self) -> dict:
        return {
            p.name: self.form.locator(f'[data-cnn-param="{p.name}"]').input_value()
            for p in self.description.params
        }

    def nav(self, move: str) -> None:
        self.form.locator(f'button[data-cnn-nav="{move}"]').click(force=True)

    def param(self, name: str, value: str) -> None:
        self.form.locator(f'[data-cnn-param="{name}"]').select_option(value)

    def answer(self, key: str, typed: dict, press: bool) -> None:
        group = next(g for g in self.description.groups if g.key == key)
        row = self.form.locator(f'[data-cnn-group="{key}"]')
        field = group.fields[0]
        if isinstance(field, answers.ChoiceField) and not field.menu:
            row.locator(f'button[data-cnn-choice="{typed[field.key]}"]').click()
            return
        for f in group.fields:
            row.locator(f'[data-cnn-field="{f.key}"]').fill(typed[f.key])
        if press:
            button = row.locator("button[data-cnn-check]")
            (button if button.count() else self.form.locator('[data-cnn-check="*"]')).click()

    def seen(self) -> dict:
        seen = self.form.evaluate(_SEEN)
        for key, kind in list(seen["picked"].items()):
            if not key.endswith(" label"):
                label = seen["picked"].pop(key + " label")
                assert not kind or label.endswith(answers.PICKED[kind]), label
        return seen


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    from tests import helpers as b

    folder = tmp_path_factory.mktemp("forms")
    for name in ("cnn-exercises.js", "cnn-exercises.css"):
        shutil.copy(ROOT / "_static" / name, folder / name)
    with b.serve(folder) as url, b.browser() as instance:
        yield folder, url, instance


@pytest.mark.browser
@pytest.mark.slow  # starts Chromium: make test, not make test-fast
@pytest.mark.parametrize("exercise", sorted({s["exercise"] for s in SCENARIOS}))
def test_the_web_form_follows_the_table(exercise, chromium, figures_unencoded):
    from tests import helpers as b

    folder, url, instance = chromium
    description = EXERCISES[exercise]()
    page_html = (
        '<!doctype html><html lang="ko"><head><meta charset="utf-8">'
        '<link rel="stylesheet" href="cnn-exercises.css"></head><body>'
        f'{static.render(description)}<script src="cnn-exercises.js"></script></body></html>'
    )
    (folder / f"{exercise}.html").write_text(page_html, encoding="utf-8")
    context, page, errors, blocked = b.open_page(instance, url, f"{exercise}.html")
    try:
        page.wait_for_selector("[data-cnn-exercise][data-cnn-ready]")
        _run(exercise, FormReader(description, page))
        assert not errors and not blocked, (errors, blocked)
    finally:
        context.close()
