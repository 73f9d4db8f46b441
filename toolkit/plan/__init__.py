"""Joint action plans (БАП): the plan as data, its progress, the checks a
trainer makes, and its Word and Excel forms.

Read Chet-Nura's three real plans, check them, and write one to Word::

    from toolkit import plan
    plans = plan.load_plans("chet-nura")        # drinking-water, waste, irrigation
    plan.findings_table(plan.check_plan(plans["waste"]))
    plan.write_docx(plans["waste"], "waste_plan.docx", lang="ru")

A small plan made by hand:

>>> from toolkit.plan import Plan, Task, Activity, check_plan, task_progress
>>> p = Plan("school-transport", "Мектеп транспорту", year=2024, goal="85 окуучу мектепке барат",
...          tasks=[Task(1, "Кызмат көрсөтүүнүн стандарттарын иштеп чыгуу")],
...          activities=[Activity("1.1", 1, "Ата-энелер менен жолугушуу",
...                               deadline="2024 жыл март", responsible="АӨ башчысы",
...                               status="done")])
>>> task_progress(p)["percent_done"].tolist()
[100.0]
>>> sorted({f.code for f in check_plan(p)})
['no-resources', 'no-results', 'task-missing']

The parts live in :mod:`toolkit.plan.model` (the plan and its progress),
:mod:`toolkit.plan.deadlines` (deadlines in words → dates),
:mod:`toolkit.plan.checks` (findings) and :mod:`toolkit.plan.export`
(.docx and .xlsx).  Charts are in :mod:`toolkit.charts.plan`.
"""

from __future__ import annotations

from toolkit.plan.checks import CODES, Finding, check_plan, deadline_intervals, findings_table
from toolkit.plan.deadlines import Deadline, parse_deadline, try_parse_deadline
from toolkit.plan.export import docx_bytes, read_xlsx, write_docx, write_xlsx, xlsx_bytes
from toolkit.plan.model import (
    COLUMN_LABELS,
    CRITERIA,
    DEPENDENCIES,
    SOURCE_LABELS,
    SOURCES,
    STATUSES,
    STEPS,
    Activity,
    DeliveryOption,
    MonitoringItem,
    Plan,
    Result,
    Standard,
    Task,
    WorkItem,
    activities_table,
    activity_percent,
    blank_plan,
    budget_by_source,
    budget_sum,
    guess_year,
    label,
    load_plan,
    load_plans,
    plan_from_dict,
    plan_from_tables,
    plan_progress,
    plan_table,
    plan_to_dict,
    source_of,
    step_of,
    task_progress,
)

__all__ = [
    "CODES",
    "COLUMN_LABELS",
    "CRITERIA",
    "DEPENDENCIES",
    "SOURCES",
    "SOURCE_LABELS",
    "STATUSES",
    "STEPS",
    "Activity",
    "Deadline",
    "DeliveryOption",
    "Finding",
    "MonitoringItem",
    "Plan",
    "Result",
    "Standard",
    "Task",
    "WorkItem",
    "activities_table",
    "activity_percent",
    "blank_plan",
    "budget_by_source",
    "budget_sum",
    "check_plan",
    "deadline_intervals",
    "docx_bytes",
    "findings_table",
    "guess_year",
    "label",
    "load_plan",
    "load_plans",
    "parse_deadline",
    "plan_from_dict",
    "plan_from_tables",
    "plan_progress",
    "plan_table",
    "plan_to_dict",
    "read_xlsx",
    "source_of",
    "step_of",
    "task_progress",
    "try_parse_deadline",
    "write_docx",
    "write_xlsx",
    "xlsx_bytes",
]
