"""The role pack through the JSON API: the same documents as the library, in every format, and clear errors."""

from __future__ import annotations

import io
from collections.abc import Iterator

import docx
import pytest

pytest.importorskip("fastapi")

import jdgen
from tests.test_web_api import ANSWERS, PROFILE, CheckedClient, make_client

KINDS = {"scorecard": jdgen.scorecard, "interview": jdgen.interview_kit, "charter": jdgen.charter}


@pytest.fixture(scope="module")
def client(catalog: jdgen.Catalog) -> Iterator[CheckedClient]:
    with make_client(catalog) as test_client:
        yield test_client


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_document_is_the_librarys(client: CheckedClient, catalog: jdgen.Catalog, kind: str) -> None:
    body = {"archetype": "service-led", "profile": PROFILE, "answers": ANSWERS}
    jd = jdgen.compose(catalog, "service-led", ANSWERS, PROFILE)
    expected = KINDS[kind](catalog, jd, PROFILE)
    response = client.post(f"/api/{kind}", json=body)
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    assert type(expected).model_validate(response.json()) == expected
    markdown = client.post(f"/api/{kind}", json={**body, "format": "md"})
    assert markdown.text == jdgen.render(expected, "md")
    word = client.post(f"/api/{kind}", json={**body, "format": "docx"})
    assert word.headers["content-disposition"] == f'attachment; filename="acme-corp-cco-service-led-{kind}.docx"'
    assert "Acme Corp" in docx.Document(io.BytesIO(word.content)).sections[0].header.paragraphs[0].text


def test_the_charter_follows_the_archetypes_authority(client: CheckedClient) -> None:
    advisory = client.post("/api/charter", json={"archetype": "enterprise-cx"}).json()
    operational = client.post("/api/charter", json={"archetype": "service-led"}).json()
    assert advisory["role"]["authority"]["id"] == "advisory" and operational["role"]["authority"]["id"] == "operational"
    decides = [sum(row["cco_decides"] for row in c["decisions"]) for c in (advisory, operational)]
    assert decides[0] < decides[1]


def test_a_bad_request_is_one_clear_error(client: CheckedClient) -> None:
    response = client.post("/api/interview", json={"archetype": "enterprise-cxx"})
    assert response.status_code == 422
    assert "did you mean 'enterprise-cx'" in response.json()["error"]
    response = client.post("/api/scorecard", json={"archetype": "digital", "format": "jsonld"})
    assert response.status_code == 422
