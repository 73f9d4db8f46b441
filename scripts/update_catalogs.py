"""Collect every message of the toolkit into its gettext catalogs.

    python scripts/update_catalogs.py          # add new messages, keep translations
    python scripts/update_catalogs.py --check  # exit 1 if a catalog is out of date
    python scripts/update_catalogs.py tariff   # only the catalogs of one domain
    python scripts/update_catalogs.py --fill tariff ky ky.json  # set translations {msgid: msgstr}

A module chooses its catalog with ``_ = translator("domain")``; every
``_("…")`` and ``N_("…")`` in it is a message of that domain.  New messages are
added with an empty translation (English gets the message itself, as it is
the source language), translations already made are kept, and messages no
longer in the code are dropped.  Edit the ``.po`` files in Poedit or any
text editor.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.i18n import LANGUAGES, LOCALE_DIR, catalog  # noqa: E402

SOURCES = [ROOT / "toolkit", ROOT / "exercises" / "nbgrader_config.py"]
HEADER = (
    'msgid ""\nmsgstr ""\n'
    '"Project-Id-Version: algca-toolkit\\n"\n'
    '"Language: {lang}\\n"\n'
    '"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n'
)


def _files():
    for src in SOURCES:
        yield from ([src] if src.is_file() else sorted(src.rglob("*.py")))


def extract() -> dict[str, dict[str, list[str]]]:
    """``{domain: {msgid: [where, …]}}`` in the order the messages appear."""
    found: dict[str, dict[str, list[str]]] = {}
    for path in _files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        domain = None
        for node in tree.body:
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Call)
                and getattr(node.value.func, "id", getattr(node.value.func, "attr", None))
                == "translator"
                and node.value.args
                and isinstance(node.value.args[0], ast.Constant)
            ):
                domain = node.value.args[0].value
        if domain is None:
            continue
        where = path.relative_to(ROOT).as_posix()
        for node in sorted(ast.walk(tree), key=lambda n: getattr(n, "lineno", 0)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                places = found.setdefault(domain, {}).setdefault(node.args[0].value, [])
                if where not in places:  # file names only: line numbers would churn on every edit
                    places.append(where)
    return found


def _quote(text: str) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    lines = body.split("\n")
    if len(lines) == 1:
        return f'"{lines[0]}"'
    parts = [line + "\\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    return '""\n' + "\n".join(f'"{p}"' for p in parts)


def render(domain: str, lang: str, messages: dict[str, list[str]], old=None) -> str:
    old = catalog.__wrapped__(domain, lang) if old is None else old
    out = [HEADER.format(lang=lang)]
    for msgid, places in messages.items():
        msgstr = old.get(msgid) or (msgid if lang == "en" else "")
        out.append(
            "".join(f"#: {p}\n" for p in places[:3])
            + f"msgid {_quote(msgid)}\nmsgstr {_quote(msgstr)}\n"
        )
    return "\n".join(out)


def fill(domain: str, lang: str, translations: dict[str, str]) -> None:
    """Write translations into a catalog (the messages must already be in it)."""
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"
    merged = {**catalog.__wrapped__(domain, lang), **translations}
    messages = extract()[domain]
    unknown = set(translations) - set(messages)
    if unknown:
        raise SystemExit(f"not messages of {domain!r}: {sorted(unknown)}")
    path.write_text(render(domain, lang, messages, old=merged), encoding="utf-8")


def main(check: bool = False, only: set[str] | None = None) -> int:
    stale = []
    for domain, messages in sorted(extract().items()):
        if only and domain not in only:
            continue
        for lang in LANGUAGES:
            path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"
            text = render(domain, lang, messages)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.relative_to(ROOT).as_posix())
                if not check:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(text, encoding="utf-8")
    verb = "out of date" if check else "updated"
    for path in stale:
        print(f"{verb}: {path}")
    return 1 if (check and stale) else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "--fill":
        import json

        _, dom, lng, src = args
        fill(dom, lng, json.loads(Path(src).read_text(encoding="utf-8")))
        sys.exit(0)
    sys.exit(main(check="--check" in args, only={a for a in args if not a.startswith("-")}))
