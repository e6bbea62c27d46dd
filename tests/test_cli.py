"""The jdgen command as users run it: outputs, refusals, errors as one line, exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

import jdgen
from jdgen.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_version_and_help() -> None:
    assert run("--version").output.strip() == f"jdgen, version {jdgen.__version__}"
    result = run("--help")
    assert result.exit_code == 0
    for command in ("generate", "archetypes", "blocks", "statements", "show", "catalog", "demo", "examples"):
        assert command in result.output
    assert "--archetype" in run("generate", "--help").output


def test_generate_writes_a_word_file_named_after_company_and_archetype(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("generate", "-a", "digital", "--company", "Acme Outdoors", "--answers", str(EXAMPLES / "answers.yaml"))
    assert result.exit_code == 0, result.output
    out = tmp_path / "acme-outdoors-cco-digital.docx"
    assert f"jdgen: wrote {out.name}" in result.stderr
    assert "warning: " in result.stderr  # the chasm warnings are printed
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "Chief Customer Officer"
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("name", "check"),
    [("jd.md", "# Chief Customer Officer"), ("jd.html", "<!DOCTYPE html>"), ("jd.json", '"archetype"')],
)
def test_format_follows_the_extension(tmp_path: Path, name: str, check: str) -> None:
    result = run("generate", "-a", "commercial", "-o", str(tmp_path / name))
    assert result.exit_code == 0, result.output
    assert check in (tmp_path / name).read_text()


def test_output_to_stdout_and_posting_edition() -> None:
    result = run(
        "generate",
        "-a",
        "enterprise-cx",
        "--answers",
        str(EXAMPLES / "answers.yaml"),
        "-f",
        "json",
        "-o",
        "-",
        "--posting",
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert "warnings" not in data and "readiness" not in data
    assert "critical: " in result.stderr  # the user still sees the warnings


def test_profile_file_and_options_override_it(tmp_path: Path) -> None:
    result = run(
        "generate", "-a", "enterprise-cx", "--profile", str(EXAMPLES / "profile.yaml"),
        "--company", "Override Inc", "--pay-max", "400000", "--reports-to", "VP Sales", "-f", "json", "-o", "-",
    )  # fmt: skip
    data = json.loads(result.stdout)
    assert data["company"] == "Override Inc"
    assert data["pay"] == {"min": 265000, "max": 400000, "currency": "USD", "period": "year"}
    assert data["reports_to"] == "VP Sales"
    assert "critical: " in result.stderr and "reports-below-c-suite" in result.stderr


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "jd.md"
    out.write_text("keep me")
    result = run("generate", "-a", "digital", "-o", str(out))
    assert result.exit_code == 1
    assert f"jdgen: error: {out}: already exists; use --force to overwrite it" in result.stderr
    assert out.read_text() == "keep me"
    assert run("generate", "-a", "digital", "-o", str(out), "--force").exit_code == 0
    assert out.read_text().startswith("# Chief Customer Officer")
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(
    "command",
    [
        ["generate", "-a", "digital", "--answers", str(EXAMPLES / "team.csv")],
        ["compare", "--answers", str(EXAMPLES / "team.csv")],
        ["assess", "--report", str(EXAMPLES / "team.csv")],
    ],
    ids=["generate", "compare", "assess --report"],
)
def test_an_existing_output_is_refused_before_any_warning_or_finding(tmp_path: Path, command: list[str]) -> None:
    out = tmp_path / "out.md"
    out.write_text("keep me")
    result = run(*command, "--profile", str(EXAMPLES / "profile.yaml"), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"jdgen: error: {out}: already exists; use --force to overwrite it\n"
    assert out.read_text() == "keep me"
    named = run(*command, "--profile", str(EXAMPLES / "profile.yaml"), "-o", str(tmp_path / "nope" / "out.md"))
    assert named.exit_code == 1
    assert (
        named.stderr
        == f"jdgen: error: {tmp_path / 'nope' / 'out.md'}: folder {tmp_path / 'nope'} does not exist; create it first\n"
    )


def test_the_default_output_name_is_refused_before_any_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "acme-cco-digital.docx").write_text("keep me")
    result = run("generate", "-a", "digital", "--company", "Acme")
    assert result.exit_code == 1
    assert result.stderr == "jdgen: error: acme-cco-digital.docx: already exists; use --force to overwrite it\n"


def test_strict_fails_with_exit_3_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "jd.docx"
    result = run("generate", "-a", "digital", "--strict", "-o", str(out))
    assert result.exit_code == 3
    assert "jdgen: error: --strict: " in result.stderr
    assert not out.exists()
    # info-level notes alone do not fail a strict run
    ok = run("generate", "-a", "enterprise-cx", "--strict", "-o", str(tmp_path / "ok.md"))
    assert ok.exit_code == 0, ok.stderr


def test_unknown_archetype_is_a_usage_error_listing_the_valid_ones() -> None:
    result = run("generate", "-a", "cxo")
    assert result.exit_code == 2
    assert "unknown archetype 'cxo'; valid archetypes: enterprise-cx, service-led, marketing-led" in result.stderr


def test_bad_input_is_one_line_and_no_traceback(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n  budget: yes\n")
    result = run("generate", "-a", "digital", "--answers", str(answers), "-o", str(tmp_path / "x.md"))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"jdgen: error: {answers}: answers.budget: unknown statement id")
    assert "Traceback" not in result.output
    with pytest.raises(jdgen.InputError):
        run("generate", "-a", "digital", "--answers", str(answers), "--debug")


def test_invalid_option_values_are_usage_errors() -> None:
    assert run("generate", "-a", "digital", "--team-size", "-1").exit_code == 2
    assert run("generate", "-a", "digital", "--layered-onto", "finance").exit_code == 2
    result = run("generate", "-a", "digital", "--currency", "dollars", "-o", "-", "-f", "md")
    assert (
        result.exit_code == 1
        and "options: pay.currency: expected a three-letter ISO 4217 currency code" in result.stderr
    )


@pytest.mark.parametrize(
    ("pay_min", "team_size", "expected"),
    [("250,000", "1,200", (250000, 1200)), ("1,250,000.50", "12.0", (1250000.5, 12)), ("250000", "0", (250000, 0))],
)
def test_number_options_are_read_as_csv_cells_are(pay_min: str, team_size: str, expected: tuple[float, int]) -> None:
    result = run(
        "generate", "-a", "digital", "--pay-min", pay_min, "--pay-max", "2,000,000", "--team-size", team_size,
        "--employees", "2,400", "-f", "json", "-o", "-",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["pay"]["min"], data["team_size"]) == expected and data["pay"]["max"] == 2000000


@pytest.mark.parametrize(
    ("option", "text", "message"),
    [
        ("--pay-min", "85,5", "'85,5' is not a number jdgen reads; write 250000, 250,000 or 1,250,000.50 (a point "
         + "before decimals, commas only between thousands)"),
        ("--pay-max", "2,50,000", "'2,50,000' is not a number jdgen reads; write 250000"),
        ("--pay-min", "265.000", "'265.000' is not a number jdgen reads; write 250000"),
        ("--pay-min", "-5", "'-5' is below 0; give 0 or more"),
        ("--employees", "2,400.5", "'2,400.5' is not a whole number; write it as 2400 or 2,400"),
        ("--team-size", "-1", "'-1' is below 0; give 0 or more"),
    ],
)  # fmt: skip
def test_a_number_option_that_could_be_misread_is_one_line_saying_how_to_write_it(
    option: str, text: str, message: str
) -> None:
    result = run("generate", "-a", "digital", option, text, "-o", "-", "-f", "md")
    assert result.exit_code == 2
    assert f"Invalid value for '{option}': {message}" in result.stderr
    assert result.stdout == ""


def test_missing_folder_for_output_is_one_line(tmp_path: Path) -> None:
    result = run("generate", "-a", "digital", "-o", str(tmp_path / "nope" / "jd.docx"))
    assert result.exit_code == 1
    assert "does not exist; create it first" in result.stderr


def test_listing_commands_as_tables_and_json(catalog: jdgen.Catalog) -> None:
    table = run("archetypes").output
    assert table.splitlines()[0].split() == ["ID", "NAME", "AUTHORITY", "REPORTS", "TO", "SUMMARY"]
    for archetype in catalog.archetypes.ids():
        assert archetype in table
    assert [a["id"] for a in json.loads(run("archetypes", "--json").output)] == list(catalog.archetypes.ids())
    blocks = json.loads(run("blocks", "--domain", "digital", "--json").output)
    assert blocks and {b["domain"] for b in blocks} == {"digital"}
    assert "customer-asset-scoreboard" in run("blocks").output
    assert run("blocks", "--domain", "nope").exit_code == 2
    statements = json.loads(run("statements", "--json").output)
    assert [s["id"] for s in statements] == list(catalog.statements.ids())
    assert run("statements").output.splitlines()[2].split()[:2] == ["1", "customer-goals-owner"]


def test_show_describes_an_archetype(catalog: jdgen.Catalog) -> None:
    result = run("show", "service-led")
    archetype = catalog.archetypes["service-led"]
    assert result.output.startswith(f"{archetype.name} (service-led)")
    for text in ("Reports to:", "Execution chasm", "Typically lacks:", "Sources:"):
        assert text in result.output
    assert json.loads(run("show", "service-led", "--json").output)["id"] == "service-led"
    assert run("show", "nope").exit_code == 2


def test_catalog_validate(tmp_path: Path) -> None:
    ok = run("catalog", "validate")
    assert ok.exit_code == 0 and ok.output.startswith("catalog OK: 7 domains, ")
    (tmp_path / "a.yaml").write_text("blocks:\n  - id: x\n    domain: nowhere\n")
    bad = run("catalog", "validate", str(tmp_path))
    assert bad.exit_code == 1
    lines = bad.stderr.strip().splitlines()
    assert len(lines) >= 5 and all(line.startswith(f"jdgen: error: {tmp_path}/a.yaml: block 'x': ") for line in lines)


def test_demo_writes_every_format(tmp_path: Path) -> None:
    result = run("demo", "-o", str(tmp_path / "demo"))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "demo").iterdir())
    assert names == [
        "northwind-outfitters-cco-board-comparison.docx",
        "northwind-outfitters-cco-digital-charter.docx",
        "northwind-outfitters-cco-digital-interview.docx",
        "northwind-outfitters-cco-digital-posting.docx",
        "northwind-outfitters-cco-digital-posting.jsonld",
        "northwind-outfitters-cco-digital-posting.md",
        "northwind-outfitters-cco-digital-scorecard.docx",
        "northwind-outfitters-cco-digital.docx",
        "northwind-outfitters-cco-digital.html",
        "northwind-outfitters-cco-digital.json",
        "northwind-outfitters-cco-digital.md",
        "northwind-outfitters-cco-readiness-report.docx",
    ]
    assert "readiness: Strong case to explore the role" in result.stderr
    assert "best fit: Digital CCO" in result.stderr
    assert "posting check: " in result.stderr and "0 warning(s)" in result.stderr
    posted = json.loads((tmp_path / "demo" / names[4]).read_text())
    assert posted["@type"] == "JobPosting" and posted["hiringOrganization"]["name"] == "Northwind Outfitters"
    again = run("demo", "-o", str(tmp_path / "demo"))
    assert again.exit_code == 1 and "already exists (and 11 more); use --force" in again.stderr
    assert run("demo", "-o", str(tmp_path / "demo"), "--force").exit_code == 0
    posting = docx.Document(io.BytesIO((tmp_path / "demo" / names[3]).read_bytes()))
    assert not any("Internal advisory" in p.text for p in posting.paragraphs)


def test_demo_checks_every_target_before_writing_any(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    out.mkdir()
    (out / "northwind-outfitters-cco-digital.html").write_text("mine")
    result = run("demo", "-o", str(out))
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["northwind-outfitters-cco-digital.html"]


def test_demo_into_a_path_under_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    result = run("demo", "-o", str(tmp_path / "file" / "sub"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"jdgen: error: {tmp_path}/file/sub: cannot create the folder")


@pytest.mark.parametrize(
    ("fmt", "name", "message"),
    [
        (None, "x.txt", "cannot tell the format from '{path}'; use an extension"),
        ("md", "y.docx", "{path} has the .docx extension but --format is md"),
    ],
)
def test_format_and_extension_must_agree(tmp_path: Path, fmt: str | None, name: str, message: str) -> None:
    path = tmp_path / name
    result = run("generate", "-a", "digital", "-o", str(path), *(["-f", fmt] if fmt else []))
    assert result.exit_code == 2
    assert message.format(path=path) in result.stderr
    assert not path.exists()


def test_command_line_overrides_are_blamed_on_the_options(tmp_path: Path) -> None:
    result = run(
        "generate",
        "-a",
        "digital",
        "--profile",
        str(EXAMPLES / "profile.yaml"),
        "--pay-max",
        "10",
        "-f",
        "md",
        "-o",
        "-",
    )
    assert result.exit_code == 1
    assert (
        f"{EXAMPLES / 'profile.yaml'} with command-line options: pay: min (265000) is greater than max (10)"
        in result.stderr
    )
