"""Checks that an exercise's test cells call, with messages in the learner's language.

A check looks up the learner's answer **by name** in the notebook, compares it
with the expected value, awards points (partial credit where it makes sense)
and shows what is wrong *without ever printing the expected answer*.

In a test cell of an nbgrader exercise::

    from toolkit import checks
    checks.check_answered("depreciation", kind="number")       # visible to the learner
    ### BEGIN HIDDEN TESTS
    checks.check_number("depreciation", 315_000, points=2)      # graded
    ### END HIDDEN TESTS

The value of the cell's last line is a :class:`Result`.  Its plain-text form is
the number of points, which is how nbgrader gives partial credit; in the
notebook the learner sees the messages and the points.

Outside a notebook, pass the answers in ``namespace``:

>>> r = check_number("tariff", 13, namespace={"tariff": 12.99})
>>> r.points, r.passed
(1.0, True)
>>> r = check_number("tariff", 13, namespace={"tariff": 1300})
>>> r.points
0.0
>>> print(r.messages[0])
Азырынча туура эмес: жооп керектүүдөн чоң.
>>> r.messages[1]
'Пайыз менен үлүштү (65 жана 0,65) же бирдиктерди (сом жана миң сом) текшериңиз.'
>>> check_items("villages", ["Ак-Кыя", "Таш-Булак"], namespace={"villages": ["Ак-Кыя"]}).points
0.5
>>> check_number("tariff", 13, namespace={}).messages
['«tariff» деген жооп али жок: жогорудагы уячаны толтуруп, аны иштетиңиз.']
"""

from __future__ import annotations

import html
import math
import numbers
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from toolkit.i18n import format_number, translator

__all__ = [
    "Result",
    "check_answered",
    "check_choice",
    "check_items",
    "check_mapping",
    "check_number",
    "check_rules",
    "check_table",
    "combine",
]

_ = translator("checks")
_MISSING = object()


@dataclass
class Result:
    """Points won by one answer, out of ``max_points``, with the messages the learner sees.

    ``passed`` says whether the answer met the check.  By default it is
    whether every point was earned; a check worth no points (the form check
    of :func:`check_answered`) says so itself, so that a wrong form is never
    shown as a success:

    >>> Result(2, 2).passed, Result(1, 2).passed, Result(0, 0).passed
    (True, False, False)
    >>> Result(0, 0, ["The answer has the right form."], passed=True).passed
    True
    """

    points: float
    max_points: float
    messages: list[str] = field(default_factory=list)
    passed: bool | None = None

    def __post_init__(self) -> None:
        if self.passed is None:
            self.passed = self.max_points > 0 and self.points >= self.max_points

    def __repr__(self) -> str:  # nbgrader reads the plain text as the partial grade
        return format(round(self.points, 4), "g")

    def _repr_html_(self) -> str:
        colour, icon = _look(self)
        if self.max_points:
            text = _("Points: {points} of {max_points}").format(
                points=format_number(self.points, 0 if float(self.points).is_integer() else 1),
                max_points=format_number(
                    self.max_points, 0 if float(self.max_points).is_integer() else 1
                ),
            )
        elif self.passed:
            text = _("The answer has the right form.")
        else:
            text = _("Not graded yet: first give the answer the right form.")
        return (
            f'<div class="algca-check" style="border-left:6px solid {colour};padding:6px 12px;'
            f'font-size:1.1em"><b><span style="color:{colour}">{icon}</span> {html.escape(text)}</b></div>'
        )


#: how a result looks: green ✔ (passed), orange ◐ (some points), red ✘ (failed)
_LOOKS = {"passed": ("#009e73", "✔"), "partly": ("#e69f00", "◐"), "failed": ("#d55e00", "✘")}


def _look(result: Result) -> tuple[str, str]:
    """The colour and the symbol a result is shown with.

    >>> _look(Result(1, 2))
    ('#e69f00', '◐')
    >>> _look(Result(0, 0, passed=False))
    ('#d55e00', '✘')
    """
    if result.passed:
        return _LOOKS["passed"]
    return _LOOKS["partly"] if result.points > 0 else _LOOKS["failed"]


def _lookup(name: str, namespace: Mapping | None):
    if namespace is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - IPython comes with Jupyter
            shell = None
        else:
            shell = get_ipython()
        namespace = shell.user_ns if shell is not None else {}
    return namespace.get(name, _MISSING)


def _show(result: Result) -> Result:
    """Display the messages in a notebook (no-op elsewhere) and return the result."""
    try:
        from IPython import get_ipython
        from IPython.display import HTML, display
    except ImportError:  # pragma: no cover
        return result
    if get_ipython() is None or not result.messages:
        return result
    colour, icon = _look(result)
    items = "".join(f"<li>{html.escape(m)}</li>" for m in result.messages)
    display(
        HTML(
            f'<div class="algca-check-messages" style="font-size:1.1em">'
            f'<span style="color:{colour}">{icon}</span><ul>{items}</ul></div>'
        )
    )
    return result


def _checked(name: str, points: float, namespace, compare: Callable) -> Result:
    """Run ``compare(value) -> (fraction, messages)`` safely on the learner's answer."""
    value = _lookup(name, namespace)
    if value is _MISSING or value is Ellipsis:
        msg = _("There is no answer «{name}» yet: fill in the cell above and run it.").format(
            name=name
        )
        return _show(Result(0.0, points, [msg], passed=False))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            fraction, messages = compare(value)
        except Exception:  # a learner's odd value must never crash the grading cell
            fraction, messages = (
                0.0,
                [_("This answer could not be checked: look at its form again.")],
            )
    fraction = min(1.0, max(0.0, float(fraction)))
    if fraction >= 1.0 and not messages:
        messages = [_("Correct!")]
    return _show(Result(round(fraction * points, 4), points, messages, passed=fraction >= 1.0))


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


def check_number(
    name: str,
    expected: float,
    *,
    points: float = 1,
    rel_tol: float = 0.01,
    abs_tol: float = 0.0,
    close: tuple[float, float] | None = None,
    namespace: Mapping | None = None,
) -> Result:
    """Check a number within a tolerance (1% by default).

    ``close=(0.10, 0.5)`` gives half the points to an answer within 10%.
    The messages say whether the answer is too high or too low and hint at
    the usual slips (percent vs. share, month vs. year, som vs. thousand som).

    >>> check_number("x", 100, close=(0.1, 0.5), namespace={"x": 95}).points
    0.5
    >>> check_number("x", 100, namespace={"x": "сто"}).messages
    ['Жооп сан болушу керек.']
    """

    def compare(value):
        if not _is_number(value):
            return 0.0, [_("The answer should be a number.")]
        if math.isclose(value, expected, rel_tol=rel_tol, abs_tol=abs_tol):
            return 1.0, []
        messages = [
            _("Not right yet: the answer is higher than it should be.")
            if value > expected
            else _("Not right yet: the answer is lower than it should be.")
        ]
        fraction = 0.0
        if close and math.isclose(value, expected, rel_tol=close[0]):
            fraction = close[1]
            messages = [_("Close, but not exact: check the rounding and each step.")]
        elif expected and value:
            ratio = abs(value / expected)
            if (value < 0) != (expected < 0):
                messages.append(_("Check the sign of the answer."))
            elif any(math.isclose(ratio, f, rel_tol=0.02) for f in (100, 0.01, 1000, 0.001)):
                messages.append(
                    _(
                        "Check percent against share (65 and {share}) or the units (som and thousand som)."
                    ).format(share=format_number(0.65, 2))
                )
            elif any(math.isclose(ratio, f, rel_tol=0.02) for f in (12, 1 / 12)):
                messages.append(_("Check the period: per month or per year?"))
        return fraction, messages

    return _checked(name, points, namespace, compare)


def check_choice(
    name: str,
    expected,
    *,
    choices: Iterable | None = None,
    points: float = 1,
    namespace: Mapping | None = None,
) -> Result:
    """Check one choice among a few (a verdict, a method, a village).

    >>> check_choice("verdict", "affordable", choices=["affordable", "not affordable"],
    ...              namespace={"verdict": "maybe"}).messages
    ['Жооп булардын бири болушу керек: affordable, not affordable.']
    """
    options = list(choices) if choices is not None else None

    def compare(value):
        if options is not None and value not in options:
            return 0.0, [
                _("The answer should be one of: {choices}.").format(
                    choices=", ".join(map(str, options))
                )
            ]
        return (1.0, []) if value == expected else (0.0, [_("Not right yet: think again.")])

    return _checked(name, points, namespace, compare)


def _as_list(value) -> list:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError
    if hasattr(value, "tolist"):
        return list(value.tolist())
    return list(value)


def check_items(
    name: str,
    expected: Iterable,
    *,
    ordered: bool = False,
    points: float = 1,
    namespace: Mapping | None = None,
) -> Result:
    """Check a list of items: as a set (each right item earns its share, each
    wrong one costs a share) or, with ``ordered=True``, position by position.

    Wrong items the learner wrote are named; missing ones never are.

    >>> r = check_items("v", ["a", "b", "c"], namespace={"v": ["a", "x"]})
    >>> r.points
    0.0
    >>> r.messages
    ['Туура: 1 / 3.', 'Бул жерге кирбейт: «x».']
    >>> check_items("v", ["a", "b", "c"], ordered=True, namespace={"v": ["a", "c", "b"]}).points
    0.3333
    """
    want = list(expected)

    def compare(value):
        try:
            got = _as_list(value)
        except TypeError:
            return 0.0, [_('The answer should be a list, e.g. ["A", "B"].')]
        if ordered:
            right = sum(1 for g, w in zip(got, want, strict=False) if g == w)
            messages = (
                []
                if got == want
                else [
                    _("In the right place: {right} of {total}.").format(
                        right=right, total=len(want)
                    )
                ]
            )
            if len(got) != len(want):
                messages.append(_("The list has a different number of items than expected."))
            return (1.0 if got == want else right / len(want)), messages
        wrong = [g for g in dict.fromkeys(got) if g not in want]
        right = sum(1 for w in want if w in got)
        if not wrong and right == len(want):
            return 1.0, []
        messages = [_("Right: {right} of {total}.").format(right=right, total=len(want))]
        if wrong:
            messages.append(
                _("Does not belong here: {items}.").format(items=", ".join(f"«{w}»" for w in wrong))
            )
        return (right - len(wrong)) / len(want), messages

    return _checked(name, points, namespace, compare)


def check_mapping(
    name: str,
    expected: Mapping,
    *,
    rel_tol: float = 1e-6,
    points: float = 1,
    namespace: Mapping | None = None,
) -> Result:
    """Check a dictionary (or a pandas Series) key by key; each right key earns its share.

    Keys the learner left out are counted, never named (they may be the answer).

    >>> r = check_mapping("counts", {"water": 3, "waste": 2}, namespace={"counts": {"water": 3, "waste": 1}})
    >>> r.points, r.messages
    (0.5, ['«waste»: керектүүдөн аз.'])
    >>> check_mapping("counts", {"water": 3, "waste": 2}, namespace={"counts": {"water": 3}}).messages
    ['Жоопто жетишпеген аталыштар: 1.']
    >>> check_mapping("counts", {"water": 3}, namespace={"counts": {}}).messages
    ['Жооп бош: ар бир аталышты анын мааниси менен кошо жазыңыз.']
    """

    def compare(value):
        got = dict(value.items()) if hasattr(value, "items") else None
        if got is None:
            return 0.0, [_("The answer should be a table of names and values (a dictionary).")]
        if not got:
            return 0.0, [_("The answer is empty: write each name with its value.")]
        right, messages, absent = 0, [], 0
        for key, want in expected.items():
            have = got.get(key, _MISSING)
            if have is _MISSING:
                absent += 1  # never named: the names themselves may be the answer
            elif _is_number(want) and _is_number(have):
                if math.isclose(have, want, rel_tol=rel_tol, abs_tol=1e-9):
                    right += 1
                else:
                    messages.append(
                        (
                            _("«{key}»: more than it should be.")
                            if have > want
                            else _("«{key}»: less than it should be.")
                        ).format(key=key)
                    )
            elif have == want:
                right += 1
            else:
                messages.append(_("«{key}»: not right yet.").format(key=key))
        if absent:
            messages.append(_("Names missing from the answer: {n}.").format(n=absent))
        extra = [k for k in got if k not in expected]
        if extra:
            messages.append(
                _("Does not belong here: {items}.").format(items=", ".join(f"«{k}»" for k in extra))
            )
        return (right - len(extra)) / len(expected), messages

    return _checked(name, points, namespace, compare)


def check_table(
    name: str,
    expected,
    *,
    key: str,
    columns: Iterable[str] | None = None,
    rel_tol: float = 1e-6,
    points: float = 1,
    namespace: Mapping | None = None,
) -> Result:
    """Check a pandas table row by row (matched on ``key``); each right row earns its share.

    >>> import pandas as pd
    >>> want = pd.DataFrame({"id": ["1.1", "1.2"], "deadline": ["June", "July"]})
    >>> got = pd.DataFrame({"id": ["1.1", "1.2"], "deadline": ["June", "May"]})
    >>> r = check_table("t", want, key="id", namespace={"t": got})
    >>> r.points, r.messages
    (0.5, ['«deadline» тилкесинде туура эмес маанилер: 1.'])
    """
    cols = list(columns) if columns is not None else [c for c in expected.columns if c != key]

    def compare(value):
        if not hasattr(value, "columns"):
            return 0.0, [_("The answer should be a table (a pandas DataFrame).")]
        missing = [c for c in [key, *cols] if c not in value.columns]
        if missing:
            return 0.0, [
                _("The table has no column {columns}.").format(
                    columns=", ".join(f"«{c}»" for c in missing)
                )
            ]
        got = value.drop_duplicates(subset=[key]).set_index(key)
        want = expected.set_index(key)
        right_rows, wrong_by_col, messages = 0, dict.fromkeys(cols, 0), []
        for k, row in want.iterrows():
            if k not in got.index:
                continue
            ok = True
            for c in cols:
                a, b = got.at[k, c], row[c]
                same = (
                    math.isclose(a, b, rel_tol=rel_tol, abs_tol=1e-9)
                    if _is_number(a) and _is_number(b)
                    else a == b
                )
                if not same:
                    ok = False
                    wrong_by_col[c] += 1
            right_rows += ok
        absent = sum(1 for k in want.index if k not in got.index)
        extra = sum(1 for k in got.index if k not in want.index)
        if absent:
            messages.append(_("Rows missing from the table: {n}.").format(n=absent))
        if extra:
            messages.append(_("Rows that do not belong in the table: {n}.").format(n=extra))
        for c, n in wrong_by_col.items():
            if n:
                messages.append(_("Wrong values in column «{column}»: {n}.").format(column=c, n=n))
        return (right_rows - extra) / len(want), messages

    return _checked(name, points, namespace, compare)


def check_rules(
    name: str,
    rules: Iterable[tuple[Callable, str]],
    *,
    points: float = 1,
    namespace: Mapping | None = None,
) -> Result:
    """Check an answer against rules, each ``(test, message_if_broken)`` worth an equal share.

    Use it for free text (an objective rewritten from a problem) or any answer
    with several independent properties. The messages should already be
    translated by the caller.

    >>> rules = [(lambda s: len(s) > 10, "Too short."), (lambda s: "жок" not in s, "Still negative.")]
    >>> r = check_rules("goal", rules, namespace={"goal": "Суу жок"})
    >>> r.points, r.messages
    (0.0, ['Too short.', 'Still negative.'])
    """
    rules = list(rules)

    def compare(value):
        broken = [message for test, message in rules if not test(value)]
        return (len(rules) - len(broken)) / len(rules), broken

    return _checked(name, points, namespace, compare)


def check_answered(
    name: str, *, kind: str = "any", namespace: Mapping | None = None
) -> Result | None:
    """A visible check worth no points: is there an answer, and of the right kind?

    ``kind`` is ``"number"``, ``"text"``, ``"list"``, ``"table"`` or ``"any"``.
    It shows its message and returns ``None`` when the answer has the right
    form (so nbgrader's *Validate* does not count the cell as failed before
    the hidden tests are back), and a zero :class:`Result` when it has not.

    >>> check_answered("x", kind="number", namespace={"x": 5}) is None
    True
    >>> check_answered("x", kind="number", namespace={"x": "five"}).messages
    ['Жооп сан болушу керек.']
    """
    tests = {
        "number": (_is_number, _("The answer should be a number.")),
        "text": (lambda v: isinstance(v, str) and v.strip() != "", _("The answer should be text.")),
        "list": (
            lambda v: not isinstance(v, (str, bytes, Mapping)) and isinstance(v, Iterable),
            _('The answer should be a list, e.g. ["A", "B"].'),
        ),
        "table": (
            lambda v: hasattr(v, "columns"),
            _("The answer should be a table (a pandas DataFrame)."),
        ),
        "any": (lambda v: True, ""),
    }
    test, message = tests[kind]

    def compare(value):
        if test(value):
            return 1.0, [_("The answer has the right form. It will be checked when graded.")]
        return 0.0, [message]

    value = _lookup(name, namespace)
    result = _checked(name, 0, namespace, compare)
    try:
        ok = value is not _MISSING and value is not Ellipsis and bool(test(value))
    except Exception:
        ok = False
    return None if ok else result


def combine(*results: Result) -> Result:
    """Add up several checks in one test cell (the total is the cell's grade).

    >>> combine(Result(1, 1), Result(0.5, 2)).points
    1.5
    """
    return Result(
        sum(r.points for r in results),
        sum(r.max_points for r in results),
        [m for r in results for m in r.messages],
        passed=all(r.passed for r in results),
    )
