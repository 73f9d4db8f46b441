"""The community map: villages, service points and the problems people put on them.

In the "Карта түзүү" (mapping) exercise a group draws its territory — the
villages, water sources, schools, kindergartens, dumps, canals — and marks each
problem where it happens, saying who reported it.  Here the map is two tables:
``places`` (where things are, on a schematic grid) and ``problems`` (what is
wrong, at which place, in which service category, reported by whom).

>>> import pandas as pd
>>> places = pd.DataFrame({
...     "place_id": ["ak-kyya", "orto-nura", "orto-nura-school"],
...     "name": ["Ак-Кыя", "Орто-Нура", "Орто-Нура мектеби"],
...     "place_type": ["village", "village", "school"],
...     "village_id": ["ak-kyya", "orto-nura", "orto-nura"],
...     "x": [2.0, 5.0, 5.3], "y": [6.0, 4.0, 3.6]})
>>> m = community_map(places)
>>> m = add_problem(m, "Ак-Кыя", "drinking-water", "Таза суу такыр эле жок",
...                 reported_by="айыл башчысы", lacks_service=True)
>>> m = add_problem(m, "orto-nura-school", "education", "Мектепке жол алыс")
>>> villages_lacking(m, "drinking-water")
['Ак-Кыя']
>>> count_by_category(m).to_dict()
{'drinking-water': 1, 'education': 1}
>>> problem_matrix(m)
village         Ак-Кыя  Орто-Нура
category
drinking-water       1          0
education            0          1

A place that is not on the map is refused with a clear message:

>>> add_problem(m, "Ак-Кыйя", "waste", "Таштанды")
Traceback (most recent call last):
...
toolkit.errors.ToolkitError: «Ак-Кыйя» деген жер картада жок. Картадагы жерлер: Ак-Кыя, Орто-Нура, Орто-Нура мектеби.
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from toolkit.errors import ToolkitError
from toolkit.i18n import N_, format_number, get_language, translator
from toolkit.tables import inert
from toolkit.vocabulary import SERVICES, parse_yes_no, service_label

__all__ = [
    "CATEGORIES",
    "MAX_IMAGE_BYTES",
    "MAX_IMAGE_PIXELS",
    "PLACE_TYPES",
    "CommunityMap",
    "add_problem",
    "apply_affine",
    "category_label",
    "community_map",
    "count_by_category",
    "fit_affine",
    "load_image",
    "load_map",
    "move_place",
    "move_problem",
    "place_name",
    "place_type_label",
    "problem_matrix",
    "problems_at",
    "problems_csv",
    "remove_problem",
    "villages",
    "villages_lacking",
]

_ = translator("mapping")

#: Service categories a problem belongs to (id → label shown), a choice of
#: :data:`toolkit.vocabulary.SERVICES`.
CATEGORIES = {
    key: SERVICES[key]
    for key in (
        "drinking-water",
        "irrigation",
        "waste",
        "education",
        "flood",
        "roads",
        "livestock",
        "other",
    )
}

#: Kinds of places drawn on the map (id → label shown).
PLACE_TYPES = {
    "village": N_("Village"),
    "office": N_("Municipal office"),
    "water-source": N_("Water source"),
    "water-pipe": N_("Water pipe"),
    "school": SERVICES["school"],
    "kindergarten": N_("Kindergarten"),
    "dump": N_("Waste dump"),
    "dip-bath": SERVICES["dip-bath"],
    "canal": N_("Irrigation canal"),
    "dam": N_("Flood dam"),
}

#: A photographed map larger than this is refused (bytes).
MAX_IMAGE_BYTES = 15 * 1024 * 1024
#: … or with more points than this (width × height).
MAX_IMAGE_PIXELS = 40_000_000

_PLACE_COLUMNS = ["place_id", "name", "place_type", "village_id", "x", "y"]
_PROBLEM_COLUMNS = ["problem_id", "place_id", "category", "problem", "reported_by", "lacks_service"]


def category_label(category: str) -> str:
    """The label of a category in the current language (the id itself if unknown)."""
    return service_label(category)


def place_type_label(place_type: str) -> str:
    """The label of a kind of place in the current language."""
    if place_type in SERVICES:  # a service point (school, dip bath) is named as its service
        return service_label(place_type)
    return _(PLACE_TYPES[place_type]) if place_type in PLACE_TYPES else str(place_type)


@dataclass(frozen=True)
class CommunityMap:
    """A checked community map: ``places`` and ``problems`` (pandas tables).

    Every function that changes a map returns a new one; the old one stays as it was.
    """

    places: pd.DataFrame
    problems: pd.DataFrame

    def __repr__(self) -> str:
        return f"CommunityMap({len(self.places)} places, {len(self.problems)} problems)"


def _require(table, columns, file, what):
    messages = {
        "places": (
            _("The places should be a table."),
            _("The table of places has no column {columns}."),
        ),
        "problems": (
            _("The problems should be a table."),
            _("The table of problems has no column {columns}."),
        ),
    }[what]
    if not hasattr(table, "columns"):
        raise ToolkitError(messages[0], file=file)
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ToolkitError(
            messages[1].format(columns=", ".join(f"«{c}»" for c in missing)), file=file
        )


def _as_bool(value, file, row) -> bool:
    """A yes/no cell: a word (``ооба``, ``жок`` …), a number, or empty (no)."""
    if not isinstance(value, str):
        return bool(value) if value == value else False
    said = parse_yes_no(value) if value.strip() else False
    if said is None:
        raise ToolkitError(
            _("Expected yes or no, found «{value}».").format(value=value),
            file=file,
            row=row,
            column="lacks_service",
        )
    return said


def community_map(places, problems=None, *, file: str | None = None) -> CommunityMap:
    """Check the tables of a map and make a :class:`CommunityMap`.

    ``places`` needs the columns ``place_id, name, place_type, village_id, x, y``;
    ``problems`` (optional) ``place_id, category, problem``, and may have
    ``problem_id, reported_by, lacks_service``.  A problem at an unknown place,
    a place without a position or a service point in an unknown village is
    refused, naming the row.
    """
    _require(places, _PLACE_COLUMNS, file, "places")
    places = places.reset_index(drop=True).copy()
    if "name_en" not in places.columns:
        places["name_en"] = places["name"]
    ids = set()
    for i, row in places.iterrows():
        pid = str(row["place_id"]).strip()
        if not pid or pid == "nan":
            raise ToolkitError(_("A place has no id."), file=file, row=i + 2, column="place_id")
        if pid in ids:
            raise ToolkitError(
                _("The place «{place}» is listed twice.").format(place=pid),
                file=file,
                row=i + 2,
                column="place_id",
            )
        ids.add(pid)
        for col in ("x", "y"):
            try:
                value = float(row[col])
            except (TypeError, ValueError):
                value = math.nan
            if not math.isfinite(value):
                raise ToolkitError(
                    _("The place «{place}» has no position: «{column}» should be a number.").format(
                        place=row["name"], column=col
                    ),
                    file=file,
                    row=i + 2,
                    column=col,
                )
    places["x"] = places["x"].astype(float)
    places["y"] = places["y"].astype(float)
    village_ids = set(places.loc[places["place_type"] == "village", "place_id"])
    for i, row in places.iterrows():
        if row["village_id"] not in village_ids:
            raise ToolkitError(
                _(
                    "The place «{place}» belongs to the village «{village}», which is not on the map."
                ).format(place=row["name"], village=row["village_id"]),
                file=file,
                row=i + 2,
                column="village_id",
            )
    if problems is None:
        problems = pd.DataFrame(columns=_PROBLEM_COLUMNS)
    _require(problems, ["place_id", "category", "problem"], file, "problems")
    problems = problems.reset_index(drop=True).copy()
    if "problem_id" not in problems.columns:
        problems["problem_id"] = [f"p{i + 1}" for i in range(len(problems))]
    if "reported_by" not in problems.columns:
        problems["reported_by"] = ""
    if "lacks_service" not in problems.columns:
        problems["lacks_service"] = False
    problems["reported_by"] = problems["reported_by"].fillna("").astype(str)
    problems["lacks_service"] = [
        _as_bool(v, file, i + 2) for i, v in enumerate(problems["lacks_service"])
    ]
    for i, row in problems.iterrows():
        if row["place_id"] not in ids:
            raise ToolkitError(
                _(
                    "The problem «{problem}» is at the place «{place}», which is not on the map."
                ).format(problem=row["problem"], place=row["place_id"]),
                file=file,
                row=i + 2,
                column="place_id",
            )
        if not str(row["category"]).strip() or str(row["category"]) == "nan":
            raise ToolkitError(
                _("The problem «{problem}» has no category.").format(problem=row["problem"]),
                file=file,
                row=i + 2,
                column="category",
            )
    return CommunityMap(places, problems)


def load_map(case_id: str, *, data_dir: Path | str | None = None) -> CommunityMap:
    """The map of one municipality from the datasets (tables ``places`` and ``map_problems``),
    through :func:`toolkit.cases.load_case`; with ``data_dir``, from the two CSV files there.

    >>> m = load_map("chet-nura")
    >>> villages_lacking(m, "drinking-water")
    ['Ак-Кыя', 'Тош-Булак', 'Кара-Саз']
    """
    tables = {}
    if data_dir is None:
        from toolkit.cases import load_case

        case = load_case(case_id)
        case_id = case.tables["cases"]["case_id"].iloc[0] if "cases" in case.tables else case_id
        for name in ("places", "map_problems"):
            table = case.tables.get(name)
            if table is None:
                raise ToolkitError(_("The file is missing."), file=f"{name}.csv")
            tables[name] = table
    else:
        folder = Path(data_dir)
        for name in ("places", "map_problems"):
            path = folder / f"{name}.csv"
            try:
                table = pd.read_csv(path, encoding="utf-8", dtype=str, keep_default_na=False)
            except FileNotFoundError:
                raise ToolkitError(_("The file is missing."), file=path.name) from None
            except UnicodeDecodeError:
                raise ToolkitError(
                    _("The file is not in {encoding}: save it again as CSV {encoding}.").format(
                        encoding="UTF-8"
                    ),
                    file=path.name,
                ) from None
            tables[name] = table
    for name, table in tables.items():
        if "case_id" in table.columns:
            tables[name] = table[table["case_id"] == case_id]
    if tables["places"].empty:
        raise ToolkitError(
            _("There is no map of «{case}». Maps: {known}.").format(
                case=case_id, known="chet-nura, birinchi-may"
            )
        )
    return community_map(tables["places"], tables["map_problems"], file="places.csv")


def place_name(cmap: CommunityMap, place_id: str, lang: str | None = None) -> str:
    """The name of a place as drawn: the English spelling in English, else the name
    as the source writes it.  Tables and answers always use the source's name.

    >>> m = load_map("chet-nura")
    >>> place_name(m, "ak-kyya", "en"), place_name(m, "ak-kyya", "ru")
    ('Ak-Kyya', 'Ак-Кыя')
    """
    row = cmap.places.loc[cmap.places["place_id"] == place_id].iloc[0]
    lang = lang or get_language()
    return str(row["name_en"] if lang == "en" and row["name_en"] else row["name"])


def _resolve(cmap: CommunityMap, place: str) -> str:
    key = " ".join(str(place).split()).lower()
    for col in ("place_id", "name", "name_en"):
        hit = cmap.places.loc[cmap.places[col].astype(str).str.lower() == key, "place_id"]
        if len(hit):
            return hit.iloc[0]
    raise ToolkitError(
        _("There is no place «{place}» on the map. Places on the map: {known}.").format(
            place=place, known=", ".join(cmap.places["name"])
        )
    )


def villages(cmap: CommunityMap) -> list[str]:
    """The names of the villages on the map (as the source writes them), in table order."""
    return [
        place_name(cmap, p, "ky")
        for p in cmap.places.loc[cmap.places["place_type"] == "village", "place_id"]
    ]


def add_problem(
    cmap: CommunityMap,
    place: str,
    category: str,
    problem: str,
    *,
    reported_by: str = "",
    lacks_service: bool = False,
) -> CommunityMap:
    """A new map with one more problem at ``place`` (its id or name)."""
    text = " ".join(str(problem).split())
    if not text:
        raise ToolkitError(_("Write the problem before placing it on the map."))
    place_id = _resolve(cmap, place)
    if not str(category).strip():
        raise ToolkitError(_("Choose the service the problem belongs to."))
    taken = set(cmap.problems["problem_id"].astype(str))
    n = len(taken) + 1
    while f"p{n}" in taken:
        n += 1
    row = {c: "" for c in cmap.problems.columns}
    row.update(
        problem_id=f"p{n}",
        place_id=place_id,
        category=category,
        problem=text,
        reported_by=" ".join(str(reported_by).split()),
        lacks_service=bool(lacks_service),
    )
    if "case_id" in row and len(cmap.places) and "case_id" in cmap.places.columns:
        row["case_id"] = cmap.places["case_id"].iloc[0]
    if "kind" in row:
        row["kind"] = "illustrative"
    problems = pd.concat([cmap.problems, pd.DataFrame([row])], ignore_index=True)
    return CommunityMap(cmap.places, problems)


def _problem_row(cmap: CommunityMap, problem_id: str) -> int:
    hits = cmap.problems.index[cmap.problems["problem_id"].astype(str) == str(problem_id)]
    if not len(hits):
        raise ToolkitError(
            _("There is no problem «{problem}» on the map.").format(problem=problem_id)
        )
    return hits[0]


def move_problem(
    cmap: CommunityMap, problem_id: str, place: str, category: str | None = None
) -> CommunityMap:
    """A new map with one problem moved to another place (and, if given, another category)."""
    place_id = _resolve(cmap, place)
    i = _problem_row(cmap, problem_id)
    problems = cmap.problems.copy()
    problems.loc[i, "place_id"] = place_id
    if category is not None:
        if not str(category).strip():
            raise ToolkitError(_("Choose the service the problem belongs to."))
        problems.loc[i, "category"] = category
    return CommunityMap(cmap.places, problems)


def remove_problem(cmap: CommunityMap, problem_id: str) -> CommunityMap:
    """A new map without one problem."""
    i = _problem_row(cmap, problem_id)
    return CommunityMap(cmap.places, cmap.problems.drop(index=i).reset_index(drop=True))


def move_place(cmap: CommunityMap, place: str, x: float, y: float) -> CommunityMap:
    """A new map with a place drawn at another position."""
    place_id = _resolve(cmap, place)
    if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in (x, y)):
        raise ToolkitError(_("A position should be two numbers."))
    places = cmap.places.copy()
    places.loc[places["place_id"] == place_id, ["x", "y"]] = [float(x), float(y)]
    return CommunityMap(places, cmap.problems)


def _with_village(cmap: CommunityMap) -> pd.DataFrame:
    village_of = dict(zip(cmap.places["place_id"], cmap.places["village_id"], strict=True))
    table = cmap.problems.copy()
    table["village_id"] = [village_of[p] for p in table["place_id"]]
    return table


def problems_at(cmap: CommunityMap, village: str) -> pd.DataFrame:
    """The problems in one village (at the village or at its service points)."""
    village_id = _resolve(cmap, village)
    table = _with_village(cmap)
    return table.loc[table["village_id"] == village_id, _PROBLEM_COLUMNS].reset_index(drop=True)


def count_by_category(cmap: CommunityMap) -> pd.Series:
    """How many problems each service category has, most first (ties in table order)."""
    counts = cmap.problems["category"].value_counts(sort=False)
    order = sorted(counts.index, key=lambda c: -counts[c])
    return counts[order].rename("problems").rename_axis("category")


def problem_matrix(cmap: CommunityMap, rows: str = "category") -> pd.DataFrame:
    """How many problems each village has, per category (``rows="category"``) or per
    problem statement (``rows="problem"``); every village is a column, even with none.
    """
    if rows not in ("category", "problem"):
        raise ToolkitError(_("Rows can be {choices}.").format(choices="«category», «problem»"))
    table = _with_village(cmap)
    village_ids = list(cmap.places.loc[cmap.places["place_type"] == "village", "place_id"])
    names = [place_name(cmap, v, "ky") for v in village_ids]
    matrix = pd.crosstab(table[rows], table["village_id"]) if len(table) else pd.DataFrame()
    matrix = matrix.reindex(columns=village_ids, fill_value=0).fillna(0).astype(int)
    matrix.columns = pd.Index(names, name="village")
    matrix.index.name = rows
    return matrix


def villages_lacking(cmap: CommunityMap, category: str) -> list[str]:
    """The villages where people said a service is missing altogether."""
    table = _with_village(cmap)
    hit = set(table.loc[(table["category"] == category) & table["lacks_service"], "village_id"])
    ids = cmap.places.loc[cmap.places["place_type"] == "village", "place_id"]
    return [place_name(cmap, v, "ky") for v in ids if v in hit]


def problems_csv(cmap: CommunityMap) -> bytes:
    """The problems as a CSV file (UTF-8, opens in Excel) with the place and village names."""
    table = _with_village(cmap)
    out = pd.DataFrame(
        {
            "problem_id": table["problem_id"],
            "village": [place_name(cmap, v, "ky") for v in table["village_id"]],
            "place": [place_name(cmap, p, "ky") for p in table["place_id"]],
            "category": table["category"],
            "problem": table["problem"],
            "reported_by": table["reported_by"],
            "lacks_service": table["lacks_service"],
        }
    )
    return inert(out).to_csv(index=False).encode("utf-8-sig")


# --- a photographed hand-drawn map ------------------------------------------------------


def load_image(
    source,
    *,
    name: str | None = None,
    max_bytes: int = MAX_IMAGE_BYTES,
    max_pixels: int = MAX_IMAGE_PIXELS,
    max_side: int = 1600,
):
    """Read a photo of a hand-drawn map (JPG, PNG …) as an array of pixels.

    ``source`` is a file path or the file's bytes.  A file that is not a
    picture, or one over the size limits, is refused with a clear message.
    A big photo is shrunk to ``max_side`` points on its longer side.  A phone
    photo is turned upright as the phone recorded it (its EXIF orientation), so a
    map photographed in portrait comes out standing, not lying on its side.

    >>> load_image(b"not a picture", name="map.jpg")
    Traceback (most recent call last):
    ...
    toolkit.errors.ToolkitError: «map.jpg» сүрөт эмес. Картанын сүрөтүн (телефон менен тартылган сүрөт файлын) жүктөңүз.
    """
    import numpy as np
    from PIL import Image, ImageOps, UnidentifiedImageError

    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        name = name or "…"
    else:
        path = Path(source)
        name = name or path.name
        try:
            data = path.read_bytes()
        except OSError:
            raise ToolkitError(_("The file «{file}» cannot be opened.").format(file=name)) from None
    if len(data) > max_bytes:
        raise ToolkitError(
            _(
                "The picture «{file}» is too large ({size} MB). The limit is {limit} MB: "
                "take a smaller photo."
            ).format(
                file=name,
                size=format_number(len(data) / 2**20, 1),
                limit=format_number(max_bytes / 2**20, 0),
            )
        )
    not_picture = _("«{file}» is not a picture. Load the photo of the map as a JPG or PNG file.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            width, height = image.size
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise ToolkitError(not_picture.format(file=name)) from None
        except Image.DecompressionBombError:
            width = height = max_pixels
        if width * height > max_pixels:
            raise ToolkitError(
                _(
                    "The picture «{file}» is too large ({width} × {height} points). The limit is "
                    "{limit} million points: take a smaller photo."
                ).format(
                    file=name, width=width, height=height, limit=format_number(max_pixels / 1e6, 0)
                )
            )
        try:
            image.load()
            image = ImageOps.exif_transpose(image).convert("RGB")
        except (OSError, SyntaxError, ValueError):
            raise ToolkitError(not_picture.format(file=name)) from None
    if max(image.size) > max_side:
        image.thumbnail((max_side, max_side))
    return np.asarray(image)


def fit_affine(photo_points, map_points):
    """The transform that puts a photo on the map, from 2–3 (or more) reference points.

    ``photo_points`` are where a few places are on the photo (pixels: ``x`` to the
    right, ``y`` down, as in a picture); ``map_points`` are where the same places
    are on the map (``y`` up).  With two points the photo is moved, turned and
    scaled (no skew); with three or more, a full affine transform is fitted.
    Returns a 3×3 matrix for :func:`apply_affine` (and matplotlib's ``Affine2D``).

    >>> m = fit_affine([(0, 0), (100, 0)], [(0, 10), (10, 10)])
    >>> apply_affine(m, [(100, 100)])
    [(10.0, 0.0)]
    """
    import numpy as np

    src = np.asarray(photo_points, dtype=float).reshape(-1, 2)
    dst = np.asarray(map_points, dtype=float).reshape(-1, 2)
    if len(src) != len(dst):
        raise ToolkitError(_("Each point on the photo needs its place on the map."))
    if len(src) < 2:
        raise ToolkitError(_("Mark at least two reference points (three are better)."))
    if not (np.isfinite(src).all() and np.isfinite(dst).all()):
        raise ToolkitError(_("A position should be two numbers."))
    degenerate = _(
        "The reference points are too close together or on one line: choose places far apart."
    )
    if len(src) == 2:
        (x1, y1), (x2, y2) = src
        if math.hypot(x2 - x1, y2 - y1) < 1e-9 or np.allclose(dst[0], dst[1]):
            raise ToolkitError(degenerate)
        # x' = a·x + b·y + tx,  y' = b·x − a·y + ty  (turn + scale + the flip of y)
        rows, rhs = [], []
        for (x, y), (u, v) in zip(src, dst, strict=True):
            rows += [[x, y, 1, 0], [-y, x, 0, 1]]
            rhs += [u, v]
        a, b, tx, ty = np.linalg.solve(np.array(rows), np.array(rhs))
        return np.array([[a, b, tx], [b, -a, ty], [0.0, 0.0, 1.0]])
    design = np.column_stack([src, np.ones(len(src))])
    if np.linalg.matrix_rank(design, tol=1e-6 * max(1.0, np.abs(src).max())) < 3:
        raise ToolkitError(degenerate)
    coef, *_rest = np.linalg.lstsq(design, dst, rcond=None)
    return np.vstack([coef.T, [0.0, 0.0, 1.0]])


def apply_affine(matrix, points) -> list[tuple[float, float]]:
    """Where photo points land on the map under a transform from :func:`fit_affine`."""
    import numpy as np

    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    out = pts @ np.asarray(matrix)[:2, :2].T + np.asarray(matrix)[:2, 2]
    return [(round(float(x), 9) + 0.0, round(float(y), 9) + 0.0) for x, y in out]
