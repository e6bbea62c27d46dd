"""The wizard's first step, as data: the profile's fields in fieldsets, with labels, help and choices."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args

from jdgen.data.catalog import load_catalog
from jdgen.data.fields import EducationLevel, EmploymentType, Layering, PayPeriod, RemoteMode
from jdgen.data.input_models import Profile

Kind = Literal["text", "number", "url", "date", "select", "textarea", "lines", "list", "checks"]
#: A "checks" field posts one form field per ticked choice: this prefix and the choice.
CHECK_PREFIX = "priority."


@dataclass(frozen=True)
class FormField:
    """One input of the profile step: its name is the profile field's dotted path."""

    name: str
    label: str
    kind: Kind = "text"
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    placeholder: str = ""


def _choices(values: Any, labels: Mapping[str, str] | None = None) -> tuple[tuple[str, str], ...]:
    return tuple((v, (labels or {}).get(v, v.replace("_", " ").lower().capitalize())) for v in get_args(values))


_BUILTIN = load_catalog()

#: The profile step, in fieldsets.
PROFILE_SECTIONS: tuple[tuple[str, tuple[FormField, ...]], ...] = (
    (
        "The company",
        (
            FormField("company", "Company name", placeholder="e.g. Acme Insurance"),
            FormField("industry", "Industry", placeholder="e.g. Insurance"),
            FormField(
                "sector",
                "Sector",
                "select",
                "Decides which kinds of CCO are common for a company like yours.",
                tuple((s.id, s.name) for s in _BUILTIN.sectors),
            ),
            FormField(
                "priorities",
                "What should the role solve first?",
                "checks",
                "Tick one to three: the problems you are hiring the role to solve.",
                tuple((p.id, p.name) for p in _BUILTIN.priorities),
            ),
            FormField(
                "company_url", "Website", "url", "https:// is assumed if you leave it out.", placeholder="e.g. acme.com"
            ),
            FormField("employees", "Employees", "number", "Headcount: some pay laws apply from a size on."),
            FormField("logo_url", "Logo", "url", "The web address of the company's logo, for Google's job search."),
            FormField("about", "About the company", "textarea", "A paragraph or two; a blank line starts a new one."),
        ),
    ),
    (
        "The role",
        (
            FormField("reports_to", "Reports to", help="Leave blank for the archetype's line (usually the CEO)."),
            FormField(
                "layered_onto",
                "Is the role added to an existing job?",
                "select",
                "Adding it to another executive's job is a known risk; jdgen warns about it.",
                _choices(
                    Layering,
                    {
                        "none": "No: a role of its own",
                        "customer-service": "Yes: the head of customer service",
                        "marketing": "Yes: the chief marketing officer",
                        "other": "Yes: another executive",
                    },
                ),
            ),
            FormField("team_size", "Direct team size", "number"),
            FormField(
                "experience_years",
                "Years of experience asked for",
                "number",
                "Shown as '15+ years'; in the UK and EU the posting asks for substantial experience instead.",
            ),
            FormField("team_scale", "Scale led before", placeholder="e.g. service teams of 500 people or more"),
            FormField(
                "education",
                "Lowest education asked for",
                "select",
                "Left out of the posting's text; Google's job search reads it.",
                (("", "—"), *_choices(EducationLevel, {c: c.capitalize() for c in get_args(EducationLevel)})),
            ),
            FormField("travel", "Travel", placeholder="e.g. Up to 25%, mostly to stores"),
            FormField("employment_type", "Employment type", "select", choices=_choices(EmploymentType)),
        ),
    ),
    (
        "Where",
        (
            FormField("location.city", "City", placeholder="e.g. Denver"),
            FormField("location.region", "State, province or region", placeholder="e.g. Colorado"),
            FormField("location.country", "Country", placeholder="e.g. United States"),
            FormField(
                "remote",
                "Remote work",
                "select",
                choices=_choices(RemoteMode, {"no": "On site", "hybrid": "Hybrid", "yes": "Fully remote"}),
            ),
            FormField(
                "remote_scope", "Remote hires may live in", "list", "Countries, states or cities, separated by commas."
            ),
        ),
    ),
    (
        "Pay",
        (
            FormField("pay.min", "From", "number", placeholder="e.g. 250,000"),
            FormField("pay.max", "To", "number", placeholder="e.g. 320,000"),
            FormField("pay.currency", "Currency", help="Three letters, e.g. USD, EUR, GBP.", placeholder="e.g. USD"),
            FormField("pay.period", "Per", "select", choices=(("", "—"), *_choices(PayPeriod))),
            FormField("bonus", "Bonus", placeholder="e.g. Target of 30% of base pay"),
            FormField("equity", "Long-term incentive", placeholder="e.g. Stock units vesting over four years"),
            FormField("benefits", "Benefits", "lines", "One per line."),
        ),
    ),
    (
        "The posting",
        (
            FormField(
                "apply_url",
                "Apply link",
                "url",
                "The page where candidates apply; https:// is assumed if you leave it out.",
                placeholder="e.g. jobs.acme.com/cco",
            ),
            FormField(
                "date_posted",
                "Posting date",
                "date",
                "Today unless you change it. Google's job search needs it; the pay laws in force on this day are checked.",
            ),
            FormField("valid_through", "Closing date", "date"),
            FormField(
                "requisition_id",
                "Requisition ID",
                help="The job's number in your ATS.",
                placeholder="e.g. REQ-2027-014",
            ),
            FormField("posting_url", "Posting address", "url", "Where the posting will be published, if you know it."),
            FormField("openings", "Openings", "number", "How many people are hired on this posting."),
            FormField("hiring_process", "Hiring process", "lines", "One step per line, in order."),
            FormField("start", "Start", placeholder="e.g. Spring 2027"),
            FormField("eeo_statement", "Equal-opportunity statement", "textarea"),
        ),
    ),
)
PROFILE_FIELDS: tuple[FormField, ...] = tuple(f for _, fields in PROFILE_SECTIONS for f in fields)
#: Defaults a fresh form starts with: the profile's own defaults, for the selects, and pay per year.
PROFILE_DEFAULTS: dict[str, str] = {
    **{
        f.name: str(Profile.model_fields[f.name].default)
        for f in PROFILE_FIELDS
        if f.kind == "select" and f.name in Profile.model_fields
    },
    "pay.period": "year",
}
