"""Is the problem-gallery assignment graded right by the real nbgrader commands?"""

import re

import nbformat
import pytest

from tests.nbgrader_course import EXERCISES, Course

pytestmark = pytest.mark.slow

AUTO = 16.0  # the autograded questions
MANUAL = 3.0  # the written decision, graded by the trainer
TOTAL = AUTO + MANUAL
PARTIAL = {
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
}
PARTIAL_SCORE = 2.4 + 1 + 2 + 0 + 0 + 1


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
    course = Course(tmp_path_factory.mktemp("gallery"), "02_problem_gallery")
    course.generate()
    course.submit("teacher", course.source_notebook())
    course.submit("blank", course.release_notebook())
    course.submit("partial", course.with_answers(course.release_notebook(), PARTIAL))
    return course, course.autograde()


def test_at_least_five_autograded_questions():
    nb = nbformat.read(EXERCISES / "source" / "02_problem_gallery" / "02_problem_gallery.ipynb", 4)
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
    assert "result.passed" not in text and "[1, 2, 3, 4, 5, 6, 7, 8, 9, 13]" not in text
    assert '"agree": 30' not in text and "cards_left = len" not in text


def test_feedback_is_kyrgyz_and_never_prints_the_answer(graded):
    course, _ = graded
    cells = by_id(course.autograded_notebook("partial"))
    q1, q2, q3, q4, q6 = (
        output_text(cells[k]) for k in ("q1_check", "q2_check", "q3_check", "q4_check", "q6_check")
    )
    assert "Туура: 8 / 10" in q1 and "[1, 2" not in q1
    assert "Туура: 1 / 2" in q2 and "12" not in q2
    assert "«addition»: керектүүдөн көп." in q3 and "30" not in q3
    assert "жооп али жок" in q4 and "Ак-Кыя" not in q4
    assert "керектүүдөн кичине" in q6 and "7" not in q6
    for nb in (course.autograded_notebook("partial"), course.autograded_notebook("blank")):
        for key, cell in by_id(nb).items():
            if key and key.endswith("_check"):
                assert "Traceback" not in output_text(cell), key


def test_feedback_in_russian_and_english_never_prints_the_answer():
    """Run the graded checks on a partly right answer in ru and en: right language, no answer shown."""
    import asyncio

    from nbclient import NotebookClient

    source = nbformat.read(
        EXERCISES / "source" / "02_problem_gallery" / "02_problem_gallery.ipynb", 4
    )
    nb = Course.with_answers(source, PARTIAL | {"q4_answer": "per_village = {}"})
    checks_cells = [
        c for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")
    ]
    for lang in ("ru", "en"):
        nb.cells.append(nbformat.v4.new_code_cell(f'toolkit.set_language("{lang}")'))
        nb.cells.extend(
            nbformat.v4.new_code_cell(
                c.source, metadata={"lang": lang, "check": c.metadata["nbgrader"]["grade_id"]}
            )
            for c in checks_cells
        )
    asyncio.run(
        NotebookClient(
            nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(EXERCISES)}}
        ).async_execute()
    )
    seen = {
        (c.metadata["lang"], c.metadata["check"]): output_text(c)
        for c in nb.cells
        if "lang" in c.metadata
    }
    assert "Верно: 8 из 10." in seen[("ru", "q1_check")]
    assert "«addition»: больше, чем должно быть." in seen[("ru", "q3_check")]
    assert "Right: 8 of 10." in seen[("en", "q1_check")]
    assert "«addition»: more than it should be." in seen[("en", "q3_check")]
    # (check_mapping counts the keys a learner left out but never names them)
    answers = ["13", "12", "30", "7"]
    for (lang, check), text in seen.items():
        assert "Traceback" not in text, (lang, check)
        for answer in answers:
            shown = re.sub(r"\d+ (из|of) \d+", "", text)  # "8 of 10" is about the learner's items
            assert answer not in shown, (lang, check, answer)
