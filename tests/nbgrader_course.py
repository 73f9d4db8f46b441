"""A real nbgrader course in a temporary folder, driven through nbgrader's own command line.

course = Course(tmp_path, "00_example")
course.generate()                                   # nbgrader generate_assignment
course.submit("teacher", course.source_notebook())  # the instructor version
course.submit("blank", course.release_notebook())   # what learners get
course.submit("half", course.with_answers(course.release_notebook(), {"q1_answer": "x = 1"}))
assert course.autograde() == {"teacher": (6.0, 6.0), "blank": (0.0, 6.0), "half": (...)}
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "exercises"


class Course:
    """A copy of the course with one assignment, in ``tmp_path/course``."""

    def __init__(self, tmp_path: Path, assignment: str, lang: str = "ky", shared: bool = False):
        """``shared``: the course folder may already hold other assignments (one gradebook)."""
        self.root = Path(tmp_path) / "course"
        self.assignment = assignment
        self.lang = lang
        (self.root / "source").mkdir(parents=True, exist_ok=shared)
        if not (self.root / "nbgrader_config.py").exists():
            shutil.copy(EXERCISES / "nbgrader_config.py", self.root)
        shutil.copytree(EXERCISES / "source" / assignment, self.root / "source" / assignment)
        self.notebook_names = sorted(
            p.name for p in (self.root / "source" / assignment).glob("*.ipynb")
        )
        self.students: list[str] = []

    def run(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
        """Run ``nbgrader ARGS`` in the course folder; fail loudly with its log."""
        env = {
            **os.environ,
            "ALGCA_LANG": self.lang,
            "PYTHONWARNINGS": "ignore",
            # nbgrader runs `alembic` from PATH: use the one beside this Python
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        }
        proc = subprocess.run(
            [sys.executable, "-m", "nbgrader", *args],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if proc.returncode != 0:
            raise AssertionError(
                f"nbgrader {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
            )
        return proc

    def generate(self) -> None:
        self.run("generate_assignment", self.assignment, "--force")
        for name in self.notebook_names:
            assert (self.root / "release" / self.assignment / name).exists()

    def source_notebook(self, name: str | None = None) -> nbformat.NotebookNode:
        return nbformat.read(
            self.root / "source" / self.assignment / (name or self.notebook_names[0]), 4
        )

    def release_notebook(self, name: str | None = None) -> nbformat.NotebookNode:
        return nbformat.read(
            self.root / "release" / self.assignment / (name or self.notebook_names[0]), 4
        )

    @staticmethod
    def with_answers(nb: nbformat.NotebookNode, answers: dict[str, str]) -> nbformat.NotebookNode:
        """A copy of ``nb`` with the source of the cells named by nbgrader ``grade_id`` replaced."""
        nb = nbformat.from_dict(nb)
        found = set()
        for cell in nb.cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if grade_id in answers:
                cell.source = answers[grade_id]
                found.add(grade_id)
        missing = set(answers) - found
        assert not missing, f"no cells with grade_id {sorted(missing)}"
        return nb

    def submit(self, student: str, nb: nbformat.NotebookNode, name: str | None = None) -> Path:
        folder = self.root / "submitted" / student / self.assignment
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / (name or self.notebook_names[0])
        nbformat.write(nb, path)
        self.students.append(student)
        return path

    def autograde(self, *extra: str) -> dict[str, tuple[float, float]]:
        """Run ``nbgrader autograde`` and read each student's score from the gradebook."""
        self.run("autograde", self.assignment, "--force", *extra)
        return self.scores()

    def scores(self) -> dict[str, tuple[float, float]]:
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{self.root / 'gradebook.db'}") as gb:
            return {
                s: (
                    gb.find_submission(self.assignment, s).score,
                    gb.find_submission(self.assignment, s).max_score,
                )
                for s in dict.fromkeys(self.students)
            }

    def autograded_notebook(self, student: str, name: str | None = None) -> nbformat.NotebookNode:
        return nbformat.read(
            self.root / "autograded" / student / self.assignment / (name or self.notebook_names[0]),
            4,
        )
