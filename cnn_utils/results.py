"""수업 결과: one student's results file, and the instructor's report of a class.

The **Class** reader of the book: every exercise a student checks (in a
notebook, Colab or the web book) is remembered as counts per exercise: how
many answers were judged, how many questions were right at the first try,
and which named mistakes were made. A named mistake is the wrong-answer
:class:`~cnn_utils.answers.Case` the judge chose, when that case names a slip
(see :func:`mistake_id`). The file format is described once, in the JSON
Schema ``results.schema.json`` beside this module (:func:`schema`); both
writers (:func:`save` here, the web book's 「내 진도」 page) and the reader
(:mod:`cnn_utils.report`) follow it.

In a notebook::

    from cnn_utils import results
    results.save("홍길동")        # writes the file; in Colab it also offers the download

The instructor collects the files and runs::

    python -m cnn_utils.results report 제출물.zip -o report.html [--anonymous]

These files are for teaching, not grading: a student can edit their own file.
Introduced with the exercises of chapter 01; it counts every chapter's exercises.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from cnn_utils import __version__, answers
from cnn_utils.environment import in_colab

#: What the ``format`` field of every results file says.
FORMAT = "cnn-fashion-book-results"
#: The version of the format this module writes and reads.
VERSION = 1
#: The schema's file name in the package.
SCHEMA_FILE = "results.schema.json"
#: How much of a wrong answer's message a file keeps (the first line, cut here).
MESSAGE_LIMIT = 300


def schema() -> dict:
    """The JSON Schema of a results file (package data).

    Examples
    --------
    >>> schema()["properties"]["format"]["const"], schema()["properties"]["version"]["const"]
    ('cnn-fashion-book-results', 1)
    """
    text = resources.files("cnn_utils").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def exercise_list() -> list[dict]:
    """Every checked exercise of this edition by chapter and slide point, in book order.

    Written by ``tools/exercise_table.py`` from the chapters (package data).

    Examples
    --------
    >>> first = exercise_list()[0]
    >>> first["key"], first["chapter"], first["point"]
    ('multiply-sum', '01', '곱과 합의 연산')
    """
    text = resources.files("cnn_utils").joinpath("data/exercises.json").read_text(encoding="utf-8")
    return json.loads(text)


# --------------------------------------------------------------------------
# validation: the schema's rules, checked by hand (no dependency added)
# --------------------------------------------------------------------------

_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
}
#: How a problem found by :func:`validate` is told (the report shows it to the instructor).
RULES = {
    "type": "{where}: {kind} 값이어야 합니다",
    "const": "{where}: {value!r}이어야 합니다",
    "enum": "{where}: {values} 중 하나여야 합니다",
    "required": "{where}: '{name}' 항목이 없습니다",
    "extra": "{where}: 알 수 없는 항목 '{name}'",
    "pattern": "{where}: 형식이 맞지 않습니다",
    "maxLength": "{where}: {limit}자보다 깁니다",
    "minimum": "{where}: {limit}보다 작습니다",
    "maximum": "{where}: {limit}보다 큽니다",
    "maxProperties": "{where}: 항목이 {limit}개보다 많습니다",
    "maxItems": "{where}: 항목이 {limit}개보다 많습니다",
}
_KINDS = {"object": "객체", "array": "목록", "string": "문자열", "integer": "정수"}


def validate(value: Any, rules: Mapping | None = None, where: str = "파일") -> list[str]:
    """Problems of ``value`` against the schema (Korean, for the report); [] when valid.

    Checks the keywords :data:`SCHEMA_FILE` uses (type, const, enum, required,
    properties, additionalProperties, propertyNames, pattern, maxLength,
    minimum, maximum, maxProperties, maxItems, items); the tests check that
    it agrees with the ``jsonschema`` package.

    Examples
    --------
    >>> validate(record({}, name="홍길동"))
    []
    >>> validate({"format": "other", "version": 1, "edition": "0.2.0", "exercises": {}})
    ["파일: 'reader' 항목이 없습니다", "파일.format: 'cnn-fashion-book-results'이어야 합니다"]
    """
    rules = schema() if rules is None else rules
    found: list[str] = []
    kind = rules.get("type")
    if kind and not _TYPES[kind](value):
        return [RULES["type"].format(where=where, kind=_KINDS[kind])]
    if "const" in rules and value != rules["const"]:
        found.append(RULES["const"].format(where=where, value=rules["const"]))
    if "enum" in rules and value not in rules["enum"]:
        found.append(RULES["enum"].format(where=where, values=", ".join(rules["enum"])))
    if isinstance(value, str):
        if "maxLength" in rules and len(value) > rules["maxLength"]:
            found.append(RULES["maxLength"].format(where=where, limit=rules["maxLength"]))
        if "pattern" in rules and not re.search(rules["pattern"], value):
            found.append(RULES["pattern"].format(where=where))
    if _TYPES["integer"](value):
        for key in ("minimum", "maximum"):
            if key in rules and (value < rules[key] if key == "minimum" else value > rules[key]):
                found.append(RULES[key].format(where=where, limit=rules[key]))
    if isinstance(value, list):
        if "maxItems" in rules and len(value) > rules["maxItems"]:
            return [*found, RULES["maxItems"].format(where=where, limit=rules["maxItems"])]
        for k, item in enumerate(value):
            found += validate(item, rules.get("items", {}), f"{where}[{k}]")
    if isinstance(value, dict):
        if "maxProperties" in rules and len(value) > rules["maxProperties"]:
            return [
                *found,
                RULES["maxProperties"].format(where=where, limit=rules["maxProperties"]),
            ]
        for name in rules.get("required", ()):
            if name not in value:
                found.append(RULES["required"].format(where=where, name=name))
        known = rules.get("properties", {})
        extra = rules.get("additionalProperties", True)
        for name, item in value.items():
            inner = f"{where}.{name}"
            if "propertyNames" in rules:
                found += validate(name, rules["propertyNames"], f"{where}의 이름 {name[:60]!r}")
            if name in known:
                found += validate(item, known[name], inner)
            elif extra is False:
                found.append(RULES["extra"].format(where=where, name=name[:60]))
            elif isinstance(extra, dict):
                found += validate(item, extra, inner)
    return found


def consistent(exercise: Mapping[str, int]) -> bool:
    """Whether one exercise's counts can be true (the schema cannot say this).

    Examples
    --------
    >>> consistent({"attempts": 3, "questions": 2, "first_try": 1, "correct": 2})
    True
    >>> consistent({"attempts": 1, "questions": 2, "first_try": 3, "correct": 0})
    False
    """
    questions = exercise["questions"]
    mistakes = sum(m["count"] for m in exercise.get("mistakes", ()))
    return (
        exercise["first_try"] <= exercise["correct"] <= questions <= exercise["attempts"]
        and mistakes <= exercise["attempts"] - exercise["first_try"]
    )


# --------------------------------------------------------------------------
# one student's record: what the widgets of this Python session judged
# --------------------------------------------------------------------------


def matched_case(group: answers.Group, check: answers.Check, typed: Mapping[str, Any]):
    """The index of the :class:`~cnn_utils.answers.Case` whose message
    :func:`~cnn_utils.answers.judge` tells for ``typed``; None when the answer is
    right or cannot be read (a hint).

    Follows judge's steps (read every field, find the wrong ones, the first case
    that applies); a test checks that the chosen case's message is judge's.

    Examples
    --------
    >>> from cnn_utils.answers import Case, Check, Group, NumberField
    >>> group = Group("main", (NumberField("main", "값"),))
    >>> check = Check({"main": 14}, "정답", (Case("덧셈만", equal=(("main", 9),)), Case("아님")))
    >>> matched_case(group, check, {"main": "9"}), matched_case(group, check, {"main": "1"})
    (0, 1)
    >>> matched_case(group, check, {"main": "14"}) is None
    True
    """
    values = {}
    for f in group.fields:
        read = f.read(typed.get(f.key))
        if not read.ok:
            return None
        values[f.key] = read.value
    wrong = {k for k, v in values.items() if not answers.same(v, check.answer[k], check.within)}
    if not wrong:
        return None
    return next(k for k, case in enumerate(check.cases) if case.applies(values, wrong))


def mistake_id(group: str, case: answers.Case, index: int) -> str | None:
    """The name a results file gives a wrong-answer case; None for the catch-all case.

    A case that names its mistake (``Case.mistake``) is named by it. Otherwise a case names a
    slip by its condition: a chosen option (``equal`` to text) by the group and
    the option; a typical number (``equal`` to a number, which changes with the
    problem) by the group and the case's place in the check; a wrong field
    (``wrong``) by the group and the fields. A case for every other wrong
    answer names no mistake.

    Examples
    --------
    >>> from cnn_utils.answers import Case
    >>> mistake_id("main", Case("가로선", equal=(("main", "horizontal"),)), 0)
    'main:main=horizontal'
    >>> mistake_id("conv1", Case("절편", equal=(("conv1", 288),)), 0)
    'conv1#0'
    >>> mistake_id("main", Case("자리", wrong=("row", "col")), 0)
    'main:wrong=row,col'
    >>> mistake_id("main", Case("아쉽습니다."), 1) is None
    True
    >>> slip = Case("채널", equal=(("conv2", 640),), mistake="입력 채널을 곱하지 않음")
    >>> mistake_id("conv2", slip, 1)
    '입력 채널을 곱하지 않음'
    """
    if case.mistake:
        return case.mistake
    if case.equal:
        if all(isinstance(v, str) for _, v in case.equal):
            return f"{group}:" + "&".join(f"{k}={v}" for k, v in case.equal)
        return f"{group}#{index}"
    if case.wrong:
        return f"{group}:wrong=" + ",".join(case.wrong)
    return None


@dataclass
class Progress:
    """What one exercise's widgets judged in this session (hints are not counted)."""

    first: dict = field(default_factory=dict)  # question -> right at its first judged answer
    solved: set = field(default_factory=set)  # questions answered right at some try
    attempts: int = 0
    mistakes: dict = field(default_factory=dict)  # id -> [message, count]

    def add(self, question, correct: bool, mistake: str | None, message: str) -> None:
        self.attempts += 1
        self.first.setdefault(question, correct)
        if correct:
            self.solved.add(question)
        if mistake:
            entry = self.mistakes.setdefault(mistake, [_first_line(message), 0])
            entry[1] += 1

    def data(self) -> dict:
        """The exercise's entry in a results file."""
        return {
            "attempts": self.attempts,
            "questions": len(self.first),
            "first_try": sum(self.first.values()),
            "correct": len(self.solved),
            "mistakes": [
                {"id": k, "message": message, "count": count}
                for k, (message, count) in sorted(self.mistakes.items())
            ],
        }


def _first_line(message: str) -> str:
    return message.split("\n", 1)[0][:MESSAGE_LIMIT]


#: The session's record: exercise key -> :class:`Progress` (filled by :func:`judged`).
SESSION: dict[str, Progress] = {}


def judged(
    key: str,
    question,
    group: answers.Group,
    check: answers.Check,
    typed: Mapping[str, Any],
    feedback: answers.Feedback,
    session: dict | None = None,
) -> None:
    """Remember a judged answer: :class:`cnn_utils.widgets.ExerciseWidget` calls this.

    Examples
    --------
    >>> from cnn_utils.answers import Case, Check, Feedback, Group, NumberField
    >>> group = Group("main", (NumberField("main", "값"),))
    >>> check = Check({"main": 14}, "정답", (Case("덧셈만", equal=(("main", 9),)), Case("아님")))
    >>> session = {}
    >>> judged("demo", 0, group, check, {"main": "9"}, Feedback(False, "덧셈만"), session)
    >>> judged("demo", 0, group, check, {"main": "14"}, Feedback(True, "정답"), session)
    >>> session["demo"].data()
    {'attempts': 2, 'questions': 1, 'first_try': 0, 'correct': 1, 'mistakes': [{'id': 'main#0', 'message': '덧셈만', 'count': 1}]}
    """  # noqa: E501 (doctest output)
    if feedback.correct is None:
        return
    session = SESSION if session is None else session
    mistake = None
    if not feedback.correct:
        index = matched_case(group, check, typed)
        if index is not None:
            mistake = mistake_id(group.key, check.cases[index], index)
    progress = session.setdefault(key, Progress())
    progress.add(question, bool(feedback.correct), mistake, feedback.message)


def record(session: Mapping[str, Progress] | None = None, name: str | None = None) -> dict:
    """One student's results file (a dict): ``name`` (a name or a student number, optional),
    this edition, and every exercise of ``session`` (default: this Python session's).

    Examples
    --------
    >>> data = record({}, name=" 홍길동 ")
    >>> data["format"], data["version"], data["name"], data["reader"], data["exercises"]
    ('cnn-fashion-book-results', 1, '홍길동', 'notebook', {})
    """
    session = SESSION if session is None else session
    data = {"format": FORMAT, "version": VERSION, "edition": __version__}
    if name is not None and str(name).strip():
        name = str(name).strip()
        limit = schema()["properties"]["name"]["maxLength"]
        if len(name) > limit:
            raise ValueError(f"name must be at most {limit} characters, got {len(name)}")
        data["name"] = name
    saved = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    data |= {"reader": "notebook", "saved": saved}
    data["exercises"] = {key: progress.data() for key, progress in session.items()}
    return data


def file_name(name: str | None = None) -> str:
    """The file :func:`save` writes: ``수업결과-<name>.json`` (only letters, digits, - and _).

    Examples
    --------
    >>> file_name("홍길동"), file_name("../a b"), file_name()
    ('수업결과-홍길동.json', '수업결과-a_b.json', '수업결과.json')
    """
    safe = re.sub(r"[^\w-]+", "_", (name or "").strip()).strip("_")[:40]
    return f"수업결과-{safe}.json" if safe else "수업결과.json"


def save(name: str | None = None, path: str | os.PathLike | None = None) -> Path:
    """Write this session's results file and return its path; in Colab, offer the download.

    ``name``: the student's name or student number (optional, kept in the file).
    ``path``: where to write (default :func:`file_name` in the current folder).
    """
    data = record(name=name)
    target = Path(path) if path is not None else Path(file_name(name))
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    done = sum(1 for e in data["exercises"].values() if e["questions"])
    print(f"결과 파일을 저장했습니다: {target} (연습 {done}개)")
    if in_colab():
        try:
            from google.colab import files
        except ImportError:  # a runtime without the module: the file is still written
            files = None
        if files is not None:
            files.download(str(target))
    return target


def main(argv: list[str] | None = None) -> int:
    """``python -m cnn_utils.results report ...``: the instructor's report
    (:func:`cnn_utils.report.main`)."""
    from cnn_utils import report

    return report.main(argv)


if __name__ == "__main__":
    sys.exit(main())
