"""The results of a vote in the room, counted by :mod:`toolkit.voting`.

>>> from toolkit.room.state import Vote
>>> v = Vote(1, "dots", [{"id": "w", "label": "Water"}, {"id": "b", "label": "Bins"}], budget=2)
>>> v.ballots = {"p1": {"w": 2}, "p2": {"b": 2}, "p3": {"w": 1, "b": 1}}
>>> r = results(v, {})
>>> r["tables"][0]["rows"][0]["points"], r["tables"][0]["rows"][0]["tied"]
(3, True)
>>> r["tiebreak"][0]  # ties are shown, then broken by the lesson's steps
'3 упай менен тең: «Water», «Bins».'
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from toolkit.room.state import Vote
from toolkit.voting import (
    approval_tally as _approval,
)
from toolkit.voting import (
    borda_tally,
    break_ties,
    by_group,
    copeland_tally,
    make_ballots,
    weighted_scores,
)
from toolkit.voting import (
    dot_tally as _dots,
)

__all__ = ["GROUPS", "ballots_of", "results", "scores_table"]

#: How results can be split: the participant's group, gender and village (where given).
GROUPS = ("group", "gender", "village")


def ballots_of(vote: Vote, participants: Mapping[str, Mapping]):
    """The vote's ballots as :class:`toolkit.voting.Ballots` (not for scores), with
    each participant's group, gender and village."""
    kind = {"dots": "dots", "approval": "approval", "rank": "rank"}[vote.method]
    votes = {actor[:8]: ballot for actor, ballot in vote.ballots.items()}
    groups = {
        actor[:8]: {g: (participants.get(actor, {}).get(g) or "—") for g in GROUPS}
        for actor in vote.ballots
    }
    return make_ballots(
        votes,
        kind=kind,
        items=vote.item_ids,
        dots=vote.budget if kind == "dots" else None,
        groups=groups or None,
    )


def scores_table(vote: Vote) -> pd.DataFrame:
    """One row per participant and item, one column per criterion (for weighted scoring)."""
    rows = []
    for actor, ballot in vote.ballots.items():
        for item in vote.item_ids:
            rows.append(
                {
                    "voter_id": actor[:8],
                    "item": item,
                    **{c["id"]: ballot[c["id"]][item] for c in vote.criteria},
                }
            )
    return pd.DataFrame(rows, columns=["voter_id", "item", *[c["id"] for c in vote.criteria]])


def _rows(table: pd.DataFrame, vote: Vote) -> list[dict]:
    out = []
    for row in table.to_dict("records"):
        points = row["points"]
        out.append(
            {
                "rank": int(row["rank"]),
                "item": row["item"],
                "label": vote.label(row["item"]),
                "points": int(points) if float(points).is_integer() else round(float(points), 2),
                "tied": bool(row.get("tied", False)),
                "decided_by": row.get("decided_by", ""),
            }
        )
    return out


def results(vote: Vote, participants: Mapping[str, Mapping]) -> dict:
    """The vote's results: ``{"n": ballots, "tables": [{"method", "rows"}], "tiebreak":
    [sentences], "broken": rows, "groups": {group: [{"value", "rows"}]}}``."""
    out: dict = {"n": len(vote.ballots), "tables": [], "tiebreak": [], "broken": [], "groups": {}}
    if not vote.ballots:
        return out
    if vote.method == "scores":
        weights = {c["id"]: c["weight"] for c in vote.criteria}
        main = weighted_scores(scores_table(vote), weights)
        out["tables"].append({"method": "weighted", "rows": _rows(main, vote)})
        ballots = None
    else:
        ballots = ballots_of(vote, participants)
        if vote.method == "dots":
            main = _dots(ballots)
            methods = [("dots", _dots)]
        elif vote.method == "approval":
            main = _approval(ballots)
            methods = [("approval", _approval)]
        else:
            main = borda_tally(ballots)
            methods = [("borda", borda_tally), ("copeland", copeland_tally)]
        for name, rule in methods:
            out["tables"].append({"method": name, "rows": _rows(rule(ballots), vote)})
        group_method = methods[0][0]
        for group in GROUPS:
            values = ballots.voters[group].astype(str)
            if (values == "—").all() or values.nunique() < 2:
                continue
            split = by_group(ballots, group, group_method)
            parts = []
            for value in dict.fromkeys(split[group]):
                part = split[split[group] == value]
                parts.append({"value": value, "rows": _rows(part, vote)})
            out["groups"][group] = parts
    if main["tied"].any():
        broken, sentences = break_ties(
            main, ballots, steps=("head_to_head", "breadth", "lot"), seed=vote.vote_id
        )
        out["tiebreak"] = [_relabel(s, vote) for s in sentences]
        out["broken"] = _rows(broken, vote)
    return out


def _relabel(sentence: str, vote: Vote) -> str:
    for item in vote.items:
        sentence = sentence.replace("«" + item["id"] + "»", "«" + item["label"] + "»")
    return sentence
