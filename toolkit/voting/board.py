"""A vote counted on the board: the dots each item got, or the item preferred in each pair.

The voting board app keeps its vote as plain data (``mode`` ``"dots"`` or ``"pairwise"``,
the ``items``, their ``dots``, the ``pairs`` chosen, and whether to ``break`` ties with
which ``seed``); here it is counted and exported, so a lesson can do the same without
the app.

>>> vote = {"mode": "dots", "items": ["waste", "irrigation"], "dots": {"waste": 5, "irrigation": 3}}
>>> board_result(vote)[0][["rank", "item", "points"]]
   rank        item  points
0     1       waste       5
1     2  irrigation       3
>>> board_csv(vote).decode("utf-8-sig").splitlines()[1].split(",")[2:4]  # the item and its points
['waste', '5']
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Mapping

import pandas as pd

from toolkit.i18n import translator
from toolkit.tables import inert
from toolkit.voting.rules import copeland_tally, item_label, pairwise_from_choices, tally_totals
from toolkit.voting.tiebreak import break_ties

__all__ = ["board_csv", "board_matrix", "board_result", "board_xlsx", "pair_key"]

_ = translator("voting")


def pair_key(a: str, b: str) -> str:
    """How the board stores the choice between ``a`` and ``b``.

    >>> pair_key("waste", "irrigation")
    'waste|irrigation'
    """
    return f"{a}|{b}"


def _choice(vote: Mapping, a: str, b: str) -> str:
    return (vote.get("pairs") or {}).get(pair_key(a, b), "")


def board_matrix(vote: Mapping) -> pd.DataFrame:
    """The pairwise matrix of the choices made on the board (a pair not chosen is a tie)."""
    items = list(vote["items"])
    choices = []
    for a, b in itertools.combinations(items, 2):
        choice = _choice(vote, a, b)
        choices.append((a, b, choice if choice in (a, b) else None))
    return pairwise_from_choices(choices, items=items)


def board_result(vote: Mapping) -> tuple[pd.DataFrame, list[str]]:
    """The ranked result of the board, and the tie-break's steps (if ties are to be broken).

    >>> board_result({"items": ["a", "b"], "dots": {"a": 3, "b": 3}, "mode": "dots"})[0]["tied"].tolist()
    [True, True]
    """
    matrix = None
    if vote.get("mode") == "pairwise":
        matrix = board_matrix(vote)
        result = copeland_tally(matrix)
    else:
        dots = vote.get("dots") or {}
        result = tally_totals({i: dots.get(i, 0) for i in vote["items"]}, method="dots")
    steps: list[str] = []
    if vote.get("break") and result["tied"].any():
        result, steps = break_ties(result, matrix, seed=vote.get("seed"))
    return result, steps


def _result_table(result: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _("Rank"): result["rank"],
            _("Item"): [item_label(i) for i in result["item"]],
            "item_id": result["item"],
            _("Points"): result["points"],
            _("Tie"): [_("yes") if t else "" for t in result["tied"]],
        }
    )


def board_csv(vote: Mapping) -> bytes:
    """The result as one CSV table (UTF-8 with a BOM, so Excel reads Kyrgyz letters)."""
    result, _steps = board_result(vote)
    return inert(_result_table(result)).to_csv(index=False).encode("utf-8-sig")


def board_xlsx(vote: Mapping) -> bytes:
    """The result, the votes and the tie-break's steps (if any) as an Excel workbook."""
    result, steps = board_result(vote)
    items = list(vote["items"])
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        inert(_result_table(result)).to_excel(writer, sheet_name=_("Result")[:31], index=False)
        if vote.get("mode") == "pairwise":
            votes = pd.DataFrame(
                [
                    (item_label(a), item_label(b), item_label(_choice(vote, a, b)) or "=")
                    for a, b in itertools.combinations(items, 2)
                ],
                columns=[_("Item A"), _("Item B"), _("Preferred")],
            )
        else:
            dots = vote.get("dots") or {}
            votes = pd.DataFrame(
                {
                    _("Item"): [item_label(i) for i in items],
                    _("Dots"): [dots.get(i, 0) for i in items],
                }
            )
        inert(votes).to_excel(writer, sheet_name=_("Votes")[:31], index=False)
        if steps:
            inert(pd.DataFrame({_("Tie-break"): steps})).to_excel(
                writer, sheet_name=_("Tie-break")[:31], index=False
            )
    return buffer.getvalue()
