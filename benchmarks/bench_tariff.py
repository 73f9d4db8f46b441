"""How fast is the tariff toolkit?  Prints figures; it is not a timed test.

    .venv/bin/python benchmarks/bench_tariff.py

1. The sensitivity analysis (tornado) on 10,000 scenarios — aim: under 50 ms.
2. One update of the seminar app, from an input change to the redrawn chart
   (PNG ready for the browser) — aim: under 150 ms.

The machine's load is printed too: on a shared 2-core laptop the figures vary.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402


def timings(fn, repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each run (CPU time is steadier on a busy machine)."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def report(name: str, runs: tuple[list[float], list[float]], aim: float) -> None:
    wall, cpu = runs
    print(
        f"{name}: median {statistics.median(wall):.1f} ms wall (best {min(wall):.1f}, "
        f"worst {max(wall):.1f}), median {statistics.median(cpu):.1f} ms CPU, "
        f"{len(wall)} runs (aim < {aim:.0f} ms)"
    )


def scenarios(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(2021)
    return pd.DataFrame(
        {
            "direct": rng.uniform(1e5, 1e6, n),
            "overheads": rng.uniform(0, 2e5, n),
            "asset_price": rng.uniform(0, 5e6, n),
            "salvage_value": 0.0,
            "service_life_years": rng.uniform(3, 25, n),
            "margin": rng.uniform(0, 0.3, n),
            "tax_rate": rng.uniform(0, 0.12, n),
            "units": rng.uniform(500, 5000, n),
            "periods_per_year": 12.0,
            "collection_rate": rng.uniform(0.4, 1.0, n),
        }
    )


def main() -> None:
    os.environ.setdefault("ALGCA_DATA_DIR", tempfile.mkdtemp(prefix="algca-bench-"))
    from toolkit import tariff

    print(
        f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
    )
    table = scenarios(10_000)
    tariff.sensitivity(table)  # warm up
    report(
        "sensitivity, 10,000 scenarios x 8 inputs x ±20%",
        timings(lambda: tariff.sensitivity(table), 30),
        50,
    )
    report(
        "scenario tariffs, 10,000 scenarios",
        timings(lambda: tariff.scenario_tariffs(table), 30),
        50,
    )

    from toolkit.apps.tariff import TariffApp

    app = TariffApp(restore=False)
    units = app.widgets["units"]
    values = iter(range(2_000, 100_000, 7))
    app.widgets["units"].value = next(values)  # warm up
    report(
        "app update (units typed → tariff + waterfall PNG)",
        timings(lambda: setattr(units, "value", next(values)), 20),
        150,
    )
    before = app.redraws
    units.value = next(values)
    assert app.redraws == before + 1, "the update did not redraw"

    lines = app.line_rows
    report(
        "app update (a cost line edited → waterfall PNG)",
        timings(lambda: setattr(lines[1]["amount"], "value", lines[1]["amount"].value + 1000), 20),
        150,
    )
    app.widgets["chart_choice"].value = "tornado"
    report(
        "app update, tornado chart", timings(lambda: setattr(units, "value", next(values)), 10), 150
    )


if __name__ == "__main__":
    main()
