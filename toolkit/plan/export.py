"""The plan on paper and in a spreadsheet: Word (.docx) and Excel (.xlsx), and back.

The Word file has the table layout of Chet-Nura's plans (№, activity,
expected result/product, resources, deadline, responsible), one block per
task, on landscape A4, with the titles in Kyrgyz, Russian or English:

>>> from toolkit.plan.model import Plan, Task, Activity
>>> plan = Plan("waste", "Таштанды", goal="Таза айыл", year=2019,
...             tasks=[Task(1, "Стандарттар")],
...             activities=[Activity("1.1", 1, "Долбоор", deadline="июнь", responsible="АӨ")])
>>> docx_bytes(plan, lang="ru")[:2]
b'PK'

The Excel file has one sheet per part of the plan (plan, tasks, activities,
results, standards …) with headers in the chosen language.  It can be
edited and read back; a file whose layout was changed, or with a wrong
row, is refused with a message naming the sheet, row and column, and
nothing of it is taken:

>>> read_xlsx(xlsx_bytes(plan)) == plan
True
"""

from __future__ import annotations

import io
import math
from dataclasses import fields
from pathlib import Path

from toolkit.errors import ToolkitError
from toolkit.files import write_atomic
from toolkit.i18n import LANGUAGES, N_, format_number, get_language, translate, translator
from toolkit.plan.deadlines import try_parse_deadline
from toolkit.plan.model import (
    COLUMN_LABELS,
    CRITERION_LABELS,
    SOURCE_LABELS,
    STATUS_LABELS,
    STATUSES,
    STEP_LABELS,
    STEPS,
    Activity,
    DeliveryOption,
    MonitoringItem,
    Plan,
    Result,
    Standard,
    Task,
    WorkItem,
    budget_by_source,
    budget_sum,
    source_of,
    task_of_number,
)
from toolkit.tables import inert_cell, uninert_cell

__all__ = ["FONT", "docx_bytes", "read_xlsx", "write_docx", "write_xlsx", "xlsx_bytes"]

_ = translator("plan")

#: Word font: Arial (Liberation Sans in LibreOffice) has every Kyrgyz letter (ң ө ү).
FONT = "Arial"

_TEXT = {
    "plan_title": N_("Joint action plan"),
    "service": N_("Service"),
    "goal": N_("Goal"),
    "results": N_("Expected results (indicators)"),
    "standards": N_("Service standards"),
    "criterion": N_("Criterion"),
    "standard": N_("Standard of the service"),
    "options": N_("Ways to deliver the service that were considered"),
    "chosen": N_("chosen"),
    "task": N_("Task No. {no}"),
    "expected": N_("Expected result (indicator)"),
    "monitoring": N_("Joint monitoring and evaluation group (JMEG)"),
    "work_plan": N_("Work plan of the JMEG"),
    "year": N_("Year"),
    "municipality": N_("Municipality"),
    "yes": N_("yes"),
    "no": N_("no"),
    "budget": N_("Budget by source"),
    "amount": N_("Amount, som"),
    "share": N_("Share, %"),
    "total": N_("Total"),
    "stated": N_("Total stated in the plan"),
}

# the fields of each sheet, with their header words
_SHEETS = {
    "plan": (N_("Plan"), ["service_id", "title", "goal", "year", "case_id", "budget_total"]),
    "tasks": (N_("Tasks"), ["no", "title", "expected", "step", "weight"]),
    "activities": (
        N_("Activities"),
        [
            "no",
            "task_no",
            "activity",
            "result",
            "resources",
            "deadline",
            "responsible",
            "status",
            "progress",
            "weight",
            "budget",
            "source",
        ],
    ),
    "results": (
        N_("Results"),
        ["no", "result", "indicator", "baseline", "target", "unit", "verification"],
    ),
    "standards": (N_("Standards"), ["criterion", "standard"]),
    "options": (N_("Delivery options"), ["option_id", "option", "chosen"]),
    "monitoring": (N_("Monitoring"), ["item", "value"]),
    "work_plan": (N_("JMEG work plan"), ["activity", "deadline", "responsible", "product"]),
}

# columns a file may lack (files written before the plan had a budget)
_OPTIONAL = {"budget_total", "budget", "source"}

_HEADERS = {
    **COLUMN_LABELS,
    "budget_total": N_("Total budget stated, som"),
    "service_id": N_("Service ID"),
    "title": N_("Title"),
    "goal": N_("Goal"),
    "year": N_("Year"),
    "case_id": N_("Municipality ID"),
    "expected": N_("Expected result (indicator)"),
    "step": N_("Step"),
    "indicator": N_("Indicator"),
    "baseline": N_("Baseline"),
    "target": N_("Target"),
    "unit": N_("Unit"),
    "verification": N_("Means of verification"),
    "criterion": N_("Criterion"),
    "standard": N_("Standard of the service"),
    "option_id": N_("Option ID"),
    "option": N_("Way to deliver the service"),
    "chosen": N_("Chosen"),
    "item": N_("Item"),
    "value": N_("Value"),
    "product": N_("Act or report"),
}
# in the Activities sheet "no" is the activity number, in Tasks and Results the task or result number
_HEADER_OVERRIDES = {
    ("results", "result"): N_("Expected result"),
    ("work_plan", "activity"): N_("Activity"),
}


def _t(message: str, lang: str | None) -> str:
    return translate(message, "plan", lang)


def _header(sheet: str, name: str, lang: str | None) -> str:
    return _t(_HEADER_OVERRIDES.get((sheet, name), _HEADERS[name]), lang)


# ---------------------------------------------------------------- Word


def _number_text(value) -> str:
    if value is None:
        return ""
    return format(value, "g") if isinstance(value, float) else str(value)


def _costed(plan: Plan) -> bool:
    return plan.budget_total is not None or any(a.budget is not None for a in plan.activities)


def _source_text(source: str, lang: str | None) -> str:
    key = source_of(source)
    return _t(SOURCE_LABELS[key], lang) if key else source


def _budget_cell(activity: Activity, lang: str | None) -> str:
    """«250 000» and its source on the next line, as a plan writes it."""
    if activity.budget is None:
        return ""
    amount = format_number(activity.budget, 0, lang)
    return f"{amount}\n{_source_text(activity.source, lang)}" if activity.source else amount


def docx_bytes(plan: Plan, lang: str | None = None) -> bytes:
    """The plan as a Word document (bytes), titles in ``lang`` (``"ky"``, ``"ru"`` or ``"en"``)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))

    for style_name in ("Normal", "Heading 1", "Heading 2", "Table Grid"):
        style = doc.styles[style_name]
        style.font.name = FONT
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(theme), None)
    doc.styles["Normal"].font.size = Pt(10)
    for name in ("Heading 1", "Heading 2"):
        doc.styles[name].font.color.rgb = RGBColor(0, 0, 0)

    doc.add_heading(f"{_t(_TEXT['plan_title'], lang)}: {plan.title}", level=1)
    facts = []
    if plan.case_id:
        facts.append(f"{_t(_TEXT['municipality'], lang)}: {_case_name(plan.case_id, lang)}")
    if plan.year:
        facts.append(f"{_t(_TEXT['year'], lang)}: {plan.year}")
    if facts:
        doc.add_paragraph(" · ".join(facts))
    if plan.goal:
        p = doc.add_paragraph()
        p.add_run(f"{_t(_TEXT['goal'], lang)}: ").bold = True
        p.add_run(plan.goal)

    def table(headers, rows, widths):
        t = doc.add_table(rows=1, cols=len(headers))
        t.style = doc.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        head = t.rows[0]
        _repeat_header(head, OxmlElement, qn)
        for cell, text in zip(head.cells, headers, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for row in rows:
            cells = t.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
        _widths(t, [Cm(w) for w in widths])
        return t

    if plan.results:
        doc.add_heading(_t(_TEXT["results"], lang), level=2)
        names = ["no", "result", "indicator", "baseline", "target", "unit", "verification"]
        table(
            [_header("results", n, lang) for n in names],
            [
                [
                    str(r.no),
                    r.result,
                    r.indicator,
                    _number_text(r.baseline),
                    _number_text(r.target),
                    r.unit,
                    r.verification,
                ]
                for r in plan.results
            ],
            [1.0, 6.5, 6.5, 2.2, 2.2, 2.3, 6.0],
        )
    if plan.standards:
        doc.add_heading(_t(_TEXT["standards"], lang), level=2)
        table(
            [_t(_TEXT["criterion"], lang), _t(_TEXT["standard"], lang)],
            [
                [_t(CRITERION_LABELS.get(s.criterion, s.criterion), lang), s.standard]
                for s in plan.standards
            ],
            [6.0, 20.7],
        )
    if plan.delivery_options:
        doc.add_heading(_t(_TEXT["options"], lang), level=2)
        for option in plan.delivery_options:
            p = doc.add_paragraph(style="List Bullet")
            p.add_run(option.option)
            if option.chosen:
                p.add_run(f" — {_t(_TEXT['chosen'], lang)}").bold = True

    doc.add_heading(_t(COLUMN_LABELS["activity"], lang), level=2)
    costed = _costed(plan)
    names = ("no", "activity", "result", "resources", "deadline", "responsible") + (
        ("budget",) if costed else ()
    )
    main = doc.add_table(rows=1, cols=len(names))
    main.style = doc.styles["Table Grid"]
    widths = [
        Cm(w)
        for w in ((1.2, 7.2, 5.3, 3.8, 2.8, 3.2, 3.2) if costed else (1.3, 8.4, 6.2, 4.2, 3.0, 3.6))
    ]
    head = main.rows[0]
    _repeat_header(head, OxmlElement, qn)
    for cell, name in zip(head.cells, names, strict=True):
        cell.paragraphs[0].add_run(_t(COLUMN_LABELS[name], lang)).bold = True
    known = {t.no for t in plan.tasks}
    groups = [(t, plan.activities_of(t.no)) for t in sorted(plan.tasks, key=lambda t: t.no)]
    orphans = [a for a in plan.activities if a.task_no not in known]
    if orphans:
        groups.append((None, orphans))
    for task, acts in groups:
        if task is not None:
            cells = main.add_row().cells
            merged = cells[0].merge(cells[-1])
            para = merged.paragraphs[0]
            para.add_run(f"{_t(_TEXT['task'], lang).format(no=task.no)}: {task.title}").bold = True
            if task.expected:
                merged.add_paragraph(f"{_t(_TEXT['expected'], lang)}: {task.expected}")
            _shade(merged, "E8EEF4", OxmlElement, qn)
        for a in acts:
            row = main.add_row()
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            cells = row.cells
            texts = (
                a.no,
                a.activity,
                a.result,
                a.resources,
                " ".join(a.deadline.split()),
                a.responsible,
            )
            for cell, text in zip(
                cells, texts + ((_budget_cell(a, lang),) if costed else ()), strict=True
            ):
                cell.text = text
    _widths(main, widths)

    if costed:
        doc.add_heading(_t(_TEXT["budget"], lang), level=2)
        t = table(
            [
                _t(COLUMN_LABELS["source"], lang),
                _t(_TEXT["amount"], lang),
                _t(_TEXT["share"], lang),
            ],
            [
                [
                    _source_text(r.source, lang) or "—",
                    format_number(r.amount, 0, lang),
                    format_number(r.share, 1, lang),
                ]
                for r in budget_by_source(plan).itertuples()
            ]
            + [[_t(_TEXT["total"], lang), format_number(budget_sum(plan), 0, lang), ""]],
            [8.0, 5.0, 3.0],
        )
        for cell in t.rows[-1].cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in t.rows:
            for cell in row.cells[1:]:
                cell.paragraphs[0].alignment = 2  # right, as amounts are written
        if plan.budget_total is not None:
            doc.add_paragraph(
                f"{_t(_TEXT['stated'], lang)}: {format_number(plan.budget_total, 0, lang)}"
            )

    if plan.monitoring or plan.work_plan:
        doc.add_heading(_t(_TEXT["monitoring"], lang), level=2)
        if plan.monitoring:
            table(
                [_header("monitoring", "item", lang), _header("monitoring", "value", lang)],
                [[m.item, m.value] for m in plan.monitoring],
                [8.0, 18.7],
            )
        if plan.work_plan:
            doc.add_heading(_t(_TEXT["work_plan"], lang), level=2)
            names = ["activity", "deadline", "responsible", "product"]
            table(
                [_header("work_plan", n, lang) for n in names],
                [[w.activity, w.deadline, w.responsible, w.product] for w in plan.work_plan],
                [10.0, 4.0, 5.0, 7.7],
            )

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _widths(table, widths) -> None:
    """Fixed column widths that Word and LibreOffice both keep."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def _case_name(case_id: str, lang: str | None) -> str:
    """The municipality's name in ``lang`` («Чет-Нура»), or its id if it is not a known case."""
    try:
        from toolkit.cases import list_cases

        cases = list_cases(lang or get_language())
        names = dict(zip(cases["case_id"], cases["name"], strict=True))
    except (ImportError, ToolkitError, KeyError):
        return case_id
    return names.get(case_id, case_id)


def _repeat_header(row, OxmlElement, qn) -> None:
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _shade(cell, colour, OxmlElement, qn) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def write_docx(plan: Plan, path, lang: str | None = None) -> Path:
    """Save the plan as a Word file (written whole, or not at all). Returns the path."""
    return write_atomic(path, docx_bytes(plan, lang))


# ---------------------------------------------------------------- Excel


def _cell_value(sheet: str, name: str, value, lang):
    if value is None:
        return None
    if name == "status":
        return _t(STATUS_LABELS.get(value, value), lang) if value in STATUS_LABELS else value
    if name == "step":
        return _t(STEP_LABELS[value], lang) if value in STEP_LABELS else value
    if name == "criterion":
        return _t(CRITERION_LABELS[value], lang) if value in CRITERION_LABELS else value
    if name == "chosen":
        return _t(_TEXT["yes"] if value else _TEXT["no"], lang)
    if name == "source":
        return _source_text(value, lang) or None
    return value


def _records(plan: Plan) -> dict[str, list[dict]]:
    def rows(items, cls):
        return [{f.name: getattr(item, f.name) for f in fields(cls)} for item in items]

    return {
        "plan": [
            {
                "service_id": plan.service_id,
                "title": plan.title,
                "goal": plan.goal,
                "year": plan.year,
                "case_id": plan.case_id,
                "budget_total": plan.budget_total,
            }
        ],
        "tasks": rows(plan.tasks, Task),
        "activities": rows(plan.activities, Activity),
        "results": rows(plan.results, Result),
        "standards": rows(plan.standards, Standard),
        "options": rows(plan.delivery_options, DeliveryOption),
        "monitoring": rows(plan.monitoring, MonitoringItem),
        "work_plan": rows(plan.work_plan, WorkItem),
    }


def xlsx_bytes(plan: Plan, lang: str | None = None) -> bytes:
    """The plan as an Excel workbook (bytes), one sheet per part, headers in ``lang``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="E8EEF4")
    wrap = Alignment(wrap_text=True, vertical="top")
    records = _records(plan)
    for key, (title, names) in _SHEETS.items():
        ws = wb.create_sheet(_sheet_title(title, lang))
        ws.append([_header(key, n, lang) for n in names])
        for cell in ws[1]:
            cell.font, cell.fill, cell.alignment = bold, fill, wrap
        for record in records[key]:
            ws.append([inert_cell(_cell_value(key, n, record[n], lang)) for n in names])
        for i, name in enumerate(names, start=1):
            letter = ws.cell(row=1, column=i).column_letter
            wide = name in (
                "title",
                "goal",
                "activity",
                "result",
                "indicator",
                "standard",
                "option",
                "value",
                "expected",
                "verification",
                "product",
                "resources",
            )
            ws.column_dimensions[letter].width = 48 if wide else 16
            if name == "no":  # "1.10" must stay text, not become the number 1.1
                for row in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    row[0].number_format = "@"
            if name in ("budget", "budget_total"):  # 250 000, as amounts are written
                for row in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    row[0].number_format = "#,##0"
        ws.freeze_panes = "A2"
    if _costed(plan):
        _budget_sheet(wb, plan, lang, bold, fill)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _budget_sheet(wb, plan: Plan, lang, bold, fill) -> None:
    """A sheet with the total per source (it is for reading; :func:`read_xlsx` skips it)."""
    ws = wb.create_sheet(_sheet_title(_TEXT["budget"], lang))
    ws.append(
        [_t(COLUMN_LABELS["source"], lang), _t(_TEXT["amount"], lang), _t(_TEXT["share"], lang)]
    )
    for r in budget_by_source(plan).itertuples():
        ws.append([_source_text(r.source, lang) or "—", r.amount, r.share])
    ws.append([_t(_TEXT["total"], lang), budget_sum(plan), None])
    if plan.budget_total is not None:
        ws.append([_t(_TEXT["stated"], lang), plan.budget_total, None])
    for cell in ws[1]:
        cell.font, cell.fill = bold, fill
    for row in ws.iter_rows(min_row=2):
        row[1].number_format = "#,##0"
        row[2].number_format = "0.0"
    ws.column_dimensions["A"].width = 32
    ws.column_dimensions["B"].width = 18


def _sheet_title(title: str, lang) -> str:
    text = _t(title, lang)
    for bad in "[]:*?/\\":
        text = text.replace(bad, " ")
    return text[:31]


def write_xlsx(plan: Plan, path, lang: str | None = None) -> Path:
    """Save the plan as an Excel file (written whole, or not at all). Returns the path."""
    return write_atomic(path, xlsx_bytes(plan, lang))


def _all_words(message: str) -> set[str]:
    return {_norm(translate(message, "plan", lang)) for lang in LANGUAGES} | {_norm(message)}


def _norm(text) -> str:
    return " ".join(str(text).split()).lower()


class _Reader:
    def __init__(self, source, name):
        self.name = name
        self.source = source

    def fail(self, message, sheet=None, row=None, column=None):
        where = f"{self.name} › {sheet}" if sheet else self.name
        raise ToolkitError(message, file=where, row=row, column=column)


def read_xlsx(source, *, check_deadlines: bool = False, year: int | None = None) -> Plan:
    """Read a plan back from an Excel file made by :func:`write_xlsx` (a path or bytes).

    Headers and sheet names may be in any of the three languages.  The first
    problem found stops the reading, with a message naming the sheet, row and
    column; nothing is half-read.  With ``check_deadlines=True`` a deadline
    that cannot be read as a date is such a problem too.
    """
    from openpyxl import load_workbook

    if isinstance(source, (bytes, bytearray)):
        name, stream = "plan.xlsx", io.BytesIO(source)
    else:
        name, stream = Path(source).name, source
    reader = _Reader(source, name)
    try:
        wb = load_workbook(stream, read_only=True, data_only=True)
    except Exception:  # not an Excel file at all: say so, in the user's words
        reader.fail(_("This is not an Excel (.xlsx) file, or it is damaged."))
    try:
        tables = {key: _read_sheet(reader, wb, key) for key in _SHEETS}
    finally:
        wb.close()
    return _build(reader, tables, check_deadlines, year)


def _read_sheet(reader, wb, key):
    title, names = _SHEETS[key]
    wanted = _all_words(title) | {key}
    sheet = next((ws for ws in wb.worksheets if _norm(ws.title) in wanted), None)
    if sheet is None:
        reader.fail(
            _(
                "The file has no sheet «{sheet}»: it does not have the layout of a plan "
                "exported by the toolkit."
            ).format(sheet=_t(title, None))
        )
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        reader.fail(_("The sheet has no header row."), sheet=sheet.title, row=1)
    header = rows[0]
    by_words = {}
    for n in names:
        for word in _all_words(_HEADER_OVERRIDES.get((key, n), _HEADERS[n])) | {n}:
            by_words[word] = n
    columns = {}
    for i, cell in enumerate(header):
        if cell is None or str(cell).strip() == "":
            continue
        field = by_words.get(_norm(cell))
        if field is None:
            reader.fail(
                _(
                    "Column «{column}» is not part of the plan form. Expected columns: {expected}."
                ).format(column=cell, expected=", ".join(_header(key, n, None) for n in names)),
                sheet=sheet.title,
                row=1,
                column=cell,
            )
        if field in columns:
            reader.fail(
                _("Column «{column}» appears twice.").format(column=cell),
                sheet=sheet.title,
                row=1,
                column=cell,
            )
        columns[field] = i
    missing = [n for n in names if n not in columns and n not in _OPTIONAL]
    if missing:
        reader.fail(
            _("The sheet has no column {columns}.").format(
                columns=", ".join(f"«{_header(key, n, None)}»" for n in missing)
            ),
            sheet=sheet.title,
            row=1,
        )
    out = []
    for number, row in enumerate(rows[1:], start=2):
        values = {
            n: (uninert_cell(row[columns[n]]) if n in columns and columns[n] < len(row) else None)
            for n in names
        }
        if all(v is None or str(v).strip() == "" for v in values.values()):
            continue
        out.append((number, values))
    return sheet.title, key, out


def _s(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _source_key(value) -> str:
    """A source as the model keeps it: its key when it is one of the sources, else as written."""
    text = _s(value)
    for key, message in SOURCE_LABELS.items():
        if _norm(text) in _all_words(message):
            return key
    return source_of(text) or text


def _build(reader, tables, check_deadlines, year_hint):
    def number(
        sheet, key, row, field, value, *, integer=False, low=None, high=None, required=False
    ):
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                reader.fail(
                    _("A number is needed here."),
                    sheet=sheet,
                    row=row,
                    column=_header(key, field, None),
                )
            return None
        try:
            x = (
                float(str(value).replace(",", ".").replace(" ", ""))
                if isinstance(value, str)
                else float(value)
            )
        except (TypeError, ValueError):
            reader.fail(
                _("«{value}» is not a number.").format(value=value),
                sheet=sheet,
                row=row,
                column=_header(key, field, None),
            )
        if math.isnan(x) or (integer and not x.is_integer()):
            reader.fail(
                _("A whole number is needed here, not «{value}».").format(value=value),
                sheet=sheet,
                row=row,
                column=_header(key, field, None),
            )
        if (low is not None and x < low) or (high is not None and x > high):
            reader.fail(
                _("The number must be between {low} and {high}.").format(
                    low=low, high=high if high is not None else "∞"
                ),
                sheet=sheet,
                row=row,
                column=_header(key, field, None),
            )
        return int(x) if integer else x

    def choice(sheet, key, row, field, value, labels, allowed):
        text = _norm(_s(value))
        if not text:
            return None
        if text in allowed:
            return text
        for k, message in labels.items():
            if text in _all_words(message):
                return k
        reader.fail(
            _("«{value}» is not one of: {choices}.").format(
                value=value, choices=", ".join(_t(m, None) for m in labels.values())
            ),
            sheet=sheet,
            row=row,
            column=_header(key, field, None),
        )

    sheet, key, rows = tables["plan"]
    if len(rows) != 1:
        reader.fail(_("The sheet must have exactly one plan row."), sheet=sheet, row=2)
    row, v = rows[0]
    if not _s(v["service_id"]):
        reader.fail(
            _("The service ID is empty."),
            sheet=sheet,
            row=row,
            column=_header(key, "service_id", None),
        )
    plan = Plan(
        _s(v["service_id"]),
        _s(v["title"]),
        goal=_s(v["goal"]),
        year=number(sheet, key, row, "year", v["year"], integer=True, low=1990, high=2100),
        case_id=_s(v["case_id"]),
        budget_total=number(sheet, key, row, "budget_total", v["budget_total"], low=0),
    )

    sheet, key, rows = tables["tasks"]
    seen = {}
    for row, v in rows:
        no = number(sheet, key, row, "no", v["no"], integer=True, low=1, required=True)
        if no in seen:
            reader.fail(
                _("Task number {no} is already used in row {other}.").format(no=no, other=seen[no]),
                sheet=sheet,
                row=row,
                column=_header(key, "no", None),
            )
        seen[no] = row
        step = choice(sheet, key, row, "step", v["step"], STEP_LABELS, set(STEPS))
        plan.tasks.append(
            Task(
                no,
                _s(v["title"]),
                _s(v["expected"]),
                step,
                number(sheet, key, row, "weight", v["weight"], low=0),
            )
        )

    sheet, key, rows = tables["activities"]
    used = {}
    year = plan.year or year_hint
    for row, v in rows:
        no = _s(v["no"])
        if not no:
            reader.fail(
                _("The activity has no number (like «1.1»)."),
                sheet=sheet,
                row=row,
                column=_header(key, "no", None),
            )
        if no in used:
            reader.fail(
                _("Activity number {no} is already used in row {other}.").format(
                    no=no, other=used[no]
                ),
                sheet=sheet,
                row=row,
                column=_header(key, "no", None),
            )
        used[no] = row
        task_no = number(sheet, key, row, "task_no", v["task_no"], integer=True, low=1)
        if task_no is None:
            task_no = task_of_number(no)
        if task_no not in seen:
            reader.fail(
                _(
                    "Activity {no} points to task {task}, which is not in the sheet of tasks."
                ).format(no=no, task=task_no if task_no is not None else "?"),
                sheet=sheet,
                row=row,
                column=_header(key, "task_no", None),
            )
        deadline = _s(v["deadline"])
        if check_deadlines and deadline:
            _d, problem = try_parse_deadline(deadline, year)
            if problem:
                reader.fail(problem, sheet=sheet, row=row, column=_header(key, "deadline", None))
        status = (
            choice(sheet, key, row, "status", v["status"], STATUS_LABELS, set(STATUSES))
            or "not-started"
        )
        plan.activities.append(
            Activity(
                no,
                task_no,
                _s(v["activity"]),
                _s(v["result"]),
                _s(v["resources"]),
                deadline,
                _s(v["responsible"]),
                status,
                number(sheet, key, row, "progress", v["progress"], low=0, high=100),
                number(sheet, key, row, "weight", v["weight"], low=0),
                number(sheet, key, row, "budget", v["budget"], low=0),
                _source_key(v["source"]),
            )
        )

    sheet, key, rows = tables["results"]
    for row, v in rows:
        plan.results.append(
            Result(
                number(sheet, key, row, "no", v["no"], integer=True, low=1, required=True),
                _s(v["result"]),
                _s(v["indicator"]),
                number(sheet, key, row, "baseline", v["baseline"]),
                number(sheet, key, row, "target", v["target"]),
                _s(v["unit"]),
                _s(v["verification"]),
            )
        )

    sheet, key, rows = tables["standards"]
    for row, v in rows:
        criterion = (
            choice(
                sheet,
                key,
                row,
                "criterion",
                v["criterion"],
                CRITERION_LABELS,
                set(CRITERION_LABELS),
            )
            or ""
        )
        plan.standards.append(Standard(criterion, _s(v["standard"])))

    sheet, key, rows = tables["options"]
    for row, v in rows:
        chosen = choice(
            sheet,
            key,
            row,
            "chosen",
            v["chosen"],
            {"yes": _TEXT["yes"], "no": _TEXT["no"]},
            {"true", "false"},
        )
        plan.delivery_options.append(
            DeliveryOption(_s(v["option_id"]), _s(v["option"]), chosen in ("yes", "true"))
        )
    sheet, key, rows = tables["monitoring"]
    plan.monitoring = [MonitoringItem(_s(v["item"]), _s(v["value"])) for _row, v in rows]
    sheet, key, rows = tables["work_plan"]
    plan.work_plan = [
        WorkItem(_s(v["activity"]), _s(v["deadline"]), _s(v["responsible"]), _s(v["product"]))
        for _row, v in rows
    ]
    return plan
