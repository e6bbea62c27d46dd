"""The first commands a newcomer runs: `jdgen examples` and what it tells them to run next."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import jdgen
from jdgen import resources
from jdgen.cli import main

EXAMPLE_FILES = ["profile.yaml", "answers.yaml", "team.csv"]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def next_commands(stderr: str) -> list[list[str]]:
    """The `jdgen …` commands the output suggests, as argument lists."""
    return [shlex.split(line.split(": jdgen ", 1)[1]) for line in stderr.splitlines() if ": jdgen " in line]


def test_examples_copies_the_bundled_inputs_into_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("examples")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(EXAMPLE_FILES)
    for name in EXAMPLE_FILES:
        assert (tmp_path / name).read_bytes() == (resources.examples_dir() / name).read_bytes()
        assert f"jdgen: wrote {name}: " in result.stderr


def test_the_commands_examples_suggests_run_on_what_it_wrote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    commands = next_commands(run("examples", "my inputs").stderr)
    assert [c[0] for c in commands] == ["generate", "compare"]
    for command in commands:
        assert any(arg.startswith("my inputs/") for arg in command)  # the folder it wrote into
        result = run(*command)
        assert result.exit_code == 0, result.output
    assert (tmp_path / "cco.docx").is_file() and (tmp_path / "board.docx").is_file()


def test_examples_refuses_every_existing_file_and_writes_none(tmp_path: Path) -> None:
    (tmp_path / "answers.yaml").write_text("mine")
    (tmp_path / "team.csv").write_text("mine too")
    result = run("examples", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"jdgen: error: {tmp_path / 'answers.yaml'}: already exists; use --force to overwrite it",
        f"jdgen: error: {tmp_path / 'team.csv'}: already exists; use --force to overwrite it",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml", "team.csv"]
    assert (tmp_path / "answers.yaml").read_text() == "mine"
    assert run("examples", str(tmp_path), "--force").exit_code == 0
    assert (tmp_path / "team.csv").read_bytes() == (resources.examples_dir() / "team.csv").read_bytes()
    assert not list(tmp_path.glob(".*.tmp"))


def test_examples_into_a_path_under_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    result = run("examples", str(tmp_path / "file" / "sub"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"jdgen: error: {tmp_path}/file/sub: cannot create the folder")
    assert len(result.stderr.splitlines()) == 1


def said(stderr: str) -> str:
    """The messages on stderr as running text: `jdgen:` prefixes and line wrapping removed."""
    return " ".join(line.removeprefix("jdgen:").strip() for line in stderr.splitlines())


def test_demo_ends_with_the_best_fit_its_scale_and_the_files_to_open_first(
    tmp_path: Path, catalog: jdgen.Catalog
) -> None:
    result = run("demo", "-o", str(tmp_path / "demo"))
    assert result.exit_code == 0, result.output
    team = jdgen.load_answers(resources.examples_dir() / "team.csv", catalog)
    board = jdgen.compare(catalog, team, jdgen.load_profile(resources.examples_dir() / "profile.yaml"))
    best = board.ranking[0]
    ending = said(result.stderr).split("readiness: ", 1)[1]
    assert f"best fit: {best.name}, fit score {best.score} (coverage {best.coverage}, risk {best.risk})." in ending
    assert best.score == best.coverage - best.risk and "The fit score is coverage minus risk" in ending
    # The scale states the same points as the scoring rule every comparison prints.
    risk = re.search(r"risk is (\d+) points per critical warning and (\d+) per warning", ending)
    coverage = re.search(r"coverage \(0–(\d+)\)", ending)
    assert risk and coverage
    critical, warning = risk.groups()
    rule = " ".join(board.scoring)
    assert f"Risk adds {critical} points for each critical warning and {warning} for each warning" in rule
    coverage_range = coverage.group(1)
    assert f"Coverage (0–{coverage_range})" in rule
    assert f"{coverage_range} is the best score; below 0, the risks outweigh the coverage." in ending
    report, comparison = (
        tmp_path / "demo" / "northwind-outfitters-cco-readiness-report.docx",
        tmp_path / "demo" / ("northwind-outfitters-cco-board-comparison.docx"),
    )
    assert ending.endswith(
        f"open first: {report} (does Northwind Outfitters need a CCO?), then {comparison} (which kind, and why)."
    )
    assert report.is_file() and comparison.is_file()


def test_demo_refusing_one_existing_file_says_so_plainly(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    out.mkdir()
    (out / "northwind-outfitters-cco-enterprise-cx.html").write_text("mine")
    result = run("demo", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f"jdgen: error: {out / 'northwind-outfitters-cco-enterprise-cx.html'}: already exists; "
        "use --force to overwrite it\n"
    )
