"""Does the tariff assignment grade right through the real nbgrader commands?"""

from __future__ import annotations

import re

import pytest

from tests.nbgrader_course import Course
from toolkit import checks
from toolkit.i18n import set_language

pytestmark = pytest.mark.slow

# The partly right submission and the points it must earn (12 in all).
PARTIAL = {
    # salvage value forgotten: 500 000 instead of 450 000, within 12% → 1 of 2
    "q1_answer": "truck_depreciation = truck_price / truck_life",
    # right: 2 of 2
    "q2_answer": "required_revenue = 1_320_000",
    # the 12 months forgotten: 0 of 2
    "q3_answer": "tariff_per_household = required_revenue / households",
    # q4 left blank: 0 of 2
    # share right, verdict wrong: 1 of 2
    "q5_answer": "burden_share = (50 / 0.65 + water_bill) / household_income\naffordable = False",
    # the others' tariff taken as 50 × 1.05 = 52.50 instead of 52.63: close → 1 of 2
    "q6_answer": "full_tariff = 50 * 1.05",
}
PARTIAL_SCORE = 1 + 2 + 0 + 0 + 1 + 1
AUTO = 12.0  # the autograded questions
MANUAL = 3.0  # the written decision, graded by the trainer
TOTAL = AUTO + MANUAL
# What the hidden tests expect; none of it may appear in what a learner sees.
EXPECTED_SHOWN = [
    "450 000",
    "450000",
    "450,000",
    "1 320 000",
    "1320000",
    "76,9",
    "76.9",
    "52,6",
    "52.6",
]


def output_text(cell) -> str:
    return "".join(
        o.get("text", "") + "".join(str(v) for v in o.get("data", {}).values())
        for o in cell.get("outputs", [])
    )


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = Course(tmp_path_factory.mktemp("tariff"), "04_tariff")
    course.generate()
    course.submit("teacher", course.source_notebook())
    course.submit("blank", course.release_notebook())
    course.submit("partial", course.with_answers(course.release_notebook(), PARTIAL))
    return course, course.autograde()


def test_there_are_at_least_five_graded_questions_with_hidden_tests(graded):
    course, _ = graded
    source = course.source_notebook()
    graded_cells = [
        c
        for c in source.cells
        if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")
    ]
    assert len(graded_cells) >= 5
    assert all("### BEGIN HIDDEN TESTS" in c.source for c in graded_cells)
    released = course.release_notebook()
    assert not any("HIDDEN" in c.source or "check_number(" in c.source for c in released.cells)


def test_instructor_version_gets_full_marks(graded):
    _, scores = graded
    assert scores["teacher"] == (AUTO, TOTAL)


def test_released_blank_gets_zero(graded):
    _, scores = graded
    assert scores["blank"] == (0.0, TOTAL)


def test_partly_right_submission_gets_the_partial_score(graded):
    _, scores = graded
    assert scores["partial"] == (float(PARTIAL_SCORE), TOTAL)


def test_graded_messages_never_show_the_expected_answer(graded):
    course, _ = graded
    nb = course.autograded_notebook("partial")
    shown = " ".join(output_text(c) for c in nb.cells if c.cell_type == "code")
    assert "керектүүдөн" in shown  # the learner is told which way the answer is off
    for expected in EXPECTED_SHOWN:
        assert expected not in shown, expected


# The same checks as the hidden tests, with a wrong answer, in each language.
WRONG = {
    "truck_depreciation": (
        500_000,
        lambda: checks.check_number(
            "truck_depreciation",
            450_000,
            points=2,
            close=(0.12, 0.5),
            namespace={"truck_depreciation": 500_000},
        ),
    ),
    "tariff_per_household": (
        600,
        lambda: checks.check_number(
            "tariff_per_household", 50, points=2, namespace={"tariff_per_household": 600}
        ),
    ),
    "tariff_at_65": (
        32.5,
        lambda: checks.check_number(
            "tariff_at_65", 50 / 0.65, points=2, close=(0.05, 0.5), namespace={"tariff_at_65": 32.5}
        ),
    ),
}


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
@pytest.mark.parametrize("name", sorted(WRONG))
def test_check_messages_in_three_languages_hide_the_answer(name, lang):
    set_language(lang)
    try:
        _, run = WRONG[name]
        result = run()
    finally:
        set_language("ky")
    text = " ".join(result.messages)
    assert result.points < result.max_points and text
    if lang == "en":
        assert re.search(r"[A-Za-z]", text)
    else:
        assert re.search("[А-Яа-яӨөҮүҢң]", text)
    for expected in ("450", "76,9", "76.9", "50 ", "50,0", "50.0"):
        assert expected not in text
    if name == "tariff_per_household":  # the usual slip: per year instead of per month
        assert {"ky": "айына", "ru": "месяц", "en": "month"}[lang] in text
