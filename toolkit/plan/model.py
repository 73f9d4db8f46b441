"""A joint action plan (БАП) as data, and how far it has got.

A plan serves one service (drinking water, waste, irrigation …).  It has a
goal, expected results with indicators, six tasks in a fixed order, and
activities numbered ``1.1``, ``1.2`` … each with its product, resources,
deadline and responsible — the form of Chet-Nura's strategy (seed 003):

>>> plan = Plan("waste", "Таштанды чыгаруу", goal="КТК чыгарууну уюштуруу", year=2019,
...     tasks=[Task(1, "Кызмат көрсөтүүлөрдүн стандарттарын иштеп чыгуу")],
...     activities=[Activity("1.1", 1, "Стандарттын долбоорун даярдоо", deadline="июнь",
...                          responsible="Жумушчу комиссия", status="done"),
...                 Activity("1.2", 1, "Фокус топторду өткөрүү", deadline="июль",
...                          responsible="Жумушчу комиссия", progress=50)])
>>> [a.no for a in plan.activities_of(1)]
['1.1', '1.2']
>>> task_progress(plan)["percent_done"].tolist()
[75.0]

Progress follows Decidim's Accountability component: each activity has a
status and a percent done; a task's progress is the mean of its
activities', weighted when weights are given; the plan's is the mean of its
tasks'.  A cancelled activity does not count.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from toolkit.errors import ToolkitError
from toolkit.i18n import N_, translator

__all__ = [
    "Activity",
    "COLUMN_LABELS",
    "CRITERIA",
    "CRITERION_LABELS",
    "DEPENDENCIES",
    "DEPENDENCY_REASONS",
    "DeliveryOption",
    "MonitoringItem",
    "PLAN_TABLES",
    "Plan",
    "Result",
    "SOURCES",
    "SOURCE_LABELS",
    "STATUSES",
    "STATUS_LABELS",
    "STEPS",
    "STEP_LABELS",
    "Standard",
    "TABLE_COLUMNS",
    "Task",
    "WorkItem",
    "activities_table",
    "activity_percent",
    "blank_plan",
    "budget_by_source",
    "budget_sum",
    "budget_value",
    "guess_year",
    "label",
    "load_plan",
    "load_plans",
    "plan_from_dict",
    "plan_from_tables",
    "plan_progress",
    "plan_table",
    "plan_to_dict",
    "source_of",
    "step_of",
    "task_of_number",
    "task_progress",
]

_ = translator("plan")

#: The six tasks of every plan, in the order the seed gives them.
STEPS = ("standards", "delivery", "cost", "agreement", "provider", "monitoring")

STEP_LABELS = {
    "standards": N_("Develop the service standards"),
    "delivery": N_("Choose the delivery method and form"),
    "cost": N_("Calculate the cost of the service"),
    "agreement": N_("Agree the price and find the funding"),
    "provider": N_("Choose the provider and sign the contracts"),
    "monitoring": N_("Public monitoring of the service quality"),
}

# words that tell which step a task is (Kyrgyz, Russian, English), tried in this order
_STEP_WORDS = (
    ("monitoring", ("мониторинг", "monitor", "баалоо", "оценк")),
    ("agreement", ("макулдаш", "соглас", "agree", "каржылоо булак", "финансирован", "fund")),
    (
        "provider",
        (
            "жеткирип берүүчү",
            "кызмат көрсөтүүчү",
            "провайдер",
            "поставщик",
            "provider",
            "контракт",
            "contract",
            "келишим",
            "договор",
            "конкурс",
            "tender",
        ),
    ),
    (
        "cost",
        (
            "наркын",
            "нарк",
            "баасын эсепт",
            "эсептөө",
            "стоимост",
            "расчет",
            "расчёт",
            "тариф",
            "cost",
            "tariff",
            "price",
        ),
    ),
    ("delivery", ("ыкма", "формасы", "түрлөрү", "способ", "форм", "method", "delivery")),
    ("standards", ("стандарт", "standard")),
)

#: ``(before, after)``: work of the second step cannot be finished before the first.
DEPENDENCIES = (
    ("standards", "cost"),
    ("cost", "agreement"),
    ("agreement", "provider"),
    ("delivery", "provider"),
    ("provider", "monitoring"),
)

DEPENDENCY_REASONS = {
    ("standards", "cost"): N_("the cost is calculated for the agreed standards"),
    ("cost", "agreement"): N_("a price can be agreed only after it is calculated"),
    ("agreement", "provider"): N_(
        "the provider is chosen and contracted only after the price is agreed"
    ),
    ("delivery", "provider"): N_("the provider is chosen for the chosen delivery method"),
    ("provider", "monitoring"): N_("the monitoring plan is made after the contract is signed"),
}

#: Status of an activity and the percent done it means when none is given.
STATUSES = {"not-started": 0.0, "in-progress": 50.0, "done": 100.0, "cancelled": None}

STATUS_LABELS = {
    "not-started": N_("not started"),
    "in-progress": N_("in progress"),
    "done": N_("done"),
    "cancelled": N_("cancelled"),
}

#: The four criteria of a service standard.
CRITERIA = ("accessibility", "convenience", "quality", "timeliness")

CRITERION_LABELS = {
    "accessibility": N_("Accessibility"),
    "convenience": N_("Convenience"),
    "quality": N_("Quality of the service"),
    "timeliness": N_("Timeliness"),
}


#: Where the money for an activity comes from, as municipal plans list it (seed 003,
#: «Стратегияны ишке ашыруу үчүн ресурстар»: local budgets, the service's users, donor
#: grants, sponsors) plus the republican budget.
SOURCES = ("local", "republican", "residents", "donor", "sponsor")

SOURCE_LABELS = {
    "local": N_("local budget"),
    "republican": N_("republican budget"),
    "residents": N_("residents"),
    "donor": N_("donor"),
    "sponsor": N_("sponsor"),
}

# words that tell the source (Kyrgyz, Russian, English), tried in this order
_SOURCE_WORDS = (
    (
        "republican",
        ("республика", "republic", "state budget", "мамлекеттик бюджет", "государствен"),
    ),
    ("local", ("жергиликтүү", "местн", "local", "айыл өкмөт", "муниципал")),
    (
        "residents",
        (
            "тургун",
            "калк",
            "ата-эне",
            "элдин",
            "кызмат алуучу",
            "жител",
            "населен",
            "родител",
            "resident",
            "parent",
            "user",
        ),
    ),
    ("donor", ("донор", "грант", "donor", "grant", "долбоор", "проект", "project")),
    ("sponsor", ("демөөрчү", "спонсор", "sponsor")),
)


def source_of(text: str) -> str | None:
    """Which of the :data:`SOURCES` a source written in words is, or ``None``.

    >>> source_of("Жергиликтүү бюджет"), source_of("родители"), source_of("donor")
    ('local', 'residents', 'donor')
    >>> source_of("Республиканский бюджет"), source_of("republican"), source_of("башка") is None
    ('republican', 'republican', True)
    """
    value = str(text or "").strip().lower()
    if value in SOURCES:
        return value
    for key, words in _SOURCE_WORDS:
        if any(w in value for w in words):
            return key
    return None


def label(key: str) -> str:
    """The words for a step, status or criterion key, in the current language.

    >>> label("done"), label("provider")
    ('аткарылды', 'Кызмат көрсөтүүчүнү тандоо жана келишимдерди түзүү')
    """
    for table in (STEP_LABELS, STATUS_LABELS, CRITERION_LABELS, SOURCE_LABELS, _MONITORING_ITEMS):
        if key in table:
            return _(table[key])
    return _(key)


@dataclass
class Result:
    """An expected result and its indicator: how much, of what, from what, to what."""

    no: int
    result: str
    indicator: str = ""
    baseline: float | None = None
    target: float | None = None
    unit: str = ""
    verification: str = ""


@dataclass
class Task:
    """A task of the plan. ``step`` is one of :data:`STEPS`; left empty it is guessed from the title."""

    no: int
    title: str
    expected: str = ""
    step: str | None = None
    weight: float | None = None


@dataclass
class Activity:
    """One line of the plan: activity ``no`` ("1.1") of task ``task_no``.

    ``budget`` is what it costs in som (``None``: not costed; ``0``: costs nothing)
    and ``source`` where the money comes from, one of :data:`SOURCES`.
    """

    no: str
    task_no: int
    activity: str
    result: str = ""
    resources: str = ""
    deadline: str = ""
    responsible: str = ""
    status: str = "not-started"
    progress: float | None = None
    weight: float | None = None
    budget: float | None = None
    source: str = ""

    @property
    def costed(self) -> bool:
        """Whether a cost in som is written (0 counts: it costs nothing).

        >>> Activity("1.1", 1, "a", budget=0).costed, Activity("1.2", 1, "b").costed
        (True, False)
        """
        return self.budget is not None and not _isnan(self.budget)


@dataclass
class Standard:
    """The standard of the service by one of the four :data:`CRITERIA`."""

    criterion: str
    standard: str


@dataclass
class DeliveryOption:
    """A way to deliver the service that was considered (and whether it was chosen)."""

    option_id: str
    option: str
    chosen: bool = False


@dataclass
class MonitoringItem:
    """A fact about the joint monitoring and evaluation group (JMEG): how it is set up, what it makes."""

    item: str
    value: str


@dataclass
class WorkItem:
    """A line of the JMEG work plan: what it checks, when, who, and the act or report it gives."""

    activity: str
    deadline: str = ""
    responsible: str = ""
    product: str = ""


@dataclass
class Plan:
    """A joint action plan for one service."""

    service_id: str
    title: str
    goal: str = ""
    year: int | None = None
    results: list[Result] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    standards: list[Standard] = field(default_factory=list)
    delivery_options: list[DeliveryOption] = field(default_factory=list)
    monitoring: list[MonitoringItem] = field(default_factory=list)
    work_plan: list[WorkItem] = field(default_factory=list)
    case_id: str = ""
    #: the total budget the plan states, in som (checked against the sum of its activities)
    budget_total: float | None = None

    def task(self, no: int) -> Task | None:
        """The task numbered ``no``, or ``None``."""
        return next((t for t in self.tasks if t.no == no), None)

    def activities_of(self, task_no: int) -> list[Activity]:
        """The activities of one task, in plan order."""
        return [a for a in self.activities if a.task_no == task_no]

    def chosen_option(self) -> DeliveryOption | None:
        """The delivery option chosen, if one was."""
        return next((o for o in self.delivery_options if o.chosen), None)


def blank_plan(
    service_id: str, title: str, *, year: int | None = None, goal: str = "", case_id: str = ""
) -> Plan:
    """A new plan with the six tasks of the seed, named in the current language, and no activities.

    >>> p = blank_plan("school-transport", "Мектеп транспорту", year=2024)
    >>> [t.step for t in p.tasks] == list(STEPS)
    True
    >>> p.tasks[2].title
    'Кызмат көрсөтүүнүн наркын эсептөө'
    """
    tasks = [Task(i, _(STEP_LABELS[step]), step=step) for i, step in enumerate(STEPS, start=1)]
    return Plan(service_id, title, goal=goal, year=year, tasks=tasks, case_id=case_id)


def plan_to_dict(plan: Plan) -> dict:
    """The plan as plain data (for JSON): ``plan_from_dict(plan_to_dict(p)) == p``.

    >>> p = blank_plan("x", "X", year=2024)
    >>> plan_from_dict(plan_to_dict(p)) == p
    True
    """
    return asdict(plan)


def plan_from_dict(data: Mapping) -> Plan:
    """A :class:`Plan` from the plain data :func:`plan_to_dict` gives."""
    parts = {
        "results": Result,
        "tasks": Task,
        "activities": Activity,
        "standards": Standard,
        "delivery_options": DeliveryOption,
        "monitoring": MonitoringItem,
        "work_plan": WorkItem,
    }
    try:
        values = {k: v for k, v in data.items() if k not in parts}
        lists = {k: [cls(**item) for item in data.get(k, [])] for k, cls in parts.items()}
        return Plan(**values, **lists)
    except (TypeError, AttributeError) as error:
        raise ToolkitError(
            _("The saved plan could not be read: {problem}").format(problem=error)
        ) from None


def step_of(task: Task | str) -> str | None:
    """Which of the six :data:`STEPS` a task is, from its ``step`` or the words of its title.

    >>> step_of("Кызмат көрсөтүүнүн баасын макулдашуу жана аны ресурс менен толтуруу")
    'agreement'
    >>> step_of("Выбор поставщика услуги")
    'provider'
    >>> step_of("Сатып алуу") is None
    True
    """
    if isinstance(task, Task):
        if task.step in STEPS:
            return task.step
        title = task.title
    else:
        title = task
    text = str(title).lower()
    for step, words in _STEP_WORDS:
        if any(w in text for w in words):
            return step
    return None


def activity_percent(activity: Activity) -> float | None:
    """Percent done of an activity: its ``progress``, else what its status means.

    ``None`` for a cancelled activity (it does not count).

    >>> activity_percent(Activity("1.1", 1, "x", status="done"))
    100.0
    >>> activity_percent(Activity("1.1", 1, "x", status="in-progress", progress=30))
    30.0
    """
    if activity.status == "cancelled":
        return None
    if activity.progress is not None and not _isnan(activity.progress):
        return float(activity.progress)
    return STATUSES.get(activity.status, 0.0)


def _isnan(value) -> bool:
    return isinstance(value, float) and math.isnan(value)


def _weighted_mean(pairs: Iterable[tuple[float | None, float | None]]) -> float | None:
    total = weight_sum = 0.0
    for value, weight in pairs:
        if value is None:
            continue
        w = 1.0 if weight is None or _isnan(weight) else float(weight)
        total += value * w
        weight_sum += w
    return total / weight_sum if weight_sum else None


def task_progress(plan: Plan) -> pd.DataFrame:
    """One row per task: its number, title, number of activities and percent done.

    >>> plan = Plan("x", "x", tasks=[Task(1, "a"), Task(2, "b")], activities=[
    ...     Activity("1.1", 1, "p", status="done", weight=3), Activity("1.2", 1, "q", weight=1),
    ...     Activity("2.1", 2, "r", status="cancelled")])
    >>> task_progress(plan)[["task_no", "activities", "percent_done"]].to_dict("records")[0]
    {'task_no': 1, 'activities': 2, 'percent_done': 75.0}
    >>> task_progress(plan)["percent_done"].tolist()
    [75.0, 0.0]
    """
    rows = []
    for task in plan.tasks:
        acts = plan.activities_of(task.no)
        percent = _weighted_mean((activity_percent(a), a.weight) for a in acts)
        rows.append(
            {
                "task_no": task.no,
                "task": task.title,
                "step": step_of(task),
                "activities": len(acts),
                "percent_done": round(percent or 0.0, 1),
            }
        )
    return pd.DataFrame(rows, columns=["task_no", "task", "step", "activities", "percent_done"])


def plan_progress(plan: Plan) -> float:
    """Percent done of the whole plan: the mean of its tasks' progress (weighted by task weight).

    >>> plan_progress(Plan("x", "x", tasks=[Task(1, "a"), Task(2, "b", weight=3)],
    ...     activities=[Activity("1.1", 1, "p", status="done"), Activity("2.1", 2, "q")]))
    25.0
    """
    table = task_progress(plan)
    weights = {t.no: t.weight for t in plan.tasks}
    value = _weighted_mean(
        (row.percent_done if row.activities else None, weights.get(row.task_no))
        for row in table.itertuples()
    )
    return round(value or 0.0, 1)


def budget_sum(plan: Plan) -> float:
    """What the plan's activities cost together, in som (activities not costed count 0).

    >>> budget_sum(Plan("x", "x", activities=[Activity("1.1", 1, "a", budget=250_000),
    ...                                        Activity("1.2", 1, "b")]))
    250000.0
    """
    return float(sum(a.budget for a in plan.activities if a.costed))


def budget_by_source(plan: Plan) -> pd.DataFrame:
    """The plan's budget by source: one row per source that pays for something, with its share.

    Sources come in the order of :data:`SOURCES`; a source written in other
    words is kept as written, after them.

    >>> p = Plan("x", "x", activities=[
    ...     Activity("4.1", 4, "a", budget=50_000, source="residents"),
    ...     Activity("4.2", 4, "b", budget=250_000, source="Жергиликтүү бюджет")])
    >>> budget_by_source(p)[["source", "amount", "share"]].values.tolist()
    [['local', 250000.0, 83.3], ['residents', 50000.0, 16.7]]
    """
    totals: dict[str, float] = {}
    for a in plan.activities:
        if not a.costed or a.budget == 0:  # costs nothing: paid by no one
            continue
        key = source_of(a.source) or a.source.strip()
        totals[key] = totals.get(key, 0.0) + float(a.budget)
    order = [s for s in SOURCES if s in totals] + [s for s in totals if s not in SOURCES]
    whole = sum(totals.values())
    rows = [
        {
            "source": s,
            "label": label(s) if s in SOURCES else (s or "—"),
            "amount": totals[s],
            "share": round(100 * totals[s] / whole, 1) if whole else 0.0,
        }
        for s in order
    ]
    return pd.DataFrame(rows, columns=["source", "label", "amount", "share"])


#: Columns of the plan table, as in the seed: №, activity, product, resources, deadline, responsible.
TABLE_COLUMNS = ("no", "activity", "result", "resources", "deadline", "responsible")

COLUMN_LABELS = {
    "no": N_("No."),
    "activity": N_("Activities to improve the service"),
    "result": N_("Expected result / product"),
    "resources": N_("Resources"),
    "deadline": N_("Deadline"),
    "responsible": N_("Responsible"),
    "budget": N_("Budget, som"),
    "source": N_("Source of funds"),
    "task_no": N_("Task"),
    "status": N_("Status"),
    "progress": N_("Percent done"),
    "weight": N_("Weight"),
}


def activities_table(plan: Plan, *, progress: bool = False, budget: bool = False) -> pd.DataFrame:
    """The plan's activities as a table with the seed's columns (and, if asked, budget and progress).

    >>> plan = Plan("x", "x", tasks=[Task(1, "a")], activities=[Activity("1.1", 1, "p", deadline="май")])
    >>> activities_table(plan).columns.tolist()
    ['no', 'task_no', 'activity', 'result', 'resources', 'deadline', 'responsible']
    >>> activities_table(plan, budget=True).columns.tolist()[-2:]
    ['budget', 'source']
    """
    columns = ["no", "task_no", "activity", "result", "resources", "deadline", "responsible"]
    if budget:
        columns += ["budget", "source"]
    if progress:
        columns += ["status", "progress", "weight", "percent_done"]
    rows = []
    for a in plan.activities:
        row = asdict(a)
        row["percent_done"] = activity_percent(a)
        rows.append({c: row[c] for c in columns})
    return pd.DataFrame(rows, columns=columns)


def plan_table(activities: Iterable[Mapping]) -> pd.DataFrame:
    """A plan table from a list of activities given as dictionaries.

    Each needs ``no`` ("1.1") and ``activity``; the task number is taken from
    the activity number when ``task_no`` is not given; missing columns are
    left empty.  Rows come sorted by number (1.2 before 1.10).  When an
    activity gives a ``budget`` (som) the table has the columns ``budget``
    and ``source`` too.

    >>> t = plan_table([{"no": "1.2", "activity": "Фокус топ", "responsible": "АӨ башчысы"},
    ...                 {"no": "1.1", "activity": "Долбоор"}])
    >>> t[["no", "task_no", "responsible"]].values.tolist()
    [['1.1', 1, ''], ['1.2', 1, 'АӨ башчысы']]
    """
    rows = []
    for i, item in enumerate(activities, start=1):
        if not isinstance(item, Mapping) or not str(item.get("no", "")).strip():
            raise ToolkitError(
                _("Activity {n} of the list has no number (like «1.1»).").format(n=i)
            )
        no = str(item["no"]).strip()
        task_no = item.get("task_no")
        if task_no in (None, ""):
            task_no = task_of_number(no)
        row = {"no": no, "task_no": int(task_no) if task_no is not None else None}
        for column in TABLE_COLUMNS[1:]:
            value = item.get(column, "")
            row[column] = "" if value is None else str(value)
        row["budget"] = budget_value(item.get("budget"), no)
        row["source"] = _text(item.get("source"))
        rows.append(row)
    columns = ["no", "task_no", *TABLE_COLUMNS[1:]]
    if any(r["budget"] is not None for r in rows):
        columns += ["budget", "source"]
    table = pd.DataFrame(rows, columns=columns)
    order = sorted(range(len(rows)), key=lambda k: _number_key(rows[k]["no"]))
    return table.iloc[order].reset_index(drop=True)


def budget_value(value, no: str) -> float | None:
    """A budget in som from a number or as people write it.

    >>> [budget_value(v, "1.1") for v in ("250 000", "250 000 сом", "250,000", "12,5", 7, "")]
    [250000.0, 250000.0, 250000.0, 12.5, 7.0, None]
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None if _isnan(value) else float(value)
    text = re.sub(r"(?i)\s*(сом|сомов|som)\.?\s*$", "", str(value))
    text = re.sub(r"[\s\u00a0\u202f]", "", text)
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):  # 250,000 (English grouping)
        text = text.replace(",", "")
    amount = _number(text)
    if amount is None:
        raise ToolkitError(
            _("Activity {no}: the budget «{value}» is not an amount in som.").format(
                no=no, value=value
            )
        )
    return amount


def task_of_number(no: str) -> int | None:
    """The task an activity's number belongs to (``"2.3"`` is of task 2), or None.

    >>> task_of_number("2.3"), task_of_number("7")
    (2, None)
    """
    match = re.match(r"\s*(\d+)\s*[.,]", str(no))
    return int(match.group(1)) if match else None


def _number_key(no: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 10**6 for p in re.split(r"[.,]", str(no)) if p != "")


# ---------------------------------------------------------------- reading the case tables

_SERVICE_TITLES = {
    "drinking-water": "Таза суу менен камсыздоо боюнча кызмат көрсөтүүнү жакшыртуу",
    "waste": "КТК жыйноону, чыгарууну, жок кылууну уюштуруу",
    "irrigation": "Сугат суу менен камсыз кылууну уюштуруу",
}

_MONITORING_ITEMS = {
    "jmeg_created_by": N_("The JMEG is created by"),
    "jmeg_work_plan": N_("Work plan of the JMEG"),
    "jmeg_regulation": N_("Regulation on the JMEG"),
    "monitoring_plan": N_("Monitoring plan"),
    "results_published": N_("How the results are made public"),
    "act": N_("Act"),
    "report": N_("Report"),
    "frequency": N_("How often"),
    "responsible": N_("Responsible"),
    "lease_rule": N_("Use of municipal property"),
    "me_level_1": N_("Monitoring by the working commission"),
    "me_level_2": N_("Monitoring of the contract by the municipality"),
    "me_level_3": N_("Joint monitoring by the residents"),
    "deviation_rule": N_("If the service falls short of the standards"),
    "public_me_procedures": N_("Public monitoring procedures"),
}

PLAN_TABLES = (
    "plan_goals",
    "plan_results",
    "plan_tasks",
    "task_results",
    "plan_activities",
    "service_standards",
    "delivery_options",
    "monitoring",
)


def _case_tables(case_id: str) -> dict[str, pd.DataFrame]:
    """The plan tables of a case: through :mod:`toolkit.cases`, else straight from the CSV files."""
    try:
        from toolkit.cases import load_case

        return dict(load_case(case_id).tables)
    except (ImportError, ToolkitError):
        # the case loader refused the whole package (or is missing): the plan tables
        # themselves may still be fine, so read them directly
        tables = _csv_tables(case_id)
        if not tables:
            raise
        return tables


def _csv_tables(case_id: str) -> dict[str, pd.DataFrame]:
    folder = Path(__file__).resolve().parents[2] / "datasets" / "data"
    tables = {}
    for name in PLAN_TABLES + ("services",):
        path = folder / f"{name}.csv"
        if path.exists():
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
            if "case_id" in frame.columns:
                frame = frame[frame["case_id"] == case_id]
            tables[name] = frame
    return tables if any(len(t) for t in tables.values()) else {}


def _text(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _number(value) -> float | None:
    text = _text(value).replace(",", ".").replace(" ", "").replace("%", "")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _rows(tables, name, service_id=None):
    frame = tables.get(name)
    if frame is None or len(frame) == 0:
        return []
    if service_id is not None and "service_id" in frame.columns:
        frame = frame[[_text(v) == service_id for v in frame["service_id"]]]
    return frame.to_dict("records")


def plan_from_tables(
    tables: Mapping[str, pd.DataFrame],
    service_id: str,
    *,
    case_id: str = "",
    year: int | None = None,
) -> Plan:
    """Build the :class:`Plan` of one service from the case's plan tables.

    ``tables`` maps a table name (``plan_tasks``, ``plan_activities`` …) to a
    DataFrame with the columns of the data package.
    """
    goal_rows = _rows(tables, "plan_goals", service_id)
    title = _SERVICE_TITLES.get(service_id, service_id)
    for row in _rows(tables, "services", service_id) + goal_rows:
        for column in ("plan_title", "name_ky", "name", "title"):
            if _text(row.get(column)):
                title = _text(row[column])
                break
    expected: dict[int, list[str]] = {}
    for r in _rows(tables, "task_results", service_id):
        no = _number(r.get("task_no"))
        if no is not None and _text(r.get("result")):
            expected.setdefault(int(no), []).append(_text(r.get("result")))
    results = [
        Result(
            int(_number(r.get("result_no")) or i),
            _text(r.get("result")),
            _text(r.get("indicator")),
            _number(r.get("baseline")),
            _number(r.get("target")),
            _text(r.get("unit")),
            _text(r.get("verification")),
        )
        for i, r in enumerate(_rows(tables, "plan_results", service_id), start=1)
    ]
    tasks = [
        Task(
            int(_number(r.get("task_no"))),
            _text(r.get("task")),
            _text(r.get("expected")) or _join(expected.get(int(_number(r.get("task_no"))), [])),
            _text(r.get("step")) or None,
            _number(r.get("weight")),
        )
        for r in _rows(tables, "plan_tasks", service_id)
    ]
    activities = []
    for r in _rows(tables, "plan_activities", service_id):
        no = _text(r.get("activity_no") or r.get("no"))
        task_no = _number(r.get("task_no"))
        activities.append(
            Activity(
                no,
                int(task_no) if task_no is not None else (task_of_number(no) or 0),
                _text(r.get("activity")),
                _text(r.get("result")),
                _text(r.get("resources")),
                _text(r.get("deadline")),
                _text(r.get("responsible")),
                _text(r.get("status")) or "not-started",
                _number(r.get("progress")),
                _number(r.get("weight")),
                budget_value(r.get("budget"), no),
                source_of(_text(r.get("budget_source"))) or _text(r.get("budget_source")),
            )
        )
    standards = [
        Standard(_text(r.get("criterion")), _text(r.get("standard")))
        for r in _rows(tables, "service_standards", service_id)
    ]
    options = [
        DeliveryOption(
            _text(r.get("option_id")),
            _text(r.get("option")),
            _text(r.get("chosen")).lower() in ("true", "1", "yes", "ооба", "да"),
        )
        for r in _rows(tables, "delivery_options", service_id)
    ]
    monitoring = [
        MonitoringItem(
            label(_MONITORING_ITEMS.get(_text(r.get("item")), _text(r.get("item")))),
            _text(r.get("value")),
        )
        for r in _rows(tables, "monitoring", service_id) + _rows(tables, "monitoring", "")
    ]
    plan = Plan(
        service_id,
        title,
        goal="; ".join(_text(r.get("goal")) for r in goal_rows),
        year=year,
        results=results,
        tasks=tasks,
        activities=activities,
        standards=standards,
        delivery_options=options,
        monitoring=monitoring,
        case_id=case_id,
        budget_total=next(
            (
                _number(r.get("budget_total"))
                for r in goal_rows
                if _number(r.get("budget_total")) is not None
            ),
            None,
        ),
    )
    if plan.year is None:
        plan.year = guess_year(plan)
    return plan


def _join(items: list[str]) -> str:
    return " ".join(i if i[-1:] in ".;:!?" else i + ";" for i in items).rstrip(";")


def guess_year(plan: Plan) -> int | None:
    """The year most deadlines of the plan name (Chet-Nura's plans: 2019)."""
    years = [
        int(y) for a in plan.activities for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", a.deadline)
    ]
    return max(set(years), key=years.count) if years else None


def load_plans(case_id: str = "chet-nura") -> dict[str, Plan]:
    """Every action plan of a case, by service id (``drinking-water``, ``waste``, ``irrigation``)."""
    tables = _case_tables(case_id)
    if "plan_activities" not in tables:
        raise ToolkitError(_("The case «{case}» has no action plans.").format(case=case_id))
    services = []
    for name in ("plan_goals", "plan_tasks", "plan_activities"):
        for row in _rows(tables, name):
            sid = _text(row.get("service_id"))
            if sid and sid not in services:
                services.append(sid)
    return {sid: plan_from_tables(tables, sid, case_id=case_id) for sid in services}


def load_plan(case_id: str, service_id: str) -> Plan:
    """One action plan of a case: ``load_plan("chet-nura", "waste")``."""
    plans = load_plans(case_id)
    if service_id not in plans:
        raise ToolkitError(
            _("The case «{case}» has no plan for «{service}». There are: {choices}.").format(
                case=case_id, service=service_id, choices=", ".join(plans)
            )
        )
    return plans[service_id]
