"""Priority voting: dots, approval, Borda, the pairwise matrix and weighted
criteria, with ties shown as ties.

In the workshops, problems are first screened by criteria and then ranked by
votes. In Chet-Nura the focus group ranked the services by the number of votes
(clean water, waste, irrigation); in Batken each municipality chose the
direction with the most votes. This module counts such votes.

>>> from toolkit.voting import make_ballots, dot_tally, break_ties
>>> ballots = make_ballots(
...     {"Aida": {"drinking-water": 2, "waste": 1},
...      "Bakyt": {"waste": 2, "irrigation": 1},
...      "Cholpon": {"drinking-water": 1, "irrigation": 2}},
...     items=["drinking-water", "waste", "irrigation"], dots=3, cap=2)
>>> dot_tally(ballots)
   rank            item  points  supporters  tied
0     1  drinking-water       3           2  True
1     1           waste       3           2  True
2     1      irrigation       3           2  True

Nobody won: it is a three-way tie, and the table says so. Break it only if
the group agrees to, with the documented steps (see :func:`break_ties`).

The parts: :mod:`toolkit.voting.ballots` (checking ballots),
:mod:`toolkit.voting.rules` (counting), :mod:`toolkit.voting.tiebreak` and
:mod:`toolkit.voting.board` (a vote counted on the board, and its export).
"""

from __future__ import annotations

from toolkit.errors import ToolkitError
from toolkit.i18n import translator
from toolkit.voting.ballots import KINDS, Ballots, ballots_from_table, make_ballots, suggested_dots
from toolkit.voting.board import board_csv, board_matrix, board_result, board_xlsx, pair_key
from toolkit.voting.rules import (
    ITEM_LABELS,
    METHOD_LABELS,
    METHODS,
    approval_tally,
    borda_tally,
    by_group,
    compare_methods,
    copeland_tally,
    dot_tally,
    explain,
    item_label,
    method_label,
    pairwise_from_choices,
    pairwise_matrix,
    plurality_tally,
    ranked,
    tally,
    tally_totals,
    weighted_scores,
    winners,
)
from toolkit.voting.tiebreak import STEP_LABELS, STEPS, break_ties

__all__ = [
    "board_csv",
    "board_matrix",
    "board_result",
    "board_xlsx",
    "pair_key",
    "ITEM_LABELS",
    "KINDS",
    "METHODS",
    "METHOD_LABELS",
    "STEPS",
    "STEP_LABELS",
    "Ballots",
    "approval_tally",
    "ballots_from_table",
    "borda_tally",
    "break_ties",
    "by_group",
    "compare_methods",
    "copeland_tally",
    "dot_tally",
    "explain",
    "item_label",
    "load_ballots",
    "make_ballots",
    "method_label",
    "pairwise_from_choices",
    "pairwise_matrix",
    "plurality_tally",
    "ranked",
    "suggested_dots",
    "tally",
    "tally_totals",
    "weighted_scores",
    "winners",
]

_ = translator("voting")


def load_ballots(vote_id: str, kind: str = "dots"):
    """The illustrative ballots of one vote of the case data (``datasets/data/ballots.csv``).

    ``vote_id`` is ``"chet-nura"`` or, for the Batken training, the municipality id of
    the table ``training_municipalities`` (e.g. ``"sumbula"``); ``kind`` is
    ``"dots"`` or ``"rank"`` (each illustrative ballot carries both).

    >>> b = load_ballots("chet-nura")
    >>> dot_tally(b)["item"].tolist()
    ['drinking-water', 'waste', 'irrigation']
    """
    import pandas as pd

    from toolkit.cases import data_dir

    path = data_dir() / "data" / "ballots.csv"
    table = pd.read_csv(path, dtype={"ballot_id": str, "voter_id": str}, keep_default_na=False)
    votes = list(dict.fromkeys(table["vote_id"]))
    if vote_id not in votes:
        raise ToolkitError(
            _("There is no vote «{vote}»; the votes are: {votes}.").format(
                vote=vote_id, votes=", ".join(votes)
            ),
            file=path.name,
        )
    rows = table[table["vote_id"] == vote_id]
    items = list(dict.fromkeys(rows["item"]))
    meta = rows.iloc[0]
    dots = int(meta["dots_per_voter"]) if str(meta["dots_per_voter"]).strip() else None
    cap = int(meta["cap_per_item"]) if str(meta["cap_per_item"]).strip() else None
    value = "dots" if kind == "dots" else "rank"
    return ballots_from_table(
        rows,
        kind=kind,
        items=items,
        dots=dots if kind == "dots" else None,
        cap=cap if kind == "dots" else None,
        value=value,
        groups=["gender", "village", "role"],
        file=path.name,
    )
