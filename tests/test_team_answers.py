"""Answers from several respondents: file shapes (YAML list, CSV), aggregation, dissent, bad inputs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import jdgen
from jdgen.data.fields import AnswerValue
from tests.conftest import STATEMENTS, write_tree

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def survey(*people: dict[str, str], roles: tuple[str, ...] = ()) -> jdgen.Survey:
    return jdgen.Survey(
        respondents=tuple(
            jdgen.Answers(role=roles[n] if n < len(roles) else None, answers=p)  # type: ignore[arg-type]
            for n, p in enumerate(people)
        )
    )


# --- the consensus rule ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["no"], "no"),  # a single respondent: their answer
        (["partial"], "partial"),
        (["unknown"], "unknown"),
        (["yes", "yes", "partial"], "yes"),  # the middle answer
        (["yes", "partial", "no"], "partial"),
        (["partial", "no", "no", "yes"], "no"),  # even count: the lower middle
        (["yes", "partial"], "partial"),  # a tie counts against the statement
        (["partial", "no"], "no"),
        (["yes", "unknown", "unknown"], "yes"),  # unknowns are left out
        (["unknown", "unknown"], "unknown"),
        (["yes", "yes", "no"], "partial"),  # dissent: at most partial
        (["yes", "no"], "no"),
        (["yes", "yes", "yes", "no"], "partial"),
    ],
)
def test_consensus(values: list[AnswerValue], expected: str) -> None:
    assert jdgen.consensus(values) == expected


def test_a_single_respondent_scores_as_before(catalog: jdgen.Catalog) -> None:
    answers = jdgen.Answers(answers={"resources": "no", "participation": "yes", "role-clarity": "partial"})
    one = jdgen.assess(catalog, answers)
    assert one == jdgen.assess(catalog, jdgen.Survey(respondents=(answers,)))
    assert one.score == 50
    assert [g.statement for g in one.gaps] == ["role-clarity", "resources"]
    assert not one.dissenting()
    row = next(a for a in one.answers if a.statement == "resources")
    assert row.reason == "Answered no: a gap; counts 0 toward the score."


def test_split_sides_notes_and_dissent_per_statement(catalog: jdgen.Catalog) -> None:
    team = jdgen.Survey(
        respondents=(
            jdgen.Answers(role="CEO", answers={"resources": "yes"}, notes={"resources": "Funded in Q3."}),
            jdgen.Answers(respondent="Sam", answers={"resources": "no", "participation": "yes"}),
            jdgen.Answers(answers={"resources": "yes"}),
        )
    )
    rows = {a.statement: a for a in jdgen.aggregate(catalog, team)}
    resources = rows["resources"]
    assert resources.answer == "partial"
    assert resources.split == {"yes": 2, "partial": 0, "no": 1, "unknown": 0}
    assert resources.sides["yes"] == ("CEO", "respondent 3") and resources.sides["no"] == ("Sam",)
    assert resources.dissent
    assert [(n.who, n.text) for n in resources.notes] == [("CEO", "Funded in Q3.")]
    assert "respondents disagree (yes: CEO, respondent 3; no: Sam)" in resources.reason
    assert rows["participation"].answer == "yes" and not rows["participation"].dissent
    assert rows["participation"].split["unknown"] == 2
    readiness = jdgen.assess(catalog, team)
    assert readiness.respondents == ("CEO", "Sam", "respondent 3")
    assert [a.statement for a in readiness.dissenting()] == ["resources"]
    assert any("disagree (yes against no) on 1: Resources for customer work" in r for r in readiness.reasons)


def test_partial_against_yes_is_a_split_not_dissent(catalog: jdgen.Catalog) -> None:
    readiness = jdgen.assess(catalog, survey({"resources": "yes"}, {"resources": "partial"}))
    row = next(a for a in readiness.answers if a.statement == "resources")
    assert (row.answer, row.dissent) == ("partial", False)


# --- dissent becomes a warning everywhere ----------------------------------------------------


def test_dissent_warns_in_compose_report_and_compare(catalog: jdgen.Catalog) -> None:
    team = survey(
        {"agreed-metrics": "yes", "resources": "no"},
        {"agreed-metrics": "no", "resources": "no"},
        roles=("CEO", "CFO"),
    )
    expected = "Agreed metrics (yes: CEO; no: CFO)"
    jd = jdgen.compose(catalog, "enterprise-cx", team)
    (dissent,) = [w for w in jd.warnings if w.rule == "executive-dissent"]
    assert dissent.severity == "warning" and expected in dissent.why
    report = jdgen.readiness_report(catalog, team)
    assert [w.rule for w in report.warnings if w.rule == "executive-dissent"] == ["executive-dissent"]
    assert any("Agreed metrics" in step for step in report.next_steps)
    comparison = jdgen.compare(catalog, team)
    assert "executive-dissent" in [w.rule for w in comparison.shared_warnings]
    assert all("executive-dissent" not in [w.rule for w in a.warnings] for a in comparison.archetypes)


def test_no_dissent_no_warning(catalog: jdgen.Catalog) -> None:
    team = survey({"agreed-metrics": "yes"}, {"agreed-metrics": "partial"})
    assert "executive-dissent" not in [w.rule for w in jdgen.compose(catalog, "digital", team).warnings]


# --- file shapes -----------------------------------------------------------------------------


def test_yaml_list_respondents_mapping_and_note_form_agree(tmp_path: Path, catalog: jdgen.Catalog) -> None:
    write_tree(
        tmp_path,
        {
            "list.yaml": """
                - respondent: Avery
                  role: CEO
                  answers:
                    resources: {answer: no, note: "No budget line."}
                    participation: yes
                - role: CFO
                  answers: {resources: partial}
            """,
            "mapping.yaml": """
                respondents:
                  - respondent: Avery
                    role: CEO
                    answers: {resources: no, participation: yes}
                    notes: {resources: No budget line.}
                  - role: CFO
                    answers: {resources: partial}
            """,
            "team.csv": """
                respondent,role,statement,answer,note
                Avery,CEO,resources,no,No budget line.
                Avery,CEO,participation,YES,
                ,CFO,resources,partial,
            """,
        },
    )
    surveys = [jdgen.load_answers(tmp_path / name, catalog) for name in ("list.yaml", "mapping.yaml", "team.csv")]
    assert surveys[0] == surveys[1] == surveys[2]
    ceo, cfo = surveys[0].respondents
    assert (ceo.respondent, ceo.role, ceo.answers, ceo.notes) == (
        "Avery",
        "CEO",
        {"resources": "no", "participation": "yes"},
        {"resources": "No budget line."},
    )
    assert (cfo.respondent, cfo.role, cfo.answers) == (None, "CFO", {"resources": "partial"})


def test_several_files_put_their_respondents_together(tmp_path: Path, catalog: jdgen.Catalog) -> None:
    write_tree(tmp_path, {"ceo.yaml": "role: CEO\nanswers: {resources: no}\n"})
    both = jdgen.load_answers([tmp_path / "ceo.yaml", EXAMPLES / "team.csv"], catalog)
    assert [r.role for r in both.respondents] == ["CEO", "CEO", "CFO", "COO"]


def test_semicolon_csv_from_a_spreadsheet(tmp_path: Path, catalog: jdgen.Catalog) -> None:
    write_tree(tmp_path, {"team.csv": "\ufeffRespondent;Role;Statement;Answer\nA;CEO;resources;no\n"})
    (only,) = jdgen.load_answers(tmp_path / "team.csv", catalog).respondents
    assert only.answers == {"resources": "no"}


def test_dump_answers_reads_back(tmp_path: Path, catalog: jdgen.Catalog) -> None:
    answers = jdgen.Answers(
        respondent="Dana Lee",
        role="CFO",
        answers=dict.fromkeys(STATEMENTS, "no") | {"participation": "yes"},  # type: ignore[arg-type]
        notes={"resources": 'No budget: "none at all" — 0 €'},
    )
    path = tmp_path / "answers.yaml"
    path.write_text(jdgen.dump_answers(answers), encoding="utf-8")
    assert jdgen.load_answers(path, catalog).respondents == (answers,)


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("empty.csv", "", "empty.csv: the file is empty; a CSV answers file has the columns respondent, role,"),
        ("blank.csv", "\n \n", "blank.csv: the file is empty;"),
        ("header.csv", "respondent,role,statement,answer\n", "header.csv: has a header but no answers"),
        (
            "column.csv",
            "respondent,statement,answer\nA,resources,no\n",
            "column.csv: missing column 'role'; a CSV answers file has the columns respondent, role, statement, answer",
        ),
        ("extra.csv", "respondent,role,statement,answer,notes\n", "extra.csv: unknown column 'notes'"),
        (
            "answer.csv",
            "respondent,role,statement,answer\nA,CEO,resources,maybe\n",
            "answer.csv: row 2: answer: 'maybe' is not one of: yes, partial, no, unknown",
        ),
        (
            "statement.csv",
            "respondent,role,statement,answer\nA,CEO,budget,no\n",
            "statement.csv: row 2: statement: unknown statement id 'budget'; valid ids: customer-goals-owner,",
        ),
        (
            "twice.csv",
            "respondent,role,statement,answer\nA,CEO,resources,no\nA,CEO,resources,yes\n",
            "twice.csv: row 3: A answers 'resources' twice (first in row 2)",
        ),
        ("anon.csv", "respondent,role,statement,answer\n,,resources,no\n", "anon.csv: row 2: give the respondent"),
        ("cells.csv", "respondent,role,statement,answer\nA,CEO,resources,no,x\n", "cells.csv: row 2: has 5 cells"),
        ("none.yaml", "[]\n", "none.yaml: holds no respondents"),
        (
            "who.yaml",
            "- role: CFO\n  answers: {resources: maybe}\n",
            "who.yaml: respondent 1 (CFO): answers.resources: input should be 'yes', 'partial', 'no' or 'unknown'",
        ),
        (
            "unknown.yaml",
            "- role: CFO\n  answers: {budget: no}\n",
            "unknown.yaml: respondent 1 (CFO): answers.budget: unknown statement id",
        ),
        ("beside.yaml", "respondents: []\nanswers: {}\n", "beside.yaml: unknown field 'answers' beside 'respondents'"),
        ("note.yaml", "answers: {resources: {answer: no, memo: x}}\n", "note.yaml: answers.resources: input should"),
        (
            "quote.csv",
            'respondent,role,statement,answer,note\nA,CEO,resources,yes,"oops\nB,CFO,resources,no,\n',
            "quote.csv: line 3: not valid CSV (unexpected end of data); check for a quote that is never closed",
        ),
        ("commas.csv", ",,,\n;;\n", "commas.csv: the file is empty"),
        (
            "roles.csv",
            "respondent,role,statement,answer\nAvery,CEO,resources,no\nAvery,CFO,participation,yes\n",
            "roles.csv: row 3: role: Avery has the role 'CEO' in an earlier row and 'CFO' here",
        ),
        (
            "twice.yaml",
            "- {respondent: Avery, answers: {resources: no}}\n- {respondent: avery, answers: {resources: yes}}\n",
            "twice.yaml: respondent 'avery' answers twice (earlier in the same file)",
        ),
        (
            "typo.yaml",
            "answers: {resources: no}\nnotes: {resorces: x}\n",
            "typo.yaml: notes.resorces: unknown statement",
        ),
    ],
)
def test_bad_answers_files_give_one_clear_line_each(
    tmp_path: Path, catalog: jdgen.Catalog, name: str, body: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    with pytest.raises(jdgen.InputError) as info:
        jdgen.load_answers(path, catalog)
    lines = str(info.value).splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{tmp_path}{os.sep}{message}")


def test_every_bad_row_is_reported(tmp_path: Path, catalog: jdgen.Catalog) -> None:
    path = write_tree(tmp_path, {"t.csv": "respondent,role,statement,answer\nA,CEO,x,no\nB,CFO,resources,?\n"})
    with pytest.raises(jdgen.InputError) as info:
        jdgen.load_answers(path / "t.csv", catalog)
    assert [p.item for p in info.value.problems] == ["row 2", "row 3"]


def test_library_accepts_plain_data_for_many_respondents(catalog: jdgen.Catalog) -> None:
    data = [{"role": "CEO", "answers": {"resources": "yes"}}, {"role": "CFO", "answers": {"resources": "no"}}]
    jd = jdgen.compose(catalog, "enterprise-cx", data)
    assert jd.readiness is not None and jd.readiness.respondents == ("CEO", "CFO")
    with pytest.raises(jdgen.InputError, match="not a file name"):
        jdgen.compose(catalog, "enterprise-cx", "answers.yaml")  # type: ignore[arg-type]


# --- odd inputs from spreadsheets and people ---------------------------------------------------


def test_the_same_person_or_file_twice_is_refused(tmp_path: Path, catalog: jdgen.Catalog) -> None:
    with pytest.raises(jdgen.InputError, match=r"team\.csv: the same answers file is given twice"):
        jdgen.load_answers([EXAMPLES / "team.csv", EXAMPLES / "team.csv"], catalog)
    write_tree(tmp_path, {"avery.yaml": "respondent: Avery Chen\nanswers: {resources: yes}\n"})
    with pytest.raises(
        jdgen.InputError, match=r"avery.yaml: respondent 'Avery Chen' answers twice \(also in .*team.csv\)"
    ):
        jdgen.load_answers([EXAMPLES / "team.csv", tmp_path / "avery.yaml"], catalog)


def test_spreadsheet_quirks_are_accepted(tmp_path: Path, catalog: jdgen.Catalog) -> None:
    write_tree(
        tmp_path,
        {
            "team.tsv": "respondent\trole\tstatement\tanswer\t\nA\tCEO\tresources\tyes\t\t\nA\t\tparticipation\t\t\n",
            "notes.yaml": "answers:\n  resources: {note: Still checking the budget.}\n",
        },
    )
    (person,) = jdgen.load_answers(tmp_path / "team.tsv", catalog).respondents
    assert (person.role, person.answers) == ("CEO", {"resources": "yes", "participation": "unknown"})
    (noted,) = jdgen.load_answers(tmp_path / "notes.yaml", catalog).respondents
    assert noted.answers == {"resources": "unknown"} and noted.notes == {"resources": "Still checking the budget."}


def test_respondents_who_share_a_role_are_told_apart(catalog: jdgen.Catalog) -> None:
    team = jdgen.Survey(
        respondents=(
            jdgen.Answers(respondent="Ann", role="VP", answers={"resources": "yes"}),
            jdgen.Answers(respondent="Bob", role="VP", answers={"resources": "no"}),
            jdgen.Answers(role="VP", answers={"resources": "no"}),
        )
    )
    readiness = jdgen.assess(catalog, team)
    assert readiness.respondents == ("VP (Ann)", "VP (Bob)", "VP #3")
    (row,) = readiness.dissenting()
    assert row.sides["yes"] == ("VP (Ann)",) and row.sides["no"] == ("VP (Bob)", "VP #3")


def test_every_library_entry_point_takes_plain_data(catalog: jdgen.Catalog, tmp_path: Path) -> None:
    assert jdgen.assess(catalog, {"resources": "no"}).counts["no"] == 1
    assert len(jdgen.aggregate(catalog, [{"answers": {"resources": "no"}}])) == len(STATEMENTS)
    team = jdgen.load_answers(EXAMPLES / "team.csv", catalog)
    assert jdgen.assess(catalog, list(team.respondents)) == jdgen.assess(catalog, team)
    with pytest.raises(jdgen.InputError, match="not a file name"):
        jdgen.compare(catalog, tmp_path / "answers.yaml")  # type: ignore[arg-type]
    with pytest.raises(jdgen.InputError, match="unknown statement id"):
        jdgen.assess(catalog, {"budget": "no"})
