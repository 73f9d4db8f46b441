"""Charts of a priority vote, in the toolkit's projector style.

* :func:`ranking_bars` — the result, best on top; tied items are hatched and marked «=»;
* :func:`pairwise_heatmap` — the pairwise matrix: who is preferred to whom;
* :func:`methods_chart` — the rank of each item under several counting rules;
* :func:`group_bars` — the points of each item within each group of participants.

Each returns a matplotlib ``Figure``; pass ``fig=`` an existing one to draw it
again in place (the voting board redraws one figure as votes come in).

>>> from toolkit.voting import load_ballots, dot_tally
>>> fig = ranking_bars(dot_tally(load_ballots("chet-nura")))
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()][0]
'1. Ичүүчү суу'
>>> plots.close(fig)
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from toolkit import plots
from toolkit.i18n import format_number, get_language, translator
from toolkit.plots import PALETTE, drawable
from toolkit.voting import item_label, method_label

__all__ = ["group_bars", "methods_chart", "pairwise_heatmap", "ranking_bars"]

_ = translator("voting")


def _new(fig: Figure | None) -> Figure:
    """A reusable figure (not registered with pyplot, so redrawing it leaks nothing)."""
    if fig is None:
        with plots.style():
            fig = Figure(figsize=plots.STYLE["figure.figsize"], dpi=plots.STYLE["figure.dpi"])
    else:
        fig.clear()
    return fig


def _wrap(text: str, width: int = 18) -> str:
    text = drawable(text)  # an emoji typed by a participant: a symbol the font has
    return "\n".join(textwrap.wrap(text, width)) or text


def _num(x) -> str:
    x = float(x)
    return format_number(x, 0 if x.is_integer() else 1)


def _bar_rows(result: pd.DataFrame) -> dict:
    """What each bar of :func:`ranking_bars` shows: length, colour, hatch, label and number."""
    points = result["points"].astype(float).to_numpy()
    tied = result["tied"].to_numpy(dtype=bool)
    sup = result["supporters"] if "supporters" in result else [pd.NA] * len(result)
    return {
        "y": np.arange(len(result))[::-1],
        "points": points,
        "tied": tied,
        "colours": [
            PALETTE[1] if t else (PALETTE[0] if r == 1 else PALETTE[5])
            for t, r in zip(tied, result["rank"], strict=True)
        ],
        "labels": [
            f"{r}{'=' if t else ''}. {_wrap(item_label(i), 22)}"
            for r, i, t in zip(result["rank"], result["item"], tied, strict=True)
        ],
        "numbers": [
            _num(p) + ("" if pd.isna(s) else "  " + _("({n} people)").format(n=int(s)))
            for p, s in zip(points, sup, strict=True)
        ],
        "top": max(points.max() if len(points) else 0, 1),
        "whole": bool(np.all(points == np.round(points))),
    }


def _place_rows(ax, bars, numbers, rows: dict) -> None:
    """Set the bars' lengths, colours and hatches, the labels, the numbers and the axis range."""
    for bar, p, colour, t in zip(bars, rows["points"], rows["colours"], rows["tied"], strict=True):
        bar.set_width(p)
        bar.set_facecolor(colour)
        bar.set_hatch("//" if t else None)
    ax.set_yticks(rows["y"], rows["labels"])
    ax.set_xlim(0, rows["top"] * 1.22)
    for text, p, number in zip(numbers, rows["points"], rows["numbers"], strict=True):
        text.set_x(p + rows["top"] * 0.015)
        text.set_text(number)


def ranking_bars(
    result: pd.DataFrame, fig: Figure | None = None, title: str | None = None, quick: bool = False
) -> Figure:
    """The result of a count as bars, best on top, points written at the end of each bar.

    Tied items share a colour, are hatched and carry «=» after their rank, and
    the legend says "tie": a tie is never hidden by the order of the bars.

    ``quick=True`` is for an app redrawing as the trainer types: when ``fig``
    already shows these items (same title, language, ties shown or not), its
    bars are reset to the new counts and order instead of the chart being drawn
    and laid out anew.
    """
    rows = _bar_rows(result)
    method = result.attrs.get("method", "")
    same = (
        get_language(),
        tuple(sorted(result["item"])),
        rows["whole"],
        bool(rows["tied"].any()),
        method,
        title,
        result.attrs.get("rejected"),
    )
    drawn = getattr(fig, "algca_ranking", None)
    if quick and drawn is not None and drawn["same"] == same:
        with plots.style():
            _place_rows(drawn["ax"], drawn["bars"], drawn["numbers"], rows)
        return fig
    fig = _new(fig)
    with plots.style():
        ax = fig.add_subplot()
        bars = ax.barh(rows["y"], rows["points"], edgecolor="#333333", linewidth=1.5)
        numbers = [
            ax.text(0, yy, "", va="center", fontsize=16, fontweight="bold") for yy in rows["y"]
        ]
        _place_rows(ax, bars, numbers, rows)
        if rows["whole"]:  # whole points: whole ticks, written the local way
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            plots.money_axis(ax, "x")
        ax.set_xlabel(_("Points") + (f" — {method_label(method)}" if method else ""))
        ax.grid(axis="y", visible=False)
        ax.set_title(title if title is not None else _("Priorities by votes"))
        if rows["tied"].any():
            ax.legend(
                handles=[
                    Patch(
                        facecolor=PALETTE[1],
                        hatch="//",
                        edgecolor="#333333",
                        label=_("tie: equal points"),
                    )
                ],
                loc="lower right",
            )
        if result.attrs.get("rejected"):
            # a chart never hides that some ballots were not counted
            fig.text(
                0.01,
                0.01,
                "⚠ "
                + _("{counted} ballots counted, {rejected} rejected.").format(
                    counted=result.attrs.get("counted", 0), rejected=result.attrs["rejected"]
                ),
                fontsize=15,
                color="#b34700",
                ha="left",
                va="bottom",
            )
        fig.tight_layout(rect=(0, 0.05, 1, 1) if result.attrs.get("rejected") else (0, 0, 1, 1))
    fig.algca_ranking = {"same": same, "ax": ax, "bars": list(bars), "numbers": numbers}
    return fig


def pairwise_heatmap(
    matrix: pd.DataFrame, fig: Figure | None = None, title: str | None = None
) -> Figure:
    """The pairwise matrix: the cell (row A, column B) says how many prefer A to B.

    Blue: the row item wins the pair; orange: it loses; grey: a draw.
    """
    fig = _new(fig)
    with plots.style():
        ax = fig.add_subplot()
        p = matrix.to_numpy(dtype=float)
        total = p + p.T
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(total > 0, p / total, 0.5)
        np.fill_diagonal(share, np.nan)
        import matplotlib

        cmap = matplotlib.colormaps["PuOr"].with_extremes(bad="#ffffff")
        image = ax.imshow(share, cmap=cmap, vmin=0, vmax=1)
        names = [_wrap(item_label(i), 14) for i in matrix.index]
        ax.set_xticks(range(len(names)), names, rotation=0)
        ax.set_yticks(range(len(names)), names)
        ax.xaxis.tick_top()
        ax.grid(False)
        for i in range(len(names)):
            for j in range(len(names)):
                if i == j:
                    ax.text(j, i, "—", ha="center", va="center", fontsize=18, color="#888888")
                    continue
                mark = "✔" if p[i, j] > p[j, i] else ("=" if p[i, j] == p[j, i] else "")
                colour = "white" if abs(share[i, j] - 0.5) > 0.3 else "black"
                ax.text(
                    j,
                    i,
                    f"{_num(p[i, j])} {mark}",
                    ha="center",
                    va="center",
                    fontsize=20,
                    fontweight="bold",
                    color=colour,
                )
        ax.set_ylabel(_("preferred …"))
        ax.set_xlabel(_("… to"))
        ax.xaxis.set_label_position("top")
        for side in ("top", "right", "left", "bottom"):
            ax.spines[side].set_visible(False)
        fig.suptitle(
            title if title is not None else _("Pairwise matrix: how many prefer the row"),
            fontsize=plots.STYLE["axes.titlesize"],
            fontweight="bold",
        )
        bar = fig.colorbar(image, ax=ax, shrink=0.8)
        bar.set_ticks([0, 0.5, 1], labels=[_("loses"), _("draw"), _("wins")])
        fig.tight_layout()
    return fig


def methods_chart(
    comparison: pd.DataFrame, fig: Figure | None = None, title: str | None = None
) -> Figure:
    """The rank of each item under each rule (from :func:`toolkit.voting.compare_methods`).

    Flat lines: the rules agree; crossing lines: the rules disagree on that item.
    """
    fig = _new(fig)
    with plots.style():
        ax = fig.add_subplot()
        methods = [c for c in comparison.columns if c not in ("item", "agree")]
        x = np.arange(len(methods))
        n = len(comparison)
        ranks_all = comparison[methods].to_numpy(dtype=float)
        offsets = np.zeros_like(ranks_all)
        for j in range(len(methods)):  # items tied under a rule are drawn side by side
            for value in set(ranks_all[:, j]):
                rows = np.flatnonzero(ranks_all[:, j] == value)
                if len(rows) > 1:
                    offsets[rows, j] = (np.arange(len(rows)) - (len(rows) - 1) / 2) * 0.12
        for k, (_i, row) in enumerate(comparison.iterrows()):
            ranks = ranks_all[k] + offsets[k]
            colour = PALETTE[k % len(PALETTE)]
            ax.plot(
                x,
                ranks,
                marker="o",
                color=colour,
                linewidth=4,
                markersize=14,
                linestyle="-" if row["agree"] else "--",
            )
            ax.text(
                x[-1] + 0.12,
                ranks[-1],
                _wrap(item_label(row["item"]), 20),
                va="center",
                fontsize=16,
                color=colour,
                fontweight="bold",
            )
        ax.set_xticks(x, [_wrap(method_label(m), 12) for m in methods])
        ax.set_yticks(range(1, n + 1), [_("place {n}").format(n=r) for r in range(1, n + 1)])
        ax.set_ylim(n + 0.5, 0.5)
        ax.set_xlim(-0.3, len(methods) - 1 + 1.1)
        ax.grid(axis="x", visible=False)
        agree = bool(comparison["agree"].all())
        ax.set_title(
            title
            if title is not None
            else (_("The rules agree") if agree else _("Where the counting rules differ"))
        )
        fig.tight_layout()
    return fig


def group_bars(table: pd.DataFrame, fig: Figure | None = None, title: str | None = None) -> Figure:
    """Points of each item within each group (from :func:`toolkit.voting.by_group`),
    as shares of the group's points so groups of different sizes compare fairly."""
    fig = _new(fig)
    with plots.style():
        ax = fig.add_subplot()
        group = table.columns[0]
        shares = table.assign(
            share=table["points"] / table.groupby(group)["points"].transform("sum")
        )
        wide = shares.pivot(index="item", columns=group, values="share")
        items = list(dict.fromkeys(table.loc[table[group] == "all", "item"]))
        wide = wide.loc[items]
        groups = list(dict.fromkeys(table[group]))
        groups = [g for g in groups if g != "all"] + (["all"] if "all" in groups else [])
        height = 0.8 / len(groups)
        y = np.arange(len(items))[::-1]
        for k, g in enumerate(groups):
            colour = "#4d4d4d" if g == "all" else PALETTE[k % len(PALETTE)]
            ax.barh(
                y + 0.4 - (k + 0.5) * height,
                wide[g].fillna(0),
                height=height * 0.95,
                color=colour,
                label=item_label(g),
            )
        ax.set_yticks(y, [_wrap(item_label(i), 22) for i in items])
        plots.percent_axis(ax, "x")
        ax.grid(axis="y", visible=False)
        ax.legend(loc="lower right")
        ax.set_xlabel(_("Share of the group's points"))
        ax.set_title(title if title is not None else _("Priorities by group"))
        fig.tight_layout()
    return fig
