"""Do the toolkit's imports follow the layers CONTRIBUTING draws?

    data → cases → method modules → charts → apps → workshop / room / cli

Every import is read from the source (at the top of a module and inside functions alike):

- a method module never imports the charts, the apps, the workshop, the room or the CLI;
- only the apps, the workshop and the room import the apps;
- the grader and the kernels (the fork server) never import the workshop: they are siblings;
- no name starting with ``_`` is imported from another module;
- no two modules import each other, however indirectly.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOOLKIT = ROOT / "toolkit"

#: The layers above the method modules (a module is in one when its name starts so).
UPPER = ("toolkit.charts", "toolkit.plots", "toolkit.apps", "toolkit.workshop", "toolkit.room")
TOP = ("toolkit.cli", "toolkit.grading", "toolkit.kernels")
MAY_IMPORT_APPS = ("toolkit.apps", "toolkit.workshop", "toolkit.room")


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(TOOLKIT.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _in(module: str, layers: tuple[str, ...]) -> bool:
    return any(module == layer or module.startswith(layer + ".") for layer in layers)


def imports(module: str) -> list[tuple[str, str, int]]:
    """``(imported module, imported name or "", line)`` for every toolkit import of ``module``."""
    path = MODULES[module]
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, "", node.lineno) for a in node.names if a.name.startswith("toolkit")]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            if base.split(".")[0] != "toolkit":
                continue
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in MODULES:  # from toolkit import kernels
                    found.append((submodule, "", node.lineno))
                else:
                    found.append((base, alias.name, node.lineno))
    return found


def test_the_import_reader_sees_imports_inside_functions_too(tmp_path, monkeypatch):
    source = "def f():\n    from toolkit.apps.common import safe\n    from . import _x\n"
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    monkeypatch.setitem(MODULES, "toolkit.tariff_probe", path)
    assert imports("toolkit.tariff_probe") == [
        ("toolkit.apps.common", "safe", 2),
        ("toolkit", "_x", 3),
    ]


def _violations(rule) -> list[str]:
    return [
        f"{module}:{line} imports {target}{'.' + name if name else ''}"
        for module in MODULES
        for target, name, line in imports(module)
        if rule(module, target, name)
    ]


def test_method_modules_import_no_charts_apps_workshop_or_cli():
    def wrong(module, target, _name):
        return not _in(module, UPPER + TOP) and _in(target, UPPER + TOP)

    assert _violations(wrong) == []


def test_only_the_apps_the_workshop_and_the_room_import_the_apps():
    def wrong(module, target, _name):
        return _in(target, ("toolkit.apps",)) and not _in(module, MAY_IMPORT_APPS)

    assert _violations(wrong) == []


@pytest.mark.parametrize("sibling", ["toolkit.grading", "toolkit.kernels"])
def test_the_grader_and_the_kernels_do_not_need_the_workshop(sibling):
    assert [t for t, _n, _l in imports(sibling) if _in(t, ("toolkit.workshop",))] == []


def test_no_private_name_crosses_a_module_border():
    def wrong(module, target, name):
        return name.startswith("_") and not name.startswith("__") and target != module

    assert _violations(wrong) == []


def test_no_two_modules_import_each_other():
    """A package importing its own modules (to offer their names) is not counted."""
    edges = {
        module: {
            t
            for t, _n, _l in imports(module)
            if t in MODULES and t != module and not t.startswith(module + ".")
        }
        for module in MODULES
    }
    cycles, seen = [], set()

    def walk(module: str, path: list[str]) -> None:
        for target in sorted(edges[module]):
            if target in path:
                cycles.append(path[path.index(target) :] + [target])
            elif target not in seen:
                walk(target, [*path, target])
        seen.add(module)

    for module in sorted(MODULES):
        if module not in seen:
            walk(module, [module])
    assert cycles == []
