"""How long does loading the case data take?  Prints seconds (lower is better).

    python benchmarks/bench_cases.py

First load = read and check every table of datasets/datapackage.json (types, constraints,
primary and foreign keys); later loads reuse the checked tables.  Template loads read a
filled CSV folder and an XLSX workbook of a made-up municipality.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit import cases  # noqa: E402


def timed(fn, repeat=1):
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def main() -> None:
    first = timed(lambda: cases.load_case("chet-nura"))
    again = timed(lambda: [cases.load_case(c) for c in cases.list_cases()["case_id"]], 5)
    tables = len(cases.package_descriptor()["resources"])
    rows = sum(len(t["rows"]) for t in cases._package().values())
    print(f"first load_case (checks {tables} tables, {rows} rows): {first:.3f} s")
    print(f"load_case of all four cases, cached:                {again:.3f} s")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "csv"
        cases.write_template(folder)
        (folder / "cases.csv").write_text(
            (folder / "cases.csv").read_text(encoding="utf-8") + "ak-jol,,Ак-Жол\n",
            encoding="utf-8",
        )
        (folder / "services.csv").write_text(
            (folder / "services.csv").read_text(encoding="utf-8")
            + "".join(f"s{i},Кызмат {i}\n" for i in range(200)),
            encoding="utf-8",
        )
        print(
            f"load a filled CSV template (200 services):          "
            f"{timed(lambda: cases.load_case(folder), 5):.3f} s"
        )
        book = cases.write_template(Path(tmp) / "t.xlsx")
        from openpyxl import load_workbook

        wb = load_workbook(book)
        wb["cases"].append(["ak-jol", None, "Ак-Жол"])
        for i in range(200):
            wb["services"].append([f"s{i}", f"Кызмат {i}"])
        wb.save(book)
        print(
            f"load a filled XLSX template (200 services):         "
            f"{timed(lambda: cases.load_case(book), 5):.3f} s"
        )


if __name__ == "__main__":
    main()
