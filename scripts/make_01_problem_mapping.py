"""Write exercises/source/01_problem_mapping/01_problem_mapping.ipynb (problem mapping).

Kept as a script so the nbgrader cell metadata (grade ids, points, locks) is
written correctly; run it again after changing a question:

    .venv/bin/python scripts/make_01_problem_mapping.py
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "exercises" / "source" / "01_problem_mapping" / "01_problem_mapping.ipynb"

# The links of Chet-Nura's clean-water problem tree.  The statements are the strategy's
# (seed 003); which cause leads to which is the lesson's reading (the seed lists them flat).
LINKS = [
    ("Суу түтүктөрү эски", "Таза суу толук кандуу жетпейт"),
    ("Суунун акысы жетишерлик көлөмдө төлөнбөйт", "Таза суу толук кандуу жетпейт"),
    ("Башкаруу начар", "Таза суу толук кандуу жетпейт"),
    ("Жергиликтүү бюджетте суу түтүктөрүн курууга каражат жок", "Суу түтүктөрү эски"),
    ("Жергиликтүү бюджет тартыш", "Жергиликтүү бюджетте суу түтүктөрүн курууга каражат жок"),
    ("Тарифтер иштелип чыккан эмес", "Суунун акысы жетишерлик көлөмдө төлөнбөйт"),
    ("Таза суу толук кандуу жетпейт", "Ичүүчү суу санитардык талапка жооп бербейт"),
    (
        "Ичүүчү суу санитардык талапка жооп бербейт",
        "Оорулардын саны көбөйдү, жугуштуу оорулардын тобокелдиги бир нече эсе өстү",
    ),
    (
        "Таза суу толук кандуу жетпейт",
        "Мамлекеттик жана жергиликтүү бийлик органдарына болгон ишеним жоголду",
    ),
]
PROBLEM = "Ак-Кыя, Тош-Булак, Кара-Саз айылдарында таза суу такыр эле жок"


def meta(grade_id, *, solution=False, grade=False, locked=False, points=0):
    nb = {
        "grade_id": grade_id,
        "solution": solution,
        "grade": grade,
        "locked": locked,
        "schema_version": 3,
    }
    if grade:
        nb["points"] = points
    return {"nbgrader": nb}


def md(grade_id, text):
    return new_markdown_cell(text, metadata=meta(grade_id, locked=True))


def code(grade_id, source):
    return new_code_cell(source, metadata=meta(grade_id, locked=True))


def answer(grade_id, solution):
    return new_code_cell(
        f"### BEGIN SOLUTION\n{solution}\n### END SOLUTION", metadata=meta(grade_id, solution=True)
    )


def test(grade_id, points, visible, hidden):
    src = f"from toolkit import checks\n\n{visible}\n### BEGIN HIDDEN TESTS\n{hidden}\n### END HIDDEN TESTS"
    return new_code_cell(src, metadata=meta(grade_id, grade=True, locked=True, points=points))


links_src = (
    "links = pd.DataFrame(\n    [\n"
    + "".join(f"        ({a!r}, {b!r}),\n" for a, b in LINKS)
    + '    ],\n    columns=["cause", "effect"],\n)\nlinks'
)

cells = [
    md(
        "intro",
        "# 1-көнүгүү: көйгөйлөрдү картага түшүрүү\n"
        "*Упражнение 1: карта проблем и дерево проблем*\n\n"
        "Чет-Нура айыл аймагынын картасы жана таза суу көйгөйүнүн дарагы менен иштейбиз. "
        "Ар бир суроонун астындагы уячага жообуңузду жазып, уячаны иштетиңиз (**Shift+Enter**), "
        "андан кийин текшерүү уячасын иштетиңиз. Текшерүү эмне туура эмес экенин айтат, "
        "бирок туура жоопту айтпайт.\n\n"
        "*Работаем с картой Чет-Нуры и деревом проблемы чистой воды. Пишите ответ в ячейку "
        "под вопросом, выполняйте её, затем ячейку проверки.*\n\n"
        "> Картадагы жерлердин орду схема боюнча (болжолдуу); көйгөйлөрдүн айрымдары окуу үчүн "
        "кошулган, алар `kind` тилкесинде «illustrative» деп белгиленген.\n"
        "> *Положение мест условное; часть проблем добавлена для учёбы (kind = illustrative).*",
    ),
    code(
        "setup",
        "import pandas as pd\n\nimport toolkit\nfrom toolkit import mapping\n\n"
        '# toolkit.set_language("ru")  # на русском\n'
        'chet_nura = mapping.load_map("chet-nura")\n'
        'chet_nura.problems[["place_id", "category", "problem", "lacks_service", "kind"]]',
    ),
    md(
        "q1",
        "## 1-суроо (3 упай)\n"
        'Картага караганда кайсы айылдарда таза суу (`"drinking-water"`) **такыр эле жок**? '
        "Айылдардын аттарын тизме кылып `no_water` өзгөрмөсүнө жазыңыз. "
        "Жардам: `mapping.villages_lacking(...)`.\n\n"
        "*В каких сёлах чистой воды нет совсем? Список — в `no_water`.*",
    ),
    answer("q1_answer", 'no_water = mapping.villages_lacking(chet_nura, "drinking-water")'),
    test(
        "q1_check",
        3,
        'checks.check_answered("no_water", kind="list")',
        'checks.check_items("no_water", ["Ак-Кыя", "Тош-Булак", "Кара-Саз"], points=3)',
    ),
    md(
        "q2",
        "## 2-суроо (5 упай)\n"
        "Ар бир кызмат боюнча картада канча көйгөй бар? Жоопту `counts` өзгөрмөсүнө "
        '`{"кызмат": саны}` сөздүгү (же pandas Series) катары жазыңыз. '
        "Жардам: `mapping.count_by_category(...)`.\n\n"
        "*Сколько проблем по каждой услуге? Словарь или Series — в `counts`.*",
    ),
    answer("q2_answer", "counts = mapping.count_by_category(chet_nura)"),
    test(
        "q2_check",
        5,
        'checks.check_answered("counts")',
        'checks.check_mapping("counts", {"drinking-water": 6, "irrigation": 3, "waste": 2,\n'
        '                                "education": 2, "roads": 1}, points=5)',
    ),
    md(
        "q3",
        "## 3-суроо (3 упай)\n"
        "Төмөнкү таблицада «себеп → кесепет» байланыштары бар (сүйлөмдөр Чет-Нуранын "
        "стратегиясынан алынган). Негизги көйгөйдү таап, `mapping.tree_from_table(links, core=...)` "
        "менен дарак куруп, аны `tree` өзгөрмөсүнө жазыңыз.\n\n"
        "*Найдите главную проблему и постройте дерево из таблицы связей — в `tree`.*",
    ),
    code("links", links_src),
    answer(
        "q3_answer", 'tree = mapping.tree_from_table(links, core="Таза суу толук кандуу жетпейт")'
    ),
    test(
        "q3_check",
        3,
        'checks.check_answered("tree")',
        f'checks.check_rules("tree", mapping.tree_rules("Таза суу толук кандуу жетпейт", '
        f"{len(LINKS)}), points=3)",
    ),
    md(
        "q4",
        "## 4-суроо (3 упай)\n"
        "Түпкү себептер — өзүнүн себеби жок себептер: иш ошолордон башталат. "
        "Дарактын түпкү себептерин `roots` тизмесине жазыңыз. Жардам: `mapping.root_causes(...)`.\n\n"
        "*Коренные причины (у которых нет своих причин) — списком в `roots`.*",
    ),
    answer("q4_answer", "roots = mapping.root_causes(tree)"),
    test(
        "q4_check",
        3,
        'checks.check_answered("roots", kind="list")',
        'checks.check_items("roots", ["Башкаруу начар", "Жергиликтүү бюджет тартыш",\n'
        '                             "Тарифтер иштелип чыккан эмес"], points=3)',
    ),
    md(
        "q5",
        "## 5-суроо (3 упай)\n"
        f"Көйгөйдү максатка айландырыңыз: «{PROBLEM}». Терс сөздөрсүз (жок, эмес, начар, "
        "жетишсиз…), эмнеге жетише турганыбызды айткан оң сүйлөм жазып, аны `objective` "
        "өзгөрмөсүнө жазыңыз. Текшерүү: `mapping.negative_words(objective)` бош тизме болушу керек.\n\n"
        "*Перепишите проблему как цель — положительным предложением, без «нет», «не», «плохо»… — "
        "в `objective`.*",
    ),
    answer(
        "q5_answer",
        'objective = "Ак-Кыя, Тош-Булак, Кара-Саз айылдарынын бардык үйлөрү таза суу '
        'менен камсыз болот"',
    ),
    test(
        "q5_check",
        3,
        'checks.check_answered("objective", kind="text")',
        f'checks.check_rules("objective", mapping.objective_rules({PROBLEM!r}), points=3)',
    ),
    md(
        "q6",
        "## 6-суроо (2 упай)\n"
        "Көйгөй × айыл матрицасын караңыз: `mapping.problem_matrix(chet_nura)`. Кайсы айылда "
        "көйгөй эң көп? Айылдын атын `busiest` өзгөрмөсүнө жазыңыз.\n\n"
        "*В каком селе больше всего проблем? Название — в `busiest`.*",
    ),
    answer("q6_answer", "busiest = mapping.problem_matrix(chet_nura).sum().idxmax()"),
    test(
        "q6_check",
        2,
        'checks.check_answered("busiest", kind="text")',
        'checks.check_choice("busiest", "Орто-Нура", choices=mapping.villages(chet_nura), points=2)',
    ),
]

for cell in cells:
    cell.id = cell.metadata["nbgrader"]["grade_id"].replace("_", "-")
nb = new_notebook(
    cells=cells,
    metadata={
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    },
)
nbformat.validate(nb)
OUT.parent.mkdir(parents=True, exist_ok=True)
nbformat.write(nb, OUT)
print(f"wrote {OUT.relative_to(ROOT)}")
