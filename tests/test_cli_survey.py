"""``jdgen survey``: the same store as the server's survey pages, for those who send the links by their own mail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from jdgen.cli import main
from jdgen.store.surveys import SurveyStore


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def _create(db: str, *more: str) -> dict[str, object]:
    result = run(
        "survey", "create", "--company", "Acme", "--respondent", "Ana Ortiz, CEO", "--respondent", "Bo Chen, CFO",
        "--db", db, "--json", "--base-url", "https://jdgen.acme.example/", *more,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    made: dict[str, object] = json.loads(result.stdout)
    return made


def _token(link: object) -> str:
    return str(link).rsplit("/", 1)[1]


def test_create_prints_each_link_once_and_list_shows_the_survey(db: str) -> None:
    made = _create(db)
    respondents = made["respondents"]
    assert isinstance(respondents, list)
    assert [(r["name"], r["role"]) for r in respondents] == [("Ana Ortiz", "CEO"), ("Bo Chen", "CFO")]
    assert all(r["link"].startswith("https://jdgen.acme.example/s/") for r in respondents)
    assert str(made["facilitator"]).startswith("https://jdgen.acme.example/f/")
    listed = run("survey", "list", "--db", db)
    assert listed.exit_code == 0 and "Acme" in listed.stdout and "0/2" in listed.stdout
    assert _token(respondents[0]["link"]) not in listed.output  # never shown again


def test_show_export_and_the_answers_files_jdgen_reads(db: str, tmp_path: Path) -> None:
    made = _create(db)
    ana, bo = (_token(r["link"]) for r in made["respondents"])  # type: ignore[attr-defined]
    store = SurveyStore(db)
    store.save_answer(ana, "resources", "yes", "=1+1 is not a formula")
    store.save_answer(bo, "resources", "no", "'=quoted on purpose")
    store.close_connections()
    survey_id = str(made["survey"])
    shown = run("survey", "show", survey_id, "--db", db)
    assert shown.exit_code == 0
    assert "2 of 2 have answered" in shown.stdout
    assert "The team disagrees on Resources for customer work: yes: CEO; no: CFO" in shown.stdout
    for name in ("team.csv", "team.yaml"):
        exported = run("survey", "export", survey_id, "-o", str(tmp_path / name), "--db", db)
        assert exported.exit_code == 0, exported.output
        report = run("assess", "--report", str(tmp_path / name), "-o", str(tmp_path / f"{name}.json"))
        assert report.exit_code == 0, report.output
        readiness = json.loads((tmp_path / f"{name}.json").read_text())["readiness"]
        row = next(a for a in readiness["answers"] if a["statement"] == "resources")
        assert row["dissent"] and row["notes"] == [
            {"who": "CEO", "text": "=1+1 is not a formula"},
            {"who": "CFO", "text": "'=quoted on purpose"},
        ]
    assert "'=1+1" in (tmp_path / "team.csv").read_text()  # defused for a spreadsheet, read back whole
    again = run("survey", "export", survey_id, "-o", str(tmp_path / "team.csv"), "--db", db)
    assert again.exit_code == 1 and "--force" in again.output
    assert yaml.safe_load(run("survey", "export", survey_id, "--db", db).stdout)["respondents"][1]["role"] == "CFO"


def test_close_new_link_and_delete(db: str) -> None:
    made = _create(db)
    survey_id = str(made["survey"])
    old = _token(made["respondents"][1]["link"])  # type: ignore[index]
    relinked = run("survey", "new-link", survey_id, "bo chen", "--db", db)
    assert relinked.exit_code == 0 and relinked.stdout.startswith("http://127.0.0.1:8000/s/")
    store = SurveyStore(db)
    assert store.respondent(old) is None and store.respondent(_token(relinked.stdout.strip())) is not None
    own = run("survey", "new-link", survey_id, "--facilitator", "--db", db)
    assert own.exit_code == 0 and store.survey_of_facilitator(_token(made["facilitator"])) is None
    assert store.survey_of_facilitator(_token(own.stdout.strip())) == survey_id
    assert run("survey", "new-link", survey_id, "--db", db).exit_code == 2  # whose link?
    assert run("survey", "close", survey_id, "--db", db).exit_code == 0
    assert "closed" in run("survey", "list", "--db", db).stdout
    refused = run("survey", "delete", survey_id, "--db", db, input="n\n")
    assert refused.exit_code == 1 and store.survey(survey_id) is not None
    assert run("survey", "delete", survey_id, "--yes", "--db", db).exit_code == 0
    assert store.surveys() == []
    store.close_connections()


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_mistakes_get_one_line_each(db: str, tmp_path: Path) -> None:
    no_company = run("survey", "create", "--respondent", "Ana", "--db", db)
    assert no_company.exit_code == 2 and "name the company" in no_company.output
    no_people = run("survey", "create", "--company", "Acme", "--db", db)
    assert no_people.exit_code == 2 and "list the respondents" in no_people.output
    past = run("survey", "create", "--company", "Acme", "--respondent", "Ana", "--closes", "2001-01-01", "--db", db)
    assert past.exit_code == 1 and "has passed" in past.output
    twice = run("survey", "create", "--company", "Acme", "--respondent", "Ana", "--respondent", "ana", "--db", db)
    assert twice.exit_code == 1 and "given twice" in twice.output
    missing = run("survey", "show", "nope", "--db", db)
    assert missing.exit_code == 1 and "no survey 'nope'" in missing.output
    made = _create(db)
    nobody = run("survey", "new-link", str(made["survey"]), "Zed", "--db", db)
    assert nobody.exit_code == 1 and "1 Ana Ortiz, 2 Bo Chen" in nobody.output
    unreachable = run("survey", "list", "--db", "postgresql://jdgen:secret@/jdgen?host=/no/such/folder")
    assert unreachable.exit_code == 1 and "cannot open the survey store" in unreachable.output
    assert "secret" not in unreachable.output
    wrong = run("survey", "list", "--db", "mysql://x/y")
    assert wrong.exit_code == 1 and "not a database jdgen keeps surveys in" in wrong.output
    for line in (no_company, past, missing, unreachable):
        assert "Traceback" not in line.output
