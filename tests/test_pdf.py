"""`make pdf`: the book printed by headless Chromium, checked with poppler-utils.

Prints the built book (tools/make_pdf.py) and checks: pdftotext finds every
chapter's title and 패딩 / 스트라이드 / 풀링, pdffonts shows an embedded
Korean font, no page is blank, the outline holds the chapters, and each
chapter has its own PDF. Page 1 and a page with a figure are rendered to
_build/pdf/*.png for a look.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.helpers import CHAPTERS, ROOT, chapter_heading, chromium_path

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
