"""The gallery wall: the problem gallery of a seminar, on the projector.

Groups' cards are shown as a wall of big boxes.  The trainer adds, edits and
merges cards, adds the remarks of the gallery walk (agree, question,
addition), and filters the wall by village or service area, or searches it.
Every change is saved at once (see :mod:`toolkit.apps.common`), so a laptop
restart loses nothing; the wall can be downloaded as CSV or Excel.

>>> import os, tempfile
>>> os.environ["ALGCA_DATA_DIR"] = tempfile.mkdtemp()
>>> frame = app()
>>> wall = frame.body
>>> wall.form.group.value, wall.form.village.value = "1-топ", "Ак-Кыя"
>>> wall.form.text.value = "Таза суу жок"
>>> wall.form.add.click()
>>> "Таза суу жок" in wall.live.value
True
>>> wall.state.wall.cards()["card_id"].tolist()
[1]
>>> del os.environ["ALGCA_DATA_DIR"]
"""

from __future__ import annotations

import html
from pathlib import Path
from types import SimpleNamespace

import ipywidgets as widgets
import pandas as pd

from toolkit.apps.common import (
    app_frame,
    download_button,
    load_state,
    safe,
    save_state,
    show_message,
)
from toolkit.errors import ToolkitError
from toolkit.gallery import SERVICE_AREAS, Gallery, RemarkType
from toolkit.i18n import N_, format_number, translator
from toolkit.paths import data_dir
from toolkit.vocabulary import service_label

__all__ = [
    "EXAMPLES",
    "STATE_NAME",
    "WallState",
    "app",
    "example_wall",
    "wall_html",
]

_ = translator("gallery")

#: Under this name the wall is saved in the workshop data folder.
STATE_NAME = "gallery_wall"

#: The example walls the trainer can start from (illustrative cards).
EXAMPLES = {
    "chet-nura": N_("Chet-Nura (illustrative cards)"),
    "batken-training": N_("Batken training (illustrative cards)"),
}

_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8c6d00", "#555555"]
# symbols of the DejaVu Sans font, which every laptop of the workshop has (no emoji font needed)
_ICONS = {"agree": "✔", "question": "?", "addition": "✚"}


def example_wall(case_id: str) -> Gallery:
    """The illustrative wall of a case (its ``gallery_cards`` and ``gallery_remarks`` tables).

    >>> len(example_wall("chet-nura"))
    13
    """
    if case_id not in EXAMPLES:
        raise ToolkitError(_("There is no example wall «{case}».").format(case=case_id))
    from toolkit.cases import load_case

    return Gallery.from_case(load_case(case_id))


def _service_colour(service: str) -> str:
    keys = list(SERVICE_AREAS)
    index = keys.index(service) if service in keys else sum(map(ord, service))
    return _COLOURS[index % len(_COLOURS)]


def wall_html(wall: Gallery, cards: pd.DataFrame | None = None, search: str = "") -> str:
    """The wall as HTML: a grid of big cards with their remarks and merge trail.

    >>> w = Gallery()
    >>> _ = w.add_card("1-топ", "Ак-Кыя", "waste", "Таштанды чыгарылбайт")
    >>> "Таштанды чыгарылбайт" in wall_html(w) and "✔ 0" in wall_html(w)
    True
    """
    cards = wall.cards() if cards is None else cards
    remarks = wall.remarks()
    summary = _("Cards on the wall: {cards}. Remarks: {remarks}.").format(
        cards=format_number(len(wall)), remarks=format_number(len(remarks))
    )
    shown = ""
    if search.strip():
        shown = " " + _("Found for «{text}»: {n}.").format(
            text=search.strip(), n=format_number(len(cards))
        )
    elif len(cards) != len(wall):
        shown = " " + _("Shown: {n}.").format(n=format_number(len(cards)))
    if cards.empty:
        empty = (
            _("No cards here yet.")
            if len(wall)
            else _(
                "The wall is empty. Add the groups' cards in «Add a card», or start an example wall in «Files»."
            )
        )
        boxes = f"<div class='algca-empty' style='font-size:24px;padding:24px'>{html.escape(empty)}</div>"
    else:
        notes: dict = {}
        for r in remarks[remarks["text"] != ""].to_dict("records"):
            notes.setdefault(r["card_id"], []).append(r)
        boxes = "".join(
            _card_html(wall, card, notes.get(card["card_id"], []))
            for card in cards.to_dict("records")
        )
    return (
        f"<div class='algca-wall-summary' style='font-size:22px;margin:6px 0'>{html.escape(summary + shown)}</div>"
        "<div class='algca-wall' style='display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));"
        f"gap:14px'>{boxes}</div>"
    )


def _card_html(wall: Gallery, card: dict, remarks: list[dict]) -> str:
    colour = _service_colour(card["service"])
    esc = html.escape
    counts = " &nbsp; ".join(
        f"<span title='{esc(k.label)}' style='background:#eee;border-radius:10px;padding:0 10px'>"
        f"{_ICONS[k.value]} {card[k.value]}</span>"
        for k in RemarkType
    )
    notes = ""
    for r in remarks:
        notes += (
            f"<div style='font-size:18px;margin-top:4px'>{_ICONS[r['remark_type']]} "
            f"{esc(r['text'])}{' — ' + esc(r['author']) if r['author'] else ''}</div>"
        )
    trail = ""
    if card["merged_from"]:
        parts = []
        for member in wall.members(card["card_id"])[1:]:
            who = ", ".join(x for x in (member.group, member.author, member.village) if x)
            parts.append(f"№{member.card_id} ({esc(who)}): «{esc(member.text)}»")
        trail = (
            f"<div style='font-size:17px;color:#444;margin-top:6px;border-top:1px dashed #999'>"
            f"{esc(_('Merged in:'))} {'; '.join(parts)}</div>"
        )
    who = ", ".join(x for x in (card["group"], card["author"]) if x)
    return (
        f"<div class='algca-card' data-card='{card['card_id']}' style='border:3px solid {colour};"
        "border-radius:8px;background:#fffef5;padding:10px 14px;box-shadow:2px 2px 4px #ccc'>"
        f"<div style='display:flex;justify-content:space-between;font-size:18px'>"
        f"<b style='background:{colour};color:#fff;padding:2px 10px;border-radius:12px'>№{card['card_id']}</b>"
        f"<span style='color:{colour};font-weight:bold'>{esc(service_label(card['service']))}</span></div>"
        f"<div style='font-size:24px;font-weight:bold;margin:8px 0'>{esc(card['text'])}</div>"
        f"<div style='font-size:18px;color:#333'>⌂ {esc(card['villages'])} · {esc(who)}</div>"
        f"<div style='font-size:22px;margin-top:6px'>{counts}</div>{notes}{trail}</div>"
    )


class WallState:
    """The wall of the running app, saved after every change and restored at start.

    Two browser tabs on the same wall (the trainer's laptop and the projector) share
    the saved file: before each change the wall is read again if the other tab saved
    a newer one, so neither tab overwrites the other's cards.
    """

    #: How many changes can be undone.
    UNDO_DEPTH = 50

    def __init__(self, name: str = STATE_NAME):
        self.name = name
        self.restore_note = ""
        self.undo_stack: list[dict] = []
        self._stamp = None
        self.wall = Gallery()
        saved = load_state(name)
        if saved is not None:
            try:
                self.wall = Gallery.from_dict(saved)
                self.restore_note = _("The saved wall was restored: {cards} cards.").format(
                    cards=format_number(len(self.wall))
                )
            except ToolkitError as err:
                self.restore_note = str(err)
        self._stamp = self._file_stamp()

    @property
    def path(self) -> Path:
        """The file the wall is saved in (in the workshop data folder)."""
        return data_dir() / "state" / f"{self.name}.json"

    def _file_stamp(self):
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size)

    def refresh(self) -> bool:
        """Read the wall again if another tab saved a newer one; ``True`` if it did."""
        stamp = self._file_stamp()
        if stamp is None or stamp == self._stamp:
            return False
        saved = load_state(self.name)
        try:
            self.wall = Gallery.from_dict(saved) if saved is not None else self.wall
        except ToolkitError:
            return False
        self._stamp = stamp
        return True

    def save(self) -> None:
        """Save the wall (an atomic write: a restart never finds a half-written file)."""
        save_state(self.name, self.wall.to_dict())
        self._stamp = self._file_stamp()

    def change(self, action) -> None:
        """Apply ``action(wall)`` and save; the wall before it can be brought back with :meth:`undo`.
        An action refused with a message changes nothing."""
        self.refresh()
        before = self.wall.to_dict()
        try:
            action(self.wall)
        except Exception:
            self.wall = Gallery.from_dict(before)
            raise
        self.undo_stack = [*self.undo_stack[-(self.UNDO_DEPTH - 1) :], before]
        self.save()

    def undo(self) -> bool:
        """Bring back the wall as it was before the last change; ``False`` if there is none."""
        if not self.undo_stack:
            return False
        self.wall = Gallery.from_dict(self.undo_stack.pop())
        self.save()
        return True

    def replace(self, wall: Gallery) -> None:
        self.undo_stack.append(self.wall.to_dict())
        self.wall = wall
        self.save()


def _label(text: str) -> widgets.HTML:
    return widgets.HTML(f"<b style='font-size:20px'>{html.escape(text)}</b>")


def _body(state: WallState) -> widgets.VBox:
    wide = widgets.Layout(width="98%")
    all_value = ""

    # --- filters and the wall -----------------------------------------------------
    # no descriptions in the filter row: the placeholder and the "All …" options say what each is
    search = widgets.Text(placeholder=_("Search the cards…"), layout=widgets.Layout(width="380px"))
    search.add_class("algca-primary-input")
    village_filter = widgets.Dropdown(layout=widgets.Layout(width="300px"))
    service_filter = widgets.Dropdown(layout=widgets.Layout(width="380px"))
    live = widgets.HTML()
    live.add_class("algca-live-output")
    undo = widgets.Button(
        description=_("Undo"),
        icon="undo",
        tooltip=_("Bring back the wall as it was before the last change"),
        layout=widgets.Layout(width="250px", height="44px"),
        disabled=not state.undo_stack,
    )

    # --- forms -----------------------------------------------------------------------
    def text_box(label, placeholder=""):
        return widgets.Text(
            description=label,
            placeholder=placeholder,
            layout=wide,
            style={"description_width": "10em"},
        )

    form = SimpleNamespace(
        group=text_box(_("Group"), _("e.g. Group 1")),
        village=widgets.Combobox(
            description=_("Village"),
            layout=wide,
            ensure_option=False,
            style={"description_width": "10em"},
        ),
        service=widgets.Dropdown(
            description=_("Service"), layout=wide, style={"description_width": "10em"}
        ),
        text=widgets.Textarea(
            description=_("Problem"),
            layout=widgets.Layout(width="98%", height="90px"),
            style={"description_width": "10em"},
        ),
        author=text_box(_("Written by")),
        add=widgets.Button(
            description=_("Add the card"),
            button_style="primary",
            icon="plus",
            layout=widgets.Layout(width="260px", height="48px"),
        ),
    )
    remark = SimpleNamespace(
        card=widgets.Dropdown(
            description=_("Card"), layout=wide, style={"description_width": "10em"}
        ),
        text=text_box(_("Text"), _("The question or the addition")),
        author=text_box(_("Written by")),
        buttons={
            k: widgets.Button(
                description=f"{_ICONS[k.value]} {k.label}",
                button_style=style,
                layout=widgets.Layout(width="220px", height="52px"),
            )
            for k, style in zip(RemarkType, ("success", "warning", "info"), strict=True)
        },
    )
    edit = SimpleNamespace(
        card=widgets.Dropdown(
            description=_("Card"), layout=wide, style={"description_width": "10em"}
        ),
        group=text_box(_("Group")),
        village=widgets.Combobox(
            description=_("Village"),
            layout=wide,
            ensure_option=False,
            style={"description_width": "10em"},
        ),
        service=widgets.Dropdown(
            description=_("Service"), layout=wide, style={"description_width": "10em"}
        ),
        text=widgets.Textarea(
            description=_("Problem"),
            layout=widgets.Layout(width="98%", height="90px"),
            style={"description_width": "10em"},
        ),
        save=widgets.Button(
            description=_("Save the changes"),
            button_style="primary",
            icon="check",
            layout=widgets.Layout(width="260px", height="48px"),
        ),
    )
    merge = SimpleNamespace(
        keep=widgets.Dropdown(
            description=_("Keep card"), layout=wide, style={"description_width": "10em"}
        ),
        other=widgets.Dropdown(
            description=_("Merge into it"), layout=wide, style={"description_width": "10em"}
        ),
        text=widgets.Textarea(
            description=_("New text"),
            placeholder=_("Leave empty to keep the text"),
            layout=widgets.Layout(width="98%", height="70px"),
            style={"description_width": "10em"},
        ),
        merge=widgets.Button(
            description=_("Merge the cards"),
            button_style="warning",
            icon="compress",
            layout=widgets.Layout(width="260px", height="48px"),
        ),
    )
    files = SimpleNamespace(
        example=widgets.Dropdown(
            description=_("Start from"),
            style={"description_width": "10em"},
            layout=widgets.Layout(width="640px"),
        ),
        start=widgets.Button(
            description=_("Start this wall"),
            button_style="danger",
            icon="refresh",
            layout=widgets.Layout(width="260px", height="48px"),
        ),
        export=widgets.Button(
            description=_("Prepare the files"),
            button_style="info",
            icon="download",
            layout=widgets.Layout(width="260px", height="48px"),
        ),
        links=widgets.HBox(),
    )

    # --- drawing ---------------------------------------------------------------------
    def card_options(wall):
        return [(f"№{c.card_id} — {c.text[:50]}", c.card_id) for c in wall.all_cards() if c.on_wall]

    def villages(wall):
        found = list(dict.fromkeys(c.village for c in wall.all_cards()))
        return list(dict.fromkeys([*(wall.villages or []), *found]))

    def shown_cards(wall):
        return wall.search(
            search.value,
            village=village_filter.value or None,
            service=service_filter.value or None,
        )

    def set_options(dropdown, options, default=0):
        old = dropdown.value
        values = [o[1] if isinstance(o, tuple) else o for o in options]
        dropdown.options = options
        if old in values and old is not None:
            dropdown.value = old
        elif values:
            dropdown.value = values[min(default, len(values) - 1)]
        else:
            dropdown.value = None

    def redraw(*_args):
        wall = state.wall
        services = [(service_label(s), s) for s in wall.services]
        set_options(
            village_filter, [(_("All villages"), all_value)] + [(v, v) for v in villages(wall)]
        )
        set_options(service_filter, [(_("All services"), all_value)] + services)
        set_options(form.service, services)
        set_options(edit.service, services)
        form.village.options = villages(wall)
        edit.village.options = villages(wall)
        cards = card_options(wall)
        for dropdown in (remark.card, edit.card, merge.keep):
            set_options(dropdown, cards)
        set_options(merge.other, cards, default=1)
        live.value = wall_html(wall, shown_cards(wall), search.value)
        files.links.children = ()

    def changed():
        undo.disabled = not state.undo_stack
        redraw()

    # --- actions ---------------------------------------------------------------------
    @safe
    def on_add(_button):
        state.change(
            lambda w: w.add_card(
                form.group.value,
                form.village.value,
                form.service.value,
                form.text.value,
                form.author.value,
            )
        )
        form.text.value = ""
        changed()

    def remark_handler(kind):
        @safe
        def on_remark(_button):
            if remark.card.value is None:
                raise ToolkitError(_("There are no cards on the wall yet."))
            state.change(
                lambda w: w.add_remark(
                    remark.card.value, kind, remark.text.value, remark.author.value
                )
            )
            remark.text.value = ""
            changed()

        return on_remark

    @safe
    def on_pick_edit(change):
        if change["new"] is None:
            return
        card = state.wall.card(change["new"])
        edit.group.value, edit.village.value, edit.text.value = card.group, card.village, card.text
        edit.service.value = card.service

    @safe
    def on_save_edit(_button):
        if edit.card.value is None:
            raise ToolkitError(_("There are no cards on the wall yet."))
        state.change(
            lambda w: w.edit_card(
                edit.card.value,
                text=edit.text.value,
                village=edit.village.value,
                service=edit.service.value,
                group=edit.group.value,
            )
        )
        changed()

    @safe
    def on_merge(_button):
        if merge.keep.value is None or merge.other.value is None:
            raise ToolkitError(_("There are no cards on the wall yet."))
        state.change(
            lambda w: w.merge(merge.keep.value, merge.other.value, merge.text.value.strip() or None)
        )
        merge.text.value = ""
        changed()

    @safe
    def on_start(_button):
        choice = files.example.value
        state.replace(example_wall(choice) if choice else Gallery())
        changed()

    @safe
    def on_undo(_button):
        state.undo()
        changed()

    @safe
    def on_export(_button):
        wall = state.wall
        files.links.children = (
            download_button(wall.to_csv("cards"), "gallery_cards.csv", _("Cards (CSV)")),
            download_button(wall.to_csv("remarks"), "gallery_remarks.csv", _("Remarks (CSV)")),
            download_button(wall.to_xlsx(), "gallery.xlsx", _("Everything (Excel)")),
        )

    form.add.on_click(on_add)
    undo.on_click(on_undo)
    for kind, button in remark.buttons.items():
        button.on_click(remark_handler(kind))
    edit.card.observe(on_pick_edit, names="value")
    edit.save.on_click(on_save_edit)
    merge.merge.on_click(on_merge)
    files.start.on_click(on_start)
    files.export.on_click(on_export)
    for control in (search, village_filter, service_filter):
        control.observe(
            safe(
                lambda change: (
                    redraw()
                    if state.refresh()
                    else setattr(
                        live, "value", wall_html(state.wall, shown_cards(state.wall), search.value)
                    )
                )
            ),
            names="value",
        )
    files.example.options = [(_("An empty wall"), "")] + [
        (_(label), key) for key, label in EXAMPLES.items()
    ]

    redraw()
    if edit.card.value is not None:
        on_pick_edit({"new": edit.card.value})

    tabs = widgets.Tab(
        children=[
            widgets.VBox(
                [form.group, form.village, form.service, form.text, form.author, form.add]
            ),
            widgets.VBox(
                [
                    remark.card,
                    remark.text,
                    remark.author,
                    widgets.HBox(list(remark.buttons.values())),
                ]
            ),
            widgets.VBox([edit.card, edit.group, edit.village, edit.service, edit.text, edit.save]),
            widgets.VBox(
                [
                    merge.keep,
                    merge.other,
                    merge.text,
                    merge.merge,
                    widgets.HTML(
                        f"<div class='algca-note'>{html.escape(_('The merged card keeps the authors, texts and remarks of both cards.'))}</div>"
                    ),
                ]
            ),
            widgets.VBox(
                [
                    widgets.HBox([files.export]),
                    files.links,
                    widgets.HTML(
                        f"<div class='algca-note'>{html.escape(_('Starting a new wall replaces the wall on the screen. Download the files first if you need them.'))}</div>"
                    ),
                    widgets.HBox([files.example, files.start]),
                ]
            ),
        ]
    )
    tabs.titles = (_("Add a card"), _("Remarks"), _("Edit"), _("Merge"), _("Files"))
    filters = widgets.HBox(
        [undo, search, village_filter, service_filter],
        layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
    )
    body = widgets.VBox([tabs, filters, live])
    body.primary, body.live, body.form, body.remark, body.edit, body.merge, body.files = (
        search,
        live,
        form,
        remark,
        edit,
        merge,
        files,
    )
    body.filters = SimpleNamespace(village=village_filter, service=service_filter)
    body.state, body.redraw, body.undo = state, redraw, undo
    return body


def app() -> widgets.VBox:
    """The gallery wall app (the root widget): restores the saved wall, saves every change."""
    state = WallState()
    frame = app_frame(lambda: _("Problem gallery"), lambda: _body(state))
    if state.restore_note:
        show_message(state.restore_note, frame.message_area, kind="note")
    return frame
