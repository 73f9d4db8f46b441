"""Is every file the toolkit writes written whole or not at all, by one function?"""

from __future__ import annotations

import ast
import os
import re
import stat
from pathlib import Path

import pytest

from toolkit import files
from toolkit.files import atomic_path, write_atomic

TOOLKIT = Path(files.__file__).resolve().parent


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    """Does an error in the middle of a save keep the old file as it was, with nothing beside it?"""
    path = tmp_path / "state" / "wall.json"
    write_atomic(path, '{"cards": 1}')

    class Interrupted(Exception):
        pass

    with pytest.raises(Interrupted), atomic_path(path) as tmp:
        tmp.write_text('{"cards": 2', encoding="utf-8")  # cut off
        raise Interrupted
    assert path.read_text(encoding="utf-8") == '{"cards": 1}'
    assert [p.name for p in path.parent.iterdir()] == ["wall.json"]


def test_the_temporary_file_keeps_the_extension_and_is_hidden(tmp_path):
    """Can an .xlsx writer use the temporary path (it looks at the extension), unseen meanwhile?"""
    with atomic_path(tmp_path / "grades.xlsx") as tmp:
        assert tmp.parent == tmp_path and tmp.suffix == ".xlsx" and tmp.name.startswith(".")
        tmp.write_bytes(b"PK")
    assert (tmp_path / "grades.xlsx").read_bytes() == b"PK"


def test_a_written_file_has_the_usual_permissions(tmp_path):
    """Is a saved file readable as any file the user makes (not private to the writer)?"""
    umask = os.umask(0o022)
    os.umask(umask)
    path = write_atomic(tmp_path / "plan.docx", b"x")
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def _renames(path: Path):
    """Lines that rename a file into place: ``os.replace``/``os.rename``, ``tempfile.mkstemp``,
    or ``tmp.replace(path)`` on a temporary path."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        owner = getattr(node.func.value, "id", "")
        moves = {("os", "replace"), ("os", "rename"), ("tempfile", "mkstemp")}
        temporary = node.func.attr in {"replace", "rename"} and re.search("tmp|temp|part", owner)
        if (owner, node.func.attr) in moves or temporary:
            yield node.lineno


def test_only_toolkit_files_renames_files_into_place():
    """Is toolkit.files the one place that writes a file under a temporary name and renames it?"""
    found = [
        f"{path.relative_to(TOOLKIT.parent)}:{line}"
        for path in sorted(TOOLKIT.rglob("*.py"))
        if path.name != "files.py"
        for line in _renames(path)
    ]
    assert not found, "write with toolkit.files.write_atomic / atomic_path instead: " + ", ".join(
        found
    )
