"""A real word processor opens the .docx files: LibreOffice converts them to PDF, the pages are checked.

The expected text comes from the .docx itself (every title, heading and warning paragraph as
python-docx reads it), so the check is that LibreOffice shows everything the document holds,
in order, with the page header and the page-number fields filled in on every page. The pages
are checked as a reader meets them: no table row breaks across pages, a table's header row
repeats on every page it runs on, every page of an internal document says so, the internal
advisory starts a page, the demo posting fits on two pages (Letter and A4), and the text is
set in the fonts the document names or their metric twins, never in a fallback.

Without ``soffice`` the tests are skipped with the reason shown (pytest's ``-ra``); with
``JDGEN_REQUIRE_SOFFICE=1`` (set by ``.ci/run``) they fail instead, so CI never skips them.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from docx.shared import Mm
from pypdf import PdfReader

import jdgen
from jdgen.common import resources
from jdgen.render.documents import BOARD_MARK, EXECUTIVE_MARK, HIRING_MARK, INTERNAL_MARK, layout
from jdgen.render.docx_document import markdown_to_docx

pytestmark = pytest.mark.libreoffice

SOFFICE_TIMEOUT = 180  # seconds, for starting LibreOffice and converting every file
HEADING_STYLES = ("Title", "Heading1", "Heading2", "Heading3")
# An execution-chasm warning (title, why, action and sources in one paragraph), by severity.
WARNING_STYLES = ("Advisory", "AdvisoryCritical", "AdvisoryNote")
COMPANY = "Northwind Outfitters"
MARKS = {
    "jd": INTERNAL_MARK,
    "comparison": BOARD_MARK,
    "readiness": EXECUTIVE_MARK,
    "posting": None,
    "posting-a4": None,
    "scorecard": HIRING_MARK,
    "interview": HIRING_MARK,
    "charter": HIRING_MARK,
}
LETTER, A4 = (612.0, 792.0), (595.3, 841.9)  # points


@dataclass(frozen=True)
class Converted:
    docx: bytes
    header: str  # the page header's text in the .docx
    pages: list[str]  # the text of each PDF page
    sizes: list[tuple[float, float]]  # each page's width and height in points
    fonts: set[str]  # the fonts the PDF embeds, without their subset prefix

    @property
    def text(self) -> str:
        """The body text of every page (whitespace collapsed), without the page headers and footers."""
        bodies = []
        for number, page in enumerate(self.pages, 1):
            flat = _flat(page)
            flat = flat.removeprefix(_flat(self.header)).removesuffix(f"Page {number} of {len(self.pages)}")
            bodies.append(flat.strip())
        return " ".join(bodies)


def _soffice() -> str:
    found = shutil.which("soffice")
    if found:
        return found
    reason = "soffice (LibreOffice) not found: install libreoffice-writer-nogui to run this check"
    if os.environ.get("JDGEN_REQUIRE_SOFFICE") == "1":
        pytest.fail(f"{reason} (JDGEN_REQUIRE_SOFFICE=1: CI must not skip it)")
    pytest.skip(reason)


def _a4_reference(folder: Path) -> Path:
    """The built-in reference document with A4 pages, as a European HR team would save it."""
    document = docx.Document(str(resources.templates_dir() / "reference.docx"))
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
    path = folder / "a4.docx"
    document.save(str(path))
    return path


def _documents(folder: Path) -> dict[str, bytes]:
    """The demo company's documents: answers from three executives with gaps, so gap blocks and warnings appear."""
    catalog = jdgen.load_catalog()
    team = jdgen.load_answers([resources.examples_dir() / "team.csv"], catalog)
    profile = jdgen.load_profile(resources.examples_dir() / "profile.yaml")
    jd = jdgen.compose(catalog, "enterprise-cx", team, profile)
    assert any(b.reason == "gap" for b in jd.blocks), "the inputs should add gap blocks"
    assert {w.severity for w in jd.warnings} >= {"critical", "warning"}, "the inputs should raise warnings"
    documents = {
        "jd": jdgen.render(jd, "docx"),
        "posting": jdgen.render(jd, "docx", posting=True),
        "posting-a4": jdgen.render(jd, "docx", posting=True, reference=_a4_reference(folder)),
        "comparison": jdgen.render(jdgen.compare(catalog, team, profile), "docx"),
        "readiness": jdgen.render(jdgen.readiness_report(catalog, team, profile), "docx"),
    }
    pack = jdgen.role_pack(catalog, jd, profile)
    documents |= {name: jdgen.render(getattr(pack, name), "docx") for name in ("scorecard", "interview", "charter")}
    constructs = (Path(__file__).resolve().parent / "data" / "markdown-constructs.md").read_text("utf-8")
    documents["constructs"] = markdown_to_docx(constructs, layout(jd))  # every construct a user's template may hold
    blobs = {name: blob for name, blob in documents.items() if isinstance(blob, bytes)}
    assert blobs.keys() == documents.keys(), "render(..., 'docx') should give bytes"
    return blobs


def _convert(soffice: str, sources: list[Path], outdir: Path, profile_dir: Path) -> None:
    """One LibreOffice run for every file (it is slow to start), with a private profile and a time limit."""
    command = [
        soffice,
        f"-env:UserInstallation={profile_dir.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        *map(str, sources),
    ]
    # Its own process group, so that a run past the time limit is stopped with every child it started.
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    ) as process:
        try:
            output, _ = process.communicate(timeout=SOFFICE_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail(f"soffice did not finish converting within {SOFFICE_TIMEOUT} s")
    missing = [s.name for s in sources if not (outdir / f"{s.stem}.pdf").is_file()]
    assert process.returncode == 0 and not missing, (
        f"soffice exited {process.returncode}; no PDF for {missing}:\n{output}"
    )


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Converted]:
    soffice = _soffice()
    work = tmp_path_factory.mktemp("libreoffice")
    documents = _documents(work)
    sources = []
    for name, blob in documents.items():
        path = work / f"{name}.docx"
        path.write_bytes(blob)
        sources.append(path)
    _convert(soffice, sources, work / "pdf", work / "profile")
    result = {}
    for name, blob in documents.items():
        pdf = PdfReader(work / "pdf" / f"{name}.pdf")
        pages = [page.extract_text() for page in pdf.pages]
        sizes = [(float(page.mediabox.width), float(page.mediabox.height)) for page in pdf.pages]
        header = " ".join(p.text for p in docx.Document(io.BytesIO(blob)).sections[0].header.paragraphs if p.text)
        fonts = {
            str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1]
            for page in pdf.pages
            for font in page["/Resources"].get("/Font", {}).values()
        }
        result[name] = Converted(blob, header, pages, sizes, fonts)
    return result


def _flat(text: str) -> str:
    """Text compared across line breaks: whitespace collapsed, and none after a hyphen (a line may end there)."""
    return re.sub(r"(?<=[-‐‑])\s+", "", " ".join(text.split()))


def _styled(blob: bytes, styles: tuple[str, ...]) -> list[str]:
    document = docx.Document(io.BytesIO(blob))
    return [p.text for p in document.paragraphs if p.text.strip() and (p._p.style or "Normal") in styles]


def _assert_in_order(expected: list[str], text: str, what: str) -> None:
    flat = _flat(text)
    position = 0
    for item in expected:
        found = flat.find(_flat(item), position)
        assert found >= 0, f"{what} {item!r} is not in the PDF after the previous one; PDF text:\n{text[:3000]}"
        position = found + len(_flat(item))


@pytest.mark.parametrize(
    "name", ["jd", "posting", "comparison", "readiness", "scorecard", "interview", "charter", "constructs"]
)
def test_every_heading_and_warning_of_the_docx_is_in_the_pdf_in_order(
    converted: dict[str, Converted], name: str
) -> None:
    document = converted[name]
    expected = _styled(document.docx, (*HEADING_STYLES, *WARNING_STYLES))
    fewest = {"charter": 3, "constructs": 6}.get(name, 8)  # the charter is two tables under three headings
    assert len(_styled(document.docx, HEADING_STYLES)) >= fewest, f"too few headings in {name}.docx to be a real check"
    _assert_in_order(expected, document.text, "heading or warning")


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("jd", LETTER),
        ("posting", LETTER),
        ("posting-a4", A4),
        ("comparison", LETTER[::-1]),
        ("readiness", LETTER),
        ("scorecard", LETTER),
        ("interview", LETTER),
        ("charter", LETTER),
    ],
)
def test_every_page_has_the_header_its_marking_and_its_page_number(
    converted: dict[str, Converted], name: str, size: tuple[float, float]
) -> None:
    document = converted[name]
    total = len(document.pages)
    assert total >= 2, f"{name}: {total} page(s), but the document is longer than one page"
    mark = MARKS[name]
    assert document.header.startswith((f"{mark} · " if mark else "") + f"{COMPANY} · ")
    for number, (text, (width, height)) in enumerate(zip(document.pages, document.sizes, strict=True), 1):
        assert abs(width - size[0]) < 1 and abs(height - size[1]) < 1, f"{name} page {number}: {width} x {height} pt"
        flat = _flat(text)
        assert flat.startswith(_flat(document.header)), f"{name} page {number} does not start with the page header"
        assert flat.endswith(f"Page {number} of {total}"), f"{name} page {number}: the footer fields are not filled in"
        if mark is None:
            assert INTERNAL_MARK not in flat and "CONFIDENTIAL" not in flat, f"{name} page {number} is marked"


def _body(document: Converted, number: int) -> str:
    """The text of one page (1-based) without its header and footer, whitespace collapsed."""
    flat = _flat(document.pages[number - 1]).removeprefix(_flat(document.header))
    return flat.removesuffix(f"Page {number} of {len(document.pages)}").strip()


def test_the_internal_advisory_starts_a_page(converted: dict[str, Converted]) -> None:
    document = converted["jd"]
    starts = [n for n in range(1, len(document.pages) + 1) if _body(document, n).startswith("Internal advisory")]
    assert len(starts) == 1, "no page starts with the internal advisory"
    assert "Internal advisory" not in " ".join(_body(document, n) for n in range(1, starts[0]))


@pytest.mark.parametrize("name", ["posting", "posting-a4"])
def test_the_demo_posting_fits_on_two_pages_and_no_page_holds_only_a_closing_line(
    converted: dict[str, Converted], name: str
) -> None:
    document = converted[name]
    assert len(document.pages) == 2, f"{name}: {len(document.pages)} pages"
    for number in (1, 2):
        words = len(_body(document, number).split())
        assert words >= 60, f"{name} page {number} holds only {words} words"


@pytest.mark.parametrize("name", ["jd", "comparison", "readiness", "scorecard", "interview", "charter"])
def test_no_table_row_breaks_across_pages_and_every_header_row_repeats(
    converted: dict[str, Converted], name: str
) -> None:
    """Each row's cells are found whole on one page; a table that goes on to a new page shows its header row there first."""
    document = converted[name]
    pages = [_squeezed(_flat(page)) for page in document.pages]
    page, offset = 0, 0
    continued = 0
    for table in docx.Document(io.BytesIO(document.docx)).tables:
        header = _squeezed("".join(cell.text for cell in table.rows[0].cells))
        row_page = None
        for row in table.rows[1:]:
            cells = [_squeezed(cell.text) for cell in row.cells if cell.text.strip()]
            found = _find_row(pages, cells, page, offset)
            assert found is not None, f"{name}: row {cells[0]!r} is not whole on one page (it breaks, or is lost)"
            start_page, start, offset = found
            if row_page is not None and start_page != row_page:
                continued += 1
                assert header in pages[start_page][:start], (
                    f"{name}: the table goes on to page {start_page + 1} without its header row"
                )
            row_page = page = start_page
    # The check above needs a table that goes on to a new page: the report's table of statements does.
    assert name != "readiness" or continued, "the readiness report should have a table that runs over a page"


def _find_row(pages: list[str], cells: list[str], page: int, offset: int) -> tuple[int, int, int] | None:
    """The first page (from `page`, `offset`) holding every cell in order: (page, start, end), or None."""
    for number in range(page, len(pages)):
        position = offset if number == page else 0
        start = pages[number].find(cells[0], position)
        if start < 0:
            continue
        end = start
        for cell in cells:
            end = pages[number].find(cell, end)
            if end < 0:
                break
            end += len(cell)
        else:
            return number, start, end
    return None


def test_the_text_is_set_in_the_documents_fonts_or_their_metric_twins(converted: dict[str, Converted]) -> None:
    # The reference names Calibri; LibreOffice sets it in Carlito, its metric twin (fonts-crosextra-carlito).
    # A font LibreOffice lacks would come out in DejaVu Sans, wider, and change every page break.
    for name, document in converted.items():
        if name == "constructs":  # its emoji and Hebrew are in no document font: a fallback sets them
            continue
        assert not {f for f in document.fonts if "DejaVu" in f}, f"{name}: set in a fallback font: {document.fonts}"
        assert {"Carlito", "Carlito-Bold"} <= document.fonts, f"{name}: {document.fonts}"


def test_the_jd_shows_its_warnings_and_the_posting_does_not(converted: dict[str, Converted]) -> None:
    jd, posting = converted["jd"].text, converted["posting"].text
    warnings = _styled(converted["jd"].docx, WARNING_STYLES)
    assert len(warnings) >= 2, "the internal JD should carry warnings"
    for marker in ["Internal advisory: not for posting", *warnings]:
        assert _flat(marker) in jd
        assert _flat(marker) not in posting
    assert "Pay: USD 265,000–310,000 per year" in jd  # an en dash and the digits survive the trip


def _squeezed(text: str) -> str:
    return "".join(text.split())


def test_the_comparison_matrix_shows_every_archetype_and_responsibility(converted: dict[str, Converted]) -> None:
    comparison = converted["comparison"]
    matrices = [
        table
        for table in docx.Document(io.BytesIO(comparison.docx)).tables
        if table.rows[0].cells[0].text == "Responsibility"
    ]
    assert len(matrices) >= 3, "the comparison should have a coverage matrix per domain"
    header = [cell.text for cell in matrices[0].rows[0].cells]
    assert sorted(header[2:]) == sorted(a.name for a in jdgen.load_catalog().archetypes)
    # Narrow matrix columns may wrap inside a word (LibreOffice without Carlito, the metric twin of
    # the reference's Calibri, sets the text in the wider DejaVu Sans): compare without whitespace.
    text = _squeezed(comparison.text)
    header_row = _squeezed("".join(header))
    assert text.count(header_row) >= len(matrices), "a matrix header row (the archetype names) is missing"
    for table in matrices:
        for row in table.rows[1:]:
            assert _squeezed(row.cells[0].text) in text, f"matrix row {row.cells[0].text!r} is missing"
    for label in ("Strength", "Added by JD", "Lacks; in JD", "Not in scope"):
        assert _squeezed(label) in text


def test_generate_writes_a_tagged_pdf_of_the_posting(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from jdgen.cli import main

    _soffice()
    out = tmp_path / "posting.pdf"
    profile = str(resources.examples_dir() / "profile.yaml")
    args = ["generate", "-a", "enterprise-cx", "--profile", profile, "--posting", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    pdf = PdfReader(out)
    root = pdf.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root, "the PDF is not tagged"
    assert root["/Lang"] == "en-US"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert pdf.metadata is not None and pdf.metadata.title == f"Chief Customer Officer — {COMPANY}"
    assert len(pdf.pages) == 2
    assert "INTERNAL" not in pdf.pages[0].extract_text()
