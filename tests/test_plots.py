"""Do charts render every Kyrgyz letter, in the projector style?"""

import warnings

import matplotlib
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

from toolkit import plots

TITLE = "ҢӨҮ: Көйгөйлөрдүн картасы — үй-бүлөлөрдүн үлүшү, аң-сезим"


def test_a_kyrgyz_title_renders_without_a_missing_glyph(tmp_path):
    """Does drawing Ң Ө Ү raise no 'Glyph missing' warning (warnings are errors here)?"""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, ax = plots.figure(TITLE)
        ax.bar(["Ак-Кыя", "Тош-Булак", "Кара-Саз"], [1_500_000, 900_000, 250_000])
        plots.money_axis(ax)
        ax.set_xlabel("Айылдар (ң ө ү)")
        fig.savefig(tmp_path / "kyrgyz.png")
        png = plots.png_bytes(fig)
        plots.close(fig)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_style_font_has_every_kyrgyz_letter():
    path = font_manager.findfont(plots.STYLE["font.family"], fallback_to_default=False)
    font = FT2Font(path)
    for letter in "ҢңӨөҮүАаЯя":
        assert font.get_char_index(ord(letter)) != 0, letter


def test_projector_style_is_large_and_colour_blind_safe():
    assert plots.STYLE["font.size"] >= 16 and plots.STYLE["axes.titlesize"] >= 20
    assert plots.PALETTE[:3] == ["#0072B2", "#E69F00", "#009E73"]  # Okabe–Ito
    with plots.style():
        assert matplotlib.rcParams["font.size"] == plots.STYLE["font.size"]


def test_axes_write_money_and_percent_the_local_way():
    fig, ax = plots.figure()
    plots.money_axis(ax, "y")
    plots.percent_axis(ax, "x")
    assert ax.yaxis.get_major_formatter()(3_500_000, 0) == "3 500 000"
    assert ax.xaxis.get_major_formatter()(0.65, 0) == "65%"
    plots.close(fig)
