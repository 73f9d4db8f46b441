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
import urllib.parse
from collections.abc import Callable, Iterator
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
    "GroupWork",
    "Quiet",
    "WorkChanged",
    "app_frame",
    "download_button",
    "group_bar",
    "language_picker",
    "load_state",
    "message_html",
    "percent_slider",
    "safe",
    "save_state",
    "saved_groups",
    "show_message",
]

_ = translator("workshop")

#: Projector-size look of every app (big type, big controls, high contrast).
APP_CSS = """
<style>
.algca-app { font-size: 20px; line-height: 1.35; max-width: 1400px; box-sizing: border-box;
  overflow-wrap: anywhere; }
.algca-app *, .algca-app *::before, .algca-app *::after { box-sizing: border-box; }
.algca-app .widget-label, .algca-app .widget-label-basic, .algca-app label,
.algca-app .widget-readout, .algca-app input, .algca-app select, .algca-app textarea,
.algca-app button, .algca-app .widget-html-content, .algca-app .jupyter-widgets,
.algca-app .lm-TabBar-tab, .algca-app .p-TabBar-tab, .algca-app .lm-TabBar-tabLabel,
.algca-app .p-Accordion .p-Collapse-header, .algca-app .lm-Accordion .jupyter-widget-Collapse-header,
.algca-app .widget-toggle-button, .algca-app table {
  font-size: 20px !important;
}
.algca-app .widget-label, .algca-app .widget-html-content, .algca-app .lm-TabBar-tabLabel {
  white-space: normal; overflow: visible; text-overflow: clip; height: auto; line-height: 1.3;
}
.algca-app .jupyter-widgets, .algca-app .widget-box, .algca-app img, .algca-app table {
  max-width: 100%; }
.algca-app input, .algca-app select, .algca-app button, .algca-app .widget-toggle-button,
.algca-app .widget-text input, .algca-app .widget-dropdown select {
  min-height: 44px; height: auto; }
.algca-app .widget-text, .algca-app .widget-dropdown, .algca-app .widget-textarea,
.algca-app .widget-button, .algca-app .widget-toggle-button { height: auto; }
.algca-app button { padding: 6px 14px; white-space: normal; width: auto; min-width: 44px; }
.algca-app textarea { font-family: inherit; min-height: 90px; }
.algca-app .widget-inline-hbox, .algca-app .widget-hbox { align-items: center; flex-wrap: wrap; }
.algca-app .widget-label { min-width: 12em; }
.algca-app .lm-TabBar-tab, .algca-app .p-TabBar-tab { min-height: 44px !important;
  flex: 0 0 auto !important; min-width: 0 !important; max-width: 100% !important;
  height: auto !important; padding: 6px 12px !important; }
.algca-app .lm-TabBar, .algca-app .p-TabBar { height: auto !important; min-height: 0 !important;
  overflow: visible !important; }
.algca-app .lm-TabBar-content, .algca-app .p-TabBar-content { flex-wrap: wrap; }
.algca-app .lm-TabBar-tabLabel, .algca-app .p-TabBar-tabLabel { overflow: visible !important; }
.algca-app .algca-readout { min-width: 4.5em; margin-left: 8px; font-weight: bold; }
.algca-header { display: flex; flex-wrap: wrap; gap: 8px; align-items: center;
  justify-content: space-between; border-bottom: 4px solid #0072B2; margin-bottom: 12px;
  padding-bottom: 6px; }
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
.algca-wrap { display: flex; flex-flow: row wrap; gap: 8px; align-items: center; }
.algca-group-bar { display: flex; flex-flow: row wrap; gap: 8px; align-items: center;
  background: #f3f3f3; padding: 6px 10px; border-radius: 6px; margin-bottom: 8px; }
.algca-group-bar .algca-group-name { width: 16em !important; }
.algca-group-note { color: #333; }
.algca-field { width: auto !important; max-width: 100%; align-self: stretch; flex-wrap: wrap; }
.algca-field .widget-label { width: 10em !important; }
.algca-field input, .algca-field select, .algca-field textarea { flex: 1 1 12em; min-width: 0; }
.algca-action { min-width: 12em; }
.algca-filters input { width: 18em; }
.algca-filters .widget-dropdown { width: 20em !important; }
.algca-wall-summary { font-size: 22px; margin: 6px 0; }
.algca-wall { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(340px, 100%), 1fr));
  gap: 14px; }
.algca-empty { font-size: 24px; padding: 24px; }
.algca-card { border: 3px solid var(--service); border-radius: 8px; background: #fffef5;
  padding: 10px 14px; box-shadow: 2px 2px 4px #ccc; }
.algca-card-head { display: flex; flex-wrap: wrap; gap: 6px; justify-content: space-between;
  font-size: 18px; }
.algca-card-no { background: var(--service); color: #fff; padding: 2px 10px; border-radius: 12px; }
.algca-card-service { color: var(--service); font-weight: bold; }
.algca-card-text { font-size: 24px; font-weight: bold; margin: 8px 0; }
.algca-card-who { font-size: 18px; color: #333; }
.algca-counts { font-size: 22px; margin-top: 6px; display: flex; flex-wrap: wrap; gap: 10px; }
.algca-count { background: #eee; border-radius: 10px; padding: 0 10px; }
.algca-remark { font-size: 18px; margin-top: 4px; }
.algca-trail { font-size: 17px; color: #444; margin-top: 6px; border-top: 1px dashed #999; }
.algca-row-label { font-weight: bold; width: 9em; }
.algca-chart { max-width: 100%; height: auto; }
img.algca-photo { max-width: 100%; height: auto; cursor: crosshair; }
.algca-big-result { font-size: 30px; }
.algca-per { font-size: 20px; }
.algca-warning-text { font-size: 22px; color: #d55e00; }
.algca-small-note { font-size: 18px; }
.algca-field-name { font-size: 16px; color: #444; }
.algca-plan-summary { font-size: 1.3em; }
.algca-plan-findings { font-size: 1.1em; }
.algca-error-mark { color: #d55e00; }
.algca-warning-mark { color: #8a6d00; }
.algca-tie { color: #b36b00; }
.algca-result-table, .algca-collection { font-size: 22px; }
.algca-result-table td { padding: 4px 12px; }
.algca-app td.algca-number { text-align: right; }
.algca-welcome-table { border-collapse: collapse; }
.algca-welcome-table th { text-align: left; padding-right: 24px; }
.algca-app .widget-checkbox { height: auto !important; min-height: 44px; }
.algca-app .widget-checkbox label, .algca-app .widget-checkbox span {
  white-space: normal !important; height: auto !important; overflow: visible !important; }
.algca-app .widget-html, .algca-app .widget-html-content { min-width: 0; max-width: 100%; }
.algca-app th, .algca-app td { padding: 4px 14px 4px 0; vertical-align: top; }
.algca-scroll { overflow-x: auto; max-width: 100%; }
.algca-scroll table { max-width: none; overflow-wrap: normal; word-break: normal; }
.algca-scroll th, .algca-scroll td { padding: 4px 10px; }
.algca-columns { display: flex; flex-flow: row wrap; align-items: flex-start; gap: 16px; }
.algca-tariff-inputs { flex: 1 1 700px; max-width: 740px; min-width: 0; }
.algca-tariff-output, .algca-voting-result { flex: 1 1 560px; min-width: 0; }
.algca-voting-entry { flex: 1 1 420px; min-width: 0; }
.algca-app .algca-line { flex-wrap: nowrap; }
.algca-line .widget-text { min-width: 0 !important; flex: 1 1 auto; }
@media (max-width: 700px) {
  .algca-app { font-size: 18px; }
  .algca-title { font-size: 26px; }
  .algca-app .widget-label, .algca-field .widget-label, .algca-row-label {
    min-width: 0 !important; width: 100% !important; max-width: 100% !important; }
  .algca-app .widget-inline-hbox > input, .algca-app .widget-inline-hbox > select,
  .algca-app .widget-inline-hbox > textarea, .algca-app .widget-slider {
    width: 100% !important; flex: 1 1 100% !important; }
  .algca-app .jupyter-widgets:not(.widget-label):not(.algca-readout) {
    max-width: 100% !important; min-width: 0 !important; }
  .algca-app .widget-text, .algca-app .widget-dropdown, .algca-app .widget-textarea,
  .algca-app .widget-combobox, .algca-app .widget-inline-hbox.widget-slider,
  .algca-field, .algca-group-bar .algca-group-name, .algca-filters input, .algca-filters select,
  .algca-app .widget-button, .algca-app .widget-upload { width: 100% !important; }
  .algca-app .widget-hbox, .algca-app .widget-box { flex-wrap: wrap; }
  .algca-action { min-width: 0; }
  .algca-app .algca-line { flex-wrap: wrap; }
  .algca-app .widget-checkbox { width: 100% !important; }
}
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


def safe(
    callback: Callable | None = None,
    *,
    output: widgets.Output | Callable[[], widgets.Output | None] | None = None,
):
    """Wrap a widget callback so that an error becomes a calm, translated message.

    A :class:`~toolkit.errors.ToolkitError` shows its own message; any other
    error shows a general message in the user's language (the details go to
    ``errors.log`` in the workshop data folder for the trainer).  A call that
    succeeds clears the previous message.  Use it bare (``@safe``) to write to
    the message area of the app's frame built last, or ``@safe(output=out)``, or
    ``safe(f, output=lambda: self.message_area)`` for an app's own area (two apps in one
    notebook then keep their messages apart).

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
        target = output() if callable(output) else output  # a function: the app's own area
        target = target if target is not None else (_message_areas[-1] if _message_areas else None)
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
    _write_json(_state_path(app_name), state)


def _write_json(path: Path, state: Any) -> str:
    text = json.dumps(state, ensure_ascii=False, indent=1)
    write_atomic(path, text)
    return text


class Quiet:
    """A switch that keeps widget callbacks silent while the app itself fills its widgets.

    ``with self.quiet():`` turns it on and always back off (also after an error), and
    ``if self.quiet:`` in a callback asks whether it is on.

    >>> quiet = Quiet()
    >>> with quiet():
    ...     bool(quiet)
    True
    >>> try:
    ...     with quiet():
    ...         raise ValueError("a wrong value")
    ... except ValueError:
    ...     pass
    >>> bool(quiet)  # never left on by an error
    False
    """

    def __init__(self) -> None:
        self.on = False

    def __bool__(self) -> bool:
        return self.on

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        before, self.on = self.on, True
        try:
            yield
        finally:
            self.on = before


class WorkChanged(ToolkitError):
    """Another screen saved the same group's work after this one read it."""


def _group_stem(group: str) -> str:
    # letters, digits, - and _ stay readable; anything else (spaces, /) is %-quoted
    return "".join(
        c if re.fullmatch(r"[\w-]", c) else urllib.parse.quote(c, safe="") for c in group
    )


def _clean_group(group: str) -> str:
    return " ".join(str(group or "").split())[:60]


def saved_groups(app_name: str) -> list[str]:
    """The groups whose work an app has saved, in the order of their names.

    >>> import os, tempfile
    >>> os.environ["ALGCA_DATA_DIR"] = tempfile.mkdtemp()
    >>> GroupWork("doctest_app", "2-топ").save({"n": 1})
    >>> GroupWork("doctest_app", "Топ 1").save({"n": 2})
    >>> saved_groups("doctest_app")
    ['2-топ', 'Топ 1']
    >>> del os.environ["ALGCA_DATA_DIR"]
    """
    folder = _state_path(app_name).with_suffix("")
    if not folder.is_dir():
        return []
    return sorted(urllib.parse.unquote(p.stem) for p in folder.glob("*.json"))


class GroupWork:
    """The saved work of one group in one app: ``<data dir>/state/<app>/<group>.json``.

    Every group (or participant) has its own file, so nobody overwrites another
    group's work.  Without a group (``""``) nothing is saved.  Reading a file
    that is damaged never starts afresh silently: the file is renamed aside (kept
    for the trainer) and :attr:`note` says so in the user's language.  Two screens
    saving the same group's work take turns (a lock), and a screen that read the
    work before the other one saved gets :class:`WorkChanged` instead of
    overwriting it.

    >>> import os, tempfile
    >>> os.environ["ALGCA_DATA_DIR"] = tempfile.mkdtemp()
    >>> work = GroupWork("doctest_app", "1-топ")
    >>> work.load() is None
    True
    >>> work.save({"votes": 3})
    >>> GroupWork("doctest_app", "1-топ").load()
    {'votes': 3}
    >>> _ = work.path.write_text("{damaged")
    >>> GroupWork("doctest_app", "1-топ").load() is None
    True
    >>> [p.name.split(".")[1] for p in work.path.parent.glob("*.damaged-*")]
    ['damaged-1']
    >>> del os.environ["ALGCA_DATA_DIR"]
    """

    def __init__(self, app_name: str, group: str = "") -> None:
        _state_path(app_name)  # checks the name
        self.app_name = app_name
        self.group = _clean_group(group)
        self.note = ""
        self._stamp: tuple[int, int] | None = None
        self._text: str | None = None  # the file as this screen last read or wrote it

    @property
    def path(self) -> Path:
        """The group's file (in the workshop data folder)."""
        stem = _group_stem(self.group) or "_"
        return _state_path(self.app_name).with_suffix("") / f"{stem}.json"

    def stamp(self) -> tuple[int, int] | None:
        """When and how big the file was last written (``None``: there is none)."""
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size)

    def changed_elsewhere(self) -> bool:
        """``True`` if another screen saved this group's work since this one read or saved it."""
        return bool(self.group) and self.stamp() != self._stamp

    def load(self, check: Callable[[Any], Any] | None = None) -> Any:
        """The group's saved work, or ``None`` (no group, nothing saved yet, or a damaged file).

        ``check(value)`` may turn the JSON into the app's objects; if it raises, the file
        is damaged too.  A damaged file is kept aside and :attr:`note` tells the user.
        """
        self.note = ""
        if not self.group:
            return None
        with self._locked():
            self._stamp = self.stamp()
            try:
                text = self.path.read_text(encoding="utf-8")
            except FileNotFoundError:
                self._text = None
                return None
            self._text = text
            try:
                value = json.loads(text)
                return check(value) if check is not None else value
            except (ToolkitError, ValueError, KeyError, TypeError, AttributeError):
                kept = self._set_aside()
                self.note = _(
                    "The saved work of «{group}» could not be read (the file is damaged), so this "
                    "screen starts afresh. The damaged file is kept as «{file}» for the trainer."
                ).format(group=self.group, file=kept.name)
                return None

    def save(self, state: Any, *, force: bool = False) -> None:
        """Save the group's work (an atomic write under a lock).

        Raises :class:`WorkChanged` (and writes nothing) if another screen saved this
        group's work after this one read it, unless ``force``.
        """
        if not self.group:
            return
        with self._locked():
            if not force and self._read() not in (self._text, None):
                raise WorkChanged(
                    _(
                        "Another screen has just saved the work of «{group}». Its work is shown "
                        "now: please make your last change again."
                    ).format(group=self.group)
                )
            self._text = _write_json(self.path, state)
            self._stamp = self.stamp()

    def _read(self) -> str | None:
        try:
            return self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    def update(self, change: Callable[[Any], Any]) -> Any:
        """Read the latest saved work, apply ``change(work)`` (it returns the new work) and save,
        all under the lock, so two screens adding to one group's work both keep their part."""
        with self._locked():
            text = self._read() if self.group else None
            new = change(None if text is None else json.loads(text))
            if self.group:
                self._text = _write_json(self.path, new)
                self._stamp = self.stamp()
            return new

    def _set_aside(self) -> Path:
        for n in range(1, 1000):
            kept = self.path.with_suffix(f".damaged-{n}.json.bak")
            if not kept.exists():
                self.path.rename(kept)
                return kept
        raise ToolkitError(_("Too many damaged copies in «{folder}».").format(folder=kept.parent))

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if not self.group:
            yield
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_suffix(".lock"), "a+b") as handle:
            try:
                import fcntl
            except ImportError:  # Windows: no lock; the stamp check still refuses a stale save
                yield
                return
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def group_bar(app_name: str, work: GroupWork, on_open: Callable[[str], Any]) -> widgets.Box:
    """The row where a participant writes or picks their group, and the trainer picks the
    group whose work the projector shows; *Open* calls ``on_open(group)``.

    >>> opened = []
    >>> bar = group_bar("doctest_app", GroupWork("doctest_app"), opened.append)
    >>> bar.group.value = "3-топ"
    >>> bar.open.click()
    >>> opened
    ['3-топ']
    """
    group = widgets.Combobox(
        value=work.group,
        options=saved_groups(app_name),
        placeholder=_("Your group, e.g. Group 1"),
        ensure_option=False,
        layout=widgets.Layout(width="auto"),
    )
    group.add_class("algca-group-name")
    button = widgets.Button(
        description=_("Open"), icon="folder-open", button_style="info", tooltip=_("Open")
    )
    if work.group:
        text = _("The work of «{group}» is saved as it goes.").format(group=work.group)
    else:
        text = _("Write your group's name and press «Open»: your work is saved under it.")
    note = widgets.HTML(f'<span class="algca-group-note">{html.escape(text)}</span>')
    label = widgets.HTML(f"<b>{html.escape(_('Group'))}</b>")
    bar = widgets.Box([label, group, button, note])
    bar.add_class("algca-group-bar")
    button.on_click(safe(lambda _button: on_open(_clean_group(group.value))))
    bar.group, bar.open, bar.note = group, button, note
    return bar


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
