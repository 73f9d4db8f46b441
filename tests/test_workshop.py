"""Does ``algca workshop`` serve a room: every app and lesson, offline, calmly, in three languages?"""

from __future__ import annotations

import html
import json
import re
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest

from tests.workshop_helpers import (
    ROOT,
    app_folder,
    app_kernels,
    close_page,
    open_page,
    wait_for_kernels,
    workshop_server,
)
from toolkit.cli import parser
from toolkit.i18n import LANGUAGES
from toolkit.workshop import pages, server
from toolkit.workshop.catalog import app_names, lessons

TEMPLATE = ROOT / "toolkit" / "workshop" / "share" / "voila" / "templates" / "algca"


def test_command_line_of_the_workshop():
    args = parser().parse_args(
        ["workshop", "--lan", "--port", "9000", "--lang", "ru", "--pool", "1"]
    )
    assert (args.lan, args.port, args.lang, args.pool) == (True, 9000, "ru", 1)
    assert parser().parse_args(["workshop"]).lan is False  # this laptop only, unless asked


def test_options_listen_on_localhost_unless_lan():
    assert server.WorkshopOptions().ip == "127.0.0.1"
    assert server.WorkshopOptions(lan=True).ip == "0.0.0.0"


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_every_page_text_is_translated(lang):
    texts = pages.ui_texts(lang)
    english = pages.ui_texts("en")
    untranslated = [k for k in texts if texts[k] == english[k]]
    assert untranslated == []


def test_apps_are_prepared_once_per_language(tmp_path):
    server.prepare_apps(tmp_path)
    for lang in LANGUAGES:
        for name in app_names():
            nb = json.loads((tmp_path / lang / f"{name}.ipynb").read_text(encoding="utf-8"))
            assert nb["cells"][0]["source"] == f"import toolkit\ntoolkit.set_language({lang!r})"
            assert nb["metadata"]["algca"]["texts"] == pages.ui_texts(lang)
            source = json.loads(
                (ROOT / "notebooks" / "apps" / f"{name}.ipynb").read_text(encoding="utf-8")
            )
            assert [c["source"] for c in nb["cells"][1:]] == [c["source"] for c in source["cells"]]


def test_landing_page_links_every_app_and_lesson():
    page = pages.landing_page("ru", app_names(), lessons("ru"), lab=True)
    for name in app_names():
        assert f'href="/voila/render/ru/{name}.ipynb"' in page
    for edition, name, _title in lessons("ru"):
        assert f'href="/lesson/{edition}/{name}"' in page
    assert 'hreflang="ky"' in page and 'hreflang="en"' in page
    assert "Приложения" in page


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_each_visitor_gets_the_lessons_in_their_language(lang):
    """Does a Russian (Kyrgyz, English) visitor get the Russian (Kyrgyz, English) edition of every lesson?"""
    found = lessons(lang)
    assert [name for _edition, name, _title in found] == [name for _e, name, _t in lessons("ky")]
    assert {edition for edition, _name, _title in found} == {lang}
    page = pages.landing_page(lang, app_names(), found, lab=True)
    for _edition, name, title in found:
        assert f'href="/lesson/{lang}/{name}"' in page
        assert html.escape(title) in page


def test_russian_lesson_titles_are_russian():
    titles = [title for _edition, _name, title in lessons("ru")]
    assert all(title.startswith("Урок ") for title in titles), titles


def test_wait_page_reloads_itself_calmly():
    page = pages.wait_page("ky", seconds=5)
    assert '<meta http-equiv="refresh" content="5">' in page
    assert "Бир аз күтө туруңуз" in page


def test_templates_fetch_nothing_from_the_internet():
    for path in TEMPLATE.iterdir():
        text = path.read_text(encoding="utf-8")
        urls = [
            u
            for u in re.findall(r"https?://[^\s\"'<>]+", text)
            if not u.startswith("http://www.w3.org/")
        ]
        assert urls == [], (path.name, urls)


BROKEN = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "b1",
            "metadata": {},
            "outputs": [],
            "source": "prices = {'water': 10}\nprices['waste'] / 0",
        }
    ],
    "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


@pytest.fixture(scope="module")
def small_room(tmp_path_factory):
    """A workshop with two apps (welcome, a broken one), one kernel preheated per app, room for 3 kernels."""
    tmp = tmp_path_factory.mktemp("room")
    apps = tmp / "apps"
    apps.mkdir()
    (apps / "welcome.ipynb").write_bytes(
        (ROOT / "notebooks" / "apps" / "welcome.ipynb").read_bytes()
    )
    (apps / "broken.ipynb").write_text(json.dumps(BROKEN), encoding="utf-8")
    with workshop_server(
        tmp / "data", "--no-lab", "--pool", "1", "--max-kernels", "3", "--apps", str(apps)
    ) as (url, proc, log):
        yield url, proc, log


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as reply:
            return reply.status, reply.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.read().decode("utf-8")


def _wait_for_pools(log: Path, count: int, timeout: float = 60) -> None:
    import time

    deadline = time.monotonic() + timeout
    while log.read_text(errors="replace").count("is filled with") < count:
        assert time.monotonic() < deadline, log.read_text(errors="replace")[-2000:]
        time.sleep(0.3)


@pytest.mark.slow
def test_error_in_an_app_is_a_calm_message_not_a_traceback(small_room):
    import time

    url, _proc, log = small_room
    deadline = time.monotonic() + 90
    # the room holds 3 kernels: while the pools are still starting theirs, a cold page gets the
    # "please wait" page (503) that reloads itself; a participant's browser would simply get it later
    while (reply := get(url + "/voila/render/ru/broken.ipynb"))[
        0
    ] == 503 and time.monotonic() < deadline:
        time.sleep(2)
    status, page = reply
    assert status == 200
    assert "Эту часть приложения не удалось показать. Сообщите тренеру." in page
    for leak in ("ZeroDivisionError", "Traceback", "There was an error", "Please run Voil"):
        assert leak not in page


@pytest.mark.slow
def test_app_page_is_offline_and_in_the_visitors_language(small_room):
    url, _proc, log = small_room
    _wait_for_pools(log, 2)
    status, page = get(url + "/voila/render/ky/welcome.ipynb")
    assert status == 200
    assert "Using pre-heated kernel" in log.read_text(errors="replace")
    assert "Колдонмо ачылып жатат" in page and 'lang="ky"' in page
    outside = [
        u
        for u in re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", page)
        if "127.0.0.1" not in u
    ]
    assert outside == []
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page


@pytest.mark.slow
def test_kernels_are_forked_from_the_warm_server(small_room):
    _url, proc, _log = small_room

    def forked():
        return [
            p
            for p in psutil.Process(proc.pid).children(recursive=True)
            if "toolkit.kernels" in " ".join(p.parent().cmdline())
        ]

    # an earlier test of this workshop may have just taken the preheated kernels: the pool
    # refills itself within seconds
    deadline = time.monotonic() + 60
    while not forked() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert forked(), [p.cmdline() for p in psutil.Process(proc.pid).children(recursive=True)]


def test_page_templates_are_compiled_once_for_all_visitors(tmp_path, monkeypatch, request):
    """Is a page template compiled once, not once per visitor, and anew when its file changes?"""
    import jinja2
    from voila.exporter import VoilaExporter

    from toolkit import patches

    patches.cache_compiled_templates()
    request.addfinalizer(patches.undo_all)
    page = tmp_path / "page.html.j2"
    compiled = []
    compile_ = jinja2.Environment.compile
    monkeypatch.setattr(
        jinja2.Environment,
        "compile",
        lambda self, source, *args, **kw: (
            compiled.append(source) or compile_(self, source, *args, **kw)
        ),
    )

    def visit() -> str:  # Voila makes a new exporter for every page
        exporter = VoilaExporter()
        exporter.template_paths = [str(tmp_path)]
        return exporter.environment.get_template("page.html.j2").render(name="Айгүл")

    page.write_text("Кош келиңиз, {{ name }}!", encoding="utf-8")
    assert [visit() for _ in range(3)] == ["Кош келиңиз, Айгүл!"] * 3
    assert len(compiled) == 1
    page.write_text("Саламатсызбы, {{ name }}!", encoding="utf-8")
    assert visit() == "Саламатсызбы, Айгүл!"
    assert len(compiled) == 2


def test_the_page_configuration_is_worked_out_once_and_each_page_gets_its_own_copy(
    monkeypatch, request
):
    """Is Voila's page configuration (a search of the disk for extensions) built once for all
    pages and preheated kernels, and can a page change its copy without changing the next one's?"""
    import voila.handler
    import voila.voila_kernel_manager

    calls = []

    def build(base_url, settings, log, voila_configuration):
        calls.append(base_url)
        return {"baseUrl": base_url, "federated_extensions": [{"name": "widgets"}]}

    monkeypatch.setattr(voila.handler, "get_page_config", build)
    monkeypatch.setattr(voila.voila_kernel_manager, "get_page_config", build)
    from toolkit import patches

    patches.cache_page_config()
    request.addfinalizer(patches.undo_all)  # before monkeypatch's own undo: last in, first out
    settings, configuration = {}, object()
    page = voila.handler.get_page_config(
        base_url="/", settings=settings, log=None, voila_configuration=configuration
    )
    page["federated_extensions"].append({"name": "changed by one page"})
    kernel = voila.voila_kernel_manager.get_page_config(
        base_url="/", settings=settings, log=None, voila_configuration=configuration
    )
    assert kernel == {"baseUrl": "/", "federated_extensions": [{"name": "widgets"}]}
    assert calls == ["/"]


@pytest.mark.slow
def test_a_forked_kernel_answers_the_widget_control_channel(tmp_path):
    """Does a forked kernel give a page all its widgets in one answer, as a kernel started the usual way does?

    ipywidgets registers its comm targets only when imported inside a running kernel; the fork
    server imported it before, so a forked kernel must register them itself (without them the
    page falls back to fetching each widget and, under load, showed "model not found").
    """
    import asyncio
    import uuid

    from toolkit import kernels

    async def ask_for_the_widgets() -> list[dict]:
        manager = kernels.ForkAsyncKernelManager(kernel_name="python3")
        await manager.start_kernel()
        client = manager.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=60)
            await client.execute_interactive(
                "import ipywidgets; ipywidgets.Button(description='ok')", timeout=60
            )
            comm_id = uuid.uuid4().hex
            for msg_type, content, metadata in (
                (
                    "comm_open",
                    {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}},
                    {"version": "1.0.0"},
                ),
                ("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}}, {}),
            ):
                client.shell_channel.send(client.session.msg(msg_type, content, metadata=metadata))
            answers = []
            while not any(m["msg_type"] in ("comm_msg", "comm_close") for m in answers):
                answers.append(await client.get_iopub_msg(timeout=30))
            return answers
        finally:
            client.stop_channels()
            await manager.shutdown_kernel(now=True)

    kernels.start(tmp_path)
    try:
        answers = asyncio.run(ask_for_the_widgets())
    finally:
        kernels.stop()
    replies = [m["content"]["data"] for m in answers if m["msg_type"] == "comm_msg"]
    assert [m for m in answers if m["msg_type"] == "comm_close"] == []
    assert not [m for m in answers if "comm target" in m["content"].get("text", "")]
    assert replies and replies[0]["method"] == "update_states"
    assert any(state["state"].get("description") == "ok" for state in replies[0]["states"].values())


def test_the_fork_servers_preload_imports_and_makes_no_widget():
    """Does everything the fork server imports before forking import, without making a widget?

    A widget made at import, with no kernel yet, would be copied into every forked kernel
    and never reach the browser (a page would show "model not found")."""
    import subprocess
    import sys

    code = (
        "import importlib\n"
        "from toolkit.kernels import PRELOAD\n"
        "for name in PRELOAD: importlib.import_module(name)\n"
        "from ipywidgets.widgets.widget import _instances\n"
        "print(len(_instances))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["0"]
    from toolkit.kernels import PRELOAD

    apps = {
        f"toolkit.apps.{p.stem}"
        for p in (ROOT / "toolkit" / "apps").glob("*.py")
        if p.stem != "__init__"
    }
    assert apps <= set(PRELOAD), "every app module is imported once, in the fork server"


@pytest.mark.slow
def test_full_room_gets_a_please_wait_page(small_room):
    """When the laptop holds as many kernels as it may, does a visitor get a calm page that retries?"""
    url, _proc, _log = small_room
    pages = [get(url + "/voila/render/ru/broken.ipynb") for _ in range(4)]
    statuses = [s for s, _ in pages]
    assert 503 in statuses, statuses
    waiting = next(p for s, p in pages if s == 503)
    assert "Подождите немного" in waiting and 'http-equiv="refresh"' in waiting


@pytest.mark.slow
def test_unknown_app_is_a_translated_page(small_room):
    url, _proc, _log = small_room
    status, page = get(url + "/voila/render/ky/nothing_here.ipynb")
    assert status == 404
    assert "algca-error-page" in page and "Traceback" not in page


DYING = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "d1",
            "metadata": {},
            "outputs": [],
            "source": "print('never runs')",
        }
    ],
    "metadata": {
        "kernelspec": {"name": "algca-dying", "display_name": "Dies at start", "language": "python"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


def _dying_room(tmp, *options):
    """A workshop whose only app has a kernel that dies as it starts (as one may under a burst)."""
    import sys

    spec = tmp / "jupyter" / "kernels" / "algca-dying"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-c", "import sys; sys.exit(3)", "{connection_file}"],
                "display_name": "Dies at start",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    apps = tmp / "apps"
    apps.mkdir()
    (apps / "dying.ipynb").write_text(json.dumps(DYING), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_PATH", str(tmp / "jupyter"))
        with workshop_server(tmp / "data", "--no-lab", *options, "--apps", str(apps)) as room:
            yield room


@pytest.fixture(scope="module")
def room_with_a_dying_kernel(tmp_path_factory):
    yield from _dying_room(tmp_path_factory.mktemp("dying"), "--pool", "0")


@pytest.fixture(scope="module")
def pooled_room_with_a_dying_kernel(tmp_path_factory):
    """The same, with the app's page rendered ahead in a preheated kernel (the pool)."""
    yield from _dying_room(tmp_path_factory.mktemp("dying-pooled"), "--pool", "1", "--lang", "ru")


@pytest.mark.slow
def test_a_page_whose_kernel_dies_ends_calmly_and_retries_once(room_with_a_dying_kernel):
    """Voila would keep this page open for ever with heartbeats (voila #1428): it must end."""
    url, _proc, log = room_with_a_dying_kernel
    status, page = get(url + "/voila/render/ru/dying.ipynb")
    assert status == 200 and page.rstrip().endswith("</html>")
    assert 'id="algca-render-failed"' in page and "Подождите немного" in page
    assert "algca_retry=1" in page  # the page reloads itself once, to get a new kernel
    status, page = get(url + "/voila/render/ru/dying.ipynb?algca_retry=1")
    assert page.rstrip().endswith("</html>") and "Эту страницу не удалось открыть" in page
    assert "algca_retry=1'" not in page  # no second reload: a loop would never end
    for leak in ("Traceback", "RuntimeError", "Kernel died"):
        assert leak not in page
    assert "could not be rendered" in log.read_text(errors="replace")  # the trainer's log says why


@pytest.mark.slow
def test_a_preheated_page_whose_kernel_dies_ends_calmly_too(pooled_room_with_a_dying_kernel):
    """Voila's pool renders the page before a visitor comes, with renderers of its own: the
    guard covers them as well as cold renders."""
    url, _proc, log = pooled_room_with_a_dying_kernel
    _wait_for_pools(log, 1)
    status, page = get(url + "/voila/render/ru/dying.ipynb")
    assert "Using pre-heated kernel" in log.read_text(errors="replace")
    assert status == 200 and page.rstrip().endswith("</html>")
    assert 'id="algca-render-failed"' in page and "Подождите немного" in page
    for leak in ("Traceback", "RuntimeError", "Kernel died"):
        assert leak not in page


@pytest.mark.slow
def test_data_option_holds_the_workshop_and_the_apps_sessions(tmp_path):
    """``--data`` moves everything: the prepared apps and the sessions the apps save."""
    apps = tmp_path / "apps"
    apps.mkdir()
    (apps / "welcome.ipynb").write_bytes(
        (ROOT / "notebooks" / "apps" / "welcome.ipynb").read_bytes()
    )
    chosen = tmp_path / "usb-stick"
    with workshop_server(
        tmp_path / "default", "--no-lab", "--pool", "1", "--data", str(chosen), "--apps", str(apps)
    ) as (_url, proc, log):
        _wait_for_pools(log, 1)
        assert (chosen / "workshop" / "apps" / "ky" / "welcome.ipynb").exists()
        # the kernels: forked by the fork server, so its children, the server's grandchildren
        kernels = [
            p for p in psutil.Process(proc.pid).children(recursive=True) if p.ppid() != proc.pid
        ]
        assert kernels
        for kernel in kernels:
            assert kernel.environ().get("ALGCA_DATA_DIR") == str(chosen.resolve())
    assert not (tmp_path / "default" / "workshop").exists()


# --------------------------------------------------------------------------- kernels released, capped


@pytest.mark.slow
def test_a_closed_page_releases_its_kernel_and_the_cap_holds(tmp_path):
    """Does the shutdown call a page makes as it closes free its kernel (it was refused: no ``_xsrf``
    cookie), and does ``--max-kernels`` hold although the pool refills after every visit?"""
    apps = app_folder(tmp_path, "welcome")
    with workshop_server(
        tmp_path / "data", "--no-lab", "--pool", "1", "--max-kernels", "2", "--apps", str(apps)
    ) as (url, proc, log):
        _wait_for_pools(log, 1)
        wait_for_kernels(proc, 1)
        pages, most = [], 0
        for _ in range(5):  # five visitors who never close their page
            pages.append(open_page(url + "/voila/render/ky/welcome.ipynb"))
            most = max(most, len(app_kernels(proc)))
        statuses = [p["status"] for p in pages]
        assert statuses[:2] == [200, 200] and set(statuses[2:]) == {503}, statuses
        wait_for_kernels(proc, 2)
        assert most <= 2
        served = [p for p in pages if p["status"] == 200]
        assert all(p["kernel"] and p["xsrf"] for p in served)  # the page can send its token
        assert close_page(url, served[0], xsrf=None) == 403  # the call is still protected
        assert (
            close_page(url, served[0], xsrf="made-up", cookie=False) == 403
        )  # a token with no cookie
        for page in served:
            assert close_page(url, page) == 204
        seconds = wait_for_kernels(proc, 1, timeout=10)  # back to the pool's size
        assert seconds < 10
        assert open_page(url + "/voila/render/ky/welcome.ipynb")["status"] == 200  # room again


@pytest.mark.slow
def test_the_app_port_lets_a_page_do_nothing_else(tmp_path):
    """The Voila port: no ``/api/*`` but a page's own kernel, no notebook source, no path out of the
    apps, and an app kernel refuses code sent to it."""
    import asyncio
    import contextlib
    import json as json_
    import uuid

    from tornado.websocket import websocket_connect

    apps = app_folder(tmp_path, "welcome")
    with workshop_server(tmp_path / "data", "--no-lab", "--pool", "0", "--apps", str(apps)) as (
        url,
        proc,
        log,
    ):
        page = open_page(url + "/voila/render/ky/welcome.ipynb")
        assert page["status"] == 200
        for path in (
            "/api/kernels",
            "/api/contents",
            "/api/sessions",
            "/api/terminals",
            "/api/kernelspecs",
            "/voila/files/ky/welcome.ipynb",
            "/voila/api/contents/ky",
            "/voila/files/../../../../etc/passwd",
            "/voila/static/..%2F..%2F..%2Fetc%2Fpasswd",
            "/voila/render/../../../etc/passwd",
        ):
            status, body = get(url + path)
            assert status in (403, 404, 405), (path, status)
            assert "root:" not in body and '"cells"' not in body
        for method in ("POST", "DELETE"):
            request = urllib.request.Request(
                url + "/api/kernels", method=method, data=b"{}" if method == "POST" else None
            )
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=10)
            refused.value.close()  # else its socket is left for the collector (a ResourceWarning in a later test)
        proof = tmp_path / "ran.txt"

        def message(msg_type: str, content: dict) -> str:
            return json_.dumps(
                {
                    "header": {
                        "msg_id": uuid.uuid4().hex,
                        "msg_type": msg_type,
                        "username": "",
                        "session": "s",
                        "version": "5.3",
                        "date": "",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "channel": "shell",
                    "buffers": [],
                    "content": content,
                }
            )

        async def send_code() -> list[str]:
            ws = await websocket_connect(
                f"ws://{url.split('//')[1]}/api/kernels/{page['kernel']}/channels?session_id={uuid.uuid4()}"
            )
            ws.write_message(
                message(
                    "execute_request",
                    {"code": f"open({str(proof)!r}, 'w').write('x')", "silent": False},
                )
            )
            ws.write_message(message("kernel_info_request", {}))  # allowed: shows the channel works
            answers = []
            while "kernel_info_reply" not in answers:
                answers.append(
                    json_.loads(await asyncio.wait_for(ws.read_message(), 30))["msg_type"]
                )
            await asyncio.sleep(3)
            ws.close()
            with contextlib.suppress(asyncio.TimeoutError):  # until the connection has ended
                while await asyncio.wait_for(ws.read_message(), 5) is not None:
                    pass
            return answers

        answers = asyncio.run(send_code())
        assert "execute_reply" not in answers
        assert not proof.exists()


# --------------------------------------------------------------------------- nothing outlives the workshop


def port_is_free(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.mark.slow
@pytest.mark.parametrize(
    ("how", "fork"),
    [("SIGKILL", True), ("SIGTERM", True), ("SIGHUP", True), ("SIGINT", True), ("SIGKILL", False)],
)
def test_nothing_outlives_the_workshop(tmp_path, how, fork):
    """Killed (``kill -9``), asked to end, its terminal closed, or Ctrl+C: do the lessons' server, the
    fork server and every kernel (forked, or started as a program with ``--no-fork``) end with the
    workshop, leaving its ports free for a restart?"""
    import signal
    import time

    apps = app_folder(tmp_path, "welcome")
    extra = () if fork else ("--no-fork",)
    with workshop_server(tmp_path / "data", "--pool", "1", "--apps", str(apps), *extra) as (
        url,
        proc,
        log,
    ):
        _wait_for_pools(log, 1)
        wait_for_kernels(proc, 1)
        assert (
            open_page(url + "/voila/render/ru/welcome.ipynb")["status"] == 200
        )  # a cold kernel too
        with urllib.request.urlopen(
            url + "/trainer/api/contents", timeout=120
        ) as reply:  # the trainer's lab
            assert reply.status == 200
        family = psutil.Process(proc.pid).children(recursive=True)
        commands = [" ".join(p.cmdline()) for p in family]
        assert (
            any("--ServerApp.sock" in c for c in commands)
            and any("toolkit.kernels" in c for c in commands) == fork
        )
        assert len(app_kernels(proc)) >= 2
        port = int(url.rsplit(":", 1)[1])
        proc.send_signal(getattr(signal, how))  # the workshop alone, not its process group
        proc.wait(30)
        deadline = time.monotonic() + 10
        alive = family
        while alive and time.monotonic() < deadline:
            time.sleep(0.2)
            alive = [p for p in family if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        assert alive == [], [p.cmdline() for p in alive]
        assert port_is_free(port)


def test_the_room_address_option_listens_there_and_the_laptop_keeps_loopback():
    args = parser().parse_args(["workshop", "--lan", "--ip", "10.231.7.1", "--max-lessons", "12"])
    assert (args.ip, args.max_lessons) == ("10.231.7.1", 12)
    assert server.WorkshopOptions(lan=True, lan_ip="10.231.7.1").ip == "10.231.7.1"
    assert (
        server.WorkshopOptions(lan=False, lan_ip="10.231.7.1").ip == "127.0.0.1"
    )  # --ip means nothing alone


def test_without_confinement_the_room_gets_the_apps_but_not_the_lessons(tmp_path, monkeypatch):
    """Where bubblewrap cannot run, --lan serves no lessons and tells the trainer why, in their language."""
    from toolkit.i18n import set_language
    from toolkit.workshop import lessons as lessons_module

    monkeypatch.setattr(
        lessons_module,
        "confinement",
        lambda: lessons_module.Confinement(None, lessons_module.NO_BWRAP),
    )
    set_language("ru")
    try:
        servers, notice = server._lesson_servers(server.WorkshopOptions(lan=True), tmp_path)
    finally:
        set_language("ky")
    assert servers is None
    assert notice.startswith(
        "Уроки не открываются по сети зала: bubblewrap (программа bwrap) не установлен"
    )
    assert "sudo apt install bubblewrap" in notice and "make workshop" in notice
    # this laptop alone: the lessons are still served (unconfined: nobody else can reach them)
    servers, notice = server._lesson_servers(server.WorkshopOptions(lan=False), tmp_path)
    assert servers is not None and servers.confine is None and notice is None


def test_a_bubblewrap_that_cannot_make_a_sandbox_is_not_used(tmp_path):
    from toolkit.workshop.lessons import BWRAP_FAILS, confinement

    broken = tmp_path / "bwrap"
    broken.write_text("#!/bin/sh\necho 'No permissions to create new namespace' >&2\nexit 1\n")
    broken.chmod(0o755)
    found = confinement(str(broken))
    assert (found.available, found.reason) == (False, BWRAP_FAILS)


def test_participant_servers_are_capped_and_idle_ones_stopped(tmp_path):
    """At --max-lessons servers a new participant waits; a server nobody used is stopped, its folder kept."""
    import subprocess
    import sys

    from toolkit.workshop.lessons import Address, LessonServer, LessonServers, new_participant_id

    servers = LessonServers(
        tmp_path,
        ROOT / "notebooks",
        confine=None,
        max_servers=1,
        cull_after=3600,
        log_dir=tmp_path / "logs",
    )
    first, second = new_participant_id(), new_participant_id()
    assert servers.copy_lesson(first, "en", "04_tariff") == "04_tariff.ipynb"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    servers.servers[first] = LessonServer(
        servers.folder(first), Address(sock=tmp_path / "s.sock"), "t", sleeper, ready=True
    )
    assert servers.full(second) and not servers.full(first)
    assert servers.cull(idle=0) == [first]
    assert sleeper.wait(10) is not None
    assert not servers.full(second)
    assert (servers.folder(first) / "04_tariff.ipynb").exists()
    assert servers.copy_lesson(first, "en", "no_such_lesson") is None
    with pytest.raises(ValueError):
        servers.folder("../trainer")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("confined", "tcp"),
    [(False, False), (True, False), (False, True)],
    ids=["unconfined", "bwrap", "unconfined-tcp"],
)
def test_a_lesson_server_answers_only_with_its_token_even_from_a_deep_folder(
    tmp_path, monkeypatch, confined, tcp
):
    """A participant's server listens only on its socket (or, where there are no unix sockets, a port
    of 127.0.0.1), token needed, with bubblewrap or without (this laptop alone), also when the data
    folder is too deep for a socket's path."""
    import asyncio

    import psutil
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest

    from toolkit.workshop import lessons as lessons_module
    from toolkit.workshop.lessons import LessonServers, confinement, new_participant_id

    if tcp:
        monkeypatch.setattr(lessons_module, "transport", lambda: "tcp")
    bwrap = confinement().bwrap if confined else None
    if confined and bwrap is None:
        pytest.skip("bubblewrap cannot confine here")
    deep = tmp_path / ("a-rather-long-folder-name-" * 3)
    assert len(str(deep / "participants" / new_participant_id() / ".algca" / "lab.sock")) > 108
    servers = LessonServers(
        deep,
        ROOT / "notebooks",
        confine=bwrap,
        max_servers=2,
        cull_after=600,
        log_dir=tmp_path / "logs",
    )
    me = new_participant_id()
    servers.copy_lesson(me, "en", "04_tariff")

    async def ask() -> list[int]:
        lesson = await servers.server(me)
        client = AsyncHTTPClient(force_instance=True, resolver=lesson.address.resolver())
        try:
            codes = []
            for headers in ({}, {"Authorization": f"token {lesson.token}"}):
                reply = await client.fetch(
                    HTTPRequest(lesson.address.url("http", "/my/api/contents"), headers=headers),
                    raise_error=False,
                )
                codes.append(reply.code)
                if reply.code == 200:
                    codes.append([i["name"] for i in json.loads(reply.body)["content"]])
            return codes
        finally:
            client.close()

    try:
        assert asyncio.run(ask()) == [403, 200, ["04_tariff.ipynb"]]
        address = servers.servers[me].address
        if tcp:
            assert address.sock is None
            listening = psutil.Process(servers.servers[me].process.pid).net_connections("tcp")
            assert [c.laddr for c in listening if c.status == psutil.CONN_LISTEN] == [
                ("127.0.0.1", address.port)
            ]
            return
        short = address.sock
        assert oct(short.stat().st_mode & 0o777) == "0o600"
        assert oct(short.parent.stat().st_mode & 0o777) == "0o700"
    finally:
        servers.stop_all()
    assert not short.parent.exists()  # the short folder goes with the servers


# --------------------------------------------------------------------------- no unix sockets (Windows)

#: Run in the workshop's process: a laptop as Windows is to the lessons (no unix sockets, no sandbox).
TCP_PRELUDE = (
    "import toolkit.workshop.lessons as lessons\nlessons.transport = lambda: 'tcp'\n"
    "lessons.confinement = lambda bwrap=None: lessons.Confinement(None, lessons.NOT_LINUX)"
)


def _lesson_servers_of(proc) -> list[psutil.Process]:
    return [
        p
        for p in psutil.Process(proc.pid).children(recursive=True)
        if "jupyterlab" in " ".join(p.cmdline())
    ]


@pytest.mark.slow
def test_without_unix_sockets_the_lessons_go_through_a_loopback_port(tmp_path):
    """Where there are no unix sockets (Windows) an unconfined workshop's lesson servers listen on a port
    of 127.0.0.1: a participant's lesson and the trainer's lab still open, and their kernels run code
    through the workshop's WebSocket; no token is in what the browser gets."""
    from tests.participant_probe import Participant

    with workshop_server(
        tmp_path / "data",
        "--pool",
        "0",
        "--no-fork",
        "--apps",
        str(tmp_path),
        prelude=TCP_PRELUDE,
        timeout=120,
    ) as (url, proc, _log):
        me = Participant(url)
        status, page = me.request("GET", "/lesson/en/04_tariff")
        assert status == 200
        status, text = me.request("GET", "/my/api/contents")
        assert status == 200 and [i["name"] for i in json.loads(text)["content"]] == [
            "04_tariff.ipynb"
        ]
        assert me.run_code("print(6 * 7)").strip() == "42"
        trainer = Participant(url)  # the laptop itself
        status, text = trainer.request("GET", "/trainer/api/contents")
        assert status == 200 and len(json.loads(text)["content"]) == 1  # the participant's folder
        assert trainer.run_code("print('trainer', 2 + 2)", base="/trainer/").strip() == "trainer 4"
        labs = _lesson_servers_of(proc)
        commands = [" ".join(p.cmdline()) for p in labs]
        assert len(labs) == 2, commands
        assert all("--ServerApp.ip=127.0.0.1" in c and "--ServerApp.port=" in c for c in commands)
        assert not any("--ServerApp.sock" in c for c in commands)
        # no URL the browser gets names a server's port or token (JupyterLab's page config does hold
        # the token of the browser's own server, for its scripts, as with a socket)
        seen = page + me.request("GET", "/my/lab")[1] + trainer.request("GET", "/trainer/lab")[1]
        assert "/my/" in seen and "/trainer/" in seen
        for lab in labs:
            assert f"token={lab.environ()['JUPYTER_TOKEN']}" not in seen
            port = re.search(r"--ServerApp.port=(\d+)", " ".join(lab.cmdline())).group(1)
            assert f"127.0.0.1:{port}" not in seen


def test_with_lan_participants_stay_on_sockets_even_without_unix_sockets(tmp_path, monkeypatch):
    """Over the room's network a participant's server is confined, and a confined server listens on a
    socket whatever the transport; where confinement is impossible --lan serves no lessons at all."""
    from toolkit.workshop import lessons as lessons_module

    monkeypatch.setattr(lessons_module, "transport", lambda: "tcp")
    servers = lessons_module.LessonServers(
        tmp_path,
        ROOT / "notebooks",
        confine="/usr/bin/bwrap",
        max_servers=2,
        cull_after=600,
        log_dir=tmp_path / "logs",
    )
    me = lessons_module.new_participant_id()
    run = servers.folder(me) / ".algca"
    run.mkdir(parents=True)
    try:
        inside, outside = servers._address(me, run)
        assert (inside.sock, inside.port, outside.port) == (run / "lab.sock", None, None)
        assert outside.sock is not None  # the same socket, by a shorter path if need be
        assert (
            servers._address("trainer", run)[1].port is not None
        )  # the trainer's own, unconfined: a port
    finally:
        servers.stop_all()
    monkeypatch.setattr(
        lessons_module,
        "confinement",
        lambda: lessons_module.Confinement(None, lessons_module.NOT_LINUX),
    )
    assert server._lesson_servers(server.WorkshopOptions(lan=True), tmp_path)[0] is None


@pytest.mark.slow
def test_with_lan_a_real_participant_server_listens_on_its_socket(tmp_path, monkeypatch):
    """The same with a real confined server: its command line binds a socket, never a port."""
    import asyncio

    from toolkit.workshop import lessons as lessons_module

    if not lessons_module.confinement().available:
        pytest.skip("bubblewrap cannot confine here")
    monkeypatch.setattr(lessons_module, "transport", lambda: "tcp")
    servers, notice = server._lesson_servers(server.WorkshopOptions(lan=True), tmp_path)
    assert notice is None and servers.confine
    me = lessons_module.new_participant_id()
    servers.copy_lesson(me, "en", "04_tariff")
    try:
        lesson = asyncio.run(servers.server(me))
        assert lesson.address.sock is not None and lesson.address.port is None
        command = " ".join(lesson.process.args)
        assert "--ServerApp.sock=/home/participant/.algca/lab.sock" in command
        assert "--ServerApp.port" not in command and "--ServerApp.ip" not in command
    finally:
        servers.stop_all()


#: in the workshop's process: every lesson server is a program that ends at once
BROKEN_LAB_PRELUDE = (
    "import sys\n"
    "import toolkit.workshop.lessons as lessons\n"
    "lessons.lab_command = lambda *args, **kwargs: [sys.executable, '-c', 'raise SystemExit(3)']\n"
)


@pytest.mark.slow
def test_a_lesson_server_that_will_not_start_is_a_calm_page(tmp_path):
    """If a participant's lesson server stops as it starts, the participant gets a page in their
    language saying so, with a way back, not the web server's bare "500: Internal Server Error"."""
    from tests.participant_probe import Participant

    with workshop_server(
        tmp_path / "data",
        "--pool",
        "0",
        "--no-fork",
        "--apps",
        str(tmp_path),
        prelude=BROKEN_LAB_PRELUDE,
        timeout=120,
    ) as (url, _proc, log):
        status, page = Participant(url).request("GET", "/lesson/ru/04_tariff")
        assert status == 500
        # the page is in the visitor's language (Kyrgyz here: no language chosen yet), not the edition's
        assert "Бул баракты ачууга болбойт" in page and 'id="algca-error"' in page, page
        assert "Internal Server Error" not in page
        assert "the lesson server of" in log.read_text(
            errors="replace"
        )  # the trainer's log says why
