"""Are the Jupyter internals the toolkit changes still there, and is every change undone cleanly?

A newer Voila, jupyter_client or nbgrader that drops one of them makes the first test fail
(the pins in pyproject.toml keep that from reaching a trainer unnoticed)."""

from __future__ import annotations

import logging

import pytest

from toolkit import patches


@pytest.fixture(autouse=True)
def _undone():
    yield
    patches.undo_all()


@pytest.mark.parametrize("key", sorted(patches.TARGETS))
def test_every_patched_target_of_the_pinned_versions_is_there(key):
    module, path = key.split(":")
    assert patches.target(module, path) is not None


def test_a_missing_target_is_said_in_one_line_and_nothing_is_changed(caplog):
    with caplog.at_level(logging.WARNING, logger="toolkit.patches"):
        assert patches.target("voila.handler", "NoSuchRenderer") is None
    assert len(caplog.records) == 1
    assert "voila.handler.NoSuchRenderer is not there" in caplog.text


def test_the_failed_page_guard_covers_cold_and_preheated_renders():
    import voila.handler
    import voila.voila_kernel_manager
    from voila.notebook_renderer import NotebookRenderer

    patches.guard_renderer(lambda renderer: "</html>")
    for module in (voila.handler, voila.voila_kernel_manager):
        assert module.NotebookRenderer is not NotebookRenderer
        assert issubclass(module.NotebookRenderer, NotebookRenderer)
    patches.undo_all()
    assert voila.handler.NotebookRenderer is NotebookRenderer
    assert voila.voila_kernel_manager.NotebookRenderer is NotebookRenderer


def test_a_failing_render_ends_the_page_with_the_given_end():
    """The guard's generator: parts pass through; a failure gives the page's end, once."""
    import asyncio

    import voila.handler

    patches.guard_renderer(lambda renderer: f"end of {renderer.notebook_path}")
    renderer = voila.handler.NotebookRenderer.__new__(voila.handler.NotebookRenderer)
    renderer.request_handler = None
    renderer.notebook_path = "ky/tariff.ipynb"
    renderer.log = logging.getLogger("test")

    async def parts():
        yield "<html>", None
        raise RuntimeError("the kernel died")

    async def collect():
        return [part async for part in renderer._ended_on_failure(parts())]

    logging.getLogger("test").disabled = True
    try:
        got = asyncio.run(collect())
    finally:
        logging.getLogger("test").disabled = False
    assert got == [("<html>", None), ("end of ky/tariff.ipynb", None)]


def test_each_patch_is_made_once_and_undone():
    import voila.app
    import voila.handler
    from voila.exporter import VoilaExporter

    stock = (
        VoilaExporter._create_environment,
        voila.handler.get_page_config,
        voila.app.voila_kernel_manager_factory,
    )
    for _ in range(2):
        patches.cache_compiled_templates()
        patches.cache_page_config()
        patches.wrap_kernel_manager_factory(lambda made: made)
    assert len(patches.applied()) == 4  # the page configuration lives in two modules
    patches.undo_all()
    assert patches.applied() == []
    assert (
        VoilaExporter._create_environment,
        voila.handler.get_page_config,
        voila.app.voila_kernel_manager_factory,
    ) == stock


def test_the_fork_servers_kernel_managers_can_be_subclassed():
    """``super(type(self), self)`` recursed for ever in a subclass; a plain super() does not."""
    import asyncio

    from toolkit import kernels

    class Mine(kernels.ForkAsyncKernelManager):
        pass

    manager = Mine(kernel_name="python3")
    try:
        asyncio.run(manager._async_pre_start_kernel())
        assert type(manager.provisioner).__name__ == "ForkProvisioner"
        assert manager.provisioner.kernel_id == manager.kernel_id
    finally:
        manager.cleanup_connection_file()


def test_asking_the_fork_server_does_not_hold_the_event_loop(tmp_path, monkeypatch):
    """While a fork server takes its time to answer, the loop goes on with other work."""
    import asyncio

    from toolkit import kernels

    path = str(tmp_path / "fork.sock")
    monkeypatch.setenv(kernels.ENV_VAR, path)

    async def scenario():
        ticks = []

        async def slow_fork_server(reader, writer):
            await reader.readline()
            await asyncio.sleep(0.3)
            writer.write(b'{"pid": 4242}\n')
            await writer.drain()
            writer.close()
            await writer.wait_closed()

        async def ticker():
            for _ in range(5):
                ticks.append(asyncio.get_running_loop().time())
                await asyncio.sleep(0.04)

        async def asked():
            pid = await kernels.ask(["-f", "x.json"], {}, None)
            return pid, asyncio.get_running_loop().time()

        server = await asyncio.start_unix_server(slow_fork_server, path)
        async with server:
            (pid, answered), _ = await asyncio.gather(asked(), ticker())
        return pid, answered, ticks

    pid, answered, ticks = asyncio.run(scenario())
    assert pid == 4242
    assert len(ticks) == 5 and ticks[-1] < answered  # the loop ticked while the answer was awaited


def test_argparse_gets_its_words_back():
    import argparse

    stock = argparse._, argparse.ngettext
    with patches.argparse_speaking(str.upper, lambda one, many, n: one):
        assert argparse._("usage: ") == "USAGE: "
    assert (argparse._, argparse.ngettext) == stock
