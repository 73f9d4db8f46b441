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

It also speaks the lesson's language: the column headers and the ids in the
cells (``drinking-water``, ``observed``, ``True``) are shown translated, while
the data keep their ids, so that a program can still use them.  :func:`show`
turns any pandas table (or a column of counts) into such a table:

>>> counted = show(pd.DataFrame({"item": ["drinking-water"], "points": [20], "kind": ["observed"]}))
>>> labelled(counted, lang="ru").columns.tolist()
['Услуга', 'Баллы', 'Тип данных']
>>> labelled(counted, lang="ru").iloc[0].tolist()
['Питьевая вода', '20', 'из источника']
>>> counted["item"].tolist()
['drinking-water']
"""

from __future__ import annotations

import importlib
import json
import math
from functools import cache
from pathlib import Path

import pandas as pd

from toolkit.i18n import N_, catalog, format_number, get_language, translator

__all__ = [
    "COLUMNS",
    "Table",
    "FORMULA_STARTS",
    "format_amount",
    "header",
    "inert",
    "inert_cell",
    "labelled",
    "show",
    "shown",
    "uninert_cell",
    "value_label",
]

_ = translator("core")

#: Headers of the columns the toolkit computes.  The columns of the case tables
#: take their headers from the titles of the data package's fields.
COLUMNS: dict[str, str] = {
    "name": N_("Name"),
    "problems": N_("Problems"),
    "cards": N_("Cards"),
    "written_on": N_("Written on"),
    "decided_by": N_("Decided by"),
    "step": N_("Step"),
    "no": N_("No."),
    "task_no": N_("Task No."),
    "task": N_("Task"),
    "activities": N_("Activities"),
    "percent_done": N_("Done, %"),
    "product": N_("Product"),
    "description": N_("Description"),
    "rank": N_("Place"),
    "item": N_("Service"),
    "points": N_("Points"),
    "supporters": N_("Supporters"),
    "tied": N_("Tied"),
    "count": N_("Count"),
    "card_id": N_("Card"),
    "group": N_("Group"),
    "groups": N_("Groups"),
    "village": N_("Village"),
    "villages": N_("Villages"),
    "service": N_("Service"),
    "service_name": N_("Service"),
    "text": N_("Text"),
    "author": N_("Author"),
    "authors": N_("Authors"),
    "merged_from": N_("Merged from"),
    "agree": N_("Agree"),
    "question": N_("Question"),
    "addition": N_("Addition"),
    "remark_type": N_("Remark"),
    "kind": N_("Kind of data"),
    "label": N_("Item"),
    "category": N_("Category"),
    "amount": N_("Amount"),
    "annual": N_("A year"),
    "units": N_("Units"),
    "collection_rate": N_("Collection rate"),
    "tariff": N_("Tariff"),
    "share": N_("Share"),
    "decision": N_("Decision"),
    "criterion": N_("Criterion"),
    "reason": N_("Reason"),
    "place_id": N_("Place"),
    "problem": N_("Problem"),
    "reported_by": N_("Who said it"),
    "lacks_service": N_("No service at all"),
    "note": N_("Note"),
    "most_dots_on_ballots": N_("Most dots on the ballots"),
    "municipality_id": N_("Municipality"),
    "direction": N_("Direction"),
    "score": N_("Score"),
    "wins": N_("Wins"),
    "losses": N_("Losses"),
    "method": N_("Counting rule"),
}

#: Where each kind of id gets its name: (module, dictionary of id → English name, catalog).
_VOCABULARIES = (
    ("toolkit.vocabulary", "SERVICES", "core"),
    ("toolkit.vocabulary", "GROUPS", "core"),
    ("toolkit.voting.rules", "ITEM_LABELS", "voting"),
    ("toolkit.voting.rules", "METHOD_LABELS", "voting"),
    ("toolkit.gallery", "SERVICE_AREAS", "gallery"),
    ("toolkit.mapping.communitymap", "CATEGORIES", "mapping"),
    ("toolkit.mapping.communitymap", "PLACE_TYPES", "mapping"),
    ("toolkit.tariff", "CATEGORIES", "tariff"),
    ("toolkit.tariff", "BILLING_UNITS", "tariff"),
)
_YES_NO = {True: N_("yes"), False: N_("no")}


def _descriptor() -> dict:
    """The data package's descriptor, read where :func:`toolkit.cases.data_dir` finds it
    (read here, not through ``toolkit.cases``, which shows its tables with this module)."""
    here = Path(__file__).resolve().parent
    for folder in (here / "datasets", here.parent / "datasets"):
        if (folder / "datapackage.json").is_file():
            return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    return {"resources": []}


@cache
def _field_titles(lang: str) -> tuple[dict, dict]:
    """The headers of the data package's fields, and the names of their coded values."""
    titles: dict[str, str] = {}
    values: dict[str, str] = {}
    for resource in _descriptor()["resources"]:
        for field in resource["schema"]["fields"]:
            title = (field.get("titles") or {}).get(lang)
            if title:
                titles.setdefault(field["name"], title)
            for code, names in (field.get("enumLabels") or {}).items():
                if names.get(lang):
                    values.setdefault(code, names[lang])
    return titles, values


@cache
def _id_names(lang: str) -> dict[str, str]:
    names = dict(_field_titles(lang)[1])
    for module, attribute, domain in _VOCABULARIES:
        words = catalog(domain, lang)
        for code, english in getattr(importlib.import_module(module), attribute).items():
            names.setdefault(code, words.get(english, english))
    return names


def header(column, lang: str | None = None, titles: dict | None = None) -> str:
    """How a column's header reads in the language.

    ``titles`` (``{column: {lang: header}}``) are the table's own headers, which win.

    >>> header("points", lang="ru"), header("monthly_income", lang="ky"), header("x_y", lang="ky")
    ('Баллы', 'Айлык киреше', 'x_y')
    """
    lang = lang or get_language()
    if not isinstance(column, str):
        return column
    titles = titles or {}
    if titles.get(column, {}).get(lang):
        return titles[column][lang]
    if column in COLUMNS:
        return catalog("core", lang).get(COLUMNS[column], COLUMNS[column])
    return _field_titles(lang)[0].get(column) or _id_names(lang).get(column, column)


def value_label(value, lang: str | None = None):
    """How a value in a cell reads: an id by its name, yes/no for true/false, the rest as it is.

    >>> value_label("waste", lang="ru"), value_label(True, lang="ky"), value_label(["waste"], lang="en")
    ('Вывоз мусора', 'ооба', 'Waste collection')
    >>> value_label(12, lang="ky"), value_label("Ак-Кыя", lang="ky")
    (12, 'Ак-Кыя')
    """
    lang = lang or get_language()
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        english = _YES_NO[bool(value)]
        return catalog("core", lang).get(english, english)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(value_label(v, lang)) for v in value)
    if isinstance(value, str):
        return _id_names(lang).get(value, value)
    return value


def labelled(table: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """A copy of ``table`` with headers and ids in the language (numbers as :func:`shown` writes them)."""
    lang = lang or get_language()
    out = shown(table, lang=lang)
    for name in out.columns:
        column = out[name]
        if isinstance(column, pd.Series) and not _is_number_column(column):
            out[name] = [value_label(v, lang) for v in column]
    titles = table.attrs.get("headers")
    out.columns = [header(c, lang, titles) for c in out.columns]
    if pd.api.types.is_object_dtype(out.index) or pd.api.types.is_string_dtype(out.index):
        out.index = [value_label(v, lang) if isinstance(v, str) else v for v in out.index]
    out.index.name = header(table.index.name, lang, titles) if table.index.name else None
    return out


def show(table, columns=None) -> Table:
    """A table to look at, in the lesson's language; the data keep their ids.

    ``columns`` picks the columns to show.  A column of counts becomes a table of two columns.

    >>> show(pd.Series({"waste": 3}, name="count"))["count"].tolist()
    [3]
    """
    if isinstance(table, pd.Series):
        table = table.rename_axis(table.index.name or "item").reset_index()
    table = Table(table)
    return table if columns is None else table[list(columns)]


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
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
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
        return labelled(self)._repr_html_()


#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value):
    """A cell's value as it may go into a CSV or XLSX export: text that a spreadsheet
    would take for a formula (``=``, ``+``, ``-``, ``@`` first) gets a leading ``'``,
    so it is shown as the text it is and never run. Numbers stay numbers.

    >>> inert_cell("=1+2"), inert_cell("-5 som"), inert_cell(-5), inert_cell("Water")
    ("'=1+2", "'-5 som", -5, 'Water')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def uninert_cell(value):
    """A cell read back from an export: the ``'`` that :func:`inert_cell` put before a
    formula character is taken off again.

    >>> uninert_cell("'=1+2"), uninert_cell("'quoted"), uninert_cell(3)
    ('=1+2', "'quoted", 3)
    """
    if isinstance(value, str) and value[:1] == "'" and value[1:2] and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def inert(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` whose text cells (and column names) are all :func:`inert_cell`:
    apply it to every table the toolkit exports to CSV or XLSX.

    >>> inert(pd.DataFrame({"text": ["@SUM(A1)", "ok"], "n": [1, 2]}))["text"].tolist()
    ["'@SUM(A1)", 'ok']
    """
    out = table.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(inert_cell)
    out.columns = [inert_cell(c) if isinstance(c, str) else c for c in out.columns]
    return out
