"""Does the workshop work in a real browser, offline?

Headless Chromium (Debian's, driven by Playwright) opens the start page, every
app and every lesson (running all the cells of one) on a real ``algca workshop`` server on 127.0.0.1, records
every request the pages make, and fails on any that leaves the machine.  Each
app is used the way a participant uses it: a new value is typed into its main
input (``.algca-primary-input``) and the chart or table (``.algca-live-output``)
must change.  Screenshots go to ``test-artifacts/browser/``.
"""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.workshop_helpers import (
    ROOT,
    app_folder,
    app_kernels,
    wait_for_kernels,
    workshop_server,
)

pytestmark = [pytest.mark.slow, pytest.mark.browser]

APPS = sorted(p.stem for p in (ROOT / "notebooks" / "apps").glob("*.ipynb"))
ARTIFACTS = ROOT / "test-artifacts" / "browser"
RENDER_TIMEOUT_MS = 45_000
# Voila has finished and every widget is drawn (no "Loading widget..." left)
RENDERED = """() => {
  const cells = document.getElementById('rendered_cells');
  if (document.getElementById('loading') || !cells) return false;
  if (cells.innerText.includes('Loading widget')) return false;
  return !!cells.querySelector('.jupyter-widgets.widget-container, .widget-box, .algca-app, .algca-error');
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("workshop")
    with workshop_server(data, "--pool", "0", "--lang", "ky") as (url, _proc, log):
        yield url, log


class Recorder:
    """Every request a page makes, to check that none leaves the machine."""

    def __init__(self, page):
        self.urls: list[str] = []
        self.console_errors: list[str] = []  # what the page's scripts complain of
        page.on("request", lambda request: self.urls.append(request.url))
        page.on(
            "console",
            lambda msg: msg.type == "error" and self.console_errors.append(msg.text[:300]),
        )

    def outside(self) -> list[str]:
        return [
            u
            for u in self.urls
            if urlsplit(u).scheme not in ("data", "blob", "about")
            and urlsplit(u).hostname not in ("127.0.0.1", "localhost")
        ]


def new_page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="ky-KG")
    page = context.new_page()
    page.set_default_timeout(RENDER_TIMEOUT_MS)
    return context, page, Recorder(page)


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def test_start_page_in_three_languages_offline(server, browser):
    """Does the start page link every app, switch language, and fetch nothing from outside?"""
    url, _log = server
    context, page, requests = new_page(browser)
    try:
        page.goto(url + "/")
        assert (
            page.locator("#algca-landing-title").inner_text()
            == "Семинар: жергиликтүү кызмат көрсөтүүлөр"
        )
        links = page.locator("a.algca-app-link")
        assert sorted(links.evaluate_all("els => els.map(e => e.dataset.app)")) == APPS
        shot(page, "landing-ky")
        page.click("a[hreflang=ru]")
        page.wait_for_selector("html[lang=ru]")
        assert page.locator("#algca-landing-title").inner_text() == "Семинар: местные услуги"
        page.goto(url + "/")  # the choice is remembered
        assert page.locator("html").get_attribute("lang") == "ru"
        page.click("a[hreflang=en]")
        page.wait_for_selector("html[lang=en]")
        assert "/voila/render/en/" in page.locator("a.algca-app-link").first.get_attribute("href")
        shot(page, "landing-en")
        assert requests.outside() == []
    finally:
        context.close()


def test_start_page_in_russian_links_the_russian_lessons(server, browser):
    """Does a Russian visitor's start page list the Russian edition of every lesson, by its Russian title?"""
    url, _log = server
    context, page, requests = new_page(browser)
    try:
        page.goto(url + "/?lang=ru")
        page.wait_for_selector("html[lang=ru]")
        links = page.locator("a.algca-lesson-link")
        hrefs = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
        expected = sorted(p.stem for p in (ROOT / "notebooks" / "ru").glob("[0-9]*.ipynb"))
        assert hrefs == [f"/lesson/ru/{name}" for name in expected]
        assert all(t.startswith("Урок ") for t in links.all_inner_texts())
        shot(page, "landing-ru")
        assert requests.outside() == []
    finally:
        context.close()


def test_unknown_page_is_calm_and_translated(server, browser):
    """Does a mistyped address give a calm page in the visitor's language, not a status dump?"""
    url, _log = server
    context, page, requests = new_page(browser)
    try:
        page.goto(url + "/?lang=ru")
        page.goto(url + "/voila/render/ru/no_such_app.ipynb")
        box = page.locator("#algca-error-page")
        box.wait_for()
        assert "Эту страницу не удалось открыть" in box.inner_text()
        assert "Traceback" not in page.content()
        assert requests.outside() == []
    finally:
        context.close()


LESSONS = [
    (edition, p.stem)
    for edition in ("ky", "ru", "en")
    for p in sorted((ROOT / "notebooks" / edition).glob("[0-9]*.ipynb"))
]


#: The cookie of the one participant who opens every lesson (each participant has a lesson
#: server of their own: one per test would hold a server and a kernel per lesson).
PARTICIPANT: list[dict] = []


def open_lesson(page, url: str, edition: str, lesson: str) -> None:
    """Open a lesson the way a participant does: from the start page in the lesson's language."""
    if PARTICIPANT:
        page.context.add_cookies(PARTICIPANT)
    page.goto(f"{url}/?lang={edition}")
    link = page.locator(f'a.algca-lesson-link[data-lesson="{lesson}"]')
    assert link.count() == 1, f"the start page has no link to {edition}/{lesson}"
    link.click()
    # the participant's lab may reopen the lessons they had open: wait for this one's tab, in front
    page.locator(
        ".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current", has_text=f"{lesson}.ipynb"
    ).wait_for(timeout=RENDER_TIMEOUT_MS)
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").first.wait_for(
        timeout=RENDER_TIMEOUT_MS
    )
    page.wait_for_timeout(1500)  # let JupyterLab finish its start-up requests
    PARTICIPANT[:] = [c for c in page.context.cookies() if c["name"] == "algca_participant"]


def participant_folder(log, lesson: str) -> Path:
    """The folder of the participant who opened ``lesson`` last."""
    folders = (Path(log).parent / "workshop" / "participants").iterdir()
    return max(
        (f for f in folders if (f / f"{lesson}.ipynb").exists()), key=lambda f: f.stat().st_mtime
    )


@pytest.mark.parametrize(("edition", "lesson"), LESSONS, ids=[f"{e}-{n}" for e, n in LESSONS])
def test_lesson_opens_in_jupyterlab_as_the_participants_own_copy(server, browser, edition, lesson):
    """Does each lesson link open the participant's own copy in JupyterLab, fetching nothing from outside?"""
    url, log = server
    context, page, requests = new_page(browser)
    try:
        open_lesson(page, url, edition, lesson)
        assert page.url.endswith(f"/my/lab/tree/{lesson}.ipynb"), (
            page.url
        )  # no id, no token in the address
        assert "token" not in page.url
        shot(page, f"lesson-{edition}-{lesson}")
        folder = participant_folder(log, lesson)
        tabs = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab").all_inner_texts()
        assert f"{lesson}.ipynb" in tabs, tabs
        assert set(tabs) <= {p.name for p in folder.glob("*.ipynb")}, tabs  # nobody else's lessons
        assert requests.outside() == []
    finally:
        context.close()


def test_a_lesson_runs_in_the_browser_offline(server, browser):
    """Run every cell of the tariff lesson in JupyterLab: charts appear, no error, nothing fetched from outside."""
    import json

    url, log = server
    context, page, requests = new_page(browser)
    try:
        open_lesson(page, url, "ky", "04_tariff")
        saved = participant_folder(log, "04_tariff") / "04_tariff.ipynb"
        page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").first.click()
        # a Kyrgyz visitor's JupyterLab speaks Russian (there is no Kyrgyz language pack)
        page.get_by_role("menuitem", name="Выполнить", exact=True).click()
        page.locator('li[data-command="runmenu:run-all"]').click()
        deadline = time.monotonic() + 180
        while True:  # save now and then, and read the participant's copy from the disk
            page.keyboard.press("Control+s")
            page.wait_for_timeout(1000)
            cells = [
                c
                for c in json.loads(saved.read_text(encoding="utf-8"))["cells"]
                if c["cell_type"] == "code"
            ]
            if all(c.get("execution_count") for c in cells) or time.monotonic() > deadline:
                break
        shot(page, "lesson-ky-04_tariff-run")
        assert all(c.get("execution_count") for c in cells), "not every cell ran in 180 s"
        outputs = [o for c in cells for o in c["outputs"]]
        assert [
            o for o in outputs if o["output_type"] == "error" or o.get("name") == "stderr"
        ] == []
        assert sum("image/png" in o.get("data", {}) for o in outputs) >= 3  # the lesson's charts
        assert requests.outside() == []
    finally:
        context.close()


def _change_primary_input(page, app: str) -> None:
    primary = page.locator(".algca-primary-input")
    if primary.count() == 0:
        pytest.fail(
            f"app {app!r} has no widget with the class 'algca-primary-input': add "
            "`.add_class('algca-primary-input')` to its main input (see the app contract)."
        )
    primary = primary.first
    text_box = primary.locator("input:not([type=checkbox]), textarea")
    if primary.locator(".noUi-handle, .slider-container").count():  # a slider
        handle = primary.locator(".noUi-handle").first
        handle.focus()
        for _ in range(3):
            handle.press("ArrowRight")
    elif text_box.count():
        box = text_box.first
        old = box.input_value()
        try:
            new = str(float(old.replace(" ", "").replace(",", ".")) * 2 + 7)
            new = new[:-2] if new.endswith(".0") else new
        except ValueError:
            new = old + " 2"
        box.fill(new)
        box.press("Enter")
        box.blur()
    else:
        pytest.fail(f"app {app!r}: '.algca-primary-input' holds no text box or slider to change.")


@pytest.mark.parametrize("app", APPS)
def test_app_renders_and_reacts(server, browser, app):
    """Does the app render without an error (on the page or in its scripts), and does its chart or table change with its input?"""
    url, log = server
    context, page, requests = new_page(browser)
    try:
        page.goto(f"{url}/voila/render/ky/{app}.ipynb")
        try:
            page.wait_for_function(RENDERED, timeout=RENDER_TIMEOUT_MS)
        except Exception:
            shot(page, f"{app}-not-rendered")
            pytest.fail(
                f"app {app!r} did not finish rendering its widgets in {RENDER_TIMEOUT_MS // 1000} s (server log: {log})"
            )
        shot(page, f"{app}-before")
        errors = page.locator("#rendered_cells .algca-error")
        assert errors.count() == 0, (
            f"app {app!r} shows an error: {errors.first.inner_text()!r} (server log: {log})"
        )
        assert "Traceback" not in page.content()
        live = page.locator(".algca-live-output")
        if live.count() == 0:
            pytest.fail(
                f"app {app!r} has no widget with the class 'algca-live-output': add "
                "`.add_class('algca-live-output')` to its chart or table output (see the app contract)."
            )

        def content() -> str:  # every live output of the app (outerHTML: an <img> changes its src)
            return "".join(live.evaluate_all("els => els.map(e => e.outerHTML)"))

        before = content()
        _change_primary_input(page, app)
        deadline = time.monotonic() + 20
        while content() == before and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        shot(page, f"{app}-after")
        assert content() != before, (
            f"app {app!r}: the live output did not change after the input changed"
        )
        assert page.locator("#rendered_cells .algca-error").count() == 0
        assert requests.outside() == []
        assert requests.console_errors == [], f"app {app!r}: the page's scripts reported errors"
    finally:
        context.close()


def test_closing_the_tab_releases_the_apps_kernel(browser, tmp_path):
    """When a participant closes the tab, is the page's kernel shut down at once (Voila's call on
    ``beforeunload``, refused before for want of an ``_xsrf`` cookie), back to the pool's size?"""
    apps = app_folder(tmp_path, "welcome")
    with workshop_server(tmp_path / "data", "--no-lab", "--pool", "1", "--apps", str(apps)) as (
        url,
        proc,
        log,
    ):
        wait_for_kernels(proc, 1, timeout=60)
        context, page, requests = new_page(browser)
        closing = []
        page.on("request", lambda r: "/voila/api/shutdown/" in r.url and closing.append(r))
        try:
            page.goto(f"{url}/voila/render/ky/welcome.ipynb")
            page.wait_for_function(RENDERED, timeout=RENDER_TIMEOUT_MS)
            wait_for_kernels(proc, 2)  # the page's kernel, and the pool filled again
            page.close(run_before_unload=True)  # as the participant closes the tab
            seconds = wait_for_kernels(proc, 1, timeout=10)
        finally:
            context.close()
        assert closing, "the page sent no shutdown call"
        assert seconds < 10
        assert "403" not in log.read_text(errors="replace").split("Using pre-heated kernel")[-1]


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_a_stopped_app_says_so_and_keeps_what_was_typed(browser, tmp_path, lang):
    """When the app's kernel dies, does the page say so in the participant's language, offer to open
    it again, and give back what was typed?"""
    import signal

    apps = app_folder(tmp_path, "plan_builder")
    typed = {"ky": "Суу түтүгүн оңдоо", "ru": "Ремонт водопровода"}[lang]
    with workshop_server(tmp_path / "data", "--no-lab", "--pool", "0", "--apps", str(apps)) as (
        url,
        proc,
        log,
    ):
        context, page, requests = new_page(browser)
        try:
            page.goto(f"{url}/voila/render/{lang}/plan_builder.ipynb")
            page.wait_for_function(RENDERED, timeout=RENDER_TIMEOUT_MS)
            box = page.locator("#rendered_cells input[type=text]").first
            box.fill(typed)
            box.press("Tab")
            [kernel] = app_kernels(proc)
            kernel.send_signal(signal.SIGKILL)
            stopped = page.locator("#algca-app-stopped")
            stopped.wait_for(timeout=20_000)
            words = {
                "ky": ("Бул колдонмо токтоп калды", "Колдонмону кайра ачуу"),
                "ru": ("Приложение остановилось", "Открыть приложение снова"),
            }[lang]
            assert words[0] in stopped.inner_text() and words[1] in stopped.inner_text()
            shot(page, f"app-stopped-{lang}")
            page.click("#algca-reopen")
            page.wait_for_function(RENDERED, timeout=RENDER_TIMEOUT_MS)
            page.wait_for_function(
                "t => document.querySelector('#rendered_cells input[type=text]').value === t",
                arg=typed,
                timeout=20_000,
            )
            assert page.locator("#algca-app-stopped").count() == 0
            shot(page, f"app-reopened-{lang}")
            assert requests.outside() == []
        finally:
            context.close()


def test_plan_builder_takes_a_budget_and_shows_the_total_per_source(server, browser):
    """The amount and source inputs of an activity: typed as people write them, summed per source."""
    url, log = server
    context, page, requests = new_page(browser)
    try:
        page.goto(f"{url}/voila/render/ky/plan_builder.ipynb")
        page.wait_for_function(RENDERED, timeout=RENDER_TIMEOUT_MS)
        page.locator(".widget-dropdown", has_text="Каржылоо булагы").locator(
            "select"
        ).select_option(label="жергиликтүү бюджет")
        amount = page.get_by_placeholder("250 000")
        amount.fill("250 000")
        amount.press("Enter")
        amount.blur()
        summary = page.locator(".algca-plan-summary")
        summary.filter(has_text="250 000").wait_for()
        assert "жергиликтүү бюджет 250 000 сом" in summary.inner_text()
        total = page.get_by_placeholder("320 000")
        total.fill("300 000")
        total.press("Enter")
        total.blur()
        page.locator(".algca-plan-findings", has_text="300 000 сом").wait_for()
        amount.scroll_into_view_if_needed()
        shot(page, "plan_builder-budget")
        assert page.locator("#rendered_cells .algca-error").count() == 0
        assert requests.outside() == []
    finally:
        context.close()
