"""Archetype, statement and domain ids as people type them: any case works, a typo gets a suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import jdgen
from jdgen.cli import main
from jdgen.data.input_models import Answers, Survey

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
VALID_ARCHETYPES = "valid archetypes: enterprise-cx, service-led, marketing-led, customer-success, commercial"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_an_archetype_in_any_case_is_the_archetype(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("generate", "-a", "Enterprise-CX", "--company", "Acme", "-f", "md")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "acme-cco-enterprise-cx.md").is_file()  # named as the catalog spells it
    assert run("show", "SERVICE-LED").output.startswith("Service-led CCO (service-led)")
    compared = run("compare", "--archetypes", "Digital,digital,SERVICE-LED", "-f", "md", "-o", "-")
    assert compared.exit_code == 0, compared.output
    ranked = [line.split()[1] for line in compared.stderr.splitlines() if line.split()[:1] in (["1"], ["2"], ["3"])]
    assert sorted(ranked) == ["Digital", "Service-led"]  # the two archetypes, each once
    assert "Customer-asset scoreboard" in run("blocks", "--domain", "Metrics").output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["generate", "-a", "enterprise-cz"],
            f"'--archetype': unknown archetype 'enterprise-cz' (did you mean 'enterprise-cx'?); {VALID_ARCHETYPES}",
        ),
        (
            ["show", "Servce-Led"],
            f"'ARCHETYPE': unknown archetype 'Servce-Led' (did you mean 'service-led'?); {VALID_ARCHETYPES}",
        ),
        (
            ["compare", "--archetypes", "digital,markting-led,cfo"],
            f"unknown archetype 'markting-led' (did you mean 'marketing-led'?), 'cfo'; {VALID_ARCHETYPES}",
        ),
        (
            ["blocks", "--domain", "metric"],
            "unknown domain 'metric' (did you mean 'metrics'?); valid domains: metrics,",
        ),
        (["generate", "-a", "cxo"], f"unknown archetype 'cxo'; {VALID_ARCHETYPES}"),  # nothing close: no guess
    ],
)
def test_a_typo_is_a_usage_error_suggesting_the_closest_id(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_statement_ids_in_answers_files_are_read_in_any_case(tmp_path: Path, catalog: jdgen.Catalog) -> None:
    lower = tmp_path / "lower.yaml"
    lower.write_text("answers:\n  resources: no\n  role-clarity: {answer: partial, note: Unclear}\n")
    mixed = tmp_path / "mixed.yaml"
    mixed.write_text("answers:\n  Resources: no\n  ROLE-CLARITY: {answer: partial, note: Unclear}\n")
    outputs = [
        run("generate", "-a", "digital", "--answers", str(p), "-f", "json", "-o", "-").stdout for p in (lower, mixed)
    ]
    assert outputs[0] == outputs[1] and '"resources"' in outputs[0]
    table = tmp_path / "team.csv"
    table.write_text("respondent,role,statement,answer\nAnn,CEO,Resources,no\nAnn,CEO,role-clarity,partial\n")
    survey = jdgen.load_answers(table, catalog)
    assert survey.respondents[0].answers == {"resources": "no", "role-clarity": "partial"}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.yaml", "answers:\n  resorces: no\n", "answers.resorces: unknown statement id (did you mean 'resources'?); valid ids: "),
        ("a.yaml", "answers:\n  resources: no\n  Resources: yes\n", "answers.Resources: the same statement as resources; give it once"),
        ("a.csv", "respondent,role,statement,answer\nAnn,CEO,resorces,no\n", "row 2: statement: unknown statement id 'resorces' (did you mean 'resources'?); valid ids: "),
        ("a.csv", "respondent,role,statement,answer\nAnn,CEO,resources,no\nAnn,CEO,RESOURCES,yes\n", "row 3: Ann answers 'resources' twice (first in row 2)"),
    ],
)  # fmt: skip
def test_a_mistyped_statement_id_is_one_line_suggesting_the_closest(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    result = run("generate", "-a", "digital", "--answers", str(path), "-o", "-", "-f", "md")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"jdgen: error: {path}: {message}")
    assert len(result.stderr.splitlines()) == 1


def test_the_library_reads_ids_in_any_case_too(catalog: jdgen.Catalog) -> None:
    expected = jdgen.compose(catalog, "enterprise-cx", {"resources": "no"})
    assert jdgen.compose(catalog, "Enterprise-CX", {"Resources": "no"}) == expected
    built = Survey(respondents=(Answers(answers={"RESOURCES": "no"}),))  # made without a catalog
    assert jdgen.compose(catalog, "enterprise-cx", built) == expected
    assert [f.archetype for f in jdgen.compare(catalog, archetypes=["Digital", "digital"]).ranking] == ["digital"]
    with pytest.raises(
        jdgen.InputError, match=r"unknown archetype 'enterprse-cx' \(did you mean 'enterprise-cx'\?\); valid"
    ):
        jdgen.compose(catalog, "enterprse-cx")
    with pytest.raises(
        jdgen.InputError, match=r"answers\.resorces: unknown statement id \(did you mean 'resources'\?\)"
    ):
        jdgen.compose(catalog, "digital", {"resorces": "no"})
