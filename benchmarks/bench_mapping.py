"""How long do the mapping drawings take?  (A script printing figures, not a timed test.)

    .venv/bin/python benchmarks/bench_mapping.py

Measures, as the median of a few runs: building and drawing a community map with
500 problem markers, and a problem tree with 100 statements; each also saved as
PNG the way the apps do (100 dpi, :func:`toolkit.charts.mapping.figure_png`).  Aim: each under 1 s on a trainer's laptop.
"""

from __future__ import annotations

import random
import statistics
import time

import pandas as pd

from toolkit import mapping
from toolkit.charts.mapping import draw_map, draw_tree, figure_png

RUNS = 3


def big_map(n: int = 500) -> mapping.CommunityMap:
    base = mapping.load_map("chet-nura")
    rng = random.Random(1)
    places = list(base.places["place_id"])
    problems = pd.DataFrame(
        {
            "place_id": [rng.choice(places) for _ in range(n)],
            "category": [rng.choice(list(mapping.CATEGORIES)) for _ in range(n)],
            "problem": [f"Көйгөй №{i}: үй-бүлөлөргө суу жетпейт" for i in range(n)],
        }
    )
    return mapping.community_map(base.places, problems)


def big_tree(n: int = 100) -> mapping.ProblemTree:
    rng = random.Random(2)
    side = {0: None}
    links = []
    for i in range(1, n):
        parent = rng.randrange(0, i)
        s = side[parent] or rng.choice(["cause", "effect"])
        side[i] = s
        a, b = f"Себеп же кесепет №{i}: үй-бүлөлөр", f"Себеп же кесепет №{parent}: үй-бүлөлөр"
        if parent == 0:
            b = "Негизги көйгөй: таза суу жетпейт"
        if i == 0:
            a = "Негизги көйгөй: таза суу жетпейт"
        links.append((a, b) if s == "cause" else (b, a))
    return mapping.problem_tree("Негизги көйгөй: таза суу жетпейт", links)


def timed(make_figure) -> tuple[float, float, float]:
    """Median seconds: drawing, drawing + PNG (wall clock), and drawing + PNG in CPU time
    (the CPU figure is what this process used, less disturbed by other work on the machine)."""
    draws, totals, cpus = [], [], []
    for _ in range(RUNS):
        start, cpu = time.perf_counter(), time.process_time()
        fig = make_figure()
        drawn = time.perf_counter()
        figure_png(fig)
        draws.append(drawn - start)
        totals.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(draws), statistics.median(totals), statistics.median(cpus)


def main() -> None:
    import os

    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs, median of {RUNS} runs")
    cmap = big_map()
    tree = big_tree()
    start = time.perf_counter()
    for _ in range(RUNS):
        mapping.problem_matrix(cmap)
    matrix = (time.perf_counter() - start) / RUNS
    start = time.perf_counter()
    for _ in range(RUNS):
        mapping.tree_layout(tree)
    layout = (time.perf_counter() - start) / RUNS
    print(f"map:  {len(cmap.problems)} markers at {len(cmap.places)} places")
    d, t, c = timed(lambda: draw_map(cmap))
    print(f"  draw {d:.3f} s, draw + PNG {t:.3f} s (CPU {c:.3f} s)   (aim < 1 s)")
    print(f"  problem × village matrix {matrix * 1000:.1f} ms")
    print(f"tree: {len(tree)} statements, {len(set(mapping.levels(tree).values()))} levels")
    print(f"  layout {layout * 1000:.1f} ms")
    d, t, c = timed(lambda: draw_tree(tree))
    print(f"  draw {d:.3f} s, draw + PNG {t:.3f} s (CPU {c:.3f} s)   (aim < 1 s)")


if __name__ == "__main__":
    main()
