"""Custom templates, Word branding and the input schemas, as an HR team would use them."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import jsonschema
import pytest
import yaml
from click.testing import CliRunner, Result
from docx.oxml.ns import qn

import jdgen
from jdgen.cli import main
from jdgen.common import resources
from jdgen.render.docx import missing_styles
from jdgen.render.templates import PURPOSES

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
BRANDED = EXAMPLES / "branding" / "reference.docx"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def paragraphs(blob: bytes) -> list[tuple[str, str]]:
    document = docx.Document(io.BytesIO(blob))
    return [(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs]


# --- templates export and --templates ----------------------------------------------------------


def test_templates_list_names_every_built_in_template() -> None:
    assert set(PURPOSES) == {p.name for p in resources.templates_dir().iterdir() if p.is_file()}
    listed = run("templates", "list").output
    assert all(name in listed for name in PURPOSES)


def test_export_copies_every_template_and_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "brand"
    result = run("templates", "export", str(target))
    assert result.exit_code == 0, result.output
    for name in PURPOSES:
        assert (target / name).read_bytes() == (resources.templates_dir() / name).read_bytes()
    (target / "jd.md.j2").write_text("# edited\n")
    again = run("templates", "export", str(target))
    assert again.exit_code == 1
    assert again.stderr.strip().splitlines() == [
        f"jdgen: error: {target / name}: already exists; use --force to overwrite it" for name in PURPOSES
    ]
    assert (target / "jd.md.j2").read_text() == "# edited\n"  # nothing was touched
    assert run("templates", "export", str(target), "--force").exit_code == 0
    assert (target / "jd.md.j2").read_bytes() == (resources.templates_dir() / "jd.md.j2").read_bytes()
    file = tmp_path / "a-file"
    file.write_text("x")
    refused = run("templates", "export", str(file))
    assert refused.exit_code != 0 and "Traceback" not in refused.output


def test_an_edited_posting_template_is_what_generate_writes_and_lints(tmp_path: Path) -> None:
    brand = tmp_path / "brand"
    brand.mkdir()
    builtin = (resources.templates_dir() / "posting.md.j2").read_text()
    (brand / "posting.md.j2").write_text(
        builtin.replace("# {{ jd.title }}", "# {{ jd.title }}\n\nJoin the Acme family!")
    )
    out = tmp_path / "p.md"
    result = run("generate", "-a", "digital", "--posting", "--templates", str(brand), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Join the Acme family!" in out.read_text()
    # the posting check read the same template: its word count is that of the file written
    words = len(out.read_text().split())
    internal = run("generate", "-a", "digital", "--posting", "-o", str(tmp_path / "plain.md"))
    assert internal.exit_code == 0
    assert words > len((tmp_path / "plain.md").read_text().split())
    # jd.md.j2 and the others still come from the built-in folder
    docx_out = tmp_path / "internal.docx"
    assert run("generate", "-a", "digital", "--templates", str(brand), "-o", str(docx_out)).exit_code == 0
    assert "Join the Acme family!" not in " ".join(t for _, t in paragraphs(docx_out.read_bytes()))


HOSTILE_TEMPLATES = {
    "dunder class": ("{{ jd.__class__.__mro__ }}", "line 1: access to attribute '__class__'"),
    "globals through a function": ("{{ cycler.__init__.__globals__ }}", "line 1: access to attribute '__init__'"),
    "globals through a filter": ("{{ (jd | attr('model_dump')).__func__ }}", "line 1: access to attribute '__func__'"),
    "lipsum is gone (any length of text in one call)": ("{{ lipsum(200000) }}", "line 1: 'lipsum' is undefined"),
    "format string escape": ('{{ "{0.__class__}".format(jd) }}', "line 1: access to attribute '__class__'"),
    "python import": ('{% import "os" as os %}', "line 1: template 'os' not found"),
    "file outside the folders": (
        '{% include "../../../../etc/passwd" %}',
        "line 1: template '../../../../etc/passwd' not found",
    ),
    "absolute file": ('{% include "/etc/passwd" %}', "line 1: template '/etc/passwd' not found"),
    "undefined name": ("ok\n{{ salary_secret }}", "line 2: 'salary_secret' is undefined"),
    "syntax": ("ok\n{% if %}", "line 2: Expected an expression"),
    "memory by repetition": ('{{ "x" * 10**10 }}', "line 1: repeating a 1-long value"),
    "memory by power": ("{{ 9 ** 99999999 }}", "line 1: the exponent 99999999 is too large"),
    "huge range": ("{% for i in range(10**9) %}{% endfor %}", "line 1: a number too large"),
    "endless include": ('{% include "jd.md.j2" %}', "line 1: templates include each other"),
    "empty": ("  \n\n", "the template is empty; delete it to use the built-in one"),
}


@pytest.mark.parametrize("source, reason", HOSTILE_TEMPLATES.values(), ids=HOSTILE_TEMPLATES.keys())
def test_the_sandbox_refuses_a_hostile_template_in_one_line(tmp_path: Path, source: str, reason: str) -> None:
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "jd.md.j2").write_text(source)
    out = tmp_path / "jd.md"
    result = run("generate", "-a", "digital", "--templates", str(brand), "-o", str(out))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("jdgen: error:")]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"jdgen: error: {brand / 'jd.md.j2'}: ")
    assert reason in errors[0]
    assert "root:" not in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
    assert "warning" not in result.stderr.replace(errors[0], "")  # refused before any other output


def test_a_template_folder_that_replaces_nothing_is_warned_about(tmp_path: Path) -> None:
    (tmp_path / "jd.markdown.j2").write_text("# typo in the name\n")
    result = run("generate", "-a", "digital", "--templates", str(tmp_path), "-o", str(tmp_path / "x.md"))
    assert result.exit_code == 0
    assert "no template in it has a built-in template's name" in result.stderr


# --- --reference --------------------------------------------------------------------------------


def _header_texts(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.sections[0].header.paragraphs]


def test_the_branded_example_gives_its_fonts_colours_and_letterhead(tmp_path: Path) -> None:
    assert missing_styles(BRANDED) == ()
    out = tmp_path / "branded.docx"
    result = run(
        "generate", "-a", "service-led", "--profile", str(EXAMPLES / "profile.yaml"),
        "--reference", str(BRANDED), "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "lacks the style" not in result.stderr
    document = docx.Document(str(out))
    heading = document.styles["Heading 1"].font
    assert heading.name == "Georgia" and str(heading.color.rgb) == "0B5D3B"
    assert document.styles["Normal"].font.name == "Arial"
    assert _header_texts(document)[0] == "NORTHWIND OUTFITTERS  ·  People & Talent"
    assert "INTERNAL · NOT FOR POSTING · Northwind Outfitters · Chief Customer Officer" in _header_texts(document)
    footer = [p.text for p in document.sections[0].footer.paragraphs]
    assert "northwind.example · Confidential until posted" in footer
    # the words are the same as with the built-in look
    plain = jdgen.render(
        jdgen.compose(jdgen.load_catalog(), "service-led", profile=jdgen.load_profile(EXAMPLES / "profile.yaml")),
        "docx",
    )
    assert [t for _, t in paragraphs(out.read_bytes())] == [t for _, t in paragraphs(plain)]  # type: ignore[arg-type]


def test_a_templates_folder_brings_its_reference_docx(tmp_path: Path) -> None:
    shutil.copy(BRANDED, tmp_path / "reference.docx")
    out = tmp_path / "c.docx"
    assert run("compare", "--templates", str(tmp_path), "-o", str(out)).exit_code == 0
    assert _header_texts(docx.Document(str(out)))[0].startswith("NORTHWIND OUTFITTERS")


def test_styles_missing_from_the_reference_fall_back_with_a_warning_naming_them(tmp_path: Path) -> None:
    reference = tmp_path / "plain.docx"
    docx.Document().save(str(reference))  # python-docx's default: none of the Advisory styles, JD Table, Hyperlink
    lacking = ("Advisory", "Advisory Critical", "Advisory Note", "JD Table", "Hyperlink")
    assert missing_styles(reference) == lacking
    out = tmp_path / "jd.docx"
    answers = str(EXAMPLES / "answers.yaml")
    result = run("generate", "-a", "marketing-led", "--answers", answers, "--reference", str(reference), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (
        f"jdgen: warning: {reference} lacks the style(s) {', '.join(lacking)}; the built-in ones are used"
        in result.stderr
    )
    document = docx.Document(str(out))
    used = {p.style.name for p in document.paragraphs if p.style is not None}
    assert {"Advisory", "Heading 1", "List Bullet", "Title"} <= used
    assert document.tables[0].style is not None and document.tables[0].style.name == "JD Table"
    # the text is the built-in output's text
    jd = jdgen.compose(jdgen.load_catalog(), "marketing-led", jdgen.load_answers(answers))
    assert [t for _, t in paragraphs(out.read_bytes())] == [t for _, t in paragraphs(jdgen.render(jd, "docx"))]  # type: ignore[arg-type]
    # no warning when the output is not Word
    md = run("generate", "-a", "digital", "--reference", str(reference), "-o", str(tmp_path / "x.md"))
    assert "lacks the style" not in md.stderr


def _strip_styles(source: Path, target: Path, drop: set[str], rename: dict[str, str], numbering: bool) -> None:
    document = docx.Document(str(source))
    styles = document.styles.element
    for style in list(styles.style_lst):
        if style.styleId in drop:
            styles.remove(style)
        elif style.styleId in rename:
            style.set(qn("w:styleId"), rename[style.styleId])
    if not numbering:
        part = document.part
        for r_id, rel in list(part.rels.items()):
            if rel.reltype.endswith("/numbering"):
                part.drop_rel(r_id)
                part.rels.pop(r_id, None)
    document.save(str(target))


def test_list_styles_are_copied_with_their_numbering_into_a_reference_without_any(tmp_path: Path) -> None:
    reference = tmp_path / "bare.docx"
    _strip_styles(resources.templates_dir() / "reference.docx", reference, {"ListBullet", "ListNumber"}, {}, False)
    assert missing_styles(reference) == ("List Bullet", "List Number")
    jd = jdgen.compose(jdgen.load_catalog(), "enterprise-cx", {"resources": "no"})
    document = docx.Document(io.BytesIO(jdgen.render(jd, "docx", reference=reference)))  # type: ignore[arg-type]
    bullets = [p for p in document.paragraphs if p.style is not None and p.style.name == "List Bullet"]
    assert bullets
    num_id = document.styles["List Bullet"].element.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    abstract = numbering.num_having_numId(num_id).abstractNumId.val
    assert any(a.get(qn("w:abstractNumId")) == str(abstract) for a in numbering.findall(qn("w:abstractNum")))


def test_a_style_under_another_id_is_found_by_name(tmp_path: Path) -> None:
    # Word in German saves "heading 1" with the id "berschrift1"; its look must be kept, not replaced.
    reference = tmp_path / "de.docx"
    _strip_styles(BRANDED, reference, set(), {"Heading1": "berschrift1"}, True)
    assert missing_styles(reference) == ()
    jd = jdgen.compose(jdgen.load_catalog(), "digital")
    document = docx.Document(io.BytesIO(jdgen.render(jd, "docx", reference=reference)))  # type: ignore[arg-type]
    assert document.styles["Heading 1"].font.name == "Georgia"
    assert any(p.style is not None and p.style.name == "Heading 1" for p in document.paragraphs)


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "not a valid .docx"),
        (b"PK\x03\x04 broken zip", "not a valid .docx"),
        (b"%PDF-1.7", "not a valid .docx"),
    ],
)
def test_a_reference_that_is_not_a_docx_is_one_clear_error(tmp_path: Path, content: bytes, reason: str) -> None:
    reference = tmp_path / "brand.docx"
    reference.write_bytes(content)
    out = tmp_path / "jd.docx"
    result = run("generate", "-a", "digital", "--reference", str(reference), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"jdgen: error: {reference}: {reason} " + result.stderr.split(reason, 1)[1].strip()
    ]
    assert not out.exists()
    missing = run("generate", "-a", "digital", "--reference", str(tmp_path / "nope.docx"), "-o", str(out))
    assert missing.exit_code == 1 and "cannot read the reference document" in missing.stderr


def test_a_reference_without_page_settings_is_one_clear_error(tmp_path: Path) -> None:
    document = docx.Document()
    body = document.element.body
    body.remove(body.sectPr)  # a document some tools write: no section properties at all
    reference = tmp_path / "bare.docx"
    document.save(str(reference))
    out = tmp_path / "jd.docx"
    result = run("generate", "-a", "digital", "--reference", str(reference), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f"jdgen: error: {reference}: has no page settings (section properties); open it in Word and save it again\n"
    )
    assert not out.exists()


def test_a_docx_that_unzips_to_gigabytes_is_refused(tmp_path: Path) -> None:
    import zipfile

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * 210_000_000)
    with pytest.raises(jdgen.RenderError, match="unzips to more than 10,000,000 bytes of XML"):
        missing_styles(bomb)


# --- schemas ------------------------------------------------------------------------------------


def _schema(kind: str, *extra: str) -> jsonschema.Draft202012Validator:
    result = run("schema", kind, *extra)
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _as_json(path: Path) -> object:
    return json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))  # dates as strings, as JSON has


def test_the_profile_schema_accepts_the_example_and_refuses_what_jdgen_refuses() -> None:
    validator = _schema("profile")
    example = _as_json(EXAMPLES / "profile.yaml")
    assert list(validator.iter_errors(example)) == []
    for bad in ({"compnay": "typo"}, {"company": "   "}, {"pay": {"min": -1}}, {"remote": "sometimes"}):
        assert list(validator.iter_errors(bad)), bad
        with pytest.raises(jdgen.InputError):
            jdgen.compose(jdgen.load_catalog(), "digital", profile=bad)
    for good in ({"remote": True, "remote_scope": "Colorado"}, {"layered_onto": False}, {"pay": {"min": 1.5}}):
        assert list(validator.iter_errors(good)) == [], good
        jdgen.compose(jdgen.load_catalog(), "digital", profile=good)


def test_the_answers_schema_takes_every_shape_of_answers_file_and_knows_the_statement_ids(tmp_path: Path) -> None:
    validator = _schema("answers")
    assert list(validator.iter_errors(_as_json(EXAMPLES / "answers.yaml"))) == []
    one = {"role": "CFO", "answers": {"resources": "no", "role-clarity": {"answer": "partial", "note": "so-so"}}}
    for shape in (one, [one, {"answers": {"resources": True}}], {"respondents": [one]}):
        assert list(validator.iter_errors(shape)) == [], shape
    for bad in (
        {"answers": {"no-such-statement": "yes"}},
        {"answers": {"resources": "maybe"}},
        [],
        {"respondents": []},
    ):
        assert list(validator.iter_errors(bad)), bad
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    statement = yaml.safe_load((ROOT / "catalog" / "statements.yaml").read_text())["statements"][0]
    (overlay / "s.yaml").write_text(yaml.safe_dump({"statements": [statement | {"id": "board-sponsor"}]}))
    with_overlay = _schema("answers", "--catalog", str(overlay))
    assert list(with_overlay.iter_errors({"answers": {"board-sponsor": "no"}})) == []


def test_the_catalog_schema_accepts_every_built_in_file_and_refuses_an_unknown_field() -> None:
    validator = _schema("catalog")
    files = sorted((ROOT / "catalog").rglob("*.yaml")) + sorted((ROOT / "seeds").glob("*.yaml"))
    assert len(files) > 10
    for path in files:
        assert list(validator.iter_errors(_as_json(path))) == [], path
    assert list(validator.iter_errors({"blocks": [{"id": "x", "titel": "typo"}]}))


# --- output that cannot be written ----------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", [["--version"], ["--help"], ["archetypes"], ["schema", "profile"]])
def test_a_full_standard_output_is_one_line_not_a_traceback(args: list[str]) -> None:
    with Path("/dev/full").open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "jdgen", *args], stdout=full, stderr=subprocess.PIPE, text=True, check=False
        )
    assert done.returncode == 1
    assert done.stderr.strip() == "jdgen: error: cannot write the output (No space left on device)"


def test_an_edited_user_template_is_read_again_in_a_running_process(tmp_path: Path) -> None:
    import os

    template = tmp_path / "jd.md.j2"
    template.write_text("# version one\n")
    jd = jdgen.compose(jdgen.load_catalog(), "digital")
    assert jdgen.render(jd, "md", template_dirs=[tmp_path]) == "# version one\n"
    template.write_text("# version two\n")
    later = template.stat().st_mtime + 5
    os.utime(template, (later, later))
    assert jdgen.render(jd, "md", template_dirs=[tmp_path]) == "# version two\n"


@pytest.mark.parametrize(
    "source, reason",
    [
        ("{{ 1/0 }}", "line 1: ZeroDivisionError: division by zero"),
        ("ok\n{{ none + 1 }}", "line 2: TypeError: unsupported operand"),
        ('{{ ("%999999999s" % "a") | length }}', "line 1: a width over 10000 is too large"),
        ('{{ "%999999999s" | format("a") }}', "line 1: a width over 10000 is too large"),
        ('{{ "a" | center(999999999) }}', "line 1: a width over 10000 is too large"),
        ('{{ "a".rjust(999999999) }}', "line 1: a width over 10000 is too large"),
        (
            '{% set ns = namespace(x="a") %}{% for i in range(40) %}{% set ns.x = ns.x + ns.x %}{% endfor %}',
            "line 1: joining these values would make one too large",
        ),
    ],
)
def test_any_failure_inside_a_template_is_one_line(tmp_path: Path, source: str, reason: str) -> None:
    (tmp_path / "jd.md.j2").write_text(source)
    with pytest.raises(jdgen.RenderError) as caught:
        jdgen.render(jdgen.compose(jdgen.load_catalog(), "digital"), "md", template_dirs=[tmp_path])
    assert str(caught.value).startswith(f"{tmp_path / 'jd.md.j2'}: {reason}")
    assert "\n" not in str(caught.value)


def test_bounded_filters_still_work_within_bounds(tmp_path: Path) -> None:
    (tmp_path / "jd.md.j2").write_text('{{ "%-4s|" % "a" }}{{ "b" | center(3) }}|{{ "{:>3}".format("c") }}\n')
    text = jdgen.render(jdgen.compose(jdgen.load_catalog(), "digital"), "md", template_dirs=[tmp_path])
    assert text == "a \\|b|c\n"  # each printed value is one line, its outer spaces dropped by the Markdown escaping


def test_a_subfolder_template_with_a_syntax_error_is_found_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "intro.md.j2").write_text("{% if %}")
    (tmp_path / "jd.md.j2").write_text('{% include "parts/intro.md.j2" %}')
    result = run("generate", "-a", "digital", "--templates", str(tmp_path), "-o", str(tmp_path / "x.md"))
    assert result.exit_code == 1
    assert f"jdgen: error: {tmp_path / 'parts' / 'intro.md.j2'}: line 1: " in result.stderr
    assert "warning" not in result.stderr


def test_the_schemas_and_jdgen_agree_on_edge_values() -> None:
    profile, answers = _schema("profile"), _schema("answers")
    catalog = jdgen.load_catalog()
    for good in ({"employees": 2400.0, "team_size": 3.0}, {"company_url": "https://acme.example"}):
        assert list(profile.iter_errors(good)) == [], good
        jdgen.compose(catalog, "digital", profile=good)
    for bad in ({"company_url": "not a url"}, {"apply_url": "ftp://acme.example"}, {"employees": 2400.5}):
        assert list(profile.iter_errors(bad)), bad
        with pytest.raises(jdgen.InputError):
            jdgen.compose(catalog, "digital", profile=bad)
    for bad_answer in ({}, {"note": ""}):
        shaped = {"answers": {"resources": bad_answer}}
        assert list(answers.iter_errors(shaped)), bad_answer
        with pytest.raises(jdgen.InputError):
            jdgen.compose(catalog, "digital", shaped)
    with_null_note = {"answers": {"resources": {"answer": True, "note": None}}}
    assert list(answers.iter_errors(with_null_note)) == []
    assert jdgen.compose(catalog, "digital", with_null_note).readiness is not None
