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
- kernels are **forked** from a warm process (:mod:`toolkit.kernels`), so a
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

import json
import os
import secrets
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path

from toolkit import kernels, lifetime
from toolkit.files import write_atomic
from toolkit.i18n import LANGUAGES, translator
from toolkit.paths import DATA_DIR_VAR, data_dir
from toolkit.workshop.catalog import APPS_DIR, NOTEBOOKS_DIR, app_names, app_title
from toolkit.workshop.pages import SHARE_DIR, ui_texts

__all__ = [
    "LAB_ONLY_EXTENSIONS",
    "WorkshopOptions",
    "default_max_kernels",
    "default_max_lessons",
    "lan_addresses",
    "prepare_apps",
    "run",
    "voila_config",
    "wait_until_up",
]

_ = translator("workshop")

#: JupyterLab extensions installed with the kit that an app page does not load.
LAB_ONLY_EXTENSIONS = [
    "@jupyter/nbgrader",
    "@jupyter-notebook/lab-extension",
    "@voila-dashboards/jupyterlab-preview",
]


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
    trainer_key_only: bool = False
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
            write_atomic(folder / f"{name}.ipynb", json.dumps(nb, ensure_ascii=False, indent=1))
    return target


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


def voila_config(options: WorkshopOptions, apps_root: Path, base: Path, servers, key: str):
    """The Voila configuration of the workshop (a traitlets ``Config``)."""
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
    c.WorkshopVoila.trainer_key = key
    c.WorkshopVoila.room_loopback_trainer = not options.trainer_key_only
    host = "127.0.0.1" if not options.lan else options.lan_ip or (lan_addresses() or ["0.0.0.0"])[0]
    c.WorkshopVoila.public_url = f"http://{host}:{options.port}/"
    c.WorkshopKernelManager.max_kernels = options.max_kernels  # see voila_app.with_kernel_cap
    c.WorkshopVoila.render_slots = options.render_slots
    return c


def _start_kernels(options: WorkshopOptions, config, base: Path) -> bool:
    """Start the fork server when it can be used (returns whether it was), else make the kernels
    started as programs end with the workshop too."""
    forking = options.fork and hasattr(os, "fork") and hasattr(socket, "AF_UNIX")  # not on Windows
    if forking:
        kernels.configure(config, base / "forkserver")
        # kernels talk over local sockets, not TCP ports: under a burst a TCP port chosen for
        # a new kernel was sometimes taken before the kernel could bind it, and the kernel died
        config.KernelManager.transport = "ipc"
    elif os.name == "posix":  # kernels started as new programs: they too end with the workshop
        config.MappingKernelManager.kernel_manager_class = "toolkit.kernels.ForkKernelManager"
    return forking


def _announce(options: WorkshopOptions, notice, servers, key: str, echo) -> None:
    """Tell the trainer where the workshop is (and the lessons, or why they are not served)."""
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
                key_url=f"http://{host}:{options.port}/trainer/?key={key}",
            )
        )
    echo(
        _(
            "The room (participants' phones): {url}; projector: {screen}; trainer's page: "
            "{trainer} on this laptop; from a phone or another computer: {key_url}"
        ).format(
            url=f"http://{host}:{options.port}/room/",
            screen=f"http://127.0.0.1:{options.port}/room/screen",
            trainer=f"http://127.0.0.1:{options.port}/room/trainer",
            key_url=f"http://{host}:{options.port}/room/trainer?key={key}",
        )
    )


def run(options: WorkshopOptions, *, echo=print) -> int:
    """Serve the workshop until Ctrl+C; returns the exit status."""
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
    key = secrets.token_urlsafe(18)
    config = voila_config(options, apps_root, base, servers, key)
    from toolkit.room import ROOM_FILE
    from toolkit.room.service import RoomService

    room = RoomService(base / ROOM_FILE)  # a damaged record is moved aside and said so below
    config.WorkshopVoila.room = room
    forking = _start_kernels(options, config, base)
    try:
        from toolkit.workshop import voila_app  # imports Voila: only when serving

        voila_app.apply_patches()
        app = voila_app.WorkshopVoila(config=config)
        app.initialize([])
        _announce(options, notice, servers, key, echo)
        if room.damaged:
            echo(room.damaged)
        # the terminal closed (SIGHUP) or asked to end (SIGTERM): stop as on Ctrl+C, kernels and all
        lifetime.stop_on_signals(lambda: _stop_serving(app))
        app.start()
    finally:
        room.close()
        if servers is not None:
            servers.stop_all()
        if forking:
            kernels.stop()
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
