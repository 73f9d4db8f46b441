"""Every test and doctest writes its saved app state and error log into its own temporary
folder, never into the trainer's ``~/.algca`` (tests may still point ``ALGCA_DATA_DIR``
elsewhere themselves)."""

import pytest


@pytest.fixture(autouse=True)
def _private_data_folder(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("ALGCA_DATA_DIR", str(tmp_path_factory.mktemp("algca-data")))


@pytest.fixture(autouse=True)
def _language_restored():
    """A test or doctest that switches the language (``set_language("en")``) leaves it as it
    found it: the next one, whatever the order, starts in the language it expects."""
    from toolkit import i18n

    before = i18n._current
    yield
    i18n._current = before
