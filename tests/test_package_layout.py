"""How the package reads to a newcomer: small modules, and no module reaching into another's
private names (a name starting with ``_`` is its own module's business)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "cnn_utils"
#: The subpackages split by chapter and by topic: every module in them stays this short.
SPLIT = ("answers", "exercises", "ops")
MAX_LINES = 500


def _modules(root: Path) -> list[Path]:
    return sorted(root.rglob("*.py"))


def _private_uses(path: Path) -> list[str]:
    """The other modules' private names a module imports or reads, as ``line: text``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules, found = set(), []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{node.lineno}: from {node.module} import {alias.name}")
                modules.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            found.append(f"{node.lineno}: {node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize("name", SPLIT)
def test_the_split_packages_have_short_modules(name):
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in _modules(PACKAGE / name)
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_no_module_reads_another_modules_private_names():
    found = {
        str(p.relative_to(PACKAGE.parent)): uses
        for p in _modules(PACKAGE)
        if (uses := _private_uses(p))
    }
    assert not found, found


def test_the_private_name_check_finds_both_forms(tmp_path):
    source = tmp_path / "m.py"
    source.write_text(
        "from cnn_utils import ops\n"
        "from cnn_utils.ops import _hidden\n"
        "ops._secret(1)\n"
        "ops.__doc__\n"
    )
    assert _private_uses(source) == ["2: from cnn_utils.ops import _hidden", "3: ops._secret"]
