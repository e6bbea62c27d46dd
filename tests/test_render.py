"""Every output format: golden files, the (style, text) dump of the .docx, escaping, determinism."""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import docx
import pytest
from markdown_it import MarkdownIt

import jdgen
from jdgen.common import resources
from tests.conftest import docx_dump

#: Every format but PDF, which LibreOffice stamps with the time it was made.
REPRODUCIBLE_FORMATS = [fmt for fmt in jdgen.FORMATS if fmt != "pdf"]

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def demo_jd() -> jdgen.JobDescription:
    catalog = jdgen.load_catalog()
    answers = jdgen.load_answers(EXAMPLES / "answers.yaml", catalog)
    profile = jdgen.load_profile(EXAMPLES / "profile.yaml")
    return jdgen.compose(catalog, "enterprise-cx", answers, profile)


@pytest.fixture(scope="module")
def bare_jd() -> jdgen.JobDescription:
    return jdgen.compose(jdgen.load_catalog(), "service-led")


@pytest.mark.parametrize("posting", [False, True], ids=["internal", "posting"])
def test_markdown_golden(golden, demo_jd: jdgen.JobDescription, posting: bool) -> None:
    golden(f"demo-{'posting' if posting else 'internal'}.md", jdgen.render(demo_jd, "md", posting=posting))


def test_markdown_golden_without_answers_or_profile(golden, bare_jd: jdgen.JobDescription) -> None:
    golden("bare-service-led.md", jdgen.render(bare_jd, "md"))


def test_html_golden(golden, demo_jd: jdgen.JobDescription) -> None:
    golden("demo-internal.html", jdgen.render(demo_jd, "html"))


@pytest.mark.parametrize("posting", [False, True], ids=["internal", "posting"])
def test_json_golden(golden, demo_jd: jdgen.JobDescription, posting: bool) -> None:
    golden(f"demo-{'posting' if posting else 'internal'}.json", jdgen.render(demo_jd, "json", posting=posting))


@pytest.mark.parametrize("posting", [False, True], ids=["internal", "posting"])
def test_docx_dump_golden(golden, demo_jd: jdgen.JobDescription, posting: bool) -> None:
    blob = jdgen.render(demo_jd, "docx", posting=posting)
    assert isinstance(blob, bytes)
    golden(f"demo-{'posting' if posting else 'internal'}.docx.txt", docx_dump(blob))


def test_bare_docx_dump_golden(golden, bare_jd: jdgen.JobDescription) -> None:
    golden("bare-service-led.docx.txt", docx_dump(jdgen.render(bare_jd, "docx")))  # type: ignore[arg-type]


def test_json_has_blocks_warnings_readiness_and_the_posting_has_none(demo_jd: jdgen.JobDescription) -> None:
    data = json.loads(jdgen.render(demo_jd, "json"))
    assert {"id", "domain", "title", "reason"} <= set(data["blocks"][0])
    assert {"id", "severity", "title", "why", "action", "sources"} <= set(data["warnings"][0])
    assert data["readiness"]["band"] == demo_jd.readiness.band  # type: ignore[union-attr]
    posting = json.loads(jdgen.render(demo_jd, "json", posting=True))
    assert not {"readiness", "warnings", "sources"} & set(posting)
    assert not {"reason", "closes"} & set(posting["blocks"][0])
    assert posting["title"] == data["title"] and len(posting["blocks"]) == len(data["blocks"])


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_posting_edition_leaves_the_advisory_out_of_every_text_format(demo_jd: jdgen.JobDescription, fmt: str) -> None:
    def text(posting: bool) -> str:
        out = jdgen.render(demo_jd, fmt, posting=posting)
        return docx_dump(out) if isinstance(out, bytes) else out

    internal, posting = text(False), text(True)
    warning_title = demo_jd.warnings[0].title
    for marker in ("Internal advisory", "Readiness", "Why it is here", warning_title):
        assert marker in internal
        assert marker not in posting


HOSTILE = "Acme *Bold* <script>alert(1)</script> & Co_ [x](y) | #1 \\ \u202eعربي 🚀"


def test_user_text_is_literal_in_every_format(catalog: jdgen.Catalog) -> None:
    profile = {
        "company": HOSTILE + "\x07",
        "about": "- not a list\n\n> not a quote &amp; <b>x</b>",
        "benefits": ["`code` **x**"],
    }
    jd = jdgen.compose(catalog, "enterprise-cx", profile=profile)
    md = jdgen.render(jd, "md")
    assert isinstance(md, str)
    inline_texts = [
        "".join(c.content for c in (t.children or []) if c.type in ("text", "code_inline"))
        for t in MarkdownIt("commonmark").enable("table").parse(md)
        if t.type == "inline"
    ]
    assert HOSTILE in inline_texts  # the company line, bold, round-trips exactly (control character removed)
    assert "- not a list" in inline_texts
    assert "> not a quote &amp; <b>x</b>" in inline_texts
    assert "`code` **x**" in inline_texts

    html = jdgen.render(jd, "html")
    assert isinstance(html, str)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert "\x07" not in html

    document = docx.Document(io.BytesIO(jdgen.render(jd, "docx")))  # type: ignore[arg-type]
    texts = [p.text for p in document.paragraphs]
    assert HOSTILE in texts
    assert "- not a list" in texts
    assert document.core_properties.author == HOSTILE
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert "INTERNAL · NOT FOR POSTING · " + HOSTILE + " · Chief Customer Officer" in header


def test_same_inputs_give_the_same_bytes_whatever_the_clock(
    demo_jd: jdgen.JobDescription, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = {fmt: jdgen.render(demo_jd, fmt) for fmt in REPRODUCIBLE_FORMATS}
    later = time.time() + 86400 * 400
    monkeypatch.setattr(time, "time", lambda: later)
    monkeypatch.setattr(time, "localtime", lambda *_: time.gmtime(later))
    second = {fmt: jdgen.render(demo_jd, fmt) for fmt in REPRODUCIBLE_FORMATS}
    assert first == second


def test_docx_properties_and_dates(demo_jd: jdgen.JobDescription, bare_jd: jdgen.JobDescription) -> None:
    props = docx.Document(io.BytesIO(jdgen.render(demo_jd, "docx"))).core_properties  # type: ignore[arg-type]
    assert props.title == "Chief Customer Officer — Northwind Outfitters"
    assert props.author == "Northwind Outfitters"
    assert "Chief Customer Officer" in props.keywords and "Enterprise CX" in props.keywords
    assert props.subject.startswith("Job description: Chief Customer Officer")
    assert props.created is not None and props.created.date().isoformat() == "2026-11-02"  # the profile's date
    bare = docx.Document(io.BytesIO(jdgen.render(bare_jd, "docx"))).core_properties  # type: ignore[arg-type]
    assert bare.created is not None and bare.created.year == 2000 and bare.author == "jdgen"
    with zipfile.ZipFile(io.BytesIO(jdgen.render(bare_jd, "docx"))) as z:  # type: ignore[arg-type]
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_reference_docx_is_lean_and_defines_every_style_the_writer_uses() -> None:
    from docx.oxml.ns import qn

    from jdgen.render import docx_writer as w

    path = resources.templates_dir() / "reference.docx"
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
    assert not {n for n in names if "stylesWithEffects" in n or "thumbnail" in n or "customXml" in n}
    document = docx.Document(str(path))
    ids = {s.get(qn("w:styleId")) for s in document.styles.element.findall(qn("w:style"))}
    used = {
        *w.HEADING_STYLES.values(),
        *w.BULLET_STYLES,
        w.NUMBER_STYLE,
        w.QUOTE_STYLE,
        w.TABLE_STYLE,
        w.HYPERLINK_STYLE,
    }
    assert used <= ids
    assert len(ids) <= 20
    assert not document.paragraphs or all(not p.text for p in document.paragraphs)


def test_a_file_that_is_not_a_docx_is_one_clear_error(tmp_path: Path, bare_jd: jdgen.JobDescription) -> None:
    fake = tmp_path / "brand.docx"
    fake.write_text("not a zip")
    with pytest.raises(jdgen.RenderError, match=r"brand.docx: not a valid .docx"):
        jdgen.render(bare_jd, "docx", reference=fake)


def test_unknown_format_lists_the_valid_ones(bare_jd: jdgen.JobDescription) -> None:
    with pytest.raises(
        jdgen.InputError, match="unknown format 'rtf'; choose one of: docx, md, html, json, jsonld, pdf"
    ):
        jdgen.render(bare_jd, "rtf")


def test_a_broken_user_template_names_the_template_and_line(tmp_path: Path, bare_jd: jdgen.JobDescription) -> None:
    (tmp_path / "jd.md.j2").write_text("# {{ jd.title }}\n\n{{ jd.no_such_field }}\n")
    with pytest.raises(jdgen.RenderError, match=r"jd.md.j2: line 3: .*no_such_field"):
        jdgen.render(bare_jd, "md", template_dirs=[tmp_path])
    unsafe = tmp_path / "unsafe"
    unsafe.mkdir()
    (unsafe / "jd.md.j2").write_text("{{ jd.__class__.__mro__ }}\n")
    with pytest.raises(jdgen.RenderError, match="unsafe"):
        jdgen.render(bare_jd, "md", template_dirs=[unsafe])
