"""The catalog's entities as models: domains, blocks, archetypes, statements, chasm rules, sectors, sources.

One model per kind of entry in ``catalog/*.yaml``; `CatalogFile` is one file's sections.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from jdgen.data.code_models import Code, CodeSet, Occupation
from jdgen.data.fields import (
    Authority,
    Band,
    Count,
    Date,
    Evidence,
    Focus,
    Frozen,
    Id,
    Layering,
    ReportingFunction,
    ReportingLevel,
    Severity,
    SourceKind,
    Text,
    Url,
)
from jdgen.data.pack_models import BlockProbe, CompetencyQuestions, Decision, Forum, ReferenceQuestion, Role


class Source(Frozen):
    """An entry of the source register (seeds/sources.yaml): what the catalog rests on."""

    id: Id
    author: Text
    title: Text
    publisher: Text | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    date: Date | None = None
    url: Url | None = None
    kind: SourceKind
    used_for: Text = Field(description="What jdgen uses this source for.")
    caveat: Text | None = Field(default=None, description="Corrections, conflicts, secondary-source notes.")

    def short(self, year: str | None = None) -> str:
        """``Author, year`` for inline citations; `year` as the register labels it (2012a), else this year."""
        return f"{self.author}, {year or self.year or 'n.d.'}"

    def citation(self, year: str | None = None) -> str:
        """A short human citation, ``Author (year). Title. Publisher.``; `year` as for `short`."""
        publisher = f" {self.publisher}." if self.publisher else ""
        title = self.title if self.title.endswith(("?", "!", ".")) else self.title + "."
        return f"{self.author} ({year or self.year or 'n.d.'}). {title}{publisher}"


class Domain(Frozen):
    """A domain of CCO work; responsibilities are grouped by domain in catalog order."""

    id: Id
    title: Text
    summary: Text


class Competency(Frozen):
    """A competency a block calls for; the JD lists those of its blocks as qualifications."""

    id: Id
    title: Text
    description: Text
    by_authority: dict[Authority, Text] = Field(
        default={}, description="The description for roles of one authority model, where it differs."
    )
    esco_skill: Code | None = Field(default=None, description="The ESCO skill it maps to, where one does.")


class BlockVariant(Frozen):
    """A block's wording in some sectors, or for some archetypes, replacing the fields it gives."""

    sectors: tuple[Id, ...] = Field(default=(), description="Applies in these sectors, whatever the archetype.")
    archetypes: tuple[Id, ...] = Field(default=(), description="Applies to these archetypes, whatever the sector.")
    title: Text | None = None
    purpose: Text | None = None
    you_will: Text | None = None
    outcome: Text | None = None
    outcome_measure: Text | None = None
    duties: tuple[Text, ...] | None = Field(default=None, min_length=3)
    kpis: tuple[Text, ...] | None = Field(default=None, min_length=1)
    partners: tuple[Text, ...] | None = Field(default=None, min_length=1)
    sources: tuple[Id, ...] = ()


class Block(Frozen):
    """A responsibility block: the unit a job description is made of."""

    id: Id
    domain: Id
    title: Text
    purpose: Text = Field(description="One line: what the block achieves for the company.")
    you_will: Text | None = Field(
        default=None, description="The posting's bullet: what the hire will do and why, in the second person."
    )
    outcome: Text | None = Field(default=None, description="What this work has achieved after a first year.")
    outcome_measure: Text | None = Field(
        default=None, description="How the scorecard measures the outcome, in plain words, no citations."
    )
    duties: tuple[Text, ...] = Field(min_length=3, description="Job-description bullets, active voice.")
    kpis: tuple[Text, ...] = Field(min_length=1)
    partners: tuple[Text, ...] = Field(min_length=1, description="Partner functions for this work.")
    competencies: tuple[Id, ...] = Field(min_length=1)
    sources: tuple[Id, ...] = Field(min_length=1)
    variants: tuple[BlockVariant, ...] = Field(
        default=(), description="Other wording for some sectors or archetypes: the first that applies is used."
    )


class Chasm(Frozen):
    """What an archetype typically lacks: its execution chasm (after Bliss, 2012)."""

    summary: Text
    lacks: tuple[Text, ...] = Field(min_length=1)
    blocks: tuple[Id, ...] = Field(min_length=1, description="Blocks it typically lacks the discipline for.")
    inference: bool = Field(
        default=False, description="True when this chasm is our reading of the sources, not stated by them."
    )


class Archetype(Frozen):
    """A kind of CCO role, with its scope, reporting line, authority, strengths and chasm."""

    id: Id
    name: Text
    title: Text = Field(description="The job title the JD carries.")
    summary: Text
    mandate: Text = Field(description="The JD's mandate paragraph.")
    scope: tuple[Text, ...] = Field(min_length=1)
    reports_to: Text = Field(description="Default reporting line.")
    dotted_lines: tuple[Text, ...] = Field(default=(), description="Customer-facing teams that answer to the role.")
    key_peers: tuple[Text, ...] = Field(default=(), description="Executives the role works with as equals.")
    authority: Authority
    focus: Focus
    core_blocks: tuple[Id, ...] = Field(min_length=1)
    strong_blocks: tuple[Id, ...] = ()
    strengths: tuple[Text, ...] = Field(min_length=1)
    chasm: Chasm
    qualifications: tuple[Text, ...] = Field(min_length=1)
    measures: tuple[Text, ...] = Field(
        min_length=3, description="The outcome measures a posting leads with, in plain words, no citations."
    )
    occupation: Occupation | None = Field(default=None, description="Its ISCO-08 and ESCO occupation codes.")
    sources: tuple[Id, ...] = Field(min_length=1)


class Statement(Frozen):
    """One of the readiness statements the executive team answers."""

    id: Id
    title: Text
    text: Text = Field(description="The neutral statement answered yes / partial / no / unknown.")
    gap: Text = Field(description="The finding when the answer is no.")
    gap_partial: Text = Field(description="The finding when the answer is partial: some of it holds.")
    why: Text
    closes: tuple[Id, ...] = Field(min_length=1, description="Blocks whose work closes this gap.")
    sources: tuple[Id, ...] = Field(min_length=1)


class Range(Frozen):
    """An inclusive range for a counted condition; an omitted end is open."""

    min: Count | None = None
    max: Count | None = None

    def holds(self, value: int) -> bool:
        """Whether `value` lies in the range."""
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


class Conditions(Frozen):
    """When a rule fires: every condition given must hold; omitted ones are ignored."""

    archetypes: tuple[Id, ...] | None = None
    authority: tuple[Authority, ...] | None = None
    focus: tuple[Focus, ...] | None = None
    layered_onto: tuple[Layering, ...] | None = None
    reporting_level: tuple[ReportingLevel, ...] | None = None
    reporting_function: tuple[ReportingFunction, ...] | None = None
    gaps_any: tuple[Id, ...] | None = None
    no_count: Range | None = None
    gap_count: Range | None = None
    known_count: Range | None = None
    team_size: Range | None = None
    readiness: tuple[Band, ...] | None = None
    blocks_none: tuple[Id, ...] | None = None
    answered: bool | None = None
    dissent: bool | None = Field(
        default=None, description="true: respondents disagree (yes and no) on at least one statement."
    )


class Rule(Frozen):
    """An execution-chasm rule: declarative conditions and the warning they raise."""

    id: Id
    severity: Severity
    when: Conditions = Conditions()
    for_each: Literal["chasm-gap"] | None = Field(
        default=None,
        description="chasm-gap: one warning per gap the archetype typically lacks the discipline to close.",
    )
    title: Text
    why: Text
    action: Text
    sources: tuple[Id, ...] = Field(min_length=1)
    evidence: Evidence = Field(
        description="survey: primary research across many firms; framework: a practitioner's framework or "
        "opinion; case: a single company's case; inference: jdgen's reading of the sources."
    )


class PlanStep(Frozen):
    """A step of the first 90 days, optionally shown only with some blocks."""

    text: Text
    when_blocks: tuple[Id, ...] = ()


class PlanPhase(Frozen):
    """A phase of the first 90 days."""

    id: Id
    title: Text
    steps: tuple[PlanStep, ...] = Field(min_length=1)


class AuthorityModel(Frozen):
    """Advisory, matrixed or operational (Forrester, 2012)."""

    id: Authority
    title: Text
    description: Text
    sources: tuple[Id, ...] = Field(min_length=1)


class ReportingLine(Frozen):
    """How a reporting-line title is classified: its level and the function it heads."""

    id: Id
    level: ReportingLevel
    function: ReportingFunction
    aliases: tuple[Text, ...] = Field(min_length=1)


class Term(Frozen):
    """A word of the catalog's general wording and the one a sector uses instead."""

    general: Text = Field(description="As the catalog writes it, matched as whole words, case included.")
    here: Text = Field(description="As this sector says it.")
    whole_item: bool = Field(
        default=False, description="Only a list item that is exactly this (a partner function), not within text."
    )


class Sector(Frozen):
    """A sector a company names in its profile, and how common each archetype is in it."""

    id: Id
    name: Text
    customer: Text = Field(description="Who the customer usually is in this sector, in a few words.")
    typical: tuple[Id, ...] = Field(default=(), description="Archetypes common in this sector.")
    possible: tuple[Id, ...] = Field(default=(), description="Archetypes that fit some companies in it.")
    unsuited: tuple[Id, ...] = Field(
        default=(), description="Archetypes built for another kind of organization: ranked below every other."
    )
    why: Text = Field(description="The reading behind the lists, with its sources.")
    inference: bool = Field(description="True when the lists are jdgen's reading rather than a source's finding.")
    sources: tuple[Id, ...] = Field(min_length=1)
    terms: tuple[Term, ...] = Field(
        default=(), description="The sector's own words for the catalog's general ones (company, CEO, board…)."
    )
    measures: tuple[Text, ...] = Field(default=(), description="Measures a posting in this sector leads with.")


class Priority(Frozen):
    """A problem a company hires the role to solve, and the archetypes built for it."""

    id: Id
    name: Text
    description: Text
    primary: tuple[Id, ...] = Field(min_length=1, description="Archetypes whose core work is this problem.")
    secondary: tuple[Id, ...] = Field(default=(), description="Archetypes that address it as part of a wider remit.")
    why: Text
    inference: bool
    sources: tuple[Id, ...] = Field(min_length=1)


class Alternative(Frozen):
    """A way to do the customer work without creating a CCO role, for a board that may not need one."""

    id: Id
    name: Text
    description: Text
    conditions: tuple[Text, ...] = Field(min_length=1, description="What it needs to succeed.")
    sources: tuple[Id, ...] = Field(min_length=1)


class CatalogFile(Frozen):
    """The contents of one catalog YAML file: any of these lists, nothing else."""

    domains: tuple[Domain, ...] = ()
    blocks: tuple[Block, ...] = ()
    competencies: tuple[Competency, ...] = ()
    archetypes: tuple[Archetype, ...] = ()
    statements: tuple[Statement, ...] = ()
    rules: tuple[Rule, ...] = ()
    first_90_days: tuple[PlanPhase, ...] = ()
    authority_models: tuple[AuthorityModel, ...] = ()
    reporting_lines: tuple[ReportingLine, ...] = ()
    sources: tuple[Source, ...] = ()
    sectors: tuple[Sector, ...] = ()
    priorities: tuple[Priority, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    competency_questions: tuple[CompetencyQuestions, ...] = ()
    block_probes: tuple[BlockProbe, ...] = ()
    reference_questions: tuple[ReferenceQuestion, ...] = ()
    roles: tuple[Role, ...] = ()
    decisions: tuple[Decision, ...] = ()
    forums: tuple[Forum, ...] = ()
    year_plan: tuple[PlanPhase, ...] = ()
    code_sets: tuple[CodeSet, ...] = ()


#: The singular label of each catalog section, for messages.
KIND_LABELS: dict[str, str] = {
    "domains": "domain",
    "blocks": "block",
    "competencies": "competency",
    "archetypes": "archetype",
    "statements": "statement",
    "rules": "rule",
    "first_90_days": "plan phase",
    "authority_models": "authority model",
    "reporting_lines": "reporting line",
    "sources": "source",
    "sectors": "sector",
    "priorities": "priority",
    "alternatives": "alternative",
    "competency_questions": "competency's questions",
    "block_probes": "block probe",
    "reference_questions": "reference question",
    "roles": "role",
    "decisions": "decision",
    "forums": "forum",
    "year_plan": "year-plan phase",
    "code_sets": "code set",
}
