"""Answers and profile files, and the readiness verdict computed from the answers."""

from __future__ import annotations

from pathlib import Path

import pytest

import jdgen
from jdgen.data.inputs import override_profile
from tests.conftest import write_tree


def answers_file(tmp_path: Path, body: str) -> Path:
    return write_tree(tmp_path, {"answers.yaml": body}) / "answers.yaml"


def test_yaml_yes_and_no_are_read_as_answers_not_booleans(tmp_path: Path, catalog: jdgen.Catalog) -> None:
    path = answers_file(tmp_path, "answers:\n  resources: no\n  participation: yes\n  role-clarity: Partial\n")
    (answers,) = jdgen.load_answers(path, catalog).respondents
    assert answers.answers == {"resources": "no", "participation": "yes", "role-clarity": "partial"}


def test_unknown_statement_id_names_the_file_and_the_id(tmp_path: Path, catalog: jdgen.Catalog) -> None:
    path = answers_file(tmp_path, "answers:\n  resources: no\n  budget: yes\n")
    with pytest.raises(jdgen.InputError) as info:
        jdgen.load_answers(path, catalog)
    (problem,) = info.value.problems
    assert str(problem).startswith(f"{path}: answers.budget: unknown statement id; valid ids: customer-goals-owner,")


def test_unknown_answer_value_names_the_file_the_id_and_the_choices(tmp_path: Path, catalog: jdgen.Catalog) -> None:
    path = answers_file(tmp_path, "answers:\n  resources: maybe\n")
    with pytest.raises(jdgen.InputError) as info:
        jdgen.load_answers(path, catalog)
    assert str(info.value) == (
        f"{path}: answers.resources: input should be 'yes', 'partial', 'no' or 'unknown' (got 'maybe')"
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "the file is empty"),
        ("resources: no\n", "unknown field 'resources'; allowed fields: respondent, role, answers, notes"),
        ("- resources\n", "respondent 1: expected a mapping of fields (respondent, role, answers, notes)"),
        ("[]\n", "holds no respondents; give at least one"),
        ("respondents: {ceo: {}}\n", "respondents: expected a list of respondents"),
    ],
)
def test_malformed_answers_files(tmp_path: Path, catalog: jdgen.Catalog, body: str, message: str) -> None:
    with pytest.raises(jdgen.InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        jdgen.load_answers(answers_file(tmp_path, body), catalog)


def test_missing_file_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(jdgen.InputError, match=r"profile.yaml: no such file"):
        jdgen.load_profile(tmp_path / "profile.yaml")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("company: Acme\nslogan: hi\n", "slogan: unknown field 'slogan'; allowed fields: company, industry,"),
        ("pay: {min: 300000, max: 200000}\n", "pay: min (300000) is greater than max (200000); swap them"),
        ("pay: {currency: dollars}\n", "pay.currency: expected a three-letter ISO 4217 currency code"),
        ("pay: {period: fortnight}\n", "pay.period: input should be 'hour', 'day', 'week', 'month' or 'year'"),
        ("date_posted: 2026-05-01\nvalid_through: 2026-04-01\n", "valid_through (2026-04-01) is before date_posted"),
        ("apply_url: careers.example.com\n", "apply_url: expected a web address starting with http"),
        ("team_size: -3\n", "team_size: input should be greater than or equal to 0"),
        ("date_posted: 20260501\n", "date_posted: expected a date written YYYY-MM-DD (got 20260501)"),
        ("date_posted: '86400'\n", "date_posted: expected a date written YYYY-MM-DD (got '86400')"),
        ("layered_onto: sales\n", "layered_onto: input should be 'none', 'customer-service', 'marketing' or 'other'"),
    ],
)
def test_profile_errors_name_file_and_field(tmp_path: Path, body: str, message: str) -> None:
    path = write_tree(tmp_path, {"profile.yaml": body}) / "profile.yaml"
    with pytest.raises(jdgen.InputError) as info:
        jdgen.load_profile(path)
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)


def test_profile_defaults_and_overrides() -> None:
    base = jdgen.Profile(company="Acme", pay=jdgen.Pay(min=1, max=2, currency="usd"), remote=True)  # type: ignore[arg-type]
    assert base.pay is not None and base.pay.currency == "USD"
    assert base.remote == "yes" and base.layered_onto == "none" and base.reports_to is None
    changed = override_profile(base, {"company": "Beta", "pay.max": 5, "location.city": "Lyon", "industry": None})
    assert changed.company == "Beta" and changed.pay == jdgen.Pay(min=1, max=5, currency="USD")
    assert changed.location == jdgen.Location(city="Lyon")
    with pytest.raises(jdgen.InputError, match="options: pay: min"):
        override_profile(base, {"pay.min": 10})


def _answers(catalog: jdgen.Catalog, default: str, **overrides: str) -> jdgen.Answers:
    values = {s: default for s in catalog.statements.ids()}
    values.update({k.replace("_", "-"): v for k, v in overrides.items()})
    return jdgen.Answers(answers=values)  # type: ignore[arg-type]


def test_all_yes_is_well_adjusted(catalog: jdgen.Catalog) -> None:
    r = jdgen.assess(catalog, _answers(catalog, "yes", resources="partial"))
    assert (r.band, r.score, len(r.gaps)) == ("well-adjusted", 95, 1)
    assert r.counts == {"yes": 10, "partial": 1, "no": 0, "unknown": 0}


def test_mostly_no_is_a_strong_mandate_with_every_gap_in_statement_order(catalog: jdgen.Catalog) -> None:
    r = jdgen.assess(catalog, _answers(catalog, "no", participation="yes"))
    assert (r.band, r.score) == ("strong-mandate", 9)
    assert [g.statement for g in r.gaps] == [s for s in catalog.statements.ids() if s != "participation"]
    assert r.gaps[0].blocks == catalog.statements["customer-goals-owner"].closes


def test_middle_ground_is_an_emerging_need(catalog: jdgen.Catalog) -> None:
    r = jdgen.assess(catalog, _answers(catalog, "yes", resources="no", role_clarity="no", participation="partial"))
    assert (r.band, r.score) == ("emerging-need", 77)


def test_too_many_unknowns_is_inconclusive_and_unknowns_do_not_count(catalog: jdgen.Catalog) -> None:
    r = jdgen.assess(catalog, jdgen.Answers(answers={"resources": "no", "participation": "yes"}))
    assert r.band == "inconclusive"
    assert r.score == 50  # over the two known answers only
    assert r.counts["unknown"] == 9
    assert [g.statement for g in r.gaps] == ["resources"]
