"""Is a check shown as it came out: a failed check never as a success?

The form check (``check_answered``) is worth no points; when the answer has
the wrong form it must still be shown as failed (red ✘), in the notebook the
learner runs and in the feedback page.
"""

from __future__ import annotations

import asyncio

import nbformat
import pytest
from nbclient import NotebookClient

from tests.nbgrader_course import ROOT
from toolkit import checks

GREEN, ORANGE, RED = "#009e73", "#e69f00", "#d55e00"


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("number", "сто"),
        ("text", 5),
        ("text", "  "),
        ("list", "a, b"),
        ("table", [1, 2]),
    ],
)
def test_a_wrong_form_is_a_failure(kind, value):
    """Does a form check on an answer of the wrong kind fail, shown red with ✘?"""
    result = checks.check_answered("x", kind=kind, namespace={"x": value})
    assert result is not None and result.passed is False
    assert result.points == 0 and result.max_points == 0
    page = result._repr_html_()
    assert RED in page and "✘" in page
    assert GREEN not in page and "✔" not in page
    assert "0 / 0" not in page and "0 of 0" not in page


def test_a_missing_answer_is_a_failure():
    result = checks.check_answered("x", kind="number", namespace={})
    assert result.passed is False and "✘" in result._repr_html_()
    assert checks.check_number("x", 5, namespace={}).passed is False


def test_the_right_form_passes_silently():
    assert checks.check_answered("x", kind="number", namespace={"x": 5}) is None
    assert checks.check_answered("x", namespace={"x": "anything"}) is None


@pytest.mark.parametrize(
    ("result", "colour", "icon", "passed"),
    [
        (checks.check_number("x", 5, points=2, namespace={"x": 5}), GREEN, "✔", True),
        (
            checks.check_number("x", 5, points=2, close=(0.1, 0.5), namespace={"x": 5.2}),
            ORANGE,
            "◐",
            False,
        ),
        (checks.check_number("x", 5, points=2, namespace={"x": 50}), RED, "✘", False),
    ],
)
def test_graded_checks_look_as_they_came_out(result, colour, icon, passed):
    page = result._repr_html_()
    assert result.passed is passed and colour in page and icon in page


def test_combined_checks_pass_only_when_every_check_passed():
    right = checks.check_number("x", 5, namespace={"x": 5})
    form = checks.check_answered("y", kind="number", namespace={"y": "five"})
    assert checks.combine(right, right).passed is True
    assert checks.combine(right, form).passed is False
    assert checks.Result(0, 0).passed is False  # nothing was earned: not a success


@pytest.mark.slow
def test_the_notebook_shows_a_wrong_form_in_red(tmp_path):
    """In a real kernel: does a text answer to a number question show ✘ in red, and no ✔?"""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell('import toolkit\ntoolkit.set_language("en")\nrevenue = "a lot"'),
        nbformat.v4.new_code_cell(
            'from toolkit import checks\nchecks.check_answered("revenue", kind="number")'
        ),
        nbformat.v4.new_code_cell(
            'revenue = 1000\nchecks.check_answered("revenue", kind="number")'
        ),
    ]
    client = NotebookClient(
        nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    )
    asyncio.run(client.async_execute())
    wrong = "".join(str(o.get("data", {}).get("text/html", "")) for o in nb.cells[1].outputs)
    assert "The answer should be a number." in wrong
    assert "✘" in wrong and RED in wrong
    assert "✔" not in wrong and GREEN not in wrong and "0 of 0" not in wrong
    right = "".join(str(o.get("data", {}).get("text/html", "")) for o in nb.cells[2].outputs)
    assert "✔" in right and GREEN in right and "✘" not in right
