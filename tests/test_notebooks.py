"""Do all notebooks run, and are they stored the way the course needs them?

Every lesson, app and exercise notebook is executed headless, each within its
own time budget; a cell that prints a warning or shows a toolkit error box
fails the notebook unless it is tagged ``raises-exception``.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(
    p
    for p in [*ROOT.glob("notebooks/**/*.ipynb"), *ROOT.glob("exercises/source/**/*.ipynb")]
    if ".ipynb_checkpoints" not in p.parts
)
NOTEBOOK_TIMEOUT = 240  # seconds for a whole notebook
CELL_TIMEOUT = 120


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def cell_text(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        parts.append(out.get("text", ""))
        parts.extend(str(v) for v in out.get("data", {}).values())
    return "".join(parts)


def problems_in(nb) -> list[str]:
    """Warnings on stderr and error boxes in cells that are not expected to raise."""
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or "raises-exception" in cell.metadata.get("tags", []):
            continue
        for out in cell.outputs:
            if out.output_type == "stream" and out.name == "stderr" and out.text.strip():
                found.append(f"cell {i}: stderr: {out.text.strip()[:300]}")
        if "algca-error" in cell_text(cell):
            found.append(f"cell {i}: shows a toolkit error box")
    return found


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=rel)
def test_notebook_runs(path, tmp_path, monkeypatch):
    """Does the notebook run from top to bottom, without warnings, in time?"""
    monkeypatch.setenv("ALGCA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    work = tmp_path / "nb"
    shutil.copytree(path.parent, work)
    before = files_in(work)
    nb = nbformat.read(work / path.name, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(work)}},
    )
    try:
        asyncio.run(asyncio.wait_for(client.async_execute(), NOTEBOOK_TIMEOUT))
    except TimeoutError:
        pytest.fail(f"{rel(path)} did not finish in {NOTEBOOK_TIMEOUT} s")
    assert problems_in(nb) == []
    assert table_problems(nb, path) == []
    if path.parent.name in ("ky", "ru"):
        assert english_on_screen(nb) == [], "table headers of a ky/ru lesson speak its language"
    written = sorted(files_in(work) - before)
    assert untracked_beside(path, written) == [], "exports must go to the ignored outputs/ folder"


def files_in(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def untracked_beside(path: Path, written: list[str]) -> list[str]:
    """What a run wrote beside the notebook that git would see (not ignored)."""
    where = [(path.parent / name).relative_to(ROOT).as_posix() for name in written]
    if not where:
        return []
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin"],
        cwd=ROOT,
        input="\n".join(where),
        capture_output=True,
        text=True,
    ).stdout.split()
    return [w for w in where if w not in ignored]


#: a number in exponent form (4.500000e+05), or grouped as another language writes it
_EXPONENT = re.compile(r">\s*-?\d+(?:\.\d+)?e[+-]\d+\s*<")
_GROUPED = {
    "en": re.compile(r">\s*-?\d{1,3}(?:[ \u00a0]\d{3})+(?:\.\d+)?\s*<"),
    "ky": re.compile(r">\s*-?\d{1,3}(?:,\d{3})+(?:,\d+)?\s*<"),
}


def table_problems(nb, path: Path) -> list[str]:
    """Cells of a table shown with an exponent, or with another language's separators."""
    lang = path.parent.name if path.parent.name in _GROUPED else None
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            page = str(out.get("data", {}).get("text/html", ""))
            if "<table" not in page:
                continue
            found.extend(f"cell {i}: {m.group(0)}" for m in _EXPONENT.finditer(page))
            if lang:
                found.extend(
                    f"cell {i} ({lang}): {m.group(0)}" for m in _GROUPED[lang].finditer(page)
                )
    return found


#: words a Kyrgyz or Russian table may show in Latin letters (names of programs, units, acronyms)
_LATIN_ALLOWED = {"ID", "CSV", "XLSX", "PNG", "PDF", "Word", "Excel", "m", "SEDP", "ПРА"}
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_]+")
_AN_ID = re.compile(r"^\s*(?:[a-z]+(?:[-_][a-z0-9]+)+|[a-z]{3,}|True|False)\s*$")


def english_on_screen(nb, values: bool = False) -> list[str]:
    """What a Kyrgyz or Russian lesson shows in English: table headers (and with ``values``,
    ids in the cells), and pandas' own words (``dtype: int64``, ``<Gallery: …>``) where no
    table is drawn."""
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            page = str(data.get("text/html", ""))
            if "<table" in page:
                for th in re.findall(r"<th[^>]*>(.*?)</th>", page, flags=re.S):
                    words = set(_LATIN_WORD.findall(re.sub(r"<[^>]*>", "", th))) - _LATIN_ALLOWED
                    found.extend(f"cell {i}: header {w!r}" for w in sorted(words))
                if values:
                    for td in re.findall(r"<td[^>]*>(.*?)</td>", page, flags=re.S):
                        if _AN_ID.match(td):
                            found.append(f"cell {i}: value {td.strip()!r}")
            elif not page:
                text = str(data.get("text/plain", ""))
                found.extend(
                    f"cell {i}: {w}" for w in ("dtype:", "<Gallery", "DataFrame") if w in text
                )
    return found


def test_english_on_screen_finds_headers_ids_and_pandas_words():
    table = (
        "<table><tr><th>rank</th><th>Орду</th><th>Муниципалитеттин ID</th></tr>"
        "<tr><td>drinking-water</td><td>Ак-Кыя</td><td>Кызмат (water)</td><td>True</td></tr></table>"
    )
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": table}),
        nbformat.v4.new_output("execute_result", data={"text/plain": "waste  3\ndtype: int64"}),
    ]
    nb.cells.append(cell)
    assert english_on_screen(nb, values=True) == [
        "cell 0: header 'rank'",
        "cell 0: value 'drinking-water'",
        "cell 0: value 'True'",
        "cell 0: dtype:",
    ]
    assert english_on_screen(nb) == ["cell 0: header 'rank'", "cell 0: dtype:"]


#: what a lesson's code must not reach for: the raw tables, pandas' hidden attributes and indexers
_PLUMBING = re.compile(r"\.tables\[|\.attrs\[|\.iloc\[|\.loc\[")


@pytest.mark.parametrize(
    "path", [p for p in NOTEBOOKS if p.parent.parent.name == "notebooks"], ids=rel
)
def test_lesson_code_reads_as_sentences(path):
    """Does no lesson cell index a raw table or read pandas' ``.attrs``, ``.loc`` or ``.iloc``?"""
    cells = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    found = [line for src in cells for line in src.splitlines() if _PLUMBING.search(line)]
    assert found == [], f"{rel(path)}: use case.table(...), voting.winners, tariff helpers: {found}"


def test_there_are_notebooks():
    assert any(p.parts[-2] == "ky" for p in NOTEBOOKS)
    assert any(p.parts[-2] == "en" for p in NOTEBOOKS)
    assert any(p.parts[-2] == "ru" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=rel)
def test_stored_without_outputs(path):
    """Is the notebook committed clean (no outputs, no execution counts)?"""
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [
        i
        for i, c in enumerate(nb["cells"])
        if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))
    ]
    assert dirty == [], f"{rel(path)}: strip outputs (nbstripout) from cells {dirty}"


def code_cells(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [
        c.source.strip()
        for c in nb.cells
        if c.cell_type == "code" and "language" not in c.metadata.get("tags", [])
    ]


LESSON_LANGUAGES = ("ky", "en", "ru")
EDITIONS = sorted(
    {p.name for lang in LESSON_LANGUAGES for p in ROOT.glob(f"notebooks/{lang}/*.ipynb")}
)


@pytest.mark.parametrize("name", EDITIONS)
def test_kyrgyz_english_and_russian_editions_match(name):
    """Do the three editions of a lesson run the same code (cells tagged `language` aside)?"""
    paths = {lang: ROOT / "notebooks" / lang / name for lang in LESSON_LANGUAGES}
    missing = [lang for lang, path in paths.items() if not path.exists()]
    assert missing == [], f"{name}: the {', '.join(missing)} edition is missing"
    kyrgyz = code_cells(paths["ky"])
    for lang in ("en", "ru"):
        assert code_cells(paths[lang]) == kyrgyz, f"{lang}/{name}: code cells differ from ky/{name}"


def cell_kinds(path: Path) -> list[str]:
    return [c.cell_type for c in nbformat.read(path, as_version=4).cells]


@pytest.mark.parametrize("name", EDITIONS)
def test_editions_are_parallel_cell_for_cell(name):
    """Is cell N of every edition the same kind of cell, so a code change can be copied across by number?"""
    kinds = {lang: cell_kinds(ROOT / "notebooks" / lang / name) for lang in LESSON_LANGUAGES}
    assert kinds["en"] == kinds["ky"] and kinds["ru"] == kinds["ky"]


@pytest.mark.parametrize("lang", LESSON_LANGUAGES)
@pytest.mark.parametrize("name", EDITIONS)
def test_edition_sets_its_own_language(name, lang):
    """Does the first code cell of an edition switch the toolkit to the edition's language?"""
    nb = nbformat.read(ROOT / "notebooks" / lang / name, as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert "language" in first.metadata.get("tags", [])
    assert f'toolkit.set_language("{lang}")' in first.source


def test_nbstripout_keeps_nbgrader_metadata(tmp_path):
    """Does the repository's nbstripout set-up strip outputs but keep nbgrader's metadata?"""
    src = ROOT / "exercises" / "source" / "00_example" / "00_example.ipynb"
    nb = nbformat.read(src, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="out\n")]
            cell.execution_count = 1
    target = tmp_path / "dirty.ipynb"
    nbformat.write(nb, target)
    attributes = (ROOT / ".gitattributes").read_text()
    assert "*.ipynb filter=nbstripout" in attributes
    nbstripout = shutil.which("nbstripout", path=str(Path(sys.executable).parent))
    subprocess.run([nbstripout, str(target)], check=True, cwd=ROOT, env={**os.environ})
    clean = nbformat.read(target, as_version=4)
    assert all(not c.get("outputs") for c in clean.cells if c.cell_type == "code")
    before = [c.metadata.get("nbgrader") for c in nbformat.read(src, as_version=4).cells]
    assert [c.metadata.get("nbgrader") for c in clean.cells] == before
