"""How long does `import toolkit` take, next to `import pandas`?

    .venv/bin/python benchmarks/bench_import.py

Each import runs in a fresh interpreter (so nothing is cached in memory),
several times; the median is printed. The interpreter's own start-up is
measured alone and subtracted.
"""

import statistics
import subprocess
import sys
import time

RUNS = 15


def median_seconds(code: str) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    base = median_seconds("pass")
    rows = {
        "import toolkit": median_seconds("import toolkit"),
        "import pandas": median_seconds("import pandas"),
        "import toolkit.checks": median_seconds("import toolkit.checks"),
        "import matplotlib.pyplot": median_seconds("import matplotlib.pyplot"),
    }
    print(f"python start-up alone: {base * 1000:.0f} ms (subtracted below; median of {RUNS})")
    for name, t in rows.items():
        print(f"{name:28s} {max(t - base, 0) * 1000:7.1f} ms")
    ratio = (rows["import pandas"] - base) / max(rows["import toolkit"] - base, 1e-6)
    print(f"import toolkit is {ratio:.0f}x faster than import pandas")


if __name__ == "__main__":
    main()
