"""The first commands a newcomer runs: `jdgen examples` and what it tells them to run next."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import jdgen
from jdgen.cli import main
from jdgen.common import resources

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
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*EXAMPLE_FILES, "companies"])
    for name in EXAMPLE_FILES:
        assert (tmp_path / name).read_bytes() == (resources.examples_dir() / name).read_bytes()
        assert f"jdgen: wrote {name}: " in result.stderr
    bundled = sorted((resources.examples_dir() / "companies").glob("*.yaml"))
    assert [p.name for p in bundled] == sorted(p.name for p in (tmp_path / "companies").iterdir())
    assert all((tmp_path / "companies" / p.name).read_bytes() == p.read_bytes() for p in bundled)
    assert "jdgen: wrote 8 example companies, one per archetype, in companies" in result.stderr


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
    assert f"best fit: {best.name}, fit {best.score}/100." in ending
    assert best.score == sum(p.points for p in best.parts)
    # The scale names the same parts and maxima as the scoring rule every comparison prints.
    assert [int(n) for n in re.findall(r"\(up to (\d+)\)", ending)] == [p.max for p in best.parts]
    assert f"The fit score (0–{sum(p.max for p in best.parts)})" in ending
    rule = " ".join(board.scoring)
    for p in best.parts:
        assert f"{p.name} (0–{p.max})" in rule
    assert f"Fit score = the sum of the four parts, 0–{sum(p.max for p in best.parts)}" in rule
    report, comparison = (
        tmp_path / "demo" / "northwind-outfitters-cco-readiness-report.docx",
        tmp_path / "demo" / ("northwind-outfitters-cco-board-comparison.docx"),
    )
    scorecard = tmp_path / "demo" / f"northwind-outfitters-cco-{best.archetype}-scorecard.docx"
    assert ending.endswith(
        f"open first: {report} (does Northwind Outfitters need a CCO?), then {comparison} (which kind, and why);"
        f" for the search, {scorecard}."
    )
    assert report.is_file() and comparison.is_file()
    for kind in ("scorecard", "interview", "charter"):  # the role pack of the best fit
        assert (tmp_path / "demo" / f"northwind-outfitters-cco-{best.archetype}-{kind}.docx").is_file()


def test_demo_refusing_one_existing_file_says_so_plainly(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    out.mkdir()
    (out / "northwind-outfitters-cco-digital.html").write_text("mine")
    result = run("demo", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f"jdgen: error: {out / 'northwind-outfitters-cco-digital.html'}: already exists; use --force to overwrite it\n"
    )
