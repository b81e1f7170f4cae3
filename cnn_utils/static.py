"""Kernel-less forms of the exercises, for the web book and its PDF.

In the published HTML book no kernel answers an exercise's buttons. So when a
chapter runs, every exercise widget also puts a *static form* into its output
(mime type :data:`STATIC_MIME`, which Jupyter, JupyterLab and Colab ignore and
keep showing the live widget). The book build (``_ext/book_assets.py``) shows
that form instead of the widget. It carries a bank of problems whose
answers and feedback were made here, by calling the very checkers of
:mod:`cnn_utils.exercises`; one small generic script served by the book
(``_static/cnn-exercises.js``) only reads the typed number, compares and shows.

A checker is a function from the typed text to :class:`~cnn_utils.exercises.Feedback`.
:func:`text_check` probes it once per problem: the hints for an empty box, a
non-number, a non-integer, a number out of range; the feedback for the right
answer; the feedback for a wrong answer, as a template in which the typed number
is put back; and it verifies the template against the checker on sample
answers, raising ValueError when the feedback cannot be reproduced.

Introduced for the web book (issue 11); every chapter's exercise uses it.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Callable, Iterable, Sequence

from cnn_utils import exercises as ex

#: Mime type of an exercise's static form (an HTML string).
STATIC_MIME = "text/vnd.cnn-book.exercise+html"

#: Placeholders the browser script fills in: the typed text, the typed number.
RAW = "\u27earaw\u27eb"
VALUE = "\u27eavalue\u27eb"
VALUE_COMMAS = "\u27eavalue,\u27eb"

#: The link the book build replaces with the chapter's "open in Colab" address.
COLAB_HREF = "#cnn-colab"

Checker = Callable[[str], ex.Feedback]


def _text(value: float) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def render_value(template: str, value: float) -> str:
    """Put a typed number into a feedback template, as the browser script does.

    Examples
    --------
    >>> render_value("아쉽습니다. \u27eavalue,\u27eb이(가) 아닙니다.", 18496)
    '아쉽습니다. 18,496이(가) 아닙니다.'
    >>> render_value("(\u27eavalue\u27eb)", -3)
    '(-3)'
    """
    return template.replace(VALUE_COMMAS, f"{int(value):,}").replace(VALUE, _text(value))


def number_rule(
    integer: bool = True, minimum: float | None = None, maximum: float | None = None
) -> dict:
    """How :func:`cnn_utils.exercises.parse_number` reads a box, as data for the browser.

    The hints are plain text here (the browser test compares them with
    ``parse_number``); :func:`text_check` uses the checker's own HTML ones.

    Examples
    --------
    >>> rule = number_rule(minimum=0)
    >>> rule["integer"], rule["minimum"], rule["hints"]["min"]
    (True, 0, '0 이상의 수를 입력하세요.')
    """

    def hint(text):
        return ex.parse_number(text, integer=integer, minimum=minimum, maximum=maximum).hint

    hints = {
        "empty": hint(""),
        "nan": hint(RAW),
        "comma": hint(RAW + ",1").replace(RAW + ",1", RAW),
        "long": hint("1" * 16),
    }
    if integer:
        hints["int"] = hint("0.5" if minimum is None or minimum <= 0.5 else _text(minimum + 0.5))
    if minimum is not None:
        hints["min"] = hint(_text(minimum - 1))
    if maximum is not None:
        hints["max"] = hint(_text(maximum + 1))
    return {"integer": integer, "minimum": minimum, "maximum": maximum, "hints": hints}


def _bound(accepted: Callable[[int], bool], inside: int, outside: int) -> int:
    """The last accepted integer going from ``inside`` (accepted) towards ``outside`` (not)."""
    while abs(outside - inside) > 1:
        middle = (inside + outside) // 2
        inside, outside = (middle, outside) if accepted(middle) else (inside, middle)
    return inside


def probe_rule(check: Checker, answer: float) -> dict:
    """Find how a checker reads numbers (integer? range?) and its hints, as HTML.

    Examples
    --------
    >>> p = ex.size_problem(6)
    >>> rule = probe_rule(lambda t: ex.check_size_answer(p, t), p.answer)
    >>> rule["integer"], rule["minimum"], rule["maximum"]
    (True, 0, 10000)
    """

    def accepted(v):
        return check(str(v)).correct is not None

    start = int(answer)
    if not accepted(start):
        raise ValueError(f"answer must be accepted by the checker, got {answer!r}")
    far = 10**15
    minimum = None if accepted(-far) else _bound(accepted, start, -far)
    maximum = None if accepted(far) else _bound(accepted, start, far)
    half = start + 0.5 if maximum is None or start + 0.5 <= maximum else start - 0.5
    integer = check(_text(half)).correct is None
    hints = {
        "empty": check("").html(),
        "nan": check(RAW).html(),
        "comma": check(RAW + ",1").html().replace(RAW + ",1", RAW),
        "long": check("1" * 16).html(),
    }
    if integer:
        hints["int"] = check(_text(half)).html()
    if minimum is not None:
        hints["min"] = check(str(minimum - 1)).html()
    if maximum is not None:
        hints["max"] = check(str(maximum + 1)).html()
    return {"integer": integer, "minimum": minimum, "maximum": maximum, "hints": hints}


def _samples(rule: dict, answer: float, sign: int, avoid: Sequence[float]) -> list[float]:
    """Wrong answers of one sign (0 counts as +) inside the rule's range, big ones first."""
    low = rule["minimum"] if rule["minimum"] is not None else -(10**6)
    high = rule["maximum"] if rule["maximum"] is not None else 10**6
    low, high = (max(low, 0), high) if sign > 0 else (low, min(high, -1))
    if low > high:
        return []
    picks = [4321, 98765, 1234, 7, 2, 13, 57, 10, 0]
    values = [sign * v for v in picks if low <= sign * v <= high]
    values += [low, high, (low + high) // 2]
    if not rule["integer"]:
        values += [v + 0.25 for v in values if low <= v + 0.25 <= high]
    return [
        v
        for v in dict.fromkeys(values)
        if not any(math.isclose(v, a, abs_tol=1e-6) for a in (answer, *avoid))
    ]


def _template(check: Checker, values: Sequence[float]) -> str:
    """The wrong-answer feedback with the typed number replaced by a placeholder."""
    first, *others = values
    message = check(_text(first)).html()
    candidates = [message]
    for token, slot in ((f"{int(first):,}", VALUE_COMMAS), (_text(first), VALUE)):
        if float(first).is_integer() and message.count(token) == 1:
            candidates.append(message.replace(token, slot))
    for template in candidates:
        if all(render_value(template, v) == check(_text(v)).html() for v in others):
            return template
    raise ValueError(
        f"cannot make a static form: the feedback to {first!r} depends on the answer "
        "in a way a template cannot reproduce"
    )


def text_check(
    check: Checker, answer: float, *, special: Iterable[float] = (), rule: dict | None = None
) -> dict:
    """The static data of one typed-answer check, verified against ``check``.

    ``special`` lists wrong answers with their own feedback (a typical slip).

    Examples
    --------
    >>> p = ex.multiply_sum_problem(0)
    >>> data = text_check(lambda t: ex.check_multiply_sum(p, t), p.answer)
    >>> render_value(data["wrong"]["-"], -7) == ex.check_multiply_sum(p, "-7").html()
    True
    """
    rule = rule or probe_rule(check, answer)
    right = check(_text(answer))
    if right.correct is not True:
        raise ValueError(f"answer {answer!r} is not accepted as right by the checker")
    special = [float(v) for v in special]
    wrong = {}
    for sign, key in ((1, "+"), (-1, "-")):
        values = _samples(rule, answer, sign, special)
        if len(values) >= 2:
            wrong[key] = _template(check, values)
    return {
        "type": "number",
        "rule": rule,
        "answer": float(answer),
        "right": right.html(),
        "wrong": wrong,
        "special": [[float(v), check(_text(v)).html()] for v in special],
    }


def fixed_check(feedback: ex.Feedback) -> dict:
    """A check that says the same thing whatever is typed (e.g. at the last step)."""
    return {"type": "fixed", "html": feedback.html()}


def choice_check(
    check: Callable[[str], ex.Feedback], choices: Iterable[str], *, figure: dict | None = None
) -> dict:
    """The static data of a multiple-choice check: the feedback for every choice.

    ``figure`` (see :func:`figure_data`) replaces the exercise's figure once answered.
    """
    return {
        "type": "choice",
        "responses": {c: check(c).html() for c in choices},
        "figure": figure or {},
    }


def figure_data(fig, alt: str) -> dict:
    """A matplotlib figure as a PNG data URI with its Korean alt text (the figure is closed)."""
    import base64
    import io

    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=80, bbox_inches="tight")
    plt.close(fig)
    return {
        "src": "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii"),
        "alt": alt,
    }


# --------------------------------------------------------------------------
# the HTML of a static form
# --------------------------------------------------------------------------


def _button(
    text: str, attrs: str, label: str | None = None, *, before: str = "", after: str = ""
) -> str:
    """A button; ``label`` (its accessible name) must contain the visible ``text``.

    ``before``/``after`` are arrows, hidden from screen readers.
    """
    aria = f' aria-label="{html.escape(label)}"' if label else ""
    before = f'<span aria-hidden="true">{before} </span>' if before else ""
    after = f'<span aria-hidden="true"> {after}</span>' if after else ""
    return (
        f'<button type="button" class="cnn-ex-button" {attrs}{aria}>'
        f"{before}{html.escape(text)}{after}</button>"
    )


def _answer_row(key: str, placeholder: str, label: str, check_label: str = "확인") -> str:
    return (
        f'<div class="cnn-ex-row"><input type="text" inputmode="decimal" autocomplete="off" '
        f'class="cnn-ex-input" data-cnn-answer="{key}" placeholder="{html.escape(placeholder)}" '
        f'aria-label="{html.escape(label)}">'
        + _button(check_label, f'data-cnn-check="{key}"', f"{label} 확인")
        + "</div>"
    )


def render(bank: dict) -> str:
    """The static form of an exercise from its bank (see the widgets' ``static_bank``).

    Shows the first problem without any script (the PDF, a reader without
    JavaScript); ``_static/cnn-exercises.js`` makes the controls answer.
    """
    problems = bank.get("problems", [])
    first = problems[0] if problems else {}
    parts = [
        f'<div class="cnn-exercise" data-cnn-exercise role="group" '
        f'aria-label="연습: {html.escape(bank["title"])}">',
        f'<p class="cnn-ex-title"><b>연습: {html.escape(bank["title"])}</b></p>',
    ]
    if bank.get("notice"):
        parts.append(f'<p class="cnn-ex-notice">{bank["notice"]}</p>')
    if bank.get("intro"):
        parts.append(f'<div class="cnn-ex-intro">{bank["intro"]}</div>')
    if problems:
        parts.append(
            '<div class="cnn-ex-statement" data-cnn-slot="statement">'
            f"{first.get('statement', '')}</div>"
        )
    if bank.get("nav") == "steps":
        parts.append(
            '<div class="cnn-ex-row">'
            + _button("이전", 'data-cnn-nav="-1"', before="◀")
            + f'<span class="cnn-ex-step" data-cnn-slot="step">단계 1/{len(problems)}</span>'
            + _button("다음", 'data-cnn-nav="1"', after="▶")
            + "</div>"
        )
    figure = first.get("figure")
    if figure:
        parts.append(
            f'<img class="cnn-ex-figure" data-cnn-slot="figure" src="{figure["src"]}" '
            f'alt="{html.escape(figure["alt"])}">'
        )
    controls = bank.get("controls", {})
    for select in controls.get("selects", []):
        options = "".join(
            f'<option value="{html.escape(v)}">{html.escape(t)}</option>'
            for v, t in select["options"]
        )
        parts.append(
            f'<label class="cnn-ex-row">{html.escape(select["label"])} '
            f'<select data-cnn-param="{select["name"]}">{options}</select></label>'
        )
    if "answer" in controls:
        a = controls["answer"]
        parts.append(_answer_row("main", a["placeholder"], a["label"]))
    for row in controls.get("rows", []):
        parts.append(
            f'<div class="cnn-ex-item"><p>{row["html"]}</p>'
            + _answer_row(row["key"], row["placeholder"], row["label"])
            + f'<div class="cnn-ex-result" data-cnn-result="{row["key"]}"></div></div>'
        )
    if controls.get("choices"):
        parts.append(
            '<div class="cnn-ex-row">'
            + "".join(
                _button(text, f'data-cnn-choice="{html.escape(value)}" data-cnn-check="main"')
                for value, text in controls["choices"]
            )
            + "</div>"
        )
    if bank.get("nav") == "new":
        parts.append(
            '<div class="cnn-ex-row">'
            + _button("새 문제", 'data-cnn-nav="new"', f"새 문제 (문제 {len(problems)}개)")
            + "</div>"
        )
    if problems:
        parts.append(
            '<div class="cnn-ex-feedback" data-cnn-slot="feedback" aria-live="polite"></div>'
        )
    if bank.get("score"):
        parts.append(
            f'<div class="cnn-ex-score" data-cnn-slot="score">'
            f"{bank['score'].replace(RAW, '0').replace(VALUE, '0')}</div>"
        )
    if problems:
        data = {k: bank[k] for k in ("nav", "score") if bank.get(k)}
        data["problems"] = problems
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
        parts.append(f'<script type="application/json" data-cnn-bank>{text}</script>')
    parts.append("</div>")
    return "\n".join(parts)


def score_template() -> str:
    """:class:`cnn_utils.exercises.Score` as text with placeholders (right: RAW, tried: VALUE)."""
    right, tried = 700001, 700002
    text = str(ex.Score(correct=right, attempted=tried))
    if text.count(str(right)) != 1 or text.count(str(tried)) != 1:
        raise ValueError(f"cannot make a score template from {text!r}")
    return html.escape(text).replace(str(right), RAW).replace(str(tried), VALUE)


def colab_notice(subject: str) -> str:
    """The Korean note an explorer shows in the web book, linking to Colab.

    ``subject`` is the explorer with its particle, e.g. ``"이 탐색기는"``.
    """
    return (
        f"{html.escape(subject)} 노트북을 실행해야 움직입니다. 이 웹 책에서는 아래 예시만 볼 수 "
        f'있습니다. <a href="{COLAB_HREF}" class="cnn-ex-colab">Colab에서 이 장을 열어</a> 직접 '
        "바꿔 보세요."
    )


__all__ = [
    "COLAB_HREF",
    "RAW",
    "STATIC_MIME",
    "VALUE",
    "VALUE_COMMAS",
    "choice_check",
    "colab_notice",
    "figure_data",
    "fixed_check",
    "number_rule",
    "probe_rule",
    "render",
    "render_value",
    "score_template",
    "text_check",
]
