#!/bin/sh
# Create the virtual environment .venv and install what the book needs.
# Idempotent: re-running only installs what changed. Called by `make`.
set -eu
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "$PYTHON was not found. Python 3.11 or newer is needed: install it" \
        "(Debian/Ubuntu: apt-get install python3 python3-venv), or name one that exists:" \
        "make PYTHON=/path/to/python3.12" >&2
    exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "Python 3.11 or newer is needed, $PYTHON is $("$PYTHON" --version 2>&1)." >&2
    echo "Run: make PYTHON=python3.11 (or newer)" >&2
    exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
    if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
        rm -rf "$VENV"
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            ver=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
            echo "Installing the Debian package python$ver-venv (needed for $VENV) ..."
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "python$ver-venv" \
                || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
            "$PYTHON" -m venv "$VENV"
        else
            echo "Could not create $VENV: install the venv module (Debian/Ubuntu: sudo apt-get install python3-venv) and run make again." >&2
            exit 1
        fi
    fi
fi
echo "Installing requirements.txt into $VENV (a minute or two the first time) ..."
# -qq: errors only (some machines' pip configuration warns about every package otherwise)
pip="$VENV/bin/python -m pip --disable-pip-version-check"
# uv (pinned in requirements.txt) installs the rest: it downloads in parallel and
# unpacks TensorFlow several times faster than pip (a clean set-up: ~30 s, pip ~100 s).
# Where uv cannot be installed, pip does it all.
# --compile-bytecode: write the .pyc files at install, as pip does. Without them every
# process compiles what it imports (where PYTHONDONTWRITEBYTECODE is set, as here, on
# every run): importing TensorFlow took 19.3 s instead of 6.8 s, and make test imports it
# in some thirty processes. Compiling costs ~20 s once.
uv_pin=$(grep -E '^uv==' requirements.txt | cut -d' ' -f1)
if $pip install -qq "$uv_pin" 2>/dev/null; then
    uv="$VENV/bin/uv pip install --quiet --compile-bytecode --python $VENV/bin/python"
    $uv -r requirements.txt
    $uv --no-deps --editable .
else
    $pip install -qq --upgrade pip
    $pip install -qq -r requirements.txt
    $pip install -qq --no-deps --editable .
fi
echo "$VENV is ready: $("$VENV/bin/python" --version), cnn_utils $("$VENV/bin/python" -c 'import cnn_utils; print(cnn_utils.__version__)')"
