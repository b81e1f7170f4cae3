"""The HTML book: a strict Jupyter Book 1 build and checks of what it produced."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import cnn_utils
from tests.helpers import CHAPTERS, HTML, ROOT, Links, code_cells, colab_url
from tools import book

# Tests that use the build_log fixture (tests/conftest.py) are marked `book` and `slow` there.


def test_strict_build_has_no_warnings(build_log):
    log = build_log.stdout + build_log.stderr
    warnings = [line for line in log.splitlines() if re.search(r"\bWARNING\b|\bERROR\b", line)]
    assert build_log.returncode == 0, log[-4000:]
    assert not warnings, "\n".join(warnings[:20])
    assert (HTML / "index.html").is_file()


def test_intro_and_chapters_are_rendered_with_outputs(build_log):
    assert build_log.returncode == 0
    intro = (HTML / "intro.html").read_text(encoding="utf-8")
    assert "합성곱 신경망으로 패션 아이템 분류하기" in intro
    chapter = (HTML / "chapters" / "01_filter.html").read_text(encoding="utf-8")
    assert "곡선 필터" in chapter
    assert "영역 A의 곱과 합: 3600" in chapter  # a committed output, shown as such
    assert len(re.findall(r'<img[^>]+src="[^"]*\.png"', chapter)) >= 5  # the figures


def test_intro_class_table_matches_the_package():
    from cnn_utils.data import CLASS_NAMES

    intro = (ROOT / "intro.md").read_text(encoding="utf-8")
    for label, name in enumerate(CLASS_NAMES):
        assert f"| {label} | {name.ko} | {name.en} |" in intro


def test_chapters_use_the_instructor_seeds():
    """The first problems on the instructor page are the ones these calls make."""
    code = {Path(c).name: "\n".join(code_cells(ROOT / f"{c}.ipynb")) for c in CHAPTERS}
    assert "exercises.multiply_sum(seed=0)" in code["01_filter"]
    assert "exercises.pixel_usage(seed=0)" in code["03_padding"]
    assert "exercises.pooling_loss(seed=0)" in code["05_pooling"]
    assert "exercises.size_quiz(seed=6)" in code["06_cnn_structure"]
    assert "exercises.filter_reading(seed=0, " in code["08_visualization"]


# --------------------------------------------------------------------------- the built HTML


def test_every_chapter_in_the_toc_exists():
    assert len(CHAPTERS) == 8
    for chapter in CHAPTERS:
        assert (ROOT / f"{chapter}.ipynb").is_file(), chapter


def test_internal_links_and_anchors_resolve(build_log):
    """Every relative href/src of every page points at a file that exists, its #anchor at an id."""
    assert build_log.returncode == 0
    pages = {
        p: Links.of(p) for p in HTML.rglob("*.html") if not {"_sources", "_static"} & set(p.parts)
    }
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            if (
                parts.scheme
                or link.startswith(("mailto:", "javascript:", "data:"))
                or not (parts.path or parts.fragment)
            ):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(HTML)}: {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else Links.of(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(HTML)}: {link} (no such anchor)")
    assert not broken, "\n".join(broken[:30])


def test_search_index_knows_korean_words(build_log):
    assert build_log.returncode == 0
    text = (HTML / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    for word in ("패딩", "스트라이드", "풀링", "필터"):
        assert word in index["terms"], word


def test_language_is_korean(build_log):
    assert build_log.returncode == 0
    assert '<html lang="ko"' in (HTML / "intro.html").read_text(encoding="utf-8")


def test_every_page_names_the_edition_and_colab_links_open_it(build_log):
    """The footer says which edition the reader has; every Colab link opens the Colab edition on
    the published branch (whose setup cells install the edition's commit)."""
    assert build_log.returncode == 0
    edition = f"{cnn_utils.__version__}판 ({cnn_utils.EDITION_DATE})"
    tag = f"/blob/{book.branch()}/colab/"
    for page in sorted([*HTML.glob("*.html"), *HTML.glob("chapters/*.html")]):
        if page.name in ("search.html", "genindex.html", "index.html"):  # index: a redirect
            continue
        html = page.read_text(encoding="utf-8")
        assert f"이 책: {edition}" in html, f"{page.relative_to(HTML)}: no edition in the footer"
        for url in re.findall(r"https://colab\.research\.google\.com/[^\"'<>\s]+", html):
            assert tag in url, f"{page.relative_to(HTML)}: {url} is not this edition"
    instructor = (HTML / "instructor.html").read_text(encoding="utf-8")
    assert colab_url("chapters/01_filter") in instructor
    assert 'href="changelog.html"' in instructor
    changelog = (HTML / "changelog.html").read_text(encoding="utf-8")
    assert f"{cnn_utils.__version__}판" in changelog


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_page_offers_colab_download_and_repository(build_log, chapter):
    assert build_log.returncode == 0
    page = (HTML / f"{chapter}.html").read_text(encoding="utf-8")
    assert colab_url(chapter) in page
    assert f"/blob/{book.branch()}/{chapter}.ipynb" not in page  # not the MyST source
    assert f"_sources/{chapter}.ipynb" in page  # download .ipynb
    assert book.repository_url() in page  # repository button
    assert "<figure" in page and "<figcaption" in page  # captioned figures
    assert "glossary.html#term-" in page  # {term} references


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_colab_links_point_at_tracked_files(chapter):
    """Colab opens the file from the repository: it must be committed, at the path in _toc.yml."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    for path in (f"{chapter}.ipynb", f"colab/{chapter}.ipynb"):
        result = subprocess.run(
            ["git", "ls-files", "--error-unmatch", path], cwd=ROOT, capture_output=True, text=True
        )
        assert result.returncode == 0, (
            f"{path} is not tracked by git: {colab_url(chapter)} would 404"
        )


def test_size_formula_is_numbered_and_referenced_across_chapters(build_log):
    assert build_log.returncode == 0
    ch06 = (HTML / "chapters" / "06_cnn_structure.html").read_text(encoding="utf-8")
    assert 'id="equation-eq-output-size"' in ch06
    for other in ("04_stride", "07_keras_lab"):
        page = (HTML / "chapters" / f"{other}.html").read_text(encoding="utf-8")
        assert "06_cnn_structure.html#equation-eq-output-size" in page, other


def test_glossary_page(build_log):
    assert build_log.returncode == 0
    glossary = (HTML / "glossary.html").read_text(encoding="utf-8")
    terms = [
        re.sub(r"<[^>]+>", "", t).strip().rstrip("#").strip()
        for t in re.findall(r'<dt id="term-[^"]*">(.*?)</dt>', glossary, re.S)
    ]
    for term in ("필터", "패딩", "스트라이드", "풀링", "특성 맵"):
        assert term in terms, term
    assert len(terms) >= 20


def test_animations_are_embedded(build_log):
    assert build_log.returncode == 0
    for chapter in ("02_window_sliding", "04_stride"):
        page = (HTML / "chapters" / f"{chapter}.html").read_text(encoding="utf-8")
        assert "anim-controls" in page and "data:image/png;base64," in page, chapter


def test_offline_assets_are_local(build_log):
    """Formulas are SVG typeset at build time (no MathJax, no CDN); the widget manager is in the
    book for a page with a live widget, and a page whose exercises are all static forms loads
    none of it."""
    assert build_log.returncode == 0
    page = (HTML / "chapters" / "06_cnn_structure.html").read_text(encoding="utf-8")
    formulas = page.count('class="math notranslate nohighlight"')
    assert formulas >= 10
    assert page.count('<mjx-container class="MathJax" jax="SVG"') == formulas
    assert page.count("<mjx-assistive-mml") == formulas  # the MathML screen readers read
    assert "tex-svg.js" not in page and "_static/mathjax-svg.css" in page
    for asset in (
        "vendor/html-manager-1.0.15/embed-amd.js",
        "vendor/require-2.3.8.js",
    ):
        assert (HTML / asset).is_file(), asset
    assert (
        "cdn.jsdelivr.net/npm/@jupyter-widgets" not in page and "cdnjs.cloudflare.com" not in page
    )
    for chapter in CHAPTERS:
        page = (HTML / f"{chapter}.html").read_text(encoding="utf-8")
        assert 'class="cnn-exercise' in page, chapter  # the static forms are there
        for unused in ("embed-amd.js", "require-2.3.8.js", "application/vnd.jupyter.widget-state"):
            assert unused not in page, f"{chapter}: {unused}"


def test_pyproject_pins_nothing_colab_brings():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = project["dependencies"] + [
        d for extra in project.get("optional-dependencies", {}).values() for d in extra
    ]
    for dep in deps:
        name = re.split(r"[<>=!~ \[]", dep)[0].lower()
        if name in {"numpy", "matplotlib", "ipywidgets", "tensorflow", "keras", "ipython"}:
            assert "==" not in dep and "<" not in dep, f"{dep}: Colab brings its own {name}"
