"""The description of an exercise: problems, figures, menus; what every reader renders."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from cnn_utils.answers import Check, Group

#: How many problems the web book's form of an exercise with 새 문제 carries.
BANK = 12


@dataclass(frozen=True)
class Param:
    """A menu that chooses which question of a problem is asked (e.g. a region and a kind)."""

    name: str
    label: str
    options: tuple[tuple[str, str], ...]  # (value, text)


@dataclass(frozen=True)
class Figure:
    """A picture of a problem: a PNG data URI and its Korean description.

    ``width`` is the width it is shown at in CSS pixels (the PNG has twice as many, for
    sharp screens) and ``record`` the measurement of :func:`cnn_utils.viz.display.figure_png`
    (smallest text, dots per inch, pixel size), as every figure of the book carries.
    """

    src: str
    alt: str
    width: int | None = None
    record: dict | None = None


@dataclass(frozen=True)
class Problem:
    """One problem (or one step): its statement (HTML), its checks and figures.

    ``checks`` is keyed by group key, followed by ``|`` and the params' values
    when the exercise has params; a group without a check is not asked.
    """

    statement: str = ""
    checks: Mapping[str, Check] = field(default_factory=dict)
    figure: Figure | None = None
    solved_figure: Figure | None = None  # replaces the figure once any answer is checked

    def data(self) -> dict:
        return {
            "statement": self.statement,
            "checks": {k: c.data() for k, c in self.checks.items()},
            "figure": self.figure and vars(self.figure),
            "solved_figure": self.solved_figure and vars(self.solved_figure),
        }


@dataclass(frozen=True)
class Exercise:
    """An exercise: what every reader (widget, web book, PDF, instructor page) renders.

    ``nav`` is ``"new"`` (새 문제 walks ``problems``, the :data:`BANK` made by
    ``make(seed)`` from ``first_seed`` on, and after the last starts again at the first),
    ``"steps"`` (◀ 이전, 다음 ▶, 처음부터 through ``problems``) or None (one problem).
    Every reader moves through them as :class:`~cnn_utils.exercises.state.ExerciseState`.
    ``submit_all``: one button checks every group. ``example`` is a worked example of
    another problem (HTML).
    """

    key: str
    title: str
    intro: str
    groups: tuple[Group, ...]
    problems: tuple[Problem, ...]
    nav: str | None = None
    make: Callable[[int], Problem] | None = None
    first_seed: int = 0
    params: tuple[Param, ...] = ()
    score: bool = False
    submit_all: bool = False
    example: str = ""

    def problem(self, number: int) -> Problem:
        """The ``number``-th problem (0 first): from ``make`` when there is one, beyond the bank."""
        if self.make is not None:
            return self.make(self.first_seed + number)
        return self.problems[number]

    def check(self, problem: Problem, group: str, params: Mapping[str, str] | None = None):
        """The :class:`Check` of ``group`` for the params' values (None: not asked here)."""
        variant = "".join(f"|{(params or {})[p.name]}" for p in self.params)
        return problem.checks.get(group + variant)

    def data(self) -> dict:
        """Everything the web book's form needs, JSON-serialisable."""
        return {
            "key": self.key,
            "title": self.title,
            "intro": self.intro,
            "nav": self.nav,
            "score": self.score,
            "submit_all": self.submit_all,
            "params": [
                {"name": p.name, "label": p.label, "options": p.options} for p in self.params
            ],
            "groups": [g.data() for g in self.groups],
            "problems": [p.data() for p in self.problems],
            "step": STEP,
            "numbered": NUMBERED,
        }


#: The label of a step (nav "steps").
STEP = "단계 {number}/{total}"
#: The label of a problem of the bank (nav "new").
NUMBERED = "문제 {number}/{total}"
