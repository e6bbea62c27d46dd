"""The wizard's downloads: the JD in every format, the board's and the team's documents, the role pack."""

from __future__ import annotations

from fastapi.responses import Response

from jdgen.data.catalog import Catalog
from jdgen.data.input_models import Profile
from jdgen.decide.pack import role_pack
from jdgen.decide.results import JobDescription
from jdgen.render.output import company_file
from jdgen.render.pack_files import pack_file_name, pack_files, zipped
from jdgen.web.api import Settings, document_response

#: The JD's formats, in the edition chosen on the preview.
DOWNLOADS: tuple[tuple[str, str], ...] = (
    ("docx", "Word (.docx)"),
    ("md", "Markdown (.md)"),
    ("html", "Web page (.html)"),
    ("json", "JSON (.json)"),
    ("jsonld", "JobPosting (.jsonld)"),
    ("pdf", "PDF (.pdf)"),
)

#: The board's and the executive team's documents, offered beside the JD's formats.
EXTRA_DOWNLOADS: tuple[tuple[str, str], ...] = (
    ("board.docx", "Board comparison (.docx)"),
    ("board.pdf", "Board comparison (.pdf)"),
    ("readiness.docx", "Readiness report (.docx)"),
    ("readiness.pdf", "Readiness report (.pdf)"),
)

#: The hiring team's documents: the role pack, made from the internal edition whatever the preview shows.
PACK_DOWNLOADS: tuple[tuple[str, str], ...] = (
    ("scorecard.docx", "Scorecard (.docx)"),
    ("interview.docx", "Interview kit (.docx)"),
    ("charter.docx", "Decision rights (.docx)"),
    ("pack.zip", "Whole pack in Word (.zip)"),
)


def offered(downloads: tuple[tuple[str, str], ...], pdf: bool) -> tuple[tuple[str, str], ...]:
    """The downloads this server can make: the PDFs only when it has LibreOffice."""
    return tuple((fmt, label) for fmt, label in downloads if pdf or not fmt.endswith("pdf"))


def pack_download(settings: Settings, catalog: Catalog, jd: JobDescription, profile: Profile, kind: str) -> Response:
    """One document of the role pack as Word, or the whole pack (`kind` "pack") as a zip of Word files."""
    made = role_pack(catalog, jd, profile)
    if kind == "pack":
        data = zipped(pack_files(settings.branding, jd, made, ["docx"]))
        name = company_file(f"cco-{jd.archetype.id}-pack", jd.company, "zip")
        return Response(
            data, media_type="application/zip", headers={"content-disposition": f'attachment; filename="{name}"'}
        )
    document = getattr(made, kind)
    return document_response(settings.branding.render(document, "docx"), "docx", pack_file_name(jd, kind, "docx"))
