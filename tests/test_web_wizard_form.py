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
from jdgen.postings.jsonld_checks import jsonld_findings
from jdgen.web import create_app
from jdgen.web.forms import read_profile, web_address
from tests.test_web_wizard import ANSWERS, CATALOG, PROFILE, STATEMENTS, srcdoc, submitted

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
        "requisition_id": "REQ-2027-014",
        "archetype": "digital",
    }
    facts = {
        "company": "Acme Insurance",
        "location": {"city": "Denver", "region": "Colorado", "country": "United States"},
        "pay": {"min": 250000, "max": 320000, "currency": "USD", "period": "year"},
        "date_posted": "2025-03-14",
        "valid_through": "2025-04-30",
        "apply_url": "https://jobs.example.com/cco",
        "requisition_id": "REQ-2027-014",
    }
    assert jsonld_findings(_jd(**facts)) == ()
    lint = _section(client.post("/wizard/preview", data=complete).text, "lint")
    assert "The JobPosting has what Google requires and recommends." in lint
    assert not re.search(r"No [a-z_.]+: the JSON-LD", lint)


# --- web addresses as people type them ---------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("acme.com", "https://acme.com"),
        ("www.acme.com", "https://www.acme.com"),
        (" jobs.acme.co.uk/cco?ref=site ", "https://jobs.acme.co.uk/cco?ref=site"),
        ("acme-insurance.com:8443/careers", "https://acme-insurance.com:8443/careers"),
        ("http://acme.com", "http://acme.com"),
        ("https://www.acme.com/jobs", "https://www.acme.com/jobs"),
        ("jobs@acme.com", "jobs@acme.com"),  # an e-mail address is not made a web address
        ("acme .com", "acme .com"),
        ("acme", "acme"),
        ("250.000", "250.000"),
    ],
)
def test_a_bare_host_is_read_as_an_https_address(typed: str, read: str) -> None:
    assert web_address(typed) == read


def test_a_website_and_apply_link_typed_without_https_are_accepted(client: TestClient) -> None:
    state = {**PROFILE, "company_url": "acme.com", "apply_url": "www.acme.com/careers/cco", "archetype": "digital"}
    assert client.post("/wizard/readiness", data=state).status_code == 200
    page = client.post("/wizard/preview", data=state)
    assert page.status_code == 200
    assert 'href="https://www.acme.com/careers/cco"' in srcdoc(page.text, "Job description preview")
    jsonld = client.post("/wizard/download", data={**state, "format": "jsonld"}).json()
    assert jsonld["hiringOrganization"]["sameAs"] == "https://acme.com"
    back = submitted(client.post("/wizard/profile", data=state).text)
    assert back["company_url"] == "acme.com"  # the form keeps what was typed


def test_the_browser_does_not_refuse_a_website_without_https(client: TestClient) -> None:
    page = client.get("/").text
    for name in ("company_url", "apply_url"):
        field = re.search(rf'<input id="f-{name}"[^>]*>', page)
        assert field and 'type="text"' in field[0] and 'inputmode="url"' in field[0], name


def test_an_email_address_as_the_apply_link_is_refused_not_turned_into_a_web_address(client: TestClient) -> None:
    page = client.post("/wizard/readiness", data={**PROFILE, "apply_url": "jobs@acme.com"})
    assert page.status_code == 422
    assert "The posting › Apply link: expected a web address" in page.text


# --- every problem at once ---------------------------------------------------------------------

MANY_WRONG = {
    **PROFILE,
    "company_url": "acme .com",
    "employees": "many",
    "pay.min": "500,000",  # above the maximum: a check across fields
    "pay.currency": "dollars",
    "date_posted": "2025-03-14",
    "valid_through": "2025-01-31",  # before the posting date: a check across the profile
    "apply_url": "jobs@acme.com",
}
WRONG_FIELDS = ["company_url", "employees", "pay.min", "pay.currency", "apply_url", "valid_through"]


def _field_box(page: str, name: str) -> str:
    found = re.search(rf'<div class="field[^"]*">\s*<label for="f-{re.escape(name)}">.*?</div>', page, re.DOTALL)
    assert found, name
    return found[0]


def test_every_problem_of_the_form_shows_in_one_round(client: TestClient) -> None:
    page = client.post("/wizard/readiness", data={**MANY_WRONG, **ANSWERS})
    assert page.status_code == 422
    summary = page.text.split('<div class="errors" role="alert">', 1)[1].split("</div>", 1)[0]
    assert f"Please fix these {len(WRONG_FIELDS)} problems" in summary
    assert re.findall(r'<a href="#f-([a-z_.]+)">', summary) == WRONG_FIELDS  # in the form's order, each once
    assert "swap them" in summary and "“Closing date” (2025-01-31) is before “Posting date”" in summary
    for name in WRONG_FIELDS:
        box = _field_box(page.text, name)
        assert 'class="field invalid' in box and 'aria-invalid="true"' in box
        assert f'<p class="field-error" id="e-{name}">' in box
    for name in ("company", "pay.max", "date_posted"):
        assert 'class="field invalid' not in _field_box(page.text, name)
    form = submitted(page.text)
    assert {k: form[k] for k in MANY_WRONG} == MANY_WRONG  # nothing typed is lost


def test_the_same_problems_show_when_checking_the_pay_rules(client: TestClient) -> None:
    page = client.post("/wizard/profile", data=MANY_WRONG)
    assert page.status_code == 422
    assert len(re.findall(r'<p class="field-error"', page.text)) == len(WRONG_FIELDS)


def test_every_over_long_note_is_named_in_one_round(client: TestClient) -> None:
    first, second = CATALOG.statements[STATEMENTS[0]], CATALOG.statements[STATEMENTS[3]]
    notes = {f"note.{first.id}": "y" * 20_001, f"note.{second.id}": "z" * 20_002}
    page = client.post("/wizard/archetype", data={**PROFILE, **notes})
    assert page.status_code == 422 and "Please fix these:" in page.text
    for statement, length in ((first, "20,001"), (second, "20,002")):
        assert str(escape(f"the note on “{statement.title}” is too long: {length} characters")) in page.text
        fieldset = page.text.split(f'id="s-{statement.id}"', 1)[1].split("</fieldset>", 1)[0]
        assert 'aria-invalid="true"' in fieldset and f'id="e-{statement.id}"' in fieldset


# --- pay per year ------------------------------------------------------------------------------


def test_pay_is_per_year_unless_changed(client: TestClient) -> None:
    assert submitted(client.get("/").text)["pay.period"] == "year"
    amounts = {k: v for k, v in PROFILE.items() if k != "pay.period"}
    state = submitted(client.get("/").text) | amounts | {"archetype": "digital"}
    preview = srcdoc(client.post("/wizard/preview", data=state).text, "Job description preview")
    assert "USD 250,000–320,000 per year" in preview
    hourly = srcdoc(
        client.post("/wizard/preview", data={**state, "pay.period": "hour"}).text, "Job description preview"
    )
    assert "per hour" in hourly and "per year" not in hourly


def test_the_default_pay_period_alone_is_not_pay(client: TestClient) -> None:
    no_pay = {k: v for k, v in PROFILE.items() if not k.startswith("pay.")}
    state = submitted(client.get("/").text) | no_pay | {"archetype": "digital"}
    assert state["pay.period"] == "year"
    jd = jdgen.compose(CATALOG, "digital", {}, read_profile(state))
    assert jd.pay is None
    preview = srcdoc(client.post("/wizard/preview", data=state).text, "Job description preview")
    assert "per year" not in preview
