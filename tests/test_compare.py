"""The board comparison (matrix, ranking, risks) and the readiness report, as data and in every format."""

from __future__ import annotations

import io
import itertools
import json
from pathlib import Path

import pytest

import jdgen
from jdgen.decide.compare import SCORING_RULE
from jdgen.decide.fit import EVIDENCE_WEIGHTS, GAPS_MAX, PRIORITIES_MAX, RISK_POINTS, RISKS_MAX, SECTOR_MAX
from jdgen.render.documents import ANSWER_STYLES, CELL_STYLES
from tests.conftest import STATEMENTS, docx_dump

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def team(catalog: jdgen.Catalog) -> jdgen.Survey:
    return jdgen.load_answers(EXAMPLES / "team.csv", catalog)


@pytest.fixture(scope="module")
def board(catalog: jdgen.Catalog, team: jdgen.Survey) -> jdgen.Comparison:
    return jdgen.compare(catalog, team, jdgen.load_profile(EXAMPLES / "profile.yaml"))


# --- the matrix ------------------------------------------------------------------------------


def test_matrix_rows_are_the_gap_blocks_and_every_core_block(catalog: jdgen.Catalog, board: jdgen.Comparison) -> None:
    assert board.readiness is not None
    gap_blocks = {b for g in board.readiness.gaps for b in g.blocks}
    cores = {b for a in catalog.archetypes for b in a.core_blocks}
    rows = [row for domain in board.matrix for row in domain.rows]
    assert {r.block for r in rows} == gap_blocks | cores
    assert len(rows) == len({r.block for r in rows})
    assert [r.block for r in rows] == [b.id for b in catalog.blocks_in_order(gap_blocks | cores)]
    assert {r.block for r in rows if r.need == "gap"} == gap_blocks
    assert [d.id for d in board.matrix] == [d for d in catalog.domains.ids() if any(d == m.id for m in board.matrix)]


def test_each_cell_says_strength_added_lacks_or_outside(catalog: jdgen.Catalog, board: jdgen.Comparison) -> None:
    seen = set()
    for row in (r for d in board.matrix for r in d.rows):
        assert [c.archetype for c in row.cells] == list(catalog.archetypes.ids())
        for cell in row.cells:
            archetype = catalog.archetypes[cell.archetype]
            in_jd = row.need == "gap" or row.block in archetype.core_blocks
            expected = (
                "strength"
                if row.block in archetype.strong_blocks
                else "lacks"
                if row.block in archetype.chasm.blocks
                else "added"
                if in_jd
                else "outside"
            )
            assert (cell.status, cell.in_jd) == (expected, in_jd), (row.block, cell.archetype)
            seen.add(cell.status)
    assert seen == {"strength", "added", "lacks", "outside"}


# --- the ranking -----------------------------------------------------------------------------


def test_fit_score_is_the_sum_of_its_parts_each_within_its_maximum(board: jdgen.Comparison) -> None:
    for fit in board.ranking:
        assert [p.id for p in fit.parts] == ["gaps", "sector", "priorities", "risks"]
        assert [p.max for p in fit.parts] == [GAPS_MAX, SECTOR_MAX, PRIORITIES_MAX, RISKS_MAX]
        assert all(0 <= p.points <= p.max for p in fit.parts)
        assert fit.score == sum(p.points for p in fit.parts)
        assert [r.split(":")[0] for r in fit.reasons] == [f"{p.name} {p.points}/{p.max}" for p in fit.parts]


def test_risks_count_only_the_warnings_of_the_archetype_alone(catalog: jdgen.Catalog, board: jdgen.Comparison) -> None:
    assert board.shared_warnings  # dissent: fires for every archetype, moves none
    for fit in board.ranking:
        summary = next(a for a in board.archetypes if a.id == fit.archetype)
        counted = [
            w for w in summary.warnings if w.severity != "info" and catalog.rules[w.rule].for_each != "chasm-gap"
        ]
        lost = round(sum(RISK_POINTS[w.severity] * EVIDENCE_WEIGHTS[w.evidence] for w in counted))
        assert fit.risk == min(lost, RISKS_MAX)
        assert fit.parts[3].points == RISKS_MAX - fit.risk


def test_ranking_is_best_first_with_deterministic_ties(board: jdgen.Comparison) -> None:
    assert [f.rank for f in board.ranking] == list(range(1, len(board.ranking) + 1))
    suited = [f for f in board.ranking if f.sector_fit != "unsuited"]
    assert list(board.ranking[: len(suited)]) == suited  # every unsuited archetype comes after the rest
    for a, b in itertools.pairwise(suited):
        assert (a.score, a.parts[0].points, a.parts[2].points) >= (b.score, b.parts[0].points, b.parts[2].points)


def test_without_anything_about_the_company_there_is_no_recommendation(catalog: jdgen.Catalog) -> None:
    board = jdgen.compare(catalog)
    assert board.readiness is None and board.recommendation.kind == "none"
    assert board.recommendation.archetype is None and not board.recommendation.options
    md = jdgen.render(board, "md")
    assert "No recommendation: nothing about the company was given." in md
    assert "Best fit" not in md and "Next best" not in md
    # Each part is the same for every archetype but the risks: only its own warnings set them apart.
    assert {f.parts[0].points for f in board.ranking} == {GAPS_MAX // 2}
    assert {f.parts[2].points for f in board.ranking} == {round(PRIORITIES_MAX / 2)}


def test_strengths_on_a_gap_gain_and_a_chasm_on_it_loses(catalog: jdgen.Catalog) -> None:
    # Agreed metrics closes with blocks the enterprise CX leader brings and the service-led CCO lacks.
    answers = dict.fromkeys(STATEMENTS, "yes") | {"agreed-metrics": "no"}
    board = jdgen.compare(catalog, answers, archetypes="service-led,enterprise-cx")
    first, second = board.ranking
    assert (first.archetype, first.parts[0].points, first.coverage) == ("enterprise-cx", GAPS_MAX, 100)
    assert (second.archetype, second.parts[0].points, second.coverage) == ("service-led", 0, 0)
    assert "typically lacks the work on Agreed metrics" in second.reasons[0]
    (spot,) = next(a for a in board.archetypes if a.id == "service-led").weak_spots
    assert spot.statement == "agreed-metrics" and spot.blocks == ("Customer-asset scoreboard",)


def test_the_enterprise_leaders_weak_spot_counts_against_it_too(catalog: jdgen.Catalog) -> None:
    # Symmetric: a resource gap fires the critical advisory-without-resources warning for the advisory role.
    plain = jdgen.compare(
        catalog, dict.fromkeys(STATEMENTS, "yes") | {"agreed-metrics": "no"}, archetypes="enterprise-cx"
    )
    short = jdgen.compare(
        catalog,
        dict.fromkeys(STATEMENTS, "yes") | {"agreed-metrics": "no", "resources": "no"},
        archetypes="enterprise-cx",
    )
    assert short.ranking[0].parts[3].points < plain.ranking[0].parts[3].points
    assert "advisory-without-resources" in [w.rule for w in short.archetypes[0].warnings]


def test_profile_changes_the_risks(catalog: jdgen.Catalog) -> None:
    plain = jdgen.compare(catalog, archetypes=["enterprise-cx"])
    layered = jdgen.compare(catalog, profile={"layered_onto": "marketing"}, archetypes=["enterprise-cx"])
    assert "layered-onto-marketing" in [w.rule for w in layered.archetypes[0].warnings]
    assert layered.ranking[0].risk > plain.ranking[0].risk


@pytest.mark.parametrize(
    ("archetypes", "message"),
    [(["ceo-whisperer"], "unknown archetype 'ceo-whisperer'; valid archetypes: enterprise-cx,"), ([], "no archetype")],
)
def test_bad_archetype_lists(catalog: jdgen.Catalog, archetypes: list[str], message: str) -> None:
    with pytest.raises(jdgen.InputError, match=message):
        jdgen.compare(catalog, archetypes=archetypes)


# --- the readiness report --------------------------------------------------------------------


def test_report_next_steps_follow_the_findings(catalog: jdgen.Catalog, team: jdgen.Survey) -> None:
    report = jdgen.readiness_report(catalog, team, {"company": "Northwind"})
    assert report.readiness.band == "strong-mandate"
    assert [w.rule for w in report.warnings] == ["executive-dissent", "strong-mandate", "multi-year-horizon"]
    assert report.next_steps[0].startswith("Meet to settle the statements the respondents disagree on (Customer goals")
    all_yes = jdgen.readiness_report(catalog, dict.fromkeys(STATEMENTS, "yes"))
    assert all_yes.readiness.band == "well-adjusted"
    assert [w.rule for w in all_yes.warnings] == ["may-not-need-role", "multi-year-horizon"]
    assert any("board whether a dedicated Chief Customer Officer is needed" in s for s in all_yes.next_steps)
    few = jdgen.readiness_report(catalog, {"resources": "no"})
    assert few.readiness.band == "inconclusive"
    assert any("Answer at least 6 statements" in s for s in few.next_steps)
    with pytest.raises(jdgen.InputError, match="needs answers"):
        jdgen.readiness_report(catalog, None)  # type: ignore[arg-type]


# --- every format ----------------------------------------------------------------------------


def test_comparison_markdown_golden(golden, board: jdgen.Comparison) -> None:
    golden("board-comparison.md", jdgen.render(board, "md"))


def test_comparison_docx_is_landscape_with_shaded_cells(golden, board: jdgen.Comparison) -> None:
    blob = jdgen.render(board, "docx")
    assert isinstance(blob, bytes)
    dump = docx_dump(blob)
    golden("board-comparison.docx.txt", dump)
    assert dump.startswith("[page] landscape\n")
    for label, fill in CELL_STYLES.values():
        assert f"|| {label} [fill {fill}]" in dump or f"  {label} [fill {fill}]" in dump


def test_comparison_html_shades_cells_and_explains_the_colours(board: jdgen.Comparison) -> None:
    html = jdgen.render(board, "html")
    assert isinstance(html, str)
    for label, fill in CELL_STYLES.values():
        assert f'<td class="shaded" style="background-color: #{fill}">{label}</td>' in html
    assert "<th>Cell</th>\n<th>Meaning</th>" in html
    assert '<main class="wide">' in html


def test_comparison_json_is_the_model(board: jdgen.Comparison) -> None:
    data = json.loads(jdgen.render(board, "json"))
    assert data == json.loads(board.model_dump_json())
    assert data["ranking"][0]["archetype"] == data["recommendation"]["archetype"] == board.ranking[0].archetype
    assert data["scoring"] == list(SCORING_RULE)


def test_readiness_report_goldens(golden, catalog: jdgen.Catalog, team: jdgen.Survey) -> None:
    report = jdgen.readiness_report(catalog, team, {"company": "Northwind Outfitters"})
    golden("team-readiness.md", jdgen.render(report, "md"))
    blob = jdgen.render(report, "docx")
    assert isinstance(blob, bytes)
    dump = docx_dump(blob)
    golden("team-readiness.docx.txt", dump)
    assert f"partial [fill {ANSWER_STYLES['partial'][1]}]" in dump
    html = jdgen.render(report, "html")
    assert f'style="background-color: #{ANSWER_STYLES["no"][1]}">no</td>' in html
    assert json.loads(jdgen.render(report, "json"))["readiness"]["band"] == "strong-mandate"


def test_only_a_jd_has_a_posting_edition(board: jdgen.Comparison) -> None:
    with pytest.raises(jdgen.InputError, match="only a job description has a posting edition"):
        jdgen.render(board, "md", posting=True)


def test_user_text_in_the_comparison_stays_text(catalog: jdgen.Catalog) -> None:
    board = jdgen.compare(catalog, profile={"company": "<b>Acme</b> | *Co*"}, archetypes=["digital"])
    md = jdgen.render(board, "md")
    assert "\\<b\\>Acme\\</b\\> \\| \\*Co\\*" in md
    html = jdgen.render(board, "html")
    assert "&lt;b&gt;Acme&lt;/b&gt; | *Co*" in html and "<b>Acme" not in html


def test_readme_states_the_scoring_rule_the_code_applies() -> None:
    readme = " ".join((Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8").split())
    for line in SCORING_RULE:
        assert line in readme, line


def test_each_numbered_list_in_word_starts_at_one(catalog: jdgen.Catalog, team: jdgen.Survey) -> None:
    # The report has two numbered lists (next steps, sources); the second must not go on from 4.
    import docx as python_docx
    from docx.oxml.ns import qn

    blob = jdgen.render(jdgen.readiness_report(catalog, team), "docx")
    assert isinstance(blob, bytes)
    document = python_docx.Document(io.BytesIO(blob))
    numbered = [p for p in document.paragraphs if p._p.style == "ListNumber"]
    own = [p._p.pPr.numPr.numId.val if p._p.pPr.numPr is not None else None for p in numbered]
    first, second = own[0], own[-1]
    assert first is None  # the first list uses the style's own numbering
    assert second is not None and own.count(second) == len(numbered) - own.count(None)
    numbering = document.part.numbering_part.element
    override = numbering.num_having_numId(second).find(qn("w:lvlOverride"))
    assert override.find(qn("w:startOverride")).get(qn("w:val")) == "1"


def test_shared_warnings_are_the_answer_only_rules_whatever_the_subset(
    catalog: jdgen.Catalog, team: jdgen.Survey
) -> None:
    one = jdgen.compare(catalog, team, archetypes=["digital"])
    assert "executive-dissent" in [w.rule for w in one.shared_warnings]
    pair = jdgen.compare(catalog, archetypes=["digital", "commercial"])
    assert "touchpoint-only-scope" not in [w.rule for w in pair.shared_warnings]
    assert all("touchpoint-only-scope" in [w.rule for w in a.warnings] for a in pair.archetypes)


def test_a_lacking_block_the_jd_asks_for_reads_differently(board: jdgen.Comparison) -> None:
    md = jdgen.render(board, "md")
    cells = [(x.status, x.in_jd) for d in board.matrix for r in d.rows for x in r.cells]
    assert ("lacks", True) in cells and ("lacks", False) in cells
    assert "| Lacks; in JD |" in md and "| Lacks |" in md
