"""Is datasets/ a valid Frictionless data package whose every row says where it came from?"""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest

from tests.seeds import norm, seed_texts

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"
PACKAGE = json.loads((DATASETS / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in PACKAGE["resources"]}
CASE_IDS = {"teploklyuchenka", "chet-nura", "birinchi-may", "batken-training"}


def _script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(resource):
    with open(DATASETS / resource["path"], encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_frictionless_validates_the_package():
    """Does the Frictionless validator (types, constraints, primary and foreign keys) pass?"""
    from frictionless import validate

    report = validate(str(DATASETS / "datapackage.json"))
    problems = [
        f"{task.name}: {err.message}" for task in report.tasks for err in task.errors[:3]
    ] + [err.message for err in report.errors]
    assert report.valid, "\n".join(problems[:30])


def test_datapackage_json_is_up_to_date():
    """Is the committed datapackage.json what scripts/build_datapackage.py makes from the schemas?"""
    build = _script("build_datapackage")
    current = (DATASETS / "datapackage.json").read_text(encoding="utf-8")
    assert current == json.dumps(build.build(), ensure_ascii=False, indent=2) + "\n", (
        "run: python scripts/build_datapackage.py"
    )


def test_catalogue_is_up_to_date():
    """Is docs/data-catalogue.md a fresh generation from datapackage.json (it cannot drift)?"""
    catalogue = _script("build_catalogue")
    assert (ROOT / "docs" / "data-catalogue.md").read_text(
        encoding="utf-8"
    ) == catalogue.render(), "run: python scripts/build_datapackage.py"


def test_catalogue_lists_every_table_and_column():
    text = (ROOT / "docs" / "data-catalogue.md").read_text(encoding="utf-8")
    for r in PACKAGE["resources"]:
        assert f"### {r['name']}" in text
        for f in r["schema"]["fields"]:
            assert f"| `{f['name']}` |" in text


def test_package_header():
    assert PACKAGE["licenses"][0]["name"] == "CC-BY-4.0"
    assert "copyright" in PACKAGE["licenses"][0]["title"]
    names = [s["title"].split(":")[0] for s in PACKAGE["sources"]]
    assert len(names) == 5 and names == sorted(names)
    assert PACKAGE["resources"][0]["name"] == "cases"


def test_package_sources_are_the_seed_documents():
    """Does the package name exactly the five seed documents as its sources?"""
    names = {s["title"].split(":")[0] for s in PACKAGE["sources"]}
    assert set(seed_texts()) == names


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_every_table_follows_the_convention(name):
    """case_id with a foreign key to cases, the four provenance columns, units where numeric."""
    r = RESOURCES[name]
    assert r["path"] == f"data/{name}.csv"
    fields = {f["name"]: f for f in r["schema"]["fields"]}
    assert "case_id" in fields
    for col in ("kind", "source_file", "source_text", "note"):
        assert col in fields, col
    assert fields["kind"]["constraints"]["enum"] == ["observed", "derived", "illustrative"]
    if name != "cases":
        refs = [fk for fk in r["schema"].get("foreignKeys", []) if fk["fields"] == ["case_id"]]
        assert refs and refs[0]["reference"] == {"resource": "cases", "fields": ["case_id"]}
    assert r["schema"].get("primaryKey"), "every table needs a primary key"
    for f in fields.values():
        assert f.get("description"), f["name"]


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_every_field_has_titles_in_three_languages(name):
    """Can a template header in Kyrgyz, Russian or English be mapped to each column?"""
    r = RESOURCES[name]
    missing = [
        f["name"] for f in r["schema"]["fields"] if set(f.get("titles") or {}) != {"ky", "ru", "en"}
    ]
    assert not missing, f"{name}: fields without titles ky/ru/en: {missing}"
    assert set(r.get("titles") or {}) == {"ky", "ru", "en"}, f"{name}: resource titles"


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_titles_are_unambiguous(name):
    """Does no header label belong to two different columns of the same table?"""
    from toolkit.cases import _labels

    owner = {}
    for f in RESOURCES[name]["schema"]["fields"]:
        for label in _labels(f) - {f["name"].casefold()}:
            assert owner.setdefault(label, f["name"]) == f["name"], (
                f"{name}: «{label}» is a title of {owner[label]} and of {f['name']}"
            )


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_provenance_of_every_row(name):
    """Observed and derived rows name a seed file and its sentence; derived and illustrative say why."""
    sources = {s["title"].split(":")[0] for s in PACKAGE["sources"]}
    for i, row in enumerate(_rows(RESOURCES[name]), 2):
        assert row["case_id"] in CASE_IDS, (name, i)
        if row["kind"] == "illustrative":
            assert row["note"].strip(), f"{name} row {i}: an illustrative row must say why"
            continue
        assert row["source_file"] in sources, (name, i, row["source_file"])
        assert row["source_text"].strip(), (name, i)
        if row["kind"] == "derived":
            assert row["note"].strip(), f"{name} row {i}: a derived row must say how"


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_source_text_is_verbatim(name):
    """Is every quoted Kyrgyz fragment really in its source file (spaces and line breaks aside)?"""
    texts = seed_texts()
    for i, row in enumerate(_rows(RESOURCES[name]), 2):
        if row["kind"] == "illustrative" or not row["source_text"].strip():
            continue
        for fragment in row["source_text"].split(" … "):
            assert norm(fragment) in texts[row["source_file"]], f"{name} row {i}: «{fragment[:80]}»"


def test_observed_numbers_appear_in_their_sentence():
    """Is each observed figure of the core tables written in its own source sentence?"""
    checks = [
        ("tariffs", "tariff_som"),
        ("livestock", "head"),
        ("feedback_channels", "contacts"),
        ("hearing_participation", "people"),
        ("hearing_proposals", "count"),
        ("initiative_groups", "value"),
        ("project_figures", "value"),
        ("training_format", "value"),
    ]
    words = {
        5: "беш",
        2: "Эки",
        3500000: "үч жарым миллион",
        250000: "250 миң",
        50000: "50 миң",
        100000: "100 миң",
        170000: "170 миң",
        0.3: "30 пайыздан",
        4.5: "4,5",
    }
    for table, column in checks:
        for row in _rows(RESOURCES[table]):
            if row["kind"] != "observed" or not row[column]:
                continue
            value = float(row[column])
            value = int(value) if value.is_integer() else value
            text = row["source_text"]
            assert str(value) in text or words.get(value, "\0") in text, (table, row)


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_csv_is_utf8_with_the_schema_columns_in_order(name):
    """Is the CSV plain UTF-8 (no BOM), with the schema's columns as its header and a cell for
    each column in every row, so that an edit in a spreadsheet cannot shift a column?"""
    raw = (DATASETS / RESOURCES[name]["path"]).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{name}: save it as UTF-8 without BOM"
    rows = list(csv.reader(raw.decode("utf-8").splitlines()))
    fields = [f["name"] for f in RESOURCES[name]["schema"]["fields"]]
    assert rows[0] == fields, f"{name}: the header is not the schema's columns"
    ragged = [i for i, row in enumerate(rows[1:], 2) if len(row) != len(fields)]
    assert not ragged, f"{name}: rows {ragged[:5]} do not have {len(fields)} cells"


def test_batken_recommendations_are_the_lists_of_the_source():
    """Are the Batken recommendations the three lists of 001 (11 to local governments, 8 to the
    community, 6 to partners), numbered in order, each a line of its list as written?"""
    rows = _rows(RESOURCES["training_recommendations"])
    counts = {
        a: [int(r["number"]) for r in rows if r["audience"] == a]
        for a in ("lsg", "community", "partners")
    }
    assert counts == {
        "lsg": list(range(1, 12)),
        "community": list(range(1, 9)),
        "partners": list(range(1, 7)),
    }
    for row in rows:
        heading, _sep, line = row["source_text"].partition(" … ")
        assert heading.endswith("сунуштамалар:"), row["source_text"][:80]
        assert line.startswith("- ") and row["text_ky"] in line, row["text_ky"]
        assert row["text_en"], row["text_ky"]
