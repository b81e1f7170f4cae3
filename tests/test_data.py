"""Tests of cnn_utils.data: the checked Fashion-MNIST loader and where it looks."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from cnn_utils import data

SYSTEM_FILES = all((data.SYSTEM_DIR / s.filename).is_file() for s in data.FILES.values())
needs_system_data = pytest.mark.skipif(
    not SYSTEM_FILES, reason="needs the Debian package dataset-fashion-mnist"
)


# ---------------------------------------------------------------- small files


def idx_bytes(array: np.ndarray) -> bytes:
    """The IDX encoding (header + data) of an unsigned-byte array: parse_idx's inverse."""
    array = np.ascontiguousarray(array, dtype=np.uint8)
    header = bytes([0, 0, 0x08, array.ndim])
    header += b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    return header + array.tobytes()


def test_idx_bytes_round_trip():
    labels = np.array([1, 2], dtype=np.uint8)
    content = idx_bytes(labels)
    assert content.hex() == "00000801000000020102"
    spec = data.IdxSpec("l.gz", 1, (2,), hashlib.sha256(content).hexdigest())
    np.testing.assert_array_equal(data.parse_idx(content, spec), labels)


def _small_arrays(seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {
        "x_train": rng.integers(0, 256, (6, 4, 4), dtype=np.uint8),
        "y_train": rng.integers(0, 10, 6, dtype=np.uint8),
        "x_test": rng.integers(0, 256, (3, 4, 4), dtype=np.uint8),
        "y_test": rng.integers(0, 10, 3, dtype=np.uint8),
    }


@pytest.fixture
def small(monkeypatch, tmp_path):
    """Four small, valid IDX files in tmp_path/'good', with FILES pointing at them."""
    arrays = _small_arrays()
    specs = {}
    good = tmp_path / "good"
    good.mkdir()
    for key, spec in data.FILES.items():
        content = idx_bytes(arrays[key])
        specs[key] = data.IdxSpec(
            spec.filename, spec.ndim, arrays[key].shape, hashlib.sha256(content).hexdigest()
        )
        (good / spec.filename).write_bytes(gzip.compress(content))
    monkeypatch.setattr(data, "FILES", specs)
    monkeypatch.delenv(data.DATA_ENV, raising=False)
    return good, arrays


def _load(folder, **kwargs):
    kwargs.setdefault("system_dir", folder.parent / "no-system-dir")
    kwargs.setdefault("download", False)
    return data.load_fashion_mnist(data_dir=folder, verbose=False, **kwargs)


def _corrupt(folder: Path, key: str, content: bytes | None = None, raw: bytes | None = None):
    path = folder / data.FILES[key].filename
    path.write_bytes(raw if raw is not None else gzip.compress(content))
    return path


def test_reads_small_files(small):
    good, arrays = small
    (x_train, y_train), (x_test, y_test) = _load(good)
    np.testing.assert_array_equal(x_train, arrays["x_train"])
    np.testing.assert_array_equal(y_test, arrays["y_test"])
    assert x_train.dtype == np.uint8 and x_train.flags.writeable


def test_says_which_source(small, capsys):
    good, _ = small
    data.load_fashion_mnist(data_dir=good, system_dir=good.parent / "none", download=False)
    assert f"책의 데이터 폴더 ({good})" in capsys.readouterr().out


def test_data_env_variable_is_the_first_place(small, monkeypatch, capsys):
    good, _ = small
    monkeypatch.setenv(data.DATA_ENV, str(good))
    data.load_fashion_mnist(system_dir=good.parent / "none", download=False)
    assert str(good) in capsys.readouterr().out


def test_falls_back_to_system_dir(small, tmp_path, capsys):
    good, _ = small
    data.load_fashion_mnist(data_dir=tmp_path / "empty", system_dir=good, download=False)
    assert "Debian 패키지" in capsys.readouterr().out


def test_found_nowhere_lists_every_place(small, tmp_path, monkeypatch):
    def offline():
        raise OSError("URL fetch failure: no internet")

    monkeypatch.setattr(data, "_keras_download", offline)
    with pytest.raises(data.DataNotFoundError) as err:
        data.load_fashion_mnist(data_dir=tmp_path / "a", system_dir=tmp_path / "b", verbose=False)
    message = str(err.value)
    assert f"1. {tmp_path / 'a'}: no such folder" in message
    assert f"2. {tmp_path / 'b'}: no such folder" in message
    assert "3. Keras download" in message and "no internet" in message
    assert "apt-get install dataset-fashion-mnist" in message


def test_found_nowhere_without_keras_says_so(small, tmp_path, monkeypatch):
    def no_keras():
        raise ImportError("No module named 'keras'")

    monkeypatch.setattr(data, "_keras_download", no_keras)
    with pytest.raises(data.DataNotFoundError, match="Keras is not installed"):
        data.load_fashion_mnist(data_dir=tmp_path / "a", system_dir=tmp_path / "b", verbose=False)


def test_download_is_checked_and_cached_whole(small, tmp_path, capsys, monkeypatch):
    good, arrays = small
    cache = tmp_path / "cache" / "fashion-mnist"
    paths = {key: good / spec.filename for key, spec in data.FILES.items()}
    monkeypatch.setattr(data, "_keras_download", lambda: paths)
    data.load_fashion_mnist(data_dir=cache, system_dir=tmp_path / "none")
    assert "Keras 다운로드" in capsys.readouterr().out
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        s.filename for s in data.FILES.values()
    )
    (x_train, _), _ = _load(cache)  # the next load reads the cache
    np.testing.assert_array_equal(x_train, arrays["x_train"])


def test_corrupt_download_is_not_cached(small, tmp_path, monkeypatch):
    good, arrays = small
    bad = _corrupt(good, "y_test", idx_bytes(arrays["y_test"] + 100))
    cache = tmp_path / "cache"
    paths = {key: good / spec.filename for key, spec in data.FILES.items()}
    monkeypatch.setattr(data, "_keras_download", lambda: paths)
    with pytest.raises(data.DataFileError, match=str(bad)):
        data.load_fashion_mnist(data_dir=cache, system_dir=tmp_path / "none", verbose=False)
    assert not cache.exists()
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_truncated_gzip(small):
    good, _ = small
    path = good / data.FILES["x_train"].filename
    path.write_bytes(path.read_bytes()[:-20])
    with pytest.raises(data.DataFileError) as err:
        _load(good)
    assert str(path) in str(err.value) and "truncated" in str(err.value)


def test_not_gzip(small):
    good, _ = small
    path = _corrupt(good, "x_test", raw=b"this is not a gzip file at all")
    with pytest.raises(data.DataFileError, match="not a valid gzip file") as err:
        _load(good)
    assert str(path) in str(err.value)


def test_wrong_magic_number(small):
    good, arrays = small
    content = bytearray(idx_bytes(arrays["y_train"]))
    content[3] = 3  # claims three dimensions
    path = _corrupt(good, "y_train", bytes(content))
    with pytest.raises(
        data.DataFileError, match=r"wrong magic number 0x00000803, expected 0x00000801"
    ) as err:
        _load(good)
    assert str(path) in str(err.value)


def test_wrong_item_count(small):
    good, arrays = small
    path = _corrupt(good, "x_train", idx_bytes(arrays["x_train"][:5]))
    with pytest.raises(data.DataFileError, match="holds 5 items, expected 6") as err:
        _load(good)
    assert str(path) in str(err.value)


def test_wrong_dimensions(small):
    good, _ = small
    path = _corrupt(good, "x_test", idx_bytes(np.zeros((3, 5, 4), dtype=np.uint8)))
    with pytest.raises(data.DataFileError, match="items are 5x4, expected 4x4") as err:
        _load(good)
    assert str(path) in str(err.value)


def test_payload_shorter_than_header_says(small):
    good, arrays = small
    path = _corrupt(good, "x_test", idx_bytes(arrays["x_test"])[:-7])
    with pytest.raises(data.DataFileError, match="promises 48 bytes of data but 41 follow") as err:
        _load(good)
    assert str(path) in str(err.value)


def test_label_out_of_range(small):
    good, arrays = small
    labels = arrays["y_test"].copy()
    labels[1] = 12
    path = _corrupt(good, "y_test", idx_bytes(labels))
    with pytest.raises(data.DataFileError, match="label 12 at index 1 is outside 0-9") as err:
        _load(good)
    assert str(path) in str(err.value)


def test_digest_mismatch(small):
    good, arrays = small
    images = arrays["x_train"].copy()
    images[0, 0, 0] ^= 1  # one bit: the structure is fine, the content is not
    path = _corrupt(good, "x_train", idx_bytes(images))
    with pytest.raises(data.DataFileError, match="SHA-256") as err:
        _load(good)
    assert str(path) in str(err.value) and "official" in str(err.value)


def test_incomplete_folder_names_missing_file(small):
    good, _ = small
    (good / data.FILES["y_test"].filename).unlink()
    with pytest.raises(data.DataFileError, match="missing t10k-labels-idx1-ubyte.gz"):
        _load(good)


def test_error_in_system_dir_says_reinstall(small, monkeypatch):
    good, arrays = small
    monkeypatch.setattr(data, "SYSTEM_DIR", good)
    _corrupt(good, "y_train", idx_bytes(arrays["y_train"][:2]))
    with pytest.raises(data.DataFileError, match="apt-get install --reinstall"):
        data.load_fashion_mnist(
            data_dir=good.parent / "none", system_dir=good, download=False, verbose=False
        )


def test_cli_checks_and_says_where_or_why(tmp_path, small):
    good, _ = small
    env = dict(os.environ, **{data.DATA_ENV: str(tmp_path / "nothing")})
    code = (
        "import sys; from cnn_utils import data; data.SYSTEM_DIR = data.Path('/nonexistent'); "
        "sys.exit(data.main(sys.argv[1:]))"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode == data.EXIT_NOT_FOUND
    assert "Fashion-MNIST was not found" in result.stderr
    _corrupt(good, "y_test", raw=b"damaged")
    env[data.DATA_ENV] = str(good)
    damaged = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert damaged.returncode == data.EXIT_UNUSABLE and "t10k-labels" in damaged.stderr
    unknown = subprocess.run(
        [sys.executable, "-c", code, "--chek"], env=env, capture_output=True, text=True
    )
    assert unknown.returncode == 2 and "unrecognized arguments: --chek" in unknown.stderr


def _named_folder_beside_other_files(good: Path, tmp_path: Path) -> Path:
    """The four files in a folder that also holds the user's own files (``~/Downloads``)."""
    named = tmp_path / "Downloads"
    shutil.copytree(good, named)
    (named / "photo.jpg").write_bytes(b"the user's own file")
    (named / "notes").mkdir()
    return named


def _deleted_as_advised(message: str, folder: Path) -> list[str]:
    """Delete exactly the paths the message names inside ``folder``; return their names."""
    named = [p for p in folder.iterdir() if str(p) in message]
    for path in named:
        path.unlink()  # a folder here would raise: the advice may only name files
    return sorted(p.name for p in named)


def test_following_the_advice_for_a_bad_file_works(small, tmp_path, capsys):
    """The advice names the book's files only; following it leads to data, not to a second error,
    and leaves the user's other files alone."""
    good, arrays = small
    named = _named_folder_beside_other_files(good, tmp_path)
    bad = _corrupt(named, "x_test", raw=(named / data.FILES["x_test"].filename).read_bytes()[:20])
    with pytest.raises(data.DataFileError) as err:
        data.load_fashion_mnist(data_dir=named, system_dir=good, download=False, verbose=False)
    message = str(err.value)
    assert str(bad) in message and "Delete the folder" not in message
    assert _deleted_as_advised(message, named) == sorted(s.filename for s in data.FILES.values())
    (x_train, _), _ = data.load_fashion_mnist(data_dir=named, system_dir=good, download=False)
    np.testing.assert_array_equal(x_train, arrays["x_train"])
    assert sorted(p.name for p in named.iterdir()) == ["notes", "photo.jpg"]


def test_advice_for_an_incomplete_folder_works(small, tmp_path):
    good, _ = small
    named = _named_folder_beside_other_files(good, tmp_path)
    (named / data.FILES["y_test"].filename).unlink()
    with pytest.raises(data.DataFileError, match="missing t10k-labels-idx1-ubyte.gz") as err:
        data.load_fashion_mnist(data_dir=named, system_dir=good, download=False)
    assert "Delete the folder" not in str(err.value)
    assert len(_deleted_as_advised(str(err.value), named)) == 3
    data.load_fashion_mnist(data_dir=named, system_dir=good, download=False, verbose=False)
    assert sorted(p.name for p in named.iterdir()) == ["notes", "photo.jpg"]


def test_an_unreadable_file_is_not_called_corrupt(small, monkeypatch):
    good, _ = small
    real_open = gzip.open

    def deny(path, *args, **kwargs):
        if Path(path).name == data.FILES["y_train"].filename:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(data.gzip, "open", deny)
    with pytest.raises(data.DataFileError) as err:
        _load(good)
    message = str(err.value)
    assert "permission" in message.lower() and "chmod" in message
    assert "not a valid gzip" not in message and "Delete" not in message


def test_after_deleting_the_files_the_download_is_cached_in_the_emptied_folder(
    small, tmp_path, monkeypatch
):
    good, _ = small
    folder = tmp_path / "data" / "fashion-mnist"
    folder.mkdir(parents=True)  # what is left after deleting the four files as advised
    paths = {key: good / spec.filename for key, spec in data.FILES.items()}
    monkeypatch.setattr(data, "_keras_download", lambda: paths)
    data.load_fashion_mnist(data_dir=folder, system_dir=tmp_path / "none", verbose=False)
    assert sorted(p.name for p in folder.iterdir()) == sorted(paths[k].name for k in paths)


@pytest.mark.parametrize(
    "make,reason",
    [
        (lambda folder: folder.write_text("not a folder"), "a file, not a folder"),
        (
            lambda folder: (
                [folder.mkdir()]
                + [(folder / s.filename[:-3]).write_bytes(b"IDX") for s in data.FILES.values()]
            ),
            "without gzip compression",
        ),
        (
            lambda folder: (
                [folder.mkdir()]
                + [(folder / s.filename.upper()).write_bytes(b"x") for s in data.FILES.values()]
            ),
            "rename to the exact lower-case names",
        ),
    ],
)
def test_a_named_folder_that_is_skipped_says_why(
    small, tmp_path, monkeypatch, capsys, make, reason
):
    good, _ = small
    named = tmp_path / "named"
    make(named)
    monkeypatch.setenv(data.DATA_ENV, str(named))
    data.load_fashion_mnist(system_dir=good, download=False)
    out = capsys.readouterr().out
    assert "이 컴퓨터에 설치된 Debian 패키지 dataset-fashion-mnist에서 읽었습니다" in out
    assert str(good) not in out  # where a package lives is not the student's business
    assert f"지정한 폴더를 건너뛰었습니다: {named}" in out and reason in out


def test_interrupted_caching_leaves_nothing(small, tmp_path, monkeypatch):
    good, _ = small
    paths = {key: good / spec.filename for key, spec in data.FILES.items()}
    calls, real_copy = [], shutil.copyfile

    def copy_then_interrupt(src, dst):  # Ctrl-C after the first file
        if calls:
            raise KeyboardInterrupt
        calls.append(dst)
        return real_copy(src, dst)

    monkeypatch.setattr(data.shutil, "copyfile", copy_then_interrupt)
    cache = tmp_path / "cache" / "fashion-mnist"
    with pytest.raises(KeyboardInterrupt):
        data.cache_files(paths, cache)
    assert list((tmp_path / "cache").iterdir()) == []  # no hidden .fashion-mnist-* folder


# ---------------------------------------------------------------- real data


@needs_system_data
def test_real_data_shapes_and_labels():
    (x_train, y_train), (x_test, y_test) = data.load_fashion_mnist(
        data_dir="/nonexistent", verbose=False, download=False
    )
    assert x_train.shape == (60000, 28, 28) and x_test.shape == (10000, 28, 28)
    assert y_train.shape == (60000,) and y_test.shape == (10000,)
    assert x_train.dtype == y_train.dtype == np.uint8
    assert np.bincount(y_train).tolist() == [6000] * 10
    assert y_test[:5].tolist() == [9, 2, 1, 1, 6]


#: Run in a fresh Python with KERAS_HOME pointing at a cache holding the real files (Keras
#: reads KERAS_HOME when it is imported): Keras's own loader, and ours through Keras's download.
KERAS_CHECKS = """
import sys
import numpy as np, keras
from cnn_utils import data
ours = data.load_fashion_mnist(data_dir='/nonexistent', verbose=False, download=False)
theirs = keras.datasets.fashion_mnist.load_data()
same = all(
    u.dtype == v.dtype and u.shape == v.shape and np.array_equal(u, v)
    for a, b in zip(ours, theirs, strict=True)
    for u, v in zip(a, b, strict=True)
)
print('keras load_data:', 'identical' if same else 'DIFFERENT')
(x, y), _ = data.load_fashion_mnist(data_dir=sys.argv[1], system_dir='/nonexistent')
print('downloaded:', x.shape)
"""


@pytest.fixture(scope="module")
def keras_checks(tmp_path_factory):
    """One fresh Python (one TensorFlow import) for both checks through Keras's cache."""
    root = tmp_path_factory.mktemp("keras-checks")
    cache = root / "keras" / "datasets" / "fashion-mnist"
    cache.mkdir(parents=True)
    for spec in data.FILES.values():
        (cache / spec.filename).symlink_to(data.SYSTEM_DIR / spec.filename)
    target = root / "book-data"
    env = dict(os.environ, KERAS_HOME=str(root / "keras"), TF_CPP_MIN_LOG_LEVEL="3")
    result = subprocess.run(
        [sys.executable, "-c", KERAS_CHECKS, str(target)], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout, target


@pytest.mark.slow
@needs_system_data
def test_identical_to_keras_load_data(keras_checks):
    """Keras's own loader, fed the same files through its cache, agrees array for array."""
    stdout, _ = keras_checks
    assert "keras load_data: identical" in stdout


@pytest.mark.slow
@needs_system_data
def test_keras_download_path_with_real_files(keras_checks):
    """The third source, through keras.utils.get_file and its cache (no network needed)."""
    stdout, target = keras_checks
    assert "Keras 다운로드" in stdout and "downloaded: (60000, 28, 28)" in stdout
    assert len(list(target.glob("*.gz"))) == 4
