"""`make pdf`: the book printed by headless Chromium, checked with poppler-utils.

Prints the built book (tools/make_pdf.py) and checks: pdftotext finds every
chapter's title and 패딩 / 스트라이드 / 풀링, pdffonts shows an embedded
Korean font, no page is blank and none is nearly empty except where a chapter
ends, the outline holds the chapters, and each chapter has its own PDF. The
확인 문제 answers print open and state their answers; the exercises print as
questions with their answers, not as forms. Page 1 and a page with a figure
are rendered to _build/pdf/*.png for a look.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import nbformat
import pytest

from cnn_utils.static import STATIC_MIME
from tests.helpers import (
    CHAPTERS,
    ROOT,
    answer_cell_output,
    chapter_heading,
    chromium_path,
    computed,
    numbers_in,
    review_cells,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PDF = ROOT / "_build" / "pdf"
TOOLS = ("pdftotext", "pdffonts", "pdfimages", "pdfinfo", "pdftoppm", "pdftohtml")


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=120).stdout


def _page_text(pdf, page: int, *, y: int, height: int) -> str:
    """The text of a band of an A4 page (595 pt wide), from ``y`` down ``height`` points."""
    band = ["-x", "0", "-y", str(y), "-W", "595", "-H", str(height)]
    return _run("pdftotext", "-f", str(page), "-l", str(page), *band, str(pdf), "-")


@pytest.fixture(scope="module")
def pdfs(book_pdfs):
    missing = [t for t in TOOLS if not shutil.which(t)]
    if missing:
        pytest.skip(
            f"poppler-utils is not installed ({', '.join(missing)}): "
            "sudo apt-get install poppler-utils"
        )
    chromium_path()  # skips, saying how to install it, when there is none
    assert book_pdfs.returncode == 0, book_pdfs.stdout[-2000:] + book_pdfs.stderr[-3000:]
    return PDF / "book.pdf"


def test_book_pdf_has_every_chapter_and_the_key_words(pdfs):
    text = _run("pdftotext", str(pdfs), "-")
    flat = re.sub(r"\s+", "", text)  # a title may wrap onto the next line
    for chapter in CHAPTERS:
        assert re.sub(r"\s+", "", chapter_heading(chapter)) in flat, chapter
    for word in ("패딩", "스트라이드", "풀링", "합성곱신경망으로패션아이템분류하기"):
        assert word in flat, word
    outline = _run("pdftohtml", "-xml", "-i", "-q", "-stdout", "-f", "1", "-l", "1", str(pdfs))
    items = [
        re.sub(r"\s+", "", i) for i in re.findall(r'<item page="\d+">(.*?)</item>', outline, re.S)
    ]
    for chapter in CHAPTERS:
        title = re.sub(r"\s+", "", chapter_heading(chapter))
        assert any(title in item for item in items), f"{chapter} is not in the PDF outline"


def test_book_pdf_embeds_a_korean_font(pdfs):
    rows = _run("pdffonts", str(pdfs)).splitlines()[2:]
    korean = [r for r in rows if re.search(r"Nanum|Noto.*(KR|CJK)|Malgun|UnDotum|Baekmuk", r)]
    assert korean, rows
    assert all(r.split()[-5] == "yes" for r in korean), korean  # the emb column


def test_no_page_is_blank_and_pages_are_numbered(pdfs):
    pages = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdfs))).group(1))
    assert pages >= 30
    images = [line.split() for line in _run("pdfimages", "-list", str(pdfs)).splitlines()[2:]]
    with_images = {int(row[0]) for row in images}
    # page num type width height color ...: the figures are the RGB images (not masks or shadows)
    figures = sorted(
        int(row[0]) for row in images if row[2] == "image" and row[5] in ("rgb", "icc")
    )
    assert figures, "no figure in the PDF"
    # the page body: A4 is 595 x 842 pt; the header and footer (title, "n / N") lie outside it
    blank = []
    for n in range(1, pages + 1):
        body = _page_text(pdfs, n, y=45, height=745)
        footer = _page_text(pdfs, n, y=800, height=42)
        assert f"{n} / {pages}" in footer, f"page {n} has no page number"
        if not body.strip() and n not in with_images:
            blank.append(n)
    assert not blank, f"blank pages: {blank}"
    figure_page = next(p for p in figures if p > 1)
    for n, name in ((1, "page-1"), (figure_page, "figure-page")):
        _run(
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-singlefile",
            "-f",
            str(n),
            "-l",
            str(n),
            str(pdfs),
            str(PDF / name),
        )
        assert (PDF / f"{name}.png").stat().st_size > 10_000


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_has_a_handout(pdfs, chapter):
    handout = PDF / f"{chapter.split('/')[-1]}.pdf"
    text = re.sub(r"\s+", "", _run("pdftotext", str(handout), "-"))
    assert re.sub(r"\s+", "", chapter_heading(chapter)) in text
    assert "본문으로건너뛰기" not in text and "맨위로" not in text  # no navigation chrome


def _outline_starts(pdf) -> list[int]:
    """The pages where the book's parts begin (the outline's top-level items)."""
    outline = _run("pdftohtml", "-xml", "-i", "-q", "-stdout", "-f", "1", "-l", "1", str(pdf))
    top = ET.fromstring(outline).find("outline")
    return sorted({int(item.get("page")) for item in top.findall("item")})


def filled_shares(pdf, folder) -> list[float]:
    """How far down its body each page is filled: from the body's top to the lowest ink.

    The pages are rendered at 20 dpi in grey; ink is a pixel darker than 230. The body is
    A4 (842 pt high) less the 14 mm top and 16 mm bottom margins, where the running title
    and the page number stand.
    """
    from PIL import Image

    _run("pdftoppm", "-r", "20", "-gray", str(pdf), str(folder / "page"))
    shares = []
    for path in sorted(folder.glob("page-*.pgm"), key=lambda p: int(p.stem.split("-")[1])):
        image = Image.open(path)
        width, height = image.size
        top, bottom = round(height * 40 / 842), round(height * 797 / 842)
        pixels = image.load()
        inked = [y for y in range(top, bottom) if any(pixels[x, y] < 230 for x in range(width))]
        shares.append((inked[-1] - top + 1) / (bottom - top) if inked else 0.0)
    return shares


def test_no_page_is_nearly_empty_except_where_a_chapter_ends(pdfs, tmp_path):
    shares = filled_shares(pdfs, tmp_path)
    starts = _outline_starts(pdfs)
    assert len(starts) > len(CHAPTERS), starts
    # the cover, and the last page of each part (the page before the next part, the last page)
    ends = {1, len(shares)} | {start - 1 for start in starts if start > 1}
    low = [(n, round(share, 2)) for n, share in enumerate(shares, 1) if share < 0.15]
    assert not [page for page in low if page[0] not in ends], f"nearly empty pages: {low}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_review_answers_print_open_and_state_their_answers(pdfs, chapter):
    text = _run("pdftotext", str(PDF / f"{chapter.split('/')[-1]}.pdf"), "-")
    markdown, cell = review_cells(ROOT / f"{chapter}.ipynb")
    review = text[text.rindex("확인 문제") :]
    # the answers end where the printed code cell that computes them begins
    answers = review[: review.index(cell.source.splitlines()[0][:15])]
    parts = re.split(r"^((?:\d+, )*\d+번 정답)$", answers, flags=re.M)
    titles = parts[1::2]
    assert titles, f"{chapter}: the answers did not print"
    assert not re.search(r"^코드 셀 보기$", review, re.M)  # the hidden cell prints open, no bar
    lines = [line for line in answer_cell_output(cell).splitlines() if line.strip()]
    for index, line in enumerate(lines):
        question, numbers = computed(line, index)
        bodies = dict(zip(titles, parts[2::2], strict=True))
        body = next(b for t, b in bodies.items() if str(question) in re.findall(r"\d+", t))
        stated = numbers_in(re.sub(r"^\s*\d+번\s*:", "", body, flags=re.M))
        missing = [n for n in numbers if n not in stated]
        assert not missing, f"{chapter}: answer {question} does not state {missing}: {body!r}"


def _exercises(chapter: str) -> list[dict]:
    """The data of the chapter's exercises that have answers (not the explorers), in order."""
    found = []
    for cell in nbformat.read(ROOT / f"{chapter}.ipynb", as_version=4).cells:
        for output in cell.get("outputs", []):
            form = output.get("data", {}).get(STATIC_MIME)
            if form:
                data = re.search(r"<script[^>]*data-cnn-data>(.*?)</script>", form, re.S).group(1)
                payload = json.loads(data.replace("<\\/", "</"))
                if "kind" not in payload:
                    found.append(payload)
    return found


def _answer_text(field: dict, value) -> str:
    if field["kind"] == "shape":
        return "(" + ", ".join(map(str, value)) + ("," if len(value) == 1 else "") + ")"
    if field["kind"] == "choice":
        return dict(field["options"])[value]
    return f"{value:,}" if isinstance(value, int) else str(value)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_exercises_print_as_questions_with_their_answers(pdfs, chapter):
    text = _run("pdftotext", str(PDF / f"{chapter.split('/')[-1]}.pdf"), "-")
    assert not re.search(r"^\s*고르세요\s*$", text, re.M)  # no empty menu
    flat = re.sub(r"\s+", "", text)
    blocks = flat.split("답과풀이")[1:]
    exercises = _exercises(chapter)
    assert len(blocks) == len(exercises), f"{chapter}: {len(blocks)} answers, {len(exercises)}"
    for block, exercise in zip(blocks, exercises, strict=True):
        problem = exercise["problems"][0]
        group = exercise["groups"][0]
        field = group["fields"][0]
        check = next(c for k, c in problem["checks"].items() if k.split("|")[0] == group["key"])
        answer = re.sub(r"\s+", "", _answer_text(field, check["answer"][field["key"]]))
        assert answer in block[:400], f"{chapter} {exercise['key']}: {answer} not printed"
