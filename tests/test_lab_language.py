"""A participant's JupyterLab speaks the language of the lesson they opened (Russian for Kyrgyz,
as there is no Kyrgyz language pack), and shows none of nbgrader's instructor parts."""

import asyncio
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_russian_language_pack_is_installed():
    from jupyterlab_server.translation_utils import get_language_packs

    packs, _ = get_language_packs()
    assert "ru_RU" in packs


@pytest.mark.slow
@pytest.mark.parametrize("confined", [False, True], ids=["unconfined", "confined"])
@pytest.mark.parametrize(("edition", "locale"), [("ky", "ru_RU"), ("ru", "ru_RU"), ("en", "en")])
def test_a_participant_lab_opens_in_the_lesson_language(tmp_path, confined, edition, locale):
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest

    from toolkit.workshop.lessons import (
        PARTICIPANT_HIDDEN_PLUGINS,
        LessonServers,
        confinement,
        new_participant_id,
    )

    bwrap = confinement().bwrap if confined else None
    if confined and bwrap is None:
        pytest.skip("bubblewrap cannot confine here")
    servers = LessonServers(
        tmp_path / "w",
        ROOT / "notebooks",
        confine=bwrap,
        max_servers=1,
        cull_after=600,
        log_dir=tmp_path / "logs",
    )
    me = new_participant_id()
    servers.copy_lesson(me, edition, "00_introduction")
    servers.set_lab_language(me, edition)

    async def ask(lesson, client, path):
        reply = await client.fetch(
            HTTPRequest(
                lesson.address.url("http", path),
                headers={"Authorization": f"token {lesson.token}"},
            )
        )
        return reply.body.decode("utf-8")

    async def look():
        lesson = await servers.server(me)
        client = AsyncHTTPClient(force_instance=True, resolver=lesson.address.resolver())
        try:
            plugin = "@jupyterlab/translation-extension:plugin"
            settings = json.loads(await ask(lesson, client, f"/my/lab/api/settings/{plugin}"))
            page = await ask(lesson, client, "/my/lab/tree/00_introduction.ipynb")
            # the server finds the language pack (inside the sandbox too) and serves its words
            words = json.loads(await ask(lesson, client, f"/my/lab/api/translations/{locale}"))
            return settings, page, words
        finally:
            client.close()

    try:
        settings, page, words = asyncio.run(look())
    finally:
        servers.stop_all()
    assert settings["settings"]["locale"] == locale
    if locale == "ru_RU":
        assert words["data"]["jupyterlab"]["Restart Kernel…"] == ["Перезапустить ядро…"]
    config = json.loads(
        re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S).group(1)
    )
    disabled = config.get("disabledExtensions", [])
    assert set(PARTICIPANT_HIDDEN_PLUGINS) <= set(disabled), disabled
