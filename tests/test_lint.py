"""Is the code ruff-clean and in the one style `ruff format` gives?"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUFF = Path(sys.executable).parent / "ruff"
SOURCES = [
    "toolkit",
    "tests",
    "benchmarks",
    "scripts",
    "exercises/nbgrader_config.py",
    "conftest.py",
]


@pytest.mark.parametrize(
    "command",
    [["check"], ["format", "--check"]],
    ids=["lint", "format"],
)
def test_ruff_is_clean(command):
    out = subprocess.run([str(RUFF), *command, *SOURCES], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
