"""Languages of the toolkit: Kyrgyz (the default), Russian and English.

Every message a learner or trainer sees comes from a gettext catalog
(``toolkit/locale/<lang>/LC_MESSAGES/<domain>.po``), one catalog per area of
the toolkit, editable in Poedit.  The catalogs are read as they are: there
is no compile step to forget.

Choose the language once per notebook or app:

>>> set_language("ru")
>>> get_language()
'ru'
>>> set_language("ky")

or for a whole workshop with the environment variable ``ALGCA_LANG=ru``.

A module gets its translation function with :func:`translator`; the text is
looked up when the message is made, so switching the language takes effect
at once:

>>> _ = translator("core")
>>> set_language("en")
>>> _("Unknown language {lang!r}. Choose one of: {choices}.").format(lang="xx", choices="ky, ru, en")
"Unknown language 'xx'. Choose one of: ky, ru, en."
>>> set_language("ky")

Numbers are written the local way:

>>> format_number(1500000)
'1 500 000'
>>> format_number(12.5, decimals=1)
'12,5'
>>> format_money(3500000)
'3 500 000 сом'
>>> format_money(3500000, lang="en")
'3,500,000 som'
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from toolkit import errors

__all__ = [
    "DEFAULT_LANGUAGE",
    "ENV_VAR",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "LOCALE_DIR",
    "N_",
    "catalog",
    "domains",
    "format_money",
    "format_number",
    "format_percent",
    "get_language",
    "in_language",
    "language_code",
    "set_language",
    "translate",
    "translator",
]

LANGUAGES = ("ky", "ru", "en")
DEFAULT_LANGUAGE = "ky"
ENV_VAR = "ALGCA_LANG"
LANGUAGE_NAMES = {"ky": "Кыргызча", "ru": "Русский", "en": "English"}
LOCALE_DIR = Path(__file__).parent / "locale"

_ALIASES = {
    "ky": "ky",
    "kg": "ky",
    "kir": "ky",
    "kyr": "ky",
    "ky_kg": "ky",
    "kyrgyz": "ky",
    "кыргызча": "ky",
    "кыргыз": "ky",
    "ru": "ru",
    "rus": "ru",
    "ru_ru": "ru",
    "ru_kg": "ru",
    "russian": "ru",
    "русский": "ru",
    "орусча": "ru",
    "en": "en",
    "eng": "en",
    "en_us": "en",
    "en_gb": "en",
    "english": "en",
    "англисче": "en",
}

_current: str | None = None


def language_code(lang: str) -> str | None:
    """The code of a language written in one of the common ways, or None if it is not one.

    >>> language_code("ru_KG.UTF-8"), language_code("Кыргызча"), language_code("fr")
    ('ru', 'ky', None)
    """
    key = str(lang).strip().lower().replace("-", "_").split(".")[0]
    return _ALIASES.get(key)


def set_language(lang: str) -> None:
    """Choose the language of every message: ``"ky"``, ``"ru"`` or ``"en"``.

    Common spellings are accepted (``"kg"``, ``"ru_KG"``, ``"Кыргызча"``).

    >>> set_language("English")
    >>> get_language()
    'en'
    >>> set_language("ky")
    """
    global _current
    code = language_code(lang)
    if code is None:
        raise errors.ToolkitError(
            _("Unknown language {lang!r}. Choose one of: {choices}.").format(
                lang=lang, choices=", ".join(LANGUAGES)
            )
        )
    _current = code


@contextmanager
def in_language(lang: str) -> Iterator[str]:
    """Speak ``lang`` inside a ``with`` block, then the language chosen before (also after an
    error): for a page or an export in another language than the screen's.

    >>> with in_language("en"):
    ...     get_language()
    'en'
    >>> get_language()
    'ky'
    """
    global _current
    before = _current
    set_language(lang)
    try:
        yield get_language()
    finally:
        _current = before


def get_language() -> str:
    """The language in use: the one set, else ``$ALGCA_LANG``, else Kyrgyz."""
    if _current is not None:
        return _current
    return language_code(os.environ.get(ENV_VAR, "")) or DEFAULT_LANGUAGE


def domains() -> list[str]:
    """The names of the message catalogs that ship with the toolkit."""
    return sorted(p.stem for p in (LOCALE_DIR / DEFAULT_LANGUAGE / "LC_MESSAGES").glob("*.po"))


def _unquote(text: str) -> str:
    return ast.literal_eval(text) if text else ""


@cache
def catalog(domain: str, lang: str) -> dict[str, str]:
    """The messages of one ``.po`` file as ``{msgid: msgstr}`` (fuzzy entries left out).

    >>> catalog("core", "ru")["Please check"]
    'Проверьте, пожалуйста'
    """
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return {}
    entries: dict[str, str] = {}
    msgid = msgstr = None
    field = None
    fuzzy = False

    def flush() -> None:
        if msgid and msgstr and not fuzzy:
            entries[msgid] = msgstr

    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            flush()
            msgid = msgstr = field = None
            fuzzy = False
        elif line.startswith("#,"):
            fuzzy = fuzzy or "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid "):
            if msgid is not None:
                flush()
                msgstr = None
                fuzzy = False
            msgid, field = _unquote(line[6:]), "id"
        elif line.startswith("msgstr "):
            msgstr, field = _unquote(line[7:]), "str"
        elif line.startswith('"'):
            if field == "id":
                msgid = (msgid or "") + _unquote(line)
            elif field == "str":
                msgstr = (msgstr or "") + _unquote(line)
    return entries


def translate(message: str, domain: str, lang: str | None = None) -> str:
    """``message`` from the catalog ``domain`` in ``lang`` (default: the current language);
    a message missing from the catalog comes back as it was written (English).

    >>> translate("Please check", "core", "ru")
    'Проверьте, пожалуйста'
    >>> translate("Never translated", "core", "ru")
    'Never translated'
    """
    return catalog(domain, lang or get_language()).get(message, message)


def translator(domain: str):
    """A ``_()`` function for one catalog; it translates into the current language.

    A message missing from the catalog comes back as it was written (English),
    which the catalog tests catch before a learner ever sees it.
    """

    def _(message: str) -> str:
        return translate(message, domain)

    _.domain = domain  # type: ignore[attr-defined]
    return _


def N_(message: str) -> str:
    """Mark a message for the catalogs without translating it yet (for tables of labels).

    >>> N_("Clean water")
    'Clean water'
    """
    return message


_ = translator("core")
errors.use_translator(_)
# the words errors.py shows with it (it cannot mark them: it imports nothing of the toolkit)
_ERROR_WORDS = (N_("row {row}"), N_("column «{column}»"), N_("Please check"))


def _group(text: str, sep: str) -> tuple[str, str]:
    head, _, tail = text.partition(".")
    sign = "-" if head.startswith("-") else ""
    digits = head.lstrip("-")
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return sign + sep.join(groups), tail


def format_number(value: float, decimals: int = 0, lang: str | None = None) -> str:
    """A number as people write it: ``1 500 000`` and ``12,5`` in Kyrgyz and Russian,
    ``1,500,000`` and ``12.5`` in English.

    >>> format_number(-1234.567, decimals=2, lang="en")
    '-1,234.57'
    >>> format_number(0.5, decimals=2)
    '0,50'
    """
    lang = lang or get_language()
    head, tail = _group(f"{float(value):.{decimals}f}", "," if lang == "en" else " ")
    if head in ("-0", "-"):
        head = "0"
    return head + (("." if lang == "en" else ",") + tail if tail else "")


def format_money(value: float, decimals: int = 0, lang: str | None = None) -> str:
    """An amount in som: ``1 500 000 сом`` (``1,500,000 som`` in English).

    >>> format_money(13)
    '13 сом'
    """
    lang = lang or get_language()
    return f"{format_number(value, decimals, lang)} {'som' if lang == 'en' else 'сом'}"


def format_percent(share: float, decimals: int = 0, lang: str | None = None) -> str:
    """A share (0.65) as a percentage: ``65%``.

    >>> format_percent(0.655, decimals=1)
    '65,5%'
    """
    return f"{format_number(share * 100, decimals, lang)}%"
