"""The book's build tooling: run each tool as ``python -m tools.<name>`` from the repository root.

:mod:`tools.book` is the one reading of the book's configuration (``_config.yml`` and
``_toc.yml``): every tool, test, Sphinx extension and the decks' ``conf.py`` ask it for the
chapters, the repository, the published address, how the book is built and how Chromium is
launched. Nothing here is installed for students: ``cnn_utils`` is the package they get.
"""
