"""SEEK: the GraphQL ``postPosition`` mutation and its variables, from the posting edition.

SEEK API (developer.seek.com, schema pages PostPositionInput, PostPosition_PositionProfileInput,
PositionFormattedDescriptionInput, RemunerationPackageInput, CreatePostingInstructionInput and
the job-posting guides, read 2026-12-04), seekAnz scheme: a title of at most 80 characters;
AdvertisementDetails (HTML, at most 15,000 characters) and SearchSummary (at most 150) are
required, with up to three search bullet points of at most 80; one pay range whose basis and
interval agree; one category, location and hirer, which are SEEK's ids.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from jdgen.ats.html_subset import Subset, restrict
from jdgen.ats.model import ApiRequest, DocSource, Export
from jdgen.ats.sections import Edition
from jdgen.common.errors import InputError
from jdgen.common.words import first_sentence
from jdgen.decide.results import JobDescription
from jdgen.render.text import pay_range

DOCS = "https://developer.seek.com"
SOURCES = (
    DocSource(
        title="SEEK API: PostPosition_PositionProfileInput",
        url=f"{DOCS}/schema/named-type/PostPosition_PositionProfileInput",
        read="2026-12-04",
    ),
    DocSource(title="SEEK API: Salary", url=f"{DOCS}/use-cases/job-posting/salary", read="2026-12-04"),
    DocSource(
        title="SEEK API: Position profiles", url=f"{DOCS}/use-cases/job-posting/position-profiles", read="2026-12-04"
    ),
)
PLACEHOLDERS = {
    "seek_hirer_id": "Your SEEK hirer id (the posting requester and organization).",
    "seek_job_category_id": "A child job category id, from SEEK's jobCategorySuggestions query.",
    "seek_location_id": "A location id, from SEEK's locationSuggestions query.",
    "seek_advertisement_product_id": "The ad product chosen for this ad, from SEEK's advertisementProducts query.",
    "contact_name": "The recruiter SEEK may contact about the ad.",
    "contact_email": "That recruiter's email address.",
}
MUTATION = (
    "mutation ($input: PostPositionInput!) { postPosition(input: $input) { "
    "... on PostPositionPayload_Success { positionOpening { documentId { value } } positionProfile { profileId { value } } } "
    "... on PostPositionPayload_Conflict { conflictingPositionOpening { documentId { value } } "
    "conflictingPositionProfile { profileId { value } } } } }"
)
ADVERTISEMENT = Subset(
    frozenset({"b", "br", "div", "em", "h2", "li", "ol", "p", "strong", "ul"}),
    wrap={"h1": ("h2",), **{f"h{n}": ("p", "strong") for n in range(3, 7)}},
)
LIMITS = {
    "title": 80,
    "AdvertisementDetails": 15000,
    "SearchSummary": 150,
    "SearchBulletPoint": 80,
    "pay": 50,
    "seekHirerJobReference": 50,
}
#: The currencies SEEK takes (its currencies query; the SEEK API schema, 2023).
CURRENCIES = (
    "AUD",
    "BDT",
    "CNY",
    "EUR",
    "GBP",
    "HKD",
    "IDR",
    "INR",
    "JPY",
    "MYR",
    "NZD",
    "PHP",
    "SGD",
    "THB",
    "USD",
    "VND",
)
_WORK_TYPE = {
    "FULL_TIME": "FullTime",
    "PART_TIME": "PartTime",
    "CONTRACTOR": "ContractTemp",
    "TEMPORARY": "ContractTemp",
    "PER_DIEM": "Casual",
}
_ARRANGEMENT = {"no": "OnSite", "hybrid": "Hybrid", "yes": "Remote"}
_INTERVAL = {"year": ("Salaried", "Year"), "month": ("Salaried", "Month"), "hour": ("Hourly", "Hour")}


def seek_export(jd: JobDescription, posting: Edition, hirer: str | None = None) -> Export:
    """The postPosition request: a new position opening with its ad; `hirer` the hirer id, when known."""
    details = restrict(posting.without_title(), ADVERTISEMENT)
    _check_length("AdvertisementDetails", details, "shorten the posting or its custom template")
    _check_length("title", jd.title, "shorten the job title")
    descriptions = [
        {"descriptionId": "AdvertisementDetails", "content": details},
        {"descriptionId": "SearchSummary", "content": _cut(first_sentence(jd.mandate), LIMITS["SearchSummary"])},
        *({"descriptionId": "SearchBulletPoint", "content": point} for point in bullet_points(jd)),
    ]
    profile: dict[str, Any] = {
        "positionTitle": jd.title,
        "positionFormattedDescriptions": descriptions,
        "offeredRemunerationPackage": remuneration(jd),
        "jobCategories": ["{seek_job_category_id}"],
        "positionLocation": ["{seek_location_id}"],
        "positionOrganizations": ["{seek_hirer_id}"],
        "postingInstructions": [_instruction(jd, descriptions, hirer)],
        "seekAnzWorkTypeCode": _work_type(jd),
        "seekWorkArrangementCodes": [_ARRANGEMENT[jd.remote]],
    }
    if jd.requisition_id:
        _check_length("seekHirerJobReference", jd.requisition_id, "shorten requisition_id")
        profile["seekHirerJobReference"] = jd.requisition_id
    opening = {
        "postingRequester": {
            "id": "{seek_hirer_id}",
            "roleCode": "Company",
            "personContacts": [
                {
                    "name": {"formattedName": "{contact_name}"},
                    "communication": {"email": [{"address": "{contact_email}"}], "phone": []},
                    "roleCode": "Recruiter",
                }
            ],
        }
    }
    request = ApiRequest(
        name="post the position and its ad",
        method="POST",
        url="https://graphql.seek.com/graphql",
        content_type="application/json",
        body={"query": MUTATION, "variables": {"input": {"positionOpening": opening, "positionProfile": profile}}},
        schema_name="seek-post-position",
    )
    return Export(
        target="seek",
        api="SEEK API (GraphQL), seekAnz",
        requests=(request,),
        fill=(),
        notes=(
            "The request needs a partner token acting for the hirer; posting an ad is charged to the hirer.",
            (
                "SEEK's ad keeps only the tags it allows (p, ul, li, strong, em, h2…); links are written as text, "
                "because SEEK shows them only for hirers who opt in."
            ),
            (
                "The idempotencyId is derived from the ad's content and the hirer: sending the same ad twice is "
                "answered with a conflict rather than a second ad. Change the ad, or the id, to post it again."
            ),
            *_closing_note(jd),
        ),
        sources=SOURCES,
    )


def remuneration(jd: JobDescription) -> dict[str, Any]:
    """SEEK's pay package: one range, with the basis and interval SEEK pairs together."""
    pay = jd.pay
    if pay is None or pay.min is None or not pay.currency:
        raise InputError("SEEK requires pay: set pay.min, pay.max and pay.currency in the profile")
    if pay.period not in _INTERVAL:
        raise InputError(
            f"SEEK takes pay per year, month or hour, not per {pay.period or '(no period)'}: set pay.period"
        )
    if pay.currency not in CURRENCIES:
        raise InputError(f"SEEK takes pay in {', '.join(CURRENCIES)}, not {pay.currency}: set pay.currency")
    basis, interval = _INTERVAL[pay.period]
    minimum = {"currency": pay.currency, "value": float(pay.min)}
    maximum = {"currency": pay.currency, "value": float(pay.max if pay.max is not None else pay.min)}
    shown = pay_range(pay)
    return {
        "basisCode": basis,
        "descriptions": [shown] if len(shown) <= LIMITS["pay"] else [],
        "ranges": [{"intervalCode": interval, "minimumAmount": minimum, "maximumAmount": maximum}],
    }


def bullet_points(jd: JobDescription) -> list[str]:
    """Up to three short facts for SEEK's search results: the reporting line, the team, where."""
    place = jd.location.label() if jd.location else ""
    where = {"no": place, "hybrid": f"Hybrid, {place}" if place else "Hybrid", "yes": "Remote"}[jd.remote]
    points = [
        f"Reports to the {jd.reports_to}",
        f"A team of {jd.team_size} at the start" if jd.team_size else "",
        where,
    ]
    return [_cut(p, LIMITS["SearchBulletPoint"]) for p in points if p][:3]


def _work_type(jd: JobDescription) -> str:
    if jd.employment_type not in _WORK_TYPE:
        valid = ", ".join(_WORK_TYPE)
        raise InputError(f"SEEK has no work type for {jd.employment_type}: set employment_type to one of {valid}")
    return _WORK_TYPE[jd.employment_type]


def _instruction(jd: JobDescription, descriptions: list[dict[str, str]], hirer: str | None) -> dict[str, Any]:
    digest = json.dumps([hirer, jd.title, jd.company, jd.requisition_id, descriptions], sort_keys=True)
    instruction: dict[str, Any] = {
        "idempotencyId": str(uuid.uuid5(uuid.NAMESPACE_URL, "jdgen:seek:" + digest)),
        "seekAdvertisementProductId": "{seek_advertisement_product_id}",
    }
    if jd.apply_url:
        instruction["applicationMethods"] = [{"applicationUri": {"url": jd.apply_url}}]
    return instruction


def _closing_note(jd: JobDescription) -> tuple[str, ...]:
    """What to do about the closing date: SEEK ends an ad 30 days after it is sent, or at an end set then."""
    if jd.valid_through is None:
        return ()
    close = jd.valid_through.isoformat()
    return (
        (
            f"Applications close {close}: SEEK runs an ad for 30 days from when it is sent. To end it sooner, add "
            f'"end": "{close}T23:59:59Z" (at most 30 days ahead) to postingInstructions when you send it.'
        ),
    )


def _check_length(what: str, text: str, fix: str) -> None:
    if len(text) > LIMITS[what]:
        raise InputError(f"SEEK takes at most {LIMITS[what]:,} characters of {what}, this has {len(text):,}: {fix}")


def _cut(text: str, limit: int) -> str:
    """Plain text of at most `limit` characters, cut at a word with an ellipsis when longer."""
    plain = " ".join(text.split())
    if len(plain) <= limit:
        return plain
    return plain[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
