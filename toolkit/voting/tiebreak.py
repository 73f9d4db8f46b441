"""Breaking a tie, only when asked, step by step, with every step explained.

The cascade (each step only looks at items that are still tied):

1. ``head_to_head`` — which of the tied items more participants prefer to the other;
2. ``breadth`` — which has more supporters (more people behind it);
3. ``cost`` — which costs less (when costs are given);
4. ``lot`` — a public lot drawn with a recorded number (the *seed*), so anyone
   can draw it again and get the same order.

>>> from toolkit.i18n import set_language
>>> from toolkit.voting.ballots import make_ballots
>>> from toolkit.voting.rules import dot_tally
>>> set_language("en")
>>> b = make_ballots({"A": {"water": 2}, "B": {"water": 2}, "C": {"bins": 2},
...                   "D": {"bins": 1, "road": 1}, "E": {"bins": 1, "road": 1}},
...                  items=["water", "bins", "road"], dots=2)
>>> result = dot_tally(b)
>>> result[["rank", "item", "points", "tied"]].values.tolist()
[[1, 'water', 4, True], [1, 'bins', 4, True], [3, 'road', 2, False]]
>>> broken, steps = break_ties(result, b)
>>> broken[["rank", "item", "decided_by"]].values.tolist()
[[1, 'bins', 'head to head'], [2, 'water', 'head to head'], [3, 'road', '']]
>>> for sentence in steps:
...     print(sentence)
Tied with 4 points: «water», «bins».
Head to head: 2 participants prefer «water» to «bins», 3 the other way round.
>>> set_language("ky")
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from toolkit.errors import ToolkitError
from toolkit.i18n import N_, format_number, translator
from toolkit.voting.ballots import Ballots
from toolkit.voting.rules import item_label, preferences

__all__ = ["STEPS", "STEP_LABELS", "break_ties"]

_ = translator("voting")

STEPS = ("head_to_head", "breadth", "cost", "lot")
STEP_LABELS = {
    "head_to_head": N_("head to head"),
    "breadth": N_("breadth of support"),
    "cost": N_("lower cost"),
    "lot": N_("public lot"),
}


def _names(items: Iterable[str]) -> str:
    return ", ".join(f"«{item_label(i)}»" for i in items)


def _num(x) -> str:
    x = float(x)
    return format_number(x, 0 if x.is_integer() else 1)


def break_ties(
    result: pd.DataFrame,
    ballots: Ballots | pd.DataFrame | None = None,
    *,
    steps: Iterable[str] = STEPS,
    cost: Mapping[str, float] | None = None,
    seed: int | None = None,
) -> tuple[pd.DataFrame, list[str]]:
    """Break the ties of a result with the cascade; returns ``(table, sentences)``.

    ``ballots`` (the same ballots, or a pairwise matrix) are needed for the
    head-to-head step; ``cost`` maps items to their cost; ``seed`` fixes the
    lot (a new one is drawn and written in the explanation when not given).
    The table gets a column ``decided_by``: the step that separated the item.
    Items the cascade could not separate stay tied.
    """
    if not isinstance(result, pd.DataFrame) or not {"item", "points"} <= set(result.columns):
        raise ToolkitError(
            _("Give the result table of a count (e.g. of {function}).").format(function="dot_tally")
        )
    steps = list(steps)
    unknown = [s for s in steps if s not in STEPS]
    if unknown:
        raise ToolkitError(
            _("Unknown tie-break step «{step}». Choose from: {choices}.").format(
                step=unknown[0], choices=", ".join(STEPS)
            )
        )
    table = result.reset_index(drop=True)
    items = table["item"].tolist()
    decided = dict.fromkeys(items, "")
    key = np.round(table["points"].to_numpy(dtype=float), 9)
    blocks: list[list[str]] = []
    for value in sorted(set(key), reverse=True):
        blocks.append([i for i, k in zip(items, key, strict=True) if k == value])
    sentences: list[str] = []
    if all(len(b) == 1 for b in blocks):
        sentences.append(_("There is no tie: nothing to break."))
        out = table.copy()
        out["decided_by"] = ""
        return out, sentences
    for block in blocks:
        if len(block) > 1:
            sentences.append(
                _("Tied with {points} points: {items}.").format(
                    points=_num(table.loc[table["item"] == block[0], "points"].iloc[0]),
                    items=_names(block),
                )
            )

    matrix = None
    if isinstance(ballots, Ballots):
        matrix = pd.DataFrame(
            preferences(ballots.levels_by_item()), index=ballots.items, columns=ballots.items
        )
    elif isinstance(ballots, pd.DataFrame):
        matrix = ballots
    supporters = dict(zip(items, table["supporters"], strict=True)) if "supporters" in table else {}

    for step in steps:
        if all(len(b) == 1 for b in blocks):
            break
        new_blocks: list[list[str]] = []
        for block in blocks:
            if len(block) == 1:
                new_blocks.append(block)
                continue
            keys, said = _step(step, block, matrix, supporters, cost, seed)
            if keys is None:
                sentences.extend(said)
                new_blocks.append(block)
                continue
            seed = said.pop() if step == "lot" else seed
            sentences.extend(said)
            parts: dict[float, list[str]] = {}
            for item in block:
                parts.setdefault(keys[item], []).append(item)
            split = [parts[k] for k in sorted(parts, reverse=True)]
            if len(split) > 1:
                for part in split:
                    for item in part:
                        decided[item] = _(STEP_LABELS[step])
            new_blocks.extend(split)
        blocks = new_blocks

    left = [b for b in blocks if len(b) > 1]
    for block in left:
        sentences.append(_("Still tied after every step: {items}.").format(items=_names(block)))
    rows, position = [], 1
    by_item = table.set_index("item")
    for block in blocks:
        for item in block:
            row = by_item.loc[item].to_dict()
            row.update(item=item, rank=position, tied=len(block) > 1, decided_by=decided[item])
            rows.append(row)
        position += len(block)
    out = pd.DataFrame(rows)[[*table.columns, "decided_by"]]
    out.attrs = dict(result.attrs)
    out.attrs["tie_break"] = sentences
    return out, sentences


def _step(step, block, matrix, supporters, cost, seed):
    """``(keys, sentences)`` for one step on one tied block; keys ``None`` = step skipped."""
    if step == "head_to_head":
        if matrix is None:
            return None, [_("Head to head: skipped, it needs the individual ballots.")]
        p = matrix.loc[block, block].to_numpy()
        if len(block) == 2:
            a, b = block
            said = [
                _(
                    "Head to head: {n} participants prefer «{a}» to «{b}», {m} the other way round."
                ).format(n=_num(p[0, 1]), a=item_label(a), b=item_label(b), m=_num(p[1, 0]))
            ]
        else:
            wins = (p > p.T).sum(axis=1)
            said = [
                _("Head to head among {items}: wins {wins}.").format(
                    items=_names(block),
                    wins=", ".join(
                        f"«{item_label(i)}» {w}" for i, w in zip(block, wins, strict=True)
                    ),
                )
            ]
        score = (p > p.T).sum(axis=1) + 0.5 * ((p == p.T).sum(axis=1) - 1)
        return dict(zip(block, score, strict=True)), said
    if step == "breadth":
        if not supporters or any(pd.isna(supporters.get(i)) for i in block):
            return None, [_("Breadth of support: skipped, the number of supporters is not known.")]
        said = [
            _("Breadth of support: {counts}.").format(
                counts=", ".join(f"«{item_label(i)}» {_num(supporters[i])}" for i in block)
            )
        ]
        return {i: float(supporters[i]) for i in block}, said
    if step == "cost":
        if not cost or any(i not in cost for i in block):
            return None, [_("Lower cost: skipped, the costs are not given.")]
        said = [
            _("Lower cost first: {costs}.").format(
                costs=", ".join(f"«{item_label(i)}» {_num(cost[i])}" for i in block)
            )
        ]
        return {i: -float(cost[i]) for i in block}, said
    # lot
    if seed is None:
        seed = secrets.randbelow(1_000_000)
    draw = np.random.default_rng([int(seed), *(sum(map(ord, i)) for i in sorted(block))])
    order = [sorted(block)[k] for k in draw.permutation(len(block))]
    said = [
        _(
            "Public lot with the number {seed}: {items}. Anyone can draw it again with the same number."
        ).format(seed=seed, items=_names(order)),
        seed,
    ]
    return {item: float(len(order) - k) for k, item in enumerate(order)}, said
