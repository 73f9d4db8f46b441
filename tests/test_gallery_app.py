"""The gallery wall app, driven without a browser: set the widgets' values, click the
buttons, and look at the wall, the messages and the autosave file."""

from __future__ import annotations

import base64
import io
import json
import re

import pandas as pd
import pytest

from toolkit.apps import gallery as wall_app
from toolkit.i18n import set_language
from toolkit.paths import data_dir

GROUP = "1-топ"


@pytest.fixture(autouse=True)
def workshop_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ALGCA_DATA_DIR", str(tmp_path))
    set_language("ky")
    yield tmp_path
    set_language("ky")


def saved() -> dict:
    return json.loads(
        (data_dir() / "state" / wall_app.STATE_NAME / f"{GROUP}.json").read_text(encoding="utf-8")
    )


def message(frame) -> str:
    return "".join(o["data"]["text/plain"] for o in frame.message_area.outputs)


def add(body, group, village, service, text):
    body.form.group.value, body.form.village.value = group, village
    body.form.service.value, body.form.text.value = service, text
    body.form.add.click()


def test_a_card_added_is_on_the_wall_saved_and_back_after_a_restart():
    frame = wall_app.app(group=GROUP)
    add(frame.app, "1-топ", "Ак-Кыя", "drinking-water", "Таза суу жок")
    assert "Таза суу жок" in frame.app.live.value
    assert frame.app.form.text.value == ""  # ready for the next card
    assert [c["text"] for c in saved()["cards"]] == ["Таза суу жок"]
    again = wall_app.app(group=GROUP)  # the laptop restarted
    assert "Таза суу жок" in again.app.live.value
    assert "кайра ачылды" in message(again)


def test_remark_buttons_count_and_need_text_for_questions():
    frame = wall_app.app(group=GROUP)
    body = frame.app
    add(body, "1-топ", "Ак-Кыя", "waste", "Таштанды чыгарылбайт")
    add(body, "2-топ", "Кара-Саз", "waste", "Таштанды дарыяга төгүлөт")
    body.remark.card.value = 2
    body.remark.buttons[wall_app.RemarkType.AGREE].click()
    body.remark.buttons[wall_app.RemarkType.AGREE].click()
    body.remark.buttons[wall_app.RemarkType.QUESTION].click()  # no text: refused calmly
    assert "текст керек" in message(frame)
    body.remark.text.value = "Качан чыгарылат?"
    body.remark.buttons[wall_app.RemarkType.QUESTION].click()
    assert message(frame) == ""
    cards = body.state.wall.cards().set_index("card_id")
    assert (cards.loc[2, "agree"], cards.loc[2, "question"], cards.loc[1, "agree"]) == (2, 1, 0)
    assert [r["remark_type"] for r in saved()["remarks"]] == ["agree", "agree", "question"]
    assert "Качан чыгарылат?" in body.live.value


def test_edit_and_merge_keep_the_trail():
    frame = wall_app.app(group=GROUP)
    body = frame.app
    add(body, "1-топ", "Ак-Кыя", "drinking-water", "Таза суу жок")
    add(body, "2-топ", "Тош-Булак", "drinking-water", "Суу арыктан ташылат")
    body.edit.card.value = 2
    assert body.edit.text.value == "Суу арыктан ташылат"  # the form shows the chosen card
    body.edit.text.value = "Сууну арыктан ташыйбыз"
    body.edit.save.click()
    body.merge.keep.value, body.merge.other.value = 1, 2
    body.merge.merge.click()
    assert message(frame) == ""
    cards = {c["card_id"]: c for c in saved()["cards"]}
    assert cards[2]["merged_into"] == 1 and cards[1]["merged_from"] == [2]
    assert cards[2]["history"] == ["Суу арыктан ташылат"]
    assert (
        "Сууну арыктан ташыйбыз" in body.live.value
    )  # the merged-in card is still shown on its card
    assert [o[1] for o in body.merge.keep.options] == [1]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ky", "Карточканы өзү менен"),
        ("ru", "Нельзя объединить карточку"),
        ("en", "A card cannot be merged with itself"),
    ],
)
def test_bad_input_shows_a_message_in_the_language_and_changes_nothing(lang, expected):
    frame = wall_app.app(group=GROUP)
    body = frame.app
    add(body, "1-топ", "Ак-Кыя", "waste", "Таштанды")
    frame.picker.value = lang
    body = frame.app  # drawn again in the new language, with the same wall
    assert "Таштанды" in body.live.value
    before = saved()
    body.merge.keep.value = body.merge.other.value = 1
    body.merge.merge.click()
    assert expected in message(frame)
    add(body, "1-топ", "Ак-Кыя", "waste", "   ")
    assert message(frame) and saved() == before


def test_example_wall_filters_search_and_unknown_village():
    frame = wall_app.app(group=GROUP)
    body = frame.app
    body.files.example.value = "chet-nura"
    body.files.start.click()
    assert len(body.state.wall) == 13
    assert body.live.value.count("class='algca-card'") == 13
    body.filters.village.value = "Кара-Саз"
    shown = re.findall(r"data-card='(\d+)'", body.live.value)
    assert shown == ["3", "8"]
    body.filters.village.value = ""
    body.filters.service.value = "irrigation"
    assert re.findall(r"data-card='(\d+)'", body.live.value) == ["8", "9", "13"]
    body.filters.service.value = ""
    body.search.value = "СПА"
    assert re.findall(r"data-card='(\d+)'", body.live.value) == ["13"]
    body.search.value = ""
    add(body, "1-топ", "Москва", "waste", "Таштанды")
    assert "Мындай айыл жок: «Москва»" in message(frame)
    assert len(body.state.wall) == 13


def test_export_gives_csv_and_excel_of_the_whole_wall():
    frame = wall_app.app(group=GROUP)
    body = frame.app
    body.files.example.value = "batken-training"
    body.files.start.click()
    body.state.wall.merge(1, 7)
    body.files.export.click()
    links = [w.value for w in body.files.links.children]
    assert len(links) == 3
    payloads = [base64.b64decode(re.search(r"base64,([^\"]+)\"", link).group(1)) for link in links]
    cards = pd.read_csv(io.BytesIO(payloads[0]), encoding="utf-8-sig")
    assert len(cards) == 15 and cards.loc[cards["card_id"] == 7, "merged_into"].item() == 1
    remarks = pd.read_csv(io.BytesIO(payloads[1]), encoding="utf-8-sig", keep_default_na=False)
    assert len(remarks) == len(body.state.wall.remarks())
    sheets = pd.read_excel(io.BytesIO(payloads[2]), sheet_name=None)
    assert list(sheets) == ["Карточкалар", "Пикирлер"]
    assert len(sheets["Карточкалар"]) == 15


def test_a_damaged_autosave_is_kept_aside_with_a_message():
    """A damaged wall never silently becomes a new one: the message says so, the file is kept."""
    folder = data_dir() / "state" / wall_app.STATE_NAME
    folder.mkdir(parents=True)
    damaged = '{"cards": [{"card_id": "x"}]}'
    (folder / f"{GROUP}.json").write_text(damaged, encoding="utf-8")
    frame = wall_app.app(group=GROUP)
    assert "бузулган" in message(frame) and GROUP in message(frame)
    kept = list(folder.glob(f"{GROUP}.damaged-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == damaged
    assert kept[0].name in message(frame)
    add(frame.app, "1-топ", "Ак-Кыя", "waste", "Таштанды")
    assert len(saved()["cards"]) == 1
    assert kept[0].read_text(encoding="utf-8") == damaged  # the new card did not replace it


def test_undo_brings_back_the_wall_before_a_mistake():
    frame = wall_app.app(group=GROUP)
    body = frame.app
    assert body.undo_button.disabled
    add(body, "1-топ", "Ак-Кыя", "waste", "Таштанды")
    add(body, "2-топ", "Кара-Саз", "waste", "Таштанды төгүлөт")
    body.merge.keep.value, body.merge.other.value = 1, 2
    body.merge.merge.click()
    assert len(body.state.wall) == 1 and not body.undo_button.disabled
    body.undo_button.click()  # the merge was a mistake
    assert len(body.state.wall) == 2 and len(saved()["cards"]) == 2
    assert all(c["merged_into"] is None for c in saved()["cards"])
    body.merge.keep.value = body.merge.other.value = 1
    body.merge.merge.click()  # refused: nothing to undo from it
    body.undo_button.click()
    body.undo_button.click()
    assert len(body.state.wall) == 0 and body.undo_button.disabled


def test_two_tabs_on_the_same_wall_do_not_overwrite_each_other():
    """The trainer's laptop and the projector show the same wall: are both tabs' cards kept?"""
    laptop, projector = wall_app.app(group=GROUP), wall_app.app(group=GROUP)
    add(laptop.app, "1-топ", "Ак-Кыя", "waste", "Таштанды")
    add(projector.app, "2-топ", "Кара-Саз", "waste", "Таштанды төгүлөт")
    assert [c["text"] for c in saved()["cards"]] == ["Таштанды", "Таштанды төгүлөт"]
    laptop.app.search.value = "төгүлөт"  # any redraw shows the other tab's card
    assert "Таштанды төгүлөт" in laptop.app.live.value


def test_typing_in_the_search_box_changes_the_wall_even_when_it_is_empty():
    """The browser test types in the primary input and waits for the live output to change."""
    body = wall_app.app(group=GROUP).app
    before = body.live.value
    body.search.value = "суу"
    assert body.live.value != before and "«суу»" in body.live.value
    after = body.live.value
    body.search.value = "суу 2"
    assert body.live.value != after


def test_a_broken_cards_table_stops_the_example_wall_with_its_message(tmp_path, monkeypatch):
    """Does a mistake in gallery_cards.csv show the loader's message (file and row), instead of
    a wall read from the unchecked file?"""
    import shutil

    from toolkit import cases
    from toolkit.errors import ToolkitError

    shutil.copytree(cases.data_dir(), tmp_path / "datasets", symlinks=True)
    table = tmp_path / "datasets" / "data" / "gallery_cards.csv"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("chet-nura,1,", "chet-nura,first,", 1)
    table.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setattr(cases, "data_dir", lambda: tmp_path / "datasets")
    with pytest.raises(ToolkitError) as error:
        wall_app.example_wall("chet-nura")
    assert error.value.where["file"] == "gallery_cards.csv" and error.value.where["row"] == 2


def test_two_groups_have_their_own_walls_and_the_trainer_can_open_either():
    one, two = wall_app.app(group="1-топ").app, wall_app.app(group="2-топ").app
    add(one, "1-топ", "Ак-Кыя", "waste", "Таштанды")
    add(two, "2-топ", "Кара-Саз", "roads", "Жол бузулган")
    add(two, "2-топ", "Кара-Саз", "roads", "Көпүрө жок")
    assert [len(one.state.wall), len(two.state.wall)] == [1, 2]
    projector = wall_app.app().app  # the trainer's screen: no group yet, nothing is saved
    assert projector.group_bar.group.options == ("1-топ", "2-топ")
    projector.group_bar.group.value = "2-топ"
    projector.group_bar.open.click()
    assert len(projector.state.wall) == 2 and "Көпүрө жок" in projector.live.value


def test_without_a_group_nothing_is_saved(workshop_folder):
    body = wall_app.app().app
    add(body, "1-топ", "Ак-Кыя", "waste", "Таштанды")
    assert len(body.state.wall) == 1
    assert not (workshop_folder / "state").exists() or not list(
        (workshop_folder / "state").rglob("*.json")
    )


def test_undo_never_deletes_another_screens_newer_card():
    laptop, phone = wall_app.app(group=GROUP), wall_app.app(group=GROUP)
    add(laptop.app, "1-топ", "Ак-Кыя", "waste", "Таштанды")
    add(phone.app, "2-топ", "Кара-Саз", "waste", "Таштанды төгүлөт")
    laptop.app.undo_button.click()  # the laptop's undo would drop the phone's card: refused
    assert "башка экран" in message(laptop).lower()
    assert [c["text"] for c in saved()["cards"]] == ["Таштанды", "Таштанды төгүлөт"]
