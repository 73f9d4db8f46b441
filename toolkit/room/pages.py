"""The room's pages: their texts (the ``room`` catalog) and their Jinja templates.

Every page is rendered on the server with autoescaping on, so a participant's
text is only ever text:

>>> page = render("message.html", "en", title="<script>alert(1)</script>", body="", back="/room/")
>>> "<script>alert" in page, "&lt;script&gt;alert(1)&lt;/script&gt;" in page
(False, True)
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from toolkit.i18n import LANGUAGE_NAMES, LANGUAGES, N_, catalog, translator

__all__ = ["STATIC_DIR", "TEMPLATES_DIR", "TEXTS", "qr_svg", "render", "texts"]

_ = translator("room")  # the catalog of the texts below

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"

TEXTS = {
    "room": N_("The room"),
    "room_intro": N_(
        "Post problem cards to the room's wall, comment on others' cards and vote, from your phone."
    ),
    "join_title": N_("Join the room"),
    "join_intro": N_(
        "No account is needed. Your name is optional; your group is needed so that the cards "
        "can be sorted. Gender and village are optional: they only let the results be split."
    ),
    "name": N_("Your name (optional)"),
    "group": N_("Your group"),
    "gender": N_("Gender (optional)"),
    "woman": N_("Woman"),
    "man": N_("Man"),
    "not_said": N_("Not said"),
    "village": N_("Village"),
    "village_optional": N_("Village (optional)"),
    "join": N_("Join"),
    "change_details": N_("Change my details"),
    "you_are": N_("You are in group {group}."),
    "wall": N_("The wall"),
    "post_card": N_("Post a problem card"),
    "service": N_("Service"),
    "problem": N_("The problem"),
    "who": N_("Who is affected (optional)"),
    "post": N_("Post the card"),
    "no_cards": N_("No cards yet."),
    "withdraw": N_("Withdraw"),
    "mine": N_("yours"),
    "remark": N_("Remark"),
    "remark_text": N_("Your remark (optional)"),
    "add_remark": N_("Add the remark"),
    "agree": N_("Agree"),
    "question": N_("Question"),
    "addition": N_("Addition"),
    "vote": N_("Vote"),
    "vote_open": N_("A vote is open: cast your ballot."),
    "no_vote": N_("No vote is open now."),
    "vote_closed": N_("The vote is closed. The trainer will show the results."),
    "my_ballot": N_("My ballot"),
    "no_ballot": N_("You have not voted yet."),
    "send_ballot": N_("Send my ballot"),
    "ballot_saved": N_("Your ballot is saved. You can change it until the vote closes."),
    "dots_help": N_("You have {budget} dots. Put them on the problems that matter most."),
    "dots_help_any": N_("Put your dots on the problems that matter most."),
    "dots_no_stacking": N_("At most one dot on each problem."),
    "dots_left": N_("Dots left:"),
    "approval_help": N_("Tick every problem you can accept as a priority."),
    "rank_help": N_("Tap the problems in order: the most important first. Tap again to remove."),
    "rank_place": N_("Place"),
    "clear": N_("Start again"),
    "scores_help": N_("Give each problem a score from 0 to {most} on each criterion."),
    "ballots_received": N_("Ballots received"),
    "participants": N_("Participants in the room"),
    "results": N_("Results"),
    "results_hidden": N_("The results stay hidden until the trainer reveals them."),
    "rank": N_("Rank"),
    "item": N_("Problem"),
    "points": N_("Points"),
    "tied": N_("tie"),
    "tiebreak": N_("Breaking the tie (the lesson's steps)"),
    "after_tiebreak": N_("Order after breaking the tie"),
    "split_by": N_("Split by {group}"),
    "everyone": N_("Everyone"),
    "method_dots": N_("Dots"),
    "method_approval": N_("Approval"),
    "method_rank": N_("Ranking"),
    "method_borda": N_("Borda count"),
    "method_copeland": N_("Pairwise (Copeland)"),
    "method_scores": N_("Scores per criterion"),
    "method_weighted": N_("Weighted scores"),
    "scan": N_("Scan the code with your phone's camera, or type the address:"),
    "same_wifi": N_("Your phone must be on the same Wi-Fi as the trainer's laptop."),
    "by_service": N_("By service"),
    "by_village": N_("By village"),
    "projector": N_("Projector"),
    "trainer": N_("Trainer"),
    "trainer_title": N_("The room: trainer's page"),
    "trainer_only": N_("This page is for the trainer only."),
    "trainer_key_help": N_(
        "To work from another device (a phone or a second laptop), open this code there:"
    ),
    "moderation": N_("Moderation"),
    "hide": N_("Hide"),
    "reason": N_("Reason"),
    "hidden": N_("Hidden: {reason}"),
    "merge_into": N_("Merge into card number"),
    "merge": N_("Merge"),
    "merged_into": N_("Merged into card {card}"),
    "withdrawn": N_("Withdrawn by its author"),
    "screen": N_("Screening"),
    "competence": N_("Within the competence of local self-government"),
    "sedp": N_("In the socio-economic development programme (SEDP)"),
    "passes": N_("passes"),
    "fails": N_("does not pass"),
    "save": N_("Save"),
    "open_vote": N_("Open a vote"),
    "title": N_("Title"),
    "method": N_("Method"),
    "items_from_wall": N_("The problems on the wall (those that passed the screening)"),
    "items_typed": N_("Or type the items, one per line"),
    "budget": N_("Dots per participant"),
    "stacking": N_("Several dots may go on one item"),
    "criteria": N_("Criteria, one per line: name; weight"),
    "max_score": N_("Highest score"),
    "close_vote": N_("Close the vote"),
    "reveal": N_("Reveal the results"),
    "reset_vote": N_("Clear the ballots and open again"),
    "history": N_("What the trainer did (can be undone)"),
    "undo": N_("Undo"),
    "export": N_("Export"),
    "confirm_title": N_("Please confirm"),
    "confirm_body": N_("Do you really want to do this? It can be undone later."),
    "yes": N_("Yes, do it"),
    "cancel": N_("Cancel"),
    "error_title": N_("This was not saved"),
    "back": N_("Back"),
    "damaged_title": N_("The room's record is damaged"),
    "fresh": N_("Start a fresh room"),
    "language": N_("Language"),
    "open_room": N_("Open the room"),
    "open_projector": N_("Projector screen"),
    "kind_card.hide": N_("Card hidden"),
    "kind_card.merge": N_("Cards merged"),
    "kind_card.screen": N_("Card screened"),
    "kind_vote.open": N_("Vote opened"),
    "kind_vote.close": N_("Vote closed"),
    "kind_vote.reveal": N_("Results revealed"),
    "kind_vote.reset": N_("Ballots cleared"),
    "kind_undo": N_("Undone"),
    "too_long": N_("At most {n} characters."),
    "offline": N_("Connection lost: reconnecting…"),
}


def texts(lang: str) -> dict[str, str]:
    """Every text of the room's pages in ``lang``.

    >>> texts("ru")["join"]
    'Войти'
    """
    own = catalog("room", lang)
    return {key: own.get(message, message) or message for key, message in TEXTS.items()}


@lru_cache(maxsize=1)
def _env():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["languages"] = [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES]
    return env


def render(template: str, lang: str, **values) -> str:
    """One page of the room in ``lang`` (the texts are ``t``)."""
    from toolkit.gallery import service_label

    values.setdefault("service_label", lambda s: service_label(s, lang))
    return _env().get_template(template).render(lang=lang, t=texts(lang), **values)


def qr_svg(data: str, scale: int = 10) -> str:
    """A QR code of ``data`` as an SVG element (drawn by ``segno``, in Python, offline).

    >>> qr_svg("http://10.0.0.5:8866/room/").startswith("<svg")
    True
    """
    import io

    import segno

    out = io.BytesIO()
    segno.make(data, error="m").save(
        out,
        kind="svg",
        scale=scale,
        border=2,
        xmldecl=False,
        svgns=True,
        svgclass="qr",
        omitsize=True,
    )
    return out.getvalue().decode("utf-8")
