"""The Colab edition (colab/chapters, written by tools/colab_edition.py, `make colab`).

- it is exactly what the generator makes from the current chapters and book build;
- no MyST syntax is left in its Markdown, and every code line of a chapter is in it;
- widget state is whole; the first cell links back to the web book;
- the generator turns each MyST construct into plain Markdown and refuses ones it does not know;
- opened in headless Chromium with `marked` (the Markdown renderer Jupyter uses, no MyST
  support), no raw markup is visible, solutions are folded, and screenshots of each chapter's
  top and of one opened solution are saved under _build/colab_screenshots/.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from tests.helpers import ROOT
from tools import book
from tools import colab_edition as ce

CHAPTERS = book.chapter_notebooks()
COLAB = {p.name: ROOT / ce.COLAB_DIR / "chapters" / p.name for p in CHAPTERS}
SCREENSHOTS = ROOT / "_build" / "colab_screenshots"
MARKED = Path("/usr/share/javascript/marked/marked.min.js")  # Debian package libjs-marked
MATHJAX = ROOT / "_offline" / "vendor" / "mathjax-3.2.2" / "tex-svg.js"

#: MyST syntax that plain Markdown shows as literal text.
MYST_PATTERNS = {
    "role": re.compile(r"\{[a-zA-Z][\w:-]*\}`"),
    "colon fence": re.compile(r"^\s*(> ?)*:{3,}", re.M),
    "directive fence": re.compile(r"^\s*(> ?)*(`{3,}|~{3,})\s*\{", re.M),
    "target": re.compile(r"^\s*(> ?)*\([^()\s]+\)=\s*$", re.M),
    "equation label": re.compile(r"\$\$\s*\([^()\s]+\)"),
    "directive option": re.compile(r"^\s*(> ?)*:(class|label|name|open|icon|color):", re.M),
    "substitution": re.compile(r"\{\{.*?\}\}"),
    "comment": re.compile(r"^\s*%", re.M),
    "block break": re.compile(r"^\+\+\+\s*$", re.M),
}


def _nb(path: Path):
    return nbformat.read(path, as_version=4)


def _chapter_id(path: Path) -> str:
    return path.stem


@pytest.mark.book
@pytest.mark.slow
def test_committed_colab_edition_is_what_the_generator_makes(build_log):
    """`make colab` run on the current chapters and book build would change nothing."""
    assert build_log.returncode == 0, (build_log.stdout + build_log.stderr)[-3000:]
    files = ce.generate(ce.load_book())
    assert [p.name for p in files] == [p.name for p in CHAPTERS]
    stale = ce.stale_files(files)
    assert not stale, f"the Colab edition is stale, run `make colab`: {stale}"


def test_there_is_one_colab_notebook_per_chapter():
    assert CHAPTERS
    assert sorted(p.name for p in (ROOT / ce.COLAB_DIR / "chapters").glob("*.ipynb")) == [
        p.name for p in CHAPTERS
    ]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=_chapter_id)
def test_no_myst_left(chapter):
    found = []
    for index, cell in enumerate(_nb(COLAB[chapter.name]).cells):
        if cell.cell_type != "markdown":
            continue
        # inline code may show anything; a role's backticks follow "}" and are not code
        text = re.sub(r"(?<![}`])(`+)[^`]+?\1", "", cell.source)
        for name, pattern in MYST_PATTERNS.items():
            for match in pattern.finditer(text):
                found.append(f"cell {index}: {name}: {match.group(0)!r}")
    assert not found, "\n".join(found[:20])


@pytest.mark.parametrize("chapter", CHAPTERS, ids=_chapter_id)
def test_every_code_line_of_the_chapter_is_there_in_order(chapter):
    def lines(nb):
        return [
            line
            for cell in nb.cells
            if cell.cell_type == "code"
            for line in cell.source.splitlines()
            if line.strip()
        ]

    colab = iter(lines(_nb(COLAB[chapter.name])))
    missing = [line for line in lines(_nb(chapter)) if not any(line == c for c in colab)]
    assert not missing, f"code lines missing (or out of order) in the Colab edition: {missing[:5]}"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=_chapter_id)
def test_widget_state_is_whole(chapter):
    nb = _nb(COLAB[chapter.name])
    views = {
        out["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
        for cell in nb.cells
        for out in cell.get("outputs", [])
        if "application/vnd.jupyter.widget-view+json" in out.get("data", {})
    }
    widgets = nb.metadata.get("widgets")
    if not views:
        assert widgets is None
        return
    state = widgets["application/vnd.jupyter.widget-state+json"]
    assert "state" in state and views <= set(state["state"])
    assert all("state" in model for model in state["state"].values())


@pytest.mark.parametrize("chapter", CHAPTERS, ids=_chapter_id)
def test_first_cell_links_back_to_the_web_chapter(chapter):
    first = _nb(COLAB[chapter.name]).cells[0]
    assert first.cell_type == "markdown"
    assert f"{book.baseurl()}chapters/{chapter.stem}.html" in first.source


@pytest.mark.parametrize("chapter", CHAPTERS, ids=_chapter_id)
def test_notebook_installs_its_own_edition(chapter):
    """A saved notebook keeps working: it installs the commit of the edition it was made for
    (edition.json), never a tag."""
    import re

    import cnn_utils
    from tools.setup_cell import pinned_commit

    nb = nbformat.read(COLAB[chapter.name], as_version=4)
    assert nb.metadata["cnn_book"]["edition"] == cnn_utils.__version__
    installs = re.findall(r"git\+https://\S+?@([^\s\"']+)", "\n".join(c.source for c in nb.cells))
    assert installs == [pinned_commit()], f"{chapter.name} installs {installs}"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=_chapter_id)
def test_hidden_cells_are_folded_the_colab_way(chapter):
    source = [c for c in _nb(chapter).cells if c.cell_type == "code"]
    colab = [c for c in _nb(COLAB[chapter.name]).cells if c.cell_type == "code"]
    assert len(source) == len(colab)
    for before, after in zip(source, colab, strict=True):
        hidden = {"hide-cell", "remove-cell", "hide-input", "remove-input"} & set(
            before.metadata.get("tags", [])
        )
        if hidden:
            assert after.source.startswith("#@title ") and after.metadata.get("cellView") == "form"
        if {"hide-cell", "remove-cell", "hide-output", "remove-output"} & set(
            before.metadata.get("tags", [])
        ):
            assert after.outputs == [] and "nbval-ignore-output" in after.metadata["tags"]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=_chapter_id)
def test_outputs_are_kept_except_where_the_book_hides_them(chapter):
    """Students read the figures and numbers before running; only the setup cell's and the
    hidden cells' outputs go."""
    folded = {"hide-cell", "remove-cell", "hide-output", "remove-output"}
    source = [c for c in _nb(chapter).cells if c.cell_type == "code"]
    colab = [c for c in _nb(COLAB[chapter.name]).cells if c.cell_type == "code"]
    assert colab[0].outputs == [] and "cnn_utils.setup()" in colab[0].source
    kept = [
        (b, a)
        for b, a in zip(source[1:], colab[1:], strict=True)
        if not folded & set(b.metadata.get("tags", []))
    ]
    assert kept and all(a.outputs == b.outputs for b, a in kept)
    assert all(a.execution_count == b.execution_count for b, a in kept)


# --------------------------------------------------------------------------- the converter itself


#: A two-chapter book as its build's index says it (the layout of _ext/book_index.py).
INDEX = {
    "format": ce.INDEX_FORMAT,
    "config": {
        "language": "ko",
        "numfig_format": {"figure": "그림 %s", "section": "제 %s 절"},
        "math_eqref_format": "식 ({number})",
        "secnumber_suffix": ". ",
    },
    "admonition_titles": {"note": "참고", "tip": "팁", "warning": "경고"},
    "pages": {
        "chapters/01_a": {
            "title": "가 장",
            "source_sha256": None,
            "sections": [{"anchor": "", "title": "가 장", "number": "1"}],
            "numbers": {"figure": {"fig-a": "1.1"}},
        },
        "chapters/02_b": {
            "title": "나 장",
            "source_sha256": None,
            "sections": [
                {"anchor": "", "title": "나 장", "number": "2"},
                {"anchor": "sec-x", "title": "절 X", "number": "2.3"},
            ],
            "numbers": {"displaymath": {"equation-eq-b": "2.1"}},
        },
        "glossary": {"title": "용어집", "source_sha256": None, "sections": [], "numbers": {}},
    },
    "labels": {
        "fig-a": {"page": "chapters/01_a", "anchor": "fig-a", "title": "캡션 A"},
        "sec-x": {"page": "chapters/02_b", "anchor": "sec-x", "title": "절 X"},
    },
    "equations": {"eq-b": {"page": "chapters/02_b", "anchor": "equation-eq-b", "number": "2.1"}},
    "terms": {"필터": {"page": "glossary", "anchor": "term-1"}},
}
GLOSSARY = f"{book.baseurl()}glossary.html#term-1"


def _book() -> ce.Book:
    return ce.Book(index=INDEX, chapters=["chapters/01_a", "chapters/02_b"])


def _convert(text: str, docname: str = "chapters/01_a") -> str:
    return ce.convert_markdown(ce.Context(_book(), docname, "test"), text)


def test_the_index_is_named_alike_by_its_writer_and_its_readers():
    from _ext import book_index, decks

    assert ce.INDEX.name == book_index.INDEX_NAME == decks.BOOK_INDEX
    assert ce.INDEX_FORMAT == book_index.FORMAT


def test_roles_become_the_books_text_and_links():
    out = _convert(
        "{term}`필터` · {numref}`fig-a` · {eq}`eq-b` · {ref}`sec-x` · {doc}`02_b` · "
        "{numref}`Fig. %s <fig-a>` · {term}`필터들 <필터>` · `{term}` in code"
    )
    assert f"**[필터]({GLOSSARY})**" in out
    assert "그림 1.1 ·" in out  # same chapter: text only
    colab_b = book.colab_url("chapters/02_b")
    assert f"[식 (2.1)]({colab_b})" in out  # other chapter: its Colab notebook
    assert f"[절 X]({colab_b})" in out and f"[나 장]({colab_b})" in out
    assert "Fig. 1.1" in out and f"**[필터들]({GLOSSARY})**" in out
    assert "`{term}` in code" in out


def test_a_glossary_link_before_a_particle_puts_its_bold_inside():
    """``**[필터](…)**로`` would show its asterisks: CommonMark does not close ``**`` after ``)``
    when a letter follows."""
    assert (
        _convert("{term}`필터`로, {term}`필터` 뒤")
        == f"[**필터**]({GLOSSARY})로, **[필터]({GLOSSARY})** 뒤"
    )


def test_admonitions_dropdowns_and_nesting():
    out = _convert(
        ":::::{admonition} 바깥\n:class: tip\n글\n\n::::{note}\n안쪽\n::::\n:::::\n\n"
        ":::{dropdown} 1번 정답\n**답** $x$\n:::\n\n```{warning}\n조심\n```\n\n"
        ":::{admonition} 접힘\n:class: dropdown\n숨김\n:::"
    )
    assert "> 💡 **바깥**\n>\n> 글\n>\n> > 📝 **참고**\n> >\n> > 안쪽" in out
    assert "<details><summary><b>1번 정답</b></summary>\n\n**답** $x$\n\n</details>" in out
    assert "> ⚠️ **경고**\n>\n> 조심" in out
    assert "<details><summary><b>접힘</b></summary>\n\n숨김\n\n</details>" in out


def test_a_note_takes_no_title_as_in_sphinx():
    """``{note}`` has no argument in Sphinx: text on its first line is the box's first line."""
    assert _convert(":::{note} 첫 줄\n둘째 줄\n:::") == "> 📝 **참고**\n>\n> 첫 줄\n> 둘째 줄"


def test_nested_directives():
    out = _convert(
        "::::{tip}\n:::{admonition} 안쪽\n:class: warning\n{term}`필터`\n"
        "```{note}\n가장 안쪽\n```\n:::\n::::"
    )
    assert out == (
        "> 💡 **팁**\n>\n"
        f"> > ⚠️ **안쪽**\n> >\n> > **[필터]({GLOSSARY})**\n"
        "> > > 📝 **참고**\n> > >\n> > > 가장 안쪽"
    )


def test_a_dropdown_inside_an_admonition():
    out = _convert(
        "::::{admonition} 문제\n:class: tip\n3×3 필터의 곱과 합은?\n\n:::{dropdown} 정답\n"
        "**9**개의 곱을 더합니다.\n:::\n::::"
    )
    assert out == (
        "> 💡 **문제**\n>\n> 3×3 필터의 곱과 합은?\n>\n"
        "> <details><summary><b>정답</b></summary>\n>\n> **9**개의 곱을 더합니다.\n>\n> </details>"
    )


def test_a_dropdown_first_in_an_admonition_is_not_read_as_options():
    out = _convert("::::{note}\n:::{dropdown} 정답\n답\n:::\n::::")
    assert (
        out
        == "> 📝 **참고**\n>\n> <details><summary><b>정답</b></summary>\n>\n> 답\n>\n> </details>"
    )


def test_math_containing_a_bar():
    out = _convert(
        "절댓값 $|x - y|$ 와 {eq}`eq-b`\n\n$$\n\\|W\\| = |a| + |b|\n$$ (eq-b)\n\n$$|x|$$"
    )
    colab_b = book.colab_url("chapters/02_b")
    assert out == (
        f"절댓값 $|x - y|$ 와 [식 (2.1)]({colab_b})\n\n"
        "$$\n\\|W\\| = |a| + |b|\n\\tag{2.1}\n$$\n\n$$\n|x|\n$$"
    )


def test_korean_tables_keep_their_rows_and_get_their_roles_replaced():
    table = (
        "| 층 | 출력 크기 | 참고 |\n"
        "|:---|---:|---|\n"
        "| 합성곱 | 28×28 | {term}`필터` 32개 |\n"
        "| 풀링 | 14×14 | $\\|x\\|$, {numref}`fig-a` |\n"
    )
    assert _convert(table) == (
        "| 층 | 출력 크기 | 참고 |\n"
        "|:---|---:|---|\n"
        f"| 합성곱 | 28×28 | **[필터]({GLOSSARY})** 32개 |\n"
        "| 풀링 | 14×14 | $\\|x\\|$, 그림 1.1 |"
    )


def test_a_fence_containing_backticks_is_left_alone():
    text = (
        '````python\nprint("```{note}")\nx = "{term}`필터`"\n````\n\n'
        "`````{note}\n````text\n```\n:::{dropdown}\n````\n`````"
    )
    assert _convert(text) == (
        '````python\nprint("```{note}")\nx = "{term}`필터`"\n````\n\n'
        "> 📝 **참고**\n>\n> ````text\n> ```\n> :::{dropdown}\n> ````"
    )


def test_definition_lists_targets_comments_and_breaks():
    out = _convert(
        "(sec-x)=\n% 주석\n스트라이드\n: 윈도가 {term}`필터`를 옮기는 칸 수\n\n+++\n\n끝"
    )
    assert out == f"**스트라이드**  \n윈도가 [**필터**]({GLOSSARY})를 옮기는 칸 수\n\n끝"


def test_labelled_math_gets_the_books_number_and_targets_go():
    out = _convert(
        "(sec-x)=\n% a comment\n$$\nOH = 1\n$$ (eq-b)\n\n```{math}\n:label: eq-b\na\n```\n\n"
        "$$x$$\n\n```python\n:::{note}\n```"
    )
    assert out.startswith("$$\nOH = 1\n\\tag{2.1}\n$$")
    assert "$$\na\n\\tag{2.1}\n$$" in out and "$$\nx\n$$" in out
    assert "(sec-x)=" not in out and "comment" not in out
    assert "```python\n:::{note}\n```" in out  # code blocks are left alone


def test_indented_directives_titles_in_summaries_and_solutions():
    out = _convert(
        "1. 문제\n\n   :::{dropdown} {term}`필터` 정답\n   답\n   :::\n\n"
        "```{solution} ex-1\n풀이 글\n```"
    )
    link = f'<a href="{GLOSSARY}">필터</a>'
    assert f"   <details><summary><b><b>{link}</b> 정답</b></summary>" in out
    assert "\n   답\n" in out
    assert "> ✅ **풀이**\n>\n> 풀이 글" in out and "ex-1" not in out


def test_hidden_cell_magic_stays_first():
    cell = nbformat.v4.new_code_cell("%%time\nx = 1", metadata={"tags": ["hide-input"]})
    new = ce.convert_code_cell(cell, first_code=False)
    assert new.source == "%%time\n#@title 코드 (펼쳐 보기)\nx = 1"
    assert new.metadata["cellView"] == "form" and "tags" not in new.metadata


@pytest.mark.parametrize(
    "text",
    [
        "```{glossary}\nx\n```",
        "{cite}`knuth`",
        ":::{note}\nunclosed",
        "{term}`없는 용어`",
        "{numref}`no-such-label`",
        "{{ subst }}",
        "글 {{ subst }}",
        ":::\n이름 없는 블록\n:::",
        ":::{note}\n:nosuch: 1\n글\n:::",
    ],
)
def test_unknown_or_broken_myst_is_refused(text):
    with pytest.raises(ce.MystError):
        _convert(text)


# --------------------------------------------------------------------------- rendered without MyST

_PAGE = ROOT / "tests" / "colab_render.html"  # marked + MathJax, as Jupyter renders Markdown


def _page_cells(nb) -> list[dict]:
    cells = []
    for cell in nb.cells:
        entry = {"type": cell.cell_type, "source": cell.source, "outputs": []}
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data:
                entry["outputs"].append({"png": data["image/png"]})
            elif out.get("text") or "text/plain" in data:
                entry["outputs"].append({"text": out.get("text") or data["text/plain"]})
        cells.append(entry)
    return cells


RAW_MARKUP = [
    ":::",
    "{term}",
    "{numref}",
    "{eq}",
    "{ref}",
    "{doc}",
    "{dropdown}",
    "{admonition}",
    "{note}",
    ")=",
    "$$",
    "\\tag",
    "\\frac",
    "**",
    "<details",
    "<summary",
    "</",
    ":class:",
    "&lt;",
    "&gt;",
]


@pytest.mark.browser
@pytest.mark.slow
def test_colab_edition_renders_without_myst_in_chromium(tmp_path):
    from tests.helpers import block_external, browser, serve

    if not MARKED.is_file():
        pytest.skip(
            "marked (the Markdown renderer) is not installed: `sudo apt-get install libjs-marked` "
            "(make test installs it when run as root with apt-get)"
        )
    (tmp_path / "marked.min.js").write_bytes(MARKED.read_bytes())
    (tmp_path / "tex-svg.js").write_bytes(MATHJAX.read_bytes())
    for chapter in CHAPTERS:
        cells = json.dumps(_page_cells(_nb(COLAB[chapter.name])), ensure_ascii=False).replace(
            "</", "<\\/"
        )
        text = _PAGE.read_text(encoding="utf-8").replace("__CELLS__", cells)
        (tmp_path / f"{chapter.stem}.html").write_text(text, encoding="utf-8")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    with serve(tmp_path) as base, browser() as chromium:
        context = chromium.new_context(viewport={"width": 1000, "height": 1300}, locale="ko-KR")
        blocked: list[str] = []
        block_external(context, blocked)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        for chapter in CHAPTERS:
            source = "\n".join(c.source for c in _nb(chapter).cells if c.cell_type == "markdown")
            page.goto(f"{base}/{chapter.stem}.html")
            page.wait_for_function("window.rendered !== undefined")
            page.evaluate("window.rendered")
            text = page.evaluate(
                "[...document.querySelectorAll('.md')].map(e => e.innerText).join('\\n')"
            )
            for markup in RAW_MARKUP:
                if markup in text:
                    at = text.index(markup)
                    problems.append(
                        f"{chapter.stem}: visible {markup!r}: …{text[max(0, at - 60) : at + 60]}…"
                    )
            if "$" in text:
                problems.append(
                    f"{chapter.stem}: unrendered math: …{text[text.index('$') - 60 :][:120]}…"
                )
            details = page.locator(".md details")
            dropdowns = len(re.findall(r"^:{3,}\{dropdown\}", source, re.M))
            if details.count() != dropdowns:
                problems.append(
                    f"{chapter.stem}: {details.count()} folded blocks, {dropdowns} dropdowns"
                )
            if page.evaluate("[...document.querySelectorAll('.md details')].some(d => d.open)"):
                problems.append(f"{chapter.stem}: a solution is open before it is clicked")
            boxes = len(
                re.findall(r"^:{3,}\{(admonition|note|tip|important|warning)\}", source, re.M)
            )
            if page.locator(".md blockquote strong").count() < boxes:
                problems.append(f"{chapter.stem}: fewer titled boxes than the chapter's {boxes}")
            if "{eq}" in source and not page.locator(".md mjx-container").count():
                problems.append(f"{chapter.stem}: no typeset math")
            page.screenshot(path=str(SCREENSHOTS / f"{chapter.stem}_top.png"))
            equations = page.locator(".md mjx-container[display]")
            if re.search(r"\$\$\s*\(", source) and equations.count():  # a numbered equation
                equations.first.screenshot(path=str(SCREENSHOTS / f"{chapter.stem}_equation.png"))
            if details.count():
                last = details.last
                last.locator("summary").click()
                opened = (
                    "d => d.open && "
                    "d.innerText.length > d.querySelector('summary').innerText.length"
                )
                if not last.evaluate(opened):
                    problems.append(f"{chapter.stem}: the solution does not open")
                last.scroll_into_view_if_needed()
                last.screenshot(path=str(SCREENSHOTS / f"{chapter.stem}_solution.png"))
        context.close()
    assert not errors, errors[:5]
    assert not blocked, blocked[:5]
    assert not problems, "\n".join(problems[:30])


def test_headings_get_the_books_section_numbers():
    ctx = ce.Context(_book(), "chapters/02_b", "test")
    sections = [("나 장", "2"), ("절 X", "2.3"), ("부록", "")]
    out = ce.number_headings(ctx, "# 나 장\n\n```python\n# a comment\n```\n\n## 절 **X**", sections)
    assert out == "# 2. 나 장\n\n```python\n# a comment\n```\n\n## 2.3. 절 **X**"
    assert ce.number_headings(ctx, "### 부록", sections) == "### 부록" and not sections
    with pytest.raises(ce.MystError, match="does not match"):
        ce.number_headings(ctx, "## 다른 제목", [("절 X", "2.3")])
    with pytest.raises(ce.MystError, match="not a section"):
        ce.number_headings(ctx, "## 하나 더", [])


def _generated(path: Path, marked: bool = True) -> str:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("x")])
    if marked:
        nb.metadata["cnn_book"] = {"generator": ce.GENERATOR}
    text = ce.render(nb)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return text


def test_make_colab_touches_only_the_notebooks_it_generates(tmp_path):
    """A student's notebook and JupyterLab's checkpoints in colab/ are not stale, not deleted."""
    folder = tmp_path / "colab"
    kept = folder / "chapters" / "01_a.ipynb"
    files = {kept: _generated(kept)}
    gone = folder / "chapters" / "99_gone.ipynb"
    _generated(gone)
    homework = folder / "my_homework.ipynb"
    _generated(homework, marked=False)
    checkpoint = folder / "chapters" / ".ipynb_checkpoints" / "01_a-checkpoint.ipynb"
    _generated(checkpoint)
    (folder / "notes.ipynb").write_text("not a notebook at all", encoding="utf-8")
    assert ce.stale_files(files, folder) == [str(gone)]
    assert ce.write(files, folder) == [gone]
    assert not gone.exists() and kept.exists() and homework.exists() and checkpoint.exists()
    assert ce.stale_files(files, folder) == []


def test_check_without_a_build_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(ce, "INDEX", tmp_path / "book-index.json")
    assert ce.main(["--check"]) == 1
    assert "build the book first" in capsys.readouterr().err


def _checkout_copy(tmp_path: Path) -> Path:
    """The files load_book reads (config, toc, chapters), copied to a scratch checkout."""
    import shutil

    for name in ("_config.yml", "_toc.yml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "chapters", tmp_path / "chapters")
    return tmp_path


def test_freshness_is_judged_by_content_not_file_times(build_log, tmp_path, monkeypatch):
    """`touch` or `git checkout` of a chapter keeps the build fresh; an edit does not."""
    import os

    assert build_log.returncode == 0, (build_log.stdout + build_log.stderr)[-3000:]
    root = _checkout_copy(tmp_path)
    monkeypatch.setattr(ce, "ROOT", root)
    chapter = root / "chapters" / CHAPTERS[2].name
    later = chapter.stat().st_mtime + 3600
    os.utime(chapter, (later, later))
    ce.load_book()  # fresh: same content
    chapter.write_text(chapter.read_text(encoding="utf-8") + " ", encoding="utf-8")
    with pytest.raises(ce.EditionError, match=f"chapters/{chapter.stem}.ipynb differs"):
        ce.load_book()


def test_the_book_index_says_what_the_pages_show(build_log):
    """Every numbered section of the index is a heading with that number and anchor on its
    page; every figure and equation number is the one the page's caption or label shows."""
    assert build_log.returncode == 0, (build_log.stdout + build_log.stderr)[-3000:]
    index = json.loads(ce.INDEX.read_text(encoding="utf-8"))
    problems = []
    for chapter in book.chapters():
        page = index["pages"][chapter]
        html = (book.HTML / f"{chapter}.html").read_text(encoding="utf-8")
        for section in page["sections"]:
            number = f'<span class="section-number">{section["number"]}. </span>'
            # the page's own title is its h1 (the theme's header repeats it, unnumbered)
            anchor = f'<section id="{section["anchor"]}">' if section["anchor"] else f"<h1>{number}"
            heading = html.find(anchor)
            if heading < 0 or number not in html[heading : heading + 300]:
                problems.append(f"{chapter}: {section}")
        for figtype, numbers in page["numbers"].items():
            shown = {"figure": "그림 {}", "displaymath": "({})"}[figtype]
            for anchor, number in numbers.items():
                at = html.find(f'id="{anchor}"')
                if at < 0 or shown.format(number) not in html[at : at + 3000]:
                    problems.append(f"{chapter}: {figtype} {anchor} {number}")
    assert not problems, "\n".join(problems[:10])
