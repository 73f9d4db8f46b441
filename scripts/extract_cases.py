"""Extract the Teploklyuchenka, Birinchi May and Batken training tables (and the cases table)
from the Kyrgyz seed documents into datasets/data/*.csv and datasets/schemas/*.json.

    python scripts/extract_cases.py && python scripts/build_datapackage.py

Every row quotes its source sentence verbatim (tests/test_datapackage.py checks that each quoted
fragment is in its seed; tests/test_datapackage.py also checks that this script reproduces the
committed files, writing to $ALGCA_EXTRACT_OUT).  The seeds are read from ../shared/seeds (or $ALGCA_SEEDS); only the
Batken recommendations are cut from the seed text, all other sentences are written out here.
The Chet-Nura strategy tables are made by scripts/extract_chet_nura.py.
"""
# ruff: noqa: E501

from __future__ import annotations

import copy
import csv
import json
import os
from pathlib import Path

ROOT = Path(
    os.environ.get("ALGCA_EXTRACT_OUT") or Path(__file__).resolve().parent.parent / "datasets"
)
SEEDS = Path(
    os.environ.get(
        "ALGCA_SEEDS", Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
    )
)
S0 = "000_aa6d57221d7207c7.txt"
S1 = "001_fc89738403232c21.txt"
S2 = "002_0cd78ea14e5f6404.txt"
S3 = "003_98d55a30c6a3a2e1.txt"
S4 = "004_7b15b72083edbb4a.txt"


def T(ky, ru, en):
    return {"ky": ky, "ru": ru, "en": en}


CASE_ID = {
    "name": "case_id",
    "type": "string",
    "title": "Case",
    "description": "The case (municipality or training) this row belongs to; see the table cases.",
    "titles": T("Муниципалитеттин ID", "ID муниципалитета", "Case ID"),
    "constraints": {"required": True},
}
PROV = [
    {
        "name": "kind",
        "type": "string",
        "title": "Kind of figure",
        "description": "observed: stated in the source; derived: computed from observed figures (the note says how); illustrative: made up for teaching, consistent with every observed figure.",
        "titles": T("Маалыматтын түрү", "Вид данных", "Kind"),
        "constraints": {"required": True, "enum": ["observed", "derived", "illustrative"]},
    },
    {
        "name": "source_file",
        "type": "string",
        "title": "Source file",
        "description": "File name of the Kyrgyz source document in the seeds (empty only for illustrative rows).",
        "titles": T("Булак файл", "Файл источника", "Source file"),
    },
    {
        "name": "source_text",
        "type": "string",
        "title": "Source text",
        "description": "The Kyrgyz sentence or table row the figures come from, verbatim; fragments from different places are joined by ' … '. Empty only for illustrative rows.",
        "titles": T("Булактагы сүйлөм", "Фраза из источника", "Source text"),
    },
    {
        "name": "note",
        "type": "string",
        "title": "Note",
        "description": "English: how a derived figure was computed, why a row is illustrative, or a caveat.",
        "titles": T("Эскертүү", "Примечание", "Note"),
    },
]


def F(name, type_, title, desc, titles, unit=None, required=False, **constraints):
    f = {"name": name, "type": type_, "title": title, "description": desc, "titles": titles}
    if unit:
        f["unit"] = unit
    c = dict(constraints)
    if required:
        c = {"required": True, **c}
    if c:
        f["constraints"] = c
    return f


def write(name, title, titles, desc, fields, pk, rows, fks=()):
    allf = copy.deepcopy([CASE_ID] + fields + PROV)
    if name in TEMPLATE_TABLES:  # words a clerk may type instead of the codes
        for f in allf:
            if f["name"] in ENUM_LABELS:
                f["enumLabels"] = ENUM_LABELS[f["name"]]
    names = [f["name"] for f in allf]
    schema = {
        "fields": allf,
        "primaryKey": pk,
        "foreignKeys": [
            {"fields": ["case_id"], "reference": {"resource": "cases", "fields": ["case_id"]}}
        ]
        if name != "cases"
        else [],
    }
    for fk in fks:
        schema["foreignKeys"].append(fk)
    if not schema["foreignKeys"]:
        del schema["foreignKeys"]
    desc_ = {
        "name": name,
        "path": f"data/{name}.csv",
        "title": title,
        "titles": titles,
        "description": desc,
        "schema": schema,
    }
    (ROOT / "schemas" / f"{name}.json").write_text(
        json.dumps(desc_, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    with open(ROOT / "data" / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(names)
        for r in rows:
            extra = set(r) - set(names)
            assert not extra, (name, extra)
            w.writerow(["" if r.get(n) is None else r.get(n) for n in names])


ENUM_LABELS = {
    "case_kind": {
        "municipality": T("айыл аймагы", "айылный аймак", "municipality"),
        "training": T("тренинг", "тренинг", "training"),
    },
    "kind": {
        "observed": T("булакта бар", "из источника", "observed"),
        "derived": T("эсептелген", "вычислено", "derived"),
        "illustrative": T("мисал үчүн", "для примера", "illustrative"),
    },
    "delivery_form": {
        "municipal-enterprise": T(
            "муниципалдык ишкана", "муниципальное предприятие", "municipal enterprise"
        ),
        "lease": T("ижарага берилген", "передано в аренду", "lease"),
        "municipality": T("айыл өкмөтү", "айыл окмоту", "municipality itself"),
        "wua": T("СПА", "АВП", "water users' association"),
        "ngo": T("коомдук уюм", "НКО", "NGO"),
        "private": T(
            "жеке ишкер же компания", "частное лицо или компания", "private person or company"
        ),
        "unknown": T("белгисиз", "неизвестно", "unknown"),
    },
    "unit": {
        "head": T("мал башы", "голова скота", "head of livestock"),
        "household": T("үй чарба", "домохозяйство", "household"),
        "subscriber": T("абонент", "абонент", "subscriber"),
        "person": T("киши", "человек", "person"),
        "m3": T("м³", "м³", "cubic metre"),
        "hectare": T("гектар", "гектар", "hectare"),
        "trip": T("рейс", "рейс", "trip"),
        "other": T("башка", "другое", "other"),
    },
    "base": {
        "population": T("калк", "население", "population"),
        "households": T("үй чарбалар", "домохозяйства", "households"),
        "subscribers": T("абоненттер", "абоненты", "subscribers"),
    },
    "condition": {
        "full-and-on-time": T("толук жана өз убагында", "полностью и вовремя", "fully and on time"),
        "any-payment": T("кандайдыр бир төлөм", "любая оплата", "any payment"),
    },
    "animal": {
        "horses": T("жылкы", "лошади", "horses"),
        "cattle": T("бодо мал", "КРС", "cattle"),
        "sheep-and-goats": T("кой-эчки", "овцы и козы", "sheep and goats"),
        "poultry": T("үй канаттуулары", "птица", "poultry"),
        "other": T("башка", "другое", "other"),
    },
}
TEMPLATE_TABLES = ("cases", "services", "tariffs", "payment_collection", "livestock")


def SRC(src, text, note="", kind="observed"):
    return {"kind": kind, "source_file": src, "source_text": text, "note": note}


# ---------------------------------------------------------------- cases
write(
    "cases",
    "Cases: municipalities and trainings",
    T(
        "Муниципалитеттер жана тренингдер",
        "Муниципалитеты и тренинги",
        "Cases: municipalities and trainings",
    ),
    "One row per case: a rural municipality (its profile: region, district, head, villages named in the source, year of the source) or a training. load_case() accepts the names and the aliases.",
    [
        F(
            "case_kind",
            "string",
            "Kind of case",
            "municipality or training.",
            T("Түрү", "Тип", "Kind of case"),
            required=True,
            enum=["municipality", "training"],
        ),
        F(
            "name_ky",
            "string",
            "Name (Kyrgyz)",
            "Name in Kyrgyz.",
            T("Аталышы (кыргызча)", "Название (кыргызское)", "Name (Kyrgyz)"),
            required=True,
        ),
        F(
            "name_ru",
            "string",
            "Name (Russian)",
            "Name in Russian.",
            T("Аталышы (орусча)", "Название (русское)", "Name (Russian)"),
            required=True,
        ),
        F(
            "name_en",
            "string",
            "Name (English)",
            "Name in English.",
            T("Аталышы (англисче)", "Название (английское)", "Name (English)"),
            required=True,
        ),
        F(
            "aliases",
            "string",
            "Other spellings",
            "Other spellings load_case() accepts, separated by ';'.",
            T("Башка жазылыштары", "Другие написания", "Other spellings"),
        ),
        F(
            "region_ky",
            "string",
            "Region (Kyrgyz)",
            "Oblast, in Kyrgyz.",
            T("Облус (кыргызча)", "Область (кыргызское)", "Region (Kyrgyz)"),
        ),
        F(
            "region_ru",
            "string",
            "Region (Russian)",
            "Oblast, in Russian.",
            T("Облус (орусча)", "Область (русское)", "Region (Russian)"),
        ),
        F(
            "region_en",
            "string",
            "Region (English)",
            "Oblast, in English.",
            T("Облус (англисче)", "Область (английское)", "Region (English)"),
        ),
        F(
            "district_ky",
            "string",
            "District (Kyrgyz)",
            "Rayon, in Kyrgyz; empty for a training of several districts.",
            T("Район (кыргызча)", "Район (кыргызское)", "District (Kyrgyz)"),
        ),
        F(
            "district_ru",
            "string",
            "District (Russian)",
            "Rayon, in Russian.",
            T("Район (орусча)", "Район (русское)", "District (Russian)"),
        ),
        F(
            "district_en",
            "string",
            "District (English)",
            "Rayon, in English.",
            T("Район (англисче)", "Район (английское)", "District (English)"),
        ),
        F(
            "head",
            "string",
            "Head of the municipality",
            "Head of the rural municipality (айыл өкмөтүнүн башчысы) as the source writes the name.",
            T("Айыл өкмөтүнүн башчысы", "Глава айыл окмоту", "Head of the municipality"),
        ),
        F(
            "villages_ky",
            "string",
            "Villages named in the source",
            "Villages of the municipality that the source names, separated by ';' (not necessarily all of them).",
            T("Айылдар", "Сёла", "Villages"),
        ),
        F(
            "source_year",
            "integer",
            "Year of the source",
            "Year of the source document (date of the article or of the council resolution).",
            T("Булактын жылы", "Год источника", "Year of the source"),
            unit="year",
            minimum=1991,
            maximum=2100,
        ),
        F(
            "description_ky",
            "string",
            "Description (Kyrgyz)",
            "One line about the case, in Kyrgyz.",
            T("Кыскача (кыргызча)", "Кратко (кыргызское)", "Description (Kyrgyz)"),
            required=True,
        ),
        F(
            "description_ru",
            "string",
            "Description (Russian)",
            "One line about the case, in Russian.",
            T("Кыскача (орусча)", "Кратко (русское)", "Description (Russian)"),
            required=True,
        ),
        F(
            "description_en",
            "string",
            "Description (English)",
            "One line about the case, in English.",
            T("Кыскача (англисче)", "Кратко (английское)", "Description (English)"),
            required=True,
        ),
    ],
    ["case_id"],
    [
        dict(
            case_id="teploklyuchenka",
            case_kind="municipality",
            name_ky="Теплоключенка",
            name_ru="Теплоключенка",
            name_en="Teploklyuchenka",
            aliases="Теплоключенка айыл аймагы;Теплоключенка АӨ;Теплоключенский;Teploklyuchenka AA;Teploklyuchenka",
            region_ky="Ысык-Көл облусу",
            region_ru="Иссык-Кульская область",
            region_en="Issyk-Kul region",
            district_ky="Ак-Суу району",
            district_ru="Ак-Суйский район",
            district_en="Ak-Suu district",
            head="Талант КОБОНБАЕВ",
            villages_ky="",
            source_year=2021,
            description_ky="Теплоключенка айыл аймагы (Ысык-Көл облусу, Ак-Суу району): кой-эчкилер үчүн күпкө, таштанды чыгаруу, айылдын ички жолдору, калк менен кайтарым байланыш.",
            description_ru="Теплоключенка (Ак-Суйский район, Иссык-Кульская область): ванна для купания овец и коз, вывоз мусора, внутрипоселковые дороги, обратная связь с жителями.",
            description_en="Teploklyuchenka (Ak-Suu district, Issyk-Kul region): sheep-and-goat dip bath, waste collection, village roads, feedback from residents.",
            **SRC(
                S0,
                "2021-05-21 / ЖӨБ кызматтары … Талант КОБОНБАЕВ, Ысык-Көл областынын Ак-Суу районунун Теплоключенка айыл өкмөтүнүн башчысы",
                "source_year is the date of the article (2021-05-21); the journal issue that reprints it is of September 2024. The source names no villages.",
            ),
        ),
        dict(
            case_id="chet-nura",
            case_kind="municipality",
            name_ky="Чет-Нура",
            name_ru="Чет-Нура",
            name_en="Chet-Nura",
            aliases="Чет-Нуура;Чет Нура;Чет-Нура айыл аймагы;Chet-Nuura;Chet Nura;Chet-Noura",
            region_ky="Нарын облусу",
            region_ru="Нарынская область",
            region_en="Naryn region",
            district_ky="Нарын району",
            district_ru="Нарынский район",
            district_en="Naryn district",
            head="Мусурканов Азамат",
            villages_ky="Орто-Нура;Чет-Нура;Ак-Кыя;Ийри-Суу;Орто-Саз;Ак-Булун;Тош-Булак;Кара-Саз",
            source_year=2019,
            description_ky="Чет-Нура айыл аймагы (Нарын облусу, Нарын району): 2019-жылдагы кызмат көрсөтүүлөрдү уюштуруу стратегиясы — таза суу, таштанды, сугат суу, үч биргелешкен аракеттер планы.",
            description_ru="Чет-Нура (Нарынский район и область): стратегия организации услуг 2019 года — питьевая вода, вывоз мусора, поливная вода, три плана совместных действий.",
            description_en="Chet-Nura (Naryn district and region): the 2019 service delivery strategy — clean water, waste, irrigation, three joint action plans.",
            **SRC(
                S3,
                "НАРЫН ОБЛУСУ … НАРЫН РАЙОНУ … ЧЕТ-НУРА АЙЫЛ АЙМАГЫ … 13-март 2019-жыл №17/16 … Орто-Нура айылы … 1. Мусурканов Азамат Чет-Нура айыл өкмөтүнүн башчысы, жумушчу комиссиянын төрагасы … Ак-Кыя айылынын … Ийри-Суу айылынын … Орто-Саз айлынын … Ак-Булун айылынын … Чет-Нура айылынын … Ак-Кыя,Тош-Булак, Кара-Саз айылдарында таза суу такыр эле жок.",
                "source_year is the year of council resolution No. 17/16 of 13 March 2019 approving the strategy. Villages: those the strategy names (the seat Orto-Nura, the commission members' villages, the villages without clean water).",
            ),
        ),
        dict(
            case_id="birinchi-may",
            case_kind="municipality",
            name_ky="Биринчи Май",
            name_ru="Биринчи Май",
            name_en="Birinchi May",
            aliases="Биринчи май;Биринчи-Май;Биринчи Май айыл аймагы;Первое Мая;Первомайский;Birinchi Mai;Birinchi-May;1-Май",
            region_ky="Жалал-Абад облусу",
            region_ru="Джалал-Абадская область",
            region_en="Jalal-Abad region",
            district_ky="Ала-Бука району",
            district_ru="Ала-Букинский район",
            district_en="Ala-Buka district",
            head="Шербаев М.",
            villages_ky="Айры-Там;Ажек",
            source_year=2021,
            description_ky="Биринчи Май айыл аймагы (Жалал-Абад облусу, Ала-Бука району): демилгелүү топтор, эки коомдук угуу, үч долбоор, сынактардагы сыйлыктар.",
            description_ru="Биринчи Май (Ала-Букинский район, Джалал-Абадская область): инициативные группы, два публичных слушания, три проекта, призы конкурсов.",
            description_en="Birinchi May (Ala-Buka district, Jalal-Abad region): initiative groups, two public hearings, three projects, contest prizes.",
            **SRC(
                S2,
                "Шербаев М., Жалал-Абад облусунун Ала-Бука районундагы Биринчи май айыл өкмөтүнүн башчысы … Айры-Там айылына таза суу алып келүү … Ажек айылындагы үйлөргө суу каптоо коркунучу жаралат … 2021-жылдын 24-декабрындагы №1\\5 токтому менен бекитилген.",
                "Derived: source_year. The presentation is undated; 2021 is the latest date it mentions (the SEDP 2022-2026 approved on 24 December 2021). Head, region, district and villages are observed.",
                kind="derived",
            ),
        ),
        dict(
            case_id="batken-training",
            case_kind="training",
            name_ky="Баткен тренинги",
            name_ru="Баткенский тренинг",
            name_en="Batken training",
            aliases="Баткен;Баткендеги тренинг;Тренинг в Баткене;Batken",
            region_ky="Баткен облусу",
            region_ru="Баткенская область",
            region_en="Batken region",
            district_ky="",
            district_ru="",
            district_en="",
            head="",
            villages_ky="",
            source_year=None,
            description_ky="Баткен облусундагы беш айыл аймагы үчүн эки күндүк тренинг: 11 сессия, карта түзүү, көйгөйлөр галереясы, анкета толтуруу, эң көп добуш алган багыттар.",
            description_ru="Двухдневный тренинг для пяти айылных аймаков Баткенской области: 11 сессий, составление карты, галерея проблем, анкетирование, направления с наибольшим числом голосов.",
            description_en="Two-day training for five rural municipalities of Batken region: 11 sessions; mapping, problem gallery, questionnaire; the most-voted directions.",
            **SRC(
                S1,
                "Баткен облусунун беш муниципалитетинин жергиликтүү өз алдынча башкаруу органдары муниципалдык кызмат көрсөтүүлөрдү жакшыртат … Аларга Баткен облусунун Кыштут, Суу-Башы, Тогуз-Булак, Сумбула жана Кең-Талаа айылдык аймактарынын өкүлдөрү катышты.",
                "The article is undated: source_year left empty (the participants drafted action plans for 2024). The municipalities are in the table training_municipalities.",
            ),
        ),
    ],
)

FK_CASE_SERVICE = {
    "fields": ["case_id", "service_id"],
    "reference": {"resource": "services", "fields": ["case_id", "service_id"]},
}
SERVICE_ID = F(
    "service_id",
    "string",
    "Service",
    "Service id, unique within a case (see the table services).",
    T("Кызмат көрсөтүүнүн ID", "ID услуги", "Service ID"),
    required=True,
    pattern="[a-z0-9-]+",
)


def NAMES(what_ky, what_ru, what_en):
    return [
        F(
            "name_ky",
            "string",
            f"{what_en} (Kyrgyz)",
            f"{what_en}, in Kyrgyz.",
            T(f"{what_ky} (кыргызча)", f"{what_ru} (кыргызское)", f"{what_en} (Kyrgyz)"),
            required=True,
        ),
        F(
            "name_ru",
            "string",
            f"{what_en} (Russian)",
            f"{what_en}, in Russian.",
            T(f"{what_ky} (орусча)", f"{what_ru} (русское)", f"{what_en} (Russian)"),
        ),
        F(
            "name_en",
            "string",
            f"{what_en} (English)",
            f"{what_en}, in English.",
            T(f"{what_ky} (англисче)", f"{what_ru} (английское)", f"{what_en} (English)"),
        ),
    ]


# ---------------------------------------------------------------- livestock
LV = "Айыл аймагында 2500гө жакын жылкы, 6000ге жакын бодо мал жана 18000ге жакын кой-эчкилер өстүрүлөт."
write(
    "livestock",
    "Livestock counts",
    T("Малдын саны", "Поголовье скота", "Livestock counts"),
    "Head of livestock in a municipality, as the source gives them (approximate where it says 'about').",
    [
        F(
            "animal",
            "string",
            "Animal",
            "horses, cattle or sheep-and-goats.",
            T("Мал", "Скот", "Animal"),
            required=True,
            enum=["horses", "cattle", "sheep-and-goats", "poultry", "other"],
        ),
        F(
            "animal_ky",
            "string",
            "Animal (Kyrgyz)",
            "The animal as the source names it.",
            T("Малдын аталышы", "Название (кыргызское)", "Animal (Kyrgyz)"),
        ),
        F(
            "head",
            "integer",
            "Head",
            "Number of animals.",
            T("Башы", "Голов", "Head"),
            unit="head",
            required=True,
            minimum=0,
        ),
        F(
            "approximate",
            "boolean",
            "Approximate",
            "True if the source gives the count as 'about' (…гө жакын).",
            T("Болжолдуу", "Примерно", "Approximate"),
        ),
        F(
            "year",
            "integer",
            "Year",
            "Year the count refers to (year of the source).",
            T("Жылы", "Год", "Year"),
            unit="year",
            minimum=1991,
            maximum=2100,
        ),
    ],
    ["case_id", "animal"],
    [
        dict(
            case_id="teploklyuchenka",
            animal="horses",
            animal_ky="жылкы",
            head=2500,
            approximate="true",
            year=2021,
            **SRC(S0, LV, "'2500гө жакын' = about 2,500; year = year of the article."),
        ),
        dict(
            case_id="teploklyuchenka",
            animal="cattle",
            animal_ky="бодо мал",
            head=6000,
            approximate="true",
            year=2021,
            **SRC(S0, LV, "'6000ге жакын' = about 6,000; year = year of the article."),
        ),
        dict(
            case_id="teploklyuchenka",
            animal="sheep-and-goats",
            animal_ky="кой-эчки",
            head=18000,
            approximate="true",
            year=2021,
            **SRC(
                S0,
                LV,
                "'18000ге жакын' = about 18,000 sheep and goats; year = year of the article.",
            ),
        ),
    ],
)

# ---------------------------------------------------------------- services
TS = "Теплоключенка АӨнүн Кызмат көрсөтүүлөрдү уюштуруу стратегиясы иштелип чыгып, ага төмөнкү кызмат көрсөтүүлөр кирди жана уюштурулду: кой-эчкилер үчүн жугушсуздандыруучу ванна уюштуруу, таштандыларды чогултуу жана ташып чыгаруу боюнча кызмат көрсөтүүнү жакшыртуу, айылдын ички жолдорун оңдоо боюнча кызмат көрсөтүү."
write(
    "services",
    "Services",
    T("Кызмат көрсөтүүлөр", "Услуги", "Services"),
    "The local services of each municipality's service delivery strategy, with who delivers them. Tariffs and payment collection are in their own tables.",
    [SERVICE_ID]
    + NAMES("Кызмат көрсөтүү", "Услуга", "Service")
    + [
        F(
            "provider_ky",
            "string",
            "Provider (Kyrgyz)",
            "Who delivers the service, as the source says.",
            T("Кызмат көрсөтүүчү", "Поставщик услуги", "Provider"),
        ),
        F(
            "provider_en",
            "string",
            "Provider (English)",
            "Who delivers the service, in English.",
            T("Кызмат көрсөтүүчү (англисче)", "Поставщик (английское)", "Provider (English)"),
        ),
        F(
            "delivery_form",
            "string",
            "Form of delivery",
            "municipal-enterprise, lease (municipal property leased to a private provider), municipality, wua (water users' association), ngo, private, or unknown.",
            T("Уюштуруу формасы", "Форма оказания", "Form of delivery"),
            enum=[
                "municipal-enterprise",
                "lease",
                "municipality",
                "wua",
                "ngo",
                "private",
                "unknown",
            ],
        ),
        F(
            "provider_since",
            "integer",
            "Provider since",
            "Year the provider was set up, if the source says.",
            T("Качантан бери", "С какого года", "Provider since"),
            unit="year",
            minimum=1900,
            maximum=2100,
        ),
    ],
    ["case_id", "service_id"],
    [
        dict(
            case_id="teploklyuchenka",
            service_id="dip-bath",
            name_ky="Кой-эчкилер үчүн жугушсуздандыруучу ванна (күпкө)",
            name_ru="Ванна для дезинфекции (купания) овец и коз",
            name_en="Dip bath for sheep and goats",
            provider_ky="ветеринар Сыртбай АБДЫКАРИМОВ (ижарачы)",
            provider_en="a veterinarian (lessee) chosen by tender",
            delivery_form="lease",
            provider_since=None,
            **SRC(
                S0,
                TS
                + " … Андан соң, конкурс жарыяланып, анын жыйынтыгы боюнча күпкө ветеринар Сыртбай АБДЫКАРИМОВГО ижарага берилди.",
                "The dip bath belonged to the 'Zarya' cooperative; the municipality bought it, repaired it and leased it after a tender (municipal-private partnership).",
            ),
        ),
        dict(
            case_id="teploklyuchenka",
            service_id="waste",
            name_ky="Таштандыларды чогултуу жана ташып чыгаруу",
            name_ru="Сбор и вывоз мусора (ТБО)",
            name_en="Waste collection and removal",
            provider_ky="«Тазалык» муниципалдык ишканасы",
            provider_en="municipal enterprise «Tazalyk»",
            delivery_form="municipal-enterprise",
            provider_since=2015,
            **SRC(S0, TS + " … 2015-жылы аймакта «Тазалык» муниципалдык ишканасы уюштурулган."),
        ),
        dict(
            case_id="teploklyuchenka",
            service_id="road-repair",
            name_ky="Айылдын ички жолдорун оңдоо",
            name_ru="Ремонт внутрипоселковых дорог",
            name_en="Repair of village roads",
            provider_ky="",
            provider_en="",
            delivery_form="unknown",
            provider_since=None,
            **SRC(S0, TS, "The source does not say who repairs the roads."),
        ),
        dict(
            case_id="chet-nura",
            service_id="drinking-water",
            name_ky="Таза суу менен камсыздоо",
            name_ru="Обеспечение питьевой водой",
            name_en="Clean drinking water supply",
            provider_ky="",
            provider_en="",
            delivery_form="unknown",
            provider_since=None,
            **SRC(
                S3,
                "1. Таза суу менен камсыздоо боюнча кызмат көрсөтүүнү жакшыртуу",
                "Priority 1 of the strategy (vote order); problems, causes, standards and the action plan are in the Chet-Nura tables. Delivery options are weighed in the strategy.",
            ),
        ),
        dict(
            case_id="chet-nura",
            service_id="waste",
            name_ky="КТК жыйноо, чыгаруу жана жок кылуу",
            name_ru="Вывоз твёрдых бытовых отходов (ТБО)",
            name_en="Municipal solid waste removal",
            provider_ky="",
            provider_en="",
            delivery_form="unknown",
            provider_since=None,
            **SRC(
                S3,
                "2 КТК жыйноону, чыгарууну, жок кылууну уюштуруу",
                "Priority 2 of the strategy (vote order); details in the Chet-Nura tables.",
            ),
        ),
        dict(
            case_id="chet-nura",
            service_id="irrigation",
            name_ky="Сугат суу менен камсыздоо",
            name_ru="Обеспечение поливной водой",
            name_en="Irrigation water supply",
            provider_ky="",
            provider_en="",
            delivery_form="unknown",
            provider_since=None,
            **SRC(
                S3,
                "3 … Сугат суу менен камсыздоону уюштуруу",
                "Priority 3 of the strategy (vote order); details in the Chet-Nura tables.",
            ),
        ),
    ],
)

# ---------------------------------------------------------------- tariffs
write(
    "tariffs",
    "Tariffs",
    T("Тарифтер", "Тарифы", "Tariffs"),
    "Tariff (price) of a service per unit, as the source gives it.",
    [
        SERVICE_ID,
        F(
            "tariff_som",
            "number",
            "Tariff",
            "Price of the service per unit.",
            T("Тариф", "Тариф", "Tariff"),
            unit="som",
            required=True,
            minimum=0,
        ),
        F(
            "unit",
            "string",
            "Per",
            "What the tariff is paid for: head (one animal), household (per month unless the note says otherwise), subscriber, person, m3, hectare.",
            T("Эмне үчүн", "За единицу", "Per"),
            required=True,
            enum=["head", "household", "subscriber", "person", "m3", "hectare", "trip", "other"],
        ),
        F(
            "unit_ky",
            "string",
            "Per (Kyrgyz)",
            "The unit as the source writes it.",
            T("Бирдиги (кыргызча)", "Единица (кыргызское)", "Per (Kyrgyz)"),
        ),
        F(
            "year",
            "integer",
            "Year",
            "Year the tariff applied (year of the source when it gives no other).",
            T("Жылы", "Год", "Year"),
            unit="year",
            minimum=1991,
            maximum=2100,
        ),
    ],
    ["case_id", "service_id", "unit"],
    [
        dict(
            case_id="teploklyuchenka",
            service_id="dip-bath",
            tariff_som=13,
            unit="head",
            unit_ky="мал башына",
            year=2021,
            **SRC(
                S0,
                "Долбоор ошондой эле аталган кызмат көрсөтүүнүн тарифин эсептөөгө жардам берди, ал мал башына 13 сомду түздү.",
                "13 som per animal dipped; calculated with the help of USAID 'Successful Region'. Year = year of the article.",
            ),
        ),
        dict(
            case_id="teploklyuchenka",
            service_id="waste",
            tariff_som=50,
            unit="household",
            unit_ky="ар бир үй чарбачылыгынан",
            year=2021,
            **SRC(
                S0,
                "Кошумча жабдууларды сатып алууга жана тарифти ар бир үй чарбачылыгынан 50 сомго чейин көтөрүүгө туура келди.",
                "The tariff was raised to 50 som per household; the source does not say per what period (a month is usual). Year = year of the article.",
            ),
        ),
    ],
    fks=[FK_CASE_SERVICE],
)

# ---------------------------------------------------------------- payment_collection
write(
    "payment_collection",
    "Payment collection",
    T("Төлөмдөрдүн чогулушу", "Собираемость платежей", "Payment collection"),
    "Share of users who pay for a service (fully and on time, unless the note says otherwise).",
    [
        SERVICE_ID,
        F(
            "year",
            "integer",
            "Year",
            "Year of the figure.",
            T("Жылы", "Год", "Year"),
            unit="year",
            required=True,
            minimum=1991,
            maximum=2100,
        ),
        F(
            "paying_share",
            "number",
            "Share paying",
            "Share of the population or of the users who pay, from 0 to 1.",
            T("Төлөгөндөрдүн үлүшү", "Доля плательщиков", "Share paying"),
            unit="share (0-1)",
            required=True,
            minimum=0,
            maximum=1,
        ),
        F(
            "base",
            "string",
            "Share of",
            "population, households or subscribers.",
            T("Кимдин ичинен", "От кого", "Share of"),
            enum=["population", "households", "subscribers"],
        ),
        F(
            "condition",
            "string",
            "Condition",
            "full-and-on-time, any-payment.",
            T("Шарты", "Условие", "Condition"),
            enum=["full-and-on-time", "any-payment"],
        ),
    ],
    ["case_id", "service_id", "year"],
    [
        dict(
            case_id="teploklyuchenka",
            service_id="waste",
            year=2021,
            paying_share=0.65,
            base="population",
            condition="full-and-on-time",
            **SRC(
                S0,
                "2021-жылы Теплоключенка айыл аймагынын калкынын 65%ы таштандыларды ташып чыгаруу үчүн толугу менен жана өз убагында төлөйт.",
                "65% = 0.65.",
            ),
        ),
    ],
    fks=[FK_CASE_SERVICE],
)

# ---------------------------------------------------------------- vehicles
V15 = "Ошол учурда ишкананын бир гана трактору жана ЗИЛ машинасы болгон, бирок таштандыларды чыгарууга аракет кылган."
V21 = "Азыркы учурда «Тазалык» толук кандуу иштеп жатат: ишкананын жүктөгүч трактору, экскаватору, грейдери жана эки ЗИЛ автоунаасы бар."
VT = "Кийинчерээк баасы үч жарым миллион сомду түзгөн, таштанды ташуучу унаа сатылып алынган. Арткы жүктөө каралган атайын жабдууну сатып алуу менен, ишкананын иши жеңилдеп жана КТК толугу менен чыгарыла баштады."
write(
    "vehicles",
    "Vehicles of the waste enterprise",
    T(
        "Таштанды ишканасынын техникасы",
        "Техника предприятия по вывозу мусора",
        "Vehicles of the waste enterprise",
    ),
    "Machines of the municipal waste enterprise at its start (2015), at the time of the article (2021) and bought later, with the price where the source gives it.",
    [
        SERVICE_ID,
        F(
            "vehicle_id",
            "string",
            "Vehicle",
            "tractor, zil-truck, loader-tractor, excavator, grader, garbage-truck.",
            T("Техника", "Техника", "Vehicle"),
            required=True,
        ),
        F(
            "enterprise_ky",
            "string",
            "Enterprise",
            "The enterprise that owns the vehicle.",
            T("Ишкана", "Предприятие", "Enterprise"),
        ),
        F(
            "vehicle_ky",
            "string",
            "Vehicle (Kyrgyz)",
            "As the source names it.",
            T("Техника (кыргызча)", "Техника (кыргызское)", "Vehicle (Kyrgyz)"),
        ),
        F(
            "vehicle_en",
            "string",
            "Vehicle (English)",
            "In English.",
            T("Техника (англисче)", "Техника (английское)", "Vehicle (English)"),
        ),
        F(
            "stage",
            "string",
            "When",
            "start-2015: the fleet when the enterprise was set up; 2021: the fleet at the time of the article; bought-later: bought afterwards.",
            T("Качан", "Когда", "When"),
            required=True,
            enum=["start-2015", "2021", "bought-later"],
        ),
        F(
            "count",
            "integer",
            "Count",
            "Number of vehicles.",
            T("Саны", "Количество", "Count"),
            unit="vehicles",
            required=True,
            minimum=0,
        ),
        F(
            "price_som",
            "number",
            "Price",
            "Purchase price of one vehicle, if the source gives it.",
            T("Баасы", "Цена", "Price"),
            unit="som",
            minimum=0,
        ),
    ],
    ["case_id", "service_id", "vehicle_id", "stage"],
    [
        dict(
            case_id="teploklyuchenka",
            service_id="waste",
            vehicle_id="tractor",
            enterprise_ky="Тазалык",
            vehicle_ky="трактор",
            vehicle_en="tractor",
            stage="start-2015",
            count=1,
            **SRC(S0, V15, "'бир гана трактору' = one tractor only."),
        ),
        dict(
            case_id="teploklyuchenka",
            service_id="waste",
            vehicle_id="zil-truck",
            enterprise_ky="Тазалык",
            vehicle_ky="ЗИЛ машинасы",
            vehicle_en="ZIL truck",
            stage="start-2015",
            count=1,
            **SRC(S0, V15),
        ),
        dict(
            case_id="teploklyuchenka",
            service_id="waste",
            vehicle_id="loader-tractor",
            enterprise_ky="Тазалык",
            vehicle_ky="жүктөгүч трактор",
            vehicle_en="loader tractor",
            stage="2021",
            count=1,
            **SRC(S0, V21, "Count 1: named in the singular."),
        ),
        dict(
            case_id="teploklyuchenka",
            service_id="waste",
            vehicle_id="excavator",
            enterprise_ky="Тазалык",
            vehicle_ky="экскаватор",
            vehicle_en="excavator",
            stage="2021",
            count=1,
            **SRC(S0, V21, "Count 1: named in the singular."),
        ),
        dict(
            case_id="teploklyuchenka",
            service_id="waste",
            vehicle_id="grader",
            enterprise_ky="Тазалык",
            vehicle_ky="грейдер",
            vehicle_en="grader",
            stage="2021",
            count=1,
            **SRC(S0, V21, "Count 1: named in the singular."),
        ),
        dict(
            case_id="teploklyuchenka",
            service_id="waste",
            vehicle_id="zil-truck",
            enterprise_ky="Тазалык",
            vehicle_ky="ЗИЛ автоунаасы",
            vehicle_en="ZIL truck",
            stage="2021",
            count=2,
            **SRC(S0, V21, "'эки ЗИЛ автоунаасы' = two ZIL trucks."),
        ),
        dict(
            case_id="teploklyuchenka",
            service_id="waste",
            vehicle_id="garbage-truck",
            enterprise_ky="Тазалык",
            vehicle_ky="таштанды ташуучу унаа (арткы жүктөө)",
            vehicle_en="rear-loading garbage truck",
            stage="bought-later",
            count=1,
            price_som=3500000,
            **SRC(S0, VT, "Price written in words: 'үч жарым миллион сом' = 3,500,000 som."),
        ),
    ],
    fks=[FK_CASE_SERVICE],
)

# ---------------------------------------------------------------- feedback_channels
WA = "Учурда ЖӨБ органы 1900 байланыш менен өз ара аракеттенип, аларга WhatsApp аркылуу муниципалитеттин ишмердүүлүгү жөнүндө маалымат берип турат."
write(
    "feedback_channels",
    "Feedback channels",
    T("Калк менен байланыш каналдары", "Каналы обратной связи", "Feedback channels"),
    "Channels through which the municipality informs residents and hears from them, with their reach where the source gives it.",
    [
        F(
            "channel",
            "string",
            "Channel",
            "whatsapp, facebook, website.",
            T("Канал", "Канал", "Channel"),
            required=True,
            enum=["whatsapp", "facebook", "website", "meeting", "other"],
        ),
        F(
            "contacts",
            "integer",
            "Contacts",
            "Number of contacts (phone numbers) reached.",
            T("Байланыштардын саны", "Число контактов", "Contacts"),
            unit="contacts",
            minimum=0,
        ),
        F(
            "since_year",
            "integer",
            "Since",
            "Year the channel was in use (the earliest the source mentions).",
            T("Качантан бери", "С какого года", "Since"),
            unit="year",
            minimum=1991,
            maximum=2100,
        ),
        F(
            "purpose_en",
            "string",
            "Purpose",
            "What the channel is used for.",
            T("Максаты", "Цель", "Purpose"),
        ),
    ],
    ["case_id", "channel"],
    [
        dict(
            case_id="teploklyuchenka",
            channel="whatsapp",
            contacts=1900,
            since_year=2020,
            purpose_en="Inform residents about problems and results; collect proposals and complaints (broken lights, roads, land, certificates, fire risks).",
            **SRC(
                S0,
                WA + " … Механизм 2020-жылы, COVID-19 пандемиясынын учурунда өтө пайдалуу болду",
                "since_year: the source says the mechanism was very useful in 2020 (COVID-19), so it existed by 2020; 1,900 contacts at the time of the article (2021).",
            ),
        ),
        dict(
            case_id="teploklyuchenka",
            channel="facebook",
            contacts=None,
            since_year=None,
            purpose_en="Reports on work done; feedback from residents.",
            **SRC(
                S0,
                "ЖӨБ органы Теплоключенка АӨнүн Facebook-баракчасын ачкан, анда аткарылган иштер жөнүндө отчеттор гана жарыяланбастан, калк тарабынан кайтарым байланыш да байкалат.",
            ),
        ),
        dict(
            case_id="teploklyuchenka",
            channel="website",
            contacts=None,
            since_year=None,
            purpose_en="Timely information about work done and planned.",
            **SRC(S0, "Ошондой эле жакында АӨнүн сайты ачылды."),
        ),
    ],
)

# ---------------------------------------------------------------- initiative_groups
IG8 = "8 демилгелүү топ түзүлүп, учурда иштеп жатат (2014-жылы беш ДТ бар болчу):"
write(
    "initiative_groups",
    "Initiative groups",
    T("Демилгелүү топтор", "Инициативные группы", "Initiative groups"),
    "Figures on the citizens' initiative groups of a municipality, one figure a row (tidy: measure, value, unit).",
    [
        F(
            "measure",
            "string",
            "Measure",
            "groups (number of groups), women-share-min (women's share is more than this).",
            T("Көрсөткүч", "Показатель", "Measure"),
            required=True,
            enum=["groups", "women-share-min"],
        ),
        F(
            "as_of",
            "string",
            "As of",
            "The year the figure refers to, or 'current' (at the time of the source).",
            T("Качанкы", "На когда", "As of"),
            required=True,
        ),
        F(
            "value",
            "number",
            "Value",
            "The figure.",
            T("Мааниси", "Значение", "Value"),
            required=True,
            minimum=0,
        ),
        F(
            "unit",
            "string",
            "Unit",
            "groups or share (0-1).",
            T("Бирдиги", "Единица", "Unit"),
            required=True,
            enum=["groups", "share"],
        ),
    ],
    ["case_id", "measure", "as_of"],
    [
        dict(
            case_id="birinchi-may",
            measure="groups",
            as_of="2014",
            value=5,
            unit="groups",
            **SRC(S2, IG8, "'2014-жылы беш ДТ' = five groups in 2014, when the cooperation began."),
        ),
        dict(
            case_id="birinchi-may",
            measure="groups",
            as_of="current",
            value=8,
            unit="groups",
            **SRC(S2, IG8, "Eight groups working at the time of the source (about 2021)."),
        ),
        dict(
            case_id="birinchi-may",
            measure="women-share-min",
            as_of="current",
            value=0.3,
            unit="share",
            **SRC(
                S2,
                "Топтордун курамында аялдардын катышуусу 30 пайыздан көп",
                "'30 пайыздан көп' = more than 30%: the value is a lower bound.",
            ),
        ),
    ],
)

# ---------------------------------------------------------------- hearings
HS = "Угууларга катышкандардын саны 83 болду, анын 31и – аялдар"
HB = "Катышуучулардын саны 135 адам болду, анын ичинен 57си - аялдар, 78и – эркектер, ал эми демилгелүү топтордон 25 адам катышты"
write(
    "hearings",
    "Public hearings",
    T("Коомдук угуулар", "Публичные слушания", "Public hearings"),
    "Public hearings held by a municipality; participation and proposals are in hearing_participation and hearing_proposals.",
    [
        F(
            "hearing_id",
            "string",
            "Hearing",
            "Id of the hearing within the case.",
            T("Угуунун ID", "ID слушания", "Hearing ID"),
            required=True,
            pattern="[a-z0-9-]+",
        )
    ]
    + NAMES("Угуунун темасы", "Тема слушания", "Topic")
    + [
        F(
            "document",
            "string",
            "Document discussed",
            "sedp (socio-economic development programme) or budget.",
            T("Талкууланган документ", "Обсуждаемый документ", "Document discussed"),
            enum=["sedp", "budget", "tariff", "other"],
        ),
    ],
    ["case_id", "hearing_id"],
    [
        dict(
            case_id="birinchi-may",
            hearing_id="sedp",
            name_ky="СЭӨПны талкуулоо боюнча коомдук угуу",
            name_ru="Публичные слушания по ПСЭР",
            name_en="Public hearing on the socio-economic development programme",
            document="sedp",
            **SRC(
                S2,
                "СЭӨПны талкуулоого демилгелүү топтор катышты",
                "The source does not say which SEDP (2018-2022 or 2022-2026) was discussed.",
            ),
        ),
        dict(
            case_id="birinchi-may",
            hearing_id="budget",
            name_ky="Жергиликтүү бюджетти түзүү боюнча коомдук угуу",
            name_ru="Публичные слушания по местному бюджету",
            name_en="Public hearing on the local budget",
            document="budget",
            **SRC(
                S2,
                "Жергиликтүү бюджетти түзүү боюнча коомдук угууларга демилгелүү топтор жигердүү катышты:",
            ),
        ),
    ],
)
FK_HEARING = {
    "fields": ["case_id", "hearing_id"],
    "reference": {"resource": "hearings", "fields": ["case_id", "hearing_id"]},
}
HID = F(
    "hearing_id",
    "string",
    "Hearing",
    "The hearing (see the table hearings).",
    T("Угуунун ID", "ID слушания", "Hearing ID"),
    required=True,
)
write(
    "hearing_participation",
    "Participation in public hearings",
    T(
        "Коомдук угууларга катышуу",
        "Участие в публичных слушаниях",
        "Participation in public hearings",
    ),
    "How many people took part in each hearing: in total, women, men, and people from initiative groups. One figure a row.",
    [
        HID,
        F(
            "group",
            "string",
            "Who",
            "total, women, men, initiative-groups (participants who came from initiative groups).",
            T("Кимдер", "Кто", "Who"),
            required=True,
            enum=["total", "women", "men", "initiative-groups"],
        ),
        F(
            "people",
            "integer",
            "People",
            "Number of participants.",
            T("Адам", "Человек", "People"),
            unit="people",
            required=True,
            minimum=0,
        ),
    ],
    ["case_id", "hearing_id", "group"],
    [
        dict(case_id="birinchi-may", hearing_id="sedp", group="total", people=83, **SRC(S2, HS)),
        dict(case_id="birinchi-may", hearing_id="sedp", group="women", people=31, **SRC(S2, HS)),
        dict(
            case_id="birinchi-may",
            hearing_id="sedp",
            group="men",
            people=52,
            **SRC(S2, HS, "Derived: men = total − women = 83 − 31 = 52.", kind="derived"),
        ),
        dict(case_id="birinchi-may", hearing_id="budget", group="total", people=135, **SRC(S2, HB)),
        dict(case_id="birinchi-may", hearing_id="budget", group="women", people=57, **SRC(S2, HB)),
        dict(
            case_id="birinchi-may",
            hearing_id="budget",
            group="men",
            people=78,
            **SRC(S2, HB, "Stated in the source; agrees with 135 − 57 = 78."),
        ),
        dict(
            case_id="birinchi-may",
            hearing_id="budget",
            group="initiative-groups",
            people=25,
            **SRC(S2, HB),
        ),
    ],
    fks=[FK_HEARING],
)
PS = "23 сунуш жана суроо түшкөн, анын ичинен 11 суроо демилгелүү топтон болуп, 8 сунуш СЭӨПга кабыл алынган"
PB = "Жалпысынан 11 сунуш түшүп, 7 сунуш бюджетте эске алынган."
write(
    "hearing_proposals",
    "Proposals at public hearings",
    T(
        "Коомдук угуулардагы сунуштар",
        "Предложения на публичных слушаниях",
        "Proposals at public hearings",
    ),
    "Proposals (and questions) received at each hearing and how many were taken into the document. One figure a row.",
    [
        HID,
        F(
            "measure",
            "string",
            "Measure",
            "received (proposals and questions received), from-initiative-groups (questions from initiative groups), accepted (proposals taken into the SEDP or the budget).",
            T("Көрсөткүч", "Показатель", "Measure"),
            required=True,
            enum=["received", "from-initiative-groups", "accepted"],
        ),
        F(
            "count",
            "integer",
            "Count",
            "Number of proposals or questions.",
            T("Саны", "Количество", "Count"),
            unit="proposals",
            required=True,
            minimum=0,
        ),
    ],
    ["case_id", "hearing_id", "measure"],
    [
        dict(
            case_id="birinchi-may",
            hearing_id="sedp",
            measure="received",
            count=23,
            **SRC(S2, PS, "23 proposals and questions together."),
        ),
        dict(
            case_id="birinchi-may",
            hearing_id="sedp",
            measure="from-initiative-groups",
            count=11,
            **SRC(S2, PS, "11 questions came from initiative groups."),
        ),
        dict(
            case_id="birinchi-may",
            hearing_id="sedp",
            measure="accepted",
            count=8,
            **SRC(S2, PS, "8 proposals taken into the SEDP."),
        ),
        dict(
            case_id="birinchi-may", hearing_id="budget", measure="received", count=11, **SRC(S2, PB)
        ),
        dict(
            case_id="birinchi-may",
            hearing_id="budget",
            measure="accepted",
            count=7,
            **SRC(S2, PB, "7 proposals taken into the budget."),
        ),
    ],
    fks=[FK_HEARING],
)

# ---------------------------------------------------------------- projects
SCH = "Окуучуларды мектепке чейин жана үйлөрүнө жеткирүү уюштурулган."
AIR = "Айры-Там айылына таза суу алып келүү үчүн узундугу 4,5 км түтүк төшөө максатында айыл өкмөтү БУУнун Дүйнөлүк азык-түлүк программасынан инвестиция алды."
AZH = "Айыл өкмөтү, ӨКМ жана демилгелүү топтун мүчөлөрү, жергиликтүү жамаат узундугу 300 метр болгон дамбаны куруп, таштарды коюп, 2000 даана көчөт отургузуп чыгышты."
write(
    "projects",
    "Projects with initiative groups",
    T(
        "Демилгелүү топтор менен долбоорлор",
        "Проекты с инициативными группами",
        "Projects with initiative groups",
    ),
    "Projects a municipality carried out with its initiative groups; costs, contributions, outputs and beneficiaries are in project_figures.",
    [
        F(
            "project_id",
            "string",
            "Project",
            "Id of the project within the case.",
            T("Долбоордун ID", "ID проекта", "Project ID"),
            required=True,
            pattern="[a-z0-9-]+",
        )
    ]
    + NAMES("Долбоор", "Проект", "Project")
    + [
        F(
            "village_ky",
            "string",
            "Village",
            "Village where the project was carried out, if the source names it.",
            T("Айыл", "Село", "Village"),
        ),
        F(
            "funders_en",
            "string",
            "Who paid or helped",
            "Sources of money and work, in English.",
            T("Каржылоочулар", "Кто финансировал", "Who paid or helped"),
        ),
    ],
    ["case_id", "project_id"],
    [
        dict(
            case_id="birinchi-may",
            project_id="school-transport",
            name_ky="Окуучуларды мектепке ташуу",
            name_ru="Подвоз школьников",
            name_en="School transport for pupils of border villages",
            village_ky="",
            funders_en="local budget; parents",
            **SRC(
                S2,
                "Демилгелүү топтор аймактагы чек арага жакын айылдарда жашаган окуучуларды мектепке жеткирүү маселесин чечүү үчүн АӨгө кайрылышты. … "
                + SCH,
            ),
        ),
        dict(
            case_id="birinchi-may",
            project_id="airy-tam-water",
            name_ky="Айры-Там айылына таза суу түтүгү",
            name_ru="Водопровод в селе Айры-Там",
            name_en="Drinking-water pipe to Airy-Tam village",
            village_ky="Айры-Там",
            funders_en="UN World Food Programme (investment); local budget (machinery and fuel); initiative group of 50 women (meals for the workers)",
            **SRC(S2, AIR),
        ),
        dict(
            case_id="birinchi-may",
            project_id="azhek-dam",
            name_ky="Ажек айылындагы суу каптоодон коргоочу дамба",
            name_ru="Защитная дамба в селе Ажек",
            name_en="Flood-protection dam in Azhek village",
            village_ky="Ажек",
            funders_en="municipality, Ministry of Emergency Situations, initiative group members, local community",
            **SRC(S2, AZH, "ӨКМ = Ministry of Emergency Situations."),
        ),
    ],
)
FK_PROJECT = {
    "fields": ["case_id", "project_id"],
    "reference": {"resource": "projects", "fields": ["case_id", "project_id"]},
}


def PF(pid, measure, role, value, unit, src, note="", kind="observed"):
    return dict(
        case_id="birinchi-may",
        project_id=pid,
        measure=measure,
        role=role,
        value=value,
        unit=unit,
        **SRC(S2, src, note, kind),
    )


write(
    "project_figures",
    "Project costs, contributions, outputs and beneficiaries",
    T("Долбоорлордун көрсөткүчтөрү", "Показатели проектов", "Project figures"),
    "One figure of a project a row: money (cost, contribution), physical output (km of pipe, metres of dam, seedlings) or beneficiaries (households, people, pupils, families).",
    [
        F(
            "project_id",
            "string",
            "Project",
            "The project (see the table projects).",
            T("Долбоордун ID", "ID проекта", "Project ID"),
            required=True,
        ),
        F(
            "measure",
            "string",
            "Measure",
            "What is counted, e.g. local-budget, parents, pupils, pipe-length, households, women, men, children, dam-length, seedlings, families.",
            T("Көрсөткүч", "Показатель", "Measure"),
            required=True,
        ),
        F(
            "role",
            "string",
            "Role",
            "cost (total cost), contribution (money from one source), output, beneficiaries, volunteers.",
            T("Ролу", "Роль", "Role"),
            required=True,
            enum=["cost", "contribution", "output", "beneficiaries", "volunteers"],
        ),
        F(
            "value",
            "number",
            "Value",
            "The figure.",
            T("Мааниси", "Значение", "Value"),
            required=True,
            minimum=0,
        ),
        F(
            "unit",
            "string",
            "Unit",
            "som, km, m, seedlings, households, people, pupils, families.",
            T("Бирдиги", "Единица", "Unit"),
            required=True,
            enum=["som", "km", "m", "seedlings", "households", "people", "pupils", "families"],
        ),
    ],
    ["case_id", "project_id", "measure"],
    [
        PF(
            "school-transport",
            "local-budget",
            "contribution",
            250000,
            "som",
            "Жергиликтүү бюджет 250 миң сом бөлдү",
            "'250 миң' = 250,000.",
        ),
        PF(
            "school-transport",
            "parents",
            "contribution",
            50000,
            "som",
            "Ата-энелер 50 миң сом чогултуп беришти",
            "'50 миң' = 50,000.",
        ),
        PF(
            "school-transport",
            "total-cost",
            "cost",
            300000,
            "som",
            "Жергиликтүү бюджет 250 миң сом бөлдү … Ата-энелер 50 миң сом чогултуп беришти",
            "Derived: total = local budget + parents = 250,000 + 50,000 = 300,000 som (the source gives no other contribution).",
            "derived",
        ),
        PF(
            "school-transport",
            "pupils",
            "beneficiaries",
            85,
            "pupils",
            "Жыйынтыгы: 85 окуучуга билим алууга шарт түзүлдү",
        ),
        PF(
            "airy-tam-water",
            "pipe-length",
            "output",
            4.5,
            "km",
            AIR,
            "'4,5 км' = 4.5 km. The amount of the WFP investment is not given.",
        ),
        PF(
            "airy-tam-water",
            "women-volunteers",
            "volunteers",
            50,
            "people",
            "50 аялдан турган демилгелүү топ түтүктөрдү төшөө учурунда жумушчуларга тамак уюштурду",
        ),
        PF(
            "airy-tam-water",
            "households",
            "beneficiaries",
            143,
            "households",
            "Жыйынтыгы: Чек арада жайгашкан Айры-Там айылындагы 143 кожолук, 109 аял, 155 эркек, 85 бала таза суу менен камсыз болду.",
        ),
        PF(
            "airy-tam-water",
            "women",
            "beneficiaries",
            109,
            "people",
            "Жыйынтыгы: Чек арада жайгашкан Айры-Там айылындагы 143 кожолук, 109 аял, 155 эркек, 85 бала таза суу менен камсыз болду.",
        ),
        PF(
            "airy-tam-water",
            "men",
            "beneficiaries",
            155,
            "people",
            "Жыйынтыгы: Чек арада жайгашкан Айры-Там айылындагы 143 кожолук, 109 аял, 155 эркек, 85 бала таза суу менен камсыз болду.",
        ),
        PF(
            "airy-tam-water",
            "children",
            "beneficiaries",
            85,
            "people",
            "Жыйынтыгы: Чек арада жайгашкан Айры-Там айылындагы 143 кожолук, 109 аял, 155 эркек, 85 бала таза суу менен камсыз болду.",
            "The source does not say whether the children are counted among the women and men.",
        ),
        PF("azhek-dam", "dam-length", "output", 300, "m", AZH),
        PF("azhek-dam", "seedlings", "output", 2000, "seedlings", AZH),
        PF(
            "azhek-dam",
            "families",
            "beneficiaries",
            180,
            "families",
            "Жыйынтыгы: 180 үй-бүлөгө Ажек айылында коопсуз жашоого шарт түзүлдү",
        ),
    ],
    fks=[FK_PROJECT],
)

# ---------------------------------------------------------------- contest_prizes
write(
    "contest_prizes",
    "Contest prizes",
    T("Сынактардагы сыйлыктар", "Призы конкурсов", "Contest prizes"),
    "Contests the municipality's initiative groups won, and what the prize money bought.",
    [
        F(
            "year",
            "integer",
            "Year",
            "Year of the contest.",
            T("Жылы", "Год", "Year"),
            unit="year",
            required=True,
            minimum=1991,
            maximum=2100,
        ),
        F(
            "contest_ky",
            "string",
            "Contest",
            "Name of the contest, as the source writes it.",
            T("Сынак", "Конкурс", "Contest"),
            required=True,
        ),
        F(
            "contest_en",
            "string",
            "Contest (English)",
            "Name of the contest in English.",
            T("Сынак (англисче)", "Конкурс (английское)", "Contest (English)"),
        ),
        F(
            "place",
            "integer",
            "Place",
            "Place won.",
            T("Орун", "Место", "Place"),
            required=True,
            minimum=1,
        ),
        F(
            "amount_som",
            "number",
            "Amount spent from the prize",
            "What was bought with the prize money.",
            T("Сыйлыктын суммасы", "Сумма приза", "Amount"),
            unit="som",
            required=True,
            minimum=0,
        ),
        F(
            "spent_on_en",
            "string",
            "Spent on",
            "What the prize money bought, in English.",
            T("Эмнеге жумшалды", "На что потрачено", "Spent on"),
        ),
    ],
    ["case_id", "year"],
    [
        dict(
            case_id="birinchi-may",
            year=2014,
            contest_ky="Жергиликтүү демилгелер",
            contest_en="Local initiatives",
            place=1,
            amount_som=100000,
            spent_on_en="furniture for the kindergarten",
            **SRC(
                S2,
                "2014-жылы “Жергиликтүү демилгелер” конкурсунда катышып, ишке ашырылган “Таза суунун башаты таза болсун” демилгеси менен **1-орунду** ээлегенбиз … (100 миң сомго бала бакчага эмерек сатып бердик)",
                "'100 миң' = 100,000 som spent from the prize; the prize itself may have been larger. Winning initiative: «Таза суунун башаты таза болсун».",
            ),
        ),
        dict(
            case_id="birinchi-may",
            year=2015,
            contest_ky="Жарандардын бюджеттик процеске реалдуу катышуусу",
            contest_en="Real participation of citizens in the budget process",
            place=1,
            amount_som=170000,
            spent_on_en="equipment and furniture for meetings with residents",
            **SRC(
                S2,
                "2015-жылы “Жарандардын бюджеттик процеске реалдуу катышуусу” конкурсунда катышып, **1-орунга** ээ болдук … (170 миң сомго калк менен жолугушуу үчүн жабдууларды жана эмеректерди сатып алдык)",
                "'170 миң' = 170,000 som spent from the prize.",
            ),
        ),
    ],
)

# ---------------------------------------------------------------- Batken training
BM = "Аларга Баткен облусунун Кыштут, Суу-Башы, Тогуз-Булак, Сумбула жана Кең-Талаа айылдык аймактарынын өкүлдөрү катышты."
write(
    "training_municipalities",
    "Municipalities of a training",
    T(
        "Тренингге катышкан айыл аймактары",
        "Айылные аймаки — участники тренинга",
        "Municipalities of a training",
    ),
    "The rural municipalities whose representatives took part in a training.",
    [
        F(
            "municipality_id",
            "string",
            "Municipality",
            "Id of the municipality within the training.",
            T("Айыл аймагынын ID", "ID айылного аймака", "Municipality ID"),
            required=True,
            pattern="[a-z0-9-]+",
        )
    ]
    + NAMES("Айыл аймагы", "Айылный аймак", "Municipality")
    + [
        F(
            "district_ky",
            "string",
            "District",
            "District, if the source says.",
            T("Району", "Район", "District"),
        ),
    ],
    ["case_id", "municipality_id"],
    [
        dict(
            case_id="batken-training",
            municipality_id=m,
            name_ky=ky,
            name_ru=ru,
            name_en=en,
            district_ky=d,
            **SRC(
                S1,
                BM + (" … Баткен районунун Суу-Башы айыл өкмөтүнүн жаш активисти" if d else ""),
                "District: 'Баткен районунун Суу-Башы айыл өкмөтүнүн' (Batken district)."
                if d
                else "",
            ),
        )
        for m, ky, ru, en, d in [
            ("kyshtut", "Кыштут", "Кыштут", "Kyshtut", ""),
            ("suu-bashy", "Суу-Башы", "Суу-Башы", "Suu-Bashy", "Баткен району"),
            ("toguz-bulak", "Тогуз-Булак", "Тогуз-Булак", "Toguz-Bulak", ""),
            ("sumbula", "Сумбула", "Сумбула", "Sumbula", ""),
            ("ken-talaa", "Кең-Талаа", "Кен-Талаа", "Ken-Talaa", ""),
        ]
    ],
)
FK_TM = {
    "fields": ["case_id", "municipality_id"],
    "reference": {"resource": "training_municipalities", "fields": ["case_id", "municipality_id"]},
}
DIR = "Натыйжада эң көп добушка ээ болгон багыттар төмөнкүлөр болду: мектепке чейинки билим берүү (Суу-Башы, Кыштут жана Тогуз-Булак), сугат суу (Сумбуладагы жасалма муз) жана спорт (Кең-Талаа)."
write(
    "training_directions",
    "Most-voted directions",
    T(
        "Эң көп добуш алган багыттар",
        "Направления с наибольшим числом голосов",
        "Most-voted directions",
    ),
    "For each municipality of a training, the direction (area of problems) that got the most votes when participants ranked their priorities with the mapping, problem gallery and questionnaire tools.",
    [
        F(
            "municipality_id",
            "string",
            "Municipality",
            "See training_municipalities.",
            T("Айыл аймагынын ID", "ID айылного аймака", "Municipality ID"),
            required=True,
        ),
        F(
            "direction",
            "string",
            "Direction",
            "preschool-education, irrigation-water, sport.",
            T("Багыт", "Направление", "Direction"),
            required=True,
        ),
        F(
            "direction_ky",
            "string",
            "Direction (Kyrgyz)",
            "As the source writes it.",
            T("Багыт (кыргызча)", "Направление (кыргызское)", "Direction (Kyrgyz)"),
            required=True,
        ),
        F(
            "direction_ru",
            "string",
            "Direction (Russian)",
            "In Russian.",
            T("Багыт (орусча)", "Направление (русское)", "Direction (Russian)"),
        ),
        F(
            "direction_en",
            "string",
            "Direction (English)",
            "In English.",
            T("Багыт (англисче)", "Направление (английское)", "Direction (English)"),
        ),
        F(
            "detail_ky",
            "string",
            "Detail",
            "Detail the source gives, in Kyrgyz.",
            T("Толугураак", "Подробнее", "Detail"),
        ),
        F(
            "rank",
            "integer",
            "Rank",
            "1 = most votes in that municipality.",
            T("Орду", "Место", "Rank"),
            required=True,
            minimum=1,
        ),
    ],
    ["case_id", "municipality_id", "direction"],
    [
        dict(
            case_id="batken-training",
            municipality_id=m,
            direction=d,
            direction_ky=dk,
            direction_ru=dr,
            direction_en=de,
            detail_ky=det,
            rank=1,
            **SRC(S1, DIR, "Rank 1: the direction with the most votes; vote counts are not given."),
        )
        for m, d, dk, dr, de, det in [
            (
                "suu-bashy",
                "preschool-education",
                "мектепке чейинки билим берүү",
                "дошкольное образование",
                "preschool education",
                "",
            ),
            (
                "kyshtut",
                "preschool-education",
                "мектепке чейинки билим берүү",
                "дошкольное образование",
                "preschool education",
                "",
            ),
            (
                "toguz-bulak",
                "preschool-education",
                "мектепке чейинки билим берүү",
                "дошкольное образование",
                "preschool education",
                "",
            ),
            (
                "sumbula",
                "irrigation-water",
                "сугат суу",
                "поливная вода",
                "irrigation water",
                "жасалма муз",
            ),
            ("ken-talaa", "sport", "спорт", "спорт", "sport", ""),
        ]
    ],
    fks=[FK_TM],
)
FMT = "Эки күндүк тренинг 11 сессиядан туруп, алардын ар биринде катышуучулар өз ишинде кезиктирген суроолорду узатып жатышты."
write(
    "training_format",
    "Format of a training",
    T("Тренингдин форматы", "Формат тренинга", "Format of a training"),
    "How a training was organised, one figure a row: days, sessions, participating municipalities, the year of the action plans drafted.",
    [
        F(
            "measure",
            "string",
            "Measure",
            "days, sessions, municipalities, action-plan-year.",
            T("Көрсөткүч", "Показатель", "Measure"),
            required=True,
            enum=["days", "sessions", "municipalities", "action-plan-year"],
        ),
        F(
            "value",
            "integer",
            "Value",
            "The figure.",
            T("Мааниси", "Значение", "Value"),
            required=True,
            minimum=0,
        ),
        F(
            "unit",
            "string",
            "Unit",
            "days, sessions, municipalities, year.",
            T("Бирдиги", "Единица", "Unit"),
            required=True,
            enum=["days", "sessions", "municipalities", "year"],
        ),
    ],
    ["case_id", "measure"],
    [
        dict(
            case_id="batken-training",
            measure="days",
            value=2,
            unit="days",
            **SRC(S1, FMT, "'Эки күндүк' = two-day."),
        ),
        dict(
            case_id="batken-training", measure="sessions", value=11, unit="sessions", **SRC(S1, FMT)
        ),
        dict(
            case_id="batken-training",
            measure="municipalities",
            value=5,
            unit="municipalities",
            **SRC(
                S1,
                "Баткен облусунун беш муниципалитетинин жергиликтүү өз алдынча башкаруу органдары муниципалдык кызмат көрсөтүүлөрдү жакшыртат",
                "'беш' = five; the five are in training_municipalities.",
            ),
        ),
        dict(
            case_id="batken-training",
            measure="action-plan-year",
            value=2024,
            unit="year",
            **SRC(
                S1,
                "Жасалган иштин натыйжасында катышуучулар 2024-жылы кызмат көрсөтүүлөрдү жакшыртуу боюнча пландалып жаткан иш-аракеттерди кошуу менен өз муниципалитеттери үчүн БАПты даярдап чыгышты.",
            ),
        ),
    ],
)
TOOLS = "Жергиликтүү жамаатты жергиликтүү маанидеги маселелерди чечүүгө тартуу үчүн катышуучуларга “Карта түзүү”, “Көйгөйлөр галереясы” жана “Анкета толтуруу” өңдүү аспаптар тууралуу маалымат берилди."
write(
    "training_tools",
    "Tools used in a training",
    T("Тренингде колдонулган аспаптар", "Инструменты тренинга", "Tools used in a training"),
    "The participatory tools participants learned and used to find and rank their priority problems.",
    [
        F(
            "tool",
            "string",
            "Tool",
            "mapping, problem-gallery, questionnaire.",
            T("Аспап", "Инструмент", "Tool"),
            required=True,
            enum=["mapping", "problem-gallery", "questionnaire", "focus-group"],
        )
    ]
    + NAMES("Аспап", "Инструмент", "Tool")
    + [
        F(
            "order",
            "integer",
            "Order",
            "Order in which the source lists the tool.",
            T("Тартиби", "Порядок", "Order"),
            required=True,
            minimum=1,
        ),
    ],
    ["case_id", "tool"],
    [
        dict(
            case_id="batken-training",
            tool=t,
            name_ky=ky,
            name_ru=ru,
            name_en=en,
            order=i,
            **SRC(S1, TOOLS),
        )
        for i, (t, ky, ru, en) in enumerate(
            [
                ("mapping", "Карта түзүү", "Составление карты", "Community mapping"),
                ("problem-gallery", "Көйгөйлөр галереясы", "Галерея проблем", "Problem gallery"),
                ("questionnaire", "Анкета толтуруу", "Анкетирование", "Questionnaire"),
            ],
            1,
        )
    ],
)
BP = "Өз иштерин башкаларга тааныштырып, тренингдердин катышуучулары ошондой эле гранттык жана консультациялык колдоо жаатында “MSDSP KG” коомдук фонду менен кызматташуудан эмнелерди күтүп жатканын айтып, Мыкты тажрыйбалар порталына жайгаштыруу үчүн ЖӨБдүн мыкты практикасынын үч мисалынын темасын сунушташты:"
write(
    "training_practices",
    "Best practices proposed at a training",
    T(
        "Сунушталган мыкты тажрыйбалар",
        "Предложенные лучшие практики",
        "Best practices proposed at a training",
    ),
    "Topics of good local practice that municipalities of a training proposed for the Best Practices Portal.",
    [
        F(
            "municipality_id",
            "string",
            "Municipality",
            "See training_municipalities.",
            T("Айыл аймагынын ID", "ID айылного аймака", "Municipality ID"),
            required=True,
        ),
        F(
            "topic_ky",
            "string",
            "Topic",
            "As the source writes it.",
            T("Темасы", "Тема", "Topic"),
            required=True,
        ),
        F(
            "topic_en",
            "string",
            "Topic (English)",
            "In English.",
            T("Темасы (англисче)", "Тема (английское)", "Topic (English)"),
        ),
    ],
    ["case_id", "municipality_id"],
    [
        dict(
            case_id="batken-training",
            municipality_id=m,
            topic_ky=ky,
            topic_en=en,
            **SRC(S1, BP + " … “" + ky + "”, " + src),
        )
        for m, ky, en, src in [
            (
                "toguz-bulak",
                "Ичүүчү суу менен камсыз кылуу үчүн суу түтүктөрүн өткөрүү",
                "Laying water pipes for drinking water supply",
                "Тогуз-Булак айылдык аймагы;",
            ),
            (
                "sumbula",
                "Кошумча класс ачуу",
                "Opening an additional class",
                "Сумбула айылдык аймагы;",
            ),
            ("ken-talaa", "Жашыл мурас", "Green heritage", "Кең-Талаа айылдык аймагы."),
        ]
    ],
    fks=[FK_TM],
)

# ---------------------------------------------------------------- hearing_proposal_topics
TOP = "Сунуштар ичүүчү таза суу менен камсыз кылуу, бала бакчалардын көйгөйлөрү, жаштардын, аялдардын эс алуусун уюштуруу боюнча болду."
IGP = "Демилгелүү топтон ошондой эле төмөнкүдөй сунуштар түштү:"
write(
    "hearing_proposal_topics",
    "What the proposals at public hearings were about",
    T(
        "Коомдук угуулардагы сунуштардын темалары",
        "Темы предложений на публичных слушаниях",
        "Topics of proposals at public hearings",
    ),
    "The subjects of the proposals received at each hearing, as the source lists them (no counts per topic are given).",
    [
        HID,
        F(
            "topic_id",
            "string",
            "Topic",
            "Id of the topic within the hearing.",
            T("Теманын ID", "ID темы", "Topic ID"),
            required=True,
            pattern="[a-z0-9-]+",
        ),
        F(
            "topic_ky",
            "string",
            "Topic (Kyrgyz)",
            "As the source writes it.",
            T("Темасы (кыргызча)", "Тема (кыргызское)", "Topic (Kyrgyz)"),
            required=True,
        ),
        F(
            "topic_ru",
            "string",
            "Topic (Russian)",
            "In Russian.",
            T("Темасы (орусча)", "Тема (русское)", "Topic (Russian)"),
        ),
        F(
            "topic_en",
            "string",
            "Topic (English)",
            "In English.",
            T("Темасы (англисче)", "Тема (английское)", "Topic (English)"),
        ),
        F(
            "from_initiative_groups",
            "boolean",
            "From initiative groups",
            "True if the source says the proposal came from an initiative group.",
            T("Демилгелүү топтон", "От инициативной группы", "From initiative groups"),
        ),
    ],
    ["case_id", "hearing_id", "topic_id"],
    [
        dict(
            case_id="birinchi-may",
            hearing_id="sedp",
            topic_id="drinking-water",
            topic_ky="ичүүчү таза суу менен камсыз кылуу",
            topic_ru="обеспечение питьевой водой",
            topic_en="drinking water supply",
            from_initiative_groups="false",
            **SRC(
                S2,
                TOP,
                "from_initiative_groups false: the source does not attribute this topic to the initiative groups.",
            ),
        ),
        dict(
            case_id="birinchi-may",
            hearing_id="sedp",
            topic_id="kindergartens",
            topic_ky="бала бакчалардын көйгөйлөрү",
            topic_ru="проблемы детских садов",
            topic_en="problems of the kindergartens",
            from_initiative_groups="false",
            **SRC(S2, TOP, "from_initiative_groups false: not attributed in the source."),
        ),
        dict(
            case_id="birinchi-may",
            hearing_id="sedp",
            topic_id="leisure",
            topic_ky="жаштардын, аялдардын эс алуусун уюштуруу",
            topic_ru="организация досуга молодёжи и женщин",
            topic_en="leisure for young people and women",
            from_initiative_groups="false",
            **SRC(S2, TOP, "from_initiative_groups false: not attributed in the source."),
        ),
        dict(
            case_id="birinchi-may",
            hearing_id="budget",
            topic_id="libraries",
            topic_ky="Китепканалардын ишин жакшыртуу",
            topic_ru="улучшение работы библиотек",
            topic_en="better libraries",
            from_initiative_groups="true",
            **SRC(S2, IGP + " … - Китепканалардын ишин жакшыртуу"),
        ),
        dict(
            case_id="birinchi-may",
            hearing_id="budget",
            topic_id="water-truck",
            topic_ky="Ичүүчү сууну жеткирүү үчүн автотранспорт сатып алуу",
            topic_ru="покупка машины для подвоза питьевой воды",
            topic_en="a vehicle to deliver drinking water",
            from_initiative_groups="true",
            **SRC(S2, IGP + " … - Ичүүчү сууну жеткирүү үчүн автотранспорт сатып алуу"),
        ),
        dict(
            case_id="birinchi-may",
            hearing_id="budget",
            topic_id="school-bus",
            topic_ky="Окуучуларды мектепке ташуу үчүн автобус сатып алуу",
            topic_ru="покупка автобуса для подвоза школьников",
            topic_en="a bus to take pupils to school",
            from_initiative_groups="true",
            **SRC(S2, IGP + " … - Окуучуларды мектепке ташуу үчүн автобус сатып алуу"),
        ),
    ],
    fks=[FK_HEARING],
)

# ---------------------------------------------------------------- training_recommendations
_t = (SEEDS / S1).read_text(encoding="utf-8")
_block = _t[_t.index("ЖӨБ органдарына сунуштамалар:") : _t.index("1 https://youtu.be")]
HEADS = {
    "ЖӨБ органдарына сунуштамалар:": "lsg",
    "Жергиликтүү жамаатка сунуштамалар:": "community",
    "Өнүктүрүү боюнча өнөктөштөргө сунуштамалар:": "partners",
}
EN = {
    "lsg": [
        "Keep improving service quality through planning, management, good communication with providers, social accountability and partners",
        "Create favourable conditions for service providers",
        "Involve the private sector in delivering services",
        "Watch that the way a service is organised makes economic sense",
        "Build providers' management capacity",
        "Make providers' work open and transparent",
        "Consider subsidies from the local budget to pay for services",
        "Encourage citizen participation, openness and accountability of the LSG",
        "Involve young people in decisions; take their views into account in youth policy; help their initiatives",
        "Prepare an action plan for organising services that balances citizens' interests and LSG means",
        "Monitor residents' satisfaction with services regularly",
    ],
    "community": [
        "Keep your side of the service contract (pay the tariff, look after property, follow the rules)",
        "Tell providers in time when your need for a service changes",
        "Give the information and documents a service needs",
        "Take an active part in choosing the priority local initiatives",
        "Take part in public hearings on the local budget, drinking and irrigation water tariffs and service standards",
        "Take part in joint planning with the LSG",
        "Take an active part in the local budget process",
        "Take part in monitoring and evaluating local services",
    ],
    "partners": [
        "Institutionalise knowledge on service quality through ALGCA in-service training courses",
        "Support training of local governments in management and development technologies (services, municipal property, enterprises, inclusive planning, joint M&E of grants, environment and climate, women's leadership)",
        "Support local mechanisms that let communities carry out their initiatives",
        "Invite more women, active young people, people with disabilities, council deputies and small business to training",
        "Work with joint monitoring and evaluation groups in grant projects",
        "Support experience exchange between municipalities on involving citizens",
    ],
}
RU = {"lsg": "органам МСУ", "community": "местному сообществу", "partners": "партнёрам по развитию"}
recs = []
aud = None
n = 0
for line in _block.splitlines():
    line = line.strip()
    if line in HEADS:
        aud = HEADS[line]
        n = 0
        head = line
        continue
    if line.startswith("- ") and aud:
        n += 1
        text = line[2:].rstrip(";.")
        recs.append(
            dict(
                case_id="batken-training",
                audience=aud,
                number=n,
                text_ky=text,
                text_en=EN[aud][n - 1],
                **SRC(S1, head + " … " + line),
            )
        )
assert [sum(r["audience"] == a for r in recs) for a in ("lsg", "community", "partners")] == [
    11,
    8,
    6,
]
write(
    "training_recommendations",
    "Recommendations of a training",
    T("Тренингдин сунуштамалары", "Рекомендации тренинга", "Recommendations of a training"),
    "The recommendations the trainers drew up at the end of a training, to local governments, to the community and to development partners.",
    [
        F(
            "audience",
            "string",
            "To whom",
            "lsg (local self-government bodies), community, partners (development partners).",
            T("Кимге", "Кому", "To whom"),
            required=True,
            enum=["lsg", "community", "partners"],
        ),
        F(
            "number",
            "integer",
            "No.",
            "Order in the source's list for that audience.",
            T("№", "№", "No."),
            required=True,
            minimum=1,
        ),
        F(
            "text_ky",
            "string",
            "Recommendation (Kyrgyz)",
            "As the source writes it.",
            T("Сунуштама (кыргызча)", "Рекомендация (кыргызское)", "Recommendation (Kyrgyz)"),
            required=True,
        ),
        F(
            "text_en",
            "string",
            "Recommendation (English)",
            "A short English rendering.",
            T("Сунуштама (англисче)", "Рекомендация (английское)", "Recommendation (English)"),
        ),
    ],
    ["case_id", "audience", "number"],
    recs,
)
