"""Set-up shared by every chapter: seeds, determinism, Korean fonts, versions.

Introduced in every chapter's first code cell (the setup cell), see
``intro.md`` for how the cell works locally and in Colab.
"""

from __future__ import annotations

import importlib.util
import os
import platform
import random
import sys
from pathlib import Path

import numpy as np

#: Environment variable that turns on quick mode (small subset, few epochs).
QUICK_ENV = "CNN_BOOK_QUICK"

_QUICK_ON = ("1", "true", "yes", "on")
_QUICK_OFF = ("0", "false", "no", "off", "")

#: Font family the book's figures use for Hangul.
KOREAN_FONT = "NanumGothic"

_SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/nanum"),
    Path("/usr/share/fonts/opentype/nanum"),
)


def quick_mode() -> bool:
    """Return True when ``CNN_BOOK_QUICK`` asks for the quick (test) mode.

    Quick mode makes the training chapters (07, 08) use a small subset and few
    epochs so that CI can re-execute every chapter in minutes. Readers get the
    full run by default. On: ``1``, ``true``, ``yes``, ``on``; off: ``0``,
    ``false``, ``no``, ``off`` or unset/empty (any case). Anything else is a
    mistake worth stopping for (``none`` or ``disable`` used to turn it on).

    Raises
    ------
    ValueError
        For any other value, naming the variable and the accepted values.

    Examples
    --------
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"CNN_BOOK_QUICK": "0"}):
    ...     quick_mode()
    False
    >>> with mock.patch.dict(os.environ, {"CNN_BOOK_QUICK": "Yes"}):
    ...     quick_mode()
    True
    >>> with mock.patch.dict(os.environ, {"CNN_BOOK_QUICK": "none"}):
    ...     quick_mode()
    Traceback (most recent call last):
    ...
    ValueError: CNN_BOOK_QUICK must be one of 1, true, yes, on (quick mode) or 0, false, no, off, empty (full mode), got 'none'
    """  # noqa: E501 (doctest output lines are data)
    value = os.environ.get(QUICK_ENV, "").strip().lower()
    if value in _QUICK_ON:
        return True
    if value in _QUICK_OFF:
        return False
    raise ValueError(
        f"{QUICK_ENV} must be one of {', '.join(_QUICK_ON)} (quick mode) or "
        f"{', '.join(v or 'empty' for v in _QUICK_OFF)} (full mode), "
        f"got {os.environ.get(QUICK_ENV)!r}"
    )


def in_colab() -> bool:
    """Return True inside Google Colab (its ``google.colab`` module is loaded).

    Examples
    --------
    >>> in_colab()
    False
    """
    return "google.colab" in sys.modules


def korean_font_files() -> list[Path]:
    """Return the NanumGothic font files the book can use for Hangul.

    The fonts come from the ``koreanize-matplotlib`` package (found without
    importing it, since its import runs code that needs ``distutils``, gone in
    Python 3.12) or from Debian's ``fonts-nanum``.

    Examples
    --------
    >>> any(p.name == "NanumGothic.ttf" for p in korean_font_files())
    True
    """
    dirs = []
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is not None and spec.submodule_search_locations:
        dirs.extend(Path(p) / "fonts" for p in spec.submodule_search_locations)
    dirs.extend(_SYSTEM_FONT_DIRS)
    files = []
    for directory in dirs:
        if directory.is_dir():
            files.extend(sorted(directory.glob("NanumGothic*.ttf")))
    return files


def use_korean_font() -> str:
    """Register NanumGothic with matplotlib and make it the default font.

    Returns the font family name. Raises ``RuntimeError`` with the fix when no
    NanumGothic file can be found.

    Examples
    --------
    >>> use_korean_font()
    'NanumGothic'
    >>> import matplotlib
    >>> matplotlib.rcParams["font.family"]
    ['NanumGothic']
    """
    import matplotlib
    from matplotlib import font_manager

    files = korean_font_files()
    if not files:
        raise RuntimeError(
            "No NanumGothic font found for Hangul in figures. Install it with "
            "`pip install koreanize-matplotlib` (or `apt-get install fonts-nanum`)."
        )
    known = {Path(f.fname) for f in font_manager.fontManager.ttflist}
    for path in files:
        if path not in known:
            font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams["font.family"] = [KOREAN_FONT]
    # NanumGothic has no U+2212 minus sign: use the ASCII hyphen on axes.
    matplotlib.rcParams["axes.unicode_minus"] = False
    return KOREAN_FONT


def import_tensorflow_quietly():
    """Import TensorFlow with its C++ start-up lines hidden; return the module.

    TensorFlow 2.20+ writes log lines (oneDNN, absl) straight to file
    descriptor 2 while it loads, before ``TF_CPP_MIN_LOG_LEVEL`` takes
    effect; in a notebook they would show up as red text in every chapter.
    Raises ``ImportError`` when TensorFlow is not installed.

    Examples
    --------
    >>> import_tensorflow_quietly().__name__
    'tensorflow'
    """
    if "tensorflow" in sys.modules:
        return sys.modules["tensorflow"]
    # 3: also hide harmless C++ errors such as tf.data's "NodeDef mentions attribute ..."
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no real descriptor 2
        import tensorflow

        return tensorflow
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
            try:
                import tensorflow
            finally:
                os.dup2(saved, 2)
    finally:
        os.close(saved)
    return tensorflow


def visible_gpus() -> list:
    """Return the GPUs TensorFlow can see (empty without TensorFlow or a GPU).

    :func:`setup` turns on op determinism only when this is empty; tests fake
    it to check both branches.

    Examples
    --------
    >>> isinstance(visible_gpus(), list)
    True
    """
    try:
        tf = import_tensorflow_quietly()
    except ImportError:
        return []
    return list(tf.config.list_physical_devices("GPU"))


#: The oldest Keras the training chapters (07, 08) run on: Keras 3, which TensorFlow 2.16 and
#: newer bring. TensorFlow 2.15 and older come with Keras 2, which has no ``keras.ops``.
MIN_KERAS_MAJOR = 3


def keras_too_old(version: str | None) -> bool:
    """True when ``version`` is a Keras older than :data:`MIN_KERAS_MAJOR` (chapter 07 needs 3).

    Examples
    --------
    >>> keras_too_old("2.15.0"), keras_too_old("3.13.2"), keras_too_old(None)
    (True, False, False)
    """
    if not version:
        return False
    major = version.split(".", 1)[0]
    return major.isdigit() and int(major) < MIN_KERAS_MAJOR


#: What the setup line says when the Keras is too old (the training chapters cannot run).
OLD_KERAS_NOTE = (
    "주의: 7·8장은 Keras 3(TensorFlow 2.16 이상)이 필요합니다. 이 환경의 Keras {version}으로는 "
    '모델을 훈련할 수 없습니다: pip install -U "tensorflow>=2.16" 후 런타임을 다시 시작하세요'
)


class KerasVersionError(RuntimeError):
    """The installed Keras is older than Keras 3; the message says what to install."""


def require_keras():
    """Import Keras (TensorFlow quietly first) and return it; refuse Keras 2 with the fix.

    The training helpers (chapters 07 and 08) call this, so an old TensorFlow
    fails at once with what to install, not deep inside Keras.

    Examples
    --------
    >>> require_keras().__version__.split(".")[0] >= "3"
    True
    """
    import_tensorflow_quietly()
    import keras

    if keras_too_old(keras.__version__):
        raise KerasVersionError(
            f"Keras {keras.__version__} is installed; this book needs Keras "
            f'{MIN_KERAS_MAJOR} (TensorFlow 2.16 or newer): pip install -U "tensorflow>=2.16", '
            "then restart the kernel"
        )
    return keras


#: What the setup line says about reproducibility, by runtime (CPU, GPU).
DETERMINISM_NOTE = {
    False: "결정적 연산: 켜짐(같은 컴퓨터에서 다시 실행하면 같은 결과)",
    True: "결정적 연산: 꺼짐(GPU 실행은 빠르지만 실행마다 결과가 조금씩 다를 수 있음)",
}


def _versions() -> tuple[str | None, str | None, bool]:
    """Return (TensorFlow version, Keras version, GPU present) or Nones."""
    try:
        tf = import_tensorflow_quietly()
        import keras
    except ImportError:
        return None, None, False
    return tf.__version__, keras.__version__, bool(visible_gpus())


def edition() -> str:
    """Name this edition of the book: cnn_utils' version and its release date.

    The setup cell prints it (through :func:`environment_summary`) and the web
    book's footer shows it, so a reader can tell which edition a notebook is.

    Examples
    --------
    >>> import cnn_utils
    >>> edition() == f"{cnn_utils.__version__}판 ({cnn_utils.EDITION_DATE})"
    True
    """
    from cnn_utils import EDITION_DATE, __version__

    return f"{__version__}판 ({EDITION_DATE})"


def environment_summary() -> str:
    """Return one line describing the edition and the environment the chapter runs in.

    Examples
    --------
    >>> line = environment_summary()
    >>> line.startswith(f"cnn_utils {edition()} | Python ")
    True
    >>> "Colab" in line and "GPU" in line
    True
    """
    tf_version, keras_version, gpu = _versions()
    parts = [f"cnn_utils {edition()}", f"Python {platform.python_version()}"]
    parts.append(f"TensorFlow {tf_version}" if tf_version else "TensorFlow 없음")
    parts.append(f"Keras {keras_version}" if keras_version else "Keras 없음")
    if keras_too_old(keras_version):
        parts.append(OLD_KERAS_NOTE.format(version=keras_version))
    parts.append("Colab: 예" if in_colab() else "Colab: 아니오")
    parts.append("GPU: 있음" if gpu else "GPU: 없음")
    if tf_version:
        parts.append(DETERMINISM_NOTE[gpu])
    parts.append("빠른 모드(quick): 켜짐" if quick_mode() else "빠른 모드(quick): 꺼짐")
    return " | ".join(parts)


def setup(seed: int = 42) -> str:
    """Prepare a chapter: seeds, deterministic ops, Korean font; return a summary.

    Seeds Python's ``random``, NumPy and TensorFlow (through
    ``keras.utils.set_random_seed``), turns on TensorFlow's op determinism so
    two runs on the same machine train identically, and makes Hangul render
    in matplotlib. Called by the setup cell at the top of every chapter.

    Op determinism is turned on only when no GPU is visible. On a GPU (Colab's
    GPU runtime) some TensorFlow versions raise ``UnimplementedError`` for ops
    without a deterministic GPU kernel (the sparse softmax cross-entropy
    gradient, the MaxPool gradient under XLA), and the deterministic kernels
    that exist are slow. There the chapters run fast but not bit-for-bit
    reproducibly, and the returned line says so. In a notebook, figures are shown
    sharp on high-density screens and measured (:mod:`cnn_utils.viz.display`).
    On a GPU determinism stays as
    TensorFlow starts, off: a runtime's GPUs do not change while it runs, so
    nothing has turned it on (TensorFlow has no public switch to turn it off).

    Parameters
    ----------
    seed : int
        Seed for every random number generator, ``0 <= seed < 2**32`` (NumPy's
        range); checked before anything is seeded.

    Returns
    -------
    str
        One line: Python, TensorFlow and Keras versions, Colab or not, GPU or
        not, deterministic ops or not, quick mode or not.

    Examples
    --------
    >>> line = setup(seed=7)
    >>> import numpy as np
    >>> first = np.random.rand()
    >>> _ = setup(seed=7)
    >>> first == np.random.rand()
    True
    >>> setup(seed=-1)
    Traceback (most recent call last):
    ...
    ValueError: seed must be an integer with 0 <= seed < 2**32, got -1
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= seed < 2**32:
        raise ValueError(f"seed must be an integer with 0 <= seed < 2**32, got {seed!r}")
    seed = int(seed)
    random.seed(seed)
    np.random.seed(seed)
    try:
        tf = import_tensorflow_quietly()
        import keras
    except ImportError:  # the ops chapters still work without TensorFlow
        pass
    else:
        keras.utils.set_random_seed(seed)
        if not visible_gpus():  # see above: no determinism on a GPU
            tf.config.experimental.enable_op_determinism()
    use_korean_font()
    from cnn_utils.viz.display import use_sharp_figures

    use_sharp_figures()
    return environment_summary()
