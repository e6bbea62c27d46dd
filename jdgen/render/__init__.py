"""Rendering and writing: templates, Markdown, HTML, Word, PDF, JSON, JSON-LD, files written whole. May import: `common`, `data`, `decide`.

One function, one module per format, one template per kind of document.

``render(document, "md" | "html" | "json" | "docx" | "pdf")`` for a job description, a board
comparison or a readiness report (PDF through LibreOffice, when it is installed), and
``render(jd, "jsonld")`` for a job description's schema.org JobPosting (which its HTML page
also carries). The document's Markdown template decides the wording and order for every text
format; the reference .docx decides the Word look. `output` writes files whole or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal, get_args

from jdgen.common.errors import InputError
from jdgen.decide.board_results import Comparison, ReadinessReport
from jdgen.decide.pack_results import Charter, InterviewKit, Scorecard
from jdgen.decide.results import JobDescription

Document = JobDescription | Comparison | ReadinessReport | Scorecard | InterviewKit | Charter

Format = Literal["docx", "md", "html", "json", "jsonld", "pdf"]
FORMATS: tuple[str, ...] = get_args(Format)
BINARY_FORMATS = frozenset({"docx", "pdf"})
EXTENSIONS: dict[str, str] = {
    ".docx": "docx",
    ".pdf": "pdf",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonld": "jsonld",
}


def render(
    document: Document,
    fmt: str = "docx",
    *,
    posting: bool = False,
    template_dirs: Sequence[str | Path] = (),
    reference: str | Path | None = None,
) -> bytes | str:
    """Render a job description, a board comparison or a readiness report.

    Args:
        document: from `compose()`, `compare()` or `readiness_report()`, or a role-pack document
            (`scorecard()`, `interview_kit()`, `charter()`).
        fmt: ``docx`` or ``pdf`` (bytes), ``md``, ``html``, ``json`` or ``jsonld`` (str). ``pdf`` is
            the .docx laid out by LibreOffice, as a tagged PDF. ``jsonld`` is a job
            description's schema.org JobPosting, always of its posting edition.
        posting: for a job description, leave the internal advisory (readiness, warnings,
            sources, why each block is there) out of every format, JSON included. Other
            documents are internal by nature and refuse it.
        template_dirs: folders searched before the built-in templates.
        reference: a .docx whose styles the Word output takes; the built-in one by default.

    Raises:
        InputError: an unknown format, or `posting` or ``jsonld`` for a document that is not a JD.
        RenderError: a template or the reference document failed, or (PDF) LibreOffice is not
            installed or failed.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if fmt == "jsonld":
        if not isinstance(document, JobDescription):
            raise InputError(f"only a job description has JSON-LD (a JobPosting), not a {type(document).__name__}")
        from jdgen.render.jsonld import to_jsonld

        return to_jsonld(document, template_dirs)  # always the posting edition, whatever `posting` says
    if posting:
        if not isinstance(document, JobDescription):
            raise InputError(f"only a job description has a posting edition, not a {type(document).__name__}")
        document = document.posting_edition()
    if fmt == "json":
        from jdgen.render.json import to_json

        return to_json(document)
    from jdgen.render.documents import layout
    from jdgen.render.environment import render_template

    spec = layout(document)
    text = render_template(spec.template, spec.context, template_dirs)
    if fmt == "md":
        return text
    if fmt == "html":
        from jdgen.render.html import html_page, markdown_body

        body = markdown_body(text, spec.shading)
        structured = None
        if isinstance(document, JobDescription):
            from jdgen.render.jsonld import job_posting, posting_description

            # The posting edition's page content is the JobPosting's description as it is.
            description = body if document.edition == "posting" else posting_description(document, template_dirs)
            structured = job_posting(document, description)
        return html_page(
            body,
            spec.header,
            template_dirs,
            wide=spec.landscape,
            structured_data=structured,
            language=spec.language,
            marking=spec.marking,
        )
    from jdgen.render.docx_document import markdown_to_docx

    blob = markdown_to_docx(text, spec, reference=reference)
    if fmt == "pdf":
        from jdgen.render.pdf import docx_to_pdf

        return docx_to_pdf(blob)
    return blob
