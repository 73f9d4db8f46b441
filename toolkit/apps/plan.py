"""The plan builder for the seminar: build a joint action plan together, on the projector.

Start from one of Chet-Nura's three real plans or from a new one (the six
tasks are already there), add and edit activities in the form, and watch
the checks and the Gantt chart follow every change.  The plan downloads as
Word (the seed's table layout) and Excel, and an edited Excel file can be
loaded back.  The work is saved as it goes and comes back after a restart.

>>> from toolkit.apps.plan import PlanBuilder
>>> builder = PlanBuilder(restore=False, build=False, autosave=False)  # the logic alone
>>> len(builder.plan.activities), builder.findings_count()["error"] > 0
(20, True)
>>> builder.select("5.2")
>>> builder.update_activity(deadline="2019 жыл августтун 1-аптасы")
>>> sorted(f.where for f in builder.findings if f.code == "order")
['3.1', '3.2']
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from toolkit import plan as P
from toolkit.apps.common import (
    GroupWork,
    WorkChanged,
    app_frame,
    download_button,
    group_bar,
    safe,
    show_message,
)
from toolkit.errors import ToolkitError
from toolkit.i18n import N_, format_money, format_number, format_percent, get_language, translator
from toolkit.plan.model import budget_value

__all__ = ["CHOICES", "PlanBuilder", "app"]

_ = translator("plan")

_STATE = "plan_builder"
_DPI = 70  # enough for a projector, and quick to draw again

#: What the builder can start from: a real plan of Chet-Nura or a new plan for the lesson.
CHOICES = {
    "chet-nura/drinking-water": N_("Chet-Nura: drinking water (real plan)"),
    "chet-nura/waste": N_("Chet-Nura: waste (real plan)"),
    "chet-nura/irrigation": N_("Chet-Nura: irrigation (real plan)"),
    "new/teploklyuchenka-waste": N_("New plan: Teploklyuchenka, waste collection"),
    "new/birinchi-may-school-transport": N_("New plan: Birinchi May, school transport"),
}

_NEW = {
    "new/teploklyuchenka-waste": ("waste", N_("Waste collection and removal"), "teploklyuchenka"),
    "new/birinchi-may-school-transport": (
        "school-transport",
        N_("School transport"),
        "birinchi-may",
    ),
}

_FIELDS = ("no", "activity", "result", "resources", "deadline", "responsible")


def _png(fig) -> bytes:
    from toolkit import plots

    try:
        return plots.png_bytes(fig, _DPI)  # trimmed: the Gantt's long labels reach past the figure
    finally:
        plots.close(fig)


class PlanBuilder:
    """The plan builder's logic and widgets; ``app()`` shows it in its frame."""

    def __init__(
        self, restore: bool = True, build: bool = True, autosave: bool = True, group: str = ""
    ):
        self.autosave = autosave
        self.root = widgets.VBox()
        self.plan: P.Plan = P.blank_plan("waste", "", year=2024)
        self.findings: list[P.Finding] = []
        self.selected: str | None = None
        self._filling = False
        self.widgets_built = False
        self._built_lang: str | None = None
        if build:
            self._build_widgets()
        self._restore(group, restore)

    def _restore(self, group: str, restore: bool = True) -> None:
        self.work = GroupWork(_STATE, group)
        saved = self.work.load(check=lambda s: P.plan_from_dict(s["plan"])) if restore else None
        self.note = self.work.note
        if saved is not None:
            self.set_plan(saved)
        else:
            self.load("chet-nura/waste")

    def open_group(self, group: str) -> None:
        """Show (and from now on save) the plan of ``group``."""
        self._restore(group)
        if self.widgets_built:
            self.body()
        if self.note:
            show_message(self.note, kind="note")

    # ------------------------------------------------------------ logic (no browser needed)

    def load(self, key: str) -> None:
        """Start from a real plan (``"chet-nura/waste"``) or a new one (``"new/…"``)."""
        if key in _NEW:
            service, title, case = _NEW[key]
            plan = P.blank_plan(service, _(title), year=2024, case_id=case)
        elif key in CHOICES:
            case, service = key.split("/")
            plan = P.load_plan(case, service)
        else:
            raise ToolkitError(_("Unknown plan «{key}».").format(key=key))
        self.set_plan(plan)

    def set_plan(self, plan: P.Plan) -> None:
        """Show ``plan`` (it replaces the one on screen) and check it."""
        self.plan = plan
        self.selected = plan.activities[0].no if plan.activities else None
        key = f"{plan.case_id}/{plan.service_id}"
        if self.widgets_built and key in CHOICES:
            self._filling = True
            self.choice.value = key
            self._filling = False
        self._fill_plan_widgets()
        self.refresh()

    def select(self, no: str | None) -> None:
        """Put activity ``no`` in the form."""
        self.selected = no
        self._fill_activity_widgets()

    def activity(self, no: str | None) -> P.Activity | None:
        """The activity numbered ``no``, if there is one."""
        return next((a for a in self.plan.activities if a.no == no), None)

    def next_number(self, task_no: int) -> str:
        """The next free activity number of a task: after 2.3 comes 2.4."""
        taken = {a.no for a in self.plan.activities}
        k = len(self.plan.activities_of(task_no)) + 1
        while f"{task_no}.{k}" in taken:
            k += 1
        return f"{task_no}.{k}"

    def add_activity(self, task_no: int, text: str = "") -> P.Activity:
        """A new activity at the end of a task; it is selected in the form."""
        if self.plan.task(task_no) is None:
            raise ToolkitError(_("There is no task {no} in the plan.").format(no=task_no))
        new = P.Activity(self.next_number(task_no), task_no, text.strip())
        position = max(
            (i + 1 for i, a in enumerate(self.plan.activities) if a.task_no <= task_no), default=0
        )
        self.plan.activities.insert(position, new)
        self.selected = new.no
        self._fill_activity_widgets()
        self.refresh()
        return new

    def delete_activity(self, no: str | None) -> None:
        """Remove an activity from the plan."""
        self.plan.activities = [a for a in self.plan.activities if a.no != no]
        self.selected = self.plan.activities[0].no if self.plan.activities else None
        self._fill_activity_widgets()
        self.refresh()

    def add_task(self, title: str) -> P.Task:
        """A new task at the end of the plan (it is checked like the others)."""
        if not title.strip():
            raise ToolkitError(_("Write the task's title first."))
        task = P.Task(max((t.no for t in self.plan.tasks), default=0) + 1, title.strip())
        self.plan.tasks.append(task)
        self._fill_plan_widgets()
        self.refresh()
        return task

    def add_result(
        self, indicator: str, baseline="", target="", unit: str = "", verification: str = ""
    ) -> P.Result:
        """A new expected result with its indicator (numbers may be left empty)."""
        if not str(indicator).strip():
            raise ToolkitError(_("Write the indicator first."))

        def number(value):
            text = str(value).strip().replace(" ", "").replace(",", ".").rstrip("%")
            if not text:
                return None
            try:
                return float(text)
            except ValueError:
                raise ToolkitError(_("«{value}» is not a number.").format(value=value)) from None

        result = P.Result(
            max((r.no for r in self.plan.results), default=0) + 1,
            str(indicator).strip(),
            str(indicator).strip(),
            number(baseline),
            number(target),
            str(unit).strip(),
            str(verification).strip(),
        )
        self.plan.results.append(result)
        self.refresh()
        return result

    def delete_result(self, no: int) -> None:
        """Remove an expected result."""
        self.plan.results = [r for r in self.plan.results if r.no != no]
        self.refresh()

    def update_activity(self, **values) -> None:
        """Change fields of the selected activity (``deadline="июнь"``, ``progress=50`` …)."""
        a = self.activity(self.selected)
        if a is None:
            raise ToolkitError(_("Choose an activity first, or add one."))
        if "no" in values:
            no = str(values["no"]).strip()
            if not no:
                raise ToolkitError(_("The activity needs a number, like «1.1»."))
            if no != a.no and self.activity(no) is not None:
                raise ToolkitError(_("Activity number {no} is already used.").format(no=no))
            values["no"] = no
        if "task_no" in values and self.plan.task(values["task_no"]) is None:
            raise ToolkitError(_("There is no task {no} in the plan.").format(no=values["task_no"]))
        for key, value in values.items():
            setattr(a, key, value)
        self.selected = a.no
        self.refresh()

    def set_budget(self, amount, source: str | None = None) -> None:
        """The selected activity's budget, written as people write it ("250 000", "" for none), and its source.

        >>> b = PlanBuilder(restore=False, build=False, autosave=False)
        >>> b.load("new/birinchi-may-school-transport"); _ = b.add_activity(4, "Бюджеттен каржылоо")
        >>> b.set_budget("250 000", "local")
        >>> b.activity("4.1").budget, P.budget_sum(b.plan)
        (250000.0, 250000.0)
        """
        a = self.activity(self.selected)
        if a is None:
            raise ToolkitError(_("Choose an activity first, or add one."))
        budget = budget_value(amount, a.no)
        values: dict[str, object] = {"budget": budget}
        if budget is not None and budget < 0:
            raise ToolkitError(
                _("Activity {no}: the budget «{value}» is not an amount in som.").format(
                    no=a.no, value=amount
                )
            )
        if source is not None:
            values["source"] = source
        self.update_activity(**values)

    def set_budget_total(self, amount) -> None:
        """The total budget the plan states ("" when it states none); the checks compare it with the sum."""
        self.update_plan(budget_total=budget_value(amount, "—"))

    def update_plan(self, **values) -> None:
        """Change the plan's title, goal, year or stated total budget."""
        for key, value in values.items():
            setattr(self.plan, key, value)
        self.refresh()

    def findings_count(self) -> dict[str, int]:
        """How many errors and warnings the plan has now."""
        return {s: sum(1 for f in self.findings if f.severity == s) for s in ("error", "warning")}

    def import_xlsx(self, data: bytes, name: str = "plan.xlsx") -> None:
        """Load an edited Excel plan; a wrong file changes nothing and says why."""
        self.set_plan(P.read_xlsx(data))

    def docx(self) -> bytes:
        """The plan as Word, in the current language."""
        return P.docx_bytes(self.plan, lang=get_language())

    def xlsx(self) -> bytes:
        """The plan as Excel, in the current language."""
        return P.xlsx_bytes(self.plan, lang=get_language())

    def refresh(self) -> None:
        """Check the plan again, draw the charts, save the work."""
        self.findings = P.check_plan(self.plan)
        if self.autosave:
            try:
                self.work.save({"plan": P.plan_to_dict(self.plan)})
            except WorkChanged:  # another screen saved this group's plan: show it
                self.work = GroupWork(_STATE, self.work.group)
                self.set_plan(P.plan_from_dict(self.work.load()["plan"]))
                raise
        if self.widgets_built:
            self._draw()

    # ------------------------------------------------------------ widgets

    def _build_widgets(self) -> None:
        full = "calc(100% - 8px)"  # a full-width field whose margins stay inside the app
        big = widgets.Layout(width=full)
        self.choice = widgets.Dropdown(
            options=[(_(v), k) for k, v in CHOICES.items()], layout=widgets.Layout(width="34em")
        )
        self.load_button = widgets.Button(
            description=_("Open"), button_style="primary", layout=widgets.Layout(width="auto")
        )
        self.upload = widgets.FileUpload(
            accept=".xlsx",
            multiple=False,
            layout=widgets.Layout(width="auto"),
            description=_("Load Excel"),
        )
        wide = {"description_width": "16em"}
        self.title = widgets.Text(
            description=_("Title"), layout=big, continuous_update=False, style=wide
        )
        self.year = widgets.IntText(
            description=_("Year"), layout=widgets.Layout(width="24em"), style=wide
        )
        self.goal = widgets.Textarea(
            description=_("Goal"),
            layout=widgets.Layout(width=full, height="3.5em"),
            continuous_update=False,
            style=wide,
        )
        self.picker = widgets.Dropdown(
            description=_("Activity"), layout=widgets.Layout(width=full), style=wide
        )
        self.task_picker = widgets.Dropdown(
            description=_("Task"), layout=widgets.Layout(width="50em"), style=wide
        )
        labels = {
            "no": _("No."),
            "activity": _("Activity"),
            "result": _("Expected result / product"),
            "resources": _("Resources"),
            "deadline": _("Deadline"),
            "responsible": _("Responsible"),
        }
        self.fields = {}
        for name in _FIELDS:
            cls = widgets.Textarea if name in ("activity", "result") else widgets.Text
            w = cls(
                description=labels[name],
                continuous_update=False,
                layout=widgets.Layout(
                    width=full, height="3.2em" if cls is widgets.Textarea else None
                ),
                style=wide,
            )
            self.fields[name] = w
        self.fields["deadline"].add_class("algca-primary-input")
        self.fields["deadline"].placeholder = "2019 жыл июлдун 2-аптасы"
        self.budget = widgets.Text(
            description=_("Budget, som"),
            continuous_update=False,
            style=wide,
            placeholder="250 000",
            layout=widgets.Layout(width="30em"),
        )
        beside = {
            "description_width": "initial"
        }  # a field beside another: its label as long as it is
        self.source = widgets.Dropdown(
            options=[("—", "")] + [(P.label(s), s) for s in P.SOURCES],
            description=_("Source of funds"),
            style=beside,
            layout=widgets.Layout(width="26em", margin="2px 0 2px 2em"),
        )
        self.budget_total = widgets.Text(
            description=_("Total budget stated, som"),
            continuous_update=False,
            style=beside,
            placeholder="320 000",
            layout=widgets.Layout(width="26em", margin="2px 0 2px 2em"),
        )
        self.status = widgets.Dropdown(
            options=[(P.label(s), s) for s in P.STATUSES],
            description=_("Status"),
            style=wide,
            layout=widgets.Layout(width="34em"),
        )
        self.progress = widgets.IntSlider(
            min=0,
            max=100,
            step=5,
            description=_("Percent done"),
            style=wide,
            continuous_update=False,
            layout=widgets.Layout(width="50em"),
        )
        self.add_button = widgets.Button(
            description=_("New activity"), icon="plus", layout=widgets.Layout(width="auto")
        )
        self.delete_button = widgets.Button(
            description=_("Delete activity"),
            icon="trash",
            button_style="danger",
            layout=widgets.Layout(width="auto"),
        )
        self.new_task = widgets.Text(
            placeholder=_("Title of a new task"), layout=widgets.Layout(width="30em")
        )
        self.result_fields = {
            "indicator": widgets.Text(description=_("Indicator"), style=wide, layout=big),
            "baseline": widgets.Text(
                description=_("Baseline"), style=wide, layout=widgets.Layout(width="24em")
            ),
            "target": widgets.Text(
                description=_("Target"), style=wide, layout=widgets.Layout(width="24em")
            ),
            "unit": widgets.Text(
                description=_("Unit"), style=wide, layout=widgets.Layout(width="24em")
            ),
            "verification": widgets.Text(
                description=_("Means of verification"), style=wide, layout=big
            ),
        }
        self.add_result_button = widgets.Button(
            description=_("Add result"), icon="plus", layout=widgets.Layout(width="auto")
        )
        self.results_html = widgets.HTML()
        self.add_task_button = widgets.Button(
            description=_("Add task"), icon="plus", layout=widgets.Layout(width="auto")
        )
        self.summary = widgets.HTML()
        self.checks_html = widgets.HTML()
        self.gantt_image = widgets.Image(
            format="png", layout=widgets.Layout(width="100%", height="auto")
        )
        self.progress_image = widgets.Image(format="png", layout=widgets.Layout(width="80%"))
        self.table_html = widgets.HTML()
        self.tabs = widgets.Tab(children=[self.gantt_image, self.progress_image, self.table_html])
        for i, title in enumerate((_("Gantt chart"), _("Progress"), _("Table"))):
            self.tabs.set_title(i, title)
        self._stale_progress = True
        self.tabs.observe(safe(self._draw_progress), names="selected_index")
        self.live = widgets.VBox([self.summary, self.checks_html, self.tabs])
        self.live.add_class("algca-live-output")
        self.prepare_button = widgets.Button(
            description=_("Prepare Word and Excel"),
            icon="download",
            layout=widgets.Layout(width="auto"),
        )
        self.downloads = widgets.HBox()

        self.load_button.on_click(safe(lambda _b: self.load(self.choice.value)))
        self.upload.observe(safe(self._on_upload), names="value")
        self.title.observe(safe(self._on_plan_field), names="value")
        self.year.observe(safe(self._on_plan_field), names="value")
        self.goal.observe(safe(self._on_plan_field), names="value")
        self.budget_total.observe(safe(self._on_budget_total), names="value")
        self.budget.observe(safe(self._on_budget), names="value")
        self.source.observe(safe(self._on_budget), names="value")
        self.picker.observe(safe(self._on_pick), names="value")
        for w in (*self.fields.values(), self.status, self.progress, self.task_picker):
            w.observe(safe(self._on_activity_field), names="value")
        self.add_button.on_click(safe(lambda _b: self.add_activity(self.task_picker.value or 1)))
        self.delete_button.on_click(safe(lambda _b: self.delete_activity(self.selected)))
        self.add_task_button.on_click(safe(self._on_add_task))
        self.add_result_button.on_click(safe(self._on_add_result))
        self.prepare_button.on_click(safe(self._on_prepare))
        self.widgets_built = True
        self._built_lang = get_language()

    def _fill_plan_widgets(self) -> None:
        if not self.widgets_built:
            return
        self._filling = True
        try:
            self.title.value = self.plan.title
            self.year.value = self.plan.year or 0
            self.goal.value = self.plan.goal
            self.budget_total.value = _amount_text(self.plan.budget_total)
            self.task_picker.options = [(f"{t.no}. {t.title[:60]}", t.no) for t in self.plan.tasks]
            self.downloads.children = ()
        finally:
            self._filling = False
        self._fill_activity_widgets()

    def _fill_activity_widgets(self) -> None:
        if not self.widgets_built:
            return
        self._filling = True
        try:
            self.picker.options = [
                (f"{a.no} {a.activity[:60]}", a.no) for a in self.plan.activities
            ]
            a = self.activity(self.selected)
            self.picker.value = a.no if a else None
            for name in _FIELDS:
                self.fields[name].value = getattr(a, name) if a else ""
                self.fields[name].disabled = a is None
            self.budget.value = _amount_text(a.budget) if a else ""
            self.budget.disabled = a is None
            sources = [("—", "")] + [(P.label(s), s) for s in P.SOURCES]
            if (
                a and a.source and a.source not in P.SOURCES
            ):  # a source written in other words stays
                sources.append((a.source, a.source))
            self.source.options = sources
            self.source.value = a.source if a else ""
            self.status.value = a.status if a and a.status in P.STATUSES else "not-started"
            self.progress.value = int(P.activity_percent(a) or 0) if a else 0
            if a and self.plan.task(a.task_no):
                self.task_picker.value = a.task_no
        finally:
            self._filling = False

    def _on_pick(self, change) -> None:
        if not self._filling and change["new"] is not None:
            self.select(change["new"])

    def _on_plan_field(self, _change) -> None:
        if self._filling:
            return
        self.update_plan(
            title=self.title.value.strip(),
            goal=self.goal.value.strip(),
            year=self.year.value or None,
        )

    def _on_activity_field(self, change) -> None:
        if self._filling or self.activity(self.selected) is None:
            return
        owner = change["owner"]
        if owner is self.status:
            values = {"status": owner.value, "progress": P.STATUSES[owner.value]}
        elif owner is self.progress:
            values = {"progress": float(owner.value)}
        elif owner is self.task_picker:
            values = {"task_no": owner.value}
        else:
            name = next(n for n, w in self.fields.items() if w is owner)
            values = {name: owner.value.strip() if name == "no" else owner.value}
        try:
            self.update_activity(**values)
        except ToolkitError:
            self._fill_activity_widgets()  # put the old value back, then say why
            raise
        self._fill_activity_widgets()

    def _on_budget(self, _change) -> None:
        if self._filling or self.activity(self.selected) is None:
            return
        try:
            self.set_budget(self.budget.value, self.source.value)
        finally:
            self._fill_activity_widgets()  # the amount as people write it, or the old one back

    def _on_budget_total(self, _change) -> None:
        if self._filling:
            return
        try:
            self.set_budget_total(self.budget_total.value)
        finally:
            self._fill_plan_widgets()

    def _on_add_result(self, _button) -> None:
        self.add_result(**{k: w.value for k, w in self.result_fields.items()})
        for w in self.result_fields.values():
            w.value = ""

    def _on_add_task(self, _button) -> None:
        self.add_task(self.new_task.value)
        self.new_task.value = ""

    def _on_upload(self, change) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0] if isinstance(files, (list, tuple)) else next(iter(files.values()))
        self.import_xlsx(bytes(item["content"]), item.get("name", "plan.xlsx"))

    def _on_prepare(self, _button) -> None:
        stem = f"{self.plan.case_id or 'plan'}_{self.plan.service_id}_{get_language()}"
        self.downloads.children = (
            download_button(self.docx(), f"{stem}.docx", _("Download Word")),
            download_button(self.xlsx(), f"{stem}.xlsx", _("Download Excel")),
        )

    def _draw(self) -> None:
        from toolkit.charts.plan import gantt

        counts = self.findings_count()
        self.summary.value = (
            f'<div class="algca-plan-summary">'
            f"<b>{html.escape(_('Done'))}: {format_percent(P.plan_progress(self.plan) / 100)}</b> · "
            f"{html.escape(_('Errors'))}: <b>{counts['error']}</b> · "
            f"{html.escape(_('Warnings'))}: <b>{counts['warning']}</b>"
            f"{self._budget_summary()}</div>"
        )
        if self.findings:
            rows = "".join(
                f'<tr><td>{html.escape(f.where)}</td><td class="algca-{f.severity}-mark">'
                f"{'⚠' if f.severity == 'error' else '•'}</td><td>{html.escape(f.message)}</td></tr>"
                for f in self.findings[:40]
            )
            more = len(self.findings) - 40
            tail = f"<p>… +{more}</p>" if more > 0 else ""
            self.checks_html.value = f'<table class="algca-plan-findings">{rows}</table>{tail}'
        else:
            self.checks_html.value = (
                f'<div class="algca-note">✔ {html.escape(_("No problems found."))}</div>'
            )
        self.results_html.value = "".join(
            f"<div>{r.no}. {html.escape(r.indicator or r.result)} — "
            f"{'' if r.baseline is None else format(r.baseline, 'g')} → "
            f"{'' if r.target is None else format(r.target, 'g')} {html.escape(r.unit)}</div>"
            for r in self.plan.results
        )
        self.gantt_image.value = _png(gantt(self.plan))
        self._stale_progress = True
        if self.tabs.selected_index == 1:
            self._draw_progress()
        costed = self.plan.budget_total is not None or any(
            a.budget is not None for a in self.plan.activities
        )
        table = P.activities_table(self.plan, budget=costed)
        if costed:
            table["budget"] = [_amount_text(v) for v in table["budget"]]
            table["source"] = [P.label(v) if v in P.SOURCES else v for v in table["source"]]
        table.columns = [_(P.COLUMN_LABELS[c]) for c in table.columns]
        self.table_html.value = table.to_html(index=False, escape=True, classes="algca-plan-table")

    def _budget_summary(self) -> str:
        """« · Budget: 320 000 сом (local budget 250 000 сом …)» when the plan is costed."""
        parts = P.budget_by_source(self.plan)
        if not len(parts) and self.plan.budget_total is None:
            return ""
        detail = ", ".join(f"{r.label} {format_money(r.amount)}" for r in parts.itertuples())
        return (
            f" · {html.escape(_('Budget, som'))}: <b>{format_number(P.budget_sum(self.plan))}</b>"
            + (f" ({html.escape(detail)})" if detail else "")
        )

    def _draw_progress(self, _change=None) -> None:
        from toolkit.charts.plan import progress_by_task

        if self.tabs.selected_index == 1 and self._stale_progress:
            self.progress_image.value = _png(progress_by_task(self.plan))
            self._stale_progress = False

    def body(self) -> widgets.Widget:
        """The builder's screen (drawn again after a language switch)."""
        if self._built_lang != get_language():
            self._build_widgets()
            self._fill_plan_widgets()
            self._draw()
        top = widgets.HBox([self.choice, self.load_button, self.upload])
        plan_box = widgets.VBox(
            [self.title, widgets.HBox([self.year, self.budget_total]), self.goal]
        )
        editor = widgets.VBox(
            [
                widgets.HTML(f"<h3>{html.escape(_('Activity'))}</h3>"),
                widgets.HBox([self.picker, self.add_button, self.delete_button]),
                self.task_picker,
                *self.fields.values(),
                widgets.HBox([self.budget, self.source]),
                self.status,
                self.progress,
                widgets.HTML(f"<h3>{html.escape(_('Tasks'))}</h3>"),
                widgets.HBox([self.new_task, self.add_task_button]),
                widgets.HTML(f"<h3>{html.escape(_('Expected results (indicators)'))}</h3>"),
                self.results_html,
                *self.result_fields.values(),
                self.add_result_button,
            ]
        )
        bar = group_bar(_STATE, self.work, self.open_group)
        self.root.children = (
            bar,
            top,
            plan_box,
            editor,
            self.live,
            widgets.HBox([self.prepare_button, self.downloads]),
        )
        return self.root


def _amount_text(value) -> str:
    """An amount as people write it (``250 000``), or nothing."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return format_number(value)


def app(group: str = "") -> widgets.Widget:
    """The plan builder in the app frame (title, language picker, calm errors);
    the frame's ``.app`` is the :class:`PlanBuilder`."""
    builder = PlanBuilder(group=group)
    frame = app_frame(lambda: _("Joint action plan builder"), builder.body)
    frame.app = builder
    if builder.note:
        show_message(builder.note, frame.message_area, kind="note")
    return frame
