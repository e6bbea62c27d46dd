"""The baselines beside jdgen's Word writer: docxtpl over the same reference, and the zip floor.

The docxtpl side is given exactly the content of jdgen's own .docx: `extract` reads jdgen's
output once (paragraph style ids, runs with bold/italic/character style/hyperlink, tables,
the page-header line and the document properties). `build_template` makes a docxtpl template
from jdgen's reference document: the body emptied, then one idiomatic docxtpl loop

    {%p for b in blocks %}
    {%p if b.kind == "table" %} <a JDTable table: {%tr for row %} / {%tc for cell %}{{r cell }}>
    {%p elif b.style == "Title" %}  [Title]  {{r b.text }}
    {%p elif b.style == "Heading1" %} [Heading1] {{r b.text }}
    …                               (one branch per paragraph style jdgen uses)
    {%p else %}                     [Normal] {{r b.text }}
    {%p endif %}
    {%p endfor %}

plus ``{{r header }}`` in the page header and ``{{ title }}``-style core properties. Each
document's context (docxtpl RichText objects, hyperlinks registered with the template) is
built inside the timed part, as a real docxtpl pipeline would build it.

The zip floor re-zips the parts of jdgen's own output (deflated, as jdgen writes them): the
least any writer of that .docx can cost.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn

#: The paragraph styles the template has a branch for, beside Normal (the else branch).
TEMPLATE_STYLES = (
    "Title",
    "Heading1",
    "Heading2",
    "Heading3",
    "ListBullet",
    "ListBullet2",
    "ListNumber",
    "Advisory",
    "AdvisoryCritical",
    "AdvisoryNote",
)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_PROPS = ("title", "subject", "author", "comments", "keywords", "category")

Run = tuple[str, bool, bool, str | None, str | None]  # text, bold, italic, character style, url


@dataclass
class Content:
    """What a jdgen .docx says, as plain data: blocks, the header line and the document properties."""

    blocks: list[dict[str, Any]] = field(default_factory=list)
    header: str = ""
    props: dict[str, str] = field(default_factory=dict)


def _run_text(run: Any) -> str:
    parts = []
    for child in run:
        if child.tag == qn("w:t"):
            parts.append(child.text or "")
        elif child.tag in (qn("w:br"), qn("w:cr")):
            parts.append("\n")
        elif child.tag == qn("w:tab"):
            parts.append("\t")
    return "".join(parts)


def _run(run: Any, url: str | None) -> Run:
    rpr = run.find(qn("w:rPr"))
    bold = italic = False
    rstyle = None
    if rpr is not None:
        bold = rpr.find(qn("w:b")) is not None
        italic = rpr.find(qn("w:i")) is not None
        style = rpr.find(qn("w:rStyle"))
        rstyle = style.get(qn("w:val")) if style is not None else None
    return (_run_text(run), bold, italic, rstyle, url)


def _paragraph_runs(p: Any, rels: Any) -> list[Run]:
    runs: list[Run] = []
    for child in p:
        if child.tag == qn("w:r"):
            runs.append(_run(child, None))
        elif child.tag == qn("w:hyperlink"):
            rid = child.get(qn("r:id"))
            url = rels[rid].target_ref if rid in rels else None
            runs.extend(_run(r, url) for r in child.iter(qn("w:r")))
    return runs


def _paragraph_style(p: Any) -> str:
    ppr = p.find(qn("w:pPr"))
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return style.get(qn("w:val")) if style is not None else "Normal"


def extract(docx_bytes: bytes) -> Content:
    """The content of a jdgen .docx: body blocks in order, the page-header text, the core properties."""
    document = docx.Document(BytesIO(docx_bytes))
    rels = document.part.rels
    content = Content()
    for child in document.element.body:
        if child.tag == qn("w:p"):
            runs = _paragraph_runs(child, rels)
            content.blocks.append({"kind": "p", "style": _paragraph_style(child), "runs": runs})
        elif child.tag == qn("w:tbl"):
            rows = []
            for tr in child.iter(qn("w:tr")):
                cells = []
                for tc in tr.iter(qn("w:tc")):
                    runs = [run for p in tc.iter(qn("w:p")) for run in _paragraph_runs(p, rels)]
                    cells.append(runs)
                rows.append(cells)
            content.blocks.append({"kind": "table", "rows": rows})
    content.header = "\n".join(p.text for p in document.sections[0].header.paragraphs if p.text)
    props = document.core_properties
    content.props = {name: getattr(props, name) or "" for name in _PROPS}
    return content


def _emptied(document: Any) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _tag(document: Any, text: str, style: str | None = None) -> None:
    paragraph = document.add_paragraph(text)
    if style:
        paragraph._p.style = style  # by style id, as jdgen's writer does


def _table(document: Any) -> None:
    table = document.add_table(rows=3, cols=3)
    table._tbl.tblPr.style = "JDTable"
    table.cell(0, 0).text = "{%tr for row in b.rows %}"
    table.cell(1, 0).text = "{%tc for cell in row %}"
    table.cell(1, 1).text = "{{r cell }}"
    table.cell(1, 2).text = "{%tc endfor %}"
    table.cell(2, 0).text = "{%tr endfor %}"


def build_template(reference: Path, out: Path) -> Path:
    """Write the docxtpl template (see the module docstring) made from `reference` to `out`."""
    document = docx.Document(str(reference))
    _emptied(document)
    _tag(document, "{%p for b in blocks %}")
    _tag(document, '{%p if b.kind == "table" %}')
    _table(document)
    for style in TEMPLATE_STYLES:
        _tag(document, f'{{%p elif b.style == "{style}" %}}')
        _tag(document, "{{r b.text }}", style)
    _tag(document, "{%p else %}")
    _tag(document, "{{r b.text }}")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p endfor %}")
    header = document.sections[0].header
    paragraphs = header.paragraphs
    target = paragraphs[-1] if paragraphs and not paragraphs[-1].text else header.add_paragraph()
    target.add_run("{{r header }}")
    props = document.core_properties
    for name in ("title", "subject", "author", "comments"):  # the properties docxtpl renders
        setattr(props, name, f"{{{{ {name} }}}}")
    document.save(str(out))
    return out


def _rich(template: Any, runs: list[Run]) -> Any:
    from docxtpl import RichText

    rich = RichText()
    for text, bold, italic, rstyle, url in runs:
        url_id = template.build_url_id(url) if url else None
        rich.add(text, bold=bold, italic=italic, style=rstyle, url_id=url_id)
    return rich


def context(template: Any, content: Content) -> dict[str, Any]:
    """The docxtpl context of one document (RichText per paragraph; hyperlinks related to `template`)."""
    from docxtpl import RichText

    blocks: list[dict[str, Any]] = []
    for block in content.blocks:
        if block["kind"] == "table":
            rows = [[_rich(template, cell) for cell in row] for row in block["rows"]]
            blocks.append({"kind": "table", "rows": rows})
        else:
            blocks.append({"kind": "p", "style": block["style"], "text": _rich(template, block["runs"])})
    return {"blocks": blocks, "header": RichText(content.header)} | {
        name: content.props.get(name, "") for name in ("title", "subject", "author", "comments")
    }


def render_docxtpl(template: Any, content: Content) -> bytes:
    """Render one document with an existing DocxTemplate object and return its bytes."""
    ctx = context(template, content)
    template.render(ctx, autoescape=True)
    props = template.docx.core_properties  # the two properties docxtpl does not render
    props.keywords = content.props.get("keywords", "")
    props.category = content.props.get("category", "")
    stream = BytesIO()
    template.save(stream)
    return stream.getvalue()


def per_document(template_path: Path, content: Content) -> bytes:
    """Render with docxtpl as one document costs: load the template from disk, build the context, render, save."""
    from docxtpl import DocxTemplate

    return render_docxtpl(DocxTemplate(str(template_path)), content)


class Reused:
    """One DocxTemplate object over the template's bytes held in memory, rendered again and again.

    docxtpl re-parses the template package on every render after the first (a rendered
    template cannot be rendered again), so this saves the file read and the object set-up only.
    """

    def __init__(self, template_path: Path) -> None:
        from docxtpl import DocxTemplate

        self.template = DocxTemplate(BytesIO(template_path.read_bytes()))

    def __call__(self, content: Content) -> bytes:
        """Render one document."""
        return render_docxtpl(self.template, content)


# --- the zip floor --------------------------------------------------------------------------


def zip_parts(docx_bytes: bytes) -> list[tuple[str, bytes]]:
    """The parts of a .docx, in archive order."""
    with zipfile.ZipFile(BytesIO(docx_bytes)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def zip_floor(parts: list[tuple[str, bytes]]) -> bytes:
    """Write the parts into a new deflated zip in memory (what jdgen's save does at the end)."""
    stream = BytesIO()
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, blob in parts:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, blob)
    return stream.getvalue()


# --- how equivalent the two documents are ---------------------------------------------------


def _shape(content: Content) -> dict[str, Any]:
    paragraphs = [b for b in content.blocks if b["kind"] == "p"]
    tables = [b for b in content.blocks if b["kind"] == "table"]
    runs = [r for b in paragraphs for r in b["runs"]]
    return {
        "paragraphs": len(paragraphs),
        "styles": dict(sorted(Counter(b["style"] for b in paragraphs).items())),
        "tables": [f"{len(t['rows'])}×{max((len(r) for r in t['rows']), default=0)}" for t in tables],
        "bold_runs": sum(1 for r in runs if r[1] and r[0].strip()),
        "italic_runs": sum(1 for r in runs if r[2] and r[0].strip()),
        "hyperlinks": len({r[4] for r in runs if r[4]}),
        "characters": sum(len(r[0]) for r in runs),
    }


def _texts(content: Content) -> list[tuple[str, str]]:
    out = []
    for block in content.blocks:
        if block["kind"] == "table":
            for row in block["rows"]:
                out.append(("table-row", " | ".join("".join(r[0] for r in cell) for cell in row)))
        else:
            out.append((block["style"], "".join(r[0] for r in block["runs"])))
    return out


def equivalence(jdgen_docx: bytes, docxtpl_docx: bytes) -> dict[str, Any]:
    """Compare the two documents: paragraph counts, styles, tables, runs, texts, header, properties."""
    a, b = extract(jdgen_docx), extract(docxtpl_docx)
    texts_a, texts_b = _texts(a), _texts(b)
    mismatches = [(i, x, y) for i, (x, y) in enumerate(zip(texts_a, texts_b, strict=False)) if x != y]
    first = None
    if mismatches:
        i, x, y = mismatches[0]
        first = {"index": i, "jdgen": [x[0], x[1][:80]], "docxtpl": [y[0], y[1][:80]]}
    props_equal = [k for k in _PROPS if a.props.get(k) == b.props.get(k)]
    return {
        "jdgen": _shape(a),
        "docxtpl": _shape(b),
        "blocks_compared": min(len(texts_a), len(texts_b)),
        "block_count_equal": len(texts_a) == len(texts_b),
        "style_and_text_mismatches": len(mismatches),
        "first_mismatch": first,
        "header_equal": a.header == b.header,
        "properties_equal": props_equal,
        "docx_bytes": {"jdgen": len(jdgen_docx), "docxtpl": len(docxtpl_docx)},
    }
