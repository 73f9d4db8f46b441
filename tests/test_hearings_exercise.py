"""Is the hearings assignment graded right by the real nbgrader commands?"""

import re

import nbformat
import pytest

from tests.nbgrader_course import EXERCISES, Course
from toolkit.i18n import catalog

pytestmark = pytest.mark.slow

ASSIGNMENT = "06_hearings"
AUTO = 14.0  # the autograded questions
MANUAL = 3.0  # the written plan, graded by the trainer
TOTAL = AUTO + MANUAL
PARTIAL = {
    # a percentage where a share is asked: 0 of 2
    "q1_answer": "women_share_sedp = 100 * 31 / 83",
    # right: 2 of 2
    "q2_answer": "women_share_budget = 57 / 135",
    # the budget hearing's rate upside down: 1.5 of 3
    "q3_answer": 'rates = {"sedp": 8 / 23, "budget": 11 / 7}',
    # q4 left unanswered: 0 of 2
    # how many women, not how many more: 0 of 2
    "q5_answer": "more_women = 78",
    # proposals right (1), accepted per 100 received instead of per 100 participants (0 of 2)
    "q6_answer": "proposals_per_100 = 11 / 135 * 100\naccepted_per_100 = 7 / 11 * 100",
}
PARTIAL_SCORE = 0 + 2 + 1.5 + 0 + 0 + 1


def output_text(cell):
    """What the learner reads under a cell: the outputs without HTML tags and styles."""
    text = "".join(
        o.get("text", "") + "".join(str(v) for v in o.get("data", {}).values())
        for o in cell.outputs
    )
    return re.sub(r"<[^>]*>", " ", text)


def by_id(nb):
    return {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = Course(tmp_path_factory.mktemp("hearings"), ASSIGNMENT)
    course.generate()
    course.submit("teacher", course.source_notebook())
    course.submit("blank", course.release_notebook())
    course.submit("partial", course.with_answers(course.release_notebook(), PARTIAL))
    return course, course.autograde()


def test_at_least_five_autograded_questions():
    nb = nbformat.read(EXERCISES / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    graded_cells = [
        c for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")
    ]
    assert len(graded_cells) >= 5
    assert sum(c.metadata["nbgrader"]["points"] for c in graded_cells) == AUTO


def test_instructor_version_gets_full_marks(graded):
    assert graded[1]["teacher"] == (AUTO, TOTAL)


def test_released_blank_gets_zero(graded):
    assert graded[1]["blank"] == (0.0, TOTAL)


def test_partly_right_submission_gets_its_partial_score(graded):
    score, total = graded[1]["partial"]
    assert total == TOTAL and score == pytest.approx(PARTIAL_SCORE)


def test_release_hides_the_answers(graded):
    course, _ = graded
    text = "\n".join(c.source for c in course.release_notebook().cells)
    for secret in ("hearings.share(", "women_needed(", "31 / 83", "7 / 11", "21", "hearing_funnel"):
        assert secret not in text, secret


def test_feedback_is_kyrgyz_and_never_prints_the_answer(graded):
    course, _ = graded
    cells = by_id(course.autograded_notebook("partial"))
    q1, q3, q4, q5, q6 = (
        output_text(cells[k]) for k in ("q1_check", "q3_check", "q4_check", "q5_check", "q6_check")
    )
    assert "пайыз" in q1.lower() or "үлүш" in q1.lower()  # the percent-or-share hint
    assert "0,37" not in q1 and "0.37" not in q1
    ky = catalog("checks", "ky")
    more = ky["«{key}»: more than it should be."].format(key="budget")
    higher = ky["Not right yet: the answer is higher than it should be."]
    assert more in q3 and "0,63" not in q3 and "0.63" not in q3
    assert "жооп али жок" in q4
    assert higher in q5 and "21" not in q5
    assert higher in q6 and "5,1" not in q6 and "5.1" not in q6
    for nb in (course.autograded_notebook("partial"), course.autograded_notebook("blank")):
        for key, cell in by_id(nb).items():
            if key and key.endswith("_check"):
                assert "Traceback" not in output_text(cell), key
