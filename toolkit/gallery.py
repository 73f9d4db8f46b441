"""The problem gallery: problem cards, gallery-walk remarks, merging duplicates,
screening by criteria.

In a workshop each group writes its problems on sheets (cards) and posts them
on the wall.  Everybody walks along the wall and adds remarks to the cards:
*I agree*, *a question*, *an addition*.  Cards that say the same thing are
merged — without losing who wrote what — and the problems are then screened
by criteria (for example in Chet-Nura: is the service within the competence of
local self-government? is it in the development programme?).  What passes the
screening goes to the vote (:mod:`toolkit.voting`).

Start a wall, post two cards and add remarks:

>>> from toolkit import set_language
>>> set_language("en")
>>> wall = Gallery(villages=["Ак-Кыя", "Тош-Булак"], services=["drinking-water", "waste"])
>>> c1 = wall.add_card("Group 1", "Ак-Кыя", "drinking-water", "There is no clean water at all.")
>>> c2 = wall.add_card("Group 2", "Тош-Булак", "drinking-water", "No drinking water in the village.")
>>> c3 = wall.add_card("Group 2", "Тош-Булак", "waste", "Nobody collects the rubbish.")
>>> _ = wall.add_remark(c1.card_id, "agree", author="Roza")
>>> _ = wall.add_remark(c2.card_id, "question", "Since when?")
>>> wall.cards()[["card_id", "village", "service", "agree", "question"]]
   card_id    village         service  agree  question
0        1     Ак-Кыя  drinking-water      1         0
1        2  Тош-Булак  drinking-water      0         1
2        3  Тош-Булак           waste      0         0

Merge the two water cards; the remarks and authors of both stay:

>>> merged = wall.merge(1, 2)
>>> merged.merged_from
(2,)
>>> wall.cards()[["card_id", "groups", "agree", "question"]]
   card_id            groups  agree  question
0        1  Group 1, Group 2      1         1
1        3           Group 2      0         0

Screen the cards by a criterion answered service by service:

>>> in_plan = Criterion("In the development programme", {"drinking-water": True, "waste": False},
...                     by="service")
>>> result = screen(wall.cards(), [in_plan])
>>> result.passed
[1]
>>> print(result.decisions.loc[1, "reason"])
Does not meet the criterion «In the development programme».

Bad input gets a message in the user's language, never a traceback:

>>> wall.add_card("Group 3", "Ак-Кыя", "waste", "   ")
Traceback (most recent call last):
...
toolkit.errors.ToolkitError: The card is empty: write the problem in a few words.
>>> set_language("ky")
>>> wall.merge(3, 3)
Traceback (most recent call last):
...
toolkit.errors.ToolkitError: Карточканы өзү менен бириктирүүгө болбойт: эки башка карточканы тандаңыз.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from enum import Enum
from pathlib import Path

import pandas as pd

from toolkit.errors import ToolkitError
from toolkit.files import write_atomic
from toolkit.i18n import LANGUAGES, N_, get_language, translate, translator
from toolkit.tables import Table, inert
from toolkit.vocabulary import SERVICES, parse_yes_no, service_label

__all__ = [
    "CRITERIA_NAMES",
    "SERVICE_AREAS",
    "Card",
    "Criterion",
    "Decision",
    "Gallery",
    "Remark",
    "RemarkType",
    "Screening",
    "count_by",
    "criteria_from_table",
    "most_agreed",
    "remark_counts",
    "screen",
]

_ = translator("gallery")

#: Service areas a card can be about: ``{id: English name}``, a choice of
#: :data:`toolkit.vocabulary.SERVICES` (shown translated with
#: :func:`toolkit.vocabulary.service_label`).  The first three are Chet-Nura's priority
#: services (ids of the table ``services``); the Batken municipalities' most-voted
#: directions follow (ids of the table ``training_directions``).
SERVICE_AREAS: dict[str, str] = {
    key: SERVICES[key]
    for key in (
        "drinking-water",
        "waste",
        "irrigation",
        "preschool-education",
        "sport",
        "school",
        "roads",
        "street-lighting",
        "healthcare",
        "greening",
        "dip-bath",
        "road-repair",
    )
}


class RemarkType(str, Enum):
    """The three kinds of remark made on the gallery walk.

    >>> RemarkType("agree").label
    'Макулмын'
    >>> RemarkType.parse("Суроо") is RemarkType.QUESTION
    True
    """

    AGREE = "agree"
    QUESTION = "question"
    ADDITION = "addition"

    @property
    def label(self) -> str:
        """The name of the remark type in the user's language."""
        return _(_REMARK_LABELS[self.value])

    @classmethod
    def parse(cls, value) -> RemarkType:
        """A remark type from its id (``"agree"``) or its name in any of the three languages."""
        if isinstance(value, cls):
            return value
        if value in _REMARK_LABELS:  # the usual case, answered without looking at the catalogs
            return cls(value)
        text = str(value).strip().lower()
        for kind in cls:
            names = {kind.value, _REMARK_LABELS[kind.value].lower()}
            names |= {
                translate(_REMARK_LABELS[kind.value], "gallery", lang).lower() for lang in LANGUAGES
            }
            if text in names:
                return kind
        raise ToolkitError(
            _("Unknown remark type «{kind}». Choose one of: {choices}.").format(
                kind=value, choices=", ".join(k.label for k in cls)
            )
        )


_REMARK_LABELS = {"agree": N_("Agree"), "question": N_("Question"), "addition": N_("Addition")}


@dataclass
class Card:
    """One problem card on the wall.

    ``merged_into`` is the number of the card it was merged into (``None``
    while it is on the wall); ``merged_from`` lists the cards merged into it;
    ``history`` keeps its earlier texts, so nothing a group wrote is lost.
    """

    card_id: int
    group: str
    village: str
    service: str
    text: str
    author: str = ""
    merged_into: int | None = None
    merged_from: tuple[int, ...] = ()
    history: tuple[str, ...] = ()

    @property
    def on_wall(self) -> bool:
        """Whether the card is still on the wall (not merged into another)."""
        return self.merged_into is None


@dataclass
class Remark:
    """A remark left on a card during the gallery walk.

    ``written_on`` is the card the remark was first written on: after a merge
    the remark moves to the card that was kept, and ``written_on`` remembers where
    it came from.
    """

    remark_id: int
    card_id: int
    remark_type: RemarkType
    text: str = ""
    author: str = ""
    written_on: int | None = None


def _clean(value) -> str:
    return (
        "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()
    )


def _suggest(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return " " + _("Did you mean «{choice}»?").format(choice=close[0]) if close else ""


class Gallery:
    """A wall of problem cards and their remarks.

    ``villages`` and ``services`` are the names a card may use (``None``: any).
    Every change is checked; bad input raises :class:`~toolkit.errors.ToolkitError`
    with a message in the user's language.

    >>> wall = Gallery(villages=["Кара-Саз"])
    >>> wall.add_card("Group 1", "Кара-Сас", "waste", "No bins")
    Traceback (most recent call last):
    ...
    toolkit.errors.ToolkitError: Мындай айыл жок: «Кара-Сас». Булардын бирин тандаңыз: Кара-Саз. «Кара-Саз» деп жазайын дедиңизби?
    """

    def __init__(
        self,
        villages: Iterable[str] | None = None,
        services: Iterable[str] | None = None,
        case_id: str = "",
    ):
        self.case_id = case_id
        self.villages = [_clean(v) for v in villages] if villages is not None else None
        self.services = list(services) if services is not None else list(SERVICE_AREAS)
        self._cards: dict[int, Card] = {}
        self._remarks: list[Remark] = []

    # --- checks -----------------------------------------------------------------
    def _village(self, village) -> str:
        name = _clean(village)
        if not name:
            raise ToolkitError(_("The village is not given: choose the village of the problem."))
        if self.villages is None:
            return name
        for known in self.villages:
            if known.lower() == name.lower():
                return known
        raise ToolkitError(
            _("Unknown village «{village}». Choose one of: {choices}.").format(
                village=name, choices=", ".join(self.villages)
            )
            + _suggest(name, self.villages)
        )

    def _service(self, service) -> str:
        name = _clean(service)
        if not name:
            raise ToolkitError(
                _("The service area is not given: choose what the problem is about.")
            )
        for known in self.services:
            labels = {known.lower(), service_label(known).lower()}
            labels |= {service_label(known, lang).lower() for lang in LANGUAGES}
            if name.lower() in labels:
                return known
        names = [service_label(s) for s in self.services]
        raise ToolkitError(
            _("Unknown service area «{service}». Choose one of: {choices}.").format(
                service=name, choices=", ".join(names)
            )
            + _suggest(name, names)
        )

    def card(self, card_id) -> Card:
        """The card with this number (also a card merged away).

        >>> Gallery().card(7)
        Traceback (most recent call last):
        ...
        toolkit.errors.ToolkitError: Дубалда 7-карточка жок.
        """
        try:
            key = int(card_id)
        except (TypeError, ValueError):
            key = None
        if key is None or key not in self._cards:
            raise ToolkitError(
                _("There is no card number {card_id} on the wall.").format(card_id=card_id)
            )
        return self._cards[key]

    def _on_wall(self, card_id) -> Card:
        card = self.card(card_id)
        if not card.on_wall:
            raise ToolkitError(
                _("Card {card_id} was merged into card {into}: use card {into}.").format(
                    card_id=card.card_id, into=card.merged_into
                )
            )
        return card

    # --- changes ----------------------------------------------------------------
    def add_card(
        self, group, village, service, text, author="", card_id: int | None = None
    ) -> Card:
        """Post a new card; it gets the next free number unless ``card_id`` is given."""
        text = _clean(text)
        if not text:
            raise ToolkitError(_("The card is empty: write the problem in a few words."))
        group = _clean(group)
        if not group:
            raise ToolkitError(_("The group is not given: write which group made the card."))
        village, service = self._village(village), self._service(service)
        if card_id is None:
            card_id = max(self._cards, default=0) + 1
        elif int(card_id) in self._cards:
            raise ToolkitError(
                _("There is already a card number {card_id}.").format(card_id=card_id)
            )
        card = Card(int(card_id), group, village, service, text, _clean(author))
        self._cards[card.card_id] = card
        return card

    def edit_card(
        self, card_id, *, text=None, village=None, service=None, group=None, author=None
    ) -> Card:
        """Change a card on the wall; an earlier text is kept in ``history``."""
        card = self._on_wall(card_id)
        new_text = card.text if text is None else _clean(text)
        if not new_text:
            raise ToolkitError(_("The card is empty: write the problem in a few words."))
        new_village = card.village if village is None else self._village(village)
        new_service = card.service if service is None else self._service(service)
        new_group = card.group if group is None else _clean(group)
        if not new_group:
            raise ToolkitError(_("The group is not given: write which group made the card."))
        if new_text != card.text:
            card.history = (*card.history, card.text)
        card.text, card.village, card.service, card.group = (
            new_text,
            new_village,
            new_service,
            new_group,
        )
        if author is not None:
            card.author = _clean(author)
        return card

    def add_remark(self, card_id, remark_type, text="", author="") -> Remark:
        """Add an *agree*, *question* or *addition* remark to a card on the wall.

        A question or an addition needs its text; an *agree* needs none.
        """
        card = self._on_wall(card_id)
        kind = RemarkType.parse(remark_type)
        text = _clean(text)
        if kind is not RemarkType.AGREE and not text:
            raise ToolkitError(
                _(
                    "A remark of type «{kind}» needs a text: write the question or the addition."
                ).format(kind=kind.label)
            )
        remark_id = max((r.remark_id for r in self._remarks), default=0) + 1
        remark = Remark(remark_id, card.card_id, kind, text, _clean(author), card.card_id)
        self._remarks.append(remark)
        return remark

    def merge(self, keep, other, text: str | None = None) -> Card:
        """Merge card ``other`` into card ``keep`` (two cards saying the same thing).

        The kept card lists ``other`` (and whatever had been merged into it) in
        ``merged_from``; the remarks of ``other`` move to the kept card; ``other``
        stays in the gallery's records with ``merged_into`` set, so the authors and
        texts of both cards are kept. ``text`` rewrites the kept card's text (its
        old text goes to ``history``).
        """
        if str(keep).strip() == str(other).strip():
            raise ToolkitError(
                _("A card cannot be merged with itself: choose two different cards.")
            )
        a, b = self._on_wall(keep), self._on_wall(other)
        if a.card_id == b.card_id:
            raise ToolkitError(
                _("A card cannot be merged with itself: choose two different cards.")
            )
        if a.service != b.service:
            raise ToolkitError(
                _(
                    "Cards {a} and {b} are about different service areas ({sa} and {sb}): "
                    "only cards about the same service can be merged."
                ).format(
                    a=a.card_id,
                    b=b.card_id,
                    sa=service_label(a.service),
                    sb=service_label(b.service),
                )
            )
        if text is not None:
            self.edit_card(a.card_id, text=text)
        for card in self._cards.values():
            if card.merged_into == b.card_id:
                card.merged_into = a.card_id
        b.merged_into = a.card_id
        a.merged_from = (*a.merged_from, b.card_id, *b.merged_from)
        b.merged_from = ()
        for remark in self._remarks:
            if remark.card_id == b.card_id:
                remark.card_id = a.card_id
        return a

    def remove_remark(self, remark_id) -> None:
        """Take a remark off (a remark put on the wrong card by mistake)."""
        for i, remark in enumerate(self._remarks):
            if str(remark.remark_id) == str(remark_id).strip():
                del self._remarks[i]
                return
        raise ToolkitError(_("There is no remark number {remark_id}.").format(remark_id=remark_id))

    # --- tables -----------------------------------------------------------------
    def members(self, card_id) -> list[Card]:
        """The card and every card merged into it (who wrote what)."""
        card = self.card(card_id)
        return [card] + [self._cards[i] for i in card.merged_from]

    def cards(self, include_merged: bool = False) -> pd.DataFrame:
        """The cards as a table, with the number of remarks of each type.

        ``service_name`` is the service area in the user's language; ``groups``,
        ``villages`` and ``authors`` list those of the merged cards too.
        With ``include_merged=True`` the cards merged away are listed as well.
        """
        counts = remark_counts(self.remarks())
        rows = []
        for card in self._cards.values():
            if not include_merged and not card.on_wall:
                continue
            members = self.members(card.card_id) if card.on_wall else [card]
            rows.append(
                {
                    "card_id": card.card_id,
                    "group": card.group,
                    "village": card.village,
                    "service": card.service,
                    "service_name": service_label(card.service),
                    "text": card.text,
                    "author": card.author,
                    "groups": ", ".join(dict.fromkeys(m.group for m in members)),
                    "villages": ", ".join(dict.fromkeys(m.village for m in members)),
                    "authors": ", ".join(dict.fromkeys(m.author for m in members if m.author)),
                    "merged_from": ", ".join(str(i) for i in card.merged_from),
                    "merged_into": card.merged_into,
                    **{
                        kind.value: int(counts.at[card.card_id, kind.value])
                        if card.card_id in counts.index
                        else 0
                        for kind in RemarkType
                    },
                }
            )
        columns = [
            "card_id",
            "group",
            "village",
            "service",
            "service_name",
            "text",
            "author",
            "groups",
            "villages",
            "authors",
            "merged_from",
            "merged_into",
            *(k.value for k in RemarkType),
        ]
        table = Table(rows, columns=columns)
        table["merged_into"] = table["merged_into"].astype("Int64")
        for kind in RemarkType:
            table[kind.value] = table[kind.value].astype(int)
        return table.sort_values("card_id", ignore_index=True)

    def remarks(self) -> pd.DataFrame:
        """The remarks as a table (``remark_type`` is ``agree``, ``question`` or ``addition``)."""
        rows = [{**asdict(r), "remark_type": r.remark_type.value} for r in self._remarks]
        return Table(
            rows, columns=["remark_id", "card_id", "remark_type", "text", "author", "written_on"]
        )

    def filter(self, village: str | None = None, service: str | None = None) -> pd.DataFrame:
        """The cards on the wall of one village and/or one service area (``None``: all)."""
        table = self.cards()
        if village:
            name = self._village(village)
            table = table[table["villages"].str.split(", ").map(lambda vs: name in vs)]
        if service:
            table = table[table["service"] == self._service(service)]
        return table.reset_index(drop=True)

    def search(
        self, text: str = "", village: str | None = None, service: str | None = None
    ) -> pd.DataFrame:
        """The cards of :meth:`filter` whose words contain ``text`` (in any letter case): the
        card's text, its villages, its groups or its service area's name.

        >>> w = Gallery()
        >>> _ = w.add_card("1-топ", "Ак-Кыя", "waste", "Таштанды чыгарылбайт")
        >>> _ = w.add_card("2-топ", "Ак-Кыя", "drinking-water", "Суу жетпейт")
        >>> w.search("таштанды")["card_id"].tolist()
        [1]
        """
        table = self.filter(village=village, service=service)
        needle = text.strip().lower()
        if not needle:
            return table
        hay = (
            table["text"]
            + " "
            + table["villages"]
            + " "
            + table["groups"]
            + " "
            + table["service"].map(service_label)
        ).str.lower()
        return table[hay.str.contains(needle, regex=False)]

    def all_cards(self) -> list[Card]:
        """Every card, in the order they were added, those merged into another too
        (``card.on_wall`` tells which are still on the wall)."""
        return list(self._cards.values())

    # --- export -----------------------------------------------------------------
    def to_csv(self, what: str = "cards") -> bytes:
        """The cards (``what="cards"``, the merged ones too) or the remarks (``"remarks"``) as
        CSV bytes (UTF-8 with a BOM, so Excel shows the Kyrgyz letters).

        >>> w = Gallery()
        >>> _ = w.add_card("1-топ", "Ак-Кыя", "waste", "Таштанды")
        >>> w.to_csv().decode("utf-8-sig").splitlines()[0].split(",")[:4]
        ['card_id', 'group', 'village', 'service']
        """
        table = self._export_cards() if what == "cards" else self._export_remarks()
        return inert(table).to_csv(index=False).encode("utf-8-sig")

    def to_xlsx(self) -> bytes:
        """The whole wall as an Excel workbook: a sheet of cards (with the merged ones) and one
        of remarks."""
        import io

        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            inert(self._export_cards()).to_excel(writer, sheet_name=_("Cards")[:31], index=False)
            inert(self._export_remarks()).to_excel(
                writer, sheet_name=_("Remarks")[:31], index=False
            )
        return buffer.getvalue()

    def _export_cards(self) -> pd.DataFrame:
        return self.cards(include_merged=True)

    def _export_remarks(self) -> pd.DataFrame:
        table = self.remarks()
        table.insert(3, "remark_name", table["remark_type"].map(lambda k: RemarkType(k).label))
        return table

    # --- saving -----------------------------------------------------------------
    def to_dict(self) -> dict:
        """Everything on the wall as plain data (for JSON)."""
        return {
            "version": 1,
            "case_id": self.case_id,
            "villages": self.villages,
            "services": self.services,
            "cards": [
                {**asdict(c), "merged_from": list(c.merged_from), "history": list(c.history)}
                for c in self._cards.values()
            ],
            "remarks": [{**asdict(r), "remark_type": r.remark_type.value} for r in self._remarks],
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> Gallery:
        """The wall back from :meth:`to_dict`."""
        try:
            wall = cls(data.get("villages"), data.get("services"), data.get("case_id", ""))
            for c in data["cards"]:
                card = Card(
                    **{
                        **c,
                        "merged_from": tuple(c.get("merged_from", ())),
                        "history": tuple(c.get("history", ())),
                    }
                )
                wall._cards[card.card_id] = card
            wall._remarks = [
                Remark(**{**r, "remark_type": RemarkType(r["remark_type"])})
                for r in data["remarks"]
            ]
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise ToolkitError(
                _("The saved gallery cannot be read: it is damaged or of another kind.")
            ) from err
        return wall

    def save(self, path) -> Path:
        """Write the wall to a JSON file safely: a temporary file first, then renamed,
        so a laptop switched off mid-write never leaves a half-written file."""
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=1)
        return write_atomic(path, text)

    @classmethod
    def load(cls, path) -> Gallery:
        """Read a wall saved with :meth:`save`."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise ToolkitError(
                _("The saved gallery cannot be read: it is damaged or of another kind."),
                file=str(path),
            ) from err
        if not isinstance(data, dict):
            raise ToolkitError(
                _("The saved gallery cannot be read: it is damaged or of another kind."),
                file=str(path),
            )
        return cls.from_dict(data)

    @classmethod
    def from_tables(
        cls,
        cards: pd.DataFrame,
        remarks: pd.DataFrame | None = None,
        *,
        villages: Iterable[str] | None = None,
        services: Iterable[str] | None = None,
        case_id: str = "",
    ) -> Gallery:
        """A wall from a table of cards (columns ``card_id, group, village, service, text``
        and optionally ``author``) and a table of remarks (``card_id, remark_type`` and
        optionally ``text, author``), e.g. the case tables ``gallery_cards`` and
        ``gallery_remarks``. A bad row is named by its number in the file."""
        wall = cls(villages, services, case_id)
        need = ["card_id", "group", "village", "service", "text"]
        _require(cards, need, "gallery_cards")
        for i, row in enumerate(cards.to_dict("records"), start=2):
            try:
                wall.add_card(
                    row["group"],
                    row["village"],
                    row["service"],
                    row["text"],
                    row.get("author", ""),
                    card_id=int(row["card_id"]),
                )
            except ToolkitError as err:
                raise ToolkitError(err.message, file="gallery_cards", row=i) from None
            except (TypeError, ValueError):
                raise ToolkitError(
                    _("The card number should be a whole number."),
                    file="gallery_cards",
                    row=i,
                    column="card_id",
                ) from None
        if remarks is not None:
            _require(remarks, ["card_id", "remark_type"], "gallery_remarks")
            for i, row in enumerate(remarks.to_dict("records"), start=2):
                try:
                    wall.add_remark(
                        row["card_id"],
                        row["remark_type"],
                        row.get("text", ""),
                        row.get("author", ""),
                    )
                except ToolkitError as err:
                    raise ToolkitError(err.message, file="gallery_remarks", row=i) from None
        return wall

    @classmethod
    def from_case(cls, case, *, with_remarks: bool = True) -> Gallery:
        """The illustrative wall of a case loaded with :func:`toolkit.cases.load_case`
        (its ``gallery_cards`` and ``gallery_remarks`` tables; the villages from its
        ``villages`` table when it has one, for a training its ``training_municipalities``)."""
        tables = case.tables
        case_id = getattr(case, "case_id", "") or ""
        if "gallery_cards" not in tables:
            raise ToolkitError(
                _(
                    "The case «{case}» has no problem gallery cards: start an empty wall with {code}."
                ).format(case=getattr(case, "name", case_id) or case_id, code="gallery.Gallery()")
            )
        cards = tables["gallery_cards"]
        if case_id and "case_id" in cards.columns:
            cards = cards[cards["case_id"] == case_id]
        remarks = tables.get("gallery_remarks") if with_remarks else None
        if remarks is not None and case_id and "case_id" in remarks.columns:
            remarks = remarks[remarks["case_id"] == case_id]
        villages = _case_villages(tables, case_id)
        if villages is not None:
            villages = list(dict.fromkeys([*villages, *cards["village"].astype(str)]))
        services = list(dict.fromkeys([*SERVICE_AREAS, *cards["service"].astype(str)]))
        return cls.from_tables(
            cards, remarks, villages=villages, services=services, case_id=case_id
        )

    def __len__(self) -> int:
        return sum(1 for c in self._cards.values() if c.on_wall)

    def __repr__(self) -> str:
        return f"<Gallery: {len(self)} cards on the wall, {len(self._remarks)} remarks>"

    def _repr_html_(self) -> str:
        """In a notebook: how many cards and remarks, in the user's language."""
        return "<p>{}</p>".format(
            _("The gallery: {cards} cards on the wall, {remarks} remarks.").format(
                cards=len(self), remarks=len(self._remarks)
            )
        )


def _case_villages(tables, case_id) -> list[str] | None:
    """The village names of a case: its ``villages`` table, else the municipalities of a training
    (``training_municipalities``), else the villages among its ``places``."""
    for name, column in (
        ("villages", "name_ky"),
        ("villages", "village"),
        ("villages", "name"),
        ("training_municipalities", "name_ky"),
        ("places", "name"),
    ):
        table = tables.get(name)
        if table is None or column not in table.columns:
            continue
        if case_id and "case_id" in table.columns:
            table = table[table["case_id"] == case_id]
        if name == "places":
            if "place_type" not in table.columns:
                continue
            table = table[table["place_type"] == "village"]
        names = table[column].dropna().astype(str).tolist()
        if names:
            return names
    return None


def _require(table, columns, name) -> None:
    if not hasattr(table, "columns"):
        raise ToolkitError(_("A table (a pandas DataFrame) was expected."), file=name)
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ToolkitError(
            _("The table has no column {columns}.").format(
                columns=", ".join(f"«{c}»" for c in missing)
            ),
            file=name,
        )


# --- counting ---------------------------------------------------------------------
def remark_counts(remarks: pd.DataFrame) -> pd.DataFrame:
    """How many remarks of each type every card got: one row per card, one column per type.

    >>> remarks = pd.DataFrame({"card_id": [1, 1, 2], "remark_type": ["agree", "agree", "question"]})
    >>> remark_counts(remarks)
             agree  question  addition
    card_id
    1            2         0         0
    2            0         1         0
    """
    _require(remarks, ["card_id", "remark_type"], "remarks")
    kinds = [k.value for k in RemarkType]
    types = remarks["remark_type"].map(
        {v: RemarkType.parse(v).value for v in remarks["remark_type"].unique()}
    )
    table = pd.crosstab(remarks["card_id"], types).reindex(columns=kinds, fill_value=0)
    table.columns.name = None
    return table.astype(int)


_KYRGYZ_ALPHABET = "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя"
_KYRGYZ_ORDER = {ch: i for i, ch in enumerate(_KYRGYZ_ALPHABET)}


def _kyrgyz_key(text) -> tuple:
    """Sort key in the order of the Kyrgyz alphabet (ң after н, ө after о, ү after у)."""
    return tuple(_KYRGYZ_ORDER.get(ch, 100 + ord(ch)) for ch in str(text).lower())


def count_by(cards: pd.DataFrame, column: str) -> pd.Series:
    """How many cards there are per village, per service area or per group: most first,
    equal counts in the order of the Kyrgyz alphabet.

    >>> cards = pd.DataFrame({"village": ["Ак-Кыя", "Үч-Булак", "Ак-Кыя", "Ясы", "Өзгөн"]})
    >>> count_by(cards, "village").to_dict()
    {'Ак-Кыя': 2, 'Өзгөн': 1, 'Үч-Булак': 1, 'Ясы': 1}
    """
    _require(cards, [column], "cards")
    counts = cards[column].value_counts()
    counts = counts.reindex(sorted(counts.index, key=lambda k: (-counts[k], _kyrgyz_key(k))))
    counts.index.name, counts.name = column, "cards"
    return counts


def most_agreed(remarks: pd.DataFrame) -> list:
    """The card(s) with the most *agree* remarks — every tied card, not just one.

    >>> remarks = pd.DataFrame({"card_id": [4, 4, 7, 7, 2], "remark_type": ["agree"] * 5})
    >>> most_agreed(remarks)
    [4, 7]
    """
    counts = remark_counts(remarks)["agree"]
    if counts.empty or counts.max() == 0:
        return []
    return sorted(counts[counts == counts.max()].index.tolist())


# --- screening --------------------------------------------------------------------


class Decision(str, Enum):
    """A card's decision on one criterion: meets it, does not, or no answer yet."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        """The decision in the user's language."""
        return _({"yes": N_("yes"), "no": N_("no"), "unknown": N_("no answer")}[self.value])


@dataclass
class Criterion:
    """A screening criterion: a name and how to answer it for a card.

    ``answers`` is either a function ``card -> bool`` (or ``-> (bool, reason)``),
    where ``card`` is a row of the cards table, or a mapping of answers
    ``{key: yes/no}`` or ``{key: (yes/no, reason)}``, looked up by the card's
    ``by`` column (``"card_id"`` or ``"service"``).

    >>> c = Criterion("Within LSG competence", lambda card: card["service"] != "healthcare")
    >>> c.decide({"card_id": 5, "service": "healthcare"})[0] is Decision.NO
    True
    """

    name: str
    answers: Callable | Mapping
    by: str = "card_id"
    criterion_id: str = ""

    def decide(self, card: Mapping) -> tuple[Decision, str]:
        """The decision on one card and its reason, in the user's language."""
        if callable(self.answers):
            answer = self.answers(card)
        else:
            key = card[self.by]
            answer = self.answers.get(key, self.answers.get(str(key), _MISSING))
            if answer is _MISSING:
                return Decision.UNKNOWN, _("No answer yet for the criterion «{criterion}».").format(
                    criterion=self.name
                )
        reason = ""
        if isinstance(answer, tuple):
            answer, reason = answer
        decision = _decision(answer, self.name, card)
        default = (
            _("Meets the criterion «{criterion}».")
            if decision is Decision.YES
            else _("Does not meet the criterion «{criterion}».")
            if decision is Decision.NO
            else _("No answer yet for the criterion «{criterion}».")
        )
        reason = _clean(reason) or default.format(criterion=self.name)
        return decision, reason


_MISSING = object()


def _decision(answer, criterion, card) -> Decision:
    if answer is None or (isinstance(answer, float) and pd.isna(answer)):
        return Decision.UNKNOWN
    if isinstance(answer, Decision):
        return answer
    if isinstance(answer, bool) or hasattr(answer, "dtype"):
        return Decision.YES if bool(answer) else Decision.NO
    said = parse_yes_no(answer)
    if said is not None:
        return Decision.YES if said else Decision.NO
    if str(answer).strip().lower() in {"", "?", "unknown"}:
        return Decision.UNKNOWN
    raise ToolkitError(
        _(
            "The answer for card {card_id} on «{criterion}» should be yes or no, not «{answer}»."
        ).format(card_id=card.get("card_id", "?"), criterion=criterion, answer=answer)
    )


@dataclass
class Screening:
    """The result of :func:`screen`.

    ``decisions`` has one row per card and criterion (``card_id, criterion,
    decision, reason``); ``passed`` lists the cards that meet every criterion;
    ``pending`` those still missing an answer.
    """

    decisions: pd.DataFrame
    passed: list
    rejected: list
    pending: list = field(default_factory=list)

    def table(self) -> pd.DataFrame:
        """One row per card, one column per criterion (✓ yes, ✗ no, ? no answer), and the verdict."""
        marks = {"yes": "✓", "no": "✗", "unknown": "?"}
        wide = self.decisions.pivot(index="card_id", columns="criterion", values="decision")
        order = list(dict.fromkeys(self.decisions["criterion"]))
        wide = wide[order].apply(lambda col: col.map(marks))
        wide[_("Verdict")] = [
            _("passes")
            if i in self.passed
            else _("no answer yet")
            if i in self.pending
            else _("left out")
            for i in wide.index
        ]
        wide.columns.name = None
        return Table(wide)


#: Short names of Chet-Nura's selection criteria (003), by ``criterion_no`` of the
#: case table ``selection_criteria``.
CRITERIA_NAMES = {
    1: N_("Within the competence of local self-government"),
    2: N_("In the socio-economic development programme (SEDP)"),
}


def criteria_from_table(
    answers: pd.DataFrame, names: Mapping[str, str] | None = None
) -> list[Criterion]:
    """Criteria from a table of answers given service by service (columns ``service,
    criterion_no, meets`` and optionally ``reason``), such as the case table
    ``gallery_screening``. ``names`` gives each criterion's name by its number;
    Chet-Nura's two criteria are named in the user's language by default. The
    reasons are taken from ``reason_<language>`` (``reason_en``, ``reason_ru``)
    when the table has that column, else from ``reason``.

    >>> answers = pd.DataFrame({"service": ["waste", "healthcare"], "criterion_no": [2, 2],
    ...                         "meets": [True, False], "reason": ["", "Not in the plan"]})
    >>> [c.name for c in criteria_from_table(answers)]
    ['Социалдык-экономикалык өнүктүрүү программасында (СЭӨП) бар']
    """
    _require(answers, ["service", "criterion_no", "meets"], "gallery_screening")
    criteria = []
    for number, rows in answers.groupby("criterion_no", sort=True):
        given = (names or {}).get(number)
        name = given or (_(CRITERIA_NAMES[number]) if number in CRITERIA_NAMES else str(number))
        reasons = [""] * len(rows)
        for column in (
            "reason",
            f"reason_{get_language()}",
        ):  # the user's language when the table has it
            if column in rows.columns:
                reasons = [
                    _clean(new) or old for old, new in zip(reasons, rows[column], strict=True)
                ]
        table = {
            svc: (meets, _clean(reason))
            for svc, meets, reason in zip(rows["service"], rows["meets"], reasons, strict=True)
        }
        criteria.append(Criterion(name, table, by="service", criterion_id=str(number)))
    return criteria


def screen(cards, criteria: Iterable[Criterion]) -> Screening:
    """Screen cards by criteria, recording for every card and criterion the decision
    and its reason. A card passes when it meets every criterion.

    ``cards`` is a cards table (e.g. ``Gallery.cards()``) or a :class:`Gallery`.

    >>> cards = pd.DataFrame({"card_id": [1, 2], "service": ["waste", "healthcare"]})
    >>> own = Criterion("Within LSG competence",
    ...                 {"waste": True, "healthcare": (False, "Hospitals belong to the state.")}, by="service")
    >>> s = screen(cards, [own])
    >>> s.passed, s.rejected
    ([1], [2])
    >>> s.decisions[["card_id", "decision", "reason"]].values.tolist()[1]
    [2, 'no', 'Hospitals belong to the state.']
    """
    if isinstance(cards, Gallery):
        cards = cards.cards()
    criteria = list(criteria)
    if not criteria:
        raise ToolkitError(_("Give at least one criterion to screen the cards by."))
    _require(cards, ["card_id"], "cards")
    for c in criteria:
        if not isinstance(c, Criterion):
            raise ToolkitError(
                _("Each criterion should be made with {code}.").format(
                    code="Criterion(name, answers)"
                )
            )
        if not callable(c.answers) and c.by not in cards.columns:
            raise ToolkitError(
                _("The table has no column {columns}.").format(columns=f"«{c.by}»"), file="cards"
            )
    rows = []
    for card in cards.to_dict("records"):
        for c in criteria:
            decision, reason = c.decide(card)
            rows.append(
                {
                    "card_id": card["card_id"],
                    "criterion": c.name,
                    "criterion_id": c.criterion_id,
                    "decision": decision.value,
                    "decision_label": decision.label,
                    "reason": reason,
                }
            )
    decisions = pd.DataFrame(rows)
    by_card = [
        (k.item() if hasattr(k, "item") else k, d)
        for k, d in decisions.groupby("card_id", sort=False)["decision"]
    ]
    passed = [k for k, d in by_card if (d == "yes").all()]
    rejected = [k for k, d in by_card if (d == "no").any()]
    pending = [k for k, d in by_card if k not in passed and k not in rejected]
    return Screening(decisions, passed, rejected, pending)
