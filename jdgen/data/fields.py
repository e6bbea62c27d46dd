"""The field types every model shares, the size limits, and `Frozen`, the base of every model.

Text is cleaned of characters no .docx or HTML may hold and refused when blank, in three sizes
(a name, a phrase, a passage) with room for any real value and none for a megabyte pasted by
mistake. Every model is frozen and rejects unknown fields, so a typo in a YAML key is an error
rather than a silently ignored setting. Field descriptions double as the JSON Schema documentation.
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
#: Google's credentialCategory values for educationRequirements (JobPosting structured data, read 2026-12-04).
EducationLevel = Literal[
    "high school", "associate degree", "bachelor degree", "professional certificate", "postgraduate degree"
]

EmploymentType = Literal[
    "FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"
]
#: The schema.org occupationalCategory a CCO posting carries unless the profile says otherwise:
#: O*NET-SOC has no Chief Customer Officer code; the role is a C-suite executive (README).
DEFAULT_OCCUPATION = "11-1011.00 Chief Executives"

SEVERITY_ORDER: dict[str, int] = {"info": 0, "warning": 1, "critical": 2}


class Frozen(BaseModel):
    """Base of every model: immutable, unknown keys rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
