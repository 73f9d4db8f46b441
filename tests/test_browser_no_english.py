"""No English on a Kyrgyz or Russian screen: the start page, an app and a lesson in the
participant's JupyterLab, read in a real browser, have no Latin-letter word outside the names of
programs and file extensions (code cells, which are Python, are not read)."""

from __future__ import annotations

import re

import pytest

from tests.workshop_helpers import workshop_server

pytestmark = [pytest.mark.slow, pytest.mark.browser]

#: Names of programs, formats and file extensions, which are written in Latin letters in every
#: language; and the units and marks that are not words.
ALLOWED = {
    "jupyter", "jupyterlab", "python", "ipykernel", "voila", "excel", "word", "whatsapp",
    "libreoffice", "csv", "xlsx", "png", "pdf", "docx", "ipynb", "json", "md", "markdown",
    "shift", "enter", "ctrl", "esc", "usb", "wi", "fi", "id", "ok",
    "english",  # the language switch names each language in itself
}  # fmt: skip
#: The visible text of a page, without code (code cells, `code` spans, editors).
VISIBLE_TEXT = """() => {
  const skip = 'code, pre, .jp-InputArea-editor, .cm-editor, .jp-OutputArea, script, style';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest(skip)) continue;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === 'hidden' || style.display === 'none') continue;
    parts.push(node.textContent);
  }
  return parts.join(' ');
}"""


def english_words(text: str) -> list[str]:
    """The Latin-letter words of ``text`` that are not in ``ALLOWED`` (file names count as theirs).

    >>> english_words("Сабак 00_introduction.ipynb: Python, Validate, Ядро")
    ['Validate']
    """
    text = re.sub(r"\S+\.(ipynb|csv|xlsx|png|pdf|docx|md)\b", " ", text)
    text = re.sub(r"https?://\S+", " ", text)
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
    return sorted({w for w in words if w.lower() not in ALLOWED})


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("workshop")
    with workshop_server(data, "--pool", "0", "--lang", "ky") as (url, _proc, log):
        yield url, log


def read(browser, url: str, ready: str) -> str:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        page = context.new_page()
        page.set_default_timeout(90_000)
        page.goto(url)
        page.locator(ready).first.wait_for()
        page.wait_for_timeout(2000)
        return page.evaluate(VISIBLE_TEXT)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_start_page_has_no_english(server, browser, lang):
    url, _log = server
    text = read(browser, f"{url}/?lang={lang}", "a.algca-lesson-link")
    assert english_words(text) == []


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_an_app_has_no_english(server, browser, lang):
    url, _log = server
    text = read(browser, f"{url}/voila/render/{lang}/welcome.ipynb", ".algca-app, .widget-box")
    assert english_words(text) == []


@pytest.mark.xfail(
    strict=True,
    reason="JupyterLab's Russian pack leaves some words in English (the status bar's 'Cell 1/16', "
    "'No Kernel' while it starts, the 'Skip to main panel' link), and nbgrader's participant "
    "button reads 'Validate': found by this test, not yet fixed",
)
@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_a_lesson_in_the_participants_lab_has_no_english(server, browser, lang):
    url, _log = server
    text = read(browser, f"{url}/lesson/{lang}/00_introduction", ".jp-Notebook .jp-Cell")
    assert english_words(text) == []
