"""The voting board: count a priority vote on the projector, live.

Two ways to enter the votes:

* **dots** — type (or click +1 / −1) the number of dots each item got on the wall;
* **pairwise** — for each pair of items, click the one the group prefers (or «=»).

The ranking chart on the projector changes with every click. Ties are shown
as ties; the trainer may break one with the documented steps (the lot's
number is recorded). Each group's board is saved at every change under the
group's name, so a laptop restart loses nothing and no group overwrites another's; and the votes and the result can be downloaded as CSV or Excel.

>>> import os, tempfile
>>> os.environ["ALGCA_DATA_DIR"] = tempfile.mkdtemp()
>>> frame = app(group="1-топ")
>>> board = frame.app
>>> board.load_example("chet-nura")
>>> board.counts["waste"].value = 30
>>> board.result["item"].tolist()[0]
'waste'
>>> VotingBoard(group="1-топ").state["dots"]["waste"]   # after a restart: the votes are back
30
>>> VotingBoard(group="2-топ").state["dots"]["waste"]   # another group has its own board
0
>>> del os.environ["ALGCA_DATA_DIR"]
"""

from __future__ import annotations

import html
import itertools
import secrets
from typing import TYPE_CHECKING

import ipywidgets as widgets
import pandas as pd

from toolkit import plots
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
from toolkit.charts.voting import pairwise_heatmap, ranking_bars
from toolkit.errors import ToolkitError
from toolkit.i18n import N_, format_number, translator
from toolkit.voting import (
    board_csv,
    board_matrix,
    board_result,
    board_xlsx,
    item_label,
    load_ballots,
    pair_key,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["EXAMPLES", "STATE_NAME", "VotingBoard", "app"]

_ = translator("voting")

#: Under this name the board is saved in the workshop data folder.
STATE_NAME = "voting_board"

#: The examples the trainer can start from (the illustrative ballots of the cases).
EXAMPLES = {
    "chet-nura": N_("Chet-Nura (illustrative votes)"),
    "kyshtut": N_("Batken: Kyshtut (illustrative votes)"),
    "suu-bashy": N_("Batken: Suu-Bashy (illustrative votes)"),
    "toguz-bulak": N_("Batken: Toguz-Bulak (illustrative votes)"),
    "sumbula": N_("Batken: Sumbula (illustrative votes)"),
    "ken-talaa": N_("Batken: Ken-Talaa (illustrative votes)"),
}


def _default_state() -> dict:
    items = ["drinking-water", "waste", "irrigation"]
    return {
        "version": 1,
        "mode": "dots",
        "items": items,
        "dots": dict.fromkeys(items, 0),
        "pairs": {},
        "example": "",
        "seed": None,
        "break": False,
    }


def _clean(state) -> dict:
    """A saved state, checked; anything odd falls back to the default board."""
    base = _default_state()
    if not isinstance(state, dict) or not isinstance(state.get("items"), list):
        return base
    items = [str(i) for i in state["items"] if str(i).strip()]
    if not items:
        return base
    dots: dict = state["dots"] if isinstance(state.get("dots"), dict) else {}
    clean_dots = {}
    for item in items:
        try:
            clean_dots[item] = max(0, int(dots.get(item, 0)))
        except (TypeError, ValueError):
            clean_dots[item] = 0
    pairs = {k: v for k, v in (state.get("pairs") or {}).items() if isinstance(v, str)}
    return {
        **base,
        "mode": "pairwise" if state.get("mode") == "pairwise" else "dots",
        "items": items,
        "dots": clean_dots,
        "pairs": pairs,
        "example": str(state.get("example") or ""),
        "seed": state.get("seed") if isinstance(state.get("seed"), int) else None,
        "break": bool(state.get("break")),
    }


def _checked(saved: object) -> dict:
    """A saved board, or :class:`ToolkitError` if it is not one (then the file is kept aside)."""
    if not isinstance(saved, dict) or not isinstance(saved.get("items"), list):
        raise ToolkitError(_("The saved board could not be read."))
    return saved


class VotingBoard:
    """The board's state and widgets; ``build()`` makes the widgets for the current language."""

    def __init__(self, restore: bool = True, group: str = "") -> None:
        self.root = widgets.VBox()
        self._restore(group, restore)
        with plots.style():
            from matplotlib.figure import Figure

            # a little smaller than a lesson chart, so its text stays big on half the projector
            self.figure = Figure(figsize=(9.5, 6), dpi=100)
        self.result: pd.DataFrame | None = None
        self.steps: list[str] = []
        self.counts: dict[str, widgets.IntText] = {}
        self.choices: dict[str, widgets.ToggleButtons] = {}
        self.quiet = Quiet()
        self.chart = widgets.Image(
            format="png", layout=widgets.Layout(width="100%", max_width="1100px")
        )
        # the live output is the box around the image: its HTML (the image's address) changes
        self.live = widgets.Box([self.chart])
        self.live.add_class("algca-live-output")
        self.heat = widgets.Image(
            format="png", layout=widgets.Layout(width="100%", max_width="1100px")
        )
        self.heat_figure: Figure | None = None
        self.table = widgets.HTML()
        self.explain = widgets.HTML()
        self.entry = widgets.VBox()
        self.download = widgets.HBox()

    # -- changes -------------------------------------------------------------------
    def _restore(self, group: str, restore: bool = True) -> None:
        self.work = GroupWork(STATE_NAME, group)
        self.state = _clean(self.work.load(check=_checked) if restore else None)
        self.note = self.work.note

    def open_group(self, group: str) -> None:
        """Show (and from now on save) the board of ``group``."""
        self._restore(group)
        self.build()
        if self.note:
            show_message(self.note, kind="note")

    def save(self) -> None:
        """Save the group's board; if another screen saved it meanwhile, show that board."""
        try:
            self.work.save(self.state)
        except WorkChanged:
            self._restore(self.work.group)
            self.build()
            raise

    def load_example(self, vote_id: str) -> None:
        """Start from the illustrative ballots of a case (dot totals and pairwise choices)."""
        if vote_id not in EXAMPLES:
            raise ToolkitError(_("There is no example «{name}».").format(name=vote_id))
        dots = load_ballots(vote_id, kind="dots")
        ranks = load_ballots(vote_id, kind="rank")
        totals = dict(zip(dots.items, dots.values.sum(axis=0).tolist(), strict=True))
        from toolkit.voting import pairwise_matrix

        m = pairwise_matrix(ranks)
        pairs = {}
        for a, b in itertools.combinations(dots.items, 2):
            pairs[pair_key(a, b)] = (
                a if m.loc[a, b] > m.loc[b, a] else (b if m.loc[b, a] > m.loc[a, b] else "")
            )
        self.state.update(
            items=list(dots.items),
            dots=totals,
            pairs=pairs,
            example=vote_id,
            seed=None,
            **{"break": False},
        )
        self._rebuild_entry()
        self.update()

    def add_item(self, name: str) -> None:
        """Add an item to vote on (e.g. a problem from the gallery)."""
        name = str(name).strip()
        if not name:
            raise ToolkitError(_("Write the name of the item first."))
        if name in self.state["items"]:
            raise ToolkitError(_("«{item}» is already on the board.").format(item=name))
        self.state["items"].append(name)
        self.state["dots"][name] = 0
        self._rebuild_entry()
        self.update()

    def clear_votes(self) -> None:
        """Set every count to zero and forget the pairwise choices (the items stay)."""
        self.state.update(
            dots=dict.fromkeys(self.state["items"], 0), pairs={}, seed=None, **{"break": False}
        )
        self._rebuild_entry()
        self.update()

    def set_mode(self, mode: str) -> None:
        self.state["mode"] = "pairwise" if mode == "pairwise" else "dots"
        self._rebuild_entry()
        self.update()

    def break_tie(self) -> None:
        """Break the ties with the cascade; the lot's number is drawn once and kept."""
        if self.state["seed"] is None:
            self.state["seed"] = secrets.randbelow(1_000_000)
        self.state["break"] = True
        self.update()

    def update(self) -> None:
        """Count, redraw the chart and the table, and save."""
        self.result, self.steps = board_result(self.state)
        if self.state["mode"] == "pairwise":
            title = _("Pairwise matrix: ranking")
        else:
            title = _("Dot voting: ranking")
        self.figure = ranking_bars(self.result, fig=self.figure, title=title, quick=True)
        self.chart.value = plots.app_png(self.figure)
        if self.state["mode"] == "pairwise":
            self.heat_figure = pairwise_heatmap(board_matrix(self.state), fig=self.heat_figure)
            self.heat.value = plots.app_png(self.heat_figure)
            self.heat.layout.display = None
        else:
            self.heat.layout.display = "none"
        self.table.value = self._table_html()
        self.explain.value = "".join(
            f'<div class="algca-note">{html.escape(s)}</div>' for s in self.steps
        )
        self.save()

    # -- widgets -------------------------------------------------------------------
    def _table_html(self) -> str:
        rows = []
        result = self.result if self.result is not None else pd.DataFrame()
        for _i, r in result.iterrows():
            tie = f' <b class="algca-tie">= {html.escape(_("tie"))}</b>' if r["tied"] else ""
            points = float(r["points"])
            rows.append(
                f"<tr><td><b>{r['rank']}</b></td>"
                f"<td>{html.escape(item_label(r['item']))}{tie}</td>"
                f"<td class='algca-number'>"
                f"{format_number(points, 0 if points.is_integer() else 1)}</td></tr>"
            )
        head = (
            f"<tr><th>{html.escape(_('Rank'))}</th><th>{html.escape(_('Item'))}</th>"
            f"<th>{html.escape(_('Points'))}</th></tr>"
        )
        return f"<table class='algca-result-table'>{head}{''.join(rows)}</table>"

    def _on_count(self, item: str, change) -> None:
        if self.quiet:
            return
        value = change["new"]
        if value is None or value < 0:
            raise ToolkitError(_("The number of dots should be 0 or more."))
        self.state["dots"][item] = int(value)
        self.state["break"] = False
        self.update()

    def _on_choice(self, key: str, change) -> None:
        if self.quiet:
            return
        self.state["pairs"][key] = change["new"] or ""
        self.state["break"] = False
        self.update()

    def _bump(self, item: str, step: int) -> None:
        box = self.counts[item]
        box.value = max(0, int(box.value or 0) + step)

    def _rebuild_entry(self) -> None:
        with self.quiet():
            self.counts, self.choices, rows = {}, {}, []
            if self.state["mode"] == "dots":
                for item in self.state["items"]:
                    box = widgets.IntText(
                        value=self.state["dots"].get(item, 0),
                        continuous_update=True,
                        layout=widgets.Layout(width="7em"),
                    )
                    box.observe(safe(lambda ch, item=item: self._on_count(item, ch)), names="value")
                    plus = widgets.Button(description="+1", layout=widgets.Layout(width="4.5em"))
                    minus = widgets.Button(description="−1", layout=widgets.Layout(width="4.5em"))
                    plus.on_click(safe(lambda _b, item=item: self._bump(item, 1)))
                    minus.on_click(safe(lambda _b, item=item: self._bump(item, -1)))
                    self.counts[item] = box
                    label = widgets.HTML(
                        f"<b>{html.escape(item_label(item))}</b>",
                        layout=widgets.Layout(width="16em"),
                    )
                    row = widgets.Box([label, box, plus, minus])
                    row.add_class("algca-wrap")
                    rows.append(row)
                if self.counts:
                    next(iter(self.counts.values())).add_class("algca-primary-input")
            else:
                for a, b in itertools.combinations(self.state["items"], 2):
                    key = pair_key(a, b)
                    choice = self.state["pairs"].get(key, "")
                    toggle = widgets.ToggleButtons(
                        options=[(item_label(a), a), ("=", ""), (item_label(b), b)],
                        value=choice if choice in (a, b) else "",
                        style={"button_width": "auto"},
                        layout=widgets.Layout(margin="6px 0"),
                    )
                    toggle.observe(
                        safe(lambda ch, key=key: self._on_choice(key, ch)), names="value"
                    )
                    self.choices[key] = toggle
                    rows.append(toggle)
            self.entry.children = rows

    def build(self) -> widgets.Widget:
        """Make the widgets for the current language from the state, and draw."""
        example = widgets.Dropdown(
            options=[(_("— start from an example —"), "")]
            + [(_(v), k) for k, v in EXAMPLES.items()],
            value="",
            layout=widgets.Layout(width="26em"),
        )
        mode = widgets.ToggleButtons(
            options=[(_("Dot counts"), "dots"), (_("Pairwise choices"), "pairwise")],
            value=self.state["mode"],
            style={"button_width": "12em"},
        )
        new_item = widgets.Text(placeholder=_("New item"), layout=widgets.Layout(width="18em"))
        add = widgets.Button(description=_("Add"), icon="plus")
        clear = widgets.Button(
            description=_("Clear the votes"), icon="eraser", layout=widgets.Layout(width="auto")
        )
        tie = widgets.Button(
            description=_("Break a tie"), icon="random", layout=widgets.Layout(width="auto")
        )
        csv_button = widgets.Button(description="CSV", icon="download")
        xlsx_button = widgets.Button(
            description="Excel (XLSX)", icon="download", layout=widgets.Layout(width="auto")
        )

        @safe
        def on_example(change):
            if change["new"]:
                self.load_example(change["new"])

        @safe
        def on_add(_b):
            self.add_item(new_item.value)
            new_item.value = ""

        @safe
        def on_csv(_b):
            name = _("votes") + ".csv"
            self.download.children = (
                download_button(
                    board_csv(self.state), name, _("Download {name}").format(name=name)
                ),
            )

        @safe
        def on_xlsx(_b):
            name = _("votes") + ".xlsx"
            self.download.children = (
                download_button(
                    board_xlsx(self.state), name, _("Download {name}").format(name=name)
                ),
            )

        example.observe(on_example, names="value")
        mode.observe(safe(lambda ch: self.set_mode(ch["new"])), names="value")
        add.on_click(on_add)
        clear.on_click(safe(lambda _b: self.clear_votes()))
        tie.on_click(safe(lambda _b: self.break_tie()))
        csv_button.on_click(on_csv)
        xlsx_button.on_click(on_xlsx)
        self.widgets = {
            "example": example,
            "mode": mode,
            "new_item": new_item,
            "add": add,
            "clear": clear,
            "tie": tie,
            "csv": csv_button,
            "xlsx": xlsx_button,
        }
        self._rebuild_entry()
        safe(self.update)()
        note = widgets.HTML(
            '<div class="algca-note">'
            + html.escape(
                _(
                    "The example votes are illustrative: the sources give the outcome, not the ballots."
                )
            )
            + "</div>"
        )
        left = widgets.VBox(
            [
                example,
                note,
                mode,
                self.entry,
                widgets.HBox([new_item, add]),
                widgets.HBox([clear, tie]),
                widgets.HBox([csv_button, xlsx_button]),
                self.download,
            ],
        )
        left.add_class("algca-voting-entry")
        right = widgets.VBox([self.live, self.table, self.explain, self.heat])
        right.add_class("algca-voting-result")
        columns = widgets.Box([left, right])
        columns.add_class("algca-columns")
        self.root.children = (group_bar(STATE_NAME, self.work, self.open_group), columns)
        return self.root


def app(group: str = "") -> widgets.Widget:
    """The voting board in the app frame (title, language picker, calm messages);
    the frame's ``.app`` is the :class:`VotingBoard`."""
    board = VotingBoard(group=group)
    frame = app_frame(lambda: _("Voting board"), board.build)
    frame.app = frame.board = board
    if board.note:
        show_message(board.note, frame.message_area, kind="note")
    return frame
