"""The role pack: a scorecard, an interview kit and a decision-rights charter from the JD's evidence."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

import jdgen
from jdgen.cli import main
from jdgen.common.errors import CatalogError, InputError
from jdgen.data.protected_topics import protected_topics
from jdgen.decide.charter import make_charter
from jdgen.decide.compose import in_context
from jdgen.decide.pack import pack_context
from jdgen.decide.results import AuthorityRef
from jdgen.render.documents import HIRING_MARK
from jdgen.render.output import write_into
from tests.conftest import docx_dump, write_tree

#: Two companies a CHRO might prepare a search for: a SaaS firm with gaps, a public agency.
SAAS = {"company": "Northwind Cloud", "sector": "saas", "employees": 400}
SAAS_ANSWERS = {"resources": "no", "agreed-metrics": "partial", "role-clarity": "no", "customer-roadmap": "no"}
AGENCY = {"company": "State Benefits Agency", "sector": "public-sector"}
AGENCY_ANSWERS = {"participation": "no", "collaboration-process": "partial"}


@pytest.fixture(scope="module")
def saas(catalog: jdgen.Catalog) -> jdgen.RolePack:
    return jdgen.role_pack(catalog, jdgen.compose(catalog, "customer-success", SAAS_ANSWERS, SAAS), SAAS)


@pytest.fixture(scope="module")
def agency(catalog: jdgen.Catalog) -> jdgen.RolePack:
    return jdgen.role_pack(catalog, jdgen.compose(catalog, "public-sector", AGENCY_ANSWERS, AGENCY), AGENCY)


@pytest.fixture(scope="module")
def catalog() -> jdgen.Catalog:
    return jdgen.load_catalog()


def test_the_outcomes_lead_with_what_the_archetype_is_hired_for_then_the_gaps(catalog: jdgen.Catalog) -> None:
    jd = jdgen.compose(catalog, "customer-success", SAAS_ANSWERS, SAAS)
    card = jdgen.scorecard(catalog, jd, SAAS)
    archetype = catalog.archetypes["customer-success"]
    assert 5 <= len(card.outcomes) <= 8
    assert card.outcomes[0].block == "retention-expansion"  # a customer-success CCO is judged on retention first
    by_id = {b.id: b for b in jd.blocks}
    sources = [o.source for o in card.outcomes]
    order = {"defining": 0, "gap": 1, "core": 2}
    assert sources == sorted(sources, key=order.__getitem__)
    assert 1 <= sources.count("defining") <= 3 and "gap" in sources
    gap_titles = {g.statement: g.title.lower() for g in jd.readiness.gaps} if jd.readiness else {}
    for outcome in card.outcomes:
        block = by_id[outcome.block]  # every outcome is the work of a block of this JD
        assert outcome.text == block.outcome
        if outcome.source == "defining":
            assert block.id in archetype.core_blocks and block.id in archetype.strong_blocks
        if outcome.source == "gap":
            assert block.closes and all(gap_titles[s] in outcome.why for s in block.closes)
        # Its own measure, in plain words: no citation, and not the block's first KPI by default.
        wording = in_context(catalog.blocks[block.id], "saas", "customer-success")
        assert outcome.measure == wording.outcome_measure and "(" not in outcome.measure
    assert {o.block for o in card.outcomes}.isdisjoint({o.block for o in card.later_outcomes})
    assert "gaps the executive team found" in card.mission  # the mission names them


@pytest.mark.parametrize("which", ["saas", "agency"])
def test_each_outcome_says_the_ccos_part_as_the_charter_gives_it(request: pytest.FixtureRequest, which: str) -> None:
    pack: jdgen.RolePack = request.getfixturevalue(which)
    catalog = jdgen.load_catalog()
    rows = {r.id: r for r in pack.charter.decisions}
    for outcome in pack.scorecard.outcomes:
        related = [rows[d.id] for d in catalog.decisions if outcome.block in d.blocks and d.id in rows]
        if not related:
            assert outcome.cco_part == "Leads the work"
        elif outcome.cco_part == "Decides":
            assert any(r.cco_decides for r in related)
        else:  # "Recommends; the CIO or CTO decides": a decider of one of its decisions, never the CCO
            assert not any(r.cco_decides for r in related)
            decider = re.search(r"the (.+) decides$", outcome.cco_part)
            assert decider and decider[1] in {r.decide for r in related}, outcome.cco_part


def test_the_agency_ccos_outcomes_show_where_others_decide(agency: jdgen.RolePack) -> None:
    parts = [o.cco_part for o in agency.scorecard.outcomes]
    assert "Decides" not in parts  # an advisory CCO decides none of the decisions its outcomes rest on
    assert any(p.startswith("Recommends; the Deputy Administrator decides") for p in parts)


def test_without_answers_the_outcomes_are_the_archetypes_own(catalog: jdgen.Catalog) -> None:
    jd = jdgen.compose(catalog, "digital")
    card = jdgen.scorecard(catalog, jd)
    core = set(catalog.archetypes["digital"].core_blocks)
    assert card.outcomes and all(o.source in ("defining", "core") and o.block in core for o in card.outcomes)
    assert "gaps" not in card.mission


def test_a_block_outcome_without_its_measure_is_refused(tmp_path: Path) -> None:
    overlay = write_tree(
        tmp_path / "mine",
        {
            "blocks.yaml": """
            blocks:
              - id: escalations
                domain: service
                title: Escalations
                purpose: Settle escalated cases fast.
                outcome: One escalation process with owners and time limits
                duties: [Own escalations, Set time limits, Fix causes]
                kpis: [Escalation volume]
                partners: [Sales]
                competencies: [operational-excellence]
                sources: [bliss-cco-job-description]
            """
        },
    )
    with pytest.raises(CatalogError, match="outcome_measure"):
        jdgen.load_catalog(overlay)


def test_the_year_plan_extends_the_first_90_days_to_twelve_months(saas: jdgen.RolePack) -> None:
    titles = [phase.title for phase in saas.scorecard.year_plan]
    assert titles[:3] == ["Days 1–30: listen and learn", "Days 31–60: align and agree", "Days 61–90: commit and start"]
    assert len(titles) >= 6 and titles[-1].startswith("Months 10–12")
    assert all(phase.steps for phase in saas.scorecard.year_plan)


@pytest.mark.parametrize("archetype", ["enterprise-cx", "service-led", "customer-success", "public-sector"])
def test_every_competency_of_the_jd_has_its_questions_and_anchors(catalog: jdgen.Catalog, archetype: str) -> None:
    jd = jdgen.compose(catalog, archetype)
    kit = jdgen.interview_kit(catalog, jd)
    assert [g.id for g in kit.competencies] == [c.id for c in jd.competencies]
    for guide in kit.competencies:
        assert 2 <= len(guide.questions) <= 3
        assert [a.score for a in guide.anchors] == [1, 3, 5]
        for q in guide.questions:  # about what the candidate did: behavioural, not hypothetical
            assert re.match(r"(Tell us|Walk us|Describe|Which)\b", q.ask) and "would you" not in q.ask, q.ask
            assert q.strong and q.weak
    rated = [title for stage in kit.stages if stage.name != "Work sample" for title in stage.focus]
    assert sorted(set(rated)) == sorted(c.title for c in jd.competencies)  # each competency is rated somewhere
    stages = {s.name: s for s in kit.stages}
    for guide in kit.competencies:  # and its questions say where
        assert guide.asked_in and all(guide.title in stages[name].focus for name in guide.asked_in)


@pytest.mark.parametrize("archetype", ["enterprise-cx", "service-led", "marketing-led", "commercial", "digital"])
def test_every_block_the_archetype_lacks_but_the_jd_asks_for_has_its_probe(
    catalog: jdgen.Catalog, archetype: str
) -> None:
    # "Lacks; in JD" as the board comparison shows it, from the same answers.
    comparison = jdgen.compare(catalog, SAAS_ANSWERS, SAAS)
    lacking = {
        row.block
        for domain in comparison.matrix
        for row in domain.rows
        for cell in row.cells
        if cell.archetype == archetype and cell.status == "lacks" and cell.in_jd
    }
    jd = jdgen.compose(catalog, archetype, SAAS_ANSWERS, SAAS)
    kit = jdgen.interview_kit(catalog, jd, SAAS)
    assert {p.block for p in kit.probes} == lacking
    assert lacking, "this test wants an archetype whose JD asks for work it typically lacks"
    chasm = set(catalog.archetypes[archetype].chasm.blocks)
    assert kit.references and all(r.block in chasm for r in kit.references)  # aimed at the weak spots


def test_every_weak_spot_of_every_archetype_has_a_probe_and_a_reference_question(catalog: jdgen.Catalog) -> None:
    weak = {b for a in catalog.archetypes for b in a.chasm.blocks}
    assert weak <= set(catalog.block_probes.ids())
    assert weak <= set(catalog.reference_questions.ids())


def test_the_work_sample_is_briefed_on_the_outcomes_that_close_the_gaps_and_rated(saas: jdgen.RolePack) -> None:
    sample = saas.interview.work_sample
    assert "Northwind Cloud" in sample.brief and "first 90 days" in sample.brief and "a week ahead" in sample.brief
    gap_outcomes = [o.text for o in saas.scorecard.outcomes if o.source == "gap"]
    assert list(sample.challenges) == gap_outcomes[:4]  # the scorecard's words, not the internal findings
    assert sample.info_pack and [a.score for a in sample.anchors] == [1, 3, 5]
    stage = next(s for s in saas.interview.stages if s.name == "Work sample")
    assert sample.raters == stage.interviewers and stage.focus  # the panel rates it
    assert any("ask the CEO and your peers" in a for a in sample.asks)


@pytest.mark.parametrize(
    "archetype", ["enterprise-cx", "service-led", "customer-success", "commercial", "public-sector"]
)
def test_the_interview_plan_seats_each_interviewer_once_and_no_future_report(
    catalog: jdgen.Catalog, archetype: str
) -> None:
    jd = jdgen.compose(catalog, archetype, SAAS_ANSWERS, SAAS)
    kit = jdgen.interview_kit(catalog, jd, SAAS)
    interviews = [s for s in kit.stages if s.name.startswith("Interview with")]
    seated = [i for s in interviews for i in s.interviewers]
    assert len(seated) == len(set(seated)) == len(interviews)  # one interview each, nobody twice
    assert interviews[0].interviewers == (jd.reports_to,)  # the manager first
    assert len(interviews) <= 1 + 1 + 4 + 1  # the manager, the CEO, the peers, one overflow
    if jd.authority.id == "operational":
        assert "Service leader" not in seated  # an operational CCO runs the service teams
    if archetype == "commercial":
        assert "Sales leader" not in seated  # a commercial CCO runs the sales teams
    for stage in interviews[1:]:
        assert stage.focus and len(stage.focus) <= 3


def test_the_agency_plan_has_the_deputy_and_the_agency_head(agency: jdgen.RolePack) -> None:
    names = [s.name for s in agency.interview.stages]
    assert names[1] == "Interview with the Deputy Administrator"
    assert "Interview with the Agency head" in names or "Meeting with the Agency head" in names


@pytest.mark.parametrize(
    ("country", "cited", "not_cited"),
    [
        ("United States", "eeoc-prohibited-practices", "uk-equality-act-2010-s4"),
        ("United Kingdom", "uk-equality-act-2010-s4", "eeoc-prohibited-practices"),
    ],
)
def test_the_interview_cites_the_law_of_the_jobs_country(
    catalog: jdgen.Catalog, country: str, cited: str, not_cited: str
) -> None:
    profile = {**SAAS, "location": {"city": "Leeds" if "Kingdom" in country else "Austin", "country": country}}
    kit = jdgen.interview_kit(catalog, jdgen.compose(catalog, "digital", None, profile), profile)
    ids = {s.id for s in kit.sources}
    assert cited in ids and not_cited not in ids
    unplaced = jdgen.interview_kit(catalog, jdgen.compose(catalog, "digital"))
    assert {cited, not_cited} <= {s.id for s in unplaced.sources}  # no country: both


def test_the_charter_has_one_accountable_role_per_decision_and_enough_decisions(saas: jdgen.RolePack) -> None:
    rows = saas.charter.decisions
    assert len(rows) >= 15
    assert len({r.id for r in rows}) == len(rows)
    for row in rows:
        assert isinstance(row.decide, str) and row.decide  # exactly one role decides
        assert row.decide not in (*row.agree, *row.input) and row.recommend != row.decide
        assert "manager" not in " ".join([row.decide, *row.agree, *row.perform, *row.input])
    assert saas.charter.forums


def test_the_person_the_cco_reports_to_holds_decisions(agency: jdgen.RolePack, saas: jdgen.RolePack) -> None:
    assert any(r.decide == "Deputy Administrator" for r in agency.charter.decisions)
    assert "The CCO's manager" not in str(jdgen.render(saas.charter, "md"))  # reporting to the CEO: the CEO
    review = next(f for f in saas.charter.forums if f.title == "Executive customer review")
    assert "CEO" in (review.chair, *review.attendees)


def test_the_charter_changes_with_the_authority_model(catalog: jdgen.Catalog) -> None:
    jd = jdgen.compose(catalog, "enterprise-cx")
    context = pack_context(catalog, jd)
    decided = {}
    for model in catalog.authority_models:
        authority = AuthorityRef(id=model.id, title=model.title, description=model.description)
        changed = pack_context(catalog, jd.model_copy(update={"authority": authority}))
        decided[model.id] = {r.id for r in make_charter(changed).decisions if r.cco_decides}
    assert decided["advisory"] < decided["matrixed"] <= decided["operational"]
    assert len(decided["operational"]) - len(decided["advisory"]) >= 8
    assert make_charter(context).role.authority.id == catalog.archetypes["enterprise-cx"].authority


def test_no_built_in_question_touches_a_protected_characteristic(catalog: jdgen.Catalog) -> None:
    asked = [q.ask for c in catalog.competency_questions for q in c.questions]
    asked += [p.ask for p in catalog.block_probes] + [r.ask for r in catalog.reference_questions]
    assert len(asked) > 60
    assert [(text, protected_topics(text)) for text in asked if protected_topics(text)] == []


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("How old are your children?", "age"),
        ("Tell us about your plans to start a family?", "family"),
        ("Which religious holidays will you need off?", "religion"),
        ("Where were you born?", "origin"),
        ("Do you have a disability we should know about?", "disability"),
        ("What is your current salary?", "pay history"),
    ],
)
def test_a_user_question_on_a_protected_topic_is_refused(tmp_path: Path, question: str, topic: str) -> None:
    overlay = write_tree(
        tmp_path / "mine",
        {
            "questions.yaml": f"""
            reference_questions:
              - id: escalations
                ask: "{question}"
            """
        },
    )
    with pytest.raises(CatalogError) as caught:
        jdgen.load_catalog(overlay)
    lines = caught.value.lines()
    assert all("questions.yaml" in line and "reference question 'escalations'" in line for line in lines)
    assert any(topic in line and "reword the question" in line for line in lines), lines


def test_a_decision_without_one_authority_model_is_refused(tmp_path: Path) -> None:
    overlay = write_tree(
        tmp_path / "mine",
        {
            "decisions.yaml": """
            decisions:
              - id: loyalty-program
                title: Launch a loyalty program
                rights:
                  advisory: {recommend: cco, decide: cmo}
                  matrixed: {recommend: cco, decide: cmo}
            """
        },
    )
    with pytest.raises(CatalogError, match="no rights for the operational authority model"):
        jdgen.load_catalog(overlay)


def test_a_role_under_an_unknown_authority_is_refused(tmp_path: Path) -> None:
    overlay = write_tree(
        tmp_path / "mine",
        {"roles.yaml": "roles:\n  - {id: service, title: Service leader, under_cco: [operationl]}\n"},
    )
    with pytest.raises(CatalogError, match=r"under_cco\[0\].*unknown authority model or archetype 'operationl'"):
        jdgen.load_catalog(overlay)


def test_the_pack_is_made_from_the_internal_edition_only(catalog: jdgen.Catalog) -> None:
    jd = jdgen.compose(catalog, "digital")
    with pytest.raises(InputError, match="internal edition"):
        jdgen.role_pack(catalog, jd.posting_edition())


def test_the_agency_pack_speaks_of_an_agency(agency: jdgen.RolePack) -> None:
    for document in (agency.scorecard, agency.interview, agency.charter):
        text = jdgen.render(document, "md")
        assert "State Benefits Agency" in text
        assert not re.search(r"\bthe company\b", str(text)), type(document).__name__
        # The sector's words keep the grammar: no "a oversight", no "across oversight bodies".
        assert not re.search(r"\ba (?:[aeiou]|oversight)|across oversight", str(text), re.IGNORECASE), type(
            document
        ).__name__


@pytest.mark.parametrize("which", ["scorecard", "interview", "charter"])
def test_markdown_and_word_goldens(golden, saas: jdgen.RolePack, agency: jdgen.RolePack, which: str) -> None:
    for name, made in (("saas", saas), ("agency", agency)):
        document = getattr(made, which)
        golden(f"pack-{name}-{which}.md", str(jdgen.render(document, "md")))
        blob = jdgen.render(document, "docx")
        assert isinstance(blob, bytes)
        golden(f"pack-{name}-{which}.docx.txt", docx_dump(blob))
        header = docx.Document(io.BytesIO(blob)).sections[0].header.paragraphs
        assert any(HIRING_MARK in p.text for p in header) or HIRING_MARK in docx_dump(blob)


def test_json_is_the_model(saas: jdgen.RolePack) -> None:
    text = str(jdgen.render(saas.charter, "json"))
    assert jdgen.Charter.model_validate_json(text) == saas.charter


def test_pack_writes_every_document_in_each_format(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    result = CliRunner().invoke(
        main, ["pack", "-a", "service-led", "--company", "Acme", "-o", str(out), "--format", "md", "--format", "docx"]
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    kinds = ["charter", "interview", "jd", "posting", "scorecard"]
    assert names == sorted(f"acme-cco-service-led-{k}.{ext}" for k in kinds for ext in ("md", "docx"))
    posting = (out / "acme-cco-service-led-posting.md").read_text()
    assert "Why this JD" not in posting and "## Sources" not in posting  # the posting edition


def test_pack_overwrites_nothing_without_force_and_writes_all_or_nothing(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    out.mkdir()
    (out / "cco-digital-charter.md").write_text("mine\n")
    result = CliRunner().invoke(main, ["pack", "-a", "digital", "-o", str(out), "--format", "md"])
    assert result.exit_code == 1
    assert "cco-digital-charter.md" in result.output and "--force" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["cco-digital-charter.md"]  # nothing else written
    assert (out / "cco-digital-charter.md").read_text() == "mine\n"
    result = CliRunner().invoke(main, ["pack", "-a", "digital", "-o", str(out), "--format", "md", "--force"])
    assert result.exit_code == 0 and len(list(out.iterdir())) == 5


def test_a_failed_write_leaves_none_of_the_files_it_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jdgen.render import output

    real = output.write_atomic
    calls = []

    def fail_on_the_third(path: str | Path, data: bytes | str, *, force: bool = False) -> Path:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(path, data, force=force)

    monkeypatch.setattr(output, "write_atomic", fail_on_the_third)
    (tmp_path / "b.md").write_text("kept\n")
    with pytest.raises(OSError, match="No space"):
        write_into(tmp_path, {"a.md": "1", "b.md": "2", "c.md": "3"}, force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.md"]  # a.md removed; b.md was there before


@pytest.mark.parametrize("kind", ["scorecard", "interview", "charter"])
def test_one_document_commands(tmp_path: Path, kind: str) -> None:
    result = CliRunner().invoke(main, [kind, "-a", "enterprise-cx", "-f", "md", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(("# Scorecard", "# Interview kit", "# Decision rights"))
    target = tmp_path / f"{kind}.docx"
    result = CliRunner().invoke(main, [kind, "-a", "enterprise-cx", "-o", str(target)])
    assert result.exit_code == 0 and target.stat().st_size > 5000
    result = CliRunner().invoke(main, [kind, "-a", "enterprise-cx", "-o", str(tmp_path / "x.jsonld")])
    assert result.exit_code == 2 and "JSON-LD" in result.output
