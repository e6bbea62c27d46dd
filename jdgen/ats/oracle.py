"""Oracle Recruiting: the requisition's External* and Internal* text fields, each a PUT of its HTML.

Oracle Fusion Cloud HCM REST, resource recruitingJobRequisitions (docs.oracle.com farws, read
2026-12-04): the large-object fields ExternalDescriptionHTML, ExternalRespHTML,
ExternalQualHTML, their Internal* twins and the short descriptions are each written with
``PUT …/recruitingJobRequisitions/{id}/enclosure/{field}``, the raw text as the body. The
requisition itself (its title, organization, location, hiring team, flows) is created in
Oracle, whose ids are the tenant's. Oracle shows the Internal* fields to employees on the
internal career site (the Internal Job Requisition Details resource), so they take the posting
by default; the internal job description (without its advisory) only when asked.
"""

from __future__ import annotations

from html import escape

from jdgen.ats.model import ApiRequest, DocSource, Export
from jdgen.ats.sections import Edition
from jdgen.common.words import first_sentence
from jdgen.decide.results import JobDescription

RESOURCE = "https://{oracle_host}/hcmRestApi/resources/11.13.18.05/recruitingJobRequisitions/{oracle_requisition_id}"
SOURCES = (
    DocSource(
        title="Oracle Fusion Cloud HCM REST API: Recruiting Job Requisitions",
        url="https://docs.oracle.com/en/cloud/saas/human-resources/farws/api-recruiting-job-requisitions.html",
        read="2026-12-04",
    ),
    DocSource(
        title="Internal Job Requisition Details (what internal candidates see)",
        url="https://docs.oracle.com/en/cloud/saas/human-resources/farws/api-internal-job-requisition-details.html",
        read="2026-12-04",
    ),
)
PLACEHOLDERS = {
    "oracle_host": "Your Oracle Fusion host, e.g. abcd.fa.us2.oraclecloud.com.",
    "oracle_requisition_id": "The requisition's recruitingJobRequisitionsUniqID.",
}


def oracle_export(jd: JobDescription, posting: Edition, internal: Edition | None) -> Export:
    """One PUT per text field: description, responsibilities and qualifications, external and internal.

    `internal`: the internal job description for the Internal* fields; None gives them the posting.
    """
    fields: list[tuple[str, str]] = []
    for prefix, edition in (("External", posting), ("Internal", internal or posting)):
        fields += [
            (f"{prefix}DescriptionHTML", _joined(edition, "header", "description", "closing")),
            (f"{prefix}RespHTML", _joined(edition, "responsibilities")),
            (f"{prefix}QualHTML", _joined(edition, "qualifications")),
            (f"{prefix}ShortDescription", short_description(jd)),
        ]
    requests = tuple(
        ApiRequest(
            name=f"set {name}",
            method="PUT",
            url=f"{RESOURCE}/enclosure/{name}",
            content_type="application/octet-stream",
            body=text,
            schema_name="oracle-enclosure",
        )
        for name, text in fields
        if text
    )
    return Export(
        target="oracle",
        api="Oracle Fusion Cloud HCM REST 11.13.18.05",
        requests=requests,
        fill=(),
        notes=(
            (
                "Create the requisition in Oracle first (title, organization, location, hiring team and flows "
                "use your tenant's ids); these requests set its texts."
            ),
            "Each request needs a user with the Use REST Service - Job Requisitions duty role.",
            (
                "Oracle shows the Internal* fields to employees on the internal career site: they carry the "
                "internal job description without its advisory (readiness, who answered what, chasm warnings)."
            ),
        ),
        sources=SOURCES,
    )


_INTERNAL_NOTE = {
    "posting": "Oracle shows the Internal* fields to employees on the internal career site, so they carry the "
    "posting, as the External* fields do (--oracle-internal internal gives them the internal job description).",
    "internal": "Oracle shows the Internal* fields to employees on the internal career site: they carry the "
    "internal job description (its duties, measures, reporting lines and first 90 days), without its advisory.",
}


def _joined(edition: Edition, *kinds: str) -> str:
    parts = []
    for section in edition.sections:
        if section.kind not in kinds:
            continue
        if section.kind == "header":
            parts.append(section.body_without_title())
        elif kinds == (section.kind,):
            parts.append(section.html)  # the field is this one section: its label is the heading
        else:
            parts.append(f"<h2>{escape(section.title)}</h2>{section.html}")
    return "\n".join(p for p in parts if p)


def short_description(jd: JobDescription) -> str:
    """The mandate's first sentence: what the role is, in one line."""
    return first_sentence(jd.mandate)
