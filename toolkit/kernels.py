"""Kernels forked from a warm process: a room of thirty served in seconds, in less memory.

Starting a Python kernel the usual way costs about a second of processor time
(Python starts, then imports IPython, ipykernel, ipywidgets, matplotlib, pandas
and the toolkit) and some 100 MB of memory.  Thirty visitors arriving together
on a two-core laptop wait for thirty such starts.

The fork server imports all of that **once**, then makes each new kernel by
``fork()``: the new process starts with everything already imported, in a few
milliseconds, and shares the imported code's memory with its siblings until it
changes it.  The Voila server talks to these kernels exactly as to ordinary
ones (a kernel provisioner that asks the fork server instead of starting a
program); if the fork server is not there, kernels start the usual way.

Only on systems with ``fork()`` (Linux, macOS); elsewhere kernels start the usual way.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from toolkit import lifetime

__all__ = [
    "ENV_VAR",
    "LOG_VAR",
    "PRELOAD",
    "ask",
    "configure",
    "kernel_setup",
    "serve",
    "start",
    "stop",
]

#: Where the Voila server finds the fork server's socket.
ENV_VAR = "ALGCA_FORKSERVER"

#: The file the forked kernels write their messages to (a kernel that dies says why there).
LOG_VAR = "ALGCA_FORKSERVER_LOG"

#: What the fork server imports before it forks kernels: the kernel itself (with what it
#: imports as it starts: its debugger, which brings debugpy, IPython's history database…),
#: the libraries, and the apps.  None of these may make a widget when imported: a widget
#: made with no kernel would never reach the browser (a test checks).
PRELOAD = [
    "IPython",
    "IPython.core.completerlib",
    "IPython.core.debugger",
    "IPython.extensions.storemagic",
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.comm",
    "ipykernel.debugger",
    "psutil",
    "sqlite3",
    "tornado.platform.asyncio",
    "ipywidgets",
    "numpy",
    "pandas",
    "matplotlib",
    "matplotlib.pyplot",
    "matplotlib_inline.backend_inline",
    "toolkit",
    "toolkit.plots",
    "toolkit.checks",
    "toolkit.apps.common",
    "toolkit.apps.welcome",
    "toolkit.apps.tariff",
    "toolkit.apps.voting",
    "toolkit.apps.mapping",
    "toolkit.apps.gallery",
    "toolkit.apps.plan",
]

_process: subprocess.Popen | None = None


# --------------------------------------------------------------------------- the fork server


def _child(request: dict, server_pid: int) -> None:
    """In the forked process: become a kernel (never returns); it ends when the fork server ends."""
    try:
        os.setsid()
        lifetime.preexec(server_pid)()  # ends with the fork server (at once if it is already gone)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.chdir(request.get("cwd") or "/")
        os.environ.clear()
        os.environ.update(request.get("env") or {})
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        log = request.get("log")
        out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644) if log else null
        os.dup2(out, 1)
        os.dup2(out, 2)
        argv = [
            *request["argv"],
            "--IPKernelApp.exec_lines=import toolkit.kernels as _f; _f.kernel_setup(); del _f",
        ]
        sys.argv = [sys.executable, *argv]
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(argv=argv)
    finally:
        os._exit(0)


def kernel_setup() -> None:
    """Run in a forked kernel once it is up: what the preloaded modules did at import, when
    there was no kernel yet, is done now for this kernel.

    - ipywidgets registers its comm targets (``jupyter.widget`` and the control channel
      ``jupyter.widget.control``) with the running kernel only when it is imported inside
      one; without them a page fetches each widget separately and, under load, may show
      "Error displaying widget: model not found".
    - the toolkit's calm error messages are installed in the notebook.
    """
    if "ipywidgets" in sys.modules:
        sys.modules["ipywidgets"].register_comm_target()
    if "toolkit.errors" in sys.modules:
        sys.modules["toolkit.errors"].install_notebook_handler()


def serve(path: str) -> None:
    """Import :data:`PRELOAD`, then fork a kernel for every request on the socket ``path``."""
    import gc
    import importlib

    lifetime.die_with_parent()  # also arranged by start(); here for a server started otherwise
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # debugpy's note on frozen modules
    for name in PRELOAD:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    gc.collect()
    gc.freeze()  # the preloaded objects stay shared between the kernels
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # forked kernels are reaped at once
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(128)
    print("ready", flush=True)
    while True:
        conn, _ = server.accept()
        with conn:
            data = b""
            while not data.endswith(b"\n"):
                chunk = conn.recv(65536)
                if not chunk:
                    break
                data += chunk
            try:
                request = json.loads(data)
            except ValueError:
                continue
            me = os.getpid()
            pid = os.fork()
            if pid == 0:
                server.close()
                conn.close()
                _child(request, me)
            conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")


def start(folder: Path, timeout: float = 60.0) -> str:
    """Start the fork server (a separate process); returns its socket path."""
    global _process
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    # a socket's path may be at most ~100 bytes: not in the data folder, which may be deep
    path = os.path.join(tempfile.mkdtemp(prefix="algca-fork-"), "fork.sock")
    with open(folder / "forkserver.log", "ab") as log:
        _process = subprocess.Popen(
            [sys.executable, "-m", "toolkit.kernels", path],
            stdout=subprocess.PIPE,
            stderr=log,
            start_new_session=True,
            preexec_fn=lifetime.preexec(os.getpid()),  # it and its kernels end with the workshop
        )
    deadline = time.monotonic() + timeout
    line = b""
    while time.monotonic() < deadline and _process.poll() is None:
        line = _process.stdout.readline()
        if line.strip() == b"ready":
            os.environ[ENV_VAR] = path
            os.environ[LOG_VAR] = str(folder / "kernels.log")
            return path
    stop()
    raise RuntimeError("the kernel fork server did not start")


def stop() -> None:
    """Stop the fork server (the kernels it made are stopped by their managers)."""
    global _process
    path = os.environ.pop(ENV_VAR, None)
    os.environ.pop(LOG_VAR, None)
    if _process is not None and _process.poll() is None:
        _process.terminate()
        try:
            _process.wait(5)
        except subprocess.TimeoutExpired:
            _process.kill()
    if _process is not None and _process.stdout is not None:
        _process.stdout.close()
    _process = None
    if path and os.path.basename(os.path.dirname(path)).startswith("algca-fork-"):
        import shutil

        shutil.rmtree(os.path.dirname(path), ignore_errors=True)


def configure(config, folder: Path) -> None:
    """Start the fork server and make the kernel managers of ``config`` use it."""
    start(folder)
    config.MappingKernelManager.kernel_manager_class = "toolkit.kernels.ForkKernelManager"


def _request(argv: list[str], env: dict, cwd: str | None, log: str | None) -> bytes:
    return json.dumps({"argv": argv, "env": env, "cwd": cwd, "log": log}).encode() + b"\n"


async def ask(argv: list[str], env: dict, cwd: str | None, log: str | None = None) -> int:
    """Ask the fork server for a kernel; returns its process id.

    Awaited on the server's event loop, so the wait for the answer never holds the loop:
    a fork server that hangs delays this one kernel (30 s at most), not every page.
    """
    reader, writer = await asyncio.wait_for(
        asyncio.open_unix_connection(os.environ[ENV_VAR]), timeout=30
    )
    try:
        writer.write(_request(argv, env, cwd, log))
        await writer.drain()
        data = await asyncio.wait_for(reader.readline(), timeout=30)
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
    return int(json.loads(data)["pid"])


# --------------------------------------------------------------------------- the Voila side


class _Forked:
    """A forked kernel, seen through the parts of ``Popen`` the kernel provisioner uses."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0
            except PermissionError:
                pass
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.05)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def _classes():
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_client.provisioning import LocalProvisioner
    from jupyter_server.services.kernels.kernelmanager import ServerKernelManager
    from traitlets import default

    from toolkit import patches

    utcnow = patches.jupyter_server_utcnow()

    class ForkProvisioner(LocalProvisioner):
        """Launch an IPython kernel by asking the fork server; anything else the usual way."""

        async def launch_kernel(self, cmd, **kwargs):
            if os.environ.get(ENV_VAR) and list(cmd[1:3]) == ["-m", "ipykernel_launcher"]:
                try:
                    pid = await ask(
                        list(cmd[3:]),
                        dict(kwargs.get("env") or os.environ),
                        kwargs.get("cwd"),
                        os.environ.get(LOG_VAR),
                    )
                except (OSError, ValueError, KeyError, asyncio.TimeoutError):
                    pid = None
                if pid:
                    self.process = _Forked(pid)
                    self.pid = self.pgid = pid
                    self.cwd = kwargs.get("cwd", os.getcwd())
                    return self.connection_info
            if os.name == "posix":  # a kernel started the usual way also ends with the workshop
                kwargs.setdefault("preexec_fn", lifetime.preexec(os.getpid()))
            return await super().launch_kernel(cmd, **kwargs)

    class ForkMixin:
        """Give a jupyter_client kernel manager the :class:`ForkProvisioner` before it starts
        a kernel (jupyter_client picks the provisioner in ``_async_pre_start_kernel``, a
        private method: see :mod:`toolkit.patches`)."""

        async def _async_pre_start_kernel(self, **kw):
            if self.provisioner is None:
                self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
                self.provisioner = ForkProvisioner(
                    kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self
                )
            return await super()._async_pre_start_kernel(**kw)

        # jupyter_client's blocking and async start both call pre_start_kernel: one way
        pre_start_kernel = _async_pre_start_kernel

    class ForkKernelManager(ForkMixin, ServerKernelManager):
        """Jupyter server's kernel manager, with kernels forked from the warm fork server."""

        @default("last_activity")
        def _started_now(self):
            # the culler may look at a kernel that is still starting: it is not idle
            return utcnow()

    class ForkAsyncKernelManager(ForkMixin, AsyncKernelManager):
        """jupyter_client's kernel manager (used by nbclient/nbgrader), with forked kernels."""

    if not patches.fork_targets_present():  # a jupyter_client that works differently
        ForkKernelManager, ForkAsyncKernelManager = ServerKernelManager, AsyncKernelManager
    return {
        "ForkProvisioner": ForkProvisioner,
        "ForkKernelManager": ForkKernelManager,
        "ForkAsyncKernelManager": ForkAsyncKernelManager,
    }


def __getattr__(name: str):
    if name in ("ForkProvisioner", "ForkKernelManager", "ForkAsyncKernelManager"):
        globals().update(_classes())
        return globals()[name]
    raise AttributeError(name)


if __name__ == "__main__":
    serve(sys.argv[1])
