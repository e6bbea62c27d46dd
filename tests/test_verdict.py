"""The readiness verdict never says more than the answers: partial against no, splits, and the bands."""

from __future__ import annotations

import pytest

import jdgen
from jdgen.decide.assessment import BAND_LABELS
from tests.conftest import STATEMENTS


def _verdict(catalog: jdgen.Catalog, answers: dict[str, str]) -> jdgen.Readiness:
    return jdgen.assess(catalog, answers)


def test_a_partial_gap_reads_differently_from_a_no(catalog: jdgen.Catalog) -> None:
    partial = _verdict(catalog, dict.fromkeys(STATEMENTS, "partial"))
    no = _verdict(catalog, dict.fromkeys(STATEMENTS, "no"))
    for p, n in zip(partial.gaps, no.gaps, strict=True):
        statement = catalog.statements[p.statement]
        assert p.finding == statement.gap_partial and n.finding == statement.gap
        assert p.finding != n.finding
        assert not p.finding.startswith(("No one", "There is no", "There are no", "No roadmap")), p.finding


def test_a_split_is_reported_honestly(catalog: jdgen.Catalog) -> None:
    team = {
        "respondents": [
            {"role": "CEO", "answers": {"customer-goals-owner": "yes", "agreed-metrics": "no"}},
            {"role": "COO", "answers": {"customer-goals-owner": "yes", "agreed-metrics": "partial"}},
            {"role": "CFO", "answers": {"customer-goals-owner": "no", "agreed-metrics": "no"}},
        ]
    }
    gaps = {g.statement: g for g in jdgen.assess(catalog, team).gaps}
    owner = gaps["customer-goals-owner"]  # two yes, one no: dissent, so at most partial
    assert owner.answer == "partial"
    assert owner.finding.startswith("The executives disagree (yes: CEO, COO; no: CFO).")
    assert "No one sets out" not in owner.finding
    metrics = gaps["agreed-metrics"]  # no, partial, no: no dissent, but not unanimous
    assert metrics.answer == "no" and metrics.finding.endswith("(Answers: 1 partial, 2 no.)")


@pytest.mark.parametrize(
    ("answers", "band"),
    [
        (dict.fromkeys(STATEMENTS, "no"), "strong-mandate"),
        (dict.fromkeys(STATEMENTS, "partial"), "emerging-need"),  # not with all no: no answer is no
        (dict.fromkeys(STATEMENTS, "yes"), "well-adjusted"),
        (dict.fromkeys(STATEMENTS, "yes") | {"customer-goals-owner": "no"}, "emerging-need"),  # nobody owns the goals
        (dict.fromkeys(STATEMENTS, "yes") | {"resources": "no"}, "well-adjusted"),
        (dict.fromkeys(STATEMENTS[:6], "no") | dict.fromkeys(STATEMENTS[6:], "yes"), "strong-mandate"),
        (dict.fromkeys(STATEMENTS[:5], "no") | dict.fromkeys(STATEMENTS[5:], "yes"), "strong-mandate"),
        (dict.fromkeys(STATEMENTS[:4], "no") | dict.fromkeys(STATEMENTS[4:], "yes"), "emerging-need"),
        (dict.fromkeys(STATEMENTS[:5], "no"), "inconclusive"),
    ],
    ids=[
        "all-no",
        "all-partial",
        "all-yes",
        "goals-owner-no",
        "resources-no",
        "six-no",
        "five-no",
        "four-no",
        "few-known",
    ],
)
def test_bands_follow_the_answers(catalog: jdgen.Catalog, answers: dict[str, str], band: str) -> None:
    readiness = _verdict(catalog, answers)
    assert readiness.band == band
    assert readiness.label == BAND_LABELS[band]


def test_disagreement_keeps_a_company_out_of_may_not_need_the_role(catalog: jdgen.Catalog) -> None:
    team = {
        "respondents": [
            {"role": "CEO", "answers": dict.fromkeys(STATEMENTS, "yes")},
            {"role": "CFO", "answers": dict.fromkeys(STATEMENTS, "yes") | {"agreed-metrics": "no"}},
        ]
    }
    readiness = jdgen.assess(catalog, team)
    assert len(readiness.gaps) == 1 and readiness.dissenting()
    assert readiness.band == "emerging-need"


def test_the_labels_say_explore_and_the_score_reads_one_way(catalog: jdgen.Catalog) -> None:
    assert BAND_LABELS["strong-mandate"] == "Strong case to explore the role"
    readiness = _verdict(catalog, dict.fromkeys(STATEMENTS, "no"))
    assert readiness.reasons[0].startswith("Groundwork in place: 0 of 100")
    assert "100 would mean every statement holds" in readiness.reasons[0]
    report = jdgen.render(jdgen.readiness_report(catalog, dict.fromkeys(STATEMENTS, "no")), "md")
    assert "Groundwork in place: 0 of 100" in report
    assert "readiness score" not in report.lower() and "mandate to pursue" not in report
