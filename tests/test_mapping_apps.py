"""Do the mapping apps react to a trainer's input, keep the work, and stay calm on bad input?"""

from __future__ import annotations

import base64
import datetime
import io
import re

import pytest

import toolkit
from toolkit.apps import mapping as apps

GROUP = "1-топ"


@pytest.fixture(autouse=True)
def workshop_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ALGCA_DATA_DIR", str(tmp_path))
    toolkit.set_language("ky")
    yield tmp_path
    toolkit.set_language("ky")


def message(frame) -> str:
    return "".join(o["data"]["text/plain"] for o in frame.message_area.outputs)


def upload(widget, name, content):
    widget.value = (
        {
            "name": name,
            "type": "",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": datetime.datetime(2026, 5, 1, tzinfo=datetime.timezone.utc),
        },
    )


def png(width=600, height=400) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (width, height), (230, 220, 190)).save(buf, format="PNG")
    return buf.getvalue()


def test_the_app_contract_classes():
    frame = apps.app()
    board = frame.app
    assert "algca-primary-input" in board.text._dom_classes
    assert "algca-live-output" in board.live._dom_classes
    editor = apps.tree_editor(group=GROUP).app
    assert "algca-primary-input" in editor.text._dom_classes
    assert "algca-live-output" in editor.live._dom_classes


def test_typing_a_problem_previews_it_and_placing_keeps_it(workshop_folder):
    board = apps.map_board(group=GROUP).app
    before = board.live.value
    board.place.value, board.category.value = "tosh-bulak", "roads"
    board.text.value = "Көпүрө бузулган"
    assert board.live.value != before  # the draft marker is drawn as the text is typed
    n = len(board.cmap.problems)
    board.reporter.value = "Демилгелүү топ"
    board.add.click()
    assert len(board.cmap.problems) == n + 1 and board.text.value == ""
    row = board.cmap.problems.iloc[-1]
    assert (row["place_id"], row["category"], row["reported_by"]) == (
        "tosh-bulak",
        "roads",
        "Демилгелүү топ",
    )
    again = apps.MapBoard(group=GROUP)  # the laptop restarts: the problem is still there
    assert again.cmap.problems["problem"].iloc[-1] == "Көпүрө бузулган"
    assert "Көпүрө бузулган" in base64.b64decode(
        re.search(r'href="data:text/csv;base64,([^"]+)"', again.downloads.children[1].value)[1]
    ).decode("utf-8-sig")


def test_moving_and_removing_a_marker():
    board = apps.MapBoard(group=GROUP)
    first = board.cmap.problems["problem_id"].iloc[0]
    board.chosen.value = first  # choosing a marker shows where it is and its service
    assert (board.place.value, board.category.value) == ("ak-kyya", "drinking-water")
    board.place.value, board.category.value = "orto-saz", "roads"
    board.move.click()
    row = board.cmap.problems.set_index("problem_id").loc[first]
    assert (row["place_id"], row["category"]) == ("orto-saz", "roads")
    n = len(board.cmap.problems)
    board.chosen.value = first
    board.remove.click()
    assert len(board.cmap.problems) == n - 1


@pytest.mark.parametrize("lang, words", [("ky", "жазыңыз"), ("ru", "напишите"), ("en", "Write")])
def test_an_empty_problem_gives_a_message_not_a_traceback(lang, words):
    toolkit.set_language(lang)
    frame = apps.map_board(group=GROUP)
    frame.app.add.click()
    assert words in message(frame).lower() or words in message(frame)
    assert "Traceback" not in message(frame)


@pytest.mark.parametrize(
    "lang, words", [("ky", "сүрөт эмес"), ("ru", "не изображение"), ("en", "not a picture")]
)
def test_a_file_that_is_not_a_photo(lang, words):
    toolkit.set_language(lang)
    frame = apps.map_board(group=GROUP)
    upload(frame.app.upload, "problems.xlsx", b"PK\x03\x04 not a photo")
    assert words in message(frame) and "problems.xlsx" in message(frame)
    assert frame.app.photo is None


def test_a_photo_too_large():
    frame = apps.map_board(group=GROUP)
    frame.app.max_pixels = 1000
    upload(frame.app.upload, "карта.png", png())
    assert "өтө чоң" in message(frame) and "600 × 400" in message(frame)
    assert frame.app.photo is None
    frame.app.max_pixels, frame.app.max_bytes = 10**7, 100
    upload(frame.app.upload, "карта2.png", png(300, 300))
    assert "өтө чоң" in message(frame) and "МБ" in message(frame)


def test_a_photo_is_placed_by_reference_points():
    frame = apps.map_board(group=GROUP)
    board = frame.app
    upload(board.upload, "карта.png", png())
    assert board.photo is not None and "onclick=" in board.photo_view.value
    board.fit.click()
    assert "таяныч чекит" in message(frame)  # no reference point chosen yet
    for i, (place, px, py) in enumerate(
        [("ak-kyya", 100, 60), ("kara-saz", 200, 350), ("ak-bulun", 520, 200)]
    ):
        board.ref_places[i].value = place
        board.click.value = f"{px},{py},{i}"  # what a click on the photo writes
    assert [(x.value, y.value) for x, y in zip(board.ref_x, board.ref_y, strict=True)] == [
        (100, 60),
        (200, 350),
        (520, 200),
    ]
    assert board.ref_row.value == 0  # back to the first row after the third click
    before = board.live.value
    board.fit.click()
    assert message(frame) == ""
    assert board.transform is not None and board.live.value != before
    board.drop_photo.click()
    assert board.photo is None


def test_switching_the_map_and_the_language():
    frame = apps.map_board(group=GROUP)
    frame.app.case.value = "birinchi-may"
    assert "airy-tam-pipe" in set(frame.app.cmap.places["place_id"])
    frame.picker.value = "ru"
    assert "Проблемы по сёлам" in frame.app.matrix.value


def test_tree_editor_adds_removes_and_restores():
    frame = apps.tree_editor(group=GROUP)
    editor = frame.app
    assert "Башкаруу начар" in toolkit.mapping.causes(editor.tree)  # the strategy's example
    core = "Таза суу толук кандуу жетпейт"
    editor.core.value = core
    editor.new_tree.click()
    for cause in ("Суу түтүктөрү эски", "Башкаруу начар"):
        editor.text.value = cause
        editor.add.click()
    assert toolkit.mapping.causes(editor.tree) == ["Суу түтүктөрү эски", "Башкаруу начар"]
    editor.side.value = "cause"
    editor.of.value = "Суу түтүктөрү эски"
    before = editor.live.value
    editor.text.value = "Суу түтүктөрүн алмаштырууга каражат жок"
    assert editor.live.value != before  # the draft box shows while typing
    editor.add.click()
    assert editor.tree.edges[-1] == (
        "Суу түтүктөрүн алмаштырууга каражат жок",
        "Суу түтүктөрү эски",
    )
    editor.side.value = "effect"
    editor.text.value = "Калк көчүп кетет"
    editor.of.value = core
    editor.add.click()
    assert "Калк көчүп кетет" in toolkit.mapping.effects(editor.tree)
    editor.text.value = "Башкаруу начар"
    editor.add.click()
    assert "мурунтан эле бар" in message(frame)
    editor.chosen.value = "Суу түтүктөрү эски"
    editor.remove.click()
    assert "Суу түтүктөрүн алмаштырууга каражат жок" not in editor.tree.labels
    again = apps.TreeEditor(group=GROUP)
    assert again.tree == editor.tree


def test_tree_editor_objectives_are_checked():
    frame = apps.tree_editor(group=GROUP)
    editor = frame.app
    editor.chosen.value = editor.tree.core
    editor.goal.value = "Таза суу жетпейт эмес"
    editor.save_goal.click()
    assert "терс сөздөр" in message(frame) and editor.rewrites == {}
    editor.goal.value = "Бардык үйлөр таза суу менен камсыз болот"
    editor.save_goal.click()
    assert editor.rewrites == {editor.tree.core: "Бардык үйлөр таза суу менен камсыз болот"}
    assert "data:image/png" in editor.objectives.value
    editor.core.value = "Таштанды чыгарылбайт"
    editor.new_tree.click()
    assert len(editor.tree) == 1 and editor.objectives.value == ""


def test_two_groups_keep_their_own_map_and_tree():
    """Two participants' screens in two groups: neither overwrites the other's work."""
    first, second = apps.MapBoard(group="1-топ"), apps.MapBoard(group="2-топ")
    first.place.value, first.text.value = "kara-saz", "Көпүрө бузулган"
    first.add_problem()
    second.place.value, second.text.value = "ak-kyya", "Суу жок"
    second.add_problem()
    assert "Көпүрө бузулган" in set(apps.MapBoard(group="1-топ").cmap.problems["problem"])
    assert "Көпүрө бузулган" not in set(apps.MapBoard(group="2-топ").cmap.problems["problem"])
    assert "Суу жок" in set(apps.MapBoard(group="2-топ").cmap.problems["problem"])
    tree_1, tree_2 = apps.TreeEditor(group="1-топ"), apps.TreeEditor(group="2-топ")
    tree_1.start("Таштанды чыгарылбайт")
    tree_2.start("Жол бузулган")
    assert apps.TreeEditor(group="1-топ").tree.core == "Таштанды чыгарылбайт"
    assert apps.TreeEditor(group="2-топ").tree.core == "Жол бузулган"


def test_the_trainer_opens_a_groups_tree_on_the_projector():
    apps.TreeEditor(group="3-топ").start("Жол бузулган")
    projector = apps.tree_editor()
    assert "3-топ" in projector.app.group_bar.group.options  # the saved groups are listed
    projector.app.group_bar.group.value = "3-топ"
    projector.app.group_bar.open.click()
    assert projector.app.tree.core == "Жол бузулган"


def test_a_stale_screen_does_not_overwrite_the_groups_newer_tree():
    laptop, phone = apps.TreeEditor(group=GROUP), apps.TreeEditor(group=GROUP)
    laptop.start("Таштанды чыгарылбайт")
    frame = apps.tree_editor(group=GROUP)
    phone = frame.app
    laptop.text.value = "Машина жок"
    laptop.add_statement()
    phone.text.value = "Акча жок"
    phone.add.click()  # the phone read the tree before the laptop's cause: refused, not lost
    assert "башка экран" in message(frame).lower()
    assert "Машина жок" in phone.tree.labels  # it shows the laptop's work now
    assert "Машина жок" in apps.TreeEditor(group=GROUP).tree.labels


def test_a_damaged_tree_file_is_kept_aside_with_a_message(workshop_folder):
    folder = workshop_folder / "state" / "problem_tree"
    folder.mkdir(parents=True)
    (folder / f"{GROUP}.json").write_text('{"core": "x", "links": 5}', encoding="utf-8")
    frame = apps.tree_editor(group=GROUP)
    assert "бузулган" in message(frame) and GROUP in message(frame)
    kept = list(folder.glob("*.damaged-*"))
    assert [p.read_text(encoding="utf-8") for p in kept] == ['{"core": "x", "links": 5}']
    frame.app.start("Жол бузулган")  # the fresh start is saved beside the kept copy
    assert len(list(folder.glob("*.damaged-*"))) == 1


def test_emoji_in_a_participants_statement_are_drawn_as_symbols_not_empty_boxes():
    """The charts' font has no emoji: a common one becomes a symbol it has, and drawing the
    tree gives no "glyph missing" warning (warnings are errors in the tests)."""
    editor = apps.TreeEditor(group=GROUP)
    editor.start("Суу жок 😢🚧")
    editor.text.value = "Түтүк эски 🚧👍"
    editor.add_statement()
    assert "data:image/png" in editor.live.value
    assert toolkit.plots.drawable("Түтүк эски 🚧👍") == "Түтүк эски ✔"
