"""Grade a whole class in one command: ``algca grade ASSIGNMENT``.

After the workshop the trainer has the participants' notebooks on a USB stick
or a shared folder: one folder per participant, or one zip file per
participant.  :func:`grade_class`

1. collects them into the nbgrader course (``submitted/<participant>/``): a
   folder per participant, or a zip named after the participant (``Aibek.zip``)
   holding the notebook anywhere inside (a damaged zip is graded as damaged).
   A notebook saved under another name (``04_tariff (1).ipynb``,
   ``homework.ipynb``) is graded when it is the only notebook there, and
   flagged; a participant whose folder or zip holds no notebook that can be
   told to be the assignment is not graded but listed, with what was found;
2. autogrades them **in parallel** (one grader per core; every submission is
   graded in a private copy of the course, so nbgrader's gradebook never sees two
   writers; the grades are then saved into the course's gradebook one after
   another), with a progress bar;
3. writes each participant's feedback page (nbgrader's ``generate_feedback``),
   with each check's messages and points but never the hidden tests, which
   hold the expected answers (:mod:`toolkit.feedback`);
4. exports the grades to ``grades.csv`` and ``grades.xlsx``, with a ``flags``
   column for the trainer.

One bad submission never stops or spoils the class: a notebook that runs too
long (an endless loop) is interrupted and graded as far as it got; a deleted
test cell is put back from the original and run (its points count as usual);
an edited test is replaced by the original; a notebook that cannot be graded at
all gets no score and a flag.  Each of these is named in ``flags``:

>>> describe_flags(["timeout", "edited_tests:q1_check"], lang="en")
'ran too long and was stopped; a test cell was changed (q1_check): the original was used'
>>> describe_flags(["renamed:04_tariff (1).ipynb"], lang="en")
"the notebook had another name (04_tariff (1).ipynb) and was graded as this assignment's notebook"
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from toolkit.errors import ToolkitError
from toolkit.files import atomic_path
from toolkit.i18n import N_, get_language, translate, translator
from toolkit.tables import inert

__all__ = [
    "COURSE",
    "FLAG_TEXTS",
    "ClassReport",
    "Collected",
    "StudentResult",
    "collect",
    "describe_flags",
    "export",
    "grade_class",
    "submission_flags",
    "summary",
]

_ = translator("grading")

COURSE = Path(__file__).resolve().parent.parent / "exercises"

FLAG_TEXTS = {
    "timeout": N_("ran too long and was stopped"),
    "missing_cells": N_("a cell was deleted ({cells}): the original was put back and run"),
    "moved_cells": N_("cells were moved ({cells})"),
    "edited_tests": N_("a test cell was changed ({cells}): the original was used"),
    "changed_type": N_("a cell changed its type ({cells})"),
    "not_graded": N_("could not be graded (details in {reason})"),
    "unreadable": N_("the notebook file is damaged"),
    "renamed": N_(
        "the notebook had another name ({file}) and was graded as this assignment's notebook"
    ),
    # why a participant was not graded at all (ClassReport.skipped)
    "empty": N_("the zip file or folder is empty"),
    "no_notebook": N_("no notebook in it, only other files ({files})"),
    "other_notebooks": N_(
        "only notebooks with other names ({files}): it is not clear which one to grade"
    ),
}


def describe_flags(flags: list[str], lang: str | None = None) -> str:
    """The flags of a submission in words, in ``lang`` (default: the current language)."""
    lang = lang or get_language()
    words = []
    for flag in flags:
        code, _sep, detail = flag.partition(":")
        text = translate(FLAG_TEXTS.get(code, code), "grading", lang)
        words.append(text.format(cells=detail, reason=detail, file=detail, files=detail))
    return "; ".join(words)


@dataclass
class StudentResult:
    """How one participant's submission was graded."""

    student: str
    score: float | None = None
    max_score: float | None = None
    grades: dict[str, float | None] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    seconds: float = 0.0
    feedback: list[str] = field(default_factory=list)
    #: the answers the trainer still grades by hand (nbgrader's manual grading), by grade id
    by_hand: list[str] = field(default_factory=list)


@dataclass
class ClassReport:
    """The grades of a class and where they were written.

    ``skipped`` names the participants who handed something in that holds no
    notebook of the assignment (``{participant: reason}``, the reason a flag
    such as ``"empty"`` or ``"other_notebooks:a.ipynb, b.ipynb"``): they have no
    grade, but the summary and the tables list them.
    """

    assignment: str
    results: list[StudentResult]
    seconds: float
    csv: Path | None = None
    xlsx: Path | None = None
    skipped: dict[str, str] = field(default_factory=dict)

    @property
    def flagged(self) -> list[StudentResult]:
        return [r for r in self.results if r.flags]


# --------------------------------------------------------------------------- helpers


def _env(lang: str | None = None) -> dict[str, str]:
    return {
        **os.environ,
        "ALGCA_LANG": lang or get_language(),
        "PYTHONWARNINGS": "ignore",
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    }


def _nbgrader(course: Path, *args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise ToolkitError(
            _("nbgrader could not do «{step}». Its messages:\n{log}").format(
                step=" ".join(args[:2]), log=(proc.stdout + proc.stderr)[-2000:]
            )
        )
    return proc


def _notebooks(course: Path, assignment: str) -> list[str]:
    return sorted(p.name for p in (course / "source" / assignment).glob("*.ipynb"))


def _has_assignment(course: Path, assignment: str) -> bool:
    db = course / "gradebook.db"
    if not db.exists() or not (course / "release" / assignment).is_dir():
        return False
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(f"sqlite:///{db}") as gb:
        try:
            gb.find_assignment(assignment)
        except MissingEntry:
            return False
    return True


@dataclass
class Collected:
    """What :func:`collect` brought into the course.

    ``students``: the participants collected; ``renamed``: ``{participant: file
    name}`` for those whose only notebook had another name and was taken as the
    assignment's; ``skipped``: ``{participant: reason}`` for those with no
    notebook of the assignment (a flag: ``empty``, ``no_notebook:<files>``,
    ``other_notebooks:<files>``).
    """

    students: list[str] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)


# what computers add to a folder or a zip, and USB sticks to a folder of zips: never a hand-in
_JUNK = ("__MACOSX", ".ipynb_checkpoints", "System Volume Information", "$RECYCLE.BIN")


def _junk(parts: tuple[str, ...]) -> bool:
    return any(p in _JUNK or p.startswith(".") for p in parts)


def _member_name(info: zipfile.ZipInfo) -> str:
    """A zip member's name as its maker meant it.  Zips made by Windows' own "Send to →
    Compressed folder" on a Russian or Kyrgyz system store names in cp866 without saying so
    (zipfile then reads them as cp437, garbled); others store UTF-8 without the flag.

    >>> info = zipfile.ZipInfo("Айбек/тапшырма.ipynb".encode("cp866").decode("cp437"))
    >>> _member_name(info)
    'Айбек/тапшырма.ipynb'
    >>> _member_name(zipfile.ZipInfo("Айбек/тапшырма.ipynb"))
    'Айбек/тапшырма.ipynb'
    """
    name = info.filename
    if info.flag_bits & 0x800 or name.isascii():
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:  # already decoded as Unicode
        return name
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp866")


def _listing(names) -> str:
    names = sorted(set(names))
    return ", ".join(names[:5]) + (", …" if len(names) > 5 else "")


def _choose(
    files: list[PurePosixPath], names: list[str]
) -> tuple[dict[str, PurePosixPath], str | None]:
    """Which of a hand-in's files are the assignment's notebooks.

    Returns ``({notebook name: file}, None)``, or ``({}, reason)`` when none
    can be told to be the assignment's.  The one notebook of a hand-in is taken
    for a one-notebook assignment, whatever its name.

    >>> f = [PurePosixPath("Aibek/04_tariff (1).ipynb"), PurePosixPath("__MACOSX/._x.ipynb")]
    >>> _choose(f, ["04_tariff.ipynb"])
    ({'04_tariff.ipynb': PurePosixPath('Aibek/04_tariff (1).ipynb')}, None)
    >>> _choose([PurePosixPath("a.ipynb"), PurePosixPath("b.ipynb")], ["04_tariff.ipynb"])
    ({}, 'other_notebooks:a.ipynb, b.ipynb')
    """
    files = [f for f in files if not _junk(f.parts)]
    exact = {f.name: f for f in files if f.name in names}
    if exact:
        return exact, None
    notebooks = [f for f in files if f.suffix.lower() == ".ipynb"]
    if len(names) == 1 and len(notebooks) == 1:
        return {names[0]: notebooks[0]}, None
    if notebooks:
        return {}, "other_notebooks:" + _listing(f.name for f in notebooks)
    if files:
        return {}, "no_notebook:" + _listing(f.name for f in files)
    return {}, "empty"


def collect(course: Path, assignment: str, source: Path) -> Collected:
    """Bring the submissions in ``source`` into ``course/submitted/<student>/<assignment>/``.

    ``source`` holds zip files (one per participant, named after them; read with
    :mod:`zipfile`, which also copes with the folders and ``__MACOSX`` files that
    zipping on a Mac or Windows adds) or folders
    (``<student>/<notebook>.ipynb`` or ``<student>/<assignment>/<notebook>.ipynb``,
    or the notebook deeper inside).  A hand-in without the assignment's notebook
    under its own name, holding exactly one other notebook, has that one taken
    (for a one-notebook assignment); one with none or several is not collected,
    but named in :attr:`Collected.skipped`.  Hidden files and folders
    (``._Aibek.zip``, ``.Trashes``) are not hand-ins.
    """
    source = Path(source)
    if not source.exists():
        raise ToolkitError(
            _("The folder of submissions {path} does not exist.").format(path=source)
        )
    names = _notebooks(course, assignment)
    got = Collected()
    found: set[str] = set()

    def _renamed(student: str, chosen: dict[str, PurePosixPath]) -> None:
        got.renamed.pop(student, None)
        for name, path in chosen.items():
            if path.name != name:
                got.renamed[student] = path.name

    zips = sorted(
        p for p in source.iterdir() if p.suffix.lower() == ".zip" and not _junk((p.name,))
    )
    for z in zips:  # one zip per participant, named after them; the notebook anywhere inside
        student = z.stem
        dest = course / "submitted" / student / assignment
        try:
            with zipfile.ZipFile(z) as archive:
                members = {
                    PurePosixPath(_member_name(m).replace("\\", "/")): m
                    for m in archive.infolist()
                    if not m.filename.endswith(("/", "\\"))
                }
                chosen, why = _choose(list(members), names)
                if why:
                    got.skipped[student] = why
                    continue
                contents = {name: archive.read(members[path]) for name, path in chosen.items()}
        except (
            zipfile.BadZipFile,
            OSError,
            EOFError,
            RuntimeError,
            NotImplementedError,
            zlib.error,
        ):
            # a damaged (or locked) zip is graded as damaged, not skipped
            dest.mkdir(parents=True, exist_ok=True)
            for name in names:
                (dest / name).write_bytes(b"")
            got.renamed.pop(student, None)
            found.add(student)
            continue
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        for name, data in contents.items():
            (dest / name).write_bytes(data)
        _renamed(student, chosen)
        found.add(student)
    for folder in sorted(p for p in source.iterdir() if p.is_dir() and not _junk((p.name,))):
        student = folder.name
        inner = folder / assignment if (folder / assignment).is_dir() else folder
        dest = course / "submitted" / student / assignment
        if any((inner / n).exists() for n in names):  # the usual case: the folder is copied
            if dest.exists():
                shutil.rmtree(dest)
            shutil.copytree(inner, dest, ignore=shutil.ignore_patterns(*_JUNK, "._*"))
            got.renamed.pop(student, None)
            found.add(student)
            continue
        files = sorted(
            PurePosixPath(p.relative_to(folder).as_posix())
            for p in folder.rglob("*")
            if p.is_file()
        )
        chosen, why = _choose(files, names)
        if why:
            got.skipped[student] = why
            continue
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        for name, path in chosen.items():
            shutil.copyfile(folder / path, dest / name)
        _renamed(student, chosen)
        found.add(student)
    got.students = sorted(found)
    got.skipped = {s: why for s, why in sorted(got.skipped.items()) if s not in found}
    return got


def _cells_by_id(nb) -> dict[str, dict]:
    return {
        c["metadata"]["nbgrader"]["grade_id"]: c
        for c in nb.get("cells", [])
        if c.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    }


def _source_text(cell) -> str:
    src = cell.get("source", "")
    return ("".join(src) if isinstance(src, list) else src).strip()


def submission_flags(released: dict, submitted: dict) -> list[str]:
    """What a participant did to the cells of the notebook they were given.

    Compares the released notebook with the submitted one (both as JSON dicts):
    deleted cells, moved cells, changed test (locked) cells, changed cell types.

    >>> cell = lambda gid, src, locked=False: {"cell_type": "code", "source": src,
    ...     "metadata": {"nbgrader": {"grade_id": gid, "locked": locked}}}
    >>> given = {"cells": [cell("a", "x = 1"), cell("t", "check(x)", locked=True)]}
    >>> submission_flags(given, {"cells": [cell("a", "x = 2"), cell("t", "pass", locked=True)]})
    ['edited_tests:t']
    >>> submission_flags(given, {"cells": [cell("a", "x = 2")]})
    ['missing_cells:t']
    """
    flags = []
    given, got = _cells_by_id(released), _cells_by_id(submitted)
    missing = [gid for gid in given if gid not in got]
    if missing:
        flags.append("missing_cells:" + ",".join(missing))
    common_given = [gid for gid in given if gid in got]
    common_got = [gid for gid in got if gid in given]
    if common_given != common_got:
        import difflib

        blocks = difflib.SequenceMatcher(
            a=common_given, b=common_got, autojunk=False
        ).get_matching_blocks()
        in_place = {gid for b in blocks for gid in common_given[b.a : b.a + b.size]}
        flags.append("moved_cells:" + ",".join(g for g in common_got if g not in in_place))
    edited = [
        gid
        for gid in common_given
        if given[gid]["metadata"]["nbgrader"].get("locked")
        and given[gid].get("cell_type") == "code"
        and _source_text(given[gid]) != _source_text(got[gid])
    ]
    if edited:
        flags.append("edited_tests:" + ",".join(edited))
    retyped = [
        gid for gid in common_given if given[gid].get("cell_type") != got[gid].get("cell_type")
    ]
    if retyped:
        flags.append("changed_type:" + ",".join(retyped))
    return flags


def _timed_out(nb: dict) -> bool:
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" and out.get("ename") in (
                "KeyboardInterrupt",
                "CellTimeoutError",
            ):
                return True
    return False


# --------------------------------------------------------------------------- the worker


def _grade_one(course: str, assignment: str, student: str, timeout: int, lang: str) -> dict:
    """Autograde one submission in a private copy of the course (runs in a worker process)."""
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    os.environ["ALGCA_LANG"] = lang
    start = time.monotonic()
    # the kernels' and nbgrader's chatter must not cover the trainer's progress bar
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    course_path = Path(course)
    tmp = Path(tempfile.mkdtemp(prefix=f"algca-grade-{student[:20]}-"))
    try:
        shutil.copy(course_path / "nbgrader_config.py", tmp)
        shutil.copy(course_path / "gradebook.db", tmp)
        shutil.copytree(course_path / "source" / assignment, tmp / "source" / assignment)
        shutil.copytree(
            course_path / "submitted" / student / assignment,
            tmp / "submitted" / student / assignment,
        )
        config = PyFileConfigLoader("nbgrader_config.py", path=str(tmp)).load_config()
        config.CourseDirectory.root = str(tmp)
        config.Execute.timeout = timeout
        config.Execute.interrupt_on_timeout = True
        config.Execute.startup_timeout = 120
        # whatever the course's config says, the feedback keeps the hidden tests (the answers) out
        from toolkit.feedback import PREPROCESSORS

        config.GenerateFeedback.preprocessors = PREPROCESSORS
        if os.environ.get("ALGCA_FORKSERVER"):  # kernels forked from a warm process
            config.Execute.kernel_manager_class = "toolkit.kernels.ForkAsyncKernelManager"
        coursedir = CourseDirectory(config=config)
        api = NbGraderAPI(coursedir=coursedir, config=config)
        result = api.autograde(assignment, student, force=True, create=True)
        if not result.get("success"):
            # nbgrader's log says what went wrong; its error only points "above" at it
            why = "\n".join(str(result.get(k) or "") for k in ("log", "error")).strip()
            return {
                "student": student,
                "ok": False,
                "log": why[-4000:],
                "seconds": time.monotonic() - start,
            }
        feedback = api.generate_feedback(assignment, student, force=True)
        out = {
            "student": student,
            "ok": True,
            "seconds": time.monotonic() - start,
            "feedback_ok": bool(feedback.get("success")),
        }
        # hand the results back to the class's course
        for kind in ("autograded", "feedback"):
            src = tmp / kind / student / assignment
            if src.is_dir():
                dest = course_path / kind / student / assignment
                if dest.exists():
                    shutil.rmtree(dest)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copytree(src, dest)
        return out
    except Exception as exc:  # one broken submission must not stop the class
        return {
            "student": student,
            "ok": False,
            "log": f"{type(exc).__name__}: {exc}",
            "seconds": time.monotonic() - start,
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _save_grades(course: Path, assignment: str, students: list[str]) -> dict[str, str]:
    """Save the autograded notebooks' grades into the course's gradebook.

    One writer, one gradebook session for the whole class (nbgrader's own
    ``SaveAutoGrades`` decides each cell's grade).  Returns ``{student: error}``
    for those whose grades could not be saved.
    """
    import nbformat
    from nbgrader.api import Gradebook
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.preprocessors import SaveAutoGrades

    db_url = f"sqlite:///{course / 'gradebook.db'}"
    coursedir = CourseDirectory(root=str(course))
    failed = {}
    with warnings.catch_warnings(), Gradebook(db_url) as gb:
        # nbgrader's own gradebook code trips SQLAlchemy's autoflush notes; they are harmless
        warnings.simplefilter("ignore")
        for student in students:
            try:
                submitted = course / "submitted" / student / assignment
                timestamp = coursedir.get_existing_timestamp(str(submitted))
                gb.update_or_create_student(student)
                if timestamp:
                    gb.update_or_create_submission(assignment, student, timestamp=timestamp)
                else:
                    gb.update_or_create_submission(assignment, student)
                for path in sorted((course / "autograded" / student / assignment).glob("*.ipynb")):
                    nb = nbformat.read(path, as_version=4)
                    saver = SaveAutoGrades()
                    saver.gradebook = gb
                    saver.notebook_id, saver.assignment_id, saver.student_id = (
                        path.stem,
                        assignment,
                        student,
                    )
                    resources = {
                        "nbgrader": {
                            "db_url": db_url,
                            "assignment": assignment,
                            "notebook": path.stem,
                            "student": student,
                        }
                    }
                    for index, cell in enumerate(nb.cells):
                        saver.preprocess_cell(cell, resources, index)
            except Exception as exc:  # one bad record must not lose the others
                gb.db.rollback()
                failed[student] = f"{type(exc).__name__}: {exc}"
    return failed


def _read_scores(course: Path, assignment: str, results: dict[str, StudentResult]) -> None:
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student, res in results.items():
            if "not_graded" in " ".join(res.flags):
                continue
            try:
                sub = gb.find_submission(assignment, student)
            except MissingEntry:
                continue
            res.score, res.max_score = float(sub.score), float(sub.max_score)
            for nb in sub.notebooks:
                for grade in nb.grades:
                    res.grades[grade.name] = None if grade.score is None else float(grade.score)
                    if grade.needs_manual_grade:
                        res.by_hand.append(grade.name)


class _Progress:
    """A progress bar on the terminal: ``[██████░░░░] 12/30``."""

    def __init__(self, total: int, enabled: bool, stream=None):
        self.total, self.done, self.enabled = total, 0, enabled
        self.stream = stream or sys.stderr
        self.start = time.monotonic()
        self.show("")

    def show(self, last: str) -> None:
        if not self.enabled:
            return
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        bar = "█" * filled + "░" * (width - filled)
        elapsed = time.monotonic() - self.start
        self.stream.write(f"\r[{bar}] {self.done}/{self.total}  {elapsed:5.0f} s  {last[:30]:<30}")
        self.stream.flush()

    def step(self, last: str) -> None:
        self.done += 1
        self.show(last)

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def _run_pool(
    ctx, jobs, students, course, assignment, timeout, lang, results, done, bar, out
) -> None:
    """Autograde every student in ``jobs`` worker processes; note each result as it comes."""
    with cf.ProcessPoolExecutor(max_workers=min(jobs, len(students)), mp_context=ctx) as pool:
        futures = {
            pool.submit(_grade_one, str(course), assignment, s, timeout, lang): s for s in students
        }
        for future in cf.as_completed(futures):
            student = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # a worker died
                outcome = {
                    "student": student,
                    "ok": False,
                    "log": f"{type(exc).__name__}: {exc}",
                    "seconds": 0,
                }
            res = results[student]
            res.seconds = outcome.get("seconds", 0.0)
            if outcome["ok"]:
                done.append(student)
            else:
                logs = Path(out or course) / f"grading-log-{assignment}"
                logs.mkdir(parents=True, exist_ok=True)
                (logs / f"{student}.txt").write_text(outcome.get("log") or "", encoding="utf-8")
                res.flags.append(f"not_graded:{logs.name}/{student}.txt")
            bar.step(student)


# --------------------------------------------------------------------------- the command


def _start_method() -> str:
    """How the graders are started: forked from this process where the system can
    (Linux, macOS: fast, nothing imported twice), else spawned afresh (Windows).

    >>> _start_method() in ("fork", "spawn")
    True
    """
    return (
        "fork"
        if "fork" in multiprocessing.get_all_start_methods() and hasattr(os, "fork")
        else "spawn"
    )


def grade_class(
    assignment: str,
    *,
    source: Path | None = None,
    course: Path | None = None,
    jobs: int | None = None,
    timeout: int = 60,
    out: Path | None = None,
    progress: bool = False,
    fork: bool = True,
) -> ClassReport:
    """Collect, autograde (in parallel), give feedback and export the grades of a class.

    ``course`` is the nbgrader course folder (default ``exercises/``); ``source`` a
    folder of submissions or zip files (default: what is already in
    ``course/submitted``); ``jobs`` the number of graders at once (default: the
    number of cores); ``timeout`` the seconds one cell may run; ``fork``: start
    the notebooks' kernels by forking a warm process (much faster; Linux and macOS).
    Where processes cannot be forked (Windows), the graders are spawned and the
    kernels started as usual.
    """
    start = time.monotonic()
    course = Path(course or COURSE).resolve()
    if not (course / "source" / assignment).is_dir():
        raise ToolkitError(
            _("There is no assignment «{assignment}» in the course folder {path}.").format(
                assignment=assignment, path=course / "source"
            )
        )
    if not _has_assignment(course, assignment):
        _nbgrader(course, "generate_assignment", assignment, "--force")
    collected = collect(course, assignment, Path(source)) if source is not None else Collected()
    submitted = course / "submitted"
    students = (
        sorted(p.name for p in submitted.iterdir() if (p / assignment).is_dir())
        if submitted.is_dir()
        else []
    )
    # one whose new hand-in is unusable but whose earlier copy is in the course is graded on that
    skipped = {s: why for s, why in collected.skipped.items() if s not in students}
    if not students:
        message = _("No submissions of «{assignment}» were found.").format(assignment=assignment)
        raise ToolkitError("\n".join([message, *_skipped_lines(skipped)]))

    results = {s: StudentResult(student=s) for s in students}
    for s, name in collected.renamed.items():
        results[s].flags.append(f"renamed:{name}")
    names = _notebooks(course, assignment)
    for s in students:
        for name in names:
            path = submitted / s / assignment / name
            try:
                got = json.loads(path.read_text(encoding="utf-8"))
                given = json.loads(
                    (course / "release" / assignment / name).read_text(encoding="utf-8")
                )
            except (OSError, ValueError):
                results[s].flags.append("unreadable")
                continue
            results[s].flags.extend(submission_flags(given, got))

    jobs = max(1, jobs or os.cpu_count() or 1)
    lang = get_language()
    bar = _Progress(len(students), progress)
    method = _start_method()
    ctx = multiprocessing.get_context(method)
    if method == "fork":
        import nbconvert.exporters.html  # noqa: F401
        import nbgrader.apps.api  # noqa: F401  (imported once, before the workers fork)
        import nbgrader.converters  # noqa: F401

    done: list[str] = []
    forking = False
    if fork and method == "fork":
        from toolkit import kernels

        with contextlib.suppress(RuntimeError, OSError):
            kernels.start(Path(tempfile.mkdtemp(prefix="algca-grade-fork-")))
            forking = True
    try:
        _run_pool(ctx, jobs, students, course, assignment, timeout, lang, results, done, bar, out)
    finally:
        if forking:
            kernels.stop()
    bar.close()
    for student, error in _save_grades(course, assignment, done).items():
        results[student].flags.append(f"not_graded:{error[:80]}")
    for student in done:
        res = results[student]
        for path in sorted((course / "autograded" / student / assignment).glob("*.ipynb")):
            with contextlib.suppress(OSError, ValueError):
                if _timed_out(json.loads(path.read_text(encoding="utf-8"))):
                    res.flags.insert(0, "timeout")
        res.feedback = [
            str(p) for p in sorted((course / "feedback" / student / assignment).glob("*.html"))
        ]
    _read_scores(course, assignment, results)
    report = ClassReport(
        assignment, [results[s] for s in students], time.monotonic() - start, skipped=skipped
    )
    export(report, Path(out) if out else course)
    return report


def _table(report: ClassReport):
    import pandas as pd

    grade_ids = sorted({g for r in report.results for g in r.grades})
    rows = []
    for r in report.results:
        row = {
            "student": r.student,
            "score": r.score,
            "max_score": r.max_score,
            "percent": round(100 * r.score / r.max_score, 1)
            if r.score is not None and r.max_score
            else None,
        }
        row.update({g: r.grades.get(g) for g in grade_ids})
        row["flags"] = "; ".join(r.flags)  # a flag's detail (a file name) may hold spaces
        row["note"] = describe_flags(r.flags)
        rows.append(row)
    for student, why in report.skipped.items():  # not graded: a row with no score, and why
        rows.append({"student": student, "flags": why, "note": describe_flags([why])})
    rows.sort(key=lambda row: row["student"])
    return pd.DataFrame(
        rows, columns=["student", "score", "max_score", "percent", *grade_ids, "flags", "note"]
    )


def export(report: ClassReport, folder: Path) -> tuple[Path, Path]:
    """Write ``grades-<assignment>.csv`` and ``.xlsx`` into ``folder`` (never half-written)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    table = inert(_table(report))  # a name starting with "=" stays a name
    csv = folder / f"grades-{report.assignment}.csv"
    xlsx = folder / f"grades-{report.assignment}.xlsx"
    with atomic_path(csv) as tmp:
        table.to_csv(tmp, index=False, encoding="utf-8")
    with (
        atomic_path(xlsx) as tmp,
        __import__("pandas").ExcelWriter(tmp, engine="openpyxl") as writer,
    ):
        table.to_excel(writer, index=False, sheet_name=report.assignment[:31])
        sheet = writer.sheets[report.assignment[:31]]
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
        sheet.freeze_panes = "B2"
    report.csv, report.xlsx = csv, xlsx
    return csv, xlsx


def _skipped_lines(skipped: dict[str, str]) -> list[str]:
    if not skipped:
        return []
    return [
        _("Not graded, no notebook of this assignment was found:"),
        *(f"  - {student}: {describe_flags([why])}" for student, why in sorted(skipped.items())),
    ]


def summary(report: ClassReport) -> str:
    """A few lines for the trainer: how many were graded, which need a look, where the files are.

    >>> from toolkit.i18n import set_language
    >>> set_language("en")
    >>> report = ClassReport("04_tariff", [StudentResult("Aibek", 6.0, 9.0, by_hand=["q7_decision"])], 41.0,
    ...                      skipped={"Bakyt": "no_notebook:04_tariff.html"})
    >>> print(summary(report))
    Graded 1 of 2 submissions of «04_tariff» in 41 s.
    Not graded, no notebook of this assignment was found:
      - Bakyt: no notebook in it, only other files (04_tariff.html)
    Written answers wait for you to grade them by hand (nbgrader formgrader, “Manual Grading”; the rubric is in the trainer's notes):
      - q7_decision: 1
    >>> set_language("ky")
    """
    graded = sum(1 for r in report.results if r.score is not None)
    lines = [
        _("Graded {graded} of {total} submissions of «{assignment}» in {seconds} s.").format(
            graded=graded,
            total=len(report.results) + len(report.skipped),
            assignment=report.assignment,
            seconds=round(report.seconds),
        )
    ]
    lines.extend(_skipped_lines(report.skipped))
    waiting = [r for r in report.results if r.by_hand]
    if waiting:
        lines.append(
            _(
                "Written answers wait for you to grade them by hand ({program}, “{section}”; "
                "the rubric is in the trainer's notes):"
            ).format(program="nbgrader formgrader", section="Manual Grading")
        )
        counts = Counter(grade for r in waiting for grade in r.by_hand)
        lines.extend(f"  - {grade}: {count}" for grade, count in sorted(counts.items()))
    if report.flagged:
        lines.append(_("Look at these submissions:"))
        lines.extend(f"  - {r.student}: {describe_flags(r.flags)}" for r in report.flagged)
    if report.csv:
        lines.append(_("Grades: {csv} and {xlsx}").format(csv=report.csv, xlsx=report.xlsx))
    return "\n".join(lines)
