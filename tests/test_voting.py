"""Tests of toolkit.voting: counts, ties, tie-breaks, groups, bad ballots, case data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit import voting
from toolkit.errors import ToolkitError
from toolkit.i18n import catalog, set_language
from toolkit.voting import ballots as ballots_module
from toolkit.voting import rules as rules_module
from toolkit.voting import tiebreak as tiebreak_module

ITEMS = ["drinking-water", "waste", "irrigation"]


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("ky")


@pytest.mark.parametrize("module", [voting, ballots_module, rules_module, tiebreak_module])
def test_all_lists_exactly_the_public_names(module):
    """Does __all__ list exactly the public names defined in the module?"""
    public = {
        n
        for n, v in vars(module).items()
        if not n.startswith("_")
        and getattr(v, "__module__", module.__name__) == module.__name__
        and not isinstance(v, type(np))
    }
    public -= {"annotations"}
    if module is voting:
        assert set(module.__all__) >= {"make_ballots", "dot_tally", "break_ties", "load_ballots"}
        assert all(hasattr(module, n) for n in module.__all__)
    else:
        constants = {n for n in module.__all__ if n.isupper()}
        assert public | constants == set(module.__all__)


def test_dot_tally_points_supporters_and_rank():
    """Are dots added up, supporters counted, and the table sorted best first?"""
    b = voting.make_ballots(
        {
            "a": {"drinking-water": 2, "waste": 1},
            "b": {"drinking-water": 1, "irrigation": 2},
            "c": {"waste": 3},
        },
        items=ITEMS,
        dots=3,
    )
    t = voting.dot_tally(b)
    assert t["item"].tolist() == ["waste", "drinking-water", "irrigation"]
    assert t["points"].tolist() == [4, 3, 2]
    assert t["supporters"].tolist() == [2, 2, 1]
    assert t["rank"].tolist() == [1, 2, 3]
    assert not t["tied"].any()
    assert t.attrs["counted"] == 3 and t.attrs["rejected"] == 0


def test_tie_is_returned_as_a_tie():
    """Do tied items share a rank, are they flagged, and does the next rank skip?"""
    t = voting.tally_totals({"a": 5, "b": 9, "c": 5, "d": 1})
    assert t[["item", "rank", "tied"]].values.tolist() == [
        ["b", 1, False],
        ["a", 2, True],
        ["c", 2, True],
        ["d", 4, False],
    ]


def test_suggested_dots_is_about_a_third():
    """Is the suggested number of dots a third of the items, rounded up, at least one?"""
    assert [voting.suggested_dots(n) for n in (1, 2, 3, 4, 6, 7, 10)] == [1, 1, 1, 2, 2, 3, 4]
    with pytest.raises(ToolkitError):
        voting.suggested_dots(0)


def test_borda_and_copeland_on_a_known_profile():
    """Is the classic 'Condorcet winner is not the Borda winner' profile counted right?"""
    votes = {f"v{i}": ["x", "y", "z"] for i in range(3)}
    votes |= {f"w{i}": ["y", "z", "x"] for i in range(2)}
    b = voting.make_ballots(votes, kind="rank")
    borda = voting.borda_tally(b)
    assert dict(zip(borda["item"], borda["points"], strict=True)) == {"x": 6, "y": 7, "z": 2}
    cope = voting.copeland_tally(b)
    assert cope["item"].tolist()[0] == "x" and cope["points"].tolist()[0] == 2
    m = voting.pairwise_matrix(b)
    assert m.loc["x", "y"] == 3 and m.loc["y", "x"] == 2


def test_borda_tied_items_share_the_points_of_their_places():
    """The smallest case of issue 15: x > (y, z) and y > z > x. Do y and z share places 2 and 3
    (½ each) on the first ballot, so that y wins alone instead of tying with x?"""
    b = voting.make_ballots({"A": ["x", ("y", "z")], "B": ["y", "z", "x"]}, kind="rank")
    borda = voting.borda_tally(b)
    assert dict(zip(borda["item"], borda["points"], strict=True)) == {"y": 2.5, "x": 2, "z": 1.5}
    assert borda["rank"].tolist() == [1, 2, 3] and not borda["tied"].any()


def test_borda_unranked_items_share_the_bottom_places():
    """A ballot ranking only x of four items: x gets 3, the three left out share 2 + 1 + 0."""
    b = voting.make_ballots({"A": ["x"]}, kind="rank", items=["x", "y", "z", "w"])
    borda = voting.borda_tally(b)
    assert dict(zip(borda["item"], borda["points"], strict=True)) == {
        "x": 3,
        "y": 1,
        "z": 1,
        "w": 1,
    }


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(st.integers(0, 4), min_size=4, max_size=4), min_size=1, max_size=8))
def test_borda_gives_every_ballot_the_same_points_to_share(rows):
    """With ties and unranked items, does each ballot still hand out 0 + 1 + … + (n−1) points?"""
    rows = [r if any(r) else [1, 0, 0, 0] for r in rows]
    b = voting.Ballots.from_array(rows, list("abcd"), kind="rank")
    assert voting.borda_tally(b)["points"].sum() == pytest.approx(len(rows) * 6)


def test_pairwise_choices_fill_the_matrix_and_copeland():
    """Does a PRA pairwise matrix filled pair by pair give the Copeland count?"""
    choices = pd.DataFrame(
        {
            "item_a": ["drinking-water", "drinking-water", "waste"],
            "item_b": ["waste", "irrigation", "irrigation"],
            "choice": ["drinking-water", "drinking-water", "waste"],
        }
    )
    t = voting.copeland_tally(voting.pairwise_from_choices(choices))
    assert t["item"].tolist() == ITEMS and t["points"].tolist() == [2, 1, 0]
    assert t["supporters"].isna().all()  # a group decision per pair: no count of people
    by_person = choices.assign(voter_id=["a", "b", "a"])
    t2 = voting.copeland_tally(voting.pairwise_from_choices(by_person))
    assert dict(zip(t2["item"], t2["supporters"], strict=True)) == {
        "drinking-water": 2,
        "waste": 1,
        "irrigation": 0,
    }
    with pytest.raises(ToolkitError, match="unknown item «road»"):
        voting.pairwise_from_choices([("waste", "road", "waste")], items=ITEMS)
    with pytest.raises(ToolkitError, match="neither"):
        voting.pairwise_from_choices([("waste", "irrigation", "drinking-water")])


def test_weighted_scores_and_bad_weights():
    """Are criteria averaged over scorers and weighted; are bad weights explained?"""
    s = pd.DataFrame(
        {
            "voter_id": [1, 2, 1, 2],
            "item": ["a", "a", "b", "b"],
            "urgency": [5, 3, 4, 4],
            "cost": [1, 1, 3, 5],
        }
    )
    t = voting.weighted_scores(s, {"urgency": 2, "cost": 1})
    assert dict(zip(t["item"], t["points"], strict=True)) == {"a": 9, "b": 12}
    assert t["supporters"].tolist() == [2, 2]
    with pytest.raises(ToolkitError, match="«cost» should be a number of 0 or more"):
        voting.weighted_scores(s, {"urgency": 1, "cost": -1})
    with pytest.raises(ToolkitError, match="no column «reach»"):
        voting.weighted_scores(s, {"reach": 1})


def test_bad_ballots_are_rejected_and_reported():
    """Is each bad ballot (unknown item, too many dots, over the cap, same voter twice,
    empty) rejected with its reason, and are the good ones still counted?"""
    t = pd.DataFrame(
        [
            ("b1", "p1", "drinking-water", 2),
            ("b1", "p1", "waste", 1),
            ("b2", "p2", "road", 1),  # unknown item
            ("b3", "p3", "waste", 2),
            ("b3", "p3", "irrigation", 2),  # 4 dots > 3
            ("b4", "p4", "irrigation", 3),  # over the cap of 2
            ("b5", "p1", "waste", 1),  # p1 again
            ("b6", "p6", None, None),  # empty
            ("b7", "p7", "waste", "two"),  # not a number
            ("b8", "p8", "irrigation", 1),
        ],
        columns=["ballot_id", "voter_id", "item", "dots"],
    )
    b = voting.ballots_from_table(t, items=ITEMS, dots=3, cap=2)
    assert len(b) == 2 and b.n_rejected == 6
    reasons = dict(zip(b.rejected["ballot_id"], b.rejected["reason"], strict=True))
    assert "unknown item «road»" in reasons["b2"]
    assert "gives 4 dots; each participant has 3" in reasons["b3"]
    assert "at most 2 per item" in reasons["b4"]
    assert "voted twice" in reasons["b5"] and "«b1»" in reasons["b5"]
    assert "is empty" in reasons["b6"]
    assert "whole number" in reasons["b7"]
    tally = voting.dot_tally(b)
    assert tally.attrs["rejected"] == 6 and len(tally.attrs["rejections"]) == 6
    assert b.report()[0] == "2 ballots counted, 6 rejected."


def test_no_countable_ballot_raises_a_clear_message():
    """When every ballot is bad, is the user told why instead of getting an empty table?"""
    with pytest.raises(ToolkitError, match="No ballot could be counted"):
        voting.make_ballots({"a": {}}, items=ITEMS)
    with pytest.raises(ToolkitError, match="no column «item»"):
        voting.ballots_from_table(pd.DataFrame({"ballot_id": [1]}))
    with pytest.raises(ToolkitError, match="Unknown counting rule"):
        voting.tally(voting.make_ballots({"a": ["x"]}), "range")


def test_bad_input_messages_are_translated():
    """Is a rejection reason in Kyrgyz when the language is Kyrgyz?"""
    set_language("ky")
    b = voting.make_ballots({"a": {"waste": 1}, "b": {}}, items=ITEMS)
    reason = b.rejected["reason"].iloc[0]
    assert reason == catalog("voting", "ky")[
        "Ballot «{ballot}» is empty: it was not counted."
    ].format(ballot="b")


def test_break_ties_cascade_steps_and_lot_is_reproducible():
    """Does each cascade step run only on what is still tied, and is the lot repeatable?"""
    t = voting.tally_totals({"a": 5, "b": 5, "c": 5, "d": 2})
    t["supporters"] = pd.array([4, 3, 4, 2], dtype="Int64")
    out, steps = voting.break_ties(
        t, steps=["head_to_head", "breadth", "cost", "lot"], cost={"a": 100, "c": 50}, seed=7
    )
    assert out["item"].tolist()[:3] == ["c", "a", "b"]
    assert out["rank"].tolist() == [1, 2, 3, 4]
    assert out["decided_by"].tolist() == ["lower cost", "lower cost", "breadth of support", ""]
    assert any("skipped" in s for s in steps)  # head to head needs the ballots
    again, steps2 = voting.break_ties(t, steps=["lot"], seed=7)
    third, _s = voting.break_ties(t, steps=["lot"], seed=7)
    assert again["item"].tolist() == third["item"].tolist()
    assert "7" in steps2[-1]
    out2, _ = voting.break_ties(t, steps=["breadth"])
    assert out2["tied"].tolist() == [True, True, False, False]
    assert "Still tied" in _[-1]


def test_break_ties_without_a_tie_says_so():
    """Is a table without a tie left alone, with a sentence saying so?"""
    out, steps = voting.break_ties(voting.tally_totals({"a": 2, "b": 1}))
    assert out["rank"].tolist() == [1, 2] and steps == ["There is no tie: nothing to break."]


def test_by_group_and_compare_methods():
    """Are groups counted separately, and does the comparison say where rules differ?"""
    b = voting.load_ballots("suu-bashy", kind="dots")
    g = voting.by_group(b, "gender")
    assert set(g["gender"]) == {"woman", "man", "all"}
    per = g.groupby("gender")["points"].sum()
    assert per["woman"] + per["man"] == per["all"]
    c = voting.compare_methods(b)
    assert list(c.columns) == [
        "item",
        "dots",
        "approval",
        "plurality",
        "borda",
        "copeland",
        "agree",
    ]
    winner = observed_outcomes()[1]["suu-bashy"]
    assert (c.loc[c["item"] == winner, ["dots", "borda", "copeland"]] == 1).all(axis=None)
    with pytest.raises(ToolkitError, match="no group «age»"):
        voting.by_group(b, "age")


def observed_outcomes() -> tuple[list[str], dict[str, str]]:
    """The outcomes the sources record, read from the observed tables (not from the ballots):
    Chet-Nura's services in vote order (priority_services, 003) and each Batken
    municipality's most-voted direction (training_directions, 001)."""
    from toolkit.cases import load_case

    services = load_case("chet-nura").tables["priority_services"]
    services = services[services["kind"] == "observed"].sort_values("rank")
    directions = load_case("batken-training").tables["training_directions"]
    directions = directions[
        (directions["kind"] == "observed") & (directions["rank"].astype(int) == 1)
    ]
    assert not directions["municipality_id"].duplicated().any()
    return services["service_id"].tolist(), dict(
        zip(directions["municipality_id"], directions["direction"], strict=True)
    )


def test_observed_outcomes_cover_every_vote():
    """Is there one illustrative Batken vote per municipality of the training, named by its id?"""
    from toolkit.cases import load_case

    order, winners = observed_outcomes()
    assert len(order) == 3 and len(winners) == 5
    municipalities = load_case("batken-training").tables["training_municipalities"]
    assert set(winners) == set(municipalities["municipality_id"])
    t = pd.read_csv("datasets/data/ballots.csv", keep_default_na=False)
    batken = t[t["case_id"] == "batken-training"]
    assert set(batken["vote_id"]) == set(winners)
    assert (batken["vote_id"] == batken["municipality_id"]).all()
    assert set(t.loc[t["vote_id"] == "chet-nura", "item"]) == set(order)


@pytest.mark.parametrize("method", ["dots", "borda", "copeland", "plurality"])
def test_illustrative_ballots_reproduce_the_observed_outcomes(method):
    """Do the illustrative ballots give Chet-Nura's observed order (003) and each Batken
    municipality's most-voted direction (001), alone at the top, under every rule?"""
    kind = "dots" if method == "dots" else "rank"
    order, winners = observed_outcomes()
    cn = voting.tally(voting.load_ballots("chet-nura", kind=kind), method)
    assert cn["item"].tolist() == order and not cn["tied"].any()
    for vote, winner in winners.items():
        t = voting.tally(voting.load_ballots(vote, kind=kind), method)
        assert t.loc[t["rank"] == 1, "item"].tolist() == [winner], vote


def test_ballot_table_follows_the_dataset_conventions():
    """Is every row illustrative, dots within the vote's limits, ranks complete?"""
    t = pd.read_csv("datasets/data/ballots.csv", keep_default_na=False)
    assert set(t["kind"]) == {"illustrative"}
    assert set(t["case_id"]) == {"chet-nura", "batken-training"}
    dots = t.groupby(["vote_id", "ballot_id"]).agg(
        total=("dots", "sum"),
        most=("dots", "max"),
        limit=("dots_per_voter", "first"),
        cap=("cap_per_item", "first"),
    )
    assert (dots["total"] == dots["limit"]).all() and (dots["most"] <= dots["cap"]).all()
    ranks = t.groupby(["vote_id", "ballot_id"])["rank"].apply(sorted)
    assert all(r == list(range(1, len(r) + 1)) for r in ranks)
    assert not t.duplicated(["vote_id", "ballot_id", "item"]).any()


def test_load_ballots_unknown_vote():
    """Is an unknown vote name answered with the list of votes?"""
    with pytest.raises(ToolkitError, match="chet-nura"):
        voting.load_ballots("osh")


def test_large_random_profile_counts_are_consistent():
    """On 20,000 random rankings, do Borda totals equal n(n-1)/2 per ballot?"""
    rng = np.random.default_rng(0)
    ranks = np.argsort(rng.random((20_000, 6)), axis=1) + 1
    b = voting.Ballots.from_array(ranks, list("abcdef"), kind="rank")
    assert voting.borda_tally(b)["points"].sum() == 20_000 * 15
    m = voting.pairwise_matrix(b).to_numpy()
    assert (m + m.T)[~np.eye(6, dtype=bool)].tolist() == [20_000] * 30


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 5), min_size=1, max_size=7), st.integers(0, 10_000))
def test_ties_shared_and_break_ties_only_reorders_within_a_tie(points, seed):
    """For any points: do equal points share a rank (1 + how many are strictly better),
    and does breaking ties keep every item and never move one across another's points?"""
    set_language("en")
    totals = {f"item{i}": p for i, p in enumerate(points)}
    t = voting.tally_totals(totals)
    for _i, row in t.iterrows():
        assert row["rank"] == 1 + sum(p > row["points"] for p in points)
        assert row["tied"] == (points.count(row["points"]) > 1)
    out, steps = voting.break_ties(t, seed=seed)
    assert sorted(out["item"]) == sorted(totals)
    assert list(out["points"]) == sorted(points, reverse=True)
    assert not out["tied"].any()  # the lot always decides
    assert out["rank"].tolist() == list(range(1, len(points) + 1))
    assert steps  # always explained
