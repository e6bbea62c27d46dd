"""Every kind of document passes the checks of Word's Accessibility Checker that jdgen can meet.

Word (Review › Check Accessibility) and WCAG 2.1 AA ask that tables have a marked header row and
alt text (a title and a description), that the document's language is set, that heading levels
never skip, that link text says where the link goes, and that text has a contrast of at least
4.5:1 with its background (WCAG 1.4.3). Checked on the .docx and the HTML of the internal and
posting JD, the board comparison and the readiness report.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

import jdgen
from jdgen.common import resources
from jdgen.render import Document

HEADING_LEVELS = {"Heading1": 1, "Heading2": 2, "Heading3": 3}
GENERIC_LINK_TEXT = {"here", "click here", "link", "more", "read more", "this", "website"}
MIN_CONTRAST = 4.5
LANGUAGE = "en-GB"


def _documents() -> dict[str, Document]:
    catalog = jdgen.load_catalog()
    team = jdgen.load_answers([resources.examples_dir() / "team.csv"], catalog)
    profile = jdgen.load_profile(resources.examples_dir() / "profile.yaml").model_copy(update={"language": LANGUAGE})
    jd = jdgen.compose(catalog, "enterprise-cx", team, profile)
    pack = jdgen.role_pack(catalog, jd, profile)
    return {
        "jd": jd,
        "posting": jd.posting_edition(),
        "comparison": jdgen.compare(catalog, team, profile),
        "readiness": jdgen.readiness_report(catalog, team, profile),
        "scorecard": pack.scorecard,
        "interview": pack.interview,
        "charter": pack.charter,
    }


DOCUMENTS = _documents()


@pytest.fixture(scope="module", params=sorted(DOCUMENTS))
def word(request: pytest.FixtureRequest) -> tuple[str, DocxDocument]:
    blob = jdgen.render(DOCUMENTS[request.param], "docx")
    assert isinstance(blob, bytes)
    return request.param, docx.Document(io.BytesIO(blob))


# --- contrast (WCAG 2.1, relative luminance) -----------------------------------------------------


def _luminance(hex_rgb: str) -> float:
    channels = [int(hex_rgb[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two colours given as hex RGB."""
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_formula_matches_wcag_examples() -> None:
    assert contrast("000000", "FFFFFF") == pytest.approx(21)
    assert contrast("777777", "FFFFFF") == pytest.approx(4.48, abs=0.01)  # WebAIM's classic near miss


# --- reading a .docx's effective colours ------------------------------------------------------------


def _style_chain(document: DocxDocument, style_id: str | None) -> Iterator[Any]:
    styles = document.styles.element
    while style_id:
        style = styles.get_by_id(style_id)
        if style is None:
            return
        yield style
        style_id = style.basedOn_val


def _first(elements: Iterator[Any], path: str) -> str | None:
    for element in elements:
        found = element.find(path)
        if found is not None:
            return str(found.get(qn("w:val") if "color" in path else qn("w:fill")))
    return None


def _default_colour(document: DocxDocument) -> str:
    found = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:color')}")
    return "000000" if found is None else str(found.get(qn("w:val")))


def _text_runs(document: DocxDocument) -> Iterator[tuple[Paragraph, Any, Any, Any]]:
    """Every run with text, with its paragraph, its table cell (or None) and its row (or None)."""
    for paragraph in document.paragraphs:
        for run in paragraph._p.iter(qn("w:r")):
            yield paragraph, run, None, None
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph._p.iter(qn("w:r")):
                        yield paragraph, run, cell, row


def _colours(document: DocxDocument, paragraph: Paragraph, run: Any, cell: Any, row: Any) -> tuple[str, str]:
    """The run's text colour and the colour behind it, as Word works them out."""
    run_style = run.rPr.style if run.rPr is not None and run.rPr.style else None
    p_styles = list(_style_chain(document, paragraph._p.style))
    table_style = list(_style_chain(document, "JDTable")) if cell is not None else []
    header = row is not None and row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
    first_row = [s.find(f"{qn('w:tblStylePr')}[@{qn('w:type')}='firstRow']") for s in table_style if header]
    first_row = [f for f in first_row if f is not None]
    own = [run] if run.rPr is not None else []
    colour = (
        _first(iter([r.rPr for r in own]), qn("w:color"))
        or _first(_style_chain(document, run_style), f"{qn('w:rPr')}/{qn('w:color')}")
        or _first(iter(first_row), f"{qn('w:rPr')}/{qn('w:color')}")
        or _first(iter(p_styles), f"{qn('w:rPr')}/{qn('w:color')}")
        or _first(iter(table_style), f"{qn('w:rPr')}/{qn('w:color')}")
        or _default_colour(document)
    )
    cell_fill = None
    if cell is not None and cell._tc.tcPr is not None:
        shd = cell._tc.tcPr.find(qn("w:shd"))
        cell_fill = None if shd is None else shd.get(qn("w:fill"))
    fill = (
        cell_fill
        or _first(iter(first_row), f"{qn('w:tcPr')}/{qn('w:shd')}")
        or _first(iter(p_styles), f"{qn('w:pPr')}/{qn('w:shd')}")
        or "FFFFFF"
    )
    return colour, fill


def test_word_text_has_enough_contrast_with_what_is_behind_it(word: tuple[str, DocxDocument]) -> None:
    name, document = word
    checked = set()
    for paragraph, run, cell, row in _text_runs(document):
        if not "".join(t.text or "" for t in run.iter(qn("w:t"))).strip():
            continue
        colour, fill = _colours(document, paragraph, run, cell, row)
        checked.add((colour, fill))
        assert contrast(colour, fill) >= MIN_CONTRAST, (
            f"{name}: text #{colour} on #{fill} is {contrast(colour, fill):.2f}:1"
        )
    for part in (document.sections[0].header, document.sections[0].footer):
        for paragraph in part.paragraphs:
            for run in paragraph._p.iter(qn("w:r")):
                colour, fill = _colours(document, paragraph, run, None, None)
                assert contrast(colour, fill) >= MIN_CONTRAST, f"{name}: header or footer #{colour} on #{fill}"
    assert len(checked) >= 2, f"{name}: too few colour pairs to be a real check: {checked}"


def test_word_tables_have_a_header_row_and_alt_text(word: tuple[str, DocxDocument]) -> None:
    name, document = word
    if name == "posting":
        assert not document.tables  # the posting has none: nothing for a phone to scroll sideways
        return
    assert document.tables
    for table in document.tables:
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None, f"{name}: no header row"
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))
        description = table._tbl.tblPr.find(qn("w:tblDescription"))
        assert caption is not None and caption.get(qn("w:val")).strip(), f"{name}: a table without a title"
        assert description is not None and "columns:" in description.get(qn("w:val")), f"{name}: no description"


def test_word_documents_are_in_the_profiles_language(word: tuple[str, DocxDocument]) -> None:
    name, document = word
    lang = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang is not None and lang.get(qn("w:val")) == LANGUAGE, name
    assert document.core_properties.language == LANGUAGE


def test_word_heading_levels_never_skip(word: tuple[str, DocxDocument]) -> None:
    name, document = word
    styles = [p._p.style for p in document.paragraphs]
    assert styles[0] == "Title"
    deepest = 0
    for style in styles:
        level = HEADING_LEVELS.get(style or "")
        if level is None:
            continue
        assert level <= deepest + 1, f"{name}: a heading {level} follows a heading {deepest}"
        deepest = level


def _link_text_says_where(text: str, url: str) -> bool:
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    words = text.strip().lower()
    return bool(words) and words not in GENERIC_LINK_TEXT and (host in words or not re.match(r"https?://", words))


def test_word_link_text_says_where_the_link_goes(word: tuple[str, DocxDocument]) -> None:
    name, document = word
    links = 0
    for hyperlink in document.element.body.iter(qn("w:hyperlink")):
        url = document.part.rels[hyperlink.get(qn("r:id"))].target_ref
        text = "".join(t.text or "" for t in hyperlink.iter(qn("w:t")))
        assert _link_text_says_where(text, url), f"{name}: link text {text!r} for {url}"
        links += 1
    assert links, f"{name}: no link to check"


# --- HTML -----------------------------------------------------------------------------------------


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.headings: list[int] = []
        self.tables = self.header_cells = 0
        self.links: list[tuple[str, str]] = []
        self.fills: list[str] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "table":
            self.tables += 1
        elif tag == "th":
            self.header_cells += 1
        elif tag == "a":
            self._href, self._text = values.get("href") or "", []
        match = re.search(r"background-color: #([0-9A-Fa-f]{6})", values.get("style") or "")
        if match:
            self.fills.append(match.group(1))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append(("".join(self._text), self._href))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_html_pages_pass_the_same_checks(name: str) -> None:
    page = jdgen.render(DOCUMENTS[name], "html")
    assert isinstance(page, str)
    outline = _Outline()
    outline.feed(page)
    assert outline.lang == LANGUAGE
    assert outline.headings[0] == 1
    for before, after in zip(outline.headings, outline.headings[1:], strict=False):
        assert after <= before + 1, f"{name}: h{after} follows h{before}"
    assert outline.header_cells >= outline.tables  # every table has its header row
    for text, href in outline.links:
        assert _link_text_says_where(text, href), f"{name}: link text {text!r} for {href}"
    for fill in outline.fills:  # body text (#222) on the shaded cells
        assert contrast("222222", fill) >= MIN_CONTRAST
    for fill, colour in re.findall(
        r"background: #([0-9a-f]{6}); border-left-color: #[0-9a-f]{6}; color: #([0-9a-f]{6})", page
    ):
        assert contrast(colour, fill) >= MIN_CONTRAST
