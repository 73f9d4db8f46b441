"""Does the action-plan assignment grade right through the real nbgrader commands, with partial
credit, messages in Kyrgyz, Russian and English, and never the answer shown?"""

from __future__ import annotations

import pytest

from tests.nbgrader_course import Course
from toolkit.i18n import catalog

pytestmark = pytest.mark.slow

TOTAL = 19.0
MANUAL = {"q9_decision": 3.0}  # the decision the trainer grades by hand (nbgrader's manual grading)
AUTO_TOTAL = TOTAL - sum(MANUAL.values())

# A partly right submission, in three languages, and the points each answer must earn.
PARTIAL = {
    # one of the two activities without a responsible: 1 of 2 (messages in Kyrgyz)
    "q1_answer": 'missing_responsible = ["2.2"]',
    # standards, method and cost rotated; agreement, provider, monitoring right: 3 of 6 → 1 of 2
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
    # the local budget without the 10 000 som of activity 5.1; residents and donor right: 2 of 3
    "q7_answer": 'toolkit.set_language("ky")\nper_source = {"local": 250_000, "residents": 50_000, "donor": 35_000}',
    # the activity outside the year right, the gap with the wrong sign: 1 of 2
    "q8_answer": 'outside_year = "6.2"\ntotal_gap = 5_000',
    # a decision written: it waits for the trainer
    "q9_decision": "Биринчи 4.2-иш-чараны каржылайм, анткени окуучуларды ташуу баарынан маанилүү.",
}
PARTIAL_SCORE = 1 + 1 + 0 + 1 + 0 + 1 + 2 + 1


def output_text(cell) -> str:
    return "".join(
        o.get("text", "") + "".join(str(v) for v in o.get("data", {}).values())
        for o in cell.get("outputs", [])
    )


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = Course(tmp_path_factory.mktemp("plan"), "05_action_plan")
    course.generate()
    course.submit("teacher", course.source_notebook())
    course.submit("blank", course.release_notebook())
    course.submit("partial", course.with_answers(course.release_notebook(), PARTIAL))
    return course, course.autograde()


def test_there_are_at_least_five_graded_questions_with_hidden_tests(graded):
    course, _ = graded
    graded_cells = [
        c for c in course.source_notebook().cells if c.metadata.get("nbgrader", {}).get("grade")
    ]
    code_cells = [c for c in graded_cells if c.cell_type == "code"]
    assert len(code_cells) >= 5
    assert all("### BEGIN HIDDEN TESTS" in c.source for c in code_cells)
    assert sum(c.metadata["nbgrader"]["points"] for c in graded_cells) == TOTAL
    released = course.release_notebook()
    assert not any("HIDDEN" in c.source or "BEGIN SOLUTION" in c.source for c in released.cells)
    assert not any('"5.2", choices' in c.source or "60, points" in c.source for c in released.cells)
    assert not any("260_000" in c.source or "-5_000" in c.source for c in released.cells)


def test_the_decision_is_a_markdown_answer_the_trainer_grades(graded):
    course, _ = graded
    cells = {
        c.metadata.get("nbgrader", {}).get("grade_id"): c for c in course.source_notebook().cells
    }
    for grade_id, points in MANUAL.items():
        meta = cells[grade_id].metadata["nbgrader"]
        assert cells[grade_id].cell_type == "markdown"
        assert (meta["grade"], meta["solution"], meta["points"]) == (True, True, points)
    released = {
        c.metadata.get("nbgrader", {}).get("grade_id"): c for c in course.release_notebook().cells
    }
    assert (
        "4.2-иш-чараны" not in released["q9_decision"].source
    )  # the model answer stays with the trainer


def _needs_manual_grade(course, student) -> dict[str, bool]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}") as gb:
        return {
            g: gb.find_grade(g, course.assignment, course.assignment, student).needs_manual_grade
            for g in MANUAL
        }


def test_a_written_decision_waits_for_the_trainer_and_a_blank_one_does_not(graded):
    course, _ = graded
    assert _needs_manual_grade(course, "teacher") == {"q9_decision": True}
    assert _needs_manual_grade(course, "partial") == {"q9_decision": True}
    assert _needs_manual_grade(course, "blank") == {"q9_decision": False}


def test_instructor_version_gets_full_marks(graded):
    course, scores = graded
    assert scores["teacher"] == (
        AUTO_TOTAL,
        TOTAL,
    )  # every computed answer right; the decision waits
    from nbgrader.api import Gradebook

    with Gradebook(
        f"sqlite:///{course.root / 'gradebook.db'}"
    ) as gb:  # the trainer grades it by hand
        for grade_id, points in MANUAL.items():
            gb.find_grade(
                grade_id, course.assignment, course.assignment, "teacher"
            ).manual_score = points
        gb.db.commit()
    assert course.scores()["teacher"] == (TOTAL, TOTAL)


def test_released_blank_gets_zero(graded):
    _, scores = graded
    assert scores["blank"] == (0.0, TOTAL)


def test_partly_right_submission_gets_the_partial_score(graded):
    _, scores = graded
    assert scores["partial"] == (float(PARTIAL_SCORE), TOTAL)


def test_messages_are_in_the_learners_language_and_never_show_the_answer(graded):
    course, _ = graded
    nb = course.autograded_notebook("partial")
    by_id = {
        c.metadata.get("nbgrader", {}).get("grade_id"): output_text(c)
        for c in nb.cells
        if c.cell_type == "code"
    }
    right = "Right: {right} of {total}."
    assert catalog("checks", "ky")[right].format(right=1, total=2) in by_id["q1_check"]
    assert catalog("checks", "ru")[right].format(right=1, total=2) in by_id["q4_check"]
    assert "Correct!" in by_id["q6_check"]
    assert "«local»" in by_id["q7_check"] and "250" not in by_id["q7_check"]
    assert (
        catalog("checks", "ky")["Not right yet: the answer is lower than it should be."]
        in by_id["q3_check"]
    )
    graded_output = " ".join(v for k, v in by_id.items() if k and k.endswith("_check"))
    for answer in ("5.1", "60", "[2, 3]", "«3»", "260", "5000", "5 000", "-5"):
        assert answer not in graded_output, answer
    assert "Traceback" not in graded_output
