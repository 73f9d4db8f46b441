"""The agenda: the file a trainer edits, its checks, the times of day, the one-day version,
the start page's "today", the trainer's notes made from it, and the printed PDFs."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit import agenda as A
from toolkit.errors import ToolkitError
from toolkit.i18n import LANGUAGES, set_language
from toolkit.workshop.catalog import APP_TITLES, NOTEBOOKS_DIR

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("ky")


def edited(tmp_path, old, new):
    text = A.DEFAULT_PATH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "agenda.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_two_days_eleven_sessions_in_the_order_of_the_methods():
    agenda = A.load()
    ids = [s.id for s in agenda.sessions]
    assert len(ids) == 11 and agenda.days == 2
    # 003: priorities → standards → (delivery method, tariff) → plan → monitoring
    order = ["mapping", "gallery", "voting", "standards", "tariff", "delivery", "plan"]
    assert [i for i in ids if i in order] == order
    assert ids.index("monitoring") > ids.index("plan") and ids[-1] == "closing"
    for s in agenda.sessions:
        assert re.match(r"00[0-4]", s.source), s.id  # every session names its seed
        for lang in LANGUAGES:
            for key in ("title", "aim", "produces", "say", "show", "skip", "fallback"):
                assert s.text(key, lang), (s.id, key, lang)
            assert s.key_points(lang)
        if s.lesson:
            assert (NOTEBOOKS_DIR / "ky" / f"{s.lesson}.ipynb").exists(), s.lesson
        for app in s.apps:
            assert app in APP_TITLES, app


def test_kyrgyz_texts_have_kyrgyz_letters_and_no_latin_words():
    agenda = A.load()
    text = " ".join(s.text(k, "ky") for s in agenda.sessions for k in A.TEXT_FIELDS) + " ".join(
        p for s in agenda.sessions for p in s.key_points("ky")
    )
    for letter in "ңөү":
        assert letter in text
    assert set(re.findall(r"[A-Za-z]{2,}", text)) <= {"Word", "Excel"}


def test_times_of_day_and_breaks():
    slots = A.timetable(A.load())
    day1 = [s for s in slots if s.day == 1]
    assert (day1[0].start, day1[-1].end) == ("09:00", "17:00")
    assert [s.kind for s in day1].count("lunch") == 1
    for a, b in zip(slots, slots[1:], strict=False):
        if a.day == b.day:
            assert a.end == b.start
    later = A.timetable(A.load(), start="08:30")
    assert later[0].start == "08:30" and later[0].end == "09:30"


def test_one_day_version_chosen_sessions_with_lunch_and_coffee():
    agenda = A.load()
    day = A.one_day(agenda)
    ids = [s.session.id for s in day if s.session]
    assert ids == [s.id for s in agenda.sessions if s.one_day]
    assert [s.kind for s in day].count("lunch") == 1
    assert all(s.day == 1 for s in day)
    assert day[-1].kind == "session"
    short = A.one_day(agenda, ["closing", "tariff"], start="10:00")
    assert [s.session.id for s in short if s.session] == ["tariff", "closing"]
    assert short[0].start == "10:00" and short[0].minutes == 75


def test_unknown_session_is_named(english):
    with pytest.raises(ToolkitError, match="no session «nope»"):
        A.one_day(A.load(), ["nope"])


@pytest.mark.parametrize(
    ("old", "new", "column", "words"),
    [
        ("minutes = 90", "minutes = 0", "minutes", "from 5 to 480"),
        ('break_after = "lunch"', 'break_after = "tea"', "break_after", "«tea»"),
        ('title.ru = "Карта территории и дерево проблем"\n', "", "title.ru", "is missing"),
        ('paper = ["tree"]', 'paper = ["poster"]', "paper", "no printed sheet «poster»"),
        ('id = "gallery"', 'id = "mapping"', "id", "Two sessions"),
        ('start = "09:00"', 'start = "9h"', "start", "not a time of day"),
        ("day = 2\nminutes = 90", "day = 3\nminutes = 90", "day", "from 1 to 2"),
    ],
)
def test_a_mistake_names_the_line_and_field(tmp_path, english, old, new, column, words):
    path = edited(tmp_path, old, new)
    with pytest.raises(ToolkitError) as info:
        A.load(path)
    assert words in info.value.message
    assert info.value.where["column"] == column
    line = path.read_text(encoding="utf-8").splitlines()[info.value.where["row"] - 1]
    assert line.strip().startswith(column.split(".")[0]) or column.startswith("title")


def test_broken_file_gives_a_line(tmp_path, english):
    path = edited(tmp_path, 'id = "voting"', 'id = "voting')
    with pytest.raises(ToolkitError, match="not written correctly") as info:
        A.load(path)
    assert info.value.where["row"] > 1


def test_messages_are_translated(tmp_path):
    path = edited(tmp_path, "minutes = 90", "minutes = 0")
    set_language("ru")
    try:
        with pytest.raises(ToolkitError, match="минуты должны быть целым числом"):
            A.load(path)
    finally:
        set_language("ky")


def test_today_follows_the_date_and_the_clock(tmp_path):
    path = edited(tmp_path, 'first_day = ""', 'first_day = "2026-12-02"')
    agenda = A.load(path)
    view = A.today(agenda, "ru", dt.datetime(2026, 12, 3, 13, 30))
    assert view["day"] == 2 and view["heading"] == "День 2"
    now = [s for s in view["slots"] if s["now"]]
    assert len(now) == 1 and now[0]["lesson"] == "05_action_plan"


def test_landing_page_shows_today_with_links(monkeypatch):
    from toolkit.workshop import pages

    block = pages.today_block(
        "ky", ["map_board"], {"01_problem_mapping": "ky"}, dt.datetime(2026, 12, 2, 12, 0)
    )
    assert "Бүгүн: 1-күн" in block
    assert 'href="/lesson/ky/01_problem_mapping"' in block
    assert 'href="/voila/render/ky/map_board.ipynb"' in block
    assert "problem_tree.ipynb" not in block  # an app the workshop does not serve gets no link
    monkeypatch.setenv(A.ENV_VAR, "/nonexistent/agenda.toml")
    assert "algca-agenda-error" in pages.today_block("ky")


def test_session_notes_are_made_from_the_agenda():
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_session_notes.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout
    page = (ROOT / "docs/instructor/sessions/ky/09_plan.md").read_text(encoding="utf-8")
    for heading in ("Эмне айтуу керек", "Эмне көрсөтүү керек", "Проектор же ноутбук жок болсо"):
        assert f"## {heading}" in page
    assert "algca print plan --lang ky" in page


# ------------------------------------------------------------------------- PDFs

POPPLER = shutil.which("pdftotext") and shutil.which("pdftoppm")


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


EXPECTED = {
    "agenda": {"ky": ["1-күн", "Кофе-тыныгуу", "Түшкү тамак"], "ru": ["День 2", "Обед"]},
    "handouts": {"ky": ["Негизги ойлор", "1900"], "ru": ["Ключевые моменты", "№ 83"]},
    "cards": {"ky": ["Көйгөй карточкасы", "Кимдер жабыркайт"], "ru": ["Карточка проблемы"]},
    "tree": {"ky": ["Себептер", "Кесепеттер"], "ru": ["Причины", "Последствия"]},
    "voting": {"ky": ["компетенциясындабы", "СЭӨПте"], "ru": ["компетенции", "ПСЭР"]},
    "tariff": {"ky": ["Амортизация", "№83", "76,92"], "ru": ["выручка", "76,92"]},
    "standards": {"ky": ["Жеткиликтүүлүк", "Ыңгайлуулук"], "ru": ["Доступность"]},
    "plan": {"ky": ["Жооптуу", "6.3"], "ru": ["Ответственный", "Ресурсы", "6.3"]},
}


@pytest.mark.slow
@pytest.mark.skipif(not POPPLER, reason="needs poppler-utils (pdftotext, pdftoppm)")
@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_every_sheet_prints_with_its_letters(tmp_path, lang):
    from toolkit.charts import paper

    everything = ""
    for what in paper.SHEETS:
        path = paper.write_pdf(what, tmp_path / f"{what}.pdf", lang)
        text = pdf_text(path)
        squeezed = re.sub(r"\s+", " ", text)
        for word in EXPECTED[what][lang]:
            assert word in squeezed, (what, word)
        if lang == "ky":
            assert set("ңөү") & set(text.lower()), what
            everything += text
        subprocess.run(
            ["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / what)],
            check=True,
            capture_output=True,
        )
        assert list(tmp_path.glob(f"{what}*.png"))
    if lang == "ky":
        assert set("ңөү") <= set(everything)
    handouts = pdf_text(tmp_path / "handouts.pdf")
    assert handouts.count("\f") == 11  # one page per session


@pytest.mark.slow
@pytest.mark.skipif(not POPPLER, reason="needs poppler-utils (pdftotext, pdftoppm)")
def test_print_command_one_day(tmp_path):
    from toolkit import cli

    assert cli.main(["print", "agenda", "--one-day", "--lang", "ru", "--out", str(tmp_path)]) == 0
    text = re.sub(r"\s+", " ", pdf_text(tmp_path / "agenda_one_day_ru.pdf"))
    assert "Однодневный вариант" in text and "Обед" in text
    assert "Галерея проблем" not in text  # not in the one-day version
    assert cli.main(["print", "agenda", "--agenda", str(tmp_path / "none.toml")]) == 2


def test_the_agenda_file_ships_with_the_package():
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "*.toml" in pyproject["tool"]["setuptools"]["package-data"]["*"]
    assert A.DEFAULT_PATH.parent.name == "toolkit"


SEED_DIRS = [ROOT / "datasets" / "seeds", ROOT.parent / "shared" / "seeds"]
SEEDS = next((d for d in SEED_DIRS if d.is_dir()), None)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).replace("- ", "-").strip()


@pytest.mark.skipif(SEEDS is None, reason="the seed documents are not next to the repository")
def test_every_quoted_source_is_in_its_seed():
    """Each «…» quotation in a session's source is found word for word in the seed it names."""
    seeds = {p.name[:3]: squash(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")}
    agenda = A.load()
    checked = 0
    for text in [agenda.source] + [s.source for s in agenda.sessions]:
        for seed, part in re.findall(r"(00\d): (.*?)(?= 00\d: |$)", text):
            quotes = re.findall(r"«(.*?)»(?=[,.]|\s|$)", part)
            assert quotes, (seed, part)
            for quote in quotes:
                for piece in re.split(r"…", quote):
                    piece = squash(piece).strip(" .")
                    if len(piece) > 3:
                        assert piece in seeds[seed], (seed, piece)
                        checked += 1
    assert checked >= 25


def test_what_to_show_names_each_app_as_the_start_page_does():
    from toolkit.workshop.catalog import app_title

    for s in A.load().sessions:
        for lang in LANGUAGES:
            for app in s.apps:
                assert f"«{app_title(app, lang)}»" in s.text("show", lang), (s.id, app, lang)


def test_a_word_wider_than_its_column_is_cut_with_a_hyphen():
    from toolkit.charts.paper import _width, _wrap

    lines = _wrap("ЖӨБдүн компетенциясындабы? (ооба / жок)", 0.8, 10, True)
    assert all(_width(line, 10, True) <= 0.8 for line in lines)
    assert "".join(line.removesuffix("-") for line in lines[1:4]) == "компетенциясындабы?"


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_page_sheets_stay_on_one_page(lang):
    from toolkit.charts import paper

    for what in ("cards", "tree", "voting", "tariff", "standards"):
        pages = re.findall(rb"/Type\s*/Page(?!s)", paper.pdf_bytes(what, lang))
        assert len(pages) == 1, (what, lang)
