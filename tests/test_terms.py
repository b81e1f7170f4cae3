"""One word per concept (the terms table of the book's design): the avoided spellings appear
nowhere a reader looks, in the chapters (prose, code, captions, outputs), the glossary, the
intro, the instructor page and the learners' feedback in cnn_utils."""

from __future__ import annotations

import re

import nbformat
import pytest

from tests.paths import CHAPTER_NOTEBOOKS, ROOT

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
}

PAGES = [ROOT / "glossary.md", ROOT / "intro.md", ROOT / "instructor.md"]
FEEDBACK = sorted((ROOT / "cnn_utils").glob("*.py"))


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
        yield path.name, path.read_text(encoding="utf-8")


def find_avoided(text: str) -> list[str]:
    """The avoided spellings in ``text``, each with the book's word for it."""
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
        ("Conv layer", False),
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
