"""ALGCA training toolkit: problem mapping, the problem gallery, priority voting,
tariff calculation and joint action plans, on the case data of Kyrgyz rural
municipalities.

Importing the toolkit is cheap: each method lives in its own module, loaded
the first time it is used (``toolkit.tariff``, ``toolkit.voting`` …), and
plotting and widgets are only imported by the modules that draw.

>>> import toolkit
>>> toolkit.set_language("ru")
>>> toolkit.get_language()
'ru'
>>> toolkit.set_language("ky")
"""

from __future__ import annotations

import importlib

from toolkit.errors import ToolkitError, install_notebook_handler
from toolkit.i18n import LANGUAGES, get_language, set_language

__all__ = ["LANGUAGES", "ToolkitError", "__version__", "get_language", "set_language", "show"]
__version__ = "0.1.0"

_SUBMODULES = {
    "apps",
    "cases",
    "charts",
    "checks",
    "errors",
    "feedback",
    "files",
    "gallery",
    "grading",
    "i18n",
    "kernels",
    "lifetime",
    "mapping",
    "patches",
    "paths",
    "plan",
    "plots",
    "tables",
    "tariff",
    "vocabulary",
    "voting",
    "workshop",
}


def show(table, columns=None):
    """A table to look at in a lesson: headers and ids in the chosen language, data unchanged.

    >>> import pandas as pd
    >>> show(pd.Series({"waste": 3}, name="count")).columns.tolist()
    ['item', 'count']
    """
    from toolkit.tables import show as show_table

    return show_table(table, columns)


def __getattr__(name: str):
    if name in _SUBMODULES:
        return importlib.import_module(f"toolkit.{name}")
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")


install_notebook_handler()
