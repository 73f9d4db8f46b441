"""Are the Chet-Nura tables (seed 003) faithful and complete?

The tables quote ``003_98d55a30c6a3a2e1.txt``, the service delivery strategy of Chet-Nura
rural municipality, approved by council resolution No. 17/16 of 13 March 2019.  These tests read
the CSVs directly (no loader) and check them against the seed itself: every quoted source row
occurs verbatim in the seed, every Kyrgyz cell is a piece of its source row, and the structure
of the three joint action plans (six tasks, numbered activities, deadline and responsible on
every activity) is what the seed has.
"""

from __future__ import annotations

import calendar
import csv
import json
import re
import shutil
from collections import Counter, defaultdict
from pathlib import Path

import frictionless
import pytest

from tests.seeds import norm, seed_texts
from toolkit.plan import deadlines

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "datasets" / "data"
SCHEMAS = ROOT / "datasets" / "schemas"
SEED_NAME = "003_98d55a30c6a3a2e1.txt"
CASE = "chet-nura"
SERVICES = ["drinking-water", "waste", "irrigation"]

# table -> the Kyrgyz cells that must be pieces of the row's source text
KY_CELLS = {
    "commission_members": ["name", "role"],
    "selection_criteria": ["criterion"],
    "priority_services": ["name_ky"],
    "problem_factors": ["text"],
    "villages": ["name_ky"],
    "service_standards": ["criterion_ky", "standard"],
    "plan_goals": ["goal"],
    "plan_results": ["result", "indicator"],
    "plan_tasks": ["task"],
    "task_results": ["result", "indicator"],
    "plan_activities": ["activity", "result", "resources", "deadline", "responsible"],
    "delivery_options": ["option"],
    "monitoring": ["value"],
    "sustainability_factors": ["name_ky", "text"],
    "strategy_facts": ["value"],
    "activity_schedule": ["deadline"],
}
TABLES = list(KY_CELLS)


@pytest.fixture(scope="module")
def seed() -> str:
    """The seed with its whitespace collapsed (the only normalisation allowed)."""
    return seed_texts()[SEED_NAME]


def read(table: str) -> list[dict]:
    with open(DATA / f"{table}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def tables() -> dict[str, list[dict]]:
    return {t: [r for r in read(t) if r["case_id"] == CASE] for t in TABLES}


def pieces(cell: str) -> list[str]:
    """A list cell («a; b; c», or «header: a; b») split into its items."""
    return [p for p in re.split(r"; |: ", cell) if p]


# --------------------------------------------------------------------------- provenance
@pytest.mark.parametrize("table", TABLES)
def test_every_source_text_occurs_verbatim_in_the_seed(table, tables, seed):
    """Is each row's source_text a verbatim passage of the seed (whitespace aside)?"""
    rows = tables[table]
    assert rows, f"{table} has no Chet-Nura rows"
    for row in rows:
        assert row["kind"] in {"observed", "derived", "illustrative"}
        if row["kind"] == "illustrative":
            continue
        assert row["source_file"] == SEED_NAME
        assert row["source_text"], row
        for fragment in row["source_text"].split(" … "):
            assert norm(fragment) in seed, f"{table}: not in the seed: {fragment[:80]!r}"
        if row["kind"] == "derived":
            assert row["note"], f"{table}: a derived row must say how in its note"


@pytest.mark.parametrize("table", TABLES)
def test_kyrgyz_cells_are_pieces_of_their_source_row(table, tables):
    """Did we copy the Kyrgyz wording, not paraphrase it?"""
    for row in tables[table]:
        for column in KY_CELLS[table]:
            if not row[column]:
                continue
            for piece in pieces(row[column]):
                assert piece in row["source_text"], (table, column, piece, row["source_text"][:120])
            assert "\ufffd" not in row[column]


@pytest.mark.parametrize("table", TABLES)
def test_csv_header_matches_descriptor(table):
    """Do the CSV columns match the descriptor, with case_id and the provenance columns?"""
    desc = json.loads((SCHEMAS / f"{table}.json").read_text(encoding="utf-8"))
    names = [f["name"] for f in desc["schema"]["fields"]]
    with open(DATA / f"{table}.csv", encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == names
    assert names[0] == "case_id"
    assert names[-4:] == ["kind", "source_file", "source_text", "note"]
    for field in desc["schema"]["fields"]:
        assert set(field["titles"]) == {"ky", "ru", "en"}, (table, field["name"])
    assert {"fields": ["case_id"], "reference": {"resource": "cases", "fields": ["case_id"]}} in (
        desc["schema"]["foreignKeys"]
    )


def test_tables_pass_frictionless_validation(tmp_path):
    """Do the tables satisfy their schemas (types, enums, keys, foreign keys)?

    Validated in a small package of their own (with the cases and services tables they refer
    to), so that a problem in another engineer's table does not show up here.
    """
    (tmp_path / "data").mkdir()
    resources = []
    for name in ["cases", "services", *TABLES]:
        desc = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
        shutil.copy(DATA / f"{name}.csv", tmp_path / "data" / f"{name}.csv")
        resources.append(desc)
    descriptor = tmp_path / "datapackage.json"
    descriptor.write_text(
        json.dumps({"name": "chet-nura-check", "resources": resources}, ensure_ascii=False),
        encoding="utf-8",
    )
    report = frictionless.validate(str(descriptor))
    errors = [(t.name, e.type, e.message) for t in report.tasks for e in t.errors]
    assert report.valid, errors[:10]


# --------------------------------------------------------------------------- commission etc.
def test_working_commission_has_eleven_members_with_a_chair(tables):
    rows = tables["commission_members"]
    assert [int(r["member_no"]) for r in rows] == list(range(1, 12))
    assert "жумушчу комиссиянын төрагасы" in rows[0]["role"]
    assert "орун басары" in rows[1]["role"]
    assert "катчысы" in rows[2]["role"]
    assert all(r["role_en"] for r in rows)


def test_two_selection_criteria_competence_and_sedp(tables):
    rows = tables["selection_criteria"]
    assert len(rows) == 2
    assert "компетенциясында" in rows[0]["criterion"]
    assert "СЭӨП" in rows[1]["criterion"]


def test_priority_services_ranked_in_vote_order(tables, seed):
    """Ranks 1..3 are water, waste, irrigation, in the order the seed's list has them."""
    rows = sorted(tables["priority_services"], key=lambda r: int(r["rank"]))
    assert [r["service_id"] for r in rows] == SERVICES
    assert [int(r["rank"]) for r in rows] == [1, 2, 3]
    assert all(r["selected"] == "true" for r in rows)
    positions = [seed.index(r["source_text"]) for r in rows]
    assert positions == sorted(positions)
    assert all(r["problem"] for r in rows)
    water = rows[0]["problem"]
    assert "Ак-Кыя,Тош-Булак, Кара-Саз айылдарында таза суу такыр эле жок" in water


def test_causes_and_effects(tables, seed):
    rows = tables["problem_factors"]
    by_service = defaultdict(list)
    for r in rows:
        by_service[r["service_id"]].append(r)
    assert Counter(r["service_id"] for r in rows) == {
        "drinking-water": 11,
        "waste": 3,
        "irrigation": 5,
    }
    effects = [r["text"] for r in rows if r["factor_type"] == "effect"]
    assert any("Оорулардын саны көбөйдү" in t for t in effects)
    assert any("ишеним жоголду" in t for t in effects)
    assert any("ичеги жана боор оорулары" in t for t in effects)
    for sid, items in by_service.items():
        assert [int(r["factor_no"]) for r in items] == list(range(1, len(items) + 1)), sid
        assert all(r["text_en"] for r in items)


def test_three_villages_have_no_clean_water(tables):
    rows = {r["village_id"]: r for r in tables["villages"]}
    dry = {v for v, r in rows.items() if r["has_clean_water"] == "false"}
    assert dry == {"ak-kyya", "tosh-bulak", "kara-saz"}
    # the seed says nothing of the others: left empty, never guessed
    assert all(r["has_clean_water"] == "" for v, r in rows.items() if v not in dry)
    assert rows["ak-kyya"]["village_head"] == "Омурбеков Марс"


def test_standards_four_criteria_per_service(tables):
    rows = tables["service_standards"]
    got = {(r["service_id"], r["criterion"]) for r in rows}
    assert got == {
        (s, c) for s in SERVICES for c in ("accessibility", "convenience", "quality", "timeliness")
    }
    waste = {r["criterion"]: r["standard"] for r in rows if r["service_id"] == "waste"}
    assert waste["timeliness"] == "Аптасына бир жолу чыгарылат"


# --------------------------------------------------------------------------- plans
TASK_KEYWORDS = [
    "стандарттарын иштеп чыгуу",
    "ыкма",
    "эсептөө",
    "макулдашуу",
    "жеткирип берүүчүнү тандап алуу",
    "коомдук мониторинг",
]


def test_each_plan_has_a_goal(tables):
    goals = {r["service_id"]: r for r in tables["plan_goals"]}
    assert set(goals) == set(SERVICES)
    assert [int(goals[s]["plan_no"]) for s in SERVICES] == [1, 2, 3]
    assert "таза суу" in goals["drinking-water"]["goal"]
    assert "КТК" in goals["waste"]["goal"]
    assert "Сугат суу" in goals["irrigation"]["goal"]


def test_three_plans_each_with_six_tasks_in_order(tables, seed):
    """standards → method → cost → agreement and funding → provider → public monitoring."""
    by_service = defaultdict(list)
    for r in tables["plan_tasks"]:
        by_service[r["service_id"]].append(r)
    assert set(by_service) == set(SERVICES)
    for sid, rows in by_service.items():
        assert [int(r["task_no"]) for r in rows] == [1, 2, 3, 4, 5, 6], sid
        for row, keyword in zip(rows, TASK_KEYWORDS, strict=True):
            assert keyword in row["task"], (sid, row["task"])
            assert re.match(rf"^№ ?{row['task_no']} (маселе|тапшырма):", row["source_text"])
        assert _in_order(_plan_sections(seed)[sid], [r["source_text"] for r in rows]), sid


def _plan_sections(seed: str) -> dict[str, str]:
    """The seed text of each action plan, cut at the plan headings."""
    starts = [
        seed.index("№1 Кызмат көрсөтүүлөрдү жакшыртуу боюнча иш-аракеттер планы"),
        seed.index("№ 2 кызмат көрсөтүүнү жакшыртуу боюнча иш-аракеттер планы"),
        seed.index("№3 кызмат көрсөтүүнү жакшыртуу боюнча иш-аракеттер планы"),
        seed.index("Мониторинг жана баалоо Стратегия көп деңгээлдүү"),
    ]
    return {sid: seed[a:b] for sid, a, b in zip(SERVICES, starts[:-1], starts[1:], strict=True)}


def _in_order(text: str, passages: list[str]) -> bool:
    """Do the passages occur in the text one after another (each found after the previous)?"""
    position = 0
    for passage in passages:
        found = text.find(passage, position)
        if found < 0:
            return False
        position = found + len(passage)
    return True


def test_every_activity_of_the_seed_is_extracted(tables, seed):
    """Counted independently in the seed: every «N.M » row is in the table, none extra."""
    sections = _plan_sections(seed)
    rows = tables["plan_activities"]
    for sid, text in sections.items():
        in_seed = re.findall(r"(?:^| )([1-6]\.[1-9]) (?=[А-ЯӨҮҢЁ])", text)
        mine = [r for r in rows if r["service_id"] == sid]
        assert [r["activity_no"] for r in mine] == in_seed, sid
        # each row's source text is the next passage of this plan in the seed
        assert _in_order(text, [r["source_text"] for r in mine]), sid
    assert len(rows) == 59


def test_activity_numbers_consistent_with_tasks(tables):
    rows = tables["plan_activities"]
    keys = [(r["service_id"], r["activity_no"]) for r in rows]
    assert len(keys) == len(set(keys))
    by_task = defaultdict(list)
    for r in rows:
        task, number = r["activity_no"].split(".")
        assert int(task) == int(r["task_no"])
        by_task[(r["service_id"], int(task))].append(int(number))
    tasks = {(r["service_id"], int(r["task_no"])) for r in tables["plan_tasks"]}
    assert set(by_task) == tasks  # every task has activities, no activity without a task
    for key, numbers in by_task.items():
        assert numbers == list(range(1, len(numbers) + 1)), key


def test_every_activity_has_result_resources_deadline_and_responsible(tables):
    months = ("март", "апрел", "май", "июн", "июл", "август", "Август", "сентябр")
    for r in tables["plan_activities"]:
        for column in ("activity", "result", "resources", "deadline", "responsible"):
            assert r[column], (r["service_id"], r["activity_no"], column)
        assert any(m in r["deadline"] for m in months) or "планына ылайык" in r["deadline"], r
        # the cells come in the seed's column order: activity, result, resources, deadline,
        # responsible
        passages = [f"{r['activity_no']} {r['activity']}"]
        for column in ("result", "resources", "deadline", "responsible"):
            passages += pieces(r[column]) if column != "deadline" else [r["deadline"]]
        assert _in_order(r["source_text"], passages), (r["service_id"], r["activity_no"])
        assert r["source_text"].startswith(f"{r['activity_no']} {r['activity']}")


@pytest.mark.parametrize(
    ("service", "number", "column", "expected"),
    [
        ("drinking-water", "1.1", "deadline", "2019 жыл март"),
        ("drinking-water", "1.2", "deadline", "2019 жыл 15-апрелге чейин"),
        ("drinking-water", "4.1", "responsible", "Айыл кенештин төрагасы; Айыл өкмөтүнүн башчысы."),
        ("drinking-water", "5.6", "resources", "Кызмат көрсөтүүчү; Абоненттер"),
        ("waste", "3.1", "deadline", "2019 жыл июлдун 2-аптасы"),
        ("waste", "5.2", "deadline", "2019 жыл майдын 4-аптасы"),
        ("waste", "5.3", "deadline", "2019 жыл августтун 1-2-аптасы"),
        ("waste", "6.4", "deadline", "Бекитилген мониторинг планына ылайык туруктуу негизде"),
        ("waste", "6.4", "resources", "БМжБТ"),
        ("irrigation", "1.1", "deadline", "март 2019 жыл"),
        ("irrigation", "5.3", "resources", "Конкурстук комиссия; Айыл өкмөт аппараты"),
        ("irrigation", "6.3", "responsible", "Айыл өкмөт башчысы"),
    ],
)
def test_activity_cells_as_the_seed_writes_them(tables, service, number, column, expected):
    row = next(
        r
        for r in tables["plan_activities"]
        if r["service_id"] == service and r["activity_no"] == number
    )
    assert row[column] == expected


def test_tariff_activity_cites_decree_83_with_depreciation_and_profitability(tables):
    row = next(
        r
        for r in tables["plan_activities"]
        if r["service_id"] == "waste" and r["activity_no"] == "3.1"
    )
    assert "№83 токтомуна" in row["activity"]
    assert "амортизациялык чегерүүлөр жана рентабелдүүлүгү" in row["activity"]
    assert row["result"] == (
        "Бир абонентке кызмат көрсөтүүнүн баасы; Бир үй кожолугуна кызмат көрсөтүүнүн баасы"
    )


def test_indicators_90_and_60_percent(tables):
    """The only measurable indicators in the seed: 90% of households, trust +90%, illness −60%."""
    rows = tables["plan_results"]
    with_target = {(r["service_id"], float(r["target"])) for r in rows if r["target"]}
    assert with_target == {("drinking-water", 90.0), ("waste", 60.0)}
    water = [r for r in rows if r["service_id"] == "drinking-water" and r["target"]]
    assert len(water) == 2
    assert any("түтүн" in r["indicator"] for r in water)
    assert any("ишеними" in r["indicator"] for r in water)
    waste = next(r for r in rows if r["service_id"] == "waste" and r["target"])
    assert waste["indicator"] == "Оорулардын саны 60% кыскарды"
    for r in rows:
        if r["target"]:
            assert r["target"].split(".")[0] in r["source_text"]
            assert r["unit"] == "%"
        assert r["baseline"] == ""  # the seed never gives a baseline
        assert r["verification"] == ""  # nor a means of verification
    assert Counter(r["service_id"] for r in rows) == {s: 3 for s in SERVICES}


def test_every_task_has_its_expected_results(tables):
    rows = tables["task_results"]
    keys = {(r["service_id"], int(r["task_no"])) for r in rows}
    assert keys == {(s, t) for s in SERVICES for t in range(1, 7)}
    waste3 = next(r for r in rows if r["service_id"] == "waste" and r["task_no"] == "3")
    assert "рентабелдүүлүктү эсепке алуу менен" in waste3["result"]


def test_delivery_options_listed_in_the_plans(tables):
    rows = tables["delivery_options"]
    got = {(r["service_id"], r["option_id"]) for r in rows}
    assert got == {
        ("drinking-water", "municipal-enterprise"),
        ("drinking-water", "private"),
        ("drinking-water", "ngo"),
        ("waste", "municipal-enterprise"),
        ("waste", "private"),
        ("waste", "ngo"),
        ("irrigation", "private"),
        ("irrigation", "wua"),
    }
    assert all(r["chosen"] == "" for r in rows)  # the seed does not say which was chosen
    activities = {(r["service_id"], r["activity_no"]): r for r in tables["plan_activities"]}
    for r in rows:
        assert r["option"] in activities[(r["service_id"], r["activity_no"])]["result"]


def test_monitoring_group_and_lease_rule(tables):
    rows = tables["monitoring"]
    values = " | ".join(r["value"] for r in rows)
    assert "амортизациялык чегерүүлөргө барабар көлөмдө ижара акысын" in values
    assert "БМжБТ түзүү жөнүндө айыл өкмөт башчысынын буйругу" in values
    assert "БМжБТ актысы" in values and "БМжБТ отчету" in values
    assert "иш планы" in values
    items = Counter(r["item"] for r in rows)
    assert items["me_level_1"] == items["me_level_2"] == items["me_level_3"] == 1
    assert [int(r["item_no"]) for r in rows] == list(range(1, len(rows) + 1))


def test_sustainability_factors_five_external_classes(tables):
    rows = tables["sustainability_factors"]
    external = [r["name_ky"] for r in rows if r["category"] == "external-factor"]
    assert external == [
        "Ченемдик укуктук факторлор",
        "Технологиялык факторлор",
        "Социалдык-маданий факторлор",
        "Финансылык-экономикалык факторлор",
        "Саясий факторлор",
    ]
    assert Counter(r["category"] for r in rows)["recommendation"] == 8
    assert Counter(r["category"] for r in rows)["funding-source"] == 4


def test_strategy_document_facts(tables):
    facts = {r["item"]: r["value"] for r in tables["strategy_facts"]}
    assert facts["council_resolution"] == "13-март 2019-жыл №17/16"
    assert "№135-б" in facts["working_group_order"]
    assert "2018-жылдын 18-октябрындагы" in facts["working_group_order"]
    assert "17-октябрында" in facts["usaid_meeting"]
    assert "добуштардын саны" in facts["ranking_rule"]


# --------------------------------------------------------------------------- derived schedule
MONTH_WORDS = {3: "март", 4: "апрел", 5: "май", 6: "июн", 7: "июл", 8: "август", 9: "сентябр"}


def test_schedule_is_derived_from_each_activity_deadline(tables):
    """One derived date range per activity, agreeing with the verbatim deadline."""
    activities = {(r["service_id"], r["activity_no"]): r for r in tables["plan_activities"]}
    rows = tables["activity_schedule"]
    assert {(r["service_id"], r["activity_no"]) for r in rows} == set(activities)
    for r in rows:
        act = activities[(r["service_id"], r["activity_no"])]
        assert r["kind"] == "derived" and r["deadline"] in r["note"]
        assert r["deadline"] == act["deadline"]
        assert r["source_text"] == act["source_text"]
        if r["precision"] == "recurring":
            assert r["start"] == r["end"] == ""
            continue
        end = r["end"]
        assert end.startswith("2019-")
        assert MONTH_WORDS[int(end[5:7])] in r["deadline"].lower()
        assert r["start"] <= end and r["start"][:7] == end[:7]
        if r["precision"] == "by-date":
            assert r["start"].endswith("-01")
            assert f"{int(end[8:]):d}-" in r["deadline"]
        if r["precision"] == "weeks":
            last_week = int(re.findall(r"(\d+)-?аптасы", r["deadline"])[-1])
            month_end = calendar.monthrange(2019, int(end[5:7]))[1]
            assert int(end[8:]) == (month_end if last_week == 4 else 7 * last_week)


def test_schedule_agrees_with_the_plan_deadline_parser(tables):
    """The derived dates are those toolkit.plan reads from the same verbatim deadlines."""
    for r in tables["activity_schedule"]:
        parsed, _error = deadlines.try_parse_deadline(r["deadline"])
        if r["precision"] == "recurring":
            assert parsed is None or parsed.start is None, r["deadline"]
            continue
        assert (str(parsed.start), str(parsed.end)) == (r["start"], r["end"]), r["deadline"]


@pytest.mark.parametrize(
    ("service", "number", "start", "end"),
    [
        ("waste", "3.1", "2019-07-08", "2019-07-14"),
        ("waste", "5.3", "2019-08-01", "2019-08-14"),
        ("drinking-water", "1.1", "2019-03-01", "2019-03-31"),
        ("drinking-water", "1.3", "2019-04-01", "2019-04-20"),
        ("waste", "5.5", "2019-08-22", "2019-08-31"),
        ("irrigation", "1.1", "2019-03-01", "2019-03-31"),
    ],
)
def test_schedule_examples(tables, service, number, start, end):
    row = next(
        r
        for r in tables["activity_schedule"]
        if r["service_id"] == service and r["activity_no"] == number
    )
    assert (row["start"], row["end"]) == (start, end)
