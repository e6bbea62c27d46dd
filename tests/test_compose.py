"""Composition: which blocks a JD gets and why, and which execution-chasm warnings fire."""

from __future__ import annotations

import pytest

import jdgen
from tests.conftest import STATEMENTS

ALL = STATEMENTS


def answers(default: str = "yes", **overrides: str) -> dict[str, str]:
    values = dict.fromkeys(ALL, default)
    values.update({k.replace("_", "-"): v for k, v in overrides.items()})
    return values


def fired(jd: jdgen.JobDescription) -> list[str]:
    return [w.id for w in jd.warnings]


def test_without_answers_the_jd_is_the_archetypes_core_blocks_in_catalog_order(catalog: jdgen.Catalog) -> None:
    jd = jdgen.compose(catalog, "service-led")
    core = catalog.archetypes["service-led"].core_blocks
    assert sorted(b.id for b in jd.blocks) == sorted(core)
    assert all(b.reason == "core" and not b.closes for b in jd.blocks)
    domain_rank = {d: i for i, d in enumerate(catalog.domains.ids())}
    ranks = [domain_rank[b.domain] for b in jd.blocks]
    assert ranks == sorted(ranks)
    assert [d.id for d in jd.domains] == list(dict.fromkeys(b.domain for b in jd.blocks))
    assert jd.readiness is None


def test_gaps_add_the_blocks_that_close_them_once_each_with_their_reason(catalog: jdgen.Catalog) -> None:
    jd = jdgen.compose(
        catalog, "service-led", answers(role_clarity="no", alignment_process="partial", marketing_back="no")
    )
    by_id = {b.id: b for b in jd.blocks}
    assert len(by_id) == len(jd.blocks)  # no duplicates
    forums = by_id["accountability-forums"]  # closes both role-clarity and alignment-process
    assert forums.reason == "gap"
    assert forums.closes == ("alignment-process", "role-clarity")
    assert by_id["recognition-marketing-back"].closes == ("marketing-back",)
    for block_id in catalog.archetypes["service-led"].core_blocks:
        assert by_id[block_id].reason == "core"


def test_a_core_block_that_also_closes_a_gap_stays_core_and_says_so(catalog: jdgen.Catalog) -> None:
    jd = jdgen.compose(catalog, "enterprise-cx", answers(agreed_metrics="no"))
    scoreboard = next(b for b in jd.blocks if b.id == "customer-asset-scoreboard")
    assert (scoreboard.reason, scoreboard.closes) == ("core", ("agreed-metrics",))


def test_jd_sections_are_filled_from_catalog_and_profile(catalog: jdgen.Catalog) -> None:
    profile = {
        "company": "Acme",
        "about": "First paragraph\nwraps here.\n\nSecond.",
        "reports_to": "Chief Operating Officer",
    }
    jd = jdgen.compose(catalog, "enterprise-cx", profile=profile)
    assert jd.title == catalog.archetypes["enterprise-cx"].title
    assert jd.reports_to == "Chief Operating Officer"
    assert jd.about == ("First paragraph wraps here.", "Second.")
    assert jd.kpis == tuple(dict.fromkeys(catalog.blocks[b.id].kpis[0] for b in jd.blocks))
    competency_ids = {c for b in jd.blocks for c in catalog.blocks[b.id].competencies}
    assert {c.id for c in jd.competencies} == competency_ids
    steps = [s for p in jd.first_90_days for s in p.steps]
    assert steps and all(p.steps for p in jd.first_90_days)
    assert jd.sources and all(s.citation for s in jd.sources)


def test_plan_steps_tied_to_blocks_appear_only_with_those_blocks(catalog: jdgen.Catalog) -> None:
    tied = [(s.text, set(s.when_blocks)) for p in catalog.first_90_days for s in p.steps if s.when_blocks]
    assert tied
    for archetype in catalog.archetypes.ids():
        jd = jdgen.compose(catalog, archetype)
        shown = {s for p in jd.first_90_days for s in p.steps}
        ids = {b.id for b in jd.blocks}
        for text, needs in tied:
            assert (text in shown) == bool(needs & ids), (archetype, text)


@pytest.mark.parametrize(
    ("archetype", "profile", "answered", "expected", "absent"),
    [
        (
            "service-led",
            {"layered_onto": "customer-service"},
            None,
            ["layered-onto-customer-service", "layered-onto-existing-role"],
            ["layered-onto-marketing"],
        ),
        (
            "marketing-led",
            {"layered_onto": "marketing"},
            None,
            ["layered-onto-marketing", "layered-onto-existing-role"],
            ["layered-onto-customer-service"],
        ),
        ("enterprise-cx", {"layered_onto": "other"}, None, ["layered-onto-existing-role"], ["layered-onto-marketing"]),
        (
            "enterprise-cx",
            {"reports_to": "VP Operations"},
            None,
            ["reports-below-c-suite"],
            ["reports-one-level-below"],
        ),
        (
            "enterprise-cx",
            {"reports_to": "Chief Operating Officer"},
            None,
            ["reports-one-level-below"],
            ["reports-below-c-suite"],
        ),
        (
            "enterprise-cx",
            {"reports_to": "CMO"},
            None,
            ["reports-one-level-below", "reports-to-function-chief"],
            ["reports-into-marketing-or-service", "reports-below-c-suite"],
        ),
        (
            "enterprise-cx",
            {"reports_to": "Director of Marketing"},
            None,
            ["reports-into-marketing-or-service", "reports-below-c-suite"],
            ["reports-to-function-chief", "reports-one-level-below"],
        ),
        (
            "enterprise-cx",
            {"reports_to": "Head of Customer Care"},
            None,
            ["reports-into-marketing-or-service", "reports-below-c-suite"],
            ["reports-to-function-chief"],
        ),
        ("service-led", {}, None, [], ["operational-authority"]),
        ("customer-success", {}, None, [], ["operational-authority"]),
        (
            "enterprise-cx",
            {},
            None,
            ["multi-year-horizon"],
            ["reports-one-level-below", "reports-below-c-suite", "operational-authority"],
        ),
        ("operational-gm", {}, None, ["operational-authority"], []),
        ("service-led", {}, None, ["touchpoint-only-scope"], []),
        ("digital", {}, None, ["digital-mandate-ends"], []),
        ("enterprise-cx", {}, answers(resources="no"), ["advisory-without-resources"], []),
        ("enterprise-cx", {}, answers(resources="yes"), [], ["advisory-without-resources"]),
        ("operational-gm", {}, answers(resources="no"), [], ["advisory-without-resources"]),
        ("enterprise-cx", {}, answers("no"), ["strong-mandate"], ["may-not-need-role"]),
        ("enterprise-cx", {}, answers("yes"), ["may-not-need-role"], ["strong-mandate"]),
        ("enterprise-cx", {}, {"resources": "no"}, ["too-many-unknowns"], ["may-not-need-role", "strong-mandate"]),
        ("public-sector", {"team_size": 1}, None, ["public-sector-no-team"], []),
        ("public-sector", {"team_size": 12}, None, [], ["public-sector-no-team"]),
        ("public-sector", {}, None, [], ["public-sector-no-team"]),
        ("commercial", {}, None, ["commercial-customer-definition"], []),
        ("customer-success", {}, None, ["customer-success-renewals"], []),
    ],
)
def test_chasm_rules_fire_and_stay_quiet(
    catalog: jdgen.Catalog,
    archetype: str,
    profile: dict[str, object],
    answered: dict[str, str] | None,
    expected: list[str],
    absent: list[str],
) -> None:
    ids = fired(jdgen.compose(catalog, archetype, answered, profile))
    for rule in expected:
        assert rule in ids
    for rule in absent:
        assert rule not in ids


def test_touchpoint_warning_stops_once_gaps_bring_in_enterprise_alignment(catalog: jdgen.Catalog) -> None:
    assert "touchpoint-only-scope" in fired(jdgen.compose(catalog, "service-led", answers()))
    assert "touchpoint-only-scope" not in fired(jdgen.compose(catalog, "service-led", answers(role_clarity="no")))


def test_one_chasm_gap_warning_per_gap_the_archetype_lacks_the_discipline_for(catalog: jdgen.Catalog) -> None:
    archetype = catalog.archetypes["service-led"]
    in_chasm = [s.id for s in catalog.statements if set(s.closes) & set(archetype.chasm.blocks)]
    outside = [s.id for s in catalog.statements if not set(s.closes) & set(archetype.chasm.blocks)]
    assert in_chasm and outside
    jd = jdgen.compose(catalog, "service-led", answers("yes", **{in_chasm[0]: "no", outside[0]: "no"}))
    chasm = [w for w in jd.warnings if w.rule == "chasm-gap"]
    assert [w.id for w in chasm] == [f"chasm-gap:{in_chasm[0]}"]
    assert catalog.statements[in_chasm[0]].title in chasm[0].title + chasm[0].why
    assert archetype.name in chasm[0].why
    assert "{" not in chasm[0].title + chasm[0].why + chasm[0].action


def test_warnings_are_ordered_most_severe_first(catalog: jdgen.Catalog) -> None:
    jd = jdgen.compose(
        catalog,
        "enterprise-cx",
        answers("no"),
        {"reports_to": "VP Customer Service", "layered_onto": "customer-service"},
    )
    order = {"critical": 0, "warning": 1, "info": 2}
    severities = [order[w.severity] for w in jd.warnings]
    assert severities == sorted(severities)
    assert jd.warnings[0].severity == "critical"


def test_posting_edition_drops_the_internal_advisory(catalog: jdgen.Catalog) -> None:
    jd = jdgen.compose(catalog, "enterprise-cx", answers("no"))
    posting = jd.posting_edition()
    assert jd.readiness and jd.warnings and jd.sources
    assert posting.readiness is None and posting.warnings == () and posting.sources == ()
    assert all(b.reason is None and b.closes == () for b in posting.blocks)
    assert [b.id for b in posting.blocks] == [b.id for b in jd.blocks]


def test_bad_mapping_inputs_raise_input_errors(catalog: jdgen.Catalog) -> None:
    with pytest.raises(jdgen.InputError, match=r"answers\.budget: unknown statement id"):
        jdgen.compose(catalog, "enterprise-cx", {"budget": "no"})
    with pytest.raises(jdgen.InputError, match="<profile>: team_size"):
        jdgen.compose(catalog, "enterprise-cx", profile={"team_size": "many"})
