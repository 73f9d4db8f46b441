"""Does every assignment ask for a decision the trainer grades, with a rubric, and hints that teach?

Each assignment has a written answer (nbgrader's manually graded markdown cell) where the
participant decides and justifies something for their municipality or the case, and the
trainer's notes say what earns each of its points. The hints describe the method (which table,
what to compare, what the formula means) and never name the call that prints the answer.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "exercises" / "source"
# assignment -> the trainer's notes of its lesson
NOTES = {
    "00_example": "00_introduction.md",
    "01_problem_mapping": "01_problem_mapping.md",
    "02_problem_gallery": "02_problem_gallery.md",
    "03_priority_voting": "03_priority_voting.md",
    "04_tariff": "04_tariff.md",
    "06_hearings": "06_hearings.md",
}
# the toolkit modules a solution or a hidden test calls functions of
MODULES = {"toolkit", "mapping", "gallery", "voting", "tariff", "plan", "hearings"}
ASCII_CALL = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*\s*\(")


def notebook(assignment: str) -> nbformat.NotebookNode:
    return nbformat.read(SOURCE / assignment / f"{assignment}.ipynb", 4)


def nbgrader(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def written_answers(nb) -> list:
    """The manually graded answer cells: markdown, graded, a solution, with points."""
    return [
        c
        for c in nb.cells
        if c.cell_type == "markdown" and nbgrader(c).get("grade") and nbgrader(c).get("solution")
    ]


def questions(nb) -> list:
    """The question cells (``q1``, ``q2`` …): the text and hints a learner reads."""
    return [c for c in nb.cells if re.fullmatch(r"q\d+", nbgrader(c).get("grade_id", ""))]


def code_between(source: str, begin: str, end: str) -> str:
    return "\n".join(re.findall(rf"### BEGIN {begin}\n(.*?)### END {end}", source, flags=re.S))


def toolkit_calls(code: str) -> set[str]:
    """The toolkit functions ``code`` calls (``mapping.root_causes(…)`` → ``root_causes``)."""
    names = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            if isinstance(owner, ast.Name) and owner.id in MODULES:
                names.add(node.func.attr)
    return names


def answer_functions(nb) -> set[str]:
    """Every toolkit function the solutions or the hidden tests call to get the answer."""
    names = set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        names |= toolkit_calls(code_between(cell.source, "SOLUTION", "SOLUTION"))
        names |= toolkit_calls(code_between(cell.source, "HIDDEN TESTS", "HIDDEN TESTS"))
    return names


def rubric(assignment: str, grade_id: str) -> str:
    """The rubric section of a written answer in the trainer's notes ('' if there is none)."""
    text = (ROOT / "docs" / "instructor" / NOTES[assignment]).read_text(encoding="utf-8")
    match = re.search(rf"^#+ Rubric: `{grade_id}`.*?(?=^#|\Z)", text, flags=re.S | re.M)
    return match.group(0) if match else ""


@pytest.mark.parametrize("assignment", sorted(NOTES))
def test_every_assignment_has_a_written_decision_graded_by_hand(assignment):
    nb = notebook(assignment)
    answers = written_answers(nb)
    assert answers, f"{assignment} has no manually graded answer"
    for cell in answers:
        meta = nbgrader(cell)
        assert meta["points"] > 0 and not meta["locked"] and meta["schema_version"] == 3
        assert (
            "BEGIN HIDDEN TESTS" not in cell.source and len(cell.source.split()) >= 20
        )  # a model answer
        question = nb.cells[nb.cells.index(cell) - 1]
        assert nbgrader(question).get("locked") and question.cell_type == "markdown"
        assert f"({meta['points']:g} упай)" in question.source  # the question says what it is worth
        assert (
            "эмне үчүн" in question.source and "тренер" in question.source
        )  # decide, justify; by hand


@pytest.mark.parametrize("assignment", sorted(NOTES))
def test_every_written_decision_has_a_rubric_whose_points_add_up(assignment):
    for cell in written_answers(notebook(assignment)):
        meta = nbgrader(cell)
        section = rubric(assignment, meta["grade_id"])
        assert section, f"no rubric for {meta['grade_id']} in docs/instructor/{NOTES[assignment]}"
        assert f"({meta['points']:g} points)" in section.splitlines()[0]
        per_point = [
            float(n) for n in re.findall(r"^- \*\*(\d+(?:\.\d+)?) points?\*\*", section, flags=re.M)
        ]
        assert len(per_point) >= 2 and sum(per_point) == meta["points"], per_point


@pytest.mark.parametrize("assignment", sorted(NOTES))
def test_hints_name_no_call_that_gives_the_answer(assignment):
    nb = notebook(assignment)
    forbidden = answer_functions(nb)
    if assignment != "00_example":  # the example's answers are typed, not computed
        assert forbidden  # the solutions do call the toolkit: the test looks at something
    for cell in questions(nb):
        text = cell.source
        assert "toolkit." not in text, (nbgrader(cell)["grade_id"], text)
        assert not ASCII_CALL.search(text), (
            nbgrader(cell)["grade_id"],
            ASCII_CALL.search(text).group(0),
        )
        named = {name for name in forbidden if re.search(rf"\b{name}\b", text)}
        assert not named, (nbgrader(cell)["grade_id"], named)


@pytest.mark.parametrize("assignment", sorted(NOTES))
def test_the_decision_questions_give_no_autograded_answer_away(assignment):
    """The decision's text is handed back with every notebook: it must not hold an expected answer."""
    nb = notebook(assignment)
    hidden = "\n".join(
        code_between(c.source, "HIDDEN TESTS", "HIDDEN TESTS")
        for c in nb.cells
        if c.cell_type == "code"
    )
    expected = set()
    for node in ast.walk(ast.parse(hidden)):
        if isinstance(node, ast.Call):
            for arg in node.args[1:]:  # check_x("name", expected, …): not the choices offered
                for leaf in ast.walk(arg):
                    if isinstance(leaf, ast.Constant) and isinstance(leaf.value, str):
                        expected.add(leaf.value)
                    elif (
                        isinstance(leaf, ast.Constant)
                        and isinstance(leaf.value, int | float)
                        and not isinstance(leaf.value, bool)
                        and leaf.value >= 100
                    ):
                        expected |= {f"{leaf.value:,.0f}".replace(",", " "), f"{leaf.value:.0f}"}
    assert expected
    for cell in written_answers(nb):
        question = nb.cells[nb.cells.index(cell) - 1].source
        shown = {e for e in expected if e in question}
        assert not shown, shown


def test_the_hint_check_catches_a_named_call():
    """Would the hint test notice a hint that names the answer's function?"""
    nb = notebook("03_priority_voting")
    assert "dot_tally" in answer_functions(nb)
    assert ASCII_CALL.search("Жардам: `voting.dot_tally(chet_nura)`.")
    assert not ASCII_CALL.search("багыт(тар) боюнча (булак: 001)")
