"""Do the apps fit a 360 px phone and read well on a 1366×768 projector, in ky, ru and en?

Each app is opened in Debian's Chromium (Playwright) on a real ``algca workshop`` server and
measured at both sizes: no element may be wider than the screen (no sideways scrolling), no
text may be cut off (a text box narrower than its text), no text in the app may be under
16 px, and on the phone every input and button must be at least 44 px high.  Screenshots
go to ``test-artifacts/browser/layout-<app>-<lang>-<width>.png``.
"""

from __future__ import annotations

import pytest

from tests.workshop_helpers import ROOT, workshop_server

pytestmark = [pytest.mark.slow, pytest.mark.browser]

APPS = sorted(p.stem for p in (ROOT / "notebooks" / "apps").glob("*.ipynb"))
ARTIFACTS = ROOT / "test-artifacts" / "browser"
SIZES = {"phone": (360, 740), "projector": (1366, 768)}
RENDER_TIMEOUT_MS = 90_000
RENDERED = """() => {
  const cells = document.getElementById('rendered_cells');
  if (document.getElementById('loading') || !cells) return false;
  if (cells.innerText.includes('Loading widget')) return false;
  return !!cells.querySelector('.algca-app, .algca-error');
}"""

#: What the page measures: each problem as "what: where" (empty when the layout is right).
MEASURE = """(phone) => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  const name = (el) => {
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim();
    return el.tagName.toLowerCase() + '.' + [...el.classList].slice(0, 2).join('.') +
      ' «' + text.slice(0, 40) + '»';
  };
  const visible = (el) => {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') return false;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    for (let p = el; p; p = p.parentElement) {
      if (p.classList && (p.classList.contains('lm-mod-hidden') || p.classList.contains('p-mod-hidden')))
        return false;
    }
    return true;
  };
  if (document.documentElement.scrollWidth > width + 1)
    problems.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + width);
  const app = document.querySelector('.algca-app');
  if (!app) return ['no .algca-app on the page'];
  for (const el of app.querySelectorAll('*')) {
    if (!visible(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && !el.closest('.algca-scroll'))
      problems.push('wider than the screen (' + Math.round(box.right) + ' px): ' + name(el));
    const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const style = getComputedStyle(el);
    if (ownText && parseFloat(style.fontSize) < 16)
      problems.push('text of ' + style.fontSize + ': ' + name(el));
    if (ownText && el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'visible')
      problems.push('text cut off: ' + name(el));
    if (ownText && el.scrollHeight > el.clientHeight + 2 && style.overflowY !== 'visible')
      problems.push('text cut off at the bottom: ' + name(el));
    for (let p = el.parentElement; ownText && p && p !== app; p = p.parentElement) {
      const ps = getComputedStyle(p), pb = p.getBoundingClientRect();
      if (ps.overflowY !== 'visible' && ps.overflowY !== 'auto' && ps.overflowY !== 'scroll'
          && (box.top < pb.top - 1 || box.bottom > pb.bottom + 1)) {
        problems.push('text cut off by its box: ' + name(el));
        break;
      }
    }
    if (el.tagName === 'SELECT' && el.selectedIndex >= 0) {
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = style.fontWeight + ' ' + style.fontSize + ' ' + style.fontFamily;
      const text = el.options[el.selectedIndex].text;
      // on a phone a choice longer than the whole row may be cut: the list shows it whole
      const room = app.clientWidth - 40;
      if (ctx.measureText(text).width + 30 > el.clientWidth && !(phone && el.clientWidth >= room))
        problems.push('choice cut off: ' + name(el) + ' «' + text.slice(0, 40) + '»');
    }
    if ((el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' || el.tagName === 'BUTTON')
        && el.type !== 'checkbox' && el.type !== 'file' && phone && box.height < 43.5)
      problems.push('only ' + Math.round(box.height) + ' px high: ' + name(el));
  }
  return [...new Set(problems)];
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("workshop")
    with workshop_server(data, "--pool", "0", "--lang", "ky") as (url, _proc, log):
        yield url, log


def measure(page, app: str, lang: str) -> dict[str, list[str]]:
    found = {}
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(600)  # the widgets lay out again
        found[size] = page.evaluate(MEASURE, size == "phone")
        # the whole app in one picture: a screen as tall as the app (the width stays)
        tall = page.evaluate("document.querySelector('.algca-app').scrollHeight")
        page.set_viewport_size({"width": width, "height": int(tall) + 80})
        page.wait_for_timeout(300)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"layout-{app}-{lang}-{width}.png"), full_page=True)
    return found


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
@pytest.mark.parametrize("app", APPS)
def test_the_app_fits_a_phone_and_a_projector(server, browser, app, lang):
    url, _log = server
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale=f"{lang}-KG")
    try:
        page = context.new_page()
        page.set_default_timeout(RENDER_TIMEOUT_MS)
        page.goto(f"{url}/voila/render/{lang}/{app}.ipynb")
        page.wait_for_function(RENDERED, timeout=RENDER_TIMEOUT_MS)
        page.wait_for_timeout(1000)  # images and fonts
        found = measure(page, app, lang)
        assert found == {"phone": [], "projector": []}, found
    finally:
        context.close()
