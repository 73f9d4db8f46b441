"""Is the priority-voting assignment (03) graded right by the real nbgrader commands?"""

import pytest

from tests.nbgrader_course import Course

pytestmark = pytest.mark.slow

AUTO = 14.0  # the autograded questions
MANUAL = 3.0  # the written decision, graded by the trainer
TOTAL = AUTO + MANUAL
PARTIAL = {
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
}


def output_text(cell):
    return "".join(
        o.get("text", "") + "".join(str(v) for v in o.get("data", {}).values())
        for o in cell.outputs
    )


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = Course(tmp_path_factory.mktemp("voting"), "03_priority_voting")
    course.generate()
    course.submit("teacher", course.source_notebook())
    course.submit("blank", course.release_notebook())
    course.submit("partial", course.with_answers(course.release_notebook(), PARTIAL))
    return course, course.autograde()


def test_instructor_version_gets_full_marks(graded):
    assert graded[1]["teacher"] == (AUTO, TOTAL)


def test_released_blank_gets_zero(graded):
    assert graded[1]["blank"] == (0.0, TOTAL)


def test_partly_right_submission_gets_its_partial_score(graded):
    assert graded[1]["partial"] == (6.5, TOTAL)


def test_at_least_five_graded_questions(graded):
    course, _ = graded
    checks = [
        c
        for c in course.source_notebook().cells
        if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")
    ]
    assert len(checks) >= 5
    assert all(c.metadata["nbgrader"]["points"] > 0 for c in checks)


def test_release_hides_the_answers(graded):
    course, _ = graded
    text = "\n".join(c.source for c in course.release_notebook().cells)
    assert "dot_tally(chet_nura)\ndot_points" not in text
    assert '"waste>irrigation": 11' not in text and '["preschool-education", "waste"' not in text
    assert 'check_choice("tie_winner", "drinking-water"' not in text


def test_feedback_is_kyrgyz_and_never_prints_the_answer(graded):
    course, _ = graded
    cells = {
        c.metadata.get("nbgrader", {}).get("grade_id"): c
        for c in course.autograded_notebook("partial").cells
    }
    q1, q3, q4, q5 = (
        output_text(cells[k]) for k in ("q1_check", "q3_check", "q4_check", "q5_check")
    )
    assert "«irrigation»" in q1 and ": 9" not in q1 and "= 9" not in q1  # which, not the value
    assert "Туура: 1 / 2" in q4 and "drinking-water" not in q4
    assert "drinking-water" not in q5 and "Traceback" not in q5
    assert "Traceback" not in q3
    blank = {
        c.metadata.get("nbgrader", {}).get("grade_id"): c
        for c in course.autograded_notebook("blank").cells
    }
    assert all(
        "Traceback" not in output_text(blank[k]) for k in blank if k and k.endswith("_check")
    )
