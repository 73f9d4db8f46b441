"""The mapping apps of the seminar: the map board and the problem-tree editor.

**Map board.**  The municipality's schematic map on the projector.  The trainer
writes a problem people name, chooses the village (or service point) and the
service, and sees the marker appear as the text is typed; *Place on the map*
keeps it.  Markers can be moved to another place or removed.  A photo of the
map a group drew by hand can be put underneath, placed by two or three
reference points clicked on the photo.  The map downloads as PNG and the
problems as CSV.  Every change is saved at once, so a restart loses nothing.

**Problem-tree editor.**  The core problem in the middle; add causes below and
effects above (of the core or of any statement), remove them, and see the tree
drawn again.  A second step rewrites every statement as a positive objective.

>>> import os, tempfile
>>> os.environ["ALGCA_DATA_DIR"] = tempfile.mkdtemp()
>>> board = map_board(group="1-топ").app
>>> board.place.value, board.category.value = "kara-saz", "waste"
>>> board.text.value = "Таштанды көчөдө калат"
>>> "data:image/png;base64," in board.live.value
True
>>> board.add.click()
>>> board.cmap.problems["problem"].iloc[-1]
'Таштанды көчөдө калат'
>>> editor = tree_editor(group="1-топ").app
>>> editor.text.value = "Суу ишканасында адис аз"
>>> editor.add.click()
>>> "Суу ишканасында адис аз" in editor.tree.labels
True
>>> del os.environ["ALGCA_DATA_DIR"]
"""

from __future__ import annotations

import base64
import html

import ipywidgets as widgets
import pandas as pd

from toolkit import mapping
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
from toolkit.charts.mapping import draw_map, draw_tree, figure_png
from toolkit.errors import ToolkitError
from toolkit.i18n import N_, translator
from toolkit.tables import inert

__all__ = ["CASES", "MapBoard", "TreeEditor", "app", "map_board", "photo_html", "tree_editor"]

_ = translator("mapping")

#: The maps the board can show.
CASES = {"chet-nura": N_("Chet-Nura"), "birinchi-may": N_("Birinchi May")}

_NO_PLACE = "—"
# the tree's text at 13 pt × 1.25 stays above 16 px on a 1366 px projector with 7 boxes a row
_TREE_FONT_SCALE = 1.25


def _img(png: bytes) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<img class="algca-chart" src="data:image/png;base64,{data}">'


def _figure_html(fig) -> tuple[str, bytes]:
    """The figure as an ``<img>`` and as PNG bytes (100 dpi: sharp on a projector, and quick)."""
    png = figure_png(fig)
    return _img(png), png


_CLICK_JS = (
    "var i=event.target,b=i.getBoundingClientRect();"
    "var x=Math.round((event.clientX-b.left)*i.naturalWidth/b.width);"
    "var y=Math.round((event.clientY-b.top)*i.naturalHeight/b.height);"
    "var t=document.querySelector('.algca-photo-click input');"
    "if(t){t.value=x+','+y+','+Date.now();"
    "t.dispatchEvent(new Event('input',{bubbles:true}));"
    "t.dispatchEvent(new Event('change',{bubbles:true}));}"
)


def photo_html(image) -> str:
    """The photo as a clickable ``<img>``: a click writes the pixel it hit (offline, no plugin).

    >>> import numpy as np
    >>> "onclick=" in photo_html(np.zeros((4, 6, 3), dtype="uint8"))
    True
    """
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(image).convert("RGB").save(buf, format="JPEG", quality=85)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<img class="algca-photo" src="data:image/jpeg;base64,{data}" onclick="{_CLICK_JS}">'


def _label(text: str, width: str = "9em") -> widgets.HTML:
    label = widgets.HTML(f"<b>{html.escape(text)}</b>", layout=widgets.Layout(width=width))
    label.add_class("algca-row-label")
    return label


def _row(*children: widgets.Widget) -> widgets.Box:
    box = widgets.Box(list(children))
    box.add_class("algca-wrap")
    return box


class MapBoard:
    """The map board: ``.cmap`` is the current map, ``.live`` the drawing, ``.root`` the widget.

    Everything a browser can do is a method, so the tests drive it without a browser:
    :meth:`open_group`, :meth:`load`, :meth:`add_problem`, :meth:`select`,
    :meth:`move_problem`, :meth:`remove_problem`, :meth:`load_photo`, :meth:`place_photo`.
    Each group's problems are saved under its name (one file per map and group).
    A photo over ``max_bytes`` or ``max_pixels`` is refused (the limits of
    :func:`toolkit.mapping.load_image` by default).
    """

    max_bytes = mapping.MAX_IMAGE_BYTES
    max_pixels = mapping.MAX_IMAGE_PIXELS

    def __init__(self, case_id: str = "chet-nura", group: str = "", build: bool = True):
        self.case_id = case_id
        self.group = group
        self.quiet = Quiet()
        self.photo = None
        self.transform = None
        self.png = b""
        self.note = ""
        self.root = widgets.VBox()
        if build:
            self.build()

    def build(self) -> widgets.VBox:
        """Make the widgets for the current language and show the map (in :attr:`root`)."""
        self.case = widgets.Dropdown(
            options=[(_(v), k) for k, v in CASES.items()],
            value=self.case_id,
            layout=widgets.Layout(width="16em"),
        )
        self.place = widgets.Dropdown(layout=widgets.Layout(width="22em"))
        self.category = widgets.Dropdown(
            options=[(mapping.category_label(k), k) for k in mapping.CATEGORIES],
            layout=widgets.Layout(width="22em"),
        )
        self.text = widgets.Text(
            placeholder=_("Write the problem as people said it"),
            continuous_update=True,
            layout=widgets.Layout(width="40em"),
        )
        self.text.add_class("algca-primary-input")
        self.reporter = widgets.Text(
            placeholder=_("e.g. initiative group, teachers"), layout=widgets.Layout(width="22em")
        )
        self.lacks = widgets.Checkbox(
            description=_("The service is missing altogether"), indent=False
        )
        self.add = widgets.Button(
            description=_("Place on the map"),
            button_style="primary",
            icon="map-marker",
            layout=widgets.Layout(width="16em"),
        )
        self.chosen = widgets.Dropdown(layout=widgets.Layout(width="34em"))
        self.move = widgets.Button(
            description=_("Move / change the service"), layout=widgets.Layout(width="18em")
        )
        self.remove = widgets.Button(
            description=_("Remove"), button_style="danger", layout=widgets.Layout(width="10em")
        )
        self.live = widgets.HTML()
        self.live.add_class("algca-live-output")
        self.matrix = widgets.HTML()
        self.downloads = _row()
        # the photographed map
        self.upload = widgets.FileUpload(
            accept="image/*", multiple=False, description=_("Photo of the map")
        )
        self.photo_view = widgets.HTML()
        # a click on the photo writes "x,y,time" here (see _CLICK_JS); hidden from view
        self.click = widgets.Text(layout=widgets.Layout(display="none"))
        self.click.add_class("algca-photo-click")
        self.ref_row = widgets.ToggleButtons(
            options=[("1", 0), ("2", 1), ("3", 2)], style={"button_width": "4em"}
        )
        self.ref_places, self.ref_x, self.ref_y = [], [], []
        rows = []
        for _i in range(3):
            place = widgets.Dropdown(layout=widgets.Layout(width="18em"))
            x = widgets.FloatText(layout=widgets.Layout(width="7em"))
            y = widgets.FloatText(layout=widgets.Layout(width="7em"))
            self.ref_places.append(place)
            self.ref_x.append(x)
            self.ref_y.append(y)
            rows.append(
                _row(
                    place,
                    _label(_("x on the photo"), "8em"),
                    x,
                    _label(_("y on the photo"), "8em"),
                    y,
                )
            )
        self.fit = widgets.Button(
            description=_("Place the photo"), layout=widgets.Layout(width="14em")
        )
        self.drop_photo = widgets.Button(
            description=_("Remove the photo"), layout=widgets.Layout(width="14em")
        )
        photo_help = widgets.HTML(
            html.escape(
                _(
                    "Load the photo. For two or three places far apart: choose the place in a row, "
                    "then click that place on the photo (or type its position)."
                )
            )
        )
        photo_box = widgets.VBox(
            [
                _row(self.upload, self.fit, self.drop_photo),
                photo_help,
                _row(_label(_("Reference point"), "12em"), self.ref_row),
                *rows,
                self.click,
                self.photo_view,
            ]
        )
        photo = widgets.Accordion(children=[photo_box], selected_index=None)
        photo.set_title(0, _("Photo of a hand-drawn map"))
        self.group_bar = group_bar(
            self.state_name, GroupWork(self.state_name, self.group), self.open_group
        )
        self.root.children = [
            self.group_bar,
            _row(_label(_("Map")), self.case),
            _row(_label(_("Problem")), self.text),
            _row(_label(_("Where")), self.place, _label(_("Service"), "6em"), self.category),
            _row(_label(_("Reported by")), self.reporter, self.lacks),
            _row(_label(""), self.add),
            self.live,
            _row(_label(_("On the map")), self.chosen, self.move, self.remove),
            self.downloads,
            photo,
            self.matrix,
        ]
        self.case.observe(safe(lambda change: self.load(change["new"])), names="value")
        for w in (self.text, self.place, self.category):
            w.observe(safe(lambda change: self.redraw()), names="value")
        self.chosen.observe(safe(lambda change: self.select(change["new"])), names="value")
        self.add.on_click(safe(lambda button: self.add_problem()))
        self.move.on_click(safe(lambda button: self.move_problem()))
        self.remove.on_click(safe(lambda button: self.remove_problem()))
        self.upload.observe(safe(lambda change: self.load_photo()), names="value")
        self.fit.on_click(safe(lambda button: self.place_photo()))
        self.click.observe(safe(lambda change: self.photo_clicked(change["new"])), names="value")
        self.drop_photo.on_click(safe(lambda button: self.clear_photo()))
        self.load(self.case_id)
        return self.root

    # -- state ----------------------------------------------------------------------------
    @property
    def state_name(self) -> str:
        """The name the problems are saved under (one per map)."""
        return f"map_board/{self.case_id}"

    def open_group(self, group: str) -> None:
        """Show (and from now on save) the problems ``group`` placed."""
        self.group = group
        self.build()
        if self.note:
            show_message(self.note, kind="note")

    def load(self, case_id: str) -> None:
        """Show the map of a case, with the problems this group saved last time (if any)."""
        base = mapping.load_map(case_id)
        self.case_id = case_id
        self.work = GroupWork(self.state_name, self.group)
        saved = self.work.load(
            check=lambda s: mapping.community_map(base.places, pd.DataFrame(s["problems"]))
        )
        self.note = self.work.note
        self.cmap = saved if saved is not None else base
        self.photo = self.transform = None
        self.photo_view.value = ""
        places = [(mapping.place_name(base, p), p) for p in base.places["place_id"]]
        with self.quiet():
            self.place.options = places
            self.place.value = places[0][1]
            for dropdown in self.ref_places:
                dropdown.options = [(_NO_PLACE, "")] + places
        self.refresh()

    def save(self) -> None:
        """Save the group's problems; if another screen saved them meanwhile, show its work."""
        records = self.cmap.problems.astype(object).where(self.cmap.problems.notna(), "")
        try:
            self.work.save({"problems": records.to_dict(orient="records")})
        except WorkChanged:
            self.load(self.case_id)
            raise

    # -- actions ----------------------------------------------------------------------------
    def add_problem(self) -> None:
        self.cmap = mapping.add_problem(
            self.cmap,
            self.place.value,
            self.category.value,
            self.text.value,
            reported_by=self.reporter.value,
            lacks_service=self.lacks.value,
        )
        self.save()
        with self.quiet():
            self.text.value = ""
        self.refresh()

    def select(self, problem_id: str) -> None:
        """A marker chosen: show its place and service, to change them with *Move*."""
        if problem_id and not self.quiet:
            row = self.cmap.problems.set_index("problem_id").loc[problem_id]
            with self.quiet():
                self.place.value = row["place_id"]
                if row["category"] in mapping.CATEGORIES:
                    self.category.value = row["category"]
        self.redraw()

    def move_problem(self) -> None:
        if not self.chosen.value:
            raise ToolkitError(_("Choose a problem on the map first."))
        self.cmap = mapping.move_problem(
            self.cmap, self.chosen.value, self.place.value, category=self.category.value
        )
        self.save()
        self.refresh()

    def remove_problem(self) -> None:
        if not self.chosen.value:
            raise ToolkitError(_("Choose a problem on the map first."))
        self.cmap = mapping.remove_problem(self.cmap, self.chosen.value)
        self.save()
        self.refresh()

    def load_photo(self, content: bytes | None = None, name: str | None = None) -> None:
        """Read the uploaded photo (or ``content``) and show it with its grid."""
        if content is None:
            if not self.upload.value:
                return
            item = self.upload.value[0]
            content, name = bytes(item["content"]), item["name"]
        self.photo = mapping.load_image(
            content, name=name, max_bytes=self.max_bytes, max_pixels=self.max_pixels
        )
        self.transform = None
        self.photo_view.value = photo_html(self.photo)
        self.redraw()

    def photo_clicked(self, value: str) -> None:
        """A click on the photo: its pixel position goes into the chosen reference row."""
        try:
            x, y = (float(v) for v in str(value).split(",")[:2])
        except ValueError:
            return
        row = self.ref_row.value
        self.ref_x[row].value, self.ref_y[row].value = x, y
        self.ref_row.value = (row + 1) % len(self.ref_x)

    def place_photo(self) -> None:
        """Fit the photo to the map from the reference points filled in."""
        if self.photo is None:
            raise ToolkitError(_("Load a photo of the map first."))
        photo_pts, map_pts = [], []
        places = self.cmap.places.set_index("place_id")
        for dropdown, x, y in zip(self.ref_places, self.ref_x, self.ref_y, strict=True):
            if dropdown.value:
                photo_pts.append((x.value, y.value))
                map_pts.append(tuple(places.loc[dropdown.value, ["x", "y"]]))
        self.transform = mapping.fit_affine(photo_pts, map_pts)
        self.redraw()

    def clear_photo(self) -> None:
        self.photo = self.transform = None
        self.photo_view.value = ""
        self.redraw()

    # -- drawing ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Update the list of problems, the matrix, the downloads and the drawing."""
        problems = self.cmap.problems
        options = [(_NO_PLACE, "")] + [
            (f"{mapping.place_name(self.cmap, p)}: {t}", i)
            for i, p, t in zip(
                problems["problem_id"], problems["place_id"], problems["problem"], strict=True
            )
        ]
        with self.quiet():
            self.chosen.options = options
        matrix = mapping.problem_matrix(self.cmap)
        matrix.index = [mapping.category_label(c) for c in matrix.index]
        self.matrix.value = (
            f"<h3>{html.escape(_('Problems by village'))}</h3>"
            f"<div class='algca-scroll'>{matrix.to_html(border=0)}</div>"
        )
        self.redraw()

    def redraw(self) -> None:
        """Draw the map again (with the problem being typed as a draft marker)."""
        if self.quiet:
            return
        draft = None
        if self.text.value.strip() and self.place.value:
            draft = (self.place.value, self.category.value, self.text.value)
        fig = draw_map(
            self.cmap,
            title=_(CASES[self.case_id]),
            draft=draft,
            background=self.photo,
            transform=self.transform,
            highlight=self.chosen.value or None,
        )
        self.live.value, self.png = _figure_html(fig)
        self.downloads.children = [
            download_button(self.png, f"map_{self.case_id}.png", _("Map as PNG")),
            download_button(
                mapping.problems_csv(self.cmap),
                f"problems_{self.case_id}.csv",
                _("Problems as CSV"),
            ),
        ]


class TreeEditor:
    """The problem-tree editor: ``.tree`` is the current tree, ``.root`` the widget.

    Everything a browser can do is a method: :meth:`open_group`, :meth:`start`,
    :meth:`add_statement`, :meth:`remove_statement`, :meth:`keep_goal`.  Each group's
    tree is saved under its name.
    """

    def __init__(self, group: str = "", build: bool = True):
        self.quiet = Quiet()
        self.root = widgets.VBox()
        self.root.add_class("algca-tree-editor")
        self.png = b""
        self._load(group)
        if build:
            self.build()

    def _load(self, group: str) -> None:
        self.work = GroupWork("problem_tree", group)
        saved = self.work.load(
            check=lambda s: (
                mapping.problem_tree(s["core"], s["links"]),
                dict(s.get("rewrites", {})),
            )
        )
        self.note = self.work.note
        self.tree, self.rewrites = saved if saved is not None else (self.example(), {})

    def open_group(self, group: str) -> None:
        """Show (and from now on save) the tree of ``group``."""
        self._load(group)
        self.build()
        if self.note:
            show_message(self.note, kind="note")

    def build(self) -> widgets.VBox:
        """Make the widgets for the current language and draw the tree (in :attr:`root`)."""
        self.core = widgets.Text(layout=widgets.Layout(width="36em"))
        self.new_tree = widgets.Button(
            description=_("Start a new tree"), layout=widgets.Layout(width="14em")
        )
        self.side = widgets.ToggleButtons(options=[(_("Cause"), "cause"), (_("Effect"), "effect")])
        self.text = widgets.Text(
            placeholder=_("Write a cause or an effect"),
            continuous_update=True,
            layout=widgets.Layout(width="36em"),
        )
        self.text.add_class("algca-primary-input")
        self.of = widgets.Dropdown(layout=widgets.Layout(width="36em"))
        self.add = widgets.Button(
            description=_("Add"), button_style="primary", layout=widgets.Layout(width="10em")
        )
        self.chosen = widgets.Dropdown(layout=widgets.Layout(width="36em"))
        self.remove = widgets.Button(
            description=_("Remove"), button_style="danger", layout=widgets.Layout(width="10em")
        )
        self.goal = widgets.Text(
            placeholder=_("The same statement, written as what we achieve"),
            layout=widgets.Layout(width="36em"),
        )
        self.save_goal = widgets.Button(
            description=_("Save the objective"), layout=widgets.Layout(width="14em")
        )
        self.goal_note = widgets.HTML()
        self.live = widgets.HTML()
        self.live.add_class("algca-live-output")
        self.objectives = widgets.HTML()
        self.downloads = _row()
        self.group_bar = group_bar("problem_tree", self.work, self.open_group)
        self.root.children = [
            self.group_bar,
            _row(_label(_("Core problem"), "11em"), self.core, self.new_tree),
            _row(_label(_("New statement"), "11em"), self.side),
            _row(_label("", "11em"), self.text),
            _row(_label(_("Linked to"), "11em"), self.of, self.add),
            self.live,
            _row(_label(_("Statement"), "11em"), self.chosen, self.remove),
            _row(_label(_("Objective"), "11em"), self.goal, self.save_goal),
            self.goal_note,
            self.downloads,
            self.objectives,
        ]
        self.text.observe(safe(lambda change: self.redraw()), names="value")
        self.side.observe(safe(lambda change: self.redraw()), names="value")
        self.add.on_click(safe(lambda button: self.add_statement()))
        self.remove.on_click(safe(lambda button: self.remove_statement()))
        self.new_tree.on_click(safe(lambda button: self.start(self.core.value)))
        self.chosen.observe(safe(lambda change: self.show_goal()), names="value")
        self.save_goal.on_click(safe(lambda button: self.keep_goal()))
        self.refresh()
        return self.root

    @staticmethod
    def example() -> mapping.ProblemTree:
        """Chet-Nura's clean-water problem with the causes and effects of its strategy."""
        from toolkit.cases import load_case

        factors = load_case("chet-nura").tables["problem_factors"]
        water = factors[factors["service_id"] == "drinking-water"]
        return mapping.tree_from_factors(water, core="Таза суу толук кандуу жетпейт")

    def save(self) -> None:
        """Save the group's tree; if another screen saved it meanwhile, show that tree."""
        try:
            self.work.save(
                {"core": self.tree.core, "links": list(self.tree.edges), "rewrites": self.rewrites}
            )
        except WorkChanged:
            self._load(self.work.group)
            self.refresh()
            raise

    def start(self, core: str) -> None:
        self.tree = mapping.problem_tree(core, [])
        self.rewrites = {}
        self.save()
        self.refresh()

    def add_statement(self) -> None:
        adder = mapping.add_cause if self.side.value == "cause" else mapping.add_effect
        self.tree = adder(self.tree, self.text.value, of=self.of.value or None)
        self.save()
        with self.quiet():
            self.text.value = ""
        self.refresh()

    def remove_statement(self) -> None:
        if not self.chosen.value:
            raise ToolkitError(_("Choose a statement first."))
        self.tree = mapping.remove_node(self.tree, self.chosen.value)
        self.rewrites = {k: v for k, v in self.rewrites.items() if k in self.tree.labels}
        self.save()
        self.refresh()

    def show_goal(self) -> None:
        self.goal.value = self.rewrites.get(self.chosen.value, "")
        self.goal_note.value = ""

    def keep_goal(self) -> None:
        node = self.chosen.value or self.tree.core
        issues = mapping.objective_problems(self.tree.label(node), self.goal.value)
        if issues:
            raise ToolkitError(" ".join(issues))
        self.rewrites[node] = " ".join(self.goal.value.split())
        self.save()
        self.goal_note.value = f'<div class="algca-note">✔ {html.escape(_("Saved."))}</div>'
        self.draw_objectives()

    def refresh(self) -> None:
        nodes = [(self.tree.label(n), n) for n in self.tree.nodes]
        with self.quiet():
            self.core.value = self.tree.label(self.tree.core)
            self.of.options = nodes
            self.of.value = self.tree.core
            self.chosen.options = nodes
            self.chosen.value = self.tree.core
        self.show_goal()
        self.redraw()
        self.draw_objectives()

    def redraw(self) -> None:
        """Draw the tree again (with the statement being typed as a draft box)."""
        if self.quiet:
            return
        draft = (self.side.value, self.text.value) if self.text.value.strip() else None
        self.live.value, self.png = _figure_html(
            draw_tree(self.tree, draft=draft, font_scale=_TREE_FONT_SCALE)
        )
        links = inert(mapping.links_table(self.tree)).to_csv(index=False).encode("utf-8-sig")
        self.downloads.children = [
            download_button(self.png, "problem_tree.png", _("Tree as PNG")),
            download_button(links, "problem_tree.csv", _("Links as CSV")),
        ]

    def draw_objectives(self) -> None:
        if not self.rewrites:
            self.objectives.value = ""
            return
        goals = mapping.objective_tree(
            self.tree, {n: self.rewrites.get(n, "…") for n in self.tree.nodes}, strict=False
        )
        self.objectives.value = _figure_html(draw_tree(goals, font_scale=_TREE_FONT_SCALE))[0]


def map_board(case_id: str = "chet-nura", group: str = "") -> widgets.VBox:
    """The map board in the app frame (title, language picker, calm messages);
    the frame's ``.app`` is the :class:`MapBoard`."""
    board = MapBoard(case_id, group, build=False)
    return _framed(lambda: _("Community map"), board)


def tree_editor(group: str = "") -> widgets.VBox:
    """The problem-tree editor in the app frame; the frame's ``.app`` is the :class:`TreeEditor`."""
    return _framed(lambda: _("Problem tree"), TreeEditor(group, build=False))


def _framed(title, app_object) -> widgets.VBox:
    frame = app_frame(title, app_object.build)
    frame.app = app_object
    if app_object.note:
        show_message(app_object.note, frame.message_area, kind="note")
    return frame


def app() -> widgets.VBox:
    """The map board (the app of ``notebooks/apps/map_board.ipynb``)."""
    return map_board()
