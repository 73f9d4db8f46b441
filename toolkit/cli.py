"""The ``algca`` command: run a workshop, grade a class.

    algca workshop                 # lessons and apps on this laptop (http://127.0.0.1:8866/)
    algca workshop --lan           # ... reachable by the participants over the room's Wi-Fi
    algca workshop --lang ru       # start page and apps in Russian
    algca grade 00_example --from /media/usb/submissions   # grade a class

>>> main(["--help"])  # doctest: +ELLIPSIS
Traceback (most recent call last):
SystemExit: 0
"""

from __future__ import annotations

import argparse
import sys

from toolkit.errors import ToolkitError
from toolkit.i18n import LANGUAGES, set_language, translator

__all__ = ["main", "parser"]

_ = translator("workshop")


def parser() -> argparse.ArgumentParser:
    """The command line of ``algca``."""
    top = argparse.ArgumentParser(
        prog="algca",
        description="ALGCA training toolkit: run a workshop, grade a class.",
    )
    sub = top.add_subparsers(dest="command", required=True)

    ws = sub.add_parser("workshop", help="serve the lessons and apps to the room")
    ws.add_argument("--lan", action="store_true",
                    help="let other laptops on the local network connect (default: this laptop only)")
    ws.add_argument("--port", type=int, default=8866, help="port of the start page (default 8866)")
    ws.add_argument("--lang", choices=LANGUAGES, default="ky", help="language of the start page and apps")
    ws.add_argument("--no-lab", action="store_true", help="serve only the apps, not the lessons")
    ws.add_argument("--pool", type=int, default=2,
                    help="preheated kernels per app in the workshop language (0: none)")
    ws.add_argument("--max-kernels", type=int, default=None,
                    help="most app kernels at once (default: what the memory holds)")
    ws.add_argument("--cull-after", type=int, default=900,
                    help="seconds after which an app nobody uses is closed (default 900)")
    ws.add_argument("--no-fork", action="store_true",
                    help="start every kernel as a new program (slower; for comparison and debugging)")
    ws.add_argument("--data", default=None, help="workshop data folder (default $ALGCA_DATA_DIR or ~/.algca)")
    ws.add_argument("--apps", default=None, help=argparse.SUPPRESS)  # tests: another apps folder
    ws.add_argument("--render-slots", type=int, default=0, help=argparse.SUPPRESS)  # benchmarks

    gr = sub.add_parser("grade", help="autograde a class's submissions of one assignment")
    gr.add_argument("assignment", help="assignment name, e.g. 00_example")
    gr.add_argument("--from", dest="source", default=None,
                    help="a folder of submissions, or of zip files (USB stick, LAN share)")
    gr.add_argument("--course", default=None, help="the nbgrader course folder (default: exercises/)")
    gr.add_argument("--jobs", type=int, default=None, help="parallel graders (default: the number of cores)")
    gr.add_argument("--timeout", type=int, default=60, help="seconds a notebook may run (default 60)")
    gr.add_argument("--out", default=None, help="where to write grades.csv/.xlsx (default: the course folder)")
    gr.add_argument("--lang", choices=LANGUAGES, default=None, help="language of the messages")
    return top


def _workshop(args) -> int:
    from pathlib import Path

    from toolkit.workshop.server import WorkshopOptions, default_max_kernels, run

    set_language(args.lang)
    options = WorkshopOptions(
        port=args.port,
        lan=args.lan,
        lang=args.lang,
        lab=not args.no_lab,
        pool_size=max(0, args.pool),
        max_kernels=args.max_kernels or default_max_kernels(),
        cull_idle_timeout=args.cull_after,
        data_dir=Path(args.data) if args.data else None,
        fork=not args.no_fork,
    )
    if args.apps:
        options.apps_dir = Path(args.apps)
    options.render_slots = args.render_slots
    return run(options)


def _grade(args) -> int:
    from pathlib import Path

    from toolkit import grading

    if args.lang:
        set_language(args.lang)
    report = grading.grade_class(
        args.assignment,
        source=Path(args.source) if args.source else None,
        course=Path(args.course) if args.course else None,
        jobs=args.jobs,
        timeout=args.timeout,
        out=Path(args.out) if args.out else None,
        progress=True,
    )
    print(grading.summary(report))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run ``algca`` with ``argv`` (default: the command line)."""
    args = parser().parse_args(argv)
    try:
        if args.command == "workshop":
            return _workshop(args)
        return _grade(args)
    except ToolkitError as exc:
        print(f"⚠ {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
