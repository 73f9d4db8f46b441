"""Do the two ways of installing agree, and does the repository say what it promises?"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def normalise(requirement: str) -> tuple[str, str]:
    name, spec = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", requirement).groups()
    return re.sub(r"[-_.]+", "-", name).lower(), spec.replace(" ", "")


def environment_requirements() -> set[tuple[str, str]]:
    """The package lines of environment.yml (conda and pip sections), without python and pip."""
    reqs = set()
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    for line in text.split("dependencies:", 1)[1].splitlines():
        m = re.match(r"\s*-\s+([A-Za-z][^#:]*?)\s*(#.*)?$", line)
        if m:
            reqs.add(normalise(m.group(1)))
    return {r for r in reqs if r[0] not in ("python", "pip")}


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = PYPROJECT["project"]
    declared = {
        normalise(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]
    }
    assert environment_requirements() == declared


def test_core_dependencies_are_the_jupyter_stack():
    names = {normalise(r)[0] for r in PYPROJECT["project"]["dependencies"]}
    assert {"jupyterlab", "ipywidgets", "pandas", "matplotlib", "nbgrader", "voila"} <= names


#: The packages whose insides toolkit/patches.py changes or uses, bounded above.
PATCHED = ("voila", "nbgrader", "jupyter-client", "jupyter-server", "jupyterlab")


@pytest.mark.parametrize("name", PATCHED)
def test_patched_jupyter_packages_are_bounded_and_the_installed_one_fits(name):
    from importlib.metadata import version

    from packaging.specifiers import SpecifierSet

    specs = dict(normalise(r) for r in PYPROJECT["project"]["dependencies"])
    bounds = SpecifierSet(specs[name])
    assert any(s.operator in ("<", "<=", "~=", "==") for s in bounds), specs[name]
    assert version(name) in bounds


def test_package_metadata():
    project = PYPROJECT["project"]
    assert project["name"] == "algca-toolkit"
    assert project["requires-python"] == ">=3.10"
    assert project["license"] == "BSD-3-Clause"
    assert "CC BY 4.0" in (ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8")


def test_readme_quick_start_is_two_commands_and_ci_runs_the_second():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^\s*(make \w+)\s*$", quick, flags=re.M)
    assert commands == ["make workshop", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "environment.yml" in readme
    for lang_marker in ("Кыскача", "Кратко"):
        assert lang_marker in readme.split("## Quick start", 1)[0]
