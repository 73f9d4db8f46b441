"""Does the exercise mechanism work end to end, through the real nbgrader commands?"""

import pytest

from tests.nbgrader_course import Course

pytestmark = pytest.mark.slow

AUTO = 6.0  # the autograded questions
MANUAL = 2.0  # the written decision, graded by the trainer
TOTAL = AUTO + MANUAL


def output_text(cell):
    return "".join(
        o.get("text", "") + "".join(str(v) for v in o.get("data", {}).values())
        for o in cell.outputs
    )


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = Course(tmp_path_factory.mktemp("example"), "00_example")
    course.generate()
    course.submit("teacher", course.source_notebook())
    course.submit("blank", course.release_notebook())
    course.submit(
        "half",
        course.with_answers(
            course.release_notebook(),
            {
                # two of the three villages: 2 of 3 points
                "q1_answer": 'villages_without_water = ["Ак-Кыя", "Кара-Саз"]',
                # som per head forgotten: 0 of 2
                "q2_answer": "bath_revenue = 18_000",
                "q3_answer": 'first_priority = "таза суу"',
            },
        ),
    )
    # right answers, but every later cell prints a warning on stderr (as a noisy library would)
    noisy = (
        "import sys\n"
        "get_ipython().events.register('pre_run_cell', lambda info: "
        "print('UserWarning: something is deprecated', file=sys.stderr))\n"
    )
    source = {
        c.metadata.get("nbgrader", {}).get("grade_id"): c.source
        for c in course.source_notebook().cells
    }
    course.submit(
        "noisy",
        course.with_answers(
            course.release_notebook(),
            {
                "q1_answer": noisy + source["q1_answer"],
                "q2_answer": source["q2_answer"],
                "q3_answer": source["q3_answer"],
            },
        ),
    )
    return course, course.autograde()


def test_instructor_version_gets_full_marks(graded):
    _, scores = graded
    assert scores["teacher"] == (AUTO, TOTAL)


def test_released_blank_gets_zero(graded):
    _, scores = graded
    assert scores["blank"] == (0.0, TOTAL)


def test_half_right_submission_gets_its_partial_score(graded):
    _, scores = graded
    assert scores["half"] == (3.0, TOTAL)


def test_warnings_do_not_cost_points(graded):
    """Does a warning printed in a test cell leave the grade alone (nbgrader zeroes stderr)?"""
    course, scores = graded
    cells = [c for c in course.autograded_notebook("noisy").cells if c.cell_type == "code"]
    assert scores["noisy"] == (AUTO, TOTAL)
    assert not any("UserWarning" in output_text(c) for c in cells)


def test_release_hides_solutions_and_answers(graded):
    """Does the learner's notebook keep the expected answers out of sight?"""
    course, _ = graded
    text = "\n".join(c.source for c in course.release_notebook().cells)
    assert "234_000" not in text and "Тош-Булак" not in text
    assert "Жообуңузду ушул жерге жазыңыз" in text  # the Kyrgyz answer stub


def test_feedback_messages_are_kyrgyz_and_never_print_the_answer(graded):
    course, _ = graded
    nb = course.autograded_notebook("half")
    cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}
    q1, q2 = output_text(cells["q1_check"]), output_text(cells["q2_check"])
    assert "Туура: 2 / 3" in q1 and "Тош-Булак" not in q1
    assert "керектүүдөн кичине" in q2
    assert "234" not in q2.replace("234_000", "")
    blank = {
        c.metadata.get("nbgrader", {}).get("grade_id"): c
        for c in course.autograded_notebook("blank").cells
    }
    assert "али жок" in output_text(blank["q1_check"])
    assert "Traceback" not in output_text(blank["q1_check"])


def test_a_deleted_test_cell_is_restored_and_graded(tmp_path):
    """Is a learner who deleted a graded cell still graded, with the cell put back?"""
    course = Course(tmp_path, "00_example")
    course.generate()
    nb = course.source_notebook()
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "q3_check"]
    course.submit("deleter", nb)
    assert course.autograde() == {"deleter": (AUTO, TOTAL)}
    restored = [
        c
        for c in course.autograded_notebook("deleter").cells
        if c.metadata.get("nbgrader", {}).get("grade_id") == "q3_check"
    ]
    assert restored and "nbgrader" in restored[0].source


def test_written_decision_waits_for_the_trainer_and_counts_once_graded(graded):
    """Is the written answer left to the trainer (nbgrader's manual grading), and added to the score?"""
    from nbgrader.api import Gradebook

    course, _ = graded
    released = {
        c.metadata.get("nbgrader", {}).get("grade_id"): c for c in course.release_notebook().cells
    }
    assert released["q4_decision"].cell_type == "markdown"
    assert (
        released["q4_decision"].source == "Жообуңузду ушул жерге жазыңыз."
    )  # the model answer is gone
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}") as gb:
        teacher = gb.find_submission(course.assignment, "teacher")
        blank = gb.find_submission(course.assignment, "blank")
        assert teacher.needs_manual_grade and not blank.needs_manual_grade
        grade = gb.find_grade(
            "q4_decision",
            course.notebook_names[0].removesuffix(".ipynb"),
            course.assignment,
            "teacher",
        )
        assert grade.auto_score is None and grade.max_score == MANUAL
        grade.manual_score = 1.5  # what the trainer gives in the formgrader
        gb.db.commit()
    assert course.scores()["teacher"] == (AUTO + 1.5, TOTAL)
