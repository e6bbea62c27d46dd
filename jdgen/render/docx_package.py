"""Word files from outside, read with a budget and without their active content.

A .docx is a zip archive, and each member declares its own size: a member may claim a few
kilobytes and inflate to gigabytes, and Python's zip reader inflates a whole member in one call
before it compares. `checked_package` therefore inflates every member in small steps, counting
the bytes, and re-packs what it read, so that python-docx never sees the original archive.

A reference document's styles go into every JD jdgen writes, so what a brand kit must not pass
on is taken out (`strip_active_content`): a macro project, a template fetched from a server when
Word opens the file, an image or object linked from elsewhere (which makes Word connect out).
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

_STEP = 1 << 20  # inflate at most 1 MiB per call
#: Most XML a Word file jdgen reads may hold once unzipped: Word's own files hold well under 1 MB;
#: every extra megabyte is parsed again for each document.
MAX_XML_BYTES = 10_000_000
_XML_SUFFIXES = (".xml", ".rels")
_VBA = "http://schemas.microsoft.com/office/2006/relationships/vba"  # vbaProject, vbaData
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class PackageError(ValueError):
    """The archive is not one jdgen reads: its message says why, in words for the user."""


def checked_package(blob: bytes, budget: int, xml_budget: int = MAX_XML_BYTES) -> bytes:
    """The archive re-packed from its members as they really inflate, within `budget` bytes in all.

    Raises:
        PackageError: with a message that completes "FILE: …" (``unzips to more than …``).

        PackageError: the archive inflates past `budget` (or its XML past `xml_budget`), a
            member declares a DOCTYPE (Word never writes one; entities have no place in a .docx),
            or the archive is not a valid zip file.
    """
    out = io.BytesIO()
    total = xml_total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as archive, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as packed:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                is_xml = info.filename.lower().endswith(_XML_SUFFIXES)
                data = bytearray()
                with archive.open(info) as member:
                    while chunk := member.read(_STEP):
                        data += chunk
                        total += len(chunk)
                        xml_total += len(chunk) if is_xml else 0
                        if total > budget:
                            raise PackageError(f"unzips to more than {budget:,} bytes")
                        if xml_total > xml_budget:
                            raise PackageError(f"unzips to more than {xml_budget:,} bytes of XML")
                if is_xml and b"<!DOCTYPE" in data:
                    raise PackageError(f"{info.filename} declares a DOCTYPE, which Word never writes")
                packed.writestr(_fixed(info), bytes(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, OSError, RuntimeError) as exc:
        # RuntimeError: an encrypted member
        raise PackageError(f"is damaged ({str(exc) or type(exc).__name__})") from None
    return out.getvalue()


def _fixed(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """The member's name and date, compressed afresh (the original's sizes and flags are not kept)."""
    fresh = zipfile.ZipInfo(
        info.filename, date_time=info.date_time if info.date_time[0] >= 1980 else (1980, 1, 1, 0, 0, 0)
    )
    fresh.compress_type = zipfile.ZIP_DEFLATED
    return fresh


def strip_active_content(document: Any) -> tuple[str, ...]:
    """Take out of an opened python-docx document what Word would run or fetch; say what went.

    Dropped: relationships to a macro project (``vbaProject.bin``) and every relationship to a
    target outside the file, except hyperlinks (which Word opens only when clicked). The
    attributes and elements that name a dropped relationship go too, so Word opens the file
    without a repair prompt.
    """
    dropped: list[str] = []
    for part in [document.part.package, *document.part.package.iter_parts()]:
        rels = part.rels
        gone = [
            rel_id
            for rel_id, rel in list(rels.items())
            if rel.reltype.startswith(_VBA) or (rel.is_external and rel.reltype != _HYPERLINK)
        ]
        for rel_id in gone:
            rel = rels[rel_id]
            kind = rel.reltype.rsplit("/", 1)[-1]
            target = rel.target_ref if rel.is_external else rel.target_ref.rsplit("/", 1)[-1]
            dropped.append(f"{kind} ({target[:80]})")
            del rels[rel_id]
            element = getattr(part, "element", None)
            if element is not None:
                _unname(element, rel_id)
    return tuple(dropped)


def _unname(element: Any, rel_id: str) -> None:
    """Remove what names relationship `rel_id`: an element whose only job it is, else the attribute."""
    for node in list(element.iter()):
        for name, value in list(node.attrib.items()):
            if value == rel_id and name.startswith(f"{{{_R}}}"):
                if node.tag.rsplit("}", 1)[-1] == "attachedTemplate":
                    node.getparent().remove(node)
                    break
                del node.attrib[name]
