"""A neutral job JSON for unified-ATS users (Merge, Kombo, Apideck…) to map onto their model.

Its shape is jdgen's own and documented by ``schemas/unified-job.schema.json``: plain fields
every ATS has (title, requisition, employer, place, pay, dates), the posting as HTML and as
sections with their list items in text, the occupation codes, the skills, and the internal job
description without its advisory.
"""

from __future__ import annotations

from typing import Any

from jdgen.ats.model import Export
from jdgen.ats.sections import Edition, text_of
from jdgen.common.countries import country_code
from jdgen.decide.results import CodeRef, JobDescription

VERSION = "jdgen-unified-job/1"
_WORKPLACE = {"no": "onsite", "hybrid": "hybrid", "yes": "remote"}


def unified_export(jd: JobDescription, posting: Edition, internal: Edition, generator: str) -> Export:
    """The job as jdgen's neutral JSON; no request, since each unified API has its own."""
    location = jd.location
    job: dict[str, Any] = {
        "schema": VERSION,
        "generator": generator,
        "archetype": jd.archetype.id,
        "title": jd.title,
        "requisition_id": jd.requisition_id,
        "employer": {"name": jd.company, "url": jd.company_url, "logo_url": jd.logo_url, "industry": jd.industry},
        "employment_type": jd.employment_type,
        "workplace": _WORKPLACE[jd.remote],
        "location": (
            {
                "city": location.city,
                "region": location.region,
                "country": location.country,
                "country_code": country_code(location.country) if location.country else None,
            }
            if location
            else None
        ),
        "remote_scope": list(jd.remote_scope),
        "openings": jd.openings,
        "reports_to": jd.reports_to,
        "team_size": jd.team_size,
        "pay": jd.pay.model_dump() if jd.pay else None,
        "date_posted": jd.date_posted.isoformat() if jd.date_posted else None,
        "valid_through": jd.valid_through.isoformat() if jd.valid_through else None,
        "apply_url": jd.apply_url,
        "posting_url": jd.posting_url,
        "description_html": posting.without_title(),
        "sections": _sections(posting),
        "responsibilities": [h.text for h in jd.highlights],
        "qualifications": [q for q in (jd.experience, *jd.qualifications) if q],
        "benefits": list(jd.benefits),
        "occupation": {
            "onet_soc": jd.occupational_category,
            "codes": [_code(ref) for ref in jd.occupation_codes],
        },
        "skills": [{"name": c.title, "esco": _code(c.esco_skill) if c.esco_skill else None} for c in jd.competencies],
        "internal": {"description_html": internal.without_title()},
    }
    return Export(
        target="unified",
        api=VERSION,
        requests=(),
        job=_without_none(job),
        fill=(),
        notes=(
            "A neutral job for a unified ATS API: map its fields onto your provider's job model.",
            "internal holds the internal job description without its advisory; send it only where the hiring team reads it.",
        ),
        sources=(),
    )


def _sections(edition: Edition) -> list[dict[str, Any]]:
    return [
        {"kind": s.kind, "title": s.title, "html": s.body_without_title(), "items": [text_of(i) for i in s.items()]}
        for s in edition.sections
    ]


def _code(ref: CodeRef) -> dict[str, Any]:
    return {"system": ref.system, "version": ref.version, "code": ref.code, "label": ref.label, "uri": ref.uri}


def _without_none(value: Any) -> Any:
    """The value with every None (and every mapping left empty by that) removed, at any depth."""
    if isinstance(value, dict):
        kept = {key: _without_none(item) for key, item in value.items() if item is not None}
        return {key: item for key, item in kept.items() if item != {}}
    if isinstance(value, list):
        return [_without_none(item) for item in value]
    return value
