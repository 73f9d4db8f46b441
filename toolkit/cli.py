"""The ``algca`` command: run a workshop, grade a class.

    algca workshop                 # lessons and apps on this laptop (http://127.0.0.1:8866/)
    algca workshop --lan           # ... reachable by the participants over the room's Wi-Fi
    algca workshop --lang ru       # start page and apps in Russian
    algca grade 00_example --from /media/usb/submissions   # grade a class
    algca print all --lang ky      # the agenda, handouts and blank sheets as PDF

Everything the command writes on the terminal is in the trainer's language:
``--lang`` when given, else ``$ALGCA_LANG``, else Kyrgyz.  That includes the
help and the words that argparse adds itself ("usage:", "options", its error
messages), which come from the ``cli`` catalog like every other message:

>>> set_language("ru")
>>> print(parser().format_usage().strip())
Использование: algca [-h] {workshop,grade,print} ...
>>> set_language("en")
>>> print(parser().format_usage().strip())
usage: algca [-h] {workshop,grade,print} ...
>>> set_language("ky")
>>> main(["--help"])  # doctest: +ELLIPSIS
Traceback (most recent call last):
SystemExit: 0
"""

from __future__ import annotations

import argparse
import errno
import os
import shutil
import socket
import sys
import tempfile
from pathlib import Path

from toolkit.errors import ToolkitError
from toolkit.i18n import ENV_VAR, LANGUAGES, N_, get_language, set_language, translator
from toolkit.patches import argparse_speaking

__all__ = ["MIN_FREE_MB", "check_folder", "check_port", "main", "parser", "prepare_data_folder"]

_ = translator("cli")

_COMMANDS = ("workshop", "grade", "print")

# The words argparse writes itself.  argparse looks each one up, when it needs it, with
# the gettext functions of its own module; while one of our parsers works they point at
# this catalog (toolkit.patches.argparse_speaking).
# Only the texts a trainer can meet with this command are listed (a text argparse
# adds in a later Python version stays English until it is listed here).
_ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("expected one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _(singular if n == 1 else plural)


def _argparse_in_our_language():
    """Let argparse's own words come from the ``cli`` catalog for a while (see
    :func:`toolkit.patches.argparse_speaking`)."""
    return argparse_speaking(_, _ngettext)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose own words ("usage:", "options", errors) are in our language.

    Some are looked up when the parser is made (the headings, the help of ``-h``),
    the rest when the help is written or the command line is read.  The sub-commands'
    parsers are of this class too (argparse makes them of the class of their parent).
    """

    def __init__(self, *args, **kwargs):
        with _argparse_in_our_language():
            super().__init__(*args, **kwargs)

    def parse_known_args(self, args=None, namespace=None):
        with _argparse_in_our_language():
            return super().parse_known_args(args, namespace)

    def parse_args(self, args=None, namespace=None):
        with _argparse_in_our_language():
            return super().parse_args(args, namespace)

    def format_usage(self):
        with _argparse_in_our_language():
            return super().format_usage()

    def format_help(self):
        with _argparse_in_our_language():
            return super().format_help()

    def error(self, message):
        with _argparse_in_our_language():
            super().error(message)


def _whole_number(text: str) -> int:
    """An option's value as a whole number, or a plain message saying it is not one."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("a whole number is expected, not «{value}»").format(value=text)
        ) from None


def _at_least(least: int):
    """An option's type: a whole number of at least ``least``, or a plain message saying what is wrong.

    >>> set_language("en")
    >>> _at_least(1)("0")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: a whole number of at least 1 is expected, not «0»
    """

    def number(text: str) -> int:
        value = _whole_number(text)
        if value < least:
            raise argparse.ArgumentTypeError(
                _("a whole number of at least {least} is expected, not «{value}»").format(
                    least=least, value=text
                )
            )
        return value

    return number


def parser() -> argparse.ArgumentParser:
    """The command line of ``algca``, with its help in the current language."""
    lang = get_language()
    epilog = _("The language of these texts is chosen with {setting}.").format(
        setting=f"{ENV_VAR}={'|'.join(LANGUAGES)}"
    )
    top = _Parser(
        prog="algca",
        description=_("ALGCA training toolkit: run a workshop, grade a class."),
        epilog=epilog,
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="{" + ",".join(_COMMANDS) + "}")
    number, seconds, folder = _("N"), _("SECONDS"), _("FOLDER")

    text = _("serve the lessons and apps to the room")
    ws = sub.add_parser("workshop", help=text, description=text, epilog=epilog)
    ws.add_argument(
        "--lan",
        action="store_true",
        help=_(
            "let the participants' laptops on the room's network (Wi-Fi) connect "
            "(default: this laptop only)"
        ),
    )
    ws.add_argument(
        "--ip",
        default=None,
        metavar=_("ADDRESS"),
        help=_(
            "with --lan: the one address of this laptop on the room's network to listen on "
            "(default: all of them); the laptop itself always uses 127.0.0.1"
        ),
    )
    ws.add_argument(
        "--port",
        type=_whole_number,
        default=8866,
        metavar=_("PORT"),
        help=_("port of the start page (default {port})").format(port=8866),
    )
    ws.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=lang,
        help=_("language of the start page and apps (default {default})").format(default=lang),
    )
    ws.add_argument("--no-lab", action="store_true", help=_("serve only the apps, not the lessons"))
    ws.add_argument(
        "--key-only",
        action="store_true",
        help=_(
            "the room's trainer page opens only with the trainer key printed at start, even "
            "on this laptop (so that the laptop can also be used as a participant)"
        ),
    )
    ws.add_argument(
        "--pool",
        type=_at_least(0),
        default=2,
        metavar=number,
        help=_(
            "copies of each app opened in advance, in the workshop language, so that "
            "a participant gets the page at once (default {n}; 0: none)"
        ).format(n=2),
    )
    ws.add_argument(
        "--max-kernels",
        type=_at_least(1),
        default=None,
        metavar=number,
        help=_(
            "most apps open at once; beyond it a participant sees a “please wait” page "
            "that reloads itself (default: what this laptop's memory holds)"
        ),
    )
    ws.add_argument(
        "--max-lessons",
        type=_at_least(1),
        default=None,
        metavar=number,
        help=_(
            "most participants working in lessons at once, each in a lesson server of their own; "
            "beyond it a participant sees a “please wait” page (default: what this laptop's memory holds)"
        ),
    )
    ws.add_argument(
        "--cull-after",
        type=_at_least(0),
        default=900,
        metavar=seconds,
        help=_("seconds after which an app nobody uses is closed (default {n})").format(n=900),
    )
    ws.add_argument(
        "--no-fork",
        action="store_true",
        help=_("start every app as a new program (slower; for comparison and troubleshooting)"),
    )
    ws.add_argument(
        "--data",
        default=None,
        metavar=folder,
        help=_(
            "folder where the workshop keeps the participants' lessons and its logs "
            "(default {variable}, else {home})"
        ).format(variable="$ALGCA_DATA_DIR", home="~/.algca"),
    )
    ws.add_argument("--apps", default=None, help=argparse.SUPPRESS)  # tests: another apps folder
    # benchmarks: queue cold renders
    ws.add_argument("--render-slots", type=_whole_number, default=0, help=argparse.SUPPRESS)

    text = _("autograde the participants' submissions of one assignment")
    gr = sub.add_parser("grade", help=text, description=text, epilog=epilog)
    gr.add_argument(
        "assignment",
        metavar=_("assignment"),
        help=_("name of the assignment, e.g. {example}").format(example="00_example"),
    )
    gr.add_argument(
        "--from",
        dest="source",
        default=None,
        metavar=folder,
        help=_(
            "folder of the submissions: a folder or a zip file per participant "
            "(default: those already in the course)"
        ),
    )
    gr.add_argument(
        "--course",
        default=None,
        metavar=folder,
        help=_("the nbgrader course folder (default {path})").format(path="exercises/"),
    )
    gr.add_argument(
        "--jobs",
        type=_at_least(1),
        default=None,
        metavar=number,
        help=_("submissions graded at once (default: one per processor core)"),
    )
    gr.add_argument(
        "--timeout",
        type=_at_least(1),
        default=60,
        metavar=seconds,
        help=_("seconds one cell of a notebook may run before it is stopped (default {n})").format(
            n=60
        ),
    )
    gr.add_argument(
        "--out",
        default=None,
        metavar=folder,
        help=_("folder for the grade tables, CSV and XLSX (default: the course folder)"),
    )
    gr.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help=_(
            "language of the messages, the feedback pages and the notes in the grade tables "
            "(default {default})"
        ).format(default=lang),
    )

    text = _("print the agenda, the handouts and the blank sheets of the workshop as PDF")
    pr = sub.add_parser("print", help=text, description=text, epilog=epilog)
    pr.add_argument(
        "what",
        choices=(*_sheets(), "all"),
        metavar=_("WHAT"),
        help=_("what to print: one of {names}, or {all} for every one").format(
            names="{" + ",".join(_sheets()) + "}", all="«all»"
        ),
    )
    pr.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=lang,
        help=_("language of the sheets (default {default})").format(default=lang),
    )
    pr.add_argument(
        "--out",
        default=".",
        metavar=folder,
        help=_("folder to write the PDF files in (default: the current folder)"),
    )
    pr.add_argument(
        "--agenda",
        default=None,
        metavar=_("FILE"),
        help=_("an edited copy of the agenda (default {variable}, else the kit's own)").format(
            variable="$ALGCA_AGENDA"
        ),
    )
    pr.add_argument(
        "--one-day",
        action="store_true",
        help=_("the one-day version of the agenda and handouts (the sessions marked for it)"),
    )
    pr.add_argument(
        "--sessions",
        default=None,
        metavar=_("NAMES"),
        help=_("with {option}: the sessions to keep, by name, separated by commas").format(
            option="--one-day"
        ),
    )
    pr.add_argument(
        "--start",
        default=None,
        metavar=_("HH:MM"),
        help=_("the time the day starts (default: the agenda's)"),
    )
    return top


def _sheets() -> tuple[str, ...]:
    return ("agenda", "handouts", "cards", "tree", "voting", "tariff", "standards", "plan")


def _language_asked(argv: list[str]) -> str | None:
    """The ``--lang`` of a command line, if it names one of our languages (read before parsing)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg.partition("=")[2] in LANGUAGES:
            return arg.partition("=")[2]
    return None


#: Least free space in the data folder for a workshop to start (prepared apps, lessons, logs).
MIN_FREE_MB = 50


def check_port(port: int, ip: str = "127.0.0.1") -> None:
    """Raise a :class:`ToolkitError` saying why the workshop cannot listen on ``port``, if it cannot.

    >>> set_language("en")
    >>> check_port(70000)
    Traceback (most recent call last):
    toolkit.errors.ToolkitError: The port 70000 is outside the range from 1 to 65535. Choose another port, for example --port 8866.
    """
    if not 1 <= port <= 65535:
        raise ToolkitError(
            _(
                "The port {port} is outside the range from 1 to 65535. Choose another port, for example {example}."
            ).format(port=port, example="--port 8866")
        )
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself binds
        try:
            probe.bind((ip, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                message = _(
                    "The port {port} is already in use by another program (perhaps a workshop "
                    "that is still running). Stop that program, or choose another port with {option}."
                )
            elif exc.errno in (errno.EACCES, errno.EPERM):
                message = _(
                    "This computer does not let the workshop use the port {port} (ports below 1024 "
                    "need administrator rights). Choose another port with {option}."
                )
            else:
                message = _(
                    "The port {port} cannot be used ({reason}). Choose another port with {option}."
                )
            raise ToolkitError(
                message.format(port=port, option="--port", reason=exc.strerror)
            ) from None


def prepare_data_folder(folder: Path) -> bool:
    """Make sure the workshop can keep its work in ``folder``; True if the folder had to be created.

    Raises a :class:`ToolkitError` if ``folder`` is a file, cannot be created, is
    read-only, or is on a disk with less than :data:`MIN_FREE_MB` MB free.

    >>> set_language("en")
    >>> with tempfile.NamedTemporaryFile() as file:
    ...     prepare_data_folder(Path(file.name))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    toolkit.errors.ToolkitError: «...» is a file, not a folder. Give the workshop a folder for its work with --data.
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     prepare_data_folder(Path(folder) / "new"), prepare_data_folder(Path(folder) / "new")
    (True, False)
    """
    folder = Path(folder).expanduser()
    option = "--data"
    if folder.exists() and not folder.is_dir():
        raise ToolkitError(
            _(
                "«{path}» is a file, not a folder. Give the workshop a folder for its work "
                "with {option}."
            ).format(path=folder, option=option)
        )
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder) as probe:
            probe.write(b"algca")
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            message = _(
                "The disk of the folder «{path}» is full. Free some space, or choose another "
                "folder with {option}."
            )
        elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            message = _(
                "The workshop may not write in the folder «{path}» (it is read-only). Choose "
                "another folder with {option}."
            )
        else:
            message = _(
                "The workshop cannot use the folder «{path}» ({reason}). Choose another folder "
                "with {option}."
            )
        raise ToolkitError(
            message.format(path=folder, option=option, reason=exc.strerror)
        ) from None
    free = shutil.disk_usage(folder).free // 2**20
    if free < MIN_FREE_MB:
        raise ToolkitError(
            _(
                "The disk of the folder «{path}» is almost full: {free} MB free, the workshop "
                "needs at least {need} MB. Free some space, or choose another folder with "
                "{option}."
            ).format(path=folder, free=free, need=MIN_FREE_MB, option=option)
        )
    return created


def check_folder(path: Path, option: str) -> None:
    """Raise a :class:`ToolkitError` unless ``path`` (given with ``option``) is an existing folder.

    >>> set_language("en")
    >>> check_folder(Path("/no/such/folder"), "--from")
    Traceback (most recent call last):
    toolkit.errors.ToolkitError: The folder «/no/such/folder» (given with --from) does not exist. Check the path.
    """
    if path.is_dir():
        return
    if path.exists():
        message = _("«{path}» (given with {option}) is a file, not a folder. Give a folder.")
    else:
        message = _("The folder «{path}» (given with {option}) does not exist. Check the path.")
    raise ToolkitError(message.format(path=path, option=option))


def _workshop(args) -> int:
    from toolkit.paths import data_dir
    from toolkit.workshop.server import (
        WorkshopOptions,
        default_max_kernels,
        default_max_lessons,
        run,
    )

    set_language(args.lang)
    folder = Path(args.data).expanduser() if args.data else data_dir()
    if prepare_data_folder(folder):
        print(
            _(
                "The folder «{path}» did not exist; it has been created for the workshop's work."
            ).format(path=folder),
            file=sys.stderr,
        )
    check_port(args.port, "0.0.0.0" if args.lan else "127.0.0.1")
    options = WorkshopOptions(
        port=args.port,
        lan=args.lan,
        lan_ip=args.ip,
        lang=args.lang,
        lab=not args.no_lab,
        pool_size=max(0, args.pool),
        max_kernels=args.max_kernels or default_max_kernels(),
        cull_idle_timeout=args.cull_after,
        max_lessons=args.max_lessons or default_max_lessons(),
        data_dir=Path(args.data) if args.data else None,
        fork=not args.no_fork,
        trainer_key_only=args.key_only,
    )
    if args.apps:
        options.apps_dir = Path(args.apps)
    options.render_slots = args.render_slots
    return run(options)


def _grade(args) -> int:
    from toolkit import grading

    if args.lang:
        set_language(args.lang)
    for path, option in ((args.source, "--from"), (args.course, "--course")):
        if path:
            check_folder(Path(path).expanduser(), option)
    if args.out and Path(args.out).exists() and not Path(args.out).is_dir():
        check_folder(Path(args.out), "--out")
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


def _print(args) -> int:
    from toolkit import agenda
    from toolkit.charts import paper

    set_language(args.lang)
    out = Path(args.out).expanduser()
    if out.exists() and not out.is_dir():
        check_folder(out, "--out")
    plan = agenda.load(args.agenda)
    sessions = [s.strip() for s in args.sessions.split(",") if s.strip()] if args.sessions else None
    names = paper.SHEETS if args.what == "all" else (args.what,)
    suffix = "_one_day" if args.one_day or sessions else ""
    for name in names:
        path = paper.write_pdf(
            name,
            out / f"{name}{suffix if name in ('agenda', 'handouts') else ''}_{args.lang}.pdf",
            args.lang,
            agenda=plan,
            one_day=args.one_day,
            sessions=sessions,
            start=args.start,
        )
        print(_("Written: {path}").format(path=path))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run ``algca`` with ``argv`` (default: the command line)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    asked = _language_asked(argv)
    if asked:
        set_language(asked)  # the help and the errors already in the language asked for
    args = parser().parse_args(argv)
    try:
        if args.command == "workshop":
            return _workshop(args)
        if args.command == "print":
            return _print(args)
        return _grade(args)
    except ToolkitError as exc:
        print(f"⚠ {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
