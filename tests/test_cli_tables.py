"""Every table the command line prints reads well at 80 columns, uses a wider terminal, and pipes whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import jdgen
from jdgen.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

LISTINGS = [("archetypes",), ("blocks",), ("statements",), ("templates", "list")]


def run(*args: str, columns: int | None = None) -> Result:
    env = {"COLUMNS": str(columns) if columns else None}  # None: unset, as when piped
    return CliRunner(env=env).invoke(main, list(args), catch_exceptions=False)


def words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("columns", [60, 80, 100, 160])
@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_no_listing_line_is_wider_than_the_terminal(args: tuple[str, ...], columns: int) -> None:
    result = run(*args, columns=columns)
    assert result.exit_code == 0
    assert max(len(line) for line in result.output.splitlines()) <= columns


@pytest.mark.parametrize("columns", [80, 100])
def test_archetypes_on_a_narrow_terminal_are_records_with_the_whole_summary(
    catalog: jdgen.Catalog, columns: int
) -> None:
    output = run("archetypes", columns=columns).output
    records = output.split("\n\n")
    assert len(records) == len(catalog.archetypes)
    for record, archetype in zip(records, catalog.archetypes, strict=True):
        first, labels, *summary = record.splitlines()
        assert first == f"{archetype.id}  {archetype.name}"
        assert labels == f"  authority: {archetype.authority} · reports to: {archetype.reports_to}"
        assert words(" ".join(summary)) == words(archetype.summary)
        assert all(line.startswith("  ") and len(line) <= 82 for line in summary)
    assert len(output.splitlines()) < 8 * len(catalog.archetypes)


def test_archetypes_on_a_wide_terminal_are_a_table_with_the_summary_wrapped_in_its_column(
    catalog: jdgen.Catalog,
) -> None:
    lines = run("archetypes", columns=160).output.splitlines()
    assert lines[0].split() == ["ID", "NAME", "AUTHORITY", "REPORTS", "TO", "SUMMARY"]
    column = lines[0].index("SUMMARY")
    rows = [n for n, line in enumerate(lines) if n > 1 and line[:column].strip()]
    assert [lines[n].split()[0] for n in rows] == list(catalog.archetypes.ids())
    for n, archetype in zip(rows, catalog.archetypes, strict=True):
        end = next((m for m in rows if m > n), len(lines))
        assert words(" ".join(line[column:] for line in lines[n:end])) == words(archetype.summary)
        assert all(not line[:column].strip() for line in lines[n + 1 : end])  # continuation lines
    assert len(lines) < 6 * len(catalog.archetypes)


def test_piped_listings_keep_each_row_on_one_line(catalog: jdgen.Catalog) -> None:
    lines = run("archetypes").output.splitlines()
    assert len(lines) == 2 + len(catalog.archetypes)
    for line, archetype in zip(lines[2:], catalog.archetypes, strict=True):
        assert line.startswith(archetype.id) and line.endswith(archetype.summary)
    statements = run("statements").output.splitlines()
    assert statements[2].split()[:2] == ["1", "customer-goals-owner"]
    assert len(statements) == 2 + len(catalog.statements)


def test_statements_at_80_columns_wrap_beside_their_number_and_id(catalog: jdgen.Catalog) -> None:
    lines = run("statements", columns=80).output.splitlines()
    column = lines[0].index("STATEMENT")
    assert lines[2][:column].split() == ["1", catalog.statements.ids()[0]]
    assert lines[3][:column].strip() == ""  # the statement goes on under its column
    assert words(lines[2][column:] + " " + lines[3][column:]) == words(next(iter(catalog.statements)).text)


def test_the_ranking_compare_prints_fits_80_columns_with_numbers_aligned(tmp_path: Path) -> None:
    result = run("compare", "--answers", str(EXAMPLES / "team.csv"), "-o", str(tmp_path / "b.md"), columns=80)
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("RANK"))
    table = [line for line in lines[start:] if not line.startswith("jdgen:")]
    assert table[0].split() == ["RANK", "ARCHETYPE", "FIT", "GAPS", "SECTOR", "PRIORITY", "RISKS"]
    assert lines[-1] == "jdgen: fit out of 100, at most: gaps 30 + sector 20 + priorities 35 + risks 15"
    assert len({len(line) for line in table}) == 1  # numbers end at the right edge of their column
    assert max(len(line) for line in table) <= 80


def test_lint_report_and_generate_findings_fit_80_columns(tmp_path: Path) -> None:
    posting = tmp_path / "posting.md"
    generated = run(
        "generate", "-a", "digital", "--profile", str(EXAMPLES / "profile.yaml"), "--posting", "-o", str(posting),
        "--max-sentence-words", "8", "--max-words", "400",  # findings to print: jdgen's own posting has none
        columns=80,
    )  # fmt: skip
    assert generated.exit_code == 0
    assert "jdgen: posting check: " in generated.stderr
    findings = [line for line in generated.stderr.splitlines() if line.startswith("jdgen:   ")]
    assert findings and max(len(line) for line in findings) <= 80
    report = run("lint", str(posting), "--city", "Seattle", "--region", "WA", "--country", "US", columns=80)
    lines = report.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    readability = next(n for n, line in enumerate(lines) if line.startswith("  readability  reading ease "))
    assert lines[readability + 1].startswith(" " * 15) and "words per sentence" in " ".join(lines[readability:])
