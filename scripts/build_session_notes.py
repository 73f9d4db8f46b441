"""Write the trainer's notes per session (docs/instructor/sessions/{ky,ru,en}/) from the agenda.

    python scripts/build_session_notes.py           # write the pages
    python scripts/build_session_notes.py --check   # exit 1 if a page differs from the agenda

The pages are made from ``toolkit/agenda.toml``, so they never drift from the agenda, the
handouts and the start page: edit the agenda, then run this script.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit import agenda as A  # noqa: E402
from toolkit.i18n import LANGUAGES  # noqa: E402
from toolkit.workshop.catalog import APP_TITLES, app_title  # noqa: E402

OUT = ROOT / "docs" / "instructor" / "sessions"


def pages(agenda=None) -> dict[Path, str]:
    """``{path: text}`` of every page."""
    agenda = agenda or A.load(A.DEFAULT_PATH)
    out = {}
    for lang in LANGUAGES:
        out[OUT / lang / "README.md"] = A.notes_index_markdown(agenda, lang)
        titles = {name: app_title(name, lang) for name in APP_TITLES}
        for session in agenda.sessions:
            name = f"{session.number(agenda):02d}_{session.id}.md"
            out[OUT / lang / name] = A.notes_markdown(agenda, session, lang, titles)
    return out


def main(argv: list[str]) -> int:
    wanted = pages()
    if "--check" in argv:
        stale = [p for p, text in wanted.items() if not p.exists() or p.read_text("utf-8") != text]
        for p in stale:
            print(f"out of date: {p.relative_to(ROOT)}")
        return 1 if stale else 0
    for path, text in wanted.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(f"written: {len(wanted)} pages in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
