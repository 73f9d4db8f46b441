"""Does the mapping module place problems, build trees and refuse bad input clearly?"""

from __future__ import annotations

import io
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import toolkit
from tests.seeds import seed_texts
from toolkit import checks, mapping
from toolkit.errors import ToolkitError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "datasets" / "data"

WATER_LINKS = [
    ("Суу түтүктөрү эски", "Таза суу толук кандуу жетпейт"),
    ("Башкаруу начар", "Таза суу толук кандуу жетпейт"),
    ("Жергиликтүү бюджет тартыш", "Суу түтүктөрү эски"),
    ("Таза суу толук кандуу жетпейт", "Ичүүчү суу санитардык талапка жооп бербейт"),
    ("Ичүүчү суу санитардык талапка жооп бербейт", "Оорулардын саны көбөйдү"),
    ("Таза суу толук кандуу жетпейт", "Бийликке болгон ишеним жоголду"),
]
CORE = "Таза суу толук кандуу жетпейт"


@pytest.fixture(autouse=True)
def kyrgyz():
    toolkit.set_language("ky")
    yield
    toolkit.set_language("ky")


@pytest.fixture
def small_map():
    places = pd.DataFrame(
        {
            "place_id": ["a", "b", "a-school"],
            "name": ["Ак-Кыя", "Тош-Булак", "Ак-Кыя мектеби"],
            "place_type": ["village", "village", "school"],
            "village_id": ["a", "b", "a"],
            "x": [0, 10, 1],
            "y": [0, 5, 1],
        }
    )
    return mapping.community_map(places)


# --- the datasets ---------------------------------------------------------------------


def test_chet_nura_villages_are_the_villages_table():
    """Are the villages on Chet-Nura's map exactly the villages of the strategy table?"""
    villages = pd.read_csv(DATA / "villages.csv")
    villages = villages[villages["case_id"] == "chet-nura"]
    m = mapping.load_map("chet-nura")
    on_map = m.places.loc[m.places["place_type"] == "village"]
    assert sorted(on_map["place_id"]) == sorted(villages["village_id"])
    names = dict(zip(villages["village_id"], villages["name_ky"], strict=True))
    assert all(names[p] == n for p, n in zip(on_map["place_id"], on_map["name"], strict=True))
    no_water = villages.loc[villages["has_clean_water"].astype(str) == "False", "name_ky"]
    assert mapping.villages_lacking(m, "drinking-water") == list(no_water)


def test_birinchi_may_cases_are_located():
    """Are Airy-Tam's pipe, Azhek's dam and the border villages' school transport on the map?"""
    m = mapping.load_map("birinchi-may")
    where = dict(zip(m.problems["problem_id"], m.problems["place_id"], strict=True))
    assert where["bm-1"] == "airy-tam-pipe" and where["bm-2"] == "azhek-dam"
    assert where["bm-3"] == "border-villages"
    assert mapping.villages_lacking(m, "drinking-water") == ["Айры-Там"]
    assert "4,5 км" in m.places.set_index("place_id").at["airy-tam-pipe", "name"]


@pytest.mark.parametrize("table", ["places", "map_problems"])
def test_provenance_is_verbatim(table):
    """Is every observed or derived row's source text really in its seed, and illustrative rows unsourced?"""
    seeds = seed_texts(collapse=False)
    rows = pd.read_csv(DATA / f"{table}.csv", dtype=str, keep_default_na=False)
    assert set(rows["kind"]) <= {"observed", "derived", "illustrative"}
    for _i, row in rows.iterrows():
        if row["kind"] == "illustrative":
            assert row["source_text"] == "" and row["note"]
        else:
            text = row["source_text"]
            assert text and text in seeds[row["source_file"]], text


def test_problem_categories_and_place_types_are_known():
    problems = pd.read_csv(DATA / "map_problems.csv")
    places = pd.read_csv(DATA / "places.csv")
    assert set(problems["category"]) <= set(mapping.CATEGORIES)
    assert set(places["place_type"]) <= set(mapping.PLACE_TYPES)


# --- the community map ----------------------------------------------------------------


def test_functions_return_new_maps(small_map):
    m1 = mapping.add_problem(
        small_map,
        "Ак-Кыя",
        "drinking-water",
        "Таза суу жок",
        reported_by="айыл башчысы",
        lacks_service=True,
    )
    assert len(small_map.problems) == 0 and len(m1.problems) == 1
    m2 = mapping.add_problem(m1, "a-school", "education", "Мектеп суук")
    m3 = mapping.move_problem(m2, "p2", "Тош-Булак")
    assert m2.problems.at[1, "place_id"] == "a-school" and m3.problems.at[1, "place_id"] == "b"
    m4 = mapping.remove_problem(m3, "p1")
    assert list(m4.problems["problem_id"]) == ["p2"]
    m5 = mapping.add_problem(m4, "a", "waste", "Таштанды")
    assert list(m5.problems["problem_id"]) == ["p2", "p3"]
    moved = mapping.move_place(m5, "Ак-Кыя", 3, 4)
    assert tuple(moved.places.loc[0, ["x", "y"]]) == (3.0, 4.0) and m5.places.at[0, "x"] == 0


def test_matrix_counts_every_problem_and_every_village(small_map):
    m = small_map
    for place, cat in [("a", "drinking-water"), ("a-school", "drinking-water"), ("a", "waste")]:
        m = mapping.add_problem(m, place, cat, f"{cat} at {place}")
    matrix = mapping.problem_matrix(m)
    assert list(matrix.columns) == ["Ак-Кыя", "Тош-Булак"]
    assert matrix.loc["drinking-water", "Ак-Кыя"] == 2
    assert matrix["Тош-Булак"].sum() == 0
    assert matrix.to_numpy().sum() == len(m.problems)
    assert mapping.count_by_category(m).to_dict() == {"drinking-water": 2, "waste": 1}
    by_problem = mapping.problem_matrix(m, rows="problem")
    assert by_problem.to_numpy().sum() == 3
    assert list(mapping.problems_at(m, "Ак-Кыя")["category"]) == [
        "drinking-water",
        "drinking-water",
        "waste",
    ]


def test_problems_csv_opens_with_kyrgyz_letters():
    m = mapping.load_map("chet-nura")
    data = mapping.problems_csv(m)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert len(back) == len(m.problems)
    assert "Ак-Кыя" in set(back["village"]) and "Ийри-Суу" in set(back["village"])


@pytest.mark.parametrize(
    "lang, words",
    [("ky", "деген жер картада жок"), ("ru", "нет на карте"), ("en", "There is no place")],
)
def test_unknown_village_is_named_in_the_users_language(small_map, lang, words):
    toolkit.set_language(lang)
    with pytest.raises(ToolkitError) as err:
        mapping.add_problem(small_map, "Ак-Кыйя", "waste", "Таштанды")
    assert words in str(err.value) and "«Ак-Кыйя»" in str(err.value)
    assert "Ак-Кыя" in str(err.value)  # the places that do exist are listed


def test_bad_tables_are_refused_naming_row_and_column():
    places = pd.DataFrame(
        {
            "place_id": ["a", "a"],
            "name": ["A", "B"],
            "place_type": "village",
            "village_id": ["a", "a"],
            "x": [1, 2],
            "y": [1, 2],
        }
    )
    with pytest.raises(ToolkitError) as err:
        mapping.community_map(places, file="places.csv")
    assert err.value.where == {"file": "places.csv", "row": 3, "column": "place_id"}
    places = places.assign(place_id=["a", "b"], village_id=["a", "b"], x=[1, "чыгыш"])
    with pytest.raises(ToolkitError, match="сан болушу керек") as err:
        mapping.community_map(places)
    assert err.value.where["column"] == "x"
    places = places.assign(x=[1, 2], village_id=["a", "z"])
    with pytest.raises(ToolkitError, match="«z»"):
        mapping.community_map(places)
    places = places.assign(village_id=["a", "b"])
    problems = pd.DataFrame(
        {"place_id": ["a", "q"], "category": ["waste", "waste"], "problem": ["x", "y"]}
    )
    with pytest.raises(ToolkitError) as err:
        mapping.community_map(places, problems)
    assert err.value.where["row"] == 3 and "«q»" in str(err.value)
    with pytest.raises(ToolkitError, match="«place_type»"):
        mapping.community_map(places.drop(columns="place_type"))
    with pytest.raises(ToolkitError, match="«нарын»"):
        mapping.load_map("нарын")


# --- the problem tree -----------------------------------------------------------------


def test_causes_effects_roots_and_levels():
    tree = mapping.problem_tree(CORE, WATER_LINKS)
    assert mapping.causes(tree) == [
        "Суу түтүктөрү эски",
        "Башкаруу начар",
        "Жергиликтүү бюджет тартыш",
    ]
    assert mapping.root_causes(tree) == ["Башкаруу начар", "Жергиликтүү бюджет тартыш"]
    assert set(mapping.effects(tree)) == {
        "Ичүүчү суу санитардык талапка жооп бербейт",
        "Оорулардын саны көбөйдү",
        "Бийликке болгон ишеним жоголду",
    }
    lv = mapping.levels(tree)
    assert lv[CORE] == 0 and lv["Жергиликтүү бюджет тартыш"] == -2
    assert lv["Оорулардын саны көбөйдү"] == 2
    table = mapping.links_table(tree)
    assert len(table) == len(WATER_LINKS) and set(table["side"]) == {"cause", "effect"}


def test_a_shared_cause_sits_below_its_lowest_effect():
    """When a cause feeds two statements on different levels, does every arrow still point up?"""
    links = [("b", "P"), ("c", "b"), ("c", "P")]
    tree = mapping.problem_tree("P", links)
    lv = mapping.levels(tree)
    assert lv["c"] == -2
    assert all(lv[a] < lv[b] for a, b in tree.edges)


@pytest.mark.parametrize(
    "lang, words",
    [("ky", "тегеректеп"), ("ru", "замыкаются в круг"), ("en", "go round in a circle")],
)
def test_cycle_is_refused_naming_the_nodes(lang, words):
    toolkit.set_language(lang)
    links = [*WATER_LINKS, ("Таза суу толук кандуу жетпейт", "Жергиликтүү бюджет тартыш")]
    with pytest.raises(ToolkitError) as err:
        mapping.problem_tree(CORE, links)
    assert words in str(err.value) and "Жергиликтүү бюджет тартыш" in str(err.value)


@pytest.mark.parametrize(
    "lang, words",
    [
        ("ky", "негизги көйгөйгө байланышкан эмес"),
        ("ru", "не связана с главной проблемой"),
        ("en", "not connected to the core problem"),
    ],
)
def test_orphan_is_refused_naming_the_node(lang, words):
    toolkit.set_language(lang)
    with pytest.raises(ToolkitError) as err:
        mapping.problem_tree(CORE, [*WATER_LINKS, ("Калк аз", "Мектеп алыс")])
    assert words in str(err.value) and "«Калк аз»" in str(err.value)


def test_unknown_node_self_link_and_empty_text_are_refused():
    with pytest.raises(ToolkitError, match="«x»"):
        mapping.problem_tree("p", [("a", "x")], labels={"p": "Көйгөй", "a": "Себеп"})
    with pytest.raises(ToolkitError, match="өзү менен өзү"):
        mapping.problem_tree("p", [("a", "a")])
    with pytest.raises(ToolkitError, match="бош"):
        mapping.problem_tree("p", [("  ", "p")])
    links = pd.DataFrame({"cause": ["a", None], "effect": ["p", "p"]})
    with pytest.raises(ToolkitError) as err:
        mapping.tree_from_table(links, core="p", file="links.csv")
    assert err.value.where == {"file": "links.csv", "row": 3}
    with pytest.raises(ToolkitError, match="«effect»"):
        mapping.tree_from_table(links.rename(columns={"effect": "натыйжа"}), core="p")


def test_editing_a_tree():
    tree = mapping.problem_tree(CORE, WATER_LINKS)
    t2 = mapping.add_cause(tree, "Тарифтер иштелип чыккан эмес", of="Башкаруу начар")
    assert mapping.root_causes(t2)[-1] == "Тарифтер иштелип чыккан эмес"
    assert "Тарифтер иштелип чыккан эмес" not in tree.labels
    t3 = mapping.add_effect(t2, "Калк көчүп кетет", of="Оорулардын саны көбөйдү")
    assert mapping.levels(t3)["Калк көчүп кетет"] == 3
    t4 = mapping.remove_node(t3, "Суу түтүктөрү эски")
    assert "Жергиликтүү бюджет тартыш" not in t4.labels  # it hung only from the pipes
    with pytest.raises(ToolkitError, match="мурунтан эле бар"):
        mapping.add_cause(t3, "Башкаруу начар")
    with pytest.raises(ToolkitError, match="өчүрүүгө болбойт"):
        mapping.remove_node(t3, CORE)
    with pytest.raises(ToolkitError, match="«Жок сүйлөм»"):
        mapping.add_cause(t3, "Жаңы себеп", of="Жок сүйлөм")


def test_tree_from_the_strategy_factors():
    factors = pd.read_csv(DATA / "problem_factors.csv")
    water = factors[
        (factors["case_id"] == "chet-nura") & (factors["service_id"] == "drinking-water")
    ]
    tree = mapping.tree_from_factors(water, core=CORE)
    assert len(mapping.causes(tree)) == (water["factor_type"] == "cause").sum() - 1
    assert len(mapping.effects(tree)) == (water["factor_type"] == "effect").sum()


@st.composite
def random_trees(draw):
    n = draw(st.integers(min_value=1, max_value=40))
    links = []
    for i in range(1, n):
        parent = draw(st.integers(min_value=0, max_value=i - 1))
        side = draw(st.booleans())
        # a node joins the side of its parent (or either side, at the core)
        links.append((i, parent, side))
    return links


@settings(max_examples=60, deadline=None)
@given(random_trees())
def test_layout_never_overlaps_and_centres_parents(spec):
    side_of = {0: None}
    links = []
    for child, parent, side in spec:
        s = side_of[parent] if side_of[parent] is not None else ("cause" if side else "effect")
        side_of[child] = s
        links.append((f"n{child}", f"n{parent}") if s == "cause" else (f"n{parent}", f"n{child}"))
    tree = mapping.problem_tree("n0", links)
    pos = mapping.tree_layout(tree)
    assert set(pos) == set(tree.labels)
    rows: dict[int, list[float]] = {}
    for x, y in pos.values():
        rows.setdefault(y, []).append(x)
    for xs in rows.values():
        xs.sort()
        assert all(b - a >= 1 - 1e-9 for a, b in zip(xs, xs[1:], strict=False))
    for a, b in tree.edges:  # arrows point up: a cause sits lower than its effect
        assert pos[a][1] < pos[b][1]


# --- objectives -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, found",
    [
        ("Ак-Кыя айылында таза суу жок", ["жок"]),
        ("Тарифтер иштелип чыккан эмес", ["эмес"]),
        ("Суунун акысы жетишерлик көлөмдө төлөнбөйт", ["төлөнбөйт"]),
        ("Кызматтар уюштурулбаган", ["уюштурулбаган"]),
        ("Жергиликтүү бюджет тартыш, каражат жетишсиз", ["тартыш", "жетишсиз"]),
        ("Нет чистой воды, управление плохое", ["нет", "плохое"]),
        ("Тариф не утверждён", ["не"]),
        ("Water fees are not paid, management is poor", ["not", "poor"]),
        ("Fees aren't collected", ["aren't"]),
    ],
)
def test_negative_words_are_found(text, found):
    assert mapping.negative_words(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Бардык айылдар таза суу менен камсыз болот",
        "Оорулардын саны 60% азаят",
        "Тариф бекитилет жана акы өз убагында төлөнөт",
        "Все сёла обеспечены чистой водой",
        "Every household has clean water",
    ],
)
def test_positive_statements_pass(text):
    assert mapping.negative_words(text) == []


def test_objective_checks_give_partial_credit():
    rules = mapping.objective_rules("Ак-Кыя айылында таза суу жок")
    good = checks.check_rules(
        "goal", rules, points=3, namespace={"goal": "Ак-Кыя айылы таза суу менен камсыз болот"}
    )
    assert good.points == 3
    same = checks.check_rules(
        "goal", rules, points=3, namespace={"goal": "Ак-Кыя айылында  таза суу ЖОК."}
    )
    assert same.points == 1 and len(same.messages) == 2
    assert checks.check_rules("goal", rules, points=3, namespace={"goal": 5}).points == 0


def test_objective_messages_never_contain_a_model_answer():
    messages = mapping.objective_problems("Таза суу жок", "Таза суу жок")
    assert all("камсыз" not in m for m in messages)


def test_objective_tree_keeps_the_shape():
    tree = mapping.problem_tree(CORE, WATER_LINKS)
    rewrites = {n: f"Оң сүйлөм {i}" for i, n in enumerate(tree.nodes)}
    goals = mapping.objective_tree(tree, rewrites)
    assert goals.kind == "objective" and goals.edges == tree.edges
    assert mapping.tree_layout(goals) == mapping.tree_layout(tree)
    assert goals.label(CORE) == "Оң сүйлөм 0"
    rewrites.pop("Башкаруу начар")
    with pytest.raises(ToolkitError, match="«Башкаруу начар» үчүн максат"):
        mapping.objective_tree(tree, rewrites)
    rewrites["Башкаруу начар"] = "Башкаруу начар эмес"
    with pytest.raises(ToolkitError, match="терс сөздөр"):
        mapping.objective_tree(tree, rewrites)
    loose = mapping.objective_tree(tree, rewrites, strict=False)
    assert loose.label("Башкаруу начар") == "Башкаруу начар эмес"


# --- the photographed map -------------------------------------------------------------


def _png(width, height) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (width, height), (200, 180, 120)).save(buf, format="PNG")
    return buf.getvalue()


def test_fit_affine_with_two_points_is_exact_and_flips_y():
    m = mapping.fit_affine([(100, 400), (500, 100)], [(1, 1), (9, 7)])
    assert mapping.apply_affine(m, [(100, 400), (500, 100)]) == [(1.0, 1.0), (9.0, 7.0)]
    assert np.linalg.det(m[:2, :2]) < 0  # the photo's y goes down, the map's goes up


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(-5, 5, allow_nan=False), min_size=6, max_size=6))
def test_fit_affine_recovers_an_affine_from_three_points(coef):
    a = np.array([[coef[0], coef[1], coef[2]], [coef[3], coef[4], coef[5]], [0, 0, 1]])
    if abs(np.linalg.det(a[:2, :2])) < 1e-2:
        return
    photo = [(10, 20), (800, 50), (300, 600), (650, 500)]
    target = mapping.apply_affine(a, photo)
    fitted = mapping.fit_affine(photo[:3], target[:3])
    got = mapping.apply_affine(fitted, photo)
    assert all(
        math.isclose(g, t, abs_tol=1e-6)
        for gp, tp in zip(got, target, strict=True)
        for g, t in zip(gp, tp, strict=True)
    )


def test_fit_affine_refuses_bad_points():
    with pytest.raises(ToolkitError, match="эки таяныч"):
        mapping.fit_affine([(1, 1)], [(2, 2)])
    with pytest.raises(ToolkitError, match="бир сызыкта"):
        mapping.fit_affine([(0, 0), (1, 1), (2, 2)], [(0, 0), (1, 1), (3, 2)])
    with pytest.raises(ToolkitError, match="бир сызыкта"):
        mapping.fit_affine([(5, 5), (5, 5)], [(0, 0), (1, 1)])
    with pytest.raises(ToolkitError):
        mapping.fit_affine([(0, 0), (1, 0)], [(0, 0)])


def test_load_image_reads_and_shrinks_a_photo(tmp_path):
    path = tmp_path / "карта.png"
    path.write_bytes(_png(2400, 1200))
    image = mapping.load_image(path)
    assert image.shape == (800, 1600, 3)


def test_a_portrait_phone_photo_is_loaded_upright():
    """Does a photo the phone stored on its side (EXIF orientation 6) come out standing?"""
    import io

    from PIL import Image

    stored = Image.new("RGB", (60, 30), "white")  # as the sensor wrote it: lying on its side
    stored.paste((220, 0, 0), (0, 0, 20, 30))  # the top of the paper is on the stored left
    exif = Image.Exif()
    exif[0x0112] = 6  # "turn 90° clockwise to view"
    data = io.BytesIO()
    stored.save(data, "JPEG", exif=exif, quality=95)
    image = mapping.load_image(data.getvalue(), name="map.jpg")
    assert image.shape == (60, 30, 3)  # standing: taller than wide
    top, bottom = image[:15].mean(axis=(0, 1)), image[-15:].mean(axis=(0, 1))
    assert top[0] > 180 and top[1] < 60  # red on top, where the paper's top is
    assert bottom.min() > 200  # white at the bottom


@pytest.mark.parametrize(
    "lang, words", [("ky", "сүрөт эмес"), ("ru", "не изображение"), ("en", "is not a picture")]
)
def test_a_file_that_is_not_an_image(tmp_path, lang, words):
    toolkit.set_language(lang)
    path = tmp_path / "problems.csv"
    path.write_text("place,problem\nАк-Кыя,суу жок\n", encoding="utf-8")
    with pytest.raises(ToolkitError) as err:
        mapping.load_image(path)
    assert words in str(err.value) and "problems.csv" in str(err.value)
    truncated = _png(50, 50)[:60]
    with pytest.raises(ToolkitError, match=words):
        mapping.load_image(truncated, name="cut.png")


@pytest.mark.parametrize(
    "lang, words", [("ky", "өтө чоң"), ("ru", "слишком большой"), ("en", "too large")]
)
def test_an_image_too_large(lang, words):
    toolkit.set_language(lang)
    data = _png(300, 200)
    with pytest.raises(ToolkitError, match=words):
        mapping.load_image(data, name="a.png", max_bytes=len(data) - 1)
    with pytest.raises(ToolkitError, match=words) as err:
        mapping.load_image(data, name="a.png", max_pixels=300 * 200 - 1)
    assert "300 × 200" in str(err.value)


# --- drawings (rendered and checked for every Kyrgyz letter) ---------------------------


def test_drawings_render_with_kyrgyz_letters(tmp_path):
    from toolkit.charts import mapping as charts
    from toolkit.plots import close, png_bytes

    m = mapping.load_map("chet-nura")
    photo = mapping.load_image(_png(400, 300))
    transform = mapping.fit_affine([(0, 300), (400, 0)], [(0, 0), (10, 8)])
    tree = mapping.problem_tree(CORE, WATER_LINKS)
    goals = mapping.objective_tree(
        tree, {n: f"Максат {i}: үй-бүлөлөр ыңгайлуу" for i, n in enumerate(tree.nodes)}
    )
    figures = [
        charts.draw_map(
            m,
            background=photo,
            transform=transform,
            draft=("ak-kyya", "waste", "Таштанды көп"),
            highlight="cn-2",
        ),
        charts.draw_matrix(mapping.problem_matrix(m)),
        charts.draw_tree(tree, draft=("effect", "Калк көчүп кетет")),
        charts.draw_tree(goals),
        charts.draw_photo_grid(photo),
    ]
    texts = " ".join(t.get_text() for f in figures for ax in f.axes for t in ax.texts)
    assert {"ң", "ө", "ү"} <= set(texts)
    for fig in figures:
        assert png_bytes(fig).startswith(b"\x89PNG")  # a missing glyph would warn (= error)
        close(fig)
