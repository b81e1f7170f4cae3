"""Sphinx extension for this book: one JSON index of what the built book numbers and names.

When the HTML build finishes it writes ``_build/html/book-index.json`` (no page loads it):

- for every page: its title, its sections in order (anchor, title, number as the HTML shows
  it), the numbers of its figures, tables, code blocks and equations by anchor, and the
  SHA-256 of its source file as the build read it;
- the book's labels (page, anchor, title), its numbered equations (page, anchor, number)
  and its glossary terms (page, anchor);
- how the book writes numbers (``numfig_format``, ``math_eqref_format``, the section number
  suffix) and the titles of its boxes in the book's language (``참고`` for ``note``).

``tools/colab_edition.py`` reads it for the Colab edition's numbers and glossary links (and
compares the digests with the chapters to refuse a stale build); ``_ext/decks.py`` reads it
for a deck's links into the book's sections. Both run after the book build; neither opens
Sphinx's pickled environment.

Examples
--------
>>> dotted((6, 1))
'6.1'
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

#: The index's file name in the HTML build.
INDEX_NAME = "book-index.json"
#: The layout of the index; a reader refuses another.
FORMAT = 1
#: The build environment's attribute holding {docname: SHA-256 of the source file}.
DIGESTS = "book_index_digests"


def dotted(number: tuple[int, ...] | list[int]) -> str:
    """A Sphinx number tuple as the HTML shows it: ``(1, 2)`` -> ``"1.2"``, ``()`` -> ``""``."""
    return ".".join(map(str, number))


def source_digest(path) -> str:
    """SHA-256 (hex) of a source file's bytes.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile() as file:
    ...     source_digest(file.name)[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def page_entry(
    title: str,
    sections: list[tuple[str, str]],
    secnumbers: dict[str, tuple[int, ...]],
    fignumbers: dict[str, dict[str, tuple[int, ...]]],
    digest: str | None,
) -> dict:
    """One page of the index.

    ``sections`` are the page's table of contents in order, as (anchor name, title) with the
    anchor name as Sphinx keeps it (``""`` for the page itself, ``"#id"`` for a section);
    ``secnumbers`` and ``fignumbers`` are Sphinx's numbers of that page.

    Examples
    --------
    >>> entry = page_entry(
    ...     "필터", [("", "필터"), ("#sec-a", "영역 A")], {"": (1,), "#sec-a": (1, 1)},
    ...     {"figure": {"fig-a": (1, 1)}}, "ab12")
    >>> entry["sections"][1], entry["numbers"], entry["source_sha256"]
    ({'anchor': 'sec-a', 'title': '영역 A', 'number': '1.1'}, {'figure': {'fig-a': '1.1'}}, 'ab12')
    """
    return {
        "title": title,
        "source_sha256": digest,
        "sections": [
            {
                "anchor": anchor.removeprefix("#"),
                "title": text,
                "number": dotted(secnumbers.get(anchor, ())),
            }
            for anchor, text in sections
        ],
        "numbers": {
            figtype: {node_id: dotted(number) for node_id, number in sorted(ids.items())}
            for figtype, ids in sorted(fignumbers.items())
        },
    }


def equation_entries(
    equations: dict[str, tuple[str, int]], fignumbers: dict[str, dict[str, dict]]
) -> dict[str, dict]:
    """The numbered equations: label -> page, anchor and number as the HTML shows it.

    >>> equation_entries({"eq-b": ("ch/02", 1)}, {"ch/02": {"displaymath": {"equation-eq-b": (2, 1)}}})
    {'eq-b': {'page': 'ch/02', 'anchor': 'equation-eq-b', 'number': '2.1'}}
    """  # noqa: E501 (doctest)
    entries = {}
    for label, (docname, _) in sorted(equations.items()):
        anchor = f"equation-{label}"
        number = fignumbers.get(docname, {}).get("displaymath", {}).get(anchor)
        entries[label] = {"page": docname, "anchor": anchor, "number": dotted(number or ())}
    return entries


def _toc_sections(toc) -> list[tuple[str, str]]:
    from docutils import nodes

    return [(ref["anchorname"], ref.astext()) for ref in toc.findall(nodes.reference)]


def book_index(env) -> dict:
    """The index of the built book, from the build environment ``env`` (while Sphinx runs)."""
    from sphinx.locale import admonitionlabels

    std = env.get_domain("std")
    digests = getattr(env, DIGESTS, {})
    config = env.config
    pages = {}
    for docname in sorted(env.all_docs):
        toc = env.tocs.get(docname)
        pages[docname] = page_entry(
            env.titles[docname].astext(),
            _toc_sections(toc) if toc is not None else [],
            env.toc_secnumbers.get(docname, {}),
            env.toc_fignumbers.get(docname, {}),
            digests.get(docname),
        )
    terms = {}
    for name, _, objtype, docname, anchor, _ in std.get_objects():
        if objtype == "term":
            terms[name] = {"page": docname, "anchor": anchor}
    return {
        "format": FORMAT,
        "config": {
            "language": config.language or "en",
            # str(): Sphinx's defaults are translation proxies
            "numfig_format": {kind: str(text) for kind, text in config.numfig_format.items()},
            "math_eqref_format": str(config.math_eqref_format or "({number})"),
            "secnumber_suffix": str(config.html_secnumber_suffix),
        },
        "admonition_titles": {kind: str(title) for kind, title in admonitionlabels.items()},
        "pages": pages,
        "labels": {  # str(): the titles of genindex, search... are translation proxies
            label: {"page": docname, "anchor": anchor, "title": str(title)}
            for label, (docname, anchor, title) in sorted(std.labels.items())
        },
        "equations": equation_entries(env.get_domain("math").equations, env.toc_fignumbers),
        "terms": dict(sorted(terms.items())),
    }


def _record_digest(app, docname, source):
    digests = getattr(app.env, DIGESTS, None)
    if digests is None:
        digests = {}
        setattr(app.env, DIGESTS, digests)
    digests[docname] = source_digest(app.env.doc2path(docname))


def _purge_digest(app, env, docname):
    getattr(env, DIGESTS, {}).pop(docname, None)


def _merge_digests(app, env, docnames, other):
    digests = getattr(env, DIGESTS, None)
    if digests is None:
        digests = {}
        setattr(env, DIGESTS, digests)
    theirs = getattr(other, DIGESTS, {})
    digests.update({doc: theirs[doc] for doc in docnames if doc in theirs})


def _write_index(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / INDEX_NAME
    partial = target.with_suffix(".part")
    text = json.dumps(book_index(app.env), ensure_ascii=False, indent=1) + "\n"
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)


def setup(app):
    app.connect("source-read", _record_digest, priority=100)  # the file as it is on disk
    app.connect("env-purge-doc", _purge_digest)
    app.connect("env-merge-info", _merge_digests)
    app.connect("build-finished", _write_index)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
