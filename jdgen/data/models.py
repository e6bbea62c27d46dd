"""Pydantic models: the catalog's entities, the user's inputs, and the job description.

Every model is frozen and rejects unknown fields, so a typo in a YAML key is an error rather
than a silently ignored setting. Field descriptions double as the JSON Schema documentation.
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    StringConstraints,
    field_validator,
    model_validator,
)

# C0 controls except tab, newline and carriage return; DEL; C1 controls; lone surrogates; and
# the two non-characters XML 1.0 forbids. No text jdgen reads keeps them: they cannot appear in
# a .docx or well-formed HTML. Everything else (right-to-left scripts, emoji) is kept.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _clean(value: Any) -> Any:
    return XML_ILLEGAL.sub("", value) if isinstance(value, str) else value


def _not_blank(value: str) -> str:
    if not value:
        raise ValueError("is empty (blank space and control characters do not count); give some text or leave it out")
    return value


Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[
    str,
    BeforeValidator(_clean),
    StringConstraints(strip_whitespace=True),
    AfterValidator(_not_blank),
    Field(json_schema_extra={"pattern": r"\S"}),  # blank text is refused
]
#: Profile text by kind, with room for any real value and none for a megabyte pasted by mistake.
Name = Annotated[
    str,
    BeforeValidator(_clean),
    StringConstraints(strip_whitespace=True, max_length=300),
    AfterValidator(_not_blank),
    Field(json_schema_extra={"pattern": r"\S"}),
]
Phrase = Annotated[
    str,
    BeforeValidator(_clean),
    StringConstraints(strip_whitespace=True, max_length=1_000),
    AfterValidator(_not_blank),
    Field(json_schema_extra={"pattern": r"\S"}),
]
Passage = Annotated[
    str,
    BeforeValidator(_clean),
    StringConstraints(strip_whitespace=True, max_length=20_000),
    AfterValidator(_not_blank),
    Field(json_schema_extra={"pattern": r"\S"}),
]
#: Most entries in a profile's lists and a survey's respondents (a leadership team is a few dozen).
MAX_LIST_ITEMS = 50
MAX_PLACES = 250
MAX_RESPONDENTS = 200

Url = Annotated[
    str,
    BeforeValidator(_clean),
    StringConstraints(strip_whitespace=True, pattern=r"^https?://\S+$"),
    Field(json_schema_extra={"pattern": r"^\s*https?://\S+\s*$"}),
]

#: A BCP 47 language tag, as Word, HTML and screen readers take it: en-US, en-GB, fr-CA, de.
LanguageTag = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=35, pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
]
DEFAULT_LANGUAGE = "en-US"


def _amount(value: Any) -> Any:
    """A sum of money: a finite number, 0 or more (one message, not one per number type)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("expected a number")  # noqa: TRY004  (pydantic reports ValueError only)
    try:
        finite = math.isfinite(value)
    except OverflowError:  # an integer too large for a float: no pay is that large
        finite = False
    if not finite:
        raise ValueError("expected a finite number")
    if value < 0:
        raise ValueError("expected 0 or more")
    return value


Amount = Annotated[StrictInt | StrictFloat, BeforeValidator(_amount), Field(json_schema_extra={"minimum": 0})]


def _integral(value: Any) -> Any:
    """``2400.0`` (how JSON tools often write a whole number) as ``2400``; anything else as it is."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


Count = Annotated[StrictInt, Field(ge=0), BeforeValidator(_integral)]


def _date_not_number(value: Any) -> Any:
    """A number is not a date (pydantic would read it, or a string of digits, as seconds since 1970)."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number or (isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+(\.\d*)?\s*", value)):
        raise ValueError("expected a date written YYYY-MM-DD")
    return value


Date = Annotated[datetime.date, BeforeValidator(_date_not_number)]

Authority = Literal["advisory", "matrixed", "operational"]
Focus = Literal["enterprise", "touchpoint"]
Severity = Literal["info", "warning", "critical"]
#: How strong the evidence behind a chasm rule is (README, "Execution-chasm rules").
Evidence = Literal["survey", "framework", "case", "inference"]
Band = Literal["strong-mandate", "emerging-need", "well-adjusted", "inconclusive"]
AnswerValue = Literal["yes", "partial", "no", "unknown"]
Layering = Literal["none", "customer-service", "marketing", "other"]
ReportingLevel = Literal["ceo", "c-suite", "below-c-suite"]
ReportingFunction = Literal[
    "executive", "operations", "marketing", "service", "sales", "finance", "technology", "product", "other"
]
SourceKind = Literal["seed-article", "book", "article", "blog", "report", "survey", "web-page", "job-posting"]
PayPeriod = Literal["hour", "day", "week", "month", "year"]
RemoteMode = Literal["no", "hybrid", "yes"]
EmploymentType = Literal[
    "FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"
]
#: The schema.org occupationalCategory a CCO posting carries unless the profile says otherwise:
#: O*NET-SOC has no Chief Customer Officer code; the role is a C-suite executive (README).
DEFAULT_OCCUPATION = "11-1011.00 Chief Executives"

SEVERITY_ORDER: dict[str, int] = {"info": 0, "warning": 1, "critical": 2}


class Frozen(BaseModel):
    """Base of every model: immutable, unknown keys rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- catalog entities ---------------------------------------------------------------------


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


class BlockVariant(Frozen):
    """A block's wording in some sectors, or for some archetypes, replacing the fields it gives."""

    sectors: tuple[Id, ...] = Field(default=(), description="Applies in these sectors, whatever the archetype.")
    archetypes: tuple[Id, ...] = Field(default=(), description="Applies to these archetypes, whatever the sector.")
    title: Text | None = None
    purpose: Text | None = None
    you_will: Text | None = None
    outcome: Text | None = None
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
}


# --- user inputs ---------------------------------------------------------------------------


def _yaml_bool_answer(value: Any) -> Any:
    # YAML 1.1 reads a bare yes/no as a boolean; map it back to the answer the user typed.
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value.strip().lower() if isinstance(value, str) else value


class Answers(Frozen):
    """One respondent's readiness answers: statement id → yes | partial | no | unknown.

    In YAML an answer is either the bare value or ``{answer: VALUE, note: TEXT}`` (a note
    alone counts as unknown); the notes are kept apart in `notes`. Statement ids are checked against the catalog when loaded.
    """

    respondent: Name | None = Field(default=None, description="Who answered (a name).")
    role: Name | None = Field(default=None, description="The respondent's role, e.g. CFO.")
    answers: dict[str, AnswerValue] = Field(default_factory=dict)
    notes: dict[str, Passage] = Field(default_factory=dict, description="Statement id → the respondent's note.")

    @model_validator(mode="before")
    @classmethod
    def _split_notes(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
            return data
        answers: dict[Any, Any] = {}
        notes: dict[Any, Any] = dict(data["notes"]) if isinstance(data.get("notes"), dict) else {}
        for key, value in data["answers"].items():
            if isinstance(value, dict) and value and set(value) <= {"answer", "note"}:
                answers[key] = value.get("answer", "unknown")  # a note alone: no answer yet
                if value.get("note") is not None:
                    notes[key] = value["note"]
            else:
                answers[key] = value
        out = {**data, "answers": {k: _yaml_bool_answer(v) for k, v in answers.items()}}
        if notes:
            out["notes"] = notes
        return out

    def who(self, position: int) -> str:
        """How the respondent is named in findings: the role, else the name, else ``respondent N``."""
        return self.role or self.respondent or f"respondent {position}"


class Survey(Frozen):
    """The answers of one or more respondents, aggregated per statement by `jdgen.decide.assessment`."""

    respondents: tuple[Answers, ...] = Field(min_length=1, max_length=MAX_RESPONDENTS)


class Location(Frozen):
    """Where the role is based."""

    city: Name | None = None
    region: Name | None = Field(default=None, description="State, province or region.")
    country: Name | None = None

    def label(self) -> str:
        """``City, Region, Country`` with the missing parts left out."""
        return ", ".join(p for p in (self.city, self.region, self.country) if p)


class Pay(Frozen):
    """The pay range offered."""

    min: Amount | None = None
    max: Amount | None = None
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = Field(
        default=None, description="ISO 4217 code, e.g. USD."
    )
    period: PayPeriod | None = None

    @field_validator("currency", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _ordered(self) -> Pay:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min:g}) is greater than max ({self.max:g}); swap them")
        return self


class Profile(Frozen):
    """The hiring company and the posting's facts; every field is optional."""

    company: Name | None = None
    industry: Name | None = None
    company_url: Url | None = Field(default=None, description="The company's website (JSON-LD hiringOrganization).")
    employees: Count | None = Field(
        default=None, description="The employer's headcount: pay-transparency laws apply from a size threshold."
    )
    location: Location | None = None
    remote: RemoteMode = Field(default="no", description="no | hybrid | yes (fully remote).")
    remote_scope: tuple[Name, ...] = Field(
        default=(),
        max_length=MAX_PLACES,
        description="Where a remote hire may live: countries, states or cities, e.g. [United States] or [Colorado].",
    )
    employment_type: EmploymentType = Field(default="FULL_TIME", description="schema.org employmentType.")
    occupational_category: Name = Field(
        default=DEFAULT_OCCUPATION, description="schema.org occupationalCategory: an O*NET-SOC code and its label."
    )
    sector: Id = Field(
        default="other",
        description="The company's sector, a catalog id: saas, retail, public-sector… (jdgen sectors lists them).",
    )
    priorities: tuple[Id, ...] = Field(
        default=(),
        max_length=MAX_LIST_ITEMS,
        description="The problems the role is hired to solve, catalog ids: retention, cost-to-serve… (jdgen priorities lists them).",
    )
    reports_to: Name | None = Field(default=None, description="Defaults to the archetype's reporting line (CEO).")
    layered_onto: Layering = Field(default="none", description="The existing job the CCO role is added to, if any.")
    team_size: Count | None = None
    experience_years: Count | None = Field(
        default=None,
        description="Years of experience asked for: '15+ years' in the posting, or 'substantial experience' in the UK and EU.",
    )
    team_scale: Phrase | None = Field(
        default=None, description="The scale of teams led before, e.g. 'teams of 500 or more across several sites'."
    )
    travel: Phrase | None = Field(
        default=None, description="How much travel, and where, e.g. 'Up to 30%, mostly to stores'."
    )
    pay: Pay | None = None
    bonus: Phrase | None = Field(
        default=None, description="Annual bonus or short-term incentive, e.g. 'Target 30% of base pay'."
    )
    equity: Phrase | None = Field(
        default=None, description="Long-term incentive or equity, e.g. 'Stock units vesting over four years'."
    )
    hiring_process: tuple[Phrase, ...] = Field(
        default=(), max_length=MAX_LIST_ITEMS, description="The steps of the hiring process, in order."
    )
    start: Phrase | None = Field(
        default=None, description="When the role starts, or the hiring timeline, e.g. 'Spring 2027'."
    )
    benefits: tuple[Phrase, ...] = Field(default=(), max_length=MAX_LIST_ITEMS)
    about: Passage | None = Field(default=None, description="About the company; blank lines separate paragraphs.")
    eeo_statement: Passage | None = None
    date_posted: Date | None = None
    valid_through: Date | None = None
    apply_url: Url | None = None
    language: LanguageTag = Field(
        default=DEFAULT_LANGUAGE,
        description="The documents' language as a BCP 47 tag (en-US, en-GB, fr-CA): Word's spelling and screen readers use it.",
    )

    @field_validator("remote", mode="before", json_schema_input_type=RemoteMode | bool)
    @classmethod
    def _remote(cls, value: Any) -> Any:
        return _yaml_bool_answer(value)

    @field_validator("sector", mode="before")
    @classmethod
    def _sector(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("priorities", mode="before", json_schema_input_type=tuple[Id, ...] | Id)
    @classmethod
    def _priorities(cls, value: Any) -> Any:
        items = [value] if isinstance(value, str) else value
        if isinstance(items, list | tuple) and all(isinstance(i, str) for i in items):
            return tuple(dict.fromkeys(i.strip().lower() for i in items))  # one each, as typed in any case
        return items

    @field_validator(
        "benefits", "remote_scope", "hiring_process", mode="before", json_schema_input_type=tuple[Text, ...] | Text
    )
    @classmethod
    def _listify(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("employment_type", mode="before")
    @classmethod
    def _employment_type(cls, value: Any) -> Any:
        return value.strip().upper().replace("-", "_").replace(" ", "_") if isinstance(value, str) else value

    @field_validator("layered_onto", mode="before", json_schema_input_type=Layering | Literal[False] | None)
    @classmethod
    def _layered(cls, value: Any) -> Any:
        if value is None or value is False:
            return "none"
        return value.strip().lower() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _dates(self) -> Profile:
        if self.date_posted and self.valid_through and self.valid_through < self.date_posted:
            raise ValueError(f"valid_through ({self.valid_through}) is before date_posted ({self.date_posted})")
        return self
