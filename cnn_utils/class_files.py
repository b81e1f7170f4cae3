"""A class's results files, read without trusting them (the **Class** reader's input).

:func:`read_class` takes what an instructor gives (files, folders, globs, the
zip an LMS hands out) and returns the students whose files can be counted and,
for every other file, why not, in Korean (:data:`REASONS`): malformed,
truncated, another edition or not this book, the same student twice, too
large, a zip bomb, a path that leaves the zip. Nothing outside the given files
is read; a bad file never stops the others. :mod:`cnn_utils.report` counts and
draws what this returns.
"""

from __future__ import annotations

import glob
import hashlib
import html
import json
import os
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cnn_utils import __version__
from cnn_utils.results import FORMAT, VERSION, consistent, exercise_list, validate

# Limits for reading a class's files: a results file is a few kilobytes.
#: Largest results file read, in bytes.
MAX_FILE_BYTES = 1 << 20
#: Largest zip file opened, in bytes.
MAX_ZIP_BYTES = 200 << 20
#: Most entries read from one zip, and most uncompressed bytes in all of them together.
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_TOTAL = 100 << 20

#: Why a file was not counted (Korean, shown in the report's 「읽지 못한 파일」).
REASONS = {
    "missing": "찾을 수 없습니다",
    "link": "링크는 따라가지 않습니다(준 파일과 폴더 밖을 읽지 않음)",
    "large": "파일이 너무 큽니다({size}, 결과 파일은 {limit} 이하)",
    "not_json": "결과 파일(.json)이 아니라서 건너뛰었습니다",
    "zip_large": "zip 파일이 너무 큽니다({size}, {limit} 이하만 엽니다)",
    "zip_bad": "zip 파일을 열 수 없습니다(깨진 zip)",
    "zip_path": "zip 안의 경로가 폴더 밖을 가리켜 무시했습니다",
    "zip_entries": "zip에 항목이 너무 많습니다({limit}개까지만 읽음)",
    "zip_member": "압축을 풀면 너무 큽니다({size}, 결과 파일은 {limit} 이하)",
    "zip_total": "zip 전체를 풀면 너무 큽니다({limit} 이상): 나머지는 읽지 않았습니다",
    "encoding": "UTF-8 텍스트가 아닙니다",
    "truncated": "파일이 중간에 끊겼습니다(잘린 JSON)",
    "malformed": "JSON 형식이 아닙니다(줄 {line}, 열 {column})",
    "foreign": "이 책의 결과 파일이 아닙니다",
    "format_version": "결과 파일 형식 버전 {version}은 읽을 수 없습니다(이 보고서는 버전 {ours})",
    "edition": "다른 판({edition})의 결과 파일입니다(이 보고서는 {ours}판)",
    "invalid": "형식에 맞지 않습니다: {problems}",
    "counts": "'{key}'의 숫자가 서로 맞지 않습니다(고친 파일일 수 있음)",
    "unknown": "이 판에 없는 연습이 있습니다: {keys}",
    "duplicate": "같은 학생의 파일이 또 있습니다: 더 늦게 저장한 {other}을(를) 셉니다",
}


def _size(n: int) -> str:
    """Bytes as the report writes them.

    >>> _size(1 << 20), _size(3 << 30), _size(512)
    ('1 MB', '3 GB', '512 바이트')
    """
    for unit, power in (("GB", 30), ("MB", 20), ("KB", 10)):
        if n >= 1 << power:
            return f"{n / (1 << power):g} {unit}"
    return f"{n} 바이트"


@dataclass(frozen=True)
class Item:
    """A file found among the given paths: its label, and its bytes or why it is not read."""

    label: str
    data: bytes | None = None
    reason: str | None = None


def _reason(kind: str, **slots) -> str:
    return REASONS[kind].format(**slots)


def _read_path(path: Path, label: str) -> Item:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return Item(label, reason=_reason("large", size=_size(size), limit=_size(MAX_FILE_BYTES)))
    with path.open("rb") as f:
        data = f.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        return Item(
            label, reason=_reason("large", size=_size(len(data)), limit=_size(MAX_FILE_BYTES))
        )
    return Item(label, data)


def _zip_path_ok(name: str) -> bool:
    """Whether a zip entry's name stays inside the zip's folder.

    >>> [_zip_path_ok(n) for n in ("a/b.json", "../b.json", "/etc/x.json", "a/../../b", "C:/x")]
    [True, False, False, False, False]
    """
    parts = name.replace("\\", "/").split("/")
    return not (name.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", name))


def _read_zip(path: Path, label: str) -> Iterator[Item]:
    size = path.stat().st_size
    if size > MAX_ZIP_BYTES:
        yield Item(label, reason=_reason("zip_large", size=_size(size), limit=_size(MAX_ZIP_BYTES)))
        return
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        yield Item(label, reason=_reason("zip_bad"))
        return
    total = 0
    with archive:
        entries = [e for e in archive.infolist() if not e.is_dir()]
        if len(entries) > MAX_ZIP_ENTRIES:
            yield Item(label, reason=_reason("zip_entries", limit=MAX_ZIP_ENTRIES))
            entries = entries[:MAX_ZIP_ENTRIES]
        for entry in entries:
            inner = f"{label}: {entry.filename}"
            if not _zip_path_ok(entry.filename):
                yield Item(inner, reason=_reason("zip_path"))
                continue
            if not entry.filename.lower().endswith(".json"):
                yield Item(inner, reason=_reason("not_json"))
                continue
            if entry.file_size > MAX_FILE_BYTES:
                limit = _size(MAX_FILE_BYTES)
                yield Item(
                    inner, reason=_reason("zip_member", size=_size(entry.file_size), limit=limit)
                )
                continue
            if total + entry.file_size > MAX_ZIP_TOTAL:
                yield Item(inner, reason=_reason("zip_total", limit=_size(MAX_ZIP_TOTAL)))
                return
            try:
                with archive.open(entry) as f:
                    data = f.read(
                        MAX_FILE_BYTES + 1
                    )  # the declared size may lie: read at most this
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
                yield Item(inner, reason=_reason("zip_bad"))
                continue
            total += len(data)
            if len(data) > MAX_FILE_BYTES:
                limit = _size(MAX_FILE_BYTES)
                yield Item(inner, reason=_reason("zip_member", size=f"> {limit}", limit=limit))
                continue
            yield Item(inner, data)


def _in_folder(folder: Path) -> Iterator[Path]:
    """Every file under ``folder``, sorted; links are yielded (and refused), never followed."""
    for top, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            yield Path(top) / name
        for name in dirs:
            if (Path(top) / name).is_symlink():
                yield Path(top) / name


def collect(paths: Iterable[str | os.PathLike]) -> Iterator[Item]:
    """Every file the instructor gave: files, folders (searched, links not followed), globs and
    zip files (entries that leave the zip's folder are ignored); sizes are checked before
    anything is read.
    """
    for given in paths:
        given = str(given)
        if not os.path.lexists(given) and glob.has_magic(given):
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                yield Item(given, reason=_reason("missing"))
            for match in matches:
                yield from _collect_one(Path(match), inside_folder=False)
        else:
            yield from _collect_one(Path(given), inside_folder=False)


def _collect_one(path: Path, inside_folder: bool) -> Iterator[Item]:
    label = str(path)
    if inside_folder and path.is_symlink():
        yield Item(label, reason=_reason("link"))
    elif not path.exists():
        yield Item(label, reason=_reason("missing"))
    elif path.is_dir():
        for found in _in_folder(path):
            if found.is_symlink():
                yield Item(str(found), reason=_reason("link"))
            elif found.suffix.lower() in (".json", ".zip"):
                yield from _collect_one(found, inside_folder=True)
            else:
                yield Item(str(found), reason=_reason("not_json"))
    elif path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
        yield from _read_zip(path, label)
    else:
        yield _read_path(path, label)


@dataclass
class Student:
    """One counted results file."""

    label: str
    data: dict

    @property
    def name(self) -> str:
        return self.data.get("name", "").strip()

    @property
    def identity(self) -> str:
        """Who the file is from: the name or number, or (without one) the file's content."""
        if self.name:
            return "name:" + " ".join(self.name.split()).casefold()
        content = json.dumps(self.data["exercises"], sort_keys=True, ensure_ascii=False)
        return "content:" + hashlib.sha256(content.encode()).hexdigest()


def read_one(item: Item, known: set[str]) -> Student | str:
    """The counted :class:`Student` of a file, or why it is not counted."""
    if item.reason:
        return item.reason
    try:
        text = item.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _reason("encoding")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        # the text ends inside a string or before the JSON closes: cut off, not garbled
        if error.msg.startswith("Unterminated string") or error.pos >= len(text.rstrip()):
            return _reason("truncated")
        return _reason("malformed", line=error.lineno, column=error.colno)
    except RecursionError:
        return _reason("malformed", line="?", column="?")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return _reason("foreign")
    if data.get("version") != VERSION:
        version = html.escape(str(data.get("version"))[:20])
        return _reason("format_version", version=version, ours=VERSION)
    if data.get("edition") != __version__:
        return _reason("edition", edition=str(data.get("edition"))[:20], ours=__version__)
    problems = validate(data)
    if problems:
        more = f" 외 {len(problems) - 3}개" if len(problems) > 3 else ""
        return _reason("invalid", problems="; ".join(problems[:3]) + more)
    for key, exercise in data["exercises"].items():
        if not consistent(exercise):
            return _reason("counts", key=key)
    unknown = sorted(set(data["exercises"]) - known)
    if unknown:
        return _reason("unknown", keys=", ".join(unknown[:5]))
    return Student(item.label, data)


@dataclass
class Class:
    """The counted files of a class and the files that were not counted."""

    students: list[Student]
    unread: list[tuple[str, str]]  # (file, reason)


def read_class(paths: Iterable[str | os.PathLike]) -> Class:
    """Read every given file; duplicates keep the file saved last (or seen first on a tie)."""
    known = {e["key"] for e in exercise_list()}
    students: dict[str, Student] = {}
    unread = []
    for item in collect(paths):
        found = read_one(item, known)
        if isinstance(found, str):
            unread.append((item.label, found))
            continue
        other = students.get(found.identity)
        if other is None:
            students[found.identity] = found
            continue
        keep, drop = (
            (found, other)
            if found.data.get("saved", "") > other.data.get("saved", "")
            else (other, found)
        )
        students[found.identity] = keep
        unread.append((drop.label, _reason("duplicate", other=keep.label)))
    return Class(list(students.values()), unread)
