"""How long do the checks and the Word and Excel exports take on a big plan?

    .venv/bin/python benchmarks/bench_plan.py            # 500 activities (the aim: under 2 s)
    .venv/bin/python benchmarks/bench_plan.py 2000

A plan of Chet-Nura's six tasks with N activities spread over them, each with
a deadline in words ("2019 жыл июлдун 2-аптасы"), is checked, written to
.docx and .xlsx, and read back from .xlsx.  Each step is timed (best of 3)
and the figures are printed; nothing is asserted (this is not a test).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit.plan import (  # noqa: E402
    Activity,
    Plan,
    Result,
    Task,
    check_plan,
    docx_bytes,
    load_plan,
    read_xlsx,
    xlsx_bytes,
)

MONTHS = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
]
GENITIVE = [
    "январдын",
    "февралдын",
    "марттын",
    "апрелдин",
    "майдын",
    "июндун",
    "июлдун",
    "августун",
    "сентябрдын",
    "октябрдын",
    "ноябрдын",
    "декабрдын",
]


def big_plan(n: int) -> Plan:
    """A plan of ``n`` activities on the six tasks of Chet-Nura's waste plan."""
    seed = load_plan("chet-nura", "waste")
    tasks = [Task(t.no, t.title, t.expected) for t in seed.tasks]
    activities = []
    for i in range(n):
        task = tasks[i * len(tasks) // n]
        model = seed.activities[i % len(seed.activities)]
        month = 2 + (task.no - 1) + (i % 2)
        deadline = (
            f"2019 жыл {GENITIVE[month - 1]} {1 + i % 4}-аптасы"
            if i % 3
            else f"2019 жыл {MONTHS[month - 1]}"
        )
        k = sum(1 for a in activities if a.task_no == task.no) + 1
        activities.append(
            Activity(
                f"{task.no}.{k}",
                task.no,
                model.activity,
                model.result,
                model.resources,
                deadline,
                model.responsible,
                status=("done", "in-progress", "not-started")[i % 3],
            )
        )
    results = [Result(1, "Оорулардын саны кыскарат", "Оорулардын саны", 100, 40, "%", "ҮМБ отчету")]
    return Plan(
        "waste", seed.title, seed.goal, 2019, results, tasks, activities, case_id="chet-nura"
    )


def best(fn, repeat: int = 3) -> tuple[float, object]:
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return min(times), value


def main(n: int = 500) -> None:
    plan = big_plan(n)
    t_check, findings = best(lambda: check_plan(plan))
    t_docx, docx = best(lambda: docx_bytes(plan, lang="ky"))
    t_xlsx, xlsx = best(lambda: xlsx_bytes(plan, lang="ky"))
    t_read, back = best(lambda: read_xlsx(xlsx))
    assert back == plan
    total = t_check + t_docx + t_xlsx
    print(
        f"plan: {len(plan.activities)} activities, {len(plan.tasks)} tasks, "
        f"{len(findings)} findings"
    )
    print(f"check_plan        {t_check:6.3f} s")
    print(f"docx_bytes        {t_docx:6.3f} s   ({len(docx) / 1024:.0f} KiB)")
    print(f"xlsx_bytes        {t_xlsx:6.3f} s   ({len(xlsx) / 1024:.0f} KiB)")
    print(f"read_xlsx         {t_read:6.3f} s")
    print(f"checks + exports  {total:6.3f} s   (aim: under 2 s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
