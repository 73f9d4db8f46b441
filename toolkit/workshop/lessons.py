"""The lessons of a workshop: one confined JupyterLab server per participant, behind the workshop's port.

The workshop server is a small hub (see ``docs/security.md``):

- a participant is known by a random id in a signed, HttpOnly cookie that the
  workshop sets; a cookie naming another id without the workshop's signature
  opens nothing (the visitor gets a new id and a folder of their own);
- each participant gets their own lesson server (JupyterLab), started when they
  first open a lesson, with ``root_dir`` their own folder
  ``<data>/workshop/participants/<id>/`` holding their copies of the lessons,
  with its own random token (never in a URL: the workshop adds it), terminals off and
  nbgrader's instructor parts off;
- on Linux that server runs inside bubblewrap (:func:`sandbox_command`): its own
  folder writable, the Python environment, the toolkit and the course read-only,
  nothing of the trainer's home, no other participant's folder, and **no network**
  (its own network namespace): it listens on a unix socket in its folder, and
  the workshop forwards ``/my/...`` (HTTP and WebSocket) to that socket, adding
  the token on the laptop's side;
- where there are no unix sockets (Windows), an unconfined server (this laptop
  alone, without ``--lan``) listens on a free port of 127.0.0.1 instead
  (:func:`transport`, :class:`Address`): any program of the laptop can reach that
  port, which is acceptable when only the trainer uses the laptop, and the token
  still guards it;
- the trainer's own JupyterLab (formgrader, every participant's folder) is served
  under ``/trainer/`` to the trainer only: a connection from the laptop itself
  (loopback) or a browser that opened ``/trainer/?key=<trainer key>`` (printed at
  start);
- idle lesson servers are stopped (their folders kept), and no more than
  ``max_servers`` run at once, so the laptop's memory holds for the room.

>>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("10.231.4.2")
(True, True, False)
>>> participant_path_allowed("api/contents/04_tariff.ipynb"), participant_path_allowed("api/terminals")
(True, False)
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from toolkit import lifetime
from toolkit.i18n import N_, translator

__all__ = [
    "Address",
    "BASE",
    "BWRAP_FAILS",
    "Confinement",
    "LessonServer",
    "LessonServers",
    "NOT_LINUX",
    "NO_BWRAP",
    "PARTICIPANT_COOKIE",
    "PARTICIPANT_HIDDEN_PLUGINS",
    "LAB_LOCALES",
    "SANDBOX_HOME",
    "TRAINER_BASE",
    "TRAINER_COOKIE",
    "confinement",
    "is_loopback",
    "lab_command",
    "lesson_handlers",
    "new_participant_id",
    "participant_path_allowed",
    "proxy_handler_class",
    "sandbox_command",
    "transport",
    "valid_participant_id",
]

_ = translator("workshop")

#: Where a participant's own lesson server is reached in their browser (the same for all:
#: the cookie, not the address, says whose server answers).
BASE = "/my/"
#: Where the trainer's own JupyterLab is reached (the trainer only).
TRAINER_BASE = "/trainer/"
#: Inside the sandbox, the participant's folder is their home.
SANDBOX_HOME = "/home/participant"

#: Paths of a participant's server that the workshop never forwards (the server has
#: them switched off too: two locks on each door).
_DENIED = (
    "api/terminals",
    "terminals",
    "api/shutdown",
    "formgrader",
    "api/nbgrader",
    "course_list",
    "assignments",
)

#: JupyterLab plugins a participant's lab does not load (nbgrader's instructor parts).
PARTICIPANT_HIDDEN_PLUGINS = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:course-list",
    "@jupyter/nbgrader:assignment-list",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:menu",
)

#: The language of JupyterLab's own menus for a participant who opened a lesson of an edition.
#: There is no Kyrgyz language pack for JupyterLab; Russian is what Kyrgyz municipal staff read
#: in software, so a Kyrgyz lesson opens in a Russian JupyterLab (docs/instructor/README.md).
LAB_LOCALES = {"ky": "ru_RU", "ru": "ru_RU", "en": "en"}

#: Why lessons cannot be confined here, for the trainer (``workshop`` catalog).
NO_BWRAP = N_("bubblewrap (the program bwrap) is not installed; on Debian or Ubuntu: {command}")
BWRAP_FAILS = N_(
    "bubblewrap cannot make a sandbox on this computer (user namespaces are switched off)"
)
NOT_LINUX = N_("this operating system has no sandbox the workshop can use (only Linux has one)")


def is_loopback(address: str) -> bool:
    """Is ``address`` the laptop itself (a loopback connection)?"""
    try:
        return ipaddress.ip_address(address.split("%")[0]).is_loopback
    except ValueError:
        return False


def participant_path_allowed(path: str) -> bool:
    """May a participant's browser reach ``path`` (below ``/my/``) of their own server?

    >>> participant_path_allowed("lab/tree/04_tariff.ipynb"), participant_path_allowed("api/shutdown")
    (True, False)
    >>> participant_path_allowed("formgrader/gradebook"), participant_path_allowed("api//terminals")
    (False, False)
    """
    parts = [p for p in path.split("?")[0].split("/") if p not in ("", ".")]
    if ".." in parts:
        return False
    clean = "/".join(parts)
    return not any(clean == d or clean.startswith(d + "/") for d in _DENIED)


def new_participant_id() -> str:
    """A new random participant id (also the name of their folder).

    >>> pid = new_participant_id(); valid_participant_id(pid), len(pid)
    (True, 17)
    """
    return "p" + secrets.token_hex(8)


def valid_participant_id(value) -> bool:
    """Is ``value`` shaped like an id :func:`new_participant_id` makes?

    >>> valid_participant_id("p0123456789abcdef"), valid_participant_id("../trainer"), valid_participant_id(None)
    (True, False, False)
    """
    return (
        isinstance(value, str)
        and len(value) == 17
        and value[0] == "p"
        and all(c in "0123456789abcdef" for c in value[1:])
    )


# --------------------------------------------------------------------------- confinement


@dataclass
class Confinement:
    """Whether participants' servers can be confined here, and if not, why (a catalog message)."""

    bwrap: str | None
    reason: str | None = None

    @property
    def available(self) -> bool:
        return self.bwrap is not None


def confinement(bwrap: str | None = None) -> Confinement:
    """Find bubblewrap and check it can make a sandbox with no network (``bwrap --unshare-net true``)."""
    if not sys.platform.startswith("linux"):
        return Confinement(None, NOT_LINUX)
    bwrap = bwrap or shutil.which("bwrap")
    if not bwrap:
        return Confinement(None, NO_BWRAP)
    try:
        done = subprocess.run(
            [bwrap, "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid", "true"],
            capture_output=True,
            timeout=20,
        )
    except (OSError, subprocess.TimeoutExpired):
        return Confinement(None, BWRAP_FAILS)
    return Confinement(bwrap) if done.returncode == 0 else Confinement(None, BWRAP_FAILS)


#: System folders a participant's server sees read-only (nothing else of the laptop).
_SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc")


def _readonly_paths(extra: list[Path]) -> list[str]:
    """The Python environment, the toolkit and the course: the folders a lesson needs to run."""
    import toolkit

    package = Path(toolkit.__file__).resolve().parent
    # the course's data tables sit beside the package (datasets/data), read by the lessons
    paths = [
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        os.path.dirname(os.path.realpath(sys.executable)),
        str(package),
        str(package.parent / "datasets"),
        *map(str, extra),
    ]
    if os.path.dirname(os.path.realpath(sys.executable)).endswith("/bin"):
        paths.append(os.path.dirname(os.path.dirname(os.path.realpath(sys.executable))))
    out = []
    for p in dict.fromkeys(os.path.realpath(p) for p in paths):
        if os.path.exists(p) and not any(p == s or p.startswith(s + "/") for s in _SYSTEM):
            out.append(p)
    return sorted(out)


#: The only variables of the trainer's environment a sandbox gets (others may hold the trainer's secrets).
_KEPT_ENV = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "JUPYTER_PATH", "PYTHONWARNINGS")


def sandbox_command(
    bwrap: str,
    folder: Path,
    readonly: list[Path],
    command: list[str],
    env: dict[str, str] | None = None,
) -> list[str]:
    """``command`` run by bubblewrap, confined to ``folder`` (seen as ``/home/participant``).

    The sandbox sees the system folders, the Python environment, the toolkit and
    the course read-only, its own folder writable, an empty ``/tmp``, and nothing
    else: no home of the trainer, no other participant, no data folder of the
    workshop; of the environment only ``env`` and a few variables such as
    ``PATH`` and ``LANG``.  It has its own network namespace (a loopback of its own and no
    other interface: it cannot reach the workshop's ports) and its own process
    ids, and it ends when the workshop ends.

    >>> cmd = sandbox_command("bwrap", Path("/data/p1"), [], ["python", "-V"])
    >>> cmd[:1], "--unshare-net" in cmd, "--die-with-parent" in cmd, cmd[-3:]
    (['bwrap'], True, True, ['--', 'python', '-V'])
    >>> cmd[cmd.index("/data/p1") - 1:cmd.index("/data/p1") + 2]
    ['--bind', '/data/p1', '/home/participant']
    """
    args = [
        bwrap,
        "--die-with-parent",
        "--new-session",
        "--unshare-net",
        "--unshare-pid",
        "--unshare-ipc",
        "--unshare-uts",
        "--unshare-cgroup-try",
        "--hostname",
        "lesson",
    ]
    for path in _SYSTEM:
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    args += [
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--tmpfs",
        "/tmp",
        "--tmpfs",
        "/var/tmp",
        "--tmpfs",
        "/run",
        "--dir",
        "/home",
        "--dir",
        "/root",
    ]
    for path in _readonly_paths(readonly):
        args += ["--ro-bind", path, path]
    args += ["--bind", str(folder), SANDBOX_HOME, "--chdir", SANDBOX_HOME, "--clearenv"]
    kept = {k: os.environ[k] for k in _KEPT_ENV if k in os.environ}
    for key, value in {
        **kept,
        **(env or {}),
        "HOME": SANDBOX_HOME,
        "TMPDIR": "/tmp",
        "ALGCA_DATA_DIR": f"{SANDBOX_HOME}/.algca",
    }.items():
        args += ["--setenv", key, value]
    return [*args, "--", *command]


# --------------------------------------------------------------------------- servers


def transport() -> str:
    """How an unconfined lesson server listens here: ``"unix"`` (a socket file) or ``"tcp"``
    (a port of 127.0.0.1, where Python has no unix sockets: Windows).  Confined servers always
    use a socket (confinement needs Linux).

    >>> transport() in ("unix", "tcp")
    True
    """
    return "unix" if hasattr(socket, "AF_UNIX") and os.name == "posix" else "tcp"


@dataclass(frozen=True)
class Address:
    """Where a lesson server listens: the unix socket ``sock``, or else ``port`` of 127.0.0.1.

    >>> Address(sock="/home/participant/.algca/lab.sock").lab_options()
    ['--ServerApp.sock=/home/participant/.algca/lab.sock']
    >>> Address(port=40123).lab_options()
    ['--ServerApp.ip=127.0.0.1', '--ServerApp.port=40123', '--ServerApp.port_retries=0']
    >>> Address(sock="/x/lab.sock").url("ws", "/my/lab"), Address(port=40123).url("http", "/my/lab")
    ('ws://lesson/my/lab', 'http://127.0.0.1:40123/my/lab')
    """

    sock: Path | str | None = None
    port: int | None = None

    @classmethod
    def loopback(cls) -> Address:
        """A free port of 127.0.0.1 (the server must take exactly it: no retries on another)."""
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            return cls(port=probe.getsockname()[1])

    def lab_options(self) -> list[str]:
        """JupyterLab's options to listen here."""
        if self.sock is not None:
            return [f"--ServerApp.sock={self.sock}"]
        return [
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
        ]

    def url(self, scheme: str, uri: str) -> str:
        """The URL of ``uri`` on this server, for a client using :meth:`resolver`."""
        return (
            f"{scheme}://lesson{uri}"
            if self.sock is not None
            else f"{scheme}://127.0.0.1:{self.port}{uri}"
        )

    def resolver(self):
        """tornado's resolver that reaches the socket (None: the usual one, for a port)."""
        if self.sock is None:
            return None
        from tornado.netutil import Resolver

        path = str(self.sock)

        class UnixResolver(Resolver):
            async def resolve(self, host, port, family=socket.AF_UNSPEC):
                return [(socket.AF_UNIX, path)]

        return UnixResolver()

    async def answers(self) -> bool:
        """Does something accept connections here yet?"""
        try:
            if self.sock is not None:
                _reader, writer = await asyncio.open_unix_connection(str(self.sock))
            else:
                _reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
        except OSError:
            return False
        writer.close()
        return True


def lab_command(
    root: str, address: Address, base_url: str, *, participant: bool, cull_after: int
) -> list[str]:
    """The JupyterLab command line of a lesson server listening at ``address``.

    A participant's server has no terminals and none of nbgrader's instructor parts.

    >>> cmd = lab_command("/home/participant", Address(sock="/home/participant/.algca/lab.sock"), "/my/",
    ...                   participant=True, cull_after=3600)
    >>> "--ServerApp.terminals_enabled=False" in cmd, "--ServerApp.sock=/home/participant/.algca/lab.sock" in cmd
    (True, True)
    """
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        *address.lab_options(),
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.base_url={base_url}",
        "--ServerApp.open_browser=False",
        # reached only by the workshop (its socket, or a port of 127.0.0.1), which sends the room's Host header
        "--ServerApp.allow_remote_access=True",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
        f"--MappingKernelManager.cull_idle_timeout={cull_after}",
        "--MappingKernelManager.cull_interval=120",
        "--MappingKernelManager.cull_connected=True",
        f"--ServerApp.shutdown_no_activity_timeout={cull_after * 2}",
        *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
    ]
    if participant:
        off = {
            "jupyter_server_terminals": False,
            "nbgrader.server_extensions.formgrader": False,
            "nbgrader.server_extensions.course_list": False,
            "nbgrader.server_extensions.assignment_list": False,
            "voila.server_extension": False,
        }
        cmd += ["--ServerApp.terminals_enabled=False", f"--ServerApp.jpserver_extensions={off!r}"]
    return cmd


@dataclass
class LessonServer:
    """One running lesson server: its process, its address and its secret token."""

    folder: Path
    address: Address
    token: str
    process: subprocess.Popen
    last_used: float = field(default_factory=time.monotonic)
    ready: bool = False

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


class LessonServers:
    """The lesson servers of a workshop: one per participant (confined), and the trainer's.

    ``confine`` is the bubblewrap program, or ``None`` to run participants' servers
    unconfined (only when the workshop serves this laptop alone).
    """

    def __init__(
        self,
        root: Path,
        notebooks_dir: Path,
        *,
        confine: str | None,
        max_servers: int,
        cull_after: int,
        log_dir: Path,
        readonly: list[Path] | None = None,
    ):
        self.root = Path(root)
        self.participants_root = self.root / "participants"
        self.participants_root.mkdir(parents=True, exist_ok=True)
        self.notebooks_dir = Path(notebooks_dir)
        self.confine = confine
        self.max_servers = max_servers
        self.cull_after = cull_after
        self.log_dir = Path(log_dir)
        self.readonly = [self.notebooks_dir, *(readonly or [])]
        self.servers: dict[str, LessonServer] = {}
        self._starting: dict[str, asyncio.Future] = {}
        self.secret = _secret(self.root / ".participant-secret")

    # -- folders

    def folder(self, participant: str) -> Path:
        if not valid_participant_id(participant) and participant != "trainer":
            raise ValueError(participant)
        return (
            self.participants_root / participant
            if participant != "trainer"
            else self.root / "trainer"
        )

    def copy_lesson(self, participant: str, edition: str, name: str) -> str | None:
        """Copy lesson ``edition/name`` into the participant's folder (once); its file name, or None."""
        source = self.notebooks_dir / edition / f"{name}.ipynb"
        if not source.is_file():
            return None
        folder = self.folder(participant)
        folder.mkdir(parents=True, exist_ok=True)
        copy = folder / source.name
        if not copy.exists():
            shutil.copyfile(source, copy)
        return source.name

    def set_lab_language(self, participant: str, edition: str) -> None:
        """Open ``participant``'s JupyterLab in the language of the ``edition`` they chose
        (``LAB_LOCALES``): JupyterLab reads this settings file whenever a page loads.

        >>> import tempfile
        >>> servers = LessonServers(Path(tempfile.mkdtemp()), Path("notebooks"), confine=None,
        ...                         max_servers=1, cull_after=60, log_dir=Path(tempfile.mkdtemp()))
        >>> servers.set_lab_language("trainer", "ky")
        >>> print((servers.folder("trainer") / ".algca" / "lab-settings" / "@jupyterlab"
        ...        / "translation-extension" / "plugin.jupyterlab-settings").read_text())
        {"locale": "ru_RU"}
        """
        settings = self.folder(participant) / ".algca" / "lab-settings" / "@jupyterlab"
        settings = settings / "translation-extension"
        settings.mkdir(parents=True, exist_ok=True)
        (settings / "plugin.jupyterlab-settings").write_text(
            json.dumps({"locale": LAB_LOCALES.get(edition, "en")}), encoding="utf-8"
        )

    # -- processes

    def _command(
        self, participant: str, folder: Path, address: Address, env: dict[str, str]
    ) -> list[str]:
        if participant == "trainer":
            return lab_command(
                str(self.participants_root),
                address,
                TRAINER_BASE,
                participant=False,
                cull_after=self.cull_after,
            )
        if self.confine:
            inside = Address(sock=f"{SANDBOX_HOME}/{Path(address.sock).relative_to(folder)}")
            lab = lab_command(
                SANDBOX_HOME, inside, BASE, participant=True, cull_after=self.cull_after
            )
            return sandbox_command(self.confine, folder, self.readonly, lab, env)
        return lab_command(str(folder), address, BASE, participant=True, cull_after=self.cull_after)

    def _address(self, participant: str, run: Path) -> tuple[Address, Address]:
        """Where the server listens (its own side) and where the workshop connects: the socket
        ``run/lab.sock``, reached by a shorter path if that one is too long; or, unconfined where
        there are no unix sockets, a free port of 127.0.0.1."""
        confined = bool(self.confine) and participant != "trainer"
        if not confined and transport() == "tcp":
            address = Address.loopback()
            return address, address
        sock = run / "lab.sock"
        outside = sock if len(str(sock)) <= _SOCKET_PATH_MAX else self._short_socket(participant)
        for path in {sock, outside}:
            if path.exists() or path.is_symlink():
                path.unlink()
        if confined and outside != sock:
            outside.symlink_to(
                sock
            )  # the sandbox binds its short inside path; the workshop connects here
        elif outside != sock:
            sock = outside  # unconfined: the server itself binds the short path
        return Address(sock=sock), Address(sock=outside)

    def _short_socket(self, participant: str) -> Path:
        """A short path for a socket whose place in a deep data folder is beyond the system's limit
        (about 100 characters): in a folder of the temporary directory that only the trainer can open."""
        import hashlib
        import tempfile

        tag = hashlib.sha256(str(self.root).encode()).hexdigest()[:10]
        folder = Path(tempfile.gettempdir()) / f"algca-{tag}"
        folder.mkdir(mode=0o700, exist_ok=True)
        folder.chmod(0o700)
        self._short_folder = folder
        return folder / f"{participant}.sock"

    def running(self) -> int:
        return sum(1 for pid, s in self.servers.items() if pid != "trainer" and s.alive())

    def full(self, participant: str) -> bool:
        """Would starting ``participant``'s server go beyond the cap (after stopping idle ones)?"""
        if participant == "trainer" or (
            participant in self.servers and self.servers[participant].alive()
        ):
            return False
        self.cull()
        return self.running() >= self.max_servers

    def cull(self, idle: float | None = None) -> list[str]:
        """Stop the servers nobody used for ``idle`` seconds (default: ``cull_after``); their folders stay."""
        idle = self.cull_after if idle is None else idle
        now = time.monotonic()
        stopped = []
        for pid, server in list(self.servers.items()):
            if pid == "trainer":
                continue
            if not server.alive() or now - server.last_used > idle:
                server.stop()
                del self.servers[pid]
                stopped.append(pid)
        return stopped

    async def server(self, participant: str, timeout: float = 120) -> LessonServer:
        """The participant's running server, started (and waited for) if need be."""
        current = self.servers.get(participant)
        if current is not None and current.alive() and current.ready:
            current.last_used = time.monotonic()
            return current
        if participant not in self._starting:
            self._starting[participant] = asyncio.ensure_future(self._start(participant, timeout))
        try:
            return await asyncio.shield(self._starting[participant])
        finally:
            future = self._starting.get(participant)
            if future is not None and future.done():
                del self._starting[participant]

    async def _start(self, participant: str, timeout: float) -> LessonServer:
        folder = self.folder(participant)
        folder.mkdir(parents=True, exist_ok=True)
        run = folder / ".algca"
        run.mkdir(exist_ok=True)
        own_side, outside = self._address(participant, run)
        token = secrets.token_hex(24)
        settings = run / "lab-settings" / "@jupyterlab" / "apputils-extension"
        settings.mkdir(parents=True, exist_ok=True)
        # no news feed, no update check, no question about them: the room is offline
        (settings / "notification.jupyterlab-settings").write_text(
            '{"fetchNews": "false", "checkForUpdates": false}', encoding="utf-8"
        )
        settings_dir = (
            f"{SANDBOX_HOME}/.algca/lab-settings"
            if self.confine and participant != "trainer"
            else str(run / "lab-settings")
        )
        if participant != "trainer":
            # nbgrader's instructor menus would only meet refusals in a participant's lab
            labconfig = folder / ".jupyter" / "labconfig"
            labconfig.mkdir(parents=True, exist_ok=True)
            (labconfig / "page_config.json").write_text(
                json.dumps({"disabledExtensions": dict.fromkeys(PARTICIPANT_HIDDEN_PLUGINS, True)}),
                encoding="utf-8",
            )
        own = {"JUPYTER_TOKEN": token, "JUPYTERLAB_SETTINGS_DIR": settings_dir}
        if participant != "trainer" and not self.confine:
            # confined, the folder is the home and .jupyter is found there; unconfined, say so
            own["JUPYTER_CONFIG_DIR"] = str(folder / ".jupyter")
        env = {**os.environ, **own}
        env.pop("ALGCA_LANG", None)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        with open(self.log_dir / f"lab-{participant}.log", "ab") as log:
            process = subprocess.Popen(
                self._command(participant, folder, own_side, own),
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=folder,
                start_new_session=True,
                preexec_fn=lifetime.preexec(os.getpid()) if os.name == "posix" else None,
            )
        server = LessonServer(folder, outside, token, process)
        self.servers[participant] = server
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not server.alive():
                raise RuntimeError(
                    f"the lesson server of {participant} stopped ({process.returncode})"
                )
            if await outside.answers():
                server.ready = True
                server.last_used = time.monotonic()
                return server
            await asyncio.sleep(0.2)
        server.stop()
        raise TimeoutError(f"the lesson server of {participant} did not start in {timeout} s")

    def stop_all(self) -> None:
        for server in self.servers.values():
            server.stop()
        self.servers.clear()
        if getattr(self, "_short_folder", None) is not None:
            shutil.rmtree(self._short_folder, ignore_errors=True)


def _secret(path: Path) -> bytes:
    """The key that signs participants' cookies: kept (readable by the trainer only) so that
    a restarted workshop still knows its participants."""
    try:
        value = path.read_bytes()
        if len(value) >= 32:
            return value
    except OSError:
        pass
    value = secrets.token_hex(32).encode()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(value)
    return value


#: The longest path a unix socket may have here (108 bytes on Linux, with room to spare).
_SOCKET_PATH_MAX = 100


# --------------------------------------------------------------------------- the proxy


#: Request headers not passed to a lesson server (hop-by-hop, and the workshop's own).
_DROP_REQUEST = {
    "host",
    "connection",
    "keep-alive",
    "upgrade",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "authorization",
    "cookie",
    "origin",
    "content-length",
    "sec-websocket-key",
    "sec-websocket-version",
    "sec-websocket-extensions",
    "accept-encoding",
}
_DROP_RESPONSE = {
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
    "content-encoding",
    "server",
    "proxy-authenticate",
    "upgrade",
    "set-cookie",
}


def _kept_cookies(header: str) -> str:
    """The cookies a lesson server may see: its own, not the workshop's.

    >>> _kept_cookies("algca_participant=x; _xsrf=abc; algca_lang=ky")
    '_xsrf=abc'
    """
    kept = [
        c.strip() for c in header.split(";") if c.strip() and not c.strip().startswith("algca_")
    ]
    return "; ".join(kept)


def proxy_handler_class(get_target, forbidden_page):
    """A tornado handler forwarding HTTP and WebSocket requests to a lesson server.

    ``get_target(handler, path)`` is a coroutine returning the :class:`LessonServer`
    to talk to, or None after it has answered the request itself (refused it).
    """
    import tornado.httpclient
    import tornado.web
    import tornado.websocket

    class LessonProxyHandler(tornado.websocket.WebSocketHandler):
        upstream = None

        def check_xsrf_cookie(self):  # the lesson server checks its own; origins are checked here
            return None

        def check_origin(self, origin):
            return _same_origin(origin, self.request.host)

        def _forward_headers(self, server: LessonServer) -> dict:
            headers = {
                k: v for k, v in self.request.headers.get_all() if k.lower() not in _DROP_REQUEST
            }
            cookies = _kept_cookies(self.request.headers.get("Cookie", ""))
            if cookies:
                headers["Cookie"] = cookies
            headers["Authorization"] = f"token {server.token}"
            headers["Host"] = self.request.host
            return headers

        async def _proxy(self, path):
            origin = self.request.headers.get("Origin")
            if (
                self.request.method not in ("GET", "HEAD")
                and origin
                and not _same_origin(origin, self.request.host)
            ):
                raise tornado.web.HTTPError(403)
            server = await get_target(self, path)
            if server is None:
                return
            url = server.address.url("http", self.request.uri)
            client = tornado.httpclient.AsyncHTTPClient(
                force_instance=True, resolver=server.address.resolver()
            )
            body = self.request.body if self.request.method in ("POST", "PUT", "PATCH") else None
            if body is None and self.request.method in ("POST", "PUT", "PATCH"):
                body = b""
            try:
                reply = await client.fetch(
                    tornado.httpclient.HTTPRequest(
                        url,
                        method=self.request.method,
                        headers=self._forward_headers(server),
                        body=body,
                        follow_redirects=False,
                        request_timeout=600,
                        decompress_response=False,
                        allow_nonstandard_methods=True,
                    ),
                    raise_error=False,
                )
            finally:
                client.close()
            if reply.code == 599:
                raise tornado.web.HTTPError(502)
            self.set_status(reply.code, reply.reason)
            for key in list(self._headers):
                if key.lower() not in ("date",):
                    self.clear_header(key)
            for key, value in reply.headers.get_all():
                if key.lower() == "set-cookie":
                    self.add_header(key, value)
                elif key.lower() not in _DROP_RESPONSE:
                    self.set_header(key, value)
            if reply.code not in (204, 304) and reply.body:
                self.write(reply.body)
            self.finish()

        async def get(self, path=""):
            if self.request.headers.get("Upgrade", "").lower() == "websocket":
                server = await get_target(self, path)
                if server is None:
                    return
                self._server = server
                await super().get(path)
                return
            await self._proxy(path)

        async def open(self, path=""):
            import tornado.httpclient

            server = self._server
            url = server.address.url("ws", self.request.uri)
            headers = self._forward_headers(server)
            for key in ("Sec-WebSocket-Protocol",):
                headers.pop(key, None)
            request = tornado.httpclient.HTTPRequest(url, headers=headers, request_timeout=60)
            subprotocols = [
                p.strip()
                for p in self.request.headers.get("Sec-WebSocket-Protocol", "").split(",")
                if p.strip()
            ] or None
            try:
                self.upstream = await tornado.websocket.websocket_connect(
                    request,
                    resolver=server.address.resolver(),
                    subprotocols=subprotocols,
                    on_message_callback=self._from_upstream,
                    max_message_size=100 * 2**20,
                )
            except Exception:  # noqa: BLE001 - the lesson server refused or stopped
                self.close(1011)

        def select_subprotocol(self, subprotocols):
            return subprotocols[0] if subprotocols else None

        def _from_upstream(self, message):
            if message is None:
                if self.ws_connection is not None:
                    self.close()
                return
            with contextlib.suppress(tornado.websocket.WebSocketClosedError):
                self.write_message(message, binary=isinstance(message, bytes))

        async def on_message(self, message):
            if self.upstream is not None:
                await self.upstream.write_message(message, binary=isinstance(message, bytes))

        def on_close(self):
            if self.upstream is not None:
                self.upstream.close()

        post = put = patch = delete = head = options = _proxy

        def write_error(self, status_code, **kwargs):
            if status_code == 403:
                self.finish(forbidden_page(self))
            else:
                super().write_error(status_code, **kwargs)

    return LessonProxyHandler


def _same_origin(origin: str | None, host: str) -> bool:
    """Does the browser's ``Origin`` name the workshop's own address?

    >>> _same_origin("http://10.0.0.5:8866", "10.0.0.5:8866"), _same_origin("http://evil.example", "10.0.0.5:8866")
    (True, False)
    """
    if not origin:
        return True
    from urllib.parse import urlsplit

    return urlsplit(origin).netloc == host


# --------------------------------------------------------------------------- the handlers

PARTICIPANT_COOKIE = "algca_participant"
TRAINER_COOKIE = "algca_trainer"


def lesson_handlers(request_lang) -> list[tuple]:
    """The workshop's routes for the lessons: ``/lesson/<edition>/<name>``, ``/my/...``, ``/trainer/...``.

    ``request_lang(handler)`` is the visitor's language.  The routes read the
    :class:`LessonServers` from the application's setting ``algca_lessons`` (None:
    lessons are not served) and the trainer key from ``algca_trainer_key``.
    """
    import tornado.ioloop
    import tornado.web

    from toolkit.workshop.pages import error_page, forbidden_page, wait_page

    def participant_of(handler) -> str | None:
        servers = handler.settings["algca_lessons"]
        raw = handler.get_cookie(PARTICIPANT_COOKIE)
        if not raw:
            return None
        value = tornado.web.decode_signed_value(
            servers.secret, PARTICIPANT_COOKIE, raw, max_age_days=31
        )
        value = value.decode("ascii", "replace") if value else None
        return value if valid_participant_id(value) else None

    def is_trainer(handler) -> bool:
        if is_loopback(handler.request.remote_ip or ""):
            return True
        key = handler.settings["algca_trainer_key"]
        raw = handler.get_cookie(TRAINER_COOKIE)
        servers = handler.settings["algca_lessons"]
        if not (key and raw):
            return False
        value = tornado.web.decode_signed_value(servers.secret, TRAINER_COOKIE, raw, max_age_days=2)
        return value is not None and secrets.compare_digest(value, key.encode())

    def refuse(handler, status: int = 403) -> None:
        handler.set_status(status)
        handler.set_header("Cache-Control", "no-store")
        page = {403: forbidden_page, 503: wait_page}.get(status, error_page)
        handler.finish(page(request_lang(handler)))

    async def started(handler, servers: LessonServers, who: str):
        """``who``'s lesson server, started if need be; if it will not start, a calm page says so."""
        try:
            return await servers.server(who)
        except (RuntimeError, TimeoutError) as exc:
            handler.log_exception(type(exc), exc, exc.__traceback__)
            refuse(handler, 500)
            return None

    def keep_culling(servers: LessonServers) -> None:
        if getattr(servers, "_culling", None) is None:
            servers._culling = tornado.ioloop.PeriodicCallback(servers.cull, 60_000)
            servers._culling.start()

    async def participant_server(handler, path):
        servers = handler.settings["algca_lessons"]
        participant = participant_of(handler) if servers is not None else None
        if participant is None or not participant_path_allowed(path):
            refuse(handler)
            return None
        keep_culling(servers)
        if servers.full(participant):
            handler.set_header("Retry-After", "5")
            refuse(handler, 503)
            return None
        return await started(handler, servers, participant)

    async def trainer_server(handler, path):
        servers = handler.settings["algca_lessons"]
        key = handler.get_argument("key", None)
        if (
            servers is not None
            and key
            and secrets.compare_digest(key, handler.settings["algca_trainer_key"])
        ):
            handler.set_cookie(
                TRAINER_COOKIE,
                tornado.web.create_signed_value(servers.secret, TRAINER_COOKIE, key),
                httponly=True,
                samesite="Strict",
                path=TRAINER_BASE,
            )
            handler.redirect(TRAINER_BASE + "lab")
            return None
        if servers is None or not is_trainer(handler):
            refuse(handler)
            return None
        return await started(handler, servers, "trainer")

    class LessonHandler(tornado.web.RequestHandler):
        """Copy a lesson into the participant's folder and open it in their own lesson server."""

        async def get(self, edition, name):
            servers = self.settings["algca_lessons"]
            if servers is None:
                raise tornado.web.HTTPError(404)
            participant = participant_of(self)
            if participant is None:
                participant = new_participant_id()
            # set again on every lesson: it stays a week after the last one opened
            self.set_cookie(
                PARTICIPANT_COOKIE,
                tornado.web.create_signed_value(servers.secret, PARTICIPANT_COOKIE, participant),
                expires_days=7,
                httponly=True,
                samesite="Lax",
            )
            copied = servers.copy_lesson(participant, edition, name)
            if copied is None:
                raise tornado.web.HTTPError(404)
            servers.set_lab_language(participant, edition)
            if servers.full(participant):
                self.set_header("Retry-After", "5")
                refuse(self, 503)
                return
            keep_culling(servers)
            if await started(self, servers, participant) is not None:
                self.redirect(f"{BASE}lab/tree/{copied}")

    mine = proxy_handler_class(participant_server, lambda h: forbidden_page(request_lang(h)))
    trainer = proxy_handler_class(trainer_server, lambda h: forbidden_page(request_lang(h)))
    return [
        (r"/lesson/(ky|ru|en)/([\w.-]+)", LessonHandler),
        (BASE + "(.*)", mine),
        (BASE.rstrip("/"), tornado.web.RedirectHandler, {"url": BASE + "lab"}),
        (TRAINER_BASE + "(.*)", trainer),
        (TRAINER_BASE.rstrip("/"), tornado.web.RedirectHandler, {"url": TRAINER_BASE}),
    ]
