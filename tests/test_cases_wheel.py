"""After ``pip install`` of the wheel, outside the repository and offline, does a case still load?"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _setuptools_can_build_wheels() -> bool:
    try:
        import setuptools
    except ImportError:
        return False
    major = int(setuptools.__version__.split(".")[0])
    if major >= 71:  # bdist_wheel is part of setuptools
        return True
    try:
        import wheel  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.slow
@pytest.mark.skipif(
    not _setuptools_can_build_wheels(),
    reason="offline wheel build needs setuptools>=71 (or the 'wheel' package) in the environment",
)
def test_installed_wheel_loads_a_case_outside_the_repository(tmp_path):
    # build from a copy, so the build leaves nothing in the working tree
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE", "LICENSE-CONTENT"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.tmp")
    shutil.copytree(ROOT / "toolkit", src / "toolkit", symlinks=True, ignore=ignore)
    shutil.copytree(ROOT / "datasets", src / "datasets", ignore=ignore)
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(dist),
            str(src),
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    (wheel,) = dist.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "toolkit/datasets/datapackage.json" in names
    assert "toolkit/datasets/data/cases.csv" in names
    assert "toolkit/datasets/templates/municipality_template.xlsx" in names
    assert "toolkit/locale/ky/LC_MESSAGES/cases.po" in names

    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = (
        "import toolkit, toolkit.cases as c\n"
        "print(toolkit.__file__)\n"
        "print(c.data_dir())\n"
        "case = c.load_case('Чет-Нуура')\n"
        "print(case.case_id, len(case.tables))\n"
        "print(c.load_case('Теплоключенка').tables['tariffs']['tariff_som'].tolist())\n"
        "c.write_template('mine.xlsx')\n"
        "print(sorted(c.list_cases(lang='en')['name']))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(target)
    out = subprocess.run(
        [sys.executable, "-c", script],
        check=True,
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
    ).stdout.splitlines()
    assert out[0].startswith(str(target)), out[0]
    assert out[1].startswith(str(target)) and "toolkit" in out[1]
    assert out[2].startswith("chet-nura ")
    assert out[3] == "[13.0, 50.0]"
    assert (elsewhere / "mine.xlsx").exists()
    assert "Birinchi May" in out[4]
