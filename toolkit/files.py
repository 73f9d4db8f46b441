"""Writing files safely: never a half-written file.

A laptop switched off, a full disk or an error in the middle of a save must
leave the old file as it was.  So every file the toolkit writes goes to a
temporary name in the same folder first and is renamed over the old one only
when it is complete (a rename is all or nothing).

Write bytes or text in one go:

>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> write_atomic(folder / "plan.txt", "Иш-аракеттер планы").name
'plan.txt'
>>> (folder / "plan.txt").read_text(encoding="utf-8")
'Иш-аракеттер планы'

Or let a library write the file (``wb.save(path)``, ``table.to_csv(path)``)
to a temporary path that becomes the real file at the end:

>>> with atomic_path(folder / "grades.csv") as tmp:
...     _ = tmp.write_text("student,score\\n", encoding="utf-8")
>>> sorted(p.name for p in folder.iterdir())
['grades.csv', 'plan.txt']

If the writing fails, the old file stays and no temporary file is left:

>>> with atomic_path(folder / "grades.csv") as tmp:
...     _ = tmp.write_text("half", encoding="utf-8")
...     raise OSError("disk full")
Traceback (most recent call last):
OSError: disk full
>>> (folder / "grades.csv").read_text(encoding="utf-8")
'student,score\\n'
>>> sorted(p.name for p in folder.iterdir())
['grades.csv', 'plan.txt']
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_path", "write_atomic"]


@contextlib.contextmanager
def atomic_path(path, *, fsync: bool = True) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; it replaces ``path`` when the block ends.

    The temporary name keeps the file's extension (the ``.xlsx`` writers look at it) and
    starts with a dot, so a half-written file is hidden.  The folder is made if it is missing.
    With ``fsync`` the data is on the disk before the rename.  If the block raises, the
    temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}{path.suffix}")
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))  # usual permissions
    try:
        yield tmp
        if fsync:
            handle = os.open(tmp, os.O_RDONLY)
            try:
                os.fsync(handle)
            finally:
                os.close(handle)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(path, data: bytes | str, *, fsync: bool = True) -> Path:
    """Write ``data`` (bytes, or text as UTF-8) to ``path`` in one piece; returns the path."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    with atomic_path(path, fsync=fsync) as tmp:
        tmp.write_bytes(data)
    return Path(path)
