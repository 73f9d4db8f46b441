"""The first app of the seminar: the course at a glance.

The five methods of the course, the three municipalities whose cases the
course uses, and one small live calculation to try the controls: how much
a village collects for waste removal at Teploklyuchenka's tariff (50 som per
household, 65% of households paying in full and on time, as the municipality
reported in 2021).

>>> frame = app()
>>> frame.body.primary.value = 2000
>>> "65 000" in frame.body.live.value
True
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from toolkit.apps.common import app_frame, safe
from toolkit.i18n import N_, format_money, format_number, format_percent, translator

__all__ = [
    "COLLECTION_SHARE",
    "METHODS",
    "MUNICIPALITIES",
    "WASTE_TARIFF",
    "app",
    "monthly_collection",
]

_ = translator("workshop")

#: Teploklyuchenka, waste removal: tariff per household per month, som (source 000).
WASTE_TARIFF = 50
#: Teploklyuchenka, 2021: share of the population paying fully and on time (source 000).
COLLECTION_SHARE = 0.65

METHODS = [
    (N_("Problem mapping"), N_("Map the villages, the service points and the problems on them.")),
    (N_("Problem gallery"), N_("Post the problems on the wall, walk the gallery, add remarks.")),
    (N_("Priority voting"), N_("Choose the services by criteria and rank them by votes.")),
    (N_("Tariff calculation"), N_("Count the cost of a service and the tariff per household.")),
    (N_("Joint action plan"), N_("Tasks, activities, deadlines and who is responsible.")),
]

MUNICIPALITIES = [
    (
        N_("Teploklyuchenka"),
        N_("Ak-Suu district, Issyk-Kul region"),
        N_("dip bath, waste removal, road repair"),
    ),
    (
        N_("Chet-Nura"),
        N_("Naryn district, Naryn region"),
        N_("clean water, waste removal, irrigation"),
    ),
    (
        N_("Birinchi May"),
        N_("Ala-Buka district, Jalal-Abad region"),
        N_("initiative groups, public hearings"),
    ),
]


def monthly_collection(
    households: int, tariff: float = WASTE_TARIFF, share: float = COLLECTION_SHARE
) -> float:
    """Som collected in a month when ``share`` of ``households`` pay ``tariff`` each.

    >>> monthly_collection(1000)
    32500.0
    """
    return float(households) * tariff * share


def _methods_html() -> str:
    items = "".join(
        f"<li><b>{html.escape(_(name))}</b> — {html.escape(_(what))}</li>" for name, what in METHODS
    )
    return f"<h3>{html.escape(_('Five methods of the course'))}</h3><ol>{items}</ol>"


def _cases_html() -> str:
    rows = "".join(
        f"<tr><td><b>{html.escape(_(name))}</b></td><td>{html.escape(_(where))}</td>"
        f"<td>{html.escape(_(topics))}</td></tr>"
        for name, where, topics in MUNICIPALITIES
    )
    head = "".join(
        f"<th>{html.escape(_(h))}</th>"
        for h in (N_("Municipality"), N_("Where"), N_("What the case shows"))
    )
    return (
        f"<h3>{html.escape(_('Three municipalities'))}</h3>"
        f"<table class='algca-welcome-table'><tr>{head}</tr>{rows}</table>"
    )


def _collection_table(households: int) -> str:
    paying = round(households * COLLECTION_SHARE)
    rows = [
        (_("Households"), format_number(households)),
        (_("Tariff per household per month"), format_money(WASTE_TARIFF)),
        (
            _("Households paying in full and on time"),
            f"{format_number(paying)} ({format_percent(COLLECTION_SHARE)})",
        ),
        (_("Collected in a month"), format_money(monthly_collection(households))),
        (_("Collected in a year"), format_money(monthly_collection(households) * 12)),
    ]
    body = "".join(
        f"<tr><td>{html.escape(k)}</td><td class='algca-number'><b>{html.escape(v)}</b></td></tr>"
        for k, v in rows
    )
    return f"<table class='algca-collection'>{body}</table>"


def _body() -> widgets.VBox:
    households = widgets.IntText(
        value=1000,
        description=_("Households in the village"),
        style={"description_width": "initial"},
        layout=widgets.Layout(width="520px"),
    )
    households.add_class("algca-primary-input")
    live = widgets.HTML(_collection_table(households.value))
    live.add_class("algca-live-output")

    @safe
    def redraw(change):
        value = int(change["new"])
        if value < 0:
            from toolkit.errors import ToolkitError

            raise ToolkitError(_("The number of households cannot be negative."))
        live.value = _collection_table(value)

    households.observe(redraw, names="value")
    note = widgets.HTML(
        "<p class='algca-note'>"
        + html.escape(
            _(
                "Try it: type the number of households of your village. Teploklyuchenka: waste tariff 50 som per household, 65% pay in full and on time (2021)."
            )
        )
        + "</p>"
    )
    body = widgets.VBox(
        [
            widgets.HTML(_methods_html()),
            widgets.HTML(_cases_html()),
            widgets.HTML(
                f"<h3>{html.escape(_('Try the controls: waste collection in a month'))}</h3>"
            ),
            note,
            households,
            live,
        ]
    )
    body.primary = households
    body.live = live
    return body


def app() -> widgets.VBox:
    """The welcome app: returns the root widget (shown by Voila or in a notebook)."""
    return app_frame(lambda: _("The course at a glance"), _body)
