"""The lecture decks (`make slides`): every slide point, the chapters' own outputs, offline.

Fast (no build): every point of the original slide deck (../shared/slides-ch08-cnn.txt)
is presented by a deck slide, in the deck's order.

With the built book (the ``book`` group): the decks and their PDFs are built once
(tools/make_slides.py), then each deck is opened in headless Chromium with every
non-local request blocked and stepped through with the arrow keys. Checked on every
slide: nothing overflows the 1280x720 frame, math is typeset, speaker notes exist;
per deck: no console error, no blocked request, Korean drawn in the NanumGothic the
deck serves. The figures and printed text on the slides must be the chapters' current
outputs, each slide's link must land on a section of the book, each chapter page must
link to its deck, and each PDF must have one page per slide with NanumGothic embedded.
Screenshots of each deck's first content slide go to _build/screenshots/slides/.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
from pathlib import Path

import nbformat
import pytest

from tests.helpers import CHAPTERS, HTML, ROOT, browser, serve
from tools import make_slides
from tools.make_slides import deck_topics, decks, slide_topics

#: The original slide deck the book follows (beside the repository, as the design says).
SLIDES_TEXT = Path(
    os.environ.get("CNN_BOOK_SLIDES", ROOT.parent / "shared" / "slides-ch08-cnn.txt")
)
SHOTS = ROOT / "_build" / "screenshots" / "slides"
DECKS = HTML / "slides"


# ------------------------------------------------------------------ every slide point, in order


def first_difference(expected: list[str], presented: list[tuple[str, str]]) -> str | None:
    """Where the decks' quoted lines stop following the original slides, said in words.

    Examples
    --------
    >>> first_difference(["a", "b"], [("01", "a"), ("01", "b")]) is None
    True
    >>> first_difference(["a", "b", "c"], [("01", "a"), ("02", "c")])
    "original slide line 2 'b' has no slide (deck 02 presents 'c' there)"
    """
    for k, line in enumerate(expected):
        if k >= len(presented):
            return f"original slide line {k + 1} {line!r} has no slide (the decks end before it)"
        deck, quoted = presented[k]
        if quoted != line:
            return (
                f"original slide line {k + 1} {line!r} has no slide "
                f"(deck {deck} presents {quoted!r} there)"
            )
    if len(presented) > len(expected):
        deck, quoted = presented[len(expected)]
        return f"deck {deck} quotes {quoted!r}, which the original slides do not have"
    return None


def test_every_point_of_the_original_slides_has_a_slide_in_order():
    if not SLIDES_TEXT.is_file():
        pytest.skip(f"{SLIDES_TEXT} is not here (set CNN_BOOK_SLIDES to the slides' text)")
    expected = slide_topics(SLIDES_TEXT.read_text(encoding="utf-8"))
    presented = deck_topics()
    assert len(expected) > 100  # the parse found the slides' points, not a fragment
    assert first_difference(expected, presented) is None, first_difference(expected, presented)
    # and the check notices a slide point that a deck drops
    dropped = [p for p in presented if p[1] != "4:1 → 9:4"]
    assert "4:1 → 9:4" in first_difference(expected, dropped)


def test_every_deck_and_chapter_pair_up():
    """A deck per chapter, named as the chapter, and no deck source that is not one of them."""
    assert decks()[1:] == [Path(chapter).name for chapter in CHAPTERS]
    assert sorted(p.stem for p in (ROOT / "slides").glob("*.md")) == sorted(decks())


def test_a_cell_with_stderr_or_an_error_is_refused_naming_it(tmp_path):
    """A warning would be copied onto a slide as text, an error silently left out."""
    import copy

    from _ext import decks

    source = ROOT / "chapters" / "03_padding.ipynb"
    notebook = nbformat.read(source, as_version=4)
    labelled = [k for k, c in enumerate(notebook.cells) if decks.SLIDE_KEY in c.metadata]
    label = notebook.cells[labelled[0]].metadata[decks.SLIDE_KEY]
    assert decks.chapter_output(source, label, {"alt": "그림"})  # as committed: shown
    for bad, what in (
        (nbformat.v4.new_output("stream", name="stderr", text="UserWarning: x\n"), "stderr"),
        (nbformat.v4.new_output("error", ename="KeyError", evalue="'x'", traceback=[]), "an error"),
    ):
        for show in ({"alt": "그림"}, {"show": "source"}):
            changed = copy.deepcopy(notebook)
            changed.cells[labelled[0]].outputs.append(bad)
            path = tmp_path / source.name
            nbformat.write(changed, path)
            named = rf"\{{chapter-output\}} {label} \(03_padding.ipynb\): output \d+ is {what}"
            with pytest.raises(ValueError, match=named):
                decks.chapter_output(path, label, show)


# ------------------------------------------------------------------ the built decks


@pytest.fixture(scope="module")
def built(deck_pdfs):
    assert deck_pdfs.returncode == 0, deck_pdfs.stdout[-2000:] + deck_pdfs.stderr[-3000:]
    return DECKS


def _slides(name: str) -> list[str]:
    """The deck's slides (the innermost <section>s) as HTML, in order."""
    text = (DECKS / f"{name}.html").read_text(encoding="utf-8")
    body = text[text.index('<div class="slides"') :]
    return re.findall(r"<section\s*>\s*(?!\s*<section)(.*?)</section>", body, re.S)


STEP = """() => {
  const frame = document.querySelector('.reveal .slides').getBoundingClientRect();
  const slide = Reveal.getCurrentSlide();
  const over = [];
  for (const el of slide.querySelectorAll('*')) {
    if (el.closest('aside.notes')) continue;
    const r = el.getBoundingClientRect();
    if (!r.width && !r.height) continue;
    if (r.bottom > frame.bottom + 1 || r.right > frame.right + 1
        || r.left < frame.left - 1 || r.top < frame.top - 1)
      over.push(`${el.tagName.toLowerCase()}.${el.className}`);
  }
  const maths = slide.querySelectorAll('.math').length;
  return {
    index: Reveal.getIndices().h,
    title: (slide.querySelector('h1, h2') || {}).textContent || '',
    over: over.slice(0, 3),
    notes: (Reveal.getSlideNotes(slide) || '').replace(/<[^>]+>/g, '').trim().length,
    maths,
    typeset: slide.querySelectorAll('.math mjx-container').length,
    raw_tex: /\\\\\\(|\\\\\\[/.test(slide.innerText),
  };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("name", decks())
def test_deck_opens_offline_and_every_slide_fits_with_notes_and_math(built, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with serve(HTML) as base, browser() as chromium:
        context = chromium.new_context(viewport={"width": 1280, "height": 720}, locale="ko-KR")
        blocked, errors = [], []

        def route(r):
            if r.request.url.startswith((base, "data:", "blob:")):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(f"{base}/slides/{name}.html")
        page.wait_for_function(make_slides.READY, timeout=60_000)
        page.evaluate("() => window.MathJax?.startup?.promise")
        total = page.evaluate("Reveal.getTotalSlides()")
        assert total == len(_slides(name)) >= 2
        seen = []
        for step in range(total):
            state = page.evaluate(STEP)
            assert state["index"] == step, (name, step, state)  # the arrow key moved one slide on
            assert not state["over"], (
                f"{name} slide {step + 1} ({state['title']}) overflows: {state['over']}"
            )
            assert state["notes"] > 40, (
                f"{name} slide {step + 1} ({state['title']}) has no speaker notes"
            )
            assert state["typeset"] == state["maths"] and not state["raw_tex"], (name, step, state)
            seen.append(state)
            if step == 1:
                page.screenshot(path=str(SHOTS / f"{name}.png"))
                font = _rendered_font(context, page, "section.present h2")
                assert font == ("NanumGothic", True), f"{name}: headings drawn with {font}"
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(60)
        assert page.evaluate("Reveal.isLastSlide()")
        context.close()
    assert not blocked, blocked
    assert not errors, errors
    if name == "06_cnn_structure":
        assert any(s["maths"] for s in seen)  # the size formula is typeset here


def _rendered_font(context, page, selector: str) -> tuple[str, bool]:
    """The font Chromium drew an element's text with, and whether it is a web font."""
    cdp = context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    main = max(fonts, key=lambda f: f["glyphCount"])
    return main["familyName"], main["isCustomFont"]


def _outputs_on_slides(name: str):
    text = (DECKS / f"{name}.html").read_text(encoding="utf-8")
    for match in re.finditer(
        r'<div class="chapter-output[^"]*" data-chapter="([^"]+)" data-label="([^"]+)">(.*?)</div>',
        text,
        re.S,
    ):
        yield match.group(1), html.unescape(match.group(2)), match.group(3)


@pytest.mark.parametrize("name", decks()[1:])
def test_slides_show_the_chapters_current_outputs(built, name):
    notebook = nbformat.read(ROOT / "chapters" / f"{name}.ipynb", as_version=4)
    by_label = {c.metadata["slide"]: c for c in notebook.cells if "slide" in c.metadata}
    shown = list(_outputs_on_slides(name))
    assert len(shown) >= 4, name
    for chapter, label, body in shown:
        assert chapter == name
        cell = by_label[label]
        pngs = [
            "".join(o["data"]["image/png"].split())
            for o in cell.outputs
            if "image/png" in o.get("data", {})
        ]
        for png in re.findall(r'src="data:image/png;base64,([^"]+)"', body):
            assert png in pngs, (name, label)
        texts = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        for pre in re.findall(r'<pre class="chapter-text">(.*?)</pre>', body, re.S):
            assert html.unescape(pre) in texts, (name, label, pre[:80])
        for source in re.findall(
            r'<pre class="chapter-source"><code>(.*?)</code></pre>', body, re.S
        ):
            assert html.unescape(source) == cell.source, (name, label)


@pytest.mark.parametrize("name", decks())
def test_each_slide_links_to_a_section_of_the_book(built, name):
    slides = _slides(name)
    links = [re.findall(r'<p class="book-link"><a href="([^"]+)">', s) for s in slides]
    if name != "index":
        assert all(links[1:]), f"{name}: a content slide without its link to the book"
    for href in (h for found in links for h in found):
        page, _, anchor = href.partition("#")
        target = (DECKS / page).resolve()
        assert target.is_file(), href
        assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href
    agenda = "".join(slides)
    if name == "index":
        for deck in decks()[1:]:
            assert f'href="{deck}.html"' in agenda


@pytest.mark.parametrize("name", decks()[1:])
def test_chapter_page_links_to_its_deck(built, name):
    page = (HTML / "chapters" / f"{name}.html").read_text(encoding="utf-8")
    assert f'<p class="deck-link"><a href="../slides/{name}.html">슬라이드로 보기</a>' in page
    assert (DECKS / f"{name}.html").is_file()


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("name", decks())
def test_pdf_has_one_page_per_slide_and_embeds_nanumgothic(built, name):
    pdf = DECKS / "pdf" / f"{name}.pdf"
    info = _run("pdfinfo", str(pdf))
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages == len(_slides(name)), (name, pages)
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"NanumGothic\s.*\byes\b", fonts), fonts
    text = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    title = re.sub(r"<[^>]+>", "", re.search(r"<h2>(.*?)</h2>", _slides(name)[1], re.S).group(1))
    assert " ".join(html.unescape(title).split()) in " ".join(text.split()), (name, title)


def test_slide_source_lines_are_in_the_notes(built):
    text = (DECKS / "03_padding.html").read_text(encoding="utf-8")
    sources = [json.loads(html.unescape(s)) for s in re.findall(r'data-source="([^"]+)"', text)]
    assert ["4:1 → 9:4"] == [line for block in sources for line in block if "→ 9:4" in line]
    assert '<aside class="notes slide-source"' in text


@pytest.mark.parametrize("name", decks()[1:])
def test_each_deck_asks_the_class_a_chapter_exercise_with_its_answer_in_the_notes(built, name):
    """A question slide shows the first problem of one of the chapter's own exercises; the
    speaker notes hold its worked answer, as the exercise itself words it."""
    from cnn_utils import exercises

    questions = [s for s in _slides(name) if 'class="deck-question"' in s]
    assert 1 <= len(questions) <= 2, f"{name}: {len(questions)} question slides"
    source = (ROOT / "slides" / f"{name}.md").read_text(encoding="utf-8")
    chapter = (ROOT / "chapters" / f"{name}.ipynb").read_text(encoding="utf-8")
    for exercise in re.findall(r"```\{exercise-question\} (\w+)", source):
        assert f"exercises.{exercise}(" in chapter, f"{name}: the chapter does not show {exercise}"
        data = getattr(exercises, exercise)().data()
        rights = [c["right"] for c in data["problems"][0]["checks"].values()]
        notes = " ".join(
            re.findall(
                r'<aside class="notes exercise-answer">(.*?)</aside>', "".join(questions), re.S
            )
        )
        assert any(
            html.escape(r.split("!", 1)[1].strip()).split("\n")[0] in notes for r in rights
        ), (
            name,
            exercise,
        )
