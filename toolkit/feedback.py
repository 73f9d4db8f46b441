"""Feedback pages that keep the answers: the hidden tests never reach the learner.

To grade, nbgrader puts the hidden tests (``### BEGIN HIDDEN TESTS`` …
``### END HIDDEN TESTS``) back into every test cell, so the autograded
notebook holds the expected answers; nbgrader's ``generate_feedback`` would
render them as they are.  :class:`HideHiddenTests` runs in that step (the
course's ``nbgrader_config.py`` and ``algca grade`` put it there): it takes
the hidden regions out of the test cells, leaving a note in their place, and
takes out of the cells' outputs anything that would show them again (the
lines of a traceback, an echoed line).  What the checks printed, their
messages and points, stays.

>>> from toolkit.i18n import set_language
>>> set_language("en")
>>> cell = {"cell_type": "code", "source": 'checks.check_answered("x")\\n'
...         '### BEGIN HIDDEN TESTS\\nchecks.check_number("x", 1_320_000, points=2)\\n'
...         '### END HIDDEN TESTS', "outputs": []}
>>> hide_hidden_tests(cell)
True
>>> print(cell["source"])
checks.check_answered("x")
# (the graded check is not shown: its messages and points are below)
>>> set_language("ky")
"""

from __future__ import annotations

import re

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor, Preprocessor
from nbgrader.preprocessors import GetGrades
from traitlets import Bool, Unicode

from toolkit.i18n import translator

__all__ = [
    "PREPROCESSORS",
    "HideHiddenTests",
    "drop_placeholder_errors",
    "hidden_lines",
    "hide_hidden_tests",
]

_ = translator("grading")

_BEGIN, _END = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"

# a line of code shorter than this (``)``, ``],``) is too common to be looked for in outputs
_SHORTEST = 8
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# what nbgrader adds to a cell whose error the kernel showed its own way (the toolkit's message box)
_PLACEHOLDER = "ERROR: An error occurred while showtraceback was disabled"


def _text(source) -> str:
    return "".join(source) if isinstance(source, list) else source


def hidden_lines(source: str, begin: str = _BEGIN, end: str = _END) -> tuple[list[str], list[str]]:
    """Split a cell's source into the lines a learner may see and the hidden ones.

    Each hidden region leaves one marker line (``None``) where it was.

    >>> hidden_lines("a = 1\\n### BEGIN HIDDEN TESTS\\nassert a == 1\\n### END HIDDEN TESTS\\nb = 2")
    (['a = 1', None, 'b = 2'], ['assert a == 1'])
    >>> hidden_lines("### BEGIN HIDDEN TESTS\\nassert a == 1")  # an unclosed region hides to the end
    ([None], ['assert a == 1'])
    """
    shown: list[str | None] = []
    hidden: list[str] = []
    inside = False
    for line in source.split("\n"):
        if begin in line:
            if not inside:
                shown.append(None)
            inside = True
        elif end in line and inside:
            inside = False
        elif inside:
            hidden.append(line)
        else:
            shown.append(line)
    return shown, hidden


def _scrub(text: str, secrets: list[str]) -> str:
    """``text`` without its lines that repeat a hidden line."""
    if not any(s in _ANSI.sub("", text) for s in secrets):
        return text
    kept = [line for line in text.split("\n") if not any(s in _ANSI.sub("", line) for s in secrets)]
    return "\n".join(kept)


def _scrub_output(output: dict, secrets: list[str]) -> None:
    """Take the hidden lines out of one output of a cell with hidden tests, in place."""
    if (
        output.get("output_type") == "error"
    ):  # a traceback shows the cell's lines: keep what went wrong
        output["evalue"] = _scrub(str(output.get("evalue", "")), secrets)
        error = f"{output.get('ename', '')}: {output['evalue']}"
        output["traceback"] = [_("The graded check could not run: {error}").format(error=error)]
        return
    if "text" in output:
        output["text"] = _scrub(_text(output["text"]), secrets)
    for mime, value in output.get("data", {}).items():
        if isinstance(value, (str, list)) and (
            mime.startswith("text/") or mime.endswith(("json", "javascript"))
        ):
            output["data"][mime] = _scrub(_text(value), secrets)


def hide_hidden_tests(cell: dict, begin: str = _BEGIN, end: str = _END) -> bool:
    """Take the hidden test regions out of a cell and its outputs, in place.

    The region's place in the source gets a short note (a comment in a code
    cell); an error raised by the hidden code keeps only its type and message
    (its traceback would print the hidden lines); any output line that repeats
    a hidden line is dropped.  Returns whether the cell had hidden tests.

    >>> cell = {"cell_type": "code", "source": "### BEGIN HIDDEN TESTS\\nassert answer == 76.92\\n"
    ...         "### END HIDDEN TESTS", "outputs": [{"output_type": "error", "ename": "NameError",
    ...         "evalue": "name 'answer' is not defined",
    ...         "traceback": ["----> 2 assert answer == 76.92", "NameError: name 'answer' is not defined"]}]}
    >>> hide_hidden_tests(cell)
    True
    >>> "76.92" in str(cell)
    False
    >>> cell["outputs"][0]["traceback"]
    ["Баалоочу текшерүү иштебей калды: NameError: name 'answer' is not defined"]
    """
    shown, hidden = hidden_lines(_text(cell.get("source", "")), begin, end)
    if None not in shown:
        return False
    note = _("(the graded check is not shown: its messages and points are below)")
    marker = "# " + note if cell.get("cell_type") == "code" else note
    lines = [marker if line is None else line for line in shown]
    while lines and not lines[-1].strip():
        lines.pop()
    cell["source"] = "\n".join(lines)
    secrets = [s.strip() for s in hidden if len(s.strip()) >= _SHORTEST]
    for output in cell.get("outputs", []):
        _scrub_output(output, secrets)
    return True


def drop_placeholder_errors(cell: dict) -> None:
    """Drop nbgrader's English placeholder for an error already shown as the toolkit's message box.

    A :class:`~toolkit.errors.ToolkitError` in a learner's cell is shown as a
    calm box in their language and leaves no traceback; nbgrader then adds an
    error output reading only "ERROR: An error occurred while showtraceback
    was disabled", which says nothing more to the learner.

    >>> cell = {"outputs": [{"output_type": "display_data", "data": {"text/html": "⚠ …"}},
    ...                     {"output_type": "error", "ename": "ToolkitError", "evalue": "",
    ...                      "traceback": [_PLACEHOLDER]}]}
    >>> drop_placeholder_errors(cell)
    >>> [o["output_type"] for o in cell["outputs"]]
    ['display_data']
    """
    if "outputs" in cell:
        cell["outputs"] = [
            o
            for o in cell["outputs"]
            if not (
                o.get("output_type") == "error" and list(o.get("traceback", [])) == [_PLACEHOLDER]
            )
        ]


class HideHiddenTests(Preprocessor):
    """nbgrader's feedback step without the hidden tests (see :func:`hide_hidden_tests`).

    Put it between nbgrader's ``GetGrades`` and the HTML header in the course's
    ``nbgrader_config.py``: ``c.GenerateFeedback.preprocessors = PREPROCESSORS``.
    """

    enabled = Bool(True).tag(config=True)
    begin_test_delimeter = Unicode(_BEGIN, help="The line that starts a hidden test region").tag(
        config=True
    )
    end_test_delimeter = Unicode(_END, help="The line that ends a hidden test region").tag(
        config=True
    )

    def preprocess_cell(self, cell, resources, index):
        hide_hidden_tests(cell, self.begin_test_delimeter, self.end_test_delimeter)
        drop_placeholder_errors(cell)
        return cell, resources


#: the preprocessors of nbgrader's feedback step, in order, with the hidden tests taken out
PREPROCESSORS = [GetGrades, HideHiddenTests, CSSHTMLHeaderPreprocessor]
