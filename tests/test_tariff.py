"""Does toolkit.tariff compute what a clerk would compute by hand, and refuse bad input kindly?"""

from __future__ import annotations

import io
import json
import math
import re
import shutil
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.seeds import seed_texts
from toolkit import tariff
from toolkit.cases import load_case
from toolkit.errors import ToolkitError
from toolkit.i18n import in_language, set_language

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "datasets" / "data"


@pytest.fixture(autouse=True)
def kyrgyz():
    set_language("ky")
    yield
    set_language("ky")


# ---------------------------------------------------------------- the arithmetic
def test_straight_line_depreciation_of_the_truck():
    assert tariff.depreciation(3_500_000, 7, salvage=350_000) == 450_000
    assert tariff.depreciation(3_500_000, 7) == 500_000


def test_required_revenue_adds_margin_then_tax():
    assert tariff.required_revenue(direct=1000, overheads=200, depreciation=300) == 1500
    assert tariff.required_revenue(direct=1000, margin=0.1, tax_rate=0.12) == pytest.approx(1232)


@pytest.mark.parametrize(
    ("unit", "units", "periods", "expected"),
    [
        ("household", 2_200, 12, 50.0),
        ("subscriber", 1_100, 12, 100.0),
        ("person", 11_000, 12, 10.0),
        ("head", 18_000, 1, 1_320_000 / 18_000),
        ("hectare", 660, 1, 2_000.0),
        ("m3", 132_000, 1, 10.0),
    ],
)
def test_tariff_per_billing_unit(unit, units, periods, expected):
    lines = {"category": ["direct"], "label": ["x"], "amount": [1_320_000]}
    calc = tariff.calculate(lines, units=units, billing_unit=unit, periods_per_year=periods)
    assert calc.tariff == pytest.approx(expected)
    assert tariff.tariff_per_unit(1_320_000, units, periods) == pytest.approx(expected)


def test_collection_and_cost_recovery_are_inverse():
    needed = tariff.tariff_at_collection(50, 0.65)
    assert needed == pytest.approx(76.923, abs=1e-3)
    assert tariff.cost_recovery(needed, 0.65, required_tariff=50) == pytest.approx(1.0)
    assert tariff.cost_recovery(50, 0.65, required_tariff=50) == pytest.approx(0.65)


def test_affordability_verdict_against_a_configurable_threshold():
    assert tariff.affordability(400, 10_000, threshold=0.05).affordable
    assert not tariff.affordability(400, 10_000, threshold=0.03).affordable
    assert tariff.affordability(400, 10_000).threshold == tariff.AFFORDABILITY_THRESHOLD == 0.05
    assert "3%" in tariff.affordability(400, 10_000, threshold=0.03).message()
    assert (
        "UNDP" in tariff.affordability.__doc__ and "rule of thumb" in tariff.affordability.__doc__
    )


def test_discount_keeps_the_revenue():
    d = tariff.discount(50, share=0.2, rate=0.5)
    revenue = 0.8 * d.full + 0.2 * d.discounted
    assert revenue == pytest.approx(50)
    assert d.discounted == pytest.approx(d.full / 2)


def test_lease_rent_equals_depreciation():
    assert tariff.lease_rent(2_400_000, 20) * 12 == pytest.approx(
        tariff.depreciation(2_400_000, 20)
    )
    assert tariff.lease_rent(2_400_000, 20, periods_per_year=1) == 120_000


@settings(max_examples=60, deadline=None)
@given(
    direct=st.floats(0, 1e7),
    overheads=st.floats(0, 1e6),
    price=st.floats(0, 1e7),
    life=st.floats(0.5, 50),
    margin=st.floats(0, 1),
    tax=st.floats(0, 0.5),
    units=st.floats(1, 1e5),
    collection=st.floats(0.01, 1),
)
def test_vectorised_scenarios_agree_with_the_step_by_step_calculation(
    direct, overheads, price, life, margin, tax, units, collection
):
    lines = pd.DataFrame(
        {
            "category": ["direct", "overhead", "depreciation"],
            "label": ["a", "b", "c"],
            "amount": [direct, overheads, None],
            "asset_price": [None, None, price],
            "service_life_years": [None, None, life],
            "salvage_value": [None, None, 0.0],
        }
    )
    calc = tariff.calculate(
        lines, units, periods_per_year=12, margin=margin, tax_rate=tax, collection_rate=collection
    )
    vectorised = tariff.scenario_tariffs(calc.scenario()).iloc[0]
    assert vectorised == pytest.approx(calc.tariff_needed, rel=1e-9, abs=1e-9)


def test_sensitivity_has_the_right_direction_for_each_input():
    calc = tariff.case_calculation("teploklyuchenka", "waste")
    s = tariff.sensitivity(calc.scenario(), 0.2).iloc[0]
    base = s[("base", "")]
    for name in ("direct", "overheads", "asset_price", "margin"):
        assert s[(name, "low")] < base < s[(name, "high")], name
    for name in ("units", "collection_rate", "service_life_years"):
        assert s[(name, "low")] > base > s[(name, "high")], name


def test_sensitivity_keeps_collection_within_one():
    table = pd.DataFrame({"direct": [1200.0], "units": [10.0], "collection_rate": [0.95]})
    s = tariff.sensitivity(table, 0.2, inputs=["collection_rate"])
    assert s.loc[0, ("collection_rate", "high")] == pytest.approx(120.0)  # capped at 100%


def test_sensitivity_is_vectorised_over_many_scenarios():
    rng = np.random.default_rng(1)
    n = 2_000
    table = pd.DataFrame(
        {
            "direct": rng.uniform(1e5, 1e6, n),
            "overheads": rng.uniform(0, 1e5, n),
            "asset_price": rng.uniform(0, 5e6, n),
            "service_life_years": rng.uniform(3, 20, n),
            "margin": rng.uniform(0, 0.3, n),
            "units": rng.uniform(500, 5000, n),
            "periods_per_year": 12.0,
            "collection_rate": rng.uniform(0.4, 1, n),
        }
    )
    s = tariff.sensitivity(table, 0.1)
    assert s.shape == (n, 1 + 2 * len(tariff.SENSITIVITY_INPUTS))
    row = table.iloc[[123]].reset_index(drop=True)
    assert s.iloc[123].to_numpy() == pytest.approx(tariff.sensitivity(row, 0.1).iloc[0].to_numpy())


def test_tornado_orders_by_swing():
    t = tariff.tornado(tariff.case_calculation("chet-nura", "drinking-water"))
    assert list(t["swing"]) == sorted(t["swing"], reverse=True)
    assert "tax_rate" not in set(t["input"])  # no tax in this case: nothing to move


# ---------------------------------------------------------------- the case data
def test_dip_bath_lines_give_exactly_13_som_per_head_of_sheep_and_goats():
    calc = tariff.case_calculation("teploklyuchenka", "dip-bath")
    assert calc.units == 18_000 and calc.billing_unit == "head"
    assert calc.tariff == pytest.approx(13.0, abs=1e-12)
    facts = pd.read_csv(DATA / "billing_units.csv")
    observed = facts.query("service_id == 'dip-bath' and measure == 'observed_tariff'")["value"]
    assert float(observed.iloc[0]) == calc.tariff


def test_waste_lines_include_the_truck_and_give_50_som():
    calc = tariff.case_calculation("teploklyuchenka", "waste")
    truck = calc.lines.set_index("line_id").loc["truck"]
    assert truck["category"] == "depreciation" and truck["asset_price"] == 3_500_000
    assert calc.tariff == pytest.approx(50.0, abs=1e-12)
    assert calc.collection_rate == 0.65
    assert calc.tariff_needed == pytest.approx(50 / 0.65)


def test_every_cost_line_is_marked_illustrative_with_a_note():
    lines = pd.read_csv(DATA / "cost_lines.csv")
    assert set(lines["kind"]) == {"illustrative"}
    assert lines["note"].str.len().min() > 20


@pytest.mark.parametrize("table", ["cost_lines", "billing_units", "household_income"])
def test_source_text_is_verbatim_from_the_seed(table):
    rows = pd.read_csv(DATA / f"{table}.csv", keep_default_na=False)
    seeds = seed_texts(collapse=False)
    for _, row in rows.iterrows():
        if row["kind"] == "observed":
            assert row["source_file"] and row["source_text"], row.to_dict()
        if row["source_file"]:
            assert row["source_text"] in seeds[row["source_file"]], row.to_dict()


def test_observed_figures_appear_in_their_source_sentence():
    facts = pd.read_csv(DATA / "billing_units.csv", keep_default_na=False)
    observed = facts[facts["kind"] == "observed"]
    assert len(observed) >= 4
    for _, row in observed.iterrows():
        shown = (
            f"{row['value'] * 100:g}%"
            if row["measure"] == "collection_rate"
            else f"{row['value']:g}"
        )
        assert shown in row["source_text"], row.to_dict()


@pytest.mark.parametrize("table", ["cost_lines", "billing_units", "household_income"])
def test_schema_lists_every_column(table):
    schema = json.loads(
        (ROOT / "datasets" / "schemas" / f"{table}.json").read_text(encoding="utf-8")
    )
    header = list(pd.read_csv(DATA / f"{table}.csv", nrows=0).columns)
    assert [f["name"] for f in schema["schema"]["fields"]] == header
    assert schema["path"] == f"data/{table}.csv"


# ---------------------------------------------------------------- the sheet
def test_xlsx_sheet_keeps_kyrgyz_letters_and_reads_back(tmp_path):
    calc = tariff.case_calculation("teploklyuchenka", "waste")
    path = tmp_path / "тариф.xlsx"
    data = calc.to_xlsx(path)
    assert path.read_bytes() == data
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["calculation", "inputs", "settings"]
    cells = [c for row in book["calculation"].iter_rows(values_only=True) for c in row if c]
    assert "Таштанды ташуучу унаанын эскириши" in cells
    assert any(isinstance(c, str) and "ң" in c for c in cells) or any(
        isinstance(c, str) and "ү" in c for c in cells
    )
    assert 1_320_000 in cells
    # a person reads this sheet: no English codes in it (the inputs and settings keep theirs)
    words = [c for c in cells if isinstance(c, str)]
    assert not [w for w in words if re.search("[A-Za-z]", w)], words
    again = tariff.read_template(data)
    assert again.tariff == pytest.approx(calc.tariff)
    assert again.collection_rate == calc.collection_rate


def test_template_is_refused_kindly_if_it_is_not_excel():
    with pytest.raises(ToolkitError, match="Excel"):
        tariff.read_template(b"not a workbook", file="cost.xlsx")


def test_build_up_follows_the_lesson_order():
    steps = list(tariff.case_calculation("teploklyuchenka", "waste").build_up()["step"])
    assert steps[-4:] == ["profit", "required_revenue", "tariff", "tariff_needed"]
    assert steps.index("cost") == 5


# ---------------------------------------------------------------- bad input, in three languages
BAD = {
    "zero units": (
        lambda: tariff.tariff_per_unit(1000, 0),
        {
            "ky": "Төлөм бирдиктеринин саны нөлдөн көп болушу керек",
            "ru": "Число единиц оплаты должно быть больше нуля",
            "en": "The number of billing units must be more than zero",
        },
    ),
    "collection above one": (
        lambda: tariff.tariff_at_collection(50, 65),
        {"ky": "65% бул 0,65", "ru": "65% — это 0,65", "en": "65% is 0.65"},
    ),
    "collection zero": (
        lambda: tariff.tariff_at_collection(50, 0),
        {
            "ky": "чогултуу деңгээли 0дөн чоң",
            "ru": "Собираемость должна быть больше 0",
            "en": "The collection rate must be more than 0",
        },
    ),
    "negative cost": (
        lambda: tariff.calculate(
            {"category": ["direct"], "label": ["Күйүүчү май"], "amount": [-5]}, units=10
        ),
        {
            "ky": "«Күйүүчү май» чыгымы терс",
            "ru": "Сумма по статье «Күйүүчү май» отрицательная",
            "en": "Cost «Күйүүчү май» is negative",
        },
    ),
    "life of zero years": (
        lambda: tariff.depreciation(3_500_000, 0, item="Унаа"),
        {
            "ky": "«Унаа»: кызмат мөөнөтү нөлдөн көп",
            "ru": "Срок службы «Унаа» должен быть больше нуля",
            "en": "The service life of «Унаа» must be more than zero",
        },
    ),
    "margin of 300%": (
        lambda: tariff.required_revenue(direct=100, margin=3),
        {
            "ky": "Рентабелдүүлүк 300% болушу мүмкүн эмес",
            "ru": "Рентабельность 300% неправдоподобна",
            "en": "A profitability margin of 300% is not plausible",
        },
    ),
}


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_gets_a_clear_message_in_the_users_language(case, lang):
    call, expected = BAD[case]
    set_language(lang)
    with pytest.raises(ToolkitError) as info:
        call()
    assert expected[lang] in str(info.value)
    assert "Traceback" not in str(info.value)


def test_bad_cost_line_names_the_row_and_column():
    lines = {
        "category": ["direct", "depreciation"],
        "label": ["Май", "Унаа"],
        "amount": [10, None],
        "asset_price": [None, 100],
        "service_life_years": [None, 0],
    }
    with pytest.raises(ToolkitError) as info:
        tariff.calculate(lines, units=10, file="costs.xlsx")
    assert info.value.where == {"file": "costs.xlsx", "row": 3, "column": "asset_price"}


def test_bad_scenario_row_is_named():
    table = pd.DataFrame({"direct": [1.0, 2.0, 3.0], "units": [1.0, 0.0, 2.0]})
    with pytest.raises(ToolkitError) as info:
        tariff.scenario_tariffs(table)
    assert info.value.where == {"row": 3, "column": "units"}


def test_unknown_category_and_billing_unit_are_refused():
    with pytest.raises(ToolkitError, match="«x»"):
        tariff.calculate({"category": ["food"], "label": ["x"], "amount": [1]}, units=1)
    with pytest.raises(ToolkitError):
        tariff.calculate(
            {"category": ["direct"], "label": ["x"], "amount": [1]}, units=1, billing_unit="camel"
        )


def test_not_a_number_is_refused():
    with pytest.raises(ToolkitError, match="сан болушу керек"):
        tariff.tariff_per_unit("көп", 10)
    assert math.isfinite(tariff.tariff_per_unit("1000", 10))


def test_case_calculations_agree_with_the_observed_tables_of_the_case():
    """Do the tariff lessons use the same observed figures as the rest of the case data?"""
    tables = load_case("teploklyuchenka").tables
    dip = tariff.case_calculation("teploklyuchenka", "dip-bath")
    waste = tariff.case_calculation("teploklyuchenka", "waste")
    tariffs = tables["tariffs"].set_index("service_id")["tariff_som"]
    assert dip.tariff == pytest.approx(tariffs["dip-bath"])
    assert waste.tariff == pytest.approx(tariffs["waste"])
    livestock = tables["livestock"].set_index("animal")["head"]
    assert dip.units == livestock["sheep-and-goats"]
    paying = tables["payment_collection"].set_index("service_id")["paying_share"]
    assert waste.collection_rate == pytest.approx(paying["waste"])
    vehicles = tables["vehicles"].set_index("vehicle_id")["price_som"]
    truck = waste.lines.set_index("line_id").loc["truck", "asset_price"]
    assert truck == vehicles["garbage-truck"]


@pytest.mark.parametrize(
    ("lang", "written"),
    [
        ("ky", ["450 000", "1 200 000", "1 320 000", "50", "76,92"]),
        ("en", ["450,000", "1,200,000", "1,320,000", "50", "76.92"]),
    ],
)
def test_build_up_shows_amounts_as_people_write_them(lang, written):
    """Does the cost build-up show 1 320 000 (not 1.320000e+06) in the lesson's language?"""
    with in_language(lang):
        table = tariff.case_calculation("teploklyuchenka", "waste").build_up()
        page = table._repr_html_()
    assert "e+0" not in page
    cells = re.findall(r"<td>([^<]*)</td>", page)
    for amount in written:
        assert amount in cells, (amount, cells)
    assert (
        table["amount"].dtype == float
        and table.loc[table["step"] == "cost", "amount"].item() == 1_200_000
    )


def test_a_mistake_in_the_case_data_stops_with_its_message(tmp_path, monkeypatch):
    """Does a typo in a table of the data package stop the tariff lesson with the loader's
    message (file, row, column), never computing on the unchecked file?"""
    from toolkit import cases

    shutil.copytree(cases.data_dir(), tmp_path / "datasets", symlinks=True)
    table = tmp_path / "datasets" / "data" / "household_income.csv"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace(",25000,", ",25 000 сом,", 1), encoding="utf-8")
    monkeypatch.setattr(cases, "data_dir", lambda: tmp_path / "datasets")
    with pytest.raises(ToolkitError) as error:
        tariff.household_incomes("teploklyuchenka")
    assert error.value.where["file"] == "household_income.csv"
    assert "25 000 сом" in error.value.message
