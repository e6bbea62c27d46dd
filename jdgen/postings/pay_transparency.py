"""Pay-transparency law as data, and the check that says when a posting lacks what a law needs.

The rules live in ``posting/pay-transparency.yaml`` (see its header for the fields). This module
loads them (`load_pay_rules`), works out which apply to a profile on a given day
(`applicable_rules`), reads what a posting shows about pay (`PayFacts.from_profile` for our own
profile, `pay_facts_from_text` for a pasted posting) and turns the gaps into findings
(`pay_findings`).

Everything here is pure and deterministic: the only state is the cache of the built-in rules
file. Place names are compared without case, accents or punctuation, so ``"Washington, D.C."``
is ``"washington dc"`` and ``"N.Y.C."`` is ``"nyc"``.

The checker is an aid, not legal advice: each rule carries its sources and, where they
disagree or the law is unsettled, a caveat saying what jdgen does.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictInt, model_validator

from jdgen.common import resources
from jdgen.common.errors import CatalogError, quoted
from jdgen.data.models import Frozen, Id, Profile, Text, Url
from jdgen.data.validation import load_model
from jdgen.decide.results import Finding, Match

CHECK = "pay-transparency"
"""The `Finding.check` of every finding this module makes."""

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

_US_NAME = "United States"


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


# --- what a posting shows -----------------------------------------------------------------


class PayFacts(Frozen):
    """What a posting shows about pay: which of the required items are present."""

    min: bool = False
    max: bool = False
    currency: bool = False
    period: bool = False
    benefits: bool = False

    @classmethod
    def from_profile(cls, profile: Profile) -> PayFacts:
        """What a posting composed from `profile` shows (its ``pay`` and ``benefits``)."""
        pay = profile.pay
        return cls(
            min=pay is not None and pay.min is not None,
            max=pay is not None and pay.max is not None,
            currency=pay is not None and pay.currency is not None,
            period=pay is not None and pay.period is not None,
            benefits=bool(profile.benefits),
        )

    def missing(self, requires: Iterable[Requirement]) -> tuple[Requirement, ...]:
        """The required items this posting does not show, in the order given."""
        return tuple(item for item in requires if not getattr(self, item))


_CODES = "USD|EUR|GBP|CAD|AUD|NZD|CHF|SEK|NOK|DKK|ISK|PLN|CZK|HUF|RON|BGN|JPY|CNY|INR|SGD|HKD|MXN|BRL|ZAR|ILS|AED"
_CUR = rf"(?:(?:US|CA|AU|NZ|[CA])\$|[$€£¥₹]|\b(?:{_CODES})\b)"
_NUM = r"(?<![\d.,])(?:\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)"
_K = r"(?:\s?[kK](?![A-Za-z]))"
_BIG = re.compile(r"\s?(?:mm|mn|m|bn|b|million|billion)\b", re.IGNORECASE)
_RANGE = re.compile(
    rf"(?P<c1>{_CUR})?\s?(?P<a>{_NUM})(?P<k1>{_K})?\s*(?:-|–|—|\bto\b|\band\b|\bbis\b)\s*"
    rf"(?P<c2>{_CUR})?\s?(?P<b>{_NUM})(?P<k2>{_K})?(?P<c3>\s?{_CUR})?",
    re.IGNORECASE,
)
_SINGLE = re.compile(
    rf"(?:(?P<c1>{_CUR})\s?)?"
    r"(?:(?P<q>from|starting (?:at|from)|at least|minimum(?: of)?|min\.?|up to|maximum(?: of)?|max\.?|as much as)\s+)?"
    rf"(?:(?P<c2>{_CUR})\s?)?(?P<a>{_NUM})(?P<k>{_K})?(?P<c3>\s?{_CUR})?",
    re.IGNORECASE,
)
_LOW_WORDS = frozenset({"from", "starting at", "starting from", "at least", "minimum", "minimum of", "min", "min."})
_PERIODS: tuple[tuple[str, str], ...] = (
    ("hour", r"per hour|an hour|a hour|hourly|/\s?h(?:ou)?r\b|/\s?h\b|p/h|per hr\b|pro stunde"),
    ("day", r"per day|a day|daily|/\s?day\b|day rate"),
    ("week", r"per week|a week|weekly|/\s?wk\b|/\s?week\b"),
    ("month", r"per month|a month|monthly|/\s?mo(?:nth)?\b|pro monat|par mois"),
    (
        "year",
        (
            r"per year|a year|per annum|p\.\s?a\.|\bpa\b|annually|annual|yearly|/\s?yr\b|/\s?year\b|per yr\b"
            r"|pro jahr|jährlich|jahresgehalt|par an\b|al año|per anno"
        ),
    ),
)
_PERIOD = re.compile("|".join(f"(?:{pattern})" for _, pattern in _PERIODS), re.IGNORECASE)
_PAY_WORDS = re.compile(r"\b(?:salary|pay|compensation|wage|wages|rate|base|earn|remuneration|gehalt)\b", re.IGNORECASE)
_SALARY = re.compile(r"\bsalary\b(?!\s+(?:history|expectations?))", re.IGNORECASE)
_BENEFIT_WORDS = re.compile(
    r"\b(?:medical|dental|vision (?:coverage|insurance|care|plan)|health(?:care)? (?:insurance|coverage|plan|benefits)"
    r"|401\s?\(?k\)?|403\s?\(?b\)?|pension|retirement (?:plan|savings|contribution|match|benefits?)"
    r"|paid time off|\bpto\b|paid (?:leave|holidays|vacation)|parental leave|maternity|paternity|family leave"
    r"|sick leave|annual leave|vacation (?:days|time|weeks)|weeks of vacation|days of holiday|life insurance"
    r"|disability insurance|stock options|employee stock|equity grant|tuition reimbursement|wellness (?:stipend|budget))",
    re.IGNORECASE,
)
_BENEFIT_HEADING = re.compile(r"\bbenefits?\b|\bperks\b|what we offer", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*•·–]|\d+[.)])\s+\S")


def _is_heading(line: str) -> bool:
    text = line.strip().strip("#*_ ").rstrip(":").strip()
    if not text or text.endswith(("!", ".", "?")) or len(text.split()) > 5:
        return False
    return bool(_BENEFIT_HEADING.search(text))


def _has_benefits(text: str) -> bool:
    if _BENEFIT_WORDS.search(text):
        return True
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if not _is_heading(line):
            continue
        following = [item for item in lines[i + 1 : i + 12] if item.strip()][:4]
        for item in following:
            if item.lstrip().startswith("#"):
                break
            if _BULLET.match(item):
                return True
    return False


def _amount(number: str, k: str | None) -> float:
    digits = re.sub(r"[\s\u00a0\u202f]", "", number)
    # "120,000" / "120.000" / "45.50" / "45,50": a 3-digit last group is a thousands separator.
    parts = re.split(r"[.,]", digits)
    if len(parts) > 1 and len(parts[-1]) != 3:
        value = float("".join(parts[:-1]) + "." + parts[-1])
    else:
        value = float("".join(parts))
    return value * 1000 if k else value


def _period_near(text: str, start: int, end: int) -> bool:
    after = text[end : end + 30]
    before = text[max(0, start - 60) : start]
    return bool(_PERIOD.match(after.lstrip(" ,;()")) or _PERIOD.search(after[:20]) or _PERIOD.search(before))


def _big_after(text: str, end: int) -> bool:
    return bool(_BIG.match(text, end))


@dataclass(frozen=True)
class _Found:
    low: bool
    high: bool
    currency: bool
    period: bool


def _find_range(text: str) -> _Found | None:
    for m in _RANGE.finditer(text):
        if _big_after(text, m.end("k2") if m.group("k2") else m.end("b")):
            continue
        currency = bool(m.group("c1") or m.group("c2") or m.group("c3"))
        k = bool(m.group("k1") or m.group("k2"))
        period = _period_near(text, m.start(), m.end())
        low, high = _amount(m.group("a"), m.group("k1") or m.group("k2")), _amount(m.group("b"), m.group("k2"))
        grouped = bool(re.search(r"\d[,.\u00a0\u202f ]\d{3}", m.group("a")))
        before = text[max(0, m.start() - 60) : m.start()]
        if low > high:
            continue
        if currency or k or period or (grouped and _PAY_WORDS.search(before)):
            return _Found(True, True, currency, period or (bool(_SALARY.search(before)) and high >= 10_000))
    return None


def _find_single(text: str) -> _Found | None:
    for m in _SINGLE.finditer(text):
        if not (m.group("c1") or m.group("c2") or m.group("c3")):
            continue
        end = m.end()
        if _big_after(text, m.end("k") if m.group("k") else m.end("a")):
            continue
        before = text[max(0, m.start() - 60) : m.start()]
        period = _period_near(text, m.start(), end)
        if not (period or _PAY_WORDS.search(before) or m.group("q")):
            continue
        qualifier = " ".join((m.group("q") or "").lower().split())
        value = _amount(m.group("a"), m.group("k"))
        salary_period = bool(_SALARY.search(before)) and value >= 10_000
        if not qualifier:
            return _Found(True, True, True, period or salary_period)
        low = qualifier in _LOW_WORDS
        return _Found(low, not low, True, period or salary_period)
    return None


def pay_facts_from_text(text: str) -> PayFacts:
    """Read what a pasted posting shows about pay (a heuristic).

    A pay range is two amounts joined by a dash, "to" or "and" ("$120,000 - $150,000",
    "USD 265,000–310,000 per year", "€80,000 to €95,000 a year", "120k–150k"). It counts when
    it carries a currency symbol or ISO code, a ``k``, a pay period, or thousands separators
    after a pay word ("pay range", "salary"). Otherwise a single amount with a currency counts
    when a pay period or pay word is near: "$55/hour" is a fixed rate (minimum and maximum),
    "from USD 250,000" a minimum only, "up to USD 300,000" a maximum only. Amounts in millions
    ("$5M") are not pay. The period is a phrase such as "per year", "a year", "annually",
    "/yr", "per hour" or "hourly" next to the amount (a "salary" label before a yearly-sized
    amount counts as per year). Benefits are described when the text names one (medical, dental,
    401(k), pension, paid time off, parental leave…) or has a benefits heading followed by a
    list. jdgen's own `pay_range` output is read exactly.

    Args:
        text: the posting as plain text or Markdown.

    Returns:
        Which pay items the text shows.
    """
    found = _find_range(text) or _find_single(text)
    benefits = _has_benefits(text)
    if found is None:
        return PayFacts(benefits=benefits)
    return PayFacts(min=found.low, max=found.high, currency=found.currency, period=found.period, benefits=benefits)


# --- which rules apply --------------------------------------------------------------------


def normalise_place(name: str) -> str:
    """A place name compared without case, accents or punctuation: ``"Washington, D.C."`` → ``"washington dc"``."""
    decomposed = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[.'’]", "", text)
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


class Applicable(Frozen):
    """A rule that applies to a profile, and why."""

    rule: PayRule
    via: Via = Field(description="location, remote-scope, or assumed-country (remote with no scope).")
    place: str = Field(description="The place that matched: the location's label or the remote-scope entry.")
    reason: str = Field(description="Why the rule applies, in one sentence.")
    size_unknown: bool = Field(
        default=False, description="The rule has a headcount threshold and the profile does not give `employees`."
    )


@dataclass(frozen=True)
class _Names:
    countries: frozenset[str]
    regions: frozenset[str]
    cities: frozenset[str]
    state: str | None  # us-city: the normalised name of the city's state


def _names(rule: PayRule) -> _Names:
    m = rule.match
    regions = frozenset(normalise_place(r) for r in m.regions)
    state = normalise_place(m.regions[0]) if rule.kind == "us-city" else None
    return _Names(
        frozenset(normalise_place(c) for c in m.countries),
        regions,
        frozenset(normalise_place(c) for c in m.cities),
        state,
    )


@dataclass(frozen=True)
class _Place:
    city: str | None
    region: str | None
    country: str | None


def _norm_or_none(value: str | None) -> str | None:
    text = normalise_place(value) if value else ""
    return text or None


def _matches(rule: PayRule, names: _Names, place: _Place) -> bool:
    if rule.kind == "eu":
        return place.country is not None and place.country in names.countries
    if place.country is not None and place.country not in names.countries:
        return False
    if rule.kind != "us-city" and place.region is not None and place.region in names.regions:
        return True
    region_ok = place.region is None or place.region in names.regions
    return place.city is not None and place.city in names.cities and region_ok


def _with_implied_region(place: _Place, rules: Sequence[tuple[PayRule, _Names]]) -> _Place:
    """A city named without its region takes the region of the city rule it matches (NYC → New York)."""
    if place.region is not None:
        return place
    for rule, names in rules:
        if names.state is not None and _matches(rule, names, place):
            return _Place(place.city, names.state, place.country)
    return place


def _size(rule: PayRule, employees: int | None) -> tuple[bool, bool]:
    """(applies, size unknown) for the employer's headcount."""
    if rule.employees_min is None:
        return True, False
    if employees is None:
        return True, True
    return employees >= rule.employees_min, False


_REACHES = "and this law reaches remote jobs that could be done there"


def _scope_hits(
    entry: str, rules: Sequence[tuple[PayRule, _Names]], *, assumed: bool = False
) -> list[tuple[PayRule, str]]:
    """The rules a remote-scope entry triggers, each with the reason.

    With `assumed`, the entry is the location's country standing in for an empty remote scope.
    """
    key = normalise_place(entry)
    if not key:
        return []
    scope = (
        f"the role is fully remote with no remote_scope, so jdgen assumed hires may live anywhere in {entry} "
        "(the location's country)"
        if assumed
        else f"the remote scope includes {quoted(entry)}"
    )
    country_rules = [rule for rule, names in rules if key in names.countries]
    if country_rules:
        return [
            (rule, f"{scope}, which {rule.jurisdiction} law covers" if rule.kind == "eu" else f"{scope}, {_REACHES}")
            for rule in country_rules
            if rule.kind == "eu" or rule.covers_remote
        ]
    states = [rule for rule, names in rules if rule.kind != "us-city" and key in names.regions]
    if states:
        hits = [(rule, scope) for rule in states]
        hits += [
            (rule, f"{scope}, so a hire may work from {rule.jurisdiction}, {_REACHES}")
            for rule, names in rules
            if names.state is not None and key in names.regions and rule.covers_remote
        ]
        return hits
    hits = []
    for rule, names in rules:
        if key in names.cities:
            hits.append((rule, scope))
            if names.state is not None:
                hits += [
                    (parent, f"{scope}, which is in {parent.jurisdiction}")
                    for parent, parent_names in rules
                    if parent.kind != "us-city" and names.state in parent_names.regions
                ]
    return hits


def _location_country(place: _Place, rules: Sequence[tuple[PayRule, _Names]], written: str | None) -> str | None:
    """The location's country as written, else the United States when a US rule matches the location."""
    if written:
        return written
    if any(rule.kind != "eu" and _matches(rule, names, place) for rule, names in rules):
        return _US_NAME
    return None


def applicable_rules(
    profile: Profile, on: datetime.date, rules: Sequence[PayRule] | None = None
) -> tuple[Applicable, ...]:
    """The rules that apply to a posting for `profile` on day `on`, in rules-file order.

    The location always counts. With ``remote: yes``, each `remote_scope` entry counts too: a
    country means every rule of that country whose law reaches remote jobs (`covers_remote`);
    a state means that state's rule plus the remote-reaching rules of its cities; a city means
    that city's rule plus its state's. A fully remote role with no scope is assumed open to the
    location's whole country, and the reason says so. Hybrid and on-site roles count the
    location only.

    A rule applies from its `effective` day on, and to employers of at least `employees_min`;
    when the profile does not give `employees`, a rule with a threshold still applies and is
    marked `size_unknown`.

    Args:
        profile: the posting's facts.
        on: the day the posting goes out.
        rules: the rules to use; the built-in file by default.

    Returns:
        One `Applicable` per rule that applies, with the first reason found (location first).
    """
    indexed = [(rule, _names(rule)) for rule in (load_pay_rules() if rules is None else rules)]
    found: dict[str, tuple[Via, str, str]] = {}

    loc = profile.location
    location_label = loc.label() if loc is not None else ""
    if loc is not None and location_label:
        place = _with_implied_region(
            _Place(_norm_or_none(loc.city), _norm_or_none(loc.region), _norm_or_none(loc.country)), indexed
        )
        for rule, names in indexed:
            if _matches(rule, names, place):
                reason = f"the location ({location_label}) is in {rule.jurisdiction}"
                found.setdefault(rule.id, ("location", location_label, reason))
    else:
        place = _Place(None, None, None)

    if profile.remote == "yes":
        for entry in profile.remote_scope:
            for rule, reason in _scope_hits(entry, indexed):
                found.setdefault(rule.id, ("remote-scope", entry, reason))
        if not profile.remote_scope and loc is not None:
            country = _location_country(place, indexed, loc.country)
            if country:
                for rule, reason in _scope_hits(country, indexed, assumed=True):
                    found.setdefault(rule.id, ("assumed-country", country, reason))

    out = []
    for rule, _ in indexed:
        if rule.id not in found or on < rule.effective:
            continue
        applies, unknown = _size(rule, profile.employees)
        if not applies:
            continue
        via, matched, reason = found[rule.id]
        out.append(Applicable(rule=rule, via=via, place=matched, reason=reason, size_unknown=unknown))
    return tuple(out)


# --- findings -----------------------------------------------------------------------------


def _and_list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _size_note(app: Applicable) -> str:
    if not app.size_unknown:
        return ""
    return (
        f" It applies only to employers with {app.rule.employees_min} or more employees: "
        "set `employees` in the profile to know."
    )


def _missing_finding(app: Applicable, missing: Sequence[Requirement], in_text: bool = False) -> Finding:
    rule = app.rule
    fields = _and_list([f"`{PROFILE_FIELDS[item]}`" for item in missing])
    message = f"{rule.label()}: the posting lacks {_and_list([MISSING_LABELS[item] for item in missing])}"
    if app.size_unknown:
        message += f" (applies only to employers with {rule.employees_min}+ employees)"
    if rule.kind == "eu":
        advice = (
            f"Post the pay in the notice (set {fields} in the profile), or make sure every applicant gets the "
            "starting pay or its range before the first interview: the directive accepts either."
        )
    else:
        advice = f"Set {fields} in the profile (for a fixed rate, give the same amount as pay.min and pay.max)."
    if in_text:
        advice = (
            f"State {_and_list([MISSING_LABELS[item] for item in missing])} in the posting, for example "
            '"Pay: USD 180,000–220,000 per year" and a line on benefits.'
        )
    advice += f" What the law asks: {rule.summary} Why it applies: {app.reason}.{_size_note(app)}"
    return Finding(check=CHECK, level="warning", message=message, advice=advice, source=rule.source_text())


_GENDERED_WORD = re.compile(r"\b[^\W\d_]*(?:man|men)\b(?!['’]s)", re.IGNORECASE)
_NOT_GENDERED = frozenset(
    {
        "human", "superhuman", "inhuman", "nonhuman", "german", "roman", "shaman", "talisman", "caiman", "cayman",
        "ottoman", "amen", "omen", "semen", "specimen", "abdomen", "regimen", "acumen", "stamen", "ramen", "hymen",
        "yemen", "bitumen", "albumen", "foramen", "lumen", "dolmen", "hetman",
    }
)  # fmt: skip
_FEMININE_FORMS = re.compile(
    r"\b(?:waitress|hostess|stewardess|actress|headmistress|manageress|seamstress|salesgirl|usherette)\b",
    re.IGNORECASE,
)
# One gender only ("(m)", "(w)", "(f)") or two ("(m/w)", "(m/f)", "(h/f)") but not the diverse "(m/w/d)".
_GENDER_MARKER = re.compile(r"\(\s*(?:[mwfh]|[mwfh]\s*/\s*[mwfh])\s*\)", re.IGNORECASE)


def _match(text: str, term: str, start: int, end: int) -> Match:
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return Match(text=text[start:end], term=term, line=line, column=column, offset=start)


def gendered_title_matches(title: str) -> tuple[Match, ...]:
    """Where a job title is not gender-neutral: "-man"/"-woman" words, feminine forms, "(m/w)" markers.

    A "(m/w/d)"-style marker naming every gender is neutral; "(m/w)" or "(m)" is not.
    """
    found: list[Match] = []
    for m in _GENDERED_WORD.finditer(title):
        if m.group(0).casefold() not in _NOT_GENDERED:
            found.append(_match(title, "-man / -woman title", m.start(), m.end()))
    for m in _FEMININE_FORMS.finditer(title):
        found.append(_match(title, "gendered form", m.start(), m.end()))
    for m in _GENDER_MARKER.finditer(title):
        found.append(_match(title, "marker naming only some genders", m.start(), m.end()))
    return tuple(sorted(found, key=lambda item: item.offset))


_PAY_HISTORY = re.compile(
    r"\b(?:(?:salary|pay|wage|compensation|earnings|remuneration)\s+history"
    r"|(?:current|previous|prior|past|last|present)\s+(?:base\s+)?"
    r"(?:salary|salaries|pay|wages?|compensation|earnings|remuneration|package)"
    r"|how much (?:do )?you (?:currently )?(?:earn|make))\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"(?:not|never|n't|no)\s+(?:\w+\s+){0,3}(?:ask|request|require|seek|questions?)\b[^.\n]*$", re.IGNORECASE
)


def pay_history_matches(text: str) -> tuple[Match, ...]:
    """Where a text asks about pay history ("salary history", "current salary"…).

    Asking for salary expectations is not pay history; a sentence that promises not to ask
    ("we will not ask about your current salary") is skipped.
    """
    found = []
    for m in _PAY_HISTORY.finditer(text):
        sentence_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        if _NEGATED.search(text[sentence_start : m.start()]):
            continue
        found.append(_match(text, "pay history", m.start(), m.end()))
    return tuple(found)


def _quoted(matches: Sequence[Match]) -> str:
    return ", ".join(f'"{m.text}"' for m in matches)


def _extra_findings(app: Applicable, title: str | None, text: str | None) -> list[Finding]:
    rule = app.rule
    out = []
    if "gender-neutral-title" in rule.checks and title:
        matches = gendered_title_matches(title)
        if matches:
            out.append(
                Finding(
                    check=CHECK,
                    level="warning",
                    message=f'{rule.label()}: the job title "{title}" is not gender-neutral ({_quoted(matches)})',
                    advice=(
                        "Use a title that names the role, not a gender (Chair, Salesperson), and drop markers "
                        f"such as (m/w) or add every gender (m/w/d). Why it applies: {app.reason}."
                    ),
                    source=rule.source_text(),
                    matches=matches,
                )
            )
    if "no-pay-history" in rule.checks and text:
        matches = pay_history_matches(text)
        if matches:
            out.append(
                Finding(
                    check=CHECK,
                    level="warning",
                    message=f"{rule.label()}: the posting asks about pay history ({_quoted(matches)})",
                    advice=(
                        "Remove questions about current or past pay; asking for salary expectations is allowed. "
                        f"Why it applies: {app.reason}."
                    ),
                    source=rule.source_text(),
                    matches=matches,
                )
            )
    return out


def _unknown_location(profile: Profile, rules: Sequence[PayRule]) -> Finding | None:
    """The info finding when no rule could be determined because the location is missing or too vague."""
    loc = profile.location
    if loc is None or not loc.label():
        return Finding(
            check=CHECK,
            level="info",
            message="Pay-transparency laws were not checked: the profile gives no location",
            advice=(
                "Set `location` (city, region, country), and `remote_scope` for a fully remote role, so jdgen can "
                "tell which pay-transparency laws apply."
            ),
        )
    country = _norm_or_none(loc.country)
    us_names = {name for rule in rules if rule.kind != "eu" for name in _names(rule).countries}
    if country in us_names and not loc.city and not loc.region:
        return Finding(
            check=CHECK,
            level="info",
            message=(
                f"State and city pay-transparency laws were not checked: the location ({loc.label()}) "
                "names no state or city"
            ),
            advice="Set `location.region` (and `location.city`) so jdgen can tell which US laws apply.",
        )
    return None


def posting_day(profile: Profile, on: datetime.date | None = None) -> datetime.date:
    """The day the pay rules are checked for: `on`, else the profile's `date_posted`, else today."""
    return on or profile.date_posted or datetime.date.today()


def pay_findings(
    profile: Profile,
    facts: PayFacts | None = None,
    *,
    on: datetime.date | None = None,
    title: str | None = None,
    text: str | None = None,
    rules: Sequence[PayRule] | None = None,
    facts_from_text: bool = False,
) -> tuple[Finding, ...]:
    """Warn where a posting lacks what a pay-transparency law needs.

    One warning per applicable rule whose requirements are not all met, naming the jurisdiction,
    the law and exactly what is missing, with advice on which profile fields to set. Rules with
    further checks (the EU directive) also warn about a gendered `title` and about pay-history
    questions in `text`. When no rule applies because the location is unknown, one info finding
    asks for it; when every applicable rule is met, there is no finding (use `applicable_rules`
    to say what was checked).

    Args:
        profile: the posting's facts (location, remote, remote_scope, employees, pay, benefits).
        facts: what the posting shows; `PayFacts.from_profile(profile)` by default.
        on: the day the posting goes out; the profile's `date_posted`, else today.
        title: the job title, for the gender-neutral title check.
        text: the posting's text, for the pay-history check.
        rules: the rules to use; the built-in file by default.
        facts_from_text: the facts were read from a posting's text (`pay_facts_from_text`), so the
            advice says what to write in the posting rather than which profile fields to set.

    Returns:
        The findings, in rules-file order.
    """
    facts = facts if facts is not None else PayFacts.from_profile(profile)
    day = posting_day(profile, on)
    rule_set = load_pay_rules() if rules is None else rules
    applicable = applicable_rules(profile, day, rule_set)
    if not applicable:
        info = _unknown_location(profile, rule_set)
        return (info,) if info is not None else ()
    findings: list[Finding] = []
    for app in applicable:
        missing = facts.missing(app.rule.requires)
        if missing:
            findings.append(_missing_finding(app, missing, facts_from_text))
        findings.extend(_extra_findings(app, title, text))
    return tuple(findings)
