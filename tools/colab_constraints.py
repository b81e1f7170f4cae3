"""Write the Colab-like test's constraints file from Colab's published ``pip freeze``.

    .venv/bin/python -m tools.colab_constraints pip-freeze.txt [--source TEXT]

Colab publishes the packages of its runtime in the repository
googlecolab/backend-info (``pip-freeze.txt``). The Colab-like test
(``tests/test_colab_env.py``) installs with the file this writes, so TensorFlow,
Keras, NumPy, matplotlib, IPython, ipykernel and ipywidgets there are Colab's
versions. Only ``name==version`` lines are kept: Colab's own packages installed
from a path or a URL cannot be constraints. ``tensorflow-cpu`` is added at
Colab's TensorFlow version: the same release without the GPU libraries, which
the test installs (this machine has no GPU).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from tools.book import ROOT

#: The constraints file the Colab-like test reads.
CONSTRAINTS = ROOT / "tests" / "colab" / "constraints.txt"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)\s*$")


def constraints_from_freeze(freeze: str, source: str) -> str:
    """The constraints file's text for a ``pip freeze`` listing.

    Examples
    --------
    >>> text = constraints_from_freeze(
    ...     "tensorflow==2.20.0\\ntorch @ https://x/torch.whl\\nIPython==7.34.0\\n", "test"
    ... )
    >>> [line for line in text.splitlines() if not line.startswith("#")]
    ['ipython==7.34.0', 'tensorflow==2.20.0', 'tensorflow-cpu==2.20.0']
    """
    pins = {}
    for line in freeze.splitlines():
        match = _PIN.match(line.strip())
        if match:
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    if "tensorflow" in pins:
        pins.setdefault("tensorflow-cpu", pins["tensorflow"])
    header = [
        "# Google Colab's package versions, for the Colab-like test (tests/test_colab_env.py).",
        f"# Source: {source}",
        "# Written by tools/colab_constraints.py: name==version lines only (packages Colab",
        "# installs from a path or URL are left out); tensorflow-cpu added at Colab's",
        "# TensorFlow version. Refresh: download pip-freeze.txt and run the tool again.",
    ]
    lines = header + [f"{name}=={version}" for name, version in sorted(pins.items())]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("freeze", type=Path, help="Colab's pip-freeze.txt")
    parser.add_argument(
        "--source",
        default="googlecolab/backend-info pip-freeze.txt",
        help="where the file came from and its date, written into the header",
    )
    args = parser.parse_args(argv)
    try:
        freeze = args.freeze.read_text(encoding="utf-8")
    except OSError as e:
        print(f"colab_constraints: cannot read {args.freeze}: {e.strerror}", file=sys.stderr)
        return 1
    text = constraints_from_freeze(freeze, args.source)
    if text.count("\n") <= 6:
        print(f"colab_constraints: {args.freeze} has no name==version lines", file=sys.stderr)
        return 1
    CONSTRAINTS.parent.mkdir(parents=True, exist_ok=True)
    CONSTRAINTS.write_text(text, encoding="utf-8")
    print(f"{CONSTRAINTS.relative_to(ROOT)}: {text.count(chr(10)) - 5} packages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
