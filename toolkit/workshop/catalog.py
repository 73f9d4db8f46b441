"""Which lessons and apps the workshop serves, with their titles in each language.

Lessons are ``notebooks/<lang>/NN_*.ipynb`` (a Kyrgyz, a Russian and an English
edition, cell for cell the same code; each visitor gets the edition in their
language); apps are ``notebooks/apps/*.ipynb``.

>>> "welcome" in app_names()
True
>>> {edition for edition, _name, _title in lessons("ru")}
{'ru'}
>>> app_title("welcome", "ru")
'Курс с первого взгляда'
>>> app_title("some_new_app", "en")
'Some new app'
"""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.i18n import LANGUAGES, N_, translate, translator

__all__ = [
    "APP_TITLES",
    "APPS_DIR",
    "NOTEBOOKS_DIR",
    "app_names",
    "app_title",
    "lesson_title",
    "lessons",
    "text",
]

_ = translator("workshop")

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent.parent / "notebooks"
APPS_DIR = NOTEBOOKS_DIR / "apps"

#: Titles of the apps, marked for the ``workshop`` catalog.
APP_TITLES = {
    "welcome": N_("The course at a glance"),
    "map_board": N_("Community map"),
    "problem_tree": N_("Problem tree"),
    "gallery_wall": N_("Problem gallery"),
    "voting_board": N_("Priority voting"),
    "tariff": N_("Tariff calculator"),
    "plan_builder": N_("Joint action plan"),
}


def text(message: str, lang: str) -> str:
    """``message`` of the ``workshop`` catalog in ``lang`` (whatever the current language).

    >>> text("The course at a glance", "ky")
    'Курс бир карашта'
    """
    return translate(message, "workshop", lang)


def app_names(folder: Path = APPS_DIR) -> list[str]:
    """The names of the apps: one per ``notebooks/apps/<name>.ipynb``."""
    return sorted(p.stem for p in Path(folder).glob("*.ipynb") if not p.stem.startswith("."))


def app_title(name: str, lang: str) -> str:
    """The title of app ``name`` in ``lang``."""
    if name in APP_TITLES:
        return text(APP_TITLES[name], lang)
    return name.replace("_", " ").capitalize()


def lesson_title(path: Path) -> str:
    """The first ``# heading`` of a lesson notebook (else its file name)."""
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Path(path).stem
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        for line in source.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return Path(path).stem


def lessons(lang: str, folder: Path = NOTEBOOKS_DIR) -> list[tuple[str, str, str]]:
    """The lessons for a visitor who reads ``lang``: ``[(edition, name, title)]``.

    The edition is ``lang`` where there is one (ky, ru and en all exist), else
    Kyrgyz, the course's first language.

    >>> lessons("ru")[0]
    ('ru', '00_introduction', 'Урок 0. Введение в курс: улучшаем местные услуги вместе')
    >>> lessons("de")[0][:2]
    ('ky', '00_introduction')
    """
    if lang not in LANGUAGES:
        lang = "ky"
    edition = (
        lang
        if (Path(folder) / lang).is_dir() and any((Path(folder) / lang).glob("*.ipynb"))
        else "ky"
    )
    found = sorted((Path(folder) / edition).glob("*.ipynb"))
    return [(edition, p.stem, lesson_title(p)) for p in found]
