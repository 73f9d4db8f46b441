"""Does toolkit.plan read deadlines, track progress, find what a trainer finds, and keep a plan
whole through Word and Excel?"""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import toolkit
from toolkit import plan as P
from toolkit.errors import ToolkitError
from toolkit.plan.deadlines import parse_deadline, try_parse_deadline


@pytest.fixture(autouse=True)
def kyrgyz():
    toolkit.set_language("ky")
    yield
    toolkit.set_language("ky")


@pytest.fixture(scope="module")
def chet_nura():
    return P.load_plans("chet-nura")


def small_plan(**changes) -> P.Plan:
    """A complete six-task plan with nothing wrong in it."""
    titles = [
        "Кызмат көрсөтүүлөрдүн стандарттарын иштеп чыгуу",
        "Кызмат көрсөтүүлөрдү уюштуруунун ыкмасын жана формасын тандап алуу",
        "Кызмат көрсөтүүнүн баасын эсептөө",
        "Кызмат көрсөтүүнүн баасын макулдашуу жана аны ресурс менен толтуруу",
        "Кызмат көрсөтүүнү жеткирип берүүчүнү тандап алуу",
        "Кызмат көрсөтүүлөрдүн сапатына коомдук мониторинг",
    ]
    months = ["март", "апрель", "май", "июнь", "июль", "август"]
    plan = P.Plan(
        "waste",
        "Таштанды чогултуу",
        goal="Теплоключенкада таштанды үзгүлтүксүз чыгарылат",
        year=2024,
        case_id="teploklyuchenka",
        results=[
            P.Result(
                1,
                "Үй-бүлөлөр таштанды үчүн төлөйт",
                "Толук төлөгөн үй-бүлөлөрдүн үлүшү",
                65,
                80,
                "%",
                "Тазалыктын эсеби",
            )
        ],
        tasks=[P.Task(i, t) for i, t in enumerate(titles, start=1)],
        activities=[
            P.Activity(
                f"{i}.1",
                i,
                f"Иш-чара {i}",
                "Продукт",
                "Жумушчу комиссия",
                f"2024 жыл {m}",
                "Айыл өкмөтүнүн башчысы",
            )
            for i, m in enumerate(months, start=1)
        ],
        standards=[P.Standard("accessibility", "Ар бир үйдүн алдынан алып кетет")],
        delivery_options=[
            P.DeliveryOption("municipal-enterprise", "Муниципалдык ишкана", True),
            P.DeliveryOption("private", "Жеке компания", False),
        ],
        monitoring=[P.MonitoringItem("БМжБТ", "Айыл өкмөтүнүн буйругу менен түзүлөт")],
        work_plan=[P.WorkItem("Ай сайын текшерүү", "ар дайым", "БМжБТ төрагасы", "Акт")],
    )
    for key, value in changes.items():
        setattr(plan, key, value)
    return plan


# ------------------------------------------------------------------ deadlines


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("2019 жыл июнь", date(2019, 6, 1), date(2019, 6, 30)),
        ("2019 жыл\n\nиюлдун 2-аптасы", date(2019, 7, 8), date(2019, 7, 14)),
        ("2019 жыл\n\n15-апрелге чейин", date(2019, 4, 1), date(2019, 4, 15)),
        ("2019 жыл\n\nавгусттун\n\n1-2-аптасы", date(2019, 8, 1), date(2019, 8, 14)),
        ("2019 жыл\n\nавгустун 1-2аптасы", date(2019, 8, 1), date(2019, 8, 14)),
        ("2019 жыл\n\nАвгусттун\n\n4-аптасы", date(2019, 8, 22), date(2019, 8, 31)),
        ("март\n\n2019 жыл", date(2019, 3, 1), date(2019, 3, 31)),
        ("2019 жыл апрель\n\n1-2-аптасы", date(2019, 4, 1), date(2019, 4, 14)),
        ("сентябрдын 1-аптасы", date(2019, 9, 1), date(2019, 9, 7)),
        ("2-я неделя июля", date(2019, 7, 8), date(2019, 7, 14)),
        ("до 15 апреля 2019 г.", date(2019, 4, 1), date(2019, 4, 15)),
        ("II квартал", date(2019, 4, 1), date(2019, 6, 30)),
        ("3-чейрек 2020", date(2020, 7, 1), date(2020, 9, 30)),
        ("март–апрель", date(2019, 3, 1), date(2019, 4, 30)),
        ("ноябрь–февраль", date(2019, 11, 1), date(2020, 2, 29)),
        ("15.04.2019", date(2019, 4, 15), date(2019, 4, 15)),
        ("жыл бою", date(2019, 1, 1), date(2019, 12, 31)),
        ("2 week of July", date(2019, 7, 8), date(2019, 7, 14)),
    ],
)
def test_deadlines_as_the_seed_writes_them(text, start, end):
    d = parse_deadline(text, year=2019)
    assert (d.start, d.end, d.ongoing) == (start, end, False)


@pytest.mark.parametrize(
    "text, start, end",
    [
        # two whole dates, with each dash and the "to" words people write
        ("01.03.2019 – 15.07.2019", date(2019, 3, 1), date(2019, 7, 15)),
        ("01.03.2019 - 15.07.2019", date(2019, 3, 1), date(2019, 7, 15)),
        ("01.03.2019 — 15.07.2019", date(2019, 3, 1), date(2019, 7, 15)),
        ("01.03.2019-15.07.2019", date(2019, 3, 1), date(2019, 7, 15)),
        ("2019-03-01 – 2019-07-15", date(2019, 3, 1), date(2019, 7, 15)),
        ("from 01.03.2019 to 15.07.2019", date(2019, 3, 1), date(2019, 7, 15)),
        # Russian
        ("с 01.03.2019 по 15.07.2019", date(2019, 3, 1), date(2019, 7, 15)),
        ("01.03.2019 до 15.07.2019", date(2019, 3, 1), date(2019, 7, 15)),
        ("с марта по июнь 2019 г.", date(2019, 3, 1), date(2019, 6, 30)),
        ("июнь 2019 г.", date(2019, 6, 1), date(2019, 6, 30)),
        ("до 15.07.2019", date(2019, 7, 1), date(2019, 7, 15)),
        ("2019 г. до 15 июля", date(2019, 7, 1), date(2019, 7, 15)),
        # Kyrgyz, as the seeds write dates and periods
        ("01.03.2019-дан 15.07.2019-га чейин", date(2019, 3, 1), date(2019, 7, 15)),
        ("2019-жылдын 1-мартынан 15-июлуна чейин", date(2019, 3, 1), date(2019, 7, 15)),
        ("2019 жыл март – 2019 жыл июнь", date(2019, 3, 1), date(2019, 6, 30)),
        ("2019 жыл июль - 2020 жыл март", date(2019, 7, 1), date(2020, 3, 31)),
        ("2018-2022-жылдарга", date(2018, 1, 1), date(2022, 12, 31)),
        ("2023-жылга чейин", date(2023, 1, 1), date(2023, 12, 31)),
        ("13-март 2019-жыл", date(2019, 3, 13), date(2019, 3, 13)),
        ("2019-жылдын 13-мартындагы", date(2019, 3, 13), date(2019, 3, 13)),
        # a month range may run into the next year when the years are not both written
        ("декабрь – февраль 2020", date(2019, 12, 1), date(2020, 2, 29)),
        ("II квартал 2019 – III квартал 2019", date(2019, 4, 1), date(2019, 9, 30)),
    ],
)
def test_a_period_keeps_both_ends(text, start, end):
    d = parse_deadline(text, year=2019)
    assert (d.start, d.end, d.ongoing) == (start, end, False)


@pytest.mark.parametrize(
    "lang, words", [("ky", "башталышынан"), ("ru", "раньше"), ("en", "before it starts")]
)
@pytest.mark.parametrize(
    "text, start, end",
    [
        ("01.12.2019 – 01.10.2019", "01.12.2019", "01.10.2019"),
        ("2020 жыл июнь – 2019 жыл март", "01.06.2020", "31.03.2019"),
        ("20-июлдан 10-июлга чейин", "20.07.2019", "10.07.2019"),
    ],
)
def test_a_period_that_ends_before_it_starts_is_refused_in_the_users_language(
    text, start, end, lang, words
):
    toolkit.set_language(lang)
    with pytest.raises(ToolkitError) as err:
        parse_deadline(text, year=2019)
    assert words in str(err.value) and start in str(err.value) and end in str(err.value)
    d = parse_deadline(text, year=2019, allow_reversed=True)
    assert d.reversed and d.days is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.-–— жылиюнмартдапочейинсгq", max_size=40))
def test_any_text_is_read_or_refused_calmly(text):
    """Whatever is typed, a deadline is an interval that does not end before it starts, or a
    ToolkitError: never another exception."""
    try:
        d = parse_deadline(text, year=2019)
    except ToolkitError:
        return
    assert d.ongoing or d.start <= d.end


def test_two_dates_without_a_dash_are_not_read_as_the_first_one():
    deadline, problem = try_parse_deadline("01.03.2019, 15.07.2019")
    assert deadline is None and "01.03.2019 – 15.07.2019" in problem


@pytest.mark.parametrize(
    "text",
    [
        "туруктуу негизде",
        "ар дайым",
        "Бекитилген мониторинг планына ылайык туруктуу негизде",
        "постоянно",
        "ongoing",
    ],
)
def test_ongoing_work_has_no_end(text):
    d = parse_deadline(text, year=2019)
    assert d.ongoing and d.start is None and d.end is None and d.days is None


@pytest.mark.parametrize(
    "lang, words", [("ky", "окуй алган жокпуз"), ("ru", "не удалось"), ("en", "could not be read")]
)
@pytest.mark.parametrize("text", ["кийинчерээк", "32-майга чейин", "2019 жыл 7-аптасы", "маселе"])
def test_an_unreadable_deadline_is_refused_in_the_users_language(text, lang, words):
    toolkit.set_language(lang)
    with pytest.raises(ToolkitError) as err:
        parse_deadline(text, year=2019)
    assert words in str(err.value)
    assert text.split()[0] in str(err.value)


def test_a_deadline_without_any_year_asks_for_one():
    deadline, problem = try_parse_deadline("июнь")
    assert deadline is None and "Жылы жок" in problem
    assert parse_deadline("июнь", year=2024).end == date(2024, 6, 30)


@settings(max_examples=60, deadline=None)
@given(st.integers(2000, 2040), st.integers(1, 12), st.sampled_from(["ky", "ru", "en"]))
def test_every_month_name_in_every_language_is_its_month(year, month, lang):
    names = {
        "ky": [
            "январь",
            "февраль",
            "март",
            "апрель",
            "май",
            "июнь",
            "июль",
            "август",
            "сентябрь",
            "октябрь",
            "ноябрь",
            "декабрь",
        ],
        "ru": [
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        ],
        "en": [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
    }
    d = parse_deadline(f"{year} {names[lang][month - 1]}")
    assert (d.start.year, d.start.month, d.start.day) == (year, month, 1)
    assert d.end.month == month and (d.end + __import__("datetime").timedelta(days=1)).day == 1


def test_every_deadline_of_chet_nura_reads(chet_nura):
    """Do all 59 deadlines of the three real plans read, in the plan's year 2019?"""
    count = 0
    for plan in chet_nura.values():
        assert plan.year == 2019
        for a in plan.activities:
            d = parse_deadline(a.deadline, plan.year)
            assert d.ongoing or d.start.year == 2019, a.deadline
            count += 1
    assert count == 59


# ------------------------------------------------------------------ model and progress


def test_task_progress_is_the_weighted_mean_of_its_activities():
    plan = small_plan()
    plan.activities += [
        P.Activity("1.2", 1, "x", status="in-progress", progress=20, weight=3),
        P.Activity("1.3", 1, "y", status="cancelled"),
    ]
    plan.activities[0].status = "done"  # 1.1: 100%, weight 1
    table = P.task_progress(plan).set_index("task_no")
    assert table.loc[1, "percent_done"] == pytest.approx((100 * 1 + 20 * 3) / 4)
    assert table.loc[1, "activities"] == 3
    assert table.loc[2, "percent_done"] == 0
    assert P.plan_progress(plan) == pytest.approx(round(40 / 6, 1))


def test_a_status_without_a_percent_means_its_usual_percent():
    assert [P.activity_percent(P.Activity("1.1", 1, "x", status=s)) for s in P.STATUSES] == [
        0.0,
        50.0,
        100.0,
        None,
    ]


def test_steps_of_the_real_tasks_follow_the_seed(chet_nura):
    for plan in chet_nura.values():
        assert [P.step_of(t) for t in plan.tasks] == list(P.STEPS)


@pytest.mark.parametrize(
    "title, step",
    [
        ("Разработка стандартов услуги", "standards"),
        ("Расчёт стоимости услуги", "cost"),
        ("Agree the price and find the funding", "agreement"),
        ("Выбор поставщика", "provider"),
        ("Choose the delivery method", "delivery"),
        ("Общественный мониторинг", "monitoring"),
    ],
)
def test_steps_are_recognised_in_russian_and_english(title, step):
    assert P.step_of(title) == step


def test_plan_table_from_a_list_sorts_numbers_as_numbers():
    table = P.plan_table(
        [
            {"no": "1.10", "activity": "c"},
            {"no": "2.1", "activity": "d"},
            {"no": "1.2", "activity": "b", "responsible": "АӨ"},
        ]
    )
    assert table["no"].tolist() == ["1.2", "1.10", "2.1"]
    assert table["task_no"].tolist() == [1, 1, 2]
    assert table.columns.tolist() == [
        "no",
        "task_no",
        "activity",
        "result",
        "resources",
        "deadline",
        "responsible",
    ]
    with pytest.raises(ToolkitError, match="2-иш-чаранын номери жок"):
        P.plan_table([{"no": "1.1"}, {"activity": "номерсиз"}])


# ------------------------------------------------------------------ checks


def codes(plan):
    return [(f.code, f.where) for f in P.check_plan(plan)]


def test_a_good_plan_has_no_findings():
    assert P.check_plan(small_plan()) == []


def test_an_activity_without_responsible_or_deadline_is_found():
    plan = small_plan()
    plan.activities[2].responsible = " "
    plan.activities[4].deadline = ""
    assert set(codes(plan)) == {("no-responsible", "3.1"), ("no-deadline", "5.1")}


def test_the_contract_before_the_tariff_is_an_impossible_order():
    plan = small_plan()
    plan.activities[
        4
    ].deadline = "2024 жыл май"  # the provider's contract, before the tariff (June)
    found = [f for f in P.check_plan(plan) if f.code == "order"]
    assert [(f.where, f.params["other"]) for f in found] == [("5.1", "4.1")]
    assert "баа макулдашылгандан кийин" in found[0].message
    toolkit.set_language("ru")
    assert "после согласования цены" in found[0].message


def test_deadlines_in_the_same_month_are_not_called_impossible():
    plan = small_plan()
    plan.activities[4].deadline = "2024 жыл июнь"  # same month as the tariff: could be right
    assert "order" not in {c for c, _w in codes(plan)}


@pytest.mark.parametrize(
    "lang, words", [("ky", "башталышынан"), ("ru", "раньше"), ("en", "before it starts")]
)
def test_a_reversed_period_is_a_finding_in_the_trainers_language(lang, words):
    plan = small_plan()
    plan.activities[1].deadline = "2020 жыл июнь – 2019 жыл март"
    found = [f for f in P.check_plan(plan) if f.where == "2.1"]
    assert [f.code for f in found] == ["reversed-deadline"] and found[0].severity == "error"
    toolkit.set_language(lang)
    assert words in found[0].message and "31.03.2019" in found[0].message
    assert "2.1" not in P.deadline_intervals(plan)


def test_the_order_check_uses_the_end_of_a_period():
    """A contract signed over a period that ends after the tariff is agreed is in order; only
    its first day was read before, which made it look due before the tariff."""
    plan = small_plan()  # task 4, the tariff agreed: June 2024
    plan.activities[4].deadline = "01.03.2024 – 15.07.2024"  # task 5: the provider's contract
    assert "order" not in [f.code for f in P.check_plan(plan)]
    plan.activities[4].deadline = "01.02.2024 – 15.03.2024"
    assert [f.where for f in P.check_plan(plan) if f.code == "order"] == ["5.1"]


def test_tasks_out_of_order_and_missing_are_found():
    plan = small_plan()
    plan.tasks[2].no, plan.tasks[4].no = 5, 3  # cost and provider swapped
    for a in plan.activities:
        a.task_no = {3: 5, 5: 3}.get(a.task_no, a.task_no)
        a.no = f"{a.task_no}.1"
    plan.tasks = [t for t in plan.tasks if P.step_of(t) != "monitoring"]
    plan.activities = [a for a in plan.activities if a.task_no != 6]
    found = codes(plan)
    assert ("task-missing", "—") in found
    assert ("task-order", "4") in found and ("task-order", "5") in found
    message = next(f for f in P.check_plan(plan) if f.code == "task-missing").message
    assert "Кызмат көрсөтүүнүн сапатына коомдук мониторинг" in message


def test_an_unmeasurable_indicator_says_what_it_lacks():
    plan = small_plan(
        results=[
            P.Result(1, "Ишеним өсөт", "Тургундардын ишеними өсөт"),
            P.Result(2, "Суу", "90% түтүн суусу бар", target=90, unit="%"),
        ]
    )
    found = {f.where: f for f in P.check_plan(plan) if f.code == "unmeasurable"}
    assert found["1"].params["missing"] == ["number", "baseline", "target", "unit"]
    assert found["2"].params["missing"] == ["baseline"]
    toolkit.set_language("en")
    assert found["2"].message == "The indicator of result 2 cannot be measured: it has no baseline."


def test_duplicates_orphans_and_unreadable_deadlines_are_findings_not_crashes():
    plan = small_plan()
    plan.activities += [
        P.Activity("2.1", 2, "экинчи", deadline="2024 жыл июль", responsible="АӨ"),
        P.Activity("9.1", 9, "жетим", deadline="кийинчерээк", responsible="АӨ"),
        P.Activity("3.2", 2, "туура эмес тапшырма", deadline="июль", responsible="АӨ"),
    ]
    found = codes(plan)
    assert ("duplicate-activity", "2.1") in found
    assert ("orphan-activity", "9.1") in found
    assert ("bad-deadline", "9.1") in found
    assert ("number-mismatch", "3.2") in found


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_findings_table_is_in_the_users_language(lang):
    plan = small_plan()
    plan.activities[0].responsible = ""
    toolkit.set_language(lang)
    table = P.findings_table(P.check_plan(plan))
    text = " ".join(map(str, table.columns)) + " " + " ".join(table.iloc[0].astype(str))
    if lang == "en":
        assert "Activity 1.1 has no one responsible." in text
    else:
        assert not re.search(r"[A-Za-z]{3,}", text), text


def test_what_the_checks_find_in_chet_nuras_real_plans(chet_nura):
    """The real plans: the waste plan has three activities due in an impossible order
    (the cost calculated in July, before the standards are final in August; the tender
    commission set up in May, before the price is agreed in July); every indicator lacks a
    baseline; the plans are otherwise complete."""
    found = {sid: P.check_plan(plan) for sid, plan in chet_nura.items()}
    order = {sid: sorted(f.where for f in fs if f.code == "order") for sid, fs in found.items()}
    assert order == {"drinking-water": [], "waste": ["3.1", "3.2", "5.2"], "irrigation": []}
    for sid, fs in found.items():
        kinds = {f.code for f in fs}
        assert kinds <= {"order", "unmeasurable", "no-verification"}, (sid, kinds)
        unmeasurable = [f for f in fs if f.code == "unmeasurable"]
        assert len(unmeasurable) == len(chet_nura[sid].results) == 3
        assert all("baseline" in f.params["missing"] for f in unmeasurable)
    # the only indicators with a number: 90% households, trust up 90%, disease down 60%
    measured = sorted(
        (sid, r.target) for sid, p in chet_nura.items() for r in p.results if r.target
    )
    assert measured == [("drinking-water", 90.0), ("drinking-water", 90.0), ("waste", 60.0)]


# ------------------------------------------------------------------ Word and Excel


def docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


@pytest.mark.parametrize(
    "lang, header", [("ky", "Өткөрүү мөөнөтү"), ("ru", "Срок исполнения"), ("en", "Deadline")]
)
def test_word_has_the_seed_layout_in_the_chosen_language(chet_nura, lang, header):
    from docx import Document
    from docx.shared import Cm

    plan = chet_nura["waste"]
    data = P.docx_bytes(plan, lang=lang)
    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    assert section.page_width > section.page_height
    assert abs(section.page_width - Cm(29.7)) < Cm(0.1)
    assert doc.styles["Normal"].font.name == "Arial"
    main = doc.tables[-1] if not plan.monitoring else doc.tables[-2]
    assert len(main.rows[0].cells) == 6 and main.rows[0].cells[4].text == header
    text = docx_text(data)
    for a in plan.activities:
        assert a.activity in text and a.responsible in text
        assert " ".join(a.deadline.split()) in text
    for t in plan.tasks:
        assert t.title in text


def test_word_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    target = tmp_path / "plan.docx"
    P.write_docx(small_plan(), target)
    before = target.read_bytes()

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", broken)
    with pytest.raises(OSError):
        P.write_docx(small_plan(title="Башка"), target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx"]


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_excel_round_trip_keeps_every_real_plan(chet_nura, lang):
    for plan in chet_nura.values():
        assert P.read_xlsx(P.xlsx_bytes(plan, lang=lang), check_deadlines=True) == plan


def test_excel_round_trip_keeps_progress_weights_and_empty_cells(tmp_path):
    plan = small_plan()
    plan.activities[0].status, plan.activities[0].progress, plan.activities[0].weight = (
        "done",
        100.0,
        2.5,
    )
    plan.activities[1].status = "cancelled"
    plan.activities.append(P.Activity("1.10", 1, "он", status="in-progress", progress=33.5))
    plan.tasks[0].weight, plan.tasks[1].step = 2.0, "delivery"
    plan.results.append(P.Result(2, "Ишеним", ""))
    path = P.write_xlsx(plan, tmp_path / "plan.xlsx", lang="ru")
    assert P.read_xlsx(path) == plan


def edited(plan, edit, lang="ky"):
    """Export ``plan`` to Excel, change the workbook with ``edit(wb)``, return the bytes."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(P.xlsx_bytes(plan, lang=lang)))
    edit(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def sheet(wb, index):
    return wb.worksheets[index]


@pytest.mark.parametrize(
    "edit, where, words",
    [
        (lambda wb: sheet(wb, 2).cell(row=3, column=1, value="1.1"), ("3", "№"), "1.1"),
        (lambda wb: sheet(wb, 2).cell(row=4, column=2, value=9), ("4", "Тапшырма"), "9"),
        (
            lambda wb: sheet(wb, 2).cell(row=2, column=9, value="жарымы"),
            ("2", "Аткарылганы, %"),
            "жарымы",
        ),
        (lambda wb: sheet(wb, 2).cell(row=5, column=9, value=150), ("5", "Аткарылганы, %"), "100"),
        (lambda wb: sheet(wb, 2).cell(row=6, column=8, value="бүттү"), ("6", "Абалы"), "бүттү"),
        (
            lambda wb: sheet(wb, 2).cell(row=1, column=3, value="Эскертүү"),
            ("1", "Эскертүү"),
            "Эскертүү",
        ),
        (lambda wb: sheet(wb, 3).delete_cols(5), ("1", None), "Максаттуу маани"),
        (lambda wb: wb.remove(sheet(wb, 1)), (None, None), "Тапшырмалар"),
        (lambda wb: sheet(wb, 1).cell(row=3, column=1, value="эки"), ("3", "№"), "эки"),
    ],
)
def test_a_wrongly_edited_excel_names_the_row_and_takes_nothing(edit, where, words):
    plan = small_plan()
    data = edited(plan, edit)
    with pytest.raises(ToolkitError) as err:
        P.read_xlsx(data)
    row, column = where
    assert err.value.where.get("row") == (int(row) if row else None)
    assert err.value.where.get("column") == column
    assert words in str(err.value)
    assert "Traceback" not in str(err.value)


@pytest.mark.parametrize(
    "lang, words",
    [
        ("ky", "сапта мурун эле колдонулган"),
        ("ru", "уже использован в строке"),
        ("en", "is already used in row"),
    ],
)
def test_duplicate_activity_in_excel_is_refused_in_each_language(lang, words):
    data = edited(small_plan(), lambda wb: sheet(wb, 2).cell(row=4, column=1, value="2.1"))
    toolkit.set_language(lang)
    with pytest.raises(ToolkitError) as err:
        P.read_xlsx(data)
    assert words in str(err.value) and err.value.where["row"] == 4


def test_unreadable_deadlines_stop_the_import_only_when_asked():
    data = edited(small_plan(), lambda wb: sheet(wb, 2).cell(row=3, column=6, value="кийинчерээк"))
    assert P.read_xlsx(data).activities[1].deadline == "кийинчерээк"
    with pytest.raises(ToolkitError) as err:
        P.read_xlsx(data, check_deadlines=True)
    assert err.value.where["row"] == 3 and "кийинчерээк" in str(err.value)


def test_headers_in_another_language_are_understood():
    plan = small_plan()
    assert P.read_xlsx(P.xlsx_bytes(plan, lang="en")) == plan
    toolkit.set_language("ru")
    assert P.read_xlsx(P.xlsx_bytes(plan, lang="ky")) == plan


def test_not_an_excel_file_is_told_kindly():
    with pytest.raises(ToolkitError, match="Excel"):
        P.read_xlsx(b"this is not a workbook")


# ------------------------------------------------------------------ charts


def test_gantt_marks_the_impossible_order_and_unreadable_deadlines(chet_nura):
    from toolkit import plots
    from toolkit.charts.plan import gantt

    plan = chet_nura["waste"]
    plan = P.Plan(
        **{**plan.__dict__, "activities": [P.Activity(**a.__dict__) for a in plan.activities]}
    )
    plan.activities[3].deadline = "кийинчерээк"
    fig = gantt(plan)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == len(plan.activities) and labels[0].startswith("1.1 ")
    thick = [p for p in ax.patches if p.get_linewidth() >= 3]
    assert len(thick) == 3  # 3.1, 3.2, 5.2
    texts = [t.get_text() for t in ax.texts]
    assert any("мөөнөтү окулбайт" in t for t in texts)
    assert any("туруктуу" in t for t in texts)
    plots.close(fig)


def test_progress_chart_draws_each_task_share():
    from toolkit import plots
    from toolkit.charts.plan import progress_by_task

    plan = small_plan()
    plan.activities[0].status = "done"
    plan.activities[1].progress = 25
    fig = progress_by_task(plan)
    widths = [p.get_width() for p in fig.axes[0].patches][6:]
    assert widths == [1.0, 0.25, 0, 0, 0, 0]
    plots.close(fig)


def test_the_case_loader_and_the_csv_files_give_the_same_plans(chet_nura):
    """Typed tables from toolkit.cases (NA, booleans, integers) and plain CSV text agree."""
    from toolkit.plan import model

    tables = model._csv_tables("chet-nura")
    for service, plan in chet_nura.items():
        assert model.plan_from_tables(tables, service, case_id="chet-nura") == plan
    assert len(chet_nura["waste"].monitoring) > len(
        [m for m in chet_nura["waste"].monitoring if "БМжБТ" in m.value]
    )


def test_a_big_plan_is_drawn_one_bar_per_task():
    from toolkit import plots
    from toolkit.charts.plan import MAX_ROWS, gantt

    plan = small_plan()
    plan.activities = [
        P.Activity(
            f"{t}.{k}",
            t,
            f"иш {t}.{k}",
            deadline=f"2024 жыл {m}",
            responsible="АӨ",
            status="done" if k % 2 else "not-started",
        )
        for t, m in zip(
            range(1, 7), ["март", "апрель", "май", "июнь", "июль", "август"], strict=True
        )
        for k in range(1, 16)
    ]
    assert len(plan.activities) > MAX_ROWS
    fig = gantt(plan)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == 6 and labels[0].endswith("(15)")
    plots.close(fig)
    fig = gantt(plan, by="activity")
    assert len(fig.axes[0].get_yticklabels()) == 90
    plots.close(fig)


def test_gantt_draws_a_period_from_its_start_to_its_end_and_marks_a_reversed_one():
    import matplotlib.dates as mdates

    from toolkit import plots
    from toolkit.charts.plan import gantt

    plan = small_plan()
    plan.activities[0].deadline = "01.03.2024 – 15.07.2024"
    plan.activities[1].deadline = "2024 жыл июнь – 2023 жыл март"
    fig = gantt(plan)
    ax = fig.axes[0]
    bar = next(p for p in ax.patches if round(p.get_y() + p.get_height() / 2) == 0)
    assert mdates.num2date(bar.get_x()).date() == date(2024, 3, 1)
    assert bar.get_width() == (date(2024, 7, 15) - date(2024, 3, 1)).days + 1
    assert not [p for p in ax.patches if round(p.get_y() + p.get_height() / 2) == 1]
    assert any("башталышынан мурун" in t.get_text() for t in ax.texts)
    plots.close(fig)


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_the_step_names_of_every_language_are_recognised(lang):
    toolkit.set_language(lang)
    assert [P.step_of(P.label(step)) for step in P.STEPS] == list(P.STEPS)


def test_a_finding_is_worded_in_the_language_in_use_when_it_is_read():
    plan = small_plan()
    plan.activities[0].deadline = "кийинчерээк"
    finding = next(f for f in P.check_plan(plan) if f.code == "bad-deadline")
    assert "окуй алган жокпуз" in finding.message
    toolkit.set_language("ru")
    assert "не удалось прочитать" in finding.message and "Мероприятие 1.1" in finding.message


TEXT = st.text(
    alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяңөүҢӨҮАБВ 0123456789.,;:-–«»()%№",
    min_size=0,
    max_size=30,
).map(str.strip)
NUMBER = st.one_of(
    st.none(), st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda x: round(x, 3))
)


@st.composite
def plans(draw):
    n_tasks = draw(st.integers(1, 6))
    tasks = [
        P.Task(
            i,
            draw(TEXT),
            draw(TEXT),
            draw(st.sampled_from([None, *P.STEPS])),
            draw(st.one_of(st.none(), st.floats(0, 10).map(lambda x: round(x, 2)))),
        )
        for i in range(1, n_tasks + 1)
    ]
    activities = []
    for i in range(draw(st.integers(0, 12))):
        task = draw(st.integers(1, n_tasks))
        activities.append(
            P.Activity(
                f"{task}.{i + 1}",
                task,
                draw(TEXT),
                draw(TEXT),
                draw(TEXT),
                draw(TEXT),
                draw(TEXT),
                draw(st.sampled_from(list(P.STATUSES))),
                draw(st.one_of(st.none(), st.floats(0, 100).map(lambda x: round(x, 1)))),
                draw(st.one_of(st.none(), st.floats(0, 5).map(lambda x: round(x, 2)))),
            )
        )
    results = [
        P.Result(i, draw(TEXT), draw(TEXT), draw(NUMBER), draw(NUMBER), draw(TEXT), draw(TEXT))
        for i in range(1, draw(st.integers(0, 3)) + 1)
    ]
    return P.Plan(
        draw(TEXT.filter(bool)),
        draw(TEXT),
        draw(TEXT),
        draw(st.one_of(st.none(), st.integers(2000, 2040))),
        results,
        tasks,
        activities,
        [
            P.Standard(c, draw(TEXT))
            for c in draw(st.lists(st.sampled_from(P.CRITERIA), max_size=4))
        ],
        [
            P.DeliveryOption(draw(TEXT), draw(TEXT), draw(st.booleans()))
            for _ in range(draw(st.integers(0, 3)))
        ],
        [P.MonitoringItem(draw(TEXT), draw(TEXT)) for _ in range(draw(st.integers(0, 2)))],
        [
            P.WorkItem(draw(TEXT), draw(TEXT), draw(TEXT), draw(TEXT))
            for _ in range(draw(st.integers(0, 2)))
        ],
        draw(TEXT),
    )


def _blank_rows_dropped(plan: P.Plan) -> P.Plan:
    """Rows with every cell empty are not rows in a spreadsheet: drop them as Excel would.

    (Standards always have a criterion and options a yes/no, so only these two can be blank.)
    """

    def keep(item):
        return any(v != "" for v in vars(item).values())

    return P.Plan(
        **{
            **vars(plan),
            **{k: [x for x in getattr(plan, k) if keep(x)] for k in ("monitoring", "work_plan")},
        }
    )


@settings(max_examples=25, deadline=None)
@given(plans(), st.sampled_from(["ky", "ru", "en"]))
def test_any_plan_survives_the_excel_round_trip(plan, lang):
    assert P.read_xlsx(P.xlsx_bytes(plan, lang=lang)) == _blank_rows_dropped(plan)


@pytest.mark.parametrize(
    "lang, name", [("ky", "Теплоключенка"), ("ru", "Теплоключенка"), ("en", "Teploklyuchenka")]
)
def test_word_names_the_municipality(lang, name):
    text = docx_text(P.docx_bytes(small_plan(), lang=lang))
    assert name in text and "teploklyuchenka" not in text
