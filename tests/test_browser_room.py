"""The room in a real browser: two phones (360×740) and a projector (1366×768) on a real
``algca workshop``, Debian's Chromium driven by Playwright.

The server runs with ``--key-only``: the phones come from 127.0.0.1 like
the trainer, and only the trainer key makes a device the trainer. Screenshots of
the join page, a phone's ballot and the projector in ky, ru and en go to
``test-artifacts/room/``.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import time
import urllib.request
from pathlib import Path

import pytest

from tests.workshop_helpers import ROOT, workshop_server

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ARTIFACTS = ROOT / "test-artifacts" / "room"
PHONE = {"width": 360, "height": 740}
PROJECTOR = {"width": 1366, "height": 768}
XSS = '<img src=x onerror="window.__pwned = 1"><script>window.__pwned = 2</script>'


def trainer_key(log: Path) -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = re.search(r"/room/trainer\?key=([\w-]+)", log.read_text(errors="replace"))
        if found:
            return found.group(1)
        time.sleep(0.2)
    raise AssertionError("the trainer key was not printed")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("room")
    with workshop_server(data, "--pool", "0", "--no-lab", "--lang", "en", "--key-only") as (
        url,
        _proc,
        log,
    ):
        yield url, trainer_key(log)


def join(page, url: str, group: str, gender: str = "", village: str = "") -> None:
    page.goto(url + "/room/?lang=en")
    page.fill("input[name=group]", group)
    if village:
        page.fill("input[name=village]", village)
    if gender:
        page.check(f"input[name=gender][value={gender}]")
    page.click("#join-form button[type=submit]")
    page.wait_for_selector("#card-form", state="attached")


def post_card(page, text: str, service: str = "waste") -> None:
    if not page.is_visible("#card-form textarea"):
        page.click("details.post > summary")
    page.select_option("#card-form select[name=service]", service)
    page.fill("#card-form textarea[name=text]", text)
    page.click("#card-form button[type=submit]")
    page.wait_for_load_state("load")


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_two_phones_and_a_projector(server, browser):
    url, key = server
    trainer_ctx = browser.new_context(viewport=PROJECTOR)
    a_ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    b_ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    screen_ctx = browser.new_context(viewport=PROJECTOR)
    try:
        trainer = trainer_ctx.new_page()
        trainer.goto(f"{url}/room/trainer?key={key}")
        assert trainer.is_visible("#open-vote") or trainer.is_visible("#vote-controls")

        a, b, screen = a_ctx.new_page(), b_ctx.new_page(), screen_ctx.new_page()
        join(a, url, "Group 1", "woman", "Ak-Kyya")
        join(b, url, "Group 2", "man", "Kara-Saz")
        screen.goto(url + "/room/screen/wall?by=service&lang=en")
        for page in (b, screen):
            page.wait_for_selector("body[data-live='1']")
            page.evaluate("window.__same_page = true")

        # a card from phone A reaches the projector and phone B without a reload
        post_card(a, "No clean water in Ak-Kyya " + XSS, "drinking-water")
        for page in (screen, b):
            page.wait_for_selector(".card:has-text('No clean water in Ak-Kyya')", timeout=5000)
            assert page.evaluate("window.__same_page") is True  # not reloaded
            assert page.evaluate("window.__pwned") is None  # the text stayed text
            assert "onerror" in page.inner_text("#wall")
        post_card(b, "Bins are emptied once a month " + "Ы" * 120, "waste")
        screen.wait_for_selector(".card:has-text('Bins are emptied')", timeout=5000)
        card_box = screen.locator(".card:has-text('Bins are emptied')").bounding_box()
        assert card_box["width"] <= PROJECTOR["width"]  # a long word wraps
        b_card = b.locator(".card:has-text('Bins are emptied')").bounding_box()
        assert b_card["x"] + b_card["width"] <= PHONE["width"]

        # the trainer opens a dot vote over the wall, 2 dots each, stacking allowed
        trainer.goto(url + "/room/trainer")
        trainer.select_option("#open-vote select[name=method]", "dots")
        trainer.fill("#open-vote input[name=budget]", "2")
        trainer.fill("#open-vote textarea[name=items]", "Irrigation canal")
        trainer.click("#open-vote button.primary")
        trainer.wait_for_selector("#vote-controls form")
        vote_id = int(re.search(r'name="vote" value="(\d+)"', trainer.content()).group(1))

        # phone A votes with the + buttons; the banner on B's wall appears by itself
        b.wait_for_selector(".banner a[href='/room/vote']", timeout=5000)
        a.goto(url + "/room/vote")
        a.locator(".items li").nth(0).locator("button.plus").click()
        a.locator(".items li").nth(0).locator("button.plus").click()
        a.locator(".items li").nth(1).locator("button.plus").click()  # over the budget: no effect
        assert a.inner_text("#dots-left") == "0"
        a.click("#ballot-form button.primary")
        a.wait_for_selector("#ballot-saved")
        first = a.inner_text("#my-ballot")
        assert ": 2" in first
        shot(a, "phone-ballot-en")

        # a raw POST over the budget is refused by the server
        names = a.eval_on_selector_all("#ballot-form input[type=number]", "l => l.map(i => i.name)")
        items = [name.split(".", 1)[1] for name in names]
        over = a_ctx.request.post(
            url + "/room/act",
            data=json.dumps(
                {"kind": "ballot.cast", "vote": vote_id, "ballot": {items[0]: 2, items[1]: 1}}
            ),
            headers={"Content-Type": "application/json"},
        )
        assert over.status == 400 and "3 dots" in over.json()["error"]

        # a second ballot from the same device replaces the first
        a.goto(url + "/room/vote")
        a.locator(".items li").nth(0).locator("button.minus").click()
        a.locator(".items li").nth(0).locator("button.minus").click()
        a.locator(".items li").nth(2).locator("button.plus").click()
        a.click("#ballot-form button.primary")
        a.wait_for_selector("#ballot-saved")
        assert a.inner_text("#my-ballot") != first and "Irrigation canal: 1" in a.inner_text(
            "#my-ballot"
        )
        b.goto(url + "/room/vote")
        b.locator(".items li").nth(1).locator("button.plus").click()
        b.click("#ballot-form button.primary")
        b.wait_for_selector("#ballot-saved")
        screen.goto(url + "/room/screen/vote?lang=en")
        assert screen.inner_text("#ballots") == "2"  # two devices, three ballots sent

        # a participant cannot take a trainer action, nor open the trainer's pages
        for kind in ("vote.reveal", "vote.close", "vote.reset"):
            reply = a_ctx.request.post(
                url + "/room/act",
                data=json.dumps({"kind": kind, "vote": vote_id, "confirm": "yes"}),
                headers={"Content-Type": "application/json"},
            )
            assert reply.status == 403, kind
        assert a_ctx.request.get(url + "/room/trainer").status == 403
        assert a_ctx.request.get(url + "/room/export/ballots.csv").status == 403
        assert screen.inner_text("#ballots") == "2" and not screen.is_visible("#results")

        # the trainer closes (asked to confirm) and reveals: the projector shows the results
        trainer.goto(url + "/room/trainer")
        trainer.on("dialog", lambda dialog: dialog.accept())
        trainer.click("#vote-controls form:has(input[value='vote.close']) button")
        trainer.wait_for_load_state("load")
        trainer.click("#vote-controls form:has(input[value='vote.reveal']) button")
        screen.wait_for_selector("#results", timeout=5000)
        assert "Irrigation canal" in screen.inner_text("#results")
        shot(screen, "projector-results-en")
        export = trainer_ctx.request.get(url + "/room/export/cards.csv")
        assert export.status == 200 and "No clean water" in export.text()

        # screenshots in the three languages
        for lang in ("ky", "ru", "en"):
            fresh = browser.new_context(viewport=PHONE, is_mobile=True)
            try:
                p = fresh.new_page()
                p.goto(f"{url}/room/?lang={lang}")
                shot(p, f"phone-join-{lang}")
            finally:
                fresh.close()
            b.goto(f"{url}/room/vote?lang={lang}")
            shot(b, f"phone-vote-{lang}")
            a.goto(f"{url}/room/?lang={lang}")
            shot(a, f"phone-wall-{lang}")
            screen.goto(f"{url}/room/screen?lang={lang}")
            assert screen.is_visible(".qr svg")
            shot(screen, f"projector-join-{lang}")
            screen.goto(f"{url}/room/screen/wall?by=village&lang={lang}")
            shot(screen, f"projector-wall-{lang}")
            screen.goto(f"{url}/room/screen/vote?lang={lang}")
            shot(screen, f"projector-vote-{lang}")
            trainer.goto(f"{url}/room/trainer?lang={lang}")
            shot(trainer, f"trainer-{lang}")
    finally:
        for ctx in (a_ctx, b_ctx, screen_ctx, trainer_ctx):
            ctx.close()


def _post(opener, url: str, payload: dict) -> dict:
    request = urllib.request.Request(
        url + "/room/act",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    with opener.open(request, timeout=10) as reply:
        return json.loads(reply.read())


def test_kill_9_loses_nothing_acknowledged(tmp_path):
    """Every action the server acknowledged is there after ``kill -9`` and a restart."""
    data = tmp_path / "data"
    phones = [
        urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        for _ in range(3)
    ]
    acknowledged = []
    with workshop_server(data, "--pool", "0", "--no-lab") as (url, proc, _log):
        for n, phone in enumerate(phones):
            _post(phone, url, {"kind": "join", "group": f"G{n}"})
        for i in range(30):
            reply = _post(
                phones[i % 3],
                url,
                {"kind": "card.add", "group": "G", "service": "waste", "text": f"card {i}"},
            )
            assert reply["ok"]
            acknowledged.append(f"card {i}")
        os.killpg(proc.pid, signal.SIGKILL)  # no clean shutdown
        proc.wait(10)
    with (
        workshop_server(data, "--pool", "0", "--no-lab") as (url, _proc, _log),
        urllib.request.urlopen(url + "/room/export/cards.csv", timeout=10) as reply,
    ):
        text = reply.read().decode("utf-8-sig")
    for card in acknowledged:
        assert f",{card}," in text
