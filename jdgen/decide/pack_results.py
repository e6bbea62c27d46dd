"""The role pack as data: the scorecard with its 12-month plan, the interview kit and the decision-rights charter.

Each is made from a `JobDescription` (`jdgen.decide.pack`) and rendered like it: a Markdown
template words it, and Word, HTML, PDF and JSON follow. All three are internal documents for the
hiring team, never posted.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from jdgen.data.fields import DEFAULT_LANGUAGE, Frozen
from jdgen.decide.results import ArchetypeRef, AuthorityRef, PhaseOut, SourceRef


class PackHeader(Frozen):
    """What every pack document says about the role it is for."""

    title: str = Field(description="The job title.")
    company: str | None
    organization: str = Field(description="How the documents name the employer without its name.")
    archetype: ArchetypeRef
    authority: AuthorityRef
    reports_to: str
    language: str = DEFAULT_LANGUAGE


class Outcome(Frozen):
    """A result the hire is expected to deliver, where it comes from, and how it is measured."""

    text: str
    block: str = Field(description="The id of the block whose work delivers it.")
    block_title: str
    source: Literal["defining", "gap", "core"] = Field(
        description="defining: the work this kind of CCO is hired for; gap: closes a readiness gap; core: the rest."
    )
    why: str = Field(description="The gap it closes, or that it is the archetype's defining or core work.")
    measure: str = Field(description="How the outcome is measured (the block's outcome measure).")
    cco_part: str = Field(
        description="The CCO's part in the decisions the outcome rests on, from the charter: decides, or who does."
    )


class ScorecardCompetency(Frozen):
    """A competency the role calls for, and what strong looks like in this role."""

    id: str
    title: str
    description: str
    strong: str = Field(description="What a 5 on this competency looks like (the interview kit's anchor).")


class Scorecard(Frozen):
    """The role's mission, its outcomes for 12 and 24 months, its competencies, and the year's plan."""

    role: PackHeader
    mission: str
    outcomes: tuple[Outcome, ...] = Field(
        description="5–8 outcomes for the first 12 months: the archetype's defining work, the gaps, then the rest."
    )
    later_outcomes: tuple[Outcome, ...] = Field(description="A few outcomes for the first 24 months.")
    competencies: tuple[ScorecardCompetency, ...]
    year_plan: tuple[PhaseOut, ...] = Field(description="The first 90 days, then the rest of the year by quarter.")
    sources: tuple[SourceRef, ...]


class Question(Frozen):
    """A behavioural question with what strong and weak answers sound like."""

    ask: str
    strong: str
    weak: str


class Anchor(Frozen):
    """What one rating means on a competency's 1–5 scale."""

    score: int
    text: str


class CompetencyGuide(Frozen):
    """A competency's questions and rating scale."""

    id: str
    title: str
    questions: tuple[Question, ...]
    anchors: tuple[Anchor, ...]
    asked_in: tuple[str, ...] = Field(default=(), description="The stages of the plan that ask and rate it.")


class Probe(Frozen):
    """A probing question for work the archetype typically lacks but the JD asks for."""

    block: str
    block_title: str
    ask: str
    listen_for: str


class Stage(Frozen):
    """A stage of the interview plan: who sits on it and which competencies each covers."""

    name: str
    purpose: str
    interviewers: tuple[str, ...]
    focus: tuple[str, ...] = Field(description="Titles of the competencies this stage rates.")


class WorkSample(Frozen):
    """The work sample: a first-90-days plan presented to a panel, briefed on the first year's outcomes."""

    brief: str
    challenges: tuple[str, ...] = Field(description="The outcomes the plan must reach: those that close a gap first.")
    info_pack: tuple[str, ...] = Field(description="What the candidate receives with the brief.")
    asks: tuple[str, ...] = Field(description="What the presentation must cover.")
    raters: tuple[str, ...] = Field(description="The panel that rates the plan.")
    anchors: tuple[Anchor, ...] = Field(description="What a rating of 1, 3 and 5 means for the plan.")


class ReferenceCheck(Frozen):
    """A question for referees about work the archetype typically lacks."""

    block: str
    block_title: str
    ask: str


class InterviewKit(Frozen):
    """The structured interview: plan, questions and anchors, probes, the work sample, reference checks."""

    role: PackHeader
    stages: tuple[Stage, ...]
    competencies: tuple[CompetencyGuide, ...]
    probes: tuple[Probe, ...]
    work_sample: WorkSample
    references: tuple[ReferenceCheck, ...]
    sources: tuple[SourceRef, ...]


class CharterRow(Frozen):
    """One decision and who holds each part of it (Bain's RAPID)."""

    id: str
    decision: str
    recommend: str | None = Field(description="None when the one who decides also prepares the proposal.")
    agree: tuple[str, ...]
    perform: tuple[str, ...]
    input: tuple[str, ...]
    decide: str = Field(description="The one role accountable for the decision.")
    cco_decides: bool


class ForumOut(Frozen):
    """A forum of the governance calendar."""

    title: str
    cadence: str
    chair: str
    attendees: tuple[str, ...]
    decides: str


class Charter(Frozen):
    """Who decides what among the CCO and its peers, and the forums where they meet."""

    role: PackHeader
    decisions: tuple[CharterRow, ...]
    forums: tuple[ForumOut, ...]
    sources: tuple[SourceRef, ...]


PackDocument = Scorecard | InterviewKit | Charter
