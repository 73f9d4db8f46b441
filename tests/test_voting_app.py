"""The voting board without a browser: set widget values, check ranking, state and autosave."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from toolkit.apps import voting as app_module
from toolkit.apps.voting import STATE_NAME, VotingBoard, app
from toolkit.cases import load_case
from toolkit.i18n import set_language
from toolkit.voting import board_csv, board_xlsx

GROUP = "1-топ"


@pytest.fixture(autouse=True)
def workshop_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ALGCA_DATA_DIR", str(tmp_path))
    set_language("en")
    yield tmp_path
    set_language("ky")


def _classes(widget, found=None):
    found = found if found is not None else []
    found.append((widget, set(getattr(widget, "_dom_classes", ()))))
    for child in getattr(widget, "children", ()):
        _classes(child, found)
    return found


def test_follows_the_app_contract():
    """Has the app exactly one primary input (an IntText) and a live output (the chart)?"""
    frame = app(group=GROUP)
    marked = _classes(frame)
    primary = [w for w, c in marked if "algca-primary-input" in c]
    live = [w for w, c in marked if "algca-live-output" in c]
    assert len(primary) == 1 and type(primary[0]).__name__ == "IntText"
    assert len(live) == 1 and live[0].children[0].value[:4] == b"\x89PNG"


def test_typing_a_count_reranks_and_redraws(workshop_folder):
    """Does a new dot count change the ranking, the chart and the saved file at once?"""
    frame = app(group=GROUP)
    board = frame.board
    before = board.chart.value
    board.counts["waste"].value = 7
    board.counts["drinking-water"].value = 3
    assert board.result["item"].tolist()[:2] == ["waste", "drinking-water"]
    assert board.chart.value != before
    saved = json.loads(
        (workshop_folder / "state" / STATE_NAME / f"{GROUP}.json").read_text("utf-8")
    )
    assert saved["dots"]["waste"] == 7 and saved["dots"]["drinking-water"] == 3


def test_a_quick_redraw_looks_exactly_like_a_fresh_layout():
    """Is the chart redrawn with the kept margins (no new layout) the same picture as one laid out afresh?"""
    board = app(group=GROUP).board
    board.counts["waste"].value = 7
    board.counts["drinking-water"].value = 3  # same items: margins kept
    kept = board.chart.value
    board.figure.algca_ranking = None  # forget the bars: the next redraw lays the chart out anew
    board.update()
    assert board.chart.value == kept
    board.add_item("Көчө жарыгы жана жолдор")  # a new name: the chart is laid out anew to fit it
    assert board.figure.algca_ranking["same"][1] == tuple(sorted(board.state["items"]))


def test_plus_and_minus_buttons_and_ties_shown():
    """Do +1/−1 change the count, and is a tie shown as a tie in the table?"""
    board = app(group=GROUP).board
    board.counts["waste"].value = 2
    board.counts["irrigation"].value = 2
    assert board.result.loc[board.result["item"] == "waste", "tied"].item()
    assert "tie" in board.table.value
    plus = board.entry.children[1].children[2]  # the row of "waste": label, box, +1, −1
    plus.click()
    assert board.state["dots"]["waste"] == 3 and not board.result["tied"].iloc[0]


def test_restart_restores_the_board():
    """After a restart (a new board reading the saved file), are items, counts and mode back?"""
    board = app(group=GROUP).board
    board.add_item("Көпүрө")
    board.counts["Көпүрө"].value = 9
    board.set_mode("pairwise")
    again = VotingBoard(group=GROUP)
    assert again.state["items"][-1] == "Көпүрө" and again.state["dots"]["Көпүрө"] == 9
    assert again.state["mode"] == "pairwise"


def test_damaged_save_file_starts_afresh(workshop_folder):
    """Does a broken or odd saved file give a clean board instead of an error?"""
    folder = workshop_folder / "state" / STATE_NAME
    folder.mkdir(parents=True)
    (folder / f"{GROUP}.json").write_text('{"items": ["a", "b"], "dots": {"a": "x"}}')
    board = VotingBoard(group=GROUP)
    assert board.state["dots"] == {"a": 0, "b": 0}
    (folder / f"{GROUP}.json").write_text("{not json")
    frame = app(group=GROUP)
    assert frame.app.state["items"] == ["drinking-water", "waste", "irrigation"]
    assert "damaged" in frame.message_area.outputs[0]["data"]["text/plain"]
    assert [p.read_text() for p in folder.glob("*.damaged-*")] == ["{not json"]


def test_two_participants_in_two_groups_do_not_overwrite_each_other():
    one, two = VotingBoard(group="1-топ"), VotingBoard(group="2-топ")
    one.load_example("chet-nura")
    two.build()
    two.counts["waste"].value = 5
    assert VotingBoard(group="1-топ").state["dots"]["waste"] != 5
    assert VotingBoard(group="2-топ").state["dots"]["waste"] == 5


def test_pairwise_mode_counts_the_matrix():
    """In pairwise mode, do the choices give the Copeland ranking?"""
    board = app(group=GROUP).board
    board.set_mode("pairwise")
    board.choices["drinking-water|waste"].value = "drinking-water"
    board.choices["drinking-water|irrigation"].value = "drinking-water"
    board.choices["waste|irrigation"].value = "irrigation"
    assert board.result["item"].tolist() == ["drinking-water", "irrigation", "waste"]
    assert board.result["points"].tolist() == [2, 1, 0]
    assert board.heat.value[:4] == b"\x89PNG" and board.heat.layout.display is None
    board.set_mode("dots")
    assert board.heat.layout.display == "none"


def test_examples_reproduce_the_observed_outcomes():
    """Does the Chet-Nura example show the observed order (priority_services: water > waste >
    irrigation) in both modes, and a Batken example its municipality's most-voted direction?"""
    services = load_case("chet-nura").tables["priority_services"].sort_values("rank")
    order = services["service_id"].tolist()
    board = app(group=GROUP).board
    board.load_example("chet-nura")
    assert board.result["item"].tolist() == order
    board.set_mode("pairwise")
    assert board.result["item"].tolist() == order
    board.load_example("sumbula")
    directions = load_case("batken-training").tables["training_directions"]
    observed = directions[
        (directions["municipality_id"] == "sumbula") & (directions["rank"].astype(int) == 1)
    ]
    assert board.result["item"].iloc[0] == observed["direction"].item()


def test_break_tie_explains_and_keeps_the_lot_number():
    """Does breaking a tie explain each step and keep the lot's number after a restart?"""
    board = app(group=GROUP).board
    board.clear_votes()
    board.counts["waste"].value = 4
    board.counts["irrigation"].value = 4
    board.break_tie()
    assert not board.result["tied"].any()
    seed = board.state["seed"]
    assert str(seed) in board.explain.value and "lot" in board.explain.value
    again = VotingBoard(group=GROUP)
    again.update()
    assert again.result["item"].tolist() == board.result["item"].tolist()
    board.counts["waste"].value = 5  # a new vote: the tie-break is dropped
    assert board.explain.value == ""


def test_bad_count_shows_a_message_not_a_traceback():
    """Does a negative count give a calm message and leave the saved count alone?"""
    frame = app(group=GROUP)
    board = frame.board
    board.counts["waste"].value = 3
    board.counts["waste"].value = -2
    assert board.state["dots"]["waste"] == 3
    shown = frame.message_area.outputs[0]["data"]["text/html"]
    assert "0 or more" in shown


def test_adding_an_item_twice_is_refused_calmly():
    frame = app(group=GROUP)
    frame.board.widgets["new_item"].value = "waste"
    frame.board.widgets["add"].click()
    assert "already on the board" in frame.message_area.outputs[0]["data"]["text/html"]


def test_exports_csv_and_xlsx():
    """Do the CSV and Excel exports hold the ranking and the votes?"""
    board = app(group=GROUP).board
    board.load_example("chet-nura")
    table = pd.read_csv(io.BytesIO(board_csv(board.state)), encoding="utf-8-sig")
    assert table["item_id"].tolist() == ["drinking-water", "waste", "irrigation"]
    book = pd.read_excel(io.BytesIO(board_xlsx(board.state)), sheet_name=None)
    assert set(book) == {"Result", "Votes"}
    assert book["Votes"]["Dots"].sum() == board.result["points"].sum()
    board.widgets["xlsx"].click()
    assert "votes.xlsx" in board.download.children[0].value


def test_kyrgyz_app_has_no_english_labels():
    """Is the board in Kyrgyz when the language is Kyrgyz?"""
    set_language("ky")
    frame = app(group=GROUP)
    assert frame.board.widgets["clear"].description != "Clear the votes"
    assert app_module._("Voting board") != "Voting board"
