"""A class's results files read without trusting them: limits that hold against lying files.

The report's tests (tests/test_report.py) read a whole generated class, one bad file of
each kind; these check the reader's limits on their own.
"""

from __future__ import annotations

import zipfile

from cnn_utils import class_files


def test_a_zip_that_lies_about_its_size_is_cut_at_the_limit(tmp_path, monkeypatch):
    """The declared size is not trusted: at most one byte past the limit is inflated."""
    monkeypatch.setattr(class_files, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "liar.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.json", b" " * 5000)
    data = bytearray(path.read_bytes())
    # shrink the declared uncompressed size (local header and central directory) to 10 bytes
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.index(signature) + offset
        data[at : at + 4] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    (item,) = class_files.collect([path])
    assert item.data is None and item.reason
