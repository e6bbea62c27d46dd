"""What jdgen produces, as data: the readiness verdict, chasm warnings and the job description.

These are pure data (no formatting): the renderers turn them into Markdown, HTML, Word or
JSON. The JSON output is the model's own dump; the posting edition leaves out the internal
fields (readiness, warnings, sources, why each block is there) rather than printing them empty.
"""

from __future__ import annotations

import datetime
from typing import ClassVar, Literal

from pydantic import Field

from jdgen.models import AnswerValue, Authority, Band, Frozen, Location, Pay, RemoteMode, Severity


class Gap(Frozen):
    """A readiness statement answered partial or no, and the blocks that close it."""

    statement: str
    title: str
    answer: AnswerValue
    finding: str = Field(description="The statement's gap wording.")
    blocks: tuple[str, ...] = Field(description="Ids of the blocks that close this gap.")


class StatementAnswer(Frozen):
    """One statement and the answer it got."""

    statement: str
    title: str
    answer: AnswerValue


class Readiness(Frozen):
    """The readiness verdict computed from the answers (rule in jdgen.assessment)."""

    band: Band
    label: str
    score: int | None = Field(description="0–100: yes = 1, partial = 0.5, no = 0, over known answers.")
    reasons: tuple[str, ...]
    counts: dict[AnswerValue, int]
    answers: tuple[StatementAnswer, ...]
    gaps: tuple[Gap, ...]


class ChasmWarning(Frozen):
    """A warning raised by an execution-chasm rule."""

    id: str = Field(description="The rule id, with the statement id appended for per-gap rules.")
    rule: str
    severity: Severity
    title: str
    why: str
    action: str
    sources: tuple[str, ...]


class ArchetypeRef(Frozen):
    """The archetype a JD was composed for."""

    id: str
    name: str


class AuthorityRef(Frozen):
    """The authority model of the role, with its JD wording."""

    id: Authority
    title: str
    description: str


class IncludedBlock(Frozen):
    """A responsibility block as it appears in a JD, with why it is there."""

    id: str
    domain: str
    title: str
    purpose: str
    duties: tuple[str, ...]
    kpis: tuple[str, ...]
    partners: tuple[str, ...]
    reason: Literal["core", "gap"] | None = Field(
        description="core: the archetype's core block; gap: added to close a readiness gap. None in the posting."
    )
    closes: tuple[str, ...] = Field(description="Statement ids of the gaps this block closes (internal only).")


class DomainRef(Frozen):
    """A domain that has blocks in the JD, in catalog order."""

    id: str
    title: str


class CompetencyRef(Frozen):
    """A competency the JD's blocks call for."""

    id: str
    title: str
    description: str


class PhaseOut(Frozen):
    """A phase of the first 90 days, with the steps that apply to this JD."""

    title: str
    steps: tuple[str, ...]


class SourceRef(Frozen):
    """A source the JD's content rests on."""

    id: str
    short: str = Field(description="Author and year, for inline citations.")
    citation: str
    url: str | None


Edition = Literal["internal", "posting"]


class JobDescription(Frozen):
    """A composed CCO job description, with its internal advisory."""

    edition: Edition = "internal"
    title: str
    archetype: ArchetypeRef
    company: str | None
    industry: str | None
    mandate: str
    reports_to: str
    dotted_lines: tuple[str, ...]
    authority: AuthorityRef
    scope: tuple[str, ...]
    location: Location | None
    remote: RemoteMode
    team_size: int | None
    domains: tuple[DomainRef, ...]
    blocks: tuple[IncludedBlock, ...]
    kpis: tuple[str, ...] = Field(description="The headline KPI of each block (every block lists all of its own).")
    qualifications: tuple[str, ...]
    competencies: tuple[CompetencyRef, ...]
    first_90_days: tuple[PhaseOut, ...]
    about: tuple[str, ...] = Field(description="Paragraphs about the company.")
    pay: Pay | None
    benefits: tuple[str, ...]
    eeo_statement: str | None
    date_posted: datetime.date | None
    valid_through: datetime.date | None
    apply_url: str | None
    readiness: Readiness | None = Field(description="The readiness verdict; None without answers and in the posting.")
    warnings: tuple[ChasmWarning, ...] = Field(description="Execution-chasm warnings; empty in the posting.")
    sources: tuple[SourceRef, ...] = Field(description="Sources cited by the content; empty in the posting.")

    INTERNAL_FIELDS: ClassVar[frozenset[str]] = frozenset({"readiness", "warnings", "sources"})

    def posting_edition(self) -> JobDescription:
        """The same JD with the internal advisory removed, ready to post."""
        blocks = tuple(b.model_copy(update={"reason": None, "closes": ()}) for b in self.blocks)
        return self.model_copy(
            update={"edition": "posting", "readiness": None, "warnings": (), "sources": (), "blocks": blocks}
        )

    def blocks_in(self, domain_id: str) -> tuple[IncludedBlock, ...]:
        """The JD's blocks of one domain, in catalog order."""
        return tuple(b for b in self.blocks if b.domain == domain_id)
