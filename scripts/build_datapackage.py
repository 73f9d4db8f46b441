"""Assemble ``datasets/datapackage.json`` from the table descriptors in ``datasets/schemas/``.

    python scripts/build_datapackage.py          # write datasets/datapackage.json
    python scripts/build_datapackage.py --check  # exit 1 if the committed file is stale

Each table has one descriptor ``datasets/schemas/<table>.json`` (name, path, title,
description, schema).  This script adds the package header (name, title, licences,
the five source documents), fills the CSV dialect and encoding of every resource,
and writes the resources in a fixed order: ``cases`` first (every other table refers to
it), then the others by name; then it regenerates ``docs/data-catalogue.md``
(scripts/build_catalogue.py).  Never edit ``datapackage.json`` by hand: edit a
descriptor and run this script.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"
SCHEMAS = DATASETS / "schemas"
OUTPUT = DATASETS / "datapackage.json"

SEEDS = [
    (
        "000_aa6d57221d7207c7.txt",
        "Теплоключенка АӨ: Калк менен тыгыз байланышта иштөөнүн натыйжасында, тарифтерди "
        "көтөрүүгө, кызмат көрсөтүүлөрдү жакшыртууга, жарандардын алдында жергиликтүү өз алдынча "
        "башкаруунун аброюн көтөрүүгө болот",
        "Article by T. Kobonbaev, head of Teploklyuchenka rural municipality (Ak-Suu district, "
        "Issyk-Kul region), journal «Муниципалитет», 2021-05-21 (reprinted in issue 9 (155), "
        "September 2024).",
    ),
    (
        "001_fc89738403232c21.txt",
        "Баткен облусунун беш муниципалитетинин жергиликтүү өз алдынча башкаруу органдары муниципалдык кызмат көрсөтүүлөрдү жакшыртат",
        "Report of a two-day training for five rural municipalities of Batken region "
        "(Kyshtut, Suu-Bashy, Toguz-Bulak, Sumbula, Ken-Talaa): tools, most-voted directions, "
        "joint action plan for 2024.",
    ),
    (
        "002_0cd78ea14e5f6404.txt",
        "Чечим кабыл алууга демилгелүү топтордун катышуусу",
        "Presentation by M. Sherbaev, head of Birinchi May rural municipality (Ala-Buka district, Jalal-Abad region), "
        "in the DPI project «Voice of the people» (Swiss Government): "
        "initiative groups, public hearings on the SEDP and the budget, three projects, contest prizes.",
    ),
    (
        "003_98d55a30c6a3a2e1.txt",
        "Чет-Нура айыл аймагынын кызмат көрсөтүүлөрдү уюштуруу Стратегиясы жөнүндө",
        "Service delivery strategy of Chet-Nura rural municipality (Naryn district and region), "
        "approved by council resolution No. 17/16 of 13 March 2019: working commission, priority "
        "services, standards, three joint action plans, monitoring.",
    ),
    (
        "004_7b15b72083edbb4a.txt",
        "Кызмат көрсөтүүнү эффективдүү уюштуруу – муниципалитеттин туруктуу өнүгүүсүнүн кепили",
        "Article on the service delivery strategy methodology prepared by the USAID «Successful Region» "
        "project, 2017-08-16 (journal «Муниципалитет» 1 (111), February 2021).",
    ),
]

HEADER = {
    "profile": "data-package",
    "name": "algca-service-delivery-cases",
    "title": "Local service delivery cases of Kyrgyz rural municipalities (ALGCA training toolkit)",
    "description": (
        "Case data of Teploklyuchenka, Chet-Nura and Birinchi May rural municipalities and of a "
        "Batken training, extracted from five Kyrgyz source documents for the lessons and "
        "exercises of the ALGCA training toolkit. Every row carries its provenance: the source "
        "file, the verbatim Kyrgyz sentence or table row it came from, and whether the figure is "
        "observed, derived (and how) or illustrative (made for teaching, consistent with every "
        "observed figure). Templates for a trainer's own municipality are in templates/."
    ),
    "version": "0.1.0",
    "keywords": [
        "local self-government",
        "service delivery",
        "Kyrgyzstan",
        "tariff",
        "joint action plan",
        "training",
    ],
    "licenses": [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0 International (the tables and schemas "
            "of this package). The quoted source sentences remain the copyright of their "
            "authors and publishers (journal «Муниципалитет», Development Policy Institute, "
            "the municipalities); they are quoted to document the provenance of each figure.",
        }
    ],
    "contributors": [{"title": "ALGCA training toolkit contributors", "role": "author"}],
}


def load_resources() -> list[dict]:
    """Every descriptor in ``datasets/schemas``, ``cases`` first, then by name."""
    resources = []
    for path in sorted(SCHEMAS.glob("*.json")):
        try:
            desc = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path.relative_to(ROOT)}: not valid JSON: {exc}") from exc
        if desc.get("name") != path.stem:
            raise SystemExit(f"{path.relative_to(ROOT)}: 'name' must be {path.stem!r}")
        desc.setdefault("path", f"data/{path.stem}.csv")
        csv = DATASETS / desc["path"]
        if not csv.exists():
            raise SystemExit(f"{path.relative_to(ROOT)}: the table {desc['path']} is missing")
        resource = {
            "name": desc["name"],
            "path": desc["path"],
            "profile": "tabular-data-resource",
            "title": desc.get("title", desc["name"]),
            "description": desc.get("description", ""),
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
        }
        for key, value in desc.items():
            if key not in resource:
                resource[key] = value
        resource["schema"] = desc["schema"]
        resources.append(resource)
    resources.sort(key=lambda r: (r["name"] != "cases", r["name"]))
    return resources


def build() -> dict:
    """The whole data package descriptor as a dict."""
    package = dict(HEADER)
    package["sources"] = [
        # the source documents themselves are not part of the package: no "path"
        {"title": f"{name}: {title}", "description": desc}
        for name, title, desc in SEEDS
    ]
    package["resources"] = load_resources()
    return package


def render() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_catalogue

    package = build()
    text = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    if "--check" in argv:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(
                f"{OUTPUT.relative_to(ROOT)} is out of date: run python scripts/build_datapackage.py"
            )
            return 1
        print(f"{OUTPUT.relative_to(ROOT)} is up to date")
        return build_catalogue.main(["--check"])
    tmp = OUTPUT.with_suffix(".json.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(OUTPUT)
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(package['resources'])} resources)")
    return build_catalogue.main([])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
