"""The workshop's own pages: the start page, "please wait", the messages, a failed page's end.

Each page is a Jinja template (autoescaped) in the template folder the workshop already
installs for Voila (``share/voila/templates/algca/algca_*.html``), filled with the texts
of :func:`ui_texts` in the visitor's language.

>>> "Бир аз күтө туруңуз" in wait_page("ky")
True
"""

from __future__ import annotations

import functools
from pathlib import Path

from toolkit.i18n import LANGUAGE_NAMES, LANGUAGES, N_, translator
from toolkit.workshop.catalog import APP_TITLES, app_title, text

__all__ = [
    "SHARE_DIR",
    "TEMPLATE_DIR",
    "broken_page_end",
    "error_page",
    "forbidden_page",
    "landing_page",
    "render",
    "today_block",
    "ui_texts",
    "wait_page",
]

_ = translator("workshop")  # the pages' texts are in the workshop catalog (ui_texts)

#: The folder added to Jupyter's path: Voila finds the ``algca`` template there.
SHARE_DIR = Path(__file__).resolve().parent / "share"
#: The ``algca`` template folder: Voila's page and these pages.
TEMPLATE_DIR = SHARE_DIR / "voila" / "templates" / "algca"

_UI = {
    "loading": N_("Opening the app…"),
    "step": N_("Preparing: step {i} of {n}"),
    "cell_error": N_("This part of the app could not be shown. Please tell the trainer."),
    "error_title": N_("This page cannot be opened"),
    "error_body": N_(
        "Something went wrong on the trainer's computer. Go back to the start page and try again."
    ),
    "back_home": N_("Back to the start page"),
    "wait_title": N_("Please wait a moment"),
    "wait_body": N_(
        "Many participants are opening apps right now. This page will open by itself in a few seconds."
    ),
    "landing_title": N_("Seminar: local services"),
    "landing_intro": N_(
        "Open a lesson to work in it yourself, or an app to try the methods of the course."
    ),
    "apps": N_("Apps"),
    "room": N_("The room"),
    "room_link": N_("Join the room from your phone: the problem wall and the vote"),
    "lessons": N_("Lessons"),
    "today": N_("Today"),
    "no_lessons": N_("There are no lessons yet."),
    "language": N_("Language"),
    "lab_off": N_("Lessons are not served in this session."),
    "stopped_title": N_("This app has stopped"),
    "stopped_body": N_(
        "Its program on the trainer's computer has ended. Open the app again: what you typed is kept."
    ),
    "reopen": N_("Open the app again"),
    "forbidden_title": N_("This page is not for participants"),
    "forbidden_body": N_(
        "It opens only on the trainer's computer. Your own lessons and the apps are on the start page."
    ),
}


def ui_texts(lang: str) -> dict[str, str]:
    """Every text of the workshop pages in ``lang``.

    >>> ui_texts("ru")["wait_title"]
    'Подождите немного'
    """
    return {key: text(message, lang) for key, message in _UI.items()}


@functools.cache
def _environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def render(template: str, **context) -> str:
    """The page ``template`` (a file of :data:`TEMPLATE_DIR`) filled with ``context``.

    >>> render("algca_message.html", lang="en", title="<b>", kind="error", t=ui_texts("en"))[:15]
    '<!DOCTYPE html>'
    """
    return _environment().get_template(template).render(**context)


def landing_page(lang: str, apps: list[str], lesson_list, lab: bool) -> str:
    """The start page of the workshop in ``lang``."""
    t = ui_texts(lang)
    order = list(APP_TITLES)  # the course's order: welcome first, then the methods as taught
    apps = sorted(apps, key=lambda a: (order.index(a) if a in order else len(order), a))
    return render(
        "algca_landing.html",
        lang=lang,
        title=t["landing_title"],
        t=t,
        languages=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        apps=[(name, app_title(name, lang)) for name in apps],
        lessons=list(lesson_list or []),
        lab=lab,
        today=today_block(lang, apps, {name: edition for edition, name, _t in lesson_list or []}),
    )


def today_block(lang: str, apps=(), lessons_by_name=None, now=None) -> str:
    """Today's part of the agenda (:func:`toolkit.agenda.today`) for the start page, with links
    to the lesson and apps of each session; the session under way stands out.  An agenda file
    with a mistake gives its message instead of the list.

    >>> import datetime as dt
    >>> block = today_block("en", ["tariff"], {}, dt.datetime(2026, 12, 2, 9, 5))
    >>> 'class="session now"' in block and "Opening. State policy on services" in block
    True
    """
    import datetime as dt

    from toolkit import agenda
    from toolkit.errors import ToolkitError

    t = ui_texts(lang)
    try:
        view = agenda.today(agenda.load(), lang, now or dt.datetime.now())
    except ToolkitError as exc:
        return render("algca_today.html", t=t, error=str(exc))
    lessons_by_name = lessons_by_name or {}
    slots = [
        {
            **slot,
            "lesson_edition": lessons_by_name.get(slot["lesson"]) if slot["lesson"] else None,
            "app_links": [(name, app_title(name, lang)) for name in slot["apps"] if name in apps],
        }
        for slot in view["slots"]
    ]
    return render(
        "algca_today.html",
        t=t,
        error=None,
        lang=lang,
        heading=view["heading"],
        slots=slots,
        lesson_word=agenda.say("lesson", lang),
    )


def forbidden_page(lang: str) -> str:
    """The page a participant gets for a trainer-only address (or another participant's).

    >>> "Бул бет катышуучулар үчүн эмес" in forbidden_page("ky")
    True
    """
    return _message_page(lang, "forbidden")


def error_page(lang: str) -> str:
    """The page a participant gets when something on the trainer's laptop failed (a lesson
    server that would not start), instead of the web server's bare English error.

    >>> "Бул баракты ачууга болбойт" in error_page("ky")
    True
    """
    return _message_page(lang, "error")


def _message_page(lang: str, kind: str) -> str:
    t = ui_texts(lang)
    return render("algca_message.html", lang=lang, title=t[kind + "_title"], kind=kind, t=t)


def wait_page(lang: str, seconds: int = 5) -> str:
    """The calm page shown when the laptop has as many app kernels as it can hold."""
    t = ui_texts(lang)
    return render("algca_wait.html", lang=lang, title=t["wait_title"], seconds=int(seconds), t=t)


def broken_page_end(texts: dict[str, str], retried: bool) -> str:
    """The end of an app page whose rendering failed on the server (e.g. its kernel died).

    Voila would keep such a page open for ever, sending heartbeats (voila
    issue #1428).  Instead the page ends here: the first time with the calm
    "please wait" text and a reload a few seconds later, which gets a new
    kernel; if it fails again, with the error text and a link back home.

    >>> end = broken_page_end(ui_texts("ky"), retried=False)
    >>> "Бир аз күтө туруңуз" in end and "algca_retry=1" in end and end.rstrip().endswith("</html>")
    True
    >>> "algca_retry" in broken_page_end(ui_texts("en"), retried=True)
    False
    """
    return render("algca_render_failed.html", t=texts, retried=retried)
