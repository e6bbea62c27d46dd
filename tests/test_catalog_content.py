"""The built-in catalog: what the product promises recruiters and boards it contains."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import jdgen
from jdgen.decide.pack import LAW_SOURCES, METHOD_SOURCES
from tests.conftest import STATEMENTS

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

DOMAINS = ["metrics", "voice-of-customer", "alignment", "change", "commercial", "digital", "service"]
ARCHETYPES = [
    "enterprise-cx",
    "service-led",
    "marketing-led",
    "customer-success",
    "commercial",
    "digital",
    "operational-gm",
    "public-sector",
]
# Every block of the domain notes' §4 (A1–G4), by the id the catalog gives it.
NOTES_BLOCKS = [
    "customer-asset-scoreboard", "shared-metric-definitions", "experience-quality-metrics", "cx-roi-business-case",
    "unified-listening-path", "issue-trending-root-cause", "journey-mapping-storytelling",
    "expectations-insight-sharing", "customer-value-investment", "accountability-forums", "cx-roadmap-resourcing",
    "executive-board-governance", "change-discipline", "recognition-marketing-back", "leader-behaviors-enablement",
    "maturity-assessment", "retention-expansion", "customer-profitability", "customer-facing-pnl",
    "key-account-relationships", "digital-omnichannel", "crm-self-service", "journey-analytics",
    "cx-technology-ownership", "contact-center-field-service", "customer-success-onboarding", "escalations",
    "effort-reduction",
]  # fmt: skip


def test_domains_archetypes_statements_are_exactly_the_promised_ones(catalog: jdgen.Catalog) -> None:
    assert list(catalog.domains.ids()) == DOMAINS
    assert sorted(catalog.archetypes.ids()) == sorted(ARCHETYPES)
    assert list(catalog.statements.ids()) == STATEMENTS


def test_blocks_are_complete_job_description_units(catalog: jdgen.Catalog) -> None:
    assert len(catalog.blocks) >= 28
    assert set(NOTES_BLOCKS) <= set(catalog.blocks.ids())
    for block in catalog.blocks:
        assert len(block.duties) >= 3, block.id
        assert block.kpis and block.partners and block.competencies and block.sources, block.id
        for duty in block.duties:
            assert not duty.endswith("."), f"{block.id}: duty ends with a period: {duty}"
            assert len(duty.split()) <= 20, f"{block.id}: duty too long: {duty}"
    assert {b.domain for b in catalog.blocks} == set(DOMAINS)


def test_archetypes_have_scope_reporting_authority_strengths_chasm(catalog: jdgen.Catalog) -> None:
    for a in catalog.archetypes:
        assert a.scope and a.reports_to and a.strengths and a.chasm.lacks and a.sources, a.id
        assert a.authority in {"advisory", "matrixed", "operational"}
        assert 6 <= len(a.core_blocks) <= 12, a.id
        assert not set(a.strong_blocks) & set(a.chasm.blocks), a.id


def test_every_statement_closes_with_blocks(catalog: jdgen.Catalog) -> None:
    for s in catalog.statements:
        assert s.closes and s.why and s.gap and s.sources, s.id


def _rules_where(catalog: jdgen.Catalog, **conditions: object) -> list[str]:
    out = []
    for rule in catalog.rules:
        when = rule.when.model_dump(exclude_none=True)
        if all(
            (key in when and (value is True or value in when[key] or when[key] == value))
            for key, value in conditions.items()
        ):
            out.append(rule.id)
    return out


def test_chasm_rules_cover_the_required_situations(catalog: jdgen.Catalog) -> None:
    assert len(catalog.rules) >= 12
    assert _rules_where(catalog, layered_onto="customer-service")
    assert _rules_where(catalog, layered_onto="marketing")
    assert _rules_where(catalog, reporting_level="below-c-suite")
    assert _rules_where(catalog, authority="operational")
    assert _rules_where(catalog, focus="touchpoint")
    assert _rules_where(catalog, archetypes="digital")
    assert _rules_where(catalog, authority="advisory", gaps_any="resources")
    assert [r.id for r in catalog.rules if r.for_each == "chasm-gap"]
    assert _rules_where(catalog, readiness="strong-mandate")  # many "no" answers: a strong mandate
    assert _rules_where(catalog, readiness="well-adjusted")  # almost none: the role may not be needed
    assert [r.id for r in catalog.rules if not r.when.model_dump(exclude_none=True)], "no multi-year horizon rule"
    assert {r.severity for r in catalog.rules} == {"info", "warning", "critical"}


def test_layering_rules_raise_the_bandwidth_question(catalog: jdgen.Catalog) -> None:
    for rule_id in _rules_where(catalog, layered_onto="customer-service") + _rules_where(
        catalog, layered_onto="marketing"
    ):
        rule = catalog.rules[rule_id]
        assert re.search(r"bandwidth|time|capacity", rule.why + rule.action, re.IGNORECASE), rule_id


def test_register_entries_are_cited_or_say_they_are_background(catalog: jdgen.Catalog) -> None:
    cited: set[str] = set()
    for item in [
        *catalog.blocks,
        *(v for b in catalog.blocks for v in b.variants),
        *catalog.archetypes,
        *catalog.statements,
        *catalog.rules,
        *catalog.authority_models,
        *catalog.sectors,
        *catalog.priorities,
        *catalog.alternatives,
        *catalog.competency_questions,
        *catalog.block_probes,
        *catalog.reference_questions,
        *catalog.decisions,
        *catalog.forums,
        *catalog.code_sets,
    ]:
        cited |= set(item.sources)
    cited |= {s for sources in METHOD_SOURCES.values() for s in sources}  # what the pack's method rests on
    cited |= {s for sources in LAW_SOURCES.values() for s in sources}  # the interview's law, by country
    assert cited <= set(catalog.sources.ids())
    uncited = [s for s in catalog.sources if s.id not in cited]
    assert all(s.used_for.startswith("Background") for s in uncited), [s.id for s in uncited]
    for seed in (
        "seed-cmo-cco-mvp",
        "seed-cco-functions",
        "seed-11-statements",
        "seed-cx-vs-cs-leader",
        "seed-execution-chasm",
    ):
        assert seed in catalog.sources


def _catalog_texts() -> list[tuple[str, str]]:
    """Every string in catalog/*.yaml, with its file."""
    out: list[tuple[str, str]] = []

    def walk(node: object, label: str) -> None:
        if isinstance(node, str):
            out.append((label, node))
        elif isinstance(node, dict):
            for value in node.values():
                walk(value, label)
        elif isinstance(node, list):
            for value in node:
                walk(value, label)

    for path in sorted((ROOT / "catalog").rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text()), path.name)
    return out


BANNED = [
    r"\brock ?star", r"\bninja", r"\bguru", r"hit the ground running", r"world[- ]class", r"best[- ]in[- ]class",
    r"\bsynerg", r"move the needle", r"secret sauce", r"work hard,? play hard", r"wear many hats", r"fast[- ]paced",
    r"\bhe\b", r"\bshe\b", r"\bhis\b", r"\bhers?\b", r"\bhim\b",
]  # fmt: skip


@pytest.mark.parametrize("pattern", BANNED)
def test_catalog_text_has_no_cliches_or_gendered_pronouns(pattern: str) -> None:
    hits = [(f, t) for f, t in _catalog_texts() if re.search(pattern, t, re.IGNORECASE)]
    assert not hits


def test_catalog_does_not_repeat_the_seed_articles_errors() -> None:
    texts = " ".join(t for _, t in _catalog_texts())
    assert "Forbes" not in texts  # the 10% / 22% figure is the CCO Council's 2014 study
    assert not re.search(r"6% (of \w+ )?(are |were )?customer[- ]obsessed", texts)
    assert not re.search(r"Bliss\W+(founded|started)\W+(the )?(CCO|Chief Customer Officer) Council", texts)


def _shingles(text: str, n: int) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not (SHARED / "sources").is_dir(), reason="the seed articles are not beside the project")
def test_catalog_paraphrases_the_seed_articles_rather_than_copying_them() -> None:
    articles: set[tuple[str, ...]] = set()
    for path in (SHARED / "sources").glob("*.txt"):
        articles |= _shingles(path.read_text(encoding="utf-8", errors="replace"), 8)
    copied = [(f, t) for f, t in _catalog_texts() if _shingles(t, 8) & articles]
    assert not copied


def test_readme_counts_match_the_catalog(catalog: jdgen.Catalog) -> None:
    readme = (ROOT / "README.md").read_text()
    for count, kind in [
        (len(catalog.domains), "domains"),
        (len(catalog.blocks), "responsibility blocks"),
        (len(catalog.archetypes), "archetypes"),
        (len(catalog.statements), "readiness statements"),
        (len(catalog.rules), "execution-chasm rules"),
        (len(catalog.sources), "sources"),
    ]:
        pattern = r"\b" + str(count) + r"\s+" + kind.replace(" ", r"\s+")
        assert re.search(pattern, readme), f"README should say {count} {kind}"


def test_occupation_and_skill_codes_are_well_formed(catalog: jdgen.Catalog) -> None:
    """Each code's URI is the one its classification gives it: ISCO-08 groups as C+code, ESCO concepts by kind."""
    for archetype in catalog.archetypes:
        occupation = archetype.occupation
        assert occupation is not None, f"{archetype.id} has no occupation codes"
        isco = occupation.isco
        assert isco.set == "isco-08" and isco.code and re.fullmatch(r"\d{4}", isco.code), archetype.id
        assert isco.uri == f"http://data.europa.eu/esco/isco/C{isco.code}", archetype.id
        if occupation.esco:
            esco = occupation.esco
            assert esco.set == "esco-occupations" and esco.code, archetype.id
            assert esco.code.startswith(isco.code + "."), f"{archetype.id}: ESCO {esco.code} is not in ISCO {isco.code}"
            assert re.fullmatch(r"http://data\.europa\.eu/esco/occupation/[0-9a-f-]{36}", esco.uri), archetype.id
    skills = [c.esco_skill for c in catalog.competencies if c.esco_skill]
    assert len(skills) >= len(catalog.competencies) - 2
    for skill in skills:
        assert skill.set == "esco-skills"
        assert re.fullmatch(r"http://data\.europa\.eu/esco/skill/[0-9a-f-]{36}", skill.uri), skill.label
    assert len({s.uri for s in skills}) == len(skills), "two competencies share one ESCO skill"


def test_readme_table_of_occupation_codes_matches_the_catalog(catalog: jdgen.Catalog) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for archetype in catalog.archetypes:
        occupation = archetype.occupation
        assert occupation is not None
        esco = f"{occupation.esco.label} ({occupation.esco.code})" if occupation.esco else "none fits"
        row = f"| {archetype.id} | {occupation.isco.code} {occupation.isco.label} | {esco} |"
        assert row in readme, row
