"""The reference document: read safely, completed with the writer's styles, emptied (see `jdgen.render.docx_document`)."""

from __future__ import annotations

import contextlib
import copy
import zipfile
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any, cast

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart

from jdgen.common.errors import RenderError
from jdgen.render.docx_kit import MAX_REFERENCE_UNZIPPED, builtin_reference, reference_version
from jdgen.render.docx_package import PackageError, checked_package, strip_active_content
from jdgen.render.docx_writer import WRITER_STYLES


@lru_cache(maxsize=8)
def _cached_bytes(path: str, _mtime_ns: int, _size: int) -> bytes:
    """The file re-packed as its members really inflate (see `jdgen.render.docx_package`), once per version."""
    blob = Path(path).read_bytes()
    if not zipfile.is_zipfile(BytesIO(blob)):
        return blob  # python-docx says why the file is not a .docx
    try:
        return checked_package(blob, MAX_REFERENCE_UNZIPPED)
    except PackageError as exc:
        raise RenderError(f"{path}: {exc}; a reference document is a Word file saved as .docx") from None


def _reference_bytes(path: str) -> bytes:
    """The file's bytes, read again only when it changes (keyed on modification time and size)."""
    try:
        return _cached_bytes(path, *reference_version(path))
    except OSError as exc:
        raise RenderError(f"{path}: cannot read the reference document ({exc.strerror or exc})") from None


_NOT_DOCX = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    KeyError,
    ValueError,
    TypeError,  # python-docx, given a relationship without a target
    AttributeError,
    PackageNotFoundError,
    SyntaxError,  # lxml's XMLSyntaxError is a SyntaxError
    EOFError,
    NotImplementedError,  # python-docx raises it for some package shapes it cannot load
)


def _open(path: str) -> DocxDocument:
    try:
        document = docx.Document(BytesIO(_reference_bytes(path)))
    except _NOT_DOCX as exc:
        reason = str(exc) or type(exc).__name__
        if "is not a Word file" in reason:  # python-docx names the stream, not the file
            reason = "a Word template or macro-enabled document, not a document"
        raise RenderError(f"{path}: not a valid .docx ({reason}); give a Word document saved as .docx") from None
    if document.element.body.sectPr is None:  # the page size and margins the writer lays tables out in
        raise RenderError(f"{path}: has no page settings (section properties); open it in Word and save it again")
    return document


def open_reference(reference: str | Path | None = None) -> DocxDocument:
    """A fresh document opened from the reference .docx (the built-in one by default), body emptied.

    A user's reference keeps its styles, fonts, colours, page set-up, headers and footers; every
    style the writer needs that it lacks is taken from the built-in reference (see `missing_styles`).
    """
    if reference is None:
        return _emptied(_open(builtin_reference()))
    path = str(reference)
    try:
        return docx.Document(BytesIO(_prepared_reference(path, *reference_version(path))))
    except _NOT_DOCX as exc:  # not expected once `_open` has read it; still one line, never a 500 per request
        raise RenderError(f"{path}: cannot be used as the reference document ({exc})") from None


@lru_cache(maxsize=8)
def _prepared_reference(path: str, _mtime_ns: int, _size: int) -> bytes:
    """A user's reference, completed with the writer's styles and emptied, once per version of the file.

    Opening these bytes for each document costs what opening the built-in reference does; the
    style completion (which parses the built-in reference too) is not repeated per document.
    """
    document = _emptied(_open(path))
    strip_active_content(document)
    _complete_styles(document, _open(builtin_reference()))
    stream = BytesIO()
    document.save(stream)
    return stream.getvalue()


def _emptied(document: DocxDocument) -> DocxDocument:
    """The document without its body text (its section properties, headers and footers stay)."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def missing_styles(reference: str | Path) -> tuple[str, ...]:
    """The writer's styles that `reference` lacks, by display name; the built-in ones stand in for them.

    A style is found by id, or else by name (a reference saved by Word in another language
    keeps English names but may use other ids).

    Raises:
        RenderError: the file cannot be read or is not a valid .docx.
    """
    document = _open(str(reference))
    names = _builtin_names(_open(builtin_reference()))
    return tuple(names[style_id] for style_id in WRITER_STYLES if _find(document, style_id, names) is None)


def active_content(reference: str | Path) -> tuple[str, ...]:
    """What `reference` holds that Word would run or fetch; jdgen leaves it out of every document it writes.

    That is a macro project, a template fetched when Word opens the file, or an image or object
    linked from elsewhere.

    Raises:
        RenderError: the file cannot be read or is not a valid .docx.
    """
    return strip_active_content(_open(str(reference)))


def _builtin_names(builtin: DocxDocument) -> dict[str, str]:
    return {s.styleId: s.name_val or s.styleId for s in builtin.styles.element.style_lst}


def _find(document: DocxDocument, style_id: str, names: dict[str, str]) -> Any:
    """The document's style with this id, or with the same name (case aside); None if neither."""
    styles = document.styles.element
    found = styles.get_by_id(style_id)
    if found is not None:
        return found
    wanted = names.get(style_id, style_id).lower()
    return next((s for s in styles.style_lst if (s.name_val or "").lower() == wanted), None)


def _complete_styles(document: DocxDocument, builtin: DocxDocument) -> None:
    """Give `document` every style the writer uses.

    A style found by name under another id is renamed to the writer's id; a missing one is
    copied from the built-in reference, with the styles it is based on and its list numbering.
    """
    names = _builtin_names(builtin)
    for style_id in WRITER_STYLES:
        style = _find(document, style_id, names)
        if style is None:
            _copy_style(document, builtin, style_id)
        elif style.styleId != style_id:
            _rename_style(document, style.styleId, style_id)


def _rename_style(document: DocxDocument, old: str, new: str) -> None:
    """Give a style the writer's id, and follow the rename wherever the document refers to it."""
    for element in document.styles.element.iter(qn("w:style")):
        if element.get(qn("w:styleId")) == old:
            element.set(qn("w:styleId"), new)
    roots = [document.styles.element]
    with contextlib.suppress(KeyError):  # no numbering part
        roots.append(cast(NumberingPart, document.part.part_related_by(RT.NUMBERING)).element)
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            if not part.is_linked_to_previous:
                roots.append(part._element)
    for root in roots:
        for tag in ("w:basedOn", "w:next", "w:link", "w:pStyle", "w:rStyle", "w:tblStyle"):
            for element in root.iter(qn(tag)):
                if element.get(qn("w:val")) == old:
                    element.set(qn("w:val"), new)


def _copy_style(document: DocxDocument, builtin: DocxDocument, style_id: str) -> None:
    source = builtin.styles.element.get_by_id(style_id)
    if source is None or document.styles.element.get_by_id(style_id) is not None:
        return
    style = copy.deepcopy(source)
    for tag in ("w:next", "w:link"):  # optional links to styles the document may not have
        for element in style.findall(qn(tag)):
            if document.styles.element.get_by_id(element.get(qn("w:val"))) is None:
                style.remove(element)
    document.styles.element.append(style)
    based_on = style.basedOn_val
    if based_on and document.styles.element.get_by_id(based_on) is None:
        _copy_style(document, builtin, based_on)
    num_pr = style.pPr.numPr if style.pPr is not None else None
    if num_pr is not None and num_pr.numId is not None:
        new_id = _copy_numbering(document, builtin, num_pr.numId.val)
        if new_id is None:
            style.pPr.remove(num_pr)
        else:
            num_pr.numId.val = new_id


def _numbering(document: DocxDocument) -> Any:
    """The document's ``w:numbering`` element, adding an empty numbering part when it has none."""
    part = document.part
    try:
        return cast(NumberingPart, part.part_related_by(RT.NUMBERING)).element
    except KeyError:
        element = parse_xml(f"<w:numbering {nsdecls('w')}/>")
        partname = part.package.next_partname("/word/numbering%d.xml")
        part.relate_to(NumberingPart(partname, CT.WML_NUMBERING, element, part.package), RT.NUMBERING)
        return element


def _copy_numbering(document: DocxDocument, builtin: DocxDocument, num_id: int) -> int | None:
    """Copy a list numbering from the built-in reference; return its id in `document`."""
    source = builtin.part.numbering_part.element
    try:
        num = source.num_having_numId(num_id)
    except KeyError:
        return None
    abstract_id = num.abstractNumId.val
    abstract = next(
        (a for a in source.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == str(abstract_id)), None
    )
    if abstract is None:
        return None
    target = _numbering(document)
    taken = [int(a.get(qn("w:abstractNumId"), "0")) for a in target.findall(qn("w:abstractNum"))]
    new_abstract = copy.deepcopy(abstract)
    new_abstract.set(qn("w:abstractNumId"), str(max(taken, default=-1) + 1))
    for nsid in new_abstract.findall(qn("w:nsid")):  # a fresh list: Word merges lists that share an nsid
        new_abstract.remove(nsid)
    existing = target.findall(qn("w:abstractNum"))
    if existing:
        existing[-1].addnext(new_abstract)
    else:
        target.insert(0, new_abstract)
    added = target.add_num(int(new_abstract.get(qn("w:abstractNumId"))))
    return int(added.numId)
