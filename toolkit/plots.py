"""One projector-friendly look for every chart of the toolkit.

Large type, thick lines, the Okabe–Ito colour-blind-safe palette, and the
DejaVu Sans font that ships with matplotlib and has every Kyrgyz letter
(Ң ң, Ө ө, Ү ү), so nothing is fetched and nothing renders as a box.

>>> fig, ax = figure(title="Ичүүчү суу: үй-бүлөлөрдүн үлүшү")
>>> ax.get_title()
'Ичүүчү суу: үй-бүлөлөрдүн үлүшү'
>>> money_axis(ax, "y")
>>> ax.yaxis.get_major_formatter()(1500000, 0)
'1 500 000'
>>> PALETTE[0]
'#0072B2'
>>> close(fig)
"""

from __future__ import annotations

import functools
import io
from contextlib import contextmanager

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter

from toolkit.i18n import format_number, format_percent

__all__ = [
    "PALETTE",
    "STYLE",
    "app_png",
    "canvas_png",
    "close",
    "drawable",
    "figure",
    "money_axis",
    "number_axis",
    "percent_axis",
    "png_bytes",
    "style",
]

#: Okabe & Ito (2008), safe for the common kinds of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 16,
    "axes.titlesize": 22,
    "axes.titleweight": "bold",
    "axes.labelsize": 18,
    "xtick.labelsize": 15,
    "ytick.labelsize": 15,
    "legend.fontsize": 15,
    "figure.titlesize": 24,
    "figure.figsize": (12, 6.75),
    "figure.dpi": 100,
    "savefig.dpi": 120,
    "savefig.bbox": "tight",
    "lines.linewidth": 3,
    "lines.markersize": 10,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.formatter.use_locale": False,
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
}


#: Emoji people type, and the DejaVu Sans symbol drawn instead (the workshop ships no emoji
#: font, and the charts' font has none: without this they would be empty boxes).
_EMOJI_SYMBOLS = {
    "😀": "☺", "🙂": "☺", "😊": "☺", "😃": "☺", "😄": "☺", "😁": "☺", "😉": "☺",
    "🙁": "☹", "😞": "☹", "😢": "☹", "😡": "☹", "😠": "☹",
    "👍": "✔", "✅": "✔", "✔️": "✔", "👎": "✘", "❌": "✘", "❎": "✘",
    "❤": "♥", "❤️": "♥", "💙": "♥", "💚": "♥", "⭐": "★", "🌟": "★",
    "⚠️": "⚠", "❗": "!", "❓": "?", "💧": "◆", "🔥": "▲", "🏠": "⌂", "🏡": "⌂",
}  # fmt: skip


def drawable(text: str) -> str:
    """Participants' text as the charts' font can draw it: a common emoji becomes a symbol
    of that font (☺ ✔ ♥ ★ ⚠ ⌂ …), any other character it lacks is left out.

    >>> drawable("Суу жок 😢 💧💧")
    'Суу жок ☹ ◆◆'
    >>> drawable("Жол 🚧 бузулган")
    'Жол бузулган'
    """
    text = str(text)
    for emoji in sorted(_EMOJI_SYMBOLS, key=len, reverse=True):
        text = text.replace(emoji, _EMOJI_SYMBOLS[emoji])
    kept = "".join(c for c in text if c in "\n\t" or _has_glyph(c))
    return " ".join(part for part in kept.split(" ") if part) if kept != text else text


@functools.lru_cache(maxsize=4096)
def _has_glyph(char: str) -> bool:
    from matplotlib import font_manager

    font = _chart_font(font_manager.findfont(STYLE["font.family"]))
    return font.get_char_index(ord(char)) != 0


@functools.lru_cache(maxsize=2)
def _chart_font(path: str):
    from matplotlib.ft2font import FT2Font

    return FT2Font(path)


@contextmanager
def style():
    """Use the toolkit's look for the charts drawn inside the ``with`` block."""
    with plt.rc_context(STYLE):
        yield


def figure(title: str | None = None, *, nrows: int = 1, ncols: int = 1, **kwargs):
    """A new figure in the toolkit's look: ``fig, ax = figure("Title")``."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(nrows, ncols, **kwargs)
        # The first figure of a notebook loads Jupyter's inline backend, which turns
        # interactive mode on; rc_context would undo that on exit and no later chart
        # of the notebook would be shown. Keep the mode the backend chose.
        interactive = matplotlib.is_interactive()
        if title and nrows * ncols == 1:
            ax.set_title(title)
        elif title:
            fig.suptitle(title)
    matplotlib.interactive(interactive)
    return fig, ax


def number_axis(ax, which: str = "y", decimals: int = 0) -> None:
    """Write an axis's numbers the local way (``1 500 000``; ``1,500,000`` in English)."""
    fmt = FuncFormatter(lambda v, _pos: format_number(v, decimals))
    (ax.yaxis if which == "y" else ax.xaxis).set_major_formatter(fmt)


def money_axis(ax, which: str = "y", decimals: int = 0) -> None:
    """An axis of amounts in som, written the local way (say "сом" in the axis label)."""
    number_axis(ax, which, decimals)


def percent_axis(ax, which: str = "y", decimals: int = 0) -> None:
    """Write an axis of shares (0–1) as percentages (``65%``)."""
    fmt = FuncFormatter(lambda v, _pos: format_percent(v, decimals))
    (ax.yaxis if which == "y" else ax.xaxis).set_major_formatter(fmt)


def png_bytes(fig, dpi: float | None = None) -> bytes:
    """The figure as PNG bytes (for a download button or an app's image), trimmed to its content."""
    buf = io.BytesIO()
    with plt.rc_context(STYLE):
        fig.savefig(buf, format="png", **({"dpi": dpi} if dpi else {}))
    return buf.getvalue()


def app_png(fig, dpi: float | None = None) -> bytes:
    """The figure as PNG bytes for an app that redraws as the trainer types.

    Twice as quick as :func:`png_bytes`: drawn once at the figure's own size
    (no "tight" second pass, so the chart must lay itself out to fit, e.g. with
    ``layout="constrained"``) and compressed lightly.

    >>> fig, ax = figure("Ичүүчү суу")
    >>> data = app_png(fig, dpi=50)
    >>> data[:4], len(data) > 1000
    (b'\\x89PNG', True)
    >>> close(fig)
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    if dpi and fig.dpi != dpi:
        fig.set_dpi(dpi)
    canvas.draw()
    return canvas_png(canvas)


def canvas_png(canvas) -> bytes:
    """The pixels of a drawn Agg canvas as PNG, compressed lightly (speed matters more than size)."""
    from PIL import Image

    width, height = canvas.get_width_height()
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    image.save(buf, format="png", compress_level=1)
    return buf.getvalue()


def close(fig) -> None:
    """Free a figure's memory (apps redraw often)."""
    plt.close(fig)
