"""Greenhouse: the job post's content and the job's internal description (Harvest API).

Harvest v1 and v2 were switched off on 2026-08-31 (Greenhouse's greenhouse-tools-php README);
v3 is the API. Its pages for these two requests could not be read here, so the bodies use the
field names Harvest documents for the same requests in v1/v2 ("Update job post": title,
content; "Update job": team_and_responsibilities; developers.greenhouse.io/harvest.html, read
2026-12-04), which v3's job post and job objects carry too. A job post's ``internal_content``
is not writable in v1/v2, so the internal text goes on the job, where the hiring team reads it.
"""

from __future__ import annotations

from jdgen.ats.model import ApiRequest, DocSource, Export
from jdgen.ats.sections import Edition
from jdgen.decide.results import JobDescription

HARVEST = "https://harvest.greenhouse.io/v3"
SOURCES = (
    DocSource(
        title="Greenhouse Harvest API: Update job post",
        url="https://developers.greenhouse.io/harvest.html#patch-update-job-post",
        read="2026-12-04",
    ),
    DocSource(
        title="Greenhouse Harvest API: Update job",
        url="https://developers.greenhouse.io/harvest.html#patch-update-job",
        read="2026-12-04",
    ),
    DocSource(
        title="Harvest v3: update a job",
        url="https://harvestdocs.greenhouse.io/reference/patch_v3-jobs-id",
        read="2026-12-04",
    ),
)
PLACEHOLDERS = {
    "greenhouse_job_post_id": "The id of the job post on your job board.",
    "greenhouse_job_id": "The id of the job the post belongs to.",
}


def greenhouse_export(jd: JobDescription, posting: Edition, internal: Edition) -> Export:
    """Two requests: the job post's public content, and the job's description for the hiring team."""
    job_post = ApiRequest(
        name="update the job post (public board)",
        method="PATCH",
        url=HARVEST + "/job_posts/{greenhouse_job_post_id}",
        content_type="application/json",
        body={"title": jd.title, "content": one_line(posting)},
        schema_name="greenhouse-job-post",
    )
    job = ApiRequest(
        name="update the job (hiring team)",
        method="PATCH",
        url=HARVEST + "/jobs/{greenhouse_job_id}",
        content_type="application/json",
        body={"team_and_responsibilities": one_line(internal)},
        schema_name="greenhouse-job",
    )
    return Export(
        target="greenhouse",
        api="Greenhouse Harvest API v3 (field names as in v1/v2, unverified for v3)",
        requests=(job_post, job),
        fill=(),
        notes=(
            "Each request needs an OAuth 2.0 token with the job post and job update scopes.",
            (
                "content replaces the job post's whole description. A board set to add its own introduction, "
                "conclusion or pay ranges adds them around it: remove jdgen's About, Pay and Equal opportunity "
                "sections from content if the board already adds them."
            ),
            (
                "team_and_responsibilities carries the internal job description without its advisory "
                "(readiness, who answered what, chasm warnings), which stays in the Word file for the executive team."
            ),
            (
                "Scorecards and interview plans cannot be written through the Harvest API: a job created from a "
                "template job takes the template's; enter the role pack's scorecard by hand (jdgen pack)."
            ),
            "These field names are Harvest v1/v2's; check them against Harvest v3's reference before the first send.",
            (
                "The job post's location and its publishing (live or not) are set apart from content: in v3 through "
                "its job post locations and its status; jdgen sends neither."
            ),
            "Changing a job (the second request) may send it back through approvals.",
        ),
        sources=SOURCES,
    )


def one_line(edition: Edition) -> str:
    """The edition's HTML without its title heading, on one line, as Greenhouse asks for its HTML fields."""
    return " ".join(edition.without_title().split("\n"))
