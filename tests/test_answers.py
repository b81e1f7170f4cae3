"""cnn_utils.answers, and the web book's script on the same data (one conformance table).

tests/answer_cases.json lists what a student may type; Python reads it here, and the browser
script (_static/cnn-exercises.js) reads the same under Node (tests/run_answers.js), without
Chromium: values, texts and hints must agree, and the hints must say the right thing. The same
Node run judges every chapter exercise's checks on right, wrong and hostile answers, formats the
filter designer's numbers and draws the size explorer's grids, each compared with Python.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from cnn_utils import answers, ops
from cnn_utils import exercises as ex

TABLE = json.loads(Path(__file__).with_name("answer_cases.json").read_text(encoding="utf-8"))
SCRIPT = Path(__file__).resolve().parents[1] / "_static" / "cnn-exercises.js"
#: Chapter 02's input and filter, chapter 04's (tests/test_book.py checks them against the chapters)
SLIDE_X = np.array(
    [[1, 2, 0, 1, 3], [0, 1, 3, 1, 0], [2, 1, 0, 2, 1], [1, 0, 2, 3, 1], [3, 1, 1, 0, 2]]
)
SLIDE_K = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]])
HOSTILE = ["", "  ", "abc", "열두", "<b>1</b>", "'\"&<>", "1e9", "3,25", "١٢", "１２", "-0",
           "+7", "99999999999999999", "-99999999999999999", "2.5", "-3", "{main}", "None",
           "1,234"]  # fmt: skip


def _field(spec: dict, key: str = "main") -> answers.Field:
    spec = dict(spec)
    kind = spec.pop("kind")
    if kind == "number":
        return answers.NumberField(key, "답", **spec)
    if kind == "shape":
        return answers.ShapeField(key, "답", **spec)
    return answers.ChoiceField(key, "답", options=tuple(map(tuple, spec["options"])))


def _read_as_data(read: answers.Read) -> dict:
    if not read.ok:
        return {"hint": read.hint}
    value = list(read.value) if isinstance(read.value, tuple) else read.value
    return {"value": value, "text": read.text}


@pytest.mark.parametrize("text, field, expect", TABLE["cases"], ids=lambda v: repr(v)[:20])
def test_python_reads_the_table(text, field, expect):
    spec = TABLE["fields"][field]
    read = _field(spec).read(text)
    is_value = not isinstance(expect, str) or expect in dict(spec.get("options", []))
    if is_value:
        assert read.ok and answers.same(read.value, expect), read
    else:
        assert not read.ok and expect in read.hint, read


@pytest.mark.parametrize("word, kind, expect", TABLE["particles"])
def test_particles_follow_how_the_word_is_read(word, kind, expect):
    assert answers.particle(word, kind) == expect


def _exercises() -> list[ex.Exercise]:
    return [
        ex.multiply_sum(0), ex.sliding(SLIDE_X, SLIDE_K), ex.pixel_usage(0),
        ex.stride_steps(np.arange(49).reshape(7, 7), np.ones((3, 3), dtype=int)), ex.pooling(),
        ex.pooling_loss(0), ex.size_quiz(6), ex.shape_quiz(), ex.param_quiz(), ex.filter_reading(0),
        ex.region_match(0), ex.best_filter(0), ex.window_order(0), ex.feature_maps(0),
        ex.padded_sum(0), ex.padding_sizes(0), ex.valid_shrink(0), ex.stride_windows(0),
        ex.stride_results(0), ex.pooled_size(0), ex.cnn_structure(), ex.depth_values(0),
        ex.size_effect(0), ex.write_model(), ex.flatten_index(0), ex.dense_value(0),
        ex.softmax_quiz(0), ex.cross_entropy_quiz(0), ex.relu_value(0), ex.receptive_field_quiz(0),
        ex.dense_params(0), ex.gradient_step(0),
    ]  # fmt: skip


def _answer_text(value) -> str:
    return ", ".join(map(str, value)) if isinstance(value, tuple) else str(value)


def _tries(group: answers.Group, check: answers.Check):
    """Right, wrong and hostile answers for a group: one field changed at a time, and each
    typical slip a case names."""
    right = {k: _answer_text(v) for k, v in check.answer.items()}
    yield right
    for case in check.cases:
        if case.equal:
            yield right | {k: _answer_text(v) for k, v in case.equal}
    for f in group.fields:
        others = [o for o, _ in f.options] if isinstance(f, answers.ChoiceField) else []
        answer = check.answer[f.key]
        near = [] if others or isinstance(answer, tuple) else [str(answer + 1), str(-answer - 3)]
        if check.within:  # an answer rounded to a few decimals: just inside and just outside
            near += [f"{answer + check.within * 0.8:.4f}", f"{answer + check.within * 3:.4f}"]
        for text in [*others, *near, *HOSTILE]:
            yield {**right, f.key: text}


def _judge_jobs():
    for exercise in _exercises():
        for problem in exercise.problems[:3]:
            for key, check in problem.checks.items():
                group = next(g for g in exercise.groups if g.key == key.split("|")[0])
                for typed in _tries(group, check):
                    yield exercise, group, check, typed


def _node(jobs: list[dict]) -> list:
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("Node.js is missing: sudo apt-get install nodejs (tools/ensure_system.sh node)")
    payload = json.dumps({"reading": answers.reading(), "jobs": jobs}, ensure_ascii=False)
    result = subprocess.run(
        [node, str(Path(__file__).with_name("run_answers.js"))],
        input=payload, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def _designer_cases():
    rng = np.random.default_rng(0)
    images = [np.tril(np.ones((6, 6))), rng.integers(0, 256, (8, 7)) / 255.0, np.zeros((5, 5))]
    kernels = [*(ex.parse_filter(ex.preset_texts(n))[0] for n in ex.FILTER_PRESETS)]
    kernels += [np.full((3, 3), 0.125), rng.normal(size=(3, 3)).round(3), np.eye(3) * -0.375]
    return [(im, k) for im in images for k in kernels]


@pytest.fixture(scope="module")
def node_results():
    """One Node run for every job of this module, with what Python says for each."""
    jobs, expected = [], []
    for text, name, _ in TABLE["cases"]:
        field = _field(TABLE["fields"][name])
        jobs.append({"op": "read", "text": text, "field": field.data()})
        expected.append(_read_as_data(field.read(text)))
    for word, kind, _ in TABLE["particles"]:
        jobs.append({"op": "particle", "word": word, "kind": kind})
        expected.append(answers.particle(word, kind))
    for _, group, check, typed in _judge_jobs():
        for before in (0, 1):  # a first wrong answer (a retry), a later one (the worked answer)
            jobs.append(
                {
                    "op": "judge",
                    "group": group.data(),
                    "check": check.data(),
                    "answers": typed,
                    "wrong_before": before,
                }
            )
            feedback = answers.judge(group, check, typed, before)
            expected.append(
                {
                    "correct": feedback.correct,
                    "message": feedback.message,
                    "told": feedback.told,
                    "case": feedback.case,
                }
            )
    values = (
        0.125,
        -0.125,
        0.375,
        2.675,
        1 / 3,
        -0.004,
        1e-9,
        12.0,
        -7.5,
        1234.5678,
        0.005,
        0.0625,
    )
    for value in values:
        for decimals in (1, 2, 4):
            jobs.append({"op": "format", "value": value, "decimals": decimals})
            expected.append(ops.format_number(value, decimals=decimals))
    for image, kernel in _designer_cases():
        shape = list(image.shape)
        data = {"shape": shape, "values": image.astype(float).ravel().tolist()}
        jobs.append(
            {
                "op": "describe",
                "image": data,
                "kernel": kernel.ravel().tolist(),
                "template": ex.DESCRIBE,
                "decimals": ex.DESCRIBE_DECIMALS,
            }
        )
        expected.append(ex.describe_filter_response(ex.filter_response(image, kernel)))
    explorer = ex.SizeExplorer()
    for key, (out, top, bottom, _, _) in explorer.data()["table"].items():
        n, f, padding, s = key.split("|")
        jobs.append({"op": "grid", "args": [int(n), top, bottom, int(f), int(s), out, ex.GRID_DOT]})
        expected.append(
            ex.size_grid_html(explorer.report(n=int(n), f=int(f), padding=padding, stride=int(s)))
        )
    return jobs, expected, _node(jobs)


@pytest.mark.parametrize("op", ["read", "particle", "judge", "format", "describe", "grid"])
def test_the_web_book_script_agrees_with_python(node_results, op):
    jobs, expected, got = node_results
    mismatches = [
        (job, want, js) for job, want, js in zip(jobs, expected, got, strict=True)
        if job["op"] == op and want != js
    ]  # fmt: skip
    assert not mismatches, "\n".join(repr(m)[:400] for m in mismatches[:5])


def test_every_judged_answer_is_told_something_fitting():
    """Content, not only agreement: right is praised, wrong is corrected, bad input is a hint."""
    seen = set()
    for exercise, group, check, typed in _judge_jobs():
        feedback = answers.judge(group, check, typed, wrong_before=1)
        right = {k: _answer_text(v) for k, v in check.answer.items()}
        if feedback.correct is not None:
            assert "{" not in feedback.message, feedback.message  # no slot left unfilled
        if typed == right:
            assert feedback.correct and feedback.message.startswith("정답입니다"), (
                exercise.key,
                feedback,
            )
        elif feedback.correct is False:
            assert feedback.message.startswith(("아쉽습니다", "위치")), (exercise.key, feedback)
        seen.add((exercise.key, feedback.correct))
    assert {c for _, c in seen} == {True, False, None}
    assert len({k for k, _ in seen}) == len(_exercises())


def test_a_first_wrong_answer_is_told_a_hint_not_the_answer():
    """The retry names what is wrong (or the named mistake) and never the worked answer; the
    second wrong answer is told the case's worked answer."""
    told = 0
    for exercise, group, check, typed in _judge_jobs():
        first = answers.judge(group, check, typed)
        if first.correct is not False:
            continue
        assert first.told == "retry" and first.message.endswith(answers.RETRY["again"])
        second = answers.judge(group, check, typed, wrong_before=1)
        assert second.told == "worked" and second.case == first.case
        case = check.cases[first.case]
        assert second.message == answers.fill(case.say, _typed_texts(group, typed))
        worked = answers.fill(check.right, {k: _answer_text(v) for k, v in check.answer.items()})
        if len(worked) > 8:  # a worked answer long enough not to be said by chance
            assert worked not in first.message, (exercise.key, first.message)
        if case.mistake and not case.hint:
            assert case.mistake in first.message
        told += 1
    assert told >= 200


def _typed_texts(group: answers.Group, typed: dict) -> dict:
    return {f.key: f.read(typed[f.key]).text for f in group.fields}


def test_a_question_counts_once_in_the_score():
    score = answers.Score()
    for _ in range(50):
        score.record(("problem 0", "main"), answers.Feedback(True, ""))
    score.record(("problem 1", "main"), answers.Feedback(False, ""))
    score.record(("problem 1", "main"), answers.Feedback(False, ""))
    assert str(score) == "점수: 1 / 2"


def test_fill_keeps_unknown_braces_and_escapes_nothing():
    assert (
        answers.fill("{x} {main|이} {main:,|을}", {"main": "-1234.5"}) == "{x} -1234.5가 -1,234.5를"
    )
    assert answers.Feedback(False, "<b>").html().count("&lt;b&gt;") == 1


def test_feedback_echoes_at_most_the_limit():
    read = answers.parse_number("냥" * 500)
    assert read.hint.count("냥") == answers.ECHO_LIMIT and "…" in read.hint


def test_spaces_are_what_python_strips():
    import sys

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    assert answers.SPACES == every


def test_messages_never_repeat_invisible_or_control_characters():
    """Bidirectional controls and zero-width characters would garble the line they are shown in."""
    import re

    hidden = re.compile(answers.INVISIBLE + "|" + answers.CONTROL)
    for text, name, _ in TABLE["cases"]:
        read = _field(TABLE["fields"][name]).read(text)
        assert not hidden.search(read.hint or read.text), (text, read)


def test_the_digits_are_one_fixed_set_of_runs_of_ten():
    import unicodedata

    for zero in answers.DIGIT_ZEROS:
        digits = [chr(ord(zero) + k) for k in range(10)]
        assert [unicodedata.decimal(d) for d in digits] == list(range(10)), zero
        assert answers.parse_number("".join(digits[1:4])).value == 123
    for other in ("\u0e53", "\u0969", "\U00011f53", "\U0001fbf3"):  # Thai, Devanagari, Kawi, ...
        assert not answers.parse_number(other).ok


def test_the_script_holds_no_rule_or_text_of_the_python_side():
    """Every rule, limit, hint and word comes from the data Python writes into the page."""
    import re

    code = re.sub(r"//[^\n]*", "", (SCRIPT).read_text(encoding="utf-8"))
    assert not re.findall(r"[가-힣]+", code)
    assert not re.findall(r"\\p\{N|\\d", code)  # digits are the page data's, not Unicode's
    numbers = set(re.findall(r"(?<![\w.\\])\d+(?:\.\d+)?(?:e-?\d+)?", code))
    # 0-4: indices, the 3x3 filter, RGBA; 9, 10: decimal digits ([0-9]); 255: a pixel's brightest
    assert numbers <= {"0", "1", "2", "3", "4", "9", "10", "255"}, numbers
