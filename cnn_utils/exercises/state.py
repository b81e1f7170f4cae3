"""What a student sees of an exercise and how each move changes it: the one state machine.

The widget (:mod:`cnn_utils.widgets`) draws an :class:`ExerciseState`; the web book's script
(``_static/cnn-exercises.js``, its ``machine``) makes the same moves on the exercise's data.
``tests/exercise_states.json`` lists sequences of moves with what each reader must then show,
and ``tests/test_exercise_states.py`` runs it through both.

The rules:

- 새 문제 walks the exercise's problems (the web book's bank) in order, and after the last
  starts again at the first; ◀ 이전 and 다음 ▶ stop at the ends (their buttons are then
  off), 처음부터 goes to the first step.
- Showing a problem, or changing a menu, clears it: the answer boxes, every verdict, the
  picked options, the wrong answers counted for the hints and the solved figure.
- A checked answer is judged with :func:`cnn_utils.answers.judge`: the first wrong answer
  on a problem's group (since it was shown) is told a retry, later ones the worked answer.
- The score counts each question (problem, group, menus) once, by its first verdict; hints
  do not count, and clearing never forgets a question.
- A right answer on a step that moves on (``Check.advance``) shows the next step, with the
  verdict left under its group.
- The solved figure replaces the problem's figure once an answer is right or worked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cnn_utils.answers import ChoiceField, Feedback, Group, Score, judge
from cnn_utils.exercises.description import NUMBERED, STEP, Exercise, Problem

#: The moves of the navigation buttons.
MOVES = ("new", "prev", "next", "restart")


@dataclass
class ExerciseState:
    """An exercise as one student has it in front of them.

    Examples
    --------
    >>> from cnn_utils import exercises as ex
    >>> state = ExerciseState(ex.multiply_sum(seed=0))
    >>> answer = state.check_of("main").answer["main"]
    >>> state.check("main", {"main": str(answer + 1)}).told
    'retry'
    >>> state.check("main", {"main": str(answer + 1)}).told, str(state.score)
    ('worked', '점수: 0 / 1')
    >>> state.go("new"), state.index, state.shown, state.counter()
    (True, 1, {}, '문제 2/12')
    """

    exercise: Exercise
    index: int = 0
    params: dict[str, str] = field(default_factory=dict)
    score: Score = field(default_factory=Score)
    shown: dict[str, Feedback] = field(default_factory=dict)  # group key -> its verdict
    wrong: dict[str, int] = field(default_factory=dict)  # group key -> wrong answers told
    picked: dict[str, tuple[str, bool]] = field(default_factory=dict)  # group -> option, right
    solved: bool = False  # the solved figure is shown

    def __post_init__(self):
        for param in self.exercise.params:
            self.params.setdefault(param.name, param.options[0][0])

    @property
    def problem(self) -> Problem:
        return self.exercise.problems[self.index]

    @property
    def last(self) -> int:
        return len(self.exercise.problems) - 1

    def group(self, key: str) -> Group:
        return next(g for g in self.exercise.groups if g.key == key)

    def check_of(self, key: str):
        """The check of group ``key`` for the menus' values (None: not asked here)."""
        return self.exercise.check(self.problem, key, self.params)

    def asked(self, key: str) -> bool:
        """Whether group ``key`` is asked now (its controls are on)."""
        return self.check_of(key) is not None

    def counter(self) -> str:
        """Which problem or step is shown ("문제 2/12", "단계 3/9"); empty for one problem."""
        label = {"new": NUMBERED, "steps": STEP}.get(self.exercise.nav)
        return label.format(number=self.index + 1, total=self.last + 1) if label else ""

    def can(self, move: str) -> bool:
        """Whether a navigation button does something now (else it is off)."""
        return {
            "new": self.exercise.nav == "new" and self.last > 0,
            "prev": self.exercise.nav == "steps" and self.index > 0,
            "next": self.exercise.nav == "steps" and self.index < self.last,
            "restart": self.exercise.nav == "steps",
        }[move]

    def go(self, move: str) -> bool:
        """Press a navigation button (:data:`MOVES`); False when it does nothing."""
        if not self.can(move):
            return False
        self.index = {
            "new": (self.index + 1) % (self.last + 1),
            "prev": self.index - 1,
            "next": self.index + 1,
            "restart": 0,
        }[move]
        self.clear()
        return True

    def set_param(self, name: str, value: str) -> None:
        """Choose a menu's value: another question of the same problem."""
        self.params[name] = value
        self.clear()

    def clear(self) -> None:
        self.shown, self.wrong, self.picked, self.solved = {}, {}, {}, False

    def question(self, key: str) -> tuple:
        """What the score counts once: the problem, the group, the menus' values."""
        return (self.index, key, tuple(self.params.values()))

    def check(self, key: str, typed) -> Feedback | None:
        """Judge what was typed (or picked) in group ``key``; None when it is not asked."""
        check = self.check_of(key)
        if check is None:
            return None
        group, question = self.group(key), self.question(key)
        feedback = judge(group, check, typed, self.wrong.get(key, 0))
        self.score.record(question, feedback)
        if feedback.correct is False:
            self.wrong[key] = self.wrong.get(key, 0) + 1
        picker = group.fields[0]
        if isinstance(picker, ChoiceField) and not picker.menu and feedback.correct is not None:
            self.picked[key] = (typed[picker.key], bool(feedback.correct))
        if feedback.correct and check.advance and self.index < self.last:
            self.go("next")  # the next step, its figure unsolved
        else:
            self.solved = self.solved or feedback.told in ("right", "worked")
        self.shown[key] = feedback
        return feedback

    def figure(self):
        """The figure shown: the solved one once an answer is right or worked."""
        return (self.solved and self.problem.solved_figure) or self.problem.figure


__all__ = ["MOVES", "ExerciseState"]
