"""Is each module's `__all__` exactly its public names, and is `import toolkit` cheap?"""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import toolkit

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(toolkit.__path__, "toolkit.")
    if not m.name.rsplit(".", 1)[-1].startswith("_")
)


def public_names(path: Path) -> set[str]:
    """Names a module defines at top level (functions, classes, constants) not starting with _."""
    names = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {n for n in names if not n.startswith("_")}


@pytest.mark.parametrize("name", ["toolkit", *MODULES])
def test_all_is_exactly_the_public_names(name):
    module = importlib.import_module(name)
    path = Path(module.__file__)
    declared = set(module.__all__)
    assert len(declared) == len(module.__all__), "duplicates in __all__"
    defined = public_names(path)
    if path.name == "__init__.py":
        # a package re-exports names from its modules: they must exist
        assert all(hasattr(module, n) for n in declared)
        assert defined <= declared
    else:
        assert declared == defined


def test_import_toolkit_does_not_load_plotting_widgets_or_nbgrader():
    code = (
        "import sys, json, toolkit, toolkit.i18n, toolkit.errors, toolkit.checks\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('matplotlib', 'ipywidgets', 'nbgrader', 'IPython', 'pandas'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_submodules_load_on_first_use():
    code = "import sys, toolkit; toolkit.plots; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
