"""The one error type a user of the toolkit ever sees.

Everything the toolkit rejects — a file in the wrong layout, a negative cost,
an empty ballot — raises :class:`ToolkitError` with a message already
translated into the user's language that names *what* is wrong and *where*
(file, row, column) and says what was expected.

>>> err = ToolkitError("Сумма терс болбошу керек.", file="costs.csv", row=3, column="amount")
>>> err.where
{'file': 'costs.csv', 'row': 3, 'column': 'amount'}
>>> str(err)
'Сумма терс болбошу керек. (costs.csv, 3-сап, «amount» тилкеси)'

In a notebook, importing :mod:`toolkit` replaces the traceback of a
``ToolkitError`` with the message alone, in a calm box (see
:func:`install_notebook_handler`).
"""

from __future__ import annotations

import html
import sys
from collections.abc import Callable

__all__ = ["ToolkitError", "install_notebook_handler", "use_translator"]

# The few words of its own an error shows ("row {row}", "column «{column}»", "Please check":
# catalog ``core``).  This module is the bottom of the toolkit and imports nothing of it;
# toolkit.i18n, which loads with the toolkit, gives it the ``core`` translator.
_: Callable[[str], str] = str


def use_translator(translate: Callable[[str], str]) -> None:
    """Translate the words of every error's place with ``translate`` (``toolkit.i18n`` calls it)."""
    global _
    _ = translate


class ToolkitError(ValueError):
    """A problem with the user's input, explained in the user's language.

    ``file``, ``row`` and ``column`` say where the problem is; ``row`` counts
    the way a person counts rows in a spreadsheet (the header is row 1).
    """

    def __init__(self, message: str, *, file=None, row=None, column=None):
        self.message = message
        self.where = {
            k: v for k, v in {"file": file, "row": row, "column": column}.items() if v is not None
        }
        super().__init__(self.__str__())

    def __str__(self) -> str:
        parts = []
        if "file" in self.where:
            parts.append(str(self.where["file"]))
        if "row" in self.where:
            parts.append(_("row {row}").format(row=self.where["row"]))
        if "column" in self.where:
            parts.append(_("column «{column}»").format(column=self.where["column"]))
        return f"{self.message} ({', '.join(parts)})" if parts else self.message

    def _repr_html_(self) -> str:
        return _box(str(self))


def _box(text: str) -> str:
    return (
        '<div class="algca-error" style="border-left:6px solid #d55e00;background:#fff4ec;padding:10px 14px;'
        'font-size:1.15em;border-radius:4px">'
        f"<b>⚠ {html.escape(_('Please check'))}</b><br>{html.escape(text)}</div>"
    )


def _show_calmly(shell, etype, value, tb, tb_offset=None):
    from IPython.display import HTML, display

    display(HTML(_box(str(value))))
    return None


def install_notebook_handler() -> bool:
    """In IPython/Jupyter, show a ``ToolkitError`` as a message box instead of a traceback.

    Returns whether a notebook shell was found. Outside IPython it does nothing.

    >>> install_notebook_handler()
    False
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython else None
    if shell is None:
        return False
    shell.set_custom_exc((ToolkitError,), _show_calmly)
    return True
