"""Write exercises/source/00_example/00_example.ipynb (the course's smallest assignment).

Kept as a script so the nbgrader cell metadata (grade ids, points, locks) is
written correctly; run it again after changing a question.
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent


def meta(grade_id, *, solution=False, grade=False, locked=False, points=0):
    nb = {"grade_id": grade_id, "solution": solution, "grade": grade, "locked": locked,
          "schema_version": 3}
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


cells = [
    md("intro", "# 0-көнүгүү: курска кириш\n"
       "*Упражнение 0: знакомство с курсом*\n\n"
       "Ар бир суроонун астындагы уячага жообуңузду жазып, уячаны иштетиңиз (**Shift+Enter**). "
       "Андан кийин текшерүү уячасын иштетиңиз: ал эмне туура эмес экенин айтат, бирок туура "
       "жоопту айтпайт.\n\n"
       "*Впишите ответ в ячейку под вопросом и выполните её (Shift+Enter), затем выполните "
       "ячейку проверки.*"),
    new_code_cell("import toolkit\n\n# toolkit.set_language(\"ru\")  # на русском",
                  metadata=meta("setup", locked=True)),
    md("q1", "## 1-суроо (3 упай)\n"
       "Чет-Нура айыл аймагынын кайсы айылдарында таза суу такыр эле жок? "
       "Айылдардын аттарын тизме кылып `villages_without_water` өзгөрмөсүнө жазыңыз, мисалы: "
       "`villages_without_water = [\"...\", \"...\"]`.\n\n"
       "*В каких сёлах Чет-Нуры совсем нет чистой воды? Запишите список в `villages_without_water`.*"),
    answer("q1_answer", 'villages_without_water = ["Ак-Кыя", "Тош-Булак", "Кара-Саз"]'),
    test("q1_check", 3,
         'from toolkit import checks\n\nchecks.check_answered("villages_without_water", kind="list")',
         'checks.check_items("villages_without_water", ["Ак-Кыя", "Тош-Булак", "Кара-Саз"], points=3)'),
    md("q2", "## 2-суроо (2 упай)\n"
       "Теплоключенкада жугушсуздандыруучу ваннанын тарифи мал башына 13 сом. "
       "18 000 кой-эчкиге бир жолу ваннадан өткөрүү канча сом түшүрөт? "
       "Жоопту `bath_revenue` өзгөрмөсүнө жазыңыз.\n\n"
       "*Тариф ванны — 13 сомов с головы. Сколько сомов даст одна обработка 18 000 овец и коз? "
       "Ответ — в `bath_revenue`.*"),
    answer("q2_answer", "bath_revenue = 13 * 18_000"),
    test("q2_check", 2,
         'checks.check_answered("bath_revenue", kind="number")',
         'checks.check_number("bath_revenue", 234_000, points=2)'),
    md("q3", "## 3-суроо (1 упай)\n"
       "Чет-Нурада добуштардын саны боюнча биринчи орунга кайсы кызмат чыккан? "
       "`\"таза суу\"`, `\"таштанды\"` же `\"сугат суу\"` деп `first_priority` өзгөрмөсүнө жазыңыз.\n\n"
       "*Какая услуга заняла первое место по числу голосов? Запишите в `first_priority`.*"),
    answer("q3_answer", 'first_priority = "таза суу"'),
    test("q3_check", 1,
         'checks.check_answered("first_priority", kind="text")',
         'checks.check_choice("first_priority", "таза суу",\n'
         '                    choices=["таза суу", "таштанды", "сугат суу"], points=1)'),
]

nb = new_notebook(cells=cells, metadata={
    "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
    "language_info": {"name": "python"},
})
out = ROOT / "exercises" / "source" / "00_example" / "00_example.ipynb"
out.parent.mkdir(parents=True, exist_ok=True)
nbformat.write(nb, out)
print(out.relative_to(ROOT))
