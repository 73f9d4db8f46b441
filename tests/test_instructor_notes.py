"""The trainer's notes: every note in Kyrgyz, Russian and English with the same sections, and no
command in them that the README does not give (notes 01 and 02 once gave raw nbgrader commands
that contradicted the README's ``algca grade``)."""

import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTES = ROOT / "docs" / "instructor"
LANGS = {"en": NOTES, "ky": NOTES / "ky", "ru": NOTES / "ru"}

#: Every section heading of the notes, in the three languages.
SECTIONS = {
    "Start and stop": ("Баштоо жана токтотуу", "Запуск и остановка"),
    "When a cell hangs or an app stops": (
        "Уяча токтоп калса же тиркеме иштебей калса",
        "Если ячейка зависла или приложение остановилось",
    ),
    "Reset a notebook for the next group": (
        "Кийинки топ үчүн дептерди баштапкы абалына келтирүү",
        "Сброс тетради для следующей группы",
    ),
    "The lesson step by step": ("Сабак кадам сайын", "Урок шаг за шагом"),
    "Which cells to show, which to skip": (
        "Кайсы уячаларды көрсөтүү, кайсынысын өткөрүп жиберүү",
        "Какие ячейки показывать, какие пропустить",
    ),
    "Paper fallback": ("Компьютерсиз: кагаз менен", "Без компьютеров: на бумаге"),
    "Grading": ("Баалоо", "Оценивание"),
    "The language of JupyterLab": ("JupyterLab'дын тили", "Язык JupyterLab"),
}
#: What a trainer who has never used Jupyter needs from every lesson's note, and from the guide.
LESSON_SECTIONS = [
    "The lesson step by step",
    "Which cells to show, which to skip",
    "Paper fallback",
    "Grading",
]
GUIDE_SECTIONS = [
    "Start and stop",
    "When a cell hangs or an app stops",
    "Reset a notebook for the next group",
    "Which cells to show, which to skip",
    "Paper fallback",
    "Grading",
    "The language of JupyterLab",
]
#: Code spans that are commands typed in a terminal start with one of these programs.
PROGRAMS = ("make", "algca", ".venv/bin/algca", "nbgrader", "python", "jupyter", "voila", "cd")

ENGLISH = sorted(p.name for p in NOTES.glob("*.md"))


def sections(path: Path) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"^## (.+)$", path.read_text("utf-8"), re.M)]


def commands(text: str) -> list[str]:
    spans = re.findall(r"```[^\n]*\n(.*?)```", text, re.S)
    lines = [line.strip() for block in spans for line in block.splitlines()]
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    lines += re.findall(r"`([^`\n]+)`", text)
    return [c for c in lines if c.split(" ", 1)[0] in PROGRAMS]


def readme_options(readme: str, command: str) -> set[str]:
    """The options the README's table for ``command`` lists (``| `--lan` | …``)."""
    heading = {"workshop": "Options for the workshop", "grade": "option of `algca grade`"}[command]
    table = readme[readme.index(heading) :]
    table = table[: table.index("\n\n", table.index("|"))]
    return set(re.findall(r"^\| `(--[\w-]+)", table, re.M))


def given_by_readme(command: str, readme: str) -> bool:
    """Is ``command`` one the README gives: the same words, or ``algca grade``/``make workshop``
    with an assignment of the course and options from the README's tables?"""
    if command in commands(readme):
        return True
    words = shlex.split(command)
    if words[:2] in (["algca", "grade"], [".venv/bin/algca", "grade"]):
        assignment, options = words[2], [w for w in words[3:] if w.startswith("--")]
        return (ROOT / "exercises" / "source" / assignment).is_dir() and set(options) <= (
            readme_options(readme, "grade")
        )
    if words[:2] == ["make", "workshop"] and all(w.startswith("ARGS=") for w in words[2:]):
        options = {w for arg in words[2:] for w in arg[5:].split() if w.startswith("--")}
        return options <= readme_options(readme, "workshop")
    return False


def test_there_are_notes_and_a_guide():
    assert "README.md" in ENGLISH and len(ENGLISH) >= 7


@pytest.mark.parametrize("name", ENGLISH)
def test_every_note_exists_in_three_languages_with_the_same_sections(name):
    english = sections(NOTES / name)
    wanted = GUIDE_SECTIONS if name == "README.md" else LESSON_SECTIONS
    assert english == wanted, f"{name}: the sections must be {wanted}"
    for i, lang in enumerate(("ky", "ru")):
        path = LANGS[lang] / name
        assert path.is_file(), f"{name} has no {lang} edition ({path})"
        assert sections(path) == [SECTIONS[s][i] for s in english], f"{lang}/{name}"


@pytest.mark.parametrize(("lang", "name"), [(lang, n) for n in ENGLISH for lang in LANGS])
def test_every_command_of_a_note_is_one_the_readme_gives(lang, name):
    readme = (ROOT / "README.md").read_text("utf-8")
    path = LANGS[lang] / name
    if not path.is_file():
        pytest.skip("checked by the test above")
    found = commands(path.read_text("utf-8"))
    wrong = [c for c in found if not given_by_readme(c, readme)]
    assert not wrong, f"{lang}/{name} gives commands the README does not: {wrong}"


def test_lesson_notes_grade_with_the_readme_command():
    for lang, folder in LANGS.items():
        for name in ENGLISH:
            if name == "README.md" or not (folder / name).is_file():
                continue
            found = commands((folder / name).read_text("utf-8"))
            assert any("algca grade" in c for c in found), f"{lang}/{name}: no grading command"


def test_the_check_refuses_what_contradicts_the_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert not given_by_readme("nbgrader autograde 01_problem_mapping", readme)
    assert not given_by_readme(".venv/bin/algca grade 99_nothing", readme)
    assert not given_by_readme(".venv/bin/algca grade 04_tariff --everything", readme)
    assert not given_by_readme('make workshop ARGS="--open-to-all"', readme)
    assert given_by_readme('make workshop ARGS="--lan"', readme)
    assert given_by_readme(".venv/bin/algca grade 04_tariff --from /media/usb/submissions", readme)
