"""Tests of toolkit.gallery: cards, remarks, merging, screening, saving, and the
illustrative gallery data of Chet-Nura and the Batken training."""

from __future__ import annotations

import ast
import contextlib
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.seeds import seed_texts
from toolkit import gallery
from toolkit.errors import ToolkitError
from toolkit.gallery import Criterion, Gallery, RemarkType, screen
from toolkit.i18n import set_language

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "datasets" / "data"
CN_VILLAGES = [
    "Орто-Нура",
    "Чет-Нура",
    "Ак-Кыя",
    "Тош-Булак",
    "Кара-Саз",
    "Ийри-Суу",
    "Орто-Саз",
    "Ак-Булун",
]
LATIN = re.compile(r"[A-Za-z]")


@pytest.fixture(autouse=True)
def kyrgyz():
    set_language("ky")
    yield
    set_language("ky")


def table(name: str, case_id: str) -> pd.DataFrame:
    frame = pd.read_csv(DATA / f"{name}.csv", keep_default_na=False)
    return frame[frame["case_id"] == case_id].reset_index(drop=True)


def chet_nura() -> Gallery:
    return Gallery.from_tables(
        table("gallery_cards", "chet-nura"),
        table("gallery_remarks", "chet-nura"),
        villages=CN_VILLAGES,
        case_id="chet-nura",
    )


def small_wall() -> Gallery:
    wall = Gallery(villages=["Ак-Кыя", "Тош-Булак", "Кара-Саз"])
    wall.add_card("1-топ", "Ак-Кыя", "drinking-water", "Таза суу жок", author="Айгүл")
    wall.add_card("2-топ", "Тош-Булак", "drinking-water", "Суу арыктан ташылат", author="Бакыт")
    wall.add_card("2-топ", "Кара-Саз", "waste", "Таштанды чыгарылбайт")
    return wall


def test_all_lists_exactly_the_public_names():
    """Does __all__ name every public object defined in the module, and nothing else?"""
    tree = ast.parse(Path(gallery.__file__).read_text(encoding="utf-8"))
    defined = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            defined |= {t.id for t in targets if isinstance(t, ast.Name)}
    assert set(gallery.__all__) == {n for n in defined if not n.startswith("_")}


def test_cards_get_numbers_and_remark_counts():
    wall = small_wall()
    wall.add_remark(1, "agree")
    wall.add_remark(1, "Макулмын")
    wall.add_remark(2, RemarkType.QUESTION, "Качантан бери?")
    wall.add_remark(3, "Дополнение", "Дарыяга төгүлөт")
    cards = wall.cards()
    assert cards["card_id"].tolist() == [1, 2, 3]
    assert cards.set_index("card_id")[["agree", "question", "addition"]].values.tolist() == [
        [2, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
    ]


def test_merge_keeps_authors_remarks_and_trail():
    """After a merge, is anything of the merged card lost?"""
    wall = small_wall()
    wall.add_remark(1, "agree")
    r = wall.add_remark(2, "question", "Качантан бери?", author="Роза")
    kept = wall.merge(1, 2, text="Ак-Кыя менен Тош-Булакта таза суу жок")
    assert kept.merged_from == (2,)
    assert kept.history == ("Таза суу жок",)
    assert wall.card(2).merged_into == 1 and wall.card(2).text == "Суу арыктан ташылат"
    assert r.card_id == 1 and r.written_on == 2
    row = wall.cards().set_index("card_id").loc[1]
    assert (row["agree"], row["question"]) == (1, 1)
    assert row["authors"] == "Айгүл, Бакыт"
    assert row["villages"] == "Ак-Кыя, Тош-Булак"
    assert len(wall) == 2
    everything = wall.cards(include_merged=True)
    assert everything["card_id"].tolist() == [1, 2, 3]
    assert everything.set_index("card_id").loc[2, "merged_into"] == 1
    # a filter on a merged-in village still finds the merged card
    assert wall.filter(village="Тош-Булак")["card_id"].tolist() == [1]


def test_merging_a_merged_card_forwards_the_whole_trail():
    wall = Gallery()
    for text in ("a", "b", "c"):
        wall.add_card("1-топ", "Ак-Кыя", "waste", text)
    wall.add_remark(3, "agree")
    wall.merge(2, 3)
    wall.merge(1, 2)
    assert wall.card(1).merged_from == (2, 3)
    assert wall.card(3).merged_into == 1 and wall.card(2).merged_into == 1
    assert wall.remarks()["card_id"].tolist() == [1]
    assert [c.card_id for c in wall.members(1)] == [1, 2, 3]


def test_edit_keeps_the_old_text():
    wall = small_wall()
    wall.edit_card(3, text="Таштанды жумасына бир да жолу чыгарылбайт", village="Ак-Кыя")
    card = wall.card(3)
    assert card.history == ("Таштанды чыгарылбайт",) and card.village == "Ак-Кыя"
    assert wall.filter(service="Таштанды чыгаруу")["card_id"].tolist() == [3]


def test_service_can_be_named_in_any_language():
    wall = Gallery()
    assert wall.add_card("1", "Ак-Кыя", "Питьевая вода", "x").service == "drinking-water"
    assert wall.add_card("1", "Ак-Кыя", "Waste collection", "x").service == "waste"


BAD_INPUT = [
    (
        "empty card",
        lambda w: w.add_card("1-топ", "Ак-Кыя", "waste", "  "),
        {"ky": "Карточка бош", "ru": "Карточка пустая", "en": "The card is empty"},
    ),
    (
        "unknown village",
        lambda w: w.add_card("1-топ", "Ак-Кия", "waste", "x"),
        {
            "ky": "Мындай айыл жок: «Ак-Кия»",
            "ru": "Нет такого села: «Ак-Кия»",
            "en": "Unknown village «Ак-Кия»",
        },
    ),
    (
        "unknown service",
        lambda w: w.add_card("1-топ", "Ак-Кыя", "internet", "x"),
        {
            "ky": "Мындай кызмат көрсөтүү чөйрөсү жок: «internet»",
            "ru": "Нет такой сферы услуг",
            "en": "Unknown service area «internet»",
        },
    ),
    (
        "remark on a missing card",
        lambda w: w.add_remark(9, "agree"),
        {
            "ky": "Дубалда 9-карточка жок",
            "ru": "На стене нет карточки № 9",
            "en": "There is no card number 9",
        },
    ),
    (
        "merge with itself",
        lambda w: w.merge(1, 1),
        {
            "ky": "Карточканы өзү менен бириктирүүгө болбойт",
            "ru": "Нельзя объединить карточку с самой собой",
            "en": "A card cannot be merged with itself",
        },
    ),
    (
        "merge different services",
        lambda w: w.merge(1, 3),
        {
            "ky": "ар башка кызмат көрсөтүүлөр",
            "ru": "относятся к разным услугам",
            "en": "different service areas",
        },
    ),
    (
        "unknown remark type",
        lambda w: w.add_remark(1, "like"),
        {
            "ky": "Мындай пикир түрү жок",
            "ru": "Нет такого вида замечания",
            "en": "Unknown remark type",
        },
    ),
    (
        "question without text",
        lambda w: w.add_remark(1, "question"),
        {"ky": "текст керек", "ru": "нужен текст", "en": "needs a text"},
    ),
]


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
@pytest.mark.parametrize(("what", "action", "expected"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_bad_input_gets_a_message_in_the_users_language(lang, what, action, expected):
    """Does every kind of bad input give a clear message in ky, ru and en, and change nothing?"""
    wall = small_wall()
    before = wall.to_dict()
    set_language(lang)
    with pytest.raises(ToolkitError) as err:
        action(wall)
    message = str(err.value)
    assert expected[lang] in message
    if lang == "ky":
        assert not LATIN.search(re.sub(r"«[^»]*»|\{[^}]*\}", "", message)), message
    assert wall.to_dict() == before


def test_merge_of_a_merged_card_is_refused():
    wall = small_wall()
    wall.merge(1, 2)
    with pytest.raises(ToolkitError, match="2-карточка 1-карточкага бириктирилген"):
        wall.add_remark(2, "agree")
    with pytest.raises(ToolkitError):
        wall.merge(2, 1)


def test_a_bad_row_of_a_table_is_named():
    cards = pd.DataFrame(
        {
            "card_id": [1, 2],
            "group": ["1-топ", "1-топ"],
            "village": ["Ак-Кыя", "Ак-Кыя"],
            "service": ["waste", "waste"],
            "text": ["x", ""],
        }
    )
    with pytest.raises(ToolkitError) as err:
        Gallery.from_tables(cards)
    assert err.value.where == {"file": "gallery_cards", "row": 3}
    with pytest.raises(ToolkitError, match="«text»"):
        Gallery.from_tables(cards.drop(columns="text"))


# --- screening ---------------------------------------------------------------------
def test_screening_records_decision_and_reason_for_every_card_and_criterion():
    wall = small_wall()
    own = Criterion("ЖӨБ компетенциясында", lambda card: card["service"] != "healthcare")
    plan = Criterion("СЭӨПтө бар", {1: True, 3: (False, "2018-жылдын СЭӨПүндө жок.")})
    result = screen(wall, [own, plan])
    assert len(result.decisions) == 3 * 2
    assert result.passed == [1] and result.rejected == [3] and result.pending == [2]
    reasons = result.decisions.set_index(["card_id", "criterion"])["reason"]
    assert reasons[(3, "СЭӨПтө бар")] == "2018-жылдын СЭӨПүндө жок."
    assert reasons[(1, "СЭӨПтө бар")] == "«СЭӨПтө бар» деген критерийге туура келет."
    assert reasons[(2, "СЭӨПтө бар")] == "«СЭӨПтө бар» деген критерий боюнча али жооп жок."
    wide = result.table()
    assert wide.loc[3].tolist() == ["✓", "✗", "өткөн жок"]


def test_screening_reasons_follow_the_language():
    wall = small_wall()
    set_language("ru")
    result = screen(wall, [Criterion("ПСЭР", {"waste": "нет"}, by="service")])
    assert set(result.decisions["decision_label"]) == {"нет", "нет ответа"}
    assert "Не соответствует критерию «ПСЭР»." in result.decisions["reason"].tolist()


def test_screening_bad_answers():
    wall = small_wall()
    with pytest.raises(ToolkitError, match="«ооба» же «жок»"):
        screen(wall, [Criterion("СЭӨП", {1: "мүмкүн"})])
    with pytest.raises(ToolkitError, match="жок дегенде бир критерий"):
        screen(wall, [])


# --- saving ------------------------------------------------------------------------
def test_save_and_load_give_back_the_same_wall(tmp_path):
    wall = small_wall()
    wall.add_remark(1, "agree", author="Роза")
    wall.merge(1, 2)
    path = wall.save(tmp_path / "wall.json")
    assert [p.name for p in tmp_path.iterdir()] == ["wall.json"]  # no temporary file left
    again = Gallery.load(path)
    assert again.to_dict() == wall.to_dict()
    pd.testing.assert_frame_equal(again.cards(), wall.cards())
    assert json.loads(path.read_text(encoding="utf-8"))["cards"][0]["text"] == "Таза суу жок"


def test_a_damaged_save_gives_a_message(tmp_path):
    bad = tmp_path / "wall.json"
    bad.write_text('{"cards": [', encoding="utf-8")
    with pytest.raises(ToolkitError, match="Сакталган галереяны окуу мүмкүн эмес"):
        Gallery.load(bad)
    bad.write_text('{"cards": [{"x": 1}], "remarks": []}', encoding="utf-8")
    with pytest.raises(ToolkitError):
        Gallery.load(bad)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 6), st.integers(1, 6)), max_size=8),
    st.lists(st.integers(1, 6), max_size=10),
)
def test_merges_never_lose_a_card_or_a_remark(merges, remarked):
    """Whatever merges are made, is every card and remark still accounted for?"""
    wall = Gallery()
    for i in range(6):
        wall.add_card(f"{i % 2 + 1}-топ", "Ак-Кыя", "waste", f"карточка {i + 1}")
    for card_id in remarked:
        wall.add_remark(card_id, "agree")
    for keep, other in merges:
        with contextlib.suppress(ToolkitError):
            wall.merge(keep, other)
    cards = wall.cards()
    assert cards[["agree"]].sum().item() == len(remarked)
    on_wall = set(cards["card_id"])
    trail = {i for ids in cards["merged_from"] for i in (map(int, ids.split(", ")) if ids else [])}
    assert on_wall.isdisjoint(trail) and on_wall | trail == set(range(1, 7))
    for card in wall.cards(include_merged=True).itertuples():
        assert (card.card_id in on_wall) == pd.isna(card.merged_into)


# --- the illustrative data agree with the observed outcomes --------------------------
def test_chet_nura_screening_selects_exactly_the_three_priority_services():
    """Do the two criteria of 003 leave exactly clean water, waste and irrigation?"""
    wall = chet_nura()
    criteria = gallery.criteria_from_table(table("gallery_screening", "chet-nura"))
    assert [c.criterion_id for c in criteria] == ["1", "2"]
    result = screen(wall, criteria)
    passed = set(wall.cards().set_index("card_id").loc[result.passed, "service"])
    assert passed == {"drinking-water", "waste", "irrigation"}
    assert not result.pending
    rejected = wall.cards().set_index("card_id").loc[result.rejected, "service"]
    assert set(rejected) == {"healthcare", "street-lighting", "roads"}


def test_chet_nura_agree_remarks_follow_the_vote_order():
    """Agree remarks by service follow the order of the votes in 003 (priority_services:
    clean water > waste > irrigation), the most-agreed card being about the first service."""
    from toolkit.cases import load_case

    order = (
        load_case("chet-nura")
        .tables["priority_services"]
        .sort_values("rank")["service_id"]
        .tolist()
    )
    wall = chet_nura()
    by_service = wall.cards().groupby("service")["agree"].sum()
    assert by_service[order].is_monotonic_decreasing and by_service[order].is_unique
    assert by_service.idxmax() == order[0]
    assert gallery.most_agreed(wall.remarks()) == [1]


def test_chet_nura_duplicates_merge_and_villages_are_known():
    wall = chet_nura()
    assert len(wall) == 13
    wall.merge(1, 2)
    wall.merge(6, 7)
    assert len(wall) == 11
    assert (
        wall.cards()["agree"].sum()
        == table("gallery_remarks", "chet-nura")["remark_type"].eq("agree").sum()
    )
    assert set(table("gallery_cards", "chet-nura")["village"]) <= set(CN_VILLAGES)


def observed_batken_directions() -> dict[str, str]:
    """Each Batken municipality's most-voted direction, read from the observed table
    training_directions (001) through load_case: {municipality_id: direction id}."""
    from toolkit.cases import load_case

    directions = load_case("batken-training").tables["training_directions"]
    directions = directions[
        (directions["kind"] == "observed") & (directions["rank"].astype(int) == 1)
    ]
    assert not directions["municipality_id"].duplicated().any()
    return dict(zip(directions["municipality_id"], directions["direction"], strict=True))


def test_batken_top_card_of_each_municipality_is_its_most_voted_direction():
    """Is the most-agreed card of each municipality the direction 001 records as most voted?"""
    cards_table = table("gallery_cards", "batken-training")
    wall = Gallery.from_tables(cards_table, table("gallery_remarks", "batken-training"))
    cards = wall.cards().merge(
        cards_table[["card_id", "municipality_id"]].astype({"card_id": int}),
        on="card_id",
        validate="one_to_one",
    )
    top = {}
    for municipality, rows in cards.groupby("municipality_id"):
        best = rows[rows["agree"] == rows["agree"].max()]
        assert len(best) == 1, municipality
        top[municipality] = best["service"].item()
    assert top == observed_batken_directions()


def test_batken_wall_knows_the_municipalities_of_the_training():
    """Does the Batken wall offer the five municipalities of training_municipalities, and refuse others?"""
    from toolkit.cases import load_case

    case = load_case("batken-training")
    wall = Gallery.from_case(case)
    assert wall.villages == case.tables["training_municipalities"]["name_ky"].tolist()
    with pytest.raises(ToolkitError, match="Мындай айыл жок"):
        wall.add_card("1-топ", "Ак-Кыя", "waste", "x")


def test_gallery_cards_name_the_villages_and_municipalities_of_the_observed_tables():
    """Do the ids and the Kyrgyz names of the cards' villages / municipalities agree?"""
    from toolkit.cases import load_case

    municipalities = load_case("batken-training").tables["training_municipalities"]
    names = dict(zip(municipalities["municipality_id"], municipalities["name_ky"], strict=True))
    batken = table("gallery_cards", "batken-training")
    assert (batken["municipality_id"].map(names) == batken["village"]).all()
    assert (batken["village_id"] == "").all()
    villages = load_case("chet-nura").tables["villages"]
    names = dict(zip(villages["village_id"], villages["name_ky"], strict=True))
    cn = table("gallery_cards", "chet-nura")
    assert (cn["village_id"].map(names) == cn["village"]).all()
    assert (cn["municipality_id"] == "").all()


def test_provenance_of_the_gallery_tables():
    seeds = seed_texts(collapse=False)
    for name in ("gallery_cards", "gallery_remarks", "gallery_screening"):
        frame = pd.read_csv(DATA / f"{name}.csv", keep_default_na=False)
        assert set(frame["kind"]) <= {"observed", "derived", "illustrative"}
        assert (frame["note"] != "").all()
        for row in frame[frame["source_file"] != ""].itertuples():
            assert row.source_text in seeds[row.source_file], (name, row.source_text)
        assert (frame.loc[frame["kind"] != "illustrative", "source_text"] != "").all()


def test_from_case_reads_villages_from_places():
    class Case:
        case_id = "chet-nura"
        tables = {
            "gallery_cards": pd.read_csv(DATA / "gallery_cards.csv", keep_default_na=False),
            "gallery_remarks": pd.read_csv(DATA / "gallery_remarks.csv", keep_default_na=False),
            "places": pd.DataFrame(
                {
                    "case_id": ["chet-nura"] * 3,
                    "name": ["Ак-Кыя", "Суу түтүгү", "Ак-Булун"],
                    "place_type": ["village", "object", "village"],
                }
            ),
        }

    wall = Gallery.from_case(Case())
    assert len(wall) == 13 and wall.case_id == "chet-nura"
    assert "Ак-Кыя" in wall.villages and "Суу түтүгү" not in wall.villages
    with pytest.raises(ToolkitError, match="Мындай айыл жок"):
        wall.add_card("1-топ", "Суу түтүгү", "waste", "x")


def test_gallery_agrees_with_the_chet_nura_tables_of_003():
    """Are the cards' villages Chet-Nura's villages, and do the criteria select its priority services?"""
    villages = set(table("villages", "chet-nura")["name_ky"])
    assert set(table("gallery_cards", "chet-nura")["village"]) <= villages
    priority = table("priority_services", "chet-nura")
    wall = chet_nura()
    result = screen(wall, gallery.criteria_from_table(table("gallery_screening", "chet-nura")))
    passed = set(wall.cards().set_index("card_id").loc[result.passed, "service"])
    assert passed == set(priority["service_id"])
    criteria = table("selection_criteria", "chet-nura")
    assert sorted(criteria["criterion_no"]) == sorted(
        table("gallery_screening", "chet-nura")["criterion_no"].unique()
    )


def test_batken_cards_offer_the_items_of_the_batken_ballots():
    """Does every Batken municipality's gallery hold exactly the items its ballots vote on?"""
    ballots = table("ballots", "batken-training")
    cards = table("gallery_cards", "batken-training")
    assert (
        set(cards["municipality_id"])
        == set(ballots["municipality_id"])
        == set(observed_batken_directions())
    )
    for municipality, rows in cards.groupby("municipality_id"):
        vote = ballots[ballots["municipality_id"] == municipality]
        assert set(vote["item"]) == set(rows["service"]), municipality


@pytest.mark.parametrize(
    ("lang", "reason"),
    [
        ("ky", "Дарыгерлер мамлекеттик саламаттык сактоо системасына карайт."),
        ("ru", "Врачи относятся к государственной системе здравоохранения."),
        ("en", "Doctors belong to the state health system."),
    ],
)
def test_screening_reasons_of_the_data_come_in_the_users_language(lang, reason):
    set_language(lang)
    result = screen(
        chet_nura(), gallery.criteria_from_table(table("gallery_screening", "chet-nura"))
    )
    reasons = result.decisions.set_index(["card_id", "criterion_id"])["reason"]
    assert reasons[(10, "1")] == reason


def test_a_case_without_gallery_cards_gets_a_message():
    class Case:
        case_id, name, tables = "teploklyuchenka", "Теплоключенка", {"livestock": pd.DataFrame()}

    with pytest.raises(ToolkitError, match="Теплоключенка.*галереясынын карточкалары жок"):
        Gallery.from_case(Case())


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from([True, False, None, "ооба", "жок", "да", "no"]), min_size=6, max_size=6
    ),
    st.lists(st.sampled_from([True, False]), min_size=6, max_size=6),
)
def test_screening_sorts_every_card_into_exactly_one_verdict(first, second):
    wall = Gallery()
    for i in range(6):
        wall.add_card("1-топ", "Ак-Кыя", "waste", f"карточка {i + 1}")
    answers_1 = {i + 1: a for i, a in enumerate(first) if a is not None}
    result = screen(
        wall, [Criterion("A", answers_1), Criterion("B", lambda c: second[c["card_id"] - 1])]
    )
    groups = [set(result.passed), set(result.rejected), set(result.pending)]
    assert set().union(*groups) == set(range(1, 7)) and sum(map(len, groups)) == 6
    for card_id in range(1, 7):
        yes_1 = first[card_id - 1] in (True, "ооба", "да")
        assert (card_id in result.passed) == (yes_1 and second[card_id - 1])
    assert len(result.decisions) == 12 and result.decisions["reason"].str.len().min() > 0
