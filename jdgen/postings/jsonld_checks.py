"""What a JD's schema.org JobPosting lacks: a warning per input Google requires, an info per one it recommends."""

from __future__ import annotations

from jdgen.decide.results import JobDescription
from jdgen.postings.findings import Finding, LintLevel
from jdgen.render.jsonld import SOURCE, schema_place


def jsonld_findings(jd: JobDescription) -> tuple[Finding, ...]:
    """What the JSON-LD lacks: a warning per input Google requires, an info per one it recommends.

    Each finding names the profile field to set; its source is Google's structured-data page.
    """
    found: list[Finding] = []

    def add(level: LintLevel, message: str, advice: str) -> None:
        found.append(Finding(check="jsonld", level=level, message=message, advice=advice, source=SOURCE))

    if not jd.company:
        add(
            "warning",
            "No company: the JSON-LD has no hiringOrganization, which Google requires.",
            "Set `company` in the profile (and `company_url`, the company's website).",
        )
    if not jd.date_posted:
        add(
            "warning",
            "No date_posted: the JSON-LD has no datePosted, which Google requires.",
            "Set `date_posted` in the profile (YYYY-MM-DD), the day the posting goes live.",
        )
    country = jd.location.country if jd.location else None
    if jd.remote == "yes" and not jd.remote_scope and not country:
        add(
            "warning",
            "No remote_scope: the remote job's JSON-LD has no applicantLocationRequirements, which Google "
            "requires in place of a jobLocation.",
            "Set `remote_scope` to the countries or states a remote hire may live in (or `location.country`).",
        )
    elif jd.remote != "yes" and schema_place(jd.location) is None:
        add(
            "warning",
            "No location: the JSON-LD has no jobLocation, which Google requires.",
            "Set `location` (city, region, country) in the profile; for a fully remote role, `remote: yes` "
            "and `remote_scope`.",
        )
    elif jd.remote != "yes" and not country:
        add(
            "warning",
            "No location.country: the JSON-LD jobLocation has no addressCountry, which Google requires.",
            "Set `location.country` in the profile.",
        )
    if not jd.valid_through:
        add(
            "info",
            "No valid_through: the JSON-LD has no validThrough, which Google requires when the posting has a "
            "closing date.",
            "Set `valid_through` (YYYY-MM-DD) if applications close on a date; leave it out if they do not.",
        )
    pay = jd.pay
    if pay is None or (pay.min is None and pay.max is None):
        add(
            "info",
            "No pay: the JSON-LD has no baseSalary, which Google recommends.",
            "Set `pay` (min, max, currency and period) in the profile.",
        )
    elif not pay.currency:
        add(
            "info",
            "No pay.currency: the JSON-LD has no baseSalary, which Google recommends.",
            "Set `pay.currency` (an ISO 4217 code such as USD).",
        )
    elif not pay.period:
        add(
            "info",
            "No pay.period: the JSON-LD baseSalary has no unitText (HOUR, DAY, WEEK, MONTH or YEAR).",
            "Set `pay.period` (hour, day, week, month or year).",
        )
    if not jd.apply_url:
        add(
            "info",
            "No apply_url: the JSON-LD has no directApply, which Google recommends.",
            "Set `apply_url` to the page where candidates apply.",
        )
    if not jd.requisition_id:
        add(
            "info",
            "No requisition_id: the JSON-LD has no identifier, which Google recommends.",
            "Set `requisition_id` to the job's number in your ATS (--requisition-id).",
        )
    return tuple(found)
