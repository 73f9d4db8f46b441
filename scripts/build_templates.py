"""Write the empty templates for a trainer's own municipality into ``datasets/templates/``.

    python scripts/build_templates.py          # write csv/ and municipality_template.xlsx
    python scripts/build_templates.py --check  # exit 1 if the committed templates are stale

The templates are made from the table schemas (``datasets/datapackage.json``) by
:func:`toolkit.cases.write_template`, so their headers always match what
:func:`toolkit.cases.load_case` accepts.  Run it after changing a template table's schema.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.cases import write_template  # noqa: E402

TEMPLATES = ROOT / "datasets" / "templates"
CSV_DIR = TEMPLATES / "csv"
WORKBOOK = TEMPLATES / "municipality_template.xlsx"


def workbook_content(path: Path) -> dict:
    """Sheet name -> rows of cell values (what a person sees, not the zip bytes)."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    finally:
        wb.close()


def stale() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        fresh_csv = write_template(Path(tmp) / "csv")
        fresh_xlsx = write_template(Path(tmp) / "t.xlsx")
        out = []
        names = {p.name for p in fresh_csv.iterdir()} | (
            {p.name for p in CSV_DIR.iterdir()} if CSV_DIR.exists() else set()
        )
        for name in sorted(names):
            new, old = fresh_csv / name, CSV_DIR / name
            if not old.exists() or not new.exists() or new.read_bytes() != old.read_bytes():
                out.append(str(old.relative_to(ROOT)))
        if not WORKBOOK.exists() or workbook_content(WORKBOOK) != workbook_content(fresh_xlsx):
            out.append(str(WORKBOOK.relative_to(ROOT)))
        return out


def main(argv: list[str]) -> int:
    if "--check" in argv:
        bad = stale()
        for path in bad:
            print(f"out of date: {path} (run python scripts/build_templates.py)")
        return 1 if bad else 0
    if CSV_DIR.exists():
        for p in CSV_DIR.iterdir():
            p.unlink()
    write_template(CSV_DIR)
    write_template(WORKBOOK)
    print(f"wrote {CSV_DIR.relative_to(ROOT)}/ and {WORKBOOK.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
