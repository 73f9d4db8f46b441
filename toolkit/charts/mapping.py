"""Drawings of the mapping lesson: the community map, the problem × village matrix,
the problem tree (and the objective tree), and a photographed map with a grid.

Everything is drawn offline with matplotlib: no map tiles, no internet.

>>> from toolkit import mapping
>>> from toolkit.charts.mapping import draw_map, draw_tree
>>> fig = draw_map(mapping.load_map("chet-nura"))
>>> len(fig.axes[0].collections) > 0
True
>>> tree = mapping.problem_tree("Таза суу жетпейт", [("Башкаруу начар", "Таза суу жетпейт")])
>>> fig2 = draw_tree(tree)
>>> sorted(t.get_text() for t in fig2.axes[0].texts if "начар" in t.get_text())
['Башкаруу начар']
>>> from toolkit.plots import close
>>> close(fig); close(fig2)
"""

from __future__ import annotations

import math
import textwrap

import matplotlib.patheffects as pe
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch
from matplotlib.transforms import Affine2D

from toolkit.i18n import translator
from toolkit.mapping import (
    CATEGORIES,
    CommunityMap,
    ProblemTree,
    apply_affine,
    category_label,
    levels,
    place_name,
    place_type_label,
    tree_layout,
)
from toolkit.plots import PALETTE, app_png, close, drawable, figure

__all__ = [
    "category_colour",
    "draw_map",
    "draw_matrix",
    "draw_photo_grid",
    "draw_tree",
    "figure_png",
    "wrap",
]

_ = translator("mapping")

_PLACE_MARKERS = {
    "office": ("*", "#444444"),
    "water-source": ("v", "#0072B2"),
    "water-pipe": ("v", "#56B4E9"),
    "school": ("s", "#000000"),
    "kindergarten": ("p", "#CC79A7"),
    "dump": ("X", "#8c6d31"),
    "dip-bath": ("D", "#8c6d31"),
    "canal": ("^", "#009E73"),
    "dam": ("^", "#555555"),
}


def category_colour(category: str) -> str:
    """The colour of a service category on every drawing (colour-blind safe)."""
    order = list(CATEGORIES)
    i = order.index(category) if category in order else len(order) + abs(hash(category)) % 8
    return PALETTE[[0, 5, 1, 4, 3, 2, 6, 7][i % 8]]


def wrap(text: str, width: int = 18) -> str:
    """Break a statement into lines that fit in a box (long words are split with a hyphen).

    >>> wrap("Жергиликтүү бюджетте суу түтүктөрүн курууга каражат жок", 18)
    'Жергиликтүү\\nбюджетте суу\\nтүтүктөрүн курууга\\nкаражат жок'
    """
    text = drawable(text)  # an emoji typed by a participant: a symbol the font has
    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False)) or text


def figure_png(fig, dpi: int = 100) -> bytes:
    """The figure as PNG bytes for the apps (:func:`toolkit.plots.app_png`), then closed.

    The map and tree lay themselves out to fill the figure, so one draw is enough.
    """
    try:
        return app_png(fig, dpi)
    finally:
        close(fig)


def _problem_offsets(n: int, radius: float):
    """Positions around a place for ``n`` markers: rings of 8, 14, 20 …"""
    out, ring, placed = [], 0, 0
    while placed < n:
        per = 8 + 6 * ring
        take = min(per, n - placed)
        r = radius * (1 + 0.75 * ring)
        for k in range(take):
            angle = math.pi / 2 + 2 * math.pi * k / per + ring * 0.3
            out.append((r * math.cos(angle), r * math.sin(angle)))
        placed += take
        ring += 1
    return out


def draw_map(
    cmap: CommunityMap,
    *,
    title: str | None = None,
    background=None,
    transform=None,
    draft: tuple[str, str, str] | None = None,
    highlight: str | None = None,
    labels: bool = True,
):
    """The community map: villages, service points, and a coloured marker per problem.

    ``background`` is a photo (an array from :func:`toolkit.mapping.load_image`)
    placed under the map by ``transform`` (from :func:`toolkit.mapping.fit_affine`).
    ``draft`` is ``(place, category, text)`` of a problem not placed yet (drawn hollow).
    ``highlight`` is a problem id drawn larger (the one being moved).
    """
    fig, ax = figure(title if title is not None else _("Community map"), figsize=(13, 8.5))
    ax.grid(False)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(True)
        ax.spines[side].set_color("#bbbbbb")
    places = cmap.places
    xs, ys = list(places["x"]), list(places["y"])
    if background is not None:
        height, width = background.shape[:2]
        matrix = (
            transform
            if transform is not None
            else [[10 / width, 0, 0], [0, -10 / width, 10 * height / width], [0, 0, 1]]
        )
        corners = apply_affine(matrix, [(0, 0), (width, 0), (0, height), (width, height)])
        ax.imshow(
            background,
            transform=Affine2D(matrix) + ax.transData,
            zorder=0,
            interpolation="bilinear",
            alpha=0.85,
        )
        xs += [c[0] for c in corners]
        ys += [c[1] for c in corners]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    pad = span * 0.08
    ax.set_xlim(min(xs) - pad, max(xs) + pad)
    ax.set_ylim(min(ys) - pad, max(ys) + pad)
    radius = span * 0.028
    halo = [pe.withStroke(linewidth=4, foreground="white")]

    is_village = places["place_type"] == "village"
    ax.scatter(
        places.loc[is_village, "x"],
        places.loc[is_village, "y"],
        s=1400,
        c="#f4efe1",
        edgecolors="#9c8f6c",
        linewidths=2,
        zorder=1,
    )
    kinds_seen = []
    for place_type, group in places.loc[~is_village].groupby("place_type", sort=False):
        marker, colour = _PLACE_MARKERS.get(place_type, ("o", "#666666"))
        ax.scatter(
            group["x"],
            group["y"],
            s=170,
            marker=marker,
            c=colour,
            edgecolors="white",
            linewidths=1,
            zorder=3,
        )
        kinds_seen.append(place_type)
    if labels:
        for _i, row in places.iterrows():
            village = row["place_type"] == "village"
            ax.text(
                row["x"],
                row["y"] - (radius * 2.6 if village else radius * 1.3),
                place_name(cmap, row["place_id"]),
                ha="center",
                va="top",
                fontsize=15 if village else 11,
                fontweight="bold" if village else "normal",
                zorder=6,
                path_effects=halo,
            )

    position = dict(
        zip(places["place_id"], zip(places["x"], places["y"], strict=True), strict=True)
    )
    problems = cmap.problems
    counts: dict[str, int] = {}
    total = problems["place_id"].value_counts().to_dict()
    px, py, pc, big = [], [], [], None
    offsets_for = {
        p: _problem_offsets(n + (1 if draft and p == draft[0] else 0), radius * 1.6)
        for p, n in total.items()
    }
    for pid, place_id, category in zip(
        problems["problem_id"], problems["place_id"], problems["category"], strict=True
    ):
        k = counts.get(place_id, 0)
        counts[place_id] = k + 1
        dx, dy = offsets_for[place_id][k]
        x, y = position[place_id][0] + dx, position[place_id][1] + dy
        px.append(x)
        py.append(y)
        pc.append(category_colour(category))
        if highlight is not None and str(pid) == str(highlight):
            big = (x, y, category_colour(category))
    if px:
        ax.scatter(px, py, s=230, c=pc, edgecolors="white", linewidths=1.5, zorder=4)
    if big:
        ax.scatter(
            [big[0]],
            [big[1]],
            s=700,
            facecolors="none",
            edgecolors="#D55E00",
            linewidths=3,
            zorder=5,
        )
    if draft:
        place_id, category, text = draft
        k = counts.get(place_id, 0)
        offsets = offsets_for.get(place_id) or _problem_offsets(1, radius * 1.6)
        dx, dy = offsets[k]
        x, y = position[place_id][0] + dx, position[place_id][1] + dy
        ax.scatter(
            [x],
            [y],
            s=420,
            facecolors="white",
            edgecolors=category_colour(category),
            linewidths=3,
            linestyle="--",
            zorder=5,
        )
        if text:
            ax.annotate(
                wrap(text, 28),
                (x, y),
                xytext=(12, 12),
                textcoords="offset points",
                fontsize=13,
                zorder=7,
                path_effects=halo,
                bbox={
                    "boxstyle": "round",
                    "fc": "white",
                    "ec": category_colour(category),
                    "ls": "--",
                },
            )

    handles = [
        Line2D(
            [],
            [],
            marker="o",
            ls="",
            markersize=13,
            markerfacecolor=category_colour(c),
            markeredgecolor="white",
            label=category_label(c),
        )
        for c in dict.fromkeys([*problems["category"], *([draft[1]] if draft else [])])
    ]
    handles += [
        Line2D(
            [],
            [],
            marker=_PLACE_MARKERS.get(k, ("o",))[0],
            ls="",
            markersize=12,
            color=_PLACE_MARKERS.get(k, ("o", "#666666"))[1],
            label=place_type_label(k),
        )
        for k in kinds_seen
    ]
    if handles:
        ax.legend(
            handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=13
        )
    fig.subplots_adjust(left=0.02, right=0.70, top=0.93, bottom=0.05)
    ax.text(
        0.0,
        -0.02,
        _("Positions are schematic (illustrative). Problems: {n}.").format(n=len(problems)),
        transform=ax.transAxes,
        fontsize=12,
        color="#555555",
        va="top",
    )
    return fig


def draw_matrix(matrix, *, title: str | None = None):
    """The problem × village matrix as a grid of counts (darker = more problems)."""
    rows = [category_label(c) if c in CATEGORIES else wrap(c, 30) for c in matrix.index]
    fig, ax = figure(
        title if title is not None else _("Problems by village"),
        figsize=(max(8, 1.3 * len(matrix.columns) + 4), max(4, 0.8 * len(rows) + 2.5)),
    )
    ax.grid(False)
    values = matrix.to_numpy() if len(matrix) else [[0]]
    ax.imshow(values, cmap="Oranges", aspect="auto", vmin=0)
    ax.set_xticks(range(len(matrix.columns)), list(matrix.columns), rotation=35, ha="right")
    ax.set_yticks(range(len(rows)), rows)
    top = max((max(r) for r in values), default=0) or 1
    for i, row in enumerate(values):
        for j, v in enumerate(row):
            if len(matrix):
                ax.text(
                    j,
                    i,
                    str(v),
                    ha="center",
                    va="center",
                    fontsize=16,
                    color="white" if v > top * 0.6 else "black",
                )
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    return fig


def _box_text(text: str, chars: int) -> str:
    """The statement in lines of about ``chars`` characters; a word a little longer than a
    line is kept whole (the box has room), a much longer one is split with a hyphen."""
    words = []
    for word in drawable(text).split():
        while len(word) > 1.1 * chars:
            words.append(word[: chars - 1] + "-")
            word = word[chars - 1 :]
        words.append(word)
    return "\n".join(textwrap.wrap(" ".join(words), chars, break_long_words=False)) or text


def draw_tree(
    tree: ProblemTree,
    *,
    title: str | None = None,
    draft: tuple[str, str] | None = None,
    width: int | None = None,
    font_scale: float = 1.0,
):
    """The problem tree (or objective tree): effects on top, the core problem in the
    middle, causes below; arrows go from a cause up to what it leads to.

    ``draft`` is ``("cause" | "effect", text)``: a statement being typed, shown
    dashed next to the core problem before it is added.  ``font_scale`` makes the
    statements' text larger (the boxes wrap it into more lines): the app uses it so that
    the tree, shrunk to the projector's width, is still read from the back of the room.
    """
    pos = dict(tree_layout(tree))
    level = levels(tree)
    labels = dict(tree.labels)
    edges = list(tree.edges)
    if draft and draft[1].strip():
        side, text = draft
        key = "\0draft"
        row = -1 if side == "cause" else 1
        used = [x for n, (x, y) in pos.items() if y == row]
        pos[key] = ((max(used) + 1) if used else 0.0, row)
        labels[key] = text
        level[key] = row
        edges.append((key, tree.core) if side == "cause" else (tree.core, key))
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ncols = max(xs) - min(xs) + 1
    nrows = max(ys) - min(ys) + 1
    scale = min(1.0, 30 / max(ncols * 2.3, 1), 22 / max(nrows * 1.9, 1))
    fontsize = max(6.5, 13 * scale) * font_scale
    column_inches = 2.3 * scale
    chars = width or max(8, int(0.88 * column_inches * 72 / (fontsize * 0.66)))
    # a word a little longer than a line still fits the box (the width above is generous)
    texts = {n: _box_text(t, chars) for n, t in labels.items()}
    lines = max(t.count("\n") + 1 for t in texts.values())
    figsize = (
        max(8, ncols * column_inches + 1.5),
        max(4.5, nrows * (0.55 + 0.24 * font_scale * lines) * scale + 1.2),
    )
    objective = tree.kind == "objective"
    default = _("Objective tree") if objective else _("Problem tree")
    fig, ax = figure(title if title is not None else default, figsize=figsize)
    ax.set_axis_off()
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=1 - 0.75 / figsize[1])
    ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
    ax.set_ylim(min(ys) - 0.55, max(ys) + 0.55)
    box_h = 0.78
    colours = {
        "core": ("#fde0cf", "#D55E00") if not objective else ("#cdeee2", "#009E73"),
        "cause": ("#dcebf7", "#0072B2"),
        "effect": ("#fdf0d2", "#E69F00"),
    }
    segments = []
    for a, b in edges:
        (x1, y1), (x2, y2) = pos[a], pos[b]
        segments.append([(x1, y1 + box_h / 2), (x2, y2 - box_h / 2)])
    ax.add_collection(LineCollection(segments, colors="#777777", linewidths=2, zorder=1))
    ax.scatter(
        [s[1][0] for s in segments],
        [s[1][1] - 0.03 for s in segments],
        marker="^",
        s=90 * scale,
        c="#777777",
        zorder=1,
    )
    for node, (x, y) in pos.items():
        role = "core" if node == tree.core else ("cause" if level[node] < 0 else "effect")
        face, edge = colours[role]
        is_draft = node == "\0draft"
        ax.add_artist(
            FancyBboxPatch(  # the limits are set above: no need to grow them per box
                (x - 0.44, y - box_h / 2),
                0.88,
                box_h,
                boxstyle="round,pad=0.0,rounding_size=0.08",
                fc="white" if is_draft else face,
                ec=edge,
                lw=3 if role == "core" else 1.8,
                ls="--" if is_draft else "-",
                zorder=2,
                mutation_aspect=1,
            )
        )
        ax.text(
            x,
            y,
            texts[node],
            ha="center",
            va="center",
            zorder=3,
            fontsize=fontsize * (1.1 if role == "core" else 1.0),
            fontweight="bold" if role == "core" else "normal",
            linespacing=1.1,
        )
    side_names = (
        (_("Ends"), _("Core objective"), _("Means"))
        if objective
        else (_("Effects"), _("Core problem"), _("Causes"))
    )
    for text, y, colour in zip(
        side_names,
        (max(ys), 0, min(ys)),
        (colours["effect"][1], colours["core"][1], colours["cause"][1]),
        strict=True,
    ):
        if (y > 0 and text == side_names[0]) or y == 0 or (y < 0 and text == side_names[2]):
            ax.text(
                min(xs) - 0.58,
                y + box_h / 2 + 0.04,
                text,
                fontsize=max(9, fontsize),
                color=colour,
                fontweight="bold",
                va="bottom",
                ha="left",
            )
    return fig


def draw_photo_grid(image, *, title: str | None = None, step: int | None = None):
    """A photographed map with a labelled grid of pixels, to read off reference points."""
    height, width = image.shape[:2]
    fig, ax = figure(
        title if title is not None else _("Photo of the map: find the reference points"),
        figsize=(12, 12 * height / max(width, 1) + 0.8),
    )
    ax.imshow(image)
    step = step or max(50, round(max(width, height) / 10, -2))
    ax.set_xticks(range(0, width + 1, int(step)))
    ax.set_yticks(range(0, height + 1, int(step)))
    ax.grid(True, color="white", alpha=0.7, linewidth=1)
    ax.tick_params(labelsize=11)
    return fig
