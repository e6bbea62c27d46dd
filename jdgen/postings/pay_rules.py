"""Pay-transparency law as data: the rules file's models, and loading them (`load_pay_rules`).

The rules live in ``posting/pay-transparency.yaml`` (see its header for the fields). Each rule
carries its sources and, where they disagree or the law is unsettled, a caveat saying what jdgen
does. The only state is the cache of the built-in rules file.
"""

from __future__ import annotations

import datetime
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictInt, model_validator

from jdgen.common import resources
from jdgen.common.errors import CatalogError
from jdgen.data.fields import Frozen, Id, Text, Url
from jdgen.data.validation import load_model

CHECK = "pay-transparency"
"""The `Finding.check` of every pay-transparency finding."""

RULES_FILE = "pay-transparency.yaml"
"""The rules file's name inside `resources.posting_dir()`."""

Requirement = Literal["min", "max", "currency", "period", "benefits"]
RuleKind = Literal["us-state", "us-city", "us-district", "eu"]
ExtraCheck = Literal["gender-neutral-title", "no-pay-history"]
Via = Literal["location", "remote-scope", "assumed-country"]

#: How each requirement is named in a finding's message.
MISSING_LABELS: dict[str, str] = {
    "min": "a pay minimum",
    "max": "a pay maximum",
    "currency": "a currency",
    "period": "a pay period (per hour, per year…)",
    "benefits": "a benefits description",
}

#: The profile field that supplies each requirement, for the advice.
PROFILE_FIELDS: dict[str, str] = {
    "min": "pay.min",
    "max": "pay.max",
    "currency": "pay.currency",
    "period": "pay.period",
    "benefits": "benefits",
}

US_NAME = "United States"


# --- the rules file -----------------------------------------------------------------------


class PaySource(Frozen):
    """Where a rule comes from: the statute, the regulator, or a reputable summary of them."""

    title: Text
    publisher: Text = Field(description="The publisher or author.")
    year: StrictInt = Field(ge=1900, le=2100)
    url: Url


class PlaceMatch(Frozen):
    """The place names that put a location under a rule (compared normalised, see `normalise_place`)."""

    countries: tuple[Text, ...] = Field(
        min_length=1, description="Country names and codes; eu: the member states; us-*: the United States."
    )
    regions: tuple[Text, ...] = Field(
        default=(), description="State names and abbreviations; us-city: the city's state, canonical name first."
    )
    cities: tuple[Text, ...] = Field(default=(), description="City names and aliases.")


class PayRule(Frozen):
    """One pay-transparency law: where and from when it applies, and what a posting must show."""

    id: Id
    jurisdiction: Text = Field(description="The place, as printed in findings, e.g. Colorado.")
    kind: RuleKind
    law: Text = Field(description="The law's short name, as printed in findings.")
    citation: Text = Field(description="The legal reference; printed as the finding's source.")
    match: PlaceMatch
    effective: datetime.date = Field(description="The first day the rule applies.")
    employees_min: Annotated[StrictInt, Field(ge=1)] | None = Field(
        description="The smallest employer (headcount) it applies to; null: any size."
    )
    covers_remote: StrictBool = Field(
        description="The law reaches remote jobs that could be done there (a country-wide remote scope triggers it)."
    )
    requires: tuple[Requirement, ...] = Field(min_length=1, description="What the posting itself must show.")
    checks: tuple[ExtraCheck, ...] = Field(default=(), description="Further checks of the title and text.")
    summary: Text
    sources: tuple[PaySource, ...] = Field(min_length=1)
    caveat: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> PayRule:
        for name, values in (("requires", self.requires), ("checks", self.checks)):
            if len(set(values)) != len(values):
                raise ValueError(f"{name} lists an entry twice")
        if self.kind in ("us-state", "us-district") and not self.match.regions:
            raise ValueError(f"a {self.kind} rule needs match.regions")
        if self.kind == "us-city" and not (self.match.cities and self.match.regions):
            raise ValueError("a us-city rule needs match.cities and match.regions (the city's state first)")
        if self.kind == "eu" and (self.match.regions or self.match.cities):
            raise ValueError("an eu rule matches countries only; leave out match.regions and match.cities")
        return self

    def label(self) -> str:
        """``Colorado (Equal Pay for Equal Work Act, from 2021-01-01)``."""
        return f"{self.jurisdiction} ({self.law}, from {self.effective.isoformat()})"

    def source_text(self) -> str:
        """The citation and the first source's address, for `Finding.source`."""
        return f"{self.citation} ({self.sources[0].url})"


class PayRulesFile(Frozen):
    """The contents of the rules file."""

    rules: tuple[PayRule, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> PayRulesFile:
        seen: set[str] = set()
        for rule in self.rules:
            if rule.id in seen:
                raise ValueError(f"rule id {rule.id!r} is used twice")
            seen.add(rule.id)
        return self


def _load(path: Path) -> tuple[PayRule, ...]:
    return load_model(path, PayRulesFile, CatalogError, "expected a mapping with a 'rules' list at the top level").rules


@cache
def _builtin_rules() -> tuple[PayRule, ...]:
    return _load(resources.posting_dir() / RULES_FILE)


def load_pay_rules(path: Path | None = None) -> tuple[PayRule, ...]:
    """The pay-transparency rules, in file order.

    Args:
        path: a rules file to read instead of the built-in one (read afresh on every call).

    Returns:
        The validated rules.

    Raises:
        CatalogError: the file is missing, is not valid YAML, or a rule is invalid; the message
            is one line naming the file and the problem.
    """
    return _builtin_rules() if path is None else _load(path)
