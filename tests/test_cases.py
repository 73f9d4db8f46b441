"""Does toolkit.cases load every case, under every spelling, and a trainer's own filled template?"""

from __future__ import annotations

import ast
import csv
import io
import shutil
from pathlib import Path

import pytest

from toolkit import cases
from toolkit.cases import TEMPLATE_TABLES, list_cases, load_case, write_template
from toolkit.errors import ToolkitError
from toolkit.i18n import set_language

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "datasets" / "templates"
KYRGYZ_LETTERS = set("ңөүҢӨҮ")


@pytest.fixture(autouse=True)
def kyrgyz():
    set_language("ky")
    yield
    set_language("ky")


def test_all_lists_exactly_the_public_names():
    """Is ``__all__`` exactly the module's public functions, classes and constants?"""
    tree = ast.parse((ROOT / "toolkit" / "cases.py").read_text(encoding="utf-8"))
    public = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            public.add(node.name)
        elif isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name) and not t.id.startswith("_") and t.id != "__all__":
                    public.add(t.id)
    assert set(cases.__all__) == public


# --------------------------------------------------------------------------- the shipped cases
CASE_IDS = ["teploklyuchenka", "chet-nura", "birinchi-may", "batken-training"]


def test_list_cases_lists_the_four_cases():
    assert list_cases()["case_id"].tolist() == CASE_IDS


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_every_case_loads_with_only_its_own_rows(case_id):
    """Does each case come with its tables, each holding only that case's rows?"""
    case = load_case(case_id)
    assert case.case_id == case_id
    assert len(case.tables["cases"]) == 1
    assert len(case.tables) >= 3
    for name, table in case.tables.items():
        assert len(table) > 0, name
        assert set(table["case_id"]) == {case_id}, name
        assert set(table["kind"]) <= {"observed", "derived", "illustrative"}, name


def test_tables_returned_are_fresh_copies():
    """Can a learner change a table without changing the next load?"""
    first = load_case("teploklyuchenka").tables["tariffs"]
    first.loc[:, "tariff_som"] = -1
    again = load_case("teploklyuchenka").tables["tariffs"]
    assert (again["tariff_som"] > 0).all()


def _value(table, **where):
    mask = True
    for k, v in where.items():
        mask = mask & (table[k] == v)
    rows = table[mask]
    assert len(rows) == 1, where
    return rows.iloc[0]


def test_teploklyuchenka_figures_and_types():
    """Are the observed figures of seed 000 there, with numeric types a lesson can compute with?"""
    case = load_case("teploklyuchenka")
    t = case.tables
    assert _value(t["tariffs"], service_id="dip-bath")["tariff_som"] == 13
    assert _value(t["tariffs"], service_id="dip-bath")["unit"] == "head"
    assert _value(t["tariffs"], service_id="waste")["tariff_som"] == 50
    assert _value(t["tariffs"], service_id="waste")["unit"] == "household"
    assert _value(t["payment_collection"], service_id="waste")["paying_share"] == pytest.approx(
        0.65
    )
    herd = t["livestock"].set_index("animal")["head"].to_dict()
    assert herd == {"horses": 2500, "cattle": 6000, "sheep-and-goats": 18000}
    assert "кой-эчки" in _value(t["services"], service_id="dip-bath")["name_ky"].lower()
    truck = _value(t["vehicles"], vehicle_id="garbage-truck")
    assert truck["price_som"] == 3_500_000
    assert "үч жарым миллион" in truck["source_text"]
    fleet_2021 = t["vehicles"][t["vehicles"]["stage"] == "2021"]["count"].sum()
    assert fleet_2021 == 5  # loader tractor, excavator, grader, two ZIL trucks
    assert _value(t["feedback_channels"], channel="whatsapp")["contacts"] == 1900
    assert set(t["services"]["service_id"]) == {"dip-bath", "waste", "road-repair"}
    assert t["livestock"]["head"].dtype.kind == "i"
    assert t["tariffs"]["tariff_som"].dtype.kind == "f"
    assert case.profile["head"] == "Талант КОБОНБАЕВ"
    assert case.profile["source_year"] == 2021


def test_birinchi_may_hearings_add_up():
    """Do the hearing figures agree (men = total − women) and is the derived one marked derived?"""
    t = load_case("Биринчи Май").tables
    part = t["hearing_participation"]
    for hearing in ("sedp", "budget"):
        rows = part[part["hearing_id"] == hearing].set_index("group")
        assert (
            rows.loc["women", "people"] + rows.loc["men", "people"] == rows.loc["total", "people"]
        )
    assert _value(part, hearing_id="sedp", group="men")["kind"] == "derived"
    assert _value(part, hearing_id="budget", group="initiative-groups")["people"] == 25
    props = t["hearing_proposals"].set_index(["hearing_id", "measure"])["count"]
    assert (props["sedp", "received"], props["sedp", "accepted"]) == (23, 8)
    assert (props["budget", "received"], props["budget", "accepted"]) == (11, 7)
    figures = t["project_figures"].set_index(["project_id", "measure"])["value"]
    assert figures["school-transport", "total-cost"] == (
        figures["school-transport", "local-budget"] + figures["school-transport", "parents"]
    )
    assert figures["airy-tam-water", "pipe-length"] == pytest.approx(4.5)
    assert sorted(t["contest_prizes"]["amount_som"]) == [100_000, 170_000]
    topics = t["hearing_proposal_topics"]
    assert set(topics[topics["from_initiative_groups"]]["hearing_id"]) == {"budget"}
    assert len(t["projects"]) == 3


def test_batken_training_format_and_directions():
    t = load_case("batken-training").tables
    fmt = t["training_format"].set_index("measure")["value"]
    assert (fmt["days"], fmt["sessions"]) == (2, 11)
    assert fmt["municipalities"] == len(t["training_municipalities"]) == 5
    top = t["training_directions"].set_index("municipality_id")["direction"]
    assert top["ken-talaa"] == "sport"
    assert (top == "preschool-education").sum() == 3
    recs = t["training_recommendations"]["audience"].value_counts().to_dict()
    assert recs == {"lsg": 11, "community": 8, "partners": 6}


@pytest.mark.parametrize(
    ("spelling", "case_id"),
    [
        ("chet-nura", "chet-nura"),
        ("Чет-Нура", "chet-nura"),
        ("Чет-Нуура", "chet-nura"),
        ("ЧЕТ-НУРА", "chet-nura"),
        ("Chet Nura", "chet-nura"),
        ("Чет-Нура айыл аймагы", "chet-nura"),
        ("Теплоключенка", "teploklyuchenka"),
        ("teploklyuchenka", "teploklyuchenka"),
        ("Биринчи Май", "birinchi-may"),
        ("Биринчи май", "birinchi-may"),
        ("Первое Мая", "birinchi-may"),
        ("Birinchi May", "birinchi-may"),
        ("Баткен тренинги", "batken-training"),
        ("Batken training", "batken-training"),
    ],
)
def test_spellings(spelling, case_id):
    assert load_case(spelling).case_id == case_id


@pytest.mark.parametrize(
    ("lang", "word"), [("ky", "деген мисал жок"), ("ru", "нет"), ("en", "There is no case")]
)
def test_unknown_case_says_which_there_are(lang, word):
    set_language(lang)
    with pytest.raises(ToolkitError) as err:
        load_case("Алма-Ата")
    assert word in str(err.value)
    assert "«Алма-Ата»" in str(err.value)
    assert "Chet-Nura" in str(err.value) if lang == "en" else "Чет-Нура" in str(err.value)


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_list_cases_in_each_language(lang):
    """Is the one-line description in the current language, and only in it?"""
    set_language(lang)
    table = list_cases()
    profiles = {r.case_id: r for r in load_case("chet-nura").tables["cases"].itertuples()}
    assert table["description"].str.len().min() > 20
    chet = table.set_index("case_id").loc["chet-nura"]
    assert chet["description"] == getattr(profiles["chet-nura"], f"description_{lang}")
    has_kyrgyz = table["description"].map(lambda s: bool(KYRGYZ_LETTERS & set(s)))
    if lang == "ky":
        assert has_kyrgyz.all()
    else:
        assert not has_kyrgyz.any()
    if lang == "en":
        assert table["description"].str.contains("[A-Za-z]").all()


def test_missing_table_of_a_case_is_a_clear_message():
    set_language("ru")
    with pytest.raises(ToolkitError, match="нет таблицы «ballots_2030»"):
        load_case("teploklyuchenka")["ballots_2030"]


# --------------------------------------------------------------------------- templates
AK_JOL = {
    "cases": [
        {
            "case_id": "ak-jol",
            "name_ky": "Ак-Жол",
            "name_ru": "Ак-Жол",
            "name_en": "Ak-Jol",
            "region_ky": "Чүй облусу",
            "district_ky": "Аламүдүн району",
            "head": "Асанов А.",
            "villages_ky": "Ак-Жол;Жаңы-Жер",
            "source_year": "2024",
            "description_ky": "Ойдон чыгарылган айыл аймагы: шаблонду текшерүү үчүн.",
        }
    ],
    "services": [
        {
            "service_id": "drinking-water",
            "name_ky": "Ичүүчү суу",
            "delivery_form": "муниципалдык ишкана",
        },
        {"service_id": "waste", "name_ky": "Таштанды чыгаруу", "provider_since": "2019"},
    ],
    "tariffs": [
        {"service_id": "drinking-water", "tariff_som": "25,5", "unit": "киши", "year": "2024"},
        {"service_id": "waste", "tariff_som": "1 200", "unit": "household", "year": "2024"},
    ],
    "payment_collection": [
        {"service_id": "waste", "year": "2023", "paying_share": "72%", "base": "households"},
    ],
    "livestock": [
        {"animal": "sheep-and-goats", "head": "4 300", "approximate": "ооба", "year": "2024"},
    ],
}


def _fields(table):
    return cases._template_fields(cases._resources()[table])


def _write_csv(
    folder: Path, table: str, rows: list[dict], *, lang=None, encoding="utf-8", delimiter=","
):
    """Fill the committed template file of ``table`` (headers as they are, or in one language)."""
    fields = _fields(table)
    template = (TEMPLATES / "csv" / f"{table}.csv").read_text(encoding="utf-8")
    header = next(csv.reader(io.StringIO(template)))
    if lang:
        header = [f["titles"][lang] for f in fields]
    names = [f["name"] for f in fields]
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(header)
    for r in rows:
        w.writerow([r.get(n, "") for n in names])
    (folder / f"{table}.csv").write_bytes(buf.getvalue().encode(encoding))


def _fill_folder(folder: Path, data=AK_JOL, **kw) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for table, rows in data.items():
        _write_csv(folder, table, rows, **kw)
    return folder


def _check_ak_jol(case):
    assert case.case_id == "ak-jol"
    assert case.name == "Ак-Жол"
    assert set(case.tables) == set(TEMPLATE_TABLES)
    t = case.tables
    assert _value(t["tariffs"], service_id="drinking-water")["tariff_som"] == pytest.approx(25.5)
    assert _value(t["tariffs"], service_id="waste")["tariff_som"] == 1200
    assert _value(t["payment_collection"], service_id="waste")["paying_share"] == pytest.approx(
        0.72
    )
    assert _value(t["livestock"], animal="sheep-and-goats")["head"] == 4300
    assert bool(_value(t["livestock"], animal="sheep-and-goats")["approximate"]) is True
    for table in t.values():
        assert set(table["case_id"]) == {"ak-jol"}
        assert set(table["kind"]) == {"observed"}
    assert case.profile["source_year"] == 2024
    assert case.profile["case_kind"] == "municipality"
    # allowed values written as words of the clerk's language are stored as their codes
    assert (
        _value(t["services"], service_id="drinking-water")["delivery_form"]
        == "municipal-enterprise"
    )
    assert _value(t["tariffs"], service_id="drinking-water")["unit"] == "person"


def test_committed_templates_are_up_to_date():
    """Are datasets/templates/ what write_template() makes from the schemas today?"""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bt", ROOT / "scripts" / "build_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.stale() == []


def test_template_headers_are_in_three_languages():
    header = (TEMPLATES / "csv" / "tariffs.csv").read_text(encoding="utf-8").splitlines()[0]
    assert (
        "Тариф" in header and "За единицу" in header and "Per" in header and "Эмне үчүн" in header
    )


@pytest.mark.parametrize("lang", [None, "ky", "ru", "en"])
def test_fourth_municipality_from_csv_folder(tmp_path, lang):
    """Does a made-up fourth municipality, filled in the CSV template, load (headers in any language)?"""
    _check_ak_jol(load_case(_fill_folder(tmp_path / "ak-jol", lang=lang)))


def test_fourth_municipality_as_str_path(tmp_path):
    folder = _fill_folder(tmp_path / "ak-jol")
    assert load_case(str(folder)).case_id == "ak-jol"


def test_fourth_municipality_from_workbook(tmp_path):
    """Does the committed XLSX template, filled in and saved, load?"""
    from openpyxl import load_workbook

    path = tmp_path / "ak-jol.xlsx"
    shutil.copy(TEMPLATES / "municipality_template.xlsx", path)
    wb = load_workbook(path)
    for table, rows in AK_JOL.items():
        ws = wb[table]
        names = [f["name"] for f in _fields(table)]
        for r in rows:
            values = []
            for n in names:
                v = r.get(n)
                if n in ("year", "source_year", "provider_since"):
                    v = int(v) if v else None  # Excel keeps numbers as numbers
                values.append(v)
            ws.append(values)
    wb.save(path)
    _check_ak_jol(load_case(path))


def test_write_template_round_trip(tmp_path):
    """Does a fresh write_template() workbook, left with only headers, fail on the empty profile?"""
    path = write_template(tmp_path / "fresh.xlsx")
    with pytest.raises(ToolkitError) as err:
        load_case(path)
    assert err.value.where["file"].endswith("cases")


@pytest.mark.parametrize(
    ("encoding", "delimiter", "bom"),
    [
        ("utf-8", ",", False),
        ("utf-8", ",", True),
        ("cp1251", ";", False),
        ("cp1251", ",", False),
        ("utf-16", "\t", True),
    ],
)
def test_encodings(tmp_path, encoding, delimiter, bom):
    """Do files in UTF-8, UTF-8 with BOM, Windows-1251 (Excel's Russian CSV, with ';') load?"""
    data = {k: [dict(r) for r in v] for k, v in AK_JOL.items()}
    # Windows-1251 has no ң ө ү: a Russian-speaking clerk writes Russian
    data["cases"][0].update(
        name_ky="Ак-Жол",
        region_ky="Чуйская область",
        villages_ky="Ак-Жол;Жаны-Жер",
        district_ky="Аламединский район",
        description_ky="Выдуманный айылный аймак для проверки шаблона.",
    )
    data["services"][0]["name_ky"] = "Питьевая вода"
    data["services"][1]["name_ky"] = "Вывоз мусора"
    folder = tmp_path / "ak-jol"
    folder.mkdir()
    for table, rows in data.items():
        _write_csv(
            folder,
            table,
            rows,
            lang="ru",
            encoding="utf-8-sig" if bom and encoding == "utf-8" else encoding,
            delimiter=delimiter,
        )
    case = load_case(folder)
    assert case.profile["region_ky"] == "Чуйская область"
    assert _value(case.tables["services"], service_id="waste")["name_ky"] == "Вывоз мусора"
    assert _value(case.tables["tariffs"], service_id="drinking-water")[
        "tariff_som"
    ] == pytest.approx(25.5)
    assert case.tables["cases"].columns[0] == "case_id"  # no BOM glued to the first header


# --------------------------------------------------------------------------- bad input
def _broken(tmp_path, table, edit):
    """A filled Ak-Jol folder with one file edited: edit(header, rows) -> (header, rows)."""
    folder = _fill_folder(tmp_path / "ak-jol", lang="ky")
    path = folder / f"{table}.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    new = edit(rows[0], rows[1:])
    if new is None:
        path.write_bytes(b"")
    else:
        header, body = new
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows([header, *body])
        path.write_text(buf.getvalue(), encoding="utf-8")
    return folder


def _col(table, name, lang="ky"):
    return next(f for f in _fields(table) if f["name"] == name)["titles"][lang]


def _drop(name, table):
    def edit(header, rows):
        j = header.index(_col(table, name))
        return header[:j] + header[j + 1 :], [r[:j] + r[j + 1 :] for r in rows]

    return edit


def _set(row, name, table, value):
    def edit(header, rows):
        j = header.index(_col(table, name))
        rows[row][j] = value
        return header, rows

    return edit


BAD = {
    "missing column": (
        "tariffs",
        _drop("tariff_som", "tariffs"),
        1,
        "Тариф",
        {"ky": "тилкеси жок", "ru": "Нет столбца", "en": "is missing"},
    ),
    "extra column": (
        "services",
        lambda h, rows: (h + ["Телефон"], [r + ["0555"] for r in rows]),
        1,
        "Телефон",
        {"ky": "деген тилке белгисиз", "ru": "Неизвестный столбец", "en": "Unknown column"},
    ),
    "misspelled column": (
        "tariffs",
        lambda h, rows: ([("Тарифф" if c == "Тариф" else c) for c in h], rows),
        1,
        "Тарифф",
        {
            "ky": "«Тариф» дегиңиз келдиби",
            "ru": "Может быть, «Тариф»",
            "en": "Did you mean «Tariff»",
        },
    ),
    "wrong type": (
        "tariffs",
        _set(0, "tariff_som", "tariffs", "жыйырма беш"),
        2,
        "Тариф",
        {"ky": "сан жазылышы керек", "ru": "Ожидалось число", "en": "Expected a number"},
    ),
    "not a whole number": (
        "livestock",
        _set(0, "head", "livestock", "12.5"),
        2,
        "Башы",
        {"ky": "бүтүн сан", "ru": "целое число", "en": "whole number"},
    ),
    "negative amount": (
        "tariffs",
        _set(1, "tariff_som", "tariffs", "-50"),
        3,
        "Тариф",
        {
            "ky": "терс болбошу керек",
            "ru": "не может быть отрицательным",
            "en": "must not be negative",
        },
    ),
    "share above one": (
        "payment_collection",
        _set(0, "paying_share", "payment_collection", "165%"),
        2,
        "Төлөгөндөрдүн үлүшү",
        {"ky": "же андан аз болушу керек", "ru": "не больше 1", "en": "at most 1"},
    ),
    "duplicate id": (
        "services",
        lambda h, rows: (h, rows + [rows[0]]),
        4,
        "Кызмат көрсөтүүнүн ID",
        {"ky": "2-сапта бар", "ru": "уже есть в строке 2", "en": "already in row 2"},
    ),
    "value not in the list": (
        "tariffs",
        _set(0, "unit", "tariffs", "литр"),
        2,
        "Эмне үчүн",
        {"ky": "Булардын бири болушу керек", "ru": "Допустимые значения", "en": "Expected one of"},
    ),
    "required cell empty": (
        "services",
        _set(1, "name_ky", "services", " "),
        3,
        "Кызмат көрсөтүү (кыргызча)",
        {"ky": "бош болбошу керек", "ru": "не должна быть пустой", "en": "must not be empty"},
    ),
    "unknown service in tariffs": (
        "tariffs",
        _set(0, "service_id", "tariffs", "drinking-watr"),
        2,
        "Кызмат көрсөтүүнүн ID",
        {"ky": "таблицасында жок", "ru": "нет в таблице", "en": "is not in the table"},
    ),
    "empty file": (
        "livestock",
        lambda h, rows: None,
        None,
        None,
        {"ky": "Файл бош", "ru": "Файл пустой", "en": "The file is empty"},
    ),
    "header only profile": (
        "cases",
        lambda h, rows: (h, []),
        None,
        None,
        {
            "ky": "бир гана толтурулган сап",
            "ru": "ровно одна заполненная строка",
            "en": "exactly one filled row",
        },
    ),
}


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
@pytest.mark.parametrize("problem", list(BAD))
def test_bad_input_names_file_row_column(tmp_path, problem, lang):
    """Does each kind of bad file get a message in the user's language naming file, row and column?"""
    table, edit, row, column, words = BAD[problem]
    folder = _broken(tmp_path, table, edit)
    set_language(lang)
    with pytest.raises(ToolkitError) as err:
        load_case(folder)
    message = str(err.value)
    assert words[lang] in message
    assert err.value.where["file"] == f"{table}.csv"
    assert f"{table}.csv" in message
    if row is not None:
        assert err.value.where["row"] == row
        assert {"ky": f"{row}-сап", "ru": f"строка {row}", "en": f"row {row}"}[lang] in message
    if column is not None:
        if lang == "ky" or column in ("Телефон", "Тарифф"):
            assert err.value.where["column"] == column
        assert f"«{err.value.where['column']}»" in message


def test_bad_input_column_named_in_russian(tmp_path):
    set_language("ru")
    folder = _broken(tmp_path, "tariffs", _set(1, "tariff_som", "tariffs", "-50"))
    with pytest.raises(ToolkitError) as err:
        load_case(folder)
    assert err.value.where["column"] == "Тариф"
    folder2 = _broken(tmp_path / "b", "livestock", _set(0, "head", "livestock", "много"))
    with pytest.raises(ToolkitError) as err:
        load_case(folder2)
    assert err.value.where["column"] == "Голов"


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("домохозяйство", "household"),
        ("Үй чарба", "household"),
        ("household", "household"),
        ("head of livestock", "head"),
    ],
)
def test_allowed_values_in_any_language(tmp_path, written, code):
    folder = _broken(tmp_path, "tariffs", _set(1, "unit", "tariffs", written))
    assert _value(load_case(folder).tables["tariffs"], service_id="waste")["unit"] == code


def test_unknown_value_lists_the_choices_in_the_users_language(tmp_path):
    folder = _broken(tmp_path, "tariffs", _set(1, "unit", "tariffs", "литр"))
    for lang, word in [("ky", "үй чарба"), ("ru", "домохозяйство"), ("en", "household")]:
        set_language(lang)
        with pytest.raises(ToolkitError, match=word):
            load_case(folder)


def test_unknown_file_in_folder(tmp_path):
    folder = _fill_folder(tmp_path / "ak-jol")
    (folder / "tarifs.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ToolkitError, match="tarifs.csv"):
        load_case(folder)


def test_missing_required_file(tmp_path):
    folder = _fill_folder(tmp_path / "ak-jol")
    (folder / "services.csv").unlink()
    set_language("en")
    with pytest.raises(ToolkitError, match="services.csv"):
        load_case(folder)


def test_workbook_without_the_expected_sheet(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Лист1"
    wb.create_sheet("cases")
    path = tmp_path / "my.xlsx"
    wb.save(path)
    for lang, words in [("ky", "барак жок"), ("ru", "нет листа"), ("en", "has no sheet")]:
        set_language(lang)
        with pytest.raises(ToolkitError) as err:
            load_case(path)
        assert words in str(err.value) and "«services»" in str(err.value)
        assert err.value.where["file"] == "my.xlsx"


def test_workbook_with_an_unknown_filled_sheet(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "t.xlsx"
    shutil.copy(TEMPLATES / "municipality_template.xlsx", path)
    wb = load_workbook(path)
    wb.create_sheet("Тарифтер 2")["A1"] = "x"
    wb.save(path)
    with pytest.raises(ToolkitError, match="Тарифтер 2"):
        load_case(path)


def test_bad_cell_in_workbook_names_sheet_row_column(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "ak-jol.xlsx"
    shutil.copy(TEMPLATES / "municipality_template.xlsx", path)
    wb = load_workbook(path)
    for table, rows in AK_JOL.items():
        names = [f["name"] for f in _fields(table)]
        for r in rows:
            wb[table].append([r.get(n) for n in names])
    wb["tariffs"].cell(row=3, column=2, value=-1200)
    wb.save(path)
    with pytest.raises(ToolkitError) as err:
        load_case(path)
    assert err.value.where == {"file": "ak-jol.xlsx: tariffs", "row": 3, "column": "Тариф"}


def test_not_a_workbook(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"this is not a zip file")
    with pytest.raises(ToolkitError, match="Excel"):
        load_case(path)


def test_no_such_path(tmp_path):
    with pytest.raises(ToolkitError, match="жок"):
        load_case(tmp_path / "nowhere")


def test_a_failed_load_leaves_nothing_behind(tmp_path):
    """After a bad file, does the good one load fully (no half state kept anywhere)?"""
    bad = _broken(tmp_path, "livestock", _set(0, "head", "livestock", "-3"))
    with pytest.raises(ToolkitError):
        load_case(bad)
    _check_ak_jol(load_case(_fill_folder(tmp_path / "good")))


@pytest.mark.parametrize(
    ("lang", "header"), [("ky", "Мисал үчүн"), ("ru", "Для примера"), ("en", "Illustrative")]
)
def test_notebook_view_counts_illustrative_rows(lang, header):
    """Does a case shown in a notebook say, per table, how many rows are illustrative?"""
    set_language(lang)
    case = load_case("chet-nura")
    html = case._repr_html_()
    assert header in html and case.name in html
    for name in case.tables:
        assert f"<code>{name}</code>" in html
    illustrative = {n: int((f["kind"] == "illustrative").sum()) for n, f in case.tables.items()}
    name = max(illustrative, key=illustrative.get)
    row = html.split(f"<code>{name}</code>")[1].split("</tr>")[0]
    assert row.endswith(f"<td>{illustrative[name]}</td>")


def test_excel_sep_line_and_broken_quotes(tmp_path):
    """Does Excel's «sep=;» first line work, and a stray quote get a row number?"""
    folder = _fill_folder(tmp_path / "ak-jol", lang="ru", delimiter=";")
    path = folder / "livestock.csv"
    path.write_text("sep=;\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert _value(load_case(folder).tables["livestock"], animal="sheep-and-goats")["head"] == 4300
    text = (folder / "services.csv").read_text(encoding="utf-8")
    lines = text.count("\n")
    (folder / "services.csv").write_text(text + 'x;"Тазалык ишканасы\ny;z\n', encoding="utf-8")
    with pytest.raises(ToolkitError) as err:
        load_case(folder)
    assert err.value.where["row"] == lines + 1
    assert err.value.where["file"] == "services.csv" and "row" in err.value.where


def test_folder_holding_only_the_workbook(tmp_path):
    from openpyxl import load_workbook

    folder = tmp_path / "from-email"
    folder.mkdir()
    path = folder / "ak-jol.xlsx"
    shutil.copy(TEMPLATES / "municipality_template.xlsx", path)
    wb = load_workbook(path)
    for table, rows in AK_JOL.items():
        names = [f["name"] for f in _fields(table)]
        for r in rows:
            wb[table].append([r.get(n) for n in names])
    wb.save(path)
    assert load_case(folder).case_id == "ak-jol"


def test_template_workbook_offers_kyrgyz_drop_downs():
    from openpyxl import load_workbook

    wb = load_workbook(TEMPLATES / "municipality_template.xlsx")
    lists = [dv.formula1 for dv in wb["tariffs"].data_validations.dataValidation]
    assert any("үй чарба" in f and "мал башы" in f for f in lists)


def test_a_folder_named_like_a_case_does_not_hide_the_case(tmp_path, monkeypatch):
    """Does "chet-nura" load the shipped case even if the current folder has a chet-nura/ folder,
    while a bare folder name that is no case loads the folder?"""
    monkeypatch.chdir(tmp_path)
    _fill_folder(tmp_path / "chet-nura")
    _fill_folder(tmp_path / "ak-jol-data")
    assert load_case("chet-nura").source == "package"
    assert load_case("ak-jol-data").case_id == "ak-jol"


def test_profile_villages_agree_with_the_villages_table():
    """Does the Chet-Nura profile name the same villages as the villages table?"""
    case = load_case("chet-nura")
    named = set(case.profile["villages_ky"].split(";"))
    if "villages" in case.tables:
        assert named == set(case.tables["villages"]["name_ky"])
    assert {"Ак-Кыя", "Тош-Булак", "Кара-Саз"} <= named
