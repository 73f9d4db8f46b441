"""Counting rules: dots, approval, plurality, Borda, the pairwise matrix
(Copeland) and weighted criteria.

Every rule returns the same kind of table, best first::

    rank  item  points  supporters  tied

Tied items share a rank and have ``tied`` set: **a tie is shown as a tie**;
breaking it is a separate, explained step (:func:`toolkit.voting.break_ties`).

>>> from toolkit.voting.ballots import make_ballots
>>> b = make_ballots({"A": {"water": 2, "waste": 1}, "B": {"water": 1, "road": 2},
...                   "C": {"waste": 2, "road": 1}}, items=["water", "waste", "road"], dots=3)
>>> dot_tally(b)
   rank   item  points  supporters  tied
0     1  water       3           2  True
1     1  waste       3           2  True
2     1   road       3           2  True

Supporters are the participants who gave the item at least one dot (for
rankings: who put it first).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from toolkit import vocabulary
from toolkit.errors import ToolkitError
from toolkit.i18n import N_, format_number, translator
from toolkit.tables import Table
from toolkit.voting.ballots import Ballots

__all__ = [
    "ITEM_LABELS",
    "METHODS",
    "METHOD_LABELS",
    "approval_tally",
    "borda_tally",
    "by_group",
    "compare_methods",
    "copeland_tally",
    "dot_tally",
    "explain",
    "item_label",
    "method_label",
    "pairwise_from_choices",
    "pairwise_matrix",
    "plurality_tally",
    "preferences",
    "ranked",
    "tally",
    "tally_totals",
    "weighted_scores",
    "winners",
]

_ = translator("voting")

METHODS = ("dots", "approval", "plurality", "borda", "copeland")

METHOD_LABELS = {
    "dots": N_("Dot voting"),
    "approval": N_("Approval voting"),
    "plurality": N_("First choices"),
    "borda": N_("Borda count"),
    "copeland": N_("Pairwise matrix"),
    "weighted": N_("Weighted criteria"),
    "totals": N_("Counted dots"),
}

#: Names of the items of the case data, shown on charts and tables: the services and
#: the groups of participants of :mod:`toolkit.vocabulary`.
ITEM_LABELS = {**vocabulary.SERVICES, **vocabulary.GROUPS}


def item_label(item: str) -> str:
    """The name of an item in the user's language (the id itself if unknown).

    >>> item_label("drinking-water")
    'Ичүүчү суу'
    >>> item_label("new-bridge")
    'new-bridge'
    """
    if item in vocabulary.GROUPS:
        return vocabulary.group_label(item)
    return vocabulary.service_label(item)


def method_label(method: str) -> str:
    """The name of a counting rule in the user's language.

    >>> method_label("borda")
    'Борда эсеби'
    """
    return _(METHOD_LABELS[method]) if method in METHOD_LABELS else str(method)


def ranked(
    items: Iterable[str],
    points,
    supporters=None,
    *,
    method: str = "",
    ballots: Ballots | None = None,
) -> pd.DataFrame:
    """The result table: best first; tied items share the rank and are marked ``tied``.

    Items with equal points keep the order they were given in.

    >>> ranked(["a", "b", "c"], [5, 7, 5])
       rank item  points  supporters  tied
    0     1    b       7        <NA>  False
    1     2    a       5        <NA>  True
    2     2    c       5        <NA>  True
    """
    items = [str(i) for i in items]
    pts = np.asarray(points, dtype=float)
    if len(pts) != len(items):
        raise ToolkitError(_("Each item needs exactly one number of points."))
    key = np.round(pts, 9)
    rank = 1 + (key[None, :] > key[:, None]).sum(axis=1)
    same = (key[None, :] == key[:, None]).sum(axis=1) > 1
    order = np.lexsort((np.arange(len(items)), -key))
    if np.all(pts == np.round(pts)):
        pts = pts.astype(np.int64)
    sup = (
        pd.array([pd.NA] * len(items), dtype="Int64")
        if supporters is None
        else pd.array(np.asarray(supporters), dtype="Int64")
    )
    table = Table(
        {
            "rank": rank[order].astype(np.int64),
            "item": [items[i] for i in order],
            "points": pts[order],
            "supporters": sup[order],
            "tied": same[order],
        }
    )
    table.attrs["method"] = method
    if ballots is not None:
        table.attrs["counted"] = len(ballots)
        table.attrs["rejected"] = ballots.n_rejected
        table.attrs["rejections"] = list(ballots.rejected["reason"])
    return table


def _need(ballots) -> Ballots:
    if not isinstance(ballots, Ballots):
        raise ToolkitError(
            _("Make the ballots first, e.g. with {first} or {second}.").format(
                first="make_ballots(...)", second="ballots_from_table(...)"
            )
        )
    return ballots


def tally_totals(totals: Mapping[str, float], method: str = "totals") -> pd.DataFrame:
    """Rank items by points counted on the wall (e.g. dots per sheet).

    >>> tally_totals({"water": 12, "waste": 9, "road": 12})["rank"].tolist()
    [1, 1, 3]
    """
    if not isinstance(totals, Mapping) or not totals:
        raise ToolkitError(
            _("Give the points of each item, e.g. {example}.").format(example='{"water": 12}')
        )
    values = []
    for item, value in totals.items():
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = float("nan")
        if not np.isfinite(number) or number < 0:
            raise ToolkitError(
                _("The points of «{item}» should be a number of 0 or more, not «{value}».").format(
                    item=item, value=value
                )
            )
        values.append(number)
    return ranked(list(totals), values, method=method)


def dot_tally(ballots: Ballots) -> pd.DataFrame:
    """Dot voting: the points of an item are all the dots it got.

    >>> from toolkit.voting.ballots import make_ballots
    >>> b = make_ballots({"A": ["x", "x", "y"], "B": ["y"]}, items=["x", "y"], dots=3)
    >>> dot_tally(b)[["item", "points", "supporters"]].values.tolist()
    [['x', 2, 1], ['y', 2, 2]]
    """
    b = _need(ballots)
    lt = b.levels_by_item()
    given = lt > 0
    points = lt.sum(axis=1, dtype=np.int64) if b.kind != "rank" else np.count_nonzero(given, axis=1)
    return ranked(b.items, points, np.count_nonzero(given, axis=1), method="dots", ballots=b)


def approval_tally(ballots: Ballots) -> pd.DataFrame:
    """Approval: one point from every participant who accepts the item
    (a dot ballot approves every item with at least one dot; a ranking, every ranked item).

    >>> from toolkit.voting.ballots import make_ballots
    >>> b = make_ballots({"A": ["x", "y"], "B": ["y"]}, kind="approval", items=["x", "y"])
    >>> approval_tally(b)[["item", "points"]].values.tolist()
    [['y', 2], ['x', 1]]
    """
    b = _need(ballots)
    yes = np.count_nonzero(b.levels_by_item() > 0, axis=1)
    return ranked(b.items, yes, yes, method="approval", ballots=b)


def _top(lt: np.ndarray) -> np.ndarray:
    """Item by item, where each ballot's best level is (ties at the top all marked);
    empty ballots have no top."""
    best = lt.max(axis=0) if lt.shape[1] else np.zeros(0, dtype=lt.dtype)
    return (lt == best) & (best > 0)


def plurality_tally(ballots: Ballots) -> pd.DataFrame:
    """First choices: one point to the item a participant likes best. A ballot
    with a tie at the top gives no point (it counts as a supporter of each).

    >>> from toolkit.voting.ballots import make_ballots
    >>> b = make_ballots({"A": ["x", "y"], "B": ["y", "x"], "C": ["y", "x"]}, kind="rank")
    >>> plurality_tally(b)[["item", "points"]].values.tolist()
    [['y', 2], ['x', 1]]
    """
    b = _need(ballots)
    top = _top(b.levels_by_item())
    alone = top & (np.count_nonzero(top, axis=0) == 1)
    return ranked(
        b.items,
        np.count_nonzero(alone, axis=1),
        np.count_nonzero(top, axis=1),
        method="plurality",
        ballots=b,
    )


def preferences(lt: np.ndarray) -> np.ndarray:
    """``P[i, j]`` = how many ballots like item i strictly more than item j
    (``lt`` has one row per item, one column per ballot).

    >>> preferences(np.array([[1, 2], [2, 1]]))  # one ballot each way
    array([[0, 1],
           [1, 0]])
    """
    n = lt.shape[0]
    out = np.zeros((n, n), dtype=np.int64)
    for i in range(n):
        out[i] = _count_true(lt[i] > lt)
    return out


def _count_true(mask: np.ndarray) -> np.ndarray:
    """Row by row, how many entries of a boolean table are true.

    The bits are packed eight to a byte and counted (NumPy 2): twice as quick as
    ``np.count_nonzero`` on 100,000 ballots.

    >>> _count_true(np.array([[True, False, True], [False, False, False]])).tolist()
    [2, 0]
    """
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(np.packbits(mask, axis=1)).sum(axis=1, dtype=np.int64)
    return np.count_nonzero(mask, axis=1)


def pairwise_matrix(ballots: Ballots) -> pd.DataFrame:
    """The pairwise matrix: the cell (row A, column B) is how many participants
    like A more than B.

    >>> from toolkit.voting.ballots import make_ballots
    >>> b = make_ballots({"A": ["x", "y", "z"], "B": ["y", "z", "x"], "C": ["x", "z", "y"]}, kind="rank")
    >>> pairwise_matrix(b)
       x  y  z
    x  0  2  2
    y  1  0  2
    z  1  1  0
    """
    b = _need(ballots)
    lt = b.levels_by_item()
    m = pd.DataFrame(preferences(lt), index=list(b.items), columns=list(b.items))
    m.attrs["supporters"] = np.count_nonzero(_top(lt), axis=1).tolist()
    return m


def pairwise_from_choices(choices, items: Iterable[str] | None = None) -> pd.DataFrame:
    """The pairwise matrix filled in pair by pair, as in participatory rural appraisal.

    ``choices`` is a list of ``(item_a, item_b, chosen)`` — ``chosen`` is one of
    the two, or ``None``/``"tie"`` when the group cannot choose — or a table
    with columns ``item_a``, ``item_b``, ``choice`` (and ``voter_id`` if each
    participant chooses; then the result also counts each item's supporters).
    A row of the matrix counts how often its item was chosen.

    >>> m = pairwise_from_choices([("water", "waste", "water"), ("water", "road", "water"),
    ...                            ("waste", "road", None)])
    >>> m
           water  waste  road
    water      0      1     1
    waste      0      0     0
    road       0      0     0
    """
    if isinstance(choices, pd.DataFrame):
        missing = [c for c in ("item_a", "item_b", "choice") if c not in choices.columns]
        if missing:
            raise ToolkitError(
                _("The table of choices has no column {columns}.").format(
                    columns=", ".join(f"«{c}»" for c in missing)
                )
            )
        voters = choices["voter_id"].tolist() if "voter_id" in choices else [None] * len(choices)
        rows = list(
            zip(choices["item_a"], choices["item_b"], choices["choice"], voters, strict=True)
        )
    else:
        rows = [(*tuple(c)[:3], None) for c in choices]
    names = (
        list(items)
        if items is not None
        else list(dict.fromkeys(x for a, b_, _c, _v in rows for x in (a, b_)))
    )
    names = [str(n) for n in names]
    index = {n: i for i, n in enumerate(names)}
    m = np.zeros((len(names), len(names)), dtype=np.int64)
    chosen_by: list[set] = [set() for _n in names]
    for row_no, (a, b_, chosen, voter) in enumerate(rows, start=1):
        a, b_ = str(a), str(b_)
        for x in (a, b_):
            if x not in index:
                raise ToolkitError(
                    _(
                        "Choice {row} names an unknown item «{item}»; the items are: {items}."
                    ).format(row=row_no, item=x, items=", ".join(names))
                )
        if a == b_:
            raise ToolkitError(
                _("Choice {row} compares «{item}» with itself.").format(row=row_no, item=a)
            )
        is_tie = (
            chosen is None
            or (isinstance(chosen, float) and np.isnan(chosen))
            or str(chosen).strip().lower() in ("", "tie", "=")
        )
        if is_tie:
            continue
        chosen = str(chosen)
        if chosen not in (a, b_):
            raise ToolkitError(
                _("Choice {row}: «{chosen}» is neither «{a}» nor «{b}».").format(
                    row=row_no, chosen=chosen, a=a, b=b_
                )
            )
        loser = b_ if chosen == a else a
        m[index[chosen], index[loser]] += 1
        chosen_by[index[chosen]].add(voter)
    matrix = pd.DataFrame(m, index=names, columns=names)
    # who supported an item is known only when each choice names its participant
    if all(v is not None for _a, _b, _c, v in rows) and rows:
        matrix.attrs["supporters"] = [len(s) for s in chosen_by]
    return matrix


def copeland_tally(ballots) -> pd.DataFrame:
    """The pairwise matrix count (Copeland): an item gets 1 point for each other
    item it beats head to head, ½ for a draw, 0 for a loss.

    Works on ballots or on a pairwise matrix (:func:`pairwise_from_choices`).

    >>> m = pairwise_from_choices([("water", "waste", "water"), ("water", "road", "water"),
    ...                            ("waste", "road", "tie")])
    >>> copeland_tally(m)[["rank", "item", "points"]].values.tolist()
    [[1, 'water', 2.0], [2, 'waste', 0.5], [2, 'road', 0.5]]
    """
    if isinstance(ballots, pd.DataFrame):
        m = ballots
        if list(m.index) != list(m.columns):
            raise ToolkitError(_("A pairwise matrix needs the same items in its rows and columns."))
        p = m.to_numpy(dtype=np.int64)
        b = None
    else:
        b = _need(ballots)
        m = pairwise_matrix(b)
        p = m.to_numpy()
    wins = (p > p.T).sum(axis=1)
    draws = (p == p.T).sum(axis=1) - 1
    table = ranked(
        list(m.index), wins + 0.5 * draws, m.attrs.get("supporters"), method="copeland", ballots=b
    )
    won = dict(zip(m.index, wins, strict=True))
    table.insert(4, "wins", [int(won[i]) for i in table["item"]])
    return table


def borda_tally(ballots: Ballots) -> pd.DataFrame:
    """Borda count: on each ballot an item gets one point for every item placed
    below it (with 3 items: 2, 1, 0).

    **Tied items share** the points of the places they take together: two items
    tied for places 2 and 3 of 3 each get (1 + 0) / 2 = ½. Items **left out** of a
    ranking share the bottom places the same way. So every ballot gives out the
    same points, 0 + 1 + … + (n − 1), however it is filled in.

    >>> from toolkit.voting.ballots import make_ballots
    >>> b = make_ballots({"A": ["x", "y", "z"], "B": ["y", "z", "x"], "C": ["x", "z", "y"]}, kind="rank")
    >>> borda_tally(b)[["item", "points"]].values.tolist()
    [['x', 4], ['y', 3], ['z', 2]]

    A tie on a ballot (a tuple) and a short ranking:

    >>> b = make_ballots({"A": ["x", ("y", "z")], "B": ["y", "z", "x"]}, kind="rank")
    >>> borda_tally(b)[["item", "points"]].values.tolist()
    [['y', 2.5], ['x', 2.0], ['z', 1.5]]
    >>> b = make_ballots({"A": ["x"]}, kind="rank", items=["x", "y", "z"])
    >>> borda_tally(b)[["item", "points"]].values.tolist()
    [['x', 2.0], ['y', 0.5], ['z', 0.5]]
    """
    b = _need(ballots)
    lt = b.levels_by_item()
    above = preferences(lt)
    # against each other item: 1 point if placed above it, ½ if tied with it, 0 if below
    n_items, n_ballots = lt.shape
    points = ((n_items - 1) * n_ballots + above.sum(axis=1) - above.sum(axis=0)) / 2
    return ranked(b.items, points, np.count_nonzero(_top(lt), axis=1), method="borda", ballots=b)


def weighted_scores(scores: pd.DataFrame, weights: Mapping[str, float]) -> pd.DataFrame:
    """Weighted criteria: each item is scored on each criterion (e.g. 1–5), the
    scores are averaged over the scorers and added up with the weights.

    ``scores`` has a column ``item``, one column per criterion, and optionally
    ``voter_id`` (one row per scorer and item).

    >>> s = pd.DataFrame({"item": ["water", "waste"], "urgency": [5, 3], "cost": [2, 4]})
    >>> weighted_scores(s, {"urgency": 2, "cost": 1})[["item", "points"]].values.tolist()
    [['water', 12], ['waste', 10]]
    """
    if not isinstance(scores, pd.DataFrame) or "item" not in scores.columns:
        raise ToolkitError(
            _("The scores should be a table with a column «{column}».").format(column="item")
        )
    if not isinstance(weights, Mapping) or not weights:
        raise ToolkitError(
            _("Give a weight to each criterion, e.g. {example}.").format(example='{"urgency": 2}')
        )
    missing = [c for c in weights if c not in scores.columns]
    if missing:
        raise ToolkitError(
            _("The scores have no column {columns}.").format(
                columns=", ".join(f"«{c}»" for c in missing)
            )
        )
    w = {}
    for c, v in weights.items():
        try:
            w[c] = float(v)
        except (TypeError, ValueError):
            w[c] = float("nan")
        if not np.isfinite(w[c]) or w[c] < 0:
            raise ToolkitError(
                _("The weight of «{criterion}» should be a number of 0 or more.").format(
                    criterion=c
                )
            )
    if sum(w.values()) == 0:
        raise ToolkitError(_("At least one weight should be more than 0."))
    values = scores[list(w)].apply(pd.to_numeric, errors="coerce")
    for c in w:
        bad = values[c].isna()
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0]) + 2
            raise ToolkitError(_("The score should be a number."), row=row, column=c)
    values["item"] = scores["item"].astype(str)
    means = values.groupby("item", sort=False).mean()
    count = values.groupby("item", sort=False).size()
    points = sum(means[c] * w[c] for c in w).round(6)
    table = ranked(list(means.index), points.to_numpy(), count.to_numpy(), method="weighted")
    return table


_RULES = {
    "dots": dot_tally,
    "approval": approval_tally,
    "plurality": plurality_tally,
    "borda": borda_tally,
    "copeland": copeland_tally,
}


def tally(ballots: Ballots, method: str = "dots") -> pd.DataFrame:
    """Count the ballots with one of the rules: ``dots``, ``approval``,
    ``plurality``, ``borda`` or ``copeland``.

    >>> from toolkit.voting.ballots import make_ballots
    >>> b = make_ballots({"A": ["x", "y"], "B": ["y", "x"]}, kind="rank")
    >>> tally(b, "borda")["tied"].tolist()
    [True, True]
    """
    if method not in _RULES:
        raise ToolkitError(
            _("Unknown counting rule «{method}». Choose one of: {choices}.").format(
                method=method, choices=", ".join(_RULES)
            )
        )
    return _RULES[method](ballots)


def by_group(ballots: Ballots, group: str, method: str = "dots") -> pd.DataFrame:
    """The result within each group of participants (women/men, village, role),
    then for everybody (group ``"all"``).

    >>> from toolkit.voting.ballots import make_ballots
    >>> b = make_ballots({"A": ["x"], "B": ["y"], "C": ["y"]}, items=["x", "y"], dots=1,
    ...                  groups={"A": {"gender": "woman"}, "B": {"gender": "man"}, "C": {"gender": "man"}})
    >>> by_group(b, "gender").query("rank == 1")[["gender", "item"]].values.tolist()
    [['woman', 'x'], ['man', 'y'], ['all', 'y']]
    """
    b = _need(ballots)
    if group not in b.groups:
        raise ToolkitError(
            _("The ballots have no group «{group}»; they have: {groups}.").format(
                group=group, groups=", ".join(b.groups) or "—"
            )
        )
    parts = []
    col = b.voters[group].astype(str)
    for value in dict.fromkeys(col):
        t = tally(b.select(col == value), method)
        t.insert(0, group, value)
        parts.append(t)
    whole = tally(b, method)
    whole.insert(0, group, "all")
    parts.append(whole)
    out = pd.concat(parts, ignore_index=True)
    out.attrs = {"method": method, "group": group}
    return out


def _default_methods(b: Ballots) -> list[str]:
    if b.kind == "rank":
        return ["plurality", "borda", "copeland"]
    if b.kind == "approval":
        return ["approval", "borda", "copeland"]
    return ["dots", "approval", "plurality", "borda", "copeland"]


def compare_methods(ballots: Ballots, methods: Iterable[str] | None = None) -> pd.DataFrame:
    """Count the same ballots with several rules and say where they agree.

    One row per item (in the order of the first rule), one column per rule
    holding the item's rank, and ``agree``: whether every rule gives it the
    same rank. ``table.attrs["summary"]`` has sentences for the group.

    >>> from toolkit.voting.ballots import make_ballots
    >>> b = make_ballots({"A": ["x", "y", "z"], "B": ["x", "y", "z"], "C": ["y", "z", "x"],
    ...                   "D": ["z", "y", "x"], "E": ["y", "z", "x"]}, kind="rank")
    >>> c = compare_methods(b)
    >>> c
      item  plurality  borda  copeland  agree
    0    x          1      2         3  False
    1    y          1      1         1   True
    2    z          3      2         2  False
    """
    b = _need(ballots)
    methods = list(methods) if methods is not None else _default_methods(b)
    results = {m: tally(b, m) for m in methods}
    first = results[methods[0]]
    table = Table({"item": first["item"].tolist()})
    for m, r in results.items():
        table[m] = table["item"].map(dict(zip(r["item"], r["rank"], strict=True))).astype(np.int64)
    table["agree"] = table[methods].nunique(axis=1).eq(1)
    table.attrs["summary"] = _summary(table, methods)
    table.attrs["points"] = {
        m: dict(zip(r["item"], r["points"].tolist(), strict=True)) for m, r in results.items()
    }
    return table


def explain(comparison: pd.DataFrame) -> str:
    """What a comparison of counting rules (:func:`compare_methods`) says, one sentence a line.

    >>> from toolkit.voting.ballots import make_ballots
    >>> b = make_ballots({"A": ["x", "y"], "B": ["x", "y"]}, kind="rank")
    >>> sentences = explain(compare_methods(b, ["plurality", "borda"])).splitlines()
    >>> len(sentences), "«x»" in sentences[1]
    (2, True)
    """
    return "\n".join(comparison.attrs.get("summary", []))


def winners(counted: pd.DataFrame) -> list[str]:
    """The items in first place of a count: one, or several when they are tied.

    >>> from toolkit.voting.ballots import make_ballots
    >>> winners(dot_tally(make_ballots({"A": {"x": 2, "y": 1}, "B": {"y": 2, "x": 1}}, dots=3)))
    ['x', 'y']
    """
    return counted.loc[counted["rank"] == 1, "item"].tolist()


def _summary(table: pd.DataFrame, methods: list[str]) -> list[str]:
    lines = []
    names = ", ".join(method_label(m) for m in methods)
    winners = {m: tuple(table.loc[table[m] == 1, "item"]) for m in methods}
    if bool(table["agree"].all()):
        lines.append(_("All the rules give the same order: {rules}.").format(rules=names))
    if len(set(winners.values())) == 1:
        top = next(iter(winners.values()))
        lines.append(
            _("Every rule puts first: {items}.").format(
                items=", ".join(f"«{item_label(i)}»" for i in top)
            )
        )
    else:
        for m in methods:
            lines.append(
                _("{rule} puts first: {items}.").format(
                    rule=method_label(m), items=", ".join(f"«{item_label(i)}»" for i in winners[m])
                )
            )
    for _i, row in table[~table["agree"]].iterrows():
        ranks = ", ".join(f"{method_label(m)} {format_number(row[m])}" for m in methods)
        lines.append(
            _("The rules differ on «{item}»: {ranks}.").format(
                item=item_label(row["item"]), ranks=ranks
            )
        )
    return lines
