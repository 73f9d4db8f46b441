"""What every seminar app shares: the frame, the language picker, calm errors,
a download button and autosave.

An app is built inside :func:`app_frame`, which gives it projector-size text,
a title and a language picker.  Widget callbacks are wrapped in :func:`safe`,
so a mistake in the input shows a calm message in the user's language and
never a traceback.  Work in progress is kept with :func:`save_state` and
brought back with :func:`load_state` after the laptop restarts.

>>> import ipywidgets as widgets
>>> frame = app_frame("Тариф", widgets.Label("…"))
>>> frame.title_html.value
'<div class="algca-title">Тариф</div>'
>>> @safe
... def on_click(button):
...     raise ToolkitError("Сумма терс болбошу керек.")
>>> on_click(None)  # no traceback: the message goes to the frame's message area
>>> "Сумма терс болбошу керек." in frame.message_area.outputs[0]["data"]["text/html"]
True
"""

from __future__ import annotations

import base64
import contextlib
import datetime as _dt
import functools
import html
import json
import mimetypes
import re
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from toolkit.errors import ToolkitError
from toolkit.files import write_atomic
from toolkit.i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    format_percent,
    get_language,
    set_language,
    translator,
)
from toolkit.paths import data_dir

__all__ = [
    "APP_CSS",
    "app_frame",
    "download_button",
    "language_picker",
    "load_state",
    "message_html",
    "percent_slider",
    "safe",
    "save_state",
    "show_message",
]

_ = translator("workshop")

#: Projector-size look of every app (big type, big controls, high contrast).
APP_CSS = """
<style>
.algca-app { font-size: 20px; line-height: 1.35; max-width: 1400px; }
.algca-app .widget-label, .algca-app .widget-label-basic, .algca-app label,
.algca-app .widget-readout, .algca-app input, .algca-app select, .algca-app textarea,
.algca-app button, .algca-app .widget-html-content, .algca-app .jupyter-widgets {
  font-size: 20px !important;
}
.algca-app input, .algca-app select, .algca-app button { min-height: 36px; }
.algca-app textarea { font-family: inherit; }
.algca-app .widget-inline-hbox, .algca-app .widget-hbox { align-items: center; }
.algca-app .widget-label { min-width: 12em; }
.algca-app .algca-readout { min-width: 4.5em; margin-left: 8px; font-weight: bold; }
.algca-header { display: flex; align-items: center; justify-content: space-between;
  border-bottom: 4px solid #0072B2; margin-bottom: 12px; padding-bottom: 6px; }
.algca-title { font-size: 32px; font-weight: bold; color: #003b5c; }
.algca-language .widget-label { min-width: 3em; }
.algca-message { font-size: 20px; }
.algca-note { border-left: 6px solid #0072B2; background: #eef6fb; padding: 10px 14px;
  border-radius: 4px; margin: 4px 0; }
.algca-error { border-left: 6px solid #d55e00; background: #fff4ec; padding: 10px 14px;
  border-radius: 4px; margin: 4px 0; }
a.algca-download { display: inline-block; background: #0072B2; color: #fff !important;
  font-size: 22px; font-weight: bold; padding: 12px 24px; border-radius: 6px;
  text-decoration: none; margin: 6px 0; }
a.algca-download:hover { background: #005a8c; }
</style>
"""

# The message area of the app built last in this kernel (one app per Voila kernel).
_message_areas: list[widgets.Output] = []


def message_html(text: str, kind: str = "error") -> str:
    """A message in a calm box (``kind`` is ``"error"`` or ``"note"``), as HTML.

    >>> message_html("Сакталды", kind="note")
    '<div class="algca-note">Сакталды</div>'
    """
    css = "algca-error" if kind == "error" else "algca-note"
    icon = "⚠ " if kind == "error" else ""
    return f'<div class="{css}">{icon}{html.escape(text)}</div>'


def show_message(text: str, output: widgets.Output | None = None, kind: str = "error") -> None:
    """Show ``text`` in ``output`` (default: the message area of the app's frame)."""
    output = output if output is not None else (_message_areas[-1] if _message_areas else None)
    if output is None:
        return
    output.outputs = (
        {
            "output_type": "display_data",
            "data": {"text/html": message_html(text, kind), "text/plain": text},
            "metadata": {},
        },
    )


def _log_error(exc: BaseException) -> None:
    """Keep the traceback for the trainer in ``<data dir>/errors.log`` (never on screen)."""
    with contextlib.suppress(OSError):
        folder = data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / "errors.log", "a", encoding="utf-8") as log:
            log.write(f"--- {_dt.datetime.now().isoformat(timespec='seconds')}\n")
            log.write("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))


def safe(callback: Callable | None = None, *, output: widgets.Output | None = None):
    """Wrap a widget callback so that an error becomes a calm, translated message.

    A :class:`~toolkit.errors.ToolkitError` shows its own message; any other
    error shows a general message in the user's language (the details go to
    ``errors.log`` in the workshop data folder for the trainer).  A call that
    succeeds clears the previous message.  Use it bare (``@safe``) to write to
    the message area of the app's frame, or ``@safe(output=out)``.

    >>> out = widgets.Output()
    >>> @safe(output=out)
    ... def divide(change):
    ...     return 1 / change
    >>> divide(0) is None
    True
    >>> "⚠" in out.outputs[0]["data"]["text/html"]
    True
    >>> divide(4)
    0.25
    >>> out.outputs
    ()
    """
    if callback is None:
        return functools.partial(safe, output=output)

    @functools.wraps(callback)
    def wrapper(*args, **kwargs):
        target = output if output is not None else (_message_areas[-1] if _message_areas else None)
        try:
            result = callback(*args, **kwargs)
        except ToolkitError as exc:
            show_message(str(exc), target)
            return None
        except Exception as exc:  # a widget callback must never show a traceback
            _log_error(exc)
            show_message(
                _("Something went wrong with these values. Please check them and try again."),
                target,
            )
            return None
        if target is not None and target.outputs:
            target.outputs = ()
        return result

    return wrapper


def language_picker(on_change: Callable[[str], Any] | None = None) -> widgets.Dropdown:
    """A dropdown Кыргызча / Русский / English that switches the toolkit's language.

    ``on_change(lang)`` is called after the switch, e.g. to draw the app again.

    >>> picked = []
    >>> picker = language_picker(picked.append)
    >>> picker.value = "ru"
    >>> picked, get_language()
    (['ru'], 'ru')
    >>> picker.value = "ky"
    """
    picker = widgets.Dropdown(
        options=[(LANGUAGE_NAMES[lang], lang) for lang in LANGUAGES],
        value=get_language(),
        description=_("Language"),
        layout=widgets.Layout(width="auto"),
        style={"description_width": "initial"},
    )
    picker.add_class("algca-language")

    def switch(change):
        set_language(change["new"])
        if on_change is not None:
            on_change(change["new"])

    picker.observe(safe(switch), names="value")
    return picker


def percent_slider(
    value: float, *, low: float, high: float, step: float, description: str, decimals: int = 0
) -> tuple[widgets.FloatSlider, widgets.HBox]:
    """A slider for a share (0.05) whose readout is written as the user writes a percentage:
    ``5,5%`` in Kyrgyz and Russian, ``5.5%`` in English (the browser's own readout only knows
    the English way).  Returns the slider (to observe) and the row to show.

    >>> slider, row = percent_slider(0.05, low=0.01, high=0.1, step=0.005, description="Чек",
    ...                              decimals=1)
    >>> slider.value = 0.055
    >>> row.children[1].value
    '5,5%'
    """
    slider = widgets.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        readout=False,
        description=description,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="27em"),
    )
    readout = widgets.HTML(format_percent(value, decimals))
    readout.add_class("algca-readout")

    def show(change):
        readout.value = format_percent(change["new"], decimals)

    slider.observe(show, names="value")
    return slider, widgets.HBox([slider, readout])


def download_button(data: bytes, filename: str, label: str) -> widgets.HTML:
    """A big button that saves ``data`` as ``filename`` (works offline: a data URI).

    >>> button = download_button("a,b\\n1,2\\n".encode(), "тариф.csv", "CSV жүктөп алуу")
    >>> 'download="тариф.csv"' in button.value and "data:text/csv;base64," in button.value
    True
    """
    mime = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    payload = base64.b64encode(bytes(data)).decode("ascii")
    button = widgets.HTML(
        f'<a class="algca-download" download="{html.escape(filename, quote=True)}" '
        f'href="data:{mime};base64,{payload}">⬇ {html.escape(label)}</a>'
    )
    button.add_class("algca-download-button")
    return button


_SAFE_NAME = re.compile(r"^[\w.-]+(/[\w.-]+)*$")


def _state_path(app_name: str) -> Path:
    if not _SAFE_NAME.match(app_name) or ".." in app_name.split("/"):
        raise ToolkitError(
            _(
                "«{name}» cannot be used as a name to save work under: use letters, digits, - and _."
            ).format(name=app_name)
        )
    return data_dir() / "state" / f"{app_name}.json"


def load_state(app_name: str, default: Any = None) -> Any:
    """The work an app saved last time with :func:`save_state`, or ``default``.

    A missing or damaged file gives ``default`` (the app starts afresh).

    >>> import os
    >>> os.environ["ALGCA_DATA_DIR"] = "/tmp/algca-doctest"
    >>> save_state("doctest_app", {"votes": {"суу": 3}})
    >>> load_state("doctest_app", {})
    {'votes': {'суу': 3}}
    >>> load_state("never_saved", default=[])
    []
    >>> del os.environ["ALGCA_DATA_DIR"]
    """
    path = _state_path(app_name)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def save_state(app_name: str, state: Any) -> None:
    """Save an app's work (anything JSON can hold) so that a restart does not lose it.

    The file is written under a temporary name and then renamed, so it is
    never left half-written, even if the laptop switches off.
    """
    write_atomic(_state_path(app_name), json.dumps(state, ensure_ascii=False, indent=1))


def _text(value):
    return value() if callable(value) else value


def app_frame(
    title: str | Callable[[], str],
    body: widgets.Widget | Callable[[], widgets.Widget],
    on_language: Callable[[str], Any] | None = None,
) -> widgets.VBox:
    """The frame of an app: projector-size CSS, the title, a language picker, the body
    and a message area for calm errors.

    ``title`` and ``body`` may be functions (``lambda: _("Tariff")``, ``build_body``):
    then a language switch calls them again and the app is drawn anew in the new
    language.  ``on_language(lang)`` is called after a switch as well.

    The frame has ``.title_html``, ``.body``, ``.picker`` and ``.message_area``.

    >>> import ipywidgets as widgets
    >>> frame = app_frame(lambda: "Тариф", lambda: widgets.Label(get_language()))
    >>> frame.picker.value = "en"
    >>> frame.body.value
    'en'
    >>> frame.picker.value = "ky"
    """
    style = widgets.HTML(APP_CSS)
    title_html = widgets.HTML()
    message_area = widgets.Output()
    message_area.add_class("algca-message")
    frame = widgets.VBox()
    frame.add_class("algca-app")

    def draw(lang: str | None = None) -> None:
        title_html.value = f'<div class="algca-title">{html.escape(_text(title))}</div>'
        frame.body = _text(body)
        frame.children = (style, header, message_area, frame.body)
        message_area.outputs = ()
        if lang is not None and on_language is not None:
            on_language(lang)

    picker = language_picker(lambda lang: draw(lang))
    header = widgets.HBox([title_html, picker])
    header.add_class("algca-header")
    frame.title_html = title_html
    frame.picker = picker
    frame.message_area = message_area
    draw()
    _message_areas[:] = [message_area]
    return frame
