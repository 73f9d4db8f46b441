"""Does ``algca`` speak the trainer's language, in its help and in its errors (argparse's own words too)?"""

from __future__ import annotations

import argparse
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit import cli, i18n

ROOT = Path(__file__).resolve().parent.parent
HELPS = [[], ["workshop"], ["grade"], ["print"]]
BAD = [
    ["workshop", "--bogus"],
    ["workshop", "--port", "abc"],
    ["workshop", "--lang", "fr"],
    ["grade"],
]
ERROR_WORD = {"ky": "ката", "ru": "ошибка", "en": "error"}
# what may stay Latin on a Kyrgyz or Russian screen: what the trainer types (commands, options,
# choices, variables, paths, the example assignment) and the names of formats and programs
TYPED = re.compile(
    r"--?[\w-]+|\{[^}]*\}|'[^']*'|«[^»]*»|\$?ALGCA_\w+(=\S+)?|~/\.algca|exercises/|00_example|"
    r"\b(algca|workshop|grade|print|ky|ru|en)\b|CSV|XLSX|ZIP|PDF|USB|Wi-Fi|nbgrader"
)


def algca(args: list[str], lang: str | None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    env.pop(i18n.ENV_VAR, None)
    if lang:
        env[i18n.ENV_VAR] = lang
    return subprocess.run(
        [sys.executable, "-m", "toolkit.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def latin_words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{2,}", TYPED.sub(" ", text))


@pytest.fixture(scope="module")
def english_help():
    return {tuple(args): algca([*args, "--help"], "en").stdout for args in HELPS}


@pytest.mark.parametrize("args", HELPS, ids=["algca", "workshop", "grade", "print"])
@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_help_is_in_the_language_asked(args, lang, english_help):
    """Is ``algca … --help`` Kyrgyz (Russian) from "usage:" to the last option, no English left?"""
    proc = algca([*args, "--help"], lang)
    assert proc.returncode == 0 and proc.stderr == ""
    text = proc.stdout
    english = english_help[tuple(args)]
    assert "usage:" in english and "options:" in english and "show this help message" in english
    assert latin_words(text) == [], "English words on a screen in " + lang
    assert set(latin_words(english)).isdisjoint(latin_words(text))
    options = [line for line in text.splitlines() if line.strip().startswith("-")]
    assert options and all(re.search("[А-Яа-яЁёҢңӨөҮү]", line) for line in options)
    if lang == "ky":
        assert text.startswith("Колдонуу: algca") and re.search("[ңөүҢӨҮ]", text)
    else:
        assert text.startswith("Использование: algca") and "показать эту справку" in text
    if args == ["workshop"]:
        for option in (
            "--lan",
            "--port",
            "--lang",
            "--no-lab",
            "--pool",
            "--max-kernels",
            "--cull-after",
            "--no-fork",
            "--data",
        ):
            assert option in text


def test_help_is_kyrgyz_unless_asked_and_english_when_asked(english_help):
    assert algca(["workshop", "--help"], None).stdout.startswith("Колдонуу: algca workshop")
    assert english_help[("workshop",)].startswith("usage: algca workshop")
    assert "--render-slots" not in english_help[("workshop",)]  # kept for the benchmarks only


@pytest.mark.parametrize("args", BAD, ids=["unknown", "not-a-number", "bad-choice", "missing"])
@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_a_bad_command_line_gets_a_short_message_in_the_language(args, lang):
    proc = algca(args, lang)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) <= 6
    assert f": {ERROR_WORD[lang]}: " in lines[-1]
    if lang != "en":
        assert latin_words(proc.stderr) == [], proc.stderr


def test_lang_on_the_command_line_wins_over_the_environment():
    proc = algca(["workshop", "--lang", "ru", "--bogus"], "ky")
    assert "algca: ошибка: неизвестные параметры: --bogus" in proc.stderr
    proc = algca(["grade", "--lang=en", "--help"], "ru")
    assert proc.stdout.startswith("usage: algca grade")


def test_the_console_script_runs():
    script = Path(sys.executable).with_name("algca")
    if not script.exists():
        pytest.skip("the toolkit is not installed with its `algca` script here")
    env = {**os.environ, i18n.ENV_VAR: "ru"}
    proc = subprocess.run(
        [str(script), "--help"], env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0 and proc.stdout.startswith("Использование: algca")


def test_workshop_language_follows_the_environment(monkeypatch):
    monkeypatch.setattr(i18n, "_current", None)
    monkeypatch.setenv(i18n.ENV_VAR, "ru")
    assert cli.parser().parse_args(["workshop"]).lang == "ru"
    monkeypatch.delenv(i18n.ENV_VAR)
    assert cli.parser().parse_args(["workshop"]).lang == "ky"
    assert cli.parser().parse_args(["grade", "00_example"]).lang is None  # grade: as the messages


def test_argparse_gets_its_gettext_back(monkeypatch, capsys):
    """Only our parsers speak through the catalog; other argparse users keep theirs."""
    monkeypatch.setattr(i18n, "_current", "ru")
    before = argparse._, argparse.ngettext
    assert cli.parser().format_usage().startswith("Использование:")
    with pytest.raises(SystemExit):
        cli.parser().parse_args(["workshop", "--port", "x"])
    assert "--port: нужно целое число, а не «x»" in capsys.readouterr().err
    assert (argparse._, argparse.ngettext) == before
    assert argparse.ArgumentParser(prog="x").format_usage().startswith("usage: x")


def test_the_argparse_texts_we_translate_are_argparses_own():
    """A typo (or a Python that rewords them) would leave the English text on screen."""
    source = inspect.getsource(argparse)
    for text in cli._ARGPARSE_TEXTS:
        assert repr(text)[1:-1] in source or text in source, text


# --------------------------------------------------------------------------- bad input, plain words

NOT_A_TRACEBACK = ("Traceback", "Error:", "CRITICAL", "Voil")


def refused(args: list[str], lang: str, *words: str, env=None, wrap=()) -> str:
    """Run the real ``algca`` with ``args``: it must stop with status 2 and a message naming ``words``."""
    environment = {**os.environ, "PYTHONWARNINGS": "ignore", i18n.ENV_VAR: lang, **(env or {})}
    proc = subprocess.run(
        [*wrap, sys.executable, "-m", "toolkit.cli", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2, (proc.returncode, proc.stdout[-500:], proc.stderr[-2000:])
    for word in NOT_A_TRACEBACK:
        assert word not in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) <= 3, proc.stderr
    for word in words:
        assert word in proc.stderr, proc.stderr
    if lang != "en":  # only what the trainer typed (options, paths in «») stays Latin
        assert latin_words(proc.stderr) == [], proc.stderr
    return proc.stderr


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_a_port_out_of_range_is_named(lang):
    message = refused(["workshop", "--port", "70000"], lang, "70000", "65535")
    assert {"ky": "Порт", "ru": "Порт", "en": "port"}[lang] in message


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_a_port_in_use_is_named_not_voilas_critical_line(lang, tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        message = refused(
            ["workshop", "--no-lab", "--port", str(port), "--data", str(tmp_path)], lang, str(port)
        )
    assert {"ky": "бош эмес", "ru": "занят", "en": "already in use"}[lang] in message


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_a_data_folder_that_is_a_file_is_named(lang, tmp_path):
    file = tmp_path / "notes.txt"
    file.write_text("x", encoding="utf-8")
    message = refused(["workshop", "--no-lab", "--data", str(file)], lang, str(file), "--data")
    assert {"ky": "файл", "ru": "файл", "en": "file"}[lang] in message


def mounted(kind: str, folder: Path) -> tuple[str, ...]:
    """Run the command in a mount namespace of its own where ``folder`` is a tiny (``full``) or a
    read-only (``ro``) file system (``unshare`` from util-linux; nothing outside the command sees it)."""
    import shutil

    if not shutil.which("unshare") or subprocess.run(["unshare", "-r", "-m", "true"]).returncode:
        pytest.skip("no mount namespaces here")
    options = "size=64k" if kind == "full" else "ro,size=1m"
    script = f'mount -t tmpfs -o {options} algca-test "{folder}" && exec "$@"'
    return ("unshare", "-r", "-m", "sh", "-c", script, "sh")


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_a_read_only_data_folder_is_named(lang, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    message = refused(
        ["workshop", "--no-lab", "--data", str(folder)],
        lang,
        str(folder),
        "--data",
        wrap=mounted("ro", folder),
    )
    assert {"ky": "окуу үчүн гана", "ru": "только для чтения", "en": "read-only"}[lang] in message


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_a_full_data_folder_is_named(lang, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    message = refused(
        ["workshop", "--no-lab", "--data", str(folder)],
        lang,
        str(folder),
        "50",
        wrap=mounted("full", folder),
    )
    assert {"ky": "толуп", "ru": "заполнен", "en": "full"}[lang] in message


def test_a_missing_data_folder_is_made_and_said(tmp_path):
    """A data folder that does not exist is created, and the trainer is told so (then the port is
    checked: here it is taken, so the workshop stops before serving)."""
    import socket

    folder = tmp_path / "new" / "algca"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        message = refused(
            ["workshop", "--no-lab", "--port", str(port), "--data", str(folder)], "ru", str(port)
        )
    assert folder.is_dir()
    assert f"Папки «{folder}» не было; она создана" in message


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
@pytest.mark.parametrize("case", ["from-file", "from-missing", "course-file", "course-missing"])
def test_a_bad_grading_folder_is_named(lang, case, tmp_path):
    file = tmp_path / "submissions.zip"
    file.write_bytes(b"PK")
    missing = tmp_path / "nowhere"
    option, path = {
        "from-file": ("--from", file),
        "from-missing": ("--from", missing),
        "course-file": ("--course", file),
        "course-missing": ("--course", missing),
    }[case]
    message = refused(["grade", "00_example", option, str(path)], lang, str(path), option)
    word = {
        "file": {"ky": "файл", "ru": "файл", "en": "file"},
        "missing": {"ky": "жок", "ru": "не существует", "en": "does not exist"},
    }[case.split("-")[1]]
    assert word[lang] in message


@pytest.mark.parametrize(
    "args",
    [
        ["workshop", "--max-kernels", "0"],
        ["workshop", "--pool", "-1"],
        ["grade", "00_example", "--jobs", "0"],
    ],
    ids=["max-kernels", "pool", "jobs"],
)
def test_a_number_too_small_is_named(args):
    proc = algca(args, "ru")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert args[-2] in proc.stderr and "не меньше" in proc.stderr
