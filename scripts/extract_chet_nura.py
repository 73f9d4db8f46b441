"""Extract the Chet-Nura service delivery strategy (seed 003) into tidy tables.

    python scripts/extract_chet_nura.py            # write the CSVs and descriptors
    python scripts/extract_chet_nura.py --check    # exit 1 if a committed file differs

The source is ``003_98d55a30c6a3a2e1.txt``: the service delivery strategy of Chet-Nura rural
municipality (Naryn district), approved by council resolution No. 17/16 of 13 March 2019.
The text is a flattened Word document: tables became runs of lines.  Every row written here
names the lines of the seed it comes from; its ``source_text`` is those lines with the
whitespace collapsed (nothing else changed), and every Kyrgyz cell is a piece of that text
(list bullets «—», «·», «§» and the separators «;» «,» between list items dropped, items joined
with «; »).  The script checks this before it writes anything, so a typo stops it.

Tables written (``datasets/data/<table>.csv`` + ``datasets/schemas/<table>.json``):
commission_members, selection_criteria, priority_services, problem_factors, villages,
service_standards, plan_goals, plan_results, plan_tasks, task_results, plan_activities,
delivery_options, monitoring, sustainability_factors, strategy_facts, and the derived
activity_schedule (deadlines as date ranges; the rule is in each row's note).

The English columns (``*_en``) are our translations, not part of the seed.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"
SOURCE_FILE = "003_98d55a30c6a3a2e1.txt"
SEED_CANDIDATES = [
    DATASETS / "seeds" / SOURCE_FILE,
    ROOT.parent / "shared" / "seeds" / SOURCE_FILE,
]
CASE = "chet-nura"
SERVICES = ["drinking-water", "waste", "irrigation"]


def norm(text: str) -> str:
    """Collapse every run of whitespace (also no-break spaces) to one space."""
    return re.sub(r"\s+", " ", text).strip()


def seed_path() -> Path:
    for path in SEED_CANDIDATES:
        if path.exists():
            return path
    raise SystemExit(f"seed {SOURCE_FILE} not found in {[str(p) for p in SEED_CANDIDATES]}")


LINES = seed_path().read_text(encoding="utf-8").split("\n")
SEED_NORM = norm("\n".join(LINES))


def src(first: int, last: int | None = None) -> str:
    """Lines ``first..last`` (1-based, inclusive) of the seed, whitespace collapsed."""
    last = first if last is None else last
    return norm(" ".join(LINES[first - 1 : last]))


def clean_item(text: str) -> str:
    """One list item: bullets and trailing list separators dropped, whitespace collapsed."""
    text = norm(text)
    text = re.sub(r"^[—\-·§•]+\s*", "", text)
    text = re.sub(r"[;,]$", "", text).strip()
    return text


def join_items(items) -> str:
    """List items joined with «; » (after an item ending in «:» just a space)."""
    out = ""
    for item in (clean_item(x) for x in items):
        if item:
            out += ("" if not out else " " if out.endswith(":") else "; ") + item
    return out


def prov(source_text: str, note: str = "", kind: str = "observed") -> dict:
    assert source_text in SEED_NORM, f"not in the seed: {source_text!r}"
    return {"kind": kind, "source_file": SOURCE_FILE, "source_text": source_text, "note": note}


def check_in(value: str, source_text: str) -> None:
    """Every item of a Kyrgyz cell must occur in the row's source text."""
    for piece in value.split("; "):
        if piece and piece not in source_text:
            raise SystemExit(f"cell {piece!r} is not in its source row {source_text!r}")


# --------------------------------------------------------------------------- commission
COMMISSION_EN = {
    1: "Head of Chet-Nura municipal executive (ayil okmotu); chair of the working commission",
    2: "Deputy of Chet-Nura local council; deputy chair of the working commission",
    3: "Executive secretary of the ayil okmotu; secretary of the working commission",
    4: "Deputy of the local council",
    5: "Head of Ak-Kyya village; member of the commission",
    6: "Head of Iyri-Suu village; member of the commission",
    7: "Specialist of the clean water enterprise",
    8: "Head of Orto-Saz village",
    9: "Head of Ak-Bulun village; member of the commission",
    10: "Medical worker (nurse)",
    11: "Head of Chet-Nura village; member of the commission",
}
# name: the words that are the person's name (the rest of the row is the role)
COMMISSION_NAMES = {
    1: "Мусурканов Азамат",
    2: "Молдогазиев Кубатбек",
    3: "Садыкова Керез",
    4: "Ажыбеков Жумабек",
    5: "Омурбеков Марс",
    6: "Абдраимакунов Уланбек",
    7: "Муканова Роза",
    8: "Жетиген уулу Амантай",
    9: "Нурбаев Алтынбек",
    10: "Токтомамыт кызы Кундуз",
    11: "Мамыров Токталы",
}


def commission_members() -> list[dict]:
    rows = []
    for no in range(1, 12):
        line = 151 + no
        text = src(line)
        prefix = f"{no}. {COMMISSION_NAMES[no]} "
        assert text.startswith(prefix), text
        rows.append(
            {
                "case_id": CASE,
                "member_no": no,
                "name": COMMISSION_NAMES[no],
                "role": text[len(prefix) :],
                "role_en": COMMISSION_EN[no],
                **prov(
                    text,
                    "Working group formed by order No. 135-б of the head of the ayil okmotu, "
                    "18 October 2018 (Жумушчу комиссиянын курамы)."
                    if no == 1
                    else "",
                ),
            }
        )
    return rows


# --------------------------------------------------------------------------- criteria
def selection_criteria() -> list[dict]:
    en = {
        1: "The service must be within the competence of local self-government bodies",
        2: "The SEDP is the basis for selecting a priority service",
    }
    rows = []
    for no, line in ((1, 170), (2, 171)):
        text = src(line)
        rows.append(
            {
                "case_id": CASE,
                "criterion_no": no,
                "criterion": re.sub(r"^\d\. ", "", text),
                "criterion_en": en[no],
                **prov(
                    text,
                    "Numbered 1-2 in the seed's list of criteria (line before: "
                    "«…тандап алуунун Критерийлери аныкталган:»).",
                ),
            }
        )
    return rows


# --------------------------------------------------------------------------- services
# (service_id, rank, name_ky, name_en, problem statement lines, whole row lines)
SERVICE_ROWS = [
    (
        "drinking-water",
        1,
        "Таза суу менен камсыздоо боюнча кызмат көрсөтүүнү жакшыртуу",
        "Improving the clean (drinking) water supply service",
        (188, 196),
    ),
    (
        "waste",
        2,
        "КТК жыйноону, чыгарууну, жок кылууну уюштуруу",
        "Organising the collection, removal and disposal of municipal solid waste",
        (220, 220),
    ),
    (
        "irrigation",
        3,
        "Сугат суу менен камсыздоону уюштуруу",
        "Organising the supply of irrigation water",
        (226, 230),
    ),
]
PROBLEM_LINES = {
    "drinking-water": [188, 190, 192, 194, 196],
    "waste": None,  # "Кызмат көрсөтүлбөйт" on the row line
    "irrigation": [230],
}


def priority_services() -> list[dict]:
    rows = []
    for sid, rank, name, name_en, (first, last) in SERVICE_ROWS:
        row_text = src(first, last)
        assert name in row_text
        if sid == "drinking-water":
            items = [src(n) for n in PROBLEM_LINES[sid]]
            items[0] = items[0].split(name, 1)[1]
            problem = " ".join(clean_item(i) for i in items)
        elif sid == "waste":
            problem = "Кызмат көрсөтүлбөйт"
        else:
            problem = clean_item(src(230).split(name, 1)[1])
        for sentence in re.split(r"(?<=\.) ", problem):
            assert sentence in row_text, sentence
        rows.append(
            {
                "case_id": CASE,
                "service_id": sid,
                "rank": rank,
                "selected": True,
                "name_ky": name,
                "name_en": name_en,
                "problem": problem,
                **prov(
                    row_text,
                    "Rank = position in the final list, which the seed says was ordered by the "
                    "number of votes received («алган добуштардын саны көрсөтүлүп, "
                    "артыкчылыктуулугуна жараша бөлүштүрүлдү»); the vote counts themselves are "
                    "not given in the seed. Problem = the column «Стратегияга кошуу үчүн "
                    "негиздеме (Көйгөйдүн туюндурулушу)». The seed lists no screened-out services.",
                ),
            }
        )
    return rows


# --------------------------------------------------------------------------- factors
# (service_id, line, type, english); all from the column «Көйгөйдүн пайда болуу себептери»
FACTORS = [
    ("drinking-water", 200, "cause", "The water pipes are old"),
    ("drinking-water", 202, "cause", "Water fees are not paid in sufficient amount"),
    ("drinking-water", 204, "cause", "The local budget is short"),
    ("drinking-water", 206, "cause", "Management is poor"),
    ("drinking-water", 208, "cause", "Tariffs have not been worked out"),
    ("drinking-water", 210, "cause", "The water does not meet sanitary requirements at all"),
    ("drinking-water", 212, "cause", "Clean water does not reach people in full"),
    ("drinking-water", 214, "cause", "The local budget has no money to build water pipes"),
    (
        "drinking-water",
        216,
        "effect",
        "The number of illnesses grew; the risk of infectious diseases rose several times",
    ),
    ("drinking-water", 218, "effect", "Trust in state and local authorities was lost"),
    (
        "drinking-water",
        190,
        "effect",
        "Because of the poor quality of the water, more people fall ill with intestinal and liver "
        "diseases every year",
    ),
    (
        "waste",
        220,
        "cause",
        "Collection, removal and disposal of solid waste are not organised as a service",
    ),
    ("waste", 222, "cause", "Tariffs have not been set"),
    ("waste", 224, "cause", "People do not pay on time"),
    ("irrigation", 234, "cause", "Management is poor"),
    ("irrigation", 236, "cause", "The inner irrigation canal is in unusable condition"),
    ("irrigation", 238, "cause", "Indifferent attitude of the WUA (СПА/АВП) staff"),
    ("irrigation", 240, "cause", "The material base is poor"),
    ("irrigation", 242, "cause", "Water fees are not paid on time"),
]


def problem_factors() -> list[dict]:
    rows = []
    counters: dict[str, int] = {}
    for sid, line, ftype, en in FACTORS:
        line_text = src(line)
        if sid == "waste":
            # the whole waste row is one line: name § problem § cause § …
            row_text = src(220, 224)
            pieces = [clean_item(p) for p in re.split(r"§", src(220, 224))]
            wanted = {220: 2, 222: 3, 224: 4}[line]
            text = pieces[wanted]
            source_text = line_text if line != 220 else row_text.split(" § Тарифтер")[0]
        else:
            text = clean_item(line_text)
            source_text = line_text
        counters[sid] = counters.get(sid, 0) + 1
        note = (
            "From the problem statement column (Көйгөйдүн туюндурулушу); listed as an effect "
            "because it states a consequence of the poor water (numbered after the causes column)."
            if line == 190
            else "Listed in the seed's column «Көйгөйдүн пайда болуу себептери (Эмненин натыйжасында?)»; "
            "classified as an effect because it states a consequence of the problem."
            if ftype == "effect"
            else "Column «Көйгөйдүн пайда болуу себептери (Эмненин натыйжасында?)»."
        )
        check_in(text, source_text)
        rows.append(
            {
                "case_id": CASE,
                "service_id": sid,
                "factor_no": counters[sid],
                "factor_type": ftype,
                "text": text,
                "text_en": en,
                **prov(source_text, note),
            }
        )
    return rows


# --------------------------------------------------------------------------- villages
VILLAGES = [
    # id, ky, en, has_clean_water, member_no (village head in the commission), line
    ("ak-kyya", "Ак-Кыя", "Ak-Kyya", False, 5, 196),
    ("tosh-bulak", "Тош-Булак", "Tosh-Bulak", False, None, 196),
    ("kara-saz", "Кара-Саз", "Kara-Saz", False, None, 196),
    ("iyri-suu", "Ийри-Суу", "Iyri-Suu", None, 6, 157),
    ("orto-saz", "Орто-Саз", "Orto-Saz", None, 8, 159),
    ("ak-bulun", "Ак-Булун", "Ak-Bulun", None, 9, 160),
    ("chet-nura", "Чет-Нура", "Chet-Nura", None, 11, 162),
    ("orto-nura", "Орто-Нура", "Orto-Nura", None, None, 11),
]


def villages() -> list[dict]:
    rows = []
    for vid, ky, en, water, member, line in VILLAGES:
        text = src(line)
        name_in_text = {"Орто-Саз": "Орто-Саз айлынын"}.get(ky, ky)
        assert name_in_text in text, (ky, text)
        notes = []
        if water is False:
            notes.append(
                "The seed: «Ак-Кыя,Тош-Булак, Кара-Саз айылдарында таза суу такыр эле жок» "
                "(no clean water at all)."
            )
        else:
            notes.append("The seed does not say whether this village has clean water.")
        if member:
            notes.append(
                f"Its village head (айыл башчысы) is member No. {member} of the working commission."
            )
        if vid == "ak-kyya":
            notes.append("Village head from commission row 5: «" + src(156) + "».")
        if vid == "orto-nura":
            notes.append(
                "Named as the place of the council session that approved the strategy "
                "(resolution No. 17/16, 13 March 2019)."
            )
        rows.append(
            {
                "case_id": CASE,
                "village_id": vid,
                "name_ky": ky,
                "name_en": en,
                "has_clean_water": water,
                "village_head": COMMISSION_NAMES[member] if member else None,
                "commission_member_no": member,
                **prov(text, " ".join(notes)),
            }
        )
    return rows


# --------------------------------------------------------------------------- standards
CRITERIA = ["accessibility", "convenience", "quality", "timeliness"]
CRITERIA_KY = [
    "Жеткиликтүүлүк",
    "Ыңгайлуулук",
    "Кызмат көрсөтүүнүн сапаты",
    "Ишке ашырылган убактысы",
]
STANDARDS = {
    # service: [(lines, [standard line numbers], english)]
    "drinking-water": [
        ((254, 254), [254], "Equal amounts of clean water are made available to all residents"),
        (
            (255, 255),
            [255],
            "Water pipes are brought to where residents live; connecting them "
            "into houses is also possible",
        ),
        ((256, 256), [256], "Clean water is tested regularly"),
        (
            (257, 259),
            [257, 259],
            "Clean water is supplied without interruption; in winter by a "
            "specially approved schedule",
        ),
    ],
    "waste": [
        ((543, 543), [543], "Waste is collected from in front of every house"),
        ((544, 544), [544], "Residents load the waste themselves"),
        ((545, 545), [545], "Waste is removed in full, on time and cleanly"),
        ((546, 546), [546], "Removed once a week"),
    ],
    "irrigation": [
        ((896, 896), [896], "Irrigation water reaches all arable land evenly"),
        ((897, 897), [897], "Fields are level, ditches cleaned"),
        ((898, 900), [898, 900], "Water is delivered in large amounts; a rich harvest"),
        ((902, 902), [902], "From season to season (periodically)"),
    ],
}


def service_standards() -> list[dict]:
    rows = []
    for sid, items in STANDARDS.items():
        for (crit, crit_ky), ((first, last), lines, en) in zip(
            zip(CRITERIA, CRITERIA_KY, strict=True), items, strict=True
        ):
            row_text = src(first, last)
            assert crit_ky in row_text, (crit_ky, row_text)
            parts = []
            for n in lines:
                t = src(n)
                if n == lines[0]:
                    t = t.split(crit_ky, 1)[1]
                parts.append(clean_item(t))
            standard = "; ".join(parts) if sid == "irrigation" else " ".join(parts)
            if sid != "irrigation":
                assert standard in row_text or all(p in row_text for p in parts)
            check_in(standard, row_text)
            rows.append(
                {
                    "case_id": CASE,
                    "service_id": sid,
                    "criterion": crit,
                    "criterion_ky": crit_ky,
                    "standard": standard,
                    "standard_en": en,
                    **prov(row_text),
                }
            )
    return rows


# --------------------------------------------------------------------------- goals/results
GOALS = {
    # service: (plan_no, title line, title, goal line, goal text, goal english)
    "drinking-water": (
        1,
        268,
        "Таза суу менен камсыздоо боюнча кызмат көрсөтүүнү жакшыртуу",
        270,
        "Чет-Нура айылдык аймагынын жашоочуларын сапаттуу таза суу менен үзгүлтүксүз "
        "камсыздоо кызмат көрсөтүүсүн уюштуруу",
        "Organise a service that supplies the residents of Chet-Nura with quality "
        "clean water without interruption",
    ),
    "waste": (
        2,
        553,
        "КТК чыгаруу",
        554,
        "Чет-Нура ААнын чегинде КТК чыгаруу кызмат көрсөтүүсүн уюштуруу",
        "Organise a solid-waste removal service within Chet-Nura rural municipality",
    ),
    "irrigation": (
        3,
        909,
        "Сугат суунун сапатын жакшыртуу",
        910,
        "Сугат суу кызмат көрсөтүүсүн уюштуруу",
        "Organise the irrigation water service",
    ),
}


def plan_goals() -> list[dict]:
    rows = []
    for sid, (plan_no, tline, title, gline, goal, en) in GOALS.items():
        check_in(title, src(tline))
        check_in(goal, src(gline))
        rows.append(
            {
                "case_id": CASE,
                "service_id": sid,
                "plan_no": plan_no,
                "plan_title": title,
                "goal": goal,
                "goal_en": en,
                **prov(src(gline), f"Plan title from the row «{src(tline)}»."),
            }
        )
    return rows


# service: [(line, result, indicator, baseline, target, unit, note)]
RESULTS = {
    "drinking-water": [
        (
            270,
            "Ар бир адам стандартка жооп берген сапаттуу таза суу менен үзгүлтүксүз камсыз болот.",
            None,
            None,
            None,
            None,
            "",
        ),
        (
            272,
            "90 % түтүн таза суу менен камсыз болот.",
            None,
            None,
            90,
            "%",
            "Target 90 = share of households (түтүн) supplied with clean water; the seed gives no "
            "baseline and no date.",
        ),
        (
            274,
            "Тургундардын ЖӨБ органдарына ишеними 90% өсөт",
            None,
            None,
            90,
            "%",
            "Target 90 = increase in residents' trust in local self-government bodies; the seed "
            "gives no baseline and no way to measure trust.",
        ),
    ],
    "waste": [
        (556, "Аймактын экологиялык абалы оңолот", None, None, None, None, ""),
        (
            558,
            "Калктын саламаттыгына оң таасирин тийгизет",
            "Оорулардын саны 60% кыскарды",
            None,
            60,
            "%",
            "Target 60 = reduction in the number of illnesses, written in brackets after the "
            "result; the seed gives no baseline count of illnesses.",
        ),
        (560, "Аймактын эстетикалык абалы оңолду", None, None, None, None, ""),
    ],
    "irrigation": [
        (912, "Сугат сууларынын үзгүлтүксүз агышы", None, None, None, None, ""),
        (914, "Сугат сууларынын көп өлчөмдө агышы", None, None, None, None, ""),
        (916, "Түшүмдүн мол болушу", None, None, None, None, ""),
    ],
}
RESULT_NOTE = (
    "Listed under «Күтүлгөн жыйынтык(тар) (индикатор)» of the plan goal: the seed gives "
    "the result and its indicator as one statement, so indicator = result."
)


def plan_results() -> list[dict]:
    rows = []
    for sid, items in RESULTS.items():
        for no, (line, result, indicator, base, target, unit, note) in enumerate(items, 1):
            text = src(line)
            check_in(result, text)
            if indicator:
                check_in(indicator, text)
            rows.append(
                {
                    "case_id": CASE,
                    "service_id": sid,
                    "result_no": no,
                    "result": result,
                    "indicator": indicator or result,
                    "baseline": base,
                    "target": target,
                    "unit": unit,
                    "verification": None,
                    **prov(
                        text,
                        " ".join(
                            x
                            for x in (
                                note,
                                "" if indicator else RESULT_NOTE,
                                "No means of verification in the seed.",
                            )
                            if x
                        ),
                    ),
                }
            )
    return rows


# --------------------------------------------------------------------------- tasks
TASK_LINES = {
    "drinking-water": [276, 319, 356, 385, 423, 500],
    "waste": [562, 609, 669, 705, 747, 835],
    "irrigation": [918, 959, 993, 1029, 1071, 1135],
}
TASK_EN = {
    "drinking-water": [
        "Develop service standards",
        "Methods and types of service delivery",
        "Calculate the cost of the service",
        "Agree the price of the service and provide resources",
        "Select the service provider; contractual relations",
        "Public monitoring of service quality",
    ],
    "waste": [
        "Develop service standards",
        "Choose the method and form of service delivery",
        "Calculate the price of the service",
        "Agree the price of the service and provide it with resources",
        "Select the service provider",
        "Public monitoring of service quality",
    ],
}
TASK_EN["irrigation"] = TASK_EN["waste"]
TASK_RE = re.compile(r"^№ ?(\d) (маселе|тапшырма): (.*?)\s*(Күтүлгөн жыйынтык.*)?$")


def plan_tasks() -> list[dict]:
    rows = []
    for sid, lines in TASK_LINES.items():
        for no, line in enumerate(lines, 1):
            text = src(line)
            m = TASK_RE.match(text)
            assert m and int(m.group(1)) == no, text
            rows.append(
                {
                    "case_id": CASE,
                    "service_id": sid,
                    "task_no": no,
                    "task": m.group(3),
                    "task_en": TASK_EN[sid][no - 1],
                    **prov(text, f"The seed calls it «№{no} {m.group(2)}»."),
                }
            )
    return rows


# service -> task_no -> result lines
TASK_RESULT_LINES = {
    "drinking-water": {1: [278, 280], 2: [321], 3: [358], 4: [387, 389], 5: [429], 6: [502, 504]},
    "waste": {1: [564, 566], 2: [611], 3: [671], 4: [707, 709], 5: [749], 6: [837, 839]},
    "irrigation": {1: [920, 922], 2: [961], 3: [995], 4: [1031, 1033], 5: [1073], 6: [1137, 1139]},
}


def task_results() -> list[dict]:
    rows = []
    for sid, tasks in TASK_RESULT_LINES.items():
        for task_no, lines in tasks.items():
            for no, line in enumerate(lines, 1):
                text = src(line)
                result = clean_item(re.sub(r"^\d\.\s*", "", text))
                check_in(result, text)
                rows.append(
                    {
                        "case_id": CASE,
                        "service_id": sid,
                        "task_no": task_no,
                        "result_no": no,
                        "result": result,
                        "indicator": result,
                        "baseline": None,
                        "target": None,
                        "unit": None,
                        "verification": None,
                        **prov(
                            text,
                            "Listed under «Күтүлгөн жыйынтык(тар) (индикатор)» of the task; "
                            "the seed gives result and indicator as one statement, with "
                            "no figure, baseline or means of verification.",
                        ),
                    }
                )
    return rows


# --------------------------------------------------------------------------- activities
PLAN_RANGES = {"drinking-water": (263, 536), "waste": (550, 890), "irrigation": (906, 1185)}
RESOURCE_WORDS = {
    "Жумушчу комиссия",
    "Айыл өкмөтүнүн аппараты",
    "Айыл өкмөт аппараты",
    "Кызмат көрсөтүүчү",
    "Абоненттер",
    "Жергиликтүү кеңеш",
    "Жергиликтүү кенеш",
    "Конкурстук комиссия",
    "БМжБТ",
    "Кызмат көрсөтүүнү жеткирип берүүчү",
    "жооптуу катчысы",
}
DEADLINE_RE = re.compile(
    r"^(2019 жыл|март|апрел|май|июн|июл|август|Август|сентябр|\d+-аптасы|\d+-\d+-аптасы|"
    r"\d+-апрелге|Бекитилген мониторинг)"
)
# where the expected result/product begins in the activity row
RESULT_START = {
    "drinking-water": {
        "1.1": "Алгачкы даяр стандарттар",
        "1.2": "Жыйналыштардын протоколдору",
        "1.3": "Кызмат көрсөтүүлөрдүн стандарттары;",
        "2.1": "Кызмат көрсөтүүнүн түрү белгиленет",
        "2.2": "Арасынан ыкмасы",
        "2.3": "Тандалып алынган ыкмасы",
        "3.1": "Катышуучулардын тизмеси",
        "3.2": "Ичүүчү суу менен камсыз кылуунун",
        "4.1": "Тарифтер макулдашылган",
        "4.2": "Кызмат көрсөтүүнүн баасы (тариф) Монополияга",
        "4.3": "Тарифтерди бекитүү жөнүндөө",
        "5.1": "Конкурстук комиссия түзүү боюнча",
        "5.2": "Айыл кенеши тарабынан",
        "5.3": "Кызмат көрсөтүүчүнү тандоо",
        "5.4": "Кызмат көрсөтүүнү камсыз кылуу үчүн",
        "5.5": "Муниципалдык менчикти пайдалануу келишими",
        "5.6": "Кызмат көрсөтүүчү менен абоненттер ортосунда",
        "6.1": "Биргелешкен мониторинг жана баалоо үчүн Жумушчу топ Айыл",
        "6.2": "Биргелешкен мониторинг жана баалоо боюнча Жумушчу комиссиянын иш планы Айыл",
        "6.3": "Кызмат көрсөтүүгө жүргүзүлгөн",
    },
    "waste": {
        "1.1": "Кызмат көрсөтүүгө шайкеш",
        "1.2": "Чогулуштардын протоколдорунун",
        "1.3": "Кызмат көрсөтүүлөрдүн стандарттары;",
        "2.1": "Кызмат көрсөтүүнүн тиби аныкталат",
        "2.2": "Кызмат көрсөтүүнү уюштуруунун бардык",
        "2.3": "Төм. ичинен",
        "2.4": "Тандалып алынган ыкма боюнча",
        "3.1": "Бир абонентке",
        "3.2": "Тарифти чегерүүнүн",
        "4.1": "Чогулуштардын протоколдору;",
        "4.2": "Чогулуштардын протоколдору;",
        "5.1": "Конкурсту өткөрүү тартиби боюнча Жобону бекитүү",
        "5.2": "Конкурстук комиссияны түзүү жөнүндө",
        "5.3": "Кызмат көрсөтүүнү жеткирип берүүчүнү тандап алуу боюнча конкурстук",
        "5.4": "Кызмат көрсөтүүлөрдү жеткирип берүүчү тууралуу",
        "5.5": "Муниципалдык мүлктү пайдалануу тууралуу",
        "6.1": "Жергиликтүү кеңештин токтому",
        "6.2": "БМжБТ түзүү жөнүндө",
        "6.3": "Жумушчу комиссиянын бекитилген",
        "6.4": "Мониторингдин жыйынтыктары боюнча БМжБТ актысы",
    },
}
RESULT_START["irrigation"] = dict(RESULT_START["waste"])
RESULT_START["irrigation"]["2.2"] = "Кызмат көрсөтүүнү уюштуруунун бадык"
del RESULT_START["irrigation"]["5.5"]

# rows where the flattened table merged two cells into one line: the cells as they are
OVERRIDES = {
    ("drinking-water", "2.2"): {
        "result": "Арасынан ыкмасы тандалып алынат: Муниципалдык ишкана аркылуу; Жеке адам/ компания "
        "аркылуу; Мамлекеттик эмес уюм аркылуу (бейөкмөт уюм)",
    },
    ("waste", "5.2"): {
        "result": "Конкурстук комиссияны түзүү жөнүндө айыл өкмөт башчынын буйругу",
        "resources": "Жумушчу комиссия; Айыл өкмөт аппараты",
    },
    ("waste", "6.4"): {
        "result": "Мониторингдин жыйынтыктары боюнча БМжБТ актысы; БМжБТ отчету",
        "resources": "БМжБТ",
        "deadline": "Бекитилген мониторинг планына ылайык туруктуу негизде",
        "responsible": "БМжБТ төрагасы",
    },
}
OVERRIDES[("irrigation", "6.4")] = OVERRIDES[("waste", "6.4")]
ACTIVITY_NOTE = (
    "Cells of the flattened table row: list bullets dropped, list items joined with «; »; "
    "wording and spelling as in the seed."
)


def activity_blocks(sid: str) -> list[tuple[str, int, int]]:
    """(activity_no, first line, last line) of every activity row of a plan."""
    first, last = PLAN_RANGES[sid]
    starts = []
    for n in range(first, last + 1):
        line = LINES[n - 1]
        if re.match(r"^\d\.\d ", line):
            starts.append((line[:3], n))
        elif re.match(r"^№ ?\d (маселе|тапшырма)", line):
            starts.append((None, n))
    starts.append((None, last + 1))
    blocks = []
    for (no, a), (_, b) in zip(starts, starts[1:], strict=False):
        if no:
            end = b - 1
            while not LINES[end - 1].strip():
                end -= 1
            blocks.append((no, a, end))
    return blocks


def split_activity(sid: str, no: str, a: int, b: int) -> dict:
    row_text = src(a, b)
    body = row_text[len(no) + 1 :]
    start = RESULT_START[sid][no]
    cut = body.index(start)
    activity = body[:cut].rstrip(" —")
    rest = body[cut:]
    # tokens: the row's lines, further split at dashes that open a new cell
    lines = [norm(LINES[n - 1]) for n in range(a, b + 1)]
    lines = [x for x in lines if x]
    first_line_rest = lines[0][len(no) + 1 :]
    lines[0] = first_line_rest[first_line_rest.index(start) :] if start in first_line_rest else ""
    if not lines[0]:
        # the result starts on a later line (the activity text runs over several lines)
        joined = " ".join(lines)
        k = next(i for i, x in enumerate(lines) if x.startswith(start))
        lines = lines[k:]
        assert joined
    tokens = []
    for x in lines:
        for t in re.split(r"\s*—\s*", x):
            t = t.strip()
            if t:
                tokens.append(t)
    kinds = []
    for t in tokens:
        c = clean_item(t)
        if c in RESOURCE_WORDS:
            kinds.append("res")
        elif DEADLINE_RE.match(c):
            kinds.append("date")
        else:
            kinds.append("txt")
    override = OVERRIDES.get((sid, no), {})
    if len(override) == 4:  # resources and deadline merged in one cell: all cells given
        cells = {"activity": activity, **override}
    else:
        first_res = kinds.index("res")
        first_date = kinds.index("date")
        last_date = max(i for i, k in enumerate(kinds) if k == "date")
        cells = {
            "activity": activity,
            "result": join_items(tokens[:first_res]),
            "resources": join_items(tokens[first_res:first_date]),
            "deadline": " ".join(clean_item(t) for t in tokens[first_date : last_date + 1]),
            "responsible": join_items(tokens[last_date + 1 :]),
        }
        cells.update(override)
    assert rest
    for key in ("activity", "result", "resources", "deadline", "responsible"):
        check_in(cells[key].replace(": ", "; ") if key == "result" else cells[key], row_text)
    return {"row_text": row_text, **cells}


def plan_activities() -> list[dict]:
    rows = []
    for sid in SERVICES:
        for no, a, b in activity_blocks(sid):
            cells = split_activity(sid, no, a, b)
            row_text = cells.pop("row_text")
            rows.append(
                {
                    "case_id": CASE,
                    "service_id": sid,
                    "activity_no": no,
                    "task_no": int(no.split(".")[0]),
                    **cells,
                    **prov(row_text, ACTIVITY_NOTE),
                }
            )
    return rows


# --------------------------------------------------------------------------- schedule (derived)
MONTHS = {
    "март": 3,
    "апрел": 4,
    "май": 5,
    "майдын": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
}
MONTH_DAYS = {3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30}


def parse_deadline(deadline: str) -> tuple[str | None, str | None, str, str]:
    """(start, end, precision, rule) of a verbatim deadline; dates as YYYY-MM-DD.

    >>> parse_deadline("2019 жыл июлдун 2-аптасы")[:3]
    ('2019-07-08', '2019-07-14', 'weeks')
    """
    if "2019" not in deadline:
        return None, None, "recurring", "no date: the activity recurs (left empty)"
    low = deadline.lower()
    month = next(m for key, m in MONTHS.items() if key in low)
    last_day = MONTH_DAYS[month]
    by_date = re.search(r"(\d+)-\w+ге чейин", deadline)
    weeks = re.search(r"(\d+)(?:-(\d+))?-?аптасы", deadline)
    if by_date:
        day = int(by_date.group(1))
        return (
            f"2019-{month:02d}-01",
            f"2019-{month:02d}-{day:02d}",
            "by-date",
            "«N-…ге чейин» = by day N: from the 1st of that month (assumed; the seed gives no "
            "start) to day N",
        )
    if weeks:
        first, last = int(weeks.group(1)), int(weeks.group(2) or weeks.group(1))
        start = 7 * (first - 1) + 1
        end = last_day if last >= 4 else 7 * last
        return (
            f"2019-{month:02d}-{start:02d}",
            f"2019-{month:02d}-{end:02d}",
            "weeks",
            "«N-аптасы» = week N of the month = days 7N-6 to 7N; the 4th week runs to the "
            "month's last day",
        )
    return (
        f"2019-{month:02d}-01",
        f"2019-{month:02d}-{last_day:02d}",
        "month",
        ("a month = its first to its last day"),
    )


def activity_schedule() -> list[dict]:
    rows = []
    for act in plan_activities():
        start, end, precision, rule = parse_deadline(act["deadline"])
        rows.append(
            {
                "case_id": CASE,
                "service_id": act["service_id"],
                "activity_no": act["activity_no"],
                "deadline": act["deadline"],
                "start": start,
                "end": end,
                "precision": precision,
                **prov(
                    act["source_text"],
                    f"Derived from the verbatim deadline «{act['deadline']}» "
                    f"of plan_activities: {rule}. The seed gives no start dates.",
                    kind="derived",
                ),
            }
        )
    return rows


# --------------------------------------------------------------------------- strategy facts
# section, item, value (ky; a piece of the source), english, (first line, last line)
FACTS = [
    (
        "resolution",
        "council_resolution",
        "13-март 2019-жыл №17/16",
        "Council resolution No. 17/16 of 13 March 2019",
        (11, 11),
    ),
    (
        "resolution",
        "council_session",
        "Депутаттардын Чет-Нура айыл аймагынын айылдык Кеңешинин XXVII чакырылышынын кезектеги XVII "
        "сессиясынын 13-март 2019-жылдагы №17/16 ТОКТОМУ",
        "Resolution of the regular 17th session of the 27th convocation of Chet-Nura local council",
        (1, 1),
    ),
    (
        "resolution",
        "place",
        "Орто-Нура айылы",
        "Orto-Nura village (where the session met)",
        (11, 11),
    ),
    (
        "resolution",
        "legal_basis",
        "Кыргыз Республикасынын «Жергиликтүү өз алдынча башкаруу» жөнүндө мыйзамынын негизинде",
        "On the basis of the Law on local self-government",
        (15, 15),
    ),
    (
        "resolution",
        "decision_approve",
        "Чет-Нура айыл аймагынын айыл өкмөтү тарабынан даярдалган кызмат көрсөтүүлөрдү "
        "уюштуруунун Стратегиясы бекитилсин.",
        "The service delivery strategy prepared by the ayil okmotu is approved",
        (19, 19),
    ),
    (
        "resolution",
        "decision_control",
        "Бул токтомдун аткарылышын көзөмөлдөө жагы айылдык кеңештин экономика, бюджет жана каржы "
        "маселелери боюнча туруктуу комиссиясына милдеттендирилсин.",
        "Control of the resolution is assigned to the council's standing commission on economy, "
        "budget and finance",
        (20, 20),
    ),
    (
        "resolution",
        "council_chair",
        "Т.Сыдыкбеков",
        "Chair of the council: T. Sydykbekov",
        (22, 22),
    ),
    (
        "strategy",
        "sedp_link",
        "Стратегия муниципалитеттин Социалдык-экономикалык өнүктүрүү Планын (СЭӨП) ишке ашыруу "
        "механизмдеринин бири болуп эсептелет.",
        "The strategy is one of the mechanisms for implementing the municipality's SEDP",
        (119, 119),
    ),
    (
        "strategy",
        "scope",
        "Ушул Стратегия кызмат көрсөтүүлөр чөйрөсүн уюштуруу үчүн ЖӨБ органдарынын башкаруучулук "
        "чечимдерди кабыл алуусуна негизделет жана инфраструктуралык, өндүрүштүк-чарбалык "
        "мүнөздөгү иш-аракеттерди караштырбайт.",
        "The strategy rests on management decisions of LSG bodies and does not cover "
        "infrastructure or production works",
        (121, 121),
    ),
    (
        "strategy",
        "intended_outcome_1",
        "Жарандар алардын суроо-талаптарына жана күтүүлөрүнө негизделген сапаттуу, туруктуу кызмат "
        "көрсөтүүгө жетет.",
        "Citizens get quality, sustainable services based on their demands and expectations",
        (123, 123),
    ),
    (
        "strategy",
        "intended_outcome_2",
        "ЖӨБ органдары кызмат көрсөтүүлөрдү эң эффективдүү ыкма менен жеткирүү процессин уюштура "
        "алышат – азыраак чыгым менен максималдуу жыйынтыкка жетет.",
        "LSG bodies organise delivery in the most effective way: maximum result at less cost",
        (124, 124),
    ),
    (
        "strategy",
        "intended_outcome_3",
        "Кызмат көрсөтүүлөрдү жеткирип берүүчүлөр ЖӨБ органдары менен өз ара пайдалуу келишимдерди "
        "түзүп, кызмат көрсөтүүнү аткаруу үчүн түшүнүктүү эрежелерди алышат, туруктуулук үчүн негиз "
        "пайда болот.",
        "Providers sign mutually beneficial contracts with LSG bodies and get clear rules; a basis "
        "for sustainability",
        (125, 125),
    ),
    (
        "strategy",
        "goal",
        "Чет-Нура айылдык аймагында жогорку сапатта жана азыраак чыгым менен кызмат "
        "көрсөтүүлөрдүн эффективдүү системасын камсыздоо.",
        "Goal of the strategy: an effective system of high-quality, lower-cost services in Chet-Nura",
        (135, 135),
    ),
    (
        "strategy",
        "task_done_1",
        "Кызмат көрсөтүүлөрдү уюштуруу стратегиясын иштеп чыгуу жана жүзөгө ашыруу боюнча жумушчу "
        "топ түзүлгөн.",
        "A working group to develop and implement the strategy was formed",
        (139, 139),
    ),
    (
        "strategy",
        "task_done_2",
        "Аныкталган артыкчылыктуу кызмат көрсөтүүлөрдү уюштуруу жана жакшыртуу жагын ушул стратегия "
        "аныктады.",
        "The strategy set out how to organise and improve the priority services",
        (140, 140),
    ),
    (
        "strategy",
        "task_done_3",
        "Учурдагы абалына анализ жасалды.",
        "The current situation was analysed",
        (141, 141),
    ),
    (
        "strategy",
        "task_done_4",
        "Кызмат көрсөтүүлөрдү уюштуруунун өзгөчө натыйжалуу ыкмалары аныкталды.",
        "Especially effective ways of organising services were identified",
        (142, 142),
    ),
    (
        "strategy",
        "task_done_5",
        "Стратегияны жүзөгө ашырууга мониторинг жүргүзүү жана баалоо системасы түзүлдү.",
        "A monitoring and evaluation system for the strategy was set up",
        (143, 143),
    ),
    (
        "methodology",
        "working_group_order",
        "Чет-Нура Айыл өкмөтүнүн башчысынын 2018-жылдын 18-октябрындагы №135-б буйругунун негизинде",
        "Working group formed by order No. 135-б of the head of the ayil okmotu, 18 October 2018",
        (149, 149),
    ),
    (
        "methodology",
        "focus_group_sedp",
        "Андан кийин фокус топтун катышуучуларын Чет-Нура ААнын 2018-жылга Социалдык-экономикалык "
        "өнүктүрүү планына (СЭӨП) кирген иш-чаралар менен тааныштырышты.",
        "The focus group was introduced to the activities of Chet-Nura's 2018 SEDP",
        (173, 173),
    ),
    (
        "methodology",
        "usaid_meeting",
        "Ошондой эле USAIDдин «Ийгиликтүү аймак» долбоору ишинин алкагында өткөрүлгөн 2018-жылдын "
        "17-октябрында ЖӨБ органдарынын кызмат көрсөтүүлөрдүн артыкчылыктуусун тандап алуу боюнча "
        "жолугушуусунун жыйынтыктары тартууланды.",
        "Results of the 17 October 2018 meeting on choosing priority services (USAID «Successful "
        "Region» project) were presented",
        (173, 175),
    ),
    (
        "methodology",
        "selection_process",
        src(177),
        "The focus group judged how well the earlier choice fitted the consultants' criteria, then "
        "chose potential services, all already in the 2018 SEDP activity list",
        (177, 177),
    ),
    (
        "methodology",
        "ranking_rule",
        src(183),
        "The final list: with the number of votes received, ordered by priority",
        (183, 183),
    ),
    (
        "problems",
        "main_problem_1",
        src(1243)[2:],
        "LSG bodies follow internal regulations that do not meet society's needs; there are no "
        "service standards or procedures to adopt them",
        (1243, 1243),
    ),
    (
        "problems",
        "main_problem_2",
        src(1245)[2:],
        "Mechanisms to organise services and involve civil society are underdeveloped; civil "
        "society takes little part",
        (1245, 1245),
    ),
    (
        "problems",
        "risks",
        src(1247),
        "Unsolved, these problems bring economic, social, managerial and organisational risks "
        "that need preventive measures",
        (1247, 1247),
    ),
    (
        "expected-results",
        "lsg_accountable",
        "ЖӨБ жоопкерчиликтүү болот",
        "LSG becomes accountable",
        (1255, 1255),
    ),
    (
        "expected-results",
        "quality_services",
        "жергиликтүү жамааттын суроо-талаптарына жана күтүүлөрүнө негизделген сапаттуу жана "
        "туруктуу кызмат көрсөтүүлөр",
        "Quality, sustainable services based on the community's demands",
        (1257, 1257),
    ),
    (
        "expected-results",
        "citizen_participation",
        "жарандар жергиликтүү жамааттардын иштерине реалдуу катышат",
        "Citizens really take part in community affairs",
        (1259, 1259),
    ),
    (
        "expected-results",
        "provider_agreements",
        src(1261)[2:],
        "Providers reach mutually beneficial agreements with LSG; clear rules; a foundation for "
        "sustainability",
        (1261, 1261),
    ),
    (
        "strategy",
        "stages_in_order",
        src(129),
        "Following the stages of service organisation in order helps develop services in Chet-Nura",
        (129, 129),
    ),
    (
        "monitoring",
        "lsg_effectiveness_me",
        src(1235),
        "A whole system to monitor and evaluate LSG effectiveness in services is needed: balanced "
        "criteria and indicators, simple procedures, civil society taking part",
        (1235, 1235),
    ),
    (
        "monitoring",
        "risk_detection",
        src(1249),
        "The M&E system helps detect risks in time and act on them",
        (1249, 1249),
    ),
    (
        "sustainability",
        "factor_classification",
        src(1209),
        "External factors of (un)sustainability can be classified as follows",
        (1209, 1209),
    ),
    (
        "sustainability",
        "results_orientation",
        src(1221),
        "The strategy must aim at results, opening the way to quality services and a sustainable "
        "system",
        (1221, 1221),
    ),
    (
        "sustainability",
        "consultants_reasons",
        src(1276),
        "External consultants are needed because of no internal resources, short time, cost, or "
        "confidential issues",
        (1276, 1276),
    ),
    (
        "conclusion",
        "conclusion",
        src(1282),
        "Keep analysing the factors of (un)sustainability; fund work to inform people and make "
        "providers transparent",
        (1282, 1282),
    ),
]


def strategy_facts() -> list[dict]:
    rows = []
    for no, (section, item, value, en, (a, b)) in enumerate(FACTS, 1):
        text = src(a, b)
        if value not in text:
            raise SystemExit(f"fact {item!r} is not in its source {text!r}")
        rows.append(
            {
                "case_id": CASE,
                "fact_no": no,
                "section": section,
                "item": item,
                "value": value,
                "value_en": en,
                **prov(text, "English is a summary."),
            }
        )
    return rows


# --------------------------------------------------------------------------- delivery options
OPTIONS = [
    # service, activity_no, option_id, option (ky), english
    (
        "drinking-water",
        "2.2",
        "municipal-enterprise",
        "Муниципалдык ишкана аркылуу",
        "Through a municipal enterprise",
    ),
    (
        "drinking-water",
        "2.2",
        "private",
        "Жеке адам/ компания аркылуу",
        "Through a private person / company",
    ),
    (
        "drinking-water",
        "2.2",
        "ngo",
        "Мамлекеттик эмес уюм аркылуу (бейөкмөт уюм)",
        "Through a non-state organisation (NGO)",
    ),
    (
        "waste",
        "2.3",
        "municipal-enterprise",
        "Муниципалдык ишканага аутсорсинг",
        "Outsourcing to a municipal enterprise",
    ),
    (
        "waste",
        "2.3",
        "private",
        "Жеке адамга/компанияга аутсорсинг",
        "Outsourcing to a private person / company",
    ),
    (
        "waste",
        "2.3",
        "ngo",
        "КЭУга аутсорсинг",
        "Outsourcing to a non-commercial organisation (КЭУ)",
    ),
    (
        "irrigation",
        "2.3",
        "private",
        "Жеке адамга/компанияга аутсорсинг",
        "Outsourcing to a private person / company",
    ),
    ("irrigation", "2.3", "wua", "СПА", "Water users' association (СПА / WUA)"),
]


def delivery_options() -> list[dict]:
    acts = {(r["service_id"], r["activity_no"]): r["source_text"] for r in plan_activities()}
    rows = []
    for sid, act, oid, option, en in OPTIONS:
        text = acts[(sid, act)]
        check_in(option, text)
        rows.append(
            {
                "case_id": CASE,
                "service_id": sid,
                "option_id": oid,
                "activity_no": act,
                "option": option,
                "option_en": en,
                "chosen": None,
                **prov(
                    text,
                    f"One of the options listed in activity {act}; the seed does not say "
                    "which option was chosen.",
                ),
            }
        )
    return rows


# --------------------------------------------------------------------------- monitoring
# item_no, item, service_id or None, value (ky), english, source line(s), note
MONITORING = [
    (
        "jmeg_created_by",
        "drinking-water",
        "Биргелешкен мониторинг жана баалоо үчүн Жумушчу топ Айыл өкмөтүнүн буйругу менен түзүлдү",
        "The joint M&E working group is created by order of the ayil okmotu (activity 6.1, August "
        "2019)",
        (506, 516),
    ),
    (
        "jmeg_work_plan",
        "drinking-water",
        "Биргелешкен мониторинг жана баалоо боюнча Жумушчу комиссиянын иш планы Айыл өкмөтүнүн "
        "тарабынан бекитилди",
        "Its work plan is approved by the ayil okmotu (activity 6.2, August 2019)",
        (517, 525),
    ),
    (
        "results_published",
        "drinking-water",
        "Кызмат көрсөтүүгө жүргүзүлгөн мониторингдин жыйынтыктары коомчулукка маалымдалды",
        "Monitoring results are communicated to the public (activity 6.3, August 2019)",
        (526, 534),
    ),
    (
        "jmeg_regulation",
        "waste",
        "Жергиликтүү кеңештин токтому",
        "A regulation (Жобо) on the JMEG (БМжБТ) is approved by resolution of the local council "
        "(activity 6.1, 1st week of September 2019)",
        (841, 855),
    ),
    (
        "jmeg_created_by",
        "waste",
        "БМжБТ түзүү жөнүндө айыл өкмөт башчысынын буйругу",
        "The JMEG is created by order of the head of the ayil okmotu (activity 6.2)",
        (857, 867),
    ),
    (
        "monitoring_plan",
        "waste",
        "Жумушчу комиссиянын бекитилген мониторинг планы",
        "An approved monitoring plan (activity 6.3)",
        (869, 879),
    ),
    (
        "act",
        "waste",
        "Мониторингдин жыйынтыктары боюнча БМжБТ актысы",
        "JMEG act on the monitoring results (activity 6.4)",
        (881, 885),
    ),
    ("report", "waste", "БМжБТ отчету", "JMEG report (activity 6.4)", (881, 885)),
    (
        "frequency",
        "waste",
        "Бекитилген мониторинг планына ылайык туруктуу негизде",
        "Regularly, according to the approved monitoring plan (activity 6.4)",
        (881, 885),
    ),
    ("responsible", "waste", "БМжБТ төрагасы", "Chair of the JMEG (activity 6.4)", (881, 885)),
    (
        "jmeg_regulation",
        "irrigation",
        "Жергиликтүү кеңештин токтому",
        "A regulation (Жобо) on the JMEG (БМжБТ) is approved by resolution of the local council "
        "(activity 6.1, 1st week of July 2019)",
        (1141, 1153),
    ),
    (
        "jmeg_created_by",
        "irrigation",
        "БМжБТ түзүү жөнүндө айыл өкмөт башчысынын буйругу",
        "The JMEG is created by order of the head of the ayil okmotu (activity 6.2)",
        (1155, 1165),
    ),
    (
        "monitoring_plan",
        "irrigation",
        "Жумушчу комиссиянын бекитилген мониторинг планы",
        "An approved monitoring plan (activity 6.3)",
        (1167, 1175),
    ),
    (
        "act",
        "irrigation",
        "Мониторингдин жыйынтыктары боюнча БМжБТ актысы",
        "JMEG act on the monitoring results (activity 6.4)",
        (1179, 1183),
    ),
    ("report", "irrigation", "БМжБТ отчету", "JMEG report (activity 6.4)", (1179, 1183)),
    (
        "frequency",
        "irrigation",
        "Бекитилген мониторинг планына ылайык туруктуу негизде",
        "Regularly, according to the approved monitoring plan (activity 6.4)",
        (1179, 1183),
    ),
    (
        "responsible",
        "irrigation",
        "БМжБТ төрагасы",
        "Chair of the JMEG (activity 6.4)",
        (1179, 1183),
    ),
    (
        "lease_rule",
        "drinking-water",
        "Муниципалдык менчикти пайдалануу келишими (ижара, ж.б.)",
        "A contract for the use of municipal property (lease etc.) with the provider (activity 5.5, "
        "July 2019)",
        (475, 489),
    ),
    (
        "lease_rule",
        "waste",
        "Муниципалдык мүлктү пайдалануу тууралуу келишим (Ай сайын муниципалдык мүлккө "
        "амортизациялык чегерүүлөргө барабар көлөмдө ижара акысын чегерүү менен ижара келишими)",
        "Contract for the use of municipal property: a lease with a monthly rent equal to the "
        "depreciation charges of the municipal property (activity 5.5)",
        (817, 833),
    ),
    (
        "me_level_1",
        None,
        "Стратегияны ишке ашырууда иш-аракеттердин ырааттуулугунун сакталуусуна жана жыйынтыктарга "
        "жетүүгө Жумушчу комиссия тарабынан мониторинг.",
        "Level 1: the working commission monitors that the steps are followed in order and the "
        "results reached",
        (1197, 1197),
    ),
    (
        "me_level_2",
        None,
        "Кызмат көрсөтүүнү жеткирип берүүчүнүн келишимдик милдеттенмелерин аткаруу боюнча ЖӨБ "
        "органынын (айыл өкмөттүн) атынан тапшырыкчынын мониторинги. МжБ боюнча Айыл өкмөтүнүн "
        "башчысынын иш-аракеттери өз алдынча иштелип чыгат.",
        "Level 2: the customer (the ayil okmotu) monitors how the provider fulfils its contract; the "
        "head's M&E actions are worked out separately",
        (1198, 1198),
    ),
    (
        "me_level_3",
        None,
        "Кызмат көрсөтүүнү аткаруучунун, анын ичинде кызмат көрсөтүүнү жеткирип берүүчүнүн "
        "жумушунун сапатына бенефициарлар тарабынан биргелешкен мониторинг жана баалоо жүргүзүү. "
        "БМжБ Планын подрядчы кызмат көрсөтүүгө келишимге кол койгондон кийин БМжБТ иштеп чыгат.",
        "Level 3: joint monitoring and evaluation of the provider's work by the beneficiaries; the "
        "JMEG draws up the JME plan after the contractor signs the service contract",
        (1199, 1199),
    ),
    (
        "deviation_rule",
        None,
        src(1201),
        "On the monitoring results the LSG checks the provider can deliver to the standards; on a "
        "deviation it can make the provider fulfil its obligations, or, agreeing with consumers, "
        "change the standards to fit the LSG's and provider's capacity",
        (1201, 1201),
    ),
    (
        "public_me_procedures",
        None,
        src(1237),
        "Procedures of public M&E of LSG work on quality services are fixed in local normative acts; "
        "this raises the capacity of local civil society",
        (1237, 1237),
    ),
]


def monitoring() -> list[dict]:
    rows = []
    for no, (item, sid, value, en, (a, b)) in enumerate(MONITORING, 1):
        text = src(a, b)
        check_in(value, text)
        rows.append(
            {
                "case_id": CASE,
                "item_no": no,
                "item": item,
                "service_id": sid,
                "value": value,
                "value_en": en,
                **prov(
                    text, "" if sid is None else "From the plan's activity row (task 6 or 5.5)."
                ),
            }
        )
    return rows


# --------------------------------------------------------------------------- sustainability
SUSTAINABILITY = [
    (
        "external-factor",
        1211,
        "Ченемдик укуктук факторлор",
        "Normative and legal factors",
        "Clear laws and regulations on services to the population; updating laws when society needs it",
    ),
    (
        "external-factor",
        1213,
        "Технологиялык факторлор",
        "Technological factors",
        "Software platforms and products that move easily between suppliers' hardware; means to "
        "process and transmit data and to protect users' personal data",
    ),
    (
        "external-factor",
        1215,
        "Социалдык-маданий факторлор",
        "Socio-cultural factors",
        "Trust in the municipality's services, convenient interfaces, affordable fees, convenient "
        "access in public places, leaders who accept citizens' and business proposals",
    ),
    (
        "external-factor",
        1217,
        "Финансылык-экономикалык факторлор",
        "Financial and economic factors",
        "A budget made on time and sufficient for the long term; public-private partnership in "
        "service delivery",
    ),
    (
        "external-factor",
        1219,
        "Саясий факторлор",
        "Political factors",
        "Political stability; dialogue between municipal leaders and civil society to settle "
        "disputes",
    ),
    ("funding-source", 1227, None, "Local budgets", "Funds of local budgets"),
    (
        "funding-source",
        1229,
        None,
        "Service recipients and providers",
        "Funds of service recipients and providers",
    ),
    ("funding-source", 1231, None, "Donor grants", "Grants of donor organisations"),
    ("funding-source", 1233, None, "Sponsors", "Funds of sponsors"),
    (
        "recommendation",
        1267,
        None,
        "Deliver to standards, with civil society",
        "Deliver services to the standards worked out; organise services not one-sidedly but with "
        "civil society",
    ),
    (
        "recommendation",
        1268,
        None,
        "Cooperate with civil society institutions",
        "LSG cooperates with civil society institutions on services",
    ),
    (
        "recommendation",
        1269,
        None,
        "New methods to assess the ayil okmotu",
        "Develop and use new methods to assess the performance of the ayil okmotu, with civil society",
    ),
    (
        "recommendation",
        1270,
        None,
        "Public access to decisions",
        "Mechanisms so the public can see decisions on services, published in electronic and print "
        "media",
    ),
    (
        "recommendation",
        1271,
        None,
        "Independent platform for interest groups and experts",
        "An independent platform where interest groups and experts exchange views",
    ),
    (
        "recommendation",
        1272,
        None,
        "Closer ties with NGOs",
        "Closer links with service providers and NGOs that propose solutions and plans",
    ),
    (
        "recommendation",
        1273,
        None,
        "Public hearings on JMEG results",
        "Public hearings on the results of the joint monitoring and evaluation groups",
    ),
    (
        "recommendation",
        1274,
        None,
        "Bring in experts and consultants",
        "Engage experts, consultants, NGOs and consulting firms with knowledge and practice",
    ),
]


def sustainability_factors() -> list[dict]:
    rows = []
    for no, (cat, line, name_ky, name_en, en) in enumerate(SUSTAINABILITY, 1):
        text = src(line)
        if name_ky:
            body = text.split(name_ky + ". ", 1)[1]
        else:
            body = clean_item(re.sub(r"^\d\. ", "", text))
        if body not in text:
            raise SystemExit(f"sustainability row {no} is not in its source {text!r}")
        rows.append(
            {
                "case_id": CASE,
                "factor_no": no,
                "category": cat,
                "name_ky": name_ky,
                "name_en": name_en,
                "text": body,
                "text_en": en,
                **prov(
                    text,
                    {
                        "external-factor": "Section 8 «Кызмат көрсөтүүлөрдүн туруктуулугуна таасирин "
                        "тийгизген факторлор». English is a summary.",
                        "funding-source": "«Стратегияны ишке ашыруу үчүн ресурстар».",
                        "recommendation": "«Туруктуулук үчүн сунуштамалар». English is a summary.",
                    }[cat],
                ),
            }
        )
    return rows


# --------------------------------------------------------------------------- schemas
def titles(en: str, ky: str, ru: str) -> dict:
    return {"title": en, "titles": {"ky": ky, "ru": ru, "en": en}}


def F(name, typ, en, ky, ru, description, required=False, **constraints) -> dict:
    field = {"name": name, "type": typ, **titles(en, ky, ru), "description": description}
    if typ == "boolean":
        field["trueValues"] = ["true"]
        field["falseValues"] = ["false"]
    cons = dict(constraints)
    if required:
        cons["required"] = True
    if cons:
        field["constraints"] = cons
    return field


# case_id and the provenance columns: worded exactly as in the core tables (cases.json …)
CASE_FIELD = F(
    "case_id",
    "string",
    "Case",
    "Муниципалитеттин ID",
    "ID муниципалитета",
    "The case (municipality or training) this row belongs to; see the table cases.",
    required=True,
)
CASE_FIELD["titles"]["en"] = "Case ID"
SERVICE_FIELD = F(
    "service_id",
    "string",
    "Service",
    "Кызмат көрсөтүүнүн ID",
    "ID услуги",
    "Service id, unique within a case (see the tables services and priority_services).",
    required=True,
    enum=SERVICES,
)
SERVICE_FIELD["titles"]["en"] = "Service ID"
PROV_FIELDS = [
    F(
        "kind",
        "string",
        "Kind of figure",
        "Маалыматтын түрү",
        "Вид данных",
        "observed: stated in the source; derived: computed from observed figures (the note says "
        "how); illustrative: made up for teaching, consistent with every observed figure.",
        required=True,
        enum=["observed", "derived", "illustrative"],
    ),
    F(
        "source_file",
        "string",
        "Source file",
        "Булак файл",
        "Файл источника",
        "File name of the Kyrgyz source document in the seeds (empty only for illustrative rows).",
    ),
    F(
        "source_text",
        "string",
        "Source text",
        "Булактагы сүйлөм",
        "Фраза из источника",
        "The Kyrgyz sentence or table row the row comes from, verbatim except that runs of "
        "whitespace are collapsed to one space (the seed is a flattened Word table).",
    ),
    F(
        "note",
        "string",
        "Note",
        "Эскертүү",
        "Примечание",
        "English: how a derived figure was computed, why a row is illustrative, or a caveat.",
    ),
]
PROV_FIELDS[0]["titles"]["en"] = "Kind"
FK_CASE = {"fields": ["case_id"], "reference": {"resource": "cases", "fields": ["case_id"]}}
FK_SERVICES = {
    "fields": ["case_id", "service_id"],
    "reference": {"resource": "services", "fields": ["case_id", "service_id"]},
}
FK_SERVICE = {
    "fields": ["case_id", "service_id"],
    "reference": {"resource": "priority_services", "fields": ["case_id", "service_id"]},
}
FK_TASK = {
    "fields": ["case_id", "service_id", "task_no"],
    "reference": {"resource": "plan_tasks", "fields": ["case_id", "service_id", "task_no"]},
}
TASK_NO = F(
    "task_no",
    "integer",
    "Task No.",
    "Тапшырманын №",
    "№ задачи",
    "Task number 1-6 in the plan.",
    required=True,
    minimum=1,
    maximum=6,
)
RESULT_FIELDS = [
    F(
        "result",
        "string",
        "Expected result",
        "Күтүлгөн жыйынтык",
        "Ожидаемый результат",
        "Expected result as the seed writes it.",
        required=True,
    ),
    F(
        "indicator",
        "string",
        "Indicator",
        "Индикатор",
        "Индикатор",
        "The indicator; the seed's heading «Күтүлгөн жыйынтык (индикатор)» makes the result its own "
        "indicator unless a measure is given separately.",
    ),
    F(
        "baseline",
        "number",
        "Baseline",
        "Баштапкы абал",
        "Исходное значение",
        "Baseline value, only when the seed gives it (it never does).",
    ),
    F(
        "target",
        "number",
        "Target",
        "Максаттуу көрсөткүч",
        "Целевое значение",
        "Target value, only when the seed gives it.",
    ),
    F("unit", "string", "Unit", "Өлчөм бирдиги", "Единица", "Unit of baseline/target."),
    F(
        "verification",
        "string",
        "Means of verification",
        "Текшерүү ыкмасы",
        "Средства проверки",
        "Means of verification (empty: not given in the seed).",
    ),
]

TABLES = {
    "commission_members": dict(
        title="Chet-Nura: working commission on service delivery",
        description="The 11 members of the working commission formed by order No. 135-б of "
        "18 October 2018, with their roles as the strategy lists them.",
        fields=[
            F(
                "member_no",
                "integer",
                "No.",
                "№",
                "№",
                "Row number in the seed.",
                required=True,
                minimum=1,
            ),
            F(
                "name",
                "string",
                "Name",
                "Аты-жөнү",
                "ФИО",
                "Full name as in the seed.",
                required=True,
            ),
            F(
                "role",
                "string",
                "Role",
                "Жасаган иши/Ээлеген кызматы",
                "Должность",
                "Position and commission role, Kyrgyz, as in the seed.",
                required=True,
            ),
            F(
                "role_en",
                "string",
                "Role (English)",
                "Кызматы (англисче)",
                "Должность (англ.)",
                "Our English translation of the role.",
            ),
        ],
        pk=["case_id", "member_no"],
        fks=[FK_CASE],
    ),
    "selection_criteria": dict(
        title="Chet-Nura: criteria for selecting priority services",
        description="Criteria set first for choosing the services to include in the strategy.",
        fields=[
            F(
                "criterion_no",
                "integer",
                "No.",
                "№",
                "№",
                "Number in the seed.",
                required=True,
                minimum=1,
            ),
            F(
                "criterion",
                "string",
                "Criterion",
                "Критерий",
                "Критерий",
                "Kyrgyz, as in the seed.",
                required=True,
            ),
            F(
                "criterion_en",
                "string",
                "Criterion (English)",
                "Критерий (англисче)",
                "Критерий (англ.)",
                "Our English translation.",
            ),
        ],
        pk=["case_id", "criterion_no"],
        fks=[FK_CASE],
    ),
    "priority_services": dict(
        title="Chet-Nura: priority services in vote order",
        description="Services included in the strategy, ranked by the votes they received "
        "(the counts are not given), with each one's problem statement.",
        fields=[
            SERVICE_FIELD,
            F(
                "rank",
                "integer",
                "Rank",
                "Орду",
                "Место",
                "Vote order 1..3 (empty for a screened-out service).",
                minimum=1,
            ),
            F(
                "selected",
                "boolean",
                "Selected",
                "Тандалды",
                "Выбрана",
                "true if the service was included in the strategy.",
                required=True,
            ),
            F(
                "name_ky",
                "string",
                "Name (Kyrgyz)",
                "Аталышы",
                "Название (кырг.)",
                "Name of the service as in the seed.",
                required=True,
            ),
            F(
                "name_en",
                "string",
                "Name (English)",
                "Аталышы (англисче)",
                "Название (англ.)",
                "Our English translation.",
            ),
            F(
                "problem",
                "string",
                "Problem statement",
                "Көйгөйдүн туюндурулушу",
                "Формулировка проблемы",
                "The column «Стратегияга кошуу үчүн негиздеме (Көйгөйдүн туюндурулушу)».",
                required=True,
            ),
        ],
        pk=["case_id", "service_id"],
        fks=[FK_CASE, FK_SERVICES],
    ),
    "problem_factors": dict(
        title="Chet-Nura: causes and effects of each priority service's problem",
        description="Items of the column «Көйгөйдүн пайда болуу себептери (Эмненин "
        "натыйжасында?)»; the two that state consequences are typed as effects.",
        fields=[
            SERVICE_FIELD,
            F(
                "factor_no",
                "integer",
                "No.",
                "№",
                "№",
                "Order within the service's list.",
                required=True,
                minimum=1,
            ),
            F(
                "factor_type",
                "string",
                "Cause or effect",
                "Себеп же натыйжа",
                "Причина или следствие",
                "cause | effect.",
                required=True,
                enum=["cause", "effect"],
            ),
            F(
                "text",
                "string",
                "Text",
                "Тексти",
                "Текст",
                "Kyrgyz, as in the seed.",
                required=True,
            ),
            F(
                "text_en",
                "string",
                "Text (English)",
                "Тексти (англисче)",
                "Текст (англ.)",
                "Our English translation.",
            ),
        ],
        pk=["case_id", "service_id", "factor_no"],
        fks=[FK_CASE, FK_SERVICE],
    ),
    "villages": dict(
        title="Chet-Nura: villages named in the strategy",
        description="Villages of Chet-Nura rural municipality the strategy names, with what it "
        "says about them.",
        fields=[
            F(
                "village_id",
                "string",
                "Village",
                "Айыл",
                "Село",
                "Slug of the village name.",
                required=True,
                pattern="^[a-z]+(-[a-z]+)*$",
            ),
            F(
                "name_ky",
                "string",
                "Name (Kyrgyz)",
                "Аталышы",
                "Название (кырг.)",
                "As in the seed.",
                required=True,
            ),
            F(
                "name_en",
                "string",
                "Name (English)",
                "Аталышы (англисче)",
                "Название (англ.)",
                "Transliteration.",
            ),
            F(
                "has_clean_water",
                "boolean",
                "Has clean water",
                "Таза суу барбы",
                "Есть чистая вода",
                "false where the seed says there is no clean water; empty where it does not say.",
            ),
            F(
                "village_head",
                "string",
                "Village head",
                "Айыл башчысы",
                "Глава села",
                "Name of the village head if the seed gives it.",
            ),
            F(
                "commission_member_no",
                "integer",
                "Commission member No.",
                "Комиссия мүчөсүнүн №",
                "№ члена комиссии",
                "The village head's row in commission_members.",
                minimum=1,
            ),
        ],
        pk=["case_id", "village_id"],
        # one column, so that the villages without a head in the commission (empty) are skipped
        fks=[
            FK_CASE,
            {
                "fields": ["commission_member_no"],
                "reference": {"resource": "commission_members", "fields": ["member_no"]},
            },
        ],
    ),
    "service_standards": dict(
        title="Chet-Nura: service standards by criterion",
        description="For each priority service, the standard for accessibility, convenience, "
        "quality and timeliness.",
        fields=[
            SERVICE_FIELD,
            F(
                "criterion",
                "string",
                "Criterion",
                "Критерий",
                "Критерий",
                "accessibility | convenience | quality | timeliness.",
                required=True,
                enum=CRITERIA,
            ),
            F(
                "criterion_ky",
                "string",
                "Criterion (Kyrgyz)",
                "Критерий (кыргызча)",
                "Критерий (кырг.)",
                "The criterion as the seed names it.",
            ),
            F(
                "standard",
                "string",
                "Standard",
                "Стандарт",
                "Стандарт",
                "Kyrgyz, as in the seed.",
                required=True,
            ),
            F(
                "standard_en",
                "string",
                "Standard (English)",
                "Стандарт (англисче)",
                "Стандарт (англ.)",
                "Our English translation.",
            ),
        ],
        pk=["case_id", "service_id", "criterion"],
        fks=[FK_CASE, FK_SERVICE],
    ),
    "plan_goals": dict(
        title="Chet-Nura: goal of each joint action plan",
        description="Plan number, title and goal (Максат) of the three action plans.",
        fields=[
            SERVICE_FIELD,
            F(
                "plan_no",
                "integer",
                "Plan No.",
                "Пландын №",
                "№ плана",
                "Number of the plan.",
                required=True,
                minimum=1,
            ),
            F(
                "plan_title",
                "string",
                "Plan title",
                "Кызмат көрсөтүүнүн аталышы",
                "Название услуги",
                "«кызмат көрсөтүүнүн аталышы» in the plan's header row.",
            ),
            F("goal", "string", "Goal", "Максат", "Цель", "Kyrgyz, as in the seed.", required=True),
            F(
                "goal_en",
                "string",
                "Goal (English)",
                "Максат (англисче)",
                "Цель (англ.)",
                "Our English translation.",
            ),
        ],
        pk=["case_id", "service_id"],
        fks=[FK_CASE, FK_SERVICE],
    ),
    "plan_results": dict(
        title="Chet-Nura: expected results and indicators of each plan goal",
        description="«Күтүлгөн жыйынтыктар (индикатор)» under each plan's goal. Baseline, target "
        "and unit only where the seed gives a figure.",
        fields=[
            SERVICE_FIELD,
            F(
                "result_no",
                "integer",
                "No.",
                "№",
                "№",
                "Order under the goal.",
                required=True,
                minimum=1,
            ),
            *RESULT_FIELDS,
        ],
        pk=["case_id", "service_id", "result_no"],
        fks=[FK_CASE, FK_SERVICE],
    ),
    "plan_tasks": dict(
        title="Chet-Nura: the six tasks of each action plan",
        description="Tasks (маселе / тапшырма) 1-6 of each plan, in order.",
        fields=[
            SERVICE_FIELD,
            TASK_NO,
            F(
                "task",
                "string",
                "Task",
                "Тапшырма",
                "Задача",
                "Kyrgyz, as in the seed.",
                required=True,
            ),
            F(
                "task_en",
                "string",
                "Task (English)",
                "Тапшырма (англисче)",
                "Задача (англ.)",
                "Our English translation.",
            ),
        ],
        pk=["case_id", "service_id", "task_no"],
        fks=[FK_CASE, FK_SERVICE],
    ),
    "task_results": dict(
        title="Chet-Nura: expected results (indicators) of each task",
        description="«Күтүлгөн жыйынтык (индикатор)» under each task of the three plans.",
        fields=[
            SERVICE_FIELD,
            TASK_NO,
            F(
                "result_no",
                "integer",
                "No.",
                "№",
                "№",
                "Order under the task.",
                required=True,
                minimum=1,
            ),
            *RESULT_FIELDS,
        ],
        pk=["case_id", "service_id", "task_no", "result_no"],
        fks=[FK_CASE, FK_SERVICE, FK_TASK],
    ),
    "plan_activities": dict(
        title="Chet-Nura: activities of the three joint action plans",
        description="Every activity row of the three plans: expected result/product, resources, "
        "deadline and responsible, as written in the seed.",
        fields=[
            SERVICE_FIELD,
            F(
                "activity_no",
                "string",
                "Activity No.",
                "Иш-аракеттин №",
                "№ мероприятия",
                "Number as in the seed, «task.activity».",
                required=True,
                pattern="^[1-6]\\.[1-9]$",
            ),
            TASK_NO,
            F(
                "activity",
                "string",
                "Activity",
                "Иш-аракет",
                "Мероприятие",
                "Kyrgyz, as in the seed.",
                required=True,
            ),
            F(
                "result",
                "string",
                "Expected result / product",
                "Күтүлгөн жыйынтык/продукт",
                "Ожидаемый результат / продукт",
                "Items joined with «; ».",
                required=True,
            ),
            F(
                "resources",
                "string",
                "Resources",
                "Ресурстар",
                "Ресурсы",
                "Items joined with «; ».",
                required=True,
            ),
            F(
                "deadline",
                "string",
                "Deadline",
                "Өткөрүү мөөнөтү",
                "Срок",
                "Verbatim, e.g. «2019 жыл июлдун 2-аптасы».",
                required=True,
            ),
            F(
                "responsible",
                "string",
                "Responsible",
                "Жооптуу",
                "Ответственный",
                "Items joined with «; ».",
                required=True,
            ),
        ],
        pk=["case_id", "service_id", "activity_no"],
        fks=[FK_CASE, FK_SERVICE, FK_TASK],
    ),
    "delivery_options": dict(
        title="Chet-Nura: service delivery options listed in the plans",
        description="Ways of organising each service the plans list to choose from (activity "
        "2.2 / 2.3). The seed does not record which one was chosen.",
        fields=[
            SERVICE_FIELD,
            F(
                "option_id",
                "string",
                "Option",
                "Ыкма",
                "Способ",
                "municipal-enterprise | private | ngo | wua.",
                required=True,
                enum=["municipal-enterprise", "private", "ngo", "wua"],
            ),
            F(
                "activity_no",
                "string",
                "Activity No.",
                "Иш-аракеттин №",
                "№ мероприятия",
                "The activity that lists the options.",
            ),
            F(
                "option",
                "string",
                "Option (Kyrgyz)",
                "Ыкма (кыргызча)",
                "Способ (кырг.)",
                "As in the seed.",
                required=True,
            ),
            F(
                "option_en",
                "string",
                "Option (English)",
                "Ыкма (англисче)",
                "Способ (англ.)",
                "Our English translation.",
            ),
            F("chosen", "boolean", "Chosen", "Тандалды", "Выбран", "Empty: the seed does not say."),
        ],
        pk=["case_id", "service_id", "option_id"],
        fks=[FK_CASE, FK_SERVICE],
    ),
    "monitoring": dict(
        title="Chet-Nura: joint monitoring and evaluation (БМжБТ) and property lease rule",
        description="Facts about the joint monitoring and evaluation group, the three-level M&E "
        "system, and the lease of municipal property to the provider.",
        fields=[
            F("item_no", "integer", "No.", "№", "№", "Row number.", required=True, minimum=1),
            F(
                "item",
                "string",
                "Item",
                "Пункт",
                "Пункт",
                "What the row is about (English key).",
                required=True,
            ),
            F(
                "service_id",
                "string",
                "Service",
                "Кызмат көрсөтүү",
                "Услуга",
                "The plan the fact comes from; empty for the strategy-wide M&E system.",
                enum=SERVICES,
            ),
            F(
                "value",
                "string",
                "Value",
                "Мааниси",
                "Значение",
                "Kyrgyz, as in the seed.",
                required=True,
            ),
            F(
                "value_en",
                "string",
                "Value (English)",
                "Мааниси (англисче)",
                "Значение (англ.)",
                "Our English summary.",
            ),
        ],
        pk=["case_id", "item_no"],
        # one column, so that the rows about no single service (empty) are skipped;
        # priority_services lists only Chet-Nura's services, the only case of this table
        fks=[
            FK_CASE,
            {
                "fields": ["service_id"],
                "reference": {"resource": "priority_services", "fields": ["service_id"]},
            },
        ],
    ),
    "activity_schedule": dict(
        title="Chet-Nura: activity deadlines as dates (derived)",
        description="Each activity's verbatim deadline turned into a date range for a timeline "
        "(Gantt) chart. Derived: the rule is in each row's note.",
        fields=[
            SERVICE_FIELD,
            F(
                "activity_no",
                "string",
                "Activity No.",
                "Иш-аракеттин №",
                "№ мероприятия",
                "As in plan_activities.",
                required=True,
                pattern="^[1-6]\\.[1-9]$",
            ),
            F(
                "deadline",
                "string",
                "Deadline (verbatim)",
                "Өткөрүү мөөнөтү",
                "Срок",
                "The deadline as the seed writes it (copied from plan_activities).",
                required=True,
            ),
            F(
                "start",
                "date",
                "Start",
                "Башталышы",
                "Начало",
                "First day of the deadline period (for «by day N»: the 1st of that month, "
                "assumed); empty for recurring activities.",
            ),
            F(
                "end",
                "date",
                "End",
                "Аягы",
                "Конец",
                "Last day of the deadline period; empty for recurring activities.",
            ),
            F(
                "precision",
                "string",
                "Precision",
                "Тактыгы",
                "Точность",
                "month | weeks | by-date | recurring.",
                required=True,
                enum=["month", "weeks", "by-date", "recurring"],
            ),
        ],
        pk=["case_id", "service_id", "activity_no"],
        fks=[
            FK_CASE,
            FK_SERVICE,
            {
                "fields": ["case_id", "service_id", "activity_no"],
                "reference": {
                    "resource": "plan_activities",
                    "fields": ["case_id", "service_id", "activity_no"],
                },
            },
        ],
    ),
    "strategy_facts": dict(
        title="Chet-Nura: the strategy document (resolution, goal, method, problems, results)",
        description="Facts and statements of the strategy outside its tables: the approving "
        "resolution, the strategy's goal and intended outcomes, how priorities were "
        "chosen, the main problems, expected results and conclusion.",
        fields=[
            F("fact_no", "integer", "No.", "№", "№", "Row number.", required=True, minimum=1),
            F(
                "section",
                "string",
                "Section",
                "Бөлүм",
                "Раздел",
                "resolution | strategy | methodology | monitoring | sustainability | problems | "
                "expected-results | conclusion.",
                required=True,
                enum=[
                    "resolution",
                    "strategy",
                    "methodology",
                    "monitoring",
                    "sustainability",
                    "problems",
                    "expected-results",
                    "conclusion",
                ],
            ),
            F(
                "item",
                "string",
                "Item",
                "Пункт",
                "Пункт",
                "What the row is (English key).",
                required=True,
            ),
            F(
                "value",
                "string",
                "Value",
                "Мааниси",
                "Значение",
                "Kyrgyz, as in the seed.",
                required=True,
            ),
            F(
                "value_en",
                "string",
                "Value (English)",
                "Мааниси (англисче)",
                "Значение (англ.)",
                "Our English summary.",
            ),
        ],
        pk=["case_id", "fact_no"],
        fks=[FK_CASE],
    ),
    "sustainability_factors": dict(
        title="Chet-Nura: factors of service sustainability, funding sources, recommendations",
        description="Section 8 of the strategy: external factors of sustainability, the sources "
        "of resources for the strategy, and the recommendations for sustainability.",
        fields=[
            F("factor_no", "integer", "No.", "№", "№", "Row number.", required=True, minimum=1),
            F(
                "category",
                "string",
                "Category",
                "Категория",
                "Категория",
                "external-factor | funding-source | recommendation.",
                required=True,
                enum=["external-factor", "funding-source", "recommendation"],
            ),
            F(
                "name_ky",
                "string",
                "Name (Kyrgyz)",
                "Аталышы",
                "Название (кырг.)",
                "Name of the factor, where the seed gives one.",
            ),
            F(
                "name_en",
                "string",
                "Name (English)",
                "Аталышы (англисче)",
                "Название (англ.)",
                "Our English name.",
            ),
            F(
                "text",
                "string",
                "Text",
                "Тексти",
                "Текст",
                "Kyrgyz, as in the seed.",
                required=True,
            ),
            F(
                "text_en",
                "string",
                "Text (English)",
                "Тексти (англисче)",
                "Текст (англ.)",
                "Our English summary.",
            ),
        ],
        pk=["case_id", "factor_no"],
        fks=[FK_CASE],
    ),
}

BUILDERS = {
    "commission_members": commission_members,
    "selection_criteria": selection_criteria,
    "priority_services": priority_services,
    "problem_factors": problem_factors,
    "villages": villages,
    "service_standards": service_standards,
    "plan_goals": plan_goals,
    "plan_results": plan_results,
    "plan_tasks": plan_tasks,
    "task_results": task_results,
    "plan_activities": plan_activities,
    "delivery_options": delivery_options,
    "monitoring": monitoring,
    "sustainability_factors": sustainability_factors,
    "activity_schedule": activity_schedule,
    "strategy_facts": strategy_facts,
}


TABLE_TITLES = {
    # table: (ky, ru)
    "commission_members": (
        "Чет-Нура: жумушчу комиссиянын курамы",
        "Чет-Нура: состав рабочей комиссии",
    ),
    "selection_criteria": (
        "Чет-Нура: артыкчылыктуу кызмат көрсөтүүлөрдү тандоонун критерийлери",
        "Чет-Нура: критерии отбора приоритетных услуг",
    ),
    "priority_services": (
        "Чет-Нура: артыкчылыктуу кызмат көрсөтүүлөр (добуш боюнча)",
        "Чет-Нура: приоритетные услуги (по голосам)",
    ),
    "problem_factors": (
        "Чет-Нура: көйгөйлөрдүн себептери жана натыйжалары",
        "Чет-Нура: причины и последствия проблем",
    ),
    "villages": ("Чет-Нура: айылдар", "Чет-Нура: сёла"),
    "service_standards": (
        "Чет-Нура: кызмат көрсөтүүлөрдүн стандарттары",
        "Чет-Нура: стандарты услуг",
    ),
    "plan_goals": ("Чет-Нура: иш-аракеттер планынын максаты", "Чет-Нура: цели планов действий"),
    "plan_results": (
        "Чет-Нура: пландын күтүлгөн жыйынтыктары (индикатор)",
        "Чет-Нура: ожидаемые результаты планов (индикаторы)",
    ),
    "plan_tasks": ("Чет-Нура: пландын тапшырмалары", "Чет-Нура: задачи планов"),
    "task_results": (
        "Чет-Нура: тапшырмалардын күтүлгөн жыйынтыктары (индикатор)",
        "Чет-Нура: ожидаемые результаты задач (индикаторы)",
    ),
    "plan_activities": ("Чет-Нура: иш-аракеттер планы", "Чет-Нура: мероприятия планов действий"),
    "delivery_options": (
        "Чет-Нура: кызмат көрсөтүүнү уюштуруу ыкмалары",
        "Чет-Нура: способы организации услуг",
    ),
    "monitoring": (
        "Чет-Нура: биргелешкен мониторинг жана баалоо",
        "Чет-Нура: совместный мониторинг и оценка",
    ),
    "sustainability_factors": (
        "Чет-Нура: кызмат көрсөтүүлөрдүн туруктуулугунун факторлору",
        "Чет-Нура: факторы устойчивости услуг",
    ),
    "activity_schedule": (
        "Чет-Нура: иш-аракеттердин мөөнөттөрү (даталар)",
        "Чет-Нура: сроки мероприятий (даты)",
    ),
    "strategy_facts": ("Чет-Нура: стратегия документи", "Чет-Нура: документ стратегии"),
}


def descriptor(name: str) -> dict:
    spec = TABLES[name]
    ky, ru = TABLE_TITLES[name]
    return {
        "name": name,
        "path": f"data/{name}.csv",
        "title": spec["title"],
        "titles": {"ky": ky, "ru": ru, "en": spec["title"]},
        "description": spec["description"] + " Source: " + SOURCE_FILE + " (Chet-Nura service "
        "delivery strategy, 2019). Written by scripts/extract_chet_nura.py.",
        "schema": {
            "fields": [CASE_FIELD, *spec["fields"], *PROV_FIELDS],
            "primaryKey": spec["pk"],
            "foreignKeys": spec["fks"],
        },
    }


def cell(value) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def render_csv(name: str, rows: list[dict]) -> str:
    columns = [f["name"] for f in descriptor(name)["schema"]["fields"]]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        assert set(row) == set(columns), (name, set(row) ^ set(columns))
        writer.writerow([cell(row[c]) for c in columns])
    return buf.getvalue()


def outputs() -> dict[Path, str]:
    files = {}
    for name, build in BUILDERS.items():
        files[DATASETS / "data" / f"{name}.csv"] = render_csv(name, build())
        files[DATASETS / "schemas" / f"{name}.json"] = (
            json.dumps(descriptor(name), ensure_ascii=False, indent=2) + "\n"
        )
    return files


def main(argv: list[str]) -> int:
    files = outputs()
    if "--check" in argv:
        stale = [
            p
            for p, text in files.items()
            if not p.exists() or p.read_text(encoding="utf-8") != text
        ]
        for p in stale:
            print(f"{p.relative_to(ROOT)} is out of date: run python scripts/extract_chet_nura.py")
        return 1 if stale else 0
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
