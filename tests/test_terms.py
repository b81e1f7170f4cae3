"""One word per concept (the terms table of the book's design): the avoided spellings appear
nowhere a reader looks, in the chapters (prose, code, captions, outputs), the glossary, the
intro, the instructor page and the learners' feedback in cnn_utils."""

from __future__ import annotations

import re

import nbformat
import numpy as np
import pytest

from tests.helpers import CHAPTER_NOTEBOOKS, CHAPTERS, ROOT

#: avoided spelling (a regular expression) -> the book's word
AVOIDED = {
    r"(?<![가-힣])창(?=이|을|과|은|의|에|으로|\(|\s|[,.)'\"]|$)": "윈도(window)",
    r"Conv 층": "합성곱 층",
    r"특징 맵": "특성 맵",
    r"수평선": "가로선 (가로 윤곽선 필터)",
    r"수직선": "세로선 (세로 윤곽선 필터)",
    r"샌달": "샌들",
    r"커널 ?(없이|이 없|없는|없어)": "노트북을 실행하지 않는 (웹 책)",
    r"FC 층": "밀집층",
    r"완전 연결층(?<!슬라이드의 FC layer, 완전 연결층)": (
        "밀집층 (처음 한 번만: 슬라이드의 FC layer, 완전 연결층)"
    ),
    r"아웃풋": "출력",
    r"로버스트성": "강건성",
    r"풀링층": "풀링 층",
    r"특성맵": "특성 맵 (슬라이드를 「」로 옮길 때만 특성맵)",
    r"Conv layer|Cov layer": "합성곱 층 (슬라이드를 「」로 옮길 때만)",
    r"conv 필터|conv filter": "합성곱 필터 (슬라이드를 「」로 옮길 때만)",
    r"은닉층": "밀집층 (슬라이드를 「」로 옮길 때만)",
    r"교차 엔트로피": "크로스 엔트로피",
    r"(?<![가-힣])곧 ": "즉 (that is)",
}

PAGES = [ROOT / "glossary.md", ROOT / "intro.md", ROOT / "instructor.md"]
FEEDBACK = sorted((ROOT / "cnn_utils").rglob("*.py"))


def _notebook_texts(path):
    nb = nbformat.read(path, as_version=4)
    for k, cell in enumerate(nb.cells):
        yield f"{path.name} cell {k}", cell.source
        caption = cell.metadata.get("mystnb", {}).get("figure", {}).get("caption")
        if caption:
            yield f"{path.name} cell {k} caption", caption
        for out in cell.get("outputs", []):
            text = out.get("text") or out.get("data", {}).get("text/plain", "")
            yield f"{path.name} cell {k} output", "".join(text)


def _texts():
    for path in CHAPTER_NOTEBOOKS:
        yield from _notebook_texts(path)
    for path in PAGES + FEEDBACK:
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")


def find_avoided(text: str) -> list[str]:
    """The avoided spellings in ``text``, each with the book's word for it.

    A slide quoted in 「」 keeps its own words.
    """
    text = re.sub(r"「[^」\n]*」", "", text)
    found = []
    for pattern, word in AVOIDED.items():
        for match in re.finditer(pattern, text):
            line = text[text.rfind("\n", 0, match.start()) + 1 : text.find("\n", match.end())]
            found.append(f"{match.group(0)!r} (say {word}): {line.strip()[:120]}")
    return found


@pytest.mark.parametrize(
    "text,bad",
    [
        ("창이 움직입니다", True),
        ("밑창의 가로선", False),
        ("윈도가 움직입니다", False),
        ("수평선 필터", True),
        ("커널 없이 재생", True),
        ("케라스의 kernel_size(커널)", False),
        ("밀집층(dense layer; 슬라이드의 FC layer, 완전 연결층)", False),
        ("완전 연결층을 둡니다", True),
        ("샌달", True),
        ("샌들", False),
        ("첫 번째 Conv 층", True),
        ("Conv layer", True),
        ("슬라이드의 「두 번째 Conv layer 통과 후」", False),
        ("아웃풋 이미지", True),
    ],
)
def test_the_checker_finds_the_avoided_spellings(text, bad):
    assert bool(find_avoided(text)) is bad, text


def test_one_word_per_concept_everywhere_a_reader_looks():
    problems = [f"{where}: {p}" for where, text in _texts() for p in find_avoided(text)]
    assert not problems, "\n".join(problems[:40])


def test_the_glossary_defines_the_terms_the_chapters_rely_on():
    glossary = (ROOT / "glossary.md").read_text(encoding="utf-8")
    for term in ("특징", "커널", "절편", "채널", "ReLU", "윈도", "밀집층", "특성 맵"):
        assert re.search(rf"^{re.escape(term)}$", glossary, re.M), term


# ------------------------------------------------------------------------- the chapters' prose

#: In the chapters' Markdown (code spans and 「slide quotations」 aside): avoided -> the book's word
PROSE_AVOIDED = {
    r"(?<![\w.])stride ?=? ?\d": "스트라이드 N",
    r"\bstride를|\bstride가|\bstride는|\bstride의": "스트라이드",
    r"교재": "원래 실습 (『혼자 공부하는 머신러닝+딥러닝』 8-2절; 이 책을 말할 때만 교재)",
    r"크기 공\{eq\}": "크기 공식({eq}`...`)",
    r"이 정도로 그칩니다": "(번역투) 무엇만큼인지 말하기",
    r"아래 문장은 위의 숫자로 만든 것입니다": "(번역투) 아래 문장은 위에서 잰 값으로 만듭니다",
    r"절편\(bias\)을 0으로 두면": "절편을 쓰지 않으면(use_bias=False)",
    r"절편과 ReLU까지 더하면": "절편을 더하고 ReLU를 적용하면",
    r"슬라이드의 코드처럼 두 가지 콜백": "원래 실습처럼 (슬라이드에는 콜백이 없음)",
    r"아래 위젯": "아래 연습 (웹 책에서는 위젯이 아님)",
}
#: A Korean particle split off by a space after bold, a parenthesis or code: "**윈도(window)** 라".
PARTICLE_SPLIT = re.compile(
    r"(\*\*|\)|`) (이라고|라고|이라는|라는|이라|라|이나|이며|이고|이므로|이면|이지만|입니다|"
    r"이다|으로는|으로|로는|로|에서는|에서|에는|에게|에|와는|과는|와|과|은|는|이|가|을|를|의|"
    r"도|만|처럼|보다|까지|부터|마다|뿐)"
    r"(?=[\s.,;:!?)]|$)",
    re.M,
)


def _prose():
    """(where, text) of every Markdown cell, with code spans and 「slide quotations」 removed."""
    for path in CHAPTER_NOTEBOOKS:
        for k, cell in enumerate(nbformat.read(path, as_version=4).cells):
            if cell.cell_type == "markdown":
                text = re.sub(r"`[^`\n]*`|「[^」\n]*」", "", cell.source)
                yield f"{path.name} cell {k}", text


def test_the_chapters_prose_uses_the_books_words():
    problems = []
    for where, text in _prose():
        for pattern, word in PROSE_AVOIDED.items():
            for match in re.finditer(pattern, text):
                problems.append(f"{where}: {match.group(0)!r} (say {word})")
    assert not problems, "\n".join(problems[:40])


def test_particles_stay_with_their_word():
    """'**윈도**(window)라', not '**윈도(window)** 라': fewer than 5 left in all the chapters."""
    found = [
        f"{where}: {text[max(0, m.start() - 20) : m.end()]!r}"
        for where, text in _prose()
        for m in PARTICLE_SPLIT.finditer(text)
    ]
    assert len(found) < 5, f"{len(found)} particles split off by a space:\n" + "\n".join(found[:40])


def test_feedback_chooses_particles_and_writes_negatives_plainly():
    """Every exercise's wrong-answer messages, for many typed numbers: no 이(가), no (-5)이."""
    from cnn_utils import answers
    from cnn_utils import exercises as ex

    made = [getattr(ex, name)() for name in ex.__all__ if name[0].islower()
            and name not in ("typed", "matrix_html", "worked_sum", "layer_keys", "parse_filter",
                             "preset_texts", "explorer_note", "explore_sizes", "figure_data",
                             "filter_response", "describe_filter_response", "read_filter",
                             "size_grid_html", "pooled_value", "sliding",
                             "stride_steps", "channel_sums", "strongest_channel")]  # fmt: skip
    for exercise in made:
        for group in exercise.groups:
            for key, check in exercise.problems[0].checks.items():
                if key.split("|")[0] != group.key or not isinstance(
                    group.fields[0], answers.NumberField
                ):
                    continue
                for typed in ("-5", "2", "7", "10", "3.5", "1,234"):
                    entry = {k: str(v) for k, v in check.answer.items()} | {
                        group.fields[0].key: typed
                    }
                    message = answers.judge(group, check, entry).message
                    wrong = r"이\(가\)|은\(는\)|을\(를\)|\(-[\d.,]+\)[이가은는을를]"
                    assert not re.search(wrong, message), (
                        exercise.key,
                        message,
                    )


#: A number followed by a particle, in what a chapter prints or says: "0.11는", "3×3이".
NUMBER_PARTICLE = re.compile(
    r"(?<![\w./])([+-]?\d[\d,]*(?:\.\d+)?)(으로|은|는|이|가|을|를|과|와|로)(?![가-힣])"
)
_PARTICLE_KIND = {"은": "은", "는": "은", "이": "이", "가": "이", "을": "을", "를": "을"}
_PARTICLE_KIND |= {"과": "과", "와": "과", "으로": "으로", "로": "으로"}


def test_particles_after_printed_numbers_follow_how_the_number_is_read():
    """'+0.11은' (영점 일일), not '+0.11는': in the prose and in every committed output."""
    from cnn_utils import answers

    problems = []
    for path in CHAPTER_NOTEBOOKS:
        for k, cell in enumerate(nbformat.read(path, as_version=4).cells):
            texts = [cell.source] if cell.cell_type == "markdown" else []
            for out in cell.get("outputs", []):
                texts += [out.get("text", ""), out.get("data", {}).get("text/plain", "")]
            for text in texts:
                for m in NUMBER_PARTICLE.finditer(text):
                    number, said = m.groups()
                    right = answers.particle(number, _PARTICLE_KIND[said])
                    if right != said:
                        problems.append(f"{path.name} cell {k}: {m.group(0)!r} (say {right})")
    assert not problems, "\n".join(problems[:30])


#: A counter word written apart from the numeral before it: 「9 곳」 for 「9곳」.
DETACHED_COUNTER = re.compile(r"(?<![\w.])\d[\d,]* (개|곳|번|칸|장|층|가지|배)(?![가-힣])")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("모두 9 곳", ["9 곳"]),
        ("필터 8개 -> 맵 8 개", ["8 개"]),
        ("모두 9곳, 3 번째", []),
        ("층 2 개수", []),
    ],
)
def test_the_counter_check_finds_a_detached_counter(text, found):
    assert [m.group(0) for m in DETACHED_COUNTER.finditer(text)] == found


def test_counters_stay_with_the_numbers_the_chapters_print():
    """With Arabic numerals a counter is written on: 「9곳」, 「필터 8개」, as in the prose."""
    problems = []
    for path in CHAPTER_NOTEBOOKS:
        for k, cell in enumerate(nbformat.read(path, as_version=4).cells):
            for out in cell.get("outputs", []):
                for text in (out.get("text", ""), out.get("data", {}).get("text/plain", "")):
                    problems += [
                        f"{path.name} cell {k}: {m.group(0)!r}"
                        for m in DETACHED_COUNTER.finditer("".join(text))
                    ]
    assert not problems, "\n".join(problems[:30])


def test_the_books_other_pages_keep_particles_with_their_word():
    """intro, glossary, instructor and changelog: '**절편**을', not '**절편** 을' (none left)."""
    found = []
    for page in [*PAGES, ROOT / "changelog.md"]:
        text = re.sub(r"「[^」\n]*」", "", page.read_text(encoding="utf-8"))
        for m in PARTICLE_SPLIT.finditer(text):
            if text[m.start() - 1] != ".":  # "**판(edition).** 이 책은": a sentence, not a particle
                found.append(f"{page.name}: {text[max(0, m.start() - 20) : m.end()]!r}")
    assert not found, "\n".join(found)


def test_the_glossary_names_the_chapter_where_each_term_first_appears():
    """Each entry ends with the chapter that first refers to it ({term}`X` or {term}`text <X>`),
    in book order; a term no chapter refers to names the chapter it belongs to and is skipped."""
    glossary = (ROOT / "glossary.md").read_text(encoding="utf-8")
    entries = re.findall(r"^(\S[^\n]*)\n  [^\n]*\{doc\}`(chapters/[^`]+)`$", glossary, re.M)
    assert len(entries) > 20, "the glossary's entries were not found"
    sources = {c: (ROOT / f"{c}.ipynb").read_text(encoding="utf-8") for c in CHAPTERS}
    wrong = []
    for term, named in entries:
        pattern = re.compile(rf"\{{term\}}`(?:{re.escape(term)}|[^`<]*<{re.escape(term)}>)`")
        first = next((c for c in CHAPTERS if pattern.search(sources[c])), None)
        if first is not None and first != named:
            wrong.append(f"{term}: glossary says {named}, first used in {first}")
    assert not wrong, "\n".join(wrong)


#: What may follow a word without a space and still start with a particle or copula: 「$x$입니다」,
#: 「$S$씩」, 「**한쪽**에서만」, 「잴 때**뿐입니다」, 「**스케일**하고」.
_PARTICLE_STEM = (
    r"입니다|이고|이므로|이라|이면|일 때|이지만|이며|씩|에서|뿐|"
    r"까지|부터|마다|처럼|합니다|하고|되는|되어|으로는|로는"
)
#: A one-syllable particle, which must end there (「$S$ 이동」 is not one).
_PARTICLE_WORD = r"(?:로|으로|을|를|이|가|은|는|와|과|에|의|도|만)(?=[\s.,;:)!?]|$)"
#: A particle written apart from what it follows: math ('$S$ 를', '$4 \\times 4$ 곳', '$S$ 칸씩'),
#: a quoted label ("'새 문제' 로"), closing bold ('**한쪽** 에서만'; not '**판.** 이 책은') or a
#: number ('3×3 입니다', '7 로'). After math a counter (개, 곳, 번, 배, 칸) is written on too.
DETACHED_PARTICLE = re.compile(
    rf"\$[^$\n]+\$ (?:{_PARTICLE_STEM}|개|곳|번|배|칸|{_PARTICLE_WORD})"
    rf"|(?:'[^'\n]{{1,20}}'|(?<=[^\s.!?:])\*\*) (?:{_PARTICLE_STEM}|{_PARTICLE_WORD})"
    rf"|(?<![\w.$])\d[\d,.]*(?:×\d[\d,.]*)* (?:{_PARTICLE_STEM}|(?:로|으로)(?=[\s.,;:)!?]|$))",
    re.M,
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the editor's findings (issue 35)
        ("더하면 $2\\times1 + 5\\times1$ 입니다.", ["$2\\times1 + 5\\times1$ 입니다"]),
        ("$S$ 칸씩 건너뛰는 윈도", ["$S$ 칸"]),
        ("$5 - 3 + 1 = 3$ 곳이라서", ["$5 - 3 + 1 = 3$ 곳"]),
        ("$S = 1$이면 $OH$ 는?", ["$OH$ 는"]),
        ("가로 윤곽선의 **한쪽** 에서만 밝습니다", ["** 에서"]),
        ("**기준으로 잴 때** 뿐입니다", ["** 뿐"]),
        ("**전체적으로 활성화** 되는 필터", ["** 되는"]),
        ("0-1 사이로 **스케일** 하고", ["** 하고"]),
        ("특성 맵은 3×3 입니다", ["3×3 입니다"]),
        ("값은 1, 1, 5, 6 이므로 = 3.25 입니다", ["6 이므로", "3.25 입니다"]),
        ("28 → 14 → 7 로 줄입니다", ["7 로"]),
        ("'새 문제' 로 다른 문제", ["'새 문제' 로"]),
        # good text
        ("$5 - 3 + 1 = 3$곳이라서, $S$칸씩, $OH$는?", []),
        ("**한쪽**에서만, 잴 때**뿐입니다, **스케일**하고", []),
        ("$S$ 이동하면, $H$ 가로 크기", []),
        ("**판(edition).** 이 책은", []),
        ("**가장 많이 닮은** 곳에", []),
        ("3 번째 윈도, 층 2 개수, 2×2 칸", []),
    ],
)
def test_the_particle_check_finds_a_detached_particle(text, found):
    assert [m.group(0) for m in DETACHED_PARTICLE.finditer(text)] == found


def _particle_texts():
    """What a reader reads as prose: the chapters' cells and captions (not outputs), the pages,
    the progress page and the lecture decks (without the boxes that quote the original slides)."""
    for where, text in _texts():
        if not (where.endswith(".py") or " output" in where):
            yield where, text
    decks = sorted((ROOT / "slides").glob("*.md"))
    for path in [ROOT / "progress.md", *decks]:
        text = path.read_text(encoding="utf-8")
        yield path.name, re.sub(r":::\{slide-source\}.*?\n:::", "", text, flags=re.S)


def test_particles_stay_with_the_math_or_label_before_them():
    """'$S$를', not '$S$ 를': Korean attaches the particle (the chapters' prose, the pages, the
    decks)."""
    found = []
    for where, text in _particle_texts():
        found += [f"{where}: {m.group(0)!r}" for m in DETACHED_PARTICLE.finditer(text)]
    assert not found, "\n".join(found[:20])


#: A fraction and the particle after it: read denominator first, numerator last (1/4: 사분의 일).
FRACTION_PARTICLE = re.compile(
    r"(?<![\w./])(\d+)/(\d+)(으로|은|는|이|가|을|를|과|와|로)(?![가-힣])"
)


def _every_message(exercise):
    """Every text an exercise's problems show: the statement, the right answer's message, each
    named slip's and the message for typical typed numbers."""
    from cnn_utils import answers

    def text(value):
        if isinstance(value, (tuple, list)):
            return "(" + ", ".join(map(str, value)) + ")"
        return str(value)

    for problem in exercise.problems:
        yield re.sub(r"<[^>]+>", " ", problem.statement)
        for key, check in problem.checks.items():
            group = next(g for g in exercise.groups if g.key == key.split("|")[0])
            base = {k: text(v) for k, v in check.answer.items()}
            entries = [base]
            entries += [base | {k: text(v) for k, v in case.equal} for case in check.cases]
            first = group.fields[0]
            if isinstance(first, answers.NumberField):
                entries += [base | {first.key: t} for t in ("-5", "2", "7", "10", "3.5", "1,234")]
            for entry in entries:
                yield answers.judge(group, check, entry).message


def test_every_message_of_every_bank_problem_puts_the_right_particle_after_numbers(
    figures_unencoded,
):
    """Messages shown only after a (wrong) answer are checked too: every problem of every
    exercise's bank, the right answer, each named slip and typical typed numbers."""
    from cnn_utils import answers
    from cnn_utils import exercises as ex

    skip = {"typed", "matrix_html", "worked_sum", "layer_keys", "parse_filter", "preset_texts",
            "explorer_note", "explore_sizes", "figure_data", "filter_response",
            "describe_filter_response", "read_filter", "size_grid_html", "pooled_value",
            "channel_sums"}  # fmt: skip
    made = [getattr(ex, name)() for name in ex.__all__
            if name[0].islower() and name not in skip | {"sliding", "stride_steps",
                                                          "strongest_channel"}]  # fmt: skip
    made.append(ex.sliding(np.arange(25).reshape(5, 5) % 4, np.eye(3, dtype=int)))
    made.append(ex.stride_steps(np.arange(49).reshape(7, 7), np.ones((3, 3), dtype=int)))
    problems, seen = [], 0
    for exercise in made:
        for message in _every_message(exercise):
            seen += 1
            for m in NUMBER_PARTICLE.finditer(message):
                number, said = m.groups()
                right = answers.particle(number, _PARTICLE_KIND[said])
                if right != said:
                    problems.append(f"{exercise.key}: {m.group(0)!r} (say {right}) in {message!r}")
            for m in FRACTION_PARTICLE.finditer(message):
                numerator, _, said = m.groups()
                right = answers.particle(numerator, _PARTICLE_KIND[said])
                if right != said:
                    problems.append(f"{exercise.key}: {m.group(0)!r} (say {right}) in {message!r}")
    assert seen > 2000, seen
    assert not problems, f"{len(problems)} of {seen} messages:\n" + "\n".join(problems[:25])
