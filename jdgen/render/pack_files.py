"""The role pack as files: the JD's two editions and the pack's documents, named as ``jdgen pack`` names them."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence

from jdgen.decide.pack import PACK_DOCUMENTS, RolePack
from jdgen.decide.results import JobDescription
from jdgen.render.output import company_file
from jdgen.render.templates import Branding

#: The pack's files in the order they are written: the JD, its posting edition, then the pack's documents.
PACK_FILES = ("jd", "posting", *PACK_DOCUMENTS)


def pack_file_name(jd: JobDescription, name: str, fmt: str) -> str:
    """``acme-cco-digital-scorecard.docx``: a pack file's name (`name` one of `PACK_FILES`)."""
    return company_file(f"cco-{jd.archetype.id}-{name}", jd.company, fmt)


def pack_files(look: Branding, jd: JobDescription, pack: RolePack, formats: Sequence[str]) -> dict[str, bytes | str]:
    """Every file of the pack in every format, rendered, by file name (nothing is written)."""
    files: dict[str, bytes | str] = {}
    for fmt in formats:
        for name in PACK_FILES:
            document = jd if name in ("jd", "posting") else getattr(pack, name)
            files[pack_file_name(jd, name, fmt)] = look.render(document, fmt, posting=name == "posting")
    return files


def zipped(files: Mapping[str, bytes | str]) -> bytes:
    """The files in one zip archive, in the order given, text as UTF-8."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data.encode() if isinstance(data, str) else data)
    return buffer.getvalue()
