"""Is the problem-mapping assignment graded right by the real nbgrader commands?"""

import re

import pytest

from tests.nbgrader_course import Course

pytestmark = pytest.mark.slow

AUTO = 19.0  # the autograded questions
MANUAL = 3.0  # the written decision, graded by the trainer
TOTAL = AUTO + MANUAL
PARTIAL = {
    # two of the three villages: 2 of 3
    "q1_answer": 'no_water = ["Ак-Кыя", "Кара-Саз"]',
    # education counted once instead of twice: 4 of 5
    "q2_answer": 'counts = {"drinking-water": 6, "irrigation": 3, "waste": 2, "education": 1,'
    ' "roads": 1}',
    # the right core, but only the first six links: 2 of 3
    "q3_answer": 'tree = mapping.tree_from_table(links.head(6), core="Таза суу толук кандуу жетпейт")',
    # two of the three root causes: 2 of 3
    "q4_answer": 'roots = ["Башкаруу начар", "Жергиликтүү бюджет тартыш"]',
    # a sentence, not the problem again, but still negative: 2 of 3
    "q5_answer": 'objective = "Ак-Булун айылындагы ички суу каналы жараксыз эмес"',
    # a village, but not the busiest: 0 of 2
    "q6_answer": 'busiest = "Ак-Кыя"',
}


def output_text(cell):
    return "".join(
        o.get("text", "") + "".join(str(v) for v in o.get("data", {}).values())
        for o in cell.outputs
    )


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = Course(tmp_path_factory.mktemp("mapping"), "01_problem_mapping")
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
    assert graded[1]["partial"] == (12.0, TOTAL)


def test_release_hides_the_answers(graded):
    course, _ = graded
    text = "\n".join(c.source for c in course.release_notebook().cells)
    assert "villages_lacking(chet_nura" not in text and 'Орто-Нура"' not in text
    # question 5 quotes a problem; it must not be question 1's, which names its answer
    assert not {"Ак-Кыя", "Тош-Булак", "Кара-Саз"} <= set(re.findall(r"[\w-]+", text))
    assert "камсыз болот" not in text and "tree_rules" not in text


def test_feedback_is_kyrgyz_and_never_prints_the_answer(graded):
    course, _ = graded
    cells = {
        c.metadata.get("nbgrader", {}).get("grade_id"): c
        for c in course.autograded_notebook("partial").cells
    }
    q1, q3, q5, q6 = (
        output_text(cells[k]) for k in ("q1_check", "q3_check", "q5_check", "q6_check")
    )
    assert "Туура: 2 / 3" in q1 and "Тош-Булак" not in q1
    assert "бардык байланыштарды колдонгон эмес" in q3
    assert "терс сөздөр" in q5 and "камсыз" not in q5
    assert "Орто-Нура" not in q6 and "Traceback" not in q6
    blank = {
        c.metadata.get("nbgrader", {}).get("grade_id"): c
        for c in course.autograded_notebook("blank").cells
    }
    assert all(
        "Traceback" not in output_text(blank[k]) for k in blank if k and k.endswith("_check")
    )
