"""Lever: the body of "Create a posting" (``POST /v1/postings``), from the posting edition.

Lever API v1 (https://hire.lever.co/developer/documentation, "Create a posting" and "HTML
support", read 2026-12-04): ``text`` is the title; ``content`` holds ``descriptionHtml``,
``lists`` of ``{text, content}`` and ``closingPostingHtml``; ``salaryRange`` needs all four of
min, max, currency and interval. Descriptions take only ``div p span br b i s u a``, and a list's
content only ``li`` items, so the sections are cut down to that (`html_subset`).
"""

from __future__ import annotations

import html
from typing import Any

from jdgen.ats.html_subset import Subset, restrict
from jdgen.ats.model import ApiRequest, DocSource, Export
from jdgen.ats.sections import Edition, Section, SectionKind
from jdgen.decide.results import JobDescription
from jdgen.render.text import pay_range

DOCS = "https://hire.lever.co/developer/documentation"
SOURCES = (
    DocSource(title="Lever API: Create a posting; HTML support", url=f"{DOCS}#create-a-posting", read="2026-12-04"),
)
PLACEHOLDERS = {"lever_user_id": "The Lever user the posting is created as (perform_as); it owns the posting."}

DESCRIPTION = Subset(
    frozenset({"div", "p", "span", "br", "b", "i", "s", "u", "a"}),
    rename={"strong": "b", "em": "i", "ul": "div", "ol": "div"},
    wrap={f"h{n}": ("p", "b") for n in range(1, 7)},
    bullet=True,
)
LIST_ITEMS = Subset(frozenset({"b", "i", "s", "u", "a"}), rename={"strong": "b", "em": "i"})
#: The kinds of section that become one of Lever's lists when they are one list and nothing else.
_LISTED: tuple[SectionKind, ...] = ("responsibilities", "qualifications", "description")
_WORKPLACE = {"no": "onsite", "hybrid": "hybrid", "yes": "remote"}
_COMMITMENT = {"FULL_TIME": "Full-time", "PART_TIME": "Part-time", "CONTRACTOR": "Contractor", "TEMPORARY": "Temporary"}


def lever_export(jd: JobDescription, posting: Edition) -> Export:
    """The Lever request that creates the posting as a draft."""
    opening, listed, closing = _in_lever_order(posting)
    body: dict[str, Any] = {
        "text": jd.title,
        "state": "draft",
        "categories": _categories(jd),
        "content": {
            "descriptionHtml": _description(opening),
            "lists": [_list(s) for s in listed],
            "closingPostingHtml": _description(closing),
        },
        "workplaceType": _WORKPLACE[jd.remote],
        "requisitionCodes": [jd.requisition_id] if jd.requisition_id else [],
        **_salary(jd),
    }
    request = ApiRequest(
        name="create the posting (a draft)",
        method="POST",
        url="https://api.lever.co/v1/postings?perform_as={lever_user_id}",
        content_type="application/json",
        body=_present(body),
        schema_name="lever-posting",
    )
    return Export(
        target="lever",
        api="Lever API v1",
        requests=(request,),
        fill=(),
        notes=(
            "Lever creates the posting as a draft and skips its approval chain; publish it in Lever.",
            (
                "Lever's description takes no lists or headings: headings are bold paragraphs, and each "
                "list of the posting (what you will do, what you bring, outcomes, measures) is one of Lever's lists."
            ),
            (
                "A list is written once, in lists, and not again in the description. Lever shows the description, "
                "then the lists, then the closing: the sections after the first list (about the company, pay, "
                "equal opportunity, how to apply) are in the closing, so the posting keeps its order."
            ),
            (
                "categories (location, commitment) and requisitionCodes are matched against the tags and "
                "requisitions your Lever account already has; add team and department in Lever, or to the body."
            ),
            *_commitment_note(jd),
        ),
        sources=SOURCES,
    )


def _in_lever_order(posting: Edition) -> tuple[list[Section], list[Section], list[Section]]:
    """The sections as Lever shows them: the description, then the lists, then the closing.

    A section that is one list becomes one of Lever's lists. The others keep their place around
    them: those before the first list open the posting, those after it (about the company, pay,
    equal opportunity, how to apply) close it, so a candidate reads the work before the perks.
    """
    opening: list[Section] = []
    listed: list[Section] = []
    closing: list[Section] = []
    for section in posting.sections:
        if section.is_list() and section.kind in _LISTED:
            listed.append(section)
        elif listed or section.kind == "closing":
            closing.append(section)
        else:
            opening.append(section)
    return opening, listed, closing


def _description(sections: list[Section]) -> str:
    parts = []
    for section in sections:
        heading = f"<h3>{html.escape(section.title)}</h3>" if section.title else ""
        parts.append(restrict(heading + section.body_without_title(), DESCRIPTION))
    return " ".join(p for p in parts if p)


def _list(section: Section) -> dict[str, str]:
    items = "".join(f"<li>{restrict(item, LIST_ITEMS)}</li>" for item in section.items())
    return {"text": section.title, "content": items}


def _categories(jd: JobDescription) -> dict[str, Any]:
    location = jd.location.label() if jd.location and jd.remote != "yes" else None
    if jd.remote == "yes":
        location = f"Remote ({', '.join(jd.remote_scope)})" if jd.remote_scope else "Remote"
    return _present({"location": location, "commitment": _COMMITMENT.get(jd.employment_type)})


def _commitment_note(jd: JobDescription) -> tuple[str, ...]:
    if jd.employment_type in _COMMITMENT:
        return ()
    return (f"Lever has no commitment for {jd.employment_type}: categories.commitment is left out; set it in Lever.",)


def _salary(jd: JobDescription) -> dict[str, Any]:
    """A yearly range with all four fields (the one interval Lever documents); else the range as text."""
    pay = jd.pay
    if pay is None or not pay_range(pay):
        return {}
    if pay.min is not None and pay.max is not None and pay.currency and pay.period == "year":
        return {
            "salaryRange": {"min": pay.min, "max": pay.max, "currency": pay.currency, "interval": "per-year-salary"}
        }
    return {"salaryDescriptionHtml": f"<p>{pay_range(pay)}</p>"}


def _present(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}
