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
from jdgen.decide.pack import CCO, MANAGER, Context, name, pack_context, present
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
from jdgen.decide.scorecard import outcomes

#: At most this many competencies for the manager's interview, and for each other interviewer's.
LEAD_MAX = 4
PEER_MAX = 3
#: At most this many interviewers besides the manager and the CEO: a search finalists can sit through.
PEERS_MAX = 4
#: How many weak spots the reference checks cover.
REFERENCES_MAX = 5
#: How many of the first year's outcomes brief the work sample.
CHALLENGES_MAX = 4
#: How many interviewers, besides the manager, sit on the work sample's panel.
PANEL_PEERS = 2
#: What the work sample's presentation must cover ({manager}: whom the role reports to).
WORK_SAMPLE_ASKS = (
    "What you would learn first, and from whom",
    "The two or three outcomes you would commit to for the first year, each with its measure",
    "The decisions you would ask the {manager} and your peers to settle, and who should hold each",
    "What you would deliberately leave alone in the first 90 days, and why",
)
#: What the candidate receives with the brief, a week before presenting.
WORK_SAMPLE_PACK = (
    "The job description and the outcomes of this scorecard, without their baselines",
    "An organization chart of the functions the role works with, and their leaders",
    "The customer measures the company already tracks, with their latest values",
    "The main customer research, complaint and survey reports of the past year",
)
#: How the panel rates the plan (2 and 4 lie between).
WORK_SAMPLE_ANCHORS = (
    (1, "A plan that could fit any company: no measures, and the peers' part left out."),
    (3, "A sound plan for the outcomes in the brief, with measures, but vague on what to settle with the peers."),
    (
        5,
        (
            "Built on the information pack: two or three measurable outcomes, whom to learn from first, the "
            "decisions to settle with each peer, and what to leave alone; answers the panel's questions with evidence."
        ),
    ),
)
#: The block whose work puts the role in front of the board: then a board member meets the finalists.
BOARD_BLOCK = "executive-board-governance"
BOARD = "board"
CEO = "ceo"


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
    stages = _stages(context, guides, _raters(context, guides))
    panel = next(s.interviewers for s in stages if s.name == "Work sample")
    guides = tuple(
        g.model_copy(update={"asked_in": tuple(s.name for s in stages if g.title in s.focus)}) for g in guides
    )
    return InterviewKit(
        role=context.header(),
        stages=stages,
        competencies=guides,
        probes=probes,
        work_sample=_work_sample(context, panel),
        references=references,
        sources=source_refs(catalog, used),
    )


def _board_meets(context: Context) -> bool:
    """Whether a board member meets the finalists: the role reports to the board or its work goes to it."""
    jd = context.jd
    return any(b.id == BOARD_BLOCK for b in jd.blocks) or context.role(MANAGER) == BOARD


def _raters(context: Context, guides: tuple[CompetencyGuide, ...]) -> dict[str, list[str]]:
    """Who rates which competency: each goes to the first of its raters with a seat and room.

    Seats go to the manager, the CEO when it is another person, and the PEERS_MAX peers who share
    the most decisions with the CCO among those first in line for a competency. The CCO's future
    reports (the teams it runs) and the board (unless it meets the finalists) rate nothing; a
    competency whose raters are all missing, unseated or full goes to the manager, or past the
    manager's LEAD_MAX to its first rater.
    """
    manager = context.role(MANAGER)
    eligible = {
        guide.title: [
            r
            for r in dict.fromkeys(context.role(r) for r in context.catalog.competency_questions[guide.id].raters)
            if r != CCO
            and (r == MANAGER or present(context, r))
            and (r == manager or not context.under_cco(r))
            and (r != BOARD or _board_meets(context))
        ]
        for guide in guides
    }
    first = dict.fromkeys(raters[0] for raters in eligible.values() if raters)
    peers = sorted((r for r in first if r not in (manager, CEO)), key=lambda r: -_shared(context, r))
    seated = {manager, *(r for r in first if r == CEO), *peers[:PEERS_MAX]}
    loads: dict[str, list[str]] = {manager: []}
    for title, raters in eligible.items():
        room = (r for r in raters if r in seated and len(loads.get(r, [])) < (LEAD_MAX if r == manager else PEER_MAX))
        chosen = next(room, None)
        if chosen is None:  # the manager if it has room, else one more seat
            chosen = manager if len(loads[manager]) < LEAD_MAX or not raters else raters[0]
            seated.add(chosen)
        loads.setdefault(chosen, []).append(title)
    return loads


def _shared(context: Context, role_id: str) -> int:
    """How many of the charter's decisions the role shares with the CCO."""
    count = 0
    for decision in context.catalog.decisions:
        if context.sector not in decision.sectors_except:
            rights = context.rights(decision)
            count += CCO in rights.roles() and role_id in rights.roles()
    return count


def _stages(context: Context, guides: tuple[CompetencyGuide, ...], raters: dict[str, list[str]]) -> tuple[Stage, ...]:
    manager = context.role(MANAGER)
    boss = name(context, MANAGER)
    search = ("The CHRO or the search lead",)
    stages = [
        Stage(
            name="Screening",
            purpose="Motivation, the experience the role needs, and its conditions: reporting line, authority, team and pay.",
            interviewers=search,
            focus=(),
        ),
        Stage(
            name=f"Interview with the {boss}",
            purpose="The mission and the first-year outcomes: how the candidate would deliver them, and with whom.",
            interviewers=(boss,),
            focus=tuple(raters[manager]),
        ),
    ]
    for role_id, rated in raters.items():
        if role_id in (manager, BOARD):
            continue
        title = name(context, role_id)
        stages.append(
            Stage(
                name=f"Interview with the {title}",
                purpose=(
                    f"Shares {_shared(context, role_id)} of the charter's decisions with the role: "
                    "how the candidate has worked with leaders in this seat."
                ),
                interviewers=(title,),
                focus=tuple(rated),
            )
        )
    if CEO not in raters and present(context, CEO):
        stages.append(
            Stage(
                name=f"Meeting with the {name(context, CEO)}",
                purpose="For the finalists: the role's place in the leadership team. It confirms the panel's ratings; it adds none.",
                interviewers=(name(context, CEO),),
                focus=(),
            )
        )
    board_member = f"{name(context, BOARD)} member"
    peers = [name(context, r) for r in raters if r not in (manager, BOARD)][:PANEL_PEERS]
    panel = (boss, *peers, *((board_member,) if _board_meets(context) else ()))
    stages.append(
        Stage(
            name="Work sample",
            purpose="A plan for the first 90 days, presented to the panel (see the brief below), then questions.",
            interviewers=panel,
            focus=("The plan, on the work sample's scale",),
        )
    )
    if _board_meets(context):
        communication = [g.title for g in guides if g.id == "executive-communication"]
        stages.append(
            Stage(
                name=f"Conversation with a {board_member.lower()}",
                purpose="For the finalists: how the candidate would report customer results and risks to the board.",
                interviewers=(board_member,),
                focus=tuple(dict.fromkeys([*raters.get(BOARD, []), *communication])),
            )
        )
    stages.append(
        Stage(
            name="Reference checks",
            purpose="Before an offer: a former manager, a peer and a direct report, asked the questions below.",
            interviewers=search,
            focus=(),
        )
    )
    return tuple(stages)


def _work_sample(context: Context, raters: tuple[str, ...]) -> WorkSample:
    jd = context.jd
    employer = jd.company or jd.organization
    planned = outcomes(context)
    gaps = [o.text for o in planned if o.source == "gap"]
    challenges = (gaps or [o.text for o in planned])[:CHALLENGES_MAX]
    return WorkSample(
        brief=(
            f"Prepare a plan for your first 90 days as {jd.title} at {employer}, aimed at the outcomes below. "
            "You receive this brief and the information pack a week ahead; present for 30 minutes, "
            "then 30 minutes of questions follow."
        ),
        challenges=tuple(challenges),
        info_pack=tuple(context.say(item) for item in WORK_SAMPLE_PACK),
        asks=tuple(a.format(manager=name(context, MANAGER)) for a in WORK_SAMPLE_ASKS),
        raters=raters,
        anchors=tuple(Anchor(score=score, text=context.say(text)) for score, text in WORK_SAMPLE_ANCHORS),
    )
