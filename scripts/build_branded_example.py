"""Build examples/branding/reference.docx: a branded reference document, as an HR team would make one.

It is what you get by opening the exported reference.docx in Word (`jdgen templates export
DIR`), changing fonts and colours, and putting a letterhead in the header: here done with
python-docx so that it can be rebuilt (``python scripts/build_branded_example.py``). The
README's "Customising" section uses it; tests check its look reaches the output.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from jdgen.render.docx_save import save_docx

BRAND = RGBColor(0x0B, 0x5D, 0x3B)  # Northwind green
SERIF, SANS = "Georgia", "Arial"


def build(out: Path) -> None:
    document = docx.Document(str(ROOT / "templates" / "reference.docx"))
    styles = document.styles
    styles["Normal"].font.name = SANS
    styles["Normal"].font.size = Pt(10.5)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        font = styles[name].font
        font.name = SERIF
        font.color.rgb = BRAND
    header = document.sections[0].header
    letterhead = header.paragraphs[0]
    letterhead.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = letterhead.add_run("NORTHWIND OUTFITTERS")
    run.bold = True
    run.font.color.rgb = BRAND
    letterhead.add_run("  ·  People & Talent")
    header.add_paragraph()  # jdgen writes the company and role on this line
    footer = document.sections[0].footer.paragraphs[0]
    footer.insert_paragraph_before("northwind.example · Confidential until posted")
    out.write_bytes(save_docx(document, modified=None))


if __name__ == "__main__":
    build(ROOT / "examples" / "branding" / "reference.docx")
    print("wrote examples/branding/reference.docx")
