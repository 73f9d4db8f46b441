"""The names of things, written once: services, groups of people, yes and no.

Every table of the case data names a service by its id (``drinking-water``,
``dip-bath``); every screen shows the name in the user's language, from here:

>>> service_label("dip-bath")
'Кой-эчкилер үчүн жугушсуздандыруучу ванна (күпкө)'
>>> service_label("irrigation", lang="ru")
'Поливная вода'
>>> service_label("bee-keeping")
'bee-keeping'

A name typed in any language is turned back into its id:

>>> service_id("Сугат суу")
'irrigation'

The groups of people whose votes are counted apart:

>>> group_label("woman", lang="en")
'women'

Yes and no, as people type them in a table or a form:

>>> parse_yes_no("Ооба"), parse_yes_no("нет"), parse_yes_no("✓"), parse_yes_no("maybe")
(True, False, True, None)

The glossary words that every sentence of every catalog writes the same way
(``TERMS``) are checked by the tests: the dip bath is a *disinfection* bath,
a household is «үй чарбасы».
"""

from __future__ import annotations

from toolkit.i18n import LANGUAGES, N_, translate, translator

__all__ = [
    "GROUPS",
    "NO",
    "SERVICES",
    "TERMS",
    "YES",
    "group_label",
    "parse_yes_no",
    "service_id",
    "service_label",
]

_ = translator("core")  # the names below are messages of the «core» catalog

#: Every service (or area of problems) the case data and the apps name: ``{id: English name}``.
#: The ids are those of the data package: Chet-Nura's priority services, Teploklyuchenka's
#: services, the Batken training's directions, and the areas of the illustrative cards and
#: maps.  One id and one name per thing (irrigation water is ``irrigation`` everywhere).
SERVICES: dict[str, str] = {
    "drinking-water": N_("Drinking water"),
    "waste": N_("Waste collection"),
    "irrigation": N_("Irrigation water"),
    "dip-bath": N_("Dip bath for sheep and goats"),
    "road-repair": N_("Village road repair"),
    "roads": N_("Village roads"),
    "preschool-education": N_("Preschool education"),
    "school": N_("School"),
    "education": N_("School and kindergarten"),
    "sport": N_("Sport"),
    "street-lighting": N_("Street lighting"),
    "healthcare": N_("Health care"),
    "greening": N_("Greening"),
    "flood": N_("Flood protection"),
    "livestock": N_("Livestock and pasture"),
    "other": N_("Other"),
}

#: Groups of participants whose votes can be counted apart: ``{id: English name}``.
GROUPS: dict[str, str] = {
    "woman": N_("women"),
    "man": N_("men"),
    "resident": N_("residents"),
    "deputy": N_("council deputies"),
    "staff": N_("municipal staff"),
    "village-head": N_("village heads"),
    "all": N_("everybody"),
}

#: Glossary words, written the same way in every message: ``{English word: {language: how
#: the word starts}}`` (any grammatical ending may follow).  ``tests/test_vocabulary.py``
#: checks every catalog against it.
TERMS: dict[str, dict[str, str]] = {
    "household": {"ky": "үй чарба", "ru": "домохозяйств"},
    "dip bath": {"ky": "жугушсуздандыруучу ванна", "ru": "дезинфекционн"},
}

#: Words that mean yes (compared in lower case).
YES = frozenset({"yes", "y", "true", "1", "ооба", "иә", "да", "+", "✓"})
#: Words that mean no (compared in lower case).
NO = frozenset({"no", "n", "false", "0", "жок", "нет", "-", "✗"})


def service_label(service: str, lang: str | None = None) -> str:
    """The name of a service in ``lang`` (default: the current language); an unknown id as it is.

    >>> service_label("waste", lang="en")
    'Waste collection'
    """
    english = SERVICES.get(service)
    return str(service) if english is None else translate(english, "core", lang)


def group_label(group: str, lang: str | None = None) -> str:
    """The name of a group of participants in ``lang``; an unknown id as it is.

    >>> group_label("village-head")
    'айыл башчылары'
    """
    english = GROUPS.get(group)
    return str(group) if english is None else translate(english, "core", lang)


def service_id(name: str) -> str | None:
    """The id of a service written as its id or its name in any language (``None``: unknown).

    >>> service_id("Drinking water"), service_id("  ВЫВОЗ МУСОРА "), service_id("pool")
    ('drinking-water', 'waste', None)
    """
    wanted = str(name).strip().casefold()
    for service in SERVICES:
        names = {service} | {service_label(service, lang).casefold() for lang in LANGUAGES}
        if wanted in names:
            return service
    return None


def parse_yes_no(value) -> bool | None:
    """``True`` for a yes (``ооба``, ``да``, ``yes``, ``1``, ``+``, ``✓`` …), ``False`` for a no
    (``жок``, ``нет``, ``no``, ``0``, ``-``, ``✗`` …), ``None`` for anything else (also empty).

    >>> parse_yes_no(True), parse_yes_no(" ЖОК "), parse_yes_no("")
    (True, False, None)
    """
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in YES:
        return True
    if text in NO:
        return False
    return None
