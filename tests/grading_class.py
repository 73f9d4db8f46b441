"""A made-up class of 30 participants who submitted 00_example, for the grading tests and benchmark.

Most are right, some half right, some blank, and a few did what real
participants do: an endless loop, a deleted test cell, a moved cell, an edited
test, a damaged file.  ``KINDS`` says what each kind should get.

``add_odd_hand_ins`` adds the hand-ins that are not the notebook under its own
name (a renamed notebook, a zip without a notebook, an empty or broken zip, a
folder of two notebooks); ``ODD_HAND_INS`` says what each should get.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import nbformat

from tests.nbgrader_course import Course

RIGHT = {
    "q1_answer": 'villages_without_water = ["Ак-Кыя", "Тош-Булак", "Кара-Саз"]',
    "q2_answer": "bath_revenue = 13 * 18_000",
    "q3_answer": 'first_priority = "таза суу"',
}
HALF = {
    "q1_answer": 'villages_without_water = ["Ак-Кыя", "Кара-Саз"]',  # 2 of 3
    "q2_answer": "bath_revenue = 18_000",  # 0 of 2
    "q3_answer": 'first_priority = "таза суу"',  # 1 of 1
}
LOOP = {**RIGHT, "q2_answer": "bath_revenue = 0\nwhile True:\n    bath_revenue += 1"}

#: kind -> (how many, expected score of 6, expected flag codes)
KINDS = {
    "right": (18, 6.0, set()),
    "half": (4, 3.0, set()),
    "blank": (3, 0.0, set()),
    "loop": (1, 4.0, {"timeout"}),
    "deleted": (1, 6.0, {"missing_cells"}),  # the test is put back and run
    "moved": (1, 6.0, {"moved_cells"}),
    "edited": (1, 6.0, {"edited_tests"}),
    "damaged": (1, None, {"unreadable", "not_graded"}),
}


def _edit(nb, kind: str):
    nb = nbformat.from_dict(nb)
    if kind == "deleted":
        nb.cells = [
            c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "q2_check"
        ]
    elif kind == "moved":
        i = next(
            i
            for i, c in enumerate(nb.cells)
            if c.metadata.get("nbgrader", {}).get("grade_id") == "q3_answer"
        )
        cell = nb.cells.pop(i)
        nb.cells.insert(2, cell)  # right after the setup cell
    elif kind == "edited":
        for c in nb.cells:
            if c.metadata.get("nbgrader", {}).get("grade_id") == "q1_check":
                c.source = "print('Туура!')  # the test was replaced"
    return nb


def notebook_for(course: Course, kind: str) -> str:
    """The submitted notebook of one kind of participant, as text."""
    release = course.release_notebook()
    if kind == "blank":
        nb = release
    elif kind == "half":
        nb = course.with_answers(release, HALF)
    elif kind == "loop":
        nb = course.with_answers(release, LOOP)
    else:
        nb = _edit(course.with_answers(release, RIGHT), kind)
    text = nbformat.writes(nb)
    if kind == "damaged":
        text = text[: len(text) // 2]  # the USB stick was pulled out while copying
    return text


def make_class(course: Course, folder: Path, as_zips: bool = False) -> dict[str, str]:
    """Write 30 submissions into ``folder`` (folders, or zip files); returns {student: kind}."""
    folder.mkdir(parents=True, exist_ok=True)
    students = {}
    n = 0
    for kind, (count, _score, _flags) in KINDS.items():
        for _ in range(count):
            n += 1
            student = f"s{n:02d}_{kind}"
            students[student] = kind
            text = notebook_for(course, kind)
            if as_zips:
                buf = io.BytesIO()
                with zipfile.ZipFile(buf, "w") as z:
                    z.writestr(f"{student}/00_example/00_example.ipynb", text)
                (folder / f"{student}.zip").write_bytes(buf.getvalue())
            else:
                (folder / student).mkdir()
                (folder / student / "00_example.ipynb").write_text(text, encoding="utf-8")
    return students


#: kind -> (expected score of 6, expected flag codes); a score of None: not graded
ODD_HAND_INS = {
    "renamed": (3.0, {"renamed"}),  # zip: Downloads/00_example (1).ipynb, half right
    "html_only": (None, {"no_notebook"}),  # zip: the notebook saved as a web page
    "empty": (None, {"empty"}),  # an empty zip
    "broken_zip": (None, {"unreadable", "not_graded"}),  # a half-copied zip
    "two_notebooks": (None, {"other_notebooks"}),  # folder: homework.ipynb and Untitled.ipynb
}


def add_odd_hand_ins(course: Course, folder: Path, first: int = 31) -> dict[str, str]:
    """Write the ``ODD_HAND_INS`` into ``folder`` (beside ``make_class``'s); returns {student: kind}.

    Also writes what a Mac leaves on a USB stick (``._<name>.zip``, ``.Trashes``):
    no participant's.
    """

    def zipped(files: dict[str, str | bytes]) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for name, data in files.items():
                z.writestr(name, data)
        return buf.getvalue()

    half = nbformat.writes(course.with_answers(course.release_notebook(), HALF))
    students = {}
    for n, kind in enumerate(ODD_HAND_INS, start=first):
        student = f"s{n:02d}_{kind}"
        students[student] = kind
        if kind == "renamed":
            data = zipped(
                {
                    "Downloads/00_example (1).ipynb": half,
                    "__MACOSX/Downloads/._00_example (1).ipynb": b"\0",
                }
            )
        elif kind == "html_only":
            data = zipped({"00_example.html": "<html></html>"})
        elif kind == "empty":
            data = zipped({})
        elif kind == "broken_zip":
            data = zipped({"00_example.ipynb": half})[:100]
        else:
            (folder / student).mkdir()
            (folder / student / "homework.ipynb").write_text(half, encoding="utf-8")
            (folder / student / "Untitled.ipynb").write_text(
                nbformat.writes(nbformat.v4.new_notebook()), encoding="utf-8"
            )
            continue
        (folder / f"{student}.zip").write_bytes(data)
        (folder / f"._{student}.zip").write_bytes(b"\0\5\26\7")  # macOS's AppleDouble file
    (folder / ".Trashes").mkdir()
    return students
