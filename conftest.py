"""Every test and doctest writes its saved app state and error log into its own temporary
folder, never into the trainer's ``~/.algca`` (tests may still point ``ALGCA_DATA_DIR``
elsewhere themselves)."""

import pytest


@pytest.fixture(autouse=True)
def _private_data_folder(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("ALGCA_DATA_DIR", str(tmp_path_factory.mktemp("algca-data")))
