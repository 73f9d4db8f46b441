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
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Wedge
from matplotlib.ticker import MaxNLocator

from toolkit import plots
from toolkit.i18n import format_money, format_number, format_percent, translator
from toolkit.plots import PALETTE
from toolkit.tariff import CATEGORIES, Affordability, Calculation, tornado

__all__ = ["affordability_gauge", "collection_curve", "png", "tornado_chart", "waterfall"]

_ = translator("tariff")

_COLOURS = {
    "direct": PALETTE[0],
    "overhead": PALETTE[5],
    "depreciation": PALETTE[1],
    "profit": PALETTE[2],
    "tax": PALETTE[4],
    "subtotal": "#4d4d4d",
    "tariff": PALETTE[3],
}


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
        fig.__dict__.pop("_algca_waterfall", None)
        fig.__dict__.pop("_algca_tornado", None)
    return fig


def _title(fig: Figure, text: str, size: float = 22.0) -> None:
    """A bold title at the top left, shrunk to fit the figure's width."""
    fig.suptitle(
        text,
        x=0.01,
        ha="left",
        fontweight="bold",
        fontsize=min(size, fig.get_figwidth() * 72 * 0.95 / (0.75 * max(len(text), 1))),
    )


def _decimals(share: float) -> int:
    return 0 if abs(share * 100 - round(share * 100)) < 1e-9 else 1


def _left_margin(labels, width: int = 24, fontsize: float = 13, fig_width: float = 12.0) -> float:
    """Room on the left for wrapped labels (the app draws with fixed margins, no tight box)."""
    longest = max(
        (len(line) for label in labels for line in _wrap(label, width).split("\n")), default=8
    )
    return min(0.45, 0.03 + longest * fontsize * 0.0105 / fig_width)


def _label_fit(
    labels, row_inches: float, fig_width: float, largest: float = 13.0
) -> tuple[int, float]:
    """The wrap width (characters) and font size (points) for the row labels of a bar
    chart: the largest size at which every wrapped label fits the height of its row and
    the labels fit a left margin of at most 45 % of the figure.

    >>> _label_fit(["Күйүүчү май"], row_inches=0.5, fig_width=9.0)
    (24, 13.0)
    >>> _label_fit(["Айдоочу жана жүк ташуучулардын эмгек акысы"], row_inches=0.43, fig_width=9.0)
    (28, 11.0)
    """
    size = largest
    while size > 8:
        for width in (24, 28, 32):
            lines = max((_wrap(label, width).count("\n") + 1 for label in labels), default=1)
            if (
                lines * size * 1.2 <= row_inches * 72 * 0.9
                and _left_margin(labels, width, size, fig_width) < 0.45
            ):
                return width, size
        size -= 1
    return 32, 8.0


def _wrap(text: str, width: int = 13) -> str:
    return "\n".join(textwrap.wrap(str(text), width, break_long_words=False)) or str(text)


def _waterfall_rows(calc: Calculation):
    """Labels, left ends, lengths and colours of the waterfall's bars."""
    labels, bottoms, heights, colours = [], [], [], []
    running = 0.0
    for line_id, label, category, annual in zip(
        calc.lines["line_id"],
        calc.lines["label"],
        calc.lines["category"],
        calc.lines["annual"],
        strict=True,
    ):
        labels.append(label or line_id)
        bottoms.append(running)
        heights.append(float(annual))
        colours.append(_COLOURS[category])
        running += float(annual)
    labels.append(_("Cost"))
    bottoms.append(0.0)
    heights.append(calc.cost)
    colours.append(_COLOURS["subtotal"])
    running = calc.cost
    for key, value, label in (
        (
            "profit",
            calc.profit,
            _("Profit ({margin})").format(
                margin=format_percent(calc.margin, _decimals(calc.margin))
            ),
        ),
        (
            "tax",
            calc.tax,
            _("Tax ({rate})").format(rate=format_percent(calc.tax_rate, _decimals(calc.tax_rate))),
        ),
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
    return labels, bottoms, heights, colours


def _tariff_bars(calc: Calculation):
    needed = calc.collection_rate < 1
    names = [_("Full collection")] + (
        [_("At {rate} collection").format(rate=format_percent(calc.collection_rate))]
        if needed
        else []
    )
    values = [calc.tariff] + ([calc.tariff_needed] if needed else [])
    return names, values


def _nice_ceiling(value: float) -> float:
    """The next "round" number above ``value`` (1, 1.2, 1.4 … 2, 2.5, 3, 3.5, 4, 5 … 10 × 10ⁿ).

    Axis limits move in steps, so most redraws keep the same axes.
    """
    if value <= 0:
        return 1.0
    scale = 10 ** np.floor(np.log10(value))
    for step in (1, 1.2, 1.4, 1.6, 1.8, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8, 9, 10):
        if step * scale >= value:
            return float(step * scale)
    return float(10 * scale)


def png(fig: Figure, dpi: float = 80) -> bytes:
    """The chart as PNG bytes, fast enough for an app that redraws at every keystroke.

    For a waterfall, the parts that do not change (axes, labels, legend) are
    drawn once and kept as a background; a redraw only paints the bars and
    numbers over it.  Other charts are drawn in full.

    >>> from toolkit.tariff import case_calculation
    >>> png(waterfall(case_calculation("teploklyuchenka", "waste")))[:4]
    b'\\x89PNG'
    """
    live = getattr(fig, "_algca_waterfall", None)
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    if fig.dpi != dpi:
        fig.set_dpi(dpi)
    if live is None:
        canvas.draw()
        return plots.canvas_png(canvas)
    key = (
        live["layout"],
        live["ax"].get_xlim(),
        live["tx"].get_ylim(),
        fig.dpi,
        tuple(fig.get_size_inches()),
    )
    if live.get("background_key") != key:
        for artist in live["live"]:
            artist.set_animated(True)
        canvas.draw()
        live["background"] = canvas.copy_from_bbox(fig.bbox)
        live["background_key"] = key
        for artist in live["live"]:  # a normal savefig or notebook display draws them all again
            artist.set_animated(False)
    else:
        canvas.restore_region(live["background"])
    for artist in live["live"]:
        fig.draw_artist(artist)
    return plots.canvas_png(canvas)


def _waterfall_values(fig: Figure, calc: Calculation, bottoms, heights, values) -> None:
    """Put the numbers on the waterfall's artists (the fast part of a redraw)."""
    h = fig._algca_waterfall
    top_value = max(calc.required_revenue, 1.0)
    y = h["y"]
    for bar, b, w in zip(h["bars"], bottoms, heights, strict=True):
        bar.set_x(b)
        bar.set_width(w)
    for i, line in enumerate(h["connectors"]):
        end = bottoms[i] + heights[i]
        line.set_data([end, end], [y[i] - 0.35, y[i + 1] + 0.35])
    for text, yi, b, w in zip(h["texts"], y, bottoms, heights, strict=True):
        text.set_position((b + w + top_value * 0.01, yi))
        text.set_text(format_number(w))
    h["ax"].set_xlim(0, _nice_ceiling(top_value * 1.2))
    for bar, text, (i, v) in zip(
        h["tariff_bars"], h["tariff_texts"], enumerate(values), strict=True
    ):
        bar.set_height(v)
        text.set_position((i, v * 1.02))
        text.set_text(format_number(v, 2 if v < 100 else 0))
    h["tx"].set_ylim(0, _nice_ceiling(max(max(values), 1e-9) * 1.25))
    h["formula"].set_text(
        f"{format_number(calc.required_revenue)}\n÷ {format_number(calc.units)} "
        f"÷ {format_number(calc.periods_per_year)}"
    )


def waterfall(calc: Calculation, fig: Figure | None = None) -> Figure:
    """The cost build-up as a waterfall, with the tariff beside it.

    Each cost line adds a floating bar; the grey bars are the subtotals (cost,
    required revenue); the right panel divides the required revenue by the
    units and periods to give the tariff, and shows the tariff needed at the
    actual collection rate.

    Given the ``fig`` of an earlier waterfall with the same lines and labels
    (only the numbers changed), the bars are moved in place instead of drawn
    anew, which is what keeps the seminar app instant.
    """
    labels, bottoms, heights, colours = _waterfall_rows(calc)
    names, values = _tariff_bars(calc)
    title = calc.title or _("From costs to the tariff")
    layout = (tuple(labels), tuple(colours), tuple(names), title, calc.unit_label())
    if fig is not None and getattr(fig, "_algca_waterfall", {}).get("layout") == layout:
        _waterfall_values(fig, calc, bottoms, heights, values)
        return fig
    fig = _new(fig)
    with plots.style():
        narrow = fig.get_figwidth() < 11  # the app's chart column
        bottom, top = 0.2, 0.8
        wrap, size = _label_fit(
            labels, (top - bottom) * fig.get_figheight() / len(labels), fig.get_figwidth()
        )
        gs = fig.add_gridspec(
            1,
            2,
            width_ratios=[3.3, 1.4] if narrow else [4.0, 1.2],
            wspace=0.3,
            right=0.985,
            bottom=bottom,
            top=top,
            left=_left_margin(labels, wrap, size, fig.get_figwidth()),
        )
        ax = fig.add_subplot(gs[0])
        tx = fig.add_subplot(gs[1])
        y = np.arange(len(labels))[::-1]
        bars = ax.barh(y, heights, left=bottoms, color=colours, height=0.7, edgecolor="white")
        connectors = [
            ax.plot([0, 0], [0, 0], color="#999999", lw=1.2, ls=":")[0]
            for _i in range(len(labels) - 1)
        ]
        texts = [
            ax.text(0, yi, "", ha="left", va="center", fontsize=min(14.0, size + 2)) for yi in y
        ]
        ax.set_yticks(y)
        ax.set_yticklabels([_wrap(label, wrap) for label in labels], fontsize=size)
        for tick, colour in zip(ax.get_yticklabels(), colours, strict=True):
            if colour == _COLOURS["subtotal"]:
                tick.set_fontweight("bold")
        plots.money_axis(ax, "x")
        ax.xaxis.set_major_locator(MaxNLocator(3 if narrow else 4))
        present = [c for c in CATEGORIES if (calc.lines["category"] == c).any()]
        ax.legend(
            handles=[Patch(color=_COLOURS[c], label=_(CATEGORIES[c])) for c in present],
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            ncol=2,
            frameon=False,
            fontsize=12,
        )
        ax.set_xlabel(_("som per year"))
        _title(fig, title)
        ax.grid(axis="y", visible=False)

        tariff_bars = tx.bar(
            range(len(values)),
            values,
            color=[_COLOURS["tariff"], PALETTE[7]][: len(values)],
            width=0.6,
        )
        tariff_texts = [
            tx.text(
                i, 0, "", ha="center", va="bottom", fontsize=15 if narrow else 18, fontweight="bold"
            )
            for i in range(len(values))
        ]
        tx.set_xticks(range(len(values)))
        tx.set_xticklabels([_wrap(n, 8) for n in names], fontsize=11)
        tx.set_xlim(-0.6, len(values) - 0.4)
        tx.set_title(_("Tariff"))
        if not narrow:  # the app writes the unit beside the tariff already
            tx.set_ylabel(_wrap(calc.unit_label(), 28), fontsize=13)
        tx.grid(axis="x", visible=False)
        formula = tx.text(
            0.5,
            -0.15,
            "",
            transform=tx.transAxes,
            ha="center",
            va="top",
            fontsize=13,
            color="#555555",
        )
        fig._algca_waterfall = {
            "layout": layout,
            "ax": ax,
            "tx": tx,
            "y": y,
            "bars": list(bars),
            "connectors": connectors,
            "texts": texts,
            "formula": formula,
            "tariff_bars": list(tariff_bars),
            "tariff_texts": tariff_texts,
        }
        fig._algca_waterfall["live"] = [
            *bars,
            *connectors,
            *texts,
            *tariff_bars,
            *tariff_texts,
            formula,
        ]
        _waterfall_values(fig, calc, bottoms, heights, values)
    return fig


def collection_curve(
    calc: Calculation, fig: Figure | None = None, *, tariff: float | None = None
) -> Figure:
    """The tariff needed to cover the cost at each collection rate (30% to 100%).

    ``tariff`` (say the tariff in force, 50 som) is drawn as a line: where the
    curve is above it, the service does not cover its cost.
    """
    fig = _new(fig)
    with plots.style():
        ax = fig.add_subplot()
        fig.subplots_adjust(left=0.11, right=0.97, bottom=0.13, top=0.88)
        rates = np.linspace(0.3, 1.0, 141)
        needed = calc.tariff / rates
        ax.plot(rates, needed, color=PALETTE[0], label=_("Tariff needed"))
        ax.scatter([calc.collection_rate], [calc.tariff_needed], s=160, color=PALETTE[3], zorder=5)
        ax.annotate(
            f"{format_percent(calc.collection_rate)}: {format_money(calc.tariff_needed, 2)}",
            (calc.collection_rate, calc.tariff_needed),
            textcoords="offset points",
            xytext=(14, 14),
            fontsize=16,
            fontweight="bold",
            color=PALETTE[3],
        )
        if tariff is not None:
            ax.axhline(
                tariff,
                color=PALETTE[1],
                ls="--",
                lw=2.5,
                label=_("Tariff in force: {value}").format(
                    value=format_money(tariff, 2 if tariff % 1 else 0)
                ),
            )
            ax.fill_between(
                rates,
                tariff,
                needed,
                where=needed > tariff,
                color=PALETTE[3],
                alpha=0.12,
                label=_("Not covered"),
            )
        plots.percent_axis(ax, "x")
        plots.money_axis(ax, "y")
        ax.set_xlabel(_("Collection rate (share of bills paid)"))
        ax.set_ylabel(_wrap(calc.unit_label(), 30))
        _title(fig, _("The tariff needed at each collection rate"))
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
        fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.88)
        ax.set_aspect("equal")
        ax.axis("off")
        top = max(result.threshold * 3, result.share * 1.15)
        zones = [
            (0, result.threshold, PALETTE[2]),
            (result.threshold, 2 * result.threshold, PALETTE[1]),
            (2 * result.threshold, top, PALETTE[3]),
        ]
        for lo, hi, colour in zones:
            ax.add_patch(
                Wedge(
                    (0, 0),
                    1.0,
                    180 - 180 * hi / top,
                    180 - 180 * lo / top,
                    width=0.32,
                    color=colour,
                    alpha=0.85,
                )
            )
        for tick in (0, result.threshold, 2 * result.threshold, top):
            angle = np.pi * (1 - tick / top)
            ax.text(
                1.13 * np.cos(angle),
                1.13 * np.sin(angle),
                format_percent(tick, _decimals(tick)),
                ha="center",
                va="center",
                fontsize=15,
            )
        angle = np.pi * (1 - min(result.share, top) / top)
        ax.annotate(
            "",
            xy=(0.9 * np.cos(angle), 0.9 * np.sin(angle)),
            xytext=(0, 0),
            arrowprops={"arrowstyle": "-|>", "lw": 5, "color": "#222222", "mutation_scale": 30},
        )
        ax.add_patch(Wedge((0, 0), 0.07, 0, 360, color="#222222"))
        ax.text(
            0,
            -0.18,
            format_percent(result.share, 2),
            ha="center",
            va="top",
            fontsize=34,
            fontweight="bold",
            color=PALETTE[2] if result.affordable else PALETTE[3],
        )
        ax.text(
            0,
            -0.45,
            "\n".join(textwrap.wrap(result.message(), 70)),
            ha="center",
            va="top",
            fontsize=15,
        )
        ax.set_xlim(-1.3, 1.3)
        ax.set_ylim(-0.85, 1.25)
        _title(fig, _("Affordability: the bill as a share of household income"))
    return fig


def tornado_chart(calc: Calculation, change: float = 0.2, fig: Figure | None = None) -> Figure:
    """Each input moved by ±``change``: the bars show how far the tariff moves, widest on top.

    Given the ``fig`` of an earlier tornado with the same inputs in the same order (only
    the numbers changed), the bars and numbers are moved in place instead of drawn anew.
    """
    table = tornado(calc, change).iloc[::-1]
    title = _("What moves the tariff: each input ±{change}").format(change=format_percent(change))
    down, up = _("Tariff goes down"), _("Tariff goes up")
    layout = (tuple(table["label"]), title, calc.unit_label(), down, up)
    if fig is not None and (getattr(fig, "_algca_tornado", None) or {}).get("layout") == layout:
        _tornado_values(fig._algca_tornado, table)
        return fig
    fig = _new(fig)
    with plots.style():
        ax = fig.add_subplot()
        y = np.arange(len(table))
        zeros = np.zeros(len(table))
        live = {
            "layout": layout,
            "ax": ax,
            "down": list(ax.barh(y, zeros, color=PALETTE[0], height=0.6, label=down)),
            "up": list(ax.barh(y, zeros, color=PALETTE[3], height=0.6, label=up)),
            "base": ax.axvline(0, color="#222222", lw=2),
            "low": [ax.text(0, yi, "", ha="right", va="center", fontsize=13) for yi in y],
            "high": [ax.text(0, yi, "", ha="left", va="center", fontsize=13) for yi in y],
        }
        ax.set_yticks(y)
        bottom, top = 0.13, 0.8
        wrap, size = _label_fit(
            table["label"],
            (top - bottom) * fig.get_figheight() / len(table),
            fig.get_figwidth(),
            largest=15,
        )
        ax.set_yticklabels([_wrap(label, wrap) for label in table["label"]], fontsize=size)
        fig.subplots_adjust(
            left=_left_margin(table["label"], wrap, size, fig.get_figwidth()),
            right=0.95,
            bottom=bottom,
            top=top,
        )
        plots.money_axis(ax, "x", decimals=0)
        ax.set_xlabel(calc.unit_label())
        _title(fig, title)
        ax.grid(axis="y", visible=False)
        # under the title, from the figure's left edge: beside the axes it ran off the picture
        fig.legend(
            *ax.get_legend_handles_labels(),
            loc="upper left",
            bbox_to_anchor=(0.01, 0.91),
            ncol=2,
            frameon=False,
        )
        fig._algca_tornado = live
        _tornado_values(live, table)
    return fig


def _tornado_values(live: dict, table) -> None:
    """Put the numbers on the tornado's bars (the fast part of a redraw)."""
    base = float(table["base"].iloc[0])
    lo = np.minimum(table["tariff_low"], table["tariff_high"]).to_numpy()
    hi = np.maximum(table["tariff_low"], table["tariff_high"]).to_numpy()
    for down, up, low, high, a, b in zip(
        live["down"], live["up"], live["low"], live["high"], lo, hi, strict=True
    ):
        down.set_x(a)
        down.set_width(base - a)
        up.set_x(base)
        up.set_width(b - base)
        low.set_x(a)
        low.set_text(format_number(a, 1) + " ")
        high.set_x(b)
        high.set_text(" " + format_number(b, 1))
    live["base"].set_xdata([base, base])
    span = float(hi.max() - lo.min()) or 1.0
    live["ax"].set_xlim(lo.min() - span * 0.15, hi.max() + span * 0.15)
