"""Is every assignment graded right by the real nbgrader commands?

One row of :data:`ASSIGNMENTS` per assignment: the points, a partly right submission with the
score it must earn, what the released notebook must hide, and what the feedback on the partial
submission must and must not say.  Each course is generated once and autograded once (teacher,
blank and partial submissions) through ``tests/nbgrader_course.py``; every test below reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import nbformat
import pytest

from tests.nbgrader_course import EXERCISES, Course
from toolkit import checks
from toolkit.i18n import catalog, set_language


@dataclass(frozen=True)
class Assignment:
    name: str
    auto: float  # the autograded questions
    manual: float  # the written decision, graded by the trainer
    partial: dict  # grade_id → the partly right answer
    partial_score: float
    hidden: tuple = ()  # text the released notebook must not contain
    #: grade_id → (words the partial submission's feedback shows, words it must not show);
    #: "*checks": every check cell together, "*all": every code cell together
    feedback: dict = field(default_factory=dict)
    strip_tags: bool = False  # read the feedback as a learner reads it: without HTML tags
    all_hidden_tests: bool = False  # every graded cell has a hidden test

    @property
    def total(self) -> float:
        return self.auto + self.manual


RIGHT = "Right: {right} of {total}."

ASSIGNMENTS = [
    Assignment(
        "01_problem_mapping",
        auto=19.0,
        manual=3.0,
        partial={
            # two of the three villages: 2 of 3
            "q1_answer": 'no_water = ["Ак-Кыя", "Кара-Саз"]',
            # education counted once instead of twice: 4 of 5
            "q2_answer": 'counts = {"drinking-water": 6, "irrigation": 3, "waste": 2,'
            ' "education": 1, "roads": 1}',
            # the right core, but only the first six links: 2 of 3
            "q3_answer": "tree = mapping.tree_from_table(links.head(6),"
            ' core="Таза суу толук кандуу жетпейт")',
            # two of the three root causes: 2 of 3
            "q4_answer": 'roots = ["Башкаруу начар", "Жергиликтүү бюджет тартыш"]',
            # a sentence, not the problem again, but still negative: 2 of 3
            "q5_answer": 'objective = "Ак-Булун айылындагы ички суу каналы жараксыз эмес"',
            # a village, but not the busiest: 0 of 2
            "q6_answer": 'busiest = "Ак-Кыя"',
        },
        partial_score=12.0,
        hidden=(
            "villages_lacking(chet_nura",
            'Орто-Нура"',
            "камсыз болот",
            "tree_rules",
        ),
        feedback={
            "q1_check": (["Туура: 2 / 3"], ["Тош-Булак"]),
            "q3_check": (["бардык байланыштарды колдонгон эмес"], []),
            "q5_check": (["терс сөздөр"], ["камсыз"]),
            "q6_check": ([], ["Орто-Нура", "Traceback"]),
        },
    ),
    Assignment(
        "02_problem_gallery",
        auto=16.0,
        manual=3.0,
        partial={
            # the two duplicate cards forgotten: 8 of 10 → 2.4 of 3
            "q1_answer": "passed = [1, 3, 4, 5, 6, 8, 9, 13]",
            # one of the two cards: 1 of 2
            "q2_answer": "not_in_plan = [11]",
            # additions miscounted: 2 of 3
            "q3_answer": 'by_type = {"agree": 30, "question": 5, "addition": 5}',
            # q4 left unanswered: 0 of 3
            # the card with most remarks of any kind, not most agree: 0 of 2
            "q5_answer": "top_card = 6",
            # cards left right (1), agree on card 1 counted before the merge (0 of 2)
            "q6_answer": "cards_left = 11\nagree_on_1 = 5",
        },
        partial_score=2.4 + 1 + 2 + 0 + 0 + 1,
        hidden=(
            "result.passed",
            "[1, 2, 3, 4, 5, 6, 7, 8, 9, 13]",
            '"agree": 30',
            "cards_left = len",
        ),
        feedback={
            "q1_check": (["Туура: 8 / 10"], ["[1, 2"]),
            "q2_check": (["Туура: 1 / 2"], ["12"]),
            "q3_check": (["«addition»: керектүүдөн көп."], ["30"]),
            "q4_check": (["жооп али жок"], ["Ак-Кыя"]),
            "q6_check": (["керектүүдөн кичине"], ["7"]),
        },
        strip_tags=True,
    ),
    Assignment(
        "03_priority_voting",
        auto=14.0,
        manual=3.0,
        partial={
            # irrigation miscounted: 2 of 3 services right → 2 of 3 points
            "q1_answer": 'dot_points = {"drinking-water": 20, "waste": 16, "irrigation": 10}',
            # q2 left blank → 0 of 2
            # the matrix read by columns instead of rows for three pairs: 3 of 6 → 1.5 of 3
            "q3_answer": 'prefer = {"drinking-water>waste": 11, "drinking-water>irrigation": 8,'
            ' "waste>drinking-water": 4, "waste>irrigation": 4,'
            ' "irrigation>drinking-water": 8, "irrigation>waste": 11}',
            # one of the two tied directions → 1 of 2
            "q4_answer": 'tied_items = ["greening"]',
            # the wrong one of the pair → 0 of 2
            "q5_answer": 'tie_winner = "greening"',
            # right → 2 of 2
            "q6_answer": 'differ = ["drinking-water"]',
        },
        partial_score=6.5,
        hidden=(
            "dot_tally(chet_nura)\ndot_points",
            '"waste>irrigation": 11',
            '["preschool-education", "waste"',
            'check_choice("tie_winner", "drinking-water"',
        ),
        feedback={
            # which item is off, not its value
            "q1_check": (["«irrigation»"], [": 9", "= 9"]),
            "q3_check": ([], ["Traceback"]),
            "q4_check": (["Туура: 1 / 2"], ["drinking-water"]),
            "q5_check": ([], ["drinking-water", "Traceback"]),
        },
    ),
    Assignment(
        "04_tariff",
        auto=12.0,
        manual=3.0,
        partial={
            # salvage value forgotten: 500 000 instead of 450 000, within 12% → 1 of 2
            "q1_answer": "truck_depreciation = truck_price / truck_life",
            # right: 2 of 2
            "q2_answer": "required_revenue = 1_320_000",
            # the 12 months forgotten: 0 of 2
            "q3_answer": "tariff_per_household = required_revenue / households",
            # q4 left blank: 0 of 2
            # share right, verdict wrong: 1 of 2
            "q5_answer": "burden_share = (50 / 0.65 + water_bill) / household_income\n"
            "affordable = False",
            # the others' tariff taken as 50 × 1.05 = 52.50 instead of 52.63: close → 1 of 2
            "q6_answer": "full_tariff = 50 * 1.05",
        },
        partial_score=1 + 2 + 0 + 0 + 1 + 1,
        hidden=("HIDDEN", "check_number("),
        feedback={
            # the learner is told which way the answer is off, never the expected answer
            "*all": (
                ["керектүүдөн"],
                ["450 000", "450000", "450,000", "1 320 000", "1320000"]
                + ["76,9", "76.9", "52,6", "52.6"],
            ),
        },
        all_hidden_tests=True,
    ),
    Assignment(
        "05_action_plan",
        auto=16.0,
        manual=3.0,
        partial={
            # one of the two activities without a responsible: 1 of 2 (messages in Kyrgyz)
            "q1_answer": 'missing_responsible = ["2.2"]',
            # standards, method and cost rotated; agreement, provider, monitoring right: 3 of 6
            "q2_answer": (
                "right = sorted(shuffled_tasks, key=lambda t: plan.STEPS.index(plan.step_of(t)))\n"
                "tasks_in_order = [right[1], right[2], right[0]] + right[3:]"
            ),
            # the plain mean instead of the weighted one (46.7): 0 of 2
            "q3_answer": "task3_progress = sum(a['progress'] for a in task3) / len(task3)",
            # one of the two unmeasurable indicators, messages in Russian: 1 of 2
            "q4_answer": 'toolkit.set_language("ru")\nunmeasurable = [2]',
            # left blank: 0 of 2
            # right, messages in English: 1 of 1
            "q6_answer": 'toolkit.set_language("en")\ntoo_early = "5.2"',
            # the local budget without the 10 000 som of activity 5.1: 2 of 3
            "q7_answer": 'toolkit.set_language("ky")\nper_source = {"local": 250_000,'
            ' "residents": 50_000, "donor": 35_000}',
            # the activity outside the year right, the gap with the wrong sign: 1 of 2
            "q8_answer": 'outside_year = "6.2"\ntotal_gap = 5_000',
            # a decision written: it waits for the trainer
            "q9_decision": "Биринчи 4.2-иш-чараны каржылайм, анткени окуучуларды ташуу"
            " баарынан маанилүү.",
        },
        partial_score=1 + 1 + 0 + 1 + 0 + 1 + 2 + 1,
        hidden=("HIDDEN", "BEGIN SOLUTION", '"5.2", choices', "60, points", "260_000", "-5_000"),
        feedback={
            "q1_check": ([catalog("checks", "ky")[RIGHT].format(right=1, total=2)], []),
            "q4_check": ([catalog("checks", "ru")[RIGHT].format(right=1, total=2)], []),
            "q6_check": (["Correct!"], []),
            "q7_check": (["«local»"], ["250"]),
            "q3_check": (
                [catalog("checks", "ky")["Not right yet: the answer is lower than it should be."]],
                [],
            ),
            "*checks": ([], ["5.1", "60", "[2, 3]", "«3»", "260", "5000", "5 000", "-5"]),
        },
        all_hidden_tests=True,
    ),
    Assignment(
        "06_hearings",
        auto=14.0,
        manual=3.0,
        partial={
            # a percentage where a share is asked: 0 of 2
            "q1_answer": "women_share_sedp = 100 * 31 / 83",
            # right: 2 of 2
            "q2_answer": "women_share_budget = 57 / 135",
            # the budget hearing's rate upside down: 1.5 of 3
            "q3_answer": 'rates = {"sedp": 8 / 23, "budget": 11 / 7}',
            # q4 left unanswered: 0 of 2
            # how many women, not how many more: 0 of 2
            "q5_answer": "more_women = 78",
            # proposals right (1), accepted per 100 proposals, not per 100 participants (0 of 2)
            "q6_answer": "proposals_per_100 = 11 / 135 * 100\naccepted_per_100 = 7 / 11 * 100",
        },
        partial_score=0 + 2 + 1.5 + 0 + 0 + 1,
        hidden=("hearings.share(", "women_needed(", "31 / 83", "7 / 11", "21", "hearing_funnel"),
        feedback={
            "q1_check": (["Пайыз менен үлүштү"], ["0,37", "0.37"]),
            "q3_check": (
                [catalog("checks", "ky")["«{key}»: more than it should be."].format(key="budget")],
                ["0,63", "0.63"],
            ),
            "q4_check": (["жооп али жок"], []),
            "q5_check": (
                [catalog("checks", "ky")["Not right yet: the answer is higher than it should be."]],
                ["21"],
            ),
            "q6_check": (
                [catalog("checks", "ky")["Not right yet: the answer is higher than it should be."]],
                ["5,1", "5.1"],
            ),
        },
        strip_tags=True,
    ),
]
BY_NAME = {a.name: a for a in ASSIGNMENTS}


def each(names=None):
    """The assignments as test parameters, each in its own xdist group (one course per worker)."""
    return [
        pytest.param(a, id=a.name, marks=[pytest.mark.slow, pytest.mark.xdist_group(a.name)])
        for a in ASSIGNMENTS
        if names is None or a.name in names
    ]


@pytest.fixture(scope="module")
def courses(tmp_path_factory):
    """``courses(assignment)``: the course generated and autograded once, and its scores."""
    built: dict[str, tuple[Course, dict]] = {}

    def graded(a: Assignment) -> tuple[Course, dict]:
        if a.name not in built:
            course = Course(tmp_path_factory.mktemp(a.name), a.name)
            course.generate()
            course.submit("teacher", course.source_notebook())
            course.submit("blank", course.release_notebook())
            course.submit("partial", course.with_answers(course.release_notebook(), a.partial))
            built[a.name] = course, course.autograde()
        return built[a.name]

    return graded


def output_text(cell, strip_tags: bool = False) -> str:
    """What the learner reads under a cell."""
    text = "".join(
        o.get("text", "") + "".join(str(v) for v in o.get("data", {}).values())
        for o in cell.get("outputs", [])
    )
    return re.sub(r"<[^>]*>", " ", text) if strip_tags else text


def by_id(nb) -> dict:
    return {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}


def graded_cells(nb) -> list:
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]


@pytest.mark.parametrize("a", each())
def test_instructor_version_gets_full_marks(a, courses):
    assert courses(a)[1]["teacher"] == (a.auto, a.total)  # every computed answer; decision waits


@pytest.mark.parametrize("a", each())
def test_released_blank_gets_zero(a, courses):
    assert courses(a)[1]["blank"] == (0.0, a.total)


@pytest.mark.parametrize("a", each())
def test_partly_right_submission_gets_its_partial_score(a, courses):
    score, total = courses(a)[1]["partial"]
    assert total == a.total and score == pytest.approx(a.partial_score)


@pytest.mark.parametrize("a", each())
def test_at_least_five_autograded_questions(a, courses):
    source = courses(a)[0].source_notebook()
    code = [c for c in graded_cells(source) if c.cell_type == "code"]
    assert len(code) >= 5
    assert all(c.metadata["nbgrader"]["points"] > 0 for c in code)
    assert sum(c.metadata["nbgrader"]["points"] for c in code) == a.auto
    assert sum(c.metadata["nbgrader"]["points"] for c in graded_cells(source)) == a.total
    if a.all_hidden_tests:
        assert all("### BEGIN HIDDEN TESTS" in c.source for c in code)


@pytest.mark.parametrize("a", each())
def test_release_hides_the_answers(a, courses):
    text = "\n".join(c.source for c in courses(a)[0].release_notebook().cells)
    for hidden in a.hidden:
        assert hidden not in text, hidden


@pytest.mark.parametrize("a", each())
def test_feedback_says_which_way_and_never_the_answer(a, courses):
    course, _ = courses(a)
    nb = course.autograded_notebook("partial")
    cells = by_id(nb)
    texts = {k: output_text(c, a.strip_tags) for k, c in cells.items() if c.cell_type == "code"}
    texts["*checks"] = " ".join(v for k, v in texts.items() if k and k.endswith("_check"))
    texts["*all"] = " ".join(output_text(c, a.strip_tags) for c in nb.cells if "outputs" in c)
    for where, (shown, not_shown) in a.feedback.items():
        for words in shown:
            assert words in texts[where], (where, words)
        for words in not_shown:
            assert words not in texts[where], (where, words)
    for student in ("partial", "blank"):
        for key, cell in by_id(course.autograded_notebook(student)).items():
            if key and key.endswith("_check"):
                assert "Traceback" not in output_text(cell), (student, key)


# --------------------------------------------------------------------------- 02: ru and en
@pytest.mark.slow
def test_gallery_feedback_in_russian_and_english_never_prints_the_answer():
    """Run the graded checks on a partly right answer in ru and en: right language, no answer."""
    import asyncio

    from nbclient import NotebookClient

    source = nbformat.read(
        EXERCISES / "source" / "02_problem_gallery" / "02_problem_gallery.ipynb", 4
    )
    partial = BY_NAME["02_problem_gallery"].partial
    nb = Course.with_answers(source, partial | {"q4_answer": "per_village = {}"})
    check_cells = [
        c for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")
    ]
    for lang in ("ru", "en"):
        nb.cells.append(nbformat.v4.new_code_cell(f'toolkit.set_language("{lang}")'))
        nb.cells.extend(
            nbformat.v4.new_code_cell(
                c.source, metadata={"lang": lang, "check": c.metadata["nbgrader"]["grade_id"]}
            )
            for c in check_cells
        )
    asyncio.run(
        NotebookClient(
            nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(EXERCISES)}}
        ).async_execute()
    )
    seen = {
        (c.metadata["lang"], c.metadata["check"]): output_text(c, strip_tags=True)
        for c in nb.cells
        if "lang" in c.metadata
    }
    assert "Верно: 8 из 10." in seen[("ru", "q1_check")]
    assert "«addition»: больше, чем должно быть." in seen[("ru", "q3_check")]
    assert "Right: 8 of 10." in seen[("en", "q1_check")]
    assert "«addition»: more than it should be." in seen[("en", "q3_check")]
    # (check_mapping counts the keys a learner left out but never names them)
    for (lang, check), text in seen.items():
        assert "Traceback" not in text, (lang, check)
        for answer in ["13", "12", "30", "7"]:
            shown = re.sub(r"\d+ (из|of) \d+", "", text)  # "8 of 10" is about the learner's items
            assert answer not in shown, (lang, check, answer)


# --------------------------------------------------------------------------- 05: the decision
PLAN = BY_NAME["05_action_plan"]
MANUAL = {"q9_decision": 3.0}  # the decision the trainer grades by hand (nbgrader's manual grading)


def _needs_manual_grade(course, student) -> dict[str, bool]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}") as gb:
        return {
            g: gb.find_grade(g, course.assignment, course.assignment, student).needs_manual_grade
            for g in MANUAL
        }


@pytest.mark.parametrize("a", each([PLAN.name]))
def test_the_decision_is_a_markdown_answer_the_trainer_grades(a, courses):
    course, _ = courses(a)
    cells = by_id(course.source_notebook())
    for grade_id, points in MANUAL.items():
        meta = cells[grade_id].metadata["nbgrader"]
        assert cells[grade_id].cell_type == "markdown"
        assert (meta["grade"], meta["solution"], meta["points"]) == (True, True, points)
    released = by_id(course.release_notebook())
    assert "4.2-иш-чараны" not in released["q9_decision"].source  # the model answer stays hidden


@pytest.mark.parametrize("a", each([PLAN.name]))
def test_a_written_decision_waits_for_the_trainer_and_a_blank_one_does_not(a, courses):
    course, _ = courses(a)
    assert _needs_manual_grade(course, "teacher") == {"q9_decision": True}
    assert _needs_manual_grade(course, "partial") == {"q9_decision": True}
    assert _needs_manual_grade(course, "blank") == {"q9_decision": False}


@pytest.mark.parametrize("a", each([PLAN.name]))
def test_the_trainers_grade_completes_the_instructor_version(a, courses):
    course, scores = courses(a)
    assert scores["teacher"] == (a.auto, a.total)
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}") as gb:
        for grade_id, points in MANUAL.items():
            grade = gb.find_grade(grade_id, course.assignment, course.assignment, "teacher")
            grade.manual_score = points
        gb.db.commit()
    assert course.scores()["teacher"] == (a.total, a.total)


# --------------------------------------------------------------------------- 04: the checks alone
# The same checks as the hidden tests, with a wrong answer, in each language.
WRONG = {
    "truck_depreciation": lambda: checks.check_number(
        "truck_depreciation",
        450_000,
        points=2,
        close=(0.12, 0.5),
        namespace={"truck_depreciation": 500_000},
    ),
    "tariff_per_household": lambda: checks.check_number(
        "tariff_per_household", 50, points=2, namespace={"tariff_per_household": 600}
    ),
    "tariff_at_65": lambda: checks.check_number(
        "tariff_at_65", 50 / 0.65, points=2, close=(0.05, 0.5), namespace={"tariff_at_65": 32.5}
    ),
}


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
@pytest.mark.parametrize("name", sorted(WRONG))
def test_tariff_check_messages_in_three_languages_hide_the_answer(name, lang):
    set_language(lang)
    try:
        result = WRONG[name]()
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
