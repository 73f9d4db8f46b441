"""Charts of a tariff calculation, in the toolkit's projector style.

* :func:`waterfall` — cost lines → cost → profit/tax → required revenue → tariff;
* :func:`collection_curve` — the tariff needed at each collection rate;
* :func:`affordability_gauge` — a bill as a share of household income;
* :func:`tornado_chart` — which input moves the tariff most.

Each returns a matplotlib ``Figure``; pass ``fig=`` an existing one to draw it
again in place (the seminar app redraws one figure instead of making new ones).

>>> from toolkit.tariff import case_calculation
>>> fig = waterfall(case_calculation("teploklyuchenka", "dip-bath"))
>>> fig.axes[1].get_title()
'Тариф'
>>> plots.close(fig)
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Wedge
from matplotlib.ticker import MaxNLocator

from toolkit import plots
from toolkit.i18n import format_money, format_number, format_percent, translator
from toolkit.plots import PALETTE
from toolkit.tariff import CATEGORIES, Affordability, Calculation, tornado

__all__ = ["affordability_gauge", "collection_curve", "tornado_chart", "waterfall"]

_ = translator("tariff")

_COLOURS = {"direct": PALETTE[0], "overhead": PALETTE[5], "depreciation": PALETTE[1],
            "profit": PALETTE[2], "tax": PALETTE[4], "subtotal": "#4d4d4d", "tariff": PALETTE[3]}


def _new(fig: Figure | None) -> Figure:
    """A figure to draw on: a new one, or ``fig`` cleared for a redraw.

    A new figure is made by pyplot (so that a notebook shows it, once, as the
    cell's result) and released from pyplot at once (so that it is not shown a
    second time, and an app that redraws it leaks nothing).
    """
    if fig is None:
        with plots.style():
            fig = plt.figure(figsize=plots.STYLE["figure.figsize"], dpi=plots.STYLE["figure.dpi"])
        plt.close(fig)
    else:
        fig.clear()
    return fig


def _decimals(share: float) -> int:
    return 0 if abs(share * 100 - round(share * 100)) < 1e-9 else 1


def _left_margin(labels, width: int = 24, fontsize: float = 13) -> float:
    """Room on the left for wrapped labels (the app draws with fixed margins, no tight box)."""
    longest = max((len(line) for label in labels for line in _wrap(label, width).split("\n")), default=8)
    return min(0.42, 0.03 + longest * fontsize * 0.0007)


def _wrap(text: str, width: int = 13) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def waterfall(calc: Calculation, fig: Figure | None = None) -> Figure:
    """The cost build-up as a waterfall, with the tariff beside it.

    Each cost line adds a floating bar; the grey bars are the subtotals (cost,
    required revenue); the right panel divides the required revenue by the
    units and periods to give the tariff, and shows the tariff needed at the
    actual collection rate.
    """
    fig = _new(fig)
    with plots.style():
        gs = fig.add_gridspec(1, 2, width_ratios=[4.0, 1.2], wspace=0.3, left=0.25, right=0.985,
                              bottom=0.15, top=0.80)
        ax = fig.add_subplot(gs[0])
        tx = fig.add_subplot(gs[1])
        labels, bottoms, heights, colours = [], [], [], []
        running = 0.0
        for _i, line in calc.lines.iterrows():
            labels.append(line["label"] or line["line_id"])
            bottoms.append(running)
            heights.append(line["annual"])
            colours.append(_COLOURS[line["category"]])
            running += line["annual"]
        labels.append(_("Cost"))
        bottoms.append(0.0)
        heights.append(calc.cost)
        colours.append(_COLOURS["subtotal"])
        running = calc.cost
        for key, value, label in (
            ("profit", calc.profit, _("Profit ({margin})").format(margin=format_percent(calc.margin, _decimals(calc.margin)))),
            ("tax", calc.tax, _("Tax ({rate})").format(rate=format_percent(calc.tax_rate))),
        ):
            if value:
                labels.append(label)
                bottoms.append(running)
                heights.append(value)
                colours.append(_COLOURS[key])
                running += value
        labels.append(_("Required revenue per year"))
        bottoms.append(0.0)
        heights.append(calc.required_revenue)
        colours.append(_COLOURS["subtotal"])
        y = np.arange(len(labels))[::-1]
        ax.barh(y, heights, left=bottoms, color=colours, height=0.7, edgecolor="white")
        for i in range(len(labels) - 1):  # connectors
            end = bottoms[i] + heights[i]
            ax.plot([end, end], [y[i] - 0.35, y[i + 1] + 0.35], color="#999999", lw=1.2, ls=":")
        top_value = max(calc.required_revenue, 1.0)
        small = len(labels) > 9
        for yi, b, h in zip(y, bottoms, heights, strict=True):
            ax.text(b + h + top_value * 0.01, yi, format_number(h), ha="left", va="center",
                    fontsize=12 if small else 14)
        ax.set_yticks(y)
        ax.set_yticklabels([_wrap(label, 24) for label in labels], fontsize=11 if small else 13)
        gs.update(left=_left_margin(labels, 24, 11 if small else 13))
        for tick, colour in zip(ax.get_yticklabels(), colours, strict=True):
            if colour == _COLOURS["subtotal"]:
                tick.set_fontweight("bold")
        ax.set_xlim(0, top_value * 1.2)
        plots.money_axis(ax, "x")
        ax.xaxis.set_major_locator(MaxNLocator(4))
        present = [c for c in CATEGORIES if (calc.lines["category"] == c).any()]
        ax.legend(handles=[Patch(color=_COLOURS[c], label=_(CATEGORIES[c])) for c in present],
                  loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, frameon=False, fontsize=12)
        ax.set_xlabel(_("som per year"))
        title = calc.title or _("From costs to the tariff")
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold",
                     fontsize=min(22.0, fig.get_figwidth() * 72 * 0.95 / (0.75 * max(len(title), 1))))
        ax.grid(axis="y", visible=False)

        needed = calc.collection_rate < 1
        names = [_("Full collection")] + ([_("At {rate} collection").format(
            rate=format_percent(calc.collection_rate))] if needed else [])
        values = [calc.tariff] + ([calc.tariff_needed] if needed else [])
        tx.bar(range(len(values)), values, color=[_COLOURS["tariff"], PALETTE[7]][: len(values)], width=0.6)
        for i, v in enumerate(values):
            tx.text(i, v * 1.02, format_number(v, 2 if v < 100 else 0), ha="center", va="bottom",
                    fontsize=18, fontweight="bold")
        tx.set_xticks(range(len(values)))
        tx.set_xticklabels([_wrap(n, 8) for n in names], fontsize=12)
        tx.set_xlim(-0.6, len(values) - 0.4)
        tx.set_ylim(0, max(values) * 1.25)
        tx.set_title(_("Tariff"))
        tx.set_ylabel(_wrap(calc.unit_label(), 28), fontsize=13)
        tx.grid(axis="x", visible=False)
        tx.set_xlabel(f"{format_number(calc.required_revenue)}\n÷ {format_number(calc.units)} ÷ {format_number(calc.periods_per_year)}", fontsize=13, color="#555555")
    return fig


def collection_curve(calc: Calculation, fig: Figure | None = None, *, tariff: float | None = None) -> Figure:
    """The tariff needed to cover the cost at each collection rate (30% to 100%).

    ``tariff`` (say the tariff in force, 50 som) is drawn as a line: where the
    curve is above it, the service does not cover its cost.
    """
    fig = _new(fig)
    with plots.style():
        ax = fig.add_subplot()
        fig.subplots_adjust(left=0.11, right=0.97, bottom=0.13, top=0.9)
        rates = np.linspace(0.3, 1.0, 141)
        needed = calc.tariff / rates
        ax.plot(rates, needed, color=PALETTE[0], label=_("Tariff needed"))
        ax.scatter([calc.collection_rate], [calc.tariff_needed], s=160, color=PALETTE[3], zorder=5)
        ax.annotate(
            f"{format_percent(calc.collection_rate)}: {format_money(calc.tariff_needed, 2)}",
            (calc.collection_rate, calc.tariff_needed), textcoords="offset points", xytext=(14, 14),
            fontsize=16, fontweight="bold", color=PALETTE[3])
        if tariff is not None:
            ax.axhline(tariff, color=PALETTE[1], ls="--", lw=2.5,
                       label=_("Tariff in force: {value}").format(value=format_money(tariff, 2 if tariff % 1 else 0)))
            ax.fill_between(rates, tariff, needed, where=needed > tariff, color=PALETTE[3], alpha=0.12,
                            label=_("Not covered"))
        plots.percent_axis(ax, "x")
        plots.money_axis(ax, "y")
        ax.set_xlabel(_("Collection rate (share of bills paid)"))
        ax.set_ylabel(_wrap(calc.unit_label(), 30))
        ax.set_title(_("The tariff needed at each collection rate"), loc="left")
        ax.set_ylim(0, float(needed.max()) * 1.05)
        ax.legend(loc="upper right")
    return fig


def affordability_gauge(result: Affordability, fig: Figure | None = None) -> Figure:
    """A half-dial: green up to the threshold, amber up to twice it, red beyond.

    The needle shows the bill's share of household income.
    """
    fig = _new(fig)
    with plots.style():
        ax = fig.add_subplot()
        fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.9)
        ax.set_aspect("equal")
        ax.axis("off")
        top = max(result.threshold * 3, result.share * 1.15)
        zones = [(0, result.threshold, PALETTE[2]), (result.threshold, 2 * result.threshold, PALETTE[1]),
                 (2 * result.threshold, top, PALETTE[3])]
        for lo, hi, colour in zones:
            ax.add_patch(Wedge((0, 0), 1.0, 180 - 180 * hi / top, 180 - 180 * lo / top, width=0.32,
                               color=colour, alpha=0.85))
        for tick in (0, result.threshold, 2 * result.threshold, top):
            angle = np.pi * (1 - tick / top)
            ax.text(1.13 * np.cos(angle), 1.13 * np.sin(angle), format_percent(tick, _decimals(tick)),
                    ha="center", va="center", fontsize=15)
        angle = np.pi * (1 - min(result.share, top) / top)
        ax.annotate("", xy=(0.9 * np.cos(angle), 0.9 * np.sin(angle)), xytext=(0, 0),
                    arrowprops={"arrowstyle": "-|>", "lw": 5, "color": "#222222", "mutation_scale": 30})
        ax.add_patch(Wedge((0, 0), 0.07, 0, 360, color="#222222"))
        ax.text(0, -0.18, format_percent(result.share, 2), ha="center", va="top", fontsize=34,
                fontweight="bold", color=PALETTE[2] if result.affordable else PALETTE[3])
        ax.text(0, -0.45, "\n".join(textwrap.wrap(result.message(), 70)), ha="center", va="top", fontsize=15)
        ax.set_xlim(-1.3, 1.3)
        ax.set_ylim(-0.85, 1.25)
        ax.set_title(_("Affordability: the bill as a share of household income"))
    return fig


def tornado_chart(calc: Calculation, change: float = 0.2, fig: Figure | None = None) -> Figure:
    """Each input moved by ±``change``: the bars show how far the tariff moves, widest on top."""
    table = tornado(calc, change).iloc[::-1]
    fig = _new(fig)
    with plots.style():
        ax = fig.add_subplot()
        fig.subplots_adjust(left=0.25, right=0.97, bottom=0.13, top=0.9)
        base = float(table["base"].iloc[0])
        y = np.arange(len(table))
        lo = np.minimum(table["tariff_low"], table["tariff_high"]).to_numpy()
        hi = np.maximum(table["tariff_low"], table["tariff_high"]).to_numpy()
        ax.barh(y, base - lo, left=lo, color=PALETTE[0], height=0.6, label=_("Tariff goes down"))
        ax.barh(y, hi - base, left=base, color=PALETTE[3], height=0.6, label=_("Tariff goes up"))
        ax.axvline(base, color="#222222", lw=2)
        for yi, a, b in zip(y, lo, hi, strict=True):
            ax.text(a, yi, format_number(a, 1) + " ", ha="right", va="center", fontsize=13)
            ax.text(b, yi, " " + format_number(b, 1), ha="left", va="center", fontsize=13)
        ax.set_yticks(y)
        ax.set_yticklabels([_wrap(label, 24) for label in table["label"]])
        fig.subplots_adjust(left=_left_margin(table["label"], 24, 15))
        span = float(hi.max() - lo.min()) or 1.0
        ax.set_xlim(lo.min() - span * 0.15, hi.max() + span * 0.15)
        plots.money_axis(ax, "x", decimals=0)
        ax.set_xlabel(calc.unit_label())
        ax.set_title(_("What moves the tariff: each input ±{change}").format(change=format_percent(change)),
                     loc="left")
        ax.grid(axis="y", visible=False)
        ax.legend(loc="lower right")
    return fig
