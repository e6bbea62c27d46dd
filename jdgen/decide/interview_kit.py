"""The interview kit: a structured interview of every candidate against the same bar.

Structured interviews, where every candidate gets the same job-related questions and answers are
rated on anchored scales, are among the most valid ways to predict performance (Schmidt & Hunter,
1998; Sackett, Zhang, Berry & Lievens, 2022). The kit asks about every competency of the JD,
probes the work the archetype typically lacks but the JD asks for, sets a work sample on the
company's own gaps, and aims the reference checks at the archetype's weak spots.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jdgen.data.catalog import Catalog
from jdgen.data.input_models import Profile
from jdgen.decide.compose import source_refs
from jdgen.decide.pack import Context, pack_context
from jdgen.decide.pack_results import (
    Anchor,
    CompetencyGuide,
    InterviewKit,
    Probe,
    Question,
    ReferenceCheck,
    Stage,
    WorkSample,
)
from jdgen.decide.results import JobDescription

#: The competencies the person the role reports to rates; the peers rate the rest.
LEAD_COMPETENCIES = frozenset(
    {"executive-communication", "financial-acumen", "change-leadership", "commercial-leadership", "business-breadth"}
)
#: At most this many competencies per interview, so each is asked about in depth.
FOCUS_MAX = 4
#: How many weak spots the reference checks cover.
REFERENCES_MAX = 5
#: What the work sample's presentation must cover.
WORK_SAMPLE_ASKS = (
    "What you would learn first, and from whom",
    "The two or three outcomes you would commit to for the first year, each with its measure",
    "The decisions you would ask the chief executive and your peers to settle, and who should hold each",
    "What you would deliberately leave alone in the first 100 days, and why",
)
#: The block whose work puts the role in front of the board: then a board member meets the finalists.
BOARD_BLOCK = "executive-board-governance"


def interview_kit(
    catalog: Catalog, jd: JobDescription, profile: Profile | Mapping[str, Any] | None = None
) -> InterviewKit:
    """The interview kit for the role `jd` describes (internal edition; `profile` as `jd` was composed with)."""
    return make_interview_kit(pack_context(catalog, jd, profile))


def make_interview_kit(context: Context) -> InterviewKit:
    """The interview kit, from a pack context."""
    catalog, jd = context.catalog, context.jd
    guides = tuple(
        CompetencyGuide(
            id=c.id,
            title=c.title,
            questions=tuple(
                Question(ask=context.say(q.ask), strong=context.say(q.strong), weak=context.say(q.weak))
                for q in catalog.competency_questions[c.id].questions
            ),
            anchors=tuple(
                Anchor(score=int(score), text=context.say(text))
                for score, text in sorted(catalog.competency_questions[c.id].anchors.items())
            ),
        )
        for c in jd.competencies
        if c.id in catalog.competency_questions
    )
    probes = tuple(
        Probe(
            block=b.id,
            block_title=b.title,
            ask=context.say(catalog.block_probes[b.id].ask),
            listen_for=context.say(catalog.block_probes[b.id].listen_for),
        )
        for b in context.lacking()
        if b.id in catalog.block_probes
    )
    references = tuple(
        ReferenceCheck(
            block=b, block_title=catalog.blocks[b].title, ask=context.say(catalog.reference_questions[b].ask)
        )
        for b in context.weak_spots()
        if b in catalog.reference_questions
    )[:REFERENCES_MAX]
    used = [
        *context.method_sources("interview"),
        *(s for g in guides for s in catalog.competency_questions[g.id].sources),
        *(s for p in probes for s in catalog.block_probes[p.block].sources),
        *(s for r in references for s in catalog.reference_questions[r.block].sources),
    ]
    return InterviewKit(
        role=context.header(),
        stages=_stages(context, guides),
        competencies=guides,
        probes=probes,
        work_sample=_work_sample(context),
        references=references,
        sources=source_refs(catalog, used),
    )


def _peers(context: Context) -> tuple[str, ...]:
    """The peers whose areas the role touches: its key peers, then the partners of its blocks."""
    jd = context.jd
    partners = [p for b in jd.blocks for p in b.partners if p not in {jd.reports_to, "CEO", "Functional leaders"}]
    return tuple(dict.fromkeys([*jd.key_peers, *partners]))


def _stages(context: Context, guides: tuple[CompetencyGuide, ...]) -> tuple[Stage, ...]:
    jd = context.jd
    lead = [g.title for g in guides if g.id in LEAD_COMPETENCIES][:FOCUS_MAX]
    rest = [g.title for g in guides if g.title not in lead]
    peer_panels = [rest[i : i + FOCUS_MAX] for i in range(0, len(rest), FOCUS_MAX)] or [[]]
    peers = _peers(context)
    board = any(b.id == BOARD_BLOCK for b in jd.blocks) or "board" in jd.reports_to.lower()
    oversight = context.say("the board")
    stages = [
        Stage(
            name="Screening",
            purpose="Motivation, the experience the role needs, and its conditions: reporting line, authority, team and pay.",
            interviewers=("The CHRO or the search lead",),
            focus=(),
        ),
        Stage(
            name=f"Interview with the {jd.reports_to}",
            purpose="The mission and the first-year outcomes: how the candidate would deliver them, and with whom.",
            interviewers=(jd.reports_to,),
            focus=tuple(lead),
        ),
    ]
    for n, panel in enumerate(peer_panels, start=1):
        label = "Peer panel" if len(peer_panels) == 1 else f"Peer panel {n}"
        stages.append(
            Stage(
                name=label,
                purpose="How the candidate works with the functions whose customer results the role depends on.",
                interviewers=peers[:4] if n == 1 else peers[4:8] or peers[:4],
                focus=tuple(panel),
            )
        )
    stages.append(
        Stage(
            name="Work sample",
            purpose="A plan for the first 100 days, presented to the panel (see the brief below), then questions.",
            interviewers=(jd.reports_to, *peers[:3], *((f"A member of {oversight}",) if board else ())),
            focus=(),
        )
    )
    if board:
        stages.append(
            Stage(
                name=f"Conversation with {oversight}",
                purpose=f"How the candidate would report customer results and risks to {oversight}.",
                interviewers=(f"A member of {oversight}",),
                focus=tuple(g.title for g in guides if g.id == "executive-communication"),
            )
        )
    stages.append(
        Stage(
            name="Reference checks",
            purpose="Before an offer: a former manager, a peer and a direct report, asked the questions below.",
            interviewers=("The CHRO or the search lead",),
            focus=(),
        )
    )
    return tuple(stages)


def _work_sample(context: Context) -> WorkSample:
    jd = context.jd
    employer = jd.company or jd.organization
    gaps = [g.finding for g in jd.readiness.gaps] if jd.readiness else []
    challenges = gaps or [b.purpose for b in jd.blocks if b.reason == "core"][:3]
    return WorkSample(
        brief=(
            f"Prepare a plan for your first 100 days as {jd.title} at {employer}, on the challenges below, "
            "and present it to the panel in 30 minutes; 30 minutes of questions follow."
        ),
        challenges=tuple(challenges),
        asks=WORK_SAMPLE_ASKS,
    )
