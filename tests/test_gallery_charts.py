"""Charts of the problem gallery: do they show the right numbers, in the user's language?"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from matplotlib.patches import Rectangle

from toolkit.charts.gallery import remarks_chart, screening_chart
from toolkit.gallery import Gallery, criteria_from_table, screen
from toolkit.i18n import set_language
from toolkit.plots import close, png_bytes

DATA = Path(__file__).resolve().parent.parent / "datasets" / "data"


def chet_nura(name):
    frame = pd.read_csv(DATA / f"{name}.csv", keep_default_na=False)
    return frame[frame["case_id"] == "chet-nura"]


@pytest.fixture
def wall():
    w = Gallery.from_tables(chet_nura("gallery_cards"), chet_nura("gallery_remarks"))
    w.merge(1, 2)
    w.merge(6, 7)
    yield w
    set_language("ky")


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_remarks_chart_bars_add_up_to_the_remarks(wall, lang):
    set_language(lang)
    fig = remarks_chart(wall.cards())
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == {"ky": "Ичүүчү суу", "ru": "Питьевая вода", "en": "Drinking water"}[lang]
    widths = sum(p.get_width() for p in ax.patches)
    assert widths == len(wall.remarks())
    assert ax.get_title() != "Remarks on the gallery walk" or lang == "en"
    png = png_bytes(fig)
    assert png[:4] == b"\x89PNG"
    Path("/tmp/gallery").mkdir(exist_ok=True)
    Path(f"/tmp/gallery/test_remarks_{lang}.png").write_bytes(png)
    close(fig)


def test_screening_chart_has_a_cell_per_decision(wall):
    result = screen(wall, criteria_from_table(chet_nura("gallery_screening")))
    fig = screening_chart(result, wall.cards())
    cells = [p for p in fig.axes[0].patches if isinstance(p, Rectangle)]
    assert len(cells) == len(result.decisions) == 11 * 2
    marks = [t.get_text() for t in fig.axes[0].texts]
    assert marks.count("✗") == (result.decisions["decision"] == "no").sum() == 4
    assert "8" in fig.axes[0].get_xlabel()
    Path("/tmp/gallery/test_screening_ky.png").write_bytes(png_bytes(fig))
    close(fig)
