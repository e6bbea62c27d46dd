"""Every chasm rule carries an evidence grade, and every rendered warning shows it (issue 17 §5)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import get_args

import pytest

import jdgen
from jdgen.data.fields import Evidence
from jdgen.decide.results import EVIDENCE_LABELS, INFERENCE_TAG
from tests.conftest import STATEMENTS
from tests.test_catalog_loading import problems

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
#: What the Markdown says for each grade (templates/_warning.md.j2).
LABELS = {
    "survey": "survey research across many firms",
    "framework": "a practitioner's framework or opinion",
    "case": "a single company's case",
    "inference": "our reading of the sources",
}
WARNING_HEAD = re.compile(r"^> \*\*(?:Critical|Warning|Note): (.+?)\*\*\\$")


def test_every_rule_has_a_valid_evidence_grade(catalog: jdgen.Catalog) -> None:
    assert set(LABELS) == set(get_args(Evidence))
    assert LABELS == EVIDENCE_LABELS
    for rule in catalog.rules:
        assert rule.evidence in LABELS, rule.id
    # The grades the issue names for rules whose evidence is plain.
    assert catalog.rules["digital-mandate-ends"].evidence == "case"
    assert catalog.rules["chasm-gap"].evidence == "inference"
    assert catalog.rules["reports-to-function-chief"].evidence == "survey"


def test_a_rule_without_evidence_or_with_an_unknown_grade_is_refused(tmp_path: Path) -> None:
    rule = """
    rules:
      - id: odd-rule
        severity: info
        title: T
        why: W.
        action: A.
        sources: [seed-11-statements]
    """
    got = problems(tmp_path, {"r.yaml": rule})
    assert any("rule 'odd-rule': evidence:" in g and "required" in g for g in got), got
    anecdote = rule.replace(
        "sources: [seed-11-statements]", "sources: [seed-11-statements]\n        evidence: anecdote"
    )
    got = problems(tmp_path, {"r.yaml": anecdote})
    assert any("rule 'odd-rule': evidence: input should be 'survey', 'framework', 'case'" in g for g in got), got


def _blocks(markdown: str) -> dict[str, list[str]]:
    """Each warning's block quote in the Markdown, by its title."""
    out: dict[str, list[str]] = {}
    lines = markdown.splitlines()
    for i, line in enumerate(lines):
        head = WARNING_HEAD.match(line)
        if head:
            block = []
            for following in lines[i + 1 :]:
                if not following.startswith(">"):
                    break
                block.append(following)
            out.setdefault(head.group(1), block)
    return out


def _check(warnings: Iterable[jdgen.ChasmWarning], markdown: str) -> int:
    blocks = _blocks(markdown)
    seen = 0
    for w in warnings:
        assert w.title in blocks, w.id
        assert f"> *Evidence:* {LABELS[w.evidence]}\\" in blocks[w.title], w.id
        seen += 1
    return seen


@pytest.mark.parametrize(
    ("archetype", "profile"),
    [
        ("enterprise-cx", {"reports_to": "Chief Marketing Officer", "layered_onto": "marketing"}),
        ("service-led", {"reports_to": "Head of Customer Care", "layered_onto": "customer-service"}),
        ("digital", {}),
        ("operational-gm", {}),
        ("public-sector", {"team_size": 1}),
    ],
)
def test_each_jd_warning_shows_its_evidence(catalog: jdgen.Catalog, archetype: str, profile: dict[str, object]) -> None:
    answers = dict.fromkeys(STATEMENTS, "no")
    jd = jdgen.compose(catalog, archetype, answers, profile)
    assert _check(jd.warnings, str(jdgen.render(jd, "md"))) == len(jd.warnings) > 0


def test_comparison_and_readiness_warnings_show_their_evidence(catalog: jdgen.Catalog) -> None:
    team = jdgen.load_answers(EXAMPLES / "team.csv", catalog)
    profile = jdgen.load_profile(EXAMPLES / "profile.yaml")
    board = jdgen.compare(catalog, team, profile)
    markdown = str(jdgen.render(board, "md"))
    spots = {s.warning for a in board.archetypes for s in a.weak_spots}
    quoted = [*board.shared_warnings, *(w for a in board.archetypes for w in a.warnings if w.id not in spots)]
    assert _check(quoted, markdown) == len(quoted) > 0
    # The per-gap warnings are a table under one paragraph per archetype, which gives their grade.
    paragraphs = re.findall(r"^\*\*Gaps in its weak spots\.\*\*.*\n(.*)$", markdown, flags=re.MULTILINE)
    assert paragraphs
    assert paragraphs == [f"*Evidence:* {LABELS[catalog.rules['chasm-gap'].evidence]}"] * len(paragraphs)
    report = jdgen.readiness_report(catalog, team, profile)
    assert _check(report.warnings, str(jdgen.render(report, "md"))) == len(report.warnings) > 0


def test_a_c_suite_marketing_line_is_not_buried_inside_marketing(catalog: jdgen.Catalog) -> None:
    """Bingham accepts a CMO one level below the CEO; the lip-service warning is for lines below the C-suite."""
    cmo = {w.rule: w for w in jdgen.compose(catalog, "enterprise-cx", None, {"reports_to": "CMO"}).warnings}
    assert "reports-into-marketing-or-service" not in cmo
    assert cmo["reports-to-function-chief"].severity == "info"
    director = {
        w.rule: w
        for w in jdgen.compose(catalog, "enterprise-cx", None, {"reports_to": "Director of Marketing"}).warnings
    }
    assert director["reports-into-marketing-or-service"].severity == "warning"
    assert "reports-to-function-chief" not in director


def test_claims_cite_the_sources_that_make_them(catalog: jdgen.Catalog) -> None:
    rules = catalog.rules
    # The council says "report to the CEO"; "one level below" is Bingham's article.
    assert {"cco-council-success-factors", "bingham-success-factors-2013"} <= set(
        rules["reports-below-c-suite"].sources
    )
    # Lira wrote about federal posts: not evidence about private firms.
    assert "lira-nextgov-2020" not in rules["advisory-without-resources"].sources
    assert "segment" not in rules["layered-onto-customer-service"].why
    assert catalog.archetypes["service-led"].chasm.inference
    assert "Under Armour" not in catalog.archetypes["marketing-led"].summary
    assert "bankruptcy" in catalog.archetypes["digital"].summary
    # Two Bliss posts are never both "n.d." in one document.
    years = catalog.source_years
    assert years["seed-11-statements"] == "2019"
    undated = [s.id for s in catalog.sources if s.author == "Jeanne Bliss" and s.year is None]
    assert len({years[s] for s in undated}) == len(undated)


def test_kpis_no_source_names_are_tagged_internally_and_untagged_in_the_posting(catalog: jdgen.Catalog) -> None:
    tagged = {k for b in catalog.blocks for k in b.kpis if k.endswith(INFERENCE_TAG)}
    assert "Time from detection to root-cause fix (our inference)" in tagged
    assert "Percentage of business units using the common definitions in their reports (our inference)" in tagged
    jd = jdgen.compose(catalog, "enterprise-cx")
    assert any(k.endswith(INFERENCE_TAG) for k in jd.kpis)
    posting = jd.posting_edition()
    assert not any(INFERENCE_TAG in k for k in [*posting.kpis, *(k for b in posting.blocks for k in b.kpis)])
    assert "our inference" not in str(jdgen.render(jd, "md", posting=True))
