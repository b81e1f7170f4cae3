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

Read from the back of a lecture hall (``measured``): every deck is opened again at
1280x720 and stepped through slide by slide. On each slide:

* every visible text node is at least :data:`MIN_TEXT_PX` on the screen, printed
  output (``pre``) at least :data:`MIN_OUTPUT_PX`: the computed font size times the
  scale reveal.js gives the slide;
* every figure's smallest text, as shown, is at least :data:`MIN_TEXT_PX`. A figure
  redrawn for the slide (cnn_utils.deck.for_slide) carries its smallest text in image
  pixels (``data-min-text-px``, from the font size and dots per inch matplotlib drew
  it with); shown on the slide that is times the image's drawn width over its pixel
  width. A figure without that record fails: its text size is unknown;
* no Markdown is left unrendered (a literal ``**``);
* axe-core finds no serious or critical WCAG 2.1 AA violation (light theme, as
  tests/test_a11y.py checks the book's pages).

A screenshot of every slide goes to _build/screenshots/decks/NN-MM.png (deck NN, its
order in the decks' list with the list itself 00; slide MM from 01).
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

from tests import helpers as b
from tests.helpers import AXE_EXTRA_RULES as EXTRA_RULES
from tests.helpers import AXE_TAGS as TAGS
from tests.helpers import CHAPTERS, HTML, ROOT, SERIOUS, axe_path, browser, serve
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
    """The figures are the labelled cell's, or their slide versions where the chapter redraws
    them for the slides (a hidden ``slide-figure`` cell); the text is the cell's printing."""
    from _ext import decks as deck_ext

    notebook = nbformat.read(ROOT / "chapters" / f"{name}.ipynb", as_version=4)
    by_label = {c.metadata["slide"]: c for c in notebook.cells if "slide" in c.metadata}
    shown = list(_outputs_on_slides(name))
    assert len(shown) >= 4, name
    for chapter, label, body in shown:
        assert chapter == name
        cell = by_label[label]
        outputs = deck_ext.with_slide_figures(cell, deck_ext.slide_figures(notebook, label))
        pngs = [
            "".join(o["data"]["image/png"].split())
            for o in outputs
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
        assert any(html.escape(r.strip()).split("\n")[0] in notes for r in rights), (
            name,
            exercise,
        )


# ------------------------------------------------------------------ legible from the back

#: Smallest text on a slide at 1280x720, in screen pixels.
MIN_TEXT_PX = 20.0
#: Smallest printed output (a chapter's printed text or code) on a slide.
MIN_OUTPUT_PX = 24.0
DECK_SHOTS = ROOT / "_build" / "screenshots" / "decks"

MEASURE = """() => {
  const frame = document.querySelector('.reveal .slides');
  const scale = frame.getBoundingClientRect().width / frame.offsetWidth;
  const slide = Reveal.getCurrentSlide();
  const texts = [], figures = [];
  const roots = [slide, document.querySelector('.reveal .slide-number')].filter(Boolean);
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.nodeValue.trim() || el.closest('aside.notes, mjx-assistive-mml')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (!box.width || !box.height || style.visibility === 'hidden') continue;
      const inSlide = root === slide;
      texts.push({
        text: node.nodeValue.trim().slice(0, 40),
        px: parseFloat(style.fontSize) * (inSlide ? scale : 1),
        output: !!el.closest('pre'),
      });
    }
  }
  for (const img of slide.querySelectorAll('img.chapter-figure')) {
    const box = img.getBoundingClientRect();
    const recorded = img.dataset.minTextPx;
    figures.push({
      label: img.closest('.chapter-output')?.dataset.label || img.alt.slice(0, 30),
      px: recorded === undefined ? null : parseFloat(recorded) * box.width / img.naturalWidth,
    });
  }
  return {
    index: Reveal.getIndices().h,
    title: (slide.querySelector('h1, h2') || {}).textContent || '',
    texts, figures,
    markdown: /\\*\\*/.test(slide.innerText),
  };
}"""

_AXE_JS = """([run, extra]) => axe.run(Reveal.getCurrentSlide(), {
    runOnly: run, rules: Object.fromEntries(extra.map(r => [r, {enabled: true}])),
    resultTypes: ['violations']})"""
_AXE_PAGE_JS = """([run, extra]) => axe.run({include: [['.reveal']],
    exclude: [['.reveal .slides']]}, {runOnly: run,
    rules: Object.fromEntries(extra.map(r => [r, {enabled: true}])),
    resultTypes: ['violations']})"""


def too_small(state: dict) -> list[str]:
    """What on one slide's measurement is below the sizes a lecture hall needs, in words.

    Examples
    --------
    >>> state = {"title": "평가", "markdown": False, "figures": [{"label": "a", "px": 21.0}],
    ...          "texts": [{"text": "검증", "px": 18.5, "output": True}]}
    >>> too_small(state)
    ["printed output '검증' is 18.5 px (< 24)"]
    >>> state["figures"].append({"label": "b", "px": None}); len(too_small(state))
    2
    """
    found = []
    for text in state["texts"]:
        least = MIN_OUTPUT_PX if text["output"] else MIN_TEXT_PX
        if text["px"] < least - 0.05:
            what = "printed output" if text["output"] else "text"
            found.append(f"{what} {text['text']!r} is {text['px']:.1f} px (< {least:.0f})")
    for figure in state["figures"]:
        if figure["px"] is None:
            found.append(f"figure {figure['label']!r} has no record of its smallest text")
        elif figure["px"] < MIN_TEXT_PX - 0.05:
            found.append(
                f"figure {figure['label']!r}: smallest text {figure['px']:.1f} px as shown"
            )
    if state["markdown"]:
        found.append("a literal ** (Markdown left unrendered)")
    return found


def step_through(page, name: str, number: int, *, axe: bool = True):
    """Measure (and check with axe) every slide of the open deck; screenshot each."""
    total = page.evaluate("Reveal.getTotalSlides()")
    states, violations = [], []
    run = {"type": "tag", "values": TAGS}
    if axe:
        page.add_script_tag(path=str(axe_path()))
        result = page.evaluate(_AXE_PAGE_JS, [run, EXTRA_RULES])  # controls, slide number
        violations += [
            (name, 0, v["id"], v["nodes"][0]["html"][:120])
            for v in result["violations"]
            if v["impact"] in SERIOUS
        ]
    for step in range(total):
        state = page.evaluate(MEASURE)
        assert state["index"] == step, (name, step)
        states.append(state)
        page.screenshot(path=str(DECK_SHOTS / f"{number:02d}-{step + 1:02d}.png"))
        if axe:
            result = page.evaluate(_AXE_JS, [run, EXTRA_RULES])
            violations += [
                (name, step + 1, v["id"], v["nodes"][0]["html"][:120])
                for v in result["violations"]
                if v["impact"] in SERIOUS
            ]
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(60)
    return states, violations


def open_deck(chromium, base: str, name: str):
    context = chromium.new_context(viewport={"width": 1280, "height": 720}, locale="ko-KR")
    b.block_external(context, [])
    page = context.new_page()
    page.goto(f"{base}/slides/{name}.html")
    page.wait_for_function(make_slides.READY, timeout=60_000)
    page.evaluate("() => window.MathJax?.startup?.promise")
    return context, page


@pytest.fixture(scope="module")
def measured(build_log):
    assert build_log.returncode == 0, build_log.stderr[-3000:]
    DECK_SHOTS.mkdir(parents=True, exist_ok=True)
    found = {}
    with b.serve(HTML) as base, b.browser() as chromium:
        for number, name in enumerate(make_slides.decks()):
            context, page = open_deck(chromium, base, name)
            try:
                found[name] = step_through(page, name, number)
            finally:
                context.close()
    return found


@pytest.mark.browser
@pytest.mark.parametrize("name", make_slides.decks())
def test_every_slide_is_legible_from_the_back_of_the_room(measured, name):
    states, _ = measured[name]
    problems = {
        f"slide {k + 1} ({s['title']})": too_small(s) for k, s in enumerate(states) if too_small(s)
    }
    assert not problems, f"{name}: {problems}"
    # the measurement saw the slides' text, and the chapters' figures where there are some
    assert all(s["texts"] for s in states)
    if name != "index":
        assert any(s["figures"] for s in states) or name == "06_cnn_structure"


@pytest.mark.browser
@pytest.mark.parametrize("name", make_slides.decks())
def test_no_serious_axe_violations_on_any_slide(measured, name):
    _, violations = measured[name]
    assert not violations, f"axe-core, serious/critical WCAG 2.1 AA violations: {violations}"


@pytest.mark.browser
@pytest.mark.parametrize("name", make_slides.decks()[1:])
def test_the_last_slide_links_to_the_next_deck(build_log, name):
    text = (HTML / "slides" / f"{name}.html").read_text(encoding="utf-8")
    body = text[text.index('<div class="slides"') :]
    last = body[body.rindex("<section") :]
    names = make_slides.decks()
    following = names[names.index(name) + 1] if name != names[-1] else "index"
    assert f'<p class="next-deck"><a href="{following}.html">다음 덱 → ' in last, name
    assert body.count('class="next-deck"') == 1, name


#: What the speaker view says in English (reveal.js's notes plugin) and must not show.
SPEAKER_VIEW_ENGLISH = {"Upcoming", "Time", "Click to Reset", "Notes", "Layout", "Default"}
#: Its Korean labels (slides/_static/deck-ko.js).
SPEAKER_VIEW_KOREAN = {"다음 슬라이드", "시간", "눌러서 0으로", "발표자 노트", "화면 배치: 기본"}

_VIEW_TEXTS = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('.speaker-controls-notes .value, script, style')) continue;
    if (node.nodeValue.trim()) found.push(node.nodeValue.trim());
  }
  return {texts: found, lang: document.documentElement.lang,
          notes: document.querySelector('.speaker-controls-notes .value')?.innerText || ''};
}"""


@pytest.mark.browser
def test_the_speaker_view_labels_its_parts_in_korean(build_log):
    """Key S opens reveal.js's speaker view in its own window: its labels are Korean, also
    the layout label it rewrites when another layout is picked, and it shows the notes."""
    assert build_log.returncode == 0, build_log.stderr[-3000:]
    name = "07_keras_lab"
    with b.serve(HTML) as base, b.browser() as chromium:
        context, page = open_deck(chromium, base, name)
        try:
            page.keyboard.press("ArrowRight")
            with context.expect_page() as opened:
                page.keyboard.press("s")
            view = opened.value
            view.wait_for_function(
                "() => document.querySelector('.speaker-controls-notes .value')?.innerText",
                timeout=30_000,
            )
            view.wait_for_timeout(500)  # deck-ko.js looks for the written view every 50 ms
            shown = view.evaluate(_VIEW_TEXTS)
            view.select_option(".speaker-layout-dropdown", "wide")
            view.wait_for_timeout(200)
            relabelled = view.evaluate(_VIEW_TEXTS)["texts"]
            view.screenshot(path=str(DECK_SHOTS / "speaker-view.png"))
        finally:
            context.close()
    texts = set(shown["texts"])
    assert shown["lang"] == "ko"
    assert SPEAKER_VIEW_KOREAN <= texts, sorted(texts)
    assert not SPEAKER_VIEW_ENGLISH & texts, sorted(SPEAKER_VIEW_ENGLISH & texts)
    assert not any(t.startswith("Layout") for t in relabelled), relabelled
    assert "화면 배치: 넓게" in relabelled, relabelled
    # the notes of the slide on screen (the deck's second), as the deck's source has them
    second = _slides(name)[1]
    notes = re.search(r'<aside class="notes">\s*(?:<p>)?(.*?)(?:</p>)?\s*</aside>', second, re.S)
    assert notes and html.unescape(notes.group(1)).split()[0] in shown["notes"], shown["notes"]


# ------------------------------------------------------------------ the 75-minute class plan


def class_plan(text: str) -> tuple[list[dict], int]:
    """The rows of instructor.md's 75-minute plan (deck, exercise, minutes) and its total.

    Examples
    --------
    >>> page = '''## 75분 수업 계획
    ... | 순서 | 무엇을 | 덱 | 수업 중 연습 | 분 |
    ... |---|---|---|---|---|
    ... | 1 | 필터 | `01_filter` | `multiply_sum` | 70 |
    ... | 2 | 정리 | | | 5 |
    ... | | **합계** | | | **75** |
    ... '''
    >>> rows, total = class_plan(page)
    >>> [(r["deck"], r["exercise"], r["minutes"]) for r in rows], total
    ([('01_filter', 'multiply_sum', 70), ('', '', 5)], 75)
    """
    section = text[text.index("## 75분 수업 계획") :]
    rows, total = [], None
    for line in section.splitlines()[1:]:
        if line.startswith("## "):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 5 or set(cells[4]) <= set("-") or cells[4] == "분":
            continue
        minutes = int(cells[4].strip("*"))
        if "합계" in cells[1]:
            total = minutes
        else:
            rows.append(
                {"deck": cells[2].strip("`"), "exercise": cells[3].strip("`"), "minutes": minutes}
            )
    assert total is not None, "the plan has no 합계 row"
    return rows, total


def test_the_class_plan_adds_up_to_75_minutes_with_decks_and_exercises_that_exist():
    from cnn_utils import exercises

    rows, total = class_plan((ROOT / "instructor.md").read_text(encoding="utf-8"))
    assert total == 75 and sum(r["minutes"] for r in rows) == total, rows
    decks = make_slides.decks()
    for row in rows:
        if row["deck"]:
            assert row["deck"] in decks, row
        if row["exercise"]:
            assert callable(getattr(exercises, row["exercise"], None)), row
            source = (ROOT / "slides" / f"{row['deck']}.md").read_text(encoding="utf-8")
            assert f"{{exercise-question}} {row['exercise']}" in source, row
    assert sum(1 for r in rows if r["exercise"]) >= 2
