"""The plan's budget: amounts and sources per activity, carried through the model, the checks,
the Word and Excel forms, and read from case tables."""

from __future__ import annotations

import io

import pandas as pd
import pytest

import toolkit
from toolkit import plan as P
from toolkit.errors import ToolkitError
from toolkit.i18n import catalog, in_language


@pytest.fixture(autouse=True)
def kyrgyz():
    toolkit.set_language("ky")
    yield
    toolkit.set_language("ky")


# Birinchi May, school transport: 250 000 som from the local budget and 50 000 som from the
# parents are the seed's figures (002_0cd78ea14e5f6404.txt: «Жергиликтүү бюджет 250 миң сом
# бөлдү», «Ата-энелер 50 миң сом чогултуп беришти»); the 20 000 som donor line is illustrative.


def school_plan(**changes) -> P.Plan:
    plan = P.Plan(
        "school-transport",
        "Мектеп транспорту",
        goal="85 окуучу мектепке барат",
        year=2024,
        tasks=[P.Task(1, "Стандарттарды иштеп чыгуу"), P.Task(4, "Баасын макулдашуу")],
        activities=[
            P.Activity(
                "1.1",
                1,
                "Стандартты талкуулоо",
                resources="Жумушчу комиссия",
                deadline="2024 жыл январь",
                responsible="АӨ башчысы",
                budget=0,
            ),
            P.Activity(
                "4.1",
                4,
                "Ата-энелердин салымы",
                resources="Ата-энелер",
                deadline="2024 жыл апрель",
                responsible="АК төрагасы",
                budget=50_000,
                source="residents",
            ),
            P.Activity(
                "4.2",
                4,
                "Бюджеттен каржылоо",
                resources="Айыл өкмөтү",
                deadline="2024 жыл май",
                responsible="Айылдык кеңеш",
                budget=250_000,
                source="local",
            ),
            P.Activity(
                "4.3",
                4,
                "Автобустун жабдуулары",
                resources="Долбоор",
                deadline="2024 жыл июнь",
                responsible="АӨ башчысы",
                budget=20_000,
                source="donor",
            ),
        ],
        budget_total=320_000,
    )
    for key, value in changes.items():
        setattr(plan, key, value)
    return plan


def codes(plan) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in P.check_plan(plan):
        out.setdefault(f.code, []).append(f.where)
    return out


def test_total_per_source_and_sum():
    table = P.budget_by_source(school_plan())
    assert table[["source", "amount"]].values.tolist() == [
        ["local", 250_000.0],
        ["residents", 50_000.0],
        ["donor", 20_000.0],
    ]
    assert P.budget_sum(school_plan()) == 320_000.0


def test_a_costed_plan_whose_total_matches_has_no_budget_findings():
    found = codes(school_plan())
    assert not {"budget-total", "no-budget", "no-source", "no-resources", "outside-period"} & set(
        found
    )


def test_a_total_that_does_not_match_the_stated_total_is_an_error_with_amounts_as_written():
    plan = school_plan(budget_total=300_000)
    finding = next(f for f in P.check_plan(plan) if f.code == "budget-total")
    assert finding.severity == "error"
    with in_language("ky"):
        assert "320 000 сом" in finding.message and "300 000 сом" in finding.message
    with in_language("en"):
        assert finding.message == (
            "The activities add up to 320,000 som, but the plan states a total of 300,000 som."
        )


def test_an_activity_due_outside_the_plans_year_is_an_error():
    plan = school_plan()
    plan.activities[3].deadline = "2025 жыл июнь"
    plan.activities[0].deadline = "2023 жыл декабрь"
    found = codes(plan)
    assert found["outside-period"] == ["1.1", "4.3"]
    with in_language("ru"):
        message = next(
            f.message for f in P.check_plan(plan) if f.where == "4.3" and f.code == "outside-period"
        )
    assert "2025" in message and "2024" in message


def test_a_2025_activity_in_a_real_2019_plan_is_found():
    plan = P.load_plan("chet-nura", "waste")
    assert "outside-period" not in codes(plan)
    plan.activities[0].deadline = "2025 жыл март"
    assert codes(plan)["outside-period"] == [plan.activities[0].no]


def test_no_resources_no_budget_and_no_source():
    plan = school_plan()
    plan.activities[0].resources = ""
    plan.activities[0].budget = None  # neither who nor money
    plan.activities[1].budget = None  # resources, but the costed plan gives it no budget
    plan.activities[2].source = ""  # money from nobody
    found = codes(plan)
    assert found["no-resources"] == ["1.1"]
    assert found["no-budget"] == ["4.1"]
    assert found["no-source"] == ["4.2"]


def test_a_plan_without_any_budget_is_not_asked_for_one():
    plan = P.load_plan("chet-nura", "drinking-water")
    assert not {"no-budget", "no-source", "budget-total"} & set(codes(plan))


def test_every_new_finding_is_translated():
    for code in ("outside-period", "no-resources", "no-budget", "no-source", "budget-total"):
        message = P.CODES[code][1]
        for lang in ("ky", "ru"):
            assert catalog("plan", lang).get(message, message) != message, (code, lang)


def test_plan_table_reads_amounts_as_people_write_them():
    table = P.plan_table(
        [
            {"no": "4.2", "activity": "x", "budget": "250 000 сом", "source": "local"},
            {"no": "4.1", "activity": "y", "budget": 50_000, "source": "residents"},
        ]
    )
    assert table[["no", "budget", "source"]].values.tolist() == [
        ["4.1", 50_000.0, "residents"],
        ["4.2", 250_000.0, "local"],
    ]
    assert "budget" not in P.plan_table([{"no": "1.1", "activity": "x"}]).columns


def test_a_budget_that_is_not_an_amount_is_refused_with_the_activity_named():
    with in_language("en"), pytest.raises(ToolkitError) as error:
        P.plan_table([{"no": "4.2", "activity": "x", "budget": "a lot"}])
    assert str(error.value) == "Activity 4.2: the budget «a lot» is not an amount in som."


def test_source_words_in_three_languages():
    assert [
        P.source_of(w)
        for w in (
            "Жергиликтүү бюджет",
            "Республикалык бюджет",
            "жители",
            "Донордук грант",
            "демөөрчүлөр",
            "local budget",
        )
    ] == ["local", "republican", "residents", "donor", "sponsor", "local"]


def test_budget_is_read_from_case_tables_when_they_have_it():
    tables = {
        "plan_goals": pd.DataFrame(
            [{"service_id": "waste", "goal": "Таза айыл", "budget_total": "70000"}]
        ),
        "plan_tasks": pd.DataFrame(
            [{"service_id": "waste", "task_no": "1", "task": "Стандарттар"}]
        ),
        "plan_activities": pd.DataFrame(
            [
                {
                    "service_id": "waste",
                    "activity_no": "1.1",
                    "task_no": "1",
                    "activity": "x",
                    "resources": "АӨ",
                    "deadline": "2019 жыл май",
                    "responsible": "АӨ",
                    "budget": "50 000",
                    "budget_source": "Жергиликтүү бюджет",
                },
                {
                    "service_id": "waste",
                    "activity_no": "1.2",
                    "task_no": "1",
                    "activity": "y",
                    "resources": "АӨ",
                    "deadline": "2019 жыл июнь",
                    "responsible": "АӨ",
                    "budget": "10,000 som",
                    "budget_source": "донор",
                },
            ]
        ),  # as the builder reads it too
    }
    plan = P.plan_from_tables(tables, "waste")
    assert [(a.budget, a.source) for a in plan.activities] == [
        (50_000.0, "local"),
        (10_000.0, "donor"),
    ]
    assert plan.budget_total == 70_000.0
    assert codes(plan)["budget-total"] == ["—"]


def test_excel_keeps_the_budget_and_has_a_total_per_source():
    from openpyxl import load_workbook

    plan = school_plan()
    for lang in ("ky", "ru", "en"):
        data = P.xlsx_bytes(plan, lang=lang)
        assert P.read_xlsx(data) == plan
    wb = load_workbook(io.BytesIO(P.xlsx_bytes(plan, lang="ky")))
    sheet = wb[catalog("plan", "ky")["Budget by source"]]
    rows = [r for r in sheet.iter_rows(values_only=True)]
    assert rows[1][:2] == ("жергиликтүү бюджет", 250_000)
    assert rows[-2][1] == 320_000 and rows[-1][1] == 320_000
    assert sheet.cell(row=2, column=2).number_format == "#,##0"


def test_excel_written_before_the_budget_is_still_read():
    from openpyxl import load_workbook

    plan = school_plan(budget_total=None)
    for a in plan.activities:
        a.budget, a.source = None, ""
    wb = load_workbook(io.BytesIO(P.xlsx_bytes(plan, lang="en")))
    for ws, column in (
        (wb["Activities"], "Budget, som"),
        (wb["Activities"], "Source of funds"),
        (wb["Plan"], "Total budget stated, som"),
    ):
        index = [c.value for c in ws[1]].index(column) + 1
        ws.delete_cols(index)
    buffer = io.BytesIO()
    wb.save(buffer)
    assert P.read_xlsx(buffer.getvalue()) == plan


def test_word_has_a_budget_column_and_totals_per_source_written_as_people_write_them():
    from docx import Document

    doc = Document(io.BytesIO(P.docx_bytes(school_plan(), lang="ky")))
    main = next(t for t in doc.tables if t.rows[0].cells[-1].text == "Бюджет, сом")
    budget_cells = [row.cells[-1].text for row in main.rows[1:]]
    assert "250 000\nжергиликтүү бюджет" in budget_cells
    totals = doc.tables[-1]
    assert [c.text for c in totals.rows[1].cells] == ["жергиликтүү бюджет", "250 000", "78,1"]
    assert [c.text for c in totals.rows[-1].cells][:2] == ["Бардыгы", "320 000"]
    en = Document(io.BytesIO(P.docx_bytes(school_plan(), lang="en")))
    assert [c.text for c in en.tables[-1].rows[-1].cells][:2] == ["Total", "320,000"]


def test_word_of_a_plan_without_budget_keeps_six_columns():
    from docx import Document

    doc = Document(io.BytesIO(P.docx_bytes(P.load_plan("chet-nura", "waste"), lang="ky")))
    assert not any(t.rows[0].cells[-1].text == "Бюджет, сом" for t in doc.tables)


def test_amounts_in_english_grouping_are_not_read_as_decimals():
    table = P.plan_table(
        [
            {"no": "1.1", "activity": "x", "budget": "250,000 som", "source": "donor"},
            {"no": "1.2", "activity": "y", "budget": "12,5", "source": "local"},
        ]
    )
    assert table["budget"].tolist() == [250_000.0, 12.5]
