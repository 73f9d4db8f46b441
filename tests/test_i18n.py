"""Are all three languages complete, and does Kyrgyz survive every round trip?"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit import i18n

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import update_catalogs  # noqa: E402

KYRGYZ = "Ңң Өө Үү: Көйгөйлөр галереясы, үй-бүлөлөр, аң-сезим"
# Latin that may stand in a Kyrgyz or Russian message: placeholders (argparse's are %(name)s),
# names of programs and file formats.
ALLOWED_LATIN = re.compile(
    r"\{[^}]*\}|%\(\w+\)[sdr]|"
    r"Shift\+Enter|Ctrl\+[A-Z]|CSV|XLSX|PNG|PDF|HTML|JSON|ZIP|Word|Excel|DataFrame|"
    r"pandas|nbgrader|formgrader|Voila|JupyterLab|Jupyter|Python|WhatsApp|Poedit|LibreOffice|USB|Wi-Fi|"
    r"README|bubblewrap|bwrap|Debian|Ubuntu|Linux|"
    r"Copeland|Borda|ID|id|m³|m²|km|ha|URL|LAN|http\S*|localhost|\b[a-z]{2}\b(?=[,)]|$)"
)
MESSAGES = update_catalogs.extract()


def test_catalogs_are_up_to_date():
    """Is every message in the code in the catalogs (run scripts/update_catalogs.py if not)?"""
    assert update_catalogs.main(check=True) == 0


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("domain", sorted(MESSAGES))
def test_every_message_is_translated(domain, lang):
    catalog = i18n.catalog(domain, lang)
    missing = [m for m in MESSAGES[domain] if not catalog.get(m, "").strip()]
    assert missing == [], f"{domain}.po ({lang}) lacks translations for {missing[:5]}"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("domain", sorted(MESSAGES))
def test_translations_keep_the_placeholders(domain, lang):
    placeholders = re.compile(r"\{[^}]*\}|%\(\w+\)[sdr]|%[sdr]")  # str.format, and argparse's %
    for msgid, msgstr in i18n.catalog(domain, lang).items():
        assert sorted(placeholders.findall(msgid)) == sorted(placeholders.findall(msgstr)), msgid


@pytest.mark.parametrize("lang", ["ky", "ru"])
@pytest.mark.parametrize("domain", sorted(MESSAGES))
def test_no_english_on_a_kyrgyz_or_russian_screen(domain, lang):
    """Does a Kyrgyz (or Russian) message contain Latin words beyond program and file names?"""
    leaks = {}
    for msgid, msgstr in i18n.catalog(domain, lang).items():
        latin = re.findall(r"[A-Za-z]{2,}", ALLOWED_LATIN.sub("", msgstr))
        if latin:
            leaks[msgid] = latin
    assert leaks == {}


def test_kyrgyz_catalogs_use_kyrgyz_letters():
    """Are the Kyrgyz catalogs really Kyrgyz (ң ө ү appear), not Russian left in place?"""
    for domain in MESSAGES:
        text = "".join(i18n.catalog(domain, "ky").values())
        if len(text) > 200:
            assert re.search("[ңөүҢӨҮ]", text), domain


def test_set_language_and_environment_variable(monkeypatch):
    _ = i18n.translator("core")
    try:
        toolkit.set_language("ru")
        assert _("Please check") == "Проверьте, пожалуйста"
        toolkit.set_language("en")
        assert _("Please check") == "Please check"
    finally:
        i18n._current = None
    monkeypatch.setenv("ALGCA_LANG", "ru")
    assert toolkit.get_language() == "ru"
    monkeypatch.delenv("ALGCA_LANG")
    assert toolkit.get_language() == "ky"


def test_in_language_gives_back_the_language_chosen_before(monkeypatch):
    """After ``with in_language("en")`` (even one that fails), is the language what it was,
    also when it came from ALGCA_LANG and not from set_language?"""
    monkeypatch.setattr(i18n, "_current", None)
    monkeypatch.setenv("ALGCA_LANG", "ru")
    with pytest.raises(KeyError), i18n.in_language("en") as lang:
        assert lang == "en" and i18n.translate("Please check", "core") == "Please check"
        raise KeyError
    assert i18n._current is None and toolkit.get_language() == "ru"
    with pytest.raises(toolkit.ToolkitError):
        i18n.in_language("fr").__enter__()
    assert toolkit.get_language() == "ru"


def test_translate_into_any_language_whatever_the_current_one():
    """Does translate() give a message in the language asked for, English when it is missing?"""
    toolkit.set_language("ky")
    assert i18n.translate("Please check", "core", "ru") == "Проверьте, пожалуйста"
    assert i18n.translate("Please check", "core") == i18n.catalog("core", "ky")["Please check"]
    assert i18n.translate("No such message", "core", "ru") == "No such message"
    assert toolkit.get_language() == "ky"


def test_unknown_language_is_refused_kindly():
    with pytest.raises(toolkit.ToolkitError, match="деген тил жок"):
        toolkit.set_language("fr")


def test_environment_variable_reaches_a_new_process():
    out = subprocess.run(
        [sys.executable, "-c", "import toolkit; print(toolkit.get_language())"],
        env={"ALGCA_LANG": "en", "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "en"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_kyrgyz_letters_survive_csv(tmp_path, encoding):
    path = tmp_path / "k.csv"
    pd.DataFrame({"аталыш": [KYRGYZ]}).to_csv(path, index=False, encoding=encoding)
    assert pd.read_csv(path, encoding=encoding)["аталыш"][0] == KYRGYZ


def test_kyrgyz_letters_survive_xlsx(tmp_path):
    path = tmp_path / "k.xlsx"
    pd.DataFrame({"аталыш": [KYRGYZ]}).to_excel(path, index=False, sheet_name="Үлгү")
    assert pd.read_excel(path, sheet_name="Үлгү")["аталыш"][0] == KYRGYZ


def test_kyrgyz_letters_survive_po_files(tmp_path, monkeypatch):
    po = tmp_path / "ky" / "LC_MESSAGES" / "t.po"
    po.parent.mkdir(parents=True)
    po.write_text(f'msgid "x"\nmsgstr "{KYRGYZ}"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.catalog.cache_clear()
    try:
        assert i18n.catalog("t", "ky") == {"x": KYRGYZ}
    finally:
        i18n.catalog.cache_clear()


def test_kyrgyz_letters_survive_an_svg_and_a_png(tmp_path):
    from toolkit import plots

    fig, ax = plots.figure(KYRGYZ)
    ax.bar(["Ичүүчү суу", "Таштанды"], [3, 2])
    fig.savefig(tmp_path / "k.svg")
    fig.savefig(tmp_path / "k.png")
    plots.close(fig)
    assert KYRGYZ in (tmp_path / "k.svg").read_text(encoding="utf-8")
    assert (tmp_path / "k.png").stat().st_size > 10_000


def test_numbers_are_written_the_local_way():
    assert i18n.format_money(1_500_000, lang="ky") == "1 500 000 сом"
    assert i18n.format_money(1_500_000, lang="ru") == "1 500 000 сом"
    assert i18n.format_money(1_500_000, lang="en") == "1,500,000 som"
    assert i18n.format_number(-0.004, decimals=2) == "0,00"
    assert i18n.format_percent(0.65) == "65%"
