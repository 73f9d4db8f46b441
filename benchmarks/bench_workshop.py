"""A room arriving at once: stock Voila vs. ``algca workshop``, measured side by side.

    .venv/bin/python benchmarks/bench_workshop.py [--rounds 3] [--quick]

Prints:

1. first render of each app (the whole page, kernel started and notebook run):
   stock Voila (cold), ``algca workshop`` with no pool (cold, kernels forked),
   and ``algca workshop`` with its preheated pool;
2. 10 and 30 visitors arriving together at the welcome app, and at a notebook
   with an ``interact`` slider driving a plot (the case of voila issue #1428),
   against stock Voila and against the workshop server (fork + pool), repeated
   ``--rounds`` times: wall time until every page is complete, pages that
   failed or never finished (a page still open after 60 s counts as unfinished), pages the
   workshop reopened once by itself because their kernel died while starting, peak memory of the
   server with all its kernels (RSS summed, and PSS: shared pages counted once);
   after each round the visitors "leave": each page sends what the browser sends
   as its tab closes (Voila's shutdown call, with the ``_xsrf`` token of the page's
   own cookie), and the seconds until the kernels are back to the pools' size
   are reported, with the kernels then alive;
3. one input change to redrawn table in headless Chromium (p50, p95 of 20).

Only 127.0.0.1 is used.  This is a benchmark, not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.workshop_helpers import CHROMIUM, CHROMIUM_ARGS, close_page, free_port, wait_for  # noqa: E402

PAGE_TIMEOUT = 60

INTERACT_NB = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "a1",
            "metadata": {},
            "outputs": [],
            "source": "import matplotlib.pyplot as plt\nimport numpy as np\nfrom ipywidgets import interact",
        },
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "a2",
            "metadata": {},
            "outputs": [],
            "source": "x = np.linspace(0, 10, 200)\n\n@interact(k=(1, 10))\ndef draw(k=3):\n"
            "    fig, ax = plt.subplots(figsize=(6, 3))\n    ax.plot(x, np.sin(k * x))\n    plt.show()",
        },
    ],
    "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


class Server:
    def __init__(
        self, kind: str, apps: Path, work: Path, pool: int = 2, fork: bool = True, extra=()
    ):
        self.kind, self.port = kind, free_port()
        self.available_at_start = psutil.virtual_memory().available
        self.data = work / f"data-{kind}-{self.port}"
        self.data.mkdir(parents=True)
        env = {**os.environ, "ALGCA_DATA_DIR": str(self.data), "PYTHONWARNINGS": "ignore"}
        env.pop("ALGCA_LANG", None)
        if kind == "stock":
            cmd = [
                sys.executable,
                "-m",
                "voila",
                str(apps),
                "--no-browser",
                f"--port={self.port}",
                "--Voila.ip=127.0.0.1",
                "--Voila.port_retries=0",
            ]
            self.prefix = "/voila/render/"
        else:
            cmd = [
                sys.executable,
                "-m",
                "toolkit.cli",
                "workshop",
                "--no-lab",
                "--port",
                str(self.port),
                "--pool",
                str(pool),
                "--apps",
                str(apps),
                *([] if fork else ["--no-fork"]),
                *extra,
            ]
            self.prefix = "/voila/render/ky/"
        self.log = open(self.data / "server.log", "wb")  # noqa: SIM115
        self.proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        # the kernels it keeps when nobody visits: the preheated pools, one per app in its language
        self.pool_kernels = pool * len(list(apps.glob("*.ipynb"))) if kind != "stock" else 0
        wait_for(self.url + ("/voila/tree" if kind == "stock" else "/"), 90, self.proc)
        self.settle(pool if kind != "stock" else 0)

    def settle(self, pool: int, timeout: float = 90) -> None:
        """Wait until the preheated pools are filled and the processor is calm."""
        deadline = time.monotonic() + timeout
        if pool:
            while time.monotonic() < deadline:
                text = (self.data / "server.log").read_text(errors="replace")
                wanted = len(list((self.data / "workshop" / "apps" / "ky").glob("*.ipynb")))
                if wanted and text.count("is filled with") >= wanted:
                    break
                time.sleep(0.5)
        # "filled" is said when the pool's kernels have started; they then run their notebooks
        calm = 0
        while time.monotonic() < deadline and calm < 2:
            before = self.cpu_seconds()
            time.sleep(1)
            calm = calm + 1 if self.cpu_seconds() - before < 0.1 else 0

    def cpu_seconds(self) -> float:
        """Processor time used so far by the server and all its kernels."""
        total = 0.0
        for p in self.processes():
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except psutil.Error:
                pass
        return total

    def kernels(self) -> int:
        """How many kernels are alive (the fork server is not one)."""
        count = 0
        for p in self.processes()[1:]:
            try:
                if (
                    "toolkit.kernels" not in " ".join(p.cmdline())
                    and p.status() != psutil.STATUS_ZOMBIE
                ):
                    count += 1
            except psutil.Error:
                pass
        return count

    def processes(self) -> list[psutil.Process]:
        try:
            root = psutil.Process(self.proc.pid)
            return [root, *root.children(recursive=True)]
        except psutil.Error:
            return []

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
        # kernels live in their own sessions: stop any that are left
        for p in psutil.process_iter(["cmdline", "environ"]):
            try:
                if str(self.data) in " ".join(p.info["cmdline"] or []) or (
                    (p.info["environ"] or {}).get("ALGCA_DATA_DIR") == str(self.data)
                ):
                    p.kill()
            except psutil.Error:
                pass
        self.log.close()


class MemoryWatch:
    """Peak memory of a server and all its kernels, sampled while a burst runs."""

    def __init__(self, server: Server):
        self.server, self.peak_rss, self.peak_pss = server, 0, 0
        # a third view, from the whole machine: how much less memory is available than before
        # the server started (its kernels, shared pages counted once)
        self.least_available = server.available_at_start
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            rss = pss = 0
            for p in self.server.processes():
                try:
                    info = p.memory_full_info()
                    rss += info.rss
                    pss += getattr(info, "pss", info.rss)
                except psutil.Error:
                    pass
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self.least_available = min(self.least_available, psutil.virtual_memory().available)
            self._stop.wait(0.3)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def visit(url: str) -> dict:
    """One visitor, as a browser: load the whole page, following the workshop's one automatic
    reopening of a page whose kernel died while starting (it reloads itself with ``algca_retry=1``)."""
    start = time.monotonic()
    result = load_page(url)
    if result.get("reopens"):
        time.sleep(3)  # the page waits 3 s before it reloads itself
        result = {
            **load_page(url + ("&" if "?" in url else "?") + "algca_retry=1"),
            "reopened": True,
        }
    result["seconds"] = time.monotonic() - start
    return result


def load_page(url: str) -> dict:
    """Load one page; return its time, whether it completed, its kernel."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    start = time.monotonic()
    try:
        with opener.open(url, timeout=PAGE_TIMEOUT) as reply:
            status = reply.status
            chunks = []
            # Voila keeps a slow page open with heartbeats: give up after PAGE_TIMEOUT in all
            while time.monotonic() - start < PAGE_TIMEOUT:
                chunk = reply.read1(65536)
                if not chunk:
                    break
                chunks.append(chunk)
            else:
                return {
                    "ok": False,
                    "unfinished": True,
                    "seconds": time.monotonic() - start,
                    "error": f"not finished after {PAGE_TIMEOUT} s",
                    "status": status,
                    "why": "unfinished",
                }
            body = b"".join(chunks).decode("utf-8", "replace")
    except Exception as exc:  # noqa: BLE001 - every failure counts
        unfinished = "timed out" in str(exc).lower()
        return {
            "ok": False,
            "unfinished": unfinished,
            "seconds": time.monotonic() - start,
            "error": str(exc)[:80],
        }
    seconds = time.monotonic() - start
    kernel = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', body)
    # a complete page: Voila finished, and the app's widgets are in it (a cell that timed out has none)
    complete = "voila_finish()" in body and status == 200 and "widget-view+json" in body
    why = (
        ""
        if complete
        else ("no voila_finish" if "voila_finish()" not in body else "no widgets")
        + f" len={len(body)}"
    )
    xsrf = next((c.value for c in jar if c.name == "_xsrf"), "")
    reopens = 'id="algca-render-failed"' in body and "algca_retry=1" in body
    return {
        "ok": complete,
        "unfinished": not body.rstrip().endswith("</html>"),
        "seconds": seconds,
        "reopens": reopens,
        "kernel": kernel.group(1) if kernel else None,
        "xsrf": xsrf,
        "status": status,
        "why": why,
    }


def leave(server: Server, results: list[dict], timeout: float = 60) -> dict:
    """The visitors close their tabs: each page sends what the browser sends on ``beforeunload``
    (a form with the ``_xsrf`` token read from the page's own cookie; no token is made up).

    Returns the shutdown calls refused, and the seconds from the first tab closed until the
    kernels were back to the pools' size (``None``: not within ``timeout``) with the kernels
    then alive.
    """
    refused, start = 0, time.monotonic()
    for r in results:
        if r.get("kernel"):
            refused += close_page(server.url, r) != 204
    while server.kernels() > server.pool_kernels and time.monotonic() - start < timeout:
        time.sleep(0.2)
    back = server.kernels() <= server.pool_kernels
    return {
        "refused": refused,
        "released": time.monotonic() - start if back else None,
        "left": server.kernels(),
    }


def burst(server: Server, app: str, n: int) -> dict:
    url = f"{server.url}{server.prefix}{app}.ipynb"
    with MemoryWatch(server) as mem, ThreadPoolExecutor(n) as pool:
        start = time.monotonic()
        results = list(pool.map(lambda _i: visit(url), range(n)))
        wall = time.monotonic() - start
    left = leave(server, results)
    for r in results:
        if not r["ok"]:
            print(
                "    failed page:",
                {k: v for k, v in r.items() if k in ("status", "error", "seconds", "unfinished")},
                r.get("why", ""),
                flush=True,
            )
    server.settle(0)
    return {
        "wall": wall,
        "failed": sum(not r["ok"] for r in results),
        "unfinished": sum(bool(r.get("unfinished")) for r in results),
        "reopened": sum(bool(r.get("reopened")) for r in results),
        "rss": mem.peak_rss / 2**30,
        "pss": mem.peak_pss / 2**30,
        "taken": (server.available_at_start - mem.least_available) / 2**30,
        "p50": statistics.median(r["seconds"] for r in results),
        "max": max(r["seconds"] for r in results),
        **left,
    }


def back_in(b: dict) -> str:
    """When the kernels were back to the pools' size, in words."""
    return f"in {b['released']:.1f} s" if b["released"] is not None else f"never ({b['left']} left)"


def first_renders(apps_dir: Path, work: Path) -> None:
    apps = sorted(p.stem for p in apps_dir.glob("*.ipynb"))
    print("\n== First render of each app (whole page: kernel + notebook), seconds ==")
    print(f"{'app':<16}{'stock cold':>12}{'ours cold':>12}{'ours preheated':>16}")
    rows = {a: {} for a in apps}
    for kind, pool, label in (
        ("stock", 0, "stock cold"),
        ("ours", 0, "ours cold"),
        ("ours", 1, "ours preheated"),
    ):
        server = Server(kind, apps_dir, work, pool=pool)
        try:
            for app in apps:
                r = visit(f"{server.url}{server.prefix}{app}.ipynb")
                rows[app][label] = r["seconds"] if r["ok"] else float("nan")
                leave(server, [r], timeout=10)
        finally:
            server.stop()
    for app in apps:
        r = rows[app]
        print(
            f"{app:<16}{r['stock cold']:>12.2f}{r['ours cold']:>12.2f}{r['ours preheated']:>16.2f}"
        )


def bursts(
    apps_dir: Path,
    work: Path,
    rounds: int,
    names=("welcome", "interact_plot"),
    sizes=(10, 30),
    kinds=("stock", "ours"),
) -> None:
    print(
        "\n== Visitors arriving together (wall s / failed / unfinished / peak RSS GB / peak PSS GB / "
        "GB of the machine's available memory taken / median page s) =="
    )
    for app in names:
        for kind in kinds:
            server = Server(kind, apps_dir, work, pool=2)
            try:
                for n in sizes:
                    for rnd in range(1 if n < max(sizes) else rounds):
                        b = burst(server, app, n)
                        print(
                            f"{app:<14}{kind:<6} n={n:<3} round {rnd + 1}: {b['wall']:6.1f} s  "
                            f"failed {b['failed']:2d}  unfinished {b['unfinished']:2d}  reopened {b['reopened']}  "
                            f"RSS {b['rss']:.2f}  PSS {b['pss']:.2f}  taken {b['taken']:.2f}  median {b['p50']:.1f} s  slowest {b['max']:.1f} s  "
                            f"closed: refused {b['refused']}, back to {server.pool_kernels} kernels "
                            f"{back_in(b)}",
                            flush=True,
                        )
            finally:
                server.stop()


def redraw_latency(
    apps_dir: Path, work: Path, changes: int = 20, apps=("welcome", "voting_board", "tariff")
) -> None:
    """Type a new value into each app's main input; time until its table/chart has changed."""
    from playwright.sync_api import sync_playwright

    server = Server("ours", apps_dir, work, pool=1)
    print(f"\n== Input change to redrawn output in Chromium ({changes} changes per app), ms ==")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for app in apps:
                if not (apps_dir / f"{app}.ipynb").exists():
                    continue
                page = browser.new_page(viewport={"width": 1366, "height": 900})
                page.goto(f"{server.url}/voila/render/ky/{app}.ipynb")
                page.wait_for_selector(".algca-live-output", timeout=60_000)
                page.wait_for_selector(".algca-primary-input input", timeout=60_000)
                page.evaluate("""() => {
                    const out = document.querySelector('.algca-live-output');
                    new MutationObserver(() => { if (window.__t0 && !window.__dt) window.__dt = performance.now() - window.__t0; })
                        .observe(out, {subtree: true, childList: true, characterData: true, attributes: true});
                    document.addEventListener('keydown', e => { if (e.key === 'Enter') { window.__t0 = performance.now(); window.__dt = 0; } }, true);
                }""")
                box = page.locator(".algca-primary-input input").first
                start = box.input_value()
                try:
                    base = float(start.replace(" ", "").replace(",", "."))
                except ValueError:
                    base = 100.0
                times = []
                for i in range(changes):
                    box.fill(f"{base + 7 * (i + 1):g}")
                    box.press("Enter")
                    try:
                        page.wait_for_function("() => window.__dt > 0", timeout=10_000)
                    except Exception:  # noqa: BLE001 - no change seen: report it
                        times.append(float("inf"))
                        continue
                    times.append(page.evaluate("() => window.__dt"))
                page.close()
                times.sort()
                p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
                print(
                    f"{app:<14} p50 {statistics.median(times):6.0f}  p95 {p95:6.0f}  max {max(times):6.0f}"
                )
            browser.close()
    finally:
        server.stop()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3, help="bursts of 30 repeated this many times")
    ap.add_argument("--skip", default="", help="comma list of parts to skip: first,bursts,latency")
    ap.add_argument("--apps", default="welcome,interact_plot", help="apps the bursts arrive at")
    ap.add_argument("--sizes", default="10,30", help="visitors arriving together, comma list")
    ap.add_argument(
        "--servers", default="stock,ours", help="servers the bursts arrive at: stock,ours"
    )
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    work = Path(tempfile.mkdtemp(prefix="bench-workshop-"))
    apps = work / "apps"
    apps.mkdir()
    for nb in sorted((ROOT / "notebooks" / "apps").glob("*.ipynb")):
        shutil.copy(nb, apps)
    (apps / "interact_plot.ipynb").write_text(json.dumps(INTERACT_NB), encoding="utf-8")
    print(
        f"{os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.1f} GB; load {os.getloadavg()[0]:.1f}"
    )
    try:
        if "first" not in skip:
            first_renders(apps, work)
        if "bursts" not in skip:
            bursts(
                apps,
                work,
                args.rounds,
                args.apps.split(","),
                tuple(int(n) for n in args.sizes.split(",")),
                tuple(args.servers.split(",")),
            )
        if "latency" not in skip:
            redraw_latency(apps, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
