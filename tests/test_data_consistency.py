"""The same thing has the same id in every table of the data package.

The foreign keys of the schemas (checked by Frictionless in test_datapackage.py) cover
the relations that hold for every row.  These tests cover what a foreign key cannot:
columns that are empty for some cases, Kyrgyz names kept beside their ids, and
service-area vocabularies that go beyond the services a case's table lists.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from toolkit.cases import load_case
from toolkit.gallery import SERVICE_AREAS
from toolkit.mapping import CATEGORIES
from toolkit.voting.rules import ITEM_LABELS

DATA = Path(__file__).resolve().parent.parent / "datasets" / "data"

#: Service areas of the illustrative tables that are not services of the case (the
#: case's own table services does not list them): the learner screens them out.
NOT_SERVICES_OF_THE_CASE = {"healthcare", "street-lighting", "roads", "education", "flood"}


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{name}.csv", keep_default_na=False, dtype=str)


def services_of(case_id: str) -> set[str]:
    services = read("services")
    return set(services.loc[services["case_id"] == case_id, "service_id"])


#: (table, column) pairs whose values name a service of the case.
SERVICE_COLUMNS = [
    ("billing_units", "service_id"),
    ("cost_lines", "service_id"),
    ("tariffs", "service_id"),
    ("vehicles", "service_id"),
    ("payment_collection", "service_id"),
    ("priority_services", "service_id"),
    ("monitoring", "service_id"),
    ("gallery_cards", "service"),
    ("gallery_screening", "service"),
    ("map_problems", "category"),
]


@pytest.mark.parametrize(("name", "column"), SERVICE_COLUMNS)
def test_service_columns_hold_the_service_ids_of_the_services_table(name, column):
    """Where a case has a services table, does every service column use its ids
    (and nothing but the explicitly non-service areas besides)?"""
    frame = read(name)
    for case_id, rows in frame.groupby("case_id"):
        known = services_of(case_id)
        if not known:
            continue
        values = set(rows[column]) - {""}
        unknown = values - known - NOT_SERVICES_OF_THE_CASE
        assert not unknown, f"{name}.{column} ({case_id}): {sorted(unknown)} are not in services"


def test_chet_nura_votes_and_walls_name_the_priority_services():
    """Do the ballots, the gallery and the map of Chet-Nura name the three priority services by their ids?"""
    priority = set(load_case("chet-nura").tables["priority_services"]["service_id"])
    ballots = read("ballots")
    assert set(ballots.loc[ballots["case_id"] == "chet-nura", "item"]) == priority
    for name, column in (
        ("gallery_cards", "service"),
        ("gallery_screening", "service"),
        ("map_problems", "category"),
    ):
        frame = read(name)
        assert priority <= set(frame.loc[frame["case_id"] == "chet-nura", column]), name
    cards, screening = read("gallery_cards"), read("gallery_screening")
    on_wall = set(cards.loc[cards["case_id"] == "chet-nura", "service"])
    assert set(screening.loc[screening["case_id"] == "chet-nura", "service"]) == on_wall


def test_batken_items_are_the_observed_direction_ids_or_service_areas():
    """Are the Batken ballots' items and cards' service areas the direction ids of
    training_directions (for the observed directions) or known service areas?"""
    directions = set(load_case("batken-training").tables["training_directions"]["direction"])
    ballots, cards = read("ballots"), read("gallery_cards")
    items = set(ballots.loc[ballots["case_id"] == "batken-training", "item"])
    services = set(cards.loc[cards["case_id"] == "batken-training", "service"])
    assert directions <= items and directions <= services
    assert items <= set(SERVICE_AREAS) and services <= set(SERVICE_AREAS)


def test_every_service_id_has_a_label_wherever_it_is_shown():
    """Can the gallery, the voting charts and the map show every id the data use as a name?"""
    used = set(read("services")["service_id"]) | set(read("training_directions")["direction"])
    used |= set(read("ballots")["item"])
    cards = set(read("gallery_cards")["service"]) | set(read("gallery_screening")["service"])
    assert cards <= set(SERVICE_AREAS)
    assert used <= set(ITEM_LABELS), sorted(used - set(ITEM_LABELS))
    assert set(read("map_problems")["category"]) <= set(CATEGORIES)
    shared = set(SERVICE_AREAS) & set(CATEGORIES)
    assert {"drinking-water", "waste", "irrigation"} <= shared


def test_village_names_and_ids_agree_with_the_villages_table():
    """Is each Chet-Nura village named by its villages.village_id, and its Kyrgyz name the
    one of the villages table, in the ballots, the gallery, the places and the case profile?"""
    villages = load_case("chet-nura").tables["villages"]
    name_of = dict(zip(villages["village_id"], villages["name_ky"], strict=True))
    for name in ("ballots", "gallery_cards"):
        frame = read(name)
        rows = frame[(frame["case_id"] == "chet-nura") & (frame["village"] != "")]
        assert len(rows) > 0
        assert (rows["village_id"].map(name_of) == rows["village"]).all(), name
    places = read("places")
    places = places[places["case_id"] == "chet-nura"]
    assert set(places["village_id"]) <= set(name_of)
    village_places = places[places["place_type"] == "village"]
    assert (village_places["place_id"].map(name_of) == village_places["name"]).all()
    cases = read("cases").set_index("case_id")
    assert set(cases.loc["chet-nura", "villages_ky"].split(";")) == set(name_of.values())
    members = set(read("commission_members").query("case_id == 'chet-nura'")["member_no"])
    assert set(villages["commission_member_no"].dropna().astype(str)) - {""} <= members


def test_birinchi_may_villages_agree_across_tables():
    """Are the villages of Birinchi May in its profile and projects the village places of its map?"""
    places = read("places")
    villages = places[(places["case_id"] == "birinchi-may") & (places["place_type"] == "village")]
    cases = read("cases").set_index("case_id")
    named = set(cases.loc["birinchi-may", "villages_ky"].split(";"))
    assert named <= set(villages["name"])
    projects = read("projects")
    assert set(projects.loc[projects["case_id"] == "birinchi-may", "village_ky"]) - {""} <= named


def test_batken_municipality_ids_and_names_agree():
    """Does every Batken table name the municipalities by the ids of training_municipalities?"""
    municipalities = load_case("batken-training").tables["training_municipalities"]
    ids = set(municipalities["municipality_id"])
    for name in ("training_directions", "training_practices", "ballots", "gallery_cards"):
        frame = read(name)
        rows = frame[frame["case_id"] == "batken-training"]
        assert set(rows["municipality_id"]) <= ids, name
    ballots = read("ballots")
    batken = ballots[ballots["case_id"] == "batken-training"]
    assert set(batken["municipality_id"]) == ids
    assert (batken["vote_id"] == batken["municipality_id"]).all()
