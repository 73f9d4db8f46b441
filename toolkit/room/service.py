"""The live room inside the workshop server: the store, the state, and who listens.

:class:`RoomService` takes an action (checked by :func:`toolkit.room.state.check_action`),
appends it to the store, applies it to the state, and hands every listener (the
phones' and the projector's Server-Sent Events streams) what it may see of it: a
card, a remark, the number of ballots, never a ballot itself.

>>> import tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as folder:
...     room = RoomService(Path(folder) / "room.sqlite")
...     ev = room.act("p1", "join", {"group": "G1"}, trainer=False)
...     ev = room.act("p1", "card.add", {"group": "G1", "service": "waste", "text": "No bins"},
...                   trainer=False)
...     room.public(ev)["cards"][0]["text"], len(room.state.wall())
...     room.close()
('No bins', 1)
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from pathlib import Path

from toolkit.errors import ToolkitError
from toolkit.i18n import translator
from toolkit.room.state import Room, apply, check_action, replay, undoable
from toolkit.room.store import DamagedStore, Store

__all__ = ["RoomService"]

_ = translator("room")


class RoomService:
    """One room: its store (``path``), its state and its listeners.

    A damaged store leaves the room closed (``damaged`` holds the message) until
    the trainer starts a fresh one (:meth:`start_fresh`).
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self.listeners: set[asyncio.Queue] = set()
        self.store: Store | None = None
        self.damaged: str = ""
        self.state = Room()
        try:
            self._open()
        except DamagedStore as err:
            self.damaged = err.message

    def __deepcopy__(self, memo):  # one live room: the server's settings share it, never copy it
        return self

    def _open(self) -> None:
        self.store = Store(self.path)
        self.state = replay(self.store.events())
        self._events = self.store.events()

    def start_fresh(self) -> None:
        """The trainer's "start a fresh room" after a damaged record was moved aside."""
        if self.store is not None:
            raise ToolkitError(_("The room is working: there is no need to start a fresh one."))
        self.damaged = ""
        self._open()

    @property
    def open(self) -> bool:
        return self.store is not None

    def events(self, after: int = 0) -> list[dict]:
        return [e for e in self._events if e["id"] > after]

    def act(self, actor: str, kind: str, payload: Mapping, *, trainer: bool) -> dict:
        """Check, store and apply one action; returns the stored event."""
        if self.store is None:
            raise ToolkitError(self.damaged)
        clean = check_action(self.state, actor, kind, payload, trainer=trainer)
        if kind == "undo":
            target = next((e for e in self._events if e["id"] == clean["target"]), None)
            if target is None or not undoable(target["kind"]):
                raise ToolkitError(_("Only the trainer's actions can be undone."))
        ev = self.store.append(actor, kind, clean)
        self._events.append(ev)
        if kind == "undo":
            self.state = replay(self._events)
        else:
            apply(self.state, ev)
        self.broadcast(ev)
        return ev

    # ------------------------------------------------------------------ what listeners see

    def public(self, ev: Mapping) -> dict:
        """What every phone and the projector may see of one event."""
        kind, p = ev["kind"], ev["payload"]
        out: dict = {"id": ev["id"], "kind": kind}
        cards = self.state.cards
        if kind == "join":
            out["participants"] = len(self.state.participants)
        elif kind in ("card.add",):
            out["cards"] = [cards[ev["id"]].public()] if ev["id"] in cards else []
        elif kind in ("card.edit", "card.withdraw", "card.hide", "card.screen"):
            out["cards"] = [cards[p["card"]].public()] if p.get("card") in cards else []
        elif kind == "card.merge":
            out["cards"] = [cards[c].public() for c in (p["keep"], p["other"]) if c in cards]
            out["remarks"] = self._remarks_of(p["keep"])
        elif kind in ("remark.add", "remark.withdraw"):
            rid = ev["id"] if kind == "remark.add" else p["remark"]
            remark = self.state.remarks.get(rid)
            if remark is not None:
                out["remarks"] = [self._remark(remark)]
        elif kind == "undo":
            out["cards"] = [c.public() for c in cards.values()]
            out["reload"] = True
        if kind.startswith(("ballot.", "vote.")) or kind == "undo":
            vote = self.state.current_vote
            if vote is not None:
                out["vote"] = {"id": vote.vote_id, "status": vote.status, "n": len(vote.ballots)}
        return out

    @staticmethod
    def _remark(remark) -> dict:
        return {
            "id": remark.remark_id,
            "card": remark.card_id,
            "type": remark.remark_type,
            "text": remark.text,
            "withdrawn": remark.withdrawn,
        }

    def _remarks_of(self, card_id: int) -> list[dict]:
        return [self._remark(r) for r in self.state.remarks.values() if r.card_id == card_id]

    def broadcast(self, ev: Mapping) -> None:
        message = self.public(ev)
        for queue in list(self.listeners):
            queue.put_nowait(message)

    def listen(self) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue()
        self.listeners.add(queue)
        return queue

    def leave(self, queue: asyncio.Queue) -> None:
        self.listeners.discard(queue)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
