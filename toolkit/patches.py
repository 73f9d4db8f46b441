"""Every place the toolkit changes or leans on the inside of Voila, Jupyter or argparse.

The workshop server, the fork server and the ``algca`` command need a few things their
libraries do not offer as public settings.  Each such change is made here, and only here:

- :func:`guard_renderer`: a page whose rendering fails ends with a message, for cold renders
  (``voila.handler``) and for preheated kernels (``voila.voila_kernel_manager``);
- :func:`cache_compiled_templates`: Voila's page templates are compiled once;
- :func:`cache_page_config`: Voila's page configuration is worked out once;
- :func:`wrap_kernel_manager_factory`: the workshop's cap on live kernels;
- :func:`fork_targets_present`: the fork server's kernel managers (:mod:`toolkit.kernels`)
  override ``jupyter_client``'s private ``_async_pre_start_kernel``;
- :func:`argparse_speaking`: argparse's own words in the user's language.

Each one first looks for what it changes (:data:`TARGETS` lists them all).  When a newer
library no longer has it, the change is not made: one line goes to the log and the
library's stock behaviour stays.  ``tests/test_patches.py`` fails when a target of the
pinned versions is gone; :func:`undo_all` puts back what was changed (for tests).

>>> "voila.handler:NotebookRenderer" in TARGETS
True
>>> target("argparse", "no_such_name") is None
True
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import importlib
import logging
from collections.abc import Callable, Iterator
from typing import Any

__all__ = [
    "TARGETS",
    "applied",
    "argparse_speaking",
    "cache_compiled_templates",
    "cache_page_config",
    "fork_targets_present",
    "guard_renderer",
    "jupyter_server_utcnow",
    "missing",
    "target",
    "undo_all",
    "wrap_kernel_manager_factory",
]

_log = logging.getLogger("toolkit.patches")

#: What the toolkit changes or uses that its library does not promise to keep
#: (``module:attribute``), and why.
TARGETS = {
    "voila.handler:NotebookRenderer": "guard_renderer (cold renders)",
    "voila.voila_kernel_manager:NotebookRenderer": "guard_renderer (preheated kernels)",
    "voila.notebook_renderer:NotebookRenderer.generate_content_generator": "guard_renderer",
    "voila.exporter:VoilaExporter._create_environment": "cache_compiled_templates",
    "voila.handler:get_page_config": "cache_page_config (cold renders)",
    "voila.voila_kernel_manager:get_page_config": "cache_page_config (preheated kernels)",
    "voila.app:voila_kernel_manager_factory": "wrap_kernel_manager_factory (kernel cap)",
    "voila.tornado.handler:TornadoVoilaHandler": "the workshop's page handler replaces it",
    "voila.tornado.treehandler:TornadoVoilaTreeHandler": "the landing page replaces it",
    "voila.tornado.contentshandler:VoilaContentsHandler": "the landing page replaces it",
    "jupyter_client.manager:KernelManager._async_pre_start_kernel": "toolkit.kernels",
    "jupyter_client.provisioning:LocalProvisioner.launch_kernel": "toolkit.kernels",
    "jupyter_server._tz:utcnow": "toolkit.kernels (a starting kernel is not idle)",
    "argparse:_": "argparse_speaking",
    "argparse:ngettext": "argparse_speaking",
    "nbgrader.preprocessors:SaveAutoGrades.preprocess_cell": "toolkit.grading drives it",
}

# (owner, attribute name, what was there) of every change made, in order
_applied: list[tuple[Any, str, Any]] = []


def target(module: str, path: str, *, quiet: bool = False) -> Any:
    """The object at ``module`` / ``path`` (``"Class.method"``), or None (logged) if it is gone."""
    try:
        found: Any = importlib.import_module(module)
        for name in path.split("."):
            found = getattr(found, name)
    except (ImportError, AttributeError):
        if not quiet:
            _log.warning(
                "%s.%s is not there: %s is left as the library makes it",
                module,
                path,
                TARGETS.get(f"{module}:{path}", "this change"),
            )
        return None
    return found


def missing() -> list[str]:
    """The :data:`TARGETS` the installed libraries lack (empty with the pinned versions)."""
    return [key for key in TARGETS if target(*key.split(":"), quiet=True) is None]


def applied() -> list[str]:
    """What is changed now, as ``owner.attribute``."""
    return [f"{getattr(owner, '__name__', owner)}.{name}" for owner, name, _old in _applied]


def _replace(owner: Any, name: str, new: Any) -> None:
    _applied.append((owner, name, getattr(owner, name)))
    setattr(owner, name, new)


def _is_applied(owner: Any, name: str) -> bool:
    return any(o is owner and n == name for o, n, _old in _applied)


def undo_all() -> None:
    """Put back everything changed here, last change first (for tests)."""
    while _applied:
        owner, name, old = _applied.pop()
        setattr(owner, name, old)


# --------------------------------------------------------------------------- Voila


def guard_renderer(page_end: Callable[[Any], str]) -> None:
    """Make Voila end a page whose rendering fails, instead of leaving it open for ever.

    Voila renders a page in a background task and sends its parts as they come; when the
    task fails (a kernel that dies while starting, under a burst of visitors), the page
    waits for ever (voila issue #1428).  The renderer's page generator is wrapped: on a
    failure the page gets ``page_end(renderer)`` (the end of the HTML document) and ends.
    Both places Voila makes renderers are guarded: the page handler (cold renders) and the
    kernel manager's preheated pool, which renders the page before a visitor comes.
    """
    base = target("voila.notebook_renderer", "NotebookRenderer")
    owners = [
        importlib.import_module(module)
        for module in ("voila.handler", "voila.voila_kernel_manager")
        if target(module, "NotebookRenderer") is base and base is not None
    ]
    if (
        not owners
        or target("voila.notebook_renderer", "NotebookRenderer.generate_content_generator") is None
    ):
        return

    class GuardedNotebookRenderer(base):
        def generate_content_generator(self, kernel_id=None, kernel_future=None):
            return self._ended_on_failure(
                super().generate_content_generator(kernel_id, kernel_future)
            )

        async def _ended_on_failure(self, parts):
            try:
                async for part in parts:
                    yield part
            except Exception:  # noqa: BLE001 - whatever failed, the page must end
                handler_log = getattr(self.request_handler, "log", None) or self.log
                handler_log.exception("The page %s could not be rendered", self.notebook_path)
                yield page_end(self), None

    for owner in owners:
        if not _is_applied(owner, "NotebookRenderer"):
            _replace(owner, "NotebookRenderer", GuardedNotebookRenderer)


def cache_compiled_templates() -> None:
    """Compile Voila's page templates once for the server's life, not once per visitor.

    Voila makes a new exporter, with a new Jinja environment, for every page; each
    one parsed and compiled the same templates again (a third of the server's time
    under a burst of thirty).  A shared bytecode cache keeps the compiled code; a
    template whose file changes is compiled anew (its checksum differs).
    """
    import jinja2

    exporter = target("voila.exporter", "VoilaExporter")
    create = target("voila.exporter", "VoilaExporter._create_environment")
    if create is None or _is_applied(exporter, "_create_environment"):
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

    def _create_environment(self):
        environment = create(self)
        environment.bytecode_cache = caches.setdefault(environment.is_async, MemoryBytecodeCache())
        return environment

    _replace(exporter, "_create_environment", _create_environment)


def cache_page_config() -> None:
    """Work out Voila's page configuration once, not once per visitor.

    Voila builds it for every page and every preheated kernel by reading the Jupyter
    config folders and searching the disk for the installed JupyterLab extensions
    (an eighth of the server's busy time under a burst, py-spy).  None of that changes
    while the workshop runs; each page gets its own copy, which it may change.
    """
    modules = [
        importlib.import_module(name)
        for name in ("voila.handler", "voila.voila_kernel_manager")
        if target(name, "get_page_config") is not None
    ]
    if not modules or any(_is_applied(m, "get_page_config") for m in modules):
        return
    build = modules[0].get_page_config
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

    for module in modules:
        _replace(module, "get_page_config", get_page_config)


def wrap_kernel_manager_factory(extend: Callable[[type], type]) -> None:
    """Make Voila's kernel manager class ``extend(the class Voila makes)``.

    Voila builds its kernel manager class at start (``voila.app.voila_kernel_manager_factory``,
    which adds the preheated pools); the workshop adds its cap on live kernels to it.
    """
    import voila.app

    make = target("voila.app", "voila_kernel_manager_factory")
    if make is None or _is_applied(voila.app, "voila_kernel_manager_factory"):
        return

    def voila_kernel_manager_factory(
        base_class, preheat_kernel, default_pool_size, page_config_hook=None
    ):
        return extend(
            make(base_class, preheat_kernel, default_pool_size, page_config_hook=page_config_hook)
        )

    _replace(voila.app, "voila_kernel_manager_factory", voila_kernel_manager_factory)


# --------------------------------------------------------------------------- jupyter_client


def fork_targets_present() -> bool:
    """Whether ``jupyter_client`` still picks a kernel's provisioner where the fork server's
    kernel managers expect it (if not, kernels start the usual way; logged)."""
    return all(
        target(*key.split(":")) is not None
        for key in (
            "jupyter_client.manager:KernelManager._async_pre_start_kernel",
            "jupyter_client.provisioning:LocalProvisioner.launch_kernel",
        )
    )


def jupyter_server_utcnow() -> Callable[[], Any]:
    """Jupyter server's own clock for ``last_activity`` (a private function), or an equal one."""
    found = target("jupyter_server._tz", "utcnow")
    if found is not None:
        return found
    import datetime

    return lambda: datetime.datetime.now(datetime.timezone.utc)


# --------------------------------------------------------------------------- argparse


@contextlib.contextmanager
def argparse_speaking(
    gettext: Callable[[str], str], ngettext: Callable[[str, str, int], str]
) -> Iterator[None]:
    """For a while, let argparse's own words ("usage:", its errors) come from ``gettext``.

    argparse looks each word up, when it needs it, with the gettext functions it imported
    into its own module (``argparse._`` and ``argparse.ngettext``); inside this block they
    are ours, then gettext's again.  A word a later Python adds stays English until the
    catalog has it.

    >>> with argparse_speaking(str.upper, lambda one, many, n: one):
    ...     argparse._("usage: ")
    'USAGE: '
    >>> argparse._("usage: ")
    'usage: '
    """
    if target("argparse", "_") is None or target("argparse", "ngettext") is None:
        yield
        return
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = gettext, ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved
