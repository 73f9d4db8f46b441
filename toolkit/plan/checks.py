"""What a trainer looks for in a joint action plan, found by the computer.

:func:`check_plan` reads a plan and lists its findings, each in the user's
language and naming the activity, task or result it is about:

* an activity without a responsible or a deadline;
* a deadline that cannot be read as a date, or a period that ends before it starts;
* deadlines in an impossible order (the contract with the provider due
  before the tariff it depends on is agreed);
* tasks missing from the six-step sequence, or out of order;
* an indicator that cannot be measured (no number, baseline, target or unit);
* duplicate activity numbers, an activity of a task that does not exist,
  a task without activities;
* an activity due outside the plan's year, an activity with neither
  resources nor budget, an amount with no source, and a total that does not
  match the total the plan states.

>>> from toolkit.plan.model import Plan, Task, Activity
>>> plan = Plan("x", "Суу", year=2019, tasks=[Task(1, "Стандарттарды иштеп чыгуу")],
...             activities=[Activity("1.1", 1, "Долбоор", deadline="июнь")])
>>> for f in check_plan(plan):
...     print(f.where, "|", f.message)  # doctest: +ELLIPSIS
1.1 | 1.1-иш-чаранын жооптуусу жазылган эмес.
...
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from toolkit.i18n import N_, format_money, translator
from toolkit.plan.deadlines import try_parse_deadline
from toolkit.plan.model import (
    DEPENDENCIES,
    DEPENDENCY_REASONS,
    STATUSES,
    STEPS,
    Plan,
    budget_sum,
    guess_year,
    label,
    step_of,
    task_of_number,
)

__all__ = ["CODES", "Finding", "check_plan", "deadline_intervals", "findings_table"]

_ = translator("plan")

#: Every kind of finding: its code, how serious it is, and its message.
CODES = {
    "no-responsible": ("error", N_("Activity {no} has no one responsible.")),
    "no-deadline": ("error", N_("Activity {no} has no deadline.")),
    "bad-deadline": ("error", N_("Activity {no}: {problem}")),
    "reversed-deadline": (
        "error",
        N_(
            "Activity {no}: the period «{deadline}» ends ({end}) before it starts ({start}); "
            "write the earlier date first."
        ),
    ),
    "order": (
        "error",
        N_(
            "Activity {no} ({deadline}) is due before activity {other} ({other_deadline}) can be "
            "finished, but {reason}."
        ),
    ),
    "task-missing": ("error", N_("The plan has no task «{step}».")),
    "task-order": (
        "warning",
        N_("Task {no} «{step}» should come before task {other} «{other_step}»."),
    ),
    "task-unknown": (
        "warning",
        N_("Task {no} «{title}» is none of the six tasks of the plan: check its title."),
    ),
    "task-empty": ("warning", N_("Task {no} has no activities.")),
    "duplicate-activity": ("error", N_("Activity number {no} is used {count} times.")),
    "orphan-activity": (
        "error",
        N_("Activity {no} belongs to task {task}, which the plan does not have."),
    ),
    "number-mismatch": (
        "warning",
        N_("Activity {no} is listed under task {task}: its number says task {other}."),
    ),
    "bad-status": ("error", N_("Activity {no}: unknown status «{status}».")),
    "bad-progress": ("error", N_("Activity {no}: percent done must be between 0 and 100.")),
    "unmeasurable": (
        "error",
        N_("The indicator of result {no} cannot be measured: it has no {missing}."),
    ),
    "no-verification": (
        "warning",
        N_("The indicator of result {no} does not say how it will be verified."),
    ),
    "no-goal": ("warning", N_("The plan has no goal.")),
    "no-results": ("warning", N_("The plan has no expected results with indicators.")),
    "outside-period": (
        "error",
        N_("Activity {no} is due {deadline}, outside the plan's year {year}."),
    ),
    "no-resources": (
        "warning",
        N_("Activity {no} has no resources: neither who does it nor a budget."),
    ),
    "no-budget": (
        "warning",
        N_("Activity {no} has no budget: write its cost in som (0 if it costs nothing)."),
    ),
    "no-source": ("warning", N_("Activity {no} costs {amount} but does not say who pays for it.")),
    "budget-total": (
        "error",
        N_("The activities add up to {total}, but the plan states a total of {stated}."),
    ),
}

_PARTS = {
    "number": N_("number"),
    "baseline": N_("baseline"),
    "target": N_("target"),
    "unit": N_("unit"),
}


@dataclass
class Finding:
    """One thing to fix in a plan; ``message`` is in the language in use when it is read."""

    code: str
    where: str
    params: dict = field(default_factory=dict)

    @property
    def severity(self) -> str:
        """``"error"`` (must be fixed) or ``"warning"`` (look at it)."""
        return CODES[self.code][0]

    @property
    def message(self) -> str:
        """The finding in words, in the current language."""
        params = dict(self.params)
        if self.code == "unmeasurable":
            params["missing"] = ", ".join(_(_PARTS[p]) for p in params["missing"])
        for key in ("step", "other_step"):
            if key in params:
                params[key] = label(params[key])
        if self.code == "bad-deadline":  # worded again in the language in use now
            params["problem"] = try_parse_deadline(params.pop("deadline"), params.pop("year"))[1]
        for key in ("amount", "total", "stated"):
            if key in params:
                params[key] = format_money(params[key])
        if "reason" in params:
            params["reason"] = _(DEPENDENCY_REASONS[tuple(params["reason"])])
        return _(CODES[self.code][1]).format(**params)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def deadline_intervals(plan: Plan) -> dict[str, object]:
    """``{activity no: Deadline}`` for every activity whose deadline can be read
    (a period that ends before it starts is left out: it has no right interval).

    The plan's ``year`` (or the year most of its deadlines name) fills in a
    missing year.
    """
    year = plan.year or guess_year(plan)
    out = {}
    for a in plan.activities:
        if a.deadline.strip():
            deadline, _problem = try_parse_deadline(a.deadline, year)
            if deadline is not None:
                out[a.no] = deadline
    return out


def _check_activities(plan: Plan, findings: list[Finding]) -> None:
    task_numbers = {t.no for t in plan.tasks}
    counts = Counter(a.no for a in plan.activities)
    for no, count in counts.items():
        if count > 1:
            findings.append(Finding("duplicate-activity", no, {"no": no, "count": count}))
    year = plan.year or guess_year(plan)
    for a in plan.activities:
        if a.task_no not in task_numbers:
            findings.append(Finding("orphan-activity", a.no, {"no": a.no, "task": a.task_no}))
        else:
            numbered = task_of_number(a.no)
            if numbered is not None and numbered != a.task_no:
                findings.append(
                    Finding(
                        "number-mismatch", a.no, {"no": a.no, "task": a.task_no, "other": numbered}
                    )
                )
        if not a.responsible.strip():
            findings.append(Finding("no-responsible", a.no, {"no": a.no}))
        if not a.deadline.strip():
            findings.append(Finding("no-deadline", a.no, {"no": a.no}))
        else:
            deadline, problem = try_parse_deadline(a.deadline, year, allow_reversed=True)
            if deadline is None:
                findings.append(
                    Finding(
                        "bad-deadline", a.no, {"no": a.no, "deadline": a.deadline, "year": year}
                    )
                )
            elif deadline.reversed:
                findings.append(
                    Finding(
                        "reversed-deadline",
                        a.no,
                        {
                            "no": a.no,
                            "deadline": " ".join(a.deadline.split()),
                            "start": f"{deadline.start:%d.%m.%Y}",
                            "end": f"{deadline.end:%d.%m.%Y}",
                        },
                    )
                )
        if a.status not in STATUSES:
            findings.append(Finding("bad-status", a.no, {"no": a.no, "status": a.status}))
        if a.progress is not None and not 0 <= a.progress <= 100:
            findings.append(Finding("bad-progress", a.no, {"no": a.no}))


def _check_tasks(plan: Plan, findings: list[Finding]) -> None:
    seen: list[tuple[int, str]] = []
    for task in sorted(plan.tasks, key=lambda t: t.no):
        step = step_of(task)
        if step is None:
            findings.append(
                Finding("task-unknown", str(task.no), {"no": task.no, "title": task.title})
            )
            continue
        later = [(no, s) for no, s in seen if STEPS.index(s) > STEPS.index(step)]
        if later:
            other_no, other_step = later[0]
            findings.append(
                Finding(
                    "task-order",
                    str(task.no),
                    {"no": task.no, "step": step, "other": other_no, "other_step": other_step},
                )
            )
        seen.append((task.no, step))
        if not plan.activities_of(task.no):
            findings.append(Finding("task-empty", str(task.no), {"no": task.no}))
    present = {s for _no, s in seen}
    for step in STEPS:
        if step not in present:
            findings.append(Finding("task-missing", "—", {"step": step}))


def _check_order(plan: Plan, findings: list[Finding]) -> None:
    intervals = deadline_intervals(plan)
    by_step: dict[str, list] = {s: [] for s in STEPS}
    for task in plan.tasks:
        step = step_of(task)
        if step is None:
            continue
        for a in plan.activities_of(task.no):
            d = intervals.get(a.no)
            if d is not None and not d.ongoing:
                by_step[step].append((a, d))
    flagged = set()
    for before, after in DEPENDENCIES:
        if not by_step[before]:
            continue
        # the prerequisite that starts last: nothing after it can be finished before it starts
        x, dx = max(by_step[before], key=lambda pair: pair[1].start)
        for y, dy in by_step[after]:
            if dy.end < dx.start and y.no not in flagged:
                flagged.add(y.no)
                findings.append(
                    Finding(
                        "order",
                        y.no,
                        {
                            "no": y.no,
                            "deadline": " ".join(y.deadline.split()),
                            "other": x.no,
                            "other_deadline": " ".join(x.deadline.split()),
                            "reason": [before, after],
                        },
                    )
                )


def _check_results(plan: Plan, findings: list[Finding]) -> None:
    import re

    if not plan.goal.strip():
        findings.append(Finding("no-goal", "—"))
    if not plan.results:
        findings.append(Finding("no-results", "—"))
    for r in plan.results:
        missing = []
        if r.target is None and not re.search(r"\d", r.indicator or r.result):
            missing.append("number")
        if r.baseline is None:
            missing.append("baseline")
        if r.target is None:
            missing.append("target")
        if not r.unit.strip():
            missing.append("unit")
        if missing:
            findings.append(Finding("unmeasurable", str(r.no), {"no": r.no, "missing": missing}))
        if not r.verification.strip():
            findings.append(Finding("no-verification", str(r.no), {"no": r.no}))


def _check_period(plan: Plan, findings: list[Finding]) -> None:
    """Activities whose deadline lies wholly before or after the plan's year."""
    if not plan.year:
        return
    by_no = {a.no: a for a in plan.activities}
    for no, d in deadline_intervals(plan).items():
        if d.ongoing or d.start is None or d.end is None:
            continue
        if d.end.year < plan.year or d.start.year > plan.year:
            findings.append(
                Finding(
                    "outside-period",
                    no,
                    {"no": no, "deadline": " ".join(by_no[no].deadline.split()), "year": plan.year},
                )
            )


def _check_budget(plan: Plan, findings: list[Finding]) -> None:
    """Resources and budget of each activity, and the plan's stated total.

    An activity without a budget is a finding only in a plan that is costed
    (some activity has a budget, or the plan states a total).
    """
    costed = plan.budget_total is not None or any(a.costed for a in plan.activities)
    for a in plan.activities:
        if not a.resources.strip() and not a.costed:
            findings.append(Finding("no-resources", a.no, {"no": a.no}))
        elif costed and not a.costed:
            findings.append(Finding("no-budget", a.no, {"no": a.no}))
        if a.costed and a.budget > 0 and not a.source.strip():
            findings.append(Finding("no-source", a.no, {"no": a.no, "amount": a.budget}))
    total = budget_sum(plan)
    if plan.budget_total is not None and abs(total - plan.budget_total) >= 0.5:
        findings.append(Finding("budget-total", "—", {"total": total, "stated": plan.budget_total}))


def check_plan(plan: Plan) -> list[Finding]:
    """Every finding in a plan, errors and warnings, in plan order.

    >>> from toolkit.plan.model import Plan, Task, Activity
    >>> plan = Plan("x", "x", year=2019, tasks=[
    ...     Task(1, "Баасын макулдашуу"), Task(2, "Кызмат көрсөтүүчүнү тандоо")], activities=[
    ...     Activity("1.1", 1, "Тарифти бекитүү", deadline="июлдун 3-аптасы", responsible="АК"),
    ...     Activity("2.1", 2, "Келишим түзүү", deadline="июнь", responsible="АӨ")])
    >>> [f.code for f in check_plan(plan)][:2]
    ['order', 'task-missing']
    >>> print(check_plan(plan)[0].message)
    2.1-иш-чаранын мөөнөтү (июнь) 1.1-иш-чара (июлдун 3-аптасы) бүтө электе келет, бирок кызмат көрсөтүүчү баа макулдашылгандан кийин гана тандалып, келишим түзүлөт.
    """
    findings: list[Finding] = []
    _check_activities(plan, findings)
    _check_order(plan, findings)
    _check_tasks(plan, findings)
    _check_results(plan, findings)
    _check_period(plan, findings)
    _check_budget(plan, findings)
    rank = {"error": 0, "warning": 1}
    return sorted(findings, key=lambda f: rank[f.severity])


def findings_table(findings: list[Finding]) -> pd.DataFrame:
    """The findings as a table to show: where, how serious, what (in the current language).

    >>> findings_table([Finding("no-deadline", "2.1", {"no": "2.1"})]).values.tolist()
    [['2.1', 'ката', '2.1-иш-чаранын мөөнөтү жазылган эмес.']]
    """
    severity = {"error": _("error"), "warning": _("warning")}
    return pd.DataFrame(
        [[f.where, severity[f.severity], f.message] for f in findings],
        columns=[_("Where"), _("How serious"), _("What to fix")],
    )
