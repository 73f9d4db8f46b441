"""Write exercises/source/00_example/00_example.ipynb (the course's smallest assignment).

Kept as a script so the nbgrader cell metadata (grade ids, points, locks) is
written correctly; run it again after changing a question.
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent


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


def answer(grade_id, solution):
    return new_code_cell(
        f"### BEGIN SOLUTION\n{solution}\n### END SOLUTION", metadata=meta(grade_id, solution=True)
    )


def test(grade_id, points, visible, hidden):
    src = f"{visible}\n### BEGIN HIDDEN TESTS\n{hidden}\n### END HIDDEN TESTS"
    return new_code_cell(src, metadata=meta(grade_id, grade=True, locked=True, points=points))


def written(grade_id, points, model_answer):
    """A written answer the trainer grades by hand (nbgrader's manually graded answer cell).

    The instructor version holds a model answer; the released notebook gets the answer stub.
    """
    return new_markdown_cell(
        model_answer, metadata=meta(grade_id, solution=True, grade=True, points=points)
    )


cells = [
    md(
        "intro",
        "# 0-көнүгүү: курска кириш\n"
        "*Упражнение 0: знакомство с курсом*\n\n"
        "Ар бир суроонун астындагы уячага жообуңузду жазып, уячаны иштетиңиз (**Shift+Enter**). "
        "Андан кийин текшерүү уячасын иштетиңиз: ал эмне туура эмес экенин айтат, бирок туура "
        "жоопту айтпайт.\n\n"
        "*Впишите ответ в ячейку под вопросом и выполните её (Shift+Enter), затем выполните "
        "ячейку проверки.*",
    ),
    new_code_cell(
        'import toolkit\n\n# toolkit.set_language("ru")  # на русском',
        metadata=meta("setup", locked=True),
    ),
    md(
        "q1",
        "## 1-суроо (3 упай)\n"
        "Чет-Нура айыл аймагынын кайсы айылдарында таза суу такыр эле жок? "
        "Айылдардын аттарын тизме кылып `villages_without_water` өзгөрмөсүнө жазыңыз, мисалы: "
        '`villages_without_water = ["...", "..."]`.\n\n'
        "*В каких сёлах Чет-Нуры совсем нет чистой воды? Запишите список в `villages_without_water`.*",
    ),
    answer("q1_answer", 'villages_without_water = ["Ак-Кыя", "Тош-Булак", "Кара-Саз"]'),
    test(
        "q1_check",
        3,
        'from toolkit import checks\n\nchecks.check_answered("villages_without_water", kind="list")',
        'checks.check_items("villages_without_water", ["Ак-Кыя", "Тош-Булак", "Кара-Саз"], points=3)',
    ),
    md(
        "q2",
        "## 2-суроо (2 упай)\n"
        "Теплоключенкада жугушсуздандыруучу ваннанын тарифи мал башына 13 сом. "
        "18 000 кой-эчкиге бир жолу ваннадан өткөрүү канча сом түшүрөт? "
        "Жоопту `bath_revenue` өзгөрмөсүнө жазыңыз.\n\n"
        "*Тариф ванны — 13 сомов с головы. Сколько сомов даст одна обработка 18 000 овец и коз? "
        "Ответ — в `bath_revenue`.*",
    ),
    answer("q2_answer", "bath_revenue = 13 * 18_000"),
    test(
        "q2_check",
        2,
        'checks.check_answered("bath_revenue", kind="number")',
        'checks.check_number("bath_revenue", 234_000, points=2)',
    ),
    md(
        "q3",
        "## 3-суроо (1 упай)\n"
        "Чет-Нурада добуштардын саны боюнча биринчи орунга кайсы кызмат чыккан? "
        '`"таза суу"`, `"таштанды"` же `"сугат суу"` деп `first_priority` өзгөрмөсүнө жазыңыз.\n\n'
        "*Какая услуга заняла первое место по числу голосов? Запишите в `first_priority`.*",
    ),
    answer("q3_answer", 'first_priority = "таза суу"'),
    test(
        "q3_check",
        1,
        'checks.check_answered("first_priority", kind="text")',
        'checks.check_choice("first_priority", "таза суу",\n'
        '                    choices=["таза суу", "таштанды", "сугат суу"], points=1)',
    ),
    md(
        "q4",
        "## 4-суроо (2 упай): сиздин чечимиңиз\n"
        "Ар бир айыл аймагы баарын бир убакта жакшырта албайт. Мисалы, Теплоключенка "
        "жугушсуздандыруучу ваннаны, таштанды ташууну жана айыл ичиндеги жолдорду оңдоону тандаган "
        "(булак: 000), Баткендеги муниципалитеттер "
        "мектепке чейинки билим берүүнү, сугат сууну, спортту тандашкан (булак: 001).\n\n"
        "**Өзүңүздүн айыл аймагыңызда кайсы кызмат көрсөтүүнү биринчи жакшыртмаксыз жана эмне үчүн?** "
        "Астындагы уячага 3–5 сүйлөм жазыңыз:\n"
        "1. кайсы кызмат көрсөтүү;\n"
        "2. ким жабыркайт: канча айыл же үй чарба, эмне болуп жатат (болжолдуу сан болсо да);\n"
        "3. эмне үчүн башка кызматтардан мурун: аны жок дегенде бир башка кызмат менен салыштырыңыз.\n\n"
        "Бул жоопту тренер окуп баалайт, автоматтык текшерүү жок.\n\n"
        "*Какую услугу в своём айылном аймаке вы улучшили бы первой и почему? 3–5 предложений: "
        "услуга; кто страдает (сколько сёл или домохозяйств, что происходит); почему раньше других "
        "(сравните хотя бы с одной услугой). Оценивает тренер.*",
    ),
    written(
        "q4_decision",
        2,
        "Биринчи таза сууну жакшыртмакмын. Үч айылда (Ак-Кыя, Тош-Булак, Кара-Саз) таза суу "
        "такыр эле жок, башка айылдарда ичүүчү суу санитардык талапка жооп бербейт, андан ичеги "
        "жана боор оорулары көбөйүүдө. Суу ар бир үй чарбага күн сайын керек, ал эми сугат суу "
        "жайында гана керек. Таза суу ЖӨБдүн компетенциясында жана СЭӨПтө бар, ошондуктан "
        "айыл өкмөтү аны өзү уюштура алат.",
    ),
]

nb = new_notebook(
    cells=cells,
    metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    },
)
out = ROOT / "exercises" / "source" / "00_example" / "00_example.ipynb"
out.parent.mkdir(parents=True, exist_ok=True)
for cell in nb.cells:  # stable cell ids: the file changes only where a question does
    cell.id = cell.metadata["nbgrader"]["grade_id"].replace("_", "-")
nbformat.validate(nb)
nbformat.write(nb, out)
print(out.relative_to(ROOT))
