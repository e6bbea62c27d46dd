"""Postings a candidate wants to read: duties in the second person, a bar, a first year, real measures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import jdgen
from jdgen.decide.posting_copy import HIGHLIGHTS_MAX, HIGHLIGHTS_MIN

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
COMPANIES = sorted((EXAMPLES / "companies").glob("*.yaml"))
CITATION = re.compile(r"\([A-Z][\w.&' -]+,? (19|20)\d\d\)")


def _section(md: str, heading: str) -> list[str]:
    part = md.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return [line for line in part.splitlines() if line.startswith(("- ", "1. ", "2. "))]


def test_every_built_in_block_has_posting_words(catalog: jdgen.Catalog) -> None:
    for block in catalog.blocks:
        assert block.you_will and block.outcome, block.id
        assert not block.you_will.startswith(("Gives", "Shows", "Makes", "Runs ")), block.id  # not a purpose line
        for variant in block.variants:
            assert variant.you_will and variant.outcome, block.id


@pytest.mark.parametrize("path", COMPANIES, ids=lambda p: p.stem)
def test_each_example_posting_reads_as_an_advert_and_passes_its_own_checks(catalog: jdgen.Catalog, path: Path) -> None:
    profile = jdgen.load_profile(path)
    for archetype in catalog.archetypes.ids():
        jd = jdgen.compose(catalog, archetype, jdgen.load_answers(EXAMPLES / "team.csv", catalog), profile)
        md, report = jdgen.lint_posting(jd, profile)
        assert not report.warnings, (path.stem, archetype, [f.message for f in report.warnings])
        duties = _section(md, "What you will do")
        assert HIGHLIGHTS_MIN <= len(duties) <= HIGHLIGHTS_MAX, (archetype, len(duties))
        assert not any(d.startswith(("- Gives", "- Shows", "- Makes")) for d in duties)
        assert 3 <= len(_section(md, "What success looks like in the first year")) <= 5
        assert not any(line.startswith("- Years") for line in _section(md, "What you bring"))
        assert not CITATION.search(md), (archetype, CITATION.search(md))
        assert "Dixon" not in md and "Reichheld" not in md


def test_the_archetypes_own_work_is_always_in_its_posting(catalog: jdgen.Catalog) -> None:
    every_gap = dict.fromkeys(catalog.statements.ids(), "no")
    jd = jdgen.compose(catalog, "digital", every_gap, {"sector": "retail"})
    assert any(h.block == "digital-omnichannel" for h in jd.highlights)
    gaps = [h for h in jd.highlights if h.why_here]
    assert gaps and len({h.why_here for h in gaps}) == len(gaps)  # each challenge said once


def test_a_posting_never_airs_who_disagreed(catalog: jdgen.Catalog) -> None:
    team = jdgen.load_answers(EXAMPLES / "team.csv", catalog)
    md = jdgen.render(jdgen.compose(catalog, "enterprise-cx", team), "md", posting=True)
    assert "disagree" not in md and "CFO" not in md


def test_the_bar_gives_years_except_where_the_law_discourages_it(catalog: jdgen.Catalog) -> None:
    us = {"experience_years": 15, "team_scale": "teams of 500 people", "location": {"country": "United States"}}
    uk = {**us, "location": {"country": "United Kingdom"}}
    de = {**us, "location": {"city": "Berlin", "country": "Germany"}}
    assert jdgen.compose(catalog, "service-led", None, us).experience == (
        "15+ years of experience, several of them at executive level, including running teams of 500 people"
    )
    for where in (uk, de):
        jd = jdgen.compose(catalog, "service-led", None, where)
        assert jd.experience == "Substantial experience at executive level, including running teams of 500 people"
        assert not re.search(r"\d+\+? years", jdgen.render(jd, "md", posting=True))
        assert "experienceRequirements" not in jdgen.render(jd, "jsonld")
    assert jdgen.compose(catalog, "service-led").experience is None


def test_measures_come_from_the_sector_then_the_archetype(catalog: jdgen.Catalog) -> None:
    saas = jdgen.compose(catalog, "customer-success", None, {"sector": "saas"})
    assert saas.measures[:2] == ("Net revenue retention", "Gross revenue retention")
    assert "Time to value" in saas.measures and len(saas.measures) <= 6
    md = jdgen.render(saas, "md", posting=True)
    assert "Net revenue retention" in _section(md, "How success is measured")[0]
    agency = jdgen.compose(catalog, "public-sector", None, {"sector": "public-sector"})
    assert (
        agency.measures[0]
        == "Confidence in the agency after a service interaction, from the OMB A-11 Section 280 questions"
    )


def test_travel_incentives_and_the_process_are_shown_and_in_the_jsonld(catalog: jdgen.Catalog) -> None:
    import json

    profile = jdgen.load_profile(EXAMPLES / "profile.yaml")
    jd = jdgen.compose(catalog, "digital", None, profile)
    md = jdgen.render(jd, "md", posting=True)
    assert f"- **Travel:** {profile.travel}" in md
    assert f"- **Bonus:** {profile.bonus}" in md and f"- **Long-term incentive:** {profile.equity}" in md
    assert f"The process: {profile.hiring_process[0][0].lower()}{profile.hiring_process[0][1:]}; " in md
    assert f"Start: {profile.start}." in md
    data = json.loads(jdgen.render(jd, "jsonld"))
    assert data["incentiveCompensation"] == f"{profile.bonus}; {profile.equity}"
    assert data["experienceRequirements"] == {"@type": "OccupationalExperienceRequirements", "monthsOfExperience": 180}
    assert data["jobStartDate"] == profile.start


def test_the_new_fields_from_the_command_line() -> None:
    from click.testing import CliRunner

    from jdgen.cli import main

    args = ["generate", "-a", "digital", "--posting", "-f", "md", "-o", "-", "--experience-years", "12"]
    args += ["--country", "Germany", "--travel", "Up to 20%", "--hiring-step", "A call", "--hiring-step", "A panel"]
    result = CliRunner().invoke(main, [*args, "--bonus", "Target 25%", "--start", "March 2027"])
    assert result.exit_code == 0, result.stderr
    assert "- Substantial experience at executive level" in result.stdout  # Germany: no number of years
    assert "- **Travel:** Up to 20%" in result.stdout and "- **Bonus:** Target 25%" in result.stdout
    assert "The process: a call; a panel." in result.stdout and "Start: March 2027." in result.stdout


@pytest.mark.parametrize("sector", ["saas", "retail", "consumer-goods", "financial-services", "telecom-utilities",
                                    "healthcare", "public-sector", "industrial-b2b", "other"])  # fmt: skip
def test_every_archetype_posts_cleanly_in_every_sector(catalog: jdgen.Catalog, sector: str) -> None:
    profile = jdgen.load_profile(EXAMPLES / "profile.yaml").model_copy(update={"sector": sector})
    team = jdgen.load_answers(EXAMPLES / "team.csv", catalog)
    for archetype in catalog.archetypes.ids():
        md, report = jdgen.lint_posting(jdgen.compose(catalog, archetype, team, profile), profile)
        assert not report.warnings, (sector, archetype, [f.message for f in report.warnings])
        assert not CITATION.search(md), (sector, archetype)
