"""The room's state, derived from its events by pure functions.

Every action in the room is an event ``{"id", "time", "actor", "kind", "payload"}``
(:mod:`toolkit.room.store` keeps them); the state is what :func:`replay` makes of
them, so it can be rebuilt at any time and tested without a server.

>>> events = [
...     event(1, "p1", "join", name="Aida", group="G1"),
...     event(2, "p1", "card.add", group="G1", village="Ak-Kyya", service="drinking-water",
...           text="No clean water"),
...     event(3, "trainer", "vote.open", method="dots", items=[{"id": "card-2", "label": "No clean water"}],
...           budget=3, stacking=True),
...     event(4, "p1", "ballot.cast", vote=3, ballot={"card-2": 3}),
... ]
>>> room = replay(events)
>>> room.cards[2].text, room.votes[3].status, room.votes[3].ballots["p1"]
('No clean water', 'open', {'card-2': 3})

Participants can only change their own cards, remarks and ballots; a trainer's
action (hide, merge, screen, open, close, reveal, reset) can be undone, and the
undo itself undone:

>>> more = events + [event(5, "trainer", "card.hide", card=2, reason="Duplicate"),
...                  event(6, "trainer", "undo", target=5)]
>>> replay(more).cards[2].hidden
''
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from toolkit.errors import ToolkitError
from toolkit.i18n import N_, translator

__all__ = [
    "FIELD_NAMES",
    "LIMITS",
    "METHODS",
    "PARTICIPANT_KINDS",
    "REMARK_TYPES",
    "TRAINER_KINDS",
    "Card",
    "Remark",
    "Room",
    "Vote",
    "apply",
    "check_action",
    "check_ballot",
    "clean_text",
    "event",
    "replay",
    "undoable",
    "undone_ids",
]

_ = translator("room")

#: The ballot methods a trainer can open: dots, approval, a ranking, scores per criterion.
METHODS = ("dots", "approval", "rank", "scores")

#: The longest text of each field (characters).
LIMITS = {
    "name": 40,
    "group": 40,
    "village": 60,
    "service": 40,
    "text": 300,
    "who": 60,
    "remark": 200,
    "reason": 200,
    "title": 120,
    "label": 300,
}

#: What each field is called in a message.
FIELD_NAMES = {
    "name": N_("name"),
    "group": N_("group"),
    "village": N_("village"),
    "service": N_("service"),
    "text": N_("problem"),
    "who": N_("who is affected"),
    "remark": N_("remark"),
    "reason": N_("reason"),
    "title": N_("title"),
    "label": N_("item"),
}

#: Actions a participant's device may take (on its own cards, remarks and ballot).
PARTICIPANT_KINDS = (
    "join",
    "card.add",
    "card.edit",
    "card.withdraw",
    "remark.add",
    "remark.withdraw",
    "ballot.cast",
    "ballot.withdraw",
)
#: Actions only the trainer may take; each of them can be undone.
TRAINER_KINDS = (
    "card.hide",
    "card.merge",
    "card.screen",
    "vote.open",
    "vote.close",
    "vote.reveal",
    "vote.reset",
    "undo",
)
REMARK_TYPES = ("agree", "question", "addition")


@dataclass
class Card:
    """A problem card posted from a phone."""

    card_id: int
    actor: str
    group: str
    village: str
    service: str
    text: str
    who: str = ""
    withdrawn: bool = False
    hidden: str = ""  # the trainer's reason, when hidden
    merged_into: int | None = None
    screening: dict = field(default_factory=dict)  # criterion -> {"passed": bool, "reason": str}

    @property
    def on_wall(self) -> bool:
        """Shown on the wall: not withdrawn, hidden or merged."""
        return not (self.withdrawn or self.hidden or self.merged_into is not None)

    def public(self) -> dict:
        """What every participant and the projector may see of the card."""
        return {
            "id": self.card_id,
            "group": self.group,
            "village": self.village,
            "service": self.service,
            "text": self.text,
            "who": self.who,
            "on_wall": self.on_wall,
            "merged_into": self.merged_into,
        }


@dataclass
class Remark:
    """A remark left on a card."""

    remark_id: int
    actor: str
    card_id: int
    remark_type: str
    text: str = ""
    withdrawn: bool = False


@dataclass
class Vote:
    """A ballot the trainer opened: its method, items and the ballots cast (last one wins)."""

    vote_id: int
    method: str
    items: list[dict]
    title: str = ""
    budget: int | None = None
    stacking: bool = True
    criteria: list[dict] = field(default_factory=list)
    max_score: int = 5
    status: str = "open"  # open, closed, revealed
    ballots: dict[str, Any] = field(default_factory=dict)

    @property
    def item_ids(self) -> list[str]:
        return [i["id"] for i in self.items]

    def label(self, item: str) -> str:
        return next((i["label"] for i in self.items if i["id"] == item), item)


@dataclass
class Room:
    """Everything the room holds now."""

    participants: dict[str, dict] = field(default_factory=dict)
    cards: dict[int, Card] = field(default_factory=dict)
    remarks: dict[int, Remark] = field(default_factory=dict)
    votes: dict[int, Vote] = field(default_factory=dict)
    last_id: int = 0

    @property
    def current_vote(self) -> Vote | None:
        """The vote opened last (the one the phones show)."""
        return self.votes[max(self.votes)] if self.votes else None

    def wall(self) -> list[Card]:
        """The cards on the wall, in the order they were posted."""
        return [c for c in self.cards.values() if c.on_wall]


def event(event_id: int, actor: str, kind: str, time: float = 0.0, **payload) -> dict:
    """An event as the store gives it (for tests and examples)."""
    return {"id": event_id, "time": time, "actor": actor, "kind": kind, "payload": payload}


# --------------------------------------------------------------------------- checks


def clean_text(value, name: str, *, required: bool = False) -> str:
    """A participant's text, stripped and checked against its length limit.

    >>> clean_text("  Water  ", "text")
    'Water'
    >>> clean_text("x" * 301, "text")
    Traceback (most recent call last):
    ...
    toolkit.errors.ToolkitError: «көйгөй» өтө узун: 301 белги, эң көбү 300. Кыскартыңыз.
    """
    text = "" if value is None else " ".join(str(value).split()) if name != "text" else str(value)
    text = text.strip().replace("\x00", "")
    label = _(FIELD_NAMES.get(name, name))
    if required and not text:
        raise ToolkitError(_("Please fill in the {field}.").format(field=label))
    limit = LIMITS.get(name, 200)
    if len(text) > limit:
        raise ToolkitError(
            _("«{field}» is too long: {n} characters, at most {limit}. Please shorten it.").format(
                field=label, n=len(text), limit=limit
            )
        )
    return text


def _int(value, what: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ToolkitError(
            _("«{value}» is not a whole number ({what}).").format(value=value, what=what)
        ) from None


def check_ballot(vote: Vote, ballot) -> object:
    """The ballot in its plain form, or a :class:`ToolkitError` saying what is wrong.

    The server calls this before it stores a ballot: a budget checked only in the
    browser is broken by a script.

    * dots: ``{item: dots}``, at most ``budget`` in all, at most 1 per item without stacking;
    * approval: a list of items (at least one);
    * rank: the items in order, best first (each at most once);
    * scores: ``{criterion: {item: score}}``, each score 0 … ``max_score``.

    >>> v = Vote(1, "dots", [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}], budget=2, stacking=False)
    >>> check_ballot(v, {"a": 1, "b": 1})
    {'a': 1, 'b': 1}
    >>> check_ballot(v, {"a": 2})
    Traceback (most recent call last):
    ...
    toolkit.errors.ToolkitError: Бул добушта бир нерсеге бир гана чекит коюуга болот.
    """
    items = vote.item_ids
    if vote.method == "dots":
        if not isinstance(ballot, Mapping):
            raise ToolkitError(_("The ballot is not in the right form."))
        out: dict[str, Any] = {}
        for item, n in ballot.items():
            if item not in items:
                raise ToolkitError(_("There is no item «{item}» in this vote.").format(item=item))
            n = _int(n, _("dots"))
            if n < 0:
                raise ToolkitError(_("The number of dots cannot be negative."))
            if n > 1 and not vote.stacking:
                raise ToolkitError(_("In this vote only one dot can go on each item."))
            if n:
                out[item] = n
        total = sum(out.values())
        if vote.budget is not None and total > vote.budget:
            raise ToolkitError(
                _("You gave {n} dots, but each participant has {budget}.").format(
                    n=total, budget=vote.budget
                )
            )
        if not out:
            raise ToolkitError(_("The ballot is empty: put at least one dot."))
        return {i: out[i] for i in items if i in out}
    if vote.method == "approval":
        chosen = [ballot] if isinstance(ballot, str) else list(ballot or [])
        for item in chosen:
            if item not in items:
                raise ToolkitError(_("There is no item «{item}» in this vote.").format(item=item))
        if not chosen:
            raise ToolkitError(_("The ballot is empty: tick at least one item."))
        return [i for i in items if i in chosen]
    if vote.method == "rank":
        order = [ballot] if isinstance(ballot, str) else list(ballot or [])
        for item in order:
            if item not in items:
                raise ToolkitError(_("There is no item «{item}» in this vote.").format(item=item))
        if len(set(order)) != len(order):
            raise ToolkitError(_("Each item can have only one place in the ranking."))
        if not order:
            raise ToolkitError(_("The ballot is empty: put at least one item in order."))
        return order
    if vote.method == "scores":
        if not isinstance(ballot, Mapping):
            raise ToolkitError(_("The ballot is not in the right form."))
        out = {}
        for criterion in vote.criteria:
            given = ballot.get(criterion["id"])
            if not isinstance(given, Mapping):
                raise ToolkitError(
                    _("Give a score on «{criterion}» to every item.").format(
                        criterion=criterion["label"]
                    )
                )
            row: dict[str, int] = {}
            for item in items:
                if item not in given:
                    raise ToolkitError(
                        _("Give a score on «{criterion}» to every item.").format(
                            criterion=criterion["label"]
                        )
                    )
                score = _int(given[item], _("score"))
                if not 0 <= score <= vote.max_score:
                    raise ToolkitError(
                        _("A score is from 0 to {most}.").format(most=vote.max_score)
                    )
                row[item] = score
            out[criterion["id"]] = row
        return out
    raise ToolkitError(_("Unknown voting method «{method}».").format(method=vote.method))


def check_action(room: Room, actor: str, kind: str, payload: Mapping, *, trainer: bool) -> dict:
    """The payload of an action, cleaned, if ``actor`` may take it now; else a :class:`ToolkitError`.

    >>> room = replay([event(1, "p1", "join", group="G"), event(2, "p2", "join", group="G"),
    ...                event(3, "p1", "card.add", group="G", village="V", service="waste", text="Bins")])
    >>> check_action(room, "p2", "card.withdraw", {"card": 3}, trainer=False)
    Traceback (most recent call last):
    ...
    toolkit.errors.ToolkitError: Өзүңүздүн гана жазганыңызды өзгөртө аласыз.
    >>> check_action(room, "p2", "vote.close", {"vote": 1}, trainer=False)
    Traceback (most recent call last):
    ...
    toolkit.errors.ToolkitError: Муну тренер гана кыла алат.
    """
    p = dict(payload)
    if kind in TRAINER_KINDS and not trainer:
        raise ToolkitError(_("Only the trainer can do this."))
    if kind not in PARTICIPANT_KINDS + TRAINER_KINDS:
        raise ToolkitError(_("Unknown action."))
    if kind in PARTICIPANT_KINDS and kind != "join" and actor not in room.participants:
        raise ToolkitError(_("Please join the room first: give your group."))
    if kind == "join":
        return {
            "name": clean_text(p.get("name"), "name"),
            "group": clean_text(p.get("group"), "group", required=True),
            "gender": p.get("gender") if p.get("gender") in ("woman", "man") else "",
            "village": clean_text(p.get("village"), "village"),
        }
    if kind in ("card.add", "card.edit"):
        out: dict[str, Any] = {
            "group": clean_text(p.get("group"), "group", required=True),
            "village": clean_text(p.get("village"), "village"),
            "service": clean_text(p.get("service"), "service", required=True),
            "text": clean_text(p.get("text"), "text", required=True),
            "who": clean_text(p.get("who"), "who"),
        }
        if kind == "card.edit":
            out["card"] = _own(room.cards, p.get("card"), actor, trainer=False).card_id
        return out
    if kind == "card.withdraw":
        return {"card": _own(room.cards, p.get("card"), actor, trainer=False).card_id}
    if kind == "remark.add":
        card = _card(room, p.get("card"))
        if not card.on_wall:
            raise ToolkitError(_("This card is no longer on the wall."))
        kind_ = p.get("type") if p.get("type") in REMARK_TYPES else None
        if kind_ is None:
            raise ToolkitError(_("Choose the kind of remark."))
        return {"card": card.card_id, "type": kind_, "text": clean_text(p.get("text"), "remark")}
    if kind == "remark.withdraw":
        return {"remark": _own(room.remarks, p.get("remark"), actor, trainer=False).remark_id}
    if kind in ("ballot.cast", "ballot.withdraw"):
        vote = _vote(room, p.get("vote"))
        if vote.status != "open":
            raise ToolkitError(_("This vote is closed: ballots are no longer taken."))
        if kind == "ballot.withdraw":
            return {"vote": vote.vote_id}
        return {"vote": vote.vote_id, "ballot": check_ballot(vote, p.get("ballot"))}
    if kind == "card.hide":
        card = _card(room, p.get("card"))
        return {
            "card": card.card_id,
            "reason": clean_text(p.get("reason"), "reason", required=True),
        }
    if kind == "card.merge":
        keep, other = _card(room, p.get("keep")), _card(room, p.get("other"))
        if keep.card_id == other.card_id or not keep.on_wall or not other.on_wall:
            raise ToolkitError(_("Choose two different cards that are on the wall."))
        return {"keep": keep.card_id, "other": other.card_id}
    if kind == "card.screen":
        card = _card(room, p.get("card"))
        criterion = p.get("criterion")
        if criterion not in ("competence", "sedp"):
            raise ToolkitError(_("Unknown criterion."))
        passed = p.get("passed") in (True, "yes", "1", 1, "true")
        return {
            "card": card.card_id,
            "criterion": criterion,
            "passed": passed,
            "reason": clean_text(p.get("reason"), "reason", required=not passed),
        }
    if kind == "vote.open":
        method = p.get("method")
        if method not in METHODS:
            raise ToolkitError(_("Unknown voting method «{method}».").format(method=method))
        items = [
            {"id": str(i["id"]), "label": clean_text(i.get("label"), "label", required=True)}
            for i in p.get("items") or []
        ]
        if len(items) < 2:
            raise ToolkitError(_("A vote needs at least two items."))
        if len({i["id"] for i in items}) != len(items):
            raise ToolkitError(_("Each item can be in the vote only once."))
        out = {
            "method": method,
            "items": items,
            "title": clean_text(p.get("title"), "title"),
        }
        if method == "dots":
            budget = _int(p.get("budget"), _("dots")) if p.get("budget") not in (None, "") else None
            if budget is not None and budget < 1:
                raise ToolkitError(_("Each participant needs at least one dot."))
            out["budget"] = budget
            out["stacking"] = p.get("stacking") in (True, "yes", "1", 1, "true", "on")
        if method == "scores":
            criteria = [
                {
                    "id": str(c["id"]),
                    "label": clean_text(c.get("label"), "label", required=True),
                    "weight": float(c.get("weight", 1)),
                }
                for c in p.get("criteria") or []
            ]
            if not criteria:
                raise ToolkitError(_("Scores need at least one criterion."))
            out["criteria"] = criteria
            out["max_score"] = _int(p.get("max_score", 5), _("score"))
        return out
    if kind in ("vote.close", "vote.reveal", "vote.reset"):
        vote = _vote(room, p.get("vote"))
        return {"vote": vote.vote_id}
    if kind == "undo":
        return {"target": _int(p.get("target"), "event")}
    raise ToolkitError(_("Unknown action."))  # pragma: no cover - every kind is handled above


def _card(room: Room, card_id) -> Card:
    try:
        return room.cards[int(card_id)]
    except (KeyError, TypeError, ValueError):
        raise ToolkitError(_("There is no card number {card}.").format(card=card_id)) from None


def _vote(room: Room, vote_id) -> Vote:
    try:
        return room.votes[int(vote_id)]
    except (KeyError, TypeError, ValueError):
        raise ToolkitError(_("There is no such vote.")) from None


def _own(things: Mapping, key, actor: str, *, trainer: bool):
    try:
        thing = things[int(key)]
    except (KeyError, TypeError, ValueError):
        raise ToolkitError(_("There is nothing numbered {n}.").format(n=key)) from None
    if thing.actor != actor and not trainer:
        raise ToolkitError(_("You can change only what you wrote yourself."))
    if thing.withdrawn:
        raise ToolkitError(_("This was already withdrawn."))
    return thing


# --------------------------------------------------------------------------- replay


def undoable(kind: str) -> bool:
    """Can an event of this kind be undone by the trainer (every trainer action can)?"""
    return kind in TRAINER_KINDS


def apply(room: Room, ev: Mapping) -> Room:
    """The room after one more event (changes ``room`` in place and returns it).

    An event that no longer applies (e.g. a ballot for a vote whose opening was
    undone) changes nothing: the store keeps it, the state ignores it.
    """
    kind, actor, p, eid = ev["kind"], ev["actor"], ev["payload"], int(ev["id"])
    room.last_id = max(room.last_id, eid)
    if kind == "join":
        room.participants[actor] = {k: p.get(k, "") for k in ("name", "group", "gender", "village")}
    elif kind == "card.add":
        room.cards[eid] = Card(
            eid, actor, p["group"], p["village"], p["service"], p["text"], p.get("who", "")
        )
    elif kind == "card.edit" and p.get("card") in room.cards:
        card = room.cards[p["card"]]
        for key in ("group", "village", "service", "text", "who"):
            setattr(card, key, p.get(key, getattr(card, key)))
    elif kind == "card.withdraw" and p.get("card") in room.cards:
        room.cards[p["card"]].withdrawn = True
    elif kind == "remark.add" and p.get("card") in room.cards:
        room.remarks[eid] = Remark(eid, actor, p["card"], p["type"], p.get("text", ""))
    elif kind == "remark.withdraw" and p.get("remark") in room.remarks:
        room.remarks[p["remark"]].withdrawn = True
    elif kind == "card.hide" and p.get("card") in room.cards:
        room.cards[p["card"]].hidden = p["reason"]
    elif kind == "card.merge" and p.get("keep") in room.cards and p.get("other") in room.cards:
        room.cards[p["other"]].merged_into = p["keep"]
        for remark in room.remarks.values():
            if remark.card_id == p["other"]:
                remark.card_id = p["keep"]
    elif kind == "card.screen" and p.get("card") in room.cards:
        room.cards[p["card"]].screening[p["criterion"]] = {
            "passed": bool(p["passed"]),
            "reason": p.get("reason", ""),
        }
    elif kind == "vote.open":
        room.votes[eid] = Vote(
            eid,
            p["method"],
            list(p["items"]),
            p.get("title", ""),
            p.get("budget"),
            p.get("stacking", True),
            list(p.get("criteria", [])),
            int(p.get("max_score", 5)),
        )
    elif kind in ("ballot.cast", "ballot.withdraw") and p.get("vote") in room.votes:
        vote = room.votes[p["vote"]]
        if vote.status == "open":
            if kind == "ballot.cast":
                vote.ballots.pop(actor, None)  # the last ballot wins (and counts as the latest)
                vote.ballots[actor] = p["ballot"]
            else:
                vote.ballots.pop(actor, None)
    elif kind == "vote.close" and p.get("vote") in room.votes:
        vote = room.votes[p["vote"]]
        vote.status = "closed" if vote.status == "open" else vote.status
    elif kind == "vote.reveal" and p.get("vote") in room.votes:
        room.votes[p["vote"]].status = "revealed"
    elif kind == "vote.reset" and p.get("vote") in room.votes:
        vote = room.votes[p["vote"]]
        vote.ballots.clear()
        vote.status = "open"
    return room


def undone_ids(events: Iterable[Mapping]) -> set[int]:
    """The ids of the events undone (an undo that is itself undone does not count)."""
    undone: set[int] = set()
    for ev in sorted(events, key=lambda e: -int(e["id"])):
        if ev["kind"] == "undo" and int(ev["id"]) not in undone:
            undone.add(int(ev["payload"]["target"]))
    return undone


def replay(events: Iterable[Mapping], room: Room | None = None) -> Room:
    """The room that ``events`` (in the order of their ids) make.

    >>> replay([]).wall()
    []
    """
    events = sorted(events, key=lambda e: int(e["id"]))
    undone = undone_ids(events)
    room = copy.deepcopy(room) if room is not None else Room()
    for ev in events:
        if ev["kind"] == "undo" or int(ev["id"]) in undone:
            room.last_id = max(room.last_id, int(ev["id"]))
            continue
        apply(room, ev)
    return room
