"""Public hearings: do the shares, rates and funnels agree with the source, and is bad input
explained in the user's language?"""

from __future__ import annotations

import math

import pandas as pd
import pytest

import toolkit
from toolkit import hearings
from toolkit.cases import load_case
from toolkit.errors import ToolkitError
from toolkit.i18n import catalog

SOURCE_002 = "002_0cd78ea14e5f6404.txt"


@pytest.fixture(scope="module")
def case():
    return load_case("birinchi-may")


def test_participation_is_the_sources_figures(case):
    people = hearings.participation(case).set_index("hearing_id")
    assert people.loc["sedp", ["total", "women", "men"]].tolist() == [83, 31, 52]
    assert people.loc["budget", ["total", "women", "men"]].tolist() == [135, 57, 78]
    assert people.loc["budget", "initiative_groups"] == 25
    assert math.isnan(people.loc["sedp", "initiative_groups"])  # the source does not say
    assert people.loc["sedp", "women_share"] == pytest.approx(31 / 83)
    assert people.loc["budget", "women_share"] == pytest.approx(57 / 135)
    assert people.loc["budget", "initiative_groups_share"] == pytest.approx(25 / 135)


def test_every_figure_used_is_quoted_from_seed_002(case):
    """The lesson's figures come from rows that quote the Kyrgyz sentence they were read from."""
    for table in ("hearings", "hearing_participation", "hearing_proposals"):
        rows = case[table]
        assert set(rows["source_file"]) == {SOURCE_002}, table
        assert rows["kind"].isin(["observed", "derived"]).all(), table
    people = case["hearing_participation"].set_index(["hearing_id", "group"])
    for (hearing, group), row in people.iterrows():
        if row["kind"] == "observed":
            assert str(row["people"]) in row["source_text"], (hearing, group)
    assert people.loc[("sedp", "men"), "kind"] == "derived"  # 83 − 31, not stated


def test_proposals_and_acceptance_rates(case):
    taken = hearings.proposals(case).set_index("hearing_id")
    assert taken.loc["sedp", ["received", "accepted"]].tolist() == [23, 8]
    assert taken.loc["budget", ["received", "accepted"]].tolist() == [11, 7]
    assert taken.loc["sedp", "from_initiative_groups"] == 11
    assert taken.loc["sedp", "acceptance_rate"] == pytest.approx(8 / 23)
    assert taken.loc["budget", "acceptance_rate"] == pytest.approx(7 / 11)


def test_funnel_of_each_hearing(case):
    budget = hearings.hearing_funnel(case, "budget")
    assert budget["count"].tolist() == [135, 11, 7]
    assert budget["of_previous"].tolist() == pytest.approx([1, 11 / 135, 7 / 11])
    assert budget["of_first"].tolist() == pytest.approx([1, 11 / 135, 7 / 135])
    sedp = hearings.hearing_funnel(case, "sedp")
    assert sedp["count"].tolist() == [83, 23, 8]
    # the source counts the SEDP hearing's proposals and questions together: the label says so
    assert sedp["step"].iloc[1] != budget["step"].iloc[1]
    assert "СЭӨП" in sedp["step"].iloc[2] and "юджет" in budget["step"].iloc[2]


def test_numbers_read_from_a_table_are_numbers(case):
    """A learner passes numbers straight from pandas (numpy integers and floats)."""
    people = case["hearing_participation"].set_index(["hearing_id", "group"])["people"]
    women, total = people[("budget", "women")], people[("budget", "total")]
    assert type(women).__module__ == "numpy"
    assert hearings.share(women, total) == pytest.approx(57 / 135)
    assert hearings.women_needed(women, people[("budget", "men")]) == 21
    assert hearings.acceptance_rate(total, women) == pytest.approx(57 / 135)


def test_women_needed_is_the_smallest_number_that_reaches_the_target():
    for women, men, target in [
        (57, 78, 0.5),
        (31, 52, 0.5),
        (31, 52, 0.4),
        (5, 7, 0.45),
        (0, 9, 0.3),
    ]:
        more = hearings.women_needed(women, men, target)
        after = (women + more) / (women + more + men)
        assert after >= target - 1e-12
        if more:
            fewer = (women + more - 1) / (women + more - 1 + men)
            assert fewer < target
    assert hearings.women_needed(57, 78) == 21
    assert hearings.women_needed(80, 20) == 0


def test_missing_invitations_follow_seed_001():
    assert hearings.missing_invitations(list(hearings.INVITE)) == []
    toolkit.set_language("en")
    assert hearings.missing_invitations(["women", "youth", "deputies"]) == [
        "people with disabilities",
        "small and medium business",
    ]
    source = load_case("batken-training")["training_recommendations"]
    quote = source[source["text_ky"].str.contains("майыптыгы бар")]["text_ky"].iloc[0]
    for word in ("аялдарды", "жаштарды", "майыптыгы бар", "депутаттарын", "бизнестин"):
        assert word in quote


@pytest.mark.parametrize(
    "call, words",
    [
        (lambda: hearings.share(31, 0), "0"),
        (lambda: hearings.share(90, 83, "аялдар"), "83"),
        (lambda: hearings.share(-1, 83), "-1"),
        (lambda: hearings.share("отуз", 83), "отуз"),
        (lambda: hearings.acceptance_rate(7, 11), "11"),
        (lambda: hearings.acceptance_rate(0, 0), ""),
        (lambda: hearings.funnel({}), ""),
        (lambda: hearings.funnel({"Келди": 0, "Сунуш": 0}), "Келди"),
        (lambda: hearings.funnel({"Келди": 10, "Сунуш": float("nan")}), "Сунуш"),
        (lambda: hearings.women_needed(57, 78, target=50), "50"),
        (lambda: hearings.women_needed(57, 78, target=1), "1"),
        (lambda: hearings.missing_invitations(["pensioners"]), "pensioners"),
    ],
)
@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_bad_input_is_explained_in_the_users_language(call, words, lang):
    toolkit.set_language(lang)
    with pytest.raises(ToolkitError) as err:
        call()
    message = str(err.value)
    assert words in message
    if lang != "en":
        assert set(message) & set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяңөү"), message


def test_an_unknown_hearing_names_the_known_ones(case):
    with pytest.raises(ToolkitError, match="sedp, budget"):
        hearings.hearing_funnel(case, "tariff")


def test_a_hearing_whose_women_and_men_do_not_add_up_is_refused(case):
    class Broken:
        tables = dict(case.tables)

        def __getitem__(self, name):
            return self.tables[name]

    broken = Broken()
    rows = case["hearing_participation"].copy()
    rows.loc[(rows["hearing_id"] == "budget") & (rows["group"] == "men"), "people"] = 70
    broken.tables["hearing_participation"] = rows
    with pytest.raises(ToolkitError, match="135"):
        hearings.participation(broken)


def test_every_message_is_translated():
    for lang in ("ky", "ru"):
        messages = catalog("hearings", lang)
        english = catalog("hearings", "en")
        assert set(english) <= set(messages), set(english) - set(messages)


# --------------------------------------------------------------------------- the charts


def test_charts_draw_in_every_language_with_kyrgyz_letters(case, tmp_path):
    from PIL import Image

    from toolkit.charts.hearings import funnel_chart, participation_chart
    from toolkit.plots import close, png_bytes

    for lang in ("ky", "ru", "en"):
        toolkit.set_language(lang)
        people = participation_chart(hearings.participation(case))
        ax = people.axes[0]
        texts = [t.get_text() for t in ax.texts]
        assert "31\n37%" in texts and "78\n58%" in texts
        labels = " ".join(t.get_text() for t in ax.get_yticklabels())
        if lang == "ky":
            assert "СЭӨП" in labels and "түзүү" in labels  # drawn with no missing-glyph warning
        path = tmp_path / f"participation_{lang}.png"
        path.write_bytes(png_bytes(people))
        with Image.open(path) as image:
            assert image.width > 800 and image.height > 300
        close(people)

        funnel = funnel_chart(hearings.hearing_funnel(case, "budget"))
        shown = " ".join(t.get_text() for t in funnel.axes[0].texts)
        assert "135" in shown and "64%" in shown
        assert hearings.participation(case)["hearing"].iloc[1] in funnel.axes[0].get_title()
        close(funnel)


def test_the_participation_chart_puts_the_first_hearing_on_top(case):
    from toolkit.charts.hearings import participation_chart
    from toolkit.plots import close

    toolkit.set_language("en")
    fig = participation_chart(hearings.participation(case))
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "development" in labels[-1] and "budget" in labels[0]
    close(fig)


def test_a_chart_of_a_wrong_table_says_what_is_missing():
    from toolkit.charts.hearings import funnel_chart

    with pytest.raises(ToolkitError, match="count"):
        funnel_chart(pd.DataFrame({"step": ["a"]}))
