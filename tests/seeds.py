"""The five Kyrgyz source documents (the seeds) that the case data quote, for the provenance tests.

They are not part of the repository (they stay the copyright of their authors): the tests read
them from ``../shared/seeds/`` beside the checkout, or from the folder ``$ALGCA_SEEDS`` names.
In CI (``CI`` set) a missing seed folder fails the tests that need it, so the promise "every
quoted sentence is in its source, word for word" is always checked there; on a laptop without
the seeds those tests are skipped, saying why.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = Path(os.environ.get("ALGCA_SEEDS") or ROOT.parent / "shared" / "seeds")


def seed_folder() -> Path:
    """The folder of the seeds; fails the test in CI and skips it elsewhere when it is missing."""
    if SEED_DIR.is_dir() and any(SEED_DIR.glob("*.txt")):
        return SEED_DIR
    reason = (
        f"the seed documents are not in {SEED_DIR} (put them in ../shared/seeds/ beside the "
        "checkout or name their folder in ALGCA_SEEDS): the quoted source sentences are unchecked"
    )
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def norm(text: str) -> str:
    """Every run of whitespace (also line breaks and no-break spaces) as one space."""
    return re.sub(r"\s+", " ", text).strip()


@cache
def _texts(folder: Path, collapse: bool) -> dict[str, str]:
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
    return {name: norm(text) for name, text in texts.items()} if collapse else texts


def seed_texts(*, collapse: bool = True) -> dict[str, str]:
    """``{file name: text}`` of every seed, with its whitespace collapsed (``collapse=False``:
    exactly as the file has it)."""
    return _texts(seed_folder(), collapse)
