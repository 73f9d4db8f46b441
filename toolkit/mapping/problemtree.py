"""The problem tree: a core problem, the causes below it and the effects above it.

In a workshop the group writes the core problem in the middle of a sheet,
its causes underneath (the roots: *why does it happen?*) and its effects on
top (the branches: *what does it lead to?*).  Here the tree is a list of
``cause → effect`` links.  Chet-Nura's strategy gives one for clean water:

>>> tree = problem_tree("Таза суу жетпейт", [
...     ("Суу түтүктөрү эски", "Таза суу жетпейт"),
...     ("Жергиликтүү бюджет тартыш", "Суу түтүктөрү эски"),
...     ("Таза суу жетпейт", "Оорулар көбөйдү"),
... ])
>>> causes(tree)
['Суу түтүктөрү эски', 'Жергиликтүү бюджет тартыш']
>>> effects(tree)
['Оорулар көбөйдү']
>>> root_causes(tree)
['Жергиликтүү бюджет тартыш']
>>> levels(tree)["Жергиликтүү бюджет тартыш"]
-2

The objective tree has the same shape, with every statement rewritten as a
positive one by the learner:

>>> goals = objective_tree(tree, {
...     "Таза суу жетпейт": "Ар бир үй таза суу менен камсыз болот",
...     "Суу түтүктөрү эски": "Суу түтүктөрү жаңыланат",
...     "Жергиликтүү бюджет тартыш": "Суу түтүгүнө каражат бөлүнөт",
...     "Оорулар көбөйдү": "Оорулар азаят",
... })
>>> goals.label(goals.core)
'Ар бир үй таза суу менен камсыз болот'
>>> goals.edges == tree.edges
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from toolkit.errors import ToolkitError
from toolkit.i18n import translator

__all__ = [
    "NEGATIVE_WORDS",
    "ProblemTree",
    "add_cause",
    "add_effect",
    "causes",
    "effects",
    "levels",
    "links_table",
    "negative_words",
    "objective_problems",
    "objective_rules",
    "objective_tree",
    "problem_tree",
    "remove_node",
    "root_causes",
    "tree_from_factors",
    "tree_from_table",
    "tree_layout",
    "tree_rules",
]

_ = translator("mapping")


@dataclass(frozen=True)
class ProblemTree:
    """A checked tree: ``core`` (the node in the middle), ``labels`` (node → text shown)
    and ``edges`` (``(cause, effect)`` pairs).

    Make one with :func:`problem_tree` or :func:`tree_from_table`; they check
    that every node is connected to the core and that no chain of causes goes
    round in a circle.  ``kind`` is ``"problem"`` or ``"objective"``.
    """

    core: str
    labels: Mapping[str, str]
    edges: tuple[tuple[str, str], ...]
    kind: str = "problem"

    @property
    def nodes(self) -> list[str]:
        """Every node, the core first."""
        return list(self.labels)

    def label(self, node: str) -> str:
        """The text shown for a node."""
        return self.labels[node]

    def __len__(self) -> int:
        return len(self.labels)


def _clean(text) -> str:
    if text is None or (isinstance(text, float) and text != text):
        text = ""
    text = " ".join(str(text).split())
    if not text:
        raise ToolkitError(_("A statement of the tree is empty: write what it says."))
    return text


def _find_cycle(edges: Iterable[tuple[str, str]]) -> list[str] | None:
    graph: dict[str, list[str]] = {}
    for a, b in edges:
        graph.setdefault(a, []).append(b)
    state: dict[str, int] = {}
    for start in list(graph):
        if state.get(start):
            continue
        stack = [(start, iter(graph.get(start, ())))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            for child in children:
                if state.get(child) == 1:
                    return path[path.index(child) :] + [child]
                if not state.get(child):
                    state[child] = 1
                    path.append(child)
                    stack.append((child, iter(graph.get(child, ()))))
                    break
            else:
                state[node] = 2
                stack.pop()
                path.pop()
    return None


def problem_tree(
    core: str,
    links: Iterable[tuple[str, str]],
    labels: Mapping[str, str] | None = None,
    *,
    kind: str = "problem",
) -> ProblemTree:
    """Build and check a problem tree from ``(cause, effect)`` links.

    A node is named by its text unless ``labels`` maps short ids to texts.
    Raises :class:`~toolkit.errors.ToolkitError` naming the node when a link
    uses a node not in ``labels``, when the links go round in a circle, or
    when a node is not connected to the core problem.

    >>> problem_tree("A", [("B", "A"), ("A", "B")])
    Traceback (most recent call last):
    ...
    toolkit.errors.ToolkitError: Себептер тегеректеп кайра өзүнө келет: B → A → B. Бир байланышты өчүрүңүз.
    >>> problem_tree("A", [("B", "A"), ("C", "D")])
    Traceback (most recent call last):
    ...
    toolkit.errors.ToolkitError: «C» негизги көйгөйгө байланышкан эмес: аны бир себепке же кесепетке туташтырыңыз.
    """
    core = _clean(core)
    edges: list[tuple[str, str]] = []
    for cause, effect in links:
        pair = (_clean(cause), _clean(effect))
        if pair[0] == pair[1]:
            raise ToolkitError(
                _("«{node}» is linked to itself. A cause must lead to another statement.").format(
                    node=pair[0]
                )
            )
        if pair not in edges:
            edges.append(pair)
    if labels is not None:
        labels = {_clean(k): _clean(v) for k, v in labels.items()}
        for node in [core, *(n for e in edges for n in e)]:
            if node not in labels:
                raise ToolkitError(
                    _(
                        "There is no statement «{node}» in the tree. Known statements: {known}."
                    ).format(node=node, known=", ".join(labels))
                )
    else:
        labels = {core: core}
        for a, b in edges:
            labels.setdefault(a, a)
            labels.setdefault(b, b)
    cycle = _find_cycle(edges)
    if cycle:
        raise ToolkitError(
            _("The causes go round in a circle: {path}. Remove one link.").format(
                path=" → ".join(labels.get(n, n) for n in cycle)
            )
        )
    tree = ProblemTree(core, dict(labels), tuple(edges), kind)
    linked = {core, *causes(tree), *effects(tree)}
    for node in labels:
        if node not in linked:
            raise ToolkitError(
                _(
                    "«{node}» is not connected to the core problem: link it to a cause or an effect."
                ).format(node=labels[node])
            )
    # the core first, then the nodes in the order they were written
    ordered = {core: labels[core], **{n: labels[n] for n in labels if n != core}}
    return ProblemTree(core, ordered, tuple(edges), kind)


def tree_from_table(
    table, core: str, *, cause: str = "cause", effect: str = "effect", file: str | None = None
) -> ProblemTree:
    """A problem tree from a table with one ``cause → effect`` link per row.

    >>> import pandas as pd
    >>> links = pd.DataFrame({"cause": ["Түтүк эски", "Таза суу жетпейт"],
    ...                       "effect": ["Таза суу жетпейт", "Оорулар көбөйдү"]})
    >>> tree_from_table(links, core="Таза суу жетпейт").nodes
    ['Таза суу жетпейт', 'Түтүк эски', 'Оорулар көбөйдү']
    """
    for column in (cause, effect):
        if column not in getattr(table, "columns", ()):
            raise ToolkitError(
                _("The table of links needs a column «{column}».").format(column=column),
                file=file,
            )
    links = []
    for i, (a, b) in enumerate(zip(table[cause], table[effect], strict=True)):
        try:
            links.append((_clean(a), _clean(b)))
        except ToolkitError as err:
            raise ToolkitError(err.message, file=file, row=i + 2) from None
    return problem_tree(core, links)


def tree_from_factors(factors, core: str, *, text: str = "text") -> ProblemTree:
    """A first, one-level tree from a flat list of causes and effects (the strategy's table):
    every cause points at the core problem, the core problem at every effect.

    The group then regroups the causes into levels (:func:`problem_tree` with more links).
    A factor with the same text as ``core`` becomes the core itself.

    >>> import pandas as pd
    >>> factors = pd.DataFrame({"factor_type": ["cause", "cause", "effect"],
    ...                         "text": ["Түтүк эски", "Суу жетпейт", "Оорулар көбөйдү"]})
    >>> t = tree_from_factors(factors, core="Суу жетпейт")
    >>> causes(t), effects(t)
    (['Түтүк эски'], ['Оорулар көбөйдү'])
    """
    for column in ("factor_type", text):
        if column not in getattr(factors, "columns", ()):
            raise ToolkitError(
                _("The table of links needs a column «{column}».").format(column=column)
            )
    core = _clean(core)
    links = []
    for kind, statement in zip(factors["factor_type"], factors[text], strict=True):
        statement = _clean(statement)
        if statement == core:
            continue
        links.append((statement, core) if kind == "cause" else (core, statement))
    return problem_tree(core, links)


def _parents(tree: ProblemTree) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    into: dict[str, list[str]] = {n: [] for n in tree.labels}
    out: dict[str, list[str]] = {n: [] for n in tree.labels}
    for a, b in tree.edges:
        out.setdefault(a, []).append(b)
        into.setdefault(b, []).append(a)
    return into, out


def _walk(start: str, graph: Mapping[str, list[str]]) -> list[str]:
    seen, order, queue = {start}, [], [start]
    while queue:
        node = queue.pop(0)
        for nxt in graph.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                order.append(nxt)
                queue.append(nxt)
    return order


def causes(tree: ProblemTree) -> list[str]:
    """Every cause of the core problem, nearest first (direct causes, then their causes)."""
    return _walk(tree.core, _parents(tree)[0])


def effects(tree: ProblemTree) -> list[str]:
    """Every effect of the core problem, nearest first."""
    return _walk(tree.core, _parents(tree)[1])


def root_causes(tree: ProblemTree) -> list[str]:
    """The causes that have no cause of their own: where work has to start."""
    into = _parents(tree)[0]
    return [n for n in causes(tree) if not into[n]]


def levels(tree: ProblemTree) -> dict[str, int]:
    """The level of each node: 0 the core, −1, −2 … the causes, 1, 2 … the effects.

    A node reached along several chains gets its longest distance, so that
    every arrow points upwards.
    """
    into, out = _parents(tree)
    level = {tree.core: 0}
    cause_set, effect_set = set(causes(tree)), set(effects(tree))

    def depth(node, graph, memo, members):
        if node == tree.core:
            return 0
        if node not in memo:
            memo[node] = 1 + max(
                depth(n, graph, memo, members) for n in graph[node] if n in members | {tree.core}
            )
        return memo[node]

    below: dict[str, int] = {}
    above: dict[str, int] = {}
    for node in tree.labels:
        if node in cause_set:
            level[node] = -depth(node, out, below, cause_set)
        elif node in effect_set:
            level[node] = depth(node, into, above, effect_set)
    return level


def tree_layout(tree: ProblemTree) -> dict[str, tuple[float, float]]:
    """Positions ``(x, y)`` for drawing: ``y`` is the level, and ``x`` places the
    leaves side by side with each node centred over the nodes that hang from it.

    >>> t = problem_tree("P", [("a", "P"), ("b", "P"), ("P", "e")])
    >>> pos = tree_layout(t)
    >>> pos["P"], pos["a"], pos["b"], pos["e"]
    ((0.0, 0), (-0.5, -1), (0.5, -1), (0.0, 1))
    """
    into, out = _parents(tree)
    level = levels(tree)
    pos: dict[str, tuple[float, float]] = {tree.core: (0.0, 0)}
    for step in (-1, 1):
        # a spanning tree: each node hangs from the first neighbour one level nearer the core
        children: dict[str, list[str]] = {n: [] for n in tree.labels}
        members = [n for n in tree.labels if n != tree.core and (level[n] < 0) == (step < 0)]
        for node in members:
            towards_core = out[node] if step < 0 else into[node]
            parent = next(p for p in towards_core if level[p] == level[node] - step)
            children[parent].append(node)
        xs: dict[str, float] = {}
        cursor = [0.0]

        def place(node, children=children, xs=xs, cursor=cursor):
            kids = children[node]
            if not kids:
                xs[node] = cursor[0]
                cursor[0] += 1
            else:
                for kid in kids:
                    place(kid)
                xs[node] = (xs[kids[0]] + xs[kids[-1]]) / 2

        top = children[tree.core]
        for kid in top:
            place(kid)
        if not top:
            continue
        shift = (xs[top[0]] + xs[top[-1]]) / 2
        for node, x in xs.items():
            pos[node] = (x - shift, level[node])
    return pos


def links_table(tree: ProblemTree):
    """The tree as a table: one row per link, with the texts and the side (cause/effect)."""
    import pandas as pd

    level = levels(tree)
    rows = [
        {
            "cause": tree.label(a),
            "effect": tree.label(b),
            "side": "cause" if level[a] < 0 else "effect",
        }
        for a, b in tree.edges
    ]
    return pd.DataFrame(rows, columns=["cause", "effect", "side"])


def _known(tree: ProblemTree, node: str) -> str:
    if node in tree.labels:
        return node
    for key, text in tree.labels.items():
        if text == node:
            return key
    raise ToolkitError(
        _("There is no statement «{node}» in the tree. Known statements: {known}.").format(
            node=node, known=", ".join(tree.labels.values())
        )
    )


def add_cause(tree: ProblemTree, text: str, of: str | None = None) -> ProblemTree:
    """A new tree with one more cause, of the core problem or of the statement ``of``.

    >>> t = add_cause(problem_tree("P", []), "Башкаруу начар")
    >>> causes(t)
    ['Башкаруу начар']
    """
    text = _clean(text)
    target = _known(tree, of) if of else tree.core
    if text in tree.labels:
        raise ToolkitError(_("«{node}» is already in the tree.").format(node=text))
    return problem_tree(
        tree.core, [*tree.edges, (text, target)], {**tree.labels, text: text}, kind=tree.kind
    )


def add_effect(tree: ProblemTree, text: str, of: str | None = None) -> ProblemTree:
    """A new tree with one more effect, of the core problem or of the statement ``of``."""
    text = _clean(text)
    source = _known(tree, of) if of else tree.core
    if text in tree.labels:
        raise ToolkitError(_("«{node}» is already in the tree.").format(node=text))
    return problem_tree(
        tree.core, [*tree.edges, (source, text)], {**tree.labels, text: text}, kind=tree.kind
    )


def remove_node(tree: ProblemTree, node: str) -> ProblemTree:
    """A new tree without a statement and without what hung only from it."""
    node = _known(tree, node)
    if node == tree.core:
        raise ToolkitError(_("The core problem cannot be removed; start a new tree instead."))
    edges = [e for e in tree.edges if node not in e]
    labels = {n: t for n, t in tree.labels.items() if n != node}
    probe = ProblemTree(tree.core, labels, tuple(edges), tree.kind)
    keep = {tree.core, *causes(probe), *effects(probe)}
    return problem_tree(
        tree.core,
        [e for e in edges if e[0] in keep and e[1] in keep],
        {n: t for n, t in labels.items() if n in keep},
        kind=tree.kind,
    )


# --- objectives -------------------------------------------------------------------------

#: Words that make a statement negative, by language.  A stem ending in ``*``
#: matches any ending (``жетишсиз*`` matches «жетишсиздиги»).
NEGATIVE_WORDS = {
    "ky": [
        "жок*",
        "эмес",
        "начар*",
        "жетишсиз*",
        "тартыш*",
        "жараксыз*",
        "сапатсыз*",
        "кайдыгер*",
        "жоголду",
        "кыйынчылык*",
        "бузул*",
    ],
    "ru": [
        "не",
        "нет",
        "ни",
        "без",
        "плох*",
        "недостат*",
        "нехват*",
        "отсутств*",
        "слаб*",
        "изнош*",
    ],
    "en": [
        "no",
        "not",
        "none",
        "never",
        "without",
        "lack*",
        "poor*",
        "bad",
        "badly",
        "weak*",
        "insufficient*",
        "unpaid",
    ],
}
# Kyrgyz verbs say "not" with a suffix: төлөнбөйт, жетпейт, бербейт, болбойт …
_KY_NEGATIVE_VERB = re.compile(
    r"^\w{2,}(?:[бпм][аеоө]йт|[бпм](?:аган|еген|огон|өгөн)|[бпм][аеоө]с)$"
)
_KY_NOT_NEGATIVE = {"көбөйт", "көбөйөт", "жаңыланат"}
_WORD = re.compile(r"[\w’'-]+")


def negative_words(text: str) -> list[str]:
    """The words that make a statement negative (Kyrgyz, Russian or English).

    >>> negative_words("Суу түтүктөрү эски, акысы төлөнбөйт")
    ['төлөнбөйт']
    >>> negative_words("Ар бир үй таза суу менен камсыз болот")
    []
    >>> negative_words("Нет тарифа, управление плохое")
    ['нет', 'плохое']
    """
    found = []
    for word in _WORD.findall(str(text).lower()):
        for stems in NEGATIVE_WORDS.values():
            if any(word == s or (s.endswith("*") and word.startswith(s[:-1])) for s in stems):
                found.append(word)
                break
        else:
            if word.endswith("n't") or (
                _KY_NEGATIVE_VERB.match(word) and word not in _KY_NOT_NEGATIVE
            ):
                found.append(word)
    return found


def _same(a: str, b: str) -> bool:
    def norm(s):
        return " ".join(_WORD.findall(str(s).lower()))

    return norm(a) == norm(b)


def objective_problems(problem: str, objective) -> list[str]:
    """What is wrong with an objective written from a problem (empty when it is fine).

    >>> objective_problems("Таза суу жок", "Таза суу жок")
    ['Максат көйгөйдү кайталабашы керек: аны оң сүйлөм кылып жазыңыз.', 'Максатта дагы эле терс сөздөр бар: «жок».']
    >>> objective_problems("Таза суу жок", "Бардык айылдар таза суу менен камсыз болот")
    []
    """
    if not isinstance(objective, str) or not objective.strip():
        return [_("Write the objective as a sentence (text in quotes).")]
    messages = []
    if _same(problem, objective):
        messages.append(
            _("The objective must not repeat the problem: write it as a positive sentence.")
        )
    bad = negative_words(objective)
    if bad:
        messages.append(
            _("The objective still has negative words: {words}.").format(
                words=", ".join(f"«{w}»" for w in dict.fromkeys(bad))
            )
        )
    return messages


def objective_rules(problem: str) -> list[tuple]:
    """Rules for :func:`toolkit.checks.check_rules`: an objective rewritten from ``problem``
    is text, is not the problem again, and has no negative words.

    >>> from toolkit import checks
    >>> r = checks.check_rules("goal", objective_rules("Башкаруу начар"),
    ...                        namespace={"goal": "Башкаруу начар эмес"})
    >>> r.points
    0.6667
    """
    return [
        (
            lambda v: isinstance(v, str) and len(v.split()) >= 2,
            _("Write the objective as a sentence (text in quotes)."),
        ),
        (
            lambda v: isinstance(v, str) and not _same(problem, v),
            _("The objective must not repeat the problem: write it as a positive sentence."),
        ),
        (
            lambda v: isinstance(v, str) and not negative_words(v),
            _("The objective still has negative words. Say what will be achieved."),
        ),
    ]


def tree_rules(core: str, links: int) -> list[tuple]:
    """Rules for :func:`toolkit.checks.check_rules`: the answer is a problem tree, its core
    is ``core``, and it uses all ``links`` links of the table.  The messages never name
    the right core problem.

    >>> from toolkit import checks
    >>> t = problem_tree("A", [("B", "A")])
    >>> checks.check_rules("t", tree_rules("A", 2), namespace={"t": t}).points
    0.6667
    """
    return [
        (
            lambda v: isinstance(v, ProblemTree),
            _("The answer should be a problem tree built from the table of links."),
        ),
        (
            lambda v: isinstance(v, ProblemTree) and v.core == core,
            _(
                "The core problem is not the right one: it is the statement with both causes "
                "and effects."
            ),
        ),
        (
            lambda v: isinstance(v, ProblemTree) and len(v.edges) == links,
            _("The tree does not use every link of the table."),
        ),
    ]


def objective_tree(
    tree: ProblemTree, rewrites: Mapping[str, str], *, strict: bool = True
) -> ProblemTree:
    """The objective tree: the same shape, each statement replaced by its positive rewrite.

    ``rewrites`` maps a statement (its id or its text) to the learner's positive
    sentence.  Every statement needs one.  With ``strict=True`` a rewrite that
    still repeats the problem or keeps a negative word is refused, naming it.

    >>> t = problem_tree("Таза суу жок", [])
    >>> objective_tree(t, {"Таза суу жок": "Таза суу жок эмес"})
    Traceback (most recent call last):
    ...
    toolkit.errors.ToolkitError: «Таза суу жок эмес»: Максатта дагы эле терс сөздөр бар: «жок», «эмес».
    """
    by_node = {}
    for key, text in rewrites.items():
        by_node[_known(tree, key)] = text
    labels = {}
    for node, text in tree.labels.items():
        if node not in by_node:
            raise ToolkitError(_("Write an objective for «{node}».").format(node=text))
        goal = by_node[node]
        issues = objective_problems(text, goal)
        if strict and issues:
            raise ToolkitError(f"«{goal}»: " + " ".join(issues) if goal else issues[0])
        labels[node] = " ".join(str(goal).split())
    return replace(tree, labels=labels, kind="objective")
