"""Tables that show their numbers as people write them.

A :class:`Table` is a pandas table: everything pandas does works on it, and
what is cut or computed from it stays a :class:`Table`.  In a notebook it
shows its amounts with the thousands separated and without exponents
(``1 320 000`` rather than ``1.320000e+06``), in the language chosen with
``toolkit.set_language``: ``1 320 000`` and ``76,92`` in Kyrgyz and Russian,
``1,320,000`` and ``76.92`` in English.  The numbers themselves are not
changed, only the way they are shown:

>>> t = Table({"label": ["Cost", "Tariff"], "amount": [1_200_000.0, 50 / 0.65]})
>>> shown(t, lang="ky")["amount"].tolist()
['1 200 000', '76,92']
>>> shown(t, lang="en")["amount"].tolist()
['1,200,000', '76.92']
>>> float(t["amount"].iloc[1])
76.92307692307692
"""

from __future__ import annotations

import math

import pandas as pd

from toolkit.i18n import format_number, get_language

__all__ = ["Table", "format_amount", "shown"]

#: whole numbers below this are shown as written (years, counts: 2019, 2200)
_GROUP_FROM = 10_000


def format_amount(value, *, group: bool = True, lang: str | None = None) -> str:
    """One number as people write it: no more decimals than it has (two at most,
    four for a share below 1), the thousands separated when ``group``.

    >>> format_amount(1_320_000.0), format_amount(76.923), format_amount(0.65), format_amount(0.016391)
    ('1 320 000', '76,92', '0,65', '0,0164')
    >>> format_amount(2019, group=False, lang="en"), format_amount(float("nan"))
    ('2019', '')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    value = float(value)
    most = 2 if abs(value) >= 1 else 4
    decimals = next(
        (d for d in range(most + 1) if math.isclose(round(value, d), value, abs_tol=1e-9)), most
    )
    text = format_number(value, decimals, lang)
    if not group:
        text = (
            text.replace(",", "").replace(" ", "")
            if (lang or get_language()) == "en"
            else text.replace(" ", "")
        )
    return text


def _is_number_column(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def shown(table: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """A copy of ``table`` with its number columns written out as text, as a notebook shows it.

    A column of whole numbers below 10 000 (years, counts) is left as written.

    >>> shown(pd.DataFrame({"year": [2019, 2020], "cost": [450_000, 1_200_000]}), lang="en")
       year       cost
    0  2019    450,000
    1  2020  1,200,000
    """
    out = pd.DataFrame(table).copy()
    for name in out.columns:
        column = out[name]
        if not isinstance(column, pd.Series) or not _is_number_column(column):
            continue
        big = column.abs().max()
        group = bool(big >= _GROUP_FROM) if pd.notna(big) else False
        out[name] = [format_amount(v, group=group, lang=lang) for v in column]
    return out


class Table(pd.DataFrame):
    """A pandas table that shows its amounts as people write them (see :func:`shown`).

    >>> t = Table({"amount": [450_000.0, 1_320_000.0]})
    >>> "1 320 000" in t._repr_html_() and "e+06" not in t._repr_html_()
    True
    >>> type(t[t["amount"] > 500_000]).__name__
    'Table'
    """

    @property
    def _constructor(self):
        return Table

    def _repr_html_(self) -> str | None:
        return shown(self)._repr_html_()
