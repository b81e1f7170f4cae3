"""Write the instructor page's list of exercises and their first answers (instructor.md).

    .venv/bin/python -m tools.exercise_table           # rewrite the list in instructor.md
    .venv/bin/python -m tools.exercise_table --check   # exit 1 if instructor.md is stale

It also writes cnn_utils/data/exercises.json: every checked exercise with its chapter and
the slide point (the chapter's section) it sits under, in book order. The instructor's
report (cnn_utils.results) and the web book's 내 진도 page read that list; it is written
here only.

The list is made from the chapters' committed outputs: every exercise's web-book form
carries its description (cnn_utils.static), so the title, what the student does and the
answers of the first problem are read from there, in book order. nbval re-runs every
chapter and compares those outputs with what the exercise functions make now, so the
answers on the page are the ones the exercises check. The list sits between two
markers in instructor.md; the rest of the page is written by hand.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path

from cnn_utils.ops import format_number
from cnn_utils.static import STATIC_MIME
from tools.book import ROOT, chapters

PAGE = ROOT / "instructor.md"
#: The list of checked exercises by chapter and slide point (package data).
EXERCISES = ROOT / "cnn_utils" / "data" / "exercises.json"
START = "<!-- exercise-table: made by tools/exercise_table.py from the chapters; do not edit -->"
END = "<!-- /exercise-table -->"
MISTAKES_START = (
    "<!-- mistakes: made by tools/exercise_table.py from the exercises; do not edit -->"
)
MISTAKES_END = "<!-- /mistakes -->"


def forms(chapter: str, *, where: bool = False) -> list[dict]:
    """The data of every exercise form in a chapter's committed outputs, in order.

    With ``where``, each form also gets ``"chapter_title"`` (the chapter's ``#`` heading)
    and ``"point"`` (the ``##`` section above it: the slide point it checks).
    """
    notebook = json.loads((ROOT / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    found = []
    headings = {"#": "", "##": ""}
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            for line in source.splitlines():
                level, _, text = line.partition(" ")
                if level in headings and text:
                    headings[level] = text.strip()
        for output in cell.get("outputs", []):
            form = output.get("data", {}).get(STATIC_MIME)
            if form:
                text = "".join(form) if isinstance(form, list) else form
                data = re.search(
                    r"<script type=\"application/json\" data-cnn-data>(.*?)</script>", text, re.S
                )
                form = json.loads(data.group(1).replace("<\\/", "</"))
                if where:
                    form |= {"chapter_title": headings["#"], "point": headings["##"]}
                found.append(form)
    return found


def _value(value, field: dict) -> str:
    if field["kind"] == "choice":
        return dict(field["options"])[value]
    if field["kind"] == "shape":
        return "(" + ", ".join(map(str, value)) + ("," if len(value) == 1 else "") + ")"
    return f"{int(value):,}" if float(value).is_integer() else format_number(value, decimals=4)


def first_answers(data: dict) -> str:
    """The first problem's answers as the table shows them."""
    if data.get("kind"):
        return "(정답 없음: 관찰)"
    parts = []
    problems = data["problems"][:2] if data["nav"] == "steps" else data["problems"][:1]
    for number, problem in enumerate(problems):
        for group in data["groups"]:
            checks = [
                c for key, c in problem["checks"].items() if key.split("|")[0] == group["key"]
            ]
            if not checks:
                continue
            fields = {f["key"]: f for f in group["fields"]}
            named = len(data["groups"]) > 1 or len(fields) > 1
            answer = ", ".join(
                (f"{fields[k]['name']} " if named else "") + f"`{_value(v, fields[k])}`"
                for k, v in checks[0]["answer"].items()
            )
            parts.append((f"{number + 1}단계 " if data["nav"] == "steps" else "") + answer)
    return "; ".join(parts)


def table() -> str:
    rows = ["| 연습 | 장 | 학생이 하는 일 | 처음 문제의 답 |", "|---|---|---|---|"]
    for chapter in chapters():
        number = int(Path(chapter).name[:2])
        for data in forms(chapter):
            intro = html.unescape(re.sub(r"<[^>]+>", "", data.get("intro", ""))).replace("|", "\\|")
            rows.append(f"| {data['title']} | {number} | {intro} | {first_answers(data)} |")
    return "\n".join(rows)


def mistakes() -> str:
    """The mistakes the exercises name (their wrong-answer cases' ``mistake``), by exercise.

    Each exercise recognises these slips in every reader and answers them by name; the
    list is made from the same cases, so the page cannot promise one the exercise lacks.
    """
    lines = []
    for chapter in chapters():
        number = int(Path(chapter).name[:2])
        for data in forms(chapter):
            names = []
            for problem in data.get("problems", []):
                for check in problem["checks"].values():
                    names += [c["mistake"] for c in check["cases"] if c.get("mistake")]
            if names:
                listed = " · ".join(dict.fromkeys(names))
                lines.append(f"- **{data['title']}** ({number}장): {listed}")
    return "\n".join(lines)


def _between(text: str, start: str, end: str, body: str) -> str:
    if start not in text or end not in text:
        raise ValueError(f"{PAGE.name} has lost its markers {start!r} ... {end!r}")
    head, rest = text.split(start, 1)
    return f"{head}{start}\n{body}\n{end}{rest.split(end, 1)[1]}"


def exercise_list() -> list[dict]:
    """Every checked exercise (explorers have nothing to judge), once, in book order.

    An exercise shown in two chapters is listed where it first appears.
    """
    listed, seen = [], set()
    for chapter in chapters():
        for data in forms(chapter, where=True):
            if data.get("kind") or data["key"] in seen:
                continue
            seen.add(data["key"])
            listed.append(
                {
                    "key": data["key"],
                    "title": data["title"],
                    "chapter": Path(chapter).name[:2],
                    "page": chapter,
                    "chapter_title": data["chapter_title"],
                    "point": data["point"],
                }
            )
    return listed


def exercise_json() -> str:
    """The text of :data:`EXERCISES`."""
    return json.dumps(exercise_list(), ensure_ascii=False, indent=1) + "\n"


def page(text: str) -> str:
    """``text`` with the generated lists between their markers replaced by current ones."""
    text = _between(text, START, END, table())
    return _between(text, MISTAKES_START, MISTAKES_END, mistakes())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if instructor.md is stale")
    args = parser.parse_args(argv)
    current = PAGE.read_text(encoding="utf-8")
    fresh = page(current)
    listed = exercise_json()
    if args.check:
        if not EXERCISES.exists() or EXERCISES.read_text(encoding="utf-8") != listed:
            print(
                f"{EXERCISES.name} is stale: run `.venv/bin/python -m tools.exercise_table`",
                file=sys.stderr,
            )
            return 1
        if fresh != current:
            print(
                f"{PAGE.name} is stale: run `.venv/bin/python -m tools.exercise_table`",
                file=sys.stderr,
            )
            return 1
        return 0
    if fresh != current:
        PAGE.write_text(fresh, encoding="utf-8")
    if not EXERCISES.exists() or EXERCISES.read_text(encoding="utf-8") != listed:
        EXERCISES.write_text(listed, encoding="utf-8")
    print(f"{PAGE.name}: {table().count(chr(10)) - 1} exercises")
    return 0


if __name__ == "__main__":
    sys.exit(main())
