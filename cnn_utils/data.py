"""Fashion-MNIST for the book: where it is found, and loading it with every file checked.

Introduced in chapter 01 (a real image under a hand-made filter) and used for
training in chapter 07. The loader reads the IDX files itself and checks each
one (magic number, dimensions, item counts, labels, SHA-256 of the content),
so a truncated download or a wrong file says which file and what is wrong
instead of failing somewhere deep inside NumPy or Keras.

Run ``python -m cnn_utils.data`` to check the data on this machine: it says
where Fashion-MNIST is found (exit 0) or what is wrong and how to fix it
(exit 3: found nowhere; 4: a file is damaged or unreadable).

The class names, the course's split and the scaling for the model are in
:mod:`cnn_utils.fashion`; chapters reach them from here (``data.CLASS_NAMES``).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import shutil
import sys
import tempfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np

from cnn_utils.fashion import CLASS_NAMES, ClassName, scale_images, train_validation_split

#: Folder of the Debian package ``dataset-fashion-mnist``.
SYSTEM_DIR = Path("/usr/share/datasets/fashion-mnist")

#: Environment variable naming a folder that holds the four files.
DATA_ENV = "CNN_BOOK_DATA"

#: Where Keras downloads Fashion-MNIST from (as ``keras.datasets.fashion_mnist``).
KERAS_BASE_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"

_HOW_TO_GET = (
    "How to get the data: on Debian/Ubuntu run `sudo apt-get install "
    "dataset-fashion-mnist` (files in /usr/share/datasets/fashion-mnist); "
    "or connect to the internet so that Keras downloads it (Colab does this "
    f"by itself); or put the four official .gz files in a folder named by ${DATA_ENV}."
)


class IdxSpec(NamedTuple):
    """What one Fashion-MNIST file must hold."""

    filename: str
    ndim: int
    shape: tuple[int, ...]
    sha256: str  # of the decompressed IDX content, header included


#: The four official files (Zalando's release, as Keras and Debian ship them).
FILES: dict[str, IdxSpec] = {
    "x_train": IdxSpec(
        "train-images-idx3-ubyte.gz",
        3,
        (60000, 28, 28),
        "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
    ),
    "y_train": IdxSpec(
        "train-labels-idx1-ubyte.gz",
        1,
        (60000,),
        "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
    ),
    "x_test": IdxSpec(
        "t10k-images-idx3-ubyte.gz",
        3,
        (10000, 28, 28),
        "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
    ),
    "y_test": IdxSpec(
        "t10k-labels-idx1-ubyte.gz",
        1,
        (10000,),
        "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
    ),
}


class DataFileError(ValueError):
    """A Fashion-MNIST file is present but unusable (the message says why)."""


class DataNotFoundError(FileNotFoundError):
    """Fashion-MNIST is in none of the places the loader looks."""


def project_dir() -> Path | None:
    """Return the book's checkout when the package runs from one, else None.

    Examples
    --------
    >>> root = project_dir()
    >>> root is None or (root / "_config.yml").is_file()
    True
    """
    root = Path(__file__).resolve().parent.parent
    return root if (root / "_config.yml").is_file() else None


def data_root() -> Path:
    """Return the folder for data the book keeps: the checkout's ``data/``.

    Outside a checkout (the package installed in Colab, say) it is
    ``./data`` under the current working directory.

    Examples
    --------
    >>> data_root().name
    'data'
    """
    root = project_dir()
    return (root if root is not None else Path.cwd()) / "data"


def user_data_dir() -> Path:
    """Return the first folder the loader looks in: ``$CNN_BOOK_DATA`` or ``data/fashion-mnist``.

    Examples
    --------
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"CNN_BOOK_DATA": "/tmp/somewhere"}):
    ...     str(user_data_dir())
    '/tmp/somewhere'
    >>> with mock.patch.dict(os.environ):
    ...     _ = os.environ.pop("CNN_BOOK_DATA", None)
    ...     user_data_dir().parts[-2:]
    ('data', 'fashion-mnist')
    """
    env = os.environ.get(DATA_ENV)
    return Path(env).expanduser() if env else data_root() / "fashion-mnist"


def _book_files(folder: Path) -> list[Path]:
    """The Fashion-MNIST files (of :data:`FILES`) that are in ``folder``, in that order."""
    return [folder / spec.filename for spec in FILES.values() if (folder / spec.filename).is_file()]


def _delete_advice(folder: Path) -> str:
    """How to make the loader skip ``folder``: delete the Fashion-MNIST files in it, by name.

    Only files the loader reads are named, never a folder: the folder may be
    the user's own (``$CNN_BOOK_DATA=~/Downloads``) with other files in it.
    """
    files = _book_files(folder)
    if not files:
        return ""
    return (
        f"Or delete the Fashion-MNIST file(s) there, only these: {', '.join(map(str, files))}; "
        "then load again: the loader reads the next source (the Debian package, or Keras's "
        "download, which it copies into the folder once it holds none of the four files). "
    )


def _fix_hint(path: Path) -> str:
    """What gets good data after a bad file at ``path``."""
    if SYSTEM_DIR in path.parents:
        return "Reinstall it with `sudo apt-get install --reinstall dataset-fashion-mnist`."
    return (
        f"Replace it with the official file {path.name} (Zalando's release, as Keras "
        f"downloads it). {_delete_advice(path.parent)}{_HOW_TO_GET}"
    )


def _fail(path: Path, problem: str) -> DataFileError:
    return DataFileError(f"{path}: {problem}. {_fix_hint(path)}")


def parse_idx(content: bytes, spec: IdxSpec, path: Path | str = "<bytes>") -> np.ndarray:
    """Decode decompressed IDX ``content`` and check it against ``spec``.

    Checks, in order: the magic number (unsigned bytes, ``spec.ndim``
    dimensions), the item count and item size, the payload length, labels in
    0-9 (for 1-D files), and the SHA-256 digest of the whole content.

    Raises
    ------
    DataFileError
        Naming ``path`` and the problem.

    Examples
    --------
    >>> content = bytes([0, 0, 8, 1, 0, 0, 0, 3, 0, 9, 3])   # magic, 3 items, labels 0 9 3
    >>> spec = IdxSpec("labels.gz", 1, (3,), hashlib.sha256(content).hexdigest())
    >>> parse_idx(content, spec)
    array([0, 9, 3], dtype=uint8)
    >>> parse_idx(content[:-1], spec)
    Traceback (most recent call last):
    ...
    cnn_utils.data.DataFileError: <bytes>: the header promises 3 bytes of data but 2 follow (the file is truncated). ...
    """  # noqa: E501 (doctest output lines are data)
    path = Path(path)
    if len(content) < 4:
        raise _fail(path, f"only {len(content)} bytes, too short for an IDX header")
    magic = int.from_bytes(content[:4], "big")
    expected_magic = 0x0800 + spec.ndim
    if magic != expected_magic:
        raise _fail(
            path,
            f"wrong magic number 0x{magic:08X}, expected 0x{expected_magic:08X} "
            f"(IDX of unsigned bytes with {spec.ndim} dimension(s)); this is not "
            f"the file {spec.filename}",
        )
    header_len = 4 + 4 * spec.ndim
    if len(content) < header_len:
        raise _fail(path, "the IDX header is cut short (the file is truncated)")
    dims = tuple(int.from_bytes(content[4 + 4 * i : 8 + 4 * i], "big") for i in range(spec.ndim))
    if dims[0] != spec.shape[0]:
        raise _fail(path, f"holds {dims[0]} items, expected {spec.shape[0]}")
    if dims[1:] != spec.shape[1:]:
        size = "x".join(map(str, dims[1:]))
        want = "x".join(map(str, spec.shape[1:]))
        raise _fail(path, f"items are {size}, expected {want}")
    payload = len(content) - header_len
    expected_payload = int(np.prod(dims))
    if payload < expected_payload:
        raise _fail(
            path,
            f"the header promises {expected_payload} bytes of data but {payload} "
            "follow (the file is truncated)",
        )
    if payload > expected_payload:
        raise _fail(path, f"{payload - expected_payload} unexpected bytes after the data")
    array = np.frombuffer(content, dtype=np.uint8, offset=header_len).reshape(dims)
    if spec.ndim == 1 and array.size and array.max() > 9:
        bad = int(np.argmax(array > 9))
        raise _fail(path, f"label {array[bad]} at index {bad} is outside 0-9")
    digest = hashlib.sha256(content).hexdigest()
    if digest != spec.sha256:
        raise _fail(
            path,
            f"content SHA-256 is {digest[:16]}..., expected {spec.sha256[:16]}...: "
            "not the official Fashion-MNIST file",
        )
    return array.copy()  # writable, independent of the decompressed buffer


def read_idx_gz(path: Path | str, spec: IdxSpec) -> np.ndarray:
    """Read and check one gzip-compressed IDX file.

    Raises
    ------
    DataFileError
        If the gzip stream is corrupt or truncated, or :func:`parse_idx` fails.

    Examples
    --------
    >>> import tempfile
    >>> content = bytes([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 3]) + bytes(18)
    >>> spec = IdxSpec("x.gz", 3, (2, 3, 3), hashlib.sha256(content).hexdigest())
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = Path(d, "x.gz").write_bytes(gzip.compress(content))
    ...     read_idx_gz(Path(d, "x.gz"), spec).shape
    (2, 3, 3)
    """
    path = Path(path)
    try:
        with gzip.open(path, "rb") as f:
            content = f.read()
    except FileNotFoundError:
        raise _fail(path, "the file does not exist") from None
    except PermissionError:
        raise DataFileError(
            f"{path}: cannot be read (permission denied); the file itself may be fine. Give "
            f"your user read permission (`chmod u+r {path}`, or ask its owner), or set "
            f"${DATA_ENV} to another folder that holds the four files."
        ) from None
    except IsADirectoryError:
        raise _fail(path, "a folder, not a file") from None
    except EOFError as e:
        raise _fail(path, f"the gzip stream is truncated ({e})") from None
    except (gzip.BadGzipFile, zlib.error, OSError) as e:
        raise _fail(path, f"not a valid gzip file ({e})") from None
    return parse_idx(content, spec, path)


def _folder_problem(folder: Path) -> str | None:
    """Why ``folder`` holds no Fashion-MNIST to read, or None when it holds some of the files."""
    if not folder.exists():
        return "no such folder"
    if not folder.is_dir():
        return "a file, not a folder"
    try:
        names = {p.name for p in folder.iterdir()}
    except OSError as e:
        return f"cannot be read ({e.strerror or e})"
    wanted = [spec.filename for spec in FILES.values()]
    if names & set(wanted):
        return None
    unzipped = [w[:-3] for w in wanted if w[:-3] in names]
    if unzipped:
        return (
            f"holds {', '.join(unzipped)} without gzip compression; the loader reads the "
            f"official .gz files ({', '.join(wanted)}): compress them with `gzip FILE`"
        )
    other_case = sorted(n for n in names if n.lower() in wanted)
    if other_case:
        return (
            f"holds {', '.join(other_case)}: rename to the exact lower-case names "
            f"({', '.join(wanted)})"
        )
    return f"none of the four Fashion-MNIST files ({', '.join(wanted)}) is there"


def _read_folder(folder: Path) -> dict[str, np.ndarray]:
    """Read and check the four files of a folder that holds at least one of them."""
    missing = [spec.filename for spec in FILES.values() if not (folder / spec.filename).is_file()]
    if missing:
        raise DataFileError(
            f"{folder}: incomplete Fashion-MNIST folder, missing {', '.join(missing)}. "
            f"Add the missing file(s) (the official .gz files). {_delete_advice(folder)}"
            f"{_HOW_TO_GET}"
        )
    return {key: read_idx_gz(folder / spec.filename, spec) for key, spec in FILES.items()}


def _keras_download() -> dict[str, Path]:
    """Download (or find in Keras's cache) the four files; return their paths."""
    import keras  # imported here: the loader works without TensorFlow otherwise

    subdir = os.path.join("datasets", "fashion-mnist")
    return {
        key: Path(
            keras.utils.get_file(
                spec.filename, origin=KERAS_BASE_URL + spec.filename, cache_subdir=subdir
            )
        )
        for key, spec in FILES.items()
    }


def _is_empty_or_missing(folder: Path) -> bool:
    """Whether the download may be copied to ``folder``: it is not there, or an empty folder."""
    try:
        return not folder.exists() or (folder.is_dir() and not any(folder.iterdir()))
    except OSError:
        return False


def cache_files(paths: dict[str, Path], folder: Path) -> bool:
    """Copy verified files into ``folder`` all at once (a renamed temporary folder).

    :func:`load_fashion_mnist` keeps Keras's download this way (chapter 01 loads the data
    first). Whatever stops the copy (a full disk, Ctrl-C) removes the temporary folder:
    ``folder`` appears with all four files or not at all. An empty ``folder`` (the four files
    deleted as an error message advised) is replaced. Returns whether ``folder`` was written.

    Examples
    --------
    >>> with tempfile.TemporaryDirectory() as d:
    ...     source = Path(d, "labels.gz")
    ...     _ = source.write_bytes(b"x")
    ...     kept = cache_files({"y_test": source}, Path(d, "cache", "fashion-mnist"))
    ...     kept, sorted(p.name for p in Path(d, "cache", "fashion-mnist").iterdir())
    (True, ['t10k-labels-idx1-ubyte.gz'])
    """
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    except OSError:
        return False
    try:
        for key, path in paths.items():
            shutil.copyfile(path, tmp / FILES[key].filename)
        tmp.rename(folder)
        return True
    except OSError:
        return False
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


Arrays = tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


def load_fashion_mnist(
    *,
    data_dir: Path | str | None = None,
    system_dir: Path | str | None = None,
    download: bool = True,
    verbose: bool = True,
) -> Arrays:
    """Load Fashion-MNIST as ``((x_train, y_train), (x_test, y_test))``.

    The arrays are ``uint8`` and identical to
    ``keras.datasets.fashion_mnist.load_data()``: images (60000, 28, 28) and
    (10000, 28, 28), labels (60000,) and (10000,). Introduced in chapter 01.

    The loader looks, in order, in

    1. ``data_dir`` (default ``$CNN_BOOK_DATA``, else the book's ``data/fashion-mnist``),
    2. ``system_dir`` (the Debian package ``dataset-fashion-mnist``),
    3. Keras's download (``keras.utils.get_file``; needs the internet), whose
       checked files are then copied into ``data_dir`` for the next time,

    and says which one it used, and why a folder named by ``data_dir`` or
    ``$CNN_BOOK_DATA`` was skipped. Every file is checked (see :func:`parse_idx`).

    Parameters
    ----------
    data_dir : path, optional
        First folder to look in.
    system_dir : path, optional
        Second folder to look in (default :data:`SYSTEM_DIR`).
    download : bool
        Whether to try Keras's download.
    verbose : bool
        Print which source was used.

    Raises
    ------
    DataNotFoundError
        Listing every place tried and how to get the data.
    DataFileError
        A file was found but is corrupt; the message names it and the fix.

    Examples
    --------
    >>> (x_train, y_train), (x_test, y_test) = load_fashion_mnist(verbose=False)
    >>> x_train.shape, x_train.dtype, y_test[:5]
    ((60000, 28, 28), dtype('uint8'), array([9, 2, 1, 1, 6], dtype=uint8))
    """
    named = data_dir is not None or bool(os.environ.get(DATA_ENV))
    folder = Path(data_dir).expanduser() if data_dir is not None else user_data_dir()
    system_dir = Path(system_dir) if system_dir is not None else SYSTEM_DIR
    tried: list[tuple[str, str]] = []
    arrays, source = None, ""
    for place, label in (
        (folder, "책의 데이터 폴더"),
        (system_dir, "이 컴퓨터에 설치된 Debian 패키지 dataset-fashion-mnist"),
    ):
        problem = _folder_problem(place)
        if problem is None:
            named_folder = place == folder and named
            arrays, source = _read_folder(place), f"{label} ({place})" if named_folder else label
            break
        tried.append((str(place), problem))
    if arrays is None:
        where = f"Keras download from {KERAS_BASE_URL}"
        if not download:
            tried.append((where, "not tried (download=False)"))
        else:
            try:
                paths = _keras_download()
            except ImportError:
                tried.append((where, "Keras is not installed"))
            except Exception as e:  # network errors come in many types
                tried.append((where, f"failed: {type(e).__name__}: {e}"))
            else:
                arrays = {key: read_idx_gz(paths[key], spec) for key, spec in FILES.items()}
                cached = cache_files(paths, folder) if _is_empty_or_missing(folder) else False
                source = "Keras 다운로드" + (
                    f" (다음부터는 {folder}에서 읽습니다)" if cached else ""
                )
    if arrays is None:
        lines = [f"  {i}. {place}: {outcome}" for i, (place, outcome) in enumerate(tried, 1)]
        raise DataNotFoundError(
            "Fashion-MNIST was not found. Places tried:\n" + "\n".join(lines) + "\n" + _HOW_TO_GET
        )
    if verbose:
        print(f"Fashion-MNIST: {source}에서 읽었습니다.")
        if named and tried and tried[0][0] == str(folder):
            print(f"  (지정한 폴더를 건너뛰었습니다: {folder}: {tried[0][1]})")
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


#: Exit status of ``python -m cnn_utils.data`` when Fashion-MNIST is in none of the local places.
EXIT_NOT_FOUND = 3
#: Exit status when a file was found but is unusable (the message names it and the fix).
EXIT_UNUSABLE = 4


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m cnn_utils.data``: check the local data; say where it is or how to get it.

    Exit status 0 when Fashion-MNIST loads from this machine (no download),
    :data:`EXIT_NOT_FOUND` when it is nowhere, :data:`EXIT_UNUSABLE` when a
    file is there but damaged or unreadable, 2 for an unknown option.
    ``tools/ensure_system.sh`` installs the Debian package only when it is
    nowhere, and shows the message otherwise.
    """
    parser = argparse.ArgumentParser(
        prog="python -m cnn_utils.data", description="Check the local Fashion-MNIST files."
    )
    parser.parse_args(argv)
    try:
        load_fashion_mnist(download=False)
    except DataNotFoundError as e:
        print(e, file=sys.stderr)
        return EXIT_NOT_FOUND
    except DataFileError as e:
        print(e, file=sys.stderr)
        return EXIT_UNUSABLE
    return 0


__all__ = [
    "CLASS_NAMES",
    "DATA_ENV",
    "EXIT_NOT_FOUND",
    "EXIT_UNUSABLE",
    "FILES",
    "KERAS_BASE_URL",
    "SYSTEM_DIR",
    "ClassName",
    "DataFileError",
    "DataNotFoundError",
    "IdxSpec",
    "data_root",
    "load_fashion_mnist",
    "main",
    "parse_idx",
    "project_dir",
    "read_idx_gz",
    "scale_images",
    "train_validation_split",
    "user_data_dir",
]

if __name__ == "__main__":
    raise SystemExit(main())
