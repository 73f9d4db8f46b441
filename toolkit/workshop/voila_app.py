"""The workshop's Voila application: its handlers, its kernel cap, the patches it needs.

Imported only when the workshop serves (:func:`toolkit.workshop.server.run`), so that
importing the toolkit never imports Voila.  What is changed inside Voila is done in
:mod:`toolkit.patches` (:func:`apply_patches`).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import tornado.web
from traitlets import Any, Bool, Integer, Unicode
from voila.app import Voila
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from toolkit import patches
from toolkit.i18n import LANGUAGES
from toolkit.room import ROOM_FILE
from toolkit.room.handlers import room_handlers
from toolkit.room.service import RoomService
from toolkit.workshop.catalog import APPS_DIR, NOTEBOOKS_DIR, app_names, lessons
from toolkit.workshop.lessons import lesson_handlers
from toolkit.workshop.pages import broken_page_end, landing_page, ui_texts, wait_page

__all__ = [
    "STATIC_DIR",
    "KernelsFull",
    "LandingHandler",
    "RoomVoilaHandler",
    "WorkshopVoila",
    "apply_patches",
    "failed_page_end",
    "request_lang",
    "with_kernel_cap",
]

#: The workshop's own static files (``/algca/static/``).
STATIC_DIR = Path(__file__).resolve().parent / "static"


class KernelsFull(Exception):
    """The laptop holds as many app kernels as ``--max-kernels`` allows."""


def with_kernel_cap(made: type) -> type:
    """Make ``--max-kernels`` a hard limit on the app kernels alive at once.

    Voila checks no limit itself, and its preheated pools refill whenever a visitor
    takes a kernel from them: with pages whose kernels were never released, a cap
    checked only before a cold start left 38 kernels alive under ``--max-kernels 10``.
    Here every kernel counts (those running, starting, or about to start for a
    pool): a pool is filled only as far as there is room, and again whenever a
    kernel ends; a cold start with no room raises :class:`KernelsFull` (the visitor
    gets the "please wait" page).
    """

    class WorkshopKernelManager(made):
        max_kernels = Integer(0, config=True, help="Most app kernels alive at once (0: no limit).")
        _starting = 0  # cold starts under way

        def kernels_held(self) -> int:
            """Kernels running, starting, or about to start for a pool."""
            coming = sum(
                not task.done() for pool in getattr(self, "_pools", {}).values() for task in pool
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


def failed_page_end(renderer) -> str:
    """The end of the page a failed renderer sends (texts from the app notebook's metadata)."""
    notebook = renderer.notebook
    meta = (notebook.metadata.get("algca") or {}) if notebook is not None else {}
    texts = meta.get("texts") or ui_texts(meta.get("lang", "ky"))
    request = getattr(renderer.request_handler, "request", None)
    query = getattr(request, "query", "") or ""
    return broken_page_end(texts, retried="algca_retry=" in query)


def apply_patches() -> None:
    """Make the changes inside Voila the workshop needs (each one once; see :mod:`toolkit.patches`)."""
    patches.guard_renderer(failed_page_end)
    patches.cache_compiled_templates()
    patches.cache_page_config()
    patches.wrap_kernel_manager_factory(with_kernel_cap)


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
    """Voila's page handler with a cap on live kernels (and, only with ``--render-slots``,
    a queue for cold renders)."""

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
            async with slots:  # only when asked for (--render-slots): queuing was measured to hurt
                await super().get(path)
        except KernelsFull:  # another visitor took the last room first
            if self._headers_written:
                raise
            self.wait(notebook)

    def wait(self, notebook: str) -> None:
        """Answer the calm "please wait" page that reloads itself."""
        lang = (
            Path(notebook).parts[0] if Path(notebook).parts[0] in LANGUAGES else request_lang(self)
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
    room = Any(None, config=True)
    room_loopback_trainer = Bool(True, config=True)
    public_url = Unicode("", config=True)
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
            algca_room=self.room or RoomService(Path(self.root_dir).parent / ROOM_FILE),
            algca_room_loopback_trainer=self.room_loopback_trainer,
            algca_public_url=self.public_url,
            algca_render_slots=asyncio.Semaphore(self.render_slots) if self.render_slots else None,
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
            *room_handlers(request_lang),
            (r"/algca/static/(.*)", tornado.web.StaticFileHandler, {"path": str(STATIC_DIR)}),
        ]
        return own + handlers

    def listen(self):  # Voila's listen() also runs the server until it stops
        if self.ip not in ("0.0.0.0", "::", "", "127.0.0.1", "localhost"):
            # listening on one address of the room's network (--ip): the trainer at
            # the laptop itself keeps the loopback address
            self.app.listen(self.port, "127.0.0.1")
        super().listen()
