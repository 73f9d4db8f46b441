"""A participant on the room's network trying what the workshop must refuse (run inside a test's network namespace).

    python -m tests.participant_probe URL SPEC.json          # prints a JSON object of what each probe got
    python -m tests.participant_probe URL SPEC.json FOLDER   # screenshots of what a participant sees

SPEC names the other participant's id and notebook, the trainer's secret file and the
workshop's port, so that each probe can try to reach them.  Only the standard library
and tornado (for the kernel's WebSocket): the same client a browser's JupyterLab is.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.cookiejar
import json
import sys
import urllib.error
import urllib.request
import uuid


class Participant:
    """A browser of the room: a cookie jar and the workshop's address."""

    def __init__(self, url: str):
        self.url = url.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def request(self, method: str, path: str, body=None, headers=None) -> tuple[int, str]:
        data = (
            json.dumps(body).encode()
            if body is not None
            else (b"" if method in ("POST", "PUT", "PATCH") else None)
        )
        req = urllib.request.Request(
            self.url + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json", **(headers or {})},
        )
        try:
            with self.opener.open(req, timeout=180) as reply:
                return reply.status, reply.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as err:
            with err:
                return err.code, err.read().decode("utf-8", "replace")
        except OSError as err:
            return 0, repr(err)

    def run_code(self, code: str, timeout: float = 120, base: str = "/my/") -> str:
        """Run ``code`` in a kernel of the participant's own lesson server (or the one under ``base``),
        through the workshop (WebSocket)."""
        status, text = self.request("POST", f"{base}api/kernels", {"name": "python3"})
        if status != 201:
            return f"no kernel: {status} {text[:200]}"
        kernel = json.loads(text)["id"]
        try:
            return asyncio.run(self._execute(kernel, code, timeout, base))
        finally:
            self.request("DELETE", f"{base}api/kernels/{kernel}")

    async def _execute(self, kernel: str, code: str, timeout: float, base: str = "/my/") -> str:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        ws_url = (
            self.url.replace("http://", "ws://")
            + f"{base}api/kernels/{kernel}/channels?session_id={uuid.uuid4()}"
        )
        ws = await websocket_connect(
            HTTPRequest(ws_url, headers={"Cookie": self.cookie_header()}, request_timeout=60)
        )
        msg_id = uuid.uuid4().hex
        ws.write_message(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": "execute_request",
                        "username": "p",
                        "session": uuid.uuid4().hex,
                        "version": "5.3",
                        "date": "",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "channel": "shell",
                    "buffers": [],
                    "content": {
                        "code": code,
                        "silent": False,
                        "store_history": False,
                        "user_expressions": {},
                        "allow_stdin": False,
                        "stop_on_error": True,
                    },
                }
            )
        )
        out = []
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            raw = await asyncio.wait_for(ws.read_message(), deadline - loop.time())
            if raw is None:
                out.append("<websocket closed>")
                break
            if isinstance(raw, bytes):
                continue
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "stream":
                out.append(msg["content"]["text"])
            elif kind == "error":
                out.append(f"{msg['content']['ename']}: {msg['content']['evalue']}")
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                break
        ws.close()
        # wait for the connection to end: a socket left open until collected is a ResourceWarning later
        with contextlib.suppress(asyncio.TimeoutError):
            while await asyncio.wait_for(ws.read_message(), 5) is not None:
                pass
        return "".join(out)


def probe(url: str, spec: dict) -> dict:
    """Every probe of a participant; each value is what the workshop answered."""
    me = Participant(url)
    got: dict = {}
    got["open_lesson"] = me.request("GET", f"/lesson/{spec['edition']}/{spec['lesson']}")[0]
    status, text = me.request("GET", "/my/api/contents")
    got["own_folder"] = [
        status,
        sorted(i["name"] for i in json.loads(text)["content"]) if status == 200 else text[:200],
    ]
    other, notebook = spec["other"], spec["other_notebook"]
    got["trainer_home"] = me.request("GET", "/trainer/api/contents")[0]
    got["trainer_home_forwarded_for"] = me.request(
        "GET",
        "/trainer/api/contents",
        headers={"X-Forwarded-For": "127.0.0.1", "X-Real-Ip": "127.0.0.1"},
    )[0]
    got["trainer_lab"] = me.request("GET", "/trainer/lab")[0]
    got["read_other"] = me.request("GET", f"/trainer/api/contents/{other}/{notebook}")[0]
    got["read_other_mine"] = me.request("GET", f"/my/api/contents/../{other}/{notebook}")[0]
    got["write_other"] = me.request(
        "PUT",
        f"/trainer/api/contents/{other}/{notebook}",
        {"type": "file", "format": "text", "content": "overwritten"},
    )[0]
    got["delete_other"] = me.request("DELETE", f"/trainer/api/contents/{other}/{notebook}")[0]
    got["terminal"] = me.request("POST", "/my/api/terminals")[0]
    got["terminal_slashes"] = me.request("POST", "/my//api/./terminals")[0]
    got["terminal_trainer"] = me.request("POST", "/trainer/api/terminals")[0]
    got["shutdown"] = me.request("POST", "/my/api/shutdown")[0]
    got["shutdown_trainer"] = me.request("POST", "/trainer/api/shutdown")[0]
    got["formgrader"] = me.request("GET", "/my/formgrader")[0]
    got["formgrader_trainer"] = me.request("GET", "/trainer/formgrader")[0]
    got["trainer_key_guess"] = me.request("GET", "/trainer/?key=guess")[0]
    # a page of another site making the participant's browser start a kernel (cross-site request)
    got["cross_site"] = me.request(
        "POST", "/my/api/kernels", {"name": "python3"}, headers={"Origin": "http://evil.example"}
    )[0]
    # another participant's id in the cookie (unsigned, as a participant could type it)
    thief = Participant(url)
    thief.jar.set_cookie(
        http.cookiejar.Cookie(
            0,
            "algca_participant",
            other,
            None,
            False,
            url.split("//")[1].split(":")[0],
            False,
            False,
            "/",
            True,
            False,
            None,
            True,
            None,
            None,
            {},
        )
    )
    status, text = thief.request("GET", "/my/api/contents")
    got["other_cookie"] = status
    got["other_cookie_lesson"] = thief.request(
        "GET", f"/lesson/{spec['edition']}/{spec['lesson']}"
    )[0]
    status, text = thief.request("GET", "/my/api/contents")
    got["other_cookie_folder"] = (
        sorted(i["name"] for i in json.loads(text)["content"]) if status == 200 else status
    )
    got["other_cookie_read"] = thief.request("GET", f"/my/api/contents/{notebook}")[0]
    got["is_other"] = thief.cookie_header().count(other) > 0
    # the participant's own kernel: the trainer's secret, another participant's folder, the workshop's ports
    got["kernel_secret"] = me.run_code(
        f"try:\n    print(open({spec['secret']!r}).read())\nexcept Exception as e:\n    print(type(e).__name__)"
    )
    got["kernel_other_folder"] = me.run_code(
        f"import os\nprint(os.path.exists({spec['other_path']!r}), os.path.exists({spec['participants']!r}))"
    )
    connect = "\n".join(
        [
            "import socket",
            f"for host in ('127.0.0.1', {spec['host']!r}):",
            "    try:",
            f"        socket.create_connection((host, {spec['port']}), timeout=5).close()",
            "        print(host, 'connected')",
            "    except OSError as e:",
            "        print(host, type(e).__name__)",
        ]
    )
    got["kernel_connect"] = me.run_code(connect)
    got["kernel_whoami"] = me.run_code(
        "import os\nprint(os.getcwd(), sorted(os.listdir('/home')), os.environ.get('ALGCA_TEST_TRAINER_TOKEN'))"
    )
    got["still_mine"] = me.request("GET", "/my/api/contents")[0]
    # the trainer, on another computer, with the key printed at start
    trainer = Participant(url)
    got["trainer_with_key"] = trainer.request("GET", f"/trainer/?key={spec['trainer_key']}")[0]
    status, text = trainer.request("GET", "/trainer/api/contents")
    got["trainer_with_key_folders"] = (
        sorted(i["name"] for i in json.loads(text)["content"]) if status == 200 else status
    )
    return got


def screenshots(url: str, folder: str, spec: dict) -> dict:
    """What a participant sees (Chromium): their lesson in JupyterLab, and the trainer's page refused."""
    from playwright.sync_api import sync_playwright

    seen = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
            ],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="ru-RU")
        page.goto(f"{url}/?lang=ru", timeout=120_000)
        page.goto(f"{url}/lesson/{spec['edition']}/{spec['lesson']}", timeout=180_000)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=180_000)
        page.locator(".jp-StatusBar-TextItem", has_text="Idle").first.wait_for(timeout=120_000)
        page.locator(".jp-CodeCell").first.click()
        page.keyboard.press(
            "Shift+Enter"
        )  # the first cell runs in their kernel, through the workshop
        page.locator(".jp-CodeCell .jp-InputPrompt", has_text="[1]:").first.wait_for(
            timeout=120_000
        )
        page.wait_for_timeout(1000)
        seen["lesson_url"] = page.url
        seen["ran"] = page.locator(".jp-CodeCell .jp-InputPrompt").first.inner_text().strip()
        seen["kernel"] = page.locator(".jp-Toolbar-kernelName, .jp-KernelName").first.inner_text(
            timeout=30_000
        )
        page.screenshot(path=f"{folder}/participant-lesson.png")
        for name, path in (
            ("trainer", "/trainer/lab"),
            ("terminal", "/my/terminals/1"),
            ("formgrader", "/my/formgrader"),
        ):
            reply = page.goto(url + path, timeout=60_000)
            seen[name] = [reply.status, page.locator("h1").first.inner_text()]
            page.screenshot(path=f"{folder}/participant-{name}.png")
        browser.close()
    return seen


if __name__ == "__main__":
    from pathlib import Path

    spec = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    result = (
        screenshots(sys.argv[1], sys.argv[3], spec)
        if len(sys.argv) > 3
        else probe(sys.argv[1], spec)
    )
    print(json.dumps(result, ensure_ascii=False))
