"""How the code's parts may lean on each other, read from their imports (``ast``, no import).

- The tools (tools/) are for maintainers and CI: none imports the tests.
- A test module (``tests/test_*.py``, a ``conftest.py``) is imported by no module: what tests
  share is in tests/helpers.py or a fixture.
- No module imports another module's private name (``from x import _y``, or ``x._y`` where
  ``x`` is an imported module): what another module needs is public, and documented.
- Nothing edits ``sys.path``: tools are ``python -m tools.<name>``, Sphinx gets the
  repository's root from ``_config.yml``, the decks' Sphinx from ``python -m sphinx``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

#: Where this repository's Python lives.
PARTS = ("cnn_utils", "tools", "_ext", "tests", "benchmarks", "slides")
#: Our top-level packages (a ``from <package> import <name>`` may bind one of their modules).
PACKAGES = ("cnn_utils", "tools", "_ext", "tests", "benchmarks")


def modules(root: Path = ROOT) -> list[Path]:
    """Every Python file of the repository's parts, and the root's conftest.py."""
    found = [path for part in PARTS for path in sorted((root / part).rglob("*.py"))]
    return [*found, root / "conftest.py"]


def is_private(name: str) -> bool:
    """``_name`` is private; ``__dunder__`` and gettext's ``_`` are not.

    >>> is_private("_split_scope"), is_private("__version__"), is_private("_"), is_private("x")
    (True, False, False, False)
    """
    return len(name) > 1 and name.startswith("_") and not name.startswith("__")


def is_test_module(name: str) -> bool:
    """A dotted module name that is a test module or a conftest.

    >>> is_test_module("tests.test_book"), is_test_module("tests.conftest")
    (True, True)
    >>> is_test_module("tests.helpers"), is_test_module("cnn_utils.static")
    (False, False)
    """
    last = name.rsplit(".", 1)[-1]
    return last.startswith("test_") or last == "conftest"


def _is_own_module(package: str, name: str, root: Path) -> bool:
    folder = root / package.replace(".", "/")
    return (folder / f"{name}.py").is_file() or (folder / name / "__init__.py").is_file()


def imports(tree: ast.AST, root: Path = ROOT) -> tuple[list[tuple[int, str]], set[str]]:
    """The modules a file imports, as ``(line, dotted name)``, and the names that are modules.

    ``from tests import test_book`` imports ``tests.test_book``; ``from cnn_utils import ops``
    binds ``ops`` to a module, ``from cnn_utils.ops import conv2d`` binds a function.

    >>> found, bound = imports(ast.parse("import numpy as np\\nfrom tools import book, x"))
    >>> found, sorted(bound)
    ([(1, 'numpy'), (2, 'tools'), (2, 'tools.book')], ['book', 'np'])
    """
    found, bound = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append((node.lineno, alias.name))
                bound.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module))
            for alias in node.names:
                if node.module.split(".")[0] in PACKAGES and _is_own_module(
                    node.module, alias.name, root
                ):
                    found.append((node.lineno, f"{node.module}.{alias.name}"))
                    bound.add(alias.asname or alias.name)
    return found, bound


def private_uses(tree: ast.AST, root: Path = ROOT) -> list[tuple[int, str]]:
    """Another module's private names used here: ``from x import _y`` and ``x._y``.

    >>> private_uses(ast.parse("from a import _b, c\\nimport d\\nd.e._f(d._g)\\nself._h"))
    [(1, 'a._b'), (3, 'd._g'), (3, 'd.e._f')]
    """
    _, bound = imports(tree, root)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found += [
                (node.lineno, f"{node.module}.{a.name}") for a in node.names if is_private(a.name)
            ]
        elif isinstance(node, ast.Attribute) and is_private(node.attr):
            chain, value = [node.attr], node.value
            while isinstance(value, ast.Attribute):
                chain.append(value.attr)
                value = value.value
            if isinstance(value, ast.Name) and value.id in bound:
                found.append((node.lineno, ".".join([value.id, *reversed(chain)])))
    return sorted(found)


def _parsed() -> dict[str, ast.AST]:
    return {
        path.relative_to(ROOT).as_posix(): ast.parse(path.read_text(encoding="utf-8"))
        for path in modules()
    }


@pytest.fixture(scope="module")
def parsed() -> dict[str, ast.AST]:
    return _parsed()


def test_every_part_is_read(parsed):
    assert {"tools/book.py", "tests/helpers.py", "_ext/colab_button.py", "conftest.py"} <= set(
        parsed
    )


def test_no_tool_imports_the_tests(parsed):
    found = [
        f"{path}:{line}: imports {name}"
        for path, tree in parsed.items()
        if path.startswith("tools/")
        for line, name in imports(tree)[0]
        if name.split(".")[0] == "tests"
    ]
    assert not found, "\n".join(found)


def test_no_module_imports_a_test_module(parsed):
    found = [
        f"{path}:{line}: imports {name} (share it through tests/helpers.py or a fixture)"
        for path, tree in parsed.items()
        for line, name in imports(tree)[0]
        if is_test_module(name)
    ]
    assert not found, "\n".join(found)


def test_no_module_uses_another_modules_private_names(parsed):
    found = [
        f"{path}:{line}: {name}"
        for path, tree in parsed.items()
        for line, name in private_uses(tree)
    ]
    assert not found, "private names of other modules (make them public):\n" + "\n".join(found)


def test_nothing_edits_sys_path(parsed):
    found = [
        f"{path}:{node.lineno}"
        for path, tree in parsed.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr == "path"
        and isinstance(node.value, ast.Name)
        and node.value.id == "sys"
    ]
    assert not found, "sys.path is used (run tools as python -m tools.<name>):\n" + "\n".join(found)


def test_the_checks_notice_what_they_forbid():
    """A tool importing a test helper, a test importing a test module, a private import."""
    tree = ast.parse(
        "from tests.helpers import ROOT\nfrom tests import test_book\n"
        "from cnn_utils.ops import _scan\nfrom cnn_utils import ops\nops._scan()\n"
    )
    found, _ = imports(tree)
    assert (1, "tests.helpers") in found and (2, "tests.test_book") in found
    assert private_uses(tree) == [(3, "cnn_utils.ops._scan"), (5, "ops._scan")]


#: About 500 lines at most for a module of the package students read: one subject each, short
#: enough to read in one sitting (data.py, which finds, checks and loads the files, is longest).
MAX_PACKAGE_LINES = 540


def test_the_package_modules_are_short():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "cnn_utils").rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_PACKAGE_LINES
    }
    assert not long, (
        f"modules over {MAX_PACKAGE_LINES} lines (split them by what they hold): {long}"
    )
