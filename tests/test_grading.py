"""Can the trainer grade a whole class in one command, whatever the participants did?

The class is made up (tests/grading_class.py): 30 zip files as they come from a
USB stick — mostly right, some half right, some blank, one endless loop, one
deleted test cell, one moved cell, one edited test, one damaged file — and the
odd hand-ins: a renamed notebook, a zip with no notebook, an empty and a broken
zip, a folder of two notebooks.  The slow test runs the real ``algca grade``
command (real nbgrader underneath).
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import zipfile

import nbformat
import pytest

from tests.grading_class import KINDS, ODD_HAND_INS, add_odd_hand_ins, make_class, notebook_for
from tests.nbgrader_course import ROOT, Course
from toolkit import grading
from toolkit.i18n import get_language, set_language

#: kind -> (expected score, expected flag codes), for the whole made-up class
EXPECTED = {**{kind: (score, flags) for kind, (_n, score, flags) in KINDS.items()}, **ODD_HAND_INS}


def _codes(flags: str) -> set[str]:
    """The flag codes in a ``flags`` cell: flags are separated by "; ", a code ends at ":"."""
    return {flag.split(":")[0] for flag in flags.split("; ")} if flags else set()


def _cell(gid, src, locked=False, kind="code"):
    return {
        "cell_type": kind,
        "source": src,
        "metadata": {"nbgrader": {"grade_id": gid, "locked": locked}},
    }


GIVEN = {
    "cells": [
        _cell("a", "x = 1"),
        _cell("ta", "check(x)", True),
        _cell("b", "y = 2"),
        _cell("tb", "check(y)", True),
    ]
}


def test_untouched_submission_has_no_flags():
    """Is a submission that only changed its answers left unflagged?"""
    got = {
        "cells": [
            _cell("a", "x = 5"),
            _cell("ta", "check(x)\n", True),
            _cell("b", "y = 7"),
            _cell("tb", "check(y)", True),
        ]
    }
    assert grading.submission_flags(GIVEN, got) == []


def test_moved_cell_is_named_alone():
    """When one cell is moved, is only that cell named (not every cell after it)?"""
    got = {
        "cells": [
            _cell("b", "y = 2"),
            _cell("a", "x = 1"),
            _cell("ta", "check(x)", True),
            _cell("tb", "check(y)", True),
        ]
    }
    assert grading.submission_flags(GIVEN, got) == ["moved_cells:b"]


def test_deleted_edited_and_retyped_cells_are_flagged():
    got = {
        "cells": [
            _cell("a", "x = 1", kind="markdown"),
            _cell("b", "y = 2"),
            _cell("tb", "print('ok')", True),
        ]
    }
    assert grading.submission_flags(GIVEN, got) == [
        "missing_cells:ta",
        "edited_tests:tb",
        "changed_type:a",
    ]


def test_collect_reads_names_zipped_by_windows_in_cp866(tmp_path):
    """Windows' own "Compressed folder" on a Russian or Kyrgyz system writes names in cp866
    without the UTF-8 flag: is the notebook's name read as the participant wrote it?"""
    course = tmp_path / "course"
    (course / "source" / "04_tariff").mkdir(parents=True)
    (course / "source" / "04_tariff" / "04_tariff.ipynb").write_text("{}")
    usb = tmp_path / "usb"
    usb.mkdir()
    real = "Айгүл/тариф көчүрмө.ipynb"
    wanted = real.encode("cp866", errors="replace")  # ү ө are not in cp866: Windows writes "?"
    stand_in = "x" * (len(wanted) - len(".ipynb")) + ".ipynb"  # same length, ASCII (no flag)
    with zipfile.ZipFile(usb / "Айгүл.zip", "w") as z:
        z.writestr(stand_in, "aigul")
    data = (usb / "Айгүл.zip").read_bytes()
    assert data.count(stand_in.encode()) == 2  # the local header and the central directory
    (usb / "Айгүл.zip").write_bytes(data.replace(stand_in.encode(), wanted))

    got = grading.collect(course, "04_tariff", usb)
    assert got.students == ["Айгүл"]
    assert got.renamed == {"Айгүл": wanted.decode("cp866").split("/")[-1]}
    assert got.renamed["Айгүл"].startswith("тариф к")
    assert (course / "submitted" / "Айгүл" / "04_tariff" / "04_tariff.ipynb").read_text() == "aigul"


def test_flags_are_described_in_the_trainers_language():
    assert (
        grading.describe_flags(["timeout"], lang="ru")
        == "выполнялся слишком долго и был остановлен"
    )
    text = grading.describe_flags(["missing_cells:q2_check"], lang="ky")
    assert "q2_check" in text and text.isascii() is False


def test_collect_takes_a_lone_renamed_notebook_and_names_the_hand_ins_without_one(tmp_path):
    """Is a notebook under another name taken when it is the only one, and is nobody dropped unseen?"""
    course = tmp_path / "course"
    (course / "source" / "04_tariff").mkdir(parents=True)
    (course / "source" / "04_tariff" / "04_tariff.ipynb").write_text("{}")
    usb = tmp_path / "usb"
    usb.mkdir()

    def zipped(name, files):
        with zipfile.ZipFile(usb / f"{name}.zip", "w") as z:
            for member, data in files.items():
                z.writestr(member, data)

    zipped(
        "Aibek",
        {"Aibek/Downloads/04_tariff (1).ipynb": "aibek", "__MACOSX/Aibek/._x.ipynb": "junk"},
    )
    zipped("Bakyt", {"04_tariff.ipynb": "bakyt", "old.ipynb": "-"})  # its own name wins
    zipped("Cholpon", {"04_tariff.pdf": "-"})
    zipped("Dinara", {})
    (usb / "Elmira" / "Desktop").mkdir(parents=True)  # under its name, but deep inside
    (usb / "Elmira" / "Desktop" / "04_tariff.ipynb").write_text("elmira")
    (usb / "Farida" / ".ipynb_checkpoints").mkdir(parents=True)
    (usb / "Farida" / "Aibek_04_tariff.ipynb").write_text("farida")
    (usb / "Farida" / ".ipynb_checkpoints" / "Aibek_04_tariff-checkpoint.ipynb").write_text("-")
    (usb / "Gulnara").mkdir()
    (usb / "Gulnara" / "a.ipynb").write_text("-")
    (usb / "Gulnara" / "b.ipynb").write_text("-")
    (usb / "Gulnara.zip").write_bytes(b"PK\x03\x04 cut")  # broken: graded as damaged
    (usb / "._Aibek.zip").write_bytes(b"\0")
    (usb / "__MACOSX").mkdir()

    got = grading.collect(course, "04_tariff", usb)
    assert got.students == [
        "Aibek",
        "Bakyt",
        "Elmira",
        "Farida",
        "Gulnara",
    ]  # Gulnara: the broken zip
    assert got.renamed == {"Aibek": "04_tariff (1).ipynb", "Farida": "Aibek_04_tariff.ipynb"}
    assert got.skipped == {"Cholpon": "no_notebook:04_tariff.pdf", "Dinara": "empty"}
    submitted = course / "submitted"
    for student, text in {
        "Aibek": "aibek",
        "Bakyt": "bakyt",
        "Elmira": "elmira",
        "Farida": "farida",
    }.items():
        assert sorted(p.name for p in (submitted / student / "04_tariff").iterdir()) == [
            "04_tariff.ipynb"
        ]
        assert (submitted / student / "04_tariff" / "04_tariff.ipynb").read_text() == text

    (usb / "Gulnara.zip").unlink()
    assert (
        grading.collect(course, "04_tariff", usb).skipped["Gulnara"]
        == "other_notebooks:a.ipynb, b.ipynb"
    )


def test_summary_and_tables_list_who_was_not_graded():
    """Does the trainer see, in Kyrgyz and English and in the tables, who has no grade and why?"""
    report = grading.ClassReport(
        "04_tariff",
        [grading.StudentResult("Aibek", 5.0, 6.0, flags=["renamed:04_tariff (1).ipynb"])],
        12.0,
        skipped={
            "Cholpon": "no_notebook:04_tariff.pdf",
            "Bakyt": "other_notebooks:a.ipynb, b.ipynb",
        },
    )
    before = get_language()
    try:
        set_language("ky")
        ky = grading.summary(report)
        set_language("en")
        en = grading.summary(report)
    finally:
        set_language(before)
    assert en.splitlines() == [
        "Graded 1 of 3 submissions of «04_tariff» in 12 s.",
        "Not graded, no notebook of this assignment was found:",
        "  - Bakyt: only notebooks with other names (a.ipynb, b.ipynb): it is not clear which one to grade",
        "  - Cholpon: no notebook in it, only other files (04_tariff.pdf)",
        "Look at these submissions:",
        "  - Aibek: the notebook had another name (04_tariff (1).ipynb) and was graded as this "
        "assignment's notebook",
    ]
    assert "Бааланбады, бул тапшырманын дептери табылган жок:" in ky
    assert "  - Cholpon: ичинде дептер жок, башка файлдар гана бар (04_tariff.pdf)" in ky
    assert "(a.ipynb, b.ipynb)" in ky and "04_tariff (1).ipynb" in ky
    table = grading._table(report)
    assert list(table["student"]) == ["Aibek", "Bakyt", "Cholpon"]
    cholpon = table.set_index("student").loc["Cholpon"]
    assert cholpon["flags"] == "no_notebook:04_tariff.pdf" and cholpon.isna()["score"]


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("class")
    course = Course(tmp, "00_example")
    course.generate()
    kinds = make_class(course, tmp / "usb", as_zips=True)
    kinds.update(add_odd_hand_ins(course, tmp / "usb", first=len(kinds) + 1))
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "ALGCA_LANG": "en"}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "toolkit.cli",
            "grade",
            "00_example",
            "--from",
            str(tmp / "usb"),
            "--course",
            str(course.root),
            "--jobs",
            "2",
            "--timeout",
            "10",
            "--out",
            str(tmp / "out"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=400,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return course, kinds, tmp / "out", proc


@pytest.mark.slow
def test_each_kind_of_submission_gets_its_score_and_flags(graded_class):
    """Do 35 hand-ins come out with the right scores, is each odd one flagged, and nobody lost?"""
    _course, kinds, out, _proc = graded_class
    with open(out / "grades-00_example.csv", encoding="utf-8") as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    assert set(rows) == set(kinds)  # and not the ._<name>.zip a Mac leaves
    for student, kind in kinds.items():
        score, flags = EXPECTED[kind]
        row = rows[student]
        assert _codes(row["flags"]) == flags, (student, row["flags"])
        if score is None:
            assert row["score"] == ""
        else:
            assert float(row["score"]) == score, (student, row)
            assert float(row["max_score"]) == 8.0  # 6 autograded + 2 for the written decision
    by_kind = {kind: rows[student] for student, kind in kinds.items()}
    assert by_kind["renamed"]["flags"] == "renamed:00_example (1).ipynb"
    assert by_kind["two_notebooks"]["flags"] == "other_notebooks:Untitled.ipynb, homework.ipynb"
    assert by_kind["html_only"]["note"] == "no notebook in it, only other files (00_example.html)"


@pytest.mark.slow
def test_gradebook_feedback_and_excel_agree(graded_class):
    """Are the grades in nbgrader's gradebook, in the feedback pages and in the XLSX the same?"""
    import openpyxl

    course, kinds, out, _proc = graded_class
    graded = [s for s, k in kinds.items() if EXPECTED[k][0] is not None]
    course.students = graded
    scores = course.scores()
    book = openpyxl.load_workbook(out / "grades-00_example.xlsx", read_only=True)
    sheet = book.active
    header, *rows = list(sheet.iter_rows(values_only=True))
    excel = {r[header.index("student")]: r[header.index("score")] for r in rows}
    assert len(rows) == len(kinds)
    for student in graded:
        assert scores[student] == (EXPECTED[kinds[student]][0], 8.0)
        assert excel[student] == scores[student][0]
        page = course.root / "feedback" / student / "00_example" / "00_example.html"
        assert page.exists(), student
        assert f"{scores[student][0]:g}" in page.read_text(encoding="utf-8")


@pytest.mark.slow
def test_summary_points_the_trainer_at_the_odd_ones(graded_class):
    _course, kinds, out, proc = graded_class
    graded = sum(1 for k in kinds.values() if EXPECTED[k][0] is not None)
    assert f"Graded {graded} of {len(kinds)} submissions" in proc.stdout
    for student, kind in kinds.items():
        assert (student in proc.stdout) == bool(EXPECTED[kind][1]), student
    not_graded = proc.stdout.split("Not graded, no notebook of this assignment was found:\n")[1]
    listed = [
        line.split(":")[0].strip(" -")
        for line in not_graded.splitlines()
        if line.startswith("  - ")
    ]
    assert listed[:3] == [
        s for s, k in sorted(kinds.items()) if k in ("html_only", "empty", "two_notebooks")
    ]
    damaged = next(s for s, k in kinds.items() if k == "damaged")
    assert (out / "grading-log-00_example" / f"{damaged}.txt").exists()


#: run ``algca`` as on Windows: no ``fork`` start method (asking for it raises), no os.fork
_NO_FORK = """
import json, multiprocessing, os, sys
real, asked = multiprocessing.get_context, []
def get_context(method=None):
    asked.append(method)
    if method in ("fork", "forkserver"):
        raise ValueError(f"cannot find context for {method!r}")
    return real(method)
multiprocessing.get_context = get_context
multiprocessing.get_all_start_methods = lambda: ["spawn"]
del os.fork
from toolkit.cli import main
code = main(sys.argv[1:])
print("asked:", json.dumps(asked))
sys.exit(code)
"""


@pytest.mark.slow
def test_grading_works_where_processes_cannot_be_forked(tmp_path):
    """Where the ``fork`` start method is missing (Windows), are the graders spawned and the
    class graded all the same?"""
    course = Course(tmp_path, "00_example")
    course.generate()
    usb = tmp_path / "usb"
    for kind in ("right", "half"):
        (usb / kind).mkdir(parents=True)
        (usb / kind / "00_example.ipynb").write_text(notebook_for(course, kind), encoding="utf-8")
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "ALGCA_LANG": "en"}
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            _NO_FORK,
            "grade",
            "00_example",
            "--from",
            str(usb),
            "--course",
            str(course.root),
            "--jobs",
            "2",
            "--out",
            str(tmp_path / "out"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=400,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    asked = json.loads(proc.stdout.rsplit("asked:", 1)[1])
    assert "spawn" in asked and "fork" not in asked
    with open(tmp_path / "out" / "grades-00_example.csv", encoding="utf-8") as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    assert {s: float(r["score"]) for s, r in rows.items()} == {"right": 6.0, "half": 3.0}
    assert all(r["flags"] == "" for r in rows.values())
    for student in rows:
        assert (course.root / "feedback" / student / "00_example" / "00_example.html").exists()


@pytest.mark.slow
def test_summary_counts_the_written_answers_waiting_for_the_trainer(tmp_path):
    """A written decision (graded by hand) left for the trainer is counted in the summary, per
    question; a participant who left it blank gets 0 for it by nbgrader and is not counted."""
    course = Course(tmp_path, "00_example")
    course.generate()
    usb = tmp_path / "usb"
    written = Course.with_answers(
        nbformat.reads(notebook_for(course, "right"), 4),
        {"q4_decision": "Биринчи ичүүчү суу: анын маселеси эң көп айылга тиет."},
    )
    for student, text in (
        ("Aibek", nbformat.writes(written)),
        ("Bakyt", notebook_for(course, "right")),
    ):
        (usb / student).mkdir(parents=True)
        (usb / student / "00_example.ipynb").write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "ALGCA_LANG": "en"}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "toolkit.cli",
            "grade",
            "00_example",
            "--from",
            str(usb),
            "--course",
            str(course.root),
            "--jobs",
            "2",
            "--out",
            str(tmp_path / "out"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=400,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    waiting = proc.stdout.split("Written answers wait for you to grade them by hand")[
        1
    ].splitlines()
    assert waiting[1] == "  - q4_decision: 1", proc.stdout
