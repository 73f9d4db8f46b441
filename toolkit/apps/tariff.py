"""The tariff calculator for the seminar: the trainer types, the waterfall and the tariff follow.

Load a case (Teploklyuchenka's dip bath or waste service, Chet-Nura's
drinking water) or a filled template, change any cost line, the number of
payers, the margin or the collection rate, and the chart and the tariff are
drawn again at once.  The calculation sheet downloads as an Excel file.

>>> from toolkit.apps.tariff import TariffApp
>>> calc = TariffApp(restore=False, autosave=False)
>>> calc.load_case("teploklyuchenka/waste")
>>> round(calc.calculation.tariff, 2)
50.0
>>> calc.widgets["collection_rate"].value = 0.5
>>> round(calc.calculation.tariff_needed, 2)
100.0
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from toolkit import tariff
from toolkit.apps.common import (
    GroupWork,
    Quiet,
    WorkChanged,
    app_frame,
    download_button,
    group_bar,
    percent_slider,
    safe,
    show_message,
)
from toolkit.charts import tariff as charts
from toolkit.errors import ToolkitError
from toolkit.i18n import N_, format_money, format_percent, get_language, translator
from toolkit.plots import style

__all__ = ["CASES", "TariffApp", "app"]

_ = translator("tariff")

#: The cases the calculator can load: ``"case_id/service_id"``.
CASES = ["teploklyuchenka/dip-bath", "teploklyuchenka/waste", "chet-nura/drinking-water"]

_STATE_NAME = "tariff"
_DPI = 90
_FIGSIZE = (9.0, 5.8)
_CHARTS = {
    "waterfall": N_("Costs → tariff"),
    "collection": N_("Collection rate"),
    "tornado": N_("What moves the tariff"),
    "affordability": N_("Affordability"),
}


def _blank_state() -> dict:
    return {
        "case": "",
        "title": "",
        "lines": [
            {"line_id": "line-1", "category": "direct", "label": "", "amount": 0.0},
        ],
        "units": 1.0,
        "billing_unit": "household",
        "periods_per_year": 12.0,
        "margin": 0.0,
        "tax_rate": 0.0,
        "collection_rate": 1.0,
        "observed_tariff": None,
        "income": 15000.0,
        "threshold": tariff.AFFORDABILITY_THRESHOLD,
        "chart": "waterfall",
    }


def _checked_state(saved: object) -> dict:
    """A saved calculation, or :class:`ToolkitError` if it is not one."""
    if not isinstance(saved, dict) or not isinstance(saved.get("lines"), list):
        raise ToolkitError(_("The saved calculation could not be restored."))
    return saved


def _num(value, default=0.0) -> float:
    try:
        value = float(value)
    except (TypeError, ValueError):
        return default
    return default if np.isnan(value) else value


class TariffApp:
    """The calculator's logic and widgets; :func:`app` shows it in a frame.

    Everything a browser can do is a method here, so the tests drive it
    without a browser: :meth:`load_case`, :meth:`load_template`,
    :meth:`update`, :meth:`sheet`.  ``restore=False`` starts afresh instead
    of bringing back the work saved last time; ``autosave=False`` saves nothing.
    """

    def __init__(
        self, restore: bool = True, build: bool = True, autosave: bool = True, group: str = ""
    ):
        self.autosave = autosave
        self.quiet = Quiet()
        self._restore(group, restore)
        self.calculation: tariff.Calculation | None = None
        with style():  # one figure for the whole session, sized for the app's chart column
            self.figure = plt.figure(figsize=_FIGSIZE, dpi=_DPI)
        plt.close(self.figure)
        self.png = b""
        self.redraws = 0
        self.widgets: dict[str, widgets.Widget] = {}
        self.line_rows: list[dict[str, widgets.Widget]] = []
        self.root = widgets.VBox()
        if build:
            self.build()

    # ------------------------------------------------------------------ state
    def _restore(self, group: str, restore: bool = True) -> None:
        self.work = GroupWork(_STATE_NAME, group)
        saved = self.work.load(check=_checked_state) if restore else None
        self.note = self.work.note
        self.state = {**_blank_state(), **(saved or self._case_state(CASES[1]))}

    def open_group(self, group: str) -> None:
        """Show (and from now on save) the calculation of ``group``."""
        self._restore(group)
        self.build()
        if self.note:
            show_message(self.note, kind="note")

    @staticmethod
    def _case_state(key: str) -> dict:
        case_id, service_id = key.split("/")
        inputs = tariff.case_inputs(case_id, service_id)
        return {
            "case": key,
            "title": "",
            "case_names": inputs["case_names"],
            "lines": [dict(line) for line in inputs["lines"]],
            **{
                k: inputs[k]
                for k in (
                    "units",
                    "billing_unit",
                    "periods_per_year",
                    "margin",
                    "tax_rate",
                    "collection_rate",
                    "observed_tariff",
                )
            },
        }

    def _label(self, line: dict) -> str:
        labels = line.get("labels")
        return labels.get(get_language(), "") if labels else line.get("label", "")

    def title(self) -> str:
        """The title of what is on screen, in the chosen language."""
        if self.state.get("case"):
            case_id, service_id = self.state["case"].split("/")
            return tariff.case_title(
                {
                    "case_id": case_id,
                    "service_id": service_id,
                    "case_names": self.state.get("case_names", {}),
                }
            )
        return self.state.get("title") or _("My calculation")

    def lines_frame(self) -> pd.DataFrame:
        """The cost lines of the state as the table :func:`toolkit.tariff.calculate` reads."""
        rows = [
            {
                "line_id": line.get("line_id") or f"line-{i + 1}",
                "category": line.get("category", "direct"),
                "label": self._label(line) or _("Line {n}").format(n=i + 1),
                "amount": line.get("amount"),
                "asset_price": line.get("asset_price"),
                "service_life_years": line.get("service_life_years"),
                "salvage_value": line.get("salvage_value"),
            }
            for i, line in enumerate(self.state["lines"])
        ]
        return pd.DataFrame(
            rows,
            columns=[
                "line_id",
                "category",
                "label",
                "amount",
                "asset_price",
                "service_life_years",
                "salvage_value",
            ],
        )

    def compute(self) -> tariff.Calculation:
        """Check the state and compute (raises :class:`ToolkitError` on bad input)."""
        s = self.state
        return tariff.calculate(
            self.lines_frame(),
            units=s["units"],
            billing_unit=s["billing_unit"],
            periods_per_year=s["periods_per_year"],
            margin=s["margin"],
            tax_rate=s["tax_rate"],
            collection_rate=s["collection_rate"],
            title=self.title(),
        )

    # ------------------------------------------------------------------ actions
    def load_case(self, key: str) -> None:
        """Load one of :data:`CASES` and draw it."""
        if key not in CASES:
            raise ToolkitError(
                _("Unknown case {case!r}; choose one of: {choices}.").format(
                    case=key, choices=", ".join(CASES)
                )
            )
        keep = {k: self.state.get(k) for k in ("income", "threshold", "chart")}
        self.state = {**_blank_state(), **self._case_state(key), **keep}
        self.redraw_all()

    def load_blank(self) -> None:
        """Start an empty calculation (one line of direct costs)."""
        keep = {k: self.state.get(k) for k in ("income", "threshold", "chart")}
        self.state = {**_blank_state(), **keep}
        self.redraw_all()

    def load_template(self, data: bytes, name: str = "template.xlsx") -> None:
        """Load a filled template (an XLSX as :meth:`sheet` writes it)."""
        calc = tariff.read_template(data, file=name)
        keep = {k: self.state.get(k) for k in ("income", "threshold", "chart")}
        lines = [
            {
                k: (
                    None
                    if pd.isna(v)
                    else (
                        float(v)
                        if k in ("amount", "asset_price", "service_life_years", "salvage_value")
                        else str(v)
                    )
                )
                for k, v in row.items()
                if k != "annual"
            }
            for row in calc.lines.to_dict("records")
        ]
        self.state = {
            **_blank_state(),
            **keep,
            "case": "",
            "title": calc.title,
            "lines": lines,
            "units": calc.units,
            "billing_unit": calc.billing_unit,
            "periods_per_year": calc.periods_per_year,
            "margin": calc.margin,
            "tax_rate": calc.tax_rate,
            "collection_rate": calc.collection_rate,
        }
        self.redraw_all()

    def sheet(self) -> bytes:
        """The calculation sheet as XLSX bytes."""
        return self.compute().to_xlsx()

    def update(self, _change=None) -> None:
        """Read the widgets into the state, compute, and redraw the tariff and the chart."""
        self._read_widgets()
        calc = self.compute()
        self.calculation = calc
        self._draw(calc)
        if self.autosave:
            try:
                self.work.save(self.state)
            except WorkChanged:  # another screen saved this group's work: show it
                self._restore(self.work.group)
                self.build()
                raise

    # ------------------------------------------------------------------ drawing
    def _draw(self, calc: tariff.Calculation) -> None:
        w = self.widgets
        text = [
            f'<div class="algca-big-result"><b>{html.escape(format_money(calc.tariff, 2))}</b> '
            f'<span class="algca-per">— {html.escape(calc.per_label())}</span></div>'
        ]
        if calc.collection_rate < 1:
            text.append(
                '<div class="algca-warning-text">'
                + html.escape(
                    _("At {rate} collection the service needs {value}.").format(
                        rate=format_percent(calc.collection_rate),
                        value=format_money(calc.tariff_needed, 2),
                    )
                )
                + "</div>"
            )
        observed = self.state.get("observed_tariff")
        if observed:
            text.append(
                '<div class="algca-small-note">'
                + html.escape(
                    _(
                        "Tariff in force: {value}; it brings in {share} of the required revenue."
                    ).format(
                        value=format_money(observed, 2 if observed % 1 else 0),
                        share=format_percent(calc.recovery(observed)),
                    )
                )
                + "</div>"
            )
        w["result"].value = "".join(text)
        chart = self.state.get("chart", "waterfall")
        if chart == "collection":
            self.figure = charts.collection_curve(calc, self.figure, tariff=observed)
        elif chart == "tornado":
            self.figure = charts.tornado_chart(calc, fig=self.figure)
        elif chart == "affordability":
            bill = calc.tariff_needed * calc.periods_per_year / 12  # per month
            result = tariff.affordability(bill, self.state["income"], self.state["threshold"])
            self.figure = charts.affordability_gauge(result, self.figure)
        else:
            self.figure = charts.waterfall(calc, self.figure)
        # fixed margins (no "tight" box): one drawing pass, or only the live parts of a waterfall
        self.png = charts.png(self.figure, dpi=_DPI)
        w["chart"].value = self.png
        self.redraws += 1

    def redraw_all(self) -> None:
        """Rebuild the input widgets from the state (after loading) and draw."""
        self._fill_widgets()
        self.update()

    # ------------------------------------------------------------------ widgets
    def _read_widgets(self) -> None:
        w, s = self.widgets, self.state
        for key in (
            "units",
            "periods_per_year",
            "margin",
            "tax_rate",
            "collection_rate",
            "income",
            "threshold",
        ):
            s[key] = w[key].value
        s["billing_unit"] = w["billing_unit"].value
        s["chart"] = w["chart_choice"].value
        lines = []
        for row, old in zip(self.line_rows, s["lines"], strict=False):
            line = {"line_id": old.get("line_id"), "category": row["category"].value}
            if old.get("labels") and row["label"].value == self._label(old):
                line["labels"] = old["labels"]
            else:
                line["label"] = row["label"].value
            if line["category"] == "depreciation":
                line.update(
                    asset_price=row["price"].value,
                    service_life_years=row["life"].value,
                    salvage_value=row["salvage"].value,
                )
            else:
                line["amount"] = row["amount"].value
            lines.append(line)
        s["lines"] = lines

    def _line_row(self, line: dict) -> dict[str, widgets.Widget]:
        def small(text):
            return widgets.HTML(f'<span class="algca-field-name">{html.escape(text)}</span>')

        cat = widgets.Dropdown(
            options=[(_(label), key) for key, label in tariff.CATEGORIES.items()],
            value=line.get("category", "direct"),
            layout=widgets.Layout(width="14em"),  # «Амортизация (эскирүү)» whole
        )
        label = widgets.Text(
            value=self._label(line),
            placeholder=_("What is it?"),
            layout=widgets.Layout(width="auto", flex="1 1 7em"),
        )
        amount = widgets.FloatText(
            value=_num(line.get("amount")), layout=widgets.Layout(width="6.5em")
        )
        price = widgets.FloatText(
            value=_num(line.get("asset_price")), layout=widgets.Layout(width="7em")
        )
        life = widgets.FloatText(
            value=_num(line.get("service_life_years"), 1.0), layout=widgets.Layout(width="4em")
        )
        salvage = widgets.FloatText(
            value=_num(line.get("salvage_value")), layout=widgets.Layout(width="6.5em")
        )
        remove = widgets.Button(
            icon="trash", tooltip=_("Remove this line"), layout=widgets.Layout(width="2.6em")
        )
        top = widgets.HBox()
        top.add_class("algca-line")  # one row on the projector, wrapped on a phone
        second = widgets.HBox(
            [small(_("price")), price, small(_("years")), life, small(_("salvage")), salvage],
            layout=widgets.Layout(margin="0 0 6px 1.5em"),
        )
        box = widgets.VBox(layout=widgets.Layout(margin="0"))
        row = {
            "category": cat,
            "label": label,
            "amount": amount,
            "price": price,
            "life": life,
            "salvage": salvage,
            "remove": remove,
            "box": box,
            "second": second,
        }

        def arrange(_change=None):
            if cat.value == "depreciation":
                top.children = (cat, label, remove)
                box.children = (top, second)
            else:
                top.children = (cat, label, amount, remove)
                box.children = (top,)

        arrange()
        cat.observe(arrange, names="value")
        for widget in (cat, label, amount, price, life, salvage):
            widget.observe(self._on_change, names="value")
        remove.on_click(safe(lambda _b, r=row: self._remove_line(r)))
        return row

    def _fill_widgets(self) -> None:
        w, s = self.widgets, self.state
        with self.quiet():
            for key in (
                "units",
                "periods_per_year",
                "margin",
                "tax_rate",
                "collection_rate",
                "income",
                "threshold",
            ):
                w[key].value = s[key]
            w["billing_unit"].value = s["billing_unit"]
            w["chart_choice"].value = s.get("chart", "waterfall")
            self.line_rows = [self._line_row(line) for line in s["lines"]]
            w["lines"].children = [row["box"] for row in self.line_rows]
            w["title"].value = f"<h3>{html.escape(self.title())}</h3>"

    def _on_change(self, _change=None) -> None:
        if not self.quiet:
            self._safe_update()

    def _add_line(self, _button=None) -> None:
        self._read_widgets()
        self.state["lines"].append(
            {
                "line_id": f"line-{len(self.state['lines']) + 1}",
                "category": "direct",
                "label": "",
                "amount": 0.0,
            }
        )
        self._fill_widgets()
        self._safe_update()

    def _remove_line(self, row) -> None:
        self._read_widgets()
        index = self.line_rows.index(row)
        if len(self.state["lines"]) > 1:
            del self.state["lines"][index]
        self._fill_widgets()
        self._safe_update()

    def build(self) -> widgets.Widget:
        """Make the widgets for the current language from the state and draw."""
        s = self.state
        big = {"description_width": "initial"}
        units = widgets.FloatText(
            value=s["units"],
            description=_("Number of payers (units)"),
            style=big,
            continuous_update=True,
            layout=widgets.Layout(width="24em"),
        )
        units.add_class("algca-primary-input")
        billing = widgets.Dropdown(
            options=[(_(v), k) for k, v in tariff.BILLING_UNITS.items()],
            value=s["billing_unit"],
            layout=widgets.Layout(width="15em"),
        )
        periods = widgets.Dropdown(
            options=[(_("per month"), 12.0), (_("per quarter"), 4.0), (_("per year"), 1.0)],
            value=float(s["periods_per_year"])
            if float(s["periods_per_year"]) in (12.0, 4.0, 1.0)
            else 12.0,
            layout=widgets.Layout(width="10em"),
        )
        margin, margin_row = percent_slider(
            s["margin"], low=0, high=1, step=0.01, description=_("Profitability margin")
        )
        tax, tax_row = percent_slider(
            s["tax_rate"], low=0, high=0.5, step=0.01, description=_("Tax rate")
        )
        collection, collection_row = percent_slider(
            s["collection_rate"], low=0.05, high=1, step=0.01, description=_("Collection rate")
        )
        income = widgets.FloatText(
            value=s["income"],
            description=_("Household income per month"),
            style=big,
            layout=widgets.Layout(width="24em"),
        )
        threshold, threshold_row = percent_slider(
            s["threshold"],
            low=0.01,
            high=0.10,
            step=0.005,
            description=_("Affordability threshold"),
            decimals=1,
        )
        chart_choice = widgets.ToggleButtons(
            options=[(_(v), k) for k, v in _CHARTS.items()],
            value=s.get("chart", "waterfall"),
            style={"button_width": "auto"},
        )
        chart = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        chart.add_class("algca-live-output")
        result = widgets.HTML()
        case = widgets.Dropdown(
            options=[(_("— choose a case —"), "")]
            + [
                (
                    tariff.case_title(
                        {
                            "case_id": k.split("/")[0],
                            "service_id": k.split("/")[1],
                            "case_names": tariff.case_inputs(*k.split("/"))["case_names"],
                        }
                    ),
                    k,
                )
                for k in CASES
            ]
            + [(_("Empty calculation"), "blank")],
            value="",
            layout=widgets.Layout(width="20em"),
        )
        upload = widgets.FileUpload(
            accept=".xlsx",
            multiple=False,
            description=_("Load a template"),
            layout=widgets.Layout(width="auto"),
        )
        add = widgets.Button(description=_("Add a line"), icon="plus")
        prepare = widgets.Button(
            description=_("Calculation sheet (XLSX)"),
            icon="file-excel-o",
            layout=widgets.Layout(width="auto"),
        )
        download = widgets.Box()
        note = widgets.HTML(
            '<div class="algca-note">'
            + html.escape(
                _(
                    "The cost lines of the cases are illustrative: the sources give the tariffs, not the costs."
                )
            )
            + "</div>"
        )
        self.widgets = {
            "units": units,
            "billing_unit": billing,
            "periods_per_year": periods,
            "margin": margin,
            "tax_rate": tax,
            "collection_rate": collection,
            "income": income,
            "threshold": threshold,
            "chart_choice": chart_choice,
            "chart": chart,
            "result": result,
            "case": case,
            "upload": upload,
            "add": add,
            "prepare": prepare,
            "download": download,
            "lines": widgets.VBox(),
            "title": widgets.HTML(),
            "note": note,
        }
        for widget in (
            units,
            billing,
            periods,
            margin,
            tax,
            collection,
            income,
            threshold,
            chart_choice,
        ):
            widget.observe(self._on_change, names="value")

        @safe
        def on_case(change):
            if change["new"] == "blank":
                self.load_blank()
            elif change["new"]:
                self.load_case(change["new"])

        @safe
        def on_upload(change):
            files = change["new"]
            if files:
                item = files[0]
                self.load_template(bytes(item["content"]), item.get("name", "template.xlsx"))

        @safe
        def on_prepare(_button):
            name = _("tariff") + ".xlsx"
            download.children = (
                download_button(self.sheet(), name, _("Download {name}").format(name=name)),
            )

        case.observe(on_case, names="value")
        upload.observe(on_upload, names="value")
        prepare.on_click(on_prepare)
        add.on_click(safe(self._add_line))
        self._fill_widgets()
        self._safe_update()
        inputs = widgets.VBox(
            [
                widgets.HBox([case, upload]),
                self.widgets["title"],
                note,
                widgets.HTML(f"<b>{html.escape(_('Cost lines (som per year)'))}</b>"),
                self.widgets["lines"],
                add,
                units,
                widgets.HBox([billing, periods]),
                margin_row,
                tax_row,
                collection_row,
            ],
        )
        inputs.add_class("algca-tariff-inputs")
        output = widgets.VBox(
            [result, chart_choice, chart, income, threshold_row, widgets.HBox([prepare, download])],
        )
        output.add_class("algca-tariff-output")
        columns = widgets.Box([inputs, output])
        columns.add_class("algca-columns")
        bar = group_bar(_STATE_NAME, self.work, self.open_group)
        self.root.children = (bar, columns)
        return self.root

    def _safe_update(self) -> None:
        safe(self.update)()


def app(group: str = "") -> widgets.Widget:
    """The tariff calculator in the app frame (title, language picker, calm messages);
    the frame's ``.app`` is the :class:`TariffApp`."""
    calc = TariffApp(build=False, group=group)
    frame = app_frame(lambda: _("Tariff calculator"), calc.build)
    frame.app = frame.tariff_app = calc
    if calc.note:
        show_message(calc.note, frame.message_area, kind="note")
    if calc.calculation is None:  # a saved state that no longer computes: start from a case
        calc.load_case(CASES[1])
        show_message(
            _("The saved calculation could not be restored; a case was loaded instead."),
            frame.message_area,
            kind="note",
        )
    return frame
