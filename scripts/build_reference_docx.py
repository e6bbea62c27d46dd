"""Build templates/reference.docx: the lean Word document whose styles jdgen's output takes.

Run it after changing a style here: ``python scripts/build_reference_docx.py``. It starts from
python-docx's default document, drops the parts the output never uses (thumbnail, custom XML,
a second copy of the styles, web settings), replaces the ~160 styles with the dozen the
writer uses, and adds a header (filled with company and role at render time) and a footer
with page numbers. HR teams who want their own look hand jdgen any .docx with these style ids.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from jdgen.render.docx_save import save_docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
INK = "1F3A5F"
ACCENT = "2E6E8E"
MUTED = "5F6B7A"
# The three kinds of advisory: critical (red), warning (amber), note (blue-grey). Each label
# ("Critical:", "Warning:", "Note:") says it in words too; the colours speed reading.
CRITICAL_FILL, CRITICAL_EDGE, CRITICAL_INK = "FDECEA", "B42318", "4A1510"
WARN_FILL, WARN_EDGE, WARN_INK = "FFF4E5", "B45309", "3D2A12"
NOTE_FILL, NOTE_EDGE, NOTE_INK = "EEF3F7", "5F6B7A", "1F2A36"


def _para(style_id: str, name: str, ppr: str = "", rpr: str = "", *, based: str = "Normal", extra: str = "") -> str:
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="{based}"/>{extra}<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>'
    )


def _advisory(style_id: str, name: str, fill: str, edge: str, ink: str) -> str:
    """A warning's paragraph style: a coloured bar on the left, a light fill, dark text."""
    return _para(
        style_id,
        name,
        f'<w:keepLines/><w:pBdr><w:left w:val="single" w:sz="24" w:space="8" w:color="{edge}"/></w:pBdr>'
        f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/><w:spacing w:before="0" w:after="160"/><w:ind w:left="227" w:right="113"/>',
        f'<w:color w:val="{ink}"/>',
    )


STYLES = f"""<w:styles {W}>
<w:docDefaults>
  <w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/>
    <w:color w:val="222222"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
  <w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>
  <w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>
{
    _para(
        "Title",
        "Title",
        '<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="6" w:color="'
        + ACCENT
        + '"/></w:pBdr><w:spacing w:after="200"/>',
        f'<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:b/><w:color w:val="{INK}"/><w:sz w:val="48"/><w:szCs w:val="48"/>',
        extra='<w:next w:val="Normal"/>',
    )
}
{
    _para(
        "Heading1",
        "heading 1",
        '<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/>',
        f'<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:b/><w:color w:val="{INK}"/><w:sz w:val="32"/><w:szCs w:val="32"/>',
        extra='<w:next w:val="Normal"/>',
    )
}
{
    _para(
        "Heading2",
        "heading 2",
        '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/>',
        f'<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:b/><w:color w:val="{ACCENT}"/><w:sz w:val="26"/><w:szCs w:val="26"/>',
        extra='<w:next w:val="Normal"/>',
    )
}
{
    _para(
        "Heading3",
        "heading 3",
        '<w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="40"/><w:outlineLvl w:val="2"/>',
        '<w:b/><w:color w:val="333333"/><w:sz w:val="22"/><w:szCs w:val="22"/>',
        extra='<w:next w:val="Normal"/>',
    )
}
{
    _para(
        "ListBullet",
        "List Bullet",
        '<w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="40"/><w:contextualSpacing/>',
    )
}
{
    _para(
        "ListBullet2",
        "List Bullet 2",
        '<w:numPr><w:numId w:val="2"/></w:numPr><w:spacing w:after="40"/><w:contextualSpacing/>',
    )
}
{
    _para(
        "ListNumber",
        "List Number",
        '<w:numPr><w:numId w:val="5"/></w:numPr><w:spacing w:after="40"/><w:contextualSpacing/>',
    )
}
{_advisory("Advisory", "Advisory", WARN_FILL, WARN_EDGE, WARN_INK)}
{_advisory("AdvisoryCritical", "Advisory Critical", CRITICAL_FILL, CRITICAL_EDGE, CRITICAL_INK)}
{_advisory("AdvisoryNote", "Advisory Note", NOTE_FILL, NOTE_EDGE, NOTE_INK)}
{
    _para(
        "Header",
        "header",
        '<w:tabs><w:tab w:val="right" w:pos="9360"/></w:tabs><w:spacing w:after="0"/>',
        f'<w:color w:val="{MUTED}"/><w:sz w:val="17"/><w:szCs w:val="17"/>',
    )
}
{
    _para(
        "Footer",
        "footer",
        '<w:jc w:val="center"/><w:spacing w:after="0"/>',
        f'<w:color w:val="{MUTED}"/><w:sz w:val="17"/><w:szCs w:val="17"/>',
    )
}
<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val="{
    ACCENT
}"/><w:u w:val="single"/></w:rPr></w:style>
<w:style w:type="table" w:styleId="JDTable"><w:name w:val="JD Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>
  <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>
  <w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="BFC7D1"/><w:left w:val="single" w:sz="4" w:space="0" w:color="BFC7D1"/>
    <w:bottom w:val="single" w:sz="4" w:space="0" w:color="BFC7D1"/><w:right w:val="single" w:sz="4" w:space="0" w:color="BFC7D1"/>
    <w:insideH w:val="single" w:sz="4" w:space="0" w:color="BFC7D1"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="BFC7D1"/></w:tblBorders>
    <w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>
  <w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{
    INK
}"/></w:tcPr></w:tblStylePr>
</w:style>
</w:styles>"""


def build(out: Path) -> None:
    """Write the reference document to `out`."""
    document = docx.Document()
    package = document.part.package
    for rId, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rId]
    for rId, rel in list(document.part.rels.items()):
        if rel.reltype in {RT.CUSTOM_XML, RT.WEB_SETTINGS} or rel.reltype.endswith("/stylesWithEffects"):
            del document.part.rels[rId]
    styles_part = document.part._styles_part
    styles_part._element = parse_xml(STYLES)

    section = document.sections[0]
    section.left_margin = section.right_margin = docx.shared.Inches(1)
    # Three-quarter-inch top and bottom margins, the header and footer half-way into them: a
    # posting of 600-700 words fits on two pages (Letter or A4).
    section.top_margin = section.bottom_margin = docx.shared.Inches(0.75)
    section.header_distance = section.footer_distance = docx.shared.Inches(0.4)
    section.header.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    header._p.style = "Header"
    footer = section.footer.paragraphs[0]
    footer._p.style = "Footer"
    footer._p.append(parse_xml(f'<w:r {W}><w:t xml:space="preserve">Page </w:t></w:r>'))
    footer._p.append(parse_xml(f'<w:fldSimple {W} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer._p.append(parse_xml(f'<w:r {W}><w:t xml:space="preserve"> of </w:t></w:r>'))
    footer._p.append(parse_xml(f'<w:fldSimple {W} w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))

    props = document.core_properties
    props.author = "jdgen"
    props.title = "Chief Customer Officer job description"
    props.comments = "Reference document for jdgen: its styles give the output its look."
    out.write_bytes(save_docx(document, modified=None))


if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"
    build(target)
    print(f"wrote {target}")
