"""The workshop on paper: the agenda, a handout per session and the blank sheets, as PDF.

Everything is drawn by matplotlib's PDF backend with the DejaVu Sans font that ships with
matplotlib (every Kyrgyz letter: Ң ң, Ө ө, Ү ү), so it works offline on any laptop, with no
office suite.  The texts come from the agenda (``toolkit/agenda.toml``) and the catalogs, so
the paper never drifts from the kit:

>>> data = pdf_bytes("cards", lang="ky")
>>> data[:5]
b'%PDF-'

The sheets: ``agenda``, ``handouts``, ``cards`` (blank problem cards), ``tree`` (problem
tree), ``voting`` (dot voting), ``tariff`` (tariff worksheet), ``standards`` (service
standards) and ``plan`` (the joint action plan table).
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from toolkit import agenda as A
from toolkit.errors import ToolkitError
from toolkit.files import write_atomic
from toolkit.i18n import LANGUAGES, N_, translate, translator

__all__ = ["FONT", "SHEETS", "pdf_bytes", "sheet_title", "write_pdf"]

_ = translator("agenda")

FONT = "DejaVu Sans"
#: What can be printed, in the order of the workshop.
SHEETS = ("agenda", "handouts", "cards", "tree", "voting", "tariff", "standards", "plan")

_PORTRAIT = (8.27, 11.69)  # A4, inches
_MARGIN = 0.55
_GREY = "#666666"
_LIGHT = "#e8eef3"

_T = {
    "agenda": N_("Agenda"),
    "handouts": N_("Handouts"),
    "session_no": N_("Session {no}"),
    "one_day": N_("One-day version"),
    "municipality": N_("Municipality"),
    "group": N_("Group"),
    "date": N_("Date"),
    "card": N_("Problem card"),
    "problem": N_("Problem"),
    "village": N_("Village"),
    "service": N_("Service"),
    "who": N_("Who suffers, and how many?"),
    "tree_hint": N_(
        "Write one problem in the middle. Below it, its causes (why does it happen?); "
        "above it, its consequences (what happens because of it?)."
    ),
    "causes": N_("Causes"),
    "consequences": N_("Consequences"),
    "voting_hint": N_(
        "First check each service against the two criteria (003). Only a service that "
        "meets both is voted on. Each participant sticks three dots; most dots come first."
    ),
    "no": N_("No."),
    "service_or_problem": N_("Service or problem"),
    "competence": N_("Within the LSG's competence? (yes / no)"),
    "sedp": N_("In the SEDP? (yes / no)"),
    "dots": N_("Dots (votes)"),
    "total": N_("Total"),
    "place": N_("Place"),
    "tariff_hint": N_(
        "Cost of the service per Government Decree No. 83, with depreciation and "
        "profitability (003). Write the amounts in som a year."
    ),
    "line": N_("Line"),
    "how": N_("How to compute"),
    "ours": N_("Our service"),
    "example": N_("Example: waste, Teploklyuchenka"),
    "example_note": N_(
        "In the example the cost lines are illustrative; the tariff of 50 som per household "
        "a month and the 65% who pay fully and on time are observed (000)."
    ),
    "t_direct": N_("A. Direct costs"),
    "t_direct_how": N_("wages, fuel, materials, repairs"),
    "t_over": N_("B. Overheads"),
    "t_over_how": N_("office, accounting, communication"),
    "t_dep": N_("C. Depreciation"),
    "t_dep_how": N_("(price − what it is worth at the end) ÷ years of service"),
    "t_cost": N_("D. Cost"),
    "t_cost_how": N_("A + B + C"),
    "t_margin": N_("E. Profitability"),
    "t_margin_how": N_("a share of D, e.g. 10%"),
    "t_revenue": N_("F. Revenue needed"),
    "t_revenue_how": N_("D × (1 + E)"),
    "t_units": N_("G. Payers"),
    "t_units_how": N_("subscribers, households or head of livestock"),
    "t_periods": N_("H. Payments a year"),
    "t_periods_how": N_("12 if monthly, 1 if once a year"),
    "t_tariff": N_("I. Tariff"),
    "t_tariff_how": N_("F ÷ (G × H)"),
    "t_collect": N_("J. Share who pay"),
    "t_collect_how": N_("e.g. 65% in Teploklyuchenka (000)"),
    "t_needed": N_("K. Tariff if only they pay"),
    "t_needed_how": N_("I ÷ J"),
    "discounts": N_("Discounts: who gets one, how much, and who pays for it?"),
    "hearing": N_(
        "Next: public hearing → agreement with the Antimonopoly agency → "
        "decision of the local council (003)."
    ),
    "standards_hint": N_(
        "Write each standard as residents would say it, and how anyone can check it. "
        "Example (003): «Clean water is supplied without interruption»."
    ),
    "criterion": N_("Criterion"),
    "standard": N_("Standard: what residents can expect"),
    "check": N_("How we check it (indicator)"),
    "residents": N_("What residents said (focus group)"),
    "goal": N_("Goal"),
    "results": N_("Expected results (indicators)"),
    "year": N_("Year"),
    "task": N_("Task {no}: {title}"),
    "produces": N_("What we produce"),
    "notes": N_("My notes"),
    "page": N_("page {page}"),
}


def _t(key: str, lang: str) -> str:
    message = _T.get(key, key)
    return translate(message, "agenda", lang)


def sheet_title(what: str, lang: str) -> str:
    """The title of a printable sheet in ``lang``.

    >>> sheet_title("tree", "ru")
    'Дерево проблем'
    """
    if what in A.PAPERS:
        return A.say(what, lang)
    return _t(what, lang)


# ------------------------------------------------------------------------- drawing


@lru_cache(maxsize=4096)
def _char_width(char: str, bold: bool) -> float:
    """How wide one character is, in inches, at 100 points."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    prop = FontProperties(family=FONT, size=100, weight="bold" if bold else "normal")
    width, _h, _d = text_to_path.get_text_width_height_descent(char, prop, ismath=False)
    return width / 72


def _width(text: str, size: float, bold: bool = False) -> float:
    """How wide ``text`` is, in inches, in the font at ``size`` points (kerning aside)."""
    return sum(_char_width(c, bold) for c in text) * size / 100


def _split_long(words, width: float, size: float, bold: bool):
    """The words, a word wider than ``width`` cut into pieces that fit, each but the last
    ending in a hyphen (a narrow column of a table)."""
    for word in words:
        while _width(word, size, bold) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and _width(word[:cut] + "-", size, bold) > width:
                cut -= 1
            yield word[:cut] + "-"
            word = word[cut:]
        yield word


def _wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width`` inches."""
    lines: list[str] = []
    for para in str(text).split("\n"):
        line = ""
        for word in _split_long(para.split(), width, size, bold):
            trial = f"{line} {word}".strip()
            if line and _width(trial, size, bold) > width:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


class _Doc:
    """Pages of a PDF drawn in inches from the top left corner, with a cursor."""

    def __init__(self, title: str, lang: str):
        from matplotlib.backends.backend_pdf import PdfPages

        self.buf = io.BytesIO()
        self.pdf = PdfPages(self.buf, metadata={"Title": title, "Creator": "ALGCA toolkit"})
        self.lang = lang
        self.fig = None
        self.pages = 0

    def page(self, landscape: bool = False):
        import matplotlib.pyplot as plt

        self.flush()
        size = _PORTRAIT[::-1] if landscape else _PORTRAIT
        with plt.rc_context({"font.family": FONT, "pdf.fonttype": 42}):
            self.fig = plt.figure(figsize=size)
        self.w, self.h = size
        self.y = _MARGIN
        self.pages += 1
        self.text(
            self.w - _MARGIN,
            self.h - 0.3,
            _t("page", self.lang).format(page=self.pages),
            8,
            colour=_GREY,
            ha="right",
        )

    def flush(self):
        import matplotlib.pyplot as plt

        if self.fig is not None:
            self.pdf.savefig(self.fig)
            plt.close(self.fig)
            self.fig = None

    def close(self) -> bytes:
        self.flush()
        self.pdf.close()
        return self.buf.getvalue()

    # -- primitives (x, y in inches from the top left)
    def text(self, x, y, s, size, *, bold=False, colour="black", ha="left", va="top"):
        self.fig.text(
            x / self.w,
            1 - y / self.h,
            s,
            fontsize=size,
            fontweight="bold" if bold else "normal",
            color=colour,
            ha=ha,
            va=va,
            family=FONT,
        )

    def rect(self, x, y, w, h, *, fill="none", lw=1.0, dashed=False, edge="black"):
        from matplotlib.patches import Rectangle

        self.fig.add_artist(
            Rectangle(
                (x / self.w, 1 - (y + h) / self.h),
                w / self.w,
                h / self.h,
                transform=self.fig.transFigure,
                facecolor=fill,
                edgecolor=edge,
                linewidth=lw,
                linestyle="--" if dashed else "-",
            )
        )

    def line(self, x1, y1, x2, y2, *, lw=0.6, colour="#999999", arrow=False):
        from matplotlib.patches import FancyArrowPatch

        self.fig.add_artist(
            FancyArrowPatch(
                (x1 / self.w, 1 - y1 / self.h),
                (x2 / self.w, 1 - y2 / self.h),
                transform=self.fig.transFigure,
                arrowstyle="-|>" if arrow else "-",
                mutation_scale=18,
                linewidth=lw,
                color=colour,
            )
        )

    def block(self, x, y, width, s, size, *, bold=False, colour="black", leading=1.35) -> float:
        """Wrapped text from (x, y); returns the height it took."""
        lines = _wrap(s, width, size, bold)
        step = size * leading / 72
        for i, line in enumerate(lines):
            self.text(x, y + i * step, line, size, bold=bold, colour=colour)
        return len(lines) * step

    # -- flowing content
    def room(self, height: float, landscape: bool = False):
        if self.fig is None or self.y + height > self.h - _MARGIN:
            self.page(landscape)

    def heading(self, s, size=18):
        self.room(0.6)
        self.y += self.block(_MARGIN, self.y, self.w - 2 * _MARGIN, s, size, bold=True) + 0.1

    def para(self, s, size=11, *, bold=False, colour="black", indent=0.0):
        lines = _wrap(s, self.w - 2 * _MARGIN - indent, size, bold)
        self.room(len(lines) * size * 1.35 / 72)
        self.y += (
            self.block(
                _MARGIN + indent,
                self.y,
                self.w - 2 * _MARGIN - indent,
                s,
                size,
                bold=bold,
                colour=colour,
            )
            + 0.06
        )

    def bullets(self, items, size=11):
        for item in items:
            lines = _wrap(item, self.w - 2 * _MARGIN - 0.3, size)
            self.room(len(lines) * size * 1.35 / 72)
            self.text(_MARGIN + 0.08, self.y, "•", size)
            self.y += self.block(_MARGIN + 0.3, self.y, self.w - 2 * _MARGIN - 0.3, item, size)
            self.y += 0.06

    def table(self, headers, widths, rows, *, size=10, min_height=0.0, shade=None):
        """A table with wrapped cells across the page; ``widths`` are shares of the width."""
        total = self.w - 2 * _MARGIN
        cols = [total * w / sum(widths) for w in widths]
        pad = 0.06

        step = size * 1.3 / 72

        def parts(cell, bold):
            # a cell is a text, or (heading, text): the heading in bold above the text
            return [(cell[0], True), (cell[1], bold)] if isinstance(cell, tuple) else [(cell, bold)]

        def lines(cell, cw, bold):
            return sum(len(_wrap(t, cw - 2 * pad, size, b)) for t, b in parts(cell, bold) if t)

        def height(cells, bold):
            return max(
                lines(c, cw, bold) * step + 2 * pad for c, cw in zip(cells, cols, strict=True)
            )

        def draw(cells, bold, fill, h):
            x = _MARGIN
            for c, cw in zip(cells, cols, strict=True):
                self.rect(x, self.y, cw, h, fill=fill, lw=0.8)
                y = self.y + pad
                for text, b in parts(c, bold):
                    if text:
                        y += self.block(x + pad, y, cw - 2 * pad, text, size, bold=b, leading=1.3)
                x += cw
            self.y += h

        head_h = height(headers, True)
        self.room(head_h + max(min_height, 0.3))
        draw(headers, True, _LIGHT, head_h)
        for i, row in enumerate(rows):
            h = max(height(row, False), min_height)
            if self.y + h > self.h - _MARGIN:
                self.page(self.w > self.h)
                draw(headers, True, _LIGHT, head_h)
            draw(row, False, (shade or {}).get(i, "none"), h)
        self.y += 0.15

    def blank(self, label, width=None, size=11):
        """A label and a line to write on."""
        self.room(0.45)
        self.text(_MARGIN, self.y, label + ":", size, bold=True)
        start = _MARGIN + _width(label + ": ", size, True) + 0.05
        end = _MARGIN + (width or self.w - 2 * _MARGIN)
        self.line(start, self.y + 0.2, end, self.y + 0.2, colour="#555555")
        self.y += 0.42


# ------------------------------------------------------------------------- sheets


def _header(doc: _Doc, title: str, agenda, lang):
    doc.page()
    doc.para(agenda.title[lang], 9, colour=_GREY)
    doc.heading(title)


def _agenda_sheet(doc, agenda, lang, one_day, start, sessions):
    slots = (
        A.one_day(agenda, sessions, start)
        if one_day or sessions is not None
        else A.timetable(agenda, start)
    )
    doc.page()
    doc.heading(agenda.title[lang], 17)
    if one_day or sessions is not None:
        doc.para(_t("one_day", lang), 12, bold=True)
    days = sorted({s.day for s in slots})
    for day in days:
        doc.para(A.say("day", lang).format(day=day), 14, bold=True)
        rows, shade = [], {}
        for slot in (s for s in slots if s.day == day):
            if slot.session:
                s = slot.session
                rows.append(
                    [
                        f"{slot.start}–{slot.end}",
                        (f"{s.number(agenda)}. {s.text('title', lang)}", s.text("aim", lang)),
                        s.text("produces", lang),
                    ]
                )
            else:
                shade[len(rows)] = _LIGHT
                rows.append([f"{slot.start}–{slot.end}", slot.title(lang), ""])
        doc.table(
            [A.say("time", lang), A.say("session", lang), A.say("produces", lang)],
            [1.1, 4.2, 2.6],
            rows,
            size=9,
            shade=shade,
        )
    doc.para(agenda.source, 7, colour=_GREY)


def _handouts(doc, agenda, lang, one_day, start, sessions):
    slots = (
        A.one_day(agenda, sessions, start)
        if one_day or sessions is not None
        else A.timetable(agenda, start)
    )
    for slot in slots:
        if not slot.session:
            continue
        s = slot.session
        doc.page()
        doc.para(agenda.title[lang], 9, colour=_GREY)
        doc.para(
            _t("session_no", lang).format(no=s.number(agenda))
            + f" · {A.say('day', lang).format(day=slot.day)} · {slot.start}–{slot.end}",
            11,
            colour=_GREY,
        )
        doc.heading(s.text("title", lang), 18)
        doc.para(A.say("aim", lang), 12, bold=True)
        doc.para(s.text("aim", lang), 11)
        doc.y += 0.1
        doc.para(A.say("points", lang), 12, bold=True)
        doc.bullets(s.key_points(lang), 11)
        doc.y += 0.1
        doc.para(_t("produces", lang), 12, bold=True)
        doc.para(s.text("produces", lang), 11)
        if s.text("room", lang):
            doc.y += 0.1
            doc.para(A.say("room", lang), 12, bold=True)
            doc.para(s.text("room", lang), 11)
        source = A.say("source", lang) + ": " + s.source
        source_h = len(_wrap(source, doc.w - 2 * _MARGIN, 7)) * 7 * 1.35 / 72 + 0.15
        bottom = doc.h - _MARGIN - source_h
        if doc.y + 1.2 < bottom:  # the rest of the page: lines for the participant's notes
            doc.y += 0.15
            doc.para(_t("notes", lang), 12, bold=True)
            while doc.y + 0.36 < bottom:
                doc.y += 0.36
                doc.line(_MARGIN, doc.y, doc.w - _MARGIN, doc.y, colour="#bbbbbb")
            doc.y = bottom
        doc.para(source, 7, colour=_GREY)


def _cards(doc, agenda, lang, *_args):
    doc.page()
    w, h = (doc.w - 2 * _MARGIN - 0.2) / 2, (doc.h - 2 * _MARGIN - 0.2) / 2
    for row in range(2):
        for col in range(2):
            x, y = _MARGIN + col * (w + 0.2), _MARGIN + row * (h + 0.2)
            doc.rect(x, y, w, h, dashed=True, lw=1.2)
            doc.text(x + 0.15, y + 0.15, _t("card", lang), 14, bold=True)
            fy = y + 0.6
            for key, lines in (("problem", 4), ("village", 1), ("service", 1), ("who", 2)):
                doc.text(x + 0.15, fy, _t(key, lang), 10, bold=True)
                fy += 0.22
                for _i in range(lines):
                    fy += 0.36
                    doc.line(x + 0.15, fy, x + w - 0.15, fy, colour="#777777")
                fy += 0.18
            doc.text(x + 0.15, y + h - 0.4, _t("group", lang) + ": __________", 10)


def _tree(doc, agenda, lang, *_args):
    doc.page(landscape=True)
    doc.heading(A.say("tree", lang))
    doc.para(_t("tree_hint", lang), 11)
    doc.blank(_t("municipality", lang), width=(doc.w - 2 * _MARGIN) / 2)
    top = doc.y + 0.1
    inner = doc.w - 2 * _MARGIN
    bw, gap = (inner - 0.6) / 3, 0.3
    box_h = 1.35
    doc.text(_MARGIN, top, _t("consequences", lang), 13, bold=True, colour="#D55E00")
    mid = top + 0.3 + box_h + 0.6
    for i in range(3):
        x = _MARGIN + i * (bw + gap)
        doc.rect(x, top + 0.3, bw, box_h, edge="#D55E00", lw=1.5)
        doc.line(
            doc.w / 2, mid, x + bw / 2, top + 0.3 + box_h, lw=1.2, colour="#555555", arrow=True
        )
    pw = inner / 2
    doc.rect(doc.w / 2 - pw / 2, mid, pw, box_h, edge="#0072B2", lw=3, fill="#eef6fb")
    doc.text(
        doc.w / 2 - pw / 2 + 0.12, mid + 0.1, _t("problem", lang), 13, bold=True, colour="#0072B2"
    )
    low = mid + box_h + 0.6
    doc.text(_MARGIN, low - 0.3, _t("causes", lang), 13, bold=True, colour="#009E73")
    for i in range(3):
        x = _MARGIN + i * (bw + gap)
        doc.rect(x, low, bw, box_h, edge="#009E73", lw=1.5)
        doc.line(x + bw / 2, low, doc.w / 2, mid + box_h, lw=1.2, colour="#555555", arrow=True)


def _voting(doc, agenda, lang, *_args):
    doc.page(landscape=True)
    doc.heading(A.say("voting", lang))
    doc.para(_t("voting_hint", lang), 11)
    doc.blank(_t("municipality", lang), width=(doc.w - 2 * _MARGIN) / 2)
    headers = [
        _t("no", lang),
        _t("service_or_problem", lang),
        _t("competence", lang),
        _t("sedp", lang),
        _t("dots", lang),
        _t("total", lang),
        _t("place", lang),
    ]
    rows = [[str(i), "", "", "", "", "", ""] for i in range(1, 11)]
    doc.table(headers, [0.5, 2.7, 2.3, 1.5, 2.6, 1.1, 0.9], rows, size=10, min_height=0.46)


def _tariff(doc, agenda, lang, *_args):
    _header(doc, A.say("tariff", lang), agenda, lang)
    doc.para(_t("tariff_hint", lang), 10)
    doc.blank(_t("municipality", lang))
    doc.blank(_t("service", lang))
    keys = [
        "direct", "over", "dep", "cost", "margin", "revenue", "units", "periods", "tariff",
        "collect", "needed",
    ]  # fmt: skip
    example = _tariff_example(lang)
    rows = [[_t(f"t_{k}", lang), _t(f"t_{k}_how", lang), example[k], ""] for k in keys]
    shade = {keys.index("tariff"): "#fff6d5"}
    doc.table(
        [_t("line", lang), _t("how", lang), _t("example", lang), _t("ours", lang)],
        [2.0, 2.6, 1.5, 1.6],
        rows,
        size=10,
        min_height=0.44,
        shade=shade,
    )
    doc.para(_t("example_note", lang), 8, colour=_GREY)
    doc.para(_t("discounts", lang), 11, bold=True)
    for _i in range(3):
        doc.y += 0.32
        doc.line(_MARGIN, doc.y, doc.w - _MARGIN, doc.y, colour="#777777")
    doc.y += 0.2
    doc.para(_t("hearing", lang), 10, colour=_GREY)


def _tariff_example(lang: str) -> dict[str, str]:
    """Teploklyuchenka's waste service worked through the lines of the sheet, from the kit's data."""
    from toolkit.i18n import format_number, format_percent
    from toolkit.tariff import case_calculation

    c = case_calculation("teploklyuchenka", "waste")
    return {
        "direct": format_number(c.direct, lang=lang),
        "over": format_number(c.overheads, lang=lang),
        "dep": format_number(c.depreciation, lang=lang),
        "cost": format_number(c.cost, lang=lang),
        "margin": format_percent(c.margin, lang=lang),
        "revenue": format_number(c.required_revenue, lang=lang),
        "units": format_number(c.units, lang=lang),
        "periods": format_number(c.periods_per_year, lang=lang),
        "tariff": format_number(c.tariff, 2, lang=lang),
        "collect": format_percent(c.collection_rate, lang=lang),
        "needed": format_number(c.tariff_needed, 2, lang=lang),
    }


def _standards(doc, agenda, lang, *_args):
    from toolkit.plan.model import CRITERION_LABELS

    _header(doc, A.say("standards", lang), agenda, lang)
    doc.para(_t("standards_hint", lang), 10)
    doc.blank(_t("municipality", lang))
    doc.blank(_t("service", lang))
    rows = [[translate(label, "plan", lang), "", "", ""] for label in CRITERION_LABELS.values()]
    doc.table(
        [_t("criterion", lang), _t("standard", lang), _t("check", lang), _t("residents", lang)],
        [1.9, 2.5, 1.9, 1.9],
        rows,
        size=10,
        min_height=1.7,
    )


def _plan(doc, agenda, lang, *_args):
    from toolkit.plan.model import COLUMN_LABELS, STEP_LABELS

    doc.page(landscape=True)
    doc.heading(A.say("plan", lang))
    half = (doc.w - 2 * _MARGIN) / 2 - 0.2
    y = doc.y
    doc.blank(_t("municipality", lang), width=half)
    doc.y = y
    doc.text(_MARGIN + half + 0.4, y, _t("year", lang) + ": ________", 11, bold=True)
    doc.y = y + 0.42
    doc.blank(_t("service", lang))
    doc.blank(_t("goal", lang))
    doc.blank(_t("results", lang))
    columns = ["no", "activity", "result", "resources", "deadline", "responsible"]
    headers = [translate(COLUMN_LABELS[c], "plan", lang) for c in columns]
    for no, label in enumerate(STEP_LABELS.values(), start=1):
        title = _t("task", lang).format(no=no, title=translate(label, "plan", lang))
        doc.room(3.1, landscape=True)  # a task's title and table stay on one page
        doc.para(title, 11, bold=True)
        rows = [[f"{no}.{i}", "", "", "", "", ""] for i in range(1, 4)]
        doc.table(headers, [0.5, 3.4, 2.4, 1.6, 1.1, 1.6], rows, size=9, min_height=0.72)


_DRAW = {
    "agenda": _agenda_sheet,
    "handouts": _handouts,
    "cards": _cards,
    "tree": _tree,
    "voting": _voting,
    "tariff": _tariff,
    "standards": _standards,
    "plan": _plan,
}


def pdf_bytes(
    what: str,
    lang: str = "ky",
    *,
    agenda: A.Agenda | None = None,
    one_day: bool = False,
    sessions: list[str] | None = None,
    start: str | None = None,
) -> bytes:
    """The sheet ``what`` (one of :data:`SHEETS`) as a PDF in ``lang``.

    ``one_day`` (or a list of ``sessions``) prints the agenda and handouts of the one-day
    version; ``start`` is the time the day begins (default: the agenda's).
    """
    if what not in SHEETS:
        raise ToolkitError(
            _("There is no printable «{what}». Choose from: {names}.").format(
                what=what, names=", ".join(SHEETS)
            )
        )
    if lang not in LANGUAGES:
        raise ToolkitError(
            _("Unknown language {lang!r}. Choose one of: {choices}.").format(
                lang=lang, choices=", ".join(LANGUAGES)
            )
        )
    import matplotlib.pyplot as plt

    agenda = agenda or A.load()
    # TrueType fonts (42), not Type 3, from the first page to the file's end (the fonts are
    # written when the file is closed): pdftotext and screen readers get the letters back
    with plt.rc_context({"pdf.fonttype": 42, "font.family": FONT}):
        doc = _Doc(sheet_title(what, lang), lang)
        _DRAW[what](doc, agenda, lang, one_day, start, sessions)
        return doc.close()


def write_pdf(what: str, path, lang: str = "ky", **kwargs) -> Path:
    """Write the sheet ``what`` as a PDF to ``path`` (whole or not at all); returns the path."""
    return write_atomic(path, pdf_bytes(what, lang, **kwargs))
