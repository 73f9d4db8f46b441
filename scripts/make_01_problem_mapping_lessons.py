"""Write notebooks/{ky,en}/01_problem_mapping.ipynb (the two editions share every code cell).

.venv/bin/python scripts/make_01_problem_mapping_lessons.py
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent

LINKS_CODE = """links = pd.DataFrame(
    [
        ("Суу түтүктөрү эски", "Таза суу толук кандуу жетпейт"),
        ("Суунун акысы жетишерлик көлөмдө төлөнбөйт", "Таза суу толук кандуу жетпейт"),
        ("Башкаруу начар", "Таза суу толук кандуу жетпейт"),
        ("Жергиликтүү бюджетте суу түтүктөрүн курууга каражат жок", "Суу түтүктөрү эски"),
        ("Жергиликтүү бюджет тартыш", "Жергиликтүү бюджетте суу түтүктөрүн курууга каражат жок"),
        ("Тарифтер иштелип чыккан эмес", "Суунун акысы жетишерлик көлөмдө төлөнбөйт"),
        ("Таза суу толук кандуу жетпейт", "Ичүүчү суу санитардык талапка жооп бербейт"),
        ("Ичүүчү суу санитардык талапка жооп бербейт",
         "Оорулардын саны көбөйдү, жугуштуу оорулардын тобокелдиги бир нече эсе өстү"),
        ("Таза суу толук кандуу жетпейт",
         "Мамлекеттик жана жергиликтүү бийлик органдарына болгон ишеним жоголду"),
    ],
    columns=["cause", "effect"],
)
tree = mapping.tree_from_table(links, core="Таза суу толук кандуу жетпейт")
draw_tree(tree)"""

REWRITES_CODE = """objectives = {
    "Таза суу толук кандуу жетпейт": "Бардык үйлөргө таза суу толук жетет",
    "Суу түтүктөрү эски": "Суу түтүктөрү жаңыланат",
    "Суунун акысы жетишерлик көлөмдө төлөнбөйт": "Суунун акысы толук төлөнөт",
    "Башкаруу начар": "Суу кызматы жакшы башкарылат",
    "Жергиликтүү бюджетте суу түтүктөрүн курууга каражат жок": "Бюджетте суу түтүгүнө каражат бөлүнөт",
    "Жергиликтүү бюджет тартыш": "Жергиликтүү бюджеттин кирешеси өсөт",
    "Тарифтер иштелип чыккан эмес": "Суунун тарифи эсептелип, бекитилет",
    "Ичүүчү суу санитардык талапка жооп бербейт": "Ичүүчү суу санитардык талапка жооп берет",
    "Оорулардын саны көбөйдү, жугуштуу оорулардын тобокелдиги бир нече эсе өстү": "Оорулар 60% азаят",
    "Мамлекеттик жана жергиликтүү бийлик органдарына болгон ишеним жоголду":
        "Бийликке болгон ишеним 90% өсөт",
}
goals = mapping.objective_tree(tree, objectives)
draw_tree(goals)"""

# (markdown_ky, markdown_en) or ("code", source, tags)
STEPS = [
    (
        "md",
        """# 1-сабак. Көйгөйлөрдү картага түшүрүү: жамааттын картасы жана көйгөйлөр дарагы

**Сабактын максаттары.** Сабактан кийин катышуучу:
- жамааттын картасын окуй алат: айылдар, кызмат көрсөтүүчү жайлар, ар бир көйгөй кайда жана аны ким айтканы;
- картага көйгөй коюп, көйгөйлөрдү кызмат жана айыл боюнча эсептей алат (көйгөй × айыл матрицасы);
- «себеп → кесепет» байланыштарынан көйгөйлөр дарагын куруп, түпкү себептерди таба алат;
- көйгөйлөр дарагын максаттар дарагына айландыра алат: ар бир терс сүйлөмдү оң сүйлөм кылып жазат.

**Убактысы:** 75 мүнөт (10 — Чет-Нуранын картасын окуу, 15 — картага көйгөй коюу жана матрица, 10 — Биринчи Майдын иштери картада, 20 — көйгөйлөр дарагы, 15 — максаттар дарагы, 5 — жыйынтык).

**Негизги ойлор:**
1. Карта көйгөйдүн *кайда* экенин көрсөтөт: Ак-Кыя, Тош-Булак, Кара-Саз айылдарында таза суу такыр эле жок (Чет-Нуранын стратегиясы, 2019).
2. Ар бир көйгөйдүн жанында *ким айтканы* жазылат: бул кийин ишенимди жана отчеттуулукту бекемдейт.
3. Дарак көйгөйдүн *эмне үчүн* экенин көрсөтөт: иш түпкү себептерден башталат.
4. Максат — ошол эле сүйлөм, бирок оң түрдө: «жок», «эмес», «начар» деген сөздөрсүз.

> ⚠ Картадагы жерлердин орду **схема боюнча** (булактарда координаттар жок). Көйгөйлөрдүн айрымдары окуу үчүн кошулган: алар `kind` тилкесинде `illustrative` деп белгиленген.""",
        """# Lesson 1. Problem mapping: the community map and the problem tree

**Learning objectives.** After this lesson a participant:
- reads a community map: villages, service points, each problem where it happens and who reported it;
- places a problem on the map and counts problems by service and by village (the problem × village matrix);
- builds a problem tree from cause → effect links and finds the root causes;
- turns the problem tree into an objective tree by rewriting each negative statement as a positive one.

**Timing:** 75 minutes (10 reading Chet-Nura's map, 15 placing problems and the matrix, 10 Birinchi May's cases on the map, 20 the problem tree, 15 the objective tree, 5 wrap-up).

**Key points:**
1. The map shows *where* a problem is: Ak-Kyya, Tosh-Bulak and Kara-Saz have no clean water at all (Chet-Nura's strategy, 2019).
2. Each problem carries *who reported it*: this builds trust and accountability later.
3. The tree shows *why*: work starts at the root causes.
4. An objective is the same statement, said positively: without "no", "not", "poor".

> ⚠ Positions on the map are **schematic** (the sources give no coordinates). Some problems were added for teaching: their `kind` column says `illustrative`. Place names and statements stay in Kyrgyz, as the sources write them.""",
    ),
    ("code", 'import toolkit\n\ntoolkit.set_language("{lang}")', ["language"]),
    (
        "code",
        "import pandas as pd\n\nfrom toolkit import mapping\nfrom toolkit.charts.mapping import draw_map, draw_matrix, draw_tree",
        [],
    ),
    (
        "md",
        """## 1. Чет-Нуранын картасы

Чет-Нура айыл аймагы (Нарын району) 2019-жылы кызмат көрсөтүүлөрдү уюштуруу стратегиясын бекиткен (булак 003). Анда айылдар жана биринчи кызмат — таза суу боюнча көйгөйлөр жазылган. Картаны ачалы:""",
        """## 1. Chet-Nura's map

Chet-Nura (Naryn district) approved its service delivery strategy in 2019 (source 003). It names the villages and the problems of the first service, clean water. Let us open the map:""",
    ),
    ("code", 'chet_nura = mapping.load_map("chet-nura")\ndraw_map(chet_nura)', []),
    (
        "md",
        """Ар бир көйгөй — бир сап: кайда (`place_id`), кайсы кызмат (`category`), эмне (`problem`), ким айтты (`reported_by`) жана маалымат кайдан алынды (`kind`).""",
        """Each problem is one row: where (`place_id`), which service (`category`), what (`problem`), who reported it (`reported_by`) and where the row comes from (`kind`).""",
    ),
    (
        "code",
        'chet_nura.problems[["place_id", "category", "problem", "reported_by", "lacks_service", "kind"]]',
        [],
    ),
    (
        "md",
        """**Кайсы айылдарда кызмат такыр эле жок?** Стратегияда: «Ак-Кыя, Тош-Булак, Кара-Саз айылдарында таза суу такыр эле жок».""",
        """**Which villages lack a service altogether?** The strategy says: «Ак-Кыя,Тош-Булак, Кара-Саз айылдарында таза суу такыр эле жок» (Ak-Kyya, Tosh-Bulak and Kara-Saz have no clean water at all).""",
    ),
    ("code", 'mapping.villages_lacking(chet_nura, "drinking-water")', []),
    (
        "md",
        """## 2. Картага көйгөй коюу жана матрица

Семинарда катышуучулар жаңы көйгөйлөрдү айтат. Мисалы, Кара-Саздын жашоочулары таштанды чыгарылбай жатканын айтты дейли (окуу үчүн мисал):""",
        """## 2. Placing a problem, and the matrix

At the seminar participants name new problems. Say the people of Kara-Saz report that waste is not collected (an example for teaching):""",
    ),
    (
        "code",
        'chet_nura = mapping.add_problem(\n    chet_nura, "Кара-Саз", "waste", "Таштанды чыгарылбайт",\n    reported_by="Кара-Саздын жашоочулары",\n)\ndraw_map(chet_nura)',
        [],
    ),
    (
        "md",
        """**Көйгөй × айыл матрицасы**: ар бир кызмат боюнча ар бир айылда канча көйгөй бар. Көйгөй жок айыл да көрүнөт (0).""",
        """**The problem × village matrix**: how many problems each village has, per service. A village with none shows 0.""",
    ),
    ("code", "matrix = mapping.problem_matrix(chet_nura)\nmatrix", []),
    ("code", "draw_matrix(matrix)", []),
    ("code", "mapping.count_by_category(chet_nura)", []),
    (
        "md",
        """## 3. Биринчи Майдын иштери картада

Биринчи Май айыл аймагында (Ала-Бука району) демилгелүү топтор үч маселени чечүүгө катышкан (булак 002): Айры-Там айылына 4,5 км суу түтүгү (143 кожолук таза суу алды), Ажек айылындагы 300 метрлик дамба (180 үй-бүлө коопсуз), чек арага жакын айылдардын окуучуларын мектепке ташуу (85 окуучу).""",
        """## 3. Birinchi May's cases on the map

In Birinchi May (Ala-Buka district) the initiative groups helped solve three problems (source 002): a 4.5 km water pipe to Airy-Tam (143 households got clean water), a 300 m flood dam in Azhek (180 families safe), and school transport for pupils of the border villages (85 pupils).""",
    ),
    ("code", 'birinchi_may = mapping.load_map("birinchi-may")\ndraw_map(birinchi_may)', []),
    (
        "code",
        'birinchi_may.problems[["place_id", "category", "problem", "reported_by", "kind", "note"]]',
        [],
    ),
    (
        "md",
        """Картада жок жерди жазсак, программа токтоп калбайт: эмне туура эмес экенин түшүнүктүү айтат:""",
        """If we name a place that is not on the map, the toolkit answers with a clear, calm message (not a crash):""",
    ),
    (
        "code",
        'mapping.add_problem(birinchi_may, "Айрытам", "drinking-water", "Суу жетпейт")',
        ["raises-exception"],
    ),
    (
        "md",
        """## 4. Көйгөйлөр дарагы

Стратегияда таза суу көйгөйүнүн себептери жана кесепеттери тизме катары берилген. Алгач бир деңгээлдүү дарак:""",
        """## 4. The problem tree

The strategy lists the causes and effects of the clean-water problem as a flat list. First, a one-level tree:""",
    ),
    (
        "code",
        'from toolkit import cases\n\nfactors = cases.load_case("chet-nura").tables["problem_factors"]\nwater = factors[factors["service_id"] == "drinking-water"]\nflat = mapping.tree_from_factors(water, core="Таза суу толук кандуу жетпейт")\ndraw_tree(flat)',
        [],
    ),
    (
        "md",
        """Топ себептерди кайра топтойт: *эмне үчүн түтүктөр эски? — бюджетте каражат жок; эмне үчүн? — бюджет тартыш.* Ар бир байланыш — «себеп → кесепет» таблицасынын бир сабы. (Сүйлөмдөр стратегиядан; кайсы себеп кайсыга алып барары — сабактын түшүндүрмөсү.)""",
        """The group regroups the causes: *why are the pipes old? — the budget has no money for pipes; why? — the budget is short.* Each link is one row of a cause → effect table. (The statements are the strategy's; which leads to which is the lesson's reading.)""",
    ),
    ("code", LINKS_CODE, []),
    ("code", "mapping.root_causes(tree)", []),
    ("code", "mapping.effects(tree)", []),
    (
        "md",
        """Себептер тегеректеп кайра өзүнө келсе (A → B → A), дарак курулбайт, программа ал сүйлөмдөрдү атап берет:""",
        """If the causes go round in a circle (A → B → A), the tree cannot be built, and the toolkit names the statements:""",
    ),
    (
        "code",
        'loop = ("Таза суу толук кандуу жетпейт", "Башкаруу начар")\nmapping.problem_tree(tree.core, [*tree.edges, loop])',
        ["raises-exception"],
    ),
    (
        "md",
        """## 5. Максаттар дарагы

Ар бир терс сүйлөмдү оң сүйлөм кылып жазабыз: дарактын түзүлүшү ошол эле калат. Көрсөткүчтөр стратегиядан: оорулар 60% азаят, ишеним 90% өсөт (булак 003). Адегенде терс сөздөрдү табалы:""",
        """## 5. The objective tree

Each negative statement is rewritten as a positive one; the shape of the tree stays. The indicators come from the strategy: disease down 60%, trust up 90% (source 003). First, find the negative words:""",
    ),
    ("code", "{statement: mapping.negative_words(statement) for statement in tree.nodes}", []),
    ("code", REWRITES_CODE, []),
    (
        "md",
        """Эгер максатта терс сөз калса же ал көйгөйдү кайталаса, программа аны айтат:""",
        """If an objective keeps a negative word or repeats the problem, the toolkit says so:""",
    ),
    ("code", 'mapping.objective_problems("Башкаруу начар", "Башкаруу начар эмес")', []),
    (
        "md",
        """## 6. Семинарда: колдонмолор

- **Карта тактасы** (`notebooks/apps/map_board.ipynb`): көйгөйдү жазып, айылды жана кызматты тандап, картага коюу; маркерди жылдыруу; колго тартылган картанын сүрөтүн эки-үч таяныч чекит менен жайгаштыруу; картаны PNG, көйгөйлөрдү CSV катары жүктөп алуу.
- **Көйгөйлөр дарагы** (`notebooks/apps/problem_tree.ipynb`): себеп жана кесепет кошуу, өчүрүү, максаттарды жазуу.

## Тренерге

- Сабакты кагаздан баштаңыз: топтор өз аймагын тартат, андан кийин гана ноутбукка өтөбүз. Сүрөткө тартылган картаны карта тактасына жүктөсө болот.
- Ар бир көйгөйдүн жанында ким айтканын жазууну талап кылыңыз (аты-жөнү эмес, топ же ролу).
- «Illustrative» деп белгиленген саптар окуу үчүн кошулган; булактагы сүйлөмдөр `source_text` тилкесинде.
- Максатты катышуучулар өздөрү жазат; программа терс сөздөрдү гана текшерет, мазмунун топ талкуулайт.
- Көнүгүү: `exercises/source/01_problem_mapping`.""",
        """## 6. At the seminar: the apps

- **Map board** (`notebooks/apps/map_board.ipynb`): type a problem, pick the village and the service, place it; move a marker; put a photo of the hand-drawn map underneath by two or three reference points; download the map as PNG and the problems as CSV.
- **Problem tree** (`notebooks/apps/problem_tree.ipynb`): add and remove causes and effects, write the objectives.

## For the trainer

- Start on paper: groups draw their territory first; only then open the notebook. A photo of the drawn map can be loaded into the map board.
- Insist on writing who reported each problem (a group or a role, not a person's name).
- Rows marked `illustrative` were added for teaching; the source sentences are in the `source_text` column.
- Participants write the objectives themselves; the toolkit only checks for negative words — the group discusses the content.
- Exercise: `exercises/source/01_problem_mapping`.""",
    ),
]


def build(lang):
    cells = []
    for i, step in enumerate(STEPS):
        if step[0] == "md":
            cell = new_markdown_cell(step[1] if lang == "ky" else step[2])
        else:
            cell = new_code_cell(
                step[1].replace("{lang}", lang) if "language" in step[2] else step[1]
            )
            if step[2]:
                cell.metadata["tags"] = step[2]
        cell.id = f"mapping-{i:02d}"
        cells.append(cell)
    nb = new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
    )
    nbformat.validate(nb)
    nbformat.write(nb, ROOT / "notebooks" / lang / "01_problem_mapping.ipynb")


for lang in ("ky", "en"):
    build(lang)
