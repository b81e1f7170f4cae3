"""The book's own Sphinx extensions (listed in ``_config.yml``; the decks' in slides/conf.py).

Each module is one extension with a ``setup(app)``. They are imported as ``_ext.<name>``
with the repository's root on the import path, so they read the book's configuration
through :mod:`tools.book` like every tool and test.
"""
