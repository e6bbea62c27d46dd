"""A job description as schema.org ``JobPosting`` JSON-LD: the structured data job search engines read.

`job_posting()` maps the JD's facts onto a JobPosting whose description is the HTML of the
posting edition; `to_jsonld()` writes it as a ``.jsonld`` file, and the HTML page of a JD embeds
the same object in its head. The rules are Google's, which are stricter than schema.org's:
https://developers.google.com/search/docs/appearance/structured-data/job-posting (the posting
check that names what a JD's JSON-LD lacks is `jdgen.postings.jsonld_checks`).
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdgen.common.countries import country_code, is_country
from jdgen.data.input_models import Location, Pay
from jdgen.decide.results import CodeRef, JobDescription
from jdgen.render.documents import layout
from jdgen.render.environment import render_template
from jdgen.render.html import markdown_body

GOOGLE_JOB_POSTING = "https://developers.google.com/search/docs/appearance/structured-data/job-posting"
#: An O*NET-SOC code (11-1011 or 11-1011.00) and its label, as the profile's category starts.
ONET_CODE = re.compile(r"^(\d{2}-\d{4}(?:\.\d{2})?)\s+(\S.*)$")
ONET_TAXONOMY = "https://www.onetcenter.org/taxonomy.html"
ONET_SUMMARY = "https://www.onetonline.org/link/summary/"
SOURCE = f"Google Search Central, Job posting (JobPosting) structured data: {GOOGLE_JOB_POSTING}"


def posting_description(jd: JobDescription, template_dirs: Sequence[str | Path] = ()) -> str:
    """The HTML of the JD's posting edition: the page's content only, never the internal advisory."""
    spec = layout(jd.posting_edition())
    return markdown_body(render_template(spec.template, spec.context, template_dirs), spec.shading)


def job_posting(jd: JobDescription, description_html: str) -> dict[str, Any]:
    """The JD as a schema.org JobPosting (JSON-ready, keys in a fixed order: Google's required first).

    Args:
        jd: the job description (either edition: only facts a posting shows are used).
        description_html: the posting edition's HTML, from `posting_description`.
    """
    organization = (
        {"@type": "Organization", "name": jd.company, "sameAs": jd.company_url, "logo": jd.logo_url}
        if jd.company
        else None
    )
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": jd.title,
        "description": description_html,
        "datePosted": jd.date_posted.isoformat() if jd.date_posted else None,
        # A date, not a date-time: applications close at the end of that day, and the profile
        # gives no time zone to pin a time to. Google accepts either ("2017-02-24").
        "validThrough": jd.valid_through.isoformat() if jd.valid_through else None,
        "employmentType": jd.employment_type,
        "hiringOrganization": _present(organization) if organization else None,
        **_where(jd),
        "baseSalary": _base_salary(jd.pay),
        # The page's "Apply at" link starts the application (schema.org: "multiple internet
        # domains might nevertheless be involved"). `url` is the posting's own address, from the
        # profile's posting_url: never the application form.
        "directApply": True if jd.apply_url else None,
        "url": jd.posting_url,
        # The requisition's number, named by the employer (Google: "the hiring organization's
        # unique identifier for the job", a PropertyValue; recommended).
        "identifier": _identifier(jd),
        "totalJobOpenings": jd.openings,
        "industry": jd.industry,
        # schema.org: a term from O*NET-SOC, ISCO-08 or similar, "repeated for each applicable
        # value", with its taxonomy, label and code (read 2026-12-04).
        "occupationalCategory": occupation_categories(jd),
        # What the posting says the hire will do (the internal edition's blocks when it has none).
        "responsibilities": [h.text for h in jd.highlights] or [f"{b.title}: {b.purpose}" for b in jd.blocks],
        "qualifications": list(jd.qualifications),
        # The competencies as the posting words them, then the ESCO skills they map to.
        "skills": [c.title for c in jd.competencies] + esco_skills(jd),
        "jobBenefits": "; ".join(jd.benefits),
        # schema.org JobPosting (read 2026-12-03): incentiveCompensation is Text ("bonus and
        # commission"), experienceRequirements an OccupationalExperienceRequirements with
        # monthsOfExperience, jobStartDate a Date or Text.
        "incentiveCompensation": "; ".join(x for x in (jd.bonus, jd.equity) if x) or None,
        "educationRequirements": (
            {"@type": "EducationalOccupationalCredential", "credentialCategory": jd.education} if jd.education else None
        ),
        "experienceRequirements": _experience(jd),
        "jobStartDate": jd.start,
    }
    return _present(data)


def to_jsonld(jd: JobDescription, template_dirs: Sequence[str | Path] = ()) -> str:
    """The JD's JobPosting as pretty JSON (UTF-8 characters kept, a final newline)."""
    data = job_posting(jd, posting_description(jd, template_dirs))
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def occupation_categories(jd: JobDescription) -> list[Any]:
    """The O*NET-SOC category from the profile, then the archetype's ISCO-08 group and ESCO occupation.

    A profile's category that does not start with an O*NET-SOC code stays text, which schema.org
    reads as O*NET-SOC.
    """
    categories: list[Any] = []
    if jd.occupational_category:
        onet = ONET_CODE.match(jd.occupational_category)
        if onet is None:
            categories.append(jd.occupational_category)
        else:
            code, label = onet.group(1), onet.group(2)
            url = f"{ONET_SUMMARY}{code}" if "." in code else None
            categories.append(_category(code, label, url, {"name": "O*NET-SOC", "url": ONET_TAXONOMY}))
    for ref in jd.occupation_codes:
        categories.append(_category(ref.code, ref.label, ref.uri, _code_set(ref)))
    return categories


def esco_skills(jd: JobDescription) -> list[dict[str, Any]]:
    """Each ESCO skill the JD's competencies map to, once, as a DefinedTerm of the ESCO skills set."""
    skills = {c.esco_skill.uri: c.esco_skill for c in jd.competencies if c.esco_skill}
    return [
        {
            "@type": "DefinedTerm",
            "name": ref.label,
            "url": ref.uri,
            "inDefinedTermSet": _code_set(ref, "DefinedTermSet"),
        }
        for ref in skills.values()
    ]


def _category(code: str | None, label: str, url: str | None, code_set: dict[str, Any]) -> dict[str, Any]:
    return _present(
        {
            "@type": "CategoryCode",
            "codeValue": code,
            "name": label,
            "url": url,
            "inCodeSet": {"@type": "CategoryCodeSet", **code_set},
        }
    )


def _code_set(ref: CodeRef, kind: str = "CategoryCodeSet") -> dict[str, Any]:
    return {"@type": kind, "name": ref.system, "version": ref.version, "url": ref.scheme}


def _identifier(jd: JobDescription) -> dict[str, Any] | None:
    """The requisition id as a PropertyValue named by the employer (its name, else "requisition")."""
    if not jd.requisition_id:
        return None
    return {"@type": "PropertyValue", "name": jd.company or "requisition", "value": jd.requisition_id}


def _experience(jd: JobDescription) -> dict[str, Any] | None:
    """The months of experience asked for, where the posting itself gives the years."""
    if jd.experience_years is None or (jd.experience and "years" not in jd.experience):
        return None
    return {"@type": "OccupationalExperienceRequirements", "monthsOfExperience": jd.experience_years * 12}


def _present(data: dict[str, Any]) -> dict[str, Any]:
    """`data` without its empty values (None, "", []), in the same order."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _where(jd: JobDescription) -> dict[str, Any]:
    """Where the job is: a jobLocation on site or hybrid; TELECOMMUTE and where applicants may live if remote.

    A fully remote hire reports to no workplace, so the profile's location gives only the
    default country applicants may live in. Hybrid jobs are not TELECOMMUTE (Google: only jobs
    done 100% remotely).
    """
    if jd.remote != "yes":
        return {"jobLocation": schema_place(jd.location)}
    country = jd.location.country if jd.location else None
    areas = [_area(name) for name in jd.remote_scope] or ([{"@type": "Country", "name": country}] if country else [])
    return {"jobLocationType": "TELECOMMUTE", "applicantLocationRequirements": areas}


def schema_place(location: Location | None) -> dict[str, Any] | None:
    """A Place with a PostalAddress; the country as an ISO 3166-1 code when it is a known name."""
    if location is None:
        return None
    country = location.country
    address = _present(
        {
            "@type": "PostalAddress",
            "addressLocality": location.city,
            "addressRegion": location.region,
            "addressCountry": (country_code(country) or country) if country else None,
        }
    )
    return {"@type": "Place", "address": address} if len(address) > 1 else None


def _area(name: str) -> dict[str, str]:
    """A Country for a known country name; else an AdministrativeArea (a state, a region, a city)."""
    kind = "Country" if is_country(name) else "AdministrativeArea"
    return {"@type": kind, "name": name}


def _base_salary(pay: Pay | None) -> dict[str, Any] | None:
    """A MonetaryAmount: one value, or a min–max range, per period; None without an amount or a currency."""
    if pay is None or not pay.currency or (pay.min is None and pay.max is None):
        return None
    if pay.min is not None and pay.min == pay.max:
        amount: dict[str, Any] = {"value": pay.min}
    else:
        amount = {"minValue": pay.min, "maxValue": pay.max}
    value = _present({"@type": "QuantitativeValue", **amount, "unitText": pay.period.upper() if pay.period else None})
    return {"@type": "MonetaryAmount", "currency": pay.currency, "value": value}


if not TYPE_CHECKING:  # hidden from type checkers, which would let any name through otherwise

    def __getattr__(name: str) -> Any:
        """`jsonld_findings`, which moved to `jdgen.postings.jsonld_checks` (kept until jdgen 0.6, with a warning)."""
        if name != "jsonld_findings":
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        warnings.warn(
            "jdgen.render.jsonld.jsonld_findings is now jdgen.postings.jsonld_checks.jsonld_findings; "
            "the old path goes in jdgen 0.6",
            DeprecationWarning,
            stacklevel=2,
        )
        from jdgen.postings.jsonld_checks import jsonld_findings  # an old path only: see tests/test_layout.py

        return jsonld_findings
