"""The case data: Teploklyuchenka, Chet-Nura, Birinchi May, the Batken training — and yours.

Load a case by its name, in Kyrgyz, Russian or English:

>>> case = load_case("Теплоключенка")
>>> case.case_id
'teploklyuchenka'
>>> tariffs = case.tables["tariffs"]
>>> int(tariffs.loc[tariffs["service_id"] == "dip-bath", "tariff_som"].iloc[0])
13

Every table is a pandas ``DataFrame``. Every row says where it came from: the
source file, the Kyrgyz sentence, and its ``kind`` — ``observed`` (the source
says it), ``derived`` (computed, the ``note`` says how) or ``illustrative``
(made up for a lesson; always show it as such):

>>> sorted(set(case.tables["livestock"]["kind"]))
['observed']

See which cases there are (the description is in the current language):

>>> list_cases()["case_id"].tolist()
['teploklyuchenka', 'chet-nura', 'birinchi-may', 'batken-training']

Your own municipality: fill the template (a folder of CSV files or one Excel
workbook, see ``datasets/templates/`` or :func:`write_template`) and load it
the same way, ``load_case("my_village.xlsx")``.  Anything wrong in the file —
a missing column, a word where a number should be, a negative amount, the
same id twice — stops the loading with a message in your language that names
the file, the row and the column.  Nothing half-loaded is ever returned.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import math
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import ToolkitError
from toolkit.files import atomic_path, write_atomic
from toolkit.i18n import LANGUAGES, get_language, language_code, translator
from toolkit.vocabulary import parse_yes_no

__all__ = [
    "TEMPLATE_TABLES",
    "Case",
    "data_dir",
    "list_cases",
    "load_case",
    "package_descriptor",
    "write_template",
]

_ = translator("cases")

#: The tables of the template for a trainer's own municipality, in this order.
TEMPLATE_TABLES = ("cases", "services", "tariffs", "payment_collection", "livestock")
#: Tables a filled template must contain (the others may be left out).
_TEMPLATE_REQUIRED = ("cases", "services")
_PROVENANCE = ("kind", "source_file", "source_text", "note")
_README_SHEET = "README"


# --------------------------------------------------------------------------- where the data is
def data_dir() -> Path:
    """The folder of the data package (``datapackage.json``, ``data/``, ``templates/``).

    It ships inside the installed package (``toolkit/datasets``); in a checkout
    of the repository it is the top-level ``datasets/`` folder.

    >>> (data_dir() / "datapackage.json").exists()
    True
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "datasets", here.parent / "datasets"):
        if (candidate / "datapackage.json").is_file():
            return candidate
    raise ToolkitError(
        _(
            "The case data is missing from this installation (no {file}). Reinstall the toolkit."
        ).format(file="datasets/datapackage.json")
    )


def package_descriptor() -> dict:
    """The data package descriptor (``datapackage.json``) as a dict.

    >>> package_descriptor()["resources"][0]["name"]
    'cases'
    """
    return json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))


def _resources() -> dict[str, dict]:
    return {r["name"]: r for r in package_descriptor()["resources"]}


# --------------------------------------------------------------------------- the case
@dataclass
class Case:
    """One case: a municipality (or a training) with its tables by name.

    >>> case = load_case("birinchi-may")
    >>> case.names["en"]
    'Birinchi May'
    >>> "hearing_participation" in case.tables
    True
    >>> case["hearings"]["hearing_id"].tolist()
    ['sedp', 'budget']
    """

    case_id: str
    names: dict
    tables: dict = field(default_factory=dict)
    source: str = "package"

    @property
    def name(self) -> str:
        """The name in the current language."""
        return self.names.get(get_language()) or self.names.get("ky") or self.case_id

    @property
    def profile(self) -> dict:
        """The row of the ``cases`` table: region, district, head, year of the source …"""
        return self.tables["cases"].iloc[0].to_dict()

    def __getitem__(self, table: str):
        if table not in self.tables:
            raise ToolkitError(
                _("The case «{case}» has no table «{table}». Its tables: {tables}.").format(
                    case=self.name, table=table, tables=", ".join(self.tables)
                )
            )
        return self.tables[table]

    def table(self, name: str, columns=None):
        """The table ``name`` to look at: headers and ids shown in the user's language.

        ``columns`` picks and orders the columns; a wrong table or column name gets
        a message that names the table and its columns.

        >>> case = load_case("teploklyuchenka")
        >>> case.table("livestock", columns=["animal", "head"])["head"].tolist()
        [2500, 6000, 18000]
        >>> case.table("livestock", columns=["sheep"])
        Traceback (most recent call last):
        ...
        toolkit.errors.ToolkitError: «livestock» таблицасында «sheep» тилкеси жок. Анын тилкелери: ...
        """
        from toolkit.tables import show

        frame = self[name]
        missing = [c for c in columns or [] if c not in frame.columns]
        if missing:
            raise ToolkitError(
                _("The table «{table}» has no column «{column}». Its columns: {columns}.").format(
                    table=name, column=missing[0], columns=", ".join(frame.columns)
                )
            )
        shown = show(frame, columns)
        fields = _resources()[name]["schema"]["fields"] if name in _resources() else []
        shown.attrs["headers"] = {f["name"]: f["titles"] for f in fields if f.get("titles")}
        return shown

    def _repr_html_(self) -> str:
        """In a notebook: the case's tables, their size, and how many rows are illustrative."""
        import html

        resources = _resources()
        head = [
            _("Table"),
            _("What it holds"),
            _("Rows"),
            _("Observed"),
            _("Derived"),
            _("Illustrative"),
        ]
        rows = []
        for name, frame in self.tables.items():
            kinds = frame["kind"].value_counts() if "kind" in frame else {}
            title = _table_title(resources[name]) if name in resources else name
            cells = [f"<code>{html.escape(name)}</code>", html.escape(title), len(frame)]
            cells += [kinds.get(k, 0) for k in ("observed", "derived", "illustrative")]
            rows.append("".join(f"<td>{c}</td>" for c in cells))
        description = ""
        if "cases" in self.tables and len(self.tables["cases"]):
            profile = self.tables["cases"].iloc[0]
            description = profile.get(f"description_{get_language()}") or ""
        return (
            f"<div><b>{html.escape(self.name)}</b> <small>({html.escape(self.case_id)})</small>"
            f"<br>{html.escape(str(description))}<table><tr>"
            + "".join(f"<th>{html.escape(h)}</th>" for h in head)
            + "</tr>"
            + "".join(f"<tr>{r}</tr>" for r in rows)
            + "</table></div>"
        )

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k} ({len(v)})" for k, v in self.tables.items())
        return f"Case({self.case_id!r}: {self.name}; {sizes})"


# --------------------------------------------------------------------------- names
def _key(text: str) -> str:
    text = unicodedata.normalize("NFC", str(text)).casefold().replace("ё", "е")
    for word in (
        "айыл аймагы",
        "айыл өкмөтү",
        "айылный аймак",
        "айыл окмоту",
        "municipality",
        " аа",
        " аө",
        " ао",
    ):
        if text.endswith(word):
            text = text[: -len(word)]
    return "".join(ch for ch in text if ch.isalnum())


def _case_rows() -> list[dict]:
    return _package()["cases"]["rows"]


def _find_case_id(name: str) -> str:
    wanted = _key(name)
    for row in _case_rows():
        spellings = [row["case_id"], row["name_ky"], row["name_ru"], row["name_en"]]
        spellings += [a for a in str(row.get("aliases") or "").split(";") if a.strip()]
        if wanted and wanted in {_key(s) for s in spellings}:
            return row["case_id"]
    choices = ", ".join(_local_name(r) for r in _case_rows())
    raise ToolkitError(
        _("There is no case «{name}». Choose one of: {choices}.").format(name=name, choices=choices)
    )


def _local_name(row: dict, lang: str | None = None) -> str:
    lang = lang or get_language()
    return row.get(f"name_{lang}") or row["name_ky"]


def list_cases(lang: str | None = None):
    """The cases that ship with the toolkit, with one line about each in the current language.

    >>> table = list_cases(lang="en")
    >>> table.loc[table["case_id"] == "chet-nura", "name"].item()
    'Chet-Nura'
    >>> list(table.columns)
    ['case_id', 'name', 'kind', 'description']
    """
    import pandas as pd

    lang = lang or get_language()
    if lang not in LANGUAGES:
        lang = language_code(lang) or get_language()
    rows = [
        {
            "case_id": r["case_id"],
            "name": _local_name(r, lang),
            "kind": r["case_kind"],
            "description": r.get(f"description_{lang}") or r["description_ky"],
        }
        for r in _case_rows()
    ]
    from toolkit.tables import show

    table = show(pd.DataFrame(rows, columns=["case_id", "name", "kind", "description"]))
    fields = {f["name"]: f.get("titles") or {} for f in _resources()["cases"]["schema"]["fields"]}
    table.attrs["headers"] = {"case_id": fields["case_id"], "kind": fields["case_kind"]}
    return table


# --------------------------------------------------------------------------- loading
def load_case(name_or_path) -> Case:
    """Load a case by name (``"chet-nura"``, ``"Чет-Нура"``, ``"Биринчи Май"`` …) or a
    filled template (a folder of CSV files or an ``.xlsx`` workbook).

    >>> load_case("Chet-Nura").case_id
    'chet-nura'
    >>> load_case("Первое Мая").name
    'Биринчи Май'
    >>> load_case("Алма-Ата")
    Traceback (most recent call last):
    ...
    toolkit.errors.ToolkitError: «Алма-Ата» деген мисал жок. ...
    """
    if isinstance(name_or_path, os.PathLike) or _looks_like_path(name_or_path):
        return _load_template(Path(name_or_path))
    try:
        case_id = _find_case_id(str(name_or_path))
    except ToolkitError:
        if Path(str(name_or_path)).is_dir():  # a folder in the current directory
            return _load_template(Path(name_or_path))
        raise
    package = _package()
    tables = {}
    for table, loaded in package.items():
        if "case_id" not in loaded["columns"]:
            continue
        rows = [r for r in loaded["rows"] if r.get("case_id") == case_id]
        if rows:
            tables[table] = _frame(loaded["fields"], rows)
    row = next(r for r in _case_rows() if r["case_id"] == case_id)
    names = {lang: row[f"name_{lang}"] for lang in LANGUAGES}
    return Case(case_id=case_id, names=names, tables=tables, source="package")


def _looks_like_path(value) -> bool:
    text = str(value)
    return os.sep in text or "/" in text or text.lower().endswith((".xlsx", ".csv", ".xlsm"))


_CACHE: dict = {}


def _package() -> dict:
    """Every table of the data package, read and checked once (cached by file times)."""
    root = data_dir()
    resources = _resources()
    try:
        stamp = tuple(
            (p.name, p.stat().st_mtime_ns)
            for p in [root / "datapackage.json"] + [root / r["path"] for r in resources.values()]
        )
    except FileNotFoundError as exc:
        raise ToolkitError(
            _(
                "The case data is missing from this installation (no {file}). Reinstall the toolkit."
            ).format(file=Path(exc.filename).name)
        ) from exc
    if _CACHE.get("stamp") != stamp:
        loaded = {}
        for name, resource in resources.items():
            path = root / resource["path"]
            loaded[name] = _read_table(path.read_bytes(), resource["schema"], path.name)
        _check_foreign_keys(loaded, resources, {n: resources[n]["path"] for n in resources})
        _CACHE.clear()
        _CACHE.update(stamp=stamp, tables=loaded)
    return _CACHE["tables"]


# --------------------------------------------------------------------------- reading a table
def _decode(data: bytes, file: str) -> str:
    if not data.strip():
        raise ToolkitError(_("The file is empty."), file=file)
    encodings = ["utf-16"] if data.startswith((b"\xff\xfe", b"\xfe\xff")) else []
    for encoding in [*encodings, "utf-8-sig", "cp1251"]:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ToolkitError(
        _("The file could not be read as text. Save it as CSV ({encodings}).").format(
            encodings="UTF-8, Windows-1251"
        ),
        file=file,
    )


def _parse_csv(text: str, file: str) -> list[list]:
    if "\x00" in text:
        raise ToolkitError(
            _("The file could not be read as text. Save it as CSV ({encodings}).").format(
                encodings="UTF-8, Windows-1251"
            ),
            file=file,
        )
    first, _nl, rest = text.lstrip("\r\n").partition("\n")
    if re.fullmatch(r"sep=.\r?", first):  # Excel's hint line, hidden when Excel opens the file
        delimiter, text = first[4], rest
    else:
        delimiter = max([",", ";", "\t"], key=first.count)
    if text.count('"') % 2:  # a quotation mark opened and never closed swallows the rest
        parity, opened = 0, 1
        for number, line in enumerate(text.splitlines(), 1):
            if line.count('"') % 2:
                parity ^= 1
                if parity:
                    opened = number
        raise ToolkitError(
            _("The file is not a valid CSV table here: check the quotation marks."),
            file=file,
            row=opened,
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as exc:
        raise ToolkitError(
            _("The file is not a valid CSV table here: check the quotation marks."),
            file=file,
            row=reader.line_num,
        ) from exc
    return rows


def _norm_label(text) -> str:
    text = unicodedata.normalize("NFC", str(text)).replace("\ufeff", "").strip().strip("*").strip()
    return re.sub(r"\s+", " ", text).casefold()


def _labels(f: dict) -> set[str]:
    labels = {f["name"], f.get("title", "")}
    titles = f.get("titles") or {}
    labels |= set(titles.values())
    if titles:
        labels.add(_header(f))
    return {_norm_label(x) for x in labels if x}


def _header(f: dict) -> str:
    """The template header of a field: its title in Kyrgyz / Russian / English."""
    titles = f.get("titles") or {}
    parts = [titles.get(lang) for lang in LANGUAGES if titles.get(lang)]
    return " / ".join(dict.fromkeys(parts)) or f["name"]


def _match_header(cell, fields: list[dict]) -> str | None:
    label = _norm_label(cell)
    for f in fields:  # a field's own name wins over another field's title
        if label == _norm_label(f["name"]):
            return f["name"]
    for f in fields:
        labels = _labels(f)
        if label in labels or (
            " / " in label and any(part.strip() in labels for part in label.split(" / "))
        ):
            return f["name"]
    return None


def _expected_columns(fields: list[dict]) -> str:
    lang = get_language()
    return ", ".join(f"«{(f.get('titles') or {}).get(lang) or f['name']}»" for f in fields)


def _read_table(data, schema: dict, file: str, *, template: bool = False, context=None) -> dict:
    """Read one table (CSV bytes, or rows from a sheet) and check it against its schema.

    Returns ``{"fields", "columns", "rows"}`` with typed values; raises ToolkitError.
    """
    rows = _parse_csv(_decode(data, file), file) if isinstance(data, bytes) else data
    fields = schema["fields"]
    # row numbers as a person sees them; drop rows that are entirely empty
    numbered = [(i, r) for i, r in enumerate(rows, 1) if any(_blank(c) is False for c in r)]
    if not numbered:
        raise ToolkitError(_("The file is empty."), file=file)
    header_row, header = numbered[0]
    body = numbered[1:]
    optional = set()
    if template:
        optional = {*_PROVENANCE} | {
            f["name"] for f in fields if f["name"] in _TEMPLATE_DEFAULTABLE
        }
        if not any(f["name"] == "case_kind" for f in fields):
            optional.add("case_id")  # filled from the profile
    # the columns a person is told about: the template hides case_id (filled from the profile)
    listed = [f for f in fields if not (f["name"] == "case_id" and "case_id" in optional)]
    columns: list[str | None] = []
    for cell in header:
        if _blank(cell):
            columns.append(None)
            continue
        name = _match_header(cell, fields)
        if name is None:
            known = {lbl: f["name"] for f in fields for lbl in _labels(f)}
            close = difflib.get_close_matches(_norm_label(cell), list(known), n=1, cutoff=0.6)
            if close:
                message = _("Unknown column «{column}». Did you mean «{suggestion}»?").format(
                    column=str(cell).strip(), suggestion=_title(fields, known[close[0]])
                )
            else:
                message = _("Unknown column «{column}». Expected columns: {expected}.").format(
                    column=str(cell).strip(), expected=_expected_columns(listed)
                )
            raise ToolkitError(message, file=file, row=header_row, column=str(cell).strip())
        if name in columns:
            raise ToolkitError(
                _("The column «{column}» appears twice.").format(column=str(cell).strip()),
                file=file,
                row=header_row,
                column=str(cell).strip(),
            )
        columns.append(name)
    for f in fields:
        if f["name"] not in columns and f["name"] not in optional:
            raise ToolkitError(
                _("The column «{column}» is missing. Expected columns: {expected}.").format(
                    column=_title(fields, f["name"]), expected=_expected_columns(listed)
                ),
                file=file,
                row=header_row,
                column=_title(fields, f["name"]),
            )
    by_name = {f["name"]: f for f in fields}
    out_rows = []
    for rownum, raw in body:
        extra = [c for j, c in enumerate(raw) if j >= len(columns) and not _blank(c)]
        if extra:
            raise ToolkitError(
                _("This row has more cells than the header has columns ({count}).").format(
                    count=sum(c is not None for c in columns)
                ),
                file=file,
                row=rownum,
            )
        record = {}
        for j, name in enumerate(columns):
            if name is None:
                if j < len(raw) and not _blank(raw[j]):
                    raise ToolkitError(
                        _("This cell is filled but its column has no header."),
                        file=file,
                        row=rownum,
                        column=_column_letter(j),
                    )
                continue
            cell = raw[j] if j < len(raw) else None
            record[name] = _convert(cell, by_name[name], file, rownum, _title(fields, name))
        if template and context is not None:
            _apply_template_defaults(record, context, file)
        for f in fields:
            record.setdefault(f["name"], None)
            if (f.get("constraints") or {}).get("required") and record[f["name"]] in (None, ""):
                raise ToolkitError(
                    _("This cell must not be empty."),
                    file=file,
                    row=rownum,
                    column=_title(fields, f["name"]),
                )
        record["__row__"] = rownum
        out_rows.append(record)
    _check_unique(out_rows, schema, file, fields)
    for r in out_rows:
        r.pop("__row__", None)
    return {
        "fields": fields,
        "columns": [f["name"] for f in fields],
        "rows": out_rows,
        "rownums": [n for n, _r in body],
    }


def _title(fields: list[dict], name: str) -> str:
    """How a column is called in the user's language (its name if it has no titles)."""
    for f in fields:
        if f["name"] == name:
            return (f.get("titles") or {}).get(get_language()) or name
    return name


def _column_letter(j: int) -> str:
    letters = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _convert(cell, f: dict, file: str, row: int, column: str):
    """One cell as the field's type, with its constraints checked."""
    kind = f.get("type", "string")
    if _blank(cell):
        return "" if kind == "string" else None
    shown = str(cell).strip()
    if kind == "string":
        if isinstance(cell, float) and cell.is_integer():
            cell = int(cell)
        value = str(cell).strip()
    elif kind in ("integer", "year"):
        value = _to_number(cell)
        if value is None or not math.isfinite(value) or value != int(value):
            raise ToolkitError(
                _("Expected a whole number, found «{value}».").format(value=shown),
                file=file,
                row=row,
                column=column,
            )
        value = int(value)
    elif kind == "number":
        value = _to_number(cell)
        if value is None or not math.isfinite(value):
            raise ToolkitError(
                _("Expected a number, found «{value}».").format(value=shown),
                file=file,
                row=row,
                column=column,
            )
    elif kind == "boolean":
        value = parse_yes_no(cell if isinstance(cell, bool) else shown)
        if value is None:
            raise ToolkitError(
                _("Expected yes or no (true or false), found «{value}».").format(value=shown),
                file=file,
                row=row,
                column=column,
            )
    else:
        value = shown
    c = f.get("constraints") or {}
    if "enum" in c and value not in c["enum"]:
        code = _enum_code(value, f)
        if code is None:
            raise ToolkitError(
                _("«{value}» is not allowed here. Expected one of: {choices}.").format(
                    value=shown, choices=", ".join(_enum_choices(f))
                ),
                file=file,
                row=row,
                column=column,
            )
        value = code
    if "pattern" in c and not re.fullmatch(c["pattern"], str(value)):
        raise ToolkitError(
            _(
                "«{value}» is not a valid code: use small Latin letters, digits and hyphens, e.g. {example}."
            ).format(value=shown, example="clean-water"),
            file=file,
            row=row,
            column=column,
        )
    if "minimum" in c and value < c["minimum"]:
        if c["minimum"] == 0:
            message = _("The amount must not be negative, found {value}.").format(value=shown)
        else:
            message = _("The value must be at least {minimum}, found {value}.").format(
                minimum=c["minimum"], value=shown
            )
        raise ToolkitError(message, file=file, row=row, column=column)
    if "maximum" in c and value > c["maximum"]:
        raise ToolkitError(
            _("The value must be at most {maximum}, found {value}.").format(
                maximum=c["maximum"], value=shown
            ),
            file=file,
            row=row,
            column=column,
        )
    return value


def _enum_code(value, f: dict):
    """The code of an allowed value written as its code or as its label in any language."""
    key = _norm_label(value)
    for code in f["constraints"]["enum"]:
        labels = {str(code), *((f.get("enumLabels") or {}).get(code) or {}).values()}
        if key in {_norm_label(x) for x in labels}:
            return code
    return None


def _enum_choices(f: dict, lang: str | None = None) -> list[str]:
    """The allowed values as a person of ``lang`` would write them."""
    lang = lang or get_language()
    labels = f.get("enumLabels") or {}
    return [(labels.get(code) or {}).get(lang) or str(code) for code in f["constraints"]["enum"]]


def _to_number(cell) -> float | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float)):
        return float(cell)
    text = str(cell).strip().replace("\u00a0", " ").replace("\u202f", " ")
    percent = text.endswith("%")
    text = text.rstrip("%").strip().replace(" ", "").replace("'", "")
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    elif re.fullmatch(r"[+-]?\d+,\d+", text):
        text = text.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", text):
        return None
    value = float(text)
    return value / 100 if percent else value


def _check_unique(rows: list[dict], schema: dict, file: str, fields: list[dict]) -> None:
    key = schema.get("primaryKey")
    if not key:
        return
    key = [key] if isinstance(key, str) else list(key)
    seen: dict = {}
    for r in rows:
        value = tuple(r.get(k) for k in key)
        if value in seen:
            shown = ", ".join(
                str(v) for k, v in zip(key, value, strict=True) if k != "case_id" or len(key) == 1
            )
            raise ToolkitError(
                _(
                    "The same {key} «{value}» is already in row {first}. Each must appear once."
                ).format(
                    key=" + ".join(_title(fields, k) for k in key if k != "case_id") or "ID",
                    value=shown,
                    first=seen[value],
                ),
                file=file,
                row=r["__row__"],
                column=_title(fields, key[-1]),
            )
        seen[value] = r["__row__"]


def _check_foreign_keys(loaded: dict, resources: dict, files: dict) -> None:
    for name, table in loaded.items():
        schema = resources[name]["schema"]
        for fk in schema.get("foreignKeys", []):
            target = fk["reference"].get("resource") or name
            if target not in loaded:
                continue
            local = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
            remote = fk["reference"]["fields"]
            remote = remote if isinstance(remote, list) else [remote]
            known = {tuple(r.get(k) for k in remote) for r in loaded[target]["rows"]}
            for r, rownum in zip(table["rows"], table["rownums"], strict=True):
                value = tuple(r.get(k) for k in local)
                if any(v in (None, "") for v in value):
                    continue
                if value not in known:
                    column = local[-1]
                    raise ToolkitError(
                        _(
                            "«{value}» is not in the table «{table}». Add it there first, or correct the spelling."
                        ).format(value=value[-1], table=_table_title(resources[target])),
                        file=Path(files[name]).name,
                        row=rownum,
                        column=_title(table["fields"], column),
                    )


def _table_title(resource: dict) -> str:
    return (resource.get("titles") or {}).get(get_language()) or resource["name"]


def _frame(fields: list[dict], rows: list[dict]):
    import pandas as pd

    data = {}
    for f in fields:
        values = [r.get(f["name"]) for r in rows]
        kind = f.get("type", "string")
        missing = any(v is None for v in values)
        if kind in ("integer", "year"):
            data[f["name"]] = (
                pd.array(values, dtype="Int64") if missing else pd.array(values, dtype="int64")
            )
        elif kind == "number":
            data[f["name"]] = pd.array(
                [math.nan if v is None else float(v) for v in values], dtype="float64"
            )
        elif kind == "boolean":
            data[f["name"]] = (
                pd.array(values, dtype="boolean") if missing else pd.array(values, dtype="bool")
            )
        else:
            data[f["name"]] = pd.array(
                ["" if v is None else str(v) for v in values], dtype="object"
            )
    return pd.DataFrame(data, columns=[f["name"] for f in fields])


# --------------------------------------------------------------------------- templates
_TEMPLATE_DEFAULTABLE = {
    "case_kind",
    "name_ru",
    "name_en",
    "description_ky",
    "description_ru",
    "description_en",
    "aliases",
}


def _apply_template_defaults(record: dict, context: dict, file: str) -> None:
    if record.get("kind") in (None, ""):
        record["kind"] = "observed"
    if record.get("source_file") in (None, ""):
        record["source_file"] = file
    if context.get("case_id") is not None and record.get("case_id") in (None, ""):
        record["case_id"] = context["case_id"]
    if "case_kind" in context.get("table_fields", ()):
        if record.get("case_kind") in (None, ""):
            record["case_kind"] = "municipality"
        for lang in ("ru", "en"):
            if record.get(f"name_{lang}") in (None, ""):
                record[f"name_{lang}"] = record.get("name_ky") or ""
        for lang in LANGUAGES:
            if record.get(f"description_{lang}") in (None, ""):
                record[f"description_{lang}"] = record.get("name_ky") or ""


def _template_fields(resource: dict) -> list[dict]:
    """The columns a template sheet shows: everything but ``case_id`` (filled from the profile)."""
    fields = resource["schema"]["fields"]
    if resource["name"] == "cases":
        return fields
    return [f for f in fields if f["name"] != "case_id"]


def write_template(target) -> Path:
    """Write an empty template for your own municipality: a folder of CSV files
    (``target`` is a folder) or one Excel workbook (``target`` ends with ``.xlsx``).

    Headers are in Kyrgyz / Russian / English; any one of the three is accepted
    when you load the filled template with :func:`load_case`.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "my_village"
    >>> sorted(p.name for p in write_template(folder).iterdir())[:2]
    ['README.md', 'cases.csv']
    """
    target = Path(target)
    resources = _resources()
    if target.suffix.lower() == ".xlsx":
        _write_workbook(target, resources)
    else:
        target.mkdir(parents=True, exist_ok=True)
        for table in TEMPLATE_TABLES:
            headers = [_header(f) for f in _template_fields(resources[table])]
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerow(headers)
            write_atomic(target / f"{table}.csv", buf.getvalue())
        write_atomic(target / "README.md", _template_readme(resources))
    return target


def _template_readme(resources: dict) -> str:
    lines = [
        "# Шаблон: өз муниципалитетиңиздин маалыматтары / Шаблон: данные вашего муниципалитета / "
        "Template: your own municipality's data",
        "",
        "ky: Ар бир файлды Excel же LibreOffice менен ачып, сап-сап толтуруңуз. Биринчи сапты "
        "(аталыштарды) өзгөртпөңүз: аталыш кыргызча, орусча же англисче болсо болот. "
        'Жүктөө: `load_case("папканын/жолу")`.',
        "",
        "ru: Откройте каждый файл в Excel или LibreOffice и заполните по строкам. Первую строку "
        "(заголовки) не меняйте; заголовок может быть на кыргызском, русском или английском. "
        'Загрузка: `load_case("путь/к/папке")`.',
        "",
        "en: Open each file in Excel or LibreOffice and fill it row by row. Keep the first row "
        "(the headers); a header may be in Kyrgyz, Russian or English. "
        'Load it with `load_case("path/to/folder")`.',
        "",
        "`cases` and `services` are required; the other files may be deleted if you have no data. "
        "Columns kind / source_file / source_text / note may stay empty (kind = observed).",
        "",
    ]
    for table in TEMPLATE_TABLES:
        r = resources[table]
        lines.append(f"## {table}.csv — {' / '.join((r.get('titles') or {}).values())}")
        lines.append("")
        lines.append(r.get("description", ""))
        lines.append("")
        for f in _template_fields(r):
            unit = f" [{f['unit']}]" if f.get("unit") else ""
            req = (
                " (required)"
                if (f.get("constraints") or {}).get("required")
                and f["name"] not in ({"case_id", *_PROVENANCE} | _TEMPLATE_DEFAULTABLE)
                else ""
            )
            enum = (f.get("constraints") or {}).get("enum")
            allowed = f" Allowed / Болот / Допустимо: {_allowed_values(f)}." if enum else ""
            lines.append(f"- **{_header(f)}**{unit}{req}: {f.get('description', '')}{allowed}")
        lines.append("")
    return "\n".join(lines)


def _allowed_values(f: dict) -> str:
    """``мал башы / голова скота / head of livestock / head; …`` for the template notes."""
    per_lang = [_enum_choices(f, lang) for lang in LANGUAGES]
    return "; ".join(
        " / ".join(dict.fromkeys([*(labels[i] for labels in per_lang), str(code)]))
        for i, code in enumerate(f["constraints"]["enum"])
    )


def _write_workbook(path: Path, resources: dict) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    readme = wb.active
    readme.title = _README_SHEET
    for i, line in enumerate(_template_readme(resources).splitlines(), 1):
        readme.cell(row=i, column=1, value=line)
    readme.column_dimensions["A"].width = 140
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for table in TEMPLATE_TABLES:
        ws = wb.create_sheet(table)
        for j, f in enumerate(_template_fields(resources[table]), 1):
            cell = ws.cell(row=1, column=j, value=_header(f))
            cell.font = bold
            cell.fill = fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.column_dimensions[_column_letter(j - 1)].width = 24
            enum = (f.get("constraints") or {}).get("enum")
            if enum:  # a drop-down of the Kyrgyz words; other spellings may still be typed
                items = ",".join(_enum_choices(f, "ky"))
                if len(items) <= 250 and '"' not in items:
                    letter = _column_letter(j - 1)
                    dv = DataValidation(type="list", formula1=f'"{items}"', allow_blank=True)
                    dv.showErrorMessage = False
                    dv.add(f"{letter}2:{letter}1000")
                    ws.add_data_validation(dv)
        ws.freeze_panes = "A2"
    with atomic_path(path) as tmp:
        wb.save(tmp)


def _sheet_rows(path: Path) -> dict[str, list[list]]:
    """Every sheet's cell values; any file that is not a readable workbook is a ToolkitError."""
    import warnings

    from openpyxl import load_workbook

    with warnings.catch_warnings(), open(path, "rb") as fh:
        # openpyxl warns about Excel features it does not read (styles, extensions): not the
        # clerk's concern, as only the cell values are used
        warnings.simplefilter("ignore")
        try:
            wb = load_workbook(fh, read_only=True, data_only=True)
            try:
                return {
                    ws.title: [list(r) for r in ws.iter_rows(values_only=True)]
                    for ws in wb.worksheets
                }
            finally:
                wb.close()
        except Exception as exc:  # not a zip, not a workbook, damaged XML inside …
            raise ToolkitError(
                _("The file could not be opened as an Excel workbook (XLSX)."), file=path.name
            ) from exc


def _match_table(label: str, resources: dict) -> str | None:
    key = _norm_label(Path(label).stem if label.lower().endswith(".csv") else label)
    for table in TEMPLATE_TABLES:
        r = resources[table]
        names = {table, r.get("title", ""), *(r.get("titles") or {}).values()}
        if key in {_norm_label(n) for n in names if n}:
            return table
    return None


def _load_template(path: Path) -> Case:
    resources = _resources()
    if not path.exists():
        raise ToolkitError(_("There is no such file or folder: {path}").format(path=path))
    sources: dict[str, tuple] = {}  # table -> (data, file label)
    if path.is_dir() and not any(p.suffix.lower() == ".csv" for p in path.iterdir()):
        books = [p for p in path.iterdir() if p.suffix.lower() in (".xlsx", ".xlsm")]
        if len(books) == 1:  # a folder holding just the filled workbook
            path = books[0]
    if path.is_dir():
        for p in sorted(path.iterdir()):
            if p.suffix.lower() != ".csv":
                continue
            table = _match_table(p.name, resources)
            if table is None:
                raise ToolkitError(
                    _("Unknown file «{file}». Expected files: {expected}.").format(
                        file=p.name, expected=", ".join(f"{t}.csv" for t in TEMPLATE_TABLES)
                    ),
                    file=p.name,
                )
            if table in sources:
                raise ToolkitError(
                    _("Two files are for the same table «{table}».").format(table=table),
                    file=p.name,
                )
            sources[table] = (p.read_bytes(), p.name)
        missing_label = "{table}.csv"
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        for title, rows in _sheet_rows(path).items():
            table = _match_table(title, resources)
            if table is not None:
                sources[table] = (rows, f"{path.name}: {title}")
            elif title != _README_SHEET and any(any(not _blank(c) for c in r) for r in rows):
                raise ToolkitError(
                    _("Unknown sheet «{sheet}». Expected sheets: {expected}.").format(
                        sheet=title, expected=", ".join(TEMPLATE_TABLES)
                    ),
                    file=path.name,
                )
        missing_label = "sheet"
    else:
        raise ToolkitError(
            _("Expected a folder of CSV files or an Excel workbook (XLSX), got «{file}».").format(
                file=path.name
            ),
            file=path.name,
        )
    for table in _TEMPLATE_REQUIRED:
        if table not in sources:
            if missing_label == "sheet":
                raise ToolkitError(
                    _("The workbook has no sheet «{sheet}». Expected sheets: {expected}.").format(
                        sheet=table, expected=", ".join(TEMPLATE_TABLES)
                    ),
                    file=path.name,
                )
            raise ToolkitError(
                _("The file «{file}» is missing. Expected files: {expected}.").format(
                    file=f"{table}.csv", expected=", ".join(f"{t}.csv" for t in TEMPLATE_TABLES)
                ),
                file=path.name,
            )
    # the profile first: it gives the case_id the other tables inherit
    data, label = sources["cases"]
    profile = _read_table(
        data,
        resources["cases"]["schema"],
        label,
        template=True,
        context={"table_fields": ("case_kind",)},
    )
    if len(profile["rows"]) != 1:
        raise ToolkitError(
            _(
                "The table of the municipality must have exactly one filled row, found {count}."
            ).format(count=len(profile["rows"])),
            file=label,
        )
    case_id = profile["rows"][0]["case_id"]
    loaded = {"cases": profile}
    files = {"cases": label}
    for table in TEMPLATE_TABLES[1:]:
        if table not in sources:
            continue
        data, label = sources[table]
        loaded[table] = _read_table(
            data, resources[table]["schema"], label, template=True, context={"case_id": case_id}
        )
        files[table] = label
    _check_foreign_keys(loaded, resources, files)
    row = profile["rows"][0]
    names = {lang: row.get(f"name_{lang}") or row["name_ky"] for lang in LANGUAGES}
    tables = {t: _frame(v["fields"], v["rows"]) for t, v in loaded.items()}
    return Case(case_id=case_id, names=names, tables=tables, source=str(path))
