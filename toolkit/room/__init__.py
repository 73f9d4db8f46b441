"""The room: participants' phones post problem cards, remarks and ballots to one live wall.

The room is served by ``algca workshop`` under ``/room/`` (:mod:`toolkit.room.handlers`),
keeps every action in one SQLite file (:mod:`toolkit.room.store`) and derives its
state from those events with pure functions (:mod:`toolkit.room.state`).

This module is what a lesson (or the trainer's notebook) uses, **read-only**: the
room's cards and remarks as a :class:`toolkit.gallery.Gallery`, its ballots as
:class:`toolkit.voting.Ballots`, so that after the live vote the participants
analyse their own vote.

>>> import tempfile
>>> from pathlib import Path
>>> from toolkit.room.store import Store
>>> with tempfile.TemporaryDirectory() as folder:
...     path = Path(folder) / "room.sqlite"
...     store = Store(path)
...     _ = store.append("p1", "join", {"name": "", "group": "G1", "gender": "woman", "village": ""})
...     _ = store.append("p1", "card.add", {"group": "G1", "village": "Ak-Kyya",
...                      "service": "drinking-water", "text": "No clean water", "who": ""})
...     _ = store.append("trainer", "vote.open", {"method": "dots", "budget": 2, "stacking": True,
...                      "items": [{"id": "card-2", "label": "No clean water"},
...                                {"id": "item-1", "label": "Roads"}], "title": ""})
...     _ = store.append("p1", "ballot.cast", {"vote": 3, "ballot": {"card-2": 2}})
...     store.close()
...     wall, ballots = gallery(path), ballots(path)
>>> len(wall), wall.cards()["text"].tolist()
(1, ['No clean water'])
>>> ballots.items, ballots.values.tolist(), ballots.voters["gender"].tolist()
(['No clean water', 'Roads'], [[2, 0]], ['woman'])
"""

from __future__ import annotations

import os
from pathlib import Path

from toolkit.errors import ToolkitError
from toolkit.i18n import translator

__all__ = ["ROOM_FILE", "available", "ballots", "gallery", "load", "room_path"]

_ = translator("room")

#: The room's file in the workshop's data folder.
ROOM_FILE = "room.sqlite"


def room_path() -> Path:
    """Where the workshop keeps the room: ``<data folder>/workshop/room.sqlite``
    (the data folder is ``$ALGCA_DATA_DIR``, else ``~/.algca``)."""
    folder = os.environ.get("ALGCA_DATA_DIR")
    base = Path(folder).expanduser() if folder else Path.home() / ".algca"
    return base / "workshop" / ROOM_FILE


def available(path: Path | None = None, what: str = "cards") -> bool:
    """Is there a room to load from: ``what="cards"``, a card on its wall;
    ``what="ballots"``, ballots in its last vote (dots, approval or ranking)?

    >>> available(Path("/nonexistent/room.sqlite"))
    False
    """
    path = Path(path) if path is not None else room_path()
    if not path.is_file():
        return False
    try:
        room = load(path)
    except ToolkitError:
        return False
    if what == "ballots":
        vote = room.current_vote
        return vote is not None and vote.method != "scores" and bool(vote.ballots)
    return bool(room.wall())


def load(path: Path | None = None):
    """The room's state (:class:`toolkit.room.state.Room`), read without changing the file."""
    from toolkit.room.state import replay
    from toolkit.room.store import open_read_only

    return replay(open_read_only(Path(path) if path is not None else room_path()))


def gallery(path: Path | None = None):
    """The cards on the room's wall and their remarks, as a :class:`toolkit.gallery.Gallery`
    (card numbers as in the room; a merged card is merged there too)."""
    import pandas as pd

    from toolkit.gallery import SERVICE_AREAS, Gallery

    room = load(path)
    shown = [c for c in room.cards.values() if not (c.withdrawn or c.hidden)]
    cards = pd.DataFrame(
        [
            {
                "card_id": c.card_id,
                "group": c.group,
                "village": c.village or "—",
                "service": c.service,
                "text": c.text,
                "author": c.who,
            }
            for c in shown
        ],
        columns=["card_id", "group", "village", "service", "text", "author"],
    )
    on_wall = {c.card_id for c in shown}
    remarks = pd.DataFrame(
        [
            {"card_id": r.card_id, "remark_type": r.remark_type, "text": r.text}
            for r in room.remarks.values()
            if not r.withdrawn and r.card_id in on_wall
        ],
        columns=["card_id", "remark_type", "text"],
    )
    services = list(dict.fromkeys([*SERVICE_AREAS, *cards["service"]]))
    wall = Gallery.from_tables(cards, None, services=services)
    for card in shown:
        if card.merged_into is not None and card.merged_into in on_wall:
            wall.merge(card.merged_into, card.card_id)
    for row in remarks.to_dict("records"):
        target = wall.card(row["card_id"])
        while target.merged_into is not None:
            target = wall.card(target.merged_into)
        wall.add_remark(target.card_id, row["remark_type"], row["text"])
    return wall


def ballots(path: Path | None = None, vote: int | None = None):
    """The ballots of one vote of the room (the last one opened, unless ``vote`` is given) as
    :class:`toolkit.voting.Ballots`, items named by their labels, with each participant's
    group, gender and village. Scores per criterion are a table instead (one row per
    participant and item)."""
    from toolkit.room.results import ballots_of, scores_table

    room = load(path)
    if not room.votes:
        raise ToolkitError(_("No vote has been held in the room yet."))
    chosen = room.votes.get(vote) if vote is not None else room.current_vote
    if chosen is None:
        raise ToolkitError(_("There is no such vote."))
    if chosen.method == "scores":
        table = scores_table(chosen)
        table["item"] = table["item"].map(chosen.label)
        return table
    labelled = type(chosen)(**{**chosen.__dict__})
    relabel: dict[str, str] = {}
    for item in chosen.items:  # two items with the same text keep apart by their number
        name = item["label"]
        relabel[item["id"]] = name if name not in relabel.values() else f"{name} ({item['id']})"
    labelled.items = [{"id": relabel[i["id"]], "label": relabel[i["id"]]} for i in chosen.items]
    labelled.ballots = {
        actor: (
            {relabel[k]: v for k, v in b.items()}
            if isinstance(b, dict)
            else [relabel[k] for k in b]
        )
        for actor, b in chosen.ballots.items()
    }
    return ballots_of(labelled, room.participants)
