"""Every chapter's 확인 문제 answer states its answer in the text.

A chapter ends with 확인 문제 (review questions), their answers folded in
dropdowns (``:::{dropdown} 1번 정답``), and one hidden code cell that computes
the numeric answers. The reader of the web book or the PDF sees the dropdown's
text, not the hidden cell, so every number that cell prints must also stand in
the answer of its question, in words (a number only inside ``$math$`` is drawn,
and the PDF's text does not have it). The cell is run here (with ``np`` and ``ops``); a
cell that needs the trained model (chapter 08) is read from its committed
output, which nbval compares with a fresh run when the chapter runs.
"""

from __future__ import annotations

import contextlib
import io
import re

import nbformat
import numpy as np
import pytest

from cnn_utils import ops
from tests.paths import CHAPTER_NOTEBOOKS

_LABEL = re.compile(r"^\s*(\d+)번\s*:\s*")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _numbers(text: str) -> list[str]:
    """The numbers of ``text`` as written without thousands separators (4.0 is 4).

    >>> _numbers("최대 8, 평균 4.0; $12{,}544$ 개, 12,544개, (7, 7, 64)")
    ['8', '4', '12544', '12544', '7', '7', '64']
    """
    plain = text.replace("{,}", ",")
    plain = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", plain)
    return [n[:-2] if n.endswith(".0") else n for n in _NUMBER.findall(plain)]


def dropdowns(source: str) -> list[tuple[set[int], str]]:
    """The answer dropdowns of a markdown text: (question numbers, body).

    >>> text = ":::{dropdown} 1, 2번 정답\\n1번: 3\\n:::\\n\\n"
    >>> dropdowns(text + ":::{dropdown} 3번 정답\\n왜냐하면\\n:::")
    [({1, 2}, '1번: 3'), ({3}, '왜냐하면')]
    """
    found = re.findall(r"^:::\{dropdown\}([^\n]*)정답\n(.*?)\n:::", source, re.M | re.S)
    return [({int(n) for n in re.findall(r"\d+", title)}, body.strip()) for title, body in found]


def answer_for(body: str, question: int) -> str:
    """The part of an answer's ``body`` about ``question``: its 「N번:」 paragraph if it has
    such paragraphs, else the whole body.

    >>> answer_for("1번: 3픽셀입니다.\\n\\n2번: 20×20입니다.", 2)
    '2번: 20×20입니다.'
    >>> answer_for("답은 7입니다.", 1)
    '답은 7입니다.'
    """
    parts = {int(m.group(1)): p for p in re.split(r"\n\s*\n", body) if (m := _LABEL.match(p))}
    return parts.get(question, body) if parts else body


def computed(line: str, index: int) -> tuple[int, list[str]]:
    """The question a line of the hidden cell's output answers, and the numbers of its result.

    A line labelled 「N번:」 answers question N, an unlabelled line the question of its
    position (the first line question 1). The result is what follows the last 「=」 or
    「→」 (a worked line ends with its result), else the whole line.

    >>> computed("OH = (15 + 2×0 - 3) / 2 + 1 = 6 + 1 = 7", 1)
    (2, ['7'])
    >>> computed("1번: (7, 7, 64)", 0)
    (1, ['7', '7', '64'])
    >>> computed("윈도가 멈추는 열: [0, 3, 6] → 특성 맵 3 × 3", 0)
    (1, ['3', '3'])
    """
    label = _LABEL.match(line)
    question = int(label.group(1)) if label else index + 1
    rest = line[label.end() :] if label else line
    result = re.split(r"=|→", rest)[-1]
    return question, _numbers(result)


def missing_answers(markdown: str, output: str) -> list[str]:
    """The computed answers that the answer dropdowns of ``markdown`` do not state.

    >>> missing_answers(":::{dropdown} 1번 정답\\n맨 아래의 숨긴 코드 셀이 계산합니다.\\n:::", "7")
    ['1번: 7']
    >>> missing_answers(":::{dropdown} 1번 정답\\n답은 7입니다.\\n:::", "7")
    []
    >>> missing_answers(":::{dropdown} 1번 정답\\n$3 + 4 = 7$ 입니다.\\n:::", "7")
    ['1번: 7']
    """
    answers = dropdowns(markdown)
    missing = []
    lines = [line for line in output.splitlines() if line.strip()]
    for index, line in enumerate(lines):
        question, numbers = computed(line, index)
        bodies = [answer_for(body, question) for asked, body in answers if question in asked]
        assert len(bodies) == 1, f"{len(bodies)} answers for question {question}"
        # in words, not only inside $math$: the PDF's text and screen readers find it there
        words = re.sub(r"\$[^$]*\$", " ", re.sub(r"^\s*\d+번\s*:", "", bodies[0]))
        stated = _numbers(words)
        missing += [f"{question}번: {n}" for n in numbers if n not in stated]
    return missing


def _review(notebook):
    """The markdown from 확인 문제 on, and the hidden code cell that computes the answers."""
    cells = nbformat.read(notebook, as_version=4).cells
    start = next(
        k for k, c in enumerate(cells) if c.cell_type == "markdown" and "## 확인 문제" in c.source
    )
    markdown = "\n\n".join(c.source for c in cells[start:] if c.cell_type == "markdown")
    code = [c for c in cells[start:] if c.cell_type == "code"]
    assert len(code) == 1 and "hide-cell" in code[0].metadata.get("tags", []), notebook.name
    return markdown, code[0]


def _output(cell) -> str:
    """What the cell prints: run here, or its committed output if it needs the chapter's model."""
    committed = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    if re.search(r"\bmodel\b", cell.source):
        assert committed.strip(), "the answer cell has no committed output"
        return committed
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(cell.source, {"np": np, "ops": ops})
    assert printed.getvalue() == committed, "the committed output is stale"
    return printed.getvalue()


@pytest.mark.parametrize("notebook", CHAPTER_NOTEBOOKS, ids=lambda p: p.stem)
def test_every_computed_answer_is_stated_in_its_answer(notebook):
    markdown, cell = _review(notebook)
    output = _output(cell)
    assert output.strip()
    assert not missing_answers(markdown, output), (notebook.name, output)


@pytest.mark.parametrize("notebook", CHAPTER_NOTEBOOKS, ids=lambda p: p.stem)
def test_every_question_has_an_answer(notebook):
    markdown, _ = _review(notebook)
    questions = re.search(r"## 확인 문제\n+((?:\d+\..*\n?)+)", markdown).group(1)
    asked = {int(n) for n in re.findall(r"^(\d+)\.", questions, re.M)}
    answered = [n for numbers, body in dropdowns(markdown) for n in numbers if body]
    assert sorted(answered) == sorted(asked), notebook.name
