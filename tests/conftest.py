"""Shared fixtures: the built-in catalog, file-tree builders, golden files, a .docx dump."""

from __future__ import annotations

import difflib
import io
import os
import tempfile
import textwrap
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

import jdgen

# The tests build jdgen's cache (compiled templates, dictionaries, prepared references) afresh in a
# folder of their own, never the user's; the commands they run inherit it.
os.environ.setdefault("JDGEN_CACHE_DIR", tempfile.mkdtemp(prefix="jdgen-test-cache-"))
# Likewise the survey store a `jdgen serve` opens by default: in a data folder of the tests' own.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="jdgen-test-data-")

pytest_plugins = ["tests.store_db"]  # the survey store's `db` fixture, on SQLite and PostgreSQL

DATA = Path(__file__).parent / "data"
EXPECTED = DATA / "expected"
INPUTS = DATA / "inputs"
UPDATE_HINT = "pytest --update-golden"

# The 11 readiness statements, in the order the product promises.
STATEMENTS = [
    "customer-goals-owner",
    "alignment-process",
    "customer-roadmap",
    "agreed-metrics",
    "role-clarity",
    "participation",
    "resources",
    "collaboration-process",
    "attainable-work",
    "marketing-back",
    "recognition-reward",
]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="Rewrite the golden files under tests/data/expected/."
    )


@pytest.fixture(scope="session")
def catalog() -> jdgen.Catalog:
    return jdgen.load_catalog()


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text with tests/data/expected/<name>; --update-golden rewrites it."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = EXPECTED / name
        actual = actual.replace("\r\n", "\n")
        if update or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            if not update:
                pytest.fail(f"golden file {path} did not exist; created it. Review it and run again.")
            return
        expected = path.read_text(encoding="utf-8")
        if actual != expected:
            diff = "".join(
                difflib.unified_diff(
                    expected.splitlines(keepends=True), actual.splitlines(keepends=True), str(path), "actual", n=2
                )
            )
            pytest.fail(f"output differs from {path}:\n{diff[:6000]}\nIf the change is intended: {UPDATE_HINT}")

    return check


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Create files (dedented) under root; return root."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def _fill(cell: docx.table._Cell) -> str:
    """`` [fill C6EFCE]`` for a shaded cell, else nothing."""
    shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return f" [fill {shd.get(qn('w:fill'))}]" if shd is not None else ""


def docx_dump(blob: bytes) -> str:
    """A .docx as text: header, each paragraph as `Style | text`, tables as rows of cells, footer.

    What keeps pages readable shows too: a paragraph kept with the next one or starting a page
    (`Style [keep-next] | …`, `[page-break]`), a table's title and description (its alt text),
    its repeated header row (`H`) and any row that may split across pages (`[may split]`).
    """
    document = docx.Document(io.BytesIO(blob))
    lines: list[str] = []
    section = document.sections[0]
    lines += [f"[header] {p.text}" for p in section.header.paragraphs if p.text]
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = docx.text.paragraph.Paragraph(child, document._body)
            style = paragraph._p.style or "Normal"
            p_pr = paragraph._p.pPr
            flags = [
                flag
                for flag, on in (
                    ("page-break", p_pr is not None and p_pr.pageBreakBefore_val),
                    ("keep-next", p_pr is not None and p_pr.keepNext_val),
                )
                if on
            ]
            lines.append(f"{style}{''.join(f' [{f}]' for f in flags)} | {paragraph.text}")
        elif tag == "tbl":
            table = docx.table.Table(child, document._body)
            alt = [child.tblPr.find(qn(f"w:{name}")) for name in ("tblCaption", "tblDescription")]
            title, description = (None if a is None else a.get(qn("w:val")) for a in alt)
            lines.append(f"[table {table._tbl.tblStyle_val}; title: {title}; description: {description}]")
            for row in table.rows:
                tr_pr = row._tr.trPr
                header = tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
                whole = tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None
                cells = " || ".join(cell.text + _fill(cell) for cell in row.cells)
                lines.append(f"{'H ' if header else '  '}{cells}{'' if whole else ' [may split]'}")
    if section.orientation == WD_ORIENT.LANDSCAPE:
        lines.insert(0, "[page] landscape")
    footer_xml = section.footer._element.xml
    fields = [f for f in ("PAGE", "NUMPAGES") if f" {f} " in footer_xml]
    lines += [f"[footer] {p.text}" for p in section.footer.paragraphs if p.text]
    lines.append(f"[footer fields] {' '.join(fields)}")
    return "\n".join(lines) + "\n"
