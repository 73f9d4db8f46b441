"""Can a participant on the room's network do only what is theirs? (issue 14; threat model: docs/security.md)

The participant sits in a network namespace of their own (``algca-test-<random>``), joined to
the laptop by a veth pair that the test makes and removes: 10.231.N.2 inside, 10.231.N.1 on
the laptop's side, the only addresses used besides loopback.  A real ``algca workshop --lan``
listens on 10.231.N.1 (and on 127.0.0.1 for the trainer).  From inside the namespace every
probe of the issue must fail; from the laptop (loopback) the trainer still reaches every
participant's folder; a participant's kernel cannot read the trainer's home nor connect to
the workshop's ports.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.participant_probe import Participant
from tests.workshop_helpers import ROOT, workshop_server
from toolkit.workshop.lessons import confinement

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("ip"),
        reason="network namespaces need root and iproute2 (as in CI)",
    ),
    pytest.mark.skipif(not confinement().available, reason="bubblewrap cannot confine here"),
]

LESSON = ("en", "04_tariff")
SECRET = "the trainer's own file: 7c1f"


def _ip(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["ip", *args], capture_output=True, text=True, check=check, timeout=30)


def _free_subnet() -> int:
    used = _ip("-4", "-o", "addr").stdout
    for _ in range(50):
        n = secrets.randbelow(250) + 2
        if f"10.231.{n}." not in used:
            return n
    raise RuntimeError("no free 10.231.N.0/24 for the test")


@pytest.fixture(scope="module")
def participant_netns():
    """A network namespace for the participant, joined to the laptop by a veth pair; removed afterwards."""
    tag = secrets.token_hex(3)
    name, outside, inside = f"algca-test-{tag}", f"alh{tag}", f"alp{tag}"
    n = _free_subnet()
    host, guest = f"10.231.{n}.1", f"10.231.{n}.2"
    try:
        _ip("netns", "add", name)
        _ip("link", "add", outside, "type", "veth", "peer", "name", inside)
        _ip("link", "set", inside, "netns", name)
        _ip("addr", "add", f"{host}/24", "dev", outside)
        _ip("link", "set", outside, "up")
        _ip("-n", name, "addr", "add", f"{guest}/24", "dev", inside)
        _ip("-n", name, "link", "set", inside, "up")
        _ip("-n", name, "link", "set", "lo", "up")
        yield name, host
    finally:
        _ip("link", "del", outside, check=False)
        _ip("netns", "del", name, check=False)


@pytest.fixture(scope="module")
def room(tmp_path_factory, participant_netns):
    """A workshop over the 'room's network' (the veth), with a trainer's home holding a secret file."""
    _ns, host = participant_netns
    tmp = tmp_path_factory.mktemp("lan")
    home = tmp / "home" / "trainer"
    home.mkdir(parents=True)
    (home / "secret.txt").write_text(SECRET, encoding="utf-8")
    apps = tmp / "apps"
    apps.mkdir()
    with workshop_server(
        tmp / "data",
        "--lan",
        "--ip",
        host,
        "--pool",
        "0",
        "--no-fork",
        "--lang",
        "ru",
        "--apps",
        str(apps),
        timeout=120,
        env={"HOME": str(home), "ALGCA_TEST_TRAINER_TOKEN": SECRET},
    ) as (url, proc, log):
        yield url, proc, log, tmp, home


def in_namespace(netns: str, *args: str, timeout: float = 600) -> dict:
    done = subprocess.run(
        ["ip", "netns", "exec", netns, sys.executable, "-m", "tests.participant_probe", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _trainer_key(log: Path) -> str:
    found = re.search(r"/trainer/\?key=([\w-]+)", log.read_text(errors="replace"))
    assert found, log.read_text(errors="replace")[-2000:]
    return found.group(1)


def _participants(tmp: Path) -> set[str]:
    return {p.name for p in (tmp / "data" / "workshop" / "participants").iterdir()}


def test_a_participant_on_the_network_reaches_only_their_own_work(room, participant_netns):
    netns, host = participant_netns
    url, proc, log, tmp, home = room
    port = url.rsplit(":", 1)[1]
    # another participant, who opened the same lesson before (from the laptop's loopback here)
    other_browser = Participant(url)
    assert other_browser.request("GET", "/lesson/{}/{}".format(*LESSON))[0] == 200
    (other,) = _participants(tmp)
    notebook = tmp / "data" / "workshop" / "participants" / other / f"{LESSON[1]}.ipynb"
    before = hashlib.sha256(notebook.read_bytes()).hexdigest()
    spec = {
        "edition": LESSON[0],
        "lesson": LESSON[1],
        "other": other,
        "other_notebook": notebook.name,
        "other_path": str(notebook),
        "participants": str(notebook.parent.parent),
        "secret": str(home / "secret.txt"),
        "host": host,
        "port": int(port),
        "trainer_key": _trainer_key(log),
    }
    (tmp / "spec.json").write_text(json.dumps(spec), encoding="utf-8")

    got = in_namespace(netns, f"http://{host}:{port}", str(tmp / "spec.json"))

    assert got["open_lesson"] == 200
    assert got["own_folder"] == [200, [notebook.name]]  # their copy, nothing else
    refused = [
        "trainer_home",
        "trainer_home_forwarded_for",
        "trainer_lab",
        "read_other",
        "read_other_mine",
        "write_other",
        "delete_other",
        "terminal",
        "terminal_slashes",
        "terminal_trainer",
        "shutdown",
        "shutdown_trainer",
        "formgrader",
        "formgrader_trainer",
        "trainer_key_guess",
        "cross_site",
        "other_cookie",
    ]
    assert {k: got[k] for k in refused} == dict.fromkeys(refused, 403)
    # another's id in the cookie opens nothing of theirs: the visitor gets a folder of their own
    assert got["other_cookie_lesson"] == 200 and got["other_cookie_folder"] == [notebook.name]
    assert got["is_other"] is False
    assert len(_participants(tmp)) == 3
    assert hashlib.sha256(notebook.read_bytes()).hexdigest() == before
    # the participant's kernel: no trainer's home, no other participant, no port of the workshop
    assert got["kernel_secret"].strip() == "FileNotFoundError", got["kernel_secret"]
    assert got["kernel_other_folder"].split() == ["False", "False"], got["kernel_other_folder"]
    assert "connected" not in got["kernel_connect"], got["kernel_connect"]
    assert "127.0.0.1 ConnectionRefusedError" in got["kernel_connect"]
    assert (
        got["kernel_whoami"].strip() == "/home/participant ['participant'] None"
    )  # nor the trainer's variables
    assert got["still_mine"] == 200  # their shutdown call stopped nothing
    # the trainer elsewhere with the key printed at start
    assert got["trainer_with_key"] == 200
    assert set(got["trainer_with_key_folders"]) == _participants(tmp)
    assert proc.poll() is None


def test_the_trainer_on_the_laptop_reaches_every_participant(room):
    url, _proc, _log, tmp, _home = room
    trainer = Participant(url)  # 127.0.0.1: the laptop itself
    if not _participants(tmp):
        assert Participant(url).request("GET", "/lesson/{}/{}".format(*LESSON))[0] == 200
    status, text = trainer.request("GET", "/trainer/api/contents")
    assert status == 200
    assert {i["name"] for i in json.loads(text)["content"]} == _participants(tmp)
    someone = sorted(_participants(tmp))[0]
    status, text = trainer.request("GET", f"/trainer/api/contents/{someone}/{LESSON[1]}.ipynb")
    assert status == 200 and json.loads(text)["type"] == "notebook"
    assert trainer.request("GET", "/trainer/formgrader")[0] not in (403, 404)
    with urllib.request.urlopen(url + "/trainer/lab", timeout=120) as reply:
        assert reply.status == 200


@pytest.mark.browser
def test_what_a_participant_sees_when_trying(room, participant_netns):
    """Screenshots from Chromium in the participant's namespace: their lesson, and the refusals in Russian."""
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed")
    netns, host = participant_netns
    url, _proc, _log, tmp, _home = room
    port = url.rsplit(":", 1)[1]
    shots = ROOT / "test-artifacts" / "lesson-security"
    shots.mkdir(parents=True, exist_ok=True)
    (tmp / "spec-shots.json").write_text(
        json.dumps({"edition": LESSON[0], "lesson": LESSON[1]}), encoding="utf-8"
    )
    seen = in_namespace(netns, f"http://{host}:{port}", str(tmp / "spec-shots.json"), str(shots))
    assert seen["lesson_url"].endswith(f"/my/lab/tree/{LESSON[1]}.ipynb")
    assert "Python" in seen["kernel"] and seen["ran"] == "[1]:"
    for name in ("trainer", "terminal", "formgrader"):
        assert seen[name] == [403, "Эта страница не для участников"], seen


def test_lesson_servers_end_with_the_workshop_even_on_kill_9(tmp_path):
    """The trainer's lab and a participant's server end when the workshop is killed outright."""
    import signal
    import time

    import psutil

    with workshop_server(
        tmp_path / "data", "--pool", "0", "--no-fork", "--apps", str(tmp_path)
    ) as (url, proc, _log):
        assert Participant(url).request("GET", "/lesson/{}/{}".format(*LESSON))[0] == 200
        assert Participant(url).request("GET", "/trainer/api/contents")[0] == 200
        servers = [
            p
            for p in psutil.process_iter(["cmdline"])
            if "--ServerApp.sock" in " ".join(p.info["cmdline"] or [])
            and str(tmp_path) in " ".join(p.info["cmdline"] or [])
            or p.info["cmdline"]
            and p.info["cmdline"][0].endswith("bwrap")
            and str(tmp_path) in " ".join(p.info["cmdline"])
        ]
        assert len(servers) >= 2, servers
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        deadline = time.monotonic() + 30
        while any(p.is_running() and p.status() != psutil.STATUS_ZOMBIE for p in servers):
            assert time.monotonic() < deadline, [p.cmdline()[:3] for p in servers if p.is_running()]
            time.sleep(0.5)
