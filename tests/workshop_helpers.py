"""Start and stop a real workshop server for the tests and benchmarks."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
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
def workshop_server(data_dir: Path, *args: str, timeout: float = 60.0, attempts: int = 3, env: dict | None = None):
    """A running ``algca workshop`` on a free port of 127.0.0.1; yields (url, process, log path).

    A port taken by someone else between choosing and binding it is retried on another.
    ``env`` adds to (or changes) the server's environment.
    """
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    log = Path(data_dir) / "server.log"
    env = {**os.environ, "ALGCA_DATA_DIR": str(data_dir), "PYTHONWARNINGS": "ignore", **(env or {})}
    env.pop("ALGCA_LANG", None)
    for attempt in range(attempts):
        port = free_port()
        with open(log, "wb") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "toolkit.cli", "workshop", "--port", str(port), *args],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
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


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
