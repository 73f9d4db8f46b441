"""Ballots: who voted for what, checked before anything is counted.

A ballot is one participant's vote. Three kinds are supported:

* ``"dots"`` — each participant sticks *k* dots on the items (several on one
  item if allowed); the value is the number of dots.
* ``"approval"`` — each participant ticks every item they can accept.
* ``"rank"`` — each participant orders the items: 1 is the best; equal
  numbers are a tie; the items left out are tied below all the ranked ones.

Every ballot is checked. A ballot that names an unknown item, gives more
dots than allowed, repeats a participant or is empty is **not counted, and
never silently**: it is listed in ``ballots.rejected`` with the reason, in
the user's language.

>>> from toolkit.i18n import set_language
>>> set_language("en")
>>> b = make_ballots({"A": {"water": 2, "waste": 1}, "B": {"water": 1, "road": 2},
...                   "C": {}}, kind="dots", items=["water", "waste", "road"], dots=3)
>>> len(b), len(b.rejected)
(2, 1)
>>> b.report()
['2 ballots counted, 1 rejected.', 'Ballot «C» is empty: it was not counted.']
>>> set_language("ky")
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from toolkit.errors import ToolkitError
from toolkit.i18n import translator

__all__ = ["KINDS", "Ballots", "ballots_from_table", "make_ballots", "suggested_dots"]

_ = translator("voting")

KINDS = ("dots", "approval", "rank")


def suggested_dots(n_items: int) -> int:
    """How many dots to give each participant: about a third of the items
    (the usual rule of thumb of dot voting), at least 1.

    >>> suggested_dots(3), suggested_dots(5), suggested_dots(10), suggested_dots(12)
    (1, 2, 4, 4)
    """
    if n_items < 1:
        raise ToolkitError(_("There are no items to vote on."))
    return max(1, math.ceil(n_items / 3))


@dataclass
class Ballots:
    """Checked ballots, ready to count.

    ``values`` has one row per counted ballot and one column per item:
    dots (``kind="dots"``), 1/0 (``"approval"``) or the rank, 1 = best,
    0 = not ranked (``"rank"``). ``voters`` has the ballot and voter ids and
    any group columns (gender, village, role …) in the same row order.
    ``rejected`` lists every ballot that was not counted and why.
    """

    items: list[str]
    kind: str
    values: np.ndarray
    voters: pd.DataFrame
    rejected: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["ballot_id", "voter_id", "reason"])
    )
    dots: int | None = None
    cap: int | None = None

    def __post_init__(self) -> None:
        self.values = np.asarray(self.values, dtype=np.int32).reshape(-1, len(self.items))
        # item-major copy of the levels, made once: every count reads rows of it
        levels = self.values
        if self.kind == "rank":
            levels = np.where(levels > 0, len(self.items) + 1 - levels, 0)
        small = levels.size == 0 or (int(levels.max()) < 127 and int(levels.min()) > -128)
        self._levels_t = np.ascontiguousarray(levels.T, dtype=np.int8 if small else np.int32)

    def __len__(self) -> int:
        return int(self.values.shape[0])

    @property
    def n_rejected(self) -> int:
        """How many ballots were not counted."""
        return int(self.rejected["ballot_id"].nunique()) if len(self.rejected) else 0

    @property
    def groups(self) -> list[str]:
        """The group columns the ballots carry (e.g. ``gender``, ``village``, ``role``)."""
        return [c for c in self.voters.columns if c not in ("ballot_id", "voter_id")]

    def levels(self) -> np.ndarray:
        """How much each participant likes each item: a bigger number is better.

        Dots and approvals are their own levels; rank 1 of *n* becomes *n*,
        and an item not ranked becomes 0 (below every ranked item).
        """
        return self._levels_t.T.astype(np.int32)

    def levels_by_item(self) -> np.ndarray:
        """The levels item by item (one row per item, one column per ballot), for fast counting."""
        return self._levels_t

    def report(self) -> list[str]:
        """Sentences saying how many ballots were counted and why any were rejected."""
        lines = [
            _("{counted} ballots counted, {rejected} rejected.").format(
                counted=len(self), rejected=self.n_rejected
            )
        ]
        lines += list(self.rejected["reason"])
        return lines

    def select(self, mask) -> Ballots:
        """The ballots where ``mask`` (a boolean array or Series) is true."""
        mask = np.asarray(mask, dtype=bool)
        return Ballots(
            list(self.items),
            self.kind,
            self.values[mask],
            self.voters[mask].reset_index(drop=True),
            self.rejected.iloc[0:0],
            self.dots,
            self.cap,
        )

    @classmethod
    def from_array(
        cls,
        values,
        items: Iterable[str],
        kind: str = "dots",
        *,
        dots: int | None = None,
        cap: int | None = None,
        voters: pd.DataFrame | None = None,
    ) -> Ballots:
        """Ballots from a whole-number array (one row per ballot), checked row by row.

        >>> b = Ballots.from_array([[2, 1, 0], [0, 0, 0]], ["a", "b", "c"], dots=3)
        >>> len(b), b.n_rejected
        (1, 1)
        """
        items = [str(i) for i in items]
        _check_kind(kind)
        arr = np.asarray(values)
        if arr.ndim != 2 or arr.shape[1] != len(items):
            raise ToolkitError(
                _("Each ballot should have one number per item ({n} items).").format(n=len(items))
            )
        if not np.issubdtype(arr.dtype, np.integer) and (
            not np.all(np.isfinite(arr)) or not np.all(arr == np.round(arr))
        ):
            raise ToolkitError(_("The votes should be whole numbers."))
        arr = arr.astype(np.int32)
        if voters is None:
            ids = [str(i + 1) for i in range(arr.shape[0])]
            voters = pd.DataFrame({"ballot_id": ids, "voter_id": ids})
        voters = voters.reset_index(drop=True)
        bad = _row_problems(arr, items, kind, dots, cap)
        keep = np.ones(arr.shape[0], dtype=bool)
        rows = []
        for i, reason in bad:
            keep[i] = False
            ballot = voters.at[i, "ballot_id"]
            rows.append((ballot, voters.at[i, "voter_id"], reason.format(ballot=ballot)))
        rejected = pd.DataFrame(rows, columns=["ballot_id", "voter_id", "reason"])
        return cls(items, kind, arr[keep], voters[keep].reset_index(drop=True), rejected, dots, cap)


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ToolkitError(
            _("Unknown kind of ballot «{kind}». Choose one of: {choices}.").format(
                kind=kind, choices=", ".join(KINDS)
            )
        )


def _row_problems(arr, items, kind, dots, cap) -> list[tuple[int, str]]:
    """``(row, reason)`` for every ballot that cannot be counted (vectorised checks)."""
    problems: dict[int, str] = {}

    def flag(mask, make):
        for i in np.flatnonzero(mask):
            problems.setdefault(int(i), make(int(i)))

    flag(
        (arr < 0).any(axis=1),
        lambda i: _("Ballot «{ballot}» has a negative number: it was not counted."),
    )
    if kind == "approval":
        flag(
            (arr > 1).any(axis=1),
            lambda i: _(
                "Ballot «{ballot}» should mark each item with 1 (yes) or 0 (no): it was not counted."
            ),
        )
    if kind == "dots" and dots is not None:
        totals = arr.sum(axis=1)
        flag(
            totals > dots,
            lambda i: _(
                "Ballot «{ballot}» gives {given} dots; each participant has {dots}: it was not counted."
            ).format(ballot="{ballot}", given=int(totals[i]), dots=dots),
        )
    if kind == "dots" and cap is not None:
        over = arr > cap
        flag(
            over.any(axis=1),
            lambda i: _(
                "Ballot «{ballot}» puts {given} dots on «{item}»; at most {cap} per item: it was not counted."
            ).format(
                ballot="{ballot}",
                given=int(arr[i][over[i]][0]),
                item=items[int(np.flatnonzero(over[i])[0])],
                cap=cap,
            ),
        )
    flag((arr <= 0).all(axis=1), lambda i: _("Ballot «{ballot}» is empty: it was not counted."))
    return sorted(problems.items())


def ballots_from_table(
    table: pd.DataFrame,
    *,
    kind: str = "dots",
    items: Iterable[str] | None = None,
    dots: int | None = None,
    cap: int | None = None,
    value: str | None = None,
    groups: Iterable[str] | None = None,
    file: str | None = None,
) -> Ballots:
    """Ballots from a long table: one row per ballot and item.

    Columns: ``ballot_id``, ``voter_id`` (optional; the ballot id is used),
    ``item``, and the value column (``dots``, ``rank`` or ``approve``; for
    approval it may be left out: a row is a tick). Group columns
    (``gender``, ``village``, ``role`` …) are kept for breakdowns.
    A row with an empty item keeps an empty ballot visible, so it can be reported.

    >>> t = pd.DataFrame({"ballot_id": [1, 1, 2, 3], "voter_id": ["a", "a", "b", "a"],
    ...                   "item": ["water", "waste", "waste", "water"], "rank": [1, 2, 1, 1]})
    >>> b = ballots_from_table(t, kind="rank")
    >>> b.values.tolist(), b.n_rejected
    ([[1, 2], [0, 1]], 1)
    """
    _check_kind(kind)
    if not isinstance(table, pd.DataFrame):
        raise ToolkitError(
            _("The ballots should be a table ({kind}).").format(kind="pandas DataFrame"), file=file
        )
    value = value or {"dots": "dots", "approval": "approve", "rank": "rank"}[kind]
    need = ["ballot_id", "item"] + ([] if kind == "approval" and value not in table else [value])
    missing = [c for c in need if c not in table.columns]
    if missing:
        raise ToolkitError(
            _("The ballot table has no column {columns}.").format(
                columns=", ".join(f"«{c}»" for c in missing)
            ),
            file=file,
        )
    t = table.reset_index(drop=True).copy()
    t["ballot_id"] = t["ballot_id"].astype(str)
    t["voter_id"] = t["voter_id"].astype(str) if "voter_id" in t else t["ballot_id"]
    has_item = t["item"].notna() & (t["item"].astype(str).str.strip() != "")
    t["item"] = t["item"].where(has_item, "").astype(str).str.strip()
    if kind == "approval" and value not in t:
        t[value] = 1
    raw = pd.to_numeric(t[value], errors="coerce")
    if items is None:
        items = list(dict.fromkeys(t.loc[has_item, "item"]))
    items = [str(i) for i in items]
    if not items:
        raise ToolkitError(_("There are no items to vote on."), file=file)
    group_cols = (
        list(groups)
        if groups is not None
        else [
            c
            for c in t.columns
            if c
            not in (
                "ballot_id",
                "voter_id",
                "item",
                value,
                "dots",
                "rank",
                "approve",
                "case_id",
                "kind",
                "note",
                "source_file",
                "source_text",
            )
            and t.groupby("ballot_id", sort=False)[c].nunique(dropna=False).le(1).all()
        ]
    )
    rejected: list[tuple[str, str, str]] = []

    def reject(mask, message):
        for _i, row in t[mask].drop_duplicates("ballot_id").iterrows():
            rejected.append(
                (row["ballot_id"], row["voter_id"], message(row).format(ballot=row["ballot_id"]))
            )

    known = set(items)
    reject(
        has_item & ~t["item"].isin(known),
        lambda r: _(
            "Ballot «{ballot}» names an unknown item «{item}»; the items are: {items}. It was not counted."
        ).format(ballot="{ballot}", item=r["item"], items=", ".join(items)),
    )
    bad_value = has_item & (raw.isna() | (raw != raw.round()))
    reject(
        bad_value,
        lambda r: _(
            "Ballot «{ballot}»: the value for «{item}» should be a whole number, not «{value}». It was not counted."
        ).format(ballot="{ballot}", item=r["item"], value=r[value]),
    )
    twice = has_item & t.duplicated(["ballot_id", "item"], keep=False)
    reject(
        twice,
        lambda r: _("Ballot «{ballot}» lists «{item}» twice: it was not counted.").format(
            ballot="{ballot}", item=r["item"]
        ),
    )
    # the same participant on two ballots: the first ballot counts, the later ones do not
    first_ballot = t.drop_duplicates("voter_id").set_index("voter_id")["ballot_id"]
    again = t["ballot_id"] != t["voter_id"].map(first_ballot)
    reject(
        again,
        lambda r: _(
            "Participant «{voter}» voted twice (ballots «{first}» and «{ballot}»); only the first counts."
        ).format(voter=r["voter_id"], first=first_ballot[r["voter_id"]], ballot="{ballot}"),
    )

    bad_ids = {b for b, _v, _r in rejected}
    ok = t[~t["ballot_id"].isin(bad_ids)]
    order = list(dict.fromkeys(ok["ballot_id"]))
    voters = ok.drop_duplicates("ballot_id").set_index("ballot_id").loc[order]
    voters = voters.reset_index()[["ballot_id", "voter_id", *group_cols]]
    filled = ok[ok["item"] != ""]
    row_of = pd.Series(np.arange(len(order)), index=order)
    col_of = pd.Series(np.arange(len(items)), index=items)
    arr = np.zeros((len(order), len(items)), dtype=np.int32)
    arr[row_of[filled["ballot_id"]].to_numpy(), col_of[filled["item"]].to_numpy()] = (
        raw[filled.index].to_numpy().astype(np.int32)
    )
    checked = Ballots.from_array(arr, items, kind, dots=dots, cap=cap, voters=voters)
    earlier = pd.DataFrame(rejected, columns=["ballot_id", "voter_id", "reason"])
    checked.rejected = (
        pd.concat([earlier, checked.rejected], ignore_index=True)
        if len(checked.rejected)
        else earlier
    )
    if len(checked) == 0:
        raise ToolkitError(
            _("No ballot could be counted: {reasons}").format(
                reasons=" ".join(checked.rejected["reason"].head(3))
            ),
            file=file,
        )
    return checked


def make_ballots(
    votes: Mapping,
    *,
    kind: str = "dots",
    items: Iterable[str] | None = None,
    dots: int | None = None,
    cap: int | None = None,
    groups: Mapping[str, Mapping] | pd.DataFrame | None = None,
) -> Ballots:
    """Ballots typed by hand, one entry per participant.

    * dots: ``{"Aida": {"drinking-water": 2, "waste": 1}, …}``
    * approval: ``{"Aida": ["drinking-water", "waste"], …}``
    * rank: ``{"Aida": ["drinking-water", "waste", "irrigation"], …}`` (best first;
      a tuple inside the list is a tie) or ``{"Aida": {"waste": 1, …}}``.

    ``groups`` gives each participant's group: ``{"Aida": {"gender": "woman"}}``.

    >>> b = make_ballots({"A": ["x", ("y", "z")], "B": ["z", "x", "y"]}, kind="rank")
    >>> b.values.tolist()
    [[1, 2, 2], [2, 3, 1]]
    """
    _check_kind(kind)
    if not isinstance(votes, Mapping):
        raise ToolkitError(_("The ballots should be a dictionary: participant → their votes."))
    rows = []
    for voter, ballot in votes.items():
        entries: list[tuple[object, object]] = []
        if isinstance(ballot, Mapping):
            entries = list(ballot.items())
        elif isinstance(ballot, (str, bytes)):
            entries = [(ballot, 1)]
        elif isinstance(ballot, Iterable):
            for pos, entry in enumerate(ballot, start=1):
                group = entry if isinstance(entry, (tuple, set, frozenset)) else (entry,)
                for item in group:
                    if kind == "rank":
                        entries.append((item, pos))
                    elif kind == "dots":
                        entries.append((item, None))
                    else:
                        entries.append((item, 1))
            if kind == "dots":
                counts: dict = {}
                for item, _v in entries:
                    counts[item] = counts.get(item, 0) + 1
                entries = list(counts.items())
        if not entries:
            entries = [("", 0)]
        for item, val in entries:
            rows.append(
                {"ballot_id": str(voter), "voter_id": str(voter), "item": item, "value": val}
            )
    table = pd.DataFrame(rows, columns=["ballot_id", "voter_id", "item", "value"])
    if groups is not None:
        g = (
            groups
            if isinstance(groups, pd.DataFrame)
            else pd.DataFrame.from_dict(groups, orient="index")
        )
        g.index = g.index.astype(str)
        for col in g.columns:
            table[col] = table["voter_id"].map(g[col])
    return ballots_from_table(
        table,
        kind=kind,
        items=items,
        dots=dots,
        cap=cap,
        value="value",
        groups=None
        if groups is None
        else [c for c in table.columns if c not in ("ballot_id", "voter_id", "item", "value")],
    )
