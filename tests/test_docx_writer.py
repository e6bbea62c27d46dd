"""The Word writer (WordprocessingML written as text) against jdgen 0.4's python-docx pipeline.

`tests/legacy_docx` keeps 0.4's pipeline as it was: markdown-it-py tokens, python-docx elements,
python-docx's save. Every document jdgen makes, a corpus of what a user's template may hold and
the CommonMark spec's examples give the same package from both: the same parts in the same
order, byte for byte, zipped alike. Where the new writer differs on purpose, a test says how.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.text.run import Run
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import jdgen
from jdgen.common import resources
from jdgen.render import docx_xml
from jdgen.render.documents import Layout, layout
from jdgen.render.docx_document import markdown_to_docx
from jdgen.render.docx_zip import archive, deflate
from jdgen.render.markdown import parse
from tests.conftest import docx_dump
from tests.legacy_docx import document as legacy
from tests.test_markdown_parser import RAW_HTML

DATA = Path(__file__).resolve().parent / "data"
CONSTRUCTS = (DATA / "markdown-constructs.md").read_text("utf-8")
SPEC: list[dict[str, Any]] = json.loads((DATA / "commonmark-spec-0.31.2.json").read_text("utf-8"))


def _package(blob: bytes) -> list[tuple[str, tuple[int, ...], int, int, bytes]]:
    """Each member's name, entry time, compression, permissions and content, in order."""
    with zipfile.ZipFile(io.BytesIO(blob)) as archive_file:
        assert archive_file.testzip() is None
        return [
            (i.filename, i.date_time, i.compress_type, i.external_attr, archive_file.read(i))
            for i in archive_file.infolist()
        ]


def _documents() -> dict[str, Any]:
    catalog = jdgen.load_catalog()
    examples = resources.examples_dir()
    profile = jdgen.load_profile(examples / "profile.yaml")
    team = jdgen.load_answers([examples / "team.csv"], catalog)
    jd = jdgen.compose(catalog, "enterprise-cx", jdgen.load_answers(examples / "answers.yaml", catalog), profile)
    documents: dict[str, Any] = {
        "jd": jd,
        "posting": jd.posting_edition(),
        "bare": jdgen.compose(catalog, "service-led"),
        "comparison": jdgen.compare(catalog, team, profile),
        "readiness": jdgen.readiness_report(catalog, team, profile),
    }
    agency = {"company": "State Benefits Agency", "sector": "public-sector"}
    agency_jd = jdgen.compose(catalog, "public-sector", {"participation": "no"}, agency)
    for owner, pack in (
        ("demo", jdgen.role_pack(catalog, jd, profile)),
        ("agency", jdgen.role_pack(catalog, agency_jd, agency)),
    ):
        documents |= {f"{owner}-{name}": getattr(pack, name) for name in ("scorecard", "interview", "charter")}
    return documents


DOCUMENTS = _documents()


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_document_is_the_package_jdgen_0_4_wrote(name: str) -> None:
    document = DOCUMENTS[name]
    spec = layout(document)
    text = jdgen.render(document, "md")
    assert isinstance(text, str)
    new = markdown_to_docx(text, spec)
    assert _package(new) == _package(legacy.markdown_to_docx(text, spec))
    assert jdgen.render(document, "docx") == new


@pytest.fixture(scope="module")
def jd_layout() -> Layout:
    return layout(DOCUMENTS["jd"])


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
def test_every_construct_of_a_user_template_is_written_as_jdgen_0_4_wrote_it(
    jd_layout: Layout, landscape: bool
) -> None:
    spec = Layout(**{**jd_layout.__dict__, "landscape": landscape, "shading": {"yes": "C6EFCE", "partial": "FFEB9C"}})
    new = markdown_to_docx(CONSTRUCTS, spec)
    assert _package(new) == _package(legacy.markdown_to_docx(CONSTRUCTS, spec))
    dump = docx_dump(new)
    for expected in (
        "Title [keep-next] | A user's template",
        "ListNumber | a second list, numbered again from one",
        "[fill C6EFCE]",
        "def fence():",
    ):
        assert expected in dump


@pytest.mark.parametrize("with_header", [True, False], ids=["with-header", "without-header"])
def test_a_user_reference_document_gives_what_jdgen_0_4_wrote(
    tmp_path: Path, jd_layout: Layout, with_header: bool
) -> None:
    reference = docx.Document()  # python-docx's own template: other styles and numbering, no header
    reference.sections[0].left_margin = reference.sections[0].right_margin = 600_000
    if with_header:
        reference.sections[0].header.paragraphs[0].text = "Brand"
    path = tmp_path / "brand.docx"
    reference.save(str(path))
    new = markdown_to_docx(CONSTRUCTS, jd_layout, reference=path)
    old = legacy.markdown_to_docx(CONSTRUCTS, jd_layout, reference=path)
    if with_header:
        assert _package(new) == _package(old)
    else:  # 0.4 added the header part after the body's hyperlinks, so the relationship ids are numbered otherwise
        assert docx_dump(new) == docx_dump(old)


SPEC_WITHOUT_HTML = [x for x in SPEC if not RAW_HTML.search(x["markdown"]) and "![" not in x["markdown"]]


def _starts_elsewhere(text: str) -> bool:
    """A numbered list that does not start at 1: jdgen 0.4 numbered it from 1 all the same."""
    return any(t.type == "ordered_list_open" and "start" in t.attrs for t in parse(text))


def test_every_commonmark_example_without_raw_html_or_images_is_written_as_jdgen_0_4_wrote_it(
    jd_layout: Layout,
) -> None:
    assert len(SPEC_WITHOUT_HTML) > 520
    differ = []
    for example in SPEC_WITHOUT_HTML:
        new, old = (
            markdown_to_docx(example["markdown"], jd_layout),
            legacy.markdown_to_docx(example["markdown"], jd_layout),
        )
        same = (
            docx_dump(new) == docx_dump(old)
            if _starts_elsewhere(example["markdown"])
            else _package(new) == _package(old)
        )
        if not same:
            differ.append(example["example"])
    assert not differ


def test_an_images_text_is_its_commonmark_alternative_text(jd_layout: Layout) -> None:
    images = [x for x in SPEC if "![" in x["markdown"] and not RAW_HTML.search(x["markdown"])]
    assert len(images) > 15
    for example in images:
        paragraphs = [
            p.text for p in docx.Document(io.BytesIO(markdown_to_docx(example["markdown"], jd_layout))).paragraphs
        ]
        for alt in re.findall(r'alt="([^"]*)"', example["html"]):
            alt = alt.replace("&amp;", "&").replace("&quot;", '"')
            assert any(alt in text for text in paragraphs), (example["example"], alt, paragraphs)


XML_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00").filter(lambda c: c in "\t\n\r" or c >= " ")
)


@given(XML_TEXT)
def test_text_and_attributes_are_escaped_as_lxml_escapes_them(value: str) -> None:
    element = etree.Element("e", a=value)
    element.text = value
    assert (
        etree.tostring(element, encoding="unicode") == f'<e a="{docx_xml.attribute(value)}">{docx_xml.text(value)}</e>'
    )


@given(XML_TEXT)
def test_a_runs_text_is_written_as_python_docx_writes_it(value: str) -> None:
    r = OxmlElement("w:r")
    Run(r, None).text = value  # type: ignore[arg-type]
    expected = etree.tostring(r, encoding="unicode").replace(f' xmlns:w="{nsmap["w"]}"', "")
    assert expected == (f"<w:r>{docx_xml.run_content(value)}</w:r>" if value else "<w:r/>")


def test_the_archive_is_a_valid_zip_with_the_members_in_order() -> None:
    parts = [
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", "<w:document>é</w:document>".encode()),
        ("empty", b""),
    ]
    blob = archive([deflate(name, content) for name, content in parts])
    assert [(name, content) for name, _, _, _, content in _package(blob)] == parts
    with zipfile.ZipFile(io.BytesIO(blob)) as written:
        assert {i.date_time for i in written.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.compress_type for i in written.infolist()} == {zipfile.ZIP_DEFLATED}


def test_hyperlinks_share_one_relationship_per_target_and_open_in_word_order(jd_layout: Layout) -> None:
    text = "[a](https://x.example/1) [b](https://x.example/2) [c](https://x.example/1)\n"
    document = docx.Document(io.BytesIO(markdown_to_docx(text, jd_layout)))
    links = document.element.body.findall(".//" + qn("w:hyperlink"))
    targets = [document.part.rels[link.get(qn("r:id"))].target_ref for link in links]
    assert targets == ["https://x.example/1", "https://x.example/2", "https://x.example/1"]
    assert len({link.get(qn("r:id")) for link in links}) == 2


def test_a_numbered_list_starts_at_the_number_the_markdown_gives(jd_layout: Layout) -> None:
    """jdgen 0.4 numbered "3." and "7." lists from 1; each now starts where its Markdown does."""
    text = "1. one\n2. two\n\nBetween.\n\n3) three\n4) four\n\nBetween.\n\n7. seven\n"
    document = docx.Document(io.BytesIO(markdown_to_docx(text, jd_layout)))
    numbering = document.part.numbering_part.element
    starts = []
    for paragraph in document.paragraphs:
        num_pr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
        if paragraph.style.style_id != "ListNumber":
            continue
        if num_pr is None:  # the first list: the style's own numbering, from 1
            starts.append((paragraph.text, 1))
            continue
        override = numbering.num_having_numId(num_pr.numId.val).find(qn("w:lvlOverride"))
        starts.append((paragraph.text, int(override.find(qn("w:startOverride")).get(qn("w:val")))))
    assert starts == [("one", 1), ("two", 1), ("three", 3), ("four", 3), ("seven", 7)]


def test_list_restarts_take_ids_no_numbering_of_the_reference_has(tmp_path: Path, jd_layout: Layout) -> None:
    """Word writes attributes of its own before w:numId; the ids in use are read from the document all the same."""
    reference = docx.Document(str(resources.templates_dir() / "reference.docx"))
    numbering = reference.part.numbering_part.element
    abstract = numbering.findall(qn("w:abstractNum"))[0].get(qn("w:abstractNumId"))
    taken = {int(n) for n in numbering.xpath("./w:num/@w:numId")}
    extra = etree.SubElement(numbering, qn("w:num"))
    extra.set("{http://schemas.microsoft.com/office/word/2016/wordml/cid}durableId", "123")  # before w:numId
    extra.set(qn("w:numId"), str(max(taken) + 1))
    etree.SubElement(extra, qn("w:abstractNumId")).set(qn("w:val"), abstract)
    path = tmp_path / "word-made.docx"
    reference.save(str(path))
    blob = markdown_to_docx("1. a\n\nText.\n\n1. b\n", jd_layout, reference=path)
    ids = docx.Document(io.BytesIO(blob)).part.numbering_part.element.xpath("./w:num/@w:numId")
    assert len(ids) == len(set(ids)) == len(taken) + 2  # the reference's, the added one, one restart


_PIECES = [
    "# Heading", "## Second *level*", "plain text", "a **bold** and *em* word", "> Critical: take care", "> Note: x",
    "> > quoted twice", "- item", "  - nested item", "1. first", "2. second", "", "| a | b |\n|:--|--:|\n| yes | no |",
    "| x |\n|---|", "`code` and \\*escaped\\*", 'say "quoted" & done', "[link](https://example.com/a?b=1&c=2)",
    "line with two spaces  ", "---", "```\nfenced \"code\"\n\ttab\n```", "&amp; &copy; &#35;", "**Warning:** x",
    "text\\", "* star item", "+ plus item", "***bold italic***", "_under_ __strong__", "Setext\n===", "Setext2\n---",
    "***", "<https://auto.link/x>", "<me@example.com>", "a\ttab", "1) paren", "- a\n\n- b", "- a\n  > quote in item",
    "- ```\n  code in item\n  ```", "| h |\n|---|\n| `c|d` |", "x <span>y</span>", "[x]()",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12))
@settings(max_examples=150, deadline=None)
def test_any_mix_of_constructs_is_written_as_jdgen_0_4_wrote_it(pieces: list[str]) -> None:
    text = "\n".join(pieces) + "\n"
    spec = layout(DOCUMENTS["bare"])
    new, old = markdown_to_docx(text, spec), legacy.markdown_to_docx(text, spec)
    if _starts_elsewhere(text):
        assert docx_dump(new) == docx_dump(old)
    else:
        assert _package(new) == _package(old)


def test_where_markdown_it_py_strayed_from_the_spec_the_parser_follows_it() -> None:
    """Found by mixing constructs: jdgen 0.4's parser read these two otherwise than CommonMark does."""
    # An indented line after a quote's paragraph is a lazy continuation of that paragraph.
    tokens = parse("> quoted\n    - continued\n")
    inline = [t for t in tokens if t.type == "inline"]
    assert len(inline) == 1 and [c.content for c in inline[0].children if c.type == "text"] == ["quoted", "- continued"]
    assert [t.type for t in tokens][:2] == ["blockquote_open", "paragraph_open"]
    # A list may not start at 2 where it would interrupt a paragraph, a link definition's included.
    kinds = [t.type for t in parse("[r]: https://example.com/r\n2. second\n")]
    assert "ordered_list_open" not in kinds and "paragraph_open" in kinds


@pytest.mark.parametrize("text", ["# A\x01B\n\n| a |\n|---|\n| x |\n", "| a\x1b\x0b |\n|---|\n| yes |\n"])
def test_a_control_character_in_a_tables_title_or_header_never_breaks_the_file(jd_layout: Layout, text: str) -> None:
    blob = markdown_to_docx(text, jd_layout)
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        etree.fromstring(package.read("word/document.xml"))  # well-formed: Word opens it
    assert docx.Document(io.BytesIO(blob)).tables
