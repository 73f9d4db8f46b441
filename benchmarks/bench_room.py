"""A room of phones on the room service, side by side with the per-kernel gallery app.

    .venv/bin/python benchmarks/bench_room.py [--phones 100] [--seconds 60] [--app-visitors 30]

1. The room: ``--phones`` simulated phones (asyncio HTTP clients, each with its own device
   cookie) join, then each posts 3 cards and casts one dot ballot at random moments within
   ``--seconds``, while a projector listens on the Server-Sent Events stream. Reported:
   p50/p95/max time from a phone's action (its POST sent) to the projector receiving that
   event, actions lost (acknowledged but never seen by the projector, or refused), and the
   server's memory (RSS) at the end.
2. In the same run, on the same server: ``--app-visitors`` participants open today's
   per-kernel gallery app (``gallery_wall``) at once: the time each page took, and the
   memory of the server with all its kernels.

Aims: p95 ≤ 300 ms, 0 lost, server under 300 MB with 100 phones. Only 127.0.0.1 is used.
This is a benchmark, not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_workshop import visit  # noqa: E402

from tests.workshop_helpers import app_folder, workshop_server  # noqa: E402

ITEMS = "\n".join(["Drinking water", "Waste collection", "Irrigation", "Village roads", "School"])


def memory(proc: psutil.Process) -> tuple[float, float]:
    """RSS of the server alone, and of the server with every process it started (MB)."""
    own = proc.memory_info().rss
    total = own
    for child in proc.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            total += child.memory_info().rss
    return own / 2**20, total / 2**20


class Projector:
    """Listens on ``/room/events`` and notes when each event id arrived."""

    def __init__(self, url: str):
        self.url = url
        self.seen: dict[int, float] = {}
        self.buffer = ""
        self.ready = asyncio.Event()

    stop = False

    def _chunk(self, data: bytes) -> None:
        now = time.monotonic()
        if self.stop:  # ends the stream: the fetch fails, and returns
            raise EOFError
        self.ready.set()
        self.buffer += data.decode("utf-8")
        while "\n\n" in self.buffer:
            block, self.buffer = self.buffer.split("\n\n", 1)
            for line in block.splitlines():
                if line.startswith("id: "):
                    self.seen.setdefault(int(line[4:]), now)

    async def run(self, client) -> None:
        from tornado.httpclient import HTTPClientError, HTTPRequest

        request = HTTPRequest(
            self.url + "/room/events?after=0",
            streaming_callback=self._chunk,
            request_timeout=3600,
            connect_timeout=10,
        )
        with contextlib.suppress(HTTPClientError, OSError, EOFError):
            await client.fetch(request)


async def act(client, url: str, cookie: str | None, payload: dict) -> tuple[dict, str | None]:
    from tornado.httpclient import HTTPClientError

    headers = {"Content-Type": "application/json"}
    if cookie:
        headers["Cookie"] = cookie
    try:
        reply = await client.fetch(
            url + "/room/act",
            method="POST",
            body=json.dumps(payload),
            headers=headers,
            request_timeout=30,
        )
    except HTTPClientError as err:
        body = err.response.body if err.response is not None else b"{}"
        return {"ok": False, "error": body.decode("utf-8", "replace")[:200]}, cookie
    for value in reply.headers.get_list("Set-Cookie"):
        if value.startswith("algca_room="):
            cookie = value.split(";", 1)[0]
    return json.loads(reply.body), cookie


async def phone(n: int, client, url: str, vote: int, items: list[str], seconds: float, log: list):
    rng = random.Random(n)
    reply, cookie = await act(
        client,
        url,
        None,
        {"kind": "join", "group": f"Group {n % 6 + 1}", "gender": rng.choice(["woman", "man", ""])},
    )
    if not reply.get("ok"):
        log.append({"kind": "join", "sent": 0.0, "id": None, "error": reply.get("error")})
        return
    moments = sorted(rng.uniform(0, seconds) for _ in range(4))
    start = time.monotonic()
    for i, moment in enumerate(moments):
        await asyncio.sleep(max(0.0, start + moment - time.monotonic()))
        if i < 3:
            payload = {
                "kind": "card.add",
                "group": f"Group {n % 6 + 1}",
                "village": "Ak-Kyya",
                "service": rng.choice(["waste", "drinking-water", "roads"]),
                "text": f"Problem {i + 1} of phone {n}: " + "ы" * rng.randint(10, 120),
            }
        else:
            ballot = {}
            for _ in range(3):
                item = rng.choice(items)
                ballot[item] = ballot.get(item, 0) + 1
            payload = {"kind": "ballot.cast", "vote": vote, "ballot": ballot}
        sent = time.monotonic()
        reply, cookie = await act(client, url, cookie, payload)
        log.append(
            {
                "kind": payload["kind"],
                "sent": sent,
                "acked": time.monotonic(),
                "id": reply.get("id"),
                "error": reply.get("error"),
            }
        )


async def room_run(url: str, phones: int, seconds: float, server: psutil.Process) -> dict:
    from tornado.httpclient import AsyncHTTPClient

    AsyncHTTPClient.configure(None, max_clients=phones + 10)
    client = AsyncHTTPClient()
    # the trainer (this laptop) opens a dot vote: 3 dots each, stacking allowed
    reply, _c = await act(
        client,
        url,
        None,
        {
            "kind": "vote.open",
            "method": "dots",
            "budget": 3,
            "stacking": True,
            "items": [
                {"id": f"item-{i}", "label": label} for i, label in enumerate(ITEMS.splitlines())
            ],
        },
    )
    vote = reply["id"]
    items = [f"item-{i}" for i in range(len(ITEMS.splitlines()))]
    projector = Projector(url)
    listener = AsyncHTTPClient(force_instance=True)
    listening = asyncio.ensure_future(projector.run(listener))
    await asyncio.wait_for(projector.ready.wait(), 10)
    log: list[dict] = []
    peak = [0.0]

    async def watch():
        while True:
            peak[0] = max(peak[0], memory(server)[0])
            await asyncio.sleep(0.5)

    watching = asyncio.ensure_future(watch())
    began = time.monotonic()
    await asyncio.gather(*(phone(n, client, url, vote, items, seconds, log) for n in range(phones)))
    took = time.monotonic() - began
    await asyncio.sleep(2)  # the last events on their way
    watching.cancel()
    projector.stop = True
    await act(client, url, None, {"kind": "join", "group": "last"})  # one more event ends it
    await asyncio.wait_for(listening, 30)
    listener.close()
    client.close()
    latencies = [
        (projector.seen[e["id"]] - e["sent"]) * 1000 for e in log if e.get("id") in projector.seen
    ]
    lost = [e for e in log if e.get("id") is None or e["id"] not in projector.seen]
    acks = [(e["acked"] - e["sent"]) * 1000 for e in log if e.get("acked")]
    q = statistics.quantiles(latencies, n=20) if len(latencies) > 1 else [0] * 19
    return {
        "actions": len(log),
        "took": took,
        "p50": statistics.median(latencies) if latencies else float("nan"),
        "p95": q[18],
        "max": max(latencies) if latencies else float("nan"),
        "ack_p95": statistics.quantiles(acks, n=20)[18] if len(acks) > 1 else float("nan"),
        "lost": len(lost),
        "errors": [e.get("error") for e in lost][:3],
        "rss_end": memory(server)[0],
        "rss_peak": peak[0],
    }


def gallery_app(url: str, visitors: int, server: psutil.Process) -> dict:
    page = f"{url}/voila/render/en/gallery_wall.ipynb"
    peak = [0.0]
    done = [False]

    def watch():
        while not done[0]:
            peak[0] = max(peak[0], memory(server)[1])
            time.sleep(0.3)

    with ThreadPoolExecutor(visitors + 1) as pool:
        watcher = pool.submit(watch)
        start = time.monotonic()
        results = list(pool.map(lambda _i: visit(page), range(visitors)))
        wall = time.monotonic() - start
        done[0] = True
        watcher.result()
    seconds = [r["seconds"] for r in results]
    return {
        "wall": wall,
        "failed": sum(not r["ok"] for r in results),
        "p50": statistics.median(seconds),
        "max": max(seconds),
        "rss_total_peak": peak[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--phones", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--app-visitors", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        apps = app_folder(work, "gallery_wall")
        with workshop_server(
            work / "data",
            "--no-lab",
            "--pool",
            "0",
            "--lang",
            "en",
            "--apps",
            str(apps),
            timeout=120,
        ) as (url, proc, _log):
            server = psutil.Process(proc.pid)
            idle = memory(server)[0]
            print(f"server at rest: RSS {idle:.0f} MB", flush=True)
            room = asyncio.run(room_run(url, args.phones, args.seconds, server))
            print(
                f"room, {args.phones} phones, {room['actions']} actions in {room['took']:.0f} s: "
                f"action → projector p50 {room['p50']:.0f} ms, p95 {room['p95']:.0f} ms, "
                f"max {room['max']:.0f} ms (POST acknowledged p95 {room['ack_p95']:.0f} ms); "
                f"lost {room['lost']} {room['errors'] if room['lost'] else ''}; "
                f"server RSS peak {room['rss_peak']:.0f} MB, at the end {room['rss_end']:.0f} MB",
                flush=True,
            )
            app = gallery_app(url, args.app_visitors, server)
            print(
                f"per-kernel gallery app, {args.app_visitors} visitors at once: all pages in "
                f"{app['wall']:.1f} s, median page {app['p50']:.1f} s, slowest {app['max']:.1f} s, "
                f"failed {app['failed']}; server with its kernels RSS peak "
                f"{app['rss_total_peak']:.0f} MB",
                flush=True,
            )


if __name__ == "__main__":
    main()
