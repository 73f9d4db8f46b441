"""Write exercises/source/04_tariff/04_tariff.ipynb (the tariff assignment).

Kept as a script so the nbgrader cell metadata (grade ids, points, locks) is
written correctly; run it again after changing a question:

    python scripts/make_tariff_exercise.py
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "exercises" / "source" / "04_tariff" / "04_tariff.ipynb"


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
        "# 4-көнүгүү: кызмат көрсөтүүнүн тарифин эсептөө\n"
        "*Упражнение 4: расчёт тарифа услуги*\n\n"
        "Теплоключенкадагы «Тазалык» муниципалдык ишканасы таштандыны ташып чыгарат. Тариф — "
        "ар бир үй чарбасынан 50 сом, 2021-жылы калктын 65%ы толук жана өз убагында төлөйт, "
        "ишкана 3,5 миллион сомго таштанды ташуучу унаа сатып алган (булак: 000). Төмөнкү "
        "чыгым саптары жана үй чарбаларынын саны **мисал катары гана** берилген: булакта алар жок.\n\n"
        "Ар бир суроонун астындагы уячага жообуңузду жазып, уячаны иштетиңиз (**Shift+Enter**), "
        "андан кийин текшерүү уячасын иштетиңиз. Текшерүү эмне туура эмес экенин айтат, бирок "
        "туура жоопту айтпайт.\n\n"
        "*Муниципальное предприятие «Тазалык» вывозит мусор: тариф 50 сомов с домохозяйства, 65% "
        "платят полностью и вовремя, куплен мусоровоз за 3,5 млн сомов. Статьи затрат и число "
        "домохозяйств ниже — условные (в источнике их нет).*",
    ),
    new_code_cell(
        "import toolkit\n"
        "from toolkit import tariff\n\n"
        '# toolkit.set_language("ru")  # на русском\n\n'
        "# Мисал катары гана берилген маалыматтар (условные данные), сом\n"
        "truck_price = 3_500_000      # таштанды ташуучу унаанын баасы (булак: 000)\n"
        "truck_life = 7               # кызмат мөөнөтү, жыл\n"
        "truck_salvage = 350_000      # 7 жылдан кийинки калдык нарк\n"
        "wages = 450_000              # эмгек акы, жылына\n"
        "fuel = 180_000               # күйүүчү май, жылына\n"
        "repairs = 60_000             # оңдоо, жылына\n"
        "overheads = 60_000           # кошумча чыгымдар, жылына\n"
        "margin = 0.10                # рентабелдүүлүк: 10%\n"
        "households = 2_200           # үй чарбаларынын саны\n"
        "collection_rate = 0.65       # 65% төлөйт (булак: 000)\n"
        "household_income = 9_000     # аз камсыз болгон үй чарбасынын айлык кирешеси\n"
        "water_bill = 70.59           # ошол үй чарбасынын айлык суу төлөмү\n"
        "threshold = 0.03             # төлөй алуунун чеги: кирешенин 3%",
        metadata=meta("setup", locked=True),
    ),
    md(
        "q1",
        "## 1-суроо (2 упай): унаанын амортизациясы\n"
        "Таштанды ташуучу унаа жылына канча сомго эскирет? Түз сызыктуу ыкма: "
        "(баасы − калдык нарк) ÷ кызмат мөөнөтү. Жоопту `truck_depreciation` өзгөрмөсүнө жазыңыз "
        "(жылына сом).\n\n"
        "*Годовая амортизация мусоровоза линейным способом → `truck_depreciation`.*",
    ),
    answer("q1_answer", "truck_depreciation = (truck_price - truck_salvage) / truck_life"),
    test(
        "q1_check",
        2,
        'from toolkit import checks\n\nchecks.check_answered("truck_depreciation", kind="number")',
        'checks.check_number("truck_depreciation", 450_000, points=2, close=(0.12, 0.5))',
    ),
    md(
        "q2",
        "## 2-суроо (2 упай): жылдык керектүү киреше\n"
        "Бардык чыгымдарды (эмгек акы, күйүүчү май, оңдоо, кошумча чыгымдар жана унаанын "
        "амортизациясы) кошуп, 10% рентабелдүүлүктү кошуңуз. Жоопту `required_revenue` "
        "өзгөрмөсүнө жазыңыз (жылына сом).\n\n"
        "*Необходимый годовой доход: все затраты плюс 10% рентабельности → `required_revenue`.*",
    ),
    answer(
        "q2_answer",
        "cost = wages + fuel + repairs + overheads + truck_depreciation\n"
        "required_revenue = cost * (1 + margin)",
    ),
    test(
        "q2_check",
        2,
        'checks.check_answered("required_revenue", kind="number")',
        'checks.check_number("required_revenue", 1_320_000, points=2, close=(0.10, 0.5))',
    ),
    md(
        "q3",
        "## 3-суроо (2 упай): бир үй чарбасына айлык тариф\n"
        "Баары төлөсө, бир үй чарбасы айына канча төлөшү керек? Жоопту `tariff_per_household` "
        "өзгөрмөсүнө жазыңыз (айына сом).\n\n"
        "Жардам: жылдык керектүү киреше бир жылдагы бардык төлөмдөрдөн чогулат. Бир жылда "
        "канча төлөм болот: үй чарбаларынын саны × бир жылдагы айлар.\n\n"
        "*Тариф с домохозяйства в месяц при полной оплате → `tariff_per_household`.*",
    ),
    answer(
        "q3_answer",
        "tariff_per_household = tariff.tariff_per_unit(required_revenue, households, periods_per_year=12)",
    ),
    test(
        "q3_check",
        2,
        'checks.check_answered("tariff_per_household", kind="number")',
        'checks.check_number("tariff_per_household", 50, points=2)',
    ),
    md(
        "q4",
        "## 4-суроо (2 упай): 65% төлөгөндө керектүү тариф\n"
        "Калктын 65%ы гана төлөсө, чыгымды жабуу үчүн тариф канча болушу керек? Жоопту "
        "`tariff_at_65` өзгөрмөсүнө жазыңыз (айына сом).\n\n"
        "Жардам: ошол эле жылдык киреше азыраак төлөөчүдөн чогулушу керек: 100 үй чарбасынын "
        "65и гана төлөйт. Бир төлөөчүгө түшкөн сумма канча эсе көбөйөт?\n\n"
        "*Какой тариф нужен, если платят только 65%? → `tariff_at_65`.*",
    ),
    answer(
        "q4_answer",
        "tariff_at_65 = tariff.tariff_at_collection(tariff_per_household, collection_rate)",
    ),
    test(
        "q4_check",
        2,
        'checks.check_answered("tariff_at_65", kind="number")',
        'checks.check_number("tariff_at_65", 50 / 0.65, points=2, close=(0.05, 0.5))',
    ),
    md(
        "q5",
        "## 5-суроо (2 упай): төлөй алабы?\n"
        "Аз камсыз болгон үй чарбасы (айына 9 000 сом киреше) таштанды үчүн `tariff_at_65` жана "
        "суу үчүн `water_bill` төлөйт. Бул эки төлөм кирешенин канча үлүшүн түзөт? Үлүштү "
        "`burden_share` өзгөрмөсүнө (мисалы, 0,02 = 2%), ал эми 3% чегинен ашпаса `affordable = True`, "
        "ашса `affordable = False` деп жазыңыз.\n\n"
        "Жардам: үлүш = бир айдагы төлөмдөр ÷ бир айдагы киреше; аны чек менен салыштырыңыз.\n\n"
        "*Доля платежей за мусор и воду в доходе 9 000 сомов → `burden_share`; в пределах 3%? → "
        "`affordable = True/False`.*",
    ),
    answer(
        "q5_answer",
        "result = tariff.affordability(tariff_at_65 + water_bill, household_income, threshold=threshold)\n"
        "burden_share = result.share\n"
        "affordable = result.affordable",
    ),
    test(
        "q5_check",
        2,
        'checks.check_answered("burden_share", kind="number")\n'
        'checks.check_answered("affordable", kind="any")',
        "checks.combine(\n"
        '    checks.check_number("burden_share", (50 / 0.65 + 70.59) / 9_000, points=1),\n'
        '    checks.check_choice("affordable", True, choices=[True, False], points=1),\n'
        ")",
    ),
    md(
        "q6",
        "## 6-суроо (2 упай): жеңилдик\n"
        "Айыл кеңеши үй чарбаларынын 10%на (пенсионерлер, көп балалуу үй-бүлөлөр) 50% жеңилдик "
        "берүүнү чечти. Жалпы киреше өзгөрбөшү үчүн жеңилдик албаган үй чарбалары канча төлөшү "
        "керек? (3-суроодогу тарифтен баштаңыз, баары төлөйт деп алыңыз.) Жоопту `full_tariff` өзгөрмөсүнө жазыңыз.\n\n"
        "Жардам: бир үй чарбасынан орточо түшкөн төлөм мурункудай болушу керек: "
        "толук төлөгөндөрдүн үлүшү × толук тариф + жеңилдик алгандардын үлүшү × жарым тариф = "
        "3-суроодогу тариф.\n\n"
        "*10% домохозяйств получают льготу 50%: какой тариф нужен остальным? → `full_tariff`.*",
    ),
    answer(
        "q6_answer",
        "full_tariff = tariff.discount(tariff_per_household, share=0.10, rate=0.5).full",
    ),
    test(
        "q6_check",
        2,
        'checks.check_answered("full_tariff", kind="number")',
        'checks.check_number("full_tariff", 50 / (1 - 0.10 * 0.5), points=2, rel_tol=0.001, close=(0.03, 0.5))',
    ),
    md(
        "q7",
        "## 7-суроо (3 упай): коомдук угууда кайсы тарифти коргойсуз?\n"
        "Сиз «Тазалык» ишканасынын атынан коомдук угууга чыгасыз. Тарифти угууда макулдашып, "
        "Монополияга каршы агенттикке жиберип, айылдык кеңешке бекиттиресиз (булак: 003, "
        "4.1–4.3-иштер). Колуңузда 1–6-суроолордогу эсептөөлөрүңүз бар: баары төлөгөндөгү тариф, "
        "65% гана төлөгөндөгү тариф, аз камсыз үй чарбасынын жүгү, жеңилдик.\n\n"
        "**Кайсы тарифти сунуштайсыз жана аны кантип коргойсуз?** Астындагы уячага 4–6 сүйлөм "
        "жазыңыз:\n"
        "1. тариф: айына бир үй чарбасына канча сом;\n"
        "2. ал эмнени жабат: кайсы чыгымдар, унаанын амортизациясы, рентабелдүүлүк;\n"
        "3. төлөбөгөндөр: тарифти көтөрөсүзбү же төлөмдү чогултууну жакшыртасызбы, эмне үчүн;\n"
        "4. аз камсыз үй чарбалары: жеңилдик бересизби, аны ким төлөйт.\n\n"
        "Бул жоопту тренер окуп баалайт, автоматтык текшерүү жок.\n\n"
        "*Вы защищаете тариф на публичных слушаниях. Какой тариф (сомов с домохозяйства в месяц) "
        "вы предложите и как защитите: что он покрывает; повышать тариф или собираемость и почему; "
        "льготы малообеспеченным и кто за них платит. 4–6 предложений. Оценивает тренер.*",
    ),
    written(
        "q7_decision",
        3,
        "Айына 50 сом тарифти коргойм. Ал бардык чыгымдарды жабат: эмгек акы, күйүүчү май, "
        "оңдоо, кошумча чыгымдар, таштанды ташуучу унаанын амортизациясы (баасынан калдык "
        "наркын алып, 7 жылга бөлгөндө) жана 10% рентабелдүүлүк. Тарифти 65% төлөгөнгө "
        "ылайыкташтырып 77 сомго көтөрбөйм: анда так төлөгөндөр төлөбөгөндөр үчүн төлөп калат. "
        "Анын ордуна төлөмдү чогултууну жакшыртам: ар бир үй менен келишим, WhatsApp аркылуу "
        "эскертүү, ай сайын ким канча төлөгөнүн ачык жарыялоо. Пенсионерлерге жана көп балалуу "
        "үй-бүлөлөргө 50% жеңилдик берилсе, калгандарга тариф бир аз көтөрүлөт (6-суроо) же "
        "айырманы жергиликтүү бюджет төлөйт; муну айылдык кеңеш чечет.",
    ),
]

nb = new_notebook(
    cells=cells,
    metadata={
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    },
)
OUT.parent.mkdir(parents=True, exist_ok=True)
for cell in nb.cells:  # stable cell ids: the file changes only where a question does
    cell.id = cell.metadata["nbgrader"]["grade_id"].replace("_", "-")
nbformat.validate(nb)
nbformat.write(nb, OUT)
print(f"wrote {OUT.relative_to(ROOT)}")
