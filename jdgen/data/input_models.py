"""The user's inputs as models: readiness answers, a survey of respondents, and the company profile."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from jdgen.data.fields import (
    DEFAULT_LANGUAGE,
    DEFAULT_OCCUPATION,
    MAX_LIST_ITEMS,
    MAX_PLACES,
    MAX_RESPONDENTS,
    Amount,
    AnswerValue,
    Count,
    Date,
    EducationLevel,
    EmploymentType,
    Frozen,
    Id,
    LanguageTag,
    Layering,
    Name,
    Passage,
    PayPeriod,
    Phrase,
    RemoteMode,
    Text,
    Url,
)


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
    posting_url: Url | None = Field(default=None, description="Where the posting is published (JSON-LD url).")
    requisition_id: Name | None = Field(
        default=None, description="The requisition's number in your ATS (JSON-LD identifier, named by the company)."
    )
    logo_url: Url | None = Field(default=None, description="The company's logo (JSON-LD hiringOrganization.logo).")
    openings: Count | None = Field(default=None, description="People hired on this posting (JSON-LD totalJobOpenings).")
    education: EducationLevel | None = Field(
        default=None,
        description="The lowest education asked for (JSON-LD educationRequirements): high school, associate degree, "
        "bachelor degree, professional certificate or postgraduate degree.",
    )
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
