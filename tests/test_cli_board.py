"""`jdgen assess` (the questionnaire and the readiness report) and `jdgen compare`, as users run them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner, Result

import jdgen
from jdgen.cli import main
from tests.conftest import STATEMENTS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TEAM = str(EXAMPLES / "team.csv")


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def typed(*lines: str) -> str:
    return "".join(f"{line}\n" for line in lines)


# One answer line and one note line per statement.
ALL_YES = typed(*(["y", ""] * len(STATEMENTS)))


def test_help_lists_the_new_commands() -> None:
    result = run("--help")
    assert "assess" in result.output and "compare" in result.output
    assert "--report" in run("assess", "--help").output
    assert "--archetypes" in run("compare", "--help").output


# --- the questionnaire -----------------------------------------------------------------------


def test_questionnaire_with_going_back_a_bad_key_and_notes(tmp_path: Path, catalog: jdgen.Catalog) -> None:
    out = tmp_path / "cfo.yaml"
    keys = typed(
        "y", "",  # 1 yes
        "b",  # back to 1: its answer is offered again
        "", "Set in the annual plan",  # 1 keeps yes, adds a note
        "maybe",  # not an answer: asked again
        "n", "",  # 2 no
        *(["p", ""] * (len(STATEMENTS) - 3)),
        "u", "",  # the last one unknown
    )  # fmt: skip
    result = run("assess", "--respondent", "Sam Ortiz", "--role", "CFO", "-o", str(out), input=keys)
    assert result.exit_code == 0, result.stderr
    assert "[1/11] Customer goals owner" in result.stderr and "Why it matters:" in result.stderr
    assert "'maybe' is not an answer" in result.stderr
    assert f"jdgen: wrote {out}" in result.stderr
    (answers,) = jdgen.load_answers(out, catalog).respondents
    assert (answers.respondent, answers.role) == ("Sam Ortiz", "CFO")
    assert answers.answers == {
        STATEMENTS[0]: "yes",
        STATEMENTS[1]: "no",
        **dict.fromkeys(STATEMENTS[2:-1], "partial"),
        STATEMENTS[-1]: "unknown",
    }
    assert answers.notes == {STATEMENTS[0]: "Set in the annual plan"}
    # The file is accepted wherever answers are.
    assert run("generate", "-a", "digital", "--answers", str(out), "-o", str(tmp_path / "jd.md")).exit_code == 0


def test_questionnaire_default_name_and_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("assess", "--respondent", "Avery Chen", input=ALL_YES).exit_code == 0
    assert (tmp_path / "answers-avery-chen.yaml").is_file()
    result = run("assess", "-o", "-", input=ALL_YES)
    assert result.exit_code == 0
    # The answers file is what stdout carries (click's test runner may echo the typed keys before it).
    answers_file = result.stdout[result.stdout.index("# Readiness answers") :]
    assert set(yaml.safe_load(answers_file)["answers"].values()) == {"yes"}
    assert "readiness from these answers: Well adjusted" in result.stderr


def test_questionnaire_refuses_an_existing_file_before_asking(tmp_path: Path) -> None:
    out = tmp_path / "answers.yaml"
    out.write_text("keep me", encoding="utf-8")
    result = run("assess", "-o", str(out), input=ALL_YES)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"jdgen: error: {out}: already exists; use --force to overwrite it"
    assert out.read_text(encoding="utf-8") == "keep me"
    assert run("assess", "-o", str(out), "--force", input=ALL_YES).exit_code == 0


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        (typed("y", "", "q"), "questionnaire stopped at statement 2 of 11; nothing was written"),
        (typed("y", "", "n", ""), "the input ended at statement 3 of 11"),
    ],
)
def test_quitting_or_running_out_of_input_writes_nothing(tmp_path: Path, keys: str, message: str) -> None:
    out = tmp_path / "answers.yaml"
    result = run("assess", "-o", str(out), input=keys)
    assert result.exit_code == 1
    last = result.stderr.strip().splitlines()[-1]  # after the last prompt, whichever stream the runner echoes to
    assert f"jdgen: error: {message}" in last and last.endswith("nothing was written")
    assert not out.exists()


def test_questionnaire_options_that_belong_to_the_report(tmp_path: Path) -> None:
    assert run("assess", "--strict", input=ALL_YES).exit_code == 2
    mistaken = run("assess", "-o", str(tmp_path / "report.docx"), input=ALL_YES)  # forgot --report
    assert mistaken.exit_code == 2 and "give a .yaml name (or use --report FILE" in mistaken.stderr
    assert not list(tmp_path.iterdir())
    assert run("assess", "--report", TEAM, "--respondent", "X").exit_code == 2


# --- the readiness report --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "md", "html", "json"])
def test_readiness_report_in_every_format(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    result = run("assess", "--report", TEAM, "--company", "Northwind", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "jdgen: warning: The executives disagree on the groundwork [executive-dissent]" in result.stderr
    assert "jdgen: readiness: Strong case to explore the role" in result.stderr
    if fmt == "docx":
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(out.read_bytes())).paragraphs)
    else:
        text = out.read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(text)["readiness"]["respondents"] == ["CEO", "CFO", "COO"]
    else:
        assert "Where the respondents disagree" in text and "What to do next" in text


def test_report_default_name_several_files_and_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ceo.yaml").write_text("role: Chair\nanswers: {resources: yes}\n", encoding="utf-8")
    result = run("assess", "--report", TEAM, "--report", "ceo.yaml", "--company", "Acme")
    assert result.exit_code == 0, result.stderr
    blob = (tmp_path / "acme-cco-readiness-report.docx").read_bytes()
    assert "4 respondents: CEO, CFO, COO, Chair" in "\n".join(
        p.text for p in docx.Document(io.BytesIO(blob)).paragraphs
    )
    strict = run("assess", "--report", TEAM, "--strict", "-o", "strict.md")
    assert strict.exit_code == 3 and not (tmp_path / "strict.md").exists()


# --- compare ---------------------------------------------------------------------------------


def test_compare_writes_the_board_paper_and_prints_the_ranking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("compare", "--answers", TEAM, "--profile", str(EXAMPLES / "profile.yaml"))
    assert result.exit_code == 0, result.stderr
    document = docx.Document(str(tmp_path / "northwind-outfitters-cco-board-comparison.docx"))
    assert document.paragraphs[0].text == "Which Chief Customer Officer? Archetype comparison"
    expected = jdgen.compare(
        jdgen.load_catalog(),
        jdgen.load_answers(TEAM, jdgen.load_catalog()),
        jdgen.load_profile(EXAMPLES / "profile.yaml"),
    )
    assert expected.recommendation.headline + "." in [p.text for p in document.paragraphs]
    ranking = result.stderr.split("RANK")[1].splitlines()
    assert ranking[2].split()[:3] == ["1", *expected.ranking[0].name.split()[:2]]
    assert "[executive-dissent]" in result.stderr  # dissent is a warning whichever archetype is chosen


def test_compare_subset_to_stdout_as_json() -> None:
    result = run("compare", "--archetypes", "service-led, digital", "-f", "json", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert [a["id"] for a in json.loads(result.stdout)["archetypes"]] == ["service-led", "digital"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--archetypes", "cxo"], 2, "unknown archetype 'cxo'; valid archetypes: enterprise-cx"),
        (["--archetypes", ","], 2, "no archetype to compare; give one or more of: enterprise-cx"),
        (["--answers", TEAM, "--strict", "-o", "x.md"], 3, "--strict: 1 warning(s)"),
        (["-o", "board.rtf"], 2, "cannot tell the format from 'board.rtf'"),
    ],
)
def test_compare_refusals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("compare", *args)
    assert result.exit_code == code
    assert message in result.stderr
    assert not list(tmp_path.iterdir())


def test_generate_takes_several_answers_files_and_warns_on_dissent(tmp_path: Path) -> None:
    cfo = tmp_path / "cfo.yaml"
    cfo.write_text("role: CFO\nanswers: {agreed-metrics: no}\n", encoding="utf-8")
    ceo = tmp_path / "ceo.csv"
    ceo.write_text("respondent,role,statement,answer\nA,CEO,agreed-metrics,yes\n", encoding="utf-8")
    result = run("generate", "-a", "digital", "--answers", str(ceo), "--answers", str(cfo), "-o", "-", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "[executive-dissent]" in result.stderr
    assert json.loads(result.stdout)["readiness"]["respondents"] == ["CEO", "CFO"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "the file is empty; a CSV answers file has the columns respondent, role, statement, answer"),
        ("respondent,statement,answer\nA,resources,no\n", "missing column 'role'"),
        ("respondent,role,statement,answer\nA,CEO,budget,no\n", "row 2: statement: unknown statement id 'budget'"),
        ("respondent,role,statement,answer\nA,CEO,resources,maybe\n", "row 2: answer: 'maybe' is not one of"),
    ],
)
@pytest.mark.parametrize("command", [["compare"], ["generate", "-a", "digital"], ["assess", "--report"]])
def test_bad_answers_are_one_error_line_in_every_command(
    tmp_path: Path, command: list[str], body: str, message: str
) -> None:
    bad = tmp_path / "team.csv"
    bad.write_text(body, encoding="utf-8")
    args = [*command, str(bad)] if command[-1] == "--report" else [*command, "--answers", str(bad)]
    result = run(*args, "-o", str(tmp_path / "out.md"))
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"jdgen: error: {bad}: ") and message in line
    assert not (tmp_path / "out.md").exists()
