"""Is every name of a thing written once (toolkit/vocabulary.py) and used the same way everywhere?"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd
import pytest

from toolkit import cases, gallery, mapping, vocabulary, voting
from toolkit.apps.gallery import EXAMPLES, example_wall
from toolkit.errors import ToolkitError
from toolkit.i18n import LANGUAGES, catalog, domains, set_language

TOOLKIT = Path(vocabulary.__file__).resolve().parent
NAMES = set(vocabulary.SERVICES.values())


def _messages(path: Path):
    """Every string literal marked for translation (``_("…")``, ``N_("…")``) in a module."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"_", "N_"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            yield node.lineno, node.args[0].value


def test_service_names_are_written_only_in_the_vocabulary():
    """Does no other module write (and so translate on its own) a service's name or the dip bath?"""
    copies = [
        f"{path.relative_to(TOOLKIT.parent)}:{line}: {text}"
        for path in sorted(TOOLKIT.rglob("*.py"))
        if path.name != "vocabulary.py"
        for line, text in _messages(path)
        if text in NAMES
        or (
            re.search(r"dip.?bath", text, re.IGNORECASE)
            and text != "dip bath, waste removal, road repair"  # a sentence of the landing page
        )
    ]
    assert not copies, "\n".join(copies)


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_catalogs_translate_the_names_only_once(lang):
    """Is each service name in the «core» catalog only, translated there?"""
    for domain in domains():
        if domain == "core":
            names = NAMES | set(vocabulary.GROUPS.values())
            missing = sorted(m for m in names if not catalog("core", lang).get(m))
            assert not missing, f"core ({lang}): no translation of {missing}"
            continue
        again = sorted(set(catalog(domain, lang)) & NAMES)
        assert not again, f"{domain} ({lang}) translates the names {again} again"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_name_per_thing(lang):
    """Do two ids never share a name, in any language (a list would show it twice)?"""
    names = pd.Series({key: vocabulary.service_label(key, lang) for key in vocabulary.SERVICES})
    assert not names.str.casefold().duplicated().any(), names[names.duplicated(keep=False)]
    for key, name in names.items():
        assert vocabulary.service_id(name) == key


def test_the_dip_bath_is_a_disinfection_bath_as_the_seed_names_it():
    """Is the dip bath named as seed 000 names it (disinfection, not washing or treating)?"""
    assert vocabulary.service_label("dip-bath", "ky") == (
        "Кой-эчкилер үчүн жугушсуздандыруучу ванна (күпкө)"
    )
    assert (
        "жугушсуздандыруучу ванна (күпкө)"
        in (
            cases.load_case("teploklyuchenka")["services"]
            .set_index("service_id")
            .at["dip-bath", "name_ky"]
        )
    )


@pytest.mark.parametrize("term", sorted(vocabulary.TERMS))
@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_every_catalog_writes_the_glossary_words_one_way(term, lang):
    """Does every message that speaks of a household or of the dip bath use the vocabulary's word?"""
    stem = vocabulary.TERMS[term][lang]
    pattern = re.compile(rf"\b{term.replace(' ', '[ -]')}", re.IGNORECASE)
    wrong = [
        f"{domain}: {msgid!r} -> {msgstr!r}"
        for domain in domains()
        for msgid, msgstr in catalog(domain, lang).items()
        if pattern.search(msgid) and stem.casefold() not in msgstr.casefold()
    ]
    assert not wrong, f"«{stem}…» expected in:\n" + "\n".join(wrong)


def test_the_modules_show_the_vocabulary_names():
    """Do the gallery, the voting charts, the map and the tariff titles show the same name?"""
    set_language("ru")
    try:
        expected = "Дезинфекционная ванна для овец и коз"
        assert voting.item_label("dip-bath") == expected
        assert mapping.place_type_label("dip-bath") == expected
        assert mapping.category_label("waste") == voting.item_label("waste") == "Вывоз мусора"
        card = gallery.Gallery().add_card("1", "Ак-Кыя", "Вывоз мусора", "x")
        assert card.service == "waste"
    finally:
        set_language("ky")


# --------------------------------------------------------------------------- the gallery's bug
@pytest.mark.parametrize("case_id", sorted(EXAMPLES))
def test_the_gallery_lists_each_service_once(case_id):
    """Does no example wall offer the same service name twice (it showed «Сугат суу» twice)?"""
    wall = example_wall(case_id)
    for lang in LANGUAGES:
        names = [vocabulary.service_label(s, lang) for s in wall.services]
        assert len(names) == len(set(names)), (lang, names)


def test_two_irrigation_cards_of_batken_can_be_merged():
    """Can a new «Сугат суу» card be merged with the Batken card on irrigation water?"""
    wall = example_wall("batken-training")
    old = wall.cards().set_index("card_id").loc[10]
    assert vocabulary.service_label(old["service"]) == "Сугат суу"
    new = wall.add_card("Сумбула тобу", "Сумбула", "Сугат суу", "Сугат суу жетпейт")
    kept = wall.merge(10, new.card_id)
    assert new.card_id in kept.merged_from


# --------------------------------------------------------------------------- yes and no
@pytest.mark.parametrize("word", sorted(vocabulary.YES | vocabulary.NO))
def test_yes_and_no_mean_the_same_everywhere(word):
    """Do the data loader, the gallery's screening and the map read each yes/no word alike?"""
    meaning = word in vocabulary.YES
    for shown in (word, word.upper(), f" {word} "):
        assert vocabulary.parse_yes_no(shown) is meaning
    answers = pd.DataFrame({"service": ["waste"], "criterion_no": [1], "meets": [word]})
    decisions = gallery.screen(
        pd.DataFrame({"card_id": [1], "service": ["waste"]}),
        gallery.criteria_from_table(answers, names={1: "СЭӨП"}),
    ).decisions
    assert decisions["decision"].item() == ("yes" if meaning else "no")
    places = pd.DataFrame(
        {"place_id": ["a"], "name": ["А"], "place_type": ["village"], "village_id": ["a"]}
        | {"x": [1.0], "y": [1.0]}
    )
    problems = pd.DataFrame(
        {"place_id": ["a"], "category": ["waste"], "problem": ["x"], "lacks_service": [word]}
    )
    assert mapping.community_map(places, problems).problems["lacks_service"].item() is meaning


def test_an_unknown_yes_no_word_on_the_map_is_refused_with_its_row():
    """Is «балким» (maybe) in lacks_service refused, not read silently as no?"""
    places = pd.DataFrame(
        {"place_id": ["a"], "name": ["А"], "place_type": ["village"], "village_id": ["a"]}
        | {"x": [1.0], "y": [1.0]}
    )
    problems = pd.DataFrame(
        {"place_id": ["a", "a"], "category": ["waste"] * 2, "problem": ["x", "y"]}
        | {"lacks_service": ["", "балким"]}
    )
    with pytest.raises(ToolkitError, match="балким") as error:
        mapping.community_map(places, problems, file="map.csv")
    assert error.value.where == {"file": "map.csv", "row": 3, "column": "lacks_service"}
