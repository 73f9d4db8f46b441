"""Charts of public hearings: who came (women and men), and the funnel from the hall to
the budget.

>>> from toolkit.cases import load_case
>>> from toolkit.hearings import hearing_funnel, participation
>>> case = load_case("birinchi-may")
>>> fig = participation_chart(participation(case))
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
['Жергиликтүү бюджетти түзүү\\nбоюнча коомдук угуу', 'СЭӨПны талкуулоо боюнча\\nкоомдук угуу']
>>> fig2 = funnel_chart(hearing_funnel(case, "budget"))
>>> from toolkit.plots import close
>>> close(fig); close(fig2)
"""

from __future__ import annotations

import textwrap

import pandas as pd

from toolkit.errors import ToolkitError
from toolkit.i18n import format_number, format_percent, translator
from toolkit.plots import PALETTE, figure, percent_axis

__all__ = ["funnel_chart", "participation_chart"]

_ = translator("hearings")

_WOMEN, _MEN, _STEP = PALETTE[4], PALETTE[0], PALETTE[2]


def _needs(table: pd.DataFrame, columns: list[str], what: str) -> None:
    missing = [c for c in columns if c not in table]
    if missing:
        raise ToolkitError(
            _("The table for the chart «{chart}» has no column {columns}.").format(
                chart=what, columns=", ".join(f"«{c}»" for c in missing)
            )
        )


def participation_chart(table: pd.DataFrame, title: str | None = None):
    """One bar per hearing split into women and men, as shares of the hall, with the
    numbers of people written on the bars (the table of :func:`toolkit.hearings.participation`).
    A dashed line marks half."""
    title = title or _("Who came to the hearings: women and men")
    _needs(table, ["hearing", "total", "women", "men"], title)
    rows = table.iloc[::-1]  # the first hearing on top
    labels = ["\n".join(textwrap.wrap(str(h), 26)) for h in rows["hearing"]]
    fig, ax = figure(title, figsize=(12, max(4.0, 1.6 * len(rows) + 2.2)))
    women = rows["women"] / rows["total"]
    men = rows["men"] / rows["total"]
    for values, left, colour, label, counts in (
        (women, 0 * women, _WOMEN, _("women"), rows["women"]),
        (men, women, _MEN, _("men"), rows["men"]),
    ):
        bars = ax.barh(labels, values, left=left, color=colour, label=label, height=0.6)
        for bar, share, count in zip(bars, values, counts, strict=True):
            if share > 0.08:
                ax.text(
                    bar.get_x() + bar.get_width() / 2,
                    bar.get_y() + bar.get_height() / 2,
                    f"{format_number(count)}\n{format_percent(share)}",
                    ha="center",
                    va="center",
                    color="white",
                    fontsize=16,
                    fontweight="bold",
                )
    ax.axvline(0.5, color="#333333", linestyle="--", linewidth=2)
    ax.set_xlim(0, 1)
    percent_axis(ax, "x")
    ax.set_xlabel(_("Share of the people who took part"))
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, frameon=False, fontsize=17)
    return fig


def funnel_chart(table: pd.DataFrame, title: str | None = None):
    """The steps of a funnel as bars from the top down, each labelled with its count and
    its share of the step before (the table of :func:`toolkit.hearings.funnel`); the funnel
    of one hearing (:func:`toolkit.hearings.hearing_funnel`) names the hearing in the title."""
    if title is None:
        title = _("From the hearing to the decision")
        if table.attrs.get("hearing"):
            title += "\n" + textwrap.shorten(str(table.attrs["hearing"]), 60, placeholder="…")
    _needs(table, ["step", "count", "of_previous"], title)
    steps = table.reset_index(drop=True)
    fig, ax = figure(title, figsize=(12, max(4.0, 1.3 * len(steps) + 2)))
    positions = list(range(len(steps)))[::-1]
    widest = float(steps["count"].max()) or 1.0
    ax.barh(positions, steps["count"], color=_STEP, height=0.62)
    for pos, (i, row) in zip(positions, steps.iterrows(), strict=True):
        text = format_number(row["count"])
        if i:
            text += "  " + _("({share} of the step before)").format(
                share=format_percent(row["of_previous"])
            )
        ax.text(
            row["count"] + widest * 0.015,
            pos,
            text,
            ha="left",
            va="center",
            fontsize=16,
            fontweight="bold",
            color="#222222",
        )
    ax.set_yticks(positions, ["\n".join(textwrap.wrap(str(s), 22)) for s in steps["step"]])
    ax.set_xlim(0, widest * 1.75)
    ax.set_xticks([])
    ax.grid(False)
    ax.spines["bottom"].set_visible(False)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    return fig
