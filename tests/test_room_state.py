"""The room's logic over event lists (no server): budgets, last ballot wins, roles, undo,
results split by group, the store's safety and the exports' inert cells."""

from __future__ import annotations

import io
import sqlite3

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.errors import ToolkitError
from toolkit.i18n import set_language
from toolkit.room import ballots as room_ballots
from toolkit.room import gallery as room_gallery
from toolkit.room.export import export
from toolkit.room.results import results
from toolkit.room.service import RoomService
from toolkit.room.state import Vote, check_action, check_ballot, event, replay
from toolkit.room.store import DamagedStore, Store
from toolkit.tables import inert, inert_cell

ITEMS = [{"id": x, "label": x.upper()} for x in ("a", "b", "c", "d")]


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("ky")


def room_with_vote(method="dots", **options):
    events = [
        event(1, "p1", "join", group="G1", gender="woman", village="Ak-Kyya", name=""),
        event(2, "p2", "join", group="G2", gender="man", village="Kara-Saz", name=""),
        event(3, "trainer", "vote.open", method=method, items=ITEMS, **options),
    ]
    return events


# ----------------------------------------------------------------------------- ballots


@settings(max_examples=200, deadline=None)
@given(
    dots=st.dictionaries(st.sampled_from("abcd"), st.integers(0, 6), max_size=4),
    budget=st.integers(1, 5),
    stacking=st.booleans(),
)
def test_the_server_enforces_the_dot_budget_and_stacking(dots, budget, stacking):
    vote = Vote(3, "dots", ITEMS, budget=budget, stacking=stacking)
    total = sum(dots.values())
    ok = 0 < total <= budget and (stacking or all(n <= 1 for n in dots.values()))
    if ok:
        assert sum(check_ballot(vote, dots).values()) == total
    else:
        with pytest.raises(ToolkitError):
            check_ballot(vote, dots)


def test_unknown_items_repeats_and_bad_scores_are_refused():
    with pytest.raises(ToolkitError, match="no item «z»"):
        check_ballot(Vote(1, "approval", ITEMS), ["a", "z"])
    with pytest.raises(ToolkitError, match="only one place"):
        check_ballot(Vote(1, "rank", ITEMS), ["a", "b", "a"])
    scores = Vote(1, "scores", ITEMS[:2], criteria=[{"id": "c1", "label": "Urgency", "weight": 2}])
    assert check_ballot(scores, {"c1": {"a": "5", "b": 0}}) == {"c1": {"a": 5, "b": 0}}
    with pytest.raises(ToolkitError, match="from 0 to 5"):
        check_ballot(scores, {"c1": {"a": 6, "b": 0}})
    with pytest.raises(ToolkitError, match="every item"):
        check_ballot(scores, {"c1": {"a": 1}})


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.dictionaries(st.sampled_from("abcd"), st.integers(1, 2), min_size=1), min_size=1)
)
def test_the_last_ballot_of_a_device_wins(ballots):
    events = room_with_vote(budget=8)
    for n, ballot in enumerate(ballots, start=4):
        events.append(event(n, "p1", "ballot.cast", vote=3, ballot=ballot))
    vote = replay(events).votes[3]
    assert vote.ballots == {"p1": ballots[-1]}


def test_ballots_after_close_are_ignored_and_reset_clears_them():
    events = room_with_vote(budget=3) + [
        event(4, "p1", "ballot.cast", vote=3, ballot={"a": 3}),
        event(5, "trainer", "vote.close", vote=3),
        event(6, "p2", "ballot.cast", vote=3, ballot={"b": 3}),
    ]
    room = replay(events)
    assert room.votes[3].status == "closed" and list(room.votes[3].ballots) == ["p1"]
    with pytest.raises(ToolkitError, match="closed"):
        check_action(room, "p2", "ballot.cast", {"vote": 3, "ballot": {"b": 1}}, trainer=False)
    reset = replay(events + [event(7, "trainer", "vote.reset", vote=3)]).votes[3]
    assert reset.ballots == {} and reset.status == "open"
    undone = replay(
        events + [event(7, "trainer", "vote.reset", vote=3), event(8, "trainer", "undo", target=7)]
    )
    assert list(undone.votes[3].ballots) == ["p1"]


def test_participants_cannot_take_trainer_actions_nor_touch_others_cards():
    events = room_with_vote() + [
        event(4, "p1", "card.add", group="G1", village="", service="waste", text="No bins")
    ]
    room = replay(events)
    for kind, payload in [
        ("vote.reveal", {"vote": 3}),
        ("vote.reset", {"vote": 3}),
        ("card.hide", {"card": 4, "reason": "x"}),
        ("undo", {"target": 3}),
    ]:
        with pytest.raises(ToolkitError, match="Only the trainer"):
            check_action(room, "p2", kind, payload, trainer=False)
    with pytest.raises(ToolkitError, match="only what you wrote"):
        check_action(room, "p2", "card.withdraw", {"card": 4}, trainer=False)
    with pytest.raises(ToolkitError, match="join the room first"):
        check_action(
            room, "p9", "card.add", {"group": "G", "service": "w", "text": "t"}, trainer=False
        )
    assert check_action(room, "p1", "card.withdraw", {"card": 4}, trainer=False) == {"card": 4}


def test_undo_of_an_undo_redoes_and_moderation_is_recorded():
    base = room_with_vote() + [
        event(4, "p1", "card.add", group="G1", village="V", service="waste", text="No bins"),
        event(5, "p2", "card.add", group="G2", village="V", service="waste", text="No bins!"),
        event(6, "p2", "remark.add", card=5, type="agree", text=""),
        event(7, "trainer", "card.merge", keep=4, other=5),
        event(8, "trainer", "card.screen", card=4, criterion="sedp", passed=False, reason="Not in"),
    ]
    room = replay(base)
    assert [c.card_id for c in room.wall()] == [4]
    assert room.remarks[6].card_id == 4
    assert room.cards[4].screening["sedp"] == {"passed": False, "reason": "Not in"}
    undo = replay(base + [event(9, "trainer", "undo", target=7)])
    assert [c.card_id for c in undo.wall()] == [4, 5] and undo.remarks[6].card_id == 5
    redo = replay(
        base + [event(9, "trainer", "undo", target=7), event(10, "trainer", "undo", target=9)]
    )
    assert [c.card_id for c in redo.wall()] == [4]


def test_text_limits_and_screening_reason():
    room = replay(
        room_with_vote()
        + [event(4, "p1", "card.add", group="G", village="", service="w", text="t")]
    )
    too_long = {"group": "G", "service": "w", "text": "x" * 301}
    with pytest.raises(ToolkitError, match="too long: 301 characters, at most 300"):
        check_action(room, "p1", "card.add", too_long, trainer=False)
    failing = {"card": 4, "criterion": "sedp", "passed": "no"}
    with pytest.raises(ToolkitError, match="fill in the reason"):
        check_action(room, "trainer", "card.screen", failing, trainer=True)
    assert (
        check_action(
            room, "trainer", "card.screen", {**failing, "reason": "Not in the SEDP"}, trainer=True
        )["reason"]
        == "Not in the SEDP"
    )


# ----------------------------------------------------------------------------- results


def test_results_are_counted_by_toolkit_voting_with_ties_and_groups():
    events = room_with_vote(budget=2, stacking=True) + [
        event(4, "p1", "ballot.cast", vote=3, ballot={"a": 2}),
        event(5, "p2", "ballot.cast", vote=3, ballot={"b": 2}),
    ]
    room = replay(events)
    found = results(room.votes[3], room.participants)
    rows = found["tables"][0]["rows"]
    assert [(r["label"], r["points"], r["tied"]) for r in rows[:2]] == [
        ("A", 2, True),
        ("B", 2, True),
    ]
    assert found["tiebreak"] and "«A»" in found["tiebreak"][0]
    assert {p["value"] for p in found["groups"]["gender"]} == {"woman", "man", "all"}


def test_ranking_is_counted_by_borda_and_copeland():
    events = room_with_vote("rank") + [
        event(4, "p1", "ballot.cast", vote=3, ballot=["a", "b", "c", "d"]),
        event(5, "p2", "ballot.cast", vote=3, ballot=["a", "c", "b", "d"]),
    ]
    room = replay(events)
    found = results(room.votes[3], room.participants)
    assert [t["method"] for t in found["tables"]] == ["borda", "copeland"]
    assert found["tables"][0]["rows"][0]["label"] == "A"


def test_weighted_scores():
    crit = [
        {"id": "c1", "label": "Urgency", "weight": 2},
        {"id": "c2", "label": "Cost", "weight": 1},
    ]
    events = room_with_vote("scores", criteria=crit, max_score=5) + [
        event(
            4,
            "p1",
            "ballot.cast",
            vote=3,
            ballot={"c1": {"a": 5, "b": 1, "c": 0, "d": 0}, "c2": {"a": 1, "b": 5, "c": 0, "d": 0}},
        ),
    ]
    room = replay(events)
    rows = results(room.votes[3], room.participants)["tables"][0]["rows"]
    assert (rows[0]["label"], rows[0]["points"]) == ("A", 11)


# ----------------------------------------------------------------------------- store


def test_the_store_is_append_only_and_survives_reopening(tmp_path):
    path = tmp_path / "room.sqlite"
    store = Store(path)
    store.append("p1", "join", {"group": "G"})
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.db.execute("DELETE FROM events")
    mode = store.db.execute("PRAGMA journal_mode").fetchone()[0]
    sync = store.db.execute("PRAGMA synchronous").fetchone()[0]
    store.close()
    assert (mode, sync) == ("wal", 2)  # 2 is FULL
    again = Store(path)
    assert [e["kind"] for e in again.events()] == ["join"]
    again.close()


def test_a_damaged_store_is_moved_aside_never_overwritten(tmp_path):
    path = tmp_path / "room.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 5000)
    damaged = path.read_bytes()
    room = RoomService(path)
    assert not room.open and "damaged" in room.damaged
    kept = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged and not path.exists()
    with pytest.raises(ToolkitError):
        room.act("p1", "join", {"group": "G"}, trainer=False)
    room.start_fresh()  # the trainer's word
    room.act("p1", "join", {"group": "G"}, trainer=False)
    assert kept[0].read_bytes() == damaged
    room.close()
    fresh = path.read_bytes()
    kept[0].rename(tmp_path / "again.sqlite")
    with pytest.raises(DamagedStore):
        Store(tmp_path / "again.sqlite")
    assert path.read_bytes() == fresh


# ----------------------------------------------------------------------------- exports and lessons


def test_every_text_cell_of_an_export_is_inert():
    for value in ("=1+1", "+1", "-1", "@SUM(A1)"):
        assert inert_cell(value) == "'" + value
    assert inert_cell(-1) == -1 and inert_cell("Water") == "Water"
    table = inert(pd.DataFrame({"=bad": ["=cmd|' /C calc'!A0", "ok"], "n": [1, -2]}))
    assert list(table.columns) == ["'=bad", "n"] and table["n"].tolist() == [1, -2]
    events = room_with_vote() + [
        event(4, "p1", "card.add", group="=G", village="@V", service="waste", text="=HYPERLINK(1)")
    ]
    room = replay(events)
    data, _mime = export(room, "cards", "xlsx")
    sheet = pd.read_excel(io.BytesIO(data))
    assert sheet.loc[0, "text"] == "'=HYPERLINK(1)" and sheet.loc[0, "group"] == "'=G"
    import openpyxl

    cell = openpyxl.load_workbook(io.BytesIO(data)).active["E2"]
    assert cell.data_type == "s"
    csv = export(room, "cards", "csv")[0].decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in csv and ",=HYPERLINK" not in csv


def test_lessons_load_the_room_into_gallery_and_ballots(tmp_path):
    path = tmp_path / "room.sqlite"
    room = RoomService(path)
    room.act("p1", "join", {"group": "G1", "gender": "woman"}, trainer=False)
    room.act("p2", "join", {"group": "G2", "gender": "man"}, trainer=False)
    c1 = room.act(
        "p1",
        "card.add",
        {"group": "G1", "village": "Ak-Kyya", "service": "waste", "text": "No bins"},
        trainer=False,
    )
    c2 = room.act(
        "p2",
        "card.add",
        {"group": "G2", "village": "", "service": "drinking-water", "text": "No water"},
        trainer=False,
    )
    room.act("p2", "remark.add", {"card": c1["id"], "type": "agree"}, trainer=False)
    hidden = room.act(
        "p2", "card.add", {"group": "G2", "service": "waste", "text": "spam"}, trainer=False
    )
    room.act("trainer", "card.hide", {"card": hidden["id"], "reason": "Off topic"}, trainer=True)
    items = [{"id": f"card-{c['id']}", "label": c["payload"]["text"]} for c in (c1, c2)]
    vote = room.act(
        "trainer",
        "vote.open",
        {"method": "dots", "budget": 2, "stacking": True, "items": items},
        trainer=True,
    )
    room.act(
        "p1", "ballot.cast", {"vote": vote["id"], "ballot": {f"card-{c1['id']}": 2}}, trainer=False
    )
    room.act(
        "p2", "ballot.cast", {"vote": vote["id"], "ballot": {f"card-{c2['id']}": 1}}, trainer=False
    )
    wall = room_gallery(path)
    assert sorted(wall.cards()["text"]) == ["No bins", "No water"]
    assert len(wall.remarks()) == 1
    b = room_ballots(path)
    assert b.items == ["No bins", "No water"] and b.values.tolist() == [[2, 0], [0, 1]]
    assert sorted(b.voters["gender"]) == ["man", "woman"]
    room.close()
