"""Charts of a joint action plan, in the toolkit's projector style.

* :func:`gantt` — each activity as a bar from its earliest to its latest
  date, coloured by task, the part done filled in; activities due in an
  impossible order are outlined in red, ongoing work is hatched to the end
  of the year, and a deadline that cannot be read, or a period that ends
  before it starts, is marked «?» and not drawn.
* :func:`progress_by_task` — the percent done of each task.

>>> from toolkit.plan import Plan, Task, Activity
>>> plan = Plan("x", "Таштанды", year=2019, tasks=[Task(1, "Стандарттар")],
...             activities=[Activity("1.1", 1, "Долбоор", deadline="июнь", progress=40),
...                         Activity("1.2", 1, "Мониторинг", deadline="туруктуу")])
>>> fig = gantt(plan)
>>> fig.axes[0].get_yticklabels()[0].get_text()
'1.1 Долбоор'
>>> plots.close(fig)
>>> fig = progress_by_task(plan)
>>> plots.close(fig)
"""

from __future__ import annotations

import textwrap
from datetime import date, timedelta

import matplotlib.dates as mdates
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from toolkit import plots
from toolkit.i18n import N_, format_percent, get_language, translator
from toolkit.plan.checks import check_plan, deadline_intervals
from toolkit.plan.deadlines import Deadline
from toolkit.plan.model import Plan, activity_percent, guess_year, task_progress
from toolkit.plots import PALETTE

__all__ = ["MAX_ROWS", "gantt", "progress_by_task"]

_ = translator("plan")

_MONTHS = {
    "ky": ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"],
    "ru": ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


_LATE = PALETTE[7]  # black: tasks use the other colours


def _short(text: str, width: int) -> str:
    return textwrap.shorten(" ".join(str(text).split()), width=width, placeholder="…")


def _colour(task_no: int) -> str:
    return PALETTE[(task_no - 1) % (len(PALETTE) - 1)]  # black (the last colour) is for outlines


#: What is written instead of a bar: the deadline cannot be read / ends before it starts.
_NO_BAR = {False: N_("deadline not readable"), True: N_("ends before it starts")}

#: Above this many activities the chart shows one bar per task (a bar per activity would be
#: too tall to read, or to draw quickly).
MAX_ROWS = 60


def _rows(plan: Plan, by: str, width: int):
    """``(label, task_no, Deadline | str, percent done, late)`` for each bar, top to bottom;
    instead of a Deadline, why there is no bar."""
    intervals = deadline_intervals(plan)
    findings = check_plan(plan)
    late = {f.where for f in findings if f.code == "order"}
    reversed_ = {f.where for f in findings if f.code == "reversed-deadline"}
    if by == "activity":
        return [
            (
                f"{a.no} {_short(a.activity, width)}",
                a.task_no,
                intervals.get(a.no, _NO_BAR[a.no in reversed_]),
                activity_percent(a) or 0.0,
                a.no in late,
            )
            for a in plan.activities
        ]
    done = dict(
        zip(task_progress(plan)["task_no"], task_progress(plan)["percent_done"], strict=True)
    )
    rows = []
    for task in sorted(plan.tasks, key=lambda t: t.no):
        acts = plan.activities_of(task.no)
        dated = [intervals[a.no] for a in acts if a.no in intervals and not intervals[a.no].ongoing]
        ongoing = any(a.no in intervals and intervals[a.no].ongoing for a in acts)
        if dated:
            span = Deadline("", min(d.start for d in dated), max(d.end for d in dated))
        else:
            span = Deadline("", None, None, ongoing=True) if ongoing else _NO_BAR[False]
        label = f"{task.no}. {_short(task.title, width)} ({len(acts)})"
        rows.append((label, task.no, span, done.get(task.no, 0.0), any(a.no in late for a in acts)))
    return rows


def gantt(
    plan: Plan, *, by: str | None = None, width: int = 42, fig: Figure | None = None
) -> Figure:
    """The plan as a Gantt chart, in plan order from the top.

    ``by="activity"`` draws one bar per activity, ``by="task"`` one bar per task
    (from its first to its last activity); by default, activities unless the plan has
    more than :data:`MAX_ROWS` of them.
    """
    by = by or ("activity" if len(plan.activities) <= MAX_ROWS else "task")
    rows = _rows(plan, by, width)
    n = max(len(rows), 1)
    height = max(4.5, 0.42 * n + 2.2)
    title = _("Plan timeline: {title}").format(title=_short(plan.title, 60))
    if fig is None:
        fig, ax = plots.figure(title, figsize=(14, height))
    else:
        fig.clear()
        fig.set_size_inches(14, height)
        with plots.style():
            ax = fig.add_subplot()
            ax.set_title(title)
    year = plan.year or guess_year(plan) or date.today().year
    spans = [d for _l, _t, d, _p, _x in rows if isinstance(d, Deadline)]
    dated = [d for d in spans if not d.ongoing]
    any_ongoing = any(d.ongoing for d in spans)
    first = min((d.start for d in dated), default=date(year, 1, 1))
    last = max((d.end for d in dated), default=date(year, 12, 31))
    year_end = date(max(last.year, year), 12, 31)
    lang = get_language()

    for y, (_label, task_no, d, done, is_late) in enumerate(rows):
        colour = _colour(task_no)
        if not isinstance(d, Deadline):
            ax.text(
                mdates.date2num(first),
                y,
                " ? " + _(d),
                va="center",
                ha="left",
                color=_LATE,
                fontsize=12,
                fontweight="bold",
            )
            continue
        if d.ongoing:
            start = max((x.end for x in dated if x.end <= year_end), default=first)
            start = min(start, year_end - timedelta(days=14))
            ax.barh(
                y,
                (year_end - start).days + 1,
                left=mdates.date2num(start),
                height=0.6,
                color=colour,
                alpha=0.25,
                hatch="//",
                edgecolor=colour,
                linewidth=0,
            )
            ax.text(mdates.date2num(start), y, " " + _("ongoing"), va="center", fontsize=11)
            continue
        days = max((d.end - d.start).days + 1, 3)
        left = mdates.date2num(d.start)
        ax.barh(
            y, days, left=left, height=0.6, color=colour, alpha=0.35, edgecolor=colour, linewidth=1
        )
        if done > 0:
            ax.barh(y, days * done / 100, left=left, height=0.6, color=colour)
        if is_late:
            ax.barh(y, days, left=left, height=0.6, fill=False, edgecolor=_LATE, linewidth=3)
            ax.text(left + days, y, " ⚠", va="center", color=_LATE, fontsize=14)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([r[0] for r in rows], fontsize=12)
    ax.set_ylim(len(rows) - 0.4, -0.6)
    ax.xaxis_date()
    end = year_end if any_ongoing else last
    span = (end - first).days
    ax.xaxis.set_major_locator(mdates.MonthLocator(interval=1 if span < 500 else 3))
    months = _MONTHS.get(lang, _MONTHS["en"])
    ax.xaxis.set_major_formatter(
        FuncFormatter(
            lambda v, _pos: (
                f"{months[mdates.num2date(v).month - 1]}\n{mdates.num2date(v).year}"
                if mdates.num2date(v).month == 1 or _pos == 0
                else months[mdates.num2date(v).month - 1]
            )
        )
    )
    ax.set_xlim(mdates.date2num(date(first.year, first.month, 1)) - 2, mdates.date2num(end) + 5)
    ax.grid(axis="y", alpha=0)
    tasks = sorted({r[1] for r in rows})
    handles = [Patch(color=_colour(t), label=_("Task {no}").format(no=t)) for t in tasks]
    if any(r[4] for r in rows):
        handles.append(
            Patch(
                facecolor="white",
                edgecolor=_LATE,
                linewidth=3,
                label=_("due in an impossible order"),
            )
        )
    if handles:
        ax.legend(
            handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=13
        )
    return fig


def progress_by_task(plan: Plan, *, fig: Figure | None = None) -> Figure:
    """Percent done of each task, with the whole plan's at the top."""
    table = task_progress(plan)
    title = _("Progress by task")
    height = max(4.0, 0.8 * len(table) + 2)
    if fig is None:
        fig, ax = plots.figure(title, figsize=(12, height))
    else:
        fig.clear()
        with plots.style():
            ax = fig.add_subplot()
            ax.set_title(title)
    shares = [v / 100 for v in table["percent_done"]]
    labels = [
        f"{_('Task {no}').format(no=no)}: {_short(t, 44)}"
        for no, t in zip(table["task_no"], table["task"], strict=True)
    ]
    colours = [_colour(int(no)) for no in table["task_no"]]
    ax.barh(range(len(shares)), [1.0] * len(shares), color="#eeeeee", height=0.6)
    ax.barh(range(len(shares)), shares, color=colours, height=0.6)
    for i, share in enumerate(shares):
        ax.text(
            min(share, 0.86) + 0.01,
            i,
            format_percent(share),
            va="center",
            fontsize=15,
            fontweight="bold",
        )
    ax.set_yticks(range(len(shares)))
    ax.set_yticklabels(labels)
    ax.set_ylim(len(shares) - 0.4, -0.6)
    ax.set_xlim(0, 1)
    plots.percent_axis(ax, "x")
    ax.set_xlabel(_("Percent done"))
    ax.grid(axis="y", alpha=0)
    return fig
