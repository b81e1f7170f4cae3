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

import re

import pytest

from tests.helpers import (
    CHAPTER_NOTEBOOKS,
    answer_cell_output,
    dropdowns,
    missing_answers,
    review_cells,
)


@pytest.mark.parametrize("notebook", CHAPTER_NOTEBOOKS, ids=lambda p: p.stem)
def test_every_computed_answer_is_stated_in_its_answer(notebook):
    markdown, cell = review_cells(notebook)
    output = answer_cell_output(cell)
    assert output.strip()
    assert not missing_answers(markdown, output), (notebook.name, output)


@pytest.mark.parametrize("notebook", CHAPTER_NOTEBOOKS, ids=lambda p: p.stem)
def test_every_question_has_an_answer(notebook):
    markdown, _ = review_cells(notebook)
    questions = re.search(r"## 확인 문제\n+((?:\d+\..*\n?)+)", markdown).group(1)
    asked = {int(n) for n in re.findall(r"^(\d+)\.", questions, re.M)}
    answered = [n for numbers, body in dropdowns(markdown) for n in numbers if body]
    assert sorted(answered) == sorted(asked), notebook.name
