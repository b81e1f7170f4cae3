"""Every figure a chapter shows is sharp and legible in the web book's column at 1280 px.

Each figure carries its measurement in its output's metadata (cnn_utils.viz.display,
written when the chapter runs): the smallest text it draws, its dots per inch and pixel
size. Read from the committed chapters, as the web book shows them: a figure fails when
its smallest text is below ``MIN_TEXT_PX`` CSS pixels once the page has fitted it to the
column, or when it has fewer than ``DENSITY`` image pixels per CSS pixel. Figures of cells
the book removes (``remove-cell``: the lecture decks' versions) are the deck test's.
"""

from __future__ import annotations

import pytest

from benchmarks.figure_sizes import book_figures
from cnn_utils.viz import display
from tests.helpers import CHAPTER_NOTEBOOKS

FIGURES = [figure[:3] for notebook in CHAPTER_NOTEBOOKS for figure in book_figures(notebook)]


def test_every_chapter_with_figures_is_measured():
    chapters = {where.split()[0] for where, _, _ in FIGURES}
    assert len(FIGURES) >= 30 and len(chapters) == len(CHAPTER_NOTEBOOKS), sorted(chapters)


@pytest.mark.parametrize(
    "where,kind,metadata", FIGURES, ids=[f"{where} {kind}" for where, kind, _ in FIGURES]
)
def test_figure_is_sharp_and_its_text_legible_at_1280(where, kind, metadata):
    shown = metadata.get(kind, {})
    record = shown.get(display.METADATA_KEY)
    assert record is not None, (
        f"{where}: {kind} has no measurement; was the chapter run after cnn_utils.setup()?"
    )
    if kind != "image/svg+xml":
        assert record["px"][0] >= display.DENSITY * shown["width"], (
            f"{where}: {record['px'][0]} px drawn for {shown['width']} px shown"
        )
    text = display.shown_text_px(record, shown["width"])  # benchmarks/figure_sizes.py prints it
    assert text >= display.MIN_TEXT_PX, (
        f"{where}: smallest text {text:.1f} px at 1280 px "
        f"({record['min_text_pt']} pt, {shown['width']} px wide, column "
        f"{display.BOOK_COLUMN_PX} px)"
    )


@pytest.mark.slow  # draws 24 figures
def test_exercise_figures_are_sharp_and_legible_as_the_book_shows_them():
    """The pictures exercises carry (chapter 08's filter reading: before and after it is
    solved) are drawn as the book's figures are: twice their shown size, measured."""
    import numpy as np

    from cnn_utils import exercises

    reading = exercises.filter_reading(seed=2, image=np.tril(np.ones((28, 28))))
    pictures = [
        figure
        for problem in reading.problems
        for figure in (problem.figure, problem.solved_figure)
        if figure is not None
    ]
    assert len(pictures) == 2 * len(reading.problems)
    for figure in pictures:
        assert figure.width and figure.record["px"][0] >= display.DENSITY * figure.width
        text = display.shown_text_px(figure.record, figure.width)
        assert text >= display.MIN_TEXT_PX, (figure.alt, text)
