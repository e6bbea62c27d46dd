"""Markdown → .docx bytes: the document's own text written into its prepared reference, then zipped.

The reference is prepared once (`jdgen.render.docx_kit`); a document is its body written as
WordprocessingML (`jdgen.render.docx_writer`), its header line, properties, hyperlinks and list
restarts spliced into the kept parts, and the whole zipped with the shared parts deflated once.
The bytes are those python-docx would save for the same document.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from jdgen.render import docx_xml as x
from jdgen.render.documents import Layout
from jdgen.render.docx_kit import PROPERTIES, TIME_FORMAT, document_kit, fill, reference_key
from jdgen.render.docx_save import FIXED_TIME
from jdgen.render.docx_writer import BodyWriter
from jdgen.render.docx_zip import archive, deflate
from jdgen.render.markdown import parse
from jdgen.render.text import clean

_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def markdown_to_docx(markdown_text: str, spec: Layout, reference: str | Path | None = None) -> bytes:
    """Write the Markdown into a document made from the reference and return its bytes.

    The layout gives the header line, the document properties, the table cells to shade and
    whether the pages are landscape.
    """
    kit = document_kit(reference_key(reference), spec.landscape, spec.language, bool(spec.marking))
    rels: dict[str, str] = {}  # target → id of each hyperlink's relationship

    def relate(url: str) -> str:  # one relationship per target, numbered as python-docx numbers them
        rel_id = rels.get(url)
        if rel_id is None:
            taken = kit.rel_ids | set(rels.values())
            rel_id = rels[url] = next(f"rId{n}" for n in range(1, len(taken) + 2) if f"rId{n}" not in taken)
        return rel_id

    restarts: dict[int, int] = {}  # numbering id → the number its list starts at

    def restart(start: int) -> int | None:
        if kit.abstract_num is None or kit.numbering_text is None:
            return None
        taken = kit.num_ids | set(restarts)
        num_id = next(n for n in range(1, len(taken) + 2) if n not in taken)
        restarts[num_id] = start
        return num_id

    body = BodyWriter(relate, restart, kit.text_width, shading=spec.shading).write(parse(markdown_text))
    header_content = x.run_content(clean(spec.header))
    header = f"<w:r>{header_content}</w:r>" if header_content else "<w:r/>"
    changed = {
        kit.document: body.join(kit.body),
        kit.header: fill(kit.header_text, {"marking": x.run_content(spec.marking or ""), "header": header}),
        kit.core: fill(kit.core_text, _core_values(spec)),
    }
    if rels:
        changed[kit.rels] = "".join(
            f'<Relationship Id="{rel_id}" Type="{_HYPERLINK}" Target="{x.attribute(url)}" TargetMode="External"/>'
            for url, rel_id in rels.items()
        ).join(kit.rels_text)
    if restarts and kit.numbering and kit.numbering_text:
        changed[kit.numbering] = "".join(
            f'<w:num w:numId="{n}"><w:abstractNumId w:val="{kit.abstract_num}"/><w:lvlOverride w:ilvl="0">'
            f'<w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
            for n, start in restarts.items()
        ).join(kit.numbering_text)
    return archive([deflate(p.name, changed[p.name].encode()) if p.name in changed else p for p in kit.parts])


def _core_values(spec: Layout) -> dict[str, str]:
    date = spec.date
    when = datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.UTC) if date else FIXED_TIME
    values = {
        name: x.text(getattr(spec, name) if name == "category" else clean(getattr(spec, name))) for name in PROPERTIES
    }
    return values | {"date": when.strftime(TIME_FORMAT)}
