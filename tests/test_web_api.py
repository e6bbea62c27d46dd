"""The JSON API of `jdgen serve`: every endpoint, every error path, the guards, the docs.

The API must answer what the library answers: each document is compared with `jdgen.render`
of the same call. Errors are ``{"error": one line, "problems": [...]}``; nothing is ever a 500.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from typing import Any

import docx
import pytest

pytest.importorskip("fastapi")
import httpx2
from fastapi.testclient import TestClient

import jdgen
from jdgen.postings.lint import MAX_TEXT_CHARS
from jdgen.web import create_app
from jdgen.web.app import DOCS_CSP
from tests.conftest import STATEMENTS, docx_dump

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT_OF = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8"}

PROFILE: dict[str, Any] = {
    "company": "Acme Corp",
    "industry": "Software",
    "location": {"city": "Denver", "region": "Colorado", "country": "United States"},
    "pay": {"min": 180000, "max": 220000, "currency": "USD", "period": "year"},
    "team_size": 12,
}
#: Every statement answered, four short of yes: a verdict, and gap blocks for the service-led archetype.
ANSWERS = {
    **dict.fromkeys(STATEMENTS, "yes"),
    "resources": "no",
    "agreed-metrics": "partial",
    "role-clarity": "no",
    "collaboration-process": "no",
}
NOTES = {"resources": "No budget line for customer work this year."}
RESPONDENTS: list[dict[str, Any]] = [
    {"role": "CEO", "answers": {"resources": "yes", "agreed-metrics": "no", "participation": "partial"}},
    {"role": "CFO", "answers": {"resources": "no", "agreed-metrics": "no", "participation": "yes"}},
    {"role": "COO", "answers": {"resources": "no", "agreed-metrics": "partial"}, "notes": {"resources": "Cut in Q2."}},
]
GENDERED_POSTING = (
    "# Chief Customer Officer\n\nWe want an aggressive, dominant leader to build our customer team.\n"
    "You will own the customer strategy and report to the CEO.\n"
)


class CheckedClient(TestClient):
    """A test client that fails the test on any 5xx answer, whatever the request."""

    def request(self, *args: Any, **kwargs: Any) -> httpx2.Response:
        response = super().request(*args, **kwargs)
        assert response.status_code < 500, f"server error {response.status_code}: {response.text[:2000]}"
        return response


def make_client(catalog: jdgen.Catalog, base_url: str = "http://testserver", **options: Any) -> CheckedClient:
    return CheckedClient(
        create_app(catalog, **options), base_url=base_url, raise_server_exceptions=False, follow_redirects=False
    )


@pytest.fixture(scope="module")
def client(catalog: jdgen.Catalog) -> Iterator[CheckedClient]:
    with make_client(catalog) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def small(catalog: jdgen.Catalog) -> Iterator[CheckedClient]:
    """An app that takes bodies of at most 1,000 bytes."""
    with make_client(catalog, max_body=1000) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def guarded_app(catalog: jdgen.Catalog) -> Any:
    return create_app(catalog, token="s3cret")


@pytest.fixture
def guarded(guarded_app: Any) -> Iterator[CheckedClient]:
    """A fresh client (empty cookie jar) of an app that needs the token ``s3cret``."""
    with CheckedClient(guarded_app, raise_server_exceptions=False, follow_redirects=False) as test_client:
        yield test_client


def error_of(response: httpx2.Response, status: int) -> dict[str, Any]:
    """The JSON error body of `response`, checked: the status, exactly error + problems, one line."""
    assert response.status_code == status, response.text[:2000]
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    assert set(body) == {"error", "problems"}, body
    assert isinstance(body["error"], str)
    assert body["error"].strip()
    assert "\n" not in body["error"] and "\r" not in body["error"]
    assert isinstance(body["problems"], list)
    assert body["problems"]
    assert all(isinstance(p, str) and p.strip() for p in body["problems"])
    assert body["error"].startswith(body["problems"][0])
    return body


# --- the catalog's lists, health ----------------------------------------------------------


@pytest.mark.parametrize("kind", ["archetypes", "blocks", "statements"])
def test_lists_return_the_catalog(client: CheckedClient, catalog: jdgen.Catalog, kind: str) -> None:
    response = client.get(f"/api/{kind}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    items = response.json()
    expected = getattr(catalog, kind)
    assert [item["id"] for item in items] == list(expected.ids())
    first = expected[items[0]["id"]]
    assert items[0] == json.loads(first.model_dump_json())


def test_health_gives_the_version(client: CheckedClient) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": jdgen.__version__}


# --- POST /api/jd ------------------------------------------------------------------------


def jd_body(**extra: Any) -> dict[str, Any]:
    return {"archetype": "service-led", "profile": PROFILE, "answers": ANSWERS, "notes": NOTES, **extra}


def library_jd(catalog: jdgen.Catalog, answers: Any = None) -> jdgen.JobDescription:
    given = {"answers": ANSWERS, "notes": NOTES} if answers is None else answers
    return jdgen.compose(catalog, "service-led", given, PROFILE)


def test_jd_json_is_the_librarys(client: CheckedClient, catalog: jdgen.Catalog) -> None:
    response = client.post("/api/jd", json=jd_body())
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert "content-disposition" not in response.headers
    data = response.json()
    assert data == json.loads(jdgen.render(library_jd(catalog), "json"))
    assert data["company"] == "Acme Corp"
    assert data["edition"] == "internal"
    assert {"readiness", "warnings", "sources"} <= set(data)
    assert any(block["reason"] == "gap" for block in data["blocks"])  # the "no" answers brought gap blocks


def test_jd_json_is_the_default_format(client: CheckedClient) -> None:
    explicit = client.post("/api/jd", json=jd_body(format="json"))
    default = client.post("/api/jd", json=jd_body())
    assert explicit.json() == default.json()


def test_jd_without_answers(client: CheckedClient, catalog: jdgen.Catalog) -> None:
    response = client.post("/api/jd", json={"archetype": "public-sector"})
    assert response.status_code == 200
    data = response.json()
    assert data == json.loads(jdgen.render(jdgen.compose(catalog, "public-sector"), "json"))
    assert data["readiness"] is None
    assert all(block["reason"] == "core" for block in data["blocks"])


def test_jd_markdown_is_the_librarys(client: CheckedClient, catalog: jdgen.Catalog) -> None:
    response = client.post("/api/jd", json=jd_body(format="md"))
    assert response.status_code == 200
    assert response.headers["content-type"] == TEXT_OF["md"]
    assert response.text == jdgen.render(library_jd(catalog), "md")
    assert response.text.startswith("# Chief Customer Officer")


def test_jd_html_is_the_librarys(client: CheckedClient, catalog: jdgen.Catalog) -> None:
    response = client.post("/api/jd", json=jd_body(format="html"))
    assert response.status_code == 200
    assert response.headers["content-type"] == TEXT_OF["html"]
    assert "<title>Acme Corp · Chief Customer Officer" in response.text
    assert "<h1>Chief Customer Officer</h1>" in response.text
    assert response.text == jdgen.render(library_jd(catalog), "html")


def test_jd_docx_is_a_word_file_with_the_company(client: CheckedClient, catalog: jdgen.Catalog) -> None:
    response = client.post("/api/jd", json=jd_body(format="docx"))
    assert response.status_code == 200
    assert response.headers["content-type"] == DOCX_TYPE
    assert response.headers["content-disposition"] == 'attachment; filename="acme-corp-cco-service-led.docx"'
    document = docx.Document(io.BytesIO(response.content))
    assert any("Acme Corp" in p.text for p in document.paragraphs)
    library = jdgen.render(library_jd(catalog), "docx")
    assert isinstance(library, bytes)
    assert docx_dump(response.content) == docx_dump(library)


def test_jd_posting_docx_is_named_as_a_posting(client: CheckedClient) -> None:
    response = client.post("/api/jd", json=jd_body(format="docx", edition="posting"))
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="acme-corp-cco-service-led-posting.docx"'
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "Acme Corp" in text


def test_jd_docx_without_a_company_has_a_plain_name(client: CheckedClient) -> None:
    response = client.post("/api/jd", json={"archetype": "digital", "format": "docx"})
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="cco-digital.docx"'


def test_jd_jsonld_is_a_job_posting(client: CheckedClient, catalog: jdgen.Catalog) -> None:
    response = client.post("/api/jd", json=jd_body(format="jsonld"))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/ld+json"
    data = response.json()
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "JobPosting"
    assert data["hiringOrganization"]["name"] == "Acme Corp"
    assert data == json.loads(jdgen.render(library_jd(catalog), "jsonld"))


def test_jd_posting_edition_leaves_the_advisory_out(client: CheckedClient, catalog: jdgen.Catalog) -> None:
    response = client.post("/api/jd", json=jd_body(edition="posting"))
    assert response.status_code == 200
    data = response.json()
    assert data["edition"] == "posting"
    assert not {"warnings", "readiness", "sources"} & set(data)
    assert all("reason" not in block and "closes" not in block for block in data["blocks"])
    assert data == json.loads(jdgen.render(library_jd(catalog), "json", posting=True))


def test_jd_posting_markdown_is_the_librarys(client: CheckedClient, catalog: jdgen.Catalog) -> None:
    response = client.post("/api/jd", json=jd_body(format="md", edition="posting"))
    assert response.status_code == 200
    assert response.text == jdgen.render(library_jd(catalog), "md", posting=True)
    assert response.text != client.post("/api/jd", json=jd_body(format="md")).text


def test_jd_with_several_respondents(client: CheckedClient, catalog: jdgen.Catalog) -> None:
    body = {"archetype": "service-led", "profile": PROFILE, "respondents": RESPONDENTS}
    response = client.post("/api/jd", json=body)
    assert response.status_code == 200
    data = response.json()
    assert data == json.loads(jdgen.render(library_jd(catalog, RESPONDENTS), "json"))
    readiness = data["readiness"]
    assert readiness["respondents"] == ["CEO", "CFO", "COO"]
    dissent = {a["statement"] for a in readiness["answers"] if a["dissent"]}
    assert "resources" in dissent  # the CEO says yes, the CFO and the COO no


def test_jd_answers_and_respondents_together_are_refused(client: CheckedClient) -> None:
    response = client.post("/api/jd", json=jd_body(respondents=RESPONDENTS))
    body = error_of(response, 422)
    assert "not both" in body["error"]
    assert "`answers`" in body["error"] and "`respondents`" in body["error"]


def test_user_text_is_escaped_in_html(client: CheckedClient) -> None:
    hostile = "<script>alert(1)</script>"
    profile = {**PROFILE, "company": hostile, "about": '<img src=x onerror="alert(2)">'}
    response = client.post("/api/jd", json={"archetype": "enterprise-cx", "profile": profile, "format": "html"})
    assert response.status_code == 200
    html = response.text
    assert hostile not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text, not run
    # The page's only script is the JSON-LD block, and nothing in it ends it early.
    assert re.findall(r"<script\b[^>]*>", html) == ['<script type="application/ld+json">']
    assert html.count("</script") == 1


@pytest.mark.parametrize("path", ["/api/comparison", "/api/readiness"])
def test_user_text_is_escaped_in_other_html(client: CheckedClient, path: str) -> None:
    body = {"profile": {"company": "<b onclick=alert(1)>Evil</b>"}, "answers": ANSWERS, "format": "html"}
    response = client.post(path, json=body)
    assert response.status_code == 200
    assert "<b onclick" not in response.text
    assert "&lt;b onclick=alert(1)&gt;Evil&lt;/b&gt;" in response.text


# --- POST /api/comparison, /api/readiness, /api/lint ---------------------------------------


def test_comparison_json_is_the_librarys(client: CheckedClient, catalog: jdgen.Catalog) -> None:
    chosen = ["enterprise-cx", "service-led", "digital"]
    body = {"profile": PROFILE, "answers": ANSWERS, "archetypes": chosen}
    response = client.post("/api/comparison", json=body)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    data = response.json()
    expected = jdgen.compare(catalog, {"answers": ANSWERS}, PROFILE, chosen)
    assert data == json.loads(jdgen.render(expected, "json"))
    assert data["company"] == "Acme Corp"
    assert {fit["archetype"] for fit in data["ranking"]} == set(chosen)


def test_comparison_of_every_archetype_by_default(client: CheckedClient, catalog: jdgen.Catalog) -> None:
    response = client.post("/api/comparison", json={})
    assert response.status_code == 200
    data = response.json()
    assert {fit["archetype"] for fit in data["ranking"]} == set(catalog.archetypes.ids())
    assert data == json.loads(jdgen.render(jdgen.compare(catalog), "json"))


def test_comparison_weighs_the_sector_and_priorities_of_the_profile(client: CheckedClient) -> None:
    profile = {**PROFILE, "sector": "saas", "priorities": ["retention", "service-quality"]}
    data = client.post("/api/comparison", json={"profile": profile}).json()
    assert data["ranking"][0]["archetype"] == data["recommendation"]["archetype"] == "customer-success"
    assert [p["id"] for p in data["ranking"][0]["parts"]] == ["gaps", "sector", "priorities", "risks"]
    assert data["sector"] == "Software and subscription services (SaaS)"
    unknown = client.post("/api/comparison", json={"profile": {**PROFILE, "sector": "sass"}})
    assert "unknown sector 'sass' (did you mean 'saas'?)" in error_of(unknown, 422)["error"]


def test_comparison_docx(client: CheckedClient) -> None:
    response = client.post("/api/comparison", json={"profile": PROFILE, "respondents": RESPONDENTS, "format": "docx"})
    assert response.status_code == 200
    assert response.headers["content-type"] == DOCX_TYPE
    assert response.headers["content-disposition"] == 'attachment; filename="acme-corp-cco-board-comparison.docx"'
    assert "Acme Corp" in docx_dump(response.content)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_comparison_text_formats(client: CheckedClient, catalog: jdgen.Catalog, fmt: str) -> None:
    response = client.post("/api/comparison", json={"profile": PROFILE, "format": fmt})
    assert response.status_code == 200
    assert response.headers["content-type"] == TEXT_OF[fmt]
    assert response.text == jdgen.render(jdgen.compare(catalog, None, PROFILE), fmt)


def test_comparison_of_an_unknown_archetype(client: CheckedClient, catalog: jdgen.Catalog) -> None:
    response = client.post("/api/comparison", json={"archetypes": ["enterprise-cx", "nope"]})
    body = error_of(response, 422)
    assert "'nope'" in body["error"]
    assert all(a in body["error"] for a in catalog.archetypes.ids())


def test_readiness_json_is_the_librarys(client: CheckedClient, catalog: jdgen.Catalog) -> None:
    response = client.post("/api/readiness", json={"profile": PROFILE, "answers": ANSWERS, "notes": NOTES})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    expected = jdgen.readiness_report(catalog, {"answers": ANSWERS, "notes": NOTES}, PROFILE)
    assert response.json() == json.loads(jdgen.render(expected, "json"))


def test_readiness_of_several_respondents(client: CheckedClient, catalog: jdgen.Catalog) -> None:
    response = client.post("/api/readiness", json={"respondents": RESPONDENTS})
    assert response.status_code == 200
    expected = jdgen.readiness_report(catalog, RESPONDENTS)
    assert response.json() == json.loads(jdgen.render(expected, "json"))


def test_readiness_docx(client: CheckedClient) -> None:
    response = client.post("/api/readiness", json={"profile": PROFILE, "answers": ANSWERS, "format": "docx"})
    assert response.status_code == 200
    assert response.headers["content-type"] == DOCX_TYPE
    assert response.headers["content-disposition"] == 'attachment; filename="acme-corp-cco-readiness-report.docx"'
    document = docx.Document(io.BytesIO(response.content))
    assert "Acme Corp" in docx_dump(response.content)
    assert document.paragraphs


@pytest.mark.parametrize("body", [{}, {"profile": PROFILE}, {"answers": {}, "respondents": []}])
def test_readiness_without_answers_is_refused(client: CheckedClient, body: dict[str, Any]) -> None:
    error = error_of(client.post("/api/readiness", json=body), 422)
    assert "`answers`" in error["error"] and "`respondents`" in error["error"]


def test_lint_finds_gender_coded_words(client: CheckedClient) -> None:
    response = client.post("/api/lint", json={"text": GENDERED_POSTING})
    assert response.status_code == 200
    data = response.json()
    assert data == json.loads(jdgen.lint_text(GENDERED_POSTING, label="posting").model_dump_json())
    coded = [f for f in data["findings"] if f["check"] == "gender-coded"]
    assert coded, data["findings"]
    assert {"aggressive", "dominant"} <= {m["text"] for m in coded[0]["matches"]}
    assert data["pay_rules"] == []
    assert not any(f["check"] == "pay-transparency" for f in data["findings"])


def test_lint_checks_pay_transparency_with_a_colorado_profile(client: CheckedClient) -> None:
    profile = {"location": {"city": "Denver", "region": "Colorado", "country": "United States"}, "employees": 200}
    response = client.post("/api/lint", json={"text": GENDERED_POSTING, "profile": profile})
    assert response.status_code == 200
    data = response.json()
    pay = [f for f in data["findings"] if f["check"] == "pay-transparency"]
    assert pay, data["findings"]
    assert any("Colorado" in f["message"] and "pay minimum" in f["message"] for f in pay)
    assert any("Colorado" in rule for rule in data["pay_rules"])
    expected = jdgen.lint_text(GENDERED_POSTING, profile=profile, label="posting")
    assert data == json.loads(expected.model_dump_json())


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_lint_of_an_empty_text_is_refused(client: CheckedClient, text: str) -> None:
    body = error_of(client.post("/api/lint", json={"text": text}), 422)
    assert "empty" in body["error"]


def test_lint_of_a_text_too_long_is_refused(client: CheckedClient) -> None:
    body = error_of(client.post("/api/lint", json={"text": "a" * (MAX_TEXT_CHARS + 1)}), 422)
    assert body["error"].startswith("body: text:")
    assert f"{MAX_TEXT_CHARS:,}".replace(",", "") in body["error"].replace(",", "")


# --- error paths --------------------------------------------------------------------------


def test_unknown_archetype_names_the_valid_ones(client: CheckedClient, catalog: jdgen.Catalog) -> None:
    body = error_of(client.post("/api/jd", json={"archetype": "nope"}), 422)
    assert "'nope'" in body["error"]
    assert all(a in body["error"] for a in catalog.archetypes.ids())


def test_unknown_statement_id(client: CheckedClient) -> None:
    body = error_of(client.post("/api/jd", json=jd_body(answers={"nope": "yes"})), 422)
    assert body["error"].startswith("body: answers.nope: unknown statement id")
    assert "customer-goals-owner" in body["error"]  # the valid ids are listed


def test_unknown_statement_id_in_a_note(client: CheckedClient) -> None:
    body = error_of(client.post("/api/jd", json=jd_body(notes={"nope": "a note"})), 422)
    assert body["error"].startswith("body: notes.nope: unknown statement id")


def test_unknown_statement_id_of_a_respondent(client: CheckedClient) -> None:
    respondents = [RESPONDENTS[0], {"role": "CFO", "answers": {"nope": "no"}}]
    body = error_of(client.post("/api/jd", json={"archetype": "enterprise-cx", "respondents": respondents}), 422)
    assert body["error"].startswith("body: respondent 2: answers.nope: unknown statement id")


BAD_BODIES: list[tuple[str, Any, tuple[str, ...]]] = [
    ("bad answer", jd_body(answers={"resources": "maybe"}), ("answers.resources", "'yes'", "'maybe'")),
    (
        "bad answer of a respondent",
        {"archetype": "digital", "respondents": [{"answers": {"resources": 1}}]},
        ("respondents[0].answers.resources",),
    ),
    ("pay not a number", jd_body(profile={"pay": {"min": "x"}}), ("profile.pay.min", "number")),
    (
        "pay min over max",
        jd_body(profile={"pay": {"min": 300, "max": 200}}),
        ("profile.pay", "min (300) is greater than max (200)"),
    ),
    ("unknown profile field", jd_body(profile={"colour": "red"}), ("profile.colour", "unknown field", "company")),
    ("unknown field", jd_body(colour="red"), ("colour", "unknown field")),
    ("bad location", jd_body(profile={"location": "Denver"}), ("profile.location",)),
    ("bad employees", jd_body(profile={"employees": -3}), ("profile.employees",)),
    ("bad url", jd_body(profile={"company_url": "acme.example"}), ("profile.company_url", "http")),
    ("wrong format", jd_body(format="rtf"), ("format", "'rtf'", "'docx'", "'jsonld'", "'pdf'")),
    ("wrong edition", jd_body(edition="draft"), ("edition", "'posting'")),
    ("missing archetype", {"profile": PROFILE}, ("archetype", "missing")),
    ("archetype not a string", {"archetype": 7}, ("archetype",)),
    ("body a list", [jd_body()], ("JSON object",)),
    ("body a string", "enterprise-cx", ("JSON object",)),
    ("body null", None, ("JSON object",)),
]


@pytest.mark.parametrize(("body", "words"), [(b, w) for _, b, w in BAD_BODIES], ids=[n for n, _, _ in BAD_BODIES])
def test_bad_jd_bodies(client: CheckedClient, body: Any, words: tuple[str, ...]) -> None:
    error = error_of(client.post("/api/jd", json=body), 422)
    for word in words:
        assert word in error["error"], error


@pytest.mark.parametrize(
    ("path", "body", "words"),
    [
        ("/api/comparison", {"format": "jsonld"}, ("format", "'docx'")),
        ("/api/readiness", {"answers": ANSWERS, "format": "jsonld"}, ("format",)),
        ("/api/readiness", {"answers": ANSWERS, "edition": "posting"}, ("edition", "unknown field")),
        ("/api/lint", {"text": "Hello", "profile": {"pay": {"min": "x"}}}, ("profile.pay.min",)),
        ("/api/lint", {}, ("text", "missing")),
        ("/api/lint", {"text": 12}, ("text",)),
        ("/api/comparison", {"archetypes": "enterprise-cx"}, ("archetypes",)),
    ],
)
def test_bad_bodies_of_other_endpoints(client: CheckedClient, path: str, body: Any, words: tuple[str, ...]) -> None:
    error = error_of(client.post(path, json=body), 422)
    for word in words:
        assert word in error["error"], error


def test_several_problems_make_one_line_and_a_list(client: CheckedClient) -> None:
    body = jd_body(format="rtf", profile={"pay": {"min": "x"}, "colour": "red"})
    error = error_of(client.post("/api/jd", json=body), 422)
    assert len(error["problems"]) == 3
    assert error["error"] == f"{error['problems'][0]} (and 2 more problems)"
    joined = "\n".join(error["problems"])
    assert "format" in joined and "profile.pay.min" in joined and "profile.colour" in joined


@pytest.mark.parametrize("path", ["/api/jd", "/api/comparison", "/api/readiness", "/api/lint"])
@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"{not json", "application/json"),
        (b'{"archetype": "enterprise-cx",', "application/json"),
        (b"", "application/json"),
        (b'{"archetype": "caf\xe9", "text": "caf\xe9"}', "application/json"),  # Latin-1, not UTF-8
        (b"archetype=enterprise-cx", "application/x-www-form-urlencoded"),
        (b'{"archetype": "enterprise-cx"}', "text/plain"),
    ],
    ids=["broken", "truncated", "empty", "not-utf8", "form", "text-plain"],
)
def test_bodies_that_are_not_json_objects(client: CheckedClient, path: str, content: bytes, content_type: str) -> None:
    response = client.post(path, content=content, headers={"content-type": content_type})
    error = error_of(response, 422)
    assert "JSON object" in error["error"]
    assert "Content-Type: application/json" in error["error"]


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "DELETE"])
@pytest.mark.parametrize("path", ["/api/nope", "/api/jd/extra", "/api/", "/api"])
def test_unknown_api_paths_are_json_404(client: CheckedClient, method: str, path: str) -> None:
    error = error_of(client.request(method, path, json={}), 404)
    assert error["error"] == "no such page or endpoint"


def test_unknown_wizard_page_is_an_html_404(client: CheckedClient) -> None:
    response = client.get("/nope")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("GET", "/api/jd", "POST"),
        ("PUT", "/api/jd", "POST"),
        ("GET", "/api/lint", "POST"),
        ("GET", "/api/readiness", "POST"),
        ("GET", "/api/comparison", "POST"),
        ("POST", "/api/archetypes", "GET"),
        ("DELETE", "/api/health", "GET"),
    ],
)
def test_wrong_method_is_json_405(client: CheckedClient, method: str, path: str, allowed: str) -> None:
    error = error_of(client.request(method, path), 405)
    assert error["error"] == "this method is not allowed here"
    assert allowed in client.request(method, path).headers["allow"]


# --- guards: body size, token, host, headers -----------------------------------------------


def test_body_over_the_limit_by_content_length(small: CheckedClient) -> None:
    response = small.post("/api/lint", json={"text": "x" * 2000})
    error = error_of(response, 413)
    assert "1,000 bytes" in error["error"]


def test_body_over_the_limit_streamed_without_content_length(small: CheckedClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(30):
            yield b"x" * 100
        yield b'"}'

    response = small.post("/api/lint", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in response.request.headers
    assert response.request.headers["transfer-encoding"] == "chunked"
    error = error_of(response, 413)
    assert "1,000 bytes" in error["error"]


def test_streamed_body_under_the_limit_passes(small: CheckedClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "# Chief Customer Officer\\n\\n'
        yield b"Lead our customer team."
        yield b'"}'

    response = small.post("/api/lint", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert response.json()["metrics"]["words"] > 0


def test_body_under_the_limit_passes(small: CheckedClient) -> None:
    assert small.post("/api/lint", json={"text": "x" * 500}).status_code == 200


def test_wizard_body_over_the_limit_is_an_html_413(small: CheckedClient) -> None:
    response = small.post("/wizard/profile", data={"company": "x" * 2000})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")
    assert "1,000 bytes" in response.text


@pytest.mark.parametrize(
    "headers",
    [{}, {"authorization": "Bearer wrong"}, {"authorization": "Basic s3cret"}, {"authorization": "s3cret"}],
    ids=["none", "wrong", "basic", "bare"],
)
@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/api/archetypes"), ("POST", "/api/jd"), ("GET", "/openapi.json")]
)
def test_token_is_required(guarded: CheckedClient, headers: dict[str, str], method: str, path: str) -> None:
    response = guarded.request(method, path, headers=headers, json={"archetype": "enterprise-cx"})
    error = error_of(response, 401)
    assert "Authorization: Bearer" in error["error"]
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_token_admits_api_calls(guarded: CheckedClient) -> None:
    auth = {"authorization": "Bearer s3cret"}
    assert guarded.get("/api/health", headers=auth).json()["status"] == "ok"
    response = guarded.post("/api/jd", headers=auth, json={"archetype": "enterprise-cx", "format": "md"})
    assert response.status_code == 200
    assert response.text.startswith("# Chief Customer Officer")
    assert guarded.get("/api/health", headers={"authorization": "bearer s3cret"}).status_code == 200


def test_wizard_without_token_is_an_html_401(guarded: CheckedClient) -> None:
    for url in ("/", "/?token=wrong"):
        response = guarded.get(url)
        assert response.status_code == 401
        assert response.headers["content-type"].startswith("text/html")
        assert "?token=" in response.text
        assert "set-cookie" not in response.headers


def test_token_in_the_address_sets_a_cookie(guarded: CheckedClient) -> None:
    response = guarded.get("/?token=s3cret")
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("jdgen_token_80=s3cret;")  # one cookie per port: testserver is port 80
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    # The jar now holds the cookie: the wizard opens without the token in the address.
    page = guarded.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "<form" in page.text
    assert guarded.get("/api/archetypes").status_code == 200


def test_token_redirect_keeps_the_other_parameters(guarded: CheckedClient) -> None:
    response = guarded.get("/?step=2&token=s3cret")
    assert response.status_code == 303
    assert response.headers["location"] == "/?step=2"


def test_token_in_the_address_of_a_post_is_refused(guarded: CheckedClient) -> None:
    error_of(guarded.post("/api/jd?token=s3cret", json={"archetype": "enterprise-cx"}), 401)


def test_a_wrong_cookie_is_refused(guarded: CheckedClient) -> None:
    guarded.cookies.set("jdgen_token_80", "wrong")
    assert guarded.get("/").status_code == 401


def test_the_cookie_of_a_server_on_another_port_does_not_open_this_one(guarded: CheckedClient) -> None:
    guarded.cookies.set("jdgen_token_8001", "s3cret")
    assert guarded.get("/").status_code == 401
    guarded.cookies.set("jdgen_token_80", "s3cret")
    assert guarded.get("/").status_code == 200


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("//evil.example/", "/evil.example/"),
        ("/%5Cevil.example/", "/evil.example/"),
        ("/x%0d%0aSet-Cookie:%20a=b", "/x%0D%0ASet-Cookie%3A%20a%3Db"),
    ],
)
def test_the_token_redirect_stays_on_this_server(guarded: CheckedClient, path: str, location: str) -> None:
    response = guarded.get("http://testserver" + path + "?token=s3cret")
    assert response.status_code == 303
    assert response.headers["location"] == location
    assert "a=b" not in response.headers["set-cookie"]


@pytest.mark.parametrize("token", ["voilà", "Åsa-ΩΩ", "пароль-х"])  # à ends in 0xA0, х in 0x85: Latin-1 spaces
def test_a_token_beyond_ascii_works_as_bearer(catalog: jdgen.Catalog, token: str) -> None:
    with make_client(catalog, token=token) as client:
        assert client.get("/api/health", headers={"authorization": f"Bearer {token}".encode()}).status_code == 200
        assert client.get("/api/health", headers={"authorization": f"Bearer {token[:-1]}".encode()}).status_code == 401


def test_a_token_with_spaces_around_it_is_refused(catalog: jdgen.Catalog) -> None:
    with pytest.raises(jdgen.InputError, match="starts or ends with a space"):
        create_app(catalog, token=" lead")


def test_a_token_beyond_ascii_works_as_bearer_and_in_the_address(catalog: jdgen.Catalog) -> None:
    with make_client(catalog, token="pässwort") as client:
        assert client.get("/api/health", headers={"authorization": "Bearer pässwort".encode()}).status_code == 200
        assert client.get("/api/health", headers={"authorization": "Bearer passwort"}).status_code == 401
        response = client.get("/?token=p%C3%A4sswort")
        assert response.status_code == 303
        assert client.get("/").status_code == 200


def test_an_empty_token_is_refused_rather_than_ignored(catalog: jdgen.Catalog) -> None:
    with pytest.raises(jdgen.InputError, match="empty"):
        create_app(catalog, token="")


def test_static_files_need_no_token(guarded: CheckedClient) -> None:
    response = guarded.get("/static/wizard.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    assert response.text.strip()


def test_foreign_host_is_refused(catalog: jdgen.Catalog) -> None:
    with make_client(catalog, base_url="http://127.0.0.1", allowed_hosts=["127.0.0.1", "localhost"]) as local:
        assert local.get("/api/health").status_code == 200
        assert local.get("/api/health", headers={"host": "localhost:8000"}).status_code == 200
        for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost:8000@evil.example"):
            response = local.get("/api/health", headers={"host": host})
            error = error_of(response, 400)
            assert error["error"] == f"this server answers requests for 127.0.0.1, localhost only, not {host}"
            assert response.headers["x-frame-options"] == "DENY"
        assert "<html" in local.get("/", headers={"host": "evil.example"}).text  # a page for a browser


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"sec-fetch-site": "cross-site"}, 403),
        ({"sec-fetch-site": "same-site"}, 403),  # another port or subdomain is another origin
        ({"sec-fetch-site": "same-origin", "origin": "null"}, 200),  # Chromium under Referrer-Policy: no-referrer
        ({"origin": "http://evil.example"}, 403),  # an older browser: no Sec-Fetch-Site
        ({"origin": "http://testserver"}, 200),
        ({}, 200),  # an API client
    ],
)
def test_a_browser_request_from_another_site_is_refused(
    client: TestClient, headers: dict[str, str], status: int
) -> None:
    response = client.post("/api/lint", json={"text": "We hire a Chief Customer Officer."}, headers=headers)
    assert response.status_code == status
    if status == 403:
        assert response.json()["error"] == "a page on another site cannot send requests to this server"
    assert client.get("/api/health", headers=headers).status_code == 200  # reading is never refused


def test_a_local_server_answers_its_ipv6_address(catalog: jdgen.Catalog) -> None:
    with make_client(catalog, base_url="http://127.0.0.1", allowed_hosts=["127.0.0.1", "localhost", "::1"]) as local:
        for host in ("[::1]:8000", "[::1]"):
            assert local.get("/api/health", headers={"host": host}).status_code == 200, host


def test_a_content_length_that_is_not_a_number_is_a_bad_request(client: TestClient) -> None:
    response = client.post("/api/lint", content=b'{"text": "x"}', headers={"content-length": "12abc"})
    assert error_of(response, 400)["error"] == "the Content-Length header is not a number"


@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/"), ("GET", "/api/health"), ("GET", "/api/nope"), ("POST", "/api/jd")]
)
def test_security_headers(client: CheckedClient, method: str, path: str) -> None:
    response = client.request(method, path, json={"archetype": "enterprise-cx", "format": "html"})
    headers = response.headers
    csp = headers["content-security-policy"]
    assert "script-src 'self';" in csp
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    assert "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


def test_security_headers_on_guard_errors(small: CheckedClient, guarded: CheckedClient) -> None:
    for response in (small.post("/api/lint", json={"text": "x" * 2000}), guarded.get("/api/health")):
        assert response.status_code in (401, 413)
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "script-src 'self'" in response.headers["content-security-policy"]


# --- /docs and the OpenAPI document --------------------------------------------------------


def test_docs_are_served_offline(client: CheckedClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "SwaggerUIBundle" in response.text
    assert response.headers["content-security-policy"] == DOCS_CSP
    urls = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    assert {"/docs-assets/swagger-ui-bundle.js", "/docs-assets/swagger-ui.css"} <= set(urls)
    assert all(url.startswith("/docs-assets/") for url in urls), urls
    assert not re.search(r"https?://", response.text)  # no CDN, no other site
    for url in urls:
        asset = client.get(url)
        assert asset.status_code == 200, url
        if url.endswith(".png"):  # the icon's size differs between fastapi-offline releases
            assert asset.content.startswith(b"\x89PNG"), url
        else:
            assert len(asset.content) > 1000, url
    assert client.get("/docs-assets/swagger-ui-bundle.js").headers["content-type"].startswith("text/javascript")


@pytest.fixture(scope="module")
def openapi(client: CheckedClient) -> dict[str, Any]:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def test_openapi_lists_the_archetypes(openapi: dict[str, Any], catalog: jdgen.Catalog) -> None:
    schemas = openapi["components"]["schemas"]
    assert schemas["JdRequest"]["properties"]["archetype"]["enum"] == list(catalog.archetypes.ids())
    assert "archetype" in schemas["JdRequest"]["required"]
    listed = [o for o in schemas["ComparisonRequest"]["properties"]["archetypes"]["anyOf"] if o.get("type") == "array"]
    assert listed[0]["items"]["enum"] == list(catalog.archetypes.ids())
    statements = list(catalog.statements.ids())
    for name in ("JdRequest", "ComparisonRequest", "ReadinessRequest", "Answers"):
        for key in ("answers", "notes"):
            assert schemas[name]["properties"][key]["propertyNames"]["enum"] == statements, (name, key)


@pytest.mark.parametrize("path", ["/api/jd", "/api/comparison", "/api/readiness", "/api/lint"])
def test_openapi_documents_the_errors(openapi: dict[str, Any], path: str) -> None:
    responses = openapi["paths"][path]["post"]["responses"]
    for status in ("422", "413"):
        schema = responses[status]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorBody"}
    assert set(openapi["components"]["schemas"]["ErrorBody"]["required"]) == {"error", "problems"}
    assert "200" in responses


def test_openapi_documents_every_jd_format(openapi: dict[str, Any]) -> None:
    content = openapi["paths"]["/api/jd"]["post"]["responses"]["200"]["content"]
    assert set(content) == {
        "application/json",
        "text/markdown",
        "text/html",
        DOCX_TYPE,
        "application/ld+json",
        "application/pdf",
    }
    assert content["application/pdf"]["schema"]["format"] == "binary"
    assert content["application/json"]["schema"] == {"$ref": "#/components/schemas/JobDescription"}
    assert content["application/ld+json"]["schema"]["type"] == "object"
    assert content[DOCX_TYPE]["schema"]["format"] == "binary"
    # The posting edition leaves the advisory out, so the schema does not require it.
    required = set(openapi["components"]["schemas"]["JobDescription"]["required"])
    assert not {"readiness", "warnings", "sources"} & required
    assert {"title", "blocks"} <= required


def test_openapi_says_what_the_api_is(openapi: dict[str, Any]) -> None:
    assert openapi["info"]["title"] == "jdgen"
    assert openapi["info"]["version"] == jdgen.__version__
    paths = set(openapi["paths"])
    assert {"/api/archetypes", "/api/blocks", "/api/statements", "/api/health", "/api/jd"} <= paths
    assert {"/api/comparison", "/api/readiness", "/api/lint"} <= paths
    assert not any(p.startswith("/wizard") or p in ("/", "/docs") for p in paths)


def test_with_a_token_the_api_reference_documents_the_bearer_scheme(guarded: CheckedClient) -> None:
    schema = guarded.get("/openapi.json", headers={"authorization": "Bearer s3cret"}).json()
    assert schema["components"]["securitySchemes"] == {"token": {"type": "http", "scheme": "bearer"}}
    assert schema["security"] == [{"token": []}]
    assert all("401" in op["responses"] for path in schema["paths"].values() for op in path.values())


def test_without_a_token_the_api_reference_has_no_security(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert "security" not in schema and "securitySchemes" not in schema["components"]
    assert all(
        "401" not in op["responses"] and "400" in op["responses"] for p in schema["paths"].values() for op in p.values()
    )


def test_an_archetype_typed_in_another_case_names_the_file_as_the_catalog_spells_it(client: CheckedClient) -> None:
    response = client.post("/api/jd", json={"archetype": "Digital", "format": "docx", "profile": {"company": "Acme"}})
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="acme-cco-digital.docx"'
