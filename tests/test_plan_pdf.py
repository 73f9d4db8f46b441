"""Does the Word plan survive LibreOffice: converted to PDF, is every activity's text there,
with its Kyrgyz letters?"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from toolkit import plan as P

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")


def pdf_text(path) -> str:
    if shutil.which("pdftotext"):
        out = subprocess.run(
            ["pdftotext", "-raw", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        return out.stdout
    pypdf = pytest.importorskip("pypdf", reason="needs pdftotext (poppler-utils) or pypdf")
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


def words(text: str) -> list[str]:
    # a word broken at a hyphen at the end of a line comes back joined: join them everywhere
    return re.findall(r"\w+", re.sub(r"-\s*", "", text.lower()))


@pytest.mark.slow
@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice (libreoffice-writer) is not installed")
@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_word_plan_converts_to_pdf_with_every_activity(tmp_path, lang):
    plan = P.load_plan("chet-nura", "waste")
    docx = P.write_docx(plan, tmp_path / f"waste_{lang}.docx", lang=lang)
    subprocess.run(
        [
            LIBREOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/lo_profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / f"waste_{lang}.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
    text = words(pdf_text(pdf))
    joined = " ".join(text)
    for a in plan.activities:
        for field in (a.no, a.activity, a.result, a.resources, a.deadline, a.responsible):
            # pdftotext -raw gives the text cell by cell, in the order it was written
            assert " ".join(words(field)) in joined, (a.no, field)
    for letter in "ңөү":
        assert letter in joined
    header = "өткөрүү мөөнөтү" if lang == "ky" else "срок исполнения"
    assert header in joined
