"""The wizard's form, as a newcomer meets it: what it starts with, what it accepts, how it says what is wrong.

Pages go through the framework's test client; the app is given a fixed "today", so the pages are
the same on every day the tests run.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

import pytest
from markupsafe import escape

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

import jdgen
from jdgen.render.jsonld import jsonld_findings
from jdgen.web import create_app
from tests.test_web_wizard import ANSWERS, CATALOG, PROFILE, srcdoc, submitted

TODAY = datetime.date(2025, 3, 14)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(CATALOG, today=lambda: TODAY)) as test_client:
        yield test_client


def _section(page: str, css_class: str) -> str:
    return page.split(f'<section class="{css_class}">', 1)[1].split("</section>", 1)[0]


# --- the posting date ------------------------------------------------------------------------


def test_a_new_posting_is_dated_today(client: TestClient) -> None:
    form = submitted(client.get("/").text)
    assert form["date_posted"] == "2025-03-14"


def test_the_date_shown_is_the_day_the_page_is_asked_for() -> None:
    days = iter([datetime.date(2025, 3, 14), datetime.date(2025, 3, 15)])
    with TestClient(create_app(CATALOG, today=lambda: next(days))) as other:
        assert submitted(other.get("/").text)["date_posted"] == "2025-03-14"
        assert submitted(other.get("/").text)["date_posted"] == "2025-03-15"


def test_the_posting_date_typed_or_cleared_is_kept(client: TestClient) -> None:
    changed = client.post("/wizard/profile", data={**PROFILE, "date_posted": "2025-04-01"})
    assert submitted(changed.text)["date_posted"] == "2025-04-01"
    cleared = client.post("/wizard/profile", data={**PROFILE, "date_posted": ""})
    assert submitted(cleared.text)["date_posted"] == ""


def test_the_default_date_reaches_the_posting_and_its_jobposting(client: TestClient) -> None:
    state = submitted(client.get("/").text) | PROFILE | ANSWERS | {"archetype": "digital"}
    page = client.post("/wizard/preview", data=state).text
    assert "Posted 14 March 2025." in srcdoc(page, "Job description preview")
    jsonld = client.post("/wizard/download", data={**state, "format": "jsonld"}).json()
    assert jsonld["datePosted"] == "2025-03-14"
    assert "No date_posted" not in page


# --- what Google's job search needs, on step 4 -----------------------------------------------


def _jd(**profile: object) -> jdgen.JobDescription:
    return jdgen.compose(CATALOG, "digital", {}, jdgen.Profile.model_validate(profile))


def test_step_four_says_what_the_jobposting_lacks_for_google(client: TestClient) -> None:
    page = client.post("/wizard/preview", data={"archetype": "digital"}).text  # no company, no date
    expected = jsonld_findings(_jd())
    assert {f.level for f in expected} == {"warning", "info"}
    lint = _section(page, "lint")
    google = lint.split("For Google's job search", 1)[1]
    for finding in expected:
        assert str(escape(finding.message)) in google
    assert "“The posting › Posting date”" in google  # the advice names the form's fields


def test_a_complete_jobposting_gets_no_google_finding(client: TestClient) -> None:
    complete = {
        **PROFILE,
        "date_posted": "2025-03-14",
        "valid_through": "2025-04-30",
        "apply_url": "https://jobs.example.com/cco",
        "archetype": "digital",
    }
    facts = {
        "company": "Acme Insurance",
        "location": {"city": "Denver", "region": "Colorado", "country": "United States"},
        "pay": {"min": 250000, "max": 320000, "currency": "USD", "period": "year"},
        "date_posted": "2025-03-14",
        "valid_through": "2025-04-30",
        "apply_url": "https://jobs.example.com/cco",
    }
    assert jsonld_findings(_jd(**facts)) == ()
    lint = _section(client.post("/wizard/preview", data=complete).text, "lint")
    assert "The JobPosting has what Google requires and recommends." in lint
    assert not re.search(r"No [a-z_.]+: the JSON-LD", lint)
