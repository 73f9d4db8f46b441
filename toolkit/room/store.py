"""The room's store: one SQLite file, every action appended as an event.

- ``journal_mode=WAL`` and ``synchronous=FULL``: an event the server has
  acknowledged (:meth:`Store.append` returned) survives ``kill -9`` of the server
  and a power cut;
- the ``events`` table is append-only: the state is derived from it
  (:func:`toolkit.room.state.replay`);
- the actor is stored as a hash of the device's token, never the token;
- the file is checked when it is opened (``PRAGMA quick_check``): a damaged file is
  moved aside (:class:`DamagedStore` says where) and never written to; a fresh room
  starts only when the trainer asks for it.

>>> import tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as folder:
...     store = Store(Path(folder) / "room.sqlite")
...     first = store.append("p1", "join", {"name": "Aida", "group": "G1"})
...     [e["kind"] for e in store.events()], store.last_id()
...     store.close()
(['join'], 1)
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from pathlib import Path

from toolkit.errors import ToolkitError
from toolkit.i18n import translator

__all__ = ["DEFAULT_ROOM", "DamagedStore", "Store", "actor_hash", "open_read_only"]

_ = translator("room")

DEFAULT_ROOM = "main"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time REAL NOT NULL,
    room TEXT NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_room ON events (room, id);
CREATE TRIGGER IF NOT EXISTS events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
"""


def actor_hash(token: str) -> str:
    """The name under which a device's token is stored (its token never is).

    >>> actor_hash("abc")[:12]
    'ba7816bf8f01'
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class DamagedStore(ToolkitError):
    """The room's file is damaged; it was moved aside to ``kept``."""

    def __init__(self, path: Path, kept: Path):
        self.path, self.kept = Path(path), Path(kept)
        super().__init__(
            _(
                "The room's record «{path}» is damaged. It was kept, untouched, as «{kept}». "
                "The trainer can start a fresh room; the old record stays where it is."
            ).format(path=path, kept=kept)
        )


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5, check_same_thread=False)
    else:
        db = sqlite3.connect(path, timeout=5, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA busy_timeout=5000")
    return db


def _healthy(path: Path) -> bool:
    try:
        db = _connect(path)
        try:
            rows = db.execute("PRAGMA quick_check").fetchall()
            ok = rows == [("ok",)]
            if ok:
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return ok
        finally:
            db.close()
    except sqlite3.DatabaseError:
        return False


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    n = 1
    while kept.exists():
        kept = path.with_name(f"{path.stem}.damaged-{stamp}-{n}{path.suffix}")
        n += 1
    for suffix in ("", "-wal", "-shm"):
        piece = Path(str(path) + suffix)
        if piece.exists():
            piece.rename(Path(str(kept) + suffix))  # set aside, never overwritten
    return kept


class Store:
    """The events of the room, in one SQLite file (one writer: the workshop server).

    ``fresh=True`` is the trainer's "start a fresh room": it is refused while a
    file is at ``path`` (it would overwrite it) and creates a new one otherwise.
    """

    def __init__(self, path: Path, room: str = DEFAULT_ROOM):
        self.path = Path(path)
        self.room = room
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists() and not _healthy(self.path):
            raise DamagedStore(self.path, _move_aside(self.path))
        self.db = _connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(_SCHEMA)

    def append(self, actor: str, kind: str, payload: dict, *, now: float | None = None) -> dict:
        """Store one event and return it (with its id) once it is safely on disk."""
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        when = time.time() if now is None else now
        cursor = self.db.execute(
            "INSERT INTO events (time, room, actor, kind, payload) VALUES (?, ?, ?, ?, ?)",
            (when, self.room, actor, kind, text),
        )
        return {
            "id": cursor.lastrowid,
            "time": when,
            "actor": actor,
            "kind": kind,
            "payload": payload,
        }

    def events(self, after: int = 0) -> list[dict]:
        """The room's events with an id above ``after``, in order."""
        return _rows(self.db, self.room, after)

    def event(self, event_id: int) -> dict | None:
        found = [e for e in _rows(self.db, self.room, int(event_id) - 1) if e["id"] == event_id]
        return found[0] if found else None

    def last_id(self) -> int:
        row = self.db.execute("SELECT max(id) FROM events WHERE room = ?", (self.room,)).fetchone()
        return int(row[0] or 0)

    def close(self) -> None:
        self.db.close()


def _rows(db: sqlite3.Connection, room: str, after: int) -> list[dict]:
    rows = db.execute(
        "SELECT id, time, actor, kind, payload FROM events WHERE room = ? AND id > ? ORDER BY id",
        (room, after),
    ).fetchall()
    return [
        {"id": r[0], "time": r[1], "actor": r[2], "kind": r[3], "payload": json.loads(r[4])}
        for r in rows
    ]


def open_read_only(path: Path, room: str = DEFAULT_ROOM) -> list[dict]:
    """The events of a room's file, read without writing anything (for lessons)."""
    path = Path(path)
    if not path.is_file():
        raise ToolkitError(_("There is no room record at «{path}».").format(path=path))
    try:
        db = _connect(path, read_only=True)
        try:
            return _rows(db, room, 0)
        finally:
            db.close()
    except sqlite3.DatabaseError as err:
        raise ToolkitError(
            _("The room's record «{path}» cannot be read: {reason}.").format(path=path, reason=err)
        ) from None
