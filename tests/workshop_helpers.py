"""Start and stop a real workshop server for the tests and benchmarks."""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, timeout: float = 60.0, proc=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server stopped with status {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.25)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


@contextmanager
def workshop_server(
    data_dir: Path,
    *args: str,
    timeout: float = 60.0,
    attempts: int = 3,
    env: dict | None = None,
    prelude: str = "",
):
    """A running ``algca workshop`` on a free port of 127.0.0.1; yields (url, process, log path).

    A port taken by someone else between choosing and binding it is retried on another.
    ``env`` adds to (or changes) the server's environment; ``prelude`` is Python run in the
    server's process before the workshop starts (to change something the test needs).
    """
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    log = Path(data_dir) / "server.log"
    env = {**os.environ, "ALGCA_DATA_DIR": str(data_dir), "PYTHONWARNINGS": "ignore", **(env or {})}
    env.pop("ALGCA_LANG", None)
    for attempt in range(attempts):
        port = free_port()
        with open(log, "wb") as out:
            proc = subprocess.Popen(
                [sys.executable, *_launcher(prelude), "workshop", "--port", str(port), *args],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for(url + "/", timeout, proc)
            break
        except Exception as exc:
            stop(proc)
            text = log.read_text(errors="replace")
            if "already in use" in text and attempt + 1 < attempts:
                continue
            raise RuntimeError(f"{exc}; log:\n{text[-3000:]}") from exc
    try:
        yield url, proc, log
    finally:
        stop(proc)


def _launcher(prelude: str) -> list[str]:
    """How to start ``toolkit.cli``: as a module, or after ``prelude`` ran in the same process."""
    if not prelude:
        return ["-m", "toolkit.cli"]
    return [
        "-c",
        f"{prelude}\nimport runpy\nrunpy.run_module('toolkit.cli', run_name='__main__', alter_sys=True)",
    ]


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)


def app_folder(tmp: Path, *names: str) -> Path:
    """A folder with some of the course's apps."""
    apps = tmp / "apps"
    apps.mkdir(exist_ok=True)
    for name in names:
        (apps / f"{name}.ipynb").write_bytes(
            (ROOT / "notebooks" / "apps" / f"{name}.ipynb").read_bytes()
        )
    return apps


def app_kernels(proc) -> list[psutil.Process]:
    """The app kernels of a workshop now: the fork server's living children, and kernels
    started as programs of their own (``--no-fork``)."""
    found = []
    with contextlib.suppress(psutil.Error):
        for child in psutil.Process(proc.pid).children():
            with contextlib.suppress(psutil.Error):
                command = " ".join(child.cmdline())
                if "toolkit.kernels" in command:
                    found += child.children()
                elif "ipykernel_launcher" in command:
                    found.append(child)
    alive = []
    for kernel in found:
        with contextlib.suppress(psutil.Error):
            if kernel.status() != psutil.STATUS_ZOMBIE:
                alive.append(kernel)
    return alive


def wait_for_kernels(proc, count: int, timeout: float = 20) -> float:
    """Seconds until the workshop has ``count`` app kernels (fails after ``timeout``)."""
    start = time.monotonic()
    while len(app_kernels(proc)) != count:
        assert time.monotonic() - start < timeout, f"{len(app_kernels(proc))} kernels, not {count}"
        time.sleep(0.2)
    return time.monotonic() - start


def open_page(url: str) -> dict:
    """Load an app page as a browser does, with its cookies: its status, kernel and ``_xsrf`` cookie."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    try:
        with opener.open(url, timeout=120) as reply:
            status, body = reply.status, reply.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        with err:
            status, body = err.code, err.read().decode("utf-8")
    kernel = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', body)
    return {
        "status": status,
        "kernel": kernel and kernel.group(1),
        "xsrf": next((c.value for c in jar if c.name == "_xsrf"), None),
    }


def close_page(base: str, page: dict, xsrf: str | None = "page", cookie: bool = True) -> int:
    """Send what the page sends as it closes (Voila's ``beforeunload``: ``navigator.sendBeacon`` of a
    form with the ``_xsrf`` it reads from its cookies, the cookie going along); ``xsrf=None``: a page
    with no such cookie; ``cookie=False``: a token sent without the cookie it must match."""
    token = page["xsrf"] if xsrf == "page" else xsrf
    boundary = "----algcaBeacon"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="_xsrf"\r\n\r\n{token or ""}\r\n'
        f"--{boundary}--\r\n"
    ).encode()
    request = urllib.request.Request(
        f"{base}/voila/api/shutdown/{page['kernel']}",
        data=body,
        method="POST",
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            **({"Cookie": f"_xsrf={token}"} if token and cookie else {}),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status
    except urllib.error.HTTPError as err:
        with (
            err
        ):  # its connection is closed now, not whenever it is collected (a ResourceWarning then)
            return err.code
