"""The gallery wall: the problem gallery of a seminar, on the projector.

Groups' cards are shown as a wall of big boxes.  The trainer adds, edits and
merges cards, adds the remarks of the gallery walk (agree, question,
addition), and filters the wall by village or service area, or searches it.
Each group has its own wall, saved at every change under the group's name (see
:class:`toolkit.apps.common.GroupWork`), so a laptop restart loses nothing and no
group overwrites another's; the trainer opens any group's wall on the projector.
The wall can be downloaded as CSV or Excel.

>>> import os, tempfile
>>> os.environ["ALGCA_DATA_DIR"] = tempfile.mkdtemp()
>>> wall = app(group="1-топ").app
>>> wall.form.group.value, wall.form.village.value = "1-топ", "Ак-Кыя"
>>> wall.form.text.value = "Таза суу жок"
>>> wall.form.add.click()
>>> "Таза суу жок" in wall.live.value
True
>>> wall.state.wall.cards()["card_id"].tolist()
[1]
>>> wall.state.path.relative_to(os.environ["ALGCA_DATA_DIR"]).as_posix()
'state/gallery_wall/1-топ.json'
>>> del os.environ["ALGCA_DATA_DIR"]
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import ipywidgets as widgets
import pandas as pd

from toolkit.apps.common import (
    GroupWork,
    Quiet,
    WorkChanged,
    app_frame,
    download_button,
    group_bar,
    safe,
    show_message,
)
from toolkit.errors import ToolkitError
from toolkit.gallery import SERVICE_AREAS, Gallery, RemarkType
from toolkit.i18n import N_, format_number, translator
from toolkit.vocabulary import service_label

__all__ = [
    "EXAMPLES",
    "STATE_NAME",
    "GalleryApp",
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
        boxes = f"<div class='algca-empty'>{html.escape(empty)}</div>"
    else:
        notes: dict = {}
        for r in remarks[remarks["text"] != ""].to_dict("records"):
            notes.setdefault(r["card_id"], []).append(r)
        boxes = "".join(
            _card_html(wall, card, notes.get(card["card_id"], []))
            for card in cards.to_dict("records")
        )
    return (
        f"<div class='algca-wall-summary'>{html.escape(summary + shown)}</div>"
        f"<div class='algca-wall'>{boxes}</div>"
    )


def _card_html(wall: Gallery, card: dict, remarks: list[dict]) -> str:
    esc = html.escape
    counts = "".join(
        f"<span class='algca-count' title='{esc(k.label)}'>{_ICONS[k.value]} {card[k.value]}</span>"
        for k in RemarkType
    )
    notes = "".join(
        f"<div class='algca-remark'>{_ICONS[r['remark_type']]} "
        f"{esc(r['text'])}{' — ' + esc(r['author']) if r['author'] else ''}</div>"
        for r in remarks
    )
    trail = ""
    if card["merged_from"]:
        parts = []
        for member in wall.members(card["card_id"])[1:]:
            who = ", ".join(x for x in (member.group, member.author, member.village) if x)
            parts.append(f"№{member.card_id} ({esc(who)}): «{esc(member.text)}»")
        trail = f"<div class='algca-trail'>{esc(_('Merged in:'))} {'; '.join(parts)}</div>"
    who = ", ".join(x for x in (card["group"], card["author"]) if x)
    # the service's colour is the card's only own style: a CSS variable the classes use
    return (
        f"<div class='algca-card' data-card='{card['card_id']}' "
        f"style='--service:{_service_colour(card['service'])}'>"
        f"<div class='algca-card-head'><b class='algca-card-no'>№{card['card_id']}</b>"
        f"<span class='algca-card-service'>{esc(service_label(card['service']))}</span></div>"
        f"<div class='algca-card-text'>{esc(card['text'])}</div>"
        f"<div class='algca-card-who'>⌂ {esc(card['villages'])} · {esc(who)}</div>"
        f"<div class='algca-counts'>{counts}</div>{notes}{trail}</div>"
    )


class WallState:
    """The wall of one group in the running app, saved after every change and restored at start.

    Two screens on the same group's wall (the trainer's laptop and the projector, or two
    phones of a group) share its saved file: each change re-reads the latest wall and saves
    under a lock, so neither screen overwrites the other's cards.  Without a group nothing is
    saved.
    """

    #: How many changes can be undone.
    UNDO_DEPTH = 50

    def __init__(self, group: str = ""):
        self.work = GroupWork(STATE_NAME, group)
        self.restore_note = ""
        self.undo_stack: list[dict] = []
        self.wall = Gallery()
        saved = self.work.load(check=Gallery.from_dict)
        if saved is not None:
            self.wall = saved
            self.restore_note = _("The saved wall was restored: {cards} cards.").format(
                cards=format_number(len(self.wall))
            )
        else:
            self.restore_note = self.work.note

    @property
    def group(self) -> str:
        """The group whose wall this is (``""``: none chosen, nothing is saved)."""
        return self.work.group

    @property
    def path(self) -> Path:
        """The file the wall is saved in (in the workshop data folder)."""
        return self.work.path

    def refresh(self) -> bool:
        """Read the wall again if another screen saved a newer one; ``True`` if it did."""
        if not self.work.changed_elsewhere():
            return False
        saved = self.work.load(check=Gallery.from_dict)
        if saved is None:
            return False
        self.wall = saved
        return True

    def change(self, action: Callable[[Gallery], object]) -> None:
        """Apply ``action(wall)`` to the latest saved wall and save; the wall before it can be
        brought back with :meth:`undo`.  An action refused with a message changes nothing."""
        before: dict = {}

        def apply(current: dict | None) -> dict:
            nonlocal before
            if current is not None:
                self.wall = Gallery.from_dict(current)
            before = self.wall.to_dict()
            try:
                action(self.wall)
            except Exception:
                self.wall = Gallery.from_dict(before)
                raise
            return self.wall.to_dict()

        self.work.update(apply)
        self.undo_stack = [*self.undo_stack[-(self.UNDO_DEPTH - 1) :], before]

    def undo(self) -> bool:
        """Bring back the wall as it was before the last change; ``False`` if there is none.

        If another screen changed the wall since, nothing is undone: the message says so
        (an undo never deletes another screen's newer card)."""
        if not self.undo_stack:
            return False
        try:
            self.work.save(self.undo_stack[-1])
        except WorkChanged:
            self.undo_stack.clear()
            self.refresh()
            raise
        self.wall = Gallery.from_dict(self.undo_stack.pop())
        return True

    def replace(self, wall: Gallery) -> None:
        """Put ``wall`` up instead (the wall before it can be brought back with :meth:`undo`)."""
        self.refresh()
        self.undo_stack.append(self.wall.to_dict())
        self.wall = wall
        self.work.save(wall.to_dict(), force=True)


def _field(widget: widgets.Widget) -> widgets.Widget:
    widget.add_class("algca-field")
    return widget


def _text_box(label: str, placeholder: str = "") -> widgets.Text:
    return _field(widgets.Text(description=label, placeholder=placeholder))


def _text_area(label: str, placeholder: str = "") -> widgets.Textarea:
    return _field(widgets.Textarea(description=label, placeholder=placeholder))


def _dropdown(label: str) -> widgets.Dropdown:
    return _field(widgets.Dropdown(description=label))


def _combobox(label: str) -> widgets.Combobox:
    return _field(widgets.Combobox(description=label, ensure_option=False))


def _button(label: str, style: str, icon: str = "") -> widgets.Button:
    button = widgets.Button(description=label, button_style=style, icon=icon)
    button.add_class("algca-action")
    return button


def _set_options(dropdown: widgets.Dropdown, options: list, default: int = 0) -> None:
    old = dropdown.value
    values = [o[1] if isinstance(o, tuple) else o for o in options]
    dropdown.options = options
    if old in values and old is not None:
        dropdown.value = old
    elif values:
        dropdown.value = values[min(default, len(values) - 1)]
    else:
        dropdown.value = None


class GalleryApp:
    """The gallery wall's logic and widgets; :func:`app` shows it in a frame.

    Everything a browser can do is a method here, so the tests drive it without a
    browser: :meth:`open_group`, :meth:`add_card`, :meth:`add_remark`, :meth:`save_edit`,
    :meth:`merge_cards`, :meth:`start_wall`, :meth:`undo`, :meth:`export`.  The widgets are
    grouped by tab: ``form`` (add a card), ``remark``, ``edit``, ``merge`` and ``files``.
    """

    def __init__(self, group: str = "", build: bool = True):
        self.state = WallState(group)
        self.quiet = Quiet()
        self.root = widgets.VBox()
        self.root.add_class("algca-gallery")
        #: where this app's messages go (its frame's area; ``None``: the last frame's)
        self.message_area: widgets.Output | None = None
        if build:
            self.build()

    # ------------------------------------------------------------------ widgets
    def build(self) -> widgets.VBox:
        """Make the widgets for the current language and draw the wall (in :attr:`root`)."""
        self.search = widgets.Text(placeholder=_("Search the cards…"))
        self.search.add_class("algca-primary-input")
        self.village_filter = widgets.Dropdown()
        self.service_filter = widgets.Dropdown()
        self.filters = SimpleNamespace(village=self.village_filter, service=self.service_filter)
        self.live = widgets.HTML()
        self.live.add_class("algca-live-output")
        self.undo_button = _button(_("Undo"), "", "undo")
        self.undo_button.tooltip = _("Bring back the wall as it was before the last change")
        self.form = SimpleNamespace(
            group=_text_box(_("Group"), _("e.g. Group 1")),
            village=_combobox(_("Village")),
            service=_dropdown(_("Service")),
            text=_text_area(_("Problem")),
            author=_text_box(_("Written by")),
            add=_button(_("Add the card"), "primary", "plus"),
        )
        self.remark = SimpleNamespace(
            card=_dropdown(_("Card")),
            text=_text_box(_("Text"), _("The question or the addition")),
            author=_text_box(_("Written by")),
            buttons={
                k: _button(f"{_ICONS[k.value]} {k.label}", style)
                for k, style in zip(RemarkType, ("success", "warning", "info"), strict=True)
            },
        )
        self.edit = SimpleNamespace(
            card=_dropdown(_("Card")),
            group=_text_box(_("Group")),
            village=_combobox(_("Village")),
            service=_dropdown(_("Service")),
            text=_text_area(_("Problem")),
            save=_button(_("Save the changes"), "primary", "check"),
        )
        self.merge = SimpleNamespace(
            keep=_dropdown(_("Keep card")),
            other=_dropdown(_("Merge into it")),
            text=_text_area(_("New text"), _("Leave empty to keep the text")),
            merge=_button(_("Merge the cards"), "warning", "compress"),
        )
        self.files = SimpleNamespace(
            example=_dropdown(_("Start from")),
            start=_button(_("Start this wall"), "danger", "refresh"),
            export=_button(_("Prepare the files"), "info", "download"),
            links=widgets.Box(),
        )
        self.files.links.add_class("algca-wrap")
        self.files.example.options = [(_("An empty wall"), "")] + [
            (_(label), key) for key, label in EXAMPLES.items()
        ]
        self._connect()
        note = _("The merged card keeps the authors, texts and remarks of both cards.")
        warning = _(
            "Starting a new wall replaces the wall on the screen. "
            "Download the files first if you need them."
        )
        tabs = widgets.Tab(
            children=[
                widgets.VBox([*vars(self.form).values()]),
                widgets.VBox(
                    [
                        self.remark.card,
                        self.remark.text,
                        self.remark.author,
                        _wrap(list(self.remark.buttons.values())),
                    ]
                ),
                widgets.VBox([*vars(self.edit).values()]),
                widgets.VBox(
                    [
                        *vars(self.merge).values(),
                        widgets.HTML(f"<div class='algca-note'>{html.escape(note)}</div>"),
                    ]
                ),
                widgets.VBox(
                    [
                        self.files.export,
                        self.files.links,
                        widgets.HTML(f"<div class='algca-note'>{html.escape(warning)}</div>"),
                        self.files.example,
                        self.files.start,
                    ]
                ),
            ]
        )
        tabs.titles = (_("Add a card"), _("Remarks"), _("Edit"), _("Merge"), _("Files"))
        filters = _wrap([self.undo_button, self.search, self.village_filter, self.service_filter])
        filters.add_class("algca-filters")
        self.group_bar = group_bar(STATE_NAME, self.state.work, self.open_group)
        self.root.children = (self.group_bar, tabs, filters, self.live)
        self.redraw()
        if self.edit.card.value is not None:
            self.pick_edit(self.edit.card.value)
        return self.root

    def _safe(self, callback: Callable) -> Callable:
        return safe(callback, output=lambda: self.message_area)

    def _connect(self) -> None:
        self.form.add.on_click(self._safe(lambda _b: self.add_card()))
        self.undo_button.on_click(self._safe(lambda _b: self.undo()))
        for kind, button in self.remark.buttons.items():
            button.on_click(self._safe(lambda _b, kind=kind: self.add_remark(kind)))
        self.edit.card.observe(
            self._safe(lambda change: self.pick_edit(change["new"])), names="value"
        )
        self.edit.save.on_click(self._safe(lambda _b: self.save_edit()))
        self.merge.merge.on_click(self._safe(lambda _b: self.merge_cards()))
        self.files.start.on_click(self._safe(lambda _b: self.start_wall()))
        self.files.export.on_click(self._safe(lambda _b: self.export()))
        for control in (self.search, self.village_filter, self.service_filter):
            control.observe(self._safe(lambda _change: self.filter_changed()), names="value")

    # ------------------------------------------------------------------ drawing
    def _card_options(self) -> list[tuple[str, int]]:
        return [
            (f"№{c.card_id} — {c.text[:50]}", c.card_id)
            for c in self.state.wall.all_cards()
            if c.on_wall
        ]

    def _villages(self) -> list[str]:
        wall = self.state.wall
        found = list(dict.fromkeys(c.village for c in wall.all_cards()))
        return list(dict.fromkeys([*(wall.villages or []), *found]))

    def shown_cards(self) -> pd.DataFrame:
        """The cards the filters and the search let through."""
        return self.state.wall.search(
            self.search.value,
            village=self.village_filter.value or None,
            service=self.service_filter.value or None,
        )

    def redraw(self) -> None:
        """Fill every list from the wall and draw the wall."""
        wall = self.state.wall
        services = [(service_label(s), s) for s in wall.services]
        villages = self._villages()
        with self.quiet():
            _set_options(
                self.village_filter, [(_("All villages"), "")] + [(v, v) for v in villages]
            )
            _set_options(self.service_filter, [(_("All services"), "")] + services)
            _set_options(self.form.service, services)
            _set_options(self.edit.service, services)
            self.form.village.options = villages
            self.edit.village.options = villages
            cards = self._card_options()
            for dropdown in (self.remark.card, self.edit.card, self.merge.keep):
                _set_options(dropdown, cards)
            _set_options(self.merge.other, cards, default=1)
        self.live.value = wall_html(wall, self.shown_cards(), self.search.value)
        self.files.links.children = ()
        self.undo_button.disabled = not self.state.undo_stack

    def filter_changed(self) -> None:
        """A filter or the search changed: show the latest wall, filtered."""
        if self.quiet:
            return
        if self.state.refresh():
            self.redraw()
        else:
            self.live.value = wall_html(self.state.wall, self.shown_cards(), self.search.value)

    # ------------------------------------------------------------------ actions
    def open_group(self, group: str) -> None:
        """Show (and from now on save) the wall of ``group``."""
        self.state = WallState(group)
        self.build()
        if self.state.restore_note:
            show_message(self.state.restore_note, self.message_area, kind="note")

    def add_card(self) -> None:
        f = self.form
        self.state.change(
            lambda w: w.add_card(
                f.group.value, f.village.value, f.service.value, f.text.value, f.author.value
            )
        )
        f.text.value = ""
        self.redraw()

    def add_remark(self, kind: RemarkType) -> None:
        r = self.remark
        if r.card.value is None:
            raise ToolkitError(_("There are no cards on the wall yet."))
        self.state.change(lambda w: w.add_remark(r.card.value, kind, r.text.value, r.author.value))
        r.text.value = ""
        self.redraw()

    def pick_edit(self, card_id: int | None) -> None:
        """A card chosen in the «Edit» tab: its fields are filled in to be changed."""
        if card_id is None or self.quiet:
            return
        card = self.state.wall.card(card_id)
        e = self.edit
        e.group.value, e.village.value, e.text.value = card.group, card.village, card.text
        e.service.value = card.service

    def save_edit(self) -> None:
        e = self.edit
        if e.card.value is None:
            raise ToolkitError(_("There are no cards on the wall yet."))
        self.state.change(
            lambda w: w.edit_card(
                e.card.value,
                text=e.text.value,
                village=e.village.value,
                service=e.service.value,
                group=e.group.value,
            )
        )
        self.redraw()

    def merge_cards(self) -> None:
        m = self.merge
        if m.keep.value is None or m.other.value is None:
            raise ToolkitError(_("There are no cards on the wall yet."))
        self.state.change(
            lambda w: w.merge(m.keep.value, m.other.value, m.text.value.strip() or None)
        )
        m.text.value = ""
        self.redraw()

    def start_wall(self) -> None:
        """Put up the chosen example wall (or an empty one) instead of this one."""
        choice = self.files.example.value
        self.state.replace(example_wall(choice) if choice else Gallery())
        self.redraw()

    def undo(self) -> None:
        try:
            self.state.undo()
        finally:
            self.redraw()

    def export(self) -> None:
        """Show the download buttons of the wall's files (CSV of cards and remarks, Excel)."""
        wall = self.state.wall
        self.files.links.children = (
            download_button(wall.to_csv("cards"), "gallery_cards.csv", _("Cards (CSV)")),
            download_button(wall.to_csv("remarks"), "gallery_remarks.csv", _("Remarks (CSV)")),
            download_button(wall.to_xlsx(), "gallery.xlsx", _("Everything (Excel)")),
        )


def _wrap(children: list) -> widgets.Box:
    box = widgets.Box(children)
    box.add_class("algca-wrap")
    return box


def app(group: str = "") -> widgets.VBox:
    """The gallery wall app (the root widget): the wall of the group chosen, saved as it goes.

    The frame's ``.app`` is the :class:`GalleryApp`."""
    gallery = GalleryApp(group, build=False)
    frame = app_frame(lambda: _("Problem gallery"), gallery.build)
    frame.app = gallery
    gallery.message_area = frame.message_area
    if gallery.state.restore_note:
        show_message(gallery.state.restore_note, frame.message_area, kind="note")
    return frame
