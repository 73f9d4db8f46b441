"""The workshop server: a landing page, the seminar apps (Voila) and the lessons (JupyterLab).

One process runs a Voila server tuned for a room of thirty:

- every app is prepared once per language (``<data>/workshop/apps/<lang>/<app>.ipynb``:
  the app notebook with a first, hidden cell that sets the language, and Voila's
  texts in that language in the notebook's metadata, read by the ``algca`` template);
- the apps in the workshop's language have a pool of **preheated** kernels (the
  notebook already executed, so a visitor gets the page at once);
- kernels a visitor has left are **culled** after a while;
- a **cap** on live kernels answers, when reached, a calm "please wait" page
  that reloads itself, instead of running the laptop out of memory;
- kernels are **forked** from a warm process (:mod:`toolkit.workshop.forkserver`), so a
  cold render (pool used up) costs a fraction of a second of processor time; cold
  renders are not queued: queuing them (``--render-slots``) was measured to leave
  some pages waiting a full minute under a burst of thirty;
- tracebacks are never shown: an error in a cell becomes a message in the
  visitor's language.

The landing page ``/`` (``?lang=ky|ru|en``, remembered in a cookie) links every
app and every lesson.  A lesson link gives each participant their own copy of
the lesson (``<data>/workshop/participants/<id>/``), opened in a lesson server of
their own, confined on Linux, that the workshop forwards ``/my/`` to
(:mod:`toolkit.workshop.lessons`; the threat model is ``docs/security.md``).
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import secrets
import socket
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.i18n import LANGUAGE_NAMES, LANGUAGES, N_, translator
from toolkit.workshop import lifetime
from toolkit.workshop.catalog import (
    APP_TITLES,
    APPS_DIR,
    NOTEBOOKS_DIR,
    app_names,
    app_title,
    lessons,
    text,
)

__all__ = [
    "KernelsFull",
    "LAB_ONLY_EXTENSIONS",
    "SHARE_DIR",
    "STATIC_DIR",
    "WorkshopOptions",
    "broken_page_end",
    "default_max_kernels",
    "default_max_lessons",
    "error_page",
    "forbidden_page",
    "lan_addresses",
    "landing_page",
    "today_block",
    "prepare_apps",
    "run",
    "ui_texts",
    "wait_page",
    "wait_until_up",
]

_ = translator("workshop")

SHARE_DIR = Path(__file__).resolve().parent / "share"
STATIC_DIR = Path(__file__).resolve().parent / "static"
#: JupyterLab extensions installed with the kit that an app page does not load.
LAB_ONLY_EXTENSIONS = [
    "@jupyter/nbgrader",
    "@jupyter-notebook/lab-extension",
    "@voila-dashboards/jupyterlab-preview",
]

_UI = {
    "loading": N_("Opening the app…"),
    "step": N_("Preparing: step {i} of {n}"),
    "cell_error": N_("This part of the app could not be shown. Please tell the trainer."),
    "error_title": N_("This page cannot be opened"),
    "error_body": N_(
        "Something went wrong on the trainer's computer. Go back to the start page and try again."
    ),
    "back_home": N_("Back to the start page"),
    "wait_title": N_("Please wait a moment"),
    "wait_body": N_(
        "Many participants are opening apps right now. This page will open by itself in a few seconds."
    ),
    "landing_title": N_("Seminar: local services"),
    "landing_intro": N_(
        "Open a lesson to work in it yourself, or an app to try the methods of the course."
    ),
    "apps": N_("Apps"),
    "lessons": N_("Lessons"),
    "today": N_("Today"),
    "no_lessons": N_("There are no lessons yet."),
    "language": N_("Language"),
    "lab_off": N_("Lessons are not served in this session."),
    "stopped_title": N_("This app has stopped"),
    "stopped_body": N_(
        "Its program on the trainer's computer has ended. Open the app again: what you typed is kept."
    ),
    "reopen": N_("Open the app again"),
    "forbidden_title": N_("This page is not for participants"),
    "forbidden_body": N_(
        "It opens only on the trainer's computer. Your own lessons and the apps are on the start page."
    ),
}


def ui_texts(lang: str) -> dict[str, str]:
    """Every text of the workshop pages in ``lang``.

    >>> ui_texts("ru")["wait_title"]
    'Подождите немного'
    """
    return {key: text(message, lang) for key, message in _UI.items()}


def default_max_kernels() -> int:
    """How many app kernels this laptop can hold: about 150 MB each, between 8 and 60."""
    try:
        import psutil

        available = psutil.virtual_memory().available
    except Exception:  # psutil missing or no /proc: be careful
        return 12
    return max(8, min(60, int(available * 0.7 // (150 * 2**20))))


def default_max_lessons() -> int:
    """How many participants' lesson servers this laptop can hold: about 300 MB each
    (the server and a lesson's kernel), between 4 and 40."""
    try:
        import psutil

        available = psutil.virtual_memory().available
    except Exception:  # psutil missing or no /proc: be careful
        return 8
    return max(4, min(40, int(available * 0.6 // (300 * 2**20))))


@dataclass
class WorkshopOptions:
    """How the workshop is run (the ``algca workshop`` options)."""

    port: int = 8866
    lan: bool = False
    lan_ip: str | None = None
    lang: str = "ky"
    lab: bool = True
    pool_size: int = 2
    max_kernels: int = field(default_factory=default_max_kernels)
    render_slots: int = 0
    max_lessons: int = field(default_factory=lambda: default_max_lessons())
    cull_idle_timeout: int = 900
    data_dir: Path | None = None
    apps_dir: Path = APPS_DIR
    notebooks_dir: Path = NOTEBOOKS_DIR
    fork: bool = True

    @property
    def ip(self) -> str:
        if not self.lan:
            return "127.0.0.1"
        return self.lan_ip or "0.0.0.0"


def lan_addresses() -> list[str]:
    """The addresses other laptops on the room's network can use to reach this one."""
    found = []
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))  # no packet is sent for UDP connect
            found.append(probe.getsockname()[0])
    except OSError:
        pass
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(info[4][0])
    except OSError:
        pass
    return [a for a in dict.fromkeys(found) if not a.startswith("127.")]


def prepare_apps(target: Path, apps_dir: Path = APPS_DIR) -> Path:
    """Write every app notebook once per language under ``target/<lang>/``.

    Each copy starts with a hidden cell choosing the language and carries
    Voila's texts in that language (``metadata.algca``) for the ``algca`` template.
    """
    target = Path(target)
    for lang in LANGUAGES:
        folder = target / lang
        folder.mkdir(parents=True, exist_ok=True)
        for name in app_names(apps_dir):
            nb = json.loads((Path(apps_dir) / f"{name}.ipynb").read_text(encoding="utf-8"))
            first = {
                "cell_type": "code",
                "execution_count": None,
                "id": "algca-language",
                "metadata": {"tags": ["algca-language"]},
                "outputs": [],
                "source": f"import toolkit\ntoolkit.set_language({lang!r})",
            }
            nb["cells"] = [first] + list(nb.get("cells", []))
            meta = nb.setdefault("metadata", {})
            meta.setdefault(
                "kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"}
            )
            meta["algca"] = {"lang": lang, "app": name, "texts": ui_texts(lang)}
            meta["title"] = app_title(name, lang)
            tmp = folder / f".{name}.ipynb.tmp"
            tmp.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(tmp, folder / f"{name}.ipynb")
    return target


# --------------------------------------------------------------------------- pages

_PAGE_CSS = """
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 22px; margin: 0;
       background: #f7f9fb; color: #1b2a35; }
header { background: #0072B2; color: #fff; padding: 18px 40px; display: flex;
         align-items: center; justify-content: space-between; flex-wrap: wrap; }
header h1 { font-size: 34px; margin: 0; }
nav.algca-languages a { color: #fff; margin-left: 18px; font-size: 22px; }
nav.algca-languages a.current { font-weight: bold; text-decoration: none;
         border-bottom: 3px solid #F0E442; }
main { max-width: 1200px; margin: 0 auto; padding: 20px 40px; }
h2 { font-size: 28px; border-bottom: 3px solid #0072B2; padding-bottom: 4px; }
ul.algca-cards { list-style: none; padding: 0; display: grid;
         grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 16px; }
ul.algca-cards a { display: block; background: #fff; border-radius: 8px; padding: 18px 22px;
         border-left: 8px solid #009E73; color: #1b2a35; text-decoration: none;
         box-shadow: 0 2px 6px #0002; font-size: 22px; }
ul.algca-cards.lessons a { border-left-color: #E69F00; }
ul.algca-cards a:hover { background: #eef6fb; }
ol.algca-today { list-style: none; padding: 0; margin: 0; }
ol.algca-today li { background: #fff; border-radius: 6px; padding: 8px 14px; margin: 6px 0;
         font-size: 19px; display: flex; flex-wrap: wrap; gap: 4px 14px; }
ol.algca-today li.break { background: transparent; color: #555; font-style: italic; }
ol.algca-today li.now { border-left: 8px solid #D55E00; font-weight: bold; }
ol.algca-today .time { min-width: 7.5em; color: #0072B2; }
ol.algca-today a { font-size: 17px; }
.algca-box { max-width: 900px; margin: 60px auto; background: #fff; border-radius: 8px;
         border-left: 8px solid #0072B2; padding: 30px 40px; box-shadow: 0 2px 8px #0002; }
"""


def _page(title: str, body: str, lang: str, head: str = "") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<link rel="icon" href="data:;base64,=">\n{head}'
        f"<title>{html.escape(title)}</title>\n<style>{_PAGE_CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def landing_page(lang: str, apps: list[str], lesson_list, lab: bool) -> str:
    """The start page of the workshop in ``lang``."""
    t = ui_texts(lang)
    languages = " ".join(
        f'<a href="/?lang={code}" class="{"current" if code == lang else ""}" '
        f'hreflang="{code}">{html.escape(LANGUAGE_NAMES[code])}</a>'
        for code in LANGUAGES
    )
    order = list(APP_TITLES)  # the course's order: welcome first, then the methods as taught
    apps = sorted(apps, key=lambda a: (order.index(a) if a in order else len(order), a))
    app_items = "\n".join(
        f'<li><a class="algca-app-link" data-app="{name}" href="/voila/render/{lang}/{name}.ipynb">'
        f"{html.escape(app_title(name, lang))}</a></li>"
        for name in apps
    )
    if not lab:
        lesson_block = f"<p>{html.escape(t['lab_off'])}</p>"
    elif lesson_list:
        lesson_block = (
            '<ul class="algca-cards lessons">'
            + "\n".join(
                f'<li><a class="algca-lesson-link" data-lesson="{name}" '
                f'href="/lesson/{edition}/{name}">{html.escape(title)}</a></li>'
                for edition, name, title in lesson_list
            )
            + "</ul>"
        )
    else:
        lesson_block = f"<p>{html.escape(t['no_lessons'])}</p>"
    today = today_block(lang, apps, {name: edition for edition, name, _t in lesson_list or []})
    body = (
        f'<header><h1 id="algca-landing-title">{html.escape(t["landing_title"])}</h1>'
        f'<nav class="algca-languages" aria-label="{html.escape(t["language"])}">{html.escape(t["language"])}: {languages}</nav></header>\n'
        f"<main>\n<p>{html.escape(t['landing_intro'])}</p>\n"
        f"{today}"
        f'<h2>{html.escape(t["apps"])}</h2>\n<ul class="algca-cards apps">{app_items}</ul>\n'
        f"<h2>{html.escape(t['lessons'])}</h2>\n{lesson_block}\n</main>"
    )
    return _page(t["landing_title"], body, lang)


def today_block(lang: str, apps=(), lessons_by_name=None, now=None) -> str:
    """Today's part of the agenda (:func:`toolkit.agenda.today`) for the start page, with links
    to the lesson and apps of each session; the session under way stands out.  An agenda file
    with a mistake gives its message instead of the list.

    >>> import datetime as dt
    >>> block = today_block("en", ["tariff"], {}, dt.datetime(2026, 12, 2, 9, 5))
    >>> '<li class="session now">' in block and "Opening. State policy on services" in block
    True
    """
    import datetime as dt

    from toolkit import agenda
    from toolkit.errors import ToolkitError

    t = ui_texts(lang)
    try:
        view = agenda.today(agenda.load(), lang, now or dt.datetime.now())
    except ToolkitError as exc:
        return f'<h2>{html.escape(t["today"])}</h2>\n<p class="algca-agenda-error">{html.escape(str(exc))}</p>\n'
    items = []
    for slot in view["slots"]:
        links = []
        if slot["lesson"] and lessons_by_name and slot["lesson"] in lessons_by_name:
            links.append(
                f'<a href="/lesson/{lessons_by_name[slot["lesson"]]}/{slot["lesson"]}">'
                f"{html.escape(agenda.say('lesson', lang))}</a>"
            )
        links += [
            f'<a href="/voila/render/{lang}/{name}.ipynb">{html.escape(app_title(name, lang))}</a>'
            for name in slot["apps"]
            if name in apps
        ]
        kind = "session" if slot["kind"] == "session" else "break"
        items.append(
            f'<li class="{kind}{" now" if slot["now"] else ""}">'
            f'<span class="time">{slot["start"]}–{slot["end"]}</span>'
            f'<span class="title">{html.escape(slot["title"])}</span>{" ".join(links)}</li>'
        )
    return (
        f'<h2 id="algca-today">{html.escape(t["today"])}: {html.escape(view["heading"])}</h2>\n'
        f'<ol class="algca-today">{"".join(items)}</ol>\n'
    )


def forbidden_page(lang: str) -> str:
    """The page a participant gets for a trainer-only address (or another participant's).

    >>> "Бул бет катышуучулар үчүн эмес" in forbidden_page("ky")
    True
    """
    return _message_page(lang, "forbidden")


def error_page(lang: str) -> str:
    """The page a participant gets when something on the trainer's laptop failed (a lesson
    server that would not start), instead of the web server's bare English error.

    >>> "Бул баракты ачууга болбойт" in error_page("ky")
    True
    """
    return _message_page(lang, "error")


def _message_page(lang: str, kind: str) -> str:
    """A page that says one thing (``<kind>_title`` and ``<kind>_body``) and links back home."""
    t = ui_texts(lang)
    body = (
        f'<div class="algca-box" id="algca-{kind}"><h1>{html.escape(t[kind + "_title"])}</h1>'
        f'<p>{html.escape(t[kind + "_body"])}</p><p><a href="/">{html.escape(t["back_home"])}</a></p></div>'
    )
    return _page(t[kind + "_title"], body, lang)


def wait_page(lang: str, seconds: int = 5) -> str:
    """The calm page shown when the laptop has as many app kernels as it can hold."""
    t = ui_texts(lang)
    body = (
        f'<div class="algca-box" id="algca-wait"><h1>⏳ {html.escape(t["wait_title"])}</h1>'
        f"<p>{html.escape(t['wait_body'])}</p></div>"
    )
    return _page(
        t["wait_title"], body, lang, head=f'<meta http-equiv="refresh" content="{seconds}">\n'
    )


def broken_page_end(texts: dict[str, str], retried: bool) -> str:
    """The end of an app page whose rendering failed on the server (e.g. its kernel died).

    Voila would keep such a page open for ever, sending heartbeats (voila
    issue #1428).  Instead the page ends here: the first time with the calm
    "please wait" text and a reload a few seconds later, which gets a new
    kernel; if it fails again, with the error text and a link back home.

    >>> end = broken_page_end(ui_texts("ky"), retried=False)
    >>> "Бир аз күтө туруңуз" in end and "algca_retry=1" in end and end.rstrip().endswith("</html>")
    True
    >>> "algca_retry" in broken_page_end(ui_texts("en"), retried=True)
    False
    """
    if retried:
        title, body = texts["error_title"], texts["error_body"]
        action = f'<p><a href="/">{html.escape(texts["back_home"])}</a></p>'
        script = ""
    else:
        title, body, action = texts["wait_title"], texts["wait_body"], ""
        script = (
            "setTimeout(function () { var q = location.search;"
            " location.replace(location.pathname + (q ? q + '&' : '?') + 'algca_retry=1'); }, 3000);"
        )
    return (
        '</div></div>\n<div class="algca-box algca-error" id="algca-render-failed">'
        f"<h1>{html.escape(title)}</h1><p>{html.escape(body)}</p>{action}</div>\n"
        "<script>(function () {"
        " var el = document.getElementById('loading'); if (el) { el.parentNode.removeChild(el); }"
        " el = document.getElementById('rendered_cells'); if (el) { el.style.display = 'none'; }"
        f" {script} }})();</script>\n</body>\n</html>\n"
    )


# --------------------------------------------------------------------------- Voila


def _guard_renderer() -> None:
    """Make Voila end a page whose rendering fails instead of leaving it open (see :func:`broken_page_end`).

    Voila's handler renders a page in a background task and waits for its
    parts; when the task fails (a kernel that dies while starting, under a
    burst of visitors), the handler waits for ever.  Wrapping the renderer's
    page generator turns that failure into a page that ends.
    """
    import voila.handler
    from voila.notebook_renderer import NotebookRenderer

    if getattr(voila.handler.NotebookRenderer, "algca_guarded", False):
        return

    class GuardedNotebookRenderer(NotebookRenderer):
        algca_guarded = True

        def generate_content_generator(self, kernel_id=None, kernel_future=None):
            return self._ended_on_failure(
                super().generate_content_generator(kernel_id, kernel_future)
            )

        async def _ended_on_failure(self, parts):
            try:
                async for part in parts:
                    yield part
            except Exception:  # noqa: BLE001 - whatever failed, the page must end
                log = getattr(self.request_handler, "log", None) or self.log  # the server's log
                log.exception("The page %s could not be rendered", self.notebook_path)
                meta = (
                    (self.notebook.metadata.get("algca") or {}) if self.notebook is not None else {}
                )
                texts = meta.get("texts") or ui_texts(meta.get("lang", "ky"))
                query = getattr(getattr(self.request_handler, "request", None), "query", "") or ""
                yield broken_page_end(texts, retried="algca_retry=" in query), None

    voila.handler.NotebookRenderer = GuardedNotebookRenderer


def _cache_compiled_templates() -> None:
    """Compile Voila's page templates once for the server's life, not once per visitor.

    Voila makes a new exporter, with a new Jinja environment, for every page; each
    one parsed and compiled the same templates again (a third of the server's time
    under a burst of thirty).  A shared bytecode cache keeps the compiled code; a
    template whose file changes is compiled anew (its checksum differs).
    """
    import jinja2
    from voila.exporter import VoilaExporter

    if getattr(VoilaExporter, "algca_cached", False):
        return

    class MemoryBytecodeCache(jinja2.BytecodeCache):
        """Each template's compiled code, with the checksum of the source it came from."""

        def __init__(self):
            self.compiled: dict[str, tuple[str, object]] = {}

        def load_bytecode(self, bucket):
            checksum, code = self.compiled.get(bucket.key, (None, None))
            if checksum == bucket.checksum:
                bucket.code = code

        def dump_bytecode(self, bucket):
            self.compiled[bucket.key] = (bucket.checksum, bucket.code)

    caches: dict[bool, MemoryBytecodeCache] = {}  # async and plain templates compile differently
    create = VoilaExporter._create_environment

    def _create_environment(self):
        environment = create(self)
        environment.bytecode_cache = caches.setdefault(environment.is_async, MemoryBytecodeCache())
        return environment

    VoilaExporter._create_environment = _create_environment
    VoilaExporter.algca_cached = True


def _cache_page_config() -> None:
    """Work out Voila's page configuration once, not once per visitor.

    Voila builds it for every page and every preheated kernel by reading the Jupyter
    config folders and searching the disk for the installed JupyterLab extensions
    (an eighth of the server's busy time under a burst, py-spy).  None of that changes
    while the workshop runs; each page gets its own copy, which it may change.
    """
    import copy

    import voila.handler
    import voila.voila_kernel_manager

    if getattr(voila.handler.get_page_config, "algca_cached", False):
        return
    build = voila.handler.get_page_config
    built: dict[tuple, dict] = {}

    def get_page_config(base_url, settings, log, voila_configuration):
        key = (base_url, id(settings), id(voila_configuration))
        if key not in built:
            built[key] = build(
                base_url=base_url,
                settings=settings,
                log=log,
                voila_configuration=voila_configuration,
            )
        return copy.deepcopy(built[key])

    get_page_config.algca_cached = True
    voila.handler.get_page_config = get_page_config
    voila.voila_kernel_manager.get_page_config = get_page_config


class KernelsFull(Exception):
    """The laptop holds as many app kernels as ``--max-kernels`` allows."""


def _cap_kernels() -> None:
    """Make ``--max-kernels`` a hard limit on the app kernels alive at once.

    Voila checks no limit itself, and its preheated pools refill whenever a visitor
    takes a kernel from them: with pages whose kernels were never released, a cap
    checked only before a cold start left 38 kernels alive under ``--max-kernels 10``.
    Here every kernel counts (those running, starting, or about to start for a
    pool): a pool is filled only as far as there is room, and again whenever a
    kernel ends; a cold start with no room raises :class:`KernelsFull` (the visitor
    gets the "please wait" page).
    """
    import voila.app
    from traitlets import Integer

    make = voila.app.voila_kernel_manager_factory
    if getattr(make, "algca_capped", False):
        return

    def voila_kernel_manager_factory(
        base_class, preheat_kernel, default_pool_size, page_config_hook=None
    ):
        made = make(
            base_class, preheat_kernel, default_pool_size, page_config_hook=page_config_hook
        )

        class WorkshopKernelManager(made):
            max_kernels = Integer(
                0, config=True, help="Most app kernels alive at once (0: no limit)."
            )
            _starting = 0  # cold starts under way

            def kernels_held(self) -> int:
                """Kernels running, starting, or about to start for a pool."""
                coming = sum(
                    not task.done()
                    for pool in getattr(self, "_pools", {}).values()
                    for task in pool
                )
                return len(self.list_kernel_ids()) + self._starting + coming

            def room(self) -> int:
                return self.max_kernels - self.kernels_held() if self.max_kernels else sys.maxsize

            async def start_kernel(self, **kwargs):
                if self.room() <= 0:
                    raise KernelsFull()
                self._starting += 1
                try:
                    return await super().start_kernel(**kwargs)
                finally:
                    self._starting -= 1

            def fill_if_needed(self, delay=None, notebook_name=None, **kwargs):
                config = self.kernel_pools_config
                own = config.get(notebook_name, config.get("default", {}))
                wanted = own.get("pool_size", config.get("default", {}).get("pool_size", 1))
                have = len(self._pools.get(notebook_name, ()))
                allowed = min(wanted, have + max(0, self.room()))
                if allowed >= wanted:
                    return super().fill_if_needed(delay, notebook_name, **kwargs)
                if allowed <= have:
                    return None
                self.kernel_pools_config = {**config, notebook_name: {**own, "pool_size": allowed}}
                try:
                    return super().fill_if_needed(delay, notebook_name, **kwargs)
                finally:
                    self.kernel_pools_config = config

            _closing = False

            async def shutdown_kernel(self, kernel_id, *args, **kwargs):
                try:
                    return await super().shutdown_kernel(kernel_id, *args, **kwargs)
                finally:  # room again: the pools left short get their kernels
                    for name in [] if self._closing else list(getattr(self, "_pools", {})):
                        self.fill_if_needed(notebook_name=name)

            async def shutdown_all(self, *args, **kwargs):
                self._closing = True  # the server stops: no pool is filled again
                return await super().shutdown_all(*args, **kwargs)

        return WorkshopKernelManager

    voila_kernel_manager_factory.algca_capped = True
    voila.app.voila_kernel_manager_factory = voila_kernel_manager_factory


def _build_app_class():
    """The Voila application and handlers of the workshop (imported only when serving)."""
    import tornado.web
    from traitlets import Any, Bool, Integer, Unicode
    from voila.app import Voila
    from voila.tornado.contentshandler import VoilaContentsHandler
    from voila.tornado.handler import TornadoVoilaHandler
    from voila.tornado.treehandler import TornadoVoilaTreeHandler

    from toolkit.workshop.lessons import lesson_handlers

    _guard_renderer()
    _cache_compiled_templates()
    _cache_page_config()
    _cap_kernels()

    def request_lang(handler) -> str:
        lang = handler.get_argument("lang", None)
        if lang in LANGUAGES:
            handler.set_cookie("algca_lang", lang, expires_days=30)
            return lang
        cookie = handler.get_cookie("algca_lang")
        if cookie in LANGUAGES:
            return cookie
        return handler.settings["algca_default_lang"]

    class LandingHandler(tornado.web.RequestHandler):
        def get(self):
            s = self.settings
            lang = request_lang(self)
            self.set_header("Cache-Control", "no-store")
            self.finish(
                landing_page(
                    lang,
                    s["algca_apps"],
                    lessons(lang, s["algca_notebooks_dir"]),
                    s["algca_lessons"] is not None,
                )
            )

    class RoomVoilaHandler(TornadoVoilaHandler):
        """Voila's page handler with a cap on live kernels and a queue for cold renders."""

        @tornado.web.authenticated
        async def get(self, path=None):
            s = self.settings
            km = self.kernel_manager
            notebook = self.notebook_path or path
            if not notebook or not (Path(s["algca_apps_root"]) / notebook).is_file():
                raise tornado.web.HTTPError(404)
            # the page's script sends the token of this cookie when the page closes, to release
            # its kernel (voila's shutdown call): without the cookie that call was refused (403)
            self.xsrf_token  # noqa: B018 - reading it sets the cookie
            pooled = km.get_pool_size(notebook) if hasattr(km, "get_pool_size") else 0
            if not pooled and km.room() <= 0:
                self.wait(notebook)
                return
            try:
                slots = s["algca_render_slots"]
                if pooled or slots is None:
                    await super().get(path)
                    return
                async with (
                    slots
                ):  # only when asked for (--render-slots): queuing was measured to hurt
                    await super().get(path)
            except KernelsFull:  # another visitor took the last room first
                if self._headers_written:
                    raise
                self.wait(notebook)

        def wait(self, notebook: str) -> None:
            """Answer the calm "please wait" page that reloads itself."""
            lang = (
                Path(notebook).parts[0]
                if Path(notebook).parts[0] in LANGUAGES
                else request_lang(self)
            )
            self.clear()
            self.set_status(503)
            self.set_header("Retry-After", "5")
            self.set_header("Cache-Control", "no-store")
            self.finish(wait_page(lang))

    class WorkshopVoila(Voila):
        name = "algca-workshop"
        default_lang = Unicode("ky", config=True)
        notebooks_dir = Unicode(str(NOTEBOOKS_DIR), config=True)
        apps_source = Unicode(str(APPS_DIR), config=True)
        lessons_root = Unicode("", config=True)
        lessons_servers = Any(None, config=True)
        trainer_key = Unicode("", config=True)
        render_slots = Integer(0, config=True)
        quiet = Bool(False, config=True)

        def init_settings(self):
            settings = super().init_settings()
            env = settings["voila_jinja2_env"]
            env.globals["algca_texts"] = {lang: ui_texts(lang) for lang in LANGUAGES}
            env.globals["algca_default_lang"] = self.default_lang
            settings.update(
                algca_default_lang=self.default_lang,
                algca_apps_root=self.root_dir,
                algca_apps=app_names(Path(self.apps_source)),
                algca_notebooks_dir=self.notebooks_dir,
                algca_lessons_root=self.lessons_root,
                algca_lessons=self.lessons_servers,
                algca_trainer_key=self.trainer_key,
                algca_render_slots=asyncio.Semaphore(self.render_slots)
                if self.render_slots
                else None,
            )
            return settings

        def init_handlers(self):
            handlers = []
            for handler in super().init_handlers():
                pattern, cls, *rest = handler
                if cls in (TornadoVoilaTreeHandler, VoilaContentsHandler):
                    continue  # the landing page replaces Voila's file tree (and the listing it reads)
                if cls is TornadoVoilaHandler:
                    handler = (pattern, RoomVoilaHandler, *rest)
                handlers.append(handler)
            own = [
                (self.server_url.rstrip("/") + "/?", LandingHandler),
                *lesson_handlers(request_lang),
                (r"/algca/static/(.*)", tornado.web.StaticFileHandler, {"path": str(STATIC_DIR)}),
            ]
            return own + handlers

        def listen(self):  # Voila's listen() also runs the server until it stops
            if self.ip not in ("0.0.0.0", "::", "", "127.0.0.1", "localhost"):
                # listening on one address of the room's network (--ip): the trainer at
                # the laptop itself keeps the loopback address
                self.app.listen(self.port, "127.0.0.1")
            super().listen()

    return WorkshopVoila


def _lesson_servers(options: WorkshopOptions, base: Path):
    """The lesson servers of the workshop, or None; and a notice for the trainer, or None.

    Over the room's network (``--lan``) the participants' lessons are served only
    confined (bubblewrap); where that is not available, the apps are served but not
    the lessons, and the notice says why and what to do instead.
    """
    from toolkit.workshop.lessons import LessonServers, confinement

    if not options.lab:
        return None, None
    found = confinement()  # confined wherever possible, even for this laptop alone
    if options.lan and not found.available:
        return None, _(
            "Lessons are not served over the room's network: {reason}. The start page and "
            "the apps are served. Participants can work in the lessons on their own laptops "
            "instead: install the toolkit there as the README says and run {command}."
        ).format(
            reason=_(found.reason).format(command="sudo apt install bubblewrap"),
            command="make workshop",
        )
    servers = LessonServers(
        base,
        options.notebooks_dir,
        confine=found.bwrap,
        max_servers=options.max_lessons,
        cull_after=options.cull_idle_timeout * 4,
        log_dir=base / "logs",
    )
    return servers, None


def run(options: WorkshopOptions, *, echo=print) -> int:
    """Serve the workshop until Ctrl+C; returns the exit status."""
    from toolkit.apps.common import DATA_DIR_VAR, data_dir

    if options.data_dir:  # the apps keep their sessions there too
        os.environ[DATA_DIR_VAR] = str(Path(options.data_dir).expanduser().resolve())
    base = data_dir() / "workshop"
    base.mkdir(parents=True, exist_ok=True)
    apps_root = prepare_apps(base / "apps", options.apps_dir)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(SHARE_DIR), *([os.environ["JUPYTER_PATH"]] if os.environ.get("JUPYTER_PATH") else [])]
    )
    os.environ.pop("ALGCA_LANG", None)  # each app copy sets its own language
    servers, notice = _lesson_servers(options, base)
    trainer_key = secrets.token_urlsafe(18)

    from traitlets.config import Config

    c = Config()
    c.Voila.ip = options.ip
    c.Voila.port = options.port
    c.Voila.port_retries = 0
    c.Voila.open_browser = False
    c.Voila.root_dir = str(apps_root)
    c.Voila.tornado_settings = {"headers": {"Content-Security-Policy": "frame-ancestors 'self'"}}
    c.VoilaConfiguration.template = "algca"
    c.VoilaConfiguration.theme = "light"
    c.VoilaConfiguration.show_tracebacks = False
    c.VoilaConfiguration.preheat_kernel = options.pool_size > 0
    c.VoilaConfiguration.default_pool_size = 0
    c.VoilaConfiguration.file_allowlist = [r".*\.(png|jpg|jpeg|svg|gif|css|js|csv|xlsx|docx)$"]
    # JupyterLab's own extensions (nbgrader's menus, Notebook's) mean nothing in an app page:
    # each visitor's browser would fetch them and log errors; widget libraries stay
    c.VoilaConfiguration.extension_denylist = LAB_ONLY_EXTENSIONS
    c.VoilaExecutor.timeout = 60
    # under a burst the kernel's outputs can come seconds after its reply: wait for them
    # (nbclient's default, 4 s, drops them and the visitor gets an app with nothing in it)
    c.VoilaExecutor.iopub_timeout = 30
    c.VoilaExecutor.cell_error_instruction = ""
    c.VoilaKernelManager.kernel_pools_config = {
        "default": {"pool_size": 0},
        **{
            f"{options.lang}/{name}.ipynb": {"pool_size": options.pool_size}
            for name in app_names(options.apps_dir)
        },
    }
    c.VoilaKernelManager.fill_delay = 0.5
    c.MappingKernelManager.cull_idle_timeout = options.cull_idle_timeout
    c.MappingKernelManager.cull_interval = 60
    c.MappingKernelManager.cull_connected = False
    c.WorkshopVoila.default_lang = options.lang
    c.WorkshopVoila.notebooks_dir = str(options.notebooks_dir)
    c.WorkshopVoila.apps_source = str(options.apps_dir)
    c.WorkshopVoila.lessons_root = str(base / "participants")
    c.WorkshopVoila.lessons_servers = servers
    c.WorkshopVoila.trainer_key = trainer_key
    c.WorkshopKernelManager.max_kernels = options.max_kernels  # see _cap_kernels
    c.WorkshopVoila.render_slots = options.render_slots
    forking = options.fork and hasattr(os, "fork") and hasattr(socket, "AF_UNIX")  # not on Windows
    if forking:
        from toolkit.workshop import forkserver

        forkserver.configure(c, base / "forkserver")
        # kernels talk over local sockets, not TCP ports: under a burst a TCP port chosen for
        # a new kernel was sometimes taken before the kernel could bind it, and the kernel died
        c.KernelManager.transport = "ipc"
    elif os.name == "posix":  # kernels started as new programs: they too end with the workshop
        c.MappingKernelManager.kernel_manager_class = (
            "toolkit.workshop.forkserver.ForkKernelManager"
        )

    app_class = _build_app_class()
    app = app_class(config=c)
    app.initialize([])

    host = "127.0.0.1" if not options.lan else options.lan_ip or (lan_addresses() or ["0.0.0.0"])[0]
    t = ui_texts(options.lang)
    echo(f"{t['landing_title']}: http://{host}:{options.port}/")
    if options.lan and not options.lan_ip:
        for address in lan_addresses()[1:]:
            echo(f"    http://{address}:{options.port}/")
    if notice:
        echo(notice)
    if servers is not None:
        echo(
            _(
                "Trainer's page (formgrader, every participant's folder): {url} on this laptop; "
                "from another computer: {key_url}"
            ).format(
                url=f"http://127.0.0.1:{options.port}/trainer/",
                key_url=f"http://{host}:{options.port}/trainer/?key={trainer_key}",
            )
        )

    # the terminal closed (SIGHUP) or asked to end (SIGTERM): stop as on Ctrl+C, kernels and all
    lifetime.stop_on_signals(lambda: _stop_serving(app))
    try:
        app.start()
    finally:
        if servers is not None:
            servers.stop_all()
        if forking:
            from toolkit.workshop import forkserver

            forkserver.stop()
    return 0


def _stop_serving(app) -> None:
    """From a signal handler: end the server's loop; ``app.start()`` then stops every kernel."""
    loop = getattr(app, "ioloop", None)
    if loop is None:  # not serving yet
        raise KeyboardInterrupt
    loop.add_callback_from_signal(loop.stop)


def wait_until_up(url: str, timeout: float = 60.0) -> bool:
    """Poll ``url`` until it answers (for tests and benchmarks)."""
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:
                if reply.status < 500:
                    return True
        except OSError:
            time.sleep(0.2)
    return False
