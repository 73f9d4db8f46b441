"""Do our counts agree with an independent implementation (pref_voting), ties included?

pref_voting is a test-only dependency. We compare *scores*, not just winners,
on seeded random profiles that contain ties (equal ranks, unranked items,
tied totals) and on the illustrative ballots of the case data.
"""

from __future__ import annotations

import numpy as np
import pytest
from pref_voting.grade_methods import approval as pv_approval
from pref_voting.grade_profiles import GradeProfile
from pref_voting.profiles import Profile
from pref_voting.profiles_with_ties import ProfileWithTies

from toolkit import voting

SEEDS = range(40)


def _points(table) -> dict[int, float]:
    return {int(i): float(p) for i, p in zip(table["item"], table["points"], strict=True)}


def _winners(table) -> list[int]:
    return sorted(int(i) for i in table.loc[table["rank"] == 1, "item"])


def _weak_rankings(seed: int):
    """Random rankings with ties and unranked items, and the same as our rank array."""
    rng = np.random.default_rng(seed)
    n_items = int(rng.integers(2, 7))
    n_voters = int(rng.integers(1, 30))
    ranks = rng.integers(0, n_items + 1, size=(n_voters, n_items))  # 0 = not ranked
    empty = (ranks == 0).all(axis=1)
    ranks[empty, 0] = 1
    return n_items, ranks


def _profile_with_ties(ranks):
    prof = ProfileWithTies(
        [{c: int(r) for c, r in enumerate(row) if r > 0} for row in ranks],
        candidates=list(range(ranks.shape[1])),
    )
    prof.use_extended_strict_preference()
    return prof


def _truncated_rankings(seed: int):
    """Random strict rankings cut short (the rest unranked), as our rank array."""
    rng = np.random.default_rng(seed)
    n_items = int(rng.integers(2, 7))
    n_voters = int(rng.integers(1, 30))
    ranks = np.zeros((n_voters, n_items), dtype=int)
    for row in ranks:
        ranked_items = rng.permutation(n_items)[: int(rng.integers(1, n_items + 1))]
        row[ranked_items] = np.arange(1, len(ranked_items) + 1)
    return n_items, ranks


def _shared_borda_disagreements(make, seeds) -> list[str]:
    """Where our Borda differs from pref_voting's symmetric Borda on the profiles ``make(seed)``.

    Symmetric Borda scores an item (items ranked below it) − (items ranked above it), unranked
    items tied below every ranked one. Sharing tied places means an item gets (items below) +
    ½ (items tied with it) = ((n − 1) + symmetric) / 2 on each ballot: the same order, and the
    points follow exactly. The winners must be pref_voting's Borda for truncated profiles.
    """
    from pref_voting.scoring_methods import borda_for_profile_with_ties, symmetric_borda_scores

    wrong = []
    for seed in seeds:
        n_items, ranks = make(seed)
        ours = voting.borda_tally(voting.Ballots.from_array(ranks, range(n_items), kind="rank"))
        prof = _profile_with_ties(ranks)
        sym = symmetric_borda_scores(prof)
        expected = {int(c): (len(ranks) * (n_items - 1) + s) / 2 for c, s in sym.items()}
        their_rank = {c: 1 + sum(x > s for x in sym.values()) for c, s in sym.items()}
        our_rank = {int(i): int(r) for i, r in zip(ours["item"], ours["rank"], strict=True)}
        if (
            _points(ours) != pytest.approx(expected)
            or our_rank != their_rank
            or _winners(ours) != sorted(borda_for_profile_with_ties(prof))
        ):
            wrong.append(f"seed {seed}: ours {_points(ours)}, shared {expected}")
    return wrong


def test_borda_with_ties_and_unranked_items_is_pref_voting_symmetric_borda():
    """On 300 random profiles with tied ranks and unranked items, is our Borda (tied items
    share the points of their places) pref_voting's symmetric Borda: points, order and winners?"""
    assert _shared_borda_disagreements(_weak_rankings, range(300)) == []


def test_borda_on_truncated_ballots_is_pref_voting_borda_for_truncated_profiles():
    """On 300 random profiles of rankings cut short, do the items left out share the bottom
    places, as pref_voting's Borda for truncated profiles counts them?"""
    assert _shared_borda_disagreements(_truncated_rankings, range(5000, 5300)) == []


def test_the_random_profiles_do_contain_ties_and_unranked_items():
    """Would the two tests above notice a wrong count: do their profiles hold ties and gaps?"""
    profiles = [_weak_rankings(s)[1] for s in range(300)]
    tied = sum(any(len(set(r[r > 0])) < np.count_nonzero(r) for r in p) for p in profiles)
    unranked = sum((p == 0).any() for p in profiles)
    truncated = sum((_truncated_rankings(s)[1] == 0).any() for s in range(5000, 5300))
    assert min(tied, unranked, truncated) > 200


@pytest.mark.parametrize("seed", SEEDS)
def test_copeland_with_ties_matches_pref_voting(seed):
    """Are our pairwise-matrix points pref_voting's Copeland scores with (1, ½, 0)?
    And do the winners agree with its copeland() (scores 1, 0, −1)?"""
    n_items, ranks = _weak_rankings(seed)
    ours = voting.copeland_tally(voting.Ballots.from_array(ranks, range(n_items), kind="rank"))
    prof = _profile_with_ties(ranks)
    theirs = prof.copeland_scores(scores=(1, 0.5, 0))
    assert _points(ours) == pytest.approx({int(c): float(s) for c, s in theirs.items()})
    from pref_voting.c1_methods import copeland

    assert _winners(ours) == sorted(copeland(prof))


@pytest.mark.parametrize("seed", SEEDS)
def test_borda_and_plurality_on_strict_rankings(seed):
    """On complete strict rankings, are Borda and first choices pref_voting's Borda and plurality?"""
    rng = np.random.default_rng(1000 + seed)
    n_items, n_voters = int(rng.integers(2, 7)), int(rng.integers(1, 40))
    orders = np.array([rng.permutation(n_items) for _ in range(n_voters)])
    ranks = np.empty_like(orders)
    ranks[np.arange(n_voters)[:, None], orders] = np.arange(1, n_items + 1)
    ballots = voting.Ballots.from_array(ranks, range(n_items), kind="rank")
    prof = Profile(orders.tolist())
    assert _points(voting.borda_tally(ballots)) == {
        int(c): float(s) for c, s in prof.borda_scores().items()
    }
    plurality = voting.plurality_tally(ballots)
    assert _points(plurality) == {int(c): float(s) for c, s in prof.plurality_scores().items()}
    from pref_voting.scoring_methods import plurality as pv_plurality

    assert _winners(plurality) == sorted(pv_plurality(prof))


@pytest.mark.parametrize("seed", SEEDS)
def test_approval_matches_pref_voting(seed):
    """Are approval points and (tied) winners pref_voting's approval on a 0/1 grade profile?"""
    rng = np.random.default_rng(2000 + seed)
    n_items, n_voters = int(rng.integers(2, 7)), int(rng.integers(1, 30))
    yes = rng.integers(0, 2, size=(n_voters, n_items))
    yes[yes.sum(axis=1) == 0, 0] = 1
    ours = voting.approval_tally(voting.Ballots.from_array(yes, range(n_items), kind="approval"))
    gprof = GradeProfile(
        [{c: int(v) for c, v in enumerate(row)} for row in yes],
        [0, 1],
        candidates=list(range(n_items)),
    )
    assert _points(ours) == {int(c): float(s) for c, s in gprof.approval_scores().items()}
    assert _winners(ours) == sorted(pv_approval(gprof))


@pytest.mark.parametrize("seed", SEEDS)
def test_dot_voting_is_plurality_with_one_dot(seed):
    """With one dot each, is dot voting pref_voting's plurality (ties included)?"""
    rng = np.random.default_rng(3000 + seed)
    n_items, n_voters = int(rng.integers(2, 6)), int(rng.integers(1, 12))
    orders = np.array([rng.permutation(n_items) for _ in range(n_voters)])
    dots = np.zeros((n_voters, n_items), dtype=int)
    dots[np.arange(n_voters), orders[:, 0]] = 1
    ours = voting.dot_tally(voting.Ballots.from_array(dots, range(n_items), dots=1))
    prof = Profile(orders.tolist())
    assert _points(ours) == {int(c): float(s) for c, s in prof.plurality_scores().items()}
    from pref_voting.scoring_methods import plurality as pv_plurality

    assert _winners(ours) == sorted(pv_plurality(prof))


def test_case_ballots_agree_with_pref_voting():
    """On the illustrative Chet-Nura rankings, are Borda and Copeland scores pref_voting's?"""
    b = voting.load_ballots("chet-nura", kind="rank")
    orders = np.argsort(b.values, axis=1)
    prof = Profile(orders.tolist())
    borda = voting.borda_tally(b)
    assert {
        b.items.index(i): p for i, p in zip(borda["item"], borda["points"], strict=True)
    } == prof.borda_scores()
    cope = voting.copeland_tally(b)
    theirs = prof.copeland_scores(scores=(1, 0.5, 0))
    assert {
        b.items.index(i): p for i, p in zip(cope["item"], cope["points"], strict=True)
    } == pytest.approx(theirs)
