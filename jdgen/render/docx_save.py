"""Saving a Word document reproducibly: fixed zip entry times and document dates.

The same inputs give the same bytes, so a .docx can be compared, cached and checked in.
"""

from __future__ import annotations

import datetime
import zipfile
from io import BytesIO
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

#: Used for zip entries and document dates when the profile gives no date.
FIXED_TIME = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class _FixedTimeZip:
    """The physical writer python-docx's PackageWriter expects, with fixed entry times."""

    def __init__(self, stream: BytesIO) -> None:
        self._zip = zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED)

    def write(self, pack_uri: Any, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self._zip.writestr(info, blob)

    def close(self) -> None:
        self._zip.close()


def save_docx(document: DocxDocument, modified: datetime.datetime | None) -> bytes:
    """The document's bytes, reproducible: fixed zip times, created/modified = `modified` or a fixed date."""
    when = modified or FIXED_TIME
    props = document.core_properties
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
    props.last_modified_by = "jdgen"
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    stream = BytesIO()
    writer = _FixedTimeZip(stream)
    # PackageWriter.write() would open its own zip with the current time on every entry;
    # its three steps are called here with the fixed-time writer instead.
    from docx.opc.pkgwriter import PackageWriter  # here: writing a document from text needs no python-docx

    steps: Any = PackageWriter
    steps._write_content_types_stream(writer, parts)
    steps._write_pkg_rels(writer, package.rels)
    steps._write_parts(writer, parts)
    writer.close()
    return stream.getvalue()
