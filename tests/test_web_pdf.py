"""PDF from the API and the wizard: offered when the server has LibreOffice, refused with 501 when not."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

import jdgen
from jdgen.render import pdf
from jdgen.web import create_app
from tests.test_web_wizard import ANSWERS, PROFILE

CATALOG = jdgen.load_catalog()
JD_BODY = {"archetype": "digital", "format": "pdf", "edition": "posting", "profile": {"company": "Acme"}}
STATE = {**PROFILE, **ANSWERS, "archetype": "digital"}


@pytest.fixture
def without_libreoffice(monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    with TestClient(create_app(CATALOG)) as client:
        yield client


@pytest.fixture(scope="module")
def with_libreoffice() -> Iterator[TestClient]:
    if not pdf.pdf_available():
        if os.environ.get("JDGEN_REQUIRE_SOFFICE") == "1":
            pytest.fail("soffice (LibreOffice) not found (JDGEN_REQUIRE_SOFFICE=1: CI must not skip it)")
        pytest.skip("soffice (LibreOffice) not found: install libreoffice-writer-nogui to run this check")
    with TestClient(create_app(CATALOG)) as client:
        yield client


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/jd", JD_BODY),
        ("/api/comparison", {"format": "pdf"}),
        ("/api/readiness", {"format": "pdf", "answers": {"resources": "no"}}),
    ],
)
def test_the_api_refuses_pdf_with_501_without_libreoffice(
    without_libreoffice: TestClient, path: str, body: dict[str, object]
) -> None:
    response = without_libreoffice.post(path, json=body)
    assert response.status_code == 501
    assert response.json()["error"] == f"this server cannot make PDFs: {pdf.NOT_INSTALLED}"


def test_the_wizard_offers_no_pdf_without_libreoffice(without_libreoffice: TestClient) -> None:
    page = without_libreoffice.post("/wizard/preview", data=STATE).text
    assert 'value="docx"' in page and 'value="board.docx"' in page
    assert "pdf" not in page.split('class="downloads"')[1].split("</fieldset>")[0]
    assert without_libreoffice.post("/wizard/download", data={**STATE, "format": "board.pdf"}).status_code == 501


@pytest.mark.libreoffice
def test_the_api_gives_the_posting_as_a_tagged_pdf(with_libreoffice: TestClient) -> None:
    response = with_libreoffice.post("/api/jd", json=JD_BODY)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == 'attachment; filename="acme-cco-digital-posting.pdf"'
    document = PdfReader(io.BytesIO(response.content))
    assert document.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert "Chief Customer Officer" in document.pages[0].extract_text()


@pytest.mark.libreoffice
@pytest.mark.parametrize(("fmt", "name"), [("pdf", "cco-digital"), ("board.pdf", "cco-board-comparison")])
def test_the_wizard_offers_pdf_downloads_when_it_can_make_them(
    with_libreoffice: TestClient, fmt: str, name: str
) -> None:
    page = with_libreoffice.post("/wizard/preview", data=STATE).text
    assert f'value="{fmt}"' in page
    response = with_libreoffice.post("/wizard/download", data={**STATE, "format": fmt})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith('attachment; filename="acme-insurance-' + name)
    assert response.content.startswith(b"%PDF")
