"""Is the gallery wall instant on the projector with a big seminar's wall?  Prints milliseconds.

    .venv/bin/python benchmarks/bench_gallery.py [--cards 80] [--remarks 400]

A made-up wall of N cards (8 villages, every service area) and M remarks: the time of one
change in the app (the change, the atomic autosave and the redraw of the wall), of a filter,
of the screening, and of the CSV and Excel exports.  Each figure is the median of 7 runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit.gallery import SERVICE_AREAS, Criterion, Gallery, screen  # noqa: E402

VILLAGES = [
    "Орто-Нура",
    "Чет-Нура",
    "Ак-Кыя",
    "Тош-Булак",
    "Кара-Саз",
    "Ийри-Суу",
    "Орто-Саз",
    "Ак-Булун",
]


def made_up_wall(n_cards: int, n_remarks: int) -> Gallery:
    wall = Gallery(villages=VILLAGES)
    services = list(SERVICE_AREAS)
    for i in range(n_cards):
        wall.add_card(
            f"{i % 6 + 1}-топ",
            VILLAGES[i % len(VILLAGES)],
            services[i % len(services)],
            f"Көйгөй №{i + 1}: таза суу жетишпейт, таштанды чыгарылбайт",
            author=f"Катышуучу {i}",
        )
    for j in range(n_remarks):
        kind = ("agree", "agree", "question", "addition")[j % 4]
        wall.add_remark(j % n_cards + 1, kind, "" if kind == "agree" else f"Пикир {j}")
    return wall


def median_ms(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=80)
    parser.add_argument("--remarks", type=int, default=400)
    args = parser.parse_args()
    os.environ["ALGCA_DATA_DIR"] = tempfile.mkdtemp()

    from toolkit.apps import gallery as wall_app

    frame = wall_app.app()
    body = frame.body
    body.state.replace(made_up_wall(args.cards, args.remarks))
    body.redraw()
    wall = body.state.wall
    body.remark.card.value = 1

    print(f"wall: {len(wall)} cards, {len(wall.remarks())} remarks")
    print(
        f"one remark in the app (change + autosave + redraw): "
        f"{median_ms(lambda: body.remark.buttons[wall_app.RemarkType.AGREE].click()):.0f} ms"
    )
    print(f"undo in the app: {median_ms(lambda: body.undo.click()):.0f} ms")
    print(
        f"filter by village: {median_ms(lambda: setattr(body.filters.village, 'value', VILLAGES[(time.perf_counter_ns() // 7) % 8])):.0f} ms"
    )
    print(
        f"search as you type: {median_ms(lambda: setattr(body.primary, 'value', str(time.perf_counter_ns()))):.0f} ms"
    )
    print(f"cards table: {median_ms(wall.cards):.0f} ms")
    print(f"wall HTML: {median_ms(lambda: wall_app.wall_html(wall)):.0f} ms")
    print(f"autosave (atomic JSON): {median_ms(body.state.save):.0f} ms")
    own = Criterion("ЖӨБ", lambda card: card["service"] != "healthcare")
    plan = Criterion("СЭӨП", {s: i % 2 == 0 for i, s in enumerate(SERVICE_AREAS)}, by="service")
    print(f"screening by 2 criteria: {median_ms(lambda: screen(wall, [own, plan])):.0f} ms")
    print(f"CSV export (cards): {median_ms(lambda: wall.to_csv()):.0f} ms")
    print(f"Excel export: {median_ms(lambda: wall.to_xlsx(), repeat=3):.0f} ms")


if __name__ == "__main__":
    main()
