"""Can the trainer grade a whole class in one command, whatever the participants did?

The class is made up (tests/grading_class.py): 30 zip files as they come from a
USB stick — mostly right, some half right, some blank, one endless loop, one
deleted test cell, one moved cell, one edited test, one damaged file.  The
slow test runs the real ``algca grade`` command (real nbgrader underneath).
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys

import pytest

from tests.grading_class import KINDS, make_class
from tests.nbgrader_course import ROOT, Course
from toolkit import grading


def _cell(gid, src, locked=False, kind="code"):
    return {"cell_type": kind, "source": src, "metadata": {"nbgrader": {"grade_id": gid, "locked": locked}}}


GIVEN = {"cells": [_cell("a", "x = 1"), _cell("ta", "check(x)", True), _cell("b", "y = 2"), _cell("tb", "check(y)", True)]}


def test_untouched_submission_has_no_flags():
    """Is a submission that only changed its answers left unflagged?"""
    got = {"cells": [_cell("a", "x = 5"), _cell("ta", "check(x)\n", True), _cell("b", "y = 7"), _cell("tb", "check(y)", True)]}
    assert grading.submission_flags(GIVEN, got) == []


def test_moved_cell_is_named_alone():
    """When one cell is moved, is only that cell named (not every cell after it)?"""
    got = {"cells": [_cell("b", "y = 2"), _cell("a", "x = 1"), _cell("ta", "check(x)", True), _cell("tb", "check(y)", True)]}
    assert grading.submission_flags(GIVEN, got) == ["moved_cells:b"]


def test_deleted_edited_and_retyped_cells_are_flagged():
    got = {"cells": [_cell("a", "x = 1", kind="markdown"), _cell("b", "y = 2"), _cell("tb", "print('ok')", True)]}
    assert grading.submission_flags(GIVEN, got) == ["missing_cells:ta", "edited_tests:tb", "changed_type:a"]


def test_flags_are_described_in_the_trainers_language():
    assert grading.describe_flags(["timeout"], lang="ru") == "выполнялся слишком долго и был остановлен"
    text = grading.describe_flags(["missing_cells:q2_check"], lang="ky")
    assert "q2_check" in text and text.isascii() is False


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("class")
    course = Course(tmp, "00_example")
    course.generate()
    kinds = make_class(course, tmp / "usb", as_zips=True)
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "ALGCA_LANG": "en"}
    proc = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", "grade", "00_example", "--from", str(tmp / "usb"),
         "--course", str(course.root), "--jobs", "2", "--timeout", "3", "--out", str(tmp / "out")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=400,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return course, kinds, tmp / "out", proc


@pytest.mark.slow
def test_each_kind_of_submission_gets_its_score_and_flags(graded_class):
    """Do 30 zipped submissions come out with the right scores, and is each odd one flagged?"""
    _course, kinds, out, _proc = graded_class
    with open(out / "grades-00_example.csv", encoding="utf-8") as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    assert set(rows) == set(kinds)
    for student, kind in kinds.items():
        _count, score, flags = KINDS[kind]
        row = rows[student]
        got_flags = {f.split(":")[0] for f in row["flags"].split()}
        assert got_flags == flags, (student, row["flags"])
        if score is None:
            assert row["score"] == ""
        else:
            assert float(row["score"]) == score, (student, row)
            assert float(row["max_score"]) == 6.0


@pytest.mark.slow
def test_gradebook_feedback_and_excel_agree(graded_class):
    """Are the grades in nbgrader's gradebook, in the feedback pages and in the XLSX the same?"""
    import openpyxl

    course, kinds, out, _proc = graded_class
    graded = [s for s, k in kinds.items() if KINDS[k][1] is not None]
    course.students = graded
    scores = course.scores()
    book = openpyxl.load_workbook(out / "grades-00_example.xlsx", read_only=True)
    sheet = book.active
    header, *rows = list(sheet.iter_rows(values_only=True))
    excel = {r[header.index("student")]: r[header.index("score")] for r in rows}
    assert len(rows) == 30
    for student in graded:
        assert scores[student] == (KINDS[kinds[student]][1], 6.0)
        assert excel[student] == scores[student][0]
        page = course.root / "feedback" / student / "00_example" / "00_example.html"
        assert page.exists(), student
        assert f"{scores[student][0]:g}" in page.read_text(encoding="utf-8")


@pytest.mark.slow
def test_summary_points_the_trainer_at_the_odd_ones(graded_class):
    _course, kinds, out, proc = graded_class
    assert "Graded 29 of 30 submissions" in proc.stdout
    for student, kind in kinds.items():
        assert (student in proc.stdout) == bool(KINDS[kind][2]), student
    damaged = next(s for s, k in kinds.items() if k == "damaged")
    assert (out / "grading-log-00_example" / f"{damaged}.txt").exists()
