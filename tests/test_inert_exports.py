"""Every export of the toolkit writes a cell that starts with = + - @ as text, never as a
live formula (the leading ' that spreadsheets read as "this is text")."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from tests.test_plan import small_plan
from toolkit import plan as P
from toolkit.gallery import Gallery
from toolkit.room.export import export as room_export
from toolkit.room.state import event, replay
from toolkit.tables import inert_cell, uninert_cell

FORMULAS = ['=HYPERLINK("http://x","x")', "+1+1", "-2+3", "@SUM(A1:A2)"]


@pytest.mark.parametrize("value", FORMULAS)
def test_a_formula_becomes_text_and_reads_back(value):
    assert inert_cell(value) == "'" + value and uninert_cell(inert_cell(value)) == value


def _no_formula(data: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)


def test_gallery_exports():
    wall = Gallery()
    for n, text in enumerate(FORMULAS, start=1):
        wall.add_card("=G", "Ак-Кыя", "waste", text, card_id=n)
    csv = wall.to_csv().decode("utf-8-sig")
    assert all(f"'{t}" in csv or f"\"'{t}" in csv.replace('""', '"') for t in FORMULAS[1:])
    _no_formula(wall.to_xlsx())


def test_room_exports():
    room = replay(
        [event(1, "p1", "card.add", group="=G", village="+V", service="waste", text=FORMULAS[0])]
    )
    for what in ("cards", "remarks", "ballots", "results"):
        _no_formula(room_export(room, what, "xlsx")[0])
    sheet = pd.read_excel(io.BytesIO(room_export(room, "cards", "xlsx")[0]))
    assert sheet.loc[0, "text"] == "'" + FORMULAS[0]


def test_plan_excel_keeps_formula_like_text_as_text_and_reads_it_back():
    plan = small_plan(title="=1+1 суу")
    data = P.xlsx_bytes(plan, lang="ky")
    _no_formula(data)
    assert P.read_xlsx(data) == plan
