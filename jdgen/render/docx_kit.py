"""The prepared reference a document is written into: kept in memory, and in the user's cache between runs.

A reference is prepared once for each (reference, orientation, language, marked or not) by
`jdgen.render.docx_prepare` with python-docx: its parts saved, the few a document changes cut
where the document's own text goes. The result is plain data (`DocumentKit`), kept in the
process and in the user's cache (`jdgen.common.cache`) under the reference's path, size and
time and the versions that made it: a later process writes documents without loading
python-docx at all.
"""

from __future__ import annotations

import importlib.util
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jdgen.common import cache, resources
from jdgen.common.errors import RenderError
from jdgen.render.docx_zip import Member

REFERENCE_NAME = "reference.docx"
#: The largest reference document read, and the most it may hold once unzipped (a zip bomb is refused).
MAX_REFERENCE_BYTES = 50_000_000
MAX_REFERENCE_UNZIPPED = 200_000_000

#: The document properties a layout gives, in core.xml.
PROPERTIES = ("title", "subject", "author", "keywords", "category")
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


#: A part's text cut where stand-ins were: the pieces, and the name of what goes between each two.
Cut = tuple[tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class DocumentKit:
    """A prepared reference: its saved parts, and where each document's own text goes in them."""

    parts: tuple[Member, ...]  # deflated, in the order python-docx saves them
    document: str  # the member names of the parts a document changes
    header: str
    core: str
    rels: str
    numbering: str | None
    body: tuple[str, str]  # document.xml before and after the body
    header_text: Cut  # the header part, cut where the marking and the header line go
    core_text: Cut  # core.xml, cut where each property's value and the date go
    rels_text: tuple[str, str]  # the document's relationships, cut where new ones go
    rel_ids: frozenset[str]  # the relationship ids the document part already uses
    numbering_text: tuple[str, str] | None  # numbering.xml, cut where new w:num go
    num_ids: frozenset[int]
    abstract_num: int | None  # the numbered-list style's abstract numbering (None: no restarts)
    text_width: int  # EMU between the margins


def fill(cut: Cut, values: dict[str, str]) -> str:
    """The pieces of `cut` with the named values between them."""
    pieces, names = cut
    out = [pieces[0]]
    for name, piece in zip(names, pieces[1:], strict=True):
        out += (values[name], piece)
    return "".join(out)


def builtin_reference() -> str:
    """The path of the built-in reference document."""
    return str(resources.templates_dir() / REFERENCE_NAME)


def reference_version(path: str) -> tuple[int, int]:
    """The file's modification time and size: the key its prepared forms are kept under.

    Raises:
        RenderError: the file is missing, a folder, not a regular file, or too large.
    """
    try:
        stat = Path(path).stat()
        if Path(path).is_dir():
            raise RenderError(f"{path}: is a folder; give a .docx file as the reference document")
        if stat.st_size > MAX_REFERENCE_BYTES or not Path(path).is_file():
            raise RenderError(
                f"{path}: not a regular file of at most {MAX_REFERENCE_BYTES // 1_000_000} MB; "
                "give a .docx file as the reference document"
            )
    except OSError as exc:
        raise RenderError(f"{path}: cannot read the reference document ({exc.strerror or exc})") from None
    return stat.st_mtime_ns, stat.st_size


def reference_key(reference: str | Path | None) -> tuple[str, int, int] | None:
    """What a document made from `reference` is cached under: its path and version (None: the built-in one).

    Raises:
        RenderError: the file is missing, not a regular file, or too large.
    """
    if reference is None:
        return None
    path = str(reference)
    return (path, *reference_version(path))


@lru_cache(maxsize=16)
def document_kit(reference: tuple[str, int, int] | None, landscape: bool, language: str, marked: bool) -> DocumentKit:
    """The reference prepared for documents of this orientation, language and marking: from memory, the cache, or made."""
    path = reference[0] if reference else None

    def build() -> DocumentKit:
        from jdgen.render.docx_prepare import build_kit

        return build_kit(path, landscape, language, marked)

    if cache.folder() is None:
        return build()
    name = "reference-" + cache.key(reference, landscape, language, marked, *_makers())
    return cache.remembered(name, build, encode=_encoded, decode=_decoded)


#: The modules whose code shapes a prepared reference (with the built-in reference, which lends its styles).
_PREPARERS = ("docx_prepare.py", "docx.py", "docx_kit.py", "docx_package.py", "docx_save.py", "docx_writer.py")


def _makers() -> tuple[Any, ...]:
    """What the prepared form depends on besides the reference: the code that prepares it, python-docx, the built-in reference."""
    here = Path(__file__).parent
    docx_spec = importlib.util.find_spec("docx")
    files = [docx_spec.origin if docx_spec and docx_spec.origin else None, builtin_reference()]
    files += [str(here / name) for name in _PREPARERS]
    return tuple(_stamp(f) for f in files)


def _stamp(path: str | None) -> Any:
    """A file's key, or its name alone where it cannot be read (an install without its sources)."""
    try:
        return cache.file_key(path) if path else None
    except OSError:
        return path


def _encoded(kit: DocumentKit) -> tuple[Any, ...]:
    return (tuple(astuple(member) for member in kit.parts), *astuple(kit)[1:])


def _decoded(data: tuple[Any, ...]) -> DocumentKit:
    parts, *rest = data
    return DocumentKit(tuple(Member(*member) for member in parts), *rest)
