"""Charts of the problem gallery: the remarks each service area got on the gallery walk,
and the screening of the cards by criteria.

>>> from toolkit.gallery import Gallery, Criterion, screen
>>> wall = Gallery()
>>> _ = wall.add_card("1-топ", "Ак-Кыя", "drinking-water", "Таза суу жок")
>>> _ = wall.add_remark(1, "agree")
>>> fig = remarks_chart(wall.cards())
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
['Ичүүчү суу']
>>> fig2 = screening_chart(screen(wall, [Criterion("СЭӨП", {1: True})]), wall.cards())
>>> from toolkit.plots import close
>>> close(fig); close(fig2)
"""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.patches import Patch, Rectangle

from toolkit.gallery import RemarkType, Screening
from toolkit.i18n import format_number, translator
from toolkit.plots import PALETTE, drawable, figure
from toolkit.vocabulary import service_label

__all__ = ["remarks_chart", "screening_chart"]

_ = translator("gallery")

_REMARK_COLOURS = {"agree": PALETTE[2], "question": PALETTE[1], "addition": PALETTE[0]}


def remarks_chart(cards: pd.DataFrame, by: str = "service", title: str | None = None):
    """Stacked bars: how many *agree*, *question* and *addition* remarks each service area
    (or village, or group: ``by=``) got on the gallery walk, most agreed on top."""
    kinds = [k.value for k in RemarkType]
    totals = cards.groupby(by)[kinds].sum()
    totals = totals.sort_values(kinds, ascending=True)
    labels = [service_label(i) if by == "service" else drawable(i) for i in totals.index]
    fig, ax = figure(
        title or _("Remarks on the gallery walk"), figsize=(12, max(3.5, 1.1 * len(totals) + 2))
    )
    left = pd.Series(0, index=totals.index)
    for kind in RemarkType:
        values = totals[kind.value]
        bars = ax.barh(
            labels,
            values,
            left=left,
            color=_REMARK_COLOURS[kind.value],
            label=kind.label,
            height=0.6,
        )
        for bar, value in zip(bars, values, strict=True):
            if value:
                ax.text(
                    bar.get_x() + bar.get_width() / 2,
                    bar.get_y() + bar.get_height() / 2,
                    format_number(value),
                    ha="center",
                    va="center",
                    color="white",
                    fontsize=15,
                    fontweight="bold",
                )
        left = left + values
    ax.set_xlabel(_("Number of remarks"))
    ax.grid(axis="y", visible=False)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="lower right", frameon=False, fontsize=17)
    return fig


def screening_chart(result: Screening, cards: pd.DataFrame, title: str | None = None):
    """A grid of the screening: one row per card, one column per criterion, green when
    the card meets the criterion, red when not, grey when there is no answer yet."""
    colours = {"yes": PALETTE[2], "no": PALETTE[3], "unknown": "#bbbbbb"}
    marks = {"yes": "✓", "no": "✗", "unknown": "?"}
    criteria = list(dict.fromkeys(result.decisions["criterion"]))
    ids = list(dict.fromkeys(result.decisions["card_id"]))
    texts = cards.set_index("card_id")["text"] if "text" in cards.columns else {}
    decided = result.decisions.set_index(["card_id", "criterion"])["decision"]
    fig, ax = figure(
        title or _("Screening of the cards by the criteria"),
        figsize=(13, max(3.5, 0.62 * len(ids) + 2.5)),
    )
    for row, card_id in enumerate(ids):
        for col, criterion in enumerate(criteria):
            decision = decided[(card_id, criterion)]
            ax.add_patch(_cell(col, row, colours[decision]))
            ax.text(
                col + 0.5,
                row + 0.5,
                marks[decision],
                ha="center",
                va="center",
                fontsize=20,
                color="white",
                fontweight="bold",
            )
    ax.set_xlim(0, len(criteria))
    ax.set_ylim(len(ids), 0)
    ax.set_xticks(
        [i + 0.5 for i in range(len(criteria))], ["\n".join(textwrap.wrap(c, 26)) for c in criteria]
    )
    ax.xaxis.tick_top()
    ax.set_yticks(
        [i + 0.5 for i in range(len(ids))],
        [f"№{i} {textwrap.shorten(str(texts.get(i, '')), 38, placeholder='…')}" for i in ids],
    )
    ax.grid(False)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    passed = len(result.passed)
    ax.set_xlabel(
        _("Cards that pass every criterion: {n} of {total}").format(
            n=format_number(passed), total=format_number(len(ids))
        )
    )
    ax.legend(
        handles=[
            Patch(color=colours[d], label=lbl)
            for d, lbl in (
                ("yes", _("meets")),
                ("no", _("does not meet")),
                ("unknown", _("no answer")),
            )
        ],
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        frameon=False,
        fontsize=17,
    )
    return fig


def _cell(col, row, colour):
    return Rectangle((col + 0.04, row + 0.06), 0.92, 0.88, color=colour)
