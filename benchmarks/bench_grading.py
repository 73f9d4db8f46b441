"""Autograding a class of 30: stock sequential nbgrader vs. ``algca grade`` (parallel).

    .venv/bin/python benchmarks/bench_grading.py [--jobs 2] [--timeout 10]

Both runs grade the same made-up class of 30 submissions of 00_example
(tests/grading_class.py: right, half, blank, an endless loop, a deleted,
a moved and an edited cell, a damaged file), with the same cell timeout, and
both include the feedback pages.  Stock = ``nbgrader autograde`` then
``nbgrader generate_feedback``, one after the other, as nbgrader does by
default.  Prints wall times and the speed-up; checks both give the same scores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.grading_class import make_class  # noqa: E402
from tests.nbgrader_course import Course  # noqa: E402
from toolkit import grading  # noqa: E402


def stock(course: Course, timeout: int) -> float:
    env = {
        **os.environ,
        "PYTHONWARNINGS": "ignore",
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    }
    start = time.monotonic()
    for step in ("autograde", "generate_feedback"):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "nbgrader",
                step,
                "00_example",
                "--force",
                f"--Execute.timeout={timeout}",
            ],
            cwd=course.root,
            env=env,
            capture_output=True,
            check=False,
        )
    return time.monotonic() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=int, default=10)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-grading-"))
    try:
        a = Course(work / "a", "00_example")
        a.generate()
        b = Course(work / "b", "00_example")
        b.generate()
        c = Course(work / "c", "00_example")
        c.generate()
        usb = work / "usb"
        make_class(a, usb)
        for folder in sorted(
            usb.iterdir()
        ):  # stock nbgrader reads submitted/<student>/<assignment>/
            dest = a.root / "submitted" / folder.name / "00_example"
            dest.mkdir(parents=True)
            shutil.copy(folder / "00_example.ipynb", dest)
            a.students.append(folder.name)
        t_stock = stock(a, args.timeout)
        start = time.monotonic()
        report = grading.grade_class(
            "00_example", source=usb, course=b.root, jobs=args.jobs, timeout=args.timeout
        )
        t_ours = time.monotonic() - start
        start = time.monotonic()
        grading.grade_class(
            "00_example",
            source=usb,
            course=c.root,
            jobs=args.jobs,
            timeout=args.timeout,
            fork=False,
        )
        t_nofork = time.monotonic() - start
        ours = {r.student: r.score for r in report.results}
        theirs = {s: sc for s, (sc, _m) in a.scores().items() if s in ours and ours[s] is not None}
        same = all(abs(ours[s] - theirs[s]) < 1e-9 for s in theirs)
        print(
            f"submissions: {len(report.results)} (cell timeout {args.timeout} s, {os.cpu_count()} cores)"
        )
        print(f"stock nbgrader autograde + generate_feedback, sequential: {t_stock:6.1f} s")
        print(
            f"algca grade --jobs {args.jobs} (collect, autograde, feedback, CSV+XLSX): {t_ours:6.1f} s"
        )
        print(
            f"algca grade --jobs {args.jobs}, kernels started the usual way (no fork server): {t_nofork:6.1f} s"
        )
        print(
            f"speed-up: {t_stock / t_ours:.2f}x (without the fork server {t_stock / t_nofork:.2f}x); "
            f"same scores on the {len(theirs)} graded by both: {same}"
        )
        print(f"flagged by algca grade: {len(report.flagged)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
