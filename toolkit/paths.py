"""Where the workshop keeps its work: one folder, shared by the server, the apps and the CLI.

The folder is ``$ALGCA_DATA_DIR`` when set (``algca workshop --data`` sets it for the
server and every kernel it starts), else ``~/.algca``.  The apps keep their sessions
under ``state/``, the workshop its prepared apps and the participants' lessons under
``workshop/``, and calm errors leave their tracebacks in ``errors.log``.

(The case data's folder is another one: :func:`toolkit.cases.data_dir`.)

>>> import os
>>> os.environ[DATA_DIR_VAR] = "/tmp/algca-doctest"
>>> str(data_dir())
'/tmp/algca-doctest'
>>> del os.environ[DATA_DIR_VAR]
>>> data_dir().name
'.algca'
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DATA_DIR_VAR", "data_dir"]

#: The environment variable naming the folder where the workshop and the apps keep their work.
DATA_DIR_VAR = "ALGCA_DATA_DIR"


def data_dir() -> Path:
    """The folder where the workshop keeps its work: ``$ALGCA_DATA_DIR``, else ``~/.algca``."""
    folder = os.environ.get(DATA_DIR_VAR)
    return Path(folder).expanduser() if folder else Path.home() / ".algca"
