"""Does the tariff calculator react to the trainer's input, without a browser?"""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest

from toolkit.apps import tariff as tariff_app
from toolkit.apps.tariff import CASES, TariffApp
from toolkit.i18n import set_language

GROUP = "1-топ"


@pytest.fixture(autouse=True)
def workshop_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ALGCA_DATA_DIR", str(tmp_path))
    set_language("ky")
    yield
    set_language("ky")


def image(calc: TariffApp) -> bytes:
    return bytes(calc.widgets["chart"].value)


def test_changing_the_primary_input_redraws_chart_and_tariff():
    calc = TariffApp(restore=False)
    primary = calc.widgets["units"]
    assert "algca-primary-input" in primary._dom_classes
    assert "algca-live-output" in calc.widgets["chart"]._dom_classes
    before_png, before_text, before_n = image(calc), calc.widgets["result"].value, calc.redraws
    primary.value = 1_100
    assert calc.redraws == before_n + 1
    assert image(calc) != before_png and image(calc).startswith(b"\x89PNG")
    assert calc.widgets["result"].value != before_text
    assert calc.calculation.tariff == pytest.approx(100.0)


def test_collection_slider_changes_the_needed_tariff():
    calc = TariffApp(restore=False)
    calc.load_case("teploklyuchenka/waste")
    calc.widgets["collection_rate"].value = 0.5
    assert calc.calculation.tariff_needed == pytest.approx(100.0)
    assert "100,00 сом" in calc.widgets["result"].value


def test_editing_a_cost_line_changes_the_tariff():
    calc = TariffApp(restore=False)
    calc.load_case("teploklyuchenka/dip-bath")
    assert calc.calculation.tariff == pytest.approx(13.0)
    chemicals = calc.line_rows[0]
    chemicals["amount"].value = 99_000 + 18_000 / 1.2  # one more som per head, before margin
    assert calc.calculation.tariff == pytest.approx(14.0)


def test_depreciation_line_shows_price_life_and_salvage():
    calc = TariffApp(restore=False)
    calc.load_case("teploklyuchenka/waste")
    truck = calc.line_rows[0]
    assert truck["category"].value == "depreciation"
    shown = [w for part in truck["box"].children for w in part.children]
    assert truck["price"] in shown and truck["amount"] not in shown
    truck["life"].value = 14
    assert calc.calculation.depreciation == pytest.approx((3_500_000 - 350_000) / 14)


def test_add_and_remove_lines():
    calc = TariffApp(restore=False)
    n = len(calc.line_rows)
    calc.widgets["add"].click()
    assert len(calc.line_rows) == n + 1
    calc.line_rows[-1]["amount"].value = 264_000
    assert calc.calculation.cost == pytest.approx(1_200_000 + 264_000)
    calc.line_rows[-1]["remove"].click()
    assert len(calc.line_rows) == n
    assert calc.calculation.cost == pytest.approx(1_200_000)


@pytest.mark.parametrize("key", CASES)
def test_every_case_loads_from_the_dropdown(key):
    calc = TariffApp(restore=False)
    calc.widgets["case"].value = key
    assert calc.state["case"] == key
    assert calc.calculation.title == calc.title()


def test_bad_input_shows_a_message_and_keeps_the_last_chart():
    frame = tariff_app.app()
    calc = frame.tariff_app
    good_png, good_tariff = image(calc), calc.calculation.tariff
    calc.widgets["units"].value = 0
    text = frame.message_area.outputs[0]["data"]["text/plain"]
    assert "Төлөм бирдиктеринин саны нөлдөн көп болушу керек" in text
    assert image(calc) == good_png and calc.calculation.tariff == good_tariff
    calc.widgets["units"].value = 2_200
    assert frame.message_area.outputs == ()


def test_negative_cost_message_in_russian():
    frame = tariff_app.app()
    frame.picker.value = "ru"
    calc = frame.tariff_app
    calc.line_rows[1]["amount"].value = -1
    assert "отрицательная" in frame.message_area.outputs[0]["data"]["text/plain"]


def test_language_switch_redraws_every_text():
    frame = tariff_app.app()
    calc = frame.tariff_app
    assert "сом" in calc.widgets["result"].value
    frame.picker.value = "en"
    calc = frame.tariff_app
    assert "per household per month" in calc.widgets["result"].value
    assert calc.widgets["units"].description == "Number of payers (units)"
    assert calc.lines_frame()["label"].iloc[0] == "Wear of the garbage truck"
    assert frame.title_html.value.count("Tariff calculator") == 1


def test_sheet_downloads_as_xlsx_and_loads_back_as_a_template():
    calc = TariffApp(restore=False)
    calc.load_case("chet-nura/drinking-water")
    calc.widgets["prepare"].click()
    link = calc.widgets["download"].children[0].value
    assert 'download="тариф.xlsx"' in link
    data = calc.sheet()
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert "Насостордун электр энергиясы" in [
        r[2] for r in book["inputs"].iter_rows(values_only=True)
    ]
    other = TariffApp(restore=False)
    other.load_template(data)
    assert other.calculation.tariff == pytest.approx(calc.calculation.tariff)
    assert other.calculation.collection_rate == pytest.approx(0.85)


def test_a_broken_template_gets_a_message_not_a_traceback():
    frame = tariff_app.app()
    upload = frame.tariff_app.widgets["upload"]
    upload.value = (
        {
            "name": "чыгым.xlsx",
            "type": "",
            "size": 3,
            "content": memoryview(b"abc"),
            "last_modified": datetime.datetime(2024, 1, 1),
        },
    )
    text = frame.message_area.outputs[0]["data"]["text/plain"]
    assert "Excel" in text and "чыгым.xlsx" in text


def test_work_is_restored_after_a_restart():
    calc = TariffApp(restore=False, group=GROUP)
    calc.widgets["units"].value = 2_000
    again = TariffApp(group=GROUP)
    assert again.state["units"] == 2_000
    assert again.calculation.tariff == pytest.approx(1_320_000 / 2_000 / 12)


def test_every_chart_choice_draws():
    calc = TariffApp(restore=False)
    seen = set()
    for choice in ("waterfall", "collection", "tornado", "affordability"):
        calc.widgets["chart_choice"].value = choice
        seen.add(image(calc))
    assert len(seen) == 4


def _readouts(widget) -> list[str]:
    found = [widget.value] if "algca-readout" in getattr(widget, "_dom_classes", ()) else []
    for child in getattr(widget, "children", ()):
        found += _readouts(child)
    return found


@pytest.mark.parametrize(("lang", "shown"), [("ky", "5,5%"), ("ru", "5,5%"), ("en", "5.5%")])
def test_percent_sliders_read_out_the_way_the_user_writes_numbers(lang, shown):
    """Is the affordability threshold shown with a decimal comma in Kyrgyz and Russian?"""
    set_language(lang)
    calc = TariffApp(restore=False)
    calc.widgets["threshold"].value = 0.055
    assert shown in _readouts(calc.root)
    assert not calc.widgets["threshold"].readout  # the browser's readout would say "5.5%"


def test_the_waterfalls_row_labels_neither_overlap_nor_leave_the_picture():
    """With long cost names (the Teploklyuchenka waste case), is each label clear of its neighbours?"""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    calc = TariffApp(restore=False)
    canvas = FigureCanvasAgg(calc.figure)
    canvas.draw()
    labels = [t for t in calc.figure.axes[0].get_yticklabels() if t.get_text()]
    assert any("\n" in t.get_text() for t in labels)  # long names are wrapped
    boxes = sorted((t.get_window_extent(canvas.get_renderer()) for t in labels), key=lambda b: b.y0)
    for lower, upper in zip(boxes, boxes[1:], strict=False):
        assert lower.y1 <= upper.y0, (lower, upper)
    assert min(b.x0 for b in boxes) >= 0


def test_a_tornado_redraw_moves_the_bars_in_place_and_looks_like_a_fresh_one():
    """Typing a new number of payers with the tornado shown: are the bars moved (not the chart
    built anew), and is the picture the same, pixel for pixel, as one built afresh?"""
    calc = TariffApp(restore=False)
    calc.widgets["chart_choice"].value = "tornado"
    axes = calc.figure.axes[0]
    before = image(calc)
    calc.widgets["units"].value = 3_000
    assert calc.figure.axes[0] is axes
    quick = image(calc)
    assert quick != before
    calc.figure._algca_tornado = None  # forget the bars: the next redraw builds the chart anew
    calc.update()
    assert calc.figure.axes[0] is not axes
    assert image(calc) == quick
