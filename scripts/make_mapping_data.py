"""Write datasets/data/places.csv and datasets/data/map_problems.csv (the mapping lesson's map).

Names and statements are quoted from the seeds (002 Birinchi May, 003 Chet-Nura);
every position is schematic (the seeds give no coordinates), and rows whose place
or reporter is not in the seeds are marked illustrative.  Run it again after a change:

    .venv/bin/python scripts/make_mapping_data.py
"""

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_DIRS = [ROOT / "datasets" / "seeds", ROOT.parent / "shared" / "seeds"]


def line(f, needle):
    """The whole line of a seed that contains ``needle`` (stripped), verbatim."""
    folder = next(d for d in SEED_DIRS if (d / f).exists())
    for text in (folder / f).read_text(encoding="utf-8").splitlines():
        if needle in text:
            return text.strip()
    raise SystemExit(f"not in {f}: {needle}")


S3 = "003_98d55a30c6a3a2e1.txt"
S2 = "002_0cd78ea14e5f6404.txt"
L11 = line("003_98d55a30c6a3a2e1.txt", "Орто-Нура айылы")
AK = "Ак-Кыя,Тош-Булак, Кара-Саз айылдарында таза суу такыр эле жок."
POS = "Position on the map is schematic (illustrative)."
places = [
 # case, id, name, name_en, type, village, x, y, kind, src, text, note
 ("chet-nura","orto-nura","Орто-Нура","Orto-Nura","village","orto-nura",5.0,5.0,"observed",S3,L11,"Village where the council resolution was signed. "+POS),
 ("chet-nura","chet-nura","Чет-Нура","Chet-Nura","village","chet-nura",8.2,6.4,"observed",S3,line(S3, "Мамыров Токталы Чет-Нура айылынын"),"Village head in the working commission. "+POS),
 ("chet-nura","ak-kyya","Ак-Кыя","Ak-Kyya","village","ak-kyya",1.8,7.6,"observed",S3,AK,"One of the three villages with no clean water at all. "+POS),
 ("chet-nura","tosh-bulak","Тош-Булак","Tosh-Bulak","village","tosh-bulak",1.4,3.0,"observed",S3,AK,"One of the three villages with no clean water at all. "+POS),
 ("chet-nura","kara-saz","Кара-Саз","Kara-Saz","village","kara-saz",3.6,1.2,"observed",S3,AK,"One of the three villages with no clean water at all. "+POS),
 ("chet-nura","iyri-suu","Ийри-Суу","Iyri-Suu","village","iyri-suu",7.4,2.2,"observed",S3,line(S3, "Абдраимакунов Уланбек Ийри-Суу айылынын"),"Village head in the working commission. "+POS),
 ("chet-nura","orto-saz","Орто-Саз","Orto-Saz","village","orto-saz",4.0,8.6,"observed",S3,line(S3, "Жетиген уулу Амантай Орто-Саз айлынын"),"Village head in the working commission. "+POS),
 ("chet-nura","ak-bulun","Ак-Булун","Ak-Bulun","village","ak-bulun",9.0,3.8,"observed",S3,line(S3, "Нурбаев Алтынбек Ак-Булун айылынын"),"Village head in the working commission. "+POS),
 ("chet-nura","chet-nura-ao","Чет-Нура айыл өкмөтү","Chet-Nura municipal office","office","orto-nura",6.1,4.3,"illustrative","","","Seat of the municipal office assumed to be Orto-Nura, where the resolution was signed; position schematic."),
 ("chet-nura","water-enterprise","Таза суу ишканасы","Clean water enterprise","water-source","orto-nura",5.9,6.3,"illustrative","","","A clean water enterprise exists (a specialist of it sits in the working commission, 003); its location is illustrative."),
 ("chet-nura","water-pipes","Суу түтүктөрү","Water pipes","water-pipe","chet-nura",7.2,5.6,"illustrative","","","The strategy says the water pipes are old (003); where they run is illustrative."),
 ("chet-nura","inner-canal","Ички суу канал","Inner irrigation canal","canal","ak-bulun",8.4,2.9,"illustrative","","","The strategy says the inner canal is in bad condition (003); its location is illustrative."),
 ("chet-nura","dump","Таштанды төгүүчү жай","Waste dump","dump","iyri-suu",6.6,1.3,"illustrative","","","Waste collection is not organised (003); a dump site is illustrative."),
 ("chet-nura","orto-nura-school","Орто-Нура мектеби","Orto-Nura school","school","orto-nura",3.8,4.2,"illustrative","","","Illustrative service point for the mapping exercise."),
 ("chet-nura","orto-nura-kindergarten","Орто-Нура бала бакчасы","Orto-Nura kindergarten","kindergarten","orto-nura",3.7,6.0,"illustrative","","","Illustrative service point for the mapping exercise."),
 ("chet-nura","ak-kyya-school","Ак-Кыя мектеби","Ak-Kyya school","school","ak-kyya",2.4,7.1,"illustrative","","","Illustrative service point for the mapping exercise."),
 ("birinchi-may","airy-tam","Айры-Там","Airy-Tam","village","airy-tam",3.0,5.0,"observed",S2,"Айры-Там айылы, С.Жунусов көчөсү,","Address of the municipal office; a border village (002). "+POS),
 ("birinchi-may","azhek","Ажек","Azhek","village","azhek",7.0,6.5,"observed",S2,"Жаратылыш кырсыктарынан улам жыл сайын Ажек айылындагы үйлөргө суу каптоо коркунучу жаралат","Village under flood threat (002). "+POS),
 ("birinchi-may","border-villages","Чек арага жакын айылдар","Border villages","village","border-villages",1.2,8.4,"observed",S2,"Демилгелүү топтор аймактагы чек арага жакын айылдарда жашаган окуучуларды мектепке жеткирүү маселесин чечүү үчүн АӨгө кайрылышты.","The source does not name the border villages; they are drawn as one group. "+POS),
 ("birinchi-may","birinchi-may-ao","Биринчи Май айыл өкмөтү","Birinchi May municipal office","office","airy-tam",4.0,4.2,"observed",S2,"Айры-Там айылы, С.Жунусов көчөсү,","Address of the municipal office (002). "+POS),
 ("birinchi-may","airy-tam-pipe","Айры-Там суу түтүгү (4,5 км)","Airy-Tam water pipe (4.5 km)","water-pipe","airy-tam",2.2,5.8,"observed",S2,"Айры-Там айылына таза суу алып келүү үчүн узундугу 4,5 км түтүк төшөө максатында айыл өкмөтү БУУнун Дүйнөлүк азык-түлүк программасынан инвестиция алды.","Pipe of 4.5 km laid to bring clean water (002). "+POS),
 ("birinchi-may","azhek-dam","Ажек дамбасы (300 м)","Azhek dam (300 m)","dam","azhek",7.8,7.2,"observed",S2,"Айыл өкмөтү, ӨКМ жана демилгелүү топтун мүчөлөрү, жергиликтүү жамаат узундугу 300 метр болгон дамбаны куруп, таштарды коюп, 2000 даана көчөт отургузуп чыгышты.","Flood dam of 300 m with 2,000 seedlings (002). "+POS),
 ("birinchi-may","school","Мектеп","School","school","airy-tam",3.8,5.6,"illustrative","","","Pupils of the border villages are driven to school (002); which school is illustrative."),
 ("birinchi-may","kindergarten","Бала бакча","Kindergarten","kindergarten","airy-tam",1.9,4.1,"observed",S2,"Сыйлыктын эсебинен бала бакчанын шарттарын жакшыртууга айыл өкмөтүнө жардам бердик (100 миң сомго бала бакчага эмерек сатып бердик)","A kindergarten was furnished with the 100,000 som prize (002); its village and position are illustrative."),
]
ILL = "illustrative"
problems = [
 # case, id, place, category, problem, reported_by, lacks, kind, src, text, note
 ("chet-nura","cn-1","ak-kyya","drinking-water","Таза суу такыр эле жок","Жумушчу комиссия",True,"observed",S3,AK,"Strategy of 2019, problem statement of service 1."),
 ("chet-nura","cn-2","tosh-bulak","drinking-water","Таза суу такыр эле жок","Жумушчу комиссия",True,"observed",S3,AK,"Strategy of 2019, problem statement of service 1."),
 ("chet-nura","cn-3","kara-saz","drinking-water","Таза суу такыр эле жок","Жумушчу комиссия",True,"observed",S3,AK,"Strategy of 2019, problem statement of service 1."),
 ("chet-nura","cn-4","water-pipes","drinking-water","Суу түтүктөрү эски","Жумушчу комиссия",False,ILL,"","","Cause listed in the strategy (003: «Суу түтүктөрү эски»); its place on the map is illustrative."),
 ("chet-nura","cn-5","water-enterprise","drinking-water","Ичүүчү суу санитардык талапка жооп бербейт","Эмчи айым",False,ILL,"","","Statement of the strategy (003: «Ичүүчү суу санитардык талапка жооп бербейт»); the place and the reporter (the medical worker of the commission) are illustrative."),
 ("chet-nura","cn-6","dump","waste","Таштанды чыгаруу уюштурулган эмес","Жумушчу комиссия",False,ILL,"","","Strategy (003): solid waste collection, removal and disposal are not organised; the place is illustrative."),
 ("chet-nura","cn-7","inner-canal","irrigation","Ички суу каналдын абалы жараксыз","Ак-Булун айыл башчысы",False,ILL,"","","Cause listed in the strategy (003: «Ички суу каналдын абалы жараксыз»); the place and the reporter are illustrative."),
 ("chet-nura","cn-8","iyri-suu","irrigation","Сугат суу туура бөлүштүрүлбөйт","Дыйкандар",False,ILL,"","","Strategy (003): irrigation water is short and badly shared; the village and the reporters are illustrative."),
 ("chet-nura","cn-9","chet-nura","waste","Калк таштанды үчүн өз убагында төлөбөйт","Айыл өкмөтү",False,ILL,"","","Cause listed in the strategy (003: «Калк оз убагында акча төлөбөйт»); the village is illustrative."),
 ("chet-nura","cn-10","orto-nura-school","education","Мектептин дааратканасы начар","Мугалимдер",False,ILL,"","","Illustrative problem for the mapping exercise."),
 ("chet-nura","cn-11","orto-nura-kindergarten","education","Бала бакчада орун жетишсиз","Ата-энелер",False,ILL,"","","Illustrative problem for the mapping exercise."),
 ("chet-nura","cn-12","orto-saz","roads","Айылдын ички жолу бузулган","Жашоочулар",False,ILL,"","","Illustrative problem for the mapping exercise."),
 ("chet-nura","cn-13","ak-kyya-school","drinking-water","Мектепте ичүүчү суу жок","Мугалимдер",False,ILL,"","","Illustrative: follows from Ak-Kyya having no clean water (003)."),
 ("chet-nura","cn-14","ak-bulun","irrigation","Сугат суу үчүн акы убагында төлөнбөйт","СПА",False,ILL,"","","Cause listed in the strategy (003: «Суу үчүн акы убагында төлөнбөйт»); the village and the reporter are illustrative."),
 ("birinchi-may","bm-1","airy-tam-pipe","drinking-water","Айры-Там айылына таза суу жетпейт","Демилгелүү топтор",True,"derived",S2,"Айры-Там айылына таза суу алып келүү үчүн узундугу 4,5 км түтүк төшөө максатында айыл өкмөтү БУУнун Дүйнөлүк азык-түлүк программасынан инвестиция алды.","The problem before the 4.5 km pipe was laid (143 households then got clean water)."),
 ("birinchi-may","bm-2","azhek-dam","flood","Жыл сайын үйлөргө суу каптоо коркунучу","Айыл өкмөтү",False,"observed",S2,"Жаратылыш кырсыктарынан улам жыл сайын Ажек айылындагы үйлөргө суу каптоо коркунучу жаралат","Solved with a 300 m dam and 2,000 seedlings; 180 families safe."),
 ("birinchi-may","bm-3","border-villages","education","Окуучуларды мектепке жеткирүү маселеси","Демилгелүү топтор",False,"observed",S2,"Демилгелүү топтор аймактагы чек арага жакын айылдарда жашаган окуучуларды мектепке жеткирүү маселесин чечүү үчүн АӨгө кайрылышты.","Solved with 250,000 som of the budget and 50,000 som from parents: 85 pupils."),
 ("birinchi-may","bm-4","kindergarten","education","Бала бакчалардын көйгөйлөрү","СЭӨП угуусунун катышуучулары",False,"observed",S2,"Сунуштар ичүүчү таза суу менен камсыз кылуу, бала бакчалардын көйгөйлөрү, жаштардын, аялдардын эс алуусун уюштуруу боюнча болду.","Proposals at the SEDP hearing (83 participants); the place is illustrative."),
 ("birinchi-may","bm-5","birinchi-may-ao","drinking-water","Ичүүчү сууну жеткирүү үчүн автотранспорт керек","Демилгелүү топ",False,"observed",S2,"Ичүүчү сууну жеткирүү үчүн автотранспорт сатып алуу","Proposal of an initiative group at the budget hearing; the place is illustrative."),
 ("birinchi-may","bm-6","school","education","Окуучуларды ташуу үчүн автобус жок","Демилгелүү топ",False,"observed",S2,"Окуучуларды мектепке ташуу үчүн автобус сатып алуу","Proposal of an initiative group at the budget hearing (buy a bus); the place is illustrative."),
]
PLACE_COLUMNS = ["case_id", "place_id", "name", "name_en", "place_type", "village_id", "x", "y",
                 "kind", "source_file", "source_text", "note"]
PROBLEM_COLUMNS = ["case_id", "problem_id", "place_id", "category", "problem", "reported_by",
                   "lacks_service", "kind", "source_file", "source_text", "note"]
with open(ROOT / "datasets/data/places.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(PLACE_COLUMNS)
    w.writerows(places)
with open(ROOT / "datasets/data/map_problems.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(PROBLEM_COLUMNS)
    w.writerows([(*p[:6], "true" if p[6] else "false", *p[7:]) for p in problems])
