"""Public hearings: who came, who spoke, and what the municipality took from them.

Birinchi May held two public hearings (source 002): one on its socio-economic
development programme (SEDP) and one on the local budget.  Who came:

>>> from toolkit.cases import load_case
>>> case = load_case("birinchi-may")
>>> people = participation(case)
>>> people[["hearing_id", "total", "women", "men", "initiative_groups"]].to_string(index=False)
'hearing_id  total  women  men  initiative_groups\\n      sedp     83     31   52                NaN\\n    budget    135     57   78               25.0'
>>> [round(s, 3) for s in people["women_share"]]
[0.373, 0.422]

What was proposed, and what was taken into the SEDP and into the budget:

>>> taken = proposals(case)
>>> taken[["hearing_id", "received", "accepted"]].values.tolist()
[['sedp', 23, 8], ['budget', 11, 7]]
>>> round(acceptance_rate(11, 7), 3)
0.636

The way from the hall to the budget, step by step:

>>> hearing_funnel(case, "budget")["count"].tolist()
[135, 11, 7]

And planning the next one: how many more women would have to come for half
the hall to be women, if as many men come again?

>>> women_needed(women=57, men=78)
21

Every function checks its input and says in the user's language what is
wrong: a share of nothing, more proposals accepted than received, a hearing
the case does not have.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from toolkit.errors import ToolkitError
from toolkit.i18n import LANGUAGES, N_, catalog, format_number, get_language, translator
from toolkit.tables import Table

__all__ = [
    "INVITE",
    "acceptance_rate",
    "funnel",
    "hearing_funnel",
    "missing_invitations",
    "participation",
    "proposals",
    "share",
    "women_needed",
]

_ = translator("hearings")

#: The people seed 001 recommends inviting more of (its recommendation to partners is
#: about training; the lesson applies it to hearings): id -> label.
INVITE = {
    "women": N_("women"),
    "youth": N_("active young people"),
    "disability": N_("people with disabilities"),
    "deputies": N_("deputies of the local council"),
    "business": N_("small and medium business"),
}

#: The steps of a hearing's funnel: measure in the tables -> label.
_STEPS = {
    "participants": N_("Took part in the hearing"),
    "received": N_("Proposals received"),
    "received-sedp": N_("Proposals and questions received"),
    "accepted-sedp": N_("Taken into the SEDP"),
    "accepted-budget": N_("Taken into the budget"),
    "accepted": N_("Accepted"),
}


#: The headers of the tables this module makes, in every language (see toolkit.tables).
_HEADERS = {
    "hearing": N_("Hearing"),
    "total": N_("In all"),
    "women": N_("Women"),
    "men": N_("Men"),
    "initiative_groups": N_("From initiative groups"),
    "women_share": N_("Share of women"),
    "initiative_groups_share": N_("Share from initiative groups"),
    "received": N_("Received"),
    "from_initiative_groups": N_("Questions from initiative groups"),
    "accepted": N_("Accepted"),
    "acceptance_rate": N_("Share accepted"),
    "of_previous": N_("Of the step before"),
    "of_first": N_("Of the first step"),
}


def _headed(rows: list[dict]) -> Table:
    """A :class:`Table` of ``rows`` whose headers read in the user's language."""
    table = Table(rows)
    table.attrs["headers"] = {
        column: {lang: catalog("hearings", lang).get(label, label) for lang in LANGUAGES}
        for column, label in _HEADERS.items()
        if column in table.columns
    }
    return table


def _number(value, what: str) -> Any:
    """``value`` as a number that is not negative, or a clear error about ``what``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(value):
        raise ToolkitError(
            _("«{what}» should be a number, not «{value}».").format(what=what, value=value)
        )
    if value < 0:
        raise ToolkitError(
            _("«{what}» cannot be negative: {value}.").format(
                what=what, value=format_number(float(value))
            )
        )
    return value


def share(part: float, whole: float, what: str = "") -> float:
    """``part`` as a share of ``whole`` (0 to 1): women among the participants, say.

    >>> round(share(31, 83), 4)
    0.3735
    >>> share(90, 83, "women")
    Traceback (most recent call last):
    ...
    toolkit.errors.ToolkitError: «women»: 90 бардыгынан (83) көп.
    """
    label = what or _("the part")
    part = _number(part, label)
    whole = _number(whole, _("the whole"))
    if whole == 0:
        raise ToolkitError(_("«{what}»: a share of nothing (the whole is 0).").format(what=label))
    if part > whole:
        raise ToolkitError(
            _("«{what}»: {part} is more than the whole, {whole}.").format(
                what=label, part=format_number(part), whole=format_number(whole)
            )
        )
    return part / whole


def acceptance_rate(received: int, accepted: int) -> float:
    """The share of the proposals received that were accepted (into the SEDP, the budget …).

    >>> round(acceptance_rate(23, 8), 3)
    0.348
    >>> acceptance_rate(7, 11)
    Traceback (most recent call last):
    ...
    toolkit.errors.ToolkitError: Кабыл алынган сунуштар (11) түшкөндөрдөн (7) көп: эки сандын ирети туурабы, текшериңиз.
    """
    received = _number(received, _("proposals received"))
    accepted = _number(accepted, _("proposals accepted"))
    if accepted > received:
        raise ToolkitError(
            _(
                "More proposals accepted ({accepted}) than received ({received}): "
                "check the order of the two numbers."
            ).format(accepted=format_number(accepted), received=format_number(received))
        )
    if received == 0:
        raise ToolkitError(_("No proposals were received: there is no rate to compute."))
    return accepted / received


def _hearings(case) -> pd.DataFrame:
    table = case["hearings"]
    name = f"name_{get_language()}"
    return table.assign(hearing=table[name if name in table else "name_ky"])


def _counts(case, table: str, key: str, value: str) -> pd.DataFrame:
    rows = case[table]
    wide = rows.pivot_table(index="hearing_id", columns=key, values=value, aggfunc="sum")
    order = [h for h in _hearings(case)["hearing_id"] if h in wide.index]
    return wide.reindex(order)


def participation(case) -> Table:
    """Who came to each hearing of ``case``: in all, women, men, people from initiative
    groups, and the shares of women and of initiative groups (empty where the source
    does not say).  Checks that women and men add up to the total.
    """
    wide = _counts(case, "hearing_participation", "group", "people")
    names = _hearings(case).set_index("hearing_id")["hearing"]
    rows = []
    for hearing_id, row in wide.iterrows():
        total, women, men = (row.get(g, math.nan) for g in ("total", "women", "men"))
        groups = row.get("initiative-groups", math.nan)
        if not (pd.isna(women) or pd.isna(men) or pd.isna(total)) and women + men != total:
            raise ToolkitError(
                _("Hearing «{hearing}»: {women} women and {men} men are not {total}.").format(
                    hearing=names.get(hearing_id, hearing_id),
                    women=format_number(women),
                    men=format_number(men),
                    total=format_number(total),
                ),
                file="hearing_participation",
            )
        rows.append(
            {
                "hearing_id": hearing_id,
                "hearing": names.get(hearing_id, hearing_id),
                "total": int(total),
                "women": int(women),
                "men": int(men),
                "initiative_groups": groups,
                "women_share": share(women, total, _("women")),
                "initiative_groups_share": (
                    math.nan if pd.isna(groups) else share(groups, total, _("initiative groups"))
                ),
            }
        )
    return _headed(rows)


def proposals(case) -> Table:
    """What each hearing of ``case`` received and accepted, and the acceptance rate."""
    wide = _counts(case, "hearing_proposals", "measure", "count")
    names = _hearings(case).set_index("hearing_id")["hearing"]
    rows = []
    for hearing_id, row in wide.iterrows():
        received, accepted = int(row["received"]), int(row["accepted"])
        groups = row.get("from-initiative-groups", math.nan)
        rows.append(
            {
                "hearing_id": hearing_id,
                "hearing": names.get(hearing_id, hearing_id),
                "received": received,
                "from_initiative_groups": groups,
                "accepted": accepted,
                "acceptance_rate": acceptance_rate(received, accepted),
            }
        )
    return _headed(rows)


def funnel(steps: Mapping[str, int] | Iterable[tuple[str, int]]) -> Table:
    """A funnel from its steps in order, ``{label: count}``: each step's count, and its
    size as a share of the step before and of the first step.

    >>> f = funnel({"Came": 135, "Proposed": 11, "In the budget": 7})
    >>> f["count"].tolist(), [round(s, 3) for s in f["of_first"]]
    ([135, 11, 7], [1.0, 0.081, 0.052])
    >>> funnel({"Келди": 0})
    Traceback (most recent call last):
    ...
    toolkit.errors.ToolkitError: Воронканын биринчи кадамында («Келди») эч ким жок: угууга келгендерден баштаңыз.
    """
    pairs = list(steps.items() if isinstance(steps, Mapping) else steps)
    if not pairs:
        raise ToolkitError(_("The funnel has no steps: give at least one step with its count."))
    counts = [_number(count, str(label)) for label, count in pairs]
    if counts[0] == 0:
        raise ToolkitError(
            _(
                "The first step of the funnel («{step}») has nobody: start from the people who came."
            ).format(step=pairs[0][0])
        )
    rows = []
    for i, ((label, _count), count) in enumerate(zip(pairs, counts, strict=True)):
        before = counts[i - 1] if i else count
        rows.append(
            {
                "step": str(label),
                "count": int(count) if float(count).is_integer() else count,
                "of_previous": count / before if before else math.nan,
                "of_first": count / counts[0],
            }
        )
    return _headed(rows)


def hearing_funnel(case, hearing_id: str) -> Table:
    """The funnel of one hearing: who took part → proposals received → accepted."""
    known = list(_hearings(case)["hearing_id"])
    if hearing_id not in known:
        raise ToolkitError(
            _("There is no hearing «{hearing}» in this case. Its hearings: {known}.").format(
                hearing=hearing_id, known=", ".join(known)
            )
        )
    people = participation(case).set_index("hearing_id").loc[hearing_id]
    taken = proposals(case).set_index("hearing_id").loc[hearing_id]
    document = _hearings(case).set_index("hearing_id").loc[hearing_id].get("document", "")
    accepted = {"sedp": "accepted-sedp", "budget": "accepted-budget"}.get(document, "accepted")
    # the source counts the SEDP hearing's proposals and questions together
    received = "received-sedp" if document == "sedp" else "received"
    steps = funnel(
        [
            (_(_STEPS["participants"]), int(people["total"])),
            (_(_STEPS[received]), int(taken["received"])),
            (_(_STEPS[accepted]), int(taken["accepted"])),
        ]
    )
    steps.attrs["hearing"] = people["hearing"]  # a chart names the hearing in its title
    return steps


def women_needed(women: int, men: int, target: float = 0.5) -> int:
    """How many more women would have to come for women to be at least ``target`` of the
    hall, if the same number of men come (0 if they already are).

    >>> women_needed(31, 52), women_needed(31, 52, target=0.4), women_needed(60, 40)
    (21, 4, 0)
    >>> women_needed(31, 52, target=50)
    Traceback (most recent call last):
    ...
    toolkit.errors.ToolkitError: Максаттуу үлүш 0 менен 1дин ортосунда болушу керек (мисалы, жарымы үчүн 0,5), 50 эмес.
    """
    women = _number(women, _("women"))
    men = _number(men, _("men"))
    if isinstance(target, bool) or not isinstance(target, numbers.Real) or not 0 < target < 1:
        raise ToolkitError(
            _(
                "The target share should be between 0 and 1 (e.g. 0.5 for half), not {target}."
            ).format(target=target)
        )
    # women + x >= target * (women + x + men)  <=>  x >= target * men / (1 - target) - women
    needed = math.ceil(round(target * men / (1 - target), 9)) - women
    return max(0, int(needed))


def missing_invitations(invited: Iterable[str]) -> list[str]:
    """Which of the five groups seed 001 recommends inviting (see :data:`INVITE`) an
    invitation list leaves out, by their labels.

    >>> missing_invitations(["women", "deputies"])
    ['жигердүү жаштар', 'майыптыгы бар адамдар', 'чакан жана орто бизнес']
    >>> missing_invitations(["pensioners"])
    Traceback (most recent call last):
    ...
    toolkit.errors.ToolkitError: «pensioners» деген топ жок. Топтор: women, youth, disability, deputies, business.
    """
    if isinstance(invited, str):
        invited = [invited]
    invited = list(invited)
    for group in invited:
        if group not in INVITE:
            raise ToolkitError(
                _("Unknown group «{group}». The groups: {groups}.").format(
                    group=group, groups=", ".join(INVITE)
                )
            )
    return [_(label) for key, label in INVITE.items() if key not in invited]
