"""Charts of a vote: ties visible, the matrix readable, Kyrgyz labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit import plots, voting
from toolkit.charts import voting as charts
from toolkit.i18n import set_language


@pytest.fixture(autouse=True)
def kyrgyz():
    set_language("ky")
    yield
    set_language("ky")


@pytest.mark.parametrize(
    "before, after",
    [
        ([3, 9, 1], [8, 2, 5]),  # the order changes
        ([4, 4, 1], [1, 6, 6]),  # a tie moves to other items
    ],
)
def test_ranking_bars_reset_in_place_look_like_bars_drawn_anew(before, after):
    """Does an app's quick redraw (the same bars reset) give exactly the picture of a chart drawn anew?"""
    items = ["drinking-water", "waste", "irrigation"]
    quick, fresh = (
        charts.ranking_bars(voting.ranked(items, before), title="Добуш") for _ in range(2)
    )
    fresh.algca_ranking = None  # forget its bars: drawn and laid out anew
    bars_before = quick.axes[0].patches[0]
    charts.ranking_bars(voting.ranked(items, after), fig=quick, title="Добуш", quick=True)
    charts.ranking_bars(voting.ranked(items, after), fig=fresh, title="Добуш", quick=True)
    assert quick.axes[0].patches[0] is bars_before  # reset, not drawn anew
    assert plots.app_png(quick) == plots.app_png(fresh)


def test_ranking_bars_mark_ties(tmp_path: Path):
    """Are tied bars hatched and their ranks marked «=», the others not?"""
    fig = charts.ranking_bars(voting.dot_tally(voting.load_ballots("ken-talaa")))
    ax = fig.axes[0]
    hatched = [bool(bar.get_hatch()) for bar in ax.patches]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert hatched == [False, True, True]
    assert labels[0].startswith("1. Спорт") and labels[1].startswith("2=.")
    assert ax.get_legend() is not None
    fig.savefig(tmp_path / "bars.png")
    assert (tmp_path / "bars.png").stat().st_size > 10_000
    plots.close(fig)


def test_redraw_reuses_the_figure():
    """Does passing fig= redraw in the same figure (the board's live chart)?"""
    fig = charts.ranking_bars(voting.tally_totals({"a": 1, "b": 2}))
    again = charts.ranking_bars(voting.tally_totals({"a": 3, "b": 2}), fig=fig)
    assert again is fig and len(fig.axes) == 1
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["1. a", "2. b"]


def test_pairwise_heatmap_writes_each_count():
    """Does each off-diagonal cell show how many prefer the row, with ✔ for the winner?"""
    m = voting.pairwise_matrix(voting.load_ballots("chet-nura", kind="rank"))
    fig = charts.pairwise_heatmap(m)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert f"{m.iloc[0, 1]} ✔" in texts and texts.count("—") == 3
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()][0] == "Ичүүчү суу"


def test_methods_chart_dashes_items_where_rules_differ():
    """Is an item on which the rules disagree drawn dashed, the others solid?"""
    comparison = voting.compare_methods(voting.load_ballots("suu-bashy"))
    fig = charts.methods_chart(comparison)
    styles = [line.get_linestyle() for line in fig.axes[0].lines]
    assert styles == ["-" if a else "--" for a in comparison["agree"]]


def test_group_bars_one_bar_per_item_and_group():
    table = voting.by_group(voting.load_ballots("chet-nura"), "gender")
    fig = charts.group_bars(table)
    assert len(fig.axes[0].patches) == 3 * 3
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == [
        "аялдар",
        "эркектер",
        "баары",
    ]


def test_ranking_bars_say_when_ballots_were_rejected():
    """Does the chart say how many ballots were not counted, so nobody misses it?"""
    set_language("en")
    b = voting.make_ballots(
        {"a": {"waste": 1}, "b": {"waste": 5}, "c": {}}, items=["waste", "irrigation"], dots=1
    )
    fig = charts.ranking_bars(voting.dot_tally(b))
    assert any("1 ballots counted, 2 rejected." in t.get_text() for t in fig.texts)
    clean = charts.ranking_bars(voting.tally_totals({"a": 1}))
    assert clean.texts == []
