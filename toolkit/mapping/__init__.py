"""Problem mapping: the community map and the problem tree ("Карта түзүү").

Two tools of the first workshop session, as plain data and pure functions:

* the **community map** (:mod:`toolkit.mapping.communitymap`): the villages and
  service points of a municipality and the problems located at them, with who
  reported them; a problem × village matrix; a photographed hand-drawn map
  placed under the schematic by reference points;
* the **problem tree** (:mod:`toolkit.mapping.problemtree`): the core problem,
  its causes and its effects on several levels, checked for circles and loose
  statements, and turned into an **objective tree** by the learner.

Drawing is in :mod:`toolkit.charts.mapping`.

>>> from toolkit import mapping
>>> m = mapping.load_map("chet-nura")
>>> mapping.villages_lacking(m, "drinking-water")
['Ак-Кыя', 'Тош-Булак', 'Кара-Саз']
>>> tree = mapping.problem_tree("Таза суу жетпейт", [("Башкаруу начар", "Таза суу жетпейт")])
>>> mapping.root_causes(tree)
['Башкаруу начар']
"""

from toolkit.mapping.communitymap import (
    CATEGORIES,
    MAX_IMAGE_BYTES,
    MAX_IMAGE_PIXELS,
    PLACE_TYPES,
    CommunityMap,
    add_problem,
    apply_affine,
    category_label,
    community_map,
    count_by_category,
    fit_affine,
    load_image,
    load_map,
    move_place,
    move_problem,
    place_name,
    place_type_label,
    problem_matrix,
    problems_at,
    problems_csv,
    remove_problem,
    villages,
    villages_lacking,
)
from toolkit.mapping.problemtree import (
    NEGATIVE_WORDS,
    ProblemTree,
    add_cause,
    add_effect,
    causes,
    effects,
    levels,
    links_table,
    negative_words,
    objective_problems,
    objective_rules,
    objective_tree,
    problem_tree,
    remove_node,
    root_causes,
    tree_from_factors,
    tree_from_table,
    tree_layout,
    tree_rules,
)

__all__ = [
    "CATEGORIES",
    "MAX_IMAGE_BYTES",
    "MAX_IMAGE_PIXELS",
    "NEGATIVE_WORDS",
    "PLACE_TYPES",
    "CommunityMap",
    "ProblemTree",
    "add_cause",
    "add_effect",
    "add_problem",
    "apply_affine",
    "category_label",
    "causes",
    "community_map",
    "count_by_category",
    "effects",
    "fit_affine",
    "levels",
    "links_table",
    "load_image",
    "load_map",
    "move_place",
    "move_problem",
    "negative_words",
    "objective_problems",
    "objective_rules",
    "objective_tree",
    "place_name",
    "place_type_label",
    "problem_matrix",
    "problem_tree",
    "problems_at",
    "problems_csv",
    "remove_node",
    "remove_problem",
    "root_causes",
    "tree_from_factors",
    "tree_from_table",
    "tree_layout",
    "tree_rules",
    "villages",
    "villages_lacking",
]
