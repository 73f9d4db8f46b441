"""Does anything handed back to a learner give an expected answer away?

Every assignment of the course is graded with the real ``algca grade`` command
(real nbgrader underneath), for two made-up participants:

- ``partly``: every other question right (the instructor's solution), the
  others wrong: a wrong number, list, text or table, some of the wrong kind;
- ``wrong``: every question wrong, and the last answer also overwrites the
  names its hidden test uses (``checks``, the case data): that hidden check
  then raises, and its traceback would print the hidden lines.

The expected answers are read from the hidden test regions of the source
notebooks (numbers, texts, lists, tables of names and values; what is not a
literal is computed from the notebook's own set-up cells).  Each is looked for
in the forms a learner would see (``1320000``, ``1 320 000``, ``1,320,000``,
``76.92``, ``76,92``, ``["a", "b"]``, ``a, b``, ``"k": 3`` …) in the text of
every file handed back (the feedback folder) and in the released notebook.
A form that the learner already had in front of them (the released notebook,
their own answers) is no secret and is not looked for.
"""

from __future__ import annotations

import ast
import builtins
import html.parser
import json
import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tests.nbgrader_course import EXERCISES, ROOT, Course

pytestmark = pytest.mark.slow

ASSIGNMENTS = sorted(
    p.name for p in (EXERCISES / "source").iterdir() if (p / f"{p.name}.ipynb").exists()
)
KINDS = ("partly", "wrong")
BEGIN, END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


# --------------------------------------------------------------------------- reading the notebooks


def _meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def hidden_region(source: str) -> str:
    """The code between the hidden test markers of a cell ("" if none)."""
    if BEGIN not in source:
        return ""
    return source.split(BEGIN, 1)[1].split(END, 1)[0]


def solution_region(source: str) -> str:
    return source.split("### BEGIN SOLUTION", 1)[1].split("### END SOLUTION", 1)[0].strip("\n")


def _calls(code: str, attr: str) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(ast.parse(code))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == attr
    ]


def answered(source: str) -> list[tuple[str, str]]:
    """``[(name, kind)]`` of the visible form checks of a test cell."""
    visible = source.split(BEGIN, 1)[0]
    found = []
    for call in _calls(visible, "check_answered"):
        kind = next((k.value.value for k in call.keywords if k.arg == "kind"), "any")
        found.append((call.args[0].value, kind))
    return found


def questions(nb) -> list[dict]:
    """The autograded questions: the answer cell, the test cell, the names and their kinds."""
    found, answer = [], None
    for cell in nb.cells:
        meta = _meta(cell)
        if meta.get("solution") and cell.cell_type == "code":
            answer = cell
        elif (
            meta.get("grade")
            and not meta.get("solution")
            and BEGIN in cell.source
            and answer is not None
        ):
            found.append(
                {
                    "answer": meta_id(answer),
                    "test": meta_id(cell),
                    "names": answered(cell.source),
                    "solution": solution_region(answer.source),
                }
            )
            answer = None
    return found


def meta_id(cell) -> str:
    return _meta(cell)["grade_id"]


# --------------------------------------------------------------------------- the expected answers


_OPS = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}


def arithmetic(node):
    """The value of an expression of number literals and + - * / (else ValueError)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -arithmetic(node.operand)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](arithmetic(node.left), arithmetic(node.right))
    raise ValueError


def setup_namespace(nb) -> dict:
    """The names the notebook's locked set-up cells define (the case data the checks use)."""
    from toolkit.i18n import get_language, set_language

    before, namespace = get_language(), {}
    try:
        for cell in nb.cells:
            meta = _meta(cell)
            if cell.cell_type == "code" and meta.get("locked") and not meta.get("grade"):
                exec(compile(cell.source, meta.get("grade_id", "setup"), "exec"), namespace)  # noqa: S102
    finally:
        set_language(before)
    return namespace


def _value(node, nb, namespace: dict):
    """The value of an argument of a hidden check: a literal, arithmetic, or computed from the
    notebook's set-up cells (``namespace`` is filled the first time it is needed)."""
    try:
        return ast.literal_eval(node)
    except ValueError:
        pass
    try:
        return arithmetic(node)
    except (ValueError, ZeroDivisionError):
        pass
    if not namespace:
        namespace.update(setup_namespace(nb))
    return eval(compile(ast.Expression(node), "hidden", "eval"), namespace)  # noqa: S307


def _hidden_checks(nb) -> list[ast.Call]:
    calls = []
    for cell in nb.cells:
        code = hidden_region(cell.source)
        if code:
            calls.extend(
                c
                for c in ast.walk(ast.parse(code.strip()))
                if isinstance(c, ast.Call) and getattr(c.func, "attr", "").startswith("check_")
            )
    return calls


def expected_answers(nb) -> list[object]:
    """The expected value of every graded check in the hidden tests of a source notebook."""
    namespace: dict = {}
    return [
        _value(call.args[1], nb, namespace)
        for call in _hidden_checks(nb)
        if call.func.attr not in ("check_answered", "check_rules") and len(call.args) >= 2
    ]


def public_choices(nb) -> list[str]:
    """The choices the hidden checks list in their messages ("one of: a, b, c"): no secret."""
    namespace: dict = {}
    return [
        ", ".join(map(str, _value(k.value, nb, namespace)))
        for call in _hidden_checks(nb)
        for k in call.keywords
        if k.arg == "choices"
    ]


def _grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def number_forms(x: float) -> set[str]:
    """A number as a learner may see it written (a small whole number only as itself).

    >>> {"1320000", "1 320 000", "1,320,000", "1_320_000"} <= number_forms(1_320_000)
    True
    >>> {"76.92", "76,92", "76.9"} <= number_forms(50 / 0.65)
    True
    """
    forms = set()
    if math.isclose(x, round(x), abs_tol=1e-9):
        n = int(round(x))
        forms.add(str(n))
        if abs(n) >= 100:
            forms |= {f"{n}.0", f"{n},0"}
        if abs(n) >= 1000:
            forms |= {_grouped(n, sep) for sep in (" ", ",", "_", "\u00a0", "\u202f", ".")}
        return forms
    if abs(x) >= 1:
        for d in (1, 2, 3):
            text = f"{x:.{d}f}"
            forms |= {text, text.replace(".", ",")}
    else:
        for d in (3, 4):
            text = f"{x:.{d}g}"
            forms |= {text, text.replace(".", ",")}
        for d in (1, 2):
            text = f"{100 * x:.{d}f}"
            forms |= {
                text + "%",
                text.replace(".", ",") + "%",
                text + " %",
                text.replace(".", ",") + " %",
            }
    forms.add(repr(x))
    return forms


def answer_forms(value) -> set[str]:
    """The forms of one expected answer (a number, a text, a list, a table of names and values)."""
    if isinstance(value, bool):
        return set()  # True/False: written everywhere, the choice is guarded by the hidden lines
    if isinstance(value, (int, float)):
        return number_forms(value)
    if isinstance(value, str):
        return {json.dumps(value, ensure_ascii=False), repr(value)}
    if isinstance(value, dict):
        forms = set()
        for k, v in value.items():
            for key in (json.dumps(k, ensure_ascii=False), repr(k), str(k), f"«{k}»"):
                forms |= {f"{key}: {v}", f"{key}={v}", f"{key} = {v}"}
        return forms | {json.dumps(value, ensure_ascii=False), repr(value)}
    if (
        isinstance(value, (list, tuple)) and value
    ):  # the list as a whole (its items are the question's)
        return {
            ", ".join(map(str, value)),
            json.dumps(list(value), ensure_ascii=False),
            repr(list(value)),
        }
    return set()  # a table: the case data the learner has; it is guarded by the hidden lines


# --------------------------------------------------------------------------- what a learner sees


class _Text(html.parser.HTMLParser):
    """The text of an HTML page as a browser shows it (no styles or scripts)."""

    BLOCKS = {
        "div",
        "p",
        "li",
        "br",
        "tr",
        "td",
        "th",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "table",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "script")
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script") and self._skip > 0
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def normalise(text: str) -> str:
    """One space for any run of white space (the no-break spaces of grouped numbers kept)."""
    return re.sub(r"[ \t\r\n]+", " ", text)


def page_text(path: Path) -> str:
    raw = path.read_bytes().decode("utf-8", errors="replace")
    if path.suffix.lower() in (".html", ".htm"):
        parser = _Text()
        parser.feed(raw)
        return normalise("".join(parser.parts))
    if path.suffix == ".ipynb":
        return notebook_text(nbformat.reads(raw, 4))
    return normalise(raw)


def notebook_text(nb) -> str:
    parts = []
    for cell in nb.cells:
        parts.append(cell.source)
        for out in cell.get("outputs", []):
            parts.append(str(out.get("text", "")))
            parts.extend(str(v) for v in out.get("data", {}).values())
            parts.extend(out.get("traceback", []))
    return normalise(re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(parts)))


def found(form: str, text: str) -> bool:
    """Is ``form`` in ``text`` as a whole (``50`` is not found in ``1 500``)?"""
    return (
        re.search(r"(?<![\w.,])" + re.escape(normalise(form)) + r"(?![\w]|[.,]\d)", text)
        is not None
    )


def hidden_lines(nb) -> list[str]:
    """The lines of the hidden tests long enough to be told apart."""
    lines = []
    for cell in nb.cells:
        lines.extend(normalise(line).strip() for line in hidden_region(cell.source).splitlines())
    return [line for line in lines if len(line) >= 8]


# --------------------------------------------------------------------------- the submissions


WRONG = {
    "number": "{name} = 3.3",
    "text": '{name} = "not this one"',
    "list": '{name} = ["not this one"]',
    "table": 'import pandas as pd\n{name} = pd.DataFrame({{"x": ["not this one"]}})',
    "any": '{name} = {{"not this one": 1}}',
}
#: wrong answers of the wrong kind, so that a form check fails too
WRONG_KIND = {
    "number": '{name} = "a lot"',
    "list": '{name} = "a, b"',
    "table": "{name} = [1, 2]",
    "text": "{name} = 7",
    "any": "{name} = None",
}


def hidden_names(nb) -> list[str]:
    """The names the hidden tests use that the notebook itself defines (not the learner's answers)."""
    answers = {name for q in questions(nb) for name, _kind in q["names"]}
    names = set()
    for cell in nb.cells:
        code = hidden_region(cell.source)
        if code:
            tree = ast.parse(code.strip())
            local = {
                n.id
                for c in ast.walk(tree)
                if isinstance(c, ast.comprehension)
                for n in ast.walk(c.target)
                if isinstance(n, ast.Name)
            }
            names |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} - local
    return sorted(names - answers - set(dir(builtins)))


def submission(course: Course, kind: str) -> nbformat.NotebookNode:
    """The hand-in of one made-up participant (``partly`` or ``wrong``)."""
    source = course.source_notebook()
    todo = questions(source)
    answers = {}
    for i, q in enumerate(todo):
        if kind == "partly" and i % 2 == 0:
            answers[q["answer"]] = q["solution"]
            continue
        table = WRONG_KIND if (kind == "partly" and i % 4 == 1) else WRONG
        answers[q["answer"]] = "\n".join(table[k].format(name=n) for n, k in q["names"])
        if kind == "wrong" and i == len(todo) - 1:  # the last hidden check raises
            answers[q["answer"]] += "".join(f"\n{n} = None" for n in hidden_names(source))
    return course.with_answers(course.release_notebook(), answers)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Every assignment graded with ``algca grade`` for both participants, in one run.

    One course holds every assignment (one gradebook, one ``nbgrader
    generate_assignment``); one process runs ``algca grade`` for each
    assignment, its graders forked warm.  The feedback pages are then written
    once more by ``nbgrader generate_feedback`` itself (the course's config), as
    a trainer using nbgrader directly would: both sets are searched.
    """
    tmp = tmp_path_factory.mktemp("feedback")
    courses = {a: Course(tmp, a, shared=True) for a in ASSIGNMENTS}
    first = courses[ASSIGNMENTS[0]]
    first.run("generate_assignment", "*", "--force")
    runs = []
    for assignment, course in courses.items():
        usb = tmp / "usb" / assignment
        for kind in KINDS:
            (usb / kind).mkdir(parents=True)
            nbformat.write(submission(course, kind), usb / kind / course.notebook_names[0])
        runs.append(
            [
                "grade",
                assignment,
                "--from",
                str(usb),
                "--course",
                str(course.root),
                "--jobs",
                "2",
                "--out",
                str(tmp / "out"),
            ]
        )
    driver = "import sys, json\nfrom toolkit.cli import main\nsys.exit(max(main(a) for a in json.loads(sys.argv[1])))"
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "ALGCA_LANG": "ky"}
    proc = subprocess.run(
        [sys.executable, "-c", driver, json.dumps(runs)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    graded_all = f"{len(KINDS)} ишинин {len(KINDS)} иши "
    assert proc.stdout.count(graded_all) == len(ASSIGNMENTS), proc.stdout
    shutil.copytree(first.root / "feedback", tmp / "feedback-algca")
    first.run("generate_feedback", "*", "--force")
    return courses, {"algca grade": tmp / "feedback-algca", "nbgrader": first.root / "feedback"}


def handed_back(folder: Path, course: Course, student: str) -> list[Path]:
    """Every file of a participant's feedback folder."""
    return sorted(p for p in (folder / student / course.assignment).rglob("*") if p.is_file())


def secrets(course: Course, student: str) -> dict[str, set[str]]:
    """``{answer: forms}``: the forms of each expected answer the learner did not already have."""
    source = course.source_notebook()
    graded_nb = nbformat.read(
        course.root / "autograded" / student / course.assignment / course.notebook_names[0], 4
    )
    # what the learner's own run shows: the set-up cells' outputs (the case data) and their answers'
    own_run = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(outputs=c.get("outputs", []))
            for c in graded_nb.cells
            if c.cell_type == "code"
            and not (_meta(c).get("grade") and not _meta(c).get("solution"))
        ]
    )
    given = " ".join(
        [
            notebook_text(course.release_notebook()),
            notebook_text(
                nbformat.read(
                    course.root
                    / "submitted"
                    / student
                    / course.assignment
                    / course.notebook_names[0],
                    4,
                )
            ),
            notebook_text(own_run),
            *public_choices(source),
        ]
    )
    found_secrets = {}
    for value in expected_answers(source):
        forms = {f for f in answer_forms(value) if normalise(f).strip() and not found(f, given)}
        if forms:
            found_secrets[repr(value)[:60]] = forms
    return found_secrets


def leaks(text: str, course: Course, student: str) -> list[str]:
    """What of the hidden tests and the expected answers ``text`` shows."""
    out = [
        f"hidden line: {line}" for line in hidden_lines(course.source_notebook()) if line in text
    ]
    for answer, forms in secrets(course, student).items():
        out.extend(f"answer {answer} as {form!r}" for form in sorted(forms) if found(form, text))
    return out


# --------------------------------------------------------------------------- the tests


def test_every_assignment_has_answers_to_look_for():
    """Are the expected answers read from every assignment (so the search below means something)?"""
    for assignment in ASSIGNMENTS:
        nb = nbformat.read(EXERCISES / "source" / assignment / f"{assignment}.ipynb", 4)
        values = expected_answers(nb)
        assert len(values) >= 3, assignment
        searchable = [
            v for v in values if isinstance(v, (int, float, list, dict)) and not isinstance(v, bool)
        ]
        assert all(answer_forms(v) for v in searchable), assignment
        assert questions(nb) and all(q["names"] for q in questions(nb)), assignment


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_search_finds_the_answers_where_they_are(graded, assignment):
    """Does the search find the hidden lines and the answers in the autograded notebook (the
    trainer's copy, which holds them)?  Else finding nothing below would prove nothing."""
    courses, _feedback = graded
    course = courses[assignment]
    for student in KINDS:
        nb = nbformat.read(
            course.root / "autograded" / student / assignment / course.notebook_names[0], 4
        )
        found_there = leaks(notebook_text(nb), course, student)
        assert any(f.startswith("hidden line") for f in found_there), (assignment, student)
        assert any(f.startswith("answer") for f in found_there), (assignment, student, found_there)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_nothing_handed_back_shows_an_expected_answer(graded, assignment):
    """Do the feedback folders of wrong and partly wrong hand-ins keep every answer hidden,
    whether written by ``algca grade`` or by ``nbgrader generate_feedback``?"""
    courses, feedback = graded
    course = courses[assignment]
    for how, folder in feedback.items():
        for student in KINDS:
            files = handed_back(folder, course, student)
            assert any(p.suffix == ".html" for p in files), (how, assignment, student)
            for path in files:
                text = page_text(path)
                assert "HIDDEN TESTS" not in text, (how, path)
                assert leaks(text, course, student) == [], (how, path)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_feedback_shows_each_checks_messages_and_points(graded, assignment):
    """Does the learner still read what each graded check said and its points, and, where a
    hidden check raised, what went wrong without a traceback?"""
    from toolkit.i18n import catalog

    courses, feedback = graded
    course = courses[assignment]
    note = catalog("grading", "ky")[
        "(the graded check is not shown: its messages and points are below)"
    ]
    tests = questions(course.source_notebook())
    for how, folder in feedback.items():
        for student in KINDS:
            page = page_text(folder / student / assignment / f"{assignment}.html")
            assert page.count(note) == len(tests), (how, student)
            assert "Traceback" not in page and "---->" not in page, (how, student)
            assert "showtraceback was disabled" not in page, (
                how,
                student,
            )  # nbgrader's English placeholder
            said = ("Жооп туура эмес", "Азырынча туура эмес", "Туура:", "болушу керек")
            assert any(words in page for words in said), (how, student)
            if student == "wrong":  # the last hidden check raised
                assert page.count("Баалоочу текшерүү иштебей калды:") == 1, (how, student)
                assert page.count("Упай: ") >= len(tests) - 1, (how, student)
            else:
                assert page.count("Упай: ") >= len(tests), (how, student)


def test_a_wrong_form_is_shown_failed_in_the_feedback(graded):
    """Is a text answer to a number question shown with a red ✘ in the feedback, never a green ✔?"""
    _courses, feedback = graded
    path = feedback["algca grade"] / "partly" / "04_tariff" / "04_tariff.html"
    wrong_form = "Жооп сан болушу керек."
    assert wrong_form in page_text(path)
    block = (
        path.read_text(encoding="utf-8").split(wrong_form)[0].rsplit("algca-check-messages", 1)[1]
    )
    assert "✘" in block and "#d55e00" in block and "✔" not in block


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_released_notebook_keeps_no_hidden_test(graded, assignment):
    courses, _feedback = graded
    course = courses[assignment]
    text = notebook_text(course.release_notebook())
    assert "HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
    assert [line for line in hidden_lines(course.source_notebook()) if line in text] == []
    assert leaks(text, course, "partly") == []
