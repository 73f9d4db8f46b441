"""Copy the code cells of a Kyrgyz lesson to its Russian and English editions, cell by cell.

    python scripts/sync_lesson_code.py 04_tariff       # one lesson
    python scripts/sync_lesson_code.py                 # every lesson
    python scripts/sync_lesson_code.py --check         # exit 1 if an edition's code differs

The three editions (``notebooks/ky``, ``ru``, ``en``) have the same cells in the
same order: cell N is markdown in all three or code in all three, and every
code cell but the one tagged ``language`` (which calls ``set_language``) is the
same.  After a change to the code of the Kyrgyz edition, this script writes
that code into cell N of the other editions and leaves their text alone.  It
refuses, naming the lesson and the cell, when the editions are not parallel.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE, TARGETS = "ky", ("ru", "en")


def is_language_cell(cell: dict) -> bool:
    """Is this the cell that sets an edition's language (tagged ``language``)?

    >>> is_language_cell({"cell_type": "code", "metadata": {"tags": ["language"]}})
    True
    >>> is_language_cell({"cell_type": "code", "metadata": {}})
    False
    """
    return cell.get("cell_type") == "code" and "language" in cell.get("metadata", {}).get(
        "tags", []
    )


def copy_code(source: dict, target: dict, where: str = "") -> list[int]:
    """Put the code cells of notebook ``source`` into ``target``; return the numbers of the cells changed.

    Markdown cells of ``target`` and its ``language`` cell are kept.

    >>> ky = {"cells": [{"cell_type": "markdown", "source": "Сабак"},
    ...                 {"cell_type": "code", "metadata": {}, "source": "x = 2"}]}
    >>> ru = {"cells": [{"cell_type": "markdown", "source": "Урок"},
    ...                 {"cell_type": "code", "metadata": {}, "source": "x = 1"}]}
    >>> copy_code(ky, ru), ru["cells"][1]["source"], ru["cells"][0]["source"]
    ([1], 'x = 2', 'Урок')
    >>> copy_code(ky, {"cells": ru["cells"][:1]}, "ru/00")
    Traceback (most recent call last):
    ValueError: ru/00: 1 cells, the Kyrgyz edition has 2: the editions must be parallel cell for cell
    """
    cells, theirs = source["cells"], target["cells"]
    if len(cells) != len(theirs):
        raise ValueError(
            f"{where}: {len(theirs)} cells, the Kyrgyz edition has {len(cells)}: "
            "the editions must be parallel cell for cell"
        )
    changed = []
    for i, (mine, other) in enumerate(zip(cells, theirs, strict=True)):
        if mine["cell_type"] != other["cell_type"]:
            raise ValueError(
                f"{where}: cell {i} is {other['cell_type']}, in the Kyrgyz edition it is "
                f"{mine['cell_type']}"
            )
        if mine["cell_type"] != "code" or is_language_cell(mine):
            continue
        if other["source"] != mine["source"] or other.get("metadata") != mine.get("metadata"):
            other["source"], other["metadata"] = mine["source"], mine.get("metadata", {})
            changed.append(i)
    return changed


def sync(name: str, write: bool = True) -> dict[str, list[int]]:
    """Copy the code of ``notebooks/ky/<name>.ipynb`` into its other editions."""
    source = json.loads((ROOT / "notebooks" / SOURCE / f"{name}.ipynb").read_text(encoding="utf-8"))
    result = {}
    for lang in TARGETS:
        path = ROOT / "notebooks" / lang / f"{name}.ipynb"
        target = json.loads(path.read_text(encoding="utf-8"))
        result[lang] = copy_code(source, target, f"{lang}/{name}")
        if write and result[lang]:
            path.write_text(
                json.dumps(target, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
    return result


def main(argv: list[str]) -> int:
    check = "--check" in argv
    names = [a for a in argv if not a.startswith("--")] or sorted(
        p.stem for p in (ROOT / "notebooks" / SOURCE).glob("*.ipynb")
    )
    differ = False
    for name in names:
        try:
            changed = sync(name, write=not check)
        except ValueError as error:
            print(error, file=sys.stderr)
            return 2
        for lang, cells in changed.items():
            if cells:
                differ = True
                verb = "differs in" if check else "updated"
                print(f"{lang}/{name}: {verb} code cells {cells}")
    return 1 if (check and differ) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
