"""Tariff calculation: from the cost of a service to the tariff each payer is asked for.

The Chet-Nura action plan (seed 003, task 3.1) asks the working commission to
compute the cost of a service "according to Government Decree No. 83, taking
into account depreciation and profitability", per subscriber and per household,
and to decide who gets a discount.  This module does that arithmetic, one
step at a time, so that every number can be explained at a public hearing.
(The toolkit does not reproduce the decree; read it for the legal rules.)

The build-up, in the order a clerk writes it on a sheet:

1. **direct costs** — wages of the workers, fuel, chemicals, electricity …
2. **overheads** — the share of the office, accountant, phone …
3. **depreciation** — the wear of equipment: price minus salvage value,
   spread evenly over the service life (straight line);
4. **cost** = 1 + 2 + 3;  **profit** = cost × profitability margin;
5. **tax** (where it applies) = (cost + profit) × tax rate;
6. **required revenue** = cost + profit + tax, per year;
7. **tariff** = required revenue ÷ (billing units × periods per year).

Teploklyuchenka's dip bath (illustrative cost lines that give the observed
13 som per head for 18,000 sheep and goats, one dip a year):

>>> dep = depreciation(480_000, 20)                      # the bath, 20 years
>>> revenue = required_revenue(direct=159_000, overheads=12_000, depreciation=dep, margin=0.20)
>>> revenue
234000.0
>>> tariff_per_unit(revenue, 18_000)
13.0

When only 65% of payers pay, the others' money does not come in:

>>> round(tariff_at_collection(50, 0.65), 2)
76.92
>>> cost_recovery(50, 0.65)
0.65

Bad input gets a message in the user's language (here Kyrgyz):

>>> tariff_per_unit(234_000, 0)
Traceback (most recent call last):
...
toolkit.errors.ToolkitError: Төлөм бирдиктеринин саны нөлдөн көп болушу керек, бул жерде: 0.
"""

from __future__ import annotations

import copy
import functools
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.errors import ToolkitError
from toolkit.files import write_atomic
from toolkit.i18n import N_, format_money, format_number, format_percent, get_language, translator
from toolkit.tables import Table, inert
from toolkit.vocabulary import service_label

__all__ = [
    "AFFORDABILITY_THRESHOLD",
    "BILLING_UNITS",
    "CATEGORIES",
    "SENSITIVITY_INPUTS",
    "Affordability",
    "Calculation",
    "Discount",
    "affordability",
    "calculate",
    "case_calculation",
    "case_inputs",
    "case_title",
    "cost_recovery",
    "depreciation",
    "discount",
    "household_income",
    "household_incomes",
    "lease_rent",
    "read_template",
    "required_revenue",
    "scenario_tariffs",
    "scenarios",
    "sensitivity",
    "tariff_at_collection",
    "tariff_per_unit",
    "template_lines",
    "tornado",
]

_ = translator("tariff")

#: Affordability threshold: the share of a household's income that spending on
#: one utility service should not exceed.  A rule of thumb, not a Kyrgyz law:
#: UNDP's Human Development Report 2006 proposed 3% of household income as a
#: benchmark for water, and 3–5% is the range commonly quoted in World Bank and
#: OECD work on water tariffs.  Choose the figure your council agrees on and
#: pass it as ``threshold=``; the toolkit uses the upper end, 5%, by default.
AFFORDABILITY_THRESHOLD = 0.05

#: The kinds of cost line, in the order of the build-up.
CATEGORIES = {
    "direct": N_("Direct costs"),
    "overhead": N_("Overheads"),
    "depreciation": N_("Depreciation"),
}

#: Billing units: what one payment is for.
BILLING_UNITS = {
    "household": N_("per household"),
    "subscriber": N_("per subscriber"),
    "person": N_("per person"),
    "head": N_("per head of livestock"),
    "hectare": N_("per hectare"),
    "m3": N_("per m³"),
}

_PERIODS = {1: N_("per year"), 4: N_("per quarter"), 12: N_("per month")}

#: The kinds of row of the build-up, as the calculation sheet shows them.
_ROW_KINDS = {"line": N_("cost line"), "subtotal": N_("subtotal"), "tariff": N_("tariff")}

#: The inputs a tornado varies, with their labels.
SENSITIVITY_INPUTS = {
    "direct": N_("Direct costs"),
    "overheads": N_("Overheads"),
    "asset_price": N_("Price of equipment"),
    "service_life_years": N_("Service life"),
    "margin": N_("Profitability margin"),
    "tax_rate": N_("Tax rate"),
    "units": N_("Number of payers (units)"),
    "collection_rate": N_("Collection rate"),
}

_MAX_MARGIN = 1.0  # 100%: a higher profitability margin is almost surely a typing slip


# --------------------------------------------------------------------------- checks
def _decimals(share: float) -> int:
    """Decimals needed to write a share as a percentage (0.1 → 0, 0.125 → 1)."""
    return 0 if abs(share * 100 - round(share * 100)) < 1e-9 else 1


def _number(value, what: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ToolkitError(
            _("«{what}» should be a number; got {value!r}.").format(what=what, value=value)
        ) from None
    if not np.isfinite(number):
        raise ToolkitError(
            _("«{what}» should be a number; got {value!r}.").format(what=what, value=value)
        )
    return number


def _check_cost(amount, item: str, **where) -> float:
    amount = _number(amount, item)
    if amount < 0:
        raise ToolkitError(
            _("Cost «{item}» is negative ({amount}). A cost is zero or more.").format(
                item=item, amount=format_number(amount)
            ),
            **where,
        )
    return amount


def _check_units(units, **where) -> float:
    units = _number(units, _("Number of payers (units)"))
    if units <= 0:
        raise ToolkitError(
            _("The number of billing units must be more than zero; got {units}.").format(
                units=format_number(units, 0 if units == int(units) else 2)
            ),
            **where,
        )
    return units


def _check_periods(periods, **where) -> float:
    periods = _number(periods, _("Periods per year"))
    if periods <= 0:
        raise ToolkitError(
            _(
                "The number of payment periods per year must be more than zero (12 for monthly "
                "payments, 1 for yearly); got {periods}."
            ).format(periods=format_number(periods)),
            **where,
        )
    return periods


def _check_collection(rate, **where) -> float:
    rate = _number(rate, _("Collection rate"))
    if not 0 < rate <= 1:
        hint = _(" Write a percentage as a share: 65% is 0.65.") if 1 < rate <= 100 else ""
        raise ToolkitError(
            _("The collection rate must be more than 0 and at most 1 (100%); got {rate}.").format(
                rate=format_number(rate, 2)
            )
            + hint,
            **where,
        )
    return rate


def _check_margin(margin, **where) -> float:
    margin = _number(margin, _("Profitability margin"))
    if not 0 <= margin <= _MAX_MARGIN:
        raise ToolkitError(
            _(
                "A profitability margin of {margin} is not plausible: write it as a share from 0 "
                "to 1 (0.1 for 10%)."
            ).format(margin=format_percent(margin)),
            **where,
        )
    return margin


def _check_tax(rate, **where) -> float:
    rate = _number(rate, _("Tax rate"))
    if not 0 <= rate < 1:
        raise ToolkitError(
            _(
                "A tax rate of {rate} is not plausible: write it as a share from 0 to 1 "
                "(0.12 for 12%)."
            ).format(rate=format_percent(rate)),
            **where,
        )
    return rate


# --------------------------------------------------------------------------- steps
def depreciation(price, life_years, salvage=0.0, *, item: str | None = None) -> float:
    """Yearly depreciation by the straight-line method: ``(price - salvage) / life``.

    A garbage truck of 3.5 million som that serves 7 years and is then sold
    for 350,000 som wears out by 450,000 som a year:

    >>> depreciation(3_500_000, 7, salvage=350_000)
    450000.0
    >>> depreciation(3_500_000, 0)
    Traceback (most recent call last):
    ...
    toolkit.errors.ToolkitError: «Жабдуу»: кызмат мөөнөтү нөлдөн көп болушу керек, бул жерде: 0 жыл.
    """
    item = item or _("Equipment")
    price = _check_cost(price, item)
    salvage = _check_cost(salvage, item)
    life = _number(life_years, _("Service life"))
    if life <= 0:
        raise ToolkitError(
            _("The service life of «{item}» must be more than zero; got {life} years.").format(
                item=item, life=format_number(life)
            )
        )
    if salvage > price:
        raise ToolkitError(
            _("The salvage value of «{item}» ({salvage}) is more than its price ({price}).").format(
                item=item, salvage=format_money(salvage), price=format_money(price)
            )
        )
    return (price - salvage) / life


def required_revenue(
    direct=0.0, overheads=0.0, depreciation=0.0, margin=0.0, tax_rate=0.0
) -> float:
    """The money a service must bring in per year: cost, plus profit, plus tax.

    ``margin`` (profitability) and ``tax_rate`` are shares: 0.1 means 10%.
    Profit is the margin on the cost; tax is on cost plus profit.

    >>> required_revenue(direct=600_000, overheads=150_000, depreciation=450_000, margin=0.10)
    1320000.0
    >>> required_revenue(direct=100, margin=3)
    Traceback (most recent call last):
    ...
    toolkit.errors.ToolkitError: Рентабелдүүлүк 300% болушу мүмкүн эмес: аны 0дөн 1ге чейинки үлүш менен жазыңыз (10% үчүн 0,1).
    """
    cost = (
        _check_cost(direct, _("Direct costs"))
        + _check_cost(overheads, _("Overheads"))
        + _check_cost(depreciation, _("Depreciation"))
    )
    return cost * (1 + _check_margin(margin)) * (1 + _check_tax(tax_rate))


def tariff_per_unit(revenue, units, periods_per_year=1) -> float:
    """The tariff that brings in ``revenue`` a year from ``units`` payers.

    ``periods_per_year`` is 12 for a monthly tariff, 1 for a yearly one.

    >>> tariff_per_unit(1_320_000, 2_200, periods_per_year=12)    # som per household a month
    50.0
    """
    revenue = _check_cost(revenue, _("Required revenue"))
    return revenue / (_check_units(units) * _check_periods(periods_per_year))


def tariff_at_collection(tariff, collection_rate) -> float:
    """The tariff needed when only a share of the bills is paid.

    With 65% of households paying, a service that needs 50 som from everyone
    must ask 50 / 0.65 ≈ 76.9 som — or raise collection.

    >>> tariff_at_collection(50, 1.0)
    50.0
    >>> tariff_at_collection(50, 65)
    Traceback (most recent call last):
    ...
    toolkit.errors.ToolkitError: Төлөмдөрдү чогултуу деңгээли 0дөн чоң жана 1ден (100%) ашпашы керек, бул жерде: 65,00. Пайызды үлүш менен жазыңыз: 65% бул 0,65.
    """
    return _check_cost(tariff, _("Tariff")) / _check_collection(collection_rate)


def cost_recovery(tariff, collection_rate=1.0, *, required_tariff=None) -> float:
    """The share of the required revenue a tariff actually brings in.

    ``required_tariff`` is the tariff that covers the full cost at 100%
    collection (by default the tariff itself).  1.0 means the cost is covered;
    0.65 means a third of the cost is missing.

    >>> cost_recovery(50, 0.65)
    0.65
    >>> round(cost_recovery(50, 0.65, required_tariff=60), 3)
    0.542
    """
    tariff = _check_cost(tariff, _("Tariff"))
    required = tariff if required_tariff is None else _check_cost(required_tariff, _("Tariff"))
    if required == 0:
        raise ToolkitError(_("The required tariff is zero: there is no cost to recover."))
    return tariff * _check_collection(collection_rate) / required


@dataclass(frozen=True)
class Affordability:
    """How heavy a bill is for a household: ``share`` of the income against ``threshold``."""

    bill: float
    income: float
    share: float
    threshold: float

    @property
    def affordable(self) -> bool:
        """Whether the bill stays within the threshold."""
        return self.share <= self.threshold

    @property
    def verdict(self) -> str:
        """``"affordable"`` or ``"not affordable"`` (the words an exercise expects)."""
        return "affordable" if self.affordable else "not affordable"

    def message(self) -> str:
        """The verdict as a sentence in the user's language."""
        text = (
            _(
                "The bill of {bill} is {share} of the income of {income}: within the threshold of {threshold}."
            )
            if self.affordable
            else _(
                "The bill of {bill} is {share} of the income of {income}: above the threshold of {threshold}."
            )
        )
        return text.format(
            bill=format_money(self.bill, 0 if float(self.bill).is_integer() else 2),
            share=format_percent(self.share, 2),
            income=format_money(self.income),
            threshold=format_percent(self.threshold, _decimals(self.threshold)),
        )


def affordability(bill, income, threshold=AFFORDABILITY_THRESHOLD) -> Affordability:
    """Compare a monthly bill with a monthly household income.

    ``threshold`` is the share of income a council considers the most a
    household should pay for this service (5% by default).  The usual 3–5% is
    an international rule of thumb, not a Kyrgyz norm: UNDP's Human Development
    Report 2006 proposed 3% of household income for water, and 3–5% is the
    range commonly quoted in World Bank and OECD work on water tariffs.  Pass
    the figure your council agrees on.

    >>> a = affordability(77, 15_000)
    >>> round(a.share, 4), a.verdict
    (0.0051, 'affordable')
    >>> affordability(900, 15_000, threshold=0.05).verdict
    'not affordable'
    """
    bill = _check_cost(bill, _("Tariff"))
    income = _number(income, _("Household income"))
    if income <= 0:
        raise ToolkitError(
            _("The household income must be more than zero; got {income}.").format(
                income=format_money(income)
            )
        )
    threshold = _number(threshold, _("Affordability threshold"))
    if not 0 < threshold < 1:
        raise ToolkitError(
            _(
                "The affordability threshold is a share of income between 0 and 1 (0.05 for 5%); "
                "got {threshold}."
            ).format(threshold=format_number(threshold, 2))
        )
    return Affordability(bill, income, bill / income, threshold)


@dataclass(frozen=True)
class Discount:
    """Tariffs after a social discount: ``full`` for most payers, ``discounted`` for the others."""

    full: float
    discounted: float
    share: float
    rate: float


def discount(tariff, share, rate) -> Discount:
    """Give ``share`` of the payers a discount of ``rate`` and keep the revenue the same.

    The others then pay ``tariff / (1 - share × rate)``.  Ten percent of the
    households (pensioners, large families) paying half of a 50 som tariff:

    >>> d = discount(50, share=0.10, rate=0.5)
    >>> round(d.full, 2), round(d.discounted, 2)
    (52.63, 26.32)
    """
    tariff = _check_cost(tariff, _("Tariff"))
    share = _number(share, _("Share of payers with a discount"))
    rate = _number(rate, _("Discount"))
    if not 0 <= share <= 1 or not 0 <= rate <= 1:
        raise ToolkitError(
            _(
                "The share of payers with a discount and the discount are shares from 0 to 1 "
                "(0.1 for 10%); got {share} and {rate}."
            ).format(share=format_number(share, 2), rate=format_number(rate, 2))
        )
    if share * rate >= 1:
        raise ToolkitError(
            _("If everybody is exempt, nobody pays: the discount cannot cover all payers in full.")
        )
    full = tariff / (1 - share * rate)
    return Discount(full, full * (1 - rate), share, rate)


def lease_rent(price, life_years, salvage=0.0, periods_per_year=12) -> float:
    """Rent for leasing municipal property, equal to its depreciation.

    Chet-Nura's plan (seed 003, activity 5.5) leases municipal property "with a
    monthly rent equal to the depreciation of the municipal property": the
    municipality keeps the value of what it owns, and the tenant pays no more.

    >>> lease_rent(2_400_000, 20)         # a water network, rent per month
    10000.0
    """
    return depreciation(price, life_years, salvage) / _check_periods(periods_per_year)


# --------------------------------------------------------------------------- the sheet
_LINE_COLUMNS = [
    "line_id",
    "category",
    "label",
    "amount",
    "asset_price",
    "service_life_years",
    "salvage_value",
]


def template_lines() -> pd.DataFrame:
    """An empty table of cost lines, with the columns :func:`calculate` reads.

    ``amount`` is a yearly cost in som (direct and overhead lines);
    depreciation lines give ``asset_price``, ``service_life_years`` and
    ``salvage_value`` instead.

    >>> list(template_lines().columns)
    ['line_id', 'category', 'label', 'amount', 'asset_price', 'service_life_years', 'salvage_value']
    """
    return pd.DataFrame(
        {
            c: pd.Series(dtype="object" if c in ("line_id", "category", "label") else "float")
            for c in _LINE_COLUMNS
        }
    )


def _clean_lines(lines, file=None) -> pd.DataFrame:
    if isinstance(lines, Mapping):
        lines = pd.DataFrame(lines)
    if not isinstance(lines, pd.DataFrame):
        raise ToolkitError(
            _("Cost lines should be a table with the columns {columns}.").format(
                columns=", ".join(_LINE_COLUMNS)
            )
        )
    missing = [c for c in ("category", "label") if c not in lines.columns]
    if missing:
        raise ToolkitError(
            _("The table of cost lines has no column {columns}.").format(
                columns=", ".join(f"«{c}»" for c in missing)
            ),
            file=file,
        )
    out = lines.copy().reset_index(drop=True)
    for c in _LINE_COLUMNS:
        if c not in out.columns:
            out[c] = np.nan
    out = out[_LINE_COLUMNS]
    out["line_id"] = (
        out["line_id"]
        .where(out["line_id"].notna(), pd.Series([f"line-{i + 1}" for i in range(len(out))]))
        .astype(str)
    )
    out["label"] = out["label"].fillna("").astype(str)
    out["category"] = out["category"].fillna("").astype(str).str.strip().str.lower()
    annual = []
    for i, row in out.iterrows():
        where = {"file": file, "row": i + 2} if file else {"row": i + 2}
        label = row["label"] or row["line_id"]
        if row["category"] not in CATEGORIES:
            raise ToolkitError(
                _("Line «{item}» has the kind {kind!r}; expected one of: {choices}.").format(
                    item=label, kind=row["category"], choices=", ".join(CATEGORIES)
                ),
                column="category",
                **where,
            )
        if row["category"] == "depreciation":
            for col in ("asset_price", "service_life_years"):
                if pd.isna(row[col]):
                    raise ToolkitError(
                        _(
                            "Depreciation line «{item}» needs the price of the equipment and its "
                            "service life."
                        ).format(item=label),
                        column=col,
                        **where,
                    )
            try:
                annual.append(
                    depreciation(
                        row["asset_price"],
                        row["service_life_years"],
                        0.0 if pd.isna(row["salvage_value"]) else row["salvage_value"],
                        item=label,
                    )
                )
            except ToolkitError as err:
                raise ToolkitError(err.message, column="asset_price", **where) from None
        else:
            amount = 0.0 if pd.isna(row["amount"]) else row["amount"]
            annual.append(_check_cost(amount, label, column="amount", **where))
    out["annual"] = np.array(annual, dtype=float)
    return out


@dataclass
class Calculation:
    """A complete tariff calculation: cost lines in, every intermediate figure out.

    Make one with :func:`calculate` or :func:`case_calculation`; look at
    :meth:`build_up`, draw it with ``toolkit.charts.tariff``, save it with
    :meth:`to_xlsx`.
    """

    lines: pd.DataFrame
    units: float
    billing_unit: str = "household"
    periods_per_year: float = 12
    margin: float = 0.0
    tax_rate: float = 0.0
    collection_rate: float = 1.0
    title: str = ""
    notes: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.lines = Table(self.lines)  # shown as people write amounts
        categories = self.lines["category"].to_numpy()
        annual = self.lines["annual"].to_numpy(dtype=float)
        self._sums = {c: float(annual[categories == c].sum()) for c in CATEGORIES}

    def _sum(self, category: str) -> float:
        return self._sums[category]

    @property
    def direct(self) -> float:
        """Direct costs per year."""
        return self._sum("direct")

    @property
    def overheads(self) -> float:
        """Overheads per year."""
        return self._sum("overhead")

    @property
    def depreciation(self) -> float:
        """Depreciation per year."""
        return self._sum("depreciation")

    @property
    def cost(self) -> float:
        """Full cost per year (direct + overheads + depreciation)."""
        return self.direct + self.overheads + self.depreciation

    @property
    def profit(self) -> float:
        """Profit per year: the margin on the cost."""
        return self.cost * self.margin

    @property
    def tax(self) -> float:
        """Tax per year, on cost plus profit."""
        return (self.cost + self.profit) * self.tax_rate

    @property
    def required_revenue(self) -> float:
        """The money the service must bring in per year."""
        return self.cost + self.profit + self.tax

    @property
    def tariff(self) -> float:
        """The tariff per unit and period that covers the cost when everybody pays."""
        return self.required_revenue / (self.units * self.periods_per_year)

    @property
    def tariff_needed(self) -> float:
        """The tariff that covers the cost at the actual collection rate."""
        return self.tariff / self.collection_rate

    def per_label(self) -> str:
        """What one tariff is paid for: "per household per month", in the user's language."""
        unit = _(BILLING_UNITS.get(self.billing_unit, self.billing_unit))
        periods = float(self.periods_per_year)
        if periods == 1 and self.billing_unit in ("head", "hectare", "m3"):
            return unit
        period = (
            _(_PERIODS[int(periods)])
            if periods.is_integer() and int(periods) in _PERIODS
            else (_("{n} times a year").format(n=format_number(periods)))
        )
        return _("{unit} {period}").format(unit=unit, period=period)

    def unit_label(self) -> str:
        """E.g. "som per household per month", in the user's language."""
        return _("som {unit}").format(unit=self.per_label())

    def recovery(self, tariff: float) -> float:
        """The share of the required revenue that ``tariff`` brings in at this collection rate."""
        return cost_recovery(tariff, self.collection_rate, required_tariff=self.tariff)

    def build_up(self) -> pd.DataFrame:
        """The steps from the cost lines to the tariff, as a table (in the user's language).

        Columns: ``step`` (a stable id), ``label``, ``amount`` (som per year, or
        som per unit for the tariff rows), ``kind`` (``line``, ``subtotal``,
        ``tariff``).  In a notebook the amounts are shown as people write them
        (a :class:`toolkit.tables.Table`):

        >>> calc = calculate({"category": ["direct"], "label": ["Fuel"], "amount": [1_200_000]}, units=26_000)
        >>> table = calc.build_up()
        >>> float(table["amount"].iloc[-1])
        3.8461538461538463
        >>> from toolkit.tables import shown
        >>> shown(table)["amount"].tolist()
        ['1 200 000', '1 200 000', '1 200 000', '3,85']
        """
        rows = []
        for _i, line in self.lines.iterrows():
            rows.append((line["line_id"], line["label"] or line["line_id"], line["annual"], "line"))
        rows.append(("cost", _("Cost"), self.cost, "subtotal"))
        if self.margin:
            rows.append(
                (
                    "profit",
                    _("Profit ({margin})").format(
                        margin=format_percent(self.margin, _decimals(self.margin))
                    ),
                    self.profit,
                    "line",
                )
            )
        if self.tax_rate:
            rows.append(
                (
                    "tax",
                    _("Tax ({rate})").format(rate=format_percent(self.tax_rate)),
                    self.tax,
                    "line",
                )
            )
        rows.append(
            ("required_revenue", _("Required revenue per year"), self.required_revenue, "subtotal")
        )
        rows.append(("tariff", _("Tariff at full collection"), self.tariff, "tariff"))
        if self.collection_rate < 1:
            rows.append(
                (
                    "tariff_needed",
                    _("Tariff needed at {rate} collection").format(
                        rate=format_percent(self.collection_rate)
                    ),
                    self.tariff_needed,
                    "tariff",
                )
            )
        return Table(rows, columns=["step", "label", "amount", "kind"])

    def summary(self) -> dict:
        """The key figures as ``{name: value}``.

        >>> calc = calculate({"category": ["direct"], "label": ["Fuel"], "amount": [1200]}, units=10)
        >>> calc.summary()["tariff"]
        10.0
        """
        return {
            "direct": self.direct,
            "overheads": self.overheads,
            "depreciation": self.depreciation,
            "cost": self.cost,
            "margin": self.margin,
            "profit": self.profit,
            "tax_rate": self.tax_rate,
            "tax": self.tax,
            "required_revenue": self.required_revenue,
            "units": self.units,
            "billing_unit": self.billing_unit,
            "periods_per_year": self.periods_per_year,
            "tariff": self.tariff,
            "collection_rate": self.collection_rate,
            "tariff_needed": self.tariff_needed,
        }

    def scenario(self) -> pd.DataFrame:
        """This calculation as one row of the table :func:`scenario_tariffs` reads."""
        dep = self.lines[self.lines["category"] == "depreciation"]
        price = float(dep["asset_price"].sum())
        salvage = float(dep["salvage_value"].fillna(0).sum())
        life = (price - salvage) / self.depreciation if self.depreciation else 1.0
        return Table(
            [
                {
                    "direct": self.direct,
                    "overheads": self.overheads,
                    "asset_price": price,
                    "salvage_value": salvage,
                    "service_life_years": life,
                    "margin": self.margin,
                    "tax_rate": self.tax_rate,
                    "units": self.units,
                    "periods_per_year": self.periods_per_year,
                    "collection_rate": self.collection_rate,
                }
            ]
        )

    def write_xlsx(self, path: str | Path) -> Path:
        """Write the calculation sheet (see :meth:`to_xlsx`) to ``path``; return where it is.

        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> case_calculation("chet-nura", "drinking-water").write_xlsx(folder / "water.xlsx").name
        'water.xlsx'
        """
        path = Path(path)
        self.to_xlsx(path)
        return path

    def to_xlsx(self, path: str | Path | None = None) -> bytes:
        """The calculation sheet as an Excel workbook (bytes; also written to ``path`` if given).

        Sheets: the build-up, the inputs (cost lines, which :func:`read_template`
        reads back) and the settings.  Kyrgyz letters are kept as they are.
        """
        buf = io.BytesIO()
        settings = pd.DataFrame(
            {
                "setting": [
                    "units",
                    "billing_unit",
                    "periods_per_year",
                    "margin",
                    "tax_rate",
                    "collection_rate",
                    "title",
                    "language",
                ],
                "value": [
                    self.units,
                    self.billing_unit,
                    self.periods_per_year,
                    self.margin,
                    self.tax_rate,
                    self.collection_rate,
                    self.title,
                    get_language(),
                ],
            }
        )
        sheet = self.build_up().drop(columns="step")
        sheet["kind"] = [_(_ROW_KINDS.get(kind, kind)) for kind in sheet["kind"]]
        sheet.columns = [_("Step"), _("Amount, som"), _("Kind")]
        with pd.ExcelWriter(buf, engine="openpyxl") as writer:
            inert(sheet).to_excel(writer, sheet_name="calculation", index=False)
            inert(self.lines[_LINE_COLUMNS]).to_excel(writer, sheet_name="inputs", index=False)
            inert(settings).to_excel(writer, sheet_name="settings", index=False)
            ws = writer.sheets["calculation"]
            ws.column_dimensions["A"].width = 48
            ws.column_dimensions["B"].width = 18
            ws.column_dimensions["C"].width = 12
            if self.title:
                ws.insert_rows(1)
                ws["A1"] = f"{self.title} — {self.unit_label()}"
        data = buf.getvalue()
        if path is not None:
            write_atomic(path, data)  # the folder (e.g. the notebook's outputs/) is made
        return data


def calculate(
    lines,
    units,
    *,
    billing_unit="household",
    periods_per_year=12,
    margin=0.0,
    tax_rate=0.0,
    collection_rate=1.0,
    title="",
    file=None,
) -> Calculation:
    """Check the cost lines and settings and build a :class:`Calculation`.

    ``lines`` is a table (or a dictionary of columns) with ``category``
    (``direct``, ``overhead`` or ``depreciation``), ``label``, and either
    ``amount`` (som per year) or ``asset_price``, ``service_life_years`` and
    ``salvage_value``.

    >>> lines = {"category": ["direct", "overhead", "depreciation"],
    ...          "label": ["Wages", "Office", "Garbage truck"],
    ...          "amount": [600_000, 150_000, None],
    ...          "asset_price": [None, None, 3_500_000],
    ...          "service_life_years": [None, None, 7],
    ...          "salvage_value": [None, None, 350_000]}
    >>> calc = calculate(lines, units=2_200, margin=0.10)
    >>> calc.depreciation, calc.required_revenue, calc.tariff
    (450000.0, 1320000.0, 50.0)
    >>> calc.unit_label()
    'бир үй чарбасынан айына сом'
    """
    if billing_unit not in BILLING_UNITS:
        raise ToolkitError(
            _("Unknown billing unit {unit!r}; expected one of: {choices}.").format(
                unit=billing_unit, choices=", ".join(BILLING_UNITS)
            )
        )
    return Calculation(
        lines=_clean_lines(lines, file=file),
        units=_check_units(units),
        billing_unit=billing_unit,
        periods_per_year=_check_periods(periods_per_year),
        margin=_check_margin(margin),
        tax_rate=_check_tax(tax_rate),
        collection_rate=_check_collection(collection_rate),
        title=title,
    )


# --------------------------------------------------------------------------- case data
def _table(name: str, case_id: str) -> pd.DataFrame:
    """A table of a case, read and checked by :func:`toolkit.cases.load_case`: a mistake in
    the data stops here with its message (file, row, column), never a silent guess."""
    from toolkit.cases import load_case

    return load_case(case_id)[name]


def case_inputs(case_id: str, service_id: str) -> dict:
    """The inputs of a case's service as plain data: the cost lines (with their
    labels in every language) and the settings, ready for :func:`calculate` or an app.

    >>> inputs = case_inputs("teploklyuchenka", "waste")
    >>> inputs["units"], inputs["collection_rate"], inputs["margin"]
    (2200.0, 0.65, 0.1)
    >>> inputs["lines"][0]["labels"]["ky"]
    'Таштанды ташуучу унаанын эскириши'
    """
    return copy.deepcopy(_case_inputs(case_id, service_id))


@functools.lru_cache(maxsize=32)
def _case_inputs(case_id: str, service_id: str) -> dict:
    """Read once per session: the case data do not change while an app runs."""
    lines = _table("cost_lines", case_id)
    lines = lines[lines["service_id"] == service_id]
    facts = _table("billing_units", case_id)
    facts = facts[facts["service_id"] == service_id].set_index("measure")
    if lines.empty or "units" not in facts.index:
        raise ToolkitError(
            _("There are no cost lines for the service {service!r} of {case!r}.").format(
                service=service_id, case=case_id
            )
        )
    rates = lines.set_index("category")["rate"]
    costs = lines[lines["category"].isin(list(CATEGORIES))]

    def number(value):
        return None if pd.isna(value) else float(value)

    def fact(measure, default):
        return float(facts.at[measure, "value"]) if measure in facts.index else default

    try:
        names = _table("cases", case_id).iloc[0]
        case_names = {lang: str(names[f"name_{lang}"]) for lang in ("ky", "ru", "en")}
    except (ToolkitError, KeyError, IndexError):
        case_names = dict.fromkeys(("ky", "ru", "en"), case_id)
    return {
        "case_id": case_id,
        "service_id": service_id,
        "case_names": case_names,
        "lines": [
            {
                "line_id": str(row["line_id"]),
                "category": str(row["category"]),
                "labels": {lang: str(row[f"label_{lang}"]) for lang in ("ky", "ru", "en")},
                "amount": number(row["amount"]),
                "asset_price": number(row["asset_price"]),
                "service_life_years": number(row["service_life_years"]),
                "salvage_value": number(row["salvage_value"]),
            }
            for _i, row in costs.iterrows()
        ],
        "units": fact("units", None),
        "billing_unit": str(facts.at["units", "billing_unit"]),
        "periods_per_year": fact("periods_per_year", 12.0),
        "collection_rate": fact("collection_rate", 1.0),
        "observed_tariff": fact("observed_tariff", None),
        "margin": float(rates.get("margin", 0.0)),
        "tax_rate": float(rates.get("tax", 0.0)),
        "notes": [str(n) for n in lines["note"].dropna().unique()],
    }


def household_incomes(case_id: str) -> pd.DataFrame:
    """The (illustrative) monthly incomes of typical households of a case.

    >>> household_incomes("teploklyuchenka")[["household_type", "monthly_income"]].values.tolist()
    [['average', 25000.0], ['low-income', 9000.0]]
    """
    table = _table("household_income", case_id)
    table = table[["case_id", "household_type", "monthly_income", "kind", "note"]].reset_index(
        drop=True
    )
    return table.astype({"monthly_income": float})


def household_income(case, household_type: str) -> float:
    """The monthly income of one kind of household of a case (``case``: a case or its id).

    >>> household_income("teploklyuchenka", "low-income")
    9000.0
    >>> household_income("teploklyuchenka", "rich")
    Traceback (most recent call last):
    ...
    toolkit.errors.ToolkitError: ...«rich»...
    """
    case_id = getattr(case, "case_id", case)
    incomes = household_incomes(case_id)
    found = incomes.loc[incomes["household_type"] == household_type, "monthly_income"]
    if found.empty:
        raise ToolkitError(
            _("The case «{case}» has no household «{household}». Its households: {known}.").format(
                case=case_id, household=household_type, known=", ".join(incomes["household_type"])
            )
        )
    return float(found.iloc[0])


def case_title(inputs: Mapping) -> str:
    """The title of a case's service in the user's language: "Teploklyuchenka: Waste collection".

    >>> case_title(case_inputs("chet-nura", "drinking-water"))
    'Чет-Нура: Ичүүчү суу'
    """
    lang = get_language()
    name = inputs.get("case_names", {}).get(lang, inputs.get("case_id", ""))
    service = inputs.get("service_id", "")
    return f"{name}: {service_label(service)}"


def case_calculation(case_id: str, service_id: str) -> Calculation:
    """The tariff calculation of a case's service, from the illustrative cost lines
    and the observed figures of the datasets.

    >>> dip = case_calculation("teploklyuchenka", "dip-bath")
    >>> dip.units, dip.tariff
    (18000.0, 13.0)
    >>> waste = case_calculation("teploklyuchenka", "waste")
    >>> round(waste.tariff, 2), waste.collection_rate, round(waste.tariff_needed, 2)
    (50.0, 0.65, 76.92)
    """
    inputs = case_inputs(case_id, service_id)
    lang = get_language()
    lines = pd.DataFrame(
        [
            {**{k: v for k, v in line.items() if k != "labels"}, "label": line["labels"][lang]}
            for line in inputs["lines"]
        ]
    )
    calc = calculate(
        lines,
        units=inputs["units"],
        billing_unit=inputs["billing_unit"],
        periods_per_year=inputs["periods_per_year"],
        collection_rate=inputs["collection_rate"],
        margin=inputs["margin"],
        tax_rate=inputs["tax_rate"],
        title=case_title(inputs),
    )
    calc.notes = inputs["notes"]
    return calc


def read_template(source, *, file: str | None = None) -> Calculation:
    """Read a filled template: an XLSX with the sheets ``inputs`` (cost lines)
    and ``settings`` (``setting``/``value`` rows), as :meth:`Calculation.to_xlsx` writes.

    >>> calc = case_calculation("teploklyuchenka", "waste")
    >>> again = read_template(calc.to_xlsx())
    >>> again.tariff == calc.tariff
    True
    """
    if isinstance(source, (bytes, bytearray)):
        source = io.BytesIO(source)
    name = file or (str(source) if isinstance(source, (str, Path)) else _("template"))
    try:
        sheets = pd.read_excel(source, sheet_name=None, engine="openpyxl")
    except Exception:  # noqa: BLE001 - any unreadable file gets the same plain message
        raise ToolkitError(
            _("This file could not be read as an Excel (XLSX) template."), file=name
        ) from None
    if "inputs" not in sheets or "settings" not in sheets:
        raise ToolkitError(
            _("The template needs the sheets {sheets}.").format(sheets="«inputs», «settings»"),
            file=name,
        )
    settings = sheets["settings"]
    if not {"setting", "value"} <= set(settings.columns):
        raise ToolkitError(
            _("The sheet {sheet} needs the columns {columns}.").format(
                sheet="«settings»", columns="«setting», «value»"
            ),
            file=name,
        )
    s = dict(zip(settings["setting"].astype(str), settings["value"], strict=False))

    def get(key, default):
        value = s.get(key, default)
        return default if value is None or (isinstance(value, float) and np.isnan(value)) else value

    return calculate(
        sheets["inputs"],
        units=get("units", 0),
        billing_unit=str(get("billing_unit", "household")),
        periods_per_year=get("periods_per_year", 12),
        margin=get("margin", 0.0),
        tax_rate=get("tax_rate", 0.0),
        collection_rate=get("collection_rate", 1.0),
        title=str(get("title", "")),
        file=name,
    )


# --------------------------------------------------------------------------- scenarios
_SCENARIO_COLUMNS = [
    "direct",
    "overheads",
    "asset_price",
    "salvage_value",
    "service_life_years",
    "margin",
    "tax_rate",
    "units",
    "periods_per_year",
    "collection_rate",
]
_DEFAULTS = {
    "overheads": 0.0,
    "asset_price": 0.0,
    "salvage_value": 0.0,
    "service_life_years": 1.0,
    "margin": 0.0,
    "tax_rate": 0.0,
    "periods_per_year": 1.0,
    "collection_rate": 1.0,
}


def _scenario_arrays(table: pd.DataFrame) -> dict[str, np.ndarray]:
    missing = [c for c in ("direct", "units") if c not in table.columns]
    if missing:
        raise ToolkitError(
            _("The table of scenarios has no column {columns}.").format(
                columns=", ".join(f"«{c}»" for c in missing)
            )
        )
    n = len(table)
    arrays = {}
    for c in _SCENARIO_COLUMNS:
        if c in table.columns:
            arrays[c] = pd.to_numeric(table[c], errors="coerce").to_numpy(dtype=float)
        else:
            arrays[c] = np.full(n, _DEFAULTS[c])
    rules = [
        ("direct", arrays["direct"] < 0, _("A cost is zero or more.")),
        ("overheads", arrays["overheads"] < 0, _("A cost is zero or more.")),
        ("asset_price", arrays["asset_price"] < 0, _("A cost is zero or more.")),
        (
            "salvage_value",
            (arrays["salvage_value"] < 0) | (arrays["salvage_value"] > arrays["asset_price"]),
            _("The salvage value is from zero to the price of the equipment."),
        ),
        (
            "service_life_years",
            arrays["service_life_years"] <= 0,
            _("The service life must be more than zero."),
        ),
        (
            "margin",
            (arrays["margin"] < 0) | (arrays["margin"] > _MAX_MARGIN),
            _("The margin is a share from 0 to 1 (0.1 for 10%)."),
        ),
        (
            "tax_rate",
            (arrays["tax_rate"] < 0) | (arrays["tax_rate"] >= 1),
            _("The tax rate is a share from 0 to 1 (0.12 for 12%)."),
        ),
        ("units", arrays["units"] <= 0, _("The number of billing units must be more than zero.")),
        (
            "periods_per_year",
            arrays["periods_per_year"] <= 0,
            _("The periods per year must be more than zero."),
        ),
        (
            "collection_rate",
            (arrays["collection_rate"] <= 0) | (arrays["collection_rate"] > 1),
            _("The collection rate is more than 0 and at most 1."),
        ),
    ]
    for column, bad, message in rules:
        bad = bad | np.isnan(arrays[column])
        if bad.any():
            raise ToolkitError(message, row=int(np.argmax(bad)) + 2, column=column)
    return arrays


def _tariffs(a: Mapping[str, np.ndarray]) -> np.ndarray:
    dep = (a["asset_price"] - a["salvage_value"]) / a["service_life_years"]
    revenue = (a["direct"] + a["overheads"] + dep) * (1 + a["margin"]) * (1 + a["tax_rate"])
    return revenue / (a["units"] * a["periods_per_year"] * a["collection_rate"])


def scenario_tariffs(table: pd.DataFrame) -> pd.Series:
    """The tariff needed (at each row's collection rate) for many scenarios at once.

    Columns: ``direct``, ``units`` and optionally ``overheads``,
    ``asset_price``, ``salvage_value``, ``service_life_years``, ``margin``,
    ``tax_rate``, ``periods_per_year``, ``collection_rate``.  No loop over the
    rows: the whole column is computed in one step.

    >>> t = pd.DataFrame({"direct": [1200, 1200], "units": [10, 10], "collection_rate": [1, 0.5]})
    >>> scenario_tariffs(t).tolist()
    [120.0, 240.0]
    """
    return pd.Series(_tariffs(_scenario_arrays(table)), index=table.index, name="tariff")


def scenarios(calculation: Calculation, **changes) -> Table:
    """The tariff of a calculation when some of its inputs change: one row per scenario.

    Each keyword is an input of :meth:`Calculation.scenario` with one value per scenario.

    >>> water = case_calculation("chet-nura", "drinking-water")
    >>> table = scenarios(water, units=[1_000, 1_400], collection_rate=[0.7, 0.95])
    >>> table.columns.tolist(), bool(table["tariff"].iloc[0] > table["tariff"].iloc[1])
    (['units', 'collection_rate', 'tariff'], True)
    """
    base = calculation.scenario()
    unknown = [name for name in changes if name not in base.columns]
    if unknown:
        raise ToolkitError(
            _("«{name}» is not an input of the calculation. Its inputs: {inputs}.").format(
                name=unknown[0], inputs=", ".join(base.columns)
            )
        )
    sizes = {len(values) for values in changes.values()}
    if len(sizes) > 1:
        raise ToolkitError(
            _("Give the same number of values for each input ({inputs}).").format(
                inputs=", ".join(changes)
            )
        )
    table = pd.concat([base] * (sizes.pop() if sizes else 1), ignore_index=True)
    for name, values in changes.items():
        table[name] = list(values)
    return Table(table.assign(tariff=scenario_tariffs(table))[[*changes, "tariff"]])


def sensitivity(table: pd.DataFrame, change: float = 0.2, inputs=None) -> pd.DataFrame:
    """How much each input moves the tariff, for every scenario of ``table``.

    Each input is moved down and up by ``change`` (0.2 = ±20%) while the others
    stay; a collection rate is kept within (0, 1].  The result has one row per
    scenario and the columns ``base`` and ``(input, "low")``, ``(input, "high")``.

    >>> t = pd.DataFrame({"direct": [1200.0], "units": [10.0]})
    >>> s = sensitivity(t, 0.2, inputs=["direct", "units"])
    >>> s.loc[0, [("direct", "low"), ("direct", "high"), ("units", "high")]].tolist()
    [96.0, 144.0, 100.0]
    """
    change = _number(change, _("Change"))
    if not 0 < change < 1:
        raise ToolkitError(
            _("The change for the sensitivity test is a share between 0 and 1 (0.2 for ±20%).")
        )
    arrays = _scenario_arrays(table)
    names = list(inputs or SENSITIVITY_INPUTS)
    unknown = [n for n in names if n not in arrays]
    if unknown:
        raise ToolkitError(
            _("The table of scenarios has no column {columns}.").format(
                columns=", ".join(f"«{c}»" for c in unknown)
            )
        )
    # whole columns at a time: one evaluation per input and side, never a loop over scenarios
    results = [_tariffs(arrays)]
    for name in names:
        for factor in (1 - change, 1 + change):
            moved = arrays[name] * factor
            if name == "collection_rate":
                moved = np.minimum(moved, 1.0)
            variant = {**arrays, name: moved}
            if name == "asset_price":  # the salvage value cannot exceed the new price
                variant["salvage_value"] = np.minimum(arrays["salvage_value"], moved)
            results.append(_tariffs(variant))
    result = np.column_stack(results)
    columns = pd.MultiIndex.from_tuples(
        [("base", "")] + [(nm, side) for nm in names for side in ("low", "high")]
    )
    return pd.DataFrame(result, index=table.index, columns=columns)


def tornado(calc: Calculation, change: float = 0.2) -> pd.DataFrame:
    """The tornado table of one calculation: each input's low and high tariff, widest swing first.

    >>> calc = case_calculation("teploklyuchenka", "waste")
    >>> t = tornado(calc)
    >>> sorted(t["input"][:2])        # fewer payers and lower collection weigh the same
    ['collection_rate', 'units']
    >>> t.set_index("input").loc["units", ["tariff_low", "tariff_high"]].round(2).tolist()
    [96.15, 64.1]
    """
    row = calc.scenario()
    names = [n for n in SENSITIVITY_INPUTS if float(row[n].iloc[0]) != 0]
    if calc.depreciation == 0:
        names = [n for n in names if n != "service_life_years"]
    s = sensitivity(row, change, inputs=names)
    out = pd.DataFrame(
        {
            "input": names,
            "label": [_(SENSITIVITY_INPUTS[n]) for n in names],
            "tariff_low": [float(s[(n, "low")].iloc[0]) for n in names],
            "tariff_high": [float(s[(n, "high")].iloc[0]) for n in names],
        }
    )
    out["base"] = float(s[("base", "")].iloc[0])
    out["swing"] = (out["tariff_high"] - out["tariff_low"]).abs()
    return out.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)
