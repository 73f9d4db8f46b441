"""Whatever broken file a clerk hands it, does the loader either load it correctly or say
what is wrong with a ToolkitError — never another exception, never a half-loaded case?"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit import cases
from toolkit.cases import TEMPLATE_TABLES, load_case
from toolkit.errors import ToolkitError

VALID = {
    "cases": [{"case_id": "ak-jol", "name_ky": "Ак-Жол", "source_year": "2024"}],
    "services": [
        {"service_id": "drinking-water", "name_ky": "Ичүүчү суу"},
        {"service_id": "waste", "name_ky": "Таштанды"},
    ],
    "tariffs": [
        {"service_id": "drinking-water", "tariff_som": "25,5", "unit": "person"},
        {"service_id": "waste", "tariff_som": "60", "unit": "household"},
    ],
    "payment_collection": [{"service_id": "waste", "year": "2023", "paying_share": "0.7"}],
    "livestock": [{"animal": "cattle", "head": "900"}],
}
SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


def _grid(table):
    fields = cases._template_fields(cases._resources()[table])
    header = [cases._header(f) for f in fields]
    return [header] + [[r.get(f["name"], "") for f in fields] for r in VALID[table]]


def _assert_loaded_correctly(case):
    """A case that loads must satisfy every constraint of its schemas."""
    resources = cases._resources()
    assert set(case.tables) <= set(TEMPLATE_TABLES)
    for name, frame in case.tables.items():
        assert set(frame["case_id"]) <= {case.case_id}
        for f in resources[name]["schema"]["fields"]:
            c = f.get("constraints") or {}
            values = [v for v in frame[f["name"]].tolist() if not pd.isna(v)]
            if c.get("required"):
                assert len(values) == len(frame) and all(v != "" for v in values), f["name"]
            if "minimum" in c:
                assert all(v >= c["minimum"] for v in values), f["name"]
            if "maximum" in c:
                assert all(v <= c["maximum"] for v in values), f["name"]
            if "enum" in c:
                assert all(v in c["enum"] for v in values if v != ""), f["name"]
            if f["type"] == "number":
                assert all(math.isfinite(v) for v in values), f["name"]


def _try(path):
    try:
        case = load_case(path)
    except ToolkitError as err:
        assert str(err)
        return None
    _assert_loaded_correctly(case)
    return case


cell_text = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
    st.sampled_from(
        [
            "-1",
            "1e999",
            "nan",
            "inf",
            "12,5",
            "1 000",
            "65%",
            "",
            " ",
            "ооба",
            "drinking-water",
            "waste",
            "head",
            "2024",
            "0",
            "-0",
            "1,2,3",
            '"',
            "\n",
        ]
    ),
)
mutation = st.one_of(
    st.tuples(st.just("cell"), st.integers(0, 30), st.integers(0, 30), cell_text),
    st.tuples(st.just("header"), st.integers(0, 30), cell_text),
    st.tuples(st.just("drop_column"), st.integers(0, 30)),
    st.tuples(st.just("duplicate_row"), st.integers(0, 30)),
    st.tuples(st.just("drop_row"), st.integers(0, 30)),
    st.tuples(st.just("extra_cell"), st.integers(0, 30), cell_text),
)
byte_damage = st.one_of(
    st.none(),
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("replace"), st.binary(max_size=64)),
)
encoding = st.sampled_from(["utf-8", "utf-8-sig", "cp1251", "utf-16"])


def _mutate(grid, steps):
    grid = [list(r) for r in grid]
    for step in steps:
        kind = step[0]
        if kind == "cell" and len(grid) > 1:
            r = grid[1 + step[1] % (len(grid) - 1)]
            if r:
                r[step[2] % len(r)] = step[3]
        elif kind == "header" and grid[0]:
            grid[0][step[1] % len(grid[0])] = step[2]
        elif kind == "drop_column" and grid[0]:
            j = step[1] % len(grid[0])
            grid = [r[:j] + r[j + 1 :] for r in grid]
        elif kind == "duplicate_row" and len(grid) > 1:
            grid.append(list(grid[1 + step[1] % (len(grid) - 1)]))
        elif kind == "drop_row" and len(grid) > 1:
            del grid[1 + step[1] % (len(grid) - 1)]
        elif kind == "extra_cell":
            grid[step[1] % len(grid)].append(step[2])
    return grid


def _encode(grid, enc, delimiter):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerows(grid)
    return buf.getvalue().encode(enc, errors="replace")


def _damage(data: bytes, how):
    if how is None:
        return data
    if how[0] == "truncate":
        return data[: int(len(data) * how[1])]
    if how[0] == "insert":
        at = int(len(data) * how[1])
        return data[:at] + how[2] + data[at:]
    return how[1]


@SETTINGS
@given(
    table=st.sampled_from(TEMPLATE_TABLES),
    steps=st.lists(mutation, max_size=4),
    enc=encoding,
    delimiter=st.sampled_from([",", ";", "\t"]),
    damage=byte_damage,
)
def test_random_broken_csv(table, steps, enc, delimiter, damage):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in TEMPLATE_TABLES:
            grid = _grid(name)
            if name == table:
                data = _damage(_encode(_mutate(grid, steps), enc, delimiter), damage)
            else:
                data = _encode(grid, "utf-8", ",")
            (folder / f"{name}.csv").write_bytes(data)
        case = _try(folder)
        if not steps and damage is None and enc != "cp1251":
            assert case is not None and case.case_id == "ak-jol"


xlsx_cell = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    cell_text.filter(lambda s: s.isprintable()),
    st.datetimes(min_value=dt.datetime(1950, 1, 1), max_value=dt.datetime(2100, 1, 1)),
)


@SETTINGS
@given(
    table=st.sampled_from(TEMPLATE_TABLES),
    cells=st.lists(st.tuples(st.integers(1, 5), st.integers(1, 14), xlsx_cell), max_size=6),
    rename_sheet=st.one_of(
        st.none(),
        st.text(min_size=1, max_size=10).filter(
            lambda s: not any(c in s for c in "[]:*?/\\") and s.isprintable()
        ),
    ),
    garbage=st.one_of(st.none(), st.binary(max_size=200)),
    damaged_part=st.one_of(
        st.none(),
        st.tuples(st.integers(0, 50), st.floats(0, 1), st.binary(min_size=1, max_size=20)),
    ),
)
def test_random_broken_workbook(table, cells, rename_sheet, garbage, damaged_part):
    from openpyxl import Workbook

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ak-jol.xlsx"
        if garbage is not None:
            path.write_bytes(garbage)
        else:
            wb = Workbook()
            wb.active.title = "README"
            for name in TEMPLATE_TABLES:
                ws = wb.create_sheet(name)
                for row in _grid(name):
                    ws.append(row)
            ws = wb[table]
            for r, c, value in cells:
                if isinstance(value, float) and not math.isfinite(value):
                    value = str(value)
                ws.cell(row=r, column=c, value=value)
            if rename_sheet is not None and rename_sheet not in wb.sheetnames:
                ws.title = rename_sheet
            wb.save(path)
            if damaged_part is not None:  # a valid zip whose XML inside is damaged
                _damage_member(path, *damaged_part)
        _try(path)


def _damage_member(path, which, where, junk):
    import zipfile

    with zipfile.ZipFile(path) as z:
        members = [(i, z.read(i)) for i in z.infolist()]
    info, data = members[which % len(members)]
    at = int(len(data) * where)
    members[which % len(members)] = (info, data[:at] + junk + data[at + len(junk) :])
    with zipfile.ZipFile(path, "w") as z:
        for i, d in members:
            z.writestr(i, d)
