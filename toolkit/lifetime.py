"""Nothing the workshop starts outlives it.

The workshop starts other processes: the fork server of the app kernels and
the kernels it forks, kernels started the usual way, the lessons' server.  If
the workshop dies without tidying up (``kill -9``, the terminal closed, a
crash), those processes would live on as orphans: holding their ports, their
memory, and the lessons' server still answering on the network.

On Linux each such process asks the kernel, as it starts, to be sent
``SIGTERM`` when its parent dies (``prctl(PR_SET_PDEATHSIG)``), so it ends with
the workshop whatever way the workshop ends; a child whose parent died before
it could ask ends at once.  Elsewhere (macOS, Windows) there is no such
signal; the workshop then stops its children itself on Ctrl+C, ``SIGTERM`` and
``SIGHUP`` (:func:`stop_on_signals`), which covers all but ``kill -9``.

>>> die_with_parent() == sys.platform.startswith("linux")
True
>>> callable(preexec(os.getpid()))
True
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
from collections.abc import Callable

__all__ = ["PR_SET_PDEATHSIG", "die_with_parent", "preexec", "stop_on_signals"]

#: The ``prctl`` option that sets the signal sent to a process when its parent dies (linux/prctl.h).
PR_SET_PDEATHSIG = 1

_LIBC = None


def die_with_parent(signum: int = signal.SIGTERM) -> bool:
    """Ask Linux to send ``signum`` to this process when its parent ends.

    Returns whether it was arranged (False on other systems).  The signal comes
    when the *thread* that started this process ends: start children from the
    main thread.
    """
    libc = _libc()
    return libc is not None and libc.prctl(PR_SET_PDEATHSIG, int(signum), 0, 0, 0) == 0


def _libc():
    """The C library, loaded once (a ``preexec_fn`` runs between fork and exec: it must not import)."""
    global _LIBC
    if _LIBC is None and sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            _LIBC = ctypes.CDLL(None, use_errno=True)
            _LIBC.prctl  # noqa: B018 - fails here, not in the child, if there is none
    return _LIBC


def preexec(parent: int) -> Callable[[], None]:
    """A ``preexec_fn`` for ``subprocess.Popen`` from the process ``parent``: the child dies with it.

    If ``parent`` is already gone when the child gets there, the child ends at
    once (it would never get the signal).
    """

    _libc()

    def arrange() -> None:
        if die_with_parent() and os.getppid() != parent:
            os._exit(1)

    return arrange


def stop_on_signals(stop: Callable[[], None], signals=("SIGTERM", "SIGHUP")) -> None:
    """Call ``stop`` (from the main thread's loop) when the process gets one of ``signals``.

    ``SIGHUP`` comes when the trainer closes the terminal the workshop runs in;
    ``SIGTERM`` when the system or another program asks it to end.  Ctrl+C
    (``SIGINT``) already ends the server's loop.
    """

    def handler(_signum, _frame):
        stop()

    for name in signals:
        with contextlib.suppress(AttributeError, ValueError, OSError):  # not on this system
            signal.signal(getattr(signal, name), handler)
