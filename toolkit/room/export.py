"""The room's exports: cards, remarks, ballots and results as CSV or XLSX.

Every text cell goes through :func:`toolkit.tables.inert`: a card that starts with
``=`` is exported as the text it is, never as a live formula.

>>> from toolkit.room.state import event, replay
>>> room = replay([event(1, "p1", "card.add", group="G", village="V", service="waste",
...                      text="=1+1")])
>>> data, mime = export(room, "cards", "csv", "en")
>>> "'=1+1" in data.decode("utf-8-sig")
True
"""

from __future__ import annotations

import io

import pandas as pd

from toolkit.errors import ToolkitError
from toolkit.i18n import translator
from toolkit.room.results import results
from toolkit.room.state import Room
from toolkit.tables import inert

__all__ = ["MIME", "TABLES", "export", "table"]

_ = translator("room")

TABLES = ("cards", "remarks", "ballots", "results")
MIME = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _participant(room: Room, actor: str) -> dict:
    who = room.participants.get(actor, {})
    return {
        "participant": actor[:8],
        "name": who.get("name", ""),
        "participant_group": who.get("group", ""),
        "gender": who.get("gender", ""),
        "participant_village": who.get("village", ""),
    }


def table(room: Room, what: str) -> pd.DataFrame:
    """One of the room's tables (``cards``, ``remarks``, ``ballots``, ``results``)."""
    if what == "cards":
        rows = [
            {
                "card_id": c.card_id,
                "group": c.group,
                "village": c.village,
                "service": c.service,
                "text": c.text,
                "who": c.who,
                "on_wall": c.on_wall,
                "withdrawn": c.withdrawn,
                "hidden_reason": c.hidden,
                "merged_into": c.merged_into,
                "competence": (c.screening.get("competence") or {}).get("passed"),
                "competence_reason": (c.screening.get("competence") or {}).get("reason", ""),
                "sedp": (c.screening.get("sedp") or {}).get("passed"),
                "sedp_reason": (c.screening.get("sedp") or {}).get("reason", ""),
            }
            for c in room.cards.values()
        ]
        return pd.DataFrame(rows)
    if what == "remarks":
        return pd.DataFrame(
            [
                {
                    "remark_id": r.remark_id,
                    "card_id": r.card_id,
                    "remark_type": r.remark_type,
                    "text": r.text,
                    "withdrawn": r.withdrawn,
                }
                for r in room.remarks.values()
            ]
        )
    if what == "ballots":
        rows = []
        for vote in room.votes.values():
            for actor, ballot in vote.ballots.items():
                base = {"vote_id": vote.vote_id, "method": vote.method, **_participant(room, actor)}
                if vote.method == "dots":
                    rows += [{**base, "item": vote.label(i), "value": n} for i, n in ballot.items()]
                elif vote.method == "approval":
                    rows += [{**base, "item": vote.label(i), "value": 1} for i in ballot]
                elif vote.method == "rank":
                    rows += [
                        {**base, "item": vote.label(i), "value": n}
                        for n, i in enumerate(ballot, start=1)
                    ]
                else:
                    rows += [
                        {**base, "criterion": c["label"], "item": vote.label(i), "value": v}
                        for c in vote.criteria
                        for i, v in ballot[c["id"]].items()
                    ]
        return pd.DataFrame(rows)
    if what == "results":
        rows = []
        for vote in room.votes.values():
            found = results(vote, room.participants)
            for part in found["tables"]:
                rows += [
                    {
                        "vote_id": vote.vote_id,
                        "status": vote.status,
                        "ballots": found["n"],
                        "method": part["method"],
                        "rank": r["rank"],
                        "item": r["label"],
                        "points": r["points"],
                        "tied": r["tied"],
                    }
                    for r in part["rows"]
                ]
        return pd.DataFrame(rows)
    raise ToolkitError(
        _("Unknown table «{what}»; the tables are: {tables}.").format(
            what=what, tables=", ".join(TABLES)
        )
    )


def export(room: Room, what: str, fmt: str, lang: str = "ky") -> tuple[bytes, str]:
    """``(bytes, content type)`` of one table as ``csv`` (UTF-8 with a BOM, for Excel) or ``xlsx``."""
    data = inert(table(room, what))
    if fmt == "csv":
        return data.to_csv(index=False).encode("utf-8-sig"), MIME["csv"]
    if fmt == "xlsx":
        out = io.BytesIO()
        with pd.ExcelWriter(out, engine="openpyxl") as writer:
            data.to_excel(writer, sheet_name=what[:31], index=False)
        return out.getvalue(), MIME["xlsx"]
    raise ToolkitError(_("Unknown format «{fmt}»: csv or xlsx.").format(fmt=fmt))
