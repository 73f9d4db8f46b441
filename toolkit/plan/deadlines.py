"""Deadlines as people write them in a plan, turned into dates.

Chet-Nura's action plans write each deadline in words: ``"2019 жыл июнь"``,
``"июлдун 2-аптасы"`` (the 2nd week of July), ``"15-апрелге чейин"`` (by
15 April), ``"туруктуу негизде"`` (on an ongoing basis).  To draw a Gantt
chart or to check that the tariff is approved before the provider's
contract, each one becomes an interval of dates, from the earliest day it
could mean to the latest:

>>> d = parse_deadline("2019 жыл июнь")
>>> d.start, d.end
(datetime.date(2019, 6, 1), datetime.date(2019, 6, 30))
>>> d = parse_deadline("июлдун 2-аптасы", year=2019)
>>> d.start, d.end
(datetime.date(2019, 7, 8), datetime.date(2019, 7, 14))
>>> parse_deadline("15-апрелге чейин", year=2019).end
datetime.date(2019, 4, 15)
>>> parse_deadline("туруктуу негизде").ongoing
True

When the year is not written, the plan's year is used (``year=``).  A
deadline that cannot be read raises :class:`~toolkit.errors.ToolkitError`
with a message in the user's language; the plan checks turn that into a
finding instead of stopping.

Understood: years (``2019``, ``2019-ж.``, ``2019 г.``), month names in Kyrgyz,
Russian and English (any ending: ``июлдун``, ``июля``, ``августтун``), the
old Kyrgyz month names (``кулжа``, ``теке`` …), weeks of a month (``2-аптасы``,
``1-2-аптасы``, ``2-я неделя``), a day (``15-апрель``, ``15.04.2019``,
``2019-04-15``), "by" (``чейин``, ``до``, ``by``), periods with both ends
(``март–апрель``, ``01.03.2019 – 15.07.2019``, ``с 01.03.2019 по 15.07.2019``,
``1-мартынан 15-июлуна чейин``, ``2018-2022-жылдарга``; one that ends before it
starts is refused),
quarters (``II квартал``, ``2-чейрек``, ``Q2``), half-years, and ongoing work
(``туруктуу``, ``ар дайым``, ``постоянно``, ``ongoing``).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from toolkit.errors import ToolkitError
from toolkit.i18n import translator

__all__ = ["Deadline", "parse_deadline", "try_parse_deadline"]

_ = translator("plan")


@dataclass(frozen=True)
class Deadline:
    """A deadline read from text: the dates it may mean, from ``start`` to ``end``.

    ``ongoing`` deadlines ("on a regular basis") have no end; ``start`` and
    ``end`` are then ``None``.

    >>> Deadline("май", date(2019, 5, 1), date(2019, 5, 31)).days
    31
    """

    text: str
    start: date | None
    end: date | None
    ongoing: bool = False

    @property
    def days(self) -> int | None:
        """How many days the interval spans (``None`` for ongoing work or a reversed period)."""
        if self.start is None or self.end is None or self.reversed:
            return None
        return (self.end - self.start).days + 1

    @property
    def reversed(self) -> bool:
        """Whether the period ends before it starts (``"01.12.2019 – 01.10.2019"``): a mistake
        to fix in the plan, never an interval to draw.

        >>> Deadline("", date(2019, 12, 1), date(2019, 10, 1)).reversed
        True
        """
        return self.start is not None and self.end is not None and self.end < self.start


# month names: Kyrgyz and Russian share the stem, the endings vary ("июлдун", "июля");
# abbreviations count only as whole words, so "маселе" is no March
_MONTH_STEMS = [
    (1, ("январ", "january", "үчтүн ай"), ("янв", "jan")),
    (2, ("феврал", "february", "бирдин ай"), ("фев", "feb")),
    (3, ("март", "march", "жалган куран"), ("мар", "mar")),
    (4, ("апрел", "april", "чын куран"), ("апр", "apr")),
    (5, ("май", "мая", "маю", "бугу"), ("may",)),
    (6, ("июн", "june", "кулжа"), ("jun",)),
    (7, ("июл", "july", "теке"), ("jul",)),
    (8, ("август", "august", "баш оона"), ("авг", "aug")),
    (9, ("сентябр", "september", "аяк оона"), ("сен", "сент", "sep", "sept")),
    (10, ("октябр", "october", "тогуздун ай"), ("окт", "oct")),
    (11, ("ноябр", "november", "жетинин ай"), ("ноя", "нояб", "nov")),
    (12, ("декабр", "december", "бештин ай"), ("дек", "dec")),
]
_ONGOING = (
    "туруктуу",
    "ар дайым",
    "дайыма",
    "үзгүлтүксүз",
    "такай",
    "ар бир ай",
    "ай сайын",
    "постоянно",
    "регулярно",
    "ежемесячно",
    "на постоянной основе",
    "в течение",
    "ongoing",
    "continuous",
    "regular",
    "monthly",
    "permanent",
)
_WHOLE_YEAR = ("жыл бою", "жыл ичинде", "в течение года", "throughout the year", "all year")
_BY = ("чейин", "до ", "не позднее", "by ", "before ")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

_WORD = re.compile(r"[a-zа-яёңөүһ]+(?: (?:куран|оона|ай))?")
_YEAR = re.compile(r"(?<!\d)(20\d\d|19\d\d)(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{2,4})(?!\d)")
_WEEK = re.compile(
    r"(?<![\d.])([1-5])(?:\s*[-–]\s*([1-5]))?\s*[-–]?\s*(?:-?чи\s*|-?я\s*|-?ая\s*|st\s*|nd\s*|rd\s*|th\s*)?"
    r"(?:аптас\w*|апта\w*|недел\w*|week\w*)"
)
_QUARTER = re.compile(
    r"(?<![\w.])(iv|iii|ii|i|[1-4])\s*[-–]?\s*(?:й\s*|чи\s*)?(?:квартал\w*|кв\b\.?|чейрег\w*|чейрек\w*|quarter\w*)"
    r"|\bq([1-4])\b"
)
_HALF = re.compile(
    r"(?<![\w.])(ii|i|[12])\s*[-–]?\s*(?:е\s*|чи\s*)?(?:жарым\s+жыл\w*|полугоди\w*|half\w*)"
)


# between the two ends of a period: a dash (spaced, or an en/em dash), a hyphen between two
# years or whole dates ("2018-2022", "01.03.2019-15.07.2019"), "to"/"по"/"до", or the Kyrgyz
# "from" ending ("1-мартынан 15-июлуна чейин", "01.03.2019-дан баштап …")
_RANGE = re.compile(
    r"\s+[-–—]+\s+|\s*[–—]\s*"
    r"|(?<=\d{4})\s*-\s*(?=\d{1,2}\.\d|\d{4}(?!-\d))"
    r"|\s+(?:to|till|until|through|по|до)\s+"
    r"|(?<=\S)-?(?:дан|ден|тан|тен|нан|нен|дон|дөн|тон|төн)(?:\s+(?:баштап|тартып))?\s+"
)
_FROM = re.compile(r"^(?:с|со|от|from|between)\s+")


def _month_of(word: str) -> int | None:
    for number, stems, abbreviations in _MONTH_STEMS:
        if word in abbreviations or any(word.startswith(stem) for stem in stems):
            return number
    return None


def _months(text: str) -> list[tuple[int, int, int]]:
    """``(month, start_pos, end_pos)`` of every month name in ``text``."""
    found = []
    for match in _WORD.finditer(text):
        number = _month_of(match.group(0))
        if number is not None:
            found.append((number, match.start(), match.end()))
    return found


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _unreadable(text: str, year: int | None, reason: str | None = None) -> ToolkitError:
    message = _("The deadline «{text}» could not be read as a date.").format(text=text)
    hint = reason or _(
        "Write it like «2019 жыл июнь», «июлдун 2-аптасы», «15-апрелге чейин» or «туруктуу»."
    )
    return ToolkitError(f"{message} {hint}")


def parse_deadline(text, year: int | None = None, *, allow_reversed: bool = False) -> Deadline:
    """Read a deadline written in words into a :class:`Deadline` (an interval of dates).

    ``year`` is the plan's year, used when the text has none.

    A period of two dates keeps both ends; a month range without years may run into the
    next year. A period that ends before it starts is refused, unless ``allow_reversed``
    (then the :class:`Deadline` says so in ``reversed``, for a check to report it):

    >>> d = parse_deadline("01.03.2019 – 15.07.2019")
    >>> d.start, d.end
    (datetime.date(2019, 3, 1), datetime.date(2019, 7, 15))
    >>> parse_deadline("2019-жылдын 1-мартынан 15-июлуна чейин").end
    datetime.date(2019, 7, 15)
    >>> parse_deadline("2020 жыл июнь – 2019 жыл март")
    Traceback (most recent call last):
    ...
    toolkit.errors.ToolkitError: «2020 жыл июнь – 2019 жыл март» деген мөөнөт ...
    >>> parse_deadline("2020 жыл июнь – 2019 жыл март", allow_reversed=True).reversed
    True

    >>> parse_deadline("2019 жыл\\n\\nавгусттун\\n\\n1-2-аптасы").end
    datetime.date(2019, 8, 14)
    >>> parse_deadline("март 2019 жыл").start
    datetime.date(2019, 3, 1)
    >>> parse_deadline("II квартал 2020").end
    datetime.date(2020, 6, 30)
    >>> parse_deadline("2019 жыл").days
    365
    >>> parse_deadline("кийинчерээк", year=2019)
    Traceback (most recent call last):
    ...
    toolkit.errors.ToolkitError: «кийинчерээк» деген мөөнөттү дата катары окуй алган жокпуз. ...
    """
    if text is None or (isinstance(text, float) and text != text):
        raise ToolkitError(_("The deadline is empty."))
    if isinstance(text, date):
        return Deadline(str(text), text, text)
    original = str(text)
    t = " ".join(original.replace("\u00a0", " ").split()).lower().replace("ё", "е")
    if not t:
        raise ToolkitError(_("The deadline is empty."))
    deadline = _range(original, t, year) or _single(original, t, year)
    if deadline.reversed and not allow_reversed:
        raise _reversed(deadline)
    return deadline


def _single(original: str, t: str, year: int | None) -> Deadline:
    """One deadline (no range of two dates): ``t`` is the text in lower case, spaces tidied."""
    if len(_ISO.findall(t)) + len(_DMY.findall(t)) > 1:
        raise _unreadable(
            original,
            year,
            _(
                "It has two dates: write a period as «01.03.2019 – 15.07.2019», the earlier date first."
            ),
        )
    # a whole date first: 2019-04-15 or 15.04.2019
    for pattern, order in ((_ISO, "ymd"), (_DMY, "dmy")):
        m = pattern.search(t)
        if m:
            parts = dict(zip(order, map(int, m.groups()), strict=True))
            y = parts["y"] + (2000 if parts["y"] < 100 else 0)
            try:
                day = date(y, parts["m"], parts["d"])
            except ValueError:
                raise _unreadable(
                    original, year, _("There is no such day in the calendar.")
                ) from None
            start = date(y, parts["m"], 1) if any(b in t + " " for b in _BY) else day
            return Deadline(original, start, day)

    ongoing = any(word in t for word in _ONGOING) and not any(w in t for w in _WHOLE_YEAR)
    if ongoing:
        return Deadline(original, None, None, ongoing=True)

    years = [int(y) for y in _YEAR.findall(t)]
    y = years[0] if years else year
    rest = _YEAR.sub(" ", t)
    months = _months(rest)

    if y is None:
        raise _unreadable(
            original, year, _("The year is missing: write it, or give the plan a year.")
        )

    quarter = _QUARTER.search(rest)
    if quarter and not months:
        q = quarter.group(1) or quarter.group(2)
        q = _ROMAN.get(q) or int(q)
        first = 3 * (q - 1) + 1
        return Deadline(original, date(y, first, 1), date(y, first + 2, _last_day(y, first + 2)))
    half = _HALF.search(rest)
    if half and not months:
        h = _ROMAN.get(half.group(1)) or int(half.group(1))
        return Deadline(
            original,
            date(y, 1 if h == 1 else 7, 1),
            date(y, 6 if h == 1 else 12, 31 if h == 2 else 30),
        )

    if not months:
        if any(w in t for w in _WHOLE_YEAR) or (
            years and not re.search(r"[a-zа-яңөү]{3,}", _strip_year_words(rest))
        ):
            return Deadline(original, date(y, 1, 1), date(y, 12, 31))
        raise _unreadable(original, year)

    first_month, last_month = months[0][0], months[-1][0]
    if len(years) > 1 and len(months) > 1:
        y_end = years[-1]
    else:
        y_end = y + (1 if last_month < first_month else 0)
    start = date(y, first_month, 1)
    end = date(y_end, last_month, _last_day(y_end, last_month))

    week = _WEEK.search(rest)
    if week:
        if len(months) > 1:
            raise _unreadable(original, year, _("Weeks can be given for one month only."))
        w1 = int(week.group(1))
        w2 = int(week.group(2) or w1)
        if w2 < w1:
            w1, w2 = w2, w1
        last = _last_day(y, first_month)
        start = date(y, first_month, min(7 * (w1 - 1) + 1, last))
        end = date(y, first_month, last if w2 >= 4 else 7 * w2)
        return Deadline(original, start, end)

    # a day of the month written before the month: "15-апрелге чейин", "15 апреля"
    month_pos = months[0][1]
    before = rest[:month_pos]
    day_match = re.search(r"(?<![\d.])([0-3]?\d)\s*[-–]?\s*(?:го\s*)?$", before)
    if day_match is None:
        after = rest[months[-1][2] :]
        day_match = re.match(r"\s*([0-3]?\d)(?![\d.]|\s*[-–]?\s*(?:апта|недел|week))", after)
    if day_match:
        day = int(day_match.group(1))
        if not 1 <= day <= _last_day(y, first_month):
            raise _unreadable(original, year, _("There is no such day in the calendar."))
        point = date(y, first_month, day)
        by = any(b in t + " " for b in _BY)
        return Deadline(original, date(y, first_month, 1) if by else point, point)
    if re.search(r"\d", rest):
        raise _unreadable(original, year)
    return Deadline(original, start, end)


def _has_year(text: str) -> bool:
    return bool(_YEAR.search(text) or _DMY.search(text))


def _whole_year(d: Deadline) -> bool:
    return d.start == date(d.start.year, 1, 1) and d.end == date(d.start.year, 12, 31)


def _range(original: str, t: str, year: int | None) -> Deadline | None:
    """A period written with two ends (``"01.03.2019 – 15.07.2019"``, ``"март – июнь 2019"``),
    or ``None`` when ``t`` is not one: then it is read as a single deadline.

    An end without a year takes the other end's year (the plan's year if neither has one);
    such a period may run into the next year ("ноябрь – февраль"). A period whose two ends
    both name their year is kept as written, even if it ends before it starts.
    """
    for sep in _RANGE.finditer(t):
        a = _FROM.sub("", t[: sep.start()]).strip(" ,;:")
        b = t[sep.end() :].strip(" ,;:")
        if not a or not b:
            continue
        own_a, own_b = _has_year(a), _has_year(b)
        try:
            da = _single(original, a, year) if own_a or not own_b else None
            db = _single(original, b, da.start.year if da and da.start and not own_b else year)
            if da is None:
                da = _single(original, a, db.end.year if db.end else year)
            if da.ongoing or db.ongoing:
                continue
            if db.end < da.start and not (own_a and own_b) and db.end.month < da.start.month:
                if own_b:  # "декабрь – февраль 2020": December of 2019
                    da = _single(original, a, da.start.year - 1)
                else:  # "ноябрь – февраль": February of the next year
                    db = _single(original, b, db.end.year + 1)
        except ToolkitError:
            continue
        if not own_b and _whole_year(da) and da.start <= db.end <= da.end:
            continue  # "2019 г. до 15 июля": the year is said once, for the date after it
        return Deadline(original, da.start, db.end)
    return None


def _reversed(d: Deadline) -> ToolkitError:
    return ToolkitError(
        _(
            "The deadline «{text}» ends ({end}) before it starts ({start}): write the earlier date first."
        ).format(
            text=" ".join(d.text.split()), start=f"{d.start:%d.%m.%Y}", end=f"{d.end:%d.%m.%Y}"
        )
    )


def _strip_year_words(text: str) -> str:
    return re.sub(r"\b(жыл\w*|ж\b\.?|года?\b|г\b\.?|year\w*|жылга|жылы|чейин|before)", " ", text)


def try_parse_deadline(
    text, year: int | None = None, *, allow_reversed: bool = False
) -> tuple[Deadline | None, str | None]:
    """Like :func:`parse_deadline`, but returns ``(deadline, None)`` or ``(None, message)``.

    >>> d, problem = try_parse_deadline("июнь", year=2019)
    >>> d.end, problem
    (datetime.date(2019, 6, 30), None)
    >>> try_parse_deadline("", year=2019)[1]
    'Мөөнөт жазылган эмес.'
    """
    try:
        return parse_deadline(text, year, allow_reversed=allow_reversed), None
    except ToolkitError as error:
        return None, error.message
