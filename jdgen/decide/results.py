"""What jdgen decides, as data: the readiness verdict, chasm warnings and the job description.

These are pure data (no formatting): the renderers turn them into Markdown, HTML, Word or
JSON. The JSON output is the model's own dump; the posting edition leaves out the internal
fields (readiness, warnings, sources, why each block is there) rather than printing them empty.
The board's documents are in `jdgen.decide.board_results`.
"""

from __future__ import annotations

import datetime
from typing import ClassVar, Literal

from pydantic import Field

from jdgen.data.fields import (
    DEFAULT_LANGUAGE,
    AnswerValue,
    Authority,
    Band,
    EmploymentType,
    Evidence,
    Frozen,
    RemoteMode,
    Severity,
)
from jdgen.data.input_models import Location, Pay


class Gap(Frozen):
    """A readiness statement answered partial or no, and the blocks that close it."""

    statement: str
    title: str
    answer: AnswerValue
    finding: str = Field(
        description="The statement's no or partial wording, with the disagreement or the split where answers differ."
    )
    blocks: tuple[str, ...] = Field(description="Ids of the blocks that close this gap.")
    block_titles: tuple[str, ...] = Field(description="Titles of those blocks, in the same order.")


class Note(Frozen):
    """A respondent's note on a statement."""

    who: str = Field(description="The respondent's role, else name, else position.")
    text: str


def sides_text(sides: dict[AnswerValue, tuple[str, ...]]) -> str:
    """``yes: CEO, CFO; no: COO``: who gave each known answer."""
    return "; ".join(f"{value}: {', '.join(who)}" for value, who in sides.items() if who and value != "unknown")


class StatementAnswer(Frozen):
    """One statement, the answer it got (the consensus of the respondents) and how they split."""

    statement: str
    title: str
    answer: AnswerValue = Field(description="The consensus answer (rule in jdgen.decide.assessment).")
    split: dict[AnswerValue, int] = Field(description="How many respondents gave each answer.")
    sides: dict[AnswerValue, tuple[str, ...]] = Field(description="Who gave each answer.")
    dissent: bool = Field(description="Some respondents answered yes and others no.")
    notes: tuple[Note, ...]
    reason: str = Field(description="How the answer was reached and what it counts for.")


class Readiness(Frozen):
    """The readiness verdict computed from the answers (rule in jdgen.decide.assessment)."""

    band: Band
    label: str
    score: int | None = Field(
        description=(
            "The groundwork in place, 0–100: yes = 1, partial = 0.5, no = 0, over known answers. 100 means every "
            "statement holds; a low score means more of the work a CCO would lead is missing, not that the "
            "company is unready to hire."
        )
    )
    reasons: tuple[str, ...]
    counts: dict[AnswerValue, int] = Field(description="Statements per consensus answer.")
    respondents: tuple[str, ...] = Field(description="Who answered, in order (role, else name).")
    answers: tuple[StatementAnswer, ...]
    gaps: tuple[Gap, ...]

    def dissenting(self) -> tuple[StatementAnswer, ...]:
        """The statements on which respondents disagree (yes against no), in statement order."""
        return tuple(a for a in self.answers if a.dissent)


#: How the catalog marks a measure no source names; the posting, which cites no sources, drops it.
INFERENCE_TAG = " (our inference)"


def _untagged(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t.removesuffix(INFERENCE_TAG) for t in texts)


#: How documents word each evidence grade, after "Evidence:".
EVIDENCE_LABELS: dict[str, str] = {
    "survey": "survey research across many firms",
    "framework": "a practitioner's framework or opinion",
    "case": "a single company's case",
    "inference": "our reading of the sources",
}


class ChasmWarning(Frozen):
    """A warning raised by an execution-chasm rule."""

    id: str = Field(description="The rule id, with the statement id appended for per-gap rules.")
    rule: str
    severity: Severity
    title: str
    why: str
    action: str
    sources: tuple[str, ...]
    evidence: Evidence = Field(description="The rule's evidence grade: survey, framework, case or inference.")

    @property
    def evidence_label(self) -> str:
        """The grade in words, as the documents print it after "Evidence:"."""
        return EVIDENCE_LABELS[self.evidence]


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
    you_will: str = Field(description="The posting's bullet: what the hire will do and why (the purpose if none).")
    outcome: str | None = Field(default=None, description="What this work has achieved after a first year.")
    duties: tuple[str, ...]
    kpis: tuple[str, ...]
    partners: tuple[str, ...]
    reason: Literal["core", "gap"] | None = Field(
        description="core: the archetype's core block; gap: added to close a readiness gap. None in the posting."
    )
    closes: tuple[str, ...] = Field(description="Statement ids of the gaps this block closes (internal only).")


class Highlight(Frozen):
    """One line of the posting's "What you will do": the work, and why it matters here."""

    block: str
    text: str = Field(description="What the hire will do and why, in the second person.")
    why_here: str | None = Field(
        description="The challenge this work meets: the readiness gap it closes, in the statement's own words."
    )


class DomainRef(Frozen):
    """A domain that has blocks in the JD, in catalog order."""

    id: str
    title: str


class CodeRef(Frozen):
    """An occupation or skill in a published classification, as a JobPosting names it."""

    system: str = Field(description="The classification: ISCO-08, ESCO occupations, ESCO skills.")
    version: str = Field(description="The classification's release the code was read from: 2008, v1.2.0.")
    scheme: str = Field(description="The classification's concept scheme URI.")
    code: str | None = Field(description="The notation (1221, 1221.4); None for an ESCO skill.")
    label: str = Field(description="The label, as the classification spells it.")
    uri: str


class CompetencyRef(Frozen):
    """A competency the JD's blocks call for."""

    id: str
    title: str
    description: str
    esco_skill: CodeRef | None = Field(default=None, description="The ESCO skill it maps to, where one does.")


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
    company_url: str | None = None
    industry: str | None
    mandate: str
    reports_to: str
    dotted_lines: tuple[str, ...] = Field(description="Customer-facing teams that answer to the role.")
    key_peers: tuple[str, ...] = Field(default=(), description="Executives the role works with as equals.")
    organization: str = Field(
        default="the company",
        description="How the documents name the employer without its name: the company, the agency.",
    )
    oversight: str = Field(default="the board", description="Who oversees the employer: the board, oversight bodies.")
    authority: AuthorityRef
    scope: tuple[str, ...]
    location: Location | None
    remote: RemoteMode
    remote_scope: tuple[str, ...] = ()
    employment_type: EmploymentType = "FULL_TIME"
    occupational_category: str | None = None
    occupation_codes: tuple[CodeRef, ...] = Field(
        default=(), description="The archetype's ISCO-08 unit group and, where one fits, its ESCO occupation."
    )
    team_size: int | None
    domains: tuple[DomainRef, ...]
    blocks: tuple[IncludedBlock, ...]
    kpis: tuple[str, ...] = Field(description="The headline KPI of each block (every block lists all of its own).")
    highlights: tuple[Highlight, ...] = Field(
        default=(), description="The posting's 5–7 lines of what the hire will do."
    )
    first_year: tuple[str, ...] = Field(default=(), description="What the first year should achieve.")
    measures: tuple[str, ...] = Field(
        default=(), description="The headline measures, from the sector and the archetype."
    )
    experience: str | None = Field(default=None, description="The experience bar, from the profile.")
    experience_years: int | None = Field(default=None, description="Years of experience asked for, from the profile.")
    qualifications: tuple[str, ...]
    competencies: tuple[CompetencyRef, ...]
    first_90_days: tuple[PhaseOut, ...]
    about: tuple[str, ...] = Field(description="Paragraphs about the company.")
    pay: Pay | None
    bonus: str | None = None
    equity: str | None = None
    travel: str | None = None
    hiring_process: tuple[str, ...] = ()
    start: str | None = None
    benefits: tuple[str, ...]
    eeo_statement: str | None
    date_posted: datetime.date | None
    valid_through: datetime.date | None
    apply_url: str | None
    posting_url: str | None = None
    requisition_id: str | None = None
    logo_url: str | None = None
    openings: int | None = None
    education: str | None = Field(
        default=None, description="The lowest education asked for (Google's credential categories)."
    )
    language: str = Field(default=DEFAULT_LANGUAGE, description="The document's language (BCP 47), from the profile.")
    readiness: Readiness | None = Field(description="The readiness verdict; None without answers and in the posting.")
    warnings: tuple[ChasmWarning, ...] = Field(description="Execution-chasm warnings; empty in the posting.")
    sources: tuple[SourceRef, ...] = Field(description="Sources cited by the content; empty in the posting.")

    INTERNAL_FIELDS: ClassVar[frozenset[str]] = frozenset({"readiness", "warnings", "sources"})

    def posting_edition(self) -> JobDescription:
        """The same JD with the internal advisory removed, ready to post."""
        blocks = tuple(
            b.model_copy(update={"reason": None, "closes": (), "kpis": _untagged(b.kpis)}) for b in self.blocks
        )
        internal = {"readiness": None, "warnings": (), "sources": ()}
        return self.model_copy(
            update={"edition": "posting", **internal, "blocks": blocks, "kpis": _untagged(self.kpis)}
        )

    def blocks_in(self, domain_id: str) -> tuple[IncludedBlock, ...]:
        """The JD's blocks of one domain, in catalog order."""
        return tuple(b for b in self.blocks if b.domain == domain_id)
