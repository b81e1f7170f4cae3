"""The one reading of the book's configuration: ``_config.yml`` and ``_toc.yml``.

Tools, tests, the Sphinx extensions (``_ext``) and the decks' ``slides/conf.py`` ask this
module; none of them opens the two files itself. It also knows how the book is built (the
command `make book`, the tests and ``tools.release`` run) and how Chromium is launched
(the browser tests, the PDFs, the decks' PDFs).

Examples
--------
>>> chapters()[0]
'chapters/01_filter'
>>> len(chapters())
8
>>> repository_url().startswith("https://github.com/")
True
>>> baseurl().endswith("/")
True
"""

from __future__ import annotations

import functools
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

#: The repository's root (the folder holding ``_config.yml``).
ROOT = Path(__file__).resolve().parents[1]
#: Where `make book` writes the HTML book.
HTML = ROOT / "_build" / "html"
#: The Colab edition's folder (``python -m tools.colab_edition`` writes it).
COLAB_DIR = "colab"
#: Where a notebook on GitHub opens in Colab.
COLAB_SITE = "https://colab.research.google.com"
#: The file naming the edition's commit (``tools.release`` writes it).
EDITION_FILE = "edition.json"

#: Chromium's settings wherever the book drives it (headless, offline, no GPU). File access
#: from files lets the PDFs be printed from the built HTML on disk.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--allow-file-access-from-files",
)


@functools.cache
def _yaml(name: str, root: Path = ROOT) -> dict[str, Any]:
    return yaml.safe_load((root / name).read_text(encoding="utf-8"))


def config(root: Path = ROOT) -> dict[str, Any]:
    """``_config.yml``, read once."""
    return _yaml("_config.yml", root)


def toc(root: Path = ROOT) -> dict[str, Any]:
    """``_toc.yml``, read once."""
    return _yaml("_toc.yml", root)


def pages(root: Path = ROOT) -> list[str]:
    """Every page of the book in reading order (docnames: ``intro``, ``chapters/01_filter``...).

    >>> pages()[0]
    'intro'
    """
    table = toc(root)
    names = [table["root"]]
    for part in table.get("parts", []):
        names += [entry["file"] for entry in part.get("chapters", [])]
    return names


def chapters(root: Path = ROOT) -> list[str]:
    """The chapters in the slides' order, as ``_toc.yml`` lists them (``chapters/01_filter``...)."""
    return [name for name in pages(root) if name.startswith("chapters/")]


def chapter_notebooks(root: Path = ROOT) -> list[Path]:
    """The chapters' notebooks, in order.

    >>> chapter_notebooks()[-1].name
    '08_visualization.ipynb'
    """
    return [root / f"{name}.ipynb" for name in chapters(root)]


def title(root: Path = ROOT) -> str:
    """The book's title."""
    return config(root)["title"]


def author(root: Path = ROOT) -> str:
    """The book's authors, as its title page and footer name them."""
    return config(root)["author"]


def repository_url(root: Path = ROOT) -> str:
    """The repository (``repository.url``): where Colab and pip fetch the book from."""
    return config(root)["repository"]["url"]


def branch(root: Path = ROOT) -> str:
    """The published branch (``repository.branch``)."""
    return config(root)["repository"].get("branch", "main")


def baseurl(root: Path = ROOT) -> str:
    """Where the web book is published (``html.baseurl``), ending in ``/``."""
    url = config(root)["html"]["baseurl"]
    return url if url.endswith("/") else url + "/"


def colab_url(docname: str, root: Path = ROOT) -> str:
    """The address that opens the Colab edition of ``docname`` (``colab/<docname>.ipynb``)
    on the published branch of the repository.

    >>> colab_url("chapters/01_filter").endswith("/blob/main/colab/chapters/01_filter.ipynb")
    True
    """
    url = repository_url(root)
    repository = url.removeprefix("https://github.com/").strip("/")
    if url == repository or repository.count("/") != 1:
        raise ValueError(
            f"_config.yml: repository.url must be https://github.com/<owner>/<name>, got {url!r}"
        )
    return f"{COLAB_SITE}/github/{repository}/blob/{branch(root)}/{COLAB_DIR}/{docname}.ipynb"


def edition_commit(root: Path = ROOT) -> str:
    """The commit named in ``edition.json`` (what every setup cell installs), unchecked."""
    return json.loads((root / EDITION_FILE).read_text(encoding="utf-8"))["commit"]


def build_command(*, strict: bool = False, python: str = sys.executable) -> list[str]:
    """The command that builds the HTML book (run in :data:`ROOT`).

    ``strict`` adds ``-W -n``: warnings are errors, as the tests build it.

    >>> build_command(python="/v/bin/python")[-3:]
    ['build', '.', '--keep-going']
    >>> build_command(strict=True, python="/v/bin/python")[-3:]
    ['-W', '-n', '--keep-going']
    """
    command = [str(Path(python).with_name("jupyter-book")), "build", "."]
    return command + (["-W", "-n"] if strict else []) + ["--keep-going"]


def chromium_path() -> str | None:
    """The system Chromium (Debian's ``chromium``), or None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch_chromium(playwright, executable: str | None = None):
    """Start headless Chromium with :data:`CHROMIUM_ARGS` through a Playwright instance."""
    executable = executable or chromium_path()
    if executable is None:
        raise FileNotFoundError("Chromium is not installed: `sudo apt-get install chromium`")
    return playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
