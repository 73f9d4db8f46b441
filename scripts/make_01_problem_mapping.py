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
# Question 5's problem is not question 1's: its words (the three villages) would give that answer away.
PROBLEM = "Ак-Булун айылындагы ички суу каналы жараксыз абалда"


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


def written(grade_id, points, model_answer):
    """A written answer the trainer grades by hand (nbgrader's manually graded answer cell).

    The instructor version holds a model answer; the released notebook gets the answer stub.
    """
    return new_markdown_cell(
        model_answer, metadata=meta(grade_id, solution=True, grade=True, points=points)
    )


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
        "Айылдардын аттарын тизме кылып `no_water` өзгөрмөсүнө жазыңыз.\n\n"
        "Жардам: жогорудагы таблицада ар бир көйгөйдүн кызматы (`category`) жана кызмат такыр "
        "жокпу (`lacks_service`: `True`) деген тилкелер бар. Экөө тең туура келген саптарды "
        "табыңыз; `place_id` көйгөй кайсы жерде экенин айтат, ал эми ар бир жер кайсы айылда "
        "экени `chet_nura.places` таблицасынын `village_id` тилкесинде.\n\n"
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
        '`{"кызмат": саны}` сөздүгү (же pandas Series) катары жазыңыз.\n\n'
        "Жардам: жогорудагы таблицада бир сап — бир көйгөй. `category` тилкесинде ар бир "
        "кызмат канча жолу кездешерин санаңыз.\n\n"
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
        "стратегиясынан алынган). Негизги көйгөйдү таап, сабактын 4-бөлүгүндөгүдөй ушул "
        "таблицадан дарак куруп, аны `tree` өзгөрмөсүнө жазыңыз.\n\n"
        "Жардам: негизги көйгөй — дарактын ортосу: анын астында себептер, үстүндө кесепеттер. "
        "Ар бир сүйлөм `effect` (кесепет) тилкесинде канча жолу жана `cause` (себеп) тилкесинде "
        "канча жолу турганын салыштырыңыз: негизги көйгөйгө эң көп себеп келет, ал өзү да "
        "кесепеттердин себеби.\n\n"
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
        "Дарактын түпкү себептерин `roots` тизмесине жазыңыз.\n\n"
        "Жардам: `links` таблицасында түпкү себеп `cause` тилкесинде бар, бирок `effect` "
        "тилкесинде жок: аны эч нерсе пайда кылбайт.\n\n"
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
        "өзгөрмөсүнө жазыңыз.\n\n"
        "Жардам: максат — көйгөй чечилгенден кийинки абал: ким үчүн, кайсы жерде, эмне болорун "
        "айтыңыз. Көйгөйдөгү айылды жана кызматты сактаңыз, терс сөздөрдү оң сөз менен "
        "алмаштырыңыз.\n\n"
        "*Перепишите проблему как цель — положительным предложением, без «нет», «не», «плохо»… — "
        "в `objective`.*",
    ),
    answer(
        "q5_answer",
        'objective = "Ак-Булун айылындагы ички суу каналы оңдолуп, дыйкандар сугат сууну '
        'өз убагында алышат"',
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
        "Кайсы айылда көйгөй эң көп? Айылдын атын `busiest` өзгөрмөсүнө жазыңыз.\n\n"
        "Жардам: сабактын 2-бөлүгүндөгү «көйгөй × айыл» таблицасын эске салыңыз: ар бир тилке — "
        "бир айыл. Көйгөй айылдын өзүндө эмес, анын мектебинде же каналында болсо да ошол айылга "
        "кирет (`chet_nura.places` таблицасынын `village_id` тилкеси). Ар бир айылдын "
        "көйгөйлөрүн кошуп, эң чоңун табыңыз.\n\n"
        "*В каком селе больше всего проблем? Название — в `busiest`.*",
    ),
    answer("q6_answer", "busiest = mapping.problem_matrix(chet_nura).sum().idxmax()"),
    test(
        "q6_check",
        2,
        'checks.check_answered("busiest", kind="text")',
        'checks.check_choice("busiest", "Орто-Нура", choices=mapping.villages(chet_nura), points=2)',
    ),
    md(
        "q7",
        "## 7-суроо (3 упай): кайсы түпкү себептен баштайсыз?\n"
        "4-суроодо дарактын түпкү себептерин таптыңыз. Айыл өкмөтү бир жылда алардын бирөөнө "
        "гана күч жумшай алат дейли. **Кайсы түпкү себептен баштайсыз жана эмне үчүн?** "
        "Астындагы уячага 3–5 сүйлөм жазыңыз:\n"
        "1. тандаган түпкү себебиңиз;\n"
        "2. ал дарак боюнча кайсы көйгөйлөргө алып барат: себептен кесепетке чейинки жолду "
        "`links` таблицасынан көрсөтүңүз;\n"
        "3. айыл өкмөтү биринчи эмне кылат (ким, качан) жана эмне үчүн бул себеп башкаларынан "
        "мурун.\n\n"
        "Бул жоопту тренер окуп баалайт, автоматтык текшерүү жок.\n\n"
        "*С какой коренной причины вы начали бы и почему? 3–5 предложений: причина; цепочка "
        "до последствий по таблице `links`; первый шаг айыл окмоту (кто, когда) и почему эта "
        "причина раньше других. Оценивает тренер.*",
    ),
    written(
        "q7_decision",
        3,
        "Тарифтер иштелип чыккан эмес деген себептен баштайм. Дарак боюнча: тариф жок → суунун "
        "акысы жетишерлик көлөмдө төлөнбөйт → таза суу толук кандуу жетпейт → ичүүчү суу "
        "санитардык талапка жооп бербейт → оорулар көбөйөт, бийликке ишеним жоголот. "
        "Бюджеттин тартыштыгын айыл өкмөтү бир жылда чече албайт, ал эми тарифти өзү чече алат: "
        "жумушчу комиссия тарифти иштеп чыгат, коомдук угууда макулдашат, Монополияга каршы "
        "агенттикке жиберет, айылдык кеңеш бекитет (Чет-Нуранын таза суу планындагы 3.2 жана "
        "4.1–4.3-иштер). Туура тариф түтүктөрдү оңдоого да каражат берет.",
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
