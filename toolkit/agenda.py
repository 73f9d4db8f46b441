"""The workshop's agenda: two days, eleven sessions, read from a file a trainer can edit.

The agenda is ``toolkit/agenda.toml`` (seed 001's two-day, eleven-session workshop, with the
methods in the order of seeds 003 and 004).  A trainer edits a copy of it (minutes, order,
breaks, which sessions make the one-day version) and points the kit at the copy with
``$ALGCA_AGENDA`` or ``algca print agenda --agenda my.toml``.

>>> agenda = load()
>>> len(agenda.sessions), agenda.days
(11, 2)
>>> [s.id for s in agenda.sessions][:3]
['policy', 'participation', 'mapping']
>>> first = timetable(agenda)[0]
>>> first.day, first.start, first.end, first.session.text("title", "ru")
(1, '09:00', '10:00', 'Открытие. Государственная политика в сфере услуг')

The one-day version keeps the sessions marked ``one_day = true`` (or those a trainer
chooses), shortened to their ``one_day_minutes``, with a lunch near midday and a coffee
break after every long stretch:

>>> [(s.start, s.kind) for s in one_day(agenda)][:4]
[('09:00', 'session'), ('09:30', 'session'), ('10:30', 'coffee'), ('10:45', 'session')]
>>> [s.session.id for s in one_day(agenda, ["tariff", "plan"]) if s.session]
['tariff', 'plan']

A mistake in the file is refused with a message naming the line and the field:

>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "a.toml"
>>> text = DEFAULT_PATH.read_text(encoding="utf-8").replace("minutes = 60", "minutes = -5", 1)
>>> _ = path.write_text(text, encoding="utf-8")
>>> from toolkit.i18n import set_language
>>> set_language("en")
>>> load(path)  # doctest: +ELLIPSIS
Traceback (most recent call last):
toolkit.errors.ToolkitError: Session «policy»: the minutes should be a whole number from 5 to 480, not -5. (.../a.toml, row 40, column «minutes»)
>>> set_language("ky")
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import tomllib

from toolkit.errors import ToolkitError
from toolkit.i18n import LANGUAGES, N_, translate, translator

__all__ = [
    "BREAKS",
    "DEFAULT_PATH",
    "ENV_VAR",
    "PAPERS",
    "TEXT_FIELDS",
    "Agenda",
    "Session",
    "Slot",
    "current_day",
    "load",
    "notes_index_markdown",
    "notes_markdown",
    "one_day",
    "parse_time",
    "say",
    "timetable",
    "today",
]

_ = translator("agenda")

DEFAULT_PATH = Path(__file__).resolve().parent / "agenda.toml"
#: An edited copy of the agenda for the workshop's start page.
ENV_VAR = "ALGCA_AGENDA"

#: The printable sheets a session can use, with their titles (``toolkit.charts.paper`` draws them).
PAPERS = {
    "cards": N_("Problem cards"),
    "tree": N_("Problem tree"),
    "voting": N_("Dot voting"),
    "tariff": N_("Tariff worksheet"),
    "standards": N_("Service standards"),
    "plan": N_("Joint action plan (JAP) table"),
}

#: The kinds of break, with their names.
BREAKS = {"coffee": N_("Coffee break"), "lunch": N_("Lunch")}

#: The texts of a session: each in Kyrgyz, Russian and English (``room`` may be left out).
TEXT_FIELDS = (
    "title",
    "aim",
    "produces",
    "room",
    "say",
    "show",
    "skip",
    "fallback",
)
_OPTIONAL_TEXTS = ("room",)

_LABELS = {
    "day": N_("Day {day}"),
    "aim": N_("Aim"),
    "produces": N_("What the group produces"),
    "points": N_("Key points"),
    "uses": N_("Materials"),
    "lesson": N_("Lesson"),
    "apps": N_("Apps"),
    "paper": N_("Printed sheets"),
    "room": N_("Room activity"),
    "say": N_("What to say"),
    "show": N_("What to show"),
    "skip": N_("What to skip with a non-technical group"),
    "fallback": N_("Without a projector or laptop"),
    "source": N_("Source"),
    "minutes": N_("{n} min"),
    "notes_title": N_("Trainer's notes, session {no}: {title}"),
    "notes_index": N_("Trainer's notes by session"),
    "generated": N_(
        "This page is made from the agenda ({file}) by {script}: "
        "edit the agenda, then run the script."
    ),
    "time": N_("Time"),
    "one_day": N_("One-day version (the sessions marked {key}, at their shorter length)"),
    "session": N_("Session"),
}


def _generated(lang: str) -> str:
    return say("generated", lang).format(
        file="toolkit/agenda.toml", script="scripts/build_session_notes.py"
    )


def say(key: str, lang: str) -> str:
    """A label of the agenda's pages in ``lang`` (``"aim"``, ``"day"`` …).

    >>> say("aim", "ru"), say("day", "ky").format(day=2)
    ('Цель', '2-күн')
    """
    message = _LABELS.get(key) or PAPERS.get(key) or BREAKS.get(key) or key
    return translate(message, "agenda", lang)


@dataclass(frozen=True)
class Session:
    """One session: how long, what it uses, and its texts in three languages."""

    id: str
    day: int
    minutes: int
    texts: dict = field(default_factory=dict, compare=False)
    points: dict = field(default_factory=dict, compare=False)
    break_after: str = ""
    one_day: bool = False
    one_day_minutes: int = 0
    lesson: str = ""
    apps: tuple = ()
    paper: tuple = ()
    source: str = ""

    def text(self, name: str, lang: str) -> str:
        """The session's text ``name`` (``"title"``, ``"aim"`` …) in ``lang`` ("" when none)."""
        return self.texts.get(name, {}).get(lang, "")

    def key_points(self, lang: str) -> list[str]:
        """The session's key points in ``lang``."""
        return list(self.points.get(lang, ()))

    def number(self, agenda: Agenda) -> int:
        """The session's number in the two-day agenda (1 to 11)."""
        return [s.id for s in agenda.sessions].index(self.id) + 1


@dataclass(frozen=True)
class Agenda:
    """The whole programme: its days, breaks and sessions in order."""

    title: dict
    start: str
    days: int
    breaks: dict
    sessions: tuple
    first_day: dt.date | None = None
    source: str = ""
    path: str = ""

    def session(self, session_id: str) -> Session:
        """The session called ``session_id``."""
        for s in self.sessions:
            if s.id == session_id:
                return s
        raise ToolkitError(
            _("There is no session «{id}» in the agenda. The sessions are: {ids}.").format(
                id=session_id, ids=", ".join(s.id for s in self.sessions)
            ),
            file=self.path or None,
        )


@dataclass(frozen=True)
class Slot:
    """A stretch of a day: a session or a break, from ``start`` to ``end`` (``"HH:MM"``)."""

    day: int
    start: str
    end: str
    kind: str  # "session", "coffee" or "lunch"
    minutes: int
    session: Session | None = None

    def title(self, lang: str) -> str:
        """What the slot is called in ``lang``."""
        return self.session.text("title", lang) if self.session else say(self.kind, lang)


# ------------------------------------------------------------------------- reading


def parse_time(value, *, file=None, row=None, column=None) -> int:
    """A time of day ``"HH:MM"`` as minutes after midnight.

    >>> parse_time("09:30")
    570
    >>> from toolkit.i18n import set_language
    >>> set_language("en")
    >>> parse_time("25:00")
    Traceback (most recent call last):
    toolkit.errors.ToolkitError: «25:00» is not a time of day. Write it as HH:MM, e.g. 09:00.
    >>> set_language("ky")
    """
    match = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", str(value))
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ToolkitError(
            _("«{value}» is not a time of day. Write it as {form}, e.g. 09:00.").format(
                value=value, form=_("HH:MM")
            ),
            file=file,
            row=row,
            column=column,
        )
    return int(match[1]) * 60 + int(match[2])


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class _Reader:
    """Finds the line of a field in the file, so a message can say where to look."""

    def __init__(self, text: str, path: str):
        self.lines = text.splitlines()
        self.path = path
        self.blocks = [i for i, line in enumerate(self.lines) if line.strip() == "[[session]]"]

    def line(self, index: int | None, key: str) -> int | None:
        first = self.blocks[index] if index is not None and index < len(self.blocks) else 0
        last = (
            self.blocks[index + 1]
            if index is not None and index + 1 < len(self.blocks)
            else (len(self.lines) if index is not None else (self.blocks or [len(self.lines)])[0])
        )
        head = key.split(".")[0]
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=|^\s*{re.escape(head)}\s*=")
        for i in range(first, last):
            if pattern.match(self.lines[i]):
                return i + 1
        return first + 1 if index is not None else None

    def fail(self, message: str, index: int | None, key: str):
        raise ToolkitError(message, file=self.path, row=self.line(index, key), column=key)


def load(path=None) -> Agenda:
    """Read and check the agenda: ``path``, else ``$ALGCA_AGENDA``, else the kit's own.

    Every mistake is refused with a message in the trainer's language that names the
    line of the file and the field.
    """
    path = Path(path or os.environ.get(ENV_VAR) or DEFAULT_PATH)
    try:
        raw = path.read_bytes()
    except OSError:
        raise ToolkitError(
            _("The agenda file cannot be read. Check the path.").format(), file=str(path)
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ToolkitError(
            _("The agenda file is not in {encoding}. Save it as {encoding} text.").format(
                encoding="UTF-8"
            ),
            file=str(path),
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        raise ToolkitError(
            _(
                "The agenda file is not written correctly near this line "
                "(a missing quote, bracket or «=»?)."
            ),
            file=str(path),
            row=int(where[1]) if where else None,
        ) from None
    return _build(data, _Reader(text, str(path)))


def _text_of(reader, value, index, key, sid, *, required=True) -> dict:
    label = sid or "?"
    if value is None and not required:
        return {}
    if not isinstance(value, dict):
        reader.fail(
            _("Session «{id}»: «{key}» needs a text in each language: {langs}.").format(
                id=label, key=key, langs=", ".join(f"{key}.{lang}" for lang in LANGUAGES)
            ),
            index,
            key,
        )
    out = {}
    for lang in LANGUAGES:
        item = value.get(lang)
        if not isinstance(item, str) or not item.strip():
            reader.fail(
                _("Session «{id}»: the text «{key}» in the language «{lang}» is missing.").format(
                    id=label, key=key, lang=lang
                ),
                index,
                f"{key}.{lang}",
            )
        out[lang] = item.strip()
    return out


def _build(data: dict, reader: _Reader) -> Agenda:
    top = None
    title = _text_of(reader, data.get("title"), top, "title", _("the agenda"))
    start = data.get("start", "09:00")
    parse_time(start, file=reader.path, row=reader.line(top, "start"), column="start")
    days = data.get("days", 2)
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 5:
        reader.fail(
            _("The number of days should be a whole number from 1 to 5, not {value}.").format(
                value=days
            ),
            top,
            "days",
        )
    first_day = None
    raw_day = data.get("first_day", "")
    if isinstance(raw_day, dt.date):
        first_day = raw_day
    elif raw_day:
        try:
            first_day = dt.date.fromisoformat(str(raw_day))
        except ValueError:
            reader.fail(
                _("«{value}» is not a date. Write it as {form}, e.g. 2026-12-02.").format(
                    form=_("YYYY-MM-DD"), value=raw_day
                ),
                top,
                "first_day",
            )
    breaks = dict(data.get("breaks", {}))
    for kind in BREAKS:
        value = breaks.get(kind, 15 if kind == "coffee" else 60)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 120:
            reader.fail(
                _(
                    "A break should last a whole number of minutes from 0 to 120, not {value}."
                ).format(value=value),
                top,
                kind,
            )
        breaks[kind] = value
    raw = data.get("session")
    if not isinstance(raw, list) or not raw:
        reader.fail(
            _("The agenda has no sessions: each starts with a line {header}.").format(
                header="[[session]]"
            ),
            top,
            "",
        )
    sessions, seen = [], set()
    for index, item in enumerate(raw):
        sessions.append(_session(reader, item, index, days, seen))
    for day in range(1, days + 1):
        if not any(s.day == day for s in sessions):
            reader.fail(
                _("Day {day} has no session. Give it one, or lower «{key}».").format(
                    day=day, key="days"
                ),
                top,
                "days",
            )
    days_seen = [s.day for s in sessions]
    if days_seen != sorted(days_seen):
        bad = next(i for i in range(1, len(days_seen)) if days_seen[i] < days_seen[i - 1])
        reader.fail(
            _(
                "Session «{id}» is on day {day} but comes after a session of a later day: "
                "put the sessions in the order of the days."
            ).format(id=sessions[bad].id, day=sessions[bad].day),
            bad,
            "day",
        )
    return Agenda(
        title=title,
        start=_clock(parse_time(start)),
        days=days,
        breaks=breaks,
        sessions=tuple(sessions),
        first_day=first_day,
        source=str(data.get("source", "")),
        path=reader.path,
    )


def _minutes(reader, value, index, key, sid) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 5 <= value <= 480:
        reader.fail(
            _(
                "Session «{id}»: the minutes should be a whole number from 5 to 480, not {value}."
            ).format(id=sid, value=value),
            index,
            key,
        )
    return value


def _names(reader, value, index, key, sid, allowed=None) -> tuple:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(
        isinstance(v, str) and re.fullmatch(r"[a-z0-9_]+", v) for v in value
    ):
        reader.fail(
            _(
                "Session «{id}»: «{key}» should be a list of names in quotes, e.g. {example}."
            ).format(id=sid, key=key, example='["map_board"]'),
            index,
            key,
        )
    for v in value:
        if allowed is not None and v not in allowed:
            reader.fail(
                _(
                    "Session «{id}»: there is no printed sheet «{name}». Choose from: {names}."
                ).format(id=sid, name=v, names=", ".join(allowed)),
                index,
                key,
            )
    return tuple(value)


def _session(reader, item, index, days, seen) -> Session:
    if not isinstance(item, dict):
        reader.fail(
            _("Each session is a block that starts with {header}.").format(header="[[session]]"),
            index,
            "",
        )
    sid = item.get("id")
    if not isinstance(sid, str) or not re.fullmatch(r"[a-z0-9_-]+", sid):
        reader.fail(
            _(
                "Each session needs an «{key}»: a short name in small Latin letters, e.g. {example}."
            ).format(key="id", example='"tariff"'),
            index,
            "id",
        )
    if sid in seen:
        reader.fail(
            _("Two sessions are called «{id}»: give each its own id.").format(id=sid), index, "id"
        )
    seen.add(sid)
    day = item.get("day")
    if not isinstance(day, int) or isinstance(day, bool) or not 1 <= day <= days:
        reader.fail(
            _(
                "Session «{id}»: the day should be a whole number from 1 to {days}, not {value}."
            ).format(id=sid, days=days, value=day),
            index,
            "day",
        )
    minutes = _minutes(reader, item.get("minutes"), index, "minutes", sid)
    one_day_minutes = _minutes(
        reader, item.get("one_day_minutes", minutes), index, "one_day_minutes", sid
    )
    brk = item.get("break_after", "")
    if brk not in ("", *BREAKS):
        reader.fail(
            _("Session «{id}»: a break after it is «{coffee}» or «{lunch}», not «{value}».").format(
                coffee="coffee", lunch="lunch", id=sid, value=brk
            ),
            index,
            "break_after",
        )
    one = item.get("one_day", False)
    if not isinstance(one, bool):
        reader.fail(
            _("Session «{id}»: «{key}» is {true} or {false}, not {value}.").format(
                id=sid, key="one_day", true="true", false="false", value=one
            ),
            index,
            "one_day",
        )
    lesson = item.get("lesson", "")
    if lesson and not (isinstance(lesson, str) and re.fullmatch(r"\d\d_[a-z0-9_]+", lesson)):
        reader.fail(
            _("Session «{id}»: «{key}» is a lesson's file name, e.g. {example}.").format(
                id=sid, key="lesson", example='"04_tariff"'
            ),
            index,
            "lesson",
        )
    texts = {
        key: _text_of(reader, item.get(key), index, key, sid, required=key not in _OPTIONAL_TEXTS)
        for key in TEXT_FIELDS
    }
    points = item.get("points")
    if not isinstance(points, dict):
        reader.fail(
            _("Session «{id}»: «{key}» needs a text in each language: {langs}.").format(
                id=sid, key="points", langs=", ".join(f"points.{lang}" for lang in LANGUAGES)
            ),
            index,
            "points",
        )
    for lang in LANGUAGES:
        value = points.get(lang)
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(p, str) and p.strip() for p in value)
        ):
            reader.fail(
                _("Session «{id}»: the key points in «{lang}» should be a list of texts.").format(
                    id=sid, lang=lang
                ),
                index,
                f"points.{lang}",
            )
    return Session(
        id=sid,
        day=day,
        minutes=minutes,
        texts=texts,
        points={lang: tuple(p.strip() for p in points[lang]) for lang in LANGUAGES},
        break_after=brk,
        one_day=one,
        one_day_minutes=one_day_minutes,
        lesson=lesson,
        apps=_names(reader, item.get("apps", []), index, "apps", sid),
        paper=_names(reader, item.get("paper", []), index, "paper", sid, allowed=list(PAPERS)),
        source=str(item.get("source", "")),
    )


# ------------------------------------------------------------------------- schedules


def timetable(agenda: Agenda, start: str | None = None) -> list[Slot]:
    """The full programme, day by day, with the clock times (each day starts at ``start``).

    >>> slots = timetable(load(), start="08:30")
    >>> [(s.start, s.kind) for s in slots if s.day == 2][:3]
    [('08:30', 'session'), ('10:00', 'coffee'), ('10:15', 'session')]
    """
    begin = parse_time(start or agenda.start)
    slots: list[Slot] = []
    for day in range(1, agenda.days + 1):
        clock = begin
        todays = [s for s in agenda.sessions if s.day == day]
        for i, session in enumerate(todays):
            slots.append(
                Slot(
                    day,
                    _clock(clock),
                    _clock(clock + session.minutes),
                    "session",
                    session.minutes,
                    session,
                )
            )
            clock += session.minutes
            if session.break_after and i < len(todays) - 1:
                length = agenda.breaks[session.break_after]
                if length:
                    slots.append(
                        Slot(
                            day, _clock(clock), _clock(clock + length), session.break_after, length
                        )
                    )
                    clock += length
    return slots


def one_day(
    agenda: Agenda, ids: list[str] | None = None, start: str | None = None, *, lunch: str = "12:00"
) -> list[Slot]:
    """A one-day version: the sessions ``ids`` (default: those marked ``one_day``), in the
    agenda's order, each at its ``one_day_minutes``; lunch at the first gap at or after
    ``lunch``, a coffee break after every 90 minutes or more without one.

    >>> day = one_day(load(), ["policy", "closing"])
    >>> [(s.start, s.end, s.kind) for s in day]
    [('09:00', '09:30', 'session'), ('09:30', '10:15', 'session')]
    """
    chosen = set(ids) if ids is not None else {s.id for s in agenda.sessions if s.one_day}
    for sid in chosen:
        agenda.session(sid)  # a name that is not in the agenda gets a message
    todays = [s for s in agenda.sessions if s.id in chosen]
    clock = parse_time(start or agenda.start)
    noon = parse_time(lunch)
    slots: list[Slot] = []
    since_break, had_lunch = 0, False
    for i, session in enumerate(todays):
        minutes = session.one_day_minutes or session.minutes
        slots.append(
            Slot(
                1,
                _clock(clock),
                _clock(clock + minutes),
                "session",
                minutes,
                replace(session, day=1),
            )
        )
        clock += minutes
        since_break += minutes
        if i == len(todays) - 1:
            break
        kind = ""
        if not had_lunch and clock >= noon:
            kind, had_lunch = "lunch", True
        elif since_break >= 90:
            kind = "coffee"
        if kind and agenda.breaks[kind]:
            length = agenda.breaks[kind]
            slots.append(Slot(1, _clock(clock), _clock(clock + length), kind, length))
            clock += length
            since_break = 0
    return slots


def current_day(agenda: Agenda, when: dt.date) -> int:
    """Which day of the workshop ``when`` is: by ``first_day`` when the agenda gives it, else 1.

    >>> agenda = replace(load(), first_day=dt.date(2026, 12, 2))
    >>> current_day(agenda, dt.date(2026, 12, 3)), current_day(agenda, dt.date(2027, 1, 1))
    (2, 1)
    """
    if agenda.first_day is None:
        return 1
    day = (when - agenda.first_day).days + 1
    return day if 1 <= day <= agenda.days else 1


def today(agenda: Agenda, lang: str, now: dt.datetime) -> dict:
    """What the workshop's start page shows as "today": the day's slots, the one under way marked.

    >>> view = today(load(), "en", dt.datetime(2026, 12, 2, 11, 20))
    >>> view["heading"], view["slots"][3]["title"], view["slots"][3]["now"]
    ('Day 1', 'Mapping the territory and the problem tree', True)
    >>> view["slots"][3]["lesson"], view["slots"][3]["apps"]
    ('01_problem_mapping', ('map_board', 'problem_tree'))
    """
    day = current_day(agenda, now.date())
    clock = now.hour * 60 + now.minute
    slots = []
    for slot in timetable(agenda):
        if slot.day != day:
            continue
        s = slot.session
        slots.append(
            {
                "start": slot.start,
                "end": slot.end,
                "kind": slot.kind,
                "title": slot.title(lang),
                "aim": s.text("aim", lang) if s else "",
                "lesson": s.lesson if s else "",
                "apps": s.apps if s else (),
                "now": parse_time(slot.start) <= clock < parse_time(slot.end),
            }
        )
    return {
        "title": agenda.title.get(lang, agenda.title["en"]),
        "heading": say("day", lang).format(day=day),
        "day": day,
        "slots": slots,
    }


# ------------------------------------------------------------------------- trainer's notes


def notes_markdown(
    agenda: Agenda, session: Session, lang: str, app_titles: dict | None = None
) -> str:
    """The trainer's page of one session in ``lang`` (Markdown), made from the agenda
    (``app_titles``: the apps' titles in ``lang``, shown beside their names).

    >>> page = notes_markdown(load(), load().session("tariff"), "ru")
    >>> page.splitlines()[0]
    '# Заметки тренера, сессия 7: Стоимость услуги и тариф'
    """
    slot = next(s for s in timetable(agenda) if s.session and s.session.id == session.id)
    t = session.text
    uses = []
    if session.lesson:
        uses.append(f"{say('lesson', lang)}: `notebooks/{lang}/{session.lesson}.ipynb`")
    if session.apps:
        titles = app_titles or {}
        uses.append(
            f"{say('apps', lang)}: "
            + ", ".join(f"«{titles[a]}» (`{a}`)" if a in titles else f"`{a}`" for a in session.apps)
        )
    if session.paper:
        uses.append(
            f"{say('paper', lang)}: "
            + ", ".join(f"{say(p, lang)} (`algca print {p} --lang {lang}`)" for p in session.paper)
        )
    lines = [
        "# " + say("notes_title", lang).format(no=session.number(agenda), title=t("title", lang)),
        "",
        f"**{say('day', lang).format(day=slot.day)}, {slot.start}–{slot.end}** "
        f"({say('minutes', lang).format(n=session.minutes)})",
        "",
        f"**{say('aim', lang)}.** {t('aim', lang)}",
        "",
        f"**{say('produces', lang)}.** {t('produces', lang)}",
        "",
    ]
    if uses:
        lines += [f"**{say('uses', lang)}.**", "", *[f"- {u}" for u in uses], ""]
    if t("room", lang):
        lines += [f"**{say('room', lang)}.** {t('room', lang)}", ""]
    lines += [f"## {say('points', lang)}", "", *[f"- {p}" for p in session.key_points(lang)], ""]
    for key in ("say", "show", "skip", "fallback"):
        lines += [f"## {say(key, lang)}", "", t(key, lang), ""]
    lines += [
        f"*{say('source', lang)}: {session.source}*",
        "",
        f"<!-- {_generated(lang)} -->",
    ]
    return "\n".join(lines) + "\n"


def notes_index_markdown(agenda: Agenda, lang: str) -> str:
    """The list of the trainer's session pages in ``lang``, with the timetable of both
    versions (two days; one day).

    >>> page = notes_index_markdown(load(), "ky")
    >>> "| 09:00–10:00 |" in page and "| 09:00–09:30 |" in page
    True
    """

    def table(slots) -> list[str]:
        rows = [f"| {say('time', lang)} | {say('session', lang)} |", "|---|---|"]
        for slot in slots:
            if slot.session:
                no = slot.session.number(agenda)
                name = f"{no:02d}_{slot.session.id}.md"
                rows.append(f"| {slot.start}–{slot.end} | [{no}. {slot.title(lang)}]({name}) |")
            else:
                rows.append(f"| {slot.start}–{slot.end} | *{slot.title(lang)}* |")
        return [*rows, ""]

    lines = [f"# {say('notes_index', lang)}", "", agenda.title.get(lang, ""), ""]
    full = timetable(agenda)
    for day in range(1, agenda.days + 1):
        lines += [f"## {say('day', lang).format(day=day)}", ""]
        lines += table(s for s in full if s.day == day)
    lines += [f"## {say('one_day', lang).format(key='`one_day = true`')}", ""]
    lines += table(one_day(agenda))
    lines += [f"<!-- {_generated(lang)} -->"]
    return "\n".join(lines) + "\n"
