"""One student's results file: what the widgets judged, named mistakes, the schema, save().

Runs here (ipywidgets 8) and in the Colab-like environment (ipywidgets 7.7.1,
tests/test_colab_env.py), where jsonschema may be missing: the file is checked with
the package's own validator there, and both validators are compared here.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import shutil
import subprocess
import sys
import types

import pytest

import cnn_utils
from cnn_utils import answers, results, widgets
from cnn_utils import exercises as ex
from tests.helpers import ROOT


@pytest.fixture(autouse=True)
def fresh_session(monkeypatch):
    """Each test starts with an empty session record."""
    monkeypatch.setattr(results, "SESSION", {})


def _exercises():
    """Every exercise the module makes without arguments (explorers left out)."""
    made = []
    for name in ex.__all__:
        make = getattr(ex, name)
        if not inspect.isfunction(make):
            continue
        parameters = inspect.signature(make).parameters.values()
        if any(p.default is inspect.Parameter.empty for p in parameters):
            continue
        try:
            exercise = make()
        except TypeError:
            continue
        if isinstance(exercise, ex.Exercise):
            made.append(exercise)
    return made


def _typed(case: answers.Case, check: answers.Check) -> dict:
    """Answers that make ``case`` apply (its ``equal`` values; the answer elsewhere)."""
    typed = {k: _text(v) for k, v in check.answer.items()}
    typed |= {k: _text(v) for k, v in case.equal}
    return typed


def _typical_slips():
    """(exercise, question key, group, check, typed) for every case that names a typical slip
    (``equal`` values) in the first three problems of every exercise."""
    for exercise in _exercises():
        for problem in exercise.problems[:3]:
            for key, check in problem.checks.items():
                group = next(g for g in exercise.groups if g.key == key.split("|")[0])
                for case in check.cases:
                    if case.equal:
                        yield exercise, key, group, check, _typed(case, check)


def _text(value) -> str:
    return ", ".join(map(str, value)) if isinstance(value, (tuple, list)) else str(value)


def test_the_matched_case_is_the_one_whose_message_judge_tells():
    """matched_case follows judge's steps: for every typical slip of every exercise, the case
    it names tells exactly judge's message."""
    exercises = _exercises()
    assert len(exercises) >= 15, [e.key for e in exercises]
    tried = 0
    for exercise, key, group, check, typed in _typical_slips():
        feedback = answers.judge(group, check, typed)
        index = results.matched_case(group, check, typed)
        if feedback.correct is not False:
            assert index is None
            continue
        only = dataclasses.replace(check, right="", cases=(check.cases[index],))
        assert feedback.message == answers.judge(group, only, typed).message, (exercise.key, key)
        tried += 1
    assert tried >= 50


def _wrong_choice(widget, key):
    check = widget.exercise.check(widget.current, key, widget._params())
    return next(c for c in check.cases if c.equal), check


def test_widgets_record_attempts_first_tries_and_named_mistakes(tmp_path):
    """Answer widgets (right; wrong with a named mistake, then right), save the file: the
    schema accepts it and it counts what happened."""
    quiz = widgets.widget(ex.param_quiz())
    key = quiz.exercise.groups[0].key
    slip, check = _wrong_choice(quiz, key)
    quiz.inputs[key].value = _text(dict(slip.equal)[key])
    quiz.buttons[key].click()
    quiz.inputs[key].value = "열넷"  # a hint: not counted
    quiz.buttons[key].click()
    quiz.inputs[key].value = str(check.answer[key])
    quiz.buttons[key].click()

    product = widgets.widget(ex.multiply_sum(seed=3))
    answer = product.current.checks["main"].answer["main"]
    product.inputs["main"].value = str(answer)
    product.buttons["main"].click()
    product.inputs["main"].value = str(answer + 1)  # the same question again: not a first try
    product.buttons["main"].click()

    path = results.save("홍길동", path=tmp_path / "out.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert results.validate(data) == []
    assert data["edition"] == cnn_utils.__version__ and data["name"] == "홍길동"
    assert data["exercises"]["param-quiz"] == {
        "attempts": 2,
        "questions": 1,
        "first_try": 0,
        "correct": 1,
        "mistakes": [
            {
                "id": results.mistake_id(key, slip, check.cases.index(slip)),
                "message": answers.judge(
                    quiz.exercise.groups[0], check, {key: _text(dict(slip.equal)[key])}
                ).message.split("\n")[0],
                "count": 1,
            }
        ],
    }
    assert data["exercises"]["multiply-sum"] == {
        "attempts": 2,
        "questions": 1,
        "first_try": 1,
        "correct": 1,
        "mistakes": [],
    }
    assert all(results.consistent(e) for e in data["exercises"].values())


def test_save_offers_the_download_in_colab(tmp_path, monkeypatch, capsys):
    """In Colab, save() hands the file to google.colab.files.download; elsewhere it only
    writes it."""
    downloaded = []
    colab = types.ModuleType("google.colab")
    colab.files = types.SimpleNamespace(download=downloaded.append)
    monkeypatch.setitem(sys.modules, "google.colab", colab)
    monkeypatch.chdir(tmp_path)
    path = results.save("20261234")
    assert path.name == "수업결과-20261234.json" and (tmp_path / path).exists()
    assert downloaded == [str(path)]
    assert "결과 파일을 저장했습니다" in capsys.readouterr().out
    monkeypatch.delitem(sys.modules, "google.colab")
    results.save(path="plain.json")
    assert downloaded == [str(path)]


def test_a_name_too_long_is_refused():
    with pytest.raises(ValueError, match="at most 100 characters"):
        results.record({}, name="가" * 101)


def test_the_package_validator_agrees_with_jsonschema():
    """Valid and broken files: the hand validator and jsonschema find the same files bad."""
    jsonschema = pytest.importorskip("jsonschema")
    good = results.record(
        {"multiply-sum": results.Progress({0: True}, {0}, 1, {"main#0": ["덧셈만", 1]})},
        name="김",
    )
    broken = [
        {**good, "format": "other"},
        {**good, "version": 2},
        {**good, "edition": "x"},
        {**good, "name": 5},
        {**good, "name": "가" * 101},
        {**good, "reader": "phone"},
        {**good, "extra": 1},
        {k: v for k, v in good.items() if k != "exercises"},
        {**good, "exercises": {"Bad Key": good["exercises"]["multiply-sum"]}},
        {**good, "exercises": {"a": {**good["exercises"]["multiply-sum"], "attempts": -1}}},
        {**good, "exercises": {"a": {**good["exercises"]["multiply-sum"], "attempts": True}}},
        {**good, "exercises": {"a": {**good["exercises"]["multiply-sum"], "mistakes": [{}]}}},
        {**good, "exercises": {"a": {**good["exercises"]["multiply-sum"], "mistakes": "x"}}},
        [],
    ]
    checker = jsonschema.Draft202012Validator(results.schema())
    checker.check_schema(results.schema())
    assert results.validate(good) == [] and checker.is_valid(good)
    for data in broken:
        assert results.validate(data), data
        assert not checker.is_valid(data), data


def test_the_web_book_names_each_mistake_as_python_does():
    """For every typical slip, the web book's judge (_static/cnn-exercises.js, under Node)
    tells the case Python's judge tells, and _static/cnn-progress.js names it as
    :func:`cnn_utils.results.mistake_id` does."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("Node.js is missing: sudo apt-get install nodejs (tools/ensure_system.sh node)")
    jobs, expected = [], []
    for _, _, group, check, typed in _typical_slips():
        feedback = answers.judge(group, check, typed)
        if feedback.correct is not False:
            continue
        index = results.matched_case(group, check, typed)
        assert feedback.case == index
        jobs.append({"group": group.data(), "check": check.data(), "typed": typed})
        expected.append(results.mistake_id(group.key, check.cases[index], index))
    script = (
        "const e = require(process.argv[1]); const p = require(process.argv[2]);"
        "const R = JSON.parse(process.argv[3]);"
        "const jobs = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(jobs.map(j => { const k = e.judge(j.group, j.check, j.typed,"
        " R).case; return p.mistakeId(j.group.key, j.check.cases[k], k) || 'none'; })));"
    )
    result = subprocess.run(
        [
            node,
            "-e",
            script,
            str(ROOT / "_static" / "cnn-exercises.js"),
            str(ROOT / "_static" / "cnn-progress.js"),
            json.dumps(answers.reading(), ensure_ascii=False),
        ],
        input=json.dumps(jobs, ensure_ascii=False),
        capture_output=True,
        text=True,
        check=True,
    )
    got = json.loads(result.stdout)
    assert len(got) >= 50
    wrong = [
        (j["typed"], e, g)
        for j, e, g in zip(jobs, expected, got, strict=True)
        if e != (g if g != "none" else None)
    ]
    assert not wrong, wrong
